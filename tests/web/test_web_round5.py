"""Issue 12, hostile round 5 (the tester's /work/wt/notes/s11/t12-report.md),
the web faults fixed by helper f12c, through HTTP against a real server:
7, record text isolated on the pages; 11, the download headers and an
edition named «.». Each check fails on the code before its fix."""
import csv
import re
import subprocess
import urllib.parse
import webtest
from pmmtest import Scratch
from webtest import Client, check, contains, done, eq

LRI, PDI, RLO = "\u2066", "\u2069", "\u202e"
s = Scratch()
s.pmm("init", check=0)
s.pmm("edition", "add", "hx", "--period", "2025-01:2025-12", check=0)
HEADER = ("edicion,folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,enfoque_genero,"
          "discapacidad,beneficiarios,resultados").split(",")
with open(s.path("h.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(HEADER)
    w.writerow(["hx", "H-1", "SRE", "7", "Programa " + RLO + "odanimreted",
                "Desc\u2028segunda\u2029tercera\u0085cuarta.", "Capacitación", "extranjeros", "Sí", "No", "10",
                "Res."])
with open(s.path("r.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["edicion", "folio", "reto", "categoria"])
    w.writerow(["hx", "H-1", "Reto " + RLO + "al revés", "Barreras culturales y de idioma"])
s.pmm("import", "--edition", "hx", "h.csv", "--challenges", "r.csv", check=0)
s.pmm("edition", "add", "abierta", "--period", "2026-01:2026-12", check=0)        # open: its actions are edited
with open(s.path("h.csv"), encoding="utf-8") as f:
    s.write("h2.csv", f.read().replace("hx,H-1", "abierta,H-1"))
s.pmm("import", "--edition", "abierta", "h2.csv", check=0)
s.pmm("edition", "set", "hx", "--state", "publicada", check=0)
for name in ('a"b;c', "ñandú"):
    s.pmm("edition", "add", name, "--period", "2025-01:2025-12", check=0)
    s.pmm("edition", "set", name, "--state", "publicada", check=0)
for user, role in (("admin", "administrador"), ("coord", "coordinador")):
    subprocess.run([webtest.PMM, "--db", s.db, "user", "add", user, "--role", role],
                   input="clave-de-prueba-2026\nclave-de-prueba-2026\n", text=True, capture_output=True, check=True)
srv = webtest.Server(s)
c = Client(srv)


def action_id():
    m = re.search(r'href="/acciones/(\d+)"', c.get("/acciones?edicion=hx").body)
    return m.group(1)


# ---- 7: record text on the pages is a bidi isolate; line separators are line breaks ----

def challenge_isolated():
    body = c.get("/acciones/" + action_id()).body
    m = re.search(r'<ul class="challenges"[^>]*><li>(.*?) <a class="cat"', body)
    eq(bool(m), True, "the challenge and its category link")
    text = m.group(1)
    eq(text.startswith(LRI) and text.endswith(PDI), True,
       "the challenge is an isolate, so its override stops before the category link: %r" % text)
    eq(text.count("\u202c"), 1, "the override is closed inside the isolate: %r" % text)


def title_isolated():
    body = c.get("/acciones/" + action_id()).body
    title = re.search(r"<title>(.*?)</title>", body).group(1)
    head = title.split(" · ")[0]
    eq(head.startswith(LRI) and head.endswith(PDI), True, "the name in <title>, before the site's: %r" % title)
    h1 = re.search(r"<h1>(.*?)</h1>", body).group(1)
    eq(h1.startswith(LRI) and h1.endswith(PDI), True, "and in <h1>: %r" % h1)


def separators_are_line_breaks():
    body = c.get("/acciones/" + action_id()).body
    contains(body, '<dd class="text">Desc\nsegunda\ntercera\ncuarta.</dd>', "U+2028, U+2029, U+0085 as newlines")
    for ch in ("\u2028", "\u2029", "\u0085"):
        eq(ch in body, False, "no %r on the page" % ch)


def list_isolated():
    body = c.get("/acciones?edicion=hx").body
    m = re.search(r'<a href="/acciones/\d+">(.*?)</a>', body)
    eq(m.group(1), LRI + "Programa " + RLO + "odanimreted\u202c" + PDI, "the name in the list")


def form_values_kept():
    """A form gives the text back as it was typed: no isolate added to it."""
    coord = Client(srv)
    coord.login("coord", "clave-de-prueba-2026")
    aid = re.search(r'href="/acciones/(\d+)"', coord.get("/acciones?edicion=abierta").body).group(1)
    r = coord.get("/acciones/%s/editar" % aid)
    eq(r.status, 200, r.body[:300])
    contains(r.body, 'value="Programa ' + RLO + 'odanimreted"', "the name's value as stored")
    eq(LRI in r.body.split("<form", 1)[1], False, "no isolate inside the form")


# ---- 11: one Content-Disposition, with an ASCII fallback and filename* ----

# (the workbook and the HTML Informe, not a PDF: under ASan each PDF the
# server renders resets cairo's static data, which now and then asserts in
# a server; chart_cairo.c, chart_release_fonts)

def disposition_quoted():
    ed = urllib.parse.quote('a"b;c', safe="")
    r = c.get("/descargas/" + ed + "/acciones.xlsx")
    eq(r.status, 200)
    eq(r.header("Content-Disposition"),
       "attachment; filename=\"pmm-a_b_c-acciones.xlsx\"; filename*=UTF-8''pmm-a%22b%3Bc-acciones.xlsx",
       "the quote is not left raw in the quoted-string")
    r = c.get("/descargas/" + ed + "/informe.html")
    eq(r.status, 200)
    eq(r.header("Content-Disposition"),
       "inline; filename=\"pmm-a_b_c-informe.html\"; filename*=UTF-8''pmm-a%22b%3Bc-informe.html", "inline too")


def disposition_utf8():
    r = c.get("/descargas/" + urllib.parse.quote("ñandú", safe="") + "/acciones.xlsx")
    eq(r.status, 200)
    eq(r.header("Content-Disposition"),
       "attachment; filename=\"pmm-_and_-acciones.xlsx\"; filename*=UTF-8''pmm-%C3%B1and%C3%BA-acciones.xlsx",
       "non-ASCII names carry filename*")
    r = c.get("/descargas/hx/acciones.xlsx")
    eq(r.header("Content-Disposition"), 'attachment; filename="pmm-hx-acciones.xlsx"', "a plain name as before")


def dot_edition_refused():
    for name in (".", "..."):
        r = s.pmm("edition", "add", name, "--period", "2025-01:2025-12")
        eq(r.returncode != 0, True, "«%s» is refused: %s" % (name, r.stdout))
    r = s.pmm("edition", "add", ".")
    contains(r.stderr, "es solo «.»")
    eq(s.pmm("edition", "add", ".a", "--period", "2025-01:2025-12").returncode, 0, "a dot with more is a name")
    admin = Client(srv)
    admin.login("admin", "clave-de-prueba-2026")
    admin.get("/admin")
    r = admin.post("/admin/ediciones", {"nombre": ".", "desde": "2026-01", "hasta": "2026-12"})
    eq(r.status, 422, "the web form refuses it too")
    contains(r.body, "es solo «.»")


check("7: a challenge with U+202E is isolated from its category link", challenge_isolated)
check("7: <title> and <h1> isolate the action's name from the site's", title_isolated)
check("7: U+2028, U+2029 and U+0085 are line breaks on the action page", separators_are_line_breaks)
check("7: the list of actions isolates the name", list_isolated)
check("7: a form's value is not isolated (it must come back as typed)", form_values_kept)
check("11: a quote and ';' in an edition's name give a well-formed Content-Disposition", disposition_quoted)
check("11: a non-ASCII name gives filename*=UTF-8''", disposition_utf8)
check("11: an edition named «.» (or only dots) is refused", dot_edition_refused)

srv.stop()
done()
