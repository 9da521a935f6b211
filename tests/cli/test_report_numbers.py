"""Issue 12: numbers in the Informe and the Compendio as the United Nations
Editorial Manual writes them (docs/report.md, "Numbers in running text").
Counts of zero to nine in running text are words («seis instancias»,
"six bodies"), a Spanish «1» agreeing with its noun («un gobierno
estatal», «una instancia», «un organismo»); figures stay figures in tables,
charts, in parentheses after a name, beside a larger number counting the
same thing («2 de las 32 entidades federativas»), and for percentages; and
no sentence starts with a figure. Checked through `pmm report --format
html` (and the Compendio) in both languages, on a small edition and on the
demo; every number, word or figure, still carries its filter and is
recounted from the database (reportcheck.py)."""
import re
from pmmtest import Scratch, ACTION_HEADER, check, contains, done
from reportcheck import Doc, Counter, check_marks
from informe_text import InformeText

# five bodies of four reporter types (an APF «dependencia», a state
# «gobierno», a judicial «instancia», a constitutional «organismo»), one
# state of 32; three of the six actions name a guiding principle
ROWS = """
A-1,SRE,15,Consulados móviles,Jornadas de atención consular.,Servicios o asesoría legales,extranjeros,Sí,No,,,1
A-2,Segob,15,Módulos de atención,Orientación en albergues.,Servicios o asesoría legales,exterior,No,No,300,Se atendió a 300 personas.,1;6
A-3,chiapas,15,Salud para todas,,Servicios de salud,retorno,Sí,No,,,
A-4,chiapas,7,Albergue estatal,,Servicios de recepción y/o acompañamiento,extranjeros,No,No,,,
A-5,SCJN,"4, 15",Protocolo de actuación,,Resolución de sentencias,exterior,,No,,,6
A-6,CNDH,4,Quejas,,Servicios o asesoría legales,retorno,,No,,,
"""
RETOS = """folio,reto,categoria
A-1,Faltan intérpretes,Barreras culturales y de idioma
A-2,Presupuesto,falta de recursos financieros materiales humanos y tecnologicos
A-3,Faltan médicos,Barreras culturales y de idioma
"""


def build():
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "new", "2024", "--period", "2024-01:2024-06", check=0)
    a = s.write("a.csv", ACTION_HEADER + ",principios\n" + ROWS.lstrip("\n"))
    s.pmm("import", "--edition", "2024", a, "--retos", s.write("r.csv", RETOS), check=0)
    return s


def informe(s, lang, what="report"):
    out = "%s-%s.html" % (what, lang)
    s.pmm(what, "--edition", "2024", "--format", "html", "--lang", lang, "-o", out, check=0)
    return open(s.path(out), encoding="utf-8").read()


def prose(text):
    """The paragraphs and notes of an InformeText: no table rows, charts,
    headings or cover lines (which start with a figure by design)."""
    out = []
    for line in text.splitlines():
        if " | " in line or line.startswith(("[gráfica]", "  ", "#")) or not line.strip():
            continue
        out.append(line[len("[nota] "):] if line.startswith("[nota] ") else line)
    return out


def sentences_starting_with_a_figure(lines):
    bad = []
    for line in lines:
        for m in re.finditer(r'(?:^|[.!?][»”")]? +)(\d[\d,.\u00a0]*)', line):
            bad.append(line[max(0, m.start() - 30):m.end() + 40])
    return bad


def small_edition_in_words():
    s = build()
    try:
        for lang in ("es", "en"):
            html = informe(s, lang)
            bad = check_marks(Doc(html), Counter(s.db))
            if bad:
                raise AssertionError("%s: wrong figures:\n%s" % (lang, "\n".join(bad[:10])))
        text = InformeText(informe(s, "es")).text
        # words in running text, with the gender of each noun
        contains(text, "se contó con la participación de cinco instancias: dos dependencias de la Administración "
                       "Pública Federal, un gobierno estatal, una instancia del Poder Judicial y un organismo "
                       "constitucional autónomo.")
        contains(text, "En total, se contabilizaron seis programas y acciones, vinculados a los objetivos del PMM "
                       "en siete ocasiones")
        contains(text, "El objetivo 15 está conformado por cuatro acciones")
        contains(text, "se reportaron seis acciones: dos de la Administración Pública Federal, dos de las "
                       "entidades federativas, una del Poder Judicial y una de los organismos constitucionales "
                       "autónomos.")
        contains(text, "Se reportaron tres retos, clasificados en dos categorías. En tres de las seis acciones no "
                       "se reportó ningún reto.")
        # figures: beside a larger number of the same thing, in parentheses, in tables
        contains(text, "La participación estatal abarcó 1 de las 32 entidades federativas.")
        contains(text, "Se reportaron acciones para 3 de los 23 objetivos del PMM.")
        contains(text, "(1 cada uno)")
        contains(text, "\nPoder Judicial | 1 | 1 | 17\u00a0%\n")
        contains(text, "\nTotal | 5 | 6 | 100\u00a0%\n")
        contains(text, "  Administración Pública Federal: 2 (33~%)")
        # a sentence never starts with a figure: «3 de las 6 acciones indican…» did
        contains(text, "De las seis acciones, tres indican al menos uno de los diez principios rectores del Pacto.")
        en = InformeText(informe(s, "en")).text
        contains(en, "This report draws on the contributions of five bodies: two Federal Public Administration "
                     "bodies, one state government, one judicial body, and one constitutional autonomous body.")
        contains(en, "In all, six programmes and actions were recorded, linked to the objectives of the Compact "
                     "seven times")
        contains(en, "State participation covered 1 of the 32 states.")
        contains(en, "Of the six actions, three name at least one of the Compact's ten guiding principles.")
        contains(en, "Of the six actions reported, two (33 per cent) state a specific focus")
        contains(en, "\nJudiciary | 1 | 1 | 17%\n")
        for lang, t in (("es", text), ("en", en)):
            bad = sentences_starting_with_a_figure(prose(t))
            if bad:
                raise AssertionError("%s: sentences starting with a figure:\n%s" % (lang, "\n".join(bad)))
    finally:
        s.close()


def compendio_in_words():
    s = build()
    try:
        for lang, want in (("es", ["Este Compendio General reúne las seis acciones reportadas en la edición",
                                   "Para este objetivo se reportaron cuatro acciones.",
                                   "Para este objetivo se reportó una acción."]),
                           ("en", ["This General Compendium gathers the six actions of the edition",
                                   "For this objective, four actions were reported.",
                                   "For this objective, one action was reported."])):
            html = informe(s, lang, "compendio")
            text = Doc(html).text
            for w in want:
                contains(text, w, "Compendio (%s)" % lang)
            bad = check_marks(Doc(html), Counter(s.db))
            if bad:
                raise AssertionError("%s: wrong figures:\n%s" % (lang, "\n".join(bad[:10])))
    finally:
        s.close()


def demo_never_starts_a_sentence_with_a_figure():
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        for lang in ("es", "en"):
            text = InformeText(informe(s, lang)).text
            bad = sentences_starting_with_a_figure(prose(text))
            if bad:
                raise AssertionError("%s: sentences starting with a figure:\n%s" % (lang, "\n".join(bad)))
            # the demo's large counts stay figures, a small one in words
            contains(text, "379" if lang == "es" else "379 actions")
        es = InformeText(informe(s, "es")).text
        contains(es, "El objetivo 6 está conformado por ocho acciones, reportadas a partes iguales por la "
                     "Administración Pública Federal y las entidades federativas (4 cada una).")
        contains(es, "los que menos reúnen son el 11, el 12 y el 20, con 4 acciones cada uno")
    finally:
        s.close()


check("a small edition's Informe writes counts of one to nine in words, tables in figures (es, en)",
      small_edition_in_words)
check("the Compendio's introduction and objectives write small counts in words (es, en)", compendio_in_words)
check("no sentence of the demo Informe starts with a figure (es, en)", demo_never_starts_a_sentence_with_a_figure)
done()
