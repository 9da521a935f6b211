"""Issue 12, round 3 (helper F12): the faults a tester found in the
Informe and the Compendio as publications, each checked through the files
pmm writes (HTML, PDF via pdftotext, DOCX parts)."""
import html as htmlmod
import os
import re
import subprocess
import zipfile
from pmmtest import Scratch, ACTION_HEADER, SOURCE, check, eq, done, png


def contains(text, part, what="output"):
    """PART in TEXT; the failure shows the text around the closest match, not all of it."""
    if part in text:
        return
    i = max(text.find(part[:20]), 0)
    raise AssertionError("%s does not contain %r; near: %r" % (what, part, text[max(i - 200, 0):i + 400]))


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def small(rows, retos=None, *imprint, period="2024-01:2024-12"):
    """A scratch database with edition 2024 imported from ROWS (CSV)."""
    e = Scratch()
    e.pmm("init", check=0)
    e.pmm("edition", "new", "2024", "--period", period, check=0)
    cmd = ["import", "--edition", "2024", e.write("acciones.csv", ACTION_HEADER + "\n" + rows)]
    if retos:
        cmd += ["--retos", e.write("retos.csv", "folio,reto,categoria\n" + retos)]
    e.pmm(*cmd, check=0)
    if imprint:
        e.pmm("edition", "set", "2024", *imprint, check=0)
    return e


def text_of(page):
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", page))


def report(e, fmt="html", lang="es", what="report", *extra):
    out = "%s-%s.%s" % (what, lang, fmt)
    e.pmm(what, "--edition", "2024", "--format", fmt, "--lang", lang, *extra, "-o", out, check=0)
    if fmt == "html":
        return open(e.path(out), encoding="utf-8").read()
    return e.path(out)


def pdf_text(path, layout=True):
    return run("pdftotext", *(["-layout"] if layout else []), path, "-")


# ---------------------------------------------------------------- fault 1
# 7 actions: types APF 2, EF 2, PJ 2, OCA 1 (the table of section IV);
# objectives 1 (2 actions) and 2 (5 actions) (the chart of section III).
SEVENTHS = """A-1,SRE,1,Uno,,Servicios o asesoría legales,exterior,No,No,,
A-2,Segob,1,Dos,,Servicios o asesoría legales,exterior,No,No,,
A-3,chiapas,2,Tres,,Servicios de salud,extranjeros,No,No,,
A-4,AGS,2,Cuatro,,Servicios de salud,extranjeros,No,No,,
A-5,SCJN,2,Cinco,,Resolución de sentencias,exterior,No,No,,
A-6,CJF,2,Seis,,Resolución de sentencias,exterior,No,No,,
A-7,CNDH,2,Siete,,Servicios o asesoría legales,retorno,No,No,,
"""


def one_share_one_percentage():
    e = small(SEVENTHS)
    try:
        for lang in ("es", "en"):
            page = report(e, "html", lang)
            seen = {}
            for m in re.finditer(r'<(?:span|tspan|text)[^>]*class="pct"[^>]*data-value="(\d+)"[^>]*'
                                 r'data-base="(\d+)"[^>]*>([^<]*)<', page):
                key = (m.group(1), m.group(2))
                # the number counts («29 per cent» in English running text is 29%)
                seen.setdefault(key, set()).add(m.group(3).replace("\u202f", " ").replace("\xa0", " ")
                                                .replace(" per cent", "%"))
            two = seen.get(("2", "7"))
            if not two:
                raise AssertionError("%s: no share 2 of 7 in %r" % (lang, sorted(seen)))
            for key, texts in seen.items():
                if len(texts) != 1:
                    raise AssertionError("%s: %s of %s printed as %s" % (lang, key[0], key[1], sorted(texts)))
            eq(sorted(two), ["29 %"] if lang == "es" else ["29%"], lang + ": 2 of 7")
    finally:
        e.close()


check("1: one count of one whole prints one percentage (2 of 7 is 29 % in table and figure)",
      one_share_one_percentage)

# ---------------------------------------------------------------- fault 4
ONE = "A-1,SRE,7,Protección consular,Asesoría a connacionales,Servicios o asesoría legales,exterior,Sí,No,120,Se atendió a 120 personas\n"
ISSUER_EN = "Migration Policy, Registration and Identity of Persons Unit"


def spanish_spans(page):
    return [htmlmod.unescape(t) for t in re.findall(r'<span lang="es">(.*?)</span>', page, re.S)]


def issuer_marked_in_its_language():
    e = small(ONE)
    try:
        page = report(e, "html", "en")
        contains(page, "Prepared by: " + ISSUER_EN + ".")        # the pack's emisor.en
        for t in spanish_spans(page):
            if ISSUER_EN in t:
                raise AssertionError("the English issuer is marked Spanish: %r" % t)
        # a name set on the edition is one Spanish text: marked in English
        e.pmm("edition", "set", "2024", "--emisor", "Unidad de Política Migratoria", check=0)
        page = report(e, "html", "en")
        contains(page, 'Prepared by: <span lang="es">Unidad de Política Migratoria</span>.')
    finally:
        e.close()


check("4: the issuer is marked with the language of the text used (emisor.en is not lang=es)",
      issuer_marked_in_its_language)


# ---------------------------------------------------------------- fault 6
LONG = "Programa\tintegral de\natención " + " ".join("palabra%d" % i for i in range(60))
LONG_ROW = ('A-1,SRE,7,"%s",Asesoría.,Servicios o asesoría legales,exterior,Sí,No,120,Se atendió a 120 personas\n'
            % LONG)


def bold_texts(page):
    return [htmlmod.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r"<strong>(.*?)</strong>", page, re.S)]


def names_quoted_on_one_bounded_line():
    e = small(LONG_ROW)
    try:
        whole = " ".join(LONG.split())
        for lang in ("es", "en"):
            page = report(e, "html", lang)
            names = [t for t in bold_texts(page) if t.startswith("Programa")]
            if not names:
                raise AssertionError("%s: the programme is not named: %r" % (lang, bold_texts(page)))
            for t in names:
                if re.search(r"[\t\n]|  ", t) or len(t) > 161 or not t.endswith("\u2026"):
                    raise AssertionError("%s: quoted name %r (%d characters)" % (lang, t, len(t)))
                if not whole.startswith(t[:-1]):
                    raise AssertionError("%s: %r is not the name's beginning" % (lang, t))
            comp = report(e, "html", lang, "compendio")
            title = [t for t in bold_texts(comp) if t.startswith("A-1 · ")]
            eq(len(title), 1, lang + ": the record's title")
            if re.search(r"[\t\n]", title[0]) or len(title[0]) > 167:
                raise AssertionError("%s: the Compendio's title %r" % (lang, title[0]))
            # nothing dropped: the whole name (its white space collapsed) under the title
            contains(htmlmod.unescape(re.sub(r"<[^>]+>", "", comp)),
                     ("Nombre completo: " if lang == "es" else "Full name: ") + whole)
    finally:
        e.close()


check("6: a programme's name is quoted on one line of white space and bounded; the Compendio gives it whole",
      names_quoted_on_one_bounded_line)


# ---------------------------------------------------------------- fault 5
def fold(name):
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFD", name.lower()) if unicodedata.category(ch) != "Mn")


def map_text_reads_as_the_figure():
    e = Scratch()
    try:
        e.pmm("demo", check=0)
        for lang in ("es", "en"):
            page = report(e, "html", lang)
            m = re.search(r'<desc id="grafica-mapa-d">(.*?)</desc>', page, re.S)
            if not m:
                raise AssertionError("%s: no map" % lang)
            units = [(n, int(v.replace(",", ""))) for n, v in
                     (u.rsplit(": ", 1) for u in htmlmod.unescape(m.group(1)).split("; "))]
            eq(len(units), 32, lang + ": every unit")
            want = sorted(units, key=lambda u: (-u[1], fold(u[0])))
            eq(units, want, lang + ": the units by actions, a tie by name")
    finally:
        e.close()


check("5: the map's alternative text reads the units by their actions, a tie by name (not by code)",
      map_text_reads_as_the_figure)


# ---------------------------------------------------------------- fault 3
def chart_svg(page, cid):
    m = re.search(r'<svg[^>]*id="%s"[^>]*>.*?</svg>' % cid, page, re.S)
    if not m:
        raise AssertionError("no chart %s" % cid)
    return m.group(0)


def legend_colours_worn(svg):
    """The legend's swatches (11x11, no filter) whose colour no bar wears, with their labels."""
    bars = set(re.findall(r'<rect[^>]*fill="(#[0-9A-F]{6})"[^>]*data-filter=', svg))
    out = []
    for fill, label in re.findall(r'<rect[^>]*width="11.00" height="11.00" fill="(#[0-9A-F]{6})"/>'
                                  r'<text[^>]*>([^<]*)</text>', svg):
        if fill not in bars:
            out.append(label)
    return out


SMALL_EDITIONS = {
    "one": ONE,
    "three": ONE + "A-2,chiapas,7,Salud,,Servicios de salud,extranjeros,No,No,,\n"
                   "A-3,SCJN,4,Protocolo,,Resolución de sentencias,exterior,No,No,,\n",
    "uneven": ONE + "A-2,chiapas,7,Salud,,Servicios de salud,extranjeros,No,No,,\n"
                    "A-3,SCJN,4,Protocolo,,Resolución de sentencias,exterior,No,No,,\n"
                    "A-4,SCJN,1,Datos,,Resolución de sentencias,exterior,No,No,,\n"
                    "A-5,SCJN,2,Causas,,Resolución de sentencias,exterior,No,No,,\n"
                    "A-6,SCJN,3,Guía,,Resolución de sentencias,exterior,No,No,,\n",
}


def legends_name_only_what_is_drawn():
    for name, rows in SMALL_EDITIONS.items():
        e = small(rows)
        try:
            for lang in ("es", "en"):
                svg = chart_svg(report(e, "html", lang), "grafica-objetivos")
                bad = legend_colours_worn(svg)
                if bad:
                    raise AssertionError("%s %s: the legend names %r, which no bar wears" % (name, lang, bad))
        finally:
            e.close()
    # the demo keeps both: its most and least reported objectives have bars
    e = Scratch()
    try:
        e.pmm("demo", check=0)
        svg = chart_svg(report(e, "html", "es"), "grafica-objetivos")
        eq(re.findall(r'height="11.00" fill="#[0-9A-F]{6}"/><text[^>]*>([^<]*)<', svg),
           ["Más acciones", "Menos acciones"], "the demo's legend")
        eq(legend_colours_worn(svg), [], "the demo's legend colours")
    finally:
        e.close()


check("3: the objectives chart's legend names only the colours its bars wear (small editions)",
      legends_name_only_what_is_drawn)


# ---------------------------------------------------------------- fault 13
def draft_cites_no_future_year():
    e = small(ONE, period="2031-01:2031-12")
    try:
        for lang, nd in (("es", "(s. f.)"), ("en", "(n.d.)")):
            text = htmlmod.unescape(re.sub(r"<[^>]+>", "", report(e, "html", lang)))
            cite = re.search(r"(?:Cita sugerida|Suggested citation): [^\n]*?\)", text).group(0)
            contains(cite, nd, lang + " citation of a draft")
            if "2031" in cite:
                raise AssertionError("%s: a draft cites its period's end year: %r" % (lang, cite))
    finally:
        e.close()
    # a published edition is cited with the year of its publication
    e = Scratch()
    try:
        e.pmm("demo", check=0)
        year = e.query("SELECT substr(max(published_at), 1, 4) FROM edition_revision")[0][0]
        text = htmlmod.unescape(re.sub(r"<[^>]+>", "", report(e, "html", "es")))
        contains(text, "Cita sugerida: Unidad de Política Migratoria, Registro e Identidad de Personas (%s)." % year)
    finally:
        e.close()


check("13: a draft is cited «s. f.», not with its period's (future) end year; a published one with its year",
      draft_cites_no_future_year)


# ---------------------------------------------------------------- fault 12
def compendio_writes_runs():
    rows = ("A-1,SRE,\"1, 2, 3, 4\",Registro,,Servicios o asesoría legales,exterior,No,No,,\n"
            "A-2,Segob,\"9, 2\",Estudio,,Productos de investigación,no_aplica,No,No,,\n")
    e = small(rows)
    try:
        es = text_of(report(e, "html", "es", "compendio"))
        contains(es, "No se reportaron acciones para los objetivos 5–8 y 10–23.")
        contains(es, "Objetivos 1–4 (principal: 1).")      # in increasing order: runs
        contains(es, "Objetivos 2 y 9 (principal: 9).")    # H12B (N5): sorted, the principal named
        en = text_of(report(e, "html", "en", "compendio"))
        contains(en, "No actions were reported for objectives 5–8 and 10–23.")
    finally:
        e.close()
    e = small(ONE)
    try:
        es = text_of(report(e, "html", "es", "compendio"))
        if "(1)" in es:
            raise AssertionError("a parenthesised single count: %r" % es[es.find("(1)") - 100:es.find("(1)") + 20])
    finally:
        e.close()


check("12: the Compendio writes objective numbers in runs («5–8 y 10–23»), no «(1)»", compendio_writes_runs)


# ---------------------------------------------------------------- fault 10
def one_cover_for_both():
    e = small(ONE)
    try:
        e.write("emblema.png", None, raw=png(120, 60))
        e.pmm("edition", "set", "2024", "--emblema", "emblema.png", check=0)
        for what in ("report", "compendio"):
            for lang in ("es", "en"):
                pdf = report(e, "pdf", lang, what)
                cover = run("pdftotext", "-layout", "-l", "1", pdf, "-")
                for line in cover.splitlines():
                    if line.strip().startswith("\u00b7"):
                        raise AssertionError("%s %s: a cover line starts with «·»:\n%s" % (what, lang, cover))
                contains(cover, "Mexico City, preliminary version, not published" if lang == "en"
                         else "Ciudad de México, versión preliminar, sin publicar", what + " cover")
                images = run("pdfimages", "-list", pdf).splitlines()[2:]
                eq([(l.split()[0], l.split()[3], l.split()[4]) for l in images if l.split()[0] == "1"],
                   [("1", "120", "60")], "%s %s: the emblem on the cover" % (what, lang))
            page = report(e, "html", "es", what)
            contains(page, "Personas\u00a0· México</p>", what + " HTML cover")
            contains(page, '<p class="place">Ciudad de México, versión preliminar, sin publicar</p>', what)
            contains(page, '<img class="emblem" src="data:image/png;base64,', what)
    finally:
        e.close()


check("10: one cover for Informe and Compendio (place, date, emblem); «· México» never starts a line",
      one_cover_for_both)


# ---------------------------------------------------------------- fault 14
def png_lying(w, h, rows, cols):
    """A PNG whose header says W x H but whose data holds ROWS rows of COLS pixels."""
    import struct
    import zlib

    def chunk(t, c):
        return struct.pack(">I", len(c)) + t + c + struct.pack(">I", zlib.crc32(t + c) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes((0, 114, 178)) * cols for _ in range(rows))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def emblem_checked_for_real():
    e = small(ONE)
    try:
        cases = (("menos.png", png_lying(120, 1, 60, 120), "no corresponden al tamaño que declara su cabecera"),
                 ("uno.png", png_lying(1, 1, 60, 120), "no corresponden al tamaño que declara su cabecera"),
                 ("banda.png", png(900, 100), "demasiado alargado"),
                 ("aguja.png", png(10, 200), "demasiado alargado"))
        for name, data, why in cases:
            e.write(name, None, raw=data)
            r = e.pmm("edition", "set", "2024", "--emblema", name)
            eq(r.returncode, 1, name + "\n" + r.stderr)
            contains(r.stderr, name)
            contains(r.stderr, why)
        eq(e.query("SELECT emblem FROM edition WHERE name = '2024'"), [(None,)], "nothing stored")
        r = e.pmm("edition", "set", "2024", "--emblema", "menos.png", lang="en")
        contains(r.stderr, "the emblem's data does not match the size its PNG header declares")
        e.write("bien.png", None, raw=png(800, 100))          # 8:1 is still an emblem
        e.pmm("edition", "set", "2024", "--emblema", "bien.png", check=0)
    finally:
        e.close()


check("14: `edition set --emblema` refuses a PNG whose data is not the size its header says, and absurd ratios",
      emblem_checked_for_real)


# ---------------------------------------------------------------- fault 15
def english_running_text_says_per_cent():
    e = small(SEVENTHS)
    try:
        page = report(e, "html", "en")
        paras = [text_of(t) for t in re.findall(r"<p(?: class=\"note\")?>(.*?)</p>", page, re.S)]
        with_pct = [t for t in paras if "per cent" in t]
        if not with_pct:
            raise AssertionError("no «per cent» in the English text")
        for t in paras:
            if re.search(r"\d\s?%", t):
                raise AssertionError("«%%» in English running text: %r" % t)
        # tables and figures keep the sign
        contains(page, 'data-base="7">29%</span></td>')
        es = report(e, "html", "es")
        if "por ciento" in es:
            raise AssertionError("Spanish keeps «%»")
    finally:
        e.close()


check("15: English running text writes «per cent» (UN style); tables and figures keep «%»",
      english_running_text_says_per_cent)


# ---------------------------------------------------------------- fault 17
def one_share_note_and_no_filters_in_print():
    # 2, 2, 2 of 6 (gender: yes, no, not stated) give 33 % each: the chart
    # says «suman 99 %», the sentence under it must not say it again
    rows = ("A-1,SRE,1,Uno,,Servicios o asesoría legales,exterior,Sí,No,,\n"
            "A-2,SRE,1,Dos,,Servicios o asesoría legales,exterior,Sí,No,,\n"
            "A-3,SRE,1,Tres,,Servicios o asesoría legales,exterior,No,No,,\n"
            "A-4,SRE,1,Cuatro,,Servicios o asesoría legales,exterior,No,No,,\n"
            "A-5,SRE,1,Cinco,,Servicios o asesoría legales,exterior,,No,,\n"
            "A-6,SRE,1,Seis,,Servicios o asesoría legales,exterior,,No,,\n")
    e = small(rows)
    try:
        for lang, note in (("es", "suman 99"), ("en", "add up to 99")):
            pdf = report(e, "pdf", lang)
            flat = re.sub(r"\s+", " ", pdf_text(pdf, layout=False))
            eq(flat.count(note), 1, "%s: the «99 %%» note in the PDF" % lang)
            for word in ("filtro", "filter"):
                if word in flat.lower():
                    raise AssertionError("%s: the PDF, which has no links, speaks of %r" % (lang, word))
            for what in ("report", "compendio"):
                with zipfile.ZipFile(report(e, "docx", lang, what)) as z:
                    doc = z.read("word/document.xml").decode("utf-8").lower()
                if "filtro" in doc or "filter" in doc:
                    raise AssertionError("%s %s: the DOCX speaks of filters" % (lang, what))
            # the HTML, whose numbers link to their filters, still says so
            contains(report(e, "html", lang), "filtro que la reproduce" if lang == "es" else "filter that reproduces")
    finally:
        e.close()


check("17: one «suman 99 %» note per figure and sentence; no «filtro» in the PDF or DOCX, which have no links",
      one_share_note_and_no_filters_in_print)


# ------------------------------------------------------- faults 7, 8, 9
def pdf_pages(path):
    """Every page's body lines (below the running header, above the page
    number), each as a list of words (xmin, ymin, xmax, ymax, text)."""
    t = run("pdftotext", "-bbox", path, "-")
    out = []
    for pg in re.findall(r"<page[^>]*>(.*?)</page>", t, re.S):
        ws = [(float(a), float(b), float(c), float(d), htmlmod.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pg)]
        body = sorted([w for w in ws if w[1] > 60 and w[3] < 841.89 - 50], key=lambda w: (round(w[3], 1), w[0]))
        lines = []
        for w in body:
            if lines and abs(lines[-1][0][3] - w[3]) < 0.5:
                lines[-1].append(w)
            else:
                lines.append([w])
        out.append(lines)
    return out


def line_text(line):
    return " ".join(w[4] for w in line).replace("\xa0", " ")


def demo_live(lang):
    """The demo's live Informe (its notes fell at a page's top, a page ended
    in a hyphen), as PDF pages and its HTML."""
    pdf = report(DEMO, "pdf", lang, "report", "--revision", "live")
    page = report(DEMO, "html", lang, "report", "--revision", "live")
    return pdf_pages(pdf), page


def notes_stay_with_their_paragraph():
    for lang in ("es", "en"):
        pages, page = demo_live(lang)
        notes = [text_of(t) for t in re.findall(r'<p class="note">(.*?)</p>', page, re.S)]
        for n, lines in enumerate(pages, 1):
            first = line_text(lines[0]) if lines else ""
            for t in notes:
                if len(first) > 15 and t.replace("\xa0", " ").startswith(first[:30]):
                    raise AssertionError("%s: page %d starts with a note alone: %r" % (lang, n, first))


def no_page_ends_in_a_hyphen():
    for what in ("report", "compendio"):
        for lang in ("es", "en"):
            pages = pdf_pages(report(DEMO, "pdf", lang, what, "--revision", "live"))
            for n, lines in enumerate(pages[:-1], 1):
                if lines and re.search(r"\w[-\u00ad]$", line_text(lines[-1])):
                    raise AssertionError("%s %s: page %d ends in a hyphenated word: %r"
                                         % (what, lang, n, line_text(lines[-1])[-50:]))


def glossary_terms_are_headings():
    right = 595.276 - 62.0
    for lang in ("es", "en"):
        pages, page = demo_live(lang)
        terms = [text_of(t) for t in re.findall(r"<dt>(.*?)</dt>", page, re.S)]
        lines = [l for p in pages for l in p]
        texts = [line_text(l) for l in lines]
        start = max(i for i, t in enumerate(texts) if t.startswith("VI. Glos"))      # the section, not the contents
        lines, texts = lines[start:], texts[start:]
        for term in terms:
            words = term.split()
            for i, l in enumerate(lines):
                flat, line = "".join(words), "".join(texts[i].replace("\u00ad", "").split())
                if not (flat.startswith(line) or line.startswith(flat)) or len(line) < 8:
                    continue
                k, got = i, texts[i]
                while len(got) < len(term) and k + 1 < len(lines):
                    k += 1
                    got += " " + texts[k]
                # a line may break after «/»: compare without the spaces
                if "\u00ad" in got or not "".join(got.split()).startswith("".join(term.split())):
                    raise AssertionError("%s: the term %r is set as %r" % (lang, term, got))
                if k > i and lines[i][-1][2] > right - 0.5:
                    raise AssertionError("%s: the term %r is justified (its first line ends at the margin)"
                                         % (lang, term))
                break
            else:
                raise AssertionError("%s: the term %r is not in the PDF" % (lang, term))
    # the DOCX's term style: neither hyphenated (the document hyphenates) nor justified
    with zipfile.ZipFile(report(DEMO, "docx", "es")) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    term = re.search(r'<w:style [^>]*w:styleId="Term".*?</w:style>', styles, re.S).group(0)
    contains(term, "<w:suppressAutoHyphens/>", "the DOCX Term style")
    if 'w:jc w:val="both"' in term:
        raise AssertionError("the DOCX Term style is justified")


def no_compendio_page_of_three_lines():
    for lang in ("es", "en"):
        pages = pdf_pages(report(DEMO, "pdf", lang, "compendio"))
        short = [(n, line_text(lines[0])[:50]) for n, lines in enumerate(pages[:-1], 1) if 0 < len(lines) <= 3]
        if short:
            raise AssertionError("%s: pages of three lines or fewer: %r" % (lang, short))


DEMO = Scratch()
DEMO.pmm("demo", check=0)
check("7: a note stays on the page of the paragraph, table or figure it qualifies", notes_stay_with_their_paragraph)
check("8: glossary terms are headings: neither hyphenated nor justified", glossary_terms_are_headings)
check("9: no page ends in a hyphenated word (Informe and Compendio, es and en)", no_page_ends_in_a_hyphen)
check("11: no Compendio page of two or three lines at a section's end (the last record goes whole)",
      no_compendio_page_of_three_lines)
DEMO.close()


done()
