#include <glib.h>
#include <string.h>
#include "render/report_html.h"

static const char css[] =
    ":root{--ink:#1f2328;--muted:#57606a;--rule:#d0d7de;--accent:#0072B2}"
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.6 'DejaVu Sans',system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:var(--ink);background:#fff}"
    "header,nav,main,footer{max-width:50rem;margin:0 auto;padding:0 1rem}"
    "header.cover{padding:3rem 1rem 2rem;border-bottom:5px solid var(--accent)}"
    "img.emblem{display:block;max-height:6rem;max-width:14rem;width:auto;height:auto;margin-bottom:1.5rem}"
    ".issuer{font-weight:700;font-size:1.1rem;margin-bottom:0}.place{color:var(--muted);margin-top:.2rem}"
    ".kicker{color:var(--muted);text-transform:uppercase;letter-spacing:.05em;font-size:.85rem;margin:0}"
    "h1{font-size:2.2rem;line-height:1.2;margin:.4rem 0}"
    "h2{font-size:1.5rem;line-height:1.3;margin:3rem 0 1rem;padding-bottom:.3rem;"
    "border-bottom:2px solid var(--accent);color:#0b3d63}"
    "h3{font-size:1.15rem;margin:2rem 0 .6rem;color:#0b3d63}"
    "h4{font-size:1rem;margin:1.5rem 0 .4rem}"
    "p{margin:.6rem 0;text-align:justify;hyphens:auto}"
    "p.note{font-size:.85rem;color:var(--muted)}"
    "nav.toc ol{list-style:none;padding-left:0}nav.toc ol ol{padding-left:1.2rem}nav.toc li{margin:.15rem 0}"
    "nav.toc ol ol{font-size:.9rem;column-width:16rem}"
    "a{color:#0a58a3}"
    "figure{margin:1.5rem 0}figcaption.source{font-size:.8rem;color:var(--muted);margin-top:.3rem}svg.chart{width:100%;height:auto;display:block}.cn{display:none}"
    ".table{overflow-x:auto;margin:1rem 0}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}"
    "th,td{padding:.3rem .5rem;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top}"
    "th{background:#f3f6f9}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tbody tr:last-child td{font-weight:600}"
    "table.plain tbody tr:last-child td{font-weight:normal}"
    "dt{font-weight:700;margin-top:1rem}dd{margin:.2rem 0 0 0}"
    ".fig,.pct,.diff{white-space:nowrap}"
    "ul.index{columns:18rem;padding-left:1rem}"
    "footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--rule);margin-top:3rem;padding:1rem}"
    "@media (max-width:40rem){body{font-size:15px}h1{font-size:1.7rem}p{text-align:left}"
    ".cw{display:none}.cn{display:block}}"
    "@media print{@page{size:A4;margin:18mm}body{font-size:10.5pt}.cw{display:block}.cn{display:none}nav.toc{break-after:page}"
    "h2{break-before:page}figure,tr,dt,dd{break-inside:avoid}h2,h3,h4{break-after:avoid}"
    "a{color:inherit;text-decoration:none}}";

/* A single line break stays one (<br>), as in the PDF and the DOCX (its
 * <w:br/>): a record's lines, as reported, were joined into one. A blank
 * line has already started a new paragraph (doc_paragraphs). */
static void h_text(void *ctx, const char *s, int n) {
    Str t = STR_INIT;
    for (const char *end = s + n; s < end;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t k = (size_t)((nl ? nl : end) - s);
        str_clear(&t);
        str_append(&t, s, k);
        str_html(ctx, "%s", str_cstr(&t));
        if (!nl) break;
        str_puts(ctx, "<br>\n");
        s = nl + 1;
    }
    str_free(&t);
}

static void h_mark(void *ctx, const DocMark *m) {
    Str *out = ctx;
    Str f = STR_INIT, v = STR_INIT, e = STR_INIT, d = STR_INIT;
    str_append(&f, m->filter, (size_t)m->lfilter);
    str_append(&v, m->value, (size_t)m->lvalue);
    str_append(&e, m->extra, (size_t)m->lextra);
    str_append(&d, m->display, (size_t)m->ldisplay);
    const char *cls = m->kind == 'p' ? "pct" : m->kind == 'r' ? "ref" : m->kind == 'd' ? "diff" : "fig";
    str_html(out, "<span class=\"%s\" data-filter=\"%s\" data-value=\"%s\"", cls, str_cstr(&f), str_cstr(&v));
    if (m->kind == 'p') str_html(out, " data-base=\"%s\"", str_cstr(&e));
    if (m->kind == 'r') str_html(out, " data-claim=\"%s\"", str_cstr(&e));
    if (m->kind == 'd') str_html(out, " data-minus=\"%s\"", str_cstr(&e));
    str_html(out, ">%s</span>", str_cstr(&d));
    str_free(&f);
    str_free(&v);
    str_free(&e);
    str_free(&d);
}

static void h_bold(void *ctx, bool on) { str_puts(ctx, on ? "<strong>" : "</strong>"); }
static void h_spanish(void *ctx, bool on) { str_puts(ctx, on ? "<span lang=\"es\">" : "</span>"); }

void doc_marked_html(Str *out, const char *marked) {
    DocVisitor v = {h_text, h_mark, h_bold, h_spanish};
    doc_walk(marked, &v, out);
}

static void html_para(void *ctx, const char *piece) {
    str_puts(ctx, "<p>");
    doc_marked_html(ctx, piece);
    str_puts(ctx, "</p>");
}

static void toc(const Doc *d, Str *out) {
    str_html(out, "<nav class=\"toc\" aria-label=\"%s\"><h2>%s</h2><ol>",
             lang_pick(d->lang, "Contenido", "Contents"), lang_pick(d->lang, "Contenido", "Contents"));
    bool item = false, sub = false;
    for (const Block *b = d->head; b; b = b->next) {
        if (!b->in_toc || (b->kind != B_H1 && b->kind != B_H2)) continue;
        if (b->kind == B_H1) {
            if (sub) str_puts(out, "</ol>");
            if (item) str_puts(out, "</li>");
            sub = false;
            item = true;
            str_html(out, "<li><a href=\"#%s\">%s</a>", b->anchor, b->text);
        } else {
            if (!sub) str_puts(out, "<ol>");
            sub = true;
            str_html(out, "<li><a href=\"#%s\">%s</a></li>", b->anchor, b->text);
        }
    }
    if (sub) str_puts(out, "</ol>");
    if (item) str_puts(out, "</li>");
    str_puts(out, "</ol></nav>");
}

static void table(const Table *t, Str *out) {
    str_puts(out, t->total_row ? "<div class=\"table\"><table><thead><tr>"
                               : "<div class=\"table\"><table class=\"plain\"><thead><tr>");
    for (int c = 0; c < t->ncols; c++) {
        str_puts(out, t->numeric[c] ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">");
        doc_marked_html(out, t->cells[c]);
        str_puts(out, "</th>");
    }
    str_puts(out, "</tr></thead><tbody>");
    for (int r = 1; r < t->nrows; r++) {
        str_puts(out, "<tr>");
        for (int c = 0; c < t->ncols; c++) {
            str_puts(out, t->numeric[c] ? "<td class=\"n\">" : "<td>");
            doc_marked_html(out, t->cells[r * t->ncols + c]);
            str_puts(out, "</td>");
        }
        str_puts(out, "</tr>");
    }
    str_puts(out, "</tbody></table></div>");
}

/* The issuer's emblem inside the file (a data: URI: the report stays one
 * self-contained file), its alternative text naming the issuer. */
static void cover_emblem(const Doc *d, Str *out) {
    if (!d->emblem) return;
    gchar *b64 = g_base64_encode(d->emblem, d->emblem_len);
    str_html(out, "<img class=\"emblem\" src=\"data:image/png;base64,%s\" width=\"%d\" height=\"%d\" alt=\"%s%s%s\">",
             b64, d->emblem_w, d->emblem_h, lang_pick(d->lang, "Emblema", "Emblem"), d->issuer ? ": " : "",
             d->issuer ? d->issuer : "");
    g_free(b64);
}

void doc_html(const Doc *d, Str *out) {
    Arena scratch = ARENA_INIT;
    str_html(out, "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<meta name=\"generator\" content=\"pmm\"><title>%s</title><style>",
             lang_code(d->lang), d->title);
    str_puts(out, css);                      /* the report's own style sheet, trusted */
    str_puts(out, "</style></head><body>");
    str_puts(out, "<header class=\"cover\">");
    cover_emblem(d, out);
    str_html(out, "<p class=\"kicker\">%s</p><h1>%s</h1><p>%s</p>",
             d->subtitle ? d->subtitle : "", d->title, d->period ? d->period : "");
    if (d->issuer) {                       /* issue 12; the Spanish in an English cover marked */
        str_puts(out, "<p class=\"issuer\">");
        doc_marked_html(out, d->issuer_marked ? d->issuer_marked : d->issuer);
        str_puts(out, "</p>");
    }
    if (d->place_date) {
        str_puts(out, "<p class=\"place\">");
        doc_marked_html(out, d->place_date_marked ? d->place_date_marked : d->place_date);
        str_puts(out, "</p>");
    }
    str_puts(out, "</header>");
    toc(d, out);
    str_puts(out, "<main>");
    for (const Block *b = d->head; b; b = b->next) {
        switch (b->kind) {
        case B_H1:
        case B_H2:
        case B_H3: {
            int level = b->kind == B_H1 ? 2 : b->kind == B_H2 ? 3 : 4;
            /* a heading no link lands on has no id (issue 12, N3: 64 «id=""») */
            if (b->anchor) str_html(out, "<h%d id=\"%s\">", level, b->anchor);
            else str_html(out, "<h%d>", level);
            doc_marked_html(out, b->text);
            str_html(out, "</h%d>", level);
            break;
        }
        case B_P:
            /* a blank line in it starts a new paragraph (t12 fault 6) */
            doc_paragraphs(b->text, html_para, out);
            break;
        case B_NOTE:
            str_puts(out, "<p class=\"note\">");
            doc_marked_html(out, b->text);
            str_puts(out, "</p>");
            break;
        case B_CHART: {
            /* Two drawings of one chart: the wide one, and one laid out for
             * a phone (labels above the bars) that CSS shows instead on a
             * narrow screen, so that nothing scrolls sideways or shrinks
             * to an unreadable size. The hidden one is hidden from screen
             * readers too (display:none). */
            Scene wide, narrow;
            chart_layout(b->chart, &scratch, &wide);
            chart_layout_width(b->chart, CHART_NARROW, &scratch, &narrow);
            narrow.id = arena_printf(&scratch, "%s-movil", b->chart->id);
            str_puts(out, "<figure><div class=\"cw\">");
            chart_svg(&wide, out);
            str_puts(out, "</div><div class=\"cn\">");
            chart_svg(&narrow, out);
            str_puts(out, "</div>");
            if (d->source) {                 /* marked text: a Spanish issuer in English is marked */
                str_puts(out, "<figcaption class=\"source\">");
                doc_marked_html(out, d->source);
                str_puts(out, "</figcaption>");
            }
            str_puts(out, "</figure>");
            break;
        }
        case B_TABLE:
            table(b->table, out);
            break;
        case B_DEF:
            str_puts(out, "<dl><dt>");
            doc_marked_html(out, b->text);
            str_puts(out, "</dt><dd>");
            doc_marked_html(out, b->text2 ? b->text2 : "");
            str_puts(out, "</dd></dl>");
            break;
        case B_INDEX:
            str_puts(out, "<p class=\"index\">");        /* marked: a Spanish name in English (N3) */
            doc_marked_html(out, b->text);
            str_puts(out, ": ");
            for (int i = 0; i < b->ntargets; i++)
                str_html(out, "%s<a href=\"#%s\">%s</a>", i ? ", " : "", b->targets[i], b->target_labels[i]);
            str_puts(out, "</p>");
            break;
        }
    }
    str_html(out, "</main><footer>%s</footer></body></html>\n", doc_footer_note(d));
    arena_free(&scratch);
}
