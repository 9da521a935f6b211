"""Issue 13, the hostile tester's faults on the platform (helper R13):
the «Continuar» button on an action already continued (6), the one 422
of the API in another shape (7), staff links of counts listing drafts (4),
/acciones without principio / mesa controls (5)."""
import json
import re
import sqlite3
import subprocess
import html
import urllib.parse
from webtest import PMM, Client, check, contains, demo_server, done, eq, form_fields, total

s, srv = demo_server()
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


INM = dict(H, Authorization="Bearer " + token("enlace.inm"))
api = Client(srv)
inm = Client(srv)
inm.login("enlace.inm")
coord = Client(srv)
coord.login("coordinador")


def query(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def inm_2024(n):
    """Folio and id of the INM's Nth validated action of the live 2024."""
    return query("SELECT a.folio, a.id FROM action a JOIN institution i ON i.id = a.institution_id"
                 " JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024' AND e.snapshot_of IS NULL"
                 " AND i.acronym = 'INM' AND a.status = 'validada' ORDER BY a.folio")[n]


def continued_action_has_no_button():
    folio, aid = inm_2024(0)
    page = inm.get("/acciones/%d" % aid)
    contains(page.body, "Continuar en la edición")
    r = api.request("POST", "/api/v1/editions/2025/actions",
                    json.dumps({"folio": "R13-1", "institucion": "INM", "objetivos": [3], "nombre": "Sigue",
                                "continua_folio": folio}), INM)
    eq(r.status, 201, r.body[:300])
    page = inm.get("/acciones/%d" % aid)
    eq("Continuar en la edición" in page.body, False, "no button on an action already continued")
    contains(page.body, "Continúa en")
    r = inm.get("/acciones/nueva?continua=%d" % aid)
    eq(r.status, 409, "a second continuation, started: " + r.body[:300])
    contains(r.body, "ya continúa en la edición 2025")
    inm.get("/acciones/nueva")
    r = inm.post("/acciones/nueva", {"continua": str(aid), "edicion": "2025", "folio": "R13-2",
                                     "nombre": "Otra vez", "objetivos": "3"})
    eq(r.status, 409, "a second continuation, posted: " + r.body[:300])
    contains(r.body, "ya continúa en la edición 2025")
    eq(query("SELECT count(*) FROM action_continuation WHERE continues_id = ?", aid), [(1,)], "one link")


def every_422_has_one_shape():
    r = api.request("POST", "/api/v1/editions/2025/actions",
                    json.dumps({"folio": "R13-3", "institucion": "INM", "objetivos": [3], "nombre": "Incompleta"}),
                    INM)
    eq(r.status, 201, r.body[:300])
    aid = json.loads(r.body)["id"]
    r = api.request("POST", "/api/v1/actions/%d/submit" % aid, "", INM)
    eq(r.status, 422, r.body[:300])
    d = json.loads(r.body)
    eq(sorted(d), ["errors", "status"], "the documented shape of a 422: " + r.body[:300])
    eq(d["status"], 422, "status")
    eq(d["errors"][0]["field"], "estado", "the field refused")
    contains(d["errors"][0]["message"], "falta completar")


def links_list_what_they_count():
    # drafts in 2025 (made above): a count of validated actions must not list them
    eq(query("SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025'"
             " AND a.status = 'borrador'")[0][0] > 0, True, "drafts in 2025")
    for page in ["/ediciones/2025", "/tendencias"]:
        body = coord.get(page).body
        links = (re.findall(r'<a [^>]*href="(/acciones\?edicion=2025[^"]*)"[^>]*>(?:<[^>]+>)*([0-9]+)<', body) +
                 re.findall(r'<a href="(/acciones\?edicion=2025[^"]*)" aria-label="2025: ([0-9]+)"', body))
        eq(len(links) > 0, True, "links of counts on " + page)
        for href, n in links[:5]:
            eq(total(coord.get(html.unescape(href)).body), int(n), "%s: %s lists what it counts" % (page, href))


def filters_survive_the_form():
    url = "/acciones?edicion=2023-ejemplo&principio=7&mesa=2"
    body = Client(srv).get(url).body
    fields = dict(form_fields(body, "/acciones"))
    eq((fields.get("principio"), fields.get("mesa")), ("7", "2"), "the controls hold the link's filters")
    again = Client(srv).get("/acciones?" + urllib.parse.urlencode(list(fields.items())))
    eq(total(again.body), total(body), "«Filtrar» keeps principio and mesa")


def review_names():
    new = {"desde": "2023-ejemplo", "hasta": "2024"}
    eq(coord.post("/admin/examenes", dict(new, nombre="Examen 2025")).status, 303, "a new review")
    for other in ["examen 2025", "EXAMEN 2025", "Examen\u200b 2025"]:
        r = coord.post("/admin/examenes", dict(new, nombre=other))
        eq(r.status, 409, "%r is the same name: %s" % (other, r.body[:200]))
        contains(r.body, "Ya existe un examen con ese nombre.")
    eq(query("SELECT count(*) FROM review"), [(1,)], "one review")
    # the limit is 100 characters (docs/review.md), not bytes: «é» is two bytes
    eq(coord.post("/admin/examenes", dict(new, nombre="é" * 100)).status, 303, "100 characters")
    r = coord.post("/admin/examenes", dict(new, nombre="é" * 101))
    eq(r.status, 422, "101 characters")
    contains(r.body, "máximo 100 caracteres")


def synthetic_on_the_platform():
    eq(json.loads(Client(srv).get("/api/v1/trend").body)["synthetic"], ["2023-ejemplo"], "the API's trend")
    contains(Client(srv).get("/tendencias").body, "Edición de ejemplo, sintética")


check("continued action: no button, 409", continued_action_has_no_button)
check("every 422 in one shape", every_422_has_one_shape)
check("staff links of counts list exactly the actions counted", links_list_what_they_count)
check("principio and mesa have controls on /acciones", filters_survive_the_form)
check("review names: case-blind, 100 characters", review_names)
check("the synthetic edition said on the platform", synthetic_on_the_platform)
done()
