"""Issue 15, the faults the hostile tester left open (helper S15). Each
check drives a real `pmm serve` and fails on the code before its fix
(docs/reliability.md, issue-15 table):
 6. the writer cap (WEB_WRITER_CAP, HOLDER_STUCK_MS): while another
    process holds the write lock, no more than half the threads wait for
    it; the writes past the cap get 503 at once and reads go on."""
import re
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from webtest import Client, Server, Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)


def timed(fn, *args):
    t0 = time.monotonic()
    r = fn(*args)
    return r, time.monotonic() - t0


def login(c):
    return c.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"})


def writer_cap():
    threads, busy = 6, 8                  # the cap is threads / 2 = 3, the one waiting first included
    cap = threads // 2
    srv = Server(s, "--threads", str(threads), "--busy-timeout", str(busy))
    try:
        clients = [Client(srv) for _ in range(7)]
        for c in clients:
            c.get("/entrar")
        reader = Client(srv)
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")                 # another process's write lock
        try:
            with ThreadPoolExecutor(10) as ex:
                first = ex.submit(timed, login, clients[0])
                time.sleep(2)                           # it waits for the lock: past HOLDER_STUCK_MS
                rest = [ex.submit(timed, login, c) for c in clients[1:]]
                time.sleep(1)
                reads = [timed(reader.get, p) for p in ("/static/pmm.css", "/", "/acciones", "/ediciones")]
                rest = [f.result() for f in rest]
                first = first.result()
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        print("# first %d %.1f s; the others %s; reads %s" % (
            first[0].status, first[1], ["%d %.1f" % (r.status, t) for r, t in rest],
            ["%.2f" % t for _, t in reads]))
        for (r, secs), p in zip(reads, ("/static/pmm.css", "/", "/acciones", "/ediciones")):
            eq(r.status, 200, p + " while writes queue")
            if secs > 1:
                raise AssertionError("%s took %.1f s while writes queued" % (p, secs))
        eq(first[0].status, 503, "the first login, waiting for the foreign lock")
        for r, _ in rest:
            eq(r.status, 503, "a login while the database is locked")
        eq(login(clients[0]).status, 303, "a login once the lock is gone")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "the server's exit\n" + err)
    # How long each login took inside the server (the access log: from
    # its request line to its answer): the ones that queued for the lock
    # waited for the first one's busy timeout to run out; the ones past
    # the cap were told at once. (A connection that one thread accepted
    # while another of its connections waits for the lock is read only
    # then: the client sees that wait, the server's log does not.)
    ms = [float(m.group(1)) for m in re.finditer(r'"POST /entrar" 503 \d+ ([0-9.]+)ms', open(srv.log).read())]
    eq(len(ms), 7, "logins answered 503 in the access log")
    waited = [t for t in ms if t > busy * 1000 / 2]
    print("# server-side times of the logins (ms):", ms)
    if len(waited) > cap:
        raise AssertionError("%d logins waited for the lock; the cap is %d" % (len(waited), cap))
    if len(waited) < 2:
        raise AssertionError("only %d login waited: the test did not make writes queue" % len(waited))


check("fault 6: a foreign lock, 7 logins on 6 threads: at most 3 wait, the others 503 at once, "
      "reads answered", writer_cap)

done()
