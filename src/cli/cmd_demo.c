#include <stdio.h>
#include <string.h>
#include "store/pack_store.h"
#include "cli/cli.h"
#include "ingest/catalog_load.h"
#include "ingest/import.h"
#include "store/demo_store.h"
#include "util/embedded.h"
#include "util/i18n.h"

/* The demo's records name the institutions and states of the pack compiled
 * in: a database that holds another country's pack is not the demo's
 * (issue 16), even with no work in it yet. */
static bool demo_pack_ok(Store *st, Str *why) {
    Arena a = ARENA_INIT;
    Pack p;
    bool ok = store_pack(st, &a, &p) && (!p.loaded || strcmp(p.name, PACK_DEFAULT_NAME) == 0);
    if (!ok)
        str_printf(why, _("la base de datos tiene el paquete de país «%s», y la demostración es del "
                          "paquete «%s»"), p.name ? p.name : "?", PACK_DEFAULT_NAME);
    arena_free(&a);
    return ok;
}

/* pmm demo: creates the demo edition "2024" (June 2023 - June 2024),
 * rebuilt from the Informe Ejecutivo 2024, from the files of data/demo/
 * compiled into pmm. Running it again refreshes the same records.
 * It writes only into an empty database or one it made itself
 * (store_demo_claim): never over real work, e.g. with $PMM_DB left set,
 * nor over work done in its own demo since it loaded it (store_demo_seal). */
int cmd_demo(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "demo", argc, argv) || a.npos) return cli_usage("demo");
    const EmbeddedFile *acc = embedded_find("demo/acciones.csv");
    const EmbeddedFile *ret = embedded_find("demo/retos.csv");
    if (!acc || !ret) {
        fprintf(stderr, _("pmm demo: este binario no trae la edición de demostración\n"));
        return EXIT_FAIL;
    }
    Store *st = cli_open(g, true);
    if (!st) return EXIT_FAIL;
    Str why = STR_INIT;
    if (!demo_pack_ok(st, &why) || !store_demo_claim(st, &why)) {
        fprintf(stderr, _("pmm demo: %s.\nNo se escribió nada. La demostración va en una base "
                          "de datos aparte: pmm --db demo.db demo\n"), str_cstr(&why));
        str_free(&why);
        store_close(st);
        return EXIT_FAIL;
    }
    str_free(&why);
    int rc = EXIT_FAIL;
    DiagList d;
    diag_init(&d);
    Edition ed;
    /* loads the catalogs only when missing: never reverts an edit */
    if (!cli_ensure_catalogs(st)) goto out;
    if (!store_edition_find(st, "2024", &ed) &&
        !store_edition_create(st, "2024", "2023-06", "2024-06", &ed)) {
        fprintf(stderr, "pmm demo: %s\n", store_errmsg(st));
        goto out;
    }
    /* issue 10: its own published demo edition is reopened, and published
     * again (revision N+1) by user_demo_setup */
    if (!store_edition_accepts_changes(st, ed.id, NULL) && !store_edition_set_state(st, ed.id, "abierta")) {
        fprintf(stderr, "pmm demo: %s\n", store_errmsg(st));
        goto out;
    }
    ImportFile fa = {"demo/acciones.csv", NULL, (const char *)acc->data, acc->size};
    ImportFile fr = {"demo/retos.csv", NULL, (const char *)ret->data, ret->size};
    ImportStats s;
    if (!import_csv(st, &ed, &fa, &fr, "validada", false, &s, &d)) goto fail;
    printf(_("Edición de demostración «2024» cargada en «%s»: %ld acciones y %ld retos.\n"),
           g->db_path, s.inserted + s.updated, s.challenges);
    if (!user_demo_setup(st)) goto out;
    /* what the next run compares with: work done in between is kept */
    if (!store_demo_seal(st)) {
        fprintf(stderr, "pmm demo: %s\n", store_write_error(st));
        goto out;
    }
    rc = EXIT_OK;
    goto out;
fail:
    diag_print(&d, stderr, 50);
out:
    diag_free(&d);
    store_close(st);
    return rc;
}
