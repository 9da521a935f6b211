"""Issue 12, the hostile tester's faults N1, N7 and N8 (helper H12A).

N1: the settings printed on one line (the cover, the closing page, the
figures' source lines, the suggested citation: an edition's issuer,
country, place, license and their English forms, its name, the country
pack's words) go through one one-line rule (text_one_line_check): a
direction control (U+202E...) or a line or paragraph separator (U+2028...)
is refused with the option and the character named, in Spanish and
English, exit 2 as «--pais "México\\a"» already was. A value stored before
the rule (an older database) is printed without the character and named
by `pmm check`.
N7: counts in messages agree with their noun: «1 error», «2 errores».
N8: the demo's texts contract «de el» and «a el», and the generator keeps
them so."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pmmtest import Scratch, ACTION_HEADER, SOURCE, check, eq, contains, done, pack_json_edit, pack_refused

IMPRINT_OPTIONS = ["--emisor", "--pais", "--lugar", "--licencia", "--emisor-en", "--pais-en", "--lugar-en",
                   "--issuer", "--country", "--place", "--license"]
# the characters of the tester's report: direction controls, marks, separators
BREAKERS = ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200e", "\u200f", "\u061c", "\u2028", "\u2029", "\u0085"]
ROW = "\nA-1,SRE,7,Protección consular,Asesoría,Servicios o asesoría legales,exterior,Sí,No,120,Se atendió\n"


def edition():
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "new", "2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("import", "--edition", "2024", s.write("a.csv", ACTION_HEADER + ROW), check=0)
    return s


def hand_edit(s, *edits):
    """EDITS, (statement, parameters) pairs, run on S's database in one
    commit, as an older pmm (from before a rule) or a hand edit wrote it."""
    con = sqlite3.connect(s.db)
    for sql, args in edits:
        con.execute(sql, args)
    con.commit()
    con.close()


def one_problem(s, sql, value, *said):
    """`pmm check` after the hand edit SQL (VALUE bound to it): exit 1,
    each of SAID on stderr, and one problem counted; its stderr."""
    hand_edit(s, (sql, (value,)))
    r = s.pmm("check", check=1)
    for line in said + ("pmm check: 1 problema en",):
        contains(r.stderr, line)
    return r.stderr


def informe(s, lang, fmt="html"):
    out = s.path("informe-%s.%s" % (lang, fmt))
    s.pmm("report", "--edition", "2024", "--format", fmt, "--lang", lang, "-o", out, check=0)
    return open(out, encoding="utf-8").read()


def imprint_refuses_breakers():
    s = edition()
    try:
        before = s.dump()
        for opt in IMPRINT_OPTIONS:
            for ch in BREAKERS:
                r = s.pmm("edition", "set", "2024", opt, "Unidad " + ch + "de Prueba")
                eq(r.returncode, 2, "exit for %s U+%04X\n%s" % (opt, ord(ch), r.stderr))
                contains(r.stderr, "pmm edition: %s debe ser texto UTF-8 de una línea" % opt)
                contains(r.stderr, "U+%04X" % ord(ch))
        # what each character does, in the message
        r = s.pmm("edition", "set", "2024", "--emisor", "Unidad \u202eXYZ", check=2)
        contains(r.stderr, "lleva el carácter U+202E, un control de dirección del texto")
        r = s.pmm("edition", "set", "2024", "--lugar", "Mérida\u2028Yucatán", check=2)
        contains(r.stderr, "lleva el carácter U+2028, un salto o separador de línea o de párrafo")
        # the rule that was already there still holds
        r = s.pmm("edition", "set", "2024", "--pais", "México\a", check=2)
        contains(r.stderr, "--pais debe ser texto UTF-8 de una línea y hasta 300 caracteres: "
                           "lleva el carácter de control U+0007")
        # English
        r = s.pmm("edition", "set", "2024", "--issuer", "Unit \u202eXYZ", lang="en")
        eq(r.returncode, 2, "exit in English")
        contains(r.stderr, "pmm edition: --issuer must be one line of UTF-8 text of up to 300 characters: "
                           "holds the character U+202E, a text direction control")
        r = s.pmm("edition", "set", "2024", "--place", "Mérida\u2029Yucatán", lang="en")
        contains(r.stderr, "holds the character U+2029, a line or paragraph break or separator")
        # the message does not carry the character that would reverse it
        eq("\u202e" in r.stderr, False, "no U+202E echoed")
        eq(s.dump(), before, "nothing stored")
        # a value of one line is still taken
        s.pmm("edition", "set", "2024", "--emisor", "Unidad de Prueba", "--lugar", "Mérida", check=0)
    finally:
        s.close()


def edition_names_refuse_breakers():
    s = edition()
    try:
        before = s.dump()
        for ch in ("\u202e", "\u2066", "\u200f", "\u2028", "\u2029"):
            for args in (["edition", "add", "2030" + ch + "b"], ["edition", "new", "2030" + ch + "b"],
                         ["import", "--edition", "2030" + ch + "b", s.path("a.csv")]):
                r = s.pmm(*args)
                eq(r.returncode != 0, True, "refused: %r" % args)
                contains(r.stderr, "no sirve como nombre de edición: lleva el carácter U+%04X" % ord(ch))
                # echoed on one line: a direction control left out, a separator a space
                contains(r.stderr, "«2030 b»" if ch in "\u2028\u2029" else "«2030b»")
                eq(ch in r.stderr, False, "the character echoed")
        r = s.pmm("edition", "add", "2030\u202eb", lang="en")
        contains(r.stderr, "holds the character U+202E")
        eq(s.dump(), before, "nothing stored")
    finally:
        s.close()


def pack_refuses_breakers():
    mx = os.path.join(SOURCE, "data", "packs", "mx")
    for key, ch in (("pais", "\u202e"), ("emisor", "\u2028"), ("lugar", "\u2067")):
        def change(j, key=key, ch=ch):
            j[key]["es"] = "Mé" + ch + "xico"
        err = pack_refused(mx, pack_json_edit(change), "%s.es" % key, "U+%04X" % ord(ch))
        eq(ch in err, False, "the value echoed with its character")
    def noun(j):
        j["unidad_subnacional"]["es"]["plural"] = "entidades\u2029federativas"
    pack_refused(mx, pack_json_edit(noun), "unidad_subnacional.es.plural", "U+2029")


def stored_values_printed_safely():
    """An older database (or a hand edit) holds the characters: the
    publications print the value on one line without them, and `pmm check`
    names them."""
    s = edition()
    try:
        hand_edit(s, ("UPDATE edition SET issuer = ?, place = ?, country_en = ? WHERE name = '2024'",
                      ("Unidad \u202eXYZ\u202c de Prueba", "Mérida\u2028Yucatán", "Mex\u2066ico")),
                  ("UPDATE pack SET value = ? WHERE key = 'emisor.en'", ("Migration\u2029Unit",)))
        for lang in ("es", "en"):
            for fmt in ("html", "text"):
                out = informe(s, lang, fmt)
                for ch in ("\u202e", "\u202c", "\u2028", "\u2066", "\u2029"):
                    eq(ch in out, False, "U+%04X in the %s %s Informe" % (ord(ch), lang, fmt))
        contains(informe(s, "es"), "Elaboró: Unidad XYZ de Prueba.")
        contains(informe(s, "es"), "Mérida Yucatán")
        contains(informe(s, "en"), "Mexico")
        r = s.pmm("check")
        eq(r.returncode, 1, "pmm check names them\n" + r.stdout + r.stderr)
        contains(r.stderr, "edición «2024»: --emisor lleva el carácter U+202E")
        contains(r.stderr, "edición «2024»: --lugar lleva el carácter U+2028")
        contains(r.stderr, "edición «2024»: --pais-en lleva el carácter U+2066")
        contains(r.stderr, "paquete de país: «emisor.en» lleva el carácter U+2029")
        contains(r.stderr, "pmm check: 4 problemas en")
        r = s.pmm("check", lang="en")
        contains(r.stderr, 'edition "2024": --emisor holds the character U+202E')
        contains(r.stderr, "pmm check: 4 problems in")
        # corrected, the check passes
        s.pmm("edition", "set", "2024", "--emisor", "Unidad XYZ", "--lugar", "Mérida", "--pais-en", "Mexico",
              check=0)
        hand_edit(s, ("UPDATE pack SET value = 'Migration Unit' WHERE key = 'emisor.en'", ()))
        s.pmm("check", check=0)
    finally:
        s.close()


def one_problem_agrees():
    s = edition()
    try:
        err = one_problem(s, "UPDATE edition SET issuer = ? WHERE name = '2024'", "Unidad \u202eXYZ")
        eq("(s)" in err, False, "«problema(s)»")
        contains(s.pmm("check", lang="en").stderr, "pmm check: 1 problem in")
        # an edition's name from before the rule is named too
        one_problem(s, "UPDATE edition SET issuer = NULL, name = ? WHERE name = '2024'", "20\u202824",
                    "edición «20 24»: su nombre lleva el carácter U+2028")
    finally:
        s.close()


def import_errors_agree():
    s = Scratch()
    try:
        s.pmm("init", check=0)
        one = s.write("uno.csv", ACTION_HEADER + ROW.replace(",Sí,No,", ",Quizá,No,"))
        two = s.write("dos.csv", ACTION_HEADER + ROW.replace(",Sí,No,", ",Quizá,No,")
                      + ROW.replace("A-1,", "A-2,").replace(",7,", ",99,"))
        r = s.pmm("import", "--edition", "2024", one, check=1)
        contains(r.stderr, "pmm import: No se importó nada: 1 error. Corrija el archivo")
        r = s.pmm("import", "--edition", "2024", two, check=1)
        contains(r.stderr, "pmm import: No se importó nada: 2 errores. Corrija el archivo")
        r = s.pmm("import", "--edition", "2024", one, lang="en")
        contains(r.stderr, "pmm import: Nothing was imported: 1 error. Fix the file")
        r = s.pmm("import", "--edition", "2024", two, lang="en")
        contains(r.stderr, "pmm import: Nothing was imported: 2 errors. Fix the file")
        for r in (s.pmm("import", "--edition", "2024", one), s.pmm("import", "--edition", "2024", two, lang="en")):
            eq(re.search(r"\w\((es|s)\)", r.stderr), None, "«(es)»/«(s)» in\n" + r.stderr)
    finally:
        s.close()


def no_optional_plurals_in_messages():
    """Every user message in the sources and po/en.po: no «error(es)»,
    «problema(s)», "error(s)"."""
    found = []
    for folder, _, files in os.walk(os.path.join(SOURCE, "src")):
        for f in files:
            if f.endswith((".c", ".h")):
                text = open(os.path.join(folder, f), encoding="utf-8").read()
                for m in re.finditer(r'"[^"\n]*[a-záéíóúñ]\((?:es|s|as|os)\)[^"\n]*"', text):
                    found.append("%s: %s" % (f, m.group(0)))
    po = open(os.path.join(SOURCE, "po", "en.po"), encoding="utf-8").read()
    found += re.findall(r'"[^"\n]*[a-záéíóúñ]\((?:es|s|as|os)\)[^"\n]*"', po)
    eq(found, [], "optional plurals")


def demo_contracts():
    bad = []
    for name in ("acciones.csv", "retos.csv"):
        with open(os.path.join(SOURCE, "data", "demo", name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for m in re.finditer(r"\b(de|a|De|A) el\b", line):
                    bad.append("%s:%d: %s" % (name, n, line[max(0, m.start() - 30):m.end() + 30]))
    eq(bad, [], "«de el» / «a el» in data/demo")
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        r = s.pmm("report", "--edition", "2024", "--format", "html", "-o", s.path("d.html"), check=0)
        eq(r.returncode, 0, "report")
    finally:
        s.close()


def generator_keeps_the_contraction():
    """tools/gen_demo.py, run in a copy of the tree, writes data/demo as it
    is committed: the fix survives a regeneration."""
    s = Scratch()
    try:
        root = s.path("tree")
        os.makedirs(os.path.join(root, "tools"))
        shutil.copy(os.path.join(SOURCE, "tools", "gen_demo.py"), os.path.join(root, "tools"))
        shutil.copytree(os.path.join(SOURCE, "data", "packs"), os.path.join(root, "data", "packs"))
        r = subprocess.run([sys.executable, os.path.join(root, "tools", "gen_demo.py")], capture_output=True,
                           text=True)
        eq(r.returncode, 0, "gen_demo.py\n" + r.stderr[-2000:])
        for name in ("acciones.csv", "retos.csv"):
            got = open(os.path.join(root, "data", "demo", name), encoding="utf-8").read()
            want = open(os.path.join(SOURCE, "data", "demo", name), encoding="utf-8").read()
            eq(got == want, True, "regenerated %s equals the committed one" % name)
        contains(open(os.path.join(root, "data", "demo", "retos.csv"), encoding="utf-8").read(),
                 "las áreas internas del gobierno estatal")
    finally:
        s.close()


check("imprint_refuses_breakers", imprint_refuses_breakers)
check("edition_names_refuse_breakers", edition_names_refuse_breakers)
check("pack_refuses_breakers", pack_refuses_breakers)
check("stored_values_printed_safely", stored_values_printed_safely)
check("one_problem_agrees", one_problem_agrees)
check("import_errors_agree", import_errors_agree)
check("no_optional_plurals_in_messages", no_optional_plurals_in_messages)
check("demo_contracts", demo_contracts)
check("generator_keeps_the_contraction", generator_keeps_the_contraction)
done()
