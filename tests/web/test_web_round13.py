"""Issue 13, verification round 3 (helper F13B), through HTTP:
1. editions are listed by period, the newest first, wherever they are
   listed (/, the default /acciones, the switcher, /ediciones, /descargas,
   /buenas-practicas, GET /api/v1/editions, `pmm edition list`), and a past
   year published late does not take over the home page;
2. every data-filter mark of the demo Informe and review is a filter that
   GET /api/v1/editions/E/actions accepts (the challenge categories by id);
3. a synthetic edition's actions carry the notice on /acciones, /acciones/ID
   and the API's action endpoints.
"""
import html
import json
import re
import urllib.parse
from webtest import Client, Scratch, Server, check, contains, done, eq, form_fields

s = Scratch()
s.pmm("demo", check=0)
# A past year found late: created and published after the demo's editions,
# with a name that sorts after theirs («R&D»), and one older still («Z»).
s.pmm("edition", "add", "R&D 2022", "--period", "2021-06:2022-05", check=0)
s.pmm("edition", "set", "R&D 2022", "--state", "publicada", check=0)
s.pmm("edition", "add", "Z 2021", "--period", "2021-01:2021-12", check=0)
s.pmm("edition", "set", "Z 2021", "--state", "publicada", check=0)
srv = Server(s)
c = Client(srv)
PUBLIC = ["2024", "2023-ejemplo", "R&D 2022", "Z 2021"]     # the newest period first


def order_in(text, names, what):
    """The names in TEXT, in the order they first appear, must be NAMES."""
    pos = {n: text.find(n) for n in names}
    missing = [n for n, p in pos.items() if p < 0]
    if missing:
        raise AssertionError("%s: %r not found" % (what, missing))
    eq(sorted(names, key=pos.get), names, what)


def h1(body):
    m = re.search(r"<h1>([^<]*)", body)
    return m.group(1) if m else body[:500]


def t_home():
    r = c.get("/")
    eq(r.status, 200, "status")
    contains(h1(r.body), "Edición 2024", "the home page's title")
    nav = re.search(r'<nav class="editions-switch".*?</nav>', r.body, re.S).group(0)
    order_in(nav.replace("&amp;", "&"), PUBLIC, "the switcher")


def t_default_list():
    r = c.get("/acciones")
    eq(r.status, 200, "status")
    contains(h1(r.body), "edición 2024", "the default list")


def t_listings():
    for page in ("/ediciones", "/descargas", "/buenas-practicas"):
        r = c.get(page)
        eq(r.status, 200, page)
        body = r.body.split("<main", 1)[-1].replace("&amp;", "&")
        order_in(body, ["Edición " + n for n in PUBLIC], page)


def t_api_editions():
    names = [e["name"] for e in json.loads(c.get("/api/v1/editions").body)["editions"]]
    eq(names, PUBLIC, "GET /api/v1/editions")


def t_cli_list():
    out = s.pmm("edition", "list", check=0).stdout
    eq([line.split("\t")[0] for line in out.splitlines()], ["2025"] + PUBLIC, "pmm edition list")


def marks(path):
    """Every data-filter and data-minus of the HTML file at PATH."""
    text = open(path, encoding="utf-8").read()
    return {html.unescape(m) for m in re.findall(r'data-(?:filter|minus)="([^"]*)"', text)}


def api_queries(flt):
    """The API list queries of a mark: its edition is the path, «medida» (what
    is counted) is no filter; a key given twice (either value: «Otros retos»)
    is one query per value, as the list takes one value per key."""
    q = urllib.parse.parse_qsl(flt, keep_blank_values=True)
    ed = [v for k, v in q if k == "edicion"][0]
    rest = [(k, v) for k, v in q if k not in ("edicion", "medida")]
    keys = [k for k, _ in rest]
    twice = {k for k in keys if keys.count(k) > 1}
    once = [(k, v) for k, v in rest if k not in twice]
    path = "/api/v1/editions/%s/actions?" % urllib.parse.quote(ed, safe="")
    if not twice:
        return [path + urllib.parse.urlencode(once + [("por_pagina", "1")])]
    return [path + urllib.parse.urlencode(once + [(k, v), ("por_pagina", "1")]) for k, v in rest if k in twice]


def t_marks_accepted():
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "inf24.html", check=0)
    s.pmm("report", "--edition", "2023-ejemplo", "--format", "html", "-o", "inf23.html", check=0)
    s.pmm("review", "--from", "2023-ejemplo", "--to", "2024", "-o", "rv.html", check=0)
    all_marks = marks(s.path("inf24.html")) | marks(s.path("inf23.html")) | marks(s.path("rv.html"))
    cats = [m for m in all_marks if "categoria=" in m]
    if len(cats) < 20:
        raise AssertionError("too few category marks: %d" % len(cats))
    queries = sorted({q for m in all_marks for q in api_queries(m)})
    bad = []
    for q in queries:
        r = c.get(q)
        if r.status != 200:
            bad.append("%d %s: %s" % (r.status, q, r.body[:200]))
    eq(bad[:10], [], "marks the API refused (of %d queries)" % len(queries))


NOTICE = "Edición de ejemplo, sintética"


def first_id(edition):
    body = json.loads(c.get("/api/v1/editions/%s/actions?por_pagina=1" % edition).body)
    return body["actions"][0]["id"]


def t_example_list():
    contains(c.get("/acciones?edicion=2023-ejemplo").body, NOTICE, "/acciones?edicion=2023-ejemplo")
    eq(NOTICE in c.get("/acciones?edicion=2024").body, False, "/acciones?edicion=2024 says synthetic")


def t_example_action_page():
    contains(c.get("/acciones/%d" % first_id("2023-ejemplo")).body, NOTICE, "an example action's page")
    eq(NOTICE in c.get("/acciones/%d" % first_id("2024")).body, False, "a 2024 action's page says synthetic")


def t_example_api():
    ex = json.loads(c.get("/api/v1/editions/2023-ejemplo/actions").body)
    eq(ex.get("synthetic"), True, "the example's list: synthetic")
    contains(ex.get("notice", ""), NOTICE, "the example's list: notice")
    real = json.loads(c.get("/api/v1/editions/2024/actions").body)
    eq((real.get("synthetic"), "notice" in real), (False, False), "2024's list")
    one = json.loads(c.get("/api/v1/actions/%d" % first_id("2023-ejemplo")).body)
    eq(one.get("synthetic"), True, "an example action: synthetic")
    contains(one.get("notice", ""), NOTICE, "an example action: notice")
    one = json.loads(c.get("/api/v1/actions/%d" % first_id("2024")).body)
    eq((one.get("synthetic"), "notice" in one), (False, False), "a 2024 action")
    en = json.loads(c.get("/api/v1/actions/%d" % first_id("2023-ejemplo"),
                          headers={"Accept-Language": "en"}).body)
    contains(en.get("notice", ""), "synthetic", "the notice in English")
    spec = json.loads(c.get("/api/v1/openapi.json").body)["components"]["schemas"]
    for k in ("Action", "ActionList"):
        eq(("synthetic" in spec[k]["required"], "notice" in spec[k]["properties"]), (True, True), "openapi " + k)


coord = Client(srv)
coord.login("coordinador")


def t_review_names():
    r = coord.post("/admin/examenes", {"nombre": "Revisión Ñandú", "desde": "2023-ejemplo", "hasta": "2024"})
    eq(r.status, 303, "created: " + r.body[:300])
    for same in ("revision nandu", "REVISIÓN ÑANDÚ", "Revision  Nandu"):
        r = coord.post("/admin/examenes", {"nombre": same, "desde": "2024", "hasta": "2024"})
        eq(r.status, 409, "a second review «%s»" % same)
        contains(r.body, "Ya existe un examen con ese nombre.", "why")
    for spelt in ("Revision Nandu", "revisión ñandú"):
        r = s.pmm("review", "--review", spelt, "-o", "nandu.html")
        eq(r.returncode, 0, "pmm review --review '%s': %s" % (spelt, r.stderr))
    eq(s.pmm("review", "--review", "Revision Nandus", "-o", "x.html").returncode, 1, "another name")


admin = Client(srv)
admin.login("admin")


def principle_post(name=None, alias=None):
    url = "/admin/catalogos/principios/6"
    fields = [(k, v) for k, v in form_fields(admin.get(url).body, url)]
    fields = [(k, name if k == "nombre" and name is not None else alias if k == "alias" and alias is not None else v)
              for k, v in fields]
    return admin.post(url, fields)


def t_principle_names():
    before = s.query("SELECT name_es FROM principle WHERE n = 6")
    for name, alias, shown in (("Derechos humanos / DH", None, "Derechos humanos / DH"),
                               ("Derechos humanos, DH", None, "Derechos humanos, DH"),
                               (None, "DDHH; 7", "«7»"), (None, "10 2", "«10 2»")):
        r = principle_post(name, alias)
        eq(r.status, 422, "saved %r %r" % (name, alias))
        contains(r.body, shown, "the message names it")
        contains(r.body, "la importación", "the message says why")
    eq(s.query("SELECT name_es FROM principle WHERE n = 6"), before, "nothing written")
    eq(s.query("SELECT count(*) FROM alias WHERE kind = 'principle' AND alias IN ('7', '10 2')"), [(0,)], "no alias")
    r = principle_post("Derechos humanos (DH)", "DDHH")
    eq(r.status, 303, "a name the import can find: " + r.body[:300])


def t_downloads_encoded():
    body = c.get("/descargas").body
    hrefs = re.findall(r'href="(/descargas/R[^"]*)"', body)
    if not hrefs:
        raise AssertionError("no link of R&D 2022:\n" + body[:2000])
    eq([h for h in hrefs if not h.startswith("/descargas/R%26D%202022/")], [], "hrefs not percent-encoded")
    eq(c.get(hrefs[0]).status, 200, hrefs[0])
    contains(body, 'href="/api/v1/editions/R%26D%202022/figures"', "the figures' link")


def t_repeated_form_fields():
    r = coord.post("/admin/examenes", [("nombre", "Doble"), ("desde", "2024"), ("desde", "2023-ejemplo"),
                                       ("hasta", "2024")])
    eq(r.status, 400, "desde twice: " + r.body[:300])
    contains(r.body, "«desde» va una sola vez", "the message names it")
    eq(s.query("SELECT count(*) FROM review WHERE name = 'Doble'"), [(0,)], "no review created")
    ids = [a["id"] for a in json.loads(c.get("/api/v1/editions/2024/actions?institucion=INM&por_pagina=2")
                                       .body)["actions"]]
    r = coord.get("/acciones/nueva?continua=%d&continua=%d" % tuple(ids))
    eq(r.status, 400, "continua twice: " + r.body[:300])
    contains(r.body, "«continua» va una sola vez", "the message names it")
    r = coord.post("/acciones/nueva", [("continua", str(ids[0])), ("continua", str(ids[1])), ("edicion", "2025")])
    eq(r.status, 400, "continua twice in the form")


check("1: / shows the edition of the latest period; the switcher by period", t_home)
check("1: /acciones defaults to the edition of the latest period", t_default_list)
check("1: /ediciones, /descargas, /buenas-practicas list the newest period first", t_listings)
check("1: GET /api/v1/editions lists the newest period first", t_api_editions)
check("1: pmm edition list lists the newest period first", t_cli_list)
check("3: /acciones of the example carries the notice", t_example_list)
check("3: /acciones/ID of an example action carries the notice", t_example_action_page)
check("3: the API's action list and action say synthetic, with the notice", t_example_api)
check("4: review names are one name accent- and case-blind, at creation and for pmm review", t_review_names)
check("6: a principle name with a list separator, or a number as alias, is refused at save", t_principle_names)
check("7: /descargas links are percent-encoded", t_downloads_encoded)
check("7: a form field given twice is refused (400), not read once", t_repeated_form_fields)
check("2: every mark of the Informes and the review is a query the API accepts", t_marks_accepted)
srv.stop()
done()
