"""The country-pack loader (issue 16, the tester's faults 3, 6, 7, 8, 14
and 15; helper F16A): a pack with a mistake is refused naming the file,
the line and the column, and leaves no database behind; what the
database's upserts would merge silently (a repeated code, one name or
alias on two entries) or its foreign keys refuse without naming the file
is said in pmm's words; pack.json is read as UTF-8 with or without a byte
order mark."""
import codecs
import functools
import os
from pmmtest import Scratch, check, contains, eq, done, pack_copy, pack_refused
from pmmtest import pack_file_append as append, pack_file_replace as replace, pack_json_edit as pack_json
from packwords import GT


# the pack-copy set-up is pmmtest's, shared with test_packs.py (F1316)
refused = functools.partial(pack_refused, GT)


def loads(edit):
    """The name of the pack a database holds after loading a copy of GT changed by EDIT."""
    s = Scratch()
    try:
        s.pmm("init", "--pack", pack_copy(s, GT, edit), check=0)
        return s.query("SELECT value FROM pack WHERE key = 'nombre'")
    finally:
        s.close()


def a_failed_init_leaves_no_database():
    # fault 3: `init --pack /nonexistent` left a database that the next
    # `catalog` filled with the Mexican pack, and `init --pack` then refused
    s = Scratch()
    try:
        r = s.pmm("init", "--pack", s.path("no-such-pack"), check=1)
        contains(r.stderr, "no-such-pack: no existe la carpeta del paquete de país")
        eq(os.path.exists(s.db), False, "database file after a failed init")
        r = s.pmm("catalog", "states", check=1)
        contains(r.stderr, "no existe la base de datos")
        s.pmm("init", "--pack", GT, check=0)
        eq(s.query("SELECT value FROM pack WHERE key = 'nombre'"), [("gt",)], "the pack loaded afterwards")
    finally:
        s.close()
    # a file of 0 bytes given to init stays as it was when the pack is refused
    s = Scratch()
    try:
        open(s.db, "wb").close()
        s.pmm("init", "--pack", s.path("no-such-pack"), check=1)
        eq(os.path.getsize(s.db), 0, "the 0-byte file after a refused pack")
        s.pmm("init", "--pack", GT, check=0)
    finally:
        s.close()


def repeated_codes_and_names_are_refused():
    # fault 6: the last of two rows with one code won, silently
    refused(append("states.csv", "01,Otra,OTR,\n"), "states.csv:24", "«clave», valor «01»",
            "ya es la de la línea 2")
    refused(append("institutions.csv", "IGM,Otro instituto,OE,,,\n"), "institutions.csv:17", "«siglas», valor «IGM»",
            "ya es la de la línea 2")
    refused(append("reporter_types.csv", "OE,Otro,Other,m,sg,0,0,,,,\n"), "reporter_types.csv:9",
            "«clave», valor «OE»", "línea 2")
    refused(append("populations.csv", "retorno,Otros retornados,Other returnees,\n"), "populations.csv:6",
            "«clave», valor «retorno»", "línea 4")
    refused(append("challenge_categories.csv", "Barreras culturales y de idioma,Otra,Other\n"),
            "challenge_categories.csv", "«nombre», valor «Barreras culturales y de idioma»", "línea 3")
    refused(append("action_types.csv", "Capacitación,Training again\n"), "action_types.csv:21",
            "«nombre», valor «Capacitación»", "línea 7")
    # codes that differ in case only are one code for the import's matcher
    refused(append("states.csv", "gt-x,Otra,OTR,\nGT-X,Otra más,OTM,\n"), "states.csv:25", "valor «GT-X»",
            "sin distinguir mayúsculas")
    # one alias on two units: an import found the first
    refused(replace("states.csv", "02,El Progreso,PRO,", "02,El Progreso,PRO,Xela"), "states.csv:10",
            "«alias», valor «Xela»", "ya nombra la entrada de la línea 3")
    # a unit's name as another's alias
    refused(replace("states.csv", "02,El Progreso,PRO,", "02,El Progreso,PRO,Guatemala"), "states.csv",
            "valor «Guatemala»", "ya nombra la entrada")


def objectives_and_populations_complete():
    # fault 7: a pack without objective 23 loaded, and every import then failed
    def drop_23(d):
        p = os.path.join(d, "objectives.csv")
        lines = open(p, encoding="utf-8").read().splitlines()
        open(p, "w", encoding="utf-8").write("\n".join(l for l in lines if not l.startswith("23,")) + "\n")
    refused(drop_23, "objectives.csv", "faltan objetivos del Pacto (23)")
    refused(append("objectives.csv", "7,Otra vez,Again,,,\n"), "objectives.csv:25", "«numero», valor «7»",
            "ya es el de la línea 8")
    # a population the interchange files name by code
    refused(replace("populations.csv", "retorno,", "regreso,"), "populations.csv",
            "faltan poblaciones cuyas claves usan los archivos de intercambio", "«retorno»")


def one_subnational_type():
    # fault 8: the platform refused a second subnational type, a pack did not;
    # F1316: one home for the rule (core/catalog_rule.c), the form's words
    refused(replace("reporter_types.csv", "MUN,Municipalidades,Municipalities,f,pl,0,",
                    "MUN,Municipalidades,Municipalities,f,pl,1,"),
            "reporter_types.csv:4", "«subnacional», valor «1»",
            "ya es subnacional el tipo «GD» (Gobernaciones departamentales): solo uno puede serlo; márquelo antes "
            "como no subnacional")
    # the subnational type as one of society's: the form refused it, a pack did not (F1316)
    refused(replace("reporter_types.csv", "GD,Gobernaciones departamentales,Departmental governorates,f,pl,1,0,",
                    "GD,Gobernaciones departamentales,Departmental governorates,f,pl,1,1,"),
            "reporter_types.csv:3", "«sociedad», valor «1»",
            "el tipo subnacional agrupa a los gobiernos de las unidades, que son organismos públicos: no puede ser "
            "a la vez de la sociedad")


def digit_only_acronym():
    # re-verification round of issue 16: `institucion=7` in a filter is the
    # institution whose id is 7 (the Informe's marks), so an acronym «7»
    # would send its filter to another body: refused at load, as on the form
    refused(replace("institutions.csv", "IGM,Instituto Guatemalteco de Migración,",
                    "7,Instituto Guatemalteco de Migración,"),
            "institutions.csv:2", "«siglas», valor «7»", "son solo cifras")


def clear_loader_errors():
    # fault 14: «FOREIGN KEY constraint failed», naming the acronym and not the column
    refused(append("institutions.csv", "XX,Inst X,ZZ,,,\n"), "institutions.csv:17", "«tipo», valor «ZZ»",
            "no es una clave de reporter_types.csv")
    refused(append("institutions.csv", "XX,Inst X,GD,99,,\n"), "institutions.csv:17", "«estado», valor «99»",
            "no es una clave de states.csv")
    # a states.csv of a header only was reported at institutions.csv:12
    stderr = refused(lambda d: open(os.path.join(d, "states.csv"), "w").write("clave,nombre,abreviatura,alias\n"),
                     "states.csv: el catálogo no tiene ninguna fila")
    eq("institutions.csv" in stderr, False, "the fault reported against institutions.csv:\n" + stderr)

    # pack.json with a byte order mark (Windows' Notepad) loads
    def bom(d):
        p = os.path.join(d, "pack.json")
        raw = open(p, "rb").read()
        open(p, "wb").write(codecs.BOM_UTF8 + raw)
    eq(loads(bom), [("gt",)], "pack.json with a BOM")

    # in Windows-1252: refused, saying what to do, in Spanish and English
    def cp1252(d):
        p = os.path.join(d, "pack.json")
        text = open(p, encoding="utf-8").read()
        open(p, "wb").write(text.encode("cp1252"))
    refused(cp1252, "pack.json: el archivo no está en UTF-8: guárdelo como UTF-8")
    s = Scratch()
    try:
        r = s.pmm("init", "--pack", pack_copy(s, GT, cp1252), check=1, lang="en")
        contains(r.stderr, "pack.json: the file is not in UTF-8: save it as UTF-8")
    finally:
        s.close()
    # no pack.json: said in pmm's words
    refused(lambda d: os.remove(os.path.join(d, "pack.json")),
            "pack.json: falta pack.json en la carpeta del paquete de país")
    # a file given for the folder
    s = Scratch()
    try:
        r = s.pmm("init", "--pack", os.path.join(GT, "pack.json"), check=1)
        contains(r.stderr, "no es una carpeta: --pack lleva la carpeta del paquete de país")
        eq(os.path.exists(s.db), False, "database file")
    finally:
        s.close()


def names_dependencies_and_boundaries():
    # fault 15: an empty unit name, a dependency on itself or in a cycle,
    # points far outside the map, «Región» in the pack's nouns were accepted
    refused(replace("states.csv", "02,El Progreso,", "02,,"), "states.csv:3", "«nombre»", "falta el valor")
    refused(replace("institutions.csv", "SBS,Secretaría de Bienestar Social de la Presidencia,OE,,,",
                    "SBS,Secretaría de Bienestar Social de la Presidencia,OE,,SBS,"),
            "institutions.csv:7", "«dependencia», valor «SBS»", "no depende de sí misma")
    refused(lambda d: (replace("institutions.csv", "MINTRAB,Ministerio de Trabajo y Previsión Social,OE,,,",
                               "MINTRAB,Ministerio de Trabajo y Previsión Social,OE,,MSPAS,")(d),
                       replace("institutions.csv", "MSPAS,Ministerio de Salud Pública y Asistencia Social,OE,,,",
                               "MSPAS,Ministerio de Salud Pública y Asistencia Social,OE,,MINTRAB,")(d)),
            "institutions.csv:5", "las dependencias forman un ciclo (MINTRAB → MSPAS → MINTRAB)")
    refused(lambda d: open(os.path.join(d, "limites.csv"), "w").write(
                "clave,anillos\n01,10 10 20 10 1000000000 20\n"),
            "limites.csv", "valor «01»", "el punto 1e+09 20 cae fuera del recuadro del mapa", "x va de 0 a 793",
            "y de 0 a 498")
    eq(loads(lambda d: open(os.path.join(d, "limites.csv"), "w").write("clave,anillos\n01,10 10 20 10 15 20\n")),
       [("gt",)], "a boundary file inside the box")
    refused(pack_json(lambda j: j["unidad_subnacional"]["es"].update(singular="Departamento")),
            "pack.json", "unidad_subnacional.es.singular", "valor «Departamento»", "va en minúsculas")
    refused(pack_json(lambda j: j["unidad_subnacional"]["en"].update(plural="Departments")),
            "unidad_subnacional.en.plural", "va en minúsculas")


check("fault 3: a pack that cannot be loaded leaves no database; init --pack works afterwards",
      a_failed_init_leaves_no_database)
check("fault 6: repeated codes and names (case aside), one alias on two units: refused by file, line, column",
      repeated_codes_and_names_are_refused)
check("fault 7: the 23 objectives and the interchange populations are required", objectives_and_populations_complete)
check("fault 8: a second subnational type is refused, as on the platform", one_subnational_type)
check("an acronym of digits only is refused (a number in a filter is an institution's id)", digit_only_acronym)
check("fault 14: unknown tipo/estado, a header-only catalog, pack.json's BOM, encoding and absence: "
      "said in pmm's words", clear_loader_errors)
check("fault 15: empty names, dependency cycles, points off the map and capitalized nouns refused",
      names_dependencies_and_boundaries)
done()
