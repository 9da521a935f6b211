#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "render/export.h"
#include "render/outfile.h"
#include "util/i18n.h"

/* The edition of --edition; with --revision N its revision N as published
 * (live: the edition's rows as they are now), as pmm report reads it
 * (F16D). Without --revision, the edition's rows, as before. */
static bool export_edition_arg(Store *st, const Args *a, Edition *ed) {
    return args_get(a, "--revision") ? report_edition(st, a, "export", ed)
                                     : cli_edition(st, args_get(a, "--edition"), ed);
}

/* pmm export --good-practices --edition E [--revision N|live] --format csv|json [-o FILE]
 * (issue 13): the edition's good practices in the Repository of Practices'
 * fields; to stdout without -o. */
static int export_good_practices(const Global *g, const Args *a, const char *format, const char *path) {
    if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, _("pmm export: las buenas prácticas se exportan en csv o json, no en «%s»\n"), format);
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    Edition ed;
    Str out = STR_INIT, err = STR_INIT;
    if (!export_edition_arg(st, a, &ed)) goto done;
    if (!export_practices(st, &ed, format, &out, &err)) {
        fprintf(stderr, "pmm export: %s\n", str_cstr(&err));
        goto done;
    }
    if (!report_write(path, out.p ? out.p : "", out.len)) goto done;   /* it says why */
    cli_written(path, NULL);
    rc = EXIT_OK;
done:
    str_free(&out);
    str_free(&err);
    store_close(st);
    return rc;
}

/* pmm export --edition E [--revision N|live] --format xlsx|csv|json [-o FILE]
 * Everything in the edition, in the interchange format; csv writes FILE and
 * its retos twin (acciones.csv -> acciones-retos.csv). */
int cmd_export(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "export", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("export");
    const char *path = args_get(&a, "--output");
    if (args_has(&a, "--good-practices"))
        return export_good_practices(g, &a, args_get(&a, "--format") ? args_get(&a, "--format") : "json", path);
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "xlsx";
    if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 && strcmp(format, "xlsx") != 0) {
        fprintf(stderr, _("pmm export: formato desconocido «%s» (xlsx, csv o json)\n"), format);
        return EXIT_USAGE;
    }
    if (!path && strcmp(format, "json") != 0) {
        fprintf(stderr, _("pmm export: el formato %s necesita -o ARCHIVO\n"), format);
        return EXIT_USAGE;
    }
    if (path && strcmp(path, "-") == 0 && strcmp(format, "csv") == 0) {
        fprintf(stderr, _("pmm export: el formato csv escribe dos archivos (ARCHIVO y ARCHIVO-retos.csv): "
                          "dé -o ARCHIVO.csv, no -o -\n"));
        return EXIT_USAGE;
    }
    if (!cli_output_ok("export", path, strcmp(format, "xlsx") == 0)) return EXIT_USAGE;
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    Edition ed;
    Str err = STR_INIT;
    if (!export_edition_arg(st, &a, &ed)) goto done;
    CliOutput out;          /* -o -: standard output, through a temporary file */
    if (!cli_output_begin(&out, "export", path, strcmp(format, "xlsx") == 0)) goto done;
    /* a published revision holds its validated actions, and says so as its
     * download does (issue 16, H16R4 B: it said «todas … en cualquier estado») */
    const char *rev = args_get(&a, "--revision");
    ExportScope scope = rev && strcmp(rev, "live") != 0 ? EXPORT_VALIDATED : EXPORT_ALL;
    bool ok = export_edition(st, &ed, scope, format, out.path, &err);
    if (!ok) fprintf(stderr, "pmm export: %s\n", str_cstr(&err));
    if (!cli_output_end(&out, ok)) goto done;
    char *twin = strcmp(format, "csv") == 0 ? export_retos_path(path) : NULL;
    cli_written(path, twin);
    free(twin);
    rc = EXIT_OK;
done:
    str_free(&err);
    store_close(st);
    return rc;
}
