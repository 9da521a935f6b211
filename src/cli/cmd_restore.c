#include <stdio.h>
#include "cli/cli.h"
#include "store/maint_store.h"
#include "util/i18n.h"

/* pmm restore COPY: puts a backup back in place of the database, with the
 * server stopped (store_restore says what is checked and in what order). */
int cmd_restore(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "restore", argc, argv) || !cli_npos(&a, 1, 1, N_("la copia que se restaura")))
        return cli_usage("restore");
    Str prev = STR_INIT, err = STR_INIT;
    bool ok = store_restore(a.pos[0], g->db_path, &prev, &err);
    if (!ok) fprintf(stderr, _("pmm restore: %s\nLa base de datos «%s» no se modificó.\n"),
                     str_cstr(&err), g->db_path);
    else if (prev.len)
        printf(_("Base de datos «%s» restaurada desde «%s». La anterior quedó en «%s».\n"),
               g->db_path, a.pos[0], str_cstr(&prev));
    else printf(_("Base de datos «%s» restaurada desde «%s».\n"), g->db_path, a.pos[0]);
    /* issue 15: the server's files rendered from the replaced database */
    char cache[4096];
    if (ok && !store_files_cache_clear(g->db_path) && store_files_cache_dir(g->db_path, cache, sizeof cache))
        fprintf(stderr, _("pmm restore: aviso: no se pudo vaciar «%s»; vacíela antes de iniciar el servidor, "
                          "o servirá archivos de la base de datos anterior\n"), cache);
    str_free(&prev);
    str_free(&err);
    return ok ? EXIT_OK : EXIT_FAIL;
}
