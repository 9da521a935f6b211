"""Issue 15, fault 2 (helper S15C): a server that cannot write its database
(a read-only file, a full disk) cannot catch the search index up, and
answered «0 acciones» for rows written by `pmm demo` or `pmm import` that
were still waiting in action_fts_dirty. Those commands now leave the index
caught up, so a read-only server finds what a writable one finds.
Row 44 (helper S15): rows made to wait by another writer (an action's text
changed, an institution renamed) just before the file became read-only
are searched too, folded the same way: through a temporary index of the
waiting rows, with their stale entries left out."""
import os
import re
import shutil
import sqlite3
import subprocess
import urllib.parse

import webtest
from webtest import PMM, Client, Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)
os.chmod(s.dir, 0o755)


def start_nobody(db):
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    proc = subprocess.Popen([PMM, "--db", db, "serve", "--listen", "127.0.0.1", "--port", "0",
                             "--access-log", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=drop, env=webtest.Server.env("es"))
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        raise AssertionError("serve did not start: %s %s" % (line, proc.stderr.read()))
    srv = webtest.Server.__new__(webtest.Server)
    srv.proc, srv.port, srv.log = proc, int(m.group(1)), None
    return srv


def read_only_copy(name):
    d = s.path(name)
    os.makedirs(d)
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    db = os.path.join(d, "pmm.db")
    shutil.copyfile(s.db, db)
    os.chmod(db, 0o444)
    os.chmod(d, 0o555)
    return db


def found(srv, q):
    r = Client(srv).get("/acciones?edicion=2024&q=" + q)
    eq(r.status, 200, "search " + q)
    return webtest.total(r.body)


def demo_leaves_the_index_caught_up():
    eq(s.query("SELECT count(*) FROM action_fts_dirty"), [(0,)], "nothing waiting after pmm demo")
    if os.geteuid() != 0:
        print("# SKIP the read-only server: needs root to run as nobody")
        return
    srv = start_nobody(read_only_copy("ro"))
    try:
        n = found(srv, "consular")
        eq(n > 0, True, "the read-only server finds the demo's actions (%s)" % n)
    finally:
        srv.stop()
    writable = webtest.Server(s)
    try:
        eq(found(writable, "consular"), n, "as many as a writable server finds")
    finally:
        writable.stop()


def import_leaves_the_index_caught_up():
    s.pmm("edition", "add", "2031", check=0)
    csv = s.write("nuevas.csv", webtest.ACTION_HEADER + "\nZ-1,INM,7,Protección zafírica,Orientación,"
                  "Servicios de recepción y/o acompañamiento,extranjeros,Sí,No,120,Se atendió\n")
    s.pmm("import", "--edition", "2031", csv, check=0)
    eq(s.query("SELECT count(*) FROM action_fts_dirty"), [(0,)], "nothing waiting after pmm import")
    eq(s.query("SELECT count(*) FROM action_fts WHERE action_fts MATCH 'zafirica'"), [(1,)], "indexed, folded")


def waiting_rows_are_searched():
    if os.geteuid() != 0:
        print("# SKIP the read-only server: needs root to run as nobody")
        return
    con = sqlite3.connect(s.db)
    # the public searches the published revision's snapshot ("2024@r1")
    aid, old_name = con.execute("SELECT a.id, a.name FROM action a JOIN edition e ON e.id = a.edition_id"
                                " WHERE e.name = '2024@r1' AND a.status = 'validada' ORDER BY a.id LIMIT 1").fetchone()
    con.execute("UPDATE action SET name = 'Atención Quetzalcóatl pendiente' WHERE id = ?", (aid,))
    inst, = con.execute("SELECT institution_id FROM action WHERE id = ?", (aid + 1,)).fetchone()
    con.execute("UPDATE institution SET name = 'Oficina Xochiquétzal Renombrada' WHERE id = ?", (inst,))
    con.execute("INSERT OR IGNORE INTO action_fts_dirty(id) SELECT id FROM action WHERE institution_id = ?", (inst,))
    con.commit()
    waiting = con.execute("SELECT count(*) FROM action_fts_dirty").fetchone()[0]
    con.close()
    eq(waiting > 1, True, "rows wait for the index (%d)" % waiting)
    old_word = max(re.findall(r"\w+", old_name), key=len)
    words = ["quetzalcoatl", "QUETZALCÓATL", "xochiquetzal", "consular", old_word]
    srv = start_nobody(read_only_copy("ro2"))
    try:
        ro = {w: found(srv, urllib.parse.quote(w)) for w in words}
    finally:
        srv.stop()
    eq(ro["quetzalcoatl"], 1, "the renamed action is found on the read-only server, folded")
    eq(ro["QUETZALCÓATL"], 1, "folded the same way")
    eq(ro["xochiquetzal"] > 0, True, "the renamed institution's actions are found (%d)" % ro["xochiquetzal"])
    writable = webtest.Server(s)
    try:
        rw = {w: found(writable, urllib.parse.quote(w)) for w in words}
    finally:
        writable.stop()
    eq(ro, rw, "the read-only server finds what a writable one finds")


def read_only_downloads():
    """Issue 15 (S15, row 58): a read-only database in a folder the server
    cannot write has no cache folder: a revision's files are rendered into
    memory and served; its two addresses (the latest and /r1/) share one
    rendering (row 93)."""
    if os.geteuid() != 0:
        print("# SKIP the read-only server: needs root to run as nobody")
        return
    db = read_only_copy("ro3")
    srv = start_nobody(db)
    try:
        for f in ("informe.pdf", "acciones.csv", "r1/acciones.json"):
            r = Client(srv).get("/descargas/2024/" + f)
            eq(r.status, 200, f + " from a read-only database")
            eq(r.header("X-Pmm-Cache"), None, f + ": rendered in memory")
        # one revision under its two addresses is one rendering (round 5, F2,
        # on a full disk; here with no folder at all): the second copies the first
        for f in ("informe.pdf", "acciones.csv"):
            a = Client(srv).get("/descargas/2024/" + f)
            b = Client(srv).get("/descargas/2024/r1/" + f)
            eq((b.status, b.header("X-Pmm-Cache")), (200, "shared"), "r1/" + f + ": the same revision's bytes")
            eq(b.body, a.body, "r1/" + f + ": the same bytes")
    finally:
        srv.stop()
    eq(os.path.exists(db + "-cache"), False, "no folder made")


check("fault 2: pmm import leaves the search index caught up", import_leaves_the_index_caught_up)
check("fault 2: pmm demo leaves the search index caught up; a read-only server finds the actions",
      demo_leaves_the_index_caught_up)
check("row 58: a read-only database's downloads are rendered in memory", read_only_downloads)
check("row 44: rows waiting for the index are searched on a read-only server", waiting_rows_are_searched)
done()
