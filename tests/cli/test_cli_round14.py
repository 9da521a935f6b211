"""Issue 14, black-box verification round (helper F14A; faults numbered as
in the tester's report, notes/s8/h14v-report.md), through the command line:

- 2: `pmm report --lang en` printed Spanish text (only html/pdf/docx
  followed --lang): --lang is now the language of everything a command
  writes, as PMM_LANG is.
- 9: usage errors without the usage (`chart nosuch`, `catalog nosuch`,
  `serve --port abc`), a --port message naming neither option nor value,
  `import --edition 2025` without its file saying nothing of the file.
- 13: the text report's period «(2023-06 a 2024-06)»: now in the locale,
  as the web writes it («junio de 2023 a junio de 2024»).
- 14: `pmm help review`'s example failed on the demo: every example of
  every `pmm help CMD` runs here, on a fresh demo database.
- 15: error prefixes «pmm:» and «pmm report:» for the same command; only
  export and template said «se escribió …».
"""
import os
import shutil
import signal
import subprocess
import tempfile
from pmmtest import PMM, SOURCE, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def usage_shown(r, cmd, code=2):
    """R is a usage error of CMD: exit 2, what was wrong, then the usage."""
    eq(r.returncode, code, "exit code\n" + r.stderr)
    lines = r.stderr.splitlines()
    if len(lines) < 2 or not lines[0].startswith("pmm %s: " % cmd):
        raise AssertionError("no message naming the command first:\n" + r.stderr)
    contains(r.stderr, "uso: pmm %s " % cmd, "stderr")


# ---- fault 2: --lang applies to every format ----

def lang_text():
    r = s.pmm("report", "--edition", "2024", "--lang", "en", check=0)
    contains(r.stdout, "Edition 2024 (June 2023 to June 2024), validated actions")
    contains(r.stdout, "Actions: 379")
    eq("Acciones" in r.stdout or "Edición" in r.stdout, False, "Spanish left in the English text")
    r = s.pmm("report", "--edition", "2024", "--format", "json", "--lang", "en", check=0)
    eq(r.stdout, s.pmm("report", "--edition", "2024", "--format", "json", check=0).stdout, "json keys stay")
    # and the other way round: --lang es in an English session
    r = s.pmm("report", "--edition", "2024", "--lang", "es", lang="en", check=0)
    contains(r.stdout, "Edición 2024 (junio de 2023 a junio de 2024), acciones validadas")
    r = s.pmm("trend", "--lang", "en", check=0)
    contains(r.stdout, "Validated actions")


def lang_messages():
    """The command's messages follow --lang too, as with PMM_LANG."""
    r = s.pmm("report", "--edition", "2024", "--lang", "en", "-o", "r.txt", check=0)
    contains(r.stderr, 'pmm report: wrote "r.txt"')
    r = s.pmm("compendio", "--edition", "nosuch", "--lang", "en", "-o", "c.html")
    eq(r.returncode, 1, r.stderr)
    contains(r.stderr, 'pmm compendio: there is no edition "nosuch"')


# ---- fault 9: usage errors with the usage, and the value named ----

def usage_after_errors():
    r = s.pmm("chart", "nosuch", "--edition", "2024", "-o", "x.svg")
    usage_shown(r, "chart")
    contains(r.stderr, "no hay una gráfica «nosuch»")
    eq(os.path.exists(s.path("x.svg")), False, "chart written after an error")
    r = s.pmm("catalog", "nosuch")
    usage_shown(r, "catalog")
    contains(r.stderr, "catálogo desconocido «nosuch»")
    r = s.pmm("report", "--edition", "2024", "--format", "odt")
    usage_shown(r, "report")
    eq(r.stderr.count("uso: pmm report"), 1, "the usage said once:\n" + r.stderr)


def port_named():
    for v in ("abc", "99999", "-1", "80x"):
        r = s.pmm("serve", "--port", v)
        usage_shown(r, "serve")
        contains(r.stderr, "pmm serve: --port: «%s» no es un número de 0 a 65535" % v)
    r = s.pmm("serve", "--threads", "0")
    usage_shown(r, "serve")
    contains(r.stderr, "pmm serve: --threads: «0» no es un número de 1 a 32")
    r = s.pmm("serve", "--port", "abc", lang="en")
    contains(r.stderr, 'pmm serve: --port: "abc" is not a number from 0 to 65535')
    r = s.pmm("chart", "tipos", "--edition", "2024", "--width", "200", "-o", "t.svg")
    usage_shown(r, "chart")
    contains(r.stderr, "pmm chart: --width: «200» no es un número de 360 a 640")


def missing_file_said():
    r = s.pmm("import", "--edition", "2025")
    usage_shown(r, "import")
    contains(r.stderr, "pmm import: falta el archivo que se importa")
    r = s.pmm("import", "--edition", "2025", "a.csv", "b.csv")
    usage_shown(r, "import")
    contains(r.stderr, "pmm import: sobra «b.csv»")
    r = s.pmm("backup")
    usage_shown(r, "backup")
    contains(r.stderr, "pmm backup: falta el archivo de la copia")
    r = s.pmm("report", "--edition", "2024", "extra")
    usage_shown(r, "report")
    contains(r.stderr, "pmm report: sobra «extra»")


# ---- fault 13: the period in the locale ----

def period_in_locale():
    r = s.pmm("report", "--edition", "2024", check=0)
    eq(r.stdout.splitlines()[0], "Edición 2024 (junio de 2023 a junio de 2024), acciones validadas", "first line")
    r = s.pmm("report", "--edition", "2024", lang="en", check=0)
    eq(r.stdout.splitlines()[0], "Edition 2024 (June 2023 to June 2024), validated actions", "first line (en)")


# ---- fault 15: one prefix, one «se escribió» ----

def prefix_is_the_command():
    for args, cmd in ((("report", "--edition", "nosuch"), "report"),
                      (("compendio", "--edition", "nosuch", "-o", "c.html"), "compendio"),
                      (("export", "--edition", "nosuch", "-o", "e.json", "--format", "json"), "export"),
                      (("chart", "retos", "--edition", "nosuch", "-o", "c.svg"), "chart")):
        r = s.pmm(*args)
        eq(r.returncode, 1, r.stderr)
        eq(r.stderr, "pmm %s: no existe la edición «nosuch»; las ediciones son: «2023-ejemplo», «2024», «2025»\n"
           % cmd, " ".join(args))
    # a lower layer's message (the writer of -o) names the command too
    r = s.pmm("report", "--edition", "2024", "-o", s.path("nodir/r.txt"))
    eq(r.returncode, 1, r.stderr)
    if not r.stderr.startswith("pmm report: "):
        raise AssertionError("the writer's error does not name the command:\n" + r.stderr)


def written_said():
    writers = [
        (("report", "--edition", "2024", "-o", "w.txt"), "report"),
        (("report", "--edition", "2024", "--format", "html", "-o", "w.html"), "report"),
        (("compendio", "--edition", "2024", "-o", "wc.html"), "compendio"),
        (("chart", "retos", "--edition", "2024", "-o", "w.svg"), "chart"),
        (("trend", "-o", "w-trend.txt"), "trend"),
        (("review", "--from", "2023-ejemplo", "--to", "2024", "-o", "w-review.html"), "review"),
        (("template", "--edition", "2025", "-o", "w.xlsx"), "template"),
        (("export", "--edition", "2024", "--format", "json", "-o", "w.json"), "export"),
        (("export", "--good-practices", "--edition", "2024", "-o", "w-bp.json"), "export"),
    ]
    for args, cmd in writers:
        r = s.pmm(*args, check=0)
        path = args[-1]
        eq(r.stderr.splitlines()[-1:], ["pmm %s: se escribió «%s»" % (cmd, path)], " ".join(args) + "\n" + r.stderr)
        r = s.pmm(*args[:-1], "-", check=0)          # standard output: nothing to say
        eq("se escribió" in r.stderr, False, " ".join(args[:-1]) + " - said it wrote\n" + r.stderr)
    r = s.pmm("export", "--edition", "2024", "--format", "csv", "-o", "w.csv", check=0)
    eq(r.stderr, "pmm export: se escribieron «w.csv» y «w-retos.csv»\n", "csv")
    r = s.pmm("chart", "retos", "--edition", "2024", "-o", "/dev/null", check=0)
    eq(r.stderr, "", "a device is no file to find")


# ---- fault 14: every example of every `pmm help CMD` runs on the demo ----

# What an example reads that the user brings is made here as a user would
# have it. Each example runs alone, in a scratch folder holding those files
# and a fresh copy of the demo database as pmm.db (the default).
ACC = ("folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,"
       "enfoque_genero,discapacidad,beneficiarios,resultados\n"
       "E-1,INM,7,Albergue temporal,Orientación,Servicios de recepción y/o acompañamiento,extranjeros,"
       "Sí,No,120,Se atendió a 120 personas\n"
       "E-2,SRE,15,Protección consular,,Servicios o asesoría legales,exterior,no,no,0,\n")
RETOS = "folio,reto,categoria\nE-1,Faltan intérpretes,Barreras culturales y de idioma\n"


def commands():
    out = s.pmm("help", check=0).stdout
    block = out.split("comandos:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines()]


def examples(cmd):
    """The (text, line) pairs of `pmm help CMD`."""
    out = s.pmm("help", cmd, check=0).stdout
    block = out.split("ejemplos:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    pairs = [(block[i].strip().lstrip("# "), block[i + 1].strip()) for i in range(0, len(block), 2)]
    for text, line in pairs:
        if not line.startswith("pmm "):
            raise AssertionError("%s: an example that is not a pmm line: %r" % (cmd, line))
    return pairs


def fixtures(d, demo):
    """The user's own files the examples name."""
    with open(os.path.join(d, "acciones.csv"), "w") as f:
        f.write(ACC)
    with open(os.path.join(d, "retos.csv"), "w") as f:
        f.write(RETOS)
    shutil.copytree(os.path.join(SOURCE, "tests", "data", "packs", "gt"), os.path.join(d, "paquetes", "gt"))
    side = Scratch()       # a filled workbook of 2025, as pmm export writes one
    shutil.copy(demo, side.db)
    side.pmm("import", "--edition", "2025", s.write("x-acc.csv", ACC), "--challenges", s.write("x-ret.csv", RETOS),
             check=0)
    side.pmm("export", "--edition", "2025", "-o", os.path.join(d, "plantilla.xlsx"), check=0)
    side.close()


def backup_copy(d, demo):
    """The copy `pmm restore copia.db` restores (`pmm backup copia.db`
    writes it, and refuses when it is there already)."""
    side = Scratch()
    shutil.copy(demo, side.db)
    side.pmm("backup", os.path.join(d, "copia.db"), check=0)
    side.close()


def run_example(d, bindir, line):
    env = dict(os.environ, LANGUAGE="es", LANG="C.UTF-8", PATH=bindir + os.pathsep + os.environ["PATH"],
               MANPAGER="cat", PAGER="cat")
    env.pop("PMM_DB", None)
    if line.startswith("pmm serve"):
        return run_server(d, env, line)
    r = subprocess.run(["bash", "-o", "pipefail", "-c", line], cwd=d, env=env, capture_output=True, text=True,
                       errors="replace", input="una-contraseña-de-ejemplo-2026\n", timeout=300)
    return r.returncode, r.stderr


def run_server(d, env, line):
    """`pmm serve ...` runs until stopped: it must start and stop cleanly.
    --port 0 (a free port) is added: 8080 may be taken on a test machine."""
    p = subprocess.Popen(["bash", "-c", "exec " + line + " --port 0"], cwd=d, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    first = p.stdout.readline()
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    if "sirviendo la plataforma" not in first:
        return 1, first + out + err
    return p.returncode, err


def every_example_runs():
    bindir = tempfile.mkdtemp(prefix="pmm-bin-")
    os.symlink(PMM, os.path.join(bindir, "pmm"))
    base = tempfile.mkdtemp(prefix="pmm-ex-")
    shutil.copy(s.db, os.path.join(base, "pmm.db"))
    fixtures(base, s.db)
    failed = []
    n = 0
    try:
        for cmd in commands():
            for text, line in examples(cmd):
                n += 1
                if "| man " in line and not shutil.which("man"):
                    print("# SKIP: no man(1) on this machine for: " + line)
                    continue
                d = os.path.join(tempfile.mkdtemp(prefix="pmm-ex1-"), "w")
                shutil.copytree(base, d)
                if line.startswith("pmm restore "):
                    backup_copy(d, s.db)
                code, err = run_example(d, bindir, line)
                shutil.rmtree(os.path.dirname(d))
                if code != 0:
                    failed.append("%s  (# %s) -> exit %d\n    %s" % (line, text, code, err.strip()[:400]))
    finally:
        shutil.rmtree(bindir)
        shutil.rmtree(base)
    if n < 20:
        raise AssertionError("only %d examples found" % n)
    if failed:
        raise AssertionError("examples that fail on the demo:\n" + "\n".join(failed))


check("fault 2: --lang en gives English text (report, trend), --lang es Spanish", lang_text)
check("fault 2: the command's messages follow --lang", lang_messages)
check("fault 9: chart, catalog, report usage errors print the usage once", usage_after_errors)
check("fault 9: --port/--threads/--width name the option and the value", port_named)
check("fault 9: a missing or extra argument is said", missing_file_said)
check("fault 13: the text report's period in the locale", period_in_locale)
check("fault 15: every message of a command begins with its name", prefix_is_the_command)
check("fault 15: every command writing -o FILE says so, never for -o - or a device", written_said)
check("fault 14: every example of every pmm help CMD runs on the demo", every_example_runs)

done()
