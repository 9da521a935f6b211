"""Issue 13, hostile round 2 (helper F13): the continuation link is a field
like the others (a PUT changing only it is written, version bumped, a
folio already continued refused 422); no link crosses institutions (an
institution changed under one is refused, 422 naming it); a good practice
keeps a guiding principle at every write and at validation; «Continuar»
carries the principles; the trend's parameters are checked as the rest of
the API's; the dashboard's links encode the edition's name."""
import json
import sqlite3
import subprocess
import webtest  # noqa: E402
from webtest import PMM, Client, check, contains, demo_server, done, eq, form_of, set_field

s, srv = demo_server()
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


COORD = dict(H, Authorization="Bearer " + token("coordinador"))
INM = dict(H, Authorization="Bearer " + token("enlace.inm"))
c = Client(srv)
coord = Client(srv)
coord.login("coordinador")
inm = Client(srv)
inm.login("enlace.inm")


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


def folios(acronym, edition="2024"):
    return q("SELECT a.folio, a.id FROM action a JOIN institution i ON i.id = a.institution_id"
             " JOIN edition e ON e.id = a.edition_id WHERE e.name = ? AND i.acronym = ?"
             " ORDER BY a.folio", edition, acronym)


INM_2024 = folios("INM")


def post(body, h=INM):
    r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), h)
    return r, json.loads(r.body)


def put(aid, body, h=INM):
    r = c.request("PUT", "/api/v1/actions/%d" % aid, json.dumps(body), h)
    return r, json.loads(r.body)


def get(aid, h=INM):
    return json.loads(c.get("/api/v1/actions/%d" % aid, headers=h).body)


def body_of(d, **kw):
    """The interchange object of action D as read, changed by KW."""
    b = {"folio": d["folio"], "institucion": "INM", "objetivos": [3], "nombre": d["name"],
         "version": d["version"]}
    b.update(kw)
    return b


def put_link_alone():
    # fault 1: a draft without a link, then a PUT whose only change is continua_folio
    r, d = post({"folio": "C13-1", "institucion": "INM", "objetivos": [3], "nombre": "Sin enlace aún"})
    eq(r.status, 201, r.body)
    r, e = put(d["id"], body_of(d, continua_folio=INM_2024[0][0]))
    eq(r.status, 200, r.body)
    eq(e["continues"]["folio"] if e.get("continues") else None, INM_2024[0][0], "the link alone is written")
    eq(e["version"], d["version"] + 1, "a change: the version moves")
    # to another folio, nothing else changed
    r, f = put(d["id"], body_of(e, continua_folio=INM_2024[1][0]))
    eq(r.status, 200, r.body)
    eq(f["continues"]["folio"], INM_2024[1][0], "changed to the other folio")
    eq(f["version"], e["version"] + 1, "version moved again")
    audits = q("SELECT after FROM audit_log WHERE action_id = ? ORDER BY id", d["id"])
    eq(INM_2024[1][0] in audits[-1][0], True, "the audit record says the link")
    # the same link again: no change, version kept
    r, g = put(d["id"], body_of(f, continua_folio=INM_2024[1][0]))
    eq((r.status, g["version"]), (200, f["version"]), "unchanged")
    # a folio another action of 2025 already continues
    r, o = post({"folio": "C13-2", "institucion": "INM", "objetivos": [3], "nombre": "Otra",
                 "continua_folio": INM_2024[2][0]})
    eq(r.status, 201, r.body)
    r, err = put(d["id"], body_of(g, continua_folio=INM_2024[2][0]))
    eq(r.status, 422, r.body)
    eq([x["field"] for x in err["errors"]], ["continua_folio"], "beside the field")
    eq(get(d["id"])["continues"]["folio"], INM_2024[1][0], "nothing saved")


def institution_under_a_link():
    # fault 2: a coordinator moves an action with a link to another institution
    r, d = post({"folio": "C13-3", "institucion": "INM", "objetivos": [3], "nombre": "Con enlace",
                 "continua_folio": INM_2024[3][0]})
    eq(r.status, 201, r.body)
    r, err = put(d["id"], body_of(d, institucion="SRE"), h=COORD)
    eq(r.status, 422, r.body)
    eq([x["field"] for x in err["errors"]], ["institucion"], "beside the field")
    contains(err["errors"][0]["message"], INM_2024[3][0])
    eq(get(d["id"])["institution"], "INM", "nothing saved")
    # the action continued, in 2024, through the form (2024 reopened for it)
    subprocess.run([PMM, "--db", s.db, "edition", "reopen", "2024"], check=True, capture_output=True)
    fields, _ = form_of(coord, INM_2024[3][1])
    sre = q("SELECT id FROM institution WHERE acronym = 'SRE'")[0][0]
    r = coord.post("/acciones/%d/editar" % INM_2024[3][1], set_field(fields, "institucion", str(sre)))
    eq(r.status, 422, r.body[:300])
    contains(r.body, "están enlazadas como un programa que continúa")
    eq(q("SELECT i.acronym FROM action a JOIN institution i ON i.id = a.institution_id WHERE a.id = ?",
         INM_2024[3][1])[0][0], "INM", "nothing saved")
    # an action without links still moves
    r, e = post({"folio": "C13-4", "institucion": "INM", "objetivos": [3], "nombre": "Sin enlace"})
    r, f = put(e["id"], body_of(e, institucion="SRE"), h=COORD)
    eq((r.status, f["institution"]), (200, "SRE"), r.body)


GP = {"socios": "OIM", "resultados_clave": "Resultados", "factores_exito": "Factores",
      "replicabilidad": "Sí", "lecciones": "Lecciones", "contacto": "Contacto"}


def good_practice_keeps_a_principle():
    # fault 3: a good practice returned, saved without principles, validated
    r, d = post({"folio": "C13-5", "institucion": "INM", "objetivos": [3], "nombre": "Práctica",
                 "principios": [1, 6]})
    eq(r.status, 201, r.body)
    aid = d["id"]
    q("UPDATE action SET status = 'validada' WHERE id = ?", aid)
    eq(coord.post("/acciones/%d/buena-practica" % aid, GP).status, 303, "marked")
    v = get(aid)["version"]
    eq(coord.post("/acciones/%d/devolver" % aid, {"version": str(v), "comentario": "revise"}).status, 303,
       "returned")
    cur = get(aid)
    r, err = put(aid, body_of(cur, principios=[]))
    eq(r.status, 422, r.body)
    eq([x["field"] for x in err["errors"]], ["principios"], "beside the field")
    eq(get(aid)["guiding_principles"], [1, 6], "nothing saved")
    fields, _ = form_of(inm, aid)
    r = inm.post("/acciones/%d/editar" % aid, [(k, v) for k, v in fields if k != "principios"])
    eq(r.status, 422, r.body[:300])
    contains(r.body, "buena práctica")
    # a good practice without principles written outside the platform:
    # validation refuses it and pmm check reports it
    q("DELETE FROM action_principle WHERE action_id = ?", aid)
    q("UPDATE action SET status = 'enviada' WHERE id = ?", aid)
    r = coord.post("/acciones/%d/validar" % aid, {"version": str(get(aid)["version"])})
    eq(r.status, 422, r.body[:300])
    contains(r.body, "Esta acción es una buena práctica")
    eq(get(aid)["status"], "enviada", "not validated")
    ck = subprocess.run([PMM, "--db", s.db, "check"], capture_output=True, text=True)
    eq(ck.returncode != 0, True, ck.stdout)
    contains(ck.stdout + ck.stderr, "C13-5")
    q("INSERT INTO action_principle(action_id, principle) VALUES (?, 1)", aid)


def continue_carries_principles():
    # fault 8: «Continuar» prefills the principles of the action continued
    aid = INM_2024[5][1]
    q("INSERT INTO action_principle(action_id, principle) VALUES (?, 2), (?, 7)", aid, aid)
    want = sorted(str(p) for (p,) in q("SELECT principle FROM action_principle WHERE action_id = ?", aid))
    r = inm.get("/acciones/nueva?continua=%d" % aid)
    eq(r.status, 200, r.body[:300])
    from webtest import form_fields
    got = sorted(v for k, v in form_fields(r.body, "/acciones/nueva") if k == "principios")
    eq(got, want, "the principles checked")


def trend_parameters():
    # fault 6: the API refuses an unknown or repeated parameter; the page
    # ignores an unknown one and refuses a repeat, also once cached
    pub = Client(srv)
    eq(pub.get("/api/v1/trend?edicion=2024").status, 400, "unknown parameter")
    eq(pub.get("/api/v1/trend?ediciones=2024&ediciones=2023-ejemplo").status, 400, "repeated")
    eq(pub.get("/api/v1/trend?ediciones=2024").status, 200, "the known one")
    for _ in range(2):                  # the second answer may come from the cache
        eq(pub.get("/tendencias?ediciones=2024").status, 200, "the page")
        eq(pub.get("/tendencias?ediciones=2024&ediciones=2023-ejemplo").status, 400, "the page: repeated")
        eq(pub.get("/tendencias?fbclid=x").status, 200, "the page ignores an unknown one")


def dashboard_links_encoded():
    # fault 7: an edition named «R&D 2023»: every link of its dashboard works
    rows = ("folio,institucion,objetivos,nombre\nRD-1,INM,3,Orientación\nRD-2,SRE,5,Consulados\n")
    path = s.path("rd.csv")
    open(path, "w", encoding="utf-8").write(rows)
    subprocess.run([PMM, "--db", s.db, "edition", "new", "R&D 2023", "--period", "2022-01:2022-12"],
                   check=True, capture_output=True)
    subprocess.run([PMM, "--db", s.db, "import", "--edition", "R&D 2023", path], check=True, capture_output=True)
    body = coord.get("/ediciones/R%26D%202023").body
    import html
    import re
    hrefs = [html.unescape(h) for h in re.findall(r'href="(/acciones\?edicion=[^"]*)"', body)]
    eq(len(hrefs) > 3, True, "the dashboard's count links")
    for h in hrefs[:6]:
        eq(h.startswith("/acciones?edicion=R%26D%202023"), True, h)
        r = coord.get(h)
        eq(r.status, 200, h)
    eq('href="/ediciones/R%26D%202023"' in body, True, "the switcher's link encoded")


def principles_catalog_english():
    # fault 14: the principles' catalog has name_en, and its description follows Accept-Language
    es = json.loads(c.get("/api/v1/catalogos/principios").body)["items"]
    en = json.loads(c.get("/api/v1/catalogos/principios", headers={"Accept-Language": "en"}).body)["items"]
    eq(en[0]["name_en"], "People-centred", "name_en")
    eq(es[0]["name_en"], "People-centred", "in either language")
    eq(es[0]["description"] != en[0]["description"], True, "the description in the language asked")


def web_unknown_name_no_cli():
    # fault 16: an unknown principle through the API: no CLI advice
    r, d = post({"folio": "C13-9", "institucion": "INM", "objetivos": [3], "nombre": "x", "principios": ["Zzqqxx"]})
    eq(r.status, 422, r.body)
    msg = d["errors"][0]["message"]
    eq("pmm catalog" in msg, False, msg)
    contains(msg, "/api/v1/catalogos")


def reviews_page_no_backticks():
    # fault 17
    body = coord.get("/admin/examenes").body
    eq("`" in body, False, "literal backticks")


def informe_filters_the_list_takes():
    # fault 18: the Informe's filters of tipo_accion and retos are ones the API's list takes
    import html
    import re
    import urllib.parse
    out = s.path("inf.html")
    subprocess.run([PMM, "--db", s.db, "report", "--edition", "2024", "--format", "html", "-o", out],
                   check=True, capture_output=True)
    raw = open(out, encoding="utf-8").read()
    marks = re.findall(r'data-filter="([^"]*)" data-value="([0-9]+)"', raw)
    seen = set()
    for flt, value in marks:
        q = urllib.parse.parse_qsl(html.unescape(flt))
        keys = dict(q)
        if keys.get("medida") != "acciones" or not ({"tipo_accion", "retos"} & set(keys)):
            continue
        if flt in seen:
            continue
        seen.add(flt)
        params = urllib.parse.urlencode([(k, v) for k, v in q if k not in ("edicion", "medida")])
        r = c.get("/api/v1/editions/2024/actions?" + params + "&por_pagina=1")
        eq(r.status, 200, params + ": " + r.body[:200])
        eq(json.loads(r.body)["total"], int(value), params)
    eq(any("tipo_accion" in f for f in seen), True, "a tipo_accion filter checked")
    eq(any("retos" in f for f in seen), True, "a retos filter checked")


check("fault 1: a PUT changing only continua_folio is written", put_link_alone)
check("fault 2: no institution change under a continuation link", institution_under_a_link)
check("fault 3: a good practice keeps a guiding principle", good_practice_keeps_a_principle)
check("fault 8: «Continuar» carries the principles", continue_carries_principles)
check("fault 6: the trend's parameters, API and page", trend_parameters)
check("fault 7: the dashboard's links encode the edition's name", dashboard_links_encoded)
check("fault 14: the principles' catalog in English", principles_catalog_english)
check("fault 16: no CLI advice on the platform", web_unknown_name_no_cli)
check("fault 17: no literal backticks on /admin/examenes", reviews_page_no_backticks)
check("fault 18: the Informe's filters are the list's", informe_filters_the_list_takes)
done()
