"""Issue 15 (helper SERVER): faults of the command line and the store that a
server in production meets: two processes migrating one old file at once,
a 0-byte --db, a full standard output, a database that cannot be written.
Each check fails on the code before its fix (docs/reliability.md, "The
server under faults"):
 2. 30 runs of two processes opening a schema-8 file at once: one failed
    («la migración 9 … falló: duplicate column name») in most runs;
 4b. a 0-byte --db silently became a new database;
 5. on a full disk, report, check and backup could not even read the
    database («disk I/O error»); `pmm check > /dev/full` exited 0; a file
    in a read-only folder could not be read either."""
import json
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


# ---- fault 5: a full disk, a full standard output, a read-only database ----

def pmm_as(db, *args, user=None):
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    return subprocess.run([PMM, "--db", db, *args], capture_output=True, text=True, timeout=120,
                          cwd=s.dir, preexec_fn=drop if user else None,
                          env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def readable_anyway(db, cause, user=None):
    """report, check and backup work on DB, which cannot be written for CAUSE."""
    r = pmm_as(db, "check", user=user)
    eq(r.returncode, 0, "pmm check\n" + r.stderr)
    contains(r.stdout, "correcta", "pmm check")
    contains(r.stderr, "se abrió solo para lectura porque no se puede escribir: " + cause, "pmm check")
    r = pmm_as(db, "report", "--edition", "2024", "--format", "json", user=user)
    eq(r.returncode, 0, "pmm report\n" + r.stderr)
    eq(json.loads(r.stdout)["edition"], "2024", "pmm report's edition")
    copy = os.path.join("/tmp" if user else s.dir, "copia-%d.db" % os.getpid())
    if os.path.exists(copy):
        os.remove(copy)
    r = pmm_as(db, "backup", copy, user=user)
    eq(r.returncode, 0, "pmm backup\n" + r.stderr)
    eq(pmm_as(copy, "check").returncode, 0, "the copy checks")
    os.remove(copy)
    r = pmm_as(db, "edition", "add", "2099", user=user)
    eq(r.returncode, 1, "a write is refused")
    contains(r.stderr, cause, "the write's refusal")


def checkpointed_copy(dst):
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(s.db, dst)


def full_disk():
    mnt = s.path("lleno")
    os.mkdir(mnt)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt], capture_output=True, text=True)
    if r.returncode != 0:
        print("# SKIP full disk: cannot mount a tmpfs here (%s)" % (r.stderr.strip() or "not root"))
        return
    try:
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(db)
        try:
            with open(os.path.join(mnt, "relleno"), "wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            pass
        readable_anyway(db, "el disco está lleno")
    finally:
        subprocess.run(["umount", mnt])


def full_stdout():
    with open("/dev/full", "w") as full:
        r = subprocess.run([PMM, "--db", s.db, "check"], stdout=full, stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    eq(r.returncode, 1, "pmm check > /dev/full\n" + r.stderr)
    contains(r.stderr, "pmm: no se pudo escribir la salida: el disco está lleno")


def read_only_folder():
    if os.geteuid() != 0:
        print("# SKIP read-only folder: needs root to run pmm as nobody")
        return
    ro = s.path("solo-lectura")
    os.mkdir(ro)
    db = os.path.join(ro, "t.db")
    checkpointed_copy(db)
    os.chmod(db, 0o444)
    os.chmod(ro, 0o555)
    os.chmod(s.dir, 0o755)
    try:
        readable_anyway(db, "es de solo lectura", user="nobody")
    finally:
        os.chmod(ro, 0o755)


check("fault 5a: on a full disk, report, check and backup read the database; a write names the disk",
      full_disk)
check("fault 5b: pmm check > /dev/full exits 1 and says so", full_stdout)
check("fault 5c: a database in a read-only folder is read by report, check and backup", read_only_folder)

done()
