"""Issue 13 (helper F1316): a continuation link can be removed by whoever may
edit the action, as any other field: through the API ("continua_folio": ""
or null; a PUT without the key keeps it) and through the edit form (the box
«Quitar el enlace»), written in the write's transaction, the version bumped,
the audit record naming it. And a form refused for the institution of an
action under a link shows the form again, with what was typed and the
message at the field, instead of an error page."""
import json
import re
import sqlite3
import subprocess
import webtest  # noqa: E402
from webtest import PMM, Client, check, contains, demo_server, done, eq, form_of, set_field

s, srv = demo_server()
H = {"Content-Type": "application/json"}


def token(user):
    return subprocess.run([PMM, "--db", s.db, "user", "token", user], capture_output=True, text=True).stdout.strip()


subprocess.run([PMM, "--db", s.db, "user", "add", "enlace.sre", "--role", "enlace", "--institucion", "SRE"],
               input="otra-clave-segura\n", capture_output=True, text=True, check=True)
INM = dict(H, Authorization="Bearer " + token("enlace.inm"))
SRE = dict(H, Authorization="Bearer " + token("enlace.sre"))
c = Client(srv)
coord = Client(srv)
coord.login("coordinador")
inm = Client(srv)
inm.login("enlace.inm")


def q(sql, *args):
    return webtest.db_rows(s.db, sql, *args)


INM_2024 = q("SELECT a.folio FROM action a JOIN institution i ON i.id = a.institution_id"
             " JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024' AND i.acronym = 'INM'"
             " ORDER BY a.folio")


def call(method, path, body=None, h=INM):
    r = c.request(method, path, json.dumps(body) if body is not None else None, h)
    return r, json.loads(r.body) if r.body else None


def linked(folio, cont):
    """A new draft of INM in 2025, continuing CONT: its API document."""
    r, d = call("POST", "/api/v1/editions/2025/actions",
                {"folio": folio, "institucion": "INM", "objetivos": [3], "nombre": "Programa " + folio,
                 "continua_folio": cont})
    eq(r.status, 201, r.body)
    eq(d["continues"]["folio"], cont, "linked")
    return d


def body_of(d, **kw):
    b = {"folio": d["folio"], "institucion": "INM", "objetivos": [3], "nombre": d["name"], "version": d["version"]}
    b.update(kw)
    return b


def link_rows(aid):
    return q("SELECT continues_id FROM action_continuation WHERE action_id = ?", aid)


def api_removes_the_link():
    for n, empty in enumerate(("", None)):
        d = linked("R16-%d" % n, INM_2024[n][0])
        # another institution's enlace may not edit it, so may not unlink it
        r, _ = call("PUT", "/api/v1/actions/%d" % d["id"], body_of(d, institucion="SRE", continua_folio=empty), h=SRE)
        eq(r.status in (403, 404), True, r.body)
        eq(len(link_rows(d["id"])), 1, "kept after a refused PUT")
        # without the key: kept
        r, e = call("PUT", "/api/v1/actions/%d" % d["id"], body_of(d))
        eq((r.status, e["continues"]["folio"], e["version"]), (200, INM_2024[n][0], d["version"]),
           "a PUT without continua_folio keeps the link, nothing changed")
        r, f = call("PUT", "/api/v1/actions/%d" % d["id"], body_of(e, continua_folio=empty))
        eq(r.status, 200, r.body)
        eq(f["continues"], None, "continua_folio %r removes the link" % (empty,))
        eq(f["version"], e["version"] + 1, "a change: the version moves")
        eq(link_rows(d["id"]), [], "no row left")
        after = json.loads(q("SELECT after FROM audit_log WHERE action_id = ? ORDER BY id DESC LIMIT 1",
                             d["id"])[0][0])
        eq((after["continua_folio"], after["continua_edicion"]), ("", ""), "the audit record says it")
        # the continued action can be continued again by another action
        linked("R16-%db" % n, INM_2024[n][0])


def form_removes_the_link():
    d = linked("R16-F", INM_2024[2][0])
    fields, page = form_of(inm, d["id"])
    contains(page, 'name="quitar_continua"')
    contains(page, INM_2024[2][0])
    # saved without the box: kept
    r = inm.post("/acciones/%d/editar" % d["id"], fields)
    eq(r.status, 303, r.body[:300])
    eq(len(link_rows(d["id"])), 1, "the form without the box keeps the link")
    fields, _ = form_of(inm, d["id"])
    v = int(dict(fields)["version"])
    r = inm.post("/acciones/%d/editar" % d["id"], fields + [("quitar_continua", "1")])
    eq(r.status, 303, r.body[:300])
    eq(link_rows(d["id"]), [], "the box removes the link")
    got = json.loads(c.get("/api/v1/actions/%d" % d["id"], headers=INM).body)
    eq((got["continues"], got["version"]), (None, v + 1), "no link, the version moved")
    _, page = form_of(inm, d["id"])
    eq('name="quitar_continua"' in page, False, "no box without a link")


def institution_refusal_keeps_the_form():
    d = linked("R16-I", INM_2024[3][0])
    fields, _ = form_of(coord, d["id"])
    sre = q("SELECT id FROM institution WHERE acronym = 'SRE'")[0][0]
    typed = set_field(set_field(fields, "institucion", str(sre)), "nombre", "Nombre escrito R16")
    r = coord.post("/acciones/%d/editar" % d["id"], typed)
    eq(r.status, 422, r.body[:300])
    contains(r.body, 'action="/acciones/%d/editar"' % d["id"])
    m = re.search(r'<span class="field-error" id="err-institucion">([^<]*)</span>', r.body)
    eq(bool(m), True, "the message at the field institucion")
    contains(m.group(1), "están enlazadas como un programa que continúa")
    contains(r.body, 'value="Nombre escrito R16"')
    contains(r.body, '<option value="%d" selected>' % sre)
    eq(q("SELECT i.acronym, a.name FROM action a JOIN institution i ON i.id = a.institution_id WHERE a.id = ?",
         d["id"])[0], ("INM", "Programa R16-I"), "nothing saved")


check("the API removes a link with continua_folio \"\" or null; without the key keeps it", api_removes_the_link)
check("the edit form's box removes the link", form_removes_the_link)
check("an institution refused under a link: the form again, the message at the field",
      institution_refusal_keeps_the_form)
done()
