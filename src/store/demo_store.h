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
/* Issue 10 (helper REC): a demo database that holds work done after pmm
 * demo loaded it is refused too. pmm demo calls this when it has ended:
 * it records what the database holds then (meta 'demo_state': the counts
 * of the audit log, revisions, action versions, challenges, editions,
 * accounts and the catalogs' version), which store_demo_claim compares
 * with what it holds at the next run. */
bool store_demo_seal(Store *st);

/* Issue 13 (T13): the demo's earlier edition, a synthetic example. Marks
 * edition NAME as one (column edition.synthetic, migration 25; R13B);
 * whether NAME is one (any edition so marked, not only the demo's). */
bool store_demo_mark_example(Store *st, const char *name);
/* `pmm edition set E --synthetic yes|no` (R13B): marks EDITION_ID, with its
 * published revisions, as a synthetic example or not; inside the caller's
 * transaction. */
bool store_edition_set_synthetic(Store *st, int64_t edition_id, bool synthetic);
/* What pages say of it (es-MX, marked N_(): translate with _()). */
extern const char example_notice[];
/* The one text every surface says of a synthetic example (issue 14 fault
 * 7, issue 13; F14C): example_notice in LANG ("es", "en"; NULL: the
 * language of the messages). */
const char *example_notice_text(const char *lang);
bool store_edition_is_example(Store *st, const char *name);
/* Links each action of TO_ID as continuing the action of FROM_ID with the
 * same institution, name and folio number ("2023-0001", "2024-0001"): the
 * demo's continuing programs. Already linked ones stay as they are. */
bool store_demo_link_continuations(Store *st, int64_t from_id, int64_t to_id);

#endif
