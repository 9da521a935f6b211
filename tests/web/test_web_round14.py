"""Issue 14, the verification round's web, API and data faults (helper
F14B; /work/wt/notes/s8/h14v-report.md faults 3, 5, 6, 7, 8, 10, 11, 12,
13 and 15), through HTTP against a real server and through the files it
serves. Each check fails on the code before its fix."""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import urllib.parse
import zipfile
import webtest
from pmmtest import SOURCE  # noqa: E402
from webtest import PMM, Client, check, contains, demo_server, done, eq

os.environ["TZ"] = "America/Mexico_City"     # the installation's zone (fault 5)
s, srv = demo_server()
c = Client(srv)
EN = {"Accept-Language": "en-US,en;q=0.9"}
LIST = "/api/v1/editions/2024/actions"


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


def error_of(path, status=400, headers=None, method="GET"):
    r = c.request(method, path, headers=headers or {})
    eq(r.status, status, path + ": " + r.body[:500])
    return json.loads(r.body)["error"]


# ---- 3: the map's boundary credit, legible and in the reader's language ----

CREDIT_ES = "Límites: @svg-maps/mexico 2.0.0, de Victor Cazanave, simplificado, CC BY 4.0."
CREDIT_EN = "Boundaries: @svg-maps/mexico 2.0.0, by Victor Cazanave, simplified, CC BY 4.0."


def map_parts(body):
    """(the text the map's SVG draws, the text of its caption) on a dashboard."""
    m = re.search(r'(<svg[^>]*id="mapa-unidades".*?</svg>)\s*<figcaption[^>]*>(.*?)</figcaption>', body, re.S)
    if not m:
        raise AssertionError("no map with a caption on the dashboard:\n" + body[:2000])
    svg_text = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", m.group(1)))
    return svg_text, re.sub(r"<[^>]+>", "", m.group(2))


def svg_texts(path):
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", open(path, encoding="utf-8").read()))


def map_credit_legible_and_translated():
    drawn, caption = map_parts(c.get("/ediciones/2024").body)
    contains(caption, CREDIT_ES, "the credit as the page's text, legible at any width")
    eq("Límites" in drawn, False, "not drawn at 10 units of a 640-wide drawing (5 px on a phone)")
    en = webtest.Server(s, lang="en")
    try:
        drawn, caption = map_parts(Client(en).get("/ediciones/2024").body)
        contains(caption, CREDIT_EN, "the English page's credit")
        eq("simplificado" in caption, False, "no Spanish in the English credit")
    finally:
        en.stop()
    # the SVG of `pmm chart` keeps it (a file alone must credit its source), in its language
    s.pmm("chart", "mapa", "--edition", "2024", "--lang", "en", "-o", "en.svg", check=0)
    contains(svg_texts(s.path("en.svg")), "by Victor Cazanave, simplified", "pmm chart --lang en")
    s.pmm("chart", "mapa", "--edition", "2024", "-o", "es.svg", check=0)
    contains(svg_texts(s.path("es.svg")), "de Victor Cazanave, simplificado", "pmm chart in Spanish")
    # a pack.json whose «fuente» is one text: both languages say it
    t = webtest.Scratch()
    try:
        d = t.path("pack")
        shutil.copytree(os.path.join(SOURCE, "data", "packs", "mx"), d)
        pack = json.load(open(os.path.join(d, "pack.json"), encoding="utf-8"))
        pack["limites"]["fuente"] = "Un solo texto"
        json.dump(pack, open(os.path.join(d, "pack.json"), "w", encoding="utf-8"), ensure_ascii=False)
        t.pmm("init", "--pack", d, check=0)
        eq(t.query("SELECT value FROM pack WHERE key = 'limites.fuente.en'"), [("Un solo texto",)])
        pack["limites"]["fuente"] = {"es": "Fuente", "fr": "Source"}
        json.dump(pack, open(os.path.join(d, "pack.json"), "w", encoding="utf-8"), ensure_ascii=False)
        r = subprocess.run([PMM, "--db", t.path("b.db"), "init", "--pack", d], capture_output=True, text=True)
        eq(r.returncode, 1, "a language pmm does not speak is refused: " + r.stderr)
        contains(r.stderr, "limites.fuente.fr")
    finally:
        t.close()
    # a database whose pack an older pmm recorded («limites.fuente», one text): said in both languages
    t = webtest.Scratch()
    try:
        t.pmm("demo", check=0)
        import sqlite3
        con = sqlite3.connect(t.db)
        con.execute("DELETE FROM pack WHERE key LIKE 'limites.fuente.%'")
        con.execute("INSERT INTO pack(key, value) VALUES ('limites.fuente', 'Texto antiguo')")
        con.commit()
        con.close()
        t.pmm("chart", "mapa", "--edition", "2024", "--lang", "en", "-o", "old.svg", check=0)
        contains(svg_texts(t.path("old.svg")), "Boundaries: Texto antiguo, CC BY 4.0.")
    finally:
        t.close()


# ---- 5: /admin's publication times, local ----

def admin_times_local():
    a = Client(srv)
    a.login("admin")
    r = a.get("/admin")
    eq(r.status, 200)
    table = re.search(r'<table class="list" id="revisiones-2024">.*?</table>', r.body, re.S)
    if not table:
        raise AssertionError("no revisions of 2024 on /admin:\n" + r.body[:3000])
    shown = re.sub(r'datetime="[^"]*"', "", r.body)
    eq(re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d", shown), [], "no raw UTC moment as text")
    m = re.search(r'<time datetime="([^"]+)">([^<]+)</time>', table.group(0))
    if not m:
        raise AssertionError("no <time> in the revisions:\n" + table.group(0))
    contains(m.group(2), " de ", "a date in the locale")
    # the installation's time zone: the test server runs under TZ=America/Mexico_City (UTC-6)
    utc = m.group(1)
    hour = (int(utc[11:13]) - 6) % 24
    contains(m.group(2), "%02d:%s" % (hour, utc[14:16]), "the local hour of " + utc)


# ---- 6: one vocabulary table for campos= ----

def doc_campos_table():
    """The (interchange, English) pairs of docs/api.md's campos table."""
    doc = open(os.path.join(SOURCE, "docs", "api.md"), encoding="utf-8").read()
    part = doc[doc.index("| interchange | English |"):]
    part = part[:part.index("\n\n")]
    return re.findall(r"^\| `([a-z_]+)` \| `([a-z_]+)` \|$", part, re.M)


def campos_both_vocabularies():
    summary = json.loads(c.get(LIST + "?por_pagina=3").body)["actions"]
    for key in ["name", "institution", "status", "objectives"]:
        r = c.get(LIST + "?por_pagina=3&campos=folio," + key)
        eq(r.status, 200, key + ": " + r.body[:300])
        items = json.loads(r.body)["actions"]
        eq(sorted(items[0]), sorted(["id", "url", "folio", key]), key + ": the key as asked")
        if key in ("name", "status", "objectives"):
            eq([i[key] for i in items], [i[key] for i in summary], key + ": the summary's values")
    eq([i["institution"] for i in json.loads(c.get(LIST + "?por_pagina=3&campos=institution").body)["actions"]],
       [i["institution"] for i in summary], "institution: the acronym")
    aid = summary[0]["id"]
    detail = json.loads(c.get("/api/v1/actions/%d" % aid).body)
    item = json.loads(c.get(LIST + "?por_pagina=1&campos=description,gender_focus,beneficiaries").body)["actions"][0]
    for key in ("description", "gender_focus", "beneficiaries"):
        eq(item[key], detail[key], key + ": as the action's own answer")
    # the documented table is what the server takes, in both vocabularies
    pairs = doc_campos_table()
    eq(len(pairs), 16, "every key of the interchange format, estado and retos")
    msg = error_of(LIST + "?campos=nosuch")
    for es, en in pairs:
        contains(msg, es, "the server knows " + es)
        contains(msg, en, "the server knows " + en)
        a = json.loads(c.get(LIST + "?por_pagina=2&campos=" + es).body)["actions"]
        b = json.loads(c.get(LIST + "?por_pagina=2&campos=" + en).body)["actions"]
        eq([x.get(en) for x in b], [x.get(es) for x in a], es + " and " + en + " are the same field")
    listed = re.search(r"se conocen: todos, (.*?); o por", msg).group(1).split(", ")
    eq(listed, [es for es, _ in pairs], "the doc lists every key the server takes, in its order")
    r = c.get(LIST + "?campos=nosuch", headers=EN)
    contains(json.loads(r.body)["error"], "or by their English names")


# ---- 7 and 11: the catalogs' names and columns, as docs/open-data.md says ----

def doc_table(header):
    """The rows (lists of cells, backquotes kept) of the table under HEADER in docs/open-data.md."""
    doc = open(os.path.join(SOURCE, "docs", "open-data.md"), encoding="utf-8").read()
    part = doc[doc.index(header):]
    part = part[:part.index("\n\n")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in part.splitlines()[2:]]


def codes(cell):
    return re.findall(r"`([^`]+)`", cell)


def catalog_names_everywhere():
    rows = [[codes(cell)[0] for cell in row] for row in doc_table("| download (`/descargas/catalogos/F.csv`) |")]
    eq(len(rows), 8, "eight catalogs")
    for file, api, cli in rows:
        body = c.get("/descargas/catalogos/%s.csv" % file).body
        cli_out = subprocess.run([PMM, "--db", s.db, "catalog", cli], capture_output=True, text=True)
        eq(cli_out.returncode, 0, cli + cli_out.stderr)
        api_doc = json.loads(c.get("/api/v1/catalogos/" + api).body)
        for name in (file, api, cli):
            r = c.get("/api/v1/catalogos/" + name)
            eq(r.status, 200, "API " + name + ": " + r.body[:200])
            eq(json.loads(r.body), api_doc, "API " + name + " is " + api)
            r = c.get("/descargas/catalogos/%s.csv" % name)
            eq(r.status, 200, "download " + name)
            eq(r.body, body, "download " + name + " is " + file)
            contains(r.header("Content-Disposition"), 'filename="%s.csv"' % file, "under its own name")
            eq(c.get("/descargas/catalogos/%s.json" % name).status, 200, "JSON " + name)
            out = subprocess.run([PMM, "--db", s.db, "catalog", name], capture_output=True, text=True)
            eq((out.returncode, out.stdout), (0, cli_out.stdout), "pmm catalog " + name)
        eq(api_doc["catalog"], api, "the API answers with its own name")
    index = [x["name"] for x in json.loads(c.get("/api/v1/catalogos").body)["catalogs"]]
    eq(sorted(index), sorted(r[1] for r in rows), "the table's API names are the index's")
    eq(c.get("/api/v1/catalogos/nosuch").status, 404)
    eq(c.get("/descargas/catalogos/nosuch.csv").status, 404)


def open_data_doc_matches():
    pkg = json.loads(c.get("/descargas/2024/datapackage.json").body)
    columns = {res["path"]: [f["name"] for f in res["schema"]["fields"]] for res in pkg["resources"]}
    catalog_paths = [p for p in columns if p not in ("acciones.csv", "retos.csv")]
    files = {f: what for f, what in doc_table("| file | what |")}
    row = [f for f in files if "the catalogs (below)" in files[f]]
    eq(len(row), 1, "one row of catalog files")
    eq([x for x in codes(row[0]) if x.endswith(".csv")], catalog_paths, "the doc's catalog files are the package's")
    contains(" ".join(files), "`acciones.csv`, `retos.csv`")
    for path in catalog_paths:
        eq(c.get("/descargas/2024/" + path).status, 200, path + " beside the edition")
    table = doc_table("| file | first column (what the data writes) |")
    eq([r[0].strip("`") + ".csv" for r in table], catalog_paths, "the catalog table, in the package's order")
    for file, first, others, _ in table:
        path = file.strip("`") + ".csv"
        doc_cols = codes(first)[:1] + codes(re.sub(r"\([^)]*\)", "", others))   # «(→ `entidades`)» is no column
        eq(doc_cols, columns[path], path + ": the doc's columns")
        header = c.get("/descargas/catalogos/" + path).body.lstrip("\ufeff").splitlines()[0]
        eq(header.split(","), columns[path], path + ": the file's header")
    doc = open(os.path.join(SOURCE, "docs", "open-data.md"), encoding="utf-8").read()
    eq("will be a catalog" in doc, False, "no promise of what exists")


# ---- 8: /acciones does not put a link's words on the page ----

def unknown_names_not_echoed():
    spoof = "Visite www.falso.example para actualizar sus datos"
    r = c.get("/acciones?edicion=2024&" + urllib.parse.quote(spoof) + "=1")
    eq(r.status, 200, r.body[:300])
    eq("falso" in r.body, False, "the name is not on the page")
    contains(r.body, 'id="ignorados"', "the page still says it ignored something")
    contains(r.body, "Se ignoró un parámetro desconocido", "counted, not echoed")
    r = c.get("/acciones?edicion=2024&Mal%20Nombre=1&OTRO=2&tipo_instancia=OSC")
    contains(r.body, "Se ignoraron 2 parámetros desconocidos", "two that cannot be shown")
    contains(r.body, "«tipo_instancia»", "a plain misspelt filter is still named")
    long_name = "a" * 31
    r = c.get("/acciones?edicion=2024&" + long_name + "=1")
    eq(long_name in r.body, False, "31 letters are not shown")
    for tracker in ["utm_campaign=x", "fbclid=y", "gclid=z", "utm_source=a&utm_medium=b"]:
        r = c.get("/acciones?edicion=2024&" + tracker)
        eq('id="ignorados"' in r.body, False, tracker + ": nothing said for a tracker")


# ---- 10: the downloads of one edition at /descargas/E ----

def edition_downloads_page():
    for path in ["/descargas/2024", "/descargas/2024/"]:
        r = c.get(path)
        eq(r.status, 200, path + ": " + r.body[:300])
        contains(r.body, 'href="/descargas/2024/acciones.csv"', path)
        contains(r.body, 'href="/descargas/2024/datapackage.json"', path)
        eq('href="/descargas/2025/acciones.csv"' in r.body, False, path + ": only that edition")
    eq(c.get("/descargas/1999").status, 404, "no such edition")
    eq(c.get("/descargas/1999/").status, 404, "no such edition, with the slash")
    r = c.get("/descargas/catalogos")
    eq(r.status, 303, "the catalogs' folder leads to their list")
    contains(r.header("Location"), "/descargas/diccionario#catalogos")
    r = c.get("/descargas/diccionario/")
    eq((r.status, r.header("Location")), (303, "/descargas/diccionario"), "the dictionary with a slash")
    contains(c.get("/descargas").body, 'id="edicion-2024"', "the whole page has an anchor per edition")
    eq(c.get("/descargas/2024/acciones.csv").status, 200, "the files are where they were")


# ---- 12: the folio's text, at its one home ----

def folio_text_true_everywhere():
    pkg = json.loads(c.get("/descargas/2024/datapackage.json").body)
    fields = {(res["name"], f["name"]): f.get("description", "") for res in pkg["resources"]
              for f in res["schema"]["fields"]}
    folio = fields[("acciones", "folio")]
    contains(folio, "única de la acción en la edición")
    eq("en su institución" in folio, False, folio)
    for (res, name), text in fields.items():
        eq("hoja" in text, False, "%s.%s names a sheet: %s" % (res, name, text))
        # nor a control only the workbook has (a CSV has no drop-down list)
        eq("desplegable" in text or "Elija uno de la lista" in text, False,
           "%s.%s names a workbook list: %s" % (res, name, text))
    page = c.get("/descargas/diccionario").body
    contains(page, "Clave única de la acción en la edición")
    eq("hoja «" in page, False, "the dictionary names no sheet")
    # the rule it states is the one pmm enforces
    s.write("a.csv", webtest.ACTION_HEADER + "\nX-1,INM,3,Uno,,,,,,,\n")
    s.write("b.csv", webtest.ACTION_HEADER + "\nX-1,SRE,3,Dos,,,,,,,\n")
    eq(s.pmm("import", "--edition", "2025", "a.csv").returncode, 0)
    r = s.pmm("import", "--edition", "2025", "b.csv")
    eq(r.returncode, 1, "a folio of another institution in the edition: " + r.stderr)
    contains(r.stderr, "ya es de otra acción de esta edición")


# ---- 13: the files' period and application ----

def xlsx_texts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def files_period_and_application():
    desc = json.loads(c.get("/descargas/2024/datapackage.json").body)["description"]
    contains(desc, "(junio de 2023 a junio de 2024)", "the package's description")
    eq("2023-06" in desc, False, desc)
    status, _, data = webtest.fetch_raw(srv, "/descargas/2024/acciones.xlsx")
    eq(status, 200)
    xml = xlsx_texts(data)
    contains(xml["docProps/app.xml"], "<Application>pmm</Application>", "the application that wrote it")
    eq("Microsoft" in xml["docProps/app.xml"], False)
    text = "".join(xml.values())
    contains(text, "Edición 2024 (junio de 2023 a junio de 2024).", "the notes sheet")
    eq("periodo 2023-06" in text, False)
    with open(s.path("down.xlsx"), "wb") as f:
        f.write(data)
    for args, lang, want in [(["export", "--edition", "2024", "--format", "xlsx", "-o", "en.xlsx"], "en",
                              "Edition 2024 (June 2023 to June 2024)."),
                             (["template", "--edition", "2025", "-o", "t.xlsx"], "es", None)]:
        s.pmm(*args, lang=lang, check=0)
        xml = xlsx_texts(open(s.path(args[-1]), "rb").read())
        contains(xml["docProps/app.xml"], "<Application>pmm</Application>", args[0])
        if want:
            contains("".join(xml.values()), want, args[0] + " in English")
    # an edition without a period yet says none, not «de  a »
    s.pmm("edition", "add", "2097", check=0)
    s.pmm("export", "--edition", "2097", "--format", "xlsx", "-o", "none.xlsx", check=0)
    text = "".join(xlsx_texts(open(s.path("none.xlsx"), "rb").read()).values())
    contains(text, "Edición 2097.<", "no period")
    # the rewritten workbook still imports back
    s.pmm("edition", "add", "2099", "--period", "2098-01:2098-12", check=0)
    r = s.pmm("import", "--edition", "2099", "down.xlsx")
    eq(r.returncode, 0, r.stderr)


# ---- 15: the API's words for an empty name and for a POST ----

def api_parameter_messages():
    m = error_of(LIST + "?=x")
    eq("«»" in m, False, m)
    contains(m, "sin nombre", "an empty name is said so")
    m = error_of("/api/v1/editions?=x")
    contains(m, "sin nombre")
    bearer = {"Authorization": "Bearer " + token("coordinador"), "Content-Type": "application/json"}
    r = c.request("POST", "/api/v1/editions/2025/actions?x=1", body="{}", headers=bearer)
    eq(r.status, 400, r.body[:300])
    m = json.loads(r.body)["error"]
    contains(m, "«x»")
    contains(m, "POST", "says which request takes none")
    contains(m, "cuerpo", "and where its data go")
    r = c.request("POST", "/api/v1/editions/2025/actions?x=1", body="{}", headers=dict(bearer, **EN))
    contains(json.loads(r.body)["error"], "body", "in English too")


check("3: the map's credit is the page's text under the figure, in the page's language; pack.json fuente {es, en} or one text",
      map_credit_legible_and_translated)
check("5: /admin shows the revisions' moments in the locale and the time zone", admin_times_local)
check("6: campos= takes the summary's English names too; docs/api.md lists every key", campos_both_vocabularies)
check("7: each surface takes a catalog's download, API and CLI names", catalog_names_everywhere)
check("8: /acciones does not echo a name that is not a plain word; trackers get no notice", unknown_names_not_echoed)
check("10: /descargas/2024 and /descargas/2024/ serve that edition's downloads", edition_downloads_page)
check("11: docs/open-data.md's file and catalog tables are the package's files and columns", open_data_doc_matches)
check("12: folio is unique in the edition; the CSV package names no workbook sheet", folio_text_true_everywhere)
check("13: the package and the workbook write the period in the locale; the workbook names pmm", files_period_and_application)
check("15: «?=x» names an empty parameter; a POST says its data go in the body", api_parameter_messages)

srv.stop()
done()
