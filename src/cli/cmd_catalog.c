#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "util/i18n.h"
#include "web/opendata.h"

static const char *const catalogs[] = {
    "objectives", "reporter-types", "states", "institutions", "action-types",
    "populations", "challenge-categories", "principles", NULL,
};

static void print_row(void *ctx, int n, const char *const *cells) {
    (void)ctx;
    for (int i = 0; i < n; i++) printf("%s%s", i ? "\t" : "", cells[i]);
    putchar('\n');
}

/* pmm catalog [NAME]: prints a reference catalog, tab-separated. */
int cmd_catalog(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "catalog", argc, argv) || !cli_npos(&a, 0, 1, NULL)) return cli_usage("catalog");
    if (a.npos == 0) {
        /* each with the name of its download (/descargas/catalogos/NAME.csv) and the API's, accepted too (F14B) */
        printf(_("Catálogos disponibles (y los nombres de su descarga y de la API, que también se aceptan):\n"));
        for (int i = 0; catalogs[i]; i++)
            printf("  %-22s%-18s%s\n", catalogs[i], opendata_catalog_file(catalogs[i]), opendata_catalog_api(catalogs[i]));
        return EXIT_OK;
    }
    const char *listing = opendata_catalog_listing(a.pos[0]);    /* also the download's and the API's names (F14B) */
    int k = -1;
    for (int i = 0; catalogs[i]; i++)
        if (strcmp(catalogs[i], listing ? listing : a.pos[0]) == 0) k = i;
    if (k < 0) {
        fprintf(stderr, _("pmm catalog: catálogo desconocido «%s»; los catálogos son:"), a.pos[0]);
        for (int i = 0; catalogs[i]; i++) fprintf(stderr, " %s", catalogs[i]);
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    bool ok = cli_ensure_catalogs(st) && store_catalog_rows(st, catalogs[k], print_row, NULL);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
