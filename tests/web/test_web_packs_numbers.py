"""Issue 16, the tester's fault 1 on the platform (helper F16A): the edit
form reads the beneficiaries by the country pack's number style, as every
entry point does (parse_count): under a pack writing «.» for thousands,
«185.000» is 185 000 people, not 185; «185,000» is refused as ambiguous,
with both readings, and the action keeps its number."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from webtest import PMM, Client, Scratch, Server, check, contains, done, eq, form_of, set_field

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from packwords import ACTIONS, GT  # noqa: E402

s = Scratch()
pack = s.path("pack")
shutil.copytree(GT, pack)
with open(os.path.join(pack, "pack.json"), encoding="utf-8") as f:
    j = json.load(f)
j["numeros"] = {"miles": ".", "decimal": ","}
with open(os.path.join(pack, "pack.json"), "w", encoding="utf-8") as f:
    json.dump(j, f, ensure_ascii=False)
s.pmm("init", "--pack", pack, check=0)
s.write("acciones.csv", ACTIONS)
s.pmm("import", "--edition", "2025", "acciones.csv", "--status", "borrador", check=0)
subprocess.run([PMM, "--db", s.db, "user", "add", "enlace.minex", "--role", "enlace", "--institution", "MINEX"],
               input="clave-enlace-2025\n", text=True, check=True, capture_output=True,
               env=dict(os.environ, LANGUAGE="es"))
srv = Server(s)
enlace = Client(srv)
enlace.login("enlace.minex", "clave-enlace-2025")


def beneficiaries(folio):
    con = sqlite3.connect(s.db)
    try:
        return con.execute("SELECT beneficiaries FROM action WHERE folio = ?", (folio,)).fetchall()[0][0]
    finally:
        con.close()


def the_form_reads_the_packs_style():
    aid = sqlite3.connect(s.db).execute("SELECT id FROM action WHERE folio = 'GT-2'").fetchall()[0][0]
    fields, _ = form_of(enlace, aid)
    r = enlace.post("/acciones/%d/editar" % aid, set_field(fields, "beneficiarios", "185.000"))
    eq(r.status, 303, "saved\n" + r.body[:1500])
    eq(beneficiaries("GT-2"), 185000, "«185.000» under a «.» pack")
    fields, _ = form_of(enlace, aid)
    r = enlace.post("/acciones/%d/editar" % aid, set_field(fields, "beneficiarios", "185,000"))
    eq(r.status != 303, True, "«185,000» refused")
    contains(r.body, "es ambiguo")
    contains(r.body, "185000 o 185.000")
    eq(beneficiaries("GT-2"), 185000, "the number kept")


try:
    check("fault 1: the edit form reads «185.000» as 185 000 under a «.» pack; «185,000» refused",
          the_form_reads_the_packs_style)
finally:
    srv.stop()
    s.close()
done()
