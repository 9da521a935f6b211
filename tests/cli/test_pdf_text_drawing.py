"""pmm report --format pdf: how the text is drawn (issue 12, speed; report_pdf.c
show_line). A soft hyphen inside a line, and a line's final space, have no
glyph and are not written to the page as marked-content spans of their own
(each cost an empty ActualText span: 4 611 and 236 in the demo's Informe), while the hyphens pango draws at line ends
still come out as U+00AD, and the text extracted is whole."""
import re
import subprocess
import zlib
from pmmtest import Scratch, check, done

s = Scratch()
s.pmm("demo", check=0)
s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", "informe.pdf", check=0)
PDF = s.path("informe.pdf")


def page_streams(path):
    """The inflated content streams that show text."""
    data = open(path, "rb").read()
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            t = zlib.decompressobj().decompress(m.group(1))
        except zlib.error:
            continue
        if b" Tf\n" in t:
            out.append(t.decode("latin-1"))
    return out


def text():
    return subprocess.run(["pdftotext", "-layout", PDF, "-"], capture_output=True, text=True, check=True).stdout


def no_empty_text_spans():
    pages = page_streams(PDF)
    if len(pages) < 20:
        raise AssertionError("only %d page streams with text" % len(pages))
    spans = sum(p.count("/ActualText <feff00ad>") for p in pages)
    if spans:
        raise AssertionError("%d ActualText spans for soft hyphens in the pages" % spans)
    empty = sum(p.count("/ActualText <feff0020> >> BDC\nEMC") for p in pages)
    if empty:
        raise AssertionError("%d empty ActualText spans for line-final spaces" % empty)


def line_end_hyphens_still_extracted():
    t = text()
    ends = len(re.findall("\u00ad\n", t))
    if ends < 20:
        raise AssertionError("only %d lines end in a soft hyphen" % ends)
    inside = re.findall(r"\w\u00ad\w", t)
    if inside:
        raise AssertionError("soft hyphens inside words in the text: %r" % inside[:5])
    if "participación" not in t.replace("\u00ad\n", ""):
        raise AssertionError("a hyphenated word is not whole in the text")


for fn in (no_empty_text_spans, line_end_hyphens_still_extracted):
    check(fn.__name__, fn)
s.close()
done()
