"""Issue 14 (hostile tester round 1, helper F14A), faults 16 and 19: one
flag for one thing, and documented examples that work on the demo.
16. `edition add` took --from/--to months while `edition new/set` took
    --period FROM:TO: now all three take both forms; docs/cli.md's alias
    table lacked --emblema, --paquete, --ediciones, --examen,
    --buenas-practicas (now every alias of the command table is checked
    against it); the `trend` help example named an edition the demo lacks;
    `pmm catalog action-types` was /descargas/catalogos/tipos-accion.csv:
    the CLI now takes the download's name too, and lists both.
19. docs/open-data.md's license example (`edition set 2024 --licencia`) is
    refused on the demo, 2024 being published: the doc now shows the open
    edition, and the correction of a published one; both blocks run here."""
import os
import re
import shlex
from pmmtest import SOURCE, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def read_doc(name):
    with open(os.path.join(SOURCE, "docs", name), encoding="utf-8") as f:
        return f.read()


def period_flags_everywhere():
    s.pmm("edition", "add", "p1", "--period", "2025-07:2026-06", check=0)
    s.pmm("edition", "new", "p2", "--from", "2025-07", "--to", "2026-06", check=0)
    s.pmm("edition", "set", "p2", "--from", "2025-08", check=0)
    s.pmm("edition", "set", "p1", "--period", "2025-09:2026-08", check=0)
    rows = {l.split("\t")[0]: l.split("\t")[1:3] for l in s.pmm("edition", "list", check=0).stdout.splitlines()}
    eq((rows["p1"], rows["p2"]), (["2025-09", "2026-08"], ["2025-08", "2026-06"]), "periods")
    r = s.pmm("edition", "add", "p3", "--period", "2025-07:2026-06", "--from", "2025-01")
    eq(r.returncode, 2, r.stderr)
    contains(r.stderr, "no con ambos")


def alias_table_complete():
    doc = read_doc("cli.md")
    table = doc[doc.index("| flag | alias | commands |"):]
    table = table[:table.index("\n\n")]
    commands = [l.split()[0] for l in s.pmm("help", check=0).stdout.split("comandos:")[1].strip().splitlines()
                if l.startswith("  ") and l.split()]
    missing = []
    for c in commands:
        for line in s.pmm("help", c, check=0).stdout.splitlines():
            m = re.search(r"(--[a-z-]+).*\(alias: ([^)]*)\)", line)
            for alias in (m.group(2).split() if m else []):
                if "`%s`" % alias not in table or "`%s`" % m.group(1) not in table:
                    missing.append("%s %s (%s)" % (c, m.group(1), alias))
    eq(sorted(set(missing)), [], "aliases missing from docs/cli.md's table")


def run_lines(lines, what):
    for line in lines:
        args = shlex.split(line)
        eq(args[0], "pmm", what)
        r = s.pmm(*args[1:])
        eq(r.returncode, 0, "%s: %s\n%s" % (what, line, r.stderr))


def trend_examples_run():
    examples = s.pmm("help", "trend", check=0).stdout.split("ejemplos:")[1]
    lines = [l.strip() for l in examples.splitlines() if l.strip().startswith("pmm trend")]
    eq(len(lines) >= 2, True, "trend examples")
    run_lines(lines, "pmm help trend example")


def license_examples_run():
    doc = read_doc("open-data.md")
    part = doc[doc.index("## The data license"):]
    part = part[:part.index("\n## ", 5)]
    blocks = re.findall(r"```\n(.*?)```", part, re.S)
    lines = [l for b in blocks for l in b.splitlines() if l.startswith("pmm ")]
    eq(len(lines) >= 4, True, "license examples found")
    run_lines(lines, "docs/open-data.md")


def catalog_download_names():
    pairs = [l.split() for l in s.pmm("catalog", check=0).stdout.splitlines()[1:]]
    eq(len(pairs), 8, "catalogs listed with their download names")
    for cli_name, file_name, api_name in pairs:      # and the API's (issue 14 round 2, fault 7, F14B)
        eq(s.pmm("catalog", file_name, check=0).stdout, s.pmm("catalog", cli_name, check=0).stdout, file_name)
        eq(s.pmm("catalog", api_name, check=0).stdout, s.pmm("catalog", cli_name, check=0).stdout, api_name)


check("fault 16d: pmm catalog takes each catalog's download name too", catalog_download_names)
check("fault 16a: edition add, new and set take --period and --from/--to alike", period_flags_everywhere)
check("fault 16b: docs/cli.md's alias table lists every alias of the command table", alias_table_complete)
check("fault 16c: pmm help trend's examples run on the demo", trend_examples_run)
check("fault 19: docs/open-data.md's license examples run on the demo", license_examples_run)
done()
