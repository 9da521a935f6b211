"""pmm report / pmm compendio --format docx: the Word document is a zip of
well-formed XML parts, its headings use Word's built-in heading styles,
its tables are tables and its charts images with alternative text, it says
what the HTML says, and LibreOffice opens it (headless, converted to HTML:
headings as <h1>/<h2>, the tables, the images)."""
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from pmmtest import Scratch, check, eq, contains, done
from reportcheck import Doc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
s = Scratch()
s.pmm("demo", check=0)
s.pmm("report", "--edition", "2024", "--format", "docx", "-o", "informe.docx", check=0)
s.pmm("report", "--edition", "2024", "--format", "html", "-o", "informe.html", check=0)
DOCX = s.path("informe.docx")
HTML = open(s.path("informe.html"), encoding="utf-8").read()


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(path, name):
    return ET.fromstring(parts(path)[name])


def paragraphs(path):
    """(style, text) of every paragraph of the body, tables included."""
    out = []
    for p in xml(path, "word/document.xml").iter(W + "p"):
        st = p.find(W + "pPr/" + W + "pStyle")
        out.append((st.get(W + "val") if st is not None else "", "".join(t.text or "" for t in p.iter(W + "t"))))
    return out


def flat(t):
    return re.sub(r"\s+", " ", t.replace("\u00a0", " "))


def every_part_is_well_formed_xml():
    p = parts(DOCX)
    for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                 "word/settings.xml", "word/footer1.xml", "word/_rels/document.xml.rels", "docProps/core.xml"):
        if name not in p:
            raise AssertionError("missing part " + name)
    for name, data in p.items():
        if name.endswith(".xml") or name.endswith(".rels"):
            ET.fromstring(data)         # raises on malformed XML
        elif name.endswith(".png") and not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise AssertionError(name + " is not a PNG")
    # every relationship of the document points to a part that exists
    for r in xml(DOCX, "word/_rels/document.xml.rels"):
        if "word/" + r.get("Target") not in p:
            raise AssertionError("relationship to a missing part: " + r.get("Target"))


def headings_use_word_heading_styles():
    styles = xml(DOCX, "word/styles.xml")
    for level in (1, 2, 3):
        st = [x for x in styles.iter(W + "style") if x.get(W + "styleId") == "Heading%d" % level]
        eq(len(st), 1, "style Heading%d" % level)
        eq(st[0].find(W + "name").get(W + "val"), "heading %d" % level, "built-in name")
        eq(st[0].find(W + "pPr/" + W + "outlineLvl").get(W + "val"), str(level - 1), "outline level")
    ps = paragraphs(DOCX)
    h1 = [t for st, t in ps if st == "Heading1"]
    h2 = [t for st, t in ps if st == "Heading2"]
    for title in ("II. Conformación del informe", "V. Conclusiones",
                  "VI. Glosario de categorías de retos identificados"):
        if title not in h1:
            raise AssertionError("%r not a Heading1: %r" % (title, h1))
    if not any(t.startswith("Objetivo 7.") for t in h2):
        raise AssertionError("no Heading2 for objective 7: %r" % h2[:10])
    # the contents lists the parts, each a link to a bookmark on its heading
    doc = xml(DOCX, "word/document.xml")
    marks = {b.get(W + "name") for b in doc.iter(W + "bookmarkStart")}
    links = [h.get(W + "anchor") for h in doc.iter(W + "hyperlink")]
    if len(links) < 20:
        raise AssertionError("only %d links" % len(links))
    for a in links:
        if a not in marks:
            raise AssertionError("link to a missing bookmark " + a)


def same_text_as_the_html():
    html_text = flat(Doc(HTML).text)
    docx_text = flat("\n".join(t for _, t in paragraphs(DOCX)))
    for pat in (r"Los objetivos con más acciones son .*? acciones\.", r"Se reportaron \d+ retos.*?\)\."):
        m = re.search(pat, html_text)
        contains(docx_text, m.group(0), "DOCX text")
    contains(docx_text, "La Administración Pública Federal no reportó acciones para los objetivos 18 y 19.")


def tables_and_charts():
    doc = xml(DOCX, "word/document.xml")
    tables = list(doc.iter(W + "tbl"))
    eq(len(tables), HTML.count("<table"), "tables (as in the HTML)")
    for t in tables:
        first = t.find(W + "tr")
        if first.find(W + "trPr/" + W + "tblHeader") is None:
            raise AssertionError("table without a repeated header row")
    WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    pics = list(doc.iter(WP + "docPr"))
    charts = len(re.findall(r'<svg[^>]*id="grafica-(?![^"]*-movil)', HTML))
    eq(len(pics), charts, "images (one per chart of the HTML)")
    for p in pics:
        if len(p.get("descr", "")) < 20:
            raise AssertionError("chart without alternative text: %r" % p.get("descr"))
    # issue 12: each image has its Word caption «Figura N. title» above it
    # (text, numbered in order) and its «Fuente:» line under it
    paras = paragraphs(DOCX)
    caps = [(i, t) for i, (st, t) in enumerate(paras) if st == "Caption"]
    eq([t.split(".")[0] for _, t in caps], ["Figura %d" % n for n in range(1, charts + 1)], "captions")
    contains(caps[3][1], "Figura 4. Acciones por objetivo y tipo de reportante")   # issue 14: the map is Figura 2
    for i, _ in caps:
        eq(paras[i + 1][0], "Figure", "the image after its caption")
        eq(paras[i + 2], ("Source", "Fuente: Unidad de Política Migratoria, Registro e Identidad de Personas, Informe Ejecutivo 2024 (junio de 2023 a junio "
                                    "de 2024), registros de pmm."), "the source under the image")


def table_formatting_is_markup_not_text():
    """issue 12: the cell shading and the right alignment of numbers were
    written through the escaping writer, so document.xml held the text
    «<w:jc w:val="right"/>» (schema-invalid, numbers left-aligned, header
    unshaded). They are elements of w:tcPr / w:pPr, in the schema's order."""
    raw = parts(DOCX)["word/document.xml"].decode()
    for bad in ("&lt;w:", "&lt;/w:", "&quot;"):
        if bad in raw:
            i = raw.index(bad)
            raise AssertionError("escaped markup in document.xml: %r" % raw[i - 80:i + 80])
    doc = xml(DOCX, "word/document.xml")
    shaded = right = 0
    for t in doc.iter(W + "tbl"):
        rows = t.findall(W + "tr")
        for c, tc in enumerate(rows[0].findall(W + "tc")):
            pr = [e.tag for e in tc.find(W + "tcPr")]
            eq(pr, [W + "tcW", W + "shd"], "header cell properties in schema order")
            shaded += 1
        for tr in rows[1:]:
            for tc in tr.findall(W + "tc"):
                eq(tc.find(W + "tcPr/" + W + "shd"), None, "body cell unshaded")
                for p in tc.iter(W + "p"):
                    ppr = [e.tag for e in p.find(W + "pPr")]
                    if W + "jc" in ppr:
                        eq(ppr, [W + "pStyle", W + "jc"], "cell paragraph properties in schema order")
                        eq(p.find(W + "pPr/" + W + "jc").get(W + "val"), "right", "numbers right-aligned")
                        right += 1
    if shaded < 10 or right < 50:
        raise AssertionError("%d shaded header cells, %d right-aligned numbers" % (shaded, right))


def headings_never_hyphenated():
    """issue 12: settings.xml hyphenates the body; «ob-jetivo» in a heading
    is wrong, so the heading and title styles suppress it."""
    contains(parts(DOCX)["word/settings.xml"].decode(), "<w:autoHyphenation/>")
    styles = xml(DOCX, "word/styles.xml")
    for sid in ("Heading1", "Heading2", "Heading3", "Title"):
        st = [x for x in styles.iter(W + "style") if x.get(W + "styleId") == sid][0]
        if st.find(W + "pPr/" + W + "suppressAutoHyphens") is None:
            raise AssertionError(sid + " may be hyphenated")
        tags = [e.tag for e in st.find(W + "pPr")]
        order = [W + t for t in ("keepNext", "keepLines", "pageBreakBefore", "suppressAutoHyphens", "spacing",
                                 "outlineLvl")]
        eq([t for t in tags if t in order], sorted([t for t in tags if t in order], key=order.index),
           sid + " properties in schema order")


def metadata_and_language():
    core = parts(DOCX)["docProps/core.xml"].decode()
    contains(core, "<dc:title>Informe Ejecutivo 2024</dc:title>")
    contains(core, "<dc:language>es</dc:language>")
    contains(parts(DOCX)["word/styles.xml"].decode(), '<w:lang w:val="es"')
    s.pmm("report", "--edition", "2024", "--format", "docx", "--lang", "en", "-o", "report.docx", check=0)
    contains(parts(s.path("report.docx"))["docProps/core.xml"].decode(), "<dc:title>Executive Report 2024</dc:title>")
    contains(flat("\n".join(t for _, t in paragraphs(s.path("report.docx")))), "Glossary of challenge categories")


def libreoffice(path, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/install-deps.sh")
    profile = tempfile.mkdtemp(prefix="pmm-lo-")
    try:
        r = subprocess.run([exe, "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "html",
                            "--outdir", outdir, path], capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".html")
    if not os.path.exists(out):
        raise AssertionError("LibreOffice did not open %s:\n%s%s" % (path, r.stdout, r.stderr))
    return open(out, encoding="utf-8", errors="replace").read()


def heading_texts(html, tag):
    return [flat(re.sub(r"<[^>]+>", "", m)).strip() for m in re.findall(r"<%s[^>]*>(.*?)</%s>" % (tag, tag), html, re.S)]


def libreoffice_opens_the_informe():
    out = libreoffice(DOCX, s.path("lo"))
    h1 = heading_texts(out, "h1")
    for title in ("II. Conformación del informe", "V. Conclusiones"):
        if title not in h1:
            raise AssertionError("LibreOffice sees no heading %r: %r" % (title, h1))
    if not any(t.startswith("Objetivo 7.") for t in heading_texts(out, "h2")):
        raise AssertionError("LibreOffice sees no heading for objective 7")
    eq(out.count("<table"), HTML.count("<table"), "tables LibreOffice sees")
    eq(out.count("<img"), len(re.findall(r'<svg[^>]*id="grafica-(?![^"]*-movil)', HTML)), "images LibreOffice sees")
    contains(flat(re.sub(r"<[^>]+>", "", out)), "La Administración Pública Federal no reportó acciones para los objetivos 18 y 19.")


def libreoffice_opens_the_compendio():
    s.pmm("compendio", "--edition", "2024", "--format", "docx", "-o", "compendio.docx", check=0)
    for name, data in parts(s.path("compendio.docx")).items():
        if name.endswith(".xml"):
            ET.fromstring(data)
    # the index of institutions: each entry links to its section's bookmark
    doc = xml(s.path("compendio.docx"), "word/document.xml")
    marks = {b.get(W + "name") for b in doc.iter(W + "bookmarkStart")}
    links = [h.get(W + "anchor") for h in doc.iter(W + "hyperlink")]
    if len(links) < 100 or any(a not in marks for a in links):
        raise AssertionError("%d links, %d to no bookmark" % (len(links), sum(a not in marks for a in links)))
    out = libreoffice(s.path("compendio.docx"), s.path("lo"))
    h1 = heading_texts(out, "h1")
    if not h1:
        raise AssertionError("LibreOffice sees no heading in the Compendio")
    if not any(t.startswith("Objetivo 1.") for t in heading_texts(out, "h2") + h1):
        raise AssertionError("no objective heading in the Compendio: %r" % h1[:5])


def usage_and_failure():
    r = s.pmm("report", "--edition", "2024", "--format", "docx")
    eq(r.returncode, 2, "docx to stdout")
    contains(r.stderr, "el formato docx necesita un archivo de salida")
    r = s.pmm("report", "--edition", "2024", "--format", "docx", "-o", s.path("no/such/dir/x.docx"))
    eq(r.returncode, 1, "unwritable path")
    eq([f for f in os.listdir(s.dir) if ".tmp" in f], [], "temporary files left")


for fn in (every_part_is_well_formed_xml, table_formatting_is_markup_not_text, headings_never_hyphenated,
           headings_use_word_heading_styles, same_text_as_the_html,
           tables_and_charts, metadata_and_language, libreoffice_opens_the_informe,
           libreoffice_opens_the_compendio, usage_and_failure):
    check(fn.__name__, fn)
s.close()
done()
