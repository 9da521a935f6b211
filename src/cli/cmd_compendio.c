#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "render/compendio.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "util/i18n.h"
#include "util/mem.h"

/* pmm compendio --edition E [--format html|pdf] [--lang es|en] [--all] -o FILE */
int cmd_compendio(const Global *g, int argc, char **argv) {
    Args a;
    static const char *const valued[] = {"--edition", "--format", "-o", "--output", "--lang", NULL};
    static const char *const flags[] = {"--all", NULL};
    if (!args_parse(&a, "compendio", argc, argv, valued, flags) || a.npos) return cli_usage("compendio");
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "html";
    const char *path = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
    ReportOptions o;
    if (!report_options(&a, "compendio", &o)) return EXIT_USAGE;
    if (strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0) {
        fprintf(stderr, _("pmm compendio: formato desconocido «%s» (html o pdf)\n"), format);
        return EXIT_USAGE;
    }
    if (strcmp(format, "pdf") == 0 && (!path || strcmp(path, "-") == 0)) {
        fprintf(stderr, _("pmm compendio: el formato pdf necesita un archivo de salida (-o ARCHIVO.pdf)\n"));
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    bool all = args_has(&a, "--all");
    Edition ed;
    Figures *f = xcalloc(1, sizeof *f);
    ReportData rd;
    memset(&rd, 0, sizeof rd);
    if (!cli_edition(st, args_get(&a, "--edition"), &ed) || !store_figures(st, &ed, all, f) ||
        !store_report_data(st, &ed, all, &rd))
        goto done;
    Doc d;
    doc_init(&d, o.lang);
    Compendio *c = compendio_begin(&d, f, &rd);
    bool ok = store_compendio_actions(st, &ed, all, compendio_action, c);
    compendio_end(c);
    if (ok && strcmp(format, "html") == 0) {
        Str html = STR_INIT;
        doc_html(&d, &html);
        rc = report_write(path, html.p, html.len) ? EXIT_OK : EXIT_FAIL;
        str_free(&html);
    } else if (ok) {
        rc = doc_pdf(&d, path) ? EXIT_OK : EXIT_FAIL;
    }
    doc_free(&d);
done:
    report_data_free(&rd);
    free(f);
    store_close(st);
    return rc;
}
