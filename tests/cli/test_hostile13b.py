"""Issue 13, what R13 left (helper R13B): `pmm edition set E --synthetic
yes|no` marks any edition as a synthetic example, and every output that
says «sintética» for the demo's 2023-ejemplo then says it for that edition
(refused on a published edition, like its imprint); the voluntary review
reads its imprint as the Informe does (the pack's issuer when the edition
sets none) and says what is not given with the Informe's one note, never
«(emisor sin indicar)»."""
import json
from pmmtest import ACTION_HEADER, Scratch, check, contains, done, eq
from reportcheck import Doc

ROWS = ACTION_HEADER + "\nX-1,INM,3,Orientación,,,,,,,\nX-2,SRE,5,Consulados,,,,,,,\n"


def two_editions():
    s = Scratch()
    s.pmm("init", check=0)
    for name, period in (("p2023", "2023-01:2023-12"), ("p2024", "2024-01:2024-12")):
        s.pmm("edition", "new", name, "--period", period, check=0)
        s.pmm("import", "--edition", name, s.write(name + ".csv", ROWS), check=0)
    return s


def informe(s, edition):
    s.pmm("report", "--edition", edition, "--format", "html", "-o", "inf.html", check=0)
    return Doc(open(s.path("inf.html"), encoding="utf-8").read()).text


def synthetic_flag():
    s = two_editions()
    try:
        eq(json.loads(s.pmm("trend", "--format", "json", check=0).stdout)["synthetic"], [], "none marked")
        s.pmm("edition", "set", "p2023", "--synthetic", "yes", check=0)
        eq(json.loads(s.pmm("trend", "--format", "json", check=0).stdout)["synthetic"], ["p2023"], "pmm trend")
        contains(s.pmm("trend", "--format", "text", check=0).stdout,
                 "(La edición p2023 es un ejemplo sintético: sus cifras no son reales.)")
        contains(informe(s, "p2024"), "Aviso: la edición anterior, p2023, es un ejemplo sintético que generó pmm")
        s.pmm("review", "--from", "p2023", "--to", "p2024", "-o", "r.html", check=0)
        contains(Doc(open(s.path("r.html"), encoding="utf-8").read()).text, "p2023 (sintética)")
        # the Spanish alias takes it away
        s.pmm("edition", "set", "p2023", "--sintetica", "no", check=0)
        eq(json.loads(s.pmm("trend", "--format", "json", check=0).stdout)["synthetic"], [], "unmarked")
        eq("ejemplo sintético" in informe(s, "p2024"), False, "the Informe no longer says it")
        r = s.pmm("edition", "set", "p2023", "--synthetic", "quizá", check=None)
        eq(r.returncode != 0, True, "another value is refused")
        contains(r.stderr, "--synthetic no admite «quizá»")
        # a published edition: a setting of its Informe, frozen with it
        s.pmm("edition", "set", "p2023", "--state", "publicada", check=0)
        r = s.pmm("edition", "set", "p2023", "--synthetic", "yes", check=None)
        eq(r.returncode != 0, True, "refused while published")
        contains(r.stderr, "La edición está publicada")
        eq(json.loads(s.pmm("trend", "--format", "json", check=0).stdout)["synthetic"], [], "nothing changed")
        s.pmm("edition", "reopen", "p2023", check=0)
        s.pmm("edition", "set", "p2023", "--synthetic", "yes", check=0)
        eq(json.loads(s.pmm("trend", "--format", "json", check=0).stdout)["synthetic"], ["p2023"], "reopened")
    finally:
        s.close()


def demo_still_synthetic():
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        eq(json.loads(s.pmm("trend", "--format", "json", check=0).stdout)["synthetic"], ["2023-ejemplo"], "demo")
    finally:
        s.close()


def review_imprint_as_the_informe():
    # no setting of the edition's own: the issuer is the pack's, as in the Informe, and the
    # licence, which no pack gives, is said missing by the Informe's one note
    s = Scratch()
    try:
        s.pmm("init", check=0)
        s.pmm("edition", "new", "2025", "--period", "2025-01:2025-12", check=0)
        s.pmm("import", "--edition", "2025", s.write("a.csv", ROWS), check=0)
        for lang, issuer, note in (
                ("es", "Unidad de Política Migratoria, Registro e Identidad de Personas",
                 "Sin indicar en esta versión: la licencia."),
                ("en", "Migration Policy, Registration and Identity of Persons Unit",
                 "Not yet stated in this version: the licence.")):
            s.pmm("review", "--from", "2025", "--to", "2025", "--lang", lang, "-o", "r.html", check=0)
            html = open(s.path("r.html"), encoding="utf-8").read()
            text = Doc(html).text
            contains(text, issuer)
            contains(text, note)
            eq("emisor sin indicar" in html or "issuer not stated" in html, False, "no placeholder")
        s.pmm("edition", "set", "2025", "--license", "CC BY 4.0", "--issuer", "Otra Unidad", check=0)
        s.pmm("review", "--from", "2025", "--to", "2025", "-o", "r.html", check=0)
        text = Doc(open(s.path("r.html"), encoding="utf-8").read()).text
        contains(text, "Otra Unidad")
        eq("Sin indicar en esta versión" in text, False, "every setting given: no note")
    finally:
        s.close()


check("--synthetic yes|no marks any edition; refused while published", synthetic_flag)
check("the demo's 2023-ejemplo is still the synthetic one", demo_still_synthetic)
check("the review's imprint as the Informe's: the pack's issuer, one note for what is missing", review_imprint_as_the_informe)
done()
