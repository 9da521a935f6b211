"""issue 10, the faults a hostile tester found on the CLI, import and
store side (helper REC2). Each check names its fault (rows 29- of the
table in docs/reliability.md) and fails on the code before its fix."""
import json
import sqlite3
import subprocess
from pmmtest import Scratch, ACTION_HEADER, PMM, check, eq, contains, done
import xlsxmini

ROW = "C1,INM,3,Nombre,Descripción,Capacitación,extranjeros,Sí,No,10,Resultado"


def fresh(*rows, retos=None, edition="2025", status=None):
    """A database with edition EDITION holding ROWS (and RETOS)."""
    s = Scratch()
    s.pmm("init", check=0)
    args = ["import", "--edition", edition, s.write("a.csv", ACTION_HEADER + "\n" + "\n".join(rows) + "\n")]
    if retos is not None:
        args += ["--retos", s.write("ar.csv", "folio,reto,categoria\n" + retos)]
    if status:
        args += ["--status", status]
    s.pmm(*args, check=0)
    return s


def published_classification_kept():
    """fault 1: a catalog edit (an institution's reporter type and state)
    changed the figures of a published revision."""
    s = Scratch()
    s.pmm("init", check=0)
    acc = s.write("a.csv", "folio,institucion,objetivos,nombre\nC1,INM,3,uno\nC2,SRE,4,dos\n")
    s.pmm("import", "--edition", "2024", acc, check=0)
    s.pmm("edition", "set", "2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
    r1 = s.figures("2024", "--revision", "1")
    html = s.pmm("report", "--edition", "2024", "--revision", "1", "--format", "html", check=0).stdout
    eq(r1["by_reporter_type"]["APF"], 2, "APF before")
    # what the administrator's page /admin/catalogos/instituciones/N writes
    con = sqlite3.connect(s.db)
    con.execute("UPDATE institution SET type = 'OSC', state = '09' WHERE acronym = 'INM'")
    con.commit()
    con.close()
    eq(s.figures("2024", "--revision", "1"), r1, "revision 1's figures after the catalog edit")
    eq(s.pmm("report", "--edition", "2024", "--revision", "1", "--format", "html", check=0).stdout, html,
       "revision 1's Informe after the catalog edit")
    # the live edition, opened for corrections, reads the catalog as it is
    s.pmm("edition", "reopen", "2024", check=0)
    live = s.figures("2024")
    eq((live["by_reporter_type"]["APF"], live["by_reporter_type"]["OSC"]), (1, 1),
       "the live edition's figures")
    # revision 2 keeps the new classification, revision 1 the old
    s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
    con = sqlite3.connect(s.db)
    con.execute("UPDATE institution SET type = 'APF', state = NULL WHERE acronym = 'INM'")
    con.commit()
    con.close()
    eq(s.figures("2024", "--revision", "2")["by_reporter_type"]["OSC"], 1, "revision 2 after another edit")
    eq(s.figures("2024", "--revision", "1"), r1, "revision 1 after another edit")
    s.pmm("check", check=0)
    s.close()


check("fault 1: a published revision keeps the reporter type and state its institutions had "
      "(catalog edits change only the live edition)", published_classification_kept)


def challenges_only_bump_version():
    """fault 2: a retos file naming an action the acciones file does not
    hold replaced its challenges without bumping its version."""
    s = fresh(ROW, retos="C1,Reto viejo,\n")
    (v0,) = s.query("SELECT version FROM action WHERE folio = 'C1'")[0]
    other = s.write("o1.csv", ACTION_HEADER + "\n" + ROW.replace("C1", "OTHER") + "\n")
    ret = s.write("o1r.csv", "folio,reto\nC1,Reto nuevo del archivo\n")
    s.pmm("import", "--edition", "2025", other, "--retos", ret, check=0)
    eq(s.query("SELECT c.text FROM challenge c JOIN action a ON a.id = c.action_id WHERE a.folio = 'C1'"),
       [("Reto nuevo del archivo",)], "the challenges replaced")
    (v1,) = s.query("SELECT version FROM action WHERE folio = 'C1'")[0]
    eq(v1, v0 + 1, "version of C1 after its challenges were replaced")
    (after,) = s.query("SELECT json_extract(after, '$.version') FROM audit_log l JOIN action a"
                        " ON a.id = l.action_id WHERE a.folio = 'C1' ORDER BY l.id DESC LIMIT 1")[0]
    eq(after, v1, "the audit entry's version")
    s.pmm("check", check=0)
    s.close()


check("fault 2: replacing only an action's challenges by import bumps its version", challenges_only_bump_version)


def extra_cells_refused():
    """fault 3: a row with more cells than the header lost the last ones."""
    s = Scratch()
    s.pmm("init", check=0)
    six = "folio,institucion,objetivos,nombre,descripcion,resultados"
    cases = [
        ("a.csv", six + "\nC1,INM,3,nombre,texto a,texto b,resultado\n", None, ":2:", "7 celdas y el encabezado 6"),
        ("b.csv", six.replace(",", ";") + "\nC1;INM;3;nombre;texto a;texto b;resultado\n", None, ":2:",
         "7 celdas y el encabezado 6"),
        ("c.csv", ACTION_HEADER + "\n" + ROW + "\n", "folio,reto,categoria\nC1,un reto,,de más\n", "r.csv:2:",
         "4 celdas y el encabezado 3"),
        ("d.csv", six.replace("descripcion,", ",") + "\nC1,INM,3,nombre,perdido,texto b\n", None, ":2:",
         "columna E tiene un valor, pero la columna no tiene encabezado"),
    ]
    for name, text, retos, where, msg in cases:
        args = ["import", "--edition", "2025", s.write(name, text)]
        if retos:
            args += ["--retos", s.write("r.csv", retos)]
        r = s.pmm(*args)
        eq(r.returncode, 1, name + " refused\n" + r.stdout + r.stderr)
        contains(r.stderr, where)
        contains(r.stderr, msg)
        eq(s.query("SELECT count(*) FROM action"), [(0,)], "nothing written by " + name)
    # trailing empty cells (as Excel writes them) are fine
    ok = s.write("e.csv", six + ",,\nC1,INM,3,nombre,texto a,texto b,,\nC2,INM,3,otro,x,y\n")
    s.pmm("import", "--edition", "2025", ok, check=0)
    eq(s.query("SELECT folio, description, results FROM action ORDER BY folio"),
       [("C1", "texto a", "texto b"), ("C2", "x", "y")], "rows with trailing empty cells")
    s.close()


check("fault 3: a CSV row (, or ;, acciones or retos) with more cells than its header is refused "
      "with file and line; trailing empty cells are not", extra_cells_refused)


def beneficiaries_grouping():
    """fault 4: commas were deleted wherever they stood: 2,5 -> 25."""
    s = Scratch()
    s.pmm("init", check=0)
    bad = ["2,5", "1,50", "1,,500", "1,000,00", ",5", "1,5000", "1, 500", "12345,678", "1.500", "1,500,",
           "2 5"]
    for v in bad:
        row = ROW.replace(",10,", ',"%s",' % v)
        r = s.pmm("import", "--edition", "2025", s.write("b.csv", ACTION_HEADER + "\n" + row + "\n"))
        eq(r.returncode, 1, "%r refused\n%s" % (v, r.stdout + r.stderr))
        contains(r.stderr, "grupos de tres cifras")
    good = {"1,500": 1500, "1,500,000": 1500000, "1 500": 1500, "999": 999, "12345": 12345, "1,500.0": 1500,
            "0": 0}
    rows = [ROW.replace("C1", "G%d" % i).replace(",10,", ',"%s",' % v) for i, v in enumerate(good)]
    s.pmm("import", "--edition", "2025", s.write("g.csv", ACTION_HEADER + "\n" + "\n".join(rows) + "\n"),
          check=0)
    got = dict(s.query("SELECT folio, beneficiaries FROM action"))
    eq(got, {"G%d" % i: n for i, n in enumerate(good.values())}, "beneficiaries read")
    s.close()


check("fault 4: beneficiaries take only thousands grouped by three (1,500 / 1 500); 2,5 and 1,,500 refused",
      beneficiaries_grouping)

def published_settings_frozen():
    """fault 5: --period and --preambulo rewrote a published Informe."""
    s = fresh(ROW, edition="2024")
    first = s.write("first.txt", "Un preámbulo inicial.\n")
    # set with the publication, the period and preamble are the revision's
    s.pmm("edition", "set", "2024", "--period", "2024-01:2024-12", "--preambulo", first, "--estado", "publicada",
          check=0)
    contains(s.pmm("report", "--edition", "2024", "--revision", "1", "--format", "html", check=0).stdout,
             "Un preámbulo inicial.", "revision 1's Informe")
    before = s.dump()
    pre = s.write("pre.txt", "Un preámbulo nuevo.\n")
    for args in [("--period", "2023-01:2023-12"), ("--preambulo", pre), ("--preambulo-default",),
                 ("--deadline", "2025-01-31")]:
        r = s.pmm("edition", "set", "2024", *args)
        eq(r.returncode, 1, "%s on a published edition\n%s" % (args[0], r.stdout + r.stderr))
        contains(r.stderr, "La edición está publicada")
        eq(s.dump() == before, True, "nothing written by " + args[0])
    # opened for corrections, it changes; published again, it is revision 2
    s.pmm("edition", "reopen", "2024", check=0)
    s.pmm("edition", "set", "2024", "--period", "2023-01:2023-12", "--preambulo", pre, check=0)
    s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
    eq(s.figures("2024", "--revision", "1")["period"], {"start": "2024-01", "end": "2024-12"}, "revision 1")
    eq(s.figures("2024", "--revision", "2")["period"], {"start": "2023-01", "end": "2023-12"}, "revision 2")
    s.close()


check("fault 5: edition set --period/--deadline/--preambulo refused while the edition is published",
      published_settings_frozen)

def folios_normalised():
    """fault 6: «CAFé» typed with é and with e + U+0301 made two actions."""
    nfc, nfd = "CAF\u00e9", "CAFe\u0301"
    s = Scratch()
    s.pmm("init", check=0)
    both = s.write("b.csv", ACTION_HEADER + "\n" + ROW.replace("C1", nfc) + "\n" + ROW.replace("C1", nfd) + "\n")
    r = s.pmm("import", "--edition", "2025", both)
    eq(r.returncode, 1, "one file, the folio both ways\n" + r.stdout + r.stderr)
    contains(r.stderr, "folio repetido")
    s.pmm("import", "--edition", "2025", s.write("c.csv", ACTION_HEADER + "\n" + ROW.replace("C1", nfc) + "\n"),
          check=0)
    r = s.pmm("import", "--edition", "2025", s.write("d.csv", ACTION_HEADER + "\n" + ROW.replace("C1", nfd) + "\n"),
              "--retos", s.write("dr.csv", "folio,reto\n%s,Un reto\n" % nfd), check=0)
    contains(r.stdout, "0 nuevas, 1 reemplazada)")
    eq(s.query("SELECT folio, (SELECT count(*) FROM challenge WHERE action_id = action.id) FROM action"),
       [(nfc, 1)], "one action, its folio in NFC, with its challenge")
    for bad in ["C1\u200b", "C\u00ad1", "\u2060C1"]:
        r = s.pmm("import", "--edition", "2025", s.write("e.csv", ACTION_HEADER + "\n" + ROW.replace("C1", bad) + "\n"))
        eq(r.returncode, 1, "folio %r refused\n%s" % (bad, r.stdout + r.stderr))
        contains(r.stderr, "carácter invisible")
    s.close()


check("fault 6: folios are stored in NFC (one action however typed); invisible characters refused",
      folios_normalised)


def edition_names_alike():
    """fault 7: edition names that look identical were two editions."""
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "add", "2025", check=0)
    s.pmm("edition", "add", "Edici\u00f3n", check=0)
    for name, msg in [("\uff12\uff10\uff12\uff15", "ya existe una edición «2025»"),
                      ("EDICI\u00d3N", "ya existe una edición «Edición»"),
                      ("2025", "la edición «2025» ya existe"),
                      ("20\u200b25", "carácter invisible"), ("20\u00ad25", "carácter invisible"),
                      ("Edicio\u0301n", "forma NFD"), ("\u3164", "vacío"), ("\u2800\u2060", "vacío")]:
        cmds = [("edition", "add", name), ("edition", "new", name)]
        if name != "2025":         # an import into an edition there is, is one
            cmds.append(("import", "--edition", name, s.write("a.csv", ACTION_HEADER + "\n" + ROW + "\n")))
        for cmd in cmds:
            r = s.pmm(*cmd)
            eq(r.returncode != 0, True, "%s %r refused\n%s" % (cmd[0], name, r.stdout + r.stderr))
            contains(r.stderr, msg)
    eq(sorted(n for (n,) in s.query("SELECT name FROM edition")), ["2025", "Edici\u00f3n"], "editions")
    s.close()


check("fault 7: edition names: full-width digits, case, NFD, zero-width and soft hyphen, invisible-only "
      "names refused (edition add/new, import)", edition_names_alike)

def xlsx_escapes():
    """fault 8: _xHHHH_ (ECMA-376) was neither decoded on import nor
    escaped on export."""
    s = Scratch()
    s.pmm("init", check=0)
    # a workbook as Excel writes one: a carriage return (stored as a line
    # end, as every entry point stores them) and a "_x" escaped
    for inline in (False, True):
        book = xlsxmini.write(s.path("e.xlsx"), [("Acciones", [
            ["folio", "institucion", "objetivos", "nombre", "descripcion"],
            ["X1", "INM", "3", "uno_x000D_dos", "a _x005F_x0041_ b _xD83D__xDE00_ _x0000_ _xZZZZ_"]])],
            inline=inline)
        s.pmm("import", "--edition", "2025", book, check=0)
        eq(s.query("SELECT name, description FROM action WHERE folio = 'X1'"),
           [("uno\ndos", "a _x0041_ b \U0001F600 _x0000_ _xZZZZ_")], "decoded (inline=%s)" % inline)
    # a text that holds escapes literally goes out and back unchanged
    name = "código _x0041_ y _x000D_ fin"
    desc = "_x005F_ y _X0041_ y _x12_ y \u00f1"
    row = "L1,INM,3,%s,%s" % (name, desc)
    s.pmm("import", "--edition", "2026", s.write("l.csv", "folio,institucion,objetivos,nombre,descripcion\n" + row + "\n"),
          "--retos", s.write("lr.csv", "folio,reto\nL1,reto _x0041_\n"), check=0)
    out = s.path("l.xlsx")
    s.pmm("export", "--edition", "2026", "--format", "xlsx", "-o", out, check=0)
    s.pmm("import", "--edition", "2027", out, check=0)
    eq(s.query("SELECT a.name, a.description, c.text FROM action a JOIN edition e ON e.id = a.edition_id"
                " JOIN challenge c ON c.action_id = a.id WHERE e.name = '2027'"),
       [(name, desc, "reto _x0041_")], "the round trip through xlsx")
    s.close()


check("fault 8: xlsx _xHHHH_ escapes decoded on import (shared and inline strings) and a literal one "
      "escaped on export: export -> import gives the same text", xlsx_escapes)

def json_without_retos_keeps_them():
    """fault 9a: a JSON action without "retos" lost its challenges."""
    s = fresh(ROW, ROW.replace("C1", "C2"), retos="C1,Reto uno,\nC2,Reto dos,\n")
    acts = [{"folio": "C1", "institucion": "INM", "objetivos": [3], "nombre": "Otro nombre"},
            {"folio": "C2", "institucion": "INM", "objetivos": [3], "nombre": "Dos", "retos": []}]
    s.write("j.json", json.dumps({"schema": "pmm-export/1", "acciones": acts}))
    s.pmm("import", "--edition", "2025", s.path("j.json"), check=0)
    eq(s.query("SELECT a.folio, a.name, count(c.id) FROM action a LEFT JOIN challenge c ON c.action_id = a.id"
                " GROUP BY a.id ORDER BY a.folio"), [("C1", "Otro nombre", 1), ("C2", "Dos", 0)],
       "C1 keeps its challenge, C2's [] clears")
    s.close()


check("fault 9: a JSON action without \"retos\" keeps its challenges; \"retos\": [] clears them",
      json_without_retos_keeps_them)


def xlsx_unread_cells_and_sheets():
    """fault 9b, c: a value under no header was dropped, a sheet «Retos (2)»
    ignored, both in silence."""
    s = Scratch()
    s.pmm("init", check=0)
    head = ["folio", "institucion", "objetivos", "nombre"]
    book = xlsxmini.write(s.path("h.xlsx"), [("Acciones", [head, ["X1", "INM", "3", "uno", None, "perdido"]])])
    r = s.pmm("import", "--edition", "2025", book)
    eq(r.returncode, 1, "a value in a column with no header\n" + r.stdout + r.stderr)
    contains(r.stderr, "h.xlsx[Acciones]:2")
    contains(r.stderr, "6 celdas y el encabezado 4")
    book = xlsxmini.write(s.path("g.xlsx"), [("Acciones", [head + ["", "descripcion"], ["X1", "INM", "3", "uno", "perdido", "d"]])])
    r = s.pmm("import", "--edition", "2025", book)
    eq(r.returncode, 1, "a value under an empty header cell\n" + r.stdout + r.stderr)
    contains(r.stderr, "g.xlsx[Acciones]:2")
    contains(r.stderr, "columna E tiene un valor, pero la columna no tiene encabezado")
    book = xlsxmini.write(s.path("r.xlsx"), [("Acciones", [head, ["X1", "INM", "3", "uno"]]),
                                             ("Retos (2)", [["folio", "reto"], ["X1", "un reto"]])])
    # REC3 (round 2, b): a sheet not read that holds data is refused; an empty one is warned of (REC4)
    r = s.pmm("import", "--edition", "2025", book, check=1)
    contains(r.stderr, "la hoja «Retos (2)» tiene datos")
    book = xlsxmini.write(s.path("r2.xlsx"), [("Acciones", [head, ["X1", "INM", "3", "uno"]]),
                                              ("Retos (2)", [])])
    r = s.pmm("import", "--edition", "2025", book, check=0)
    contains(r.stderr, "no se lee la hoja «Retos (2)»")
    s.close()


check("fault 9: xlsx: a value in a column with no header refused (sheet, row, column); a sheet that is "
      "not read («Retos (2)») is refused with data, warned about without", xlsx_unread_cells_and_sheets)


def yes_no_signs_refused():
    """fault 9d: «+1» and «-0» were read as Sí and No."""
    s = Scratch()
    s.pmm("init", check=0)
    for v in ["+1", "-0", "Sí.", "¡Sí!", "1.0"]:
        row = ROW.replace(",Sí,", ",%s," % v)
        r = s.pmm("import", "--edition", "2025", s.write("y.csv", ACTION_HEADER + "\n" + row + "\n"))
        eq(r.returncode, 1, "%r refused\n%s" % (v, r.stdout + r.stderr))
        contains(r.stderr, "debe ser «Sí» o «No»")
    s.pmm("import", "--edition", "2025", s.write("y.csv", ACTION_HEADER + "\n" + ROW.replace(",Sí,", ",SI,") + "\n"),
          check=0)
    s.close()


check("fault 9: Sí/No refuses +1, -0 and punctuation", yes_no_signs_refused)


def invisible_names_blank():
    """fault 9e: a name made only of characters that show as nothing."""
    s = Scratch()
    s.pmm("init", check=0)
    for v in ["\u0085", "\u200b", "\u2060", "\u3164", "\u2800", "\u200b\u00a0\u2060"]:
        row = ROW.replace(",Nombre,", ',"%s",' % v)
        r = s.pmm("import", "--edition", "2025", s.write("n.csv", ACTION_HEADER + "\n" + row + "\n"))
        eq(r.returncode, 1, "name %r refused\n%s" % (v, r.stdout + r.stderr))
        contains(r.stderr, "falta el valor")
    s.close()


check("fault 9: a name of U+0085, U+200B, U+2060, U+3164 or U+2800 only is blank", invisible_names_blank)


def other_edition_warned():
    """fault 9f: a workbook or export made for 2025 went into 2026 silently."""
    s = fresh(ROW)
    tpl, exp, js = s.path("t.xlsx"), s.path("e.xlsx"), s.path("e.json")
    s.pmm("template", "--edition", "2025", "-o", tpl, check=0)
    s.pmm("export", "--edition", "2025", "--format", "xlsx", "-o", exp, check=0)
    s.pmm("export", "--edition", "2025", "--format", "json", "-o", js, check=0)
    for f in (exp, js):
        r = s.pmm("import", "--edition", "2026", f, check=0)
        contains(r.stderr, "se hizo para la edición «2025» y se importa en la edición «2026»")
        r = s.pmm("import", "--edition", "2025", f, check=0)
        eq("se hizo para la edición" in r.stderr, False, "no warning into its own edition\n" + r.stderr)
    s.close()


check("fault 9: importing a workbook or JSON export made for another edition warns", other_edition_warned)


def passwd_audited():
    """fault 9g: pmm user passwd wrote no audit entry."""
    s = Scratch()
    s.pmm("init", check=0)
    run = lambda *a: subprocess.run([PMM, "--db", s.db, *a], input="una-clave-muy-larga-1\n", text=True,
                                    capture_output=True)
    eq(run("user", "add", "ana", "--role", "coordinador").returncode, 0, "user add")
    n = s.query("SELECT count(*) FROM audit_log")[0][0]
    eq(run("user", "passwd", "ana").returncode, 0, "passwd")
    eq(s.query("SELECT user_id, what FROM audit_log ORDER BY id")[n:],
       [(None, "cuenta ana: contraseña cambiada (pmm user passwd)")], "the audit entry")
    eq(run("user", "passwd", "nadie").returncode, 1, "passwd of no account")
    eq(s.query("SELECT count(*) FROM audit_log")[0][0], n + 1, "no entry for no account")
    s.close()


check("fault 9: pmm user passwd writes an audit entry", passwd_audited)

done()
