"""Issue 14, «the web, for the people who read it», against a real server:
numbers and months written as the language writes them (the Informe's own
functions), every edition reachable once a newer one is published, the
totals of «En cifras» linking to what they count, and a save confirmed and
explained on the action form, audit times in the installation's time zone."""
import datetime
import re
import sqlite3
import zoneinfo
from webtest import Client, Server, check, contains, demo_server, done, eq

NBSP = "\u00a0"

s, srv = demo_server()
web = Client(srv)
con = sqlite3.connect(s.db)


def beneficiaries():
    """What the public's revision of 2024 declares: the working edition's rows."""
    return con.execute("SELECT sum(beneficiaries) FROM action a JOIN edition e ON e.id=a.edition_id "
                       "WHERE e.name='2024' AND a.status='validada'").fetchone()[0]


def big_numbers_are_grouped_in_spanish():
    n = beneficiaries()
    if n < 100000:
        raise AssertionError("the demo declares only %d beneficiaries" % n)
    body = web.get("/ediciones/2024").body
    grouped = "{:,}".format(n).replace(",", NBSP)       # NOM-008: no-break space
    contains(body, ">%s</a>" % grouped, "dashboard")
    eq(">%d<" % n in body, False, "the raw number %d on the dashboard" % n)


def months_are_written_out():
    body = web.get("/ediciones/2024").body
    contains(body, "junio de 2023 a junio de 2024", "dashboard period")
    contains(web.get("/ediciones").body, "(junio de 2023 a junio de 2024)", "/ediciones")
    eq("2023-06" in body, False, "AAAA-MM on the dashboard")
    at = con.execute("SELECT max(published_at) FROM edition_revision").fetchone()[0]
    utc = datetime.datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    day = utc.astimezone()        # the server runs in this process's zone
    said = "%d de %s de %d" % (day.day, MONTHS[day.month - 1], day.year)
    contains(body, "revisión 1, del %s." % said, "the dashboard's publication day")
    contains(web.get("/descargas").body, "Revisión 1, publicada el %s." % said, "/descargas")


def totals_link_to_what_they_count():
    body = web.get("/ediciones/2024").body
    for label, href in (("Instancias participantes", "#h-tipos"), ("Retos señalados", "#h-retos")):
        m = re.search(r"<dt>%s</dt><dd><a class=\"context\" href=\"([^\"]*)\">" % label, body)
        if not m:
            raise AssertionError("%s is not a link:\n%s" % (label, body[:4000]))
        eq(m.group(1), href, label)
        contains(body, 'id="%s"' % href[1:], "the table %s links to" % label)
    contains(body, '<dt>Personas beneficiarias declaradas</dt><dd><a class="context" '
                   'href="/acciones?edicion=2024">', "beneficiaries")
    contains(body, "el enlace lista esas acciones", "what the states' link shows")


def english_groups_with_commas():
    en = Server(s, lang="en")
    try:
        body = Client(en).get("/ediciones/2024").body
        contains(body, ">{:,}</a>".format(beneficiaries()), "English dashboard")
        contains(body, "June 2023 to June 2024", "English period")
        contains(body, "All editions", "English switcher")
    finally:
        en.stop()


def a_save_is_confirmed_and_explained():
    inm = Client(srv)
    inm.login("enlace.inm")
    form = inm.get("/acciones/nueva").body
    contains(form, 'aria-describedby="guardar-ayuda"', "the Guardar button")
    contains(form, 'id="guardar-ayuda">Guardar conserva los datos', "what Guardar does")
    r = inm.post("/acciones/nueva", [("edicion", "2025"), ("nombre", "Una acción para leer"),
                                     ("objetivo_principal", "3")])
    eq(r.status, 303, "created\n" + r.body[:1500])
    page = inm.get(r.header("Location")).body
    contains(page, '<div class="notice" role="status" id="aviso"><p>Cambios guardados.', "after the redirect")
    contains(page, 'id="enviar-ayuda">Enviar a revisión la pasa a la coordinación', "what Enviar does")
    eq('id="aviso"' in inm.get(r.header("Location")).body, False, "the notice is said once")


class MexicoServer(Server):
    """`pmm serve` of an installation in Mexico City (TZ, as its service sets it)."""

    def env(self, lang):
        return dict(Server.env(lang), TZ="America/Mexico_City")


MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
          "octubre", "noviembre", "diciembre"]


def audit_times_in_the_installations_zone():
    aid, at = con.execute("SELECT action_id, at FROM audit_log WHERE action_id IS NOT NULL "
                          "ORDER BY id LIMIT 1").fetchone()
    utc = datetime.datetime.strptime(at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    loc = utc.astimezone(zoneinfo.ZoneInfo("America/Mexico_City"))
    want = '<time datetime="%s">%d de %s de %d, %s</time>' % (
        at, loc.day, MONTHS[loc.month - 1], loc.year, loc.strftime("%H:%M %Z"))
    mx = MexicoServer(s)
    try:
        coord = Client(mx)
        coord.login("coordinador")
        contains(coord.get("/acciones/%d" % aid).body, want, "the audit log of action %d" % aid)
    finally:
        mx.stop()


def an_older_edition_stays_reachable():
    # issue 12 (H12B, N6): a period of one year is written with its year once
    s.pmm("edition", "set", "2025", "--period", "2025-01:2025-12", check=0)
    s.pmm("edition", "set", "2025", "--estado", "publicada", check=0)
    web2 = Client(srv)
    home = web2.get("/").body
    contains(home, "Edición 2025", "home after 2025 is published")
    contains(home, '<a href="/ediciones/2024">Edición 2024</a>', "switcher on the home page")
    contains(home, '<a href="/ediciones">Todas las ediciones</a>', "link to every edition")
    contains(home, '<li><a href="/ediciones">Ediciones</a></li>', "header link")
    old = web2.get("/ediciones/2024").body
    contains(old, '<a href="/ediciones/2024" aria-current="page">', "the shown edition is marked")
    listing = web2.get("/ediciones").body
    contains(listing, 'href="/ediciones/2024"', "/ediciones lists 2024")
    contains(listing, 'href="/ediciones/2025"', "/ediciones lists 2025")
    contains(listing, "(enero a diciembre de 2025)", "/ediciones: the period of 2025 (lang_period)")
    contains(web2.get("/ediciones/2025").body, "Periodo enero a diciembre de 2025.", "the dashboard's period")
    eq("enero de 2025 a diciembre de 2025" in listing, False, "the year twice")


check("big numbers are grouped as Spanish writes them", big_numbers_are_grouped_in_spanish)
check("periods and publication days are written out («junio de 2023», «30 de noviembre de 2026»)", months_are_written_out)
check("the totals link to what they count", totals_link_to_what_they_count)
check("English groups with commas and writes «June 2023»", english_groups_with_commas)
check("a save is confirmed after the redirect; Guardar and Enviar a revisión say what they do",
      a_save_is_confirmed_and_explained)
check("audit times are written in the installation's time zone (TZ)", audit_times_in_the_installations_zone)
check("an older edition stays reachable once a newer one is published", an_older_edition_stays_reachable)
srv.stop()
done()
