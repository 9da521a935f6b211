/* pdf_floor: what the texts of a publication cost in each stage of the
 * chosen stack (pango 1.50 + HarfBuzz, cairo 1.16), each stage in a
 * function of its own so that callgrind gives its inclusive cost
 * (docs/performance.md, «Where the time goes (round 5)»):
 *
 *   lay_out      pango_layout_get_line_count on every text, as pmm lays
 *                them out (width, WORD_CHAR wrap, justification, markup):
 *                lay_out_wrapped the texts set in a width, lay_out_single
 *                the others;
 *   shape_once   every text itemized and each item shaped once, as a line
 *                breaker of pmm's own would shape it (pango_shape_with_flags);
 *   break_marks  pango's line-break analysis of every text (pango_get_log_attrs),
 *                which such a breaker would still need for UAX #14 breaks;
 *   draw_pages   the lines laid out above drawn onto A4 PDF pages, nothing
 *                else (no charts, no tables, no structure tags): cairo's
 *                page output alone for the same glyph runs;
 *   own_breaks   each text set in a width shaped once and broken by a
 *                greedy breaker on pango's logical widths and break marks
 *                (the hyphen as pango 1.50.12 counts it, the WORD_CHAR
 *                fallback), its lines compared with pango's: how close a
 *                breaker of pmm's own gets, and what it costs (PDF_FLOOR_DIFF=1
 *                prints each text broken otherwise); where its lines are
 *                pango's, each word's place justified as justify_words
 *                does against pango's place (PDF_FLOOR_POS=1 prints each
 *                word more than one Pango unit off, with the line's
 *                natural width and the spare width pango's places imply).
 *
 * The texts come from a dump of the layouts pmm makes (one record per
 * distinct layout: "size\twidth\tbold\tjustify\talign\tmarkup\tbytes\n",
 * the text, "\n"), written by a temporary fprintf in make_layout
 * (bench/pdf_floor_dump.patch; docs/performance.md gives the commands).
 * PDF_FLOOR_LANG=en for a dump of an English document (the context's
 * language, as report_pdf.c sets it; es by default).
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
#include "render/pdf_text.h"

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

static PangoFontDescription *font(const Text *t) { return pdf_text_font(t->size, t->bold); }

/* The context as report_pdf.c makes it, in the dump's language:
 * PDF_FLOOR_LANG=en for an English dump (es by default). */
static PangoContext *context(void) {
    const char *lang = getenv("PDF_FLOOR_LANG");
    return pdf_text_context(lang ? lang : "es");
}

static long lay_out_one(PangoContext *pc, Text *t) {
    PangoLayout *l = pango_layout_new(pc);
    pdf_text_setup(l, t->size, t->bold, t->width, t->justify, (PangoAlignment)t->align, false);
    pdf_text_set(l, t->text, (int)t->len, t->markup);
    t->layout = l;
    return pango_layout_get_line_count(l);
}

/* The texts set in a width (paragraphs, wrapped cells): what own_breaks replaces. */
__attribute__((noinline)) static long lay_out_wrapped(PangoContext *pc, Text *t, int n) {
    long lines = 0;
    for (int i = 0; i < n; i++)
        if (t[i].width > 0) lines += lay_out_one(pc, &t[i]);
    return lines;
}

/* The one-line texts (headings' runs, cells that fit, running heads). */
__attribute__((noinline)) static long lay_out_single(PangoContext *pc, Text *t, int n) {
    long lines = 0;
    for (int i = 0; i < n; i++)
        if (t[i].width <= 0) lines += lay_out_one(pc, &t[i]);
    return lines;
}

__attribute__((noinline)) static long lay_out(PangoContext *pc, Text *t, int n) {
    return lay_out_single(pc, t, n) + lay_out_wrapped(pc, t, n);
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

__attribute__((noinline)) static long break_marks(PangoContext *pc, const Text *t, int n) {
    long breaks = 0;
    PangoLanguage *es = pango_context_get_language(pc);
    for (int i = 0; i < n; i++) {
        int chars = (int)g_utf8_strlen(t[i].text, (gssize)t[i].len);
        PangoLogAttr *la = g_new0(PangoLogAttr, (gsize)chars + 1);
        pango_get_log_attrs(t[i].text, (int)t[i].len, -1, es, la, chars + 1);
        for (int c = 0; c <= chars; c++) breaks += la[c].is_line_break;
        g_free(la);
    }
    return breaks;
}

/* Where the words of pango's lines of L would start if pmm justified them
 * itself, as pango 1.50's justify_words does: the line's spare width
 * shared between its expandable spaces in proportion to their widths,
 * in whole Pango units (integer division of the running total). Compares
 * each word's start with pango's (pango_layout_line_index_to_x): adds the
 * words compared to *WORDS, those off by more than one Pango unit to *OFF,
 * and the largest difference to *WORST. JUSTIFY: whether pango justified. */
__attribute__((noinline)) static void compare_positions(PdfShaped *sh, PangoLayout *l, bool justify, long width, long *words, long *off,
                              long *worst) {
    const char *pt = pango_layout_get_text(l);
    for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
        PangoLayoutLine *pl = it->data;
        int a = (int)g_utf8_pointer_to_offset(pt, pt + pl->start_index);
        int b = it->next ? (int)g_utf8_pointer_to_offset(pt, pt + ((PangoLayoutLine *)it->next->data)->start_index)
                         : sh->n;
        int end = b;
        while (end > a && sh->la[end - 1].is_white) end--;
        long c = pdf_content_width(sh, a, b), spare = 0, total = 0;
        if (justify && it->next && !((PangoLayoutLine *)it->next->data)->is_paragraph_start) {
            spare = pdf_spare_width(sh, a, b, width);
            for (int k = a; k < end; k++)
                if (sh->la[k].is_expandable_space) total += sh->prefix[k + 1] - sh->prefix[k];
        }
        long spaces = 0;
        bool told = false;
        for (int k = a; k < end; k++) {
            if (k > a && sh->la[k - 1].is_expandable_space && total > 0)
                spaces += sh->prefix[k] - sh->prefix[k - 1];
            if (k > a && !(sh->la[k - 1].is_white && !sh->la[k].is_white)) continue;
            long own = sh->prefix[k] - sh->prefix[a] + (total > 0 && spare > 0 ? spaces * spare / total : 0);
            int x;
            pango_layout_line_index_to_x(pl, sh->byte[k], FALSE, &x);
            long d = labs(own - x);
            (*words)++;
            if (d > 1) (*off)++;
            if (d > 1 && getenv("PDF_FLOOR_POS") && !told) {   /* once a line: pango's unjustified width */
                told = true;
                PangoLayout *r = pango_layout_copy(l);
                pango_layout_set_justify(r, FALSE);
                PangoLayoutLine *rl = pango_layout_get_line_readonly(r, g_slist_index(pango_layout_get_lines_readonly(l), pl));
                PangoRectangle e;
                pango_layout_line_get_extents(rl, NULL, &e);
                printf("line [%d,%d): pango's natural width %d, own %ld (content %ld + hyphen %ld)\n", a, b, e.width,
                       c + (b < sh->n && sh->la[b].break_inserts_hyphen ? sh->hyphen : 0), c,
                       b < sh->n && sh->la[b].break_inserts_hyphen ? sh->hyphen : 0);
                /* the fragment of the last item shaped as pango measures a break: with its hyphen */
                PangoItem *last = sh->item[b - 1], *frag = pango_item_copy(last);
                int from = last->offset > sh->byte[a] ? last->offset : sh->byte[a];
                frag->num_chars -= (int)g_utf8_pointer_to_offset(sh->text + last->offset, sh->text + from);
                frag->offset = from;
                frag->length = sh->byte[b] - from;
                frag->num_chars = (int)g_utf8_pointer_to_offset(sh->text + from, sh->text + sh->byte[b]);
                PangoLogAttr *fla = sh->la + g_utf8_pointer_to_offset(sh->text, sh->text + from);
                frag->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
                pango_shape_item(frag, sh->text, (int)strlen(sh->text), fla, sh->gs, PANGO_SHAPE_NONE);
                long with = pango_glyph_string_get_width(sh->gs);
                frag->analysis.flags = (guint8)(frag->analysis.flags & ~PANGO_ANALYSIS_FLAG_NEED_HYPHEN);
                pango_shape_item(frag, sh->text, (int)strlen(sh->text), fla, sh->gs, PANGO_SHAPE_NONE);
                long without = pango_glyph_string_get_width(sh->gs);
                long before = 0;
                for (int q = a; q < (int)g_utf8_pointer_to_offset(sh->text, sh->text + from); q++)
                    before += sh->prefix[q + 1] - sh->prefix[q];
                printf("  last item from %d: shaped with hyphen %ld, without %ld, log widths before it %ld, items %s\n",
                       (int)g_utf8_pointer_to_offset(sh->text, sh->text + from), with, without, before,
                       sh->item[a] == last ? "one" : "several");
                pango_item_free(frag);
                g_object_unref(r);
            }
            if (d > 1 && getenv("PDF_FLOOR_POS") && spaces > 0)
                printf("  implied spare %ld (W - content %ld)\n", (x - (sh->prefix[k] - sh->prefix[a])) * total / spaces,
                       width - c);
            if (d > 1 && getenv("PDF_FLOOR_POS"))
                printf("off %ld: own %ld pango %d spare %ld total %ld line [%d,%d) word at %d: %.*s\n", own - x, own, x,
                       spare, total, a, b, k, sh->byte[b] - sh->byte[a], sh->text + sh->byte[a]);
            if (d > *worst) *worst = d;
        }
    }
}

/* Each wrapped text shaped once and broken by pdf_breaks (render/pdf_text.c); returns how many
 * of its lines start where pango's lines start (*LINES: how many pango
 * made, *TEXTS_SAME: texts whose every line matches). */
__attribute__((noinline)) static long own_breaks(PangoContext *pc, const Text *t, int n, long *lines,
                                                 int *texts, int *texts_same, long *words, long *off, long *worst) {
    long same = 0;
    for (int i = 0; i < n; i++) {
        if (t[i].width <= 0) continue;
        char *text = t[i].text;
        PangoAttrList *al = NULL;
        if (t[i].markup && !pango_parse_markup(t[i].text, (int)t[i].len, 0, &al, &text, NULL, NULL)) continue;
        if (!al) al = pango_attr_list_new();
        PangoFontDescription *fd = font(&t[i]);
        pango_attr_list_insert_before(al, pango_attr_font_desc_new(fd));
        pango_font_description_free(fd);
        PdfShaped sh;
        pdf_shaped_init(&sh, pc, text, (int)strlen(text), al, false);
        int nc = sh.n;
        int *starts = g_new(int, (gsize)nc + 1);
        int k = pdf_breaks(&sh, (long)(t[i].width * PANGO_SCALE), starts);
        /* pango's lines, as character offsets */
        const char *pt = pango_layout_get_text(t[i].layout);
        int m = 0, match = 0;
        for (GSList *l = pango_layout_get_lines_readonly(t[i].layout); l; l = l->next, m++) {
            int start = (int)g_utf8_pointer_to_offset(pt, pt + ((PangoLayoutLine *)l->data)->start_index);
            if (m < k && starts[m] == start) match++;
        }
        if ((match != m || k != m) && getenv("PDF_FLOOR_DIFF")) {
            printf("text %d (width %g, size %g): pango's lines start at", i + 1, t[i].width, t[i].size);
            for (GSList *l = pango_layout_get_lines_readonly(t[i].layout); l; l = l->next)
                printf(" %ld", g_utf8_pointer_to_offset(pt, pt + ((PangoLayoutLine *)l->data)->start_index));
            printf("; greedy's at");
            for (int j = 0; j < k; j++) printf(" %d", starts[j]);
            int ln = 0;
            for (GSList *l = pango_layout_get_lines_readonly(t[i].layout); l && l->next; l = l->next, ln++) {
                PangoLayoutLine *pl = l->data, *nx = l->next->data;
                int a = (int)g_utf8_pointer_to_offset(pt, pt + pl->start_index);
                int b = (int)g_utf8_pointer_to_offset(pt, pt + nx->start_index);
                long c = pdf_content_width(&sh, a, b);
                printf("\n  pango line %d [%d,%d) greedy counts %ld (limit %ld)", ln, a, b,
                       c + (sh.la[b].break_inserts_hyphen ? sh.hyphen : 0), (long)(t[i].width * PANGO_SCALE));
            }
            printf("\n%s\n", text);
        }
        if (match == m && k == m)      /* the words' places, where the lines are pango's */
            compare_positions(&sh, t[i].layout, t[i].justify, (long)(t[i].width * PANGO_SCALE), words, off, worst);
        same += match;
        *lines += m;
        (*texts)++;
        if (match == m && k == m) (*texts_same)++;
        g_free(starts);
        pdf_shaped_free(&sh);
        pango_attr_list_unref(al);
        if (text != t[i].text) g_free(text);
    }
    return same;
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
    long breaks = break_marks(pc, t, n);
    double t3 = cpu_ms();
    int pages = draw_pages(t, n, argv[2]);
    double t4 = cpu_ms();
    long wrapped_lines = 0;
    int wrapped = 0, wrapped_same = 0;
    long words = 0, off = 0, worst = 0;
    long same = own_breaks(pc, t, n, &wrapped_lines, &wrapped, &wrapped_same, &words, &off, &worst);
    double t5 = cpu_ms();
    printf("CPU ms: start and fonts %.1f, lay_out %.1f, shape_once %.1f, break_marks %.1f, draw_pages %.1f,"
           " own_breaks %.1f\n", t0, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4);
    printf("greedy breaker: %ld of pango's %ld lines start at the same character; %d of %d wrapped texts"
           " broken exactly as pango\n", same, wrapped_lines, wrapped_same, wrapped);
    printf("justified as pango 1.50 does: %ld of %ld words more than one Pango unit from pango's place,"
           " the farthest %ld units\n", off, words, worst);
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
