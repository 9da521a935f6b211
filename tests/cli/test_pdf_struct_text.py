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
apart and the figure's /Alt text is what a reader reads."""
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
done()
