"""Issue 15, round 6 (tester t15v, F1): a PDF cut short by a disk that
fills late in its writing (the fonts, structure tree and cross-references
cairo writes at the finish) was taken for a whole one: cairo's own file
stream lost the failed write. `pmm report -o` said «se escribió» and exited
0 with an unreadable file; `pmm serve` renamed it into its download cache
and served it, `stored` then `hit`, for good. pmm now writes the PDF's
file itself, checking each write, and a file that does not end in %%EOF is
a failed write: the CLI says «el disco está lleno» and exits 1 leaving no
file, the server says so, answers the whole PDF from memory and stores
nothing. (L7: the DOCX's failed write said libzip's English «Write
error»: errtext_zip words libzip's system errors.)"""
import os
import subprocess

from webtest import Scratch, Server, check, checkpointed_copy, contains, done, eq, fetch_raw, fill, small_disk

s = Scratch()
s.pmm("demo", check=0)
FREE = 200 * 1024          # free space left: part of the 330 KB Informe, not all of it


def fill_but(mnt, free):
    """Fills MNT's file system leaving FREE bytes."""
    reserve = os.path.join(mnt, "reserva")
    with open(reserve, "wb") as f:
        f.write(b"\0" * free)
    fill(mnt)
    os.remove(reserve)


def readable(path):
    return subprocess.run(["pdfinfo", path], capture_output=True).returncode == 0


def cli_says_disk_full():
    with small_disk(s, "cli", "4m") as mnt:
        if not mnt:
            return
        fill_but(mnt, FREE)
        out = os.path.join(mnt, "informe.pdf")
        r = s.pmm("report", "--edition", "2024", "--format", "pdf", "-o", out, check=1)
        contains(r.stderr, "no se pudo escribir el PDF «%s»: el disco está lleno" % out)
        eq("se escribió" in r.stdout + r.stderr, False, "no «se escribió»: %r" % r.stderr)
        eq(sorted(n for n in os.listdir(mnt) if n != "relleno"), [], "no file left, not even the temporary one")


def docx_says_disk_full():
    """L7: the DOCX's failed write said libzip's English «Write error: …»."""
    with small_disk(s, "docx", "4m") as mnt:
        if not mnt:
            return
        fill_but(mnt, 100 * 1024)
        out = os.path.join(mnt, "informe.docx")
        r = s.pmm("report", "--edition", "2024", "--format", "docx", "-o", out, check=1)
        contains(r.stderr, "%s: el disco está lleno" % out)
        eq("Write error" in r.stderr, False, "libzip's English: %r" % r.stderr)


def server_stores_no_cut_file():
    with small_disk(s, "srv", "8m") as mnt:
        if not mnt:
            return
        db = os.path.join(mnt, "t.db")
        checkpointed_copy(s.db, db)
        os.mkdir(db + "-cache")
        srv = Server(s, db=db)
        err = ""
        try:
            fill_but(mnt, FREE)
            for i in range(2):
                status, head, body = fetch_raw(srv, "/descargas/2024/informe.pdf")
                eq(status, 200, "the Informe PDF, request %d" % (i + 1))
                with open(s.path("got.pdf"), "wb") as f:
                    f.write(body)
                how = head.get("x-pmm-cache")
                eq(readable(s.path("got.pdf")), True, "request %d: a whole PDF (%d bytes, X-Pmm-Cache %s)"
                   % (i + 1, len(body), how))
                eq(how in ("stored", "hit"), False, "request %d: not from the folder (%s)" % (i + 1, how))
            eq([n for n in os.listdir(db + "-cache") if n.endswith(".pdf")], [], "no PDF stored in the folder")
        finally:
            _, _, err = srv.stop()
        contains(err, "el disco está lleno", "the server's log says why")


check("pmm report -o on a disk that fills late: «el disco está lleno», exit 1, no file", cli_says_disk_full)
check("pmm report --format docx on a full disk: «el disco está lleno», in pmm's words", docx_says_disk_full)
check("pmm serve on a disk that fills late: the whole PDF from memory, none stored cut short",
      server_stores_no_cut_file)
done()
