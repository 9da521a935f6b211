"""pmm init, catalogs, editions, usage errors."""
from pmmtest import Scratch, check, eq, contains, done

s = Scratch()


def init_creates_and_loads():
    r = s.pmm("init", check=0)
    contains(r.stdout, "lista")
    again = s.pmm("init", check=0)          # safe to run again
    contains(again.stdout, "lista")


def catalogs_listed():
    objs = s.pmm("catalog", "objectives", check=0).stdout.strip().split("\n")
    eq(len(objs), 23, "objectives")
    contains(objs[6], "Abordar y reducir las vulnerabilidades en la migración")
    contains(objs[6], "Address and reduce vulnerabilities in migration")
    states = s.pmm("catalog", "states", check=0).stdout.strip().split("\n")
    eq(len(states), 32, "states")
    contains(states[14], "15\tEstado de México")
    types = [l.split("\t")[0] for l in s.pmm("catalog", "reporter-types", check=0).stdout.split("\n") if l]
    eq(types, ["APF", "EF", "PJ", "PL", "OCA", "OSC"], "reporter types")
    cats = s.pmm("catalog", "challenge-categories", check=0).stdout.strip().split("\n")
    eq(len(cats), 20, "challenge categories")
    inst = s.pmm("catalog", "institutions", check=0).stdout
    for acr in ["SRE", "INM", "Conapo", "UPMRIP", "INEGI", "CNDH", "SCJN", "IFDP", "CHIS"]:
        contains(inst, acr + "\t", "institutions")
    inm = [l for l in inst.split("\n") if l.startswith("INM\t")][0]
    eq(inm.split("\t")[4], "Segob", "INM's parent")


def unknown_catalog_is_usage_error():
    r = s.pmm("catalog", "planets")
    eq(r.returncode, 2, "exit code")
    contains(r.stderr, "catálogo desconocido")


def editions():
    s.pmm("edition", "add", "2025", "--desde", "2024-07", "--hasta", "2025-06", check=0)
    r = s.pmm("edition", "add", "2025")
    eq(r.returncode, 1, "duplicate edition exit")
    contains(r.stderr, "ya existe")
    bad = s.pmm("edition", "add", "X", "--desde", "junio")
    eq(bad.returncode, 2, "bad period exit")
    lst = s.pmm("edition", "list", check=0).stdout
    contains(lst, "2025\t2024-07\t2025-06\tabierta\t0")


def edition_state_and_preamble():
    pre = s.write("pre.txt", "Ciudad de México, a 31 de diciembre.\nTexto del preámbulo.")
    s.pmm("edition", "set", "2025", "--estado", "publicada", "--preambulo", pre, check=0)
    contains(s.pmm("edition", "list", check=0).stdout, "2025\t2024-07\t2025-06\tpublicada")
    r = s.pmm("edition", "set", "2025", "--estado", "cerrada")
    eq(r.returncode, 2, "bad state")
    bad = s.write("latin1.txt", None, raw="preámbulo".encode("latin-1"))
    r = s.pmm("edition", "set", "2025", "--preambulo", bad)
    eq(r.returncode, 1, "latin-1 preamble")
    contains(r.stderr, "UTF-8")
    import sqlite3
    con = sqlite3.connect(s.db)
    eq(con.execute("SELECT preamble FROM edition WHERE name='2025'").fetchone()[0],
       "Ciudad de México, a 31 de diciembre.\nTexto del preámbulo.", "preamble kept")
    con.close()
    # a published edition's preamble is frozen (issue 10, hostile fault 5):
    # the administrador reopens it first
    r = s.pmm("edition", "set", "2025", "--preambulo-default")
    eq(r.returncode, 1, "preamble of a published edition")
    contains(r.stderr, "La edición está publicada")
    s.pmm("edition", "reopen", "2025", check=0)
    s.pmm("edition", "set", "2025", "--preambulo-default", check=0)
    con = sqlite3.connect(s.db)
    eq(con.execute("SELECT preamble FROM edition WHERE name='2025'").fetchone()[0], None, "default")
    con.close()


def unknown_command_and_option():
    r = s.pmm("frobnicate")
    eq(r.returncode, 2, "unknown command")
    contains(r.stderr, "comando desconocido")
    r = s.pmm("report", "--edtion", "2024")
    eq(r.returncode, 2, "unknown option")
    contains(r.stderr, "--edtion")


def missing_database_is_clear():
    r = s.pmm("--db", s.path("nope.db"), "report", "--edition", "2024")
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "pmm init")


def unknown_edition_names_the_existing_ones():
    r = s.pmm("report", "--edition", "1999")
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "«2025»")


check("init creates the database and loads the catalogs", init_creates_and_loads)
check("catalogs are listed", catalogs_listed)
check("an unknown catalog is a usage error", unknown_catalog_is_usage_error)
check("editions are created and listed", editions)
check("edition state and preamble are set", edition_state_and_preamble)
check("unknown commands and options are refused", unknown_command_and_option)
check("a missing database says to run pmm init", missing_database_is_clear)
check("an unknown edition names the existing ones", unknown_edition_names_the_existing_ones)
s.close()
done()
