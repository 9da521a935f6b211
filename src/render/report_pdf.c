/*
 * The PDF writer. Pages are filled top to bottom by a small flow engine:
 * paragraphs break between lines, tables between rows (the header row
 * repeated), charts and headings move whole to the next page when they do
 * not fit. The document is laid out twice: the first pass, drawing nothing,
 * learns on which page every heading falls, so the second can print the
 * table of contents, its links and the bookmarks. Each text is shaped
 * once: the first pass keeps its layouts (a cache shared by both passes),
 * the second draws them.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render/fonts.h"
#include "render/outfile.h"
#include "render/report_pdf.h"
#include "render/hyphen.h"
#include "render/pdf_text.h"
#include "util/hmap.h"
#include "util/i18n.h"
#include "util/errtext.h"

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MX 62.0
#define TOP 76.0
#define BOTTOM (PAGE_H - 64.0)
#define CW (PAGE_W - 2 * MX)
#define PS ((double)PANGO_SCALE)
#define C_HEAD 0x0b3d63
#define CHART_SHRINK 0.8        /* a chart may be drawn this much smaller to stay on its page */
#define C_ACCENT 0x0072B2

/* Layouts by what they show and how (LayoutKey + the marked text), kept from
 * the first pass to the second. Bounded, so that a very long Compendio
 * keeps memory in check: past the bound, the oldest layout made goes
 * (first in, first out), so that the texts of the record laid out now stay:
 * its blocks are measured several times (record_keep_at, keep_record_end,
 * notes_after) before they are drawn. Keeping only the first ones made
 * laid every text past the bound out about ten times in each pass: the
 * Compendio of 20 000 actions took 7 times the CPU of 10 000's (issue 12,
 * S12C; tests/cli/test_pdf_cache.py). */
#define LAYOUT_CACHE_MAX 20000

/* PMM_PDF_LAYOUTS=N (tests only, tests/cli/test_pdf_layouts.py): the
 * bound is N (0: the default), and stderr says at the end how many
 * layouts were made (pango's and pmm's paragraphs), and how many
 * paragraphs pmm's breaker broke and how many pango. */
typedef struct {
    GQueue order;               /* the keys layout_st put in the cache, oldest first (owned by it) */
    unsigned max, made;
    unsigned own, pango;        /* paragraphs (Para) broken by pmm's breaker, by pango */
} LayoutCount;

typedef struct {
    const Doc *d;
    GHashTable *cache;          /* key -> PangoLayout (the charts' labels too, "chart|..." keys) */
    LayoutCount *made;          /* CACHE's order and bound, the layouts made */
    bool pango_only;            /* PMM_PDF_PANGO=1 (tests): every paragraph broken by pango (Para) */
    HyphenCache *hyph;          /* words hyphenated (hyphen.h) */
    GHashTable *scenes;         /* chart Block -> its Scene, in ARENA */
    Arena *arena;
    cairo_surface_t *surf;
    cairo_t *cr;
    PangoContext *pc;
    bool draw;                  /* second pass: draw, link, bookmark */
    int page;
    double y;
    const char *section;        /* running header: the current part */
    const char *folio;          /* the record of the block laid out now (NULL: none) */
    GHashTable *missing;        /* characters no font could draw, warned about once */
    HMap *anchors;              /* anchor -> page, learnt in the first pass */
    const char *tags[8];        /* structure elements open (tagged PDF), outermost first */
    int ntags;
    int outline_parent;
    double keep_after;          /* what must follow the block laid out now on its last page: the
                                   note that qualifies it (round 3: a caveat alone atop a page) */
} P;

static void rgb(cairo_t *cr, unsigned c) {
    cairo_set_source_rgb(cr, (c >> 16) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* ------------------------------------------------------------ text */

/* Marked text as pango's text or markup; with HYPH, soft hyphens at the
 * dictionary's points of the language of each run (hyphen.h). */
typedef struct {
    Str *s;
    bool markup;
    HyphenCache *hyph;          /* NULL: no hyphenation */
    Lang lang;
    bool spanish;               /* inside DOC_ES ... DOC_UNES */
} MCtx;

static void m_put(MCtx *c, const char *s, int n) {
    if (!c->markup) {
        str_append(c->s, s, (size_t)n);
        return;
    }
    char *e = g_markup_escape_text(s, n);
    str_puts(c->s, e);
    g_free(e);
}

static void m_text(void *ctx, const char *s, int n) {
    MCtx *c = ctx;
    if (!c->hyph) {
        m_put(c, s, n);
        return;
    }
    Str h = STR_INIT;
    hyphen_soft(c->hyph, &h, s, (size_t)n, c->spanish ? LANG_ES : c->lang);
    m_put(c, str_cstr(&h), (int)h.len);
    str_free(&h);
}

static void m_mark(void *ctx, const DocMark *m) { m_put(ctx, m->display, m->ldisplay); }

static void m_bold(void *ctx, bool on) {
    MCtx *c = ctx;
    if (c->markup) str_puts(c->s, on ? "<b>" : "</b>");
}

/* cairo 1.16 cannot give a structure element its language; pango at least
 * shapes and breaks the Spanish as Spanish, and it is hyphenated as such */
static void m_spanish(void *ctx, bool on) {
    MCtx *c = ctx;
    c->spanish = on;
    if (c->markup) str_puts(c->s, on ? "<span lang=\"es\">" : "</span>");
}

static void markup(Str *s, const char *marked, bool as_markup, HyphenCache *hyph, Lang l) {
    MCtx c = {s, as_markup, hyph, l, false};
    DocVisitor v = {m_text, m_mark, m_bold, m_spanish};
    doc_walk(marked, &v, &c);
}

typedef struct {
    double size, width;         /* width 0: one line, as wide as the text */
    bool bold, justify, ellipsize;
    PangoAlignment align;
} Style;

/* Pango 1.50 breaks a line by shaping the rest of its item and, at the
 * break, shaping the remainder again for the next line: a paragraph that
 * is one item is shaped again, from the break to its end, for every line.
 * An attribute that changes nothing (font fallback on, pango's default)
 * ends an item where it starts, so L's text is cut into items of about
 * CHUNK bytes: a break then reshapes at most one of them. Each cut is just
 * before a space, never after it (where a line breaks: an item starting
 * there changes how pango justifies the line) nor inside a word (kerning,
 * ligatures): pdftotext -bbox of the demo's Informe and Compendio gives
 * every word at the same place before and after. 96: fewer, longer items
 * cost more shaping; more, shorter ones more runs for cairo to write
 * (docs/performance.md). */
#define CHUNK 96

static void cut_items(PangoLayout *l) {
    const char *t = pango_layout_get_text(l);
    size_t n = strlen(t);
    if (n <= 2 * CHUNK) return;
    PangoAttrList *old = pango_layout_get_attributes(l);
    PangoAttrList *al = old ? pango_attr_list_copy(old) : pango_attr_list_new();
    size_t start = 0;
    for (size_t i = CHUNK; i < n; i++) {
        if (t[i] != ' ' || i - start < CHUNK) continue;
        PangoAttribute *a = pango_attr_fallback_new(TRUE);
        a->start_index = (guint)start;
        a->end_index = (guint)i;
        pango_attr_list_insert(al, a);
        start = i;
    }
    pango_layout_set_attributes(l, al);
    pango_attr_list_unref(al);
}

/* Whether a line of L that pango justifies (not a paragraph's last) holds
 * one word: pango would spread its letters across the width («P r o g r a
 * m a», issue 12), so such a paragraph is set ragged instead. */
static bool one_word_line(PangoLayout *l) {
    const char *t = pango_layout_get_text(l);
    GSList *lines = pango_layout_get_lines_readonly(l);
    for (GSList *i = lines; i && i->next; i = i->next) {
        const PangoLayoutLine *ln = i->data, *next = i->next->data;
        if (next->is_paragraph_start) continue;
        int end = ln->start_index + ln->length;
        while (end > ln->start_index && (t[end - 1] == ' ' || t[end - 1] == '\n')) end--;
        if (!memchr(t + ln->start_index, ' ', (size_t)(end - ln->start_index))) return true;
    }
    return false;
}

/* A character no font on the machine has is drawn as a box with its code:
 * the PDF is still written (exit 0), and stderr says which character and
 * in which record (folio), once per character (issue 12). */
static void warn_missing(P *p, PangoLayout *l) {
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        for (int i = 0; run && i < run->glyphs->num_glyphs; i++) {
            PangoGlyph g = run->glyphs->glyphs[i].glyph;
            if (!(g & PANGO_GLYPH_UNKNOWN_FLAG) || g == PANGO_GLYPH_EMPTY) continue;
            gunichar c = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
            if (c < 0x20 || g_hash_table_contains(p->missing, GUINT_TO_POINTER(c))) continue;
            g_hash_table_add(p->missing, GUINT_TO_POINTER(c));
            if (p->folio)
                fprintf(stderr, _("pmm: aviso: acción %s: ninguna fuente del sistema tiene el carácter U+%04X; "
                                  "el PDF lo muestra como una caja con su código\n"), p->folio, (unsigned)c);
            else
                fprintf(stderr, _("pmm: aviso: ninguna fuente del sistema tiene el carácter U+%04X; "
                                  "el PDF lo muestra como una caja con su código\n"), (unsigned)c);
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

static PangoLayout *make_layout(P *p, const char *marked, const Style *st) {
    PangoLayout *l = pango_layout_new(p->pc);
    pdf_text_setup(l, st->size, st->bold, st->width, st->justify, st->align, st->ellipsize);
    Str m = STR_INIT;
    /* body text is justified and hyphenated; headings and cells are neither */
    bool as_markup = strchr(marked, DOC_BOLD[0]) || strchr(marked, DOC_ES[0]);
    markup(&m, marked, as_markup, st->justify ? p->hyph : NULL, p->d->lang);
    pdf_text_set(l, str_cstr(&m), -1, as_markup);          /* as markup: emphasis, language */
    str_free(&m);
    if (st->width > 0 && !st->ellipsize) cut_items(l);   /* an ellipsized line is one line */
    if (st->justify && one_word_line(l)) pango_layout_set_justify(l, FALSE);
    if (pango_layout_get_unknown_glyphs_count(l) > 0) warn_missing(p, l);
    return l;
}

static char *put_uint(char *q, unsigned v) {
    char d[16];
    int n = 0;
    do d[n++] = (char)('0' + v % 10); while ((v /= 10) > 0);
    while (n) *q++ = d[--n];
    return q;
}

/* The cache's key of MARKED in style ST: sizes in hundredths of a point,
 * the flags, the text; written by hand, as printf's %g cost more than the
 * lookup (g_free it). */
static char *style_key(const Style *st, const char *marked) {
    size_t n = strlen(marked);
    char *k = g_malloc(n + 40), *q = k;
    q = put_uint(q, (unsigned)(st->size * 100 + 0.5));
    *q++ = '|';
    q = put_uint(q, (unsigned)(st->width > 0 ? st->width * 100 + 0.5 : 0));
    *q++ = '|';
    *q++ = (char)('0' + st->bold);
    *q++ = (char)('0' + st->justify);
    *q++ = (char)('0' + st->ellipsize);
    *q++ = (char)('0' + (int)st->align);
    *q++ = '|';
    memcpy(q, marked, n + 1);
    return k;
}

/* O, made for KEY (g_malloc'd, now the cache's), into the cache: the
 * oldest entry goes when it is full. */
static void cache_put(P *p, char *key, GObject *o) {
    p->made->made++;
    if (g_hash_table_size(p->cache) >= p->made->max && !g_queue_is_empty(&p->made->order))
        g_hash_table_remove(p->cache, g_queue_pop_head(&p->made->order));       /* frees the key */
    g_hash_table_insert(p->cache, key, g_object_ref(o));
    g_queue_push_tail(&p->made->order, key);
}

/* The layout of MARKED in style ST, from the cache when it was made before;
 * the caller unrefs it. */
static PangoLayout *layout_st(P *p, const char *marked, const Style *st) {
    char *key = style_key(st, marked);
    PangoLayout *l = g_hash_table_lookup(p->cache, key);
    if (l) {
        g_free(key);
        return g_object_ref(l);
    }
    l = make_layout(p, marked, st);
    cache_put(p, key, G_OBJECT(l));
    return l;
}

static PangoLayout *layout(P *p, const char *marked, double size, bool bold, double width, bool justify) {
    Style st = {size, width, bold, justify, false, PANGO_ALIGN_LEFT};
    return layout_st(p, marked, &st);
}

static PangoLayout *layout_aligned(P *p, const char *marked, double size, bool bold, double width,
                                   PangoAlignment align) {
    Style st = {size, width, bold, false, false, align};
    return layout_st(p, marked, &st);
}

static double layout_h(PangoLayout *l) {
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return r.height / PS;
}

static double layout_w(PangoLayout *l) {
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    return r.width / PS;
}

static void show_layout(cairo_t *cr, PangoLayout *l);

static void show(P *p, PangoLayout *l, double x, double y, unsigned color) {
    if (!p->draw) return;
    rgb(p->cr, color);
    cairo_move_to(p->cr, x, y);
    show_layout(p->cr, l);
}

/* ------------------------------------------------------------ pages */

static void header_footer(P *p) {
    if (!p->draw || p->page == 1) return;
    PangoLayout *l = layout(p, p->d->footer ? p->d->footer : "", 8, true, 0, false);
    show(p, l, MX, 36, 0x57606a);
    double w = layout_w(l);
    g_object_unref(l);
    if (p->section) {
        Style st = {8, CW - w - 24, false, false, true, PANGO_ALIGN_RIGHT};
        l = layout_st(p, p->section, &st);
        show(p, l, MX + w + 24, 36, 0x57606a);
        g_object_unref(l);
    }
    rgb(p->cr, 0xd0d7de);
    cairo_set_line_width(p->cr, 0.6);
    cairo_move_to(p->cr, MX, 50);
    cairo_line_to(p->cr, MX + CW, 50);
    cairo_stroke(p->cr);
    char num[16];
    snprintf(num, sizeof num, "%d", p->page);
    l = layout_aligned(p, num, 8.5, false, CW, PANGO_ALIGN_CENTER);
    show(p, l, MX, PAGE_H - 42, 0x57606a);
    g_object_unref(l);
}

/* ------------------------------------------------------------ structure */

/* The PDF is tagged: each heading, paragraph, table (rows, cells), figure
 * and contents entry is a structure element (cairo_tag_begin), which is
 * what a screen reader follows and what makes poppler say "Tagged: yes".
 * All are inside one Document element (the tree's single root). An element
 * open at a page break is closed before it and opened again after, so the
 * running header and page number stay outside it (they are Document's own
 * content: cairo 1.16 cannot mark them as artifacts). */
static void tag_begin(P *p, const char *name) {
    if (!p->draw) return;
    cairo_tag_begin(p->cr, name, NULL);
    if (p->ntags < 8) p->tags[p->ntags] = name;
    p->ntags++;
}

static void tag_end(P *p) {
    if (!p->draw) return;
    p->ntags--;
    cairo_tag_end(p->cr, p->ntags < 8 ? p->tags[p->ntags] : "");
}

static void new_page(P *p) {
    int open = p->ntags < 8 ? p->ntags : 8;
    if (p->page > 0 && p->draw) {
        for (int i = open - 1; i >= 1; i--) cairo_tag_end(p->cr, p->tags[i]);
        cairo_show_page(p->cr);
    }
    p->page++;
    p->y = TOP;
    header_footer(p);
    if (p->draw)
        for (int i = 1; i < open; i++) cairo_tag_begin(p->cr, p->tags[i], NULL);
}

static void need(P *p, double h) {
    if (p->y + h > BOTTOM && p->y > TOP) new_page(p);
}

typedef struct {
    double top, h, base;        /* in the layout, points */
    PangoLayoutLine *line;      /* pango's line, or NULL: */
    GSList *runs;               /* pmm's own (Para), its PangoGlyphItems */
    const char *text;           /* of RUNS */
    bool hyph;                  /* it ends at a hyphenation point */
} Line;

/* Where L's lines go to a new page (BRK[i]: before line i), starting at
 * the current position. Widows and orphans are avoided: a paragraph whose
 * first line alone would end a page starts on the next one, and its last
 * line never starts a page alone (one more line goes with it, or the
 * whole paragraph when it has too few lines to spare one). */
/* Whether LINE ends at a hyphenation point (the soft hyphen hyphen.c put
 * there is its last character): the word goes on past it. */
static bool hyphenated(PangoLayoutLine *line) {
    const char *t = pango_layout_get_text(line->layout);
    int end = line->start_index + line->length;
    return end >= 2 && memcmp(t + end - 2, "\xc2\xad", 2) == 0;
}

/* Where L's lines go to a new page (BRK[i]: before line i), starting at
 * the current position. Widows and orphans are avoided: a paragraph whose
 * first line alone would end a page starts on the next one, and its last
 * line never starts a page alone (one more line goes with it, or the
 * whole paragraph when it has too few lines to spare one). The last line
 * keeps P->keep_after (a note) under it on its page, as if it were that
 * much taller. A page never ends in a hyphenated word (round 3): its last
 * line goes along when two lines stay behind. */
static void breaks_at(double y, double keep_after, const Line *ln, int n, bool *brk) {
    double y0 = y, off = 0;
    int start = 0;
    bool moved = false;
    for (int i = 0; i < n; i++) {
        double h = ln[i].h + (i == n - 1 ? keep_after : 0);
        if (y0 + (ln[i].top - off) + h <= BOTTOM || y0 + (ln[i].top - off) <= TOP) continue;
        int b = i;
        bool whole = !moved && start == 0 && y > TOP && (i == 1 || (n - i == 1 && i < 3));
        if (whole) b = 0;                                   /* orphan, or a widow with no line to spare */
        else if (n - i == 1 && i - start >= 3) b = i - 1;   /* widow: take one more line along */
        int full = b;
        while (b > 0 && b - start > 2 && ln[b - 1].hyph) b--;
        /* Every line back to the page's second ends in a hyphenated word (a
         * long, densely hyphenated text): the paragraph goes whole to the
         * next page once; after that, or later in it, the page stays full.
         * Moving it whole again looped for ever (S12C: the Compendio of
         * 70 000 actions, a description of 7.8 KB; test_pdf_hyphen_pages). */
        if (b > 0 && b - start <= 2 && ln[b - 1].hyph) b = start == 0 && !moved && y > TOP ? 0 : full;
        moved = moved || b == 0;
        brk[b] = true;
        start = b;
        off = ln[b].top;
        y0 = TOP;
        i = b;
    }
}

static void breaks(const P *p, const Line *ln, int n, bool *brk) { breaks_at(p->y, p->keep_after, ln, n, brk); }

/* The lines of L, in a g_new array of *N. */
static Line *layout_lines(PangoLayout *l, int *n) {
    *n = pango_layout_get_line_count(l);
    Line *ln = g_new(Line, (gsize)*n);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    for (int i = 0; i < *n; i++, pango_layout_iter_next_line(it)) {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        ln[i] = (Line){r.y / PS, r.height / PS, pango_layout_iter_get_baseline(it) / PS, line, NULL, NULL,
                       hyphenated(line)};
    }
    pango_layout_iter_free(it);
    return ln;
}

/* Whether breaks() would move the whole of L, set at Y with KEEP_AFTER
 * under its last line, to the next page. */
static bool moves_whole(const Line *ln, int n, double y, double keep_after) {
    bool *brk = g_new0(bool, (gsize)(n ? n : 1));
    breaks_at(y, keep_after, ln, n, brk);
    bool whole = n > 0 && brk[0];
    g_free(brk);
    return whole;
}

/* ------------------------------------------------------------ text drawing */

/* A line is drawn by show_line() with one cairo_show_text_glyphs per font
 * instead of pango_cairo_show_layout_line's one per pango item (cut_items
 * makes several per line): the same glyphs at the same positions, the
 * same text behind them (the clusters, but for the soft hyphens inside a
 * line: see run_add), for less of cairo's page output
 * (docs/performance.md, third round). Only lines pango's renderer would
 * draw the same way: left to right, no attribute but emphasis, language
 * and cut_items' fallback marks, every glyph in its font. */
#define RUN_MAX 1024            /* glyphs of one show_text_glyphs; longer lines go to pango */
#define RUN_BYTES 8192          /* and its text's bytes */
#define SHY "\xc2\xad"           /* U+00AD, the soft hyphen hyphen.c puts at each hyphenation point */

typedef struct {
    cairo_glyph_t g[RUN_MAX];
    cairo_text_cluster_t c[RUN_MAX];
    char utf8[RUN_BYTES];       /* the text of the glyphs, */
    int ng, nc, bytes;          /* BYTES long */
    const char *end;            /* where the last run added ends in the layout's text */
    PangoFont *font;
} Run;

/* Whether show_line draws GI itself; RTL: a run right to left too (a
 * pango line's runs are in visual order, the breaker's are not). */
static bool plain_run_dir(const PangoGlyphItem *gi, bool rtl) {
    const PangoAnalysis *a = &gi->item->analysis;
    if ((a->level % 2 && !rtl) || a->flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) return false;
    if (gi->start_x_offset || gi->end_x_offset || gi->y_offset) return false;
    for (GSList *e = a->extra_attrs; e; e = e->next) {
        PangoAttrType t = ((PangoAttribute *)e->data)->klass->type;
        if (t != PANGO_ATTR_FALLBACK && t != PANGO_ATTR_FONT_FEATURES) return false;   /* pdf_text_set's */
    }
    for (int i = 0; i < gi->glyphs->num_glyphs; i++)
        if (gi->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) return false;   /* pango draws a box */
    return true;
}

static bool plain_run(const PangoGlyphItem *gi) { return plain_run_dir(gi, false); }

static bool plain_line(PangoLayoutLine *line) {
    int n = 0, bytes = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        if (!plain_run_dir(r->data, true)) return false;
        n += ((PangoGlyphItem *)r->data)->glyphs->num_glyphs;
        bytes += ((PangoGlyphItem *)r->data)->item->length;
    }
    return n <= RUN_MAX && bytes <= RUN_BYTES;
}

/* Whether GS has a glyph to draw: a run of only a line's final space has
 * none (pango empties it), and pango_cairo_show_layout_line writes nothing
 * for it, not even its text. */
static bool inked(const PangoGlyphString *gs) {
    for (int i = 0; i < gs->num_glyphs; i++)
        if (gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY) return true;
    return false;
}

/* Whether GI's text is only spaces: such a run is given to cairo alone, as
 * pango's renderer gives it. Cairo writes a space alone differently
 * (after a bold word, not at all: the words after it then sit up to
 * 0.01 pt away from where they sit when the space goes with them). */
static bool spaces(const char *text, const PangoGlyphItem *gi) {
    for (int i = 0; i < gi->item->length; i++)
        if (text[gi->item->offset + i] != ' ') return false;
    return true;
}

static void run_flush(cairo_t *cr, Run *b) {
    if (b->ng) {
        cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font((PangoCairoFont *)b->font));
        cairo_show_text_glyphs(cr, b->utf8, b->bytes, b->g, b->ng, b->c, b->nc, 0);
    }
    b->ng = b->nc = b->bytes = 0;
}

/* A line's final space, which pango leaves without a glyph, drawn as the
 * font's space glyph at X, Y: a reader of the structure tree alone
 * (pdfinfo -struct-text, a screen reader walking the tags) otherwise got
 * the last word of a line run into the first of the next («con
 * baseempírica»; issue 12, round 5, #13). A glyph of its own, not text
 * joined to the glyph before: that costs an /ActualText span per line,
 * after which poppler's structure text drops the rest of the paragraph.
 * The space has no ink, so the page looks the same. */
static void final_space(Run *b, double x, double y) {
    hb_codepoint_t gid;
    if (!b->font || b->ng >= RUN_MAX || b->nc >= RUN_MAX || b->bytes + 1 > RUN_BYTES ||
        !hb_font_get_nominal_glyph(pango_font_get_hb_font(b->font), ' ', &gid))
        return;
    b->utf8[b->bytes++] = ' ';
    b->c[b->nc++] = (cairo_text_cluster_t){1, 1};
    b->g[b->ng++] = (cairo_glyph_t){gid, x, y};
}

/* Whether the N bytes at S are one character drawn as nothing that a
 * reader needs as text: a soft hyphen inside a line, a bidi mark or
 * isolate (pmm wraps a record's text holding right-to-left letters in
 * U+2068...U+2069), a zero-width space or joiner, a BOM. Given to cairo
 * without a glyph, such a character costs an /ActualText span, and
 * poppler's structure text (a screen reader walking the tags) drops the
 * rest of the element after one: a record's whole description (t12w F2). */
static bool invisible(const char *s, int n) {
    if (n == 2) return !memcmp(s, SHY, 2);
    if (n != 3) return false;
    gunichar c = g_utf8_get_char(s);
    return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) ||
           c == 0xfeff;
}

/* The glyph of the hyphen pango adds at a break inside a word (U+2010,
 * else '-', in FONT), or 0 when the font has neither. */
static hb_codepoint_t hyphen_glyph(PangoFont *font) {
    hb_font_t *hb = pango_font_get_hb_font(font);
    hb_codepoint_t gid;
    if (hb_font_get_nominal_glyph(hb, 0x2010, &gid) || hb_font_get_nominal_glyph(hb, '-', &gid)) return gid;
    return 0;
}

/* Appends GI's glyphs and clusters to B, placed as pango's renderer places
 * them: BASE_X + (X_OFF + the glyphs before) / PANGO_SCALE. A character
 * drawn as nothing (invisible()) has no glyph: given to cairo as a cluster
 * of its own it costs a marked-content span (ActualText) in the page, so
 * its text is left out; a line's final space, which pango empties, and a
 * tab, which has no glyph either, are drawn as the font's space glyph
 * (final_space). At a line's end pango draws a soft hyphen as a hyphen
 * glyph, and that cluster is kept; the hyphen it adds after the last
 * letter of a word broken inside (a word longer than the line) is given
 * the text of a soft hyphen, a cluster of its own: in the letter's, two
 * glyphs for one character, it cost an /ActualText span. */
static void run_add(Run *b, const char *text, const PangoGlyphItem *gi, double base_x, double base_y, int x_off) {
    const PangoGlyphString *gs = gi->glyphs;
    const PangoItem *it = gi->item;
    const char *t = text + it->offset;
    int xpos = 0;
    for (int i = 0; i < gs->num_glyphs; i++) {
        const PangoGlyphInfo *g = &gs->glyphs[i];
        bool starts = i == 0 || gs->log_clusters[i] != gs->log_clusters[i - 1];
        if (starts) {
            int end = it->length;
            for (int j = i + 1; j < gs->num_glyphs; j++)
                if (gs->log_clusters[j] != gs->log_clusters[i]) { end = gs->log_clusters[j]; break; }
            int n = end - gs->log_clusters[i];
            const char *ct = t + gs->log_clusters[i];
            bool unseen = g->glyph == PANGO_GLYPH_EMPTY &&
                          (invisible(ct, n) || (n == 1 && (*ct == ' ' || *ct == '\t'))) &&
                          (i + 1 == gs->num_glyphs || gs->log_clusters[i + 1] != gs->log_clusters[i]);
            if (!unseen) {                      /* not a soft hyphen inside the line, nor its final space */
                memcpy(b->utf8 + b->bytes, t + gs->log_clusters[i], (size_t)n);
                b->bytes += n;
                b->c[b->nc++] = (cairo_text_cluster_t){n, 0};
            } else if (n == 1) {
                final_space(b, base_x + (double)(x_off + xpos) / PS, base_y);
                xpos += g->geometry.width;
                continue;
            }
        } else if (i + 1 == gs->num_glyphs && b->nc && b->c[b->nc - 1].num_glyphs > 0 &&
                   b->c[b->nc - 1].num_bytes == g_utf8_skip[(guchar)t[gs->log_clusters[i]]] &&
                   b->ng < RUN_MAX && b->bytes + 2 <= RUN_BYTES && g->glyph == hyphen_glyph(b->font)) {
            /* the hyphen pango adds at a break inside a word: a cluster of its own */
            memcpy(b->utf8 + b->bytes, SHY, 2);
            b->bytes += 2;
            b->c[b->nc++] = (cairo_text_cluster_t){2, 0};
        }
        if (g->glyph != PANGO_GLYPH_EMPTY) {
            b->g[b->ng++] = (cairo_glyph_t){g->glyph, base_x + (double)(x_off + xpos + g->geometry.x_offset) / PS,
                                            base_y + (double)g->geometry.y_offset / PS};
            b->c[b->nc - 1].num_glyphs++;
        }
        xpos += g->geometry.width;
    }
    b->end = t + it->length;
}

/* Draws GI, a run right to left, alone: its glyphs where pango's renderer
 * puts them, its clusters in the text's order from the last glyph
 * (CAIRO_TEXT_CLUSTER_FLAG_BACKWARD), as pango's renderer gives them; but
 * a character drawn as nothing (invisible()) left out and a space without
 * a glyph drawn as the space glyph, as run_add does. Pango's renderer drew
 * a line holding Arabic or Hebrew, and each such cluster cost an
 * /ActualText span, after which the structure text lost the rest of the
 * element (t12w F2). */
static void rtl_run(cairo_t *cr, Run *b, const char *text, const PangoGlyphItem *gi, double base_x, double base_y,
                    int x_off) {
    const PangoGlyphString *gs = gi->glyphs;
    const char *t = text + gi->item->offset;
    b->font = gi->item->analysis.font;
    int n = gs->num_glyphs, *xs = g_new(int, (gsize)n + 1);
    xs[0] = 0;
    for (int i = 0; i < n; i++) xs[i + 1] = xs[i] + gs->glyphs[i].geometry.width;
    for (int i = n - 1; i >= 0;) {          /* logical order: from the last glyph */
        int j = i;
        while (j > 0 && gs->log_clusters[j - 1] == gs->log_clusters[i]) j--;
        int from = gs->log_clusters[i], to = j > 0 ? gs->log_clusters[j - 1] : gi->item->length;
        int len = to - from, ink = 0;
        for (int k = j; k <= i; k++) ink += gs->glyphs[k].glyph != PANGO_GLYPH_EMPTY;
        if (b->ng + (i - j + 2) > RUN_MAX || b->nc + 1 > RUN_MAX || b->bytes + len > RUN_BYTES) break;
        if (!ink && len == 1 && t[from] == ' ') {
            final_space(b, base_x + (double)(x_off + xs[j]) / PS, base_y);
        } else if (ink || !invisible(t + from, len)) {
            memcpy(b->utf8 + b->bytes, t + from, (size_t)len);
            b->bytes += len;
            b->c[b->nc++] = (cairo_text_cluster_t){len, 0};
            for (int k = i; k >= j; k--) {
                const PangoGlyphInfo *g = &gs->glyphs[k];
                if (g->glyph == PANGO_GLYPH_EMPTY) continue;
                b->g[b->ng++] = (cairo_glyph_t){g->glyph, base_x + (double)(x_off + xs[k] + g->geometry.x_offset) / PS,
                                                base_y + (double)g->geometry.y_offset / PS};
                b->c[b->nc - 1].num_glyphs++;
            }
        }
        i = j - 1;
    }
    g_free(xs);
    for (int i = 0, k = b->ng - 1; i < k; i++, k--) {       /* the glyphs back in visual order */
        cairo_glyph_t g = b->g[i];
        b->g[i] = b->g[k];
        b->g[k] = g;
    }
    if (b->ng) {
        cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font((PangoCairoFont *)b->font));
        cairo_show_text_glyphs(cr, b->utf8, b->bytes, b->g, b->ng, b->c, b->nc, CAIRO_TEXT_CLUSTER_FLAG_BACKWARD);
    }
    b->ng = b->nc = b->bytes = 0;
    b->end = NULL;
}

/* Whether cairo 1.16 writes nothing, not even the text, for GI (a run of
 * only spaces, no ink) given alone at BASE_X + X_OFF, BASE_Y: the ink box
 * of glyphs without ink is the points where they sit, rounded out to
 * whole device units (_cairo_scaled_font_glyph_device_extents); on a
 * whole unit across or down it is empty, and the drawing is dropped as
 * clipped out. Elsewhere cairo writes the space, and the words after it
 * are placed from it. */
static bool dropped_alone(cairo_t *cr, const PangoGlyphItem *gi, double base_x, double base_y, int x_off) {
    double x0 = base_x + (double)x_off / PS, y = base_y;
    double x1 = x0 + (double)(pango_glyph_string_get_width(gi->glyphs) - gi->glyphs->glyphs[gi->glyphs->num_glyphs - 1]
                                                                                 .geometry.width) / PS;
    cairo_user_to_device(cr, &x0, &y);
    double y1 = base_y;
    cairo_user_to_device(cr, &x1, &y1);
    long fx0 = lround(x0 * 256), fx1 = lround(x1 * 256), fy = lround(y * 256);
    bool flat_x = fx0 / 256 == fx1 / 256 && fx0 % 256 == 0 && fx1 % 256 == 0;
    return flat_x || fy % 256 == 0;
}

/* Appends the spaces of GI, a run of only spaces that cairo would drop
 * (dropped_alone), to B's run (another font's, or language's), each as
 * B's font's space glyph where GI has it: the structure text ran the
 * words around it together («Description:Informe…» after a bold label,
 * on a line whose baseline fell on a whole point; t12w F5). */
static void spaces_add(Run *b, const PangoGlyphItem *gi, double base_x, double base_y, int x_off) {
    int xpos = 0;
    for (int i = 0; i < gi->glyphs->num_glyphs; i++) {
        final_space(b, base_x + (double)(x_off + xpos) / PS, base_y);
        xpos += gi->glyphs->glyphs[i].geometry.width;
    }
}

/* Draws RUNS (PangoGlyphItems of TEXT, a plain line) with their baseline's
 * start at BASE_X, BASE_Y; BREAK: the line ends at a line break of the
 * text, which gets a space (final_space) as a line that wraps at one. */
static void draw_runs(cairo_t *cr, const char *text, GSList *runs, double base_x, double base_y, bool brk) {
    Run *b = g_new(Run, 1);
    b->ng = b->nc = b->bytes = 0;
    b->font = NULL;
    b->end = NULL;
    int x_off = 0;
    for (GSList *r = runs; r; r = r->next) {
        const PangoGlyphItem *gi = r->data;
        if (!inked(gi->glyphs)) {       /* a line's final space, a tab: no glyph */
            const char *c = text + gi->item->offset;
            if (gi->item->length == 1 && (*c == ' ' || *c == '\t') && (c == b->end || *c == '\t'))
                final_space(b, base_x + (double)x_off / PS, base_y);
            x_off += pango_glyph_string_get_width(gi->glyphs);
            continue;
        }
        if (gi->item->analysis.level % 2) {
            run_flush(cr, b);
            rtl_run(cr, b, text, gi, base_x, base_y, x_off);
            x_off += pango_glyph_string_get_width(gi->glyphs);
            continue;
        }
        bool alone = spaces(text, gi);
        if (alone && b->ng && text + gi->item->offset == b->end && dropped_alone(cr, gi, base_x, base_y, x_off)) {
            spaces_add(b, gi, base_x, base_y, x_off);
            b->end = text + gi->item->offset + gi->item->length;
            run_flush(cr, b);
            x_off += pango_glyph_string_get_width(gi->glyphs);
            continue;
        }
        if (alone || gi->item->analysis.font != b->font || text + gi->item->offset != b->end)
            run_flush(cr, b);
        b->font = gi->item->analysis.font;
        run_add(b, text, gi, base_x, base_y, x_off);
        if (alone) run_flush(cr, b);
        x_off += pango_glyph_string_get_width(gi->glyphs);
    }
    if (brk && b->end && b->end > text && b->end[-1] != ' ' && b->end[-1] != '\t')
        final_space(b, base_x + (double)x_off / PS, base_y);
    run_flush(cr, b);
    g_free(b);
}

/* Whether LINE ends at a line break of its text ('\n', "\r\n", '\r';
 * doc_text makes the other separators '\n'): pango gives the break no
 * glyph and no run, and the structure text ran the line's last word into
 * the next line's first («preámbulosegunda»; t12w F3). */
static bool ends_at_break(PangoLayoutLine *line) {
    const char *t = pango_layout_get_text(line->layout);
    int end = line->start_index + line->length;
    return t[end] == '\n' || t[end] == '\r' || (end > line->start_index && (t[end - 1] == '\n' || t[end - 1] == '\r'));
}

/* Draws LINE (plain_line) with its baseline's start at BASE_X, BASE_Y. */
static void draw_plain_line(cairo_t *cr, PangoLayoutLine *line, double base_x, double base_y) {
    draw_runs(cr, pango_layout_get_text(line->layout), line->runs, base_x, base_y, ends_at_break(line));
}

/* Draws LINE with its baseline's start at the current point. */
static void show_line(cairo_t *cr, PangoLayoutLine *line) {
    if (!plain_line(line)) {
        pango_cairo_show_layout_line(cr, line);
        return;
    }
    double x, y;                    /* the current point as pango reads it (cairo's fixed point) */
    cairo_get_current_point(cr, &x, &y);
    draw_plain_line(cr, line, x, y);
}

/* Draws L with its top left corner at the current point, each line where
 * pango_cairo_show_layout puts it (its alignment, its baseline). */
static void show_layout(cairo_t *cr, PangoLayout *l) {
    for (GSList *e = pango_layout_get_lines_readonly(l); e; e = e->next)
        if (!plain_line(e->data)) {
            pango_cairo_show_layout(cr, l);
            return;
        }
    double x, y;
    cairo_get_current_point(cr, &x, &y);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        draw_plain_line(cr, pango_layout_iter_get_line_readonly(it), x + (double)r.x / PS,
                        y + (double)pango_layout_iter_get_baseline(it) / PS);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Draws the lines LN (N) from the current position, going on to the next
 * page where breaks() says; indent X. */
static void flow_lines(P *p, const Line *ln, int n, double x, unsigned color) {
    bool *brk = g_new0(bool, (gsize)(n ? n : 1));
    breaks(p, ln, n, brk);
    double y0 = p->y, off = 0, bottom = 0;
    for (int i = 0; i < n; i++) {
        if (brk[i]) {
            new_page(p);
            y0 = p->y;
            off = ln[i].top;
        }
        if (p->draw) {
            rgb(p->cr, color);
            cairo_move_to(p->cr, x, y0 + (ln[i].base - off));
            if (ln[i].line) {
                show_line(p->cr, ln[i].line);
            } else {
                double cx, cy;          /* the current point as pango reads it (cairo's fixed point) */
                cairo_get_current_point(p->cr, &cx, &cy);
                draw_runs(p->cr, ln[i].text, ln[i].runs, cx, cy, false);   /* own lines: no line break */
            }
        }
        bottom = ln[i].top + ln[i].h;
    }
    p->y = y0 + (bottom - off);
    g_free(brk);
}

/* ------------------------------------------------------------ paragraphs */

/* A justified paragraph of body text, broken into lines by pmm's own
 * breaker (render/pdf_text.c: the text shaped once, where pango 1.50
 * shapes each glyph about 2.4 times as it looks for the breaks), or by
 * pango when the breaker does not handle it: a line break inside, a run
 * right to left or with an attribute but emphasis and language, a
 * character no font has (pango draws its box, and it is warned about),
 * a line of more than RUN_MAX glyphs, a break where an item starts (see
 * own_lines), no text. Its lines are pango's, each
 * word at pango's place (tests/cli/test_pdf_breaker.py), drawn as
 * draw_plain_line draws pango's. */
typedef struct {
    PangoLayout *l;             /* pango's layout (the fallback), or NULL: */
    char *text;                 /* the text of the own lines' runs */
    Line *ln;
    int n;
    double h;                   /* points */
} Para;

static void para_free(gpointer data) {
    Para *pa = data;
    for (int i = 0; i < pa->n; i++)
        if (pa->ln[i].runs) pdf_line_runs_free(pa->ln[i].runs);
    g_free(pa->ln);
    if (pa->l) g_object_unref(pa->l);
    g_free(pa->text);
    g_free(pa);
}

/* Whether the line [A, B) of SH, not a paragraph's last, holds one word
 * (one_word_line's rule, on the breaker's lines). */
static bool one_word(const PdfShaped *sh, int a, int b) {
    int s = sh->byte[a], e = sh->byte[b];
    while (e > s && (sh->text[e - 1] == ' ' || sh->text[e - 1] == '\n')) e--;
    return !memchr(sh->text + s, ' ', (size_t)(e - s));
}

/* The lines of the markup M (AS_MARKUP) in style ST by pmm's breaker into
 * PA; false, PA untouched, when the breaker does not handle it. */
static bool own_lines(P *p, Para *pa, const char *m, bool as_markup, const Style *st) {
    PangoAttrList *al = NULL;
    char *text = NULL;
    if (as_markup) {
        if (!pango_parse_markup(m, -1, 0, &al, &text, NULL, NULL)) return false;
    } else {
        text = g_strdup(m);
    }
    if (!al) al = pango_attr_list_new();
    PangoFontDescription *fd = pdf_text_font(st->size, st->bold);
    pango_attr_list_insert_before(al, pango_attr_font_desc_new(fd));
    pango_font_description_free(fd);
    PdfShaped sh;
    pdf_shaped_init(&sh, p->pc, text, (int)strlen(text), al, true);
    pango_attr_list_unref(al);
    bool ok = sh.n > 0;
    for (int c = 1; ok && c < sh.n; c++) ok = !sh.la[c].is_mandatory_break && sh.text[sh.byte[c]] != '\n';
    for (int k = 0; ok && k < sh.ni; k++) {
        PangoGlyphItem gi = {0};
        gi.item = sh.iv[k];
        gi.glyphs = sh.gv[k];
        ok = plain_run(&gi);
    }
    int *starts = g_new(int, (gsize)sh.n + 1), n = 0;
    long width = (int)(st->width * PS);          /* as pango_layout_set_width has it */
    if (ok) n = pdf_breaks(&sh, width, starts);
    bool justify = st->justify;
    for (int i = 0; ok && justify && i + 1 < n; i++) justify = !one_word(&sh, starts[i], starts[i + 1]);
    /* A break where an item starts (a change of face or language): pango
     * comes back to it from the next item, with the width left there, and
     * the line's final space kept its width in the justification (the
     * English Informe's line of Spanish text: one space, 3 pt, off). Pango
     * breaks such a paragraph. */
    for (int i = 1; ok && i < n; i++) ok = sh.item[starts[i]] == sh.item[starts[i] - 1];
    Line *ln = g_new0(Line, (gsize)(n ? n : 1));
    int top = 0;
    for (int i = 0; ok && i < n; i++) {
        int a = starts[i], b = i + 1 < n ? starts[i + 1] : sh.n;
        PangoRectangle lg;
        GSList *runs = pdf_line_runs(&sh, a, b, width, justify && i + 1 < n, &lg);
        int glyphs = 0;
        for (GSList *r = runs; r && ok; r = r->next) {
            ok = plain_run(r->data);
            glyphs += ((PangoGlyphItem *)r->data)->glyphs->num_glyphs;
        }
        ok = ok && glyphs <= RUN_MAX && sh.byte[b] - sh.byte[a] <= RUN_BYTES;
        ln[i] = (Line){top / PS, lg.height / PS, (top - lg.y) / PS, NULL, runs, text,
                       sh.byte[b] >= 2 && memcmp(text + sh.byte[b] - 2, SHY, 2) == 0};
        top += lg.height;
    }
    g_free(starts);
    pdf_shaped_free(&sh);
    if (!ok) {
        for (int i = 0; i < n; i++)
            if (ln[i].runs) pdf_line_runs_free(ln[i].runs);
        g_free(ln);
        g_free(text);
        return false;
    }
    pa->text = text;
    pa->ln = ln;
    pa->n = n;
    pa->h = top / PS;
    return true;
}

/* The paragraph MARKED at SIZE in WIDTH points (a Para), justified and
 * hyphenated or ragged, from the cache when it was made before; *HOLD is
 * the caller's to unref. */
static const Para *para_get(P *p, const char *marked, double size, bool bold, double width, bool justify,
                            GObject **hold) {
    Style st = {size, width, bold, justify, false, PANGO_ALIGN_LEFT};
    char *k = style_key(&st, marked), *key = g_strconcat("P", k, NULL);
    g_free(k);
    GObject *o = g_hash_table_lookup(p->cache, key);
    if (o) {
        g_free(key);
        *hold = g_object_ref(o);
        return g_object_get_data(o, "para");
    }
    Para *pa = g_new0(Para, 1);
    bool own = false;
    if (!p->pango_only) {
        Str m = STR_INIT;
        bool as_markup = strchr(marked, DOC_BOLD[0]) || strchr(marked, DOC_ES[0]);
        markup(&m, marked, as_markup, justify ? p->hyph : NULL, p->d->lang);   /* as make_layout */
        own = own_lines(p, pa, str_cstr(&m), as_markup, &st);
        str_free(&m);
    }
    if (own) p->made->own++;
    else p->made->pango++;
    if (!own) {
        pa->l = layout_st(p, marked, &st);
        pa->ln = layout_lines(pa->l, &pa->n);
        pa->h = layout_h(pa->l);
    }
    o = g_object_new(G_TYPE_OBJECT, NULL);
    g_object_set_data_full(o, "para", pa, para_free);
    cache_put(p, key, o);
    *hold = o;
    return pa;
}

static void paragraph(P *p, const char *marked, double size, bool bold, double indent, unsigned color,
                      double after) {
    GObject *hold;
    const Para *pa = para_get(p, marked, size, bold, CW - indent, true, &hold);
    tag_begin(p, "P");
    flow_lines(p, pa->ln, pa->n, MX + indent, color);
    tag_end(p);
    g_object_unref(hold);
    p->y += after;
}

/* The paragraphs of a paragraph block's marked text, g_strdup'd: a blank
 * line (or one of spaces and tabs) starts a new one, as in the HTML and
 * the DOCX (doc_paragraphs). The PDF drew such a line as an empty line
 * inside one P element, and a record's blank line as a plain line break
 * (issue 12, t12w F4). */
static void piece_add(void *ctx, const char *piece) { g_ptr_array_add(ctx, g_strdup(piece)); }

static GPtrArray *pieces(const char *marked) {
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    doc_paragraphs(marked ? marked : "", piece_add, a);
    if (!a->len) g_ptr_array_add(a, g_strdup(""));     /* a block of white space: one empty paragraph, as before */
    return a;
}

/* The body text MARKED of a paragraph block, each of its paragraphs
 * (pieces) a P element, AFTER points below each. */
static void paragraphs(P *p, const char *marked, double size, unsigned color, double after) {
    GPtrArray *a = pieces(marked);
    double keep = p->keep_after;            /* the notes after the block go with its last paragraph */
    for (guint i = 0; i < a->len; i++) {
        p->keep_after = i + 1 == a->len ? keep : 0;
        paragraph(p, a->pdata[i], size, false, 0, color, after);
    }
    p->keep_after = keep;
    g_ptr_array_unref(a);
}

/* The height paragraphs() takes for MARKED, AFTER points below each of
 * its paragraphs. */
static double paragraphs_h(P *p, const char *marked, double size, bool justify, double after) {
    GPtrArray *a = pieces(marked);
    double h = 0;
    for (guint i = 0; i < a->len; i++) {
        GObject *hold;
        h += para_get(p, a->pdata[i], size, false, CW, justify, &hold)->h + after;
        g_object_unref(hold);
    }
    g_ptr_array_unref(a);
    return h;
}

static int anchor_page(P *p, const char *anchor) {
    int64_t v = 0;
    return anchor && hmap_get(p->anchors, anchor, &v) ? (int)v : 0;
}

static void mark_anchor(P *p, const Block *b, int level) {
    if (!b->anchor) return;
    if (!p->draw) {
        hmap_put(p->anchors, b->anchor, p->page);
        return;
    }
    if (!b->in_toc || level > 2) return;
    Str plain = STR_INIT;
    doc_plain(&plain, b->text);
    char dest[64];
    snprintf(dest, sizeof dest, "page=%d pos=[%.0f %.0f]", p->page, MX, p->y > 20 ? p->y - 20 : 0);
    int id = cairo_pdf_surface_add_outline(p->surf, level == 1 ? CAIRO_PDF_OUTLINE_ROOT : p->outline_parent,
                                           str_cstr(&plain), dest, 0);
    if (level == 1) p->outline_parent = id;
    str_free(&plain);
}

/* ------------------------------------------------------------ blocks */

/* The chart in B laid out, once per chart (both passes draw or measure
 * it, and every heading before it asks its height), in P's arena. */
static const Scene *chart_scene(P *p, const Block *b) {
    Scene *sc = g_hash_table_lookup(p->scenes, b);
    if (sc) return sc;
    sc = arena_alloc(p->arena, sizeof *sc);
    chart_layout(b->chart, p->arena, sc);
    g_hash_table_insert(p->scenes, (gpointer)b, sc);
    return sc;
}

/* Its height in points at full width. */
static double chart_height(P *p, const Block *b) { return chart_scene(p, b)->height * CW / CHART_WIDTH; }

static double record_keep(P *p, const Block *title, double above);

/* What must follow a heading on its page, ABOVE points below the current
 * position: the next chart whole, the next heading and what it keeps, a
 * Compendio record's start as record_keep says (verification round: a
 * heading ended a page when the rule for the record moved it on), or a
 * few lines of text. */
static double keep_height(P *p, const Block *b, int depth, double above) {
    if (!b) return 0;
    if (b->kind == B_CHART) return CHART_SHRINK * chart_height(p, b) + 28;     /* and its source line */
    if ((b->kind == B_H2 || b->kind == B_H3) && depth < 2)
        return 30 + keep_height(p, b->next, depth + 1, above + 30);
    if (b->kind == B_P && b->title && b->folio) return 5 + record_keep(p, b, above);   /* 5: under the heading */
    return 70;
}

static void heading(P *p, const Block *b) {
    if (b->kind == B_H1) {
        p->section = b->text;
        new_page(p);
        mark_anchor(p, b, 1);
        PangoLayout *l = layout(p, b->text, 19, true, CW, false);
        tag_begin(p, "H1");
        show(p, l, MX, p->y, C_HEAD);
        tag_end(p);
        p->y += layout_h(l) + 6;
        g_object_unref(l);
        if (p->draw) {
            rgb(p->cr, C_ACCENT);
            cairo_rectangle(p->cr, MX, p->y, 60, 3);
            cairo_fill(p->cr);
        }
        p->y += 18;
        return;
    }
    double size = b->kind == B_H2 ? 12.5 : 11;
    PangoLayout *l = layout(p, b->text, size, true, CW, false);
    double h = layout_h(l);
    p->y += b->kind == B_H2 ? 12 : 8;
    need(p, h + keep_height(p, b->next, 0, h + 5));
    mark_anchor(p, b, b->kind == B_H2 ? 2 : 3);
    tag_begin(p, b->kind == B_H2 ? "H2" : "H3");
    show(p, l, MX, p->y, C_HEAD);
    tag_end(p);
    p->y += h + 5;
    g_object_unref(l);
}

/* A chart whole on its page, at full width; one that misses the space
 * left by a few lines is drawn up to a fifth smaller instead, so that a
 * paragraph and its chart do not leave a page nearly empty. */
static void chart(P *p, const Block *b) {
    /* the figure's source line stays on its page, under it */
    PangoLayout *src = p->d->source ? layout(p, p->d->source, 7.5, false, CW, false) : NULL;
    double h = chart_height(p, b), f = 1, sh = (src ? layout_h(src) + 2 : 0) + p->keep_after;
    p->y += 6;
    if (p->y + h + sh > BOTTOM && p->y > TOP) {
        if (BOTTOM - p->y - sh >= CHART_SHRINK * h) f = (BOTTOM - p->y - sh) / h;
        else new_page(p);
    }
    if (p->draw) {
        tag_begin(p, "Figure");
        cairo_save(p->cr);
        cairo_translate(p->cr, MX + CW * (1 - f) / 2, p->y);
        chart_cairo(chart_scene(p, b), p->cr, f * CW / CHART_WIDTH, p->pc, p->cache);
        cairo_restore(p->cr);
        tag_end(p);
    }
    p->y += h * f;
    if (src) {
        tag_begin(p, "Caption");
        show(p, src, MX, p->y, 0x57606a);
        tag_end(p);
        p->y += sh - p->keep_after;
        g_object_unref(src);
    }
    p->y += 10;
}

/* The width of L's widest word, which its column must not be narrower
 * than (else the word is cut: «Ti-po»); L is one line, not wrapped. One
 * walk over its clusters. */
static double widest_word(PangoLayout *l) {
    const char *t = pango_layout_get_text(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double widest = 0, word = 0;
    do {
        int i = pango_layout_iter_get_index(it);
        if (t[i] == ' ' || t[i] == '\n' || t[i] == '\0') {
            word = 0;
            continue;
        }
        PangoRectangle r;
        pango_layout_iter_get_cluster_extents(it, NULL, &r);
        word += r.width / PS;
        if (word > widest) widest = word;
    } while (pango_layout_iter_next_cluster(it));
    pango_layout_iter_free(it);
    return widest;
}

static double column_width(P *p, const Table *t, int c, bool words) {
    double w = 0;
    for (int r = 0; r < t->nrows; r++) {
        bool bold = r == 0 || (t->total_row && r == t->nrows - 1);
        PangoLayout *l = layout(p, t->cells[r * t->ncols + c], 8.5, bold, 0, false);
        double lw = (words ? widest_word(l) : layout_w(l)) + 10;
        g_object_unref(l);
        if (lw > w) w = lw;
    }
    return w;
}

static void column_widths(P *p, const Table *t, double *w) {
    double nat[32] = {0}, min[32] = {0}, fixed = 0, flex = 0, flexmin = 0;
    int nc = t->ncols < 32 ? t->ncols : 32;
    for (int c = 0; c < nc; c++) {
        nat[c] = column_width(p, t, c, false);
        if (t->numeric[c]) fixed += nat[c];
        else flex += nat[c];
    }
    double left = CW - fixed;
    for (int c = 0; c < nc && flex > left; c++)     /* the words matter only when the table is squeezed */
        if (!t->numeric[c]) flexmin += min[c] = column_width(p, t, c, true);
    double spare = left - flexmin;
    for (int c = 0; c < nc; c++) {
        if (t->numeric[c]) w[c] = nat[c];
        else if (flex <= left) w[c] = nat[c] + (left - flex) * nat[c] / (flex > 0 ? flex : 1);
        else if (spare >= 0) w[c] = min[c] + spare * (nat[c] - min[c]) / (flex - flexmin > 0 ? flex - flexmin : 1);
        else w[c] = left * min[c] / (flexmin > 0 ? flexmin : 1);
    }
}

/* The layouts of row R in LS (DX: their offsets in their cells) and its
 * height. A cell that fits its column is the one-line layout column_widths()
 * measured (from the cache, shaped once), right-aligned by hand; only a
 * cell that wraps is laid out again at its column's width. */
static double row_height(P *p, const Table *t, int r, const double *w, PangoLayout **ls, double *dx) {
    double h = 0;
    for (int c = 0; c < t->ncols && c < 32; c++) {
        bool bold = r == 0 || (t->total_row && r == t->nrows - 1);
        const char *cell = t->cells[r * t->ncols + c];
        ls[c] = layout(p, cell, 8.5, bold, 0, false);
        double lw = layout_w(ls[c]);
        dx[c] = t->numeric[c] ? w[c] - 8 - lw : 0;
        if (lw > w[c] - 8) {
            g_object_unref(ls[c]);
            ls[c] = layout_aligned(p, cell, 8.5, bold, w[c] - 8, t->numeric[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
            dx[c] = 0;
        }
        double lh = layout_h(ls[c]);
        if (lh > h) h = lh;
    }
    return h + 7;
}

static void draw_row(P *p, const Table *t, int r, const double *w, PangoLayout **ls, const double *dx, double h) {
    if (p->draw) {
        if (r == 0) {
            rgb(p->cr, 0xeef2f6);
            cairo_rectangle(p->cr, MX, p->y, CW, h);
            cairo_fill(p->cr);
        }
        rgb(p->cr, 0xd0d7de);
        cairo_set_line_width(p->cr, 0.5);
        cairo_move_to(p->cr, MX, p->y + h);
        cairo_line_to(p->cr, MX + CW, p->y + h);
        cairo_stroke(p->cr);
    }
    double x = MX;
    tag_begin(p, "TR");
    for (int c = 0; c < t->ncols && c < 32; c++) {
        tag_begin(p, r == 0 ? "TH" : "TD");
        show(p, ls[c], x + 4 + dx[c], p->y + 3.5, 0x1f2328);
        tag_end(p);
        x += w[c];
    }
    tag_end(p);
    p->y += h;
}

static void unref_row(const Table *t, PangoLayout **ls) {
    for (int c = 0; c < t->ncols && c < 32; c++) g_object_unref(ls[c]);
}

/* Where the rows of T (heights H) go to a new page (BRK[r]: before row r),
 * drawn from the current position: a table that breaks leaves at least
 * TABLE_KEEP rows on each side (issue 12: two rows and the total alone on
 * a page); a short one (half a page) is not broken but moved whole. */
#define TABLE_KEEP 3
static void table_breaks(P *p, const Table *t, const double *h, bool *brk) {
    double total = 0;
    for (int r = 0; r < t->nrows; r++) total += h[r];
    double first = h[0];
    for (int r = 1; r <= TABLE_KEEP && r < t->nrows; r++) first += h[r];
    if (p->y + total > BOTTOM && (total <= (BOTTOM - TOP) / 2 || p->y + first > BOTTOM)) new_page(p);
    double y = p->y;
    int start = 1;
    for (int r = 1; r < t->nrows; r++) {
        if (y + h[r] <= BOTTOM) {
            y += h[r];
            continue;
        }
        int b = r;
        if (t->nrows - b < TABLE_KEEP && t->nrows - TABLE_KEEP - start >= TABLE_KEEP) b = t->nrows - TABLE_KEEP;
        brk[b] = true;
        start = r = b;
        y = TOP + h[0] + h[b];
    }
}

static void table_rows(P *p, const Table *t) {
    double w[32], dx[32];
    PangoLayout *ls[32];
    column_widths(p, t, w);
    p->y += 4;
    double *rh = g_new(double, (gsize)t->nrows);
    bool *brk = g_new0(bool, (gsize)t->nrows);
    for (int r = 0; r < t->nrows; r++) {
        rh[r] = row_height(p, t, r, w, ls, dx);
        unref_row(t, ls);
    }
    rh[t->nrows - 1] += p->keep_after + 10;      /* its note goes with its last rows */
    table_breaks(p, t, rh, brk);
    g_free(rh);
    tag_begin(p, "Table");
    for (int r = 0; r < t->nrows; r++) {
        double h = row_height(p, t, r, w, ls, dx);
        if (brk[r]) {
            new_page(p);
            PangoLayout *hs[32];
            double hdx[32];
            double h0 = row_height(p, t, 0, w, hs, hdx);
            draw_row(p, t, 0, w, hs, hdx, h0);
            unref_row(t, hs);
        }
        draw_row(p, t, r, w, ls, dx, h);
        unref_row(t, ls);
    }
    g_free(brk);
    tag_end(p);
    p->y += 10;
}

/* Issue 16 (hostile fault 5): a table wider than the page (a country with
 * twenty reporter types gives section III's table twenty-two columns of
 * figures) is set in groups of columns, one under the other, each with
 * the leading label columns again, as a printed statistical table is: no
 * column is cut or pushed off the page, none dropped. */
#define TABLE_MAX_COLS 32

/* The leading columns that label the rows (not numeric), repeated in
 * every group: at least one. */
static int label_columns(const Table *t) {
    int n = 0;
    while (n < t->ncols - 1 && !t->numeric[n]) n++;
    return n ? n : 1;
}

/* Whether T fits the text width as one table: its figures at their
 * natural width and its text columns at their widest word. */
static bool table_fits(P *p, const Table *t) {
    if (t->ncols > TABLE_MAX_COLS) return false;
    double need = 0;
    for (int c = 0; c < t->ncols; c++) need += column_width(p, t, c, !t->numeric[c]);
    return need <= CW;
}

/* Columns [FROM, TO) of T after its NLABEL label columns, as a table of its own. */
static void table_group(P *p, const Table *t, int nlabel, int from, int to) {
    Table g = {.ncols = nlabel + to - from, .nrows = t->nrows, .total_row = t->total_row};
    g.cells = g_new(char *, (gsize)(g.ncols * g.nrows));
    g.numeric = g_new(bool, (gsize)g.ncols);
    for (int c = 0; c < g.ncols; c++) {
        int src = c < nlabel ? c : from + c - nlabel;
        g.numeric[c] = t->numeric[src];
        for (int r = 0; r < t->nrows; r++) g.cells[r * g.ncols + c] = t->cells[r * t->ncols + src];
    }
    table_rows(p, &g);
    g_free(g.cells);
    g_free(g.numeric);
}

static void table(P *p, const Table *t) {
    if (table_fits(p, t)) {
        table_rows(p, t);
        return;
    }
    int nlabel = label_columns(t);
    double lead = 0;
    for (int c = 0; c < nlabel; c++) lead += column_width(p, t, c, false);
    if (lead > CW / 3) lead = CW / 3;        /* long labels wrap rather than squeeze the figures */
    /* as many columns as fit, then the groups evened out (13 + 13 + 2
     * becomes 10 + 9 + 9), never wider than what fit */
    int most = TABLE_MAX_COLS - nlabel, ngroups = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int from = nlabel, k = 0; from < t->ncols; k++) {
            double used = lead;
            int to = from;
            while (to < t->ncols && to - from < most) {
                double w = column_width(p, t, to, false);
                if (to > from && used + w > CW) break;
                used += w;
                to++;
            }
            if (pass == 1) table_group(p, t, nlabel, from, to);
            else ngroups = k + 1;
            from = to;
        }
        int even = (t->ncols - nlabel + ngroups - 1) / ngroups;
        if (even < most) most = even;
    }
}

/* The height of the first N lines of LN (NL). */
static double first_lines_h(const Line *ln, int nl, int n) {
    if (nl == 0) return 0;
    int i = (n < nl ? n : nl) - 1;
    return ln[i].top + ln[i].h;
}

/* What a lead-in paragraph B (doc_leads_in) needs on its page: itself, and
 * the first two lines of the paragraph it introduces (one would be an
 * orphan, which breaks() moves on), or its whole when shorter. */
static double lead_in_height(P *p, const Block *b) {
    double h = paragraphs_h(p, b->text, 9.5, true, 6);
    if (b->next->kind != B_P) return h + 30;
    const char *folio = p->folio;
    p->folio = b->next->folio;              /* the layout made here is the one warned about */
    GPtrArray *a = pieces(b->next->text);
    GObject *hold;
    const Para *pa = para_get(p, a->pdata[0], 9.5, false, CW, true, &hold);
    p->folio = folio;
    h += first_lines_h(pa->ln, pa->n, 2);
    g_object_unref(hold);
    g_ptr_array_unref(a);
    return h;
}

/* The height B (a paragraph or a note) takes, as body() draws it. */
static double text_block_h(P *p, const Block *b) {
    bool note = b->kind == B_NOTE;
    if (!b->title && !note) return paragraphs_h(p, b->text, 9.5, true, 6);
    GObject *hold;
    double h = b->title ? para_get(p, b->text, 9.5, false, CW, false, &hold)->h + 6
                        : para_get(p, b->text, 8, false, CW, true, &hold)->h + 6;
    g_object_unref(hold);
    return h;
}

/* A record's last block (its results, a challenge) does not go to a page
 * alone (issue 12: a Compendio page held one line, «Resultados: …»): when
 * B and the record's last block are short, they go on one page together. */
#define RECORD_END_MAX 110.0    /* points: about eight lines of body text */
static void keep_record_end(P *p, const Block *b) {
    const Block *last = b->next;
    if (!b->folio || !last || last->folio != b->folio || (last->kind != B_P && last->kind != B_NOTE)) return;
    if (last->next && last->next->folio == b->folio) return;       /* B is not the record's last but one */
    double h = text_block_h(p, b) + text_block_h(p, last);
    if (h <= RECORD_END_MAX) need(p, h);
}

/* A section's last record does not leave a page of two or three lines
 * before the next part (round 3: Compendio pages held only «Resultados:
 * …» and a challenge): when the record would spill less than
 * SECTION_TAIL_MIN onto a new page and is the last before a part (B_H1) or
 * the end, the whole record starts on that page instead. */
#define SECTION_TAIL_MIN 52.0   /* points: four lines of body text */

/* What the Compendio record TITLE opens needs on the page where it starts,
 * ABOVE points below the current position (a heading's height when a
 * heading asks): the whole record when it is a section's last and would
 * spill less than SECTION_TAIL_MIN; else its title and as much of its
 * first field as the rules that field meets would take to the next page
 * with it (keep_record_end's two last fields, breaks()' orphan and widow,
 * the note kept under it). The one rule for a record's start, asked by
 * the record's title and by the headings over it, so that neither ends a
 * page its record left (verification round, fault 3). */
static double notes_after(P *p, const Block *b);

static double record_keep_at(P *p, const Block *title, double above);

static double record_keep(P *p, const Block *title, double above) {
    const char *folio = p->folio;
    p->folio = title->folio;                /* the layouts made here are the ones warned about */
    double h = record_keep_at(p, title, above);
    p->folio = folio;
    return h;
}

static double record_keep_at(P *p, const Block *title, double above) {
    double whole = 0;
    const Block *e = title;
    for (; e && e->folio == title->folio && (e->kind == B_P || e->kind == B_NOTE); e = e->next)
        whole += text_block_h(p, e);
    double room = BOTTOM - p->y - above;
    if ((!e || e->kind == B_H1) && whole > room && whole - room < SECTION_TAIL_MIN && whole <= BOTTOM - TOP)
        return whole;
    double keep = text_block_h(p, title);
    const Block *first = title->next;
    if (!first || first->folio != title->folio || (first->kind != B_P && first->kind != B_NOTE)) return keep + 30;
    const Block *last = first->next;
    if (last && last->folio == title->folio && (last->kind == B_P || last->kind == B_NOTE) &&
        (!last->next || last->next->folio != title->folio)) {
        double end = text_block_h(p, first) + text_block_h(p, last);
        if (end <= RECORD_END_MAX) return keep + end;               /* keep_record_end's need */
    }
    GObject *hold;
    GPtrArray *a = pieces(first->text);     /* its first paragraph, and the notes when it is the only one */
    const Para *pa = para_get(p, first->kind == B_NOTE ? first->text : a->pdata[0], first->kind == B_NOTE ? 8 : 9.5,
                              false, CW, true, &hold);
    double after = first->kind == B_P && a->len == 1 ? notes_after(p, first) : 0;
    double need_h = moves_whole(pa->ln, pa->n, p->y + above + keep, after) ? keep + pa->h + after
                                                                          : keep + first_lines_h(pa->ln, pa->n, 1);
    g_object_unref(hold);
    g_ptr_array_unref(a);
    return need_h;
}

/* A record's title line: ragged (a title is never justified), and on the
 * page of the record's first lines. */
static void record_title(P *p, const Block *b) {
    GObject *hold;
    const Para *pa = para_get(p, b->text, 9.5, false, CW, false, &hold);
    need(p, b->folio ? record_keep(p, b, 0) : pa->h + 40);
    tag_begin(p, "P");
    flow_lines(p, pa->ln, pa->n, MX, 0x1f2328);
    tag_end(p);
    g_object_unref(hold);
    p->y += 6;
}

/* A glossary term: a heading, so ragged and never hyphenated (round 3:
 * terms were justified and broken «Coordi-nación»). */
static void definition_term(P *p, const char *term) {
    GObject *hold;
    const Para *pa = para_get(p, term, 9.5, true, CW, false, &hold);
    tag_begin(p, "P");
    flow_lines(p, pa->ln, pa->n, MX, C_HEAD);
    tag_end(p);
    g_object_unref(hold);
    p->y += 2;
}

static void index_entry(P *p, const Block *b) {
    Str s = STR_INIT;
    str_puts(&s, DOC_BOLD);
    doc_text(&s, b->text);
    str_puts(&s, DOC_UNBOLD ": ");
    for (int i = 0; i < b->ntargets; i++) {
        int page = anchor_page(p, b->targets[i]);
        str_printf(&s, "%s%s (p. %d)", i ? ", " : "", b->target_labels[i], page);
    }
    paragraph(p, str_cstr(&s), 8.5, false, 0, 0x1f2328, 2);
    str_free(&s);
}

/* The height of the notes that follow B (at most two), which qualify it
 * and go on its page; 0 when none follows or B is itself a note. */
static double notes_after(P *p, const Block *b) {
    double h = 0;
    if (b->kind == B_NOTE) return 0;
    int k = 0;
    for (const Block *n = b->next; n && n->kind == B_NOTE && k < 2; n = n->next, k++)
        h += text_block_h(p, n);
    return h < (BOTTOM - TOP) / 3 ? h : 0;        /* a long note may start a page */
}

static void body(P *p) {
    for (const Block *b = p->d->head; b && !doc_cancelled(); b = b->next) {   /* F3: a stop */
        p->folio = b->folio;
        p->keep_after = b->kind == B_P || b->kind == B_TABLE || b->kind == B_CHART ? notes_after(p, b) : 0;
        if (b->kind == B_P || b->kind == B_NOTE) keep_record_end(p, b);
        switch (b->kind) {
        case B_H1:
        case B_H2:
        case B_H3:
            heading(p, b);
            break;
        case B_P:
            if (doc_leads_in(b)) need(p, lead_in_height(p, b));
            if (b->title) record_title(p, b);
            else paragraphs(p, b->text, 9.5, 0x1f2328, 6);
            break;
        case B_NOTE:
            paragraph(p, b->text, 8, false, 0, 0x57606a, 6);
            break;
        case B_CHART:
            chart(p, b);
            break;
        case B_TABLE:
            table(p, b->table);
            break;
        case B_DEF:
            need(p, 44);
            definition_term(p, b->text);
            paragraph(p, b->text2 ? b->text2 : "", 9, false, 12, 0x1f2328, 8);
            break;
        case B_INDEX:
            index_entry(p, b);
            break;
        }
    }
    p->keep_after = 0;
}

/* The issuer's emblem at the top of the cover, on a white ground (the band
 * is blue), at most EMBLEM_W x EMBLEM_H points, its aspect kept. */
#define EMBLEM_W 150.0
#define EMBLEM_H 80.0
static void cover_emblem(P *p) {
    cairo_surface_t *img = doc_emblem_surface(p->d->emblem, p->d->emblem_len);
    if (!img) return;
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    double k = EMBLEM_W / w < EMBLEM_H / h ? EMBLEM_W / w : EMBLEM_H / h;
    double x = MX, y = 48, pad = 8;
    cairo_set_source_rgb(p->cr, 1, 1, 1);
    cairo_rectangle(p->cr, x - pad, y - pad, w * k + 2 * pad, h * k + 2 * pad);
    cairo_fill(p->cr);
    cairo_save(p->cr);
    cairo_translate(p->cr, x, y);
    cairo_scale(p->cr, k, k);
    cairo_set_source_surface(p->cr, img, 0, 0);
    cairo_paint(p->cr);
    cairo_restore(p->cr);
    cairo_surface_destroy(img);
}

/* Text on the cover at Y, tagged as a paragraph; returns its height. */
static double cover_line(P *p, const char *text, double size, bool bold, double y, unsigned color) {
    PangoLayout *l = layout(p, text, size, bold, CW, false);
    tag_begin(p, "P");
    show(p, l, MX, y, color);
    tag_end(p);
    double h = layout_h(l);
    g_object_unref(l);
    return h;
}

/* L (the cover's title) without a line break after a hyphen: the names of
 * editions («2023-ejemplo») stay whole where the title wraps (issue 13
 * round 3, F13B: «Migración 2023-» / «ejemplo–2025»). The text keeps its
 * hyphen (what a reader copies and pdftotext reads); a word too long for
 * the line still breaks between its other characters. */
static void no_break_after_hyphens(PangoLayout *l) {
    const char *t = pango_layout_get_text(l);
    PangoAttrList *old = pango_layout_get_attributes(l);
    PangoAttrList *al = old ? pango_attr_list_copy(old) : pango_attr_list_new();
    for (const char *h = strchr(t, '-'); h && h[1]; h = strchr(h + 1, '-')) {
        PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = (guint)(h - t);                        /* the break lies between the hyphen */
        a->end_index = (guint)(g_utf8_next_char(h + 1) - t);    /* and the character after it */
        pango_attr_list_insert(al, a);
    }
    pango_layout_set_attributes(l, al);
    pango_attr_list_unref(al);
}

static void cover(P *p) {
    new_page(p);
    if (!p->draw) return;
    rgb(p->cr, C_ACCENT);
    cairo_rectangle(p->cr, 0, 0, PAGE_W, 250);
    cairo_fill(p->cr);
    PangoLayout *l = layout(p, p->d->subtitle ? p->d->subtitle : "", 13, false, CW, false);
    tag_begin(p, "P");
    show(p, l, MX, 170, 0xFFFFFF);
    tag_end(p);
    g_object_unref(l);
    l = make_layout(p, p->d->title, &(Style){34, CW, true, false, false, PANGO_ALIGN_LEFT});   /* not cached: */
    no_break_after_hyphens(l);                                                        /* its own attributes */
    tag_begin(p, "H");
    show(p, l, MX, 300, C_HEAD);
    tag_end(p);
    double h = layout_h(l);
    g_object_unref(l);
    double y = 310 + h;
    y += cover_line(p, p->d->period ? p->d->period : "", 13, false, y, 0x1f2328);
    /* issue 12: who issues it, where and when; the emblem on the band */
    const Doc *d = p->d;          /* the marked forms: the Spanish in an English cover tagged as such */
    if (d->issuer) y += 24 + cover_line(p, d->issuer_marked ? d->issuer_marked : d->issuer, 13, true, y + 24, C_HEAD);
    if (d->place_date) cover_line(p, d->place_date_marked ? d->place_date_marked : d->place_date, 11, false, y + 6, 0x1f2328);
    cover_emblem(p);
    l = layout(p, doc_cover_note(p->d), 9, false, CW, false);
    tag_begin(p, "P");
    show(p, l, MX, PAGE_H - 110, 0x57606a);
    tag_end(p);
    g_object_unref(l);
}

static bool in_contents(const Block *b) { return b->in_toc && (b->kind == B_H1 || b->kind == B_H2); }

static PangoLayout *contents_entry(P *p, const Block *b) {
    bool top = b->kind == B_H1;
    return layout(p, b->text, top ? 10 : 9, top, CW - (top ? 0 : 14) - 40, false);
}

/* The space between entries of the contents: 3 points after an entry and
 * 5 more before a part, or 1 and 2 when that keeps the last few entries
 * (at most a quarter of a page) from running onto a page of their own. */
static void contents_gaps(P *p, double top, double *after, double *before_part) {
    double h = 0, room = BOTTOM - top;
    int entries = 0, parts = 0;
    for (const Block *b = p->d->head; b; b = b->next) {
        if (!in_contents(b)) continue;
        PangoLayout *l = contents_entry(p, b);
        h += layout_h(l);
        g_object_unref(l);
        entries++;
        parts += b->kind == B_H1;
    }
    double normal = h + 3 * entries + 5 * parts, tight = h + entries + 2 * parts;
    double spill = fmod(normal - room, BOTTOM - TOP);
    bool squeeze = normal > room && spill > 0 && spill < (BOTTOM - TOP) / 4 &&
                   floor((tight - room) / (BOTTOM - TOP)) < floor((normal - room) / (BOTTOM - TOP));
    *after = squeeze ? 1 : 3;
    *before_part = squeeze ? 2 : 5;
}

/* The entry before which contents that run onto a second page break:
 * half of them on each page (issue 12: ten entries alone on page 3), or
 * -1 when they fit one page or need more than two. */
static int contents_split(P *p, double after, double before_part) {
    double y = p->y, room = BOTTOM - TOP;
    int n = 0, fit = -1;
    for (const Block *b = p->d->head; b; b = b->next) {
        if (!in_contents(b)) continue;
        PangoLayout *l = contents_entry(p, b);
        y += (b->kind == B_H1 ? before_part : 0) + layout_h(l) + after;
        g_object_unref(l);
        if (y > BOTTOM && fit < 0) fit = n;
        n++;
    }
    if (fit < 0 || y - p->y > room + (BOTTOM - p->y)) return -1;
    return (n + 1) / 2 < fit ? (n + 1) / 2 : fit;
}

static void contents(P *p) {
    p->section = lang_pick(p->d->lang, "Contenido", "Contents");
    new_page(p);
    PangoLayout *l = layout(p, p->section, 19, true, CW, false);
    tag_begin(p, "H1");
    show(p, l, MX, p->y, C_HEAD);
    tag_end(p);
    p->y += layout_h(l) + 16;
    g_object_unref(l);
    double after, before_part;
    contents_gaps(p, p->y, &after, &before_part);
    int split = contents_split(p, after, before_part), i = 0;
    tag_begin(p, "TOC");
    for (const Block *b = p->d->head; b; b = b->next) {
        if (!in_contents(b)) continue;
        bool top = b->kind == B_H1;
        double indent = top ? 0 : 14;
        if (i++ == split) new_page(p);
        else if (top) p->y += before_part;
        l = contents_entry(p, b);
        double h = layout_h(l);
        need(p, h);
        int page = anchor_page(p, b->anchor);
        /* the space before the number is drawn (no ink): without it the
         * entry's text in the structure tree read «I. Preámbulo5» */
        char num[16];
        snprintf(num, sizeof num, " %d", page);
        PangoLayout *n = layout_aligned(p, num, top ? 10 : 9, top, 40, PANGO_ALIGN_RIGHT);
        tag_begin(p, "TOCI");
        if (p->draw && page) {
            char dest[64];
            snprintf(dest, sizeof dest, "page=%d pos=[%.0f %.0f]", page, MX, TOP - 20);
            cairo_tag_begin(p->cr, CAIRO_TAG_LINK, dest);
        }
        show(p, l, MX + indent, p->y, 0x1f2328);
        show(p, n, MX + CW - 40, p->y, 0x1f2328);
        if (p->draw && page) cairo_tag_end(p->cr, CAIRO_TAG_LINK);
        tag_end(p);
        g_object_unref(n);
        g_object_unref(l);
        p->y += h + after;
    }
    tag_end(p);
}

static void render(P *p) {
    tag_begin(p, "Document");
    cover(p);
    contents(p);
    body(p);
    tag_end(p);
    if (p->draw) cairo_show_page(p->cr);
}

/* One context for both passes, so that the second draws the layouts the
 * first made. */
static PangoContext *context(const Doc *d) {
    return pdf_text_context(lang_code(d->lang));
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int length) {
    (void)closure, (void)data, (void)length;
    return CAIRO_STATUS_SUCCESS;
}

/* ------------------------------------------------------------ catalog */

/* What cairo 1.16 cannot say in the catalog of a tagged PDF: its language
 * (/Lang, which a screen reader needs to pronounce it) and that viewers
 * show its title rather than its file name; and that it is tagged
 * (/MarkInfo) when cairo did not say so (it does when the structure tree
 * has one root). Added as an incremental update (PDF 32000-1,
 * 7.5.6): the catalog written again with these keys at the end of the
 * file, a cross-reference section for it and a trailer pointing back to
 * cairo's. Reads cairo's classic trailer; when the file is not in that
 * form (another cairo), says so and leaves it as cairo wrote it. */
/* The last KEY in the N bytes at Z (a PDF holds NUL bytes: no str*()). */
static const char *last(const char *z, size_t n, const char *key) {
    size_t k = strlen(key);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (memcmp(z + i, key, k) == 0) return z + i;
    return NULL;
}

static bool find_after(const char *z, size_t n, const char *key, long *value) {
    const char *k = last(z, n, key);
    if (!k) return false;
    char *end;
    *value = strtol(k + strlen(key), &end, 10);
    return end != k + strlen(key);
}

typedef struct {
    long num, at;               /* object number, its offset in the file */
} XrefEntry;

static int by_num(const void *a, const void *b) {
    long x = ((const XrefEntry *)a)->num, y = ((const XrefEntry *)b)->num;
    return (x > y) - (x < y);
}

/* Appends to UP (to be written at offset BASE) object NUM again: its
 * dictionary's entries from DICT to CLOSE (the ">>"), then EXTRA. */
static void rewrite(Str *up, size_t base, GArray *xr, long num, const char *dict, const char *close,
                    const char *extra) {
    str_putc(up, '\n');
    XrefEntry e = {num, (long)(base + up->len)};
    g_array_append_val(xr, e);
    str_printf(up, "%ld 0 obj\n<<", num);
    str_append(up, dict, (size_t)(close - dict));
    str_puts(up, extra);
    str_puts(up, ">>\nendobj\n");
}

/* UTF8 as a PDF text string: UTF-16BE in hex, after the byte order mark. */
static void pdf_text(Str *s, const char *utf8) {
    static const char hex[] = "0123456789ABCDEF";
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    str_puts(s, "<FEFF");
    for (glong i = 0; u && i < n; i++) {
        char h[4] = {hex[u[i] >> 12], hex[(u[i] >> 8) & 15], hex[(u[i] >> 4) & 15], hex[u[i] & 15]};
        str_append(s, h, 4);
    }
    str_putc(s, '>');
    g_free(u);
}

/* The figures' structure elements (cairo writes them in document order)
 * again with /Alt, the chart's title and text summary, ALTS[i] for the
 * i-th: cairo 1.16 has no attributes for structure elements. */
static bool alt_texts(Str *up, size_t base, GArray *xr, const char *z, size_t n, GPtrArray *alts,
                      const char *path) {
    const char *at[256];
    guint count = 0;
    for (const char *q = z; (q = memmem(q, n - (size_t)(q - z), "/S /Figure\n", 11)) != NULL; q += 11)
        if (count < 256) at[count++] = q;
    if (count != alts->len || count == 256) {
        fprintf(stderr, _("pmm: %s: el PDF tiene %u figuras etiquetadas y el documento %u gráficas: "
                          "las figuras quedan sin texto alternativo\n"), path, count, alts->len);
        return false;
    }
    for (guint i = 0; i < count; i++) {
        const char *o = last(z, (size_t)(at[i] - z), " 0 obj\n<<");
        const char *close = o ? memmem(at[i], n - (size_t)(at[i] - z), ">>\nendobj", 9) : NULL;
        if (!close) return false;
        const char *d = o;
        while (d > z && d[-1] >= '0' && d[-1] <= '9') d--;
        Str alt = STR_INIT;
        str_puts(&alt, "   /Alt ");
        pdf_text(&alt, g_ptr_array_index(alts, i));
        str_putc(&alt, '\n');
        rewrite(up, base, xr, strtol(d, NULL, 10), o + 9, close, str_cstr(&alt));
        str_free(&alt);
    }
    return true;
}

static bool mark_tagged(const char *tmp, const char *path, Lang lang, GPtrArray *alts) {
    gchar *z = NULL;
    gsize n = 0;
    if (!g_file_get_contents(tmp, &z, &n, NULL)) return false;
    /* every whole PDF ends so, whatever cairo wrote before: a file cut
     * short is a failed write, never «another cairo» (t15v F1) */
    gsize end = n;
    while (end > 0 && strchr(" \r\n", z[end - 1])) end--;
    if (end < 5 || memcmp(z + end - 5, "%%EOF", 5) != 0) {
        fprintf(stderr, _("pmm: no se pudo escribir el PDF «%s»: %s\n"), path, _("el archivo quedó incompleto"));
        g_free(z);
        return false;
    }
    long root = 0, size = 0, info = 0, prev = 0;
    const char *trailer = last(z, n, "trailer");
    bool ok = trailer && find_after(trailer, n - (size_t)(trailer - z), "/Root ", &root) &&
              find_after(trailer, n - (size_t)(trailer - z), "/Size ", &size) &&
              find_after(z, n, "startxref\n", &prev) && root > 0 && prev > 0;
    if (ok) find_after(trailer, n - (size_t)(trailer - z), "/Info ", &info);
    char head[32];
    snprintf(head, sizeof head, "\n%ld 0 obj\n<<", root);
    const char *obj = ok ? memmem(z, n, head, strlen(head)) : NULL;
    const char *close = obj ? memmem(obj, n - (size_t)(obj - z), ">>\nendobj", 9) : NULL;
    if (!close) {
        fprintf(stderr, _("pmm: %s: el PDF tiene su estructura etiquetada, pero no se le pudo poner el idioma: "
                          "cairo escribió un catálogo que pmm no reconoce\n"), path);
        g_free(z);
        return true;
    }
    bool marked = memmem(obj, (size_t)(close - obj), "/MarkInfo", 9) != NULL;
    if (memmem(obj, (size_t)(close - obj), "/Lang", 5)) {    /* a cairo that sets it */
        g_free(z);
        return true;
    }
    Str up = STR_INIT, extra = STR_INIT;
    GArray *xr = g_array_new(FALSE, FALSE, sizeof(XrefEntry));
    if (!marked) str_puts(&extra, "   /MarkInfo << /Marked true >>\n");
    str_printf(&extra, "   /Lang (%s)\n   /ViewerPreferences << /DisplayDocTitle true >>\n", lang_code(lang));
    rewrite(&up, n, xr, root, obj + strlen(head), close, str_cstr(&extra));
    alt_texts(&up, n, xr, z, n, alts, path);
    g_array_sort(xr, by_num);
    long xref = (long)n + (long)up.len;
    str_puts(&up, "xref\n");
    for (guint i = 0; i < xr->len; i++) {
        XrefEntry *e = &g_array_index(xr, XrefEntry, i);
        str_printf(&up, "%ld 1\n%010ld 00000 n \n", e->num, e->at);
    }
    str_printf(&up, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", size, root);
    if (info) str_printf(&up, "   /Info %ld 0 R\n", info);
    str_printf(&up, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", prev, xref);
    g_free(z);
    g_array_free(xr, TRUE);
    str_free(&extra);
    FILE *f = fopen(tmp, "ab");
    ok = f && fwrite(up.p, 1, up.len, f) == up.len;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) fprintf(stderr, "pmm: %s: %s\n", path, errtext(errno));
    str_free(&up);
    return ok;
}

/* Each chart's alternative text, in document order: its title and the
 * text summary of its values (as the HTML's <desc> and the DOCX's). */
static GPtrArray *chart_alts(P *p) {
    GPtrArray *alts = g_ptr_array_new_with_free_func(g_free);
    for (const Block *b = p->d->head; b; b = b->next) {
        if (b->kind != B_CHART) continue;
        Str alt = STR_INIT;
        doc_plain(&alt, b->chart->title);
        const Scene *sc = chart_scene(p, b);
        if (sc->desc && *sc->desc) str_printf(&alt, ". %s", sc->desc);
        g_ptr_array_add(alts, g_strdup(str_cstr(&alt)));
        str_free(&alt);
    }
    return alts;
}
/* The PDF's file, written by pmm for cairo (cairo_pdf_surface_create_for_
 * stream): cairo's own file stream lost a write that failed late (the
 * fonts, structure tree and cross-references written at the finish, a
 * disk filling then): its status stayed "success", the file was cut
 * short, and pmm stored it in the download cache and served it, or said
 * «se escribió» (issue 15 round 6, t15v F1). Here every write is checked,
 * and ERR keeps the first failure's errno. */
typedef struct {
    FILE *f;
    int err;
} PdfFile;

static cairo_status_t pdf_file_write(void *p, const unsigned char *data, unsigned int n) {
    PdfFile *o = p;
    if (!o->err && fwrite(data, 1, n, o->f) != n) o->err = errno ? errno : EIO;
    return o->err ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Closes O's file: false, with O->ERR set, when any write failed. */
static bool pdf_file_close(PdfFile *o) {
    if (fflush(o->f) != 0 && !o->err) o->err = errno ? errno : EIO;
    if (fclose(o->f) != 0 && !o->err) o->err = errno ? errno : EIO;
    o->f = NULL;
    return !o->err;
}

/* Issue 15, round 3 (F4): the failure in pmm's words, naming the file,
 * with the write's own errno (ERR, 0: cairo's failure, not the file's). */
static void pdf_failed(const char *file, cairo_status_t status, int err) {
    if (err)
        fprintf(stderr, _("pmm: no se pudo escribir el PDF «%s»: %s\n"), file, errtext(err));
    else if (status == CAIRO_STATUS_WRITE_ERROR)
        fprintf(stderr, _("pmm: no se pudo escribir el PDF «%s»: %s\n"), file,
                disk_full_at(file) ? errtext(ENOSPC) : _("falló la escritura"));
    else
        fprintf(stderr, _("pmm: no se pudo generar el PDF «%s» (cairo: %s)\n"), file,
                cairo_status_to_string(status));
}

bool doc_pdf(const Doc *d, const char *path) {
    /* A file that cannot be written fails here, in pmm's words, before any
     * font is loaded: cairo's own message is English, and releasing fonts
     * after a surface in error raced with pango's font thread (an abort). */
    char *tmp = report_tmp_path(path);
    PdfFile out = {fopen(tmp, "wb"), 0};
    if (!out.f) {
        fprintf(stderr, "pmm: %s: %s\n", path, errtext(errno));
        free(tmp);
        return false;
    }
    HMap anchors;
    hmap_init(&anchors);
    fonts_choose(d);
    GHashTable *cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    LayoutCount made = {G_QUEUE_INIT, LAYOUT_CACHE_MAX, 0, 0, 0};
    const char *bound = getenv("PMM_PDF_LAYOUTS");
    if (bound && atoi(bound) > 0) made.max = (unsigned)atoi(bound);
    HyphenCache *hyph = hyphen_cache_new();
    PangoContext *pc = context(d);
    GHashTable *scenes = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *missing = g_hash_table_new(g_direct_hash, g_direct_equal);
    Arena arena = ARENA_INIT;
    /* first pass: where does every heading fall? */
    P p1 = {0};
    p1.d = d;
    p1.cache = cache;
    p1.made = &made;
    p1.pango_only = getenv("PMM_PDF_PANGO") && strcmp(getenv("PMM_PDF_PANGO"), "1") == 0;
    p1.hyph = hyph;
    p1.pc = pc;
    p1.scenes = scenes;
    p1.missing = missing;
    p1.arena = &arena;
    p1.anchors = &anchors;
    p1.surf = cairo_pdf_surface_create_for_stream(discard, NULL, PAGE_W, PAGE_H);
    p1.cr = cairo_create(p1.surf);
    render(&p1);
    cairo_destroy(p1.cr);
    cairo_surface_destroy(p1.surf);

    P p2 = {0};
    p2.d = d;
    p2.cache = cache;
    p2.made = &made;
    p2.pango_only = p1.pango_only;
    p2.hyph = hyph;
    p2.pc = pc;
    p2.scenes = scenes;
    p2.missing = missing;
    p2.arena = &arena;
    p2.anchors = &anchors;
    p2.draw = true;
    p2.surf = cairo_pdf_surface_create_for_stream(pdf_file_write, &out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(p2.surf, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(p2.surf, CAIRO_PDF_METADATA_CREATOR, "pmm");
    /* the author is the issuing body (the imprint's issuer, issue 12), not pmm */
    if (d->issuer) cairo_pdf_surface_set_metadata(p2.surf, CAIRO_PDF_METADATA_AUTHOR, d->issuer);
    if (d->subtitle) cairo_pdf_surface_set_metadata(p2.surf, CAIRO_PDF_METADATA_SUBJECT, d->subtitle);
    p2.cr = cairo_create(p2.surf);
    render(&p2);
    cairo_destroy(p2.cr);
    cairo_surface_finish(p2.surf);
    cairo_status_t status = cairo_surface_status(p2.surf);
    cairo_surface_destroy(p2.surf);
    if (!pdf_file_close(&out) && status == CAIRO_STATUS_SUCCESS) status = CAIRO_STATUS_WRITE_ERROR;
    bool cancelled = doc_cancelled();        /* pmm serve stopping (F3): no file, no message */
    if (status != CAIRO_STATUS_SUCCESS && !cancelled) pdf_failed(path, status, out.err);
    GPtrArray *alts = chart_alts(&p2);
    bool ok = status == CAIRO_STATUS_SUCCESS && !cancelled && mark_tagged(tmp, path, d->lang, alts);
    g_ptr_array_free(alts, TRUE);
    ok = report_commit(tmp, path, ok);
    free(tmp);
    hmap_free(&anchors);
    if (bound)
        fprintf(stderr, "pmm: PDF: %u layouts made (cache of %u); paragraphs: %u by pmm's breaker, %u by pango\n",
                made.made, made.max, made.own, made.pango);
    g_queue_clear(&made.order);
    g_hash_table_destroy(cache);
    hyphen_cache_free(hyph);
    g_hash_table_destroy(scenes);
    g_hash_table_destroy(missing);
    arena_free(&arena);
    g_object_unref(pc);
    chart_release_fonts();
    return ok;
}
