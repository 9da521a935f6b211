"""Country packs on the platform, verification round (issue 16, helper
F16C, fault 1): a published revision keeps the units catalog and the
institutions' names of the day it was published (migration 28). After the
administrador adds a departamento and renames one, and renames an
institution, through /admin/catalogos, the public download of revision 1
(/descargas/2025/informe.html), the page of one of its actions and the
edition's dashboard still say what they said when it was published."""
import os
import re
import sys
from webtest import PACK_ADMIN_PASSWORD, Client, check, contains, done, eq, pack_server

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from packwords import ACTIONS, GT  # noqa: E402

s, srv = pack_server(GT, ACTIONS)
admin, public = Client(srv), Client(srv)
admin.login("admin", PACK_ADMIN_PASSWORD)
RENAMED = "Departamento renombrado de Xela"
NEW_UNIT = "Zona agregada de prueba"
INST_NEW = "Gobernación renombrada"


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def stamped(path, fields):
    """POSTs an edit form with the stamp «antes» its page shows now."""
    stamp = re.search(r'name="antes" value="([0-9a-f]+)"', admin.get(path).body).group(1)
    return admin.post(path, fields + [("antes", stamp)])


def revision_action(folio):
    return s.query("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id"
                   " WHERE e.snapshot_of IS NOT NULL AND a.folio = ?", folio)[0][0]


def published():
    """What revision 1 shows: its download, an action page, the dashboard."""
    inf = public.get("/descargas/2025/informe.html")
    eq(inf.status, 200, "/descargas/2025/informe.html")
    page = public.get("/acciones/%d" % revision_action("GT-3"))
    eq(page.status, 200, "the revision's action page")
    dash = public.get("/ediciones/2025")
    eq(dash.status, 200, "the dashboard")
    return text_of(inf.body), text_of(page.body), dash.body


BEFORE = published()


def change_the_catalogs():
    r = admin.post("/admin/catalogos/entidades/nueva", [("clave", "23"), ("nombre", NEW_UNIT), ("abreviatura", "ZAP"),
                                                        ("nombre_en", "Added zone"), ("alias", "")])
    eq(r.status, 303, "a unit added\n" + r.body[:1500])
    sid = s.query("SELECT id FROM state WHERE code = '09'")[0][0]
    r = stamped("/admin/catalogos/entidades/%d" % sid, [("nombre", RENAMED), ("abreviatura", "QUE"),
                                                         ("nombre_en", "Renamed"), ("alias", "Xela")])
    eq(r.status, 303, "a unit renamed\n" + r.body[:1500])
    eq(s.query("SELECT name FROM state WHERE code = '09'")[0][0], RENAMED, "the catalog after the form")


def revision_keeps_what_it_said():
    inf, page, dash = published()
    contains(BEFORE[0], "2 de los 22 departamentos", "the download before")
    contains(inf, "2 de los 22 departamentos", "the download after the catalog changed")
    for what, text in (("the download", inf), ("the action page", page), ("the dashboard", dash)):
        eq(RENAMED in text or NEW_UNIT in text, False, "%s names the changed catalog" % what)
    contains(page, "Quetzaltenango", "the revision's action page")
    eq(inf, BEFORE[0], "the download of revision 1")


def institution_rename_leaves_the_revision():
    iid = s.query("SELECT id FROM institution WHERE acronym = 'GD-QUE'")[0][0]
    path = "/admin/catalogos/instituciones/%d" % iid
    fields = re.findall(r'name="(siglas|nombre|tipo|estado|dependencia|alias)"', admin.get(path).body)
    eq("nombre" in fields, True, "the institution's form\n" + str(fields))
    row = s.query("SELECT acronym, type, coalesce(state, ''), coalesce(parent_id, '') FROM institution"
                  " WHERE id = ?", iid)[0]
    r = stamped(path, [("siglas", row[0]), ("nombre", INST_NEW), ("tipo", row[1]), ("estado", row[2]),
                       ("dependencia", str(row[3])), ("alias", "")])
    eq(r.status, 303, "the institution renamed\n" + r.body[:1500])
    page = text_of(public.get("/acciones/%d" % revision_action("GT-3")).body)
    contains(page, "Gobernación Departamental de Quetzaltenango", "the revision's action page")
    eq(INST_NEW in page, False, "the revision's action page names the renamed institution")


check("a unit added and one renamed leave revision 1 as published (fault 1)", lambda: (
    change_the_catalogs(), revision_keeps_what_it_said()))
check("an institution renamed leaves revision 1's action page as published", institution_rename_leaves_the_revision)
srv.stop()
done()
