#!/usr/bin/env python3
"""Writes data/demo/ejemplo-2023-acciones.csv and -retos.csv: the demo's
earlier edition «2023-ejemplo» (issue 13), a SYNTHETIC example derived
from the demo edition 2024 so that the trend, the dashboard's change and
the Informe's comparison have something to show. Its figures are not
Mexico's, nor any published report's: pmm says so wherever it shows it.

Deterministic (no randomness): from each 2024 action NNNN,
  - NNNN divisible by 6: left out (a program new in 2024);
  - divisible by 7: its name ends in « (fase piloto)» (not the same program);
  - divisible by 9: its principal objective moves two places (o+2, wrapping);
  - the years of its texts one earlier, its beneficiaries four fifths;
and every challenge of an action kept but every fourth.
Run from the repository's root: python3 tools/gen_demo_example.py"""
import csv
import io
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEMO = os.path.join(ROOT, "data", "demo")


def earlier(text):
    return text.replace("2023", "\0").replace("2024", "2023").replace("\0", "2022")


def action(row):
    n = int(row["folio"].split("-")[1])
    if n % 6 == 0:
        return None
    row = dict(row)
    row["folio"] = "2023-%04d" % n
    if n % 7 == 0:
        row["nombre"] += " (fase piloto)"
    if n % 9 == 0:
        objs = [o.strip() for o in row["objetivos"].split(",")]
        first = (int(objs[0]) + 1) % 23 + 1
        objs = [str(first)] + [o for o in objs[1:] if o != str(first)]
        row["objetivos"] = ", ".join(objs)
    for k in ("descripcion", "resultados"):
        row[k] = earlier(row[k])
    if row["beneficiarios"]:
        row["beneficiarios"] = str(int(row["beneficiarios"]) * 4 // 5)
    return row


def write(path, header, rows):
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def main():
    with open(os.path.join(DEMO, "acciones.csv"), encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        header = r.fieldnames
        rows = [a for a in (action(x) for x in r) if a]
    kept = {row["folio"] for row in rows}
    with open(os.path.join(DEMO, "retos.csv"), encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        rheader = r.fieldnames
        retos = []
        for i, x in enumerate(r):
            folio = "2023-" + x["folio"].split("-")[1]
            if folio in kept and i % 4 != 3:
                retos.append(dict(x, folio=folio, reto=earlier(x["reto"])))
    write(os.path.join(DEMO, "ejemplo-2023-acciones.csv"), header, rows)
    write(os.path.join(DEMO, "ejemplo-2023-retos.csv"), rheader, retos)
    print("%d actions, %d challenges" % (len(rows), len(retos)))


main()
