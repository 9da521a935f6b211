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

/* ---- continuing programs (table action_continuation) ---- */
#include "util/arena.h"

typedef struct {
    int64_t id;
    const char *folio, *name, *edition;
} ActionRef;

/* The action that ACTION_ID continues, into *OUT (*FOUND false: none). */
bool store_continues(Store *st, int64_t action_id, Arena *a, ActionRef *out, bool *found);
/* The actions of live editions that continue ACTION_ID, or, when it is an
 * action of a published revision, the live action it copies; by edition
 * and folio. */
bool store_continued_by(Store *st, int64_t action_id, Arena *a, ActionRef **out, int *n);

typedef enum {
    CONT_OK,
    CONT_GONE,            /* the action continued does not exist */
    CONT_NOT_PREVIOUS,    /* it is not of PREVIOUS_EDITION_ID */
    CONT_INSTITUTION,     /* it is another institution's */
    CONT_TAKEN,           /* another action of the edition already continues it */
    CONT_FAIL,
} ContResult;
/* Links new action ACTION_ID as continuing CONTINUES_ID, after checking
 * that CONTINUES_ID is an action of PREVIOUS_EDITION_ID (the edition
 * before ACTION_ID's), of the same institution, not yet continued in
 * ACTION_ID's edition. Inside the caller's write transaction. */
ContResult store_continuation_add(Store *st, int64_t action_id, int64_t continues_id,
                                  int64_t previous_edition_id);

/* issue 13 (F13): the interchange column continua_folio. */
/* The folio of the action ACTION_ID continues, in A ("" none). */
bool store_continues_folio(Store *st, int64_t action_id, Arena *a, const char **folio);
/* Makes ACTION_ID continue CONTINUES_ID, replacing the link it had, with
 * store_continuation_add's checks (an unchanged link is kept as it is).
 * Inside the caller's write transaction. */
ContResult store_continuation_set(Store *st, int64_t action_id, int64_t continues_id,
                                  int64_t previous_edition_id);

#endif
