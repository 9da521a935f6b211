/* A Scene as SVG: <title> and <desc> for screen readers, text as text,
 * every mark and every number with the filter of its figure. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "render/chart.h"
#include "render/doc.h"

typedef struct {
    Str *s;
    Lang lang;
} SvgCtx;

static void svg_text(void *p, const char *z, int n) {
    SvgCtx *c = p;
    Str tmp = STR_INIT;
    str_append(&tmp, z, (size_t)n);
    str_html(c->s, "%s", str_cstr(&tmp));
    str_free(&tmp);
}

static void svg_mark(void *p, const DocMark *m) {
    SvgCtx *c = p;
    Str f = STR_INIT, v = STR_INIT, e = STR_INIT, d = STR_INIT;
    str_append(&f, m->filter, (size_t)m->lfilter);
    str_append(&v, m->value, (size_t)m->lvalue);
    str_append(&e, m->extra, (size_t)m->lextra);
    str_append(&d, m->display, (size_t)m->ldisplay);
    const char *cls = m->kind == 'p' ? "pct" : m->kind == 'r' ? "ref" : "fig";
    str_html(c->s, "<tspan class=\"%s\" data-filter=\"%s\" data-value=\"%s\"", cls, str_cstr(&f),
             str_cstr(&v));
    if (m->kind == 'p') str_html(c->s, " data-base=\"%s\"", str_cstr(&e));
    str_html(c->s, ">%s</tspan>", str_cstr(&d));
    str_free(&f);
    str_free(&v);
    str_free(&e);
    str_free(&d);
}

static void svg_bold(void *p, bool on) { (void)p, (void)on; }

static void wedge_path(Str *s, const Item *it) {
    double x0 = it->cx + it->r1 * sin(it->a0), y0 = it->cy - it->r1 * cos(it->a0);
    double x1 = it->cx + it->r1 * sin(it->a1), y1 = it->cy - it->r1 * cos(it->a1);
    double x2 = it->cx + it->r0 * sin(it->a1), y2 = it->cy - it->r0 * cos(it->a1);
    double x3 = it->cx + it->r0 * sin(it->a0), y3 = it->cy - it->r0 * cos(it->a0);
    int large = it->a1 - it->a0 > M_PI ? 1 : 0;
    str_printf(s, "M%.2f %.2fA%.2f %.2f 0 %d 1 %.2f %.2fL%.2f %.2fA%.2f %.2f 0 %d 0 %.2f %.2fZ",
               x0, y0, it->r1, it->r1, large, x1, y1, x2, y2, it->r0, it->r0, large, x3, y3);
}

/* A map's unit (IT_PATH): its rings as one path with the unit's code and
 * count (as the dashboard's tests and scripts read them) and its tooltip;
 * the fill in lower case, as the map was written before it was a chart. */
static void unit_path(Str *s, const Item *it) {
    Str d = STR_INIT;
    for (int r = 0; r < it->nrings; r++) {
        for (int k = 0; k < it->npts[r]; k++)
            str_printf(&d, "%s%.1f %.1f", k ? " L" : (r ? " M" : "M"), it->pts[r][2 * k], it->pts[r][2 * k + 1]);
        str_puts(&d, " Z");
    }
    char fill[8];
    snprintf(fill, sizeof fill, "#%06x", it->fill & 0xFFFFFF);
    str_html(s, "<path class=\"unit%s\" data-unit=\"%s\" data-value=\"%ld\" d=\"%s\" fill=\"%s\" stroke=\"#555\""
                " stroke-width=\"0.6\" stroke-dasharray=\"%s\"><title>%s</title></path>",
             it->empty ? " empty" : "", it->unit ? it->unit : "", it->value, str_cstr(&d), fill,
             it->empty ? "2 1.5" : "none", it->tip ? it->tip : "");
    str_free(&d);
}

/* Whether item I starts, or ends, a run of items that share one link. */
static bool same_href(const Scene *sc, int i, int j) {
    if (i < 0 || j < 0 || i >= sc->n || j >= sc->n) return false;
    const char *a = sc->items[i].href, *b = sc->items[j].href;
    return a && b && strcmp(a, b) == 0;
}

void chart_svg(const Scene *sc, Str *s) {
    const Chart *c = sc->chart;
    /* a chart whose figures link (issue 13) is a group of links, not an
     * image: assistive technology reaches each link */
    bool linked = false;
    for (int i = 0; i < sc->n && !linked; i++) linked = sc->items[i].href != NULL;
    str_html(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"%s\" "
                "viewBox=\"0 0 %d %d\" role=\"%s\" aria-labelledby=\"%s-t %s-d\" "
                "font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">",
             sc->id, (int)ceil(sc->width), (int)ceil(sc->height), linked ? "group" : "img", sc->id, sc->id);
    str_html(s, "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>", sc->id, c->title, sc->id,
             sc->desc ? sc->desc : "");
    SvgCtx ctx = {s, c->lang};
    DocVisitor v = {svg_text, svg_mark, svg_bold, NULL};
    for (int i = 0; i < sc->n; i++) {
        const Item *it = &sc->items[i];
        char fill[8];
        snprintf(fill, sizeof fill, "#%06X", it->fill & 0xFFFFFF);
        /* a linked figure (issue 13): consecutive items with one link (a
         * column and its number) are one link, named by the first's tip */
        if (it->href && !same_href(sc, i - 1, i))
            str_html(s, "<a href=\"%s\" aria-label=\"%s\">", it->href, it->tip ? it->tip : "");
        switch (it->kind) {
        case IT_PATH:
            unit_path(s, it);
            if (it->href && !same_href(sc, i, i + 1)) str_puts(s, "</a>");
            continue;
        case IT_RECT:
            str_printf(s, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"",
                       it->x, it->y, it->w, it->h, fill);
            break;
        case IT_WEDGE:
            str_puts(s, "<path d=\"");
            wedge_path(s, it);
            str_printf(s, "\" fill=\"%s\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"", fill);
            break;
        case IT_TEXT:
            str_printf(s, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" fill=\"%s\"%s%s>", it->x,
                       it->y, it->size, fill,
                       it->anchor == ANCHOR_MIDDLE ? " text-anchor=\"middle\""
                       : it->anchor == ANCHOR_END  ? " text-anchor=\"end\"" : "",
                       it->bold ? " font-weight=\"bold\"" : "");
            doc_walk(it->text, &v, &ctx);
            str_puts(s, "</text>");
            if (it->href && !same_href(sc, i, i + 1)) str_puts(s, "</a>");
            continue;
        }
        if (it->filter) str_html(s, " data-filter=\"%s\" data-value=\"%ld\"", it->filter, it->value);
        if (it->tip) str_html(s, "><title>%s</title></%s>", it->tip, it->kind == IT_RECT ? "rect" : "path");
        else str_puts(s, "/>");
        if (it->href && !same_href(sc, i, i + 1)) str_puts(s, "</a>");
    }
    str_puts(s, "</svg>");
}
