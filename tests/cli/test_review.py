"""pmm review (issue 13, docs/review.md): the draft of the voluntary GCM
review over the editions of a review period. Every figure of the HTML is
recounted from the database through its data-filter (reportcheck) and the
per-edition counts equal pmm trend's; the structure follows the guidance
(chapters, the roundtables grouping the objectives, a chapter per guiding
principle, annexes); English; PDF and DOCX (LibreOffice opens the DOCX);
a stored review's texts replace the placeholders; refusals."""
import json
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pmmtest import Scratch, check, eq, contains, done
from reportcheck import Doc, Counter, check_marks

s = Scratch()
s.pmm("demo", check=0)
RANGE = ("--from", "2023-ejemplo", "--to", "2024")
ROUNDTABLES = {1: [2, 5, 6, 12, 18], 2: [4, 8, 9, 10, 11, 13, 21], 3: [14, 15, 16, 19, 20, 22],
               4: [1, 3, 7, 17, 23]}
PLACEHOLDER = "[Texto por redactar por la unidad coordinadora:"


class ReviewCounter(Counter):
    """reportcheck's Counter, plus the review's two filters of its own:
    principio=N (actions tagged with guiding principle N) and mesa=M
    (actions with an objective of IMRF roundtable M)."""

    def count(self, flt):
        m = re.search(r"&(principio|mesa)=(\d+)", flt)
        if not m:
            return super().count(flt)
        base = flt.replace(m.group(0), "")
        ids = self.ids(base)
        if m.group(1) == "principio":
            sql = "SELECT count(DISTINCT action_id) FROM action_principle WHERE principle = ? AND action_id IN (%s)"
        else:
            sql = ("SELECT count(DISTINCT ao.action_id) FROM action_objective ao JOIN objective o ON o.n = ao.objective"
                   " WHERE o.roundtable = ? AND ao.action_id IN (%s)")
        return self.con.execute(sql % ",".join("?" * len(ids)) if ids else sql % "NULL",
                                [int(m.group(2))] + ids).fetchone()[0]

    def ids(self, flt):
        from urllib.parse import parse_qs
        q = parse_qs(flt)
        ed = self.edition(q["edicion"][0])
        return [r[0] for r in self.con.execute("SELECT id FROM action WHERE edition_id = ? AND status = ?",
                                               (ed, self.status))]


def review(*args, name="r.html", lang="es"):
    s.pmm("review", *args, "-o", name, check=0, lang=lang)
    return open(s.path(name), encoding="utf-8").read() if name.endswith(".html") else None


HTML = review(*RANGE)
DOC = Doc(HTML)


def every_figure_recounted():
    assert len(DOC.marks) > 300, "only %d marks" % len(DOC.marks)
    bad = check_marks(DOC, ReviewCounter(s.db))
    eq(bad, [], "figures that the database does not give")


def figures_equal_pmm_trend():
    t = json.loads(s.pmm("trend", "--editions", "2023-ejemplo,2024", "--format", "json", check=0).stdout)
    seen = 0
    for m in DOC.marks:
        if m.cls != "fig":
            continue
        q = dict(p.split("=", 1) for p in m.filter.split("&"))
        ed = q.pop("edicion")
        if q == {"medida": "acciones"}:
            eq(m.value, t["actions"][ed], "actions of " + ed)
            seen += 1
        elif set(q) == {"medida", "objetivo"}:
            eq(m.value, t["by_objective"][q["objetivo"]][ed], "objective %s of %s" % (q["objetivo"], ed))
            seen += 1
        elif set(q) == {"medida", "tipo"} and q["medida"] == "acciones":
            eq(m.value, t["by_reporter_type"][q["tipo"]][ed], "type %s of %s" % (q["tipo"], ed))
            seen += 1
        elif q == {"medida": "retos"}:
            eq(m.value, t["challenges_total"][ed], "challenges of " + ed)
            seen += 1
    assert seen > 60, "only %d figures compared with pmm trend" % seen


def structure():
    h = DOC.headings
    for anchor in ("introduccion", "metodologia", "quien-informo", "politica", "progreso", "principios", "retos",
                   "medios", "proximos-pasos", "anexos", "anexo-cifras", "anexo-practicas", "anexo-instancias"):
        assert anchor in h, "no chapter %s: %s" % (anchor, h)
    eq([x for x in h if x.startswith("principio-")], ["principio-%d" % p for p in range(1, 11)], "a chapter per principle")
    # each objective under its roundtable, the roundtables in order
    mesas = [x for x in h if x.startswith("mesa-")]
    eq(mesas, ["mesa-1", "mesa-2", "mesa-3", "mesa-4"], "roundtables")
    for m, objs in ROUNDTABLES.items():
        start = h.index("mesa-%d" % m)
        end = h.index("mesa-%d" % (m + 1)) if m < 4 else h.index("poblaciones")
        eq(sorted(int(x.split("-")[1]) for x in h[start:end] if x.startswith("objetivo-")), objs,
           "objectives of roundtable %d" % m)
    order = [h.index(a) for a in ("introduccion", "metodologia", "politica", "progreso", "principios", "retos",
                                  "medios", "proximos-pasos", "anexos")]
    eq(order, sorted(order), "chapters in the guidance's order")
    eq(DOC.text.count(PLACEHOLDER), 4, "a placeholder for each text only people write")
    contains(DOC.text, "Examen voluntario del Pacto Mundial para la Migración 2023-ejemplo\u20132024")
    contains(DOC.text, "Abarca las ediciones 2023-ejemplo (junio de 2022 a junio de 2023; ejemplo sintético: sus cifras"
             " no son reales) y 2024")
    contains(DOC.text, "Enfoque pansocial: en al menos una edición del periodo informaron instancias de este tipo: "
             "Organizaciones de la Sociedad Civil.")
    contains(DOC.text, "; no informó ninguna instancia del tipo Poder Legislativo.")
    # the challenge category that grew most, recounted: the largest rise between the editions
    rows = s.query("SELECT k.name, sum(e.name = '2024') - sum(e.name = '2023-ejemplo') FROM challenge c"
                   " JOIN action a ON a.id = c.action_id JOIN edition e ON e.id = a.edition_id"
                   " JOIN challenge_category k ON k.id = c.category_id WHERE a.status = 'validada'"
                   " AND e.name IN ('2023-ejemplo', '2024') GROUP BY k.name ORDER BY 2 DESC LIMIT 2")
    assert rows[0][1] > rows[1][1], rows
    contains(DOC.text, "La categoría que más creció en el periodo: «%s» (+%d)." % rows[0])


def one_edition_and_the_whole_range():
    one = Doc(review("--from", "2024", "--to", "2024", name="one.html"))
    assert not [m for m in one.marks if "2023-ejemplo" in m.filter], "a review of 2024 counts 2023-ejemplo"
    eq(check_marks(one, ReviewCounter(s.db)), [], "one edition")
    three = Doc(review("--from", "2023-ejemplo", "--to", "2025", name="three.html"))
    assert any("edicion=2025" in m.filter for m in three.marks), "2025 is in the period"


def english():
    en = Doc(review(*RANGE, "--lang", "en", name="en.html"))
    contains(en.text, "Voluntary GCM review 2023-ejemplo\u20132024")
    for title in ("Methodology and process of preparation of the review", "Policy and enabling environment",
                  "Means of implementation", "Next steps", "International Migration Review Forum roundtable 1"):
        contains(en.text, title)
    eq(en.text.count("[Text to be written by the coordinating unit:"), 4, "English placeholders")
    assert PLACEHOLDER not in en.text
    eq(check_marks(en, ReviewCounter(s.db)), [], "English figures")


def libreoffice(path, outdir):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/install-deps.sh")
    profile = tempfile.mkdtemp(prefix="pmm-lo-")
    try:
        r = subprocess.run([exe, "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "html",
                            "--outdir", outdir, path], capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".html")
    if not os.path.exists(out):
        raise AssertionError("LibreOffice did not open %s:\n%s%s" % (path, r.stdout, r.stderr))
    return open(out, encoding="utf-8", errors="replace").read()


def pdf_and_docx():
    review(*RANGE, "--format", "pdf", name="r.pdf")
    with open(s.path("r.pdf"), "rb") as f:
        eq(f.read(5), b"%PDF-", "PDF")
    review(*RANGE, "--format", "docx", name="r.docx")
    with zipfile.ZipFile(s.path("r.docx")) as z:
        body = z.read("word/document.xml").decode("utf-8")
    contains(body, "Progreso por objetivo")
    out = libreoffice(s.path("r.docx"), s.path("lo"))
    h1 = [re.sub(r"<[^>]+>|\s+", " ", x).strip() for x in re.findall(r"<h1[^>]*>(.*?)</h1>", out, re.S)]
    for title in ("II. Metodología y proceso de preparación del examen", "V. Principios rectores", "Anexos"):
        assert any(title in x for x in h1), "LibreOffice sees no heading %r: %r" % (title, h1)
    eq(out.count("<table"), HTML.count("<table"), "tables LibreOffice sees")


def stored_review_texts():
    s.query("SELECT 1")
    import sqlite3
    con = sqlite3.connect(s.db)
    ids = dict(con.execute("SELECT name, id FROM edition"))
    con.execute("INSERT INTO review(name, from_edition_id, to_edition_id, policy, next_steps) VALUES (?,?,?,?,?)",
                ("imrf-2026", ids["2023-ejemplo"], ids["2024"], "La Ley de Migración.\n\nEl Programa Sectorial.",
                 "Ampliar el registro <b>&amp;</b> compartirlo."))
    con.commit()
    con.close()
    d = Doc(review("--review", "imrf-2026", name="stored.html"))
    contains(d.text, "La Ley de Migración.")
    contains(d.text, "El Programa Sectorial.")
    contains(d.text, "Ampliar el registro <b>&amp;</b> compartirlo.")   # as typed: escaped, not markup
    eq(d.text.count(PLACEHOLDER), 2, "the texts not written keep their placeholder")
    eq(len(d.marks), len(DOC.marks), "the same figures as --from/--to")
    # --from/--to agreeing with the review are accepted; others refused
    review("--review", "imrf-2026", *RANGE, name="stored2.html")
    r = s.pmm("review", "--review", "imrf-2026", "--from", "2024", "-o", "x.html")
    eq(r.returncode, 1, r.stderr)
    contains(r.stderr, "abarca de «2023-ejemplo» a «2024»")
    r = s.pmm("review", "--review", "nosuch", "-o", "x.html")
    eq(r.returncode, 1, r.stderr)
    contains(r.stderr, "no existe el examen «nosuch»")


def principles_and_good_practices():
    # 2024 read live (reopened), a few of its actions tagged and one a good practice
    t = Scratch()
    t.pmm("demo", check=0)
    t.pmm("edition", "reopen", "2024", check=0)
    import sqlite3
    con = sqlite3.connect(t.db)
    acts = [r[0] for r in con.execute("SELECT a.id FROM action a JOIN edition e ON e.id = a.edition_id"
                                      " WHERE e.name = '2024' AND a.status = 'validada' ORDER BY a.id LIMIT 5")]
    for i, a in enumerate(acts):
        con.execute("INSERT INTO action_principle VALUES (?, ?)", (a, 1 + i % 2))
    con.execute("INSERT INTO good_practice(action_id, results) VALUES (?, 'Resultados')", (acts[0],))
    name = con.execute("SELECT name FROM action WHERE id = ?", (acts[0],)).fetchone()[0]
    con.commit()
    con.close()
    t.pmm("review", *RANGE, "-o", "p.html", check=0)
    d = Doc(open(t.path("p.html"), encoding="utf-8").read())
    eq(check_marks(d, ReviewCounter(t.db)), [], "figures with principles")
    got = {m.filter: m.value for m in d.marks if m.cls == "fig" and "principio=" in m.filter}
    eq(got["edicion=2024&medida=acciones&principio=1"], 3, "principle 1")
    eq(got["edicion=2024&medida=acciones&principio=2"], 2, "principle 2")
    contains(d.text, "Buenas prácticas que lo aplican: «%s» (2024)" % name)
    contains(d.text, name + "\n")       # Annex B lists it
    assert "Ninguna acción de las ediciones del periodo está marcada" not in d.text
    t.close()


def refusals():
    for args, msg in ((("--from", "nosuch", "--to", "2024"), "no existe la edición «nosuch»"),
                      (("--from", "2023-ejemplo", "--to", "nosuch"), "no existe la edición «nosuch»"),
                      (("--from", "2024", "--to", "2023-ejemplo"), "la edición «2024» es posterior a «2023-ejemplo»"),
                      (("--from", "2024"), "falta --to EDICIÓN")):   # issue 14 (F14A): cli_args, a usage error
        r = s.pmm("review", *args, "-o", "refused.html")
        eq(r.returncode, 2 if "falta" in msg else 1, " ".join(args) + ": " + r.stderr)
        contains(r.stderr, msg)
        assert not os.path.exists(s.path("refused.html")), "a refused review wrote its file"
    r = s.pmm("review", *RANGE, "--format", "odt", "-o", "x.odt")
    eq(r.returncode, 2, r.stderr)
    r = s.pmm("review", *RANGE, "--format", "pdf")
    eq(r.returncode, 2, "pdf without -o")


for fn in (every_figure_recounted, figures_equal_pmm_trend, structure, one_edition_and_the_whole_range, english,
           pdf_and_docx, stored_review_texts, principles_and_good_practices, refusals):
    check(fn.__name__, fn)
s.close()
done()
