"""issue 10, the hostile tester's third round (helper REC4). Each check
names its fault (rows 52 on of docs/reliability.md) and fails on the code
before its fix."""
import json
import sqlite3
from pmmtest import Scratch, check, eq, contains, done, downgrade
import xlsxmini

GOOD = {"folio": "J-1", "institucion": "INM", "objetivos": [3], "nombre": "uno"}


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
        eq(s.query("SELECT count(*) FROM action"), [(0,)], name + ": nothing imported")
    r = s.pmm("import", "--edition", "2025", s.write("ok.json", json.dumps(base)), check=0)
    eq(s.query("SELECT count(*) FROM action"), [(1,)], "the export's own top level imports")
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
        eq(s.query("SELECT count(*) FROM action"), [(0,)], sheet + ": nothing imported")
    # pmm's own workbook (Instrucciones, Catálogos hold text) still imports
    s.pmm("import", "--edition", "2025", s.write("a.csv", ",".join(head) + "\nC1,INM,3,uno\n"), check=0)
    out = s.path("e.xlsx")
    s.pmm("export", "--edition", "2025", "--format", "xlsx", "-o", out, check=0)
    r = s.pmm("import", "--edition", "2025", out, check=0)
    eq("tiene datos" in r.stderr, False, "no sheet refused:\n" + r.stderr)
    s.close()


check("xlsx: an unread sheet with a single row of data refused", unread_sheet_with_one_row)

DASHES = ["\u2013", "\u2212", "\u2010", "\u2011", "\u2012", "\u2014", "\ufe63", "\uff0d"]


def dash_lookalikes_are_one_folio():
    """3: «JW–1» (en dash), «JW−1» (minus)... were actions apart from «JW-1»."""
    s = scratch()
    head = "folio,institucion,objetivos,nombre\n"
    s.pmm("import", "--edition", "2025", s.write("a.csv", head + "JW-1,INM,3,uno\n"), check=0)
    for d in DASHES:
        folio = "JW%s1" % d
        s.pmm("import", "--edition", "2025", s.write("b.csv", head + "%s,INM,3,otra %04x\n" % (folio, ord(d))), check=0)
        eq(s.query("SELECT count(*) FROM action"), [(1,)], "U+%04X: the same action replaced" % ord(d))
    # within one file: a repeat
    text = head + "JX-1,INM,3,uno\nJX\u22121,INM,3,dos\n"
    r = s.pmm("import", "--edition", "2025", s.write("c.csv", text), check=1)
    contains(r.stderr, "folio repetido", "the in-file repeat")
    s.close()


def migration_16_recomputes_folio_keys():
    """3: migration 16 computes every folio key again; two actions whose
    folios differ only in a dash stop it, naming both, changing nothing."""
    s = scratch()
    head = "folio,institucion,objetivos,nombre\n"
    s.pmm("import", "--edition", "2025", s.write("a.csv", head + "JW\u20131,INM,3,uno\nOTRO,INM,3,dos\n"), check=0)
    downgrade(s.db, 15)
    con = sqlite3.connect(s.db)   # the keys schema 15 wrote (case folded only)
    con.execute("UPDATE action SET folio_key = 'jw\u20131' WHERE folio = 'JW\u20131'")
    con.execute("UPDATE action SET folio = 'JW-1', folio_key = 'jw-1' WHERE folio = 'OTRO'")
    con.commit()
    con.close()
    r = s.pmm("report", "--edition", "2025", "--format", "json", check=1)
    contains(r.stderr, "migración 16", "the migration named")
    contains(r.stderr, "«JW\u20131»", "the first folio")
    contains(r.stderr, "«JW-1»", "the second folio")
    eq(s.query("PRAGMA user_version"), [(15,)], "nothing changed")
    # the list of folios follows the language too (it was written in SQL, in Spanish)
    r = s.pmm("report", "--lang", "en", "--edition", "2025", "--format", "json", check=1)
    contains(r.stderr, "\"JW\u20131\" (action ", "the first folio, in English")
    contains(r.stderr, "\"JW-1\" (action ", "the second folio, in English")
    eq("acción" in r.stderr or "«" in r.stderr, False, "no Spanish in the English message")
    con = sqlite3.connect(s.db)
    con.execute("UPDATE action SET folio = 'JW-2', folio_key = 'jw-2' WHERE folio = 'JW-1'")
    con.commit()
    con.close()
    s.pmm("report", "--edition", "2025", "--format", "json", check=0)
    eq(s.query("SELECT folio_key FROM action WHERE folio = 'JW\u20131'"), [("jw-1",)], "the key computed again")
    s.pmm("import", "--edition", "2025", s.write("b.csv", head + "JW-1,INM,3,tres\n"), check=0)
    eq(s.query("SELECT name FROM action WHERE folio_key = 'jw-1'"), [("tres",)], "found by its new key")
    eq(s.query("SELECT count(*) FROM action"), [(2,)], "no third action")
    s.close()


check("dash look-alikes in a folio are one folio", dash_lookalikes_are_one_folio)
check("migration 16 recomputes folio keys, stopping on a collision", migration_16_recomputes_folio_keys)

def chart_takes_revision():
    """4: `pmm chart` of a published edition said «--revision live las da»
    but had no --revision; `pmm help` did not list `live`."""
    s = Scratch()
    s.pmm("demo", check=0)
    for rev in ["live", "1"]:
        out = s.path("g-%s.svg" % rev)
        s.pmm("chart", "tipos", "--edition", "2024", "--revision", rev, "-o", out, check=0)
        contains(open(out, encoding="utf-8").read(), "<svg", rev + ": the chart written")
    r = s.pmm("chart", "tipos", "--edition", "2024", "--revision", "99", "-o", s.path("g.svg"), check=1)
    contains(r.stderr, "no tiene la revisión «99»", "an unknown revision")
    for cmd in ["chart", "report", "compendio"]:
        r = s.pmm("help", cmd, check=0)
        contains(r.stdout + r.stderr, "--revision N|live", cmd)
    s.close()


check("chart takes --revision N|live, as report and compendio", chart_takes_revision)

done()
