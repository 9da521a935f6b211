"""Issue 15 round 5, F1: libmicrohttpd gives each of its threads several
connections, and a download rendered in the handler (a Compendio PDF of
20 000 actions: 20-80 s) kept the thread's other connections from being
read or answered: past --timeout they were closed as idle, with no answer
and no log line (11 of 16 API POSTs lost in the tester's run), answers cut
at 128 KiB, `cut=idle-timeout` blaming the client. A rendering is now
done by a worker off libmicrohttpd's thread, its connection suspended.
Check 1 (--threads 1 --timeout 2, so every connection shares the one
thread): 12 connections open, the first rendering of a big Compendio PDF
(8 000 actions: 2-6 s here), then GETs and API POSTs on those
connections: each answered whole while the PDF is still being rendered,
every 201 an action saved and every saved one a 201, a log line for each;
the PDF then answered whole, and a second request for it sent meanwhile
the same PDF (it waits for the rendering on a worker: waiting on the
thread would hold it again). On the code before the fix they waited for
the PDF, and past --timeout were closed unanswered and unlogged.
Check 2: a stop (SIGTERM) during a rendering ends cleanly (exit 0, within
--request-timeout + a bound), the rendering's client answered."""
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import webtest  # noqa: E402
from webtest import (PMM, Scratch, Server, action_post_request, big_edition, check, done, eq,  # noqa: E402
                     get_request, read_answer)


def ok(cond, what):
    eq(bool(cond), True, what)

s = Scratch()
s.pmm("demo", check=0)
TOKEN = subprocess.run([PMM, "--db", s.db, "user", "token", "enlace.inm"],
                       capture_output=True, text=True, check=True).stdout.strip()
big_edition(s, 8000)


def post_request(tag):
    return action_post_request(TOKEN, "F1-" + tag, "Guardada durante una descarga " + tag)


def saved(prefix):
    return webtest.saved_folios(s.db, prefix)


def log_lines(srv, since=0):
    with open(srv.log, encoding="utf-8") as f:
        return f.read().splitlines()[since:]


def log_count():
    return webtest.line_count(s.path("access.log"))


def starve():
    before = log_count()
    srv = Server(s, "--threads", "1", "--timeout", "2")
    # the connections the thread has already taken when the rendering begins
    others = []
    for i in range(4):
        for path in ("/", "/api/v1/editions/big/actions?por_pagina=5"):
            others.append(("GET %s" % path, get_request(path)))
        others.append(("POST S%d" % i, post_request("S%d" % i)))
    socks = [socket.create_connection(("127.0.0.1", srv.port)) for _ in others]
    pdf2 = socket.create_connection(("127.0.0.1", srv.port))
    time.sleep(0.3)
    pdf = socket.create_connection(("127.0.0.1", srv.port))
    pdf.sendall(get_request("/descargas/big/compendio.pdf"))
    time.sleep(0.3)
    # a second request for the PDF waits for its rendering, not on the thread
    pdf2.sendall(get_request("/descargas/big/compendio.pdf"))
    for c, (what, req) in zip(socks, others):
        c.sendall(req)
    others = [(what, c) for c, (what, req) in zip(socks, others)]
    t0 = time.monotonic()
    got = [(what, read_answer(c, timeout=120)) for what, c in others]
    took = time.monotonic() - t0
    # structural: the PDF is not answered yet, so they did not wait for it
    pdf_pending = not select.select([pdf], [], [], 0)[0]
    for what, (status, _, body) in got:
        ok(status in (200, 201), "%s answered whole while the PDF renders: %s %s"
              % (what, status, body if status is None else ""))
    answered = {json.loads(b)["folio"] for (w, (st, _, b)) in got if w.startswith("POST") and st == 201}
    eq(saved("F1-S"), answered, "each saved action answered 201, each 201 saved")
    eq(len(answered), 4, "the 4 POSTs saved")
    eq(pdf_pending, True, "the others were answered before the PDF's rendering ended (%.1f s)" % took)
    status, _, body = read_answer(pdf, 300)
    eq(status, 200, "the PDF answered")
    eq(body[:5], b"%PDF-", "a PDF")
    status2, _, body2 = read_answer(pdf2, 300)
    eq((status2, body2 == body), (200, True), "the second request for it: the same PDF")
    code, out, err = srv.stop()
    eq(code, 0, "exit 0: %s" % err)
    lines = log_lines(srv, before)
    eq(len(lines), 2 + len(others), "a log line for each request")
    eq([ln for ln in lines if "cut=" in ln], [], "none cut")
    print("# %d requests answered in %.1f s while the PDF rendered" % (len(others), took))


def stop_while_rendering():
    """--request-timeout 1: the suspended connection is answered 503 and
    the rendering cancelled by the stop; libmicrohttpd's stop, which
    refuses a suspended connection, comes after the worker resumed it."""
    shutil.rmtree(s.db + "-cache", ignore_errors=True)     # rendered anew
    before = log_count()
    srv = Server(s, "--threads", "1", "--timeout", "3", "--request-timeout", "1")
    pdf = socket.create_connection(("127.0.0.1", srv.port))
    pdf.sendall(get_request("/descargas/big/compendio.pdf?x=1"))
    time.sleep(0.3)
    t0 = time.monotonic()
    srv.terminate()
    status, _, body = read_answer(pdf, timeout=60)
    srv.exited()
    took = time.monotonic() - t0
    eq(srv.proc.returncode, 0, "exit 0 after a stop during a rendering")
    eq(status, 503, "the rendering's client answered at the stop: %s" % (body if status is None else status))
    ok(took < 30, "ended within --request-timeout and a bound (%.1f s)" % took)
    lines = log_lines(srv, before)
    eq(len(lines), 1, "its log line: %s" % lines)
    ok("cut=request-timeout answered=503" in lines[0], "logged as cut and answered 503: %s" % lines)


check("a rendering keeps no other connection of its thread waiting", starve)
check("a stop during a rendering ends cleanly, its client answered", stop_while_rendering)
done()
