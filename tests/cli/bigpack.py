"""A country with more reporter types and populations than the charts'
palette has colours (issue 16): the Guatemalan pack with 20 reporter types
and 12 populations, an institution of each new type, and an edition whose
actions name every type and population. Shared by test_packs_large.py
(import, report, charts) and tests/web/test_web_packs.py (dashboard)."""
import os
import shutil
from packwords import GT, ACTIONS

NEW_TYPES = range(8, 21)        # the Guatemalan pack has 7
NEW_POPS = range(5, 13)         # and 4 populations


def make_pack(d, types=NEW_TYPES, pops=NEW_POPS):
    """Writes the pack into the folder D."""
    shutil.copytree(GT, d)
    with open(os.path.join(d, "reporter_types.csv"), "a", encoding="utf-8") as f:
        for n in types:
            f.write("T%d,Tipos %d,Types %d,m,pl,0,0,instancia del tipo %d,instancias del tipo %d,body %d,bodies %d\n"
                    % (n, n, n, n, n, n, n))
    with open(os.path.join(d, "institutions.csv"), "a", encoding="utf-8") as f:
        for n in types:
            f.write("I%d,Instancia %d,T%d,,,\n" % (n, n, n))
    with open(os.path.join(d, "populations.csv"), "a", encoding="utf-8") as f:
        for n in pops:
            f.write("p%d,Población %d,Population %d,\n" % (n, n, n))


def actions():
    """The edition's actions: Guatemala's 8, then one of each new type, each
    naming one of the new populations in turn."""
    pops = ["p%d" % n for n in NEW_POPS]
    return ACTIONS + "".join("X%d,I%d,%d,Acción %d,Algo.,Foros o grupos de trabajo,%s,No,No,,Hecho.\n"
                             % (n, n, n % 23 + 1, n, pops[i % len(pops)]) for i, n in enumerate(NEW_TYPES))


def challenges():
    """A challenge of every action of a new type and of five of Guatemala's."""
    folios = ["GT-1", "GT-2", "GT-3", "GT-6", "GT-7"] + ["X%d" % n for n in NEW_TYPES]
    return "folio,reto,categoria\n" + "".join("%s,Reto,Barreras culturales y de idioma\n" % f for f in folios)


def load(s):
    """Loads the pack into the scratch database S and imports its edition 2025."""
    d = s.path("bigpack")
    make_pack(d)
    s.pmm("init", "--pack", d, check=0)
    s.write("acciones.csv", actions())
    s.write("retos.csv", challenges())
    s.pmm("import", "--edition", "2025", "acciones.csv", "--challenges", "retos.csv", "--status", "validada",
          check=0)
