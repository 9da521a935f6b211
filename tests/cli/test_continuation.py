"""Issue 13 (F13): continuing programmes through every entry point. The
interchange column continua_folio names the folio, in the previous edition
(by period, as pmm trend orders them), of the action a row continues: CSV,
XLSX and JSON import link it, every export writes it, and a folio that is
not in the previous edition, or is another institution's, or is already
continued, is refused naming file, line and column, with nothing written.
An empty cell leaves a link as it is; into a database's first edition
there is nothing to link, which is said once, not refused."""
import json
import zipfile
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

HEAD = ACTION_HEADER + ",principios,continua_folio\n"
ROW = '%s,%s,3,%s,,Servicios o asesoría legales,,No,No,,,,%s\n'


def rows(*items):
    """(folio, institution, continua_folio) as rows of acciones.csv."""
    return HEAD + "".join(ROW % (f, inst, "Programa " + f, cont) for f, inst, cont in items)


def two_editions():
    """2023 (INM's A-1 and A-2, SRE's S-1), and 2024, empty. The names do
    not sort as the periods do: the previous edition is the earlier period."""
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "new", "b-2023", "--period", "2023-01:2023-12", check=0)
    s.pmm("edition", "new", "a-2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("import", "--edition", "b-2023",
          s.write("p.csv", rows(("A-1", "INM", ""), ("A-2", "INM", ""), ("S-1", "SRE", ""))), check=0)
    return s


def links(s):
    return s.query("SELECT a.folio, o.folio FROM action_continuation k JOIN action a ON a.id = k.action_id"
                   " JOIN action o ON o.id = k.continues_id ORDER BY a.folio")


def csv_links_and_exports():
    s = two_editions()
    try:
        # the folio as the previous edition's is found the way folios are (case, dashes)
        r = s.pmm("import", "--edition", "a-2024", s.write("n.csv", rows(("B-1", "INM", "a\u20101"),
                                                                          ("B-2", "INM", ""))), check=0)
        eq(r.stderr, "", "no warning")
        eq(links(s), [("B-1", "A-1")], "B-1 continues A-1")
        s.pmm("export", "--edition", "a-2024", "--format", "csv", "-o", "e.csv", check=0)
        text = open(s.path("e.csv"), encoding="utf-8-sig").read().split("\n")
        # issue 13 (R13B): the continued action's edition after its folio
        eq(text[0], "edicion," + HEAD.strip() + ",continua_edicion", "header")
        eq(text[1].endswith(",A-1,b-2023"), True, "B-1's row: " + text[1])
        eq(text[2].endswith(",,,"), True, "B-2's row, no link: " + text[2])
        s.pmm("export", "--edition", "a-2024", "--format", "json", "-o", "e.json", check=0)
        doc = json.load(open(s.path("e.json"), encoding="utf-8"))
        eq({a["folio"]: a["continua_folio"] for a in doc["acciones"]}, {"B-1": "A-1", "B-2": ""}, "JSON")
    finally:
        s.close()


def refusals_name_file_line_column():
    s = two_editions()
    try:
        before = s.dump()
        r = s.pmm("import", "--edition", "a-2024",
                  s.write("n.csv", rows(("B-1", "INM", "Z-9"), ("B-2", "INM", "S-1"), ("B-3", "INM", ""))))
        eq(r.returncode, 1, "refused")
        contains(r.stderr, "n.csv:2: columna «continua_folio», valor «Z-9»: no hay ninguna acción con el folio "
                           "«Z-9» en la edición anterior, «b-2023»")
        contains(r.stderr, "n.csv:3: columna «continua_folio», valor «S-1»: la acción con el folio «S-1» de la "
                           "edición «b-2023» es de otra institución (SRE): una acción continúa solo una de su "
                           "misma institución")
        eq(s.dump(), before, "nothing written")
        # one action of the previous edition is continued by one action of the next
        r = s.pmm("import", "--edition", "a-2024", s.write("t.csv", rows(("B-3", "INM", "A-1"), ("B-4", "INM", "A-1"))))
        eq(r.returncode, 1, "twice refused")
        contains(r.stderr, "t.csv:3: columna «continua_folio», valor «A-1»: otra acción de esta edición ya "
                           "continúa la acción con el folio «A-1»")
        eq("t.csv:2:" in r.stderr, False, "B-3 is the first to continue A-1")
        eq(s.dump(), before, "nothing written")
        # the edition before b-2023 does not exist: its own continua_folio names nothing
        r = s.pmm("import", "--edition", "a-2024", s.write("ok.csv", rows(("B-1", "INM", "A-1"))), check=0)
        r = s.pmm("import", "--edition", "b-2023", s.write("old.csv", rows(("A-3", "INM", "B-1"))), check=0)
        contains(r.stderr, "old.csv:2: aviso: la edición «b-2023» es la primera de esta base")
        eq(links(s), [("B-1", "A-1")], "no link into the first edition")
    finally:
        s.close()


def empty_cell_keeps_a_link_a_folio_replaces_it():
    s = two_editions()
    try:
        s.pmm("import", "--edition", "a-2024", s.write("n.csv", rows(("B-1", "INM", "A-1"))), check=0)
        # an older file without the column, or with it empty: the link stays
        s.pmm("import", "--edition", "a-2024",
              s.write("old.csv", ACTION_HEADER + "\n" + "B-1,INM,3,Otro nombre,,,,,,,\n"), check=0)
        s.pmm("import", "--edition", "a-2024", s.write("e.csv", rows(("B-1", "INM", ""))), check=0)
        eq(links(s), [("B-1", "A-1")], "kept")
        s.pmm("import", "--edition", "a-2024", s.write("o.csv", rows(("B-1", "INM", "A-2"))), check=0)
        eq(links(s), [("B-1", "A-2")], "replaced")
    finally:
        s.close()


def xlsx_and_json_carry_it():
    s = two_editions()
    try:
        s.pmm("import", "--edition", "a-2024", s.write("n.csv", rows(("B-1", "INM", "A-1"))), check=0)
        s.pmm("export", "--edition", "a-2024", "--format", "xlsx", "-o", "e.xlsx", check=0)
        s.pmm("export", "--edition", "a-2024", "--format", "json", "-o", "e.json", check=0)
        s.pmm("export", "--edition", "b-2023", "--format", "json", "-o", "p.json", check=0)
        # into a database whose b-2023 holds A-1 as the SRE's: refused by column letter
        t = Scratch()
        t.pmm("init", check=0)
        t.pmm("edition", "new", "b-2023", "--period", "2023-01:2023-12", check=0)
        t.pmm("edition", "new", "a-2024", "--period", "2024-01:2024-12", check=0)
        t.pmm("import", "--edition", "b-2023", t.write("p.csv", rows(("A-1", "SRE", ""))), check=0)
        r = t.pmm("import", "--edition", "a-2024", s.path("e.xlsx"))
        eq(r.returncode, 1, "refused")
        contains(r.stderr, "e.xlsx[Acciones]:2: columna M «continua_folio», valor «A-1»: la acción con el folio "
                           "«A-1» de la edición «b-2023» es de otra institución (SRE)")
        t.close()
        for name in ("e.xlsx", "e.json"):
            t = Scratch()
            t.pmm("init", check=0)
            t.pmm("edition", "new", "b-2023", "--period", "2023-01:2023-12", check=0)
            t.pmm("edition", "new", "a-2024", "--period", "2024-01:2024-12", check=0)
            t.pmm("import", "--edition", "b-2023", s.path("p.json"), check=0)
            t.pmm("import", "--edition", "a-2024", s.path(name), check=0)
            eq(links(t), [("B-1", "A-1")], name + " imported: the link")
            t.close()
        # a JSON record may also give it by hand
        rec = {"folio": "B-9", "institucion": "INM", "objetivos": [3], "nombre": "Otra", "continua_folio": "A-2"}
        doc = {"schema": "pmm-export/1", "acciones": [rec]}
        s.pmm("import", "--edition", "a-2024", s.write("h.json", json.dumps(doc)), check=0)
        eq(links(s), [("B-1", "A-1"), ("B-9", "A-2")], "JSON by hand")
    finally:
        s.close()


def template_has_the_column():
    s = two_editions()
    try:
        s.pmm("template", "--edition", "a-2024", "--institution", "INM", "-o", "p.xlsx", check=0)
        with zipfile.ZipFile(s.path("p.xlsx")) as z:
            text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        eq(">Continúa el folio<" in text, True, "the template's header")
        eq("Si la acción continúa un programa de la edición anterior" in text, True, "its note")
    finally:
        s.close()


check("CSV: continua_folio links to the previous edition's action; exports write it", csv_links_and_exports)
check("a folio not there, another institution's, or continued twice: refused by file, line, column",
      refusals_name_file_line_column)
check("an empty cell keeps the link, another folio replaces it", empty_cell_keeps_a_link_a_folio_replaces_it)
check("XLSX and JSON carry it, and name the column's letter", xlsx_and_json_carry_it)
check("the template has the column", template_has_the_column)
done()
