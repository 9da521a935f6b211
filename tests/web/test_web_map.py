"""Issue 14, the map of the subnational units on the dashboard, against a
real server (the Informe it serves has the map too): one shape per unit of the pack's boundary file, each unit's
count equal to a recount by SQL and to the list its link opens, a unit
without a shape still in the table, the SVG well-formed, a pack without a
boundary file showing the table alone, and a boundary file naming a code
that is not a unit refused at load."""
import os
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from webtest import Client, Scratch, check, contains, demo_server, done, eq, total
from pmmtest import SOURCE  # noqa: E402 (webtest puts tests/cli on the path)

SVG = "{http://www.w3.org/2000/svg}"

s, srv = demo_server()
web = Client(srv)
con = sqlite3.connect(s.db)


def recount():
    """Validated actions of 2024 of bodies of the subnational type, by unit (the working edition)."""
    rows = con.execute(
        "SELECT st.code, (SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id"
        " JOIN institution i ON i.id = a.institution_id JOIN reporter_type t ON t.code = i.type"
        " WHERE e.name = '2024' AND a.status = 'validada' AND t.subnational = 1 AND i.state = st.code)"
        " FROM state st").fetchall()
    return dict(rows)


def the_map(body):
    m = re.search(r'<svg[^>]*id="mapa-unidades".*?</svg>', body, re.S)
    if not m:
        raise AssertionError("no map on the dashboard")
    return ET.fromstring(m.group(0))


def every_unit_counted_as_sql_counts():
    body = web.get("/ediciones/2024").body
    svg = the_map(body)
    drawn = {p.get("data-unit"): int(p.get("data-value")) for p in svg.iter(SVG + "path")}
    want = recount()
    eq(drawn, want, "map counts")
    if sum(want.values()) == 0 or 0 not in want.values():
        raise AssertionError("the demo should have units with and without actions: %r" % want)
    for p in svg.iter(SVG + "path"):
        title = p.find(SVG + "title").text
        contains(title, "%d acci" % want[p.get("data-unit")], "title of %s" % p.get("data-unit"))
    # the table says the same
    for code, n in want.items():
        contains(body, '<tr data-unit="%s">' % code, "table row")
        row = re.search(r'<tr data-unit="%s">.*?</tr>' % code, body).group(0)
        contains(row, ">%d</a>" % n, "table count of %s" % code)


def each_unit_links_to_its_actions():
    svg = the_map(web.get("/ediciones/2024").body)
    want = recount()
    links = {a.get("href"): a.find(SVG + "path").get("data-unit") for a in svg.iter(SVG + "a")}
    eq(len(links), len(want), "one link per unit")
    busiest = max(want, key=want.get)
    for href, code in links.items():
        eq(href, "/acciones?edicion=2024&tipo=EF&estado=%s" % code, "link")
    eq(total(web.get("/acciones?edicion=2024&tipo=EF&estado=%s" % busiest).body), want[busiest],
       "the list the link of %s opens" % busiest)


def a_unit_without_shape_is_listed():
    s2, srv2 = demo_server()
    try:
        c2 = sqlite3.connect(s2.db)
        text = c2.execute("SELECT value FROM pack WHERE key = 'limites'").fetchone()[0]
        cut = "\n".join(l for l in text.split("\n") if not l.startswith("09,"))
        c2.execute("UPDATE pack SET value = ? WHERE key = 'limites'", (cut,))
        c2.commit()
        body = Client(srv2).get("/ediciones/2024").body
        svg = the_map(body)
        units = [p.get("data-unit") for p in svg.iter(SVG + "path")]
        eq("09" in units, False, "09 drawn")
        row = re.search(r'<tr data-unit="09">.*?</tr>', body, re.S)
        if not row:
            raise AssertionError("Ciudad de México left out of the table")
        contains(row.group(0), "sin forma", "unit without shape")
        contains(body, "no tienen forma en el mapa", "the map says some units are not drawn")
        # a database the default pack was loaded into by a pmm older than the
        # map has no row: the pack's shapes of this binary are drawn
        c2.execute("DELETE FROM pack WHERE key = 'limites'")
        c2.commit()
        svg = the_map(Client(srv2).get("/ediciones/2024").body)
        eq(len(list(svg.iter(SVG + "path"))), 32, "the default pack's shapes for an older database")
        # a pack without a boundary file: no map, the table stays
        c2.execute("INSERT INTO pack(key, value) VALUES ('limites', '')")
        c2.commit()
        body = Client(srv2).get("/ediciones/2024").body
        eq('id="mapa-unidades"' in body, False, "map without boundary file")
        contains(body, '<tr data-unit="09">', "table without boundary file")
    finally:
        srv2.stop()
        s2.close()


def cli_chart_map():
    r = s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
    root = ET.parse(s.path("m.svg")).getroot()
    drawn = {p.get("data-unit"): int(p.get("data-value")) for p in root.iter(SVG + "path")}
    eq(drawn, recount(), "pmm chart mapa")
    eq(r.stderr, "pmm chart: se escribió «m.svg»\n", "stderr: only the note of the file written (docs/cli.md, Messages)")


def informe_download_has_the_map():
    """The Informe the platform serves has the map figure, counted as SQL counts."""
    body = web.get("/descargas/2024/informe.html").body
    m = re.search(r'<svg[^>]*id="grafica-mapa".*?</svg>', body, re.S)
    if not m:
        raise AssertionError("no map in the downloaded Informe")
    svg = ET.fromstring(m.group(0))
    contains(svg.find(SVG + "title").text, "Acciones de los gobiernos de las entidades federativas", "title")
    eq({p.get("data-unit"): int(p.get("data-value")) for p in svg.iter(SVG + "path")}, recount(), "counts")


def boundary_naming_no_unit_is_refused():
    t = Scratch()
    try:
        pack = t.path("pack")
        shutil.copytree(os.path.join(SOURCE, "data", "packs", "mx"), pack)
        with open(os.path.join(pack, "limites.csv"), "a") as f:
            f.write("99,1 1 2 2 3 1\n")
        r = t.pmm("init", "--pack", pack)
        eq(r.returncode != 0, True, "init accepted a shape of no unit")
        contains(r.stderr, "limites.csv", "message names the file")
        contains(r.stderr, "99", "message names the code")
        # a ring of numbers that are not numbers: refused naming the line
        with open(os.path.join(pack, "limites.csv")) as f:
            lines = f.read().split("\n")
        lines = [l for l in lines if not l.startswith("99,")]
        lines[3] = "02,1 1 2 nan 3 1"
        with open(os.path.join(pack, "limites.csv"), "w") as f:
            f.write("\n".join(lines))
        r = t.pmm("init", "--pack", pack)
        eq(r.returncode != 0, True, "init accepted a ring with nan")
        contains(r.stderr, "limites.csv:4", "message names the file and line")
        # F16A (issue 16, tester's fault 3): a refused pack leaves no database file
        eq(os.path.exists(t.db), False, "a refused pack left a database")
    finally:
        t.close()



def boundaries_credited_on_the_dashboard():
    """F14B, fault 3: the boundary file's source and license (pack.json) with the dashboard's map."""
    body = web.get("/ediciones/2024").body
    # under the figure as the page's text, legible at any width (round 2, fault 3)
    text = re.search(r'<svg[^>]*id="mapa-unidades".*?</svg>\s*<figcaption[^>]*>(.*?)</figcaption>', body, re.S).group(1)
    contains(text, "Límites: @svg-maps/mexico", "credit under the map")
    contains(text, "CC BY 4.0", "its license")


check("every unit counted as SQL counts", every_unit_counted_as_sql_counts)
check("each unit links to its actions", each_unit_links_to_its_actions)
check("a unit without shape is listed", a_unit_without_shape_is_listed)
check("pmm chart mapa", cli_chart_map)
check("the downloaded Informe has the map", informe_download_has_the_map)
check("a boundary file naming no unit is refused", boundary_naming_no_unit_is_refused)
check("the boundary file credited with the map (F14B)", boundaries_credited_on_the_dashboard)
srv.stop()
done()
