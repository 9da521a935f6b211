"""Issue 15, the hostile tester's server faults, round 2 (helper S15B).
Each check drives a real `pmm serve` and fails on the code before its fix
(docs/reliability.md, issue-15 table, round 2):
 1. SIGTERM closed the connections of requests in progress: their work
    was done and logged, the client got nothing. A graceful stop now
    closes the listening socket and lets each request finish and be sent;
12. an API read with a token waited the whole busy timeout while another
    process held the write lock (the token's last-used time is a write):
    that bookkeeping write is now skipped when the lock is taken;
11. on a full disk, saving the action form answered 503 without the form:
    what was typed was lost (the busy case kept it); now kept;
13. the server's log line for a failed write was in the client's language
    (an API request with Accept-Language: en); now in the server's;
14. the access log called a cut answer complete (200 and its size): now
    the line ends with cut=request-timeout (or idle-timeout, client-closed...);
    and a request out of time with nothing sent got an empty EOF: now
    pmm's 503 page;
15. an access log on a full disk lost its lines silently: now stderr says
    so once, and once again when it is written anew;
 6. a server that could not write its file, opened mode=ro beside a -wal
    another process left, went on reading the old file after it was
    replaced by a rename: threads alternated between old and new."""
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from webtest import PMM, Client, Server, Scratch, check, checkpointed_copy, contains, done, eq, fill, small_disk, unfill

s = Scratch()
s.pmm("demo", check=0)


def recv_all(sock, timeout=30):
    sock.settimeout(timeout)
    data = b""
    while True:
        try:
            part = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            break
        if not part:
            break
        data += part
    return data


def graceful_stop_drains():
    """A POST whose body is still arriving when SIGTERM comes gets its
    whole answer; a new connection after SIGTERM is refused; exit 0."""
    srv = Server(s)
    body = b"usuario=coordinador&contrasena=demo-coordinador-2024"
    sock = socket.create_connection(("127.0.0.1", srv.port))
    sock.sendall(b"POST /entrar HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                 b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
    idle = socket.create_connection(("127.0.0.1", srv.port))
    idle.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")     # headers never finished: not waited for
    time.sleep(0.4)
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.4)
    refused = False
    try:
        socket.create_connection(("127.0.0.1", srv.port), timeout=2).close()
    except OSError:
        refused = True
    eq(refused, True, "a connection after SIGTERM is refused (the listening socket is closed)")
    try:
        sock.sendall(body[10:])
    except OSError:
        pass
    answer = recv_all(sock)
    sock.close()
    t0 = time.monotonic()
    contains(answer.decode("utf-8", "replace"), "HTTP/1.1 ", "the request in progress got its answer")
    rc, out, _ = srv.stop()
    idle.close()
    eq(rc, 0, "the server exits 0 after draining")
    eq(time.monotonic() - t0 < 5, True, "a connection still sending its headers does not hold the stop")
    contains(out, "servidor detenido", "and says it stopped")


def token_read_does_not_wait():
    """--busy-timeout 4, another process's BEGIN IMMEDIATE: a token GET
    answers 200 at once (it waited 4 s before), and again a minute's
    bookkeeping later; the token still works after the lock is gone."""
    tok = subprocess.run([PMM, "--db", s.db, "user", "token", "coordinador"],
                         capture_output=True, text=True, check=True).stdout.strip()
    h = {"Authorization": "Bearer " + tok}
    srv = Server(s, "--busy-timeout", "4")
    try:
        c = Client(srv)
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")
        try:
            for _ in range(2):
                t0 = time.monotonic()
                r = c.get("/api/v1/actions/1", headers=h)
                took = time.monotonic() - t0
                eq(r.status, 200, "a token read under another process's write lock")
                eq(took < 1.5, True, "it did not wait for the lock (%.2f s)" % took)
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        eq(c.get("/api/v1/actions/1", headers=h).status, 200, "the token read after the lock")
    finally:
        srv.stop()


def full_disk_keeps_form_and_logs_in_spanish():
    with small_disk(s, "lleno", "8m") as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(s.db, db)
        tok = subprocess.run([PMM, "--db", db, "user", "token", "enlace.inm"],
                             capture_output=True, text=True, check=True).stdout.strip()
        sc = Scratch()
        sc.db = db
        srv = Server(sc, "--threads", "1")
        try:
            inm = Client(srv)
            inm.login("enlace.inm")
            fill(mnt)
            typed = "Lo que se escribió S15B " + "texto largo " * 2000
            r = inm.post("/acciones/nueva", [("nombre", "Guardada en disco lleno"), ("descripcion", typed),
                                             ("edicion", "2025"), ("objetivo_principal", "3")])
            eq(r.status, 503, "the form on a full disk\n" + r.body[:1500])
            contains(r.body, "el disco está lleno", "the page says why")
            contains(r.body, 'action="/acciones/nueva"', "the form is shown again")
            contains(r.body, "Lo que se escribió S15B texto largo", "with what was typed")
            r = inm.request("POST", "/api/v1/editions/2025/actions",
                            '{"nombre": "Por la API en disco lleno", "descripcion": "%s", "objetivos": [3]}'
                            % ("x" * 60000),
                            {"Content-Type": "application/json", "Accept-Language": "en",
                             "Authorization": "Bearer " + tok})
            eq(r.status, 503, "API on a full disk\n" + r.body[:800])
            contains(r.body, "disk is full", "the API answers in the client's language")
        finally:
            code, out, err = srv.stop()
        contains(err, "POST /api/v1/editions/2025/actions: no se pudo escribir en la base de datos",
                 "the server's log, in the server's language")
        eq("could not be written" in err, False, "no English in the server's log:\n" + err)


def log_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def cut_answer_logged_as_cut():
    srv = Server(s, "--request-timeout", "2")
    try:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", srv.port))
        sock.sendall(b"GET /descargas/2024/acciones.json HTTP/1.1\r\nHost: pmm\r\n\r\n")
        sock.recv(100)
        time.sleep(4)                                  # reads nothing more: cut at 2 s
        recv_all(sock, 10)
        sock.close()
        eq(Client(srv).get("/").status, 200, "the server answers others")
    finally:
        srv.stop()
    lines = [ln for ln in log_lines(srv.log) if "/descargas/2024/acciones.json" in ln]
    eq(len(lines), 1, "one line for the cut download: %r" % lines)
    contains(lines[0], " cut=request-timeout", "the access log says the answer was cut")
    whole = [ln for ln in log_lines(srv.log) if '"GET /"' in ln]
    eq(len(whole) == 1 and "cut=" not in whole[0], True, "a whole answer has no cut= (%r)" % whole)


def out_of_time_gets_a_page():
    """--request-timeout 1, --busy-timeout 4, a foreign write lock: a login
    waits for the lock past its time; it gets pmm's 503 page at about 1 s."""
    srv = Server(s, "--request-timeout", "1", "--busy-timeout", "4")
    try:
        c = Client(srv)
        c.get("/entrar")
        lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
        lock.execute("BEGIN IMMEDIATE")
        try:
            t0 = time.monotonic()
            try:
                r = c.post("/entrar", {"usuario": "coordinador", "contrasena": "demo-coordinador-2024"})
                status, body = r.status, r.body
            except Exception as e:  # noqa: BLE001 - an empty EOF before the fix
                status, body = None, repr(e)
            took = time.monotonic() - t0
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        eq(status, 503, "a request out of time\n" + body[:600])
        contains(body, "La solicitud tardó más de lo permitido", "pmm's page")
        eq(took < 3.5, True, "answered when its time ran out, not after the lock (%.2f s)" % took)
        eq(c.get("/").status, 200, "the server answers others")
    finally:
        srv.stop()
    time.sleep(0.1)
    line = [ln for ln in log_lines(srv.log) if '"POST /entrar"' in ln]   # the log is shared: the last
    contains(line[-1], "cut=request-timeout answered=503", "the access log")


def access_log_failure_said():
    with small_disk(s, "lleno-log", "1m") as mnt:
        if not mnt:
            return
        sc = Scratch()
        sc.db, sc.dir = s.db, mnt                      # the access log on the small disk
        srv = Server(sc)
        log = srv.log
        try:
            c = Client(srv)
            fill(mnt)
            for _ in range(20):
                c.get("/ediciones")
            unfill(mnt)
            c.get("/objetivos")
            time.sleep(0.2)
        finally:
            code, _, err = srv.stop()
        contains(err, "no se pudo escribir en el registro de accesos «%s»: el disco está lleno" % log,
                 "stderr says the access log fails")
        eq(err.count("no se pudo escribir en el registro de accesos"), 1, "said once:\n" + err)
        contains(err, "el registro de accesos «%s» se escribe de nuevo" % log, "and when it recovers")
        contains(open(log, encoding="utf-8").read(), '"GET /objetivos"', "the line after recovery")


def replaced_under_mode_ro():
    if os.geteuid() != 0:
        print("# SKIP: needs root to run pmm as nobody")
        return
    ro = s.path("ro6")
    os.mkdir(ro)
    os.chmod(s.dir, 0o755)
    db = os.path.join(ro, "t.db")
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(s.db, db)
    new = os.path.join(ro, "new.db")
    shutil.copy(s.db, new)
    con = sqlite3.connect(new)
    con.execute("INSERT INTO edition(name, state) VALUES ('2031', 'publicada')")
    con.commit()
    con.close()
    for f in (db, new):
        os.chmod(f, 0o644)
    holder = sqlite3.connect(db, isolation_level=None)   # root leaves a -wal beside it
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("UPDATE action SET beneficiaries = beneficiaries WHERE id = 2")
    os.chmod(db + "-wal", 0o644)
    os.chmod(db + "-shm", 0o644)

    def drop():
        os.setgid(65534)
        os.setuid(65534)
    log = "/tmp/pmm-access-s15b-%d.log" % os.getpid()
    proc = subprocess.Popen([PMM, "--db", db, "serve", "--port", "0", "--threads", "4", "--access-log", log],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=Server.env("es"), preexec_fn=drop)
    srv = Server.__new__(Server)
    srv.proc, srv.log = proc, log
    line = proc.stdout.readline()
    srv.port = int(line.split("127.0.0.1:")[1].split("/")[0])
    try:
        before = [Client(srv).get("/ediciones").body for _ in range(12)]
        eq(sum("2031" in b for b in before), 0, "the old content first")
        os.rename(new, db)
        holder.close()
        for f in (db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        time.sleep(1.2)
        after = [Client(srv).get("/ediciones") for _ in range(16)]
        eq([r.status for r in after], [200] * 16, "statuses")
        eq(sum("2031" in r.body for r in after), 16, "every answer from the new file")
    finally:
        code, _, err = srv.stop()
        os.remove(log)
    eq(code, 0, "exit\n" + err)


check("fault 1: SIGTERM lets the request in progress finish and be sent", graceful_stop_drains)
check("fault 12: a token read does not wait for its last-used write", token_read_does_not_wait)
check("faults 11 and 13: a full disk keeps the form; the log is in the server's language",
      full_disk_keeps_form_and_logs_in_spanish)
check("fault 14: the access log says an answer was cut", cut_answer_logged_as_cut)
check("fault 14b: a request out of time before its answer gets pmm's 503 page", out_of_time_gets_a_page)
check("fault 6: a file replaced by rename under a mode=ro server: the new file only", replaced_under_mode_ro)
check("fault 15: an access log that cannot be written is said on stderr", access_log_failure_said)
done()
