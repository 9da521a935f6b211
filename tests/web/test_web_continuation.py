"""Issue 13 (F13): a continuing programme through the API. An action shows
"continues" {edition, folio, id, url}; a POST or PUT with "continua_folio"
(the folio, in the previous edition, of the action it continues) links it,
checked as the import checks it (the folio must be in the previous
edition, of the same institution, not continued yet), 422 beside the field
otherwise; a PUT without it keeps the link."""
import json
import sqlite3
import subprocess
from webtest import PMM, Client, check, contains, demo_server, done, eq

s, srv = demo_server()
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


COORD = dict(H, Authorization="Bearer " + token("coordinador"))
INM = dict(H, Authorization="Bearer " + token("enlace.inm"))
c = Client(srv)
TYPE = "Generación de información y/o materiales informativos"


def folios(acronym):
    """Folio and id of ACRONYM's actions of the live 2024, by folio."""
    con = sqlite3.connect(s.db)
    try:
        return con.execute("SELECT a.folio, a.id FROM action a JOIN institution i ON i.id = a.institution_id"
                           " JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024' AND i.acronym = ?"
                           " ORDER BY a.folio", (acronym,)).fetchall()
    finally:
        con.close()


INM_2024 = folios("INM")
SRE_2024 = folios("SRE")


def record(folio, cont=None):
    d = {"folio": folio, "institucion": "INM", "objetivos": [3], "nombre": "Continúa por la API",
         "tipo_accion": [TYPE]}
    if cont is not None:
        d["continua_folio"] = cont
    return d


def post(body, h=INM):
    r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), h)
    return r, json.loads(r.body)


def get(aid, h=INM):
    return json.loads(c.get("/api/v1/actions/%d" % aid, headers=h).body)


state = {}


def create_links_and_shows_it():
    folio, old = INM_2024[0]
    r, d = post(record("C-1", folio))
    eq(r.status, 201, r.body)
    want = {"edition": "2024", "folio": folio, "id": old, "url": "/api/v1/actions/%d" % old}
    eq(d["continues"], want, "the answer")
    eq(get(d["id"])["continues"], want, "GET")
    state["id"] = d["id"]
    # and the interchange format of the list carries the folio
    lst = json.loads(c.get("/api/v1/editions/2025/actions?campos=folio,continua_folio", headers=INM).body)
    eq([a["continua_folio"] for a in lst["actions"] if a["folio"] == "C-1"], [folio], "campos=continua_folio")
    # an action without one says null
    r, d = post(record("C-0"))
    eq(d["continues"], None, "no link")


def refused_beside_the_field():
    for cont, part in (("NO-EXISTE", "no hay ninguna acción con el folio «NO-EXISTE» en la edición anterior, "
                                      "«2024»"),
                       (SRE_2024[0][0], "es de otra institución (SRE)")):
        r, d = post(record("C-2", cont))
        eq(r.status, 422, r.body)
        eq([e["field"] for e in d["errors"]], ["continua_folio"], "the field")
        contains(d["errors"][0]["message"], part)
    # INM_2024[0] is continued by C-1 already
    r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(record("C-3", INM_2024[0][0])), INM)
    eq(r.status, 422, r.body)
    contains(r.body, "ya continúa")
    lst = json.loads(c.get("/api/v1/editions/2025/actions?campos=folio", headers=INM).body)
    eq(sorted(a["folio"] for a in lst["actions"] if a["folio"].startswith("C-")), ["C-0", "C-1"], "nothing saved")


def put_keeps_or_replaces():
    aid = state["id"]
    cur = get(aid)
    r = c.request("PUT", "/api/v1/actions/%d" % aid, json.dumps(dict(record("C-1"), nombre="Otro nombre",
                                                                        version=cur["version"])), INM)
    eq(r.status, 200, r.body)
    eq(json.loads(r.body)["continues"]["folio"], INM_2024[0][0], "kept without continua_folio")
    cur = get(aid)
    r = c.request("PUT", "/api/v1/actions/%d" % aid, json.dumps(dict(record("C-1", INM_2024[1][0]),
                                                                        version=cur["version"])), INM)
    eq(r.status, 200, r.body)
    eq(json.loads(r.body)["continues"]["folio"], INM_2024[1][0], "replaced")


def demo_2024_continues_the_example():
    folio, aid = INM_2024[0]
    d = get(aid, COORD)
    eq(d["continues"] and d["continues"]["edition"], "2023-ejemplo", "the demo links its 2024 to 2023-ejemplo")


check("POST with continua_folio links; the action shows 'continues'", create_links_and_shows_it)
check("a folio not in 2024, another institution's, or continued: 422 beside continua_folio",
      refused_beside_the_field)
check("PUT without continua_folio keeps the link, with another replaces it", put_keeps_or_replaces)
check("the demo's 2024 actions continue 2023-ejemplo's", demo_2024_continues_the_example)
srv.stop()
done()
