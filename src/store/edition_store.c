/* Changing an edition: its state and the preamble the unit writes. */
#include "store/store_internal.h"

bool store_edition_set_state(Store *st, int64_t edition_id, const char *state) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE edition SET state=?2 WHERE id=?1", -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, state);
    bool ok = sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(st->db) == 1;
    sqlite3_finalize(s);
    return ok;
}

bool store_edition_set_preamble(Store *st, int64_t edition_id, const char *text) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE edition SET preamble=?2 WHERE id=?1", -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, text);          /* NULL restores the default */
    bool ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    return ok;
}
