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
  - the GCM guiding principles it serves (column principios, issue 13,
    helper F13), SYNTHETIC too: read off its own fields by the rules of
    principles() below; the seed's 2024 names none and stays so;
and every challenge of an action kept but every fourth. Two of its
actions are marked as good practices (ejemplo-2023-buenas-practicas.csv,
texts that say they are a synthetic example), so that the demo shows the
Informe's and the platform's good practices working.
Run from the repository's root: python3 tools/gen_demo_example.py"""
import csv
import io
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEMO = os.path.join(ROOT, "data", "demo")


def earlier(text):
    return text.replace("2023", "\0").replace("2024", "2023").replace("\0", "2022")


def principles(row, n):
    """The guiding principles of a synthetic action, from its own fields:
    1 people-centred when it declares the people served, 2 international
    cooperation for objective 23, 6 human rights for legal services or
    assistance, 7 gender-responsive with a gender focus, 8 child-sensitive
    when it speaks of children, 9 whole-of-government when it names other
    agencies, 10 whole-of-society when it names civil society; 3, 4 and 5
    on a few, by folio number, so that every principle appears."""
    text = (row["nombre"] + " " + row["descripcion"]).lower()
    objs = [o.strip() for o in row["objetivos"].split(",")]
    p = set()
    if row["beneficiarios"]:
        p.add(1)
    if "23" in objs:
        p.add(2)
    if "legales" in row["tipo_accion"].lower() or "asesoría" in text:
        p.add(6)
    if row["enfoque_genero"] == "Sí":
        p.add(7)
    if "niñas" in text or "niños" in text or "adolescentes" in text:
        p.add(8)
    if "otras dependencias" in text or "coordinación con" in text:
        p.add(9)
    if "sociedad civil" in text:
        p.add(10)
    for k, q in ((13, 3), (11, 4), (10, 5)):
        if n % k == 0:
            p.add(q)
    return ";".join(str(x) for x in sorted(p))


# the two synthetic good practices: folio number, then the Repository's texts
PRACTICES = {
    16: ("ONU Mujeres; OIM (ejemplo sintético)",
         "Ejemplo sintético: indicadores desagregados por sexo y edad que usan tres informes del periodo.",
         "Ejemplo sintético: variables acordadas con las áreas que las usan.",
         "Ejemplo sintético: replicable por otras oficinas con registros administrativos.",
         "Ejemplo sintético: acordar las variables antes de recopilar.",
         "ejemplo@pmm.invalid"),
    373: ("Gobiernos de la región (ejemplo sintético)",
          "Ejemplo sintético: un espacio regional que sesionó dos veces y adoptó acuerdos.",
          "Ejemplo sintético: una agenda común definida al inicio.",
          "Ejemplo sintético: replicable en otros espacios regionales.",
          "Ejemplo sintético: dar seguimiento público a los acuerdos.",
          "ejemplo@pmm.invalid"),
}


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
    row["principios"] = principles(row, n)
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
        header = r.fieldnames + ["principios"]
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
    practices = []
    for n, t in sorted(PRACTICES.items()):
        folio = "2023-%04d" % n
        row = [x for x in rows if x["folio"] == folio]
        assert row and row[0]["principios"], folio + ": kept, and naming a principle (a good practice must)"
        practices.append(dict(zip(PRACTICE_HEADER, (folio,) + t)))
    write(os.path.join(DEMO, "ejemplo-2023-buenas-practicas.csv"), PRACTICE_HEADER, practices)
    print("%d actions, %d challenges, %d good practices" % (len(rows), len(retos), len(practices)))


PRACTICE_HEADER = ["folio", "socios", "resultados", "factores_de_exito", "replicabilidad", "lecciones", "contacto"]


main()
