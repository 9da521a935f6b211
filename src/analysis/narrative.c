/*
 * The Informe Ejecutivo, written from the records. Spanish and English
 * sentences stand side by side (T(es, en)); agreement with counts, lists
 * and numbers go through util/lang.h. See docs/report.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/narrative.h"
#include "store/demo_store.h"
#include "analysis/phrase.h"
#include "render/export.h"      /* EXPORT_DEFAULT_LICENSE: the data's, the Informe's too */
#include "util/i18n.h"
#include "util/mem.h"
#include "util/rounding.h"
#include "util/text.h"

typedef struct {
    Doc *d;
    const Figures *f;
    const ReportData *rd;
    const ReportOptions *o;
    Lang l;
    Str s;                      /* the paragraph being written */
} R;

#define T(es, en) lang_pick(r->l, es, en)

/* ---------------------------------------------------------------- filters */



static char *vfilter(Arena *a, const char *edition, const char *measure, va_list ap) {
    Str s = STR_INIT;
    str_puts(&s, "edicion=");
    str_url(&s, edition);
    str_puts(&s, "&medida=");
    str_url(&s, measure);
    const char *k;
    while ((k = va_arg(ap, const char *))) {
        const char *v = va_arg(ap, const char *);
        str_printf(&s, "&%s=", k);
        str_url(&s, v);
    }
    char *r = arena_strdup(a, str_cstr(&s));
    str_free(&s);
    return r;
}

char *report_filter(Arena *a, const char *edition, const char *measure, ...) {
    va_list ap;
    va_start(ap, measure);
    char *r = vfilter(a, edition, measure, ap);
    va_end(ap);
    return r;
}

const char *report_category(Arena *a, const Figures *f, int k) {
    return k < 0 ? "ninguna" : arena_printf(a, "%lld", f->cat_ids[k]);
}

static char *flt(R *r, const char *measure, ...) {
    va_list ap;
    va_start(ap, measure);
    char *z = vfilter(&r->d->arena, r->f->edition, measure, ap);
    va_end(ap);
    return z;
}

static const char *num(R *r, long n) { return arena_printf(&r->d->arena, "%ld", n); }

/* The «institucion» of IN's filter: its id, which a rename leaves alone,
 * not its acronym, which a rename (or a new body given the old acronym)
 * would make mean another (issue 16, verification round 3, fault 2). */
static const char *inst_v(R *r, const ReportInst *in) {
    return arena_printf(&r->d->arena, "%lld", (long long)in->id);
}

/* The «categoria» of category K's filter (K < 0: unclassified). */
static const char *cat_v(R *r, int k) { return report_category(&r->d->arena, r->f, k); }

/* «&categoria=3,7,12», the categories IDX[FROM..N-1], onto OUT: the
 * filter of «Otros retos», a comma list meaning any of them, one parameter
 * as /acciones and the API's list take it (issue 13 round 3, F13C: the key
 * given once per category was refused there). */
static void other_cats(R *r, Str *out, const int *idx, int from, int n) {
    str_puts(out, "&categoria=");
    for (int i = from; i < n; i++) {
        if (i > from) str_putc(out, ',');
        str_url(out, cat_v(r, idx[i]));
    }
}

/* ------------------------------------------------------------- paragraphs */

static void put(R *r, const char *plain) { doc_text(&r->s, plain); }

/* Whether the edition has a whole period to name (issue 11: an edition
 * created before its period was set prints no dangling "from  to "). */
static bool has_period(const Figures *f) { return *f->period_start && *f->period_end; }

static void putf(R *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(R *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Str t = STR_INIT;
    str_vprintf(&t, fmt, ap);
    va_end(ap);
    doc_text(&r->s, str_cstr(&t));
    str_free(&t);
}

static void fig(R *r, const char *filter, long v) { doc_fig(&r->s, r->l, filter, v); }

/* A count in running text, of a noun of gender G: zero to nine in words
 * (doc_count; issue 12, UN style). Counts in parentheses after a name
 * stay figures (fig). */
static void count(R *r, const char *filter, long v, NumGender g) { doc_count(&r->s, r->l, filter, v, g); }

/* A count in running text that no filter counts: a whole («de las 32
 * entidades federativas», «de los 23 objetivos»), which decides with the
 * count it is the whole of whether both are figures, or a number of
 * objectives («los otros cinco»); MEASURE is what it counts
 * (doc_count_plain). */
static void count_plain(R *r, const char *measure, long v, NumGender g) { doc_count_plain(&r->s, r->l, measure, v, g); }

/* Spanish left in an English Informe (a record's text, an institution's
 * name): marked so, as the document is in another language (DOC_ES). */
static void spanish(R *r, bool on) {
    if (r->l != LANG_ES) str_puts(&r->s, on ? DOC_ES : DOC_UNES);
}

static void para(R *r, BlockKind kind) {
    const char *z = str_cstr(&r->s);
    while (*z == ' ') z++;
    if (*z) doc_add(r->d, kind, z);
    str_clear(&r->s);
}

/* Whether the figure of the current section already says NOTE (round 3:
 * «suman 99 %» under the chart and again under the sentence that reads
 * it, the same shares). */
static bool section_chart_says(R *r, const char *note) {
    const Block *chart = NULL;
    for (const Block *b = r->d->head; b; b = b->next) {
        if (b->kind == B_CHART) chart = b;
        else if (b->kind == B_H1 || b->kind == B_H2 || b->kind == B_H3) chart = NULL;
    }
    return chart && chart->chart->note && strstr(chart->chart->note, note);
}

/* The note under a table or sentence whose percentages add up to SUM,
 * when not 100 (and the section's figure does not say it already). */
static void share_note(R *r, long sum) {
    const char *note = ph_share_note(&r->d->arena, r->l, sum);
    if (note && !section_chart_says(r, note)) doc_add(r->d, B_NOTE, note);
}

static void heading(R *r, BlockKind kind, const char *anchor, bool toc, const char *text) {
    doc_heading(r->d, kind, anchor, toc, text);
}

/* ---------------------------------------------------------------- naming */

static const char *type_name(R *r, int t) {
    return r->l == LANG_EN ? r->f->types[t].name_en : r->f->types[t].name_es;
}

/* The Spanish article of gender G ('f', 'm') and number N ('s', 'p'). */
static const char *article_es(char g, char n) {
    return g == 'm' ? (n == 'p' ? "los" : "el") : (n == 'p' ? "las" : "la");
}

/* The article of a reporter type, from the gender and number its catalog
 * row gives its Spanish name (reporter_types.csv: genero, numero). */
static const char *type_article(R *r, int t) {
    if (r->l == LANG_EN) return "the";
    return article_es(r->f->type_info[t].gender, r->f->type_info[t].number);
}

/* ------------------------------------------------- the country's pack */

/* The pack's word at P[lang] ("" when not recorded). */
static const char *pack_word(R *r, const char *const *p) {
    return r->o->imprint && p[r->l] ? p[r->l] : "";
}

/* The pack of the database (NULL when the report has no imprint). */
static const Pack *pack_of(R *r) { return r->o->imprint ? &r->o->imprint->pack : NULL; }

/* The pack's subnational unit, one or several ("entidad federativa",
 * "departments"); a neutral word when the database records none. */
static const char *unit(R *r, bool many) {
    const Pack *p = pack_of(r);
    const char *w = p ? pack_word(r, many ? p->unit_pl : p->unit_sg) : "";
    if (*w) return w;
    return many ? T("unidades subnacionales", "subnational units") : T("unidad subnacional", "subnational unit");
}

/* The Spanish gender of the unit's noun ('f' unless the pack says 'm'). */
static char unit_gender(R *r) {
    const Pack *p = pack_of(r);
    return p && p->unit_gender && p->unit_gender[0] == 'm' ? 'm' : 'f';
}

/* "las" / "los" before the units in Spanish; "the" in English. */
static const char *unit_article(R *r) { return T(article_es(unit_gender(r), 'p'), "the"); }

/* Z with its first letter in upper case, in the report's arena. */
static const char *capital(R *r, const char *z) { return text_capitalize(&r->d->arena, z); }

/* S gets Z with its ASCII capitals in lower case (the catalog's type
 * names have no accented capital). */
static void text_lower_ascii(Str *s, const char *z) {
    for (; *z; z++) str_putc(s, *z >= 'A' && *z <= 'Z' ? (char)(*z - 'A' + 'a') : *z);
}

/* A catalog name mid-sentence: in Spanish, a name whose last word is in
 * lower case is a common noun ("Entidades federativas", "Migrantes
 * extranjeros") and loses its capital; proper names keep theirs. */
static void common_name(R *r, const char *name) {
    const char *last = strrchr(name, ' ');
    bool common;
    if (r->l == LANG_ES) {
        common = last && last[1] >= 'a' && last[1] <= 'z';
    } else {
        /* English: a name with no capital after its first letter is a
         * common noun ("Constitutional autonomous bodies", "States"); the
         * pack's demonym keeps its capital ("Guatemalans abroad") */
        const Pack *pk = pack_of(r);
        const char *dem = pk ? pack_word(r, pk->demonym) : "";
        size_t nd = strlen(dem);
        common = !nd || strncmp(name, dem, nd) != 0;
        for (const char *p = name + 1; *p && common; p++)
            if (p[-1] == ' ' && *p >= 'A' && *p <= 'Z' && (!nd || strncmp(p, dem, nd) != 0)) common = false;
    }
    if (common && name[0] >= 'A' && name[0] <= 'Z') putf(r, "%c%s", name[0] - 'A' + 'a', name + 1);
    else put(r, name);
}

/* "por la Administración Pública Federal", "del Poder Judicial", "de las
 * entidades federativas": PREP ("por", "de", "a" or "") and the article,
 * contracted as Spanish does. A name whose last word is in lower case is a
 * common noun ("Entidades federativas") and goes in lower case mid-sentence. */
static void type_prefix(R *r, int t, const char *prep) {
    const char *art = type_article(r, t);
    if (r->l == LANG_ES && strcmp(art, "el") == 0 && (!strcmp(prep, "de") || !strcmp(prep, "a"))) {
        putf(r, "%s ", strcmp(prep, "de") == 0 ? "del" : "al");
    } else {
        if (*prep) putf(r, "%s ", prep);
        if (*art) putf(r, "%s ", art);
    }
}

/* Whether reporter type T is a class of bodies, written in lower case
 * mid-sentence in Spanish as the RAE asks («los organismos constitucionales
 * autónomos», «las organizaciones de la sociedad civil»), although the
 * catalog capitalises it: a type named in the plural (numero "pl"); one
 * named in the singular is a proper name («el Organismo Ejecutivo»), and
 * so is one the pack marks «nombre_propio» («las Fuerzas Armadas»: issue
 * 16, hostile fault 18; docs/packs.md), which keeps its case. */
static bool type_is_class(R *r, int t) {
    return r->l == LANG_ES && r->f->type_info[t].number == 'p' && !r->f->type_info[t].proper;
}

/* A reporter type's name mid-sentence. */
static void type_mid(R *r, int t) {
    if (!type_is_class(r, t)) {
        common_name(r, type_name(r, t));
        return;
    }
    Str low = STR_INIT;
    text_lower_ascii(&low, type_name(r, t));
    put(r, str_cstr(&low));
    str_free(&low);
}

static void type_ref(R *r, int t, const char *prep) {
    type_prefix(r, t, prep);
    type_mid(r, t);
}

/* Bodies of a reporter type, counted: "35 dependencias de la Administración
 * Pública Federal", with the nouns its catalog row gives (reporter_types.csv:
 * instancia_es, instancias_es, ...); a type without them by name. */
static void bodies_of_type(R *r, int t, long n) {
    const char *noun = r->f->type_info[t].body[r->l][n == 1 ? 0 : 1];
    const char *noun_es = r->f->type_info[t].body[LANG_ES][0];
    count(r, flt(r, "instancias", "tipo", r->f->types[t].code, NULL), n, *noun_es ? num_gender_es(noun_es) : NUM_FEM);
    if (*noun) {
        putf(r, " %s", noun);
        return;
    }
    putf(r, " %s (%s)", T(lang_num(n, "instancia", "instancias"), lang_num(n, "body", "bodies")),
         type_name(r, t));
}

/* A state's name in the report's language: the English one (UN usage,
 * "Mexico City") when the catalog has it, else its own name. */
static const char *state_name(R *r, const ReportInst *in) {
    return r->l == LANG_EN && *in->state_name_en ? in->state_name_en : in->state_name;
}

static const char *obj_title(R *r, int o) {
    const char *t = r->l == LANG_EN ? r->rd->title_en[o] : r->rd->title_es[o];
    return t ? t : "";
}

/* The label of objective O in a chart, "7. Reducir vulnerabilidades": its
 * short label (the UN Network on Migration's, objectives.csv), or, when
 * the catalog has none, its full title, which the chart wraps. */
static const char *obj_label(R *r, int o) {
    const char *t = r->l == LANG_EN ? r->rd->short_en[o] : r->rd->short_es[o];
    return arena_printf(&r->d->arena, "%d. %s", o, t && *t ? t : obj_title(r, o));
}

/* Reporter types with actions in objective O (or overall when O == 0),
 * ordered by count, largest first, ties in catalog order. */
static int types_by_count(R *r, int o, int *idx) {
    const Figures *f = r->f;
    int n = 0;
    for (int t = 0; t < f->ntypes; t++) {
        long v = o ? f->by_obj_type[o][t] : f->by_type[t];
        if (v > 0) idx[n++] = t;
    }
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            long a = o ? f->by_obj_type[o][idx[j - 1]] : f->by_type[idx[j - 1]];
            long b = o ? f->by_obj_type[o][idx[j]] : f->by_type[idx[j]];
            if (b <= a) break;
            int tmp = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = tmp;
        }
    return n;
}

/* ------------------------------------------------------------- findings */

/* The objectives with the most actions (the top three, and any tied with
 * the third) and with the fewest, from V[1..23]. */
typedef struct {
    int most[FIG_NOBJ], nmost;
    int least[FIG_NOBJ], nleast;
    long max, min;
} Extremes;

static void extremes(const long *v, Extremes *e) {
    memset(e, 0, sizeof *e);
    int order[FIG_NOBJ];
    for (int i = 0; i < FIG_NOBJ; i++) order[i] = i + 1;
    for (int i = 1; i < FIG_NOBJ; i++)
        for (int j = i; j > 0 && v[order[j]] > v[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    e->max = v[order[0]];
    e->min = v[order[FIG_NOBJ - 1]];
    for (int i = 0; i < FIG_NOBJ; i++) {
        int o = order[i];
        if (v[o] == e->min) continue;
        if (e->nmost < 3 || v[o] == v[e->most[e->nmost - 1]]) e->most[e->nmost++] = o;
    }
    /* a tie at the third place that would make a long list is left out */
    if (e->nmost > 4) {
        long last = v[e->most[e->nmost - 1]];
        int k = e->nmost;
        while (k > 0 && v[e->most[k - 1]] == last) k--;
        if (k > 0) e->nmost = k;
    }
    for (int o = 1; o <= FIG_NOBJ; o++)
        if (v[o] == e->min) e->least[e->nleast++] = o;
}

static const char *cat_name(R *r, int c) {
    return r->l == LANG_EN ? r->f->cats[c].name_en : r->f->cats[c].code;
}

/* Whether category A goes before B: more mentions V first, a tie in the
 * reader's alphabetical order of their names (ph_collate). */
static bool cat_before(R *r, const long *v, int a, int b) {
    return v[a] != v[b] ? v[a] > v[b] : ph_collate(r->l, cat_name(r, a), cat_name(r, b)) < 0;
}

/* Categories of challenges with mentions in V, ordered by cat_before. */
static int cats_by_count(R *r, const long *v, int *idx) {
    int n = 0;
    for (int c = 0; c < r->f->ncats; c++)
        if (v[c] > 0) idx[n++] = c;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && cat_before(r, v, idx[j], idx[j - 1]); j--) {
            int t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    return n;
}

/* «name» in Spanish, “name” in English. */
static void quoted(R *r, const char *name) {
    put(r, T("«", "“"));
    put(r, name);
    put(r, T("»", "”"));
}

/* The filter of the actions of objective O (of reporter type TYPE, or all
 * when TYPE < 0). */
static char *obj_filter(R *r, int o, int type) {
    return type < 0 ? flt(r, "acciones", "objetivo", num(r, o), NULL)
                    : flt(r, "acciones", "objetivo", num(r, o), "tipo", r->f->types[type].code, NULL);
}

/* A list of objectives for phrase.h: each one a reference to its count V[o]
 * with CLAIM, "el 7" with ARTICLE, "7 (46)" with WITH_COUNT. */
typedef struct {
    R *r;
    const int *objs;
    int type;
    const long *v;
    const char *claim;
    bool with_count, article;
} ObjList;

static void obj_item(void *ctx, Str *s, int i) {
    const ObjList *L = ctx;
    R *r = L->r;
    int o = L->objs[i];
    char *fl = obj_filter(r, o, L->type);
    if (L->article && r->l == LANG_ES) str_puts(s, "el ");
    doc_ref(s, fl, L->v[o], L->claim, num(r, o));
    if (L->with_count) {
        str_puts(s, " (");
        doc_fig(s, r->l, fl, L->v[o]);
        str_puts(s, ")");
    }
}

/* "el 7 (46), el 4 (39) y el 15 (37)". TYPE < 0: all reporter types. */
static void objective_list(R *r, const int *objs, int n, int type, const long *v,
                           const char *claim, bool with_count, bool article) {
    ObjList L = {r, objs, type, v, claim, with_count, article};
    ph_list(&r->s, r->l, n, PH_AND, obj_item, NULL, &L);
}

/* "el objetivo 7" / "los objetivos 1–5, 7 y 9": numbers in runs, no counts. */
static void objective_runs(R *r, const int *objs, int n, int type, const long *v, const char *claim) {
    put(r, n == 1 ? T("el objetivo ", "objective ") : T("los objetivos ", "objectives "));
    ObjList L = {r, objs, type, v, claim, false, false};
    ph_runs(&r->s, r->l, objs, n, obj_item, &L);
}

/* Whether reporter type T is named with a feminine article (la, las). */
static bool type_feminine(R *r, int t) {
    const char *art = r->l == LANG_ES ? type_article(r, t) : "";
    return !strcmp(art, "la") || !strcmp(art, "las");
}

/* Tied reporter types for phrase.h: "la APF y las entidades federativas". */
typedef struct {
    R *r;
    const int *types;
    const char *prep;
} TypeList;

static void type_item(void *ctx, Str *s, int i) {
    TypeList *L = ctx;
    (void)s;                    /* type_ref writes into r->s, which is S */
    type_ref(L->r, L->types[i], i == 0 ? L->prep : "");
}

/* Reporter types IDX[0..N), ordered by their counts V[IDX[i]] (largest
 * first), written as groups of equal counts, never as a ranking:
 * "por la APF y las entidades federativas (17 cada una) y, en menor medida,
 * por el Poder Judicial (6)". FILTER(R, t, ARG) is the filter of type t's
 * count. With one type, no count: the sentence already gave the total. */
static void type_groups(R *r, const int *idx, int n, const long *v, const char *prep,
                        char *(*filter)(R *, int, int), int arg) {
    long vals[FIG_MAX_TYPES];
    int start[FIG_MAX_TYPES + 1];
    for (int i = 0; i < n; i++) vals[i] = v[idx[i]];
    int g = ph_ties(vals, n, start);
    for (int k = 0; k < g; k++) {
        int size = start[k + 1] - start[k];
        if (k == 1) put(r, T(" y, en menor medida, ", " and, to a lesser extent, "));
        else if (k > 1) put(r, lang_list_sep(r->l, k - 1, g - 1, NULL));
        TypeList L = {r, idx + start[k], k <= 1 ? prep : ""};
        ph_list(&r->s, r->l, size, PH_AND, type_item, NULL, &L);
        if (n == 1) break;
        put(r, " (");
        fig(r, filter(r, idx[start[k]], arg), vals[start[k]]);
        if (size > 1) {
            bool fem = true;
            for (int i = start[k]; i < start[k + 1]; i++) fem = fem && type_feminine(r, idx[i]);
            putf(r, " %s", ph_each(r->l, fem));
        }
        put(r, ")");
    }
}

/* ------------------------------------------------------------- sections */

static void preamble(R *r) {
    heading(r, B_H1, "preambulo", true, T("I. Preámbulo", "I. Preamble"));
    if (r->rd->preamble && *r->rd->preamble) {
        /* the unit's own text: paragraphs are separated by blank lines */
        const char *p = r->rd->preamble;
        while (*p) {
            const char *e = strstr(p, "\n\n");
            if (!e) e = p + strlen(p);
            Str t = STR_INIT;
            str_append(&t, p, (size_t)(e - p));
            put(r, str_cstr(&t));
            str_free(&t);
            para(r, B_P);
            p = *e ? e + 2 : e;
            while (*p == '\n') p++;
        }
        return;
    }
    Str period = STR_INIT;
    lang_period(&period, r->l, r->f->period_start, r->f->period_end);   /* the one rule (N6) */
    /* issue 11: an edition without a period says no "from  to " */
    if (!r->f->actions)      /* t12w, F9: no analysis of actions that are not there */
        putf(r, T("En el marco del compromiso con el Pacto Mundial para una Migración Segura, Ordenada "
                  "y Regular (PMM) de las Naciones Unidas, este informe corresponde %s%s; la edición no "
                  "tiene todavía acciones registradas, por lo que no hay programas ni acciones que analizar.",
                  "Within the commitment to the United Nations Global Compact for Safe, Orderly and "
                  "Regular Migration (GCM), this report covers %s%s; the edition has no recorded actions "
                  "yet, so there are no programmes or actions to analyse."),
             has_period(r->f) ? T("al periodo de ", "the period ") : T("a la edición ", "the edition "),
             has_period(r->f) ? str_cstr(&period) : r->f->edition);
    else if (has_period(r->f))
        putf(r, T("En el marco del compromiso con el Pacto Mundial para una Migración Segura, Ordenada "
                  "y Regular (PMM) de las Naciones Unidas, este informe presenta un análisis de los "
                  "programas y acciones que reportaron las instancias participantes durante el periodo "
                  "de %s, en concordancia con los 23 objetivos del PMM.",
                  "Within the commitment to the United Nations Global Compact for Safe, Orderly and "
                  "Regular Migration (GCM), this report analyses the programmes and actions reported "
                  "by the participating bodies for the period %s, in line with the 23 "
                  "objectives of the Compact."),
             str_cstr(&period));
    else
        put(r, T("En el marco del compromiso con el Pacto Mundial para una Migración Segura, Ordenada "
                 "y Regular (PMM) de las Naciones Unidas, este informe presenta un análisis de los "
                 "programas y acciones que reportaron las instancias participantes, en concordancia "
                 "con los 23 objetivos del PMM.",
                 "Within the commitment to the United Nations Global Compact for Safe, Orderly and "
                 "Regular Migration (GCM), this report analyses the programmes and actions reported "
                 "by the participating bodies, in line with the 23 objectives of the Compact."));
    para(r, B_P);
    putf(r, T("Los resultados se presentan en dos documentos: un Compendio General, que reúne todas "
              "las acciones tal como fueron reportadas, y este Informe Ejecutivo, que destaca las "
              "principales acciones relacionadas con los 23 objetivos, así como los retos "
              "identificados para su implementación. Todas las cifras de este informe se calcularon "
              "a partir de los registros de la edición %s.",
              "The results are published in two documents: a General Compendium with every action "
              "as it was reported, and this Executive Report, which highlights the main actions "
              "under the 23 objectives and the challenges identified in implementing them. Every "
              "figure in this report was computed from the records of the %s edition."),
         r->f->edition);
    para(r, B_P);
    str_free(&period);
}

static void composition(R *r) {
    const Figures *f = r->f;
    heading(r, B_H1, "conformacion", true, T("II. Conformación del informe", "II. Composition of the report"));
    if (!f->actions) {
        /* no «(0)» (verification round, fault 8): the zero is the sentence's
         * claim, still a mark the report test checks */
        put(r, T("La edición no tiene ", "The edition has no "));
        doc_ref(&r->s, flt(r, "acciones", NULL), 0, "zero", T("acciones registradas", "recorded actions"));
        put(r, T(" todavía.", " yet."));
        para(r, B_P);
        return;
    }
    put(r, T("Para la construcción del presente informe se contó con la participación de ",
             "This report draws on the contributions of "));
    int idx[FIG_MAX_TYPES], n = 0;
    for (int t = 0; t < f->ntypes; t++)
        if (f->inst_by_type[t] > 0) idx[n++] = t;
    if (n == 1) {
        bodies_of_type(r, idx[0], f->inst_by_type[idx[0]]);    /* the total would repeat it */
    } else {
        ph_count(&r->s, r->l, flt(r, "instancias", NULL), f->institutions, NUM_FEM, T("instancia", "body"),
                 T("instancias", "bodies"));
        put(r, ": ");
        for (int i = 0; i < n; i++) {
            put(r, lang_list_sep(r->l, i, n, NULL));
            bodies_of_type(r, idx[i], f->inst_by_type[idx[i]]);
        }
    }
    put(r, ". ");
    if (f->states > 0) {
        /* «La participación estatal», "State participation": the pack's
         * adjective for its units, or the units by name */
        const Pack *pk = pack_of(r);
        const char *adj = pk ? pack_word(r, pk->unit_adj) : "";
        if (*adj) putf(r, T("La participación %s abarcó ", "%s participation covered "), adj);
        else if (r->l == LANG_ES) putf(r, "La participación de %s %s abarcó ", unit_article(r), unit(r, true));
        else putf(r, "Participation of the %s covered ", unit(r, true));
        /* the whole is the units' catalog, not a number of one country */
        int all = r->o->imprint ? r->o->imprint->states_in_catalog : 0;
        NumGender ug = unit_gender(r) == 'm' ? NUM_MASC : NUM_FEM;
        if (f->states == all) {
            /* «la única región», "both regions" (round 5, fault 3) */
            ph_all(&r->s, r->l, flt(r, "estados", NULL), f->states, ug, unit(r, false), unit(r, true));
            put(r, ". ");
        } else if (all > 0) {
            /* issue 16 (P16): «1.102 municipios» in the pack's number style */
            count(r, flt(r, "estados", NULL), f->states, ug == NUM_MASC ? NUM_MASC_ALONE : ug);
            put(r, r->l == LANG_ES ? arena_printf(&r->d->arena, " de %s ", unit_article(r)) : " of the ");
            count_plain(r, "estados", all, ug);
            putf(r, " %s. ", unit(r, true));
        } else {
            count(r, flt(r, "estados", NULL), f->states, ug);
            putf(r, " %s. ", unit(r, f->states != 1));
        }
    }
    put(r, T(lang_num(f->actions, "En total, se contabilizó ", "En total, se contabilizaron "), "In all, "));
    count(r, flt(r, "acciones", NULL), f->actions, NUM_MASC);      /* «un programa o acción» */
    put(r, T(lang_num(f->actions, " programa o acción", " programas y acciones"),
             lang_num(f->actions, " programme or action was recorded", " programmes and actions were recorded")));
    if (f->objective_links != f->actions) {
        /* the participle agrees with the count (round 5, fault 2): «un programa o acción, vinculado» */
        put(r, T(lang_num(f->actions, ", vinculado a los objetivos del PMM en ", ", vinculados a los objetivos del PMM en "),
                 ", linked to the objectives of the Compact "));
        count(r, flt(r, "vinculos", NULL), f->objective_links, NUM_FEM);
        put(r, T(" ocasiones: una acción puede contribuir a más de un objetivo y en el apartado III "
                 "cuenta en cada uno de ellos",
                 " times: an action may contribute to more than one objective, and in section III "
                 "it counts under each of them"));
    }
    put(r, ".");
    para(r, B_P);

    Table *tb = doc_table(r->d, 4, n + 2);
    tb->numeric[1] = tb->numeric[2] = tb->numeric[3] = true;
    tb->total_row = true;
    doc_cell(r->d, tb, 0, 0, T("Tipo de reportante", "Reporter type"));
    doc_cell(r->d, tb, 0, 1, T("Instancias", "Bodies"));
    doc_cell(r->d, tb, 0, 2, T("Acciones", "Actions"));
    doc_cell(r->d, tb, 0, 3, T("% de acciones", "% of actions"));
    long cnt[FIG_MAX_TYPES], pct[FIG_MAX_TYPES];
    for (int i = 0; i < n; i++) cnt[i] = f->by_type[idx[i]];
    long pct_sum = round_percentages(cnt, n, pct);
    Str c = STR_INIT;
    for (int i = 0; i < n; i++) {
        const char *code = f->types[idx[i]].code;
        doc_cell(r->d, tb, i + 1, 0, type_name(r, idx[i]));
        str_clear(&c);
        doc_fig(&c, r->l, flt(r, "instancias", "tipo", code, NULL), f->inst_by_type[idx[i]]);
        doc_cell(r->d, tb, i + 1, 1, str_cstr(&c));
        str_clear(&c);
        doc_fig(&c, r->l, flt(r, "acciones", "tipo", code, NULL), f->by_type[idx[i]]);
        doc_cell(r->d, tb, i + 1, 2, str_cstr(&c));
        str_clear(&c);
        doc_pct(&c, r->l, flt(r, "acciones", "tipo", code, NULL), cnt[i], f->actions, pct[i]);
        doc_cell(r->d, tb, i + 1, 3, str_cstr(&c));
    }
    doc_cell(r->d, tb, n + 1, 0, "Total");
    str_clear(&c);
    doc_fig(&c, r->l, flt(r, "instancias", NULL), f->institutions);
    doc_cell(r->d, tb, n + 1, 1, str_cstr(&c));
    str_clear(&c);
    doc_fig(&c, r->l, flt(r, "acciones", NULL), f->actions);
    doc_cell(r->d, tb, n + 1, 2, str_cstr(&c));
    str_clear(&c);
    lang_pct(&c, r->l, pct_sum);
    doc_cell(r->d, tb, n + 1, 3, str_cstr(&c));
    str_free(&c);
    share_note(r, pct_sum);

    put(r, T("La información se recopiló de las instancias participantes y se sistematizó: cada "
             "acción se clasificó por objetivo del PMM, tipo de acción, población atendida, enfoque "
             "de género y atención a personas con discapacidad, y cada reto se asignó a una categoría "
             "del glosario (apartado VI). El apartado III presenta las acciones por objetivo; el IV, "
             "el análisis por tipo de reportante, población, enfoque de género, discapacidad y retos; "
             "el V, las conclusiones; el VI, el glosario de categorías de retos, seguido de las tablas "
             "de siglas de las instituciones y ",
             "The information was collected from the participating bodies and systematized: each "
             "action was classified by objective, action type, population served, gender focus and "
             "attention to persons with disabilities, and each challenge was assigned to a category "
             "of the glossary (section VI). Section III presents the actions by objective; section "
             "IV, the analysis by reporter type, population, gender focus, disability and "
             "challenges; section V, the conclusions; section VI, the glossary of challenge "
             "categories, followed by the tables of acronyms of the participating institutions and "));
    /* the pack's units (issue 16, hostile fault 11): «y entidades federativas
     * participantes», «y los departamentos participantes» */
    if (r->l == LANG_EN) putf(r, "%s.", unit(r, true));
    else putf(r, "%s%s participantes.", unit_gender(r) == 'm' ? "los " : "", unit(r, true));
    para(r, B_P);
}

static char *obj_type_filter(R *r, int t, int o) { return obj_filter(r, o, t); }

static void objective_counts(R *r, int o) {
    const Figures *f = r->f;
    long n = f->by_obj[o];
    int idx[FIG_MAX_TYPES];
    int k = types_by_count(r, o, idx);
    putf(r, T("El objetivo %d está conformado por ", "Objective %d comprises "), o);
    count(r, obj_filter(r, o, -1), n, NUM_FEM);
    put(r, T(lang_num(n, " acción, reportada ", " acciones, reportadas "),
             lang_num(n, " action, reported ", " actions, reported ")));
    if (k == 1 && n > 1) put(r, T("en su totalidad ", "entirely "));
    else if (k > 1 && f->by_obj_type[o][idx[0]] == f->by_obj_type[o][idx[k - 1]])
        put(r, T("a partes iguales ", "in equal parts "));
    else if (k > 1 && 2 * f->by_obj_type[o][idx[0]] > n) put(r, T("en su mayoría ", "mostly "));
    type_groups(r, idx, k, f->by_obj_type[o], T("por", "by"), obj_type_filter, o);
    put(r, ".");
    para(r, B_P);
}

/* The label of entry I of the objective's bodies: its state's name, or
 * its acronym. */
static const char *body_label(R *r, int i, bool state) {
    const ReportInst *in = &r->rd->insts[r->rd->objinst[i].inst];
    return state ? state_name(r, in) : in->acronym;
}

/* SEL[0..N), entries of rd->objinst, by actions (most first), a tie in the
 * reader's alphabetical order of the names written (ph_collate): never
 * «Chiapas, Hidalgo, Estado de México» in the order of their codes. */
static void sort_bodies(R *r, int *sel, int n, bool state) {
    const ReportObjInst *oi = r->rd->objinst;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            long a = oi[sel[j - 1]].actions, b = oi[sel[j]].actions;
            if (a > b || (a == b && ph_collate(r->l, body_label(r, sel[j - 1], state), body_label(r, sel[j], state)) <= 0))
                break;
            int x = sel[j];
            sel[j] = sel[j - 1];
            sel[j - 1] = x;
        }
}

static void objective_bodies(R *r, int o) {
    const ReportData *rd = r->rd;
    int ninst = 0, nstate = 0;
    for (int i = 0; i < rd->nobjinst; i++) {
        if (rd->objinst[i].objective != o) continue;
        if (*rd->insts[rd->objinst[i].inst].state) nstate++;
        else ninst++;
    }
    for (int pass = 0; pass < 2; pass++) {
        int total = pass == 0 ? ninst : nstate;
        if (!total) continue;
        if (pass == 0)
            put(r, T("Para la conformación de este objetivo se contó con la participación de ",
                     "Contributions to this objective came from "));
        else
            put(r, ninst ? arena_printf(&r->d->arena, T("Por parte de %s %s, ", "Among the %s%s, "),
                                        T(unit_article(r), ""), unit(r, true))
                         : T(lang_num(total, "Aportó información ", "Aportaron información "),
                             "The actions come from "));
        if (pass == 1 && ninst)
            put(r, T(lang_num(total, "aportó información ", "aportaron información "),
                     "information came from "));
        int *sel = arena_alloc(&r->d->arena, sizeof(int) * (size_t)total);
        int ns = 0;
        for (int i = 0; i < rd->nobjinst; i++) {
            const ReportObjInst *oi = &rd->objinst[i];
            if (oi->objective == o && (*rd->insts[oi->inst].state != 0) == (pass == 1)) sel[ns++] = i;
        }
        sort_bodies(r, sel, ns, pass == 1);
        /* every unit of the catalog, each with the same count (round 5,
         * fault 4): «las 32 entidades federativas (1 cada una)», not 32
         * names each followed by «(1)» */
        int all = r->o->imprint ? r->o->imprint->states_in_catalog : 0;
        bool same = pass == 1 && ns == all && ns > 2;
        for (int j = 1; same && j < ns; j++) same = rd->objinst[sel[j]].actions == rd->objinst[sel[0]].actions;
        if (same) {
            NumGender ug = unit_gender(r) == 'm' ? NUM_MASC : NUM_FEM;
            ph_all(&r->s, r->l, flt(r, "estados", "objetivo", num(r, o), NULL), ns, ug, unit(r, false), unit(r, true));
            put(r, " (");
            fig(r, flt(r, "acciones", "objetivo", num(r, o), "tipo", rd->insts[rd->objinst[sel[0]].inst].type, "estado",
                       rd->insts[rd->objinst[sel[0]].inst].state, NULL),
                rd->objinst[sel[0]].actions);
            putf(r, " %s). ", ph_each(r->l, ug == NUM_FEM));
            continue;
        }
        for (int j = 0; j < ns; j++) {
            const ReportObjInst *oi = &rd->objinst[sel[j]];
            const ReportInst *in = &rd->insts[oi->inst];
            const char *label = pass ? state_name(r, in) : in->acronym;
            put(r, lang_list_sep(r->l, j, total, label));
            put(r, label);
            put(r, " (");
            /* a unit's actions are those of its body of the subnational type (INST_UNIT) */
            fig(r, pass ? flt(r, "acciones", "objetivo", num(r, o), "tipo", in->type, "estado", in->state, NULL)
                        : flt(r, "acciones", "objetivo", num(r, o), "institucion", inst_v(r, in), NULL),
                oi->actions);
            put(r, ")");
        }
        put(r, ". ");
    }
    para(r, B_P);
}

/* The action types of objective O. With one action, its types; when every
 * type has the same count, the types and that count; else the types that
 * predominate: the tie group at the top (at most three), never a ranking
 * of types that differ by one action. */
static void objective_types(R *r, int o) {
    const ReportData *rd = r->rd;
    int sel[FIG_NOBJ], n = 0, all = 0;
    long top = 0;
    for (int i = 0; i < rd->nobjtype; i++) {
        if (rd->objtype[i].objective != o) continue;
        if (!all++) top = rd->objtype[i].actions;
        if (rd->objtype[i].actions == top && n < FIG_NOBJ) sel[n++] = i;
    }
    if (!n || (n > 3 && n < all)) return;
    /* the tie group in the reader's alphabetical order, not the catalog's */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            const ReportObjType *a = &rd->objtype[sel[j - 1]], *b = &rd->objtype[sel[j]];
            if (ph_collate(r->l, r->l == LANG_EN ? a->name_en : a->name, r->l == LANG_EN ? b->name_en : b->name) <= 0)
                break;
            int x = sel[j];
            sel[j] = sel[j - 1];
            sel[j - 1] = x;
        }
    bool one = r->f->by_obj[o] == 1;
    if (one)
        put(r, n == 1 ? T("La acción es de tipo ", "The action is of type ")
                      : T("La acción es de los tipos ", "The action is of types "));
    else if (n == all)
        put(r, n == 1 ? T("Todas las acciones son de tipo ", "All the actions are of type ")
                      : T("Las acciones se reparten entre los tipos ", "The actions are spread over the types "));
    else
        put(r, n == 1 ? T("Predominan las acciones de tipo ", "The predominant action type is ")
                      : T("Predominan las acciones de los tipos ", "The predominant action types are "));
    for (int i = 0; i < n; i++) {
        const ReportObjType *ot = &rd->objtype[sel[i]];
        const char *name = r->l == LANG_EN ? ot->name_en : ot->name;
        put(r, lang_list_sep(r->l, i, n, name));
        quoted(r, name);
    }
    if (!one && !(n == 1 && n == all)) {
        const ReportObjType *ot = &rd->objtype[sel[0]];
        put(r, " (");
        /* the id, as the list and the API take it (issue 13 round 2, F13) */
        fig(r, flt(r, "acciones", "objetivo", num(r, o), "tipo_accion", num(r, (long)ot->type_id), NULL),
            ot->actions);
        if (n > 1) putf(r, " %s", ph_each(r->l, false));
        put(r, ")");
    }
    put(r, ".");
    para(r, B_P);
}

/* An action's name as the Informe quotes it: one line of white space,
 * bounded (text_quoted_name), into S. */
static void quoted_name(R *r, const char *name) {
    doc_text(&r->s, text_quoted_name(&r->d->arena, name, TEXT_NAME_MAX));
}

/* The first sentence of TEXT, bounded (text_first_sentence), into S
 * through doc_text. The Compendio has the rest. */
static void first_sentence(R *r, const char *text) {
    doc_text(&r->s, text_first_sentence(&r->d->arena, text, TEXT_SENTENCE_MAX));
}

/* The programs named under objective O (docs/report.md): first those a
 * coordinator marked «destacada» (up to four); then, among the actions
 * whose principal objective is O and that say what they did, in the
 * store's order (results written, most beneficiaries declared, folio), the
 * first of each institution, up to three in all; each with the first
 * sentence of its results, or else of its description. */
static void objective_programs(R *r, int o) {
    const Highlights *h = r->o->highlights;
    if (!h) return;
    const Highlight *pick[4];
    int n = 0;
    for (int i = 0; i < h->n && n < 4; i++) {
        const Highlight *c = &h->items[i];
        if (c->objective != o) continue;
        /* a good practice (issue 13, F13) or marked «destacada»: named whatever
         * its institution (they come first) */
        if (c->good_practice || c->featured) {
            pick[n++] = c;
            continue;
        }
        if (n >= 3) break;
        bool seen = false;
        for (int k = 0; k < n; k++) seen = seen || strcmp(pick[k]->acronym, c->acronym) == 0;
        if (!seen) pick[n++] = c;
    }
    if (!n) return;
    if (r->f->by_obj[o] == 1) put(r, T("La acción reportada:", "The action reported:"));
    else put(r, n == 1 ? T("Entre los programas reportados destaca:", "One of the programmes reported:")
                       : T("Entre los programas reportados destacan:", "Programmes reported include:"));
    para(r, B_P);
    for (int k = 0; k < n; k++) {
        str_puts(&r->s, DOC_BOLD);
        spanish(r, true);
        quoted_name(r, pick[k]->name);
        spanish(r, false);
        str_puts(&r->s, DOC_UNBOLD);
        const char *what = *pick[k]->results ? pick[k]->results : pick[k]->description;
        putf(r, " (%s%s)%s", pick[k]->acronym, pick[k]->good_practice ? T("; buena práctica", "; good practice") : "",
             *what ? ": " : ".");
        if (*what) {
            spanish(r, true);
            first_sentence(r, what);
            spanish(r, false);
        }
        para(r, B_P);
        /* issue 12 (L12): the record a PDF warning names (a glyph no font has) */
        if (r->d->tail) r->d->tail->folio = arena_strdup(&r->d->arena, pick[k]->folio);
    }
}

static void objectives_table(R *r) {
    const Figures *f = r->f;
    int cols[FIG_MAX_TYPES], nc = 0;
    for (int t = 0; t < f->ntypes; t++)
        if (f->by_type[t] > 0) cols[nc++] = t;
    Table *tb = doc_table(r->d, nc + 2, FIG_NOBJ + 2);
    tb->total_row = true;
    doc_cell(r->d, tb, 0, 0, T("Objetivo", "Objective"));
    for (int c = 0; c < nc; c++) {
        doc_cell(r->d, tb, 0, c + 1, f->types[cols[c]].code);
        tb->numeric[c + 1] = true;
    }
    doc_cell(r->d, tb, 0, nc + 1, "Total");
    tb->numeric[nc + 1] = true;
    Str s = STR_INIT;
    for (int o = 1; o <= FIG_NOBJ + 1; o++) {
        bool total = o > FIG_NOBJ;
        doc_cell(r->d, tb, o, 0, total ? T("Total de vínculos", "Total links") : num(r, o));
        for (int c = 0; c <= nc; c++) {
            long v = 0;
            const char *code = c < nc ? f->types[cols[c]].code : NULL;
            for (int q = total ? 1 : o; q <= (total ? FIG_NOBJ : o); q++)
                v += code ? f->by_obj_type[q][cols[c]] : f->by_obj[q];
            const char *fl = total ? (code ? flt(r, "vinculos", "tipo", code, NULL) : flt(r, "vinculos", NULL))
                             : code ? flt(r, "acciones", "objetivo", num(r, o), "tipo", code, NULL)
                                    : flt(r, "acciones", "objetivo", num(r, o), NULL);
            str_clear(&s);
            doc_fig(&s, r->l, fl, v);
            doc_cell(r->d, tb, o, c + 1, str_cstr(&s));
        }
    }
    str_free(&s);
}

/* The reporter-type codes, explained under the table that first uses them
 * (issue 12): each type with actions, "APF: Administración Pública Federal". */
static void type_codes_note(R *r) {
    const Figures *f = r->f;
    put(r, T("Siglas: ", "Codes (acronyms of the Spanish names): "));
    bool first = true;
    for (int t = 0; t < f->ntypes; t++) {
        if (f->by_type[t] <= 0) continue;
        putf(r, "%s%s: ", first ? "" : "; ", f->types[t].code);
        if (r->l == LANG_EN) {
            put(r, f->types[t].name_en);
            put(r, " (");
            spanish(r, true);
            put(r, f->types[t].name_es);
            spanish(r, false);
            put(r, ")");
        } else {
            put(r, f->types[t].name_es);
        }
        first = false;
    }
    if (first) {                /* no actions, no column */
        str_clear(&r->s);
        return;
    }
    put(r, ".");
    para(r, B_NOTE);
}

static void objectives(R *r) {
    heading(r, B_H1, "objetivos", true,
            T("III. Panorama general de acciones por objetivo", "III. Overview of actions by objective"));
    if (r->f->actions) {        /* no table of 23 zeros (round 5, fault 9): the sentence below says it */
        put(r, T("La tabla siguiente resume, para cada uno de los 23 objetivos del PMM, las acciones "
                 "reportadas por tipo de reportante. Una acción vinculada a varios objetivos cuenta en "
                 "cada uno de ellos.",
                 "The table below gives, for each of the 23 objectives, the actions reported by each "
                 "reporter type. An action linked to several objectives counts under each of them."));
        para(r, B_P);
        objectives_table(r);
        type_codes_note(r);
    }
    /* an objective without actions gets one mention here, not an empty section */
    int missing[FIG_NOBJ], nmiss = 0;
    for (int o = 1; o <= FIG_NOBJ; o++)
        if (!r->f->by_obj[o]) missing[nmiss++] = o;
    if (!r->f->actions) {
        put(r, T("No se reportaron acciones para ningún objetivo en esta edición.",
                 "No actions were reported for any objective in this edition."));
        para(r, B_P);
    } else if (nmiss) {
        put(r, T("No se reportaron acciones para ", "No actions were reported for "));
        objective_runs(r, missing, nmiss, -1, r->f->by_obj, "zero");
        put(r, nmiss == 1 ? T(", que por ello no tiene apartado propio.", ", which therefore has no section of its own.")
                          : T(", que por ello no tienen apartado propio.", ", which therefore have no section of their own."));
        para(r, B_P);
    }
    for (int o = 1; o <= FIG_NOBJ; o++) {
        if (r->f->by_obj[o] == 0) continue;
        char anchor[16];
        snprintf(anchor, sizeof anchor, "objetivo-%d", o);
        heading(r, B_H2, anchor, true,
                arena_printf(&r->d->arena, "%s %d. %s", T("Objetivo", "Objective"), o, obj_title(r, o)));
        objective_counts(r, o);
        objective_bodies(r, o);
        objective_types(r, o);
        objective_programs(r, o);
    }
}

/* ----------------------------------------------------------------- charts */

/* The chart with a note when its whole percentages (of each bar's or
 * slice's total, as chart.c rounds them) do not add up to 100. */
static Chart *noted(R *r, Chart *c) {
    if (c->kind == CHART_HEATMAP) return c;     /* counts only, no percentages */
    long tot[FIG_NOBJ + FIG_MAX_CATS + 2], pct[FIG_NOBJ + FIG_MAX_CATS + 2];
    int n = c->ncat < (int)(sizeof tot / sizeof *tot) ? c->ncat : (int)(sizeof tot / sizeof *tot);
    int nser = c->kind == CHART_STACKED ? c->nser : 1;
    for (int i = 0; i < n; i++) {
        tot[i] = 0;
        for (int k = 0; k < nser; k++) tot[i] += c->values[i * c->nser + k];
    }
    const char *note = ph_share_note(&r->d->arena, r->l, round_percentages(tot, n, pct));
    if (note)
        c->note = c->note ? arena_printf(&r->d->arena, "%s %s", c->note, note) : (char *)note;
    return c;
}

static Chart *chart_types(R *r) {
    const Figures *f = r->f;
    int idx[FIG_MAX_TYPES];
    int n = types_by_count(r, 0, idx);
    Chart *c = chart_new(&r->d->arena, CHART_BAR, r->l, "grafica-tipos",
                         T("Acciones por tipo de reportante", "Actions by reporter type"), n, 1);
    for (int i = 0; i < n; i++) {
        c->cats[i] = (char *)type_name(r, idx[i]);
        c->values[i] = f->by_type[idx[i]];
        c->filters[i] = flt(r, "acciones", "tipo", f->types[idx[i]].code, NULL);
    }
    return c;
}

static Chart *chart_objectives(R *r, int type) {
    const Figures *f = r->f;
    long v[FIG_NOBJ + 1] = {0};
    for (int o = 1; o <= FIG_NOBJ; o++) v[o] = type < 0 ? f->by_obj[o] : f->by_obj_type[o][type];
    Extremes e;
    extremes(v, &e);
    const char *id = type < 0 ? "grafica-objetivos"
                              : arena_printf(&r->d->arena, "grafica-objetivos-%s", f->types[type].code);
    const char *title = type < 0 ? T("Acciones por objetivo", "Actions by objective")
                                 : arena_printf(&r->d->arena, "%s: %s", T("Acciones por objetivo", "Actions by objective"),
                                                type_name(r, type));
    Chart *c = chart_new(&r->d->arena, CHART_BAR, r->l, id, title, FIG_NOBJ, 1);
    for (int o = 1; o <= FIG_NOBJ; o++) {
        c->cats[o - 1] = (char *)obj_label(r, o);
        c->values[o - 1] = v[o];
        c->filters[o - 1] = type < 0 ? flt(r, "acciones", "objetivo", num(r, o), NULL)
                                     : flt(r, "acciones", "objetivo", num(r, o), "tipo", f->types[type].code, NULL);
    }
    /* "most" only when it sets some objectives with actions apart: when
     * all of them are among the most (a small edition), the text names
     * them without a superlative, and the chart colours none (round 3) */
    int with = 0;
    for (int o = 1; o <= FIG_NOBJ; o++) with += v[o] > 0;
    if (e.nmost < with)
        for (int i = 0; i < e.nmost; i++) c->emphasis[e.most[i] - 1] = EMPH_MOST;
    /* "least" only for objectives with actions (round 5, fault 15): the
     * text names the ones without as such, and a bold «0 (0 %)» would
     * stress what it leaves unsaid */
    if (e.max != e.min && e.min > 0)
        for (int i = 0; i < e.nleast; i++) c->emphasis[e.least[i] - 1] = EMPH_LEAST;
    c->label_lines = 2;
    return c;
}

/* Objectives by reporter type (issue 12, P12A): one grid instead of a bar
 * chart per type, most of whose bars were empty. Columns are the types
 * with actions, in catalog order; each cell counts the actions of that
 * type linked to the objective. */
static Chart *chart_heatmap(R *r) {
    const Figures *f = r->f;
    int types[FIG_MAX_TYPES], nt = 0;
    for (int t = 0; t < f->ntypes; t++)
        if (f->by_type[t]) types[nt++] = t;
    Chart *c = chart_new(&r->d->arena, CHART_HEATMAP, r->l, "grafica-objetivos-tipos",
                         T("Acciones por objetivo y tipo de reportante", "Actions by objective and reporter type"),
                         FIG_NOBJ, nt);
    c->series_names = arena_alloc(&r->d->arena, sizeof(char *) * (size_t)(nt + 1));
    for (int s = 0; s < nt; s++) {
        c->series[s] = (char *)f->types[types[s]].code;
        c->series_names[s] = (char *)type_name(r, types[s]);
    }
    for (int o = 1; o <= FIG_NOBJ; o++) {
        c->cats[o - 1] = (char *)obj_label(r, o);
        for (int s = 0; s < nt; s++) {
            c->values[(o - 1) * nt + s] = f->by_obj_type[o][types[s]];
            c->filters[(o - 1) * nt + s] = flt(r, "acciones", "objetivo", num(r, o), "tipo", f->types[types[s]].code, NULL);
        }
    }
    return c;
}

static Chart *chart_yes_no(R *r, const char *id, const char *title, const long *v, const char *key,
                           const char *yes_es, const char *yes_en, const char *no_es, const char *no_en) {
    int n = v[FIG_UNKNOWN] ? 3 : 2;
    Chart *c = chart_new(&r->d->arena, CHART_DONUT, r->l, id, title, n, 1);
    const char *labels[3] = {T(yes_es, yes_en), T(no_es, no_en), T("Sin dato", "Not stated")};
    const char *vals[3] = {"si", "no", "sin_dato"};
    for (int i = 0; i < n; i++) {
        c->cats[i] = (char *)labels[i];
        c->values[i] = v[i];
        c->filters[i] = flt(r, "acciones", key, vals[i], NULL);
    }
    return c;
}

static Chart *chart_population(R *r) {
    const Figures *f = r->f;
    Chart *c = chart_new(&r->d->arena, CHART_DONUT, r->l, "grafica-poblacion",
                         T("Población migrante atendida", "Migrant population served"), f->npops, 1);
    for (int p = 0; p < f->npops; p++) {
        c->cats[p] = r->l == LANG_EN ? (char *)f->pops[p].name_en : (char *)f->pops[p].name_es;
        c->values[p] = f->by_pop[p];
        c->filters[p] = flt(r, "acciones", "poblacion", f->pops[p].code, NULL);
    }
    return c;
}

/* The threshold: --others-threshold, else the pack's, else OTROS_UMBRAL. */
static int otros_umbral(R *r) {
    if (r->o->otros_umbral >= 0) return r->o->otros_umbral;
    const Pack *p = pack_of(r);
    return p && p->other_threshold >= 0 ? p->other_threshold : OTROS_UMBRAL;
}

/* Of the categories IDX[0..N) ordered by mentions, the index of the first
 * that the chart groups as "Otros retos", or N for none. Categories under
 * the threshold are grouped only when they are two or more and at least
 * one category stays above it: on a small edition every category is under
 * 13, and a chart of one bar "Otros retos" would hide them all. */
static int otros_first(R *r, const int *idx, int n) {
    int big = 0;
    while (big < n && r->f->by_cat[idx[big]] >= otros_umbral(r)) big++;
    return big == 0 || n - big < 2 ? n : big;
}

/* The chart's note on "Otros retos", NULL when nothing is grouped. */
static char *otros_note(R *r) {
    int idx[FIG_MAX_CATS];
    int n = cats_by_count(r, r->f->by_cat, idx);
    if (otros_first(r, idx, n) == n) return NULL;
    return arena_printf(&r->d->arena,
                        T("«Otros retos» agrupa las categorías con menos de %d menciones.",
                          "“Other challenges” groups the categories with fewer than %d mentions."),
                        otros_umbral(r));
}

/* Challenges by category and reporter type; the categories under the
 * threshold are one row, "Otros retos" (otros_first). */
static Chart *chart_challenges(R *r) {
    const Figures *f = r->f;
    int idx[FIG_MAX_CATS], types[FIG_MAX_TYPES], nt = 0;
    int n = cats_by_count(r, f->by_cat, idx);
    for (int t = 0; t < f->ntypes; t++) {
        long v = f->unclassified_by_type[t];
        for (int k = 0; k < f->ncats; k++) v += f->by_cat_type[k][t];
        if (v > 0) types[nt++] = t;
    }
    int big = otros_first(r, idx, n);
    int rows = big + (big < n ? 1 : 0) + (f->unclassified ? 1 : 0);
    Chart *c = chart_new(&r->d->arena, CHART_STACKED, r->l, "grafica-retos",
                         T("Retos por categoría y tipo de reportante", "Challenges by category and reporter type"),
                         rows, nt);
    for (int s = 0; s < nt; s++) c->series[s] = (char *)f->types[types[s]].code;
    Str other = STR_INIT;
    other_cats(r, &other, idx, big, n);
    int row = 0;
    for (; row < big; row++) {
        int k = idx[row];
        c->cats[row] = (char *)cat_name(r, k);
        c->cat_filters[row] = flt(r, "retos", "categoria", cat_v(r, k), NULL);
        for (int s = 0; s < nt; s++) {
            c->values[row * nt + s] = f->by_cat_type[k][types[s]];
            c->filters[row * nt + s] = flt(r, "retos", "categoria", cat_v(r, k), "tipo",
                                           f->types[types[s]].code, NULL);
        }
    }
    if (big < n) {
        c->cats[row] = (char *)T("Otros retos", "Other challenges");
        c->cat_filters[row] = arena_printf(&r->d->arena, "%s%s", flt(r, "retos", NULL), str_cstr(&other));
        for (int s = 0; s < nt; s++) {
            long v = 0;
            for (int i = big; i < n; i++) v += f->by_cat_type[idx[i]][types[s]];
            c->values[row * nt + s] = v;
            c->filters[row * nt + s] = arena_printf(&r->d->arena, "%s%s",
                                                    flt(r, "retos", "tipo", f->types[types[s]].code, NULL),
                                                    str_cstr(&other));
        }
        row++;
    }
    if (f->unclassified) {
        c->cats[row] = (char *)T("Sin clasificar", "Unclassified");
        c->cat_filters[row] = flt(r, "retos", "categoria", cat_v(r, -1), NULL);
        for (int s = 0; s < nt; s++) {
            c->values[row * nt + s] = f->unclassified_by_type[types[s]];
            c->filters[row * nt + s] = flt(r, "retos", "categoria", cat_v(r, -1), "tipo", f->types[types[s]].code, NULL);
        }
    }
    str_free(&other);
    return c;
}

/* --------------------------------------------------------------- analysis */

/* Which reporter types sent no action, in one sentence whatever their
 * number; each name is a reference claiming zero, with no «(0)» written. */
typedef struct {
    R *r;
    const int *types;
} ZeroTypes;

static void zero_type_item(void *ctx, Str *s, int i) {
    ZeroTypes *z = ctx;
    R *r = z->r;
    int t = z->types[i];
    type_prefix(r, t, T("de", ""));
    Str name = STR_INIT;
    Str save = r->s;
    r->s = name;
    type_mid(r, t);
    name = r->s;
    r->s = save;
    doc_ref(s, flt(r, "acciones", "tipo", r->f->types[t].code, NULL), 0, "zero", str_cstr(&name));
    str_free(&name);
}

static void say_types_without_actions(R *r) {
    int none[FIG_MAX_TYPES], n = 0;
    for (int t = 0; t < r->f->ntypes; t++)
        if (!r->f->by_type[t]) none[n++] = t;
    if (!n) return;
    put(r, T(" No se recibieron acciones ", " No actions were received from "));
    ZeroTypes z = {r, none};
    ph_list(&r->s, r->l, n, PH_NOR, zero_type_item, NULL, &z);
    put(r, ".");
}

/* issue 14: the map of the subnational units (NULL: the pack draws none),
 * «Acciones de los gobiernos de las entidades federativas» in the pack's words. */
static Chart *chart_map(R *r) {
    const MapInput *m = r->o->map;
    if (!m || !m->shapes) return NULL;
    const char *title = arena_printf(&r->d->arena, T("Acciones de los gobiernos de %s %s", "Actions of the governments of %s %s"),
                                     unit_article(r), unit(r, true));
    return map_chart(m, &r->d->arena, r->l, title, false);
}

/* The map as the next figure, under the reporter types' paragraph; none
 * when no unit's government reported an action, which a sentence says
 * instead of an all-grey map (F14B; the figures stay numbered without a gap). */
static void map_figure(R *r) {
    const MapInput *m = r->o->map;
    long any = 0;
    for (int i = 0; m && i < m->n; i++) any += m->units[i].actions;
    if (m && m->shapes && !any) {
        putf(r, T("No se reportaron acciones de los gobiernos de %s %s; por eso este informe no incluye su mapa.",
                  "No actions of the governments of %s %s were reported; this report therefore has no map of them."),
             unit_article(r), unit(r, true));
        para(r, B_P);
        return;
    }
    Chart *c = chart_map(r);
    if (c) doc_chart(r->d, c);
}

static void analysis_types(R *r) {
    const Figures *f = r->f;
    heading(r, B_H2, "analisis-tipos", true, T("1. Acciones por tipo de reportante", "1. Actions by reporter type"));
    doc_chart(r->d, noted(r, chart_types(r)));
    Str period = STR_INIT;
    lang_period(&period, r->l, f->period_start, f->period_end);    /* the one rule (N6) */
    if (has_period(f))
        putf(r, T(lang_num(f->actions, "Durante el periodo de %s se reportó ",
                           "Durante el periodo de %s se reportaron "),
                  "For the period %s, "),
             str_cstr(&period));
    else
        put(r, T(lang_num(f->actions, "Se reportó ", "Se reportaron "), "In all, "));
    str_free(&period);
    count(r, flt(r, "acciones", NULL), f->actions, NUM_FEM);
    put(r, T(lang_num(f->actions, " acción", " acciones"),
             lang_num(f->actions, " action was reported", " actions were reported")));
    int idx[FIG_MAX_TYPES];
    int n = types_by_count(r, 0, idx);
    if (n == 1) {
        /* one reporter type: its count is the total */
        put(r, f->actions == 1 ? T(", ", ", ") : T(", todas ", ", all "));
        type_ref(r, idx[0], T("de", "by"));
    } else if (n) {
        put(r, ": ");
        for (int i = 0; i < n; i++) {
            put(r, lang_list_sep(r->l, i, n, NULL));
            count(r, flt(r, "acciones", "tipo", f->types[idx[i]].code, NULL), f->by_type[idx[i]], NUM_FEM);
            put(r, " ");
            type_ref(r, idx[i], T("de", "by"));
        }
    }
    put(r, ".");
    say_types_without_actions(r);
    para(r, B_P);
    map_figure(r);          /* issue 14 */
}

/* The objectives of V[1..23] with at least one action, and their number. */
static int covered_objectives(const long *v, int *out) {
    int n = 0;
    for (int o = 1; o <= FIG_NOBJ; o++)
        if (v[o]) out[n++] = o;
    return n;
}

/* Whether the objectives ON[0..N) all have the same count in V. */
static bool all_equal(const long *v, const int *on, int n) {
    for (int i = 1; i < n; i++)
        if (v[on[i]] != v[on[0]]) return false;
    return true;
}

/* Most and fewest actions by objective. Said only when there is a contrast
 * to state: two or more objectives with actions, of different counts, or
 * objectives with none; the objectives without actions are named in runs. */
/* ZEROS: whether to name the objectives without actions (the conclusions
 * have named them in the sentence before). */
static void say_extremes(R *r, const long *v, int type, const Extremes *e, bool zeros) {
    int on[FIG_NOBJ];
    int non = covered_objectives(v, on);
    if (e->max == e->min) {
        put(r, T("Todos los objetivos cuentan con el mismo número de acciones (",
                 "Every objective has the same number of actions ("));
        fig(r, obj_filter(r, 1, type), e->max);
        put(r, ").");
        return;
    }
    if (non == 1) {
        put(r, v[on[0]] == 1 ? T("La única acción corresponde al objetivo ", "The only action belongs to objective ")
                             : T("Todas las acciones corresponden al objetivo ", "All the actions belong to objective "));
        doc_ref(&r->s, obj_filter(r, on[0], type), v[on[0]], "max", num(r, on[0]));
        put(r, ".");
        return;
    }
    if (e->min == 0 && all_equal(v, on, non)) {
        /* every objective with actions has the same count */
        ObjList L = {r, on, type, v, "max", false, false};
        put(r, T("Los objetivos ", "Objectives "));
        ph_runs(&r->s, r->l, on, non, obj_item, &L);
        put(r, T(" tienen ", " have "));
        ph_count(&r->s, r->l, obj_filter(r, on[0], type), e->max, NUM_FEM, T("acción", "action"), T("acciones", "actions"));
        putf(r, " %s.", ph_each(r->l, false));
        return;
    }
    if (e->min == 0 && e->nmost >= non) {
        /* few objectives with actions: name them all, with no superlative */
        put(r, T("Los objetivos con acciones son ", "The objectives with actions are "));
        objective_list(r, on, non, type, v, "nonzero", true, true);
        if (zeros) {
            put(r, T("; no se reportaron acciones para ", "; no actions were reported for "));
            objective_runs(r, e->least, e->nleast, type, v, "zero");
        }
        put(r, ".");
        return;
    }
    put(r, e->nmost == 1 ? T("El objetivo con más acciones es ", "The objective with the most actions is ")
                         : T("Los objetivos con más acciones son ", "The objectives with the most actions are "));
    objective_list(r, e->most, e->nmost, type, v, "max", true, true);
    if (e->min == 0) {
        if (zeros) {
            put(r, T("; no se reportaron acciones para ", "; no actions were reported for "));
            objective_runs(r, e->least, e->nleast, type, v, "zero");
        }
        put(r, ".");
        return;
    }
    /* a long list of the fewest (round 5, fault 4): «los demás» when they
     * are all the objectives not named, runs when runs shorten it */
    if (e->nleast > 3 && e->nmost + e->nleast == FIG_NOBJ) {
        ObjList L = {r, e->least, type, v, "min", false, false};
        put(r, T("; los demás", "; the others"));
        /* the objectives, as marks, for the reader who looks them up */
        put(r, T(" (", " ("));
        ph_runs(&r->s, r->l, e->least, e->nleast, obj_item, &L);
        put(r, T(") reúnen ", ") have "));
        count(r, obj_filter(r, e->least[0], type), e->min, NUM_FEM);
        put(r, T(lang_num(e->min, " acción", " acciones"), lang_num(e->min, " action", " actions")));
        putf(r, " %s.", ph_each(r->l, false));
        return;
    }
    put(r, e->nleast == 1 ? T("; el que menos acciones reúne es ", "; the one with the fewest is ")
                          : T("; los que menos reúnen son ", "; those with the fewest are "));
    if (ph_run_items(e->least, e->nleast) < e->nleast) objective_runs(r, e->least, e->nleast, type, v, "min");
    else objective_list(r, e->least, e->nleast, type, v, "min", false, true);
    put(r, T(", con ", ", with "));
    count(r, obj_filter(r, e->least[0], type), e->min, NUM_FEM);
    put(r, T(lang_num(e->min, " acción", " acciones"), lang_num(e->min, " action", " actions")));
    if (e->nleast > 1) putf(r, " %s", ph_each(r->l, false));
    put(r, ".");
}

/* The spread between the most and the least reported objectives, a
 * difference of two figures: its mark carries both filters. Not said when
 * the least is zero: the spread would only repeat the largest count. */
static void say_spread(R *r, const long *v, const Extremes *e) {
    if (e->max == e->min || e->min == 0) return;
    char *hi = flt(r, "acciones", "objetivo", num(r, e->most[0]), NULL);
    char *lo = flt(r, "acciones", "objetivo", num(r, e->least[0]), NULL);
    put(r, T(" La diferencia entre el objetivo con más acciones y el que menos es de ",
             " The spread between the most and the least reported objectives is "));
    doc_diff_count(&r->s, r->l, hi, lo, e->max - e->min, NUM_FEM);
    put(r, T(lang_num(e->max - e->min, " acción.", " acciones."),
             lang_num(e->max - e->min, " action.", " actions.")));
    (void)v;
}

/* "Las 9 acciones de las organizaciones de la sociedad civil", "La única
 * acción del Poder Judicial": the subject of a sentence on type T. */
static void type_actions_subject(R *r, int t) {
    long n = r->f->by_type[t];
    if (n == 1) {
        put(r, T("La única acción ", "The only action of "));
    } else {
        put(r, T("Las ", "The "));
        count(r, flt(r, "acciones", "tipo", r->f->types[t].code, NULL), n, NUM_FEM);
        put(r, T(" acciones ", " actions of "));
    }
    type_ref(r, t, T("de", ""));
}

/* Where the actions of reporter type T fall, V[o] by objective: all of
 * them when few ("se vinculan con los objetivos 3 (3), 5 (2) y 7 (1)"),
 * else how many and the leading ones; never every objective with its count. */
static void say_type_objectives(R *r, int t, const long *v) {
    int on[FIG_NOBJ];
    int non = covered_objectives(v, on);
    bool one = r->f->by_type[t] == 1;
    type_actions_subject(r, t);
    if (non == FIG_NOBJ) {
        put(r, T(lang_num(r->f->by_type[t], " abarca los 23 objetivos.", " abarcan los 23 objetivos."),
                 lang_num(r->f->by_type[t], " covers all 23 objectives.", " cover all 23 objectives.")));
        return;
    }
    long top = 0, low = -1;
    for (int i = 0; i < non; i++) {
        if (v[on[i]] > top) top = v[on[i]];
        if (low < 0 || v[on[i]] < low) low = v[on[i]];
    }
    int lead[FIG_NOBJ], nlead = 0;
    for (int i = 0; i < non; i++)
        if (v[on[i]] == top) lead[nlead++] = on[i];
    if (non <= 4) {
        put(r, T(one ? " se vincula con " : " se vinculan con ", one ? " is linked to " : " are linked to "));
        bool equal = top == low;
        if (non == 1 || equal) {
            objective_runs(r, on, non, t, v, "nonzero");
            if (non > 1 && !one) {
                put(r, " (");
                fig(r, obj_filter(r, on[0], t), top);
                putf(r, " %s)", ph_each(r->l, false));
            }
        } else {
            put(r, T("los objetivos ", "objectives "));
            objective_list(r, on, non, t, v, "nonzero", true, false);
        }
        put(r, ".");
        return;
    }
    put(r, T(one ? " se vincula con " : " abarcan ", one ? " is linked to " : " cover "));
    count(r, flt(r, "objetivos", "tipo", r->f->types[t].code, NULL), non, NUM_MASC_ALONE);
    put(r, T(" de los ", " of the "));
    count_plain(r, "objetivos", FIG_NOBJ, NUM_MASC);
    put(r, T(" objetivos", " objectives"));
    if (top == low) {
        put(r, T(", con ", ", with "));
        ph_count(&r->s, r->l, obj_filter(r, on[0], t), top, NUM_FEM, T("acción", "action"), T("acciones", "actions"));
        putf(r, " %s.", ph_each(r->l, false));
    } else if (nlead <= 3) {
        put(r, nlead == 1 ? T("; destaca ", "; the leading objective is ") : T("; destacan ", "; the leading objectives are "));
        objective_list(r, lead, nlead, t, v, "max", true, true);
        put(r, ".");
    } else {
        put(r, ".");
    }
}

static void analysis_objectives(R *r) {
    const Figures *f = r->f;
    heading(r, B_H2, "analisis-objetivos", true, T("2. Acciones por objetivo", "2. Actions by objective"));
    doc_chart(r->d, noted(r, chart_objectives(r, -1)));
    int on[FIG_NOBJ];
    int covered = covered_objectives(f->by_obj, on);
    put(r, T("Se reportaron acciones para ", "Actions were reported for "));
    if (covered == FIG_NOBJ) put(r, T("los ", "all "));
    count(r, flt(r, "objetivos", NULL), covered, NUM_MASC_ALONE);
    if (covered != FIG_NOBJ) {
        put(r, T(" de los ", " of the "));
        count_plain(r, "objetivos", FIG_NOBJ, NUM_MASC);
    }
    put(r, T(" objetivos del PMM. ", " objectives of the Compact. "));
    Extremes e;
    extremes(f->by_obj, &e);
    say_extremes(r, f->by_obj, -1, &e, true);
    say_spread(r, f->by_obj, &e);
    para(r, B_P);

    heading(r, B_H2, "analisis-por-tipo", true,
            T("3. Acciones por objetivo de cada tipo de reportante", "3. Actions by objective for each reporter type"));
    doc_chart(r->d, chart_heatmap(r));
    for (int t = 0; t < f->ntypes; t++) {
        if (!f->by_type[t]) continue;
        heading(r, B_H3, arena_printf(&r->d->arena, "analisis-%s", f->types[t].code), false, type_name(r, t));
        long v[FIG_NOBJ + 1] = {0};
        int untouched[FIG_NOBJ], nun = 0;
        for (int o = 1; o <= FIG_NOBJ; o++) {
            v[o] = f->by_obj_type[o][t];
            if (!v[o]) untouched[nun++] = o;
        }
        say_type_objectives(r, t, v);
        /* the objectives left out are named when they are the fewer */
        if (nun && nun < FIG_NOBJ - nun) {
            put(r, T(" No se reportaron acciones para ", " No actions were reported for "));
            objective_runs(r, untouched, nun, t, v, "zero");
            put(r, ".");
        }
        para(r, B_P);
    }
}

/* A population mid-sentence; "No aplica / otros" is said as words. */
static void pop_name(R *r, int p) {
    if (strcmp(r->f->pops[p].code, "no_aplica") == 0)
        put(r, T("otras poblaciones o ninguna en particular", "other populations or none in particular"));
    else
        common_name(r, r->l == LANG_EN ? r->f->pops[p].name_en : r->f->pops[p].name_es);
}

/* Populations for phrase.h, each after PREP («a»: «se dirige a A y a B»). */
typedef struct {
    R *r;
    const char *prep;
    const int *pops;
} PopList;

static void pop_item(void *ctx, Str *s, int i) {
    const PopList *L = ctx;
    (void)s;                    /* pop_name writes into r->s, which is S */
    put(L->r, L->prep);
    pop_name(L->r, L->pops[i]);
}

static void analysis_population(R *r) {
    const Figures *f = r->f;
    heading(r, B_H2, "analisis-poblacion", true, T("4. Población migrante atendida", "4. Migrant population served"));
    doc_chart(r->d, noted(r, chart_population(r)));
    long whole = 0, pct[FIG_MAX_POPS];
    for (int p = 0; p < f->npops; p++) whole += f->by_pop[p];
    long pct_sum = round_percentages(f->by_pop, f->npops, pct);
    put(r, T("Cada acción indica la población migrante a la que se dirige. ",
             "Each action states the migrant population it serves. "));
    int n = 0, only = 0;
    for (int p = 0; p < f->npops; p++)
        if (f->by_pop[p] > 0) n++, only = p;
    if (f->actions == 1 && n > 1) {
        /* one action for several populations (round 5, fault 2): no
         * «las una acciones suman», no shares, no «a partes iguales» */
        put(r, T("La única acción se dirige ", "The only action serves "));
        PopList L = {r, T("a ", ""), NULL};
        int sel[FIG_MAX_POPS], k = 0;
        for (int p = 0; p < f->npops; p++)
            if (f->by_pop[p] > 0) sel[k++] = p;
        L.pops = sel;
        ph_list(&r->s, r->l, n, PH_AND, pop_item, NULL, &L);
        put(r, ".");
        para(r, B_P);
        return;
    }
    if (whole != f->actions) {
        put(r, T("Como una acción puede atender a más de una población, las ",
                 "As an action may serve more than one population, the "));
        count(r, flt(r, "acciones", NULL), f->actions, NUM_FEM);
        put(r, T(" acciones suman ", " actions add up to "));
        count(r, flt(r, "menciones_poblacion", NULL), whole, NUM_FEM);
        put(r, T(" menciones, sobre las que se calculan los porcentajes. ",
                 " mentions, on which the percentages are computed. "));
    }
    if (n == 1) {
        /* one population: a share of 100 % says less than the plain fact */
        const char *fl = flt(r, "acciones", "poblacion", f->pops[only].code, NULL);
        put(r, f->actions == 1 ? T("La única acción se dirige a ", "The only action serves ")
                               : T("Todas las acciones se dirigen a ", "All the actions serve "));
        pop_name(r, only);
        if (f->actions > 1) {
            put(r, " (");
            fig(r, fl, f->by_pop[only]);
            put(r, ")");
        }
        put(r, ".");
        para(r, B_P);
        return;
    }
    long first = f->by_pop[only];
    bool equal = true;
    for (int p = 0; p < f->npops; p++)
        if (f->by_pop[p] && f->by_pop[p] != first) equal = false;
    if (equal) {
        /* equal shares: one count, no percentages that would not add up */
        put(r, T("Las acciones se reparten a partes iguales entre ", "The actions are spread equally over "));
        int j = 0;
        for (int p = 0; p < f->npops; p++) {
            if (!f->by_pop[p]) continue;
            put(r, lang_list_sep(r->l, j++, n, r->l == LANG_EN ? f->pops[p].name_en : f->pops[p].name_es));
            pop_name(r, p);
        }
        put(r, " (");
        fig(r, flt(r, "acciones", "poblacion", f->pops[only].code, NULL), first);
        /* «cada uno»: the populations named are groups of people
         * («migrantes extranjeros», «mexicanos en retorno»), masculine
         * when mixed, as Spanish agrees */
        putf(r, " %s).", ph_each(r->l, false));
        para(r, B_P);
        return;
    }
    int j = 0;
    for (int p = 0; p < f->npops; p++) {
        if (!f->by_pop[p]) continue;
        const char *fl = flt(r, "acciones", "poblacion", f->pops[p].code, NULL);
        put(r, lang_list_sep(r->l, j, n, "el"));
        /* no sentence starts with a numeral; the English names what the
         * shares are of (the actions, or their mentions of populations) */
        if (j == 0) put(r, T("El ", whole == f->actions ? "Of the actions, " : "Of the mentions, "));
        else put(r, T("el ", ""));
        doc_pct_text(&r->s, r->l, fl, f->by_pop[p], whole, pct[p]);
        /* every item of the mentions says "of" (round 5, fault 15):
         * "20 per cent of Mexicans abroad", not "20 per cent Mexicans" */
        put(r, j == 0 ? T(" corresponde a ", whole == f->actions ? " serve " : " are of ")
                      : T(" a ", whole == f->actions ? " " : " of "));
        pop_name(r, p);
        put(r, " (");
        fig(r, fl, f->by_pop[p]);
        put(r, ")");
        j++;
    }
    put(r, ".");
    para(r, B_P);
    share_note(r, pct_sum);
}

/* The words of a yes/no question of the form (gender focus, disability),
 * in one language: what a "yes" action states, singular and plural; the
 * full "no" of a single action; the short "no" after a list. */
typedef struct {
    const char *yes1, *yes_n, *no1, *no_short1, *no_short_n;
} YesNo;

/* "3 (60 %) afirman ...": count K of part I with its share. */
static void yes_no_part(R *r, const long *v, const long *pct, const char **fl, int i, long whole) {
    count(r, fl[i], v[i], NUM_FEM);
    put(r, " (");
    doc_pct_text(&r->s, r->l, fl[i], v[i], whole, pct[i]);
    put(r, ") ");
}

/* One sentence on a yes/no question, true and grammatical for any counts:
 * a part with no action is not named, a part holding all is said as such. */
static void say_yes_no(R *r, const long *v, const char *key, const YesNo *w) {
    long whole = v[0] + v[1] + v[2], pct[3];
    long pct_sum = round_percentages(v, 3, pct);
    const char *vals[3] = {"si", "no", "sin_dato"};
    const char *fl[3];
    for (int i = 0; i < 3; i++) fl[i] = flt(r, "acciones", key, vals[i], NULL);
    int parts = (v[0] > 0) + (v[1] > 0) + (v[2] > 0);
    if (whole == 1) {
        put(r, T("La única acción reportada ", "The only action reported "));
        put(r, v[0] ? w->yes1 : v[1] ? w->no1 : T("no indica este dato", "does not give this information"));
        put(r, ".");
    } else if (parts == 1) {
        put(r, v[0] ? T("Las ", "All ") : T("Ninguna de las ", "None of the "));
        count(r, flt(r, "acciones", NULL), whole, NUM_FEM);
        put(r, T(" acciones reportadas ", " actions reported "));
        put(r, v[0] ? w->yes_n : v[1] ? w->yes1 : T("indica este dato", "gives this information"));
        put(r, ".");
    } else {
        put(r, T("De las ", "Of the "));
        count(r, flt(r, "acciones", NULL), whole, NUM_FEM);
        put(r, T(" acciones reportadas, ", " actions reported, "));
        int said = 0;
        for (int i = 0; i < 3; i++) {
            if (!v[i]) continue;
            put(r, lang_list_sep(r->l, said++, parts, i == 2 ? "en" : NULL));
            if (i == 2) put(r, T("en ", ""));
            yes_no_part(r, v, pct, fl, i, whole);
            put(r, i == 0 ? lang_num(v[i], w->yes1, w->yes_n)
                 : i == 1 ? lang_num(v[i], w->no_short1, w->no_short_n)
                          : T("no se indicó", lang_num(v[i], "did not say", "did not say")));
        }
        put(r, ".");
    }
    para(r, B_P);
    if (parts > 1) share_note(r, pct_sum);
    put(r, T("El dato es el que declaró cada instancia al reportar la acción; no se verificó por separado.",
             "The figure is as declared by each body when reporting the action; it was not verified separately."));
    para(r, B_NOTE);
}

static void analysis_gender_disability(R *r) {
    const Figures *f = r->f;
    heading(r, B_H2, "analisis-genero", true, T("5. Incorporación del enfoque de género", "5. Gender focus"));
    doc_chart(r->d, noted(r, chart_yes_no(r, "grafica-genero",
                                 T("Acciones con enfoque para mujeres, niñas y/o adolescentes",
                                   "Actions with a focus on women, girls and/or adolescents"),
                                 f->gender, "genero", "Con enfoque", "With the focus", "Sin enfoque",
                                 "Without it")));
    const YesNo gender_es = {"afirma incorporar un enfoque específico para mujeres, niñas y/o adolescentes",
                             "afirman incorporar un enfoque específico para mujeres, niñas y/o adolescentes",
                             "no afirma incorporar un enfoque específico para mujeres, niñas y/o adolescentes",
                             "no lo aplica", "no lo aplican"};
    const YesNo gender_en = {"states a specific focus on women, girls and/or adolescents",
                             "state a specific focus on women, girls and/or adolescents",
                             "does not state a specific focus on women, girls and/or adolescents",
                             "does not", "do not"};
    say_yes_no(r, f->gender, "genero", r->l == LANG_EN ? &gender_en : &gender_es);
    heading(r, B_H2, "analisis-discapacidad", true,
            T("6. Atención a personas con discapacidad", "6. Attention to persons with disabilities"));
    doc_chart(r->d, noted(r, chart_yes_no(r, "grafica-discapacidad",
                                 T("Acciones con atención específica para personas con discapacidad",
                                   "Actions with specific attention to persons with disabilities"),
                                 f->disability, "discapacidad", "Sí", "Yes", "No", "No")));
    const YesNo dis_es = {"afirma dar atención específica a personas con discapacidad",
                          "afirman dar atención específica a personas con discapacidad",
                          "no afirma dar atención específica a personas con discapacidad",
                          "no la contempla", "no la contemplan"};
    const YesNo dis_en = {"states specific attention to persons with disabilities",
                          "state specific attention to persons with disabilities",
                          "does not state specific attention to persons with disabilities",
                          "does not", "do not"};
    say_yes_no(r, f->disability, "discapacidad", r->l == LANG_EN ? &dis_en : &dis_es);
}

/* The most frequent categories of reporter type T: the tie group at the
 * top, when it says something (its count is at least 2 and it holds at
 * most three categories); 0 otherwise. */
static int top_cats_of_type(R *r, int t, int *out) {
    const Figures *f = r->f;
    long max = 0;
    int n = 0;
    for (int c = 0; c < f->ncats; c++)
        if (f->by_cat_type[c][t] > max) max = f->by_cat_type[c][t];
    if (max < 2) return 0;
    for (int c = 0; c < f->ncats; c++)
        if (f->by_cat_type[c][t] == max) {
            if (n == 3) return 0;
            out[n++] = c;
        }
    /* all tied: in the reader's alphabetical order */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && ph_collate(r->l, cat_name(r, out[j]), cat_name(r, out[j - 1])) < 0; j--) {
            int x = out[j];
            out[j] = out[j - 1];
            out[j - 1] = x;
        }
    return n;
}

/* A category list for phrase.h: «Name» (count), with the count of the
 * category (TYPE < 0) or of one reporter type. */
typedef struct {
    R *r;
    const int *cats;
    int type;
    bool count;
} CatList;

static void cat_item(void *ctx, Str *s, int i) {
    CatList *L = ctx;
    R *r = L->r;
    int c = L->cats[i];
    (void)s;
    quoted(r, cat_name(r, c));
    if (!L->count) return;
    put(r, " (");
    if (L->type < 0) fig(r, flt(r, "retos", "categoria", cat_v(r, c), NULL), r->f->by_cat[c]);
    else
        fig(r, flt(r, "retos", "categoria", cat_v(r, c), "tipo", r->f->types[L->type].code, NULL),
            r->f->by_cat_type[c][L->type]);
    put(r, ")");
}

/* How many actions reported no challenge: «En 3 de las 40 acciones no se
 * reportó ningún reto.» */
static void say_no_challenge(R *r) {
    long none = r->f->actions - r->f->with_challenges;
    if (none <= 0 && r->f->actions == 1) return;    /* the sentence before says it */
    if (none <= 0) {
        put(r, T(" En todas las acciones se reportó al menos un reto.", " Every action reported at least one challenge."));
        return;
    }
    put(r, T(" En ", " No challenge was reported for "));
    count(r, flt(r, "acciones", "retos", "ninguno", NULL), none, NUM_FEM);
    put(r, T(" de las ", " of the "));
    count(r, flt(r, "acciones", NULL), r->f->actions, NUM_FEM);
    put(r, T(" acciones no se reportó ningún reto.", " actions."));
}

/* «A» y «B» (5 cada uno): a tie group of categories shares one count;
 * FEMININE: the noun before the list is «categorías», not «retos». */
static void tied_categories(R *r, const int *cats, int n, int type, bool feminine) {
    CatList L = {r, cats, type, n == 1};
    ph_list(&r->s, r->l, n, PH_AND, cat_item, NULL, &L);
    if (n == 1) return;
    int c = cats[0];
    put(r, " (");
    if (type < 0) fig(r, flt(r, "retos", "categoria", cat_v(r, c), NULL), r->f->by_cat[c]);
    else
        fig(r, flt(r, "retos", "categoria", cat_v(r, c), "tipo", r->f->types[type].code, NULL),
            r->f->by_cat_type[c][type]);
    putf(r, " %s)", ph_each(r->l, feminine));
}

/* Per reporter type, its most frequent challenges: said only when two or
 * more types reported challenges (else the overall sentence says it). */
static void say_type_challenges(R *r) {
    const Figures *f = r->f;
    int with = 0;
    for (int t = 0; t < f->ntypes; t++) {
        long v = f->unclassified_by_type[t];
        for (int c = 0; c < f->ncats; c++) v += f->by_cat_type[c][t];
        with += v > 0;
    }
    if (with < 2) return;
    for (int t = 0; t < f->ntypes; t++) {
        int top[3];
        int n = top_cats_of_type(r, t, top);
        if (!n) continue;
        put(r, T(" Para ", " For "));
        type_ref(r, t, "");
        put(r, n == 1 ? T(", el reto más frecuente es ", ", the most frequent challenge is ")
                      : T(", los retos más frecuentes son ", ", the most frequent challenges are "));
        tied_categories(r, top, n, t, false);
        put(r, ".");
    }
}

/* «Name» (count), «Name» (count) y «Name» (count): the categories IDX[FROM..TO). */
static void list_categories(R *r, const int *idx, int from, int to) {
    CatList L = {r, idx + from, -1, true};
    ph_list(&r->s, r->l, to - from, PH_AND, cat_item, NULL, &L);
}

/* The categories with the most mentions: with more than three, the top
 * three and any tied with the third (if that stays within four), else the
 * tie group at the top. Returns how many; N means no leader to name. */
static int leading_categories(const Figures *f, const int *idx, int n) {
    int k = 0;
    if (n > 3) {
        while (k < n && (k < 3 || f->by_cat[idx[k]] == f->by_cat[idx[k - 1]])) k++;
        if (k <= 4) return k;
    }
    k = 1;
    while (k < n && f->by_cat[idx[k]] == f->by_cat[idx[0]]) k++;
    return k;
}

static void analysis_challenges(R *r) {
    const Figures *f = r->f;
    heading(r, B_H2, "analisis-retos", true,
            T("7. Retos identificados para la implementación", "7. Challenges identified in implementation"));
    if (!f->challenges) {
        put(r, T("Ninguna acción reportó retos para su implementación.",
                 "No action reported challenges in its implementation."));
        para(r, B_P);
        return;
    }
    Chart *c = chart_challenges(r);
    c->note = otros_note(r);
    doc_chart(r->d, noted(r, c));
    int idx[FIG_MAX_CATS];
    int n = cats_by_count(r, f->by_cat, idx);
    put(r, T(lang_num(f->challenges, "Se reportó ", "Se reportaron "), "In all, "));
    count(r, flt(r, "retos", NULL), f->challenges, NUM_MASC);
    put(r, T(lang_num(f->challenges, " reto", " retos"), lang_num(f->challenges, " challenge was reported", " challenges were reported")));
    if (n == 1 && !f->unclassified) {
        put(r, T(lang_num(f->challenges, ", de la categoría ", ", todos de la categoría "),
                 lang_num(f->challenges, ", in the category ", ", all in the category ")));
        quoted(r, cat_name(r, idx[0]));
    } else if (n) {
        put(r, T(lang_num(f->challenges, ", clasificado en ", ", clasificados en "), ", classified in "));
        ph_count(&r->s, r->l, flt(r, "categorias", NULL), n, NUM_FEM, T("categoría", "category"), T("categorías", "categories"));
    }
    if (f->unclassified) {
        put(r, n ? "; " : ", ");
        count(r, flt(r, "retos", "categoria", cat_v(r, -1), NULL), f->unclassified, NUM_MASC_ALONE);
        put(r, T(" aún sin clasificar", " still unclassified"));
    }
    put(r, ".");
    say_no_challenge(r);
    if (n > 1) {
        int k = leading_categories(f, idx, n);
        bool tie = f->by_cat[idx[0]] == f->by_cat[idx[k - 1]];
        if (k < n) {     /* when every category ties, there is no leader to name */
            put(r, k == 1 ? T(" La categoría con más menciones es ", " The category with the most mentions is ")
                          : T(" Las categorías con más menciones son ", " The categories with the most mentions are "));
            if (tie) tied_categories(r, idx, k, -1, true);
            else list_categories(r, idx, 0, k);
            put(r, ".");
        }
    }
    para(r, B_P);
    say_type_challenges(r);
    para(r, B_P);
    int first_small = otros_first(r, idx, n);
    if (first_small < n) {
        long sum = 0;
        for (int i = first_small; i < n; i++) sum += f->by_cat[idx[i]];
        put(r, T("Con menos de ", "With fewer than "));
        count_plain(r, "retos", otros_umbral(r), NUM_FEM);
        put(r, T(" menciones, se agrupan en la gráfica como «Otros retos» (",
                 " mentions, the following are grouped in the chart as “Other challenges” ("));
        Str fl = STR_INIT;
        str_puts(&fl, flt(r, "retos", NULL));
        other_cats(r, &fl, idx, first_small, n);
        fig(r, str_cstr(&fl), sum);
        str_free(&fl);
        put(r, "): ");
        list_categories(r, idx, first_small, n);
        put(r, ".");
        para(r, B_P);
    }
}

/* ------------------------------------- guiding principles, good practices */
/* issue 13 (F13): what the UN asks for beyond the objectives, in the
 * Informe: the guiding principles the actions name (the figures'
 * guiding_principles) and the actions marked as good practices. */

static const char *prin_name(R *r, int p) {
    const FigLabel *l = &r->f->principles[p];
    return r->l == LANG_EN && *l->name_en ? l->name_en : l->name_es;
}

static char *prin_filter(R *r, int p) {
    return p ? flt(r, "acciones", "principio", num(r, p), NULL) : flt(r, "acciones", "principio", "alguno", NULL);
}

/* "X de las N acciones indican al menos uno de los diez principios". */
static void prin_share(R *r) {
    const Figures *f = r->f;
    long w = f->with_principles;
    if (w == f->actions) {
        if (w == 1) put(r, T("La única acción indica ", "The only action names "));
        else {
            put(r, T("Las ", "Each of the "));
            count(r, prin_filter(r, 0), w, NUM_FEM);
            put(r, T(" acciones indican ", " actions names "));
        }
    } else {
        /* «De las 40 acciones, 25 indican…»: no sentence starts with a figure (UN style) */
        put(r, T("De las ", "Of the "));
        count(r, flt(r, "acciones", NULL), f->actions, NUM_FEM);
        put(r, T(" acciones, ", " actions, "));
        count(r, prin_filter(r, 0), w, NUM_FEM);
        put(r, T(lang_num(w, " indica ", " indican "), lang_num(w, " names ", " name ")));
    }
    put(r, T("al menos uno de los diez principios rectores del Pacto.",
             "at least one of the Compact's ten guiding principles."));
    long links = 0;
    for (int p = 1; p <= FIG_NPRIN; p++) links += f->by_principle[p];
    if (links > w) put(r, T(" Una acción cuenta en cada principio que indica.", " An action counts under each principle it names."));
}

/* The principles named by most actions (a tie group), when not all tie. */
static void prin_most(R *r, const int *idx, int n) {
    const Figures *f = r->f;
    long v[FIG_NPRIN];
    int start[FIG_NPRIN + 1];
    for (int i = 0; i < n; i++) v[i] = f->by_principle[idx[i]];
    ph_ties(v, n, start);
    int k = start[1];
    if (n < 2 || k == n) return;
    put(r, k == 1 ? T(" El más citado es ", " The most named is ") : T(" Los más citados son ", " The most named are "));
    for (int i = 0; i < k; i++) {
        put(r, lang_list_sep(r->l, i, k, NULL));
        quoted(r, prin_name(r, idx[i]));
    }
    put(r, " (");
    fig(r, prin_filter(r, idx[0]), v[0]);
    put(r, T(lang_num(v[0], " acción", " acciones"), lang_num(v[0], " action", " actions")));
    if (k > 1) put(r, T(" cada uno", " each"));
    put(r, ").");
}

typedef struct {
    R *r;
    const int *v;
} NumList;

static void num_item(void *ctx, Str *s, int i) {
    const NumList *L = ctx;
    str_printf(s, "%d", L->v[i]);
}

/* The principles no action names, by number ("los principios 2-4 y 9"). */
static void prin_unnamed(R *r) {
    int none[FIG_NPRIN], n = 0;
    for (int p = 1; p <= FIG_NPRIN; p++)
        if (!r->f->by_principle[p]) none[n++] = p;
    if (!n) return;
    put(r, n == 1 ? T(" Ninguna acción cita el principio ", " No action names principle ")
                  : T(" Ninguna acción cita los principios ", " No action names principles "));
    NumList L = {r, none};
    ph_runs(&r->s, r->l, none, n, num_item, &L);
    put(r, ".");
}

static void prin_table(R *r) {
    Table *tb = doc_table(r->d, 2, FIG_NPRIN + 2);
    tb->total_row = true;
    tb->numeric[1] = true;
    doc_cell(r->d, tb, 0, 0, T("Principio rector", "Guiding principle"));
    doc_cell(r->d, tb, 0, 1, T("Acciones", "Actions"));
    Str s = STR_INIT;
    for (int p = 1; p <= FIG_NPRIN + 1; p++) {
        bool total = p > FIG_NPRIN;
        doc_cell(r->d, tb, p, 0, total ? T("Acciones con algún principio", "Actions naming any principle")
                                       : arena_printf(&r->d->arena, "%d. %s", p, prin_name(r, p)));
        str_clear(&s);
        doc_fig(&s, r->l, prin_filter(r, total ? 0 : p), total ? r->f->with_principles : r->f->by_principle[p]);
        doc_cell(r->d, tb, p, 1, str_cstr(&s));
    }
    str_free(&s);
}

static void analysis_principles(R *r) {
    const Figures *f = r->f;
    heading(r, B_H2, "analisis-principios", true,
            T("8. Principios rectores del Pacto", "8. Guiding principles of the Compact"));
    if (!f->with_principles) {
        put(r, T("Ninguna acción indica a cuáles de los diez principios rectores del Pacto sirve.",
                 "No action states which of the Compact's ten guiding principles it serves."));
        para(r, B_P);
        return;
    }
    prin_share(r);
    int idx[FIG_NPRIN], n = 0;
    for (int p = 1; p <= FIG_NPRIN; p++)
        if (f->by_principle[p]) idx[n++] = p;
    for (int i = 1; i < n; i++)          /* most named first; ties by number (stable) */
        for (int j = i; j > 0 && f->by_principle[idx[j]] > f->by_principle[idx[j - 1]]; j--) {
            int t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    prin_most(r, idx, n);
    prin_unnamed(r);
    para(r, B_P);
    prin_table(r);
}

/* The good practices among the candidates (Highlights), by objective. */
static int good_practices(R *r, const Highlight **out) {
    const Highlights *h = r->o->highlights;
    int n = 0;
    for (int i = 0; h && i < h->n; i++)
        if (h->items[i].good_practice) out[n++] = &h->items[i];
    return n;
}

/* «Nombre» (INM), objetivo 7. */
static void practice_item(R *r, const Highlight *g) {
    str_puts(&r->s, DOC_BOLD);
    spanish(r, true);
    quoted_name(r, g->name);
    spanish(r, false);
    str_puts(&r->s, DOC_UNBOLD);
    putf(r, T(" (%s), objetivo %d.", " (%s), objective %d."), g->acronym, g->objective);
    para(r, B_P);
}

static void analysis_practices(R *r) {
    if (!r->o->highlights) return;          /* the caller read no candidates */
    heading(r, B_H2, "analisis-buenas-practicas", true, T("9. Buenas prácticas", "9. Good practices"));
    const Highlight **g = arena_alloc(&r->d->arena, sizeof *g * (size_t)(r->o->highlights->n + 1));
    int n = good_practices(r, g);
    if (!n) {
        put(r, T("La coordinación no ha señalado ninguna acción de esta edición como buena práctica.",
                 "The coordinating unit has marked no action of this edition as a good practice."));
        para(r, B_P);
        return;
    }
    put(r, n == 1 ? T("La coordinación señaló como buena práctica, con los datos que pide el Repositorio de "
                      "Prácticas de la Red de las Naciones Unidas sobre la Migración, la acción siguiente "
                      "(con su objetivo principal):",
                      "The coordinating unit marked as a good practice, with what the UN Network on "
                      "Migration's Repository of Practices asks, the following action (with its principal "
                      "objective):")
                  : T("La coordinación señaló como buenas prácticas, con los datos que pide el Repositorio de "
                      "Prácticas de la Red de las Naciones Unidas sobre la Migración, las acciones siguientes "
                      "(con su objetivo principal):",
                      "The coordinating unit marked as good practices, with what the UN Network on "
                      "Migration's Repository of Practices asks, the following actions (with their principal "
                      "objective):"));
    para(r, B_P);
    for (int i = 0; i < n; i++) practice_item(r, g[i]);
}

static void analysis(R *r) {
    heading(r, B_H1, "analisis", true,
            T("IV. Análisis de programas y acciones en relación con los objetivos del PMM",
              "IV. Analysis of programmes and actions by objective"));
    if (!r->f->actions) {
        put(r, T("No hay acciones registradas que analizar.", "There are no recorded actions to analyse."));
        para(r, B_P);
        return;
    }
    analysis_types(r);
    analysis_objectives(r);
    analysis_population(r);
    analysis_gender_disability(r);
    analysis_challenges(r);
    analysis_principles(r);     /* issue 13 (F13) */
    analysis_practices(r);
}

/* ------------------------------------------------------------ conclusions */

static void conclusions(R *r) {
    const Figures *f = r->f;
    heading(r, B_H1, "conclusiones", true, T("V. Conclusiones", "V. Conclusions"));
    int covered = 0, missing[FIG_NOBJ], nmiss = 0;
    for (int o = 1; o <= FIG_NOBJ; o++) {
        if (f->by_obj[o]) covered++;
        else missing[nmiss++] = o;
    }
    if (!f->actions) {
        put(r, T("La edición no tiene acciones registradas todavía.", "The edition has no recorded actions yet."));
        para(r, B_P);
        return;
    }
    if (!nmiss) {
        put(r, T("Considerando a todas las instancias reportantes, cada uno de los 23 objetivos del PMM "
                 "cuenta con al menos una acción reportada.",
                 "Taking all reporting bodies together, each of the 23 objectives has at least one "
                 "reported action."));
    } else {
        if (covered == 1) {
            int only = 1;
            while (!f->by_obj[only]) only++;
            put(r, T("Solo el objetivo ", "Only objective "));
            doc_ref(&r->s, obj_filter(r, only, -1), f->by_obj[only], "nonzero", num(r, only));
            /* one action is not «acciones» (t12w, F9) */
            put(r, f->by_obj[only] == 1 ? T(" cuenta con una acción reportada; los otros ",
                                            " has a reported action; the other ")
                                        : T(" cuenta con acciones reportadas; los otros ",
                                            " has reported actions; the other "));
            count_plain(r, "objetivos", nmiss, NUM_MASC_ALONE);      /* 23 less one: no count of its own */
            put(r, T(" no tienen ninguna.", " have none."));
        } else {
            put(r, T("De los ", "Of the "));
            count_plain(r, "objetivos", FIG_NOBJ, NUM_MASC);
            put(r, T(" objetivos, ", " objectives, "));
            count(r, flt(r, "objetivos", NULL), covered, NUM_MASC_ALONE);
            put(r, T(" cuentan con acciones reportadas; ", " have reported actions; "));
            objective_runs(r, missing, nmiss, -1, f->by_obj, "zero");
            put(r, nmiss == 1 ? T(" no tiene ninguna.", " has none.") : T(" no tienen ninguna.", " have none."));
        }
    }
    para(r, B_P);
    Extremes e;
    extremes(f->by_obj, &e);
    /* a disparity needs two objectives with actions and different counts */
    int on[FIG_NOBJ];
    covered_objectives(f->by_obj, on);
    if (covered >= 2 && !all_equal(f->by_obj, on, covered) && e.nmost < covered) {
        put(r, T("Un primer hallazgo es la disparidad en el número de acciones por objetivo. ",
                 "A first finding is the uneven number of actions across objectives. "));
        say_extremes(r, f->by_obj, -1, &e, false);      /* the sentence before named them */
        say_spread(r, f->by_obj, &e);
        para(r, B_P);
    }
    for (int t = 0; t < f->ntypes; t++) {
        if (!f->by_type[t]) continue;
        long v[FIG_NOBJ + 1] = {0};
        int un[FIG_NOBJ], nun = 0, non = 0;
        for (int o = 1; o <= FIG_NOBJ; o++) {
            v[o] = f->by_obj_type[o][t];
            if (v[o]) non++;
            else un[nun++] = o;
        }
        if (nun && nun <= non) {
            /* a type present almost everywhere: the objectives it left out */
            /* "Las entidades federativas", "The states": the reference, capitalised */
            Str save = r->s;
            r->s = (Str)STR_INIT;
            type_ref(r, t, "");
            char *cap = str_take(&r->s);
            r->s = save;
            if (cap[0] >= 'a' && cap[0] <= 'z') cap[0] = (char)(cap[0] - 'a' + 'A');
            put(r, cap);
            free(cap);
            const char *art = type_article(r, t);
            bool plural = !strcmp(art, "las") || !strcmp(art, "los");
            put(r, T(plural ? " no reportaron acciones para " : " no reportó acciones para ",
                     " reported no actions for "));
            objective_runs(r, un, nun, t, v, "zero");
            put(r, ".");
        } else {
            say_type_objectives(r, t, v);
        }
        para(r, B_P);
    }
    if (f->challenges) {
        int idx[FIG_MAX_CATS];
        int n = cats_by_count(r, f->by_cat, idx);
        int k = 0;
        while (k < n && f->by_cat[idx[k]] == f->by_cat[idx[0]]) k++;
        if (n > 1 && k < n) {
            /* the most mentioned, with every category tied with it */
            put(r, k == 1 ? T("En cuanto a los retos, el más mencionado es ", "As for challenges, the most mentioned is ")
                          : T("En cuanto a los retos, los más mencionados son ", "As for challenges, the most mentioned are "));
            tied_categories(r, idx, k, -1, false);
            put(r, ".");
        }
        say_type_challenges(r);
        para(r, B_P);
    }
}

/* ------------------------------------- comparison with the previous edition */
/* issue 13 (T13): what grew, what fell, the objectives that gained or lost
 * all coverage, against the edition before (ReportOptions.previous); every
 * figure of the previous edition carries that edition's filter. */

static char *prev_flt(R *r, const char *measure, ...) {
    va_list ap;
    va_start(ap, measure);
    char *z = vfilter(&r->d->arena, r->o->previous->edition, measure, ap);
    va_end(ap);
    return z;
}

static char *prev_obj_filter(R *r, int o) { return prev_flt(r, "acciones", "objetivo", num(r, o), NULL); }

/* "de 1 a 3" / "from 1 to 3": the previous figure, then this one; in
 * running text (PROSE: «de tres a una», doc_count, a «1» of gender G) or
 * in parentheses. */
static void from_to(R *r, Str *s, const char *prev_fl, long before, const char *fl, long now, bool prose,
                    NumGender g) {
    str_puts(s, T("de ", "from "));
    if (prose) doc_count(s, r->l, prev_fl, before, g);
    else doc_fig(s, r->l, prev_fl, before);
    str_puts(s, T(" a ", " to "));
    if (prose) doc_count(s, r->l, fl, now, g);
    else doc_fig(s, r->l, fl, now);
}

/* "+2", "−2" or "0": the change as a difference mark (its value is never
 * negative: a fall is written previous minus now, after the sign). */
static void signed_change(R *r, Str *s, const char *prev_fl, long before, const char *fl, long now) {
    if (now > before) str_puts(s, "+");
    if (now < before) str_puts(s, "\xe2\x88\x92");
    if (now >= before) doc_diff(s, r->l, fl, prev_fl, now - before);
    else doc_diff(s, r->l, prev_fl, fl, before - now);
}

typedef struct {
    R *r;
    const int *objs;
} CmpList;

/* "el 3 (de 1 a 3)" / "3 (from 1 to 3)" */
static void cmp_obj_item(void *ctx, Str *s, int i) {
    const CmpList *L = ctx;
    R *r = L->r;
    int o = L->objs[i];
    if (r->l == LANG_ES) str_puts(s, "el ");
    doc_ref(s, obj_filter(r, o, -1), r->f->by_obj[o], "", num(r, o));
    str_puts(s, " (");
    from_to(r, s, prev_obj_filter(r, o), r->o->previous->by_obj[o], obj_filter(r, o, -1), r->f->by_obj[o], false, NUM_FEM);
    str_puts(s, ")");
}

static void cmp_totals(R *r, const Figures *p) {
    const Figures *f = r->f;
    putf(r, T("Frente a la edición anterior, %s, el número de acciones ", "Compared with the previous edition, %s, "
              "the number of actions "), p->edition);
    if (f->actions == p->actions) {
        put(r, T("se mantuvo en ", "stayed at "));
        count(r, flt(r, "acciones", NULL), f->actions, NUM_MASC_ALONE);    /* «el número … en uno» */
        put(r, ".");
    } else {
        put(r, T("pasó ", "went "));
        from_to(r, &r->s, prev_flt(r, "acciones", NULL), p->actions, flt(r, "acciones", NULL), f->actions, true, NUM_MASC_ALONE);
        put(r, " (");
        long d = f->actions > p->actions ? f->actions - p->actions : p->actions - f->actions;
        if (f->actions > p->actions)
            doc_diff_count(&r->s, r->l, flt(r, "acciones", NULL), prev_flt(r, "acciones", NULL), d, NUM_FEM);
        else doc_diff_count(&r->s, r->l, prev_flt(r, "acciones", NULL), flt(r, "acciones", NULL), d, NUM_FEM);
        /* «de uno a cero (una acción menos)»: a lone «una» after the
         * masculine «uno» of «el número» reads as a slip (round 5, fault 9) */
        if (d == 1 && (f->actions == 1 || p->actions == 1)) put(r, T(" acción", ""));
        put(r, f->actions > p->actions ? T(" más).", " more).") : T(" menos).", " fewer)."));
    }
    para(r, B_P);
}

/* The size of objective O's change against the previous edition. */
static long change_size(R *r, int o) {
    long d = r->f->by_obj[o] - r->o->previous->by_obj[o];
    return d < 0 ? -d : d;
}

/* The objectives whose count grew (SIGN > 0) or fell (SIGN < 0), the
 * largest change first, ties by number; SIZE gets each one's change. */
static int changed_objectives(R *r, int sign, int *out, long *size) {
    int n = 0;
    for (int o = 1; o <= FIG_NOBJ; o++) {
        long d = r->f->by_obj[o] - r->o->previous->by_obj[o];
        if ((sign > 0 && d > 0) || (sign < 0 && d < 0)) out[n++] = o;
    }
    for (int i = 1; i < n; i++)         /* insertion sort: stable, so ties stay by number */
        for (int j = i; j > 0 && change_size(r, out[j]) > change_size(r, out[j - 1]); j--) {
            int t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    for (int i = 0; i < n; i++) size[i] = change_size(r, out[i]);
    return n;
}

/* How many of the N changes (sorted, SIZE) a sentence names: whole tie
 * groups, at most CMP_NAMED objectives (issue 12: an editor never lists
 * everything; the table has the rest); 0 when the largest change alone is
 * shared by more. */
enum { CMP_NAMED = 3 };
static int cmp_named(const long *size, int n) {
    int start[FIG_NOBJ + 1];
    int g = ph_ties(size, n, start), k = 0;
    for (int i = 0; i < g && start[i + 1] <= CMP_NAMED; i++) k = start[i + 1];
    return k;
}

/* "…; el mayor aumento, de 2 acciones, lo tuvieron 7 de ellos": the
 * largest change, shared by the first TIED of the N objectives V. */
static void cmp_shared(R *r, bool up, const int *v, int tied, int n) {
    int o = v[0];
    long d = change_size(r, o);
    char *now = obj_filter(r, o, -1), *before = prev_obj_filter(r, o);
    if (tied == n) put(r, T(", en ", ", by "));
    else put(r, up ? T("; el mayor aumento, de ", "; the largest rise, ")
                   : T("; la mayor baja, de ", "; the largest fall, "));
    if (up) doc_diff_count(&r->s, r->l, now, before, d, NUM_FEM);
    else doc_diff_count(&r->s, r->l, before, now, d, NUM_FEM);
    put(r, T(lang_num(d, " acción", " acciones"), lang_num(d, " action", " actions")));
    if (tied == n) {
        put(r, T(" cada uno. ", " each. "));
        return;
    }
    put(r, up ? T(", lo tuvieron ", ", was shared by ") : T(", la tuvieron ", ", was shared by "));
    count_plain(r, "objetivos", tied, NUM_MASC_ALONE);
    put(r, T(" de ellos. ", " of them. "));
}

/* One sentence on the N objectives V that grew (UP) or fell, sorted by
 * change (SIZE). Returns whether some were left to the table. */
static bool cmp_direction(R *r, bool up, const int *v, const long *size, int n) {
    if (!n) {
        put(r, up ? T("Ningún objetivo creció en número de acciones. ", "No objective grew in number of actions. ")
                  : T("Ningún objetivo bajó en número de acciones. ", "No objective fell in number of actions. "));
        return false;
    }
    /* objectives, not actions: no count of its own; an English sentence
     * does not start with a numeral */
    if (r->l == LANG_ES)
        put(r, up ? (n == 1 ? "Creció en número de acciones " : "Crecieron en número de acciones ")
                  : (n == 1 ? "Bajó en número de acciones " : "Bajaron en número de acciones "));
    else put(r, "In number of actions, ");
    count_plain(r, "objetivos", n, NUM_MASC);
    if (r->l == LANG_ES) put(r, n == 1 ? " objetivo" : " objetivos");
    else put(r, up ? (n == 1 ? " objective grew" : " objectives grew") : (n == 1 ? " objective fell" : " objectives fell"));
    int k = n <= CMP_NAMED ? n : cmp_named(size, n);
    if (!k) {
        int start[FIG_NOBJ + 1];
        ph_ties(size, n, start);
        cmp_shared(r, up, v, start[1], n);
        return true;
    }
    if (k == n) put(r, ": ");
    else if (k == 1) put(r, up ? T("; el que más creció fue ", "; the one that grew most was objective ")
                               : T("; el que más bajó fue ", "; the one that fell most was objective "));
    else put(r, up ? T("; los que más crecieron fueron ", "; those that grew most were objectives ")
                   : T("; los que más bajaron fueron ", "; those that fell most were objectives "));
    CmpList L = {r, v};
    ph_list(&r->s, r->l, k, PH_AND, cmp_obj_item, NULL, &L);
    put(r, ". ");
    return k < n;
}

static void cmp_objectives(R *r) {
    int up[FIG_NOBJ], down[FIG_NOBJ];
    long sup[FIG_NOBJ], sdown[FIG_NOBJ];
    int nup = changed_objectives(r, 1, up, sup), ndown = changed_objectives(r, -1, down, sdown);
    if (!nup && !ndown) {
        put(r, T("Ningún objetivo cambió: cada uno tiene tantas acciones como en la edición anterior.",
                 "No objective changed: each has as many actions as in the previous edition."));
        para(r, B_P);
        return;
    }
    bool left = cmp_direction(r, true, up, sup, nup);
    left = cmp_direction(r, false, down, sdown, ndown) || left;
    int same = FIG_NOBJ - nup - ndown;
    if (same == 1) put(r, T("El otro se mantuvo igual.", "The other one stayed the same."));
    else if (same > 1) {
        put(r, T("Los otros ", "The other "));
        count_plain(r, "objetivos", same, NUM_MASC_ALONE);
        put(r, T(" se mantuvieron igual.", " stayed the same."));
    }
    if (left) {      /* one space after a sentence that ends with one or not (issue 13 round 2, F13) */
        if (r->s.len && r->s.p[r->s.len - 1] != ' ') put(r, " ");
        put(r, T("El cuadro da las cifras de cada objetivo.", "The table gives every objective's figures."));
    }
    para(r, B_P);
}

/* Objectives that went from none to some actions (GAINED) or back. */
static void cmp_coverage(R *r) {
    const Figures *f = r->f, *p = r->o->previous;
    int gained[FIG_NOBJ], lost[FIG_NOBJ], ng = 0, nl = 0;
    for (int o = 1; o <= FIG_NOBJ; o++) {
        if (!p->by_obj[o] && f->by_obj[o]) gained[ng++] = o;
        if (p->by_obj[o] && !f->by_obj[o]) lost[nl++] = o;
    }
    if (!ng && !nl) {
        putf(r, T("Ningún objetivo ganó ni perdió toda su cobertura frente a la edición %s.",
                  "No objective gained or lost all of its coverage compared with edition %s."), p->edition);
        para(r, B_P);
        return;
    }
    if (ng) {
        putf(r, ng == 1 ? T("En esta edición ganó cobertura (no tenía ninguna acción en la edición %s y ahora la tiene) ",
                            "In this edition, coverage was gained (no action in edition %s, some now) by ")
                        : T("En esta edición ganaron cobertura (no tenían ninguna acción en la edición %s y ahora la tienen) ",
                            "In this edition, coverage was gained (no action in edition %s, some now) by "),
             p->edition);
        objective_runs(r, gained, ng, -1, f->by_obj, "nonzero");
        put(r, ". ");
    }
    if (nl) {
        putf(r, nl == 1 ? T("Perdió toda cobertura (tenía acciones en la edición %s y ahora no tiene ninguna) ",
                            "All coverage was lost (actions in edition %s, none now) by ")
                        : T("Perdieron toda cobertura (tenían acciones en la edición %s y ahora no tienen ninguna) ",
                            "All coverage was lost (actions in edition %s, none now) by "),
             p->edition);
        objective_runs(r, lost, nl, -1, f->by_obj, "zero");
        put(r, ".");
    }
    para(r, B_P);
}

typedef struct {
    R *r;
    const int *types;
} CmpTypes;

/* "de 3 a 1 en la Administración Pública Federal" */
static void cmp_type_item(void *ctx, Str *s, int i) {
    const CmpTypes *L = ctx;
    R *r = L->r;
    int t = L->types[i];
    const char *code = r->f->types[t].code;
    from_to(r, s, prev_flt(r, "acciones", "tipo", code, NULL), r->o->previous->by_type[t],
            flt(r, "acciones", "tipo", code, NULL), r->f->by_type[t], true, NUM_FEM);
    str_putc(s, ' ');
    if (s == &r->s) {            /* type_ref writes into r->s */
        type_ref(r, t, T("en", "in"));
        return;
    }
    Str save = r->s;
    r->s = *s;
    type_ref(r, t, T("en", "in"));
    *s = r->s;
    r->s = save;
}

static void cmp_types(R *r) {
    const Figures *f = r->f, *p = r->o->previous;
    int ch[FIG_MAX_TYPES], n = 0, same = 0;
    for (int t = 0; t < f->ntypes && t < p->ntypes; t++) {
        if (f->by_type[t] != p->by_type[t]) ch[n++] = t;
        else if (f->by_type[t]) same++;
    }
    if (!n) {
        putf(r, T("Cada tipo de instancia reportante tiene tantas acciones como en la edición %s.",
                  "Each reporter type has as many actions as in edition %s."), p->edition);
        para(r, B_P);
        return;
    }
    put(r, T("Por tipo de instancia reportante, las acciones pasaron ", "By reporter type, actions went "));
    CmpTypes L = {r, ch};
    ph_list(&r->s, r->l, n, PH_AND, cmp_type_item, NULL, &L);
    put(r, ".");
    if (same) put(r, T(" Las de los demás tipos no cambiaron.", " Those of the other types did not change."));
    para(r, B_P);
}

/* Objective | previous | this edition | change, for the 23 objectives. */
static void cmp_table(R *r) {
    const Figures *f = r->f, *p = r->o->previous;
    Table *tb = doc_table(r->d, 4, FIG_NOBJ + 2);
    tb->total_row = true;
    doc_cell(r->d, tb, 0, 0, T("Objetivo", "Objective"));
    doc_cell(r->d, tb, 0, 1, p->edition);
    doc_cell(r->d, tb, 0, 2, f->edition);
    doc_cell(r->d, tb, 0, 3, T("Cambio", "Change"));
    for (int c = 1; c < 4; c++) tb->numeric[c] = true;
    Str s = STR_INIT;
    for (int o = 1; o <= FIG_NOBJ + 1; o++) {
        bool total = o > FIG_NOBJ;
        char *pf = total ? prev_flt(r, "acciones", NULL) : prev_obj_filter(r, o);
        char *cf = total ? flt(r, "acciones", NULL) : obj_filter(r, o, -1);
        long before = total ? p->actions : p->by_obj[o], now = total ? f->actions : f->by_obj[o];
        doc_cell(r->d, tb, o, 0, total ? T("Acciones", "Actions") : obj_label(r, o));
        str_clear(&s);
        doc_fig(&s, r->l, pf, before);
        doc_cell(r->d, tb, o, 1, str_cstr(&s));
        str_clear(&s);
        doc_fig(&s, r->l, cf, now);
        doc_cell(r->d, tb, o, 2, str_cstr(&s));
        str_clear(&s);
        signed_change(r, &s, pf, before, cf, now);
        doc_cell(r->d, tb, o, 3, str_cstr(&s));
    }
    str_free(&s);
    doc_add(r->d, B_NOTE, T("Una acción vinculada a varios objetivos cuenta en cada uno de ellos; la última fila "
                            "cuenta cada acción una vez.",
                            "An action linked to several objectives counts under each of them; the last row "
                            "counts each action once."));
}

static void comparison(R *r) {
    if (!r->o->previous) return;
    /* numbered after the analysis' sections (issue 13, R13B): 10, or 9
     * when the caller read no good practices (analysis_practices) */
    int n = r->o->highlights ? 10 : 9;
    if (!r->f->actions) n = 1;  /* the analysis has no other section (round 5, fault 9) */
    heading(r, B_H2, "comparacion", true,
            arena_printf(&r->d->arena, "%d. %s", n,
                         T("Comparación con la edición anterior", "Comparison with the previous edition")));
    if (r->o->previous->synthetic) {      /* issue 13, hostile fault 1 (R13): said before its figures */
        putf(r, T("Aviso: la edición anterior, %s, es un ejemplo sintético que generó pmm: sus cifras no son "
                  "reales, no son las de ningún país ni las de ningún informe publicado.",
                  "Notice: the previous edition, %s, is a synthetic example generated by pmm: its figures are not "
                  "real, not those of any country nor of any published report."), r->o->previous->edition);
        para(r, B_P);
    }
    cmp_totals(r, r->o->previous);
    cmp_objectives(r);
    cmp_coverage(r);
    cmp_types(r);
    cmp_table(r);
}

/* ---------------------------------------------------------- glossary, annexes */

/* Sorting by the name a reader sees, in Spanish collation (the one rule,
 * text_collate_es): IDX gets the indexes of NAMES[0..n) in that order. */
typedef struct {
    const char *name;
    int i;
} Named;

static int by_shown_name(const void *a, const void *b) {
    const Named *x = a, *y = b;
    int c = text_collate_es(x->name, (int)strlen(x->name), y->name, (int)strlen(y->name));
    return c ? c : x->i - y->i;
}

static void sort_by_name(const char **names, int *idx, int n) {
    Named *v = xmalloc(sizeof *v * (size_t)(n + 1));
    for (int i = 0; i < n; i++) v[i] = (Named){names[i], i};
    if (n > 1) qsort(v, (size_t)n, sizeof *v, by_shown_name);
    for (int i = 0; i < n; i++) idx[i] = v[i].i;
    free(v);
}

/* The glossary in the report's language, alphabetical in it. An English
 * definition not written yet (a category added on the platform) is given
 * in Spanish, marked as Spanish, and a note says so. */
static void glossary(R *r) {
    heading(r, B_H1, "glosario", true,
            T("VI. Glosario de categorías de retos identificados", "VI. Glossary of challenge categories"));
    int n = r->rd->ncats, *idx = arena_alloc(&r->d->arena, sizeof *idx * (size_t)(n + 1));
    const char **names = arena_alloc(&r->d->arena, sizeof *names * (size_t)(n + 1));
    for (int i = 0; i < n; i++) names[i] = r->l == LANG_EN ? r->rd->cats[i].name_en : r->rd->cats[i].name;
    sort_by_name(names, idx, n);
    int untranslated = 0;
    Str def = STR_INIT;
    for (int k = 0; k < n; k++) {
        const ReportCategory *c = &r->rd->cats[idx[k]];
        Str term = STR_INIT;
        doc_text(&term, names[idx[k]]);
        Block *b = doc_add(r->d, B_DEF, str_cstr(&term));
        str_free(&term);
        str_clear(&def);
        if (r->l == LANG_EN && *c->definition_en) doc_text(&def, c->definition_en);
        else doc_spanish(&def, r->l, c->definition);
        untranslated += r->l == LANG_EN && !*c->definition_en;
        b->text2 = arena_strdup(&r->d->arena, str_cstr(&def));
    }
    str_free(&def);
    if (untranslated) {
        put(r, untranslated == 1 ? "The definition of " : "The definitions of ");
        count_plain(r, "categorias", untranslated, NUM_FEM);
        put(r, untranslated == 1 ? " category has not been translated yet and is given in Spanish."
                                 : " categories have not been translated yet and are given in Spanish.");
        para(r, B_NOTE);
    }
}

/* «Siglas y abreviaturas»: every reporter type's code (they head the
 * table of section III), in both languages. */
static void abbreviations(R *r) {
    const Figures *f = r->f;
    heading(r, B_H1, "siglas", true, T("Siglas y abreviaturas", "Abbreviations"));
    bool en = r->l == LANG_EN;
    /* the Spanish text also abbreviates the Compact (PMM); the English does not */
    Table *tb = doc_table(r->d, en ? 3 : 2, f->ntypes + (en ? 1 : 2));
    doc_cell(r->d, tb, 0, 0, T("Sigla", "Abbreviation"));
    doc_cell(r->d, tb, 0, 1, T("Significado", "Meaning"));
    if (en) doc_cell(r->d, tb, 0, 2, "Spanish name");
    Str s = STR_INIT;
    for (int t = 0; t < f->ntypes; t++) {
        doc_cell(r->d, tb, t + 1, 0, f->types[t].code);
        doc_cell(r->d, tb, t + 1, 1, en ? f->types[t].name_en : f->types[t].name_es);
        if (!en) continue;
        str_clear(&s);
        doc_spanish(&s, r->l, f->types[t].name_es);
        doc_cell(r->d, tb, t + 1, 2, str_cstr(&s));
    }
    if (!en) {
        doc_cell(r->d, tb, f->ntypes + 1, 0, "PMM");
        doc_cell(r->d, tb, f->ntypes + 1, 1, "Pacto Mundial para una Migración Segura, Ordenada y Regular");
    }
    str_free(&s);
    /* the units as the country's pack names them (issue 16); an edition
     * without bodies has nothing in the annexes to point to (round 5,
     * fault 9) */
    if (!r->rd->ninst) {
        if (en) put(r, "The reporter types are abbreviated by the acronyms of their Spanish names, as in the records.");
    } else if (en) {
        putf(r, "The reporter types are abbreviated by the acronyms of their Spanish names, as in the "
                "records; the institutions' acronyms are listed in Annex A and the %s' in Annex B.", unit(r, true));
    } else {
        putf(r, "Las siglas de las instituciones se listan en el anexo A y las abreviaturas de %s %s en el anexo B.",
             unit_article(r), unit(r, true));
    }
    para(r, B_NOTE);
}

static void annexes(R *r) {
    const ReportData *rd = r->rd;
    heading(r, B_H1, "anexo-instituciones", true,
            T("Anexo A. Siglas de las instituciones participantes", "Annex A. Acronyms of the participating institutions"));
    int n = 0, ns = 0;
    for (int i = 0; i < rd->ninst; i++) {
        if (*rd->insts[i].state) ns++;
        else n++;
    }
    if (!n) {
        /* no header over no rows (round 5, fault 9) */
        if (ns == 1)
            putf(r, T("Solo participó %s %s, que se lista en el anexo B.", "Only %s %s took part; it is listed in Annex B."),
                 T(unit_gender(r) == 'm' ? "un" : "una", "one"), unit(r, false));
        else if (ns)
            putf(r, T("Solo participaron %s, que se listan en el anexo B.", "Only %s took part; they are listed in Annex B."),
                 unit(r, true));
        else
            put(r, T("Ninguna institución reportó acciones en esta edición.",
                     "No institution reported actions in this edition."));
        para(r, B_P);
    }
    Str s = STR_INIT;
    Table *tb = NULL;
    if (n) {
        tb = doc_table(r->d, 4, n + 1);
        doc_cell(r->d, tb, 0, 0, T("Siglas", "Acronym"));
        doc_cell(r->d, tb, 0, 1, T("Institución", "Institution"));
        doc_cell(r->d, tb, 0, 2, T("Tipo", "Type"));
        doc_cell(r->d, tb, 0, 3, T("Acciones", "Actions"));
        tb->numeric[3] = true;
    }
    int row = 1;
    for (int i = 0; tb && i < rd->ninst; i++) {
        const ReportInst *in = &rd->insts[i];
        if (*in->state) continue;
        doc_cell(r->d, tb, row, 0, in->acronym);
        str_clear(&s);
        doc_spanish(&s, r->l, in->name);    /* an institution's name is Spanish */
        doc_cell(r->d, tb, row, 1, str_cstr(&s));
        doc_cell(r->d, tb, row, 2, in->type);
        str_clear(&s);
        doc_fig(&s, r->l, flt(r, "acciones", "institucion", inst_v(r, in), NULL), in->actions);
        doc_cell(r->d, tb, row++, 3, str_cstr(&s));
    }
    heading(r, B_H1, "anexo-estados", true,
            arena_printf(&r->d->arena, T("Anexo B. %s participantes", "Annex B. Participating %s"),
                         T(capital(r, unit(r, true)), unit(r, true))));
    if (!ns) {
        if (r->l == LANG_ES) putf(r, "%s %s reportó acciones en esta edición.",
                                  unit_gender(r) == 'm' ? "Ningún" : "Ninguna", unit(r, false));
        else putf(r, "No %s reported actions in this edition.", unit(r, false));
        para(r, B_P);
        str_free(&s);
        return;
    }
    tb = doc_table(r->d, 4, ns + 1);
    doc_cell(r->d, tb, 0, 0, T("Clave", "Code"));
    doc_cell(r->d, tb, 0, 1, T("Abreviatura", "Abbreviation"));
    doc_cell(r->d, tb, 0, 2, capital(r, unit(r, false)));
    doc_cell(r->d, tb, 0, 3, T("Acciones", "Actions"));
    tb->numeric[3] = true;
    /* by the state's name as written in the report, in Spanish collation */
    const char **names = arena_alloc(&r->d->arena, sizeof *names * (size_t)ns);
    int *at = arena_alloc(&r->d->arena, sizeof *at * (size_t)ns), *idx = arena_alloc(&r->d->arena, sizeof *idx * (size_t)ns);
    for (int i = 0, k = 0; i < rd->ninst; i++)
        if (*rd->insts[i].state) {
            at[k] = i;
            names[k++] = state_name(r, &rd->insts[i]);
        }
    sort_by_name(names, idx, ns);
    for (row = 1; row <= ns; row++) {
        const ReportInst *in = &rd->insts[at[idx[row - 1]]];
        doc_cell(r->d, tb, row, 0, in->state);
        doc_cell(r->d, tb, row, 1, in->state_abbrev);
        doc_cell(r->d, tb, row, 2, state_name(r, in));
        str_clear(&s);
        doc_fig(&s, r->l, flt(r, "acciones", "tipo", in->type, "estado", in->state, NULL), in->actions);
        doc_cell(r->d, tb, row, 3, str_cstr(&s));
    }
    str_free(&s);
}

/* ------------------------------------------------------------ key figures */

/* One row of «Cifras clave»: the figure (a mark) and what it counts. */
static void key_row(R *r, Table *tb, int row, const char *filter, long long v, const char *what) {
    Str c = STR_INIT;
    doc_fig(&c, r->l, filter, v);
    doc_cell(r->d, tb, row, 0, str_cstr(&c));
    str_clear(&c);
    doc_text(&c, what);
    doc_cell(r->d, tb, row, 1, str_cstr(&c));
    str_free(&c);
}

/* «Cifras clave», at the front: the counts a reader looks for first, each
 * from Figures like every other figure of the report. */
static void key_figures(R *r) {
    const Figures *f = r->f;
    heading(r, B_H1, "cifras-clave", true, T("Cifras clave", "Key figures"));
    if (!f->actions) {
        put(r, T("La edición no tiene acciones registradas todavía.", "The edition has no recorded actions yet."));
        para(r, B_P);
        return;
    }
    int covered = 0;
    for (int o = 1; o <= FIG_NOBJ; o++) covered += f->by_obj[o] > 0;
    long none = f->actions - f->with_challenges;
    int rows = 4 + (f->states > 0) + (f->with_beneficiaries > 0) + (f->challenges > 0) + (none > 0);
    Table *tb = doc_table(r->d, 2, rows + 1);
    tb->numeric[0] = true;
    doc_cell(r->d, tb, 0, 0, T("Cifra", "Figure"));
    doc_cell(r->d, tb, 0, 1, T("Concepto", "What it counts"));
    int row = 1;
    key_row(r, tb, row++, flt(r, "acciones", NULL), f->actions,
            T(lang_num(f->actions, "programa o acción reportado", "programas y acciones reportados"),
              lang_num(f->actions, "programme or action reported", "programmes and actions reported")));
    key_row(r, tb, row++, flt(r, "instancias", NULL), f->institutions,
            T(lang_num(f->institutions, "instancia participante", "instancias participantes"),
              lang_num(f->institutions, "participating body", "participating bodies")));
    if (f->states > 0) {
        /* out of the units of the catalog, as the objectives out of 23 */
        int all = r->o->imprint ? r->o->imprint->states_in_catalog : 0;
        const char *what;
        if (f->states == all && all > 1)      /* two are «ambas», "both" (round 5, fault 3) */
            what = r->l == LANG_ES ? arena_printf(&r->d->arena, "%s, %s con acciones", unit(r, true),
                                                  unit_gender(r) == 'm' ? (all == 2 ? "ambos" : "todos")
                                                                        : (all == 2 ? "ambas" : "todas"))
                                   : arena_printf(&r->d->arena, "%s, %s with actions", unit(r, true),
                                                  all == 2 ? "both" : "all");
        else if (f->states == all)   /* a pack of one unit (round 5, fault 3): it is the only one */
            what = r->l == LANG_ES ? arena_printf(&r->d->arena, "%s, %s, con acciones", unit(r, false),
                                                  unit_gender(r) == 'm' ? "el único" : "la única")
                                   : arena_printf(&r->d->arena, "%s, the only one, with actions", unit(r, false));
        else if (all > 1)
            what = r->l == LANG_ES ? arena_printf(&r->d->arena, "de %s %d %s con acciones", unit_article(r), all, unit(r, true))
                                   : arena_printf(&r->d->arena, "of the %d %s with actions", all, unit(r, true));
        else
            what = arena_printf(&r->d->arena, T("%s con acciones", "%s with actions"), unit(r, f->states != 1));
        key_row(r, tb, row++, flt(r, "estados", NULL), f->states, what);
    }
    /* never «23 de 23»: all of them are said so (issue 12) */
    key_row(r, tb, row++, flt(r, "objetivos", NULL), covered,
            covered == FIG_NOBJ ? T("objetivos del PMM, todos con acciones", "objectives of the Compact, all with actions")
                                : T("de los 23 objetivos del PMM con acciones",
                                    "of the 23 objectives of the Compact with actions"));
    key_row(r, tb, row++, flt(r, "vinculos", NULL), f->objective_links,
            T(lang_num(f->objective_links, "vínculo entre acción y objetivo", "vínculos entre acciones y objetivos"),
              lang_num(f->objective_links, "link between an action and an objective",
                       "links between actions and objectives")));
    if (f->with_beneficiaries > 0) {
        Str n = STR_INIT;           /* issue 16 (P16): the pack's number style, as every count */
        lang_int(&n, r->l, f->with_beneficiaries);
        key_row(r, tb, row++, flt(r, "beneficiarios", NULL), f->beneficiaries,
                arena_printf(&r->d->arena,
                             T("%s, según lo declarado en %s %s", "%s, as declared in %s %s"),
                             f->beneficiaries == 1 ? T("persona beneficiaria", "beneficiary")
                                                   : T("personas beneficiarias", "beneficiaries"),
                             str_cstr(&n),
                             T(lang_num(f->with_beneficiaries, "acción", "acciones"),
                               lang_num(f->with_beneficiaries, "action", "actions"))));
        str_free(&n);
    }
    if (f->challenges > 0)
        key_row(r, tb, row++, flt(r, "retos", NULL), f->challenges,
                T(lang_num(f->challenges, "reto identificado", "retos identificados"),
                  lang_num(f->challenges, "challenge identified", "challenges identified")));
    if (none > 0)
        key_row(r, tb, row++, flt(r, "acciones", "retos", "ninguno", NULL), none,
                T(lang_num(none, "acción sin ningún reto reportado", "acciones sin ningún reto reportado"),
                  lang_num(none, "action with no challenge reported", "actions with no challenge reported")));
    tb->nrows = row;
    int idx[FIG_MAX_CATS];
    int n = cats_by_count(r, f->by_cat, idx);
    if (n > 1) {
        int k = leading_categories(f, idx, n);
        if (k < n) {
            put(r, k == 1 ? T("El reto más frecuente es ", "The most frequent challenge is ")
                          : T("Los retos más frecuentes son ", "The most frequent challenges are "));
            if (f->by_cat[idx[0]] == f->by_cat[idx[k - 1]]) tied_categories(r, idx, k, -1, false);
            else list_categories(r, idx, 0, k);
            put(r, ".");
            para(r, B_P);
        }
    }
}

/* -------------------------------------------------------------- imprint */

/* A setting of the imprint, the pack's default when the edition sets
 * none, or NULL. */
static const char *imprint(R *r, ImprintField k) { return imprint_value(r->o->imprint, k, r->l); }

/* The issuer's name marked with the language of the text used (round 3):
 * a name set on the edition (`pmm edition set --emisor`) is one text, in
 * Spanish, marked as such in an English report; the pack's name is taken
 * in the report's language (emisor.en) and is not marked. */
static void put_issuer(R *r, const char *issuer) {
    bool es = imprint_in_spanish(r->o->imprint, IMPRINT_ISSUER, r->l);
    if (es) spanish(r, true);
    put(r, issuer);
    if (es) spanish(r, false);
}

/* FIELD of IM in L, marked as Spanish when it is the edition's Spanish
 * setting in an English publication (verification round, fault 6: an
 * English form is printed when set, `pmm edition set --place-en`); NULL
 * when not set. In A. */
static const char *imprint_marked(Arena *a, const Imprint *im, ImprintField field, Lang l) {
    const char *v = imprint_value(im, field, l);
    if (!v || !imprint_in_spanish(im, field, l)) return v;
    return arena_printf(a, "%s%s%s", DOC_ES, v, DOC_UNES);
}

/* "Prepared by: ..." with the issuer's name. */
static void issuer_line(R *r, const char *label, const char *issuer) {
    if (!issuer || !*issuer) return;
    putf(r, "%s: ", label);
    put_issuer(r, issuer);
    put(r, text_period_after(issuer));     /* «I.A.P.», not «I.A.P..» (t12 #8) */
    para(r, B_P);
}

/* The one place that says which settings of the imprint are not given
 * (issue 12): a note on the closing page, «Sin indicar en esta versión: el
 * emisor y el lugar.» (`pmm edition set` gives them); the cover, the figures' source
 * lines and the closing page's lines leave them out. Nothing when all are
 * given. LICENCE_STATED: the document has a licence line (the Informe's
 * licence_line states the data's default when none is set), so the licence
 * is not missing. */
void report_missing_note(Doc *d, const Imprint *im, bool licence_stated) {
    static const struct { ImprintField k; const char *es, *en; } F[] = {
        {IMPRINT_ISSUER, "el emisor", "the issuer"},
        {IMPRINT_COUNTRY, "el país", "the country"},
        {IMPRINT_PLACE, "el lugar", "the place"},
        {IMPRINT_LICENSE, "la licencia", "the licence"},
    };
    Lang l = d->lang;
    const char *miss[4];
    int n = 0;
    for (size_t i = 0; i < sizeof F / sizeof *F; i++) {
        if (F[i].k == IMPRINT_LICENSE && licence_stated) continue;
        if (imprint_withheld(im, F[i].k)) continue;   /* a synthetic example's: left out on purpose */
        const char *v = imprint_value(im, F[i].k, l);
        if (!v || !*v) miss[n++] = lang_pick(l, F[i].es, F[i].en);
    }
    if (!n) return;
    Str s = STR_INIT;
    str_puts(&s, lang_pick(l, "Sin indicar en esta versión: ", "Not yet stated in this version: "));
    for (int i = 0; i < n; i++) {
        str_puts(&s, lang_list_sep(l, i, n, miss[i]));
        str_puts(&s, miss[i]);
    }
    str_puts(&s, ".");
    doc_add(d, B_NOTE, str_cstr(&s));
    str_free(&s);
}

static void missing_note(R *r) { report_missing_note(r->d, r->o->imprint, true); }

/* The year the Informe is cited with: of its publication; NULL (cited
 * «s. f.», no date) for a draft (round 3). A draft is not dated by the end
 * of its period, which may lie in the future (a 2026 period reported in
 * 2025 cited «(2026)»), nor by the day it was generated, which no reader
 * of the draft can check and would change every time it is printed. */
static const char *imprint_year(R *r) {
    const char *pub = r->o->imprint ? r->o->imprint->published_at : "";
    if (pub && strlen(pub) >= 4) return arena_strndup(&r->d->arena, pub, 4);
    return NULL;
}

/* The closing page: who prepared the Informe, for which country, where and
 * when, how to cite it and under which license; all from the edition's
 * settings (`pmm edition set E --emisor ... --pais ... --lugar ...
 * --licencia ...`), none written in the code. */
/* "Place, 30 de noviembre de 2026": where and when the Informe is issued,
 * the date of its published revision, or that it is a draft; the same on
 * the cover and the closing page. */
static const char *imprint_when(Arena *a, Lang l, const Imprint *im) {
    const char *pub = im ? im->published_at : "";
    Str when = STR_INIT;
    if (pub && strlen(pub) >= 10) {
        char ym[8];
        snprintf(ym, sizeof ym, "%.7s", pub);
        int day = atoi(pub + 8);
        str_printf(&when, "%d%s", day, lang_pick(l, " de ", " "));
        lang_month(&when, l, ym);
    } else {
        str_puts(&when, lang_pick(l, "versión preliminar, sin publicar", "preliminary version, not published"));
    }
    const char *s = arena_strdup(a, str_cstr(&when));
    str_free(&when);
    return s;
}

/* The same with the place first; MARKED: the place marked as Spanish in an
 * English publication when it is (imprint_marked). */
static const char *imprint_place_and_date(Arena *a, Lang l, const Imprint *im, bool marked) {
    const char *place = marked ? imprint_marked(a, im, IMPRINT_PLACE, l) : imprint_value(im, IMPRINT_PLACE, l);
    const char *when = imprint_when(a, l, im);
    /* a place not set is left out (missing_note says it) */
    return place && *place ? arena_printf(a, "%s, %s", place, when) : text_capitalize(a, when);
}

/* FIELD of the imprint into the sentence, marked as Spanish when it is
 * (imprint_in_spanish). */
static void put_imprint(R *r, ImprintField field) {
    bool es = imprint_in_spanish(r->o->imprint, field, r->l);
    if (es) spanish(r, true);
    put(r, imprint(r, field));
    if (es) spanish(r, false);
}

/* "Label: value." of FIELD when set (the draft note, missing_note, says
 * what is missing). */
static void imprint_field_line(R *r, const char *label, ImprintField field) {
    const char *v = imprint(r, field);
    if (!v || !*v) return;
    putf(r, "%s: ", label);
    put_imprint(r, field);
    put(r, text_period_after(v));
    para(r, B_P);
}

/* «Lugar y fecha: Oaxaca, versión preliminar, sin publicar.» */
static void place_and_date_line(R *r) {
    const char *place = imprint(r, IMPRINT_PLACE);
    const char *when = imprint_when(&r->d->arena, r->l, r->o->imprint);
    putf(r, "%s: ", place && *place ? T("Lugar y fecha", "Place and date") : T("Fecha", "Date"));
    if (place && *place) {
        put_imprint(r, IMPRINT_PLACE);
        putf(r, ", %s.", when);
    } else {
        putf(r, "%s.", when);                 /* «Fecha: versión preliminar, sin publicar.» */
    }
    para(r, B_P);
}

/* F14B: the one license setting is the Informe's and its edition's open
 * data's (docs/open-data.md); unset, the data's default applies to both,
 * and the Informe says so, not «(sin indicar)» beside data under CC BY 4.0. */
static void licence_line(R *r) {
    const char *set = imprint(r, IMPRINT_LICENSE);
    bool dflt = !set || !*set;
    /* a licence set with a closing period («CC BY 4.0.») is written
     * without it before the comma that follows (t12 #8: not «4.0.,») */
    const char *lic = dflt ? EXPORT_DEFAULT_LICENSE : set;
    int len = (int)strlen(lic);
    if (len > 1 && lic[len - 1] == '.' && text_ends_sentence(lic)) len--;
    putf(r, "%s: %.*s", T("Licencia", "Licence"), len, lic);
    if (dflt) put(r, T(" (la predeterminada: la edición no fija otra)", " (the default: the edition sets none)"));
    put(r, T(", la de este informe y la de los datos abiertos de la edición.",
             ", of this report and of the edition's open data."));
    para(r, B_P);
}

static void closing(R *r) {
    heading(r, B_H1, "creditos", true, T("Créditos y cita sugerida", "Credits and suggested citation"));
    const char *issuer = imprint(r, IMPRINT_ISSUER), *place = imprint(r, IMPRINT_PLACE);
    issuer_line(r, T("Elaboró", "Prepared by"), issuer);
    imprint_field_line(r, T("País", "Country"), IMPRINT_COUNTRY);
    place_and_date_line(r);
    const char *year = imprint_year(r);
    put(r, T("Cita sugerida: ", "Suggested citation: "));
    /* a synthetic example is no one's publication: its credit (t12 #1) is
     * the publisher's, after the title, not an author */
    bool named = issuer && *issuer && !imprint_withheld(r->o->imprint, IMPRINT_ISSUER);
    const char *title = arena_printf(&r->d->arena,
                                     T("Informe Ejecutivo %s. Pacto Mundial para una Migración Segura, Ordenada y Regular",
                                       "Executive Report %s. Global Compact for Safe, Orderly and Regular Migration"),
                                     r->f->edition);
    /* without an author, the title takes its place, as citation styles do */
    if (named) {
        put_issuer(r, issuer);
        putf(r, " (%s). %s", year ? year : T("s. f.", "n.d."), title);
    } else {
        putf(r, "%s (%s)", title, year ? year : T("s. f.", "n.d."));
    }
    /* the publisher's place and name, as far as they are set */
    if (place && *place) {
        put(r, ". ");
        put_imprint(r, IMPRINT_PLACE);
    }
    if (issuer && *issuer) {
        put(r, place && *place ? ": " : ". ");
        put_issuer(r, issuer);
        put(r, text_period_after(issuer));   /* t12 #8 */
    } else {
        put(r, ".");
    }
    para(r, B_P);
    licence_line(r);
    missing_note(r);
    put(r, T("Las cifras de este informe se calcularon con pmm a partir de los registros de la edición.",
             "The figures of this report were computed with pmm from the records of the edition."));
    para(r, B_NOTE);
    /* the filters are the HTML's (its numbers link to them), and its
     * footer, right after this page, says so (doc_footer_note): no closing
     * note repeats it (t12w, F9) */
}

/* The issuing body and country on the cover, as far as they are set; the
 * place and date, and the issuer's emblem (checked again: a database
 * written by other means must not put a broken image on the cover). */
void report_issuer(Doc *d, const Imprint *im) {
    const char *issuer = imprint_value(im, IMPRINT_ISSUER, d->lang);
    const char *country = imprint_value(im, IMPRINT_COUNTRY, d->lang);
    bool i = issuer && *issuer, c = country && *country;
    /* «issuer · country»: a no-break space keeps «· País» with the word
     * before it, so a line never starts with the dot (round 3) */
    if (i || c) {
        d->issuer = arena_printf(&d->arena, "%s%s%s", i ? issuer : "", i && c ? "\xc2\xa0\xc2\xb7 " : "",
                                 c ? country : "");
        /* what is Spanish in an English cover, marked (fault 6) */
        d->issuer_marked = arena_printf(&d->arena, "%s%s%s", i ? imprint_marked(&d->arena, im, IMPRINT_ISSUER, d->lang) : "",
                                        i && c ? "\xc2\xa0\xc2\xb7 " : "",
                                        c ? imprint_marked(&d->arena, im, IMPRINT_COUNTRY, d->lang) : "");
    }
}

void report_example_notice(Doc *d, const Figures *f) {
    if (!f->synthetic) return;
    /* the one credit of a synthetic example (imprint_value's), also where
     * no imprint was read */
    d->issuer = arena_strdup(&d->arena, lang_pick(d->lang, IMPRINT_SYNTHETIC_CREDIT_ES, IMPRINT_SYNTHETIC_CREDIT_EN));
    d->issuer_marked = NULL;
    d->place_date = d->place_date_marked = NULL;   /* nor a country's place: it was issued nowhere (the cover says what it is) */
    /* a section of its own: in the PDF it opens a page, not the end of the contents */
    doc_heading(d, B_H1, "ejemplo-sintetico", true, lang_pick(d->lang, "Aviso: ejemplo sintético",
                                                                "Notice: synthetic example"));
    doc_add(d, B_P, example_notice_text(lang_code(d->lang)));
}

void report_cover(Doc *d, const Imprint *im, const char *edition) {
    report_issuer(d, im);
    d->place_date = text_capitalize(&d->arena, imprint_place_and_date(&d->arena, d->lang, im, false));
    d->place_date_marked = (char *)imprint_place_and_date(&d->arena, d->lang, im, true);
    if (im && im->emblem) {
        const char *why = doc_emblem_check(im->emblem, im->emblem_len, &d->emblem_w, &d->emblem_h);
        if (why) {
            fprintf(stderr, _("pmm: el emblema de la edición «%s» no se dibuja: %s\n"), edition, why);
        } else {
            d->emblem = im->emblem;
            d->emblem_len = im->emblem_len;
        }
    }
}

static void cover_issuer(R *r) { report_cover(r->d, r->o->imprint, r->f->edition); }

/* The line under every figure (issue 12, P12A): who issues the report,
 * which edition and period, and that the figure is computed from pmm's
 * records. An issuer not set is left out, and said on the closing page. */
static void figure_source(R *r) {
    const char *issuer = imprint(r, IMPRINT_ISSUER);
    Str s = STR_INIT;
    str_printf(&s, "%s ", T("Fuente:", "Source:"));
    if (issuer && *issuer)                                     /* not set: left out (missing_note) */
        str_printf(&s, "%s, ", imprint_marked(&r->d->arena, r->o->imprint, IMPRINT_ISSUER, r->l));
    str_puts(&s, r->d->title);
    if (has_period(r->f)) {
        str_puts(&s, " (");
        lang_period(&s, r->l, r->f->period_start, r->f->period_end);   /* the one rule (N6) */
        str_putc(&s, ')');
    }
    str_puts(&s, T(", registros de pmm.", ", pmm records."));
    r->d->source = arena_strdup(&r->d->arena, str_cstr(&s));
    str_free(&s);
}

void report_build(Doc *d, const Figures *f, const ReportData *rd, const ReportOptions *o) {
    R r = {d, f, rd, o, o->lang, STR_INIT};
    doc_front(d, "Informe Ejecutivo", "Executive Report", f->edition, f->period_start, f->period_end);
    cover_issuer(&r);
    figure_source(&r);
    report_example_notice(d, f);      /* F14C: before the «Cifras clave» */
    key_figures(&r);
    preamble(&r);
    composition(&r);
    objectives(&r);
    analysis(&r);
    comparison(&r);         /* issue 13: when there is an edition before */
    conclusions(&r);
    glossary(&r);
    abbreviations(&r);
    annexes(&r);
    closing(&r);
    str_free(&r.s);
}

/* ---------------------------------------------------------------- charts */

void report_chart_names(const Figures *f, Str *out) {
    str_puts(out, "tipos, objetivos, objetivos-tipos");
    for (int t = 0; t < f->ntypes; t++)
        if (f->by_type[t]) str_printf(out, ", objetivos-%s", f->types[t].code);
    str_puts(out, ", poblacion, genero, discapacidad, retos, mapa");
}

Chart *report_chart(Doc *d, const Figures *f, const ReportData *rd, const ReportOptions *o, const char *name) {
    R r = {d, f, rd, o, o->lang, STR_INIT};
    Chart *c = NULL;
    if (strcmp(name, "tipos") == 0) c = chart_types(&r);
    else if (strcmp(name, "objetivos") == 0) c = chart_objectives(&r, -1);
    else if (strcmp(name, "objetivos-tipos") == 0) c = chart_heatmap(&r);
    else if (strncmp(name, "objetivos-", 10) == 0) {
        int t = fig_label_index(f->types, f->ntypes, name + 10);
        if (t >= 0 && f->by_type[t]) c = chart_objectives(&r, t);
    } else if (strcmp(name, "poblacion") == 0) c = chart_population(&r);
    else if (strcmp(name, "genero") == 0)
        c = chart_yes_no(&r, "grafica-genero",
                         lang_pick(r.l, "Acciones con enfoque para mujeres, niñas y/o adolescentes",
                                   "Actions with a focus on women, girls and/or adolescents"),
                         f->gender, "genero", "Con enfoque", "With the focus", "Sin enfoque", "Without it");
    else if (strcmp(name, "discapacidad") == 0)
        c = chart_yes_no(&r, "grafica-discapacidad",
                         lang_pick(r.l, "Acciones con atención específica para personas con discapacidad",
                                   "Actions with specific attention to persons with disabilities"),
                         f->disability, "discapacidad", "Sí", "Yes", "No", "No");
    else if (strcmp(name, "retos") == 0) {
        c = chart_challenges(&r);
        c->note = otros_note(&r);
    } else if (strcmp(name, "mapa") == 0) {
        str_free(&r.s);
        return chart_map(&r);       /* its note names the units without a shape */
    }
    if (c) noted(&r, c);
    str_free(&r.s);
    return c;
}
