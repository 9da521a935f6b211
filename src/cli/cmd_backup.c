#include <stdio.h>
#include "cli/cli.h"
#include "store/maint_store.h"
#include "util/i18n.h"

/* pmm backup FILE [--force]: a consistent copy of the database, made while
 * the server and imports go on (SQLite's online backup). */
int cmd_backup(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "backup", argc, argv) || !cli_npos(&a, 1, 1, N_("el archivo de la copia")))
        return cli_usage("backup");
    /* issue 15 (S15C): an old file that cannot be written is copied as it
     * is, unmigrated: right after an upgrade is when a copy is wanted */
    Str err = STR_INIT;
    Store *st = store_open_as_is(g->db_path, &err);
    if (!st) {
        fprintf(stderr, "pmm: %s\n", str_cstr(&err));
        str_free(&err);
        return EXIT_FAIL;
    }
    cli_readonly_notice(g, st);
    bool ok = store_backup(st, a.pos[0], args_has(&a, "--force"), &err);
    if (ok) printf(_("Copia de «%s» guardada en «%s».\n"), g->db_path, a.pos[0]);
    if (ok && store_old_schema(st))
        printf(_("La copia conserva el esquema %d de «%s», anterior al de este pmm (%d), que no se pudo "
                 "actualizar (%s); este pmm la actualiza al abrirla donde se pueda escribir.\n"),
               store_old_schema(st), g->db_path, STORE_SCHEMA_VERSION, store_readonly_reason(st));
    /* only a failure has a message (a success printed an empty one: round 3, F1) */
    if (!ok) fprintf(stderr, _("pmm backup: %s\n"), str_cstr(&err));
    str_free(&err);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
