"""Country packs (issue 16), faults of verification round 3 (helper F16D),
on the Guatemalan pack (tests/data/packs/gt):
1. a published revision's workbook (`pmm export --format xlsx --revision
   N`, the file /descargas serves) lists on its «Catálogos» sheet the
   institutions as the revision has them (acronym, name, type), like its
   «Acciones» sheet, not as the catalog has them today;
   and `pmm export --good-practices --revision N` lists a revision's good
   practices with the acronyms it kept (it had no --revision);
3. a database whose `pack` table and every catalog table were emptied by
   hand, but which holds editions and actions, gets no pack loaded by any
   command (Mexico's was loaded under the country's published edition)."""
import json
from pmmtest import Scratch, check, contains, done, eq
from packwords import guatemala_published, sql



def emptied_catalogs_with_editions_are_refused():
    s = guatemala_published()
    try:
        sql(s, "DELETE FROM pack", "DELETE FROM state", "DELETE FROM institution", "DELETE FROM reporter_type",
            "DELETE FROM population", "DELETE FROM challenge_category", "DELETE FROM action_type")
        eq(s.query("SELECT count(*) FROM edition")[0][0] > 0, True, "editions left")
        before = s.dump()
        for args in (["catalog", "states"], ["catalog", "institutions"], ["init"],
                     ["import", "--edition", "2025", "acciones.csv"]):
            r = s.pmm(*args)
            what = "pmm %s" % " ".join(args)
            eq(r.returncode, 1, "%s over a database with editions and no catalog" % what)
            contains(r.stderr, "no registra su paquete de país", "stderr of " + what)
            contains(r.stderr, "«edition»", "stderr of " + what)
            contains(r.stderr, "pmm init --pack", "stderr of " + what)
            eq(s.dump() == before, True, "the database after " + what)
        eq(s.query("SELECT count(*) FROM state")[0][0], 0, "units loaded")
        eq(s.query("SELECT count(*) FROM pack")[0][0], 0, "pack rows")
    finally:
        s.close()


def good_practices_of_a_revision():
    # the demo's 2023-ejemplo is published (revision 1) with two good
    # practices, one of UPMRIP; the institution is renamed afterwards
    s = Scratch()
    try:
        s.pmm("demo", check=0)

        def practices(*extra):
            r = s.pmm("export", "--good-practices", "--edition", "2023-ejemplo", "--format", "json", *extra,
                      check=0)
            return [(p["folio"], p["implementing_entity_acronym"]) for p in json.loads(r.stdout)["practices"]]
        before = practices("--revision", "1")
        eq(("2023-0016", "UPMRIP") in before, True, "revision 1's practices: %s" % before)
        sql(s, "UPDATE institution SET acronym = 'UPMRIP-X' WHERE acronym = 'UPMRIP'")
        eq(practices("--revision", "1"), before, "revision 1's practices after the rename")
        eq(("2023-0016", "UPMRIP-X") in practices("--revision", "live"), True, "the live edition's")
        r = s.pmm("export", "--good-practices", "--edition", "2023-ejemplo", "--revision", "9")
        eq(r.returncode, 1, "a revision the edition does not have")
        contains(r.stderr, "no tiene la revisión «9»", "stderr")
    finally:
        s.close()


check("pmm export --good-practices --revision N keeps the revision's acronyms", good_practices_of_a_revision)
check("a database with editions, its pack row and catalogs emptied, gets no pack (fault 3)",
      emptied_catalogs_with_editions_are_refused)
done()
