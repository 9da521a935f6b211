/*
 * The figures of an edition, counted from the records (see core/figures.h
 * for the rules).
 *
 * An edition may hold a million actions, and a report must come in well
 * under a second, so the counting is one pass over each table in the
 * order SQLite keeps it, never a join and a GROUP BY per figure:
 *
 *  1. the edition's actions, from the covering index action_scope (never
 *     the table, whose rows carry the long texts): each action's reporter
 *     type is noted in an array indexed by action id;
 *  2. the objective, population and challenge rows of the edition's range
 *     of action ids, each in its primary-key (or covering index) order,
 *     counted under the type its action was given in 1.
 *
 * maint_store.c keeps the same figures as plain GROUP BY queries, and
 * `pmm check` compares the two.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/demo_store.h"
#include "store/store_internal.h"
#include "util/arena.h"
#include "util/mem.h"

/* What step 1 found of an action, by id. */
enum {
    A_OUT = -1,        /* not in the edition or not of the status counted */
    A_NO_INST = -2,    /* in scope, its institution missing */
    A_NO_TYPE = -3,    /* in scope, its reporter type not among the labels */
    /* 0..FIG_MAX_TYPES-1: in scope, of that reporter type */
};

/* Actions in scope: a dense array over [lo, hi] when the ids are packed
 * (an import gives consecutive ids), else a sorted list. */
typedef struct {
    int64_t lo, hi;
    signed char *dense;        /* id - lo -> class */
    unsigned char *haspop;     /* id - lo -> names a population */
    int64_t *ids;              /* sorted, when not dense */
    signed char *cls;
    unsigned char *pop;
    size_t n, cap;
} Scope;

typedef struct {
    int64_t id;
    int type;                  /* label index, or A_NO_TYPE */
    const char *state;         /* the unit it makes take part (INST_UNIT), else NULL */
    long actions;              /* in scope */
} Inst;

/* The label index of each population or category id. */
typedef struct {
    int64_t id;
    int label;
} IdLabel;

typedef struct {
    Store *st;
    Figures *f;
    Inst *inst;                /* sorted by id */
    size_t ninst;
    Inst *last;                /* the last one found */
    IdLabel *pops, *cats;
    size_t npops, ncats;
    Arena arena;
    Scope sc;
    int64_t challenge_action;  /* the action of the last challenge counted */
    int64_t rt_action;         /* the action of the last objective row, and */
    unsigned rt_mask;          /* the roundtables its objectives reach so far */
    int64_t prin_action;       /* the action of the last principle row */
} Count;

const char *store_col_text(sqlite3_stmt *s, int i) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    return v ? v : "";
}

const char *store_col_dup(Arena *a, sqlite3_stmt *s, int i) {
    return arena_strdup(a, store_col_text(s, i));
}

sqlite3_stmt *store_prepare(Store *st, const char *context, const char *sql) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) return s;
    store_report(st, context);
    return NULL;
}

bool store_run_once(sqlite3_stmt *s) {
    if (!s) return false;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}


static void set_label(FigLabel *l, sqlite3_stmt *s) {
    snprintf(l->code, sizeof l->code, "%s", store_col_text(s, 0));
    snprintf(l->name_es, sizeof l->name_es, "%s", store_col_text(s, 1));
    snprintf(l->name_en, sizeof l->name_en, "%s", store_col_text(s, 2));
}

static bool type_label(void *p, sqlite3_stmt *s) {
    Figures *f = p;
    if (f->ntypes >= FIG_MAX_TYPES) return true;
    FigType *t = &f->type_info[f->ntypes];
    set_label(&f->types[f->ntypes++], s);
    t->gender = store_col_text(s, 3)[0];
    t->number = store_col_text(s, 4)[0];
    t->subnational = sqlite3_column_int(s, 5) != 0;
    for (int k = 0; k < 4; k++)
        snprintf(t->body[k / 2][k % 2], sizeof t->body[0][0], "%s", store_col_text(s, 6 + k));
    t->society = sqlite3_column_int(s, 10) != 0;
    t->proper = sqlite3_column_int(s, 11) != 0;
    return true;
}

static bool pop_label(void *p, sqlite3_stmt *s) {
    Figures *f = p;
    if (f->npops < FIG_MAX_POPS) set_label(&f->pops[f->npops++], s);
    return true;
}

static bool cat_label(void *p, sqlite3_stmt *s) {
    Figures *f = p;
    if (f->ncats >= FIG_MAX_CATS) return true;
    f->cat_ids[f->ncats] = sqlite3_column_int64(s, 3);
    set_label(&f->cats[f->ncats++], s);
    return true;
}


/* Steps S to the end, calling ROW for each row; finalizes it. */
static bool each(Count *c, sqlite3_stmt *s, void (*row)(Count *, sqlite3_stmt *)) {
    if (!s) return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(c, s);
    if (rc != SQLITE_DONE) store_report(c->st, "figures");
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* ---- institutions, sorted by id ---- */

static void inst_row(Count *c, sqlite3_stmt *s) {
    if (c->ninst % 64 == 0) c->inst = xrealloc(c->inst, (c->ninst + 64) * sizeof *c->inst);
    Inst *in = &c->inst[c->ninst++];
    in->id = sqlite3_column_int64(s, 0);
    in->type = fig_label_index(c->f->types, c->f->ntypes, store_col_text(s, 1));
    if (in->type < 0) in->type = A_NO_TYPE;
    in->state = sqlite3_column_type(s, 2) == SQLITE_NULL ? NULL
              : arena_strdup(&c->arena, store_col_text(s, 2));
    in->actions = 0;
}

static Inst *inst_find(Count *c, int64_t id) {
    size_t lo = 0, hi = c->ninst;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->inst[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < c->ninst && c->inst[lo].id == id ? &c->inst[lo] : NULL;
}

/* ---- step 1: the actions in scope ---- */

static void scope_add(Scope *sc, int64_t id, signed char cls) {
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? sc->cap * 2 : 4096;
        sc->ids = xrealloc(sc->ids, sc->cap * sizeof *sc->ids);
        sc->cls = xrealloc(sc->cls, sc->cap);
    }
    if (sc->n == 0 || id < sc->lo) sc->lo = id;
    if (sc->n == 0 || id > sc->hi) sc->hi = id;
    sc->ids[sc->n] = id;
    sc->cls[sc->n++] = cls;
}

/* Pass 1a: the actions by (status,) institution, gender focus and
 * disability, a GROUP BY that follows the index order, so SQLite counts
 * without sorting. */
static void group_row(Count *c, sqlite3_stmt *s) {
    Figures *f = c->f;
    int64_t iid = sqlite3_column_int64(s, 0);
    Inst *in = c->last && c->last->id == iid ? c->last : (c->last = inst_find(c, iid));
    long n = (long)sqlite3_column_int64(s, 3);
    if (in && in->type >= 0) {
        f->actions += n;
        f->by_type[in->type] += n;
        in->actions += n;
    }
    for (int k = 0; k < 2; k++) {       /* gender_focus, disability */
        long *v = k == 0 ? f->gender : f->disability;
        if (sqlite3_column_type(s, 1 + k) == SQLITE_NULL) v[FIG_UNKNOWN] += n;
        else if (sqlite3_column_int(s, 1 + k) == 1) v[FIG_YES] += n;
        else if (sqlite3_column_int(s, 1 + k) == 0) v[FIG_NO] += n;
    }
    f->beneficiaries += sqlite3_column_int64(s, 4);
    f->with_beneficiaries += (long)sqlite3_column_int64(s, 5);
}

/* Pass 1b: each action's id and class, for the passes over the links.
 * Rows come in index order, (status,) institution first, so the last
 * institution found is nearly always the next one's. */
static void action_row(Count *c, sqlite3_stmt *s) {
    int64_t iid = sqlite3_column_int64(s, 1);
    Inst *in = c->last && c->last->id == iid ? c->last : (c->last = inst_find(c, iid));
    scope_add(&c->sc, sqlite3_column_int64(s, 0), !in ? A_NO_INST : (signed char)in->type);
}

static int cmp_pair(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Lays the scope out for lookups by id. */
static void scope_index(Scope *sc) {
    if (sc->n == 0) return;
    uint64_t span = (uint64_t)(sc->hi - sc->lo) + 1;
    if (span <= 4 * (uint64_t)sc->n + 65536) {
        sc->dense = xmalloc(span);
        memset(sc->dense, A_OUT, span);
        sc->haspop = xcalloc(span, 1);
        for (size_t i = 0; i < sc->n; i++) sc->dense[sc->ids[i] - sc->lo] = sc->cls[i];
        return;
    }
    /* sparse: sort (id, class) pairs by id */
    int64_t (*pairs)[2] = xmalloc(sc->n * sizeof *pairs);
    for (size_t i = 0; i < sc->n; i++) {
        pairs[i][0] = sc->ids[i];
        pairs[i][1] = sc->cls[i];
    }
    qsort(pairs, sc->n, sizeof *pairs, cmp_pair);
    for (size_t i = 0; i < sc->n; i++) {
        sc->ids[i] = pairs[i][0];
        sc->cls[i] = (signed char)pairs[i][1];
    }
    free(pairs);
    sc->pop = xcalloc(sc->n, 1);
}

/* The class of action ID, and where its "names a population" flag is. */
static int scope_get(Scope *sc, int64_t id, unsigned char **pop) {
    if (sc->n == 0 || id < sc->lo || id > sc->hi) return A_OUT;
    if (sc->dense) {
        *pop = &sc->haspop[id - sc->lo];
        return sc->dense[id - sc->lo];
    }
    size_t lo = 0, hi = sc->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    if (lo == sc->n || sc->ids[lo] != id) return A_OUT;
    *pop = &sc->pop[lo];
    return sc->cls[lo];
}

static void scope_free(Scope *sc) {
    free(sc->dense);
    free(sc->haspop);
    free(sc->ids);
    free(sc->cls);
    free(sc->pop);
}

/* ---- step 2: the rows linked to the actions ---- */

static sqlite3_stmt *range(Count *c, const char *sql) {
    sqlite3_stmt *s = store_prepare(c->st, "figures", sql);
    if (s) {
        sqlite3_bind_int64(s, 1, c->sc.lo);
        sqlite3_bind_int64(s, 2, c->sc.hi);
    }
    return s;
}

/* The roundtables the last action's objectives reached, counted once
 * each (issue 13). */
static void roundtables_flush(Count *c) {
    for (int r = 1; r <= FIG_NROUNDTABLES; r++)
        if (c->rt_mask & (1u << r)) c->f->by_roundtable[r]++;
    c->rt_mask = 0;
}

static void objective_row(Count *c, sqlite3_stmt *s) {
    unsigned char *pop;
    int64_t aid = sqlite3_column_int64(s, 0);
    int t = scope_get(&c->sc, aid, &pop);
    int o = sqlite3_column_int(s, 1);
    if (t < 0 || o < 1 || o > FIG_NOBJ) return;
    c->f->by_obj_type[o][t]++;
    c->f->by_obj[o]++;
    c->f->objective_links++;
    /* rows come in primary-key order, (action_id, objective) */
    if (aid != c->rt_action) roundtables_flush(c);
    c->rt_action = aid;
    int r = c->f->roundtable[o];
    if (r >= 1 && r <= FIG_NROUNDTABLES) c->rt_mask |= 1u << r;
}

/* issue 13: the guiding principles, as the objectives are counted (an
 * action of an institution with no reporter type is in no figure) */
static void principle_row(Count *c, sqlite3_stmt *s) {
    unsigned char *pop;
    int64_t aid = sqlite3_column_int64(s, 0);
    int t = scope_get(&c->sc, aid, &pop);
    int p = sqlite3_column_int(s, 1);
    if (t < 0 || p < 1 || p > FIG_NPRIN) return;
    c->f->by_principle[p]++;
    if (aid != c->prin_action) c->f->with_principles++;
    c->prin_action = aid;
}

static void id_label_row(sqlite3_stmt *s, IdLabel **v, size_t *n,
                         const FigLabel *labels, int nlabels) {
    if (*n % 32 == 0) *v = xrealloc(*v, (*n + 32) * sizeof **v);
    (*v)[*n].id = sqlite3_column_int64(s, 0);
    (*v)[*n].label = fig_label_index(labels, nlabels, store_col_text(s, 1));
    (*n)++;
}

static void pop_id_row(Count *c, sqlite3_stmt *s) {
    id_label_row(s, &c->pops, &c->npops, c->f->pops, c->f->npops);
}

static void cat_id_row(Count *c, sqlite3_stmt *s) {
    id_label_row(s, &c->cats, &c->ncats, c->f->cats, c->f->ncats);
}

/* The label of catalog id ID: -1 when the id is not in the catalog, -2
 * when it is but has no label. */
static int label_of(const IdLabel *v, size_t n, int64_t id) {
    for (size_t i = 0; i < n; i++)
        if (v[i].id == id) return v[i].label < 0 ? -2 : v[i].label;
    return -1;
}

static void population_row(Count *c, sqlite3_stmt *s) {
    unsigned char *pop;
    int t = scope_get(&c->sc, sqlite3_column_int64(s, 0), &pop);
    if (t == A_OUT) return;
    *pop = 1;
    int p = label_of(c->pops, c->npops, sqlite3_column_int64(s, 1));
    if (p >= 0) c->f->by_pop[p]++;
}

static void challenge_row(Count *c, sqlite3_stmt *s) {
    unsigned char *pop;
    int t = scope_get(&c->sc, sqlite3_column_int64(s, 0), &pop);
    if (t == A_OUT || t == A_NO_INST) return;
    Figures *f = c->f;
    f->challenges++;
    /* challenges come in action order (index challenge_action): a new
     * action id is one more action with challenges */
    int64_t aid = sqlite3_column_int64(s, 0);
    if (aid != c->challenge_action) f->with_challenges++;
    c->challenge_action = aid;
    int k = sqlite3_column_type(s, 1) == SQLITE_NULL ? -1
          : label_of(c->cats, c->ncats, sqlite3_column_int64(s, 1));
    if (k == -1) {
        f->unclassified++;
        if (t >= 0) f->unclassified_by_type[t]++;
    } else if (k >= 0) {
        f->by_cat[k]++;
        if (t >= 0) f->by_cat_type[k][t]++;
    }
}

/* Actions that name no population count as no_aplica. */
static void count_no_population(Count *c) {
    int na = fig_label_index(c->f->pops, c->f->npops, "no_aplica");
    if (na < 0) return;
    Scope *sc = &c->sc;
    if (sc->dense) {
        uint64_t span = (uint64_t)(sc->hi - sc->lo) + 1;
        for (uint64_t i = 0; i < span; i++)
            if (sc->dense[i] != A_OUT && !sc->haspop[i]) c->f->by_pop[na]++;
    } else {
        for (size_t i = 0; i < sc->n; i++)
            if (!sc->pop[i]) c->f->by_pop[na]++;
    }
}

/* Bodies and subnational units that took part: those with an action in
 * scope; a unit counts through its bodies' INST_UNIT (the one rule: a body
 * of the subnational type, store_internal.h). */
static void count_bodies(Count *c) {
    Figures *f = c->f;
    const char **seen = xmalloc((c->ninst + 1) * sizeof *seen);
    int nseen = 0;
    for (size_t i = 0; i < c->ninst; i++) {
        Inst *in = &c->inst[i];
        if (!in->actions || in->type < 0) continue;
        f->inst_by_type[in->type]++;
        f->institutions++;
        if (!in->state) continue;
        bool dup = false;
        for (int k = 0; k < nseen && !dup; k++) dup = strcmp(seen[k], in->state) == 0;
        if (!dup) seen[nseen++] = in->state;
    }
    free(seen);
    f->states = nseen;
}

static bool principle_label(void *p, sqlite3_stmt *s) {
    Figures *f = p;
    int n = sqlite3_column_int(s, 0);
    if (n >= 1 && n <= FIG_NPRIN) set_label(&f->principles[n], s);
    return true;
}

static bool roundtable_of(void *p, sqlite3_stmt *s) {
    Figures *f = p;
    int n = sqlite3_column_int(s, 0);
    if (n >= 1 && n <= FIG_NOBJ) f->roundtable[n] = sqlite3_column_int(s, 1);
    return true;
}

bool store_figure_labels(Store *st, int64_t edition_id, Figures *f) {
    char ed[32];
    snprintf(ed, sizeof ed, "%lld", (long long)edition_id);
    return store_each_row(st, "SELECT n, name_es, name_en FROM principle ORDER BY n", NULL, principle_label, f) &&
           store_each_row(st, "SELECT n, coalesce(roundtable, 0) FROM objective", NULL, roundtable_of, f) &&
           /* the types as the edition has them: a revision its own (migration 26) */
           store_each_row(st, "SELECT code, name_es, name_en, gender, number, subnational,"
                          " body_es, bodies_es, body_en, bodies_en, society, proper FROM "
                          TYPES_AS_OF("CAST(?1 AS INTEGER)") " ORDER BY ord",
                          ed, type_label, f) &&
           store_each_row(st, "SELECT code, name, name_en FROM population ORDER BY ord",
                          NULL, pop_label, f) &&
           store_each_row(st, "SELECT name, name, name_en, id FROM challenge_category ORDER BY ord",
                          NULL, cat_label, f);
}

static sqlite3_stmt *scope_query(Count *c, const char *cols, const char *group,
                                  int64_t edition_id) {
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM action INDEXED BY action_scope"
             " WHERE edition_id = ?1%s%s", cols,
             c->f->all_statuses ? "" : " AND status = 'validada'", group);
    sqlite3_stmt *s = store_prepare(c->st, "figures", sql);
    if (s) sqlite3_bind_int64(s, 1, edition_id);
    return s;
}

static bool count_actions(Count *c, int64_t edition_id) {
    const char *group = c->f->all_statuses
        ? " GROUP BY status, institution_id, gender_focus, disability"
        : " GROUP BY institution_id, gender_focus, disability";
    if (!each(c, scope_query(c, "institution_id, gender_focus, disability, count(*),"
                                " coalesce(sum(beneficiaries), 0), count(beneficiaries)",
                             group, edition_id), group_row))
        return false;
    c->last = NULL;
    return each(c, scope_query(c, "id, institution_id", "", edition_id), action_row);
}

/* Every institution with its classification as edition EDITION_ID has it
 * (a published revision keeps the one it was published with). */
static sqlite3_stmt *institutions_as_of(Store *st, int64_t edition_id) {
    sqlite3_stmt *s = store_prepare(st, "figures",
        "SELECT i.id, " INST_TYPE ", " INST_UNIT("?1") " FROM institution i" INST_AS_OF("?1") " ORDER BY i.id");
    if (s) sqlite3_bind_int64(s, 1, edition_id);
    return s;
}

bool store_figures(Store *st, const Edition *e, bool all_statuses, Figures *f) {
    memset(f, 0, sizeof *f);
    snprintf(f->edition, sizeof f->edition, "%s", e->name);
    snprintf(f->period_start, sizeof f->period_start, "%s", e->period_start);
    snprintf(f->period_end, sizeof f->period_end, "%s", e->period_end);
    snprintf(f->state, sizeof f->state, "%s", e->state);
    f->all_statuses = all_statuses;
    f->synthetic = store_edition_is_example(st, e->name);   /* issue 13, hostile fault 1 (R13) */
    Count c = {.st = st, .f = f};
    /* No mmap: in a database grown by imports the index pages lie between
     * table pages, and the kernel's read-around for mapped pages then reads
     * the table too (measured: 2.2 s with pread, 4.6-6.2 s with mmap, cold). */
    /* One read transaction, so that every pass sees the same records. */
    bool own = sqlite3_get_autocommit(st->db);
    bool ok = !own || sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    ok = ok && store_figure_labels(st, e->id, f) &&
         each(&c, institutions_as_of(st, e->id), inst_row) &&
         each(&c, store_prepare(st, "figures", "SELECT id, code FROM population"), pop_id_row) &&
         each(&c, store_prepare(st, "figures", "SELECT id, name FROM challenge_category"), cat_id_row) &&
         count_actions(&c, e->id);
    if (ok && c.sc.n > 0) {
        scope_index(&c.sc);
        ok = each(&c, range(&c, "SELECT action_id, objective FROM action_objective"
                                " WHERE action_id BETWEEN ?1 AND ?2"), objective_row) &&
             (roundtables_flush(&c), true) &&
             each(&c, range(&c, "SELECT action_id, principle FROM action_principle"
                                " WHERE action_id BETWEEN ?1 AND ?2"), principle_row) &&
             each(&c, range(&c, "SELECT action_id, population_id FROM action_population"
                                " WHERE action_id BETWEEN ?1 AND ?2"), population_row) &&
             each(&c, range(&c, "SELECT action_id, category_id FROM challenge"
                                " INDEXED BY challenge_action WHERE action_id BETWEEN ?1 AND ?2"),
                  challenge_row);
        count_no_population(&c);
    }
    if (ok) count_bodies(&c);
    if (own) sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    scope_free(&c.sc);
    free(c.inst);
    free(c.pops);
    free(c.cats);
    arena_free(&c.arena);
    return ok;
}
