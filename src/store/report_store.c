/* The lists behind a publication (see report_store.h). */
#include <stdlib.h>
#include <string.h>
#include "store/report_store.h"
#include "store/store_internal.h"
#include "util/arena.h"
#include "util/mem.h"
#include "util/text.h"

#define SCOPE " a.edition_id = ?1 AND (?2 IS NULL OR a.status = ?2) "

typedef struct {
    ReportData *d;
    int cap_inst, cap_oi, cap_ot;
} Ctx;

static char *col(Arena *a, sqlite3_stmt *s, int i) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    return arena_strdup(a, v ? v : "");
}

/* Runs SQL with ?1 = edition and ?2 = status filter, calling ROW per row. */
static bool scoped(Store *st, const Edition *e, bool all, const char *sql,
                   bool (*row)(void *, sqlite3_stmt *), void *ctx) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_report(st, "report");
        return false;
    }
    sqlite3_bind_int64(s, 1, e->id);
    if (!all) sqlite3_bind_text(s, 2, "validada", -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if (!row(ctx, s)) {
            rc = SQLITE_DONE;
            break;
        }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) store_report(st, "report");
    return rc == SQLITE_DONE;
}

static void *grow(void *p, int n, int *cap, size_t size) {
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : 32;
    return xrealloc(p, (size_t)*cap * size);
}

static bool title_row(void *p, sqlite3_stmt *s) {
    ReportData *d = ((Ctx *)p)->d;
    int n = sqlite3_column_int(s, 0);
    if (n >= 1 && n <= 23) {
        d->title_es[n] = col(&d->arena, s, 1);
        d->title_en[n] = col(&d->arena, s, 2);
        d->short_es[n] = col(&d->arena, s, 3);
        d->short_en[n] = col(&d->arena, s, 4);
    }
    return true;
}

static bool inst_row(void *p, sqlite3_stmt *s) {
    Ctx *c = p;
    ReportData *d = c->d;
    d->insts = grow(d->insts, d->ninst, &c->cap_inst, sizeof *d->insts);
    ReportInst *r = &d->insts[d->ninst++];
    r->id = sqlite3_column_int64(s, 0);
    r->acronym = col(&d->arena, s, 1);
    r->name = col(&d->arena, s, 2);
    r->type = col(&d->arena, s, 3);
    r->state = col(&d->arena, s, 4);
    r->state_name = col(&d->arena, s, 5);
    r->state_abbrev = col(&d->arena, s, 6);
    r->actions = sqlite3_column_int64(s, 7);
    r->state_name_en = col(&d->arena, s, 8);
    return true;
}

static bool objinst_row(void *p, sqlite3_stmt *s) {
    Ctx *c = p;
    ReportData *d = c->d;
    int64_t id = sqlite3_column_int64(s, 1);
    int k = -1;
    for (int i = 0; i < d->ninst; i++)
        if (d->insts[i].id == id) k = i;
    if (k < 0) return true;
    d->objinst = grow(d->objinst, d->nobjinst, &c->cap_oi, sizeof *d->objinst);
    ReportObjInst *r = &d->objinst[d->nobjinst++];
    r->objective = sqlite3_column_int(s, 0);
    r->inst = k;
    r->actions = sqlite3_column_int64(s, 2);
    return true;
}

static bool objtype_row(void *p, sqlite3_stmt *s) {
    Ctx *c = p;
    ReportData *d = c->d;
    d->objtype = grow(d->objtype, d->nobjtype, &c->cap_ot, sizeof *d->objtype);
    ReportObjType *r = &d->objtype[d->nobjtype++];
    r->objective = sqlite3_column_int(s, 0);
    r->name = col(&d->arena, s, 1);
    r->name_en = col(&d->arena, s, 2);
    r->type_id = sqlite3_column_int64(s, 4);
    r->actions = sqlite3_column_int64(s, 3);
    return true;
}

static bool cat_row(void *p, sqlite3_stmt *s) {
    Ctx *c = p;
    ReportData *d = c->d;
    d->cats = grow(d->cats, d->ncats, &c->cap_ot, sizeof *d->cats);
    ReportCategory *r = &d->cats[d->ncats++];
    r->name = col(&d->arena, s, 0);
    r->name_en = col(&d->arena, s, 1);
    r->definition = col(&d->arena, s, 2);
    r->definition_en = col(&d->arena, s, 3);
    return true;
}

static bool preamble_row(void *p, sqlite3_stmt *s) {
    ReportData *d = ((Ctx *)p)->d;
    /* one stored before the file's line endings were normalized (t12 #6)
     * splits into paragraphs as the file's reader leaves it */
    if (sqlite3_column_type(s, 0) != SQLITE_NULL) d->preamble = text_unix_newlines(col(&d->arena, s, 0));
    return true;
}

bool store_report_data(Store *st, const Edition *e, bool all, ReportData *d) {
    memset(d, 0, sizeof *d);
    Ctx c = {d, 0, 0, 0};
    bool ok =
        store_each_row(st, "SELECT n, title_es, title_en, short_es, short_en FROM objective", NULL, title_row, &c) &&
        scoped(st, e, all,
               /* the unit only of a body that makes it take part (INST_UNIT,
                * issue 16): Annex B and the objectives' lists of units
                * name the units the figures count; the types as the
                * edition has them (TYPES_AS_OF) */
               "SELECT i.id, " INST_ACRONYM ", " INST_NAME ", " INST_TYPE ", coalesce(" INST_UNIT("?1") ", ''),"
               "       coalesce(s.name, ''), coalesce(s.abbrev, ''), count(*), coalesce(s.name_en, '')"
               " FROM action a JOIN institution i ON i.id = a.institution_id"
               INST_AS_OF("a.edition_id")
               " JOIN " TYPES_AS_OF("?1") " rt ON rt.code = " INST_TYPE
               " LEFT JOIN " UNITS_AS_OF("?1") " s ON s.code = " INST_UNIT("?1")   /* a revision's own names */
               " WHERE" SCOPE "GROUP BY i.id ORDER BY rt.ord, s.name COLLATE es, " INST_NAME " COLLATE es",
               inst_row, &c) &&
        scoped(st, e, all,
               /* aggregate first, name after: the join with the small
                * catalog then runs once per group, not once per action */
               "SELECT x.objective, x.inst, x.n FROM"
               " (SELECT ao.objective AS objective, a.institution_id AS inst, count(*) AS n"
               "  FROM action a JOIN action_objective ao ON ao.action_id = a.id"
               "  WHERE" SCOPE "GROUP BY ao.objective, a.institution_id) x"
               " JOIN institution i ON i.id = x.inst" INST_AS_OF("?1")
               " ORDER BY x.objective, x.n DESC, " INST_NAME " COLLATE es", objinst_row, &c);
    c.cap_ot = 0;
    ok = ok &&
         scoped(st, e, all,
                "SELECT x.objective, t.name, t.name_en, x.n, t.id FROM"
                " (SELECT ao.objective AS objective, aat.action_type_id AS tid, count(*) AS n"
                "  FROM action_objective ao"
                "  JOIN action_action_type aat ON aat.action_id = ao.action_id"
                "  JOIN action a ON a.id = ao.action_id"
                "  WHERE" SCOPE "GROUP BY ao.objective, aat.action_type_id) x"
                " JOIN action_type t ON t.id = x.tid"
                " ORDER BY x.objective, x.n DESC, t.ord", objtype_row, &c);
    c.cap_ot = 0;
    ok = ok &&
         store_each_row(st, "SELECT name, name_en, definition, coalesce(definition_en, '')"
                            " FROM challenge_category ORDER BY name COLLATE es",
                        NULL, cat_row, &c) &&
         scoped(st, e, true, "SELECT preamble FROM edition a WHERE a.id = ?1 AND ?2 IS NULL",
                preamble_row, &c);
    if (!ok) report_data_free(d);
    return ok;
}

void report_data_free(ReportData *d) {
    free(d->insts);
    free(d->objinst);
    free(d->objtype);
    free(d->cats);
    arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}
