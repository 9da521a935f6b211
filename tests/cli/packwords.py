"""What the tests of country packs share (issue 16): the Guatemalan pack,
an edition of it, and the words of the Mexican pack none of its outputs
may hold."""
import csv
import os
import re
import sqlite3
from pmmtest import SOURCE, Scratch

GT = os.path.join(SOURCE, "tests", "data", "packs", "gt")
MX = os.path.join(SOURCE, "data", "packs", "mx")


def mexican_words():
    """A pattern of the Mexican pack's words: its states, the country, its
    reporter types and nouns, its coordinating unit."""
    words = ["México", r"Mexic\w*", r"mexican\w*", "entidad federativa", "entidades federativas", "UPMRIP",
             "APF", "Administración Pública Federal", "Federal Public Administration", "INEGI",
             "participación estatal", "gobierno estatal", "gobiernos estatales", "state governments?",
             "State participation"]
    with open(os.path.join(MX, "states.csv"), encoding="utf-8") as f:
        words += [re.escape(r["nombre"]) for r in csv.DictReader(f)]
    return re.compile(r"\b(%s)\b" % "|".join(w if "\\" in w or "?" in w else re.escape(w) for w in words), re.I)


MEXICAN = mexican_words()


def no_mexican_word(text, what):
    hits = sorted({m.group(0) for m in MEXICAN.finditer(text)})
    if hits:
        m = MEXICAN.search(text)
        raise AssertionError("%s names %s: …%s…" % (what, hits, text[max(0, m.start() - 80):m.end() + 80]))


ACTIONS = """folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,enfoque_genero,discapacidad,beneficiarios,resultados
GT-1,IGM,1;3,Registro de flujos,Datos de entradas y salidas.,Productos de investigación,extranjeros,No,No,,Informe publicado.
GT-2,MINEX,14,Protección consular,Asistencia en consulados.,Foros o grupos de trabajo,exterior,Sí,No,1200,Atenciones.
GT-3,GD-QUE,15;21,Reintegración en Xela,Acompañamiento a retornados.,Foros o grupos de trabajo,retorno,Sí,Sí,300,Personas atendidas.
GT-4,GD-HUE,21,Ventanilla de retorno,Atención a retornados.,Foros o grupos de trabajo,retorno,No,No,,Ventanilla abierta.
GT-5,RENAP,4,Documentación,Identidad a retornados.,Productos de investigación,retorno,No,No,500,Documentos emitidos.
GT-6,PDH,7,Monitoreo,Derechos en fronteras.,Productos de investigación,extranjeros,No,No,,Informe.
GT-7,OJ,13,Alternativas,Medidas no privativas.,Foros o grupos de trabajo,extranjeros,No,No,,Acuerdos.
GT-8,MUNI-GUA,16,Inclusión local,Ferias.,Foros o grupos de trabajo,no_aplica,No,No,,Ferias realizadas.
"""
CHALLENGES = "folio,reto,categoria\nGT-1,Pocos datos,Barreras culturales y de idioma\n"


def guatemala_published():
    """A scratch database with the Guatemalan pack and its edition 2025
    published as revision 1 (two departamentos take part: 09 and 13)."""
    s = Scratch()
    s.pmm("init", "--pack", GT, check=0)
    s.pmm("edition", "add", "2025", "--period", "2025-01:2025-12", check=0)
    s.write("acciones.csv", ACTIONS)
    s.write("retos.csv", CHALLENGES)
    s.pmm("import", "--edition", "2025", "acciones.csv", "--challenges", "retos.csv", "--status", "validada",
          check=0)
    s.pmm("edition", "set", "2025", "--state", "publicada", "--note", "r1", check=0)
    return s


def sql(s, *statements):
    """Statements on the scratch database, as an operator's sqlite3 would run them."""
    con = sqlite3.connect(s.db)
    for q in statements:
        con.execute(q)
    con.commit()
    con.close()
