"""Issue 13 (F13): the Informe shows what the UN asks for beyond the
objectives. Section IV gains «8. Principios rectores del Pacto» (how many
actions name a principle, the most named as a tie group, those no action
names as runs of numbers, and a table of the ten, every figure a mark
recounted from the database) and «9. Buenas prácticas» (the actions a
coordinator marked); a good practice is named first among an objective's
programmes. The Compendio lists each action's principles. Sections 8 and 9, in Spanish and English, are compared with
tests/cli/expected/principios-NAME.LANG.txt, read as an editor would.
With PMM_UPDATE_EXPECTED=1 the expected files are rewritten."""
import re
import os
from pmmtest import Scratch, ACTION_HEADER, SOURCE, check, eq, contains, done
from reportcheck import Doc, Counter, check_marks
from informe_text import InformeText, compare_expected

HEAD = ACTION_HEADER + ",principios\n"

ROWS = {
    # the most named tie (1 and 6), principles never named (2-5, 9, 10), a good practice (F-7)
    "con-principios": [
        'F-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,,,"1;6"',
        'F-2,INM,"1, 3",Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,'
        'Se publicó.,"6;7"',
        'F-3,CAFAMI,3,Talleres,,Capacitación,extranjeros,Sí,No,,Se dieron talleres.,',
        'F-4,CNDH,15,Quejas,,Servicios o asesoría legales,retorno,,No,,,1',
        'F-5,SRE,3,Ventanilla,,Servicios o asesoría legales,exterior,No,No,,Se atendió.,',
        'F-6,chiapas,3,Salud,,Servicios de salud,retorno,Sí,No,,Se hizo.,',
        'F-7,CNDH,3,Acompañamiento,,Servicios o asesoría legales,retorno,No,No,,,8',
    ],
    # every action names one, all tied: no «most named»
    "todas-empatadas": [
        'F-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,,,2',
        'F-2,INM,3,Estadísticas,,Generación de información y/o materiales informativos,extranjeros,No,Sí,,,5',
    ],
    "sin-principios": [
        'F-1,SRE,7,Protección consular,,Servicios o asesoría legales,exterior,Sí,No,,,',
    ],
}
PRACTICES = {"con-principios": ["F-7"]}


def build(name):
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "new", "2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("import", "--edition", "2024", s.write("a.csv", HEAD + "\n".join(ROWS[name]) + "\n"), check=0)
    for folio in PRACTICES.get(name, []):
        import sqlite3
        con = sqlite3.connect(s.db)
        con.execute("INSERT INTO good_practice(action_id, partners) SELECT id, 'OIM' FROM action WHERE folio = ?",
                    (folio,))
        con.commit()
        con.close()
    return s


def informe(s, lang):
    out = "informe-%s.html" % lang
    s.pmm("report", "--edition", "2024", "--format", "html", "--lang", lang, "-o", out, check=0)
    return open(s.path(out), encoding="utf-8").read()


def sections(text, lang):
    """Sections 8 and 9 of part IV, up to the next part."""
    start = text.find("\n## 8. ")
    if start < 0:
        raise AssertionError("no section 8 in:\n" + text[:3000])
    end = text.find("\n# ", start + 1)
    return text[start + 1:end + 1]


def compare(name, lang, text):
    compare_expected("principios-%s.%s.txt" % (name, lang), text, "sections 8 and 9")


def reads_as_expected(name):
    def run():
        s = build(name)
        try:
            for lang in ("es", "en"):
                html = informe(s, lang)
                text = InformeText(html).text
                compare(name, lang, sections(text, lang))
                bad = check_marks(Doc(html), Counter(s.db))
                if bad:
                    raise AssertionError("%s: wrong figures:\n%s" % (lang, "\n".join(bad[:10])))
        finally:
            s.close()
    return run


def good_practice_named_first():
    s = build("con-principios")
    try:
        for lang, head, mark in (("es", "## Objetivo 3.", "Acompañamiento (CNDH; buena práctica)"),
                                 ("en", "## Objective 3.", "Acompañamiento (CNDH; good practice)")):
            text = InformeText(informe(s, lang)).text
            start = text.find(head)
            part = text[start:text.find("\n## ", start + 1)]
            lines = part.split("\n")
            intro = [i for i, l in enumerate(lines) if l.startswith(("Entre los programas", "Programmes reported"))]
            eq(len(intro), 1, lang + ": the programmes of objective 3")
            eq(lines[intro[0] + 1], mark + ".", lang + ": the good practice first, though it wrote no results")
    finally:
        s.close()


def compendio_lists_principles():
    s = build("con-principios")
    try:
        for lang, want in (("es", ["F-1 · Protección consular", "Principios rectores: 1. Centrado en las personas; "
                                   "6. Derechos humanos."]),
                           ("en", ["Guiding principles: 1. People-centred; "
                                   "6. Human rights."])):
            s.pmm("compendio", "--edition", "2024", "--format", "html", "--lang", lang, "-o", "c.html", check=0)
            html = open(s.path("c.html"), encoding="utf-8").read()
            for w in want:
                eq(w in html, True, "%s: %r in the Compendio" % (lang, w))
            # F-2 is listed under objectives 1 and 3: five lines for four actions
            # (a label agrees with its count: «Principio rector:» for one, F12B)
            eq(len(re.findall(r"Principios? rectore?s?:" if lang == "es" else r"Guiding principles?:", html)), 5,
               lang + ": the actions that name one, no line for the others")
    finally:
        s.close()


def demo_example_shows_them():
    """The demo: the synthetic 2023-ejemplo names principles and has two good
    practices that say they are an example; the seed's 2024 has neither."""
    import json
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        gp = json.loads(s.pmm("export", "--good-practices", "--edition", "2023-ejemplo", "--format", "json",
                              check=0).stdout)["practices"]
        eq([p["folio"] for p in gp], ["2023-0016", "2023-0373"], "two good practices")
        for p in gp:
            eq(all("sintético" in p[k] for k in ("partners", "results", "success_factors", "replicability",
                                                 "lessons_learned")), True, p["folio"] + " labelled synthetic")
        eq(json.loads(s.pmm("export", "--good-practices", "--edition", "2024", "--format", "json",
                            check=0).stdout)["practices"], [], "2024: none")
        eq(s.figures("2024")["guiding_principles"], {str(p): 0 for p in range(1, 11)}, "2024 names none")
        ex = s.figures("2023-ejemplo")["guiding_principles"]
        eq(all(ex[str(p)] > 0 for p in range(1, 11)), True, "2023-ejemplo names all ten: %r" % ex)
        s.pmm("report", "--edition", "2023-ejemplo", "--format", "html", "-o", "e.html", check=0)
        text = InformeText(open(s.path("e.html"), encoding="utf-8").read()).text
        contains(text, "Serie estadística sobre mujeres en contextos de movilidad (UPMRIP), objetivo 1.\n",
                 "the Informe's list")
    finally:
        s.close()


for n in ROWS:
    check("sections 8 and 9: %s" % n, reads_as_expected(n))
check("a good practice is named first among its objective's programmes", good_practice_named_first)
check("the Compendio lists each action's guiding principles", compendio_lists_principles)
check("the demo: 2023-ejemplo (synthetic) names principles and two good practices, 2024 none", demo_example_shows_them)
done()
