"""Issue 15, hostile round 3 (helper F15): pmm backup and restore on files
this process may not write (F1, F2), and the quotes of the open messages
(minor). Each check fails on the code before its fix."""
import os
import shutil
import sqlite3
import subprocess

from pmmtest import PMM, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
os.chmod(s.dir, 0o755)                   # nobody must reach the files
ROOT = os.geteuid() == 0


def pmm(db, *args, nobody=False, lang="es"):
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    return subprocess.run([PMM, "--db", db, *args], capture_output=True, text=True, timeout=120,
                          cwd=s.dir, preexec_fn=drop if nobody else None,
                          env=dict(os.environ, LANGUAGE=lang, LANG="C.UTF-8"))


def copy_of_demo(name):
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    dst = s.path(name)
    shutil.copyfile(s.db, dst)
    return dst


def read_only_folder(name):
    """A copy of the demo database, 0444, in a folder nobody may write (root's)."""
    d = s.path(name)
    os.makedirs(d, exist_ok=True)
    dst = os.path.join(d, "pmm.db")
    shutil.move(copy_of_demo(name + ".db"), dst)
    os.chmod(dst, 0o444)
    os.chmod(d, 0o555)
    return dst


def open_folder(name):
    d = s.path(name)
    os.makedirs(d, exist_ok=True)
    os.chmod(d, 0o777)
    return d


# ---- F1: pmm backup's stderr ----

def backup_says_nothing_on_success():
    copy = s.path("copia-ok.db")
    r = pmm(s.db, "backup", copy)
    eq(r.returncode, 0, r.stderr)
    eq(r.stderr, "", "a successful backup writes nothing to stderr")
    contains(r.stdout, "Copia de «%s» guardada en «%s»." % (s.db, copy))


def backup_of_read_only_file_says_so():
    if not ROOT:
        print("# SKIP: needs root to run as nobody")
        return
    db = read_only_folder("bk-ro")
    copy = os.path.join(open_folder("bk-out"), "c.db")
    r = pmm(db, "backup", copy, nobody=True)
    eq(r.returncode, 0, r.stderr)
    eq(r.stderr.strip().splitlines(),
       ["pmm backup: aviso: «%s» se abrió solo para lectura porque no se puede escribir: es de solo lectura "
        "(revise los permisos del archivo y de su carpeta)" % db],
       "the read-only notice of check and report, and no empty line")
    r2 = pmm(db, "check", nobody=True)
    # the same notice as pmm check, each named by its command (issue 14, F14A: one prefix rule)
    eq(r2.stderr.splitlines()[0].replace("pmm check: ", "pmm backup: "), r.stderr.splitlines()[0],
       "the same notice as pmm check")
    eq(sqlite3.connect(copy).execute("SELECT count(*) FROM action").fetchone()[0] > 0, True, "the copy holds the actions")


# ---- F2: pmm restore only reads the copy ----

def restore_from_copy_it_may_not_write():
    if not ROOT:
        print("# SKIP: needs root to run as nobody")
        return
    copy = read_only_folder("rs-copias")          # 0444 of root, folder 0555: nobody cannot write either
    target = os.path.join(open_folder("rs-target"), "pmm.db")
    shutil.copyfile(copy_of_demo("rs-old.db"), target)
    os.chown(target, 65534, 65534)
    con = sqlite3.connect("file:%s?immutable=1" % copy, uri=True)   # makes no -shm beside it
    want = con.execute("SELECT count(*) FROM action").fetchone()[0]
    con.close()
    before = open(copy, "rb").read()
    r = pmm(target, "restore", copy, nobody=True)
    eq(r.returncode, 0, "restore from a copy it may only read\n" + r.stdout + r.stderr)
    contains(r.stdout, "restaurada desde «%s»" % copy)
    eq(sqlite3.connect(target).execute("SELECT count(*) FROM action").fetchone()[0], want, "restored")
    eq(open(copy, "rb").read(), before, "the copy untouched")
    eq(sorted(os.listdir(os.path.dirname(copy))), ["pmm.db"], "nothing left beside the copy")


def restore_from_copy_with_unread_wal_says_why():
    if not ROOT:
        print("# SKIP: needs root to run as nobody")
        return
    d = open_folder("rs-wal")
    copy = os.path.join(d, "c.db")
    shutil.copyfile(copy_of_demo("rs-wal.db"), copy)
    con = sqlite3.connect(copy)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("UPDATE edition SET name = name")
    con.commit()
    shutil.copyfile(copy + "-wal", copy + ".wal-kept")   # a -wal with changes, as a crashed copy leaves it
    con.close()
    os.rename(copy + ".wal-kept", copy + "-wal")
    if os.path.exists(copy + "-shm"):
        os.remove(copy + "-shm")
    for f in (copy, copy + "-wal"):
        os.chmod(f, 0o444)
    os.chmod(d, 0o555)
    target = os.path.join(open_folder("rs-target2"), "pmm.db")
    r = pmm(target, "restore", copy, nobody=True)
    eq(r.returncode, 1, r.stdout + r.stderr)
    contains(r.stderr, "su registro -wal tiene cambios que aún no pasan al archivo")
    eq("es de solo lectura" in r.stderr, False, "not the unrelated reason\n" + r.stderr)


# ---- minor: the house's quotes ----

def open_messages_house_quotes():
    empty = s.path("vacio.db")
    open(empty, "wb").close()
    r = pmm(empty, "check")
    contains(r.stderr, "para empezar una base nueva use «pmm init»")
    r = pmm(empty, "check", lang="en")
    contains(r.stderr, 'to start a new database use "pmm init"')
    if ROOT:
        db = read_only_folder("en-ro")
        r = pmm(db, "check", nobody=True, lang="en")
        contains(r.stderr, 'pmm check: notice: "%s" was opened read-only' % db)   # F14A: the command's name


check("F1: a successful backup writes no empty «pmm backup: » line", backup_says_nothing_on_success)
check("F1: a backup of a read-only file gives check's read-only notice", backup_of_read_only_file_says_so)
check("F2: restore reads a copy it may not write (0444 of another owner, read-only folder)",
      restore_from_copy_it_may_not_write)
check("F2: a copy whose -wal cannot be read says so", restore_from_copy_with_unread_wal_says_why)
check("minor: «pmm init» and the English read-only notice in the house's quotes", open_messages_house_quotes)
done()
