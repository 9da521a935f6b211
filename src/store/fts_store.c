/* The search index's waiting rows, for a connection that cannot catch it
 * up (fts_store.h; issue 15, row 44). */
#include "store/fts_store.h"
#include "store/store_internal.h"

/* Issue 15, round 3 (F6): the temporary index of the waiting rows is
 * built once per version of the database and kept while nothing changes:
 * a read-only server with 41 000 waiting rows rebuilt it for every search
 * (2.4 to 3.3 s each). A connection is used by one thread at a time (one
 * per server thread), so the version it was built at is kept per thread,
 * with the connection it belongs to: another process's commit changes
 * PRAGMA data_version, one of this connection's changes its
 * total_changes; a new connection (a reopen) has no temporary table. */
static __thread sqlite3 *built_db;
static __thread int64_t built_version = -1, built_changes = -1;

static int64_t data_version(Store *st) {
    sqlite3_stmt *s = store_prepare(st, "web", "PRAGMA data_version");
    int64_t v = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return v;
}

static bool pending_table_there(Store *st) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT 1 FROM temp.sqlite_schema WHERE name = 'action_fts_pending'");
    bool there = s && sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return there;
}

static bool build_pending(Store *st) {
    /* the columns and tokenizer of action_fts (db.c, migration 21) */
    return store_run_once(store_prepare(st, "web", "DROP TABLE IF EXISTS temp.action_fts_pending")) &&
           store_run_once(store_prepare(st, "web", "CREATE VIRTUAL TABLE temp.action_fts_pending USING fts5("
                                                   " folio, name, description, results, institution, challenges,"
                                                   " tokenize='unicode61 remove_diacritics 2')")) &&
           store_run_once(store_prepare(st, "web", "INSERT INTO temp.action_fts_pending"
                                                   ACTION_FTS_ROWS("a.id IN (SELECT id FROM action_fts_dirty)")));
}

bool store_fts_pending(Store *st, bool *pending) {
    *pending = false;
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT EXISTS (SELECT 1 FROM action_fts_dirty)");
    if (!s) return false;
    bool dirty = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (!dirty) return true;
    *pending = true;
    int64_t version = data_version(st);
    if (version >= 0 && built_db == st->db && version == built_version &&
        sqlite3_total_changes64(st->db) == built_changes && pending_table_there(st))
        return true;
    built_db = NULL;
    if (!build_pending(st)) return false;
    built_db = st->db;
    built_version = version;
    built_changes = sqlite3_total_changes64(st->db);
    return true;
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
