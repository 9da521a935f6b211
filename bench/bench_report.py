#!/usr/bin/env python3
"""Benchmark of the publications: prints the time pmm takes to write the
Informe Ejecutivo as HTML and as PDF for the demo edition (379 actions) and
for an edition of 100 000 actions, each the best of several runs of the
whole command (process start, queries, layout, writing the file).

    python3 bench/bench_report.py [build/pmm]      (or: make bench)

Targets (issue 3): demo HTML < 50 ms, PDF < 500 ms; 100 000 actions
< 2 s for both. The large edition is generated here (random, seeded) and
imported once; its import is not part of the figures."""
import csv
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PMM = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "build", "src", "pmm")
BENCH = os.path.join(os.path.dirname(os.path.abspath(PMM)), "..", "bench", "bench_report")
N = int(os.environ.get("BENCH_ACTIONS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def pmm(db, *args):
    subprocess.run([PMM, "--db", db, *args], check=True, stdout=subprocess.DEVNULL)


def best(db, *args):
    """Best wall time of the whole command, process start included."""
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        pmm(db, *args)
        times.append(time.perf_counter() - t)
    return min(times)


def inside(db, edition):
    """Best in-process wall and CPU times (HTML, PDF, HTML CPU, PDF CPU) in ms."""
    out = subprocess.run([BENCH, db, edition, str(RUNS)], check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def catalog(db, name):
    out = subprocess.run([PMM, "--db", db, "catalog", name], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.split("\n") if line]


def large_edition(tmp, db):
    pmm(db, "init")
    pmm(db, "edition", "add", "grande", "--desde", "2024-07", "--hasta", "2025-06")
    inst = [r[0] for r in catalog(db, "institutions")]
    atypes = [r[0] for r in catalog(db, "action-types")]
    pops = [r[0] for r in catalog(db, "populations")]
    cats = [r[0] for r in catalog(db, "challenge-categories")]
    rng = random.Random(100000)
    acc, ret = os.path.join(tmp, "acciones.csv"), os.path.join(tmp, "retos.csv")
    with open(acc, "w", newline="", encoding="utf-8") as fa, open(ret, "w", newline="", encoding="utf-8") as fr:
        wa, wr = csv.writer(fa), csv.writer(fr)
        wa.writerow(["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
                     "enfoque_genero", "discapacidad", "beneficiarios", "resultados"])
        wr.writerow(["folio", "reto", "categoria"])
        for i in range(N):
            folio = "G-%06d" % i
            wa.writerow([folio, rng.choice(inst), ";".join(map(str, rng.sample(range(1, 24), rng.choice([1, 1, 2])))),
                         "Acción %d" % i, "Descripción de la acción %d." % i,
                         ";".join(rng.sample(atypes, rng.choice([1, 2]))), rng.choice(pops),
                         rng.choice(["Sí", "No"]), rng.choice(["Sí", "No"]), rng.randint(0, 5000),
                         "Resultados de la acción %d." % i])
            if rng.random() < 0.86:
                wr.writerow([folio, "Reto de la acción %d." % i, rng.choice(cats)])
    pmm(db, "import", "--edition", "grande", acc, "--retos", ret)


def main():
    with tempfile.TemporaryDirectory(prefix="pmm-bench-") as tmp:
        demo = os.path.join(tmp, "demo.db")
        pmm(demo, "demo")
        out = os.path.join(tmp, "out")
        rows = [("demo (379 acciones)", demo, "2024")]
        big = os.path.join(tmp, "big.db")
        t = time.perf_counter()
        large_edition(tmp, big)
        print("edición de %d acciones generada e importada en %.1f s" % (N, time.perf_counter() - t))
        rows.append(("%d acciones" % N, big, "grande"))
        print("tiempos en ms, el mejor de %d; 'CPU' es el tiempo de procesador del proceso,"
              " 'comando' incluye el arranque de pmm" % RUNS)
        print("%-22s %8s %8s %8s %8s %9s %9s" % ("edición", "HTML", "PDF", "HTML CPU", "PDF CPU",
                                                 "HTML cmd", "PDF cmd"))
        for label, db, ed in rows:
            h, p, hc, pc = inside(db, ed)
            hw = best(db, "report", "--edition", ed, "--format", "html", "-o", out + ".html")
            pw = best(db, "report", "--edition", ed, "--format", "pdf", "-o", out + ".pdf")
            print("%-22s %8.0f %8.0f %8.0f %8.0f %9.0f %9.0f" % (label, h, p, hc, pc, hw * 1000, pw * 1000))


if __name__ == "__main__":
    main()
