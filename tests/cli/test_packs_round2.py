"""Country packs (issue 16), faults of the verification round (helper F16C),
on the Guatemalan pack (tests/data/packs/gt, 22 departamentos):
1. a published revision keeps the units catalog of the day it was
   published (migration 28, snapshot_state): a unit added or renamed on
   the platform afterwards changes neither its «2 de los 22 departamentos»
   nor the names of its Annex B; the live edition follows the catalog; a
   revision published by an older pmm keeps the catalog of the day the
   database was brought up to date;
2. a database whose `pack` table was emptied by hand while its catalogs
   are full is refused by every command, with a message naming the
   problem, instead of getting Mexico's pack loaded over it;
3. the «Σ» row of `pmm report`'s text table stands in line with the rows
   above it (cells padded by the columns they show as, not their bytes)."""
import re
from pmmtest import Scratch, check, contains, done, downgrade, eq
from packwords import guatemala_published, sql

NEW_UNIT = "Zona de prueba agregada"
RENAMED = "Departamento de Quetzaltenango renombrado"
INST_OLD = "Ministerio de Relaciones Exteriores"
INST_NEW = "Cancillería renombrada"



def change_units(s):
    """A unit added and one renamed, as the administrador's catalog forms
    do (catalog_edit_store.c: INSERT INTO state, UPDATE state SET name)."""
    sql(s, "INSERT INTO state(code, name, abbrev, name_en) VALUES ('23', '%s', 'ZPA', 'Test zone')" % NEW_UNIT,
        "UPDATE state SET name = '%s' WHERE code = '09'" % RENAMED)


def rename_institution(s):
    """An institution renamed, acronym and name, as its catalog form does."""
    sql(s, "UPDATE institution SET acronym = 'CANC-REN', name = '%s' WHERE acronym = 'MINEX'" % INST_NEW)


def informe(s, *extra):
    r = s.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", *extra, check=0)
    return r.stdout


def of_all(text):
    """Every «N de los M departamentos» of the Informe."""
    return sorted(set(re.findall(r"\d+ de los \d+ departamentos", re.sub(r"<[^>]*>", "", text))))


def assert_as_published(before, after):
    eq(of_all(after), of_all(before), "the revision's «de los N departamentos»")
    eq(of_all(before), ["2 de los 22 departamentos"], "the published Informe")
    eq(RENAMED in after, False, "the renamed unit in the revision's Informe")
    eq(NEW_UNIT in after, False, "the added unit in the revision's Informe")
    contains(after, "Quetzaltenango", "the revision's Informe")


def compendio(s, *extra):
    return s.pmm("compendio", "--edition", "2025", "-o", "-", *extra, check=0).stdout


def revision_keeps_its_units():
    s = guatemala_published()
    try:
        before = informe(s)
        change_units(s)
        assert_as_published(before, informe(s))
        assert_as_published(before, informe(s, "--revision", "1"))
        live = informe(s, "--revision", "live")
        eq(of_all(live), ["2 de los 23 departamentos"], "the live edition follows the catalog")
        contains(live, RENAMED, "the live edition's Informe")
    finally:
        s.close()


def revision_keeps_institution_names():
    # snapshot_institution kept an institution's type and unit, not its
    # acronym and name: a rename rewrote Annex A, the highlighted actions
    # and the Compendio of a published revision
    s = guatemala_published()
    try:
        before = informe(s, "--revision", "1")
        comp = compendio(s, "--revision", "1")
        for what, text in (("Informe", before), ("Compendio", comp)):
            contains(text, INST_OLD, "the revision's %s before" % what)
        rename_institution(s)
        eq(informe(s, "--revision", "1"), before, "the revision's Informe after the rename")
        eq(compendio(s, "--revision", "1"), comp, "the revision's Compendio after the rename")
        live = informe(s, "--revision", "live")
        contains(live, INST_NEW, "the live edition's Informe")
        contains(live, "CANC-REN", "the live edition's Informe")
    finally:
        s.close()


def older_revision_gets_the_catalog_of_its_upgrade():
    # a revision an older pmm (schema 26) published: migration 28 copies
    # the catalog of that day, which a later change leaves alone
    s = guatemala_published()
    try:
        before = informe(s, "--revision", "1")
        downgrade(s.db, 26)
        eq(s.pmm("catalog", "states").returncode, 0, "pmm over the older database")
        eq(s.query("SELECT count(*) FROM snapshot_state s JOIN edition e ON e.id = s.edition_id"
                   " WHERE e.snapshot_of IS NOT NULL")[0][0], 22, "the units the migration keeps")
        change_units(s)
        rename_institution(s)
        after = informe(s, "--revision", "1")
        assert_as_published(before, after)
        eq(INST_NEW in after, False, "the renamed institution in the revision's Informe")
    finally:
        s.close()


def emptied_pack_table_is_refused():
    s = guatemala_published()
    try:
        sql(s, "DELETE FROM pack")
        before = s.dump()
        for args in (["catalog", "states"], ["catalog", "institutions"], ["init"]):
            r = s.pmm(*args)
            eq(r.returncode, 1, "pmm %s over a database without its pack row" % " ".join(args))
            contains(r.stderr, "no registra su paquete de país", "stderr of pmm %s" % " ".join(args))
            contains(r.stderr, "pmm init --pack", "stderr of pmm %s" % " ".join(args))
            eq(s.dump() == before, True, "the database after pmm %s" % " ".join(args))
        eq(s.query("SELECT name FROM state WHERE code = '09'")[0][0], "Quetzaltenango", "unit 09")
        eq(s.query("SELECT count(*) FROM state")[0][0], 22, "units")
    finally:
        s.close()


def sigma_row_in_line():
    s = guatemala_published()
    try:
        out = s.pmm("report", "--edition", "2025", check=0).stdout.splitlines()
        head = [ln for ln in out if ln.startswith("Obj.")]
        sigma = [ln for ln in out if ln.startswith("Σ")]
        first = [ln for ln in out if re.match(r"1\s", ln)]
        eq((len(head), len(sigma), len(first)), (1, 1, 1), "the table's header, Σ and objective 1 rows")
        # every row ends in the same column (one column per character here)
        eq(len(sigma[0]), len(first[0]), "the Σ row against objective 1's: %r / %r" % (sigma[0], first[0]))
        eq(len(sigma[0]), len(head[0]), "the Σ row against the header")
        ends = lambda ln: [m.end() for m in re.finditer(r"\S+", ln)][1:]
        eq(ends(sigma[0]), ends(first[0]), "the Σ row's columns")
    finally:
        s.close()


check("a published revision keeps its units when the catalog changes (fault 1)", revision_keeps_its_units)
check("a published revision keeps its institutions' acronyms and names", revision_keeps_institution_names)
check("a revision published before migration 28 keeps the catalog of its upgrade",
      older_revision_gets_the_catalog_of_its_upgrade)
check("a database with its pack row deleted and its catalogs full is refused (fault 2)",
      emptied_pack_table_is_refused)
check("the Σ row of the text table is in line (fault 3)", sigma_row_in_line)
done()
