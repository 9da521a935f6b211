#include <stdio.h>
#include <string.h>
#include "store/pack_store.h"
#include "cli/cli.h"
#include "ingest/catalog_load.h"
#include "ingest/import.h"
#include "store/demo_store.h"
#include "store/practice_store.h"
#include "ingest/csvread.h"
#include "store/web_store.h"
#include "util/embedded.h"
#include "util/i18n.h"

/* Edition NAME of PERIOD (created, or reopened when pmm demo published it
 * before) with the actions and challenges of the embedded files ACC, RET. */
static bool load_edition(Store *st, const char *name, const char *start, const char *end,
                         const char *acc_path, const char *ret_path, Edition *ed, ImportStats *s,
                         DiagList *d) {
    const EmbeddedFile *acc = embedded_find(acc_path), *ret = embedded_find(ret_path);
    if (!acc || !ret) {
        fprintf(stderr, _("pmm demo: este binario no trae la edición de demostración\n"));
        return false;
    }
    if (!store_edition_find(st, name, ed) && !store_edition_create(st, name, start, end, ed)) {
        fprintf(stderr, "pmm demo: %s\n", store_errmsg(st));
        return false;
    }
    /* issue 10: its own published demo edition is reopened, and published
     * again (revision N+1) */
    if (!store_edition_accepts_changes(st, ed->id, NULL) && !store_edition_set_state(st, ed->id, "abierta")) {
        fprintf(stderr, "pmm demo: %s\n", store_errmsg(st));
        return false;
    }
    ImportFile fa = {acc_path, NULL, (const char *)acc->data, acc->size};
    ImportFile fr = {ret_path, NULL, (const char *)ret->data, ret->size};
    return import_csv(st, ed, &fa, &fr, "validada", false, s, d);
}

/* Issue 13 (T13): the earlier edition «2023-ejemplo», SYNTHETIC
 * (tools/gen_demo_example.py derives it from 2024), so that trends and
 * comparisons have something to show. It says so in its name, in its
 * Informe's preamble, on its dashboard and on /tendencias (example_notice). */
#define EXAMPLE "2023-ejemplo"

/* issue 13 (F13): the example's two good practices, synthetic as their
 * texts say (tools/gen_demo_example.py), marked before it is published:
 * a row is the folio, then the texts in PracticeField order. */
typedef struct {
    Store *st;
    int64_t edition_id;
    bool ok;
} PracticeRows;

static bool practice_row(void *p, const CsvRecord *rec) {
    PracticeRows *c = p;
    if (rec->line == 1) return true;                   /* the header */
    int64_t id = 0;
    const char *why = NULL;
    PracticeText t;
    for (int f = 0; f < PF__COUNT; f++) t.v[f] = 1 + f < (int)rec->nfields ? rec->fields[1 + f] : "";
    c->ok = rec->nfields == 1 + PF__COUNT && store_action_id_by_folio(c->st, c->edition_id, rec->fields[0], &id) &&
            store_practice_set(c->st, id, 0, &t, &why) == PRACTICE_OK;
    if (!c->ok) fprintf(stderr, "pmm demo: %s: %s\n", rec->fields[0], why ? why : store_errmsg(c->st));
    return c->ok;
}

static bool example_practices(Store *st, const Edition *ex, DiagList *d) {
    const EmbeddedFile *f = embedded_find("demo/ejemplo-2023-buenas-practicas.csv");
    PracticeRows c = {st, ex->id, f != NULL};
    return f && csv_read_buffer((const char *)f->data, f->size, "demo/ejemplo-2023-buenas-practicas.csv", practice_row,
                                &c, d) && c.ok;
}

static bool load_example(Store *st, Edition *ex, DiagList *d) {
    ImportStats s;
    if (!load_edition(st, EXAMPLE, "2022-06", "2023-06", "demo/ejemplo-2023-acciones.csv",
                      "demo/ejemplo-2023-retos.csv", ex, &s, d))
        return false;
    if (!example_practices(st, ex, d)) return false;
    if (!store_edition_set_preamble(st, ex->id, _(example_notice)) || !store_demo_mark_example(st, EXAMPLE) ||
        !store_edition_set_state(st, ex->id, "publicada")) {
        fprintf(stderr, "pmm demo: %s\n", store_errmsg(st));
        return false;
    }
    printf(_("Edición de ejemplo «%s» (sintética, no son cifras reales) cargada: %ld acciones y %ld retos.\n"),
           EXAMPLE, s.inserted + s.updated, s.challenges);
    return true;
}

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
 * compiled into pmm, and the synthetic earlier edition «2023-ejemplo».
 * Running it again refreshes the same records.
 * It writes only into an empty database or one it made itself
 * (store_demo_claim): never over real work, e.g. with $PMM_DB left set,
 * nor over work done in its own demo since it loaded it (store_demo_seal). */
int cmd_demo(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "demo", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("demo");
    if (!embedded_find("demo/acciones.csv") || !embedded_find("demo/retos.csv")) {
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
    Edition ed, ex;
    ImportStats s;
    /* loads the catalogs only when missing: never reverts an edit */
    if (!cli_ensure_catalogs(st)) goto out;
    if (!load_example(st, &ex, &d)) goto fail;
    if (!load_edition(st, "2024", "2023-06", "2024-06", "demo/acciones.csv", "demo/retos.csv", &ed, &s, &d))
        goto fail;
    printf(_("Edición de demostración «2024» cargada en «%s»: %ld acciones y %ld retos.\n"),
           g->db_path, s.inserted + s.updated, s.challenges);
    /* the programs 2024 reports again (before user_demo_setup publishes it) */
    if (!store_demo_link_continuations(st, ex.id, ed.id)) {
        fprintf(stderr, "pmm demo: %s\n", store_errmsg(st));
        goto out;
    }
    if (!user_demo_setup(st)) goto out;
    /* what the next run compares with: work done in between is kept */
    if (!store_demo_seal(st)) {
        fprintf(stderr, "pmm demo: %s\n", store_write_error(st));
        goto out;
    }
    /* issue 15 (S15C): the search index caught up now, while the file can
     * be written: a server that cannot write it would find nothing */
    store_fts_sync(st);
    rc = EXIT_OK;
    goto out;
fail:
    diag_print(&d, stderr, 50);
out:
    diag_free(&d);
    store_close(st);
    return rc;
}
