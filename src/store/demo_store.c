/* The database pmm demo may write into (see demo_store.h). */
#include <stdio.h>
#include <string.h>
#include "store/demo_store.h"
#include "store/store_internal.h"
#include "util/i18n.h"

/* What makes a database hold real work, counted in one row. */
static const char contents_sql[] =
    "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'demo'),"
    " (SELECT count(*) FROM edition), (SELECT count(*) FROM action),"
    " (SELECT count(*) FROM account), (SELECT count(*) FROM audit_log),"
    " (SELECT value FROM meta WHERE key = 'demo_state')";

typedef struct {
    bool demo;
    long long editions, actions, accounts, changes;
    Str seal;                  /* meta 'demo_state': the marks pmm demo left */
} Contents;

static bool read_contents(void *p, sqlite3_stmt *s) {
    Contents *c = p;
    c->demo = sqlite3_column_int(s, 0) != 0;
    c->editions = sqlite3_column_int64(s, 1);
    c->actions = sqlite3_column_int64(s, 2);
    c->accounts = sqlite3_column_int64(s, 3);
    c->changes = sqlite3_column_int64(s, 4);
    str_puts(&c->seal, store_col_text(s, 5));
    return false;
}

static bool is_empty(const Contents *c) {
    return c->editions == 0 && c->actions == 0 && c->accounts == 0 && c->changes == 0;
}

static bool mark_demo(Store *st) {
    return store_run_once(store_prepare(st, "demo",
        "INSERT INTO meta(key, value) VALUES ('demo', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"));
}

/* ---- what pmm demo left (issue 10, helper REC) ----
 * Every kind of work moves one of these marks: an entry in the audit log
 * (the web's edits, workflow steps and catalog changes, imports), a
 * publication, an action written (its version), created or deleted, a
 * challenge, an edition, an account, a catalog edit. pmm demo records them
 * when it ends; a demo whose marks moved since holds work that loading it
 * again would undo (its corrections reverted, a revision published). */
#define N_MARKS 8
#define MARK_SEP "\x1f"           /* in no mark: edition names hold no control character */
static const char marks_sql[] =
    "SELECT (SELECT count(*) FROM audit_log), (SELECT coalesce(max(id), 0) FROM audit_log),"
    " (SELECT count(*) FROM edition_revision),"
    " (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at), '')"
    "   FROM action),"
    " (SELECT count(*) FROM challenge),"
    " (SELECT count(*) || ' ' || coalesce(group_concat(name || ':' || state || ':' || period_start"
    "   || ':' || period_end || ':' || length(coalesce(preamble, '')), ' '), '')"
    "   FROM (SELECT * FROM edition WHERE snapshot_of IS NULL ORDER BY id)),"
    " (SELECT count(*) FROM account), (SELECT v FROM catalog_version)";

/* What each mark counts, for the message. */
static const char *const mark_names[N_MARKS] = {
    N_("entradas de la bitácora"), N_("última entrada de la bitácora"), N_("revisiones publicadas"),
    N_("acciones (número/versiones/último cambio)"), N_("retos"), N_("ediciones (nombre:estado:periodo:preámbulo)"), N_("cuentas"),
    N_("versión de los catálogos"),
};

static bool read_marks(void *p, sqlite3_stmt *s) {
    Str *out = p;
    for (int i = 0; i < N_MARKS; i++) str_printf(out, "%s%s", i ? MARK_SEP : "", store_col_text(s, i));
    return false;
}

/* The marks of the database now, separated by MARK_SEP. */
static bool current_marks(Store *st, Str *out) {
    return store_each_row(st, marks_sql, NULL, read_marks, out);
}

/* Names in WHY each mark that differs between SEAL and NOW. */
static void describe_changes(const char *seal, const char *now, Str *why) {
    const char *a = seal, *b = now;
    for (int i = 0; i < N_MARKS; i++) {
        size_t la = strcspn(a, MARK_SEP), lb = strcspn(b, MARK_SEP);
        if (la != lb || memcmp(a, b, la) != 0)
            str_printf(why, "%s%s: %.*s → %.*s", why->len ? "; " : "", _(mark_names[i]),
                       (int)la, a, (int)lb, b);
        a += la + (a[la] != '\0');
        b += lb + (b[lb] != '\0');
    }
}

/* A demo whose marks moved since pmm demo ended is refused, by what moved.
 * A demo made before the marks existed has none: it is refused when its
 * audit log holds anything, which pmm demo then never wrote. */
static bool demo_untouched(Store *st, const Contents *c, Str *why) {
    Str now = STR_INIT, what = STR_INIT;
    bool ok = current_marks(st, &now);
    if (!ok) str_printf(why, "%s", store_errmsg(st));
    else if (c->seal.len && strcmp(str_cstr(&c->seal), str_cstr(&now)) != 0)
        describe_changes(str_cstr(&c->seal), now.p, &what);
    else if (!c->seal.len && c->changes > 0)
        str_printf(&what, _("%lld entradas de la bitácora"), c->changes);
    if (what.len) {
        str_printf(why, _("la base de datos «%s» la hizo pmm demo, pero tiene cambios hechos después "
                          "de cargar la demostración (%s); cargarla otra vez los desharía y "
                          "publicaría una revisión nueva. Para empezar de cero, use otro archivo "
                          "(o borre este si ya no le sirve)"), st->path, what.p);
        ok = false;
    }
    str_free(&now);
    str_free(&what);
    return ok;
}

bool store_demo_claim(Store *st, Str *why) {
    Contents c = {0};
    if (!store_begin(st)) {
        str_printf(why, "%s", store_write_error(st));
        return false;
    }
    bool ok = store_each_row(st, contents_sql, NULL, read_contents, &c);
    if (!ok) str_printf(why, "%s", store_errmsg(st));
    else if (!c.demo && !is_empty(&c)) {
        str_printf(why, _("la base de datos «%s» no está vacía ni la hizo pmm demo: tiene %lld "
                          "ediciones, %lld acciones, %lld cuentas y %lld cambios registrados"),
                   st->path, c.editions, c.actions, c.accounts, c.changes);
        ok = false;
    } else if (c.demo) {
        ok = demo_untouched(st, &c, why);
    } else if (!mark_demo(st)) {
        str_printf(why, "%s", store_write_error(st));
        ok = false;
    }
    if (ok && !store_commit(st)) {
        str_printf(why, "%s", store_write_error(st));
        ok = false;
    } else if (!ok) {
        store_rollback(st);
    }
    str_free(&c.seal);
    return ok;
}

bool store_demo_seal(Store *st) {
    Str now = STR_INIT;
    sqlite3_stmt *s = NULL;
    bool ok = store_begin(st) && current_marks(st, &now) &&
              (s = store_prepare(st, "demo", "INSERT OR REPLACE INTO meta(key, value)"
                                             " VALUES ('demo_state', ?1)")) != NULL;
    if (ok) store_bind_text(s, 1, now.p);
    ok = ok && store_run_once(s) && store_commit(st);
    if (!ok) store_rollback(st);
    str_free(&now);
    return ok;
}

/* ---- the demo's earlier edition (issue 13, T13) ---- */

const char example_notice[] =
    N_("Edición de ejemplo, sintética: la generó pmm a partir de la edición de demostración 2024 para "
       "mostrar la comparación entre ediciones. Sus cifras no son las de ningún país ni las de ningún informe "
       "publicado.");

const char *example_notice_text(const char *lang) {
    return lang ? i18n_text_in(lang, example_notice) : _(example_notice);
}

bool store_demo_mark_example(Store *st, const char *name) {
    sqlite3_stmt *s = store_prepare(st, "demo", "UPDATE edition SET synthetic = 1 WHERE name = ?1");
    if (s) store_bind_text(s, 1, name);
    return store_run_once(s);
}

bool store_edition_set_synthetic(Store *st, int64_t edition_id, bool synthetic) {
    /* the live edition and its published revisions, which share its name */
    sqlite3_stmt *s = store_prepare(st, "edition",
        "UPDATE edition SET synthetic = ?2 WHERE name = (SELECT name FROM edition WHERE id = ?1)");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    sqlite3_bind_int(s, 2, synthetic);
    return store_run_once(s);
}

static bool found_row(void *p, sqlite3_stmt *s) {
    (void)s;
    *(bool *)p = true;
    return false;
}

bool store_edition_is_example(Store *st, const char *name) {
    bool found = false;
    store_each_row(st, "SELECT 1 FROM edition WHERE name = ?1 AND synthetic", name, found_row, &found);
    return found;
}

bool store_demo_link_continuations(Store *st, int64_t from_id, int64_t to_id) {
    sqlite3_stmt *s = store_prepare(st, "demo",
        "INSERT OR IGNORE INTO action_continuation(action_id, continues_id)"
        " SELECT n.id, o.id FROM action n JOIN action o ON o.edition_id = ?1"
        "  AND o.institution_id = n.institution_id AND o.name = n.name"
        "  AND substr(o.folio, instr(o.folio, '-')) = substr(n.folio, instr(n.folio, '-'))"
        " WHERE n.edition_id = ?2");
    if (s) {
        sqlite3_bind_int64(s, 1, from_id);
        sqlite3_bind_int64(s, 2, to_id);
    }
    return store_run_once(s);
}
