"""Issue 11, faults a hostile tester found in the campaign, mail and
accounts (helper CAMP2), through HTTP and the CLI. Each check fails on the
code before its fix:

1. a zip bomb or one huge XML token in an uploaded workbook is refused in
   milliseconds, not after minutes of inflating and rescanning;
2. an upload goes to the edition its template was made for (the template
   names it), not to the newest open one; a template of another edition
   than the one chosen, or of an edition not open, is refused; with several
   open the enlace chooses; `pmm import` warns when --edition differs;
3. setting a password (by a reset link, on /cuenta/contrasena, by `pmm
   user passwd`) spends every unused reset link of the account;
4. the current password on /cuenta/contrasena is throttled like a login;
5. every page that needs a login sends there with next= (back to the page,
   its query kept), and a mail's link to an action not public (or to no
   action) does too, instead of a 404;
6. the coordinators' digest lists each action submitted once, however many
   times it was submitted that day.
"""
import os
import random
import re
import sqlite3
import subprocess
import socket
import sys
import threading
import time
import urllib.parse
import uuid
import zipfile
import http.client
import io
from webtest import PMM, Client, Server, Scratch, check, contains, done, eq

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import xlsxmini  # noqa: E402

s = Scratch()
s.pmm("demo", check=0)        # 2024 published, 2025 open for submissions
srv = Server(s)
inm = Client(srv)
inm.login("enlace.inm")

HEAD = ["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
        "enfoque_genero", "discapacidad", "beneficiarios", "resultados"]


def multipart(client, path, filename, data):
    """POSTs DATA as the file field «archivo», as a browser's form does."""
    client.get("/plantilla/subir")
    b = uuid.uuid4().hex.encode()
    body = (b'--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' % (b, client.csrf.encode())
            + b'--%s\r\nContent-Disposition: form-data; name="archivo"; filename="%s"\r\n'
              b'Content-Type: application/octet-stream\r\n\r\n' % (b, filename.encode()) + data
            + b'\r\n--%s--\r\n' % b)
    return client.request("POST", path, body, {"Content-Type": "multipart/form-data; boundary=" + b.decode()})


def commented(name, comment):
    """A workbook whose sheet Acciones ends with the XML comment COMMENT."""
    xml = xlsxmini.sheet_xml([HEAD], {}, inline=True).replace("</sheetData>", "</sheetData><!--%s-->" % comment)
    p = s.path(name)
    xlsxmini.write(p, [("Acciones", [HEAD])], override={"xl/worksheets/sheet1.xml": xml})
    with open(p, "rb") as f:
        return p, f.read()


# ---- 1. zip bombs and huge tokens ----

# 200 MiB of spaces in 0.2 MB: a thousand times its size.
BOMB = commented("bomb.xlsx", " " * (200 << 20))
# 40 MiB of comment compressed about 70 times: under the ratio and the size
# caps, but one token that expat rescanned at every chunk (47 s before).
_rnd = random.Random(11)
TOKEN = commented("token.xlsx", "".join(" " * 500 + "%08x" % _rnd.getrandbits(32) for _ in range(82000)))


def timed_upload(data, out):
    c = Client(srv)
    c.cookies = dict(inm.cookies)
    t = time.time()
    try:
        r = multipart(c, "/plantilla/subir", "bomba.xlsx", data)
        out.append((r.status, time.time() - t, r.body))
    except OSError as e:           # a timeout: the server is still inflating
        out.append((None, time.time() - t, str(e)))


def bomb_upload():
    """Two bomb uploads at once answer 422 within 2 s each, and an anonymous
    GET meanwhile is not held up."""
    res = []
    ts = [threading.Thread(target=timed_upload, args=(BOMB[1], res)) for _ in range(2)]
    for t in ts:
        t.start()
    time.sleep(0.2)
    t0 = time.time()
    r = Client(srv).get("/glosario")
    get_time = time.time() - t0
    for t in ts:
        t.join()
    eq(r.status, 200, "GET /glosario")
    check_time = get_time < 2
    for status, secs, body in res:
        eq(status, 422, "bomb upload status")
        contains(body, "bomba zip", "bomb refusal")
        if secs > 2:
            raise AssertionError("bomb upload took %.1f s" % secs)
    if not check_time:
        raise AssertionError("GET during the uploads took %.1f s" % get_time)


def token_upload():
    """One 40 MiB comment is refused for its length within 2 s."""
    res = []
    timed_upload(TOKEN[1], res)
    status, secs, body = res[0]
    eq(status, 422, "token upload status")
    contains(body, "más de 1 MiB", "token refusal")
    if secs > 2:
        raise AssertionError("token upload took %.1f s" % secs)


def bomb_cli():
    """`pmm import` refuses both within 2 s, naming the part and why."""
    for (path, _), why in [(BOMB, "bomba zip"), (TOKEN, "marca XML")]:
        t = time.time()
        r = s.pmm("import", "--edition", "2025", path, check=1)
        secs = time.time() - t
        contains(r.stderr + r.stdout, "xl/worksheets/sheet1.xml", "part named")
        contains(r.stderr + r.stdout, why, "reason")
        if secs > 2:
            raise AssertionError("pmm import %s took %.1f s" % (path, secs))


check("1. a zip-bomb upload is refused at once, a GET meanwhile is fast", bomb_upload)
check("1. a 40 MiB XML comment is refused at once", token_upload)
check("1. pmm import refuses both at once", bomb_cli)



# ---- 2. the edition an upload goes to ----

def db(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def cell(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)


def filled(template, folio):
    """TEMPLATE (bytes of /plantilla) with row 2 of Acciones filled, as the
    enlace would: folio, objectives, name; the locked institution kept."""
    z = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for n in z.namelist():
            d = z.read(n)
            if n == "xl/worksheets/sheet2.xml":
                x = d.decode()
                row = re.search(r'<row r="2"[^>]*>.*?</row>', x, re.S).group(0)
                b2 = re.search(r'<c r="B2".*?(?:/>|</c>)', row, re.S).group(0)
                x = x.replace(row, re.match(r"<row[^>]*>", row).group(0) + cell("A2", folio) + b2 +
                              cell("C2", "7") + cell("D2", "Acción " + folio) + "</row>")
                d = x.encode()
            zo.writestr(n, d)
    return out.getvalue()


def handmade(folio):
    p = s.path("hecho-%s.xlsx" % folio)
    xlsxmini.write(p, [("Acciones", [HEAD, [folio, "INM", "7", "Acción " + folio, "", "", "", "", "", "", ""]])])
    with open(p, "rb") as f:
        return f.read()


def edition_of(folio):
    r = db("SELECT e.name FROM action a JOIN edition e ON e.id = a.edition_id WHERE a.folio = ?", folio)
    return [x[0] for x in r]


def upload(data, chosen=None, name="plantilla.xlsx"):
    """The upload form as a browser sends it, with the edition chosen."""
    inm.get("/plantilla/subir")
    b = uuid.uuid4().hex.encode()
    body = b'--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' % (b, inm.csrf.encode())
    if chosen is not None:
        body += b'--%s\r\nContent-Disposition: form-data; name="edicion"\r\n\r\n%s\r\n' % (b, chosen.encode())
    body += (b'--%s\r\nContent-Disposition: form-data; name="archivo"; filename="%s"\r\n'
             b'Content-Type: application/octet-stream\r\n\r\n' % (b, name.encode()) + data + b'\r\n--%s--\r\n' % b)
    return inm.request("POST", "/plantilla/subir", body,
                       {"Content-Type": "multipart/form-data; boundary=" + b.decode()})


TPL_2025 = {}


def http_bytes(client, path):
    """The raw bytes of PATH as CLIENT downloads it."""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    c.request("GET", path, headers={"Cookie": "; ".join("%s=%s" % kv for kv in client.cookies.items())})
    r = c.getresponse()
    data = r.read()
    c.close()
    eq(r.status, 200, "GET " + path)
    return data


def mark(data):
    book = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml").decode()
    m = re.search(r'<definedName name="PMM_EDICION">(.*?)</definedName>', book)
    return m and m.group(1)


def template_names_edition():
    """The template downloaded while only 2025 is open names it; so does
    `pmm template`."""
    TPL_2025["b"] = http_bytes(inm, "/plantilla")
    eq(mark(TPL_2025["b"]), '"2025"', "the mark of /plantilla")
    out = s.path("t2025.xlsx")
    s.pmm("template", "--edition", "2025", "-o", out, check=0)
    with open(out, "rb") as f:
        eq(mark(f.read()), '"2025"', "the mark of pmm template")


def upload_goes_to_its_edition():
    """With 2099 created since, newer and open, the filled 2025 template
    lands in 2025."""
    s.pmm("edition", "new", "2099", "--period", "2099-01:2099-12", check=0)
    r = upload(filled(TPL_2025["b"], "INM-T25"))
    eq(r.status, 200, "upload: " + r.body[-1500:])
    contains(r.body, 'data-created="1"')
    eq(edition_of("INM-T25"), ["2025"], "the edition of the row")


def choice_offered():
    """Two editions open: the page offers both, the workbook's by default,
    and a download of each edition's template."""
    r = inm.get("/plantilla/subir")
    contains(r.body, '<select id="edicion" name="edicion"><option value="">La que indica la plantilla</option>')
    contains(r.body, '<option value="2025">2025</option><option value="2099">2099</option>')
    contains(r.body, 'href="/plantilla?edicion=2025"')
    eq(mark(http_bytes(inm, "/plantilla?edicion=2099")), '"2099"', "the other edition's template")
    eq(mark(http_bytes(inm, "/plantilla")), '"2099"', "by default the newest open")
    eq(inm.get("/plantilla?edicion=2024").status, 404, "a published edition has no template to fill")


def other_edition_refused():
    """The 2025 template with 2099 chosen: refused, nothing kept."""
    r = upload(filled(TPL_2025["b"], "INM-T26"), chosen="2099")
    eq(r.status, 422, "status")
    contains(r.body, "Esta plantilla es de la edición «2025», no de la edición «2099» que eligió")
    contains(r.body, '<option value="2099" selected>', "the choice kept")
    eq(edition_of("INM-T26"), [], "nothing stored")
    r = upload(filled(TPL_2025["b"], "INM-T27"), chosen="2025")
    eq(r.status, 200, "the same edition chosen")
    eq(edition_of("INM-T27"), ["2025"])


def unmarked_workbook():
    """A workbook that names no edition: with two open the enlace chooses."""
    r = upload(handmade("INM-H1"))
    eq(r.status, 422, "no choice")
    contains(r.body, "elija la edición en la lista")
    eq(edition_of("INM-H1"), [], "nothing stored")
    r = upload(handmade("INM-H1"), chosen="2099")
    eq(r.status, 200, "chosen: " + r.body[-1500:])
    eq(edition_of("INM-H1"), ["2099"])


def closed_edition_refused():
    """Once 2025 is under review, its template is refused (not sent to 2099)."""
    s.pmm("edition", "set", "2025", "--estado", "en_revision", check=0)
    r = upload(filled(TPL_2025["b"], "INM-T28"))
    eq(r.status, 422, "status")
    contains(r.body, "Esta plantilla es de la edición «2025», que no está abierta para recibir acciones")
    eq(edition_of("INM-T28"), [], "nothing stored")
    s.pmm("edition", "set", "2025", "--estado", "abierta", check=0)


def cli_warns():
    """`pmm import --edition 2099` of the 2025 template imports, with a warning."""
    p = "lleno-2025.xlsx"                  # pmm runs in the scratch directory
    with open(s.path(p), "wb") as f:
        f.write(filled(TPL_2025["b"], "INM-C1"))
    r = s.pmm("import", "--edition", "2099", p, check=0)
    contains(r.stderr, "lleno-2025.xlsx: aviso: el archivo se hizo para la edición «2025» y se importa en la edición «2099»")
    eq(edition_of("INM-C1"), ["2099"], "--edition decides")
    r = s.pmm("import", "--edition", "2025", p, check=0)
    eq("aviso" in r.stderr, False, "no warning for its own edition: " + r.stderr)
    # a quote in the name is doubled in the mark and read back whole
    s.pmm("edition", "new", 'Año "B"', "--period", "2098-01:2098-12", check=0)
    s.pmm("template", "--edition", 'Año "B"', "-o", "b.xlsx", check=0)
    with open(s.path("b.xlsx"), "rb") as f:
        eq(mark(f.read()), '"Año ""B"""', "the mark")
    r = s.pmm("import", "--edition", "2099", "--check", "b.xlsx")
    contains(r.stderr, "el archivo se hizo para la edición «Año \"B\"» y se importa en la edición «2099»")


check("2. the template names its edition", template_names_edition)
check("2. an upload goes to the edition of its template, not the newest open", upload_goes_to_its_edition)
check("2. with two editions open the page offers the choice", choice_offered)
check("2. a template of another edition than the one chosen is refused", other_edition_refused)
check("2. a workbook naming no edition needs a choice when two are open", unmarked_workbook)
check("2. a template of an edition no longer open is refused", closed_edition_refused)
check("2. pmm import warns when --edition is not the template's", cli_warns)


# ---- 3. reset links die with a password change ----


def ask_link():
    """«¿Olvidó su contraseña?» for enlace.inm: the token of the link mailed."""
    c = Client(srv)
    c.get("/contrasena/olvido")
    eq(c.post("/contrasena/olvido", {"quien": "enlace.inm"}).status, 200, "forgot")
    body = db("SELECT body FROM outbox WHERE kind = 'contrasena' ORDER BY id DESC LIMIT 1")[0][0]
    return re.search(r"/contrasena/nueva\?t=([0-9a-f]{64})", body).group(1)


def use_link(t, pw):
    c = Client(srv)
    r = c.get("/contrasena/nueva?t=" + t)
    if r.status != 200:
        return r.status
    return c.post("/contrasena/nueva", {"t": t, "nueva": pw, "nueva2": pw}).status


def login_ok(user, pw):
    c = Client(srv)
    c.get("/entrar")
    return c.post("/entrar", {"usuario": user, "contrasena": pw}).status == 303


def reset_links_spent():
    """Two links asked; the first sets the password; the second is dead."""
    t1, t2 = ask_link(), ask_link()
    eq(use_link(t1, "primera-clave-1"), 200, "link 1 sets the password")
    eq(use_link(t2, "ajena-clave-22"), 410, "link 2, asked before the change, is spent")
    eq(login_ok("enlace.inm", "primera-clave-1"), True, "the password of link 1 stays")


def owner_change_spends_links():
    """A link asked, then the owner changes the password on their page."""
    t = ask_link()
    c = Client(srv)
    c.login("enlace.inm", "primera-clave-1")
    c.get("/cuenta/contrasena")
    r = c.post("/cuenta/contrasena", {"actual": "primera-clave-1", "nueva": "segunda-clave-2",
                                      "nueva2": "segunda-clave-2"})
    eq(r.status, 200, "owner's change")
    eq(use_link(t, "ajena-clave-33"), 410, "the older link is spent")
    eq(login_ok("enlace.inm", "segunda-clave-2"), True, "the owner's password stays")


def cli_passwd_spends_links():
    """A link asked, then `pmm user passwd` sets the password."""
    t = ask_link()
    r = subprocess.run([PMM, "--db", s.db, "user", "passwd", "enlace.inm"], input="tercera-clave-3\n",
                       capture_output=True, text=True)
    eq(r.returncode, 0, "pmm user passwd: " + r.stderr)
    eq(use_link(t, "ajena-clave-44"), 410, "the older link is spent")
    eq(login_ok("enlace.inm", "tercera-clave-3"), True, "the password set by the CLI stays")
    inm.login("enlace.inm", "tercera-clave-3")


check("3. a reset link asked before a reset is spent by it", reset_links_spent)
check("3. the owner's change on /cuenta/contrasena spends the links", owner_change_spends_links)
check("3. pmm user passwd spends the links", cli_passwd_spends_links)


# ---- 4. /cuenta/contrasena's current password is throttled ----

def password_guesses_throttled():
    """Five wrong current passwords from one address: the sixth try, even
    right, is answered 429 and changes nothing; the login from that address
    is held too; another address is not."""
    c = Client(srv, source="127.0.0.5")
    c.login("coordinador")
    c.get("/cuenta/contrasena")
    for i in range(5):
        r = c.post("/cuenta/contrasena", {"actual": "adivina-%d" % i, "nueva": "robada-clave-1",
                                          "nueva2": "robada-clave-1"})
        eq(r.status, 422, "guess %d" % i)
    r = c.post("/cuenta/contrasena", {"actual": "demo-coordinador-2024", "nueva": "robada-clave-1",
                                      "nueva2": "robada-clave-1"})
    eq(r.status, 429, "the sixth try")
    contains(r.body, "Demasiados intentos fallidos")
    eq(r.header("Retry-After"), "900", "Retry-After")
    held = Client(srv, source="127.0.0.5")
    held.get("/entrar")
    eq(held.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"}).status, 429,
       "the login from that address is held too")
    Client(srv, source="127.0.0.6").login("coordinador")     # the password did not change


check("4. guesses of the current password are throttled like logins", password_guesses_throttled)


# ---- 5. to the login and back ----

def next_of(r):
    """The page a login redirect returns to."""
    loc = r.header("Location") or ""
    if r.status != 303 or not loc.startswith("/entrar?"):
        raise AssertionError("not a login redirect: %d %r" % (r.status, loc))
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(loc).query)
    if "next" not in q:
        raise AssertionError("no next= in %r" % loc)
    return q["next"][0]


def login_redirects_carry_next():
    draft = db("SELECT id FROM action WHERE folio = 'INM-T25'")[0][0]    # a draft: not public
    anon = Client(srv)
    for path in ["/plantilla", "/plantilla/subir", "/campana/2025?orden=nombre", "/cuenta/contrasena",
                 "/acciones/%d" % draft, "/acciones/99999999"]:
        eq(next_of(anon.get(path)), path, "next of " + path)


def mail_link_after_login():
    """The enlace opens the mail's link logged out, logs in, lands on the action."""
    draft = db("SELECT id FROM action WHERE folio = 'INM-T25'")[0][0]
    c = Client(srv, source="127.0.0.7")
    nxt = next_of(c.get("/acciones/%d" % draft))
    c.get("/entrar?next=" + urllib.parse.quote(nxt, safe=""))
    r = c.post("/entrar", {"usuario": "enlace.inm", "contrasena": "tercera-clave-3", "next": nxt})
    eq((r.status, r.header("Location")), (303, "/acciones/%d" % draft), "back to the action")
    eq(c.get(nxt).status, 200, "the action")
    eq(c.get("/acciones/99999999").status, 404, "logged in, an action that does not exist is still a 404")


check("5. pages that need a login send there with next=", login_redirects_carry_next)
check("5. a mail's link to a draft, opened logged out, leads there after the login", mail_link_after_login)


# ---- 6. the digest counts actions, not submissions ----

def full_workbook(folio):
    p = s.path("completa-%s.xlsx" % folio)
    xlsxmini.write(p, [("Acciones", [HEAD, [folio, "INM", "7;15", "Acción " + folio, "Qué se hizo",
                                            "Apoyo en trámites", "extranjeros", "Sí", "No", "10", "Resultados"]])])
    with open(p, "rb") as f:
        return f.read()


def step(client, aid, verb, **extra):
    client.get("/acciones/%d" % aid)
    fields = {"version": str(db("SELECT version FROM action WHERE id = ?", aid)[0][0])}
    fields.update(extra)
    r = client.post("/acciones/%d/%s" % (aid, verb), fields)
    eq(r.status, 303, "%s: %s" % (verb, r.body[:500]))


def digest_counts_actions():
    """Submitted, returned and submitted again the same day: one line, (1)."""
    eq(upload(full_workbook("INM-D1"), chosen="2025").status, 200, "upload")
    aid = db("SELECT id FROM action WHERE folio = 'INM-D1'")[0][0]
    coord = Client(srv)
    coord.login("coordinador")
    step(inm, aid, "enviar")
    step(coord, aid, "devolver", comentario="Precise la población")
    step(inm, aid, "enviar")
    eq(db("SELECT count(*) FROM audit_log WHERE action_id = ? AND what = 'enviar'", aid)[0][0], 2, "two events")
    db_write("UPDATE audit_log SET at = date('now', '-1 day') || substr(at, 11) WHERE what = 'enviar'")
    with socket.socket() as so:                # a port where no SMTP server answers: the digest is queued
        so.bind(("127.0.0.1", 0))
        port = so.getsockname()[1]
    mailer = Server(s, "--smtp", "smtp://127.0.0.1:%d" % port, "--mail-from", "pmm@example.org",
                    "--base-url", "https://pmm.example.org", "--mail-poll", "1")
    try:
        for _ in range(60):
            got = db("SELECT subject, body FROM outbox WHERE kind = 'resumen'")
            if got:
                break
            time.sleep(0.5)
    finally:
        mailer.stop()
    if not got:
        raise AssertionError("no digest queued")
    subject, body = got[0]
    eq(subject.endswith("(1)"), True, "counted once: " + subject)
    eq(body.count("/acciones/%d\n" % aid), 1, "listed once:\n" + body)


def db_write(sql, *args):
    con = sqlite3.connect(s.db, timeout=30)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


check("6. the digest lists an action submitted twice once", digest_counts_actions)


# ---- round 2 of the hostile tester ----

def disable_spends_links_and_tokens():
    """A reset link mailed, then the account disabled and enabled again: the link is dead and so is
    the API token made before (disabling promised that its sessions and tokens go)."""
    t = ask_link()
    tok = s.pmm("user", "token", "enlace.inm", check=0).stdout.strip()
    s.pmm("user", "disable", "enlace.inm", check=0)
    s.pmm("user", "enable", "enlace.inm", check=0)
    eq(use_link(t, "ajena-clave-55"), 410, "the link mailed before the account was disabled")
    r = Client(srv).request("GET", "/api/v1/editions", None, {"Authorization": "Bearer " + tok})
    eq(r.status, 401, "the token made before the account was disabled")


def publication_refused_under_review():
    """An edition whose actions are still under review (enviada) is not published: a published edition
    takes no validation nor return, so they were stranded without a word (CLI and web)."""
    s.pmm("edition", "new", "2031", "--period", "2031-01:2031-12", check=0)
    acc = s.path("rev.csv")
    with open(acc, "w", encoding="utf-8") as f:
        f.write(",".join(HEAD) + "\nREV-1,INM,7,En revisión,d,,,Sí,No,1,r\n")
    s.pmm("import", "--edition", "2031", "--status", "enviada", acc, check=0)
    r = s.pmm("edition", "set", "2031", "--estado", "publicada")
    eq(r.returncode, 1, "CLI: " + r.stderr)
    contains(r.stderr, "Hay 1 acción enviada a revisión")
    admin = Client(srv)
    admin.login("admin")
    admin.get("/admin")
    r = admin.post("/admin/ediciones/2031", {"estado": "publicada"})
    eq(r.status, 409, "web: " + r.body[:800])
    contains(r.body, "Hay 1 acción enviada a revisión")
    eq(db("SELECT state FROM edition WHERE name = '2031'")[0][0], "abierta", "still open")
    db_write("UPDATE action SET status = 'validada' WHERE folio = 'REV-1'")
    s.pmm("edition", "set", "2031", "--estado", "publicada", check=0)


def address_change_withdraws_reset():
    """round 3: an address changed (by the admin or `pmm user set --email`) spends the unused reset links
    and withdraws the unsent reset mail, which went to the old address."""
    t = ask_link()
    eq(db("SELECT count(*) FROM outbox WHERE kind = 'contrasena' AND sent_at IS NULL")[0][0] >= 1, True,
       "a reset mail waits (no --smtp)")
    s.pmm("user", "set", "enlace.inm", "--email", "nuevo.enlace@example.org", check=0)
    eq(use_link(t, "ajena-clave-66"), 410, "the link mailed to the old address")
    eq(db("SELECT count(*) FROM outbox WHERE kind = 'contrasena' AND sent_at IS NULL")[0][0], 0,
       "the unsent reset mail to the old address is withdrawn")


def disabled_account_mail_and_tokens():
    """round 3: disabling an account withdraws its unsent mail (a return's comment went to it after);
    `pmm user token` refuses a disabled account (the token would start working on enable)."""
    db_write("INSERT INTO outbox(to_addr, subject, body, kind, created_at, next_attempt_at)"
             " VALUES ('nuevo.enlace@example.org', 'Devuelta', 'comentario interno', 'devuelta', 1, 1)")
    s.pmm("user", "disable", "enlace.inm", check=0)
    eq(db("SELECT count(*) FROM outbox WHERE to_addr = 'nuevo.enlace@example.org' AND sent_at IS NULL")[0][0], 0,
       "its unsent mail withdrawn")
    r = s.pmm("user", "token", "enlace.inm")
    eq(r.returncode, 1, "a token for a disabled account: " + r.stdout + r.stderr)
    contains(r.stderr, "está desactivada")
    eq(r.stdout, "", "no token printed")
    s.pmm("user", "enable", "enlace.inm", check=0)


check("round 2: disabling an account spends its reset links and revokes its tokens",
      disable_spends_links_and_tokens)
check("round 2: an edition with actions under review is not published", publication_refused_under_review)
def address_is_one_accounts():
    """round 4: two accounts could share an address (any case), and a reset asked by address reached
    only one of them: an address another account has is refused (CLI and the admin's form)."""
    s.pmm("user", "set", "coordinador", "--email", "Compartida@Example.org", check=0)
    r = s.pmm("user", "set", "admin", "--email", "compartida@example.org")
    eq(r.returncode, 1, "the same address, other case: " + r.stderr)
    contains(r.stderr, "ya es de la cuenta «coordinador»")
    admin = Client(srv)
    admin.login("admin")
    admin.get("/admin")
    r = admin.post("/admin/usuarios/admin/correo", {"correo": "COMPARTIDA@example.org"})
    eq(r.status, 409, "the admin's form: " + r.body[:500])
    eq(db("SELECT count(*) FROM account WHERE lower(email) = 'compartida@example.org'")[0][0], 1, "one account")


def repeated_filter_refused():
    """round 4: a repeated filter kept its first value and ignored the rest, even an invalid one."""
    pub = Client(srv)
    for path in ("/acciones?edicion=2024&objetivo=7&objetivo=abc", "/acciones?edicion=2024&objetivo=7&objetivo=8",
                 "/api/v1/editions/2024/actions?objetivo=7&objetivo=abc"):
        r = pub.get(path)
        eq(r.status, 400, path)
        contains(r.body, "va una sola vez")
    eq(pub.get("/acciones?edicion=2024&objetivo=7").status, 200, "one value")


check("round 3: an address change withdraws the reset links and mail", address_change_withdraws_reset)
check("round 4: an address is one account's", address_is_one_accounts)
check("round 4: a repeated filter is refused", repeated_filter_refused)
check("round 3: a disabled account gets no mail and no new token", disabled_account_mail_and_tokens)

srv.stop()
done()
