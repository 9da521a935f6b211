"""What `pmm serve` refuses from a hostile or broken client, and with which
status: bodies over 1 MiB (413, chunked too; a signed-in user's action may be
as large as the largest action, test_web_hostile.py), URLs over 8 KiB (414), more
than 64 headers (431), over 64 KiB of request line and headers 431 (pmm's
page up to libmicrohttpd's 128 KiB pool, past it libmicrohttpd's own 414/431), more than 20 000 form fields (413), a NUL byte
(%00) anywhere (400), idle connections (--timeout) and connections per
address (--max-per-ip). Raw sockets where a Python client would not send
the request. The limits are in src/web/limits.h."""
import json
import os
import socket
import time
import webtest
from webtest import Client, Server, check, contains, demo_server, done, eq, read_all

MAX_BODY = 1 << 20
MAX_URL = 8192
MAX_HEADERS = 64
MAX_FIELDS = 20000

s, srv = demo_server()
web = Client(srv)


def connect(server=srv):
    return socket.create_connection(("127.0.0.1", server.port), timeout=30)


def raw(data, server=srv):
    """Sends DATA on a new connection; returns (status, headers+body as text)."""
    return webtest.raw(server, data)


def post_head(path, length=None, chunked=False, ctype="application/x-www-form-urlencoded"):
    h = "POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: %s\r\n" % (path, ctype)
    h += "Transfer-Encoding: chunked\r\n" if chunked else "Content-Length: %d\r\n" % length
    return (h + "\r\n").encode()


def chunked(body, size=65536):
    out = b""
    for i in range(0, len(body), size):
        part = body[i:i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def get(target, extra=b""):
    return raw(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extra + b"\r\n")


CSRF_MSG = "código de seguridad válido"
TOO_BIG = "La solicitud es demasiado grande: pasa de 1 MB y no se guardó nada."


def body_over_limit_is_413():
    st, text = raw(post_head("/entrar", MAX_BODY + 1) + b"a" * 4096)
    eq(st, 413, "Content-Length over the limit, refused before the body")
    contains(text, TOO_BIG)
    # exactly at the limit: read, parsed, refused for the missing CSRF token
    st, text = raw(post_head("/entrar", MAX_BODY) + b"a" * MAX_BODY)
    eq(st, 403, "a body of exactly 1 MiB")
    contains(text, CSRF_MSG)


def chunked_body_over_limit_is_413():
    st, text = raw(post_head("/entrar", chunked=True) + chunked(b"a=1&" * (MAX_BODY // 4 + 1)))
    eq(st, 413, "a chunked body over the limit")
    contains(text, TOO_BIG)
    st, text = raw(post_head("/entrar", chunked=True) + chunked(b"usuario=x", 3))
    eq(st, 403, "a small chunked body is read")
    contains(text, CSRF_MSG)


def endless_chunked_body_is_cut():
    """Past 1 + 8 MiB the server stops reading and closes the connection."""
    sock = connect()
    sock.sendall(post_head("/entrar", chunked=True))
    part = b"%x\r\n" % 65536 + b"a" * 65536 + b"\r\n"
    sent = 0
    try:
        for _ in range(400):          # up to 25 MiB
            sock.sendall(part)
            sent += 65536
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.close()
    if sent >= 400 * 65536:
        raise AssertionError("the server read %d bytes of an endless body" % sent)
    eq(web.get("/").status, 200, "the server still answers")


def api_body_over_limit_is_json_413():
    st, text = raw(post_head("/api/v1/editions/2025/actions", MAX_BODY + 10, ctype="application/json"))
    eq(st, 413, "API")
    body = json.loads(text.split("\r\n\r\n", 1)[1])
    eq(body["status"], 413, "JSON error")
    contains(body["error"], TOO_BIG, "its message")


def url_too_long_is_414():
    base = b"/acciones?q="
    st, _ = get(base + b"a" * (MAX_URL - len(base)))
    eq(st, 200, "a URL of exactly 8 KiB")
    st, text = get(base + b"a" * (MAX_URL + 1 - len(base)))
    eq(st, 414, "one byte more")
    contains(text, "La dirección (URL) es demasiado larga.")
    # 4 000 arguments in 8 KB: answered (libmicrohttpd 0.9.75 kept each in
    # its per-connection memory and hung once that was full; see on_uri)
    # (a known name, as an unknown one is refused with 400; given 4 000
    # times it is answered with the 400 of a repeated filter, not a hang)
    st, text = get(b"/acciones?" + b"&".join(b"q" for i in range(4000)))
    eq(st, 400, "4 000 arguments")
    contains(text, "va una sola vez")
    st, _ = get(b"/acciones?" + b"&".join(b"a" for i in range(30000)))
    eq(st, 414, "30 000 arguments")
    # issue 15 (SERVER): pmm's page up to libmicrohttpd's pool (128 KiB),
    # past which libmicrohttpd answers by itself
    st, text = get(base + b"a" * 70000)
    eq(st, 414, "a 70 KB URL")
    contains(text, "La dirección (URL) es demasiado larga.")
    st, text = get(base + b"a" * 140000)
    eq(st, 414, "a 140 KB URL")
    contains(text, "Request too big")


def too_many_headers_is_431():
    hdrs = lambda n: b"".join(b"X-H%d: v\r\n" % i for i in range(n))   # noqa: E731
    st, _ = get(b"/", hdrs(MAX_HEADERS - 2))       # + Host and Connection: 64
    eq(st, 200, "64 headers")
    st, text = get(b"/", hdrs(MAX_HEADERS - 1))
    eq(st, 431, "65 headers")
    contains(text, "La solicitud trae demasiados encabezados.")
    # issue 15 (SERVER): past 64 KiB pmm answers in its own words, up to
    # libmicrohttpd's pool (128 KiB), past which libmicrohttpd itself does
    st, text = get(b"/", b"X-Big: " + b"a" * 70000 + b"\r\n")
    eq(st, 431, "one 70 KB header: pmm's answer")
    contains(text, "Los encabezados de la solicitud pasan de 64 KiB.")
    st, text = get(b"/", b"X-Big: " + b"a" * 140000 + b"\r\n")
    eq(st, 431, "one 140 KB header: libmicrohttpd's answer")
    contains(text, "Request too big")


def too_many_form_fields_is_413():
    c = Client(srv)
    c.get("/entrar")
    fields = [("f%d" % i, "1") for i in range(MAX_FIELDS)]
    r = c.post("/entrar", fields)        # + csrf: 20 001 fields
    eq(r.status, 413, "20 001 fields")
    contains(r.body, "El formulario trae más de 20000 campos y no se guardó nada.")
    r = c.post("/entrar", fields[:MAX_FIELDS - 3] + [("usuario", "admin"), ("contrasena", "mala")])
    eq(r.status, 401, "20 000 fields: the login form answers, wrong password")
    contains(r.body, "Usuario o contraseña incorrectos")


def nul_byte_is_400():
    c = Client(srv)
    c.login("admin")
    r = c.post("/admin/ediciones/2025", [("estado", "en_revision\0x")])
    eq(r.status, 400, "%00 in a form value")
    contains(r.body, "La solicitud contiene un byte nulo (%00) y no se acepta.")
    r = c.request("POST", "/admin/ediciones/2025", b"estado=en_revision&csrf=" + c.csrf.encode() + b"\0",
                  {"Content-Type": "application/x-www-form-urlencoded"})
    eq(r.status, 400, "a raw NUL byte in the body")
    r = c.post("/admin/ediciones/2025", [("csrf\0", "x")])
    eq(r.status, 400, "%00 in a field name")
    for target in (b"/acciones?q=a%00b", b"/acciones?ob%00jetivo=1", b"/acciones/1%00x", b"/glosario%00"):
        st, text = get(target)
        eq(st, 400, target.decode())
        contains(text, "La dirección contiene un byte nulo (%00) y no se acepta.")
    st, text = get(b"/api/v1/actions/1%00")
    eq(st, 400, "API")
    contains(text, '"status":400')


def bad_escapes_are_kept():
    r = web.get("/acciones?q=%25zz+100%25")
    eq(r.status, 200, "status")
    contains(r.body, 'value="%zz 100%"')
    st, text = get(b"/acciones?q=%zz%")
    eq(st, 200, "%zz and a trailing %, as sent")
    contains(text, 'value="%zz%"')
    # the path is decoded too, '+' is not a space there
    eq(web.get("/glosari%6F").status, 200, "escaped path")


def english_messages():
    os.environ["PMM_LANG"] = "en"
    try:
        en = Server(s)
    finally:
        del os.environ["PMM_LANG"]
    try:
        st, text = raw(b"GET /acciones?q=" + b"a" * MAX_URL + b" HTTP/1.1\r\nHost: x\r\n"
                       b"Connection: close\r\n\r\n", server=en)
        eq(st, 414, "414")
        contains(text, "The address (URL) is too long.")
        st, text = raw(b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 70 + b"\r\n", server=en)
        eq(st, 431, "431")
        contains(text, "The request has too many headers.")
        st, text = raw(post_head("/entrar", MAX_BODY + 1), server=en)
        eq(st, 413, "413")
        contains(text, "The request is too large: it exceeds 1 MB and nothing was saved.")
        st, text = raw(b"GET /acciones?q=%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", server=en)
        eq(st, 400, "400")
        contains(text, "The address contains a null byte (%00) and is not accepted.")
        st, text = raw(post_head("/entrar", 8) + b"a=%00&b=", server=en)
        eq(st, 400, "400 form")
        contains(text, "The request contains a null byte (%00) and is not accepted.")
        f = b"&".join(b"f=1" for _ in range(MAX_FIELDS + 1))
        st, text = raw(post_head("/entrar", len(f)) + f, server=en)
        eq(st, 413, "413 fields")
        contains(text, "The form has more than 20000 fields and nothing was saved.")
    finally:
        en.stop()


def idle_connection_times_out():
    slow = Server(s, "--timeout", "1")
    try:
        sock = connect(slow)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")      # and never the end of it
        t0 = time.monotonic()
        out = read_all(sock)
        waited = time.monotonic() - t0
        sock.close()
        eq(out, b"", "closed without an answer")
        if not 0.5 <= waited <= 10:
            raise AssertionError("closed after %.1f s, --timeout 1" % waited)
        # a client that sends its request in time is answered
        sock = connect(slow)
        for piece in (b"GET / HTTP/1.1\r\n", b"Host: x\r\n", b"Connection: close\r\n\r\n"):
            sock.sendall(piece)
            time.sleep(0.3)
        contains(read_all(sock).decode("utf-8", "replace"), "HTTP/1.1 200")
        sock.close()
    finally:
        slow.stop()


def connections_per_address():
    contains(s.pmm("serve", "--timeout", "0", check=2).stderr,
             "--timeout: «0» no es un número de 1 a 3600")   # issue 14 (F14A): cli_args names the value
    lim = Server(s, "--max-per-ip", "2")
    try:
        a, b = connect(lim), connect(lim)
        time.sleep(0.3)
        c = connect(lim)             # TCP accepts; the server closes it at once
        c.settimeout(10)
        eq(read_all(c), b"", "a third connection from the same address")
        c.close()
        a.close()
        time.sleep(0.3)
        st, _ = raw(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", server=lim)
        eq(st, 200, "once one is closed")
        b.close()
    finally:
        lim.stop()


check("a body over 1 MiB is 413, one of exactly 1 MiB is read", body_over_limit_is_413)
check("a chunked body over 1 MiB is 413", chunked_body_over_limit_is_413)
check("an endless chunked body is cut", endless_chunked_body_is_cut)
check("the API answers its 413 in JSON", api_body_over_limit_is_json_413)
check("a URL over 8 KiB is 414", url_too_long_is_414)
check("more than 64 headers is 431", too_many_headers_is_431)
check("more than 20 000 form fields is 413", too_many_form_fields_is_413)
check("a NUL byte (%00) is 400 in form, query and path", nul_byte_is_400)
check("bad escapes (%zz, a trailing %) are kept as sent", bad_escapes_are_kept)
check("the refusals in English with PMM_LANG=en", english_messages)
check("--timeout closes an idle connection", idle_connection_times_out)
check("--max-per-ip limits connections from one address", connections_per_address)
srv.stop()
done()
