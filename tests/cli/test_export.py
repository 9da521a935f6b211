"""pmm export: the demo edition exported as CSV, XLSX and JSON and imported
into a fresh database gives identical figures and identical records; bad
requests are refused and leave no file behind."""
import json
import os
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

src = Scratch()
src.pmm("demo", check=0)
FIGS = src.figures("2024")
FIGS_ALL = src.figures("2024", "--all")


# issue 13 (T13): the demo also holds the example edition 2023-ejemplo
IN_2024 = " WHERE a.edition_id IN (SELECT id FROM edition WHERE name = '2024')"


def records(db):
    """Every action with its links and challenges, by folio: what must survive."""
    con = sqlite3.connect(db)
    try:
        acts = con.execute(
            "SELECT a.folio, i.acronym, a.name, a.description, a.results, a.gender_focus,"
            " a.disability, a.beneficiaries,"
            " (SELECT group_concat(objective || ':' || principal) FROM"
            "   (SELECT * FROM action_objective WHERE action_id=a.id ORDER BY objective)),"
            " (SELECT group_concat(action_type_id) FROM"
            "   (SELECT * FROM action_action_type WHERE action_id=a.id ORDER BY 2)),"
            " (SELECT group_concat(population_id) FROM"
            "   (SELECT * FROM action_population WHERE action_id=a.id ORDER BY 2))"
            " FROM action a JOIN institution i ON i.id=a.institution_id" + IN_2024 + " ORDER BY a.folio").fetchall()
        chs = con.execute("SELECT a.folio, c.text, c.category_id FROM challenge c"
                          " JOIN action a ON a.id=c.action_id" + IN_2024 + " ORDER BY a.folio, c.id").fetchall()
        # issue 13 (F13): which action of the previous edition each continues (column continua_folio)
        links = con.execute("SELECT a.folio, o.folio FROM action_continuation k JOIN action a ON a.id = k.action_id"
                            " JOIN action o ON o.id = k.continues_id" + IN_2024 + " ORDER BY a.folio").fetchall()
        return acts, chs, links
    finally:
        con.close()


RECORDS = records(src.db)
# the edition before 2024, imported first so that 2024's continua_folio links (issue 13, F13)
EXAMPLE = src.path("ejemplo.json")
src.pmm("export", "--edition", "2023-ejemplo", "--format", "json", "-o", EXAMPLE, check=0)
EXAMPLE_PERIOD = src.figures("2023-ejemplo")["period"]


def same_figures(got, want):
    for k in sorted(set(got) | set(want)):
        eq(got.get(k), want.get(k), "figures[%r] after the round trip" % k)


def round_trip(fmt):
    def run():
        out = src.path("edicion." + fmt)
        r = src.pmm("export", "--edition", "2024", "--format", fmt, "-o", out, check=0)
        contains(r.stderr, "edicion." + fmt)
        dst = Scratch()
        dst.pmm("init", check=0)
        dst.pmm("edition", "add", "2023-ejemplo", "--desde", EXAMPLE_PERIOD["start"],
                "--hasta", EXAMPLE_PERIOD["end"], check=0)
        dst.pmm("import", "--edition", "2023-ejemplo", EXAMPLE, check=0)
        # the period is the edition's, not the interchange format's
        dst.pmm("edition", "add", "2024", "--desde", FIGS["period"]["start"],
                "--hasta", FIGS["period"]["end"], check=0)
        state = [l.split("\t")[3] for l in src.pmm("edition", "list", check=0).stdout.split("\n")
                 if l.startswith("2024\t")][0]
        args = ["import", "--edition", "2024", out]
        if fmt == "csv":
            args += ["--retos", src.path("edicion-retos.csv")]
        r = dst.pmm(*args, check=0)
        # after the import: a published edition refuses imports (issue 10)
        dst.pmm("edition", "set", "2024", "--estado", state, check=0)
        contains(r.stdout, "379 acciones importadas")
        contains(r.stdout, "326 retos")
        same_figures(dst.figures("2024"), FIGS)
        same_figures(dst.figures("2024", "--all"), FIGS_ALL)
        got = records(dst.db)
        eq(len(got[0]), len(RECORDS[0]), "actions")
        for a, b in zip(got[0], RECORDS[0]):
            eq(a, b, "action " + b[0])
        eq(got[1], RECORDS[1], "challenges")
        eq(len(RECORDS[2]), 271, "the demo's 2024 actions that continue one of 2023-ejemplo")
        eq(got[2], RECORDS[2], "the continued actions (continua_folio)")
        # and exported again, the same file (xlsx: same records, checked above)
        if fmt != "xlsx":
            again = dst.path("otra." + fmt)
            dst.pmm("export", "--edition", "2024", "--format", fmt, "-o", again, check=0)
            eq(open(again, encoding="utf-8").read(), open(out, encoding="utf-8").read(),
               "second export")
        dst.close()
    return run


for fmt in ("csv", "xlsx", "json"):
    check("round trip through " + fmt + ": identical figures and records", round_trip(fmt))


def csv_format():
    p = src.path("edicion.csv")
    text = open(p, encoding="utf-8").read()
    # issue 14: UTF-8 with BOM (Excel), each row led by its edition; issue 13: principios, then
    # continua_folio (F13) the last columns
    eq(text.split("\n")[0], "\ufeffedicion," + ACTION_HEADER + ",principios,continua_folio,continua_edicion",
       "acciones header")
    eq(open(src.path("edicion-retos.csv"), encoding="utf-8").readline(), "\ufeffedicion,folio,reto,categoria\n",
       "retos header")
    contains(text, "\n2024,2024-0001,SRE,1,")
    contains(text, ",No,Sí,")
    eq(text.count("\n"), 380, "lines (header + 379)")


check("csv: the interchange format, header and values (Sí/No, ';' lists)", csv_format)


def json_document():
    r = src.pmm("export", "--edition", "2024", "--format", "json", check=0)
    doc = json.loads(r.stdout)
    eq(doc["schema"], "pmm-export/1", "schema")
    eq(doc["edicion"]["nombre"], "2024", "edition")
    eq(len(doc["acciones"]), 379, "actions")
    eq(sum(len(a["retos"]) for a in doc["acciones"]), 326, "challenges")
    a = doc["acciones"][0]
    eq(sorted(a), sorted(["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion",
                          "poblacion", "enfoque_genero", "discapacidad", "beneficiarios",
                          "resultados", "principios", "continua_folio", "continua_edicion", "estado", "retos"]),
       "keys")   # principios, continua_folio: issue 13
    eq(type(a["objetivos"][0]), int, "objectives are numbers")


check("json: one document, actions with nested challenges, to stdout", json_document)


def refused(args, code, expect, leaves=()):
    def run():
        before = set(os.listdir(src.dir))
        r = src.pmm("export", *args)
        eq(r.returncode, code, "exit code")
        contains(r.stderr, expect, "stderr")
        eq(set(os.listdir(src.dir)) - before, set(), "files left behind")
    return run


check("unknown format", refused(["--edition", "2024", "--format", "pdf", "-o", "x.pdf"], 2, "--format no admite «pdf»"))   # issue 14 (F14A): cli_args says it
check("csv needs -o", refused(["--edition", "2024", "--format", "csv"], 2, "-o"))
check("unknown edition", refused(["--edition", "1999", "--format", "json"], 1, "1999"))
check("unwritable path", refused(["--edition", "2024", "--format", "csv", "-o", "/nonexistent/a.csv"],
                                  1, "/nonexistent"))


def too_long_for_excel():
    s = Scratch()
    s.pmm("init", check=0)
    long_text = "x" * 40000
    s.pmm("import", "--edition", "2024",
          s.write("a.csv", ACTION_HEADER + "\nL-1,INM,7,Larga,%s,,,,,,\n" % long_text), check=0)
    before = set(os.listdir(s.dir))
    r = s.pmm("export", "--edition", "2024", "--format", "xlsx", "-o", s.path("l.xlsx"))
    eq(r.returncode, 1, "exit code")
    contains(r.stderr, "«L-1»")
    contains(r.stderr, "«descripcion»")
    contains(r.stderr, "32 767")
    eq(set(os.listdir(s.dir)) - before, set(), "files left behind")
    # the other formats carry it
    s.pmm("export", "--edition", "2024", "--format", "csv", "-o", s.path("l.csv"), check=0)
    s.close()


check("a text longer than an Excel cell: xlsx refused with the folio named, csv works",
      too_long_for_excel)

def json_refused():
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "add", "2024", check=0)
    base = s.dump()
    doc = json.load(open(src.path("edicion.json"), encoding="utf-8"))
    doc["acciones"][11]["objetivos"] = [24]
    doc["acciones"][2]["enfoque_genero"] = {"no": "válido"}
    cases = [("roto.json", '{"acciones": [', ["roto.json:", "JSON mal formado"]),
             ("otro.json", '{"hola": 1}', ["otro.json:", "«acciones»"]),
             ("malo.json", json.dumps(doc), ["malo.json:12: columna «objetivos», valor «24»",
                                             "malo.json:3: columna «enfoque_genero»"])]
    for name, text, expect in cases:
        r = s.pmm("import", "--edition", "2024", s.write(name, text))
        eq(r.returncode, 1, name + " exit code")
        for e in expect:
            contains(r.stderr, e, name)
        contains(r.stderr, "No se importó nada")
    eq(s.dump(), base, "database after refused JSON imports")
    s.close()


check("a bad JSON is refused, errors naming the action by position", json_refused)

src.close()
done()
