"""The number style of a country's pack (issue 16, docs/packs.md):
"numeros": {"miles": ".", "decimal": ","} (Colombia, Guatemala) makes the
Spanish Informe, Compendio, charts and dashboard write «2.000» and
«1.200»; without it Spanish keeps the no-break space that does not split
four digits («2000», «12 345»), and English writes «2,000» either way. A
separator pmm does not know, or the same for thousands and decimals, is
refused naming pack.json and the key."""
import json
import os
import re
import shutil
import subprocess
from pmmtest import Scratch, ACTION_HEADER, check, contains, eq, done
import xlsxmini
from informe_text import InformeText
from packwords import GT, ACTIONS


def with_numbers(s, numeros):
    d = s.path("pack")
    shutil.copytree(GT, d)
    p = os.path.join(d, "pack.json")
    j = json.load(open(p, encoding="utf-8"))
    if numeros is not None:
        j["numeros"] = numeros
    json.dump(j, open(p, "w", encoding="utf-8"), ensure_ascii=False)
    return d


def loaded(numeros):
    s = Scratch()
    s.pmm("init", "--pack", with_numbers(s, numeros), check=0)
    s.write("a.csv", ACTIONS)      # 1200 + 300 + 500 beneficiaries
    s.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
    return s


def informe(s, lang, fmt="html"):
    if fmt == "html":
        return InformeText(s.pmm("report", "--edition", "2025", "--format", "html", "--lang", lang, "-o", "-",
                                 check=0).stdout).text
    s.pmm("report", "--edition", "2025", "--format", "pdf", "--lang", lang, "-o", "i.pdf", check=0)
    return subprocess.run(["pdftotext", s.path("i.pdf"), "-"], capture_output=True, text=True, check=True).stdout


def points_for_thousands():
    s = loaded({"miles": ".", "decimal": ","})
    try:
        contains(informe(s, "es"), "2.000 | personas beneficiarias", "the Informe (es, html)")
        contains(re.sub(r"\s+", " ", informe(s, "es", "pdf")), "2.000", "the Informe (es, pdf)")
        contains(informe(s, "en"), "2,000 | ", "the Informe (en): English keeps its comma")
        s.pmm("compendio", "--edition", "2025", "--format", "html", "-o", "c.html", check=0)
        contains(open(s.path("c.html"), encoding="utf-8").read(), "1.200", "the Compendio (es)")
    finally:
        s.close()


def the_default_keeps_the_space():
    s = loaded(None)
    try:
        text = informe(s, "es")
        contains(text, "2000 | personas beneficiarias", "four digits not split")
        if "2.000" in text:
            raise AssertionError("a point for thousands without the pack asking for it")
    finally:
        s.close()


def a_wrong_style_is_refused():
    for numeros, want in (({"miles": "_"}, "numeros.miles"), ({"miles": ",", "decimal": ","}, "numeros.miles"),
                          ({"miles": ","}, "numeros.decimal"), ({"decimal": ";"}, "numeros.decimal")):
        s = Scratch()
        try:
            r = s.pmm("init", "--pack", with_numbers(s, numeros), check=1)
            contains(r.stderr, "pack.json")
            contains(r.stderr, want)
            eq(os.path.exists(s.db), False, "nothing loaded, no database file left")   # F16A
        finally:
            s.close()


def a_thousand_units():
    # the whole of the units' catalog is a number too: «2 de los 1.100 departamentos»
    s = Scratch()
    try:
        d = with_numbers(s, {"miles": ".", "decimal": ","})
        with open(os.path.join(d, "states.csv"), "a", encoding="utf-8") as f:
            for n in range(23, 1101):
                f.write("U%04d,Unidad %d,U%d,\n" % (n, n, n))
        s.pmm("init", "--pack", d, check=0)
        s.write("a.csv", ACTIONS)
        s.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
        contains(informe(s, "es"), "La participación departamental abarcó 2 de los 1.100 departamentos.")
        contains(informe(s, "en"), "Departmental participation covered 2 of the 1,100 departments.")
    finally:
        s.close()


# issue 16, tester's fault 1 (helper F16A): «185.000» beneficiaries under
# a pack writing «.» for thousands were imported as 185. Every entry point
# reads a number of people by the pack's style (parse_count).
GT_ROW = "N{i},MINEX,14,Protección,,,,,,{v},"
MX_ROW = "N{i},INM,3,Nombre,,,,,,{v},"


def imported(s, row, values, name="g.csv"):
    """Imports one action per value; their beneficiaries by value."""
    rows = [row.format(i=i, v='"%s"' % v) for i, v in enumerate(values)]
    s.pmm("import", "--edition", "2025", s.write(name, ACTION_HEADER + "\n" + "\n".join(rows) + "\n"),
          check=0)
    got = dict(s.query("SELECT folio, beneficiaries FROM action"))
    return {v: got.get("N%d" % i) for i, v in enumerate(values)}


def refused(s, row, value, *says):
    r = s.pmm("import", "--edition", "2025", s.write("b.csv", ACTION_HEADER + "\n" + row.format(i=99, v='"%s"' % value) + "\n"))
    eq(r.returncode, 1, "%r refused\n%s" % (value, r.stdout + r.stderr))
    contains(r.stderr, "b.csv:2: columna «beneficiarios», valor «%s»" % value)
    for part in says:
        contains(r.stderr, part)
    eq(s.query("SELECT count(*) FROM action WHERE folio = 'N99'")[0][0], 0, "%r: nothing imported" % value)


def imports_read_points_as_thousands():
    s = Scratch()
    try:
        s.pmm("init", "--pack", with_numbers(s, {"miles": ".", "decimal": ","}), check=0)
        good = {"185.000": 185000, "1.500": 1500, "12.345": 12345, "1.000.000": 1000000, "2.000": 2000,
                "12 345": 12345, "12\u00a0345": 12345, "1500": 1500, "120,0": 120, "1.000,000": 1000, "0": 0}
        eq(imported(s, GT_ROW, list(good)), good, "CSV, read by the pack's style")
        # the text cells of a workbook, as a Colombian or Guatemalan Excel keeps them
        header = ACTION_HEADER.split(",")
        cells = [["T%d" % i, "MINEX", "14", "Protección", "", "", "", "", "", v, ""]
                 for i, v in enumerate(("185.000", "1.000.000"))]
        s.pmm("import", "--edition", "2025", xlsxmini.write(s.path("t.xlsx"), [("Acciones", [header] + cells)]),
              check=0)
        eq(s.query("SELECT folio, beneficiaries FROM action WHERE folio LIKE 'T%' ORDER BY folio"),
           [("T0", 185000), ("T1", 1000000)], "XLSX text cells")
        # a cell Excel keeps as a number: whole, it is read; 1.234 is no number of
        # people (its text «1.234» would be 1234 under this pack)
        cells = [["U%d" % i, "MINEX", 14, "Protección", "", "", "", "", "", v, ""]
                 for i, v in enumerate((1500, 1500.0))]
        s.pmm("import", "--edition", "2025", xlsxmini.write(s.path("u.xlsx"), [("Acciones", [header] + cells)]),
              check=0)
        eq(s.query("SELECT folio, beneficiaries FROM action WHERE folio LIKE 'U%' ORDER BY folio"),
           [("U0", 1500), ("U1", 1500)], "XLSX number cells")
        book = xlsxmini.write(s.path("v.xlsx"), [("Acciones", [header, ["V1", "MINEX", 14, "P", "", "", "", "", "",
                                                                         1.234, ""]])])
        r = s.pmm("import", "--edition", "2025", book, check=1)
        contains(r.stderr, "v.xlsx[Acciones]:2: columna J «beneficiarios», valor «1.234»: la celda guarda un número "
                           "con decimales")
        eq(r.stderr.count("«1.234»"), 1, "said once:\n" + r.stderr)
        # the decimal comma is no thousands separator: never guessed
        refused(s, GT_ROW, "185,000", "es ambiguo", "«,» es el separador decimal",
                "escriba 185000 o 185.000 si son miles de personas, o 185 si no")
        for bad in ("1,500", "1.50", "1,5", "1.5000", "2.000,5", "1.000 000", ".500", "1..500"):
            refused(s, GT_ROW, bad, "los miles se separan con punto o espacio, en grupos de tres cifras (1.500)")
    finally:
        s.close()


def the_default_refuses_an_ambiguous_point():
    # the Mexican pack (no "numeros": a decimal point) reads «1,500»; «185.000»
    # was 185 there too: refused, as «185,000» is under a decimal comma
    s = Scratch()
    try:
        s.pmm("init", check=0)
        good = {"1,500": 1500, "1 500": 1500, "120.0": 120, "1,185.000": 1185, "0.000": 0, "1500.00": 1500}
        eq(imported(s, MX_ROW, list(good)), good, "the Mexican style")
        refused(s, MX_ROW, "185.000", "es ambiguo", "«.» es el separador decimal",
                "escriba 185000 o 185,000 si son miles de personas, o 185 si no")
        refused(s, MX_ROW, "1.500", "los miles se separan con coma o espacio, en grupos de tres cifras (1,500)")
    finally:
        s.close()


check("a pack with «.» for thousands: «2.000» in the Informe and Compendio, «2,000» in English",
      points_for_thousands)
check("without the key, Spanish keeps the no-break space («2000»)", the_default_keeps_the_space)
check("the units' whole in the pack's style («1.100 departamentos»)", a_thousand_units)
check("a wrong number style is refused, naming pack.json and the key", a_wrong_style_is_refused)
check("fault 1: an import reads «185.000» as 185000 under a «.» pack (CSV, XLSX); «185,000» refused as "
      "ambiguous, a malformed number with an example in the pack's style", imports_read_points_as_thousands)
check("fault 1: the Mexican style reads «1,500»; «185.000» refused as ambiguous, not read as 185",
      the_default_refuses_an_ambiguous_point)
done()
