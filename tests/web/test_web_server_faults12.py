"""Issue 15, round 5, helper g15b: the tester's F2, F6 and F7, each through
a real `pmm serve`, each failing on the code before its fix.

F2. On a full disk (downloads rendered in memory, kept by the response
    cache) /descargas/E/F and /descargas/E/rN/F, the same revision, were
    two entries: each address rendered the file again. The second address
    now takes the bytes the first one's entry holds (X-Pmm-Cache: shared),
    and the entry moves to it (one copy); asked at once, one renders and
    the other waits for it; after the full disk's 60 s the kept bytes are
    stored in the folder instead of rendering the file again.
F6. Two different Content-Length headers were accepted (the first used):
    now pmm's 400, in the user's language, JSON on /api/.
F7. (a) a request answered 503 «Tiempo agotado» by --request-timeout was
    logged with the status of the answer dropped; (b) at a stop, requests
    whose headers were still arriving were logged as closed by their
    clients; (c) --threads 1 printed libmicrohttpd's English warning;
    (d) SIGUSR1, SIGUSR2 and SIGALRM ended the server.
"""
import json
import os
import signal
import socket
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import (Client, Scratch, Server, check, checkpointed_copy, contains, done, eq, fill,  # noqa: E402
                     full_disk_server, raw, small_disk, unfill)

s = Scratch()
s.pmm("demo", check=0)


def log_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


# ---- F2 ----

def latest_revision():
    con = sqlite3.connect(s.db)
    n = con.execute("SELECT max(r.n) FROM edition_revision r JOIN edition e ON e.id = r.edition_id "
                    "WHERE e.name = '2024'").fetchone()[0]
    con.close()
    return n


def one_file_under_two_addresses():
    with full_disk_server(s, "lleno-f2", "16m") as srv:
        if not srv:
            return
        c = Client(srv)
        rn = "r%d" % latest_revision()
        for f in ("acciones.json", "informe.pdf"):
            a = c.get("/descargas/2024/" + f)
            eq(a.status, 200, f)
            eq(a.header("X-Pmm-Cache"), None, f + ": rendered in memory (the disk is full)")
            b = c.get("/descargas/2024/%s/%s" % (rn, f))
            eq(b.status, 200, rn + "/" + f)
            eq(b.header("X-Pmm-Cache"), "shared", rn + "/" + f + ": the same revision's bytes, not rendered again")
            eq(b.body == a.body, True, "the same bytes")
            contains(b.header("Content-Disposition") or "", rn, "named as its own address names it")
            # one copy of the file is kept: its entry moved to the second
            # address, and the first one takes it back (not its own old entry)
            a2 = c.get("/descargas/2024/" + f)
            eq((a2.status, a2.header("X-Pmm-Cache")), (200, "shared"), f + ": one entry, moved")
            eq(rn in (a2.header("Content-Disposition") or ""), False, "named as the latest address names it")


def both_addresses_at_once():
    """The two addresses asked at once: one rendering (the file stays
    claimed until its answer is kept), the other takes its bytes."""
    with full_disk_server(s, "lleno-f2b", "16m") as srv:
        if not srv:
            return
        c = Client(srv)
        eq(c.get("/descargas/2024/acciones.csv").status, 200, "the folder found full")
        rn = "r%d" % latest_revision()
        for f in ("compendio.pdf", "informe.html"):
            got = {}
            paths = ["/descargas/2024/" + f, "/descargas/2024/%s/%s" % (rn, f)]
            ts = [threading.Thread(target=lambda p=p: got.__setitem__(p, Client(srv).get(p))) for p in paths]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            eq([got[p].status for p in paths], [200, 200], f)
            eq(sorted(str(got[p].header("X-Pmm-Cache")) for p in paths), ["None", "shared"],
               f + ": rendered once")


def stored_from_the_kept_bytes():
    """After the full disk's 60 s, with room again, the other address
    stores the bytes the response cache holds instead of rendering the file
    once more (the wait is the fixed 60 s of CACHE_RETRY_S). The cache
    folder is a link to a small file system of its own, so that the
    database's connections, opened with room, are not opened again (which
    drops the response cache) when that one has room again."""
    with small_disk(s, "lleno-f2c", "4m") as mnt:
        if not mnt:
            return
        db = s.path("f2c.db")
        checkpointed_copy(s.db, db)
        os.mkdir(os.path.join(mnt, "cache"))
        os.symlink(os.path.join(mnt, "cache"), db + "-cache")
        fill(mnt)
        srv = Server(s, db=db)
        try:
            c = Client(srv)
            rn = "r%d" % latest_revision()
            a = c.get("/descargas/2024/informe.pdf")
            eq((a.status, a.header("X-Pmm-Cache")), (200, None), "rendered in memory (the folder is full)")
            unfill(mnt)
            time.sleep(61)
            b = c.get("/descargas/2024/%s/informe.pdf" % rn)
            eq((b.status, b.header("X-Pmm-Cache")), (200, "shared"), "stored from the kept bytes, not rendered")
            eq(b.body == a.body, True, "the same bytes")
            eq(c.get("/descargas/2024/%s/informe.pdf" % rn).header("X-Pmm-Cache"), "hit", "from the folder now")
            eq(len([f for f in os.listdir(db + "-cache") if f.endswith("informe.pdf")]), 1, "stored")
        finally:
            srv.stop()


# ---- F6 ----

def two_content_lengths_refused():
    srv = Server(s)
    try:
        status, text = raw(srv, b"POST /entrar HTTP/1.1\r\nHost: pmm\r\nContent-Type: application/x-www-form-urlencoded"
                                b"\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde")
        eq(status, 400, text[:600])
        contains(text, "dos encabezados Content-Length distintos", "pmm's page, in Spanish")
        eq(text.count("HTTP/1.1 "), 1, "one head")
        status, text = raw(srv, b"GET /api/v1/editions HTTP/1.1\r\nHost: pmm\r\nAccept-Language: en\r\n"
                                b"Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde")
        eq(status, 400, text[:600])
        body = json.loads(text.split("\r\n\r\n", 1)[1])
        contains(json.dumps(body), "two different Content-Length headers", "JSON, in the language asked for")
        status, _ = raw(srv, b"GET / HTTP/1.1\r\nHost: pmm\r\nContent-Length: 0\r\nContent-Length: 0\r\n"
                             b"Connection: close\r\n\r\n")
        eq(status, 200, "the same length twice is one length")
    finally:
        srv.stop()


# ---- F7 ----

def timed_out_answer_logged_as_sent():
    """(a) --request-timeout 1: a login waits for a foreign write lock,
    released after 2.5 s; the client gets pmm's 503 at 1 s, the login then
    succeeds (a 303 dropped). The log says 503, what was sent."""
    srv = Server(s, "--request-timeout", "1", "--busy-timeout", "20")
    try:
        c = Client(srv)
        c.get("/entrar")
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30, check_same_thread=False)
        lock.execute("BEGIN IMMEDIATE")
        release = threading.Timer(2.5, lambda: lock.execute("ROLLBACK"))
        release.start()
        try:
            r = c.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"})
            eq(r.status, 503, r.body[:600])
            contains(r.body, "La solicitud tardó más de lo permitido", "pmm's page")
        finally:
            release.join()
            lock.close()
        time.sleep(3)              # the login goes on to its end
    finally:
        srv.stop()
    line = [ln for ln in log_lines(srv.log) if '"POST /entrar"' in ln][-1]
    contains(line, "cut=request-timeout answered=503", "the access log")
    contains(line, '" 503 ', "the status sent: %r" % line)


def half_sent_requests_at_a_stop():
    """(b) requests whose headers were still arriving at a stop are said as
    closed by the stop, not by their clients."""
    srv = Server(s)
    socks = []
    for _ in range(3):
        k = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        k.sendall(b"GET / HTTP/1.1\r\nHost: pmm\r\n")
        socks.append(k)
    time.sleep(0.5)
    code, _, err = srv.stop()
    for k in socks:
        k.close()
    eq(code, 0, err)
    eq("un cliente cerró la conexión" in err, False, "blamed on the clients\n" + err)
    contains(err, "al detenerse el servidor se cerró una conexión cuya solicitud aún no terminaba de llegar",
             "said as the stop's")


def one_thread_in_pmm_words():
    """(c) --threads 1: no warning of libmicrohttpd's."""
    srv = Server(s, "--threads", "1")
    try:
        eq(Client(srv).get("/").status, 200, "it serves")
    finally:
        code, _, err = srv.stop()
    eq(code, 0, err)
    eq("libmicrohttpd" in err or "thread pool" in err, False, "a warning in English\n" + err)


def other_signals():
    """(d) SIGUSR1 reopens the access log as SIGHUP does (nginx's
    log-reopen, in logrotate stanzas copied from nginx's); SIGUSR2 and
    SIGALRM are ignored."""
    srv = Server(s)
    try:
        eq(Client(srv).get("/").status, 200, "before")
        os.rename(srv.log, srv.log + ".1")
        srv.proc.send_signal(signal.SIGUSR1)
        for sig in (signal.SIGUSR2, signal.SIGALRM):
            srv.proc.send_signal(sig)
        time.sleep(0.5)
        eq(srv.proc.poll(), None, "still running")
        eq(Client(srv).get("/").status, 200, "after the signals")
        deadline = time.monotonic() + 10
        while not os.path.exists(srv.log) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        code, _, err = srv.stop()
    eq(code, 0, "a stop as SIGTERM's\n" + err)
    eq(os.path.exists(srv.log), True, "the log reopened at its name")
    contains("\n".join(log_lines(srv.log)), '"GET /"', "the new log")


check("F2: a file rendered in memory is one entry's bytes under its two addresses", one_file_under_two_addresses)
check("F2: the two addresses at once: one rendering", both_addresses_at_once)
check("F2: after the full disk's window, the kept bytes are stored, not rendered", stored_from_the_kept_bytes)
check("F6: two different Content-Length headers get pmm's 400", two_content_lengths_refused)
check("F7a: an answer cut by --request-timeout is logged as the 503 sent", timed_out_answer_logged_as_sent)
check("F7b: half-sent requests at a stop are said as the stop's", half_sent_requests_at_a_stop)
check("F7c: --threads 1 prints no libmicrohttpd warning", one_thread_in_pmm_words)
check("F7d: SIGUSR1 reopens the log, SIGUSR2 and SIGALRM are ignored", other_signals)
done()
