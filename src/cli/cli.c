/* Helpers shared by the commands. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "ingest/catalog_load.h"
#include "util/i18n.h"

/* A command uses its connection from one thread only (pmm serve closes
 * this one before its threads start; each opens its own). */
Store *cli_open(const Global *g, bool create) {
    Str err = STR_INIT;
    Store *st = store_open_single(g->db_path, create, &err);
    if (!st) fprintf(stderr, "pmm: %s\n", str_cstr(&err));
    /* issue 15 (SERVER): reading goes on; a write will be refused with this reason */
    if (st && store_readonly_reason(st))
        fprintf(stderr, _("pmm: aviso: «%s» se abrió solo para lectura porque no se puede escribir: %s\n"),
                g->db_path, store_readonly_reason(st));
    str_free(&err);
    return st;
}

static void name_edition(void *ctx, const Edition *e, long actions) {
    Str *s = ctx;
    if (s->len) str_puts(s, ", ");
    str_printf(s, "«%s»", e->name);
    (void)actions;
}

bool edition_taken(Store *st, const char *name, const char *cmd) {
    Edition e;
    if (!store_edition_alike(st, name, &e)) return false;
    if (strcmp(e.name, name) == 0)
        fprintf(stderr, _("%s: la edición «%s» ya existe\n"), cmd, name);
    else
        fprintf(stderr, _("%s: ya existe una edición «%s», que se ve igual que «%s»: use ese nombre o "
                          "uno distinto\n"), cmd, e.name, name);
    return true;
}

bool cli_edition(Store *st, const char *name, Edition *out) {
    if (!name) {
        fprintf(stderr, _("pmm: falta --edition NOMBRE\n"));
        return false;
    }
    if (store_edition_find(st, name, out)) return true;
    Str names = STR_INIT;
    store_edition_list(st, name_edition, &names);
    if (names.len)
        fprintf(stderr, _("pmm: no existe la edición «%s»; las ediciones son: %s\n"), name, names.p);
    else
        fprintf(stderr, _("pmm: no existe la edición «%s» (la base de datos no tiene ninguna; "
                          "créela con 'pmm edition add' o 'pmm import')\n"), name);
    str_free(&names);
    return false;
}

int cli_usage(const char *name) {
    for (const Command *c = pmm_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            fprintf(stderr, _("uso: pmm %s %s\n"), c->name, c->usage);
    return EXIT_USAGE;
}

bool cli_ensure_catalogs(Store *st) {
    DiagList d;
    diag_init(&d);
    bool ok = store_catalog_is_loaded(st) ? catalog_load_new(st, &d) : catalog_load(st, &d);
    if (!ok) {
        fprintf(stderr, _("pmm: no se pudieron cargar los catálogos:\n"));
        diag_print(&d, stderr, 50);
    }
    diag_free(&d);
    return ok;
}
