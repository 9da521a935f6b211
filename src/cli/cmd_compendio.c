#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "analysis/narrative.h"
#include "store/imprint_store.h"
#include "render/compendio.h"
#include "render/docx.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "util/i18n.h"
#include "util/mem.h"

/* pmm compendio --edition E [--revision N] [--format html|pdf|docx] [--lang es|en] [--all] -o FILE */
int cmd_compendio(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "compendio", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("compendio");
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "html";
    const char *path = args_get(&a, "--output");
    ReportOptions o;
    if (!report_options(&a, "compendio", &o)) return EXIT_USAGE;
    if (strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0 && strcmp(format, "docx") != 0) {
        fprintf(stderr, _("pmm compendio: formato desconocido «%s» (html, pdf o docx)\n"), format);
        return EXIT_USAGE;
    }
    if (!report_output_ok("compendio", format, path)) return EXIT_USAGE;
    int rc = EXIT_FAIL;
    ReportInput in;
    if (!report_input_open(g, &a, "compendio", &in) || !report_lang(in.st, &o)) goto done;
    Doc d;
    doc_init(&d, o.lang);
    Imprint imp;      /* issue 12: the issuer is the Compendio's author, as the Informe's */
    if (!store_imprint(in.st, &in.ed, &d.arena, &imp)) {
        doc_free(&d);
        goto done;
    }
    report_cover(&d, &imp, in.f->edition);   /* F12: the Informe's cover: issuer, place and date, emblem */
    Compendio *c = compendio_begin(&d, in.f, &in.rd);
    bool ok = store_compendio_actions(in.st, &in.ed, in.all, compendio_action, c);
    compendio_end(c);
    if (ok) rc = report_doc_write(&d, "compendio", format, path) ? EXIT_OK : EXIT_FAIL;
    if (rc == EXIT_OK) cli_written(path, NULL);
    doc_free(&d);
done:
    report_input_close(&in);
    return rc;
}
