"""issue 10, the hostile tester's third round (helper REC4). Each check
names its fault (rows 52 on of docs/reliability.md) and fails on the code
before its fix."""
import json
import sqlite3
from pmmtest import Scratch, check, eq, contains, done
import xlsxmini

GOOD = {"folio": "J-1", "institucion": "INM", "objetivos": [3], "nombre": "uno"}


def query(s, sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def scratch():
    s = Scratch()
    s.pmm("init", check=0)
    return s


def json_top_level_is_checked():
    """1: keys beside «acciones» (holding actions or challenges), an unknown
    or missing schema, an odd «alcance» or «edicion» were ignored."""
    s = scratch()
    base = {"schema": "pmm-export/1", "alcance": "todas",
            "edicion": {"nombre": "2025", "desde": "2025-01-01", "hasta": "2025-12-31", "estado": "abierta"},
            "acciones": [GOOD]}
    cases = [("Acciones", dict(base, Acciones=[dict(GOOD, folio="J-2")]), "«Acciones»: clave desconocida"),
             ("acciones2", dict(base, acciones2=[dict(GOOD, folio="J-2")]), "«acciones2»: clave desconocida"),
             ("retos", dict(base, retos=[{"folio": "J-1", "reto": "R"}]), "«retos»: clave desconocida"),
             ("schema2", dict(base, schema="pmm-export/2"), "«schema» «pmm-export/2» desconocido"),
             ("noschema", {k: v for k, v in base.items() if k != "schema"}, "falta «schema»"),
             ("alcance", dict(base, alcance="algunas"), "«alcance» debe ser"),
             ("edicion", dict(base, edicion={"nombre": "2025", "año": 2025}), "«edicion.año»: campo desconocido"),
             ("edicion2", dict(base, edicion="2025"), "«edicion» debe ser un objeto")]
    for name, doc, msg in cases:
        r = s.pmm("import", "--edition", "2025", s.write(name + ".json", json.dumps(doc)), check=1)
        contains(r.stderr, msg, name)
        eq(query(s, "SELECT count(*) FROM action"), [(0,)], name + ": nothing imported")
    r = s.pmm("import", "--edition", "2025", s.write("ok.json", json.dumps(base)), check=0)
    eq(query(s, "SELECT count(*) FROM action"), [(1,)], "the export's own top level imports")
    s.close()


check("JSON: unknown top-level keys, schema, alcance, edicion refused", json_top_level_is_checked)

def unread_sheet_with_one_row():
    """2: a sheet «Acciones 2» with one complete action row (or «Retos 2»
    with one challenge row) was dropped with a warning."""
    s = scratch()
    head = ["folio", "institucion", "objetivos", "nombre"]
    book = s.path("b.xlsx")
    for sheet, row in [("Acciones 2", ["C2", "INM", "3", "dos"]), ("Retos 2", ["C1", "un reto", ""]),
                       ("Notas", ["una nota"])]:
        xlsxmini.write(book, [("Acciones", [head, ["C1", "INM", "3", "uno"]]), (sheet, [row])])
        r = s.pmm("import", "--edition", "2025", book, check=1)
        contains(r.stderr, "la hoja «%s» tiene datos" % sheet, sheet)
        eq(query(s, "SELECT count(*) FROM action"), [(0,)], sheet + ": nothing imported")
    # pmm's own workbook (Instrucciones, Catálogos hold text) still imports
    s.pmm("import", "--edition", "2025", s.write("a.csv", ",".join(head) + "\nC1,INM,3,uno\n"), check=0)
    out = s.path("e.xlsx")
    s.pmm("export", "--edition", "2025", "--format", "xlsx", "-o", out, check=0)
    r = s.pmm("import", "--edition", "2025", out, check=0)
    eq("tiene datos" in r.stderr, False, "no sheet refused:\n" + r.stderr)
    s.close()


check("xlsx: an unread sheet with a single row of data refused", unread_sheet_with_one_row)

done()
