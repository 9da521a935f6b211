"""A user who asks for English (LANG=en_US.UTF-8) gets pmm in English: help,
usage errors of export/report/compendio/chart, template and XLSX import
errors, check and backup, and the web platform; code words (column, sheet
and state names) stay as they are, and no Spanish quote «» leaks through."""
import http.client
import os
import re
import signal
import subprocess
import zipfile
from pmmtest import PMM, SOURCE, Scratch, check, eq, contains, done
import xlsxmini

s = Scratch()
s.pmm("demo", check=0)


def english(r, code, *parts):
    """R exited CODE and its output holds every part, with no «» left."""
    out = r.stdout + r.stderr
    eq(r.returncode, code, "exit code of: %s" % out)
    for p in parts:
        contains(out, p)
    if "«" in out or "»" in out:
        raise AssertionError("Spanish quotes in English output:\n" + out)


def help_lists_commands():
    r = s.pmm("help", lang="en")
    english(r, 0, "pmm", "follow-up of the Global Compact for Migration", "usage: pmm [--db FILE] COMMAND",
            "the General Compendium: every action as it was reported", "exports a chart of the report",
            "writes the Excel template an institution fills in", "serves the web platform",
            "checks the integrity of the database and of the figures", "'pmm help COMMAND'")
    eq("comandos" in r.stdout, False, "Spanish left in help")


def export_bad_format():
    english(s.pmm("export", "--edition", "2024", "--format", "docx", "-o", "x.docx", lang="en"), 2,
            'pmm export: --format does not take "docx" (values: xlsx, csv, json)')
    english(s.pmm("export", "--edition", "2024", "--format", "xlsx", lang="en"), 2,
            "pmm export: the xlsx format needs -o FILE")


def publication_usage_errors():
    english(s.pmm("report", "--edition", "2024", "--format", "pdf", lang="en"), 2,
            "pmm report: the pdf format needs an output file (-o FILE.pdf)")
    english(s.pmm("report", "--edition", "2024", "--lang", "fr", lang="en"), 2,
            'pmm report: --lang does not take "fr" (values: es, en)')
    english(s.pmm("compendio", "--edition", "2024", "--format", "odt", "-o", "c.odt", lang="en"), 2,
            'pmm compendio: --format does not take "odt" (values: html, pdf, docx)')   # issue 14: cli_args checks values
    english(s.pmm("compendio", "--edition", "2024", "--format", "docx", lang="en"), 2,
            "pmm compendio: the docx format needs an output file (-o FILE.docx)")
    english(s.pmm("chart", "tipos", "--edition", "2024", lang="en"), 2,
            "pmm chart: give the output file with -o FILE.svg or -o FILE.png")
    english(s.pmm("chart", "pastel", "--edition", "2024", "-o", "p.svg", lang="en"), 2,
            'pmm chart: there is no chart "pastel"; the charts are: tipos, objetivos')
    eq(os.path.exists(s.path("p.svg")), False, "chart written after an error")


def template_in_english():
    english(s.pmm("template", "--edition", "2024", "--institution", "INMM", "-o", "t.xlsx", lang="en"), 1,
            'unknown institution "INMM"; did you mean "INM"')
    eq(os.path.exists(s.path("t.xlsx")), False, "template written after an error")
    english(s.pmm("template", "--edition", "2024", "-o", "t.xlsx", lang="en"), 0,
            'pmm template: wrote "')
    with zipfile.ZipFile(s.path("t.xlsx")) as z:
        text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    # notes and instructions in English; sheet and column names the importer reads unchanged
    contains(text, "Unique key of the action in the edition", "template notes")   # F14B: round 2 fault 12
    contains(text, "Do not delete or rename the sheets", "template instructions")
    contains(text, 'name="Acciones"', "sheet names")
    contains(text, "Nombre de la acción", "column headers")
    eq("Clave única de la acción" in text, False, "Spanish note in an English template")


def xlsx_import_errors():
    head = ["Folio", "Institución", "Objetivos", "Nombre de la acción", "Enfoque de género"]
    p = xlsxmini.write(s.path("libro.xlsx"), [("Acciones", [head, ["E-1", "INM", 7, "Albergue", "Quizá"]]),
                                              ("Retos", [["folio", "reto"], ["E-9", "Coordinar"]])])
    before = s.dump()
    r = s.pmm("import", "--edition", "2025", p, lang="en")     # 2024 is published: frozen
    english(r, 1, 'libro.xlsx[Acciones]:2: column E "enfoque_genero", value "Quizá": must be "Sí" (yes) or "No"',
            "libro.xlsx[Retos]:2: column A \"folio\", value \"E-9\": the folio matches no action",
            "Nothing was imported: 2 errors.")
    p = xlsxmini.write(s.path("hojas.xlsx"), [("Hoja1", [head]), ("Hoja2", [head])])
    english(s.pmm("import", "--edition", "2025", p, lang="en"), 1,
            'the sheet "Acciones" is missing (the workbook has: "Hoja1", "Hoja2")')
    english(s.pmm("import", "--edition", "2025", s.write("zip.xlsx", "no soy un zip"), lang="en"), 1,
            "zip.xlsx: not an Excel workbook (.xlsx): the file is not a valid zip")
    eq(s.dump(), before, "database after refused imports")


def check_and_backup():
    english(s.pmm("check", lang="en"), 0, 't.db": OK (', "checks, no problems).")
    english(s.pmm("backup", "copia.db", lang="en"), 0, 't.db" saved to "copia.db".')
    english(s.pmm("backup", "copia.db", lang="en"), 1,
            'pmm backup: "copia.db" already exists (use --force to replace it)')


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, body


def web_in_english():
    env = dict(os.environ, LANG="en_US.UTF-8")
    env.pop("LANGUAGE", None)
    proc = subprocess.Popen([PMM, "--db", s.db, "serve", "--listen", "127.0.0.1", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        contains(line, "pmm: serving the platform at http://127.0.0.1:", "first line of serve")
        port = int(re.search(r":(\d+)/", line).group(1))
        status, body = get(port, "/entrar")
        eq(status, 200, "GET /entrar")
        for p in ['<html lang="en">', "Skip to content", "Password", "Sign in", "Glossary", "Downloads",
                  "Figures computed from the records of the validated actions"]:
            contains(body, p, "login page")
        # the dashboard names reporter types, objectives, populations and
        # challenge categories in English too
        status, body = get(port, "/ediciones/2024")
        eq(status, 200, "GET /ediciones/2024")
        for p in ["Federal Public Administration", "Collect and utilize accurate and disaggregated data",
                  "Foreign migrants", "Yes"]:
            contains(body, p, "English dashboard")
        for p in ["Administración Pública Federal", "Recopilar y utilizar", "Migrantes extranjeros"]:
            if p in body:
                raise AssertionError("Spanish label %r on the English dashboard" % p)
        status, body = get(port, "/no-existe")
        eq(status, 404, "GET /no-existe")
        contains(body, "This page does not exist.", "404 page")
        contains(body, "Back to the home page", "404 page")
        status, body = get(port, "/acciones?edicion=2024&objetivo=99")
        eq(status, 400, "a filter outside the catalogs")
        # issue 14 (A14): the refusal names the parameter and its range
        contains(body, "The parameter &quot;objetivo&quot; must be a whole number from 1 to 23; it got &quot;99&quot;.", "400 page")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    contains(out, "pmm: server stopped", "serve's last line")
    english(s.pmm("serve", "--listen", "localhost", lang="en"), 2,
            'pmm serve: invalid address "localhost" (IPv4 expected, e.g. 127.0.0.1)')


def spanish_by_default():
    r = s.pmm("export", "--edition", "2024", "--format", "docx", "-o", "x.docx")
    contains(r.stderr, "pmm export: --format no admite «docx» (valores: xlsx, csv, json)")


def every_message_is_translated():
    # the messages as the sources have them now (not as po/pmm.pot last
    # saw them), merged into en.po: none may be missing, empty or fuzzy
    src = os.path.join(SOURCE, "src")
    files = sorted(os.path.relpath(os.path.join(d, f), SOURCE)
                   for d, _, fs in os.walk(src) for f in fs if f.endswith(".c"))
    listed = open(os.path.join(SOURCE, "po", "POTFILES"), encoding="utf-8").read().split()
    missing = [f for f in files if f not in listed and "_(" in open(os.path.join(SOURCE, f), encoding="utf-8").read()]
    eq(missing, [], "source files with messages missing from po/POTFILES")
    pot, merged = s.path("now.pot"), s.path("merged.po")
    subprocess.run(["xgettext", "--keyword=_", "--keyword=N_", "--from-code=UTF-8", "-o", pot] + files,
                   cwd=SOURCE, check=True)
    subprocess.run(["msgmerge", "-q", "--no-fuzzy-matching", "-o", merged,
                    os.path.join(SOURCE, "po", "en.po"), pot], check=True)
    for what in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(["msgattrib", what, "--no-obsolete", merged], capture_output=True,
                             text=True, check=True).stdout
        ids = [m for m in re.findall(r'^msgid "(.*)"$', out, re.M) if m]
        multi = len(re.findall(r'^msgid ""\n"', out, re.M))
        if ids or multi > 0:
            raise AssertionError("%s messages in po/en.po: %s" % (what[2:], ids[:10]))


check("pmm help in English", help_lists_commands)
check("export usage errors in English", export_bad_format)
check("report, compendio and chart usage errors in English", publication_usage_errors)
check("pmm template in English", template_in_english)
check("XLSX import errors in English", xlsx_import_errors)
check("check and backup in English", check_and_backup)
check("the web platform in English", web_in_english)
check("Spanish when English is not asked for", spanish_by_default)
check("every message has its English translation", every_message_is_translated)
s.close()
done()
