"""Issue 15, the hostile tester's findings (helper SERVER2). Each check
drives a real `pmm serve` over HTTP and fails on the code before its fix
(docs/reliability.md, issue-15 table):
 1. writes waiting on a database another process holds starved the whole
    server: each held one of the 2 threads for the busy timeout, so logins
    got their 503 one timeout after another and a stylesheet took 30 s.
    Now reads answer at once and every write gets 503 within about one
    busy timeout, however many wait."""
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from webtest import Client, Server, Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)
BUSY_S = 3


def timed(fn, *args):
    t0 = time.monotonic()
    r = fn(*args)
    return r, time.monotonic() - t0


def starved_by_waiting_writes():
    srv = Server(s, "--busy-timeout", str(BUSY_S))      # the default --threads
    try:
        logins = [Client(srv) for _ in range(6)]
        for c in logins:
            c.get("/entrar")
        reader = Client(srv)
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")                 # another process's write lock
        try:
            with ThreadPoolExecutor(8) as ex:
                posts = [ex.submit(timed, c.post, "/entrar",
                                   {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"})
                         for c in logins]
                time.sleep(0.5)                         # the logins are waiting now
                reads = [timed(reader.get, path) for path in ("/static/pmm.css", "/", "/acciones")]
                posts = [f.result() for f in posts]
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        for (r, secs), path in zip(reads, ("/static/pmm.css", "/", "/acciones")):
            eq(r.status, 200, path + " while writes wait")
            if secs > 1:
                raise AssertionError("%s took %.1f s while 6 logins waited for the lock" % (path, secs))
        print("# logins", ["%d %.1f" % (r.status, t) for r, t in posts], "reads", ["%.2f" % t for _, t in reads])
        for i, (r, secs) in enumerate(posts):
            eq(r.status, 503, "login %d while the database is locked\n%s" % (i, r.body[:800]))
            if secs > BUSY_S + 2:
                raise AssertionError("login %d got its 503 after %.1f s (busy timeout %d s)"
                                     % (i, secs, BUSY_S))
        # once the lock is gone a login succeeds
        eq(logins[0].post("/entrar", {"usuario": "coordinador",
                                      "contrasena": "demo-coordinador-2024"}).status, 303, "login after")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "the server's exit")


check("fault 1: 6 logins waiting on a foreign lock: reads < 1 s, each login 503 within one busy timeout",
      starved_by_waiting_writes)

done()
