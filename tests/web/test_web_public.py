"""The public side of `pmm serve`: dashboard, action list with every filter
and accent-blind search, detail pages, objectives, glossary, API, assets,
the access log and a graceful stop, against a real server."""
import html
import http.client
import json
import re
import sqlite3
import unicodedata
from webtest import Client, Scratch, check, contains, demo_server, done, eq, total

s, srv = demo_server()
web = Client(srv)
con = sqlite3.connect(s.db)
# The public reads edition 2024's published revision, a copy of its
# validated actions in a hidden snapshot edition (issue 10): count the
# working edition's rows, not the copy's too. Temporary views shadow the
# tables for this connection only (2024's rows: the demo also holds the
# example edition 2023-ejemplo, issue 13).
con.executescript("""
CREATE TEMP VIEW action AS SELECT * FROM main.action
  WHERE edition_id IN (SELECT id FROM main.edition WHERE snapshot_of IS NULL AND name = '2024');
CREATE TEMP VIEW challenge AS SELECT * FROM main.challenge WHERE action_id IN (SELECT id FROM action);
CREATE TEMP VIEW action_objective AS SELECT * FROM main.action_objective WHERE action_id IN (SELECT id FROM action);
CREATE TEMP VIEW action_action_type AS SELECT * FROM main.action_action_type
  WHERE action_id IN (SELECT id FROM action);
CREATE TEMP VIEW action_population AS SELECT * FROM main.action_population
  WHERE action_id IN (SELECT id FROM action);
""")


def q(sql, *args):
    return con.execute(sql, args).fetchone()[0]


def dashboard_shows_the_edition():
    r = web.get("/")
    eq(r.status, 200, "status")
    contains(r.body, 'href="/acciones?edicion=2024">379</a>')
    contains(r.body, "Edición 2024")
    eq(web.get("/ediciones/2024").body, r.body, "/ and /ediciones/2024")


def every_figure_links_to_its_actions():
    body = web.get("/ediciones/2024").body
    links = re.findall(r'<a href="(/acciones\?[^"]*)">(\d+)</a>', body)
    if len(links) < 60:
        raise AssertionError("only %d figure links" % len(links))
    for href, n in links:
        href = html.unescape(href)
        if "categoria=" in href:        # challenges are counted, not actions
            continue
        got = total(web.get(href).body)
        eq(got, int(n), href)


def challenge_links_list_actions_with_them():
    body = web.get("/ediciones/2024").body
    href = html.unescape(re.search(r'<a href="(/acciones\?edicion=2024&amp;categoria=\d+)">', body).group(1))
    cat = int(href.split("categoria=")[1])
    want = q("SELECT count(DISTINCT action_id) FROM challenge WHERE category_id=?", cat)
    eq(total(web.get(href).body), want, href)


FILTERS = {
    "objetivo=7": "SELECT count(*) FROM action_objective WHERE objective=7",
    "tipo=OSC": "SELECT count(*) FROM action a JOIN institution i ON i.id=a.institution_id WHERE i.type='OSC'",
    "institucion=INM": "SELECT count(*) FROM action a JOIN institution i ON i.id=a.institution_id WHERE i.acronym='INM'",
    "estado=07": "SELECT count(*) FROM action a JOIN institution i ON i.id=a.institution_id WHERE i.state='07'",
    "tipo_accion=6": "SELECT count(*) FROM action_action_type WHERE action_type_id=6",
    "poblacion=retorno": "SELECT count(*) FROM action_population p JOIN population x ON x.id=p.population_id WHERE x.code='retorno'",
    "genero=si": "SELECT count(*) FROM action WHERE gender_focus=1",
    "discapacidad=no": "SELECT count(*) FROM action WHERE disability=0",
    "categoria=11": "SELECT count(DISTINCT action_id) FROM challenge WHERE category_id=11",
}


def each_filter_counts_what_the_database_holds():
    for f, sql in FILTERS.items():
        want = q(sql)
        if want == 0:
            raise AssertionError("filter %s selects nothing in the demo: a weak test" % f)
        eq(total(web.get("/acciones?edicion=2024&" + f).body), want, f)
        api = json.loads(web.get("/api/v1/editions/2024/actions?" + f).body)
        eq(api["total"], want, "API " + f)


def filters_combine():
    want = q("SELECT count(*) FROM action a JOIN institution i ON i.id=a.institution_id "
             "JOIN action_objective o ON o.action_id=a.id WHERE o.objective=4 AND i.type='EF' AND a.gender_focus=1")
    eq(total(web.get("/acciones?edicion=2024&objetivo=4&tipo=EF&genero=si").body), want, "combined")


def fold(t):
    return "".join(c for c in unicodedata.normalize("NFKD", t.lower()) if not unicodedata.combining(c))


def search_ignores_accents_and_case():
    a = total(web.get("/acciones?edicion=2024&q=MIGRACION").body)
    b = total(web.get("/acciones?edicion=2024&q=migraci%C3%B3n").body)
    c = total(web.get("/acciones?edicion=2024&q=Migraci%C3%93n").body)
    eq(a, b, "MIGRACION vs migración")
    eq(a, c, "Migración uppercase accent")
    want = sum(1 for n, d, res, ia, iname in con.execute(
        "SELECT a.name, a.description, a.results, i.acronym, i.name FROM action a "
        "JOIN institution i ON i.id=a.institution_id")
        if re.search(r"\bmigracion", fold(" ".join([n, d, res, ia, iname]))))
    eq(a, want, "matches counted in Python")


def search_words_all_required_and_syntax_inert():
    one = total(web.get("/acciones?edicion=2024&q=salud").body)
    both = total(web.get("/acciones?edicion=2024&q=salud+mujeres").body)
    if not (0 < both <= one):
        raise AssertionError("salud=%d, salud mujeres=%d" % (one, both))
    # FTS5 operators typed by a person are words, not syntax: no error
    r = web.get('/acciones?edicion=2024&q=%22salud%22+OR+NEAR(x*+-y)')
    eq(r.status, 200, "odd query")


def pagination():
    r = web.get("/acciones?edicion=2024")
    eq(len(re.findall(r'<a href="/acciones/\d+">', r.body)), 50, "first page rows")
    contains(r.body, 'rel="next"')
    last = web.get("/acciones?edicion=2024&pagina=8").body
    eq(len(re.findall(r'<a href="/acciones/\d+">', last)), 379 - 7 * 50, "last page rows")
    api = json.loads(web.get("/api/v1/editions/2024/actions?por_pagina=100&pagina=4").body)
    eq((api["page"], api["per_page"], len(api["actions"])), (4, 100, 79), "API paging")
    ids = set()
    for p in range(1, 5):
        ids |= {a["id"] for a in json.loads(web.get(
            "/api/v1/editions/2024/actions?por_pagina=100&pagina=%d" % p).body)["actions"]}
    eq(len(ids), 379, "pages cover every action once")


def bad_filter_values_are_refused():
    for f in ["objetivo=24", "tipo=XX", "institucion=NADA", "genero=tal+vez", "pagina=0", "categoria=9999"]:
        eq(web.get("/acciones?edicion=2024&" + f).status, 400, f)
    eq(web.get("/acciones?edicion=1999").status, 404, "unknown edition")


def action_detail():
    aid, name, inst = con.execute("SELECT a.id, a.name, i.acronym FROM action a JOIN institution i "
                                  "ON i.id=a.institution_id LIMIT 1 OFFSET 40").fetchone()
    r = web.get("/acciones/%d" % aid)
    eq(r.status, 200, "status")
    contains(r.body, html.escape(name, quote=True))
    contains(r.body, inst)
    contains(r.body, "Validada")
    if "Bitácora" in r.body:
        raise AssertionError("the public sees the audit log")
    # issue 11 (CAMP2): logged out, an id that does not exist goes to the login, as a draft's does
    eq(web.get("/acciones/999999").status, 303, "unknown id")
    eq(web.get("/acciones/abc").status, 404, "not a number")
    d = json.loads(web.get("/api/v1/actions/%d" % aid).body)
    eq(d["name"], name, "API detail")


def unpublished_edition_is_hidden():
    # the demo also opens edition 2025 for the workflow: not public
    eq(web.get("/ediciones/2025").status, 404, "dashboard")
    eq(web.get("/acciones?edicion=2025").status, 404, "list")
    eq(web.get("/api/v1/editions/2025/figures").status, 404, "figures")
    eds = json.loads(web.get("/api/v1/editions").body)["editions"]
    eq([e["name"] for e in eds], ["2024", "2023-ejemplo"], "API editions (issue 13: and the example; the newest period first, F13B)")


def objectives_and_glossary():
    body = web.get("/objetivos").body
    eq(len(re.findall(r'<li id="o\d+"', body)), 23, "objectives")
    contains(body, "Invertir en el desarrollo de aptitudes")
    g = web.get("/glosario").body
    eq(len(re.findall(r"<dt id=", g)), q("SELECT count(*) FROM challenge_category"), "categories")
    contains(g, "Falta de recursos financieros")


def figures_api_is_the_report_json():
    api = json.loads(web.get("/api/v1/editions/2024/figures").body)
    eq(api, s.figures("2024"), "API figures vs pmm report --format json")


def assets_and_content_types():
    r = web.get("/static/pmm.css")
    eq((r.status, r.header("Content-Type")), (200, "text/css; charset=utf-8"), "css")
    r = web.get("/static/pmm.js")
    eq(r.header("Content-Type"), "text/javascript; charset=utf-8", "js")
    eq(web.get("/static/nada.css").status, 404, "missing asset")
    eq(web.get("/api/v1/editions").header("Content-Type"), "application/json", "json")


def unknown_routes_and_methods():
    eq(web.get("/no/existe").status, 404, "page")
    r = web.get("/api/v1/nada")
    eq((r.status, json.loads(r.body)["status"]), (404, 404), "API 404 is JSON")
    eq(web.request("DELETE", "/acciones").status, 405, "method")


def writes_are_picked_up_from_other_processes():
    before = json.loads(web.get("/api/v1/editions/2024/figures").body)["actions"]
    s.write("uno.csv", "folio,institucion,objetivos,nombre\nX-1,INM,3,Una acción importada después\n")
    # a published edition is frozen: reopen, import, publish again (issue 10)
    s.pmm("edition", "reopen", "2024", check=0)
    s.pmm("import", "--edition", "2024", "uno.csv", check=0)
    eq(json.loads(web.get("/api/v1/editions/2024/figures").body)["actions"], before, "public before publishing")
    s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
    after = json.loads(web.get("/api/v1/editions/2024/figures").body)["actions"]
    eq(after, before + 1, "cached figures dropped after an import")
    eq(total(web.get("/acciones?edicion=2024&q=importada").body), 1, "the new action is searchable")


def downloads():
    page = web.get("/descargas").body
    for f in ["informe.html", "informe.pdf", "compendio.html", "compendio.pdf", "acciones.csv", "retos.csv",
              "acciones.json"]:
        contains(page, 'href="/descargas/2024/%s"' % f)
    r = web.get("/descargas/2024/informe.html")
    eq(r.status, 200, "informe")
    contains(r.body, "379")
    csp = r.header("Content-Security-Policy")
    if "script-src" in csp or "default-src 'none'" not in csp:
        raise AssertionError("the Informe may run scripts: " + csp)
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=300)
    c.request("GET", "/descargas/2024/informe.pdf")
    pdf = c.getresponse()
    data = pdf.read()
    eq((pdf.status, pdf.getheader("Content-Type"), data[:5]), (200, "application/pdf", b"%PDF-"), "pdf")
    c.close()
    comp = web.get("/descargas/2024/compendio.html")
    eq(comp.status, 200, "compendio")
    name = con.execute("SELECT name FROM action WHERE status='validada' ORDER BY id DESC LIMIT 1").fetchone()[0]
    contains(comp.body, html.escape(name, quote=False), "compendio")
    j = json.loads(web.get("/descargas/2024/acciones.json").body)
    eq(len(j["acciones"]), 379, "json actions")   # issue 10: the interchange format
    eq(web.get("/descargas/2024/nada.txt").status, 404, "unknown file")
    eq(web.get("/descargas/2025/acciones.csv").status, 404, "unpublished edition")


def downloaded_data_reimports_to_the_same_figures():
    s.write("acciones.csv", web.get("/descargas/2024/acciones.csv").body)
    s.write("retos.csv", web.get("/descargas/2024/retos.csv").body)
    t = Scratch()
    t.pmm("init", check=0)
    t.pmm("import", "--edition", "2024", s.path("acciones.csv"), "--retos", s.path("retos.csv"), check=0)
    got, want = t.figures("2024"), json.loads(web.get("/api/v1/editions/2024/figures").body)
    for k in ["period"]:
        got.pop(k, None)
        want.pop(k, None)
    eq(got, want, "figures of the re-imported download")
    t.close()


check("the dashboard shows the published edition", dashboard_shows_the_edition)
check("downloads: Informe (HTML, PDF) and the data (CSV, JSON)", downloads)
check("the downloaded CSV imports again to the same figures", downloaded_data_reimports_to_the_same_figures)
check("every figure of the dashboard links to exactly the actions it counts", every_figure_links_to_its_actions)
check("challenge figures link to the actions that name them", challenge_links_list_actions_with_them)
check("each filter selects what the database holds (page and API)", each_filter_counts_what_the_database_holds)
check("filters combine", filters_combine)
check("search ignores accents and case", search_ignores_accents_and_case)
check("every word is required; FTS syntax is inert", search_words_all_required_and_syntax_inert)
check("pagination", pagination)
check("filter values that do not exist are refused", bad_filter_values_are_refused)
check("an action's page", action_detail)
check("editions not published are hidden from the public", unpublished_edition_is_hidden)
check("objectives with official titles; the glossary", objectives_and_glossary)
check("API figures equal pmm report --format json", figures_api_is_the_report_json)
check("assets and content types", assets_and_content_types)
check("unknown routes and methods", unknown_routes_and_methods)
check("an import by another process reaches the pages", writes_are_picked_up_from_other_processes)


def graceful_stop_and_access_log():
    rc, out, err = srv.stop()
    eq(rc, 0, "exit code after SIGTERM\n" + err)
    contains(out, "servidor detenido")
    log = open(srv.log, encoding="utf-8").read()
    contains(log, '"GET /objetivos" 200')
    contains(log, '"GET /acciones/abc" 404')


check("SIGTERM stops the server cleanly; the access log has every request", graceful_stop_and_access_log)
con.close()
s.close()
done()
