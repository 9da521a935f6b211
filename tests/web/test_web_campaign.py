"""Issue 11, the campaign, through HTTP and the CLI: the administrador
creates an edition with its period and deadline; an edition without a period
is not published; the focal point downloads the template of their
institution and uploads it filled (all or nothing, every error by sheet, row
and column, only their own institution's rows, as drafts); submitting checks
completeness; drafts are deleted and submissions withdrawn; the coordinator's
board and its JSON; the review thread keeps every comment. The whole edition
runs from creation to publication. Each check fails on the code before."""
import datetime
import io
import json
import re
import sqlite3
import subprocess
import zipfile
import webtest
import webtest
from webtest import PMM, Client, Server, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
srv = Server(s)
admin, coord, inm, anon = Client(srv), Client(srv), Client(srv), Client(srv)
admin.login("admin")
coord.login("coordinador")
inm.login("enlace.inm")

TODAY = datetime.datetime.now(datetime.timezone.utc).date()
DEADLINE = (TODAY + datetime.timedelta(days=3)).isoformat()
ED = "2026"


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True,
                          text=True, check=True).stdout.strip()


def db(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def multipart(client, path, filename, data, csrf=True):
    """An upload to ED: 2025 and ED are both open, and these workbooks
    name no edition, so the enlace chooses, as on the page (issue 11)."""
    return webtest.multipart(client, path, filename, data, csrf, fields=[("edicion", ED)])


TYPE = "Apoyo en trámites"


def row(folio, inst="INM", desc="Qué se hizo", types=TYPE, pop="extranjeros", gender="Sí"):
    return [folio, inst, "7;15", "Acción " + folio, desc, types, pop, gender, "No", "10", "Resultados"]


def workbook(rows, retos=None):
    return webtest.workbook(s, rows, retos)


def action_id(folio):
    r = db("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = ? AND a.folio = ?",
           ED, folio)
    return r[0][0] if r else None


def version(aid):
    return db("SELECT version FROM action WHERE id = ?", aid)[0][0]


def status(aid):
    return db("SELECT status FROM action WHERE id = ?", aid)[0][0]


def step(client, aid, verb, **extra):
    client.get("/acciones/%d" % aid)
    fields = {"version": str(version(aid))}
    fields.update(extra)
    return client.post("/acciones/%d/%s" % (aid, verb), fields)


# ---- editions on the web ----

def edition_refused():
    """Bad names, periods and deadlines are refused, nothing created."""
    for fields, part in [({"nombre": "20@26"}, "«@»"), ({"nombre": " 2026"}, "espacios"),
                         ({"nombre": "x" * 65}, "64"), ({"nombre": ""}, "nombre"),
                         ({"nombre": ED, "desde": "2026-12", "hasta": "2026-01"}, "posterior"),
                         ({"nombre": ED, "desde": "2026-13", "hasta": "2026-12"}, "AAAA-MM"),
                         ({"nombre": ED, "desde": "2026-01"}, "completo"),
                         ({"nombre": ED, "desde": "2026-01", "hasta": "2026-12", "limite": "2027-02-30"},
                          "AAAA-MM-DD")]:
        admin.get("/admin")
        r = admin.post("/admin/ediciones", fields)
        eq(r.status, 422, "status for %r" % fields)
        contains(r.body, part, "refusal of %r" % fields)
    eq(db("SELECT count(*) FROM edition WHERE name = ?", ED)[0][0], 0, "no edition made")
    coord.get("/panel")
    eq(coord.post("/admin/ediciones", {"nombre": ED}).status, 403, "a coordinator creates none")


def edition_created():
    admin.get("/admin")
    r = admin.post("/admin/ediciones", {"nombre": ED, "desde": "2026-01", "hasta": "2026-12", "limite": DEADLINE})
    eq(r.status, 303, "created: " + r.body[:500])
    eq(db("SELECT period_start, period_end, deadline, state FROM edition WHERE name = ?", ED),
       [("2026-01", "2026-12", DEADLINE, "abierta")], "stored")
    r = admin.get("/admin")
    contains(r.body, 'action="/admin/ediciones/2026/campana"', "the period form of each edition")
    eq(admin.post("/admin/ediciones", {"nombre": ED}).status, 409, "a second one of the name")


def no_period_no_publication():
    """Web and CLI refuse to publish an edition without a period; the report
    of such an edition prints no dangling period phrase."""
    name = "2019 sin periodo"
    admin.get("/admin")
    eq(admin.post("/admin/ediciones", {"nombre": name}).status, 303, "created without a period")
    admin.get("/admin")
    r = admin.post("/admin/ediciones/%s" % name.replace(" ", "%20"), {"estado": "publicada"})
    eq(r.status, 409, "web publication refused")
    contains(r.body, "no tiene periodo", "web refusal")
    r = s.pmm("edition", "set", name, "--estado", "publicada")
    eq(r.returncode != 0, True, "CLI publication refused")
    contains(r.stderr, "no tiene periodo", "CLI refusal")
    eq(db("SELECT state FROM edition WHERE name = ?", name), [("abierta",)], "still open")
    eq(db("SELECT count(*) FROM edition_revision r JOIN edition e ON e.id = r.edition_id WHERE e.name = ?",
          name), [(0,)], "no revision recorded")
    r = s.pmm("report", "--edition", name, "--all", "--format", "html", "-o", s.path("sin.html"))
    eq(r.returncode, 0, "the report of an edition without a period: " + r.stderr)
    with open(s.path("sin.html"), encoding="utf-8") as f:
        html = f.read()
    for bad in ["periodo de  a ", "Periodo:  a "]:
        eq(bad in html, False, "dangling %r in the report" % bad)
    # no actions yet: the introduction analyses nothing (issue 12, t12w F9), still without a period
    contains(html, "este informe corresponde a la edición 2019 sin periodo; la edición no tiene todavía acciones",
             "the introduction, without the period")
    r = s.pmm("report", "--edition", name, "--all", "--format", "text")
    eq(r.returncode, 0, "text report: " + r.stderr)
    contains(r.stdout.splitlines()[0], "Edición 2019 sin periodo, todas las acciones", "text report's head")
    eq(" a )" in r.stdout, False, "no dangling period in the text report")
    body = admin.get("/ediciones").body
    eq("( – )" in body, False, "no empty period in the editions list")
    # with a period set on the web it publishes
    admin.get("/admin")
    r = admin.post("/admin/ediciones/%s/campana" % name.replace(" ", "%20"),
                   {"desde": "2019-01", "hasta": "2019-12", "limite": "2020-01-31"})
    eq(r.status, 303, "period set")
    admin.get("/admin")
    eq(admin.post("/admin/ediciones/%s" % name.replace(" ", "%20"), {"estado": "publicada"}).status, 303,
       "published with its period")


def cli_new_and_set():
    r = s.pmm("edition", "new", "2030", "--period", "2030-01:2030-12", "--deadline", "2031-02-28")
    eq(r.returncode, 0, "pmm edition new: " + r.stderr)
    eq(db("SELECT period_start, period_end, deadline FROM edition WHERE name = '2030'"),
       [("2030-01", "2030-12", "2031-02-28")], "stored by the CLI")
    for args, part in [(["--period", "2030-12:2030-01"], "posterior"), (["--deadline", "2031-02-29"], "AAAA-MM-DD"),
                       (["--period", "2030"], "AAAA-MM")]:
        r = s.pmm("edition", "set", "2030", *args)
        eq(r.returncode != 0, True, "refused %r" % args)
        contains(r.stderr, part, "CLI refusal of %r" % args)
    eq(s.pmm("edition", "new", "a@b").returncode != 0, True, "CLI name rule")
    r = s.pmm("edition", "set", "2030", "--deadline", "2031-03-15")
    eq(r.returncode, 0, "deadline moved: " + r.stderr)
    eq(db("SELECT period_start, deadline FROM edition WHERE name = '2030'"), [("2030-01", "2031-03-15")],
       "the period kept, the deadline moved")
    s.pmm("edition", "set", "2030", "--estado", "en_revision", check=0)   # not the open one


# ---- the template ----

def template_download():
    r = inm.get("/plantilla")
    eq(r.status, 200, "download: " + r.body[:300])
    eq(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "type")
    contains(r.header("Content-Disposition"), "plantilla-INM-2026.xlsx", "file name")
    c = http_bytes(inm, "/plantilla")
    with zipfile.ZipFile(io.BytesIO(c)) as z:
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    contains(text, "edición 2026", "the edition in the instructions")
    contains(text, "Periodo que se informa: enero a diciembre de 2026.", "the period in the instructions")
    contains(text, "Fecha límite de entrega: %s." % DEADLINE, "the deadline in the instructions")
    contains(text, "INM", "the institution filled")
    eq(coord.get("/plantilla").status, 403, "only an enlace")
    eq(anon.get("/plantilla").status, 303, "anonymous: to the login")


def http_bytes(client, path):
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    c.request("GET", path, headers={"Cookie": "; ".join("%s=%s" % kv for kv in client.cookies.items())})
    r = c.getresponse()
    data = r.read()
    c.close()
    return data


def upload_page_says_the_deadline():
    r = inm.get("/plantilla/subir")
    eq(r.status, 200, "the form")
    contains(r.body, '<strong id="deadline">%s</strong>' % DEADLINE, "the deadline")
    contains(r.body, 'enctype="multipart/form-data"', "a file form")


def upload_errors_all_or_nothing():
    """Every error with its sheet, row and column; another institution's row
    refused; nothing written."""
    before = db("SELECT count(*) FROM action")[0][0]
    data = workbook([row("U-1"), row("U-2", inst="SRE"), ["U-3", "INM", "99", "Sin objetivo válido", "", "", "",
                                                          "", "", "diez", ""]])
    inm.get("/plantilla/subir")
    r = multipart(inm, "/plantilla/subir", "llena.xlsx", data)
    eq(r.status, 422, "refused: " + r.body[:500])
    contains(r.body, "No se guardó nada", "all or nothing")
    contains(r.body, "otra institución", "another institution's row")
    table = re.search(r'id="upload-errors".*?</table>', r.body, re.S).group(0)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(\d*)</td><td>(.*?)</td>", table)
    contains(str(rows), "'3', 'B institucion'", "row 3, column B named")
    contains(str(rows), "'4', 'C objetivos'", "row 4, column C named")
    contains(str(rows), "'4', 'J beneficiarios'", "row 4, column J named")
    contains(rows[0][0], "llena.xlsx", "the sheet named")
    eq(db("SELECT count(*) FROM action")[0][0], before, "nothing written")


def upload_ok():
    data = workbook([row("U-1"), row("U-2", desc=""), row("U-3")],
                    retos=[["U-1", "Falta de presupuesto", ""]])
    inm.get("/plantilla/subir")
    r = multipart(inm, "/plantilla/subir", "llena.xlsx", data)
    eq(r.status, 200, "imported: " + r.body[:1500])
    contains(r.body, 'data-created="3" data-replaced="0"', "what was created")
    eq(db("SELECT folio, status, i.acronym FROM action a JOIN institution i ON i.id = a.institution_id"
          " JOIN edition e ON e.id = a.edition_id WHERE e.name = ? ORDER BY folio", ED),
       [("U-1", "borrador", "INM"), ("U-2", "borrador", "INM"), ("U-3", "borrador", "INM")], "drafts of INM")
    # the same file again replaces them
    inm.get("/plantilla/subir")
    r = multipart(inm, "/plantilla/subir", "llena.xlsx", data)
    contains(r.body, 'data-created="0" data-replaced="3"', "what was replaced")


def too_big(client, path):
    """A file over the cap: refused by its Content-Length, before its body."""
    head = ("POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: %s\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n"
            % (path, "; ".join("%s=%s" % kv for kv in client.cookies.items()), (1 << 20) + 100))
    return webtest.raw(srv, head.encode() + b"--b\r\n" + b"x" * 4096)


def upload_limits():
    st, text = too_big(inm, "/plantilla/subir")
    eq(st, 413, "too big")
    contains(text, "1 MB", "the cap said")
    inm.get("/plantilla/subir")
    r = multipart(inm, "/plantilla/subir", "roto.xlsx", b"no es un libro")
    eq(r.status, 422, "not a workbook")
    contains(r.body, "No se guardó nada", "refused as a file")
    r = multipart(inm, "/plantilla/subir", "llena.xlsx", workbook([row("U-9")]), csrf=False)
    eq(r.status, 403, "multipart without the CSRF token")
    eq(action_id("U-9"), None, "nothing written without CSRF")


# ---- submit, withdraw, delete ----

def submit_checks_completeness():
    aid = action_id("U-2")                     # no description
    r = step(inm, aid, "enviar")
    eq(r.status, 422, "incomplete refused")
    contains(r.body, "falta completar: Descripción", "what is missing")
    eq(status(aid), "borrador", "still a draft")
    # the API uses the same rule
    h = {"Authorization": "Bearer " + token("enlace.inm"), "Content-Type": "application/json"}
    r = inm.request("POST", "/api/v1/actions/%d/submit" % aid, "{}", h)
    eq(r.status, 422, "API refusal")
    contains(r.body, "Descripción", "API says what is missing")


def withdraw_and_delete():
    aid = action_id("U-3")
    eq(step(inm, aid, "enviar").status, 303, "submitted")
    r = inm.get("/acciones/%d" % aid)
    contains(r.body, 'action="/acciones/%d/retirar"' % aid, "withdraw offered")
    eq(step(coord, aid, "retirar").status, 403, "a coordinator does not withdraw")
    eq(step(inm, aid, "retirar").status, 303, "withdrawn")
    eq(status(aid), "borrador", "back to a draft")
    eq(step(inm, aid, "enviar").status, 303, "submitted again")
    eq(step(coord, aid, "validar").status, 303, "validated")
    eq(step(inm, aid, "retirar").status, 403, "no withdrawal after review")
    eq(step(inm, aid, "borrar").status, 403, "a validated action is not deleted")
    # delete a draft; a stale version is refused
    d = action_id("U-2")
    inm.get("/acciones/%d" % d)
    r = inm.post("/acciones/%d/borrar" % d, {"version": str(version(d) - 1 if version(d) > 1 else 99)})
    eq(r.status, 409, "stale delete refused")
    eq(step(inm, d, "borrar").status, 303, "draft deleted")
    eq(action_id("U-2"), None, "gone")
    eq(db("SELECT what FROM audit_log WHERE action_id = ? ORDER BY id DESC LIMIT 1", d), [("borrar",)],
       "the deletion audited")


def upload_keeps_reviewed_actions():
    """U-3 is validated: the template does not replace it (nor makes it a draft)."""
    aid = action_id("U-3")
    v = version(aid)
    inm.get("/plantilla/subir")
    r = multipart(inm, "/plantilla/subir", "otra.xlsx", workbook([row("U-3"), row("U-4")]))
    eq(r.status, 422, "refused")
    contains(r.body, "la acción con el folio «U-3» está validada", "why")
    eq((status(aid), version(aid)), ("validada", v), "untouched")
    eq(action_id("U-4"), None, "all or nothing")


# ---- the board ----

def board():
    r = coord.get("/campana/2026")
    eq(r.status, 200, "board")
    contains(r.body, 'id="days-left" data-days="3"', "days remaining")
    inm_row = re.search(r'<tr class="[^"]*" data-siglas="INM">.*?</tr>', r.body, re.S).group(0)
    contains(inm_row, "enlace.inm", "its focal point")
    sre_row = re.search(r'<tr class="([^"]*)" data-siglas="SRE">', r.body)
    eq(sre_row.group(1), "late", "nothing submitted, deadline near: late")
    eq('class="late" data-siglas="INM"' in r.body, False, "INM submitted: not late")
    n_inst = db("SELECT count(*) FROM institution")[0][0]
    eq(r.body.count("data-siglas="), n_inst, "every institution of the catalog")
    r = coord.get("/campana/2026?orden=pendiente")
    first = re.findall(r'data-siglas="([^"]+)"', r.body)
    eq(first[-1], "INM", "sorted: the one that reported last")
    eq(coord.get("/campana/2026?orden=otro").status, 400, "unknown order")
    eq(inm.get("/campana/2026").status, 403, "not for an enlace")
    eq(anon.get("/campana/2026").status, 303, "anonymous: to the login")
    eq(coord.get("/campana/nada").status, 404, "unknown edition")


def progress_api():
    h = {"Authorization": "Bearer " + token("coordinador")}
    r = anon.request("GET", "/api/v1/editions/2026/progress", headers=h)
    eq(r.status, 200, "API: " + r.body[:300])
    j = json.loads(r.body)
    eq((j["edition"], j["deadline"], j["days_left"]), (ED, DEADLINE, 3), "head")
    inm_ = [i for i in j["institutions"] if i["siglas"] == "INM"][0]
    eq({k: inm_[k] for k in ("borrador", "enviada", "devuelta", "validada")},
       {"borrador": 1, "enviada": 0, "devuelta": 0, "validada": 1}, "INM's counts")
    eq(bool(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", inm_["ultima_actividad"])), True, "ISO-8601")
    eq(inm_["enlaces"], ["enlace.inm"], "focal points")
    other = [i for i in j["institutions"] if i["siglas"] == "SRE"][0]
    eq((other["borrador"], other["ultima_actividad"]), (0, None), "none yet: null")
    h = {"Authorization": "Bearer " + token("enlace.inm")}
    eq(anon.request("GET", "/api/v1/editions/2026/progress", headers=h).status, 403, "enlace: 403")
    r = anon.get("/api/v1/editions/2026/progress")
    eq(r.status, 401, "no credentials: 401")
    eq(json.loads(r.body)["status"], 401, "a JSON error")
    h = {"Authorization": "Bearer " + token("admin")}
    eq(anon.request("GET", "/api/v1/editions/2026/progress", headers=h).status, 200, "administrador")


# ---- the whole edition, with its review thread ----

def whole_edition():
    """upload -> submit -> returned with a comment -> fixed, resubmitted ->
    returned again -> resubmitted -> validated -> published; the thread
    keeps every comment in order, for the enlace and the coordinator."""
    inm.get("/plantilla/subir")
    r = multipart(inm, "/plantilla/subir", "flujo.xlsx", workbook([row("F-1")]))
    eq(r.status, 200, "uploaded")
    aid = action_id("F-1")
    eq(step(inm, aid, "enviar").status, 303, "submitted")
    eq(step(coord, aid, "devolver", comentario="Primera observación: falta el lugar.").status, 303, "returned")
    inm.get("/acciones/%d/editar" % aid)
    eq(step(inm, aid, "enviar").status, 303, "resubmitted")
    eq(step(coord, aid, "devolver", comentario="Segunda observación: cifras.").status, 303, "returned again")
    eq(step(inm, aid, "enviar").status, 303, "resubmitted again")
    eq(step(coord, aid, "validar").status, 303, "validated")
    for who in (inm, coord):
        body = who.get("/acciones/%d" % aid).body
        thread = re.search(r'<ol class="thread" id="thread">(.*?)</ol>', body, re.S).group(1)
        steps = re.findall(r'class="step-(\w+)"', thread)
        eq(steps, ["enviar", "devolver", "enviar", "devolver", "enviar", "validar"], "the thread in order")
        i1, i2 = thread.index("Primera observación"), thread.index("Segunda observación")
        eq(i1 < i2, True, "both comments, oldest first")
        contains(thread, "(coordinador)", "who")
        contains(thread, "(enlace.inm)", "who")
    # every other action of the edition reviewed, then published
    for (aid2,) in db("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = ?"
                      " AND a.status = 'borrador'", ED):
        step(inm, aid2, "borrar")
    admin.get("/admin")
    eq(admin.post("/admin/ediciones/2026", {"estado": "publicada"}).status, 303, "published")
    r = anon.get("/acciones/%d" % aid)
    eq(r.status, 200, "public")
    eq("thread" in r.body, False, "the thread is not public")


check("edition_refused", edition_refused)
check("edition_created", edition_created)
check("no_period_no_publication", no_period_no_publication)
check("cli_new_and_set", cli_new_and_set)
check("template_download", template_download)
check("upload_page_says_the_deadline", upload_page_says_the_deadline)
check("upload_errors_all_or_nothing", upload_errors_all_or_nothing)
check("upload_ok", upload_ok)
check("upload_limits", upload_limits)
check("submit_checks_completeness", submit_checks_completeness)
check("withdraw_and_delete", withdraw_and_delete)
check("upload_keeps_reviewed_actions", upload_keeps_reviewed_actions)
check("board", board)
check("progress_api", progress_api)
check("whole_edition", whole_edition)
srv.stop()
done()
