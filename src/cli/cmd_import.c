#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cli/cli.h"
#include "ingest/import.h"
#include "ingest/template_edition.h"
#include "ingest/xlsxread.h"
#include "store/web_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/str.h"

static bool valid_status(const char *s) {
    static const char *const ok[] = {"borrador", "enviada", "validada", "devuelta", NULL};
    for (int i = 0; ok[i]; i++) if (strcmp(s, ok[i]) == 0) return true;
    return false;
}

/* A workbook is told by its zip signature; a file named .xlsx that is no
 * zip goes to the workbook reader too, which says what is wrong with it. */
static bool is_workbook(const char *path) {
    size_t n = strlen(path);
    return xlsx_sniff(path) || (n > 5 && (strcasecmp(path + n - 5, ".xlsx") == 0 ||
                                          strcasecmp(path + n - 5, ".xlsm") == 0));
}

/* Prints the outcome of an import: what was written, or every error. When
 * the database itself could not be written (locked, disk full, read-only),
 * the file is not at fault: say what happened instead of the file's errors. */
static int report_import(Store *st, const char *edition, bool created, const ImportStats *s,
                         DiagList *d, bool ok, bool dry) {
    if (!ok && store_write_failed(st)) {
        fprintf(stderr, _("pmm import: %s.\nNo se importó nada; el archivo no tiene que corregirse: "
                          "vuelva a importarlo cuando la base de datos se pueda escribir.\n"),
                store_write_error(st));
        return EXIT_FAIL;
    }
    if (!ok) {
        diag_print(d, stderr, 200);
        /* issue 12, N7: the count agrees with its noun, as the summary's do
         * below («1 error», «2 errores»), not «error(es)» */
        size_t errors = d->total ? d->total : 1;
        fprintf(stderr, ngettext("pmm import: No se importó nada: %zu error. Corrija el archivo y vuelva a "
                                 "importarlo.\n",
                                 "pmm import: No se importó nada: %zu errores. Corrija el archivo y vuelva a "
                                 "importarlo.\n", (unsigned long)errors), errors);
        return EXIT_FAIL;
    }
    if (dry) {
        printf(_("Comprobación correcta: %ld acciones y %ld retos sin errores (no se guardó nada).\n"),
               s->rows, s->challenges);
        return EXIT_OK;
    }
    if (created) fprintf(stderr, _("pmm import: se creó la edición «%s»\n"), edition);
    /* each count agrees with its own noun (issue 12: «1 acciones importadas») */
    long n = s->inserted + s->updated;
    Str what = STR_INIT, fresh = STR_INIT, replaced = STR_INIT, chall = STR_INIT;
    str_printf(&what, ngettext("%ld acción importada", "%ld acciones importadas", (unsigned long)n), n);
    str_printf(&fresh, ngettext("%ld nueva", "%ld nuevas", (unsigned long)s->inserted), s->inserted);
    str_printf(&replaced, ngettext("%ld reemplazada", "%ld reemplazadas", (unsigned long)s->updated), s->updated);
    str_printf(&chall, ngettext("%ld reto", "%ld retos", (unsigned long)s->challenges), s->challenges);
    printf(_("Edición «%s»: %s (%s, %s) y %s.\n"), edition, str_cstr(&what), str_cstr(&fresh),
           str_cstr(&replaced), str_cstr(&chall));
    str_free(&what);
    str_free(&fresh);
    str_free(&replaced);
    str_free(&chall);
    return EXIT_OK;
}

/* pmm import --edition E acciones.csv|libro.xlsx [--challenges retos.csv] [--status S] [--check]
 * A workbook is told by its zip signature, not its name. */
int cmd_import(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "import", argc, argv) || !cli_npos(&a, 1, 1, N_("el archivo que se importa")))
        return cli_usage("import");
    const char *status = args_get(&a, "--status") ? args_get(&a, "--status") : "validada";
    if (!valid_status(status)) {
        fprintf(stderr, _("pmm import: --status debe ser borrador, enviada, validada o devuelta\n"));
        return EXIT_USAGE;
    }
    const char *edition = args_get(&a, "--edition");
    if (!edition) {
        fprintf(stderr, _("pmm import: falta --edition NOMBRE\n"));
        return cli_usage("import");
    }
    bool dry = args_has(&a, "--check");
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    Edition ed = {0};
    if (!cli_ensure_catalogs(st)) goto out;
    /* A new edition (id 0) is created by the importer inside its own
     * transaction: a refused import leaves none behind. */
    bool created = !store_edition_find(st, edition, &ed);
    if (created) {
        const char *bad = edition_name_check(edition);
        if (bad) {
            Arena ar = ARENA_INIT;  /* the name echoed on one line, its character named (issue 12, N1) */
            fprintf(stderr, _("pmm import: «%s» no sirve como nombre de edición: %s\n"), text_one_line(&ar, edition),
                    bad);
            arena_free(&ar);
            goto out;
        }
        if (edition_taken(st, edition, "pmm import")) goto out;
        memset(&ed, 0, sizeof ed);
        snprintf(ed.name, sizeof ed.name, "%s", edition);
    }
    const char *frozen;   /* issue 10: checked again inside the import's transaction */
    if (!created && !store_edition_accepts_changes(st, ed.id, &frozen)) {
        fprintf(stderr, "pmm import: %s\n", frozen);
        goto out;
    }
    ImportFile acc = {a.pos[0], a.pos[0], NULL, 0};
    ImportFile ret = {args_get(&a, "--challenges"), args_get(&a, "--challenges"), NULL, 0};
    ImportStats stats = {0};
    DiagList d;
    diag_init(&d);
    bool ok;
    if (is_workbook(acc.path)) {
        ok = import_xlsx(st, &ed, acc.path, acc.name, ret.path, status, dry, &stats, &d);
    } else if (import_is_json(acc.path)) {
        if (ret.path) {
            fprintf(stderr, _("pmm import: un JSON trae sus retos: no use --challenges\n"));
            rc = EXIT_USAGE;
            diag_free(&d);
            goto out;
        }
        ok = import_json(st, &ed, acc.path, acc.name, status, dry, &stats, &d);
    } else if (ret.path && is_workbook(ret.path) && !import_format_readable(ret.path, ret.name, &d)) {
        ok = false;                   /* issue 14: an .ods is no Excel workbook: say what it is */
    } else if (ret.path && is_workbook(ret.path)) {
        fprintf(stderr, _("pmm import: --challenges es un libro de Excel pero las acciones son CSV: "
                          "use dos CSV, o un libro con las hojas «Acciones» y «Retos»\n"));
        rc = EXIT_USAGE;
        diag_free(&d);
        goto out;
    } else {
        ok = import_csv(st, &ed, &acc, ret.path ? &ret : NULL, status, dry, &stats, &d);
    }
    rc = report_import(st, edition, created, &stats, &d, ok, dry);
    /* issue 15 (S15C): the search index caught up while the file can be
     * written (a read-only server searches the index as it is) */
    if (ok && !dry) store_fts_sync(st);
    diag_free(&d);
out:
    store_close(st);
    return rc;
}
