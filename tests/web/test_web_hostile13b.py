"""Issue 13, what R13 left (helper R13B): for a signed-in enlace (not
staff) the dashboard counted the published revision while /acciones, the
list each count links to, lists the live edition. Every count's link must
list what the count counts: checked by following the links and counting."""
import html
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


check("an enlace's dashboard: every count's link lists what it counts", enlace_links_list_what_they_count)
check("the public's dashboard still counts the published revision", public_still_sees_the_revision)
done()
