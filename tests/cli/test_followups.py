"""Follow-ups of the last tester rounds of issues 13, 14 and 16, command-line
side (helper FUP; /work/wt/notes/s9/h14r4-report.md sweep items a, c, d, f,
h13r4-report.md's continua_edicion observation, h16r4-report.md new fault B
and the emptied catalogs), through the real binary. Each check fails on the
code before its fix."""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pmmtest import ACTION_HEADER, PMM, SOURCE, Scratch, check, contains, done, eq, pack_copy, pack_file_replace

s = Scratch()
s.pmm("demo", check=0)


def first_line(r):
    return r.stderr.splitlines()[0] if r.stderr else ""


# ---- H14R4 a: English order messages quote with "…" ----

def english_orders_quoted():
    for args in (("edition", "nosuch"), ("user", "nosuch"), ("mail", "nosuch")):
        r = s.pmm(*args, lang="en")
        eq(r.returncode, 2, " ".join(args))
        line = first_line(r)
        contains(line, 'unknown order "nosuch"', " ".join(args))
        eq(re.findall("[«»“”]", line), [], " ".join(args) + ": " + line)


def english_pack_message_quoted():
    p = Scratch()
    try:
        pack = pack_copy(p, os.path.join(SOURCE, "data", "packs", "mx"),
                         pack_file_replace("populations.csv", "retorno,", "regreso,"))
        r = p.pmm("init", "--pack", pack, lang="en")
        eq(r.returncode, 1, r.stderr)
        contains(r.stderr, '"retorno"', "the missing population, quoted in English")
        eq("«retorno»" in r.stderr, False, r.stderr)
    finally:
        p.close()


# ---- H14R4 c: `edition set E` with no option says what is missing ----

def edition_set_names_its_options():
    for lang, want in (("es", "no dice qué cambiar; las opciones de set son: "),
                       ("en", "does not say what to change; the options of set are: ")):
        r = s.pmm("edition", "set", "2024", lang=lang)
        eq(r.returncode, 2, lang)
        line = first_line(r)
        contains(line, "pmm edition: ", lang)
        contains(line, want, lang)
        for opt in ("--state", "--preamble", "--period", "--license", "--emblem", "--synthetic"):
            contains(line, opt, lang + ": the options of set")
        eq("--challenges" in line, False, "only set's options")
    eq(s.pmm("edition", "list").returncode, 0)


# ---- H14R4 d: --lang before --help gives the help in that language ----

def help_in_lang():
    for args in (("report", "--edition", "2024", "--lang", "en", "--help"),
                 ("report", "--lang=en", "--help"),
                 ("report", "--help", "--lang", "en"),
                 ("compendio", "--lang", "en", "-h")):
        r = s.pmm(*args)
        eq(r.returncode, 0, " ".join(args))
        contains(r.stdout, "usage: pmm ", " ".join(args))
        eq("uso:" in r.stdout, False, " ".join(args) + ": Spanish help")
    r = s.pmm("report", "--lang", "es", "--help", lang="en")
    contains(r.stdout, "uso: pmm report", "--lang es under an English locale")
    r = s.pmm("report", "--help")
    contains(r.stdout, "uso: pmm report", "no --lang: the session's language")


# ---- H14R4 f: one prefix within pmm user ----

def user_prefix():
    cases = [(("user", "add", "bob"), "--role"),
             (("user", "add", "bob", "--role", "jefe"), "--role"),
             (("user", "token", "admin", "--expires", "abc"), "--expires"),
             (("user", "revoke", "admin"), "--all"),
             (("user", "revoke", "admin", "999"), "999")]
    for args, part in cases:
        r = s.pmm(*args)
        line = first_line(r)
        eq(line.startswith("pmm user: "), True, " ".join(args) + ": " + line)
        contains(line, part, " ".join(args))


# ---- H13R4: continua_edicion without continua_folio is refused by the import ----

def import_edition_without_folio():
    head = ACTION_HEADER + ",continua_folio,continua_edicion"
    row = 'X-1,INM,1,Nombre,Descripción,Apoyo en trámites,,Sí,No,10,Resultados,,%s'
    for ed in ("zzz", "2024"):
        s.write("c.csv", head + "\n" + row % ed + "\n")
        before = s.dump()
        r = s.pmm("import", "--edition", "2025", "c.csv")
        eq(r.returncode, 1, "continua_edicion %r, no folio: %s" % (ed, r.stderr))
        contains(r.stderr, "c.csv:2")
        contains(r.stderr, "continua_edicion")
        contains(r.stderr, "continua_folio")
        eq(s.dump(), before, "nothing imported")
    s.write("c.csv", head + "\n" + row % "" + "\n")
    r = s.pmm("import", "--edition", "2025", "c.csv", "--check")
    eq(r.returncode, 0, "without the edition the row imports: " + r.stderr)


# ---- H16R4 B: export --revision N labels the revision's rows as validated ----

def export_revision_label():
    r = s.pmm("export", "--edition", "2024", "--revision", "1", "--format", "json", check=0)
    doc = json.loads(r.stdout)
    eq(doc["alcance"], "validadas", "a published revision")
    eq({a.get("estado", "validada") for a in doc["acciones"]} <= {"validada"}, True)
    for rev in ("live", None):
        extra = ("--revision", rev) if rev else ()
        doc = json.loads(s.pmm("export", "--edition", "2024", *extra, "--format", "json", check=0).stdout)
        eq(doc["alcance"], "todas", "the live edition (%s)" % rev)
    s.pmm("export", "--edition", "2024", "--revision", "1", "-o", "r1.xlsx", check=0)
    s.pmm("export", "--edition", "2024", "-o", "live.xlsx", check=0)

    def strings(name):
        with zipfile.ZipFile(s.path(name)) as z:
            return z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() \
                else "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    contains(strings("r1.xlsx"), "Contiene las acciones validadas de la edición y sus retos.", "revision 1's workbook")
    eq("en cualquier estado" in strings("r1.xlsx"), False, "revision 1's workbook")
    contains(strings("live.xlsx"), "en cualquier estado", "the live workbook keeps its label")


# ---- H16R4: report and check warn about catalogs emptied by hand ----

def empty_catalogs_warned():
    shutil.copy(s.db, s.path("e.db"))
    con = sqlite3.connect(s.path("e.db"))
    con.executescript("DELETE FROM state; DELETE FROM challenge_category;")
    con.commit()
    con.close()
    env = dict(os.environ, LANGUAGE="es", LANG="C.UTF-8")
    for args in (("report", "--edition", "2024", "--format", "text"), ("check",)):
        r = subprocess.run([PMM, "--db", s.path("e.db"), *args], capture_output=True, text=True, env=env)
        warn = [ln for ln in r.stderr.splitlines() if "aviso" in ln and "vacíos" in ln]
        eq(len(warn), 1, " ".join(args) + ": " + r.stderr[:1500])
        contains(warn[0], "pmm %s: aviso: " % args[0])
        contains(warn[0], "states, challenge-categories")
        eq("institutions" in warn[0], False, "only the empty ones")
    for args in (("report", "--edition", "2024", "--format", "text"), ("check",)):
        r = s.pmm(*args)
        eq("vacíos" in r.stderr, False, "full catalogs: no warning")


check("H14R4 a: English order messages quote with \"…\"", english_orders_quoted)
check("H14R4 a: a pack's missing populations quoted in English", english_pack_message_quoted)
check("H14R4 c: edition set E with no option names the options", edition_set_names_its_options)
check("H14R4 d: --lang en --help in English", help_in_lang)
check("H14R4 f: one prefix within pmm user", user_prefix)
check("H13R4: continua_edicion without a folio refused by the import", import_edition_without_folio)
check("H16R4 B: export --revision N says validadas", export_revision_label)
check("H16R4: report and check name the emptied catalogs", empty_catalogs_warned)
done()
