"""issue 10, the hostile tester's second round (helper REC3). Each check
names its fault (the rows after REC2's in docs/reliability.md) and fails on
the code before its fix."""
import json
import sqlite3
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done, downgrade
import xlsxmini

ACTIONS = ["folio", "institucion", "objetivos", "nombre", "resultados"]


def scratch():
    s = Scratch()
    s.pmm("init", check=0)
    return s


def unknown_column_with_data():
    """b: a column «Resultado» (for «Resultados») holding data was only
    warned of, and every result was lost."""
    s = scratch()
    csv = s.write("a.csv", "folio,institucion,objetivos,nombre,Resultado\nC1,INM,3,uno,Se capacitó a 40\n")
    r = s.pmm("import", "--edition", "2025", csv, check=1)
    contains(r.stderr, "Resultado", "the refusal")
    contains(r.stderr, "«resultados»", "the known name it resembles")
    eq(s.query("SELECT count(*) FROM action"), [(0,)], "nothing imported")
    # the same in a workbook
    book = s.path("a.xlsx")
    xlsxmini.write(book, [("Acciones", [["folio", "institucion", "objetivos", "nombre", "Resultado"],
                                        ["C1", "INM", "3", "uno", "Se capacitó a 40"]])])
    r = s.pmm("import", "--edition", "2025", book, check=1)
    contains(r.stderr, "columna E", "the refusal names the column letter")
    # an unknown column without data is only warned of
    csv = s.write("b.csv", "folio,institucion,objetivos,nombre,Notas\nC1,INM,3,uno,\n")
    r = s.pmm("import", "--edition", "2025", csv, check=0)
    contains(r.stderr, "aviso", "the warning")
    eq(s.query("SELECT count(*) FROM action"), [(1,)], "imported")
    s.close()


def unread_sheet_with_data():
    """b: a sheet «Retos (2)» holding challenges was only warned of."""
    s = scratch()
    book = s.path("a.xlsx")
    xlsxmini.write(book, [("Acciones", [["folio", "institucion", "objetivos", "nombre"], ["C1", "INM", "3", "uno"]]),
                          ("Retos", [["folio", "reto", "categoria"], ["C1", "un reto", ""]]),
                          ("Retos (2)", [["folio", "reto", "categoria"], ["C1", "otro reto", ""]])])
    r = s.pmm("import", "--edition", "2025", book, check=1)
    contains(r.stderr, "Retos (2)", "the refusal")
    eq(s.query("SELECT count(*) FROM action"), [(0,)], "nothing imported")
    # an empty sheet holds nothing to lose: warned of (REC4: a header alone
    # is refused, as a lone row cannot be told from one)
    xlsxmini.write(book, [("Acciones", [["folio", "institucion", "objetivos", "nombre"], ["C1", "INM", "3", "uno"]]),
                          ("Retos (2)", []), ("Vacía", [])])
    r = s.pmm("import", "--edition", "2025", book, check=0)
    contains(r.stderr, "Retos (2)", "the warning")
    eq(s.query("SELECT count(*) FROM action"), [(1,)], "imported")
    s.close()


def import_json(s, name, actions, check=0):
    path = s.write(name, json.dumps({"schema": "pmm-export/1", "acciones": actions}))
    return s.pmm("import", "--edition", "2025", path, check=check)


def act(folio, **kw):
    a = {"folio": folio, "institucion": "INM", "objetivos": [3], "nombre": "uno"}
    a.update(kw)
    return a


def json_folios_trimmed():
    """c: JSON folios "JW1 ", "\u00a0JW1", "JW1\t" were three actions, and
    the export of them could not be imported back («folio repetido»)."""
    s = scratch()
    r = import_json(s, "a.json", [act("JW1 "), act("\u00a0JW1"), act("JW1\t")], check=1)
    contains(r.stderr, "folio repetido", "one folio written three ways")
    eq(s.query("SELECT count(*) FROM action"), [(0,)], "nothing imported")
    import_json(s, "b.json", [act("\u3000JW1\u00a0", retos=[{"reto": "un reto", "categoria": None}])])
    eq(s.query("SELECT folio FROM action"), [("JW1",)], "stored trimmed")
    import_json(s, "c.json", [act("JW1", nombre="dos")])
    eq(s.query("SELECT folio, name FROM action"), [("JW1", "dos")], "the same action replaced")
    out = s.path("e.json")
    s.pmm("export", "--edition", "2025", "--format", "json", "-o", out, check=0)
    s.pmm("import", "--edition", "2025", out, check=0)
    eq(s.query("SELECT count(*) FROM action"), [(1,)], "the export imports back")
    s.close()


def json_texts_trimmed():
    """d: the JSON reader kept white space at the ends of texts, which every
    other entry point strips (an unchanged web save then changed them)."""
    s = scratch()
    import_json(s, "a.json", [act("T1", nombre="  Nombre\u00a0", descripcion="\tDescripción \n",
                                   resultados="\u2003Resultados ",
                                   retos=[{"reto": " Un reto\n", "categoria": None}])])
    eq(s.query("SELECT name, description, results FROM action"),
       [("Nombre", "Descripción", "Resultados")], "the texts")
    eq(s.query("SELECT text FROM challenge"), [("Un reto",)], "the challenge")
    s.close()


def objectives_after_a_dash():
    """a: «7-15», «7–15», «7:15», «7-» stored only 7, «3-5;9» stored 3;9,
    «7 — 15» would drop 15: the text after a dash was ignored whatever it was."""
    s = scratch()
    for cell in ["7-15", "7–15", "7:15", "7-", "3-5;9", "7 — 15", "7 — Salvar vidas;15"]:
        csv = s.write("a.csv", 'folio,institucion,objetivos,nombre\nC1,INM,"%s",uno\n' % cell)
        r = s.pmm("import", "--edition", "2025", csv, check=1)
        contains(r.stderr, "columna «objetivos», valor «%s»" % cell, "the cell named")
        contains(r.stderr, "solo puede ir el título de ese objetivo", "why")
    eq(s.query("SELECT count(*) FROM action"), [(0,)], "nothing imported")
    # the drop-down's «N — title» (Spanish or English, any case and accents, or its first words)
    for cell, want in [("7 — Abordar y reducir las vulnerabilidades en la migración;15", [7, 15]),
                       ("15 – PROPORCIONAR A LOS MIGRANTES ACCESO A SERVICIOS BASICOS;7", [15, 7]),
                       ("7 - abordar y reducir;15", [7, 15]),
                       ("7: Address and reduce vulnerabilities in migration", [7])]:
        csv = s.write("a.csv", 'folio,institucion,objetivos,nombre\nC1,INM,"%s",uno\n' % cell)
        s.pmm("import", "--edition", "2025", csv, check=0)
        eq([o for (o,) in s.query("SELECT objective FROM action_objective ORDER BY position")], want, cell)
    s.close()


def report_reads_published_revision():
    """g: `pmm report` of a published edition reported live figures that a
    catalog edit had changed, while the published revision said otherwise."""
    s = scratch()
    acc = s.write("a.csv", "folio,institucion,objetivos,nombre\nC1,INM,3,uno\nC2,SRE,4,dos\n")
    s.pmm("import", "--edition", "2024", acc, check=0)
    s.pmm("edition", "set", "2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("edition", "set", "2024", "--estado", "publicada", check=0)
    r = s.pmm("report", "--edition", "2024", "--format", "json", check=0)
    eq(r.stderr, "", "nothing to say while the figures agree")
    con = sqlite3.connect(s.db)      # what the administrator's catalog page writes
    con.execute("UPDATE institution SET type = 'OSC' WHERE acronym = 'INM'")
    con.commit()
    con.close()
    r1 = s.figures("2024", "--revision", "1")
    r = s.pmm("report", "--edition", "2024", "--format", "json", check=0)
    eq(json.loads(r.stdout)["by_reporter_type"], r1["by_reporter_type"], "the report of the published edition")
    eq(json.loads(r.stdout), r1, "the report of the published edition is its revision")
    contains(r.stderr, "revisión 1", "stderr says which revision")
    eq(r1["by_reporter_type"].get("OSC", 0), 0, "the revision's classification")
    live = s.figures("2024", "--revision", "live")
    eq(live["by_reporter_type"]["OSC"], 1, "--revision live reads the rows as they are now")
    html = s.pmm("compendio", "--edition", "2024", "-o", "-", check=0)
    eq(html.stdout, s.pmm("compendio", "--edition", "2024", "--revision", "1", "-o", "-", check=0).stdout,
       "the compendio too")
    s.close()


def folios_by_key():
    """f: folios differing only in case or width («INM-01», «inm-01»,
    «ＩＮＭ-01») were separate actions."""
    s = scratch()
    head = "folio,institucion,objetivos,nombre\n"
    r = s.pmm("import", "--edition", "2025", s.write("a.csv", head + "INM-01,INM,3,uno\ninm-01,INM,3,dos\n"), check=1)
    contains(r.stderr, "folio repetido", "one folio twice in a file")
    s.pmm("import", "--edition", "2025", s.write("a.csv", head + "INM-01,INM,3,uno\n"), check=0)
    r = s.pmm("import", "--edition", "2025", s.write("b.csv", head + "ＩＮＭ-01,INM,3,dos\n"), check=0)
    contains(r.stdout, "1 reemplazada", "the same action replaced")
    eq(s.query("SELECT folio, name FROM action"), [("ＩＮＭ-01", "dos")], "stored as written, once")
    r = s.pmm("import", "--edition", "2025", s.write("c.csv", head + "inm-01,SRE,3,tres\n"), check=1)
    contains(r.stderr, "ya es de otra acción de esta edición (de INM)", "another institution's folio")
    # the store refuses a second one whatever writes it
    con = sqlite3.connect(s.db)
    con.create_function("pmm_folio_key", 1, lambda f: f.lower())
    try:
        con.execute("INSERT INTO action(edition_id, folio, institution_id, name, folio_key)"
                    " SELECT edition_id, 'Inm-01', institution_id, 'x', 'inm-01' FROM action")
        raise AssertionError("a second action with the key was stored")
    except sqlite3.IntegrityError:
        pass
    con.close()
    s.close()


def folio_key_migration_names_collisions():
    """f: a database holding two actions whose folios share a key stops
    migration 15, naming both, and changes nothing."""
    s = scratch()
    s.pmm("import", "--edition", "2025",
          s.write("a.csv", "folio,institucion,objetivos,nombre\nINM-01,INM,3,uno\nOTRO,INM,3,dos\n"), check=0)
    downgrade(s.db, 14)
    con = sqlite3.connect(s.db)
    con.execute("UPDATE action SET folio = 'inm-01' WHERE folio = 'OTRO'")
    con.commit()
    con.close()
    r = s.pmm("report", "--edition", "2025", "--format", "json", check=1)
    contains(r.stderr, "migración 15", "the migration named")
    contains(r.stderr, "«INM-01»", "the first folio")
    contains(r.stderr, "«inm-01»", "the second folio")
    eq(s.query("PRAGMA user_version"), [(14,)], "nothing changed")
    con = sqlite3.connect(s.db)
    con.execute("UPDATE action SET folio = 'INM-02' WHERE folio = 'inm-01'")
    con.commit()
    con.close()
    s.pmm("report", "--edition", "2025", "--format", "json", check=0)
    eq(s.query("SELECT folio, folio_key FROM action ORDER BY id"), [("INM-01", "inm-01"), ("INM-02", "inm-02")],
       "the keys filled")
    s.close()


check("b: an unknown column holding data is refused, naming what it resembles", unknown_column_with_data)
check("b: an unread sheet holding data is refused", unread_sheet_with_data)

check("c: JSON folios are trimmed like every other folio", json_folios_trimmed)
check("d: JSON texts are trimmed like every other entry point's", json_texts_trimmed)

check("a: an objective's number is followed by its title or nothing", objectives_after_a_dash)
check("g: pmm report of a published edition reads its latest revision", report_reads_published_revision)
check("f: folios are compared by their NFKC case-folded key", folios_by_key)
check("f: migration 15 names two folios that share a key", folio_key_migration_names_collisions)

done()
