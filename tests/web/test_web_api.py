"""Issue 10 through HTTP: the API takes every field of the interchange
format through the one validator, refuses unknown fields, and updates (with
a version) and submits (fault 8); the form and the API refuse invalid UTF-8
and oversized text with the import's limits and messages (fault 9)."""
import json
import re
import subprocess
import urllib.parse
from webtest import PMM, Client, check, contains, demo_server, done, eq

s, srv = demo_server()
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


COORD = dict(H, Authorization="Bearer " + token("coordinador"))
INM = dict(H, Authorization="Bearer " + token("enlace.inm"))
c = Client(srv)
TYPE = "Generación de información y/o materiales informativos"
FULL = {"folio": "API-1", "institucion": "INM", "objetivos": [15, 4, 7], "nombre": "Por la API",
        "descripcion": "Descripción", "tipo_accion": [TYPE], "poblacion": ["extranjeros"],
        "enfoque_genero": True, "discapacidad": False, "beneficiarios": 120, "resultados": "Resultados",
        "retos": [{"reto": "Falta personal", "categoria": None}, {"reto": "Otro reto", "categoria": None}]}
state = {}


def post(path, body, h=COORD):
    r = c.request("POST", path, json.dumps(body) if not isinstance(body, bytes) else body, h)
    return r, (json.loads(r.body) if r.body.strip().startswith("{") else None)


def put(aid, body, h=COORD):
    r = c.request("PUT", "/api/v1/actions/%d" % aid, json.dumps(body), h)
    return r, json.loads(r.body)


def every_field_is_kept():
    r, d = post("/api/v1/editions/2025/actions", FULL)
    eq(r.status, 201, r.body)
    state["id"], state["version"] = d["id"], d["version"]
    got = json.loads(c.get("/api/v1/actions/%d" % d["id"], headers=COORD).body)
    eq((got["objectives"], got["action_types"], got["population"], got["gender_focus"], got["disability"],
        got["beneficiaries"], [x["text"] for x in got["challenges"]]),
       ([15, 4, 7], [TYPE], ["extranjeros"], True, False, 120, ["Falta personal", "Otro reto"]), "stored")


def unknown_and_bad_fields_refused():
    r, d = post("/api/v1/editions/2025/actions", dict(FULL, folio="API-2", color="rojo"))
    eq(r.status, 422, r.body)
    eq(d["errors"][0]["field"], "color", "the field named")
    r, d = post("/api/v1/editions/2025/actions", dict(FULL, folio="API-3", nombre="   "))
    eq(r.status, 422, "a name of spaces: " + r.body)
    eq(d["errors"][0]["field"], "nombre", "field")
    r, d = post("/api/v1/editions/2025/actions", dict(FULL, folio="API-4", tipo_accion=["No existe"]))
    eq(r.status, 422, "unknown action type: " + r.body)
    r, d = post("/api/v1/editions/2025/actions", dict(FULL, folio="API-5", objetivos=[7, 7]))
    if r.status == 500:
        raise AssertionError("[7,7] gives 500")
    eq((r.status, d.get("objectives")), (201, [7]), "a repeated objective counts once, as in the import")
    r, d = post("/api/v1/editions/2025/actions", dict(FULL, folio="API-6", objetivos=[24]))
    eq(r.status, 422, "objective 24")


def oversized_text_as_the_import():
    big = "x" * 100001
    r, d = post("/api/v1/editions/2025/actions", dict(FULL, folio="API-7", descripcion=big))
    eq(r.status, 422, "API: 100 001 bytes")
    eq(d["errors"][0]["field"], "descripcion", "field")
    contains(d["errors"][0]["message"], "100000")
    r, _ = post("/api/v1/editions/2025/actions", b'{"nombre": "\xff\xfe", "objetivos": [1]}')
    eq(r.status, 400, "API: invalid UTF-8 body")
    # the form: the same limit and message, and raw invalid bytes refused
    inm = Client(srv)
    inm.login("enlace.inm")
    base = [("edicion", "2025"), ("objetivo_principal", "3"), ("csrf", inm.csrf)]
    r = inm.post("/acciones/nueva", [("nombre", "Larga"), ("descripcion", big)] + base[:2])
    eq(r.status, 422, "form: 100 001 bytes")
    contains(r.body, d["errors"][0]["message"])
    raw = urllib.parse.urlencode(base).encode() + b"&nombre=Mal%FF%FEnombre"
    r = inm.request("POST", "/acciones/nueva", raw, {"Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 422, "form: invalid UTF-8")
    contains(r.body, "UTF-8")


def update_with_version():
    aid, v = state["id"], state["version"]
    r, d = put(aid, dict(FULL, nombre="Cambiada", version=v))
    eq(r.status, 200, r.body)
    eq((d["name"], d["version"], d["status"]), ("Cambiada", v + 1, "borrador"), "after")
    r, d = put(aid, dict(FULL, nombre="Con versión vieja", version=v))
    eq(r.status, 409, "stale: " + r.body)
    r, d = put(aid, dict(FULL, nombre="Sin versión"))
    eq(r.status, 422, "no version")
    eq(json.loads(c.get("/api/v1/actions/%d" % aid, headers=COORD).body)["name"], "Cambiada", "unchanged")
    r, d = put(aid, dict(FULL, nombre="Otra instancia", institucion="SRE", version=v + 1), INM)
    eq(r.status, 422, "an enlace writes only for its institution: " + r.body)


def put_without_folio_and_import_are_writes():
    # found by the hostile test: a PUT without "folio" renamed the action
    # (a re-import then duplicated it), and an import's replacement did not
    # bump the version, so a form loaded before it overwrote it
    aid = state["id"]
    cur = json.loads(c.get("/api/v1/actions/%d" % aid, headers=COORD).body)
    body = dict(FULL, nombre="Sin folio en el cuerpo", version=cur["version"])
    del body["folio"]
    r, d = put(aid, body)
    eq(r.status, 200, r.body)
    eq(d["folio"], "API-1", "the folio is kept")
    v = d["version"]
    csv = s.write("reimport.csv", "folio,institucion,objetivos,nombre\nAPI-1,INM,15;4;7,Por importación\n")
    r = subprocess.run([PMM, "--db", s.db, "import", "--edition", "2025", "--status", "borrador", csv],
                       capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    contains(r.stdout, "1 reemplazada)")   # issue 12: agreement
    r, d = put(aid, dict(FULL, nombre="Formulario viejo", version=v))
    eq(r.status, 409, "a write loaded before the import is stale: " + r.body)
    eq(json.loads(c.get("/api/v1/actions/%d" % aid, headers=COORD).body)["name"], "Por importación", "kept")


def submit():
    aid = state["id"]
    # issue 11: submitting asks for a complete action; the import above
    # left only the required columns, so it is completed first
    r = c.request("POST", "/api/v1/actions/%d/submit" % aid, "", INM)
    eq(r.status, 422, "incomplete: " + r.body)
    r, d = put(aid, dict(FULL, version=json.loads(c.get("/api/v1/actions/%d" % aid, headers=INM).body)["version"]), INM)
    eq(r.status, 200, "completed: " + r.body)
    r = c.request("POST", "/api/v1/actions/%d/submit" % aid, "", INM)
    eq(r.status, 200, r.body)
    eq(json.loads(r.body)["status"], "enviada", "submitted")
    r = c.request("POST", "/api/v1/actions/%d/submit" % aid, "", INM)
    eq(r.status, 403, "twice")
    r, d = put(aid, dict(FULL, version=json.loads(c.get("/api/v1/actions/%d" % aid, headers=INM).body)["version"]), INM)
    eq(r.status, 403, "an enlace edits a submitted action")


check("fault 8: POST keeps every field of the interchange format", every_field_is_kept)
check("fault 8: unknown fields, a name of spaces, unknown names refused (422)", unknown_and_bad_fields_refused)
check("fault 9: oversized text and invalid UTF-8 refused by API and form alike", oversized_text_as_the_import)
check("fault 8: PUT with the version; 409 when stale", update_with_version)
check("a PUT without folio keeps it; an import is a write that makes older versions stale",
      put_without_folio_and_import_are_writes)
check("fault 8: POST .../submit", submit)
rc, out, err = srv.stop()
check("the server stops cleanly", lambda: eq(rc, 0, "exit\n" + err))
s.close()
done()
