"""A country with more reporter types (20) and populations (12) than the
charts' palette has colours (issue 16): every one counted in the figures as
a recount of the file says, the Informe (HTML, PDF) written, and every
series of a chart its own colour; a catalog over what the figures hold
(64 types, 64 populations, 256 categories) is refused naming the file, the
line and the bound."""
import collections
import csv
import io
import os
import re
import subprocess
from pmmtest import Scratch, check, eq, contains, done
from informe_text import InformeText
import bigpack


def recount():
    """By type and population, from the CSV files as a person would count."""
    with open(os.path.join(bigpack.GT, "institutions.csv"), encoding="utf-8") as f:
        inst_type = {r["siglas"]: r["tipo"] for r in csv.DictReader(f)}
    inst_type.update({"I%d" % n: "T%d" % n for n in bigpack.NEW_TYPES})
    by_type, by_pop = collections.Counter(), collections.Counter()
    for r in csv.DictReader(io.StringIO(bigpack.actions())):
        by_type[inst_type[r["institucion"]]] += 1
        for p in r["poblacion"].split(";"):
            by_pop[p] += 1
    return by_type, by_pop


def swatches(svg, size):
    return re.findall(r'<rect [^>]*width="%s" height="%s" fill="(#[0-9A-Fa-f]{6})"' % (size, size), svg)


def twenty_types_and_twelve_populations():
    s = Scratch()
    try:
        bigpack.load(s)
        f = s.figures("2025")
        by_type, by_pop = recount()
        eq(len(f["by_reporter_type"]), 20, "types in the figures")
        eq(len(f["population"]), 12, "populations in the figures")
        eq({k: v for k, v in f["by_reporter_type"].items() if v}, dict(by_type), "by type, as recounted")
        eq({k: v for k, v in f["population"].items() if v}, dict(by_pop), "by population, as recounted")
        # the challenges stacked by type: 17 series (the types with challenges), each its own colour
        with_ch = [k for k, v in f["challenges"]["by_category_and_reporter_type"][
            "Barreras culturales y de idioma"].items() if v]
        eq(len(with_ch), 17, "types with challenges")
        svg = s.pmm("chart", "retos", "--edition", "2025", "-o", "-", check=0).stdout
        fills = swatches(svg, "11.00")
        eq(len(fills), 17, "the legend: a swatch per type with challenges")
        eq(len(set(f.lower() for f in fills)), len(fills), "no two types share a colour: %s" % fills)
        svg = s.pmm("chart", "poblacion", "--edition", "2025", "-o", "-", check=0).stdout
        fills = swatches(svg, "12.00")
        eq(len(fills), 12, "the populations' donut: a swatch per population")
        eq(len(set(f.lower() for f in fills)), 12, "no two populations share a colour: %s" % fills)
        for lang in ("es", "en"):
            h = s.pmm("report", "--edition", "2025", "--format", "html", "--lang", lang, "-o", "-", check=0).stdout
            text = InformeText(h).text
            contains(text, "Tipos 20" if lang == "es" else "Types 20", "the Informe (%s)" % lang)
            contains(text, "Población 12" if lang == "es" else "Population 12", "the Informe (%s)" % lang)
            s.pmm("report", "--edition", "2025", "--format", "pdf", "--lang", lang, "-o", "i.pdf", check=0)
            pdf = subprocess.run(["pdftotext", s.path("i.pdf"), "-"], capture_output=True, text=True,
                                 check=True).stdout
            contains(re.sub(r"\s+", " ", pdf), "Tipos 20" if lang == "es" else "Types 20", "the PDF (%s)" % lang)
    finally:
        s.close()


def refused(edit, *want):
    s = Scratch()
    try:
        d = s.path("pack")
        edit(d)
        r = s.pmm("init", "--pack", d, check=1)
        for w in want:
            contains(r.stderr, w)
        eq(os.path.exists(s.db), False, "nothing loaded, no database file left")   # F16A
    finally:
        s.close()


def over_the_bounds_is_refused():
    # 64 types (7 + 57) load; the 65th is refused on its line, naming the bound
    s = Scratch()
    try:
        d = s.path("pack")
        bigpack.make_pack(d, types=range(8, 65), pops=range(5, 65))
        s.pmm("init", "--pack", d, check=0)
        eq(s.query("SELECT count(*) FROM reporter_type")[0][0], 64, "64 types")
        eq(s.query("SELECT count(*) FROM population")[0][0], 64, "64 populations")
    finally:
        s.close()
    refused(lambda d: bigpack.make_pack(d, types=range(8, 66), pops=()), "reporter_types.csv:66",
            "a lo más 64 entradas")
    refused(lambda d: bigpack.make_pack(d, types=(), pops=range(5, 66)), "populations.csv:66",
            "a lo más 64 entradas")

    def categories(d):
        bigpack.make_pack(d, types=(), pops=())
        p = os.path.join(d, "challenge_categories.csv")
        n = sum(1 for _ in csv.DictReader(open(p, encoding="utf-8")))
        with open(p, "a", encoding="utf-8") as f:
            for k in range(n, 257):
                f.write("Categoría %d,Definición %d.,Category %d\n" % (k, k, k))
    refused(categories, "challenge_categories.csv:258", "a lo más 256 entradas")


check("20 reporter types and 12 populations: counted, reported, each its own colour",
      twenty_types_and_twelve_populations)
check("a catalog over what the figures hold is refused, naming file, line and bound", over_the_bounds_is_refused)
done()
