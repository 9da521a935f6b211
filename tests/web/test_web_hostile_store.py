"""issue 10, the hostile tester's faults on the store side that the web
reaches too (helper REC2): the administrador's period form on a published
edition (fault 5), a new edition whose name only looks new (fault 7) and the
beneficiaries of the action form (fault 4). Each check fails on the code
before its fix; the CLI side is tests/cli/test_hostile_faults.py."""
import json
import sqlite3
import subprocess
import uuid
from webtest import PMM, Client, check, contains, demo_server, done, eq, form_of, set_field

s, srv = demo_server()
admin, coord, inm = Client(srv), Client(srv), Client(srv)
admin.login("admin")
coord.login("coordinador")
inm.login("enlace.inm")


def db(sql, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def published_period_frozen():
    before = db("SELECT period_start, period_end, deadline FROM edition WHERE name = '2024'")
    admin.get("/admin")
    r = admin.post("/admin/ediciones/2024/campana", {"desde": "2020-01", "hasta": "2020-12", "limite": ""})
    eq(r.status, 409, "the period of the published edition 2024\n" + r.body[:2000])
    contains(r.body, "La edición está publicada")
    eq(db("SELECT period_start, period_end, deadline FROM edition WHERE name = '2024'"), before, "unchanged")
    admin.get("/admin")
    eq(admin.post("/admin/ediciones/2025/campana", {"desde": "2024-07", "hasta": "2025-06", "limite": ""}).status,
       303, "the open edition's period")


check("fault 5: the admin's period form refuses a published edition (409)", published_period_frozen)


def look_alike_edition():
    for name in ["\uff12\uff10\uff12\uff15", "20\u200b25"]:
        admin.get("/admin")
        r = admin.post("/admin/ediciones", {"nombre": name, "desde": "2025-07", "hasta": "2026-06", "limite": ""})
        eq(r.status in (409, 422), True, "edition %r refused, got %d" % (name, r.status))
    eq(sorted(n for (n,) in db("SELECT name FROM edition WHERE snapshot_of IS NULL")), ["2023-ejemplo", "2024", "2025"], "editions")


check("fault 7: a new edition named like an existing one is refused on the web", look_alike_edition)


def beneficiaries_form():
    s.pmm("import", "--edition", "2025", "--status", "enviada", s.write("b.csv",
          "folio,institucion,objetivos,nombre,beneficiarios\nB-1,INM,3,Una acción,10\n"), check=0)
    aid = db("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025'"
             " ORDER BY a.id LIMIT 1")[0][0]
    for bad in ["2,5", "1,,500"]:
        fields, _ = form_of(coord, aid)
        r = coord.post("/acciones/%d/editar" % aid, set_field(fields, "beneficiarios", bad))
        eq(r.status, 422, "beneficiaries %r refused\n%s" % (bad, r.body[:1500]))
        contains(r.body, "grupos de tres cifras")
    fields, _ = form_of(coord, aid)
    r = coord.post("/acciones/%d/editar" % aid, set_field(fields, "beneficiarios", "1,500"))
    eq(r.status, 303, "1,500 saved\n" + r.body[:1500])
    eq(db("SELECT beneficiaries FROM action WHERE id = ?", aid), [(1500,)], "stored")


check("fault 4: the action form refuses 2,5 and 1,,500 and takes 1,500", beneficiaries_form)

def challenges_import_makes_put_stale():
    """fault 2: after an import of only challenges, a PUT with the version
    read before it silently undid the import."""
    s.pmm("import", "--edition", "2025", "--status", "enviada", s.write("c.csv",
          "folio,institucion,objetivos,nombre\nC-1,INM,3,Con retos\n"), "--retos",
          s.write("cr.csv", "folio,reto\nC-1,Reto viejo\n"), check=0)
    aid = db("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025' AND folio = 'C-1'")[0][0]
    tok = subprocess.run([PMM, "--db", s.db, "user", "token", "coordinador"], capture_output=True, text=True,
                         check=True).stdout.strip()
    h = {"Content-Type": "application/json", "Authorization": "Bearer " + tok}
    old = json.loads(coord.request("GET", "/api/v1/actions/%d" % aid, None, h).body)
    # an acciones file of another action, a retos file naming C-1
    s.pmm("import", "--edition", "2025", "--status", "enviada", s.write("o1.csv",
          "folio,institucion,objetivos,nombre\nOTHER,INM,3,Otra\n"), "--retos",
          s.write("o1r.csv", "folio,reto\nC-1,Reto nuevo del archivo\n"), check=0)
    body = {"folio": "C-1", "institucion": "INM", "objetivos": [3], "nombre": "Con retos",
            "retos": [{"reto": "Reto viejo", "categoria": None}], "version": old["version"]}
    r = coord.request("PUT", "/api/v1/actions/%d" % aid, json.dumps(body), h)
    eq(r.status, 409, "a PUT of the version before the import is stale: " + r.body[:500])
    eq(db("SELECT text FROM challenge WHERE action_id = ?", aid), [("Reto nuevo del archivo",)], "the import kept")


check("fault 2: a PUT loaded before an import of only challenges is stale (409)",
      challenges_import_makes_put_stale)

def upload(client, data):
    """POSTs DATA to /plantilla/subir as a browser's file form does."""
    client.get("/plantilla/subir")
    b = uuid.uuid4().hex.encode()
    body = (b'--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n' % (b, client.csrf.encode())
            + b'--%s\r\nContent-Disposition: form-data; name="archivo"; filename="p.xlsx"\r\n'
              b'Content-Type: application/octet-stream\r\n\r\n' % b + data + b'\r\n--%s--\r\n' % b)
    return client.request("POST", "/plantilla/subir", body,
                          {"Content-Type": "multipart/form-data; boundary=" + b.decode()})


def template_of_another_edition():
    """fault 9f on the web: the focal point sees no warning, so a template
    of another edition is refused."""
    for edition, refused in [("2024", True), ("2025", False)]:
        path = s.path("t-%s.xlsx" % edition)
        s.pmm("template", "--edition", edition, "--institution", "INM", "-o", path, check=0)
        with open(path, "rb") as f:
            r = upload(inm, f.read())
        eq(r.status, 422, "an empty template is refused either way: " + r.body[:500])
        # the upload goes to the edition the template names (issue 11): 2024 is published
        eq("Esta plantilla es de la edición «2024», que no está abierta" in r.body, refused,
           "template of %s\n%s" % (edition, r.body[:3000]))


check("fault 9: a focal point's upload of another edition's template is refused", template_of_another_edition)


def published_list_keeps_classification():
    """fault 1 on the web: the public list's reporter-type and state filters and an action's page of a
    published edition read the classification it was published with, not today's catalog."""
    pub = Client(srv)

    def apf_total():
        return json.loads(pub.get("/api/v1/editions/2024/actions?tipo=APF").body)["total"]

    aid = db("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id"
             " JOIN institution i ON i.id = a.institution_id"
             " WHERE e.name = '2024@r1' AND i.acronym = 'INM' LIMIT 1")[0][0]
    before = apf_total()
    eq(json.loads(pub.get("/api/v1/actions/%d" % aid).body)["reporter_type"], "APF", "as published")
    db_write("UPDATE institution SET type = 'OSC' WHERE acronym = 'INM'")
    try:
        eq(apf_total(), before, "the published list filtered by APF")
        eq(json.loads(pub.get("/api/v1/actions/%d" % aid).body)["reporter_type"], "APF", "its page, after")
    finally:
        db_write("UPDATE institution SET type = 'APF' WHERE acronym = 'INM'")


def db_write(sql):
    con = sqlite3.connect(s.db, timeout=30)
    con.execute(sql)
    con.commit()
    con.close()


check("fault 1: a published edition's list and action pages keep the reporter type it was published with",
      published_list_keeps_classification)

srv.stop()
s.close()
done()
