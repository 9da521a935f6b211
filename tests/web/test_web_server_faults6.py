"""Issue 15, hostile round 3 (helper F15): the server's faults F9, F4, F8
(docs/reliability.md, issue-15 table, round 3). Each check drives a real
`pmm serve` and fails on the code before its fix:
 F9. a login on a full disk or a read-only database got the generic 503
     page: the name typed was lost and the reason not said with the form;
 F4. libmicrohttpd's English lines on stderr («Connection was closed by
     remote side with incomplete request.» once per cut request) instead
     of pmm's log, in its language, repeated faults aggregated;
 F8. what pmm itself answers to a header line near the limit
     docs/deploy.md gives (pmm's own 431, once)."""
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
import webtest
from webtest import (PMM, Client, Server, Scratch, big_edition, check, checkpointed_copy, contains, db_on_full_disk,
                     done, eq)

s = Scratch()
s.pmm("demo", check=0)
ROOT = os.geteuid() == 0
GEN = os.environ.get("PMM_GEN")


class DbServer(Server):
    """`pmm serve` on DB (anywhere), as nobody when AS_NOBODY."""

    def __init__(self, db, *extra, as_nobody=False, lang="es"):
        def drop():
            os.setgid(65534)
            os.setuid(65534)
        self.log = "/tmp/pmm-access-f15-%d.log" % os.getpid()
        self.proc = subprocess.Popen([PMM, "--db", db, "serve", "--port", "0", "--access-log", self.log, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=self.env(lang), preexec_fn=drop if as_nobody else None)
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.proc.stdout.readline())
        if not m:
            self.proc.kill()
            raise AssertionError("pmm serve did not start: %s" % self.proc.stderr.read())
        self.port = int(m.group(1))

    def stop(self):
        r = super().stop()
        if os.path.exists(self.log):
            os.remove(self.log)
        return r


def login(c, user="coordinador", password="demo-coordinador-2024"):
    c.get("/entrar")
    return c.post("/entrar", {"usuario": user, "contrasena": password})


def login_form_kept(r, reason):
    eq(r.status, 503, "a login that cannot be written\n" + r.body[:1500])
    contains(r.body, 'action="/entrar"', "the login form again, not the generic page")
    contains(r.body, 'name="usuario" autocomplete="username" required value="coordinador"', "the name kept")
    contains(r.body, "No se pudo abrir la sesión. No se guardó nada: la base de datos no se puede escribir porque "
             + reason)


# ---- F9 ----

def login_on_read_only_database():
    if not ROOT:
        print("# SKIP: needs root to run pmm as nobody")
        return
    ro = s.path("ro")
    os.mkdir(ro)
    db = os.path.join(ro, "t.db")
    checkpointed_copy(s.db, db)
    os.chmod(db, 0o444)
    os.chmod(ro, 0o555)
    os.chmod(s.dir, 0o755)
    srv = DbServer(db, "--threads", "1", as_nobody=True)
    try:
        login_form_kept(login(Client(srv)), "es de solo lectura")
    finally:
        code, _, err = srv.stop()
    eq(code, 0, "exit\n" + err)


def login_on_full_disk():
    with db_on_full_disk(s, cache=False) as db:
        if not db:
            return
        srv = DbServer(db, "--threads", "1")
        try:
            login_form_kept(login(Client(srv)), "el disco está lleno")
        finally:
            srv.stop()


# ---- F4 ----

def cut_requests(port, n):
    """N connections closed in the middle of their request's headers (a slowloris given up)."""
    for _ in range(n):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Relleno: a")
        time.sleep(0.01)
        sock.close()
    time.sleep(0.5)


def libmicrohttpd_lines_in_pmms_log():
    for lang, first, repeated in (
            ("es", "pmm serve: un cliente cerró la conexión o la cortó antes de terminar de enviar su solicitud",
             "(se repitió %d en el último minuto)"),
            ("en", "pmm serve: a client closed or cut its connection before it had sent its whole request",
             "(repeated %d in the last minute)")):
        srv = DbServer(s.db, lang=lang)
        try:
            cut_requests(srv.port, 30)
        finally:
            code, _, err = srv.stop()
        eq(code, 0, "exit\n" + err)
        eq("incomplete request" in err or "closing connection" in err, False, "libmicrohttpd's own line\n" + err)
        lines = [ln for ln in err.splitlines() if ln.startswith(first)]
        eq(len(lines), 2, "%s: the first at once, the others counted once\n%s" % (lang, err))
        eq(lines[0], first, "the first")
        m = re.search(r"\d+", lines[1][len(first):])
        eq(bool(m) and lines[1] == first + " " + repeated % int(m.group()), True, "the count\n" + err)
        eq(int(m.group()) >= 20, True, "most of the 29 others counted\n" + err)


check("F4: libmicrohttpd's lines in pmm's log, in its language, repeated ones counted",
      libmicrohttpd_lines_in_pmms_log)
def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body


# ---- F8: what pmm itself answers to the header line nginx lets through ----

def header_line_of_100k():
    """deploy/nginx-pmm.conf lets a header line up to 100 KiB through: pmm
    answers it with its own 431, one status line (a Cookie past about
    60 000 bytes is libmicrohttpd's, docs/deploy.md)."""
    srv = DbServer(s.db)
    try:
        sock = socket.create_connection(("127.0.0.1", srv.port))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Relleno: %s\r\nConnection: close\r\n\r\n" % (b"c" * 100000))
        sock.settimeout(30)
        data = b""
        while True:
            part = sock.recv(65536)
            if not part:
                break
            data += part
        sock.close()
    finally:
        srv.stop()
    eq(data.count(b"HTTP/1.1 "), 1, "one status line")
    head, _, body = data.partition(b"\r\n\r\n")
    contains(head.decode(), "HTTP/1.1 431")
    contains(head.decode().lower(), "content-type: text/html", "pmm's page")
    contains(body.decode(), "64 KiB", "pmm's words")


check("F8: a 100 000-byte header line (what nginx lets through) gets pmm's own 431", header_line_of_100k)


# ---- F5 (and F4's cairo line) ----

def full_disk_downloads():
    """A DB-cache folder on a full disk: the first download is rendered in
    memory and served; with no response cache to keep it (--cache-mb 0)
    the next is refused with 503 and Retry-After instead of being
    rendered again; the log says why once, in pmm's words."""
    with db_on_full_disk(s, "lleno-dl", "8m") as db:
        if not db:
            return
        srv = DbServer(db, "--cache-mb", "0")
        try:
            st, h, body = get(srv.port, "/descargas/2024/informe.pdf")
            eq((st, body[:5]), (200, b"%PDF-"), "the first download, from memory")
            st, h, body = get(srv.port, "/descargas/2024/informe.pdf")
            eq(st, 503, "the second is not rendered again")
            eq(h.get("retry-after"), "60", "Retry-After")
            contains(body.decode(), "el disco del servidor está lleno")
            st, h, body = get(srv.port, "/descargas/2024/acciones.csv")
            eq(st, 200, "another file is still served once")
        finally:
            code, _, err = srv.stop()
        contains(err, "no se pudo escribir el PDF «%s-cache/.tmp-" % db)
        contains(err, "el disco está lleno")
        eq(err.count("no se pudo guardar un archivo generado en «%s-cache»: el disco está lleno; durante 60 s" % db),
           1, "said once\n" + err)
        eq("error while writing" in err, False, "cairo's English line\n" + err)


# ---- F7 ----

def stop_bounded_during_a_rendering():
    """SIGTERM while the Compendio in PDF of a big edition renders (about
    4 s here, longer under ASan) with --request-timeout 1: the process exits within 1 + 1 s
    (it waited for the rendering to end), and a request sent after the
    signal on an idle keep-alive connection is closed, not left hanging."""
    srv = DbServer(s.db, "--threads", "4", "--request-timeout", "1")
    idle = socket.create_connection(("127.0.0.1", srv.port))
    idle.sendall(b"GET /glosario HTTP/1.1\r\nHost: x\r\n\r\n")
    idle.settimeout(30)
    first = idle.recv(65536)
    contains(first.decode("utf-8", "replace"), "HTTP/1.1 200", "a first answer on the kept-alive connection")
    t = threading.Thread(target=lambda: get(srv.port, "/descargas/big/compendio.pdf"))
    t.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    idle.settimeout(5)
    try:
        idle.sendall(b"GET /glosario HTTP/1.1\r\nHost: x\r\n\r\n")
        got = b""
        while True:
            part = idle.recv(65536)
            if not part:
                break
            got += part
    except (ConnectionError, BrokenPipeError):
        got = b""
    except socket.timeout:
        raise AssertionError("a request on an idle connection after the signal hung")
    finally:
        idle.close()
    eq(b"200 OK" in got and b"Connection: close" not in got, False, "not kept open after a stop\n%r" % got[:300])
    try:
        code = srv.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        srv.proc.kill()
        raise AssertionError("still running a minute after SIGTERM")
    took = time.monotonic() - t0
    t.join(timeout=60)
    err = srv.proc.stderr.read()
    if os.path.exists(srv.log):
        os.remove(srv.log)
    eq(code, 0, "exit\n" + err)
    eq(took < 2.8, True, "exited %.1f s after SIGTERM (--request-timeout 1: bound 2 s)" % took)
    eq(glob.glob(s.db + "-cache/.tmp-*"), [], "the cancelled rendering left no file")
    eq(glob.glob(s.db + "-cache/*compendio.pdf"), [], "nor a cached file")
    eq("no se pudo" in err, False, "a cancelled rendering is no failure to report\n" + err)


def read_only_search_reuses_its_index():
    """A read-only server (as nobody, a 0444 file in a 0555 folder) on a
    database whose 8 000 actions of `big` all wait for the search index
    (action_fts_dirty, as another writer leaves them): the temporary index
    of the waiting rows is built by the first search and reused by the
    next ones, which take a fraction of its time."""
    if not ROOT:
        print("# SKIP: needs root to run pmm as nobody")
        return
    d = s.path("ro-search")
    os.mkdir(d)
    db = os.path.join(d, "t.db")
    checkpointed_copy(s.db, db)
    con = sqlite3.connect(db)
    con.execute("INSERT OR IGNORE INTO action_fts_dirty(id) SELECT id FROM action")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    os.chmod(db, 0o444)
    os.chmod(d, 0o555)
    os.chmod(s.dir, 0o755)
    srv = DbServer(db, "--threads", "1", as_nobody=True)
    try:
        times, totals = [], []
        for i, q in enumerate(("migrantes", "personas", "acceso", "derechos", "migrantes+acceso")):
            t0 = time.monotonic()   # each its own query: not from the response cache
            st, _, body = get(srv.port, "/acciones?edicion=big&q=" + q)
            times.append(time.monotonic() - t0)
            eq(st, 200, "search %d" % i)
            totals.append(webtest.total(body.decode()))
    finally:
        srv.stop()
    eq(min(totals) > 0, True, "the waiting rows are found: %r" % totals)
    eq(max(times[1:]) < times[0] / 3, True, "later searches reuse the index: %s" % ["%.3f" % t for t in times])


def other_files_not_held_up():
    """While the Compendio in PDF of a big edition renders for the first
    time, the first download of another file of it is not held up."""
    srv = DbServer(s.db, "--threads", "4")
    done_at = {}
    try:
        def fetch(f):
            st, h, _ = get(srv.port, "/descargas/big/" + f)
            done_at[f] = (time.monotonic(), st, h.get("x-pmm-cache"))
        t = threading.Thread(target=fetch, args=("compendio.pdf",))
        t.start()
        time.sleep(0.5)
        fetch("acciones.csv")
        t.join()
    finally:
        srv.stop()
    eq(done_at["acciones.csv"][1:], (200, "stored"), "the data file, rendered and stored")
    eq(done_at["compendio.pdf"][1:], (200, "stored"), "the Compendio")
    eq(done_at["acciones.csv"][0] < done_at["compendio.pdf"][0], True,
       "the data file done before the Compendio, not after it")
    modes = {os.path.basename(f).split("-", 2)[2]: oct(os.stat(f).st_mode & 0o777) for f in glob.glob(s.db + "-cache/r*")}
    eq(modes, {"acciones.csv": "0o640", "compendio.pdf": "0o640"}, "one mode for every cached file (minor)")


check("F5: a full disk: a download rendered once in memory, then 503 with Retry-After; said once",
      full_disk_downloads)
check("F9: a login on a read-only database: the form, the name kept, the reason", login_on_read_only_database)
check("F9: a login on a full disk: the form, the name kept, the reason", login_on_full_disk)
if GEN:
    big_edition(s, 8000)
    check("F3: a stop during a long rendering ends within --request-timeout + 1 s; an idle connection is closed",
          stop_bounded_during_a_rendering)
    check("F6: a read-only server builds the index of the waiting rows once", read_only_search_reuses_its_index)
    check("F7: the first rendering of a big file does not hold up another file's", other_files_not_held_up)
else:
    print("# SKIP F7: PMM_GEN is not set")
done()
