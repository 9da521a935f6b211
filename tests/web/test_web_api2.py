"""Issue 14, «The API», through HTTP against a real server: errors that
name the parameter and its range, in the request's language; CORS on the
public reads only; ETag / Last-Modified with 304; Cache-Control; the
catalogs; every field of a list's items (campos=); paging links (the API's
and the page's, which kept no por_pagina); public search over folio and
challenge texts, by relevance, through Spanish punctuation; and the OpenAPI
description, checked against every endpoint of the running server."""
import json
import re
import sqlite3
import subprocess
import time
import unicodedata
import urllib.parse
import jsonschema
from webtest import ACTION_HEADER, PMM, Client, check, contains, demo_server, done, eq

s, srv = demo_server()
c = Client(srv)
EN = {"Accept-Language": "en-US,en;q=0.9,es;q=0.5"}
ES = {"Accept-Language": "es-MX"}
LIST = "/api/v1/editions/2024/actions"


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


COORD = {"Authorization": "Bearer " + token("coordinador"), "Content-Type": "application/json"}


def get_json(path, headers=None, status=200):
    r = c.get(path, headers=headers or {})
    eq(r.status, status, path + ": " + r.body[:500])
    return json.loads(r.body)


def error_of(path, headers=None, status=400):
    return get_json(path, headers, status)["error"]


# ---- 1. errors name the parameter and its range; the request's language ----

def errors_name_the_parameter():
    msgs = {}
    for q, name, rng in [("por_pagina=5000", "por_pagina", "1000"), ("pagina=0", "pagina", "1000000"),
                         ("objetivo=24", "objetivo", "23"), ("objetivo=1abc", "objetivo", "23"),
                         ("objetivo=%2B7", "objetivo", "23"), ("tipo_accion=1x", "tipo_accion", None)]:
        m = error_of(LIST + "?" + q)
        contains(m, "«%s»" % name, q)
        if rng:
            contains(m, rng, q + " names the range")
        contains(m, urllib.parse.unquote(q.split("=")[1]), q + " names what it got")
        msgs[q] = m
    eq(len(set(msgs.values())), len(msgs), "one message per fault, not one generic sentence")
    contains(error_of(LIST + "?tipo=XX"), "APF, EF, PJ, PL, OCA, OSC")
    contains(error_of(LIST + "?institucion=NOPE"), "/api/v1/catalogos/instituciones")
    contains(error_of(LIST + "?genero=quiza"), "si, no, sin_dato")


def unknown_parameters_refused():
    m = error_of(LIST + "?objetivos=7")
    contains(m, "«objetivos»")
    contains(m, "campos")        # the API also takes campos=, and says so
    r = c.get("/acciones?edicion=2024&campos=todos")
    eq(r.status, 200, "the page ignores campos= (F14B: pages ignore what they do not take)")
    contains(r.body, "«campos»", "and says it ignored it")


def messages_in_the_requests_language():
    en = error_of(LIST + "?objetivo=1abc", EN)
    contains(en, "parameter \"objetivo\" must be a whole number from 1 to 23")
    es = error_of(LIST + "?objetivo=1abc", ES)
    contains(es, "debe ser un número entero de 1 a 23")
    eq(error_of(LIST + "?objetivo=1abc"), es, "no Accept-Language: the server's language (Spanish)")
    contains(error_of("/api/v1/actions/999999", EN, 404), "does not exist")
    contains(error_of("/api/v1/catalogos/nada", EN, 404), "catalog \"nada\"")
    r = c.get(LIST + "?pagina=0", headers=EN)
    eq((r.header("Content-Language"), r.header("Vary")), ("en", "Accept-Language"), "says its language")
    # the preference order counts, and q=0 refuses a language
    contains(error_of(LIST + "?pagina=0", {"Accept-Language": "fr, es;q=0.4, en;q=0.8"}), "must be")
    contains(error_of(LIST + "?pagina=0", {"Accept-Language": "en;q=0, es"}), "debe ser")
    # the response cache keeps the two languages apart
    r1 = c.get("/api/v1/editions/2099/figures", headers=EN)
    r2 = c.get("/api/v1/editions/2099/figures", headers=ES)
    eq((r1.status, r2.status), (404, 404), "no such edition")
    if r1.body == r2.body:
        raise AssertionError("same body for en and es: " + r1.body)


def page_refuses_bad_number_and_keeps_per_page():
    r = c.get("/acciones?edicion=2024&objetivo=1abc")
    eq(r.status, 400, "the page refuses objetivo=1abc")
    contains(r.body, "El parámetro «objetivo» debe ser un número entero de 1 a 23")
    r = c.get("/acciones?edicion=2024&por_pagina=5&q=salud&objetivo=&tipo=")   # as the form sends it
    eq(r.status, 200, r.body[:300])
    nxt = re.search(r'<a rel="next" href="([^"]+)"', r.body)
    if not nxt:
        raise AssertionError("no next link")
    link = nxt.group(1).replace("&amp;", "&")
    args = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    eq((args.get("por_pagina"), args.get("pagina"), args.get("q")), (["5"], ["2"], ["salud"]), link)
    if "objetivo=" in link:
        raise AssertionError("an empty filter kept in the link: " + link)
    r2 = c.get(link)
    eq(len(re.findall(r'<tr><td data-label', r2.body)), 5, "page 2 has 5 rows as page 1 did")


# ---- 2. CORS, validators, caching ----

def cors_on_public_reads_only():
    for path in ["/api/v1", "/api/v1/editions", LIST, "/api/v1/catalogos/objetivos", "/descargas"]:
        r = c.get(path, headers={"Origin": "https://opensdg.example"})
        eq((r.status, r.header("Access-Control-Allow-Origin")), (200, "*"), path)
        contains(r.header("Access-Control-Expose-Headers") or "", "ETag", path)
    r = c.request("OPTIONS", LIST, headers={"Origin": "https://opensdg.example",
                                            "Access-Control-Request-Method": "GET"})
    eq(r.status, 204, "preflight")
    eq(r.header("Access-Control-Allow-Origin"), "*", "preflight origin")
    contains(r.header("Access-Control-Allow-Methods"), "GET")
    if "POST" in r.header("Access-Control-Allow-Methods"):
        raise AssertionError("a write is allowed from another origin")
    r = c.request("OPTIONS", "/api/v1/actions/1/submit", headers={"Origin": "https://x.example",
                                                                  "Access-Control-Request-Method": "POST"})
    # F14B: OPTIONS is answered (204, Allow) on every path it knows, with no CORS for a write
    eq((r.status, r.header("Access-Control-Allow-Origin")), (204, None), "no CORS for a write")
    r = c.get("/api/v1/editions/2024/progress", headers=dict(COORD, Origin="https://x.example"))
    eq((r.status, r.header("Access-Control-Allow-Origin")), (200, None), "no CORS for an authenticated read")
    r = c.get(LIST, headers=dict(COORD, Origin="https://x.example"))
    eq((r.status, r.header("Access-Control-Allow-Origin"), r.header("Cache-Control")), (200, None, "no-store"),
       "the list read with a token")
    r = c.get("/panel", headers={"Origin": "https://x.example"})
    eq(r.header("Access-Control-Allow-Origin"), None, "no CORS for a page")


def etag_and_304():
    for path in ["/api/v1/editions", LIST + "?objetivo=7", "/api/v1/catalogos/estados", "/api/v1/openapi.json"]:
        r = c.get(path)
        tag = r.header("ETag")
        if not tag or not re.fullmatch(r'"[0-9a-f]{16}"', tag):
            raise AssertionError("%s: ETag %r" % (path, tag))
        for inm in [tag, 'W/' + tag, '"x", ' + tag, "*"]:
            r2 = c.get(path, headers={"If-None-Match": inm})
            eq((r2.status, r2.body, r2.header("ETag")), (304, "", tag), path + " If-None-Match " + inm)
            eq(r2.header("Access-Control-Allow-Origin"), "*", "a 304 keeps CORS")
        eq(c.get(path, headers={"If-None-Match": '"0000000000000000"'}).status, 200, path + " other tag")
    # a write changes the answer: the old ETag no longer matches
    before = c.get(LIST + "?situacion=borrador", headers=COORD)
    eq(before.header("ETag"), None, "no ETag for a private answer")
    tag = c.get("/api/v1/editions").header("ETag")
    r = subprocess.run([PMM, "--db", s.db, "edition", "add", "2031", "--desde", "2030-06", "--hasta", "2031-06"],
                       capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    r = subprocess.run([PMM, "--db", s.db, "edition", "set", "2031", "--estado", "publicada"],
                       capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    r = c.get("/api/v1/editions", headers={"If-None-Match": tag})
    eq(r.status, 200, "the editions changed (another process published one): the old ETag is stale")
    contains(r.body, '"2031"')
    if r.header("ETag") == tag:
        raise AssertionError("the same ETag for another body")


def last_modified():
    time.sleep(1.2)          # the second of the last change is over
    path = LIST + "?objetivo=3"  # rendered for each request (a kept answer may predate its date)
    r = c.get(path)
    lm = r.header("Last-Modified")
    if not lm or not lm.endswith(" GMT"):
        raise AssertionError("Last-Modified %r" % lm)
    eq(c.get(path, headers={"If-Modified-Since": lm}).status, 304, "If-Modified-Since")
    eq(c.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status, 200, "an older date")
    # If-None-Match wins over If-Modified-Since (RFC 9110)
    eq(c.get(path, headers={"If-Modified-Since": lm, "If-None-Match": '"1"'}).status, 200, "If-None-Match first")
    # a write after that date: the same If-Modified-Since gets the new answer
    r = subprocess.run([PMM, "--db", s.db, "edition", "set", "2031", "--estado", "abierta"],
                       capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    time.sleep(1.1)
    r = c.get(path, headers={"If-Modified-Since": lm})
    eq(r.status, 200, "written since")
    if r.header("Last-Modified") == lm:
        raise AssertionError("the same date after a write")


def cache_control():
    eq(c.get("/api/v1/editions/2024/figures").header("Cache-Control"), "public, max-age=300",
       "a published edition's figures")
    eq(c.get(LIST).header("Cache-Control"), "public, max-age=300", "a published edition's actions")
    eq(c.get("/api/v1/editions").header("Cache-Control"), "no-cache", "the editions: live")
    eq(c.get("/api/v1/catalogos/objetivos").header("Cache-Control"), "no-cache", "a catalog: live")
    first = get_json(LIST + "?por_pagina=1")["actions"][0]["url"]
    r = c.get(first)
    d = json.loads(r.body)
    want = "public, max-age=86400" if "revision" in d else "no-cache"
    eq(r.header("Cache-Control"), want, "an action (revision %s)" % d.get("revision"))
    eq(c.get(first, headers=COORD).header("Cache-Control"), "no-store", "with a token")


# ---- 3. catalogs, fields, links ----

def catalogs_decode_the_filters():
    idx = get_json("/api/v1/catalogos")["catalogs"]
    eq(sorted(x["name"] for x in idx), sorted(["objetivos", "tipos", "instituciones", "estados", "tipos_accion",
                                               "poblaciones", "categorias", "principios"]), "the catalogs")
    for cat in idx:
        d = get_json(cat["url"])
        eq((d["catalog"], d["total"] == len(d["items"]), d["total"] > 0), (cat["name"], True, True), cat["name"])
        for item in d["items"][:3] + d["items"][-2:]:
            r = c.get(LIST + "?por_pagina=1&%s=%s" % (cat["filter"], urllib.parse.quote(item["value"])))
            eq(r.status, 200, "%s=%s: %s" % (cat["filter"], item["value"], r.body[:300]))
    obj = get_json("/api/v1/catalogos/objetivos")["items"]
    eq([o["value"] for o in obj], [str(n) for n in range(1, 24)], "the 23 objectives")
    if not all(o["title_en"] for o in obj):
        raise AssertionError("objectives without English title")
    # issue 13, hostile fault 9: the guiding principles were missing
    prin = get_json("/api/v1/catalogos/principios")["items"]
    eq([p["value"] for p in prin], [str(n) for n in range(1, 11)], "the ten guiding principles")


def every_field_and_campos():
    # issue 13: principios, continua_folio (F13), continua_edicion (R13B)
    fields = ACTION_HEADER.split(",") + ["principios", "continua_folio", "continua_edicion"]
    d = get_json(LIST + "?por_pagina=3&campos=todos")
    for a in d["actions"]:
        eq(set(a) - {"id", "url", "estado", "retos"}, set(fields), "every field of the interchange format")
        one = get_json(a["url"])
        eq((a["folio"], a["nombre"], a["objetivos"], a["beneficiarios"]),
           (one["folio"], one["name"], one["objectives"], one["beneficiaries"]), "as the action itself")
        eq([x["reto"] for x in a["retos"]], [x["text"] for x in one["challenges"]], "every challenge")
    d = get_json(LIST + "?por_pagina=2&campos=folio,retos")
    eq([sorted(a) for a in d["actions"]], [["folio", "id", "retos", "url"]] * 2, "the fields asked for")
    m = error_of(LIST + "?campos=folio,color")
    contains(m, "«color»")
    contains(m, "nombre")
    error_of(LIST + "?campos=folio,")
    contains(error_of(LIST + "?campos=color", EN), "is not a field")


def paging_links():
    d = get_json(LIST + "?por_pagina=7&objetivo=7&pagina=2")
    ln = d["links"]
    eq(sorted(ln), ["first", "last", "next", "prev", "self"], "page 2 of several")
    for rel, page in [("self", 2), ("prev", 1), ("next", 3), ("first", 1), ("last", d["pages"])]:
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(ln[rel]).query)
        eq((q["por_pagina"], q["objetivo"], q["pagina"]), (["7"], ["7"], [str(page)]), rel)
    nxt = get_json(ln["next"])
    eq((nxt["page"], nxt["per_page"]), (3, 7), "next")
    if set(a["id"] for a in nxt["actions"]) & set(a["id"] for a in d["actions"]):
        raise AssertionError("next repeats actions")
    last = get_json(ln["last"])
    eq("next" in last["links"], False, "no next after the last")
    eq("prev" in get_json(ln["first"])["links"], False, "no prev before the first")
    r = c.get(LIST + "?por_pagina=7&objetivo=7&pagina=2")
    contains(r.header("Link"), '>; rel="next"')


# ---- 4. public search ----

def fold(t):
    return "".join(ch for ch in unicodedata.normalize("NFD", t.lower()) if unicodedata.category(ch) != "Mn")


def search_folio_and_challenges():
    d = get_json(LIST + "?q=2024-0143")
    eq([a["folio"] for a in d["actions"]], ["2024-0143"], "the folio")
    # a word that only the challenges of the edition hold
    con = sqlite3.connect(s.db)
    texts = " ".join(fold(" ".join(r)) for r in con.execute(
        "SELECT a.folio || ' ' || a.name || ' ' || a.description || ' ' || a.results || ' ' || i.acronym || ' ' ||"
        " i.name FROM action a JOIN institution i ON i.id = a.institution_id"))
    words = set(re.findall(r"\w+", texts))
    only = None
    for (t,) in con.execute("SELECT h.text FROM challenge h ORDER BY h.id"):
        for w in re.findall(r"\w{7,}", t):
            if fold(w) not in words and not any(x.startswith(fold(w)) for x in words):
                only = w
                break
        if only:
            break
    con.close()
    if not only:
        raise AssertionError("no word only in challenges")
    d = get_json(LIST + "?por_pagina=1000&campos=retos&q=" + urllib.parse.quote(only))
    if not d["total"]:
        raise AssertionError("«%s», a challenge's word, found nothing" % only)
    for a in d["actions"]:
        if not any(fold(only) in fold(x["reto"]) for x in a["retos"]):
            raise AssertionError("%s found without it" % a["url"])
    r = c.get("/acciones?edicion=2024&q=" + urllib.parse.quote(only))
    contains(r.body, 'data-total="%d"' % d["total"], "the page finds the same")


def search_spanish_punctuation():
    plain = get_json(LIST + "?q=salud+migrantes")["total"]
    if plain < 2:
        raise AssertionError("too few results for the test: %d" % plain)
    for q in ["¿salud migrantes?", "¡salud! migrantes", "salud—migrantes", "salud\u00a0migrantes",
              "«salud» – migrantes", "salud\u202fmigrantes"]:
        eq(get_json(LIST + "?q=" + urllib.parse.quote(q))["total"], plain, repr(q))
    eq(get_json(LIST + "?q=" + urllib.parse.quote("¿?—"))["total"], get_json(LIST)["total"],
       "punctuation alone searches nothing")


def search_by_relevance():
    d = get_json(LIST + "?por_pagina=1000&campos=nombre&q=salud")
    names = [fold(a["nombre"]) for a in d["actions"]]
    inside = [("salud" in n) for n in names]
    if all(inside) or not any(inside):
        raise AssertionError("the test needs both kinds: %r" % inside)
    first_out = inside.index(False)
    if any(inside[first_out:]):
        raise AssertionError("a name holding the word after one that does not: %r" % inside)
    ids = [a["id"] for a in d["actions"]]
    if ids == sorted(ids):
        raise AssertionError("ordered by id, not relevance")
    page = c.get("/acciones?edicion=2024&q=salud").body
    first = re.search(r'<td><a href="/acciones/(\d+)">', page).group(1)
    eq(int(first), ids[0], "the page orders the same way")


# ---- 5. the OpenAPI description and the index ----

class Doc(dict):
    """/api/v1/openapi.json, read on first use (each check fails alone on a server without it)."""

    def __getitem__(self, key):
        if not len(self):
            self.update(get_json("/api/v1/openapi.json"))
        return dict.__getitem__(self, key)


DOC = Doc()


def validate(schema, value, what):
    root = {"$ref": schema["$ref"], "components": DOC["components"]} if "$ref" in schema else \
        dict(schema, components=DOC["components"])
    errs = list(jsonschema.Draft202012Validator(root).iter_errors(value))
    if errs:
        raise AssertionError("%s: %s\n%s" % (what, errs[0].message, json.dumps(value)[:500]))


def call(method, path, body=None, headers=None):
    h = dict(headers or {})
    r = c.request(method, path, json.dumps(body) if body is not None else None, h)
    return r


def index_is_the_description():
    idx = get_json("/api/v1")
    validate({"$ref": "#/components/schemas/Index"}, idx, "/api/v1")
    described = sorted((m.upper(), p) for p, ops in DOC["paths"].items() for m in ops)
    served = sorted((e["method"], e["path"]) for e in idx["endpoints"])
    eq(served, described, "every route of the server is described, and every description served")
    jsonschema.Draft202012Validator.check_schema({"$defs": DOC["components"]["schemas"]})
    eq(DOC["openapi"].startswith("3."), True, "OpenAPI 3")


def every_endpoint_answers_as_described():
    first = get_json(LIST + "?por_pagina=1")["actions"][0]
    values = {"edition": "2024", "id": str(first["id"])}
    new = {}
    checked = 0
    for path, ops in DOC["paths"].items():
        for method, op in ops.items():
            names = re.findall(r"\{(\w+)\}", path)
            variants = [values]
            for p in op.get("parameters", []):
                if p["in"] == "path" and "enum" in p["schema"]:
                    variants = [dict(values, **{p["name"]: v}) for v in p["schema"]["enum"]]
            for v in variants:
                url = path
                for n in names:
                    val = new.get(n, v[n]) if method != "get" else v[n]
                    url = url.replace("{%s}" % n, urllib.parse.quote(val))
                headers = dict(COORD) if "security" in op else {}
                body = None
                if method == "post" and path.endswith("/actions"):
                    url = url.replace("/2024/", "/2025/")
                    body = {"folio": "OAS-1", "institucion": "INM", "objetivos": [3], "nombre": "Por OpenAPI"}
                if method == "put":
                    url = "/api/v1/actions/%s" % new["id"]
                    cur = get_json(url, COORD)
                    body = {"folio": "OAS-1", "institucion": "INM", "objetivos": [3], "nombre": "Cambiada",
                            "version": cur["version"]}
                if method == "post" and path.endswith("/submit"):
                    url = "/api/v1/actions/%s/submit" % new["id"]
                    headers = dict(COORD)
                r = call(method.upper(), url, body, headers)
                want = op["responses"].get(str(r.status))
                if not want:
                    raise AssertionError("%s %s: status %d is not described\n%s" % (method, url, r.status,
                                                                                      r.body[:400]))
                validate(want["content"]["application/json"]["schema"], json.loads(r.body), method + " " + url)
                if method == "post" and r.status == 201:
                    new["id"] = str(json.loads(r.body)["id"])
                checked += 1
            # an error of each operation that describes 404 is as described too
            if "404" in op["responses"] and names:
                url = path
                for n in names:
                    url = url.replace("{%s}" % n, "999999" if n == "id" else "nada")
                r = call(method.upper(), url, {} if method != "get" else None,
                         dict(COORD) if "security" in op else {})
                if str(r.status) in op["responses"]:
                    validate(op["responses"][str(r.status)]["content"]["application/json"]["schema"],
                             json.loads(r.body), "%s %s (%d)" % (method, url, r.status))
    if checked < 18:
        raise AssertionError("only %d requests" % checked)
    r = c.get(LIST + "?objetivo=99")
    validate(DOC["paths"]["/api/v1/editions/{edition}/actions"]["get"]["responses"]["400"]["content"]
             ["application/json"]["schema"], json.loads(r.body), "a 400")


check("errors name the parameter, the value and the allowed range", errors_name_the_parameter)
check("an unknown parameter is refused, naming it", unknown_parameters_refused)
check("every API message in the request's language (Accept-Language)", messages_in_the_requests_language)
check("the page refuses objetivo=1abc and its paging keeps por_pagina", page_refuses_bad_number_and_keeps_per_page)
check("CORS on public reads only, preflight answered", cors_on_public_reads_only)
check("ETag and 304 on If-None-Match", etag_and_304)
check("Last-Modified and 304 on If-Modified-Since", last_modified)
check("Cache-Control: published editions fresh a while, frozen revisions long, live data revalidated",
      cache_control)
check("the catalogs hold every value the filters take", catalogs_decode_the_filters)
check("list items with every field (campos=todos) or the fields asked for", every_field_and_campos)
check("next / prev / first / last links keep the arguments", paging_links)
check("search finds folios and challenge texts", search_folio_and_challenges)
check("search reads through Spanish punctuation", search_spanish_punctuation)
check("search orders by relevance", search_by_relevance)
check("/api/v1 lists exactly what openapi.json describes", index_is_the_description)
check("every endpoint answers as openapi.json describes", every_endpoint_answers_as_described)
rc, out, err = srv.stop()
check("the server stops cleanly", lambda: eq(rc, 0, "exit\n" + err))
s.close()
done()
