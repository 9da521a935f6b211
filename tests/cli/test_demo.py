"""The demo edition reproduces the seed's table (docs/seed.md) cell for cell."""
from pmmtest import Scratch, check, eq, contains, done

# obj: total, APF, EF, PJ, OCA, OSC  (docs/seed.md, section III of the seed)
TABLE = """
1 36 20 7 0 9 0
2 18 14 3 0 0 1
3 28 12 11 3 0 2
4 39 6 27 1 1 4
5 15 6 5 2 0 2
6 8 4 4 0 0 0
7 46 27 17 1 1 0
8 12 3 9 0 0 0
9 7 4 2 0 1 0
10 32 9 22 0 1 0
11 4 3 1 0 0 0
12 4 3 1 0 0 0
13 11 2 0 2 0 7
14 13 9 4 0 0 0
15 37 17 17 0 0 3
16 14 6 7 0 1 0
17 18 13 3 1 0 1
18 5 0 5 0 0 0
19 5 0 4 0 1 0
20 4 3 1 0 0 0
21 13 7 5 1 0 0
22 6 3 3 0 0 0
23 8 4 4 0 0 0
"""

s = Scratch()
out = s.pmm("demo", check=0)
f = s.figures()


def prints_what_it_loaded():
    contains(out.stdout, "379 acciones y 326 retos")


def table_cell_for_cell():
    for line in TABLE.strip().split("\n"):
        o, total, apf, ef, pj, oca, osc = line.split()
        cell = f["by_objective"][o]
        got = [cell["total"], cell["APF"], cell["EF"], cell["PJ"], cell["OCA"], cell["OSC"], cell["PL"]]
        eq(got, [int(total), int(apf), int(ef), int(pj), int(oca), int(osc), 0], "objective " + o)


def totals_reconcile():
    eq(f["actions"], 379, "actions")
    eq(f["objective_links"], 383, "links (the seed's table sums to 383)")
    eq(sum(f["by_reporter_type"].values()), 379, "by reporter type adds up to actions")
    eq(sum(f["population"].values()) >= 379, True, "every action has a population")


def challenges_as_seed():
    c = f["challenges"]
    eq(c["total"], 326, "challenges")
    top = sorted(c["by_category"].values(), reverse=True)[:3]
    eq(top, [58, 56, 55], "top three categories")
    eq(c["by_category"]["Falta de recursos financieros, materiales, humanos y tecnológicos"], 58, "recursos")


def shares_close_to_seed():
    n = f["actions"]
    pop = f["population"]
    total = sum(pop.values())
    for k, want in (("extranjeros", 54), ("exterior", 20), ("retorno", 10), ("no_aplica", 16)):
        got = 100 * pop[k] / total
        if abs(got - want) > 3:
            raise AssertionError("population %s: %.1f%%, seed %d%%" % (k, got, want))
    g = 100 * f["gender_focus"]["si"] / n
    d = 100 * f["disability"]["si"] / n
    if abs(g - 25) > 3 or abs(d - 64) > 3:
        raise AssertionError("gender %.1f%% (25), disability %.1f%% (64)" % (g, d))


def demo_again_is_idempotent():
    s.pmm("demo", check=0)
    eq(s.figures(), f, "figures after a second pmm demo")


def text_report():
    r = s.pmm("report", "--edition", "2024", check=0)
    contains(r.stdout, "Acciones: 379")
    contains(r.stdout, "Retos: 326")


check("pmm demo says what it loaded", prints_what_it_loaded)
check("by objective and reporter type equals the seed's table", table_cell_for_cell)
check("379 actions, 383 objective links", totals_reconcile)
check("326 challenges, top 58/56/55", challenges_as_seed)
check("population, gender and disability shares close to the seed", shares_close_to_seed)
check("pmm demo twice gives the same figures", demo_again_is_idempotent)
check("the text report", text_report)
s.close()
done()
