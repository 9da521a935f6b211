"""Issue 12, round 5 (#13): the tagged PDF's structure text, which a screen
reader walking the tags reads (pdfinfo -struct-text), ran the last word of
a line into the first of the next («con baseempírica», «Regular(PMM)»):
pango gives a line's final space no glyph, and cairo writes text only
beside glyphs. pmm now draws that space as the font's space glyph (no
ink, the pages look the same) and the contents' page numbers after a
space («I. Preámbulo 5», not «Preámbulo5»).

Checked on the demo's Informe (es, en) and Compendio (es): for every pair
of consecutive lines of pdftotext's text where the first does not end in
a hyphen or a slash, the two words that meet there must not appear joined
in the structure text. Figures are left out: a chart's labels are drawn
apart and the figure's /Alt text is what a reader reads.

Round 7 (t12w F1-F5): the structure text was also cut. Poppler drops the
rest of an element after an /ActualText span, which cairo writes for a
ligature (every «fi» of the English documents), a cluster with no glyph
(a bidi isolate, a tab, a line's end at a line break) or a hyphen pango
inserts in a word longer than a line; and words met at an explicit line
break, a tab or after a bold label ran together. Every word pdftotext
reads on a page's body must now be in the structure text, as often, in
the demo's documents and in an edition of hostile records."""
import html as htmlmod
import re
import subprocess
from pmmtest import Scratch, check, done, eq

s = Scratch()
s.pmm("demo", check=0)


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def joins(txt):
    """The words that meet at each line end of TXT that is not a hyphen or a
    slash (two numbers left out: a table's cells «1» and «1» are not «11»)."""
    lines = [l.split() for l in txt.splitlines()]
    out = set()
    for a, b in zip(lines, lines[1:]):
        if a and b and not re.search(r"[-\u00ad\u2010/]$", a[-1]) and not (a[-1] + b[0]).isdigit():
            out.add(a[-1] + b[0])
    return out


def structure_words(tree):
    """Each element's words, figures left out: (element, word) pairs."""
    out, element, skip = [], None, None
    for line in tree.splitlines():
        depth = len(line) - len(line.lstrip())
        t = line.strip()
        if skip is not None and depth <= skip:
            skip = None
        if not t.startswith('"'):
            element = t.split()[0] if t else element
            if element == "Figure":
                skip = depth
            continue
        if skip is None:
            out += [(element, w) for w in t.strip('"').split()]
    return out


def no_joined_words(cmd, lang):
    pdf = s.path("%s-%s.pdf" % (cmd, lang))
    s.pmm(cmd, "--edition", "2024", "--lang", lang, "--format", "pdf", "-o", pdf, check=0)
    meet = joins(run("pdftotext", pdf, "-"))
    words = structure_words(run("pdfinfo", "-struct-text", pdf))
    if len(words) < 1000:
        raise AssertionError("only %d words in the structure text" % len(words))
    joined = [(e, w) for e, w in words if w in meet]
    eq(joined[:8], [], "%s --lang %s: words of two lines joined in the structure text (of %d)"
       % (cmd, lang, len(joined)))


check("Informe, es: no two lines' words joined in the structure text", lambda: no_joined_words("report", "es"))
check("Informe, en: no two lines' words joined in the structure text", lambda: no_joined_words("report", "en"))
check("Compendio, es: no two lines' words joined in the structure text",
      lambda: no_joined_words("compendio", "es"))

# ---- every word of the page, as often, in the structure text (round 7)

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                   "\u2066\u2067\u2068\u2069\ufeff-\u2010"))
RTL = "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
EDGES = "".join(chr(c) for c in range(0x21, 0x7f) if not chr(c).isalnum()) + "«»“”‘’…·—–¿¡"


def word(w):
    """W as both sides are compared: no hyphen (pdftotext joins a word
    broken at a line's end), no invisible mark, no punctuation around it."""
    return w.translate(INVISIBLE).strip(EDGES)


def page_words(pdf):
    """The words of each page's body as pdftotext reads them, the running
    head and the page number (two first lines, last line) left out, and a word
    broken at a line's end (hyphen, slash) with the next line's first."""
    out = []
    for page in run("pdftotext", pdf, "-").split("\f"):
        skip = False
        for line in [l for l in page.splitlines() if l.strip()][2:-1]:
            toks = line.split()
            for i, t in enumerate(toks):
                broken = i == len(toks) - 1 and re.search("[-\u2010\u00ad/]$", t)
                if skip or broken:
                    skip = bool(broken)
                    continue
                # pdftotext runs a right-to-left word into the Latin one
                # the page shows beside it («بالعالمy»): each apart
                out += [w for w in map(word, re.findall(RTL + "+|[^" + RTL[1:] + "+", t)) if w]
    return out


def tree_words(pdf):
    """The structure text's words, a word broken after a hyphen also
    joined (pdftotext joins «Inter-» and «and» at a line's end), and its
    figures' text (a chart's labels are drawn apart, so read there run
    together)."""
    words, figures, fig = set(), [], None
    for line in run("pdfinfo", "-struct-text", pdf).splitlines():
        depth = len(line) - len(line.lstrip())
        t = line.strip()
        if fig is not None and depth <= fig:
            fig = None
        if not t.startswith('"'):
            if t.split()[:1] == ["Figure"]:
                fig = depth
            continue
        if fig is not None:
            figures.append(t.translate(INVISIBLE))
        toks = t[1:-1].split()
        words.update(w for w in map(word, toks) if w)
        words.update(word(a + b) for a, b in zip(toks, toks[1:]) if a.endswith("-"))
    return words, " ".join(figures)


def chart_words(html):
    """The words of the charts' labels, from the HTML's SVG of the same
    document: the PDF draws each label apart, and its Figure element is
    read through its /Alt text (the charts' own text is chart_cairo's)."""
    out = set()
    for t in re.findall(r"<text[^>]*>([^<]*)</text>", open(html, encoding="utf-8").read()):
        out.update(word(w) for w in htmlmod.unescape(t).split())
    return out


TREES = {}


def whole(args, what):
    """Every word of the PDF of pmm ARGS (its pages' body) is in its
    structure text, but a chart's labels; the tree kept in TREES[WHAT]."""
    pdf, page = s.path("w.pdf"), s.path("w.html")
    s.pmm(*args, "--format", "pdf", "-o", pdf, check=0)
    s.pmm(*args, "--format", "html", "-o", page, check=0)
    words, figures = tree_words(pdf)
    TREES[what] = run("pdfinfo", "-struct-text", pdf)
    charts = chart_words(page)
    missing = [w for w in page_words(pdf) if w not in words and w not in figures and w not in charts]
    eq(missing[:12], [], "%s: words of the page missing from the structure text (%d)" % (what, len(missing)))


def demo_whole(cmd, lang):
    whole((cmd, "--edition", "2024", "--lang", lang), "%s --lang %s" % (cmd, lang))


def label_joins():
    """A bold label and the Spanish text after it (t12w F5): the space
    between them, a run of its own, was not written."""
    tree = TREES["compendio --lang en"]
    eq(re.findall(r'"(?:Description|Results|Challenge|Action types):[^ "]\S*', tree), [],
       "labels joined to their text")


for cmd in ("report", "compendio"):
    for lang in ("es", "en"):
        check("%s, %s: every word of the pages in the structure text (ligatures)" % (cmd, lang),
              lambda cmd=cmd, lang=lang: demo_whole(cmd, lang))
check("compendio, en: a label and the Spanish text after it apart", label_joins)

# The tester's hostile records (t12w): line breaks of every kind, blank
# lines, a tab, words longer than a line, a link, Arabic and Hebrew, and
# words an English font would draw with ligatures.
LONG = "Supercalifragilisticoexpialidoso" * 4
LONG_ES = "Murciélagoñandú" * 12            # broken after a letter of two bytes (its full name field)
ACC = ("folio,institucion,objetivos,nombre,descripcion,resultados\r\n"
       'A-1,INM,7,"Programa con\nsalto de línea en el nombre","Primera línea de la descripción.\n'
       'Segunda línea tras un salto simple.\r\nTercera tras CRLF.\n   \nNuevo párrafo tras línea de espacios.'
       '\n\n\n\nOtro párrafo tras muchos saltos.\u2028Tras U+2028.\u2029Tras U+2029.",'
       '"Los oficiales fluent figures efficient offline.\nTab\tentre\tpalabras\ty salto."\r\n'
       'A-2,SRE,7;15,%s,"Ver https://www.gob.mx/sre/documentos/informe-anual-2025-sobre-migracion-y-'
       'proteccion-consular-en-el-exterior.pdf y también a/b/c/d/e/f/g. Texto en árabe: مرحبا بالعالم '
       'y hebreo: שלום עולם, fin.",%s\r\n'
       'A-3,INM,3,Solo CR,"Solo CR:\rsegunda tras CR\rtercera.","Uno\r\n\r\nDos tras CRLF en blanco"\r\n'
       'A-4,INM,3,%s,Desc.,Res.\r\n'
       % (LONG, "Palabrasinespacios" * 30, LONG_ES))
RET = 'folio,reto,categoria\nA-1,"Un reto\ncon dos líneas\r\ny CRLF",\n'
PREAMBLE = ("Primera línea del preámbulo\r\nsegunda línea tras CRLF\r\n \t \r\nNuevo párrafo con figuras"
            "\nlínea\n\n\n\n\nÚltimo párrafo del preámbulo.\n")


def hostile():
    s.pmm("edition", "new", "X", "--period", "2025-01:2025-12", check=0)
    s.pmm("import", "--edition", "X", s.write("acc.csv", ACC), "--challenges", s.write("ret.csv", RET), check=0)
    s.pmm("edition", "set", "X", "--preamble", s.write("pre.txt", PREAMBLE), check=0)


def hostile_whole(cmd, lang):
    whole((cmd, "--edition", "X", "--all", "--lang", lang), "edition X, %s --lang %s" % (cmd, lang))


check("hostile records imported", hostile)
for cmd in ("report", "compendio"):
    for lang in ("es", "en"):
        check("edition X, %s, %s: every word of the pages in the structure text" % (cmd, lang),
              lambda cmd=cmd, lang=lang: hostile_whole(cmd, lang))


def elements(tree):
    """The text of each element of TREE, its white space collapsed."""
    return [" ".join(l.strip()[1:-1].split()) for l in tree.splitlines() if l.strip().startswith('"')]


def reads(what, *want):
    """Each text of WANT is an element's text, or a part of one, in the
    structure text of WHAT."""
    texts = elements(TREES[what])
    for w in want:
        if not any(w in t for t in texts):
            near = [t[:200] for t in texts if w.split()[0] in t]
            raise AssertionError("%s: %r is in no element; near:\n%s" % (what, w, "\n".join(near[:6])))


for lang in ("es", "en"):
    comp, inf = "edition X, compendio --lang %s" % lang, "edition X, report --lang %s" % lang
    check("edition X, %s: a record's line breaks (LF, CRLF, CR) and a tab read as spaces (F3)" % lang,
          lambda comp=comp: reads(comp, "Primera línea de la descripción. Segunda línea tras un salto simple. "
                                  "Tercera tras CRLF.", "Un reto con dos líneas y CRLF",
                                  "Solo CR: segunda tras CR tercera.", "offline. Tab entre palabras y salto."))
    check("edition X, %s: the preamble's lines read apart (F3)" % lang,
          lambda inf=inf: reads(inf, "Primera línea del preámbulo segunda línea tras CRLF"))
    check("edition X, %s: a field with Arabic and Hebrew read whole (F2)" % lang,
          lambda comp=comp: reads(comp, "Texto en árabe: مرحبا بالعالم y hebreo: שלום עולם, fin."))
    check("edition X, %s: a word longer than a line read whole (F2)" % lang,
          lambda comp=comp: reads(comp, "A-2 · " + LONG, "Palabrasinespacios" * 30, LONG_ES))


def paragraphs(what, *want):
    """Each text of WANT is the whole text of an element of WHAT."""
    texts = elements(TREES[what])
    for w in want:
        if w not in texts:
            near = [t[:200] for t in texts if w.split()[0] in t]
            raise AssertionError("%s: no element reads %r; near:\n%s" % (what, w, "\n".join(near[:6])))


for lang in ("es", "en"):
    check("edition X, %s: a blank line starts a paragraph, as in the HTML and DOCX (F4)" % lang, lambda lang=lang: (
        paragraphs("edition X, report --lang %s" % lang, "Primera línea del preámbulo segunda línea tras CRLF",
                   "Nuevo párrafo con figuras línea", "Último párrafo del preámbulo."),
        paragraphs("edition X, compendio --lang %s" % lang, "Dos tras CRLF en blanco",
                   "Nuevo párrafo tras línea de espacios.")))
done()
