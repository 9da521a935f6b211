"""issue 10, fault 6: pmm demo writes only into an empty database or one it
made itself; a database holding real work (e.g. with $PMM_DB left set) is
refused by name, with nothing written."""
import os
import sqlite3
import subprocess
from pmmtest import PMM, Scratch, ACTION_HEADER, check, eq, contains, done

ACC = ACTION_HEADER + ("\n2024-0003,INM,7,Trabajo real,Descripción real,"
                       "Capacitación,extranjeros,Sí,No,10,Resultado real\n")


def refused(s, env_db=False):
    """Runs pmm demo on S's database; it must fail and change nothing."""
    before = s.dump()
    if env_db:   # the database named only by $PMM_DB, as a user's shell would
        r = subprocess.run([PMM, "demo"], cwd=s.dir, capture_output=True, text=True,
                           env=dict(os.environ, PMM_DB=s.db, LANGUAGE="es"))
    else:
        r = s.pmm("demo")
    eq(r.returncode, 1, "exit\n" + r.stdout + r.stderr)
    contains(r.stderr, s.db)
    contains(r.stderr, "no está vacía")
    contains(r.stderr, "No se escribió nada")
    eq(s.dump() == before, True, "database unchanged")


def with_imported_actions():
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("import", "--edition", "2024", s.write("a.csv", ACC), "--status", "enviada", check=0)
    refused(s, env_db=True)
    s.close()


def with_an_edition_in_progress():
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "add", "2024", check=0)
    refused(s)
    con = sqlite3.connect(s.db)
    eq(con.execute("SELECT state FROM edition WHERE name = '2024'").fetchone()[0], "abierta",
       "edition still open")
    con.close()
    s.close()


def with_an_account():
    s = Scratch()
    s.pmm("init", check=0)
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "ana", "--role", "administrador"],
                       input="una-contraseña-larga\n", capture_output=True, text=True)
    eq(r.returncode, 0, "user add\n" + r.stderr)
    refused(s)
    s.close()


def with_a_catalog_edit():
    # what /admin/catalogos does: the change and its audit row
    s = Scratch()
    s.pmm("init", check=0)
    con = sqlite3.connect(s.db)
    con.execute("UPDATE institution SET name = 'Instituto Nacional de Migración (editado)'"
                " WHERE acronym = 'INM'")
    con.execute("INSERT INTO audit_log(action_id, what, before, after)"
                " VALUES (NULL, 'catálogo institución', 'INM', 'INM editado')")
    con.commit()
    con.close()
    refused(s)
    s.close()


def empty_and_own_demo_accepted():
    s = Scratch()
    s.pmm("demo", check=0)                  # a file that does not exist yet
    r = s.pmm("demo", check=0)              # its own demo, again (make demo twice)
    contains(r.stdout, "379 acciones y 326 retos")
    s.close()
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("demo", check=0)                  # just created by pmm init
    s.close()


check("a database with imported actions ($PMM_DB) is refused, unchanged", with_imported_actions)
check("a database with an edition in progress is refused, unchanged", with_an_edition_in_progress)
check("a database with an account is refused, unchanged", with_an_account)
check("a database whose catalogs were edited is refused, unchanged", with_a_catalog_edit)
check("an empty database, and pmm demo's own, are accepted", empty_and_own_demo_accepted)
done()
