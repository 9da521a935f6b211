"""Issue 10, the hostile tester's third round, through HTTP against a real
server (helper REC4; docs/reliability.md). Each check fails on the code
before its fix:
 5. a misspelt filter name (`tipo_instancia`, `objetivos`) on /acciones
    and /api/v1/editions/E/actions returned every action with 200."""
from webtest import Client, Server, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
srv = Server(s)
anon = Client(srv)


def unknown_filter_refused():
    for path in ["/acciones?edicion=2024&tipo_instancia=OSC", "/acciones?edicion=2024&objetivos=7",
                 "/api/v1/editions/2024/actions?objetivos=7", "/api/v1/editions/2024/actions?tipo_instancia=OSC"]:
        r = anon.get(path)
        name = path.rsplit("&", 1)[-1].rsplit("?", 1)[-1].split("=")[0]
        # issue 14 (F14B): the page ignores it and says so (links from other
        # sites carry fbclid, utm_source); the API refuses it
        api = path.startswith("/api/")
        eq(r.status, 400 if api else 200, path + "\n" + r.body[:1000])
        contains(r.body, ("«%s» no existe" if api else "«%s»: no es un filtro") % name, path)
        contains(r.body, "tipo_accion", path + ": the known ones listed")
    # the API's edition is its path's: a different «edicion» is refused
    r = anon.get("/api/v1/editions/2024/actions?edicion=2025")
    eq(r.status, 400, "edicion beside the path\n" + r.body[:1000])
    # the known ones still answer
    for path in ["/acciones?edicion=2024&tipo=OSC&objetivo=7&pagina=1",
                 "/api/v1/editions/2024/actions?tipo=APF&por_pagina=5"]:
        eq(anon.get(path).status, 200, path)


check("5: an unknown filter name is refused with 400 naming it and the known ones", unknown_filter_refused)

srv.stop()
done()
