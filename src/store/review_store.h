#ifndef PMM_REVIEW_STORE_H
#define PMM_REVIEW_STORE_H
/*
 * A voluntary GCM review (issue 13, migration 22; docs/review.md): a name,
 * the editions it covers (from one edition to another, in trend order) and
 * the texts that only the coordinating unit can write. Everything countable
 * in the draft is computed from the records (analysis/review.c); these texts
 * are the only thing a review keeps.
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"

/* The texts, in the draft's order. */
typedef enum { RT_INTRODUCTION, RT_POLICY, RT_MEANS, RT_NEXT_STEPS, RT__COUNT } ReviewTextKind;

typedef struct {
    int64_t id;
    const char *name;
    int64_t from_id, to_id;             /* editions */
    const char *from_name, *to_name;
    const char *text[RT__COUNT];        /* NULL: not written yet */
    int version;                        /* +1 on each save: a stale form is refused */
    const char *created_at, *updated_at;
} Review;

/* The review named NAME (or with id ID) into OUT, strings in A; *FOUND
 * false when there is none. */
bool store_review_find(Store *st, const char *name, Arena *a, Review *out, bool *found);
bool store_review_get(Store *st, int64_t id, Arena *a, Review *out, bool *found);
/* Every review, by name. */
bool store_review_list(Store *st, Arena *a, Review **out, int *n);

typedef enum { REVIEW_OK, REVIEW_EXISTS, REVIEW_GONE, REVIEW_STALE, REVIEW_FAIL } ReviewResult;
/* A new review NAME of editions FROM_ID..TO_ID (checked by the caller,
 * review_range), its id in *ID; REVIEW_EXISTS when the name is taken.
 * One transaction, with its audit entry by USER_ID. */
ReviewResult store_review_create(Store *st, int64_t user_id, const char *name, int64_t from_id, int64_t to_id,
                                 int64_t *id);
/* Writes the texts of review ID (NULL or "": not written), if it is still
 * at VERSION (REVIEW_STALE when someone saved it since, REVIEW_GONE when
 * it does not exist); the check, the write and its audit entry by USER_ID
 * (the texts before and after, as JSON) in one transaction. */
ReviewResult store_review_save(Store *st, int64_t id, int64_t user_id, int version,
                               const char *const text[RT__COUNT]);

#endif
