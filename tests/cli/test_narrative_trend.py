"""Issue 13: the Informe's «Comparación con la edición anterior». Small
pairs of editions are built from CSV (growth and falls; nothing changed;
coverage gained and lost by several objectives; a previous edition with no
actions), and the section, in Spanish and in English, is compared with
tests/cli/expected/comparacion-NAME.LANG.txt, read as an editor would;
every figure of the whole Informe, the previous edition's included, is
recounted from the database (reportcheck.py). The first edition's Informe
has no such section.

With PMM_UPDATE_EXPECTED=1 the expected files are rewritten from the
output instead (then read them before committing)."""
import os
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, SOURCE, check, eq, contains, done
from reportcheck import Doc, Counter, check_marks
from informe_text import InformeText, compare_expected


R = {
    "sre7": 'X,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,,\n',
    "inm13": 'X,INM,"1, 3",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,\n',
    "inm1323": 'X,INM,"1, 3, 23",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,\n',
    "inm3": 'X,INM,3,Ventanilla,,Servicios o asesoría legales,,No,No,,\n',
    "chis15": 'X,chiapas,15,Salud,,Servicios de salud,retorno,Sí,No,,\n',
    "osc1": 'X,CAFAMI,1,Talleres,,Capacitación,extranjeros,Sí,No,,\n',
    "osc2": 'X,CAFAMI,2,Talleres,,Capacitación,extranjeros,Sí,No,,\n',
    "osc3": 'X,CAFAMI,3,Talleres,,Capacitación,extranjeros,Sí,No,,\n',
    "inm1a10": 'X,INM,"1, 2, 3, 4, 5, 6, 7, 8, 9, 10",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,\n',
    "cndh456": 'X,CNDH,"4, 5, 6",Quejas,,Servicios o asesoría legales,retorno,,No,,\n',
}

# name: (rows of the previous edition, rows of this one)
PAIRS = {
    "crece-y-baja": (["sre7", "inm13", "chis15", "chis15"], ["sre7", "inm1323", "inm3"]),
    "sin-cambios": (["sre7", "inm13"], ["inm13", "sre7"]),
    "cobertura": (["osc1", "osc2", "osc3"], ["cndh456"]),
    "desde-cero": ([], ["sre7", "osc1"]),
    # more than three changes: the largest are named (whole tie groups, at
    # most three objectives), the table has the rest
    "muchos-suben": (["sre7"], ["inm1a10", "inm1a10", "inm13", "inm3"]),
    "muchos-bajan": (["inm1a10", "inm1a10", "inm13"], ["inm3"]),
    "empate-total": (["sre7"], ["inm1a10"]),
    "empate-en-la-cima": (["inm1a10", "inm1a10"], ["sre7"]),
}


def csv(keys):
    return ACTION_HEADER + "\n" + "".join(R[k].replace("X", "F-%d" % i, 1) for i, k in enumerate(keys))


def build(name):
    before, now = PAIRS[name]
    s = Scratch()
    s.pmm("init", check=0)
    for ed, rows in (("2023", before), ("2024", now)):
        s.pmm("edition", "new", ed, "--period", "%s-01:%s-12" % (ed, ed), check=0)
        if rows:
            s.pmm("import", "--edition", ed, s.write(ed + ".csv", csv(rows)), check=0)
    return s


def informe(s, edition, lang):
    out = "informe-%s-%s.html" % (edition, lang)
    s.pmm("report", "--edition", edition, "--format", "html", "--lang", lang, "-o", out, check=0)
    return open(s.path(out), encoding="utf-8").read()


def section(text, lang):
    """The comparison section of the Informe's text, up to the next part."""
    # numbered like sections 1-9 (issue 13, R13B)
    title = "## 10. Comparación con la edición anterior" if lang == "es" else "## 10. Comparison with the previous edition"
    start = text.find("\n" + title)
    if start < 0:
        raise AssertionError("no comparison section in:\n" + text[:3000])
    end = text.find("\n# ", start + 1)
    return text[start + 1:end + 1]


def compare(name, lang, text):
    compare_expected("comparacion-%s.%s.txt" % (name, lang), text, "the comparison")


def pair_reads_as_expected(name):
    def run():
        s = build(name)
        try:
            for lang in ("es", "en"):
                html = informe(s, "2024", lang)
                compare(name, lang, section(InformeText(html).text, lang))
                bad = check_marks(Doc(html), Counter(s.db))
                if bad:
                    raise AssertionError("%s: wrong figures:\n%s" % (lang, "\n".join(bad[:10])))
                first = InformeText(informe(s, "2023", lang)).text
                eq("Comparación con la edición anterior" in first or "Comparison with the previous" in first,
                   False, "the first edition has nothing to compare with")
        finally:
            s.close()
    return run


def previous_published_edition_is_its_revision():
    """The previous edition is read as pmm report reads it: published, its
    revision, which keeps the classification its bodies had then."""
    s = build("crece-y-baja")
    try:
        s.pmm("edition", "set", "2023", "--estado", "publicada", check=0)
        con = sqlite3.connect(s.db)
        con.execute("UPDATE institution SET type = 'OSC', state = NULL WHERE acronym = 'CHIS'")
        con.commit()
        con.close()
        r = s.pmm("report", "--edition", "2024", "--format", "html", "-o", "i.html", check=0)
        contains(r.stderr, "se informa su revisión 1", "stderr")
        text = section(InformeText(open(s.path("i.html"), encoding="utf-8").read()).text, "es")
        contains(text, "de dos a cero en las entidades federativas", "2023 as published")   # issue 12: UN style, small counts in words
        eq("organizaciones de la sociedad civil" in text, False, "the live catalog is not 2023's revision")
    finally:
        s.close()


for n in PAIRS:
    check("comparison: %s" % n, pair_reads_as_expected(n))
check("the previous edition as pmm report reads it", previous_published_edition_is_its_revision)
done()
