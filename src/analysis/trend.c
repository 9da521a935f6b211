/* Editions over time: see trend.h and docs/trend.md. */
#include <stdlib.h>
#include <string.h>
#include "analysis/trend.h"
#include "store/trend_store.h"
#include "util/mem.h"
#include "util/text.h"

static int cmp_period(const void *pa, const void *pb) {
    const Edition *a = pa, *b = pb;
    bool ha = *a->period_start, hb = *b->period_start;
    if (ha != hb) return ha ? -1 : 1;                  /* without a period: last */
    int c = strcmp(a->period_start, b->period_start);
    if (!c) c = strcmp(a->period_end, b->period_end);
    return c ? c : strcmp(a->name, b->name);
}

void trend_sort(Edition *v, int n) {
    if (n > 1) qsort(v, (size_t)n, sizeof *v, cmp_period);
}

typedef struct {
    Edition *v;
    int n, cap;
} EdVec;

static void collect(void *ctx, const Edition *e, long actions) {
    (void)actions;
    EdVec *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *e;
}

bool trend_adjacent_edition(Store *st, const Edition *e, int step, Edition *out) {
    EdVec l = {NULL, 0, 0};
    bool found = false;
    if (store_edition_list(st, collect, &l)) {
        trend_sort(l.v, l.n);
        for (int i = 0; i < l.n && !found; i++)
            if (strcmp(l.v[i].name, e->name) == 0 && i + step >= 0 && i + step < l.n) {
                *out = l.v[i + step];
                found = true;
            }
    }
    free(l.v);
    return found;
}

bool trend_ends_before(const Edition *b, const Edition *a) {
    if (!*a->period_start || !*b->period_start || !*b->period_end) return true;
    /* the month B ends may be the month A starts (a June-to-June cycle,
     * the demo's 2023-ejemplo and 2024), as long as B starts earlier */
    return strcmp(b->period_end, a->period_start) <= 0 && strcmp(b->period_start, a->period_start) < 0;
}

bool trend_periods_overlap(const Edition *a, const Edition *b) {
    if (!*a->period_start || !*a->period_end || !*b->period_start || !*b->period_end) return false;
    return !trend_ends_before(a, b) && !trend_ends_before(b, a);   /* neither is the other's previous */
}

int trend_previous_index(const Edition *v, int n, int i) {
    for (int j = i < n ? i - 1 : -1; j >= 0; j--)
        if (trend_ends_before(&v[j], &v[i])) return j;
    return -1;
}

bool trend_compared_edition(Store *st, const Edition *e, Edition *out) {
    EdVec l = {NULL, 0, 0};
    bool found = false;
    if (store_edition_list(st, collect, &l)) {
        trend_sort(l.v, l.n);
        for (int i = 0; i < l.n && !found; i++)
            if (strcmp(l.v[i].name, e->name) == 0) {
                int j = trend_previous_index(l.v, l.n, i);
                if (j >= 0) {
                    *out = l.v[j];
                    found = true;
                }
                break;
            }
    }
    free(l.v);
    return found;
}

bool trend_each_overlap(Store *st, const Edition *e, void (*fn)(void *ctx, const Edition *o), void *ctx) {
    EdVec l = {NULL, 0, 0};
    bool ok = store_edition_list(st, collect, &l);
    if (ok) {
        trend_sort(l.v, l.n);
        for (int i = 0; i < l.n; i++)
            if (strcmp(l.v[i].name, e->name) != 0 && trend_periods_overlap(&l.v[i], e)) fn(ctx, &l.v[i]);
    }
    free(l.v);
    return ok;
}

bool trend_previous_edition(Store *st, const Edition *e, Edition *prev) {
    return trend_adjacent_edition(st, e, -1, prev);
}

bool trend_add(Trend *t, Store *st, const Edition *e, bool all) {
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 8;
        t->eds = xrealloc(t->eds, (size_t)t->cap * sizeof *t->eds);
        t->f = xrealloc(t->f, (size_t)t->cap * sizeof *t->f);
        t->continuing = xrealloc(t->continuing, (size_t)t->cap * sizeof *t->continuing);
    }
    Figures *f = xcalloc(1, sizeof *f);          /* ~380 KB each (issue 16): not for the stack */
    long cont = 0;
    if (!store_figures(st, e, all, f) || !store_continuing_count(st, e, all, &cont)) {
        free(f);
        return false;
    }
    t->eds[t->n] = *e;
    t->f[t->n] = f;
    t->continuing[t->n++] = cont;
    return true;
}

void trend_free(Trend *t) {
    for (int i = 0; i < t->n; i++) free(t->f[i]);
    free(t->f);
    free(t->eds);
    free(t->continuing);
    memset(t, 0, sizeof *t);
}

int trend_index(const Trend *t, const char *name) {
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->eds[i].name, name) == 0) return i;
    return -1;
}

/* ---- JSON ---- */

/* ROOT[KEY][CODE][edition] = N, creating the objects on the way. */
static void put(json_t *root, const char *key, const char *code, const char *edition, long n) {
    json_t *k = json_object_get(root, key);
    if (!k) json_object_set_new(root, key, k = json_object());
    json_t *c = code ? json_object_get(k, code) : k;
    if (!c) json_object_set_new(k, code, c = json_object());
    json_object_set_new(c, edition, json_integer(n));
}

static void put_edition(json_t *root, const Figures *f, long continuing) {
    const char *e = f->edition;
    put(root, "actions", NULL, e, f->actions);
    put(root, "continuing", NULL, e, continuing);
    put(root, "new", NULL, e, f->actions - continuing);
    for (int o = 1; o <= FIG_NOBJ; o++) {
        char key[4];
        snprintf(key, sizeof key, "%d", o);
        put(root, "by_objective", key, e, f->by_obj[o]);
    }
    for (int t = 0; t < f->ntypes; t++) put(root, "by_reporter_type", f->types[t].code, e, f->by_type[t]);
    for (int p = 0; p < f->npops; p++) put(root, "population", f->pops[p].code, e, f->by_pop[p]);
    for (int c = 0; c < f->ncats; c++) put(root, "challenges", f->cats[c].code, e, f->by_cat[c]);
    put(root, "challenges_total", NULL, e, f->challenges);
    put(root, "challenges_unclassified", NULL, e, f->unclassified);
}

json_t *trend_to_json(const Trend *t) {
    json_t *root = json_object(), *names = json_array();
    json_object_set_new(root, "schema", json_string("pmm-trend/1"));
    for (int i = 0; i < t->n; i++) json_array_append_new(names, json_string(t->eds[i].name));
    json_object_set_new(root, "editions", names);
    /* issue 13, hostile fault 1: which of them are synthetic examples */
    json_t *synth = json_array();
    for (int i = 0; i < t->n; i++)
        if (t->f[i]->synthetic) json_array_append_new(synth, json_string(t->eds[i].name));
    json_object_set_new(root, "synthetic", synth);
    /* the keys in a fixed order even for no edition */
    static const char *const keys[] = {"actions", "continuing", "new", "by_objective", "by_reporter_type",
                                       "population", "challenges", "challenges_total",
                                       "challenges_unclassified", NULL};
    for (int k = 0; keys[k]; k++) json_object_set_new(root, keys[k], json_object());
    for (int i = 0; i < t->n; i++) put_edition(root, t->f[i], t->continuing[i]);
    return root;
}

/* ---- text ---- */

/* Columns on a terminal: UTF-8 characters, not bytes. */
static int width(const char *z) {
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)z; *p; p++) w += (*p & 0xc0) != 0x80;
    return w;
}

/* Z right-aligned in W columns. */
static void cell(FILE *out, const char *z, int w) {
    for (int i = width(z); i < w; i++) fputc(' ', out);
    fputs(z, out);
}

typedef struct {
    const Trend *t;
    Lang l;
    FILE *out;
    int *col_w;
} Table;

/* One row: V(i) for each edition, then LABEL (labels vary in length,
 * the numbers line up). */
static void row(Table *tb, const char *label, long (*v)(const Figures *, long, int), int arg) {
    for (int i = 0; i < tb->t->n; i++) {
        Str s = STR_INIT;
        lang_int(&s, tb->l, v(tb->t->f[i], tb->t->continuing[i], arg));
        cell(tb->out, str_cstr(&s), tb->col_w[i]);
        fputs("  ", tb->out);
        str_free(&s);
    }
    fprintf(tb->out, "%s\n", label);
}

static long v_actions(const Figures *f, long c, int a) { (void)c; (void)a; return f->actions; }
static long v_continuing(const Figures *f, long c, int a) { (void)f; (void)a; return c; }
static long v_new(const Figures *f, long c, int a) { (void)a; return f->actions - c; }
static long v_obj(const Figures *f, long c, int o) { (void)c; return f->by_obj[o]; }
static long v_type(const Figures *f, long c, int t) { (void)c; return f->by_type[t]; }
static long v_pop(const Figures *f, long c, int p) { (void)c; return f->by_pop[p]; }
static long v_cat(const Figures *f, long c, int k) { (void)c; return f->by_cat[k]; }
static long v_challenges(const Figures *f, long c, int a) { (void)c; (void)a; return f->challenges; }
static long v_unclassified(const Figures *f, long c, int a) { (void)c; (void)a; return f->unclassified; }

static const char *name_of(const FigLabel *x, Lang l) { return l == LANG_EN && *x->name_en ? x->name_en : x->name_es; }

static void heading(Table *tb, const char *title) { fprintf(tb->out, "\n%s\n", title); }

void trend_print_text(const Trend *t, Lang l, FILE *out) {
    if (!t->n) {
        fputs(lang_pick(l, "No hay ediciones que comparar.\n", "There are no editions to compare.\n"), out);
        return;
    }
    int *col_w = xcalloc((size_t)t->n, sizeof *col_w);
    for (int i = 0; i < t->n; i++) col_w[i] = width(t->eds[i].name) > 7 ? width(t->eds[i].name) : 7;
    Table tb = {t, l, out, col_w};
    const Figures *f0 = t->f[0];      /* the catalogs' labels: one database, the same for every edition */
    for (int i = 0; i < t->n; i++)     /* issue 13, hostile fault 1: said before any figure */
        if (t->f[i]->synthetic)
            fprintf(out, lang_pick(l, "(La edición %s es un ejemplo sintético: sus cifras no son reales.)\n",
                                   "(Edition %s is a synthetic example: its figures are not real.)\n"),
                    t->eds[i].name);
    for (int i = 0; i < t->n; i++) {
        cell(out, t->eds[i].name, col_w[i]);
        fputs("  ", out);
    }
    fprintf(out, "%s\n", lang_pick(l, "Edición", "Edition"));
    row(&tb, lang_pick(l, "Acciones validadas", "Validated actions"), v_actions, 0);
    row(&tb, lang_pick(l, "  que continúan una anterior", "  continuing an earlier one"), v_continuing, 0);
    row(&tb, lang_pick(l, "  nuevas", "  new"), v_new, 0);
    heading(&tb, lang_pick(l, "Acciones por objetivo", "Actions by objective"));
    for (int o = 1; o <= FIG_NOBJ; o++) {
        char label[32];
        snprintf(label, sizeof label, "%s %d", lang_pick(l, "Objetivo", "Objective"), o);
        row(&tb, label, v_obj, o);
    }
    heading(&tb, lang_pick(l, "Acciones por tipo de reportante", "Actions by reporter type"));
    for (int k = 0; k < f0->ntypes; k++) row(&tb, f0->types[k].code, v_type, k);
    heading(&tb, lang_pick(l, "Población atendida", "Population served"));
    for (int k = 0; k < f0->npops; k++) row(&tb, name_of(&f0->pops[k], l), v_pop, k);
    heading(&tb, lang_pick(l, "Retos", "Challenges"));
    row(&tb, lang_pick(l, "Total", "Total"), v_challenges, 0);
    row(&tb, lang_pick(l, "Sin clasificar", "Unclassified"), v_unclassified, 0);
    for (int k = 0; k < f0->ncats; k++) {
        bool any = false;    /* a category no edition names is left out, as in pmm report */
        for (int i = 0; i < t->n; i++) any = any || t->f[i]->by_cat[k];
        if (any) row(&tb, name_of(&f0->cats[k], l), v_cat, k);
    }
    free(col_w);
}

/* ---- lists of edition names (issue 13 round 2, F13, fault 9) ---- */

static char *trimmed_span(const char *list, size_t from, size_t to) {
    char *v = xstrndup(list + from, to - from);
    char *t = text_trim(v);
    if (t != v) memmove(v, t, strlen(t) + 1);
    return v;
}

int trend_split_names(const char *list, TrendKnownFn known, void *ctx, char ***out) {
    int np = 1;
    for (const char *p = list; *p; p++) np += *p == ',';
    size_t *start = xcalloc((size_t)np + 1, sizeof *start);   /* piece k is [start[k], start[k+1] - 1) */
    int k = 1;
    for (size_t i = 0; list[i]; i++)
        if (list[i] == ',') start[k++] = i + 1;
    start[np] = strlen(list) + 1;
    char **v = xcalloc((size_t)np, sizeof *v);
    int n = 0;
    for (int i = 0; i < np;) {
        int j = np - 1;
        char *name = NULL;
        for (; j > i; j--) {                /* the longest run that is one name */
            name = trimmed_span(list, start[i], start[j + 1] - 1);
            if (known(ctx, name)) break;
            free(name);
            name = NULL;
        }
        v[n++] = name ? name : trimmed_span(list, start[i], start[i + 1] - 1);
        i = j + 1;
    }
    free(start);
    *out = v;
    return n;
}

void trend_names_free(char **v, int n) {
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}
