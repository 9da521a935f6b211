"""Issue 15, the hostile tester's server faults, round 2 (helper S15B).
Each check drives a real `pmm serve` and fails on the code before its fix
(docs/reliability.md, issue-15 table, round 2):
 1. SIGTERM closed the connections of requests in progress: their work
    was done and logged, the client got nothing. A graceful stop now
    closes the listening socket and lets each request finish and be sent."""
import signal
import socket
import time
from webtest import Server, Scratch, check, contains, done, eq

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


check("fault 1: SIGTERM lets the request in progress finish and be sent", graceful_stop_drains)
done()
