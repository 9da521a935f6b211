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
from pmmtest import Scratch, check, contains, eq, done
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
            eq(s.query("SELECT count(*) FROM pack")[0][0], 0, "nothing loaded")
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


check("a pack with «.» for thousands: «2.000» in the Informe and Compendio, «2,000» in English",
      points_for_thousands)
check("without the key, Spanish keeps the no-break space («2000»)", the_default_keeps_the_space)
check("the units' whole in the pack's style («1.100 departamentos»)", a_thousand_units)
check("a wrong number style is refused, naming pack.json and the key", a_wrong_style_is_refused)
done()
