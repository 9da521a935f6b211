"""Every bad file is refused: exit 1, each error named by file, line and
column, and the database exactly as it was."""
from pmmtest import Scratch, ACTION_HEADER, check, eq, contains, done

s = Scratch()
s.pmm("init", check=0)
GOOD = ACTION_HEADER + "\nG-1,INM,7,Buena,,,,,,,\n"
s.pmm("import", "--edition", "2024", s.write("good.csv", GOOD), check=0)
BASE = s.dump()


def refused(name, text=None, raw=None, retos=None, expect=()):
    def run():
        p = s.write(name, text, raw=raw)
        args = ["import", "--edition", "2024", p]
        if retos is not None:
            args += ["--retos", s.write("r-" + name, retos)]
        r = s.pmm(*args)
        eq(r.returncode, 1, "exit code")
        for e in expect:
            contains(r.stderr, e, "stderr")
        contains(r.stderr, "No se importó nada")
        eq(s.dump(), BASE, "database after a refused import")
    return run


ROW = "{folio},{inst},{obj},Nombre,,,,{gen},{dis},{ben},"


def row(folio="F-1", inst="INM", obj="7", gen="", dis="", ben=""):
    return ROW.format(folio=folio, inst=inst, obj=obj, gen=gen, dis=dis, ben=ben)


def file(*rows):
    return ACTION_HEADER + "\n" + "\n".join(rows) + "\n"


cases = [
    ("objective outside 1-23", "obj24.csv", file(row(), row("F-2", obj="24")),
     ["obj24.csv:3:", "columna «objetivos», valor «24»", "del 1 al 23"]),
    ("objective not a number", "objtxt.csv", file(row(obj="siete")),
     ["objtxt.csv:2:", "«objetivos»", "«siete»"]),
    ("unknown institution, with suggestions", "inst.csv", file(row(inst="Secretaria de Relaciones Exterirores")),
     ["inst.csv:2:", "«institucion»", "institución desconocida", "¿quiso decir", "Secretaría de Relaciones Exteriores"]),
    ("bad sí/no", "sino.csv", file(row(gen="tal vez")),
     ["sino.csv:2:", "«enfoque_genero»", "«tal vez»", "Sí"]),
    ("bad sí/no in discapacidad", "sino2.csv", file(row(dis="2")),
     ["sino2.csv:2:", "«discapacidad»"]),
    ("duplicated folio", "dup.csv", file(row(), row("F-2"), row("F-1")),
     ["dup.csv:4:", "«folio», valor «F-1»", "línea 2"]),
    ("missing required column", "nocol.csv", "folio,institucion,nombre\nF-1,INM,X\n",
     ["nocol.csv:1:", "columna «objetivos»", "obligatoria"]),
    ("missing required value", "noval.csv", file(row(inst="")),
     ["noval.csv:2:", "«institucion»", "obligatorio"]),
    ("negative beneficiaries", "neg.csv", file(row(ben="-5")),
     ["neg.csv:2:", "«beneficiarios», valor «-5»", "negativo"]),
    ("beneficiaries not a number", "bentxt.csv", file(row(ben="muchas")),
     ["bentxt.csv:2:", "«beneficiarios»"]),
    ("unknown action type", "tipo.csv", ACTION_HEADER + "\nF-1,INM,7,N,,Capacitacion;Volar,,,,,\n",
     ["tipo.csv:2:", "«tipo_accion», valor «Volar»"]),
    ("unknown population", "pob.csv", ACTION_HEADER + "\nF-1,INM,7,N,,,marcianos,,,,\n",
     ["pob.csv:2:", "«poblacion»", "«marcianos»"]),
    ("header only", "empty.csv", ACTION_HEADER + "\n", ["empty.csv:", "ninguna acción"]),
    ("empty file", "zero.csv", "", ["zero.csv:", "vacío"]),
]

for title, name, text, expect in cases:
    check("refused: " + title, refused(name, text, expect=expect))

check("refused: unterminated quote", refused(
    "quote.csv", file(row(), 'F-2,INM,7,"Nunca se cierra,,,,,,,', row("F-3")),
    expect=["quote.csv:3:", "comilla sin cerrar"]))
# issue 14: a Windows-1252 (or Latin-1) file is read (test_opendata_import);
# what is neither UTF-8 nor Spanish Windows-1252 (Mac Roman's «ñ» would read «–») is not
check("refused: invalid UTF-8 (a Mac Roman file)", refused(
    "macroman.csv", raw=(file(row(), "F-2,INM,7,Año,,,,,,,")).encode("mac_roman"),
    expect=["macroman.csv:3:", "UTF-8"]))
check("refused: NUL bytes", refused(
    "nul.csv", raw=file(row(), "F-2,INM,7,X\0Y,,,,,,,").encode(),
    expect=["nul.csv:3:", "nulo"]))
check("refused: a challenge with an unknown folio", refused(
    "okacc.csv", file(row()), retos="folio,reto,categoria\nNO-EXISTE,Algo,\n",
    expect=["r-okacc.csv:2:", "«folio», valor «NO-EXISTE»"]))
check("refused: a challenge with an unknown category", refused(
    "okacc2.csv", file(row()), retos="folio,reto,categoria\nF-1,Algo,Falta de dinero\n",
    expect=["r-okacc2.csv:2:", "«categoria»", "«Falta de dinero»"]))


def every_error_listed():
    p = s.write("many.csv", file(row(obj="0"), row("F-2", inst="XYZ"), row("F-3", gen="quizá"),
                                 row("F-4", ben="-1")))
    r = s.pmm("import", "--edition", "2024", p)
    eq(r.returncode, 1, "exit")
    for line in ("many.csv:2:", "many.csv:3:", "many.csv:4:", "many.csv:5:"):
        contains(r.stderr, line)
    contains(r.stderr, "4 errores.")
    eq(s.dump(), BASE, "database")


def missing_file():
    r = s.pmm("import", "--edition", "2024", s.path("no-such.csv"))
    eq(r.returncode, 1, "exit")
    contains(r.stderr, "no-such.csv")
    contains(r.stderr, "no se puede abrir")


def english_messages():
    p = s.write("en.csv", file(row(obj="24")))
    r = s.pmm("import", "--edition", "2024", p, lang="en")
    eq(r.returncode, 1, "exit")
    contains(r.stderr, 'en.csv:2: column "objetivos", value "24": the Compact has 23 objectives')
    contains(r.stderr, "Nothing was imported")


check("every error of a file is listed at once", every_error_listed)
check("messages in English when LANG asks for it", english_messages)
check("a missing file is named", missing_file)
s.close()
done()
