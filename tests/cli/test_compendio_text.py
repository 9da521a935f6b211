"""Issue 12 (helper H12B): the Compendio's text as a publication, the faults
a hostile tester found, each checked through the files pmm writes (HTML,
PDF via pdftotext, DOCX parts) and its own output:

N2  line and paragraph separators (U+2028, U+2029, U+0085) in a record's
    text become what a newline there becomes, in every format: a line
    break (HTML <br>, DOCX <w:br/>, a new line in the PDF);
N3  the English Compendio marks the institutions' Spanish names as Spanish
    (headings and index) and writes no empty or repeated heading id;
N4  an empty edition's Compendio says so in one line, with no empty index;
N5  an action's objectives in increasing order joined with «y»/"and";
N6  a period written once: «marzo de 2025», «enero a diciembre de 2025»."""
import html as htmlmod
import re
import subprocess
import zipfile
from collections import Counter
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done


def small(rows, period="2024-01:2024-12", edition="2024"):
    e = Scratch()
    e.pmm("init", check=0)
    e.pmm("edition", "new", edition, *(["--period", period] if period else []), check=0)
    if rows:
        e.pmm("import", "--edition", edition, e.write("acciones.csv", ACTION_HEADER + "\n" + rows), check=0)
    return e


def write(e, what, fmt, lang, edition="2024"):
    out = "%s-%s.%s" % (what, lang, fmt)
    r = e.pmm(what, "--edition", edition, "--format", fmt, "--lang", lang, "-o", out, check=0)
    return e.path(out), r


def html_of(e, what="compendio", lang="es", edition="2024"):
    path, _ = write(e, what, "html", lang, edition)
    return open(path, encoding="utf-8").read()


def text_of(page):
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", page))


def pdf_text(path):
    return subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout


def docx_xml(path, part="word/document.xml"):
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


# ------------------------------------------------------------------ N2
SEPARATORS = {"nl": "\n", "ls": "\u2028", "ps": "\u2029", "nel": "\u0085"}


def separator_rows():
    rows = ""
    for i, (k, sep) in enumerate(SEPARATORS.items()):
        rows += ('A-%d,SRE,7,Acción %s,"Primera{k} línea{s}Segunda{k} línea",Servicios o asesoría legales,'
                 'exterior,No,No,,"Resultado{k} uno{s}Resultado{k} dos"\n' % (i + 1, k)).format(k=k, s=sep)
    return rows


def separators_are_newlines():
    e = small(separator_rows())
    try:
        page = html_of(e)
        ref = None
        for k, sep in SEPARATORS.items():
            # the description and results paragraphs of action K, its name put back as «nl»'s
            m = re.search(r"<p><strong>Descripción:</strong> (.*?)</p>", page[page.index("Acción %s" % k):], re.S)
            r = re.search(r"<p><strong>Resultados:</strong> (.*?)</p>", page[page.index("Acción %s" % k):], re.S)
            got = (m.group(1) + "|" + r.group(1)).replace(k, "nl")
            for c in "\u2028\u2029\u0085":
                eq(c in got, False, "HTML: %s left in the text of action %s: %r" % (repr(c), k, got))
            if ref is None:
                ref = got
            eq(got, ref, "HTML: a %s is written as a newline is" % k)
            # a single line break stays one, as in the DOCX and the PDF (it was joined into one line)
            contains(got, "Primeranl línea<br>\nSegundanl línea", "HTML: the line break of action %s" % k)
        docx, _ = write(e, "compendio", "docx", "es")
        body = docx_xml(docx)
        for c in "\u2028\u2029\u0085":
            eq(c in body, False, "DOCX: %r left in the text" % c)
        # a newline is a <w:br/> between the two lines, for each separator alike
        for k in SEPARATORS:
            contains(body, "Primera%s línea</w:t><w:br/><w:t xml:space=\"preserve\">Segunda%s línea" % (k, k),
                     "the DOCX (%s)" % k)
        pdf, r = write(e, "compendio", "pdf", "es")
        eq([x for x in r.stderr.splitlines() if "se escribió" not in x], [],
           "no warning about a character the PDF cannot draw")
        text = pdf_text(pdf)
        for c in "\u2028\u2029\u0085":
            eq(c in text, False, "PDF: %r left in the text" % c)
        for k in SEPARATORS:
            contains(text, "Primera%s línea\nSegunda%s línea" % (k, k), "the PDF (%s)" % k)
        # the Informe quotes the programs' results by the same rule (text.c)
        for fmt in ("html", "pdf", "docx"):
            path, r = write(e, "report", fmt, "es")
            t = text_of(open(path, encoding="utf-8").read()) if fmt == "html" else \
                pdf_text(path) if fmt == "pdf" else docx_xml(path)
            contains(t, "Resultadonl uno", "the Informe's %s" % fmt)
            for c in "\u2028\u2029\u0085":
                eq(c in t, False, "the Informe's %s: %r left in the text" % (fmt, c))
    finally:
        e.close()


# ------------------------------------------------------------------ N3
INSTITUTIONS = ("A-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,No,No,,\n"
                "A-2,Segob,7,Módulos,,Servicios o asesoría legales,exterior,No,No,,\n"
                "A-3,SRE,\"3, 9\",Guía,,Generación de información y/o materiales informativos,extranjeros,No,No,,\n")


def english_names_marked_ids_unique():
    e = small(INSTITUTIONS)
    try:
        page = html_of(e, lang="en")
        eq(page.count('id=""'), 0, "headings without an id have no id attribute")
        ids = Counter(re.findall(r'\bid="([^"]*)"', page))
        eq([i for i, n in ids.items() if n > 1], [], "every id once")
        heads = re.findall(r'<h4 id="o\d+-[^"]*">(.*?)</h4>', page)
        eq(len(heads) >= 4, True, "institution headings: %r" % heads)
        for h in heads:
            eq(h.startswith('<span lang="es">') and h.endswith("</span>"), True, "a Spanish name marked: %r" % h)
        index = re.findall(r'<p class="index">(.*?): ', page)
        eq(len(index), 2, "two institutions in the index")
        for h in index:
            eq(h.startswith('<span lang="es">'), True, "a Spanish name in the index marked: %r" % h)
        docx, _ = write(e, "compendio", "docx", "en")
        body = docx_xml(docx)
        for p in re.findall(r'<w:p><w:pPr><w:pStyle w:val="(?:Heading3|IndexEntry)"/></w:pPr>(.*?)</w:p>', body):
            if "Secretaría" in p:
                contains(p, '<w:lang w:val="es-MX"/>', "a Spanish heading or index entry of the English DOCX")
        eq(len(re.findall(r"Heading3.{0,200}es-MX.{0,200}Secretaría", body)) >= 1, True, "Heading3 marked")
        # the Spanish Compendio needs no mark
        eq('lang="es"' in html_of(e, lang="es").split("<main>")[1], False, "no span lang=es in Spanish")
    finally:
        e.close()


# ------------------------------------------------------------------ N4
def empty_edition_says_so():
    e = small("")
    try:
        for lang, want, bad in (("es", "Este Compendio General no reúne ninguna acción: no se reportaron acciones "
                                       "en la edición.", ("cero", "Índice de instituciones", "Objetivos sin acciones")),
                                ("en", "This General Compendium gathers no actions: none were reported in the "
                                       "edition.", ("zero", "Index of institutions", "Objectives without actions"))):
            text = text_of(html_of(e, lang=lang))
            contains(text, want, "the empty Compendio (%s)" % lang)
            for b in bad:
                eq(b in text, False, "%s: %r in an empty Compendio" % (lang, b))
            pdf, _ = write(e, "compendio", "pdf", lang)
            t = pdf_text(pdf)
            eq(bad[1] in t, False, "no empty index page in the PDF (%s)" % lang)
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
            # the cover, the contents and the one-line notice (63d3cce: six pages, an empty index among them)
            eq(re.search(r"Pages:\s+(\d+)", info).group(1), "3", "pages of the empty Compendio's PDF (%s)" % lang)
            docx, _ = write(e, "compendio", "docx", lang)
            body = docx_xml(docx)
            eq("IndexEntry" in body or bad[1] in body, False, "no index in the DOCX (%s)" % lang)
            contains(re.sub(r"<[^>]+>", "", body), want, "the DOCX notice (%s)" % lang)
    finally:
        e.close()


# ------------------------------------------------------------------ N5
def objectives_sorted_with_and():
    rows = ("A-1,SRE,\"4, 3\",Registro,,Servicios o asesoría legales,exterior,No,No,,\n"
            "A-2,Segob,3,Estudio,,Productos de investigación,no_aplica,No,No,,\n"
            "A-3,SRE,\"9, 2, 3, 4\",Guía,,Servicios o asesoría legales,exterior,No,No,,\n")
    e = small(rows)
    try:
        es = text_of(html_of(e, lang="es"))
        contains(es, "Objetivos 3 y 4 (principal: 4).")
        contains(es, "Objetivo 3.")
        contains(es, "Objetivos 2–4 y 9 (principal: 9).")
        for bad in ("Objetivos: 4, 3", "Objetivo: 3", "Objetivos: "):
            eq(bad in es, False, "%r in the Compendio" % bad)
        en = text_of(html_of(e, lang="en"))
        contains(en, "Objectives 3 and 4 (principal: 4).")
        contains(en, "Objective 3.")
        contains(en, "Objectives 2–4 and 9 (principal: 9).")
    finally:
        e.close()


# ------------------------------------------------------------------ N6
PERIODS = [("2025-03:2025-03", "marzo de 2025", "March 2025"),
           ("2025-01:2025-12", "enero a diciembre de 2025", "January to December 2025"),
           ("2024-06:2025-05", "junio de 2024 a mayo de 2025", "June 2024 to May 2025")]


def periods_written_once():
    for period, es, en in PERIODS:
        e = small(INSTITUTIONS, period=period)
        try:
            for lang, want, word in (("es", es, "Periodo: "), ("en", en, "Period: ")):
                comp = text_of(html_of(e, lang=lang))
                contains(comp, word + want, "the Compendio's cover (%s)" % lang)
                inf = text_of(html_of(e, what="report", lang=lang))
                contains(inf, word + want, "the Informe's cover (%s)" % lang)
                contains(inf, "(%s)" % want, "the Informe's source lines (%s)" % lang)
                pre = {"es": "durante el periodo de %s, en concordancia", "en": "for the period %s, in line"}[lang]
                contains(inf, pre % want, "the Informe's preamble (%s)" % lang)
                fig = e.pmm("report", "--edition", "2024", check=0, lang=lang).stdout
                contains(fig, "(%s)" % want, "pmm report's text (%s)" % lang)
            # nothing writes the year twice for one year, nor a month twice
            comp = text_of(html_of(e, lang="es")) + text_of(html_of(e, what="report", lang="es"))
            for bad in ("marzo de 2025 a marzo de 2025", "enero de 2025 a diciembre de 2025"):
                eq(bad in comp, False, bad)
        finally:
            e.close()


check("N2: U+2028, U+2029 and U+0085 in a record's text are newlines in HTML, DOCX and PDF",
      separators_are_newlines)
check("N3: the English Compendio marks Spanish institution names; no empty or repeated ids",
      english_names_marked_ids_unique)
check("N4: an empty edition's Compendio says so in one line, without an empty index", empty_edition_says_so)
check("N5: objectives in increasing order, joined with «y», the principal named", objectives_sorted_with_and)
check("N6: a period of one month or one year written once, everywhere", periods_written_once)
done()
