"""Issue 10, the web faults a hostile tester found (docs/reliability.md),
each through HTTP against a real server; each check fails on the code
before its fix:
 1. an enlace's upload replaced the challenges of a VALIDATED action named
    only in its sheet «Retos» (and the audit entries had no user);
 2. an unchanged save of the form reordered the secondary objectives;
 3. an action within the documented limits could not be saved (413, a page
    that looked logged out, the text lost);
 4. the API took duplicate JSON keys (the last one won);
 5. login and the upload answered 500 / 422 while another process held the
    write lock: now 503 with Retry-After;
 6. the API read of an action of an older revision did not say so."""
import datetime
import json
import socket
import sqlite3
import subprocess
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
import webtest
from webtest import (ACTION_HEADER, PMM, Client, Server, Scratch, check, contains, done, eq, form_of, multipart,
                     set_field, workbook)

HEAD = ACTION_HEADER.split(",")
ED = "2026"                     # the open edition an enlace uploads into

s = Scratch()
s.pmm("demo", check=0)
DEADLINE = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
s.pmm("edition", "new", ED, "--period", "2026-01:2026-12", "--deadline", DEADLINE, check=0)


def write_csv(name, rows):
    with open(s.path(name), "w", encoding="utf-8", newline="") as f:
        for r in rows:
            f.write(",".join('"%s"' % c.replace('"', '""') for c in r) + "\n")
    return s.path(name)


def action(folio, objectives="7;15", description="Descripción", results="Resultados"):
    return [folio, "INM", objectives, "Acción " + folio, description, "", "", "Sí", "No", "10", results]


# VAL1 validated (pmm import's default state), with one challenge
s.pmm("import", "--edition", ED, write_csv("val.csv", [HEAD, action("VAL1")]),
      "--retos", write_csv("valr.csv", [["folio", "reto"], ["VAL1", "reto original validado"]]), check=0)
# ORD1: a draft whose secondary objectives are not in numeric order
s.pmm("import", "--edition", ED, "--status", "borrador", write_csv("ord.csv", [HEAD, action("ORD1", "15;9;4")]),
      check=0)
# BIG: an action at the documented limits (100 000 characters of «ñ», 200 000 bytes, in each long text)
s.pmm("import", "--edition", ED, "--status", "borrador",
      write_csv("big.csv", [HEAD, action("BIG", description="ñ" * 100000, results="ñ" * 100000)]), check=0)
srv = Server(s)
inm = Client(srv)
inm.login("enlace.inm")


def db(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def action_id(folio, edition=ED):
    r = db("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = ? AND a.folio = ?",
           edition, folio)
    return r[0][0] if r else None


def upload(rows, retos):
    inm.get("/plantilla/subir")
    return multipart(inm, "/plantilla/subir", "plantilla.xlsx", workbook(s, rows, retos),
                     fields=[("edicion", ED)])   # two editions are open: the enlace chooses


# ---- fault 1: an upload replaced a validated action's challenges ----

def upload_cannot_touch_validated_challenges():
    val = action_id("VAL1")
    before = db("SELECT status, version FROM action WHERE id = ?", val)
    eq(before[0][0], "validada", "VAL1 is validated")
    r = upload([action("NEWD")], [["VAL1", "RETO INYECTADO", ""]])
    eq(r.status, 422, "refused\n" + r.body[:2000])
    contains(r.body, "la acción con el folio «VAL1» está validada: no se puede reemplazar", "why")
    eq(db("SELECT text FROM challenge WHERE action_id = ?", val), [("reto original validado",)],
       "VAL1's challenges untouched")
    eq(db("SELECT status, version FROM action WHERE id = ?", val), before, "VAL1 untouched")
    eq(action_id("NEWD"), None, "all or nothing: NEWD not written")
    # a draft's challenges, named only in «Retos», are still replaced
    eq(upload([action("NEWD")], []).status, 200, "NEWD uploaded")
    r = upload([action("OTRA")], [["NEWD", "Reto nuevo del borrador", ""]])
    eq(r.status, 200, "a draft's challenges replaced\n" + r.body[:2000])
    eq(db("SELECT text FROM challenge WHERE action_id = ?", action_id("NEWD")), [("Reto nuevo del borrador",)],
       "stored")


def upload_audit_names_the_user():
    uid = db("SELECT id FROM account WHERE username = 'enlace.inm'")[0][0]
    rows = db("SELECT a.what, a.user_id FROM audit_log a JOIN action x ON x.id = a.action_id"
              " WHERE x.folio IN ('NEWD', 'OTRA') ORDER BY a.id")
    eq(len(rows) >= 3, True, "the uploads were audited: %r" % rows)
    eq({u for _, u in rows}, {uid}, "every entry names the enlace: %r" % rows)
    eq(db("SELECT count(*) FROM audit_log a JOIN action x ON x.id = a.action_id WHERE x.folio = 'VAL1'"
          " AND a.user_id IS NOT NULL"), [(0,)], "the CLI import's entry has no user")


# ---- fault 2: an unchanged save reordered the secondary objectives ----

def objectives(aid):
    return [o for (o,) in db("SELECT objective FROM action_objective WHERE action_id = ? ORDER BY position", aid)]


def unchanged_save_keeps_objective_order():
    aid = action_id("ORD1")
    eq(objectives(aid), [15, 9, 4], "imported in the written order")
    fields, _ = form_of(inm, aid)
    r = inm.post("/acciones/%d/editar" % aid, fields)
    eq(r.status, 303, "saved\n" + r.body[:1500])
    eq(objectives(aid), [15, 9, 4], "the order kept")
    eq(db("SELECT version FROM action WHERE id = ?", aid), [(1,)], "an unchanged save writes nothing")
    # 9 unchecked, 20 and 2 checked: the kept ones in their order, new ones after in numeric order
    fields, _ = form_of(inm, aid)
    fields = [(k, v) for k, v in fields if not (k == "objetivos" and v == "9")] + \
        [("objetivos", "20"), ("objetivos", "2")]
    eq(inm.post("/acciones/%d/editar" % aid, fields).status, 303, "saved with changes")
    eq(objectives(aid), [15, 4, 2, 20], "kept order, then the new ones")
    # the principal changed to a former secondary one: the others keep their order
    fields, _ = form_of(inm, aid)
    eq(inm.post("/acciones/%d/editar" % aid, set_field(fields, "objetivo_principal", "2")).status, 303,
       "principal changed")
    eq(objectives(aid), [2, 4, 20], "the old principal unchecked, the others in order")


# ---- fault 3: an action within the limits could not be saved (413) ----

def raw_post(client, path, length, send=4096):
    """Headers announcing LENGTH bytes of body, and SEND of them: the answer's status and text."""
    cookie = "; ".join("%s=%s" % kv for kv in client.cookies.items())
    head = ("POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
            % (path, "Cookie: %s\r\n" % cookie if cookie else "", length))
    return webtest.raw(srv, head.encode() + b"a" * send, timeout=60)


def largest_action_saves():
    aid = action_id("BIG")
    fields, _ = form_of(inm, aid)
    body_len = len(urllib.parse.urlencode(fields))
    eq(body_len > (1 << 20), True, "the unchanged form is over 1 MiB (%d bytes)" % body_len)
    r = inm.post("/acciones/%d/editar" % aid, fields)
    eq(r.status, 303, "an action within the limits saves\n" + r.body[:1500])
    eq(db("SELECT version, length(description), length(results) FROM action WHERE id = ?", aid),
       [(1, 100000, 100000)], "unchanged: nothing written")
    # one more character in the description is refused by the field's own limit, the text kept
    r = inm.post("/acciones/%d/editar" % aid, set_field(fields, "descripcion", "ñ" * 100001))
    eq(r.status, 422, "over the field's limit: the form's refusal, not 413")
    contains(r.body, "ñ" * 1000, "what was typed is shown again")


def over_the_limit_says_it_signed_in():
    aid = action_id("BIG")
    inm.get("/acciones/%d/editar" % aid)
    st, text = raw_post(inm, "/acciones/%d/editar" % aid, 64 << 20)
    eq(st, 413, "64 MiB refused before the body")
    contains(text, "La solicitud es demasiado grande: pasa de 9 MB y no se guardó nada.", "the limit said")
    contains(text, 'action="/salir"', "the session's look (its logout button)")
    contains(text, "se registra importando un archivo", "what to do instead")
    # anonymous: the general limit, also said
    st, text = raw_post(Client(srv), "/acciones/%d/editar" % aid, (1 << 20) + 1)
    eq(st, 413, "anonymous, 1 MiB + 1")
    contains(text, "pasa de 1 MB y no se guardó nada.", "the general limit said")
    eq("importando" in text, False, "no word of actions to an anonymous request")


# ---- fault 4: the API took duplicate JSON keys ----

def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True,
                          text=True, check=True).stdout.strip()


def duplicate_json_keys_are_422():
    h = {"Authorization": "Bearer " + token("enlace.inm"), "Content-Type": "application/json"}
    url = "/api/v1/editions/%s/actions" % ED
    r = inm.request("POST", url, '{"folio":"DUP1","institucion":"INM","objetivos":[7],'
                                 '"nombre":"x","nombre":"y"}', h)
    eq(r.status, 422, "a repeated key refused\n" + r.body)
    err = json.loads(r.body)["errors"]
    eq([e["field"] for e in err], ["nombre"], "the key named")
    contains(err[0]["message"], "la clave «nombre» aparece más de una vez", "why")
    eq(action_id("DUP1"), None, "nothing created")
    # inside a challenge, and a key with an escaped quote in it
    r = inm.request("POST", url, '{"folio":"DUP1","institucion":"INM","objetivos":[7],"nombre":"x",'
                                 '"retos":[{"reto":"a","reto":"b"}]}', h)
    eq((r.status, [e["field"] for e in json.loads(r.body)["errors"]]), (422, ["reto"]), "in a challenge")
    r = inm.request("POST", url, '{"a\\"b":1,"a\\"b":2}', h)
    eq((r.status, [e["field"] for e in json.loads(r.body)["errors"]]), (422, ['a"b']), "an escaped key")
    eq(action_id("DUP1"), None, "still nothing")
    # without repeats the same body is taken
    r = inm.request("POST", url, '{"folio":"DUP1","institucion":"INM","objetivos":[7],"nombre":"y"}', h)
    eq(r.status, 201, "created\n" + r.body)
    r = inm.request("POST", url, '{"folio":', h)
    eq(r.status, 400, "malformed JSON is still 400")


# ---- fault 5: login and upload while another process holds the write lock ----

BUSY = "La base de datos está ocupada por otro proceso"


def login_attempt(client, user, password):
    client.get("/entrar")
    return client.post("/entrar", {"usuario": user, "contrasena": password})


def busy_login_and_upload_are_503():
    fresh = Client(srv)
    data = workbook(s, [action("BUSY1")], [])
    inm.get("/plantilla/subir")
    lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
    lock.execute("BEGIN IMMEDIATE")                       # another process's write lock
    try:
        with ThreadPoolExecutor(2) as ex:
            login = ex.submit(login_attempt, fresh, "coordinador", "demo-coordinador-2024")
            up = ex.submit(multipart, inm, "/plantilla/subir", "plantilla.xlsx", data, True, [("edicion", ED)])
            login, up = login.result(), up.result()
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    eq(login.status, 503, "login while locked\n" + login.body[:1500])
    eq(login.header("Retry-After"), "15", "Retry-After of the login")
    contains(login.body, BUSY, "the login says why")
    contains(login.body, 'value="coordinador"', "the login form again, with the name")
    eq("pmm_session" in fresh.cookies, False, "no session")
    eq(up.status, 503, "upload while locked\n" + up.body[:1500])
    eq(up.header("Retry-After"), "15", "Retry-After of the upload")
    contains(up.body, BUSY, "the upload says why")
    contains(up.body, 'action="/plantilla/subir"', "the upload form again")
    contains(up.body, 'action="/salir"', "still signed in")
    eq(action_id("BUSY1"), None, "nothing written")
    # once free, both go through
    eq(login_attempt(fresh, "coordinador", "demo-coordinador-2024").status, 303, "login afterwards")
    inm.get("/plantilla/subir")
    eq(multipart(inm, "/plantilla/subir", "plantilla.xlsx", data, fields=[("edicion", ED)]).status, 200,
       "upload afterwards")
    # a refused file after a busy one is refused for its own errors again (422), not as busy
    r = upload([["X1", "INM", "99", "Sin objetivo válido", "", "", "", "", "", "", ""]], [])
    eq(r.status, 422, "a bad file after a busy upload is 422")


# ---- fault 6: the API read of an action of an older revision ----

def in_revision(folio, n):
    r = db("SELECT a.id FROM action a JOIN edition_revision r ON r.snapshot_id = a.edition_id"
           " JOIN edition e ON e.id = r.edition_id WHERE e.name = '2024' AND r.n = ? AND a.folio = ?", n, folio)
    return r[0][0] if r else None


def api_names_the_revision():
    admin, coord, public = Client(srv), Client(srv), Client(srv)
    admin.login("admin")
    coord.login("coordinador")
    kept, dropped = [f for (f,) in db("SELECT a.folio FROM action a JOIN edition e ON e.id = a.edition_id"
                                      " WHERE e.name = '2024' AND a.status = 'validada' ORDER BY a.id LIMIT 2")]
    old_kept, old_dropped = in_revision(kept, 1), in_revision(dropped, 1)
    d = json.loads(public.get("/api/v1/actions/%d" % old_kept).body)
    eq((d["revision"], d["latest_revision"], d["latest"]), (1, 1, "/api/v1/actions/%d" % old_kept),
       "revision 1, the newest: the action itself")
    admin.get("/admin")
    eq(admin.post("/admin/ediciones/2024", {"estado": "abierta"}).status, 303, "reopened")
    aid = action_id(kept, "2024")
    fields, _ = form_of(coord, aid)
    eq(coord.post("/acciones/%d/editar" % aid, set_field(fields, "nombre", "Nombre de la revisión 2")).status,
       303, "corrected")
    coord.get("/acciones/%d" % action_id(dropped, "2024"))
    eq(coord.post("/acciones/%d/devolver" % action_id(dropped, "2024"), {"comentario": "Revise"}).status,
       303, "returned: not in revision 2")
    admin.get("/admin")
    eq(admin.post("/admin/ediciones/2024", {"estado": "publicada"}).status, 303, "published again")
    new_kept = in_revision(kept, 2)
    r = public.get("/api/v1/actions/%d" % old_kept)
    eq(r.status, 200, "revision 1's action still answers")
    d = json.loads(r.body)
    eq((d["edition"], d["revision"], d["latest_revision"], d["latest"]),
       ("2024", 1, 2, "/api/v1/actions/%d" % new_kept), "revision 1 of 2, and where the newest is")
    eq(d["name"] != "Nombre de la revisión 2", True, "the old text, said to be old")
    d = json.loads(public.get(json.loads(r.body)["latest"]).body)
    eq((d["name"], d["revision"], d["latest_revision"]), ("Nombre de la revisión 2", 2, 2), "the link leads there")
    d = json.loads(public.get("/api/v1/actions/%d" % old_dropped).body)
    eq((d["revision"], d["latest_revision"], d["latest"]), (1, 2, None), "no longer in the newest: null")
    d = json.loads(coord.get("/api/v1/actions/%d" % aid).body)
    eq("revision" in d, False, "the working action is of no revision")


check("fault 1: an upload cannot replace a validated action's challenges", upload_cannot_touch_validated_challenges)
check("fault 1: every upload's audit entry names its user", upload_audit_names_the_user)
check("fault 2: an unchanged save keeps the order of the objectives", unchanged_save_keeps_objective_order)
check("fault 3: the largest valid action saves from its form", largest_action_saves)
check("fault 3: past the limit, a 413 that says it in the session's look", over_the_limit_says_it_signed_in)
check("fault 4: duplicate JSON keys are refused with 422", duplicate_json_keys_are_422)
check("fault 5: login and upload answer 503 with Retry-After while the database is locked",
      busy_login_and_upload_are_503)
check("fault 6: the API says which revision an action is of and links the newest", api_names_the_revision)
srv.stop()
done()
