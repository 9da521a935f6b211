"""issue 10, fault 13: when the database cannot be written, pmm import says
so (locked, disk full, read-only) instead of telling the user to fix a
file that is fine; and a refused import leaves no new edition behind."""
import os
import resource
import signal
import sqlite3
import subprocess
from pmmtest import PMM, Scratch, ACTION_HEADER, check, eq, contains, done

s = Scratch()
s.pmm("init", check=0)
ACC = s.write("acciones.csv", ACTION_HEADER + "\nA-1,INM,7,Atención,Orientación,"
              "Servicios de recepción y/o acompañamiento,extranjeros,Sí,No,120,Se atendió\n")
BAD = s.write("malo.csv", "folio,institucion,objetivos\nA-1,INM,7\n")
s.pmm("import", "--edition", "2024", ACC, check=0)


def editions():
    con = sqlite3.connect(s.db)
    try:
        return sorted(n for (n,) in con.execute("SELECT name FROM edition"))
    finally:
        con.close()


def not_the_file(r):
    """The message of a database that could not be written."""
    eq(r.returncode, 1, "exit\n" + r.stderr)
    contains(r.stderr, "no se pudo escribir en la base de datos")
    contains(r.stderr, "t.db")
    if "Corrija el archivo" in r.stderr or "not an error" in r.stderr:
        raise AssertionError("blames the file:\n" + r.stderr)


def refused_import_creates_no_edition():
    before = editions()
    r = s.pmm("import", "--edition", "2026", BAD)
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "Corrija el archivo")        # this file is at fault
    eq(editions(), before, "editions after a refused import")
    r = s.pmm("import", "--edition", "2027", ACC, "--check", check=0)
    eq(editions(), before, "editions after a dry run")


def new_edition_created_with_its_import():
    r = s.pmm("import", "--edition", "2028", ACC, check=0)
    contains(r.stderr, "se creó la edición «2028»")
    eq("2028" in editions(), True, "2028 exists")


def locked_database():
    # another program holds the write lock past pmm's busy timeout (10 s)
    holder = sqlite3.connect(s.db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        r = s.pmm("import", "--edition", "2029", ACC)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    not_the_file(r)
    contains(r.stderr, "bloqueada")
    eq("2029" in editions(), False, "2029 not created")


def full_disk():
    # a file-size limit makes the writes fail as a full disk would
    rows = [ACTION_HEADER] + ["F-%d,INM,7,Acción %d,%s,Capacitación,extranjeros,Sí,No,1,"
                              % (i, i, "texto largo " * 30) for i in range(3000)]
    big = s.write("grande.csv", "\n".join(rows) + "\n")
    size = os.path.getsize(s.db) + 64 * 1024

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    before = s.dump()
    r = subprocess.run([PMM, "--db", s.db, "import", "--edition", "2030", big], cwd=s.dir,
                       capture_output=True, text=True, preexec_fn=limit,
                       env=dict(os.environ, LANGUAGE="es"))
    not_the_file(r)
    contains(r.stderr, "disco")
    eq(s.dump() == before, True, "database unchanged")


def as_nobody():
    """Root writes a file whatever its permissions: as root, pmm runs as
    the unprivileged user nobody, for whom the read-only file (in a folder
    it may write, as a user's own) is read-only."""
    os.setgid(65534)
    os.setuid(65534)


def read_only_file():
    root = os.geteuid() == 0
    if root:
        os.chmod(s.dir, 0o777)
        os.chmod(ACC, 0o644)
    os.chmod(s.db, 0o444)
    before = s.dump()
    try:
        r = subprocess.run([PMM, "--db", s.db, "import", "--edition", "2024", ACC], cwd=s.dir,
                           capture_output=True, text=True, preexec_fn=as_nobody if root else None,
                           env=dict(os.environ, LANGUAGE="es"))
    finally:
        os.chmod(s.db, 0o644)
        if root:
            os.chmod(s.dir, 0o700)
    not_the_file(r)
    contains(r.stderr, "solo lectura")
    eq(s.dump() == before, True, "database unchanged")


check("a refused import leaves no new edition (nor does --check)", refused_import_creates_no_edition)
check("a new edition is created with a successful import", new_edition_created_with_its_import)
check("a locked database is named as such, not the file", locked_database)
check("a full disk is named as such, not the file", full_disk)
check("a read-only database is named as such, not the file", read_only_file)
s.close()
done()
