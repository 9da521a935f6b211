/* A Scene drawn with cairo and pango: the same marks as the SVG, as vector
 * paths and real text in the PDF, or pixels in a PNG. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include "render/chart.h"
#include "render/doc.h"

static void set_rgb(cairo_t *cr, unsigned rgb) {
    cairo_set_source_rgb(cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

static PangoLayout *label_layout(PangoContext *pc, const char *plain, const Item *it) {
    PangoLayout *l = pango_layout_new(pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, "DejaVu Sans");
    pango_font_description_set_absolute_size(fd, it->size * PANGO_SCALE);
    if (it->bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, plain, -1);
    return l;
}

/* IT drawn with the context PC (one per chart: a context per label would
 * be made and thrown away for every number on a bar); its layout from
 * LABELS when the same text at the same size was drawn before (an
 * objective's name is a label of six charts of the Informe). */
static void draw_text(cairo_t *cr, PangoContext *pc, GHashTable *labels, const Item *it) {
    Str plain = STR_INIT;
    doc_plain(&plain, it->text);
    char *key = labels ? g_strdup_printf("chart|%g|%d|%s", it->size, it->bold, str_cstr(&plain)) : NULL;
    PangoLayout *l = key ? g_hash_table_lookup(labels, key) : NULL;
    if (l) {
        g_object_ref(l);
        g_free(key);
    } else {
        l = label_layout(pc, str_cstr(&plain), it);
        if (key) g_hash_table_insert(labels, key, g_object_ref(l));
    }
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    double w = logical.width / (double)PANGO_SCALE;
    double x = it->x - (it->anchor == ANCHOR_MIDDLE ? w / 2 : it->anchor == ANCHOR_END ? w : 0);
    double base = pango_layout_get_baseline(l) / (double)PANGO_SCALE;
    set_rgb(cr, it->fill);
    cairo_move_to(cr, x, it->y - base);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    str_free(&plain);
}

/* A map's unit: its rings filled, outlined grey, dashed when it has no
 * actions (as chart_svg draws it). */
static void draw_unit(cairo_t *cr, const Item *it) {
    cairo_new_path(cr);
    for (int r = 0; r < it->nrings; r++) {
        for (int k = 0; k < it->npts[r]; k++)
            (k ? cairo_line_to : cairo_move_to)(cr, it->pts[r][2 * k], it->pts[r][2 * k + 1]);
        cairo_close_path(cr);
    }
    set_rgb(cr, it->fill);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0x55 / 255.0, 0x55 / 255.0, 0x55 / 255.0);
    cairo_set_line_width(cr, 0.6);
    static const double dash[] = {2, 1.5};
    cairo_set_dash(cr, dash, it->empty ? 2 : 0, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

void chart_cairo(const Scene *sc, cairo_t *cr, double scale, PangoContext *shared, GHashTable *labels) {
    cairo_save(cr);
    cairo_scale(cr, scale, scale);
    PangoContext *pc = shared ? g_object_ref(shared) : pango_cairo_create_context(cr);
    for (int i = 0; i < sc->n; i++) {
        const Item *it = &sc->items[i];
        switch (it->kind) {
        case IT_RECT:
            set_rgb(cr, it->fill);
            cairo_rectangle(cr, it->x, it->y, it->w, it->h);
            cairo_fill(cr);
            break;
        case IT_WEDGE:
            cairo_new_path(cr);
            cairo_arc(cr, it->cx, it->cy, it->r1, it->a0 - M_PI / 2, it->a1 - M_PI / 2);
            cairo_arc_negative(cr, it->cx, it->cy, it->r0, it->a1 - M_PI / 2, it->a0 - M_PI / 2);
            cairo_close_path(cr);
            set_rgb(cr, it->fill);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 1.5);
            cairo_stroke(cr);
            break;
        case IT_TEXT:
            draw_text(cr, pc, shared ? labels : NULL, it);
            break;
        case IT_PATH:
            draw_unit(cr, it);
            break;
        }
    }
    g_object_unref(pc);
    cairo_restore(cr);
}

/* The scene on a white image at scale 2 (sharp when printed), with a margin
 * of 8 pixels. */
static cairo_surface_t *chart_image(const Scene *sc) {
    double s = 2;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(sc->width * s) + 16,
                                                       (int)ceil(sc->height * s) + 16);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, 8, 8);
    chart_cairo(sc, cr, s, NULL, NULL);
    cairo_destroy(cr);
    return surf;
}

bool chart_png(const Scene *sc, const char *path) {
    cairo_surface_t *surf = chart_image(sc);
    bool ok = cairo_surface_write_to_png(surf, path) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    chart_release_fonts();
    return ok;
}

static void png_to_str(png_structp png, png_bytep data, size_t n) {
    str_append(png_get_io_ptr(png), (const char *)data, n);
}

static void png_flush_none(png_structp png) { (void)png; }

/* SURF as PNG into OUT with the settings that suit a chart (large areas of
 * one colour): the "sub" filter and zlib level 3 give a file 4 % bigger
 * than cairo's own writer (adaptive filters, level 6) in half its time
 * (measured on the demo's charts, docs/performance.md). */
static bool png_encode(cairo_surface_t *surf, Str *out) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
    int stride = cairo_image_surface_get_stride(surf);
    unsigned char *pixels = cairo_image_surface_get_data(surf);
    png_set_write_fn(png, out, png_to_str, png_flush_none);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_compression_level(png, 3);
    png_write_info(png, info);
    /* cairo's RGB24 is a native-endian 32-bit xRGB word per pixel */
    png_set_filler(png, 0, G_BYTE_ORDER == G_LITTLE_ENDIAN ? PNG_FILLER_AFTER : PNG_FILLER_BEFORE);
    if (G_BYTE_ORDER == G_LITTLE_ENDIAN) png_set_bgr(png);
    for (int y = 0; y < h; y++) png_write_row(png, pixels + (size_t)y * (size_t)stride);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return true;
}

bool chart_png_data(const Scene *sc, Str *png, int *width, int *height) {
    cairo_surface_t *surf = chart_image(sc);
    cairo_surface_flush(surf);
    *width = cairo_image_surface_get_width(surf);
    *height = cairo_image_surface_get_height(surf);
    bool ok = png_encode(surf, png);
    cairo_surface_destroy(surf);
    return ok;
}

/* Only this thread's font map is released. cairo's and fontconfig's static
 * caches stay until exit: they are bounded, and emptying them
 * (cairo_debug_reset_static_data(), FcFini()) asserts that no font is
 * alive, which pango's font thread could still break: an abort after the
 * file was written, once in a few hundred loaded runs, and in a server
 * with several rendering threads a request closed without an answer.
 * What they keep at exit is named to LeakSanitizer in src/main.c. */
void chart_release_fonts(void) {
    pango_cairo_font_map_set_default(NULL);
}
