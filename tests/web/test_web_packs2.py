"""Country packs on the platform, round 2 (issue 16, helper F16B, the
hostile tester's faults 2, 9, 12, 13 and 20): a published revision keeps
its reporter types (which one is subnational, which there were) whatever
the administrador changes after; the catalog pages count the actions of
the editions, not a revision's copies again, and name the revisions that
use an entry apart; an edit form without its stamp «antes» is refused with
what was typed kept; a reporter type's form has the pack's columns
«sociedad» and «nombre_propio»; without a boundary file the dashboard shows
the units' table alone, by name."""
import json
import os
import re
import sys
from webtest import PACK_ADMIN_PASSWORD, Client, check, contains, done, eq, pack_server

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from packwords import ACTIONS, GT  # noqa: E402

s, srv = pack_server(GT, ACTIONS)
admin, public = Client(srv), Client(srv)
admin.login("admin", PACK_ADMIN_PASSWORD)


def stamp(path):
    return re.search(r'name="antes" value="([0-9a-f]+)"', admin.get(path).body).group(1)


def type_path(code):
    return "/admin/catalogos/tipos-instancia/%d" % s.query("SELECT id FROM reporter_type WHERE code = ?", code)[0][0]


def edit_type(code, **changes):
    """Posts the type's own form as its page shows it, with CHANGES."""
    path = type_path(code)
    row = s.query("SELECT name_es, name_en, gender, number, subnational, body_es, bodies_es, body_en, bodies_en,"
                  " society, proper FROM reporter_type WHERE code = ?", code)[0]
    names = ("nombre", "nombre_en", "genero", "numero", "subnacional", "instancia_es", "instancias_es",
             "instancia_en", "instancias_en", "sociedad", "nombre_propio")
    fields = dict(zip(names, [str(v) for v in row]))
    fields.update(changes)
    return admin.post(path, list(fields.items()) + [("antes", stamp(path))])


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def revision_informe():
    """The Informe of revision 1, as `pmm report` writes it."""
    r = s.pmm("report", "--edition", "2025", "--revision", "1", "--format", "html", "-o", "-")
    eq(r.returncode, 0, r.stderr)
    return text_of(r.stdout)


def figures():
    r = public.get("/api/v1/editions/2025/figures")
    eq(r.status, 200, "figures")
    return json.loads(r.body)


def revision_keeps_its_subnational_type():
    """Fault 2: the subnational flag moved from GD to MUN after publishing
    (on the platform, as the administrador may) leaves revision 1 as it was
    published: 2 departamentos (through GD), not Guatemala through MUN."""
    before = figures()
    eq(before["states"], 2, "published: 2 departamentos")
    contains(revision_informe(), "2 de los 22 departamentos")
    r = edit_type("GD", subnacional="0")
    eq(r.status, 303, "GD unmarked\n" + r.body[:1500])
    r = edit_type("MUN", subnacional="1")
    eq(r.status, 303, "MUN marked\n" + r.body[:1500])
    eq(s.query("SELECT code FROM reporter_type WHERE subnational = 1"), [("MUN",)], "the catalog changed")
    after = figures()
    eq(after["states"], 2, "revision 1's departamentos after the change")
    eq(after, before, "revision 1's figures")
    text = revision_informe()
    contains(text, "2 de los 22 departamentos", "revision 1's Informe")
    contains(text, "Quetzaltenango", "Annex B of revision 1")
    # the edition's live figures follow the catalog: MUN's one unit now
    live = json.loads(s.pmm("report", "--edition", "2025", "--revision", "live", "--format", "json",
                            "-o", "-", check=0).stdout)
    eq(live["states"], 1, "the live figures read the catalog")


def revision_keeps_its_types():
    """Fault 12: a type added after publishing is not among revision 1's
    types: not in its figures («"FA":0»), not in its «Siglas y abreviaturas»."""
    r = admin.post("/admin/catalogos/tipos-instancia/nueva",
                   [("clave", "FA"), ("nombre", "Fuerzas Armadas"), ("nombre_en", "Armed Forces"), ("genero", "f"),
                    ("numero", "pl"), ("subnacional", "0"), ("sociedad", "0")])
    eq(r.status, 303, "FA added\n" + r.body[:1500])
    f = figures()
    eq(sorted(f["by_reporter_type"]), sorted(["OE", "GD", "MUN", "OJ", "OL", "EA", "OSC"]), "revision 1's types")
    if "Fuerzas Armadas" in revision_informe():
        raise AssertionError("revision 1's Informe lists a type added after it was published")
    live = s.pmm("report", "--edition", "2025", "--revision", "live", "--format", "html", "-o", "-", check=0).stdout
    contains(live, "Fuerzas Armadas", "the live Informe lists the new type")


def uses_are_counted_once():
    """Fault 13: OE's institutions have 2 actions; revision 1's copies of
    them are not counted again, and the revision is named apart, in the
    list and in the refusal to delete."""
    live = s.query("SELECT count(*) FROM action a JOIN institution i ON i.id = a.institution_id"
                   " JOIN edition e ON e.id = a.edition_id WHERE i.type = 'OE' AND e.snapshot_of IS NULL")[0][0]
    eq(live, 2, "OE's actions")
    page = admin.get("/admin/catalogos/tipos-instancia").body
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*?Organismo Ejecutivo.*?</tr>", page, re.S).group(0)
    contains(row, "acciones: 2", "OE's uses")
    contains(row, "revisiones publicadas que la usan: 1", "OE's uses")
    r = admin.post(type_path("OE") + "/borrar", [])
    eq(r.status, 409, "OE in use")
    contains(r.body, "acciones: 2")
    contains(r.body, "revisiones publicadas que la usan: 1")
    # an institution: its actions once
    igm = s.query("SELECT id FROM institution WHERE acronym = 'IGM'")[0][0]
    page = admin.get("/admin/catalogos/instituciones").body
    row = re.search(r'<tr[^>]*>(?:(?!</tr>).)*?/admin/catalogos/instituciones/%d".*?</tr>' % igm, page, re.S).group(0)
    contains(row, "acciones: 1", "IGM's uses")
    # a type only revision 1 uses (FA) is not in use: it goes
    eq(admin.post(type_path("FA") + "/borrar", []).status, 303, "FA removed")


def form_without_stamp_is_refused():
    """Fault 20: an edit form without «antes» cannot show it was filled
    from the entry as it is: refused (409), nothing written, what was typed
    kept in a form stamped with the entry as it is now."""
    path = type_path("OJ")
    fields = [("nombre", "Organismo Judicial (cambiado)"), ("nombre_en", "Judicial Branch"), ("genero", "m"),
              ("numero", "sg"), ("subnacional", "0")]
    r = admin.post(path, fields)
    eq(r.status, 409, "a form without its stamp")
    eq(s.query("SELECT name_es FROM reporter_type WHERE code = 'OJ'"), [("Organismo Judicial",)], "nothing written")
    contains(r.body, 'value="Organismo Judicial (cambiado)"', "what was typed")
    kept = re.search(r'name="antes" value="([0-9a-f]+)"', r.body)
    assert kept, "the form kept has a stamp"
    eq(kept.group(1), stamp(path), "the stamp of the entry as it is now")
    r = admin.post(path, fields + [("antes", kept.group(1))])
    eq(r.status, 303, "sent again, deliberately\n" + r.body[:1500])
    eq(s.query("SELECT name_es FROM reporter_type WHERE code = 'OJ'"), [("Organismo Judicial (cambiado)",)], "written")
    # an institution's form too
    igm = "/admin/catalogos/instituciones/%d" % s.query("SELECT id FROM institution WHERE acronym = 'IGM'")[0][0]
    r = admin.post(igm, [("siglas", "IGM"), ("nombre", "Otro nombre"), ("tipo", "OE"), ("entidad", ""),
                         ("dependencia", ""), ("alias", "Migración")])
    eq(r.status, 409, "an institution's form without its stamp")
    eq(s.query("SELECT name FROM institution WHERE acronym = 'IGM'"), [("Instituto Guatemalteco de Migración",)],
       "nothing written")


def society_on_the_form():
    """Fault 9: the reporter type's form has the pack's column «sociedad»,
    checked (0 or 1; not the subnational type) and stored."""
    form = admin.get("/admin/catalogos/tipos-instancia/nueva").body
    contains(form, 'name="sociedad"', "the new type's form")
    contains(admin.get(type_path("OSC")).body, '<option value="1" selected>', "OSC's form shows it")
    base = [("nombre", "Universidades"), ("nombre_en", "Universities"), ("genero", "f"), ("numero", "pl"),
            ("subnacional", "0")]
    r = admin.post("/admin/catalogos/tipos-instancia/nueva", [("clave", "UNI")] + base + [("sociedad", "2")])
    eq(r.status, 422, "sociedad 2")
    contains(r.body, 'id="err-sociedad"')
    r = admin.post("/admin/catalogos/tipos-instancia/nueva", [("clave", "UNI")] + base + [("sociedad", "1")])
    eq(r.status, 303, "UNI added\n" + r.body[:1500])
    eq(s.query("SELECT society FROM reporter_type WHERE code = 'UNI'"), [(1,)], "stored")
    r = edit_type("UNI", sociedad="0")
    eq(r.status, 303, "UNI edited\n" + r.body[:1500])
    eq(s.query("SELECT society FROM reporter_type WHERE code = 'UNI'"), [(0,)], "changed")
    # fault 18: whether the name is a proper name, the pack's «nombre_propio»
    contains(form, 'name="nombre_propio"', "the new type's form")
    r = edit_type("UNI", nombre="Universidades Estatales", nombre_propio="1")
    eq(r.status, 303, "UNI a proper name\n" + r.body[:1500])
    eq(s.query("SELECT proper FROM reporter_type WHERE code = 'UNI'"), [(1,)], "stored")
    r = edit_type("UNI", nombre_propio="sí")
    eq(r.status, 422, "nombre_propio «sí»")
    contains(r.body, 'id="err-nombre_propio"')
    # the subnational type's bodies are public bodies
    r = edit_type("MUN", sociedad="1")
    eq(r.status, 422, "a subnational type of society")
    contains(r.body, 'id="err-sociedad"')
    eq(s.query("SELECT society FROM reporter_type WHERE code = 'MUN'"), [(0,)], "nothing written")


def units_table_without_a_map():
    """Fault 16: the Guatemalan pack has no boundary file: the dashboard
    shows the units' table, not «Tabla de datos del mapa» with «no: sin
    forma» on every unit, and lists the units by name as a reader looks
    for one (Spanish collation), not by code."""
    import unicodedata
    body = public.get("/ediciones/2025").body
    for bad in ("Tabla de datos del mapa", "sin forma", "En el mapa"):
        if bad in body:
            raise AssertionError("the dashboard without a map says %r" % bad)
    rows = re.findall(r'<tr data-unit="([^"]+)"><th scope="row">([^<]+)</th>', body)
    eq(len(rows), 22, "every departamento")

    def key(name):
        return "".join(c for c in unicodedata.normalize("NFD", name.casefold()) if unicodedata.category(c) != "Mn")
    names = [n for _, n in rows]
    eq(names, sorted(names, key=key), "by name")
    if [c for c, _ in rows] == sorted(c for c, _ in rows):
        raise AssertionError("listed by code")


def admin_names_the_units():
    """Fault 11: /admin's link to the catalogs names the pack's units."""
    page = admin.get("/admin").body
    contains(page, "objetivos, principios, departamentos", "/admin")
    if "entidades" in page:
        raise AssertionError("/admin says «entidades»")


check("/admin names the pack's units (fault 11)", admin_names_the_units)
check("without a boundary file, the units' table alone, by name (fault 16)", units_table_without_a_map)
check("a published revision keeps its subnational type (fault 2)", revision_keeps_its_subnational_type)
check("a published revision keeps its reporter types (fault 12)", revision_keeps_its_types)
check("uses are the editions' actions, revisions apart (fault 13)", uses_are_counted_once)
check("an edit form without its stamp is refused, the form kept (fault 20)", form_without_stamp_is_refused)
check("the reporter type's form has «sociedad» (fault 9)", society_on_the_form)
srv.stop()
s.close()
done()
