#ifndef PMM_DOC_H
#define PMM_DOC_H
/*
 * Doc: a publication (Informe Ejecutivo, Compendio General) as a list of
 * blocks, written once by the analysis and then drawn by each writer
 * (report_html.c, report_pdf.c). Because both formats walk the same blocks,
 * the HTML and the PDF cannot say different things.
 *
 * Text in blocks is UTF-8 with inline marks (built with doc_fig & co.):
 *   \x01 K \x1f FILTER \x1f VALUE \x1f EXTRA \x1f DISPLAY \x02
 * where K is 'f' (a figure: DISPLAY is VALUE written for the language),
 * 'p' (a percentage: VALUE is the count, EXTRA the whole it is taken of),
 * or 'r' (a reference, e.g. an objective named in a claim: VALUE is the
 * count the claim rests on, EXTRA the claim: "max", "min", "zero"...).
 * FILTER says which records the number counts ("medida=acciones&objetivo=7&
 * tipo=APF"), so the platform can link a number to the actions behind it.
 *   \x03 ... \x04  is strong emphasis.
 *   \x05 ... \x06  is Spanish left in an English document (an institution's
 *                  name, a record's text, an untranslated definition):
 *                  lang="es" in HTML and DOCX, pango's language in the PDF.
 * Everything is allocated in the Doc's arena.
 */
#include <stdbool.h>
#include "util/lang.h"
#include "util/numwords.h"
#include "render/chart.h"
#include "util/arena.h"
#include "util/str.h"

#define DOC_FIG '\x01'
#define DOC_SEP '\x1f'
#define DOC_END '\x02'
#define DOC_BOLD "\x03"
#define DOC_UNBOLD "\x04"
#define DOC_ES "\x05"
#define DOC_UNES "\x06"
#define DOC_WORDS '\x07'     /* first byte of a count's DISPLAY: running text (doc_count) */

typedef enum {
    B_H1,       /* a part: I. Preámbulo, II. ... (new page in the PDF) */
    B_H2,       /* a section: an objective, an analysis */
    B_H3,
    B_P,
    B_NOTE,     /* a small paragraph (chart caption, source) */
    B_CHART,
    B_TABLE,
    B_DEF,      /* glossary entry: TEXT is the term, TEXT2 the definition */
    B_INDEX,    /* index entry: TEXT the name, TARGETS the anchors it points to */
} BlockKind;

typedef struct {
    int ncols, nrows;           /* row 0 is the header */
    char **cells;               /* nrows * ncols, marked text */
    bool *numeric;              /* per column: right-aligned */
    bool total_row;             /* the last row is a total (set in bold) */
} Table;

typedef struct Block {
    BlockKind kind;
    char *text, *text2;
    char *anchor;               /* H1/H2/H3: id for links and the contents */
    bool in_toc;
    bool title;                 /* B_P: a line naming what follows (a Compendio record's folio and
                                   name): never justified, kept with the next block (issue 12) */
    const char *folio;          /* the record its text comes from (NULL: none), named in warnings */
    Chart *chart;
    Table *table;
    int ntargets;
    char **targets, **target_labels;
    struct Block *next;
} Block;

typedef struct {
    Arena arena;
    Lang lang;
    char *title, *subtitle, *period, *footer;   /* cover and running header */
    char *issuer;       /* cover: the issuing body and country (issue 12; NULL: not set) */
    char *issuer_marked;        /* the same as marked text: what is Spanish in an English cover marked */
    char *place_date_marked;    /* (DOC_ES, verification round); NULL: as the plain one */
    char *source;       /* the line under every figure, «Fuente: …», marked text (NULL: none) */
    char *place_date;   /* cover: «Ciudad de México, 30 de noviembre de 2026» (NULL: none) */
    char *cover_note, *footer_note;   /* naming the editions: doc_records (doc_init: «la edición») */
    const unsigned char *emblem;    /* cover: the issuer's emblem, a PNG doc_emblem_check passed */
    size_t emblem_len;
    int emblem_w, emblem_h;         /* its size in pixels */
    int nfigures;       /* figures numbered so far (doc_chart) */
    Block *head, *tail;
} Doc;

/* Issue 15, round 3 (F3): pmm serve's stop cancels every rendering still
 * going once --request-timeout has passed (its request was cut already),
 * so that the process exits within the bound docs/reliability.md gives:
 * the Compendio checks it between records, the PDF between blocks; a
 * cancelled rendering fails and leaves no file. */
void doc_cancel_all(void);
bool doc_cancelled(void);

void doc_init(Doc *d, Lang lang);
void doc_free(Doc *d);
/* The cover and running header of a publication: "NAME EDITION", the
 * Compact's name, the period as months (PERIOD_START and _END are
 * YYYY-MM...), in the Doc's language; the footer repeats the title. */
void doc_front(Doc *d, const char *name_es, const char *name_en, const char *edition,
               const char *period_start, const char *period_end);
/* The cover's last line, the same in every format; the HTML footer. They
 * say «de la edición» unless doc_records named the editions (issue 13,
 * hostile fault 8: a review of several editions said «de la edición»). */
const char *doc_cover_note(const Doc *d);
const char *doc_footer_note(const Doc *d);
/* RECORDS: the editions as a phrase («las ediciones 2023 y 2024»). */
void doc_records(Doc *d, const char *records);
/* The cover's last line of the Compendio, which has no tables nor charts
 * (issue 12 round 5, t12 #15): its records reproduced as reported, not
 * «cada cifra, tabla y gráfica se calculó…». */
void doc_records_as_reported(Doc *d);
/* An emblem must be a real PNG (cairo decodes it whole; libpng checks
 * that its data holds exactly the pixels its header declares) of at most
 * DOC_EMBLEM_MAX bytes and DOC_EMBLEM_PIXELS pixels a side, neither side
 * more than DOC_EMBLEM_RATIO times the other: NULL when
 * PNG[0..LEN) is one (its size in *W, *H), else why not, in Spanish for
 * the CLI (gettext). */
#define DOC_EMBLEM_MAX (512 * 1024)
#define DOC_EMBLEM_PIXELS 4096
#define DOC_EMBLEM_RATIO 8        /* the longer side at most 8 times the shorter (round 3) */
const char *doc_emblem_check(const unsigned char *png, size_t len, int *w, int *h);
/* The emblem of D as a cairo image surface (NULL: none or not a PNG);
 * the caller destroys it. */
typedef struct _cairo_surface cairo_surface_t;
cairo_surface_t *doc_emblem_surface(const unsigned char *png, size_t len);
Block *doc_add(Doc *d, BlockKind kind, const char *text);
Block *doc_heading(Doc *d, BlockKind kind, const char *anchor, bool in_toc, const char *text);
/* C as the next numbered figure: its title becomes «Figura N. Title». */
Block *doc_chart(Doc *d, Chart *c);
/* The caption word of figures in L: «Figura» / «Figure». */
const char *doc_figure_word(Lang l);
Table *doc_table(Doc *d, int ncols, int nrows);
void doc_cell(Doc *d, Table *t, int row, int col, const char *marked);

/* Whether B is a paragraph that leads in to the next block («Entre los
 * programas reportados destacan:»): it ends with a colon, and every
 * writer keeps it on the page of the next block's first lines. */
bool doc_leads_in(const Block *b);

/* Writers of marked text into S. */
void doc_fig(Str *s, Lang l, const char *filter, long long value);
/* A count in running text (issue 12, UN style): a figure mark as doc_fig
 * whose DISPLAY holds DOC_WORDS and the gender G a Spanish «1» agrees with
 * (util/numwords.h). doc_add decides how it is written, by one rule for
 * every sentence builder: in a paragraph or a note (B_P, B_NOTE), a count
 * of 0 to 9 is written in words («tres instancias», "three bodies"),
 * unless a figure of 10 or more counting the same thing (the same
 * `medida` of its filter) is in the same sentence («2 de las 32 entidades
 * federativas», "2 of the 23 objectives": then all are figures), and
 * always in words, capitalised, when it starts the sentence. Everywhere
 * else (tables, headings, charts) it is a figure. Counts in parentheses
 * after a name, identifiers («objetivo 7») and percentages are not
 * counts in running text: write them with doc_fig / plain digits. */
void doc_count(Str *s, Lang l, const char *filter, long long value, NumGender g);
/* The same for a count no filter reproduces (the objectives a type did not
 * touch: 23 less those it did): MEASURE names what it counts, as a
 * filter's `medida` would, for the rule of numbers together; once added
 * it is plain text, a word or a figure. */
void doc_count_plain(Str *s, Lang l, const char *measure, long long value, NumGender g);
void doc_pct(Str *s, Lang l, const char *filter, long count, long whole, long pct);
/* The same in running text: in English «29 per cent» (UN editorial
 * style, round 3); in Spanish as doc_pct. */
void doc_pct_text(Str *s, Lang l, const char *filter, long count, long whole, long pct);
void doc_ref(Str *s, const char *filter, long value, const char *claim, const char *display);
/* A difference V = count(HI) - count(LO) >= 0 (kind 'd': VALUE V, EXTRA
 * the filter LO), written for L. */
void doc_diff(Str *s, Lang l, const char *hi, const char *lo, long v);
/* The same in running text: written in words by doc_count's rule (its
 * measure is HI's). */
void doc_diff_count(Str *s, Lang l, const char *hi, const char *lo, long v, NumGender g);
/* Plain text with any marker byte removed (user text could hold one). */
void doc_text(Str *s, const char *plain);
/* PLAIN (doc_text) as Spanish text of a document in language L: marked
 * DOC_ES ... DOC_UNES in an English one, as it is in a Spanish one. */
void doc_spanish(Str *s, Lang l, const char *plain);

/* Walks marked text: calls TEXT for each plain run and MARK for each mark. */
typedef struct {
    char kind;                  /* 'f', 'p', 'r' */
    const char *filter, *value, *extra, *display;
    int lfilter, lvalue, lextra, ldisplay;
} DocMark;
typedef struct {
    void (*text)(void *ctx, const char *s, int n);
    void (*mark)(void *ctx, const DocMark *m);
    void (*bold)(void *ctx, bool on);
    void (*spanish)(void *ctx, bool on);    /* DOC_ES ... DOC_UNES; NULL: ignored */
} DocVisitor;
void doc_walk(const char *marked, const DocVisitor *v, void *ctx);
/* The marked text as plain text (what a reader sees). */
void doc_plain(Str *s, const char *marked);
/* The paragraphs of a paragraph's marked text (t12 faults 5 and 6): a
 * blank line, one holding nothing or only white space (the CR of a
 * Windows line end, spaces, tabs), starts a new paragraph, in the Word and
 * HTML writers as in a reader's eyes. Calls FN with each piece that holds
 * more than white space, in order; a bold or Spanish span that crosses a
 * cut is closed before it and opened again after it. MARKED itself when
 * it has no blank line. */
void doc_paragraphs(const char *marked, void (*fn)(void *ctx, const char *piece), void *ctx);

#endif
