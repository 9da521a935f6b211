"""Issue 10, the last faults of the web and the API (docs/reliability.md,
rows 14-20), each through HTTP against a real server; each check fails on
the code before its fix:
 1. a form saved unchanged rewrote LF to CRLF (a browser's textarea line
    ends): it now stores the same text, bumps no version, logs no change
    (a save that changes nothing writes nothing, form and API alike);
 2. an action with 500 challenges could not be saved (1 000 form fields);
 3. a save while another process held the database answered 500 and lost
    what was typed: now 503, the form again with the text, Retry-After;
 4. racing API creates with one folio got 500: now 422 with the folio,
    also when another process commits the folio meanwhile;
 5. a public link to an action of an older revision said nothing of it
    (and named its edition "2024@r1");
 6. API messages in English in a Spanish server; the API's and the
    form's messages for the same fault are the same sentence."""
import json
import re
import sqlite3
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from webtest import PMM, Client, Server, Scratch, api, check, contains, done, eq, form_of, set_field

s = Scratch()
s.pmm("demo", check=0)
HEAD = ["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
        "enfoque_genero", "discapacidad", "beneficiarios", "resultados"]
TEXT = "Primera línea de la descripción.\nSegunda línea.\n\nUn párrafo aparte, con «comillas» & signos."
RESULTS = "Resultado uno.\nResultado dos."


def taken(folio):
    """The one folio sentence (core/action.c), the import's as well."""
    return (f"el folio «{folio}» ya es de otra acción de esta edición: cada acción lleva "
            "su propio folio; use otro")


def write_csv(name, rows):
    with open(s.path(name), "w", encoding="utf-8", newline="") as f:
        for r in rows:
            f.write(",".join('"%s"' % c.replace('"', '""') for c in r) + "\n")
    return s.path(name)


def action(folio, description="Descripción", results="Resultados"):
    return [folio, "INM", "7;15", "Acción " + folio, description, "", "", "Sí", "No", "10", results]


acc = [HEAD, action("ML-1", TEXT, RESULTS), action("R-500"), action("BUSY"), action("SAME")]
ret = [["folio", "reto", "categoria"], ["ML-1", "Un reto\nde dos líneas", ""]] + \
      [["R-500", "Reto %d de la acción grande" % i, ""] for i in range(500)]
s.pmm("import", "--edition", "2025", "--status", "enviada", write_csv("a.csv", acc),
      "--retos", write_csv("r.csv", ret), check=0)
srv = Server(s, "--threads", "4")
coord, public = Client(srv), Client(srv)
coord.login("coordinador")


def action_id(folio, edition="2025"):
    con = sqlite3.connect(s.db)
    row = con.execute("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id"
                      " WHERE e.name = ? AND a.folio = ?", (edition, folio)).fetchone()
    con.close()
    return row[0]


def audit_rows(aid):
    con = sqlite3.connect(s.db)
    n = con.execute("SELECT count(*) FROM audit_log WHERE action_id = ?", (aid,)).fetchone()[0]
    con.close()
    return n


def post_form(client, aid, fields):
    return client.post("/acciones/%d/editar" % aid, fields)


# ---- fault 1: CRLF ----

def crlf_form_saved_unchanged_changes_nothing():
    aid = action_id("ML-1")
    before = api(coord, aid)
    eq((before["description"], before["results"], before["challenges"][0]["text"]),
       (TEXT, RESULTS, "Un reto\nde dos líneas"), "as imported")
    logged = audit_rows(aid)                            # the import's own entry
    fields, _ = form_of(coord, aid, crlf=True)          # what a browser sends
    contains(dict(fields)["descripcion"], "\r\n", "the browser's line ends")
    r = post_form(coord, aid, fields)
    eq(r.status, 303, "saved unchanged\n" + r.body[:1500])
    after = api(coord, aid)
    eq((after["description"], after["results"], after["challenges"][0]["text"]),
       (TEXT, RESULTS, "Un reto\nde dos líneas"), "stored text after an unchanged save")
    eq(after["version"], before["version"], "an unchanged save bumps no version")
    eq(audit_rows(aid), logged, "an unchanged save logs no change")
    # a real change is saved, with LF still, and logged once
    fields, _ = form_of(coord, aid, crlf=True)
    r = post_form(coord, aid, set_field(fields, "nombre", "Acción ML-1 corregida"))
    eq(r.status, 303, "saved with a new name")
    after = api(coord, aid)
    eq((after["name"], after["description"], after["version"]),
       ("Acción ML-1 corregida", TEXT, before["version"] + 1), "after a change")
    eq(audit_rows(aid), logged + 1, "one change logged")
    # the API with CRLF and lone CRs stores LF too
    body = {"folio": "ML-2", "institucion": "INM", "objetivos": [7], "nombre": "Por la API",
            "descripcion": "uno\r\ndos\rtres", "retos": [{"reto": "a\r\nb", "categoria": None}]}
    r = coord.request("POST", "/api/v1/editions/2025/actions", json.dumps(body),
                      {"Content-Type": "application/json", "X-CSRF-Token": coord.csrf})
    eq(r.status, 201, r.body)
    d = json.loads(r.body)
    eq((d["description"], d["challenges"][0]["text"]), ("uno\ndos\ntres", "a\nb"), "API")


# ---- fault 2: 500 challenges ----

def form_of_500_challenges_saves():
    aid = action_id("R-500")
    fields, body = form_of(coord, aid)
    eq(len(re.findall(r'name="reto_texto"', body)), 503, "500 rows and 3 empty ones")
    if len(fields) <= 1000:
        raise AssertionError("the form should send more than 1 000 fields: %d" % len(fields))
    fields = set_field(fields, "nombre", "Acción grande")
    r = post_form(coord, aid, fields)
    eq(r.status, 303, "saved\n" + r.body[:1500])
    d = api(coord, aid)
    eq((d["name"], len(d["challenges"])), ("Acción grande", 500), "stored")
    # the hard cap answers with a page that says it, not a bare 413
    r = coord.post("/acciones/%d/editar" % aid, fields + [("x", "1")] * 20000)
    eq(r.status, 413, "past the cap")
    contains(r.body, "El formulario trae más de 20000 campos y no se guardó nada.")
    contains(r.body, "<html")


# ---- fault 3: a busy database ----

def busy_database_is_503_and_keeps_the_form():
    aid = action_id("BUSY")
    fields, _ = form_of(coord, aid)
    typed = "Texto que no debe perderse: %d" % aid
    tok = token("coordinador")
    d = api(coord, aid)
    put_body = {"version": d["version"], "folio": "BUSY", "institucion": "INM", "objetivos": [7],
                "nombre": "Por la API, con la base ocupada"}
    lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
    lock.execute("BEGIN IMMEDIATE")                       # another process's write lock
    try:
        with ThreadPoolExecutor(2) as ex:
            form = ex.submit(post_form, coord, aid, set_field(fields, "descripcion", typed))
            put = ex.submit(coord.request, "PUT", "/api/v1/actions/%d" % aid, json.dumps(put_body),
                            {"Content-Type": "application/json", "Authorization": "Bearer " + tok})
            form, put = form.result(), put.result()
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    eq(form.status, 503, "the form while the database is locked\n" + form.body[:1500])
    contains(form.body, "La base de datos está ocupada por otro proceso y no se guardó nada.")
    contains(form.body, typed, "what was typed is shown again")
    contains(form.body, 'action="/acciones/%d/editar"' % aid, "in the form")
    eq(form.header("Retry-After"), "15", "Retry-After of the form")
    eq(put.status, 503, "the API while the database is locked\n" + put.body)
    eq(put.header("Retry-After"), "15", "Retry-After of the API")
    contains(json.loads(put.body)["error"], "La base de datos está ocupada")
    eq(api(coord, aid)["version"], d["version"], "nothing written")
    # the form shown again saves once the database is free
    r = post_form(coord, aid, set_field(fields, "descripcion", typed))
    eq(r.status, 303, "saved afterwards")
    eq(api(coord, aid)["description"], typed, "stored")


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True,
                          text=True).stdout.strip()


# ---- fault 4: racing creates with one folio ----

def racing_creates_are_422_not_500():
    tok = token("coordinador")
    h = {"Content-Type": "application/json", "Authorization": "Bearer " + tok}
    folios = ["RACE-%03d" % i for i in range(60)]

    def create(folio):
        c = Client(srv)
        body = {"folio": folio, "institucion": "INM", "objetivos": [7], "nombre": "Carrera " + folio}
        r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), h)
        return folio, r.status, r.body

    def burst(folio):
        b = threading.Barrier(3)

        def go():
            b.wait()
            return create(folio)
        with ThreadPoolExecutor(3) as ex:
            return [f.result() for f in [ex.submit(go) for _ in range(3)]]
    with ThreadPoolExecutor(4) as ex:
        results = [x for rs in ex.map(burst, folios) for x in rs]
    bad = [(f, st, body[:200]) for f, st, body in results if st not in (201, 422)]
    eq(bad, [], "every answer 201 or 422")
    for folio in folios:
        eq(sorted(st for f, st, _ in results if f == folio), [201, 422, 422], folio)
    for f, st, body in results:
        if st == 422:
            eq(json.loads(body)["errors"], [{"field": "folio", "message": taken(f)}], f)
    # another process (an import) inserts the folio while the API's create waits for the lock
    con = sqlite3.connect(s.db, isolation_level=None, timeout=30)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO action(edition_id, folio, institution_id, name, status, version)"
                " SELECT e.id, 'OTHER-1', i.id, 'Importada', 'borrador', 1 FROM edition e, institution i"
                " WHERE e.name = '2025' AND i.acronym = 'INM'")
    with ThreadPoolExecutor(1) as ex:
        later = ex.submit(create, "OTHER-1")
        time.sleep(1.5)
        con.execute("COMMIT")
        folio, st, body = later.result()
    con.close()
    eq((st, json.loads(body).get("errors")), (422, [{"field": "folio", "message": taken("OTHER-1")}]),
       "a folio another process committed meanwhile")


# ---- fault 5: an action of an older revision ----

def older_revision_says_so_and_links_the_newest():
    admin = Client(srv)
    admin.login("admin")
    con = sqlite3.connect(s.db)
    kept, dropped = [r[0] for r in con.execute(
        "SELECT a.folio FROM action a JOIN edition e ON e.id = a.edition_id"
        " WHERE e.name = '2024' AND a.status = 'validada' ORDER BY a.id LIMIT 2")]
    con.close()
    eq(admin.post("/admin/ediciones/2024", {"estado": "abierta"}).status, 303, "reopened")

    def in_revision(folio, n):
        con = sqlite3.connect(s.db)
        row = con.execute("SELECT a.id FROM action a JOIN edition_revision r ON r.snapshot_id = a.edition_id"
                          " JOIN edition e ON e.id = r.edition_id"
                          " WHERE e.name = '2024' AND r.n = ? AND a.folio = ?", (n, folio)).fetchone()
        con.close()
        return row[0] if row else None
    old_kept, old_dropped = in_revision(kept, 1), in_revision(dropped, 1)
    contains(public.get("/acciones?edicion=2024&por_pagina=1000").body, 'href="/acciones/%d"' % old_kept,
             "the public links revision 1's row")
    fields, _ = form_of(coord, action_id(kept, "2024"))
    eq(post_form(coord, action_id(kept, "2024"), set_field(fields, "nombre", "Nombre de la revisión 2")).status,
       303, "corrected")
    eq(coord.post("/acciones/%d/devolver" % action_id(dropped, "2024"), {"comentario": "Revise"}).status,
       303, "returned: not in revision 2")
    page = public.get("/acciones/%d" % old_kept).body
    eq("old-revision" in page, False, "no notice while revision 1 is the newest")
    eq(admin.post("/admin/ediciones/2024", {"estado": "publicada"}).status, 303, "published again")
    new_kept = in_revision(kept, 2)
    r = public.get("/acciones/%d" % old_kept)
    eq(r.status, 200, "revision 1's link still answers")
    contains(r.body, "revisión 1 de la edición 2024")
    contains(r.body, "la revisión vigente es la 2")
    contains(r.body, 'href="/acciones/%d" id="latest-revision"' % new_kept)
    contains(r.body, '<a href="/ediciones/2024">2024</a>', "the edition by its own name")
    eq(api(public, old_kept)["edition"], "2024", "the API names the edition")
    r = public.get("/acciones/%d" % new_kept)
    contains(r.body, "Nombre de la revisión 2")
    eq("old-revision" in r.body, False, "the newest revision has no notice")
    r = public.get("/acciones/%d" % old_dropped)
    contains(r.body, "La acción ya no aparece en la revisión vigente")


# ---- fault 6: the API speaks the server's language, with the form's sentences ----

def api_messages_in_spanish_and_as_the_form():
    anon = Client(srv)
    r = anon.get("/api/v1/nada")
    eq((r.status, json.loads(r.body)["error"]), (404, "No existe esta dirección de la API."), "404")
    anon.get("/entrar")                                   # a CSRF cookie, but no session
    r = anon.request("POST", "/api/v1/editions/2025/actions", "{}",
                     {"Content-Type": "application/json", "X-CSRF-Token": anon.csrf})
    eq((r.status, json.loads(r.body)["error"]), (401, "Se necesita una sesión o un token de la API."), "401")
    h = {"Content-Type": "application/json", "Authorization": "Bearer " + token("admin")}
    r = anon.request("POST", "/api/v1/editions/2025/actions", "{}", h)
    eq((r.status, json.loads(r.body)["error"]), (403, "Solo los enlaces y coordinadores registran acciones."),
       "403")
    h = {"Content-Type": "application/json", "X-CSRF-Token": coord.csrf}
    r = coord.request("POST", "/api/v1/editions/2025/actions", "[1]", h)
    eq((r.status, json.loads(r.body)["error"]), (400, "El cuerpo de la solicitud debe ser un objeto JSON (UTF-8)."),
       "400")
    eq(coord.get("/api/v1/actions/999999").status, 404, "unknown action")
    # one fault, one sentence: the API and the form say the same of a taken folio and a bad number
    body = {"folio": "SAME", "institucion": "INM", "objetivos": [7], "nombre": "Otra", "beneficiarios": -5}
    r = coord.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), h)
    eq(r.status, 422, r.body)
    api_msgs = {e["field"]: e["message"] for e in json.loads(r.body)["errors"]}
    del body["beneficiarios"]
    r = coord.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), h)
    eq(r.status, 422, r.body)
    api_msgs.update({e["field"]: e["message"] for e in json.loads(r.body)["errors"]})
    r = coord.post("/acciones/nueva", [("edicion", "2025"), ("folio", "SAME"), ("institucion", "1"),
                                       ("nombre", "Otra"), ("objetivo_principal", "7"), ("beneficiarios", "-5")])
    eq(r.status, 422, "the form, a bad number")
    contains(r.body, api_msgs["beneficiarios"])
    r = coord.post("/acciones/nueva", [("edicion", "2025"), ("folio", "SAME"), ("institucion", "1"),
                                       ("nombre", "Otra"), ("objetivo_principal", "7")])
    eq(r.status, 422, "the form, a taken folio")
    contains(r.body, api_msgs["folio"])
    eq(api_msgs["folio"], taken("SAME"), "the folio's sentence: the import's")


def api_messages_in_english():
    en = Server(s, lang="en")
    try:
        c = Client(en)
        r = c.get("/api/v1/nada")
        eq(json.loads(r.body)["error"], "There is no such address in the API.", "404 in English")
        r = c.get("/api/v1/editions/1999/figures")
        eq(json.loads(r.body)["error"], "There is no published edition with that name.", "404 in English")
    finally:
        en.stop()


check("fault 1: a CRLF form saved unchanged stores the same text, no version, no log", crlf_form_saved_unchanged_changes_nothing)
check("fault 2: the form of an action with 500 challenges saves; the cap says so", form_of_500_challenges_saves)
check("fault 3: a locked database answers 503, keeps the typed text, Retry-After", busy_database_is_503_and_keeps_the_form)
check("fault 4: racing API creates with one folio: one 201, the others 422", racing_creates_are_422_not_500)
check("fault 5: an action of an older revision says so and links the newest", older_revision_says_so_and_links_the_newest)
check("fault 6: API messages in Spanish, the same sentences as the form", api_messages_in_spanish_and_as_the_form)
check("fault 6: and in English on an English server", api_messages_in_english)
rc, out, err = srv.stop()
check("the server stops cleanly", lambda: eq(rc, 0, "exit\n" + err))
s.close()
done()
