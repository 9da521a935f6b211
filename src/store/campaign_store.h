#ifndef PMM_CAMPAIGN_STORE_H
#define PMM_CAMPAIGN_STORE_H
/*
 * The collection campaign's queries (issue 11): an edition's period and
 * deadline, the progress of every institution in an edition (the board
 * and its JSON share store_campaign_progress), deleting a draft, and the
 * review thread of an action. Writes run inside the caller's transaction.
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/workflow.h"
#include "store/store.h"
#include "util/arena.h"

/* The edition's deadline (YYYY-MM-DD, "" when none) into OUT (16 bytes). */
bool store_edition_deadline(Store *st, int64_t edition_id, char out[16]);
/* Sets the period and deadline of edition ID (a working edition, not a
 * revision's snapshot). */
bool store_edition_set_campaign(Store *st, int64_t edition_id, const char *start, const char *end,
                                const char *deadline);

/* Why edition ID may not be published now (core/campaign.c's rule on the
 * period as stored), or NULL. Call it inside the transaction that
 * publishes, so that the rule holds for the write it guards. */
const char *store_edition_publish_refusal(Store *st, int64_t edition_id);

/* One institution of the catalog in an edition. */
typedef struct {
    const char *siglas, *nombre;
    long count[AS__COUNT];       /* its actions by state */
    const char *last;            /* latest change of one of them, ISO-8601; "" when none */
    const char **enlaces;        /* usernames of its active enlace accounts */
    int nenlaces;
} ProgressRow;

/* Every institution of the catalog, by acronym, with its actions of
 * EDITION_ID by state, their last change and its focal points. */
bool store_campaign_progress(Store *st, int64_t edition_id, Arena *a, ProgressRow **out, int *n);

/* Deletes action ID while its state is one of FROM (bits 1u << ActionStatus)
 * and its version is VERSION (when > 0): *DELETED tells whether it went. */
bool store_action_delete_if(Store *st, int64_t id, unsigned from, int64_t version, bool *deleted);

/* A step of an action's review, from the audit log. */
typedef struct {
    const char *at, *username, *step, *comment;
} ThreadEntry;
typedef void (*ThreadFn)(void *ctx, const ThreadEntry *e);
/* The submissions, withdrawals, returns (with their comments) and
 * validations of action ID, oldest first. */
bool store_review_thread(Store *st, int64_t action_id, ThreadFn fn, void *ctx);

#endif
