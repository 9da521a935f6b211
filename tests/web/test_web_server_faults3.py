"""Issue 15, the faults the hostile tester left open (helper S15). Each
check drives a real `pmm serve` and fails on the code before its fix
(docs/reliability.md, issue-15 table):
 1. a server on a file it cannot write (opened immutable: no -shm can be
    made beside it) served stale pages, then called the file «dañado»,
    after another process wrote or replaced it;
 2. a server opened read-only (a full disk, a read-only file) never wrote
    again without a restart;
 3. a client reading the answer one byte at a time was not cut by
    --request-timeout: the socket was shut down, but what the kernel
    still held for it (a whole download) went on reaching it;
 6. the writer cap (WEB_WRITER_CAP, HOLDER_STUCK_MS): while another
    process holds the write lock, no more than half the threads wait for
    it; the writes past the cap get 503 at once and reads go on."""
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from webtest import (PMM, Client, Server, Scratch, check, checkpointed_copy, contains, done, eq, fill, small_disk,
                     timed, total, unfill)

s = Scratch()
s.pmm("demo", check=0)


def login(c):
    return c.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"})


# ---- faults 1 and 2: a database opened read-only ----

class NobodyServer(Server):
    """`pmm serve` on DB (anywhere), as nobody when AS_NOBODY."""

    def __init__(self, db, *extra, as_nobody=True):
        def drop():
            os.setgid(65534)
            os.setuid(65534)
        self.log = "/tmp/pmm-access-s15-%d.log" % os.getpid()
        self.proc = subprocess.Popen([PMM, "--db", db, "serve", "--port", "0", "--access-log", self.log, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=self.env("es"), preexec_fn=drop if as_nobody else None)
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.proc.stdout.readline())
        if not m:
            self.proc.kill()
            raise AssertionError("pmm serve did not start: %s" % self.proc.stderr.read())
        self.port = int(m.group(1))

    def stop(self):
        r = super().stop()
        os.remove(self.log)
        return r


def read_only_folder(name):
    """A 0444 copy of the demo in a 0555 folder: nobody can neither write
    it nor make its -shm, so pmm opens it immutable. None if not root."""
    if os.geteuid() != 0:
        print("# SKIP: needs root to run pmm as nobody")
        return None
    ro = s.path(name)
    os.mkdir(ro)
    db = os.path.join(ro, "t.db")
    checkpointed_copy(s.db, db)
    os.chmod(db, 0o444)
    os.chmod(ro, 0o555)
    os.chmod(s.dir, 0o755)
    return db


def login(c, user="admin", password="demo-admin-2024"):
    c.get("/entrar")
    return c.post("/entrar", {"usuario": user, "contrasena": password})


def actions_and_editions(c):
    r = c.get("/acciones?edicion=2024")
    eq(r.status, 200, "/acciones\n" + r.body[:1500])
    e = c.get("/ediciones")
    eq(e.status, 200, "/ediciones\n" + e.body[:1500])
    return total(r.body), e.body


def changed_underneath():
    db = read_only_folder("inmutable")
    if not db:
        return
    srv = NobodyServer(db)
    try:
        c = Client(srv)
        n0, eds = actions_and_editions(c)
        if "2031" in eds:
            raise AssertionError("the demo already has an edition 2031")
        # another process (root) writes the file in place: its WAL is
        # checkpointed into the file and removed when it closes
        con = sqlite3.connect(db)
        con.execute("INSERT INTO edition(name, state) VALUES ('2031', 'publicada')")
        con.execute("DELETE FROM action WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER "
                    "(PARTITION BY edition_id ORDER BY id) AS n FROM action) WHERE n <= 40)")
        con.commit()
        con.close()
        for _ in range(3):
            n1, eds = actions_and_editions(c)
            eq(n1, n0 - 40, "the actions after another process deleted 40 of each edition")
            contains(eds, "2031", "the edition another process added")
        # and replaces it by a rename (a restore): another inode
        other = os.path.join(os.path.dirname(db), "nuevo.db")
        checkpointed_copy(s.db, other)
        os.rename(other, db)
        n2, eds = actions_and_editions(c)
        eq(n2, n0, "the actions of the file put in its place")
        if "2031" in eds:
            raise AssertionError("the replaced file's edition is still shown")
        # and overwrites it in place with another database's bytes (same
        # inode, every page moved: deleted rows, then VACUUM)
        variant = s.path("variante.db")
        checkpointed_copy(s.db, variant)
        con = sqlite3.connect(variant)
        con.execute("DELETE FROM action WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER "
                    "(PARTITION BY edition_id ORDER BY id) AS n FROM action) WHERE n <= 100)")
        con.commit()
        con.execute("VACUUM")
        con.close()
        shutil.copyfile(variant, db)
        for _ in range(3):
            n3, _eds = actions_and_editions(c)
            eq(n3, n0 - 100, "the actions of the file copied over it")
        r = c.get("/acciones?q=migrantes")
        eq(r.status, 200, "a search after the change")
    finally:
        code, out, err = srv.stop()
        os.chmod(os.path.dirname(db), 0o755)
    eq(code, 0, "exit\n" + err)
    if "dañad" in err:
        raise AssertionError("the server called the file damaged:\n" + err)


def writable_again():
    db = read_only_folder("se-libera")
    if not db:
        return
    srv = NobodyServer(db, "--threads", "1")       # one connection: the one that was read-only
    try:
        c = Client(srv)
        r = login(c)
        eq(r.status, 503, "a login on the read-only file\n" + r.body[:1500])
        contains(r.body, "es de solo lectura")
        os.chmod(os.path.dirname(db), 0o777)
        os.chmod(db, 0o666)
        time.sleep(1.2)
        r = login(c)
        eq(r.status, 303, "a login once the file can be written\n" + r.body[:1500])
        eq(c.get("/panel").status, 200, "the panel of the session just written")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "exit\n" + err)
    eq(s.query("SELECT count(*) FROM account WHERE username = 'admin'")[0][0], 1, "sanity")


def disk_has_room_again():
    with small_disk(s) as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(s.db, db)
        fill(mnt)
        srv = NobodyServer(db, "--threads", "1", as_nobody=False)
        try:
            c = Client(srv)
            r = login(c)
            eq(r.status, 503, "a login on the full disk\n" + r.body[:1500])
            contains(r.body, "el disco está lleno")
            unfill(mnt)
            time.sleep(1.2)
            r = login(c)
            eq(r.status, 303, "a login once the disk has room\n" + r.body[:1500])
            eq(c.get("/panel").status, 200, "the panel of the session just written")
        finally:
            code, out, err = srv.stop()
        eq(code, 0, "exit\n" + err)


check("fault 1: a file opened immutable and written or replaced by another process: the new "
      "content is served, never called damaged", changed_underneath)
check("fault 2a: a read-only file made writable: the server writes again without a restart",
      writable_again)
check("fault 2b: a full disk that has room again: the server writes again without a restart",
      disk_has_room_again)


# ---- fault 3: a slow reader ----

def slow_reader():
    srv = Server(s, "--request-timeout", "2")
    try:
        full = int(Client(srv).get("/descargas/2024/acciones.json").header("Content-Length"))
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", srv.port))
        sock.sendall(b"GET /descargas/2024/acciones.json HTTP/1.1\r\nHost: pmm\r\n\r\n")
        t0, got = time.monotonic(), 0
        while time.monotonic() - t0 < 4:               # twice the limit, a byte at a time
            got += len(sock.recv(1))
            time.sleep(0.1)
        end = "closed"
        sock.settimeout(10)
        try:
            while True:                                 # then whatever still comes, at once
                b = sock.recv(65536)
                if not b:
                    break
                got += len(b)
        except ConnectionResetError:
            end = "reset"
        sock.close()
        print("# a reader of one byte every 0.1 s: %d bytes of a body of %d, then %s" % (got, full, end))
        if got >= full:
            raise AssertionError("the slow reader got the whole answer (%d bytes) past --request-timeout" % got)
        eq(end, "reset", "how the slow reader's connection ended")
        eq(Client(srv).get("/").status, 200, "the server answers others")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "exit\n" + err)


check("fault 3: a client reading its answer a byte at a time is cut at --request-timeout", slow_reader)


# ---- fault 6: the writer cap ----

def read_from(path, offset):
    with open(path, encoding="utf-8") as f:
        f.seek(offset)
        return f.read()


def login_at_once(c):
    """The admin's login, its POST in one send() (Client.post_at_once)."""
    c.get("/entrar")
    return c.post_at_once("/entrar", {"usuario": "admin", "contrasena": "demo-admin-2024"})


def writer_cap(head_start=2, busy=16):
    threads = 6                           # the cap is threads / 2 = 3, the one waiting first included
    cap = threads // 2
    log_from = os.path.getsize(s.path("access.log")) if os.path.exists(s.path("access.log")) else 0
    srv = Server(s, "--threads", str(threads), "--busy-timeout", str(busy))
    paths = ("/static/pmm.css", "/", "/acciones", "/ediciones")
    try:
        clients = [Client(srv) for _ in range(7)]
        for c in clients:
            c.get("/entrar")
        reader = Client(srv)
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")                 # another process's write lock
        try:
            with ThreadPoolExecutor(10) as ex:
                first = ex.submit(timed, login_at_once, clients[0])
                time.sleep(head_start)                  # 2: it waits for the lock, past HOLDER_STUCK_MS
                rest = [ex.submit(timed, login_at_once, c) for c in clients[1:]]
                # the reads, while the logins that wait for the lock wait
                # (those past the cap hold a thread while their password
                # is checked, argon2, seconds on a loaded machine: a read
                # may wait for one of those threads, not for the lock)
                # (2 s, not 0.5: a worker accepts up to ten new connections
                # in one turn before it runs their requests, so a read whose
                # connection came while a login's was still being accepted
                # could land on the thread that then waits for the lock: a
                # loaded run, a read of 16.3 s. Every login is accepted by
                # then; the lock's wait is 16 s)
                time.sleep(2.0)
                reads = [timed(reader.get, p) for p in paths]
                waiting = sum(not f.done() for f in rest)
                rest = [f.result() for f in rest]
                first = first.result()
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        print("# first %d %.1f s; the others %s; reads %s, after which %d logins besides the first still waited" % (
            first[0].status, first[1], ["%d %.1f" % (r.status, t) for r, t, _ in rest],
            ["%.2f" % t for _, t, _ in reads], waiting))
        for (r, _, _), p in zip(reads, paths):
            eq(r.status, 200, p + " while writes queue")
        # H15B: structural, not a time (it was < 1 s, flaky on a loaded
        # machine): every read was answered while the logins that wait for
        # the lock still waited. Without the cap every thread waits, and a
        # read is answered only once a login's wait has ended.
        ended = [end for _, secs, end in [first] + rest if secs > busy * 0.7]
        if ended and reads[-1][2] >= min(ended):
            raise AssertionError("the reads ended %.1f s after a login's wait for the lock ended (reads %s)"
                                 % (reads[-1][2] - min(ended), ["%.2f" % t for _, t, _ in reads]))
        eq(first[0].status, 503, "the first login, waiting for the foreign lock")
        for r, _, _ in rest:
            eq(r.status, 503, "a login while the database is locked")
        eq(login(clients[0]).status, 303, "a login once the lock is gone")
    finally:
        code, out, err = srv.stop()
    eq(code, 0, "the server's exit\n" + err)
    # How long each login took inside the server (the access log: from
    # its request line to its answer): the ones that queued for the lock
    # waited for the first one's busy timeout to run out; the ones past
    # the cap were told at once.
    ms = [float(m.group(1)) for m in re.finditer(r'"POST /entrar" 503 \d+ ([0-9.]+)ms', read_from(srv.log, log_from))]
    eq(len(ms), 7, "logins answered 503 in the access log")
    # a login's time includes its password check, seconds on a loaded
    # machine: waiting for the lock is most of a busy timeout
    waited = [t for t in ms if t > busy * 1000 * 0.7]
    print("# server-side times of the logins (ms):", ms)
    # One more was allowed when each login's body came apart from its
    # headers: a thread that had read the request line of a second login
    # before the first's body came answered it only after the first's
    # wait, and the log counted that (a CI run: 14 075 ms waiting, then
    # the other login of the same thread at 14 265 ms; a thread takes up
    # to 10 new connections in one turn, so more could show, and a loaded
    # machine flaked). H15B: each login is now sent whole (post_at_once),
    # so a thread runs it in the turn it reads it and the log counts only
    # the waits for the lock: at most the cap. Without the cap every
    # thread that took a login waits (4 to 6 of 6 here), so this tells.
    if len(waited) > cap:
        raise AssertionError("%d logins waited for the lock; the cap is %d" % (len(waited), cap))
    if len(waited) < 2:
        raise AssertionError("only %d login waited: the test did not make writes queue" % len(waited))


check("fault 6: a foreign lock, 7 logins on 6 threads: at most 3 wait, the others 503 at once, "
      "reads answered", writer_cap)
# A CI run: the first login's password check ran long, the others queued
# before it was seen waiting for the foreign lock, and five waited. The
# cap holds for writers already queued too.
check("fault 6b: 7 logins at once, before any is seen stuck on the foreign lock: still at most 3 wait",
      lambda: writer_cap(head_start=0))

done()
