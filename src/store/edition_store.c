/* Changing an edition: its state and the preamble the unit writes. */
#include "store/store_internal.h"
#include <string.h>
#include "util/i18n.h"

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

bool store_edition_accepts_changes(Store *st, int64_t edition_id, const char **why) {
    sqlite3_stmt *s = store_prepare(st, "edition", "SELECT state FROM edition WHERE id=?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    bool open = found && strcmp(store_col_text(s, 0), "publicada") != 0;
    sqlite3_finalize(s);
    if (!open && why)
        *why = found ? _("La edición está publicada: sus acciones no se modifican. "
                         "Un administrador puede abrirla para correcciones.")
                     : _("No existe esa edición.");
    return open;
}
