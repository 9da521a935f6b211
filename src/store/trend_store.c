/* Editions over time: see trend_store.h. */
#include "store/store_internal.h"
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
