"""Nothing acknowledged is lost: clients post actions through the API while
`pmm serve` is killed with SIGKILL at a random moment; after a restart,
every action that got a 201 answer is in the database, and the database
passes its integrity check (issue 6, crashes)."""
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time

from webtest import Server
from pmmtest import Scratch, check, eq, done

ROUNDS = int(os.environ.get("PMM_CRASH_ROUNDS", "3"))
CLIENTS = 8

s = Scratch()
s.pmm("demo", check=0)
if "2025\t" not in s.pmm("edition", "list", check=0).stdout:
    s.pmm("edition", "add", "2025", "--desde", "2024-07", "--hasta", "2025-06", check=0)
add = subprocess.run([os.environ["PMM"], "--db", s.db, "user", "add", "carga", "--role", "coordinador"],
                     input="clave-de-prueba-123\nclave-de-prueba-123\n", capture_output=True, text=True)
eq(add.returncode, 0, "user add: " + add.stderr)
TOKEN = s.pmm("user", "token", "carga", check=0).stdout.strip().split()[-1]


def poster(port, prefix, acked, stop):
    """Posts actions until the server dies; records the folios answered 201."""
    n = 0
    while not stop.is_set():
        folio = "%s-%05d" % (prefix, n)
        body = json.dumps({"folio": folio, "institucion": "INM", "objetivos": [7],
                           "nombre": "Acción de carga " + folio})
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("POST", "/api/v1/editions/2025/actions", body=body,
                      headers={"Authorization": "Bearer " + TOKEN,
                               "Content-Type": "application/json"})
            r = c.getresponse()
            r.read()
            c.close()
        except OSError:
            return                      # the server is gone
        if r.status == 201:
            acked.append(folio)
        elif r.status >= 500:
            raise AssertionError("HTTP %d for %s" % (r.status, folio))
        n += 1


def folios_in_db():
    con = sqlite3.connect(s.db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        eq(ok, "ok", "integrity_check")
        return {r[0] for r in con.execute(
            "SELECT folio FROM action JOIN edition e ON e.id = edition_id WHERE e.name = '2025'")}
    finally:
        con.close()


def kill_while_posting():
    rng = random.Random(6)
    total = 0
    for rnd in range(ROUNDS):
        srv = Server(s)
        acked, stop = [], threading.Event()
        threads = [threading.Thread(target=poster, args=(srv.port, "R%dC%d" % (rnd, i), acked, stop))
                   for i in range(CLIENTS)]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.5, 2.0))
        srv.proc.send_signal(signal.SIGKILL)
        srv.proc.wait()
        stop.set()
        for t in threads:
            t.join()
        if not acked:
            raise AssertionError("round %d: no action was acknowledged before the kill" % rnd)
        have = folios_in_db()
        lost = [f for f in acked if f not in have]
        eq(lost, [], "acknowledged but lost in round %d" % rnd)
        total += len(acked)
    print("# %d acknowledged actions over %d kills, none lost" % (total, ROUNDS))


def restarts_and_serves():
    srv = Server(s)
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    c.request("GET", "/api/v1/editions")
    r = c.getresponse()
    r.read()
    eq(r.status, 200, "GET after the crashes")
    code, _, _ = srv.stop()
    eq(code, 0, "exit after SIGTERM")


check("SIGKILL while clients post: every acknowledged action survives", kill_while_posting)
check("the server restarts on the same database", restarts_and_serves)
s.close()
done()
