"""Issue 13: the GCM's ten guiding principles (a catalog, the interchange
column «principios», the figures guiding_principles) and the IMRF
roundtables (objectives.csv's «mesa», the figures by_roundtable)."""
import json
import sqlite3
from pmmtest import ACTION_HEADER, Scratch, check, contains, done, downgrade, eq

HEAD = ACTION_HEADER + ",principios"
ROWS = [
    # numbers, names without accents and in another case, English, aliases, repeats
    'P1,INM,7;15,Uno,,,,,,,,"1;derechos humanos; PERSPECTIVA DE GENERO;6"',
    'P2,INM,2,Dos,,,,,,,,"6/9, 10"',
    'P3,SRE,14;7;2,Tres,,,,,,,,Whole-of-society approach',
    'P4,SRE,4,Cuatro,,,,,,,,',
    'P5,INM,23,Cinco,,,,,,,,"1 4\n7"',
]
ROUNDTABLES = {1: [2, 5, 6, 12, 18], 2: [4, 8, 9, 10, 11, 13, 21], 3: [14, 15, 16, 19, 20, 22],
               4: [1, 3, 7, 17, 23]}

s = Scratch()
s.pmm("init", check=0)


def stored(scratch, edition="2024"):
    """Each action's principles as the database holds them, by folio."""
    rows = scratch.query(
        "SELECT a.folio, (SELECT group_concat(principle, ';') FROM (SELECT principle FROM action_principle"
        " WHERE action_id = a.id ORDER BY principle)) FROM action a JOIN edition e ON e.id = a.edition_id"
        " WHERE e.name = ? ORDER BY a.folio", edition)
    return {f: p or "" for f, p in rows}


WANT = {"P1": "1;6;7", "P2": "6;9;10", "P3": "10", "P4": "", "P5": "1;4;7"}


def catalog():
    rows = [l.split("\t") for l in s.pmm("catalog", "principles", check=0).stdout.strip().split("\n")]
    eq(len(rows), 10, "ten principles")
    eq([r[0] for r in rows], [str(n) for n in range(1, 11)], "numbered 1-10")
    eq(rows[5][1:3], ["Derechos humanos", "Human rights"], "principle 6")
    eq(rows[8][1:3], ["Enfoque pangubernamental", "Whole-of-government approach"], "principle 9")
    for r in rows:
        eq(len(r), 5, "number, names and descriptions es/en")
        assert r[3] and r[4], "principle %s has its description" % r[0]
    objs = [l.split("\t") for l in s.pmm("catalog", "objectives", check=0).stdout.strip().split("\n")]
    got = {}
    for o in objs:
        got.setdefault(int(o[5]), []).append(int(o[0]))
    eq(got, ROUNDTABLES, "objectives by roundtable (catalog column mesa)")


def imported():
    r = s.pmm("import", "--edition", "2024", s.write("a.csv", HEAD + "\n" + "\n".join(ROWS) + "\n"), check=0)
    contains(r.stdout, "5 acciones")
    eq(stored(s), WANT, "principles stored")


def reimport_replaces():
    # importing the file again with other principles replaces them, never adds
    o = Scratch()
    o.pmm("init", check=0)
    o.pmm("import", "--edition", "2024", o.write("a.csv", HEAD + "\n" + ROWS[0] + "\n"), check=0)
    o.pmm("import", "--edition", "2024", o.write("b.csv", HEAD + "\n" + ROWS[0].replace(
        '"1;derechos humanos; PERSPECTIVA DE GENERO;6"', "Soberanía nacional") + "\n"), check=0)
    eq(stored(o), {"P1": "3"}, "replaced")
    o.pmm("import", "--edition", "2024", o.write("c.csv", ACTION_HEADER + "\n" + ROWS[0].rsplit(",", 1)[0] + "\n"),
          check=0)
    eq(stored(o), {"P1": ""}, "a file without the column states none")
    o.close()


def refused():
    before = s.dump()
    bad = s.write("b.csv", HEAD + "\n" + "\n".join([
        'B1,INM,7,Uno,,,,,,,,11',
        'B2,INM,7,Dos,,,,,,,,Derechos humanoz',
        'B3,INM,7,Tres,,,,,,,,0',
        'B4,INM,7,Cuatro,,,,,,,,1;soberania nacional;x',
    ]) + "\n")
    r = s.pmm("import", "--edition", "2024", bad, check=1)
    contains(r.stderr, "b.csv:2: columna «principios», valor «11»: el Pacto tiene 10 principios rectores")
    contains(r.stderr, "b.csv:3: columna «principios», valor «Derechos humanoz»: principio rector "
                       "desconocido; ¿quiso decir «Derechos humanos»?")
    contains(r.stderr, "b.csv:4: columna «principios», valor «0»")
    contains(r.stderr, "b.csv:5: columna «principios», valor «x»: principio rector desconocido")
    contains(r.stderr, "No se importó nada: 4 errores.")
    eq(s.dump(), before, "nothing written")


def round_trip(fmt):
    def run():
        out = s.path("e." + fmt)
        s.pmm("export", "--edition", "2024", "--format", fmt, "-o", out, check=0)
        if fmt == "csv":
            lines = open(out, encoding="utf-8").read().split("\n")
            # principios follows resultados; continua_folio (issue 13, F13) comes after it
            eq(lines[0], "\ufeffedicion," + HEAD + ",continua_folio,continua_edicion",
               "header: principios after resultados")
            contains(lines[1], ',"1;6;7",' if '"' in lines[1] else ",1;6;7,", "P1's row")
        if fmt == "json":
            doc = json.load(open(out, encoding="utf-8"))
            eq({a["folio"]: a["principios"] for a in doc["acciones"]},
               {f: [int(x) for x in v.split(";")] if v else [] for f, v in WANT.items()}, "JSON numbers")
        dst = Scratch()
        dst.pmm("init", check=0)
        dst.pmm("import", "--edition", "2024", out, check=0)
        eq(stored(dst), WANT, "principles after the %s round trip" % fmt)
        eq(dst.figures()["guiding_principles"], s.figures()["guiding_principles"], "same figures")
        dst.close()
    return run


def json_import():
    doc = {"schema": "pmm-export/1", "acciones": [
        {"folio": "J1", "institucion": "INM", "objetivos": [7], "nombre": "J", "principios": [2, "Soberanía nacional"]},
        {"folio": "J2", "institucion": "INM", "objetivos": [7], "nombre": "K", "principios": "Perspectiva infantil"},
    ]}
    s.pmm("import", "--edition", "j", s.write("j.json", json.dumps(doc)), check=0)
    eq(stored(s, "j"), {"J1": "2;3", "J2": "8"}, "JSON numbers and names")
    doc["acciones"][0]["principios"] = [True]
    r = s.pmm("import", "--edition", "j", s.write("k.json", json.dumps(doc)), check=1)
    contains(r.stderr, "«principios»: el valor JSON no es del tipo esperado (una lista de números del 1 al 10 "
                       "o de nombres)")


def figures():
    f = s.figures()
    want = {str(n): s.query("SELECT count(*) FROM action_principle ap JOIN action a ON a.id = ap.action_id"
                            " JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024' AND ap.principle = ?",
                            n)[0][0] for n in range(1, 11)}
    eq(f["guiding_principles"], want, "guiding_principles = the rows of action_principle")
    eq(f["guiding_principles"], {"1": 2, "2": 0, "3": 0, "4": 1, "5": 0, "6": 2, "7": 2, "8": 0, "9": 1, "10": 2},
       "by hand")
    eq(f["actions_with_principles"], 4, "P4 has none")
    # P1: 7 (4), 15 (3); P2: 2 (1); P3: 14 (3), 7 (4), 2 (1); P4: 4 (2); P5: 23 (4)
    eq({k: v["actions"] for k, v in f["by_roundtable"].items()}, {"1": 2, "2": 1, "3": 2, "4": 3},
       "actions by roundtable, each once")
    eq({int(k): v["objectives"] for k, v in f["by_roundtable"].items()}, ROUNDTABLES, "roundtables' objectives")
    text = s.pmm("report", "--edition", "2024", "--format", "text", check=0).stdout
    contains(text, " 6    2  Derechos humanos")
    r = s.pmm("check", check=0)           # the reference recount agrees
    contains(r.stdout, "correcta")


def validated_only():
    # a draft's principles are not in the validated figures, but in --all
    con = sqlite3.connect(s.db)
    con.execute("UPDATE action SET status = 'borrador' WHERE folio = 'P3'")
    con.commit()
    con.close()
    eq(s.figures()["guiding_principles"]["10"], 1, "validated only")
    eq(s.figures("2024", "--all")["guiding_principles"]["10"], 2, "--all")


def check_finds_bad_rows():
    # pmm check names a principle outside the catalog and a good practice of no action
    c = Scratch()
    c.pmm("init", check=0)
    c.pmm("import", "--edition", "2024", c.write("a.csv", HEAD + "\n" + ROWS[0] + "\n"), check=0)
    con = sqlite3.connect(c.db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("INSERT INTO action_principle(action_id, principle) VALUES ((SELECT id FROM action), 11)")
    con.execute("INSERT INTO good_practice(action_id, results) VALUES (9999, 'x')")
    con.commit()
    con.close()
    r = c.pmm("check", check=1)
    contains(r.stderr, "principio rector de una acción que no existe, o que no está en el catálogo")
    contains(r.stderr, "buena práctica de una acción que no existe (acción): 9999")
    c.close()


def older_database():
    # a database of the schema before issue 13 gets the tables, then the
    # principles and roundtables when a command needs the catalogs
    o = Scratch()
    o.pmm("init", check=0)
    downgrade(o.db, 16)
    eq(o.query("SELECT count(*) FROM sqlite_master WHERE name = 'principle'")[0][0], 0, "downgraded")
    o.pmm("import", "--edition", "2024", o.write("a.csv", HEAD + "\n" + "\n".join(ROWS) + "\n"), check=0)
    eq(stored(o), WANT, "imported into the migrated database")
    eq(o.query("SELECT count(*) FROM objective WHERE roundtable IS NULL")[0][0], 0, "roundtables loaded")
    o.close()


def template():
    out = s.path("p.xlsx")
    s.pmm("template", "--edition", "2024", "-o", out, check=0)
    import zipfile
    z = zipfile.ZipFile(out)
    every = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    for part in ("Principios rectores", "Enfoque pansocial", "10. El Pacto promueve amplias alianzas",
                 "8. Principios rectores (opcional)", "Principios rectores del Pacto a los que sirve la acción",
                 "$J$2:$J$11"):
        assert part in every, "the template holds %r" % part


check("the catalog of principles and the objectives' roundtables", catalog)
check("principios: numbers and names, accent- and case-blind", imported)
check("bad principles are refused by file, line and column", refused)
check("importing again replaces the principles", reimport_replaces)
check("CSV export -> import keeps the principles", round_trip("csv"))
check("JSON export -> import keeps the principles", round_trip("json"))
check("XLSX export -> import keeps the principles", round_trip("xlsx"))
check("JSON import: numbers or names, wrong types refused", json_import)
check("figures: guiding_principles and by_roundtable, recounted by SQL", figures)
check("figures count validated actions unless --all", validated_only)
check("pmm check names bad principle and good-practice rows", check_finds_bad_rows)
check("a database of schema 16 migrates and loads the new catalogs", older_database)
check("the template lists the principles and explains the column", template)
done()
