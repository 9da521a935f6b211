"""Issue 14, the black-box tester's faults in the web and the API (helper
F14B; /work notes h14-report faults 4, 5, 9, 10, 12, 14, 18, 20), through
HTTP against a real server. Each check fails on the code before its fix."""
import io
import json
import re
import subprocess
import time
import zipfile
import webtest
from webtest import PMM, Client, check, contains, demo_server, done, eq

s, srv = demo_server()
c = Client(srv)
EN = {"Accept-Language": "en-US,en;q=0.9"}
LIST = "/api/v1/editions/2024/actions"


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


BEARER = {"Authorization": "Bearer " + token("coordinador")}


def error_of(path, status=400, headers=None):
    r = c.get(path, headers=headers or {})
    eq(r.status, status, path + ": " + r.body[:500])
    return json.loads(r.body)["error"]


# ---- 5: a public page ignores parameters it does not take ----

def pages_ignore_unknown_parameters():
    plain = c.get("/acciones?edicion=2024")
    for extra in ["fbclid=x", "utm_source=boletin", "tipo_instancia=OSC"]:
        r = c.get("/acciones?edicion=2024&" + extra)
        eq(r.status, 200, extra + ": " + r.body[:300])
        eq(re.search(r'data-total="(\d+)"', r.body).group(1), re.search(r'data-total="(\d+)"', plain.body).group(1),
           extra + ": the same list")
        name = extra.split("=")[0]
        if name == "tipo_instancia":    # trackers are ignored without a word (round 2, fault 8)
            contains(r.body, 'id="ignorados"', extra + ": the page says what it ignored")
            contains(r.body, "«%s»" % name, extra)
            contains(r.body, "tipo_accion", extra + ": and names the known ones")
        else:
            eq('id="ignorados"' in r.body, False, extra + ": a tracker is not worth a notice")
        eq(re.search(r'rel="next" href="[^"]*%s' % name, r.body), None, extra + ": not carried to the next page")
    eq(c.get("/acciones?edicion=2024&tipo=OSC&tipo=APF").status, 400, "a filter twice is still refused")
    eq(c.get(LIST + "?fbclid=x").status, 400, "the API still refuses it")


# ---- 9: what a token reads is not kept ----

def token_reads_no_store():
    for path in ["/api/v1/editions", "/api/v1/editions/2025/figures", "/api/v1/trend", "/api/v1/catalogos",
                 "/api/v1", LIST]:
        r = c.get(path, headers=BEARER)
        eq(r.status, 200, path + r.body[:300])
        eq(r.header("Cache-Control"), "no-store", path)
    eq(c.get("/api/v1/editions").header("Cache-Control"), "no-cache", "an anonymous read is revalidated")


# ---- 10: the description and the API agree ----

def unknown_parameters_everywhere():
    m = error_of("/api/v1/trend?editions=2024")
    contains(m, "«editions»")
    contains(m, "ediciones")
    for path in ["/api/v1/editions?x=1", "/api/v1/catalogos?x=1", "/api/v1/catalogos/estados?x=1",
                 "/api/v1/editions/2024/figures?x=1", "/api/v1?x=1", "/api/v1/openapi.json?x=1"]:
        contains(error_of(path), "«x»", path)
    r = c.get("/api/v1/editions/2024/progress?x=1", headers=BEARER)
    eq(r.status, 400, "progress: " + r.body[:300])
    aid = json.loads(c.get(LIST).body)["actions"][0]["id"]
    contains(error_of("/api/v1/actions/%d?x=1" % aid), "«x»")
    # a kept (cached) answer does not hide the refusal
    eq(c.get("/api/v1/editions").status, 200)
    eq(c.get("/api/v1/editions?x=1").status, 400, "after the answer was kept")
    eq(c.get("/api/v1/trend?ediciones=2024").status, 200)
    eq(c.get("/api/v1/trend?ediciones=2024&ediciones=2025").status, 400, "a parameter twice, after one was kept")


def options_lists_every_method():
    r = c.request("OPTIONS", LIST)
    eq(r.status, 204)
    eq(r.header("Allow"), "GET, HEAD, POST, OPTIONS", "the list also takes POST")
    r = c.request("OPTIONS", "/api/v1/editions/2025/progress")
    eq(r.status, 204, "OPTIONS is never 405: " + r.body[:200])
    eq(r.header("Allow"), "GET, HEAD, OPTIONS")
    eq(r.header("Access-Control-Allow-Origin"), None, "not a public read: no CORS")
    r = c.request("DELETE", "/api/v1/editions")
    eq(r.status, 405)
    eq(r.header("Allow"), "GET, HEAD, OPTIONS", "405 says what the path takes")


def catalog_index_lists_principles():
    cats = {x["name"]: x for x in json.loads(c.get("/api/v1/catalogos").body)["catalogs"]}
    eq(cats.get("principios", {}).get("filter"), "principio")
    items = json.loads(c.get("/api/v1/catalogos/principios").body)["items"]
    eq(len(items), 10)
    eq(c.get(LIST + "?principio=" + items[0]["value"]).status, 200, "its value is what the filter takes")


def future_if_modified_since_ignored():
    lm = None
    for _ in range(40):          # Last-Modified once the second of the last write is over
        lm = c.get(LIST).header("Last-Modified")
        if lm:
            break
        time.sleep(0.1)
    eq(lm is not None, True, "the list has a Last-Modified")
    r = c.get(LIST, headers={"If-Modified-Since": "Thu, 01 Jan 2099 00:00:00 GMT"})
    eq(r.status, 200, "a date after the server's time is invalid (RFC 9110)")
    eq(c.get(LIST, headers={"If-Modified-Since": lm}).status, 304, "a valid one still works")


def page_past_the_last():
    d = json.loads(c.get(LIST).body)
    m = error_of(LIST + "?pagina=%d" % (d["pages"] + 1), 404)
    contains(m, "«pagina»")
    contains(m, "1 a %d" % d["pages"])
    eq(c.get(LIST + "?pagina=%d" % d["pages"]).status, 200, "the last page answers")


def description_says_what_the_api_does():
    doc = json.loads(c.get("/api/v1/openapi.json").body)
    names = [p.get("name") for p in doc["paths"]["/api/v1/editions/{edition}/actions"]["get"]["parameters"]]
    for n in ["principio", "mesa"]:
        contains(" ".join(names), n, "the list's parameters")
        eq(c.get(LIST + "?%s=1" % n).status, 200, n + " is taken")
    bad = c.get("/api/v1/editions", headers={"Authorization": "Bearer " + "0" * 64})
    eq(bad.status, 401, "an invalid token on a public read")
    contains(bad.header("WWW-Authenticate") or "", "invalid_token")
    for path, item in doc["paths"].items():
        for method, op in item.items():
            contains(" ".join(op["responses"]), "400", method + " " + path + ": unknown parameters")
            if method == "get" and path != "/api/v1/editions/{edition}/progress":
                for code in ["304", "401"]:
                    contains(" ".join(op["responses"]), code, method + " " + path)
    enum = [p for p in doc["paths"]["/api/v1/catalogos/{catalogo}"]["get"]["parameters"] if p["name"] == "catalogo"]
    contains(" ".join(enum[0]["schema"]["enum"]), "principios")


# ---- 18: the server's refusals in the request's language ----

def refusals_in_the_requests_language():
    r = c.request("DELETE", "/acciones", headers=EN)
    eq(r.status, 405)
    contains(r.body, "Method not allowed")
    r = c.request("DELETE", "/api/v1/editions", headers=EN)
    contains(json.loads(r.body)["error"], "Method not allowed")
    for path in ["/acciones?q=" + "x" * 9000, "/api/v1/editions?q=" + "x" * 9000]:
        r = c.get(path, headers=EN)
        eq(r.status, 414, path[:20])
        contains(r.body, "too long", path[:20])
    many = dict(EN)
    many.update({"X-H%d" % i: "v" for i in range(70)})
    for path in ["/", "/api/v1/editions"]:
        r = c.get(path, headers=many)
        eq(r.status, 431, path)
        contains(r.body, "too many", path)
    eq(c.get("/api/v1/editions?q=" + "x" * 9000).body.count("demasiado larga"), 1, "Spanish without a preference")


# ---- 4: the Informe states the license its data are under ----

def informe_states_the_data_license():
    html = c.get("/descargas/2024/informe.html").body
    said = re.search(r"Licencia: ([^<(,]*)", html)
    eq(said is not None, True, "the Informe has a license line")
    lic = c.get("/descargas/2024/licencia.txt").body
    contains(lic, said.group(1).strip(), "the Informe's license is the data's")
    eq("(sin indicar)" in html.split("Licencia:")[1][:200], False, "not «(sin indicar)»")
    contains(html, "la de este informe y la de los datos abiertos de la edición", "says what it applies to")


# ---- 12: numbers and dates as the locale writes them ----

def numbers_and_dates_in_the_locale():
    aid, n = s.query("SELECT a.id, a.beneficiaries FROM action a JOIN edition e ON e.id = a.edition_id "
                     "WHERE a.beneficiaries >= 10000 AND a.status = 'validada' AND e.state = 'publicada' LIMIT 1")[0]
    grouped = "{:,}".format(n).replace(",", "\u00a0")
    body = c.get("/acciones/%d" % aid).body
    m = re.search(r"Personas beneficiarias</dt><dd>([^<]*)<", body)
    eq(m.group(1).replace(" ", "\u00a0").replace("\u202f", "\u00a0"), grouped, "the beneficiaries grouped")
    body = c.get("/tendencias").body
    eq(re.search(r"\(\d{4}-\d{2} – \d{4}-\d{2}\)", body), None, "no bare AAAA-MM periods")
    contains(body, " de 20", "months in words")
    staff = Client(srv)
    staff.login("coordinador")
    body = staff.get("/ediciones").body
    eq(re.search(r"revisión \d+, \d{4}-\d{2}-\d{2}", body), None, "no bare date beside the revision")


# ---- 14: «Instancias participantes N» leads to where N is counted ----

def institutions_total_is_counted_where_it_links():
    body = c.get("/ediciones/2024").body
    m = re.search(r'<dt>Instancias participantes</dt><dd><a [^>]*href="#([^"]+)">([^<]+)</a>', body)
    n = int(m.group(2).replace("\u00a0", ""))
    target = re.search(r'id="%s".*?</section>' % m.group(1), body, re.S)
    eq(target is not None, True, "the link's target exists")
    section = target.group(0)
    contains(section, "Instancias participantes", "the table counts institutions")
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", section.split("<tfoot>")[0])
    per_type = [int(re.findall(r'<td class="num">([\d\u00a0]+)</td>', row)[-1].replace("\u00a0", "")) for row in rows]
    eq(sum(per_type), n, "the institutions of each type add up to the total")
    eq(re.search(r'id="instancias-total">([^<]+)<', section).group(1).replace("\u00a0", ""), str(n), "the total row")
    eq(n, s.query("SELECT count(DISTINCT a.institution_id) FROM action a JOIN edition e ON e.id = a.edition_id "
                  "WHERE e.name = '2024' AND a.status = 'validada'")[0][0], "N is the institutions with a validated action")


# ---- 20: the web upload's advice ----

def upload_advice_says_upload():
    inm = Client(srv)
    inm.login("enlace.inm")
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    before = s.query("SELECT count(*) FROM action")
    for name, data, what in [("plantilla.csv", "folio,nombre\nA-1,Una acción\n".encode("utf-8-sig"), "CSV"),
                             ("plantilla.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600, "(.xls)"),
                             ("plantilla.ods", ods.getvalue(), "(.ods)")]:
        inm.get("/plantilla/subir")
        r = webtest.multipart(inm, "/plantilla/subir", name, data, fields=[("edicion", "2026")])
        eq(r.status, 422, name + ": " + r.body[:300])
        contains(r.body, what, name)
        contains(r.body, "«Libro de Excel (.xlsx)» y suba el .xlsx", name + ": what to do on this page")
        eq("importe el" in r.body, False, name + ": not the import's advice")
        eq("zip" in r.body, False, name + ": not the reader's words")
    eq(s.query("SELECT count(*) FROM action"), before, "nothing written")


check("5: /acciones ignores fbclid, utm_source, a misspelt filter, and says so; the API refuses",
      pages_ignore_unknown_parameters)
check("9: a Bearer token's reads are Cache-Control: no-store", token_reads_no_store)
check("10: every API endpoint refuses an unknown parameter, also after a kept answer", unknown_parameters_everywhere)
check("10: OPTIONS answers 204 with every method of the path; 405 says them", options_lists_every_method)
check("10: the catalog index lists principios", catalog_index_lists_principles)
check("10: If-Modified-Since in the future is ignored", future_if_modified_since_ignored)
check("10: pagina past the last page is 404 naming the range", page_past_the_last)
check("10: openapi.json describes principio, mesa, 304, 401 invalid_token, 400 everywhere",
      description_says_what_the_api_does)
check("4: the Informe's license is the data's (the default, said as such)", informe_states_the_data_license)
check("12: beneficiaries, /tendencias periods, the staff's revision date in the locale",
      numbers_and_dates_in_the_locale)
check("14: «Instancias participantes» leads to a table whose institutions add up to it",
      institutions_total_is_counted_where_it_links)
check("20: a template saved as CSV, .xls or .ods: «suba el .xlsx»", upload_advice_says_upload)
check("18: 405, 414, 431 in the request's language, pages and API", refusals_in_the_requests_language)

srv.stop()
done()
