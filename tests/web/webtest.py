"""Helpers for the HTTP tests: a scratch database with the demo edition, a
real `pmm serve` on a free loopback port, and a small client that keeps
cookies like a browser does."""
import atexit
import contextlib
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from pmmtest import ACTION_HEADER, PMM, Scratch, check, eq, contains, done  # noqa: E402,F401
from pmmtest import checkpointed_copy, fill, small_disk, unfill  # noqa: E402,F401  (a full disk)
import xlsxmini  # noqa: E402

DEMO_PASSWORDS = {"admin": "demo-admin-2024", "coordinador": "demo-coordinador-2024",
                  "enlace.inm": "demo-enlace-2024"}


_running = []      # every Server started and not yet stopped


def _stop_running():
    """A test that ends without stopping its servers (an exception, or no
    stop() at all) left `pmm serve` running after the suite (FUP: six web
    tests did); each is stopped here when the test's Python exits. Registered
    with the first server, so that it runs before the scratch directories,
    made earlier, are removed (atexit runs the last registered first)."""
    for srv in list(_running):
        srv.stop()


class Server:
    """`pmm serve --port 0` on 127.0.0.1; the port is read from its first line.
    Stopped by stop(), at the end of a `with` block, or when the test exits."""

    def __init__(self, scratch, *extra, lang="es", db=None, preexec=None):
        """DB: another database than SCRATCH's (on a full disk, say);
        PREEXEC: run in the child before pmm (a resource limit)."""
        self.log = scratch.path("access.log")
        self.proc = subprocess.Popen(
            [PMM, "--db", db or scratch.db, "serve", "--listen", "127.0.0.1", "--port", "0",
             "--access-log", self.log, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env(lang),
            preexec_fn=preexec)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("pmm serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.port = int(m.group(1))
        if not _running:
            atexit.unregister(_stop_running)
            atexit.register(_stop_running)
        _running.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    @staticmethod
    def env(lang):
        """Spanish, or English as a user would ask for it (LANG=en_US.UTF-8)."""
        if lang == "en":
            env = dict(os.environ, LANG="en_US.UTF-8")
            env.pop("LANGUAGE", None)
            return env
        return dict(os.environ, LANGUAGE=lang, LANG="C.UTF-8")

    def stop(self):
        """SIGTERM, as a service manager stops it; returns (exit code, stdout, stderr)."""
        self.terminate()
        return self.exited()

    def terminate(self):
        """SIGTERM without waiting, for a test that watches the stop (its
        connections answered or not) before it reads the exit with exited()."""
        if self in _running:
            _running.remove(self)
        self.proc.send_signal(signal.SIGTERM)

    def exited(self, timeout=60):
        """(exit code, stdout, stderr) once the process has ended; killed
        when it has not within TIMEOUT seconds."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        return self.proc.returncode, out, err


class Response:
    def __init__(self, r):
        self.status = r.status
        self.headers = r.getheaders()
        self.body = r.read().decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def all_headers(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]


class Client:
    """One browser: keeps its cookies; post() sends the CSRF token it last saw."""

    def __init__(self, server, source=None):
        self.port = server.port
        self.cookies = {}
        self.csrf = None
        self.source = source          # another loopback address to connect from (issue 11)

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                       source_address=(self.source, 0) if self.source else None)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        c.request(method, path, body=body, headers=h)
        r = Response(c.getresponse())
        c.close()
        return self._kept(r)

    def _kept(self, r):
        """R, after keeping its cookies and CSRF token as a browser does."""
        for sc in r.all_headers("Set-Cookie"):
            name, _, rest = sc.partition("=")
            value = rest.split(";")[0]
            if "Max-Age=0" in sc:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        m = re.search(r'name="csrf" value="([0-9a-f]{64})"', r.body)
        if m:
            self.csrf = m.group(1)
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, csrf=True, headers=None):
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf and self.csrf:
            fields.append(("csrf", self.csrf))
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        return self.request("POST", path, urllib.parse.urlencode(fields), h)

    def post_at_once(self, path, fields):
        """post() with the whole request in one send(), as a small form
        usually arrives (http.client sends the body apart from the
        headers). libmicrohttpd then reads it and runs it in one turn of
        its thread: the server's time for it (the access log's) starts when
        that thread takes it up, never while the thread waits on another
        connection's request (H15B: test_web_server_faults3, fault 6)."""
        fields = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if self.csrf:
            fields.append(("csrf", self.csrf))
        body = urllib.parse.urlencode(fields).encode()
        head = ["POST %s HTTP/1.1" % path, "Host: 127.0.0.1:%d" % self.port, "Connection: close",
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: %d" % len(body)]
        if self.cookies:
            head.append("Cookie: " + "; ".join("%s=%s" % kv for kv in self.cookies.items()))
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=60,
                                        source_address=(self.source, 0) if self.source else None)
        try:
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            r = http.client.HTTPResponse(sock)
            r.begin()
            return self._kept(Response(r))
        finally:
            sock.close()

    def login(self, user, password=None):
        self.get("/entrar")
        r = self.post("/entrar", {"usuario": user, "contrasena": password or DEMO_PASSWORDS[user]})
        if r.status != 303:
            raise AssertionError("login of %s: %d\n%s" % (user, r.status, r.body[:2000]))
        self.get("/panel")          # picks up the session's CSRF token
        return r


def timed(fn, *args):
    """(what FN(*ARGS) returned, the seconds it took, the monotonic time it ended)."""
    t0 = time.monotonic()
    r = fn(*args)
    t1 = time.monotonic()
    return r, t1 - t0, t1


def fetch_raw(server, path):
    """(status, lower-cased headers, raw bytes) of an anonymous GET PATH:
    bytes as sent, for the downloads' BOM and encodings."""
    import http.client
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    c.request("GET", path)
    r = c.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    c.close()
    return out


@contextlib.contextmanager
def db_on_full_disk(scratch, name="lleno", size="4m", cache=True):
    """A copy of SCRATCH's database, t.db on a small_disk of SIZE at
    SCRATCH/NAME, with its download-cache folder when CACHE, the file
    system then filled: the database opens, nothing more can be stored
    (downloads are rendered in memory). Yields its path, or None (with
    small_disk's SKIP line) where no tmpfs can be mounted. One home for the
    set-up the full-disk tests of faults6, faults9 and faults12 repeated."""
    with small_disk(scratch, name, size) as mnt:
        if not mnt:
            yield None
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(scratch.db, db)
        if cache:
            os.mkdir(db + "-cache")
        fill(mnt)
        yield db


@contextlib.contextmanager
def full_disk_server(scratch, name, size, *extra):
    """A Server (EXTRA: its options) on db_on_full_disk(SCRATCH, NAME,
    SIZE), stopped after; None where no tmpfs can be mounted. (A test that
    starts another kind of server, or several, takes db_on_full_disk.)"""
    with db_on_full_disk(scratch, name, size) as db:
        if not db:
            yield None
            return
        srv = Server(scratch, *extra, db=db)
        try:
            yield srv
        finally:
            srv.stop()


def big_edition(scratch, n):
    """Edition «big» in SCRATCH's database: N actions written by PMM_GEN
    (the bench's generator, seed 3), imported and published. One home for
    what each test with a big edition wrote again (helper ddup)."""
    subprocess.run([os.environ["PMM_GEN"], "-n", str(n), "--seed", "3", "-o", scratch.dir], check=True,
                   capture_output=True)
    scratch.pmm("edition", "add", "big", "--from", "2025-01", "--to", "2025-12", check=0)
    scratch.pmm("import", "--edition", "big", scratch.path("acciones.csv"), "--challenges",
                scratch.path("retos.csv"), check=0)
    scratch.pmm("edition", "set", "big", "--state", "publicada", check=0)


def demo_server(*extra):
    """A scratch database with the demo edition and accounts, and its server."""
    s = Scratch()
    s.pmm("demo", check=0)
    return s, Server(s, *extra)


# A country pack's database on the platform (issue 16): one home for the
# set-up test_web_packs.py and test_web_packs2.py share (helper F1316).
PACK_ADMIN_PASSWORD = "clave-admin-2025"


def add_pack_admin(scratch):
    """An administrador «admin» (PACK_ADMIN_PASSWORD) in SCRATCH's database."""
    subprocess.run([PMM, "--db", scratch.db, "user", "add", "admin", "--role", "administrador"],
                   input=PACK_ADMIN_PASSWORD + "\n", text=True, check=True, capture_output=True,
                   env=dict(os.environ, LANGUAGE="es"))


def pack_server(pack, actions):
    """A scratch database holding country pack PACK, with the interchange
    rows ACTIONS imported validated into its edition 2025 (period 2024,
    published) and an administrador «admin», and its server."""
    s = Scratch()
    s.pmm("init", "--pack", pack, check=0)
    s.write("acciones.csv", actions)
    s.pmm("import", "--edition", "2025", "acciones.csv", "--status", "validada", check=0)
    s.pmm("edition", "set", "2025", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "2025", "--state", "publicada", check=0)
    add_pack_admin(s)
    return s, Server(s)


def db_rows(db, sql, *args):
    """The rows of one statement run on the database file by another
    process, as an operator's sqlite3 would (committed, for an UPDATE)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(sql, args).fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def total(body):
    m = re.search(r'data-total="(\d+)"', body)
    if not m:
        raise AssertionError("no count in page:\n" + body[:3000])
    return int(m.group(1))


class FormReader(HTMLParser):
    """What a browser would send, unchanged, for the form posting to ACTION:
    named inputs (checkboxes and radios only when checked), textareas (with
    CRLF, a browser's line ends, when crlf), each select's selected option
    or else its first."""

    def __init__(self, action, crlf=False):
        super().__init__(convert_charrefs=True)
        self.action, self.crlf, self.inside, self.fields = action, crlf, False, []
        self.textarea = self.select = None
        self.sel_value = self.first_option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]
        elif tag == "select":
            self.select, self.sel_value, self.first_option = a["name"], None, None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.sel_value = a.get("value", "")

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            self.fields.append((name, text.replace("\n", "\r\n") if self.crlf else text))
            self.textarea = None
        elif tag == "select" and self.select:
            self.fields.append((self.select, self.sel_value if self.sel_value is not None else self.first_option))
            self.select = None


def form_fields(body, action, crlf=False):
    """The fields (without csrf) of the form posting to ACTION in the page BODY."""
    p = FormReader(action, crlf)
    p.feed(body)
    return [(k, v) for k, v in p.fields if k != "csrf"]


def form_of(client, aid, crlf=False):
    """The edit form of action AID as CLIENT sees it: (its fields, the page)."""
    url = "/acciones/%d/editar" % aid
    r = client.get(url)
    eq(r.status, 200, "edit form of %d" % aid)
    return form_fields(r.body, url, crlf), r.body


def set_field(fields, name, value):
    """FIELDS with NAME's values replaced by VALUE."""
    return [(k, v) for k, v in fields if k != name] + [(name, value)]


def api(client, aid, headers=None):
    """Action AID through the API, as CLIENT may read it."""
    r = client.get("/api/v1/actions/%d" % aid, headers=headers)
    eq(r.status, 200, "API read of %d" % aid)
    return json.loads(r.body)


def multipart(client, path, filename, data, csrf=True, fields=()):
    """POSTs DATA as the file field «archivo», as a browser's upload form
    does (with CLIENT's CSRF token unless CSRF is false, and the other
    form FIELDS, (name, value) pairs, e.g. the chosen edition)."""
    b = uuid.uuid4().hex
    parts = []
    if csrf:
        parts.append(b'--%s\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n'
                     % (b.encode(), client.csrf.encode()))
    for name, value in fields:
        parts.append(b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                     % (b.encode(), name.encode(), value.encode()))
    parts.append(b'--%s\r\nContent-Disposition: form-data; name="archivo"; filename="%s"\r\n'
                 b'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n'
                 % (b.encode(), filename.encode()) + data + b'\r\n')
    parts.append(b'--%s--\r\n' % b.encode())
    return client.request("POST", path, b"".join(parts),
                          {"Content-Type": "multipart/form-data; boundary=" + b})


def workbook(scratch, rows, retos=None):
    """The bytes of a filled template: sheet «Acciones» (the interchange
    header, then ROWS), and sheet «Retos» when RETOS is given."""
    p = scratch.path("up-%s.xlsx" % uuid.uuid4().hex)
    sheets = [("Acciones", [ACTION_HEADER.split(",")] + rows)]
    if retos is not None:
        sheets.append(("Retos", [["folio", "reto", "categoria"]] + retos))
    xlsxmini.write(p, sheets)
    with open(p, "rb") as f:
        return f.read()


# ---- raw connections: requests as bytes on the wire, answers read by hand
# (faults10 and faults11 watch connections held, queued and cut at a stop)

def get_request(path, close=True):
    """The bytes of a GET of PATH, with Connection: close when CLOSE."""
    return b"GET " + path.encode() + b" HTTP/1.1\r\nHost: pmm\r\n" + (b"Connection: close\r\n" if close else b"") + b"\r\n"


def action_post_request(token, folio, name):
    """The bytes of an API POST (Bearer TOKEN, Connection: close) saving a
    new action FOLIO, named NAME, in the demo's edition 2025."""
    body = json.dumps({"folio": folio, "institucion": "INM", "objetivos": [5], "nombre": name,
                       "tipo_accion": ["Capacitación"]}).encode()
    return (b"POST /api/v1/editions/2025/actions HTTP/1.1\r\nHost: pmm\r\n"
            b"Authorization: Bearer " + token.encode() + b"\r\nContent-Type: application/json\r\n"
            + b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def read_answer(sock, timeout=60, size_only=False):
    """(status, head, body) of one whole answer on SOCK, its body as long
    as its Content-Length says (SIZE_ONLY: its length, the bytes not kept:
    a Compendio of 24 MB); or (None, what came, why not): a connection
    closed, reset or silent for TIMEOUT seconds is told, not raised."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            part = sock.recv(65536)
            if not part:
                return None, data, "closed before the headers (%d bytes)" % len(data)
            data += part
        head, _, body = data.partition(b"\r\n\r\n")
        m = re.search(rb"\r\ncontent-length: *(\d+)", head, re.I)
        if not m:
            return None, head, "no Content-Length"
        got, want = len(body), int(m.group(1))
        while got < want:
            part = sock.recv(1 << 20)
            if not part:
                return None, head, "closed after %d of %d bytes" % (got, want)
            got += len(part)
            if not size_only:
                body += part
    except OSError as e:
        return None, data, repr(e)
    return int(head.split(b" ")[1]), head.decode("latin-1"), got if size_only else body


def line_count(path):
    """How many lines the file PATH has (0 while it does not exist: an access log not written yet)."""
    try:
        with open(path, encoding="utf-8") as f:
            return len(f.read().splitlines())
    except FileNotFoundError:
        return 0


def saved_folios(db, prefix):
    """The folios starting with PREFIX saved in the database DB."""
    con = sqlite3.connect(db, timeout=30)
    try:
        return {r[0] for r in con.execute("SELECT folio FROM action WHERE folio LIKE ?", (prefix + "%",))}
    finally:
        con.close()


def read_all(sock):
    """Everything the server sends on SOCK until it closes it."""
    out = b""
    try:
        while True:
            b = sock.recv(65536)
            if not b:
                break
            out += b
    except (ConnectionResetError, socket.timeout):
        pass
    return out


def raw(server, data, timeout=30):
    """Sends DATA, bytes as they go on the wire, on a new connection to
    SERVER; returns (status, headers and body as text). A server that
    answers before reading everything (a refusal) is fine."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    try:
        sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    out = read_all(sock)
    sock.close()
    text = out.decode("utf-8", "replace")
    if not text.startswith("HTTP/1.1 "):
        raise AssertionError("no HTTP answer: %r" % text[:200])
    return int(text[9:12]), text


# ---- a server's threads held (issue 15, H15B: test_web_server_faults10) ----
# ptrace stops one thread of a process, the others running; the test
# process may trace its own children (root, or Yama's ptrace_scope 1).

_PTRACE_DETACH, _PTRACE_SEIZE, _PTRACE_INTERRUPT, _WALL = 17, 0x4206, 0x4207, 0x40000000


def _ptrace(request, tid):
    """ptrace(REQUEST, TID, 0, 0) (libc, by ctypes); OSError when it fails."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.restype = ctypes.c_long
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    if libc.ptrace(request, tid, None, None) != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def mhd_threads(server):
    """The ids of SERVER's libmicrohttpd threads (it names them MHD-single,
    MHD-worker, MHD-listen)."""
    tids = []
    for t in os.listdir("/proc/%d/task" % server.proc.pid):
        with open("/proc/%d/task/%s/comm" % (server.proc.pid, t)) as f:
            if f.read().startswith("MHD-"):
                tids.append(int(t))
    return tids


def _waiting(pid, tid, waits):
    """The syscall (its number, /proc) thread TID of PID sleeps in, when
    its kernel function has WAITS in its name ("poll": waiting for events;
    "sleep": nanosleep), else None."""
    try:
        with open("/proc/%d/task/%d/wchan" % (pid, tid)) as f:
            if waits not in f.read():
                return None
        with open("/proc/%d/task/%d/syscall" % (pid, tid)) as f:
            return f.read().split()[0]
    except OSError:
        return None


def _hold(pid, tid, waits):
    """Stops thread TID of PID (ptrace) once it sleeps as WAITS says, and
    in that sleep: a thread stopped while holding one of pmm's locks would
    hold it. True when so, False when stopped elsewhere after 10 s of tries."""
    for _ in range(1000):
        idle = _waiting(pid, tid, waits)
        if not idle:
            time.sleep(0.01)
            continue
        _ptrace(_PTRACE_SEIZE, tid)
        _ptrace(_PTRACE_INTERRUPT, tid)
        os.waitpid(tid, _WALL)
        with open("/proc/%d/task/%d/syscall" % (pid, tid)) as f:
            if f.read().split()[0] == idle:
                return True
        _ptrace(_PTRACE_DETACH, tid)         # it had woken up: again
    _ptrace(_PTRACE_SEIZE, tid)
    _ptrace(_PTRACE_INTERRUPT, tid)
    os.waitpid(tid, _WALL)
    return False


class Held:
    """Threads of a server stopped by threads_held: true when they are;
    let_go() lets them run before the block ends."""

    def __init__(self):
        self.tids, self.ok = [], True

    def __bool__(self):
        return self.ok

    def let_go(self):
        for tid in self.tids:
            _ptrace(_PTRACE_DETACH, tid)
        self.tids = []


@contextlib.contextmanager
def threads_held(server, tids, waits):
    """Threads TIDS of SERVER stopped (ptrace, each once it sleeps as WAITS
    says, see _hold) in the block, the rest of the process running. Yields
    a Held; a false one, with a SKIP line, where ptrace is not permitted."""
    held = Held()
    try:
        for tid in tids:
            held.tids.append(tid)
            if not _hold(server.proc.pid, tid, waits):
                print("# thread %d was not seen sleeping (%s): held where it was" % (tid, waits))
    except OSError as e:
        print("# SKIP a server's threads cannot be stopped here (ptrace: %s)" % e)
        for tid in held.tids:
            with contextlib.suppress(OSError):
                _ptrace(_PTRACE_DETACH, tid)
        held.tids, held.ok = [], False
    try:
        yield held
    finally:
        held.let_go()


def mhd_held(server):
    """SERVER's libmicrohttpd threads stopped (threads_held), the rest of
    the process running (its main loop, which handles a stop, and pmm's
    workers): in the block, a connection the kernel accepts into the
    listening socket's queue is not taken, and a request sent on a taken
    connection stays in the kernel, unread, as when those threads are busy
    (issue 15, H15B). Each is stopped once nothing waits in the listening
    queue and it waits for events."""
    for _ in range(1000):
        if tcp_queues(server.port).get(0, ("", 0))[1] == 0:
            break
        time.sleep(0.01)
    return threads_held(server, mhd_threads(server), "poll")


def main_held(server):
    """SERVER's main thread stopped in its sleep (threads_held): during a
    stop, its loop that closes idle connections and cuts slow requests."""
    return threads_held(server, [server.proc.pid], "sleep")


def all_read(server, socks):
    """Returns once SERVER has read every byte sent on the connections
    SOCKS (their server's side: /proc/net/tcp) and its libmicrohttpd
    threads wait for events again: each request is handed to pmm
    (given 60 s)."""
    mhd = mhd_threads(server)
    for _ in range(6000):
        if server.proc.poll() is not None:    # it has stopped: nothing more will be read (60 s lost)
            return
        q = tcp_queues(server.port)
        if all(q.get(c.getsockname()[1], ("", 0))[1] == 0 for c in socks) and \
                all(_waiting(server.proc.pid, t, "poll") for t in mhd):
            return
        time.sleep(0.01)


def tcp_queues(port):
    """{remote port: (state, bytes queued)} of the TCP sockets whose local
    port is PORT (/proc/net/tcp; this network namespace's, IPv4): the
    listening one (state 0A, remote port 0) with the connections in its
    queue that no accept() has taken yet, and the server's side of each
    connection (01, established) with the bytes received that the server
    has not read yet."""
    out = {}
    with open("/proc/net/tcp") as f:
        for ln in f.readlines()[1:]:
            _, local, remote, state, queues = ln.split()[:5]
            if int(local.split(":")[1], 16) == port:
                out[int(remote.split(":")[1], 16)] = (state, int(queues.split(":")[1], 16))
    return out


def stop_begun(server):
    """SIGTERM to SERVER, returned once its listening socket is closed:
    its stop has taken the connections queued there, and its check of the
    connections that wait for nothing runs every 20 ms from then on
    (given 0.3 s more)."""
    server.terminate()
    for _ in range(3000):
        if tcp_queues(server.port).get(0, ("",))[0] != "0A":
            break
        time.sleep(0.01)
    time.sleep(0.3)
