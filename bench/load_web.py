#!/usr/bin/env python3
"""Load: N concurrent clients post actions and read pages and the API for S
seconds against a real `pmm serve` on loopback. Prints requests, p50/p99
latency, 5xx and database-locked answers, and checks that every write that
got 201 is in the database (no lost write). Exit 1 on any failure.

    PMM=build/pmm python3 bench/load_web.py --clients 200 --seconds 60
"""
import argparse
import http.client
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "web"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "cli"))
from webtest import Server  # noqa: E402
from pmmtest import Scratch  # noqa: E402


def setup(s):
    s.pmm("demo", check=0)
    if "2025\t" not in s.pmm("edition", "list", check=0).stdout:
        s.pmm("edition", "add", "2025", "--desde", "2024-07", "--hasta", "2025-06", check=0)
    add = subprocess.run([os.environ["PMM"], "--db", s.db, "user", "add", "carga", "--role",
                          "coordinador"], input="clave-de-carga-123\nclave-de-carga-123\n",
                         capture_output=True, text=True)
    if add.returncode != 0:
        sys.exit("user add: " + add.stderr)
    return s.pmm("user", "token", "carga", check=0).stdout.strip().split()[-1]


READS = ["/", "/ediciones/2024", "/api/v1/editions/2024/figures", "/acciones?objetivo=7",
         "/acciones?q=migracion", "/api/v1/editions/2024/actions?objetivo=15"]


def client(port, token, idx, deadline, out, writes):
    rng = random.Random(idx)
    conn = None
    n = 0
    while time.monotonic() < deadline:
        write = rng.random() < writes
        if write:
            folio = "L%03d-%06d" % (idx, n)
            n += 1
            body = json.dumps({"folio": folio, "institucion": "INM", "objetivos": [7, 15],
                               "nombre": "Carga " + folio, "descripcion": "Acción de prueba de carga."})
            method, path = "POST", "/api/v1/editions/2025/actions"
            headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        else:
            body, method, path, headers = None, "GET", rng.choice(READS), {}
        t0 = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException) as e:
            out["errors"].append("%s %s: %s" % (method, path, e))
            conn = None
            continue
        out["lat"].append(time.monotonic() - t0)
        if r.status >= 500:
            out["5xx"].append("%s %s -> %d" % (method, path, r.status))
        if b"locked" in data.lower() and r.status >= 400:
            out["locked"].append("%s %s" % (method, path))
        if write:
            if r.status == 201:
                out["acked"].append(folio)
            else:
                out["refused"].append("%s -> %d %s" % (folio, r.status, data[:80]))
        if r.getheader("Connection", "").lower() == "close":
            conn = None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--threads", type=int, default=4, help="pmm serve --threads")
    ap.add_argument("--writes", type=float, default=0.3, help="share of requests that post")
    a = ap.parse_args()
    s = Scratch()
    token = setup(s)
    srv = Server(s, "--threads", str(a.threads))
    out = {"lat": [], "5xx": [], "locked": [], "acked": [], "refused": [], "errors": []}
    deadline = time.monotonic() + a.seconds
    threads = [threading.Thread(target=client, args=(srv.port, token, i, deadline, out, a.writes))
               for i in range(a.clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    code, _, err = srv.stop()
    con = sqlite3.connect(s.db)
    have = {r[0] for r in con.execute(
        "SELECT folio FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2025'")}
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    lost = [f for f in out["acked"] if f not in have]
    lat = sorted(out["lat"])
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0  # noqa: E731
    print("load: %d clients, %.0f s: %d requests (%.0f/s), %d writes acknowledged"
          % (a.clients, elapsed, len(lat), len(lat) / elapsed, len(out["acked"])))
    print("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (pct(0.5), pct(0.99), pct(1.0) - 0))
    print("5xx: %d  database-locked: %d  refused writes: %d  client errors: %d  lost writes: %d  "
          "integrity: %s  server exit: %d"
          % (len(out["5xx"]), len(out["locked"]), len(out["refused"]), len(out["errors"]), len(lost),
             integrity, code))
    for k in ("5xx", "locked", "refused", "errors"):
        for line in out[k][:5]:
            print("  %s: %s" % (k, line))
    s.close()
    bad = out["5xx"] or out["locked"] or out["refused"] or out["errors"] or lost or integrity != "ok" or code != 0
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
