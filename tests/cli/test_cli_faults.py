"""Issue 15 (helper SERVER): faults of the command line and the store that a
server in production meets: two processes migrating one old file at once,
a 0-byte --db, a full standard output, a database that cannot be written.
Each check fails on the code before its fix (docs/reliability.md, "The
server under faults"):
 2. 30 runs of two processes opening a schema-8 file at once: one failed
    («la migración 9 … falló: duplicate column name») in most runs;
 4b. a 0-byte --db silently became a new database;
 5. on a full disk, report, check and backup could not even read the
    database («disk I/O error»); `pmm check > /dev/full` exited 0; a file
    in a read-only folder could not be read either;
 7. deploy/: the systemd units pass `systemd-analyze verify` without a
    warning, the service's exposure (`systemd-analyze security`) is "OK",
    and the nginx example passes `nginx -t` (each skipped, saying so, on a
    machine without the tool)."""
import json
import http.client
import os
import re
import socket
import ssl
import time
import shutil
import sqlite3
import subprocess

from pmmtest import PMM, SOURCE, Scratch, check, contains, done, downgrade, eq, fill, small_disk

s = Scratch()
s.pmm("demo", check=0)


def run(db, *args):
    return subprocess.Popen([PMM, "--db", db, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def version(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


# ---- fault 2: two processes open an old-schema database at once ----

def concurrent_migrations():
    old = s.path("old.db")
    shutil.copy(s.db, old)
    downgrade(old, 8)                     # migrations 9-12 pending
    failures = []
    for i in range(30):
        db = s.path("race%d.db" % i)
        shutil.copy(old, db)
        procs = [run(db, "catalog", "objectives") for _ in range(2)]
        for p in procs:
            out, err = p.communicate(timeout=120)
            if p.returncode != 0:
                failures.append("run %d: exit %d: %s" % (i, p.returncode, err.strip()))
        eq(version(db), version(s.db), "schema after run %d" % i)
    eq(failures, [], "runs where one of two processes failed")


check("fault 2: 30 runs of two processes opening a schema-8 file at once all succeed", concurrent_migrations)


# ---- fault 4b: a 0-byte --db ----

def empty_db_refused():
    empty = s.path("empty.db")
    open(empty, "wb").close()
    for args in (("catalog", "objectives"), ("check",), ("serve", "--port", "0")):
        r = subprocess.run([PMM, "--db", empty, *args], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
        eq(r.returncode, 1, "pmm %s on a 0-byte file\n%s" % (args[0], r.stderr))
        contains(r.stderr, "está vacío (0 bytes): no es una base de datos de pmm", "pmm %s" % args[0])
        contains(r.stderr, "pmm init")
        eq(os.path.getsize(empty), 0, "the file after pmm %s" % args[0])
    r = subprocess.run([PMM, "--db", empty, "init"], capture_output=True, text=True)
    eq(r.returncode, 0, "pmm init on it\n" + r.stderr)
    if os.path.getsize(empty) == 0:
        raise AssertionError("pmm init left it empty")


check("fault 4b: a 0-byte --db is refused (only pmm init makes it a database)", empty_db_refused)


# ---- fault 5: a full disk, a full standard output, a read-only database ----

def pmm_as(db, *args, user=None):
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    return subprocess.run([PMM, "--db", db, *args], capture_output=True, text=True, timeout=120,
                          cwd=s.dir, preexec_fn=drop if user else None,
                          env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def readable_anyway(db, cause, user=None):
    """report, check and backup work on DB, which cannot be written for CAUSE."""
    r = pmm_as(db, "check", user=user)
    eq(r.returncode, 0, "pmm check\n" + r.stderr)
    contains(r.stdout, "correcta", "pmm check")
    contains(r.stderr, "se abrió solo para lectura porque no se puede escribir: " + cause, "pmm check")
    r = pmm_as(db, "report", "--edition", "2024", "--format", "json", user=user)
    eq(r.returncode, 0, "pmm report\n" + r.stderr)
    eq(json.loads(r.stdout)["edition"], "2024", "pmm report's edition")
    copy = os.path.join("/tmp" if user else s.dir, "copia-%d.db" % os.getpid())
    if os.path.exists(copy):
        os.remove(copy)
    r = pmm_as(db, "backup", copy, user=user)
    eq(r.returncode, 0, "pmm backup\n" + r.stderr)
    eq(pmm_as(copy, "check").returncode, 0, "the copy checks")
    os.remove(copy)
    r = pmm_as(db, "edition", "add", "2099", user=user)
    eq(r.returncode, 1, "a write is refused")
    contains(r.stderr, cause, "the write's refusal")


def checkpointed_copy(dst):
    con = sqlite3.connect(s.db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(s.db, dst)


def full_disk():
    with small_disk(s) as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(db)
        fill(mnt)
        readable_anyway(db, "el disco está lleno")


def full_stdout():
    with open("/dev/full", "w") as full:
        r = subprocess.run([PMM, "--db", s.db, "check"], stdout=full, stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))
    eq(r.returncode, 1, "pmm check > /dev/full\n" + r.stderr)
    contains(r.stderr, "pmm check: no se pudo escribir la salida: el disco está lleno")   # F14A: the command's name


def read_only_folder():
    if os.geteuid() != 0:
        print("# SKIP read-only folder: needs root to run pmm as nobody")
        return
    ro = s.path("solo-lectura")
    os.mkdir(ro)
    db = os.path.join(ro, "t.db")
    checkpointed_copy(db)
    os.chmod(db, 0o444)
    os.chmod(ro, 0o555)
    os.chmod(s.dir, 0o755)
    try:
        readable_anyway(db, "es de solo lectura", user="nobody")
    finally:
        os.chmod(ro, 0o755)


check("fault 5a: on a full disk, report, check and backup read the database; a write names the disk",
      full_disk)
check("fault 5b: pmm check > /dev/full exits 1 and says so", full_stdout)
check("fault 5c: a database in a read-only folder is read by report, check and backup", read_only_folder)


# ---- 7: the deployment files ----

DEPLOY = os.path.join(SOURCE, "deploy")


def units_in(tmp):
    """The units with pmm's path replaced by the binary under test (verify
    checks that ExecStart's program exists)."""
    names = ["pmm.service", "pmm-backup.service", "pmm-backup.timer"]
    for n in names:
        with open(os.path.join(DEPLOY, n)) as f:
            text = f.read().replace("/usr/local/bin/pmm", PMM)
        with open(os.path.join(tmp, n), "w") as f:
            f.write(text)
    return [os.path.join(tmp, n) for n in names]


def systemd_units():
    if not shutil.which("systemd-analyze"):
        print("# SKIP systemd units: systemd-analyze is not installed here")
        return
    tmp = s.path("units")
    os.mkdir(tmp)
    units = units_in(tmp)
    r = subprocess.run(["systemd-analyze", "verify", "--man=no", *units], capture_output=True, text=True,
                       cwd=tmp)
    eq((r.returncode, r.stderr.strip()), (0, ""), "systemd-analyze verify")
    r = subprocess.run(["systemd-analyze", "security", "--offline=yes", units[0]], capture_output=True,
                       text=True, cwd=tmp)
    m = re.search(r"Overall exposure level for pmm.service: ([0-9.]+) (\w+)", r.stdout)
    if not m:
        raise AssertionError("no exposure level:\n" + r.stdout[-2000:] + r.stderr)
    print("# systemd-analyze security: exposure %s %s" % (m.group(1), m.group(2)))
    if float(m.group(1)) > 2.0:
        raise AssertionError("pmm.service's exposure is %s" % m.group(1))


def nginx_example():
    if not shutil.which("nginx") or not shutil.which("openssl"):
        print("# SKIP nginx example: nginx or openssl is not installed here")
        return
    tmp = s.path("nginx")
    os.mkdir(tmp)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=pmm.example.org", "-keyout", os.path.join(tmp, "key.pem"), "-out",
                    os.path.join(tmp, "cert.pem")], check=True, capture_output=True)
    with open(os.path.join(DEPLOY, "nginx-pmm.conf")) as f:
        conf = f.read()
    conf = conf.replace("/etc/letsencrypt/live/pmm.example.org/fullchain.pem", os.path.join(tmp, "cert.pem"))
    conf = conf.replace("/etc/letsencrypt/live/pmm.example.org/privkey.pem", os.path.join(tmp, "key.pem"))
    with open(os.path.join(tmp, "pmm.conf"), "w") as f:
        f.write(conf)
    with open(os.path.join(tmp, "nginx.conf"), "w") as f:
        f.write("pid %s/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n access_log off;\n include %s/pmm.conf;\n}\n"
                % (tmp, tmp))
    r = subprocess.run(["nginx", "-t", "-p", tmp, "-c", os.path.join(tmp, "nginx.conf")], capture_output=True,
                       text=True)
    eq(r.returncode, 0, "nginx -t\n" + r.stderr)
    contains(r.stderr, "test is successful", "nginx -t")
    if os.geteuid() != 0:
        print("# SKIP nginx in front of pmm serve: needs root")
        return
    proxied(tmp, conf)


def free_port():
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def proxied(tmp, conf):
    """The example in front of a real pmm serve, on free ports: HTTP is sent
    to HTTPS, and a page comes through TLS from pmm."""
    plain, tls = free_port(), free_port()
    srv = subprocess.Popen([PMM, "--db", s.db, "serve", "--port", "0", "--trusted-proxy", "127.0.0.1",
                            "--secure-cookies", "--access-log", os.path.join(tmp, "access.log")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = re.search(r":(\d+)/", srv.stdout.readline()).group(1)
    conf = conf.replace("listen 80;", "listen 127.0.0.1:%d;" % plain).replace("listen 443 ssl", "listen 127.0.0.1:%d ssl" % tls)
    conf = re.sub(r"listen \[::\]:\d+[^;]*;", "", conf).replace("127.0.0.1:8080", "127.0.0.1:" + port)
    with open(os.path.join(tmp, "pmm.conf"), "w") as f:
        f.write(conf)
    ngx = subprocess.Popen(["nginx", "-p", tmp, "-c", os.path.join(tmp, "nginx.conf"), "-g", "daemon off;"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1)
        c = http.client.HTTPConnection("127.0.0.1", plain, timeout=30)
        c.request("GET", "/objetivos", headers={"Host": "pmm.example.org"})
        r = c.getresponse()
        eq((r.status, r.getheader("Location")), (301, "https://pmm.example.org/objetivos"), "HTTP to HTTPS")
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        c = http.client.HTTPSConnection("127.0.0.1", tls, timeout=30, context=ctx)
        c.request("GET", "/objetivos", headers={"Host": "pmm.example.org"})
        r = c.getresponse()
        body = r.read().decode()
        eq(r.status, 200, "a page through nginx")
        contains(body, "Objetivos", "pmm's page")
        contains(r.getheader("Strict-Transport-Security") or "", "max-age=", "HSTS")
    finally:
        ngx.terminate()
        ngx.communicate(timeout=30)
        srv.terminate()
        srv.communicate(timeout=60)
    with open(os.path.join(tmp, "access.log")) as f:
        contains(f.read(), '127.0.0.1 "GET /objetivos" 200', "pmm's log of the proxied request")


def backup_unit_runs():
    """pmm-backup.service's commands, run as the unit would (PMM_DB set),
    into a scratch folder instead of /var/backups/pmm: a checked copy."""
    with open(os.path.join(DEPLOY, "pmm-backup.service")) as f:
        unit = f.read()
    out = s.path("copias")
    os.mkdir(out)
    start = re.search(r"^ExecStart=/bin/sh -c '(.*)'$", unit, re.M).group(1)
    start = start.replace("%%", "%").replace("/var/backups/pmm", out).replace("/usr/local/bin/pmm", PMM)
    r = subprocess.run(["/bin/sh", "-c", start], capture_output=True, text=True,
                       env=dict(os.environ, PMM_DB=s.db, LANGUAGE="es", LANG="C.UTF-8"))
    eq(r.returncode, 0, "the backup unit's ExecStart\n" + r.stderr)
    copies = os.listdir(out)
    eq(len(copies), 1, "one copy")
    if not re.fullmatch(r"pmm-\d{8}T\d{6}Z\.db", copies[0]):
        raise AssertionError("copy named %r" % copies[0])
    contains(r.stdout, "correcta", "the copy is checked")


check("7a: the systemd units verify and the service is hardened", systemd_units)
check("7b: the nginx example passes nginx -t and serves pmm over TLS", nginx_example)
check("7c: the backup unit's command makes a checked copy", backup_unit_runs)

done()
