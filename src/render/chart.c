/* Chart layout: from a Chart to a Scene, in chart units (CHART_WIDTH wide,
 * or CHART_NARROW for a phone, where labels go above their bars and a
 * donut's legend under its ring instead of beside them).
 * Text widths are estimated from the character count (DejaVu Sans averages
 * about 0.6 em), which is all a layout of labels and values needs. */
#include <math.h>
#include <string.h>
#include "util/rounding.h"
#include "render/chart.h"
#include "render/doc.h"
#include "render/map.h"

/* Okabe & Ito (2008), in an order where neighbours stay apart; then, for
 * a country with more than 8 reporter types, Paul Tol's "muted" scheme;
 * past 16 series, series_color() generates more, so that no two series of
 * one chart share a colour (issue 16: FIG_MAX_TYPES is 64). */
static const unsigned palette[] = {0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
                                   0xD55E00, 0x56B4E9, 0xF0E442, 0x999999,
                                   0x332288, 0x88CCEE, 0x44AA99, 0x117733,
                                   0x999933, 0xDDCC77, 0xCC6677, 0x882255};
#define NPALETTE 16
#define C_BAR 0x56B4E9
#define C_MOST 0x0072B2
#define C_LEAST 0xE69F00
#define C_TEXT 0x222222
#define C_MUTED 0x555555

static unsigned hsl(double h, double sat, double l) {
    double c = (1 - fabs(2 * l - 1)) * sat, hp = h / 60, x = c * (1 - fabs(fmod(hp, 2) - 1));
    double r = 0, g = 0, b = 0;
    if (hp < 1) r = c, g = x;
    else if (hp < 2) r = x, g = c;
    else if (hp < 3) g = c, b = x;
    else if (hp < 4) g = x, b = c;
    else if (hp < 5) r = x, b = c;
    else r = c, b = x;
    double m = l - c / 2;
    unsigned R = (unsigned)lround((r + m) * 255), G = (unsigned)lround((g + m) * 255),
             B = (unsigned)lround((b + m) * 255);
    return R << 16 | G << 8 | B;
}

/* The colour of series I: the palette, then hues spaced by the golden
 * angle (no two alike however many there are) at three lightnesses in
 * turn, so that neighbours differ in lightness too, as for the colour
 * blind they must. */
static unsigned series_color(int i) {
    if (i < NPALETTE) return palette[i];
    int k = i - NPALETTE;
    static const double light[3] = {0.32, 0.5, 0.68};
    return hsl(fmod(20 + k * 137.508, 360), 0.65, light[k % 3]);
}

Chart *chart_new(Arena *a, ChartKind kind, Lang lang, const char *id, const char *title,
                 int ncat, int nser) {
    Chart *c = arena_alloc(a, sizeof *c);
    c->kind = kind;
    c->lang = lang;
    c->id = arena_strdup(a, id);
    c->title = arena_strdup(a, title);
    c->ncat = ncat;
    c->nser = nser < 1 ? 1 : nser;
    size_t nv = (size_t)(ncat * c->nser);
    c->cats = arena_alloc(a, sizeof(char *) * (size_t)(ncat + 1));
    c->series = arena_alloc(a, sizeof(char *) * (size_t)(c->nser + 1));
    c->values = arena_alloc(a, sizeof(long) * (nv + 1));
    c->filters = arena_alloc(a, sizeof(char *) * (nv + 1));
    c->cat_filters = arena_alloc(a, sizeof(char *) * (size_t)(ncat + 1));
    c->emphasis = arena_alloc(a, sizeof(int) * (size_t)(ncat + 1));
    c->hrefs = arena_alloc(a, sizeof(char *) * (nv + 1));      /* zeroed: no links */
    for (int i = 0; i < ncat; i++) c->cats[i] = c->cat_filters[i] = "";
    for (size_t i = 0; i < nv; i++) c->filters[i] = "";
    for (int i = 0; i < c->nser; i++) c->series[i] = "";
    return c;
}

static Item *add(Scene *sc, ItemKind kind) {
    if (sc->n == sc->cap) {
        int cap = sc->cap ? sc->cap * 2 : 64;
        Item *items = arena_alloc(sc->arena, sizeof(Item) * (size_t)cap);
        if (sc->n) memcpy(items, sc->items, sizeof(Item) * (size_t)sc->n);
        sc->items = items;
        sc->cap = cap;
    }
    Item *it = &sc->items[sc->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->fill = C_TEXT;
    return it;
}

static int utf8_len(const char *s) {
    int n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80 && (unsigned char)*s >= 0x20) n++;
    return n;
}

static double text_width(const char *marked, double size) {
    Str plain = STR_INIT;
    doc_plain(&plain, marked);
    double w = utf8_len(str_cstr(&plain)) * size * 0.6;
    str_free(&plain);
    return w;
}

static Item *text(Scene *sc, double x, double y, double size, int anchor, bool bold,
                  unsigned fill, const char *marked) {
    Item *it = add(sc, IT_TEXT);
    it->x = x;
    it->y = y;
    it->size = size;
    it->anchor = anchor;
    it->bold = bold;
    it->fill = fill;
    it->text = arena_strdup(sc->arena, marked);
    return it;
}

/* Plain text (a label, a title line): written as marked text, so that a
 * label holding the marks' control bytes cannot open a mark. */
static void plain(Scene *sc, double x, double y, double size, int anchor, bool bold, unsigned fill,
                  const char *txt) {
    Str s = STR_INIT;
    doc_text(&s, txt);
    text(sc, x, y, size, anchor, bold, fill, str_cstr(&s));
    str_free(&s);
}

/* Greedy word wrap of plain TEXT into at most MAXLINES lines of WIDTH;
 * the last line ends in "…" when the text does not fit. */
static int wrap(Arena *a, const char *txt, double width, double size, int maxlines, char **lines) {
    int maxch = (int)(width / (size * 0.6));
    if (maxch < 4) maxch = 4;
    int n = 0;
    const char *p = txt;
    while (*p && n < maxlines) {
        while (*p == ' ') p++;
        const char *start = p, *cut = NULL;
        int ch = 0;
        const char *q = p;
        while (*q) {
            if (*q == ' ') cut = q;
            if (((unsigned char)*q & 0xc0) != 0x80) ch++;
            if (ch > maxch) break;
            q++;
        }
        if (!*q) cut = q;
        else if (!cut || cut == start) cut = q;     /* one long word: cut it */
        if (n == maxlines - 1 && *q) {
            /* last allowed line and text left: shorten and mark it */
            const char *e = cut;
            char *l = arena_printf(a, "%.*s…", (int)(e - start), start);
            lines[n++] = l;
            return n;
        }
        lines[n++] = arena_strndup(a, start, (size_t)(cut - start));
        p = cut;
    }
    return n;
}

static bool dark(unsigned rgb) {
    double r = (rgb >> 16) / 255.0, g = ((rgb >> 8) & 255) / 255.0, b = (rgb & 255) / 255.0;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
}

/* "27 (15 %)" as marked text: the value and its share, each with its filter. */
static char *value_label(Scene *sc, const char *filter, long v, long whole, long pct) {
    const Chart *c = sc->chart;
    Str s = STR_INIT;
    doc_fig(&s, c->lang, filter, v);
    str_puts(&s, " (");
    doc_pct(&s, c->lang, filter, v, whole, pct);
    str_puts(&s, ")");
    char *r = arena_strdup(sc->arena, str_cstr(&s));
    str_free(&s);
    return r;
}

static double title(Scene *sc) {
    char *lines[3];
    /* a small multiple: smaller type, and always three lines' room, so
     * that the baselines of a row of them line up */
    bool small = sc->chart->kind == CHART_COLUMNS;
    double size = small ? 12 : 15, lead = small ? 15 : 19;
    int n = wrap(sc->arena, sc->chart->title, sc->width, size, 3, lines);
    double y = 4;
    for (int i = 0; i < n; i++) {
        y += lead;
        plain(sc, 0, y, size, ANCHOR_START, true, C_TEXT, lines[i]);
    }
    if (small) y = 4 + 3 * lead;
    return y + 12;
}

static void desc_add(Scene *sc, Str *d, const char *label, long v, long pct) {
    Str num = STR_INIT;
    lang_int(&num, sc->chart->lang, v);
    str_printf(d, "%s%s: %s (", d->len ? "; " : "", label, str_cstr(&num));
    str_clear(&num);
    lang_pct(&num, sc->chart->lang, pct);
    str_printf(d, "%s)", str_cstr(&num));
    str_free(&num);
}

/* A row of swatches and names from *Y, the top of the space left for it
 * (a title's last line ends above it: issue 12, the legend's first line
 * overlapped the figure's title); *Y becomes the top of what follows. */
#define LEGEND_ASCENT 13.0      /* from the top to the baseline of its 11-point names, with a gap */
static void legend(Scene *sc, double *y, int n, char **names, const unsigned *colors) {
    double x = 0;
    *y += LEGEND_ASCENT;
    for (int i = 0; i < n; i++) {
        double w = 16 + text_width(names[i], 11) + 18;
        if (x > 0 && x + w > sc->width) {
            x = 0;
            *y += 18;
        }
        Item *r = add(sc, IT_RECT);
        r->x = x;
        r->y = *y - 10;
        r->w = r->h = 11;
        r->fill = colors[i];
        plain(sc, x + 15, *y, 11, ANCHOR_START, false, C_TEXT, names[i]);
        x += w;
    }
    *y += 20;
}

static void layout_bars(const Chart *c, Scene *sc, double y) {
    int nser = c->kind == CHART_STACKED ? c->nser : 1;
    long *tot = arena_alloc(sc->arena, sizeof(long) * (size_t)(c->ncat + 1));
    long *pct = arena_alloc(sc->arena, sizeof(long) * (size_t)(c->ncat + 1));
    long whole = 0, max = 0;
    for (int i = 0; i < c->ncat; i++) {
        for (int s = 0; s < nser; s++) tot[i] += c->values[i * c->nser + s];
        whole += tot[i];
        if (tot[i] > max) max = tot[i];
    }
    round_percentages(tot, c->ncat, pct);
    unsigned *colors = arena_alloc(sc->arena, sizeof(unsigned) * (size_t)nser);
    for (int s = 0; s < nser; s++) colors[s] = series_color(s);
    if (c->kind == CHART_STACKED) legend(sc, &y, nser, c->series, colors);
    /* the legend names a colour only when a drawn bar wears it (round 3:
     * a small edition's chart listed «Menos acciones» for objectives
     * without actions, which have no bar) */
    bool most = false, least = false;
    for (int i = 0; i < c->ncat; i++) {
        if (tot[i] <= 0) continue;
        most |= c->emphasis[i] == EMPH_MOST;
        least |= c->emphasis[i] == EMPH_LEAST;
    }
    if (most || least) {
        char *names[2];
        unsigned ec[2];
        int ne = 0;
        if (most) names[ne] = (char *)lang_pick(c->lang, "Más acciones", "Most actions"), ec[ne++] = C_MOST;
        if (least) names[ne] = (char *)lang_pick(c->lang, "Menos acciones", "Fewest actions"), ec[ne++] = C_LEAST;
        legend(sc, &y, ne, names, ec);
    }
    /* Wide: the label beside its bar, right-aligned. Narrow: the label on
     * its own lines above the bar, which then takes the whole width. */
    bool above = sc->width < CHART_WIDTH;
    double labelw = 0;
    for (int i = 0; i < c->ncat; i++) {
        double w = text_width(c->cats[i], 11);
        if (w > labelw) labelw = w;
    }
    if (above) labelw = sc->width;
    else if (labelw > sc->width * 0.42) labelw = sc->width * 0.42;
    double x0 = above ? 0 : labelw + 8, valw = 86, barw = sc->width - x0 - valw;
    Str d = STR_INIT;
    for (int i = 0; i < c->ncat; i++) {
        char *lines[3];
        int maxl = c->label_lines > 0 ? c->label_lines : 3;
        if (above) maxl = 3;        /* a phone has the height to spare, not the width */
        int nl = wrap(sc->arena, c->cats[i], labelw, 11, maxl, lines);
        double rowh, ty, by, bh = 16;
        if (above) {
            ty = y + 11;
            by = y + nl * 13 + 2;
            rowh = nl * 13 + bh + 10;
        } else {
            rowh = nl * 13 + 9 > 22 ? nl * 13 + 9 : 22;
            ty = y + rowh / 2 - (nl - 1) * 6.5 + 4;
            by = y + (rowh - bh) / 2;
        }
        for (int l = 0; l < nl; l++) {
            plain(sc, above ? 0 : labelw, ty + l * 13, 11, above ? ANCHOR_START : ANCHOR_END, false, C_TEXT,
                  lines[l]);
        }
        double x = x0;
        for (int s = 0; s < nser; s++) {
            long v = c->values[i * c->nser + s];
            if (v <= 0 || max <= 0) continue;
            Item *r = add(sc, IT_RECT);
            r->x = x;
            r->y = by;
            r->w = barw * (double)v / (double)max;
            r->h = bh;
            r->fill = c->kind == CHART_STACKED ? series_color(s)
                      : c->emphasis[i] == EMPH_MOST ? C_MOST
                      : c->emphasis[i] == EMPH_LEAST ? C_LEAST : C_BAR;
            r->filter = c->filters[i * c->nser + s];
            r->value = v;
            r->tip = arena_printf(sc->arena, "%s%s%s: %ld", c->cats[i], nser > 1 ? " · " : "",
                                  nser > 1 ? c->series[s] : "", v);
            /* a segment's own value, inside it when it fits */
            if (c->kind == CHART_STACKED) {
                Str num = STR_INIT;
                doc_fig(&num, c->lang, r->filter, v);
                if (text_width(str_cstr(&num), 10) + 4 < r->w)
                    text(sc, x + r->w / 2, by + 12, 10, ANCHOR_MIDDLE, false,
                         dark(r->fill) ? 0xFFFFFF : 0x000000, str_cstr(&num));
                str_free(&num);
            }
            x += r->w;
        }
        const char *f = c->kind == CHART_STACKED ? c->cat_filters[i] : c->filters[i * c->nser];
        text(sc, x + 5, by + 12, 11, ANCHOR_START, c->emphasis[i] != EMPH_NONE, C_TEXT,
             value_label(sc, f, tot[i], whole, pct[i]));
        desc_add(sc, &d, c->cats[i], tot[i], pct[i]);
        y += rowh;
    }
    sc->desc = arena_strdup(sc->arena, str_cstr(&d));
    str_free(&d);
    sc->height = y + 8;
}

static void wedge(Scene *sc, double cx, double cy, double r0, double r1, double a0, double a1,
                  unsigned fill, const char *filter, long v, const char *tip) {
    Item *w = add(sc, IT_WEDGE);
    w->cx = cx;
    w->cy = cy;
    w->r0 = r0;
    w->r1 = r1;
    w->a0 = a0;
    w->a1 = a1;
    w->fill = fill;
    w->filter = (char *)filter;
    w->value = v;
    w->tip = (char *)tip;
}

static void layout_donut(const Chart *c, Scene *sc, double y) {
    long *v = arena_alloc(sc->arena, sizeof(long) * (size_t)(c->ncat + 1));
    long *pct = arena_alloc(sc->arena, sizeof(long) * (size_t)(c->ncat + 1));
    long whole = 0;
    for (int i = 0; i < c->ncat; i++) whole += (v[i] = c->values[i * c->nser]);
    round_percentages(v, c->ncat, pct);
    /* Narrow: the ring centred, its legend below it. */
    bool below = sc->width < CHART_WIDTH;
    double r1 = 100, r0 = 52, cx = below ? sc->width / 2 : r1 + 10, cy = y + r1 + 4;
    double a = 0;
    Str d = STR_INIT;
    for (int i = 0; i < c->ncat; i++) {
        desc_add(sc, &d, c->cats[i], v[i], pct[i]);
        if (v[i] <= 0) continue;
        double span = 2 * M_PI * (double)v[i] / (double)whole;
        char *tip = arena_printf(sc->arena, "%s: %ld", c->cats[i], v[i]);
        if (span > 2 * M_PI - 1e-9) {    /* a whole ring: two halves, as SVG arcs need */
            wedge(sc, cx, cy, r0, r1, 0, M_PI, series_color(i), c->filters[i * c->nser], v[i], tip);
            wedge(sc, cx, cy, r0, r1, M_PI, 2 * M_PI, series_color(i), c->filters[i * c->nser], v[i], tip);
        } else {
            wedge(sc, cx, cy, r0, r1, a, a + span, series_color(i), c->filters[i * c->nser], v[i], tip);
        }
        /* the percentage on the ring when the slice is wide enough */
        if (span > 0.32) {
            double mid = a + span / 2, rm = (r0 + r1) / 2;
            Str s = STR_INIT;
            doc_pct(&s, c->lang, c->filters[i * c->nser], v[i], whole, pct[i]);
            text(sc, cx + rm * sin(mid), cy - rm * cos(mid) + 4, 11, ANCHOR_MIDDLE, true,
                 dark(series_color(i)) ? 0xFFFFFF : 0x000000, str_cstr(&s));
            str_free(&s);
        }
        a += span;
    }
    /* legend on the right: name, value and share of every slice */
    double lx = below ? 0 : cx + r1 + 24, ly = below ? cy + r1 + 28 : y + 14, lw = sc->width - lx;
    for (int i = 0; i < c->ncat; i++) {
        Item *r = add(sc, IT_RECT);
        r->x = lx;
        r->y = ly - 10;
        r->w = r->h = 12;
        r->fill = series_color(i);
        char *lines[3];
        int nl = wrap(sc->arena, c->cats[i], lw - 18, 12, 3, lines);
        for (int l = 0; l < nl; l++) {
            plain(sc, lx + 18, ly + l * 15, 12, ANCHOR_START, false, C_TEXT, lines[l]);
        }
        ly += nl * 15;
        text(sc, lx + 18, ly, 12, ANCHOR_START, true, C_MUTED,
             value_label(sc, c->filters[i * c->nser], v[i], whole, pct[i]));
        ly += 24;
    }
    sc->desc = arena_strdup(sc->arena, str_cstr(&d));
    str_free(&d);
    double bottom = cy + r1 + 10;
    sc->height = (ly > bottom ? ly : bottom) + 4;
}

/* ---------------------------------------------------------------- heatmap */

/* ColorBrewer "Blues", five classes: one hue whose lightness falls with
 * the count, so the order of the classes survives greyscale printing and
 * every kind of colour blindness. A cell without actions is pale grey and
 * blank: in a grid of objectives by reporter type most cells are empty,
 * and 80 zeros would hide the cells that hold actions (docs/report.md). */
static const unsigned heat[] = {0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x3182BD, 0x08519C};
#define NHEAT 5
#define C_EMPTY 0xF0F0F0

/* The classes of counts 1..MAX: at most five, upper bounds in UPPER
 * (increasing, the last MAX); returns their number. */
static int heat_classes(long max, long *upper) {
    int k = max < NHEAT ? (int)max : NHEAT;
    for (int i = 0; i < k; i++) upper[i] = (max * (i + 1) + k - 1) / k;
    return k;
}

static unsigned heat_color(long v, const long *upper, int k) {
    if (v <= 0) return C_EMPTY;
    int i = 0;
    while (i < k - 1 && v > upper[i]) i++;
    /* with fewer than five classes, spread them over the scale */
    return heat[k == 1 ? NHEAT - 1 : i * (NHEAT - 1) / (k - 1)];
}

/* The legend: a swatch per class with its range ("1", "2–4"), and the
 * empty cell; then what each column's short name stands for. */
static void heat_legend(Scene *sc, double *y, const long *upper, int k) {
    const Chart *c = sc->chart;
    char *names[NHEAT + 1];
    unsigned colors[NHEAT + 1];
    for (int i = 0; i < k; i++) {
        long lo = i ? upper[i - 1] + 1 : 1;
        Str a = STR_INIT, b = STR_INIT;
        lang_int(&a, c->lang, lo);
        lang_int(&b, c->lang, upper[i]);
        names[i] = lo == upper[i] ? arena_strdup(sc->arena, str_cstr(&a))
                                  : arena_printf(sc->arena, "%s–%s", str_cstr(&a), str_cstr(&b));
        colors[i] = heat_color(upper[i], upper, k);
        str_free(&a);
        str_free(&b);
    }
    names[k] = (char *)lang_pick(c->lang, "sin acciones (en blanco)", "no actions (blank)");
    colors[k] = C_EMPTY;
    legend(sc, y, k + 1, names, colors);
    if (!c->series_names) return;
    Str key = STR_INIT;
    for (int s = 0; s < c->nser; s++)
        str_printf(&key, "%s%s: %s", s ? "; " : "", c->series[s], c->series_names[s]);
    /* every code is explained, however many types a country has (issue
     * 16, hostile fault 5: thirty types ended the key in «…») */
    char *lines[FIG_MAX_TYPES];
    int nl = wrap(sc->arena, str_cstr(&key), sc->width, 10, FIG_MAX_TYPES, lines);
    for (int l = 0; l < nl; l++) plain(sc, 0, *y + l * 13, 10, ANCHOR_START, false, C_MUTED, lines[l]);
    *y += nl * 13 + 6;
    str_free(&key);
}

/* One cell: its rectangle carries the figure's filter and value (zero
 * too, so a reader's recount covers the blanks), its count written on it. */
static void heat_cell(Scene *sc, int i, int s, double x, double y, double w, double h, const long *upper, int k) {
    const Chart *c = sc->chart;
    long v = c->values[i * c->nser + s];
    Item *r = add(sc, IT_RECT);
    r->x = x + 1;
    r->y = y + 1;
    r->w = w - 2;
    r->h = h - 2;
    r->fill = heat_color(v, upper, k);
    r->filter = c->filters[i * c->nser + s];
    r->value = v;
    r->tip = arena_printf(sc->arena, "%s · %s: %ld", c->cats[i], c->series[s], v);
    if (v <= 0) return;
    Str num = STR_INIT;
    doc_fig(&num, c->lang, r->filter, v);
    text(sc, x + w / 2, y + h / 2 + 4, 11, ANCHOR_MIDDLE, false, dark(r->fill) ? 0xFFFFFF : 0x000000,
         str_cstr(&num));
    str_free(&num);
}

/* Wide: the row's label on its left, one column per series. Narrow (a
 * phone): the label on its own line above its row of cells. */
static void layout_heatmap(const Chart *c, Scene *sc, double y) {
    long max = 0, upper[NHEAT];
    for (int i = 0; i < c->ncat * c->nser; i++)
        if (c->values[i] > max) max = c->values[i];
    int k = max > 0 ? heat_classes(max, upper) : 0;
    heat_legend(sc, &y, upper, k);
    bool above = sc->width < CHART_WIDTH;
    double labelw = 0;
    for (int i = 0; i < c->ncat; i++) {
        double w = text_width(c->cats[i], 11);
        if (w > labelw) labelw = w;
    }
    if (labelw > sc->width * 0.55) labelw = sc->width * 0.55;
    double x0 = above ? 0 : labelw + 8, cellw = (sc->width - x0) / (c->nser ? c->nser : 1), cellh = 20;
    if (cellw > 64) cellw = 64;
    /* column heads wider than their columns (thirty types: «T10T11T12»,
     * issue 16, hostile fault 5) are set on staggered lines, each head
     * then having as many columns' width as there are lines */
    double headw = 0;
    for (int s = 0; s < c->nser; s++)
        if (text_width(c->series[s], 11) > headw) headw = text_width(c->series[s], 11);
    int stagger = (int)(headw / (cellw - 2)) + 1;
    if (stagger > c->nser) stagger = c->nser > 0 ? c->nser : 1;
    for (int s = 0; s < c->nser; s++) {
        double cx = x0 + s * cellw + cellw / 2;
        bool edge = cx + text_width(c->series[s], 11) / 2 > sc->width;    /* the last head ends at the edge */
        plain(sc, edge ? sc->width : cx, y + 4 + (s % stagger) * 13, 11, edge ? ANCHOR_END : ANCHOR_MIDDLE, true,
              C_TEXT, c->series[s]);
    }
    y += 10 + (stagger - 1) * 13;
    Str d = STR_INIT;
    for (int i = 0; i < c->ncat; i++) {
        char *lines[2];
        int nl = wrap(sc->arena, c->cats[i], above ? sc->width : labelw, 11, 2, lines);
        double rowh = above ? nl * 13 + cellh + 2 : (nl * 13 + 6 > cellh ? nl * 13 + 6 : cellh);
        double cy = above ? y + nl * 13 + 2 : y + (rowh - cellh) / 2;
        double ty = above ? y + 11 : y + rowh / 2 - (nl - 1) * 6.5 + 4;
        for (int l = 0; l < nl; l++)
            plain(sc, above ? 0 : labelw, ty + l * 13, 11, above ? ANCHOR_START : ANCHOR_END, false, C_TEXT, lines[l]);
        Str row = STR_INIT;
        for (int s = 0; s < c->nser; s++) {
            heat_cell(sc, i, s, x0 + s * cellw, cy, cellw, cellh, upper, k);
            long v = c->values[i * c->nser + s];
            if (v > 0) str_printf(&row, "%s%s %ld", row.len ? ", " : "", c->series[s], v);
        }
        if (row.len) str_printf(&d, "%s%s: %s", d.len ? "; " : "", c->cats[i], str_cstr(&row));
        str_free(&row);
        y += rowh;
    }
    sc->desc = arena_strdup(sc->arena, str_cstr(&d));
    str_free(&d);
    sc->height = y + 8;
}

/* Columns (a small multiple): one column per category, its value above
 * it (a figure with its filter, linked), its label under the baseline;
 * the columns share the scale of the chart's largest value. */
static void layout_columns(const Chart *c, Scene *sc, double y) {
    const double plot = 72, gap = 8, label = 10;
    long max = 0;
    for (int i = 0; i < c->ncat; i++)
        if (c->values[i * c->nser] > max) max = c->values[i * c->nser];
    int n = c->ncat > 0 ? c->ncat : 1;
    double colw = (sc->width - gap * (n - 1)) / n, base = y + 14 + plot;
    int maxl = 1;
    Str d = STR_INIT;
    for (int i = 0; i < c->ncat; i++) {
        long v = c->values[i * c->nser];
        double x = i * (colw + gap), h = max > 0 ? plot * (double)v / (double)max : 0;
        if (v > 0 && h < 1) h = 1;                       /* a value above zero is seen */
        Item *r = add(sc, IT_RECT);
        r->x = x;
        r->y = base - h;
        r->w = colw;
        r->h = h;
        r->fill = i == c->ncat - 1 ? C_MOST : C_BAR;   /* the latest edition stands out */
        r->filter = c->filters[i * c->nser];
        r->value = v;
        r->href = c->hrefs[i * c->nser];
        r->tip = arena_printf(sc->arena, "%s: %ld", c->cats[i], v);
        Str num = STR_INIT;
        doc_fig(&num, c->lang, r->filter, v);
        text(sc, x + colw / 2, base - h - 4, 11, ANCHOR_MIDDLE, true, C_TEXT, str_cstr(&num))->href = r->href;
        str_free(&num);
        char *lines[2];
        int nl = wrap(sc->arena, c->cats[i], colw, label, 2, lines);
        for (int l = 0; l < nl; l++)
            plain(sc, x + colw / 2, base + 13 + l * 12, label, ANCHOR_MIDDLE, false, C_MUTED, lines[l]);
        if (nl > maxl) maxl = nl;
        Str num2 = STR_INIT;
        lang_int(&num2, c->lang, v);
        str_printf(&d, "%s%s: %s", d.len ? "; " : "", c->cats[i], str_cstr(&num2));
        str_free(&num2);
    }
    Item *axis = add(sc, IT_RECT);                       /* the baseline */
    axis->x = 0;
    axis->y = base;
    axis->w = sc->width;
    axis->h = 1;
    axis->fill = C_MUTED;
    sc->desc = arena_strdup(sc->arena, str_cstr(&d));
    str_free(&d);
    sc->height = base + 4 + maxl * 12 + 6;
}

void chart_layout(const Chart *c, Arena *a, Scene *sc) {
    chart_layout_width(c, CHART_WIDTH, a, sc);
}

void chart_layout_width(const Chart *c, double width, Arena *a, Scene *sc) {
    memset(sc, 0, sizeof *sc);
    sc->chart = c;
    sc->id = c->id;
    sc->arena = a;
    double min = c->kind == CHART_COLUMNS ? CHART_SMALL : CHART_NARROW;
    sc->width = width < min ? min : width > CHART_WIDTH ? CHART_WIDTH : width;
    double y = title(sc);
    if (c->kind == CHART_DONUT) layout_donut(c, sc, y);
    else if (c->kind == CHART_HEATMAP) layout_heatmap(c, sc, y);
    else if (c->kind == CHART_COLUMNS) layout_columns(c, sc, y);
    else if (c->kind == CHART_MAP) map_layout(c, sc, y);
    else layout_bars(c, sc, y);
    if (c->note && *c->note) {
        char *lines[4];
        int nl = wrap(a, c->note, sc->width, 10, 4, lines);
        double ny = sc->height + 4;
        for (int l = 0; l < nl; l++) {
            plain(sc, 0, ny + l * 13, 10, ANCHOR_START, false, C_MUTED, lines[l]);
        }
        sc->height = ny + nl * 13 + 2;
    }
}

/* For the layouts of other files (render/map.c): a new item of SC, and
 * plain text as the charts write it. */
Item *chart_item(Scene *sc, ItemKind kind) { return add(sc, kind); }

void chart_label(Scene *sc, double x, double y, double size, int anchor, unsigned fill, const char *txt) {
    plain(sc, x, y, size, anchor, false, fill, txt);
}
