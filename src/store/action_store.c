/* Actions, their classification links and their challenges (editions:
 * edition_store.c). */
#include <stdio.h>
#include <string.h>
#include "store/store_internal.h"
#include "util/text.h"

static void bind_action(sqlite3_stmt *s, const Action *a) {
    store_bind_text(s, 2, a->folio);
    sqlite3_bind_int64(s, 3, a->institution_id);
    store_bind_text(s, 4, a->name);
    store_bind_text(s, 5, a->description ? a->description : "");
    store_bind_text(s, 6, a->results ? a->results : "");
    if (a->gender_focus >= 0) sqlite3_bind_int(s, 7, a->gender_focus);
    if (a->disability >= 0) sqlite3_bind_int(s, 8, a->disability);
    if (a->beneficiaries >= 0) sqlite3_bind_int64(s, 9, a->beneficiaries);
    store_bind_text(s, 10, a->status ? a->status : "validada");
}

static void sql_folio_key(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *folio = (const char *)sqlite3_value_text(argv[0]);
    if (!folio) {
        sqlite3_result_null(ctx);
        return;
    }
    if (!text_valid_utf8(folio, strlen(folio))) {      /* never stored: keep it as it is */
        sqlite3_result_text(ctx, folio, -1, SQLITE_TRANSIENT);
        return;
    }
    Arena a = ARENA_INIT;
    sqlite3_result_text(ctx, action_folio_key(&a, folio), -1, SQLITE_TRANSIENT);
    arena_free(&a);
}

bool action_register_functions(sqlite3 *db) {
    return sqlite3_create_function(db, "pmm_folio_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, sql_folio_key, NULL, NULL) == SQLITE_OK;
}

bool store_action_upsert(Store *st, int64_t edition_id, const Action *a,
                         int64_t *id, bool *is_new) {
    int64_t existing;
    *is_new = !store_action_id_by_folio(st, edition_id, a->folio, &existing);
    sqlite3_stmt *s;
    if (*is_new) {
        s = store_stmt(st, Q_ACTION_INSERT,
            "INSERT INTO action(edition_id, folio, institution_id, name, description, results,"
            "                   gender_focus, disability, beneficiaries, status, folio_key)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, pmm_folio_key(?2))");
        if (!s) return false;
        sqlite3_bind_int64(s, 1, edition_id);
    } else {
        s = store_stmt(st, Q_ACTION_UPDATE,
            "UPDATE action SET folio=?2, folio_key=pmm_folio_key(?2), institution_id=?3, name=?4, description=?5,"
            "  results=?6, gender_focus=?7, disability=?8, beneficiaries=?9, status=?10,"
            /* an import's replacement is a write like any other: a form
             * loaded before it is stale (issue 10, found by the hostile test) */
            "  version=version+1,"
            "  updated_at=strftime('%Y-%m-%dT%H:%M:%SZ','now')"
            " WHERE id=?1");
        if (!s) return false;
        sqlite3_bind_int64(s, 1, existing);
    }
    bind_action(s, a);
    if (!store_exec_stmt(st, s)) return false;
    *id = *is_new ? sqlite3_last_insert_rowid(st->db) : existing;
    return true;
}

bool store_action_id_by_folio(Store *st, int64_t edition_id, const char *folio, int64_t *id) {
    sqlite3_stmt *s = store_stmt(st, Q_ACTION_BY_FOLIO,
        "SELECT id FROM action WHERE edition_id=?1 AND folio_key=pmm_folio_key(?2)");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, folio);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return found;
}

bool store_folio_owner(Store *st, int64_t edition_id, const char *folio, FolioOwner *out) {
    sqlite3_stmt *s = store_stmt(st, Q_FOLIO_OWNER,
        "SELECT a.id, a.institution_id, i.acronym, a.status FROM action a"
        " JOIN institution i ON i.id = a.institution_id WHERE a.edition_id=?1 AND a.folio_key=pmm_folio_key(?2)");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, folio);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        out->id = sqlite3_column_int64(s, 0);
        out->institution_id = sqlite3_column_int64(s, 1);
        snprintf(out->institution, sizeof out->institution, "%s", store_col_text(s, 2));
        snprintf(out->status, sizeof out->status, "%s", store_col_text(s, 3));
    }
    sqlite3_reset(s);
    return found;
}

static bool exec_id(Store *st, int slot, const char *sql, int64_t id) {
    sqlite3_stmt *s = store_stmt(st, slot, sql);
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    return store_exec_stmt(st, s);
}

static bool exec_id_pair(Store *st, int slot, const char *sql, int64_t a, int64_t b, int c) {
    sqlite3_stmt *s = store_stmt(st, slot, sql);
    if (!s) return false;
    sqlite3_bind_int64(s, 1, a);
    sqlite3_bind_int64(s, 2, b);
    if (c >= 0) sqlite3_bind_int(s, 3, c);
    return store_exec_stmt(st, s);
}

bool store_action_links(Store *st, int64_t action_id, const Action *a) {
    if (!exec_id(st, Q_ACTION_DEL_OBJ, "DELETE FROM action_objective WHERE action_id=?1", action_id) ||
        !exec_id(st, Q_ACTION_DEL_TYPE, "DELETE FROM action_action_type WHERE action_id=?1", action_id) ||
        !exec_id(st, Q_ACTION_DEL_POP, "DELETE FROM action_population WHERE action_id=?1", action_id) ||
        !exec_id(st, Q_ACTION_DEL_PRIN, "DELETE FROM action_principle WHERE action_id=?1", action_id))
        return false;
    /* the first objective is the principal one; each keeps its place in
     * the list as written (migration 9, helper REC) */
    for (int i = 0; i < a->nobj; i++)
        if (!exec_id_pair(st, Q_ACTION_ADD_OBJ,
                "INSERT INTO action_objective(action_id, objective, principal, position)"
                " VALUES (?1, ?2, ?3 = 0, ?3)",
                action_id, a->objectives[i], i))
            return false;
    for (int i = 0; i < a->ntypes; i++)
        if (!exec_id_pair(st, Q_ACTION_ADD_TYPE,
                "INSERT OR IGNORE INTO action_action_type(action_id, action_type_id) VALUES (?1, ?2)",
                action_id, a->types[i], -1))
            return false;
    for (int i = 0; i < a->npops; i++)
        if (!exec_id_pair(st, Q_ACTION_ADD_POP,
                "INSERT OR IGNORE INTO action_population(action_id, population_id) VALUES (?1, ?2)",
                action_id, a->pops[i], -1))
            return false;
    for (int i = 0; i < a->nprin; i++)       /* issue 13 */
        if (!exec_id_pair(st, Q_ACTION_ADD_PRIN,
                "INSERT OR IGNORE INTO action_principle(action_id, principle) VALUES (?1, ?2)",
                action_id, a->principles[i], -1))
            return false;
    return true;
}

bool store_challenges_clear(Store *st, int64_t action_id) {
    return exec_id(st, Q_CHALLENGE_CLEAR, "DELETE FROM challenge WHERE action_id=?1", action_id);
}

bool store_challenge_add(Store *st, int64_t action_id, const char *text, int64_t category_id) {
    sqlite3_stmt *s = store_stmt(st, Q_CHALLENGE_ADD,
        "INSERT INTO challenge(action_id, text, category_id) VALUES (?1, ?2, ?3)");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    store_bind_text(s, 2, text);
    if (category_id > 0) sqlite3_bind_int64(s, 3, category_id);
    return store_exec_stmt(st, s);
}
