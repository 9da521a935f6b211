/* Candidates for the programs named under each objective: see highlight_store.h. */
#include <string.h>
#include "store/highlight_store.h"
#include "store/store_internal.h"

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
    return true;
}

bool store_highlights(Store *st, const Edition *e, bool all, Arena *a, Highlights *out) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "report",
        "SELECT ao.objective, a.folio, a.name, i.acronym, a.results, a.description, a.beneficiaries"
        " FROM action a JOIN action_objective ao ON ao.action_id = a.id AND ao.principal = 1"
        " JOIN institution i ON i.id = a.institution_id"
        " WHERE a.edition_id = ?1 AND (?2 IS NULL OR a.status = ?2)"
        "   AND (trim(a.results) <> '' OR trim(a.description) <> '')"
        " ORDER BY ao.objective, trim(a.results) = '', coalesce(a.beneficiaries, -1) DESC, a.folio");
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
