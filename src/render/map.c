/* The map of the subnational units: see map.h. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "render/map.h"
#include <stdio.h>
#include "analysis/phrase.h"
#include "ingest/catalog_load.h"
#include "store/pack_store.h"
#include "util/embedded.h"
#include "util/i18n.h"

#define NCLASS 5
/* a one-hue sequential scale whose lightness orders the classes (greyscale-safe);
 * the lowest is ColorBrewer's Blues[7] third step, not its palest (#deebf7),
 * which a phone's screen could not tell from «sin acciones» (F14B, fault 13) */
static const unsigned class_fill[NCLASS] = {0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594};
/* The legend's text: a share of the drawing's width, so that the web's
 * drawing scaled to a phone (390 px) still writes it at about 11 px
 * (F14B, fault 13: 11 units of 640 came out at 5 px). */
#define LEGEND_TEXT(sc) ((sc)->width / 36.0)
#define EMPTY_FILL 0xf2f2f2
#define EDGE 0x555555

/* characters of UTF-8 Z, for the width of a label */
static int utf8_width(const char *z) {
    int n = 0;
    for (; *z; z++) n += ((unsigned char)*z & 0xc0) != 0x80;
    return n;
}

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

static long max_value(const Chart *c) {
    long max = 0;
    for (int i = 0; i < c->ncat; i++) if (c->values[i] > max) max = c->values[i];
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

/* «N acciones» in L, into S */
static void count_text(Str *s, Lang l, long n) {
    lang_int(s, l, n);
    str_puts(s, n == 1 ? lang_pick(l, " acción", " action") : lang_pick(l, " acciones", " actions"));
}

/* The note under the map: the units it cannot draw, each with its actions,
 * so that none is dropped from the figure (NULL: every unit drawn). */
static char *missing_note(const Chart *c, Arena *a) {
    Str s = STR_INIT;
    for (int i = 0; i < c->ncat; i++) {
        if (map_shape(c->shapes, c->codes[i])) continue;
        str_puts(&s, s.len ? "; " : lang_pick(c->lang, "Se cuentan pero no tienen forma en el mapa: ",
                                                "Counted but without a shape on the map: "));
        str_printf(&s, "%s (", c->cats[i]);
        count_text(&s, c->lang, c->values[i]);
        str_putc(&s, ')');
    }
    if (s.len) str_putc(&s, '.');
    char *note = s.len ? arena_strdup(a, str_cstr(&s)) : NULL;
    str_free(&s);
    return note;
}

Chart *map_chart(const MapInput *m, Arena *a, Lang l, const char *title, bool links) {
    Chart *c = chart_new(a, CHART_MAP, l, m->id, title, m->n, 1);
    c->codes = arena_alloc(a, sizeof(char *) * (size_t)(m->n + 1));
    /* the chart outlives M (a Doc is written after its builder returns):
     * the shapes' list is copied to A, where its rings already are */
    MapShapes *sh = arena_alloc(a, sizeof *sh);
    *sh = *m->shapes;
    c->shapes = sh;
    for (int i = 0; i < m->n; i++) {
        const MapUnit *u = &m->units[i];
        c->cats[i] = (char *)(l == LANG_EN && u->name_en && *u->name_en ? u->name_en : u->name);
        c->codes[i] = (char *)u->code;
        c->values[i] = u->actions;
        if (!links) continue;
        Str h = STR_INIT;
        href(m, u->code, &h);
        c->hrefs[i] = arena_strdup(a, str_cstr(&h));
        str_free(&h);
    }
    c->note = missing_note(c, a);
    const char *by = lang_pick(l, m->attribution, m->attribution_en);     /* in the map's language */
    if (by && *by) {      /* F14B: the boundary file's credit, under every map */
        const char *credit = arena_printf(a, "%s %s.", lang_pick(l, "Límites:", "Boundaries:"), by);
        c->note = c->note ? arena_printf(a, "%s %s", c->note, credit) : (char *)credit;
    }
    return c;
}

/* Unit I's shape SH as a path item, scaled by K and moved down by Y. */
static void unit_path(const Chart *c, int i, const MapShape *sh, double k, double y, long max, Scene *sc) {
    Item *it = chart_item(sc, IT_PATH);
    long v = c->values[i];
    it->fill = v ? class_fill[class_of(v, max)] : EMPTY_FILL;
    it->empty = v == 0;
    it->value = v;
    it->unit = c->codes[i];
    it->href = c->hrefs[i];
    it->nrings = sh->nrings;
    it->npts = arena_alloc(sc->arena, sizeof(int) * (size_t)sh->nrings);
    it->pts = arena_alloc(sc->arena, sizeof(double *) * (size_t)sh->nrings);
    for (int r = 0; r < sh->nrings; r++) {
        it->npts[r] = sh->npts[r];
        it->pts[r] = arena_alloc(sc->arena, sizeof(double) * 2 * (size_t)sh->npts[r]);
        for (int p = 0; p < sh->npts[r]; p++) {
            it->pts[r][2 * p] = sh->pts[r][2 * p] * k;
            it->pts[r][2 * p + 1] = y + sh->pts[r][2 * p + 1] * k;
        }
    }
    Str tip = STR_INIT;
    str_printf(&tip, "%s: ", c->cats[i]);
    count_text(&tip, c->lang, v);
    it->tip = arena_strdup(sc->arena, str_cstr(&tip));
    str_free(&tip);
}

/* One swatch of the legend at *X on baseline Y, with a grey border (a
 * pale class on white), wrapping to a new line when it does not fit. */
static void swatch(Scene *sc, double *x, double *y, unsigned fill, const char *label) {
    double t = LEGEND_TEXT(sc), u = t / 11;      /* the sizes drawn for 11-unit text, scaled */
    double w = 16 * u + utf8_width(label) * t * 0.6 + 22 * u;
    if (*x > 0 && *x + w > sc->width) {
        *x = 0;
        *y += 18 * u;
    }
    Item *b = chart_item(sc, IT_RECT);
    b->x = *x;
    b->y = *y - 11 * u;
    b->w = 14 * u;
    b->h = 12 * u;
    b->fill = EDGE;
    Item *r = chart_item(sc, IT_RECT);
    r->x = *x + u;
    r->y = *y - 10 * u;
    r->w = 12 * u;
    r->h = 10 * u;
    r->fill = fill;
    chart_label(sc, *x + 18 * u, *y, t, ANCHOR_START, 0x222222, label);
    *x += w;
}

static void legend(const Chart *c, Scene *sc, double y, long max) {
    double x = 0;
    swatch(sc, &x, &y, EMPTY_FILL, lang_pick(c->lang, "sin acciones", "no actions"));
    long lo = 1;
    for (int k = 0; k < NCLASS && max > 0; k++) {
        long hi = (max * (k + 1)) / NCLASS;
        if (hi < lo) continue;          /* a class no count can fall in */
        Str range = STR_INIT;
        lang_int(&range, c->lang, lo);
        if (hi > lo) {
            str_puts(&range, "–");
            lang_int(&range, c->lang, hi);
        }
        swatch(sc, &x, &y, class_fill[class_of(hi, max)], str_cstr(&range));
        str_free(&range);
        lo = hi + 1;
    }
    sc->height = y + 8 * LEGEND_TEXT(sc) / 11;
}

/* The order the alternative text reads the units in (round 3): as the
 * figure reads, the darker first (more actions), a tie in the reader's
 * alphabetical order (ph_collate), never the order of the codes. */
static bool reads_before(const Chart *c, int i, int j) {
    if (c->values[i] != c->values[j]) return c->values[i] > c->values[j];
    return ph_collate(c->lang, c->cats[i], c->cats[j]) < 0;
}

/* The text summary for screen readers and the PDF's alternative text:
 * every unit and its actions. */
static void map_desc(const Chart *c, Scene *sc) {
    int *idx = arena_alloc(sc->arena, sizeof(int) * (size_t)(c->ncat + 1));
    for (int i = 0; i < c->ncat; i++) idx[i] = i;
    for (int i = 1; i < c->ncat; i++)       /* insertion sort: a country's few dozen units */
        for (int k = i; k > 0 && reads_before(c, idx[k], idx[k - 1]); k--) {
            int t = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = t;
        }
    Str d = STR_INIT;
    for (int k = 0; k < c->ncat; k++) {
        str_printf(&d, "%s%s: ", k ? "; " : "", c->cats[idx[k]]);
        lang_int(&d, c->lang, c->values[idx[k]]);
    }
    sc->desc = arena_strdup(sc->arena, str_cstr(&d));
    str_free(&d);
}

void map_layout(const Chart *c, Scene *sc, double y) {
    double k = sc->width / MAP_WIDTH;
    long max = max_value(c);
    for (int i = 0; i < c->ncat; i++) {
        const MapShape *sh = map_shape(c->shapes, c->codes[i]);
        if (sh) unit_path(c, i, sh, k, y, max, sc);
    }
    legend(c, sc, y + MAP_HEIGHT * k + 20 + LEGEND_TEXT(sc) - 11, max);
    map_desc(c, sc);
}

void map_table(const MapInput *m, Str *s) {
    /* without a boundary file nothing is drawn: no column saying so of
     * every unit (issue 16, hostile fault 16) */
    bool drawn = m->shapes != NULL;
    str_html(s, "<table class=\"map-table\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
                "<th scope=\"col\">%s</th>", m->title, _("Unidad"), _("Acciones"));
    if (drawn) str_html(s, "<th scope=\"col\">%s</th>", _("En el mapa"));
    str_puts(s, "</tr></thead><tbody>");
    for (int i = 0; i < m->n; i++) {
        const MapUnit *u = &m->units[i];
        Str h = STR_INIT;
        href(m, u->code, &h);
        str_html(s, "<tr data-unit=\"%s\"><th scope=\"row\">%s</th><td><a href=\"%s\">%ld</a></td>",
                 u->code, u->name, str_cstr(&h), u->actions);
        if (drawn)
            str_html(s, "<td>%s</td>",
                     map_shape(m->shapes, u->code) ? _("sí") : _("no: sin forma en el archivo de límites"));
        str_puts(s, "</tr>");
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

/* The source of the default pack's boundary file in L, as its pack.json
 * now says it (one text, or {"es", "en"}), into A; "" when it says none. */
static const char *default_source(json_t *lim, Lang l, Arena *a) {
    json_t *src = json_object_get(lim, "fuente");
    const char *s = json_is_string(src) ? json_string_value(src)
                                        : json_string_value(json_object_get(src, lang_pick(l, "es", "en")));
    if (!s && !json_is_string(src)) s = json_string_value(json_object_get(src, "es"));
    return arena_strdup(a, s ? s : "");
}

/* «source, license» of the pack's boundary file in L (F14B: a CC BY file
 * must be credited wherever it is drawn; round 2, fault 3: in the
 * reader's language), from pack.json, never from the code. */
static const char *attribution(const Pack *p, Lang l, Arena *a) {
    const char *src = p->bounds_source[l] ? p->bounds_source[l] : "";
    const char *lic = p->bounds_license ? p->bounds_license : "";
    if (!*src && !*lic && strcmp(p->name, PACK_DEFAULT_NAME) == 0) {
        /* the default pack loaded by a pmm older than the credit: its pack.json now, as its shapes */
        const EmbeddedFile *f = embedded_find("packs/" PACK_DEFAULT_NAME "/pack.json");
        json_t *root = f ? json_loadb((const char *)f->data, f->size, 0, NULL) : NULL;
        json_t *lim = json_object_get(root, "limites");
        const char *li = json_string_value(json_object_get(lim, "licencia"));
        src = default_source(lim, l, a);
        lic = arena_strdup(a, li ? li : "");
        json_decref(root);
    }
    return arena_printf(a, "%s%s%s", src, *src && *lic ? ", " : "", lic);
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
    if (!store_pack(st, a, &p)) return false;
    m->attribution = attribution(&p, LANG_ES, a);
    m->attribution_en = attribution(&p, LANG_EN, a);
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
