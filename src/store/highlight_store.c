/* Candidates for the programs named under each objective: see highlight_store.h. */
#include <stdio.h>
#include <string.h>
#include "store/highlight_store.h"
#include "store/store_internal.h"
#include "store/web_store.h"

typedef struct {
    Highlights *out;
    Arena *a;
    int cap;
} Ctx;

static bool row(Ctx *c, sqlite3_stmt *s) {
    if (c->out->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 64;
        Highlight *grown = arena_alloc(c->a, sizeof *grown * (size_t)cap);
        if (c->out->n) memcpy(grown, c->out->items, sizeof *grown * (size_t)c->out->n);
        c->out->items = grown;
        c->cap = cap;
    }
    Highlight *h = &c->out->items[c->out->n++];
    h->objective = sqlite3_column_int(s, 0);
    h->folio = store_col_dup(c->a, s, 1);
    h->name = store_col_dup(c->a, s, 2);
    h->acronym = store_col_dup(c->a, s, 3);
    h->results = store_col_dup(c->a, s, 4);
    h->description = store_col_dup(c->a, s, 5);
    h->beneficiaries = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 6);
    h->featured = sqlite3_column_int(s, 7) != 0;
    h->good_practice = sqlite3_column_int(s, 8) != 0;     /* issue 13 (F13) */
    return true;
}

bool store_highlights(Store *st, const Edition *e, bool all, Arena *a, Highlights *out) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "report",
        "SELECT ao.objective, a.folio, a.name, " INST_ACRONYM ", a.results, a.description, a.beneficiaries,"
        "       a.featured, EXISTS (SELECT 1 FROM good_practice g WHERE g.action_id = a.id) AS gp"
        " FROM action a JOIN action_objective ao ON ao.action_id = a.id AND ao.principal = 1"
        " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")   /* a revision's names */
        " WHERE a.edition_id = ?1 AND (?2 IS NULL OR a.status = ?2)"
        "   AND (a.featured = 1 OR gp OR trim(a.results) <> '' OR trim(a.description) <> '')"
        " ORDER BY ao.objective, gp DESC, a.featured DESC, trim(a.results) = '',"
        "          coalesce(a.beneficiaries, -1) DESC, a.folio");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, e->id);
    if (!all) sqlite3_bind_text(s, 2, "validada", -1, SQLITE_STATIC);
    Ctx c = {out, a, 0};
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(&c, s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) store_report(st, "report");
    return rc == SQLITE_DONE;
}

static bool featured_row(void *p, sqlite3_stmt *s) {
    int *v = p;
    v[0] = 1;
    v[1] = sqlite3_column_int(s, 0);
    return false;
}

bool store_action_featured(Store *st, int64_t action_id, bool *on) {
    int v[2] = {0, 0};     /* found, featured */
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)action_id);
    bool ok = store_each_row(st, "SELECT featured FROM action WHERE id = ?1", id, featured_row, v);
    *on = v[1] != 0;
    return ok && v[0];
}

FeatureResult store_action_set_featured(Store *st, int64_t action_id, int64_t user_id, bool on,
                                        const char **why) {
    *why = NULL;
    if (!store_begin(st)) return FEATURE_FAIL;
    sqlite3_stmt *s = store_prepare(st, "action", "SELECT edition_id, featured FROM action WHERE id = ?1");
    if (!s) {
        store_rollback(st);
        return FEATURE_FAIL;
    }
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    int64_t edition_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    int before = rc == SQLITE_ROW ? sqlite3_column_int(s, 1) : 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW) {
        store_rollback(st);
        return rc == SQLITE_DONE ? FEATURE_GONE : FEATURE_FAIL;
    }
    if (!store_edition_accepts_changes(st, edition_id, why)) {
        store_rollback(st);
        return FEATURE_FROZEN;
    }
    s = store_prepare(st, "action", "UPDATE action SET featured = ?2 WHERE id = ?1");
    bool ok = s != NULL;
    if (ok) {
        sqlite3_bind_int64(s, 1, action_id);
        sqlite3_bind_int(s, 2, on ? 1 : 0);
        ok = store_run_once(s);
    }
    ok = ok && store_audit_add(st, user_id, action_id, on ? "destacar" : "quitar_destacada",
                               before ? "destacada=1" : "destacada=0", on ? "destacada=1" : "destacada=0") &&
         store_commit(st);
    if (!ok) store_rollback(st);
    return ok ? FEATURE_OK : FEATURE_FAIL;
}
