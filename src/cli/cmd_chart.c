#include "render/map.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/report_cli.h"
#include "util/i18n.h"
#include "util/mem.h"

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* issue 14: the map of the subnational units into O (in A), the pack's
 * shapes read from IN; false, said on stderr, when there are none. */
static bool chart_map_input(ReportInput *in, Arena *a, MapInput *m, MapShapes *sh, ReportOptions *o) {
    if (in->all) {      /* the map counts validated actions: with every status it would disagree */
        fprintf(stderr, _("pmm chart: el mapa cuenta solo las acciones validadas: no va con --all\n"));
        return false;
    }
    if (!map_input(in->st, a, &in->ed, "mapa", m, sh)) return false;
    if (!m->shapes) {
        fprintf(stderr, _("pmm chart: el paquete de país no tiene archivo de límites (limites.csv): no hay mapa\n"));
        return false;
    }
    o->map = m;
    return true;
}

/* The format of the chart written to PATH: --format FORMAT, else PATH's
 * extension, else SVG for standard output and for a device or FIFO
 * (/dev/stdout, -o >(gzip)), which have no extension (issue 14, fault 1:
 * they were refused). NULL, said on stderr, for a regular file without
 * .svg or .png (or no PATH), or an extension --format contradicts. */
static const char *chart_format(const char *format, const char *path) {
    const char *ext = !path ? NULL : ends_with(path, ".svg") ? "svg" : ends_with(path, ".png") ? "png" : NULL;
    if (format && ext && strcmp(format, ext) != 0) {
        fprintf(stderr, _("pmm chart: --format %s no va con un archivo .%s: «%s»\n"), format, ext, path);
        return NULL;
    }
    if (path && (format || ext)) return format ? format : ext;
    if (path && (strcmp(path, "-") == 0 || report_is_special(path))) return "svg";
    fprintf(stderr, _("pmm chart: indique el archivo de salida con -o ARCHIVO.svg o -o ARCHIVO.png "
                      "(o el formato con --format)\n"));
    return NULL;
}

/* Writes scene SC as FORMAT to PATH ("-": standard output), through the
 * one writer of -o (render/outfile.h); false, told, on failure. */
static bool chart_write(const Scene *sc, const char *format, const char *path) {
    if (strcmp(format, "svg") == 0) {
        Str svg = STR_INIT;
        str_puts(&svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        chart_svg(sc, &svg);
        str_putc(&svg, '\n');
        bool ok = report_write(path, svg.p, svg.len);
        str_free(&svg);
        return ok;
    }
    CliOutput out;          /* -o -: standard output, through a temporary file */
    if (!cli_output_begin(&out, "chart", path, true)) return false;
    char *tmp = report_tmp_path(out.path);
    bool ok = chart_png(sc, tmp);
    if (!ok) fprintf(stderr, _("pmm chart: no se pudo escribir «%s»\n"), path);
    ok = report_commit(tmp, out.path, ok);
    free(tmp);
    return cli_output_end(&out, ok);
}

/* pmm chart NAME --edition E [--revision N|live] [--lang es|en] [--others-threshold N] [--all]
 *           [--width W] [--format svg|png] -o FILE.svg|FILE.png|-|DEVICE
 * One chart of the Informe Ejecutivo, drawn exactly as in the report (the
 * map too, issue 14); a
 * width under 640 gives the phone layout the HTML report shows on narrow
 * screens. --revision is report_edition's, as for report and compendio
 * (issue 10, round 3: chart told of «--revision live» and had no such option). */
int cmd_chart(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "chart", argc, argv) || !cli_npos(&a, 1, 1, N_("el nombre de la gráfica")))
        return cli_usage("chart");
    const char *path = args_get(&a, "--output");
    ReportOptions o;
    if (!report_options(&a, "chart", &o)) return EXIT_USAGE;
    const char *format = chart_format(args_get(&a, "--format"), path);
    if (!format || !cli_output_ok("chart", path, strcmp(format, "png") == 0)) return EXIT_USAGE;
    /* --width's range 360-640 (CHART_NARROW to CHART_WIDTH) is checked by cli_args */
    double width = args_get(&a, "--width") ? strtod(args_get(&a, "--width"), NULL) : CHART_WIDTH;
    int rc = EXIT_FAIL;
    ReportInput in;
    Doc d;
    doc_init(&d, o.lang);
    if (!report_input_open(g, &a, "chart", &in) || !report_lang(in.st, &o)) goto done;
    d.lang = o.lang;
    /* the pack's words and «Otros retos» threshold, as in the Informe (issue 16) */
    Imprint imp;
    if (!store_imprint(in.st, &in.ed, &d.arena, &imp)) goto done;
    o.imprint = &imp;
    MapInput map;
    MapShapes shapes;
    if (strcmp(a.pos[0], "mapa") == 0 && !chart_map_input(&in, &d.arena, &map, &shapes, &o)) goto done;
    Chart *c = report_chart(&d, in.f, &in.rd, &o, a.pos[0]);
    if (!c) {
        Str names = STR_INIT;
        report_chart_names(in.f, &names);
        fprintf(stderr, _("pmm chart: no hay una gráfica «%s»; las gráficas son: %s\n"), a.pos[0], str_cstr(&names));
        str_free(&names);
        rc = EXIT_USAGE;
        goto done;
    }
    Scene sc;
    chart_layout_width(c, width, &d.arena, &sc);
    if (chart_write(&sc, format, path)) {
        rc = EXIT_OK;
        cli_written(path, NULL);
    }
done:
    doc_free(&d);
    report_input_close(&in);
    return rc;
}
