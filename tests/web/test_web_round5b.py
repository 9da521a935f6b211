"""Issue 12, hostile round 5 (t12): the platform follows the rules the CLI
got in f12b. #10: the dashboard's «Cambio frente a …» names only an
edition whose period ends before this one starts (the CLI's Informe's
rule, trend_previous_index), not one that overlaps; #1: the data package
of a synthetic edition credits pmm, not the issuer set on it. Each check
fails on the code before its fix."""
import json
import subprocess
import webtest
from pmmtest import Scratch
from webtest import Client, check, contains, done, eq

s = Scratch()
s.pmm("init", check=0)
HEAD = "folio,institucion,objetivos,nombre\n"
for name, period in (("a", "2025-01:2025-12"), ("b", "2025-01:2025-12"), ("c", "2026-01:2026-12")):
    s.pmm("edition", "add", name, "--period", period, check=0)
    s.pmm("import", "--edition", name, s.write(name + ".csv", HEAD + "F-1,INM,3,Uno\n"), check=0)
    s.pmm("edition", "set", name, "--state", "publicada", check=0)
s.pmm("edition", "add", "ej", "--period", "2027-01:2027-12", check=0)
s.pmm("edition", "set", "ej", "--synthetic", "yes", check=0)
s.pmm("import", "--edition", "ej", s.write("ej.csv", HEAD + "F-1,INM,3,Uno\n"), check=0)
s.pmm("edition", "set", "ej", "--emisor", "Unidad Real de Gobierno", check=0)
s.pmm("edition", "set", "ej", "--state", "publicada", check=0)
subprocess.run([webtest.PMM, "--db", s.db, "user", "add", "admin", "--role", "administrador"],
               input="clave-de-prueba-2026\nclave-de-prueba-2026\n", text=True, capture_output=True, check=True)
srv = webtest.Server(s)
c = Client(srv)


def overlapping_not_previous():
    b = c.get("/ediciones/b").body
    eq("Cambio frente a a" in b, False, "b's period is a's: a is not the edition before it")
    contains(c.get("/ediciones/c").body, "Cambio frente a b", "c follows b")


def synthetic_package_credit():
    r = c.get("/descargas/ej/datapackage.json")
    eq(r.status, 200, "the package")
    p = json.loads(r.body)
    titles = [x.get("title") for x in p.get("contributors", [])]
    eq("Unidad Real de Gobierno" in titles, False, "the issuer set on a synthetic edition is not its publisher")
    eq(titles, ["Ejemplo sintético generado por pmm (no es una publicación de ningún país)"], "pmm is credited")


def admin_told_of_overlaps():
    """t12v N1: the CLI warns of overlapping periods; /admin, where the
    administrador sets them, said nothing."""
    admin = Client(srv)
    admin.login("admin", "clave-de-prueba-2026")
    body = admin.get("/admin").body
    contains(body, 'id="superpuestas"', "the notice")
    contains(body, "Los periodos de «a» (enero a diciembre de 2025) y «b» (enero a diciembre de 2025) se superponen",
             "a and b named, with their periods")
    eq(body.count("<li>Los periodos de"), 1, "only the one pair (c follows b, ej follows c)")


check("#10: the dashboard compares only with an edition that ends before", overlapping_not_previous)
check("t12v N1: /admin names editions whose periods overlap", admin_told_of_overlaps)
check("#1: a synthetic edition's data package credits pmm", synthetic_package_credit)
srv.stop()
done()
