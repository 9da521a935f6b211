"""An edition of thousands of actions written by another tool (this
script) imports, and its figures equal those counted independently here."""
import csv
import io
import random
from pmmtest import Scratch, check, eq, done

N = 6000
s = Scratch()
s.pmm("init", check=0)


def catalog(name):
    out = s.pmm("catalog", name, check=0).stdout
    return [line.split("\t") for line in out.split("\n") if line]


inst = catalog("institutions")                    # acronym, name, type, state, parent
atypes = [r[0] for r in catalog("action-types")]
pops = [r[0] for r in catalog("populations")]
cats = [r[0] for r in catalog("challenge-categories")]
types = [r[0] for r in catalog("reporter-types")]
rng = random.Random(7)

want = {
    "actions": N, "by_reporter_type": {t: 0 for t in types},
    "by_objective": {str(o): dict({"total": 0}, **{t: 0 for t in types}) for o in range(1, 24)},
    "population": {p: 0 for p in pops}, "gender_focus": {"si": 0, "no": 0, "sin_dato": 0},
    "disability": {"si": 0, "no": 0, "sin_dato": 0}, "beneficiaries": 0,
}
want_cats = {c: 0 for c in cats}
bodies, states = set(), set()
acc, ret = io.StringIO(), io.StringIO()
wa, wr = csv.writer(acc, lineterminator="\r\n"), csv.writer(ret)
wa.writerow(["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
             "enfoque_genero", "discapacidad", "beneficiarios", "resultados"])
wr.writerow(["folio", "reto", "categoria"])
nchal = 0
for i in range(N):
    body = rng.choice(inst)
    # write the body as people do: acronym, full name, or shouted
    written = rng.choice([body[0], body[1], body[1].upper()])
    objs = rng.sample(range(1, 24), rng.choice([1, 1, 1, 2, 3]))
    ps = rng.sample(pops[:3], rng.choice([0, 1, 1, 1, 2]))
    g = rng.choice(["Sí", "No", "sí", "no", ""])
    d = rng.choice(["Sí", "No", "SI", ""])
    ben = rng.choice(["", str(rng.randint(0, 50000))])
    desc = "Descripción larga, con comas; \"comillas\" y\nsaltos de línea. " * rng.randint(1, 5)
    wa.writerow(["L-%05d" % i, written, ";".join(map(str, objs)), "Acción %d" % i, desc,
                 ";".join(rng.sample(atypes, rng.choice([1, 2]))), ";".join(ps), g, d, ben,
                 "Resultados de la acción %d" % i])
    t = body[2]
    bodies.add(body[0])
    if t == "EF":
        states.add(body[3])
    want["by_reporter_type"][t] += 1
    for o in objs:
        want["by_objective"][str(o)]["total"] += 1
        want["by_objective"][str(o)][t] += 1
    for p in ps:
        want["population"][p] += 1
    if not ps:
        want["population"]["no_aplica"] += 1
    key = {"sí": "si", "si": "si", "no": "no", "": "sin_dato"}
    want["gender_focus"][key[g.lower()]] += 1
    want["disability"][key[d.lower()]] += 1
    want["beneficiaries"] += int(ben) if ben else 0
    for _ in range(rng.choice([0, 0, 1, 2])):
        c = rng.choice(cats)
        want_cats[c] += 1
        nchal += 1
        wr.writerow(["L-%05d" % i, "Reto de la acción %d" % i, c])

a = s.write("grande.csv", acc.getvalue())
r = s.write("grande-retos.csv", ret.getvalue())


def imports_and_counts_match():
    out = s.pmm("import", "--edition", "2024", a, "--retos", r, check=0)
    eq(out.returncode, 0, "exit")
    f = s.figures()
    for k, v in want.items():
        eq(f[k], v, k)
    eq(f["institutions"], len(bodies), "institutions")
    eq(f["states"], len(states), "states")
    eq(f["challenges"]["total"], nchal, "challenges")
    eq(f["challenges"]["by_category"], want_cats, "by category")
    eq(f["objective_links"], sum(v["total"] for v in want["by_objective"].values()), "links")


def second_import_is_idempotent():
    before = s.figures()
    s.pmm("import", "--edition", "2024", a, "--retos", r, check=0)
    eq(s.figures(), before, "figures")


check("%d actions written by another tool import with exact figures" % N, imports_and_counts_match)
check("importing them again changes nothing", second_import_is_idempotent)
s.close()
done()
