"""Issue 13, editions over time, on the platform: GET /api/v1/trend gives
each edition's figures exactly as GET /api/v1/editions/E/figures gives
them (the public: published editions, as published; staff: the working
editions), and /tendencias draws them; ?ediciones= names them."""
import json
import sqlite3
from webtest import ACTION_HEADER, Client, Scratch, Server, check, contains, done, eq

EARLIER = """
T-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,120,
T-2,INM,"1, 3",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,
T-3,chiapas,15,Salud,,Servicios de salud,retorno,Sí,No,,
"""
OPEN = """
N-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,,
"""

s = Scratch()
s.pmm("demo", check=0)
s.pmm("edition", "new", "anterior", "--period", "2021-07:2022-06", check=0)
s.pmm("import", "--edition", "anterior", s.write("a.csv", ACTION_HEADER + EARLIER),
      "--retos", s.write("r.csv", "folio,reto,categoria\nT-1,Faltan intérpretes,Barreras culturales y de idioma\n"),
      check=0)
s.pmm("edition", "set", "anterior", "--estado", "publicada", check=0)
s.pmm("import", "--edition", "2025", s.write("n.csv", ACTION_HEADER + OPEN), check=0)
# the catalog moves the SRE after "anterior" was published: its revision keeps the SRE as APF
con = sqlite3.connect(s.db)
con.execute("UPDATE institution SET type = 'OSC' WHERE acronym = 'SRE'")
con.commit()
con.close()
srv = Server(s)
public, coord = Client(srv), Client(srv)
coord.login("coordinador")


def get_json(client, path, status=200):
    r = client.get(path)
    eq(r.status, status, "%s: %s" % (path, r.body[:300]))
    return json.loads(r.body)


def public_editions():
    """The editions the public sees, by period (GET /api/v1/editions)."""
    eds = get_json(public, "/api/v1/editions")["editions"]
    return [e["name"] for e in sorted(eds, key=lambda e: (e["period_start"], e["period_end"], e["name"]))]


def same_as_figures(client, t, name):
    f = get_json(client, "/api/v1/editions/%s/figures" % name)
    eq(t["actions"][name], f["actions"], name + " actions")
    for o in range(1, 24):
        eq(t["by_objective"][str(o)][name], f["by_objective"][str(o)]["total"], "%s objective %d" % (name, o))
    for code, n in f["by_reporter_type"].items():
        eq(t["by_reporter_type"][code][name], n, "%s type %s" % (name, code))
    for code, n in f["population"].items():
        eq(t["population"][code][name], n, "%s population %s" % (name, code))
    for cat, n in f["challenges"]["by_category"].items():
        eq(t["challenges"][cat][name], n, "%s challenges %s" % (name, cat))
    eq(t["challenges_total"][name], f["challenges"]["total"], name + " challenges")


def public_trend_is_the_published_figures():
    t = get_json(public, "/api/v1/trend")
    eq(t["editions"], public_editions(), "the public's editions, by period")
    eq("2025" in t["editions"], False, "an open edition stays internal")
    eq(t["editions"][:1], ["anterior"], "the earliest period first")
    for name in t["editions"]:
        same_as_figures(public, t, name)
    eq(t["actions"]["anterior"], 3, "anterior")
    eq(t["by_reporter_type"]["APF"]["anterior"], 2, "as published: SRE and INM were APF")


def staff_see_the_working_editions():
    t = get_json(coord, "/api/v1/trend")
    contains(t["editions"], "2025", "staff editions")
    for name in t["editions"]:
        same_as_figures(coord, t, name)
    eq(t["actions"]["2025"], 1, "2025")


def named_editions():
    t = get_json(public, "/api/v1/trend?ediciones=2024,anterior")
    eq(t["editions"], ["2024", "anterior"], "in the order given")
    eq(sorted(t["actions"]), ["2024", "anterior"], "only those")
    same_as_figures(public, t, "2024")
    r = public.get("/api/v1/trend?ediciones=2025")
    eq(r.status, 404, "an open edition is not the public's")
    contains(json.loads(r.body)["error"], "«2025»")
    # an empty value is no filter, as on every list of the platform
    eq(get_json(public, "/api/v1/trend?ediciones=")["editions"], public_editions(), "ediciones= empty")
    for q in ("2024,2024", "2024,,anterior", ",2024", "2024,"):
        r = public.get("/api/v1/trend?ediciones=" + q)
        eq(r.status, 400, q)
        eq(r.header("Content-Type"), "application/json", "content type")


check("the public's trend: each published edition as its figures", public_trend_is_the_published_figures)
check("staff: the working editions", staff_see_the_working_editions)
check("?ediciones= names editions, refuses repeats and empty names", named_editions)
srv.stop()
s.close()
done()
