"""Issue 12, speed round 5 (S12): the map's counts by unit are read by one
set-based query (store_map_units, src/store/map_store.c: the actions
grouped by INST_UNIT once, joined to the units) instead of one correlated
count per unit. This pins what that query must keep: a published
edition's map counts as the edition was published (its reporter types,
its institutions' classification and its units as of publication), a
live edition's map as its catalog is now; a body of a type that is not
the subnational one never makes its unit take part; every unit is listed,
with 0 when none of its bodies reported."""
import sqlite3
import xml.etree.ElementTree as ET
from pmmtest import Scratch, check, done, eq

SVG = "{http://www.w3.org/2000/svg}"


def drawn(s, edition, name):
    s.pmm("chart", "mapa", "--edition", edition, "-o", name, check=0)
    return {p.get("data-unit"): int(p.get("data-value"))
            for p in ET.parse(s.path(name)).getroot().iter(SVG + "path")}


def recount(s, edition):
    """The count by unit as the live catalog classifies the bodies."""
    return dict(s.query(
        "SELECT st.code, (SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id"
        " JOIN institution i ON i.id = a.institution_id JOIN reporter_type t ON t.code = i.type"
        " WHERE e.name = ? AND a.status = 'validada' AND t.subnational = 1 AND i.state = st.code)"
        " FROM state st", edition))


def sql(s, *statements):
    con = sqlite3.connect(s.db)
    try:
        for st in statements:
            con.execute(st)
        con.commit()
    finally:
        con.close()


def busiest_subnational_body(s):
    """(id, unit) of the subnational body with most validated actions in 2024."""
    return s.query(
        "SELECT i.id, i.state FROM institution i JOIN reporter_type t ON t.code = i.type"
        " JOIN action a ON a.institution_id = i.id JOIN edition e ON e.id = a.edition_id"
        " WHERE t.subnational = 1 AND e.name = '2024' AND a.status = 'validada'"
        " GROUP BY i.id ORDER BY count(*) DESC, i.id LIMIT 1")[0]


def federal_body_with_actions(s):
    return s.query(
        "SELECT i.id FROM institution i JOIN reporter_type t ON t.code = i.type"
        " JOIN action a ON a.institution_id = i.id JOIN edition e ON e.id = a.edition_id"
        " WHERE t.subnational = 0 AND e.name = '2024' AND a.status = 'validada' LIMIT 1")[0][0]


def published_map_keeps_its_classification():
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        before = drawn(s, "2024", "before.svg")
        eq(before, recount(s, "2024"), "the published map counts as the catalog did at publication")
        eq(len(before), len(s.query("SELECT code FROM state")), "every unit listed")
        eq(0 in before.values(), True, "units without actions listed with 0")
        body, unit = busiest_subnational_body(s)
        fed = federal_body_with_actions(s)
        # after publication: a state body becomes federal, a federal body names a unit,
        # the subnational type is no longer subnational in the catalog
        sql(s, "UPDATE institution SET type = 'APF', state = NULL WHERE id = %d" % body,
            "UPDATE institution SET state = '%s' WHERE id = %d" % (unit, fed))
        after = drawn(s, "2024", "after.svg")
        eq(after, before, "the published edition's map as published, not as the catalog is now")
        eq(recount(s, "2024")[unit] < before[unit], True, "the live catalog does count differently now")
    finally:
        s.close()


def live_map_follows_the_catalog():
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        body, unit = busiest_subnational_body(s)
        fed = federal_body_with_actions(s)
        # the 2024 edition made live again (no revision): the catalog's classification applies
        sql(s, "DELETE FROM edition WHERE name = '2024@r1'",
            "UPDATE edition SET state = 'abierta' WHERE name = '2024'")
        eq(drawn(s, "2024", "m0.svg"), recount(s, "2024"), "the live map counts as SQL counts")
        sql(s, "UPDATE institution SET type = 'APF', state = NULL WHERE id = %d" % body,
            "UPDATE institution SET state = '%s' WHERE id = %d" % (unit, fed))
        now = drawn(s, "2024", "m1.svg")
        eq(now, recount(s, "2024"), "the live map follows the catalog: the body now federal no longer counts,"
                                    " the federal body naming the unit never does")
    finally:
        s.close()


check("a published edition's map counts as published (INST_AS_OF, TYPES_AS_OF, UNITS_AS_OF)",
      published_map_keeps_its_classification)
check("a live edition's map counts as the catalog is now", live_map_follows_the_catalog)
done()
