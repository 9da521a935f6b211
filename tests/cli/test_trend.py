"""Issue 13, editions over time: `pmm trend` puts several editions side by
side, each counted exactly as `pmm report` counts it. Three editions are
imported from CSV (one also has drafts, which neither counts), one is
published and its live rows then differ from its revision (a catalog
edit): the trend, like the report, counts the published revision."""
import json
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

ROWS = {
    # name: (period, validated actions, challenges)
    "anterior": ("2022-01:2022-12", """
T-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,120,
T-2,INM,"1, 3",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,
T-3,chiapas,15,Salud,,Servicios de salud,retorno,Sí,No,,
""", """
T-1,Faltan intérpretes,Barreras culturales y de idioma
T-3,Presupuesto,falta de recursos financieros materiales humanos y tecnologicos
T-3,Sin clasificar aún,
"""),
    "2023": ("2023-01:2023-12", """
T-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,150,
T-2,INM,"1, 3, 23",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,
T-4,CNDH,4,Quejas,,Servicios o asesoría legales,retorno,,No,,
T-5,INM,2,Ventanilla,,Servicios o asesoría legales,,No,No,,
""", """
T-4,Falta de coordinación,Coordinación y cooperación inter e intrainstitucional
"""),
    "2024": ("2024-01:2024-12", """
T-2,INM,"1, 3",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,
T-6,CAFAMI,16,Talleres comunitarios,,Capacitación,extranjeros,Sí,No,,
""", None),
}
DRAFTS = """
B-1,SRE,5,Borrador,,Capacitación,exterior,No,No,,
B-2,INM,7,Otro borrador,,Capacitación,exterior,No,No,,
"""

s = Scratch()
s.pmm("init", check=0)
for name in ("2024", "anterior", "2023"):          # created out of period order
    period, rows, retos = ROWS[name]
    s.pmm("edition", "new", name, "--period", period, check=0)
    imp = ["import", "--edition", name, s.write(name + ".csv", ACTION_HEADER + rows)]
    if retos:
        imp += ["--retos", s.write(name + "-retos.csv", "folio,reto,categoria\n" + retos.lstrip("\n"))]
    s.pmm(*imp, check=0)
s.pmm("import", "--edition", "2024", "--status", "borrador", s.write("b.csv", ACTION_HEADER + DRAFTS), check=0)
# 2023 is published (revision 1), then the catalog moves the INM to another
# reporter type: the live rows now count differently from the revision
s.pmm("edition", "set", "2023", "--estado", "publicada", check=0)
con = sqlite3.connect(s.db)
con.execute("UPDATE institution SET type = 'OSC' WHERE acronym = 'INM'")
con.commit()
con.close()


def trend(*extra, check_rc=0):
    r = s.pmm("trend", "--format", "json", *extra, check=check_rc)
    return json.loads(r.stdout) if check_rc == 0 else r


def same_as_report(t, name):
    """Every figure of NAME in trend T is the one `pmm report` gives."""
    f = s.figures(name)
    eq(t["actions"][name], f["actions"], name + " actions")
    for o in range(1, 24):
        eq(t["by_objective"][str(o)][name], f["by_objective"][str(o)]["total"], "%s objective %d" % (name, o))
    for code, n in f["by_reporter_type"].items():
        eq(t["by_reporter_type"][code][name], n, "%s reporter type %s" % (name, code))
    for code, n in f["population"].items():
        eq(t["population"][code][name], n, "%s population %s" % (name, code))
    for cat, n in f["challenges"]["by_category"].items():
        eq(t["challenges"][cat][name], n, "%s challenges %s" % (name, cat))
    eq(t["challenges_total"][name], f["challenges"]["total"], name + " challenges")
    eq(t["challenges_unclassified"][name], f["challenges"]["unclassified"], name + " unclassified")


def every_edition_by_period():
    t = trend()
    eq(t["editions"], ["anterior", "2023", "2024"], "editions, by period")
    eq(t["schema"], "pmm-trend/1", "schema")
    for name in t["editions"]:
        same_as_report(t, name)
    # the figures themselves, not only their agreement
    eq(t["actions"], {"anterior": 3, "2023": 4, "2024": 2}, "actions (drafts not counted)")
    eq(t["by_objective"]["3"], {"anterior": 1, "2023": 1, "2024": 1}, "objective 3")
    eq(t["challenges_total"], {"anterior": 3, "2023": 1, "2024": 0}, "challenges")
    eq(t["challenges_unclassified"]["anterior"], 1, "unclassified challenge kept")


def published_edition_counts_its_revision():
    t = trend()
    # revision 1 of 2023 has the INM as APF: its 2 actions plus SRE's
    eq(t["by_reporter_type"]["APF"]["2023"], 3, "2023 as published")
    eq(t["by_reporter_type"]["OSC"]["2023"], 0, "2023 as published")
    live = s.figures("2023", "--revision", "live")
    eq(live["by_reporter_type"]["OSC"], 2, "the live rows differ")
    # a live edition reads the catalog as it is now
    eq(t["by_reporter_type"]["OSC"]["2024"], 2, "2024 live: INM now OSC, and CAFAMI")
    r = s.pmm("trend", "--format", "json", check=0)
    contains(r.stderr, "se informa su revisión 1", "stderr")


def named_editions_in_the_order_given():
    t = trend("--editions", "2024, anterior")
    eq(t["editions"], ["2024", "anterior"], "editions")
    eq(sorted(t["actions"]), ["2024", "anterior"], "only those")
    same_as_report(t, "2024")
    same_as_report(t, "anterior")


def bad_edition_lists_are_refused():
    for arg, msg in (("2024,2024", "aparece dos veces"), ("2024,,2023", "nombre vacío"),
                     (",2024", "nombre vacío"), ("2024,1999", "no existe la edición «1999»")):
        r = s.pmm("trend", "--editions", arg, "--format", "json")
        eq(r.returncode, 1, arg)
        contains(r.stderr, msg, "stderr of " + arg)
        eq(r.stdout, "", "nothing written for " + arg)
    r = s.pmm("trend", "--format", "xml")
    eq(r.returncode, 2, "unknown format")
    r = s.pmm("trend", "--lang", "fr")
    eq(r.returncode, 2, "unknown language")


def text_in_spanish_and_english():
    out = s.pmm("trend", "--editions", "anterior,2023", check=0).stdout
    lines = out.splitlines()
    contains(lines[0], "anterior")
    contains(out, "      3        4  Acciones validadas")
    contains(out, "      1        1  Objetivo 3")
    contains(out, "Población atendida")
    en = s.pmm("trend", "--editions", "anterior,2023", "--lang", "en", check=0).stdout
    contains(en, "      3        4  Validated actions")
    contains(en, "Actions by objective")


def json_to_a_file():
    s.pmm("trend", "--format", "json", "-o", "t.json", check=0)
    eq(json.load(open(s.path("t.json")))["editions"], ["anterior", "2023", "2024"], "file")


def demo_has_a_synthetic_earlier_edition():
    d = Scratch()
    try:
        out = d.pmm("demo", check=0).stdout
        contains(out, "Edición de ejemplo «2023-ejemplo» (sintética, no son cifras reales) cargada: "
                      "316 acciones y 197 retos.")
        contains(out, "379 acciones y 326 retos")
        t = json.loads(d.pmm("trend", "--format", "json", check=0).stdout)
        eq(t["editions"], ["2023-ejemplo", "2024", "2025"], "editions by period")
        for name in t["editions"]:
            f = d.figures(name)
            eq(t["actions"][name], f["actions"], name)
            for o in range(1, 24):
                eq(t["by_objective"][str(o)][name], f["by_objective"][str(o)]["total"], "%s %d" % (name, o))
        eq(t["actions"]["2024"], 379, "the seed's 2024 untouched")
        eq(t["continuing"]["2024"] > 0, True, "2024 continues programs of the example")
        eq(t["continuing"]["2024"] + t["new"]["2024"], 379, "continuing + new")
        d.pmm("report", "--edition", "2023-ejemplo", "--format", "html", "-o", "e.html", check=0)
        contains(open(d.path("e.html"), encoding="utf-8").read(), "Sus cifras no son las de ningún país",
                 "the example's Informe says it is synthetic")
        d.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
        contains(open(d.path("i.html"), encoding="utf-8").read(),
                 "Frente a la edición anterior, 2023-ejemplo,", "2024 compares with the example, by name")
        d.pmm("demo", check=0)                        # again: the same records, refreshed
        eq(json.loads(d.pmm("trend", "--format", "json", check=0).stdout)["actions"], t["actions"], "again")
    finally:
        d.close()


check("every edition, by period, counted as pmm report counts it", every_edition_by_period)
check("a published edition counts its published revision", published_edition_counts_its_revision)
check("--editions keeps the order given", named_editions_in_the_order_given)
check("bad --editions lists are refused, nothing written", bad_edition_lists_are_refused)
check("text in Spanish and English", text_in_spanish_and_english)
check("-o writes the JSON to a file", json_to_a_file)
check("the demo's earlier edition is a labelled synthetic example", demo_has_a_synthetic_earlier_edition)
s.close()
done()
