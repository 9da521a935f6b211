#include <stdio.h>
#include "cli/cli.h"
#include "ingest/catalog_load.h"
#include "store/pack_store.h"
#include "util/i18n.h"

/* The pack the database already holds: init leaves it (and every edit made
 * on the platform) as it is, and refuses to load another over it. */
static int init_again(const Global *g, Store *st, const char *dir) {
    Arena a = ARENA_INIT;
    Pack p;
    int rc = EXIT_FAIL;
    if (!store_pack(st, &a, &p)) {
        fprintf(stderr, "pmm init: %s\n", store_errmsg(st));
    } else if (dir) {
        fprintf(stderr, _("pmm init: la base de datos «%s» ya tiene el paquete de país «%s» (versión %s): "
                          "no se carga otro encima. Un paquete nuevo va en una base de datos nueva "
                          "(pmm --db OTRA.db init --pack %s).\n"),
                g->db_path, p.name, p.version, dir);
    } else if (!cli_ensure_catalogs(st)) {   /* what an older pmm's database lacks, and only that */
        rc = EXIT_FAIL;
    } else {
        printf(_("Base de datos «%s» lista (esquema %d), con el paquete de país «%s» (versión %s); "
                 "pmm init no vuelve a cargar sus catálogos.\n"),
               g->db_path, store_schema_version(st), p.name, p.version);
        rc = EXIT_OK;
    }
    arena_free(&a);
    return rc;
}

/* pmm init [--pack DIR]: creates the database (or brings it up to date)
 * and loads a country pack, the one compiled into pmm or DIR's, once.
 * Safe to run again: a database that holds a pack keeps it. */
int cmd_init(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "init", argc, argv) || a.npos) return cli_usage("init");
    const char *dir = args_get(&a, "--pack");
    Store *st = cli_open(g, true);
    if (!st) return EXIT_FAIL;
    if (store_pack_loaded(st)) {
        int rc = init_again(g, st, dir);
        store_close(st);
        return rc;
    }
    DiagList d;
    diag_init(&d);
    bool ok = catalog_load(st, dir, &d);
    Arena ar = ARENA_INIT;
    Pack p;
    if (ok && store_pack(st, &ar, &p))
        printf(_("Base de datos «%s» lista (esquema %d), con el paquete de país «%s» (versión %s) cargado.\n"),
               g->db_path, store_schema_version(st), p.name, p.version);
    else {
        fprintf(stderr, _("pmm init: no se pudo cargar el paquete de país:\n"));
        diag_print(&d, stderr, 50);
    }
    arena_free(&ar);
    diag_free(&d);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
