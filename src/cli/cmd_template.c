#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "render/xlsx_template.h"
#include "util/i18n.h"

/* pmm template --edition E [--institution SIGLAS] -o plantilla.xlsx
 * The capture workbook a focal point fills (docs/excel.md). */
int cmd_template(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "template", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("template");
    const char *path = args_get(&a, "--output");
    if (!path) {
        fprintf(stderr, _("pmm template: falta -o plantilla.xlsx\n"));
        return cli_usage("template");
    }
    if (!cli_output_ok("template", path, true)) return EXIT_USAGE;
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    Edition ed;
    Str err = STR_INIT, inst = STR_INIT;
    if (!cli_ensure_catalogs(st) || !cli_edition(st, args_get(&a, "--edition"), &ed)) goto done;
    const char *name = args_get(&a, "--institution");
    if (name && !xlsx_template_institution(st, name, &inst, &err)) {
        fprintf(stderr, "pmm template: %s\n", str_cstr(&err));
        goto done;
    }
    XlsxTemplateOpts o = {.edition = &ed, .institution = name ? str_cstr(&inst) : NULL};
    CliOutput out;          /* -o -: standard output, through a temporary file */
    if (!cli_output_begin(&out, "template", path, true)) goto done;
    bool ok = xlsx_template_write(st, &o, out.path, &err);
    if (!ok) fprintf(stderr, "pmm template: %s\n", str_cstr(&err));
    if (!cli_output_end(&out, ok)) goto done;
    cli_written(path, NULL);
    rc = EXIT_OK;
done:
    str_free(&err);
    str_free(&inst);
    store_close(st);
    return rc;
}
