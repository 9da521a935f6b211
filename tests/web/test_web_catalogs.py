"""The administrator edits the catalogs from the web (/admin/catalogos):
roles and CSRF, field messages, refusals to delete what is used, the audit
log, cached pages that show the new labels, the catalogs the CLI then reads
(import, template), and edits while other clients read."""
import html
import json
import re
import unicodedata
import sqlite3
import threading
import time
import zipfile
import webtest  # noqa: E402
from webtest import PMM, Client, Server, check, contains, demo_server, done, eq, form_fields, total  # noqa: F401

s, srv = demo_server("--threads", "4")
admin, coord, inm, public = Client(srv), Client(srv), Client(srv), Client(srv)
state = {}


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


def one(sql, *args):
    rows = q(sql, *args)
    return rows[0][0] if rows else None


def stamped(client, path, fields):
    """POSTs an edit form with the stamp «antes» of the entry as its page
    shows it now: a form without one is refused (issue 16, fault 20)."""
    page = client.get(path).body
    stamp = re.search(r'name="antes" value="([0-9a-f]+)"', page).group(1)
    return client.post(path, [(k, v) for k, v in fields if k != "antes"] + [("antes", stamp)])


def catalog_dump():
    """The catalog tables and the audit log, to tell whether anything was written."""
    return [q("SELECT * FROM %s ORDER BY 1" % t) for t in
            ("institution", "challenge_category", "action_type", "population", "objective",
             "reporter_type", "state", "alias", "audit_log")]


NEW_INST = [("siglas", "IMPRUEBA"), ("nombre", "Instituto de Prueba para Personas Migrantes"),
            ("tipo", "APF"), ("entidad", ""), ("dependencia", ""),
            ("alias", "Instituto de Prueba; Prueba Migrantes")]


def logins_and_roles():
    admin.login("admin")
    coord.login("coordinador")
    inm.login("enlace.inm")
    r = admin.get("/admin/catalogos")
    eq(r.status, 200, "admin index")
    for name in ["Instancias", "Categorías de retos", "Tipos de acción", "Poblaciones atendidas",
                 "Objetivos del Pacto", "Tipos de instancia", "Entidades federativas"]:
        contains(r.body, name, "index")
    eq(re.search(r'id="n-objetivos">(\d+)<', r.body).group(1), "23", "objectives counted")
    contains(admin.get("/admin").body, 'href="/admin/catalogos"', "/admin links to the catalogs")
    for path in ["/admin/catalogos", "/admin/catalogos/instituciones", "/admin/catalogos/instituciones/nueva",
                 "/admin/catalogos/objetivos/7"]:
        r = public.get(path)
        # to the login, which returns to the page after (issue 11)
        eq((r.status, r.header("Location")), (303, "/entrar?next=" + path.replace("/", "%2F")),
           "public GET " + path)
        eq(coord.get(path).status, 403, "coordinador GET " + path)
        eq(inm.get(path).status, 403, "enlace GET " + path)
    eq(admin.get("/admin/catalogos/no-existe").status, 404, "unknown catalog")
    eq(admin.get("/admin/catalogos/objetivos/24").status, 404, "unknown entry")
    eq(admin.get("/admin/catalogos/objetivos/7x").status, 404, "not a number")


def list_shows_uses():
    body = admin.get("/admin/catalogos/instituciones").body
    sre = one("SELECT id FROM institution WHERE acronym='SRE'")
    # the editions' actions, not a published revision's copies of them again
    # (issue 16, hostile fault 13); the revisions are named apart
    n = one("SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id"
            " WHERE a.institution_id=? AND e.snapshot_of IS NULL", sre)
    revs = one("SELECT count(DISTINCT a.edition_id) FROM action a JOIN edition e ON e.id = a.edition_id"
               " WHERE a.institution_id=? AND e.snapshot_of IS NOT NULL", sre)
    row = re.search(r'<tr id="e-%d">(.*?)</tr>' % sre, body).group(1)
    contains(row, "acciones: %d" % n, "SRE's row")
    if revs:
        contains(row, "revisiones publicadas que la usan: %d" % revs, "SRE's row")
    contains(row, "Cancillería", "SRE's aliases")


def every_post_refused_to_others():
    before = catalog_dump()
    posts = [("/admin/catalogos/instituciones/nueva", NEW_INST)]
    # every POST route of every catalog, with an entry that exists
    for slug, table in [("instituciones", "institution"), ("categorias", "challenge_category"),
                        ("tipos-accion", "action_type"), ("poblaciones", "population"), ("objetivos", "objective"),
                        ("tipos-instancia", "reporter_type"), ("entidades", "state")]:
        eid = one("SELECT min(%s) FROM %s" % ("n" if table == "objective" else "id", table))
        fields = [("nombre", "x"), ("nombre_en", "y"), ("titulo_es", "x"), ("titulo_en", "y"), ("siglas", "X2"),
                  ("tipo", "APF"), ("definicion", "z"), ("clave", "x2"), ("abreviatura", "X")]
        posts += [("/admin/catalogos/%s/nueva" % slug, fields), ("/admin/catalogos/%s/%d" % (slug, eid), fields),
                  ("/admin/catalogos/%s/%d/borrar" % (slug, eid), [])]
    for path, fields in posts:
        eq(coord.post(path, fields).status, 403, "coordinador POST " + path)
        eq(inm.post(path, fields).status, 403, "enlace POST " + path)
        eq(public.post(path, fields).status, 403, "public POST " + path)
        eq(admin.post(path, fields, csrf=False).status, 403, "admin POST without CSRF " + path)
        eq(admin.post(path, fields + [("csrf", "0" * 64)], csrf=False).status, 403, "admin, wrong CSRF " + path)
    eq(catalog_dump(), before, "nothing written")


def admin_adds_an_institution():
    admin.get("/admin/catalogos/instituciones/nueva")
    r = admin.post("/admin/catalogos/instituciones/nueva", NEW_INST)
    eq(r.status, 303, "created\n" + r.body[:3000])
    iid = one("SELECT id FROM institution WHERE acronym='IMPRUEBA'")
    state["inst"] = iid
    contains(r.header("Location"), "/admin/catalogos/instituciones#e-%d" % iid, "redirect")
    eq(q("SELECT name, type, state, parent_id FROM institution WHERE id=?", iid),
       [("Instituto de Prueba para Personas Migrantes", "APF", None, None)], "row")
    eq(sorted(a for (a,) in q("SELECT alias FROM alias WHERE kind='institution' AND ref=?", iid)),
       ["Instituto de Prueba", "Prueba Migrantes"], "aliases")
    # the pickers of the platform have it at once, in every thread
    for _ in range(8):
        contains(public.get("/acciones").body, "IMPRUEBA", "filter of the action list")
    contains(admin.get("/admin").body, "IMPRUEBA", "account form")


def duplicates_get_field_messages():
    before = catalog_dump()
    dup = [("siglas", "sre"), ("nombre", "Otra instancia con nombre nuevo"), ("tipo", "APF"),
           ("alias", "Cancillería")]
    r = admin.post("/admin/catalogos/instituciones/nueva", dup)
    eq(r.status, 422, "duplicate acronym")
    contains(r.body, 'id="err-siglas"')
    contains(r.body, 'id="err-alias"')
    contains(r.body, 'value="Otra instancia con nombre nuevo"', "what was typed is kept")
    contains(r.body, "Cancillería", "aliases typed are kept")
    r = admin.post("/admin/catalogos/instituciones/nueva",
                   [("siglas", "NUEVA"), ("nombre", "Secretaría de Relaciones Exteriores"), ("tipo", "APF")])
    eq(r.status, 422, "a name that already names SRE")
    contains(r.body, 'id="err-nombre"')
    r = admin.post("/admin/catalogos/instituciones/nueva", [("siglas", "SRE"), ("nombre", ""), ("tipo", "APF")])
    eq(r.status, 422, "duplicate acronym and no name")
    contains(r.body, 'id="err-siglas"', "every message at once")
    contains(r.body, 'id="err-nombre"', "every message at once")
    r = admin.post("/admin/catalogos/instituciones/nueva",
                   [("siglas", ""), ("nombre", "x" * 301), ("tipo", "ZZZ"), ("entidad", "99")])
    eq(r.status, 422, "empty and bad values")
    for f in ("siglas", "nombre", "tipo", "entidad"):
        contains(r.body, 'id="err-%s"' % f)
    # an edit that would make SRE depend on one of its own dependents
    sre = one("SELECT id FROM institution WHERE acronym='SRE'")
    child = one("SELECT id FROM institution WHERE parent_id=?", sre)
    if child:
        r = stamped(admin, "/admin/catalogos/instituciones/%d" % sre,
                       [("siglas", "SRE"), ("nombre", "Secretaría de Relaciones Exteriores"), ("tipo", "APF"),
                        ("dependencia", str(child)), ("alias", "Cancillería; Relaciones Exteriores")])
        eq(r.status, 422, "a cycle of dependence")
        contains(r.body, 'id="err-dependencia"')
    eq(catalog_dump(), before, "nothing written")


def category_definition_reaches_the_glossary():
    cid, name = q("SELECT id, name FROM challenge_category WHERE name LIKE 'Barreras culturales%'")[0]
    eq(public.get("/glosario").status, 200, "glossary cached")
    contains(public.get("/glosario").body, name)
    page = admin.get("/admin/catalogos/categorias/%d" % cid).body
    contains(page, "No se puede borrar", "a used category offers no delete")
    new = "Definición revisada: dificultades de idioma <y> costumbres."
    r = stamped(admin, "/admin/catalogos/categorias/%d" % cid,
                   [("nombre", name), ("nombre_en", "Cultural and language barriers"), ("definicion", new)])
    eq(r.status, 303, "saved\n" + r.body[:2000])
    eq(one("SELECT definition FROM challenge_category WHERE id=?", cid), new, "stored")
    body = public.get("/glosario").body
    contains(body, "Definición revisada: dificultades de idioma &lt;y&gt; costumbres.", "glossary (escaped)")


def english_names_edited():
    """Issue 12 (P12B): the English definition of a category and the English
    name of a state are edited on the platform and reach the English Informe."""
    cid, name, name_en, definition = q("SELECT id, name, name_en, definition FROM challenge_category"
                                       " WHERE name LIKE 'Obstáculos legales%'")[0]
    page = admin.get("/admin/catalogos/categorias/%d" % cid).body
    contains(page, 'name="definicion_en"', "the form has the English definition")
    new_en = "Revised: the regulatory factors that stand in the way <of> care."
    r = stamped(admin, "/admin/catalogos/categorias/%d" % cid,
                   [("nombre", name), ("nombre_en", name_en), ("definicion", definition), ("definicion_en", new_en)])
    eq(r.status, 303, "saved\n" + r.body[:2000])
    eq(one("SELECT definition_en FROM challenge_category WHERE id=?", cid), new_en, "stored")
    sid = one("SELECT id FROM state WHERE code='09'")
    page = admin.get("/admin/catalogos/entidades/%d" % sid).body
    contains(page, 'name="nombre_en" maxlength="100" value="Mexico City"', "the form has the English name")
    aliases = re.search(r'<textarea id="c-alias"[^>]*>([^<]*)</textarea>', page).group(1)
    r = stamped(admin, "/admin/catalogos/entidades/%d" % sid,
                   [("nombre", "Ciudad de México"), ("abreviatura", "CDMX"), ("nombre_en", "Mexico City (CDMX)"),
                    ("alias", aliases)])
    eq(r.status, 303, "saved\n" + r.body[:2000])
    r = s.pmm("report", "--edition", "2024", "--revision", "live", "--lang", "en", "--format", "html",
              "-o", s.path("en.html"))
    eq(r.returncode, 0, r.stderr)
    html = open(s.path("en.html"), encoding="utf-8").read()
    contains(html, "Revised: the regulatory factors that stand in the way &lt;of&gt; care.", "English glossary")
    contains(html, "<td>Mexico City (CDMX)</td>", "English Annex B")
    r = stamped(admin, "/admin/catalogos/entidades/%d" % sid,
                   [("nombre", "Ciudad de México"), ("abreviatura", "CDMX"), ("nombre_en", ""), ("alias", aliases)])
    eq(r.status, 422, "the English name is required")


def objective_title_reaches_cached_pages():
    for p in ("/objetivos", "/ediciones/2024"):
        eq(public.get(p).status, 200, p)
        public.get(p)                      # now served from the cache
    title = "Abordar y reducir las vulnerabilidades en la migración (título revisado)"
    r = stamped(admin, "/admin/catalogos/objetivos/7",
                   [("titulo_es", title), ("titulo_en", "Address and reduce vulnerabilities in migration")])
    eq(r.status, 303, "saved\n" + r.body[:2000])
    for p in ("/objetivos", "/ediciones/2024"):
        contains(public.get(p).body, title, p)
    eq(one("SELECT count(*) FROM objective"), 23, "still 23 objectives")
    # issue 12: the short title is edited here too, and the charts carry it
    contains(admin.get("/admin/catalogos/objetivos/7").body, 'name="titulo_corto_es"', "short title field")
    contains(admin.get("/admin/catalogos/objetivos/8").body, 'name="titulo_corto_es" maxlength="60" value="Salvar vidas"',
             "the Network's label")
    r = stamped(admin, "/admin/catalogos/objetivos/7",
                   [("titulo_es", title), ("titulo_en", "Address and reduce vulnerabilities in migration"),
                    ("titulo_corto_es", "Vulnerabilidades <revisado>"), ("titulo_corto_en", "Vulnerabilities")])
    eq(r.status, 303, "saved\n" + r.body[:2000])
    eq(q("SELECT short_es, short_en FROM objective WHERE n = 7"), [("Vulnerabilidades <revisado>", "Vulnerabilities")],
       "short titles stored")
    s.pmm("chart", "objetivos", "--edition", "2024", "-o", "obj.svg", check=0)
    contains(open(s.path("obj.svg"), encoding="utf-8").read(), "7. Vulnerabilidades &lt;revisado&gt;", "chart label")
    r = stamped(admin, "/admin/catalogos/objetivos/7", [("titulo_es", title), ("titulo_en", "Address and reduce"),
                                                    ("titulo_corto_es", "x" * 61), ("titulo_corto_en", "")])
    eq(r.status, 422, "a short title over 60 bytes is refused")
    contains(r.body, 'id="err-titulo_corto_es"')
    eq(q("SELECT short_es FROM objective WHERE n = 7"), [("Vulnerabilidades <revisado>",)], "nothing written")
    eq(admin.post("/admin/catalogos/objetivos/nueva", [("titulo_es", "24"), ("titulo_en", "24")]).status, 403,
       "no 24th objective")
    eq(admin.post("/admin/catalogos/objetivos/7/borrar", []).status, 403, "objectives are not deleted")


def state_renamed():
    sid = one("SELECT id FROM state WHERE code='16'")
    state["state_before"] = one("SELECT name FROM state WHERE id=?", sid)
    page = admin.get("/admin/catalogos/entidades/%d" % sid).body
    aliases = re.search(r'<textarea id="c-alias"[^>]*>([^<]*)</textarea>', page).group(1)
    r = stamped(admin, "/admin/catalogos/entidades/%d" % sid,
                   [("clave", "99"), ("nombre", "Michoacán"), ("abreviatura", "MICH"), ("nombre_en", "Michoacán"),
                    ("alias", aliases)])
    eq(r.status, 303, "renamed\n" + r.body[:2000])
    eq(q("SELECT code, name FROM state WHERE id=?", sid), [("16", "Michoacán")], "the code stays")
    contains(public.get("/acciones").body, '<option value="16">Michoacán</option>', "filter of the action list")
    r = stamped(admin, "/admin/catalogos/entidades/%d" % sid,
                   [("nombre", "Chiapas"), ("abreviatura", "MICH"), ("nombre_en", "Chiapas"), ("alias", aliases)])
    eq(r.status, 422, "another state's name")
    contains(r.body, 'id="err-nombre"')


def reporter_type_and_population_edits():
    rid = one("SELECT id FROM reporter_type WHERE code='OSC'")
    r = stamped(admin, "/admin/catalogos/tipos-instancia/%d" % rid,
                   [("nombre", "Organizaciones de la sociedad civil"), ("nombre_en", "Civil society organizations")])
    eq(r.status, 303, "reporter type\n" + r.body[:2000])
    eq(one("SELECT name_es FROM reporter_type WHERE code='OSC'"), "Organizaciones de la sociedad civil", "stored")
    r = admin.post("/admin/catalogos/poblaciones/nueva",
                   [("clave", "Con Espacio"), ("nombre", "Otra"), ("nombre_en", "Other")])
    eq(r.status, 422, "bad population code")
    contains(r.body, 'id="err-clave"')
    r = admin.post("/admin/catalogos/poblaciones/nueva",
                   [("clave", "transito"), ("nombre", "Personas en tránsito"), ("nombre_en", "People in transit"),
                    ("alias", "Tránsito")])
    eq(r.status, 303, "new population\n" + r.body[:2000])
    eq(one("SELECT name FROM population WHERE code='transito'"), "Personas en tránsito", "stored")


def deletes_only_what_is_unused():
    before = catalog_dump()
    sre = one("SELECT id FROM institution WHERE acronym='SRE'")
    r = admin.post("/admin/catalogos/instituciones/%d/borrar" % sre, [])
    eq(r.status, 409, "used institution")
    contains(r.body, "renómbrela")
    cat = one("SELECT category_id FROM challenge WHERE category_id IS NOT NULL LIMIT 1")
    eq(admin.post("/admin/catalogos/categorias/%d/borrar" % cat, []).status, 409, "used category")
    eq(catalog_dump(), before, "nothing written")
    r = admin.post("/admin/catalogos/tipos-accion/nueva", [("nombre", "Tipo de prueba"), ("nombre_en", "Test type")])
    eq(r.status, 303, "new action type\n" + r.body[:2000])
    tid = one("SELECT id FROM action_type WHERE name='Tipo de prueba'")
    contains(admin.get("/admin/catalogos/tipos-accion/%d" % tid).body, "/borrar", "delete offered")
    eq(admin.post("/admin/catalogos/tipos-accion/%d/borrar" % tid, []).status, 303, "unused deleted")
    eq(one("SELECT count(*) FROM action_type WHERE id=?", tid), 0, "gone")
    eq(admin.post("/admin/catalogos/tipos-accion/%d/borrar" % tid, []).status, 404, "already gone")


def audit_log_rows():
    rows = q("SELECT a.username, l.what, l.before, l.after, l.action_id FROM audit_log l "
             "JOIN account a ON a.id = l.user_id WHERE l.what LIKE 'catálogo %' ORDER BY l.id")
    whats = [w for _, w, _, _, _ in rows]
    for want in ["catálogo instituciones IMPRUEBA: alta", "catálogo objetivos 7: cambio",
                 "catálogo entidades 16: cambio", "catálogo tipos-accion Tipo de prueba: alta",
                 "catálogo tipos-accion Tipo de prueba: baja"]:
        if want not in whats:
            raise AssertionError("no audit row %r in %r" % (want, whats))
    for user, what, before, after, action in rows:
        eq((user, action), ("admin", None), what)
    st = [r for r in rows if r[1] == "catálogo entidades 16: cambio"][0]
    eq((json.loads(st[2])["nombre"], json.loads(st[3])["nombre"]), (state["state_before"], "Michoacán"), "before, after")
    eq(json.loads([r for r in rows if r[1].endswith("IMPRUEBA: alta")][0][3])["alias"],
       "Instituto de Prueba; Prueba Migrantes", "aliases in the record")
    page = admin.get("/admin/catalogos").body
    contains(page, "Cambios recientes")
    contains(page, "catálogo entidades 16: cambio")
    contains(page, "&quot;nombre&quot;:&quot;Michoacán&quot;")


def another_process_edits():
    """A write to the catalogs by another process reaches every thread."""
    public.get("/glosario")
    con = sqlite3.connect(s.db)
    con.execute("UPDATE challenge_category SET name = 'Obstáculos legales (otro proceso)' "
                "WHERE name = 'Obstáculos legales'")
    con.commit()
    con.close()
    time.sleep(0.05)        # a thread looks at the database at most every 5 ms before serving from cache
    for _ in range(8):
        contains(public.get("/glosario").body, "Obstáculos legales (otro proceso)", "glossary")
        contains(public.get("/acciones").body, "Obstáculos legales (otro proceso)", "filter")


def cli_reads_the_new_institution():
    csv = ("folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,enfoque_genero,discapacidad,"
           "beneficiarios,resultados\n"
           "P-1,IMPRUEBA,7,Acción del instituto nuevo,Descripción,Capacitación,transito,No,No,10,Bien\n"
           "P-2,Prueba Migrantes,15,Otra acción por alias,Descripción,Capacitación,extranjeros,Sí,No,,Bien\n")
    p = s.write("nuevas.csv", csv)
    r = s.pmm("import", "--edition", "2025", p)
    eq(r.returncode, 0, "import\n" + r.stdout + r.stderr)
    eq(q("SELECT a.folio FROM action a JOIN edition e ON e.id = a.edition_id "
         "WHERE e.name='2025' AND a.institution_id=? ORDER BY a.folio", state["inst"]),
       [("P-1",), ("P-2",)], "imported under the new institution")
    eq(one("SELECT count(*) FROM action_population ap JOIN population p ON p.id = ap.population_id "
           "WHERE p.code='transito'"), 1, "the new population too")
    r = s.pmm("template", "--edition", "2025", "--institution", "IMPRUEBA", "-o", s.path("t.xlsx"))
    eq(r.returncode, 0, "template\n" + r.stdout + r.stderr)
    with zipfile.ZipFile(s.path("t.xlsx")) as z:
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    contains(text, "IMPRUEBA", "template")
    r = s.pmm("catalog", "institutions")
    contains(r.stdout, "IMPRUEBA", "pmm catalog")
    # searched once now, so the index holds the name as it is at this point
    eq(total(coord.get("/acciones?edicion=2025&q=IMPRUEBA").body), 2, "search by acronym")
    # pmm init again does not put the shipped names back over the edits
    r = s.pmm("init")
    eq(r.returncode, 0, "init\n" + r.stderr)
    contains(r.stdout, "no vuelve a cargar sus catálogos", "init")   # issue 16: the pack is loaded once
    eq(one("SELECT name FROM state WHERE code='16'"), "Michoacán", "state name after pmm init")
    eq(one("SELECT count(*) FROM alias WHERE kind='institution' AND ref=?", state["inst"]), 2, "aliases kept")


def reads_while_the_admin_edits():
    """Clients read pages that print catalog labels while the administrator
    renames an objective and an institution again and again."""
    errors, counts = [], [0]
    stop = threading.Event()
    paths = ["/acciones", "/objetivos", "/glosario", "/ediciones/2024", "/acciones?edicion=2024&objetivo=3"]

    def reader(k):
        c = Client(srv)
        if k == 0:
            c.login("coordinador")
        i = 0
        while not stop.is_set():
            p = paths[i % len(paths)]
            i += 1
            try:
                r = c.get(p)
                counts[0] += 1
                if r.status != 200:
                    errors.append("%s %d" % (p, r.status))
            except Exception as e:  # noqa: BLE001
                errors.append("%s %s" % (p, e))

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    iid = state["inst"]
    try:
        i = -1
        while i < 11 or (counts[0] < 300 and i < 199):     # at least 12 edits and 300 reads
            i += 1
            r = stamped(admin, "/admin/catalogos/objetivos/3",
                           [("titulo_es", "Proporcionar información exacta y oportuna (versión %d)" % i),
                            ("titulo_en", "Provide accurate and timely information (v%d)" % i)])
            if r.status != 303:
                errors.append("edit %d: %d" % (i, r.status))
            fields = [(k, v) for k, v in NEW_INST if k not in ("nombre",)] + \
                [("nombre", "Instituto de Prueba, versión %d" % i)]
            r = stamped(admin, "/admin/catalogos/instituciones/%d" % iid, fields)
            if r.status != 303:
                errors.append("institution edit %d: %d %s" % (i, r.status, r.body[:500]))
    finally:
        stop.set()
        for t in threads:
            t.join()
    eq(errors, [], "errors")
    print("# %d reads by 4 clients during %d edits" % (counts[0], 2 * (i + 1)))
    if counts[0] < 20:
        raise AssertionError("only %d reads" % counts[0])
    contains(public.get("/objetivos").body, "(versión %d)" % i, "last title")
    contains(public.get("/acciones").body, "Instituto de Prueba, versión %d" % i, "last name")
    # the search index holds the institution's new name too
    eq(total(coord.get("/acciones?edicion=2025&q=instituto+prueba+version+%d" % i).body), 2, "search by the new name")


check("the catalog pages are the administrator's only", logins_and_roles)
check("the list tells each entry's use", list_shows_uses)
check("every catalog POST is refused to others and without CSRF", every_post_refused_to_others)
check("the administrator adds an institution", admin_adds_an_institution)
check("duplicates and bad values get field messages, nothing written", duplicates_get_field_messages)
check("a category's definition reaches the glossary", category_definition_reaches_the_glossary)
check("an objective's title reaches the cached pages", objective_title_reaches_cached_pages)
check("a state is renamed, its code stays", state_renamed)
check("English definitions and state names are edited and reach the English Informe", english_names_edited)
check("reporter types and populations", reporter_type_and_population_edits)
check("only unused entries are deleted (409 otherwise)", deletes_only_what_is_unused)
check("every change is in the audit log", audit_log_rows)
check("another process's catalog edit reaches every thread", another_process_edits)
check("pmm import and pmm template know the new institution", cli_reads_the_new_institution)
check("reads while the administrator edits: no error", reads_while_the_admin_edits)


def states_in_spanish_collation():
    """Issue 12 (P12B): the public list of states sorts by name in Spanish
    collation (accents and case folded, ñ after n): two states renamed
    «Ángel» and «Ñuflo» take their places among «Ciudad de México»,
    «Coahuila de Zaragoza» and «Zacatecas»."""
    def key(name):
        name = unicodedata.normalize("NFD", name.casefold()).replace("n\u0303", "n\x7f")
        return "".join(c for c in name if unicodedata.category(c) != "Mn")

    for code, name in (("01", "Ángel"), ("02", "Ñuflo")):
        sid = one("SELECT id FROM state WHERE code=?", code)
        page = admin.get("/admin/catalogos/entidades/%d" % sid).body
        fields = [(k, v) for k, v in form_fields(page, "/admin/catalogos/entidades/%d" % sid)
                  if k != "nombre"] + [("nombre", name)]
        eq(stamped(admin, "/admin/catalogos/entidades/%d" % sid, fields).status, 303, "renamed " + code)
    body = public.get("/acciones").body
    select = re.search(r'<select id="f-estado".*?</select>', body, re.S).group(0)
    names = [html.unescape(n) for n in re.findall(r'<option value="\d\d"[^>]*>([^<]*)</option>', select)]
    eq(len(names), 32, "states listed")
    eq(names, sorted(names, key=key), "states in Spanish collation")
    mine = [n for n in names if n in ("Ángel", "Ñuflo", "Zacatecas", "Ciudad de México", "Coahuila de Zaragoza")]
    eq(mine, ["Ángel", "Ciudad de México", "Coahuila de Zaragoza", "Ñuflo", "Zacatecas"], "the five")


check("the public list of states is in Spanish collation", states_in_spanish_collation)
code, out, err = srv.stop()
check("the server stops cleanly", lambda: eq(code, 0, "exit\n" + err[-3000:]))
s.close()
done()
