"""Issue 12: a coordinator marks an action «destacada» on its page; the
Informe then names it first among the programs of its principal objective.
The mark is written with its audit entry in one transaction, refused to an
enlace (403) and on a published edition (409)."""
import re
import sqlite3
from webtest import Client, check, contains, demo_server, done, eq

s, srv = demo_server()
coord, inm = Client(srv), Client(srv)
coord.login("coordinador")
inm.login("enlace.inm")
db = sqlite3.connect(s.db)
# an action of objective 7 (its principal) that the rule alone does not name
AID, NAME = db.execute(
    "SELECT a.id, a.name FROM action a JOIN action_objective ao ON ao.action_id = a.id AND ao.principal = 1"
    " JOIN institution i ON i.id = a.institution_id JOIN edition e ON e.id = a.edition_id"
    " WHERE e.name = '2024' AND ao.objective = 7 AND i.acronym = 'UPMRIP' ORDER BY a.id LIMIT 1").fetchone()


def featured():
    return db.execute("SELECT featured FROM action WHERE id = ?", (AID,)).fetchone()[0]


def audit(what):
    return db.execute("SELECT count(*) FROM audit_log WHERE action_id = ? AND what = ?", (AID, what)).fetchone()[0]


def programs_of_objective_7():
    s.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
    html = open(s.path("i.html"), encoding="utf-8").read()
    part = html[html.index('id="objetivo-7"'):html.index('id="objetivo-8"')]
    return re.findall(r"<strong>(.*?)</strong>", part)


def refused_on_a_published_edition():
    r = coord.post("/acciones/%d/destacar" % AID, {"destacada": "1"})
    eq(r.status, 409, "published edition")
    eq(featured(), 0, "mark")
    eq(audit("destacar"), 0, "audit")


def refused_to_an_enlace():
    s.pmm("edition", "reopen", "2024", check=0)
    r = inm.post("/acciones/%d/destacar" % AID, {"destacada": "1"})
    eq(r.status, 403, "enlace")
    eq(featured(), 0, "mark")
    if "Marcar como destacada" in inm.get("/acciones/%d" % AID).body:
        raise AssertionError("an enlace is offered the button")


def coordinator_marks_and_the_informe_names_it_first():
    before = programs_of_objective_7()
    if NAME in before:
        raise AssertionError("the rule already names %r: pick another action" % NAME)
    page = coord.get("/acciones/%d" % AID).body
    contains(page, "Marcar como destacada en el Informe")
    r = coord.post("/acciones/%d/destacar" % AID, {"destacada": "1"})
    eq(r.status, 303, "mark")
    eq(featured(), 1, "mark stored")
    eq(audit("destacar"), 1, "audit entry")
    contains(coord.get("/acciones/%d" % AID).body, "Destacada en el Informe")
    after = programs_of_objective_7()
    eq(after[0], NAME, "first program of objective 7")
    eq(after[1:], before[:len(after) - 1], "the rule's programs follow")


def coordinator_unmarks():
    r = coord.post("/acciones/%d/destacar" % AID, {"destacada": "0"})
    eq(r.status, 303, "unmark")
    eq(featured(), 0, "mark removed")
    eq(audit("quitar_destacada"), 1, "audit entry")
    if NAME in programs_of_objective_7():
        raise AssertionError("still named after unmarking")


def bad_value_is_refused():
    eq(coord.post("/acciones/%d/destacar" % AID, {"destacada": "2"}).status, 422, "bad value")
    eq(coord.post("/acciones/999999/destacar", {"destacada": "1"}).status, 404, "no such action")


check("a published edition refuses the mark (409), nothing written", refused_on_a_published_edition)
check("an enlace cannot mark (403) and is not offered the button", refused_to_an_enlace)
check("a coordinator marks «destacada»: audit entry, named first in the Informe", coordinator_marks_and_the_informe_names_it_first)
check("a coordinator removes the mark, with its audit entry", coordinator_unmarks)
check("bad value and unknown action are refused", bad_value_is_refused)
srv.stop()
s.close()
done()
