"""Issue 15, the hostile tester's findings (helper SERVER2), through the
command line; each check fails on the code before its fix
(docs/reliability.md, issue-15 table):
 2. `-o PATH` wrote a temporary file and renamed it over PATH, whatever
    PATH was: a FIFO (or, as root, a device node such as /dev/full) became
    a regular file, a symbolic link was replaced by a file. Now a device,
    FIFO or socket is written directly and a link's file is replaced, the
    link kept. (The tests never name anything under /dev: the old code
    would have replaced it.)"""
import json
import os
import stat
import threading
from pmmtest import Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)
REPORT = ("report", "--edition", "2024", "--format", "json", "-o")


def fifo_read(fmt):
    """What `pmm report --format FMT -o FIFO` wrote into the FIFO."""
    fifo = os.path.join(s.dir, "out-%s.fifo" % fmt)
    os.mkfifo(fifo)
    got = []
    # a daemon: on the old code the FIFO it waits on is renamed over and it never returns
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    r = s.pmm("report", "--edition", "2024", "--format", fmt, "-o", fifo)
    if reader.is_alive() and stat.S_ISFIFO(os.lstat(fifo).st_mode):
        open(fifo, "wb").close()                    # nothing was written into it: let the reader go
    reader.join(10)
    eq((r.returncode, r.stderr), (0, ""), "pmm report --format %s -o FIFO" % fmt)
    if not stat.S_ISFIFO(os.lstat(fifo).st_mode):
        raise AssertionError("the FIFO was replaced by a regular file")
    return got[0] if got else b""


def into_fifo():
    eq(json.loads(fifo_read("json") or "null"), json.loads(s.pmm(*REPORT, "-").stdout),
       "the JSON report read from the FIFO")
    # the PDF writer reads its file back (tags, language): made aside, then copied in whole
    pdf = fifo_read("pdf")
    eq((pdf[:5], pdf.rstrip()[-5:]), (b"%PDF-", b"%%EOF"), "the PDF read from the FIFO")


def through_symlink():
    real = os.path.join(s.dir, "real.json")
    link = os.path.join(s.dir, "link.json")
    with open(real, "w") as f:
        f.write("old")
    os.symlink("real.json", link)
    s.pmm(*REPORT, link, check=0)
    if not os.path.islink(link):
        raise AssertionError("the symbolic link was replaced by a regular file")
    with open(real) as f:
        eq(json.loads(f.read())["edition"], "2024", "the file the link names holds the report")
    eq(sorted(n for n in os.listdir(s.dir) if ".tmp" in n), [], "no temporary file left")


def regular_file_still_atomic():
    path = os.path.join(s.dir, "plain.json")
    with open(path, "w") as f:
        f.write("old")
    before = os.stat(path).st_ino
    s.pmm(*REPORT, path, check=0)
    with open(path) as f:
        eq(json.loads(f.read())["edition"], "2024", "the report")
    if os.stat(path).st_ino == before:
        raise AssertionError("a regular file was rewritten in place, not replaced whole")


check("fault 2a: -o FIFO writes into the FIFO and leaves it a FIFO", into_fifo)
check("fault 2b: -o LINK replaces the file the link names and keeps the link", through_symlink)
check("fault 2c: -o FILE still replaces a regular file whole (rename)", regular_file_still_atomic)

done()
