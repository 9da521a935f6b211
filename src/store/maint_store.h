#ifndef PMM_MAINT_STORE_H
#define PMM_MAINT_STORE_H
/*
 * Upkeep of the database: an online backup, and the checks of `pmm check`
 * (SQLite's integrity and foreign-key checks, the rules every action must
 * keep, and the figures counted twice, by two independent methods).
 */
#include <stdbool.h>
#include "store/store.h"
#include "util/str.h"

/* Copies the database to PATH with SQLite's online backup API: the copy
 * is the database at one instant, even while other processes write. It is
 * written to a temporary file next to PATH, checked, and renamed over
 * PATH only when whole, so PATH is never half-written. An existing PATH is
 * refused unless FORCE. On failure returns false with the reason in ERR. */
bool store_backup(Store *st, const char *path, bool force, Str *err);

/* Replaces the database DB by the backup COPY (issue 10, fault 7): COPY
 * must be a pmm database that passes SQLite's integrity check, of a schema
 * this pmm reads (an older one is brought up to date); DB must be in use by
 * no process (see maint_store.c). COPY is copied next to DB, synced, and
 * renamed over it; the old DB, with its -wal, is kept under the name in
 * PREV (left empty when there was none) and its -shm removed. On failure
 * nothing is changed and ERR tells why. */
bool store_restore(const char *copy, const char *db, Str *prev, Str *err);

/* The folder beside DB where pmm serve keeps the rendered files of
 * published revisions (web/downloads.c), into OUT (N bytes); false when the
 * name does not fit. One home for the name, because store_restore empties
 * it: files rendered from the replaced database must never be served as
 * the restored one's, whose catalog versions may name the same keys. */
bool store_files_cache_dir(const char *db, char *out, size_t n);

/* Removes the files in DB's cache folder and the folder; true when none is
 * left (or there was none). pmm restore calls it after putting a copy in
 * place, and warns when it fails. */
bool store_files_cache_clear(const char *db);

/* For pmm serve: a shared flock on DB_PATH, held while the returned
 * descriptor stays open, by which store_restore knows a server uses the
 * database even before its threads open it. -1 when it cannot be taken. */
int store_serve_hold(const char *db_path);

/* Called once per problem found, with a message in Spanish. */
typedef void (*CheckFn)(void *ctx, const char *msg);

/* Runs every check. Returns the number of problems (0: all good), or -1
 * when the checks themselves could not run (ERR tells). *NCHECKS is set
 * to how many checks ran. */
long store_check(Store *st, CheckFn fn, void *ctx, int *nchecks, Str *err);

/* The figures of an edition as plain GROUP BY queries, one per figure: the
 * straightforward and slow method, kept as the reference that `pmm check`
 * compares store_figures() with. */
bool store_figures_reference(Store *st, const Edition *edition, bool all_statuses,
                             Figures *out);

#endif
