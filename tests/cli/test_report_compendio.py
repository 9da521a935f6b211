"""pmm compendio: every action of the edition as reported, grouped by
objective, reporter type and institution, with an index of institutions;
pmm chart: any chart of the report alone, as SVG or PNG."""
import re
import sqlite3
import subprocess
from pmmtest import Scratch, check, eq, contains, done
from reportcheck import Doc, Counter, check_marks

s = Scratch()
s.pmm("demo", check=0)
s.pmm("compendio", "--edition", "2024", "--format", "html", "-o", "compendio.html", check=0)
html = open(s.path("compendio.html"), encoding="utf-8").read()
doc = Doc(html)
con = sqlite3.connect(s.db)
# Edition 2024's published revision is a copy of its validated actions in a
# hidden snapshot edition (issue 10): read the working edition's rows only
# (and 2024's only: the demo also holds the example edition, issue 13).
con.executescript("""
CREATE TEMP VIEW action AS SELECT * FROM main.action
  WHERE edition_id IN (SELECT id FROM main.edition WHERE snapshot_of IS NULL AND name = '2024');
CREATE TEMP VIEW challenge AS SELECT * FROM main.challenge WHERE action_id IN (SELECT id FROM action);
CREATE TEMP VIEW action_objective AS SELECT * FROM main.action_objective WHERE action_id IN (SELECT id FROM action);
""")


def every_action_under_each_objective():
    pairs = con.execute("SELECT a.folio, ao.objective FROM action a JOIN action_objective ao"
                        " ON ao.action_id = a.id WHERE a.status = 'validada'").fetchall()
    text = doc.text
    # each objective section holds exactly the folios linked to it
    parts = re.split(r"\nObjetivo (\d+)\. ", text)
    sections = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    eq(sorted(sections), list(range(1, 24)), "objective sections")
    for o in range(1, 24):
        want = sorted(f for f, ob in pairs if ob == o)
        got = sorted(re.findall(r"\b(\d{4}-\d{4}) · ", sections[o]))
        eq(got, want, "folios under objective %d" % o)
    eq(len(pairs), 383, "pairs")


def as_reported():
    folio, name, results = con.execute(
        "SELECT folio, name, results FROM action WHERE results <> '' ORDER BY folio LIMIT 1").fetchone()
    contains(doc.text, "%s · %s" % (folio, name))
    contains(doc.text, results)
    text, cat = con.execute("SELECT c.text, k.name FROM challenge c JOIN challenge_category k"
                            " ON k.id = c.category_id LIMIT 1").fetchone()
    contains(doc.text, "%s (%s)" % (text, cat))


def grouped_by_type_then_institution():
    sec = doc.text.split("\nObjetivo 4. ")[1].split("\nObjetivo 5. ")[0]
    heads = [l for l in sec.split("\n") if l in ("Administración Pública Federal", "Entidades federativas",
                                                  "Poder Judicial", "Organismos Constitucionales Autónomos",
                                                  "Organizaciones de la Sociedad Civil")]
    eq(heads, ["Administración Pública Federal", "Entidades federativas", "Poder Judicial",
               "Organismos Constitucionales Autónomos", "Organizaciones de la Sociedad Civil"], "order")


def index_links_to_sections():
    ids = set(doc.headings)
    links = re.findall(r'<p class="index">(.*?)</p>', html)
    n_inst = con.execute("SELECT count(DISTINCT institution_id) FROM action").fetchone()[0]
    eq(len(links), n_inst, "index entries")
    for l in links:
        for target in re.findall(r'href="#([^"]+)"', l):
            if target not in ids:
                raise AssertionError("index points to missing #%s" % target)


def counts_are_true():
    bad = check_marks(doc, Counter(s.db))
    if bad:
        raise AssertionError("\n".join(bad[:10]))


def pdf_with_index_pages():
    s.pmm("compendio", "--edition", "2024", "--format", "pdf", "-o", "compendio.pdf", check=0)
    out = subprocess.run(["pdfinfo", s.path("compendio.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", out).group(1))
    if pages < 50:
        raise AssertionError("only %d pages" % pages)
    last = subprocess.run(["pdftotext", "-f", str(pages - 3), "-l", str(pages), s.path("compendio.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    contains(last, "Índice de instituciones")
    m = re.search(r"Instituto Nacional de Migración \(INM\): obj\. (\d+) \(p\. (\d+)\)", last.replace("\n", " "))
    if not m:
        raise AssertionError("INM not in the index")
    page = subprocess.run(["pdftotext", "-f", m.group(2), "-l", m.group(2), s.path("compendio.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    contains(page, "Instituto Nacional de Migración (INM)", "page %s" % m.group(2))


def chart_svg_and_png():
    s.pmm("chart", "retos", "--edition", "2024", "-o", "retos.svg", check=0)
    svg = open(s.path("retos.svg"), encoding="utf-8").read()
    contains(svg, "<title id=\"grafica-retos-t\">Retos por categoría y tipo de reportante</title>")
    contains(svg, "Otros retos")
    d = Doc(svg)
    bad = check_marks(d, Counter(s.db))
    if bad:
        raise AssertionError("\n".join(bad[:10]))
    s.pmm("chart", "poblacion", "--edition", "2024", "--lang", "en", "-o", "pop.png", check=0)
    with open(s.path("pop.png"), "rb") as f:
        eq(f.read(8), b"\x89PNG\r\n\x1a\n", "PNG signature")
    r = s.pmm("chart", "pastel", "--edition", "2024", "-o", "x.svg")
    eq(r.returncode, 2, "unknown chart")
    contains(r.stderr, "objetivos-APF")
    r = s.pmm("chart", "retos", "--edition", "2024", "-o", "x.gif")
    eq(r.returncode, 2, "unknown extension")


def english_catalog_values():
    # issue 12, fault 4: the English Compendio gives the catalogs' English
    # names of action types, populations and challenge categories; a value
    # the catalog has no English for stays Spanish, marked lang="es"
    s.pmm("compendio", "--edition", "2024", "--format", "html", "--lang", "en", "-o", "en.html", check=0)
    text = Doc(open(s.path("en.html"), encoding="utf-8").read()).text
    contains(text, "Action type: Research products.")
    contains(text, "Population: Not applicable / other.")
    contains(text, "(Obtaining and using information on the subject)")
    for table in ("action_type", "population", "challenge_category"):
        for es, en in con.execute("SELECT name, name_en FROM main.%s WHERE name <> name_en" % table):
            for bad in (": %s." % es, ": %s;" % es, "(%s)" % es):
                if bad in text:
                    raise AssertionError("Spanish %s in the English Compendio: %r" % (table, bad))
    w = sqlite3.connect(s.db)
    w.execute("UPDATE action_type SET name_en = '' WHERE name = 'Productos de investigación'")
    w.commit()
    w.close()
    s.pmm("compendio", "--edition", "2024", "--format", "html", "--lang", "en", "-o", "en2.html", check=0)
    html2 = open(s.path("en2.html"), encoding="utf-8").read()
    contains(html2, 'Action type: <span lang="es">Productos de investigación</span>.')


for fn in (every_action_under_each_objective, as_reported, grouped_by_type_then_institution,
           index_links_to_sections, counts_are_true, pdf_with_index_pages, chart_svg_and_png,
           english_catalog_values):
    check(fn.__name__, fn)
con.close()
s.close()
done()
