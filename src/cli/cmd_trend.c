/* pmm trend: the figures of several editions side by side (issue 13,
 * docs/trend.md). Each edition is read as `pmm report` reads it (a
 * published one as its latest revision) and counted by store_figures. */
#include <stdlib.h>
#include <string.h>
#include "analysis/trend.h"
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"

typedef struct {
    Edition *v;
    int n, cap;
} EdList;

static void push(EdList *l, const Edition *e) {
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *e;
}

static void collect(void *ctx, const Edition *e, long actions) {
    (void)actions;
    push(ctx, e);
}

static bool cli_known(void *ctx, const char *name) {
    Edition e;
    return store_edition_find(ctx, name, &e);
}

/* The editions named in LIST ("E1,E2,...", split by trend_split_names), in
 * that order; says why and returns false for an empty name, an unknown
 * edition or a repeat. */
static bool named_editions(Store *st, const char *list, EdList *out) {
    char **names;
    int n = trend_split_names(list, cli_known, st, &names);
    bool ok = true;
    for (int k = 0; ok && k < n; k++) {
        Edition e;
        if (!*names[k]) {
            fprintf(stderr, _("pmm trend: --editions tiene un nombre vacío: «%s»\n"), list);
            ok = false;
        } else if (!cli_edition(st, names[k], &e)) {
            ok = false;
        } else {
            for (int i = 0; i < out->n && ok; i++)
                if (out->v[i].id == e.id) {
                    fprintf(stderr, _("pmm trend: la edición «%s» aparece dos veces en --editions\n"), e.name);
                    ok = false;
                }
            if (ok) push(out, &e);
        }
    }
    trend_names_free(names, n);
    return ok;
}

static bool build(Store *st, const Args *a, Trend *t) {
    EdList l = {NULL, 0, 0};
    const char *list = args_get(a, "--editions");
    bool ok = list ? named_editions(st, list, &l) : store_edition_list(st, collect, &l);
    if (ok && !list) trend_sort(l.v, l.n);
    for (int i = 0; ok && i < l.n; i++)
        ok = report_as_published(st, false, "trend", &l.v[i]) && trend_add(t, st, &l.v[i], false);
    free(l.v);
    return ok;
}

static bool write_out(const Trend *t, const char *format, Lang lang, const char *path) {
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (strcmp(format, "json") == 0) {
        json_t *j = trend_to_json(t);
        json_dumpf(j, m, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', m);
        json_decref(j);
    } else {
        trend_print_text(t, lang, m);
    }
    fclose(m);
    bool ok = report_write(path, buf ? buf : "", len);
    free(buf);
    return ok;
}

/* pmm trend [--editions E1,E2,...] [--format json|text] [--lang es|en] [-o FILE] */
int cmd_trend(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "trend", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("trend");
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "text";
    const char *path = args_get(&a, "--output");
    if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
        fprintf(stderr, _("pmm trend: formato desconocido «%s» (json o text)\n"), format);
        return EXIT_USAGE;
    }
    Lang lang;
    const char *lz = args_get(&a, "--lang") ? args_get(&a, "--lang") : i18n_lang();
    if (!lang_parse(lz, &lang)) {
        fprintf(stderr, _("pmm trend: idioma desconocido «%s» (es o en)\n"), lz);
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    Trend t = {0};
    bool ok = build(st, &a, &t) && write_out(&t, format, lang, path);
    if (ok) cli_written(path, NULL);
    trend_free(&t);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
