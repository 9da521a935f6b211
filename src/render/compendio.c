#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render/compendio.h"
#include "analysis/narrative.h"
#include "analysis/phrase.h"
#include "util/mem.h"
#include "util/text.h"

typedef struct {
    char *acronym, *name;
    int objs[FIG_NOBJ + 1];     /* 1 where the institution has actions */
} IndexEntry;

struct Compendio {
    Doc *d;
    const Figures *f;
    const ReportData *rd;
    int objective;              /* the objective, type, institution open now */
    char type[16], inst[160];
    IndexEntry *index;
    int nindex, cap;
    int empty[FIG_NOBJ + 1], nempty;    /* objectives without actions, listed together at the end */
    Str s;
};

#define T(es, en) lang_pick(c->d->lang, es, en)

static const char *type_name(Compendio *c, const char *code) {
    int t = fig_label_index(c->f->types, c->f->ntypes, code);
    if (t < 0) return code;
    return c->d->lang == LANG_EN ? c->f->types[t].name_en : c->f->types[t].name_es;
}

static Block *flush(Compendio *c, BlockKind kind) {
    Block *b = c->s.len ? doc_add(c->d, kind, str_cstr(&c->s)) : NULL;
    str_clear(&c->s);
    return b;
}

/* The id of institution ACRONYM's heading under objective O: its letters and
 * digits as they are, any other byte as «-XX» (hex), so that two acronyms
 * never share one (issue 12, N3: «A.B» and «A-B» both made «o7-A-B»). */
static char *anchor(Compendio *c, int o, const char *acronym) {
    Str a = STR_INIT;
    str_printf(&a, "o%d-", o);
    for (const unsigned char *p = (const unsigned char *)acronym; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) str_putc(&a, (char)*p);
        else str_printf(&a, "-%02X", *p);
    char *r = arena_strdup(&c->d->arena, str_cstr(&a));
    str_free(&a);
    return r;
}

static void objective_heading(Compendio *c, int o) {
    char a[32];
    snprintf(a, sizeof a, "objetivo-%d", o);
    const char *title = c->d->lang == LANG_EN ? c->rd->title_en[o] : c->rd->title_es[o];
    doc_heading(c->d, B_H1, a, true,
                arena_printf(&c->d->arena, "%s %d. %s", T("Objetivo", "Objective"), o, title ? title : ""));
    char *flt = arena_printf(&c->d->arena, "edicion=%s&medida=acciones&objetivo=%d", c->f->edition, o);
    long n = c->f->by_obj[o];
    if (n == 0) {
        doc_ref(&c->s, flt, 0, "zero", T("No se reportaron acciones para este objetivo.",
                                         "No actions were reported for this objective."));
    } else {
        /* no sentence starts with a figure (UN style): «12 acciones reportadas.» did */
        str_puts(&c->s, T(n == 1 ? "Para este objetivo se reportó " : "Para este objetivo se reportaron ",
                          "For this objective, "));
        doc_count(&c->s, c->d->lang, flt, n, NUM_FEM);
        str_puts(&c->s, T(n == 1 ? " acción." : " acciones.", n == 1 ? " action was reported." : " actions were reported."));
    }
    flush(c, B_P);
}

/* The objectives without actions, together in one short section (issue 12:
 * a page each made 22 of a small edition's 53 pages): which they are, then
 * each one's name under its anchor, where a link to it lands. */
/* Objective number I of the empty ones, as a reference claiming zero. */
static void empty_item(void *ctx, Str *s, int i) {
    Compendio *c = ctx;
    int o = c->empty[i];
    char num[16];
    snprintf(num, sizeof num, "%d", o);
    doc_ref(s, arena_printf(&c->d->arena, "edicion=%s&medida=acciones&objetivo=%d", c->f->edition, o), 0, "zero", num);
}

static void empty_objectives(Compendio *c) {
    if (!c->nempty) return;
    doc_heading(c->d, B_H1, "sin-acciones", true, T("Objetivos sin acciones reportadas", "Objectives without actions reported"));
    str_puts(&c->s, c->nempty == 1 ? T("No se reportaron acciones para el objetivo ", "No actions were reported for objective ")
                                   : T("No se reportaron acciones para los objetivos ", "No actions were reported for objectives "));
    /* runs, as the Informe writes them (round 3: «4, 5, 6, 7, 8, 10, …») */
    ph_runs(&c->s, c->d->lang, c->empty, c->nempty, empty_item, c);
    str_putc(&c->s, '.');
    flush(c, B_P);
    for (int i = 0; i < c->nempty; i++) {
        int o = c->empty[i];
        const char *title = c->d->lang == LANG_EN ? c->rd->title_en[o] : c->rd->title_es[o];
        doc_heading(c->d, B_H3, arena_printf(&c->d->arena, "objetivo-%d", o), false,
                    arena_printf(&c->d->arena, "%s %d. %s", T("Objetivo", "Objective"), o, title ? title : ""));
    }
}

/* Opens objective O; those passed over have no action in the Compendio
 * and are listed together at its end (empty_objectives). */
static void reach_objective(Compendio *c, int o) {
    while (c->objective < o - 1) c->empty[c->nempty++] = ++c->objective;
    if (c->objective >= o) return;
    c->objective = o;
    c->type[0] = c->inst[0] = '\0';
    objective_heading(c, o);
}

static IndexEntry *index_of(Compendio *c, const Action *a) {
    for (int i = 0; i < c->nindex; i++)
        if (strcmp(c->index[i].acronym, a->institution) == 0) return &c->index[i];
    if (c->nindex == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->index = xrealloc(c->index, sizeof *c->index * (size_t)c->cap);
    }
    IndexEntry *e = &c->index[c->nindex++];
    memset(e, 0, sizeof *e);
    e->acronym = arena_strdup(&c->d->arena, a->institution);
    e->name = arena_strdup(&c->d->arena, a->institution_name);
    return e;
}

Compendio *compendio_begin(Doc *d, const Figures *f, const ReportData *rd) {
    Compendio *c = xcalloc(1, sizeof *c);
    c->d = d;
    c->f = f;
    c->rd = rd;
    Lang l = d->lang;
    doc_front(d, "Compendio General", "General Compendium", f->edition, f->period_start, f->period_end);
    doc_records_as_reported(d);         /* t12 #15: it has no tables nor charts */
    report_example_notice(d, f);        /* F14C: a synthetic example says so on its first page */
    doc_heading(d, B_H1, "presentacion", true, T("Presentación", "Introduction"));
    /* issue 12 (NARRATIVE): one action is not «las 1 acciones» */
    const char *fl = arena_printf(&d->arena, "edicion=%s&medida=acciones", f->edition);
    if (f->actions == 0) {
        /* issue 12 (N4): not «reúne las cero acciones», and no empty index
         * nor 23 empty objectives after it (compendio_end) */
        str_puts(&c->s, T("Este Compendio General no reúne ", "This General Compendium gathers "));
        doc_ref(&c->s, fl, 0, "zero", T("ninguna acción", "no actions"));
        str_puts(&c->s, T(": no se reportaron acciones en la edición.", ": none were reported in the edition."));
        flush(c, B_P);
        return c;
    }
    if (f->actions == 1) {
        /* «la única acción», not «(1)»: the word says the count (round 3) */
        str_puts(&c->s, T("Este Compendio General reúne la única acción reportada en la edición, tal como fue "
                          "reportada, bajo su objetivo del PMM, su tipo de reportante y su institución.",
                          "This General Compendium gathers the only action of the edition, as it was reported, "
                          "under its objective, reporter type and institution."));
    } else {
        str_puts(&c->s, T("Este Compendio General reúne las ", "This General Compendium gathers the "));
        /* «las cinco acciones» (UN style), the noun agreeing (phrase.c) */
        ph_count(&c->s, l, fl, f->actions, NUM_FEM, T("acción", "action"), T("acciones", "actions"));
        str_puts(&c->s, T(" reportadas en la edición, tal como fueron reportadas, agrupadas por objetivo "
                          "del PMM, tipo de reportante e institución.",
                          " of the edition as they were reported, grouped by objective, reporter type "
                          "and institution."));
    }
    str_puts(&c->s, T(" Una acción vinculada a varios objetivos aparece en cada uno de ellos. Al final, un índice "
                      "remite a las secciones de cada institución.",
                      " An action linked to several objectives appears under each of them. An index at the end "
                      "points to each institution's sections."));
    flush(c, B_P);
    return c;
}

static void field(Compendio *c, const char *label, const char *value) {
    if (!value || !*value) return;
    str_printf(&c->s, "%s%s" DOC_UNBOLD " ", DOC_BOLD, label);
    /* a record's text (issue 12, P12B), an isolate: its direction controls
     * end with it (verification round, fault 1) */
    doc_spanish(&c->s, c->d->lang, text_isolated(&c->d->arena, value));
    flush(c, B_P);
}

static const char *yes_no(Compendio *c, int v) {
    return v < 0 ? T("sin dato", "not stated") : v ? T("sí", "yes") : "no";
}

/* The label of a field of N values (verification round, fault 5): in the
 * plural for more than one, «Tipos de acción: A; B», «Objetivos: 1, 7»;
 * in the singular for one or none, «Objetivo: 7», «Población: no
 * especificada». The one rule for every label with a count. */
static const char *counted_label(const Compendio *c, int n, const char *es_one, const char *es_many,
                                 const char *en_one, const char *en_many) {
    return n > 1 ? T(es_many, en_many) : T(es_one, en_one);
}

static void num_item(void *ctx, Str *s, int i) { str_printf(s, "%d", ((const int *)ctx)[i]); }

static int by_number(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The action's objectives as a reader looks them up (issue 12, N5): «Objetivo
 * 3», «Objetivos 3 y 4», «Objetivos 1–4 y 9» (in increasing order, runs and
 * «y» by phrase.c's list rule, as the empty objectives are written), never
 * «Objetivos: 4, 3». The first objective the body wrote is its principal one
 * (core/action.h), and the Informe names programs under it: with more than
 * one, it is said after the list, «(principal: 4)». In A. */
static const char *objective_list(Compendio *c, const Action *a) {
    Str s = STR_INIT;
    int *v = xcalloc((size_t)(a->nobj > 0 ? a->nobj : 1), sizeof *v), n = 0;
    memcpy(v, a->objectives, sizeof *v * (size_t)a->nobj);
    qsort(v, (size_t)a->nobj, sizeof *v, by_number);
    for (int i = 0; i < a->nobj; i++)
        if (!n || v[i] != v[n - 1]) v[n++] = v[i];
    str_printf(&s, "%s ", counted_label(c, n, "Objetivo", "Objetivos", "Objective", "Objectives"));
    ph_runs(&s, c->d->lang, v, n, num_item, v);
    if (n > 1) str_printf(&s, " (%s %d)", T("principal:", "principal:"), a->objectives[0]);
    free(v);
    const char *out = arena_strdup(&c->d->arena, str_cstr(&s));
    str_free(&s);
    return out;
}

/* «Name (ACRONYM)», or the name alone when the two are one, as marked text:
 * Spanish in an English Compendio (issue 12, N3), in its heading and in the
 * index alike. */
static const char *institution_label(Compendio *c, const char *acronym, const char *name) {
    Str s = STR_INIT;
    if (strcmp(acronym, name) == 0) doc_spanish(&s, c->d->lang, name);
    else doc_spanish(&s, c->d->lang, arena_printf(&c->d->arena, "%s (%s)", name, acronym));
    const char *out = arena_strdup(&c->d->arena, str_cstr(&s));
    str_free(&s);
    return out;
}

/* Opens the reporter type's and the institution's headings when A starts them. */
static void headings(Compendio *c, int objective, const Action *a) {
    reach_objective(c, objective);
    if (strcmp(c->type, a->reporter_type) != 0) {
        snprintf(c->type, sizeof c->type, "%s", a->reporter_type);
        c->inst[0] = '\0';
        doc_heading(c->d, B_H2, NULL, false, type_name(c, a->reporter_type));
    }
    if (strcmp(c->inst, a->institution) != 0) {
        snprintf(c->inst, sizeof c->inst, "%s", a->institution);
        doc_heading(c->d, B_H3, anchor(c, objective, a->institution), false,
                    institution_label(c, a->institution, a->institution_name));
        index_of(c, a)->objs[objective] = 1;
    }
}

/* issue 13 (F13): " Principios rectores: 1. Centrado en las personas; 6.
 * Derechos humanos." when the action names any (the catalog's names, as
 * the figures read them). */
static void principles(Compendio *c, Str *out, const Action *a) {
    if (!a->nprin) return;
    str_printf(out, " %s ", counted_label(c, a->nprin, "Principio rector:", "Principios rectores:",
                                          "Guiding principle:", "Guiding principles:"));
    for (int i = 0; i < a->nprin; i++) {
        int p = a->principles[i];
        const FigLabel *l = p >= 1 && p <= FIG_NPRIN ? &c->f->principles[p] : NULL;
        const char *name = !l ? "" : c->d->lang == LANG_EN && *l->name_en ? l->name_en : l->name_es;
        str_printf(out, "%s%d%s%s", i ? "; " : "", p, *name ? ". " : "", name);
    }
    str_putc(out, '.');
}

/* The English name of a value of catalog K (core/match.h: an action type,
 * a population, a challenge category) whose Spanish name is ES (a
 * population by its CODE): action types from the edition's types by
 * objective, populations and challenge categories from the figures' labels;
 * NULL when the catalog has none, and the Spanish is then written marked
 * as such (issue 12). */
static const char *english(Compendio *c, CatalogKind k, const char *es, const char *code) {
    const Figures *f = c->f;
    if (k == CAT_POPULATION) {
        int p = fig_label_index(f->pops, f->npops, code);
        return p >= 0 && *f->pops[p].name_en ? f->pops[p].name_en : NULL;
    }
    if (k == CAT_CATEGORY) {
        int i = fig_label_index(f->cats, f->ncats, es);
        return i >= 0 && *f->cats[i].name_en ? f->cats[i].name_en : NULL;
    }
    for (int i = 0; i < c->rd->nobjtype; i++)
        if (!strcmp(c->rd->objtype[i].name, es) && *c->rd->objtype[i].name_en) return c->rd->objtype[i].name_en;
    return NULL;
}

/* A catalog value in the document's language: its English name in an
 * English Compendio, else its Spanish one, marked as Spanish there. */
static void catalog_value(Compendio *c, CatalogKind k, const char *es, const char *code) {
    const char *en = c->d->lang == LANG_EN ? english(c, k, es, code) : NULL;
    if (en) doc_text(&c->s, en);
    else doc_spanish(&c->s, c->d->lang, es);
}

/* "Label: A; B. " of the N values ES of catalog K (with their CODES, or
 * NULL); NONE when there are none. */
static void values(Compendio *c, const char *label, CatalogKind k, const char *const *es, const char *const *codes,
                   int n, const char *none) {
    str_printf(&c->s, "%s ", label);
    for (int i = 0; i < n; i++) {
        if (i) str_puts(&c->s, "; ");
        catalog_value(c, k, es[i], codes ? codes[i] : NULL);
    }
    if (!n) doc_text(&c->s, none);
    str_puts(&c->s, ". ");
}

/* The line of the action's classification. */
static void classification(Compendio *c, const Action *a) {
    values(c, counted_label(c, a->ntypes, "Tipo de acción:", "Tipos de acción:", "Action type:", "Action types:"),
           CAT_ACTION_TYPE, a->type_names, NULL, a->ntypes, "—");
    values(c, counted_label(c, a->npops, "Población:", "Poblaciones:", "Population:", "Populations:"),
           CAT_POPULATION, a->pop_names, a->pop_codes, a->npops, T("no especificada", "not stated"));
    Str cls = STR_INIT;
    str_printf(&cls, "%s. %s %s. %s %s.", objective_list(c, a), T("Enfoque de género:", "Gender focus:"),
               yes_no(c, a->gender_focus),
               T("Atención a personas con discapacidad:", "Disability attention:"), yes_no(c, a->disability));
    if (a->beneficiaries >= 0) {
        str_printf(&cls, " %s ", T("Personas beneficiarias:", "Beneficiaries:"));
        lang_int(&cls, c->d->lang, a->beneficiaries);
        str_putc(&cls, '.');
    }
    principles(c, &cls, a);
    doc_text(&c->s, str_cstr(&cls));
    str_free(&cls);
    flush(c, B_NOTE);
}

bool compendio_action(void *p, int objective, const Action *a) {
    Compendio *c = p;
    if (doc_cancelled()) return false;     /* pmm serve stopping (F3) */
    headings(c, objective, a);
    Block *before = c->d->tail;
    str_puts(&c->s, DOC_BOLD);
    doc_text(&c->s, a->folio);
    str_puts(&c->s, " · ");
    /* the title on one line of white space and bounded (round 3); a
     * longer name is given whole under it, nothing is dropped */
    const char *title = text_quoted_name(&c->d->arena, a->name, TEXT_NAME_MAX);
    doc_spanish(&c->s, c->d->lang, title);
    str_puts(&c->s, DOC_UNBOLD);
    flush(c, B_P)->title = true;        /* the record's title: set ragged, kept with it */
    const char *whole = text_quoted_name(&c->d->arena, a->name, SIZE_MAX);
    if (strcmp(title, whole) != 0) field(c, T("Nombre completo:", "Full name:"), whole);
    field(c, T("Descripción:", "Description:"), a->description);
    classification(c, a);
    field(c, T("Resultados:", "Results:"), a->results);
    for (int i = 0; i < a->nchallenges; i++) {
        const Challenge *ch = &a->challenges[i];
        str_printf(&c->s, "%s%s" DOC_UNBOLD " ", DOC_BOLD, T("Reto:", "Challenge:"));
        doc_spanish(&c->s, c->d->lang, text_isolated(&c->d->arena, ch->text));   /* «(Categoría)» after it stays */
        if (ch->category && *ch->category) {
            str_puts(&c->s, " (");
            catalog_value(c, CAT_CATEGORY, ch->category, NULL);
            str_puts(&c->s, ")");
        }
        flush(c, B_P);
    }
    const char *folio = arena_strdup(&c->d->arena, a->folio);
    for (Block *b = before ? before->next : c->d->head; b; b = b->next) b->folio = folio;
    return true;
}

/* Spanish collation whatever the process locale (issue 12, P12B). */
static int by_name(const void *a, const void *b) {
    const char *x = ((const IndexEntry *)a)->name, *y = ((const IndexEntry *)b)->name;
    return text_collate_es(x, (int)strlen(x), y, (int)strlen(y));
}

void compendio_end(Compendio *c) {
    while (c->objective < FIG_NOBJ) c->empty[c->nempty++] = ++c->objective;
    if (c->nindex) empty_objectives(c);     /* an empty edition's notice says it all (N4) */
    if (c->nindex) doc_heading(c->d, B_H1, "indice", true, T("Índice de instituciones", "Index of institutions"));
    if (c->nindex) qsort(c->index, (size_t)c->nindex, sizeof *c->index, by_name);
    for (int i = 0; i < c->nindex; i++) {
        IndexEntry *e = &c->index[i];
        Block *b = doc_add(c->d, B_INDEX, institution_label(c, e->acronym, e->name));
        int n = 0;
        for (int o = 1; o <= FIG_NOBJ; o++) n += e->objs[o];
        b->targets = arena_alloc(&c->d->arena, sizeof(char *) * (size_t)(n + 1));
        b->target_labels = arena_alloc(&c->d->arena, sizeof(char *) * (size_t)(n + 1));
        for (int o = 1; o <= FIG_NOBJ; o++) {
            if (!e->objs[o]) continue;
            b->targets[b->ntargets] = anchor(c, o, e->acronym);
            b->target_labels[b->ntargets++] = arena_printf(&c->d->arena, "%s %d", T("obj.", "obj."), o);
        }
    }
    str_free(&c->s);
    free(c->index);
    free(c);
}
