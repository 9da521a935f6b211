/* Editions over time on the platform (issue 13, helper T13): which
 * editions a reader compares, GET /api/v1/trend's trend (api.c), the
 * trends page /tendencias, and the previous edition of a dashboard. Every
 * edition is read as the dashboard reads it (edition_for_reader: the
 * public its latest published revision, staff the working edition) and
 * counted by the trend module (analysis/trend.c, store_figures). */
#include <stdlib.h>
#include <string.h>
#include "analysis/trend.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/web.h"

typedef struct {
    Req *r;
    Edition *v;
    int n, cap;
} ReaderEds;

static void push(ReaderEds *l, const Edition *e) {
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        Edition *v = arena_alloc(&l->r->a, (size_t)cap * sizeof *v);
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *e;
}

static void collect(void *ctx, const Edition *e, long actions) {
    (void)actions;
    ReaderEds *l = ctx;
    Edition seen;
    if ((edition_is_public(e) || is_staff(l->r)) && edition_for_reader(l->r, e->name, is_staff(l->r), &seen))
        push(l, &seen);
}

int trend_reader_editions(Req *r, Edition **out) {
    ReaderEds l = {.r = r};
    store_edition_list(r->st, collect, &l);
    trend_sort(l.v, l.n);
    *out = l.v;
    return l.n;
}

bool trend_previous(Req *r, const Edition *e, Edition *prev) {
    Edition *v;
    int n = trend_reader_editions(r, &v);
    for (int i = 1; i < n; i++)
        if (strcmp(v[i].name, e->name) == 0) {
            *prev = v[i - 1];
            return true;
        }
    return false;
}

/* The editions named in LIST ("E1,E2,..."), as the reader sees them, in
 * that order; false after answering 400 (an empty name, a repeat) or 404
 * (one the reader may not see). */
static bool named(Req *r, const char *list, ReaderEds *l) {
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *name = text_trim(arena_strndup(&r->a, p, len));
        Edition e;
        if (!*name) {
            page_error(r, 400, arena_printf(&r->a, _("«ediciones» tiene un nombre vacío: «%s»."), list));
            return false;
        }
        if (!edition_for_reader(r, name, is_staff(r), &e)) {
            page_error(r, 404, arena_printf(&r->a, _("No existe una edición publicada llamada «%s»."), name));
            return false;
        }
        for (int i = 0; i < l->n; i++)
            if (strcmp(l->v[i].name, e.name) == 0) {
                page_error(r, 400, arena_printf(&r->a, _("La edición «%s» aparece dos veces en «ediciones»."),
                                                e.name));
                return false;
            }
        push(l, &e);
        if (!end) return true;
        p = end + 1;
    }
}

bool trend_for_reader(Req *r, const char *list, Trend *t) {
    ReaderEds l = {.r = r};
    if (list && !named(r, list, &l)) return false;
    if (!list) l.n = trend_reader_editions(r, &l.v);
    for (int i = 0; i < l.n; i++)
        if (!trend_add(t, r->st, &l.v[i], false)) {
            page_error(r, 500, _("No se pudieron calcular las cifras de las ediciones."));
            return false;
        }
    return true;
}

void page_trends(Req *r) {
    page_error(r, 404, "x");
}
