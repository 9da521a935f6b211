#ifndef PMM_MATCH_H
#define PMM_MATCH_H
/*
 * Matcher: finds a catalog entry from what a person wrote, ignoring case,
 * accents, punctuation and spacing ("SEGOB", "Secretaría de Gobernación",
 * "secretaria de gobernacion" all match), and suggests the nearest names
 * when nothing matches.
 */
#include <stdbool.h>
#include <stdint.h>
#include "util/hmap.h"
#include "util/str.h"

typedef struct {
    HMap keys;           /* folded name -> id */
    HMap hits;           /* text as written -> id, so that folding runs once per spelling */
    Arena arena;
    char **names;        /* every name, as written in the catalog */
    char **folded;
    int64_t *ids;
    bool *primary;
    size_t n, cap;
} Matcher;

/* The catalogs a Matcher may hold (ingest/catalog_load.h fills one from
 * the store). */
typedef enum {
    CAT_INSTITUTION, CAT_ACTION_TYPE, CAT_POPULATION, CAT_CATEGORY, CAT_STATE, CAT_PRINCIPLE
} CatalogKind;

void matcher_init(Matcher *m);
void matcher_add(Matcher *m, int64_t id, const char *name, bool primary);
void matcher_free(Matcher *m);
/* The id that TEXT names, or 0. */
int64_t matcher_find(Matcher *m, const char *text);
/* Appends up to MAX of the nearest names to OUT, as «A», «B» o «C». Returns
 * how many were appended. */
int matcher_suggest(Matcher *m, const char *text, int max, Str *out);
/* The display (primary) name of ID, or NULL. */
const char *matcher_name(const Matcher *m, int64_t id);

#endif
