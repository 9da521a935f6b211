"""Country packs (issue 16): a database records the pack it holds and no
command loads catalogs over it again; `pmm init --pack DIR` loads another
country's pack (tests/data/packs/gt, Guatemala's 22 departamentos), whose
Informe, figures and template read as that country's, with no word of the
Mexican pack; a pack with a mistake is refused, naming file and key; the
sources hold no Mexican word; a database an older pmm made holds "mx"."""
import functools
import os
import re
import subprocess
import zipfile
from pmmtest import SOURCE, Scratch, check, eq, contains, done, downgrade, pack_copy, pack_refused
from pmmtest import pack_file_replace as edit_csv, pack_json_edit as edit_json
from informe_text import InformeText
from packwords import GT, MEXICAN, ACTIONS, CHALLENGES, no_mexican_word


def guatemala():
    """A scratch database holding the Guatemalan pack and its edition 2025."""
    s = Scratch()
    r = s.pmm("init", "--pack", GT, check=0)
    contains(r.stdout, "«gt» (versión 2025.1)")
    s.write("acciones.csv", ACTIONS)
    s.write("retos.csv", CHALLENGES)
    s.pmm("import", "--edition", "2025", "acciones.csv", "--challenges", "retos.csv", "--status", "validada",
          check=0)
    return s


def count(s, table):
    return s.query("SELECT count(*) FROM %s" % table)[0][0]


def nothing_reloads_the_catalogs():
    # the institutions deleted and a state renamed (as the administrador
    # does on the platform); before issue 16 the next catalog, import,
    # template or init put Mexico's catalogs back
    s = Scratch()
    try:
        s.pmm("init", check=0)
        s.pmm("edition", "add", "2025", check=0)
        con_sql = ["DELETE FROM alias WHERE kind = 'institution'", "DELETE FROM institution",
                   "UPDATE state SET name = 'Nombre propio' WHERE code = '09'"]
        import sqlite3
        con = sqlite3.connect(s.db)
        for q in con_sql:
            con.execute(q)
        con.commit()
        con.close()
        s.write("a.csv", ACTIONS)
        for args in (["catalog", "institutions"], ["template", "--edition", "2025", "-o", "t.xlsx"],
                     ["import", "--edition", "2025", "a.csv"], ["init"], ["catalog", "states"], ["demo"]):
            s.pmm(*args)
            eq(count(s, "institution"), 0, "institutions after pmm %s" % " ".join(args))
            eq(s.query("SELECT name FROM state WHERE code = '09'")[0][0], "Nombre propio",
               "state 09 after pmm %s" % " ".join(args))
    finally:
        s.close()


def init_refuses_another_pack():
    s = Scratch()
    try:
        s.pmm("init", check=0)
        before = s.dump()
        r = s.pmm("init", "--pack", GT, check=1)
        contains(r.stderr, "ya tiene el paquete de país «mx» (versión 2024.1): no se carga otro encima")
        eq(s.dump() == before, True, "the database is unchanged")
        r = s.pmm("init", check=0)         # init again: the pack stays, nothing reloaded
        contains(r.stdout, "no vuelve a cargar sus catálogos")
        eq(s.dump() == before, True, "init again changes nothing")
        # the demo's records are the Mexican pack's: it refuses a Guatemalan database
        g = Scratch()
        try:
            g.pmm("init", "--pack", GT, check=0)
            before = g.dump()
            r = g.pmm("demo", check=1)
            contains(r.stderr, "la base de datos tiene el paquete de país «gt»")
            eq(g.dump() == before, True, "demo wrote nothing")
        finally:
            g.close()
    finally:
        s.close()


# the pack-copy set-up is pmmtest's, shared with test_packs_loader.py (F1316)
bad_pack = functools.partial(pack_refused, GT)


def a_bad_pack_is_refused():
    bad_pack(edit_json(lambda j: j["emisor"].pop("es")), "pack.json", "emisor.es", "falta esta clave")
    bad_pack(edit_json(lambda j: j.update(moneda="quetzal")), "pack.json", "moneda", "no conoce esta clave")
    bad_pack(edit_json(lambda j: j["unidad_subnacional"]["es"].update(genero="n")),
             "unidad_subnacional.es.genero", "«f» o «m»")
    bad_pack(edit_json(lambda j: j.update(nombre="Guatemala")), "nombre", "minúsculas")
    bad_pack(edit_csv("reporter_types.csv", "Organismo Ejecutivo,Executive Branch,m,",
                      "Organismo Ejecutivo,Executive Branch,x,"), "reporter_types.csv:2", "genero", "f;m")
    bad_pack(edit_csv("reporter_types.csv", ",genero,numero,subnacional", ",genero,numero_x,subnacional"),
             "reporter_types.csv", "numero")
    bad_pack(edit_csv("states.csv", "22,Jutiapa", "GT-JU22,Jutiapa"), "states.csv:23", "pasa de 5 caracteres")
    bad_pack(lambda d: os.remove(os.path.join(d, "institutions.csv")), "institutions.csv")
    bad_pack(edit_csv("states.csv", "09,Quetzaltenango", "0 9,Quetzaltenango"), "states.csv:10", "clave",
             "solo letras")
    # more reporter types than the figures hold, a name longer than a figure's label: refused, not cut
    more = "".join("T%d,Tipo %d,Type %d,m,sg,0,0,,,,\n" % (n, n, n) for n in range(8, 66))
    bad_pack(lambda d: open(os.path.join(d, "reporter_types.csv"), "a", encoding="utf-8").write(more),
             "reporter_types.csv:66", "a lo más 64 entradas")
    bad_pack(edit_csv("populations.csv", "Guatemaltecos retornados,", "Guatemaltecos retornados" + "x" * 150 + ","),
             "populations.csv:4", "nombre", "pasa de 150 bytes")


def any_number_of_units_with_long_codes():
    # Colombia's DANE codes run to 99, ISO 3166-2 codes have five characters
    def more_units(d):
        p = os.path.join(d, "states.csv")
        with open(p, "a", encoding="utf-8") as f:
            for n in range(23, 41):
                f.write("GT-%02d,Unidad %d,U%d,\n" % (n, n, n))
    s = Scratch()
    try:
        d = pack_copy(s, GT, more_units)
        s.pmm("init", "--pack", d, check=0)
        eq(count(s, "state"), 40, "units")
        s.write("a.csv", ACTIONS)
        s.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
        text = InformeText(s.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", check=0).stdout).text
        contains(text, "La participación departamental abarcó 2 de los 40 departamentos.")
    finally:
        s.close()


def more_than_eight_reporter_types():
    # a country with 12 reporter types: every one counted, each its own
    # colour in the challenges chart (before issue 16 the 9th was left out)
    s = Scratch()
    try:
        d = pack_copy(s, GT)
        with open(os.path.join(d, "reporter_types.csv"), "a", encoding="utf-8") as f:
            for n in range(8, 13):
                f.write("T%d,Tipos %d,Types %d,m,pl,0,0,,,,\n" % (n, n, n))
        with open(os.path.join(d, "institutions.csv"), "a", encoding="utf-8") as f:
            for n in range(8, 13):
                f.write("I%d,Instancia %d,T%d,,,\n" % (n, n, n))
        s.pmm("init", "--pack", d, check=0)
        rows = ACTIONS + "".join("X%d,I%d,%d,Acción %d,Algo.,Foros o grupos de trabajo,no_aplica,No,No,,Hecho.\n"
                                 % (n, n, n, n) for n in range(8, 13))
        s.write("a.csv", rows)
        s.write("r.csv", "folio,reto,categoria\n" + "".join(
            "%s,Reto,Barreras culturales y de idioma\n" % f for f in
            ["GT-1", "GT-2", "GT-3", "GT-5", "GT-7", "GT-8"] + ["X%d" % n for n in range(8, 13)]))
        s.pmm("import", "--edition", "2025", "a.csv", "--challenges", "r.csv", "--status", "validada", check=0)
        f = s.figures("2025")
        eq(len(f["by_reporter_type"]), 12, "types in the figures")
        eq(sum(f["by_reporter_type"].values()), 13, "every action under its type")
        svg = s.pmm("chart", "retos", "--edition", "2025", "-o", "-", check=0).stdout
        # the legend's swatches: 11 by 11
        fills = re.findall(r'<rect [^>]*width="11\.00" height="11\.00" fill="(#[0-9A-Fa-f]{6})"', svg)
        if len(fills) != len(set(fills)) or len(fills) != 10:   # the 10 types with challenges
            raise AssertionError("legend colours: %s" % fills)
        s.pmm("report", "--edition", "2025", "--format", "pdf", "-o", "i.pdf", check=0)
        text = InformeText(s.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", check=0).stdout).text
        contains(text, "reportada por los tipos 12")
    finally:
        s.close()


def guatemala_reads_as_guatemala():
    s = guatemala()
    try:
        f = s.figures("2025")
        eq((f["actions"], f["institutions"], f["states"]), (8, 8, 2), "actions, institutions, departments")
        eq(f["by_reporter_type"], {"OE": 2, "GD": 2, "MUN": 1, "OJ": 1, "OL": 0, "EA": 2, "OSC": 0}, "by type")
        eq(s.query("SELECT count(*) FROM state")[0][0], 22, "departamentos")
        texts = {}
        for lang in ("es", "en"):
            h = s.pmm("report", "--edition", "2025", "--format", "html", "--lang", lang, "-o", "-", check=0).stdout
            texts[lang] = InformeText(h).text
            no_mexican_word(h, "the Informe (%s, html)" % lang)
            s.pmm("report", "--edition", "2025", "--format", "pdf", "--lang", lang, "-o", "i.pdf", check=0)
            pdf = subprocess.run(["pdftotext", s.path("i.pdf"), "-"], capture_output=True, text=True, check=True).stdout
            no_mexican_word(pdf, "the Informe (%s, pdf)" % lang)
            contains(re.sub(r"\s+", " ", pdf), "Consejo Nacional de" if lang == "es" else "National Council for")
        es, en = texts["es"], texts["en"]
        # issue 12 (UN style): counts under ten in words, «un/una» agreeing with the noun
        for want in ("dos dependencias del Organismo Ejecutivo, dos gobernaciones departamentales, una municipalidad",
                     "La participación departamental abarcó 2 de los 22 departamentos.",
                     "reportada por el Organismo Ejecutivo", "reportada por las entidades autónomas",
                     "dos de las gobernaciones departamentales", "# Anexo B. Departamentos participantes",
                     "Clave | Abreviatura | Departamento | Acciones",
                     "Elaboró: Consejo Nacional de Atención al Migrante de Guatemala.", "País: Guatemala.",
                     "Lugar y fecha: Ciudad de Guatemala, "):
            contains(es, want, "the Informe (es)")
        for want in ("two bodies of the Executive Branch, two departmental governorates",
                     "Departmental participation covered 2 of the 22 departments.",
                     "# Annex B. Participating departments",
                     "Prepared by: National Council for Migrant Assistance of Guatemala.", "Country: Guatemala."):
            contains(en, want, "the Informe (en)")
        for bad in ("la Organismo", "los entidades", "el entidades", "las Organismo"):
            if bad in es:
                raise AssertionError("wrong article: %r" % bad)
        # the template an institution fills in: its notes and lists
        s.pmm("template", "--edition", "2025", "-o", "plantilla.xlsx", check=0)
        with zipfile.ZipFile(s.path("plantilla.xlsx")) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        no_mexican_word(xml, "the template")
        contains(xml, "Guatemaltecos en el exterior")
        # F16A (tester's fault 10): the folio's example was «INM-01» under any pack
        eq(re.findall(r"\bINM\b", xml), [], "the Mexican INM's acronym in the template")
        first = s.pmm("catalog", "institutions", check=0).stdout.split("\t")[0]     # CONAMIGUA
        contains(xml, "(p. ej. %s-01, %s-02...)" % (first, first), "the instructions' example")
        contains(xml, "(p. ej. las siglas de su institución y un número: SIGLAS-01)", "the Folio column's note")   # F14B round 2 fault 12
        s.pmm("template", "--edition", "2025", "--institution", "MINEX", "-o", "minex.xlsx", check=0)
        with zipfile.ZipFile(s.path("minex.xlsx")) as z:
            contains(z.read("xl/sharedStrings.xml").decode("utf-8"), "(p. ej. MINEX-01, MINEX-02...)",
                     "the instructions of one institution's template")
        no_mexican_word(s.pmm("catalog", "reporter-types", check=0).stdout, "pmm catalog")
    finally:
        s.close()


def the_packs_others_threshold():
    # «Otros retos» groups the categories under the pack's threshold
    # (umbral_otros_retos); --others-threshold still overrides it
    s = Scratch()
    try:
        d = pack_copy(s, GT, edit_json(lambda j: j.update(umbral_otros_retos=2)))
        s.pmm("init", "--pack", d, check=0)
        s.write("a.csv", ACTIONS)
        s.write("r.csv", "folio,reto,categoria\n" + "".join(
            "GT-%d,Reto %d,%s\n" % (i, i, c) for i, c in enumerate(
                ["Barreras culturales y de idioma"] * 3 + ["Ampliación de la cobertura de los programas y acciones",
                                                           "Cumplimiento de la normatividad por parte de los actores"],
                start=1)))
        s.pmm("import", "--edition", "2025", "a.csv", "--challenges", "r.csv", "--status", "validada", check=0)

        def informe(*extra):
            h = s.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", *extra, check=0).stdout
            return InformeText(h).text
        contains(informe(), "Con menos de dos menciones, se agrupan en la gráfica como «Otros retos»")
        if "se agrupan en la gráfica" in informe("--others-threshold", "13"):
            raise AssertionError("--others-threshold 13 does not override the pack's 2")
        svg = s.pmm("chart", "retos", "--edition", "2025", "-o", "-", check=0).stdout
        contains(svg, "Otros retos", "the chart")
        bad_pack(edit_json(lambda j: j.update(umbral_otros_retos="dos")), "umbral_otros_retos", "número entero")
    finally:
        s.close()


def the_packs_language():
    # a pack whose documents are in English by default ("idioma": "en"):
    # report, chart and compendio without --lang; --lang es still Spanish
    s = Scratch()
    try:
        d = pack_copy(s, GT, edit_json(lambda j: j.update(idioma="en")))
        s.pmm("init", "--pack", d, check=0)
        s.write("a.csv", ACTIONS)
        s.pmm("import", "--edition", "2025", "a.csv", "--status", "validada", check=0)
        html = s.pmm("report", "--edition", "2025", "--format", "html", "-o", "-", check=0).stdout
        contains(InformeText(html).text, "This report draws on the contributions of")
        html = s.pmm("report", "--edition", "2025", "--format", "html", "--lang", "es", "-o", "-", check=0).stdout
        contains(InformeText(html).text, "Para la construcción del presente informe")
        contains(s.pmm("chart", "tipos", "--edition", "2025", "-o", "-", check=0).stdout, "Executive Branch")
        contains(s.pmm("compendio", "--edition", "2025", "-o", "-", check=0).stdout, 'lang="en"')
        bad_pack(edit_json(lambda j: j.update(idioma="fr")), "idioma", "«es» o «en»")
    finally:
        s.close()


def mexico_keeps_its_words():
    # the Mexican pack, compiled in, writes what the seed wrote
    s = Scratch()
    try:
        s.pmm("demo", check=0)
        text = InformeText(s.pmm("report", "--edition", "2024", "--format", "html", "-o", "-", check=0).stdout).text
        for want in ("La participación estatal abarcó 23 de las 32 entidades federativas.",
                     "dependencias de la Administración Pública Federal", "# Anexo B. Entidades federativas participantes",
                     "Elaboró: Unidad de Política Migratoria, Registro e Identidad de Personas.",
                     "Lugar y fecha: Ciudad de México, "):
            contains(text, want)
    finally:
        s.close()


def an_older_database_holds_the_mexican_pack():
    # a database an older pmm loaded: migration 24 records "mx" and the
    # reporter types' grammar as the pack's files give them
    new, old = Scratch(), Scratch()
    try:
        new.pmm("init", check=0)
        old.pmm("init", check=0)
        downgrade(old.db, 17)
        old.pmm("catalog", "states", check=0)          # migrates
        # issue 14: the boundary file is recorded from now on; an older database
        # has none and draws the default pack's (tests/web/test_web_map.py),
        # with its credit (F14B: render/map.c reads the default pack.json's)
        q = "SELECT key, value FROM pack WHERE key <> 'limites' AND key NOT LIKE 'limites.%' ORDER BY key"
        eq(old.query(q), new.query(q), "the pack recorded")
        q = ("SELECT code, gender, number, subnational, body_es, bodies_es, body_en, bodies_en FROM reporter_type"
             " ORDER BY code")
        eq(old.query(q), new.query(q), "the reporter types' grammar")
        r = old.pmm("init", "--pack", GT, check=1)
        contains(r.stderr, "«mx»")
    finally:
        new.close()
        old.close()


def no_mexican_word_in_the_sources():
    # every string of the C sources (the migrations of src/store/db.c aside:
    # they describe the databases Mexico's pmm already wrote), the web's
    # files, and the English the messages are translated into
    hits = []
    literal = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
    for d, _, fs in os.walk(os.path.join(SOURCE, "src")):
        for name in fs:
            p = os.path.join(d, name)
            if os.path.relpath(p, SOURCE) == os.path.join("src", "store", "db.c"):
                continue
            src = open(p, encoding="utf-8").read()
            src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
            src = re.sub(r"//[^\n]*", "", src)
            for m in literal.finditer(src):
                for h in MEXICAN.finditer(m.group(1)):
                    hits.append("%s: %s in %r" % (os.path.relpath(p, SOURCE), h.group(0), m.group(1)[:80]))
    web = os.path.join(SOURCE, "data", "web")
    for name in os.listdir(web):
        for h in MEXICAN.finditer(open(os.path.join(web, name), encoding="utf-8").read()):
            hits.append("data/web/%s: %s" % (name, h.group(0)))
    po = open(os.path.join(SOURCE, "po", "en.po"), encoding="utf-8").read()
    for entry in po.split("\n\n"):
        if entry.lstrip().startswith("#~"):
            continue               # obsolete: no longer in the sources
        ids = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        strs = re.search(r'^msgstr ((?:".*"\n?)+)', entry, re.M)
        if ids and strs and not MEXICAN.search(ids.group(1)) and MEXICAN.search(strs.group(1)):
            hits.append("po/en.po: %s" % strs.group(1)[:80])
    eq(hits, [], "Mexican words in the sources")


check("no command reloads the catalogs because a table is empty, nor overwrites an edit", nothing_reloads_the_catalogs)
check("init refuses to load a pack over a database's pack; demo refuses another country's", init_refuses_another_pack)
check("a pack with a mistake is refused, naming file and key, and nothing is written", a_bad_pack_is_refused)
check("a pack may hold any number of units with codes of up to five characters", any_number_of_units_with_long_codes)
check("a country with 12 reporter types: all counted, each its own colour", more_than_eight_reporter_types)
check("Guatemala's pack: figures, Informe (es, en; html, pdf) and template in its own words", guatemala_reads_as_guatemala)
check("the pack's «Otros retos» threshold, overridden by --others-threshold", the_packs_others_threshold)
check("the pack's language is the documents' default; --lang overrides it", the_packs_language)
check("the Mexican pack keeps the seed's words", mexico_keeps_its_words)
check("a database an older pmm loaded holds the Mexican pack", an_older_database_holds_the_mexican_pack)
check("no word of the Mexican pack in the sources", no_mexican_word_in_the_sources)
done()
