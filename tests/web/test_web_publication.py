"""Issue 12, hostile fault N1 (helper H12A), web side: the platform's form
that creates an edition (/admin/ediciones) sets a name the Informe prints
on its cover and in its citation; it goes through the one-line rule of the
command line (text_one_line_check via edition_name_check): a direction
control or a line separator is refused with its character named, in
Spanish and English, and the name is echoed without it."""
import sqlite3
from webtest import Client, Server, Scratch, check, contains, done, eq

s = Scratch()
s.pmm("demo", check=0)


def editions():
    con = sqlite3.connect(s.db)
    try:
        return con.execute("SELECT count(*) FROM edition").fetchone()[0]
    finally:
        con.close()


def refused(lang, want, year):
    def run():
        with Server(s, "--port", "22100" if lang == "es" else "22101", lang=lang) as srv:
            admin = Client(srv)
            admin.login("admin")
            before = editions()
            for ch in ("\u202e", "\u2066", "\u200f", "\u2028", "\u2029"):
                admin.get("/admin")
                r = admin.post("/admin/ediciones", {"nombre": year + ch + "b", "desde": year + "-01",
                                                    "hasta": year + "-12"})
                eq(r.status, 422, "status for U+%04X" % ord(ch))
                contains(r.body, want % ord(ch))
                eq(ch in r.body, False, "U+%04X echoed in the page" % ord(ch))
            eq(editions(), before, "no edition made")
            admin.get("/admin")
            r = admin.post("/admin/ediciones", {"nombre": year, "desde": year + "-01", "hasta": year + "-12"})
            eq(r.status, 303, "a name of one line is taken: " + r.body[:300])
    return run


check("refused_es", refused("es", "lleva el carácter U+%04X", "2031"))
check("refused_en", refused("en", "holds the character U+%04X", "2032"))
done()
