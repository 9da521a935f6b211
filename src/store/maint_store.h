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
