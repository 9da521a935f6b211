/*
 * The voluntary GCM review, written from the records of several editions:
 * see review.h and docs/review.md. Spanish and English sentences stand side
 * by side (T(es, en)), as in the Informe (narrative.c); every number is a
 * mark (doc_fig) carrying the filter that recounts it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/narrative.h"
#include "analysis/phrase.h"
#include "analysis/review.h"
#include "util/text.h"
#include "store/practice_store.h"
#include "util/i18n.h"
#include "util/mem.h"

/* ------------------------------------------------------------ the range */

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

static int index_of(const EdVec *l, const char *name) {
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0) return i;
    return -1;
}

bool review_range(Store *st, const char *from, const char *to, Edition **eds, int *n, Str *why) {
    EdVec l = {NULL, 0, 0};
    *eds = NULL;
    *n = 0;
    if (!store_edition_list(st, collect, &l)) {
        free(l.v);
        str_puts(why, _("no se pudo leer la lista de ediciones"));
        return false;
    }
    trend_sort(l.v, l.n);
    int a = index_of(&l, from), b = index_of(&l, to);
    if (a < 0 || b < 0)
        str_printf(why, _("no existe la edición «%s»"), a < 0 ? from : to);
    else if (a > b)
        str_printf(why, _("la edición «%s» es posterior a «%s» (las ediciones se ordenan por periodo)"), from, to);
    bool ok = a >= 0 && b >= 0 && a <= b;
    if (ok) {
        *n = b - a + 1;
        *eds = xcalloc((size_t)*n, sizeof **eds);
        memcpy(*eds, l.v + a, (size_t)*n * sizeof **eds);
    }
    free(l.v);
    return ok;
}

/* ------------------------------------------------------------ the data */

typedef struct {
    ReviewData *rv;
    int ed, cap;
} PracticeCtx;

static int *copy_ints(Arena *a, const int *v, int n) {
    int *c = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *c);
    if (n) memcpy(c, v, (size_t)n * sizeof *c);
    return c;
}

static bool practice_row(void *p, const GoodPractice *g) {
    PracticeCtx *c = p;
    ReviewData *rv = c->rv;
    if (rv->ngp == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        rv->gp = xrealloc(rv->gp, (size_t)c->cap * sizeof *rv->gp);
    }
    Arena *a = &rv->arena;
    rv->gp[rv->ngp++] = (ReviewPractice){c->ed, arena_strdup(a, g->folio), arena_strdup(a, g->name),
                                         arena_strdup(a, g->institution), copy_ints(a, g->objectives, g->nobj),
                                         g->nobj, copy_ints(a, g->principles, g->nprin), g->nprin};
    return true;
}

bool review_load(Store *st, const Edition *eds, int n, ReviewData *rv) {
    memset(rv, 0, sizeof *rv);
    rv->rd = xcalloc((size_t)(n ? n : 1), sizeof *rv->rd);
    rv->hl = xcalloc((size_t)(n ? n : 1), sizeof *rv->hl);
    PracticeCtx pc = {rv, 0, 0};
    for (int i = 0; i < n; i++) {
        pc.ed = i;
        if (!trend_add(&rv->t, st, &eds[i], false) || !store_report_data(st, &eds[i], false, &rv->rd[i]) ||
            !store_highlights(st, &eds[i], false, &rv->arena, &rv->hl[i]) ||
            !store_practices_each(st, &eds[i], practice_row, &pc))
            return false;
    }
    return store_pack(st, &rv->arena, &rv->pack) &&
           (n == 0 || store_imprint(st, &eds[n - 1], &rv->arena, &rv->imprint));
}

void review_data_free(ReviewData *rv) {
    for (int i = 0; i < rv->t.n; i++) report_data_free(&rv->rd[i]);
    free(rv->rd);
    free(rv->hl);
    free(rv->gp);
    trend_free(&rv->t);
    arena_free(&rv->arena);
    memset(rv, 0, sizeof *rv);
}

/* ------------------------------------------------------------ writing */

typedef struct {
    Doc *d;
    const ReviewData *rv;
    const Trend *t;
    const Review *texts;
    Lang l;
    Str s;                      /* the paragraph being written */
    bool span_said;             /* the paragraph said «entre la primera y la última edición» once */
} R;

#define T(es, en) lang_pick(r->l, es, en)

static const char *num(R *r, long n) { return arena_printf(&r->d->arena, "%ld", n); }
static const char *ed_name(R *r, int i) { return r->t->eds[i].name; }
static const Figures *fig_of(R *r, int i) { return r->t->f[i]; }
static int last(R *r) { return r->t->n - 1; }

/* The filter of a count of edition I: MEASURE with one KEY=VALUE (KEY NULL: none). */
static char *flt(R *r, int i, const char *measure, const char *key, const char *value) {
    return key ? report_filter(&r->d->arena, ed_name(r, i), measure, key, value, NULL)
               : report_filter(&r->d->arena, ed_name(r, i), measure, NULL);
}

static void put(R *r, const char *z) { doc_text(&r->s, z); }

/* PLAIN as marked text in the Doc's arena (a name could hold a marker byte). */
static const char *plain(R *r, const char *z) {
    Str s = STR_INIT;
    doc_text(&s, z);
    const char *c = arena_strdup(&r->d->arena, str_cstr(&s));
    str_free(&s);
    return c;
}


static void para(R *r, BlockKind kind) {
    if (r->s.len) doc_add(r->d, kind, str_cstr(&r->s));
    str_clear(&r->s);
    r->span_said = false;
}

static void heading(R *r, BlockKind kind, const char *anchor, const char *text) {
    doc_heading(r->d, kind, anchor, kind != B_H3, text);
}

static const char *label(R *r, const FigLabel *x) {
    return r->l == LANG_EN && *x->name_en ? x->name_en : x->name_es;
}

/* A count of each edition: V(f) under the filter MEASURE&KEY=VALUE. */
typedef long (*Value)(const Figures *f, int arg);
/* Whether edition F holds data for the count at all (NULL: always). */
typedef bool (*Known)(const Figures *f);

typedef struct {
    R *r;
    const char *measure, *key, *value;
    Value v;
    int arg;
    Known known;
} Series;

static bool known(Known k, const Figures *f) { return !k || k(f); }

/* Issue 13, hostile fault 2: an edition whose actions carry no guiding
 * principle at all did not record them: «sin datos», never a fall to 0. */
static bool principles_known(const Figures *f) {
    for (int p = 1; p <= FIG_NPRIN; p++)
        if (f->by_principle[p] > 0) return true;
    return false;
}

static const char *no_data(R *r) { return T("sin datos", "no data"); }

/* "12 en 2023-ejemplo" / "12 in 2023-ejemplo" */
static void series_item(void *ctx, Str *s, int i) {
    const Series *x = ctx;
    R *r = x->r;
    if (!known(x->known, fig_of(r, i))) str_puts(s, no_data(r));
    else doc_fig(s, r->l, flt(r, i, x->measure, x->key, x->value), x->v(fig_of(r, i), x->arg));
    str_puts(s, T(" en ", " in "));
    doc_text(s, ed_name(r, i));
}

/* "+3", "−2" or "0": the change from the first edition to the last, as
 * a difference mark carrying both filters (its value is never negative: a
 * fall is written first minus last, after the sign). */
static void signed_diff(R *r, Str *s, const Series *x) {
    long a = x->v(fig_of(r, 0), x->arg), b = x->v(fig_of(r, last(r)), x->arg);
    char *fa = flt(r, 0, x->measure, x->key, x->value), *fb = flt(r, last(r), x->measure, x->key, x->value);
    if (b != a) str_puts(s, b > a ? "+" : "\xe2\x88\x92");
    const char *hi = b >= a ? fb : fa, *lo = b >= a ? fa : fb;
    doc_diff(s, r->l, hi, lo, labs(b - a));
}

/* Whether the change from the first edition to the last can be said. */
static bool comparable(R *r, Known k) {
    return r->t->n > 1 && known(k, fig_of(r, 0)) && known(k, fig_of(r, last(r)));
}

/* " (+3 entre la primera y la última edición)", " (sin cambio en el
 * periodo)"; the span once in a paragraph, then " (+3)", " (sin cambio)"
 * (issue 13, hostile fault 8: the clause was repeated in every series). */
static void change(R *r, const Series *x) {
    if (!comparable(r, x->known)) return;
    if (x->v(fig_of(r, 0), x->arg) == x->v(fig_of(r, last(r)), x->arg)) {
        put(r, r->span_said ? T(" (sin cambio)", " (no change)")
                            : T(" (sin cambio en el periodo)", " (no change over the period)"));
        r->span_said = true;
        return;
    }
    put(r, " (");
    signed_diff(r, &r->s, x);
    put(r, r->span_said ? ")" : T(" entre la primera y la última edición)", " between the first and the last edition)"));
    r->span_said = true;
}

static void series(R *r, const Series *x) {
    Series c = *x;
    ph_list(&r->s, r->l, r->t->n, PH_AND, series_item, NULL, &c);
    change(r, x);
}

static long v_actions(const Figures *f, int a) { (void)a; return f->actions; }
static long v_obj(const Figures *f, int o) { return f->by_obj[o]; }
static long v_type(const Figures *f, int t) { return f->by_type[t]; }
static long v_inst_type(const Figures *f, int t) { return f->inst_by_type[t]; }
static long v_institutions(const Figures *f, int a) { (void)a; return f->institutions; }
static long v_states(const Figures *f, int a) { (void)a; return f->states; }
static long v_pop(const Figures *f, int p) { return f->by_pop[p]; }
static long v_principle(const Figures *f, int p) { return f->by_principle[p]; }
static long v_roundtable(const Figures *f, int m) { return f->by_roundtable[m]; }
static long v_challenges(const Figures *f, int a) { (void)a; return f->challenges; }
static long v_cat(const Figures *f, int k) { return f->by_cat[k]; }
static long v_unclassified(const Figures *f, int a) { (void)a; return f->unclassified; }
static long v_gender(const Figures *f, int a) { (void)a; return f->gender[FIG_YES]; }
static long v_disability(const Figures *f, int a) { (void)a; return f->disability[FIG_YES]; }

/* A row of a table with one column per edition (and the change when there
 * are two or more): LABEL, then V(f, ARG) of each edition's figures under
 * the filter MEASURE&KEY=VALUE. */
typedef struct {
    const char *label;
    const char *measure, *key, *value;
    Value v;
    int arg;
    Known known;
} Row;

/* An edition's name as a column head: said synthetic when it is (issue
 * 13, hostile fault 1). */
static const char *ed_head(R *r, int i) {
    return fig_of(r, i)->synthetic ? plain(r, arena_printf(&r->d->arena, T("%s (sintética)", "%s (synthetic)"), ed_name(r, i)))
                              : plain(r, ed_name(r, i));
}

static void series_table(R *r, const char *first_col, const Row *rows, int nrows) {
    int n = r->t->n, ncols = 1 + n + (n > 1);
    Table *tb = doc_table(r->d, ncols, nrows + 1);
    doc_cell(r->d, tb, 0, 0, first_col);
    for (int i = 0; i < n; i++) doc_cell(r->d, tb, 0, 1 + i, ed_head(r, i));
    if (n > 1) doc_cell(r->d, tb, 0, ncols - 1, T("Cambio", "Change"));
    for (int c = 1; c < ncols; c++) tb->numeric[c] = true;
    for (int k = 0; k < nrows; k++) {
        const Row *w = &rows[k];
        Str s = STR_INIT;
        doc_text(&s, w->label);
        doc_cell(r->d, tb, k + 1, 0, str_cstr(&s));
        for (int i = 0; i < n; i++) {
            str_clear(&s);
            if (!known(w->known, fig_of(r, i))) str_puts(&s, no_data(r));
            else doc_fig(&s, r->l, flt(r, i, w->measure, w->key, w->value), w->v(fig_of(r, i), w->arg));
            doc_cell(r->d, tb, k + 1, 1 + i, str_cstr(&s));
        }
        if (n > 1) {
            Series x = {r, w->measure, w->key, w->value, w->v, w->arg, w->known};
            str_clear(&s);
            if (comparable(r, w->known)) signed_diff(r, &s, &x);
            else str_puts(&s, "\xe2\x80\x94");            /* an em dash: no change to say */
            doc_cell(r->d, tb, k + 1, ncols - 1, str_cstr(&s));
        }
        str_free(&s);
    }
}

/* ------------------------------------------------- the unit's own texts */

const char *review_text_title(Lang l, ReviewTextKind k) {
    static const char *const t[RT__COUNT][2] = {
        {"Introducción", "Introduction"},
        {"Política y entorno propicio", "Policy and enabling environment"},
        {"Medios de implementación", "Means of implementation"},
        {"Próximos pasos", "Next steps"},
    };
    return lang_pick(l, t[k][0], t[k][1]);
}

const char *review_placeholder(Lang l, ReviewTextKind k) {
    static const char *const t[RT__COUNT][2] = {
        {"[Texto por redactar por la unidad coordinadora: el propósito del examen, el contexto migratorio del "
         "país y los compromisos con el Pacto Mundial.]",
         "[Text to be written by the coordinating unit: the purpose of the review, the country's migration "
         "context and its commitments to the Global Compact.]"},
        {"[Texto por redactar por la unidad coordinadora: las leyes, políticas, planes e instituciones con que el "
         "país aplica el Pacto Mundial, y cómo se integró en la planeación nacional.]",
         "[Text to be written by the coordinating unit: the laws, policies, plans and institutions through which "
         "the country implements the Global Compact, and how it was built into national planning.]"},
        {"[Texto por redactar por la unidad coordinadora: los recursos financieros, la creación de capacidades, "
         "los datos y la cooperación internacional con que se aplica el Pacto Mundial.]",
         "[Text to be written by the coordinating unit: the financial resources, capacity building, data and "
         "international cooperation through which the Global Compact is implemented.]"},
        {"[Texto por redactar por la unidad coordinadora: las prioridades y los compromisos para el siguiente "
         "periodo de examen.]",
         "[Text to be written by the coordinating unit: the priorities and commitments for the next review "
         "period.]"},
    };
    return lang_pick(l, t[k][0], t[k][1]);
}

/* Text K of the review, a paragraph per blank-line-separated block (Spanish
 * as the unit wrote it, marked so in an English draft), or its placeholder. */
static void unit_text(R *r, ReviewTextKind k) {
    const char *z = r->texts ? r->texts->text[k] : NULL;
    if (!z || !*z) {
        doc_add(r->d, B_P, plain(r, review_placeholder(r->l, k)));
        return;
    }
    while (*z) {
        const char *end = strstr(z, "\n\n");
        size_t n = end ? (size_t)(end - z) : strlen(z);
        char *part = arena_strndup(&r->d->arena, z, n);
        doc_spanish(&r->s, r->l, part);
        para(r, B_P);
        z += n;
        while (*z == '\n' || *z == '\r') z++;
    }
}

static void unit_chapter(R *r, const char *anchor, const char *number, ReviewTextKind k) {
    heading(r, B_H1, anchor, arena_printf(&r->d->arena, "%s. %s", number, review_text_title(r->l, k)));
    unit_text(r, k);
}

/* ------------------------------------------------- II. methodology */

typedef struct {
    R *r;
    const int *idx;
} Pick;

static void type_name_item(void *ctx, Str *s, int i) {
    const Pick *p = ctx;
    doc_text(s, label(p->r, &fig_of(p->r, last(p->r))->types[p->idx[i]]));
}

/* The reporter types that are not government, whole-of-society: the
 * pack's column «sociedad» (issue 13, hostile fault 11: a Mexican code was
 * written here). */
static bool society_type(const Figures *f, int t) { return f->type_info[t].society; }

static void participation(R *r, bool society) {
    const Figures *f = fig_of(r, last(r));
    int idx[FIG_MAX_TYPES], n = 0, none[FIG_MAX_TYPES], nn = 0;
    for (int t = 0; t < f->ntypes; t++) {
        if (society_type(f, t) != society) continue;
        bool any = false;
        for (int i = 0; i < r->t->n; i++) any = any || fig_of(r, i)->inst_by_type[t] > 0;
        if (any) idx[n++] = t;
        else none[nn++] = t;
    }
    put(r, society ? T("Enfoque pansocial: ", "Whole-of-society approach: ")
                   : T("Enfoque pangubernamental: ", "Whole-of-government approach: "));
    Pick ctx = {r, idx};
    if (n) {
        if (r->t->n == 1)           /* issue 13, hostile fault 8: one edition, in the singular */
            put(r, arena_printf(&r->d->arena, T("en la edición %s informaron instancias de ",
                                                "in edition %s, bodies of "), plain(r, ed_name(r, 0))));
        else
            put(r, T("en al menos una edición del periodo informaron instancias de ",
                     "in at least one edition of the period, bodies of "));
        put(r, lang_num(n, T("este tipo: ", "this type reported: "), T("estos tipos: ", "these types reported: ")));
        ph_list(&r->s, r->l, n, PH_AND, type_name_item, NULL, &ctx);
    } else {
        put(r, r->t->n == 1 ? T("no informó ninguna instancia de este tipo en la edición",
                                "no body of this kind reported in the edition")
                            : T("no informó ninguna instancia de este tipo en el periodo",
                                "no body of this kind reported in the period"));
    }
    if (nn) {
        Pick ctx2 = {r, none};
        /* a negative list joins with «ni» (issue 13, hostile fault 8) */
        /* «del tipo X», "of the type X": a type's name takes no article of
         * its own (issue 13 round 2, F13: «de Poder Legislativo») */
        put(r, lang_num(nn, T("; no informó ninguna instancia del tipo ", "; no body of the type "),
                        T("; no informó ninguna instancia de los tipos ", "; no body of the types ")));
        ph_list(&r->s, r->l, nn, PH_NOR, type_name_item, NULL, &ctx2);
        put(r, T("", " reported"));
    }
    put(r, ".");
    para(r, B_P);
}

static void edition_item(void *ctx, Str *s, int i) {
    R *r = ctx;
    const Edition *e = &r->t->eds[i];
    doc_text(s, e->name);
    bool period = *e->period_start && *e->period_end, synthetic = fig_of(r, i)->synthetic;
    if (period || synthetic) str_puts(s, " (");
    if (period) lang_period(s, r->l, e->period_start, e->period_end);     /* the one rule (N6) */
    if (synthetic)          /* issue 13, hostile fault 1 */
        str_puts(s, period ? T("; ejemplo sintético: sus cifras no son reales", "; a synthetic example: its figures "
                               "are not real")
                           : T("ejemplo sintético: sus cifras no son reales", "a synthetic example: its figures are "
                               "not real"));
    if (period || synthetic) str_puts(s, ")");
}

static void methodology(R *r) {
    heading(r, B_H1, "metodologia", T("II. Metodología y proceso de preparación del examen",
                                      "II. Methodology and process of preparation of the review"));
    put(r, T("Este borrador se generó con pmm a partir de los registros del mecanismo de seguimiento del Pacto "
             "Mundial: las acciones que cada instancia reportó y la unidad coordinadora validó. Abarca ",
             "This draft was generated by pmm from the records of the Global Compact's follow-up "
             "mechanism: the actions each body reported and the coordinating unit validated. It covers "));
    put(r, lang_num(r->t->n, T("la edición ", "the edition "), T("las ediciones ", "the editions ")));
    ph_list(&r->s, r->l, r->t->n, PH_AND, edition_item, NULL, r);
    put(r, T(". Cada cifra cuenta las acciones validadas de una edición, como su Informe Ejecutivo.",
             ". Each figure counts the validated actions of one edition, as its Executive Report does."));
    para(r, B_P);
    Series acts = {r, "acciones", NULL, NULL, v_actions, 0, NULL};
    Series insts = {r, "instancias", NULL, NULL, v_institutions, 0, NULL};
    put(r, T("Acciones validadas: ", "Validated actions: "));
    series(r, &acts);
    put(r, T(". Instancias que informaron: ", ". Bodies that reported: "));
    series(r, &insts);
    Series states = {r, "estados", NULL, NULL, v_states, 0, NULL};
    /* the pack's word for its units (issue 16), capitalized at the start of the sentence */
    const char *units = r->rv->pack.unit_pl[r->l == LANG_EN] && *r->rv->pack.unit_pl[r->l == LANG_EN]
                        ? r->rv->pack.unit_pl[r->l == LANG_EN] : T("unidades subnacionales", "subnational units");
    put(r, ". ");
    put(r, text_capitalize(&r->d->arena, units));
    put(r, T(" con al menos una acción: ", " with at least one action: "));
    series(r, &states);
    put(r, ".");
    para(r, B_P);
    heading(r, B_H2, "quien-informo", T("Quién informó", "Who reported"));
    const Figures *f = fig_of(r, last(r));
    Row rows[FIG_MAX_TYPES] = {{0}};
    for (int t = 0; t < f->ntypes; t++)
        rows[t] = (Row){label(r, &f->types[t]), "instancias", "tipo", f->types[t].code, v_inst_type, t, NULL};
    series_table(r, T("Instancias por tipo", "Bodies by type"), rows, f->ntypes);
    participation(r, false);
    participation(r, true);
}

/* ------------------------------------------------- IV. progress */

static const char *obj_title(R *r, int o) {
    const ReportData *rd = &r->rv->rd[last(r)];
    const char *sh = r->l == LANG_EN ? rd->short_en[o] : rd->short_es[o];
    const char *ti = r->l == LANG_EN ? rd->title_en[o] : rd->title_es[o];
    return sh && *sh ? sh : ti ? ti : "";
}

/* A program named under an objective. */
typedef struct {
    int ed;
    const char *name, *institution;
    bool practice, featured;
} Program;

/* Whether the program NAME of INSTITUTION is in V already, of any edition:
 * a continuing program keeps its name from year to year and is named once,
 * in its latest edition (issue 13 round 2, F13: it was listed twice). */
static bool named_already(const Program *v, int n, const char *name, const char *institution) {
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].name, name) == 0 && strcmp(v[i].institution, institution) == 0) return true;
    return false;
}

/* Up to MAX programs of objective O: good practices whose principal
 * objective it is first, then the highlighted actions, then the other
 * candidates (highlight_store.h), the latest edition first in each. */
static int programs(R *r, int o, Program *out, int max) {
    int n = 0;
    for (int pass = 0; pass < 3; pass++)
        for (int i = last(r); i >= 0; i--) {
            if (pass == 0) {
                for (int k = 0; k < r->rv->ngp && n < max; k++) {
                    const ReviewPractice *g = &r->rv->gp[k];
                    if (g->ed == i && g->nobj && g->objectives[0] == o && !named_already(out, n, g->name, g->institution))
                        out[n++] = (Program){i, g->name, g->institution, true, false};
                }
                continue;
            }
            const Highlights *h = &r->rv->hl[i];
            for (int k = 0; k < h->n && n < max; k++) {
                const Highlight *x = &h->items[k];
                if (x->objective == o && x->featured == (pass == 1) && !named_already(out, n, x->name, x->acronym))
                    out[n++] = (Program){i, x->name, x->acronym, false, x->featured};
            }
        }
    return n;
}

typedef struct {
    R *r;
    const Program *v;
} ProgramList;

static void program_item(void *ctx, Str *s, int i) {
    const ProgramList *p = ctx;
    R *r = p->r;
    const Program *g = &p->v[i];
    str_puts(s, T("«", "\xe2\x80\x9c"));
    doc_spanish(s, r->l, g->name);
    str_puts(s, T("» (", "\xe2\x80\x9d ("));
    doc_spanish(s, r->l, g->institution);
    str_puts(s, ", ");
    doc_text(s, ed_name(r, g->ed));
    if (g->practice) str_puts(s, T(", buena práctica", ", good practice"));
    else if (g->featured) str_puts(s, T(", destacada", ", highlighted"));
    str_puts(s, ")");
}

static void objective(R *r, int o) {
    heading(r, B_H3, arena_printf(&r->d->arena, "objetivo-%d", o),
            arena_printf(&r->d->arena, "%s %d. %s", T("Objetivo", "Objective"), o, obj_title(r, o)));
    Series x = {r, "acciones", "objetivo", num(r, o), v_obj, o, NULL};
    put(r, T("Acciones vinculadas: ", "Actions linked: "));
    series(r, &x);
    put(r, ".");
    para(r, B_P);
    Program p[3];
    int n = programs(r, o, p, 3);
    if (!n) return;
    ProgramList ctx = {r, p};
    put(r, T("Programas principales: ", "Main programmes: "));
    ph_list(&r->s, r->l, n, PH_AND, program_item, NULL, &ctx);
    put(r, ".");
    para(r, B_P);
}

static void roundtable(R *r, int m) {
    const Figures *f = fig_of(r, last(r));
    int objs[FIG_NOBJ], n = 0;
    for (int o = 1; o <= FIG_NOBJ; o++)
        if (f->roundtable[o] == m) objs[n++] = o;
    heading(r, B_H2, arena_printf(&r->d->arena, "mesa-%d", m),
            arena_printf(&r->d->arena, T("Mesa redonda %d del Foro de Examen de la Migración Internacional",
                                         "International Migration Review Forum roundtable %d"), m));
    Series x = {r, "acciones", "mesa", num(r, m), v_roundtable, m, NULL};
    put(r, T("Acciones con al menos un objetivo de esta mesa: ", "Actions with at least one objective of this "
             "roundtable: "));
    series(r, &x);
    put(r, ".");
    para(r, B_P);
    Row rows[FIG_NOBJ] = {{0}};
    for (int i = 0; i < n; i++)
        rows[i] = (Row){arena_printf(&r->d->arena, "%d. %s", objs[i], obj_title(r, objs[i])), "acciones",
                        "objetivo", num(r, objs[i]), v_obj, objs[i], NULL};
    series_table(r, T("Objetivo", "Objective"), rows, n);
    for (int i = 0; i < n; i++) objective(r, objs[i]);
}

static void populations(R *r) {
    heading(r, B_H2, "poblaciones", T("Poblaciones, género y discapacidad", "Populations, gender and disability"));
    const Figures *f = fig_of(r, last(r));
    Row rows[FIG_MAX_POPS] = {{0}};
    for (int p = 0; p < f->npops; p++)
        rows[p] = (Row){label(r, &f->pops[p]), "acciones", "poblacion", f->pops[p].code, v_pop, p, NULL};
    series_table(r, T("Población atendida", "Population served"), rows, f->npops);
    Series g = {r, "acciones", "genero", "si", v_gender, 0, NULL};
    Series d = {r, "acciones", "discapacidad", "si", v_disability, 0, NULL};
    put(r, T("Acciones con enfoque de género: ", "Actions with a gender perspective: "));
    series(r, &g);
    put(r, T(". Acciones con atención específica para personas con discapacidad: ",
             ". Actions with specific attention to persons with disabilities: "));
    series(r, &d);
    put(r, ".");
    para(r, B_P);
}

static void progress(R *r) {
    heading(r, B_H1, "progreso", T("IV. Progreso por objetivo", "IV. Progress by objective"));
    put(r, T("Los objetivos se agrupan en las cuatro mesas redondas del Foro de Examen de la Migración "
             "Internacional. Una acción cuenta una vez en cada objetivo al que se vincula, y una vez en cada mesa "
             "a la que pertenece alguno de sus objetivos.",
             "The objectives are grouped by the four roundtables of the International Migration Review Forum. "
             "An action counts once under each objective it is linked to, and once in each roundtable that one "
             "of its objectives belongs to."));
    para(r, B_P);
    for (int m = 1; m <= FIG_NROUNDTABLES; m++) roundtable(r, m);
    populations(r);
}

/* ------------------------------------------------- V. guiding principles */

static void practice_item(void *ctx, Str *s, int i) {
    const Pick *p = ctx;
    R *r = p->r;
    const ReviewPractice *g = &r->rv->gp[p->idx[i]];
    str_puts(s, T("«", "\xe2\x80\x9c"));
    doc_spanish(s, r->l, g->name);
    str_puts(s, T("» (", "\xe2\x80\x9d ("));
    doc_text(s, ed_name(r, g->ed));
    str_puts(s, ")");
}

static void principle(R *r, int p) {
    const Figures *f = fig_of(r, last(r));
    heading(r, B_H2, arena_printf(&r->d->arena, "principio-%d", p),
            arena_printf(&r->d->arena, "%d. %s", p, label(r, &f->principles[p])));
    Series x = {r, "acciones", "principio", num(r, p), v_principle, p, principles_known};
    put(r, T("Acciones etiquetadas con este principio: ", "Actions tagged with this principle: "));
    series(r, &x);
    put(r, ".");
    para(r, B_P);
    int *idx = arena_alloc(&r->d->arena, (size_t)(r->rv->ngp + 1) * sizeof *idx), n = 0;
    for (int k = 0; k < r->rv->ngp; k++)
        for (int j = 0; j < r->rv->gp[k].nprin; j++)
            if (r->rv->gp[k].principles[j] == p) idx[n++] = k;
    if (!n) return;
    Pick ctx = {r, idx};
    put(r, T("Buenas prácticas que lo aplican: ", "Good practices that apply it: "));
    ph_list(&r->s, r->l, n, PH_AND, practice_item, NULL, &ctx);
    put(r, ".");
    para(r, B_P);
}

static void edition_name_item(void *ctx, Str *s, int i) {
    const Pick *p = ctx;
    doc_text(s, ed_name(p->r, p->idx[i]));
}

/* The editions whose actions carry no guiding principle: said, so that
 * «sin datos» is not read as a fall (issue 13, hostile fault 2). */
static void untagged(R *r) {
    int *idx = arena_alloc(&r->d->arena, (size_t)(r->t->n + 1) * sizeof *idx), n = 0;
    for (int i = 0; i < r->t->n; i++)
        if (!principles_known(fig_of(r, i))) idx[n++] = i;
    if (!n) return;
    Pick ctx = {r, idx};
    put(r, lang_num(n, T("En la edición ", "In edition "), T("En las ediciones ", "In editions ")));
    ph_list(&r->s, r->l, n, PH_AND, edition_name_item, NULL, &ctx);
    put(r, T(" ninguna acción se etiquetó con principios rectores: sus cifras por principio se indican «sin datos», "
             "no como cero, y no se calcula su cambio.",
             " no action was tagged with guiding principles: their figures by principle are given as "
             "\xe2\x80\x9cno data\xe2\x80\x9d, not as zero, and no change is computed from them."));
    para(r, B_P);
}

static void principles(R *r) {
    heading(r, B_H1, "principios", T("V. Principios rectores", "V. Guiding principles"));
    put(r, T("Un capítulo por cada uno de los diez principios rectores del Pacto Mundial (párrafo 15). Una acción "
             "cuenta una vez en cada principio con que se etiquetó.",
             "A chapter for each of the Global Compact's ten guiding principles (paragraph 15). An action counts "
             "once under each principle it is tagged with."));
    para(r, B_P);
    untagged(r);
    for (int p = 1; p <= FIG_NPRIN; p++) principle(r, p);
}

/* ------------------------------------------------- VI. challenges */

typedef struct {
    R *r;
    const Row *rows;
    const int *idx;
} RowPick;

/* "Coordinación (+28 …)" / a row's name and its signed change */
static void changed_row_item(void *ctx, Str *s, int i) {
    const RowPick *p = ctx;
    const Row *w = &p->rows[p->idx[i]];
    Series x = {p->r, w->measure, w->key, w->value, w->v, w->arg, NULL};
    str_puts(s, p->r->l == LANG_ES ? "«" : "\xe2\x80\x9c");
    doc_text(s, w->label);
    str_puts(s, p->r->l == LANG_ES ? "» (" : "\xe2\x80\x9d (");
    signed_diff(p->r, s, &x);
    str_puts(s, ")");
}

/* The rows whose change from the first edition to the last is the largest
 * rise (SIGN 1) or fall (SIGN -1), a tie all named; nothing when none
 * rose (fell). */
static void biggest_change(R *r, const Row *rows, int n, int sign) {
    long best = 0;
    int *idx = arena_alloc(&r->d->arena, (size_t)(n + 1) * sizeof *idx), k = 0;
    for (int i = 0; i < n; i++) {
        long d = sign * (rows[i].v(fig_of(r, last(r)), rows[i].arg) - rows[i].v(fig_of(r, 0), rows[i].arg));
        if (d > best) {
            best = d;
            k = 0;
        }
        if (d > 0 && d == best) idx[k++] = i;
    }
    if (!k) return;
    RowPick ctx = {r, rows, idx};
    put(r, sign > 0 ? lang_num(k, T("La categoría que más creció en el periodo: ", "The category that grew most "
                                    "over the period: "),
                               T("Las categorías que más crecieron en el periodo, por igual: ", "The categories "
                                 "that grew most over the period, equally: "))
                    : lang_num(k, T("La que más disminuyó: ", "The one that fell most: "),
                               T("Las que más disminuyeron, por igual: ", "Those that fell most, equally: ")));
    ph_list(&r->s, r->l, k, PH_AND, changed_row_item, NULL, &ctx);
    put(r, ".");
    para(r, B_P);
}

static void challenges(R *r) {
    heading(r, B_H1, "retos", T("VI. Retos y su evolución", "VI. Challenges and how they changed"));
    Series x = {r, "retos", NULL, NULL, v_challenges, 0, NULL};
    put(r, T("Retos que las instancias reportaron: ", "Challenges the bodies reported: "));
    series(r, &x);
    put(r, ".");
    para(r, B_P);
    const Figures *f = fig_of(r, last(r));
    Row *rows = arena_alloc(&r->d->arena, (size_t)(f->ncats + 1) * sizeof *rows);
    int n = 0;
    for (int k = 0; k < f->ncats; k++) {
        bool any = false;      /* a category no edition names is left out, as in pmm trend */
        for (int i = 0; i < r->t->n; i++) any = any || fig_of(r, i)->by_cat[k];
        if (any) rows[n++] = (Row){label(r, &f->cats[k]), "retos", "categoria", report_category(&r->d->arena, f, k),
                                   v_cat, k, NULL};
    }
    int ncat = n;          /* the categories: «Sin clasificar» is none, never ranked (issue 13 round 2, F13) */
    bool unclassified = false;
    for (int i = 0; i < r->t->n; i++) unclassified = unclassified || fig_of(r, i)->unclassified;
    if (unclassified)
        rows[n++] = (Row){T("Sin clasificar", "Unclassified"), "retos", "categoria", report_category(&r->d->arena, f, -1),
                          v_unclassified, 0, NULL};
    if (n) series_table(r, T("Categoría de reto", "Challenge category"), rows, n);
    if (r->t->n > 1) {
        biggest_change(r, rows, ncat, 1);
        biggest_change(r, rows, ncat, -1);
    }
}

/* ------------------------------------------------- annexes */

static void annex_figures(R *r) {
    heading(r, B_H2, "anexo-cifras", T("Anexo A. Las cifras", "Annex A. The figures"));
    const Figures *f = fig_of(r, last(r));
    Row rows[1 + FIG_MAX_TYPES];
    rows[0] = (Row){T("Acciones validadas", "Validated actions"), "acciones", NULL, NULL, v_actions, 0, NULL};
    for (int t = 0; t < f->ntypes; t++)
        rows[1 + t] = (Row){label(r, &f->types[t]), "acciones", "tipo", f->types[t].code, v_type, t, NULL};
    series_table(r, T("Acciones por tipo de instancia", "Actions by type of body"), rows, 1 + f->ntypes);
    Row objs[FIG_NOBJ];
    for (int o = 1; o <= FIG_NOBJ; o++)
        objs[o - 1] = (Row){arena_printf(&r->d->arena, "%d. %s", o, obj_title(r, o)), "acciones", "objetivo",
                            num(r, o), v_obj, o, NULL};
    series_table(r, T("Acciones por objetivo", "Actions by objective"), objs, FIG_NOBJ);
    Row prin[FIG_NPRIN];
    for (int p = 1; p <= FIG_NPRIN; p++)
        prin[p - 1] = (Row){arena_printf(&r->d->arena, "%d. %s", p, label(r, &f->principles[p])), "acciones",
                            "principio", num(r, p), v_principle, p, principles_known};
    series_table(r, T("Acciones por principio rector", "Actions by guiding principle"), prin, FIG_NPRIN);
}

static void annex_practices(R *r) {
    heading(r, B_H2, "anexo-practicas", T("Anexo B. Las buenas prácticas", "Annex B. The good practices"));
    if (!r->rv->ngp) {
        doc_add(r->d, B_P, r->t->n == 1 ? T("Ninguna acción de la edición está marcada como buena práctica.",
                                            "No action of the edition is marked as a good practice.")
                                        : T("Ninguna acción de las ediciones del periodo está marcada como buena "
                                            "práctica.", "No action of the period's editions is marked as a good "
                                            "practice."));
        return;
    }
    Table *tb = doc_table(r->d, 5, r->rv->ngp + 1);
    const char *head[] = {T("Edición", "Edition"), T("Folio", "Reference"), T("Nombre", "Name"),
                          T("Instancia", "Body"), T("Objetivos", "Objectives")};
    for (int c = 0; c < 5; c++) doc_cell(r->d, tb, 0, c, head[c]);
    for (int k = 0; k < r->rv->ngp; k++) {
        const ReviewPractice *g = &r->rv->gp[k];
        Str objs = STR_INIT;
        for (int j = 0; j < g->nobj; j++) str_printf(&objs, "%s%d", j ? ", " : "", g->objectives[j]);
        doc_cell(r->d, tb, k + 1, 0, plain(r, ed_name(r, g->ed)));
        doc_cell(r->d, tb, k + 1, 1, plain(r, g->folio));
        doc_cell(r->d, tb, k + 1, 2, plain(r, g->name));
        doc_cell(r->d, tb, k + 1, 3, plain(r, g->institution));
        doc_cell(r->d, tb, k + 1, 4, str_cstr(&objs));
        str_free(&objs);
    }
}

/* The bodies that reported in any edition, each once (by id), with its
 * validated actions in each edition. */
typedef struct {
    const ReportInst *in;
    int64_t id;
} Body;

static int body_index(const Body *v, int n, int64_t id) {
    for (int i = 0; i < n; i++)
        if (v[i].id == id) return i;
    return -1;
}

static long inst_actions(const ReportData *rd, int64_t id) {
    for (int k = 0; k < rd->ninst; k++)
        if (rd->insts[k].id == id) return rd->insts[k].actions;
    return 0;
}

static void annex_bodies(R *r) {
    heading(r, B_H2, "anexo-instancias", T("Anexo C. Las instancias que informaron", "Annex C. The reporting bodies"));
    int cap = 0, n = 0;
    for (int i = 0; i < r->t->n; i++) cap += r->rv->rd[i].ninst;
    Body *v = arena_alloc(&r->d->arena, (size_t)(cap + 1) * sizeof *v);
    for (int i = r->t->n - 1; i >= 0; i--)      /* the latest edition's name of a body */
        for (int k = 0; k < r->rv->rd[i].ninst; k++) {
            const ReportInst *in = &r->rv->rd[i].insts[k];
            if (in->actions > 0 && body_index(v, n, in->id) < 0) v[n++] = (Body){in, in->id};
        }
    int ncols = 2 + r->t->n;
    Table *tb = doc_table(r->d, ncols, n + 1);
    doc_cell(r->d, tb, 0, 0, T("Instancia", "Body"));
    doc_cell(r->d, tb, 0, 1, T("Tipo", "Type"));
    for (int i = 0; i < r->t->n; i++) {
        doc_cell(r->d, tb, 0, 2 + i, plain(r, ed_name(r, i)));
        tb->numeric[2 + i] = true;
    }
    for (int b = 0; b < n; b++) {
        const ReportInst *in = v[b].in;
        Str s = STR_INIT;
        doc_spanish(&s, r->l, *in->acronym ? arena_printf(&r->d->arena, "%s, %s", in->acronym, in->name) : in->name);
        doc_cell(r->d, tb, b + 1, 0, str_cstr(&s));
        doc_cell(r->d, tb, b + 1, 1, plain(r, in->type));
        for (int i = 0; i < r->t->n; i++) {
            str_clear(&s);
            doc_fig(&s, r->l, flt(r, i, "acciones", "institucion", arena_printf(&r->d->arena, "%lld", (long long)in->id)), inst_actions(&r->rv->rd[i], in->id));
            doc_cell(r->d, tb, b + 1, 2 + i, str_cstr(&s));
        }
        str_free(&s);
    }
}

static void annexes(R *r) {
    heading(r, B_H1, "anexos", T("Anexos", "Annexes"));
    annex_figures(r);
    annex_practices(r);
    annex_bodies(r);
}

/* ------------------------------------------------- the document */

/* «la edición 2024», «las ediciones 2023-ejemplo y 2024»: what the cover
 * note and the footer say the records are of (issue 13, hostile fault 8). */
static const char *records(R *r) {
    Str s = STR_INIT;
    str_puts(&s, lang_num(r->t->n, T("la edición ", "edition "), T("las ediciones ", "editions ")));
    for (int i = 0; i < r->t->n; i++) {
        str_puts(&s, lang_list_sep(r->l, i, r->t->n, ed_name(r, i)));
        str_puts(&s, ed_name(r, i));
    }
    const char *z = arena_strdup(&r->d->arena, str_cstr(&s));
    str_free(&s);
    return z;
}

/* Before any figure: which editions are synthetic examples, not real
 * figures (issue 13, hostile fault 1). */
static void synthetic_notice(R *r) {
    int *idx = arena_alloc(&r->d->arena, (size_t)(r->t->n + 1) * sizeof *idx), n = 0;
    for (int i = 0; i < r->t->n; i++)
        if (fig_of(r, i)->synthetic) idx[n++] = i;
    if (!n) return;
    Pick ctx = {r, idx};
    put(r, lang_num(n, T("Aviso: la edición ", "Notice: edition "), T("Aviso: las ediciones ", "Notice: editions ")));
    ph_list(&r->s, r->l, n, PH_AND, edition_name_item, NULL, &ctx);
    put(r, lang_num(n, T(" es un ejemplo sintético que generó pmm: sus cifras no son reales, no son las de ningún país "
                         "ni las de ningún informe publicado.",
                         " is a synthetic example generated by pmm: its figures are not real, not those of any "
                         "country nor of any published report."),
                    T(" son ejemplos sintéticos que generó pmm: sus cifras no son reales, no son las de ningún país "
                      "ni las de ningún informe publicado.",
                      " are synthetic examples generated by pmm: their figures are not real, not those of any "
                      "country nor of any published report.")));
    para(r, B_P);
}

static void cover(R *r) {
    const Edition *a = &r->t->eds[0], *b = &r->t->eds[last(r)];
    const char *range = r->t->n > 1 ? arena_printf(&r->d->arena, "%s\xe2\x80\x93%s", a->name, b->name) : a->name;
    doc_front(r->d, "Examen voluntario del Pacto Mundial para la Migración", "Voluntary GCM review", range,
              a->period_start, b->period_end);
    const Imprint *im = &r->rv->imprint;
    report_issuer(r->d, im);                 /* the Informe's: "issuer · country" */
    doc_records(r->d, records(r));
    /* an issuer not set is left out, and said once (report_missing_note) */
    const char *issuer = imprint_value(im, IMPRINT_ISSUER, r->l);
    r->d->source = arena_printf(&r->d->arena, "%s %s%s%s%s", T("Fuente:", "Source:"),
                                issuer ? issuer : "", issuer ? ", " : "", r->d->title,
                                T(", registros de pmm.", ", pmm records."));
}

void review_build(Doc *d, const ReviewData *rv, const Review *texts) {
    R r = {d, rv, &rv->t, texts, d->lang, STR_INIT, false};
    if (!rv->t.n) return;
    cover(&r);
    synthetic_notice(&r);
    unit_chapter(&r, "introduccion", "I", RT_INTRODUCTION);
    methodology(&r);
    unit_chapter(&r, "politica", "III", RT_POLICY);
    progress(&r);
    principles(&r);
    challenges(&r);
    unit_chapter(&r, "medios", "VII", RT_MEANS);
    unit_chapter(&r, "proximos-pasos", "VIII", RT_NEXT_STEPS);
    annexes(&r);
    report_missing_note(d, &rv->imprint, false);    /* issue 13 (R13B): the Informe's one note */
    str_free(&r.s);
}
