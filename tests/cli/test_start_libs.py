"""Issue 12, round 6 (S12C): libcurl, which only the mailer uses, is not
linked into pmm but opened when mail is sent (web/mailer.c,
mail_curl_open). Linked, it and the 16 libraries only it needs were
loaded and relocated at the start of every command: 8.4 M instructions,
24 % of `pmm --version` (docs/performance.md, round 6). The dynamic
loader says which libraries it loads (LD_DEBUG=libs): none named libcurl
for a command that sends no mail; `pmm mail` loads it and still sends
(an empty outbox here; tests/web/test_web_mail.py sends through a real
SMTP server)."""
import os
import subprocess
from pmmtest import PMM, Scratch, check, contains, done, eq


def loaded(*args, db=None):
    """Runs pmm with the loader's trace; the trace returned is pmm's own
    lines (each starts with the process id): under AddressSanitizer the
    leak check runs llvm-symbolizer at exit, which inherits LD_DEBUG and
    loads libcurl itself (for debuginfod)."""
    env = dict(os.environ, LD_DEBUG="libs", LANGUAGE="es", LANG="C.UTF-8")
    cmd = [PMM] + (["--db", db] if db else []) + list(args)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    out, err = p.communicate()
    own = "\n".join(l for l in err.splitlines() if l.strip().split(":", 1)[0] == str(p.pid))
    return p.returncode, out, own


def version():
    rc, out, err = loaded("--version")
    eq(rc, 0, "pmm --version")
    contains(err, "libsqlite3", "the loader's trace (LD_DEBUG=libs)")    # the trace is there
    eq("libcurl" in err, False, "libcurl loaded by pmm --version")


def report():
    s = Scratch()
    s.pmm("demo", check=0)
    rc, out, err = loaded("report", "--edition", "2024", "--format", "pdf", "-o", s.path("i.pdf"), db=s.db)
    eq(rc, 0, "pmm report --format pdf")
    eq("libcurl" in err, False, "libcurl loaded by pmm report")


def mail():
    s = Scratch()
    s.pmm("init", check=0)
    rc, out, err = loaded("mail", "send-pending", "--smtp", "smtp://127.0.0.1:9", db=s.db)
    contains(err, "libcurl.so.4", "the loader's trace of pmm mail")
    contains(out, "Mensajes enviados: 0; pendientes: 0.")
    eq(rc, 0, "pmm mail send, nothing due")


check("pmm --version does not load libcurl", version)
check("pmm report does not load libcurl", report)
check("pmm mail loads libcurl and runs", mail)
done()
