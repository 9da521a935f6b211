/* How the PDF's text is set, and pmm's own line breaker (see pdf_text.h).
 * The breaker was built and verified in bench/pdf_floor.c (round 5): on
 * every text of the demo's Informe and Compendio, es and en, it breaks
 * where pango breaks, and its justification puts every word within one
 * Pango unit of pango's place but on two lines (docs/performance.md). */
#include <string.h>
#include "render/pdf_text.h"

PangoFontDescription *pdf_text_font(double size, bool bold) {
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, PDF_FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    return fd;
}

PangoContext *pdf_text_context(const char *lang) {
    PangoContext *pc = pango_font_map_create_context(pango_cairo_font_map_get_default());
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_language(pc, pango_language_from_string(lang));
    /* strong left to right: pango's default (weak) lets a paragraph's first
     * letter decide, and a record starting in Arabic reversed its line */
    pango_context_set_base_dir(pc, PANGO_DIRECTION_LTR);
    /* A PDF has no pixels: glyphs rounded to whole points would each need
     * a correction in the page's text (TJ), making the file bigger and
     * slower to write, and the spacing uneven. */
    pango_context_set_round_glyph_positions(pc, FALSE);
    return pc;
}

void pdf_text_setup(PangoLayout *l, double size, bool bold, double width, bool justify, PangoAlignment align,
                    bool ellipsize) {
    PangoFontDescription *fd = pdf_text_font(size, bold);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    /* A paragraph takes the document's direction (left to right), not that
     * of its first strong character: a record's name starting in Arabic
     * reversed its whole line (issue 12). Right-to-left runs stay so. */
    pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_justify(l, justify);
    pango_layout_set_alignment(l, align);
    if (ellipsize) pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
}

/* The PDF's text is set without ligatures (fi, fl, ff, ffi: the English
 * text's only ones; DejaVu gives the Spanish none). Cairo writes a
 * ligature's text as an /ActualText span, and poppler's structure text
 * (pdfinfo -struct-text, what a screen reader walking the tags reads)
 * drops the rest of the element after one: the English Informe lost a
 * fifth of its text («Key ﬁ» for «Key figures 4»; issue 12, t12w F1).
 * PDF/UA practice is the same. Over the whole text, so it cuts no item;
 * in every layout (pdf_text_set) and in the breaker's shaping
 * (pdf_shaped_init), so that both shape alike. */
#define PDF_FEATURES "liga 0, clig 0"

static void no_ligatures(PangoAttrList *al) {
    pango_attr_list_insert_before(al, pango_attr_font_features_new(PDF_FEATURES));
}

void pdf_text_set(PangoLayout *l, const char *s, int len, bool markup) {
    if (markup) pango_layout_set_markup(l, s, len);
    else pango_layout_set_text(l, s, len);
    PangoAttrList *old = pango_layout_get_attributes(l);
    PangoAttrList *al = old ? pango_attr_list_copy(old) : pango_attr_list_new();
    no_ligatures(al);
    pango_layout_set_attributes(l, al);
    pango_attr_list_unref(al);
}

/* ------------------------------------------------------------ the breaker */

void pdf_shaped_init(PdfShaped *sh, PangoContext *pc, const char *text, int len, PangoAttrList *al, bool keep) {
    int nc = (int)g_utf8_strlen(text, len);
    memset(sh, 0, sizeof *sh);
    sh->text = text;
    sh->n = nc;
    sh->byte = g_new0(int, (gsize)nc + 1);
    sh->prefix = g_new0(long, (gsize)nc + 1);
    sh->item = g_new0(PangoItem *, (gsize)nc + 1);
    sh->la = g_new0(PangoLogAttr, (gsize)nc + 1);
    sh->gs = pango_glyph_string_new();
    sh->hyphen = -1;
    int *w = g_new0(int, (gsize)nc + 1), at = 0;
    sh->chr = g_new0(int, (gsize)len + 1);
    for (int c = 0, o = 0; c < nc; c++, o = (int)(g_utf8_next_char(text + o) - text)) {
        sh->byte[c] = o;
        sh->chr[o] = c;
    }
    sh->byte[nc] = len;
    sh->chr[len] = nc;
    no_ligatures(al);
    sh->items = pango_itemize(pc, text, 0, len, al, NULL);
    sh->ni = (int)g_list_length(sh->items);
    if (keep) {
        sh->iv = g_new(PangoItem *, (gsize)sh->ni + 1);
        sh->gv = g_new(PangoGlyphString *, (gsize)sh->ni + 1);
    }
    int k = 0;
    for (GList *it = sh->items; it; it = it->next, k++) {
        PangoItem *item = it->data;
        PangoGlyphString *gs = keep ? pango_glyph_string_new() : sh->gs;
        pango_shape_with_flags(text + item->offset, item->length, text, len, &item->analysis, gs,
                               PANGO_SHAPE_NONE);
        pango_glyph_string_get_logical_widths(gs, text + item->offset, item->length, item->analysis.level,
                                              w + at);
        if (keep) {
            sh->iv[k] = item;
            sh->gv[k] = gs;
        }
        for (int c = 0; c < item->num_chars; c++) sh->item[at + c] = item;
        at += item->num_chars;
    }
    for (int c = 0; c < nc; c++) sh->prefix[c + 1] = sh->prefix[c] + w[c];
    g_free(w);
    pango_get_log_attrs(text, len, -1, pango_context_get_language(pc), sh->la, nc + 1);
}

void pdf_shaped_free(PdfShaped *sh) {
    for (int k = 0; sh->gv && k < sh->ni; k++) pango_glyph_string_free(sh->gv[k]);
    g_free(sh->gv);
    g_free(sh->iv);
    g_list_free_full(sh->items, (GDestroyNotify)pango_item_free);
    pango_glyph_string_free(sh->gs);
    g_free(sh->la);
    g_free(sh->item);
    g_free(sh->prefix);
    g_free(sh->byte);
    g_free(sh->chr);
    memset(sh, 0, sizeof *sh);
}

static long shaped_width(PdfShaped *sh, const char *s, int len, PangoItem *item) {
    pango_shape_with_flags(s, len, s, len, &item->analysis, sh->gs, PANGO_SHAPE_NONE);
    return pango_glyph_string_get_width(sh->gs);
}

/* The width of a hyphen at a break before character P of the line from
 * START, as pango 1.50.12 counts it (find_break_extra_width,
 * ensure_hyphen_width in pango/pango-layout.c, tag 1.50.12): U+2010's
 * advance in the font of the item pango was scanning for a break when it
 * first needed one, kept for the whole paragraph (so the regular face's,
 * even after a bold label). An item that fits whole on its line is taken
 * without a scan. */
static long hyphen_for(PdfShaped *sh, int p, int start, long width) {
    if (sh->hyphen >= 0) return sh->hyphen;
    PangoItem *item = sh->item[p - 1];
    int from = sh->chr[item->offset];
    int end = from + item->num_chars;
    if (sh->hy_item != item) {
        sh->hy_item = item;
        sh->hy_width = shaped_width(sh, "\xe2\x80\x90", 3, item);
    }
    long w = sh->hy_width;
    if (sh->prefix[end] - sh->prefix[from > start ? from : start] <=
        width - (from > start ? sh->prefix[from] - sh->prefix[start] : 0))
        return w;
    return sh->hyphen = w;
}

long pdf_content_width(const PdfShaped *sh, int from, int to) {
    int end = to;
    while (end > from && sh->la[end - 1].is_white) end--;
    return sh->prefix[end] - sh->prefix[from];
}

/* A line ends at the last break opportunity that fits, its trailing spaces
 * not counted, a hyphenated break counted with its hyphen; else at the
 * last character that fits (WORD_CHAR); at least one character a line. */
int pdf_breaks(PdfShaped *sh, long width, int *starts) {
    int lines = 0, start = 0, n = sh->n;
    const PangoLogAttr *la = sh->la;
    starts[lines++] = 0;
    while (start < n) {
        int best = -1, chr = -1, p;
        for (p = start + 1; p < n; p++) {
            if (la[p].is_mandatory_break) break;
            long c = pdf_content_width(sh, start, p);
            /* past the width even without a hyphen: no later break fits */
            if (c > width && (best > 0 || chr > 0)) break;
            if (c > width) continue;
            long w = c + (la[p].break_inserts_hyphen ? hyphen_for(sh, p, start, width) : 0);
            if (w <= width && la[p].is_line_break) best = p;
            if (w <= width && la[p].is_char_break) chr = p;
        }
        int next = p < n && la[p].is_mandatory_break && pdf_content_width(sh, start, p) <= width ? p
                 : p >= n && pdf_content_width(sh, start, n) <= width ? n
                 : best > 0 ? best : chr > 0 ? chr : start + 1;
        if (next >= n) break;
        starts[lines++] = next;
        start = next;
    }
    return lines;
}

/* The width of characters [FROM, TO) of ITEM shaped on their own, as
 * pango shapes a run it breaks: with the hyphen when HYPHEN. */
static long fragment_width(PdfShaped *sh, int from, int to, PangoItem *item, bool hyphen) {
    PangoItem *frag = pango_item_copy(item);
    frag->offset = sh->byte[from];
    frag->length = sh->byte[to] - sh->byte[from];
    frag->num_chars = to - from;
    if (hyphen) frag->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
    else frag->analysis.flags = (guint8)(frag->analysis.flags & ~PANGO_ANALYSIS_FLAG_NEED_HYPHEN);
    pango_shape_item(frag, sh->text, sh->byte[sh->n], sh->la + from, sh->gs, PANGO_SHAPE_NONE);
    pango_item_free(frag);
    return pango_glyph_string_get_width(sh->gs);
}

/* The width less the line's (process_item, add_missing_hyphen in
 * pango-layout.c). At a hyphenated break, pango measures the line's last
 * item as it chose the break: within three average character widths of
 * the end, the fragment shaped again with its hyphen; further, its logical
 * widths plus the hyphen, and as that run was shaped without the hyphen,
 * add_missing_hyphen gives the hyphen's width back to the spare width. */
static long spare_width(PdfShaped *sh, int a, int b, long width, long frag);

long pdf_spare_width(PdfShaped *sh, int a, int b, long width) {
    return spare_width(sh, a, b, width, -1);
}

/* FRAG: the width of the line's last fragment shaped with its hyphen,
 * when the caller has it (-1: shaped here when needed). */
static long spare_width(PdfShaped *sh, int a, int b, long width, long frag) {
    long c = pdf_content_width(sh, a, b);
    if (b >= sh->n || !sh->la[b].break_inserts_hyphen) return width - c;
    PangoItem *last = sh->item[b - 1];
    int from = sh->chr[last->offset];
    if (from < a) from = a;
    long before = sh->prefix[from] - sh->prefix[a];
    if (sh->m_font != last->analysis.font) {
        PangoFontMetrics *m = pango_font_get_metrics(last->analysis.font, last->analysis.language);
        sh->m_font = last->analysis.font;
        sh->m_width = pango_font_metrics_get_approximate_char_width(m);
        pango_font_metrics_unref(m);
    }
    long safe = 3L * sh->m_width;
    if (sh->prefix[b] - sh->prefix[from] + sh->hyphen < width - before - safe) return width - c;
    return width - before - (frag >= 0 ? frag : fragment_width(sh, from, b, last, true));
}

/* ------------------------------------------------------------ a line's runs */

/* Glyphs [G0, G1) of GS, their clusters made relative to byte FROM of the
 * item (so to the run's own start). */
static PangoGlyphString *glyphs_part(const PangoGlyphString *gs, int g0, int g1, int from) {
    PangoGlyphString *r = pango_glyph_string_new();
    pango_glyph_string_set_size(r, g1 - g0);
    for (int i = g0; i < g1; i++) {
        r->glyphs[i - g0] = gs->glyphs[i];
        r->log_clusters[i - g0] = gs->log_clusters[i] - from;
    }
    return r;
}

static PangoGlyphItem *run_new(const PangoItem *item, int byte0, int byte1, int chars, PangoGlyphString *gs) {
    PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
    gi->item = pango_item_copy((PangoItem *)item);
    gi->item->offset = byte0;
    gi->item->length = byte1 - byte0;
    gi->item->num_chars = chars;
    gi->glyphs = gs;
    return gi;
}

void pdf_line_runs_free(GSList *runs) {
    g_slist_free_full(runs, (GDestroyNotify)pango_glyph_item_free);
}

GSList *pdf_line_runs(PdfShaped *sh, int a, int b, long width, bool justify, PangoRectangle *logical) {
    GSList *runs = NULL;
    bool hyph = b < sh->n && sh->la[b].break_inserts_hyphen;
    long frag_w = -1;           /* the last fragment's width, shaped with its hyphen */
    for (int k = 0; k < sh->ni; k++) {
        PangoItem *item = sh->iv[k];
        int i0 = sh->byte[a] > item->offset ? sh->byte[a] : item->offset;
        int i1 = sh->byte[b] < item->offset + item->length ? sh->byte[b] : item->offset + item->length;
        if (i0 >= i1) continue;
        int c0 = sh->chr[i0], c1 = sh->chr[i1];
        PangoGlyphString *gs;
        if (hyph && c1 == b) {           /* the fragment before a hyphenated break, with its hyphen */
            PangoItem *frag = pango_item_copy(item);
            frag->offset = i0;
            frag->length = i1 - i0;
            frag->num_chars = c1 - c0;
            frag->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
            gs = pango_glyph_string_new();
            pango_shape_item(frag, sh->text, sh->byte[sh->n], sh->la + c0, gs, PANGO_SHAPE_NONE);
            pango_item_free(frag);
            frag_w = pango_glyph_string_get_width(gs);
        } else {
            const PangoGlyphString *all = sh->gv[k];
            int g0 = 0, g1;
            while (g0 < all->num_glyphs && item->offset + all->log_clusters[g0] < i0) g0++;
            for (g1 = g0; g1 < all->num_glyphs && item->offset + all->log_clusters[g1] < i1; g1++) {}
            gs = glyphs_part(all, g0, g1, i0 - item->offset);
        }
        runs = g_slist_prepend(runs, run_new(item, i0, i1, c1 - c0, gs));
    }
    runs = g_slist_reverse(runs);
    /* the line's final space has no glyph (pango's zero_line_final_space) */
    if (b < sh->n && b > a && sh->la[b - 1].is_white && runs) {
        PangoGlyphItem *last = g_slist_last(runs)->data;
        PangoGlyphString *gs = last->glyphs;
        int at = sh->byte[b - 1] - last->item->offset;
        for (int i = gs->num_glyphs - 1; i >= 0 && gs->log_clusters[i] == at; i--) {
            gs->glyphs[i].glyph = PANGO_GLYPH_EMPTY;
            gs->glyphs[i].geometry.width = 0;
        }
    }
    long spare = justify ? spare_width(sh, a, b, width, frag_w) : 0;
    if (spare > 0) {
        int end = b;
        while (end > a && sh->la[end - 1].is_white) end--;
        long total = 0;
        for (int c = a; c < end; c++)
            if (sh->la[c].is_expandable_space) total += sh->prefix[c + 1] - sh->prefix[c];
        long so_far = 0, given = 0;
        /* a spare width of whole points is shared in whole points (pango:
         * "hint to full pixel if total remaining width was so") */
        bool whole = (spare & (PANGO_SCALE - 1)) == 0;
        for (GSList *r = runs; r && total > 0; r = r->next) {
            PangoGlyphItem *gi = r->data;
            for (int i = 0; i < gi->glyphs->num_glyphs; i++) {
                int byte = gi->item->offset + gi->glyphs->log_clusters[i];
                if (byte >= sh->byte[end]) continue;
                int c = sh->chr[byte];
                if (!sh->la[c].is_expandable_space || gi->glyphs->glyphs[i].geometry.width == 0) continue;
                so_far += sh->prefix[c + 1] - sh->prefix[c];
                long add = so_far * spare / total - given;
                if (whole) add = PANGO_UNITS_ROUND(add);
                gi->glyphs->glyphs[i].geometry.width += (int)add;
                given += add;
            }
        }
    }
    PangoRectangle u = {0, 0, 0, 0};
    bool first = true;
    for (GSList *r = runs; r; r = r->next) {
        PangoGlyphItem *gi = r->data;
        /* every glyph of a font has the font's logical height: one is asked */
        int g = 0;
        while (g < gi->glyphs->num_glyphs && gi->glyphs->glyphs[g].glyph == PANGO_GLYPH_EMPTY) g++;
        PangoRectangle lg;
        if (g < gi->glyphs->num_glyphs)
            pango_glyph_string_extents_range(gi->glyphs, g, g + 1, gi->item->analysis.font, NULL, &lg);
        else
            pango_glyph_string_extents(gi->glyphs, gi->item->analysis.font, NULL, &lg);
        if (first || lg.y < u.y) {
            int bottom = first ? lg.y + lg.height : MAX(u.y + u.height, lg.y + lg.height);
            u.y = lg.y;
            u.height = bottom - u.y;
        } else if (lg.y + lg.height > u.y + u.height) {
            u.height = lg.y + lg.height - u.y;
        }
        first = false;
    }
    *logical = u;
    return runs;
}
