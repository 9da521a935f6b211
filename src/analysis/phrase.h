#ifndef PMM_PHRASE_H
#define PMM_PHRASE_H
/*
 * The sentence layer of the publications (issue 12): what a sentence needs
 * besides its words so that it stays true and grammatical on any data, in
 * Spanish and English. The narrative (narrative.c) writes every count, list,
 * tie, zero and share through these functions; they append marked text
 * (render/doc.h) to a Str, so each number still carries its filter.
 *
 *  - counts agree with their noun and verb: «1 acción», «se reportó 1 reto»;
 *  - lists join with «y»/«e» and "and"; negative lists with «ni» / "or";
 *  - long lists of numbers are summarised as runs: «1–5, 7 y 9–23»;
 *  - ties are groups, never a ranking: «A y B (17 cada una)»;
 *  - shares of equal counts are equal (util/rounding.h) and a note says
 *    when a column does not add up to 100.
 */
#include <stdbool.h>
#include "render/doc.h"

/* "una acción" / "2 acciones": N as a count of running text carrying
 * FILTER (doc_count: zero to nine in words, a Spanish «1» agreeing with the
 * noun's gender G), then the noun that agrees with it. */
void ph_count(Str *s, Lang l, const char *filter, long n, NumGender g, const char *one, const char *many);

/* Writes item I of a list into S. */
typedef void (*PhItem)(void *ctx, Str *s, int i);

typedef enum {
    PH_AND,     /* «A, B y C» / "A, B and C" */
    PH_NOR,     /* after a negation: «A, B ni C» / "A, B or C" */
} PhJoin;

/* The N items joined. FIRST_WORDS (NULL: none) is what each item starts
 * with, for the Spanish «e» before a word that sounds /i/. */
void ph_list(Str *s, Lang l, int n, PhJoin join, PhItem item, const char *const *first_words, void *ctx);

/* A list of whole numbers V[0..N) in increasing order, with three or more
 * consecutive ones written as a run, «1–5, 7 y 9–12»; ITEM writes the
 * number at index I (a mark, say). Returns the number of items written. */
int ph_runs(Str *s, Lang l, const int *v, int n, PhItem item, void *ctx);

/* The number of items ph_runs writes for V[0..N): fewer than N when a run
 * shortens the list, which is when a list of numbers is better said as
 * runs («los objetivos 1–9 y 11–23») than one by one. */
int ph_run_items(const int *v, int n);

/* The whole of a set of N things, all of them concerned, and its noun
 * (ONE, MANY; Spanish gender G): «la única región» / "the only region",
 * «ambas regiones» / "both regions", «las 32 entidades federativas» /
 * "all 32 states"; never «las una regiones», "all two regions". The
 * number (or the word that says it) is a mark of N carrying FILTER. */
void ph_all(Str *s, Lang l, const char *filter, long n, NumGender g, const char *one, const char *many);

/* Tie groups of V[0..N), sorted from largest to smallest: group G is
 * V[START[G] .. START[G+1]); returns the number of groups. START holds
 * N + 1 entries. */
int ph_ties(const long *v, int n, int *start);

/* What follows a count shared by a tie group: «cada uno», «cada una»
 * (the items are all feminine), "each". */
const char *ph_each(Lang l, bool feminine);

/* The order of two names in a list (issue 12: a tie is listed in the
 * reader's alphabetical order, not by code): Spanish collation
 * (text_collate_es) in Spanish; in English, the names case- and
 * accent-folded (text_fold), then by their bytes. <0, 0 or >0. */
int ph_collate(Lang l, const char *a, const char *b);

/* The note under a table or chart whose whole percentages add up to SUM
 * (round_percentages); NULL when SUM is 100 or 0. Allocated in A. */
const char *ph_share_note(Arena *a, Lang l, long sum);

#endif
