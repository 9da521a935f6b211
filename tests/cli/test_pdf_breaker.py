"""Issue 12, round 6 (S12C): the PDF's justified paragraphs are broken into
lines by pmm's own breaker (render/pdf_text.c: each text shaped once),
not by pango, which shapes each glyph about 2.4 times looking for the
breaks; pango still breaks what the breaker does not handle (report_pdf.c,
Para), and PMM_PDF_PANGO=1 (tests only) has it break every paragraph.
Each word of the demo's Informe and Compendio, in Spanish and English,
must sit where pango puts it (pdftotext -bbox, to the thousandth of a
point), the text read the same (pdftotext) and the structure tree the same
(pdfinfo -struct-text); PMM_PDF_LAYOUTS=0 says how many paragraphs each
broke, so that the comparison is not between two pango runs."""
import os
import re
import subprocess
from pmmtest import PMM, Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)


def pdf(cmd, lang, out, pango):
    env = dict(os.environ, LANGUAGE="es", LANG="C.UTF-8", PMM_PDF_LAYOUTS="0")
    if pango:
        env["PMM_PDF_PANGO"] = "1"
    r = subprocess.run([PMM, "--db", s.db, cmd, "--edition", "2024", "--lang", lang, "--format", "pdf",
                        "-o", s.path(out)], capture_output=True, text=True, env=env)
    eq(r.returncode, 0, "pmm %s --format pdf" % cmd)
    m = re.search(r"paragraphs: (\d+) by pmm's breaker, (\d+) by pango", r.stderr)
    if not m:
        raise AssertionError("no count of paragraphs on stderr: %r" % r.stderr[-300:])
    return int(m.group(1)), int(m.group(2))


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def words(name):
    return [l.strip() for l in run("pdftotext", "-bbox", s.path(name), "-").splitlines() if "<word" in l]


def same_words(a, b, what):
    wa, wb = words(a), words(b)
    eq(len(wa), len(wb), what + ": words")
    moved = [(x, y) for x, y in zip(wa, wb) if x != y]
    if moved:
        raise AssertionError("%s: %d words not where pango puts them, the first:\n  pango %s\n  pmm   %s"
                             % (what, len(moved), moved[0][0], moved[0][1]))


def compare(cmd, lang, least):
    own, pango = pdf(cmd, lang, "own.pdf", False)
    all_own, all_pango = pdf(cmd, lang, "pango.pdf", True)
    eq(all_own, 0, "paragraphs by pmm's breaker with PMM_PDF_PANGO=1")
    eq(own + pango, all_pango, "paragraphs")
    if own < least:
        raise AssertionError("%s %s: only %d of %d paragraphs by pmm's breaker" % (cmd, lang, own, own + pango))
    what = "%s --lang %s" % (cmd, lang)
    same_words("pango.pdf", "own.pdf", what)
    eq(run("pdftotext", s.path("own.pdf"), "-"), run("pdftotext", s.path("pango.pdf"), "-"), what + ": text")
    eq(run("pdfinfo", "-struct-text", s.path("own.pdf")), run("pdfinfo", "-struct-text", s.path("pango.pdf")),
       what + ": structure")


check("Informe, es: every word where pango puts it", lambda: compare("report", "es", 190))
check("Informe, en: every word where pango puts it", lambda: compare("report", "en", 190))
check("Compendio, es: every word where pango puts it", lambda: compare("compendio", "es", 1300))
check("Compendio, en: every word where pango puts it", lambda: compare("compendio", "en", 1300))
done()
