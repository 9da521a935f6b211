#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util/diag.h"
#include "util/i18n.h"
#include "util/mem.h"

void diag_init(DiagList *d) { memset(d, 0, sizeof *d); }

void diag_free(DiagList *d) {
    free(d->items);
    arena_free(&d->arena);
    memset(d, 0, sizeof *d);
}

/* Long values are cut so that one bad cell cannot flood the terminal. */
static const char *clip(Arena *a, const char *v) {
    if (!v) return NULL;
    size_t n = strlen(v);
    if (n <= 80) return arena_strdup(a, v);
    size_t k = 77;
    while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80) k--;   /* UTF-8 boundary */
    return arena_printf(a, "%.*s...", (int)k, v);
}

static void diag_vadd(DiagList *d, const char *file, long line, const char *letter,
                      const char *column, const char *value, const char *fmt, va_list ap) {
    d->total++;
    if (d->n >= DIAG_KEEP) return;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    Diag *g = &d->items[d->n++];
    g->file = file ? arena_strdup(&d->arena, file) : NULL;
    g->line = line;
    g->column = column ? arena_strdup(&d->arena, column) : NULL;
    g->letter = letter ? arena_strdup(&d->arena, letter) : NULL;
    g->value = clip(&d->arena, value);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = arena_alloc(&d->arena, (size_t)(n > 0 ? n : 0) + 1);
    if (n > 0) vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    g->msg = msg;
}

void diag_add(DiagList *d, const char *file, long line, const char *column,
              const char *value, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, file, line, NULL, column, value, fmt, ap);
    va_end(ap);
}

void diag_add_at(DiagList *d, const char *file, long line, const char *letter,
                 const char *column, const char *value, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(d, file, line, letter, column, value, fmt, ap);
    va_end(ap);
}

void diag_append(DiagList *to, const DiagList *from) {
    for (size_t i = 0; i < from->n; i++) {
        const Diag *g = &from->items[i];
        diag_add_at(to, g->file, g->line, g->letter, g->column, g->value, "%s", g->msg);
    }
    to->total += from->total - from->n;
}

void diag_print(const DiagList *d, FILE *out, size_t max) {
    size_t shown = d->n < max ? d->n : max;
    for (size_t i = 0; i < shown; i++) {
        const Diag *g = &d->items[i];
        if (g->file) fprintf(out, "%s:", g->file);
        if (g->line > 0) fprintf(out, "%ld:", g->line);
        fputc(' ', out);
        if (g->column && g->letter) fprintf(out, _("columna %s «%s»"), g->letter, g->column);
        else if (g->column) fprintf(out, _("columna «%s»"), g->column);
        else if (g->letter) fprintf(out, _("columna %s"), g->letter);
        bool col = g->column || g->letter;
        if (col && g->value) fputs(", ", out);
        if (g->value) fprintf(out, _("valor «%s»"), g->value);
        if (col || g->value) fputs(": ", out);
        fprintf(out, "%s\n", g->msg);
    }
    if (d->total > shown)
        fprintf(out, _("... y %zu errores más\n"), d->total - shown);
}
