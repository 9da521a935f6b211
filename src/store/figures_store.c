/* The aggregate queries behind every figure of a report. Each is one
 * GROUP BY over the edition's actions; see core/figures.h for the rules. */
#include <stdio.h>
#include <string.h>
#include "store/store_internal.h"

typedef struct {
    Figures *f;
} Ctx;

static const char *col(sqlite3_stmt *s, int i) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    return v ? v : "";
}

static void set_label(FigLabel *l, sqlite3_stmt *s) {
    snprintf(l->code, sizeof l->code, "%s", col(s, 0));
    snprintf(l->name_es, sizeof l->name_es, "%s", col(s, 1));
    snprintf(l->name_en, sizeof l->name_en, "%s", col(s, 2));
}

static bool type_label(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    if (f->ntypes < FIG_MAX_TYPES) set_label(&f->types[f->ntypes++], s);
    return true;
}

static bool pop_label(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    if (f->npops < FIG_MAX_POPS) set_label(&f->pops[f->npops++], s);
    return true;
}

static bool cat_label(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    if (f->ncats < FIG_MAX_CATS) set_label(&f->cats[f->ncats++], s);
    return true;
}

/* Runs SQL with ?1 = edition id and ?2 = status filter (NULL = all). */
static bool query(Store *st, const Figures *f, int64_t edition_id, const char *sql,
                  bool (*row)(void *, sqlite3_stmt *), Ctx *ctx) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_report(st, "figures");
        return false;
    }
    sqlite3_bind_int64(s, 1, edition_id);
    if (!f->all_statuses) sqlite3_bind_text(s, 2, "validada", -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(ctx, s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) store_report(st, "figures");
    return rc == SQLITE_DONE;
}

#define SCOPE " a.edition_id = ?1 AND (?2 IS NULL OR a.status = ?2) "

static bool by_type_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int t = fig_label_index(f->types, f->ntypes, col(s, 0));
    if (t < 0) return true;
    f->by_type[t] = sqlite3_column_int64(s, 1);
    f->inst_by_type[t] = sqlite3_column_int64(s, 2);
    f->actions += f->by_type[t];
    f->institutions += f->inst_by_type[t];
    return true;
}

static bool states_row(void *p, sqlite3_stmt *s) {
    ((Ctx *)p)->f->states = sqlite3_column_int64(s, 0);
    return true;
}

static bool by_obj_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int o = sqlite3_column_int(s, 0);
    int t = fig_label_index(f->types, f->ntypes, col(s, 1));
    if (o < 1 || o > FIG_NOBJ || t < 0) return true;
    long n = sqlite3_column_int64(s, 2);
    f->by_obj_type[o][t] = n;
    f->by_obj[o] += n;
    f->objective_links += n;
    return true;
}

static bool pop_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int i = fig_label_index(f->pops, f->npops, col(s, 0));
    if (i >= 0) f->by_pop[i] += sqlite3_column_int64(s, 1);
    return true;
}

static bool flags_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    for (int i = 0; i < 3; i++) {
        f->gender[i] = sqlite3_column_int64(s, i);
        f->disability[i] = sqlite3_column_int64(s, 3 + i);
    }
    f->beneficiaries = sqlite3_column_int64(s, 6);
    f->with_beneficiaries = sqlite3_column_int64(s, 7);
    return true;
}

static bool challenge_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int t = fig_label_index(f->types, f->ntypes, col(s, 1));
    long n = sqlite3_column_int64(s, 2);
    f->challenges += n;
    if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
        f->unclassified += n;
        if (t >= 0) f->unclassified_by_type[t] += n;
        return true;
    }
    int c = fig_label_index(f->cats, f->ncats, col(s, 0));
    if (c < 0) return true;
    f->by_cat[c] += n;
    if (t >= 0) f->by_cat_type[c][t] += n;
    return true;
}

bool store_figures(Store *st, const Edition *e, bool all_statuses, Figures *f) {
    memset(f, 0, sizeof *f);
    snprintf(f->edition, sizeof f->edition, "%s", e->name);
    snprintf(f->period_start, sizeof f->period_start, "%s", e->period_start);
    snprintf(f->period_end, sizeof f->period_end, "%s", e->period_end);
    snprintf(f->state, sizeof f->state, "%s", e->state);
    f->all_statuses = all_statuses;
    Ctx c = {f};
    bool ok =
        store_each_row(st, "SELECT code, name_es, name_en FROM reporter_type ORDER BY ord",
                       NULL, type_label, &c) &&
        store_each_row(st, "SELECT code, name, name_en FROM population ORDER BY ord",
                       NULL, pop_label, &c) &&
        store_each_row(st, "SELECT name, name, name_en FROM challenge_category ORDER BY ord",
                       NULL, cat_label, &c) &&
        query(st, f, e->id,
              "SELECT i.type, count(*), count(DISTINCT a.institution_id)"
              " FROM action a JOIN institution i ON i.id = a.institution_id"
              " WHERE" SCOPE "GROUP BY i.type", by_type_row, &c) &&
        query(st, f, e->id,
              "SELECT count(DISTINCT i.state)"
              " FROM action a JOIN institution i ON i.id = a.institution_id"
              " WHERE" SCOPE "AND i.type = 'EF' AND i.state IS NOT NULL", states_row, &c) &&
        query(st, f, e->id,
              "SELECT ao.objective, i.type, count(*)"
              " FROM action a JOIN action_objective ao ON ao.action_id = a.id"
              " JOIN institution i ON i.id = a.institution_id"
              " WHERE" SCOPE "GROUP BY ao.objective, i.type", by_obj_row, &c) &&
        query(st, f, e->id,
              "SELECT p.code, count(*)"
              " FROM action a JOIN action_population ap ON ap.action_id = a.id"
              " JOIN population p ON p.id = ap.population_id"
              " WHERE" SCOPE "GROUP BY p.code"
              " UNION ALL "
              "SELECT 'no_aplica', count(*) FROM action a"
              " WHERE" SCOPE "AND NOT EXISTS"
              " (SELECT 1 FROM action_population ap WHERE ap.action_id = a.id)", pop_row, &c) &&
        query(st, f, e->id,
              "SELECT coalesce(sum(gender_focus = 1), 0), coalesce(sum(gender_focus = 0), 0),"
              "       coalesce(sum(gender_focus IS NULL), 0),"
              "       coalesce(sum(disability = 1), 0), coalesce(sum(disability = 0), 0),"
              "       coalesce(sum(disability IS NULL), 0),"
              "       coalesce(sum(beneficiaries), 0), count(beneficiaries)"
              " FROM action a WHERE" SCOPE, flags_row, &c) &&
        query(st, f, e->id,
              "SELECT cc.name, i.type, count(*)"
              " FROM action a JOIN challenge ch ON ch.action_id = a.id"
              " JOIN institution i ON i.id = a.institution_id"
              " LEFT JOIN challenge_category cc ON cc.id = ch.category_id"
              " WHERE" SCOPE "GROUP BY cc.name, i.type", challenge_row, &c);
    return ok;
}
