"""pmm report --format pdf: poppler (pdfinfo, pdffonts, pdftotext,
pdftoppm) opens the Informe Ejecutivo of the demo edition, finds its Spanish
text with accents, the fonts embedded, a contents whose page numbers are
right, and the same page count run after run."""
import os
import re
import subprocess
from pmmtest import Scratch, check, eq, contains, done, png
from reportcheck import Doc

s = Scratch()
s.pmm("demo", check=0)
s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "informe.pdf", check=0)
PDF = s.path("informe.pdf")


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def info(path):
    out = run("pdfinfo", path)
    return dict((k.strip(), v.strip()) for k, v in (l.split(":", 1) for l in out.splitlines() if ":" in l))


def page_text(path, page, layout=False):
    return run("pdftotext", *(["-layout"] if layout else []), "-f", str(page), "-l", str(page), path, "-")


def flat(t):
    # a word hyphenated at a line end is one word (its hyphen is U+00AD, PDF 14.8.2.2.3)
    return re.sub(r"\s+", " ", t.replace("\u00ad\n", "").replace("\u00a0", " "))


def opens_as_a4():
    i = info(PDF)
    eq(i["Title"], "Informe Ejecutivo 2024", "title")
    contains(i["Page size"], "(A4)")
    if int(i["Pages"]) < 20:
        raise AssertionError("only %s pages" % i["Pages"])


# The demo's Informe Ejecutivo takes this many pages with DejaVu Sans of
# fonts-dejavu-core; a change of layout that moves it must say so here.
DEMO_PAGES = "30"   # issue 12: heatmap (P12A), abbreviations (P12B); issue 13: the comparison with 2023-ejemplo; issue 14: the map (Figura 2, page 16, shrunk to stay under its paragraph; still 30); checked by eye


def page_count_is_stable():
    eq(info(PDF)["Pages"], DEMO_PAGES, "pages of the demo report")
    s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "again.pdf", check=0)
    eq(info(s.path("again.pdf"))["Pages"], info(PDF)["Pages"], "pages")


def fonts_are_embedded():
    out = run("pdffonts", PDF)
    rows = out.splitlines()[2:]
    if not rows:
        raise AssertionError("no fonts")
    for r in rows:
        if "DejaVu" not in r:
            raise AssertionError("unexpected font: " + r)
        cols = r.split()
        # name type encoding emb sub uni object ID
        if cols[-5] != "yes" or cols[-4] != "yes":
            raise AssertionError("font not embedded as a subset: " + r)


def spanish_text_with_accents():
    t = flat(run("pdftotext", PDF, "-"))
    for part in ("II. Conformación del informe", "Población migrante atendida",
                 "VI. Glosario de categorías de retos identificados", "Atención a personas con discapacidad",
                 "La Administración Pública Federal no reportó acciones para los objetivos 18 y 19."):
        contains(t, part, "PDF text")


def same_words_as_the_html():
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "informe.html", check=0)
    html_text = flat(Doc(open(s.path("informe.html"), encoding="utf-8").read()).text)
    # a paragraph may cross a page: the running header and the page number
    # between its halves are not its words. -layout: in reading order a
    # widely justified line falls apart into words, which pdftotext may put
    # after the next lines (and the header's two halves apart); laid out,
    # the line stays whole and the header is the page's first line
    pages = []
    for page in run("pdftotext", "-layout", PDF, "-").split("\f"):
        lines = [l for l in page.splitlines() if l.strip() and not re.fullmatch(r"\s*\d+\s*", l)]
        pages.append("\n".join(lines[1:] if lines[:1] and lines[0].startswith("Informe Ejecutivo") else lines))
    pdf_text = flat("\n".join(pages))
    m = re.search(r"Los objetivos con más acciones son .*? acciones\.", html_text)
    contains(pdf_text, m.group(0), "PDF text")
    m = re.search(r"Se reportaron \d+ retos.*?\)\.", html_text)
    contains(pdf_text, m.group(0), "PDF text")


def contents_points_to_the_right_pages():
    # -layout: the entries stand close together, and pdftotext's reading
    # order would otherwise put all the titles before all the numbers
    toc = flat(page_text(PDF, 2, True) + page_text(PDF, 3, True))
    pages = int(info(PDF)["Pages"])
    for title in ("V. Conclusiones", "VI. Glosario de categorías de retos identificados", "II. Conformación del informe"):
        m = re.search(re.escape(title) + r" (\d+)", toc)
        if not m:
            raise AssertionError("%s not in the contents: %s" % (title, toc[:400]))
        p = int(m.group(1))
        if not 3 < p <= pages:
            raise AssertionError("%s on page %d of %d" % (title, p, pages))
        body = page_text(PDF, p).splitlines()
        # the running header names the part, then the heading itself
        if title not in flat("\n".join(body[:4])):
            raise AssertionError("page %d does not start %s: %s" % (p, title, body[:4]))


def figures_numbered_with_their_source():
    # issue 12: «Figura N. title» on every chart, numbered in order, and a
    # «Fuente:» line under each naming the issuer, edition and period
    t = flat(run("pdftotext", PDF, "-"))
    nums = [int(n) for n in re.findall(r"Figura (\d+)\. ", t)]
    eq(nums, list(range(1, 9)), "figures in order")   # issue 14: the map is Figura 2
    contains(t, "Figura 4. Acciones por objetivo y tipo de reportante")
    eq(t.count("Fuente: "), 8, "a source line under each figure")
    # the issuer not set on the edition is the pack's (issue 16)
    contains(t, "Fuente: Unidad de Política Migratoria, Registro e Identidad de Personas, Informe Ejecutivo 2024 (junio de 2023 a junio de 2024), "
                "registros de pmm.")
    e = Scratch()
    try:
        e.pmm("demo", check=0)
        e.pmm("edition", "reopen", "2024", check=0)
        e.pmm("edition", "set", "2024", "--emisor", "Unidad de Prueba del Registro", check=0)
        e.pmm("report", "--edition", "2024", "--format", "pdf", "--lang", "en", "-o", "fig-en.pdf", check=0)
        en = flat(run("pdftotext", e.path("fig-en.pdf"), "-"))
    finally:
        e.close()
    contains(en, "Figure 1. Actions by reporter type")
    contains(en, "Source: Unidad de Prueba del Registro, Executive Report 2024 (June 2023 to June 2024), "
                 "pmm records.")


def cover_with_emblem_issuer_place_and_date():
    # issue 12: the cover carries the issuer's emblem (a PNG stored with the
    # edition's imprint), the issuing body, place and date, in every format
    import base64
    import sqlite3
    import zipfile
    e = Scratch()
    try:
        e.pmm("demo", check=0)
        e.pmm("edition", "reopen", "2024", check=0)
        good = png(120, 60)
        e.write("emblema.png", None, raw=good)
        e.write("texto.png", None, raw=b"no soy una imagen\n")
        e.write("cortado.png", None, raw=good[:60])
        e.write("grande.png", None, raw=good + b"\0" * (600 * 1024))
        e.write("ancho.png", None, raw=png(5000, 1))
        for f, why in (("texto.png", "no es una imagen PNG válida"), ("cortado.png", "no es una imagen PNG válida"),
                       ("grande.png", "pasa de 512 KiB"), ("ancho.png", "de 1 a 4096 píxeles"),
                       ("falta.png", "falta.png")):
            r = e.pmm("edition", "set", "2024", "--emisor", "Unidad Emisora de Prueba", "--emblema", f)
            eq(r.returncode, 1, f + "\n" + r.stderr)
            contains(r.stderr, f)
            contains(r.stderr, why)
        con = sqlite3.connect(e.db)
        eq(con.execute("SELECT issuer, emblem FROM edition WHERE name = '2024'").fetchone(), (None, None),
           "nothing written after a refused emblem")
        con.close()
        e.pmm("edition", "set", "2024", "--emisor", "Unidad Emisora de Prueba", "--lugar", "Ciudad de Prueba",
              "--emblema", "emblema.png", check=0)
        e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "c.pdf", check=0)
        images = run("pdfimages", "-list", e.path("c.pdf")).splitlines()[2:]
        eq([(l.split()[0], l.split()[3], l.split()[4]) for l in images], [("1", "120", "60")], "the emblem on page 1")
        cover = flat(page_text(e.path("c.pdf"), 1))
        contains(cover, "Unidad Emisora de Prueba")
        # reopened, the edition's live rows are a draft: no publication date
        # (issue 12 verification round, fault 2: it printed revision 1's)
        WHEN = r"Ciudad de Prueba, versión preliminar, sin publicar"
        if not re.search(WHEN, cover):
            raise AssertionError("no place and date on the cover: " + cover)
        e.pmm("report", "--edition", "2024", "--format", "html", "-o", "c.html", check=0)
        h = open(e.path("c.html"), encoding="utf-8").read()
        m = re.search(r'<header class="cover"><img class="emblem" src="data:image/png;base64,([^"]+)" '
                      r'width="120" height="60" alt="Emblema: Unidad Emisora de Prueba\xa0· México">', h)   # F12: a no-break space before «·»
        if not m or base64.b64decode(m.group(1)) != good:
            raise AssertionError("no emblem on the HTML cover: " + h[h.find("<header"):][:300])
        # the file stays self-contained: the one source is the emblem's data: URI
        eq([x[:22] for x in re.findall(r' src="([^"]*)"', h)], ["data:image/png;base64,"], "sources")
        eq(set(re.findall(r"https?://[^\"'\s<]+", h)), {"http://www.w3.org/2000/svg"}, "no URL but the SVG namespace")
        if not re.search('<p class="place">' + WHEN + '</p>', h):
            raise AssertionError("no place and date on the HTML cover")
        e.pmm("report", "--edition", "2024", "--format", "docx", "-o", "c.docx", check=0)
        with zipfile.ZipFile(e.path("c.docx")) as z:
            eq(z.read("word/media/emblem1.png"), good, "the emblem in the DOCX")
            body = z.read("word/document.xml").decode()
        first = body[:body.find("TOCHeading")]
        for want in ('descr="Emblema: Unidad Emisora de Prueba\xa0· México"', "Unidad Emisora de Prueba\xa0· México</w:t>"):   # F12
            contains(first, want, "DOCX cover")
        if not re.search(WHEN + "</w:t>", first):
            raise AssertionError("no place and date on the DOCX cover")
        # a publication keeps the emblem it was published with
        e.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
        e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "r2.pdf", check=0)
        eq(len(run("pdfimages", "-list", e.path("r2.pdf")).splitlines()[2:]), 1, "the revision's emblem")
        e.pmm("edition", "reopen", "2024", check=0)
        e.pmm("edition", "set", "2024", "--emblema", "", check=0)
        e.pmm("report", "--edition", "2024", "--revision", "live", "--format", "pdf", "-o", "none.pdf", check=0)
        eq(run("pdfimages", "-list", e.path("none.pdf")).splitlines()[2:], [], "an empty --emblema clears it")
    finally:
        e.close()


def pages_render():
    run("pdftoppm", "-r", "40", "-f", "1", "-l", "2", "-png", PDF, s.path("pg"))
    for n in ("pg-01.png", "pg-02.png"):
        with open(s.path(n), "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                raise AssertionError(n + " is not a PNG")


def english_pdf():
    s.pmm("report", "--edition", "2024", "--format", "pdf", "--lang", "en", "-o", "report.pdf", check=0)
    eq(info(s.path("report.pdf"))["Title"], "Executive Report 2024", "title")
    contains(flat(run("pdftotext", s.path("report.pdf"), "-")), "Glossary of challenge categories")


def tagged_with_structure_and_language():
    """issue 12: a tagged PDF (structure tree of headings, paragraphs,
    tables and figures), its language and title in the catalog."""
    eq(info(PDF)["Tagged"], "yes", "Tagged")
    tree = run("pdfinfo", "-struct-text", PDF)
    for tag in ("H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure", "TOC", "TOCI"):
        if not re.search(r"^\s*%s\b" % tag, tree, re.M):
            raise AssertionError("no %s element in the structure tree" % tag)
    contains(flat(tree), 'H1 (block) "II. Conformación del informe"', "structure tree")
    # the running header is not inside any element: the tree's text has
    # each part's title once per heading, not once per page
    eq(flat(tree).count('"Informe Ejecutivo 2024"'), 1, "title in the tree")
    with open(PDF, "rb") as f:
        data = f.read()
    # every chart is a Figure with alternative text: its title and values
    alts = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Alt <([0-9A-F]+)>", data)]
    eq(len(alts), len(re.findall(r"^\s*Figure$", tree, re.M)), "figures with /Alt")
    if not any(a.startswith("Figura 1. Acciones por tipo de reportante") and "Administración Pública Federal" in a
               for a in alts):
        raise AssertionError("no alternative text for the chart of reporter types: %r" % alts[:1])
    catalog = data[data.rfind(b"/Type /Catalog"):]
    contains(catalog.decode("latin-1"), "/Lang (es)", "catalog")
    contains(catalog.decode("latin-1"), "/DisplayDocTitle true", "catalog")
    s.pmm("report", "--edition", "2024", "--format", "pdf", "--lang", "en", "-o", "en.pdf", check=0)
    with open(s.path("en.pdf"), "rb") as f:
        contains(f.read().decode("latin-1"), "/Lang (en)", "English catalog")


def no_nearly_empty_page():
    """issue 12: no page but the cover carries only one or two lines (a
    paragraph's end, or a paragraph before a chart that moved on)."""
    for n in range(2, int(info(PDF)["Pages"]) + 1):
        lines = [l for l in page_text(PDF, n).splitlines() if l.strip()]
        if len(lines) - 2 < 3:      # the running header and the page number
            raise AssertionError("page %d carries %d lines: %r" % (n, len(lines) - 2, lines))


def contents_close_up():
    """issue 12: the demo's contents ran five lines onto a page of their
    own. They close up: they end on page 2 or, with the sections «Cifras
    clave» and the credits added since, run onto page 3 with at least five
    entries there (no stray lines), and «Cifras clave» starts a page after."""
    contains(flat(page_text(PDF, 2)), "Contenido", "page 2")
    last = 2
    if page_text(PDF, 3, True).splitlines()[0].split()[-1] == "Contenido":
        last = 3
        entries = [l for l in page_text(PDF, 3, True).splitlines() if re.search(r"\s\d+\s*$", l)]
        if len(entries) < 5:
            raise AssertionError("the contents leave %d stray entries on page 3" % len(entries))
    eq(page_text(PDF, last + 1, True).splitlines()[0].split()[-2:], ["Cifras", "clave"],
       "running header of the page after the contents: the key figures come first")
    contains(flat(page_text(PDF, last)), "Anexo B. Entidades federativas participantes", "the contents' end")


def annex_columns_fit_their_words():
    """issue 12: a narrow column is at least as wide as its longest word
    («Ti-po», «OC-A» were cut)."""
    t = run("pdftotext", "-layout", PDF, "-")
    annex = t[t.index("Anexo A. Siglas de las instituciones\n"):]
    head = next(l for l in annex.splitlines() if l.startswith("Siglas"))
    eq(head.split(), ["Siglas", "Institución", "Tipo", "Acciones"], "annex A header")
    for l in annex.splitlines()[:120]:
        if l.strip() in ("po", "A", "Ti", "OC"):
            raise AssertionError("a word cut in annex A: %r" % l)


def a_character_dejavu_lacks_is_drawn():
    """issue 12: the PDF reads its two faces from their files; a text with a
    character DejaVu Sans lacks (U+1D400, in DejaVu Serif and Math) makes it
    use the system's fonts, which fall back to a face that has it, instead
    of an empty box."""
    s.pmm("edition", "add", "simbolo", "--desde", "2024-07", "--hasta", "2025-06", check=0)
    s.write("pre.txt", "Preámbulo con un símbolo: \U0001D400 y nada más.\n")
    s.pmm("report", "--edition", "simbolo", "--preamble", "pre.txt", check=0)
    s.pmm("report", "--edition", "simbolo", "--format", "pdf", "-o", "simbolo.pdf", check=0)
    fonts = [r.split()[0].split("+")[-1] for r in run("pdffonts", s.path("simbolo.pdf")).splitlines()[2:]]
    if not [f for f in fonts if not f.startswith("DejaVuSans")]:
        raise AssertionError("only %r: U+1D400 drawn with DejaVu Sans, which has no glyph for it" % fonts)
    contains(run("pdftotext", s.path("simbolo.pdf"), "-"), "símbolo: \U0001D400 y nada", "PDF text")


def hyphenated_at_dictionary_points():
    """Issue 12 (P12B): justified text breaks words at the points of
    LibreOffice's dictionaries (libhyphen, asked here through ctypes, on
    Debian's hyph_es_MX / hyph_en_US): pdftotext -layout shows the hyphen
    at a line end, as U+00AD (PDF 14.8.2.2.3: a hyphen the layout added),
    and the rest of the word on the next line; no soft hyphen anywhere
    else (a word not broken reads whole), none in the HTML nor the DOCX,
    and no heading hyphenated."""
    import ctypes
    lib = ctypes.CDLL("libhyphen.so.0")
    lib.hnj_hyphen_load.restype = ctypes.c_void_p
    lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
    lib.hnj_hyphen_hyphenate2.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                          ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]

    def points(dic, word):
        b = word.lower().encode("utf-8")
        out = ctypes.create_string_buffer(len(b) + 5)
        rep, pos, cut = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()   # stay NULL: es, en have no replacements
        lib.hnj_hyphen_hyphenate2(dic, b, len(b), out, None, ctypes.byref(rep), ctypes.byref(pos), ctypes.byref(cut))
        return {i + 1 for i in range(len(word)) if out.raw[i] & 1}

    s.pmm("report", "--edition", "2024", "--format", "pdf", "--lang", "en", "-o", "hyph-en.pdf", check=0)
    dics = {}
    for lang, dic_name in (("es", "hyph_es_MX.dic"), ("en", "hyph_en_US.dic")):
        dics[lang] = lib.hnj_hyphen_load(("/usr/share/hyphen/" + dic_name).encode())
        if not dics[lang]:
            raise AssertionError("no " + dic_name)
    # the English report holds Spanish too (names, records: lang="es"), broken by the Spanish dictionary
    for lang, path, use in (("es", PDF, ["es"]), ("en", s.path("hyph-en.pdf"), ["en", "es"])):
        lines = run("pdftotext", "-layout", path, "-").split("\n")     # not splitlines(): it splits at \f
        broken = []
        for i, line in enumerate(lines):
            at = line.find("\u00ad")
            if at < 0:
                continue
            if at != len(line.rstrip()) - 1:
                raise AssertionError("%s: a soft hyphen inside a line: %r" % (lang, line))
            head = re.search(r"(\w+)\u00ad$", line.rstrip())
            j = i + 1               # the next line of text; over a page break, after the running header
            while j < len(lines) and (not lines[j].strip() or lines[j].strip().isdigit()):
                j += 1              # blank lines, the page number
            if j < len(lines) and lines[j].startswith("\f"):
                j += 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
            tail = re.match(r"\s*(\w+)", lines[j]) if head and j < len(lines) else None
            if not tail:
                raise AssertionError("%s: a hyphen without a word around it: %r / %r" % (lang, line, lines[i + 1:i + 2]))
            broken.append((head.group(1) + tail.group(1), len(head.group(1))))
        if len(broken) < 5:
            raise AssertionError("%s: only %d words hyphenated" % (lang, len(broken)))
        wrong = [(w, k) for w, k in broken if not any(k in points(dics[d], w) for d in use)]
        if wrong:
            raise AssertionError("%s: broken where the dictionary has no point: %s" % (lang, wrong[:10]))
        if any(w[0].isupper() for w, _ in broken):
            raise AssertionError("%s: a proper name hyphenated: %s" % (lang, [w for w, _ in broken if w[0].isupper()]))
    # headings: never hyphenated (nor justified)
    headings = [h.strip() for h in run("pdftotext", PDF, "-").splitlines() if re.match(r"(VI?|IV|I{1,3}|Anexo [AB])\. ", h)]
    if not headings or any("\u00ad" in h for h in headings):
        raise AssertionError("headings: %s" % headings)
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "hyph.html", check=0)
    s.pmm("report", "--edition", "2024", "--format", "docx", "-o", "hyph.docx", check=0)
    if "\u00ad" in open(s.path("hyph.html"), encoding="utf-8").read():
        raise AssertionError("a soft hyphen in the HTML")
    import zipfile
    with zipfile.ZipFile(s.path("hyph.docx")) as z:
        if "\u00ad" in z.read("word/document.xml").decode("utf-8"):
            raise AssertionError("a soft hyphen in the DOCX")


def failure_leaves_nothing():
    r = s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", s.path("no/such/dir/x.pdf"))
    eq(r.returncode, 1, "unwritable path")
    if os.path.exists(s.path("no")):
        raise AssertionError("directory created")
    leftovers = [f for f in os.listdir(s.dir) if ".tmp" in f]
    eq(leftovers, [], "temporary files left")


for fn in (opens_as_a4, page_count_is_stable, fonts_are_embedded, spanish_text_with_accents,
           same_words_as_the_html, contents_points_to_the_right_pages, pages_render, english_pdf, figures_numbered_with_their_source,
           cover_with_emblem_issuer_place_and_date,
           tagged_with_structure_and_language, no_nearly_empty_page, contents_close_up,
           annex_columns_fit_their_words,
           a_character_dejavu_lacks_is_drawn, hyphenated_at_dictionary_points, failure_leaves_nothing):
    check(fn.__name__, fn)
s.close()
done()
