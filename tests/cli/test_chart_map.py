"""Issue 14: `pmm chart mapa`, the map of the subnational units, from the
command line: well-formed SVG, one shape per unit of the pack's boundary
file with the count SQL counts, the title in the pack's words and in
English when asked, PNG refused with a message rather than a wrong file."""
import os
import xml.etree.ElementTree as ET
from pmmtest import Scratch, check, contains, done, eq

SVG = "{http://www.w3.org/2000/svg}"
s = Scratch()
s.pmm("demo", check=0)


def recount():
    return dict(s.query(
        "SELECT st.code, (SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id"
        " JOIN institution i ON i.id = a.institution_id JOIN reporter_type t ON t.code = i.type"
        " WHERE e.name = '2024' AND a.status = 'validada' AND t.subnational = 1 AND i.state = st.code)"
        " FROM state st"))


def svg_counts_as_sql():
    s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
    root = ET.parse(s.path("m.svg")).getroot()
    eq(root.find(SVG + "title").text, "Acciones de los gobiernos de las entidades federativas", "title")
    drawn = {p.get("data-unit"): int(p.get("data-value")) for p in root.iter(SVG + "path")}
    eq(drawn, recount(), "counts")
    fills = {p.get("fill") for p in root.iter(SVG + "path") if p.get("data-value") == "0"}
    eq(fills, {"#f2f2f2"}, "units without actions drawn apart")


def english():
    r = s.pmm("chart", "mapa", "--edition", "2024", "-o", "-", lang="en", check=0)
    root = ET.fromstring(r.stdout.split("?>", 1)[1])
    eq(root.find(SVG + "title").text, "Actions of the governments of the states", "English title")


def png_refused():
    r = s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.png")
    eq(r.returncode, 2, "exit")
    contains(r.stderr, "solo como SVG", "message")
    eq(os.path.exists(s.path("m.png")), False, "a PNG written")


check("pmm chart mapa counts as SQL counts", svg_counts_as_sql)
check("pmm chart mapa in English", english)
check("pmm chart mapa -o FILE.png is refused", png_refused)
s.close()
done()
