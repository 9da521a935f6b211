"""Issue 14 (hostile tester round 1, helper F14A), faults 1 and 22: `-o
PATH` of every command goes through the one output writer
(render/outfile.h, docs/cli.md «-o»). `export` and `template` wrote a
temporary file and renamed it over PATH: a device node became a regular
file and a full device reported success, a symbolic link was replaced,
`-o /dev/fd/N` failed. Now an existing device, FIFO or /dev/fd/N is written
into (every write and the close checked: a full device is «el disco está
lleno», exit 1), a symbolic link's file is replaced and the link kept, and
csv refuses to make its -retos.csv twin beside a device. Nodes are made
under the test's own folder, never under /dev (the old code replaced them).
Fault 22: `-o -` onto a full standard output said its error twice, and
`export --good-practices -o -` said «se escribió «-»» on success."""
import os
import stat
import subprocess
import threading
from pmmtest import PMM, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
EXPORT = ("export", "--edition", "2024")


def node(name, minor):
    """A character device NAME (1, MINOR) in the scratch folder; None when
    this user may not make one (the checks that need it are skipped)."""
    p = s.path(name)
    try:
        os.mknod(p, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        print("SKIP: mknod is not permitted here; the device checks did not run")
        return None
    return p


FULL = node("full", 7)
NULL = node("null", 3)


def still_device(p):
    if not stat.S_ISCHR(os.lstat(p).st_mode):
        raise AssertionError("%s is no longer a character device" % p)


def full_device():
    if not FULL:
        return
    for args in (("--format", "json"), ("--format", "xlsx")):
        r = s.pmm(*EXPORT, *args, "-o", FULL)
        eq(r.returncode, 1, "export %s -o FULL\n%s" % (args, r.stderr))
        contains(r.stderr, "el disco está lleno")
        still_device(FULL)
    r = s.pmm("template", "--edition", "2024", "-o", FULL)
    eq(r.returncode, 1, "template -o FULL\n" + r.stderr)
    contains(r.stderr, "el disco está lleno")
    still_device(FULL)
    eq([n for n in os.listdir(s.dir) if ".tmp" in n], [], "temporary files left")


def csv_beside_device():
    if not FULL:
        return
    r = s.pmm(*EXPORT, "--format", "csv", "-o", FULL)
    eq(r.returncode, 1, "export --format csv -o FULL\n" + r.stderr)
    contains(r.stderr, "no es un archivo regular")
    still_device(FULL)
    eq(os.path.exists(s.path("full-retos.csv")), False, "a -retos.csv made beside the device")


def null_device():
    if not NULL:
        return
    for cmd in (EXPORT + ("--format", "json"), EXPORT + ("--format", "xlsx"),
                ("template", "--edition", "2024"), ("report", "--edition", "2024", "--format", "pdf"),
                ("export", "--good-practices", "--edition", "2024", "--format", "csv")):
        r = s.pmm(*cmd, "-o", NULL)
        eq(r.returncode, 0, " ".join(cmd) + " -o NULL\n" + r.stderr)
        still_device(NULL)


def read_fifo(fmt):
    fifo = s.path("out-%s.fifo" % fmt)
    os.mkfifo(fifo)
    got = []
    # a daemon: on the old code the FIFO is renamed over and the reader never returns
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    r = s.pmm(*EXPORT, "--format", fmt, "-o", fifo)
    if reader.is_alive():
        open(fifo, "wb").close()                    # nothing was written into it: let the reader go
    reader.join(10)
    eq(r.returncode, 0, "export --format %s -o FIFO\n%s" % (fmt, r.stderr))
    if not stat.S_ISFIFO(os.lstat(fifo).st_mode):
        raise AssertionError("the FIFO was replaced by a regular file")
    return got[0] if got else b""


def into_fifo():
    eq(read_fifo("json"), s.pmm(*EXPORT, "--format", "json", "-o", "-").stdout.encode(), "JSON from the FIFO")
    eq(read_fifo("xlsx")[:2], b"PK", "the workbook read from the FIFO")


def into_dev_fd():
    """`-o >(wc -c)`: /dev/fd/N, a pipe pmm inherits."""
    rd, wr = os.pipe()
    got = []
    reader = threading.Thread(target=lambda: got.append(os.fdopen(rd, "rb").read()), daemon=True)
    reader.start()
    r = subprocess.run([PMM, "--db", s.db, *EXPORT, "--format", "json", "-o", "/dev/fd/%d" % wr],
                       cwd=s.dir, capture_output=True, text=True, pass_fds=(wr,),
                       env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    os.close(wr)
    reader.join(10)
    eq(r.returncode, 0, "export -o /dev/fd/N\n" + r.stderr)
    eq(got[0][:1] if got else b"", b"{", "what the pipe read")


def through_symlink():
    for fmt, name in (("json", "real.json"), ("xlsx", "real.xlsx")):
        real, link = s.path(name), s.path("link-" + name)
        with open(real, "w") as f:
            f.write("old")
        os.symlink(name, link)
        r = s.pmm(*EXPORT, "--format", fmt, "-o", link)
        eq(r.returncode, 0, r.stderr)
        if not os.path.islink(link):
            raise AssertionError("the symbolic link was replaced by a regular file")
        with open(real, "rb") as f:
            head = f.read(2)
        eq(head, b"{\n"[:2] if fmt == "json" else b"PK", "the file the link names holds the export")
    real = s.path("real.csv")
    open(real, "w").close()
    os.symlink("real.csv", s.path("link.csv"))
    s.pmm(*EXPORT, "--format", "csv", "-o", "link.csv", check=0)
    eq((os.path.islink(s.path("link.csv")), os.path.getsize(real) > 0), (True, True), "csv through a link")
    eq([n for n in os.listdir(s.dir) if ".tmp" in n], [], "temporary files left")


def stdout_messages():
    """Fault 22: one error onto a full standard output; no «se escribió «-»»."""
    for cmd in (EXPORT + ("--format", "json"), ("template", "--edition", "2024"),
                ("export", "--good-practices", "--edition", "2024", "--format", "csv")):
        with open("/dev/full", "w") as full:        # only opened for writing, never replaced
            r = subprocess.run([PMM, "--db", s.db, *cmd, "-o", "-"], cwd=s.dir, stdout=full,
                               stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
        eq(r.returncode, 1, " ".join(cmd) + " -o - > /dev/full")
        eq(r.stderr.count("el disco está lleno"), 1, "the error said once:\n" + r.stderr)
        r = s.pmm(*cmd, "-o", "-")
        eq((r.returncode, "se escribió" in r.stderr), (0, False), " ".join(cmd) + " -o -\n" + r.stderr)


CHART = ("chart", "retos", "--edition", "2024")


def chart_devices():
    """Verification round, fault 1: `pmm chart` refused every device and
    FIFO («indique el archivo de salida con -o ARCHIVO.svg…», exit 2)."""
    svg = s.pmm(*CHART, "-o", "-", check=0).stdout
    if NULL:
        for extra in ((), ("--format", "png")):
            r = s.pmm(*CHART, *extra, "-o", NULL)
            eq(r.returncode, 0, "chart %s -o NULL\n%s" % (extra, r.stderr))
            still_device(NULL)
    if FULL:
        for name, extra in (("retos", ()), ("mapa", ("--format", "png"))):
            r = s.pmm("chart", name, "--edition", "2024", *extra, "-o", FULL)
            eq(r.returncode, 1, "chart %s -o FULL\n%s" % (name, r.stderr))
            contains(r.stderr, "el disco está lleno")
            still_device(FULL)
    r = subprocess.run([PMM, "--db", s.db, *CHART, "-o", "/dev/stdout"], cwd=s.dir, capture_output=True,
                       text=True, env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    eq((r.returncode, r.stdout), (0, svg), "chart -o /dev/stdout\n" + r.stderr)
    eq(read_pipe(CHART, "-o"), svg.encode(), "chart -o /dev/fd/N: the SVG")
    eq(read_pipe(CHART + ("--format", "png"), "-o")[:8], b"\x89PNG\r\n\x1a\n", "chart --format png -o /dev/fd/N")
    fifo = s.path("chart.fifo")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    r = s.pmm(*CHART, "-o", fifo)
    if reader.is_alive():
        open(fifo, "wb").close()
    reader.join(10)
    eq((r.returncode, got[0] if got else b""), (0, svg.encode()), "chart -o FIFO\n" + r.stderr)


def chart_format_checks():
    r = s.pmm(*CHART, "--format", "png", "-o", "x.svg")
    eq(r.returncode, 2, r.stderr)
    contains(r.stderr, "--format png no va con un archivo .svg")
    r = s.pmm(*CHART, "-o", "x.txt")            # a regular file says its format by its name
    eq(r.returncode, 2, r.stderr)
    contains(r.stderr, "indique el archivo de salida con -o ARCHIVO.svg o -o ARCHIVO.png")
    r = s.pmm(*CHART, "--format", "png", "-o", "x.img", check=0)
    with open(s.path("x.img"), "rb") as f:
        eq(f.read(4), b"\x89PNG", "--format png into a file without extension")
    eq([n for n in os.listdir(s.dir) if ".tmp" in n or n.startswith("x.txt") or n == "x.svg"], [], "files left")


def read_pipe(cmd, opt):
    """What pmm CMD OPT /dev/fd/N writes into a pipe it inherits."""
    rd, wr = os.pipe()
    got = []
    reader = threading.Thread(target=lambda: got.append(os.fdopen(rd, "rb").read()), daemon=True)
    reader.start()
    r = subprocess.run([PMM, "--db", s.db, *cmd, opt, "/dev/fd/%d" % wr], cwd=s.dir, capture_output=True,
                       text=True, pass_fds=(wr,), env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    os.close(wr)
    reader.join(10)
    eq(r.returncode, 0, " ".join(cmd) + " -o /dev/fd/N\n" + r.stderr)
    return got[0] if got else b""


check("fault 1a: -o onto a full device: «el disco está lleno», exit 1, the device kept", full_device)
check("fault 1b: csv refuses to write its twin beside a device", csv_beside_device)
check("fault 1c: -o onto a null device keeps the device", null_device)
check("fault 1d: export -o FIFO writes into the FIFO", into_fifo)
check("fault 1e: export -o /dev/fd/N writes into the inherited pipe", into_dev_fd)
check("fault 1f: export -o LINK replaces the link's file, keeps the link", through_symlink)
check("fault 22: -o - errors said once, no «se escribió «-»»", stdout_messages)
check("round 2, fault 1: chart -o a device, /dev/stdout, /dev/fd/N or a FIFO writes into it", chart_devices)
check("round 2, fault 1: chart's format from --format, the extension, or SVG for a device", chart_format_checks)

done()
