#include <stdio.h>
#include "cli/cli.h"
#include "ingest/catalog_load.h"
#include "store/catalog_edit_store.h"
#include "util/i18n.h"

/* pmm init: creates the database (or brings it up to date) and loads the
 * reference catalogs compiled into pmm. Safe to run again. */
int cmd_init(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "init", argc, argv) || a.npos) return cli_usage("init");
    Store *st = cli_open(g, true);
    if (!st) return EXIT_FAIL;
    /* Loading would put back the shipped names and aliases over what the
     * administrator changed on the platform (/admin/catalogos). */
    long edits = store_catalog_is_loaded(st) ? store_catedit_changes(st) : 0;
    if (edits != 0) {
        printf(_("Base de datos «%s» lista (esquema %d). Sus catálogos se editaron en la plataforma "
                 "(%ld cambios): pmm init no los reemplaza.\n"),
               g->db_path, store_schema_version(st), edits);
        store_close(st);
        return edits > 0 ? EXIT_OK : EXIT_FAIL;
    }
    DiagList d;
    diag_init(&d);
    bool ok = catalog_load(st, &d);
    if (ok)
        printf(_("Base de datos «%s» lista (esquema %d), con los catálogos cargados.\n"),
               g->db_path, store_schema_version(st));
    else {
        fprintf(stderr, _("pmm init: no se pudieron cargar los catálogos:\n"));
        diag_print(&d, stderr, 50);
    }
    diag_free(&d);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
