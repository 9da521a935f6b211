"""An import into an edition that already holds actions: new folios are
inserted, old ones replaced, and challenges follow the rules of
docs/interchange.md whichever of the two an action is."""
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

s = Scratch()
s.pmm("init", check=0)

FIRST = ACTION_HEADER + """
M-1,INM,7,Uno,,Capacitación,extranjeros,Sí,No,10,
M-2,SRE,14,Dos,,Capacitación,exterior,No,No,20,
M-3,SCJN,13,Tres,,Resolución de sentencias,,No,Sí,,
"""
FIRST_RETOS = """folio,reto,categoria
M-1,Reto uno,Barreras culturales y de idioma
M-2,Reto dos a,Obstáculos legales
M-2,Reto dos b,Obstáculos legales
M-3,Reto tres,
"""


def challenges():
    con = sqlite3.connect(s.db)
    try:
        return sorted(con.execute("SELECT a.folio, c.text FROM challenge c"
                                  " JOIN action a ON a.id = c.action_id").fetchall())
    finally:
        con.close()


def links(folio):
    con = sqlite3.connect(s.db)
    try:
        return sorted(con.execute("SELECT objective, principal FROM action_objective ao"
                                  " JOIN action a ON a.id = ao.action_id WHERE a.folio = ?",
                                  (folio,)).fetchall())
    finally:
        con.close()


def setup():
    out = s.pmm("import", "--edition", "2024", s.write("a1.csv", FIRST),
                "--retos", s.write("r1.csv", FIRST_RETOS), check=0)
    contains(out.stdout, "3 acciones importadas (3 nuevas, 0 reemplazadas) y 4 retos")


def new_and_old_in_one_file():
    # M-2 changes objectives, M-4 is new; M-1 and M-3 are not in the file.
    # The file reports SCJN (M-4), so it may replace the challenges of
    # SCJN's M-3 (a file only touches its own institutions' actions).
    acc = ACTION_HEADER + """
M-2,SRE,3;14,Dos bis,,Capacitación,exterior,No,No,25,
M-4,SCJN,1,Cuatro,,Productos de investigación,no_aplica,No,No,,
"""
    retos = """folio,reto,categoria
M-4,Reto cuatro,Obtención y uso de información sobre la materia
M-3,Reto tres nuevo,
"""
    out = s.pmm("import", "--edition", "2024", s.write("a2.csv", acc),
                "--retos", s.write("r2.csv", retos), check=0)
    contains(out.stdout, "2 acciones importadas (1 nueva, 1 reemplazada) y 2 retos")
    # M-2 was in the actions file with a challenges file: its challenges are
    # replaced by none; M-3 (only in the edition) gets its new one; M-1 keeps.
    eq(challenges(), [("M-1", "Reto uno"), ("M-3", "Reto tres nuevo"),
                      ("M-4", "Reto cuatro")], "challenges")
    eq(links("M-2"), [(3, 1), (14, 0)], "M-2 objectives, the first principal")
    eq(links("M-4"), [(1, 1)], "M-4 objectives")
    f = s.figures()
    eq(f["actions"], 4, "actions")
    eq(f["beneficiaries"], 10 + 25, "beneficiaries")


def actions_only_keeps_challenges():
    acc = ACTION_HEADER + """
M-3,SCJN,13,Tres bis,,Resolución de sentencias,,No,Sí,,
M-5,INM,7,Cinco,,Capacitación,extranjeros,No,No,,
"""
    before = challenges()
    out = s.pmm("import", "--edition", "2024", s.write("a3.csv", acc), check=0)
    contains(out.stdout, "2 acciones importadas (1 nueva, 1 reemplazada) y 0 retos")
    eq(challenges(), before, "challenges without --retos")


def failed_mixed_import_changes_nothing():
    before = s.dump()
    acc = ACTION_HEADER + """
M-6,INM,7,Seis,,Capacitación,extranjeros,No,No,,
M-1,INM,99,Uno roto,,Capacitación,extranjeros,No,No,,
"""
    r = s.pmm("import", "--edition", "2024", s.write("a4.csv", acc))
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "a4.csv:3")
    eq(s.dump(), before, "database")


def search_index_follows():
    # Every action is in the web's search index or waits for it there.
    con = sqlite3.connect(s.db)
    try:
        eq(con.execute("SELECT count(*) FROM action WHERE id NOT IN (SELECT rowid FROM action_fts)"
                       " AND id NOT IN (SELECT id FROM action_fts_dirty)").fetchone()[0],
           0, "actions neither indexed nor waiting")
    finally:
        con.close()
    r = s.pmm("check")
    eq(r.returncode, 0, "pmm check\n" + r.stderr)


check("a first import", setup)
check("new and old folios in one file, challenges replaced per action", new_and_old_in_one_file)
check("an actions file alone keeps the challenges", actions_only_keeps_challenges)
check("an import with an error changes nothing, new or old rows", failed_mixed_import_changes_nothing)
check("the search index follows every import", search_index_follows)
s.close()
done()
