/* Insert-only statements for large imports (see bulk_store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/bulk_store.h"
#include "store/store_internal.h"
#include "util/i18n.h"
#include "util/mem.h"

enum { B_ACTION, B_OBJ, B_TYPE, B_POP, B_PRIN, B_CHALLENGE, B_STATE, B_AUDIT, B_CH_CLEAR, B_TOUCH, B__COUNT };

/* What the audit log keeps of an action an import writes: the state that
 * `pmm check` compares, its version, and which file wrote it (the file is
 * the record of the rest). */
#define AUDIT_STATE_JSON "json_object('folio', folio, 'situacion', status, 'version', version"

static const char *const bulk_sql[B__COUNT] = {
    [B_ACTION] =
        "INSERT OR ROLLBACK INTO action(edition_id, folio, institution_id, name, description,"
        "  results, gender_focus, disability, beneficiaries, status, created_at, updated_at, folio_key)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, pmm_folio_key(?2))",
    [B_OBJ] = "INSERT OR ROLLBACK INTO action_objective(action_id, objective, principal, position)"
              " VALUES (?1, ?2, ?3 = 0, ?3)",
    [B_TYPE] = "INSERT OR IGNORE INTO action_action_type(action_id, action_type_id) VALUES (?1, ?2)",
    [B_POP] = "INSERT OR IGNORE INTO action_population(action_id, population_id) VALUES (?1, ?2)",
    [B_PRIN] = "INSERT OR IGNORE INTO action_principle(action_id, principle) VALUES (?1, ?2)",
    [B_CHALLENGE] = "INSERT OR ROLLBACK INTO challenge(action_id, text, category_id) VALUES (?1, ?2, ?3)",
    [B_STATE] = "SELECT " AUDIT_STATE_JSON ") FROM action WHERE id = ?1",
    [B_AUDIT] = "INSERT INTO audit_log(action_id, what, before, after, at, user_id)"
                " SELECT id, ?2, ?3, " AUDIT_STATE_JSON ", 'archivo', ?4), ?5, ?6 FROM action WHERE id = ?1",
    [B_CH_CLEAR] = "DELETE FROM challenge WHERE action_id = ?1",
    [B_TOUCH] = "UPDATE action SET version = version + 1, updated_at = ?2 WHERE id = ?1",
};

struct BulkStore {
    Store *st;
    int64_t edition_id;
    bool was_empty;
    char now[32];                 /* created_at of every action of the import */
    int64_t user_id;              /* who imports, for the audit log; 0: nobody (the CLI) */
    sqlite3_stmt *q[B__COUNT];
};

bool bulk_begin(Store *st) {
    if (sqlite3_exec(st->db, "PRAGMA foreign_keys=OFF; PRAGMA ignore_check_constraints=ON",
                     NULL, NULL, NULL) != SQLITE_OK)
        return false;
    if (store_begin(st)) return true;
    sqlite3_exec(st->db, "PRAGMA foreign_keys=ON; PRAGMA ignore_check_constraints=OFF",
                 NULL, NULL, NULL);
    return false;
}

bool bulk_end(Store *st, bool commit) {
    bool ok = commit && store_commit(st);
    if (!ok) store_rollback(st);
    sqlite3_exec(st->db, "PRAGMA foreign_keys=ON; PRAGMA ignore_check_constraints=OFF",
                 NULL, NULL, NULL);
    return ok;
}

/* What the checks turned off rely on, read inside the transaction: the
 * edition exists, the 23 objectives are there, and whether the edition
 * holds any action yet. A database error leaves *WHY NULL. */
static bool preconditions(BulkStore *b, const char **why) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(b->st->db,
            "SELECT (SELECT count(*) FROM objective),"
            "       EXISTS (SELECT 1 FROM edition WHERE id = ?1),"
            "       EXISTS (SELECT 1 FROM action WHERE edition_id = ?1)",
            -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, b->edition_id);
    bool ok = sqlite3_step(s) == SQLITE_ROW;
    if (ok && sqlite3_column_int(s, 0) != 23) *why = _("faltan los catálogos (los 23 objetivos)");
    else if (ok && !sqlite3_column_int(s, 1)) *why = _("la edición ya no existe");
    else if (ok) b->was_empty = !sqlite3_column_int(s, 2);
    sqlite3_finalize(s);
    /* issue 10: a published edition is frozen (checked in this transaction;
     * a refusal sets *WHY) */
    if (ok && !*why) (void)store_edition_accepts_changes(b->st, b->edition_id, why);
    return ok && !*why;
}

BulkStore *bulk_open(Store *st, int64_t edition_id, const char **why) {
    BulkStore *b = xcalloc(1, sizeof *b);
    b->st = st;
    b->edition_id = edition_id;
    *why = NULL;
    if (!preconditions(b, why)) goto fail;
    time_t t = time(NULL);
    struct tm tm;
    strftime(b->now, sizeof b->now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    for (int i = 0; i < B__COUNT; i++)
        if (sqlite3_prepare_v3(st->db, bulk_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &b->q[i],
                               NULL) != SQLITE_OK)
            goto fail;
    return b;
fail:
    bulk_close(b);
    return NULL;
}

void bulk_close(BulkStore *b) {
    if (!b) return;
    for (int i = 0; i < B__COUNT; i++) sqlite3_finalize(b->q[i]);
    free(b);
}

bool bulk_edition_was_empty(const BulkStore *b) { return b->was_empty; }

/* The strings bound stay alive until the statement has run: no copy. */
static void text(sqlite3_stmt *s, int i, const char *z) {
    sqlite3_bind_text(s, i, z ? z : "", -1, SQLITE_STATIC);
}

static bool run(sqlite3_stmt *s) {
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE;
}

static bool link(sqlite3_stmt *s, int64_t action_id, int64_t ref) {
    sqlite3_bind_int64(s, 1, action_id);
    sqlite3_bind_int64(s, 2, ref);
    return run(s);
}

bool bulk_action_insert(BulkStore *b, const Action *a, int64_t *id) {
    sqlite3_stmt *s = b->q[B_ACTION];
    sqlite3_bind_int64(s, 1, b->edition_id);
    text(s, 2, a->folio);
    sqlite3_bind_int64(s, 3, a->institution_id);
    text(s, 4, a->name);
    text(s, 5, a->description);
    text(s, 6, a->results);
    if (a->gender_focus >= 0) sqlite3_bind_int(s, 7, a->gender_focus);
    if (a->disability >= 0) sqlite3_bind_int(s, 8, a->disability);
    if (a->beneficiaries >= 0) sqlite3_bind_int64(s, 9, a->beneficiaries);
    text(s, 10, a->status ? a->status : "validada");
    text(s, 11, b->now);
    if (!run(s)) return false;
    *id = sqlite3_last_insert_rowid(b->st->db);
    s = b->q[B_OBJ];
    for (int i = 0; i < a->nobj; i++) {
        sqlite3_bind_int64(s, 1, *id);
        sqlite3_bind_int(s, 2, a->objectives[i]);
        sqlite3_bind_int(s, 3, i);          /* its position; 0 is the principal */
        if (!run(s)) return false;
    }
    for (int i = 0; i < a->ntypes; i++)
        if (!link(b->q[B_TYPE], *id, a->types[i])) return false;
    for (int i = 0; i < a->npops; i++)
        if (!link(b->q[B_POP], *id, a->pops[i])) return false;
    for (int i = 0; i < a->nprin; i++)
        if (!link(b->q[B_PRIN], *id, a->principles[i])) return false;
    return true;
}

bool bulk_challenge_insert(BulkStore *b, int64_t action_id, const char *z, int64_t category_id) {
    sqlite3_stmt *s = b->q[B_CHALLENGE];
    sqlite3_bind_int64(s, 1, action_id);
    text(s, 2, z);
    if (category_id > 0) sqlite3_bind_int64(s, 3, category_id);
    return run(s);
}

bool bulk_challenges_replace(BulkStore *b, int64_t action_id) {
    sqlite3_stmt *s = b->q[B_CH_CLEAR];
    sqlite3_bind_int64(s, 1, action_id);
    if (!run(s)) return false;
    s = b->q[B_TOUCH];
    sqlite3_bind_int64(s, 1, action_id);
    text(s, 2, b->now);
    return run(s) && sqlite3_changes(b->st->db) == 1;
}

/* ---- the audit log (issue 10, helper REC) ---- */

char *bulk_action_state(BulkStore *b, int64_t id, Arena *a) {
    sqlite3_stmt *s = b->q[B_STATE];
    sqlite3_bind_int64(s, 1, id);
    char *json = sqlite3_step(s) == SQLITE_ROW ? arena_strdup(a, store_col_text(s, 0)) : NULL;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return json;
}

void bulk_set_user(BulkStore *b, int64_t user_id) { b->user_id = user_id; }

bool bulk_audit(BulkStore *b, int64_t id, const char *what, const char *before, const char *file) {
    sqlite3_stmt *s = b->q[B_AUDIT];
    sqlite3_bind_int64(s, 1, id);
    text(s, 2, what);
    if (before) text(s, 3, before);
    text(s, 4, file);
    text(s, 5, b->now);               /* the import's time, computed once */
    if (b->user_id > 0) sqlite3_bind_int64(s, 6, b->user_id);
    return run(s) && sqlite3_changes(b->st->db) == 1;
}
