"""Issue 13, what R13 left (helper R13B): for a signed-in enlace (not
staff) the dashboard counted the published revision while /acciones, the
list each count links to, lists the live edition. Every count's link must
list what the count counts: checked by following the links and counting."""
import html
import json
import re
import sqlite3
import subprocess
from webtest import PMM, Client, check, demo_server, done, eq, total

s, srv = demo_server()


def db(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        rows = con.execute(sql, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


# 2024 opened for corrections and one validated action returned: the live
# edition now differs from the revision the public sees
subprocess.run([PMM, "--db", s.db, "edition", "reopen", "2024"], check=True, capture_output=True)
db("UPDATE action SET status = 'devuelta' WHERE id = (SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id"
   " WHERE e.name = '2024' AND e.snapshot_of IS NULL AND a.status = 'validada' ORDER BY a.folio LIMIT 1)")

inm = Client(srv)
inm.login("enlace.inm")


def count_links(body):
    """The links of counts of actions (class="context" ones count something else)."""
    return re.findall(r'<a href="(/acciones\?edicion=2024[^"]*)">([0-9][0-9\u00a0 ,]*)<', body)


def number(text):
    return int(re.sub(r"[^0-9]", "", text))


def live_validated():
    return db("SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024'"
              " AND e.snapshot_of IS NULL AND a.status = 'validada'")[0][0]


def enlace_links_list_what_they_count():
    public = number(count_links(Client(srv).get("/ediciones/2024").body)[0][1])
    eq(public != live_validated(), True, "the revision and the live edition differ")
    for page in ["/ediciones/2024", "/"]:
        body = inm.get(page).body
        links = count_links(body)
        eq(len(links) > 5, True, "links of counts on " + page)
        eq(number(links[0][1]), public, "the enlace is shown the public's figures")
        for href, n in links[:8]:
            eq(total(inm.get(html.unescape(href)).body), number(n), "%s: %s lists what it counts" % (page, href))


def public_still_sees_the_revision():
    body = Client(srv).get("/ediciones/2024").body
    links = count_links(body)
    eq("revision=" in body, False, "the public's links are as before")
    for href, n in links[:4]:
        eq(total(Client(srv).get(html.unescape(href)).body), number(n), "the public's count and list agree")


def api_continua_edicion():
    # issue 13 (R13B), fault 1 through the API: continua_edicion names any earlier edition
    tok = subprocess.run([PMM, "--db", s.db, "user", "token", "enlace.inm"], capture_output=True,
                         text=True).stdout.strip()
    h = {"Content-Type": "application/json", "Authorization": "Bearer " + tok}
    folio, old = db("SELECT a.folio, a.id FROM action a JOIN institution i ON i.id = a.institution_id"
                    " JOIN edition e ON e.id = a.edition_id WHERE e.name = '2023-ejemplo' AND i.acronym = 'INM'"
                    " ORDER BY a.folio LIMIT 1")[0]
    c = Client(srv)

    def post(folio_new, edition):
        body = {"folio": folio_new, "institucion": "INM", "objetivos": [3], "nombre": "Sigue dos años después",
                "continua_folio": folio, "continua_edicion": edition}
        r = c.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), h)
        return r, json.loads(r.body)

    r, d = post("R13B-1", "2023-ejemplo")
    eq(r.status, 201, r.body)
    eq(d["continues"]["edition"], "2023-ejemplo", "linked across 2024")
    eq(d["continues"]["id"], old, "the action named")
    lst = json.loads(c.get("/api/v1/editions/2025/actions?campos=folio,continua_folio,continua_edicion",
                           headers=h).body)
    eq([(a["continua_folio"], a["continua_edicion"]) for a in lst["actions"] if a["folio"] == "R13B-1"],
       [(folio, "2023-ejemplo")], "the interchange fields of the list")
    r, d = post("R13B-2", "nada")
    eq(r.status, 422, r.body)
    eq([e["field"] for e in d["errors"]], ["continua_edicion"], "refused beside the field")


check("an enlace's dashboard: every count's link lists what it counts", enlace_links_list_what_they_count)
check("the public's dashboard still counts the published revision", public_still_sees_the_revision)
check("the API: continua_edicion links to any earlier edition, 422 beside it", api_continua_edicion)
done()
