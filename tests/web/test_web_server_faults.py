"""Issue 15 (helper SERVER): the server stays up and says what is wrong.
Each check drives a real `pmm serve` over HTTP and fails on the code before
its fix (docs/reliability.md, "The server under faults"):
 1. another process holds the write lock past the busy timeout: reads,
    search included (whose index catch-up is a write), answer from what is
    committed; every write gets 503 with Retry-After and says why, in the
    user's language; nothing is logged as a server bug;
 3. the response cache: keyed on the arguments a page reads (a
    cache-busting "?x=N" neither renders the Compendio again nor keeps
    another copy of it) and bounded in bytes (--cache-mb);
 4. SIGHUP reopens the access log (logrotate), SIGQUIT stops gracefully
    (both killed the server)."""
import os
import signal
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from webtest import Client, Server, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
BUSY = "La base de datos está ocupada por otro proceso y no se guardó nada."


def sql(query, *args):
    con = sqlite3.connect(s.db, timeout=30)
    try:
        rows = con.execute(query, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


# ---- fault 1: a busy database ----

def busy_database():
    srv = Server(s, "--threads", "4", "--busy-timeout", "2")
    try:
        admin, anon, login = Client(srv), Client(srv), Client(srv)
        admin.login("admin")
        login.get("/entrar")
        # the search index has rows to catch up: its catch-up is a write
        sql("INSERT OR IGNORE INTO action_fts_dirty(id) SELECT id FROM action")
        enlace = sql("SELECT id FROM account WHERE username = 'enlace.inm'")[0][0]
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")               # another process's write lock
        t0 = time.monotonic()
        try:
            with ThreadPoolExecutor(4) as ex:
                search = ex.submit(anon.get, "/acciones?q=migrantes")
                post_login = ex.submit(login.post, "/entrar", {"usuario": "coordinador",
                                                               "contrasena": "demo-coordinador-2024"})
                disable = ex.submit(admin.post, "/admin/usuarios/enlace.inm/desactivar", {})
                add = ex.submit(admin.post, "/admin/usuarios", {"usuario": "nueva", "nombre": "N",
                                                               "rol": "coordinador",
                                                               "contrasena": "0123456789ab"})
                search, post_login, disable, add = (f.result() for f in (search, post_login, disable, add))
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        waited = time.monotonic() - t0
        eq(search.status, 200, "an anonymous search while the database is locked\n" + search.body[:800])
        contains(search.body, 'data-total="', "the search's results")
        for name, r in (("login", post_login), ("disable", disable), ("add user", add)):
            eq(r.status, 503, name + " while the database is locked\n" + r.body[:1500])
            eq(r.header("Retry-After"), "15", "Retry-After of " + name)
            contains(r.body, BUSY, name)
        if waited > 8:
            raise AssertionError("the writes waited %.1f s: each a busy timeout in turn" % waited)
        eq(sql("SELECT disabled FROM account WHERE id = ?", enlace), [(0,)], "nothing written")
        # once the lock is gone the same requests succeed, and the index catches up
        eq(admin.post("/admin/usuarios/enlace.inm/activar", {}).status, 303, "a write afterwards")
        contains(anon.get("/acciones?q=migrantes").body, 'data-total="')
        eq(sql("SELECT count(*) FROM action_fts_dirty"), [(0,)], "the index caught up afterwards")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "the server's exit")
    for bug in ("error de base de datos", "database is locked", "Internal"):
        if bug in err:
            raise AssertionError("a busy database was logged as a server fault:\n" + err)


check("fault 1: a locked database: reads and search answer, writes 503 + Retry-After, nothing logged",
      busy_database)


# ---- fault 3: the response cache ----

def rss_mb(srv):
    with open("/proc/%d/status" % srv.proc.pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def logged_ms(srv, n):
    """The times the server logged for its last N requests, in ms."""
    time.sleep(0.2)
    with open(srv.log) as f:
        lines = f.read().splitlines()
    return [float(line.rsplit(" ", 1)[1][:-2]) for line in lines[-n:]]


def cache_keyed_and_bounded():
    srv = Server(s, "--cache-mb", "1")
    try:
        c = Client(srv)
        first = c.get("/descargas/2024/compendio.pdf")
        eq(first.status, 200, "the Compendio in PDF")
        size = len(first.body)
        if not 300_000 < size < 1_000_000:
            raise AssertionError("the demo's Compendio is %d bytes: the check below needs 0.3-1 MB" % size)
        rss0 = rss_mb(srv)
        for i in range(40):
            r = c.get("/descargas/2024/compendio.pdf?x=%d" % i)
            eq((r.status, len(r.body)), (200, size), "?x=%d" % i)
        grown = rss_mb(srv) - rss0
        slow = [ms for ms in logged_ms(srv, 40) if ms > 50]
        if grown > 8 or slow:
            raise AssertionError("40 cache-busting requests: the server grew %.1f MB; %d of them were "
                                 "rendered (over 50 ms: %s)" % (grown, len(slow), slow[:5]))
        # 1 MB holds the Compendio (0.6 MB) but not with the HTML one and
        # the Informe: the least recently used goes, and is rendered again
        for f in ("compendio.html", "informe.pdf", "compendio.pdf"):
            eq(c.get("/descargas/2024/" + f).status, 200, f)
        rendered = logged_ms(srv, 1)[0]
        if rendered < 50:
            raise AssertionError("the Compendio was still cached (%.2f ms) past --cache-mb 1" % rendered)
        eq(c.get("/descargas/2024/compendio.pdf?y=1").status, 200, "cached again")
        if logged_ms(srv, 1)[0] > 50:
            raise AssertionError("not cached again after its rendering")
    finally:
        srv.stop()


check("fault 3: a cache-busting argument is one cache entry; the cache is bounded in bytes",
      cache_keyed_and_bounded)


# ---- fault 4: signals ----

def signals():
    srv = Server(s)
    c = Client(srv)
    eq(c.get("/objetivos").status, 200, "before")
    os.rename(srv.log, srv.log + ".1")              # what logrotate does
    srv.proc.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    eq(srv.proc.poll(), None, "the server after SIGHUP")
    eq(c.get("/glosario").status, 200, "after SIGHUP")
    time.sleep(0.3)
    with open(srv.log + ".1") as f:
        old = f.read()
    with open(srv.log) as f:
        new = f.read()
    contains(old, '"GET /objetivos"', "the rotated log")
    contains(new, '"GET /glosario"', "the reopened log")
    if "/glosario" in old:
        raise AssertionError("written to the rotated log after SIGHUP")
    srv.proc.send_signal(signal.SIGQUIT)
    out, err = srv.proc.communicate(timeout=60)
    eq(srv.proc.returncode, 0, "exit after SIGQUIT\n" + err)
    contains(out, "pmm: servidor detenido", "a graceful stop")


check("fault 4: SIGHUP reopens the access log, SIGQUIT stops gracefully", signals)

done()
