"""Issue 12, «Finish» (helper L12): what a black-box tester found in the
PDF and the DOCX of the demo and of small editions built by import, each
checked through the files pmm writes (pdftotext -bbox / -layout, pdfinfo,
the DOCX's parts)."""
import csv
import os
import re
import subprocess
import zipfile
from pmmtest import Scratch, ACTION_HEADER, SOURCE, check, eq, contains, done

s = Scratch()
s.pmm("demo", check=0)
s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "informe.pdf", check=0)
PDF = s.path("informe.pdf")
ISSUER = "Unidad de Política Migratoria, Registro e Identidad de Personas"


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def info(path):
    out = run("pdfinfo", path)
    return dict((k.strip(), v.strip()) for k, v in (l.split(":", 1) for l in out.splitlines() if ":" in l))


def small(rows, retos=None, *imprint):
    """A scratch database with edition 2024 imported from ROWS (CSV)."""
    e = Scratch()
    e.pmm("init", check=0)
    e.pmm("edition", "new", "2024", "--period", "2024-01:2024-12", check=0)
    cmd = ["import", "--edition", "2024", e.write("acciones.csv", ACTION_HEADER + "\n" + rows)]
    if retos:
        cmd += ["--retos", e.write("retos.csv", "folio,reto,categoria\n" + retos)]
    e.pmm(*cmd, check=0)
    if imprint:
        e.pmm("edition", "set", "2024", *imprint, check=0)
    return e


# One reporter type (all federal), a few objectives, challenges: a stacked
# chart with a one-entry legend under a one-line title.
ONE_TYPE = "".join("A-%d,INM,%d,Programa %d,Descripción de la acción %d.,Servicios o asesoría legales,"
                   "extranjeros,No,No,,\n" % (i, 1 + i % 5, i, i) for i in range(1, 13))
ONE_TYPE_RETOS = "".join("A-%d,Reto %d,Barreras culturales y de idioma\n" % (i, i) for i in range(1, 7))


# ------------------------------------------------------------ helpers

def words(path):
    """Every page's words as (xmin, ymin, xmax, ymax, text), from pdftotext -bbox."""
    t = run("pdftotext", "-bbox", path, "-")
    pages = []
    for pg in re.findall(r"<page[^>]*>(.*?)</page>", t, re.S):
        pages.append([(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pg)])
    return pages


def lines(ws):
    """Words grouped in lines (same baseline: same yMax), top to bottom."""
    out = []
    for w in sorted(ws, key=lambda w: (round(w[3], 1), w[0])):
        if out and abs(out[-1][0][3] - w[3]) < 0.5:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def figure_titles_clear(path):
    """Each figure's title (its lines: same size, close together) ends above
    the first line of the figure under it."""
    seen = 0
    for n, ws in enumerate(words(path), 1):
        ls = lines(ws)
        for i, l in enumerate(ls):
            if l[0][4] not in ("Figura", "Figure") or not re.match(r"\d+\.$", l[1][4]):
                continue
            seen += 1
            h = l[0][3] - l[0][1]
            j = i
            while j + 1 < len(ls) and abs((ls[j + 1][0][3] - ls[j + 1][0][1]) - h) < 0.3 \
                    and ls[j + 1][0][1] - ls[j][0][3] < 6:
                j += 1
            if j + 1 == len(ls):
                continue
            bottom = max(w[3] for w in ls[j])
            top = min(w[1] for w in ls[j + 1])
            if top < bottom + 2:
                raise AssertionError("page %d: «%s» ends at %.2f, «%s» under it starts at %.2f" % (
                    n, " ".join(w[4] for w in l), bottom, " ".join(w[4] for w in ls[j + 1]), top))
    if not seen:
        raise AssertionError("no figure found in " + path)


# ------------------------------------------------------------ 1. figure titles

def figure_titles_clear_of_legends():
    figure_titles_clear(PDF)
    e = small(ONE_TYPE, ONE_TYPE_RETOS)
    try:
        e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "uno.pdf", check=0)
        figure_titles_clear(e.path("uno.pdf"))
    finally:
        e.close()


# ------------------------------------------------------------ 2. author

def author_is_the_issuer():
    i = info(PDF)
    contains(i.get("Author", ""), ISSUER, "PDF /Author")
    eq(i["Creator"], "pmm", "PDF /Creator")
    s.pmm("report", "--edition", "2024", "--format", "docx", "-o", "informe.docx", check=0)
    with zipfile.ZipFile(s.path("informe.docx")) as z:
        core = z.read("docProps/core.xml").decode()
        app = z.read("docProps/app.xml").decode()
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
    m = re.search(r"<dc:creator>([^<]*)</dc:creator>", core)
    if not m or ISSUER not in m.group(1):
        raise AssertionError("DOCX dc:creator is not the issuer: " + core)
    contains(app, "<Application>pmm</Application>", "app.xml")
    contains(types, "/docProps/app.xml", "content types")
    contains(rels, 'Target="docProps/app.xml"', "package relationships")
    # an edition's own issuer (edition set --emisor) is its author
    e = small(ONE_TYPE, None, "--emisor", "Unidad de Prueba Emisora")
    try:
        e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "otra.pdf", check=0)
        contains(info(e.path("otra.pdf")).get("Author", ""), "Unidad de Prueba Emisora", "PDF /Author")
        e.pmm("report", "--edition", "2024", "--format", "docx", "-o", "otra.docx", check=0)
        with zipfile.ZipFile(e.path("otra.docx")) as z:
            contains(z.read("docProps/core.xml").decode(), "<dc:creator>Unidad de Prueba Emisora",
                     "dc:creator")
        # the Compendio has the same author as the Informe (it had none)
        e.pmm("compendio", "--edition", "2024", "--format", "pdf", "-o", "comp.pdf", check=0)
        contains(info(e.path("comp.pdf")).get("Author", ""), "Unidad de Prueba Emisora", "Compendio /Author")
        # F12: restored (the 288-byte fontconfig leak under ASan is fixed)
        e.pmm("compendio", "--edition", "2024", "--format", "docx", "-o", "comp.docx", check=0)
        with zipfile.ZipFile(e.path("comp.docx")) as z:
            contains(z.read("docProps/core.xml").decode(), "<dc:creator>Unidad de Prueba Emisora",
                     "Compendio dc:creator")
    finally:
        e.close()


# ------------------------------------------------------------ 3. lead-in lines

def page_text(path, page):
    return run("pdftotext", "-f", str(page), "-l", str(page), path, "-")


def lead_in_kept_with_its_list():
    """The English demo ended pages 7 and 8 with «Programmes reported
    include:», the programmes on the next page."""
    for lang in ("en", "es"):
        out = "leads-%s.pdf" % lang
        s.pmm("report", "--edition", "2024", "--format", "pdf", "--lang", lang, "-o", out, check=0)
        for n in range(2, int(info(s.path(out))["Pages"]) + 1):
            body = [l for l in page_text(s.path(out), n).splitlines() if l.strip()][:-1]   # less the page number
            if body and body[-1].rstrip().endswith(":"):
                raise AssertionError("%s: page %d ends with a lead-in: %r" % (lang, n, body[-1]))
        s.pmm("report", "--edition", "2024", "--format", "docx", "--lang", lang, "-o", "leads.docx", check=0)
        with zipfile.ZipFile(s.path("leads.docx")) as z:
            doc = z.read("word/document.xml").decode()
        want = "Entre los programas reportados destacan:" if lang == "es" else "Programmes reported include:"
        m = re.search(r'<w:p><w:pPr><w:pStyle w:val="(\w+)"/></w:pPr>(?:(?!</w:p>).)*' + want, doc)
        eq(m and m.group(1), "LeadIn", "the DOCX style of the lead-in")


# ------------------------------------------------------------ 4. page finish

def objectives_without_actions_together():
    """A small edition's Compendio gave each objective without actions a
    page of its own (here 21 of them): they are listed in one section."""
    e = small(ONE_TYPE)     # objectives 1 to 5
    try:
        e.pmm("compendio", "--edition", "2024", "--format", "pdf", "-o", "c.pdf", check=0)
        pages = int(info(e.path("c.pdf"))["Pages"])
        if pages > 12:
            raise AssertionError("%d pages for 12 actions" % pages)
        t = re.sub(r"\s+", " ", run("pdftotext", e.path("c.pdf"), "-").replace("\u00ad\n", ""))
        contains(t, "No se reportaron acciones para los objetivos 6–23.")   # F12: in runs (round 3, fault 12)
        contains(t, "Objetivo 23. Fortalecer la cooperación internacional")
        e.pmm("compendio", "--edition", "2024", "--format", "html", "-o", "c.html", check=0)
        h = open(e.path("c.html"), encoding="utf-8").read()
        for o in range(1, 24):
            contains(h, 'id="objetivo-%d"' % o, "the anchor of objective %d" % o)
    finally:
        e.close()


def body_lines(path):
    """Each page's lines between the running header and the page number."""
    return [[l for l in lines(ws) if 60 < l[0][3] < 780] for ws in words(path)]


def is_row(line):
    """A line of a table (8.5-point cells: words 9.9 points high in pdftotext's boxes)."""
    return all(9.7 < w[3] - w[1] < 10.1 for w in line)


def table_breaks_keep_rows(path):
    """Where a table runs from one page onto the next (the page ends and
    the next begins with table lines), three rows at least on each side,
    besides the header repeated."""
    ps = body_lines(path)
    for n in range(1, len(ps)):
        prev, cur = ps[n - 1], ps[n]
        if not prev or not cur or not is_row(prev[-1]) or not is_row(cur[0]):
            continue
        before = after = 0
        while before < len(prev) and is_row(prev[-1 - before]):
            before += 1
        while after < len(cur) and is_row(cur[after]):
            after += 1
        if before - 1 < 3 or after - 1 < 3:
            raise AssertionError("%s: a table breaks from page %d (%d lines) to %d (%d lines): %r" % (
                path, n, before - 1, n + 1, after - 1, [" ".join(w[4] for w in l) for l in cur[:after]]))


def table_breaks_keep_three_rows():
    for lang in ("es", "en"):
        table_breaks_keep_rows(s.path("leads-%s.pdf" % lang))
    insts = [r["siglas"] for r in csv.DictReader(open(os.path.join(SOURCE, "data", "packs", "mx", "institutions.csv"),
                                                      encoding="utf-8"))]
    # one action for each of the pack's first K institutions: with 34 and
    # 35, Annex A broke leaving one and two rows on its last page
    for k in (34, 35):
        rows = "".join("A-%d,%s,%d,Programa %d,Descripción %d.,Servicios o asesoría legales,extranjeros,No,No,,"
                       "Se atendió a %d personas\n" % (i, insts[i - 1], 1 + (i * 7) % 23, i, i, i)
                       for i in range(1, k + 1))
        e = small(rows)
        try:
            e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "t.pdf", check=0)
            table_breaks_keep_rows(e.path("t.pdf"))
        finally:
            e.close()


def contents_break_evenly():
    """The demo's contents ran ten entries onto page 3: they fill page 2 or
    break into two even halves."""
    def entries(n):
        return len([l for l in run("pdftotext", "-layout", "-f", str(n), "-l", str(n), PDF, "-").splitlines()
                    if re.search(r"\S\s+\d+\s*$", l)])
    if run("pdftotext", "-layout", "-f", "3", "-l", "3", PDF, "-").splitlines()[0].split()[-1] != "Contenido":
        return      # one page
    two, three = entries(2), entries(3)
    if abs(two - three) > 3:
        raise AssertionError("contents: %d entries on page 2, %d on page 3" % (two, three))


def no_record_end_alone_on_a_page():
    """The demo's Compendio had a page holding one line, «Resultados: …»,
    the end of a record: a page carries at least three lines of its own."""
    s.pmm("compendio", "--edition", "2024", "--format", "pdf", "-o", "compendio.pdf", check=0)
    path = s.path("compendio.pdf")
    for n in range(2, int(info(path)["Pages"]) + 1):
        ls = [l for l in page_text(path, n).splitlines() if l.strip()]
        if len(ls) - 3 < 3:     # the running header (title, section) and the page number
            raise AssertionError("Compendio page %d carries %r" % (n, ls))


# ------------------------------------------------------------ 5. right to left

def line_of(path, word):
    """The words of the line that holds WORD, left to right."""
    for ws in words(path):
        for l in lines(ws):
            if any(w[4] == word for w in l):
                return sorted(l)
    raise AssertionError("no «%s» in %s" % (word, path))


def right_to_left_run_stays_inside_its_line():
    e = small("A-1,SRE,7,مرحبا Programa de apoyo consular,Descripción,Servicios o asesoría legales,exterior,"
              "Sí,No,120,Se atendió a 120 personas\n")
    try:
        e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "rtl.pdf", check=0)
        ws = line_of(e.path("rtl.pdf"), "apoyo")
        # the paragraph is left to right: the Arabic first, at the margin, the period last
        if not re.match(r"[\u0600-\u06ff]", ws[0][4]) or ws[0][0] > 62.5:
            raise AssertionError("the line does not start with its Arabic word: %r" % [w[4] for w in ws])
        eq(ws[-1][4], "personas.", "the line's last word")
        e.pmm("compendio", "--edition", "2024", "--format", "pdf", "-o", "rtlc.pdf", check=0)
        eq(line_of(e.path("rtlc.pdf"), "apoyo")[0][4], "A-1", "the record's title starts with its folio")
    finally:
        e.close()


# ------------------------------------------------------------ 6. justification

LONG = "1234567890" * 7     # a word too long to share a line with «Programa», short enough not to be cut


def no_letter_spaced_word_nor_justified_title():
    e = small('A-1,SRE,7,"Programa %s fin",Descripción,Servicios o asesoría legales,exterior,Sí,No,120,'
              'Se atendió a 120 personas\n' % LONG)
    try:
        e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "j.pdf", check=0)
        ws = line_of(e.path("j.pdf"), LONG)
        eq([w[4] for w in ws], [LONG], "the long word's line")
        if not any(w[4] == "Programa" for ws in words(e.path("j.pdf")) for w in ws):
            raise AssertionError("«Programa» letter-spaced (pdftotext sees no such word)")
        e.pmm("compendio", "--edition", "2024", "--format", "pdf", "-o", "jc.pdf", check=0)
        t = line_of(e.path("jc.pdf"), "A-1")
        eq([w[4] for w in t], ["A-1", "·", "Programa"], "the record's title")
        if t[-1][2] > 200:
            raise AssertionError("the record's title is justified across the width: %r" % t)
    finally:
        e.close()


# ------------------------------------------------------------ 7. missing glyphs

def missing_glyph_warned_once_with_its_record():
    """No CJK font on the test machine (fonts-dejavu-core only): «中» is
    drawn as a box with its code; stderr names the record and the character,
    once, and the PDF is still written."""
    e = small("A-7,SRE,7,Programa 中文 de apoyo,Descripción con 中,Servicios o asesoría legales,exterior,"
              "Sí,No,120,Se atendió a 120 personas 中\n")
    try:
        if run("fc-list", ":charset=4e2d").strip():
            return      # a machine with a CJK font draws it: nothing to warn about
        for cmd in ("report", "compendio"):
            r = e.pmm(cmd, "--edition", "2024", "--format", "pdf", "-o", cmd + ".pdf", check=0)
            eq(r.stderr.count("U+4E2D"), 1, cmd + ": warned once for U+4E2D:\n" + r.stderr)
            eq(r.stderr.count("U+6587"), 1, cmd + ": warned once for U+6587:\n" + r.stderr)
            for l in r.stderr.splitlines():     # issue 14 (F14A): named by the command; then «se escribió»
                if "se escribió" not in l:
                    contains(l, "pmm %s: aviso: acción A-7: " % cmd, cmd + ": the warning names the record")
            eq(info(e.path(cmd + ".pdf"))["Pages"] > "0", True, "written")
        r = e.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "en.pdf", lang="en", check=0)
        contains(r.stderr, "pmm report: warning: action A-7: no font on the system has the character U+4E2D")
    finally:
        e.close()


check("1. figure titles clear of their legends (demo, one reporter type)", figure_titles_clear_of_legends)
check("2. the issuer as author in the PDF and the DOCX", author_is_the_issuer)
check("3. a lead-in line kept with the list it introduces", lead_in_kept_with_its_list)
check("4a. a table breaks with three rows at least on each side", table_breaks_keep_three_rows)
check("4b. contents break evenly", contents_break_evenly)
check("4c. a record's last lines not alone on a page (Compendio)", no_record_end_alone_on_a_page)
check("4d. objectives without actions listed together in the Compendio", objectives_without_actions_together)
check("5. a right-to-left run stays inside a left-to-right line", right_to_left_run_stays_inside_its_line)
check("6. no letter-spaced word, no justified title", no_letter_spaced_word_nor_justified_title)
check("7. a character no font has: warned with its record, once", missing_glyph_warned_once_with_its_record)
s.close()
done()
