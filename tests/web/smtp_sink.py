"""A real local SMTP server for the mail tests (issue 11): Debian's aiosmtpd,
so run it with /usr/bin/python3 (pyenv's python3 does not see it).

    /usr/bin/python3 smtp_sink.py DIR PORT [--auth USER:PASSWORD] [--starttls CERT KEY]

Listens on 127.0.0.1:PORT, writes every message it accepts to DIR as
N.eml (the data as received) with N.env (MAIL FROM, then one RCPT TO a
line), prints "ready" once listening, and runs until SIGTERM. --auth
requires AUTH (PLAIN or LOGIN) with that user and password before MAIL;
--starttls offers STARTTLS with that certificate."""
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, out):
        self.out = out
        self.n = len([f for f in os.listdir(out) if f.endswith(".eml")])
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.n += 1
            base = os.path.join(self.out, "%05d" % self.n)
        with open(base + ".env.tmp", "w") as f:
            f.write("\n".join([envelope.mail_from] + list(envelope.rcpt_tos)) + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".env.tmp", base + ".env")
        os.rename(base + ".eml.tmp", base + ".eml")   # the test reads only complete files
        return "250 OK"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() \
            and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)   # aiosmtpd answers 235 or 535
    return check


def main():
    out, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    kw = {}
    rest = sys.argv[3:]
    if "--auth" in rest:
        user, _, password = rest[rest.index("--auth") + 1].partition(":")
        kw.update(authenticator=authenticator(user, password), auth_required=True, auth_require_tls=False)
    if "--starttls" in rest:
        i = rest.index("--starttls")
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(rest[i + 1], rest[i + 2])
        kw.update(tls_context=ctx)
    ctl = Controller(Sink(out), hostname="127.0.0.1", port=port, **kw)
    ctl.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    print("ready", flush=True)
    stop.wait()
    ctl.stop()


if __name__ == "__main__":
    main()
