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

/* A link of ACTION_ID, either way, whose other action is of another
 * institution (links never cross institutions), into *OUT (*FOUND false:
 * none). Inside the caller's write transaction (issue 13, F13). */
bool store_continuation_crossing(Store *st, int64_t action_id, Arena *a, ActionRef *out, bool *found);

/* The order of editions in a trend (trend_sort: period start, then end,
 * editions without a period last, ties by name) as the SQL columns of
 * edition alias E, earliest first: the one home of that order in SQL
 * (issue 13, R13B). store_edition_list orders by it (ORDER BY takes the
 * columns, issue 13 F13B), comparisons by its row value below: one
 * edition is earlier than another when its value is smaller. */
#define EDITION_ORDER_COLS(e) e ".period_start = '', " e ".period_start, " e ".period_end, " e ".name"
#define EDITION_ORDER_SQL(e) "(" EDITION_ORDER_COLS(e) ")"

typedef enum {
    CONT_OK,
    CONT_GONE,            /* the action continued does not exist */
    CONT_NOT_PREVIOUS,    /* it is not of a live edition earlier than the new action's */
    CONT_INSTITUTION,     /* it is another institution's */
    CONT_TAKEN,           /* another action of the edition already continues it */
    CONT_FAIL,
} ContResult;
/* Links new action ACTION_ID as continuing CONTINUES_ID, after checking
 * that CONTINUES_ID is an action of a live edition earlier than ACTION_ID's
 * (any earlier one, issue 13, R13B: the link is by id, so an edition added
 * between them later does not break it), of the same institution, not yet
 * continued in ACTION_ID's edition. Inside the caller's write transaction. */
ContResult store_continuation_add(Store *st, int64_t action_id, int64_t continues_id);

/* issue 13 (F13): the interchange column continua_folio. */
/* The folio of the action ACTION_ID continues and its edition's name, in
 * A ("" none): the columns continua_folio and continua_edicion. */
bool store_continues_folio(Store *st, int64_t action_id, Arena *a, const char **folio, const char **edition);
/* Whether edition EARLIER_ID comes before edition ID in trend order, into
 * *BEFORE. */
bool store_edition_before(Store *st, int64_t earlier_id, int64_t id, bool *before);
/* Makes ACTION_ID continue CONTINUES_ID, replacing the link it had, with
 * store_continuation_add's checks (an unchanged link is kept as it is).
 * Inside the caller's write transaction. */
ContResult store_continuation_set(Store *st, int64_t action_id, int64_t continues_id);
/* Removes the link of ACTION_ID to the action it continues (none: nothing
 * to do). Inside the caller's write transaction (issue 13, F1316). */
bool store_continuation_drop(Store *st, int64_t action_id);

#endif
