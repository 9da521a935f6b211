"""Country packs on the platform, verification round 3 (issue 16, helper
F16D):
1. the workbook of a published revision
(/descargas/2025/acciones.xlsx) lists on its «Catálogos» sheet the
institutions as the revision has them. After the administrador renames an
institution (acronym and name) and changes its type through
/admin/catalogos, and a unit is renamed and an institution moved to
another, the sheet still lists the old acronym, name, type, unit and
units,
which its «Acciones» sheet uses, and not the new ones;
2. the figure marks of a published Informe that name an institution
   (`institucion=`) keep meaning it after a rename, and after a new body is
   given the old acronym: each is accepted by the API and lists as many
   actions as the mark's data-value."""
import html
import json
import io
import os
import re
import sys
import zipfile
from webtest import PACK_ADMIN_PASSWORD, Client, check, contains, db_rows, done, eq, fetch_raw, pack_server

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from packwords import ACTIONS, GT  # noqa: E402

s, srv = pack_server(GT, ACTIONS)
admin, public = Client(srv), Client(srv)
admin.login("admin", PACK_ADMIN_PASSWORD)
OLD_NAME = "Ministerio de Relaciones Exteriores"
NEW_ACRONYM, NEW_NAME, NEW_TYPE = "CANC-X", "Cancillería renombrada", "OJ"


def stamped(path, fields):
    """POSTs an edit form with the stamp «antes» its page shows now."""
    stamp = re.search(r'name="antes" value="([0-9a-f]+)"', admin.get(path).body).group(1)
    return admin.post(path, fields + [("antes", stamp)])


def sheet_rows(data, name):
    """The rows (lists of cell texts, by column letter) of sheet NAME."""
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = [re.sub(r"<[^>]+>", "", si) for si in
              re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S)]
    book = z.read("xl/workbook.xml").decode()
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(name), book).group(1)
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels)
    target = target or re.search(r'Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
    xml = z.read("xl/" + target.group(1)).decode()
    rows = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", xml, re.S):
        cells = {}
        for ref, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', row):
            cells[ref] = shared[int(v)] if 't="s"' in attrs and v else v
        rows.append(cells)
    return rows


def catalog_institutions(data):
    """(acronym, name, type, unit) of each institution on the «Catálogos»
    sheet."""
    return [(r.get("B"), r.get("C"), r.get("D"), r.get("L")) for r in sheet_rows(data, "Catálogos")[1:] if r.get("B")]


def catalog_units(data):
    return [r.get("M") for r in sheet_rows(data, "Catálogos")[1:] if r.get("M")]


def workbook():
    status, _, data = fetch_raw(srv, "/descargas/2025/acciones.xlsx")
    eq(status, 200, "/descargas/2025/acciones.xlsx")
    return data


def rename_minex():
    iid = s.query("SELECT id FROM institution WHERE acronym = 'MINEX'")[0][0]
    row = s.query("SELECT coalesce(state, ''), coalesce(parent_id, '') FROM institution WHERE id = ?", iid)[0]
    r = stamped("/admin/catalogos/instituciones/%d" % iid,
                [("siglas", NEW_ACRONYM), ("nombre", NEW_NAME), ("tipo", NEW_TYPE), ("estado", row[0]),
                 ("dependencia", str(row[1])), ("alias", "")])
    eq(r.status, 303, "the institution renamed\n" + r.body[:1500])


def revision_workbook_keeps_its_catalog():
    before = catalog_institutions(workbook())
    units = catalog_units(workbook())
    contains(str(before), "('MINEX', '%s', 'OE', None)" % OLD_NAME, "the revision's «Catálogos» before")
    contains(str(before), "('GD-QUE', 'Gobernación Departamental de Quetzaltenango', 'GD', '09')", "GD-QUE")
    eq((len(units), units[8]), (22, "09 \u2014 Quetzaltenango"), "the revision's units")
    rename_minex()
    db_rows(s.db, "UPDATE state SET name = 'Xela renombrada' WHERE code = '09'")
    db_rows(s.db, "UPDATE institution SET state = '12' WHERE acronym = 'GD-QUE'")
    data = workbook()
    after = catalog_institutions(data)
    eq(after, before, "the revision's «Catálogos» sheet after the rename")
    eq(catalog_units(data), units, "the revision's units after a unit's rename")
    acciones = [r.get("B") for r in sheet_rows(data, "Acciones")[1:]]
    eq("MINEX" in acciones, True, "the revision's «Acciones» sheet names MINEX")
    eq(set(a for a in acciones if a) <= set(row[0] for row in after), True,
       "every institution of «Acciones» is decoded by «Catálogos»: %s / %s" % (acciones, after))


def institution_marks(body):
    """(query without edicion and medida, data-value) of every institucion
    mark of an Informe in HTML."""
    marks = []
    for f, v in re.findall(r'data-filter="([^"]*)" data-value="(\d+)"', body):
        f = html.unescape(f)
        if "institucion=" in f and "&medida=acciones" in f:
            q = "&".join(p for p in f.split("&") if not p.startswith(("edicion=", "medida=")))
            marks.append((q, int(v)))
    return marks


def listed(query):
    r = public.get("/api/v1/editions/2025/actions?" + query)
    eq(r.status, 200, "the API for the mark %s\n%s" % (query, r.body[:500]))
    return json.loads(r.body)["total"]


def informe_marks():
    r = public.get("/descargas/2025/informe.html")
    eq(r.status, 200, "/descargas/2025/informe.html")
    return institution_marks(r.body)


MARKS = informe_marks()   # as published, before check 1 renames MINEX


def marks_keep_their_institution():
    eq(len(MARKS) >= 8, True, "institucion marks of the Informe: %s" % MARKS)
    eq(informe_marks(), MARKS, "the Informe's institucion marks after the rename")
    # after the rename of check 1 (MINEX → CANC-X), and a new body given the old acronym
    r = admin.post("/admin/catalogos/instituciones/nueva",
                   [("siglas", "MINEX"), ("nombre", "Institución nueva con las siglas viejas"), ("tipo", "OE"),
                    ("estado", ""), ("dependencia", ""), ("alias", "")])
    eq(r.status, 303, "a new institution MINEX\n" + r.body[:1500])
    for query, value in MARKS:
        eq(listed(query), value, "actions listed by the mark %s" % query)
    iid = s.query("SELECT id FROM institution WHERE acronym = ?", NEW_ACRONYM)[0][0]
    page = admin.get("/acciones?edicion=2025&institucion=%d" % iid)
    eq(page.status, 200, "/acciones by the institution's id")
    contains(page.body, '<option value="%s" selected>%s' % (NEW_ACRONYM, NEW_ACRONYM), "the list's select")


def digit_only_acronym_refused():
    """Re-verification round: an acronym «1» was accepted, and picking it in
    /acciones listed the actions of the institution whose id is 1."""
    r = admin.post("/admin/catalogos/instituciones/nueva",
                   [("siglas", "1"), ("nombre", "Organismo Uno"), ("tipo", "OE"), ("estado", ""),
                    ("dependencia", ""), ("alias", "")])
    eq(r.status, 422, "an acronym of digits only\n" + r.body[:1500])
    contains(r.body, "Son solo cifras, y un número en un filtro es el identificador de una institución")
    eq(s.query("SELECT count(*) FROM institution WHERE acronym = '1'")[0][0], 0, "nothing written")


check("a revision's workbook lists its institutions as the revision has them (fault 1)",
      revision_workbook_keeps_its_catalog)
check("an Informe's institucion marks keep their institution after a rename (fault 2)", marks_keep_their_institution)
check("an acronym of digits only is refused on the form (a number in a filter is an id)", digit_only_acronym_refused)
srv.stop()
done()
