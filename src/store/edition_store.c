/* Editions: finding and listing them, their state and preamble, and their
 * publication in revisions (migration 7).
 *
 * Publishing records revision N and copies the edition's validated actions,
 * with every row that belongs to them, into a hidden snapshot edition
 * (edition.snapshot_of = the edition) in the same transaction. Snapshots
 * are never listed, found by name or written: the public reads them. */
#include "store/store_internal.h"
#include "store/trend_store.h"   /* EDITION_ORDER_COLS: the order of editions */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"

/* The columns edition_from_row reads, E being the edition. */
#define EDITION_COLS                                                                      \
    "e.id, e.name, e.period_start, e.period_end, e.state,"                                \
    " (SELECT max(n) FROM edition_revision r WHERE r.edition_id = e.id),"                 \
    " (SELECT published_at FROM edition_revision r WHERE r.edition_id = e.id"             \
    "  ORDER BY n DESC LIMIT 1)"

/* A one-off statement of SQL with ?1 bound to ID; NULL on error. */
static sqlite3_stmt *stmt_id(Store *st, const char *sql, int64_t id) {
    sqlite3_stmt *s = store_prepare(st, "edition", sql);
    if (s) sqlite3_bind_int64(s, 1, id);
    return s;
}

static void copy_col(char *dst, size_t cap, sqlite3_stmt *s, int col) {
    snprintf(dst, cap, "%s", store_col_text(s, col));
}

static void edition_from_row(Edition *e, sqlite3_stmt *s) {
    e->id = sqlite3_column_int64(s, 0);
    copy_col(e->name, sizeof e->name, s, 1);
    copy_col(e->period_start, sizeof e->period_start, s, 2);
    copy_col(e->period_end, sizeof e->period_end, s, 3);
    copy_col(e->state, sizeof e->state, s, 4);
    e->revision = sqlite3_column_int(s, 5);
    copy_col(e->published_at, sizeof e->published_at, s, 6);
}

bool store_edition_find(Store *st, const char *name, Edition *out) {
    sqlite3_stmt *s = store_stmt(st, Q_EDITION_FIND,
        "SELECT " EDITION_COLS " FROM edition e WHERE e.name = ?1 AND e.snapshot_of IS NULL");
    if (!s) return false;
    store_bind_text(s, 1, name);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) edition_from_row(out, s);
    sqlite3_reset(s);
    return found;
}

typedef struct {
    const char *key;
    Arena a;
    Edition *out;
    bool found;
} AlikeCtx;

static bool alike_row(void *p, sqlite3_stmt *s) {
    AlikeCtx *c = p;
    if (strcmp(text_key(&c->a, store_col_text(s, 1)), c->key) != 0) return true;
    c->found = true;
    snprintf(c->out->name, sizeof c->out->name, "%s", store_col_text(s, 1));
    return false;
}

bool store_edition_alike(Store *st, const char *name, Edition *out) {
    AlikeCtx c = {.out = out};
    c.key = text_key(&c.a, name);
    store_each_row(st, "SELECT id, name FROM edition WHERE snapshot_of IS NULL ORDER BY id", NULL,
                   alike_row, &c);
    char found[sizeof out->name];
    snprintf(found, sizeof found, "%s", out->name);
    arena_free(&c.a);
    return c.found && store_edition_find(st, found, out);
}

bool store_edition_create(Store *st, const char *name, const char *start,
                          const char *end, Edition *out) {
    if (edition_name_check(name)) return false;   /* callers say why first */
    Edition same;
    if (store_edition_alike(st, name, &same)) return false;   /* here too */
    sqlite3_stmt *s = store_stmt(st, Q_EDITION_CREATE,
        "INSERT INTO edition(name, period_start, period_end) VALUES (?1, ?2, ?3)");
    if (!s) return false;
    store_bind_text(s, 1, name);
    store_bind_text(s, 2, start ? start : "");
    store_bind_text(s, 3, end ? end : "");
    if (!store_exec_stmt(st, s)) return false;
    return store_edition_find(st, name, out);
}

typedef struct {
    EditionFn fn;
    void *ctx;
} ListCtx;

static bool edition_row(void *p, sqlite3_stmt *s) {
    ListCtx *c = p;
    Edition e;
    edition_from_row(&e, s);
    c->fn(c->ctx, &e, (long)sqlite3_column_int64(s, 7));
    return true;
}

bool store_edition_list(Store *st, EditionFn fn, void *ctx) {
    ListCtx c = {fn, ctx};
    return store_each_row(st,
        "SELECT " EDITION_COLS ", (SELECT count(*) FROM action a WHERE a.edition_id = e.id) "
        "FROM edition e WHERE e.snapshot_of IS NULL ORDER BY " EDITION_ORDER_COLS("e"), NULL, edition_row, &c);
}

/* Issue 15 (F15B): what a download's rendering will read, for the
 * server's memory budget (web/memory.c); an index lookup per action. */
bool store_edition_action_count(Store *st, int64_t edition_id, long *n) {
    sqlite3_stmt *s = stmt_id(st, "SELECT count(*) FROM action WHERE edition_id = ?1", edition_id);
    if (!s) return false;
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW;
}

bool store_edition_set_preamble(Store *st, int64_t edition_id, const char *text) {
    sqlite3_stmt *s = stmt_id(st, "UPDATE edition SET preamble=?2 WHERE id=?1", edition_id);
    if (!s) return false;
    store_bind_text(s, 2, text);          /* NULL restores the default */
    return store_run_once(s);
}

/* ---- the freeze ---- */

/* What the state machine needs to know of an edition. */
typedef struct {
    bool found, snapshot, published;
    int revisions;
} EdState;

/* The same columns as every other read of an edition (EDITION_COLS:
 * revisions are numbered 1..N, so the latest is their count). */
static bool edition_state(Store *st, int64_t edition_id, EdState *out) {
    sqlite3_stmt *s = stmt_id(st, "SELECT " EDITION_COLS ", e.snapshot_of IS NOT NULL FROM edition e"
                                  " WHERE e.id = ?1", edition_id);
    if (!s) return false;
    int rc = sqlite3_step(s);
    memset(out, 0, sizeof *out);
    out->found = rc == SQLITE_ROW;
    if (out->found) {
        Edition e;
        edition_from_row(&e, s);
        out->published = strcmp(e.state, "publicada") == 0;
        out->revisions = e.revision;
        out->snapshot = sqlite3_column_int(s, 7);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* An edition opened for corrections (it has a revision but is no longer
 * publicada) accepts changes again; the public keeps reading its revision. */
bool store_edition_accepts_changes(Store *st, int64_t edition_id, const char **why) {
    EdState e;
    bool read = edition_state(st, edition_id, &e);
    bool open = read && e.found && !e.snapshot && !e.published;
    if (!open && why)
        *why = !read ? _("No se pudo leer el estado de la edición.")
             : !e.found ? _("No existe esa edición.")
             : e.snapshot ? _("Es una revisión publicada de una edición: no se modifica nunca.")
             : _("La edición está publicada: sus acciones no se modifican. "
                 "Un administrador puede abrirla para correcciones.");
    return open;
}

/* ---- revisions ---- */

/* Tables holding an action's data, keyed by action_id: a snapshot copies
 * each of them. A new one must be added here. */
static const char *const action_tables[] = {
    "action_objective", "action_action_type", "action_population", "challenge",
    "action_principle", "good_practice",     /* issue 13 */
    "action_continuation",      /* issue 13 (T13): a continuing program's link */
    NULL,
};

/* The columns of TABLE but SKIP1 and SKIP2 as "c1, c2, …" in OUT, and in
 * OUT_T with "t." before each (NULL: not wanted); with HAS_ID, whether it
 * has a column named id. Names come from the schema, never from a person. */
static bool column_list(Store *st, const char *table, const char *skip1, const char *skip2,
                        Str *out, Str *out_t, bool *has_id) {
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
    sqlite3_stmt *s = store_prepare(st, "edition", sql);
    if (!s) return false;
    int rc;
    if (has_id) *has_id = false;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *c = store_col_text(s, 1);
        if (has_id && strcmp(c, "id") == 0) *has_id = true;
        if (strcmp(c, skip1) == 0 || strcmp(c, skip2) == 0) continue;
        if (out_t) str_printf(out_t, "%st.\"%s\"", out->len ? ", " : "", c);
        str_printf(out, "%s\"%s\"", out->len ? ", " : "", c);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE && out->len;
}

/* Runs SQL with ?1 = SNAP and ?2 = the edition. */
static bool run2(Store *st, const char *sql, int64_t snap, int64_t edition_id) {
    sqlite3_stmt *s = stmt_id(st, sql, snap);
    if (!s) return false;
    sqlite3_bind_int64(s, 2, edition_id);
    return store_run_once(s);
}

/* Copies the validated actions of EDITION_ID into SNAP, every column but
 * their id, then the rows of each action table. An action of SNAP is
 * matched to its original by institution and folio, unique in an edition. */
static bool copy_actions(Store *st, int64_t edition_id, int64_t snap) {
    Str cols = STR_INIT, sql = STR_INIT;
    bool ok = column_list(st, "action", "id", "edition_id", &cols, NULL, NULL);
    if (ok) {
        str_printf(&sql, "INSERT INTO action(edition_id, %s) SELECT ?1, %s FROM action"
                         " WHERE edition_id = ?2 AND status = 'validada' ORDER BY id",
                   cols.p, cols.p);
        ok = run2(st, sql.p, snap, edition_id);
    }
    for (int i = 0; ok && action_tables[i]; i++) {
        bool has_id;
        Str tcols = STR_INIT, sel = STR_INIT;
        ok = column_list(st, action_tables[i], "action_id", "id", &tcols, &sel, &has_id);
        sql.len = 0;
        if (ok) {
            str_printf(&sql, "INSERT INTO %s(action_id, %s) SELECT n.id, %s FROM action o"
                             " JOIN action n ON n.edition_id = ?1 AND n.folio = o.folio"
                             "  AND n.institution_id = o.institution_id"
                             " JOIN %s t ON t.action_id = o.id"
                             " WHERE o.edition_id = ?2 AND o.status = 'validada' ORDER BY %s",
                       action_tables[i], tcols.p, sel.p, action_tables[i], has_id ? "t.id" : "o.id");
            ok = run2(st, sql.p, snap, edition_id);
        }
        str_free(&tcols);
        str_free(&sel);
    }
    str_free(&cols);
    str_free(&sql);
    return ok;
}

/* The reporter type, state, acronym and name (migration 28) of each
 * institution of SNAP's actions as they are now: what the revision's figures read from then on, whatever
 * the catalog becomes (migration 13, issue 10 hostile fault 1). */
static bool keep_classification(Store *st, int64_t snap) {
    return store_run_once(stmt_id(st,
        "INSERT INTO snapshot_institution(edition_id, institution_id, type, state, acronym, name)"
        " SELECT DISTINCT ?1, i.id, i.type, i.state, i.acronym, i.name FROM action a"
        " JOIN institution i ON i.id = a.institution_id WHERE a.edition_id = ?1", snap));
}

/* The reporter types of the catalog as they are now, which the revision's
 * figures and Informe read from then on (TYPES_AS_OF, migration 26): a
 * type added, or its subnational flag changed, after publishing leaves the
 * published revision as it was (issue 16, hostile faults 2 and 12). */
static bool keep_types(Store *st, int64_t snap) {
    return store_run_once(stmt_id(st,
        "INSERT INTO snapshot_reporter_type SELECT ?1, " SNAPSHOT_TYPE_COLS " FROM reporter_type r", snap));
}

/* The units of the catalog as they are now, which the revision's figures,
 * Informe, map and action pages read from then on (UNITS_AS_OF, migration
 * 27): a unit added or renamed after publishing leaves the published
 * revision as it was (issue 16, verification fault 1). */
static bool keep_units(Store *st, int64_t snap) {
    return store_run_once(stmt_id(st,
        "INSERT INTO snapshot_state SELECT ?1, " SNAPSHOT_UNIT_COLS " FROM state s", snap));
}

/* Records revision N of EDITION_ID: its snapshot, then its row. */
static bool record_revision(Store *st, int64_t edition_id, int n, int64_t user_id, const char *note) {
    sqlite3_stmt *s = stmt_id(st,
        "INSERT INTO edition(name, period_start, period_end, state, preamble, snapshot_of,"
        "                    issuer, country, place, license, emblem, issuer_en, country_en, place_en)"
        " SELECT name || '@r' || ?2, period_start, period_end, 'publicada', preamble, id,"   /* the imprint is frozen too */
        "        issuer, country, place, license, emblem, issuer_en, country_en, place_en"
        " FROM edition WHERE id = ?1", edition_id);
    if (!s) return false;
    sqlite3_bind_int(s, 2, n);
    if (!store_run_once(s) || sqlite3_changes(st->db) != 1) return false;
    int64_t snap = sqlite3_last_insert_rowid(st->db);
    if (!copy_actions(st, edition_id, snap) || !keep_classification(st, snap) || !keep_types(st, snap) ||
        !keep_units(st, snap)) return false;
    s = stmt_id(st, "INSERT INTO edition_revision(edition_id, n, user_id, snapshot_id, note)"
                    " VALUES (?1, ?2, ?3, ?4, ?5)", edition_id);
    if (!s) return false;
    sqlite3_bind_int(s, 2, n);
    if (user_id > 0) sqlite3_bind_int64(s, 3, user_id);
    sqlite3_bind_int64(s, 4, snap);
    store_bind_text(s, 5, note ? note : "");
    return store_run_once(s);
}

/* Which revision (0: none) a change of state to STATE records: publishing
 * an edition that is not published, or one published before revisions
 * existed; and leaving publicada records that old publication first. */
static int revision_due(const EdState *e, const char *state) {
    bool publish = strcmp(state, "publicada") == 0;
    if (publish && (!e->published || e->revisions == 0)) return e->revisions + 1;
    if (!publish && e->published && e->revisions == 0) return 1;
    return 0;
}

static bool set_state_row(Store *st, int64_t edition_id, const char *state) {
    sqlite3_stmt *s = stmt_id(st, "UPDATE edition SET state = ?2 WHERE id = ?1 AND snapshot_of IS NULL",
                              edition_id);
    if (!s) return false;
    store_bind_text(s, 2, state);
    return store_run_once(s) && sqlite3_changes(st->db) == 1;
}

bool store_edition_set_state_by(Store *st, int64_t edition_id, const char *state,
                                int64_t user_id, const char *note, int *revision) {
    if (revision) *revision = 0;
    if (sqlite3_exec(st->db, "SAVEPOINT edition_state", NULL, NULL, NULL) != SQLITE_OK) return false;
    EdState e;
    bool ok = edition_state(st, edition_id, &e) && e.found && !e.snapshot;
    int n = ok ? revision_due(&e, state) : 0;
    ok = ok && (n == 0 || record_revision(st, edition_id, n, user_id, note)) &&
         set_state_row(st, edition_id, state);
    if (!ok) sqlite3_exec(st->db, "ROLLBACK TO edition_state", NULL, NULL, NULL);
    sqlite3_exec(st->db, "RELEASE edition_state", NULL, NULL, NULL);
    if (ok && revision) *revision = n;
    return ok;
}

bool store_edition_set_state(Store *st, int64_t edition_id, const char *state) {
    return store_edition_set_state_by(st, edition_id, state, 0, NULL, NULL);
}

/* Revision N (0: the latest) of the edition NAME, as an Edition whose id
 * is the snapshot's and whose name is the edition's. An edition published
 * before revisions existed is its own revision 1. */
static bool revision_lookup(Store *st, const char *name, int n, Edition *out) {
    sqlite3_stmt *s = store_prepare(st, "edition",
        "SELECT p.id, e.name, p.period_start, p.period_end, p.state, r.n, r.published_at"
        " FROM edition e JOIN edition_revision r ON r.edition_id = e.id"
        " JOIN edition p ON p.id = r.snapshot_id"
        " WHERE e.name = ?1 AND e.snapshot_of IS NULL AND (r.n = ?2 OR ?2 = 0)"
        " ORDER BY r.n DESC LIMIT 1");
    if (!s) return false;
    store_bind_text(s, 1, name);
    sqlite3_bind_int(s, 2, n);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) edition_from_row(out, s);
    sqlite3_finalize(s);
    if (found) return true;
    Edition e;
    if (n > 1 || !store_edition_find(st, name, &e) || e.revision > 0 || strcmp(e.state, "publicada") != 0)
        return false;
    *out = e;
    out->revision = 1;
    return true;
}

bool store_edition_public(Store *st, const char *name, Edition *out) {
    return revision_lookup(st, name, 0, out);
}

bool store_edition_revision(Store *st, const char *name, int n, Edition *out) {
    return n >= 1 && revision_lookup(st, name, n, out);
}

bool store_edition_revisions(Store *st, int64_t edition_id, RevisionFn fn, void *ctx) {
    sqlite3_stmt *s = stmt_id(st,
        "SELECT r.n, r.published_at, coalesce(a.username, ''), r.note FROM edition_revision r"
        " LEFT JOIN account a ON a.id = r.user_id WHERE r.edition_id = ?1 ORDER BY r.n", edition_id);
    if (!s) return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        fn(ctx, sqlite3_column_int(s, 0), store_col_text(s, 1), store_col_text(s, 2), store_col_text(s, 3));
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}
