"""Issue 13 through HTTP, «what the UN asks for»: the guiding principles in
the action form, the action page, the API and the dashboard (every figure a
link to its actions, recounted from the database), the public list of the
principles and its edition by the administrator; the IMRF roundtables on
the dashboard."""
import json
import re
import sqlite3
import subprocess
import urllib.parse
import webtest  # noqa: E402
from webtest import ACTION_HEADER, PMM, Client, Server, Scratch, check, contains, done, eq, form_of, set_field, total

s = Scratch()
s.pmm("demo", check=0)
# 2025 (open in the demo): five complete actions of INM, validated
ROW = ('W-{0},INM,7;15,Acción W-{0},Descripción,Apoyo en trámites,extranjeros,Sí,No,10,Resultados')
s.pmm("import", "--edition", "2025", s.write("w.csv", ACTION_HEADER + "\n" +
      "\n".join(ROW.format(i) for i in range(5)) + "\n"), check=0)
srv = Server(s)
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


COORD = dict(H, Authorization="Bearer " + token("coordinador"))
coord, admin, public = Client(srv), Client(srv), Client(srv)
coord.login("coordinador")
admin.login("admin")


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


def principles_of(aid):
    return [p for (p,) in q("SELECT principle FROM action_principle WHERE action_id = ? ORDER BY 1", aid)]


def an_action(edition="2025"):
    return q("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = ?"
             " AND e.snapshot_of IS NULL ORDER BY a.id LIMIT 1", edition)[0][0]


AID = an_action()
state = {}


def form_saves_principles():
    fields, body = form_of(coord, AID)
    eq(len(re.findall(r'name="principios"', body)), 10, "ten checkboxes")
    contains(body, "Derechos humanos")
    fields = [(k, v) for k, v in fields if k != "principios"] + [("principios", "6"), ("principios", "10")]
    r = coord.post("/acciones/%d/editar" % AID, fields)
    eq(r.status, 303, "saved\n" + r.body[:1500])
    eq(principles_of(AID), [6, 10], "stored")
    page = coord.get("/acciones/%d" % AID).body
    contains(page, '<a href="/principios#p6">6</a>. Derechos humanos')
    contains(page, '<a href="/principios#p10">10</a>. Enfoque pansocial')
    # the form shows them checked, and an unchanged save keeps them
    fields, body = form_of(coord, AID)
    eq(sorted(v for k, v in fields if k == "principios"), ["10", "6"], "checked on the form")
    r = coord.post("/acciones/%d/editar" % AID, fields)
    eq(r.status, 303, "saved again")
    eq(principles_of(AID), [6, 10], "kept")
    # the audit record names them
    last = q("SELECT after FROM audit_log WHERE action_id = ? AND after IS NOT NULL ORDER BY id DESC LIMIT 1", AID)
    eq(json.loads(last[0][0])["principios"], [6, 10], "audit record")


def form_refuses_unknown():
    fields, _ = form_of(coord, AID)
    fields = [(k, v) for k, v in fields if k != "principios"] + [("principios", "11")]
    r = coord.post("/acciones/%d/editar" % AID, fields)
    eq(r.status, 422, "refused: " + r.body[:500])
    contains(r.body, "el Pacto tiene 10 principios rectores")
    eq(principles_of(AID), [6, 10], "unchanged")


def api_reads_and_writes():
    got = json.loads(coord.get("/api/v1/actions/%d" % AID, headers=COORD).body)
    eq(got["guiding_principles"], [6, 10], "API read")
    body = {"folio": "GP-1", "institucion": "INM", "objetivos": [7], "nombre": "Con principios",
            "principios": [1, "perspectiva de genero", "Whole-of-society approach"]}
    r = coord.request("POST", "/api/v1/editions/2025/actions", json.dumps(body), COORD)
    eq(r.status, 201, r.body)
    d = json.loads(r.body)
    state["api"] = d["id"]
    eq(principles_of(d["id"]), [1, 7, 10], "names and numbers")
    r = coord.request("POST", "/api/v1/editions/2025/actions", json.dumps(dict(body, folio="GP-2",
                      principios=["Soberania nacionall"])), COORD)
    eq(r.status, 422, r.body)
    err = json.loads(r.body)["errors"][0]
    eq(err["field"], "principios", "the field named")
    contains(r.body, "Soberanía nacional")       # the suggestion


def dashboard_principles():
    # validated actions of the published 2024 revision, as the public sees them
    body = public.get("/ediciones/2024").body
    contains(body, "Principios rectores del Pacto")
    contains(body, "Objetivos por mesa redonda del Foro de Examen de la Migración Internacional")
    figs = json.loads(public.get("/api/v1/editions/2024/figures").body)
    # issue 13 (F13): the seed's 2024 names no principle: a sentence, not ten zeros
    eq(figs["guiding_principles"], {str(p): 0 for p in range(1, 11)}, "2024 names none")
    contains(body, '<p id="sin-principios">Ninguna acción indica principios rectores.</p>')
    eq("principio=" in body, False, "no row of zeros")
    # the synthetic 2023-ejemplo names them (tools/gen_demo_example.py): the ten rows, each a link
    ex = public.get("/ediciones/2023-ejemplo").body
    exf = json.loads(public.get("/api/v1/editions/2023-ejemplo/figures").body)
    eq(all(exf["guiding_principles"][str(p)] for p in range(1, 11)), True, "every principle named")
    eq("sin-principios" in ex, False, "no «none» sentence")
    for p in range(1, 11):
        n = exf["guiding_principles"][str(p)]
        contains(ex, '<a href="/acciones?edicion=2023-ejemplo&amp;principio=%d">%d</a>' % (p, n))
    for m in range(1, 5):
        n = figs["by_roundtable"][str(m)]["actions"]
        link = "/acciones?edicion=2024&mesa=%d" % m
        contains(body, '<a href="%s">%d</a>' % (link.replace("&", "&amp;"), n))
        eq(total(public.get(link).body), n, "the list behind roundtable %d" % m)


def dashboard_counts_the_records():
    # tag validated actions of 2025 and read the working edition's figures as staff
    ids = [i for (i,) in q("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025'"
                           " AND a.folio IN ('W-1', 'W-2', 'W-3') ORDER BY a.id")]
    for i, aid in enumerate(ids):
        fields, _ = form_of(coord, aid)
        fields = [(k, v) for k, v in fields if k != "principios"] + [("principios", "4")] + \
                 ([("principios", "9")] if i else [])
        eq(coord.post("/acciones/%d/editar" % aid, fields).status, 303, "saved %d" % aid)
    figs = json.loads(coord.get("/api/v1/editions/2025/figures").body)
    want = dict(q("SELECT ap.principle, count(*) FROM action_principle ap JOIN action a ON a.id = ap.action_id"
                  " JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025' AND e.snapshot_of IS NULL"
                  " AND a.status = 'validada' GROUP BY 1"))
    eq({k: v for k, v in figs["guiding_principles"].items() if v}, {str(k): v for k, v in want.items()},
       "figures = the records")
    eq((figs["guiding_principles"]["4"], figs["guiding_principles"]["9"], figs["guiding_principles"]["6"]),
       (3, 2, 1), "W-1..3 and W-0")
    body = coord.get("/ediciones/2025").body
    link = "/acciones?edicion=2025&principio=4&situacion=validada"   # staff: the validated counted (R13, fault 4)
    contains(body, '<a href="%s">%d</a>' % (link.replace("&", "&amp;"), figs["guiding_principles"]["4"]))
    eq(total(coord.get(link).body), 3, "the list behind it")
    eq(coord.get("/acciones?edicion=2025&principio=11").status, 400, "no principle 11")
    eq(coord.get("/acciones?edicion=2025&mesa=5").status, 400, "no roundtable 5")


def principles_page():
    r = public.get("/principios")
    eq(r.status, 200, "public page")
    eq(len(re.findall(r'<li id="p\d+"', r.body)), 10, "ten principles")
    contains(r.body, '<li id="p9" value="9"><strong>Enfoque pangubernamental</strong>')


def admin_edits_a_principle():
    url = "/admin/catalogos/principios"
    r = admin.get(url)
    eq(r.status, 200, "the catalog page")
    contains(r.body, "Enfoque pansocial")
    edit = re.search(r'href="(/admin/catalogos/principios/6[^"]*)"', r.body)
    assert edit, "an edit link for principle 6:\n" + r.body[:3000]
    page = admin.get(edit.group(1)).body
    from webtest import form_fields
    action = re.search(r'<form method="post" action="(/admin/catalogos/principios/6[^"]*)"', page).group(1)
    fields = form_fields(page, action)
    fields = set_field(fields, "nombre", "Derechos humanos de las personas migrantes")
    r = admin.post(action, fields)
    eq(r.status, 303, "saved: " + r.body[:2000])
    eq(q("SELECT name_es FROM principle WHERE n = 6")[0][0], "Derechos humanos de las personas migrantes", "stored")
    contains(public.get("/principios").body, "Derechos humanos de las personas migrantes")
    eq(coord.get("/admin/catalogos/principios").status, 403, "a coordinator may not")


# ---- «buena práctica» ----

GP = {"socios": "OIM; ACNUR", "resultados_clave": "1 200 personas con documentos",
      "factores_exito": "Ventanilla única móvil", "replicabilidad": "Sí, en cualquier oficina con conexión",
      "lecciones": "Coordinar antes con los consulados", "contacto": "Dirección de Atención a Migrantes"}
inm = Client(srv)
inm.login("enlace.inm")


def practice_row(aid):
    return q("SELECT partners, results, success_factors, replicability, lessons, contact FROM good_practice"
             " WHERE action_id = ?", aid)


def audits(aid, what):
    return q("SELECT before, after FROM audit_log WHERE action_id = ? AND what = ? ORDER BY id", aid, what)


def practice_roles():
    url = "/acciones/%d/buena-practica" % AID
    eq(inm.post(url, GP).status, 403, "an enlace may not")
    eq(admin.post(url, GP).status, 403, "nor an administrator")
    eq(public.post(url, GP).status in (403, 401, 303), True, "nor the public")
    eq(coord.post(url, GP, csrf=False).status, 403, "no CSRF token")
    eq(practice_row(AID), [], "nothing written")


def practice_needs_principles_and_fields():
    untagged = q("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025'"
                 " AND a.folio = 'W-4'")[0][0]
    state["untagged"] = untagged
    r = coord.post("/acciones/%d/buena-practica" % untagged, GP)
    eq(r.status, 422, r.body[:300])
    contains(r.body, "señálelos antes en la acción")
    eq(practice_row(untagged), [], "nothing written")
    r = coord.post("/acciones/%d/buena-practica" % AID, dict(GP, resultados_clave="  ", replicabilidad=""))
    eq(r.status, 422, r.body[:300])
    eq(len(re.findall(r'class="field-error" id="err-(resultados_clave|replicabilidad)"', r.body)), 2,
       "both named beside their fields")
    contains(r.body, "OIM; ACNUR")            # what was written is kept on the form
    eq(practice_row(AID), [], "nothing written")


def practice_marked():
    r = coord.post("/acciones/%d/buena-practica" % AID, GP)
    eq(r.status, 303, r.body[:1000])
    eq(practice_row(AID), [tuple(GP[k] for k in ("socios", "resultados_clave", "factores_exito", "replicabilidad",
                                                 "lecciones", "contacto"))], "stored")
    page = coord.get("/acciones/%d" % AID).body
    contains(page, 'id="buena-practica"')
    contains(page, "Ventanilla única móvil")
    contains(page, '<a href="/principios#p6">6</a>, <a href="/principios#p10">10</a>')
    a = audits(AID, "buena_practica")
    eq(len(a), 1, "one audit entry")
    eq(a[0][0], None, "nothing before")
    eq(json.loads(a[0][1])["factores_de_exito"], "Ventanilla única móvil", "after")
    # written again unchanged: no new entry; changed: one more
    eq(coord.post("/acciones/%d/buena-practica" % AID, GP).status, 303, "again")
    eq(len(audits(AID, "buena_practica")), 1, "an unchanged save logs nothing")
    eq(coord.post("/acciones/%d/buena-practica" % AID, dict(GP, contacto="Otra área")).status, 303, "changed")
    eq(len(audits(AID, "buena_practica")), 2, "a change is logged")
    eq(practice_row(AID)[0][5], "Otra área", "changed")
    got = json.loads(coord.get("/api/v1/actions/%d" % AID, headers=COORD).body)["good_practice"]
    eq((got["title"], got["success_factors"], got["guiding_principles"], got["contact"]),
       ("Acción W-0", "Ventanilla única móvil", [6, 10], "Otra área"), "the API's good_practice")
    eq(json.loads(coord.get("/api/v1/actions/%d" % state["untagged"], headers=COORD).body)["good_practice"],
       None, "null when not marked")


def practice_removed():
    other = q("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025'"
              " AND a.folio = 'W-1'")[0][0]          # validated, tagged with 4 above
    eq(coord.post("/acciones/%d/buena-practica" % other, GP).status, 303, "marked")
    r = coord.post("/acciones/%d/buena-practica" % other, {"quitar": "1"})
    eq(r.status, 303, r.body[:300])
    eq(practice_row(other), [], "removed")
    eq(len(audits(other, "quitar_buena_practica")), 1, "logged")


def practice_frozen():
    pub = q("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024'"
            " AND e.snapshot_of IS NULL LIMIT 1")[0][0]
    con = sqlite3.connect(s.db)
    con.execute("INSERT INTO action_principle(action_id, principle) VALUES (?, 6)", (pub,))
    con.commit()
    con.close()
    r = coord.post("/acciones/%d/buena-practica" % pub, GP)
    eq(r.status, 409, r.body[:300])
    eq(practice_row(pub), [], "a published edition refuses it")
    eq(coord.post("/acciones/999999/buena-practica", GP).status, 404, "no such action")


FIELDS = ["edition", "folio", "title", "implementing_entity", "implementing_entity_acronym", "country",
          "period_start", "period_end", "gcm_objectives", "guiding_principles", "description", "partners",
          "results", "beneficiaries", "success_factors", "replicability", "lessons_learned", "contact"]


def practice_public_and_exported():
    # not public while 2025 is open; published, the list, the action page and the downloads have it
    contains(public.get("/buenas-practicas").body, "Buenas prácticas")
    assert "Ventanilla única móvil" not in public.get("/buenas-practicas").body, "an open edition is internal"
    s.pmm("edition", "set", "2025", "--estado", "publicada", check=0)
    body = public.get("/buenas-practicas").body
    contains(body, "Ventanilla única móvil")
    contains(body, "Acción W-0")
    snap = q("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.snapshot_of ="
             " (SELECT id FROM edition WHERE name = '2025') AND a.folio = 'W-0'")[0][0]
    contains(body, '<a href="/acciones/%d">Acción W-0</a>' % snap)
    contains(public.get("/acciones/%d" % snap).body, "Ventanilla única móvil")
    r = public.get("/descargas/2025/buenas-practicas.csv")
    eq(r.status, 200, "CSV download")
    eq(r.body[:1], "\ufeff", "the BOM of every CSV pmm writes (issue 14, fault 6)")
    lines = r.body[1:].strip().split("\n")
    eq(lines[0], ",".join(FIELDS), "the Repository's fields")
    eq(len(lines), 2, "one practice")
    contains(lines[1], "2025,W-0,Acción W-0,Instituto Nacional de Migración,INM,")
    contains(lines[1], ',7;15,6;10,Descripción,OIM; ACNUR,1 200 personas con documentos,10,')
    doc = json.loads(public.get("/descargas/2025/buenas-practicas.json").body)
    eq(doc["schema"], "pmm-good-practices/1", "schema")
    p = doc["practices"][0]
    eq(list(p), FIELDS, "keys in order")
    eq((p["gcm_objectives"], p["guiding_principles"], p["beneficiaries"], p["contact"]),
       ([7, 15], [6, 10], 10, "Otra área"), "values")
    # the CLI writes the same
    cli = s.pmm("export", "--good-practices", "--edition", "2025", "--format", "json", check=0).stdout
    eq(json.loads(cli)["practices"], doc["practices"], "pmm export --good-practices = the download")
    out = s.path("bp.csv")
    s.pmm("export", "--good-practices", "--edition", "2025", "--format", "csv", "-o", out, check=0)
    eq(open(out, encoding="utf-8-sig").read().strip().split("\n"), lines, "CSV file = the download")
    r = s.pmm("export", "--good-practices", "--edition", "2025", "--format", "xlsx")
    eq(r.returncode, 2, "xlsx refused: " + r.stderr)
    # frozen with the edition: the revision keeps it
    eq(q("SELECT count(*) FROM good_practice WHERE action_id = ?", snap)[0][0], 1, "copied into the revision")
    r = coord.post("/acciones/%d/buena-practica" % AID, {"quitar": "1"})
    eq(r.status, 409, "published: frozen")


check("the form tags an action with principles; page, audit and unchanged save", form_saves_principles)
check("the form refuses principle 11 with the import's message", form_refuses_unknown)
check("the API reads guiding_principles and takes principios by number or name", api_reads_and_writes)
check("the dashboard: principles and roundtables, each figure a link to its actions", dashboard_principles)
check("the dashboard's principles are the records' counts", dashboard_counts_the_records)
check("/principios lists the ten", principles_page)
check("the administrator edits a principle's name", admin_edits_a_principle)
check("good practice: only a coordinator, with the CSRF token", practice_roles)
check("good practice: needs principles and the Repository's required fields", practice_needs_principles_and_fields)
check("good practice: marked, shown, audited once per change", practice_marked)
check("good practice: the mark taken away, audited", practice_removed)
check("good practice: refused on a published edition; 404 for no action", practice_frozen)
check("good practice: public once published; CSV/JSON downloads and pmm export in the Repository's fields",
      practice_public_and_exported)
srv.stop()
done()
