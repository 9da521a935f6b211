"""pmm import reads workbooks: both sheets from one file, every kind of
cell, errors named by sheet, row and column letter; and malformed or
hostile files are refused cleanly, with nothing written."""
import os
import sqlite3
import subprocess
import time
import zipfile
from pmmtest import PMM, Scratch, ACTION_HEADER, check, eq, contains, done
import xlsxmini
from xlsxmini import Rich, Date, Raw

HEAD = ACTION_HEADER.split(",")
RETOS_HEAD = ["folio", "reto", "categoria"]

s = Scratch()
s.pmm("init", check=0)


def query(sql):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def good_book(name, inline=False):
    acciones = [
        # friendly headers, as the template writes them
        ["Folio", "Institución", "Objetivos", "Nombre de la acción", "Descripción",
         "Tipo de acción", "Población", "Enfoque de género", "Discapacidad",
         "Personas beneficiarias", "Resultados"],
        ["X-1", "INM", 7, Rich("Albergue ", "temporal"), Date(45366),
         "Capacitación;Servicios de salud", "Migrantes extranjeros", True, False, 120.0, "Atendidas"],
        ["X-2", "SRE", "7 — Abordar y reducir las vulnerabilidades en la migración;15", "Consulados",
         None, None, "exterior", "Sí", "No", None, None],
        [],                                     # an empty row in the middle
        ["X-3", "Chiapas", 4.0, "Registro", "", "", "", "", "", 0, ""],
    ]
    retos = [RETOS_HEAD, ["X-1", "Faltan recursos", "Falta de recursos financieros, materiales, humanos y tecnológicos"],
             ["X-3", "Coordinar", None]]
    return xlsxmini.write(s.path(name), [("Acciones", acciones), ("Retos", retos)], inline=inline)


def imports_good():
    r = s.pmm("import", "--edition", "2024", good_book("bueno.xlsx"), check=0)
    contains(r.stdout, "3 acciones importadas")
    contains(r.stdout, "2 retos")
    rows = query("SELECT folio, name, description, gender_focus, disability, beneficiaries "
                 "FROM action ORDER BY folio")
    eq(rows, [("X-1", "Albergue temporal", "2024-03-15", 1, 0, 120),
              ("X-2", "Consulados", "", 1, 0, None),
              ("X-3", "Registro", "", None, None, 0)], "actions")
    eq(query("SELECT a.folio, o.objective FROM action_objective o JOIN action a ON a.id=o.action_id "
             "ORDER BY 1, 2"), [("X-1", 7), ("X-2", 7), ("X-2", 15), ("X-3", 4)], "objectives")
    eq(query("SELECT count(*) FROM action_action_type"), [(2,)], "action types")
    eq(query("SELECT count(*), count(category_id) FROM challenge"), [(2, 1)], "challenges")


check("a workbook with both sheets imports: shared strings, numbers, dates, booleans, rich text",
      imports_good)


def inline_strings():
    s2 = Scratch()
    s2.pmm("init", check=0)
    r = s2.pmm("import", "--edition", "2024", good_book("inline.xlsx", inline=True), check=0)
    contains(r.stdout, "3 acciones importadas")
    s2.close()


check("inline strings read as shared ones", inline_strings)


def detected_by_content():
    p = good_book("sin-extension.dat")
    r = s.pmm("import", "--edition", "2024", "--check", p, check=0)
    contains(r.stdout, "3 acciones")


check("a workbook is recognized by its content, not its name", detected_by_content)

BASE = s.dump()


def refused(name, path_fn, expect, limit=None):
    def run():
        p = path_fn(s.path(name))
        t0 = time.time()
        r = s.pmm("import", "--edition", "2024", p)
        elapsed = time.time() - t0
        eq(r.returncode, 1, "exit code (stderr: %s)" % r.stderr[-500:])
        for e in expect:
            contains(r.stderr, e, "stderr")
        contains(r.stderr, "No se importó nada")
        if "AddressSanitizer" in r.stderr or "runtime error" in r.stderr:
            raise AssertionError("sanitizer report:\n" + r.stderr[-2000:])
        eq(s.dump(), BASE, "database after a refused import")
        if limit is not None and elapsed > limit:
            raise AssertionError("took %.1f s, more than %d s" % (elapsed, limit))
    return run


def book(rows, retos=None, **kw):
    def make(p):
        sheets = [("Acciones", [HEAD] + rows)]
        if retos is not None:
            sheets.append(("Retos", [RETOS_HEAD] + retos))
        return xlsxmini.write(p, sheets, **kw)
    return make


ROW = ["F-1", "INM", 7, "Nombre"]
check("errors name sheet, row and column letter", refused(
    "letras.xlsx", book([ROW, ["F-2", "INM", 24, "Otra"], ["F-3", "Marte", 7, "X", None, None, None, "quizá"]]),
    ["letras.xlsx[Acciones]:3: columna C «objetivos», valor «24»: ",
     "letras.xlsx[Acciones]:4: columna B «institucion», valor «Marte»",
     "letras.xlsx[Acciones]:4: columna H «enfoque_genero», valor «quizá»"]))
check("a challenge with an unknown folio names the Retos sheet", refused(
    "retos.xlsx", book([ROW], retos=[["NO-HAY", "Algo", None]]),
    ["retos.xlsx[Retos]:2: columna A «folio», valor «NO-HAY»"]))
check("a missing required column is named", refused(
    "sincol.xlsx", lambda p: xlsxmini.write(p, [("Acciones", [["folio", "institucion", "nombre"],
                                                             ["F-1", "INM", "X"]])]),
    ["sincol.xlsx[Acciones]:1: columna «objetivos»", "obligatoria"]))
check("not a zip, named .xlsx", refused(
    "nozip.xlsx", lambda p: s.write("nozip.xlsx", "esto no es un libro\n"),
    ["nozip.xlsx:", "no es un zip"]))
check("a truncated zip", refused(
    "corto.xlsx", lambda p: s.write("corto.xlsx", None, raw=open(book([ROW])(p), "rb").read()[:300]),
    ["corto.xlsx:"]))
check("a zip that is no workbook", refused(
    "otro.xlsx", lambda p: (zipfile.ZipFile(p, "w").writestr("hola.txt", "hola"), p)[1],
    ["otro.xlsx:", "xl/workbook.xml"]))
check("a workbook without the sheet Acciones", refused(
    "hojas.xlsx", lambda p: xlsxmini.write(p, [("Hoja1", [HEAD, ROW]), ("Hoja2", [])]),
    ["hojas.xlsx:", "falta la hoja «Acciones»", "«Hoja1», «Hoja2»"]))

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          '<row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
check("XML with entity declarations (billion laughs)", refused(
    "lol.xlsx", book([ROW], override={"xl/worksheets/sheet1.xml": LAUGHS}),
    ["lol.xlsx[Acciones]", "DOCTYPE"]))
XXE = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>')
check("an external entity in the shared strings", refused(
    "xxe.xlsx", book([ROW], sst_xml=XXE), ["xxe.xlsx:", "DOCTYPE"]))
check("malformed XML in a sheet", refused(
    "roto.xlsx", book([ROW], override={"xl/worksheets/sheet1.xml": "<worksheet><sheetData><row>"}),
    ["roto.xlsx[Acciones]", "XML mal formado"]))
check("a cell pointing at a shared string that does not exist", refused(
    "sst.xlsx", book([["F-1", "INM", Raw('<c r="@" t="s"><v>999</v></c>'), "N"]]),
    ["sst.xlsx[Acciones]:2", "C2", "«999»"]))


def huge_sst(p):
    # 300 000 distinct strings for a sheet of two rows: no sheet could use them
    si = "".join("<si><t>t%d</t></si>" % i for i in range(300000))
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % si)
    return book([ROW], sst_xml=sst)(p)


check("a shared-strings part far larger than the workbook", refused(
    "sstgrande.xlsx", huge_sst, ["sstgrande.xlsx:", "textos compartidos"], limit=20))


def sst_bytes(p):
    # 70 strings of a million random characters: few enough for the sheet,
    # incompressible (no zip bomb), but 70 MB to hold in memory
    import base64
    si = "".join("<si><t>%s</t></si>" % base64.b64encode(os.urandom(750000)).decode()
                 for _ in range(70))
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % si)
    rows = [["F-%d" % i, "INM", 7, "N"] for i in range(1, 60)]
    return book(rows, sst_xml=sst, inline=True)(p)


check("shared strings over 64 MiB of text", refused(
    "ssttexto.xlsx", sst_bytes, ["ssttexto.xlsx:", "64 MiB"], limit=30))


def repeated_string(ncols):
    # one shared string of 900 KB, cited by every cell of NCOLS columns of a
    # thousand rows: a small sheet that would yield gigabytes of text
    def make(p):
        sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>%s</t></si>'
               '</sst>' % ("x" * 900000))
        cells = "".join('<c r="%s@" t="s"><v>0</v></c>' % xlsxmini.col_letter(c) for c in range(ncols))
        rows = "".join('<row r="%d">%s</row>' % (r, cells.replace("@", str(r))) for r in range(2, 1002))
        head = xlsxmini.sheet_xml([HEAD], {}, inline=True)
        return book([ROW], sst_xml=sst, override={
            "xl/worksheets/sheet1.xml": head.replace("</sheetData>", rows + "</sheetData>")})(p)
    return make


check("one long shared string repeated in every cell of a row", refused(
    "repetida.xlsx", repeated_string(10), ["repetida.xlsx[Acciones]:2:", "4 MiB"], limit=20))
check("... and in every row of a sheet", refused(
    "repetida2.xlsx", repeated_string(4), ["repetida2.xlsx[Acciones]:", "256 MiB"], limit=30))


def bomb(p):
    # 64 MiB of white space inside valid XML: deflates to a few dozen KiB
    pad = " " * (64 << 20)
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s</sheetData></worksheet>' % pad)
    return book([ROW], override={"xl/worksheets/sheet1.xml": sheet})(p)


check("a zip bomb is refused by its compression ratio", refused(
    "bomba.xlsx", bomb, ["bomba.xlsx:", "bomba zip"], limit=20))


def past_last_row(p):
    sheet = xlsxmini.sheet_xml([HEAD, ROW], {}, inline=True).replace(
        "</sheetData>", '<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    return book([ROW], override={"xl/worksheets/sheet1.xml": sheet})(p)


check("a row past Excel's last row", refused(
    "filas.xlsx", past_last_row, ["filas.xlsx[Acciones]:2000000", "1048576"]))


def million_empty_rows():
    """A million empty rows are skipped as they stream by: the rows after
    them import, quickly, in bounded memory."""
    rows = ['<row r="%d"/>' % i for i in range(3, 1000003)]
    head = xlsxmini.sheet_xml([HEAD, ROW], {}, inline=True)
    last = ('<row r="1000003"><c r="A1000003" t="inlineStr"><is><t>F-9</t></is></c>'
            '<c r="B1000003" t="inlineStr"><is><t>INM</t></is></c><c r="C1000003"><v>8</v></c>'
            '<c r="D1000003" t="inlineStr"><is><t>Al final</t></is></c></row>')
    sheet = head.replace("</sheetData>", "".join(rows) + last + "</sheetData>")
    p = book([ROW], override={"xl/worksheets/sheet1.xml": sheet})(s.path("vacias.xlsx"))
    s2 = Scratch()
    s2.pmm("init", check=0)
    t0 = time.time()
    # GNU time reports the peak memory of this one child
    r = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", PMM, "--db", s2.db, "import",
                        "--edition", "2024", p], capture_output=True, text=True,
                       env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    elapsed = time.time() - t0
    eq(r.returncode, 0, "exit code (%s)" % r.stderr[-300:])
    contains(r.stdout, "2 acciones importadas")
    eq(sqlite3.connect(s2.db).execute("SELECT folio FROM action ORDER BY folio").fetchall(),
       [("F-1",), ("F-9",)], "actions")
    rss = int(r.stderr.split("MAXRSS ")[1].split()[0]) // 1024
    print("# a million empty rows: %.2f s, peak RSS %d MiB" % (elapsed, rss))
    if elapsed > 60:
        raise AssertionError("took %.1f s" % elapsed)
    if rss > 400:      # ASan's shadow memory included; the plain build needs ~7 MiB
        raise AssertionError("peak RSS %d MiB" % rss)
    s2.close()


check("a sheet of a million empty rows", million_empty_rows)

s.close()
done()
