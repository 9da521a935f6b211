"""Follow-ups of the last tester rounds of issues 13 and 14, web side
(helper FUP; /work/wt/notes/s9/h14r4-report.md sweep items a, b, e, g and
h13r4-report.md's two observations), through HTTP against a real server.
Each check fails on the code before its fix."""
import html
import json
import os
import re
import webtest
from pmmtest import Scratch, SOURCE
from webtest import Client, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
# 2024 published again: revision 2 is the latest, revision 1 an earlier one
s.pmm("edition", "reopen", "2024", "--note", "x", check=0)
s.pmm("edition", "set", "2024", "--state", "publicada", check=0)
ENLACE = s.pmm("user", "token", "enlace.inm", check=0).stdout.strip()
COORD = s.pmm("user", "token", "coordinador", check=0).stdout.strip()
srv = webtest.Server(s)
en_srv = webtest.Server(s, lang="en")
c = Client(srv)


def bearer(token):
    return {"Authorization": "Bearer " + token, "Content-Type": "application/json"}


def api_put(token, aid, body):
    r = c.request("PUT", "/api/v1/actions/%d" % aid, json.dumps(body), bearer(token))
    return r.status, json.loads(r.body)


def action_id(institution, edition):
    return s.query("SELECT a.id FROM action a JOIN institution i ON i.id = a.institution_id "
                   "JOIN edition e ON e.id = a.edition_id WHERE i.acronym = ? AND e.name = ? "
                   "ORDER BY a.id LIMIT 1", institution, edition)[0][0]


# ---- H14R4 a: English pages quote with "…", as the English messages do ----

def english_pages_quote_in_english():
    ce = Client(en_srv)
    for path in ("/acciones?edicion=2024&objetivo=abc", "/acciones?edicion=2024&estado=99",
                 "/acciones?edicion=2024&zz=1"):
        r = ce.get(path)
        text = html.unescape(r.body)
        m = re.search(r'<main.*</main>', text, re.S)
        main = m.group(0) if m else text
        quoted = re.findall(r"«[^«»]*»", re.sub(r"<[^>]+>", " ", main))   # not the pager's «Next »»
        eq(quoted, [], path + ": no Spanish quotes in the English page")
    contains(html.unescape(ce.get("/acciones?edicion=2024&objetivo=abc").body),
             'The parameter "objetivo" must be a whole number from 1 to 23; it got "abc".')
    r = ce.request("GET", "/api/v1/editions/2024/actions?objetivo=abc", headers={"Accept-Language": "en"})
    eq("«" in json.loads(r.body)["error"], False, "the API in English: " + r.body)


# ---- H14R4 b: a trimmed revision address leads to an anchor the page has ----

def revision_addresses_lead_to_anchors():
    for path, anchor in (("/descargas/2024/r2", "edicion-2024"),       # the latest: the edition's files
                         ("/descargas/2024/r2/", "edicion-2024"),
                         ("/descargas/2024/r1", "edicion-2024-r1"),    # an earlier one: its item
                         ("/descargas/2023-ejemplo/r1", "edicion-2023-ejemplo")):
        r = c.get(path)
        eq(r.status, 303, path)
        where = r.header("Location")
        eq(where.split("#")[1], anchor, path)
        page = c.get(where.split("#")[0]).body
        contains(page, 'id="%s"' % anchor, path + ": the anchor it leads to exists")


# ---- H14R4 e: docs/api.md quotes the POST message the server gives ----

def docs_quote_the_post_message():
    r = c.request("POST", "/api/v1/editions/2025/actions?x=1", "{}", bearer(COORD))
    eq(r.status, 400)
    said = json.loads(r.body)["error"]
    with open(os.path.join(SOURCE, "docs", "api.md"), encoding="utf-8") as f:
        doc = " ".join(f.read().split())
    eq(("«" + said + "»") in doc, True, "docs/api.md §Parameters quotes «%s»" % said)


# ---- H14R4 g: the 400 for estado lists the codes in their order ----

def state_codes_in_order():
    r = c.get("/acciones?edicion=2024&estado=99")
    eq(r.status, 400)
    m = re.search(r"valores posibles: ([0-9, ]+)\.", html.unescape(r.body))
    codes = m.group(1).split(", ")
    eq(codes, sorted(codes), "the codes as `pmm catalog states` lists them")
    eq(codes[:12], ["%02d" % n for n in range(1, 13)])
    listed = [ln.split("\t")[0] for ln in s.pmm("catalog", "states", check=0).stdout.splitlines()]
    eq(codes, listed, "the same order as pmm catalog states")


# ---- H13R4: a PUT answers 404 and 403 before it looks at the body ----

def put_rights_before_body():
    st, body = api_put(ENLACE, 99999, {"version": 1, "continua_folio": None})
    eq(st, 404, "an action that does not exist: %s" % body)
    other = action_id("SRE", "2024")
    st, body = api_put(ENLACE, other, {"version": 1, "continua_folio": None})
    eq(st, 403, "another institution's action, a body the validator refuses: %s" % body)
    st, body = api_put(COORD, other, {"version": 1})
    eq(st, 409, "a published edition's action: %s" % body)
    contains(body["error"], "publicada")


# ---- H13R4: continua_edicion without continua_folio is refused, not ignored ----

NEW = {"objetivos": [1], "nombre": "Prueba de enlace", "descripcion": "d",
       "tipo_accion": ["Apoyo en trámites"], "resultados": "r"}


def edition_without_folio_refused():
    r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(NEW), bearer(ENLACE))
    eq(r.status, 201, r.body)
    new = json.loads(r.body)
    for ce in ("zzz", "2024"):
        st, body = api_put(ENLACE, new["id"], dict(NEW, version=new["version"], continua_folio="",
                                                    continua_edicion=ce))
        eq(st, 422, "continua_edicion %r with an empty folio: %s" % (ce, body))
        eq([e["field"] for e in body["errors"]], ["continua_edicion"], str(body))
        contains(body["errors"][0]["message"], "continua_folio")
    r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(dict(NEW, continua_edicion="zzz")),
                  bearer(ENLACE))
    eq(r.status, 422, "a new action: " + r.body)
    eq(json.loads(r.body)["errors"][0]["field"], "continua_edicion")
    st, body = api_put(ENLACE, new["id"], dict(NEW, version=new["version"], nombre="Otro"))
    eq(st, 200, "without the edition the same PUT saves: %s" % body)


try:
    check("H14R4 a: English pages quote with \"…\"", english_pages_quote_in_english)
    check("H14R4 b: /descargas/E/rN leads to an anchor the page has", revision_addresses_lead_to_anchors)
    check("H14R4 e: docs/api.md quotes the POST message the server gives", docs_quote_the_post_message)
    check("H14R4 g: the 400 of estado lists the codes in order", state_codes_in_order)
    check("H13R4: PUT answers 404/403/409 before the body's 422", put_rights_before_body)
    check("H13R4: continua_edicion without a folio is refused", edition_without_folio_refused)
finally:
    srv.stop()
    en_srv.stop()
done()
