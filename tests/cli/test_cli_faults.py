"""Issue 15 (helper SERVER): faults of the command line and the store that a
server in production meets: two processes migrating one old file at once,
a 0-byte --db, a full standard output, a database that cannot be written."""
import os
import shutil
import sqlite3
import subprocess

from pmmtest import PMM, Scratch, check, contains, done, downgrade, eq

s = Scratch()
s.pmm("demo", check=0)


def run(db, *args):
    return subprocess.Popen([PMM, "--db", db, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def version(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


# ---- fault 2: two processes open an old-schema database at once ----

def concurrent_migrations():
    old = s.path("old.db")
    shutil.copy(s.db, old)
    downgrade(old, 8)                     # migrations 9-12 pending
    failures = []
    for i in range(30):
        db = s.path("race%d.db" % i)
        shutil.copy(old, db)
        procs = [run(db, "catalog", "objectives") for _ in range(2)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            if p.returncode != 0:
                failures.append("run %d: exit %d: %s" % (i, p.returncode, err.strip()))
        eq(version(db), version(s.db), "schema after run %d" % i)
    eq(failures, [], "runs where one of two processes failed")


check("fault 2: 30 runs of two processes opening a schema-8 file at once all succeed", concurrent_migrations)


# ---- fault 4b: a 0-byte --db ----

def empty_db_refused():
    empty = s.path("empty.db")
    open(empty, "wb").close()
    for args in (("catalog", "objectives"), ("check",), ("serve", "--port", "0")):
        r = subprocess.run([PMM, "--db", empty, *args], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
        eq(r.returncode, 1, "pmm %s on a 0-byte file\n%s" % (args[0], r.stderr))
        contains(r.stderr, "está vacío (0 bytes): no es una base de datos de pmm", "pmm %s" % args[0])
        contains(r.stderr, "pmm init")
        eq(os.path.getsize(empty), 0, "the file after pmm %s" % args[0])
    r = subprocess.run([PMM, "--db", empty, "init"], capture_output=True, text=True)
    eq(r.returncode, 0, "pmm init on it\n" + r.stderr)
    if os.path.getsize(empty) == 0:
        raise AssertionError("pmm init left it empty")


check("fault 4b: a 0-byte --db is refused (only pmm init makes it a database)", empty_db_refused)

done()
