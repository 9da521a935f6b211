#ifndef PMM_BULK_STORE_H
#define PMM_BULK_STORE_H
/*
 * BulkStore: the statements of an import that writes many NEW actions into
 * one edition, inside the caller's transaction. Unlike store_action_upsert
 * and store_action_links, which look a folio up and delete old links before
 * writing, these only insert: the importer uses them for folios it knows
 * are new, which is every folio when the edition was empty when the
 * transaction began. Statements are prepared once and reused for every row.
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"

typedef struct BulkStore BulkStore;

/* The import's transaction. The importer checks every value and takes
 * every reference from the catalogs it loads inside this transaction, so
 * SQLite's own foreign-key and CHECK tests would only repeat them, once
 * per row: they are off until bulk_end, which commits (COMMIT true) or
 * rolls back, then turns them on again. Journaling is untouched: a crash
 * at any moment leaves the database as before the import. `pmm check`
 * runs both tests over the whole database. */
bool bulk_begin(Store *st);
bool bulk_end(Store *st, bool commit);

/* Prepares the statements; call inside the transaction. NULL on error,
 * with *WHY set when the edition is gone or the catalogs are not loaded,
 * NULL on a database error (store_errmsg tells). */
BulkStore *bulk_open(Store *st, int64_t edition_id, const char **why);
void bulk_close(BulkStore *b);
/* True when the edition had no action when bulk_open ran. */
bool bulk_edition_was_empty(const BulkStore *b);
/* Inserts the new action A and its links (A's first objective is the
 * principal one); *ID is its id. Its challenges are inserted one by one
 * with bulk_challenge_insert, as the retos file comes. */
bool bulk_action_insert(BulkStore *b, const Action *a, int64_t *id);
bool bulk_challenge_insert(BulkStore *b, int64_t action_id, const char *text, int64_t category_id);
/* Deletes the challenges of an action already in the edition that the
 * import does not otherwise rewrite, before its new ones are inserted:
 * a write of the action like any other, so its version goes up and a form
 * or API client holding the old one is stale (issue 10, hostile fault 2). */
bool bulk_challenges_replace(BulkStore *b, int64_t action_id);

/* The audit log of an import (issue 10, helper REC): every action it
 * creates or replaces gets one entry in its transaction, so that `pmm
 * check` (which compares each action's state with its last entry) holds
 * after an import as after a web edit. An entry of `pmm import` has no
 * user (the command line runs as whoever may write the file, not as an
 * account); one of a web upload has its account (bulk_set_user); WHAT says
 * "importación" or "reemplazo por importación"; BEFORE (NULL for a new
 * action) and after are JSON {folio, situacion, version}, after with the
 * file's name as "archivo". bulk_action_state gives BEFORE, read before
 * the replacement, in A (NULL if there is no such action). */
char *bulk_action_state(BulkStore *b, int64_t id, Arena *a);
bool bulk_audit(BulkStore *b, int64_t id, const char *what, const char *before, const char *file);
/* The account on whose behalf the import runs (issue 10, helper RECWEB2:
 * an enlace's upload on the web), written as the user of every entry
 * bulk_audit adds from then on; 0 (the default) writes none. */
void bulk_set_user(BulkStore *b, int64_t user_id);

#endif
