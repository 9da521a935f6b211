"""Accounts a person can live with (issue 11): login throttling that no
address can turn against others, X-Forwarded-For only from a trusted proxy,
API tokens that expire and are revoked (401 with a Bearer challenge), a
password change that ends sessions, the return to the page asked for (and
no open redirect), a form kept across an expired session, usernames
compared without case or spaces, and accounts enabled again. Each check
fails without its feature."""
import json
import re
import sqlite3
import subprocess
import urllib.parse
from webtest import PMM, Client, Server, check, contains, demo_server, done, eq

s, srv = demo_server()
proxied = Server(s, "--trusted-proxy", "127.0.0.1")
ATTACKER = "127.0.0.2"          # a second loopback address: another client


def login_status(client, user, password, headers=None):
    client.get("/entrar", headers=headers)
    r = client.post("/entrar", {"usuario": user, "contrasena": password}, headers=headers)
    return r.status


def sql(query, *args):
    con = sqlite3.connect(s.db)
    rows = con.execute(query, args).fetchall()
    con.commit()
    con.close()
    return rows


def cli(*args, stdin=None):
    return subprocess.run([PMM, "--db", s.db, *args], input=stdin, text=True, capture_output=True)


# ---- 1. throttling ----

def attacker_cannot_lock_out_the_coordinator():
    bad = Client(srv, source=ATTACKER)
    codes = [login_status(bad, "coordinador", "adivinanza-%d" % i) for i in range(30)]
    if 429 not in codes or codes.index(429) > 5:
        raise AssertionError("the attacker's address is not slowed down: %r" % codes)
    # even with the right password, that address waits
    eq(login_status(bad, "coordinador", "demo-coordinador-2024"), 429, "the attacker's address")
    # the real coordinator, from an address that never failed, gets in at once
    eq(login_status(Client(srv), "coordinador", "demo-coordinador-2024"), 303, "the coordinator")
    # and so does everyone else from there
    eq(login_status(Client(srv), "admin", "demo-admin-2024"), 303, "another account")


def forwarded_for_from_a_trusted_proxy():
    h_bad = {"X-Forwarded-For": "203.0.113.5"}
    bad = Client(proxied)
    for i in range(30):
        login_status(bad, "admin", "mala-%d" % i, h_bad)
    eq(login_status(bad, "admin", "demo-admin-2024", h_bad), 429, "the attacker behind the proxy")
    # a client's own X-Forwarded-For is to the left of what the proxy appends
    forged = {"X-Forwarded-For": "198.51.100.7, 203.0.113.5"}
    eq(login_status(Client(proxied), "admin", "demo-admin-2024", forged), 429, "forged left part ignored")
    # another client behind the same proxy is another address
    ok = {"X-Forwarded-For": "198.51.100.7"}
    eq(login_status(Client(proxied), "admin", "demo-admin-2024", ok), 303, "another client behind the proxy")
    # the header from a connection that is not the trusted proxy means nothing
    c = Client(proxied, source="127.0.0.5")
    eq(login_status(c, "admin", "demo-admin-2024", ok), 303, "from an untrusted peer")
    eq(login_status(Client(proxied, source="127.0.0.5"), "admin", "demo-admin-2024", h_bad), 303,
       "an untrusted peer is its own address, whatever it says")


def trusted_proxy_from_the_environment():
    import os
    os.environ["PMM_TRUSTED_PROXY"] = "::1, 127.0.0.1"
    try:
        env_srv = Server(s)
    finally:
        del os.environ["PMM_TRUSTED_PROXY"]
    try:
        bad = {"X-Forwarded-For": "203.0.113.9"}
        for i in range(5):
            login_status(Client(env_srv), "coordinador", "mala-%d" % i, bad)
        eq(login_status(Client(env_srv), "coordinador", "demo-coordinador-2024", bad), 429, "the attacker")
        eq(login_status(Client(env_srv), "coordinador", "demo-coordinador-2024", {"X-Forwarded-For": "203.0.113.10"}),
           303, "another client")
    finally:
        env_srv.stop()


def forged_forwarded_for_does_not_dodge():
    c = Client(srv, source="127.0.0.3")
    for i in range(6):
        h = {"X-Forwarded-For": "192.0.2.%d" % (i + 1)}
        login_status(c, "enlace.inm", "mala-%d" % i, h)
    eq(login_status(c, "enlace.inm", "demo-enlace-2024", {"X-Forwarded-For": "192.0.2.99"}), 429,
       "a new X-Forwarded-For each time")


def bad_proxy_address_refused():
    r = subprocess.run([PMM, "--db", s.db, "serve", "--port", "0", "--trusted-proxy", "127.0.0.1,proxy.local"],
                       capture_output=True, text=True, timeout=60)
    eq(r.returncode, 2, "exit")
    contains(r.stderr, "proxy.local")


# ---- 2. tokens and passwords ----

def token(user, *extra):
    r = cli("user", "token", user, *extra)
    eq(r.returncode, 0, r.stderr)
    return r.stdout.strip()


def bearer(tok):
    return {"Authorization": "Bearer " + tok}


def refused_401(r, what):
    eq(r.status, 401, what)
    contains(r.header("WWW-Authenticate") or "", "Bearer", what)
    eq(r.header("Content-Type"), "application/json", what)
    eq(json.loads(r.body)["status"], 401, what)


def bad_tokens_get_401():
    c = Client(srv)
    good = token("coordinador", "--label", "script")
    eq(c.get("/api/v1/editions/2024/actions", headers=bearer(good)).status, 200, "a good token")
    refused_401(c.get("/api/v1/editions/2024/actions", headers=bearer("f" * 64)), "unknown token, API")
    refused_401(c.get("/acciones", headers=bearer("f" * 64)), "unknown token, a page")
    refused_401(c.get("/api/v1/editions", headers=bearer("nada")), "on a cached public route")
    # expired: the token's expiry moved into the past
    old = token("coordinador", "--expires", "1")
    h = sql("SELECT token_hash FROM api_token WHERE label = '' ORDER BY created_at DESC")
    sql("UPDATE api_token SET expires_at = 1000 WHERE token_hash = ?", h[0][0])
    refused_401(c.get("/api/v1/editions/2024/actions", headers=bearer(old)), "expired token")
    # revoked by its id
    lst = cli("user", "tokens", "coordinador").stdout
    if good in lst or old in lst:
        raise AssertionError("a token is shown in the list")
    line = [ln for ln in lst.splitlines() if "\tscript\t" in ln][0]
    contains(line, "T")                      # last used: an ISO time, not "nunca"
    eq(cli("user", "revoke", "coordinador", line.split("\t")[0]).returncode, 0, "revoke")
    refused_401(c.get("/api/v1/editions/2024/actions", headers=bearer(good)), "revoked token")


def password_change_ends_sessions_and_tokens():
    r = cli("user", "add", "ana", "--role", "coordinador", stdin="clave-de-ana-1\n")
    eq(r.returncode, 0, r.stderr)
    browser = Client(srv)
    browser.login("ana", "clave-de-ana-1")
    tok = token("ana")
    eq(browser.get("/panel").status, 200, "session before")
    eq(browser.get("/api/v1/editions/2024/actions", headers=bearer(tok)).status, 200, "token before")
    r = cli("user", "passwd", "ana", stdin="clave-de-ana-2\n")
    eq(r.returncode, 0, r.stderr)
    eq(browser.get("/panel").status, 303, "the old session is over")
    refused_401(browser.get("/api/v1/editions/2024/actions", headers=bearer(tok)), "the old token")
    eq(login_status(Client(srv), "ana", "clave-de-ana-2"), 303, "the new password")


def admin_revokes_tokens_on_the_web():
    tok = token("enlace.inm")
    admin = Client(srv)
    admin.login("admin")
    contains(admin.get("/admin").body, 'id="revocar-enlace.inm"')
    eq(admin.post("/admin/usuarios/enlace.inm/revocar-tokens", {}).status, 303, "revoke")
    refused_401(Client(srv).get("/api/v1/editions/2024/actions", headers=bearer(tok)), "revoked from the web")


# ---- 3. the page asked for; a form kept across an expired session ----

def back_to_the_page_asked_for():
    c = Client(srv)
    r = c.get("/admin/catalogos/instituciones?x=a%20b")
    eq(r.status, 303, "anonymous")
    loc = r.header("Location")
    q = urllib.parse.parse_qs(urllib.parse.urlparse(loc).query)
    eq(q["next"][0], "/admin/catalogos/instituciones?x=a%20b", "next")
    c.get(loc)
    contains(c.get(loc).body, 'name="next"')
    r = c.post("/entrar", {"usuario": "admin", "contrasena": "demo-admin-2024", "next": q["next"][0]})
    eq(r.status, 303, "login")
    eq(r.header("Location"), "/admin/catalogos/instituciones?x=a%20b", "returned")


def no_open_redirect():
    for evil in ["//evil.example/", "http://evil.example/", "https:evil.example", "/\\evil.example",
                 "\\\\evil.example", "/\t/evil.example", "/ok\r\nSet-Cookie: x=1", "javascript:alert(1)",
                 " /panel", ""]:
        c = Client(srv)
        c.get("/entrar?next=" + urllib.parse.quote(evil, safe=""))
        r = c.post("/entrar", {"usuario": "admin", "contrasena": "demo-admin-2024", "next": evil})
        eq(r.status, 303, repr(evil))
        eq(r.header("Location"), "/panel", "refused: %r" % evil)
        # and already logged in
        r = c.get("/entrar?next=" + urllib.parse.quote(evil, safe=""))
        eq(r.header("Location"), "/panel", "logged in, refused: %r" % evil)


XSS = '<script>alert("x")</script> & "comillas"'


def action_form(name):
    return [("edicion", "2025"), ("folio", ""), ("nombre", name), ("descripcion", "Lo que escribí con cuidado"),
            ("resultados", "Se atendió a 120 personas"), ("enfoque_genero", "si"), ("discapacidad", "no"),
            ("beneficiarios", "120"), ("reto_texto", "Faltan intérpretes"), ("reto_categoria", "2"),
            ("objetivo_principal", "7"), ("tipo_accion", "1"), ("poblacion", "1")]


def expire_sessions(user):
    sql("UPDATE session SET expires = 1000 WHERE user_id = (SELECT id FROM account WHERE username = ?)", user)


def count_named(name):
    return sql("SELECT count(*) FROM action WHERE name = ?", name)[0][0]


def form_survives_an_expired_session():
    subprocess.run([PMM, "--db", s.db, "edition", "add", "2026"], check=True, capture_output=True)
    inm = Client(srv)
    inm.login("enlace.inm")
    inm.get("/acciones/nueva")
    name = "Acción retomada " + XSS
    f = [(k, "2026" if k == "edicion" else v) for k, v in action_form(name)]
    expire_sessions("enlace.inm")
    r = inm.post("/acciones/nueva", f)
    eq(r.status, 401, "the session is over: login form")
    contains(r.body, 'action="/entrar"')
    contains(r.body, 'name="next" value="/acciones/nueva"')
    contains(r.body, 'name="retomar.nombre" value="Acción retomada &lt;script&gt;alert(&quot;x&quot;)'
                     '&lt;/script&gt; &amp; &quot;comillas&quot;"')
    if "<script>alert" in r.body:
        raise AssertionError("a kept field is not escaped")
    if 'name="retomar.csrf"' in r.body:
        raise AssertionError("the stale CSRF token is carried")
    eq(count_named(name), 0, "nothing written before the login")
    # a wrong password keeps the fields too
    kept = re.findall(r'name="(retomar\.[^"]+)" value="([^"]*)"', r.body)
    import html
    kept = [(k, html.unescape(v)) for k, v in kept]
    r = inm.post("/entrar", [("usuario", "enlace.inm"), ("contrasena", "mala"), ("next", "/acciones/nueva")] + kept)
    eq(r.status, 401, "wrong password")
    contains(r.body, 'name="retomar.descripcion" value="Lo que escribí con cuidado"')
    r = inm.post("/entrar", [("usuario", "enlace.inm"), ("contrasena", "demo-enlace-2024"),
                             ("next", "/acciones/nueva")] + kept)
    eq(r.status, 200, "the form again, filled, for review")
    contains(r.body, 'id="retomado"')
    contains(r.body, "Lo que escribí con cuidado")
    contains(r.body, "&lt;script&gt;alert")
    if "<script>alert" in r.body:
        raise AssertionError("a restored field is not escaped")
    eq(count_named(name), 0, "nothing written without the person's click")
    # the person's click, with the new session's token, saves it
    r = inm.post("/acciones/nueva", f)
    eq(r.status, 303, "saved\n" + r.body[:2000])
    eq(count_named(name), 1, "saved once")
    aid = int(r.header("Location").rsplit("/", 1)[1])
    # the edit form too: the version it was made from goes along
    m = re.search(r'name="version" value="(\d+)"', inm.get("/acciones/%d/editar" % aid).body)
    expire_sessions("enlace.inm")
    f2 = [(k, "Editada tras expirar" if k == "nombre" else v) for k, v in f] + [("version", m.group(1))]
    r = inm.post("/acciones/%d/editar" % aid, f2)
    eq(r.status, 401, "edit: login form")
    kept = [(k, html.unescape(v)) for k, v in re.findall(r'name="(retomar\.[^"]+)" value="([^"]*)"', r.body)]
    r = inm.post("/entrar", [("usuario", "enlace.inm"), ("contrasena", "demo-enlace-2024"),
                             ("next", "/acciones/%d/editar" % aid)] + kept)
    eq(r.status, 200, "edit form again")
    contains(r.body, 'value="Editada tras expirar"')
    contains(r.body, 'name="version" value="%s"' % m.group(1))
    eq(count_named("Editada tras expirar"), 0, "edit not applied")
    # another person's login cannot restore into a form they may not use
    sre = Client(srv)
    cli("user", "add", "enlace.sre", "--role", "enlace", "--institucion", "SRE", stdin="otra-clave-segura\n")
    sre.get("/entrar")
    r = sre.post("/entrar", [("usuario", "enlace.sre"), ("contrasena", "otra-clave-segura"),
                             ("next", "/acciones/%d/editar" % aid)] + kept)
    if r.status == 200 or "Lo que escribí" in r.body:
        raise AssertionError("another institution's action shown: %d" % r.status)


# ---- 4. usernames, enabling ----

def usernames_ignore_case_and_spaces():
    eq(login_status(Client(srv, source="127.0.0.4"), "  Coordinador ", "demo-coordinador-2024"), 303, "login")
    r = cli("user", "add", "Coordinador ", "--role", "coordinador", stdin="0123456789ab\n")
    eq(r.returncode, 1, "duplicate under another spelling")
    contains(r.stderr, "ya existe la cuenta «coordinador»")
    r = cli("user", "add", "ENLACE.INM", "--role", "enlace", "--institucion", "INM", stdin="0123456789ab\n")
    eq(r.returncode, 1, "duplicate enlace")
    eq(sql("SELECT count(*) FROM account WHERE lower(username) = 'coordinador'")[0][0], 1, "one account")
    # the admin page cannot create one either
    admin = Client(srv)
    admin.login("admin")
    r = admin.post("/admin/usuarios", {"usuario": "ADMIN", "nombre": "x", "rol": "administrador",
                                       "contrasena": "0123456789ab"})
    eq(r.status, 422, "web duplicate")
    r = admin.post("/admin/usuarios", {"usuario": " \u00a0 ", "nombre": "x", "rol": "coordinador",
                                       "contrasena": "0123456789ab"})
    eq(r.status, 422, "a blank name")
    eq(admin.post("/admin/usuarios", {"usuario": "  Beto  ", "nombre": "B", "rol": "coordinador",
                                      "contrasena": "0123456789ab"}).status, 303, "created")
    eq(sql("SELECT username FROM account WHERE username_key = 'beto'"), [("Beto",)], "trimmed display form")


def disabled_accounts_come_back():
    eq(cli("user", "disable", "Ana").returncode, 0, "disable, any case")
    eq(login_status(Client(srv), "ana", "clave-de-ana-2"), 401, "disabled")
    eq(cli("user", "enable", " ANA ").returncode, 0, "enable")
    eq(login_status(Client(srv), "ana", "clave-de-ana-2"), 303, "enabled again")
    admin = Client(srv)
    admin.login("admin")
    eq(admin.post("/admin/usuarios/ana/desactivar", {}).status, 303, "disable on the web")
    contains(admin.get("/admin").body, 'id="activar-ana"')
    eq(admin.post("/admin/usuarios/ana/activar", {}).status, 303, "enable on the web")
    eq(login_status(Client(srv), "ana", "clave-de-ana-2"), 303, "enabled from the web")
    eq(admin.post("/admin/usuarios/ADMIN/desactivar", {}).status, 404, "not oneself, in any spelling")


check("an attacker's address cannot lock the coordinator out", attacker_cannot_lock_out_the_coordinator)
check("X-Forwarded-For from a trusted proxy tells clients apart", forwarded_for_from_a_trusted_proxy)
check("PMM_TRUSTED_PROXY works as --trusted-proxy", trusted_proxy_from_the_environment)
check("without --trusted-proxy a forged X-Forwarded-For does not dodge", forged_forwarded_for_does_not_dodge)
check("--trusted-proxy refuses what is not an address", bad_proxy_address_refused)
check("bad, expired and revoked tokens get 401 with WWW-Authenticate: Bearer", bad_tokens_get_401)
check("a password change ends sessions and revokes tokens", password_change_ends_sessions_and_tokens)
check("the administrator revokes an account's tokens on the web", admin_revokes_tokens_on_the_web)
check("after login, back to the page asked for", back_to_the_page_asked_for)
check("next= never leaves the site", no_open_redirect)
check("a form posted after the session expired is kept, shown for review", form_survives_an_expired_session)
check("usernames compared without case or spaces", usernames_ignore_case_and_spaces)
check("disabled accounts can be enabled again", disabled_accounts_come_back)
for server in (srv, proxied):
    rc, out, err = server.stop()
    check("the server stops cleanly", lambda: eq(rc, 0, "exit\n" + err))
s.close()
done()
