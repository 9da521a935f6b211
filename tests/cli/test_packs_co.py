"""A second real country, written from docs/packs.md alone (issue 16):
Colombia's pack, tests/data/packs/co — 32 departamentos and Bogotá, D. C.,
33 units with DANE codes 05 to 99, reporter types whose names are feminine
and singular («la Rama Ejecutiva») or masculine and plural («los
organismos de control»), a fifth population, and «.» for thousands. Loaded,
an edition imported and published, its Informe (es, en; HTML, PDF), its
dashboard and its template read as Colombia's, with no word of the Mexican
pack."""
import os
import re
import subprocess
import sys
import zipfile
from pmmtest import SOURCE, Scratch, check, eq, contains, done
from informe_text import InformeText
from packwords import no_mexican_word

sys.path.insert(0, os.path.join(SOURCE, "tests", "web"))
from webtest import Client, Server  # noqa: E402

CO = os.path.join(SOURCE, "tests", "data", "packs", "co")
ACTIONS = """folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,enfoque_genero,discapacidad,beneficiarios,resultados
CO-1,Migración Colombia,1;3,Registro de flujos migratorios,Datos de entradas y salidas.,Productos de investigación,extranjeros,No,No,,Boletín publicado.
CO-2,CANCILLERIA,14,Asistencia consular,Atención en consulados.,Foros o grupos de trabajo,exterior,Sí,No,15400,Atenciones brindadas.
CO-3,GOB-NSA,15;16,Integración en Cúcuta,Acceso a servicios.,Foros o grupos de trabajo,extranjeros,Sí,Sí,2350,Personas atendidas.
CO-4,Gobernación de La Guajira,15,Atención humanitaria en Maicao,Centro de atención integral.,Foros o grupos de trabajo,transito,No,No,1200,Centro en operación.
CO-5,Alcaldía de Bogotá,16,Inclusión laboral,Ferias de empleo.,Foros o grupos de trabajo,extranjeros,Sí,No,800,Ferias realizadas.
CO-6,ICBF,7,Protección de la niñez,Niñez no acompañada.,Productos de investigación,transito,Sí,Sí,430,Casos atendidos.
CO-7,DEFENSORIA,7,Monitoreo de derechos,Derechos en zonas de frontera.,Productos de investigación,extranjeros,No,No,,Informe defensorial.
CO-8,CONGRESO,1,Audiencia pública,Política migratoria.,Foros o grupos de trabajo,no_aplica,No,No,,Audiencia realizada.
CO-9,Alcaldía de Cúcuta,21,Retorno y reintegración,Acompañamiento a retornados.,Foros o grupos de trabajo,retorno,No,No,95,Personas acompañadas.
"""

s = Scratch()


def loads_and_counts():
    r = s.pmm("init", "--pack", CO, check=0)
    contains(r.stdout, "«co» (versión 2025.1)")
    codes = [c for (c,) in s.query("SELECT code FROM state ORDER BY code")]
    eq((len(codes), codes[0], codes[-1]), (33, "05", "99"), "33 units, DANE codes 05 to 99")
    s.write("acciones.csv", ACTIONS)
    s.pmm("import", "--edition", "2025", "acciones.csv", "--status", "validada", check=0)
    f = s.figures("2025")
    eq((f["actions"], f["institutions"], f["states"], f["beneficiaries"]), (9, 9, 3, 20275), "figures")
    eq(f["by_reporter_type"], {"RE": 3, "GOB": 3, "ALC": 1, "RJ": 0, "CR": 1, "OC": 1, "OSC": 0}, "by type")
    eq(f["population"]["transito"], 2, "the fifth population")
    s.pmm("edition", "set", "2025", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "2025", "--state", "publicada", check=0)


def the_informe_reads_as_colombias():
    for lang, wants in (
            ("es", ["20.275 | personas beneficiarias, según lo declarado en 6 acciones",
                    "3 | de los 33 departamentos con acciones",
                    # issue 12 (UN style): counts under ten in words, «un/una» agreeing with the noun
                    "tres entidades de la Rama Ejecutiva, tres gobiernos departamentales, una alcaldía, una comisión "
                    "del Congreso y un organismo de control",
                    "La participación departamental abarcó 3 de los 33 departamentos.",
                    "reportadas a partes iguales por la Rama Ejecutiva y el Congreso de la República",
                    "tres de la Rama Ejecutiva, tres de los gobiernos departamentales, una de las alcaldías "
                    "municipales, una del Congreso de la República y una de los organismos de control",
                    "No se recibieron acciones de la Rama Judicial ni de las organizaciones de la sociedad civil.",
                    "el 22 % a migrantes en tránsito (2)", "# Anexo B. Departamentos participantes",
                    "11 | DC | Bogotá, D. C. | 1", "Elaboró: Ministerio de Relaciones Exteriores de Colombia.",
                    "País: Colombia.", "Lugar y fecha: Bogotá, D. C., "]),
            ("en", ["20,275 | beneficiaries, as declared in 6 actions",
                    "three bodies of the Executive Branch, three departmental governments, one mayoralty",
                    "Departmental participation covered 3 of the 33 departments.",
                    "# Annex B. Participating departments", "Prepared by: Ministry of Foreign Affairs of Colombia.",
                    "Country: Colombia."])):
        h = s.pmm("report", "--edition", "2025", "--format", "html", "--lang", lang, "-o", "-", check=0).stdout
        no_mexican_word(h, "the Informe (%s, html)" % lang)
        text = InformeText(h).text.replace("\u00a0", " ").replace("~%", " %")
        for w in wants:
            contains(text, w, "the Informe (%s)" % lang)
        for bad in ("el Rama", "los Rama", "la Congreso", "las organismos", "de 32", "cuántas"):
            if bad in text:
                raise AssertionError("the Informe (%s) says %r" % (lang, bad))
        s.pmm("report", "--edition", "2025", "--format", "pdf", "--lang", lang, "-o", "i.pdf", check=0)
        pdf = subprocess.run(["pdftotext", s.path("i.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        no_mexican_word(pdf, "the Informe (%s, pdf)" % lang)
        contains(re.sub(r"\s+", " ", pdf), "Ministerio de Relaciones" if lang == "es" else "Ministry of Foreign")


def the_dashboard_and_template():
    sv = Server(s)
    try:
        body = Client(sv).get("/ediciones/2025").body
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
        for w in ("Edición 2025: acciones de Colombia para el Pacto Mundial", "Departamentos 3",
                  "Personas beneficiarias declaradas 20.275", "Departamentos: cuántos tienen acciones",
                  "Archipiélago de San Andrés, Providencia y Santa Catalina"):
            contains(text, w, "the dashboard")
        no_mexican_word(text, "the dashboard")
    finally:
        sv.stop()
    s.pmm("template", "--edition", "2025", "-o", "plantilla.xlsx", check=0)
    with zipfile.ZipFile(s.path("plantilla.xlsx")) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    no_mexican_word(xml, "the template")
    contains(xml, "Colombianos en el exterior")


check("Colombia's pack loads 33 units with codes 05-99 and counts an edition", loads_and_counts)
check("the Informe (es, en) reads as Colombia's", the_informe_reads_as_colombias)
check("the dashboard and the template are Colombia's", the_dashboard_and_template)
s.close()
done()
