"""Issue 15, helper h15a: what a hostile tester found after F15B, each
through a real `pmm serve`, each failing on the code before its fix.

N1. Under a memory limit, with the download cache's disk full (so files
    are rendered in memory and kept by the response cache), the Compendio
    in PDF of a 20 000-action edition was admitted by the budget although
    the response cache already held tens of MB beside it: the rendering ran
    out of memory (503 «no hubo memoria», or, inside pango, glib's g_error
    ending the process with SIGTRAP, exit 133). The response cache's bound
    (--cache-mb) is now left out of the budget: the rendering is refused
    before it starts, for good, and the server stays up.
N3. The budget said at start varied by 64 MiB between starts of the same
    server (glibc's second arena made, or not yet, as the address space was
    measured): now the arenas are made before it is measured.
N4. A logout that failed on a full disk was logged as «no se pudo leer la
    base de datos»: it is a write, and said so.
"""
import os
import re
import resource
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from webtest import (PMM, Client, Scratch, Server, big_edition, check, checkpointed_copy, contains,  # noqa: E402
                     db_on_full_disk, done, eq, fill, small_disk)

GEN = os.environ.get("PMM_GEN")
ROOT = os.geteuid() == 0
s = Scratch()
s.pmm("demo", check=0)


def sanitized():
    """The ASan build reserves terabytes of address space: no RLIMIT_AS."""
    with open(PMM, "rb") as f:
        return b"__asan_init" in f.read()


def limit(kib):
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (kib * 1024, kib * 1024))


def budget_of(srv):
    """The budget the server says at start (after a notice, say a read-only open)."""
    lines = []
    for _ in range(4):
        lines.append(srv.proc.stderr.readline())
        m = re.search(r"hasta (\d+) MiB para descargas", lines[-1])
        if m:
            return int(m.group(1))
    raise AssertionError("the budget said at start: %r" % lines)


def stop(srv):
    code, _, err = srv.stop()
    eq(code, 0, "exit (133 is glib's SIGTRAP on a failed allocation)\n" + err[-3000:])
    eq("sin memoria (" in err, False, "the allocator's abort\n" + err[-3000:])
    return err


# ---- N3 ----

def budget_said_the_same_at_every_start():
    if sanitized():
        print("# SKIP: ASan's shadow memory does not fit an address-space limit")
        return
    # two busy processes, as on a loaded machine: the server's workers
    # then start late, which before the fix changed what was measured
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    budgets = []
    try:
        for _ in range(10):
            srv = Server(s, "--cache-mb", "0", preexec=limit(450000))
            budgets.append(budget_of(srv))
            stop(srv)
    finally:
        for p in busy:
            p.kill()
            p.wait()
    print("# budgets at 10 starts under RLIMIT_AS 450 000 KiB: %s" % budgets)
    # The fault was a glibc arena (64 MiB of address space) made or not
    # before the measurement: budgets 64 MiB apart. Since the rendering
    # workers (g15d) open their own connections at start, a start can
    # measure a MiB more or less (a CI run: nine 162, one 163): within 4
    # MiB is one budget; 64 apart is the fault.
    eq(max(budgets) - min(budgets) <= 4, True, "one budget for one server and one limit: %s" % budgets)


def budget_leaves_out_the_response_cache():
    if sanitized():
        print("# SKIP: ASan's shadow memory does not fit an address-space limit")
        return
    said = {}
    for mb in ("0", "64"):
        srv = Server(s, "--cache-mb", mb, preexec=limit(450000))
        said[mb] = budget_of(srv)
        stop(srv)
    # 64, give or take the MiB a start may measure more (N3's note); the
    # fault was 0 (the same budget either way)
    eq(abs(said["0"] - said["64"] - 64) <= 2, True, "the response cache's 64 MiB are not the renderings': %s" % said)


# ---- N1 ----

def compendio_on_a_full_disk_under_a_limit():
    if sanitized():
        print("# SKIP: ASan's shadow memory does not fit an address-space limit")
        return
    if not GEN:
        print("# SKIP: PMM_GEN is not set")
        return
    big_edition(s, 20000)
    with db_on_full_disk(s, "lleno-90", "90m") as db:
        if not db:
            return
        # the limit that leaves 264 MiB to renderings without a response
        # cache: enough for the Compendio in PDF of 20 000 actions (260)
        kib = 545000
        srv = Server(s, "--cache-mb", "0", db=db, preexec=limit(kib))
        kib += (264 - budget_of(srv)) * 1024
        stop(srv)
        srv = Server(s, db=db, preexec=limit(kib))
        budget = budget_of(srv)
        print("# RLIMIT_AS %d KiB: budget %d MiB beside a 64 MiB response cache" % (kib, budget))
        try:
            c = Client(srv)
            # rendered in memory (the disk is full), kept by the response cache: about 34 MB
            for f in ("compendio.html", "acciones.csv", "retos.csv", "informe.html", "acciones.xlsx",
                      "informe.pdf"):
                r = c.get("/descargas/big/" + f)
                eq(r.status, 200, f)
            r = c.get("/descargas/big/compendio.pdf")
            eq(r.status, 503, "refused before it starts\n" + r.body[:1500])
            eq(r.header("Retry-After"), None, "for good: a retry could not succeed")
            contains(r.body, "no se puede atender en este servidor aunque se intente de nuevo")
            eq(c.get("/descargas/big/compendio.html").status, 200, "the server still serves")
        finally:
            err = stop(srv)
        eq("no hubo memoria para la respuesta" in err, False, "a rendering ran out of memory\n" + err[-3000:])


# ---- N4 ----

def logout_on_full_disk_logged_as_a_write():
    with small_disk(s) as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(s.db, db)
        srv = Server(s, "--busy-timeout", "1", db=db)
        try:
            c = Client(srv)
            c.login("admin")
            fill(mnt)
            r = c.post("/salir", {})
            eq(r.status, 503, "a logout that cannot be written\n" + r.body[:1500])
            contains(r.body, "la base de datos no se puede escribir porque el disco está lleno")
        finally:
            code, _, err = srv.stop()
        eq(code, 0, "exit\n" + err)
        lines = [ln for ln in err.splitlines() if "POST /salir" in ln and '"POST' not in ln]
        eq(len(lines), 1, "the failure logged once\n" + err)
        contains(lines[0], "no se pudo escribir en la base de datos «%s»: el disco está lleno" % db)
        eq("no se pudo leer" in lines[0], False, "a write told as a read: " + lines[0])


check("N3: the budget said at start is the same at every start", budget_said_the_same_at_every_start)
check("N1: the response cache's bound is left out of the budget", budget_leaves_out_the_response_cache)
check("N4: a logout on a full disk is logged as a write that found the disk full",
      logout_on_full_disk_logged_as_a_write)
check("N1: a Compendio in PDF the memory cannot hold beside the response cache is refused before it starts",
      compendio_on_a_full_disk_under_a_limit)
done()
