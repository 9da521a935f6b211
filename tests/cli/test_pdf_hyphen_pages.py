"""Issue 12, round 6 (S12C): a long paragraph whose every line ends in a
hyphenated word made the PDF's page breaking loop for ever (report_pdf.c,
breaks_at). A page does not end in a hyphenated word: the lines before
the break go to the next page while they end hyphenated and two stay;
when that reached the paragraph's second line, the paragraph went whole
to the next page, and there the same rule sent it on again, without end.
The Compendio of 70 000 actions (bench/gen --seed 3) never finished: its
action S0032431 has a description of 7 789 characters, a demo sentence
repeated, densely hyphenated (tests/web/test_web_server_faults8.py could
not stop the server rendering it). Now the paragraph moves whole once,
and otherwise the page stays full. The PDF is written, with the whole
text; the timeout only catches the loop (the command takes well under a
second)."""
import csv
import subprocess
from pmmtest import PMM, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)
BASE = s.query("SELECT description FROM action WHERE description LIKE 'Campaña en medios digitales%'")[0][0]
TEXT = " ".join([BASE] * 50)[:7789]        # as bench/gen writes a long description


def long_paragraph():
    with open(s.path("a.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion", "poblacion",
                    "enfoque_genero", "discapacidad", "beneficiarios", "resultados"])
        w.writerow(["S0032431", "Conapred", "17", "Campaña contra la xenofobia hacia personas en movilidad", TEXT,
                    "Difusión (campañas, materiales)", "extranjeros", "No", "Sí", "229097",
                    "La campaña tuvo un alcance de 265,454 personas."])
    s.pmm("edition", "add", "larga", "--from", "2025-01", "--to", "2025-12", check=0)
    s.pmm("import", "--edition", "larga", s.path("a.csv"), check=0)
    try:
        r = subprocess.run([PMM, "--db", s.db, "compendio", "--edition", "larga", "--all", "--format", "pdf",
                            "-o", s.path("c.pdf")], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise AssertionError("pmm compendio did not finish in 300 s: the page breaking loops")
    eq(r.returncode, 0, "pmm compendio --format pdf\n" + r.stderr[-500:])
    text = subprocess.run(["pdftotext", s.path("c.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    contains(" ".join(text.split()), "265,454 personas", "the PDF's text (the record's last field)")
    whole = text.replace("-\n", "").count("Campaña en medios")
    eq(whole, TEXT.count("Campaña en medios"), "the description's sentences in the PDF's text")


check("a paragraph whose every line ends hyphenated is laid out", long_paragraph)
done()
