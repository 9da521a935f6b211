"""Issue 13, hostile round 2 (helper F13), through the CLI: pmm trend and
pmm review name a command they take when the live figures differ; a new
edition's name takes no comma, and one named before that rule still works
in --editions; the Informe's comparison has no double space; the review
says «del tipo Poder Legislativo», never ranks «Sin clasificar» as a
category, names a continuing programme once, and finds a stored review by
name as the platform does (case-blind)."""
import json
import re
import html
from pmmtest import Scratch, check, contains, done, eq

HEAD = "folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,enfoque_genero,discapacidad,beneficiarios,resultados"


def text_of(path):
    t = open(path, encoding="utf-8").read()
    return html.unescape(re.sub(r"<[^>]+>", " ", t))


_demo = {}


def demo():
    if "s" not in _demo:
        s = Scratch()
        s.pmm("demo", check=0)
        _demo["s"] = s
    return _demo["s"]


def live_differs_advice():
    s = demo()
    # one validated action of the live 2024 returned: its figures now differ from the revision's
    con = __import__("sqlite3").connect(s.db)
    con.execute("UPDATE action SET status = 'devuelta' WHERE id = (SELECT a.id FROM action a JOIN edition e"
                " ON e.id = a.edition_id WHERE e.name = '2024' AND a.status = 'validada' ORDER BY a.id LIMIT 1)")
    con.commit()
    con.close()
    for args in (["trend", "--format", "json"], ["review", "--from", "2023-ejemplo", "--to", "2024", "-o", "r.html"]):
        r = s.pmm(*args, check=0)
        contains(r.stderr, "pmm report --edition '2024' --revision live")
        eq(re.search(r": --revision live", r.stderr), None, "no option the command refuses: " + r.stderr)
        # what it suggests works
        m = re.search(r"(pmm report --edition '2024' --revision live)", r.stderr)
        eq(s.pmm("report", "--edition", "2024", "--revision", "live", "--format", "json").returncode, 0, m.group(1))
    s.query("SELECT 1")
    con = __import__("sqlite3").connect(s.db)
    con.execute("UPDATE action SET status = 'validada' WHERE status = 'devuelta'")
    con.commit()
    con.close()


def two(s, names=("p2023", "p2024"), rows=None):
    s.pmm("init", check=0)
    for name, period in zip(names, ("2023-01:2023-12", "2024-01:2024-12")):
        s.pmm("edition", "new", name, "--period", period, check=0)
        s.pmm("import", "--edition", name, s.write("x.csv", rows or (HEAD + "\nX-1,INM,3,Orientación,,,,,,,\n")),
              check=0)


def comma_names():
    s = Scratch()
    two(s)
    for args in (["edition", "add", "A,B"], ["edition", "new", "A,B"],
                 ["import", "--edition", "A,B", s.write("y.csv", HEAD + "\nY-1,INM,3,Uno,,,,,,,\n")]):
        r = s.pmm(*args)
        eq(r.returncode != 0, True, " ".join(args))
        contains(r.stderr, "lleva «,»")
    eq(s.query("SELECT count(*) FROM edition WHERE name = 'A,B'")[0][0], 0, "none made")
    # an edition named before the rule still works in --editions
    con = __import__("sqlite3").connect(s.db)
    con.execute("UPDATE edition SET name = 'R,D 2023' WHERE name = 'p2023'")
    con.commit()
    con.close()
    r = s.pmm("trend", "--editions", "R,D 2023,p2024", "--format", "json", check=0)
    eq(json.loads(r.stdout)["editions"], ["R,D 2023", "p2024"], "the old name is one")
    r = s.pmm("trend", "--editions", "p2024, R,D 2023", "--format", "json", check=0)
    eq(json.loads(r.stdout)["editions"], ["p2024", "R,D 2023"], "in any place of the list")
    r = s.pmm("trend", "--editions", "R,p2024")
    eq(r.returncode != 0, True, "a piece of it alone names nothing")
    contains(r.stderr, "«R»")


def informe_spacing():
    # every objective grew (none fell, none stayed): «… bajó en número de acciones. El cuadro …»
    s = Scratch()
    s.pmm("init", check=0)
    for name, period, per in (("p2023", "2023-01:2023-12", 1), ("p2024", "2024-01:2024-12", 2)):
        rows = "".join("\nX-%d-%d,INM,%d,Acción %d,,,,,,," % (o, k, o, o) for o in range(1, 24) for k in range(per))
        s.pmm("edition", "new", name, "--period", period, check=0)
        s.pmm("import", "--edition", name, s.write(name + ".csv", HEAD + rows + "\n"), check=0)
    s.pmm("report", "--edition", "p2024", "--format", "html", "-o", "i.html", check=0)
    raw = open(s.path("i.html"), encoding="utf-8").read()
    contains(raw, "El cuadro da las cifras de cada objetivo")
    eq(re.findall(r"\.\s{2,}El cuadro", raw), [], "one space before «El cuadro»")


def review_texts():
    s = demo()
    s.pmm("review", "--from", "2023-ejemplo", "--to", "2024", "-o", "r.html", check=0)
    t = text_of(s.path("r.html"))
    contains(t, "no informó ninguna instancia del tipo Poder Legislativo")
    eq("instancia de Poder" in t, False, "«del», not «de»")
    s.pmm("review", "--from", "2023-ejemplo", "--to", "2024", "--lang", "en", "-o", "r-en.html", check=0)
    t = text_of(s.path("r-en.html"))
    eq("no body reported of" in t, False, "the English sentence")
    eq(re.findall(r"no body of the type [^.;]*", t), ["no body of the type Legislature reported"], "English")


def unclassified_not_ranked():
    s = Scratch()
    rows = HEAD + "\nX-1,INM,3,Orientación,,,,,,,\nX-2,SRE,5,Consulados,,,,,,,\n"
    two(s, rows=rows)
    # p2024 gains unclassified challenges (no category), and nothing else changes
    s.write("x-retos.csv", "folio,reto,categoria\nX-1,Un reto sin categoría,\nX-2,Otro,\n")
    s.pmm("import", "--edition", "p2024", s.write("x2.csv", rows), "--challenges", s.path("x-retos.csv"), check=0)
    s.pmm("review", "--from", "p2023", "--to", "p2024", "-o", "r.html", check=0)
    t = text_of(s.path("r.html"))
    contains(t, "Sin clasificar")
    ranked = re.findall(r"(?:La categoría que más|Las categorías que más|La que más|Las que más)[^.]*\.", t)
    eq([x for x in ranked if "Sin clasificar" in x], [], "no ranking names it")


def continuing_once():
    s = Scratch()
    s.pmm("init", check=0)
    for name, period, cont in (("Y1", "2022-01:2022-12", ""), ("Y2", "2023-01:2023-12", "Y1-1")):
        s.pmm("edition", "new", name, "--period", period, check=0)
        f = s.write(name + ".csv", HEAD + ",continua_folio\n%s-1,INM,3,Programa uno,d,,,,,,r,%s\n" % (name, cont))
        s.pmm("import", "--edition", name, f, check=0)
    s.pmm("review", "--from", "Y1", "--to", "Y2", "-o", "r.html", check=0)
    t = text_of(s.path("r.html"))
    m = re.search(r"Programas principales: ([^.]*)\.", t)
    eq(bool(m), True, "the programme is named")
    eq(m.group(1).count("Programa uno"), 1, m.group(1))
    contains(m.group(1), "(INM, Y2)")


def review_name_case():
    s = demo()
    ids = dict(s.query("SELECT name, id FROM edition WHERE snapshot_of IS NULL"))
    con = __import__("sqlite3").connect(s.db)
    con.execute("INSERT INTO review(name, from_edition_id, to_edition_id) VALUES ('Examen 2025', ?, ?)",
                (ids["2023-ejemplo"], ids["2024"]))
    con.commit()
    con.close()
    r = s.pmm("review", "--review", "examen 2025", "-o", "e.html")
    eq(r.returncode, 0, r.stderr)
    r = s.pmm("review", "--review", "EXAMEN 2025", "-o", "e.html")
    eq(r.returncode, 0, r.stderr)


def import_keeps_practice_principle():
    # fault 3 through the import: a good practice replaced without principles is refused
    s = Scratch()
    s.pmm("init", check=0)
    s.pmm("edition", "new", "p2024", "--period", "2024-01:2024-12", check=0)
    s.pmm("import", "--edition", "p2024", s.write("a.csv", HEAD + ",principios\nG-1,INM,3,Práctica,,,,,,,,1;6\n"),
          check=0)
    con = __import__("sqlite3").connect(s.db)
    con.execute("INSERT INTO good_practice(action_id) SELECT id FROM action WHERE folio = 'G-1'")
    con.commit()
    con.close()
    r = s.pmm("import", "--edition", "p2024", s.write("b.csv", HEAD + ",principios\nG-1,INM,3,Práctica,,,,,,,,\n"))
    eq(r.returncode != 0, True, r.stdout + r.stderr)
    contains(r.stderr, "principios")
    contains(r.stderr, "buena práctica")
    eq(s.query("SELECT count(*) FROM action_principle")[0][0], 2, "nothing replaced")
    eq(s.pmm("check").returncode, 0, "the database keeps the rule")


check("fault 5: trend and review name the command that gives the live figures", live_differs_advice)
check("fault 9: no comma in a new edition's name; an old one still works", comma_names)
check("fault 10: one space before «El cuadro»", informe_spacing)
check("fault 11: «del tipo», «no body of the type»", review_texts)
check("fault 11: «Sin clasificar» is not ranked as a category", unclassified_not_ranked)
check("fault 12: a continuing programme named once", continuing_once)
check("fault 13: --review finds a review case-blind", review_name_case)
check("fault 3: an import keeps a good practice's principle", import_keeps_practice_principle)
done()
