"""issue 10, fault 7: pmm backup refuses its own database as destination
(under any name) and cleans up after a killed run; pmm restore puts a copy
back safely: checked, never while the database is in use, never beside a
stale -wal."""
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pmmtest import PMM, Scratch, check, eq, contains, done
from relutil import edition_rows, generate, integrity

s = Scratch()
s.pmm("demo", check=0)
COPY = s.path("copia.db")
s.pmm("backup", COPY, check=0)


def backup(*args):
    return subprocess.run([PMM, "--db", s.db, "backup", *args], cwd=s.dir, capture_output=True,
                          text=True, env=dict(os.environ, LANGUAGE="es"))


def run(db, *args):
    return subprocess.run([PMM, "--db", db, *args], cwd=s.dir, capture_output=True, text=True,
                          env=dict(os.environ, LANGUAGE="es"))


def own_database_refused():
    os.symlink(s.db, s.path("enlace.db"))
    os.link(s.db, s.path("duro.db"))
    names = [s.db, "t.db", "./t.db", s.path("enlace.db"), s.path("duro.db"), s.db + "-wal"]
    for name in names:
        before = s.dump()
        r = backup(name, "--force")
        eq(r.returncode, 1, "exit for %s\n%s" % (name, r.stdout))
        contains(r.stderr, "la base de datos misma")
        eq(integrity(s.db), [], "integrity after backup onto %s" % name)
        eq(s.dump() == before, True, "database unchanged after backup onto " + name)
    os.unlink(s.path("enlace.db"))
    os.unlink(s.path("duro.db"))


def killed_backup_leaves_no_temp():
    big = Scratch()
    big.pmm("init", check=0)
    acc, ret, _ = generate(big.dir, 20000, seed=5)
    big.pmm("import", "--edition", "g", acc, "--retos", ret, check=0)
    out = big.path("copia.db")
    killed = False
    for _ in range(20):        # kill a backup while its temporary file exists
        p = subprocess.Popen([PMM, "--db", big.db, "backup", out, "--force"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while p.poll() is None and not any(".tmp-" in f for f in os.listdir(big.dir)):
            pass
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            killed = any(".tmp-" in f for f in os.listdir(big.dir))
            if killed:
                break
        p.wait()
    eq(killed, True, "a backup killed with its temporary file present")
    r = run(big.db, "backup", out, "--force")
    eq(r.returncode, 0, "next backup\n" + r.stderr)
    eq([f for f in os.listdir(big.dir) if ".tmp-" in f], [], "temporary files left")
    eq(integrity(out), [], "integrity of the copy")
    big.close()


def restore_puts_the_copy_back():
    want = s.dump()
    s.pmm("import", "--edition", "2099", s.write("a.csv", "folio,institucion,objetivos,nombre\n"
                                                  "X-1,INM,7,Después de la copia\n"), check=0)
    r = s.pmm("restore", COPY, check=0)
    contains(r.stdout, "restaurada")
    eq(s.dump(), want, "the database is the copy")
    r = s.pmm("check", check=0)
    prev = [f for f in os.listdir(s.dir) if f.startswith("t.db.antes-de-restaurar-")]
    eq(len(prev), 1, "the previous database kept: %r" % prev)
    eq("2099" in edition_rows(s.path(prev[0])), True, "the previous database holds 2099")


def crash_with_stale_wal():
    # a writer dies with committed pages still in t.db-wal
    code = ("import sqlite3, os\n"
            "c = sqlite3.connect(%r, isolation_level=None)\n"
            "c.execute('PRAGMA wal_autocheckpoint=0')\n"
            "c.execute('BEGIN')\n"
            "c.execute(\"UPDATE action SET name = name || ' (cambiada)'\")\n"
            "c.execute('COMMIT')\n"
            "os._exit(0)\n" % s.db)
    subprocess.run(["python3", "-c", code], check=True)
    eq(os.path.getsize(s.db + "-wal") > 0, True, "a -wal left by the crash")
    want = Scratch.dump(type("D", (), {"db": COPY})())
    r = s.pmm("restore", COPY, check=0)
    contains(r.stdout, "restaurada")
    eq(integrity(s.db), [], "integrity after restore")
    eq(s.dump(), want, "the database is the copy")
    s.pmm("check", check=0)
    eq(os.path.exists(s.db + "-wal") and os.path.getsize(s.db + "-wal") > 0, False,
       "no stale -wal beside the restored database")


def refused_while_in_use():
    srv = subprocess.Popen([PMM, "--db", s.db, "serve", "--port", "0"], cwd=s.dir,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           env=dict(os.environ, LANGUAGE="es"))
    try:
        srv.stdout.readline()          # the server is up (its threads idle)
        before = s.dump()
        r = s.pmm("restore", COPY)
        eq(r.returncode, 1, "exit while pmm serve runs\n" + r.stdout)
        contains(r.stderr, "en uso")
        eq(s.dump() == before, True, "database unchanged")
    finally:
        srv.send_signal(signal.SIGTERM)
        srv.wait()
    # any other program with the database open: SQLite's own locks tell
    con = sqlite3.connect(s.db)
    con.execute("SELECT count(*) FROM action").fetchone()
    try:
        r = s.pmm("restore", COPY)
        eq(r.returncode, 1, "exit while sqlite3 has it open")
        contains(r.stderr, "en uso")
    finally:
        con.close()


def bad_copies_refused():
    before = s.dump()
    r = s.pmm("restore", s.write("texto.db", "no es una base de datos " * 200))
    eq(r.returncode, 1, "exit for a text file")
    contains(r.stderr, "no es una base de datos de pmm")
    other = s.path("otra.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    r = s.pmm("restore", other)
    eq(r.returncode, 1, "exit for another program's database")
    contains(r.stderr, "no es una base de datos de pmm")
    damaged = s.path("dañada.db")
    shutil.copy(COPY, damaged)
    con = sqlite3.connect(damaged)
    page = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'action_scope'").fetchone()[0]
    con.close()
    with open(damaged, "r+b") as f:
        f.seek((root - 1) * page + 8)
        f.write(b"\xff" * 64)
    r = s.pmm("restore", damaged)
    eq(r.returncode, 1, "exit for a damaged copy")
    contains(r.stderr, "integridad")
    newer = s.path("nueva.db")
    shutil.copy(COPY, newer)
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version=999")
    con.commit()
    con.close()
    r = s.pmm("restore", newer)
    eq(r.returncode, 1, "exit for a newer schema")
    contains(r.stderr, "999")
    r = s.pmm("restore", s.db)
    eq(r.returncode, 1, "exit for the database itself")
    eq(s.dump() == before, True, "database unchanged")
    eq([f for f in os.listdir(s.dir) if ".restore-" in f], [], "temporary files left")


check("pmm backup refuses its own database under any name", own_database_refused)
check("a killed backup's temporary files go with the next backup", killed_backup_leaves_no_temp)
check("pmm restore puts the copy back and keeps the previous database", restore_puts_the_copy_back)
check("pmm restore after a crash with a stale -wal gives a sound database", crash_with_stale_wal)
check("pmm restore refuses a database in use", refused_while_in_use)
check("pmm restore refuses bad copies, changing nothing", bad_copies_refused)


def restore_empties_the_files_cache():
    """issue 15: pmm serve keeps a published revision's rendered files in
    DB-cache/, named by what they were rendered from; after a restore the
    catalogs' versions may name the same keys with other contents, so the
    folder of the replaced database goes with it."""
    cache = s.db + "-cache"
    os.makedirs(cache, exist_ok=True)
    s.write(cache + "/r1-0123456789abcdef-informe.html", "de la base de datos anterior")
    r = s.pmm("restore", COPY, check=0)
    contains(r.stdout, "restaurada")
    eq(os.path.exists(cache), False, "the cache folder of the replaced database is removed")
    s.write(cache, "un archivo donde va la carpeta")      # cannot be emptied: said, not hidden
    r = s.pmm("restore", COPY, check=0)
    eq(r.returncode, 0, "the restore itself succeeded\n" + r.stderr)
    contains(r.stderr, "no se pudo vaciar")
    os.unlink(cache)


check("pmm restore empties the server's folder of rendered files", restore_empties_the_files_cache)
s.close()
done()
