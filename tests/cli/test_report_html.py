"""pmm report --format html: the Informe Ejecutivo of the demo edition has
every section and chart, each number equals what the records give (checked
through its data-filter against SQL of our own), and none of the seed's
contradictions (docs/seed.md) can appear."""
import re
import sqlite3
from pmmtest import Scratch, check, eq, contains, done
from reportcheck import Doc, Counter, check_marks, number

s = Scratch()
s.pmm("demo", check=0)
s.pmm("report", "--edition", "2024", "--format", "html", "-o", "informe.html", check=0)
html = open(s.path("informe.html"), encoding="utf-8").read()
doc = Doc(html)
counter = Counter(s.db)
figs = s.figures()


def sections_and_charts():
    for h in ["preambulo", "conformacion", "objetivos", "analisis", "conclusiones", "glosario",
              "anexo-instituciones", "anexo-estados"] + ["objetivo-%d" % o for o in range(1, 24)]:
        if h not in doc.headings:
            raise AssertionError("no heading #%s" % h)
    want = ["grafica-tipos", "grafica-objetivos", "grafica-objetivos-tipos", "grafica-poblacion",
            "grafica-genero", "grafica-discapacidad", "grafica-retos"]
    for c in want:
        if c not in doc.charts:
            raise AssertionError("no chart %s (have %s)" % (c, list(doc.charts)))
        if not doc.charts[c]["title"] or not doc.charts[c]["desc"]:
            raise AssertionError("chart %s lacks <title> or <desc>" % c)


def heatmap_of_objectives_by_type():
    # issue 12: one grid of objectives x reporter types replaces the five
    # bar charts per type; every cell, zero too, carries its filter and
    # count (recounted by check_marks), a non-zero cell writes its count
    for gone in figs["by_reporter_type"]:
        if "grafica-objetivos-" + gone in doc.charts:
            raise AssertionError("the per-type chart of %s is still there" % gone)
    types = [t for t, n in figs["by_reporter_type"].items() if n]
    for cid in ("grafica-objetivos-tipos", "grafica-objetivos-tipos-movil"):
        cells = {m.filter: m.value for m in doc.marks if m.chart == cid and m.tag == "rect"}
        texts = {m.filter: number(m.text) for m in doc.marks if m.chart == cid and m.tag == "tspan"}
        eq(len(cells), 23 * len(types), "cells of " + cid)
        for o in range(1, 24):
            for t in types:
                f = "edicion=2024&medida=acciones&objetivo=%d&tipo=%s" % (o, t)
                want = figs["by_objective"][str(o)][t]
                eq(cells.get(f), want, "%s cell %d x %s" % (cid, o, t))
                eq(texts.get(f), want or None, "%s count written in %d x %s" % (cid, o, t))
    svg = re.search(r'<svg[^>]*id="grafica-objetivos-tipos".*?</svg>', html, re.S).group(0)
    contains(svg, "sin acciones (en blanco)")
    contains(svg, "APF: Administración Pública Federal")
    # pmm chart draws it too
    s.pmm("chart", "objetivos-tipos", "--edition", "2024", "-o", "heat.svg", check=0)
    contains(open(s.path("heat.svg"), encoding="utf-8").read(), 'id="grafica-objetivos-tipos"')


def short_objective_labels():
    # issue 12: the charts name objectives by the UN Network on Migration's
    # short labels (objectives.csv), not by titles cut with «…»
    for cid in ("grafica-objetivos", "grafica-objetivos-tipos", "grafica-objetivos-movil"):
        svg = re.search(r'<svg[^>]*id="%s".*?</svg>' % cid, html, re.S).group(0)
        for label in (">1. Datos<", ">7. Reducir vulnerabilidades<",
                      "<title>18. Desarrollo y reconocimiento de competencias"):
            contains(svg, label, cid)
        if "…" in svg:
            raise AssertionError("%s still cuts a label: %s" % (cid, re.findall(r">([^<]*…)<", svg)[:3]))
    s.pmm("chart", "objetivos", "--edition", "2024", "--lang", "en", "-o", "obj-en.svg", check=0)
    en = open(s.path("obj-en.svg"), encoding="utf-8").read()
    for label in ("7. Reduce vulnerabilities<", "20. Remittances<"):
        contains(en, label)
    # a database made before migration 17 gets the labels when it upgrades
    from pmmtest import downgrade
    old = Scratch()
    try:
        old.pmm("init", check=0)
        downgrade(old.db, 16)
        old.pmm("catalog", "objectives", check=0)
        con = sqlite3.connect(old.db)
        eq(con.execute("SELECT short_es, short_en FROM objective WHERE n = 23").fetchone(),
           ("Cooperación internacional", "International cooperation"), "migration 17")
        con.close()
    finally:
        old.close()


def figures_numbered_with_their_source():
    # issue 12: every chart is «Figura N. title», numbered in order, with a
    # «Fuente:» caption (issuer, edition, period) under it
    wide = [c for c in doc.charts if not c.endswith("-movil")]
    eq([doc.charts[c]["title"].split(".")[0] for c in wide], ["Figura %d" % n for n in range(1, len(wide) + 1)],
       "figure numbers")
    eq(doc.charts["grafica-objetivos-tipos"]["title"], "Figura 4. Acciones por objetivo y tipo de reportante", "heatmap")   # issue 14: the map is Figura 2
    eq(html.count('<figcaption class="source">Fuente: Unidad de Política Migratoria, Registro e Identidad de Personas, Informe Ejecutivo 2024 '
                  '(junio de 2023 a junio de 2024), registros de pmm.</figcaption>'), len(wide), "source lines")


def every_number_is_marked_and_true():
    bad = check_marks(doc, counter)
    if bad:
        raise AssertionError("%d wrong figures:\n%s" % (len(bad), "\n".join(bad[:20])))
    kinds = {m.cls for m in doc.marks}
    for k in ("fig", "pct", "ref", "diff"):
        if k not in kinds:
            raise AssertionError("no mark of class %s" % k)
    if len(doc.marks) < 500:
        raise AssertionError("only %d marks" % len(doc.marks))


def the_check_catches_a_wrong_number():
    # a report where one printed figure is changed must fail the check
    m = next(x for x in doc.marks if x.cls == "fig" and x.value > 5)
    wrong = html.replace('data-value="%d">%s<' % (m.value, m.text),
                         'data-value="%d">%d<' % (m.value + 1, m.value + 1), 1)
    if wrong == html:
        raise AssertionError("could not alter the report")
    if not check_marks(Doc(wrong), counter):
        raise AssertionError("an altered figure went unnoticed")


def same_filter_same_value():
    seen = {}
    for m in doc.marks:
        if m.cls in ("diff",):
            continue
        v = seen.setdefault(m.filter, m.value)
        if v != m.value:
            raise AssertionError("%s is printed as %d and as %d" % (m.filter, v, m.value))


def chart_percentages_add_to_100():
    # issue 12: equal counts print equal percentages, so a chart may add up
    # to a little less than 100; then it says so in a note
    per_chart, by_value = {}, {}
    for m in doc.marks:
        if m.chart and m.cls == "pct":
            per_chart.setdefault(m.chart, {})[m.filter] = number(m.text)
            by_value.setdefault((m.chart, m.value), set()).add(number(m.text))
    for (c, v), shown in by_value.items():
        if len(shown) > 1:
            raise AssertionError("chart %s: %d shown as %s" % (c, v, sorted(shown)))
    for c, pcts in per_chart.items():
        if sum(pcts.values()) != 100:
            svg = re.search(r'<svg[^>]*id="%s".*?</svg>' % re.escape(c), html, re.S).group(0)
            if sum(pcts.values()) > 100 or "redondeados" not in svg:
                raise AssertionError("chart %s: percentages add up to %d, no note" % (c, sum(pcts.values())))
    if "grafica-poblacion" not in per_chart:
        raise AssertionError("population chart without percentages")


def narrative_counts_equal_table():
    text = doc.text
    for o in range(1, 24):
        # issue 12 (UN style): a count under ten is a word («ocho acciones»)
        m = re.search(r"El objetivo %d está conformado por ([\d\s\u00a0]+|[a-z]+) acci" % o, text)
        if not m:
            raise AssertionError("no count sentence for objective %d" % o)
        eq(number(m.group(1)), figs["by_objective"][str(o)]["total"], "objective %d" % o)
    # objective 19 has five actions in section III, so it cannot have three in IV
    contains(text, "El objetivo 19 está conformado por cinco acciones")


def most_and_least_are_right():
    text = doc.text
    contains(text, "Los objetivos con más acciones son el 7 (46), el 4 (39) y el 15 (37); "
                   "los que menos reúnen son el 11, el 12 y el 20, con 4 acciones cada uno.")
    if re.search(r"superan las 40", text):
        raise AssertionError("the seed's 'superan las 40' for 7 and 15")


def no_actions_claims_hold():
    zero = {}
    for m in doc.marks:
        if m.cls == "ref" and m.attrs.get("data-claim") == "zero":
            t = re.search(r"tipo=(\w+)", m.filter)
            o = re.search(r"objetivo=(\d+)", m.filter)
            if t and o:
                zero.setdefault(t.group(1), set()).add(int(o.group(1)))
    by = figs["by_objective"]
    for t in ("APF", "EF"):
        want = {o for o in range(1, 24) if by[str(o)][t] == 0}
        eq(zero.get(t, set()), want, "objectives claimed untouched by " + t)
    eq(zero["APF"], {18, 19}, "APF (the seed said 6, 18 and 19)")
    eq(zero["EF"], {13}, "EF (the seed said 9, 12, 13 and 20)")
    contains(doc.text, "La Administración Pública Federal no reportó acciones para los objetivos 18 y 19.")
    contains(doc.text, "Las entidades federativas no reportaron acciones para el objetivo 13.")


def totals_by_type_agree():
    text = doc.text
    bt = figs["by_reporter_type"]
    contains(text, "se reportaron 379 acciones: %d de la Administración Pública Federal, %d de las "
                   "entidades federativas" % (bt["APF"], bt["EF"]))
    eq(sum(bt.values()), 379, "types add up to the actions")


def spanish_agreement_and_numbers():
    text = doc.text
    contains(text, "seguido de")
    contains(text, "54\u00a0%")                    # Spanish: space before %
    for m in re.finditer(r"\b(\d+)[\s\u00a0]+(acción|acciones)\b", text):
        n, word = int(m.group(1)), m.group(2)
        if (n == 1) != (word == "acción"):
            raise AssertionError("agreement: %r" % m.group(0))
    # Spanish writes "e" before the sound /i/: "Colima e Hidalgo"
    m = re.search(r" y (Hi|hi|I|i)[^aeiouáéíóú]", text)
    if m:
        raise AssertionError("'y' before /i/: %r" % text[m.start() - 30:m.end() + 10])


def self_contained():
    low = html.lower()
    for bad in ("<script", "<link", " src=", "url(", "@import"):
        if bad in low:
            raise AssertionError("external or active content: %s" % bad)
    urls = set(re.findall(r"https?://[^\"'\s<]+", html))
    eq(urls, {"http://www.w3.org/2000/svg"}, "the only URL is the SVG namespace")
    contains(html, '<meta name="viewport"')
    contains(html, "@media print")


def english_edition():
    s.pmm("report", "--edition", "2024", "--format", "html", "--lang", "en", "-o", "report-en.html", check=0)
    en = open(s.path("report-en.html"), encoding="utf-8").read()
    d = Doc(en)
    contains(en, '<html lang="en"')
    contains(d.text, "Executive Report 2024")
    contains(d.text, "followed by")
    contains(d.text, "54 per cent")   # F12: UN style in English running text
    bad = check_marks(d, counter)
    if bad:
        raise AssertionError("\n".join(bad[:10]))


def otros_threshold_option():
    s.pmm("report", "--edition", "2024", "--format", "html", "--otros-umbral", "20", "-o", "u20.html", check=0)
    d = Doc(open(s.path("u20.html"), encoding="utf-8").read())
    contains(d.text, "Con menos de 20 menciones")
    small = {k for k, v in figs["challenges"]["by_category"].items() if 0 < v < 20}
    otros = [m for m in d.marks if m.chart == "grafica-retos" and m.tag == "tspan"
             and re.search(r"categoria=\d+,", m.filter) and "tipo=" not in m.filter]
    if not otros:
        raise AssertionError("no Otros retos row")
    eq(otros[0].value, sum(figs["challenges"]["by_category"][k] for k in small), "Otros retos")
    r = s.pmm("report", "--edition", "2024", "--format", "html", "--otros-umbral", "x", "-o", "bad.html")
    eq(r.returncode, 2, "bad threshold")
    contains(r.stderr, "--otros-umbral")


def preamble_from_the_edition():
    s.write("pre.txt", "Texto propio de la Unidad, año 2024.\n\nSegundo párrafo <b>sin marcas</b>.\n")
    r = s.pmm("report", "--edition", "2024", "--preamble", "pre.txt", check=0)
    contains(r.stdout, "Preámbulo de la edición «2024» guardado")
    # 2024 is published: its Informe is its revision's, the new preamble the live edition's (REC3)
    contains(r.stderr, "desde la próxima publicación")
    s.pmm("report", "--edition", "2024", "--revision", "live", "--format", "html", "-o", "pre.html", check=0)
    t = open(s.path("pre.html"), encoding="utf-8").read()
    contains(t, "<p>Texto propio de la Unidad, año 2024.</p><p>Segundo párrafo &lt;b&gt;sin marcas&lt;/b&gt;.</p>")
    if "En el marco del compromiso" in t:
        raise AssertionError("default preamble used despite the edition's own")
    # a file that is not UTF-8 is refused, naming the file, and changes nothing
    s.write("mal.txt", None, raw=b"Pre\xe1mbulo en Latin-1")
    r = s.pmm("report", "--edition", "2024", "--preamble", "mal.txt")
    eq(r.returncode, 1, "not UTF-8")
    contains(r.stderr, "mal.txt")
    con = sqlite3.connect(s.db)
    eq(con.execute("SELECT preamble FROM edition WHERE name = '2024'").fetchone()[0],
       "Texto propio de la Unidad, año 2024.\n\nSegundo párrafo <b>sin marcas</b>.", "stored preamble")
    con.close()
    s.pmm("report", "--edition", "2024", "--preamble-default", check=0)
    s.pmm("report", "--edition", "2024", "--revision", "live", "--format", "html", "-o", "pre2.html", check=0)
    contains(open(s.path("pre2.html"), encoding="utf-8").read(), "En el marco del compromiso")


def empty_edition():
    e = Scratch()
    try:
        e.pmm("init", check=0)
        e.pmm("edition", "add", "vacia", "--desde", "2025-01", "--hasta", "2025-12", check=0)
        e.pmm("report", "--edition", "vacia", "--format", "html", "-o", "v.html", check=0)
        e.pmm("report", "--edition", "vacia", "--format", "pdf", "-o", "v.pdf", check=0)
        e.pmm("compendio", "--edition", "vacia", "--format", "pdf", "-o", "vc.pdf", check=0)
        e.pmm("chart", "poblacion", "--edition", "vacia", "-o", "v.svg", check=0)
        d = Doc(open(e.path("v.html"), encoding="utf-8").read())
        contains(d.text, "La edición no tiene acciones registradas todavía")
        contains(d.text, "No se reportaron acciones para ningún objetivo en esta edición.")
        bad = check_marks(d, Counter(e.db))
        if bad:
            raise AssertionError("\n".join(bad[:10]))
    finally:
        e.close()


def every_chart_has_a_phone_drawing():
    # each chart is drawn twice: wide, and narrow for a phone (shown by CSS
    # under 40rem); the two carry the same figures
    wide = [c for c in doc.charts if not c.endswith("-movil")]
    if len(wide) < 6:
        raise AssertionError("only %d charts" % len(wide))
    for c in wide:
        if c + "-movil" not in doc.charts:
            raise AssertionError("chart %s has no phone drawing" % c)
        eq(doc.charts[c + "-movil"]["title"], doc.charts[c]["title"], "title of %s" % c)
        a = sorted((m.filter, m.value) for m in doc.marks if m.chart == c)
        b = sorted((m.filter, m.value) for m in doc.marks if m.chart == c + "-movil")
        eq(b, a, "figures of %s and its phone drawing" % c)
    views = re.findall(r'<svg[^>]* id="([^"]+)" viewBox="0 0 (\d+) \d+"', html)
    for cid, w in views:
        eq(int(w), 360 if cid.endswith("-movil") else 640, "width of %s" % cid)
    contains(html, "@media (max-width:40rem)")
    if "min-width:34rem" in html:
        raise AssertionError("charts still force a sideways scroll")
    # pmm chart draws the same phone layout
    s.pmm("chart", "tipos", "--edition", "2024", "--width", "360", "-o", "tipos.svg", check=0)
    svg = open(s.path("tipos.svg"), encoding="utf-8").read()
    contains(svg, 'viewBox="0 0 360 ')
    for bad in ("100", "700", "ancho"):
        r = s.pmm("chart", "tipos", "--edition", "2024", "--width", bad, "-o", "w.svg")
        eq(r.returncode, 2, "--width " + bad)
        contains(r.stderr, "--width")


def bad_usage_writes_nothing():
    r = s.pmm("report", "--edition", "2024", "--format", "html", "--lang", "fr", "-o", "fr.html")
    eq(r.returncode, 2, "unknown language")
    contains(r.stderr, "--lang no admite")   # issue 14 (F14A): cli_args checks values
    r = s.pmm("report", "--edition", "2024", "--format", "pdf")
    eq(r.returncode, 2, "pdf to stdout")
    r = s.pmm("report", "--edition", "nada", "--format", "html", "-o", "x.html")
    eq(r.returncode, 1, "unknown edition")
    import os
    for f in ("fr.html", "x.html"):
        if os.path.exists(s.path(f)):
            raise AssertionError("%s was written" % f)


for fn in (sections_and_charts, heatmap_of_objectives_by_type, short_objective_labels,
           figures_numbered_with_their_source, every_number_is_marked_and_true, the_check_catches_a_wrong_number,
           same_filter_same_value,
           chart_percentages_add_to_100, narrative_counts_equal_table, most_and_least_are_right,
           no_actions_claims_hold, totals_by_type_agree, spanish_agreement_and_numbers, self_contained,
           english_edition, otros_threshold_option, preamble_from_the_edition, empty_edition,
           every_chart_has_a_phone_drawing, bad_usage_writes_nothing):
    check(fn.__name__, fn)
s.close()
done()
