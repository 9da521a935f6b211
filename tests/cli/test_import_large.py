"""An edition of thousands of actions written by another tool (this
script) imports, and its figures equal those counted independently here."""
import csv
import io
import random
import sqlite3
from pmmtest import ACTION_HEADER, Scratch, check, eq, done

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


# The importer reads in a second thread and hands rows over in batches of
# 512 (src/ingest/import.c): these files are many batches long, so an error
# near their end is found long after earlier batches were written inside
# the transaction, and must still leave nothing.
text = acc.getvalue()
s.pmm("edition", "add", "2025", check=0)     # only the import's own writes are compared
last = text.rindex("\r\nL-%05d," % (N - 1)) + 2        # where the last record starts
last_line = text.count("\n", 0, last) + 1


def refused(args, *expect):
    """pmm import ARGS exits 1, stderr holds each of EXPECT in that order,
    and the database is as before."""
    before = s.dump()
    out = s.pmm("import", "--edition", "2025", *args)
    eq(out.returncode, 1, "exit")
    at = 0
    for e in expect:
        pos = out.stderr.find(e, at)
        if pos < 0:
            raise AssertionError("%r not after position %d of:\n%s" % (e, at, out.stderr))
        at = pos + len(e)
    if s.dump() != before:    # (the dump is megabytes: not printed)
        raise AssertionError("the database changed")
    return out


def error_on_last_line_refuses_all():
    bad = s.write("ultima.csv", text[:last] + text[last:].replace(",Acción %d," % (N - 1),
                                                                   ",,", 1))
    refused([bad, "--retos", r], "ultima.csv:%d: columna «nombre»" % last_line)


def bad_quote_on_last_line_after_row_errors():
    # an unknown body in the last record, then a bad quote on the next line:
    # both in the last batch, reported in that order
    folio, _, rest = text[last:].split(",", 2)
    body = text[:last] + ",".join([folio, "NADIE-SABE", rest])
    bad = s.write("comilla.csv", body + 'L-99999,INM,7,Acción "mala",,,,,,,\r\n')
    nlines = body.count("\n") + 1
    refused([bad], "comilla.csv:%d: columna «institucion»" % last_line,
            "comilla.csv:%d: comillas mal formadas" % nlines)


def bad_header_of_retos_after_all_actions():
    bad = s.write("retos-mal.csv", "folio,texto_del_reto\nL-00001,algo\n")
    refused([a, "--retos", bad], "retos-mal.csv:1: columna «reto»: falta esta columna")


def errors_in_both_files_in_order():
    bad = s.write("ultima2.csv", text[:last] + text[last:].replace(",Acción %d," % (N - 1), ",,", 1))
    retos = s.write("retos-huerfano.csv", "folio,reto\nNO-EXISTE,algo\n")
    refused([bad, "--retos", retos], "ultima2.csv:%d:" % last_line, "retos-huerfano.csv:2:")


def long_texts_cross_batches_intact():
    # 40 descriptions of 60 000 characters: batches are handed over at 1 MiB
    # too, so these span several; each text must arrive whole, in its row
    rows = [ACTION_HEADER]
    for i in range(40):
        d = ("%02d-" % i) + "".join(chr(ord("a") + (i + k) % 26) for k in range(59997))
        rows.append('T-%02d,INM,7,Largo %d,"%s",,,,,,fin %d' % (i, i, d, i))
    f = s.write("largos.csv", "\n".join(rows) + "\n")
    s.pmm("import", "--edition", "largos", f, check=0)
    con = sqlite3.connect(s.db)
    got = con.execute("SELECT a.folio, a.name, a.description, a.results FROM action a JOIN edition e"
                      " ON e.id = a.edition_id WHERE e.name = 'largos' ORDER BY folio").fetchall()
    con.close()
    eq(len(got), 40, "actions")
    for i, (folio, name, d, res) in enumerate(got):
        eq((folio, name, res, len(d), d[:3], d[-1]),
           ("T-%02d" % i, "Largo %d" % i, "fin %d" % i, 60000, "%02d-" % i,
            chr(ord("a") + (i + 59996) % 26)), "row %d" % i)


check("%d actions written by another tool import with exact figures" % N, imports_and_counts_match)
check("importing them again changes nothing", second_import_is_idempotent)
check("40 descriptions of 60 000 characters arrive whole", long_texts_cross_batches_intact)
check("an empty required value on the last of %d lines refuses the whole file" % last_line,
      error_on_last_line_refuses_all)
check("a bad quote on the last line is reported after the error of the line before, nothing kept",
      bad_quote_on_last_line_after_row_errors)
check("a bad header of the challenges file after every action refuses all",
      bad_header_of_retos_after_all_actions)
check("errors at the end of the actions and in the challenges, in file order",
      errors_in_both_files_in_order)
s.close()
done()
