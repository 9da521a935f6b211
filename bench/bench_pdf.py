#!/usr/bin/env python3
"""Benchmark of the PDF and DOCX publications of the demo edition: the
whole command (process start, fonts, queries, layout, the file written),
as a user runs it.

    python3 bench/bench_pdf.py [PMM [OTHER_PMM]]      (make bench runs it)

For each command prints the best and the median wall time of RUNS runs
(BENCH_RUNS, default 21) and the best CPU time (user + system) of the
process. With OTHER_PMM (e.g. a build of an older commit) the two
binaries run in turn, run by run, so that a loaded machine slows both
alike, and the table has one row per binary.

BENCH_LANG=en runs the publications in English (--lang en).

Targets (issue 12): Informe PDF under 45 ms, Compendio PDF under 200 ms."""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = int(os.environ.get("BENCH_RUNS", "21"))


def run(cmd):
    """Wall and CPU time (user + system) of one command, in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main():
    pmms = sys.argv[1:] or [os.path.join(HERE, "..", "build", "src", "pmm")]
    with tempfile.TemporaryDirectory(prefix="pmm-bench-pdf-") as tmp:
        db = os.path.join(tmp, "demo.db")
        subprocess.run([pmms[0], "--db", db, "demo"], check=True, stdout=subprocess.DEVNULL)
        lang = os.environ.get("BENCH_LANG")    # e.g. en: the publications in that language (--lang)
        extra = ["--lang", lang] if lang else []
        jobs = [("informe pdf", ["report", "--edition", "2024", "--format", "pdf"] + extra, ".pdf"),
                ("compendio pdf", ["compendio", "--edition", "2024", "--format", "pdf"] + extra, ".pdf")]
        docx = os.environ.get("BENCH_DOCX", "1") == "1"
        if docx:
            jobs += [("informe docx", ["report", "--edition", "2024", "--format", "docx"] + extra, ".docx"),
                     ("compendio docx", ["compendio", "--edition", "2024", "--format", "docx"] + extra, ".docx")]
        print("load average before: %.2f %.2f %.2f" % os.getloadavg())
        print("%-15s %-28s %9s %9s %9s" % ("publication", "binary", "best ms", "median ms", "CPU ms"))
        for label, args, ext in jobs:
            times = {p: [] for p in pmms}
            for _ in range(RUNS):
                for p in pmms:
                    if times[p] is None:
                        continue
                    try:
                        times[p].append(run([p, "--db", db, *args, "-o", os.path.join(tmp, "out" + ext)]))
                    except subprocess.CalledProcessError:
                        times[p] = None     # this binary lacks the format
            for p in pmms:
                name = os.path.relpath(p)[-28:]
                if not times[p]:
                    print("%-15s %-28s %9s" % (label, name, "n/a"))
                    continue
                walls = [w for w, _ in times[p]]
                print("%-15s %-28s %9.1f %9.1f %9.1f" % (label, name, min(walls), statistics.median(walls),
                                                        min(c for _, c in times[p])))
        print("load average after: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
