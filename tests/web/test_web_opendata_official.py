"""Issue 14 (hostile tester round 1, helper F14A), against a real server:
 2. every edition's datapackage.json is valid against the OFFICIAL
    Frictionless profiles (tests/data/frictionless/, copied unchanged from
    the Frictionless libraries, README there): the catalogs' empty
    "foreignKeys": [] broke the Table Schema profile (minItems 1), and the
    CSVs, which start with a byte order mark, were declared "utf-8", so a
    Frictionless reader took «\\ufeffedicion» for the first header; now
    "utf-8-sig". Each CSV is read here as the package declares it (Python's
    codec of that name, as frictionless-py does) and its header must be its
    schema's field names.
 6. buenas-practicas.csv (web and `pmm export --good-practices --format
    csv`) starts with the BOM, as every other CSV pmm writes.
11. the data dictionary said «texto, único en la edición» of `edicion` (the
    same in every row), `retos.folio` and `continua_folio` (they repeat), and
    «100000 caracteres» without the thousands space of the number formatter.
21. the downloads were named pmm-2024-acciones.csv while the package's path
    is acciones.csv: a file the package lists is now downloaded under its
    path, so the files saved in one folder are the package.
15. acciones.xlsx was the capture form filled («Plantilla de captura…»,
    «envíelo a la unidad coordinadora»), with no license: now its first
    sheet and its document properties say what the data is, its edition,
    license and source; `pmm template` keeps the form's instructions."""
import webtest
import zipfile
import codecs
import re
import csv
import http.client
import io
import json
import os
import jsonschema
from webtest import Scratch, Server, check, done, eq

PROFILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "frictionless")


def profile(name):
    with open(os.path.join(PROFILES, name), encoding="utf-8") as f:
        return json.load(f)


s = Scratch()
s.pmm("demo", check=0)
srv = Server(s)
EDITIONS = ("2024", "2023-ejemplo")       # the demo's published editions


def fetch(path):
    return webtest.fetch_raw(srv, path)


def package(edition):
    status, _, raw = fetch("/descargas/%s/datapackage.json" % edition)
    eq(status, 200, "datapackage.json of " + edition)
    return json.loads(raw)


def errors_of(validator, doc):
    return ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in validator.iter_errors(doc)]


def valid_against_official_profiles():
    tdp = jsonschema.Draft4Validator(profile("tabular-data-package.json"))
    dp = jsonschema.Draft4Validator(profile("data-package.json"))
    ts = jsonschema.Draft4Validator(profile("table-schema.json"))
    for ed in EDITIONS:
        pkg = package(ed)
        eq(errors_of(tdp, pkg), [], ed + ": Tabular Data Package profile")
        eq(errors_of(dp, pkg), [], ed + ": Data Package profile")
        for res in pkg["resources"]:
            eq(errors_of(ts, res["schema"]), [], "%s: Table Schema profile of %s" % (ed, res["name"]))


def headers_read_as_declared():
    for ed in EDITIONS:
        for res in package(ed)["resources"]:
            status, _, raw = fetch("/descargas/%s/%s" % (ed, res["path"]))
            eq(status, 200, res["path"])
            codecs.lookup(res["encoding"])          # a name Python (frictionless-py) knows
            header = next(csv.reader(io.StringIO(raw.decode(res["encoding"]), newline="")))
            eq(header, [f["name"] for f in res["schema"]["fields"]], "%s/%s header" % (ed, res["path"]))


def practices_csv_has_bom():
    status, _, raw = fetch("/descargas/2024/buenas-practicas.csv")
    eq((status, raw[:3]), (200, b"\xef\xbb\xbf"), "buenas-practicas.csv (web) starts with the BOM")
    r = s.pmm("export", "--good-practices", "--edition", "2024", "--format", "csv", "-o", "cli.csv", check=0)
    with open(s.path("cli.csv"), "rb") as f:
        cli = f.read()
    eq(cli[:3], b"\xef\xbb\xbf", "pmm export --good-practices --format csv starts with the BOM\n" + r.stderr)
    eq(cli, raw, "the CLI's file and the web download are the same bytes")


def dictionary_row(body, table, col):
    section = body.split('<h2 id="%s">' % table, 1)[1].split("</table>", 1)[0]
    return re.search(r'<th scope="row"><code>%s</code></th>.*?</tr>' % col, section, re.S).group(0)


def dictionary_true():
    status, _, raw = fetch("/descargas/diccionario")
    body = raw.decode()
    eq(status, 200, "/descargas/diccionario")
    for table, col in (("acciones", "edicion"), ("retos", "edicion"), ("retos", "folio"),
                       ("acciones", "continua_folio")):
        if "único" in dictionary_row(body, table, col):
            raise AssertionError("%s.%s is said to be unique: %s" % (table, col, dictionary_row(body, table, col)))
    if "el mismo en todas las filas" not in dictionary_row(body, "acciones", "edicion"):
        raise AssertionError("edicion is not said to be constant in the file")
    if "único en la edición" not in dictionary_row(body, "acciones", "folio"):
        raise AssertionError("acciones.folio is not said to be unique")
    if "100000" in body or "100\u00a0000 caracteres" not in body:
        raise AssertionError("the 100 000 characters limit is not written by the number formatter")


def download_names_are_package_paths():
    pkg = package("2024")
    for path in [res["path"] for res in pkg["resources"]] + ["datapackage.json"]:
        status, h, _ = fetch("/descargas/2024/" + path)
        eq((status, re.search(r'filename="([^"]*)"', h.get("content-disposition", "")).group(1)),
           (200, path), "download name of " + path)
    status, h, _ = fetch("/descargas/2024/informe.pdf")
    eq('filename="pmm-2024-informe.pdf"' in h["content-disposition"], True, "a file outside the package")


def xlsx_texts(raw):
    z = zipfile.ZipFile(io.BytesIO(raw))
    return z.read("xl/sharedStrings.xml").decode(), z.read("docProps/core.xml").decode(), \
        z.read("docProps/custom.xml").decode() if "docProps/custom.xml" in z.namelist() else ""


def xlsx_is_a_data_workbook():
    status, _, raw = fetch("/descargas/2024/acciones.xlsx")
    eq(status, 200, "acciones.xlsx")
    strings, core, custom = xlsx_texts(raw)
    for gone in ("Plantilla de captura", "envíelo a la unidad coordinadora"):
        eq(gone in strings or gone in core, False, "acciones.xlsx says «%s»" % gone)
    for said in ("Acciones del Pacto Mundial para la Migración, edición 2024", "Licencia de los datos: CC BY 4.0",
                 "Fuente: "):
        eq(said in strings, True, "acciones.xlsx's notes say «%s»" % said)
    eq(("CC BY 4.0" in core, "CC BY 4.0" in custom), (True, True), "the license in docProps")
    s.pmm("template", "--edition", "2024", "-o", "form.xlsx", check=0)
    with open(s.path("form.xlsx"), "rb") as f:
        eq("Plantilla de captura" in xlsx_texts(f.read())[0], True, "the template keeps its instructions")


check("fault 2a: datapackage.json valid against the official Frictionless profiles", valid_against_official_profiles)
check("fault 2b: each CSV's header, read in the declared encoding, is its schema's fields", headers_read_as_declared)
check("fault 6: buenas-practicas.csv starts with the BOM, on the web and from the CLI", practices_csv_has_bom)
check("fault 11: the dictionary says which columns are unique, which constant; 100 000 caracteres",
      dictionary_true)
check("fault 21: a file of the package is downloaded under its path in the package", download_names_are_package_paths)
check("fault 15: acciones.xlsx is a data workbook: title, license, source; no capture instructions",
      xlsx_is_a_data_workbook)
srv.stop()
done()
