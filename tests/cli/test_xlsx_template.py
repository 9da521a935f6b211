"""pmm template: the capture workbook has its sheets, headers with notes,
frozen panes and validations; with --institution that column is filled and
locked; filled in, it imports. LibreOffice (headless) keeps all of it when
it saves the workbook again, and a workbook LibreOffice made from the demo
CSV imports with the same figures as the CSV."""
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pmmtest import Scratch, SOURCE, check, eq, contains, done
import xlsxmini

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}

s = Scratch()
s.pmm("init", check=0)
s.pmm("edition", "add", "2024", check=0)


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def sheet_names(p):
    return re.findall(r'<sheet [^>]*name="([^"]+)"', p["xl/workbook.xml"])


def sheet_of(p, name):
    """The XML of the sheet called NAME, through the workbook's relationships."""
    rid = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(name), p["xl/workbook.xml"])
    if not rid:
        rid = re.search(r'<sheet [^>]*r:id="([^"]+)"[^>]*name="%s"' % re.escape(name), p["xl/workbook.xml"])
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="%s"'
                       % (rid.group(1), rid.group(1)), p["xl/_rels/workbook.xml.rels"])
    t = target.group(1) or target.group(2)
    return p[t.lstrip("/") if t.startswith("/") else "xl/" + t]


def validations(xml):
    """(sqref column, formula) of each data validation."""
    out = []
    for m in re.finditer(r'<dataValidation ([^>]*)>(.*?)</dataValidation>', xml, re.S):
        col = re.search(r'sqref="([A-Z]+)', m.group(1)).group(1)
        f = re.search(r'<formula1>(.*?)</formula1>', m.group(2))
        out.append((col, f.group(1) if f else ""))
    return sorted(out)


def check_layout(p, protected, frozen=True):
    eq(sheet_names(p), ["Instrucciones", "Acciones", "Retos", "Catálogos"], "sheets")
    acc = sheet_of(p, "Acciones")
    if frozen:      # LibreOffice headless has no view, and drops every pane when it saves
        contains(acc, 'state="frozen"', "Acciones: frozen header")
    v = validations(acc)
    eq([c for c, _ in v], ["B", "C", "F", "G", "H", "I", "J", "L"], "Acciones validations")
    for col, want in [("B", "$B$2"), ("C", "$A$2:$A$24"), ("F", "$E$2"), ("G", "$F$2:$F$5"),
                      ("H", "$G$2:$G$3"), ("I", "$G$2:$G$3"), ("L", "$J$2:$J$11")]:   # L: principios (issue 13)
        f = dict(v)[col]
        contains(f, "Catálogos", "validation of " + col)
        contains(f, want, "validation of " + col)
    eq(dict(v)["J"], "0", "beneficiaries: whole number >= 0")
    eq([c for c, _ in validations(sheet_of(p, "Retos"))], ["A", "C"], "Retos validations")
    eq("<sheetProtection" in acc, protected, "Acciones protected")
    comments = "".join(v for k, v in p.items() if "comments" in k)
    for note in ("Obligatorio", "1 a 23", "Sí o No", "Número entero", "glosario"):
        contains(comments, note, "header notes")


def layout():
    path = s.path("plantilla.xlsx")
    r = s.pmm("template", "--edition", "2024", "-o", path, check=0)
    contains(r.stderr, "plantilla.xlsx")
    p = parts(path)
    check_layout(p, False)
    cat = sheet_of(p, "Catálogos")
    sst = p["xl/sharedStrings.xml"]
    contains(sst, "7 \u2014 Abordar y reducir las vulnerabilidades en la migración")
    contains(sst, "Se entiende como la capacidad")          # a glossary definition
    contains(sst, "Instituto Nacional de Migración")
    contains(cat, '<row r="24"')                              # 23 objectives under the header
    contains(sheet_of(p, "Instrucciones"), "<c ")
    contains(sst, "envíelo a la unidad coordinadora")


check("the template: sheets, frozen headers, notes, drop-downs, whole-number check", layout)


def institution_locked():
    path = s.path("inm.xlsx")
    s.pmm("template", "--edition", "2024", "--institution", "Instituto Nacional de Migración",
          "-o", path, check=0)
    p = parts(path)
    check_layout(p, True)
    acc = sheet_of(p, "Acciones")
    eq(len(re.findall(r'<c r="B\d+"', acc)), 1001, "institution cells (header + 1000)")
    # the filled cells are locked; every other column is unlocked by its column style
    styles = p["xl/styles.xml"]
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1)
    xf = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs, re.S)
    b2 = int(re.search(r'<c r="B2" s="(\d+)"', acc).group(1))
    if 'locked="0"' in xf[b2]:
        raise AssertionError("B2 is not locked: " + xf[b2])
    col_a = int(re.search(r'<col min="1" max="1"[^>]*style="(\d+)"', acc).group(1))
    contains(xf[col_a], 'locked="0"', "column A style")


check("--institution fills the column and locks it", institution_locked)


def unknown_institution():
    r = s.pmm("template", "--edition", "2024", "--institution", "Secretaria de Relaciones Exterirores",
              "-o", s.path("x.xlsx"))
    eq(r.returncode, 1, "exit code")
    contains(r.stderr, "¿quiso decir")
    eq(os.path.exists(s.path("x.xlsx")), False, "file written")


check("an unknown --institution is refused, with suggestions", unknown_institution)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def fill(src, dst):
    """Writes two actions and two challenges into the template at SRC, the way
    a program (or a person) would: into the rows under the headers."""
    p = parts(src)
    with zipfile.ZipFile(src) as z:
        names = z.namelist()
        data = {n: z.read(n) for n in names}
    acc_name = [n for n in names if n.endswith(".xml") and p.get(n) == sheet_of(p, "Acciones")][0]
    ret_name = [n for n in names if n.endswith(".xml") and p.get(n) == sheet_of(p, "Retos")][0]
    rows = {
        2: [("A", "INM-01"), ("B", "INM"), ("C", "7 \u2014 Abordar y reducir las vulnerabilidades en la migración"),
            ("D", "Albergue temporal"), ("F", "Servicios de recepción y/o acompañamiento"),
            ("G", "Migrantes extranjeros"), ("H", "Sí"), ("I", "No"), ("J", 350)],
        3: [("A", "INM-02"), ("B", "INM"), ("C", "4;7"), ("D", "Documentos"), ("H", "No"), ("I", "Sí")],
    }
    acc = p[acc_name]
    for r, cells in rows.items():
        xml = "".join(('<c r="%s%d"><v>%d</v></c>' % (c, r, v)) if isinstance(v, int)
                      else inline("%s%d" % (c, r), v) for c, v in cells)
        new = '<row r="%d">%s</row>' % (r, xml)
        if re.search(r'<row r="%d"[ >]' % r, acc):
            acc = re.sub(r'<row r="%d"[ >].*?</row>' % r, new, acc, count=1, flags=re.S)
        else:
            acc = acc.replace("</sheetData>", new + "</sheetData>")
    ret = p[ret_name].replace("</sheetData>",
                              '<row r="2">%s%s%s</row><row r="3">%s%s</row></sheetData>' % (
                                  inline("A2", "INM-01"), inline("B2", "Falta personal"),
                                  inline("C2", "Falta de recursos financieros, materiales, humanos y tecnológicos"),
                                  inline("A3", "INM-02"), inline("B3", "Trámites lentos")))
    data[acc_name] = acc.encode()
    data[ret_name] = ret.encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(n, data[n])
    return dst


def imports_filled(path, db_scratch):
    r = db_scratch.pmm("import", "--edition", "2024", path, check=0)
    contains(r.stdout, "2 acciones importadas")
    contains(r.stdout, "2 retos")
    f = db_scratch.figures("2024")
    eq(f["actions"], 2, "actions")
    eq(f["by_objective"]["7"]["total"], 2, "objective 7")
    eq(f["by_objective"]["4"]["total"], 1, "objective 4")
    eq(f["beneficiaries"], 350, "beneficiaries")
    eq(f["gender_focus"]["si"], 1, "gender focus")
    eq(f["challenges"]["total"], 2, "challenges")


def filled_imports():
    filled = fill(s.path("inm.xlsx"), s.path("inm-llena.xlsx"))
    d = Scratch()
    d.pmm("init", check=0)
    imports_filled(filled, d)     # the 998 rows with only the locked institution are skipped
    d.close()


check("a template filled programmatically imports", filled_imports)


# ---- LibreOffice ----

def soffice(files, outdir, infilter=None):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/install-deps.sh")
    profile = tempfile.mkdtemp(prefix="pmm-lo-")
    try:
        args = [exe, "-env:UserInstallation=file://" + profile, "--headless"]
        if infilter:
            args.append("--infilter=" + infilter)
        args += ["--convert-to", "xlsx", "--outdir", outdir] + files
        r = subprocess.run(args, capture_output=True, text=True, timeout=300)
        for f in files:
            out = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + ".xlsx")
            if not os.path.exists(out):
                raise AssertionError("LibreOffice did not write %s:\n%s%s" % (out, r.stdout, r.stderr))
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def libreoffice_template():
    out = s.path("lo")
    os.makedirs(out, exist_ok=True)
    src = shutil.copy(s.path("inm-llena.xlsx"), s.path("llena-lo-entrada.xlsx"))
    soffice([src], out)
    saved = os.path.join(out, "llena-lo-entrada.xlsx")
    p = parts(saved)
    check_layout(p, True, frozen=False)
    d = Scratch()
    d.pmm("init", check=0)
    imports_filled(saved, d)
    d.close()


check("LibreOffice saves the filled template again: sheets, validations, lock kept; it imports",
      libreoffice_template)


def libreoffice_csv():
    demo = os.path.join(SOURCE, "data", "demo")
    for n in ("acciones.csv", "retos.csv"):
        shutil.copy(os.path.join(demo, n), s.path(n))
    out = s.path("lo-csv")
    os.makedirs(out, exist_ok=True)
    # 44 = ',' separator, 34 = '"' quote, 76 = UTF-8, 1 = first line
    soffice([s.path("acciones.csv"), s.path("retos.csv")], out, infilter="CSV:44,34,76,1")
    a = Scratch()
    a.pmm("init", check=0)
    a.pmm("import", "--edition", "2024", s.path("acciones.csv"), "--retos", s.path("retos.csv"), check=0)
    b = Scratch()
    b.pmm("init", check=0)
    r = b.pmm("import", "--edition", "2024", os.path.join(out, "acciones.xlsx"),
              "--retos", os.path.join(out, "retos.xlsx"), check=0)
    contains(r.stdout, "379 acciones importadas")
    fa, fb = a.figures("2024"), b.figures("2024")
    for k in sorted(fa):
        eq(fb.get(k), fa[k], "figures[%r]" % k)
    eq(b.dump().count("INSERT INTO action "), a.dump().count("INSERT INTO action "), "actions")
    a.close()
    b.close()


check("a workbook LibreOffice saved from the demo CSV imports with the CSV's figures", libreoffice_csv)

s.close()
done()
