#include <stdio.h>
#include "cli/cli.h"
#include "store/maint_store.h"
#include "util/i18n.h"

static void print_problem(void *ctx, const char *msg) {
    (void)ctx;
    fprintf(stderr, "pmm check: %s\n", msg);
}

/* pmm check: SQLite's integrity and foreign-key checks, the rules every
 * action keeps, and every figure of every edition counted by two
 * independent methods. Exits 1 when anything is wrong. */
int cmd_check(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "check", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("check");
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    cli_warn_empty_catalogs(st);
    Str err = STR_INIT;
    int nchecks = 0;
    long problems = store_check(st, print_problem, NULL, &nchecks, &err);
    if (problems < 0)
        fprintf(stderr, _("pmm check: no se pudo completar la comprobación: %s\n"), str_cstr(&err));
    else if (problems > 0)
        fprintf(stderr, ngettext("pmm check: %ld problema en «%s».\n", "pmm check: %ld problemas en «%s».\n",
                                 (unsigned long)problems), problems, g->db_path);   /* issue 12, N7 */
    else
        printf(_("«%s»: correcta (%d comprobaciones sin problemas).\n"), g->db_path, nchecks);
    str_free(&err);
    store_close(st);
    return problems == 0 ? EXIT_OK : EXIT_FAIL;
}
