"""Schema versioning: migrations on open, a newer file refused."""
import sqlite3
from pmmtest import Scratch, check, eq, contains, done

s = Scratch()
s.pmm("init", check=0)


def version_recorded():
    con = sqlite3.connect(s.db)
    v = con.execute("PRAGMA user_version").fetchone()[0]
    fk = con.execute("PRAGMA journal_mode").fetchone()[0]
    con.close()
    if v < 1:
        raise AssertionError("user_version %d" % v)
    eq(fk, "wal", "journal mode")


def newer_file_refused():
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA user_version=999")
    con.commit()
    con.close()
    r = s.pmm("report", "--edition", "2024")
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "más nuevo")
    contains(r.stderr, "999")


def not_a_database():
    p = s.write("junk.db", "esto no es una base de datos" * 100)
    r = s.pmm("--db", p, "catalog", "states")
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "junk.db")


check("the schema version is recorded and WAL is on", version_recorded)
check("a file from a newer pmm is refused", newer_file_refused)
check("a file that is not a database is refused by name", not_a_database)
s.close()
done()
