/* The map of the subnational units: see map.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "render/map.h"
#include <stdio.h>
#include "ingest/catalog_load.h"
#include "store/pack_store.h"
#include "util/embedded.h"
#include "util/i18n.h"

#define NCLASS 5
#define LEGEND_H 56.0
/* a one-hue sequential scale whose lightness orders the classes (greyscale-safe) */
static const char *const class_fill[NCLASS] = {"#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"};
#define EMPTY_FILL "#f2f2f2"

const MapShape *map_shape(const MapShapes *sh, const char *code) {
    for (int i = 0; sh && i < sh->n; i++)
        if (strcmp(sh->s[i].code, code) == 0) return &sh->s[i];
    return NULL;
}

/* The numbers of one ring (between B and E) into R; false when not pairs of numbers. */
static bool parse_ring(const char *b, const char *e, Arena *a, int *npts, double **pts) {
    int cap = 1 + (int)(e - b) / 2, n = 0;
    double *v = arena_alloc(a, (size_t)cap * sizeof *v);
    const char *p = b;
    while (p < e) {
        while (p < e && *p == ' ') p++;
        if (p >= e) break;
        char *end;
        double d = strtod(p, &end);
        if (end == p || end > e || n == cap || !isfinite(d)) return false;
        v[n++] = d;
        p = end;
    }
    if (n < 6 || n % 2) return false;
    *npts = n / 2;
    *pts = v;
    return true;
}

static bool parse_row(const char *b, const char *e, Arena *a, MapShape *sh) {
    const char *comma = memchr(b, ',', (size_t)(e - b));
    if (!comma || comma == b || comma - b > 5) return false;
    char *code = arena_alloc(a, (size_t)(comma - b) + 1);
    memcpy(code, b, (size_t)(comma - b));
    sh->code = code;
    int max = 1;
    for (const char *p = comma + 1; p < e; p++) max += *p == ';';
    sh->npts = arena_alloc(a, (size_t)max * sizeof *sh->npts);
    sh->pts = arena_alloc(a, (size_t)max * sizeof *sh->pts);
    for (const char *p = comma + 1; p <= e;) {
        const char *q = memchr(p, ';', (size_t)(e - p));
        if (!q) q = e;
        if (!parse_ring(p, q, a, &sh->npts[sh->nrings], &sh->pts[sh->nrings])) return false;
        sh->nrings++;
        p = q + 1;
    }
    return sh->nrings > 0;
}

bool map_parse(const char *text, Arena *a, MapShapes *out, int *line, const char **err) {
    int cap = 1;
    for (const char *p = text; *p; p++) cap += *p == '\n';
    out->n = 0;
    out->s = arena_alloc(a, (size_t)cap * sizeof *out->s);
    bool header = false;
    *line = 0;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        const char *next = *e ? e + 1 : e;
        if (e > p && e[-1] == '\r') e--;
        ++*line;
        if (e == p || *p == '#') {
            p = next;
            continue;
        }
        if (!header) {
            header = (size_t)(e - p) == strlen("clave,anillos") && !memcmp(p, "clave,anillos", 13);
            if (!header) {
                *err = _("la primera fila debe ser «clave,anillos»");
                return false;
            }
        } else {
            MapShape *sh = &out->s[out->n];
            memset(sh, 0, sizeof *sh);
            if (!parse_row(p, e, a, sh)) {
                *err = _("se espera una clave de hasta cinco caracteres, una coma y anillos de pares de "
                         "números «x y» separados por «;», de al menos tres puntos cada uno");
                return false;
            }
            if (map_shape(&(MapShapes){out->n, out->s}, sh->code)) {
                *err = _("esta clave ya tiene su forma en una fila anterior");
                return false;
            }
            out->n++;
        }
        p = next;
    }
    if (!header) {
        *err = _("el archivo está vacío: falta la fila «clave,anillos»");
        return false;
    }
    return true;
}

static long max_actions(const MapInput *m) {
    long max = 0;
    for (int i = 0; i < m->n; i++) if (m->units[i].actions > max) max = m->units[i].actions;
    return max;
}

/* The class of V (1..MAX) in 0..NCLASS-1: equal steps of the largest count. */
static int class_of(long v, long max) {
    int k = (int)((v * NCLASS + max - 1) / max) - 1;
    return k < 0 ? 0 : k >= NCLASS ? NCLASS - 1 : k;
}

static void href(const MapInput *m, const char *code, Str *s) {
    str_puts(s, "/acciones?edicion=");
    str_url(s, m->edition);
    str_puts(s, "&tipo=");
    str_url(s, m->type);
    str_puts(s, "&estado=");
    str_url(s, code);
}

static void path_d(const MapShape *sh, Str *s) {
    for (int r = 0; r < sh->nrings; r++) {
        for (int k = 0; k < sh->npts[r]; k++)
            str_printf(s, "%s%.1f %.1f", k ? " L" : (r ? " M" : "M"), sh->pts[r][2 * k], sh->pts[r][2 * k + 1]);
        str_puts(s, " Z");
    }
}

/* «N acciones» into BUF (the server draws maps on several threads at once) */
static const char *count_text(char *buf, size_t size, long n) {
    snprintf(buf, size, n == 1 ? _("%ld acción") : _("%ld acciones"), n);
    return buf;
}

static void unit_svg(const MapInput *m, const MapUnit *u, const MapShape *sh, long max, Str *s) {
    Str h = STR_INIT, d = STR_INIT;
    href(m, u->code, &h);
    path_d(sh, &d);
    const char *fill = u->actions ? class_fill[class_of(u->actions, max)] : EMPTY_FILL;
    char count[96];
    str_html(s, "<a href=\"%s\"><path class=\"unit%s\" data-unit=\"%s\" data-value=\"%ld\" d=\"%s\" fill=\"%s\""
                " stroke=\"#555\" stroke-width=\"0.6\" stroke-dasharray=\"%s\"><title>%s: %s</title></path></a>",
             str_cstr(&h), u->actions ? "" : " empty", u->code, u->actions, str_cstr(&d), fill,
             u->actions ? "none" : "2 1.5", u->name, count_text(count, sizeof count, u->actions));
    str_free(&h);
    str_free(&d);
}

static void legend_svg(long max, Str *s) {
    double y = MAP_HEIGHT + 14, x = 10, w = 110;
    str_html(s, "<g class=\"legend\" font-size=\"11\" font-family=\"sans-serif\">"
                "<rect x=\"%.0f\" y=\"%.0f\" width=\"16\" height=\"12\" fill=\"%s\" stroke=\"#555\""
                " stroke-dasharray=\"2 1.5\"/><text x=\"%.0f\" y=\"%.0f\">%s</text>",
             x, y, EMPTY_FILL, x + 20, y + 10, _("sin acciones"));
    long lo = 1;
    for (int k = 0; k < NCLASS && max > 0; k++) {
        long hi = (max * (k + 1)) / NCLASS;
        if (hi < lo) continue;          /* a class no count can fall in */
        x += w;
        char range[64];
        if (hi == lo) snprintf(range, sizeof range, "%ld", lo);
        else snprintf(range, sizeof range, "%ld–%ld", lo, hi);
        str_html(s, "<rect x=\"%.0f\" y=\"%.0f\" width=\"16\" height=\"12\" fill=\"%s\" stroke=\"#555\"/>"
                    "<text x=\"%.0f\" y=\"%.0f\">%s</text>",
                 x, y, class_fill[class_of(hi, max)], x + 20, y + 10, range);
        lo = hi + 1;
    }
    str_puts(s, "</g>");
}

void map_svg(const MapInput *m, Str *s) {
    long max = max_actions(m);
    int missing = 0;
    for (int i = 0; i < m->n; i++) missing += !map_shape(m->shapes, m->units[i].code);
    /* a group of links, not an image (as chart_svg): assistive technology reaches each unit */
    str_html(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" class=\"map\" role=\"group\""
                " viewBox=\"0 0 %.0f %.0f\" aria-labelledby=\"%s-t\"><title id=\"%s-t\">%s</title>",
             m->id, MAP_WIDTH, MAP_HEIGHT + LEGEND_H, m->id, m->id, m->title);
    for (int i = 0; i < m->n; i++) {
        const MapShape *sh = map_shape(m->shapes, m->units[i].code);
        if (sh) unit_svg(m, &m->units[i], sh, max, s);
    }
    legend_svg(max, s);
    if (missing)
        str_html(s, "<text x=\"10\" y=\"%.0f\" font-size=\"11\" font-family=\"sans-serif\">%s</text>",
                 MAP_HEIGHT + 46, _("Algunas unidades no tienen forma en el mapa: vea la tabla."));
    str_puts(s, "</svg>");
}

void map_table(const MapInput *m, Str *s) {
    str_html(s, "<table class=\"map-table\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             m->title, _("Unidad"), _("Acciones"), _("En el mapa"));
    for (int i = 0; i < m->n; i++) {
        const MapUnit *u = &m->units[i];
        Str h = STR_INIT;
        href(m, u->code, &h);
        str_html(s, "<tr data-unit=\"%s\"><th scope=\"row\">%s</th><td><a href=\"%s\">%ld</a></td><td>%s</td></tr>",
                 u->code, u->name, str_cstr(&h), u->actions,
                 map_shape(m->shapes, u->code) ? _("sí") : _("no: sin forma en el archivo de límites"));
        str_free(&h);
    }
    str_puts(s, "</tbody></table>");
}

/* «Acciones de los gobiernos de las entidades federativas», with the pack's words */
static const char *map_title(Store *st, Arena *a) {
    Pack p;
    int l = strcmp(i18n_lang(), "en") == 0;
    const char *units = store_pack(st, a, &p) && *p.unit_pl[l] ? p.unit_pl[l] : _("unidades subnacionales");
    if (l) return arena_printf(a, _("Acciones de los gobiernos de las %s"), units);
    bool masc = strcmp(p.unit_gender, "m") == 0;
    return arena_printf(a, masc ? _("Acciones de los gobiernos de los %s") : _("Acciones de los gobiernos de las %s"),
                        units);
}

bool map_input(Store *st, Arena *a, const Edition *ed, const char *id, MapInput *m, MapShapes *sh) {
    memset(m, 0, sizeof *m);
    MapUnit *u;
    const char *text;
    if (!store_map_units(st, a, ed->id, &m->type, &u, &m->n) || !store_map_boundary(st, a, &text)) return false;
    m->units = u;
    m->edition = ed->name;
    m->id = id;
    m->title = map_title(st, a);
    Pack p;
    if (!text && !store_pack(st, a, &p)) return false;
    if (!text && strcmp(p.name, PACK_DEFAULT_NAME) == 0) {
        /* the default pack loaded by a pmm older than the map: the shapes its files have now */
        const EmbeddedFile *f = embedded_find("packs/" PACK_DEFAULT_NAME "/limites.csv");
        text = f ? (const char *)f->data : NULL;
    }
    if (!text || !*text) return true;
    int line;
    const char *err;
    if (!map_parse(text, a, sh, &line, &err)) {
        fprintf(stderr, "limites.csv:%d: %s\n", line, err);
        return false;
    }
    m->shapes = sh;
    return true;
}
