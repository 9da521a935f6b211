"""Issue 10, fault 5 (CLI side): a published edition is frozen; an
administrator opens it for corrections, and publishing again records
revision 2 while revision 1 stays as it was published. Fault 4's end:
`pmm check` compares each action's state with its audit log."""
import csv
import re
import sqlite3
from pmmtest import Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def challenges(*extra):
    return s.figures("2024", *extra)["challenges"]["total"]


def export_with_two_more_challenges():
    """The edition as exported, with two challenges more for its first action."""
    s.pmm("export", "--edition", "2024", "--format", "csv", "-o", "e.csv", check=0)
    with open(s.path("e-retos.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    folio = rows[1][1]                      # issue 14: edicion is the first column
    with open(s.path("e-retos.csv"), "a", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["2024", folio, "Falta un intérprete de mam", ""],
                                 ["2024", folio, "Falta un intérprete de tsotsil", ""]])
    return ["import", "--edition", "2024", "e.csv", "--retos", "e-retos.csv"]


IMPORT = export_with_two_more_challenges()


def import_into_a_published_edition_is_refused():
    before = s.dump()
    r = s.pmm(*IMPORT)
    eq(r.returncode, 1, "exit code\n" + r.stdout + r.stderr)
    contains(r.stderr, "La edición está publicada")
    contains(r.stderr, "abrirla para correcciones")
    if "Corrija el archivo" in r.stderr:
        raise AssertionError("the file is not at fault:\n" + r.stderr)
    eq(s.dump(), before, "database after the refused import")
    eq(challenges(), 326, "challenges")


def publishing_recorded_revision_1():
    out = s.pmm("edition", "revisions", "2024", check=0).stdout
    if not re.match(r"1\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\t", out):
        raise AssertionError("revisions:\n" + out)


def reopen_correct_publish_again():
    r = s.pmm("edition", "reopen", "2024", check=0)
    contains(r.stdout, "abierta para correcciones")
    s.pmm("edition", "reopen", "2024", check=1)              # not published any more
    s.pmm(*IMPORT, check=0)
    eq(challenges(), 328, "the working edition, corrected")
    eq(challenges("--revision", "1"), 326, "revision 1 while the edition is open")
    r = s.pmm("edition", "set", "2024", "--estado", "publicada", "--nota", "dos retos del INM", check=0)
    contains(r.stdout, "revisión 2")
    eq(challenges("--revision", "2"), 328, "revision 2")
    eq(challenges("--revision", "1"), 326, "revision 1, as it was published")
    lines = s.pmm("edition", "revisions", "2024", check=0).stdout.splitlines()
    eq([l.split("\t")[0] for l in lines], ["1", "2"], "revision numbers")
    eq(lines[1].split("\t")[3], "dos retos del INM", "note")
    r = s.pmm("report", "--edition", "2024", "--revision", "3", "--format", "json", check=1)
    contains(r.stderr, "no tiene la revisión «3»")
    s.pmm(*IMPORT, check=1)                                   # frozen again


def earlier_revision_informe_and_compendio():
    s.pmm("report", "--edition", "2024", "--revision", "1", "--format", "html", "-o", "r1.html", check=0)
    s.pmm("report", "--edition", "2024", "--revision", "2", "--format", "html", "-o", "r2.html", check=0)
    contains(open(s.path("r1.html"), encoding="utf-8").read(), 'data-base="326"', "Informe r1")
    contains(open(s.path("r2.html"), encoding="utf-8").read(), 'data-base="328"', "Informe r2")
    s.pmm("compendio", "--edition", "2024", "--revision", "1", "-o", "c1.html", check=0)
    c1 = open(s.path("c1.html"), encoding="utf-8").read()
    if "intérprete de mam" in c1:
        raise AssertionError("revision 1's Compendio shows a later correction")


def an_edition_published_before_revisions():
    """Published with no revision (a database of before this change): it is
    its own revision 1 until it is reopened, which records it."""
    s.pmm("edition", "add", "2023", check=0)
    # issue 14: rows of 2024 go into 2023 once the edicion column is taken away; issue 13
    # (F13): and continua_folio, which names actions of the edition before 2024
    for name in ("e.csv", "e-retos.csv"):
        with open(s.path(name), encoding="utf-8-sig", newline="") as f:
            rows = [r[1:] for r in csv.reader(f)]
        if rows[0][-1] == "continua_edicion":      # and its edition (issue 13, R13B)
            rows = [r[:-2] for r in rows]
        with open(s.path("2023-" + name), "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
    s.pmm("import", "--edition", "2023", "2023-e.csv", "--retos", "2023-e-retos.csv", check=0)
    con = sqlite3.connect(s.db)
    con.execute("UPDATE edition SET state = 'publicada' WHERE name = '2023'")
    con.commit()
    con.close()
    contains(s.pmm("edition", "revisions", "2023", check=0).stdout, "antes de que pmm registrara")
    eq(s.figures("2023", "--revision", "1")["challenges"]["total"], 328, "revision 1 is the edition")
    s.pmm("import", "--edition", "2023", "2023-e.csv", check=1)
    s.pmm("edition", "reopen", "2023", check=0)
    out = s.pmm("edition", "revisions", "2023", check=0).stdout
    if not re.match(r"1\t\d{4}-", out):
        raise AssertionError("reopening records revision 1:\n" + out)
    eq(s.figures("2023", "--revision", "1")["challenges"]["total"], 328, "recorded revision 1")


def check_compares_states_with_the_audit_log():
    s.pmm("check", check=0)
    con = sqlite3.connect(s.db)
    aid, folio = con.execute("SELECT a.id, a.folio FROM action a JOIN edition e ON e.id = a.edition_id"
                             " WHERE e.name = '2025' OR e.name = '2024' ORDER BY e.name DESC, a.id LIMIT 1"
                             ).fetchone()
    # what the web writes when a coordinator returns an action
    con.execute("INSERT INTO audit_log(action_id, what, before, after) VALUES (?, 'devolver',"
                " '{\"situacion\": \"validada\"}', '{\"situacion\": \"devuelta\"}')", (aid,))
    con.execute("UPDATE action SET status = 'devuelta' WHERE id = ?", (aid,))
    con.commit()
    s.pmm("check", check=0)
    con.execute("UPDATE action SET status = 'validada' WHERE id = ?", (aid,))   # behind the log's back
    con.commit()
    con.close()
    r = s.pmm("check", check=1)
    contains(r.stderr, "último cambio en la bitácora")
    contains(r.stderr, folio)


check("import into a published edition is refused", import_into_a_published_edition_is_refused)
check("publishing recorded revision 1 with its date", publishing_recorded_revision_1)
check("reopen, correct, publish again: revision 2", reopen_correct_publish_again)
check("revision 1's Informe and Compendio as published", earlier_revision_informe_and_compendio)
check("an edition published before revisions", an_edition_published_before_revisions)
check("pmm check compares states with the audit log", check_compares_states_with_the_audit_log)
s.close()
done()
