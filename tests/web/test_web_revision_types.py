"""Issue 16 (helper F1316): a published revision keeps the reporter types of
the day it was published (migration 26, snapshot_reporter_type). After a
type is renamed and moved on the platform, the page of an action of the
revision (/acciones/ID) still names its type as published, and the
Compendio of the revision (`pmm compendio --revision N`) orders its types
as published; the live edition follows the catalog."""
import re
import sqlite3
import subprocess
import webtest  # noqa: E402
from webtest import PMM, Client, check, contains, demo_server, done, eq

s, srv = demo_server()
RENAMED = "Gobierno central renombrado"
PUBLISHED = "Administración Pública Federal"


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


# an APF action of 2024's revision 1 and the same action live
REV, LIVE = q("SELECT r.id, l.id FROM action r JOIN edition re ON re.id = r.edition_id"
              " JOIN edition le ON le.id = re.snapshot_of AND le.name = '2024'"
              " JOIN action l ON l.edition_id = le.id AND l.folio = r.folio"
              " JOIN institution i ON i.id = r.institution_id AND i.type = 'APF'"
              " WHERE r.status = 'validada' ORDER BY r.folio LIMIT 1")[0]


def type_headings(*extra):
    """The reporter-type headings of the Compendio of 2024, in order."""
    out = subprocess.run([PMM, "--db", s.db, "compendio", "--edition", "2024", *extra, "-o", "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.findall(r"<h3[^>]*>([^<]*)</h3>", out)


BEFORE = type_headings("--revision", "1")
eq(BEFORE[0], PUBLISHED, "the first type heading before any change")
# the type renamed and moved last, as the administrador's catalog form does
q("UPDATE reporter_type SET name_es = ?, ord = 99 WHERE code = 'APF'", RENAMED)


def dd_of_institution(body):
    m = re.search(r"<dt>Instancia</dt><dd>([^<]*)</dd>", body)
    eq(bool(m), True, "the institution line of the page")
    return m.group(1)


def action_page_names_the_published_type():
    c = Client(srv)
    r = c.get("/acciones/%d" % REV)
    eq(r.status, 200, r.body[:300])
    line = dd_of_institution(r.body)
    contains(line, "(%s)" % PUBLISHED, "the revision's action page")
    eq(RENAMED in r.body, False, "the renamed type on the revision's page")
    coord = Client(srv)
    coord.login("coordinador")
    contains(dd_of_institution(coord.get("/acciones/%d" % LIVE).body), "(%s)" % RENAMED, "the live action's page")


def compendio_orders_as_published():
    eq(type_headings("--revision", "1"), BEFORE, "the revision's Compendio: its types' names and order")
    live = type_headings("--revision", "live")
    eq(RENAMED in live, True, "the live Compendio follows the catalog")
    eq(live[0] != RENAMED, True, "moved last in the live Compendio")


check("the page of a revision's action names its type as published", action_page_names_the_published_type)
check("the Compendio of a revision orders the types as published", compendio_orders_as_published)
done()
