#ifndef PMM_CHART_H
#define PMM_CHART_H
/*
 * Charts: a chart is described (Chart), laid out once into a Scene of
 * rectangles, ring wedges and text in chart units, and the same Scene is
 * drawn either as SVG (chart_svg.c: accessible, text as text, every mark
 * carrying the filter of its figure) or onto a cairo context (chart_cairo.c:
 * PDF, PNG). So a chart in the HTML and in the PDF is one drawing.
 *
 * Kinds: horizontal bars (one series), stacked horizontal bars (several
 * series, e.g. reporter types), donut, and heatmap (a grid of categories
 * by series, each cell its count on a one-hue scale in five classes, whose
 * lightness alone orders them, so that it reads in greyscale; a cell
 * without actions is left blank on pale grey), and columns (issue 13: one small
 * chart of a few values side by side, e.g. an objective's actions per
 * edition, drawn many times as small multiples; CHART_SMALL wide or more),
 * and the map of the subnational units (issue 14, laid out by render/map.c:
 * each unit a path on the heatmap's kind of scale). Colours are the Okabe-Ito
 * palette, safe for colour-blind readers; every mark shows its value and its
 * percentage, and the percentages of a chart add up to 100 (largest
 * remainder, util/rounding.h).
 */
#include <stdbool.h>
#include "util/lang.h"
#include "util/arena.h"

typedef enum { CHART_BAR, CHART_STACKED, CHART_DONUT, CHART_HEATMAP, CHART_COLUMNS, CHART_MAP } ChartKind;
struct MapShapes;
enum { EMPH_NONE, EMPH_MOST, EMPH_LEAST };

typedef struct {
    ChartKind kind;
    Lang lang;
    char *id, *title;
    int ncat, nser;
    char **cats;            /* bar rows, donut slices or heatmap rows */
    char **series;          /* stacked, heatmap: the series names (nser) */
    char **series_names;    /* heatmap: what each series name stands for (NULL: nothing to explain) */
    long *values;           /* values[cat * nser + ser] */
    char **filters;         /* the filter of each value, same index */
    char **cat_filters;     /* the filter of a row's total (stacked) */
    int *emphasis;          /* per category: EMPH_* (bars) */
    char *note;             /* optional line under the chart */
    int label_lines;        /* bar labels wrap to this many lines (0: 3) */
    char **hrefs;           /* columns, map: the link of each value (NULL: none), same index as values */
    /* map (issue 14, render/map.h): cats are the units' names, codes their
     * codes, values their actions; a unit without a shape is named in the note */
    char **codes;
    const struct MapShapes *shapes;
} Chart;

/* A chart of KIND with NCAT categories and NSER series, all in A. */
Chart *chart_new(Arena *a, ChartKind kind, Lang lang, const char *id, const char *title,
                 int ncat, int nser);

typedef enum { IT_RECT, IT_WEDGE, IT_TEXT, IT_PATH } ItemKind;
enum { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END };

typedef struct {
    ItemKind kind;
    double x, y, w, h;          /* rect; text: x, baseline y */
    double cx, cy, r0, r1, a0, a1;  /* wedge, angles in radians clockwise from 12 o'clock */
    unsigned fill;              /* 0xRRGGBB */
    double size;                /* text: font size */
    int anchor;
    bool bold;
    char *text;                 /* marked text (render/doc.h) */
    char *tip;                  /* rect/wedge: tooltip, plain */
    char *filter;               /* rect/wedge: the figure's filter */
    long value;
    char *href;                 /* rect/text/path: where the figure links to (SVG only) */
    /* path (a map's unit): closed rings of points x0 y0 x1 y1 ..., in chart
     * units, outlined grey, dashed when EMPTY (a unit without actions) */
    int nrings;
    int *npts;
    double **pts;
    const char *unit;
    bool empty;
} Item;

typedef struct {
    const Chart *chart;
    const char *id;             /* of the SVG element (the chart's id unless changed) */
    double width, height;
    char *desc;                 /* plain-text summary for screen readers */
    int n, cap;
    Item *items;
    Arena *arena;
} Scene;

#define CHART_WIDTH 640.0
#define CHART_NARROW 360.0      /* for a phone: labels above bars, legends below */
#define CHART_SMALL 160.0       /* the narrowest columns chart (a small multiple) */

void chart_layout(const Chart *c, Arena *a, Scene *out);        /* CHART_WIDTH wide */
/* WIDTH from CHART_NARROW to CHART_WIDTH; below CHART_WIDTH the narrow layout.
 * Columns: WIDTH from CHART_SMALL to CHART_WIDTH. */
void chart_layout_width(const Chart *c, double width, Arena *a, Scene *out);

/* For a layout outside chart.c (CHART_MAP, render/map.c): a new item of
 * SC (text colour, all else zero), and plain TXT as a label. */
Item *chart_item(Scene *sc, ItemKind kind);
void chart_label(Scene *sc, double x, double y, double size, int anchor, unsigned fill, const char *txt);

/* SVG of the scene, appended to S (a complete <svg> element). */
#include "util/str.h"
void chart_svg(const Scene *sc, Str *s);
/* Draws the scene with cairo, its top-left corner at the current origin,
 * SCALE chart units to one cairo unit. Labels are laid out in PC (a
 * document's charts share the document's context, which keeps the fonts it
 * loaded: a context per chart costs more than its labels), or in a context
 * of CR's when PC is NULL. With PC, LABELS (NULL: none) keeps the labels'
 * layouts for the document's next charts: a GHashTable made with
 * g_str_hash, g_free and g_object_unref, freed by the caller before PC. */
typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;
typedef struct _GHashTable GHashTable;
void chart_cairo(const Scene *sc, cairo_t *cr, double scale, PangoContext *pc, GHashTable *labels);
/* Frees this thread's font map once drawing is done; drawing again
 * re-creates it. */
void chart_release_fonts(void);
/* Writes the scene to PATH as PNG (scale 2 for sharpness); false on error. */
bool chart_png(const Scene *sc, const char *path);
/* The same PNG appended to PNG, its size in pixels in *WIDTH, *HEIGHT; the
 * caller releases the fonts when its last chart is drawn. */
bool chart_png_data(const Scene *sc, Str *png, int *width, int *height);

#endif
