"""Issue 15, the hostile tester's server faults, round 2 (helper S15B).
Each check drives a real `pmm serve` and fails on the code before its fix
(docs/reliability.md, issue-15 table, round 2):
 1. SIGTERM closed the connections of requests in progress: their work
    was done and logged, the client got nothing. A graceful stop now
    closes the listening socket and lets each request finish and be sent;
12. an API read with a token waited the whole busy timeout while another
    process held the write lock (the token's last-used time is a write):
    that bookkeeping write is now skipped when the lock is taken."""
import signal
import socket
import sqlite3
import subprocess
import time
from webtest import PMM, Client, Server, Scratch, check, contains, done, eq

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
    contains(answer.decode("utf-8", "replace"), "HTTP/1.1 ", "the request in progress got its answer")
    rc, out, _ = srv.stop()
    eq(rc, 0, "the server exits 0 after draining")
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


check("fault 1: SIGTERM lets the request in progress finish and be sent", graceful_stop_drains)
check("fault 12: a token read does not wait for its last-used write", token_read_does_not_wait)
done()
