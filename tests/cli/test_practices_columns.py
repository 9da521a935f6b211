"""Issue 13 (helper F1316): docs/good-practices.md documents the columns of
buenas-practicas.csv (the open-data export of good practices) as a table;
the table is the header pmm writes, column by column and in order, and the
keys of each practice of the JSON."""
import json
import os
import re
from pmmtest import SOURCE, Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)
HEADING = "### The columns of `buenas-practicas.csv`"


def documented():
    """The first cell of each row of the table under HEADING."""
    text = open(os.path.join(SOURCE, "docs", "good-practices.md"), encoding="utf-8").read()
    eq(HEADING in text, True, "the section is there")
    cols, started = [], False
    for line in text.split(HEADING, 1)[1].split("\n"):
        if line.startswith("|"):
            started = True
            m = re.match(r"\|\s*`([^`]+)`\s*\|", line)
            if m:
                cols.append(m.group(1))
        elif started:
            break
    return cols


def table_is_the_header():
    out = s.path("bp.csv")
    s.pmm("export", "--good-practices", "--edition", "2023-ejemplo", "--format", "csv", "-o", out, check=0)
    raw = open(out, encoding="utf-8-sig").read()
    header = raw.split("\n", 1)[0].split(",")
    eq(len(raw.strip().split("\n")) > 1, True, "the example has good practices")
    eq(documented(), header, "the documented columns, in order")


def table_is_the_json_keys():
    out = s.path("bp.json")
    s.pmm("export", "--good-practices", "--edition", "2023-ejemplo", "--format", "json", "-o", out, check=0)
    doc = json.load(open(out, encoding="utf-8"))
    eq(len(doc["practices"]) > 0, True, "practices")
    for p in doc["practices"]:
        eq(list(p.keys()), documented(), "the keys of a practice, in order")


check("the table of good-practices.md is the CSV's header", table_is_the_header)
check("and the keys of each practice of the JSON", table_is_the_json_keys)
done()
