"""Issue 15, the hostile tester's last CLI faults (helper S15): `pmm edition
add`, `pmm backup` and `pmm restore` on files they cannot use printed
SQLite's own English ("unable to open database file", "file is not a
database", "database or disk is full", "attempt to write a readonly
database"). Each now says, in pmm's words, which file and why, and exits 1
(docs/reliability.md, issue-15 table). Each check fails on the code before
the fix."""
import os
import sqlite3
import subprocess

from pmmtest import PMM, Scratch, check, contains, done, eq, checkpointed_copy, fill, small_disk, unfill

s = Scratch()
s.pmm("demo", check=0)
os.chmod(s.dir, 0o755)                   # nobody must reach the files it is refused

RAW = ("unable to open database file", "file is not a database", "database or disk is full",
       "attempt to write a readonly database", "disk I/O error", "database disk image is malformed",
       "not an error", "no such table")


def pmm(db, *args, nobody=False):
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    return subprocess.run([PMM, "--db", db, *args], capture_output=True, text=True, timeout=120,
                          cwd=s.dir, preexec_fn=drop if nobody else None,
                          env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def refused(r, what, *parts):
    """R exited 1 with every one of PARTS in its message and no raw SQLite text."""
    eq(r.returncode, 1, "%s\n%s" % (what, r.stderr))
    for p in parts:
        contains(r.stderr, p, what)
    for raw in RAW:
        if raw in r.stderr:
            raise AssertionError("%s: SQLite's own words «%s»:\n%s" % (what, raw, r.stderr))


FOLDER = "es una carpeta, no un archivo"
NOT_SQLITE = "no es una base de datos de SQLite"
NO_PERMISSION = "no tiene permiso para leerlo"
FULL = "el disco está lleno"


def files():
    """A folder, a text file, a file nobody may read, an SQLite file without pmm's tables."""
    d = s.path("carpeta.db")
    os.makedirs(d, exist_ok=True)
    text = s.write("texto.db", "esto no es una base de datos, solo texto\n" * 40)
    closed = s.path("cerrado.db")
    checkpointed_copy(s.db, closed)
    os.chmod(closed, 0o000)
    other = s.path("otra.db")
    if not os.path.exists(other):
        con = sqlite3.connect(other)
        con.execute("CREATE TABLE x(a)")
        con.close()
    return d, text, closed, other


def edition_add_on_bad_files():
    d, text, closed, _ = files()
    refused(pmm(d, "edition", "add", "2031"), "edition add on a folder", d, FOLDER)
    refused(pmm(text, "edition", "add", "2031"), "edition add on a text file", text, NOT_SQLITE)
    if os.geteuid() == 0:
        refused(pmm(closed, "edition", "add", "2031", nobody=True), "edition add on a file it may not read",
                closed, NO_PERMISSION)


def restore_from_bad_files():
    d, text, closed, other = files()
    for copy, cause in ((d, FOLDER), (text, NOT_SQLITE), (other, "no tiene sus tablas")):
        r = pmm(s.db, "restore", copy)
        refused(r, "restore from " + copy, copy, cause)
        contains(r.stderr, "no se modificó", "restore from " + copy)
    eq(pmm(s.db, "check").returncode, 0, "the database after the refused restores")


def backup_from_bad_files():
    d, text, _, _ = files()
    refused(pmm(d, "backup", s.path("c1.db")), "backup of a folder", d, FOLDER)
    refused(pmm(text, "backup", s.path("c2.db")), "backup of a text file", text, NOT_SQLITE)


def full_disk():
    with small_disk(s) as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(s.db, db)
        fill(mnt)
        refused(pmm(db, "edition", "add", "2031"), "edition add on a full disk", db, FULL)
        copy = os.path.join(mnt, "copia.db")
        refused(pmm(s.db, "backup", copy), "backup onto a full disk", copy, FULL)
        eq(os.path.exists(copy), False, "no copy left on the full disk")
        eq([f for f in os.listdir(mnt) if ".tmp-" in f], [], "no temporary file left")
        r = pmm(db, "restore", s.db)
        refused(r, "restore onto a full disk", db, FULL)
        contains(r.stderr, "no se modificó", "restore onto a full disk")
        unfill(mnt)
        eq(pmm(db, "check").returncode, 0, "the database on the disk once it has room")


check("fault 5a: pmm edition add on a folder, a text file, a file it may not read: pmm's words, exit 1",
      edition_add_on_bad_files)
check("fault 5b: pmm restore from a folder, a text file, an SQLite file without pmm's tables", restore_from_bad_files)
check("fault 5c: pmm backup of a folder or a text file", backup_from_bad_files)
check("fault 5d: edition add, backup and restore on a full disk name the file and the full disk", full_disk)

done()
