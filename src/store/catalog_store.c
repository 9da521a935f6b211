/* The reference catalogs: reporter types, states, institutions, objectives,
 * action types, populations, challenge categories and their aliases. All
 * puts are upserts, so `pmm init` can be run again to update a database. */
#include <string.h>
#include "store/store_internal.h"

bool store_put_reporter_type(Store *st, const char *code, const char *name_es,
                             const char *name_en, int ord, const RtypeGrammar *g) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_RTYPE,
        "INSERT INTO reporter_type(code, name_es, name_en, ord, gender, number, subnational,"
        " body_es, bodies_es, body_en, bodies_en, society, proper)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT(code) DO UPDATE SET name_es=?2, name_en=?3, ord=?4, gender=?5, number=?6,"
        " subnational=?7, body_es=?8, bodies_es=?9, body_en=?10, bodies_en=?11, society=?12, proper=?13");
    if (!s) return false;
    store_bind_text(s, 1, code);
    store_bind_text(s, 2, name_es);
    store_bind_text(s, 3, name_en);
    sqlite3_bind_int(s, 4, ord);
    store_bind_text(s, 5, g->gender);
    store_bind_text(s, 6, g->number);
    sqlite3_bind_int(s, 7, g->subnational);
    store_bind_text(s, 8, g->body_es);
    store_bind_text(s, 9, g->bodies_es);
    store_bind_text(s, 10, g->body_en);
    store_bind_text(s, 11, g->bodies_en);
    sqlite3_bind_int(s, 12, g->society);
    sqlite3_bind_int(s, 13, g->proper);
    return store_exec_stmt(st, s);
}

bool store_put_state(Store *st, const char *code, const char *name, const char *name_en,
                     const char *abbrev) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_STATE,
        "INSERT INTO state(code, name, abbrev, name_en) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(code) DO UPDATE SET name=?2, abbrev=?3, name_en=?4");
    if (!s) return false;
    store_bind_text(s, 1, code);
    store_bind_text(s, 2, name);
    store_bind_text(s, 3, abbrev);
    store_bind_text(s, 4, name_en);
    return store_exec_stmt(st, s);
}

bool store_put_objective(Store *st, int n, const char *title_es, const char *title_en, const char *short_es,
                         const char *short_en) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_OBJECTIVE,
        "INSERT INTO objective(n, title_es, title_en, short_es, short_en)"
        " VALUES (?1, ?2, ?3, nullif(?4, ''), nullif(?5, '')) "
        "ON CONFLICT(n) DO UPDATE SET title_es=?2, title_en=?3, short_es=nullif(?4, ''), short_en=nullif(?5, '')");
    if (!s) return false;
    sqlite3_bind_int(s, 1, n);
    store_bind_text(s, 2, title_es);
    store_bind_text(s, 3, title_en);
    store_bind_text(s, 4, short_es);
    store_bind_text(s, 5, short_en);
    return store_exec_stmt(st, s);
}

bool store_put_principle(Store *st, int n, const char *name_es, const char *name_en, const char *desc_es,
                         const char *desc_en) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_PRINCIPLE,
        "INSERT INTO principle(n, name_es, name_en, description_es, description_en) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(n) DO UPDATE SET name_es=?2, name_en=?3, description_es=?4, description_en=?5");
    if (!s) return false;
    sqlite3_bind_int(s, 1, n);
    store_bind_text(s, 2, name_es);
    store_bind_text(s, 3, name_en);
    store_bind_text(s, 4, desc_es);
    store_bind_text(s, 5, desc_en);
    return store_exec_stmt(st, s);
}

bool store_set_roundtable(Store *st, int objective, int roundtable, bool only_unset) {
    sqlite3_stmt *s = store_stmt(st, Q_SET_ROUNDTABLE,
        "UPDATE objective SET roundtable = ?2 WHERE n = ?1 AND (?3 = 0 OR roundtable IS NULL)");
    if (!s) return false;
    sqlite3_bind_int(s, 1, objective);
    sqlite3_bind_int(s, 2, roundtable);
    sqlite3_bind_int(s, 3, only_unset);
    return store_exec_stmt(st, s);
}

bool store_put_action_type(Store *st, const char *name, const char *name_en, int ord) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_ATYPE,
        "INSERT INTO action_type(name, name_en, ord) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(name) DO UPDATE SET name_en=?2, ord=?3");
    if (!s) return false;
    store_bind_text(s, 1, name);
    store_bind_text(s, 2, name_en);
    sqlite3_bind_int(s, 3, ord);
    return store_exec_stmt(st, s);
}

bool store_put_population(Store *st, const char *code, const char *name,
                          const char *name_en, int ord) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_POP,
        "INSERT INTO population(code, name, name_en, ord) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(code) DO UPDATE SET name=?2, name_en=?3, ord=?4");
    if (!s) return false;
    store_bind_text(s, 1, code);
    store_bind_text(s, 2, name);
    store_bind_text(s, 3, name_en);
    sqlite3_bind_int(s, 4, ord);
    return store_exec_stmt(st, s);
}

bool store_put_category(Store *st, const char *name, const char *definition,
                        const char *name_en, const char *definition_en, int ord) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_CAT,
        "INSERT INTO challenge_category(name, definition, name_en, ord, definition_en)"
        " VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(name) DO UPDATE SET definition=?2, name_en=?3, ord=?4, definition_en=?5");
    if (!s) return false;
    store_bind_text(s, 1, name);
    store_bind_text(s, 2, definition);
    store_bind_text(s, 3, name_en);
    sqlite3_bind_int(s, 4, ord);
    store_bind_text(s, 5, definition_en);
    return store_exec_stmt(st, s);
}

bool store_put_institution(Store *st, const char *acronym, const char *name,
                           const char *type, const char *state_code) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_INST,
        "INSERT INTO institution(acronym, name, type, state) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(acronym) DO UPDATE SET name=?2, type=?3, state=?4");
    if (!s) return false;
    store_bind_text(s, 1, acronym);
    store_bind_text(s, 2, name);
    store_bind_text(s, 3, type);
    store_bind_text(s, 4, state_code && *state_code ? state_code : NULL);
    return store_exec_stmt(st, s);
}

bool store_set_institution_parent(Store *st, const char *acronym, const char *parent) {
    sqlite3_stmt *s = store_stmt(st, Q_SET_PARENT,
        "UPDATE institution SET parent_id = (SELECT id FROM institution WHERE acronym=?2) "
        "WHERE acronym=?1");
    if (!s) return false;
    store_bind_text(s, 1, acronym);
    store_bind_text(s, 2, parent);
    return store_exec_stmt(st, s);
}

bool store_clear_aliases(Store *st) {
    return store_exec_stmt(st, store_stmt(st, Q_CLEAR_ALIASES, "DELETE FROM alias"));
}

bool store_put_alias(Store *st, const char *kind, int64_t id, const char *alias) {
    sqlite3_stmt *s = store_stmt(st, Q_PUT_ALIAS,
        "INSERT OR REPLACE INTO alias(kind, ref, alias) VALUES (?1, ?2, ?3)");
    if (!s) return false;
    store_bind_text(s, 1, kind);
    sqlite3_bind_int64(s, 2, id);
    store_bind_text(s, 3, alias);
    return store_exec_stmt(st, s);
}

static int64_t id_by_text(Store *st, int slot, const char *sql, const char *key) {
    sqlite3_stmt *s = store_stmt(st, slot, sql);
    if (!s) return 0;
    store_bind_text(s, 1, key);
    int64_t id = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return id;
}

int64_t store_institution_id(Store *st, const char *acronym) {
    return id_by_text(st, Q_INST_ID, "SELECT id FROM institution WHERE acronym=?1", acronym);
}

int64_t store_state_id(Store *st, const char *code) {
    return id_by_text(st, Q_STATE_ID, "SELECT id FROM state WHERE code=?1", code);
}

int64_t store_population_id(Store *st, const char *code) {
    return id_by_text(st, Q_POP_ID, "SELECT id FROM population WHERE code=?1", code);
}

int64_t store_category_id(Store *st, const char *name) {
    return id_by_text(st, Q_CAT_ID, "SELECT id FROM challenge_category WHERE name=?1", name);
}

bool store_principles_missing(Store *st) {
    sqlite3_stmt *s = store_stmt(st, Q_PRINCIPLES_MISSING,
        "SELECT (SELECT count(*) FROM principle) < 10 OR EXISTS (SELECT 1 FROM objective WHERE roundtable IS NULL)");
    if (!s) return false;
    bool missing = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    return missing;
}

/* One-off queries (listings) are prepared, run and finalized here. */
bool store_each_row(Store *st, const char *sql, const char *bind1,
                     bool (*row)(void *, sqlite3_stmt *), void *ctx) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_report(st, "prepare");
        return false;
    }
    if (bind1) store_bind_text(s, 1, bind1);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (!row(ctx, s)) break;
    bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    if (!ok) store_report(st, "query");
    sqlite3_finalize(s);
    return ok;
}

typedef struct {
    CatalogNameFn fn;
    void *ctx;
} NamesCtx;

static bool names_row(void *p, sqlite3_stmt *s) {
    NamesCtx *c = p;
    const char *name = (const char *)sqlite3_column_text(s, 1);
    if (name) c->fn(c->ctx, sqlite3_column_int64(s, 0), name, sqlite3_column_int(s, 2));
    return true;
}

bool store_catalog_names(Store *st, CatalogKind kind, CatalogNameFn fn, void *ctx) {
    static const char *const sql[] = {
        [CAT_INSTITUTION] =
            "SELECT id, name, 1 FROM institution UNION ALL "
            "SELECT id, acronym, 0 FROM institution UNION ALL "
            "SELECT ref, alias, 0 FROM alias WHERE kind='institution'",
        [CAT_ACTION_TYPE] =
            "SELECT id, name, 1 FROM action_type UNION ALL "
            "SELECT id, name_en, 0 FROM action_type UNION ALL "
            "SELECT ref, alias, 0 FROM alias WHERE kind='action_type'",
        [CAT_POPULATION] =
            "SELECT id, name, 1 FROM population UNION ALL "
            "SELECT id, code, 0 FROM population UNION ALL "
            "SELECT ref, alias, 0 FROM alias WHERE kind='population'",
        [CAT_CATEGORY] =
            "SELECT id, name, 1 FROM challenge_category UNION ALL "
            "SELECT id, name_en, 0 FROM challenge_category UNION ALL "
            "SELECT ref, alias, 0 FROM alias WHERE kind='challenge_category'",
        [CAT_STATE] =
            "SELECT id, name, 1 FROM state UNION ALL "
            "SELECT id, abbrev, 0 FROM state UNION ALL "
            "SELECT ref, alias, 0 FROM alias WHERE kind='state'",
        [CAT_PRINCIPLE] =
            "SELECT n, name_es, 1 FROM principle UNION ALL "
            "SELECT n, name_en, 0 FROM principle UNION ALL "
            "SELECT ref, alias, 0 FROM alias WHERE kind='principle'",
    };
    NamesCtx c = {fn, ctx};
    return store_each_row(st, sql[kind], NULL, names_row, &c);
}

typedef struct {
    CatalogRowFn fn;
    void *ctx;
} RowsCtx;

static bool rows_row(void *p, sqlite3_stmt *s) {
    RowsCtx *c = p;
    int n = sqlite3_column_count(s);
    const char *cells[16] = {0};
    for (int i = 0; i < n && i < 15; i++) {
        const char *v = (const char *)sqlite3_column_text(s, i);
        cells[i] = v ? v : "";
    }
    c->fn(c->ctx, n < 15 ? n : 15, cells);
    return true;
}

/* The catalogs `pmm catalog NAME` can list, with their columns. One order
 * (issue 12, verification round, fault 9): a catalog of names is listed
 * by its first column in Spanish collation (COLLATE es, text_collate_es),
 * as institutions are within their type; a numbered one by its number
 * (objectives, principles, states' INEGI codes); reporter types, action
 * types and populations keep the catalog's order, which is theirs to have
 * (the Informe's order of types; an action type's id in the API is its
 * place; «No aplica / otros» closes the populations). */
static const struct {
    const char *name;
    const char *sql;
} listings[] = {
    {"objectives", "SELECT n, title_es, title_en, coalesce(short_es, ''), coalesce(short_en, ''), coalesce(roundtable, '') FROM objective ORDER BY n"},
    {"principles", "SELECT n, name_es, name_en, description_es, description_en FROM principle ORDER BY n"},
    {"reporter-types", "SELECT code, name_es, name_en FROM reporter_type ORDER BY ord"},
    {"states", "SELECT code, name, abbrev FROM state ORDER BY code"},
    {"institutions",
     "SELECT i.acronym, i.name, i.type, COALESCE(i.state,''), COALESCE(p.acronym,'') "
     "FROM institution i LEFT JOIN institution p ON p.id = i.parent_id "
     "JOIN reporter_type r ON r.code = i.type ORDER BY r.ord, i.acronym COLLATE es"},
    {"action-types", "SELECT name, name_en FROM action_type ORDER BY ord"},
    {"populations", "SELECT code, name, name_en FROM population ORDER BY ord"},
    {"challenge-categories", "SELECT name, definition, name_en FROM challenge_category ORDER BY name COLLATE es"},
};

bool store_catalog_rows(Store *st, const char *catalog, CatalogRowFn fn, void *ctx) {
    for (size_t i = 0; i < sizeof listings / sizeof *listings; i++) {
        if (strcmp(listings[i].name, catalog) == 0) {
            RowsCtx c = {fn, ctx};
            return store_each_row(st, listings[i].sql, NULL, rows_row, &c);
        }
    }
    return false;
}

/* The institutions of `pmm catalog institutions` as edition EDITION_ID has
 * them (issue 16, verification round 3, fault 1: a revision's workbook
 * listed today's acronyms on its «Catálogos» sheet and its own on
 * «Acciones»). A published revision: the institutions it kept
 * (snapshot_institution), with the acronym, name, type and unit it kept;
 * a live edition: the catalog's. Columns: acronym, name, type, unit. */
bool store_institutions_of(Store *st, int64_t edition_id, CatalogRowFn fn, void *ctx) {
#define ED "CAST(?1 AS INTEGER)"
    static const char sql[] =
        "SELECT " INST_ACRONYM ", " INST_NAME ", " INST_TYPE ", coalesce(" INST_STATE ", '')"
        " FROM institution i" INST_AS_OF(ED) " JOIN " TYPES_AS_OF(ED) " r ON r.code = " INST_TYPE
        " WHERE si.edition_id IS NOT NULL"
        "    OR NOT EXISTS (SELECT 1 FROM edition e WHERE e.id = " ED " AND e.snapshot_of IS NOT NULL)"
        " ORDER BY r.ord, " INST_ACRONYM " COLLATE es";
#undef ED
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)edition_id);
    RowsCtx c = {fn, ctx};
    return store_each_row(st, sql, id, rows_row, &c);
}

/* The subnational units as edition EDITION_ID has them (UNITS_AS_OF: a
 * published revision its own; 0 or a live edition: the catalog's), by
 * code. Columns: code, name. */
bool store_units_of(Store *st, int64_t edition_id, CatalogRowFn fn, void *ctx) {
    static const char sql[] = "SELECT s.code, s.name FROM " UNITS_AS_OF("CAST(?1 AS INTEGER)") " s ORDER BY s.code";
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)edition_id);
    RowsCtx c = {fn, ctx};
    return store_each_row(st, sql, id, rows_row, &c);
}
