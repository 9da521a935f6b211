/* The map of the subnational units: see map_store.h. */
#include <string.h>
#include "store/map_store.h"
#include "store/pack_store.h"
#include "store/store_internal.h"

#define BOUNDARY_KEY "limites"

typedef struct {
    Arena *a;
    MapUnit *u;
    int n, cap;
} Units;

static bool unit_row(void *ctx, sqlite3_stmt *s) {
    Units *c = ctx;
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 64;
        MapUnit *u = arena_alloc(c->a, (size_t)cap * sizeof *u);
        if (c->n) memcpy(u, c->u, (size_t)c->n * sizeof *u);
        c->u = u;
        c->cap = cap;
    }
    MapUnit *u = &c->u[c->n++];
    u->code = store_col_dup(c->a, s, 0);
    u->name = store_col_dup(c->a, s, 1);
    u->actions = (long)sqlite3_column_int64(s, 2);
    u->name_en = store_col_dup(c->a, s, 3);
    return true;
}

static bool text_row(void *ctx, sqlite3_stmt *s) {
    void **c = ctx;
    *(const char **)c[1] = store_col_dup(c[0], s, 0);
    return false;
}

bool store_map_units(Store *st, Arena *a, int64_t edition_id, const char **type, MapUnit **out, int *n) {
    *type = "";
    void *tc[2] = {a, (void *)type};
    char ed[32];
    snprintf(ed, sizeof ed, "%lld", (long long)edition_id);
    /* the subnational type as the edition has it (a revision its own: TYPES_AS_OF) */
    if (!store_each_row(st, "SELECT code FROM " TYPES_AS_OF("CAST(?1 AS INTEGER)")
                        " WHERE subnational = 1 ORDER BY ord LIMIT 1", ed, text_row, tc))
        return false;
    /* as the action list filters by unit: the classification the edition has (INST_AS_OF).
     * The actions are counted by unit once (one GROUP BY), then joined to the units:
     * a count per unit evaluated INST_UNIT for every action of the edition 32 times
     * (45 M instructions of the Informe's 805 M, docs/performance.md round 5). */
    Units u = {a, NULL, 0, 0};
    bool ok = store_each_row(st,
        "WITH c(code, n) AS (SELECT " INST_UNIT("CAST(?1 AS INTEGER)") ", count(*)"
        " FROM action a JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
        " WHERE a.edition_id = CAST(?1 AS INTEGER) AND a.status = 'validada' GROUP BY 1)"
        " SELECT s.code, s.name, coalesce(c.n, 0), COALESCE(s.name_en, '')"
        /* the units as the edition has them: a revision its own (UNITS_AS_OF) */
        " FROM " UNITS_AS_OF("CAST(?1 AS INTEGER)") " s LEFT JOIN c ON s.code = c.code"
        /* by name, as a reader looks for one (issue 16, hostile fault 16: «Ñuble» after «Maule») */
        " ORDER BY s.name COLLATE es, s.code",
        ed, unit_row, &u);
    *out = u.u;
    *n = u.n;
    return ok;
}

bool store_map_boundary(Store *st, Arena *a, const char **out) {
    *out = NULL;
    void *tc[2] = {a, (void *)out};
    return store_each_row(st, "SELECT value FROM pack WHERE key = ?1", BOUNDARY_KEY, text_row, tc);
}

bool store_map_boundary_put(Store *st, const char *text) {
    return store_pack_put(st, BOUNDARY_KEY, text);
}
