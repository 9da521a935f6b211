#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "util/i18n.h"

static void print_edition(void *ctx, const Edition *e, long actions) {
    (void)ctx;
    printf("%s\t%s\t%s\t%s\t%ld\n", e->name, e->period_start, e->period_end, e->state, actions);
}

/* A period bound is written YYYY-MM (or YYYY-MM-DD). */
static bool valid_period(const char *s) {
    size_t n = strlen(s);
    if (n != 7 && n != 10) return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    return month >= 1 && month <= 12;
}

/* pmm edition list | pmm edition add NAME [--desde YYYY-MM] [--hasta YYYY-MM] */
int cmd_edition(const Global *g, int argc, char **argv) {
    Args a;
    static const char *const valued[] = {"--desde", "--hasta", "--from", "--to", NULL};
    if (!args_parse(&a, "edition", argc, argv, valued, NULL) || a.npos < 1) return cli_usage("edition");
    bool add = strcmp(a.pos[0], "add") == 0;
    if (!add && strcmp(a.pos[0], "list") != 0) return cli_usage("edition");
    if (add && a.npos != 2) return cli_usage("edition");
    const char *from = args_get(&a, "--desde") ? args_get(&a, "--desde") : args_get(&a, "--from");
    const char *to = args_get(&a, "--hasta") ? args_get(&a, "--hasta") : args_get(&a, "--to");
    if ((from && !valid_period(from)) || (to && !valid_period(to))) {
        fprintf(stderr, _("pmm edition: el periodo se escribe AAAA-MM (p. ej. 2023-06)\n"));
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_OK;
    Edition e;
    if (!add) {
        if (!store_edition_list(st, print_edition, NULL)) rc = EXIT_FAIL;
    } else if (store_edition_find(st, a.pos[1], &e)) {
        fprintf(stderr, _("pmm edition: la edición «%s» ya existe\n"), a.pos[1]);
        rc = EXIT_FAIL;
    } else if (!store_edition_create(st, a.pos[1], from, to, &e)) {
        fprintf(stderr, "pmm edition: %s\n", store_errmsg(st));
        rc = EXIT_FAIL;
    } else {
        printf(_("Edición «%s» creada.\n"), e.name);
    }
    store_close(st);
    return rc;
}
