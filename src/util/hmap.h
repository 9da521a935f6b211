#ifndef PMM_HMAP_H
#define PMM_HMAP_H
/* HMap: string -> int64 hash map (open addressing). Keys are copied into
 * the map's own arena; the map owns everything it holds. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

typedef struct {
    char **keys;
    int64_t *vals;
    size_t cap, count;
    Arena arena;
} HMap;

void hmap_init(HMap *m);
void hmap_free(HMap *m);
/* Sets KEY to VAL; returns false if KEY was already present (value kept). */
bool hmap_put(HMap *m, const char *key, int64_t val);
/* True and *VAL set when KEY is present. */
bool hmap_get(const HMap *m, const char *key, int64_t *val);

#endif
