#ifndef PMM_CAMPAIGN_H
#define PMM_CAMPAIGN_H
/*
 * The rules of the collection campaign (issue 11), in one place, used by
 * the web pages, the API and the CLI alike: what an edition's name, period
 * and deadline must look like, when an edition may be published, when an
 * action is complete enough to be submitted, and how many days remain to a
 * deadline. Each check returns NULL when the value is good, otherwise a
 * translated sentence for the person.
 */
#include <stdbool.h>
#include "core/action.h"
#include "util/str.h"

/* An edition's name: at most EDITION_NAME_MAX characters. */
#define EDITION_NAME_MAX 64
/* Why NAME cannot name an edition (Spanish, for "«NAME» no sirve como
 * nombre de edición: ..."), or NULL when it can: the one rule for every
 * entry point (pmm edition add/new, import --edition, demo, the web's
 * form, store_edition_create). Not empty, at most EDITION_NAME_MAX
 * characters of valid UTF-8, no white space at either end, no control
 * character, no '/', '\', "..", '?', '#' or '%' (the name is part of
 * the edition's URLs), no '@', which names a published revision
 * ("2024@r3"), and no ',', which parts the editions of a list (issue 13
 * round 2, F13: an older name with one still works, trend_split_names);
 * not «.» alone, a dot segment a browser drops from the URL (t12 fault 11). */
const char *edition_name_check(const char *name);
/* START and END as YYYY-MM, START <= END. Both empty is "no period" and
 * is accepted here (an edition may be created before its period is known;
 * it cannot be published then: edition_publish_check). */
const char *edition_period_check(const char *start, const char *end);
/* A calendar date YYYY-MM-DD, or empty (no deadline yet). */
const char *edition_deadline_check(const char *deadline);
/* An edition without a whole period cannot be published. */
const char *edition_publish_check(const char *period_start, const char *period_end);

/* What an action still lacks before it may be submitted for review
 * (description, action type, population, gender focus, disability):
 * each missing field's label, "; "-separated, into MISSING. True when
 * nothing is missing. */
bool action_complete(const Action *d, Str *missing);

/* Whole days from TODAY to DEADLINE (both YYYY-MM-DD); negative when past.
 * False when either is not a date. */
bool campaign_days_left(const char *deadline, const char *today, long *days);
/* Today's date in UTC, YYYY-MM-DD, into OUT (11 bytes). */
void campaign_today(char out[11]);
/* Days to the deadline within which an institution with nothing
 * submitted is shown as late. */
#define CAMPAIGN_LATE_DAYS 7

#endif
