"""issue 10, the last faults a hostile tester found in the CLI, the import
and the store (helper REC). Each check names its fault (rows 14- of the
table in docs/reliability.md) and fails on the code before its fix."""
import json
import os
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done, downgrade
import xlsxmini

ROW = "2024-0003,INM,7,Trabajo real,Descripción real,Capacitación,extranjeros,Sí,No,10,Resultado real"


def backup_side_file_names():
    """fault 17: a copy named like a -wal/-shm/-journal, or beside one."""
    s = Scratch()
    s.pmm("init", check=0)
    for name in ["copia.db-journal", "copia.db-wal", "copia.db-shm", s.db + "-journal"]:
        r = s.pmm("backup", name)
        eq(r.returncode, 1, "exit for %s\n%s" % (name, r.stdout))
        contains(r.stderr, "SQLite reserva")
        eq(os.path.exists(s.path(name)), False, name + " not written")
    s.write("vieja.db-journal", "", raw=b"x" * 512)
    r = s.pmm("backup", "vieja.db")
    eq(r.returncode, 1, "a stale -journal beside the copy\n" + r.stdout)
    contains(r.stderr, "vieja.db-journal")
    s.pmm("backup", "copia.db", check=0)
    s.close()


check("fault 17: pmm backup refuses -wal/-shm/-journal names and a stale journal beside the copy",
      backup_side_file_names)

def edition_names():
    """fault 16: one rule for edition names; '@' names revisions."""
    s = Scratch()
    s.pmm("init", check=0)
    bad = {"2024@r3": "«@»", " 2027 ": "espacios", "2027\u3000": "espacios", "a/b": "«/»",
           "a\\b": "«/»", "..": "«..»", "x\ty": "control", "": "vacío", "\u3000": "vacío",
           "ñ" * 65: "máximo 64 caracteres"}
    for name, why in bad.items():
        r = s.pmm("edition", "add", name)
        eq(r.returncode, 1, "edition add %r\n%s" % (name, r.stdout + r.stderr))
        contains(r.stderr, "no sirve como nombre de edición")
        contains(r.stderr, why)
    acc = s.write("a.csv", ACTION_HEADER + "\n" + ROW + "\n")
    r = s.pmm("import", "--edition", "2024@r1", acc)
    eq(r.returncode, 1, "import --edition 2024@r1\n" + r.stdout + r.stderr)
    contains(r.stderr, "«@»")
    for good in ["2024", "2024-bis", "Edición 2025 (ñ)", "ñ" * 64]:
        s.pmm("edition", "add", good, check=0)
    con = sqlite3.connect(s.db)
    eq(sorted(n for (n,) in con.execute("SELECT name FROM edition")),
       sorted(["2024", "2024-bis", "Edición 2025 (ñ)", "ñ" * 64]), "editions")
    con.close()
    # the edition whose publication the '@' name blocked
    s.pmm("import", "--edition", "2024", acc, check=0)
    s.pmm("edition", "set", "2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
    s.close()


check("fault 16: edition names: '@', spaces at either end, / \\ .., control, empty, over 64 "
      "characters refused by edition add and import", edition_names)

def demo_keeps_later_work():
    """fault 14: pmm demo on its own demo after real work in it."""
    fix = ROW.replace("2024-0003", "2025-0001")
    for what, steps in [
            ("an import", [("import", "--edition", "2025", "a.csv", "--status", "enviada")]),
            ("a correction of the published edition",
             [("edition", "reopen", "2024"), ("import", "--edition", "2024", "a.csv")]),
            ("a publication", [("edition", "set", "2025", "--estado", "en_revision")])]:
        s = Scratch()
        s.write("a.csv", ACTION_HEADER + "\n" + fix + "\n")
        s.pmm("demo", check=0)
        r = s.pmm("demo", check=0)           # untouched: loading it again is fine
        contains(r.stdout, "379 acciones y 326 retos")
        for step in steps:
            s.pmm(*step, check=0)
        before = s.dump()
        r = s.pmm("demo")
        eq(r.returncode, 1, "demo after %s\n%s" % (what, r.stdout + r.stderr))
        contains(r.stderr, "cambios hechos después de cargar la demostración")
        contains(r.stderr, "No se escribió nada")
        eq(s.dump() == before, True, "database unchanged after " + what)
        s.close()


check("fault 14: pmm demo refuses its own demo holding later work (import, correction, state change)",
      demo_keeps_later_work)

def import_audited():
    """fault 15: an import writes an audit entry for every action it
    creates or replaces, so that pmm check holds after it."""
    s = Scratch()
    s.pmm("init", check=0)
    acc = s.write("a.csv", ACTION_HEADER + "\n" + ROW + "\n" + ROW.replace("0003", "0004") + "\n")
    ret = s.write("r.csv", "folio,reto,categoria\n2024-0003,Un reto,\n")
    s.pmm("import", "--edition", "2024", acc, "--retos", ret, check=0)
    con = sqlite3.connect(s.db)
    # what the web writes when a coordinator validates 2024-0003 (the web
    # stamps seconds: this entry stands for one made in the same second as
    # the import that follows, which the check used to report)
    con.execute("INSERT INTO audit_log(user_id, at, action_id, what, before, after)"
                " SELECT NULL, '2999-01-01T00:00:00Z', id, 'validar', NULL,"
                " json_object('situacion', 'validada') FROM action WHERE folio = '2024-0003'")
    con.commit()
    s.pmm("import", "--edition", "2024", acc, "--status", "enviada", check=0)
    r = s.pmm("check")
    eq(r.returncode, 0, "pmm check after the import\n" + r.stdout + r.stderr)
    rows = con.execute("SELECT a.folio, l.user_id, l.what, json_extract(l.before, '$.situacion'),"
                       " json_extract(l.after, '$.situacion'), json_extract(l.after, '$.archivo')"
                       " FROM audit_log l JOIN action a ON a.id = l.action_id"
                       " WHERE l.what <> 'validar' ORDER BY l.id").fetchall()
    eq(rows, [("2024-0003", None, "importación", None, "validada", acc),
              ("2024-0004", None, "importación", None, "validada", acc),
              ("2024-0003", None, "reemplazo por importación", "validada", "enviada", acc),
              ("2024-0004", None, "reemplazo por importación", "validada", "enviada", acc)],
       "audit entries of the imports")
    # the challenges alone replaced (an acciones file of another action)
    other = s.write("b.csv", ACTION_HEADER + "\n" + ROW.replace("0003", "0005") + "\n")
    ret2 = s.write("r2.csv", "folio,reto,categoria\n2024-0003,Otro reto,\n")
    s.pmm("import", "--edition", "2024", other, "--retos", ret2, "--status", "enviada", check=0)
    eq(con.execute("SELECT count(*) FROM audit_log WHERE what = 'retos reemplazados por importación'")
       .fetchone()[0], 1, "challenges replaced audited")
    # a refused import writes none: the entries are in its transaction
    n = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    bad = s.write("c.csv", ACTION_HEADER + "\n" + ROW.replace("0003", "0006") + "\n"
                  + ROW.replace("0003", "0007").replace(",7,", ",99,") + "\n")
    eq(s.pmm("import", "--edition", "2024", bad).returncode, 1, "bad import refused")
    eq(con.execute("SELECT count(*) FROM audit_log").fetchone()[0], n, "no entry from a refused import")
    con.close()
    s.pmm("check", check=0)
    s.close()


check("fault 15: imports write audit entries in their transaction; pmm check passes after "
      "import --status enviada over a validated action", import_audited)

def export_csv(s, edition):
    out = s.path("export-%s.csv" % edition)
    s.pmm("export", "--edition", edition, "--format", "csv", "-o", out, check=0)
    with open(out, encoding="utf-8-sig") as f:
        return f.read()


def export_objectives(s, fmt):
    if fmt == "json":
        r = s.pmm("export", "--edition", "2024", "--format", fmt, check=0)
        return {a["folio"]: a["objetivos"] for a in json.loads(r.stdout)["acciones"]}
    lines = export_csv(s, "2024").splitlines()
    col = lines[0].split(",").index("objetivos")
    key = lines[0].split(",").index("folio")       # issue 14: after edicion
    return {l.split(",")[key]: l.split(",")[col] for l in lines[1:]}


def objectives_keep_their_order():
    """fault 20: secondary objectives came back in numeric order."""
    s = Scratch()
    s.pmm("init", check=0)
    acc = s.write("a.csv", ACTION_HEADER + "\n" + ROW.replace(",7,", ",15;9;4,") + "\n"
                  + ROW.replace("0003", "0004").replace(",7,", ",\"4, 23; 1\",") + "\n")
    s.pmm("import", "--edition", "2024", acc, check=0)
    eq(export_objectives(s, "csv"), {"2024-0003": "15;9;4", "2024-0004": "4;23;1"}, "CSV export")
    eq(export_objectives(s, "json"), {"2024-0003": [15, 9, 4], "2024-0004": [4, 23, 1]}, "JSON export")
    # the replacing path (an import over the same folios) keeps it too
    s.pmm("import", "--edition", "2024", s.write("b.csv", ACTION_HEADER + "\n"
          + ROW.replace(",7,", ",9;15;2,") + "\n"), check=0)
    eq(export_objectives(s, "csv")["2024-0003"], "9;15;2", "after a replacement")
    # the export imports back the same
    # (issue 14: into another edition without the edicion column, which says 2024)
    s.write("copia.csv", "\n".join(l.split(",", 1)[1] for l in export_csv(s, "2024").splitlines()) + "\n")
    s.pmm("import", "--edition", "copia", s.path("copia.csv"), check=0)
    contains(export_csv(s, "copia"), "9;15;2")
    # a database of schema 8: the principal first, the others by number
    downgrade(s.db, 8)
    eq(export_objectives(s, "csv"), {"2024-0003": "9;2;15", "2024-0004": "4;1;23"}, "migrated")
    s.pmm("check", check=0)
    # pmm check tells an order that is none
    con = sqlite3.connect(s.db)
    con.execute("UPDATE action_objective SET position = 0 WHERE objective = 15")
    con.commit()
    con.close()
    r = s.pmm("check")
    eq(r.returncode, 1, "check of a broken order\n" + r.stdout)
    contains(r.stderr + r.stdout, "acción cuyos objetivos no tienen un orden")
    s.close()


check("fault 20: objectives keep the order they were written in (import, replace, export, migration 9)",
      objectives_keep_their_order)

def refused_rows(s, rows, *extra):
    """Imports ROWS (CSV lines) into a new edition; they must all be refused."""
    acc = s.write("x.csv", ACTION_HEADER + "\n" + "\n".join(rows) + "\n")
    r = s.pmm("import", "--edition", "x", acc, *extra)
    eq(r.returncode, 1, "exit\n" + r.stdout + r.stderr)
    return r.stderr


def unicode_spaces_are_empty():
    """fault 18a: a name of Unicode spaces only was accepted."""
    s = Scratch()
    s.pmm("init", check=0)
    for sp in ["\u00a0", "\u2003", "\u3000", "\u00a0\u2003 \u3000"]:
        err = refused_rows(s, [ROW.replace("Trabajo real", sp)])
        contains(err, "columna «nombre»: falta el valor (es obligatorio)")
    # and a JSON, which no CSV trimming touches
    doc = {"schema": "pmm-export/1", "acciones": [{"folio": "J-1", "institucion": "INM",
           "objetivos": [7], "nombre": "\u3000\u2003"}]}
    r = s.pmm("import", "--edition", "x", s.write("x.json", json.dumps(doc)))
    eq(r.returncode, 1, "json exit\n" + r.stderr)
    contains(r.stderr, "falta el valor (es obligatorio)")
    # spaces around a name are trimmed, the name kept
    s.pmm("import", "--edition", "y", s.write("y.csv", ACTION_HEADER + "\n"
          + ROW.replace("Trabajo real", "\u3000Trabajo real\u2003") + "\n"), check=0)
    con = sqlite3.connect(s.db)
    eq(con.execute("SELECT name FROM action").fetchall(), [("Trabajo real",)], "trimmed name")
    con.close()
    s.close()


def json_types():
    """fault 18b: the JSON reader took "7" for 7 and "si" for true."""
    s = Scratch()
    s.pmm("init", check=0)
    good = {"folio": "J-1", "institucion": "INM", "objetivos": [7, 15], "nombre": "N",
            "enfoque_genero": True, "discapacidad": None, "beneficiarios": 10}
    for key, val, want in [("objetivos", ["7"], "una lista de números del 1 al 23"),
                           ("objetivos", "7", "una lista de números del 1 al 23"),
                           ("beneficiarios", "10", "un número entero o null"),
                           ("enfoque_genero", "si", "true, false o null"),
                           ("discapacidad", "No", "true, false o null"),
                           ("discapacidad", 1, "true, false o null"),
                           ("nombre", 5, "un texto o null")]:
        doc = {"schema": "pmm-export/1", "acciones": [good, dict(good, folio="J-2", **{key: val})]}
        r = s.pmm("import", "--edition", "x", s.write("x.json", json.dumps(doc)))
        eq(r.returncode, 1, "%s=%r\n%s" % (key, val, r.stderr))
        contains(r.stderr, "x.json:2:")              # the action's index
        contains(r.stderr, "«%s»: el valor JSON no es del tipo esperado (%s)" % (key, want))
    doc = {"schema": "pmm-export/1", "acciones": [good]}
    s.pmm("import", "--edition", "x", s.write("x.json", json.dumps(doc)), check=0)
    s.close()


def limits_count_characters():
    """fault 18c: limits counted bytes while the messages said characters."""
    s = Scratch()
    s.pmm("init", check=0)
    # 1 000 characters of two bytes each, a folio of 64 of three bytes
    s.pmm("import", "--edition", "x", s.write("a.csv", ACTION_HEADER + "\n" + ROW.replace(
        "Trabajo real", "ñ" * 1000).replace("2024-0003", "€" * 64) + "\n"), check=0)
    err = refused_rows(s, [ROW.replace("Trabajo real", "ñ" * 1001)])
    contains(err, "el texto es demasiado largo (máximo 1000 caracteres)")
    err = refused_rows(s, [ROW.replace("2024-0003", "€" * 65)])
    contains(err, "columna «folio»")
    s.close()


def yes_no_answers():
    """fault 18d: Sí/No columns took x, yes, true, y, s; the docs say Sí/No."""
    s = Scratch()
    s.pmm("init", check=0)
    for v in ["x", "X", "yes", "true", "y", "s", "n", "verdadero", "falso", "false"]:
        err = refused_rows(s, [ROW.replace(",Sí,No,", ",%s,No," % v)])
        contains(err, "columna «enfoque_genero», valor «%s»: debe ser «Sí» o «No»" % v)
    rows = [ROW.replace("0003", str(i)).replace(",Sí,No,", ",%s,%s," % yn)
            for i, yn in enumerate([("Sí", "No"), ("si", "no"), ("SI", "NO"), ("sí", "nO"),
                                    ("1", "0"), ("", "")])]
    s.pmm("import", "--edition", "y", s.write("y.csv", ACTION_HEADER + "\n" + "\n".join(rows) + "\n"),
          check=0)
    con = sqlite3.connect(s.db)
    eq(con.execute("SELECT gender_focus, disability FROM action ORDER BY folio").fetchall(),
       [(1, 0)] * 5 + [(None, None)], "answers")
    con.close()
    s.close()


def one_folio_message():
    """fault 18e: one message for a folio another action holds."""
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("import", "--edition", "2024", s.write("a.csv", ACTION_HEADER + "\n" + ROW + "\n"), check=0)
    err = s.pmm("import", "--edition", "2024", s.write("b.csv", ACTION_HEADER + "\n"
                + ROW.replace(",INM,", ",SRE,") + "\n")).stderr
    contains(err, "el folio «2024-0003» ya es de otra acción de esta edición (de INM): cada acción "
                  "lleva su propio folio; use otro")
    s.close()


check("fault 18a: names of Unicode spaces only are empty (CSV, JSON)", unicode_spaces_are_empty)
check("fault 18b: a JSON import requires JSON types, named by action and key", json_types)
check("fault 18c: limits count characters, not bytes", limits_count_characters)
check("fault 18d: Sí/No columns take Sí/No (any case, accent or not), 1/0, empty; x/yes/true refused",
      yes_no_answers)
check("fault 18e: one message for a folio another action holds", one_folio_message)

def xlsx_hidden_and_error_cells():
    """fault 18f: hidden columns and rows of height 0 were not warned;
    cells holding error values (#REF!, #N/A) were imported as text."""
    s = Scratch()
    s.pmm("init", check=0)
    head = ["folio", "institucion", "objetivos", "nombre", "resultados"]
    data = [head, ["M-1", "INM", "7", "Visible", "r"], ["M-2", "INM", "7", "Baja", "r"],
            ["M-3", "INM", "7", "Tres", "r"]]
    sheet = xlsxmini.sheet_xml(data, {}, inline=True)
    sheet = sheet.replace('<row r="3">', '<row r="3" ht="0" customHeight="1">')
    sheet = sheet.replace("<sheetData>", '<cols><col min="5" max="5" width="9" hidden="1"/></cols><sheetData>')
    p = xlsxmini.write(s.path("h.xlsx"), [("Acciones", data)], inline=True,
                       override={"xl/worksheets/sheet1.xml": sheet})
    r = s.pmm("import", "--edition", "2024", p, check=0)
    contains(r.stderr, "h.xlsx[Acciones]:3: aviso: la fila está oculta en el libro")
    contains(r.stderr, "h.xlsx[Acciones]: aviso: la columna E «resultados» está oculta en el libro")
    eq("[Acciones]:2:" in r.stderr or "[Acciones]:4:" in r.stderr, False, "plain rows give no warning")
    for err in ["#REF!", "#N/A", "#VALUE!"]:
        bad = [head, ["M-1", "INM", "7", xlsxmini.Raw('<c r="@" t="e"><v>%s</v></c>' % err), "r"]]
        p = xlsxmini.write(s.path("e.xlsx"), [("Acciones", bad)])
        before = s.dump()
        r = s.pmm("import", "--edition", "2024", p)
        eq(r.returncode, 1, "error cell %s\n%s" % (err, r.stderr))
        contains(r.stderr, "e.xlsx[Acciones]:2: columna D «nombre», valor «%s»: la celda tiene un valor "
                           "de error de Excel" % err)
        eq(s.dump() == before, True, "nothing written")
    s.close()


check("fault 18f: XLSX hidden columns and rows of height 0 warned, error cells refused",
      xlsx_hidden_and_error_cells)

def compendio_reads_the_action():
    """fault 19: the Compendio read its own row struct (CompAction), whose
    objectives came in no order; it now reads the Action: objectives as
    written, challenges in the order they were written."""
    s = Scratch()
    s.pmm("init", check=0)
    acc = s.write("a.csv", ACTION_HEADER + "\n" + ROW.replace(",7,", ",15;9;4,") + "\n")
    ret = s.write("r.csv", "folio,reto,categoria\n2024-0003,Zeta primero,\n2024-0003,Alfa después,\n")
    s.pmm("import", "--edition", "2024", acc, "--retos", ret, check=0)
    s.pmm("compendio", "--edition", "2024", "--format", "html", "-o", "c.html", check=0)
    html = open(s.path("c.html"), encoding="utf-8").read()
    # issue 12 (H12B, N5): in increasing order, the principal (the first written) named
    eq(html.count("Objetivos 4, 9 y 15 (principal: 15)."), 3, "the action under each of its 3 objectives")
    eq(html.index("Zeta primero") < html.index("Alfa después"), True, "challenges in written order")
    s.close()


check("fault 19: the Compendio reads the Action (objectives and challenges in written order)",
      compendio_reads_the_action)
done()
