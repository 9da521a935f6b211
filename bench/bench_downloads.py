"""Issue 15, fault 3: the downloads of a big published edition. Imports
bench/gen's N actions (default 20 000) as edition `big`, publishes it,
starts `pmm serve`, and prints for each heavy file the first download
(rendered and stored in DB-cache/) and the second (streamed from the
file), with the server's RSS; then CLIENTS clients cycling over the
latest and r1 downloads for SECONDS, and the RSS after (docs/reliability.md).

    PMM=build/src/pmm PMM_GEN=build/bench/gen python3 bench/bench_downloads.py [-n N] [--clients C] [--seconds S]
"""
import argparse
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

FILES = ["compendio.pdf", "compendio.html", "acciones.json", "acciones.xlsx", "informe.pdf", "informe.html",
         "acciones.csv", "retos.csv"]


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return -1


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t0 = time.monotonic()
    c.request("GET", path)
    r = c.getresponse()
    n = len(r.read())
    dt = time.monotonic() - t0
    how = r.getheader("X-Pmm-Cache") or "-"
    c.close()
    return r.status, n, dt, how


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--seconds", type=int, default=150)
    a = ap.parse_args()
    pmm, gen = os.path.abspath(os.environ["PMM"]), os.path.abspath(os.environ["PMM_GEN"])
    tmp = tempfile.mkdtemp(prefix="pmm-bench-dl-")
    db = os.path.join(tmp, "b.db")
    env = dict(os.environ, LANGUAGE="es", LANG="C.UTF-8")
    try:
        run = lambda *args: subprocess.run([pmm, "--db", db, *args], check=True, capture_output=True, env=env)
        subprocess.run([gen, "-n", str(a.n), "-o", tmp], check=True, capture_output=True)
        run("demo")
        run("edition", "add", "big", "--from", "2025-01", "--to", "2025-12")
        run("import", "--edition", "big", os.path.join(tmp, "acciones.csv"),
            "--challenges", os.path.join(tmp, "retos.csv"))
        run("edition", "set", "big", "--state", "publicada")
        srv = subprocess.Popen([pmm, "--db", db, "serve", "--listen", "127.0.0.1", "--port", "0",
                                "--access-log", os.path.join(tmp, "access.log")],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        port = int(re.search(r":(\d+)/", srv.stdout.readline()).group(1))
        print("bench_downloads: %d actions, server RSS at start %.0f MB" % (a.n, rss_mb(srv.pid)))
        for f in FILES:
            s1, n, t1, h1 = get(port, "/descargas/big/" + f)
            r1 = rss_mb(srv.pid)
            s2, _, t2, h2 = get(port, "/descargas/big/r1/" + f)
            print("  %-15s %6.1f MB  first %6.2f s (%s, %d), then r1 %6.3f s (%s, %d); RSS %.0f MB"
                  % (f, n / 1e6, t1, h1, s1, t2, h2, s2, r1))
        before = rss_mb(srv.pid)
        stop = time.monotonic() + a.seconds
        count, peak = [0], [before]

        def client(k):
            i = k
            while time.monotonic() < stop:
                f = FILES[i % len(FILES)]
                get(port, ("/descargas/big/" if i % 2 else "/descargas/big/r1/") + f)
                count[0] += 1
                i += 1

        def watch():
            while time.monotonic() < stop:
                peak[0] = max(peak[0], rss_mb(srv.pid))
                time.sleep(0.5)
        ts = [threading.Thread(target=client, args=(k,)) for k in range(a.clients)] + [threading.Thread(target=watch)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        print("  %d clients for %d s: %d downloads; RSS %.0f MB before, peak %.0f MB, %.0f MB after"
              % (a.clients, a.seconds, count[0], before, peak[0], rss_mb(srv.pid)))
        srv.terminate()
        srv.wait(timeout=60)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
