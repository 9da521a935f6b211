/* pmm review: the draft of the country's voluntary GCM review over the
 * editions of a review period (issue 13, docs/review.md). Each edition is
 * read as `pmm report` reads it (a published one as its latest revision). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/review.h"
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "util/i18n.h"
#include "util/mem.h"

/* The range: --from/--to, or the stored review's (--review); given both,
 * they must agree, so a draft never pairs a review's texts with other
 * editions unnoticed. */
static bool range_names(const Args *a, const Review *rv, const char **from, const char **to) {
    *from = args_get(a, "--from");
    *to = args_get(a, "--to");
    if (rv) {
        if ((*from && strcmp(*from, rv->from_name) != 0) || (*to && strcmp(*to, rv->to_name) != 0)) {
            fprintf(stderr, _("pmm review: el examen «%s» abarca de «%s» a «%s»: --from y --to no pueden "
                              "nombrar otras ediciones\n"), rv->name, rv->from_name, rv->to_name);
            return false;
        }
        *from = rv->from_name;
        *to = rv->to_name;
    }
    if (!*from || !*to) {
        fprintf(stderr, _("pmm review: faltan --from y --to (o --review NOMBRE)\n"));
        return false;
    }
    return true;
}

static bool stored_review(Store *st, const char *name, Arena *a, Review *out) {
    bool found = false;
    if (!store_review_find(st, name, a, out, &found)) return false;
    if (!found) fprintf(stderr, _("pmm review: no existe el examen «%s» (se crean en /admin/examenes)\n"), name);
    return found;
}

static bool draft(Store *st, const Args *a, const char *format, const char *path, Lang lang) {
    Arena ar = ARENA_INIT;
    Review rvw, *texts = NULL;
    const char *name = args_get(a, "--review"), *from, *to;
    Edition *eds = NULL;
    int n = 0;
    bool ok = false;
    ReviewData data;
    memset(&data, 0, sizeof data);
    if (name && !stored_review(st, name, &ar, &rvw)) goto done;
    if (name) texts = &rvw;
    if (!range_names(a, texts, &from, &to)) goto done;
    Str why = STR_INIT;
    if (!review_range(st, from, to, &eds, &n, &why)) {
        fprintf(stderr, "pmm review: %s\n", str_cstr(&why));
        str_free(&why);
        goto done;
    }
    ok = true;
    for (int i = 0; ok && i < n; i++) ok = report_as_published(st, false, "review", &eds[i]);
    if (ok && (ok = review_load(st, eds, n, &data))) {
        Doc d;
        doc_init(&d, lang);
        review_build(&d, &data, texts);
        ok = report_doc_write(&d, "review", format, path);
        doc_free(&d);
    }
done:
    review_data_free(&data);
    free(eds);
    arena_free(&ar);
    return ok;
}

/* pmm review --from E1 --to E2 | --review NAME --format html|pdf|docx [--lang es|en] -o FILE */
int cmd_review(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "review", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("review");
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "html";
    const char *path = args_get(&a, "--output");
    ReportOptions o;
    if (!report_options(&a, "review", &o)) return EXIT_USAGE;
    if (strcmp(format, "html") != 0 && strcmp(format, "pdf") != 0 && strcmp(format, "docx") != 0) {
        fprintf(stderr, _("pmm review: formato desconocido «%s» (html, pdf o docx)\n"), format);
        return EXIT_USAGE;
    }
    if (!report_output_ok("review", format, path)) return EXIT_USAGE;
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    bool ok = draft(st, &a, format, path, o.lang);
    if (ok) cli_written(path, NULL);
    store_close(st);
    return ok ? EXIT_OK : EXIT_FAIL;
}
