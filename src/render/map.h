#ifndef PMM_MAP_H
#define PMM_MAP_H
/*
 * The map of the subnational units (issue 14): a choropleth of each unit's
 * actions, drawn from the pack's boundary file (limites.csv, docs/packs.md):
 * a header "clave,anillos", then one row per unit code whose rings are
 * "x y x y ..." separated by ';', in a 793 by 498 box already projected
 * (lines starting with '#' are comments). A unit of the catalog without a
 * shape is still in the table that goes with the map and named in the
 * map's note, never dropped. The map is a chart (CHART_MAP, render/chart.h):
 * map_chart describes it, map_layout lays it out once, and the chart layer
 * draws it as SVG (web, `pmm chart`) or with cairo (PDF, PNG, DOCX).
 */
#include <stdbool.h>
#include <stddef.h>
#include "store/map_store.h"
#include "util/arena.h"
#include "render/chart.h"
#include "util/str.h"

#define MAP_WIDTH 793.0
#define MAP_HEIGHT 498.0

typedef struct {
    const char *code;
    int nrings;
    int *npts;          /* points of each ring */
    double **pts;       /* x0 y0 x1 y1 ... of each ring */
} MapShape;

typedef struct MapShapes {
    int n;
    MapShape *s;
} MapShapes;

/* Parses TEXT into OUT (in A). False with *LINE and ERR (a sentence) on the
 * first wrong line. */
bool map_parse(const char *text, Arena *a, MapShapes *out, int *line, const char **err);
/* The shape of CODE in SH, or NULL. */
const MapShape *map_shape(const MapShapes *sh, const char *code);

typedef struct {
    const MapUnit *units;
    int n;
    const MapShapes *shapes;
    const char *edition, *type;   /* the links' edicion= and tipo= */
    const char *title, *id;
    const char *attribution;      /* F14B: the pack's "limites" (source, license), "" when not given */
    const char *attribution_en;   /* the same in English (round 2, fault 3: "limites.fuente.en") */
} MapInput;

/* Everything the map of edition ED needs, read from ST into A: M (its
 * id ID, its title with the pack's words), SH the parsed shapes; M->shapes
 * is NULL when the pack has no boundary file. False, said on stderr, on a
 * database error or a boundary file that does not parse. */
bool map_input(Store *st, Arena *a, const Edition *ed, const char *id, MapInput *m, MapShapes *sh);

/* The map as a chart (CHART_MAP) titled TITLE in L, drawn by the chart
 * layer (SVG, PDF, PNG): each unit a shape with a tooltip, with LINKS a link
 * to its actions; a sequential scale in five classes and its legend; units
 * without actions pale grey and dashed; the units without a shape named,
 * with their actions, in the chart's note. Units by their English names in
 * English where the catalog has them. M->shapes must not be NULL. */
Chart *map_chart(const MapInput *m, Arena *a, Lang l, const char *title, bool links);
/* The layout of a CHART_MAP as wide as SC, from Y down (chart_layout_width). */
void map_layout(const Chart *c, Scene *sc, double y);
/* The accessible alternative: every unit, its actions and whether the map
 * draws it. */
void map_table(const MapInput *m, Str *s);

#endif
