"""Issue 15, helper F15B: the memory gaps the verification round left, each
through HTTP against a real `pmm serve` under a memory limit, each failing
on the code before its fix.

1. A download's rendering was counted as 144 MiB whatever it rendered: a
   larger one (acciones.json of 40 000 actions peaks at 270 MiB) was
   admitted and could end the server. Now it is counted by the file and
   the edition's actions: one the whole budget cannot hold is refused for
   good (503 without Retry-After, saying why), one that does not fit now
   beside another rendering gets 503 with Retry-After up front.
2. The answer's body (a Str) ended the process when it could not grow.
   Now it enters an error state (str_soft) and the server answers 503
   «no hay memoria suficiente» with Retry-After, and stays up: the address
   space limit of the running server is lowered below what it uses
   (prlimit), the real allocator then refuses the body's growth.
3. libxlsxwriter printed English «[ERROR]» lines on stderr when the folder
   of its temporary parts was full: now its parts go beside the output, a
   folder pmm checks first, and pmm says «el disco está lleno» once.
"""
import http.client
import os
import re
import resource
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from webtest import PMM, Scratch, Server, contains, done, eq, fill, small_disk  # noqa: E402

GEN = os.environ.get("PMM_GEN")
# 70 000 actions: the CSV's text (36 MB) needs a 64 MiB buffer, more than
# any of glibc's heaps holds (part 2); the costs below are web_render_mib's
ACTIONS = 70000
s = Scratch()


def sanitized():
    """The ASan build reserves terabytes of address space: no RLIMIT_AS."""
    with open(PMM, "rb") as f:
        return b"__asan_init" in f.read()


def setup_big():
    s.pmm("demo", check=0)
    subprocess.run([GEN, "-n", str(ACTIONS), "--seed", "3", "-o", s.dir], check=True, capture_output=True)
    s.pmm("edition", "add", "big", "--from", "2025-01", "--to", "2025-12", check=0)
    s.pmm("import", "--edition", "big", s.path("acciones.csv"), "--challenges", s.path("retos.csv"), check=0)
    s.pmm("edition", "set", "big", "--state", "publicada", check=0)


def get(port, path, lang=None, timeout=280):
    """(status, headers, body) of an anonymous GET, or the exception (a reset)."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request("GET", path, headers={"Accept-Language": lang} if lang else {})
        r = c.getresponse()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body
    except Exception as e:
        return e


def limit(kib):
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (kib * 1024, kib * 1024))


def budget_of(srv):
    """The budget the server says at start, and its next line."""
    lines = [srv.proc.stderr.readline() for _ in range(2)]
    m = re.search(r"hasta (\d+) MiB para descargas", lines[0])
    eq(m is not None, True, "the budget said at start: %r" % lines)
    return int(m.group(1)), lines[1]


def server(*extra, preexec):
    """A server with no file rendered yet (the disk cache emptied)."""
    for name in os.listdir(s.dir):
        if name.endswith("-cache"):
            shutil.rmtree(s.path(name))
    return Server(s, *extra, preexec=preexec)


def server_with_budget(lo, hi, *extra):
    """A server under an RLIMIT_AS that leaves a budget in [LO, HI) MiB, and
    its budget and second line. The budget is the limit less what the
    server maps at start (which varies from run to run by tens of MiB:
    threads starting) and 96 MiB: the limit is corrected until it fits."""
    mib = 200 + 96 + (lo + hi) // 2
    for _ in range(6):
        srv = server(*extra, preexec=limit(mib * 1024))
        budget, said = budget_of(srv)
        if lo <= budget < hi:
            print("# RLIMIT_AS %d MiB: budget %d MiB" % (mib, budget))
            return srv, budget, said
        stop(srv)
        mib += (lo + hi) // 2 - budget
    raise AssertionError("no limit gave a budget in [%d, %d)" % (lo, hi))


def answered(r, what):
    eq(isinstance(r, tuple), True, "%s: an answer, not a reset: %r" % (what, r))
    return r


def stop(srv):
    code, _, err = srv.stop()
    eq(code, 0, "exit\n" + err[-3000:])
    eq("sin memoria (" in err, False, "the allocator's abort\n" + err[-3000:])
    return err


# ---- 1a: more than the whole budget: refused for good ----

def too_big_for_the_budget():
    # acciones.json of 70 000 actions counts 478 MiB, the CSV 93
    srv, budget, said = server_with_budget(150, 260, "--request-timeout", "600")
    try:
        contains(said, "ese límite alcanza para generar cada descarga de una edición de hasta")
        most = int(re.search(r"hasta (\d+) acciones", said).group(1))
        eq(most, (budget - 64) * 10000 // 98, "the largest edition, by the Compendio PDF's cost")
        for lang, words in ((None, "no se puede atender en este servidor aunque se intente de nuevo"),
                            ("en", "it cannot be answered on this server, however often it is tried")):
            status, headers, body = answered(get(srv.port, "/descargas/big/acciones.json", lang), "json")
            eq(status, 503, "acciones.json, more than the whole budget\n" + body[:800].decode("utf-8", "replace"))
            eq(headers.get("retry-after"), None, "no Retry-After: a retry can never succeed")
            contains(body.decode("utf-8"), words)
            contains(body.decode("utf-8"), "%d MiB" % budget, "the budget named")
        status, headers, body = answered(get(srv.port, "/descargas/big/acciones.csv"), "csv")
        eq(status, 200, "acciones.csv fits (93 MiB counted)")
        eq(len(body) > 35000000, True, "the whole file")
        eq(get(srv.port, "/")[0], 200, "the dashboard afterwards")
    finally:
        stop(srv)


# ---- 1b: does not fit beside another rendering: Retry-After up front ----

def busy_budget_refuses_up_front():
    # compendio.pdf of 70 000 actions counts 750 MiB, acciones.json 478,
    # acciones.csv 93: room for the PDF and the CSV, not the JSON
    srv, budget, _ = server_with_budget(750 + 93 + 20, 750 + 478 - 20, "--request-timeout", "15")
    try:
        pdf = []
        t = threading.Thread(target=lambda: pdf.append(get(srv.port, "/descargas/big/compendio.pdf")))
        t.start()
        time.sleep(2)                       # admitted: it renders for minutes
        t0 = time.time()
        status, headers, body = answered(get(srv.port, "/descargas/big/acciones.json"), "json")
        eq(status, 503, "acciones.json beside the PDF\n" + body[:800].decode("utf-8", "replace"))
        eq(headers.get("retry-after"), "10", "Retry-After: it fits once the PDF is done")
        contains(body.decode("utf-8"), "No hay memoria suficiente")
        eq(time.time() - t0 < 2, True, "refused up front, not after a rendering")
        status, _, body = answered(get(srv.port, "/descargas/big/acciones.csv"), "csv")
        eq(status, 200, "acciones.csv fits beside the PDF")
        eq(t.is_alive(), True, "the PDF still rendering: the refusal was the budget's")
    finally:
        stop(srv)                           # the PDF's rendering is cancelled by the stop
        t.join()


# ---- 2: a body that cannot grow ----

def vm_size(pid):
    with open("/proc/%d/status" % pid) as f:
        return [int(x.split()[1]) * 1024 for x in f if x.startswith("VmSize:")][0]


def body_that_cannot_grow():
    srv = server("--threads", "2", preexec=limit(4 << 20))
    try:
        budget_of(srv)
        # one kept-alive connection: under the limit below, a new connection
        # could not get its buffers (libmicrohttpd maps them) and is reset
        c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)

        def on_c(path):
            c.request("GET", path)
            r = c.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()

        eq(on_c("/")[0], 200, "the dashboard")
        # below what the server has mapped: only what its heaps hold is left,
        # not the 64 MiB the CSV's text of 70 000 actions takes (36 MB): no
        # heap of glibc's holds that much, it must be mapped anew
        low = vm_size(srv.proc.pid) - 40 * 1024 * 1024
        resource.prlimit(srv.proc.pid, resource.RLIMIT_AS, (low, 4 << 30))
        for i in range(2):
            status, headers, body = on_c("/descargas/big/acciones.csv")
            eq(status, 503, "the CSV's text cannot be held\n" + body[:300].decode("utf-8", "replace"))
            eq(headers.get("retry-after"), "10", "Retry-After")
            contains(body.decode("utf-8"), "No hay memoria suficiente en el servidor")
            eq(on_c("/acciones?edicion=big")[0], 200, "the next request")
        eq(srv.proc.poll(), None, "the server is up")
        resource.prlimit(srv.proc.pid, resource.RLIMIT_AS, (4 << 30, 4 << 30))
        eq(answered(get(srv.port, "/"), "a new connection")[0], 200, "the limit raised again")
    finally:
        err = stop(srv)
    eq(err.count("GET /descargas/big/acciones.csv: no hubo memoria para la respuesta; se contestó 503"), 2,
       "said in the log\n" + err[-2000:])
    eq("no se pudo guardar un archivo generado" in err, False, "the cache folder not blamed\n" + err[-2000:])


# ---- 3: the workbook's temporary parts on a full disk ----

def workbook_in_a_missing_folder():
    out = s.path("no-such-folder/big.xlsx")
    r = s.pmm("export", "--edition", "big", "--format", "xlsx", "-o", out)
    eq(r.returncode, 1, "refused\n" + r.stderr)
    eq("[ERROR]" in r.stderr, False, "libxlsxwriter's English lines\n" + r.stderr)
    contains(r.stderr, "no se pudo escribir el libro en «%s»: no existe" % s.path("no-such-folder"))


def workbook_on_a_full_disk():
    with small_disk(s, "lleno", "4m") as mnt:
        if not mnt:
            return
        fill(mnt)
        out = os.path.join(mnt, "big.xlsx")
        r = s.pmm("export", "--edition", "big", "--format", "xlsx", "-o", out)
        eq(r.returncode, 1, "refused\n" + r.stderr)
        eq("[ERROR]" in r.stderr, False, "libxlsxwriter's English lines\n" + r.stderr)
        contains(r.stderr, "no se pudo escribir el libro en «%s»: el disco está lleno" % mnt)
        eq(r.stderr.count("\n"), 1, "said once\n" + r.stderr)
        eq(sorted(os.listdir(mnt)), ["relleno"], "nothing left behind")


def start_line_when_nothing_fits():
    """t15v L5: under a limit that leaves less than any Compendio PDF needs,
    the start line said «…de una edición de hasta 0 acciones»; it now says
    that none fits and what to change."""
    srv, budget, said = server_with_budget(5, 40)
    try:
        contains(said, "ese límite no alcanza para generar el Compendio en PDF de ninguna edición")
        contains(said, "use menos --threads")
        eq("hasta 0 acciones" in said, False, "no «hasta 0 acciones»: %r" % said)
    finally:
        stop(srv)


if not GEN:
    print("# SKIP: PMM_GEN is not set")
else:
    setup_big()
    if sanitized():
        print("# SKIP 1 and 2: the ASan build cannot run under an address-space limit")
    else:
        too_big_for_the_budget()
        start_line_when_nothing_fits()
        body_that_cannot_grow()
        busy_budget_refuses_up_front()
    workbook_on_a_full_disk()
    workbook_in_a_missing_folder()
done()
