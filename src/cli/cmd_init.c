#include <stdio.h>
#include <sys/stat.h>
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

/* Loads the pack of DIR (NULL: the compiled-in one) into a database in
 * memory, and says why it cannot be loaded: a pack with a mistake leaves
 * no database file behind, not even an empty one that a later command
 * would fill with the default pack (issue 16, tester's fault 3; F16A). */
static bool pack_loads(const char *dir) {
    Str err = STR_INIT;
    Store *trial = store_open_single(":memory:", true, &err);
    DiagList d;
    diag_init(&d);
    bool ok = trial && catalog_load(trial, dir, &d);
    if (!trial) fprintf(stderr, "pmm: %s\n", str_cstr(&err));
    else if (!ok) {
        fprintf(stderr, _("pmm init: no se pudo cargar el paquete de país:\n"));
        diag_print(&d, stderr, 50);
    }
    if (trial) store_close(trial);
    diag_free(&d);
    str_free(&err);
    return ok;
}

/* pmm init [--pack DIR]: creates the database (or brings it up to date)
 * and loads a country pack, the one compiled into pmm or DIR's, once.
 * Safe to run again: a database that holds a pack keeps it. */
int cmd_init(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "init", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("init");
    const char *dir = args_get(&a, "--pack");
    /* a database there already keeps the pack it holds; a file of 0 bytes
     * is no database yet, and is made one only once the pack loads */
    struct stat sb;
    bool there = stat(g->db_path, &sb) == 0 && sb.st_size > 0;
    Store *st = there ? cli_open(g, true) : NULL;
    if (there && !st) return EXIT_FAIL;      /* cli_open said why */
    if (st && store_pack_loaded(st)) {
        int rc = init_again(g, st, dir);
        store_close(st);
        return rc;
    }
    if (!pack_loads(dir) || (!st && !(st = cli_open(g, true)))) {
        if (st) store_close(st);
        return EXIT_FAIL;
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
