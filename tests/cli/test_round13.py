"""Issue 13, verification round 3 (helper F13B), through the CLI:
7. `pmm edition set E --synthetic` (or another setting) on a published
   edition says to reopen it, not that «its actions are not changed»;
   the review PDF's cover keeps an edition's name whole («2023-ejemplo»)."""
import subprocess
from pmmtest import Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def t_synthetic_on_published():
    before = s.dump()
    for args in (["--synthetic", "yes"], ["--preamble-default"]):
        r = s.pmm("edition", "set", "2024", *args)
        eq(r.returncode, 1, "exit code " + r.stderr)
        contains(r.stderr, "pmm edition reopen '2024'", "the way out")
        contains(r.stderr, "marca de ejemplo sintético", "what is frozen")
        eq("sus acciones no se modifican" in r.stderr, False, "the actions' words")
    eq(s.dump(), before, "nothing written")
    r = s.pmm("edition", "set", "2024", "--synthetic", "yes", lang="en")
    contains(r.stderr, "Open it for corrections", "in English")
    # the way out works: reopen, mark, publish again
    s.pmm("edition", "reopen", "2024", check=0)
    s.pmm("edition", "set", "2024", "--synthetic", "yes", check=0)
    s.pmm("edition", "set", "2024", "--state", "publicada", check=0)
    eq(s.query("SELECT synthetic FROM edition WHERE name = '2024' AND snapshot_of IS NULL"), [(1,)], "marked")


def t_cover_name_whole():
    s.pmm("review", "--from", "2023-ejemplo", "--to", "2025", "--format", "pdf", "-o", "rv.pdf", check=0)
    cover = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", s.path("rv.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    lines = [x.strip() for x in cover.splitlines() if x.strip()]
    broken = [x for x in lines if x.endswith("-")]
    eq(broken, [], "cover lines ending at a hyphen")
    if not any("2023-ejemplo" in x for x in lines):
        raise AssertionError("the name is not whole on the cover:\n" + cover[:800])


check("7: the review PDF's cover does not break «2023-ejemplo» at its hyphen", t_cover_name_whole)
check("7: a setting of a published edition: reopen it first", t_synthetic_on_published)
done()
