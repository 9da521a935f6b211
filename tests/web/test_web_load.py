"""Load, briefly: concurrent clients post and read; no lost write, no 5xx,
no database-locked answer. The full run (200 clients, 60 s) is
`make bench` (bench/load_web.py)."""
import os
import subprocess
import sys
import webtest  # noqa: F401  (puts tests/cli on the path)
from pmmtest import check, eq, done

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "..", "..", "bench", "load_web.py")


def short_load():
    r = subprocess.run([sys.executable, SCRIPT, "--clients", "40", "--seconds", "4"],
                       capture_output=True, text=True, timeout=600)
    print("# " + r.stdout.strip().replace("\n", "\n# "))
    eq(r.returncode, 0, "load_web.py exit (stdout: %s, stderr: %s)" % (r.stdout, r.stderr[-2000:]))


check("40 clients posting and reading: no lost write, no 5xx, no locked database", short_load)
done()
