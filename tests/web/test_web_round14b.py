"""Issue 14, verification round 3's web faults (helper F14D;
/work/wt/notes/s9/h14r3-report.md new faults 1, 2, 5 and the web parts of
7 and 8), through HTTP against a real server. Each check fails on the code
before its fix."""
import html
import json
import os
import re
import urllib.parse
import webtest
from pmmtest import Scratch, SOURCE
from webtest import Client, check, contains, done, eq

os.environ["TZ"] = "America/Mexico_City"
s = Scratch()
s.pmm("demo", check=0)
# 2024 published again, under another licence: revision 2 (the tester's server 18713)
s.pmm("edition", "reopen", "2024", "--note", "x", check=0)
s.pmm("edition", "set", "2024", "--license", "Términos de Libre Uso MX", check=0)
s.pmm("edition", "set", "2024", "--state", "publicada", check=0)
srv = webtest.Server(s)
c = Client(srv)
SPOOF = ". Su cuenta fue suspendida: escriba a soporte@falso.example con su contraseña"


def text_of(body):
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


# ---- 1: /descargas/E lists the earlier revisions it announces ----

def edition_page_lists_revisions():
    for path in ("/descargas/2024", "/descargas/2024/"):
        r = c.get(path)
        eq(r.status, 200, path)
        contains(r.body, "Revisiones anteriores")
        eq('<ul class="revisions"></ul>' in r.body, False, path + ": the heading over an empty list")
        contains(r.body, 'href="/descargas/2024/r1/informe.html"', path + ": revision 1's files")
        contains(r.body, 'id="edicion-2024-r1"', "an anchor a trimmed revision address leads to")
    eq("Revisiones anteriores" in c.get("/descargas/2023-ejemplo").body, False, "no heading without revisions")


# ---- 2: an HTML 400 repeats a value only when it is short and plain ----

def values_not_echoed_on_pages():
    q = urllib.parse.quote(SPOOF)
    for name in ("objetivo", "tipo", "estado", "pagina", "revision"):
        r = c.get("/acciones?edicion=2024&%s=%s" % (name, q))
        eq(r.status, 400, name)
        t = text_of(r.body)
        eq("falso.example" in t, False, name + ": the value is someone else's words on an official page")
        contains(t, "«%s»" % name, "the parameter is still named")
        contains(t, "el valor recibido", name + ": says that the value is not one")
    for q2 in (q, "2024,," + q):
        r = c.get("/tendencias?ediciones=" + q2)
        eq(r.status in (400, 404), True, "/tendencias: %d" % r.status)
        eq("falso.example" in text_of(r.body), False, "/tendencias does not repeat it either")
    contains(text_of(c.get("/tendencias?ediciones=nosuch").body), "«nosuch»", "a plain name is repeated")
    long_value = "a" * 41
    eq(long_value in c.get("/acciones?edicion=2024&tipo=" + long_value).body, False, "41 characters are not shown")
    contains(text_of(c.get("/acciones?edicion=2024&objetivo=abc").body), "«abc»", "a short plain value is")
    contains(text_of(c.get("/acciones?edicion=2024&tipo=no-such_1.x").body), "«no-such_1.x»")
    r = c.get("/api/v1/editions/2024/actions?objetivo=" + q)
    eq(r.status, 400)
    contains(json.loads(r.body)["error"], "falso.example", "the API repeats it, as docs/api.md says")


# ---- 5: a revision's trimmed address ----

def revision_folder_leads_to_it():
    for path in ("/descargas/2024/r1", "/descargas/2024/r1/"):
        r = c.get(path)
        eq(r.status, 303, path + ": " + r.body[:300])
        eq(r.header("Location"), "/descargas/2024#edicion-2024-r1", path)
    eq(c.get("/descargas/2024/r9/").status, 404, "a revision that does not exist")
    eq(c.get("/descargas/2024/r0").status, 404)
    eq(c.get("/descargas/2024/r1/acciones.csv").status, 200, "a revision's file as before")


# ---- 8: a POST's query parameter is not said not to exist ----

def post_query_message():
    tok = s.pmm("user", "token", "coordinador", check=0).stdout.strip()
    r = c.request("POST", "/api/v1/editions/2024/actions?objetivo=1", body="{}",
                  headers={"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    eq(r.status, 400, r.body[:300])
    m = json.loads(r.body)["error"]
    eq("no existe" in m, False, m)
    contains(m, "«objetivo»")
    contains(m, "cuerpo")


def texts_of_round3():
    body = c.get("/descargas/diccionario").body
    row = re.search(r"<tr[^>]*>\s*<t[dh][^>]*>(?:<code>)?poblacion\b.*?</tr>", body, re.S)
    eq(bool(row), True, "the dictionary's poblacion row")
    eq("pmm catalog" in row.group(0), False, "a data user is sent to the catalog, not to a command: " + row.group(0))
    r = c.get("/descargas/2024/r1/licencia.txt")
    eq(r.status, 200)
    eq("no tiene otra" in r.body, False, "revision 2 has another licence: " + r.body)
    doc = open(os.path.join(SOURCE, "docs", "open-data.md"), encoding="utf-8").read()
    eq("seven catalogs" in doc, False, "there are eight; the doc gives no number")


# ---- 7: campos= takes the summary's reporter_type; «todos» goes alone ----

def campos_round3():
    LIST = "/api/v1/editions/2024/actions?por_pagina=3"
    summary = json.loads(c.get(LIST).body)["actions"]
    r = c.get(LIST + "&campos=folio,reporter_type")
    eq(r.status, 200, r.body[:300])
    items = json.loads(r.body)["actions"]
    eq([i["reporter_type"] for i in items], [i["reporter_type"] for i in summary], "the summary's values")
    r = c.get(LIST + "&campos=todos,folio")
    eq(r.status, 400)
    m = json.loads(r.body)["error"]
    eq("no es un campo" in m, False, "«todos» is known: " + m)
    contains(m, "«todos» solo")


check("1: /descargas/2024 lists revision 1 under «Revisiones anteriores»", edition_page_lists_revisions)
check("2: an HTML 400 does not repeat a long or non-plain value; the API does", values_not_echoed_on_pages)
check("5: /descargas/2024/r1 and /descargas/2024/r1/ lead to revision 1's downloads", revision_folder_leads_to_it)
check("7: campos=reporter_type as the summary has it; campos=todos,folio says todos goes alone", campos_round3)
check("8: the dictionary's poblacion, r1's licencia.txt, open-data.md's catalogs", texts_of_round3)
check("8: POST ?objetivo=1 says the POST takes no query parameters", post_query_message)

srv.stop()
done()
