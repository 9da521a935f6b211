#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/figures_json.h"
#include "cli/cli.h"
#include "util/i18n.h"
#include "util/mem.h"

/* pmm report --edition E [--format json|text] [--all] [-o FILE] */
int cmd_report(const Global *g, int argc, char **argv) {
    Args a;
    static const char *const valued[] = {"--edition", "--format", "-o", "--output", "--lang", NULL};
    static const char *const flags[] = {"--all", NULL};
    if (!args_parse(&a, "report", argc, argv, valued, flags) || a.npos) return cli_usage("report");
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "text";
    const char *path = args_get(&a, "-o") ? args_get(&a, "-o") : args_get(&a, "--output");
    if (strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
        fprintf(stderr, _("pmm report: formato desconocido «%s» (json o text)\n"), format);
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    Edition ed;
    Figures *f = NULL;
    FILE *out = stdout;
    if (!cli_edition(st, args_get(&a, "--edition"), &ed)) goto done;
    f = xcalloc(1, sizeof *f);          /* ~30 KiB: not for the stack */
    if (!store_figures(st, &ed, args_has(&a, "--all"), f)) goto done;
    if (path && !(out = fopen(path, "w"))) {
        perror(path);
        out = stdout;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        json_t *j = figures_to_json(f);
        json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(j);
    } else {
        figures_print_text(f, out);
    }
    rc = EXIT_OK;
    if (out != stdout && fclose(out) != 0) {
        perror(path);
        rc = EXIT_FAIL;
    }
    out = stdout;
done:
    free(f);
    store_close(st);
    return rc;
}
