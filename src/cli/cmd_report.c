#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "analysis/figures_json.h"
#include "analysis/narrative.h"
#include "analysis/trend.h"
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "render/docx.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "store/report_store.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"
#include "util/errtext.h"

/* The figures as JSON text (malloc'd), to tell two readings apart. */
static char *figures_text(const Figures *f) {
    json_t *j = figures_to_json(f);
    char *z = json_dumps(j, JSON_SORT_KEYS);
    json_decref(j);
    return z;
}

/* Whether the figures of the published revision ED and of the live edition
 * LIVE differ as the public reads them (their JSON). Each is counted once;
 * KEEP (NULL: none) gets the revision's, for the caller not to count them
 * again (issue 12, speed), and *KEPT says they were read. Two readings the
 * same byte for byte (store_figures zeroes its Figures first) have the
 * same JSON, which is then not written: the JSON of both cost 6.5 M
 * instructions of the Informe (issue 12, round 6, S12C). False, no
 * notice, when the store fails. */
static bool figures_differ(Store *st, const Edition *ed, const Edition *live, Figures *keep, bool *kept) {
    Figures *pub = keep ? keep : xcalloc(1, sizeof *pub), *now = xcalloc(1, sizeof *now);
    bool got = store_figures(st, ed, false, pub);
    if (kept) *kept = got;
    bool differ = false;
    if (got && store_figures(st, live, false, now) && memcmp(pub, now, sizeof *pub) != 0) {
        char *a = figures_text(pub), *b = figures_text(now);
        differ = a && b && strcmp(a, b) != 0;
        free(a);
        free(b);
    }
    if (!keep) free(pub);
    free(now);
    return differ;
}

static bool as_published(Store *st, bool all, const char *cmd, Edition *ed, Figures *keep, bool *kept,
                         bool has_revision);

/* issue 10, REC3: a published edition is reported as the public reads it,
 * its latest revision, not its live rows, which a catalog edit may have
 * changed since (`make demo` wrote the Informe that way). Says so on
 * stderr when the live figures differ. --all (every state) reads the live
 * edition: a revision holds its validated actions only. */
static bool published_revision(Store *st, const Args *a, const char *cmd, Edition *ed, Figures *keep,
                               bool *kept) {
    return as_published(st, args_has(a, "--all"), cmd, ed, keep, kept, true);
}

/* issue 13 (T13): the rule above, for pmm trend's editions too; they
 * take no --revision, so stderr names the command that gives the live
 * figures (issue 13 round 2, F13, fault 5) */
bool report_as_published(Store *st, bool all, const char *cmd, Edition *ed) {
    return as_published(st, all, cmd, ed, NULL, NULL, false);
}

/* The rule; when KEEP, the revision's figures, read for the comparison,
 * go there and *KEPT says so (they are those of store_figures(ED, ALL)). */
static bool as_published(Store *st, bool all, const char *cmd, Edition *ed, Figures *keep, bool *kept,
                         bool has_revision) {
    if (kept) *kept = false;
    if (all || strcmp(ed->state, "publicada") != 0 || ed->revision <= 0) return true;
    Edition live = *ed;
    if (!store_edition_public(st, ed->name, ed)) {
        fprintf(stderr, _("pmm %s: no se pudo leer la revisión publicada de «%s»\n"), cmd, live.name);
        return false;
    }
    bool differ = figures_differ(st, ed, &live, keep, kept);
    if (differ && !has_revision)
        fprintf(stderr, _("pmm %s: la edición «%s» está publicada: se informa su revisión %d, la que lee el "
                          "público; sus cifras vivas difieren (un cambio del catálogo, p. ej.): "
                          "pmm report --edition '%s' --revision live las da\n"), cmd, live.name, ed->revision,
                live.name);
    else if (differ)
        fprintf(stderr, _("pmm %s: la edición «%s» está publicada: se informa su revisión %d, la que lee el "
                          "público; sus cifras vivas difieren (un cambio del catálogo, p. ej.): --revision live "
                          "las da\n"), cmd, live.name, ed->revision);
    return true;
}

/* report_edition, and when the revision was checked against the live rows,
 * the figures read for that in KEEP (*KEPT). */
static bool edition_keep(Store *st, const Args *a, const char *cmd, Edition *ed, Figures *keep, bool *kept) {
    *kept = false;
    if (!cli_edition(st, args_get(a, "--edition"), ed)) return false;
    const char *rv = args_get(a, "--revision");
    if (!rv) return published_revision(st, a, cmd, ed, keep, kept);
    if (strcmp(rv, "live") == 0) return true;             /* the edition's rows as they are now */
    char *end;
    long n = strtol(rv, &end, 10);
    if (*rv && !*end && n >= 1 && n <= 1000000 && store_edition_revision(st, ed->name, (int)n, ed))
        return true;
    if (ed->revision > 0)
        fprintf(stderr, _("pmm %s: la edición «%s» no tiene la revisión «%s» (tiene de la 1 a la %d)\n"),
                cmd, ed->name, rv, ed->revision);
    else
        fprintf(stderr, _("pmm %s: la edición «%s» no tiene la revisión «%s» (aún no tiene ninguna publicada)\n"),
                cmd, ed->name, rv);
    return false;
}

bool report_lang(Store *st, ReportOptions *o) {
    return o->lang_given || store_pack_lang(st, &o->lang);
}

bool report_edition(Store *st, const Args *a, const char *cmd, Edition *ed) {
    bool kept;
    return edition_keep(st, a, cmd, ed, NULL, &kept);
}

/* The edition of A and its figures into F, read once. */
static bool edition_figures(Store *st, const Args *a, const char *cmd, Edition *ed, Figures *f) {
    bool kept;
    return edition_keep(st, a, cmd, ed, f, &kept) && (kept || store_figures(st, ed, args_has(a, "--all"), f));
}

bool report_input_open(const Global *g, const Args *a, const char *cmd, ReportInput *in) {
    memset(in, 0, sizeof *in);
    in->all = args_has(a, "--all");
    in->f = xcalloc(1, sizeof *in->f);       /* ~30 KiB: not for the stack */
    return (in->st = cli_open(g, false)) != NULL &&
           edition_figures(in->st, a, cmd, &in->ed, in->f) &&
           store_report_data(in->st, &in->ed, in->all, &in->rd);
}

void report_input_close(ReportInput *in) {
    report_data_free(&in->rd);
    free(in->f);
    store_close(in->st);
}

bool report_options(const Args *a, const char *cmd, ReportOptions *o) {
    o->otros_umbral = -1;      /* the pack's, else OTROS_UMBRAL (narrative.h) */
    o->lang_given = args_get(a, "--lang") != NULL;
    o->imprint = NULL;
    o->highlights = NULL;
    o->previous = NULL;
    if (!lang_parse(args_get(a, "--lang"), &o->lang)) {
        fprintf(stderr, _("pmm %s: idioma desconocido «%s» (es o en)\n"), cmd, args_get(a, "--lang"));
        return false;
    }
    const char *u = args_get(a, "--others-threshold");
    if (u) {
        char *end;
        long v = strtol(u, &end, 10);
        if (*u == '\0' || *end || v < 0 || v > 1000000) {
            fprintf(stderr, _("pmm %s: %s debe ser un número entero de 0 en adelante, no «%s»\n"),
                    cmd, args_typed(a, "--others-threshold"), u);
            return false;
        }
        o->otros_umbral = (int)v;
    }
    return true;
}

bool report_output_ok(const char *cmd, const char *format, const char *path) {
    if (strcmp(format, "pdf") != 0 && strcmp(format, "docx") != 0) return true;
    if (path) return cli_output_ok(cmd, path, true);    /* "-" too, but not onto a terminal */
    fprintf(stderr, _("pmm %s: el formato %s necesita un archivo de salida (-o ARCHIVO.%s)\n"), cmd, format, format);
    return false;
}

bool report_doc_write(Doc *d, const char *cmd, const char *format, const char *path) {
    if (strcmp(format, "html") == 0) {
        Str html = STR_INIT;
        doc_html(d, &html);
        bool ok = report_write(path, html.p, html.len);
        str_free(&html);
        return ok;
    }
    CliOutput out;          /* -o -: standard output, through a temporary file */
    if (!cli_output_begin(&out, cmd, path, true)) return false;
    bool ok = strcmp(format, "pdf") == 0 ? doc_pdf(d, out.path) : doc_docx(d, out.path);
    return cli_output_end(&out, ok);
}

/* The pack's plural noun for its subnational units in the message
 * language, for the text summary ("" when the pack records none). */
static const char *pack_units(Store *st, Arena *a) {
    Pack p;
    if (!store_pack(st, a, &p)) return "";
    const char *w = p.unit_pl[strcmp(i18n_lang(), "en") == 0 ? 1 : 0];
    return w ? w : "";
}

static int write_figures(Store *st, const Figures *f, const char *format, const char *path) {
    Str out = STR_INIT;
    if (strcmp(format, "json") == 0) {
        json_t *j = figures_to_json(f);
        char *z = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        str_puts(&out, z);
        str_putc(&out, '\n');
        free(z);
        json_decref(j);
    } else {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        Arena a = ARENA_INIT;
        figures_print_text(f, pack_units(st, &a), m);
        arena_free(&a);
        fclose(m);
        str_append(&out, buf, len);
        free(buf);
    }
    bool ok = report_write(path, out.p ? out.p : "", out.len);
    str_free(&out);
    return ok ? EXIT_OK : EXIT_FAIL;
}

/* issue 13 (T13): the figures of the edition ED is compared with (the one
 * before it in trend order whose period ended before ED's starts: t12 #10,
 * trend_compared_edition), read
 * as ED is (published: its revision; ALL: every state), into *OUT (NULL:
 * there is none; the caller frees it). False when the store fails. */
static bool previous_figures(Store *st, const Edition *ed, bool all, Figures **out) {
    *out = NULL;
    Edition prev;
    if (!trend_compared_edition(st, ed, &prev)) return true;   /* its period ended before (t12 #10) */
    Figures *f = xcalloc(1, sizeof *f);
    bool kept;
    if (!as_published(st, all, "report", &prev, f, &kept, false) ||
        (!kept && !store_figures(st, &prev, all, f))) {
        free(f);
        return false;
    }
    *out = f;
    return true;
}

/* --preamble FILE: the unit's own preamble (section I) for the edition,
 * UTF-8 text, paragraphs separated by a blank line; --preamble-default
 * goes back to the generated one. */
static int set_preamble(Store *st, const Edition *ed, const char *path) {
    Str text = STR_INIT;
    if (path && !cli_read_preamble("report", path, &text)) {   /* the one reader (t12 #6) */
        str_free(&text);
        return EXIT_FAIL;
    }
    bool ok = store_edition_set_preamble(st, ed->id, text.len ? str_cstr(&text) : NULL);
    str_free(&text);
    if (ok)
        printf(path ? _("Preámbulo de la edición «%s» guardado.\n")
                    : _("La edición «%s» vuelve al preámbulo predeterminado.\n"), ed->name);
    /* REC3: a published edition is reported as its revision, which keeps its preamble */
    if (ok && strcmp(ed->state, "publicada") == 0 && ed->revision > 0)
        fprintf(stderr, _("pmm report: la edición «%s» está publicada: su Informe (revisión %d) conserva su "
                          "preámbulo; el nuevo vale desde la próxima publicación (--revision live lo muestra)\n"),
                ed->name, ed->revision);
    return ok ? EXIT_OK : EXIT_FAIL;
}

/* pmm report --edition E [--revision N] [--format json|text|html|pdf|docx] [--lang es|en]
 *            [--others-threshold N] [--all] [-o FILE]
 * pmm report --edition E --preamble FILE | --preamble-default */
int cmd_report(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "report", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("report");
    const char *format = args_get(&a, "--format") ? args_get(&a, "--format") : "text";
    const char *path = args_get(&a, "--output");
    ReportOptions o;
    if (!report_options(&a, "report", &o)) return EXIT_USAGE;
    bool doc = strcmp(format, "html") == 0 || strcmp(format, "pdf") == 0 || strcmp(format, "docx") == 0;
    if (!doc && strcmp(format, "json") != 0 && strcmp(format, "text") != 0) {
        fprintf(stderr, _("pmm report: formato desconocido «%s» (json, text, html, pdf o docx)\n"), format);
        return EXIT_USAGE;
    }
    if (!report_output_ok("report", format, path)) return EXIT_USAGE;
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    cli_warn_empty_catalogs(st);
    int rc = EXIT_FAIL;
    Edition ed;
    Figures *f = xcalloc(1, sizeof *f);
    ReportData rd;
    memset(&rd, 0, sizeof rd);
    bool preamble = args_get(&a, "--preamble") || args_has(&a, "--preamble-default");
    if (preamble && args_get(&a, "--revision")) {
        fprintf(stderr, _("pmm report: una revisión publicada no cambia: --preamble no va con --revision\n"));
        rc = EXIT_USAGE;
        goto done;
    }
    if (preamble) {          /* the live edition's: a revision does not change */
        if (cli_edition(st, args_get(&a, "--edition"), &ed)) rc = set_preamble(st, &ed, args_get(&a, "--preamble"));
        goto done;
    }
    if (!edition_figures(st, &a, "report", &ed, f)) goto done;
    if (!doc) {
        rc = write_figures(st, f, format, path);
        if (rc == EXIT_OK) cli_written(path, NULL);
        goto done;
    }
    if (!store_report_data(st, &ed, args_has(&a, "--all"), &rd) || !report_lang(st, &o)) goto done;
    Doc d;
    doc_init(&d, o.lang);
    Imprint imp;      /* issue 12: issuer, country, place, license of the edition */
    if (!store_imprint(st, &ed, &d.arena, &imp)) {
        doc_free(&d);
        goto done;
    }
    o.imprint = &imp;
    Highlights hl;    /* issue 12: the programs named under each objective */
    if (!store_highlights(st, &ed, args_has(&a, "--all"), &d.arena, &hl)) {
        doc_free(&d);
        goto done;
    }
    o.highlights = &hl;
    Figures *pf;      /* issue 13: «Comparación con la edición anterior» */
    if (!previous_figures(st, &ed, args_has(&a, "--all"), &pf)) {
        doc_free(&d);
        goto done;
    }
    o.previous = pf;
    /* issue 14 (M14): the map of the subnational units; it counts validated
     * actions, so a draft with --all has none (docs/report.md) */
    MapInput map;
    MapShapes shapes;
    if (!args_has(&a, "--all") && !map_input(st, &d.arena, &ed, "grafica-mapa", &map, &shapes)) {
        free(pf);
        doc_free(&d);
        goto done;
    }
    o.map = args_has(&a, "--all") ? NULL : &map;
    report_build(&d, f, &rd, &o);
    free(pf);
    rc = report_doc_write(&d, "report", format, path) ? EXIT_OK : EXIT_FAIL;
    if (rc == EXIT_OK) cli_written(path, NULL);
    doc_free(&d);
done:
    report_data_free(&rd);
    free(f);
    store_close(st);
    return rc;
}
