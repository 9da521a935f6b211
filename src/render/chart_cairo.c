/* A Scene drawn with cairo and pango: the same marks as the SVG, as vector
 * paths and real text in the PDF, or pixels in a PNG. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include "render/chart.h"
#include "render/doc.h"

static void set_rgb(cairo_t *cr, unsigned rgb) {
    cairo_set_source_rgb(cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

/* IT drawn with the context PC (one per chart: a context per label would
 * be made and thrown away for every number on a bar). */
static void draw_text(cairo_t *cr, PangoContext *pc, const Item *it) {
    Str plain = STR_INIT;
    doc_plain(&plain, it->text);
    PangoLayout *l = pango_layout_new(pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, "DejaVu Sans");
    pango_font_description_set_absolute_size(fd, it->size * PANGO_SCALE);
    if (it->bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, str_cstr(&plain), -1);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    double w = logical.width / (double)PANGO_SCALE;
    double x = it->x - (it->anchor == ANCHOR_MIDDLE ? w / 2 : it->anchor == ANCHOR_END ? w : 0);
    double base = pango_layout_get_baseline(l) / (double)PANGO_SCALE;
    set_rgb(cr, it->fill);
    cairo_move_to(cr, x, it->y - base);
    pango_cairo_show_layout(cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
    str_free(&plain);
}

void chart_cairo(const Scene *sc, cairo_t *cr, double scale, PangoContext *shared) {
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
            draw_text(cr, pc, it);
            break;
        }
    }
    g_object_unref(pc);
    cairo_restore(cr);
}

bool chart_png(const Scene *sc, const char *path) {
    double s = 2;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(sc->width * s) + 16,
                                                       (int)ceil(sc->height * s) + 16);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, 8, 8);
    chart_cairo(sc, cr, s, NULL);
    cairo_destroy(cr);
    bool ok = cairo_surface_write_to_png(surf, path) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surf);
    chart_release_fonts();
    return ok;
}

void chart_release_fonts(void) {
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}
