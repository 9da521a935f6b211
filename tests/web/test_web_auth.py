"""Accounts, roles, the review workflow, the audit log and every security
rule of the platform, each checked so that it would fail without the rule."""
import json
import re
import subprocess
from webtest import PMM, Client, Server, check, contains, demo_server, done, eq, total

s, srv = demo_server()
# a second enlace, of another institution
r = subprocess.run([PMM, "--db", s.db, "user", "add", "enlace.sre", "--role", "enlace",
                    "--institucion", "SRE"], input="otra-clave-segura\n", text=True, capture_output=True)
assert r.returncode == 0, r.stderr

public = Client(srv)
inm = Client(srv)
sre = Client(srv)
coord = Client(srv)
admin = Client(srv)
state = {}


def form(name, objectives=("7",), **extra):
    f = [("edicion", "2025"), ("folio", ""), ("nombre", name), ("descripcion", "Descripción de prueba"),
         ("resultados", "Se atendió a 120 personas"), ("enfoque_genero", "si"), ("discapacidad", "no"),
         ("beneficiarios", "120"), ("reto_texto", "Faltan intérpretes"), ("reto_categoria", "2"),
         ("reto_texto", ""), ("reto_categoria", "")]
    # the principal objective is chosen on its own; the others are checkboxes
    f += [("objetivo_principal", o) for o in objectives[:1]]
    f += [("objetivos", o) for o in objectives[1:]]
    f += [("tipo_accion", "1"), ("poblacion", "1")]
    for k, v in extra.items():
        f = [(a, b) for a, b in f if a != k] + [(k, v)]
    return f


def edit(client, aid, name, **kw):
    """Posts the edit form with the version its page carries, as a browser does."""
    m = re.search(r'name="version" value="(\d+)"', client.get("/acciones/%d/editar" % aid).body)
    f = form(name, **kw) + ([("version", m.group(1))] if m else [])
    return client.post("/acciones/%d/editar" % aid, f)


def demo_accounts_log_in():
    inm.login("enlace.inm")
    sre.login("enlace.sre", "otra-clave-segura")
    coord.login("coordinador")
    admin.login("admin")
    contains(inm.get("/panel").body, "INM")
    contains(admin.get("/admin").body, "enlace.sre")


def security_headers_on_every_response():
    for path in ["/", "/acciones", "/entrar", "/no/existe", "/api/v1/editions", "/static/pmm.css"]:
        r = public.get(path)
        csp = r.header("Content-Security-Policy") or ""
        contains(csp, "frame-ancestors 'none'", path)
        contains(csp, "script-src 'self'", path)
        if "unsafe-inline" in csp:
            raise AssertionError("CSP allows inline code")
        eq(r.header("X-Content-Type-Options"), "nosniff", path)
    # and no page carries an inline script or style the CSP would block
    for path in ["/", "/acciones", "/entrar", "/objetivos"]:
        body = public.get(path).body
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", body):
            raise AssertionError("inline script or style in " + path)


def session_cookie_flags():
    c = Client(srv)
    c.get("/entrar")
    r = c.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"})
    sc = [h for h in r.all_headers("Set-Cookie") if h.startswith("pmm_session=")][0]
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"]:
        contains(sc, flag, "cookie")
    if "Secure" in sc:
        raise AssertionError("Secure over plain HTTP: the browser would drop it")
    c2 = Client(srv)
    c2.get("/entrar", headers={"X-Forwarded-Proto": "https"})
    r = c2.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"},
                headers={"X-Forwarded-Proto": "https"})
    sc = [h for h in r.all_headers("Set-Cookie") if h.startswith("pmm_session=")][0]
    contains(sc, "; Secure", "cookie behind TLS")
    # the session token is not what the database keeps
    token = c.cookies["pmm_session"]
    if token in s.dump():
        raise AssertionError("the session token is stored in clear")


def csrf_required_on_every_post():
    n = len(coord.get("/panel").body)
    assert n
    aid = s_first_validated()
    eq(coord.post("/acciones/%d/devolver" % aid, {"comentario": "x"}, csrf=False).status, 403, "no token")
    eq(coord.post("/acciones/%d/devolver" % aid, {"comentario": "x", "csrf": "0" * 64}, csrf=False).status,
       403, "wrong token")
    eq(inm.post("/acciones/nueva", form("Sin token"), csrf=False).status, 403, "new action")
    # another session's token is no good either
    eq(coord.post("/acciones/%d/devolver" % aid, {"comentario": "x", "csrf": inm.csrf}, csrf=False).status,
       403, "another session's token")
    c = Client(srv)
    eq(c.post("/entrar", {"usuario": "admin", "contrasena": "demo-admin-2024"}, csrf=False).status, 403,
       "login without the form's token")
    eq(json.loads(public.get("/api/v1/actions/%d" % aid).body)["status"], "validada", "nothing changed")


def s_first_validated():
    import sqlite3
    con = sqlite3.connect(s.db)
    aid = con.execute("SELECT id FROM action WHERE status='validada' ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    return aid


def login_attempts_are_limited():
    c = Client(srv)
    c.get("/entrar")
    for i in range(5):
        r = c.post("/entrar", {"usuario": "admin", "contrasena": "mala-%d" % i})
        eq(r.status, 401, "bad login %d" % (i + 1))
        contains(r.body, "incorrectos")
    r = c.post("/entrar", {"usuario": "admin", "contrasena": "demo-admin-2024"})
    eq(r.status, 429, "6th attempt, even with the right password")
    if "pmm_session" in c.cookies:
        raise AssertionError("a session was opened while limited")


def validation_keeps_what_was_typed():
    r = inm.post("/acciones/nueva", form("", objectives=(), beneficiarios="muchas",
                                         resultados="Texto que no debe perderse"))
    eq(r.status, 422, "status")
    contains(r.body, 'id="err-nombre"')
    contains(r.body, 'id="err-objetivos"')
    contains(r.body, 'id="err-beneficiarios"')
    contains(r.body, "Texto que no debe perderse")
    contains(r.body, 'value="muchas"')
    contains(r.body, "Faltan intérpretes")


XSS = '<script>alert("x")</script> & "comillas"'


def enlace_creates_a_draft():
    r = inm.post("/acciones/nueva", form(XSS))
    eq(r.status, 303, "created\n" + r.body[:3000])
    loc = r.header("Location")
    state["id"] = int(loc.rsplit("/", 1)[1])
    page = inm.get(loc)
    contains(page.body, "Borrador")
    contains(page.body, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;comillas&quot;")
    if "<script>alert" in page.body:
        raise AssertionError("unescaped name on the page")
    contains(page.body, "Faltan intérpretes")
    lst = inm.get("/acciones?edicion=2025").body
    contains(lst, "&lt;script&gt;")
    if "<script>alert" in lst:
        raise AssertionError("unescaped name in the list")


def others_cannot_see_or_touch_the_draft():
    aid = state["id"]
    eq(sre.get("/acciones/%d" % aid).status, 404, "other enlace reads")
    eq(sre.get("/api/v1/actions/%d" % aid).status, 404, "other enlace via API")
    eq(sre.get("/acciones/%d/editar" % aid).status, 404, "other enlace edit form")
    eq(sre.post("/acciones/%d/editar" % aid, form("Robada")).status, 404, "other enlace edits")
    eq(sre.post("/acciones/%d/enviar" % aid, {}).status, 404, "other enlace submits")
    eq(total(sre.get("/acciones?edicion=2025").body), 0, "other enlace's list")
    # issue 11 (CAMP2): logged out, the page of an action not public leads to the login (and back)
    r = public.get("/acciones/%d" % aid)
    eq((r.status, r.header("Location")), (303, "/entrar?next=%%2Facciones%%2F%d" % aid), "public")
    eq(public.get("/api/v1/actions/%d" % aid).status, 404, "public API")
    eq(inm.post("/acciones/%d/validar" % aid, {}).status, 403, "enlace validates")


def workflow_submit_return_fix_validate():
    aid = state["id"]
    eq(coord.post("/acciones/%d/validar" % aid, {}).status, 403, "validate a draft")
    eq(inm.post("/acciones/%d/enviar" % aid, {}).status, 303, "submit")
    contains(inm.get("/acciones/%d" % aid).body, "Enviada")
    eq(edit(inm, aid, "Cambio tardío").status, 403, "edit while under review")
    eq(coord.post("/acciones/%d/devolver" % aid, {"comentario": ""}).status, 422, "return without comment")
    eq(coord.post("/acciones/%d/devolver" % aid, {"comentario": "Precise el objetivo <b>principal</b>"}).status,
       303, "return")
    page = inm.get("/acciones/%d" % aid).body
    contains(page, "Devuelta")
    contains(page, "Precise el objetivo &lt;b&gt;principal&lt;/b&gt;")
    r = edit(inm, aid, "Atención a personas migrantes en Tapachula", objectives=("7", "15"))
    eq(r.status, 303, "fix\n" + r.body[:2000])
    eq(inm.post("/acciones/%d/enviar" % aid, {}).status, 303, "submit again")
    eq(coord.post("/acciones/%d/validar" % aid, {}).status, 303, "validate")
    d = json.loads(inm.get("/api/v1/actions/%d" % aid).body)
    eq((d["status"], d["name"], d["objectives"]), ("validada", "Atención a personas migrantes en Tapachula", [7, 15]),
       "final")


def audit_log_for_coordinators_only():
    aid = state["id"]
    page = coord.get("/acciones/%d" % aid).body
    contains(page, "Bitácora de cambios")
    # issue 14 (W14): the time is a <time> element in the installation's zone
    whats = re.findall(r"<tr><td>(?:<time[^>]*>[^<]*</time>|[^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>", page)
    eq([w for _, w in whats], ["crear", "enviar", "devolver", "editar", "enviar", "validar"], "entries")
    eq([u for u, _ in whats], ["enlace.inm", "enlace.inm", "coordinador", "enlace.inm", "enlace.inm", "coordinador"],
       "who")
    contains(page, "Atención a personas migrantes en Tapachula")      # after value
    contains(page, "&quot;situacion&quot;: &quot;devuelta&quot;")      # before value of a change
    for c in (inm, public):
        if "Bitácora" in c.get("/acciones/%d" % aid).body:
            raise AssertionError("audit log shown to a non-coordinator")


def publishing_changes_the_public_dashboard():
    eq(public.get("/ediciones/2025").status, 404, "before publication")
    eq(inm.post("/admin/ediciones/2025", {"estado": "publicada"}).status, 403, "enlace publishes")
    eq(coord.post("/admin/ediciones/2025", {"estado": "publicada"}).status, 403, "coordinator publishes")
    eq(admin.post("/admin/ediciones/2025", {"estado": "publicada"}).status, 303, "admin publishes")
    body = public.get("/ediciones/2025").body
    contains(body, 'href="/acciones?edicion=2025">1</a>')
    eq(json.loads(public.get("/api/v1/editions/2025/figures").body)["actions"], 1, "figures")
    eq(public.get("/acciones/%d" % state["id"]).status, 200, "the public reads it now")
    # closed for enlaces now
    eq(inm.post("/acciones/nueva", form("Tarde")).status, 403, "no open edition left")


def admin_pages_are_admin_only():
    eq(public.get("/admin").status, 303, "public is sent to log in")
    eq(inm.get("/admin").status, 403, "enlace")
    eq(coord.get("/admin").status, 403, "coordinator")
    eq(admin.get("/admin").status, 200, "admin")
    eq(inm.post("/admin/usuarios", {"usuario": "x", "rol": "administrador", "contrasena": "0123456789"}).status,
       403, "enlace creates an admin")
    eq(public.get("/panel").status, 303, "panel needs a login")
    eq(public.get("/acciones/nueva").status, 303, "new action needs a login")


def admin_creates_and_disables_accounts():
    r = admin.post("/admin/usuarios", {"usuario": "enlace.conapo", "nombre": "Conapo", "rol": "enlace",
                                       "institucion": "Conapo", "contrasena": "clave-de-conapo"})
    eq(r.status, 303, "create\n" + r.body[:1000])
    c = Client(srv)
    c.login("enlace.conapo", "clave-de-conapo")
    eq(admin.post("/admin/usuarios/enlace.conapo/desactivar", {}).status, 303, "disable")
    eq(c.get("/panel").status, 303, "the session ends with the account")


def logout_ends_the_session():
    c = Client(srv)
    c.login("coordinador")
    old = dict(c.cookies)
    eq(c.post("/salir", {}).status, 303, "logout")
    c.cookies = old                           # replaying the old cookie
    eq(c.get("/panel").status, 303, "old cookie no longer works")


def api_writes_need_a_token_or_session():
    # into an open edition: 2024 and 2025 are published, frozen (issue 10)
    subprocess.run([PMM, "--db", s.db, "edition", "add", "2026"], check=True, capture_output=True)
    body = json.dumps({"nombre": "Por API", "objetivos": [3], "institucion": "SRE"})
    h = {"Content-Type": "application/json"}
    eq(public.request("POST", "/api/v1/editions/2026/actions", body, h).status, 403, "anonymous")
    tok = subprocess.run([PMM, "--db", s.db, "user", "token", "coordinador"], capture_output=True,
                         text=True).stdout.strip()
    eq(len(tok), 64, "token")
    c = Client(srv)
    # 2024 is published, so frozen (issue 10, fault 5); 2026 takes drafts
    r = c.request("POST", "/api/v1/editions/2024/actions", body, dict(h, Authorization="Bearer " + tok))
    eq(r.status, 409, "into a published edition: " + r.body)
    contains(r.body, "publicada")
    r = c.request("POST", "/api/v1/editions/2026/actions", body, dict(h, Authorization="Bearer " + tok))
    eq(r.status, 201, "with token: " + r.body)
    eq(json.loads(r.body)["status"], "borrador", "a draft")
    r = c.request("POST", "/api/v1/editions/2026/actions", body, dict(h, Authorization="Bearer " + "f" * 64))
    eq(r.status, 401, "bad token (issue 11: 401 with a Bearer challenge, not the anonymous view)")
    r = coord.request("POST", "/api/v1/editions/2026/actions", body, h)
    eq(r.status, 403, "session without X-CSRF-Token")
    r = coord.request("POST", "/api/v1/editions/2026/actions", json.dumps({"nombre": "Por API 2", "objetivos": [3],
                      "institucion": "SRE"}), dict(h, **{"X-CSRF-Token": coord.csrf}))
    eq(r.status, 201, "session with X-CSRF-Token: " + r.body)
    # drafts stay out of everything public: lists, figures, downloads
    for path in ["/descargas/2024/acciones.csv", "/descargas/2024/acciones.json", "/acciones?edicion=2024&q=API",
                 "/api/v1/editions/2026/actions"]:
        if "Por API" in public.get(path).body:
            raise AssertionError("a draft is public in " + path)
    eq(json.loads(public.get("/api/v1/editions/2024/figures").body)["actions"], 379, "public figures")
    eq(total(coord.get("/acciones?edicion=2026&q=API&situacion=borrador").body), 2, "the coordinator sees them")


def user_command():
    r = s.pmm("user", "list", check=0)
    for u in ["admin", "coordinador", "enlace.inm", "enlace.sre"]:
        contains(r.stdout, u)
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "x", "--role", "enlace"], input="0123456789ab\n",
                       text=True, capture_output=True)
    eq(r.returncode, 1, "enlace without institution")
    contains(r.stderr, "--institution")   # issue 14: English flags (--institucion its alias)
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "y", "--role", "coordinador"], input="corta\n",
                       text=True, capture_output=True)
    eq(r.returncode, 1, "short password")
    r = subprocess.run([PMM, "--db", s.db, "user", "passwd", "enlace.sre"], input="nueva-clave-larga\n",
                       text=True, capture_output=True)
    eq(r.returncode, 0, r.stderr)
    Client(srv).login("enlace.sre", "nueva-clave-larga")
    s.pmm("user", "disable", "enlace.sre", check=0)
    c = Client(srv)
    c.get("/entrar")
    eq(c.post("/entrar", {"usuario": "enlace.sre", "contrasena": "nueva-clave-larga"}).status, 401, "disabled")
    import sqlite3
    con = sqlite3.connect(s.db)
    h = con.execute("SELECT password_hash FROM account WHERE username='admin'").fetchone()[0]
    con.close()
    contains(h, "$argon2id$", "hash")


check("the demo accounts log in", demo_accounts_log_in)
check("security headers on every response; no inline code", security_headers_on_every_response)
check("session cookie: HttpOnly, SameSite=Strict, Secure behind TLS; hashed", session_cookie_flags)
check("a CSRF token is required on every POST", csrf_required_on_every_post)
check("login attempts are rate-limited (6th -> 429)", login_attempts_are_limited)
check("server-side validation: messages beside fields, typed values kept", validation_keeps_what_was_typed)
check("an enlace creates a draft; everything written is escaped", enlace_creates_a_draft)
check("another institution and the public cannot read or change a draft", others_cannot_see_or_touch_the_draft)
check("workflow: submit, return with comment, fix, submit, validate", workflow_submit_return_fix_validate)
check("the audit log records who, what, before and after; coordinators only", audit_log_for_coordinators_only)
check("publishing the edition changes the public dashboard", publishing_changes_the_public_dashboard)
check("admin pages are for administrators only", admin_pages_are_admin_only)
check("administrators create and disable accounts", admin_creates_and_disables_accounts)
check("logging out ends the session for good", logout_ends_the_session)
check("API writes need a token or a session with its CSRF token", api_writes_need_a_token_or_session)
check("pmm user add|passwd|list|disable; argon2id hashes", user_command)


def many_accounts_from_one_address_are_limited():
    c = Client(srv)
    c.get("/entrar")
    codes = [c.post("/entrar", {"usuario": "nadie%d" % i, "contrasena": "x"}).status for i in range(25)]
    if 429 not in codes or codes.index(429) > 20:
        raise AssertionError("no limit per address: %r" % codes)


check("failed logins from one address are limited across accounts", many_accounts_from_one_address_are_limited)
rc, out, err = srv.stop()
check("the server stops cleanly", lambda: eq(rc, 0, "exit\n" + err))
s.close()
done()
