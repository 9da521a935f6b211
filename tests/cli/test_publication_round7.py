"""Issue 12, verification round 7 (tester t12w): the synthetic edition's
emblem (F6), years no edition can have (F7), a line separator in the
preamble (F8) and the wording of tiny editions (F9; their whole texts are
in tests/cli/expected/, test_narrative_small.py)."""
import re
import sqlite3
import subprocess
import zipfile
from pmmtest import ACTION_HEADER, Scratch, check, contains, done, eq, png

s = Scratch()
s.pmm("demo", check=0)


def cover_emblems(edition, name):
    """How many emblems the HTML, PDF (first page's images) and DOCX of EDITION's Informe show."""
    got = []
    for fmt in ("html", "pdf", "docx"):
        out = "%s.%s" % (name, fmt)
        s.pmm("report", "--edition", edition, "--format", fmt, "-o", out, check=0)
        if fmt == "html":
            got.append(open(s.path(out), encoding="utf-8").read().count('<img class="emblem"'))
        elif fmt == "pdf":
            lst = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", s.path(out)],
                                 capture_output=True, text=True, check=True).stdout
            got.append(len(lst.splitlines()) - 2)
        else:
            with zipfile.ZipFile(s.path(out)) as z:
                got.append(sum(1 for n in z.namelist() if "emblem" in n))
    return got


def synthetic_edition_shows_no_emblem():
    s.write("emblema.png", None, raw=png(120, 60))
    s.pmm("edition", "new", "SYN", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "SYN", "--synthetic", "sí", check=0)
    r = s.pmm("edition", "set", "SYN", "--emblema", "emblema.png", check=0)
    contains(r.stderr, "«SYN» es un ejemplo sintético: el emisor, el país, el lugar y el emblema se "
                       "guardan, pero no se imprimen mientras lo sea", "the notice on a synthetic edition")
    eq(cover_emblems("SYN", "syn"), [0, 0, 0], "emblems on a synthetic edition's cover (HTML, PDF, DOCX)")
    # kept: the same edition made real shows it
    s.pmm("edition", "set", "SYN", "--synthetic", "no", check=0)
    eq(cover_emblems("SYN", "real"), [1, 1, 1], "emblems once it is no longer synthetic")
    r = s.pmm("edition", "set", "SYN", "--emblema", "emblema.png", check=0)
    eq("sintético" in r.stderr, False, "no notice on a real edition: %r" % r.stderr)


def years_out_of_range_refused():
    for period in ("0999-01:0999-02", "9999-12:9999-12", "1999-12:2024-01", "2024-01:2101-01"):
        r = s.pmm("edition", "new", "P" + period[:4], "--period", period, check=2)
        contains(r.stderr, "El año del periodo debe estar entre 2000 y 2100.", period)
    r = s.pmm("edition", "new", "PD", "--period", "2024-01:2024-12", "--deadline", "9999-01-01", check=2)
    contains(r.stderr, "El año de la fecha límite debe estar entre 2000 y 2100.")
    eq(s.query("SELECT count(*) FROM edition WHERE name LIKE 'P%'"), [(0,)], "no edition made")
    s.pmm("edition", "new", "P2000", "--period", "2000-01:2100-12", "--deadline", "2100-12-31", check=0)


def preamble_separators_are_line_breaks():
    s.write("pre.txt", "Con separador\u2028aquí y párrafo\u2029nuevo.\n\nOtro párrafo.\n")
    s.pmm("edition", "new", "PRE", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "PRE", "--preamble", "pre.txt", check=0)     # a U+2028 is not refused
    s.pmm("report", "--edition", "PRE", "--all", "--format", "html", "-o", "pre.html", check=0)
    page = open(s.path("pre.html"), encoding="utf-8").read()
    contains(page, "<p>Con separador<br>\naquí y párrafo<br>\nnuevo.</p><p>Otro párrafo.</p>", "the preamble")
    # one stored before (a hand edit): printed the same, and `pmm check` finds nothing wrong in it
    con = sqlite3.connect(s.db)
    con.execute("UPDATE edition SET preamble = ? WHERE name = 'PRE'", ("Uno\u2028dos.",))
    con.commit()
    con.close()
    r = s.pmm("check")
    eq("preámbulo" in r.stdout + r.stderr, False, "pmm check on a stored U+2028: %r" % r.stdout[-400:])


check("F6: a synthetic edition's cover shows no emblem (kept, and shown once it is real)",
      synthetic_edition_shows_no_emblem)
check("F7: a period or deadline outside 2000-2100 is refused", years_out_of_range_refused)
check("F8: U+2028 and U+2029 in the preamble are line breaks", preamble_separators_are_line_breaks)
done()
