"""Issue 15, helper H15B: a graceful stop (SIGTERM) dropped requests a
client had sent before the signal. The hostile tester: 16 clients, each a
GET (another run: POSTs saving an action), SIGTERM while they were in
progress: 8-12 GETs got no answer (a reset or an empty close), and 6 POSTs
whose action WAS saved got none, logged `201 ... cut=send-error`.
Two causes, each failing this test on the code before its fix:
 a. connections the kernel had accepted into the listening socket's
    queue, not yet taken by libmicrohttpd, were reset when the stop closed
    that socket: the stop now takes them and serves them;
 b. a connection libmicrohttpd had taken whose request it had not read yet
    (its thread busy with another request) was shut down as idle: its
    request was read and done afterwards (an action saved) and the answer
    could not be sent. Only a connection with no request pending is idle.
Check 1 keeps the worker busy structurally: --threads 1 and a write
waiting for another process's write lock, released after the signal.
Check 2 is the tester's run: default threads, 16 GETs of an API page of
1 000 actions (about 50 ms each) and 6 POSTs, SIGTERM 50 ms after they
are sent; on the code before the fix 18-19 of 22 got nothing, each round."""
import os
import resource
import socket
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import (PMM, Scratch, Server, action_post_request, big_edition, check, contains, done, eq,  # noqa: E402
                     get_request, read_answer)

s = Scratch()
s.pmm("demo", check=0)
TOKEN = subprocess.run([PMM, "--db", s.db, "user", "token", "enlace.inm"],
                       capture_output=True, text=True, check=True).stdout.strip()


def post_request(tag):
    return action_post_request(TOKEN, "H15B-" + tag, "Guardada durante la parada " + tag)


def saved(prefix):
    db = sqlite3.connect(s.db, timeout=30)
    try:
        return db.execute("SELECT count(*) FROM action WHERE folio LIKE ?", (prefix + "%",)).fetchone()[0]
    finally:
        db.close()


def connection(early, srv):
    """One of the connections the worker took (EARLY), else a new one."""
    if early:
        return "taken", early.pop()
    return "queued", socket.create_connection(("127.0.0.1", srv.port))


def stop_answers_what_was_sent(nget=10, npost=6, taken=4):
    """--threads 1: a POST waits for another process's write lock, holding
    the one worker. Then requests are sent that it cannot read: on TAKEN
    connections it had accepted before (cause b), on a kept-alive
    connection after its first answer (b), and NGET GETs and NPOST POSTs in
    all on new connections left in the listening queue (cause a); SIGTERM
    comes while none of them has been read. The lock is released after the
    signal: each gets its whole answer (with Connection: close), each 201
    is an action saved and each saved action a 201, nothing is logged as
    cut, the process exits 0."""
    srv = Server(s, "--threads", "1", "--busy-timeout", "60", "--request-timeout", "30")
    kept = socket.create_connection(("127.0.0.1", srv.port))
    kept.sendall(get_request("/acciones", close=False))
    eq(read_answer(kept)[0], 200, "the kept-alive connection's first answer")
    early = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(taken)]
    time.sleep(0.3)                          # the idle worker accepts them
    lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
    lock.execute("BEGIN IMMEDIATE")
    socks = []
    try:
        first = socket.create_connection(("127.0.0.1", srv.port))
        first.sendall(post_request("A-0"))
        socks.append(("POST 0", first))
        time.sleep(0.5)                      # the worker takes it and waits for the lock
        kept.sendall(get_request("/tendencias"))
        socks.append(("GET /tendencias, kept alive", kept))
        for i in range(max(nget, npost)):
            if i < nget:
                how, c = connection(early, srv)
                c.sendall(get_request("/descargas/2024/acciones.json" if i % 2 else "/acciones?p=%d" % i))
                socks.append(("GET %d, %s" % (i, how), c))
            if i + 1 < npost:
                how, c = connection(early, srv)
                c.sendall(post_request("A-%d" % (i + 1)))
                socks.append(("POST %d, %s" % (i + 1, how), c))
        time.sleep(0.5)                      # all delivered; none read (the worker waits)
        t0 = time.monotonic()
        srv.terminate()                      # stopped here, read below
        time.sleep(0.5)                      # the stop has begun: the listening socket is closed
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    answers = [(name, read_answer(c)) for name, c in socks]
    for _, c in socks:
        c.close()
    _, out, err = srv.exited()
    took = time.monotonic() - t0
    with open(srv.log, encoding="utf-8") as f:
        cut = [ln for ln in f.read().splitlines() if "cut=" in ln]
    lost = [(name, a[1][:200], a[2]) for name, a in answers if a[0] is None]
    n = saved("H15B-A-")
    eq(lost, [], "every request sent before SIGTERM got its whole answer (%d actions saved; logged as cut: %s)"
       % (n, "\n".join(cut)))
    for name, (status, head, body) in answers:
        want = 201 if name.startswith("POST") else 200
        eq(status, want, "%s: its answer\n%s" % (name, (body or b"")[:300]))
        contains(head.lower(), "connection: close", "%s: answered during the stop, closing" % name)
    eq(n, npost, "each POST's action saved once")
    eq(cut, [], "nothing logged as cut")
    eq(srv.proc.returncode, 0, "exit 0\n" + err)
    contains(out, "servidor detenido", "it says it stopped")
    eq(took < 31, True, "within --request-timeout + 1 s of the signal (%.1f s)" % took)
    print("# stop with %d requests queued: exit %.2f s after SIGTERM" % (len(socks), took))


def the_testers_run(rounds=3):
    """16 GETs of a page of 1 000 actions (a token: never cached) and 6
    POSTs at once, SIGTERM 50 ms later, each round on a new server: every
    one answered whole, each 201 an action saved and each saved one a 201,
    no line logged as cut, exit 0."""
    big_edition(s, 8000)
    for rnd in range(rounds):
        srv = Server(s)
        socks = []
        for i in range(16):
            c = socket.create_connection(("127.0.0.1", srv.port))
            c.sendall(b"GET /api/v1/editions/big/actions?por_pagina=1000&pagina=%d HTTP/1.1\r\nHost: pmm\r\n"
                      b"Authorization: Bearer %s\r\nConnection: close\r\n\r\n" % (i % 8 + 1, TOKEN.encode()))
            socks.append(("GET %d" % i, c))
            if i % 3 == 0:
                c = socket.create_connection(("127.0.0.1", srv.port))
                c.sendall(post_request("R%d-%d" % (rnd, i)))
                socks.append(("POST %d" % i, c))
        time.sleep(0.05)
        t0 = time.monotonic()
        srv.terminate()
        answers = [(name, read_answer(c)) for name, c in socks]
        for _, c in socks:
            c.close()
        out, err = srv.proc.communicate(timeout=120)
        took = time.monotonic() - t0
        with open(srv.log, encoding="utf-8") as f:
            cut = [ln for ln in f.read().splitlines() if "cut=" in ln]
        os.remove(srv.log)
        n = saved("H15B-R%d-" % rnd)
        lost = [(name, why) for name, (status, _, why) in answers if status is None]
        eq(lost, [], "round %d: every request answered whole (%d saved; cut: %s)" % (rnd, n, "\n".join(cut)))
        eq([(name, st) for name, (st, _, _) in answers if st != (201 if name.startswith("POST") else 200)], [],
           "round %d: each answered 200 or 201" % rnd)
        eq(n, 6, "round %d: each POST's action saved once" % rnd)
        eq(cut, [], "round %d: nothing logged as cut" % rnd)
        eq(srv.proc.returncode, 0, "exit 0\n" + err)
        print("# round %d: %d requests, exit %.2f s after SIGTERM" % (rnd, len(socks), took))


def stop_behind_a_held_worker(srv, tag, nqueued, before_stop=None):
    """SRV's one worker (--threads 1) takes the API POST TAG, which waits
    for a foreign write lock; NQUEUED GETs then wait in the listening queue;
    BEFORE_STOP(SRV) runs, SIGTERM comes, the lock is released. Checks the
    POST's 201; returns what each queued GET got (None: closed unanswered)
    and the server's stderr once it has exited."""
    lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
    lock.execute("BEGIN IMMEDIATE")
    try:
        first = socket.create_connection(("127.0.0.1", srv.port))
        first.sendall(post_request(tag))
        time.sleep(0.5)
        queued = []
        for i in range(nqueued):
            c = socket.create_connection(("127.0.0.1", srv.port))
            c.sendall(get_request("/acciones?p=%d" % i))
            queued.append(c)
        time.sleep(0.5)
        if before_stop:
            before_stop(srv)
        srv.terminate()
        time.sleep(0.5)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    eq(read_answer(first)[0], 201, "the POST in progress")
    got = [read_answer(c)[0] for c in queued]
    for c in [first] + queued:
        c.close()
    out, err = srv.proc.communicate(timeout=60)
    return got, err


def refused_at_the_stop_said():
    """--threads 1 --max-per-ip 2: the worker holds a POST waiting for a
    foreign lock (one connection of 127.0.0.1), three GETs wait in the
    queue. At SIGTERM the stop takes one (the second of the address) and
    libmicrohttpd refuses the other two: they are closed unanswered, and
    stderr says how many and why, in the server's language."""
    srv = Server(s, "--threads", "1", "--max-per-ip", "2", "--busy-timeout", "60")
    got, err = stop_behind_a_held_worker(srv, "M-0", 3)
    got = sorted(str(g) for g in got)
    eq(got, ["200", "None", "None"], "one queued GET taken (the address's second), two refused")
    contains(err, "pmm serve: al detenerse, 2 conexiones que esperaban ser aceptadas se cerraron sin respuesta: "
             "el límite de conexiones (o el de --max-per-ip) no admitía más", "said on stderr")
    eq(srv.proc.returncode, 0, "exit 0\n" + err)


def no_more_files(srv):
    """SRV's limit of open files lowered to what it has open (prlimit)."""
    n = len(os.listdir("/proc/%d/fd" % srv.proc.pid))
    resource.prlimit(srv.proc.pid, resource.RLIMIT_NOFILE, (n, n))


def out_of_files_at_the_stop_said():
    """--threads 1: the worker holds a POST waiting for a foreign lock, two
    GETs wait in the queue, and the running server may open no more files
    (its limit lowered to what it has open, prlimit): at SIGTERM they cannot
    be taken and are closed unanswered, and stderr says so, with why."""
    srv = Server(s, "--threads", "1", "--busy-timeout", "60")
    got, err = stop_behind_a_held_worker(srv, "F-0", 2, before_stop=no_more_files)
    eq(got, [None, None], "the queued GETs, not taken")
    contains(err, "pmm serve: al detenerse, las conexiones que aún esperaban ser aceptadas se cerraron sin "
             "respuesta: demasiados archivos abiertos", "said on stderr")
    eq(srv.proc.returncode, 0, "exit 0\n" + err)


check("SIGTERM: every request sent before it is answered whole (queued, not yet read)",
      stop_answers_what_was_sent)
check("SIGTERM: queued connections libmicrohttpd refuses are said", refused_at_the_stop_said)
check("SIGTERM: queued connections that cannot be accepted (no files left) are said",
      out_of_files_at_the_stop_said)
check("SIGTERM during the tester's 16 GETs and 6 POSTs: none lost", the_testers_run)
done()
