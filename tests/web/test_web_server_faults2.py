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
from webtest import Client, Server, Scratch, check, done, eq, timed

s = Scratch()
s.pmm("demo", check=0)
BUSY_S = 5


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
        print("# logins", ["%d %.1f" % (r.status, t) for r, t, _ in posts],
              "reads", ["%.2f" % t for _, t, _ in reads])
        for (r, _, _), path in zip(reads, ("/static/pmm.css", "/", "/acciones")):
            eq(r.status, 200, path + " while writes wait")
        # H15B: structural bounds, not times that a loaded machine passes
        # (they were < 1 s for a read, busy timeout + 2 s for a login).
        # Every read is answered while the logins that wait for the lock
        # still wait: before the fix each thread was held by a login, and
        # a read waited for one of their busy timeouts to run out.
        ended = [end for _, secs, end in posts if secs > BUSY_S * 0.7]
        eq(len(ended) >= 2, True, "logins waited for the lock (else this tells nothing)")
        if reads[-1][2] >= min(ended):
            raise AssertionError("the reads ended %.1f s after a login's wait for the lock ended (reads %s)"
                                 % (reads[-1][2] - min(ended), ["%.2f" % t for _, t, _ in reads]))
        for i, (r, secs, _) in enumerate(posts):
            eq(r.status, 503, "login %d while the database is locked\n%s" % (i, r.body[:800]))
            # no login waits one busy timeout after another (before: the
            # last of 6 on 2 threads after three); its password check
            # (argon2, seconds on a loaded machine) comes on top of one
            if secs >= 2 * BUSY_S:
                raise AssertionError("login %d got its 503 after %.1f s (busy timeout %d s): it waited for "
                                     "another's timeout" % (i, secs, BUSY_S))
        # once the lock is gone a login succeeds
        eq(logins[0].post("/entrar", {"usuario": "coordinador",
                                      "contrasena": "demo-coordinador-2024"}).status, 303, "login after")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "the server's exit")


check("fault 1: 6 logins waiting on a foreign lock: reads answered while they wait, each login 503 within "
      "one busy timeout",
      starved_by_waiting_writes)

done()
