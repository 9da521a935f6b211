"""Issue 10, fault 5 (web side): a published edition is frozen; while an
administrator has it open for corrections the public keeps seeing the
published revision; publishing again records revision 2 and revision 1's
Informe stays downloadable as it was. A return is never left stuck."""
import json
import re
import sqlite3
import subprocess
from webtest import PMM, Client, check, contains, demo_server, done, eq, form_of

s, srv = demo_server()
public, coord, admin, inm = Client(srv), Client(srv), Client(srv), Client(srv)
con = sqlite3.connect(s.db)
# two validated INM actions of the working edition 2024, with few challenges
ids = [row[0] for row in con.execute(
    "SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id"
    " JOIN institution i ON i.id = a.institution_id"
    " WHERE e.name = '2024' AND i.acronym = 'INM' AND a.status = 'validada'"
    " AND (SELECT count(*) FROM challenge c WHERE c.action_id = a.id) < 5 ORDER BY a.id LIMIT 2")]
con.close()
EDITED, RETURNED = ids


def edit_form(client, aid):
    fields, _ = form_of(client, aid)
    return "/acciones/%d/editar" % aid, fields


def public_challenges():
    return json.loads(public.get("/api/v1/editions/2024/figures").body)["challenges"]["total"]


def public_views_say(n):
    eq(public_challenges(), n, "public figures (API)")
    dash = public.get("/ediciones/2024").body
    # issue 14 (W14): the total links to the table of challenges by category
    contains(dash, '<dt>Retos señalados</dt><dd><a class="context" href="#h-retos">%d</a></dd>' % n,
             "public dashboard")
    rows = public.get("/descargas/2024/retos.csv").body.strip().split("\n")
    eq(len(rows) - 1, n, "public retos.csv rows")
    contains(public.get("/descargas/2024/informe.html").body, 'data-base="%d"' % n, "public Informe")


def published_edition_refuses_every_change():
    coord.login("coordinador")
    admin.login("admin")
    inm.login("enlace.inm")
    # the edit form itself is refused, and so is a post of it
    url = "/acciones/%d/editar" % EDITED
    r = coord.get(url)
    eq(r.status, 409, "edit form in published 2024")
    contains(r.body, "La edición está publicada")
    r = coord.post(url, {"nombre": "Otro nombre", "version": "1"})
    eq(r.status, 409, "edit of a validated action in published 2024\n" + r.body[:1500])
    contains(r.body, "La edición está publicada")
    r = coord.post("/acciones/%d/devolver" % RETURNED, {"comentario": "Revise el objetivo"})
    eq(r.status, 409, "return in a published edition")
    r = coord.request("POST", "/api/v1/editions/2024/actions",
                      json.dumps({"institucion": "INM", "nombre": "Nueva", "objetivos": [7]}),
                      {"Content-Type": "application/json", "X-CSRF-Token": coord.csrf or ""})
    if r.status in (200, 201):
        raise AssertionError("API created an action in a published edition")
    public_views_say(326)


def open_for_corrections_keeps_the_public_revision():
    eq(coord.post("/admin/ediciones/2024", {"estado": "abierta"}).status, 403, "coordinator reopens")
    eq(admin.post("/admin/ediciones/2024", {"estado": "abierta"}).status, 303, "admin reopens")
    contains(admin.get("/admin").body, "Publicar la revisión 2")
    url, fields = edit_form(coord, EDITED)
    r = coord.post(url, fields + [("reto_texto", "Falta un intérprete de mam"), ("reto_categoria", ""),
                                  ("reto_texto", "Falta un intérprete de tsotsil"), ("reto_categoria", "")])
    eq(r.status, 303, "correction\n" + r.body[:1500])
    eq(json.loads(coord.get("/api/v1/editions/2024/figures").body)["challenges"]["total"], 328, "working")
    public_views_say(326)
    if "intérprete de mam" in public.get("/acciones?edicion=2024&q=mam").body:
        raise AssertionError("the public list shows a correction not yet published")


def a_return_is_not_stuck():
    r = coord.post("/acciones/%d/devolver" % RETURNED, {"comentario": "Precise los beneficiarios"})
    eq(r.status, 303, "return while open for corrections")
    url, fields = edit_form(inm, RETURNED)
    eq(inm.post(url, fields).status, 303, "the enlace fixes it")
    eq(inm.post("/acciones/%d/enviar" % RETURNED, {}).status, 303, "and submits it")
    eq(coord.post("/acciones/%d/validar" % RETURNED, {}).status, 303, "validated again")


def publishing_again_records_revision_2():
    r = admin.post("/admin/ediciones/2024", {"estado": "publicada", "nota": "dos retos del INM"})
    eq(r.status, 303, "publish again")
    page = admin.get("/admin").body
    # the moment as <time> in the locale (issue 14 round 2, fault 5, F14B)
    rows = re.findall(r'<tr><td>(\d+)</td><td><time datetime="(\d{4}-\d\d-\d\dT[^"]*)">[^<]+</time></td>'
                      r"<td>[^<]*</td><td>([^<]*)</td></tr>", page)
    # issue 13: first the demo's example edition 2023-ejemplo, its revision 1
    eq([(n, note) for n, _, note in rows], [("1", ""), ("1", ""), ("2", "dos retos del INM")], "revisions with dates")
    public_views_say(328)
    downloads = public.get("/descargas").body
    contains(downloads, "Revisiones anteriores")
    contains(downloads, 'href="/descargas/2024/r1/informe.pdf"')
    r1 = public.get("/descargas/2024/r1/informe.html")
    eq(r1.status, 200, "revision 1's Informe")
    contains(r1.body, 'data-base="326"', "revision 1's Informe")
    pdf = public.get("/descargas/2024/r1/informe.pdf")
    eq((pdf.status, pdf.body[:5]), (200, "%PDF-"), "revision 1's PDF")
    eq(public.get("/descargas/2024/r3/informe.html").status, 404, "no revision 3")
    eq(coord.post("/acciones/%d/devolver" % RETURNED, {"comentario": "x"}).status, 409, "frozen again")


def check_compares_states_with_the_audit_log():
    r = subprocess.run([PMM, "--db", s.db, "check"], capture_output=True, text=True)
    eq(r.returncode, 0, "check after the workflow\n" + r.stderr)
    con = sqlite3.connect(s.db)
    con.execute("UPDATE action SET status = 'devuelta' WHERE id = ?", (RETURNED,))   # behind the log's back
    con.commit()
    folio = con.execute("SELECT folio FROM action WHERE id = ?", (RETURNED,)).fetchone()[0]
    con.close()
    r = subprocess.run([PMM, "--db", s.db, "check"], capture_output=True, text=True)
    eq(r.returncode, 1, "check after tampering\n" + r.stderr)
    contains(r.stderr, folio)
    contains(r.stderr, "bitácora")


check("a published edition refuses edits, returns and new actions", published_edition_refuses_every_change)
check("open for corrections: the public keeps revision 1", open_for_corrections_keeps_the_public_revision)
check("a return in an edition open for corrections is not stuck", a_return_is_not_stuck)
check("publishing again records revision 2; revision 1 stays", publishing_again_records_revision_2)
check("pmm check compares states with the audit log", check_compares_states_with_the_audit_log)
srv.stop()
s.close()
done()
