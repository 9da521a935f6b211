"""issue 10, the hostile tester's second round (helper REC3). Each check
names its fault (the rows after REC2's in docs/reliability.md) and fails on
the code before its fix."""
import json
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done
import xlsxmini

ACTIONS = ["folio", "institucion", "objetivos", "nombre", "resultados"]


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


def unknown_column_with_data():
    """b: a column «Resultado» (for «Resultados») holding data was only
    warned of, and every result was lost."""
    s = scratch()
    csv = s.write("a.csv", "folio,institucion,objetivos,nombre,Resultado\nC1,INM,3,uno,Se capacitó a 40\n")
    r = s.pmm("import", "--edition", "2025", csv, check=1)
    contains(r.stderr, "Resultado", "the refusal")
    contains(r.stderr, "«resultados»", "the known name it resembles")
    eq(query(s, "SELECT count(*) FROM action"), [(0,)], "nothing imported")
    # the same in a workbook
    book = s.path("a.xlsx")
    xlsxmini.write(book, [("Acciones", [["folio", "institucion", "objetivos", "nombre", "Resultado"],
                                        ["C1", "INM", "3", "uno", "Se capacitó a 40"]])])
    r = s.pmm("import", "--edition", "2025", book, check=1)
    contains(r.stderr, "columna E", "the refusal names the column letter")
    # an unknown column without data is only warned of
    csv = s.write("b.csv", "folio,institucion,objetivos,nombre,Notas\nC1,INM,3,uno,\n")
    r = s.pmm("import", "--edition", "2025", csv, check=0)
    contains(r.stderr, "aviso", "the warning")
    eq(query(s, "SELECT count(*) FROM action"), [(1,)], "imported")
    s.close()


def unread_sheet_with_data():
    """b: a sheet «Retos (2)» holding challenges was only warned of."""
    s = scratch()
    book = s.path("a.xlsx")
    xlsxmini.write(book, [("Acciones", [["folio", "institucion", "objetivos", "nombre"], ["C1", "INM", "3", "uno"]]),
                          ("Retos", [["folio", "reto", "categoria"], ["C1", "un reto", ""]]),
                          ("Retos (2)", [["folio", "reto", "categoria"], ["C1", "otro reto", ""]])])
    r = s.pmm("import", "--edition", "2025", book, check=1)
    contains(r.stderr, "Retos (2)", "the refusal")
    eq(query(s, "SELECT count(*) FROM action"), [(0,)], "nothing imported")
    # a sheet with a header alone holds nothing to lose: warned of
    xlsxmini.write(book, [("Acciones", [["folio", "institucion", "objetivos", "nombre"], ["C1", "INM", "3", "uno"]]),
                          ("Retos (2)", [["folio", "reto", "categoria"]]), ("Vacía", [])])
    r = s.pmm("import", "--edition", "2025", book, check=0)
    contains(r.stderr, "Retos (2)", "the warning")
    eq(query(s, "SELECT count(*) FROM action"), [(1,)], "imported")
    s.close()


check("b: an unknown column holding data is refused, naming what it resembles", unknown_column_with_data)
check("b: an unread sheet holding data is refused", unread_sheet_with_data)

done()
