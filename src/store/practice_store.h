#ifndef PMM_PRACTICE_STORE_H
#define PMM_PRACTICE_STORE_H
/*
 * «Buena práctica» (issue 13, migration 20): a coordinator marks an action
 * as a good practice and writes what the UN Network on Migration's
 * Repository of Practices asks of one that the action does not already
 * hold (docs/good-practices.md). The rest comes from the action: its name,
 * description, institution, GCM objectives and guiding principles. A
 * published revision keeps its own copy (edition_store.c copies the table).
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"

/* What the coordinator writes, in this order (PF_*): the texts of the
 * Repository's template that the action lacks. */
typedef enum {
    PF_PARTNERS, PF_RESULTS, PF_SUCCESS, PF_REPLICABILITY, PF_LESSONS, PF_CONTACT, PF__COUNT
} PracticeField;

typedef struct {
    const char *v[PF__COUNT];
} PracticeText;

/* A good practice with the action it is. */
typedef struct {
    int64_t action_id;
    PracticeText t;
    const char *marked_at, *marked_by;      /* the last change: when, whose username */
    const char *folio, *name, *description, *action_results, *institution, *institution_name;
    const char *edition, *period_start, *period_end, *country;   /* country: "" when not set */
    long long beneficiaries;                /* -1: not stated */
    int *objectives, nobj;                  /* the principal first */
    int *principles, nprin;                 /* ascending */
} GoodPractice;

/* Action ACTION_ID's good practice into OUT (strings in A); *FOUND false
 * when it is not marked. */
bool store_practice_get(Store *st, int64_t action_id, Arena *a, GoodPractice *out, bool *found);

typedef enum { PRACTICE_OK, PRACTICE_GONE, PRACTICE_FROZEN, PRACTICE_REFUSED, PRACTICE_FAIL } PracticeResult;
/* Marks action ACTION_ID as a good practice with T (or writes T again),
 * or with T NULL takes the mark away; with its audit entry by USER_ID, in
 * one transaction that checks the action exists, that its edition takes
 * changes (PRACTICE_FROZEN) and, to mark it, that it is validated and
 * names at least one guiding principle (PRACTICE_REFUSED); *WHY says why. */
PracticeResult store_practice_set(Store *st, int64_t action_id, int64_t user_id, const PracticeText *t,
                                  const char **why);

/* The rule «a good practice names at least one guiding principle» (issue
 * 13, F13, fault 3), kept at every write of an action, at its validation
 * and by pmm check: an SQL condition on good_practice alias G that holds
 * when G's action names none (the one home of the rule in SQL). */
#define PRACTICE_UNTAGGED_SQL(g) \
    "NOT EXISTS (SELECT 1 FROM action_principle p WHERE p.action_id = " g ".action_id)"
/* Whether action ACTION_ID is a good practice naming no guiding principle,
 * into *BROKEN; inside the caller's write transaction. */
bool store_practice_untagged(Store *st, int64_t action_id, bool *broken);
/* The sentence that refuses such a write. */
const char *practice_principle_rule(void);

/* Every good practice of edition E (an edition or a published revision),
 * of its validated actions, by institution and folio. FN returns false to
 * stop. */
typedef bool (*PracticeFn)(void *ctx, const GoodPractice *p);
bool store_practices_each(Store *st, const Edition *e, PracticeFn fn, void *ctx);

#endif
