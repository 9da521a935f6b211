#include <stdio.h>
#include "cli/cli.h"
#include "store/maint_store.h"
#include "util/i18n.h"

/* pmm backup FILE [--force]: a consistent copy of the database, made while
 * the server and imports go on (SQLite's online backup). */
int cmd_backup(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "backup", argc, argv) || a.npos != 1) return cli_usage("backup");
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    Str err = STR_INIT;
    bool ok = store_backup(st, a.pos[0], args_has(&a, "--force"), &err);
    if (ok) printf(_("Copia de «%s» guardada en «%s».\n"), g->db_path, a.pos[0]);
    else fprintf(stderr, _("pmm backup: %s\n"), str_cstr(&err));
    str_free(&err);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
