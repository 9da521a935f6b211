"""Issue 14 (hostile tester round 1, helper F14A), fault 8: exit codes as
docs/cli.md says (2: the command was misused, with its usage line). A
missing required option or a value outside an option's listed set exited
1 without the usage in report, compendio, chart, export, template, review
and user, while import exited 2; `user add` with an empty standard input
exited 1 saying nothing. Now cli_args, the one option parser, says which
option is missing or which value it does not take, for every command."""
import subprocess
from pmmtest import PMM, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def usage_error(args, says):
    r = s.pmm(*args)
    eq(r.returncode, 2, " ".join(args) + "\n" + r.stderr)
    contains(r.stderr, says, " ".join(args))
    contains(r.stderr, "uso: pmm " + args[0], " ".join(args))


def missing_required_option():
    for args in (("report",), ("compendio", "-o", "x.html"), ("chart", "tipos", "-o", "x.svg"),
                 ("export", "-o", "x.json"), ("export", "--good-practices"), ("template", "-o", "x.xlsx")):
        usage_error(args, "pmm %s: falta --edition EDICIÓN" % args[0])
    usage_error(("template", "--edition", "2024"), "pmm template: falta --output ARCHIVO")
    usage_error(("review", "-o", "x.html"), "pmm review: falta --from EDICIÓN")
    usage_error(("review", "--from", "2023-ejemplo", "-o", "x.html"), "pmm review: falta --to EDICIÓN")
    eq(s.pmm("review", "--review", "nosuch", "-o", "x.html").returncode, 1, "--review alone is a whole use")


def value_outside_its_set():
    usage_error(("user", "add", "x", "--role", "jefe"),
                "pmm user: --role no admite «jefe» (valores: administrador, coordinador, enlace)")
    usage_error(("report", "--edition", "2024", "--revision", "abc"),
                "pmm report: --revision no admite «abc» (valores: un número entero de 0 en adelante, live)")
    usage_error(("report", "--edition", "2024", "--format", "odt"), "--format no admite «odt»")
    # a well-formed value the data lacks is no misuse: exit 1
    eq(s.pmm("report", "--edition", "2024", "--revision", "99").returncode, 1, "--revision 99")


def user_add_without_password():
    r = subprocess.run([PMM, "--db", s.db, "user", "add", "y", "--role", "enlace", "--institution", "INM"],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       env={"LANGUAGE": "es", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    eq(r.returncode, 1, r.stderr)
    contains(r.stderr, "falta la contraseña: la entrada estándar está vacía")


check("fault 8a: a missing required option is a usage error (2) in every command", missing_required_option)
check("fault 8b: a value outside the option's set is a usage error (2)", value_outside_its_set)
check("fault 8c: user add with an empty standard input says the password is missing", user_add_without_password)
done()
