#ifndef PMM_MAP_STORE_H
#define PMM_MAP_STORE_H
/*
 * The map of the subnational units (issue 14): each unit of the catalog
 * with the validated actions of an edition whose body is of the
 * subnational reporter type and in that unit (as /acciones?estado= lists
 * them), and the pack's boundary file, recorded when the pack is loaded.
 */
#include <stdint.h>
#include "store/store.h"
#include "util/arena.h"

typedef struct {
    const char *code, *name;
    const char *name_en;    /* "" when the catalog has none */
    long actions;
} MapUnit;

/* Every unit of the catalog, by name (Spanish collation), with its count in EDITION_ID;
 * *TYPE the subnational type's code ("" when the pack marks none). */
bool store_map_units(Store *st, Arena *a, int64_t edition_id, const char **type, MapUnit **out, int *n);
/* The pack's boundary file (limites.csv) as recorded, "" when it has none,
 * NULL when the pack was loaded by a pmm older than the map (no row). */
bool store_map_boundary(Store *st, Arena *a, const char **out);
/* Records TEXT as the pack's boundary file; inside the loader's transaction. */
bool store_map_boundary_put(Store *st, const char *text);

#endif
