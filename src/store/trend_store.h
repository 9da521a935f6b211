#ifndef PMM_TREND_STORE_H
#define PMM_TREND_STORE_H
/*
 * Editions over time (issue 13, helper T13): what the trend needs of the
 * store besides store_figures, and the link of a continuing program
 * (migration "19": table action_continuation).
 */
#include "store/store.h"

/* The actions of edition E that continue an action of an earlier edition,
 * in store_figures' scope (validated ones, or every one when ALL, of an
 * institution of the catalog), into *N. */
bool store_continuing_count(Store *st, const Edition *e, bool all, long *n);

#endif
