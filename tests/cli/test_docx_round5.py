"""Issue 12, hostile round 5 (the tester's /work/wt/notes/s11/t12-report.md),
the Word faults fixed by helper f12c: 5, a record's lines that end at a
line break are not stretched across the page (LibreOffice converts the
Compendio to PDF, whose lines are read back); 6, a blank line of the
preamble (spaces, a Windows CR) starts a new paragraph in the DOCX and the
HTML. Each check fails on the code before its fix."""
import csv
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
import xml.etree.ElementTree as ET
from pmmtest import Scratch, check, contains, done, eq

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
s = Scratch()
s.pmm("init", check=0)
s.pmm("edition", "add", "nl", "--period", "2025-01:2025-12", check=0)
with open(s.path("nl.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(("edicion,folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,enfoque_genero,"
                "discapacidad,beneficiarios,resultados").split(","))
    w.writerow(["nl", "N-1", "SRE", "7", "Programa de atención",
                "Objetivo del programa:\nBrindar atención consular.\nCobertura: nacional.", "Capacitación",
                "extranjeros", "No", "No", "5", "Se atendió a cinco personas.\nSe publicó un informe."])
s.pmm("import", "--edition", "nl", "nl.csv", check=0)


def docx_part(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def body_paragraphs(path):
    """The text of every paragraph of the body."""
    root = ET.fromstring(docx_part(path, "word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]


def soffice_pdf_text(path):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/install-deps.sh")
    profile = tempfile.mkdtemp(prefix="pmm-lo-")
    outdir = s.path("lo")
    try:
        subprocess.run([exe, "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf",
                        "--outdir", outdir, path], capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if not os.path.exists(pdf):
        raise AssertionError("LibreOffice did not convert " + path)
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout


# ---- 5: a record's lines are not justified across the page ----

def shift_return_not_expanded():
    s.pmm("compendio", "--edition", "nl", "--format", "docx", "-o", "nl.docx", check=0)
    contains(docx_part(s.path("nl.docx"), "word/settings.xml").decode(), "<w:doNotExpandShiftReturn/>",
             "settings.xml")
    text = soffice_pdf_text(s.path("nl.docx"))
    for start in ("Descripción:", "Resultados:"):
        line = next((l for l in text.splitlines() if l.strip().startswith(start)), None)
        eq(line is not None, True, start + " in LibreOffice's page:\n" + text)
        eq(re.search(r"\S {4,}\S", line.strip()), None, "the line before a break is not stretched: %r" % line)
    contains(text, "Brindar atención consular.", "the second line, its words one space apart")


# ---- 6: a blank line of the preamble is a new paragraph ----

PREAMBLE = "Primer párrafo.\r\n \r\nSegundo párrafo,\r\nen dos líneas.\n\t\nTercero."


def preamble_paragraphs():
    s.write("pre.txt", PREAMBLE)
    s.pmm("edition", "set", "nl", "--preamble", "pre.txt", check=0)
    for lang in ("es", "en"):
        docx, html = "r-%s.docx" % lang, "r-%s.html" % lang
        s.pmm("report", "--edition", "nl", "--lang", lang, "--format", "docx", "-o", docx, check=0)
        s.pmm("report", "--edition", "nl", "--lang", lang, "--format", "html", "-o", html, check=0)
        paras = body_paragraphs(s.path(docx))
        for want in ("Primer párrafo.", "Segundo párrafo,en dos líneas.", "Tercero."):
            eq(want in paras, True, "%s: «%s» is a paragraph of its own: %r" % (lang, want, [
                p for p in paras if "párrafo" in p or "Tercero" in p]))
        page = open(s.path(html), encoding="utf-8").read()
        got = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", page, re.S)]
        for want in ("Primer párrafo.", "Tercero."):
            eq(want in got, True, "%s HTML: «%s» is a <p> of its own: %r" % (lang, want, [
                p for p in got if "párrafo" in p or "Tercero" in p]))


check("5: a record's lines that end at a break are not stretched (doNotExpandShiftReturn, LibreOffice)",
      shift_return_not_expanded)
check("6: a blank line of the preamble, with spaces or a CR, starts a paragraph in DOCX and HTML",
      preamble_paragraphs)
done()
