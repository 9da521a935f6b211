"""Issue 14 (helper D14), «Open data» on the command line: the CSV pmm writes
opens in Excel with its accents (UTF-8 with BOM) and says its edition in a
column, which the import checks; and what users really give `pmm import`:
an old .xls or an .ods (refused with the advice to save as .xlsx), the CSV
a spreadsheet saves from the template (its ~1 000 rows holding only the
institution are blank rows, as in the workbook), and a Windows-1252 CSV
(read, converted, with a warning). The spreadsheets are made by LibreOffice
(scripts/install-deps.sh installs libreoffice-calc), as a user makes them."""
import csv
import glob
import io
import json
import os
import shutil
import subprocess
import tempfile
from pmmtest import Scratch, ACTION_HEADER, check, contains, done, eq

s = Scratch()
s.pmm("init", check=0)
s.pmm("edition", "add", "2024", check=0)
s.pmm("template", "--edition", "2024", "--institution", "INM", "-o", "plantilla.xlsx", check=0)


def libreoffice(path, to, outdir):
    """PATH converted by LibreOffice with the filter TO into OUTDIR."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/install-deps.sh")
    profile = tempfile.mkdtemp(prefix="pmm-lo-")
    try:
        subprocess.run([exe, "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", to,
                        "--outdir", outdir, path], capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


LO = s.path("lo")
os.makedirs(LO)
# every sheet of the template as CSV, UTF-8 (76), as «Guardar como» CSV does for the sheet shown
libreoffice(s.path("plantilla.xlsx"), "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
            "false,-1", LO)
libreoffice(s.path("plantilla.xlsx"), "xls", LO)
libreoffice(s.path("plantilla.xlsx"), "ods", LO)


def template_csv():
    """The sheet «Acciones» of the template, as LibreOffice saved it."""
    path = os.path.join(LO, "plantilla-Acciones.csv")
    if not os.path.exists(path):
        raise AssertionError("LibreOffice wrote no CSV: %s" % glob.glob(LO + "/*"))
    return open(path, encoding="utf-8", newline="").read()


ROW = "INM-1,INM,7,Módulo de atención en Tapachula,Atención a niñas y adolescentes,,,Sí,No,1500,"


def template_with_one_action():
    """The template's CSV with its first row filled in, as a focal point does."""
    lines = template_csv().split("\n")
    lines[1] = ROW
    return lines


def edition_column_and_bom():
    """The CSV begins with UTF-8's BOM and each row with its edition."""
    s.pmm("import", "--edition", "2024", s.write("a.csv", ACTION_HEADER + "\n" + ROW + "\n"), "--retos",
          s.write("r.csv", "folio,reto,categoria\nINM-1,Faltó un intérprete,\n"), check=0)
    s.pmm("export", "--edition", "2024", "--format", "csv", "-o", "e.csv", check=0)
    raw = open(s.path("e.csv"), "rb").read()
    eq(raw[:3], b"\xef\xbb\xbf", "BOM")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    eq(rows[0][:2], ["edicion", "folio"], "header")
    eq(rows[1][:2], ["2024", "INM-1"], "first row")
    contains(raw.decode("utf-8"), "Módulo de atención", "accents as UTF-8")
    retos = open(s.path("e-retos.csv"), "rb").read()
    eq(retos[:3], b"\xef\xbb\xbf", "BOM of the retos file")
    contains(retos.decode("utf-8-sig").split("\n")[0], "edicion,folio,reto,categoria")


def the_export_imports_back_into_its_edition():
    before = s.figures("2024")
    s.pmm("import", "--edition", "2024", "e.csv", "--retos", "e-retos.csv", check=0)
    eq(s.figures("2024"), before, "figures after importing the export again")


def a_row_of_another_edition_is_refused():
    s.pmm("edition", "add", "2025", check=0)
    base = s.dump()
    r = s.pmm("import", "--edition", "2025", "e.csv", "--retos", "e-retos.csv", check=1)
    contains(r.stderr, "e.csv:2: columna «edicion», valor «2024»: la fila es de la edición «2024» y se "
             "importa en la edición «2025»")
    contains(r.stderr, "e-retos.csv:")
    eq(s.dump(), base, "nothing written")
    # in English too
    r = s.pmm("import", "--edition", "2025", "e.csv", check=1, lang="en")
    contains(r.stderr, "the row is of the edition \"2024\"")


def the_template_saved_as_csv_imports_like_the_workbook():
    """Its 999 rows holding the pre-filled institution alone were 2 997 errors."""
    lines = template_with_one_action()
    eq(sum(1 for l in lines if l.startswith(",INM,")), 999, "rows holding only the institution")
    r = s.pmm("import", "--edition", "2024", s.write("plantilla.csv", "\n".join(lines)), check=0)
    contains(r.stdout, "1 acción importada")
    eq(s.query("SELECT count(*) FROM action a JOIN edition e ON e.id = a.edition_id WHERE e.name = '2024'"),
       [(1,)], "actions")
    # the template with no row filled has no action, as the workbook
    r = s.pmm("import", "--edition", "2024", s.write("vacia.csv", template_csv()), check=1)
    contains(r.stderr, "el archivo no tiene ninguna acción")
    # a row with anything more than the institution is a row, and is checked
    lines[2] = ",INM,,,,,,,,,Algo"
    r = s.pmm("import", "--edition", "2024", s.write("medio.csv", "\n".join(lines)), check=1)
    contains(r.stderr, "medio.csv:3: columna «folio»")


def a_windows_1252_csv_is_read_with_a_warning():
    """What Excel on a Spanish Windows saves as «CSV (delimitado por comas)»."""
    lines = template_with_one_action()
    lines[1] = lines[1].replace("INM-1", "INM-2").replace("Tapachula", "Tapachula “Año 2024” ¿sí?")
    p = s.write("ansi.csv", None, raw="\r\n".join(lines).encode("cp1252"))
    r = s.pmm("import", "--edition", "2024", p, check=0)
    contains(r.stderr, "ansi.csv:1: aviso: el archivo no está en UTF-8; se lee como Windows-1252")
    eq(s.query("SELECT name, description FROM action WHERE folio = 'INM-2'"),
       [("Módulo de atención en Tapachula “Año 2024” ¿sí?", "Atención a niñas y adolescentes")],
       "the text, as written")


def what_is_not_windows_1252_spanish_is_refused():
    base = s.dump()
    mac = s.write("mac.csv", None, raw=(ACTION_HEADER + "\nM-1,INM,7,Campaña,,,,,,,\n").encode("mac_roman"))
    r = s.pmm("import", "--edition", "2024", mac, check=1)
    contains(r.stderr, "mac.csv:2: no es texto UTF-8 válido, ni Windows-1252 con letras del español")
    contains(r.stderr, "CSV UTF-8 (delimitado por comas)")
    # UTF-8 lines, then one in Windows-1252: a file of two encodings
    mixed = s.write("mixto.csv", None, raw=(ACTION_HEADER + "\nX-1,INM,7,Acción,,,,,,,\n").encode("utf-8")
                    + "X-2,INM,7,Acción,,,,,,,\n".encode("cp1252"))
    r = s.pmm("import", "--edition", "2024", mixed, check=1)
    contains(r.stderr, "mixto.csv:3: esta línea no está en la codificación de las anteriores")
    eq(s.dump(), base, "nothing written")


def the_json_export_carries_the_license():
    """The edition's license setting, by name and address when pmm knows it;
    CC BY 4.0 when none is set; any other text as written."""
    def lic():
        return json.loads(s.pmm("export", "--edition", "2024", "--format", "json", check=0).stdout)["licencia"]
    eq(lic(), {"nombre": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.es"}, "default")
    s.pmm("edition", "set", "2024", "--licencia", "cc0-1.0", check=0)
    eq(lic(), {"nombre": "cc0-1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.es"}, "CC0")
    s.pmm("edition", "set", "2024", "--licencia", "Uso libre con cita de la fuente", check=0)
    eq(lic(), {"nombre": "Uso libre con cita de la fuente", "url": None}, "a text pmm does not know")
    # and the JSON imports back, its license not read
    s.write("e.json", s.pmm("export", "--edition", "2024", "--format", "json", check=0).stdout)
    s.pmm("import", "--edition", "2024", "e.json", check=0)


def old_xls_and_ods_are_refused_with_advice():
    base = s.dump()
    for ext, what in (("xls", "Excel 97-2003 (.xls)"), ("ods", "OpenDocument (.ods)")):
        src = os.path.join(LO, "plantilla." + ext)
        # by content, whatever the name says
        for name in ("plantilla." + ext, "acciones-%s.csv" % ext, "libro-%s.xlsx" % ext):
            shutil.copy(src, s.path(name))
            r = s.pmm("import", "--edition", "2024", name, check=1)
            contains(r.stderr, name + ": es ")
            contains(r.stderr, what)
            contains(r.stderr, "«Libro de Excel (.xlsx)»")
            if "byte nulo" in r.stderr:
                raise AssertionError("the CSV reader's message:\n" + r.stderr)
    # as the challenges of a CSV import, too
    r = s.pmm("import", "--edition", "2024", "a.csv", "--retos", "plantilla.xls", check=1)
    contains(r.stderr, "plantilla.xls: es un libro de Excel 97-2003 (.xls)")
    r = s.pmm("import", "--edition", "2024", "a.csv", "--retos", "plantilla.ods", check=1)
    contains(r.stderr, "plantilla.ods: es una hoja de cálculo OpenDocument (.ods)")
    eq(s.dump(), base, "nothing written")


check("CSV export: UTF-8 with BOM, and the edition in a column", edition_column_and_bom)
check("the CSV export imports back into its edition, figures unchanged", the_export_imports_back_into_its_edition)
check("a row whose edicion is another edition is refused, naming file, line, column", a_row_of_another_edition_is_refused)
check("the template saved as CSV imports like the workbook (rows with only the institution are blank)",
      the_template_saved_as_csv_imports_like_the_workbook)
check("a Windows-1252 CSV is read, converted, with a warning", a_windows_1252_csv_is_read_with_a_warning)
check("invalid UTF-8 that is not Spanish Windows-1252 is refused with the advice",
      what_is_not_windows_1252_spanish_is_refused)
check("the JSON export carries the data license (a setting, CC BY 4.0 by default)",
      the_json_export_carries_the_license)
check(".xls and .ods (made by LibreOffice) are refused with the advice to save as .xlsx",
      old_xls_and_ods_are_refused_with_advice)
done()
