"""Country packs on the platform (issue 16): a Guatemalan database's
dashboard, action list and catalog pages name Guatemala and its
departamentos, with no word of the Mexican pack; the administrador adds and
removes departamentos and reporter types (refusing, 409, to remove one in
use; a ninth type, which the figures have no room for, is refused); and
serving a database never reloads its catalogs."""
import os
import re
import sqlite3
import sys
import webtest  # noqa: E402
from webtest import (PACK_ADMIN_PASSWORD, Client, Scratch, Server, add_pack_admin, check, contains, done, eq,
                     pack_server)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from packwords import MEXICAN, ACTIONS, GT  # noqa: E402
from pmmtest import pack_copy, pack_json_edit  # noqa: E402
import bigpack  # noqa: E402

s, srv = pack_server(GT, ACTIONS)
admin, public = Client(srv), Client(srv)


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


def stamped(client, path, fields):
    """POSTs an edit form with the stamp «antes» of the entry as its page
    shows it now: a form without one is refused (issue 16, fault 20)."""
    page = client.get(path).body
    stamp = re.search(r'name="antes" value="([0-9a-f]+)"', page).group(1)
    return client.post(path, [(k, v) for k, v in fields if k != "antes"] + [("antes", stamp)])


def no_mexican_word(text, what):
    m = MEXICAN.search(re.sub(r"<[^>]+>", " ", text))
    if m:
        raise AssertionError("%s names %r" % (what, m.group(0)))


def public_pages_name_guatemala():
    r = public.get("/ediciones/2025")
    if r.status != 200:
        r = public.get("/")
    eq(r.status, 200, "dashboard")
    contains(r.body, "Edición 2025: acciones de Guatemala para el Pacto Mundial")
    contains(r.body, "<dt>Departamentos</dt>")
    contains(r.body, 'href="/acciones?edicion=2025&amp;tipo=GD">2</a>', "the departments' link: the subnational type")
    no_mexican_word(r.body, "the dashboard")
    r = public.get("/acciones?edicion=2025")
    contains(r.body, "Departamento")
    no_mexican_word(r.body, "the action list")
    aid = q("SELECT min(id) FROM action")[0][0]
    for path in ("/", "/ediciones", "/objetivos", "/glosario", "/descargas", "/acciones/%d" % aid,
                 "/descargas/2025/informe.html", "/api/v1/editions/2025/figures", "/descargas/diccionario",
                 "/descargas/catalogos/entidades.json", "/descargas/2025/datapackage.json"):
        r = public.get(path)
        eq(r.status, 200, path)
        no_mexican_word(r.body, path)
    contains(public.get("/descargas/2025/informe.html").body, "Consejo Nacional de Atención al Migrante de Guatemala")
    # the open data name the units as the pack does
    contains(public.get("/descargas/catalogos/entidades.json").body, '"titulo": "Departamentos"')
    contains(public.get("/descargas/diccionario").body, ">Departamentos</a> (CSV)")


def admin_adds_and_removes_units_and_types():
    admin.login("admin", PACK_ADMIN_PASSWORD)
    page = admin.get("/admin/catalogos").body
    contains(page, ">Departamentos</a>")
    no_mexican_word(page, "the catalogs' index")
    for slug in ("instituciones", "tipos-instancia", "entidades", "poblaciones", "entidades/nueva",
                 "tipos-instancia/nueva", "instituciones/nueva"):
        r = admin.get("/admin/catalogos/" + slug)
        eq(r.status, 200, slug)
        no_mexican_word(r.body, "/admin/catalogos/" + slug)
    for path in ("/panel", "/admin", "/plantilla"):
        no_mexican_word(admin.get(path).body, path)
    # a unit with a code of five characters
    r = admin.post("/admin/catalogos/entidades/nueva", [("clave", "GT-23"), ("nombre", "Departamento de Prueba"),
                                                       ("abreviatura", "DPR"), ("nombre_en", "Department of Testing"),
                                                       ("alias", "Prueba")])
    eq(r.status, 303, "unit added\n" + r.body[:1500])
    eq(q("SELECT name, name_en FROM state WHERE code = 'GT-23'"), [("Departamento de Prueba", "Department of Testing")],
       "stored, with its English name")
    # the form's four fields are required (issue 12: the English name too)
    r = admin.post("/admin/catalogos/entidades/nueva", [("clave", "GT-24"), ("nombre", "Sin Traducir"),
                                                       ("abreviatura", "STR"), ("nombre_en", ""), ("alias", "")])
    eq(r.status, 422, "a unit without its English name")
    r = admin.post("/admin/catalogos/entidades/nueva", [("clave", "GT 2"), ("nombre", "Otro"), ("abreviatura", "OT")])
    eq(r.status, 422, "a code with a space")
    r = admin.post("/admin/catalogos/entidades/nueva", [("clave", "GT-240"), ("nombre", "Otro"), ("abreviatura", "OT")])
    eq(r.status, 422, "a code of six characters")
    # removed when nothing uses it; refused while an institution is of it
    sid = q("SELECT id FROM state WHERE code = 'GT-23'")[0][0]
    eq(admin.post("/admin/catalogos/entidades/%d/borrar" % sid, []).status, 303, "unit removed")
    eq(q("SELECT count(*) FROM state WHERE code = 'GT-23'")[0][0], 0, "gone")
    used = q("SELECT id FROM state WHERE code = '09'")[0][0]
    r = admin.post("/admin/catalogos/entidades/%d/borrar" % used, [])
    eq(r.status, 409, "a unit in use")
    eq(q("SELECT count(*) FROM state")[0][0], 22, "22 departamentos")
    # a reporter type, with the grammar of its name
    r = admin.post("/admin/catalogos/tipos-instancia/nueva",
                   [("clave", "CC"), ("nombre", "Consejos Comunitarios"), ("nombre_en", "Community councils"),
                    ("genero", "m"), ("numero", "pl"), ("subnacional", "0")])
    eq(r.status, 303, "type added\n" + r.body[:1500])
    eq(q("SELECT gender, number, subnational FROM reporter_type WHERE code = 'CC'"), [("m", "pl", 0)], "grammar")
    r = admin.post("/admin/catalogos/tipos-instancia/nueva",
                   [("clave", "XX"), ("nombre", "Otro tipo"), ("nombre_en", "Other"), ("genero", "n"),
                    ("numero", "pl")])
    eq(r.status, 422, "a gender not f or m")
    # 64 types: the figures hold no more (FIG_MAX_TYPES), and a 65th is refused, not dropped
    for n in range(9, 65):
        r = admin.post("/admin/catalogos/tipos-instancia/nueva",
                       [("clave", "T%d" % n), ("nombre", "Tipo %d" % n), ("nombre_en", "Type %d" % n),
                        ("genero", "m"), ("numero", "sg"), ("subnacional", "0")])
        eq(r.status, 303, "type %d" % n)
    r = admin.post("/admin/catalogos/tipos-instancia/nueva",
                   [("clave", "T65"), ("nombre", "Tipo 65"), ("nombre_en", "Type 65"), ("genero", "m"),
                    ("numero", "sg"), ("subnacional", "0")])
    eq(r.status, 422, "a 65th type")
    contains(r.body, "a lo más 64 entradas")
    for n in range(9, 65):
        tid = q("SELECT id FROM reporter_type WHERE code = ?", "T%d" % n)[0][0]
        eq(admin.post("/admin/catalogos/tipos-instancia/%d/borrar" % tid, []).status, 303, "type %d removed" % n)
    # the new type reads in the Informe with its article
    r = admin.post("/admin/catalogos/instituciones/nueva",
                   [("siglas", "CC-SOL"), ("nombre", "Consejo Comunitario de Sololá"), ("tipo", "CC"), ("entidad", ""),
                    ("dependencia", ""), ("alias", "")])
    eq(r.status, 303, "institution of the new type\n" + r.body[:1500])
    rid = q("SELECT id FROM reporter_type WHERE code = 'CC'")[0][0]
    r = admin.post("/admin/catalogos/tipos-instancia/%d/borrar" % rid, [])
    eq(r.status, 409, "a type in use")
    used = q("SELECT id FROM reporter_type WHERE code = 'OE'")[0][0]
    eq(admin.post("/admin/catalogos/tipos-instancia/%d/borrar" % used, []).status, 409, "a type with actions")
    iid = q("SELECT id FROM institution WHERE acronym = 'CC-SOL'")[0][0]
    eq(admin.post("/admin/catalogos/instituciones/%d/borrar" % iid, []).status, 303, "institution removed")
    eq(admin.post("/admin/catalogos/tipos-instancia/%d/borrar" % rid, []).status, 303, "type removed")
    eq(q("SELECT count(*) FROM reporter_type")[0][0], 7, "seven types again")
    # a type that only the published revision still classifies an institution
    # by is in use: removing it would drop that action from the revision's figures
    r = admin.post("/admin/catalogos/tipos-instancia/nueva",
                   [("clave", "OJ2"), ("nombre", "Organismo Judicial (nuevo)"), ("nombre_en", "Judiciary (new)"),
                    ("genero", "m"), ("numero", "sg"), ("subnacional", "0")])
    eq(r.status, 303, "type OJ2 added")
    oj = q("SELECT id FROM institution WHERE acronym = 'OJ'")[0][0]
    r = stamped(admin, "/admin/catalogos/instituciones/%d" % oj,
                   [("siglas", "OJ"), ("nombre", "Organismo Judicial"), ("tipo", "OJ2"), ("entidad", ""),
                    ("dependencia", ""), ("alias", "")])
    eq(r.status, 303, "institution OJ moved to OJ2\n" + r.body[:1500])
    old = q("SELECT id FROM reporter_type WHERE code = 'OJ'")[0][0]
    r = admin.post("/admin/catalogos/tipos-instancia/%d/borrar" % old, [])
    eq(r.status, 409, "a type the published revision uses")
    eq(public.get("/api/v1/editions/2025/figures").status, 200, "figures")
    contains(public.get("/api/v1/editions/2025/figures").body, '"OJ":1,', "the revision still counts OJ")


def serving_never_reloads():
    # every institution of no action deleted, as an administrador may: the
    # server started again does not put the pack's institutions back
    con = sqlite3.connect(s.db)
    con.execute("DELETE FROM alias WHERE kind = 'institution'"
                " AND ref NOT IN (SELECT institution_id FROM action)")
    con.execute("DELETE FROM institution WHERE id NOT IN (SELECT institution_id FROM action)")
    con.commit()
    n = con.execute("SELECT count(*) FROM institution").fetchone()[0]
    con.close()
    global srv
    srv.stop()
    srv = Server(s)
    eq(Client(srv).get("/").status, 200, "served again")
    eq(q("SELECT count(*) FROM institution")[0][0], n, "institutions after serve")


def type_added_on_the_web():
    # the pack's columns of reporter_types.csv set on the platform: the
    # subnational flag (one type at most), the grammar and the nouns for
    # its bodies, which the Informe's narrative then uses
    t = Scratch()
    try:
        t.pmm("init", "--pack", GT, check=0)
        add_pack_admin(t)
        sv = Server(t)
        try:
            c = Client(sv)
            c.login("admin", PACK_ADMIN_PASSWORD)
            form = c.get("/admin/catalogos/tipos-instancia/nueva").body
            for name in ("subnacional", "instancia_es", "instancias_es", "instancia_en", "instancias_en"):
                contains(form, 'name="%s"' % name, "the new type's form")
            gm = [("clave", "GM"), ("nombre", "Gobiernos mancomunados"), ("nombre_en", "Joint governments"),
                  ("genero", "m"), ("numero", "pl"), ("subnacional", "1"),
                  ("instancia_es", "gobierno departamental"), ("instancias_es", "gobiernos departamentales"),
                  ("instancia_en", "departmental government"), ("instancias_en", "departmental governments")]
            # a second subnational type is refused, naming the one there is
            r = c.post("/admin/catalogos/tipos-instancia/nueva", gm)
            eq(r.status, 422, "a second subnational type")
            # the loader's words (core/catalog_rule.c, one home; F1316), as a sentence
            contains(r.body, "Ya es subnacional el tipo «GD» (Gobernaciones departamentales): solo uno puede "
                             "serlo; márquelo antes como no subnacional.")
            # the stored one unmarked first (through its form, with its stamp)
            gd = t.query("SELECT id FROM reporter_type WHERE code = 'GD'")[0][0]
            page = c.get("/admin/catalogos/tipos-instancia/%d" % gd).body
            stamp = re.search(r'name="antes" value="([0-9a-f]+)"', page).group(1)
            keep = [("nombre", "Gobernaciones departamentales"), ("nombre_en", "Departmental governorates"),
                    ("genero", "f"), ("numero", "pl"), ("antes", stamp)]
            r = c.post("/admin/catalogos/tipos-instancia/%d" % gd, keep + [("subnacional", "0")])
            eq(r.status, 303, "GD no longer subnational\n" + r.body[:1500])
            # the same form sent again: its entry changed since, refused (409), not written over
            r = c.post("/admin/catalogos/tipos-instancia/%d" % gd, keep + [("subnacional", "1")])
            eq(r.status, 409, "a stale form")
            eq(t.query("SELECT subnational FROM reporter_type WHERE code = 'GD'")[0][0], 0, "unchanged")
            r = c.post("/admin/catalogos/tipos-instancia/nueva", gm)
            eq(r.status, 303, "GM added\n" + r.body[:1500])
            eq(t.query("SELECT gender, number, subnational, body_es, bodies_es, body_en, bodies_en"
                       " FROM reporter_type WHERE code = 'GM'"),
               [("m", "pl", 1, "gobierno departamental", "gobiernos departamentales", "departmental government",
                 "departmental governments")], "stored")
            r = c.post("/admin/catalogos/tipos-instancia/nueva",
                       [("clave", "OEL"), ("nombre", "Organismo Electoral"), ("nombre_en", "Electoral Body"),
                        ("genero", "m"), ("numero", "sg"), ("subnacional", "0"), ("instancia_es", ""),
                        ("instancias_es", ""), ("instancia_en", ""), ("instancias_en", "")])
            eq(r.status, 303, "OEL added\n" + r.body[:1500])
            for siglas, nombre, tipo, unidad in (("GM-QUE", "Gobierno de Quetzaltenango", "GM", "09"),
                                                 ("GM-HUE", "Gobierno de Huehuetenango", "GM", "13"),
                                                 ("TSE", "Tribunal Supremo Electoral", "OEL", "")):
                r = c.post("/admin/catalogos/instituciones/nueva",
                           [("siglas", siglas), ("nombre", nombre), ("tipo", tipo), ("entidad", unidad),
                            ("dependencia", ""), ("alias", "")])
                eq(r.status, 303, "institution %s\n%s" % (siglas, r.body[:1500]))
        finally:
            sv.stop()
        t.write("a.csv", ACTIONS.replace("GT-3,GD-QUE", "GT-3,GM-QUE").replace("GT-4,GD-HUE", "GT-4,GM-HUE")
                .replace("GT-6,PDH", "GT-6,TSE"))
        t.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
        html = t.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", check=0).stdout
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        for want in ("dos gobiernos departamentales", "reportada por el Organismo Electoral",
                     "La participación departamental abarcó 2 de los 22 departamentos."):
            contains(text, want, "the Informe")
        for bad in ("la Organismo Electoral", "las Gobiernos", "instancias (Gobiernos"):
            if bad in text:
                raise AssertionError("the Informe says %r" % bad)
    finally:
        t.close()


def twenty_types_on_the_dashboard():
    # more reporter types and populations than the palette's 16 colours:
    # every one on the dashboard, and no two series of a chart alike
    t = Scratch()
    try:
        bigpack.load(t)
        t.pmm("edition", "set", "2025", "--period", "2024-01:2024-12", check=0)
        t.pmm("edition", "set", "2025", "--state", "publicada", check=0)
        sv = Server(t)
        try:
            r = Client(sv).get("/ediciones/2025")
            eq(r.status, 200, "dashboard")
            for n in bigpack.NEW_TYPES:
                contains(r.body, 'tipo=T%d"' % n, "type T%d on the dashboard" % n)
            for n in bigpack.NEW_POPS:
                contains(r.body, "Población %d" % n, "population p%d on the dashboard" % n)
            # the Informe the platform serves: its charts' legends (17 types with challenges, 12 populations)
            h = Client(sv).get("/descargas/2025/informe.html").body
            sizes = []
            for svg in re.findall(r"<svg.*?</svg>", h, re.S):
                fills = re.findall(r'<rect [^>]*width="1[12]\.00" height="1[12]\.00" fill="(#[0-9A-Fa-f]{6})"', svg)
                eq(len(set(fills)), len(fills), "a chart's legend: no two series alike: %s" % fills)
                sizes.append(len(fills))
            if 17 not in sizes or 12 not in sizes:
                raise AssertionError("the Informe's legends: %s" % sizes)
            eq(Client(sv).get("/api/v1/editions/2025/figures").status, 200, "figures")
        finally:
            sv.stop()
    finally:
        t.close()


def the_packs_number_style_on_the_dashboard():
    # "numeros": {"miles": "."}: the dashboard writes «2.000» beneficiaries
    # (the Mexican and Guatemalan packs: «2000», four digits not split)
    t = Scratch()
    try:
        d = pack_copy(t, GT, pack_json_edit(lambda j: j.update(numeros={"miles": ".", "decimal": ","})))
        t.pmm("init", "--pack", d, check=0)
        t.write("a.csv", ACTIONS)
        t.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
        t.pmm("edition", "set", "2025", "--period", "2024-01:2024-12", check=0)
        t.pmm("edition", "set", "2025", "--state", "publicada", check=0)
        sv = Server(t)
        try:
            body = Client(sv).get("/ediciones/2025").body
            contains(body, ">2.000<", "the dashboard's beneficiaries")
        finally:
            sv.stop()
        sv = Server(t, lang="en")
        try:
            contains(Client(sv).get("/ediciones/2025").body, ">2,000<", "in English")
        finally:
            sv.stop()
    finally:
        t.close()


check("the public pages name Guatemala and its departamentos", public_pages_name_guatemala)
check("the administrador adds and removes units and reporter types", admin_adds_and_removes_units_and_types)
check("pmm serve never reloads the catalogs", serving_never_reloads)
check("a reporter type added on the web reads right in the Informe", type_added_on_the_web)
check("a country with 20 reporter types and 12 populations on the dashboard", twenty_types_on_the_dashboard)
check("the pack's number style on the dashboard", the_packs_number_style_on_the_dashboard)
srv.stop()
s.close()
done()
