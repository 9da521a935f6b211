"""Issue 13, verification round 3 (helper F13C), through HTTP:
A. (fault 5) a coordinator's PUT that moves an action to another
   institution and links it to that institution's action in the same write
   is accepted: the rule «one institution» is checked against the state the
   write gives; moving while keeping a link to the old institution's
   action stays refused beside «institucion»;
B. the Informe's «Otros retos» mark names its categories as one comma list
   (`categoria=3,7,12`, any of them), which /acciones and the API's list
   take: every data-filter mark of the demo Informe (2024, 2023-ejemplo)
   and of the review, sent as written, gives 200; a mark counting actions
   gives its number; a list gives the actions of any of its categories.
"""
import html
import json
import re
import subprocess
import urllib.parse
import webtest
from webtest import PMM, Client, check, contains, demo_server, done, eq

s, srv = demo_server()
c = Client(srv)
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


COORD = dict(H, Authorization="Bearer " + token("coordinador"))
INM = dict(H, Authorization="Bearer " + token("enlace.inm"))


def folio_of(acronym, edition="2024"):
    return webtest.db_rows(s.db, "SELECT a.folio FROM action a JOIN institution i ON i.id = a.institution_id"
                                 " JOIN edition e ON e.id = a.edition_id WHERE e.name = ? AND i.acronym = ?"
                                 " ORDER BY a.folio LIMIT 1", edition, acronym)[0][0]


def call(method, path, body, h):
    r = c.request(method, path, json.dumps(body), h)
    return r, json.loads(r.body)


def move_with_link():
    inm, cndh = folio_of("INM"), folio_of("CNDH")
    r, d = call("POST", "/api/v1/editions/2025/actions",
                {"folio": "F13C-1", "institucion": "INM", "objetivos": [1], "nombre": "Plain A",
                 "continua_folio": inm}, INM)
    eq(r.status, 201, r.body)
    # the reverse stays refused: moved, the link to INM's action kept
    r, err = call("PUT", "/api/v1/actions/%d" % d["id"],
                  {"version": d["version"], "institucion": "CNDH", "objetivos": [1], "nombre": "Plain A"}, COORD)
    eq(r.status, 422, r.body)
    eq([x["field"] for x in err["errors"]], ["institucion"], "moved under an INM link: " + r.body)
    # moved and linked to CNDH's action in one write: both ends CNDH's
    r, e = call("PUT", "/api/v1/actions/%d" % d["id"],
                {"version": d["version"], "institucion": "CNDH", "objetivos": [1], "nombre": "Plain B",
                 "continua_folio": cndh}, COORD)
    eq(r.status, 200, r.body)
    eq((e["institution"], e["continues"]["folio"], e["version"]), ("CNDH", cndh, d["version"] + 1), "written")
    audit = webtest.db_rows(s.db, "SELECT after FROM audit_log WHERE action_id = ? ORDER BY id DESC LIMIT 1",
                            d["id"])[0][0]
    contains(audit, cndh, "the audit record names the new link")
    # linked to another institution's action still refused beside continua_folio
    r, err = call("PUT", "/api/v1/actions/%d" % d["id"],
                  {"version": e["version"], "institucion": "CNDH", "objetivos": [1], "nombre": "Plain B",
                   "continua_folio": folio_of("SRE")}, COORD)
    eq(r.status, 422, r.body)
    eq([x["field"] for x in err["errors"]], ["continua_folio"], "an SRE link: beside continua_folio")


def marks(path):
    """(filter, value, minus) of every mark: a «diff» mark's value is its
    filter's count less its data-minus's (its size; the sign is the text's)."""
    text = open(path, encoding="utf-8").read()
    found = re.findall(r'data-filter="([^"]*)" data-value="(\d+)"(?: data-minus="([^"]*)")?', text)
    return {(html.unescape(f), int(v), html.unescape(m)) for f, v, m in found}


def list_path(flt):
    """The mark as written, as the API's list: its edition the path, «medida» left out."""
    q = urllib.parse.parse_qsl(flt, keep_blank_values=True)
    ed = [v for k, v in q if k == "edicion"][0]
    rest = [(k, v) for k, v in q if k not in ("edicion", "medida")]
    return "/api/v1/editions/%s/actions?%s" % (urllib.parse.quote(ed, safe=""), urllib.parse.urlencode(rest, safe=","))


def ids(path):
    body = json.loads(c.get(path + "&por_pagina=1000").body)
    return {a["id"] for a in body["actions"]}, body["total"]


def counted(flt, bad):
    """The API list's total for mark FLT sent as written; None after a refusal (into BAD)."""
    r = c.get(list_path(flt) + "&por_pagina=1")
    if r.status != 200:
        bad.append("%d %s: %s" % (r.status, flt, r.body[:200]))
        return None
    return json.loads(r.body)["total"]


def marks_as_written():
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "inf24.html", check=0)
    s.pmm("report", "--edition", "2023-ejemplo", "--format", "html", "-o", "inf23.html", check=0)
    s.pmm("review", "--from", "2023-ejemplo", "--to", "2024", "-o", "rv.html", check=0)
    every = marks(s.path("inf24.html")) | marks(s.path("inf23.html")) | marks(s.path("rv.html"))
    lists = sorted({f for f, _, _ in every if re.search(r"categoria=\d+,", f)})
    eq(len(lists) >= 2, True, "«Otros retos» marks with a list: %r" % lists)
    bad, wrong, checked = [], [], 0
    for flt, value, minus in sorted(every):
        n = counted(flt, bad)
        m = counted(minus, bad) if minus else 0
        if n is None or m is None or dict(urllib.parse.parse_qsl(flt)).get("medida") != "acciones":
            continue
        checked += 1
        if abs(n - m) != value:
            wrong.append((flt, minus, value, n - m))
    eq(bad[:10], [], "marks refused as written (of %d)" % len(every))
    eq(wrong[:10], [], "action counts unlike the mark's")
    eq(checked > 50, True, "action marks checked: %d" % checked)
    # a list is any of its categories: the union of each one's actions
    for flt in lists:
        path = list_path(flt)
        got, total = ids(path)
        cats = re.search(r"categoria=([\d,]+)", path).group(1).split(",")
        union = set()
        for k in cats:
            union |= ids(re.sub(r"categoria=[\d,]+", "categoria=" + k, path))[0]
        eq((got, total), (union, len(union)), flt)


def list_on_the_page():
    one = json.loads(c.get("/api/v1/editions/2024/actions?categoria=1&por_pagina=1").body)["total"]
    two = json.loads(c.get("/api/v1/editions/2024/actions?categoria=1,2&por_pagina=1").body)["total"]
    eq(two >= one, True, "1,2 lists at least 1's")
    r = c.get("/acciones?edicion=2024&categoria=1,2")
    eq(r.status, 200, r.body[:300])
    eq(webtest.total(r.body), two, "/acciones lists what the API does")
    contains(r.body, '<option value="1,2" selected>', "the form keeps the list")
    for bad in ("1,x", "1,,2", "1,9999", ",1", "ninguna,1"):
        r = c.get("/api/v1/editions/2024/actions?categoria=" + urllib.parse.quote(bad, safe=","))
        eq(r.status, 400, bad)
        contains(r.body, "categoria", bad)


check("B: every mark of the Informe and review is a list the API takes", marks_as_written)
check("B: categoria=1,2 on /acciones and the API; bad pieces refused", list_on_the_page)
check("A (fault 5): institution and link changed in one PUT", move_with_link)
done()
