"""Issue 14, the command line: every command's help from one table (--help,
-h, pmm help CMD on stdout, exit 0), pmm --version, usage errors (exit 2,
stderr), the man page pmm(1) and the bash completion generated from the
same table and installed by meson install, flags in English with the
Spanish ones kept as aliases, -o - as standard output, the documented
exit codes (2 usage, 1 bad input, 0 success) for every command, and the
C library's and SQLite's errors in pmm's language."""
import os
import pty
import re
import shutil
import signal
import subprocess
import tempfile
from pmmtest import PMM, SOURCE, Scratch, ACTION_HEADER, check, eq, contains, done

BUILD = os.path.dirname(os.path.dirname(PMM))      # build/src/pmm -> build
s = Scratch()
s.pmm("demo", check=0)


def commands():
    """The command names `pmm help` lists."""
    out = s.pmm("help", check=0).stdout
    block = out.split("comandos:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def options_of(cmd, lang="es"):
    """Every spelling of every option in CMD's help: (names, aliases)."""
    out = s.pmm(cmd, "--help", lang=lang, check=0).stdout
    block = out.split("opciones:\n" if lang == "es" else "options:\n", 1)[1].split("\n\n", 1)[0]
    names, aliases = [], []
    for line in block.splitlines():
        if line.startswith("  -"):
            left = re.match(r"  (\S.*?)(\s{2,}|$)", line).group(1)
            names += re.findall(r"(?<![\w-])--?[a-z][a-z-]*", left)
        aliases += re.findall(r"\(alias: ([^)]*)\)", line)
    return sorted(set(names)), [a for group in aliases for a in group.split()]


def help_for_every_command():
    cmds = commands()
    for c in ["init", "demo", "edition", "import", "report", "compendio", "chart", "catalog", "template",
              "export", "serve", "user", "mail", "backup", "restore", "check", "help", "version"]:
        assert c in cmds, "%s missing from pmm help: %s" % (c, cmds)
    for c in cmds:
        a = s.pmm(c, "--help", check=0)
        b = s.pmm(c, "-h", check=0)
        h = s.pmm("help", c, check=0)
        eq(a.stdout, b.stdout, c + ": -h and --help")
        eq(a.stdout, h.stdout, c + ": --help and pmm help")
        eq(a.stderr + b.stderr + h.stderr, "", c + ": nothing on stderr")
        for part in ["uso: pmm " + c, "opciones:", "  -h, --help", "ejemplos:", "\n  pmm "]:
            contains(a.stdout, part, c + " --help")
        # every option has its line of explanation
        block = a.stdout.split("opciones:\n", 1)[1].split("\n\n", 1)[0]
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("  -"):
                rest = line[30:].strip() if len(line) > 30 else ""
                nxt = lines[i + 1].strip() if i + 1 < len(lines) and not lines[i + 1].startswith("  -") else ""
                assert rest or nxt, "%s: option without explanation: %r" % (c, line)
    # --help wherever an option may stand, and in English
    r = s.pmm("report", "--edition", "2024", "--help", check=0)
    contains(r.stdout, "uso: pmm report")
    r = s.pmm("import", "--help", lang="en", check=0)
    contains(r.stdout, "usage: pmm import --edition EDITION")
    contains(r.stdout, "the CSV of challenges that goes with a CSV of actions (alias: --retos)")
    # but not as the value of an option: that is the note's text
    r = s.pmm("edition", "set", "nosuch", "--note", "--help", check=1)
    eq(r.stdout, "", "no help for a value")


def version():
    for args in [("--version",), ("version",)]:
        r = s.pmm(*args, check=0)
        assert re.fullmatch(r"pmm \d+\.\d+\.\d+\n", r.stdout), r.stdout


def usage_errors():
    r = s.pmm("help", "nosuch", check=2)
    eq(r.stdout, "", "stdout of pmm help nosuch")
    contains(r.stderr, "no hay un comando «nosuch»")
    r = s.pmm("nosuch", check=2)
    contains(r.stderr, "comando desconocido «nosuch»")
    r = s.pmm(check=2)
    eq(r.stdout, "", "pmm alone writes its help on stderr")
    contains(r.stderr, "comandos:")
    r = s.pmm("import", check=2)             # no file
    eq(r.stdout, "", "usage error: stdout")
    contains(r.stderr, "uso: pmm import --edition")
    contains(r.stderr, "'pmm import --help' muestra sus opciones y ejemplos.")
    r = s.pmm("catalog", "--all", check=2)
    contains(r.stderr, "pmm catalog: opción desconocida: --all")
    r = s.pmm("backup", "--force=yes", "x.db", check=2)
    contains(r.stderr, "la opción --force no lleva valor")


def render(path):
    """The man page PATH as man shows it, with stderr (warnings)."""
    env = dict(os.environ, MANWIDTH="100", MAN_KEEP_FORMATTING="0", LANG="C.UTF-8")
    r = subprocess.run(["man", "-l", path], capture_output=True, text=True, env=env)
    eq(r.returncode, 0, "man -l " + path)
    text = re.sub(r".\x08", "", r.stdout)
    return text.replace("\u2010", "-").replace("\u2212", "-"), r.stderr


def man_page():
    page = os.path.join(BUILD, "docs", "pmm.1")
    generated = subprocess.run([PMM, "help", "--man"], capture_output=True, text=True,
                               env=dict(os.environ, PMM_LANG="es")).stdout
    eq(open(page, encoding="utf-8").read(), generated, "the built pmm.1 is pmm help --man")
    for p in [page, os.path.join(BUILD, "docs", "en", "pmm.1")]:
        g = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", p], capture_output=True, text=True)
        eq((g.returncode, g.stderr), (0, ""), "groff warnings for " + p)
    text, err = render(page)
    eq(err, "", "man -l warnings")
    for part in ["PMM(1)", "SINOPSIS", "ESTADO DE SALIDA", "Ejemplos:", "ENTORNO", "PMM_DB"]:
        contains(text, part, "man page")
    for c in commands():
        contains(text, "pmm " + c, "man page")
        names, aliases = options_of(c)
        for o in names + aliases:
            assert re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), text), "%s %s not in the man page" % (c, o)
    en, err = render(os.path.join(BUILD, "docs", "en", "pmm.1"))
    eq(err, "", "man -l warnings (English)")
    for part in ["EXIT STATUS", "the CSV of challenges that goes with a CSV of actions"]:
        contains(en, part, "English man page")


def complete(*words):
    """COMPREPLY for the words typed (the last one being completed)."""
    script = os.path.join(BUILD, "docs", "pmm")
    words_q = " ".join("'%s'" % w for w in words)
    r = subprocess.run(["bash", "-c", 'source "$1"; COMP_WORDS=(%s); COMP_CWORD=%d; _pmm; '
                        'printf "%%s\\n" "${COMPREPLY[@]}"' % (words_q, len(words) - 1), "bash", script],
                       capture_output=True, text=True, cwd=s.dir)
    eq(r.stderr, "", "bash completion stderr")
    return [w for w in r.stdout.split("\n") if w]


def completion():
    generated = subprocess.run([PMM, "help", "--completion"], capture_output=True, text=True).stdout
    eq(open(os.path.join(BUILD, "docs", "pmm"), encoding="utf-8").read(), generated,
       "the built completion is pmm help --completion")
    eq(complete("pmm", "imp"), ["import"], "pmm imp")
    eq(complete("pmm", "import", "--ed"), ["--edition"], "pmm import --ed")
    eq(complete("pmm", "--db", "x.db", "rep"), ["report"], "after --db")
    eq(complete("pmm", "report", "--format", ""), ["text", "json", "html", "pdf", "docx"], "format values")
    eq(complete("pmm", "edition", ""), ["list", "add", "new", "set", "reopen", "revisions"], "subcommands")
    eq(complete("pmm", "edition", "set", "2024", "--st"), ["--state"], "after a subcommand")
    eq(complete("pmm", "help", "comp"), ["compendio"], "pmm help takes a command")
    s.write("acciones-x.csv", ACTION_HEADER + "\n")
    eq(complete("pmm", "import", "--edition", "2024", "acciones-x"), ["acciones-x.csv"], "a file")
    eq(complete("pmm", "import", "--challenges", "acciones-"), ["acciones-x.csv"], "an option's file")
    for c in commands():
        names, _ = options_of(c)
        offered = complete("pmm", c, "-")
        for o in names:
            if o.startswith("--"):
                assert o in offered + ["--db"], "%s: %s not completed: %s" % (c, o, offered)


def meson_install():
    dest = tempfile.mkdtemp(prefix="pmm-install-")
    try:
        r = subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--destdir", dest, "--quiet"],
                           capture_output=True, text=True)
        eq(r.returncode, 0, "meson install: " + r.stdout + r.stderr)
        found = {os.path.relpath(os.path.join(d, f), dest) for d, _, fs in os.walk(dest) for f in fs}
        man = [f for f in found if f.endswith("share/man/man1/pmm.1")]
        eq(len(man), 1, "pmm.1 installed: %s" % sorted(found))
        assert any(f.endswith("share/man/en/man1/pmm.1") for f in found), "English pmm.1 installed"
        assert any(f.endswith("bash-completion/completions/pmm") for f in found), sorted(found)
    finally:
        shutil.rmtree(dest)


def spanish_flags_are_aliases():
    eq(s.figures("2024", "--others-threshold", "20"), s.figures("2024", "--otros-umbral", "20"), "--otros-umbral")
    s.pmm("edition", "add", "2031", "--desde", "2030-01", "--hasta", "2030-12", check=0)
    s.pmm("edition", "add", "2032", "--from", "2030-01", "--to", "2030-12", check=0)
    eq(s.query("SELECT period_start, period_end FROM edition WHERE name = '2031'"),
       s.query("SELECT period_start, period_end FROM edition WHERE name = '2032'"), "--desde/--hasta")
    s.pmm("edition", "set", "2031", "--emisor", "UPMRIP", "--nota", "x", check=0)
    s.pmm("edition", "set", "2032", "--issuer", "UPMRIP", "--note", "x", check=0)
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "uno", "--role", "enlace", "--institucion", "INM",
                        "--nombre", "Uno"], input="una-clave-larga-1\n", capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "dos", "--rol", "enlace", "--institution", "INM",
                        "--name", "Dos"], input="una-clave-larga-2\n", capture_output=True, text=True)
    eq(r.returncode, 0, r.stderr)
    users = s.pmm("user", "list", check=0).stdout
    contains(users, "uno\tenlace\tINM\tUno")
    contains(users, "dos\tenlace\tINM\tDos")
    # a message about a value names the option as it was typed
    for spelling in ("--otros-umbral", "--others-threshold"):
        contains(s.pmm("report", "--edition", "2024", spelling, "x", check=2).stderr,
                 "pmm report: %s no admite «x» (valores: un número entero de 0 en adelante)" % spelling)   # issue 14: cli_args
    # the documented name everywhere: --institution for template as for user
    contains(s.pmm("template", "--help", check=0).stdout, "--institution SIGLAS")
    contains(s.pmm("user", "--help", check=0).stdout, "--institution SIGLAS")
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "tres", "--role", "enlace"], input="una-clave-larga-3\n",
                       capture_output=True, text=True, env=dict(os.environ, LANGUAGE="es"))
    eq(r.returncode, 1, r.stderr)
    contains(r.stderr, "--institution SIGLAS")


def run_bytes(*args):
    return subprocess.run([PMM, "--db", s.db, *args], capture_output=True, cwd=s.dir,
                          env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def dash_is_stdout():
    cases = [(("report", "--edition", "2024", "--format", "pdf"), b"%PDF"),
             (("report", "--edition", "2024", "--format", "docx"), b"PK\x03\x04"),
             (("report", "--edition", "2024", "--format", "html"), b"<!DOCTYPE"),
             (("compendio", "--edition", "2024", "--format", "pdf"), b"%PDF"),
             (("chart", "tipos", "--edition", "2024"), b"<?xml"),
             (("template", "--edition", "2025"), b"PK\x03\x04"),
             (("export", "--edition", "2024", "--format", "xlsx"), b"PK\x03\x04"),
             (("export", "--edition", "2024", "--format", "json"), b"{")]
    for args, magic in cases:
        for o in ("-o", "--output"):
            r = run_bytes(*args, o, "-")
            eq(r.returncode, 0, " ".join(args) + ": " + r.stderr.decode())
            assert r.stdout.startswith(magic), "%s -o -: %r" % (" ".join(args), r.stdout[:20])
            eq(os.path.exists(s.path("-")), False, "a file named -")
    r = run_bytes("export", "--edition", "2024", "--format", "csv", "-o", "-")
    eq(r.returncode, 2, "csv to stdout")
    contains(r.stderr.decode(), "escribe dos archivos")
    # a binary file is not poured onto a terminal
    master, slave = pty.openpty()
    try:
        r = subprocess.run([PMM, "--db", s.db, "report", "--edition", "2024", "--format", "pdf", "-o", "-"],
                           stdout=slave, stderr=subprocess.PIPE, cwd=s.dir, env=dict(os.environ, LANGUAGE="es"))
    finally:
        os.close(slave)
        os.close(master)
    eq(r.returncode, 2, "pdf to a terminal")
    contains(r.stderr.decode(), "no se escribe un archivo binario en la terminal")


def exit_codes():
    junk = s.write("junk.db", "esto no es una base de datos" * 100)
    bad = s.write("malas.csv", ACTION_HEADER + "\nX-1,NOEXISTE,1,n,d,t,p,Sí,No,1,r\n")
    good = s.write("buenas.csv", ACTION_HEADER + "\nC14-1,INM,7,Acción del INM,,Capacitación,extranjeros,Sí,No,10,\n")
    s.pmm("backup", "copia-buena.db", check=0)
    fresh, fresh_demo, fresh_init = Scratch(), Scratch(), Scratch()
    fresh_init.pmm("init", check=0)
    fresh_init.pmm("edition", "add", "2030", check=0)
    cases = {
        # command: (bad input -> 1, success -> 0), each as (scratch, args)
        "init": ((s, ("--db", "/nonexistent/dir/x.db", "init")), (fresh, ("init",))),
        "demo": ((fresh_init, ("demo",)), (fresh_demo, ("demo",))),
        "edition": ((s, ("edition", "set", "nosuch", "--state", "abierta")), (s, ("edition", "list"))),
        "import": ((s, ("import", "--edition", "2025", bad)), (s, ("import", "--edition", "2025", good))),
        "report": ((s, ("report", "--edition", "nosuch")), (s, ("report", "--edition", "2024"))),
        "trend": ((s, ("trend", "--editions", "nosuch")), (s, ("trend",))),
        "review": ((s, ("review", "--from", "nosuch", "--to", "2024", "-o", "v.html")),
                   (s, ("review", "--from", "2024", "--to", "2024", "-o", "v.html"))),
        "compendio": ((s, ("compendio", "--edition", "nosuch", "-o", "c.html")),
                      (s, ("compendio", "--edition", "2024", "-o", "c.html"))),
        "chart": ((s, ("chart", "tipos", "--edition", "nosuch", "-o", "g.svg")),
                  (s, ("chart", "tipos", "--edition", "2024", "-o", "g.svg"))),
        "catalog": ((s, ("--db", junk, "catalog", "states")), (s, ("catalog", "states"))),
        "template": ((s, ("template", "--edition", "2025", "--institution", "NOEXISTE", "-o", "t.xlsx")),
                     (s, ("template", "--edition", "2025", "-o", "t.xlsx"))),
        "export": ((s, ("export", "--edition", "nosuch", "-o", "e.xlsx")),
                   (s, ("export", "--edition", "2024", "-o", "e.xlsx"))),
        "user": ((s, ("user", "disable", "nosuch")), (s, ("user", "list"))),
        "mail": ((s, ("--db", junk, "mail", "send-pending", "--smtp", "smtp://127.0.0.1:1")),
                 (s, ("mail", "send-pending", "--smtp", "smtp://127.0.0.1:1"))),
        "backup": ((s, ("backup", "copia-buena.db")), (s, ("backup", "copia-buena.db", "--force"))),
        "restore": ((s, ("restore", junk)), (s, ("restore", "copia-buena.db"))),
        "check": ((s, ("--db", junk, "check")), (s, ("check",))),
        "help": (None, (s, ("help",))),
        "version": (None, (s, ("version",))),
        "serve": ((s, ("--db", junk, "serve", "--port", "0")), None),
    }
    eq(sorted(cases), sorted(commands()), "every command has its exit-code cases")
    for c in commands():
        r = s.pmm(c, "--nosuch-flag")
        eq(r.returncode, 2, c + " --nosuch-flag: " + r.stderr)
        contains(r.stderr, "opción desconocida: --nosuch-flag", c)
        failing, ok = cases[c]
        if failing:
            sc, args = failing
            r = sc.pmm(*args)
            eq(r.returncode, 1, "%s (bad input) exit: %s" % (" ".join(args), r.stderr))
        if ok:
            sc, args = ok
            r = sc.pmm(*args)
            eq(r.returncode, 0, "%s (success) exit: %s" % (" ".join(args), r.stderr))
    # serve: it starts, and stops on SIGTERM with 0; a bad value is a usage error
    r = subprocess.run([PMM, "--db", s.db, "serve", "--port", "abc"], capture_output=True, text=True,
                       timeout=60)          # before: port 0, serving on any port until killed
    eq(r.returncode, 2, "serve --port abc: " + r.stderr)
    p = subprocess.Popen([PMM, "--db", s.db, "serve", "--port", "0"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=dict(os.environ, LANGUAGE="es"))
    contains(p.stdout.readline(), "http://127.0.0.1:", "serve's first line")
    p.send_signal(signal.SIGTERM)
    eq(p.wait(timeout=60), 0, "serve stopped by SIGTERM")
    p.stdout.close()
    p.stderr.close()
    for x in (fresh, fresh_demo, fresh_init):
        x.close()


def system_errors_in_pmm_language():
    os.mkdir(s.path("carpeta"))
    for lang, words, english in [("es", ["no existe el archivo o la carpeta", "es una carpeta, no un archivo",
                                         "no existe, o su carpeta no existe"], None),
                                 ("en", ["no such file or folder", "it is a folder, not a file",
                                         "it does not exist, or its folder does not exist"], True)]:
        out = s.pmm("import", "--edition", "2025", s.path("no-existe.csv"), lang=lang).stderr
        xlsx = s.pmm("import", "--edition", "2025", s.path("no-existe.xlsx"), lang=lang).stderr
        contains(xlsx, words[0], lang + " xlsx")     # issue 14 round 4: libzip's English «No such file»
        out += xlsx
        out += s.pmm("report", "--edition", "2024", "--format", "html", "-o", "carpeta", lang=lang).stderr
        out += s.pmm("--db", "/nonexistent/dir/x.db", "init", lang=lang).stderr
        for w in words:
            contains(out, w, lang)
        for libc in ["No such file", "Is a directory", "unable to open database", "No existe el fichero"]:
            assert libc not in out, "%s: the C library's text: %s" % (lang, out)


check("every command answers --help, -h and pmm help CMD on stdout", help_for_every_command)
check("pmm --version and pmm version", version)
check("usage errors: exit 2, the short usage on stderr", usage_errors)
check("the man page is generated from the table, renders without warnings, lists every command and option", man_page)
check("the bash completion completes commands, options, values and files", completion)
check("meson install installs pmm(1) and the completion", meson_install)
check("flags in English, the Spanish ones kept as aliases", spanish_flags_are_aliases)
check("-o - is standard output for every command that writes a file", dash_is_stdout)
check("exit codes: 2 bad flag, 1 bad input, 0 success, for every command", exit_codes)
check("errors of the C library and SQLite in pmm's language", system_errors_in_pmm_language)
s.close()
done()
