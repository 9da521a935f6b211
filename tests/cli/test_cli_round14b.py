"""Issue 14, verification round 3's command-line faults (helper F14D;
/work/wt/notes/s9/h14r3-report.md new faults 3, 4, 6 and the CLI parts of
7 and 8), through the real binary. Each check fails on the code before
its fix."""
import os
from pmmtest import SOURCE, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def first_line(r):
    return r.stderr.splitlines()[0] if r.stderr else ""


# ---- 4: a missing or unknown order is said before the usage ----

def orders_named():
    cases = [(("edition",), "falta la orden (list, add, new, set, reopen, revisions)"),
             (("edition", "nosuch"), "orden desconocida «nosuch»"),
             (("edition", "set"), "falta el nombre de la edición"),
             (("edition", "reopen"), "falta el nombre de la edición"),
             (("user",), "falta la orden (add, set, passwd"),
             (("user", "nosuch"), "orden desconocida «nosuch»"),
             (("user", "passwd"), "falta el nombre de la cuenta"),
             (("mail",), "falta la orden (send-pending)"),
             (("mail", "nosuch"), "orden desconocida «nosuch»")]
    for args, want in cases:
        r = s.pmm(*args)
        eq(r.returncode, 2, " ".join(args))
        line = first_line(r)
        contains(line, "pmm %s: " % args[0], " ".join(args) + ": the command's prefix")
        contains(line, want, " ".join(args) + ": what is wrong comes first")
        contains(r.stderr, "uso: pmm " + args[0], "then the usage")


# ---- 6: --lang reaches the parser's own messages ----

def lang_before_parsing():
    r = s.pmm("report", "--edition", "2024", "--lang", "en", "--format", "odt")
    eq(r.returncode, 2)
    contains(r.stderr, 'does not take', "the --format message in English")
    contains(r.stderr, "usage: pmm report", "the usage in English")
    eq("uso:" in r.stderr, False, r.stderr)
    r = s.pmm("chart", "--edition", "2024", "--lang=en", "--width", "100")
    eq(r.returncode, 2)
    eq("uso:" in r.stderr, False, "chart --lang=en: " + r.stderr)
    r = s.pmm("report", "--edition", "2024", "--lang", "es", "--format", "odt", lang="en")
    contains(r.stderr, "no admite", "--lang es under an English locale")
    contains(r.stderr, "uso: pmm report")
    r = s.pmm("report", "--edition", "2024", "--lang", "fr", "--format", "odt")
    contains(r.stderr, "uso:", "an unknown --lang changes nothing (and is refused)")


# ---- 3: import's lines: FILE[:LINE]: diagnostics, then «pmm import: » (docs/cli.md, Messages) ----

def import_lines_prefixed():
    s.write("bad.csv", "folio,x\n1,2\n")
    for f in ("nosuch.xlsx", "bad.csv"):
        r = s.pmm("import", "--edition", "2025", f)
        eq(r.returncode, 1, f + "\n" + r.stderr)
        lines = r.stderr.splitlines()
        for line in lines:
            eq(line.startswith("pmm import: ") or line.startswith(f + ":"), True,
               f + ": a line neither prefixed nor a FILE: diagnostic: " + line)
        contains(lines[-1], "pmm import: No se importó nada", "the summary is prefixed")
    doc = open(os.path.join(SOURCE, "docs", "cli.md"), encoding="utf-8").read()
    contains(doc, "`FILE:LINE:`", "docs/cli.md states the diagnostics' exception")


def help_catalog_aliases():
    r = s.pmm("help", "catalog", check=0)
    contains(r.stdout, "tipos_accion", "pmm help catalog names the API's names it takes")
    contains(r.stdout, "pmm catalog tipos-accion", "and the downloads'")


# ---- 7: every number option names itself and the value; one quote style in English ----

def numbers_named():
    cases = [(("serve", "--port", "0", "--mail-poll", "x"), "--mail-poll: «x» no es un número de 1 a 3600"),
             (("serve", "--port", "0", "--mail-retry-base", "0"), "--mail-retry-base: «0» no es un número de 1 a 86400"),
             (("serve", "--port", "0", "--busy-timeout", "abc"), "--busy-timeout: «abc» no es un número de 1 a 600"),
             (("serve", "--port", "0", "--cache-mb", "-5"), "--cache-mb: «-5» no es un número de 0 a 65536"),
             (("serve", "--port", "0", "--request-timeout", "0"), "--request-timeout: «0» no es un número de 1 a 86400"),
             (("user", "token", "admin", "--expires", "abc"), "--expires: «abc» no es un número de 1 a 3650")]
    for args, want in cases:
        r = s.pmm(*args)
        eq(r.returncode, 2, " ".join(args) + "\n" + r.stderr)
        contains(first_line(r), want, " ".join(args))


def english_quotes():
    for args in (("report", "--edition", "nosuch", "--lang", "en"),
                 ("report", "--edition", "2024", "--revision", "9", "--lang", "en"),
                 ("review", "--from", "nosuch", "--to", "2024", "--lang", "en", "-o", "x.html")):
        line = first_line(s.pmm(*args))
        contains(line, '"', " ".join(args))
        for q in "«»“”":
            eq(q in line, False, " ".join(args) + ": one quote style in English: " + line)


check("3: import's diagnostics begin with FILE:, its summary with «pmm import:», as docs/cli.md says",
      import_lines_prefixed)
check("4: edition, user, mail say a missing or unknown order, a missing name, before the usage", orders_named)
check("6: --lang is the language of the option parser's messages and the usage", lang_before_parsing)
check("8: pmm help catalog mentions the download and API names", help_catalog_aliases)
check("7: serve's and user token's number options name the option and the value", numbers_named)
check("7: English messages quote with \"…\" only", english_quotes)

done()
