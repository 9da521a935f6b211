"""Issue 14: the map of the subnational units from the command line and in
the Informe. `pmm chart mapa`: well-formed SVG, one shape per unit of the
pack's boundary file with the count SQL counts, the title in the pack's
words and in English when asked; the same layout as PNG through cairo,
whose pixels inside each unit have the unit's class colour. The Informe
(PDF, HTML, DOCX) has the map as a numbered figure with its source line and
alternative text; a unit without a shape is named in the note under it; a
pack without a boundary file has no map figure and no gap in the numbers."""
import os
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pmmtest import Scratch, check, contains, done, eq

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Acciones de los gobiernos de las entidades federativas"
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
    eq(root.find(SVG + "title").text, TITLE, "title")
    drawn = {p.get("data-unit"): int(p.get("data-value")) for p in root.iter(SVG + "path")}
    eq(drawn, recount(), "counts")
    fills = {p.get("fill") for p in root.iter(SVG + "path") if p.get("data-value") == "0"}
    eq(fills, {"#f2f2f2"}, "units without actions drawn apart")
    r = s.pmm("chart", "mapa", "--edition", "2024", "--all", "-o", "all.svg")
    eq(r.returncode, 1, "--all refused")
    contains(r.stderr, "--all", "message")


def english():
    r = s.pmm("chart", "mapa", "--edition", "2024", "--lang", "en", "-o", "-", lang="en", check=0)
    root = ET.fromstring(r.stdout.split("?>", 1)[1])
    eq(root.find(SVG + "title").text, "Actions of the governments of the states", "English title")
    tips = [p.find(SVG + "title").text for p in root.iter(SVG + "path")]
    contains(" ".join(tips), "Mexico City:", "English unit name")


def png_pixels(path):
    """(width, height, rows of RGB bytes) of an 8-bit RGB PNG, no imaging library."""
    with open(path, "rb") as f:
        data = f.read()
    eq(data[:8], b"\x89PNG\r\n\x1a\n", "PNG signature")
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            eq((depth, ctype), (8, 2), "8-bit RGB")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, bpp, rows, prev = zlib.decompress(idat), 3, [], bytearray(w * 3)
    for y in range(h):
        line = raw[y * (w * 3 + 1):(y + 1) * (w * 3 + 1)]
        ft, cur = line[0], bytearray(line[1:])
        for i in range(len(cur)):
            a = cur[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                cur[i] = (cur[i] + a) & 255
            elif ft == 2:
                cur[i] = (cur[i] + b) & 255
            elif ft == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(cur))
        prev = cur
    return w, h, rows


def rings(d):
    """The rings of an SVG path "M x y L x y ... Z M ..." as lists of points."""
    return [[(float(x), float(y)) for x, y in re.findall(r"([-\d.]+) ([-\d.]+)", r)]
            for r in d.split("Z") if r.strip()]


def inside(pt, ring):
    x, y, n, odd = pt[0], pt[1], len(ring), False
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[i - 1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            odd = not odd
    return odd


def deep_point(d):
    """A point of the path's largest ring 2 units from any edge (a 5 x 5 square inside)."""
    ring = max(rings(d), key=len)
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    y = min(ys)
    while y < max(ys):
        x = min(xs)
        while x < max(xs):
            if all(inside((x + dx, y + dy), ring) for dx in (-2, 0, 2) for dy in (-2, 0, 2)):
                return x, y
            x += 1
        y += 1
    raise AssertionError("no point deep inside %r" % d[:60])


def png_colours_by_unit():
    s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
    s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.png", check=0)
    root = ET.parse(s.path("m.svg")).getroot()
    vw, vh = [float(v) for v in root.get("viewBox").split()[2:]]
    w, h, rows = png_pixels(s.path("m.png"))
    # the PNG is the SVG's layout at scale 2 with a margin of 8 pixels
    eq((w, h), (int(vw) * 2 + 16, int(vh) * 2 + 16), "PNG size")
    paths = {p.get("data-unit"): p for p in root.iter(SVG + "path")}
    counts = recount()
    busiest = max(counts, key=counts.get)
    empty = min(counts, key=counts.get)

    def pixel(code):
        x, y = deep_point(paths[code].get("d"))
        px, py = int(round(8 + 2 * x)), int(round(8 + 2 * y))
        return "#%02x%02x%02x" % tuple(rows[py][3 * px:3 * px + 3])
    eq(pixel(busiest), "#084594", "the darkest class inside %s (%d actions)" % (busiest, counts[busiest]))
    eq(pixel(busiest), paths[busiest].get("fill"), "PNG and SVG agree")
    eq(pixel(empty), "#f2f2f2", "no-action grey inside %s" % empty)
    # one more unit of another class: the pixels differ by unit
    other = next(c for c in counts if paths[c].get("fill") not in ("#084594", "#f2f2f2"))
    eq(pixel(other), paths[other].get("fill"), "class colour inside %s" % other)


def pack_without_shapes_refused():
    t = Scratch()
    try:
        t.pmm("demo", check=0)
        import sqlite3
        con = sqlite3.connect(t.db)
        con.execute("UPDATE pack SET value = '' WHERE key = 'limites'")
        con.commit()
        con.close()
        r = t.pmm("chart", "mapa", "--edition", "2024", "-o", "m.png")
        eq(r.returncode, 1, "exit")
        contains(r.stderr, "limites.csv", "message")
        eq(os.path.exists(t.path("m.png")), False, "a PNG written")
        # the Informe without a map: seven figures numbered 1 to 7, no gap
        t.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
        with open(t.path("i.html"), encoding="utf-8") as f:
            html = f.read()
        eq(TITLE in html, False, "map in the Informe of a pack without boundaries")
        nums = [int(n) for n in re.findall(r"<title id=\"grafica-(?![^\"]*-movil)[^\"]*-t\">Figura (\d+)\.", html)]
        eq(nums, list(range(1, len(nums) + 1)), "figures numbered without a gap")
    finally:
        t.close()


def pdf_text(path):
    out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out.replace("\u00ad\n", ""))


def informe_has_the_map():
    s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "i.pdf", check=0)
    t = pdf_text(s.path("i.pdf"))
    contains(t, "Figura 2. " + TITLE, "PDF caption")
    after = t.split("Figura 2. " + TITLE, 1)[1][:400]
    contains(after, "sin acciones", "legend")
    contains(after, "Fuente: ", "source line under the map")
    with open(s.path("i.pdf"), "rb") as f:
        data = f.read()
    alts = [bytes.fromhex(h.decode()).decode("utf-16") for h in re.findall(rb"/Alt <([0-9A-F]+)>", data)]
    alt = [a for a in alts if a.startswith("Figura 2. " + TITLE)]
    eq(len(alt), 1, "alternative text of the map")
    contains(alt[0], "Chiapas: %d" % recount()["07"], "the alternative text gives each unit's actions")
    # HTML: the figure, one shape per unit, the source line
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
    with open(s.path("i.html"), encoding="utf-8") as f:
        html = f.read()
    m = re.search(r'<svg[^>]*id="grafica-mapa".*?</svg>', html, re.S)
    if not m:
        raise AssertionError("no map in the HTML Informe")
    svg = ET.fromstring(m.group(0))
    eq(svg.find(SVG + "title").text, "Figura 2. " + TITLE, "HTML title")
    eq({p.get("data-unit"): int(p.get("data-value")) for p in svg.iter(SVG + "path")}, recount(), "HTML counts")
    contains(html[m.end():html.index("</figure>", m.end())], "Fuente: ", "HTML source line")
    # DOCX: one image more than the charts without the map, its caption and description
    s.pmm("report", "--edition", "2024", "--format", "docx", "-o", "i.docx", check=0)
    with zipfile.ZipFile(s.path("i.docx")) as z:
        doc = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    charts = len(re.findall(r'<svg[^>]*id="grafica-(?![^"]*-movil)', html))
    eq(charts, 8, "charts of the HTML Informe (seven and the map)")
    eq(len(re.findall(r"<wp:docPr ", doc)), charts, "DOCX images")
    eq(len(media) >= charts, True, "DOCX media files")
    # F12 (issue 12 round 3): the units read by their actions, as the map reads, not by code
    contains(doc, 'descr="Figura 2. %s. Chiapas: 29;' % TITLE, "DOCX alternative text")
    contains(doc, "Figura 2. " + TITLE, "DOCX caption")


def draft_with_every_status_has_no_map():
    # the map counts validated actions: a draft of every status (--all) has none
    s.pmm("report", "--edition", "2024", "--format", "html", "--all", "-o", "all.html", check=0)
    with open(s.path("all.html"), encoding="utf-8") as f:
        eq('id="grafica-mapa"' in f.read(), False, "map in a draft with --all")


def informe_english_names():
    s.pmm("report", "--edition", "2024", "--format", "html", "--lang", "en", "-o", "en.html", check=0)
    with open(s.path("en.html"), encoding="utf-8") as f:
        html = f.read()
    m = re.search(r'<svg[^>]*id="grafica-mapa".*?</svg>', html, re.S)
    svg = ET.fromstring(m.group(0))
    eq(svg.find(SVG + "title").text, "Figure 2. Actions of the governments of the states", "English title")
    tips = " ".join(p.find(SVG + "title").text for p in svg.iter(SVG + "path"))
    contains(tips, "Mexico City: %d actions" % recount()["09"], "English unit name")


def unit_without_shape_named_under_the_figure():
    t = Scratch()
    try:
        t.pmm("demo", check=0)
        import sqlite3
        con = sqlite3.connect(t.db)
        text = con.execute("SELECT value FROM pack WHERE key = 'limites'").fetchone()[0]
        cut = "\n".join(l for l in text.split("\n") if not l.startswith("09,"))
        con.execute("UPDATE pack SET value = ? WHERE key = 'limites'", (cut,))
        con.commit()
        n = con.execute("SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id"
                        " JOIN institution i ON i.id = a.institution_id JOIN reporter_type rt ON rt.code = i.type"
                        " WHERE e.name = '2024' AND a.status = 'validada' AND rt.subnational = 1"
                        " AND i.state = '09'").fetchone()[0]
        con.close()
        t.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "i.pdf", check=0)
        contains(pdf_text(t.path("i.pdf")),
                 "Se cuentan pero no tienen forma en el mapa: Ciudad de México (%d acciones)." % n, "note")
    finally:
        t.close()



def luminance(hexc):
    """WCAG relative luminance of #rrggbb."""
    def ch(v):
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexc[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def readable_on_a_phone():
    """F14B, fault 13: the legend at 390 px wide, the lowest class apart from «sin acciones»."""
    s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
    root = ET.parse(s.path("m.svg")).getroot()
    vw = float(root.get("viewBox").split()[2])
    sizes = [float(t.get("font-size")) for t in root.iter(SVG + "text")
             if t.get("font-size") and re.match(r"^(sin acciones|[\d\u00a0]+(–[\d\u00a0]+)?)$", "".join(t.itertext()))]
    eq(len(sizes) >= 2, True, "legend labels found")
    eq(min(sizes) * 390 / vw >= 10, True, "legend text at 390 px: %.1f px" % (min(sizes) * 390 / vw))
    fills = {p.get("fill") for p in root.iter(SVG + "path") if p.get("data-value") != "0"}
    lightest = max(fills, key=luminance)
    ratio = (luminance("#f2f2f2") + 0.05) / (luminance(lightest) + 0.05)
    eq(ratio >= 1.4, True, "lowest class %s vs «sin acciones» #f2f2f2: contrast %.2f" % (lightest, ratio))


def no_subnational_action_no_map():
    """F14B: an edition where no unit's government reported an action has no
    all-grey map figure: a sentence says so, the figures keep their numbers."""
    t = Scratch()
    try:
        t.pmm("demo", check=0)
        import sqlite3
        con = sqlite3.connect(t.db)
        con.execute("UPDATE action SET status = 'borrador' WHERE edition_id IN (SELECT id FROM edition WHERE name LIKE '2024%')"
                    " AND institution_id IN (SELECT i.id FROM institution i JOIN reporter_type rt ON rt.code = i.type"
                    " WHERE rt.subnational = 1)")
        con.commit()
        con.close()
        t.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
        with open(t.path("i.html"), encoding="utf-8") as f:
            html = f.read()
        eq(re.search(r"<title id=\"grafica-mapa[^\"]*-t\">", html), None, "no map figure")
        contains(html, "No se reportaron acciones de los gobiernos de las entidades federativas", "a sentence says why")
        nums = [int(n) for n in re.findall(r"<title id=\"grafica-(?![^\"]*-movil)[^\"]*-t\">Figura (\d+)\.", html)]
        eq(nums, list(range(1, len(nums) + 1)), "figures numbered without a gap")
    finally:
        t.close()


def boundaries_credited_from_the_pack():
    """F14B, fault 3: the boundary file's source and license, from pack.json, under every map."""
    import json
    with open(os.path.join(os.environ.get("PMM_SOURCE", "."), "data", "packs", "mx", "pack.json"), encoding="utf-8") as f:
        lim = json.load(f)["limites"]
    s.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
    text = " ".join("".join(t.itertext()) for t in ET.parse(s.path("m.svg")).getroot().iter(SVG + "text"))
    contains(text, "Límites: " + lim["fuente"]["es"], "the SVG credits the boundaries")   # {es, en} (F14B, round 2)
    contains(text, "CC BY 4.0", "and their license")
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
    with open(s.path("i.html"), encoding="utf-8") as f:
        contains(f.read(), "Límites: ", "the Informe's map figure")
    t = Scratch()
    try:
        t.pmm("demo", check=0)
        import sqlite3
        con = sqlite3.connect(t.db)
        con.execute("DELETE FROM pack WHERE key LIKE 'limites.%'")
        con.commit()
        t.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
        with open(t.path("m.svg"), encoding="utf-8") as f:
            contains(f.read(), "CC BY 4.0", "the default pack loaded by an older pmm: its pack.json's credit")
        con.execute("UPDATE pack SET value = 'otro' WHERE key = 'nombre'")   # not the default pack
        con.commit()
        con.close()
        t.pmm("chart", "mapa", "--edition", "2024", "-o", "m.svg", check=0)
        with open(t.path("m.svg"), encoding="utf-8") as f:
            eq("Límites:" in f.read(), False, "a pack that gives none: no credit made up in code")
    finally:
        t.close()

check("pmm chart mapa counts as SQL counts", svg_counts_as_sql)
check("pmm chart mapa in English", english)
check("pmm chart mapa -o FILE.png: the unit's colour inside each unit", png_colours_by_unit)
check("a pack without boundaries: no map, figures without a gap", pack_without_shapes_refused)
check("the Informe has the map (PDF, HTML, DOCX)", informe_has_the_map)
check("a draft with --all has no map", draft_with_every_status_has_no_map)
check("the English Informe names the units in English", informe_english_names)
check("a unit without a shape is named under the figure", unit_without_shape_named_under_the_figure)
check("no action of the subnational type: no map figure, a sentence, no gap (F14B)", no_subnational_action_no_map)
check("the boundary file credited from the pack: SVG, Informe (F14B)", boundaries_credited_from_the_pack)
check("the legend readable on a phone, the lowest class apart from «sin acciones» (F14B)", readable_on_a_phone)
s.close()
done()
