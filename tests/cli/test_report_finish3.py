"""Issue 12, verification round (helper F12B): the faults the tester
found in the Informe and the Compendio as publications, each checked
through the files pmm writes (HTML, PDF via pdftotext, DOCX parts) and
its messages."""
import html as htmlmod
import re
import subprocess
import zipfile
from pmmtest import Scratch, ACTION_HEADER, check, eq, done


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def contains(text, part, what="output"):
    if part in text:
        return
    i = max(text.find(part[:12]), 0)
    raise AssertionError("%s does not contain %r; near: %r" % (what, part, text[max(i - 200, 0):i + 400]))


def small(rows, *imprint, edition="2024"):
    """A scratch database with EDITION imported from ROWS (CSV)."""
    e = Scratch()
    e.pmm("init", check=0)
    e.pmm("edition", "new", edition, "--period", "2024-01:2024-12", check=0)
    if rows:
        e.pmm("import", "--edition", edition, e.write("acciones.csv", ACTION_HEADER + "\n" + rows), check=0)
    if imprint:
        e.pmm("edition", "set", edition, *imprint, check=0)
    return e


def report(e, fmt="html", lang="es", what="report", *extra, edition="2024"):
    out = "%s-%s-%d.%s" % (what, lang, len(extra), fmt)
    e.pmm(what, "--edition", edition, "--format", fmt, "--lang", lang, *extra, "-o", out, check=0)
    if fmt == "html":
        return open(e.path(out), encoding="utf-8").read()
    return e.path(out)


def pdf_text(path, *opts):
    return run("pdftotext", *opts, path, "-")


def text_of(page):
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", page))


# ---------------------------------------------------------------- fault 1
OPENERS = {"\u202a": "E", "\u202b": "E", "\u202d": "E", "\u202e": "E", "\u2066": "I", "\u2067": "I", "\u2068": "I"}


def open_controls(text):
    """The direction controls TEXT leaves open at its end (UBA's rules:
    PDF closes an embedding, PDI an isolate and what it holds)."""
    stack = []
    for c in text:
        if c in OPENERS:
            stack.append(OPENERS[c])
        elif c == "\u202c" and stack and stack[-1] == "E":
            stack.pop()
        elif c == "\u2069" and "I" in stack:
            while stack.pop() != "I":
                pass
        elif c in "\u202c\u2069":
            raise AssertionError("a closer with nothing to close in %r: it closes the line's own" % text)
    return stack


BIDI = ('B-7,CNDH,3,Programa\u202eRTLO,,,,,,,Resultado.\n'
        'B-8,SRE,3,Aislado\u2067 sin cerrar,,,,,,,Resultado del aislado.\n')


def bidi_controls_stay_inside_the_name():
    e = small(BIDI)
    try:
        for lang in ("es", "en"):
            # the PDF: the institution and the results print as written, after the name
            t = pdf_text(report(e, "pdf", lang))
            contains(t, "ProgramaOLTR (CNDH): Resultado.", "%s PDF" % lang)
            line = [l for l in t.splitlines() if "(SRE)" in l and "Aislado" in l]
            if not line or not line[0].rstrip().endswith("(SRE): Resultado del aislado."):
                raise AssertionError("%s PDF: the isolate's line is %r" % (lang, line))
            # HTML and DOCX: what the name opens is closed before «(CNDH)»
            page = text_of(report(e, "html", lang))
            with zipfile.ZipFile(report(e, "docx", lang)) as z:
                doc = text_of(z.read("word/document.xml").decode("utf-8"))
            for what, text in (("HTML", page), ("DOCX", doc)):
                for inst in ("(CNDH)", "(SRE)"):
                    i = text.find(" %s: Resultado" % inst)
                    if i < 0:
                        raise AssertionError("%s %s: no %s line" % (lang, what, inst))
                    start = text.rfind("\n", 0, i) + 1
                    left = open_controls(text[start:i])
                    if left:
                        raise AssertionError("%s %s: %r leaves %r open before %s"
                                             % (lang, what, text[start:i][-60:], left, inst))
    finally:
        e.close()


def bidi_controls_stay_inside_a_compendio_challenge():
    e = small("A-1,SRE,7,Uno,,,,,,,\n")
    try:
        e.pmm("import", "--edition", "2024", e.write("a.csv", ACTION_HEADER + "\nA-1,SRE,7,Uno,,,,,,,\n"),
              "--retos", e.write("r.csv", "folio,reto,categoria\nA-1,Falta\u202eABC,Obstáculos legales\n"), check=0)
        t = pdf_text(report(e, "pdf", "es", "compendio"))
        contains(t, "Reto: FaltaCBA (Obstáculos legales)", "Compendio PDF")
    finally:
        e.close()


# ---------------------------------------------------------------- fault 4
def line_separators_fold_and_controls_refused():
    e = small('K-1,INM,7,"Línea\u2028separada\u2029párrafo\u0085NEL   fin",,,,,,,"Resultado uno\u2028dos. Tres."\n')
    try:
        t = pdf_text(report(e, "pdf"))
        contains(t, "Línea separada párrafo NEL fin (INM): Resultado uno dos.", "PDF")
        page = text_of(report(e, "html"))
        contains(page, "Línea separada párrafo NEL fin (INM): Resultado uno dos.", "HTML")
        # BEL, ESC, VT: refused, with the file, the line and the field
        for ch, code in (("\x07", "U+0007"), ("\x1b", "U+001B"), ("\x0b", "U+000B"), ("\u009b", "U+009B")):
            p = e.write("c.csv", ACTION_HEADER + "\nK-2,INM,7,Nombre%scon fin,,,,,,,R.\n" % ch)
            r = e.pmm("import", "--edition", "2024", p)
            if r.returncode == 0:
                raise AssertionError("a name with %s was imported" % code)
            contains(r.stderr, "c.csv:2", "stderr")
            contains(r.stderr, "nombre", "stderr")
            contains(r.stderr, code, "stderr")
        eq(e.query("SELECT count(*) FROM action")[0][0], 1, "actions after the refused imports")
    finally:
        e.close()


# ---------------------------------------------------------------- fault 2
def dated(page):
    """Whether PAGE (HTML) carries a publication date: «Oaxaca, 1 de
    diciembre de 2026» on the cover, a year in the citation."""
    t = text_of(page)
    return bool(re.search(r"Oaxaca, \d+ de \w+ de \d{4}|Oaxaca, \w+ \d+, \d{4}", t)), t


def live_reading_of_a_published_edition_is_a_draft():
    e = small("A-1,INM,7,Uno,,,,,,,R.\n", "--lugar", "Oaxaca")
    try:
        e.pmm("edition", "set", "2024", "--state", "publicada", check=0)
        for extra in ((), ("--revision", "1")):
            has, t = dated(report(e, "html", "es", "report", *extra))
            if not has:
                raise AssertionError("the published revision %r has no date: %r" % (extra, t[:300]))
        for extra in (("--revision", "live"), ("--all",)):
            for lang in ("es", "en"):
                has, t = dated(report(e, "html", lang, "report", *extra))
                if has or ("s. f." if lang == "es" else "n.d.") not in t:
                    raise AssertionError("%s %r: the live rows carry a publication date" % (lang, extra))
        e.pmm("edition", "reopen", "2024", "--note", "x", check=0)
        e.pmm("import", "--edition", "2024", e.write("z.csv", ACTION_HEADER + "\nZ-1,INM,7,Nueva,,,,,,,R.\n"),
              check=0)
        for what in ("report", "compendio"):
            for extra in ((), ("--revision", "live"), ("--all",)):
                page = report(e, "html", "es", what, *extra)
                has, t = dated(page)
                if has:
                    raise AssertionError("%s %r of the reopened edition is dated" % (what, extra))
                contains(t, "versión preliminar, sin publicar", "%s %r" % (what, extra))
            if what == "report":
                contains(t, "(s. f.)", "the reopened edition's citation")
        has, t = dated(report(e, "html", "es", "report", "--revision", "1"))
        if not has:
            raise AssertionError("revision 1 of the reopened edition lost its date")
    finally:
        e.close()


# ---------------------------------------------------------------- fault 3
def pdf_page_lines(path):
    """Every page's body lines (below the running header, above the page
    number), as text."""
    t = run("pdftotext", "-bbox", path, "-")
    out = []
    for pg in re.findall(r"<page[^>]*>(.*?)</page>", t, re.S):
        ws = [(float(b), float(d), float(a), htmlmod.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pg)]
        body = sorted([w for w in ws if w[0] > 60 and w[1] < 841.89 - 50], key=lambda w: (round(w[1], 1), w[2]))
        lines = []
        for w in body:
            if lines and abs(lines[-1][0][1] - w[1]) < 0.5:
                lines[-1].append(w)
            else:
                lines.append([w])
        out.append([" ".join(w[3] for w in l).replace("\xa0", " ") for l in lines])
    return out


def no_compendio_page_ends_in_a_heading():
    for lang in ("es", "en"):
        page = report(DEMO, "html", lang, "compendio")
        heads = {text_of(h).strip() for h in re.findall(r"<h[34][^>]*>(.*?)</h[34]>", page, re.S)}
        pages = pdf_page_lines(report(DEMO, "pdf", lang, "compendio"))
        bad = []
        for n, lines in enumerate(pages[:-1], 1):
            if not lines:
                continue
            last = lines[-1]
            two = " ".join(lines[-2:])
            if re.match(r"\d{4}-\d{4} · ", last) or re.match(r"\d{4}-\d{4} · ", lines[-2] if len(lines) > 1 else "") \
                    and not re.search(r"[.:]", last) or last in heads or two in heads:
                bad.append((n, last[:60]))
        if bad:
            raise AssertionError("%s: pages ending in a heading or a record title: %r" % (lang, bad))


# ---------------------------------------------------------------- fault 5
def compendio_labels_agree_with_their_count():
    e = small('A-1,SRE,7,Uno,D,"Servicios o asesoría legales; Servicios de salud","exterior; retorno",No,No,,R.\n'
              'A-2,INM,"3, 7",Dos,D,Servicios de salud,exterior,No,No,,R.\n')
    try:
        want = {"es": ["Tipos de acción: Servicios o asesoría legales; Servicios de salud.",
                       "Poblaciones: ", "Objetivo 7.", "Tipo de acción: Servicios de salud.", "Objetivos 3 y 7 (principal: 3)."],
                "en": ["Action types: Legal services or advice; Health services.", "Populations: ",
                       "Objective 7.", "Action type: Health services.", "Objectives 3 and 7 (principal: 3)."]}
        for lang, parts in want.items():
            for fmt in ("html", "pdf"):
                out = report(e, fmt, lang, "compendio")
                t = text_of(out) if fmt == "html" else " ".join(pdf_text(out).split())
                for part in parts:
                    contains(t, part, "%s %s Compendio" % (lang, fmt))
                for wrong in (("Objetivos 7.", "Tipo de acción: Servicios o") if lang == "es"
                              else ("Objectives 7.", "Action type: Legal")):
                    if wrong in t:
                        raise AssertionError("%s %s Compendio: %r" % (lang, fmt, wrong))
    finally:
        e.close()


# ---------------------------------------------------------------- fault 8
def empty_edition_prints_no_zero_count():
    e = small("")
    try:
        for lang, want in (("es", "La edición no tiene acciones registradas todavía."),
                           ("en", "The edition has no recorded actions yet.")):
            t = " ".join(pdf_text(report(e, "pdf", lang)).split())
            contains(t, want, "%s PDF" % lang)
            page = text_of(report(e, "html", lang))
            contains(page, want, "%s HTML" % lang)
            for text, what in ((t, "PDF"), (page, "HTML")):
                if "(0)" in text:
                    raise AssertionError("%s %s: «(0)» near %r" % (lang, what, text[text.find("(0)") - 80:][:120]))
    finally:
        e.close()


# ---------------------------------------------------------------- fault 9
def spanish_key(name):
    """Spanish collation as text_collate_es has it: accents and case folded, ñ after n."""
    import unicodedata
    out = []
    for ch in unicodedata.normalize("NFKD", name.casefold()):
        if ch == "\u0303" and out and out[-1] == "n":
            out.append("\x7f")
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


def catalog_listed_in_spanish_order():
    e = small("")
    try:
        names = [l.split("\t")[0] for l in e.pmm("catalog", "challenge-categories", check=0).stdout.splitlines() if l]
        eq(len(names), 20, "challenge categories")
        if names.index("Obstáculos legales") > names.index("Obtención y uso de información sobre la materia"):
            raise AssertionError("«Obtención» before «Obstáculos»: %r" % names)
        eq(names, sorted(names, key=spanish_key), "challenge categories in Spanish order")
        acr = [l.split("\t")[0] for l in e.pmm("catalog", "institutions", check=0).stdout.splitlines()
               if l.split("\t")[2:3] == ["APF"]]
        eq(acr, sorted(acr, key=spanish_key), "APF institutions in Spanish order (the one rule)")
    finally:
        e.close()


# ---------------------------------------------------------------- fault 6
def english_imprint_or_marked_spanish():
    e = small("A-1,INM,7,Uno,,,,,,,R.\n", "--emisor", "Secretaría de Gobernación", "--pais", "México",
              "--lugar", "Oaxaca de Juárez")
    try:
        page = report(e, "html", "en")
        # no English form: the Spanish setting, marked as Spanish, on the cover and the closing page
        contains(page, '<p class="issuer"><span lang="es">Secretaría de Gobernación</span>\xa0· '
                       '<span lang="es">México</span></p>', "English cover")
        contains(page, '<p class="place"><span lang="es">Oaxaca de Juárez</span>, ', "English cover")
        contains(page, 'Country: <span lang="es">México</span>.', "English closing page")
        contains(page, 'Source: <span lang="es">Secretaría de Gobernación</span>, ', "English figure source")
        contains(page, 'Place and date: <span lang="es">Oaxaca de Juárez</span>, ', "English closing page")
        contains(page, '<span lang="es">Oaxaca de Juárez</span>: <span lang="es">Secretaría de Gobernación</span>.',
                 "English citation")
        # the English forms, when set, are the English Informe's; the Spanish one keeps the Spanish
        r = e.pmm("edition", "set", "2024", "--emisor-en", "Ministry of the Interior", "--pais-en", "Mexico",
                  "--lugar-en", "Oaxaca City")
        eq(r.returncode, 0, r.stderr)
        for fmt in ("html", "pdf", "docx"):
            out = report(e, fmt, "en")
            if fmt == "html":
                t = text_of(out)
            elif fmt == "pdf":
                t = " ".join(pdf_text(out).split())
            else:
                with zipfile.ZipFile(out) as z:
                    t = text_of(z.read("word/document.xml").decode("utf-8"))
            for want in ("Ministry of the Interior\xa0· Mexico" if fmt != "pdf" else "Ministry of the Interior · Mexico",
                         "Oaxaca City, preliminary version", "Country: Mexico.",
                         "Suggested citation: Ministry of the Interior (n.d.)"):
                contains(t, want, "English %s" % fmt)
            for spanish in ("Secretaría de Gobernación", "Oaxaca de Juárez", "México"):
                if spanish in t:
                    raise AssertionError("English %s still prints %r" % (fmt, spanish))
        es = text_of(report(e, "html", "es"))
        contains(es, "Secretaría de Gobernación\xa0· México", "Spanish cover")
        contains(es, "Lugar y fecha: Oaxaca de Juárez, ", "Spanish closing page")
        # a revision keeps its English imprint
        e.pmm("edition", "set", "2024", "--state", "publicada", check=0)
        e.pmm("edition", "reopen", "2024", check=0)
        e.pmm("edition", "set", "2024", "--emisor-en", "Someone Else", check=0)
        contains(text_of(report(e, "html", "en", "report", "--revision", "1")), "Ministry of the Interior",
                 "revision 1 in English")
        # the help names the options
        contains(e.pmm("edition", "--help", check=0).stdout, "--issuer-en", "pmm edition --help")
    finally:
        e.close()


DEMO = Scratch()
DEMO.pmm("demo", check=0)

check("1: a bidi control in a name stays inside it (PDF, HTML, DOCX; es, en)", bidi_controls_stay_inside_the_name)
check("1: a bidi control in a Compendio challenge leaves its category in place",
      bidi_controls_stay_inside_a_compendio_challenge)
check("4: U+2028, U+2029, U+0085 fold like newlines; C0/C1 controls refused at import",
      line_separators_fold_and_controls_refused)
check("2: a reopened edition, --revision live and --all are drafts; a revision keeps its date",
      live_reading_of_a_published_edition_is_a_draft)
check("5: Compendio labels agree with their count («Objetivo: 7», «Tipos de acción: A; B»)",
      compendio_labels_agree_with_their_count)
check("6: the English Informe prints the imprint's English forms, or the Spanish marked",
      english_imprint_or_marked_spanish)
check("8: an empty edition prints no «(0)»", empty_edition_prints_no_zero_count)
check("9: pmm catalog challenge-categories in Spanish collation order", catalog_listed_in_spanish_order)
check("3: no Compendio page ends in a heading or a record title (demo, es and en)",
      no_compendio_page_ends_in_a_heading)
DEMO.close()
done()
