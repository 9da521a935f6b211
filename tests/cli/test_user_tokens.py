"""API tokens from the command line (issue 11): they expire (90 days by
default, --expires DAYS), are listed without ever showing the token, and
revoked one by one or all at once; a password change revokes them all.
Usernames are compared without case, width or spaces; disabled accounts
come back with `pmm user enable`; migration 11 gives old tokens an expiry
and old accounts their key."""
import datetime
import hashlib
import sqlite3
from pmmtest import Scratch, check, contains, done, downgrade, eq

s = Scratch()
s.pmm("init", check=0)


def pmm_in(stdin, *args):
    import os
    import subprocess
    from pmmtest import PMM
    return subprocess.run([PMM, "--db", s.db, *args], input=stdin, text=True, capture_output=True,
                          env=dict(os.environ, LANGUAGE="es", LANG="C.UTF-8"))


def rows(query, *args):
    con = sqlite3.connect(s.db)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def new_token(user, *extra):
    r = s.pmm("user", "token", user, *extra, check=0)
    tok = r.stdout.strip()
    eq(len(tok), 64, "a token")
    return tok


def short_id(tok):
    """What the list shows: the start of the token's hash (BLAKE2b-256, as libsodium's generichash)."""
    return hashlib.blake2b(tok.encode(), digest_size=32).hexdigest()[:12]


def listed():
    out = s.pmm("user", "tokens", "ana", check=0).stdout
    return out, [ln.split("\t") for ln in out.splitlines()[1:]]


def tokens_expire_and_are_listed():
    eq(pmm_in("clave-de-ana-1\n", "user", "add", "Ana", "--role", "coordinador").returncode, 0, "add")
    t1 = new_token("ana", "--label", "informe semanal")
    t2 = new_token("ANA", "--expires", "7")
    out, lines = listed()
    for t in (t1, t2):
        if t in out:
            raise AssertionError("the list shows a token")
    eq(sorted(ln[0] for ln in lines), sorted([short_id(t1), short_id(t2)]), "ids")
    by_id = {ln[0]: ln for ln in lines}
    today = datetime.datetime.now(datetime.timezone.utc).date()
    exp1 = datetime.date.fromisoformat(by_id[short_id(t1)][3][:10])
    exp2 = datetime.date.fromisoformat(by_id[short_id(t2)][3][:10])
    if abs((exp1 - today).days - 90) > 1 or abs((exp2 - today).days - 7) > 1:
        raise AssertionError("expiry: %s, %s" % (exp1, exp2))
    eq(by_id[short_id(t1)][1], "informe semanal", "label")
    contains(by_id[short_id(t1)][4], "nunca", "last used")
    for bad in ("0", "3651", "diez", ""):
        r = s.pmm("user", "token", "ana", "--expires", bad)
        eq(r.returncode, 2, "--expires %r" % bad)
    eq(len(listed()[1]), 2, "no token made by a refused command")


def tokens_are_revoked():
    _, lines = listed()
    r = s.pmm("user", "revoke", "ana", "0123456789ab")
    eq(r.returncode, 1, "unknown id")
    eq(s.pmm("user", "revoke", "ana").returncode, 2, "neither id nor --all")
    r = s.pmm("user", "revoke", "ana", lines[0][0], check=0)
    contains(r.stdout, "1")
    eq([ln[0] for ln in listed()[1]], [lines[1][0]], "one left")
    new_token("ana")
    s.pmm("user", "revoke", "ana", "--all", check=0)
    eq(listed()[1], [], "all revoked")


def password_change_revokes_tokens():
    new_token("ana")
    new_token("ana")
    con = sqlite3.connect(s.db)
    uid = con.execute("SELECT id FROM account WHERE username = 'Ana'").fetchone()[0]
    con.execute("INSERT INTO session(token_hash, user_id, csrf, expires) VALUES ('x', ?, 'y', 9999999999)", (uid,))
    con.commit()
    con.close()
    r = pmm_in("clave-de-ana-2\n", "user", "passwd", " ana")
    eq(r.returncode, 0, r.stderr)
    eq(listed()[1], [], "tokens after passwd")
    eq(rows("SELECT count(*) FROM session WHERE user_id = ?", uid)[0][0], 0, "sessions after passwd")


def usernames_are_keys():
    for other in ("ana", "  ANA ", "\u00a0Ana", "\uff21\uff4e\uff41"):     # no-break space; full-width letters
        r = pmm_in("0123456789ab\n", "user", "add", other, "--role", "coordinador")
        eq(r.returncode, 1, "add %r" % other)
        contains(r.stderr, "ya existe la cuenta «Ana»")
    r = pmm_in("0123456789ab\n", "user", "add", "   ", "--role", "coordinador")
    eq(r.returncode, 1, "blank name")
    eq(rows("SELECT count(*) FROM account")[0][0], 1, "one account")
    contains(s.pmm("user", "list", check=0).stdout, "Ana\t", "the display form kept")


def accounts_are_enabled_again():
    s.pmm("user", "disable", "ANA", check=0)
    contains(s.pmm("user", "list", check=0).stdout, "desactivada")
    r = s.pmm("user", "enable", "ana", check=0)
    contains(r.stdout, "activada")
    eq(rows("SELECT disabled FROM account WHERE username = 'Ana'")[0][0], 0, "enabled")
    eq(s.pmm("user", "enable", "nadie").returncode, 1, "unknown account")


def downgrade_to_before_migration(path):
    """The file as the pmm before issue 11's accounts left it: no keys, tokens without expiry."""
    downgrade(path, 10)


def migration_gives_old_tokens_an_expiry():
    m = Scratch()
    m.pmm("init", check=0)
    downgrade_to_before_migration(m.db)
    con = sqlite3.connect(m.db)
    con.execute("INSERT INTO account(username, role, password_hash) VALUES ('Viejo ', 'coordinador', 'x')")
    con.execute("INSERT INTO api_token(token_hash, user_id, label) VALUES ('ab' || hex(randomblob(31)), 1, 'viejo')")
    con.commit()
    con.close()
    out = m.pmm("user", "tokens", "viejo", check=0).stdout
    line = out.splitlines()[1].split("\t")
    exp = datetime.date.fromisoformat(line[3][:10])
    today = datetime.datetime.now(datetime.timezone.utc).date()
    if abs((exp - today).days - 90) > 1:
        raise AssertionError("old token's expiry: %s" % exp)
    m.close()


def migration_refuses_two_spellings_of_one_name():
    m = Scratch()
    m.pmm("init", check=0)
    downgrade_to_before_migration(m.db)
    con = sqlite3.connect(m.db)
    con.execute("INSERT INTO account(username, role, password_hash) VALUES ('Ana', 'coordinador', 'x')")
    con.execute("INSERT INTO account(username, role, password_hash) VALUES ('ana ', 'coordinador', 'x')")
    con.commit()
    con.close()
    before = m.dump()
    r = m.pmm("user", "list")
    eq(r.returncode, 1, "refused")
    contains(r.stderr, "account.username_key")
    eq(m.dump(), before, "the file is left as it was")
    m.close()


def password_length_counts_characters():
    """One rule (core/password.c) for pmm user, the admin form and the password pages: 10 characters,
    not bytes — nine «ñ» are 18 bytes and were taken."""
    r = pmm_in("ñññññññññ\n", "user", "add", "corto", "--role", "coordinador")
    eq(r.returncode != 0, True, "nine characters refused: " + r.stderr)
    contains(r.stderr, "10 caracteres o más")
    eq(rows("SELECT count(*) FROM account WHERE username = 'corto'")[0][0], 0, "nothing created")
    r = pmm_in("ññññññññññ\n", "user", "add", "largo", "--role", "coordinador")
    eq(r.returncode, 0, "ten characters taken: " + r.stderr)


check("tokens expire (90 days, --expires DAYS) and are listed without the token", tokens_expire_and_are_listed)
check("tokens are revoked by id or all at once", tokens_are_revoked)
check("a password change revokes tokens and ends sessions", password_change_revokes_tokens)
check("usernames: case, width and spaces do not make another account", usernames_are_keys)
check("disabled accounts are enabled again", accounts_are_enabled_again)
check("migration 11 gives old tokens an expiry and old accounts a key", migration_gives_old_tokens_an_expiry)
check("migration 11 refuses two spellings of one name, leaving the file", migration_refuses_two_spellings_of_one_name)
check("a password's length counts characters (the one rule)", password_length_counts_characters)
s.close()
done()
