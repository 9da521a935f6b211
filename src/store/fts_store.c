/* The search index's waiting rows, for a connection that cannot catch it
 * up (fts_store.h; issue 15, row 44). */
#include "store/fts_store.h"
#include "store/store_internal.h"

bool store_fts_pending(Store *st, bool *pending) {
    *pending = false;
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT EXISTS (SELECT 1 FROM action_fts_dirty)");
    if (!s) return false;
    bool dirty = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (!dirty) return true;
    *pending = true;
    /* the columns and tokenizer of action_fts (db.c, migration 21) */
    return store_run_once(store_prepare(st, "web", "DROP TABLE IF EXISTS temp.action_fts_pending")) &&
           store_run_once(store_prepare(st, "web", "CREATE VIRTUAL TABLE temp.action_fts_pending USING fts5("
                                                   " folio, name, description, results, institution, challenges,"
                                                   " tokenize='unicode61 remove_diacritics 2')")) &&
           store_run_once(store_prepare(st, "web", "INSERT INTO temp.action_fts_pending"
                                                   ACTION_FTS_ROWS("a.id IN (SELECT id FROM action_fts_dirty)")));
}

const char *store_fts_ids(Arena *a, const char *param, bool pending) {
    if (!pending) return arena_printf(a, "SELECT rowid FROM action_fts WHERE action_fts MATCH %s", param);
    return arena_printf(a, "SELECT rowid FROM action_fts WHERE action_fts MATCH %s"
                           " AND rowid NOT IN (SELECT id FROM action_fts_dirty)"
                           " UNION ALL SELECT rowid FROM temp.action_fts_pending WHERE action_fts_pending MATCH %s",
                        param, param);
}

const char *store_fts_relevance_join(Arena *a, int q, bool pending) {
    const char *main = arena_printf(a, "SELECT rowid AS fid, bm25(action_fts, 10.0, 5.0, 1.0, 1.0, 3.0, 1.0) AS score"
                                       " FROM action_fts WHERE action_fts MATCH ?%d", q);
    if (pending)
        main = arena_printf(a, "%s AND rowid NOT IN (SELECT id FROM action_fts_dirty) UNION ALL"
                               " SELECT rowid, bm25(action_fts_pending, 10.0, 5.0, 1.0, 1.0, 3.0, 1.0)"
                               " FROM temp.action_fts_pending WHERE action_fts_pending MATCH ?%d", main, q);
    return arena_printf(a, " JOIN (%s) m ON m.fid = a.id", main);
}
