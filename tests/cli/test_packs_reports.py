"""Country packs in the Informe, round 2 (issue 16, helper F16B, the
hostile tester's faults 4, 11, 18 and 5): a subnational unit takes part
only through a body of the subnational type, in every count and list; the
Spanish Informe's section II names the pack's units; a plural reporter type
written as a proper name keeps its capitals; the PDF's table of section III
stays inside the page with many reporter types."""
import html
import os
import re
import shutil
import subprocess
from pmmtest import Scratch, check, contains, done, eq
from packwords import ACTIONS, GT

s = Scratch()
pack = s.path("gt")
shutil.copytree(GT, pack)
# the optional column «nombre_propio»: 1 for a proper name in the plural
with open(os.path.join(pack, "reporter_types.csv"), encoding="utf-8") as f:
    rows = f.read().splitlines()
rows = [rows[0] + ",nombre_propio"] + [r + ",0" for r in rows[1:]] + ["FA,Fuerzas Armadas,Armed Forces,f,pl,0,0,,,,,1"]
with open(os.path.join(pack, "reporter_types.csv"), "w", encoding="utf-8") as f:
    f.write("\n".join(rows) + "\n")
with open(os.path.join(pack, "institutions.csv"), "a", encoding="utf-8") as f:
    f.write("EJG,Ejército de Guatemala,FA,,,\n")
s.pmm("init", "--pack", pack, check=0)
s.write("acciones.csv", ACTIONS + "GT-9,EJG,9,Rescate en frontera,Búsqueda y rescate.,Foros o grupos de trabajo,"
        "extranjeros,No,No,,Personas rescatadas.\n")
s.pmm("import", "--edition", "2025", "acciones.csv", "--status", "validada", check=0)


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def informe(lang="es"):
    r = s.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", "--lang", lang)
    eq(r.returncode, 0, r.stderr)
    return r.stdout


def annex_b(html):
    """The codes of the units Annex B lists."""
    i = html.index('id="anexo-estados"')
    j = html.find("<h", i + 40)
    return re.findall(r"<tr><td>(\d\d)</td>", html[i:j if j > 0 else None])


def unit_takes_part_through_its_government():
    """Fault 4: the Municipalidad de Guatemala (type MUN, not the
    subnational one) names its departamento, 01: the count says 2
    departamentos (Quetzaltenango, Huehuetenango, through their
    gobernaciones), and so do Annex B and objective 16's text, which
    names the municipality among the institutions instead."""
    eq(s.query("SELECT type, state FROM institution WHERE acronym = 'MUNI-GUA'"), [("MUN", "01")], "the pack")
    html = informe()
    text = text_of(html)
    contains(text, "abarcó 2 de los 22 departamentos")
    eq(sorted(annex_b(html)), ["09", "13"], "Annex B")
    i = text.index("16. ")
    obj16 = text[i:text.index("17. ", i)] if "17. " in text[i:] else text[i:]
    contains(obj16, "MUNI-GUA", "objective 16 names the municipality")
    if "Por parte de los departamentos" in obj16:
        raise AssertionError("objective 16 counts departamento 01 through a municipality: " + obj16[:600])
    # the figures, `pmm check` and the Annex's links agree
    eq(s.figures("2025")["states"], 2, "figures")
    r = s.pmm("check")
    eq(r.returncode, 0, r.stdout + r.stderr)
    contains(html, "tipo=GD&amp;estado=09", "Annex B's link lists the gobernación's actions")


def section_two_names_the_units():
    """Fault 11: «las tablas de siglas de las instituciones y los
    departamentos participantes», not «entidades»."""
    text = text_of(informe())
    contains(text, "de las tablas de siglas de las instituciones y los departamentos participantes.")
    contains(text_of(informe("en")), "the tables of acronyms of the participating institutions and departments.")


def proper_plural_keeps_its_capitals():
    """Fault 18: «las Fuerzas Armadas», a plural name the pack marks as a
    proper name (nombre_propio 1), keeps its case; «las municipalidades», a
    class of bodies, is written in lower case."""
    text = text_of(informe())
    contains(text, "por las Fuerzas Armadas", "objective 9")
    if "fuerzas armadas" in text:
        raise AssertionError("the Informe lower-cases «Fuerzas Armadas»")
    contains(text, "por las municipalidades", "a class of bodies")


def pdf_words(path):
    """Each page of the PDF as (width, [(xmin, ymin, xmax, word)])."""
    out = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for w, body in re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', out, re.S):
        words = [(float(a), float(b), float(c), html.unescape(t)) for a, b, c, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                            body)]
        pages.append((float(w), words))
    return pages


def wide_tables_stay_on_the_page():
    """Fault 5: with 30 reporter types, section III's table is set in
    groups of columns inside the text width (62 pt margins of an A4 page),
    each type's column in one of them; Figure 3's column heads do not run
    into each other, and its key explains every code."""
    t = Scratch()
    try:
        import bigpack
        types = range(8, 31)
        d = t.path("big")
        bigpack.make_pack(d, types=types)
        t.pmm("init", "--pack", d, check=0)
        saved = bigpack.NEW_TYPES
        bigpack.NEW_TYPES = types
        try:
            t.write("a.csv", bigpack.actions())
        finally:
            bigpack.NEW_TYPES = saved
        t.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
        r = t.pmm("report", "--edition", "2025", "--format", "pdf", "-o", t.path("i.pdf"))
        eq(r.returncode, 0, r.stderr)
        pages = pdf_words(t.path("i.pdf"))
        codes = ["T%d" % n for n in types]
        # section III: from its heading to objective 1's
        first = next(i for i, (_, ws) in enumerate(pages) if any(w[3] == "Panorama" for w in ws)
                     and any(w[3] == "III." for w in ws) and any(w[3] == "Total" for w in ws))
        heads = set()
        for width, ws in pages[first:first + 4]:
            for x0, _, x1, word in ws:
                if x0 < 62 - 1 or x1 > width - 62 + 1:
                    raise AssertionError("«%s» outside the text width (%.1f–%.1f of %.1f)" % (word, x0, x1, width))
                heads.add(word)
        missing = [c for c in codes if c not in heads]
        eq(missing, [], "every type's column in section III")
        # Figure 3: its heads, each its own word, none overlapping the next
        fig = next(ws for _, ws in pages if any(w[3] == "3." for w in ws)
                   and any(w[3] == "Figura" for w in ws) and any(w[3] == "T30:" for w in ws))
        row_heads = [w for w in fig if re.fullmatch(r"OE|GD|MUN|OJ|EA|T\d+", w[3])]
        found = {w[3] for w in row_heads}
        eq([c for c in codes if c not in found], [], "Figure 3's heads")
        fig_width = next(w for w, ws in pages if ws is fig)
        for a in row_heads:
            if a[0] < 62 - 1 or a[2] > fig_width - 62 + 1:
                raise AssertionError("Figure 3's head «%s» outside the text width" % a[3])
            for b in row_heads:
                if a is not b and abs(a[1] - b[1]) < 1 and a[0] < b[0] < a[2]:
                    raise AssertionError("Figure 3's heads «%s» and «%s» overlap" % (a[3], b[3]))
        for c in codes:
            if c + ":" not in {w[3] for w in fig}:
                raise AssertionError("Figure 3's key does not explain " + c)
    finally:
        t.close()


check("a unit takes part through its government only (fault 4)", unit_takes_part_through_its_government)
check("section II names the pack's units (fault 11)", section_two_names_the_units)
check("a plural proper name keeps its capitals (fault 18)", proper_plural_keeps_its_capitals)
check("wide tables and Figure 3's heads stay on the page (fault 5)", wide_tables_stay_on_the_page)
s.close()
done()
