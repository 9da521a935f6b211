/* pdf_floor: what the texts of a publication cost in each stage of the
 * chosen stack (pango 1.50 + HarfBuzz, cairo 1.16), each stage in a
 * function of its own so that callgrind gives its inclusive cost
 * (docs/performance.md, «Where the time goes (round 5)»):
 *
 *   lay_out      pango_layout_get_line_count on every text, as pmm lays
 *                them out (width, WORD_CHAR wrap, justification, markup);
 *   shape_once   every text itemized and each item shaped once, as a line
 *                breaker of pmm's own would shape it (pango_shape_with_flags);
 *   break_marks  pango's line-break analysis of every text (pango_get_log_attrs),
 *                which such a breaker would still need for UAX #14 breaks;
 *   draw_pages   the lines laid out above drawn onto A4 PDF pages, nothing
 *                else (no charts, no tables, no structure tags): cairo's
 *                page output alone for the same glyph runs.
 *
 * The texts come from a dump of the layouts pmm makes (one record per
 * distinct layout: "size\twidth\tbold\tjustify\talign\tmarkup\tbytes\n",
 * the text, "\n"), written by a temporary fprintf in make_layout
 * (report_pdf.c); see docs/performance.md for the exact patch.
 *
 *     valgrind --tool=callgrind build/bench/pdf_floor DUMP OUT.pdf
 *     callgrind_annotate --inclusive=yes callgrind.out.* | grep -E 'lay_out|shape_once|break_marks|draw_pages'
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "render/chart.h"
#include "render/fonts.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MX 62.0
#define TOP 76.0
#define BOTTOM (PAGE_H - 64.0)

typedef struct {
    double size, width;
    int bold, justify, align, markup;
    char *text;
    size_t len;
    PangoLayout *layout;
} Text;

static int read_texts(FILE *f, Text **out) {
    int n = 0, cap = 0;
    Text *t = NULL, x;
    size_t len;
    while (fscanf(f, "%lf\t%lf\t%d\t%d\t%d\t%d\t%zu\n", &x.size, &x.width, &x.bold, &x.justify, &x.align,
                  &x.markup, &len) == 7) {
        x.text = malloc(len + 1);
        if (fread(x.text, 1, len, f) != len || fgetc(f) != '\n') {
            fprintf(stderr, "pdf_floor: record %d: short text\n", n + 1);
            exit(1);
        }
        x.text[len] = 0;
        x.len = len;
        x.layout = NULL;
        if (n == cap) t = realloc(t, (size_t)(cap = cap ? 2 * cap : 256) * sizeof *t);
        t[n++] = x;
    }
    *out = t;
    return n;
}

static PangoFontDescription *font(const Text *t) {
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, "DejaVu Sans");
    pango_font_description_set_absolute_size(fd, t->size * PANGO_SCALE);
    if (t->bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    return fd;
}

/* The context as report_pdf.c's context() makes it. */
static PangoContext *context(void) {
    PangoContext *pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_language(pc, pango_language_from_string("es-mx"));
    pango_context_set_base_dir(pc, PANGO_DIRECTION_LTR);
    pango_context_set_round_glyph_positions(pc, FALSE);
    return pc;
}

__attribute__((noinline)) static long lay_out(PangoContext *pc, Text *t, int n) {
    long lines = 0;
    for (int i = 0; i < n; i++) {
        PangoLayout *l = pango_layout_new(pc);
        PangoFontDescription *fd = font(&t[i]);
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        if (t[i].width > 0) {
            pango_layout_set_width(l, (int)(t[i].width * PANGO_SCALE));
            pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_auto_dir(l, FALSE);
        pango_layout_set_justify(l, t[i].justify);
        pango_layout_set_alignment(l, (PangoAlignment)t[i].align);
        if (t[i].markup) pango_layout_set_markup(l, t[i].text, (int)t[i].len);
        else pango_layout_set_text(l, t[i].text, (int)t[i].len);
        lines += pango_layout_get_line_count(l);
        t[i].layout = l;
    }
    return lines;
}

__attribute__((noinline)) static long shape_once(PangoContext *pc, const Text *t, int n) {
    long glyphs = 0;
    PangoGlyphString *gs = pango_glyph_string_new();
    for (int i = 0; i < n; i++) {
        char *text = t[i].text;
        PangoAttrList *al = NULL;
        if (t[i].markup && !pango_parse_markup(t[i].text, (int)t[i].len, 0, &al, &text, NULL, NULL)) continue;
        if (!al) al = pango_attr_list_new();
        PangoFontDescription *fd = font(&t[i]);
        pango_attr_list_insert_before(al, pango_attr_font_desc_new(fd));
        pango_font_description_free(fd);
        int len = (int)strlen(text);
        GList *items = pango_itemize(pc, text, 0, len, al, NULL);
        for (GList *it = items; it; it = it->next) {
            PangoItem *item = it->data;
            pango_shape_with_flags(text + item->offset, item->length, text, len, &item->analysis, gs,
                                   PANGO_SHAPE_NONE);
            glyphs += gs->num_glyphs;
            pango_item_free(item);
        }
        g_list_free(items);
        pango_attr_list_unref(al);
        if (text != t[i].text) g_free(text);
    }
    pango_glyph_string_free(gs);
    return glyphs;
}

__attribute__((noinline)) static long break_marks(const Text *t, int n) {
    long breaks = 0;
    PangoLanguage *es = pango_language_from_string("es-mx");
    for (int i = 0; i < n; i++) {
        int chars = (int)g_utf8_strlen(t[i].text, (gssize)t[i].len);
        PangoLogAttr *la = g_new0(PangoLogAttr, (gsize)chars + 1);
        pango_get_log_attrs(t[i].text, (int)t[i].len, -1, es, la, chars + 1);
        for (int c = 0; c <= chars; c++) breaks += la[c].is_line_break;
        g_free(la);
    }
    return breaks;
}

__attribute__((noinline)) static int draw_pages(const Text *t, int n, const char *out) {
    cairo_surface_t *s = cairo_pdf_surface_create(out, PAGE_W, PAGE_H);
    cairo_t *cr = cairo_create(s);
    double y = TOP;
    int pages = 1;
    for (int i = 0; i < n; i++) {
        PangoLayoutIter *it = pango_layout_get_iter(t[i].layout);
        do {
            PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
            PangoRectangle r;
            pango_layout_line_get_extents(line, NULL, &r);
            double h = (double)r.height / PANGO_SCALE;
            if (y + h > BOTTOM) {
                cairo_show_page(cr);
                pages++;
                y = TOP;
            }
            cairo_move_to(cr, MX, y - (double)r.y / PANGO_SCALE);
            pango_cairo_show_layout_line(cr, line);
            y += h;
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return pages;
}

/* CPU time of the process so far, in ms: each stage's time is printed too
 * (callgrind counts instructions; this says what they cost here). */
static double cpu_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: pdf_floor DUMP OUT.pdf\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    Text *t;
    int n = read_texts(f, &t);
    fclose(f);
    Fonts *fo = fonts_open();
    if (fo) fonts_use(fo);
    PangoContext *pc = context();
    double t0 = cpu_ms();
    long lines = lay_out(pc, t, n);
    double t1 = cpu_ms();
    long glyphs = shape_once(pc, t, n);
    double t2 = cpu_ms();
    long breaks = break_marks(t, n);
    double t3 = cpu_ms();
    int pages = draw_pages(t, n, argv[2]);
    double t4 = cpu_ms();
    printf("CPU ms: start and fonts %.1f, lay_out %.1f, shape_once %.1f, break_marks %.1f, draw_pages %.1f\n", t0,
           t1 - t0, t2 - t1, t3 - t2, t4 - t3);
    size_t bytes = 0;
    for (int i = 0; i < n; i++) bytes += t[i].len;
    printf("%d texts, %zu bytes, %ld lines, %ld glyphs shaped once, %ld break opportunities, %d pages\n", n,
           bytes, lines, glyphs, breaks, pages);
    for (int i = 0; i < n; i++) {
        g_object_unref(t[i].layout);
        free(t[i].text);
    }
    free(t);
    g_object_unref(pc);
    chart_release_fonts();      /* the font map fonts_use() made the default, as doc_pdf ends */
    return 0;
}
