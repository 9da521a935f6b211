"""Issue 14 fault 7 and issue 13 fault 4 (helper F14C): the demo's synthetic
edition «2023-ejemplo» says so wherever it appears: /descargas, its files
(datapackage.json, licencia.txt, acciones.json), /ediciones and 2024's
comparison with it, /buenas-practicas, GET /api/v1/editions and its
figures, in the request's language; the real edition 2024 says nothing of it."""
import io
import json
import zipfile
from webtest import Client, check, contains, demo_server, done, eq, fetch_raw

NOTICE = "Edición de ejemplo, sintética"
NOTICE_EN = "synthetic"
s, srv = demo_server()
c = Client(srv)


def t_downloads_page():
    r = c.get("/descargas")
    eq(r.status, 200, "status")
    contains(r.body, "Edición 2023-ejemplo (ejemplo sintético)", "/descargas")
    contains(r.body, NOTICE, "/descargas")
    eq(r.body.count(NOTICE), 1, "the notice once: only the example")


def t_datapackage():
    st, _, raw = fetch_raw(srv, "/descargas/2023-ejemplo/datapackage.json")
    eq(st, 200, "status")
    p = json.loads(raw)
    eq(p.get("synthetic"), True, "synthetic")
    contains(p["title"], "ejemplo sintético", "title")
    contains(p["description"], NOTICE, "description")
    real = json.loads(fetch_raw(srv, "/descargas/2024/datapackage.json")[2])
    eq(real.get("synthetic"), False, "2024 synthetic")
    if "sintétic" in real["title"] + real["description"]:
        raise AssertionError("2024 said synthetic: %r" % real["title"])


def t_license_and_json():
    contains(fetch_raw(srv, "/descargas/2023-ejemplo/licencia.txt")[2].decode(), NOTICE, "licencia.txt")
    doc = json.loads(fetch_raw(srv, "/descargas/2023-ejemplo/acciones.json")[2])
    eq(doc.get("ejemplo_sintetico"), True, "acciones.json ejemplo_sintetico")
    contains(doc.get("aviso", ""), NOTICE, "acciones.json aviso")
    real = json.loads(fetch_raw(srv, "/descargas/2024/acciones.json")[2])
    eq("ejemplo_sintetico" in real, False, "2024 acciones.json")
    # what was downloaded imports back (the mark is written, not read)
    path = s.write("ej.json", json.dumps(doc, ensure_ascii=False))
    s.pmm("edition", "new", "copia", "--period", "2022-06:2023-06", check=0)
    r = s.pmm("import", "--edition", "copia", path)
    eq(r.returncode, 0, "re-import: " + r.stdout + r.stderr)


def t_workbook():
    st, _, raw = fetch_raw(srv, "/descargas/2023-ejemplo/acciones.xlsx")
    eq(st, 200, "status")
    z = zipfile.ZipFile(io.BytesIO(raw))
    contains(z.read("xl/sharedStrings.xml").decode(), NOTICE, "the notes sheet")
    contains(z.read("docProps/custom.xml").decode(), "Ejemplo sintético", "custom property")
    real = zipfile.ZipFile(io.BytesIO(fetch_raw(srv, "/descargas/2024/acciones.xlsx")[2]))
    eq(NOTICE in real.read("xl/sharedStrings.xml").decode(), False, "2024's workbook")
    path = s.path("ej.xlsx")
    open(path, "wb").write(raw)
    s.pmm("edition", "new", "copia-x", "--period", "2022-06:2023-06", check=0)
    r = s.pmm("import", "--edition", "copia-x", path)
    eq(r.returncode, 0, "re-import: " + r.stdout + r.stderr)


def t_editions_pages():
    r = c.get("/ediciones")
    contains(r.body, NOTICE, "/ediciones")
    r = c.get("/ediciones/2024")
    contains(r.body, "Cambio frente a 2023-ejemplo (ejemplo sintético, no son cifras reales)", "/ediciones/2024")
    contains(r.body, "2023-ejemplo (ejemplo sintético)", "the switcher")


def t_practices():
    r = c.get("/buenas-practicas?edicion=2023-ejemplo")
    eq(r.status, 200, "status")
    contains(r.body, NOTICE, "/buenas-practicas?edicion=2023-ejemplo")
    r = c.get("/buenas-practicas?edicion=2024")
    eq(NOTICE in r.body, False, "2024's good practices said synthetic")
    j = json.loads(fetch_raw(srv, "/descargas/2023-ejemplo/buenas-practicas.json")[2])
    eq(j.get("synthetic"), True, "buenas-practicas.json synthetic")
    contains(j.get("notice", ""), NOTICE, "buenas-practicas.json notice")
    eq(json.loads(fetch_raw(srv, "/descargas/2024/buenas-practicas.json")[2]).get("synthetic"), False, "2024")


def t_api():
    r = c.get("/api/v1/editions")
    eds = {e["name"]: e for e in json.loads(r.body)["editions"]}
    eq(eds["2023-ejemplo"]["synthetic"], True, "2023-ejemplo synthetic")
    contains(eds["2023-ejemplo"]["notice"], NOTICE, "notice")
    eq(eds["2024"]["synthetic"], False, "2024 synthetic")
    eq("notice" in eds["2024"], False, "2024 notice")
    en = json.loads(c.get("/api/v1/editions", headers={"Accept-Language": "en"}).body)
    n = [e for e in en["editions"] if e["name"] == "2023-ejemplo"][0]["notice"]
    contains(n, NOTICE_EN, "English notice")
    eq(NOTICE in n, False, "the English notice is English")
    f = json.loads(c.get("/api/v1/editions/2023-ejemplo/figures").body)
    eq(f["synthetic"], True, "figures synthetic")
    contains(f["notice"], NOTICE, "figures notice")
    eq(json.loads(c.get("/api/v1/editions/2024/figures").body)["synthetic"], False, "2024 figures")


def t_openapi():
    spec = json.loads(c.get("/api/v1/openapi.json").body)
    ed = spec["components"]["schemas"]["Edition"]
    eq("synthetic" in ed["required"], True, "Edition.synthetic required")
    eq("notice" in ed["properties"], True, "Edition.notice")


check("/descargas labels the synthetic edition", t_downloads_page)
check("datapackage.json of the example: title, description, synthetic", t_datapackage)
check("licencia.txt and acciones.json carry the notice; the JSON imports back", t_license_and_json)
check("acciones.xlsx: the notice under the title and a property; imports back", t_workbook)
check("/ediciones and 2024's comparison name it synthetic", t_editions_pages)
check("/buenas-practicas of the example", t_practices)
check("GET /api/v1/editions and figures: synthetic and notice", t_api)
check("openapi.json describes the mark", t_openapi)
srv.stop()
done()
