/* Editing the catalogs (the administrator's pages under /admin/catalogos).
 * These run rarely and by one person, so statements are prepared per call;
 * table and column names come only from the constant tables below. */
#include <stdio.h>
#include <string.h>
#include "store/catalog_edit_store.h"
#include "store/store_internal.h"

static const char *const alias_kind[CE__COUNT] = {
    [CE_INSTITUTION] = "institution", [CE_POPULATION] = "population", [CE_STATE] = "state",
    [CE_PRINCIPLE] = "principle",
};

const char *store_catedit_alias_kind(CatEditKind kind) { return alias_kind[kind]; }

/* Each listing: id, the editable columns (CatRecord.v), aliases, then the
 * uses: actions, challenges, accounts, children, revisions. References are
 * counted with one grouped scan per table rather than a subquery per entry.
 * Actions and challenges are those of the editions (LIVE_N): a published
 * revision's copies are not counted again (issue 16, hostile fault 13);
 * the revisions that use an entry are counted apart (REVISIONS). E is the
 * edition of the row counted. */
#define LIVE_N "count(CASE WHEN e.snapshot_of IS NULL THEN 1 END)"
#define REVISIONS "count(DISTINCT CASE WHEN e.snapshot_of IS NOT NULL THEN e.id END)"
/* The uses of an entry through a table T of rows keyed by action_id: K its column of the entry. */
#define BY_ACTION(k, t) \
    "(SELECT t." k " k, " LIVE_N " n, " REVISIONS " r FROM " t " t" \
    " JOIN action x ON x.id = t.action_id JOIN edition e ON e.id = x.edition_id GROUP BY 1)"
/* The uses of a reporter type or unit through the institutions classified
 * by it: K the institution's column; live actions by the catalog, revisions
 * by the classification they keep (snapshot_institution). */
#define BY_INSTITUTION(k)                                                                      \
    " LEFT JOIN (SELECT i." k " k, count(DISTINCT i.id) i, count(e.id) a FROM institution i"   \
    "            LEFT JOIN action x ON x.institution_id = i.id"                                \
    "            LEFT JOIN edition e ON e.id = x.edition_id AND e.snapshot_of IS NULL"          \
    "            GROUP BY 1) u ON u.k = c.code"                                                \
    " LEFT JOIN (SELECT " k " k, count(DISTINCT edition_id) r FROM snapshot_institution GROUP BY 1) v"  \
    "   ON v.k = c.code"
static const struct {
    int nfields;
    const char *sql;
} listing[CE__COUNT] = {
    [CE_INSTITUTION] = {5,
        "SELECT i.id, i.acronym, i.name, i.type, coalesce(i.state, ''), coalesce(i.parent_id, ''),"
        " (SELECT group_concat(alias, '; ') FROM alias WHERE kind = 'institution' AND ref = i.id),"
        " coalesce(a.n, 0), 0, coalesce(u.n, 0), coalesce(c.n, 0), coalesce(a.r, 0)"
        " FROM institution i"
        " LEFT JOIN (SELECT x.institution_id k, " LIVE_N " n, " REVISIONS " r FROM action x"
        "            JOIN edition e ON e.id = x.edition_id GROUP BY 1) a ON a.k = i.id"
        " LEFT JOIN (SELECT institution_id k, count(*) n FROM account GROUP BY 1) u ON u.k = i.id"
        " LEFT JOIN (SELECT parent_id k, count(*) n FROM institution GROUP BY 1) c ON c.k = i.id"
        " ORDER BY i.acronym COLLATE es"},
    [CE_CATEGORY] = {4,
        "SELECT g.id, g.name, g.name_en, g.definition, g.definition_en, NULL,"
        " coalesce(c.a, 0), coalesce(c.n, 0), 0, 0, coalesce(c.r, 0)"
        " FROM challenge_category g"
        " LEFT JOIN (SELECT t.category_id k, " LIVE_N " n,"
        "            count(DISTINCT CASE WHEN e.snapshot_of IS NULL THEN t.action_id END) a, " REVISIONS " r"
        "            FROM challenge t JOIN action x ON x.id = t.action_id JOIN edition e ON e.id = x.edition_id"
        "            GROUP BY 1) c ON c.k = g.id"
        " ORDER BY g.ord, g.id"},
    [CE_ACTION_TYPE] = {2,
        "SELECT t.id, t.name, t.name_en, NULL, coalesce(u.n, 0), 0, 0, 0, coalesce(u.r, 0)"
        " FROM action_type t"
        " LEFT JOIN " BY_ACTION("action_type_id", "action_action_type") " u ON u.k = t.id"
        " ORDER BY t.ord, t.id"},
    [CE_POPULATION] = {3,
        "SELECT p.id, p.code, p.name, p.name_en,"
        " (SELECT group_concat(alias, '; ') FROM alias WHERE kind = 'population' AND ref = p.id),"
        " coalesce(u.n, 0), 0, 0, 0, coalesce(u.r, 0)"
        " FROM population p"
        " LEFT JOIN " BY_ACTION("population_id", "action_population") " u ON u.k = p.id"
        " ORDER BY p.ord, p.id"},
    [CE_OBJECTIVE] = {4,
        "SELECT o.n, o.title_es, o.title_en, coalesce(o.short_es, ''), coalesce(o.short_en, ''),"
        " NULL, coalesce(u.n, 0), 0, 0, 0, coalesce(u.r, 0)"
        " FROM objective o"
        " LEFT JOIN " BY_ACTION("objective", "action_objective") " u ON u.k = o.n"
        " ORDER BY o.n"},
    [CE_REPORTER_TYPE] = {12,
        /* issue 16: a type or unit a published revision classifies an
         * institution by is in use too (snapshot_institution, counted as
         * revisions): removed, its actions would drop out of that
         * revision's figures */
        "SELECT c.id, c.code, c.name_es, c.name_en, c.gender, c.number, CAST(c.subnational AS TEXT),"
        " c.body_es, c.bodies_es, c.body_en, c.bodies_en, CAST(c.society AS TEXT), CAST(c.proper AS TEXT),"
        " NULL, coalesce(u.a, 0), 0, 0, coalesce(u.i, 0), coalesce(v.r, 0)"
        " FROM reporter_type c" BY_INSTITUTION("type")
        " ORDER BY c.ord, c.id"},
    [CE_STATE] = {4,
        "SELECT c.id, c.code, c.name, c.abbrev, c.name_en,"
        " (SELECT group_concat(alias, '; ') FROM alias WHERE kind = 'state' AND ref = c.id),"
        " coalesce(u.a, 0), 0, 0, coalesce(u.i, 0), coalesce(v.r, 0)"
        " FROM state c" BY_INSTITUTION("state")
        " ORDER BY c.code"},
    [CE_PRINCIPLE] = {4,            /* issue 13: the ten are fixed, their texts are edited */
        "SELECT p.n, p.name_es, p.name_en, p.description_es, p.description_en,"
        " (SELECT group_concat(alias, '; ') FROM alias WHERE kind = 'principle' AND ref = p.n),"
        " coalesce(u.n, 0), 0, 0, 0, coalesce(u.r, 0)"
        " FROM principle p"
        " LEFT JOIN " BY_ACTION("principle", "action_principle") " u ON u.k = p.n"
        " ORDER BY p.n"},
};

bool store_catedit_list(Store *st, CatEditKind kind, Arena *a, CatRecord **out, int *n) {
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "catálogos", listing[kind].sql);
    if (!s) return false;
    int nf = listing[kind].nfields, cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            CatRecord *v = arena_alloc(a, sizeof *v * (size_t)cap);
            if (*n) memcpy(v, *out, sizeof *v * (size_t)*n);
            *out = v;
        }
        CatRecord *e = &(*out)[(*n)++];
        e->id = sqlite3_column_int64(s, 0);
        for (int i = 0; i < nf; i++) e->v[i] = store_col_dup(a, s, 1 + i);
        e->aliases = store_col_dup(a, s, 1 + nf);
        e->actions = (long)sqlite3_column_int64(s, 2 + nf);
        e->challenges = (long)sqlite3_column_int64(s, 3 + nf);
        e->accounts = (long)sqlite3_column_int64(s, 4 + nf);
        e->children = (long)sqlite3_column_int64(s, 5 + nf);
        e->revisions = (long)sqlite3_column_int64(s, 6 + nf);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* The next position in a catalog ordered by `ord`. */
static const char *const next_ord[CE__COUNT] = {
    [CE_CATEGORY] = "SELECT coalesce(max(ord), 0) + 1 FROM challenge_category",
    [CE_ACTION_TYPE] = "SELECT coalesce(max(ord), 0) + 1 FROM action_type",
    [CE_POPULATION] = "SELECT coalesce(max(ord), 0) + 1 FROM population",
    [CE_REPORTER_TYPE] = "SELECT coalesce(max(ord), 0) + 1 FROM reporter_type",
};

/* Writes: ?1..?12 are the fields, :id the id (updates) or the order (inserts). */
static const char *const insert_sql[CE__COUNT] = {
    [CE_INSTITUTION] = ("INSERT INTO institution(acronym, name, type, state, parent_id)"
                        " VALUES (?1, ?2, ?3, nullif(?4, ''), nullif(?5, ''))"),
    [CE_CATEGORY] = ("INSERT INTO challenge_category(name, name_en, definition, definition_en, ord)"
                     " VALUES (?1, ?2, ?3, nullif(?4, ''), :id)"),
    [CE_ACTION_TYPE] = "INSERT INTO action_type(name, name_en, ord) VALUES (?1, ?2, :id)",
    [CE_POPULATION] = "INSERT INTO population(code, name, name_en, ord) VALUES (?1, ?2, ?3, :id)",
    /* issue 16: a country adds its units and reporter types on the platform */
    [CE_REPORTER_TYPE] = ("INSERT INTO reporter_type(code, name_es, name_en, gender, number, subnational,"
                          " body_es, bodies_es, body_en, bodies_en, society, proper, ord)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, coalesce(nullif(?11, ''), 0),"
                          " coalesce(nullif(?12, ''), 0), :id)"),
    [CE_STATE] = "INSERT INTO state(code, name, abbrev, name_en) VALUES (?1, ?2, ?3, ?4)",
};

/* Codes that other tables and published files use (reporter type, state,
 * population code, objective number) are never changed by an update. */
static const char *const update_sql[CE__COUNT] = {
    [CE_INSTITUTION] = ("UPDATE institution SET acronym = ?1, name = ?2, type = ?3, state = nullif(?4, ''),"
                        " parent_id = nullif(?5, '') WHERE id = :id"),
    [CE_CATEGORY] = ("UPDATE challenge_category SET name = ?1, name_en = ?2, definition = ?3,"
                     " definition_en = nullif(?4, '') WHERE id = :id"),
    [CE_ACTION_TYPE] = "UPDATE action_type SET name = ?1, name_en = ?2 WHERE id = :id",
    [CE_POPULATION] = "UPDATE population SET name = ?2, name_en = ?3 WHERE id = :id",
    [CE_OBJECTIVE] = ("UPDATE objective SET title_es = ?1, title_en = ?2, short_es = nullif(?3, ''),"
                      " short_en = nullif(?4, '') WHERE n = :id"),
    [CE_REPORTER_TYPE] = ("UPDATE reporter_type SET name_es = ?2, name_en = ?3, gender = ?4, number = ?5,"
                          " subnational = ?6, body_es = ?7, bodies_es = ?8, body_en = ?9, bodies_en = ?10,"
                          " society = coalesce(nullif(?11, ''), 0), proper = coalesce(nullif(?12, ''), 0)"
                          " WHERE id = :id"),
    [CE_STATE] = "UPDATE state SET name = ?2, abbrev = ?3, name_en = ?4 WHERE id = :id",
    [CE_PRINCIPLE] = "UPDATE principle SET name_es = ?1, name_en = ?2, description_es = ?3, description_en = ?4"
                     " WHERE n = :id",
};

static const char *const delete_sql[CE__COUNT] = {
    [CE_INSTITUTION] = "DELETE FROM institution WHERE id = ?1",
    [CE_CATEGORY] = "DELETE FROM challenge_category WHERE id = ?1",
    [CE_ACTION_TYPE] = "DELETE FROM action_type WHERE id = ?1",
    [CE_POPULATION] = "DELETE FROM population WHERE id = ?1",
    [CE_REPORTER_TYPE] = "DELETE FROM reporter_type WHERE id = ?1",
    [CE_STATE] = "DELETE FROM state WHERE id = ?1",
};

static bool replace_aliases(Store *st, const char *kind, int64_t id, const char *const *aliases, int n) {
    sqlite3_stmt *s = store_prepare(st, "catálogos", "DELETE FROM alias WHERE kind = ?1 AND ref = ?2");
    if (!s) return false;
    store_bind_text(s, 1, kind);
    sqlite3_bind_int64(s, 2, id);
    if (!store_run_once(s)) return false;
    for (int i = 0; i < n; i++) {
        s = store_prepare(st, "catálogos", "INSERT INTO alias(kind, alias, ref) VALUES (?1, ?2, ?3)");
        if (!s) return false;
        store_bind_text(s, 1, kind);
        store_bind_text(s, 2, aliases[i]);
        sqlite3_bind_int64(s, 3, id);
        if (!store_run_once(s)) return false;
    }
    return true;
}

bool store_catedit_save(Store *st, CatEditKind kind, CatRecord *rec, const char *const *aliases,
                        int naliases) {
    bool insert = rec->id == 0;
    const char *sql = insert ? insert_sql[kind] : update_sql[kind];
    if (!sql) return false;
    int64_t ord = 0;
    if (insert && next_ord[kind]) {
        sqlite3_stmt *o = store_prepare(st, "catálogos", next_ord[kind]);
        if (!o) return false;
        if (sqlite3_step(o) == SQLITE_ROW) ord = sqlite3_column_int64(o, 0);
        sqlite3_finalize(o);
    }
    sqlite3_stmt *s = store_prepare(st, "catálogos", sql);
    if (!s) return false;
    for (int i = 0; i < CE_MAX_FIELDS; i++) {
        char name[8];
        snprintf(name, sizeof name, "?%d", 1 + i);
        if (sqlite3_bind_parameter_index(s, name)) store_bind_text(s, 1 + i, rec->v[i] ? rec->v[i] : "");
    }
    int at = sqlite3_bind_parameter_index(s, ":id");
    if (at) sqlite3_bind_int64(s, at, insert ? ord : rec->id);
    if (!store_run_once(s)) return false;
    if (insert) rec->id = sqlite3_last_insert_rowid(st->db);
    if (kind == CE_INSTITUTION && !insert) {
        /* The search index holds the institution's acronym and name. */
        s = store_prepare(st, "catálogos", "INSERT OR IGNORE INTO action_fts_dirty(id) SELECT id FROM action WHERE institution_id = ?1");
        if (!s) return false;
        sqlite3_bind_int64(s, 1, rec->id);
        if (!store_run_once(s)) return false;
    }
    if (aliases && alias_kind[kind] && !replace_aliases(st, alias_kind[kind], rec->id, aliases, naliases))
        return false;
    return true;
}

bool store_catedit_delete(Store *st, CatEditKind kind, int64_t id) {
    if (!delete_sql[kind]) return false;
    if (alias_kind[kind] && !replace_aliases(st, alias_kind[kind], id, NULL, 0)) return false;
    sqlite3_stmt *s = store_prepare(st, "catálogos", delete_sql[kind]);
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    if (!store_run_once(s)) return false;
    return sqlite3_changes(st->db) == 1;
}

bool store_catedit_audit(Store *st, int limit, AuditFn fn, void *ctx) {
    /* Catalog changes are the audit rows that belong to no action and whose
     * description starts with the word the pages give them. */
    sqlite3_stmt *s = store_prepare(st, "catálogos", "SELECT l.at, coalesce(u.username, ''), l.what, coalesce(l.before, ''),"
                               " coalesce(l.after, '') FROM audit_log l"
                               " LEFT JOIN account u ON u.id = l.user_id"
                               " WHERE l.action_id IS NULL AND l.what LIKE 'catálogo %'"
                               " ORDER BY l.id DESC LIMIT ?1");
    if (!s) return false;
    sqlite3_bind_int(s, 1, limit);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        AuditEntry e = {store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
                        store_col_text(s, 3), store_col_text(s, 4)};
        fn(ctx, &e);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

bool store_catalog_version(Store *st, int64_t *version) {
    sqlite3_stmt *s = store_prepare(st, "catálogos", "SELECT v FROM catalog_version WHERE id = 1");
    if (!s) return false;
    bool ok = sqlite3_step(s) == SQLITE_ROW;
    if (ok) *version = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return ok;
}

bool store_catalog_snapshot(Store *st, Arena *a, CatList out[WC__COUNT], int64_t *version) {
    /* One read transaction, so that the version names what was read. */
    if (!store_run_once(store_prepare(st, "catálogos", "BEGIN"))) return false;
    bool ok = store_catalog_version(st, version);
    for (int w = 0; ok && w < WC__COUNT; w++) ok = store_web_catalog(st, (WebCatalog)w, a, &out[w]);
    store_run_once(store_prepare(st, "catálogos", "COMMIT"));
    return ok;
}
