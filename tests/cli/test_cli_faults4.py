"""Issue 15, round 2 (helper S15C): the hostile tester's CLI, store and
deploy faults 5, 7, 8, 9, 10, 16-20 (/work notes h15-faults; docs/reliability.md,
issue-15 table). Each check fails on the code before its fix."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from pmmtest import PMM, SOURCE, Scratch, check, contains, done, downgrade, eq, fill, small_disk

sys.path.insert(0, os.path.join(SOURCE, "tests", "web"))
import webtest  # noqa: E402

s = Scratch()
s.pmm("demo", check=0)
os.chmod(s.dir, 0o755)                   # nobody must reach the files


def pmm(db, *args, nobody=False):
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    return subprocess.run([PMM, "--db", db, *args], capture_output=True, text=True, timeout=120,
                          cwd=s.dir, preexec_fn=drop if nobody else None,
                          env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def digest(path):
    with open(path, "rb") as f:
        return f.read()


def copy_of_demo(name):
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    dst = s.path(name)
    shutil.copyfile(s.db, dst)
    return dst


# ---- fault 9: an SQLite file of another program ----

def foreign_sqlite_file_refused_untouched():
    other = s.path("otro.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    before = digest(other)
    for cmd in (["check"], ["init"], ["edition", "add", "2031"], ["report", "--edition", "2024"],
                ["backup", s.path("copia-otro.db")], ["user", "list"]):
        r = pmm(other, *cmd)
        eq(r.returncode, 1, "%s on a foreign SQLite file\n%s%s" % (cmd, r.stdout, r.stderr))
        contains(r.stderr, "«%s» es una base de datos de SQLite, pero no de pmm" % other, str(cmd))
        contains(r.stderr, "«t»", "the foreign table named")
        eq(digest(other), before, "%s wrote nothing into it" % cmd)
        eq([f for f in os.listdir(s.dir) if f.startswith("otro.db-")], [], "no -wal/-shm left")
    eq(os.path.exists(s.path("copia-otro.db")), False, "no copy made")
    # an empty SQLite file (no objects) is still a new database for init
    empty = s.path("vacia-sqlite.db")
    sqlite3.connect(empty).close()
    r = pmm(empty, "init")
    eq(r.returncode, 0, "init on an SQLite file with nothing in it\n" + r.stderr)


# ---- fault 10: restore onto a folder ----

def restore_onto_folder_refused():
    folder = s.path("carpeta-destino")
    os.makedirs(os.path.join(folder, "dentro"), exist_ok=True)
    good = copy_of_demo("buena.db")
    r = pmm(folder, "restore", good)
    eq(r.returncode, 1, "restore onto a folder\n" + r.stdout + r.stderr)
    contains(r.stderr, "no se puede restaurar en «%s»: es una carpeta, no un archivo" % folder)
    eq(os.path.isdir(os.path.join(folder, "dentro")), True, "the folder is where it was")
    eq([f for f in os.listdir(s.dir) if "carpeta-destino." in f], [], "nothing moved aside or created")


# ---- faults 19, 20: help text and quotes ----

def access_log_help_says_stderr():
    r = subprocess.run([PMM, "serve", "--help"], capture_output=True, text=True,
                       env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    out = r.stdout + r.stderr
    line = [ln for ln in out.splitlines() if "--access-log ARCHIVO" in ln and "bitácora" in ln]
    eq(len(line), 1, "the --access-log line\n" + out)
    contains(line[0], "la salida de errores (por omisión)")
    eq("salida estándar" in line[0], False, "not standard output: the log goes to stderr")


def open_messages_quote_with_guillemets():
    zero = s.write("cero.db", "")
    r = pmm(zero, "check")
    contains(r.stderr, "«%s» está vacío (0 bytes)" % zero)
    r = pmm(s.path("no-existe.db"), "check")
    contains(r.stderr, "no existe la base de datos «%s»" % s.path("no-existe.db"))
    eq("'" + s.dir in r.stderr, False, "no '…' quotes")


# ---- fault 7: an old-schema file that cannot be written ----

def read_only_folder(name, version=None):
    """A copy of the demo database (at schema VERSION) in a folder nobody may write."""
    d = s.path(name)
    os.makedirs(d, exist_ok=True)
    os.chmod(d, 0o755)
    db = copy_of_demo(name + ".db")
    if version:
        downgrade(db, version)
    dst = os.path.join(d, "pmm.db")
    shutil.move(db, dst)
    os.chmod(dst, 0o444)
    os.chmod(d, 0o555)
    return dst


def old_read_only_backup_check_report():
    if os.geteuid() != 0:
        print("# SKIP: needs root to run as nobody")
        return
    db = read_only_folder("viejo", 8)
    before = digest(db)
    out = s.path("copias")
    os.makedirs(out, exist_ok=True)
    os.chmod(out, 0o777)
    copy = os.path.join(out, "c.db")
    r = pmm(db, "backup", copy, nobody=True)
    eq(r.returncode, 0, "backup of an old read-only file\n" + r.stderr)
    contains(r.stdout, "La copia conserva el esquema 8")
    eq(sqlite3.connect(copy).execute("PRAGMA user_version").fetchone()[0], 8, "the copy as it was")
    r = pmm(db, "check", nobody=True)
    eq(r.returncode, 0, "check of an old read-only file\n" + r.stderr)
    contains(r.stderr, "tiene el esquema 8, anterior al de este pmm")
    r = pmm(db, "report", "--edition", "2024", nobody=True)
    eq(r.returncode, 0, "report of an old read-only file\n" + r.stderr)
    contains(r.stdout, "Acciones: ")
    r = pmm(db, "edition", "add", "2035", nobody=True)
    eq(r.returncode, 1, "a write to the copy in memory is refused, not lost\n" + r.stdout + r.stderr)
    contains(r.stderr, "es de solo lectura")
    eq(digest(db), before, "the file untouched")


# ---- fault 8: writes refused on a read-only database say why ----

def read_only_messages():
    if os.geteuid() != 0:
        print("# SKIP: needs root to run as nobody")
        return
    db = read_only_folder("solo-lectura")
    pw = "abcdefghijkl1234\nabcdefghijkl1234\n"
    for cmd in (["edition", "set", "2025", "--state", "publicada"], ["edition", "set", "2024", "--state", "abierta"],
                ["user", "passwd", "admin"], ["user", "disable", "admin"], ["user", "enable", "admin"],
                ["user", "set", "coordinador", "--email", "x@y.org"], ["user", "revoke", "admin", "1"],
                ["user", "revoke", "admin", "--all"]):
        r = subprocess.run([PMM, "--db", db, *cmd], capture_output=True, text=True, input=pw, cwd=s.dir,
                           preexec_fn=lambda: (os.setgid(65534), os.setuid(65534)),
                           env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
        eq(r.returncode, 1, str(cmd))
        said = [ln for ln in r.stderr.splitlines() if "aviso" not in ln]
        eq(len(said), 1, "%s: one line that says why\n%s" % (cmd, r.stderr))
        contains(said[0], "es de solo lectura", str(cmd))
        for wrong in ("not an error", "no existe la cuenta"):
            eq(wrong in r.stderr, False, "%s: «%s»\n%s" % (cmd, wrong, r.stderr))
    r = pmm(db, "user", "disable", "no-hay-tal", nobody=True)
    contains(r.stderr, "no existe la cuenta «no-hay-tal»", "an account that does not exist still said so")


def full_disk_messages():
    with small_disk(s) as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        shutil.copyfile(copy_of_demo("para-lleno.db"), db)
        fill(mnt)
        pw = "abcdefghijkl1234\nabcdefghijkl1234\n"
        for cmd in (["user", "add", "zz", "--role", "coordinador"], ["user", "token", "admin"],
                    ["user", "disable", "admin"], ["edition", "set", "2024", "--state", "abierta"]):
            r = subprocess.run([PMM, "--db", db, *cmd], capture_output=True, text=True, input=pw, cwd=s.dir,
                               env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
            eq(r.returncode, 1, str(cmd))
            said = [ln for ln in r.stderr.splitlines() if "aviso" not in ln]
            eq(len(said), 1, "%s\n%s" % (cmd, r.stderr))
            contains(said[0], "el disco está lleno", str(cmd))


# ---- deploy/: faults 5, 16, 17, 18 ----

def conf(name):
    with open(os.path.join(SOURCE, "deploy", name), encoding="utf-8") as f:
        return f.read()


def limit(name):
    with open(os.path.join(SOURCE, "src", "web", "limits.h"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"#define %s \((\d+) \* 1024\)" % name, text) or re.search(r"#define %s (\d+)\b" % name, text)
    n = int(m.group(1))
    return n * 1024 if "* 1024" in m.group(0) else n


def size(text):
    m = re.fullmatch(r"(\d+)([kKmM]?)", text)
    return int(m.group(1)) << {"": 0, "k": 10, "m": 20}[m.group(2).lower()]


def pmms_action_body_limit():
    """The body limit pmm applies to a signed-in user's action, from its own 413."""
    s2, srv = webtest.demo_server()
    try:
        c = webtest.Client(srv)
        c.login("enlace.inm")
        aid = s2.query("SELECT id FROM action LIMIT 1")[0][0]
        cookie = "; ".join("%s=%s" % kv for kv in c.cookies.items())
        head = ("POST /acciones/%d/editar HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: %s\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n"
                % (aid, cookie, 512 << 20))
        st, text = webtest.raw(srv, head.encode(), timeout=60)
        eq(st, 413, "512 MiB refused")
        m = re.search(r"pasa de (\d+) MB", text)
        return int(m.group(1)) << 20
    finally:
        srv.stop()


def nginx_limits_above_pmms():
    ng = conf("nginx-pmm.conf")
    body = size(re.search(r"client_max_body_size\s+(\S+);", ng).group(1))
    action = pmms_action_body_limit()
    eq(body > action, True, "nginx's client_max_body_size %d above pmm's action body %d" % (body, action))
    m = re.search(r"large_client_header_buffers\s+(\d+)\s+(\S+);", ng)
    eq(bool(m), True, "large_client_header_buffers set")
    number, each = int(m.group(1)), size(m.group(2))
    eq(each > limit("WEB_MAX_HEADER_BYTES"), True, "a header line past pmm's limit reaches pmm (431 page)")
    eq(number * each + 1024 < limit("WEB_CONN_MEMORY"), True,
       "nginx refuses before libmicrohttpd's own English page")
    read = int(re.search(r"proxy_read_timeout\s+(\d+)s;", ng).group(1))
    eq(read > request_timeout(), True, "proxy_read_timeout above --request-timeout")


def request_timeout():
    m = re.search(r"--request-timeout\s+(\d+)", conf("pmm.service"))
    return int(m.group(1)) if m else limit("WEB_REQUEST_TIMEOUT")


def systemd_units():
    svc, backup = conf("pmm.service"), conf("pmm-backup.service")
    stop = int(re.search(r"^TimeoutStopSec=(\d+)$", svc, re.M).group(1))
    eq(stop > request_timeout(), True, "TimeoutStopSec %d longer than --request-timeout" % stop)
    mode = re.search(r"^StateDirectoryMode=(\d+)$", svc, re.M).group(1)
    got = re.search(r"^StateDirectoryMode=(\d+)$", backup, re.M)
    eq(got.group(1) if got else None, mode, "the backup unit keeps /var/lib/pmm's mode")
    if shutil.which("systemd-analyze"):
        d = tempfile.mkdtemp(dir=s.dir)
        for name in ("pmm.service", "pmm-backup.service", "pmm-backup.timer"):
            shutil.copy(os.path.join(SOURCE, "deploy", name), d)
        r = subprocess.run(["systemd-analyze", "verify", *[os.path.join(d, n) for n in os.listdir(d)]],
                           capture_output=True, text=True)
        bad = [ln for ln in r.stderr.splitlines()
               if "pmm" in ln and "/usr/local/bin/pmm" not in ln and "Documentation" not in ln]
        eq(bad, [], "systemd-analyze verify\n" + r.stderr)


def nginx_accepts_the_file():
    if not shutil.which("nginx") or not shutil.which("openssl"):
        print("# SKIP nginx -t: no nginx or openssl")
        return
    d = tempfile.mkdtemp(dir=s.dir)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=x", "-days", "1",
                    "-keyout", d + "/k.pem", "-out", d + "/c.pem"], capture_output=True, check=True)
    site = conf("nginx-pmm.conf")
    site = re.sub(r"ssl_certificate\s+\S+;", "ssl_certificate %s/c.pem;" % d, site)
    site = re.sub(r"ssl_certificate_key\s+\S+;", "ssl_certificate_key %s/k.pem;" % d, site)
    with open(d + "/site.conf", "w") as f:
        f.write(site)
    with open(d + "/nginx.conf", "w") as f:
        f.write("pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n"
                "access_log off;\ninclude %s/site.conf;\n}\n" % (d, d, d))
    r = subprocess.run(["nginx", "-t", "-p", d, "-c", d + "/nginx.conf"], capture_output=True, text=True)
    eq(r.returncode, 0, "nginx -t\n" + r.stderr)


check("fault 9: an SQLite file of another program is refused by every command, untouched",
      foreign_sqlite_file_refused_untouched)
check("fault 7: an old read-only file is backed up as is, checked and reported, writes refused",
      old_read_only_backup_check_report)
check("fault 8: edition set and user changes on a read-only database say why", read_only_messages)
check("fault 8: user add, token, disable and edition set on a full disk say the disk is full",
      full_disk_messages)
check("fault 10: restore onto a folder is refused, the folder left alone", restore_onto_folder_refused)
check("fault 19: --access-log's help says standard error", access_log_help_says_stderr)
check("fault 20: the open messages quote with «»", open_messages_quote_with_guillemets)
check("faults 5, 18: nginx's body and header limits above pmm's", nginx_limits_above_pmms)
check("faults 16, 17: TimeoutStopSec above --request-timeout, the backup unit's StateDirectoryMode",
      systemd_units)
check("nginx -t accepts deploy/nginx-pmm.conf", nginx_accepts_the_file)
done()
