"""pmm import killed with SIGKILL at random moments: after every kill the
database passes PRAGMA integrity_check and each edition holds all of its
file or none of it. PMM_LONG=1 (make bench) kills a 200 000-action import
20 times; make check kills a 20 000-action one 10 times."""
import os
import random
import signal
import subprocess
import time
from pmmtest import PMM, Scratch, check, eq, done
from relutil import edition_rows, generate, integrity

LONG = os.environ.get("PMM_LONG") == "1"
N = 200000 if LONG else 20000
KILLS = 20 if LONG else 10

s = Scratch()
s.pmm("demo", check=0)
acc, ret, nret = generate(s.dir, N, seed=11)
rng = random.Random(int(os.environ.get("PMM_SEED", "6")))
stats = {"complete": 0, "none": 0, "kills": 0}


def start(edition):
    return subprocess.Popen([PMM, "--db", s.db, "import", "--edition", edition, acc,
                             "--retos", ret], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def full_import_and_its_time():
    t0 = time.monotonic()
    p = start("completa")
    eq(p.wait(), 0, "exit")
    stats["seconds"] = time.monotonic() - t0
    rows = edition_rows(s.db)["completa"]
    eq(rows[:2], (N, nret), "actions and challenges")
    stats["links"] = rows[2]


def killed_imports_leave_all_or_nothing():
    before = edition_rows(s.db)
    for i in range(KILLS):
        name = "k%02d" % i
        p = start(name)
        time.sleep(rng.uniform(0, stats["seconds"] * 1.1))
        p.send_signal(signal.SIGKILL)
        p.wait()
        stats["kills"] += 1
        eq(integrity(s.db), [], "integrity_check after kill %d" % i)
        rows = edition_rows(s.db)
        got = rows.get(name, (0, 0, 0))
        if got == (0, 0, 0):
            stats["none"] += 1
        elif got == (N, nret, stats["links"]):
            stats["complete"] += 1
            before[name] = got
        else:
            raise AssertionError("kill %d left edition %s with %r of (%d, %d, %d)"
                                 % (i, name, got, N, nret, stats["links"]))
        for ed, want in before.items():
            eq(rows.get(ed), want, "edition %s after kill %d" % (ed, i))
    print("# %d kills in a %.1f s import of %d actions: %d left nothing, %d the whole file"
          % (stats["kills"], stats["seconds"], N, stats["none"], stats["complete"]))


def check_passes_after_all():
    r = s.pmm("check")
    eq(r.returncode, 0, "pmm check exit\n" + r.stderr)


check("a whole import of %d actions" % N, full_import_and_its_time)
check("%d imports killed at random moments leave each edition all or nothing" % KILLS,
      killed_imports_leave_all_or_nothing)
check("pmm check finds nothing wrong afterwards", check_passes_after_all)
s.close()
done()
