"""Helpers for the end-to-end tests: run the real pmm binary in a scratch
directory, read what it wrote, and count the failures."""
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

PMM = os.path.abspath(os.environ.get("PMM") or sys.exit("PMM is not set (run through meson test)"))
SOURCE = os.environ.get("PMM_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))

ACTION_HEADER = ("folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,"
                 "enfoque_genero,discapacidad,beneficiarios,resultados")

_failures = []
_count = [0]


class Scratch:
    """A temporary directory holding a database."""

    def __init__(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="pmm-test-")
        self.dir = self.tmp.name
        self.db = os.path.join(self.dir, "t.db")

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text, encoding="utf-8", raw=None):
        p = self.path(name)
        with open(p, "wb") as f:
            f.write(raw if raw is not None else text.encode(encoding))
        return p

    def pmm(self, *args, check=None, lang="es"):
        env = dict(os.environ, LANGUAGE=lang, LANG="C.UTF-8")
        if lang == "en":  # as a user would ask for English
            env.pop("LANGUAGE")
            env["LANG"] = "en_US.UTF-8"
        r = subprocess.run([PMM, "--db", self.db, *args], cwd=self.dir,
                           capture_output=True, text=True, errors="replace", env=env)
        if check is not None and r.returncode != check:
            raise AssertionError("pmm %s exited %d, expected %d\nstdout:\n%s\nstderr:\n%s"
                                 % (" ".join(args), r.returncode, check, r.stdout, r.stderr))
        return r

    def figures(self, edition="2024", *extra):
        r = self.pmm("report", "--edition", edition, "--format", "json", *extra, check=0)
        return json.loads(r.stdout)

    def query(self, sql, *args):
        """The rows SQL (with ARGS bound) reads from the database."""
        con = sqlite3.connect(self.db)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def dump(self):
        """Every row of the database, to tell whether anything changed."""
        con = sqlite3.connect(self.db)
        try:
            return "\n".join(con.iterdump())
        finally:
            con.close()

    def close(self):
        self.tmp.cleanup()


def check(name, fn):
    """Runs one check; a failure is recorded and the next check goes on."""
    _count[0] += 1
    try:
        fn()
        print("ok %d - %s" % (_count[0], name))
    except Exception as e:  # noqa: BLE001 - report any failure
        _failures.append(name)
        print("not ok %d - %s\n  %s" % (_count[0], name, str(e).replace("\n", "\n  ")))


def eq(got, want, what=""):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))


def contains(text, part, what="output"):
    if part not in text:
        raise AssertionError("%s does not contain %r:\n%s" % (what, part, text))


def done():
    print("%d passed, %d failed" % (_count[0] - len(_failures), len(_failures)))
    sys.exit(1 if _failures else 0)


# ---- country packs (issue 16): a changed copy of a pack folder ----
# One home for the set-up test_packs.py and test_packs_loader.py share
# (helper F1316: each had its own copy).

def pack_copy(scratch, pack, edit=None):
    """A copy of the pack folder PACK in SCRATCH, changed by EDIT(folder)
    when given: its path."""
    import shutil
    d = scratch.path("pack")
    shutil.copytree(pack, d)
    if edit:
        edit(d)
    return d


def pack_refused(pack, edit, *want):
    """A copy of PACK changed by EDIT(folder) is refused by `pmm init --pack`
    (exit 1) with every text of WANT on stderr, and leaves no database file
    behind (F16A, tester's fault 3): its stderr."""
    s = Scratch()
    try:
        r = s.pmm("init", "--pack", pack_copy(s, pack, edit), check=1)
        for w in want:
            contains(r.stderr, w)
        eq(os.path.exists(s.db), False, "a database file left by a refused pack")
        return r.stderr
    finally:
        s.close()


def pack_file_replace(name, old, new):
    """An edit of a pack: the first OLD of its file NAME (it must be there) replaced by NEW."""
    def edit(d):
        path = os.path.join(d, name)
        text = open(path, encoding="utf-8").read()
        assert old in text, (name, old)
        open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))
    return edit


def pack_file_append(name, text):
    """An edit of a pack: TEXT added at the end of its file NAME."""
    def edit(d):
        with open(os.path.join(d, name), "a", encoding="utf-8") as f:
            f.write(text)
    return edit


def pack_json_edit(change):
    """An edit of a pack: CHANGE(the object of its pack.json), written back."""
    def edit(d):
        path = os.path.join(d, "pack.json")
        j = json.load(open(path, encoding="utf-8"))
        change(j)
        json.dump(j, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    return edit


# What each migration after 8 adds, to take it away again: downgrade()
# makes a file of an older schema, over which pmm then runs the later
# migrations as it would over a file that an older pmm left. A new
# migration adds its undoing here.
UNDO_MIGRATION = {
    9: ["ALTER TABLE action_objective DROP COLUMN position"],
    10: ["ALTER TABLE edition DROP COLUMN deadline"],
    11: ["DROP INDEX account_username_key", "ALTER TABLE account DROP COLUMN username_key",
         "ALTER TABLE api_token DROP COLUMN expires_at", "ALTER TABLE api_token DROP COLUMN last_used_at",
         "DROP INDEX login_attempt_ip"],
    12: ["DROP TABLE outbox", "DROP TABLE password_reset", "ALTER TABLE account DROP COLUMN email"],
    13: ["DROP TABLE snapshot_institution"],
    14: ["ALTER TABLE edition DROP COLUMN issuer", "ALTER TABLE edition DROP COLUMN country",
         "ALTER TABLE edition DROP COLUMN place", "ALTER TABLE edition DROP COLUMN license",
         "ALTER TABLE action DROP COLUMN featured"],
    15: ["DROP INDEX action_folio_key", "ALTER TABLE action DROP COLUMN folio_key"],
    16: [],   # the keys are computed again: no schema change to undo (REC4)
    17: ["ALTER TABLE objective DROP COLUMN short_es", "ALTER TABLE objective DROP COLUMN short_en",
         "ALTER TABLE edition DROP COLUMN emblem"],
    18: ["DROP TABLE good_practice", "DROP TABLE action_principle", "DROP TRIGGER principle_version_INSERT",
         "DROP TRIGGER principle_version_UPDATE", "DROP TRIGGER principle_version_DELETE", "DROP TABLE principle",
         "ALTER TABLE objective DROP COLUMN roundtable"],
    19: ["ALTER TABLE state DROP COLUMN name_en",
         "ALTER TABLE challenge_category DROP COLUMN definition_en"],
    20: ["DROP TABLE action_continuation"],   # issue 13 (T13)
    21: ["DROP TRIGGER challenge_fts_ins", "DROP TRIGGER challenge_fts_upd", "DROP TRIGGER challenge_fts_del",
         "DROP TRIGGER action_fts_upd",
         "CREATE TRIGGER action_fts_upd AFTER UPDATE OF name, description, results, institution_id ON action"
         " BEGIN INSERT OR IGNORE INTO action_fts_dirty(id) VALUES (new.id); END",
         "DROP TABLE action_fts",
         "CREATE VIRTUAL TABLE action_fts USING fts5(name, description, results, institution,"
         " tokenize='unicode61 remove_diacritics 2')",
         "INSERT OR IGNORE INTO action_fts_dirty(id) SELECT id FROM action"],
    22: ["DROP TABLE pack"] + ["ALTER TABLE reporter_type DROP COLUMN %s" % c for c in
                               ("gender", "number", "subnational", "body_es", "bodies_es", "body_en", "bodies_en")],
    23: ["DROP TABLE review"],   # issue 13 (R13): voluntary GCM reviews
    24: ["ALTER TABLE reporter_type DROP COLUMN society"],   # issue 13 (R13): whole-of-society types
    25: ["INSERT INTO meta(key, value) SELECT 'demo_example', name FROM edition"
         " WHERE synthetic AND snapshot_of IS NULL LIMIT 1",
         "ALTER TABLE edition DROP COLUMN synthetic"],   # issue 13 (R13B): synthetic editions
    26: ["DROP TABLE snapshot_reporter_type", "ALTER TABLE reporter_type DROP COLUMN proper"],   # issue 16 (F16B): a revision's reporter types
    27: ["ALTER TABLE edition DROP COLUMN %s" % c for c in ("issuer_en", "country_en", "place_en")],   # issue 12 (F12B): the imprint in English
    28: ["DROP TABLE snapshot_state", "ALTER TABLE snapshot_institution DROP COLUMN acronym",
         "ALTER TABLE snapshot_institution DROP COLUMN name"],   # issue 16 (F16C): a revision's units, names
}


def downgrade(path, version):
    """The database at PATH as schema VERSION (>= 8) left it."""
    con = sqlite3.connect(path)
    v = con.execute("PRAGMA user_version").fetchone()[0]
    for m in range(v, version, -1):
        for sql in UNDO_MIGRATION[m]:
            con.execute(sql)
    con.execute("PRAGMA user_version = %d" % version)
    con.commit()
    con.close()


# ---- a full disk (issue 15): one set-up for every test that needs it ----

def checkpointed_copy(src, dst):
    """DST: a copy of the database SRC with its write-ahead log folded in."""
    con = sqlite3.connect(src)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(src, dst)


def fill(folder):
    """Fills the file system of FOLDER to its last block (file «relleno»)."""
    try:
        with open(os.path.join(folder, "relleno"), "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
    except OSError:
        pass


def unfill(folder):
    """Gives back what fill took."""
    os.remove(os.path.join(folder, "relleno"))


@contextlib.contextmanager
def small_disk(scratch, name="lleno", size="4m"):
    """A tmpfs of SIZE mounted at SCRATCH/NAME, unmounted after; None (and
    a SKIP line) where one cannot be mounted (not root)."""
    mnt = scratch.path(name)
    os.makedirs(mnt, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt], capture_output=True, text=True)
    if r.returncode != 0:
        print("# SKIP full disk: cannot mount a tmpfs here (%s)" % (r.stderr.strip() or "not root"))
        yield None
        return
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", mnt])


def png(w, h, rgb=(0, 114, 178)):
    """A real W x H PNG of one colour (no imaging library): an emblem."""
    import struct
    import zlib

    def chunk(t, c):
        return struct.pack(">I", len(c)) + t + c + struct.pack(">I", zlib.crc32(t + c) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
