"""Issue 11, e-mail, against a REAL local SMTP server (Debian's aiosmtpd, run
by tests/web/smtp_sink.py under /usr/bin/python3): the outbox written with the
return or validation that causes it and nothing for a refused change; the
retry after the server comes back; restarts that neither lose nor repeat;
reminders and the digest; accounts' addresses; the forgotten-password link
and the page to change one's password."""
import datetime
import email
import email.policy
import os
import re
import socket
import sqlite3
import subprocess
import time
import atexit
import webtest
from webtest import PMM, Client, Scratch, check, contains, done, eq

STARTED = []                       # every server and sink, ended at exit even when a check failed


def Server(*args):
    srv = webtest.Server(*args)
    STARTED.append(srv.proc)
    return srv


@atexit.register
def end_started():
    for p in STARTED:
        if p.poll() is None:
            p.kill()
            p.wait()

HERE = os.path.dirname(os.path.abspath(__file__))
SINK_PY = "/usr/bin/python3"


def free_port():
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


class Sink:
    """tests/web/smtp_sink.py on PORT, writing into DIR."""

    def __init__(self, out, port, *extra):
        self.proc = subprocess.Popen([SINK_PY, os.path.join(HERE, "smtp_sink.py"), out, str(port), *extra],
                                     stdout=subprocess.PIPE, text=True)
        STARTED.append(self.proc)
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError("the SMTP sink did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


s = Scratch()
s.pmm("demo", check=0)
MAILDIR = s.path("mail")
os.makedirs(MAILDIR)
SMTP_PORT = free_port()
BASE = "https://pmm.example.org"
SERVE = ("--smtp", "smtp://127.0.0.1:%d" % SMTP_PORT, "--mail-from", "pmm@example.org", "--base-url", BASE,
         "--mail-retry-base", "1", "--mail-poll", "1")
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def write_csv(name, rows):
    with open(s.path(name), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(",".join('"%s"' % c.replace('"', '""') for c in r) + "\n")
    return s.path(name)


HEAD = ["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
        "enfoque_genero", "discapacidad", "beneficiarios", "resultados"]


def action(folio, inst="INM"):
    return [folio, inst, "7", "Acción " + folio, "Descripción de " + folio, "Apoyo en trámites", "extranjeros", "Sí",
            "No", "10", "R"]


s.pmm("import", "--edition", "2025", "--status", "enviada",
      write_csv("a.csv", [HEAD, action("M-RET"), action("M-VAL"), action("M-LATE"), action("M-DOWN")]), check=0)
s.pmm("import", "--edition", "2025", "--status", "borrador", write_csv("b.csv", [HEAD, action("M-DRAFT")]),
      check=0)


def sql(q, *args):
    con = sqlite3.connect(s.db)
    try:
        rows = con.execute(q, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def aid(folio):
    return sql("SELECT id FROM action WHERE folio = ?", folio)[0][0]


def version(folio):
    return sql("SELECT version FROM action WHERE folio = ?", folio)[0][0]


def messages():
    """Every message the sink received: (envelope lines, raw bytes, parsed)."""
    out = []
    for f in sorted(os.listdir(MAILDIR)):
        if f.endswith(".eml"):
            raw = open(os.path.join(MAILDIR, f), "rb").read()
            env = open(os.path.join(MAILDIR, f[:-4] + ".env")).read().split()
            out.append((env, raw, email.message_from_bytes(raw, policy=email.policy.default)))
    return out


def wait_for(what, fn, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def mails_to(addr, subject_part=""):
    return [m for m in messages() if addr in m[0][1:] and subject_part in m[2]["Subject"]]


def add_user(name, role, inst, mail):
    args = [PMM, "--db", s.db, "user", "add", name, "--role", role, "--email", mail]
    if inst:
        args += ["--institucion", inst]
    r = subprocess.run(args, input="clave-de-prueba-1\n", capture_output=True, text=True,
                       env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    eq(r.returncode, 0, r.stderr)


# ---- pmm starts while the mail server is down ----
srv = Server(s, *SERVE)
coord, admin, inm = Client(srv), Client(srv), Client(srv)
coord.login("coordinador")
admin.login("admin")
inm.login("enlace.inm")
COMMENT = "Falta el número de beneficiarios; revise la sección «Población» (ñandú)"


def return_and_validate():
    r = coord.post("/acciones/%d/devolver" % aid("M-RET"), {"comentario": COMMENT, "version": version("M-RET")})
    eq(r.status, 303, "return " + r.body[:300])
    r = coord.post("/acciones/%d/validar" % aid("M-VAL"), {"version": version("M-VAL")})
    eq(r.status, 303, "validate " + r.body[:300])
    rows = sql("SELECT to_addr, kind FROM outbox ORDER BY id")
    eq(rows, [("enlace.inm@example.org", "revision"), ("enlace.inm@example.org", "revision")],
       "the two messages are in the outbox with the changes")


def refused_change_queues_nothing():
    before = sql("SELECT count(*) FROM outbox")[0][0]
    # a draft cannot be returned, a stale version cannot be validated
    r = coord.post("/acciones/%d/devolver" % aid("M-DRAFT"), {"comentario": "otra vez",
                                                              "version": version("M-DRAFT")})
    eq(r.status, 403, "return of a draft")
    r = inm.post("/acciones/%d/validar" % aid("M-LATE"), {"version": version("M-LATE")})
    eq(r.status, 403, "an enlace cannot validate")
    r = coord.post("/acciones/%d/validar" % aid("M-LATE"), {"version": version("M-LATE") - 1 or 99})
    eq(r.status, 409, "validate at a stale version")
    eq(sql("SELECT count(*) FROM outbox")[0][0], before, "no message for a refused change")


def failure_recorded_with_reason():
    wait_for("a failed attempt", lambda: sql("SELECT count(*) FROM outbox WHERE attempts >= 2 AND sent_at IS NULL"
                                             " AND last_error IS NOT NULL")[0][0] == 2)
    r = admin.get("/admin/correo")
    eq(r.status, 200)
    eq('id="no-smtp"' in r.body, False, "this server sends mail")
    contains(r.body, "Falló", "outbox page")
    contains(r.body.lower(), "connect", "outbox page: libcurl's reason")
    contains(r.body, "Acción M-RET devuelta para corrección")
    eq(coord.get("/admin/correo").status, 403, "the outbox is the administrador's")
    # "retry now" makes a failed message due at once: it is tried again at once
    mid = sql("SELECT id FROM outbox ORDER BY id LIMIT 1")[0][0]
    sql("UPDATE outbox SET next_attempt_at = next_attempt_at + 100000 WHERE id = ?", mid)
    tried = sql("SELECT attempts FROM outbox WHERE id = ?", mid)[0][0]
    time.sleep(1.5)
    eq(sql("SELECT attempts FROM outbox WHERE id = ?", mid)[0][0], tried, "not due before")
    r = admin.post("/admin/correo/%d/reintentar" % mid, {})
    eq(r.status, 303)
    wait_for("another attempt", lambda: sql("SELECT attempts FROM outbox WHERE id = ?", mid)[0][0] > tried,
             timeout=10)
    eq(admin.post("/admin/correo/999999/reintentar", {}).status, 404)


check("a return and a validation queue their mail in their transaction", return_and_validate)
check("a refused change queues no mail", refused_change_queues_nothing)
check("the mail server down: failed, pending, with the reason on the outbox page", failure_recorded_with_reason)

# ---- the mail server comes back ----
sink = Sink(MAILDIR, SMTP_PORT)


def delivered_after_server_returns():
    wait_for("the two messages", lambda: len(messages()) == 2)
    eq(sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0], 0, "nothing pending")
    r = admin.get("/admin/correo")
    contains(r.body, "Enviado el", "outbox page")


def content_of_return():
    env, raw, m = mails_to("enlace.inm@example.org", "devuelta")[0]
    eq(env[0], "pmm@example.org", "envelope sender")
    eq(m["Subject"], "Acción M-RET devuelta para corrección")
    contains(raw.decode("ascii"), "Subject: =?UTF-8?B?", "the subject is an encoded-word")
    eq(m["From"], "pmm@example.org")
    eq(m["To"], "enlace.inm@example.org")
    check_headers = [h for h in ("Date", "Message-ID", "MIME-Version") if not m[h]]
    eq(check_headers, [], "missing headers")
    eq(m.get_content_type(), "text/plain")
    eq(m.get_content_charset(), "utf-8")
    body = m.get_content()
    contains(body, COMMENT, "the comment")
    contains(body, "%s/acciones/%d" % (BASE, aid("M-RET")), "the link")
    env, raw, m = mails_to("enlace.inm@example.org", "validada")[0]
    contains(m.get_content(), "%s/acciones/%d" % (BASE, aid("M-VAL")))


check("delivered once the server is back", delivered_after_server_returns)
check("the return's mail: comment, link, UTF-8 subject, RFC 5322 headers", content_of_return)


# ---- restarts neither lose nor repeat ----
def restart_keeps_pending_and_sends_once():
    global srv, coord, admin, inm
    sink.stop()
    r = coord.post("/acciones/%d/devolver" % aid("M-DOWN"), {"comentario": "Corrija el objetivo",
                                                             "version": version("M-DOWN")})
    eq(r.status, 303)
    wait_for("a failed attempt", lambda: sql("SELECT attempts FROM outbox WHERE body LIKE '%M-DOWN%'")[0][0] >= 1)
    code, _, _ = srv.stop()
    eq(code, 0, "pmm stops")
    eq(sql("SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0], 1, "the message waits in the table")
    globals()["sink"] = Sink(MAILDIR, SMTP_PORT)
    srv = Server(s, *SERVE)
    coord, admin, inm = Client(srv), Client(srv), Client(srv)
    coord.login("coordinador")
    admin.login("admin")
    inm.login("enlace.inm")
    wait_for("the pending message", lambda: len(messages()) == 3)
    time.sleep(3)                      # a few more rounds of the worker
    eq(len(messages()), 3, "sent once, nothing sent again after the restart")
    eq(len(mails_to("enlace.inm@example.org", "M-DOWN")), 1)


check("a restart loses nothing and repeats nothing", restart_keeps_pending_and_sends_once)


# ---- reminders and the digest ----
def reminders():
    add_user("enlace.sre", "enlace", "SRE", "enlace.sre@example.org")
    add_user("enlace.segob", "enlace", "Segob", "enlace.segob@example.org")
    # SEGOB has a submitted action in 2025, SRE has none
    s.pmm("import", "--edition", "2025", "--status", "enviada",
          write_csv("c.csv", [HEAD, action("M-SEGOB", "Segob")]), check=0)
    s.pmm("edition", "add", "2026", check=0)
    s.pmm("edition", "add", "2027", check=0)
    sql("UPDATE edition SET deadline = ? WHERE name = '2025'", str(TODAY + datetime.timedelta(days=7)))
    sql("UPDATE edition SET deadline = ? WHERE name = '2026'", str(TODAY))
    sql("UPDATE edition SET deadline = ? WHERE name = '2027'", str(TODAY + datetime.timedelta(days=5)))
    wait_for("the reminders", lambda: len(mails_to("enlace.sre@example.org", "Recordatorio")) == 2)
    time.sleep(3)
    sre = mails_to("enlace.sre@example.org", "Recordatorio")
    subjects = sorted(m[2]["Subject"] for m in sre)
    eq(subjects, ["Recordatorio: el plazo de la edición 2025 vence el %s" % (TODAY + datetime.timedelta(days=7)),
                  "Recordatorio: hoy vence el plazo de la edición 2026"], "7 days before and on the day; not 5")
    contains(sre[0][2].get_content(), BASE + "/acciones")
    eq(mails_to("enlace.segob@example.org", "edición 2025"), [], "SEGOB submitted in 2025: no reminder")
    eq(len(mails_to("enlace.segob@example.org", "edición 2026")), 1, "SEGOB has nothing in 2026")
    eq(len(mails_to("enlace.inm@example.org", "edición 2025")), 0, "INM submitted in 2025")


def reminders_not_repeated_after_restart():
    global srv, coord, admin, inm
    n = len(messages())
    srv.stop()
    srv = Server(s, *SERVE)
    coord, admin, inm = Client(srv), Client(srv), Client(srv)
    coord.login("coordinador")
    admin.login("admin")
    inm.login("enlace.inm")
    time.sleep(4)
    eq(len(messages()), n, "no reminder sent again after the restart")


def digest():
    r = inm.post("/acciones/%d/enviar" % aid("M-DRAFT"), {"version": version("M-DRAFT")})
    eq(r.status, 303, r.body[:300])
    yesterday = TODAY - datetime.timedelta(days=1)
    sql("UPDATE audit_log SET at = ? || substr(at, 11) WHERE what = 'enviar'", str(yesterday))
    got = wait_for("the digest", lambda: mails_to("coordinador@example.org", "Resumen diario"))
    eq(len(got), 1)
    eq(got[0][2]["Subject"], "Resumen diario: acciones enviadas el %s (1)" % yesterday)
    body = got[0][2].get_content()
    contains(body, "M-DRAFT")
    contains(body, "%s/acciones/%d" % (BASE, aid("M-DRAFT")))
    time.sleep(3)
    eq(len(mails_to("coordinador@example.org", "Resumen diario")), 1, "one digest a day")


check("reminders before the deadline and on it, to institutions without submissions", reminders)
check("reminders are not sent again after a restart", reminders_not_repeated_after_restart)
check("the coordinators' daily digest of submissions", digest)


# ---- addresses of accounts ----
def addresses_cli():
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "x", "--role", "coordinador", "--email", "no es correo"],
                       input="clave-de-prueba-1\n", capture_output=True, text=True)
    eq(r.returncode, 2, "a bad address is refused")
    contains(r.stderr, "no es una dirección de correo válida")
    eq(sql("SELECT count(*) FROM account WHERE username = 'x'")[0][0], 0, "nothing created")
    s.pmm("user", "set", "coordinador", "--email", "coord2@example.org", check=0)
    contains(s.pmm("user", "list", check=0).stdout, "coord2@example.org")
    eq(s.pmm("user", "set", "coordinador", "--email", "a@b", check=None).returncode, 2, "no domain")
    eq(s.pmm("user", "set", "nadie", "--email", "a@b.org", check=None).returncode, 1, "no such account")
    eq(sql("SELECT email FROM account WHERE username = 'admin'")[0][0], "admin@example.org", "demo account")


def addresses_web():
    r = admin.get("/admin")
    contains(r.body, 'value="coord2@example.org"', "the users page shows the address")
    r = admin.post("/admin/usuarios/coordinador/correo", {"correo": "mal@@example.org"})
    eq(r.status, 422)
    eq(sql("SELECT email FROM account WHERE username = 'coordinador'")[0][0], "coord2@example.org", "kept")
    r = admin.post("/admin/usuarios/coordinador/correo", {"correo": " coordinador@example.org "})
    eq(r.status, 303)
    eq(sql("SELECT email FROM account WHERE username = 'coordinador'")[0][0], "coordinador@example.org")
    eq(coord.post("/admin/usuarios/admin/correo", {"correo": "x@example.org"}).status, 403, "administrador only")


check("pmm user add/set --email, validated", addresses_cli)
check("the administrador edits addresses on the users page", addresses_web)


# ---- a forgotten password ----
def reset_link(n_before):
    got = wait_for("the reset mail", lambda: len(mails_to("enlace.inm@example.org", "contraseña")) > n_before
                   and mails_to("enlace.inm@example.org", "contraseña"))
    body = got[-1][2].get_content()
    m = re.search(re.escape(BASE) + r"(/contrasena/nueva\?t=[0-9a-f]{64})", body)
    if not m:
        raise AssertionError("no link in:\n" + body)
    return m.group(1)


def forgot_password():
    anon = Client(srv)
    contains(anon.get("/entrar").body, 'href="/contrasena/olvido"', "the login page links to it")
    anon.get("/contrasena/olvido")
    r1 = anon.post("/contrasena/olvido", {"quien": "enlace.inm"})
    r2 = anon.post("/contrasena/olvido", {"quien": "no.existe"})
    eq(r1.status, 200)
    eq(r2.status, 200)
    strip = lambda b: re.sub(r'name="csrf" value="[0-9a-f]+"', "", b)
    eq(strip(r1.body), strip(r2.body), "the same answer whether or not the account exists")
    link = reset_link(0)
    r = anon.get(link)
    eq(r.status, 200)
    t = link.split("t=")[1]
    r = anon.post("/contrasena/nueva", {"t": t, "nueva": "nueva-clave-123", "nueva2": "otra-clave-123"})
    eq(r.status, 422, "the two must match")
    r = anon.post("/contrasena/nueva", {"t": t, "nueva": "corta", "nueva2": "corta"})
    eq(r.status, 422, "10 characters or more")
    r = anon.post("/contrasena/nueva", {"t": t, "nueva": "nueva-clave-123", "nueva2": "nueva-clave-123"})
    eq(r.status, 200, r.body[:500])
    contains(r.body, "Su contraseña se cambió")
    Client(srv).login("enlace.inm", "nueva-clave-123")
    r = anon.post("/contrasena/nueva", {"t": t, "nueva": "tercera-clave-1", "nueva2": "tercera-clave-1"})
    eq(r.status, 410, "single use")
    eq(anon.get(link).status, 410, "single use (the page)")
    Client(srv).login("enlace.inm", "nueva-clave-123")


def expired_link():
    anon = Client(srv)
    anon.get("/contrasena/olvido")
    n = len(mails_to("enlace.inm@example.org", "contraseña"))
    anon.post("/contrasena/olvido", {"quien": "ENLACE.INM@example.org"})    # by address, any case
    link = reset_link(n)
    sql("UPDATE password_reset SET expires_at = strftime('%s','now') - 1 WHERE used_at IS NULL")
    eq(anon.get(link).status, 410, "an expired link")
    t = link.split("t=")[1]
    r = anon.post("/contrasena/nueva", {"t": t, "nueva": "vencida-clave-1", "nueva2": "vencida-clave-1"})
    eq(r.status, 410)
    Client(srv).login("enlace.inm", "nueva-clave-123")
    eq(sql("SELECT count(*) FROM password_reset")[0][0], 2, "the links are stored")
    eq(sql("SELECT count(*) FROM password_reset WHERE token_hash = ?", t)[0][0], 0, "hashed, not the token")
    eq(sql("SELECT count(*) FROM outbox WHERE body LIKE ?", "%" + t + "%")[0][0], 0,
       "the sent link's text is erased from the outbox")
    page = admin.get("/admin/correo").body
    eq(t in page, False, "the outbox page never shows a password link")
    contains(page, "Cambio de contraseña en pmm")


def serve_refuses_bad_mail_options():
    for bad in (["--smtp", "http://127.0.0.1:25"], ["--smtp", "smtp://x:25", "--mail-from", "sin-arroba"],
                ["--remind-days", "7,0"], ["--remind-days", "siete"], ["--base-url", "pmm.example.org"],
                ["--mail-retry-base", "0"]):
        r = s.pmm("serve", "--port", "0", *bad)
        eq(r.returncode, 2, "pmm serve %s: %s" % (" ".join(bad), r.stderr))
        contains(r.stderr, "pmm serve: --")


def change_password():
    c = Client(srv)
    eq(c.get("/cuenta/contrasena").status, 303, "logged in only")
    c.login("coordinador")
    contains(c.get("/panel").body, 'href="/cuenta/contrasena"')
    c.get("/cuenta/contrasena")
    r = c.post("/cuenta/contrasena", {"actual": "incorrecta", "nueva": "cambiada-123", "nueva2": "cambiada-123"})
    eq(r.status, 422, "the current password is checked")
    contains(r.body, "La contraseña actual no es correcta")
    r = c.post("/cuenta/contrasena", {"actual": "demo-coordinador-2024", "nueva": "cambiada-123",
                                      "nueva2": "cambiada-12"})
    eq(r.status, 422, "twice the same")
    other = Client(srv)                     # the same account, logged in elsewhere
    other.login("coordinador")
    tok = s.pmm("user", "token", "coordinador", check=0).stdout.strip()
    eq(Client(srv).request("GET", "/api/v1/editions", None, {"Authorization": "Bearer " + tok}).status, 200, "token")
    r = c.post("/cuenta/contrasena", {"actual": "demo-coordinador-2024", "nueva": "cambiada-123",
                                      "nueva2": "cambiada-123"})
    eq(r.status, 200, r.body[:500])
    eq(c.get("/cuenta/contrasena").status, 200, "the page's own session goes on")
    eq(other.get("/cuenta/contrasena").status, 303, "the account's other session ended")
    eq(Client(srv).request("GET", "/api/v1/editions", None, {"Authorization": "Bearer " + tok}).status, 401,
       "its API token revoked")
    coord.login("coordinador", "cambiada-123")   # the tests' own session of it ended too
    Client(srv).login("coordinador", "cambiada-123")
    bad = Client(srv)
    bad.get("/entrar")
    eq(bad.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"}).status, 401,
       "the old password no longer works")


check("forgotten password: same answer, single-use link by mail, new password", forgot_password)
check("forgotten password: an expired link is refused; only the hash is stored", expired_link)
check("the page to change one's password", change_password)
check("pmm serve refuses a bad --smtp, --mail-from, --remind-days, --base-url", serve_refuses_bad_mail_options)

def send_pending_cli():
    global sink
    sink.stop()
    r = coord.post("/acciones/%d/devolver" % aid("M-LATE"), {"comentario": "Tarde", "version": version("M-LATE")})
    eq(r.status, 303)
    wait_for("a failed attempt", lambda: sql("SELECT attempts FROM outbox WHERE body LIKE '%M-LATE%'")[0][0] >= 1)
    srv.stop()
    smtp = ("--smtp", "smtp://127.0.0.1:%d" % SMTP_PORT, "--mail-from", "pmm@example.org")
    r = s.pmm("mail", "send-pending", *smtp)
    eq(r.returncode, 1, "the server is down: " + r.stdout + r.stderr)
    contains(r.stdout, "Mensajes enviados: 0; pendientes: 1.")
    sink = Sink(MAILDIR, SMTP_PORT)
    r = s.pmm("mail", "send-pending", *smtp)
    eq(r.returncode, 0, r.stdout + r.stderr)
    contains(r.stdout, "Mensajes enviados: 1; pendientes: 0.")
    eq(len(mails_to("enlace.inm@example.org", "M-LATE")), 1, "delivered")
    eq(s.pmm("mail", "send-pending").returncode, 2, "no --smtp")
    plain = Server(s)                              # no --smtp: the page says nothing is sent
    a = Client(plain)
    a.login("admin")
    contains(a.get("/admin/correo").body, 'id="no-smtp"')
    plain.stop()


check("pmm mail send-pending sends what waits, also with the server stopped", send_pending_cli)


def concurrent_senders_send_once():
    """Three `pmm mail send-pending` at once (or one beside a server): each message is claimed by one
    sender before it is sent, so it arrives once; the hostile tester got 11 copies of 4 messages."""
    now = int(time.time())
    for i in range(8):
        sql("INSERT INTO outbox(to_addr, subject, body, kind, created_at, next_attempt_at)"
            " VALUES (?, ?, 'cuerpo', 'prueba', ?, ?)", "uno%d@example.org" % i, "Concurrencia %d" % i, now, now)
    smtp = ("--smtp", "smtp://127.0.0.1:%d" % SMTP_PORT, "--mail-from", "pmm@example.org")
    runs = [subprocess.Popen([PMM, "--db", s.db, "mail", "send-pending", *smtp], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in runs:
        p.communicate(timeout=120)
    got = [m[2]["Subject"] for m in messages() if "Concurrencia" in m[2]["Subject"]]
    eq(sorted(got), sorted("Concurrencia %d" % i for i in range(8)), "each message once")
    eq(sql("SELECT count(*) FROM outbox WHERE kind = 'prueba' AND sent_at IS NULL")[0][0], 0, "all sent")


check("concurrent senders send each message once (a claim before sending)", concurrent_senders_send_once)
sink.stop()

# ---- authentication and STARTTLS (the URL asks for them) ----
s.pmm("import", "--edition", "2025", "--status", "enviada",
      write_csv("d.csv", [HEAD, action("M-AUTH1"), action("M-AUTH2"), action("M-TLS")]), check=0)
AUTH_DIR, AUTH_PORT = s.path("mail-auth"), free_port()
os.makedirs(AUTH_DIR)


def served_return(smtp, folio, poll="1"):
    """A server sending to SMTP; the coordinator returns FOLIO."""
    srv2 = Server(s, "--smtp", smtp, "--mail-from", "pmm@example.org", "--mail-retry-base", "1",
                  "--mail-poll", poll)
    c = Client(srv2)
    c.login("coordinador", "cambiada-123")
    r = c.post("/acciones/%d/devolver" % aid(folio), {"comentario": "Revise", "version": version(folio)})
    eq(r.status, 303)
    return srv2


def outbox_of(folio):
    return sql("SELECT attempts, sent_at, coalesce(last_error, '') FROM outbox WHERE body LIKE ?",
               "%" + folio + "%")[0]


def smtp_auth():
    sink2 = Sink(AUTH_DIR, AUTH_PORT, "--auth", "pmm:clave secreta")
    try:
        # --mail-poll 600: the return wakes the mailer, which sends at once
        srv2 = served_return("smtp://pmm:equivocada@127.0.0.1:%d" % AUTH_PORT, "M-AUTH1", poll="600")
        wait_for("a refused login", lambda: outbox_of("M-AUTH1")[0] >= 1)
        srv2.stop()
        eq(outbox_of("M-AUTH1")[1], None, "not sent with a wrong password")
        contains(outbox_of("M-AUTH1")[2].lower(), "login denied", "libcurl's reason")
        eq(os.listdir(AUTH_DIR), [], "nothing delivered")
        sql("UPDATE outbox SET next_attempt_at = 0 WHERE sent_at IS NULL")   # due when the next server starts
        srv2 = served_return("smtp://pmm:clave%%20secreta@127.0.0.1:%d" % AUTH_PORT, "M-AUTH2", poll="600")
        wait_for("both delivered", lambda: len([f for f in os.listdir(AUTH_DIR) if f.endswith(".eml")]) == 2,
                 timeout=40)
        srv2.stop()
        eq(outbox_of("M-AUTH2")[1] is not None, True, "sent once authenticated")
    finally:
        sink2.stop()


def smtp_starttls_required():
    cert, key = s.path("cert.pem"), s.path("key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    tls_dir, tls_port = s.path("mail-tls"), free_port()
    os.makedirs(tls_dir)
    sink2 = Sink(tls_dir, tls_port, "--starttls", cert, key)
    try:
        srv2 = served_return("smtp://127.0.0.1:%d?starttls" % tls_port, "M-TLS")
        wait_for("an attempt", lambda: outbox_of("M-TLS")[0] >= 1)
        srv2.stop()
        # STARTTLS was used and the unknown (self-signed) certificate refused
        contains(outbox_of("M-TLS")[2].lower(), "certificate", "libcurl's reason")
        eq(os.listdir(tls_dir), [], "nothing sent in clear text")
    finally:
        sink2.stop()


check("AUTH from the URL: a wrong password is refused and recorded, the right one delivers; "
      "a write wakes the mailer", smtp_auth)
check("?starttls requires STARTTLS and verifies the server's certificate", smtp_starttls_required)
done()
