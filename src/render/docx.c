/*
 * The Word writer (docx.h). A .docx is a zip of XML parts; this writes the
 * few a document needs:
 *   [Content_Types].xml, _rels/.rels, docProps/core.xml (title, author: the
 *                       issuer, language), docProps/app.xml (pmm, the program)
 *   word/document.xml   the blocks of the Doc, in order
 *   word/styles.xml     the styles every block names (Heading1..3 are
 *                       Word's built-in headings, so the navigation pane
 *                       and an updated table of contents follow them)
 *   word/settings.xml   language and automatic hyphenation
 *   word/footer1.xml    the running footer: title and page number
 *   word/media/chartN.png and word/_rels/document.xml.rels
 * All text goes through run(), which escapes it with str_html_escape()
 * (XML and HTML escape the same five characters).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "render/docx.h"
#include "render/fonts.h"
#include "render/outfile.h"
#include "util/errtext.h"
#include "util/i18n.h"
#include "util/hmap.h"

/* A4 with margins of 2.5 cm, in twentieths of a point (twips). */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN 1417
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define EMU_PER_TWIP 635

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

typedef struct {
    const Doc *d;
    const char *path;           /* for messages */
    zip_t *zip;
    Str body, rels;
    HMap bookmarks;             /* anchor -> bookmark number */
    int nbookmarks, nimages;
    bool ok;
} X;

/* ------------------------------------------------------------ parts */

/* Adds NAME holding DATA (taken over: libzip frees it after writing),
 * deflated unless STORE (a PNG is compressed already). */
static void add(X *x, const char *name, Str *data, bool store) {
    if (!x->ok) {
        str_free(data);
        return;
    }
    zip_source_t *src = zip_source_buffer(x->zip, data->p ? data->p : "", data->len, data->p != NULL);
    if (!src) str_free(data);
    zip_int64_t i = src ? zip_file_add(x->zip, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    if (i < 0 || (store && zip_set_file_compression(x->zip, (zip_uint64_t)i, ZIP_CM_STORE, 0) < 0)) {
        fprintf(stderr, "pmm: %s: %s\n", name, errtext_zip(zip_get_error(x->zip)));
        if (src && i < 0) zip_source_free(src);
        x->ok = false;
    }
    *data = (Str)STR_INIT;      /* owned by libzip now */
}

static void part(X *x, const char *name, Str *data) { add(x, name, data, false); }

static void part_text(X *x, const char *name, const char *text) {
    Str s = STR_INIT;
    str_puts(&s, text);
    part(x, name, &s);
}

/* ------------------------------------------------------------ text */

/* One run of N bytes of plain text: tabs and line breaks become Word's,
 * other control characters (which XML 1.0 cannot hold) U+FFFD, shown. */
static void run(Str *o, const char *t, int n, bool bold, bool spanish) {
    if (n <= 0) return;
    str_puts(o, "<w:r>");
    if (bold || spanish)         /* spanish: Spanish left in an English document */
        str_printf(o, "<w:rPr>%s%s</w:rPr>", bold ? "<w:b/>" : "", spanish ? "<w:lang w:val=\"es-MX\"/>" : "");
    str_puts(o, "<w:t xml:space=\"preserve\">");
    Str seg = STR_INIT;
    for (int i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)t[i] : 0;
        if (i < n && (c >= 0x20 || c == 0x0d)) {
            if (c != 0x0d) str_putc(&seg, (char)c);
            continue;
        }
        str_html_escape(o, str_cstr(&seg));
        str_clear(&seg);
        if (i == n) break;
        if (c == '\n') str_puts(o, "</w:t><w:br/><w:t xml:space=\"preserve\">");
        else if (c == '\t') str_puts(o, "</w:t><w:tab/><w:t xml:space=\"preserve\">");
        else str_puts(o, "\xef\xbf\xbd");
    }
    str_free(&seg);
    str_puts(o, "</w:t></w:r>");
}

typedef struct {
    Str *o;
    bool bold, spanish;
} RunCtx;

static void v_text(void *ctx, const char *s, int n) {
    RunCtx *r = ctx;
    run(r->o, s, n, r->bold, r->spanish);
}

static void v_mark(void *ctx, const DocMark *m) {
    RunCtx *r = ctx;
    run(r->o, m->display, m->ldisplay, r->bold, r->spanish);
}

static void v_bold(void *ctx, bool on) { ((RunCtx *)ctx)->bold = on; }
static void v_spanish(void *ctx, bool on) { ((RunCtx *)ctx)->spanish = on; }

/* Marked text as runs (figures as their text, DOC_BOLD as bold). */
static void runs(Str *o, const char *marked, bool bold) {
    RunCtx r = {o, bold, false};
    DocVisitor v = {v_text, v_mark, v_bold, v_spanish};
    doc_walk(marked ? marked : "", &v, &r);
}

static void para(Str *o, const char *style, const char *marked, bool bold) {
    str_html(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
    runs(o, marked, bold);
    str_puts(o, "</w:p>\n");
}

typedef struct {
    Str *o;
    const char *style;
} ParaCtx;

static void para_piece(void *ctx, const char *piece) {
    ParaCtx *p = ctx;
    para(p->o, p->style, piece, false);
}

/* A paragraph block: each blank line in it starts a new Word paragraph
 * (doc_paragraphs; t12 fault 6: a preamble's paragraphs), a single line
 * break stays a <w:br/> in it, not stretched (settings). */
static void paras(Str *o, const char *style, const char *marked) {
    ParaCtx p = {o, style};
    doc_paragraphs(marked ? marked : "", para_piece, &p);
}

/* ------------------------------------------------------------ links */

/* The bookmark of ANCHOR, numbered in order of first use: Word limits a
 * bookmark's name to 40 characters of its own alphabet, so anchors are
 * not used as names. */
static int bookmark(X *x, const char *anchor) {
    int64_t v;
    if (hmap_get(&x->bookmarks, anchor, &v)) return (int)v;
    hmap_put(&x->bookmarks, anchor, ++x->nbookmarks);
    return x->nbookmarks;
}

static void xlink(X *x, Str *o, const char *anchor, const char *marked) {
    if (!anchor) {
        runs(o, marked, false);
        return;
    }
    str_html(o, "<w:hyperlink w:anchor=\"ref%d\">", bookmark(x, anchor));
    runs(o, marked, false);
    str_puts(o, "</w:hyperlink>");
}

/* ------------------------------------------------------------ blocks */

static void heading(X *x, const Block *b) {
    int level = b->kind == B_H1 ? 1 : b->kind == B_H2 ? 2 : 3;
    str_html(&x->body, "<w:p><w:pPr><w:pStyle w:val=\"Heading%d\"/></w:pPr>", level);
    if (b->anchor) {
        int id = bookmark(x, b->anchor);
        str_html(&x->body, "<w:bookmarkStart w:id=\"%d\" w:name=\"ref%d\"/>", id, id);
        runs(&x->body, b->text, false);
        str_html(&x->body, "<w:bookmarkEnd w:id=\"%d\"/>", id);
    } else {
        runs(&x->body, b->text, false);
    }
    str_puts(&x->body, "</w:p>\n");
}

/* Column widths in twips: each column's share of the text width follows
 * its longest cell (in characters, at least 4 and at most 40, so that one
 * long cell does not squeeze the others to a letter a line). */
static void column_widths(const Table *t, int *w) {
    int nat[64], sum = 0;
    for (int c = 0; c < t->ncols && c < 64; c++) {
        nat[c] = 4;
        for (int r = 0; r < t->nrows; r++) {
            Str plain = STR_INIT;
            doc_plain(&plain, t->cells[r * t->ncols + c]);
            int n = 0;
            for (const char *p = str_cstr(&plain); *p; p++) n += ((unsigned char)*p & 0xc0) != 0x80;
            str_free(&plain);
            if (n > nat[c]) nat[c] = n;
        }
        if (nat[c] > 40) nat[c] = 40;
        sum += nat[c];
    }
    for (int c = 0; c < t->ncols && c < 64; c++) w[c] = TEXT_W * nat[c] / sum;
}

static void table(X *x, const Table *t) {
    Str *o = &x->body;
    int w[64];
    if (t->ncols > 64 || t->ncols < 1) {
        fprintf(stderr, _("pmm: %s: una tabla de %d columnas (un documento Word admite hasta 64)\n"), x->path,
                t->ncols);
        x->ok = false;
        return;
    }
    column_widths(t, w);
    str_puts(o, "<w:tbl><w:tblPr><w:tblStyle w:val=\"PmmTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
                "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0420\" w:firstRow=\"1\" w:lastRow=\"0\" "
                "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for (int c = 0; c < t->ncols; c++) str_html(o, "<w:gridCol w:w=\"%d\"/>", w[c]);
    str_puts(o, "</w:tblGrid>\n");
    for (int r = 0; r < t->nrows; r++) {
        bool head = r == 0, bold = head || (t->total_row && r == t->nrows - 1);
        str_puts(o, head ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (int c = 0; c < t->ncols; c++) {
            /* Trusted markup goes through str_puts: str_html's %s would escape it into text. */
            str_html(o, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w[c]);
            if (head) str_puts(o, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEF2F6\"/>");
            str_puts(o, "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
            if (t->numeric[c]) str_puts(o, "<w:jc w:val=\"right\"/>");
            str_puts(o, "</w:pPr>");
            runs(o, t->cells[r * t->ncols + c], bold);
            str_puts(o, "</w:p></w:tc>");
        }
        str_puts(o, "</w:tr>\n");
    }
    /* Word needs a paragraph between two tables and after the last one. */
    str_puts(o, "</w:tbl>\n<w:p><w:pPr><w:pStyle w:val=\"AfterTable\"/></w:pPr></w:p>\n");
}

/* PNG (taken) as the next image part, word/media/BASEn.png, drawn inline
 * CX x CY EMU in a paragraph of STYLE, ALT its alternative text. */
static void image(X *x, const char *style, const char *base, Str *png, long cx, long cy, const char *alt) {
    int n = ++x->nimages;
    char name[64];
    snprintf(name, sizeof name, "word/media/%s%d.png", base, n);
    add(x, name, png, true);
    str_html(&x->rels, "<Relationship Id=\"img%d\" Type=\"" NS_R "/image\" Target=\"media/%s%d.png\"/>", n, base, n);
    Str *o = &x->body;
    str_html(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr><w:r><w:drawing>", style);
    str_html(o, "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
                "<wp:docPr id=\"%d\" name=\"%s%d\" descr=\"%s\"/>",
             cx, cy, n, base, n, alt);
    str_puts(o, "<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"" NS_A "\" noChangeAspect=\"1\"/>"
                "</wp:cNvGraphicFramePr><a:graphic xmlns:a=\"" NS_A "\"><a:graphicData uri=\"" NS_PIC "\">"
                "<pic:pic xmlns:pic=\"" NS_PIC "\"><pic:nvPicPr>");
    str_html(o, "<pic:cNvPr id=\"%d\" name=\"%s%d.png\" descr=\"%s\"/><pic:cNvPicPr/></pic:nvPicPr>"
                "<pic:blipFill><a:blip r:embed=\"img%d\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
                "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm>"
                "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>",
             n, base, n, alt, n, cx, cy);
    str_puts(o, "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>\n");
}

/* A chart as a PNG image as wide as the text, the chart's title and its
 * text summary (every value) as the image's alternative text. The title,
 * «Figura N. …», is a Word caption above it (text the units can edit and
 * Word can list), so the image is drawn without it; the source line is a
 * paragraph under it. */
static void chart(X *x, const Block *b) {
    Arena a = ARENA_INIT;
    Scene sc;
    Chart untitled = *b->chart;
    untitled.title = "";
    chart_layout(&untitled, &a, &sc);
    Str png = STR_INIT;
    int pw = 0, ph = 0;
    if (!chart_png_data(&sc, &png, &pw, &ph) || pw <= 0) {
        fprintf(stderr, _("pmm: %s: no se pudo dibujar la gráfica «%s»\n"), x->path, b->chart->title);
        x->ok = false;
        str_free(&png);
        arena_free(&a);
        return;
    }
    long cx = (long)TEXT_W * EMU_PER_TWIP, cy = cx * ph / pw;
    Str alt = STR_INIT;
    doc_plain(&alt, b->chart->title);
    if (sc.desc && *sc.desc) str_printf(&alt, ". %s", sc.desc);
    para(&x->body, "Caption", b->chart->title, false);
    image(x, "Figure", "chart", &png, cx, cy, str_cstr(&alt));
    if (x->d->source) para(&x->body, "Source", x->d->source, false);
    str_free(&alt);
    arena_free(&a);
}

static void index_entry(X *x, const Block *b) {
    Str *o = &x->body;
    str_puts(o, "<w:p><w:pPr><w:pStyle w:val=\"IndexEntry\"/></w:pPr>");
    runs(o, b->text, true);         /* marked: a Spanish name in English is w:lang es-MX (N3) */
    run(o, ": ", 2, false, false);
    for (int i = 0; i < b->ntargets; i++) {
        if (i) run(o, ", ", 2, false, false);
        Str label = STR_INIT;
        doc_text(&label, b->target_labels[i]);
        xlink(x, o, b->targets[i], str_cstr(&label));
        str_free(&label);
    }
    str_puts(o, "</w:p>\n");
}

static void block(X *x, const Block *b) {
    switch (b->kind) {
    case B_H1:
    case B_H2:
    case B_H3:
        heading(x, b);
        break;
    case B_P:
        paras(&x->body, b->title ? "RecordTitle" : doc_leads_in(b) ? "LeadIn" : "BodyText", b->text);
        break;
    case B_NOTE:
        para(&x->body, "Note", b->text, false);
        break;
    case B_CHART:
        chart(x, b);
        break;
    case B_TABLE:
        table(x, b->table);
        break;
    case B_DEF:
        para(&x->body, "Term", b->text, false);
        para(&x->body, "Definition", b->text2 ? b->text2 : "", false);
        break;
    case B_INDEX:
        index_entry(x, b);
        break;
    }
}

/* ------------------------------------------------------------ front */

/* The issuer's emblem, at most 5 x 2.8 cm, its aspect kept. */
static void cover_emblem(X *x) {
    const Doc *d = x->d;
    if (!d->emblem) return;
    const long maxw = 1800000, maxh = 1008000;      /* EMU: 5 cm, 2.8 cm */
    long cx = maxw, cy = maxw * d->emblem_h / d->emblem_w;
    if (cy > maxh) {
        cy = maxh;
        cx = maxh * d->emblem_w / d->emblem_h;
    }
    Str png = STR_INIT;
    str_append(&png, (const char *)d->emblem, d->emblem_len);
    Str alt = STR_INIT;
    str_printf(&alt, "%s%s%s", lang_pick(d->lang, "Emblema", "Emblem"), d->issuer ? ": " : "", d->issuer ? d->issuer : "");
    image(x, "Emblem", "emblem", &png, cx, cy, str_cstr(&alt));
    str_free(&alt);
}

static void cover(X *x) {
    const Doc *d = x->d;
    cover_emblem(x);
    para(&x->body, "Subtitle", d->subtitle, false);
    para(&x->body, "Title", d->title, false);
    if (d->period && *d->period) para(&x->body, "Period", d->period, false);
    if (d->issuer) para(&x->body, "Issuer", d->issuer_marked ? d->issuer_marked : d->issuer, false);   /* issue 12 */
    if (d->place_date) para(&x->body, "Place", d->place_date_marked ? d->place_date_marked : d->place_date, false);
    para(&x->body, "Note", doc_cover_note(d), false);
}

/* The contents as a TOC field whose shown result is the list of parts and
 * sections, each a link to its heading: right as it opens; Word adds the
 * page numbers when the field is updated (F9), LibreOffice with Tools >
 * Update. */
static void contents(X *x) {
    Str *o = &x->body;
    para(o, "TOCHeading", lang_pick(x->d->lang, "Contenido", "Contents"), false);
    bool first = true;
    for (const Block *b = x->d->head; b; b = b->next) {
        if (!b->in_toc || (b->kind != B_H1 && b->kind != B_H2)) continue;
        str_html(o, "<w:p><w:pPr><w:pStyle w:val=\"TOC%d\"/></w:pPr>", b->kind == B_H1 ? 1 : 2);
        if (first)
            str_puts(o, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">"
                        " TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
        first = false;
        xlink(x, o, b->anchor, b->text);
        str_puts(o, "</w:p>\n");
    }
    if (!first) str_puts(o, "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>\n");
}

/* ------------------------------------------------------------ fixed parts */

static const char content_types[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

static const char package_rels[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"r1\" Type=\"" NS_R "/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"r2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/><Relationship Id=\"r3\" "
    "Type=\"" NS_R "/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>";

/* pmm is the program that wrote the file, not its author (issue 12). */
static const char app_props[] =
    XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>pmm</Application></Properties>";

/* Paragraph styles: Word's built-in names in lower case ("heading 1") make
 * them the built-in headings in Word and LibreOffice. Arial: every Word has
 * it, LibreOffice draws it with the metric-compatible Liberation Sans. */
#define STYLE(id, name, based, ppr, rpr)                                                               \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/><w:basedOn w:val=\"" \
    based "\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr>" ppr "</w:pPr><w:rPr>" rpr "</w:rPr></w:style>"
/* Headings are never hyphenated (settings.xml turns autoHyphenation on for the body);
 * the element sits before w:spacing in the schema's order of w:pPr. */
#define NO_HYPH "<w:suppressAutoHyphens/>"
#define HEAD_COLOR "<w:color w:val=\"0B3D63\"/>"

static const char styles_head[] =
    XML_DECL "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Arial\" w:cs=\"Arial\"/>"
    "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>";

static const char styles_tail[] =
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
    "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
    "</w:style>"
    STYLE("BodyText", "Body Text", "Normal", "<w:jc w:val=\"both\"/>", "")
    STYLE("Heading1", "heading 1", "Normal",
          "<w:keepNext/><w:keepLines/><w:pageBreakBefore/>" NO_HYPH "<w:spacing w:before=\"0\" w:after=\"360\"/>"
          "<w:outlineLvl w:val=\"0\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"38\"/><w:szCs w:val=\"38\"/>")
    STYLE("Heading2", "heading 2", "Normal",
          "<w:keepNext/><w:keepLines/>" NO_HYPH "<w:spacing w:before=\"240\" w:after=\"100\"/><w:outlineLvl w:val=\"1\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"25\"/><w:szCs w:val=\"25\"/>")
    STYLE("Heading3", "heading 3", "Normal",
          "<w:keepNext/><w:keepLines/>" NO_HYPH "<w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl w:val=\"2\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>")
    STYLE("Title", "Title", "Normal", NO_HYPH "<w:spacing w:before=\"2400\" w:after=\"240\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"68\"/><w:szCs w:val=\"68\"/>")
    STYLE("Subtitle", "Subtitle", "Normal", "", "<w:color w:val=\"0072B2\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>")
    STYLE("Period", "Period", "Normal", "<w:spacing w:after=\"2400\"/>", "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>")
    STYLE("Note", "Note", "Normal", "", "<w:color w:val=\"57606A\"/><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
    STYLE("Figure", "Figure", "Normal", "<w:keepNext/><w:jc w:val=\"center\"/>", "")
    STYLE("Emblem", "Emblem", "Normal", "<w:spacing w:after=\"480\"/>", "")
    STYLE("Issuer", "Issuer", "Normal", "<w:spacing w:after=\"60\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>")
    STYLE("Place", "Place", "Normal", "<w:spacing w:after=\"480\"/>", "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>")
    STYLE("Caption", "caption", "Normal", "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
    STYLE("Source", "Source", "Normal", "<w:spacing w:after=\"200\"/>",
          "<w:color w:val=\"57606A\"/><w:sz w:val=\"15\"/><w:szCs w:val=\"15\"/>")
    STYLE("TableText", "Table Text", "Normal", "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/>",
          "<w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/>")
    STYLE("AfterTable", "After Table", "Normal", "<w:spacing w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>",
          "<w:sz w:val=\"8\"/>")
    STYLE("Term", "Term", "Normal", "<w:keepNext/><w:keepLines/>" NO_HYPH "<w:spacing w:after=\"40\"/>",
          "<w:b/>" HEAD_COLOR)         /* a glossary term is a heading: not hyphenated (round 3) */
    STYLE("LeadIn", "Lead In", "BodyText", "<w:keepNext/>", "")    /* issue 12: on the page of what it introduces */
    STYLE("RecordTitle", "Record Title", "Normal",      /* issue 12: never justified, kept with its record */
          "<w:keepNext/><w:keepLines/>" NO_HYPH "<w:spacing w:before=\"160\" w:after=\"60\"/>", "")
    STYLE("Definition", "Definition", "Normal", "<w:ind w:left=\"240\"/><w:jc w:val=\"both\"/>", "")
    STYLE("IndexEntry", "Index Entry", "Normal", "<w:spacing w:after=\"40\"/>", "<w:sz w:val=\"17\"/><w:szCs w:val=\"17\"/>")
    STYLE("TOCHeading", "TOC Heading", "Normal", "<w:pageBreakBefore/><w:spacing w:after=\"240\"/>",
          "<w:b/>" HEAD_COLOR "<w:sz w:val=\"38\"/><w:szCs w:val=\"38\"/>")
    STYLE("TOC1", "toc 1", "Normal", "<w:spacing w:before=\"120\" w:after=\"40\"/>", "<w:b/>")
    STYLE("TOC2", "toc 2", "Normal", "<w:ind w:left=\"280\"/><w:spacing w:after=\"20\"/>", "")
    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"9072\"/></w:tabs></w:pPr>"
    "<w:rPr><w:color w:val=\"57606A\"/><w:sz w:val=\"16\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"PmmTable\"><w:name w:val=\"pmm Table\"/><w:tblPr>"
    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"D0D7DE\"/></w:tblBorders>"
    "<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>"
    "</w:tblPr></w:style></w:styles>";

static void styles(X *x) {
    Str s = STR_INIT;
    str_puts(&s, styles_head);
    str_html(&s, "<w:lang w:val=\"%s\" w:eastAsia=\"%s\" w:bidi=\"%s\"/>", lang_code(x->d->lang),
             lang_code(x->d->lang), lang_code(x->d->lang));
    str_puts(&s, styles_tail);
    part(x, "word/styles.xml", &s);
}

static void settings(X *x) {
    Str s = STR_INIT;
    str_puts(&s, XML_DECL "<w:settings xmlns:w=\"" NS_W "\"><w:autoHyphenation/>"
                 "<w:defaultTabStop w:val=\"708\"/>");
    str_html(&s, "<w:themeFontLang w:val=\"%s\"/>", lang_code(x->d->lang));
    /* t12 fault 5: a line of a record that ends at a line break (<w:br/>)
     * is not justified across the page: Word and LibreOffice stretch it
     * by default, as if it were a line that wraps */
    str_puts(&s, "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
                 "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>");
    part(x, "word/settings.xml", &s);
}

static void footer(X *x) {
    Str s = STR_INIT;
    str_puts(&s, XML_DECL "<w:ftr xmlns:w=\"" NS_W "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
    runs(&s, x->d->footer ? x->d->footer : "", false);
    str_puts(&s, "<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
                 "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>"
                 "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r>"
                 "<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:ftr>");
    part(x, "word/footer1.xml", &s);
}

static void core(X *x) {
    Str s = STR_INIT, title = STR_INIT, subject = STR_INIT;
    doc_plain(&title, x->d->title ? x->d->title : "");
    doc_plain(&subject, x->d->subtitle ? x->d->subtitle : "");
    str_puts(&s, XML_DECL "<cp:coreProperties "
                 "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                 "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">");
    str_html(&s, "<dc:title>%s</dc:title><dc:subject>%s</dc:subject>", str_cstr(&title), str_cstr(&subject));
    /* the author is the body that issues the publication (the imprint's
     * issuer, issue 12); pmm is named as the application, in app.xml */
    if (x->d->issuer) str_html(&s, "<dc:creator>%s</dc:creator>", x->d->issuer);
    str_html(&s, "<dc:language>%s</dc:language></cp:coreProperties>", lang_code(x->d->lang));
    str_free(&title);
    str_free(&subject);
    part(x, "docProps/core.xml", &s);
}

static void document(X *x) {
    Str s = STR_INIT;
    str_puts(&s, XML_DECL "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" xmlns:wp=\"" NS_WP "\">"
                 "<w:body>\n");
    str_append(&s, x->body.p ? x->body.p : "", x->body.len);
    /* the cover page has no footer (titlePg with no first-page footer) */
    str_html(&s, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"ftr1\"/>"
                 "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" "
                 "w:left=\"%d\" w:header=\"708\" w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>"
                 "</w:body></w:document>",
             PAGE_W, PAGE_H, MARGIN, MARGIN, MARGIN, MARGIN);
    part(x, "word/document.xml", &s);
    Str r = STR_INIT;
    str_puts(&r, XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                 "<Relationship Id=\"sty\" Type=\"" NS_R "/styles\" Target=\"styles.xml\"/>"
                 "<Relationship Id=\"set\" Type=\"" NS_R "/settings\" Target=\"settings.xml\"/>"
                 "<Relationship Id=\"ftr1\" Type=\"" NS_R "/footer\" Target=\"footer1.xml\"/>");
    str_append(&r, x->rels.p ? x->rels.p : "", x->rels.len);
    str_puts(&r, "</Relationships>");
    part(x, "word/_rels/document.xml.rels", &r);
}

bool doc_docx(const Doc *d, const char *path) {
    char *tmp = report_tmp_path(path);
    int err = 0;
    X x = {.d = d, .path = path, .ok = true};
    hmap_init(&x.bookmarks);
    x.zip = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!x.zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        fprintf(stderr, "pmm: %s: %s\n", path, errtext_zip(&ze));
        zip_error_fini(&ze);
        free(tmp);
        hmap_free(&x.bookmarks);
        return false;
    }
    /* Fonts only for the charts' PNG: a Compendio has no chart, and a font
     * map made without any text drawn only costs pango's fontconfig
     * start-up thread loading the system's configuration. */
    bool charts = false;
    for (const Block *b = d->head; b && !charts; b = b->next) charts = b->kind == B_CHART;
    if (charts) fonts_choose(d);
    part_text(&x, "[Content_Types].xml", content_types);
    part_text(&x, "_rels/.rels", package_rels);
    part_text(&x, "docProps/app.xml", app_props);
    cover(&x);
    contents(&x);
    for (const Block *b = d->head; b && x.ok; b = b->next) block(&x, b);
    document(&x);
    styles(&x);
    settings(&x);
    footer(&x);
    core(&x);
    if (charts) chart_release_fonts();
    if (x.ok && zip_close(x.zip) != 0) {
        fprintf(stderr, "pmm: %s: %s\n", path, errtext_zip(zip_get_error(x.zip)));
        x.ok = false;
    }
    if (!x.ok) zip_discard(x.zip);     /* after a failed zip_close too: frees it, writes nothing */
    bool ok = report_commit(tmp, path, x.ok);
    free(tmp);
    str_free(&x.body);
    str_free(&x.rels);
    hmap_free(&x.bookmarks);
    return ok;
}
