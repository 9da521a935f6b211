#include <stdio.h>
#include <string.h>
#include "render/doc.h"

void doc_init(Doc *d, Lang lang) {
    memset(d, 0, sizeof *d);
    d->lang = lang;
}

void doc_free(Doc *d) { arena_free(&d->arena); }

void doc_front(Doc *d, const char *name_es, const char *name_en, const char *edition,
               const char *period_start, const char *period_end) {
    Lang l = d->lang;
    d->title = arena_printf(&d->arena, "%s %s", lang_pick(l, name_es, name_en), edition);
    d->subtitle = arena_strdup(&d->arena, lang_pick(l, "Pacto Mundial para una Migración Segura, Ordenada y Regular",
                                                   "Global Compact for Safe, Orderly and Regular Migration"));
    Str from = STR_INIT, to = STR_INIT;
    lang_month(&from, l, period_start);
    lang_month(&to, l, period_end);
    /* issue 11: no period set, no "Periodo:  a " line */
    d->period = *period_start && *period_end
        ? arena_printf(&d->arena, lang_pick(l, "Periodo: %s a %s", "Period: %s to %s"), str_cstr(&from),
                       str_cstr(&to))
        : arena_strdup(&d->arena, "");
    d->footer = d->title;
    str_free(&from);
    str_free(&to);
}

Block *doc_add(Doc *d, BlockKind kind, const char *text) {
    Block *b = arena_alloc(&d->arena, sizeof *b);
    b->kind = kind;
    b->text = arena_strdup(&d->arena, text ? text : "");
    if (d->tail) d->tail->next = b;
    else d->head = b;
    d->tail = b;
    return b;
}

Block *doc_heading(Doc *d, BlockKind kind, const char *anchor, bool in_toc, const char *text) {
    Block *b = doc_add(d, kind, text);
    b->anchor = anchor ? arena_strdup(&d->arena, anchor) : NULL;
    b->in_toc = in_toc;
    return b;
}

Block *doc_chart(Doc *d, Chart *c) {
    Block *b = doc_add(d, B_CHART, c->title);
    b->chart = c;
    return b;
}

Table *doc_table(Doc *d, int ncols, int nrows) {
    Block *b = doc_add(d, B_TABLE, "");
    Table *t = arena_alloc(&d->arena, sizeof *t);
    t->ncols = ncols;
    t->nrows = nrows;
    t->cells = arena_alloc(&d->arena, sizeof(char *) * (size_t)(ncols * nrows));
    t->numeric = arena_alloc(&d->arena, sizeof(bool) * (size_t)ncols);
    for (int i = 0; i < ncols * nrows; i++) t->cells[i] = "";
    b->table = t;
    return t;
}

void doc_cell(Doc *d, Table *t, int row, int col, const char *marked) {
    if (row < t->nrows && col < t->ncols)
        t->cells[row * t->ncols + col] = arena_strdup(&d->arena, marked);
}

static void mark(Str *s, char kind, const char *filter, long long value, const char *extra) {
    str_printf(s, "%c%c%c%s%c%lld%c%s%c", DOC_FIG, kind, DOC_SEP, filter, DOC_SEP, value, DOC_SEP,
               extra ? extra : "", DOC_SEP);
}

void doc_fig(Str *s, Lang l, const char *filter, long long value) {
    mark(s, 'f', filter, value, NULL);
    lang_int(s, l, value);
    str_putc(s, DOC_END);
}

void doc_pct(Str *s, Lang l, const char *filter, long count, long whole, long pct) {
    char w[32];
    snprintf(w, sizeof w, "%ld", whole);
    mark(s, 'p', filter, count, w);
    lang_pct(s, l, pct);
    str_putc(s, DOC_END);
}

void doc_ref(Str *s, const char *filter, long value, const char *claim, const char *display) {
    mark(s, 'r', filter, value, claim);
    doc_text(s, display);
    str_putc(s, DOC_END);
}

void doc_text(Str *s, const char *plain) {
    for (const char *p = plain; p && *p; p++)
        if ((unsigned char)*p >= 0x05 || *p == '\n' || *p == '\t') str_putc(s, *p);
}

void doc_walk(const char *z, const DocVisitor *v, void *ctx) {
    const char *run = z;
    while (*z) {
        if (*z == '\x03' || *z == '\x04') {
            if (z > run) v->text(ctx, run, (int)(z - run));
            if (v->bold) v->bold(ctx, *z == '\x03');
            run = ++z;
            continue;
        }
        if (*z != DOC_FIG) {
            z++;
            continue;
        }
        if (z > run) v->text(ctx, run, (int)(z - run));
        DocMark m;
        memset(&m, 0, sizeof m);
        m.kind = z[1];
        const char **parts[4] = {&m.filter, &m.value, &m.extra, &m.display};
        int *lens[4] = {&m.lfilter, &m.lvalue, &m.lextra, &m.ldisplay};
        const char *p = z + 3;
        for (int i = 0; i < 4; i++) {
            char stop = i < 3 ? DOC_SEP : DOC_END;
            const char *e = strchr(p, stop);
            if (!e) e = p + strlen(p);
            *parts[i] = p;
            *lens[i] = (int)(e - p);
            p = *e ? e + 1 : e;
        }
        v->mark(ctx, &m);
        z = run = p;
    }
    if (z > run) v->text(ctx, run, (int)(z - run));
}

static void plain_text(void *ctx, const char *s, int n) { str_append(ctx, s, (size_t)n); }
static void plain_mark(void *ctx, const DocMark *m) { str_append(ctx, m->display, (size_t)m->ldisplay); }

void doc_plain(Str *s, const char *marked) {
    DocVisitor v = {plain_text, plain_mark, NULL};
    doc_walk(marked, &v, s);
}
