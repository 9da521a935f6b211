"""Issue 15, fault 2 (helper S15C): a server that cannot write its database
(a read-only file, a full disk) cannot catch the search index up, and
answered «0 acciones» for rows written by `pmm demo` or `pmm import` that
were still waiting in action_fts_dirty. Those commands now leave the index
caught up, so a read-only server finds what a writable one finds."""
import os
import re
import shutil
import sqlite3
import subprocess

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


check("fault 2: pmm import leaves the search index caught up", import_leaves_the_index_caught_up)
check("fault 2: pmm demo leaves the search index caught up; a read-only server finds the actions",
      demo_leaves_the_index_caught_up)
done()
