"""Issue 12, round 6 (S12C): the PDF writer's cache of layouts is bounded
(a long Compendio keeps memory in check) and, past the bound, drops the
oldest layout, not the new one (render/report_pdf.c, LAYOUT_CACHE_MAX).
Keeping only the first layouts made laid every later text out about ten
times in each pass (a record's blocks are measured several times before
they are drawn): the Compendio of 20 000 actions took 22 s of CPU, 7
times 10 000's, and 40 000's did not finish in 17 minutes (now 3.3, 8.9
and 18 s: docs/performance.md, round 6). PMM_PDF_LAYOUTS=N, for tests,
sets the bound and says how many layouts were made: with a bound of 100,
far below the demo Compendio's 2 005 texts, each text is laid out at most
about twice (once a pass; 4 519) instead of 16 596 times in all, and the
PDF's words are where they are with the whole cache."""
import os
import re
import subprocess
from pmmtest import PMM, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def compendio(bound, out):
    env = dict(os.environ, PMM_PDF_LAYOUTS=str(bound), LANGUAGE="es", LANG="C.UTF-8")
    r = subprocess.run([PMM, "--db", s.db, "compendio", "--edition", "2024", "--format", "pdf",
                        "-o", s.path(out)], capture_output=True, text=True, env=env)
    eq(r.returncode, 0, "pmm compendio --format pdf")
    m = re.search(r"PDF: (\d+) layouts made \(cache of (\d+)\)", r.stderr)
    if not m:
        raise AssertionError("no count of layouts on stderr: %r" % r.stderr[-300:])
    return int(m.group(1)), int(m.group(2))


def words(name):
    out = subprocess.run(["pdftotext", "-bbox", s.path(name), "-"], capture_output=True, text=True,
                         check=True).stdout
    return "\n".join(l for l in out.splitlines() if "CreationDate" not in l)


def bounded():
    whole, cap = compendio(0, "whole.pdf")          # 0: the default bound
    eq(cap, 20000, "the default bound")
    small, cap = compendio(100, "small.pdf")
    eq(cap, 100, "the bound asked")
    if not whole > 1000:
        raise AssertionError("the demo Compendio lays out only %d texts" % whole)
    if small > 2.5 * whole:
        raise AssertionError("%d layouts made with a cache of 100, %d with the whole cache: texts laid out "
                             "again and again past the bound" % (small, whole))
    eq(words("small.pdf") == words("whole.pdf"), True, "every word at the same place")


check("past the cache's bound, each text is laid out about once a pass", bounded)
done()
