"""issue 15, hostile round 5 (helper g15c): commands against a database
another process is writing (a sqlite3 connection holding BEGIN IMMEDIATE).
F3: pmm user add said nothing; F4: an old schema's migration told SQLite's
English «database is locked» as a failed migration, and no command could
read the file; F5: writes run alone were told as failures to read. Rows
90-92 of docs/reliability.md. Each command waits the busy timeout (10 s),
so all of one lock's commands run at once."""
import os
import sqlite3
import subprocess
from pmmtest import PMM, Scratch, check, eq, contains, done, downgrade

PORT = 26401
BUSY_ES = "otro programa la tiene bloqueada y no la liberó a tiempo"
BUSY_EN = "another program holds it locked and did not release it in time"


def env_for(lang):
    env = dict(os.environ, LANGUAGE=lang, LANG="C.UTF-8")
    if lang == "en":
        env.pop("LANGUAGE")
        env["LANG"] = "en_US.UTF-8"
    return env


def under_lock(s, runs):
    """RUNS (name: (args, stdin, lang)) run at once while another connection
    holds the write lock of S's database; name: (rc, stdout, stderr)."""
    lock = sqlite3.connect(s.db, isolation_level=None, timeout=30)
    lock.execute("BEGIN IMMEDIATE")
    procs = {}
    try:
        for name, (args, stdin, lang) in runs.items():
            procs[name] = (subprocess.Popen([PMM, "--db", s.db, *args], cwd=s.dir, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                            errors="replace", env=env_for(lang)), stdin)
        out = {}
        for name, (p, stdin) in procs.items():
            o, e = p.communicate(stdin, timeout=120)
            out[name] = (p.returncode, o, e)
        return out
    finally:
        for p, _ in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait()
        lock.execute("ROLLBACK")
        lock.close()


s = Scratch()
s.pmm("demo", check=0)
s.pmm("user", "token", "admin", check=0)
cur = under_lock(s, {
    "add": (["user", "add", "q1", "--role", "coordinador"], "pw12345678901\n", "es"),
    "add_en": (["user", "add", "q2", "--role", "coordinador"], "pw12345678901\n", "en"),
    "edition": (["edition", "add", "2031"], "", "es"),
    "token": (["user", "token", "admin"], "", "es"),
    "disable": (["user", "disable", "coordinador"], "", "es"),
    "revoke": (["user", "revoke", "admin", "--all"], "", "es"),
})


def user_add_says_busy():
    """F3: user add under another process's lock exited 1 saying nothing."""
    rc, out, err = cur["add"]
    eq(rc, 1, "user add under the lock\n" + err)
    contains(err, "pmm user: no se pudo crear «q1»: no se pudo escribir en la base de datos", "why, in Spanish")
    contains(err, BUSY_ES, "the lock named")
    rc, out, err = cur["add_en"]
    eq(rc, 1, "user add in English")
    contains(err, 'pmm user: could not create "q2": the database', "why, in English")
    contains(err, BUSY_EN, "the lock named in English")
    eq(s.query("SELECT count(*) FROM account WHERE username IN ('q1', 'q2')"), [(0,)], "no account made")


def writes_say_write():
    """F5: edition add, user token, disable, revoke said «no se pudo leer»."""
    for name in ("edition", "token", "disable", "revoke"):
        rc, out, err = cur[name]
        eq(rc, 1, name + "\n" + err)
        contains(err, "no se pudo escribir en la base de datos", name + ": a write's failure")
        contains(err, BUSY_ES, name + ": the lock named")
        eq("no se pudo leer" in err, False, name + ": not a read's failure\n" + err)
    eq(s.query("SELECT disabled FROM account WHERE username = 'coordinador'"), [(0,)], "nothing disabled")


check("F3: user add says the database is busy", user_add_says_busy)
check("F5: a busy write is told as a write", writes_say_write)

old = Scratch()
old.pmm("demo", check=0)
con = sqlite3.connect(old.db)
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
con.close()
downgrade(old.db, 27)
copy = old.path("copia.db")
mig = under_lock(old, {
    "check": (["check"], "", "es"),
    "report": (["report", "--edition", "2024", "--format", "json"], "", "es"),
    "backup": (["backup", copy], "", "es"),
    "serve": (["serve", "--port", str(PORT)], "", "es"),
    "serve_en": (["serve", "--port", str(PORT + 1)], "", "en"),
    "write": (["edition", "add", "2032"], "", "es"),
})


def old_schema_read_while_locked():
    """F4: check, report and backup read the old file as it is (not
    migrated, which would wait for the lock); they said «la migración 28
    … falló: database is locked» and exited 1."""
    for name in ("check", "report", "backup"):
        rc, out, err = mig[name]
        eq(rc, 0, name + " under the lock\n" + err)
        eq("database is locked" in err, False, name + ": not SQLite's English")
        contains(err, "se abrió solo para lectura porque no se puede escribir: " + BUSY_ES, name + ": why")
    contains(mig["report"][1], '"2024"', "the report has its edition")
    contains(mig["backup"][1], "La copia conserva el esquema 27", "the copy keeps the old schema")
    c = sqlite3.connect(copy)
    eq(c.execute("PRAGMA user_version").fetchone()[0], 27, "the copy's schema")
    eq(c.execute("PRAGMA integrity_check").fetchone()[0], "ok", "the copy is whole")
    c.close()
    rc, out, err = mig["write"]
    eq(rc, 1, "a write on the old file under the lock\n" + err)
    contains(err, "no se pudo escribir en la base de datos", "told as a write")
    contains(err, BUSY_ES, "the write names the lock")
    eq(old.query("PRAGMA user_version"), [(27,)], "the file untouched while locked")
    old.pmm("check", check=0)
    eq(old.query("PRAGMA user_version"), [(28,)], "upgraded once the lock is gone")


def serve_says_the_upgrade_waits():
    """F4: pmm serve cannot start on the old schema without upgrading it:
    it says the upgrade waits for the other process, in es and en."""
    rc, out, err = mig["serve"]
    eq(rc, 1, "serve under the lock\n" + err)
    contains(err, "tiene el esquema 27 y este pmm necesita el 28, pero la actualización espera: otro "
                  "programa está escribiendo en la base de datos", "why, in Spanish")
    contains(err, "vuelva a intentarlo cuando termine", "what to do")
    eq("database is locked" in err or "falló" in err, False, "not a failed migration\n" + err)
    rc, out, err = mig["serve_en"]
    eq(rc, 1, "serve in English")
    contains(err, "has schema 27 and this pmm needs 28, but the upgrade waits: another program is "
                  "writing to the database", "why, in English")


check("F4: an old schema under another's lock is read by check, report, backup", old_schema_read_while_locked)
check("F4: serve says the upgrade waits for the other process", serve_says_the_upgrade_waits)

def disable_is_one_transaction():
    """g15c's finding: `user disable` ran its UPDATE and its DELETEs as
    separate statements: a failure (here a trigger; in life another writer
    or a full disk) between them left the account disabled with its tokens
    still there. Now all or nothing."""
    o = Scratch()
    o.pmm("demo", check=0)
    o.pmm("user", "token", "coordinador", check=0)
    con = sqlite3.connect(o.db)
    con.execute("CREATE TRIGGER no_token_delete BEFORE DELETE ON api_token BEGIN SELECT RAISE(ABORT, 'x'); END")
    con.commit()
    con.close()
    r = o.pmm("user", "disable", "coordinador")
    eq(r.returncode, 1, "the disable failed\n" + r.stderr)
    eq(o.query("SELECT disabled FROM account WHERE username = 'coordinador'"), [(0,)], "nothing half-done")
    eq(o.query("SELECT count(*) FROM api_token t JOIN account a ON a.id = t.user_id WHERE a.username = 'coordinador'"),
       [(1,)], "its token kept, as the account is")


check("user disable is one transaction", disable_is_one_transaction)
done()
