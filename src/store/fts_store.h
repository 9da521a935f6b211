#ifndef PMM_FTS_STORE_H
#define PMM_FTS_STORE_H
/*
 * The search index's rows waiting to be caught up (issue 15, row 44).
 * action_fts is caught up by the first search after a write
 * (store_fts_sync); a connection that cannot write (a read-only file, a
 * full disk, another writer holding the lock) cannot, and searched the
 * committed index only: rows made dirty just before were not found, or
 * found under their old text. Such a search now also matches the waiting
 * rows, indexed into a TEMP FTS5 table of this connection (a read-only
 * connection may write its temporary database), with the same columns
 * and tokenizer, and leaves their stale entries in action_fts out.
 */
#include "store/store.h"
#include "util/arena.h"

/* The rows of action_fts for the actions WHERE_SQL selects (a condition
 * on a.id): the one definition of what the index holds, used by the
 * catch-up and by the pending table alike. */
#define ACTION_FTS_ROWS(where_sql) \
    "(rowid, folio, name, description, results, institution, challenges)" \
    " SELECT a.id, a.folio, a.name, a.description, a.results, i.acronym || ' ' || i.name," \
    "   (SELECT group_concat(c.text, ' ') FROM challenge c WHERE c.action_id = a.id)" \
    " FROM action a JOIN institution i ON i.id = a.institution_id WHERE " where_sql

/* Sets *PENDING when rows still wait in action_fts_dirty (after
 * store_fts_sync), and then (re)builds temp.action_fts_pending from them. */
bool store_fts_pending(Store *st, bool *pending);

/* The ids matching the search parameter PARAM ("?", "?3"): the index,
 * and with PENDING the waiting rows in place of their stale entries. */
const char *store_fts_ids(Arena *a, const char *param, bool pending);

/* A join "m" of (fid, score) for the same ids: bm25, best first, a match
 * in the folio or the name counting most, then the institution, then the
 * other texts (the columns, in order). A waiting row is scored against
 * the waiting rows only (the order may differ slightly from a writable
 * server's; the rows found are the same). */
const char *store_fts_relevance_join(Arena *a, int q, bool pending);

#endif
