"""pmm backup (a consistent copy, even while an import writes) and pmm
check (integrity, the rules of every action, figures counted twice)."""
import os
import shutil
import sqlite3
import subprocess
import time
from pmmtest import PMM, Scratch, check, eq, contains, done
from relutil import edition_rows, generate, integrity

s = Scratch()
s.pmm("demo", check=0)
N = 5000
acc, ret, nret = generate(s.dir, N, seed=3)


def check_passes_on_the_demo():
    r = s.pmm("check", check=0)
    contains(r.stdout, "correcta")


def backup_is_a_copy():
    out = s.path("copia.db")
    s.pmm("backup", out, check=0)
    eq(integrity(out), [], "integrity of the copy")
    eq(Scratch.dump(type("D", (), {"db": out})()), s.dump(), "every row")
    r = subprocess.run([PMM, "--db", out, "check"], capture_output=True, text=True)
    eq(r.returncode, 0, "check of the copy\n" + r.stderr)
    eq([f for f in os.listdir(s.dir) if ".tmp-" in f], [], "temporary files left")


def existing_file_refused_unless_force():
    out = s.path("copia.db")
    with open(out, "rb") as f:
        before = f.read()
    r = s.pmm("backup", out)
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "ya existe")
    contains(r.stderr, "--force")
    with open(out, "rb") as f:
        eq(f.read() == before, True, "file untouched")
    s.pmm("backup", out, "--force", check=0)
    eq(integrity(out), [], "integrity after --force")


def unwritable_destination():
    r = s.pmm("backup", s.path("no/existe/copia.db"))
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "no/existe")


def backup_while_importing():
    # Each copy, taken at some moment of an import in another process, is
    # whole and holds all or none of that import.
    seen = set()
    for i, delay in enumerate([0.0, 0.15, 0.4, 0.8]):
        p = subprocess.Popen([PMM, "--db", s.db, "import", "--edition", "b%d" % i, acc,
                              "--retos", ret], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        out = s.path("durante-%d.db" % i)
        s.pmm("backup", out, check=0)
        eq(p.wait(), 0, "import exit")
        eq(integrity(out), [], "integrity of copy %d" % i)
        got = edition_rows(out).get("b%d" % i, (0, 0, 0))[:2]
        if got not in [(0, 0), (N, nret)]:
            raise AssertionError("copy %d holds %r of (%d, %d)" % (i, got, N, nret))
        seen.add(got != (0, 0))
        r = subprocess.run([PMM, "--db", out, "check"], capture_output=True, text=True)
        eq(r.returncode, 0, "check of copy %d\n%s" % (i, r.stderr))
    print("# copies with the import: %s" % sorted(seen))


def broken_copy(name, *sql):
    """A copy of the database with SQL run on it, foreign keys off."""
    p = s.path(name)
    shutil.copy(s.db, p)
    con = sqlite3.connect(p)
    for q in sql:
        con.execute(q)
    con.commit()
    con.close()
    return p


def run_check(db):
    return subprocess.run([PMM, "--db", db, "check"], capture_output=True, text=True,
                          env=dict(os.environ, LANGUAGE="es"))


def action_without_objective():
    db = broken_copy("sin-objetivo.db", "DELETE FROM action_objective WHERE action_id ="
                     " (SELECT id FROM action WHERE folio = '2024-0003')")
    r = run_check(db)
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "acción sin objetivo")
    contains(r.stderr, "2024-0003")


def two_principal_objectives():
    db = broken_copy("dos-principales.db",
                     "INSERT INTO action_objective(action_id, objective, principal)"
                     " SELECT id, 23, 1 FROM action WHERE folio = '2024-0005'"
                     " AND NOT EXISTS (SELECT 1 FROM action_objective o"
                     "  WHERE o.action_id = action.id AND o.objective = 23)")
    r = run_check(db)
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "principal")
    contains(r.stderr, "2024-0005")


def orphan_challenge():
    db = broken_copy("huerfano.db",
                     "INSERT INTO challenge(action_id, text) VALUES (987654, 'sin acción')")
    r = run_check(db)
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "reto de una acción que no existe")
    contains(r.stderr, "referencia rota")


def corrupted_file():
    db = broken_copy("corrupta.db")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'action_scope'").fetchone()[0]
    con.close()
    with open(db, "r+b") as f:             # scribble over an index page
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * 64)
    r = run_check(db)
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "integridad")


check("pmm check finds nothing wrong in the demo", check_passes_on_the_demo)
check("pmm backup writes a whole, equal copy", backup_is_a_copy)
check("an existing file is refused without --force", existing_file_refused_unless_force)
check("a destination that cannot be written fails cleanly", unwritable_destination)
check("copies taken while an import writes hold all of it or none", backup_while_importing)
check("pmm check: an action without objective", action_without_objective)
check("pmm check: an action with two principal objectives", two_principal_objectives)
check("pmm check: a challenge of no action", orphan_challenge)
check("pmm check: a damaged file", corrupted_file)
s.close()
done()
