/* Editions over time: see trend_store.h. */
#include "store/store_internal.h"
#include <string.h>
#include "store/trend_store.h"

static bool count_row(void *p, sqlite3_stmt *s) {
    *(long *)p = (long)sqlite3_column_int64(s, 0);
    return false;
}

bool store_continuing_count(Store *st, const Edition *e, bool all, long *n) {
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "trend",
        "SELECT count(*) FROM action a JOIN action_continuation c ON c.action_id = a.id"
        " JOIN institution i ON i.id = a.institution_id"
        " WHERE a.edition_id = ?1 AND (?2 OR a.status = 'validada')");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, e->id);
    sqlite3_bind_int(s, 2, all);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) count_row(n, s);
    else store_report(st, "trend");
    sqlite3_finalize(s);
    return rc == SQLITE_ROW;
}

/* ---- continuing programs ---- */

static void ref_row(sqlite3_stmt *s, Arena *a, ActionRef *r) {
    r->id = sqlite3_column_int64(s, 0);
    r->folio = store_col_dup(a, s, 1);
    r->name = store_col_dup(a, s, 2);
    r->edition = store_col_dup(a, s, 3);
}

#define REF_COLS "a.id, a.folio, a.name, e.name"

/* The one row of S (ACTION_ID bound as ?1, REF_COLS selected) into *OUT,
 * *FOUND false when none: the tail of store_continues and
 * store_continuation_crossing. */
static bool ref_once(Store *st, sqlite3_stmt *s, int64_t action_id, Arena *a, ActionRef *out, bool *found) {
    *found = false;
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        ref_row(s, a, out);
        *found = true;
    } else if (rc != SQLITE_DONE) {
        store_report(st, "trend");
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

bool store_continues(Store *st, int64_t action_id, Arena *a, ActionRef *out, bool *found) {
    return ref_once(st, store_prepare(st, "trend",
        "SELECT " REF_COLS " FROM action_continuation k JOIN action a ON a.id = k.continues_id"
        " JOIN edition e ON e.id = a.edition_id WHERE k.action_id = ?1"), action_id, a, out, found);
}

/* Either end of a link whose other action is of another institution:
 * the action continued, or one continuing it (issue 13, F13, fault 2). */
bool store_continuation_crossing(Store *st, int64_t action_id, Arena *a, ActionRef *out, bool *found) {
    return ref_once(st, store_prepare(st, "trend",
        "SELECT " REF_COLS " FROM action_continuation k JOIN action n ON n.id = ?1"
        " JOIN action a ON a.id = CASE WHEN k.action_id = n.id THEN k.continues_id ELSE k.action_id END"
        " JOIN edition e ON e.id = a.edition_id"
        " WHERE (k.action_id = n.id OR k.continues_id = n.id) AND a.institution_id IS NOT n.institution_id"
        " ORDER BY e.name, a.folio LIMIT 1"), action_id, a, out, found);
}

bool store_continued_by(Store *st, int64_t action_id, Arena *a, ActionRef **out, int *n) {
    *out = NULL;
    *n = 0;
    /* an action of a revision is its live original (same institution and
     * folio, in the edition the revision is of) as far as links go */
    sqlite3_stmt *s = store_prepare(st, "trend",
        "SELECT " REF_COLS " FROM action_continuation k JOIN action a ON a.id = k.action_id"
        " JOIN edition e ON e.id = a.edition_id AND e.snapshot_of IS NULL"
        " WHERE k.continues_id = ?1 OR k.continues_id = ("
        "   SELECT o.id FROM action c JOIN edition ce ON ce.id = c.edition_id"
        "   JOIN action o ON o.edition_id = ce.snapshot_of AND o.institution_id = c.institution_id"
        "    AND o.folio = c.folio WHERE c.id = ?1)"
        " ORDER BY e.name, a.folio");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc, cap = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 4;
            ActionRef *v = arena_alloc(a, (size_t)cap * sizeof *v);
            if (*n) memcpy(v, *out, (size_t)*n * sizeof *v);
            *out = v;
        }
        ref_row(s, a, &(*out)[(*n)++]);
    }
    if (rc != SQLITE_DONE) store_report(st, "trend");
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* The row of the check: the continued action's edition and institution,
 * the new one's, and whether another action of the new one's edition
 * already continues it. */
ContResult store_continuation_add(Store *st, int64_t action_id, int64_t continues_id) {
    sqlite3_stmt *s = store_prepare(st, "trend",
        "SELECT oe.snapshot_of IS NULL AND " EDITION_ORDER_SQL("oe") " < " EDITION_ORDER_SQL("ne") ","
        "  o.institution_id = n.institution_id,"
        "  EXISTS (SELECT 1 FROM action_continuation k JOIN action x ON x.id = k.action_id"
        "          WHERE k.continues_id = o.id AND x.edition_id = n.edition_id AND x.id <> n.id)"
        " FROM action o JOIN edition oe ON oe.id = o.edition_id, action n JOIN edition ne ON ne.id = n.edition_id"
        " WHERE o.id = ?1 AND n.id = ?2");
    if (!s) return CONT_FAIL;
    sqlite3_bind_int64(s, 1, continues_id);
    sqlite3_bind_int64(s, 2, action_id);
    int rc = sqlite3_step(s);
    ContResult res = rc == SQLITE_DONE ? CONT_GONE
                   : rc != SQLITE_ROW ? CONT_FAIL
                   : !sqlite3_column_int(s, 0) ? CONT_NOT_PREVIOUS
                   : !sqlite3_column_int(s, 1) ? CONT_INSTITUTION
                   : sqlite3_column_int(s, 2) ? CONT_TAKEN : CONT_OK;
    sqlite3_finalize(s);
    if (res != CONT_OK) return res;
    s = store_prepare(st, "trend", "INSERT INTO action_continuation(action_id, continues_id) VALUES (?1, ?2)");
    if (!s) return CONT_FAIL;
    sqlite3_bind_int64(s, 1, action_id);
    sqlite3_bind_int64(s, 2, continues_id);
    return store_run_once(s) ? CONT_OK : CONT_FAIL;
}

/* ---- the interchange column continua_folio (issue 13, F13) ---- */

bool store_continues_folio(Store *st, int64_t action_id, Arena *a, const char **folio, const char **edition) {
    *folio = *edition = "";
    sqlite3_stmt *s = store_prepare(st, "trend",
        "SELECT o.folio, e.name FROM action_continuation k JOIN action o ON o.id = k.continues_id"
        " JOIN edition e ON e.id = o.edition_id WHERE k.action_id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *folio = store_col_dup(a, s, 0);
        *edition = store_col_dup(a, s, 1);
    }
    else if (rc != SQLITE_DONE) store_report(st, "trend");
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

ContResult store_continuation_set(Store *st, int64_t action_id, int64_t continues_id) {
    sqlite3_stmt *s = store_prepare(st, "trend", "SELECT continues_id FROM action_continuation WHERE action_id = ?1");
    if (!s) return CONT_FAIL;
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    bool same = rc == SQLITE_ROW && sqlite3_column_int64(s, 0) == continues_id;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return CONT_FAIL;
    if (same) return CONT_OK;
    if (!store_continuation_drop(st, action_id)) return CONT_FAIL;
    return store_continuation_add(st, action_id, continues_id);
}

bool store_continuation_drop(Store *st, int64_t action_id) {
    sqlite3_stmt *s = store_prepare(st, "trend", "DELETE FROM action_continuation WHERE action_id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    return store_run_once(s);
}

bool store_edition_before(Store *st, int64_t earlier_id, int64_t id, bool *before) {
    *before = false;
    sqlite3_stmt *s = store_prepare(st, "trend",
        "SELECT " EDITION_ORDER_SQL("p") " < " EDITION_ORDER_SQL("e")
        " FROM edition p, edition e WHERE p.id = ?1 AND e.id = ?2");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, earlier_id);
    sqlite3_bind_int64(s, 2, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) *before = sqlite3_column_int(s, 0);
    else if (rc != SQLITE_DONE) store_report(st, "trend");
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}
