#ifndef PMM_DEMO_STORE_H
#define PMM_DEMO_STORE_H
/*
 * Which database pmm demo may write into (issue 10, fault 6): an empty one
 * (no edition, no account, no change recorded in the audit log, which
 * also records every edit of the catalogs), or one that pmm demo made,
 * marked by the row ('demo', date) of the table meta.
 */
#include <stdbool.h>
#include "store/store.h"
#include "util/str.h"

/* In one transaction: when the database is empty, marks it as a demo and
 * returns true; when it is already a demo, returns true; otherwise writes
 * nothing and returns false with what it holds in WHY (Spanish), or with
 * the database's error when it could not be read. */
bool store_demo_claim(Store *st, Str *why);

#endif
