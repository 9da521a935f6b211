#ifndef PMM_HIGHLIGHT_STORE_H
#define PMM_HIGHLIGHT_STORE_H
/*
 * The programs an Informe names under each objective (issue 12): the
 * candidates, read here; the choice among them is narrative.c's
 * (docs/report.md, "Programas destacados"). A candidate is an action whose
 * PRINCIPAL objective is the objective, with something written in its
 * results or its description, or marked «destacada» by a coordinator.
 * Same scope as store_figures().
 */
#include "store/store.h"
#include "util/arena.h"

typedef struct {
    int objective;
    bool featured;                      /* marked «destacada» by a coordinator */
    bool good_practice;                 /* issue 13 (F13): marked as a good practice */
    const char *folio, *name, *acronym, *results, *description;
    long long beneficiaries;            /* -1: not stated */
} Highlight;

typedef struct {
    int n;
    Highlight *items;   /* by objective; then good practices, «destacada», results
                         * written first, most beneficiaries first, folio */
} Highlights;

bool store_highlights(Store *st, const Edition *e, bool all_statuses, Arena *a, Highlights *out);

/* The «destacada» mark of an action (migration 14). */
typedef enum { FEATURE_OK, FEATURE_GONE, FEATURE_FROZEN, FEATURE_FAIL } FeatureResult;
/* Whether action ID is marked; false when there is no such action. */
bool store_action_featured(Store *st, int64_t action_id, bool *on);
/* Marks (ON) or unmarks action ID, with its entry in the audit log by
 * USER_ID, in one transaction that also checks that the action exists and
 * that its edition takes changes (*WHY says why not). */
FeatureResult store_action_set_featured(Store *st, int64_t action_id, int64_t user_id, bool on,
                                        const char **why);

#endif
