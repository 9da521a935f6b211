"""Imports of the files real spreadsheets produce, and their exact figures."""
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

s = Scratch()
s.pmm("init", check=0)

ACC = ACTION_HEADER + '''
A-1,INM,7,Atención a personas migrantes,"Orientación, acompañamiento y ""albergue""",Servicios de recepción y/o acompañamiento,extranjeros,Sí,No,120,Se atendió a 120 personas
A-2,Secretaría de Relaciones Exteriores,"7, 15",Protección consular,,Servicios o asesoría legales;Capacitación,exterior;retorno,no,SI,"1,500",
A-3,chiapas,4,CURP temporal,"Primera línea
segunda línea",Documentos de identidad o identificación,,,sí,,
A-4,SCJN,13,Sentencias,,Resolución de sentencias,no_aplica,NO,no,0,
'''
RETOS = """folio,reto,categoria
A-1,Faltan intérpretes,Barreras culturales y de idioma
A-1,Presupuesto insuficiente,falta de recursos financieros materiales humanos y tecnologicos
A-3,Sin clasificar todavía,
"""


def basic_import():
    a = s.write("acciones.csv", ACC)
    r = s.write("retos.csv", RETOS)
    out = s.pmm("import", "--edition", "2024", a, "--retos", r, check=0)
    contains(out.stdout, "4 acciones importadas (4 nuevas, 0 reemplazadas) y 3 retos")
    f = s.figures()
    eq(f["actions"], 4, "actions")
    eq(f["objective_links"], 5, "links")
    eq(f["institutions"], 4, "institutions")
    eq(f["states"], 1, "states")
    eq(f["by_reporter_type"], {"APF": 2, "EF": 1, "PJ": 1, "PL": 0, "OCA": 0, "OSC": 0}, "by type")
    eq(f["by_objective"]["7"], {"total": 2, "APF": 2, "EF": 0, "PJ": 0, "PL": 0, "OCA": 0, "OSC": 0}, "obj 7")
    eq(f["by_objective"]["15"]["total"], 1, "obj 15")
    eq(f["by_objective"]["4"]["EF"], 1, "obj 4 EF")
    eq(f["population"], {"extranjeros": 1, "exterior": 1, "retorno": 1, "no_aplica": 2}, "population")
    eq(f["gender_focus"], {"si": 1, "no": 2, "sin_dato": 1}, "gender")
    eq(f["disability"], {"si": 2, "no": 2, "sin_dato": 0}, "disability")
    eq(f["beneficiaries"], 1620, "beneficiaries")
    eq(f["challenges"]["total"], 3, "challenges")
    eq(f["challenges"]["unclassified"], 1, "unclassified")
    eq(f["challenges"]["by_category"]["Barreras culturales y de idioma"], 1, "category")
    eq(f["challenges"]["by_category"]["Falta de recursos financieros, materiales, humanos y tecnológicos"], 1, "category 2")


def reimport_does_not_duplicate():
    before = s.figures()
    a, r = s.path("acciones.csv"), s.path("retos.csv")
    out = s.pmm("import", "--edition", "2024", a, "--retos", r, check=0)
    contains(out.stdout, "(0 nuevas, 4 reemplazadas) y 3 retos")
    eq(s.figures(), before, "figures after a second import")


def reimport_replaces_changed_rows():
    changed = ACC.replace("A-4,SCJN,13,", "A-4,SCJN,5;13,")
    a = s.write("acciones2.csv", changed)
    s.pmm("import", "--edition", "2024", a, check=0)
    f = s.figures()
    eq(f["actions"], 4, "actions")
    eq(f["by_objective"]["5"]["PJ"], 1, "obj 5 after update")
    eq(f["challenges"]["total"], 3, "challenges kept without --retos")


def semicolons_crlf_bom_and_any_column_order():
    t = Scratch()
    t.pmm("init", check=0)
    text = ("\ufeffNombre;Objetivos;Institución;Folio;Enfoque de género\r\n"
            "Campaña;7, 15;Michoacán;X1;Sí\r\n"
            "\"Foro; regional\";23;EDOMEX;X2;no\r\n"
            ";;;;\r\n")
    a = t.write("sc.csv", text)
    t.pmm("import", "--edition", "E", a, check=0)
    f = t.figures("E")
    eq(f["actions"], 2, "actions")
    eq(f["by_reporter_type"]["EF"], 2, "EF")
    eq(f["states"], 2, "states")
    eq(f["by_objective"]["15"]["EF"], 1, "obj 15")
    eq(f["gender_focus"]["si"], 1, "gender")
    t.close()


def dry_run_writes_nothing():
    t = Scratch()
    t.pmm("init", check=0)
    a = t.write("a.csv", ACC)
    before = t.dump()
    out = t.pmm("import", "--edition", "2024", a, "--check", check=0)
    contains(out.stdout, "Comprobación correcta: 4 acciones")
    eq(t.dump().count("INSERT INTO \"action\""), before.count("INSERT INTO \"action\""), "actions in db")
    t.close()


def status_option():
    t = Scratch()
    t.pmm("init", check=0)
    a = t.write("a.csv", ACC)
    t.pmm("import", "--edition", "2024", a, "--status", "enviada", check=0)
    eq(t.figures()["actions"], 0, "validated actions")
    eq(t.figures("2024", "--all")["actions"], 4, "all actions")
    t.close()


check("a file with quotes, newlines, accents and aliases imports with exact figures", basic_import)
check("importing the same files again duplicates nothing", reimport_does_not_duplicate)
check("a changed row replaces the action with the same folio", reimport_replaces_changed_rows)
check("semicolons, CRLF, BOM, headers in any order and spelling", semicolons_crlf_bom_and_any_column_order)
check("--check validates without writing", dry_run_writes_nothing)
check("--status and --all", status_option)
s.close()
done()
