"""Issue 13 (R13B): a continuation link survives an edition inserted
between two linked ones. The link is stored by id and may be to any
earlier edition of the same institution; every export says which edition
the continued folio is in (column continua_edicion), so an export of the
later edition still imports into a fresh database with the same links.
pmm check passes then, and fails when a period moves a continued edition
after the one that continues it."""
import json
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

HEAD = ACTION_HEADER + ",principios,continua_folio,continua_edicion\n"
ROW = '%s,INM,3,Programa %s,,,,,,,,,%s,%s\n'
EDITIONS = (("e2022", "2022-01:2022-12"), ("e2023", "2023-01:2023-12"), ("e2024", "2024-01:2024-12"))


def rows(*items):
    """(folio, continua_folio, continua_edicion) as rows of acciones.csv."""
    return HEAD + "".join(ROW % (f, f, cont, ed) for f, cont, ed in items)


def links(s):
    return s.query("SELECT e.name, a.folio, oe.name, o.folio FROM action_continuation k"
                   " JOIN action a ON a.id = k.action_id JOIN edition e ON e.id = a.edition_id"
                   " JOIN action o ON o.id = k.continues_id JOIN edition oe ON oe.id = o.edition_id"
                   " ORDER BY e.name, a.folio")


def new_db(with_middle):
    s = Scratch()
    s.pmm("init", check=0)
    for name, period in EDITIONS:
        s.pmm("edition", "new", name, "--period", period, check=0)
    if with_middle:
        s.pmm("edition", "new", "medio", "--period", "2023-07:2024-06", check=0)
    return s


def three_linked():
    """A-1 (2022) <- B-1 (2023) <- C-1 (2024), by the previous edition
    (continua_edicion empty, as files before it was a column)."""
    s = new_db(False)
    s.pmm("import", "--edition", "e2022", s.write("a.csv", rows(("A-1", "", ""), ("A-2", "", ""))), check=0)
    s.pmm("import", "--edition", "e2023", s.write("b.csv", rows(("B-1", "A-1", ""))), check=0)
    s.pmm("import", "--edition", "e2024", s.write("c.csv", rows(("C-1", "B-1", ""))), check=0)
    return s


WANT = [("e2023", "B-1", "e2022", "A-1"), ("e2024", "C-1", "e2023", "B-1")]


def inserted_edition_keeps_links():
    s = three_linked()
    t = new_db(True)
    try:
        eq(links(s), WANT, "the links as imported")
        s.pmm("edition", "new", "medio", "--period", "2023-07:2024-06", check=0)
        eq(links(s), WANT, "an edition between 2023 and 2024 changes no link")
        eq(s.pmm("check", check=None).returncode, 0, "pmm check passes: every link is to an earlier edition")
        for name, _ in EDITIONS:
            s.pmm("export", "--edition", name, "--format", "csv", "-o", name + ".csv", check=0)
        lines = open(s.path("e2024.csv"), encoding="utf-8-sig").read().split("\n")
        eq(lines[0].endswith(",continua_folio,continua_edicion"), True, "header: " + lines[0])
        eq(lines[1].endswith(",B-1,e2023"), True, "C-1's row names its continued edition: " + lines[1])
        # a fresh database with the four editions, filled oldest first
        for name, _ in EDITIONS:
            r = t.pmm("import", "--edition", name, s.path(name + ".csv"), check=None)
            eq(r.returncode, 0, "import of %s: %s" % (name, r.stderr))
        eq(links(t), WANT, "the same links after export and import")
        eq(t.pmm("check", check=None).returncode, 0, "pmm check passes in the fresh database")
        s.pmm("export", "--edition", "e2024", "--format", "json", "-o", "e.json", check=0)
        doc = json.load(open(s.path("e.json"), encoding="utf-8"))
        eq([(a["continua_folio"], a["continua_edicion"]) for a in doc["acciones"]], [("B-1", "e2023")], "JSON")
    finally:
        s.close()
        t.close()


def any_earlier_edition():
    s = three_linked()
    try:
        # C-2 of 2024 continues A-2 of 2022 directly, skipping 2023
        r = s.pmm("import", "--edition", "e2024", s.write("c2.csv", rows(("C-2", "A-2", "e2022"))), check=None)
        eq(r.returncode, 0, r.stderr)
        eq(("e2024", "C-2", "e2022", "A-2") in links(s), True, "linked across an edition")
        # an edition that is not earlier, or does not exist: refused on the column, nothing written
        r = s.pmm("import", "--edition", "e2023", s.write("bad.csv", rows(("B-9", "C-1", "e2024"))), check=None)
        eq(r.returncode != 0, True, "a later edition is refused")
        contains(r.stderr, "bad.csv")
        contains(r.stderr, "continua_edicion")
        contains(r.stderr, "la edición «e2024» no es anterior a «e2023»")
        r = s.pmm("import", "--edition", "e2024", s.write("bad2.csv", rows(("C-9", "A-1", "nada"))), check=None)
        eq(r.returncode != 0, True, "an unknown edition is refused")
        contains(r.stderr, "no hay ninguna edición «nada»")
        eq(s.query("SELECT count(*) FROM action WHERE folio IN ('B-9', 'C-9')"), [(0,)], "nothing written")
    finally:
        s.close()


def check_fails_on_a_moved_period():
    s = three_linked()
    try:
        # 2023 moved after 2024: C-1 (2024) now continues an action of a later edition
        s.pmm("edition", "set", "e2023", "--period", "2025-01:2025-12", check=0)
        r = s.pmm("check", check=None)
        eq(r.returncode != 0, True, "pmm check fails")
        out = r.stdout + r.stderr
        contains(out, "continuación que no es de una acción de la misma instancia en una edición anterior")
        contains(out, "e2024, C-1, e2023, B-1")
    finally:
        s.close()


check("an edition inserted between linked ones: export, import, same links", inserted_edition_keeps_links)
check("continua_edicion: any earlier edition, refusals on the column", any_earlier_edition)
check("pmm check names a link to an edition no longer earlier", check_fails_on_a_moved_period)
done()
