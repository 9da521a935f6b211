"""Issue 13, editions over time, on the platform: GET /api/v1/trend gives
each edition's figures exactly as GET /api/v1/editions/E/figures gives
them (the public: published editions, as published; staff: the working
editions), and /tendencias draws them; ?ediciones= names them."""
import json
import re
import sqlite3
from webtest import ACTION_HEADER, Client, Scratch, Server, check, contains, done, eq, form_fields, total

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
public, coord, inm = Client(srv), Client(srv), Client(srv)
coord.login("coordinador")
inm.login("enlace.inm")


def action_of(edition, acronym):
    """A validated action of ACRONYM in the live EDITION (not a revision's copy)."""
    con = sqlite3.connect(s.db)
    try:
        return con.execute(
            "SELECT a.id, a.name FROM action a JOIN edition e ON e.id = a.edition_id AND e.snapshot_of IS NULL"
            " JOIN institution i ON i.id = a.institution_id WHERE e.name = ? AND i.acronym = ?"
            " AND a.status = 'validada' ORDER BY a.id LIMIT 1", (edition, acronym)).fetchone()
    finally:
        con.close()


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


def dashboard_shows_the_change():
    t = get_json(public, "/api/v1/trend")
    names = t["editions"]
    i = names.index("2024")
    prev = names[i - 1]
    body = public.get("/ediciones/2024").body
    # F14C: a synthetic previous edition is said so in the column's head
    mark = " (ejemplo sintético, no son cifras reales)" if prev in t.get("synthetic", []) else ""
    contains(body, "<th scope=\"col\">Cambio frente a %s%s</th>" % (prev, mark), "change column")
    for o in range(1, 24):
        d = t["by_objective"][str(o)]["2024"] - t["by_objective"][str(o)][prev]
        shown = "+%d" % d if d > 0 else "\u2212%d" % -d if d < 0 else "0"
        heard = ("%d más que en %s" % (d, prev) if d > 0 else "%d menos que en %s" % (-d, prev) if d < 0
                 else "igual que en %s" % prev)
        row = re.search(r'<tr><th scope="row"><a href="/objetivos#o%d">.*?</tr>' % o, body).group(0)
        contains(row, '<td class="change"><span aria-hidden="true">%s</span><span class="sr">%s</span></td>'
                 % (shown, heard), "objective %d" % o)
    for code, by in t["by_reporter_type"].items():
        d = by["2024"] - by[prev]
        if by["2024"] or by[prev]:
            shown = "+%d" % d if d > 0 else "\u2212%d" % -d if d < 0 else "0"
            contains(body, 'tipo=%s">%d</a></td><td class="bar">' % (code, by["2024"]), "type " + code)
            m = re.search(r'tipo=%s">\d+</a></td><td class="bar">.*?</td><td class="change">'
                          r'<span aria-hidden="true">([^<]*)</span>' % code, body)
            eq(m and m.group(1), shown, "change of type " + code)
    first = public.get("/ediciones/%s" % names[0]).body
    eq("Cambio frente a" in first, False, "the earliest edition has no change column")


def trends_page_links_every_figure():
    t = get_json(public, "/api/v1/trend")
    body = public.get("/tendencias").body
    contains(body, "<svg", "small multiples")
    for o in range(1, 24):
        fig = re.search(r'<div class="multiple"><svg[^>]*id="t-obj-%d".*?</svg>' % o, body, re.S).group(0)
        contains(fig, 'role="group"', "a group of links, not an image")
        for name in t["editions"]:
            n = t["by_objective"][str(o)][name]
            href = "/acciones?edicion=%s&amp;objetivo=%d" % (name, o)
            # one link per column: the bar and its number
            link = re.search(r'<a href="%s" aria-label="%s: %d"><rect[^>]*data-value="%d">.*?</rect>'
                             r'<text[^>]*><tspan class="fig"[^>]*data-value="%d">%d</tspan></text></a>'
                             % (re.escape(href), re.escape(name), n, n, n, n), fig)
            eq(link is not None, True, "linked column of %s, objective %d" % (name, o))
            # the link counts what the figure says
            listed = public.get(href.replace("&amp;", "&"))
            eq(total(listed.body), n, "actions behind %s, objective %d" % (name, o))
    r = public.get("/tendencias?ediciones=2025")
    eq(r.status, 404, "an open edition is not the public's")


def informe_download_compares():
    t = get_json(public, "/api/v1/trend")
    prev = t["editions"][t["editions"].index("2024") - 1]
    body = public.get("/descargas/2024/informe.html").body
    contains(body, "Comparación con la edición anterior", "the public Informe")
    contains(body, "Frente a la edición anterior, %s," % prev, "the previous edition the public sees")
    first = public.get("/descargas/%s/informe.html" % t["editions"][0]).body
    eq("Comparación con la edición anterior" in first, False, "the first edition compares with none")


def continuing_program():
    old, name = action_of("2024", "INM")
    page = inm.get("/acciones/%d" % old).body
    contains(page, '<a class="button" href="/acciones/nueva?continua=%d">Continuar en la edición 2025</a>' % old,
             "the enlace may continue it in 2025")
    form = inm.get("/acciones/nueva?continua=%d" % old)
    eq(form.status, 200, form.body[:300])
    fields = form_fields(form.body, "/acciones/nueva")
    eq(dict(fields).get("continua"), str(old), "the link rides in the form")
    eq(dict(fields).get("nombre"), name, "prefilled")
    eq(dict(fields).get("edicion"), "2025", "into the next edition")
    r = inm.post("/acciones/nueva", fields)
    eq(r.status, 303, r.body[:500])
    new = int(r.header("Location").rsplit("/", 1)[1])
    contains(inm.get("/acciones/%d" % new).body, 'Continúa la acción <a href="/acciones/%d">' % old, "new page")
    contains(inm.get("/acciones/%d" % old).body, 'Continúa en <a href="/acciones/%d">' % new, "old page")
    # a second continuation of the same action in 2025 is refused, nothing saved
    before = len(get_json(coord, "/api/v1/editions/2025/actions")["actions"])
    r = inm.post("/acciones/nueva", fields)
    eq(r.status, 409, "twice (issue 13, hostile fault 6: 409)")
    contains(r.body, "ya continúa en la edición 2025")
    eq(len(get_json(coord, "/api/v1/editions/2025/actions")["actions"]), before, "nothing saved")
    # the trend counts it once validated
    eq(inm.post("/acciones/%d/enviar" % new, {}).status, 303, "submitted")
    eq(coord.post("/acciones/%d/validar" % new, {}).status, 303, "validated")
    t = get_json(coord, "/api/v1/trend?ediciones=2024,2025")
    eq(t["continuing"]["2025"], 1, "continuing")
    eq(t["new"]["2025"], t["actions"]["2025"] - 1, "new")
    eq(t["continuing"]["2024"] + t["new"]["2024"], t["actions"]["2024"], "2024 (the demo links its own)")


def continuing_refused():
    sre, _ = action_of("2024", "SRE")
    r = inm.get("/acciones/nueva?continua=%d" % sre)
    eq(r.status, 403, "another institution's action")
    eq("Continuar en la edición" in inm.get("/acciones/%d" % sre).body, False, "no button")
    old, _ = action_of("anterior", "INM")
    r = inm.get("/acciones/nueva?continua=%d" % old)
    eq(r.status, 409, "the edition after «anterior» is 2024, published")
    eq(public.get("/acciones/nueva?continua=%d" % old).status, 303, "the public is sent to log in")
    eq(inm.get("/acciones/nueva?continua=x").status, 404, "not an action")


def example_edition_labelled():
    body = public.get("/ediciones/2023-ejemplo").body
    contains(body, "<h1>Edición 2023-ejemplo: ejemplo sintético, no son cifras reales</h1>", "title")
    contains(body, '<p class="notice example" id="ejemplo">Edición de ejemplo, sintética', "notice")
    contains(public.get("/tendencias").body, "Sus cifras no son las de ningún país", "trends page")
    real = public.get("/ediciones/2024").body      # the seed's: no notice of its own (F14C: its
    eq('id="ejemplo"' in real, False, "2024 is the seed's")      # comparison names the example)
    eq("Edición 2024: ejemplo sintético" in real, False, "2024's title")


check("the public's trend: each published edition as its figures", public_trend_is_the_published_figures)
check("staff: the working editions", staff_see_the_working_editions)
check("?ediciones= names editions, refuses repeats and empty names", named_editions)
check("the dashboard shows the change against the previous edition", dashboard_shows_the_change)
check("/tendencias: small multiples, every figure linked to its actions", trends_page_links_every_figure)
check("the Informe downloaded compares with the previous edition", informe_download_compares)
check("a continuing program: prefilled, linked both ways, counted", continuing_program)
check("continuing another institution's or a closed edition's action is refused", continuing_refused)
check("the demo's synthetic edition says so", example_edition_labelled)
srv.stop()
s.close()
done()
