"""Issue 14 (helper D14), «Open data» on the web, against a real server: the
downloads carry their license (a setting of the edition, CC BY 4.0 when
none is set), the CSV opens in Excel (UTF-8 with BOM) and says its edition,
an XLSX sits beside CSV and JSON, the catalogs that decode every code are
downloadable (CSV and JSON), the data dictionary page lists every column,
and each edition has a Frictionless data package that validates.

Validation of the package: Debian has no python3-frictionless and no wheel
of it is at hand, so the test does what `frictionless validate` does, in two
steps: the descriptor against a JSON Schema (jsonschema) written here from
the Data Package, Tabular Data Package, Table Schema and CSV Dialect specs
(v1), and every CSV resource against its Table Schema: header, types,
required, maxLength, pattern, minimum, true/false values, primary key and
foreign keys (docs/open-data.md)."""
import csv
import http.client
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import jsonschema
import webtest
from webtest import Client, Scratch, Server, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
# revision 1 of 2024 is published with no license set (pmm's default); a
# correction publishes revision 2 under the license the unit sets
s.pmm("edition", "reopen", "2024", check=0)
s.pmm("edition", "set", "2024", "--licencia", "Términos de Libre Uso MX", "--emisor", "Unidad de Política Migratoria",
      check=0)
s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
s.pmm("edition", "add", "2026", check=0)       # open, for the enlace's upload
srv = Server(s)
web = Client(srv)
BASE = "/descargas/2024/"


def fetch(path):
    return webtest.fetch_raw(srv, path)


def csv_rows(path):
    status, _, raw = fetch(path)
    eq(status, 200, path)
    if not raw.startswith(b"\xef\xbb\xbf"):
        raise AssertionError("%s does not start with UTF-8's BOM: %r" % (path, raw[:20]))
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def downloads_page_links_and_license():
    r = web.get("/descargas")
    eq(r.status, 200, "status")
    for part in ('href="/descargas/2024/acciones.xlsx"', 'href="/descargas/2024/datapackage.json"',
                 'href="/descargas/2024/licencia.txt"', 'href="/descargas/diccionario"',
                 'href="https://datos.gob.mx/libreusomx" rel="license">Términos de Libre Uso MX</a>',
                 'href="/descargas/2024/r1/acciones.xlsx"', 'href="/descargas/2024/r1/datapackage.json"'):
        contains(r.body, part, "/descargas")


def csv_has_bom_and_edition():
    for name in ("acciones.csv", "retos.csv"):
        rows = csv_rows(BASE + name)
        eq(rows[0][0], "edicion", name + " first column")
        eq({r[0] for r in rows[1:]}, {"2024"}, name + " edition of every row")


def license_in_every_file():
    # JSON: the field
    status, _, raw = fetch(BASE + "acciones.json")
    eq(json.loads(raw)["licencia"], {"nombre": "Términos de Libre Uso MX", "url": "https://datos.gob.mx/libreusomx"},
       "licencia of the JSON")
    status, _, raw = fetch("/descargas/2024/r1/acciones.json")
    eq(json.loads(raw)["licencia"], {"nombre": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.es"},
       "revision 1, published with no license set: the default")
    # the package
    eq(json.loads(fetch(BASE + "datapackage.json")[2])["licenses"],
       [{"title": "Términos de Libre Uso MX", "path": "https://datos.gob.mx/libreusomx"}], "package license")
    eq(json.loads(fetch("/descargas/2024/r1/datapackage.json")[2])["licenses"],
       [{"title": "CC BY 4.0", "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/deed.es"}],
       "revision 1's package license")
    status, h, raw = fetch("/descargas/2024/r1/licencia.txt")
    eq((status, h["content-type"]), (200, "text/plain; charset=utf-8"), "licencia.txt")
    contains(raw.decode(), "CC BY 4.0\nhttps://creativecommons.org/licenses/by/4.0/deed.es\n")
    contains(raw.decode(), "licencia predeterminada")


def figures_of_import(name, data, *extra):
    """The figures of DATA (file NAME) imported with `pmm import` into a fresh database."""
    d = Scratch()
    d.pmm("init", check=0)
    paths = [d.write(name, None, raw=data)]
    for n, raw in extra:
        paths += ["--retos", d.write(n, None, raw=raw)]
    d.pmm("import", "--edition", "2024", *paths, check=0)
    f = d.figures("2024")
    d.close()
    return {k: v for k, v in f.items() if k not in ("edition", "period", "generated_at")}


def xlsx_beside_csv_and_json():
    status, h, xlsx = fetch(BASE + "acciones.xlsx")
    eq(status, 200, "acciones.xlsx")
    eq(h["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content type")
    contains(h["content-disposition"], 'filename="pmm-2024-acciones.xlsx"')
    eq(xlsx[:4], b"PK\x03\x04", "a zip")
    from_xlsx = figures_of_import("a.xlsx", xlsx)
    from_csv = figures_of_import("a.csv", fetch(BASE + "acciones.csv")[2], ("r.csv", fetch(BASE + "retos.csv")[2]))
    from_json = figures_of_import("a.json", fetch(BASE + "acciones.json")[2])
    eq(from_xlsx, from_csv, "figures of the XLSX and the CSV")
    eq(from_json, from_csv, "figures of the JSON and the CSV")
    # validated actions only, as every public download
    eq(from_xlsx["actions"], s.query(
        "SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id"
        " WHERE e.name = '2024' AND e.snapshot_of IS NULL AND a.status = 'validada'")[0][0], "validated actions")


CATALOGS = ["objetivos", "tipos-instancia", "entidades", "instituciones", "tipos-accion", "poblaciones",
            "categorias-retos", "principios"]   # principios: issue 13's catalog


def catalogs_as_csv_and_json():
    for c in CATALOGS:
        rows = csv_rows("/descargas/catalogos/%s.csv" % c)
        status, h, raw = fetch("/descargas/catalogos/%s.json" % c)
        eq((status, h["content-type"]), (200, "application/json"), c + ".json")
        doc = json.loads(raw)
        eq(len(doc["elementos"]), len(rows) - 1, c + ": rows of the JSON and the CSV")
        eq(list(doc["elementos"][0].keys()), rows[0], c + ": columns")
        eq(csv_rows(BASE + c + ".csv"), rows, c + " beside the edition")
    insts = {r[0]: r for r in csv_rows("/descargas/catalogos/instituciones.csv")}
    eq(insts["INM"][2], "APF", "INM's type")
    eq(insts["Chis"][2:4] if "Chis" in insts else [r for r in insts.values() if "Chiapas" in r[1]][0][2:4],
       ["EF", "07"], "a state government's type and state")
    eq(json.loads(fetch("/descargas/catalogos/objetivos.json")[2])["elementos"][6]["numero"], 7, "a number")
    eq(fetch("/descargas/catalogos/nada.csv")[0], 404, "no such catalog")
    eq(fetch(BASE + "nada.csv")[0], 404, "no such file")


def every_code_in_the_data_decodes():
    cat = {c: csv_rows(BASE + c + ".csv") for c in CATALOGS}
    keys = {c: {r[0] for r in rows[1:]} for c, rows in cat.items()}
    acc = csv_rows(BASE + "acciones.csv")
    h = acc[0]
    for row in acc[1:]:
        v = dict(zip(h, row))
        if v["institucion"] not in keys["instituciones"]:
            raise AssertionError("institucion %r is in no catalog" % v["institucion"])
        for name, c in (("objetivos", "objetivos"), ("tipo_accion", "tipos-accion"), ("poblacion", "poblaciones")):
            for item in filter(None, v[name].split(";")):
                if item not in keys[c]:
                    raise AssertionError("%s %r is not in %s.csv" % (name, item, c))
    ret = csv_rows(BASE + "retos.csv")
    for row in ret[1:]:
        cat_name = dict(zip(ret[0], row))["categoria"]
        if cat_name and cat_name not in keys["categorias-retos"]:
            raise AssertionError("categoria %r is not in categorias-retos.csv" % cat_name)


def dictionary_page_lists_every_column():
    r = web.get("/descargas/diccionario")
    eq(r.status, 200, "status")
    for name in ("acciones.csv", "retos.csv"):
        contains(r.body, "<code>%s</code>" % name)
        for col in csv_rows(BASE + name)[0]:
            contains(r.body, '<th scope="row"><code>%s</code></th>' % col, "dictionary")
    for c in CATALOGS:
        contains(r.body, 'href="/descargas/catalogos/%s.csv"' % c)
        contains(r.body, 'href="/descargas/catalogos/%s.json"' % c)
    # a catalog column links its catalog, a limit is in characters
    contains(r.body, '<code>institucion</code></th><td>Institución</td>')
    row = re.search(r'<code>institucion</code></th>.*?</tr>', r.body).group(0)
    contains(row, 'href="/descargas/catalogos/instituciones.csv"')
    contains(row, "500 caracteres")


# ---- the Frictionless data package, as its specs say (v1) ----

PATH = {"type": "string", "pattern": r"^(?=^[^./~])(^((?!\.{2}).)*$).*$"}
NAME = {"type": "string", "pattern": r"^([-a-z0-9._/])+$"}
STR_OR_LIST = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
FIELD = {
    "type": "object", "required": ["name"],
    "properties": {
        "name": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
        "type": {"enum": ["string", "number", "integer", "boolean", "object", "array", "date", "time",
                          "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"]},
        "format": {"type": "string"},
        "trueValues": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "falseValues": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "constraints": {"type": "object", "properties": {
            "required": {"type": "boolean"}, "unique": {"type": "boolean"},
            "minLength": {"type": "integer"}, "maxLength": {"type": "integer"},
            "minimum": {"type": ["integer", "number"]}, "maximum": {"type": ["integer", "number"]},
            "pattern": {"type": "string"}, "enum": {"type": "array"}}, "additionalProperties": False},
    },
    "allOf": [{"if": {"properties": {"trueValues": {}}, "required": ["trueValues"]},
               "then": {"properties": {"type": {"const": "boolean"}}, "required": ["type"]}}],
}
TABLE_SCHEMA = {
    "type": "object", "required": ["fields"],
    "properties": {
        "fields": {"type": "array", "minItems": 1, "items": FIELD},
        "primaryKey": STR_OR_LIST,
        "missingValues": {"type": "array", "items": {"type": "string"}},
        "foreignKeys": {"type": "array", "items": {
            "type": "object", "required": ["fields", "reference"],
            "properties": {"fields": STR_OR_LIST, "reference": {
                "type": "object", "required": ["resource", "fields"],
                "properties": {"resource": {"type": "string"}, "fields": STR_OR_LIST}}}}},
    },
}
DIALECT = {"type": "object", "properties": {
    "delimiter": {"type": "string", "minLength": 1, "maxLength": 1}, "doubleQuote": {"type": "boolean"},
    "lineTerminator": {"type": "string"}, "quoteChar": {"type": "string", "minLength": 1, "maxLength": 1},
    "header": {"type": "boolean"}, "skipInitialSpace": {"type": "boolean"}}}
PACKAGE = {
    "type": "object", "required": ["resources", "profile"],
    "properties": {
        "profile": {"const": "tabular-data-package"}, "name": NAME, "title": {"type": "string"},
        "description": {"type": "string"}, "version": {"type": "string"},
        "contributors": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["title"],
            "properties": {"title": {"type": "string"}, "path": PATH, "email": {"type": "string"},
                           "organization": {"type": "string"}, "role": {"type": "string"}}}},
        "created": {"type": "string", "format": "date-time"},
        "licenses": {"type": "array", "minItems": 1, "items": {
            "type": "object", "anyOf": [{"required": ["name"]}, {"required": ["path"]}],
            "properties": {"name": {"type": "string", "pattern": r"^([-a-zA-Z0-9._])+$"}, "path": PATH,
                           "title": {"type": "string"}}}},
        "resources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "path", "schema", "profile"],
            "properties": {"profile": {"const": "tabular-data-resource"}, "name": NAME,
                           "path": {"oneOf": [PATH, {"type": "array", "minItems": 1, "items": PATH}]},
                           "title": {"type": "string"}, "format": {"type": "string"},
                           "mediatype": {"type": "string", "pattern": r"^(.+)/(.+)$"},
                           "encoding": {"type": "string"}, "dialect": DIALECT, "schema": TABLE_SCHEMA}}},
    },
}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def cell_errors(field, v, missing):
    """What is wrong with the value V of FIELD (Table Schema), as a list."""
    k = field.get("constraints", {})
    if v in missing:
        return ["required"] if k.get("required") else []
    t, errs = field.get("type", "string"), []
    if t == "integer":
        if not re.fullmatch(r"-?\d+", v):
            return ["not an integer"]
        if "minimum" in k and int(v) < k["minimum"]:
            errs.append("below minimum")
    elif t == "boolean":
        if v not in field.get("trueValues", ["true"]) + field.get("falseValues", ["false"]):
            errs.append("not a boolean")
    if "maxLength" in k and len(v) > k["maxLength"]:
        errs.append("longer than maxLength")
    if "pattern" in k and not re.fullmatch(k["pattern"], v):
        errs.append("does not match its pattern")
    return errs


def table_of(resource, base):
    rows = csv_rows(base + resource["path"])
    names = [f["name"] for f in resource["schema"]["fields"]]
    eq(rows[0], names, resource["name"] + ": header = schema fields")
    return [dict(zip(names, r)) for r in rows[1:]]


def check_package(base):
    status, h, raw = fetch(base + "datapackage.json")
    eq((status, h["content-type"]), (200, "application/json"), "datapackage.json")
    pkg = json.loads(raw)
    jsonschema.Draft7Validator(PACKAGE, format_checker=jsonschema.FormatChecker()).validate(pkg)
    for k in ("name", "title", "licenses", "created"):
        if k not in pkg:
            raise AssertionError("the package has no %r" % k)
    if not RFC3339.match(pkg["created"]):
        raise AssertionError("created is not RFC 3339: %r" % pkg["created"])
    tables = {r["name"]: (r, table_of(r, base)) for r in pkg["resources"]}
    for name, (res, rows) in tables.items():
        sch = res["schema"]
        missing = sch.get("missingValues", [""])
        fields = {f["name"]: f for f in sch["fields"]}
        for i, row in enumerate(rows, 2):
            for col, v in row.items():
                errs = cell_errors(fields[col], v, missing)
                if errs:
                    raise AssertionError("%s:%d, column %s, value %r: %s" % (res["path"], i, col, v[:80], errs))
        pk = sch.get("primaryKey")
        if pk:
            pk = [pk] if isinstance(pk, str) else pk
            keys = [tuple(r[c] for c in pk) for r in rows]
            eq(len(keys), len(set(keys)), name + ": primary key unique")
        for fk in sch.get("foreignKeys", []):
            cols = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
            ref = fk["reference"]
            target = tables[ref["resource"] or name][1]
            rcols = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
            have = {tuple(r[c] for c in rcols) for r in target}
            for i, row in enumerate(rows, 2):
                key = tuple(row[c] for c in cols)
                if any(v in missing for v in key):
                    continue
                if key not in have:
                    raise AssertionError("%s:%d: %s %r is not in %s" % (res["path"], i, cols, key,
                                                                       ref["resource"] or name))
    return pkg, tables


def data_package_validates():
    pkg, tables = check_package(BASE)
    eq(pkg["name"], "pmm-2024", "name")
    eq(pkg["version"], "2.0.0", "revision 2")
    eq(pkg["contributors"], [{"title": "Unidad de Política Migratoria", "role": "publisher"}], "the issuer")
    eq(sorted(tables), sorted(["acciones", "retos"] + CATALOGS), "resources")
    eq(len(tables["acciones"][1]), len(csv_rows(BASE + "acciones.csv")) - 1, "every action")
    f = {x["name"]: x for x in tables["acciones"][0]["schema"]["fields"]}
    eq(f["beneficiarios"]["type"], "integer", "beneficiarios")
    eq((f["enfoque_genero"]["type"], f["enfoque_genero"]["trueValues"]), ("boolean", ["Sí"]), "Sí/No")
    eq(f["nombre"]["constraints"], {"required": True, "maxLength": 1000}, "a limit from the field table")
    # revision 1, as it was published
    check_package("/descargas/2024/r1/")


def a_package_that_breaks_its_schema_is_caught():
    """The checker is no rubber stamp: a value past its limit, a code with
    no catalog row and a bad descriptor each fail it."""
    pkg = json.loads(fetch(BASE + "datapackage.json")[2])
    f = {x["name"]: x for x in pkg["resources"][0]["schema"]["fields"]}
    eq(cell_errors(f["nombre"], "x" * 1001, [""]), ["longer than maxLength"], "maxLength")
    eq(cell_errors(f["objetivos"], "24", [""]), ["does not match its pattern"], "objectives")
    eq(cell_errors(f["enfoque_genero"], "si", [""]), ["not a boolean"], "Sí/No")
    bad = dict(pkg, name="PMM 2024")
    try:
        jsonschema.validate(bad, PACKAGE)
    except jsonschema.ValidationError:
        return
    raise AssertionError("a package named «PMM 2024» passed")


def libreoffice(src, to, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/install-deps.sh")
    profile = tempfile.mkdtemp(prefix="pmm-lo-")
    try:
        subprocess.run([exe, "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", to,
                        "--outdir", outdir, src], capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return open(os.path.join(outdir, "plantilla." + to), "rb").read()


def upload_of_xls_or_ods_is_refused_with_advice():
    inm = Client(srv)
    inm.login("enlace.inm")
    s.pmm("template", "--edition", "2026", "--institution", "INM", "-o", "plantilla.xlsx", check=0)
    before = s.query("SELECT count(*) FROM action")
    for ext, what in (("xls", "Excel 97-2003 (.xls)"), ("ods", "OpenDocument (.ods)")):
        data = libreoffice(s.path("plantilla.xlsx"), ext, s.dir)
        inm.get("/plantilla/subir")
        r = webtest.multipart(inm, "/plantilla/subir", "plantilla." + ext, data, fields=[("edicion", "2026")])
        eq(r.status, 422, "refused: " + r.body[:300])
        contains(r.body, what)
        contains(r.body, "«Libro de Excel (.xlsx)»")
    eq(s.query("SELECT count(*) FROM action"), before, "nothing written")


check("/descargas: links to the XLSX, the data package, the license and the dictionary",
      downloads_page_links_and_license)
check("CSV downloads: UTF-8 with BOM, the edition in a column", csv_has_bom_and_edition)
check("the license in the JSON, the package and licencia.txt; CC BY 4.0 when none is set", license_in_every_file)
check("acciones.xlsx beside CSV and JSON: the same validated actions, imported back", xlsx_beside_csv_and_json)
check("the catalogs as CSV and JSON, at /descargas/catalogos and beside each edition", catalogs_as_csv_and_json)
check("every code in the data is decoded by a catalog", every_code_in_the_data_decodes)
check("/descargas/diccionario: every column, its type, limit and catalog", dictionary_page_lists_every_column)
check("datapackage.json validates as a Tabular Data Package, every CSV against its schema", data_package_validates)
check("the package checker catches a broken package", a_package_that_breaks_its_schema_is_caught)
check("the web upload refuses an .xls or .ods with the advice to save as .xlsx",
      upload_of_xls_or_ods_is_refused_with_advice)
srv.stop()
done()
