"""The voluntary GCM review on the platform (issue 13, docs/review.md):
/admin/examenes for coordinators and administrators only; a new review
(name and editions, refused as `pmm review` refuses a range); its texts
saved through a form checked for CSRF, a stale form refused with 409
keeping what was typed; the texts in the draft, downloaded in HTML, PDF
and DOCX, the same draft as `pmm review --review NAME`."""
import re
import sqlite3
import zipfile
import http.client
import json
import io
import webtest  # noqa: E402
from webtest import Client, Server, Scratch, check, contains, done, eq, form_fields

s = Scratch()
s.pmm("demo", check=0)
srv = Server(s)
coord, admin, enlace, public = Client(srv), Client(srv), Client(srv), Client(srv)
coord.login("coordinador")
admin.login("admin")
enlace.login("enlace.inm")
state = {}


def binary(client, path):
    """(status, content type, bytes) of a GET by CLIENT: the helper's
    Response decodes its body as text."""
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    c.request("GET", path, headers={"Cookie": "; ".join("%s=%s" % kv for kv in client.cookies.items())})
    r = c.getresponse()
    out = (r.status, r.getheader("Content-Type"), r.read())
    c.close()
    return out


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


def roles():
    r = public.get("/admin/examenes")
    eq(r.status, 303, "the public is sent to log in")
    contains(r.header("Location"), "/entrar")
    eq(enlace.get("/admin/examenes").status, 403, "a focal point")
    eq(enlace.post("/admin/examenes", {"nombre": "x", "desde": "2024", "hasta": "2024"}).status, 403, "focal point POST")
    eq(q("SELECT count(*) FROM review"), [(0,)], "nothing created by a focal point")
    assert "/admin/examenes" not in enlace.get("/panel").body, "no link for a focal point"
    for c in (coord, admin):
        contains(c.get("/panel").body, '<a href="/admin/examenes">', "the panel links to the reviews")
        r = c.get("/admin/examenes")
        eq(r.status, 200, "staff")
        contains(r.body, "Aún no hay ningún examen.")


def create():
    r = coord.get("/admin/examenes")
    fields = dict(form_fields(r.body, "/admin/examenes"))
    eq(fields["desde"], "2023-ejemplo", "the first edition by default")
    eq(fields["hasta"], "2025", "the last edition by default")
    r = coord.post("/admin/examenes", {"nombre": "FEMI 2026", "desde": "2023-ejemplo", "hasta": "2024"})
    eq(r.status, 303, r.body[:2000])
    m = re.match(r"/admin/examenes/(\d+)$", r.header("Location"))
    assert m, r.header("Location")
    state["id"] = int(m.group(1))
    eq(q("SELECT r.name, f.name, t.name, r.version FROM review r JOIN edition f ON f.id = r.from_edition_id"
         " JOIN edition t ON t.id = r.to_edition_id"), [("FEMI 2026", "2023-ejemplo", "2024", 1)], "stored")
    contains(coord.get("/admin/examenes").body, "FEMI 2026")


def create_refused():
    cases = (({"nombre": "B", "desde": "2024", "hasta": "2023-ejemplo"}, 422,
              "la edición «2024» es posterior a «2023-ejemplo»"),
             ({"nombre": "B", "desde": "nosuch", "hasta": "2024"}, 422, "no existe la edición «nosuch»"),
             ({"nombre": "", "desde": "2024", "hasta": "2024"}, 422, "El examen no se creó"),
             ({"nombre": "FEMI 2026", "desde": "2024", "hasta": "2024"}, 409, "Ya existe un examen con ese nombre."))
    for fields, status, msg in cases:
        r = coord.post("/admin/examenes", fields)
        eq(r.status, status, str(fields) + r.body[:1500])
        contains(r.body, msg)
        if fields["nombre"]:
            contains(r.body, 'value="%s"' % fields["nombre"], "the name typed is kept")
    eq(q("SELECT count(*) FROM review"), [(1,)], "nothing more created")
    r = coord.post("/admin/examenes", {"nombre": "C", "desde": "2024", "hasta": "2024"}, csrf=False)
    eq(r.status, 403, "no CSRF token")
    eq(q("SELECT count(*) FROM review"), [(1,)], "nothing created without CSRF")


def url(suffix=""):
    return "/admin/examenes/%d%s" % (state["id"], suffix)


def save_texts():
    r = coord.get(url())
    eq(r.status, 200)
    fields = dict(form_fields(r.body, url()))
    eq(fields["version"], "1")
    fields.update(politica="La Ley de Migración <reformada> & el Programa.", proximos_pasos="Ampliar el registro.")
    r = coord.post(url(), fields)
    eq(r.status, 303, r.body[:1500])
    eq(q("SELECT policy, next_steps, introduction, version FROM review"),
       [("La Ley de Migración <reformada> & el Programa.", "Ampliar el registro.", None, 2)], "saved")
    audit = q("SELECT u.username, l.what, l.before, l.after FROM audit_log l JOIN account u ON u.id = l.user_id"
              " WHERE l.what LIKE 'examen %' ORDER BY l.id")
    eq([a[:2] for a in audit], [("coordinador", "examen %d nuevo" % state["id"]),
                                ("coordinador", "examen %d textos" % state["id"])], "audited")
    eq(json.loads(audit[1][2])["politica"], None, "the texts before")
    eq(json.loads(audit[1][3])["politica"], "La Ley de Migración <reformada> & el Programa.", "and after")
    r = coord.get(url())
    contains(r.body, "La Ley de Migración &lt;reformada&gt; &amp; el Programa.", "escaped in the form")
    r = coord.post(url(), dict(fields, medios="x"), csrf=False)
    eq(r.status, 403, "no CSRF token")
    eq(q("SELECT means FROM review"), [(None,)], "nothing saved without CSRF")
    eq(enlace.post(url(), dict(fields, medios="x")).status, 403, "a focal point")


def stale_form_409():
    a = dict(form_fields(coord.get(url()).body, url()))
    b = dict(form_fields(admin.get(url()).body, url()))
    eq(coord.post(url(), dict(a, medios="Lo que escribió la coordinación.")).status, 303, "first save")
    r = admin.post(url(), dict(b, medios="Lo que escribió la administración."))
    eq(r.status, 409, "the second, from a stale form")
    contains(r.body, "Alguien guardó los textos de este examen")
    contains(r.body, "Lo que escribió la administración.", "what was typed is kept")
    eq(q("SELECT means FROM review"), [("Lo que escribió la coordinación.",)], "the first save stands")
    # the form shown with the 409 carries the current version: sending it again saves
    again = dict(form_fields(r.body, url()))
    eq(admin.post(url(), again).status, 303, "saved on purpose")
    eq(q("SELECT means FROM review"), [("Lo que escribió la administración.",)])


def draft_downloads():
    r = coord.get(url("/borrador.html"))
    eq(r.status, 200, r.body[:500])
    contains(r.header("Content-Type"), "text/html")
    contains(r.body, "La Ley de Migración &lt;reformada&gt; &amp; el Programa.")
    contains(r.body, "Lo que escribió la administración.")
    eq(r.body.count("[Texto por redactar por la unidad coordinadora:"), 1, "only the introduction is pending")
    # the same draft as pmm review --review
    s.pmm("review", "--review", "FEMI 2026", "-o", "cli.html", check=0)
    cli = open(s.path("cli.html"), encoding="utf-8").read()
    eq(re.findall(r'data-filter="([^"]*)" data-value="(\d+)"', r.body),
       re.findall(r'data-filter="([^"]*)" data-value="(\d+)"', cli), "the same figures as the CLI")
    en = coord.get(url("/borrador.html?lang=en"))
    contains(en.body, "Voluntary GCM review")
    status, ctype, pdf = binary(coord, url("/borrador.pdf"))
    eq((status, ctype), (200, "application/pdf"))
    assert pdf[:5] == b"%PDF-", pdf[:20]
    status, ctype, docx = binary(coord, url("/borrador.docx"))
    eq(status, 200)
    contains(ctype, "wordprocessingml")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        contains(z.read("word/document.xml").decode("utf-8"), "Lo que escribió la administración.")
    eq(coord.get(url("/borrador.odt")).status, 404, "unknown format")
    eq(coord.get(url("/borrador.html?lang=fr")).status, 404, "unknown language")
    eq(coord.get("/admin/examenes/999/borrador.html").status, 404, "unknown review")
    eq(enlace.get(url("/borrador.html")).status, 403, "a focal point")
    eq(public.get(url("/borrador.pdf")).status, 303, "the public is sent to log in")


def range_no_longer_holds():
    # 2023-ejemplo's period moved after 2024's: the stored range is now backwards
    con = sqlite3.connect(s.db)
    con.execute("UPDATE edition SET period_start = '2030-01', period_end = '2030-12' WHERE name = '2023-ejemplo'")
    con.commit()
    con.close()
    r = coord.get(url("/borrador.html"))
    eq(r.status, 409, r.body[:500])
    contains(r.body, "la edición «2023-ejemplo» es posterior a «2024»")


for fn in (roles, create, create_refused, save_texts, stale_form_409, draft_downloads, range_no_longer_holds):
    check(fn.__name__, fn)
srv.stop()
s.close()
done()
