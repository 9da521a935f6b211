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

/* pmm chart NAME --edition E [--revision N|live] [--lang es|en] [--others-threshold N] [--all]
 *           [--width W] -o FILE.svg|FILE.png
 * One chart of the Informe Ejecutivo, drawn exactly as in the report (the
 * map too, issue 14); a
 * width under 640 gives the phone layout the HTML report shows on narrow
 * screens. --revision is report_edition's, as for report and compendio
 * (issue 10, round 3: chart told of «--revision live» and had no such option). */
int cmd_chart(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "chart", argc, argv) || a.npos != 1) return cli_usage("chart");
    const char *path = args_get(&a, "--output");
    ReportOptions o;
    if (!report_options(&a, "chart", &o)) return EXIT_USAGE;
    bool out = path && strcmp(path, "-") == 0;     /* standard output: SVG */
    if (!path || (!out && !ends_with(path, ".svg") && !ends_with(path, ".png"))) {
        fprintf(stderr, _("pmm chart: indique el archivo de salida con -o ARCHIVO.svg o -o ARCHIVO.png\n"));
        return EXIT_USAGE;
    }
    double width = CHART_WIDTH;
    if (args_get(&a, "--width")) {
        char *end;
        long w = strtol(args_get(&a, "--width"), &end, 10);
        if (*end || w < (long)CHART_NARROW || w > (long)CHART_WIDTH) {
            fprintf(stderr, _("pmm chart: --width debe ser un número entero de %d a %d, no «%s»\n"),
                    (int)CHART_NARROW, (int)CHART_WIDTH, args_get(&a, "--width"));
            return EXIT_USAGE;
        }
        width = (double)w;
    }
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
    if (out || ends_with(path, ".svg")) {
        Str svg = STR_INIT;
        str_puts(&svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        chart_svg(&sc, &svg);
        str_putc(&svg, '\n');
        rc = report_write(path, svg.p, svg.len) ? EXIT_OK : EXIT_FAIL;
        str_free(&svg);
    } else {
        char *tmp = report_tmp_path(path);
        bool ok = chart_png(&sc, tmp);
        if (!ok) fprintf(stderr, _("pmm chart: no se pudo escribir «%s»\n"), path);
        rc = report_commit(tmp, path, ok) ? EXIT_OK : EXIT_FAIL;
        free(tmp);
    }
done:
    doc_free(&d);
    report_input_close(&in);
    return rc;
}
