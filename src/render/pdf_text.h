#ifndef PMM_PDF_TEXT_H
#define PMM_PDF_TEXT_H
/* How the PDF's text is set (issue 12): the font, the pango context and a
 * layout's settings, one home for report_pdf.c and bench/pdf_floor.c; and
 * pmm's own line breaker, a greedy one over the text shaped once, which
 * breaks and justifies as pango 1.50.12 does (docs/performance.md, rounds 5
 * and 6). */
#include <pango/pangocairo.h>
#include <stdbool.h>

#define PDF_FONT "DejaVu Sans"

/* The document's face at SIZE points (absolute), bold or regular. */
PangoFontDescription *pdf_text_font(double size, bool bold);
/* The context every text of the PDF is laid out in, for the language LANG
 * ("es", "en"): no hinting, strong left to right, unrounded positions. */
PangoContext *pdf_text_context(const char *lang);
/* L set as the PDF sets a text: the face, WIDTH points wide (0: one line,
 * no wrap) broken between words or else characters, justified or not, its
 * ALIGN, ellipsized at the end when ELLIPSIZE, left to right. */
void pdf_text_setup(PangoLayout *l, double size, bool bold, double width, bool justify, PangoAlignment align,
                    bool ellipsize);
/* L's text S (LEN bytes, -1: up to its NUL), pango markup when MARKUP, set without ligatures (see
 * pdf_text.c: cairo writes a ligature as /ActualText). */
void pdf_text_set(PangoLayout *l, const char *s, int len, bool markup);

/* A paragraph shaped once, for pdf_breaks: its characters' logical widths,
 * pango's break marks (the soft hyphens hyphen.c inserted carry
 * break_inserts_hyphen) and the item of each character. */
typedef struct {
    const char *text;
    int n;                      /* characters */
    int *byte;                  /* byte offset of each character, and of the end */
    int *chr;                   /* the character at each byte offset (of a character's start), and at the end */
    long *prefix;               /* width of the characters before each one, Pango units */
    PangoLogAttr *la;
    PangoItem **item;           /* the item of each character */
    GList *items;
    PangoGlyphString *gs;       /* scratch */
    long hyphen;                /* the paragraph's hyphen, as pango caches it (-1: not yet) */
    PangoItem *hy_item;         /* the item whose hyphen hy_width is (one entry: candidates come item by item) */
    long hy_width;
    int ni;                     /* items, */
    PangoItem **iv;             /* in order, */
    PangoGlyphString **gv;      /* their glyphs (when kept: pdf_shaped_init's KEEP) */
    PangoFont *m_font;          /* the last font whose approximate character width was asked */
    long m_width;
} PdfShaped;

/* TEXT (LEN bytes) with its attributes AL (the font among them; the
 * features every layout has, pdf_text_set's, are added to it) itemized
 * in PC, each item shaped once; KEEP: its glyphs kept, for pdf_line_runs. */
void pdf_shaped_init(PdfShaped *sh, PangoContext *pc, const char *text, int len, PangoAttrList *al, bool keep);
void pdf_shaped_free(PdfShaped *sh);
/* The first character of each line in WIDTH (Pango units) into STARTS
 * (room for n + 1); returns how many lines. */
int pdf_breaks(PdfShaped *sh, long width, int *starts);
/* The width of characters [FROM, TO) of a line, its trailing white space
 * not counted. */
long pdf_content_width(const PdfShaped *sh, int from, int to);
/* The width pango 1.50.12 leaves to share between the spaces of the
 * justified line [A, B) set in WIDTH. */
long pdf_spare_width(PdfShaped *sh, int a, int b, long width);
/* The line [A, B) as pango 1.50.12 would lay it out in WIDTH: its runs
 * (PangoGlyphItem, left to right, from the glyphs kept), the last item's
 * fragment shaped again with its hyphen at a hyphenated break, the final
 * space emptied, and, when JUSTIFY, the spare width shared between its
 * expandable spaces as justify_words does. *LOGICAL gets the line's logical
 * top (y, from the baseline) and height; its x and width are 0. Free with
 * pdf_line_runs_free. */
GSList *pdf_line_runs(PdfShaped *sh, int a, int b, long width, bool justify, PangoRectangle *logical);
void pdf_line_runs_free(GSList *runs);

#endif
