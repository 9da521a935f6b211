"""s12 d15x (docs/reliability.md): downloads that wait for workers (tester
t15v's F3, F2, F4, L2).
Check 1 (F3, L2): while the Compendio PDF of a 12 000-action edition
renders, 30 clients ask for it (15 under its latest address, 15 under
/r1/, each with its own ?x=) and close their connections 0.3 s after
sending. Before the fix each such request, once its turn came, opened
the stored file and never closed it (the answer was never queued: the
connection was gone): 30 descriptors into DB-cache/ left open for the
life of the process, and their log lines said `0 0 ... cut=send-error`.
Now none is left open and each line says `200 ... cut=client-closed`.
Check 2 (F2, --threads 2): while the Compendio renders, four more
requests for it (two per address) wait for that rendering. Before the
fix they waited on the rendering workers, so a file already stored (the
Informe) and a new small file (a CSV) waited for the whole rendering;
now the waiters are parked without a worker and a stored file needs
none: both are answered while the Compendio is still rendering
(structural: its answer has not come yet), and every waiter then gets
the stored Compendio (`hit`).
Check 3 (F4): a plain file at DB-cache's name: said once on stderr, in
the server's language, with the folder and why; the downloads are
rendered in memory, and the other address of a file shares its bytes.
Check 4 (L3, --request-timeout 2): the Compendio's first request gets
pmm's 503 «Tiempo agotado» page at the timeout, its rendering goes on:
its log line gave the rendering's time (about 5 s or more here), and
stderr said libmicrohttpd's «se cerró la conexión de una solicitud que
pmm cortó» though the client had its answer. Now the line gives the
answer's time (within the timeout and a second and a half) and stderr
says nothing of it."""
import os
import re
import select
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import webtest  # noqa: E402
from webtest import Scratch, Server, big_edition, check, contains, done, eq  # noqa: E402


def ok(cond, what):
    eq(bool(cond), True, what)


s = Scratch()
s.pmm("demo", check=0)
big_edition(s, 12000)
CACHE = s.db + "-cache"
PDF = "/descargas/big/compendio.pdf"
PDF_R1 = "/descargas/big/r1/compendio.pdf"


def send(port, path):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: pmm\r\nConnection: close\r\n\r\n")
    return sock


def read_answer(sock, timeout=300):
    """webtest's, its head lower-cased and the body's length only; (None, why, 0)."""
    status, head, size = webtest.read_answer(sock, timeout, size_only=True)
    return (status, head.lower(), size) if status is not None else (None, size, 0)


def rendering_started(timeout=60):
    """Waits until the Compendio's temporary file is in DB-cache/."""
    end = time.time() + timeout
    while time.time() < end:
        if os.path.isdir(CACHE) and any(n.startswith(".tmp-") for n in os.listdir(CACHE)):
            return
        time.sleep(0.05)
    raise AssertionError("the Compendio's rendering did not start")


def cache_fds(pid):
    """The server's descriptors open on files in DB-cache/."""
    n = 0
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)).startswith(CACHE + "/"):
                n += 1
        except OSError:
            pass
    return n


def log_lines(srv):
    with open(srv.log, encoding="utf-8") as f:
        return f.read().splitlines()


def wait_lines(srv, pred, n, since=0, timeout=120):
    """N lines (from line SINCE of the log, which servers of one database share) that PRED takes."""
    end = time.time() + timeout
    while time.time() < end:
        got = [ln for ln in log_lines(srv)[since:] if pred(ln)]
        if len(got) >= n:
            return got
        time.sleep(0.1)
    raise AssertionError("%d log lines, want %d:\n%s" % (len(got), n, "\n".join(log_lines(srv)[-20:])))


def fresh_cache():
    if os.path.isdir(CACHE):
        for n in os.listdir(CACHE):
            os.unlink(os.path.join(CACHE, n))


def closed_waiters():
    fresh_cache()
    srv = Server(s, "--threads", "2")
    since = len(log_lines(srv))
    try:
        first = send(srv.port, PDF)
        rendering_started()
        socks = [send(srv.port, "%s?x=%d" % (PDF_R1 if i % 2 else PDF, i)) for i in range(30)]
        time.sleep(0.3)
        for sock in socks:
            sock.close()
        status, head, size = read_answer(first)
        eq(status, 200, "the first request's Compendio: " + head)
        lines = wait_lines(srv, lambda ln: 'compendio.pdf"' in ln, 31, since)
        cut = [ln for ln in lines if " cut=" in ln]
        eq(len(cut), 30, "lines of the closed requests:\n" + "\n".join(lines))
        # its descriptor closed when its connection ended
        end = time.time() + 10
        while cache_fds(srv.proc.pid) and time.time() < end:
            time.sleep(0.1)
        eq(cache_fds(srv.proc.pid), 0, "descriptors left open into DB-cache/")
        # each closed request: its answer's status and size, said closed by the client
        for ln in cut:
            ok(" 200 %d " % size in ln and ln.endswith(" cut=client-closed"), "closed waiter's line: " + ln)
        eq(srv.stop()[0], 0, "exit")
    finally:
        if srv.proc.poll() is None:
            srv.proc.kill()


def waiters_hold_no_worker():
    fresh_cache()
    srv = Server(s, "--threads", "2")
    try:
        status, head, _ = read_answer(send(srv.port, "/descargas/big/informe.pdf"))
        eq(status, 200, "the Informe, stored first: " + head)
        first = send(srv.port, PDF)
        rendering_started()
        waiters = [send(srv.port, p) for p in (PDF + "?x=1", PDF + "?x=2", PDF_R1 + "?x=3", PDF_R1 + "?x=4")]
        time.sleep(0.5)       # in the workers' queue, or parked, before the others
        t0 = time.time()
        for path, how in (("/descargas/big/informe.pdf", "hit"), ("/descargas/2024/acciones.csv", None)):
            status, head, _ = read_answer(send(srv.port, path), timeout=60)
            eq(status, 200, path + ": " + head)
            if how:
                contains(head, "x-pmm-cache: " + how, path)
            # answered while the Compendio still renders (structural)
            eq(select.select([first], [], [], 0)[0], [], path + " answered only after the Compendio")
        ok(time.time() - t0 < 30, "the stored file and the CSV answered in well under 30 s")
        status, head, size = read_answer(first)
        eq(status, 200, "the Compendio: " + head)
        for w in waiters:
            st, h, sz = read_answer(w)
            eq((st, sz), (200, size), "a waiter's Compendio: " + h)
            contains(h, "x-pmm-cache: hit", "a waiter")
        eq(srv.stop()[0], 0, "exit")
    finally:
        if srv.proc.poll() is None:
            srv.proc.kill()


def folder_a_file():
    d = Scratch()
    d.pmm("demo", check=0)
    with open(d.db + "-cache", "w") as f:
        f.write("not a folder\n")
    srv = Server(d)
    try:
        paths = ("/descargas/2024/acciones.csv", "/descargas/2024/r1/acciones.csv",
                 "/descargas/2024/informe.pdf", "/descargas/2024/r1/informe.pdf")
        heads = []
        for p in paths:
            status, head, _ = read_answer(send(srv.port, p))
            eq(status, 200, p + ": " + head)
            heads.append(head)
        contains(heads[1], "x-pmm-cache: shared", "the CSV's other address")
        contains(heads[3], "x-pmm-cache: shared", "the PDF's other address")
        code, _, err = srv.stop()
        eq(code, 0, "exit")
        said = [ln for ln in err.splitlines() if d.db + "-cache" in ln]
        eq(len(said), 1, "the folder said once:\n" + err)
        contains(said[0], "no es una carpeta", "why")
        contains(said[0], "memoria", "what is done instead")
    finally:
        if srv.proc.poll() is None:
            srv.proc.kill()


def timeout_answer_logged():
    fresh_cache()
    srv = Server(s, "--request-timeout", "2")
    since = len(log_lines(srv))
    try:
        status, head, _ = read_answer(send(srv.port, PDF))
        eq(status, 503, "the Compendio past --request-timeout: " + head)
        line = wait_lines(srv, lambda ln: 'compendio.pdf"' in ln, 1, since)[0]
        m = re.search(r" 503 \d+ ([\d.]+)ms cut=request-timeout answered=503$", line)
        ok(m, "the line: " + line)
        ok(float(m.group(1)) < 3500, "the answer's time, not the rendering's: " + line)
        code, _, err = srv.stop()
        eq(code, 0, "exit")
        eq("pmm cortó" in err, False, "stderr says a request pmm cut was closed:\n" + err)
    finally:
        if srv.proc.poll() is None:
            srv.proc.kill()


check("F3: clients gone while their download waited leave no descriptor; their lines say client-closed",
      closed_waiters)
check("F2: waiters for a rendering hold no worker; a stored file needs none", waiters_hold_no_worker)
check("F4: a file at the cache folder's name is said once; downloads in memory, shared", folder_a_file)
check("L3: a request answered «Tiempo agotado» logs the answer's time, and no closing on stderr",
      timeout_answer_logged)
done()
