"""Issue 10, the hostile tester's second round, through HTTP against a
real server (helper REC3; docs/reliability.md). Each check fails on the
code before its fix:
 b. the upload saved a workbook whose column «Resultado» (for
    «Resultados») or sheet «Retos (2)» held data, saying «Se guardó», and
    showed none of the warnings `pmm import` prints;
 e. anonymous GET /api/v1/editions showed a reopened edition's new,
    unpublished period;
 +. a challenge row of the form with a category but no text was dropped
    in silence."""
import datetime
import json
import sqlite3
import uuid
from webtest import ACTION_HEADER, Client, Server, Scratch, check, contains, done, eq, multipart
import xlsxmini  # noqa: E402 - on the path webtest sets

ED = "2026"                     # the open edition an enlace uploads into

s = Scratch()
s.pmm("demo", check=0)
DEADLINE = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
s.pmm("edition", "new", ED, "--period", "2026-01:2026-12", "--deadline", DEADLINE, check=0)
srv = Server(s)
inm = Client(srv)
inm.login("enlace.inm")


def db(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def count(folio):
    return db("SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id "
              "WHERE e.name = ? AND a.folio = ?", ED, folio)[0][0]


def upload(sheets):
    p = s.path("up-%s.xlsx" % uuid.uuid4().hex)
    xlsxmini.write(p, sheets)
    with open(p, "rb") as f:
        data = f.read()
    inm.get("/plantilla/subir")
    return multipart(inm, "/plantilla/subir", "plantilla.xlsx", data, fields=[("edicion", ED)])


def row(folio):
    return [folio, "INM", "7", "Acción " + folio, "", "", "", "", "", "", ""]


def unknown_column_or_sheet_refused():
    r = upload([("Acciones", [ACTION_HEADER.split(",") + ["Resultado"], row("B1") + ["Se atendió a 40"]])])
    eq(r.status, 422, "an unknown column with data\n" + r.body[:2000])
    contains(r.body, "«resultados»", "the known name it resembles")
    eq(count("B1"), 0, "nothing saved")
    r = upload([("Acciones", [ACTION_HEADER.split(","), row("B2")]),
                ("Retos (2)", [["folio", "reto", "categoria"], ["B2", "un reto", ""]])])
    eq(r.status, 422, "an unread sheet with data\n" + r.body[:2000])
    contains(r.body, "Retos (2)", "the sheet named")
    eq(count("B2"), 0, "nothing saved")


def upload_shows_warnings():
    r = upload([("Acciones", [ACTION_HEADER.split(",") + ["Notas"], row("B3")]),
                ("Notas", [])])   # REC4: a sheet with any value is refused
    eq(r.status, 200, "saved\n" + r.body[:2000])
    contains(r.body, 'id="upload-warnings"', "the warnings")
    contains(r.body, "se ignora la columna desconocida «Notas»", "the column's warning")
    contains(r.body, "no se lee la hoja «Notas»", "the sheet's warning")
    eq(count("B3"), 1, "saved")


def api_editions_public_period():
    anon = Client(srv)

    def listed(client):
        r = client.get("/api/v1/editions")
        eq(r.status, 200, "the list")
        return {e["name"]: e for e in json.loads(r.body)["editions"]}

    before = listed(anon)["2024"]
    s.pmm("edition", "reopen", "2024", check=0)
    s.pmm("edition", "set", "2024", "--period", "2023-07:2024-06", check=0)
    after = listed(anon)["2024"]
    eq((after["period_start"], after["period_end"], after["state"]),
       (before["period_start"], before["period_end"], before["state"]), "what the public sees")
    coord = Client(srv)
    coord.login("coordinador")
    live = listed(coord)["2024"]
    eq((live["period_start"], live["state"]), ("2023-07", "abierta"), "what the staff see")


def challenge_category_without_text_refused():
    f = [("edicion", ED), ("folio", "CAT1"), ("nombre", "Con categoría sin reto"), ("descripcion", ""),
         ("resultados", ""), ("enfoque_genero", ""), ("discapacidad", ""), ("beneficiarios", ""),
         ("reto_texto", "Un reto escrito"), ("reto_categoria", ""),
         ("reto_texto", "  "), ("reto_categoria", "2"),
         ("reto_texto", ""), ("reto_categoria", ""), ("objetivo_principal", "7")]
    inm.get("/acciones/nueva")
    r = inm.post("/acciones/nueva", f)
    eq(r.status, 422, "refused\n" + r.body[:2000])
    contains(r.body, 'id="err-retos"', "the challenges' field message")
    contains(r.body, "Un reto escrito", "what was typed is kept")
    eq(count("CAT1"), 0, "nothing saved")
    r = inm.post("/acciones/nueva", f[:10] + f[12:])
    eq(r.status, 303, "without that row\n" + r.body[:2000])


check("b: the upload refuses an unknown column or sheet holding data", unknown_column_or_sheet_refused)
check("b: the upload shows every warning of the import", upload_shows_warnings)
check("e: the API's edition list shows the public the published period", api_editions_public_period)
check("a challenge row with a category and no text is refused", challenge_category_without_text_refused)

srv.stop()
done()
