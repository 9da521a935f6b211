/*
 * The .xlsx reader: a zip (libzip) of XML parts (expat). Every part is
 * parsed as a stream of 64 KiB chunks, with its size and compression ratio
 * counted as it is inflated, so a lying zip directory cannot make us
 * allocate or inflate more than the limits in xlsxread.h.
 */
#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "ingest/xlsxread.h"
#include "util/errtext.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/text.h"

#define CHUNK (64u << 10)

struct Xlsx {
    zip_t *zip;
    char *name;
    DiagList *diags;
    int nsheets;
    char **sheet_names;
    char **sheet_parts;              /* zip entry of each sheet, NULL if unresolved */
    char **sheet_rids;
    char *sst_part, *styles_part;
    /* shared strings: NUL-terminated texts packed in one buffer */
    Str sst;
    size_t *sst_off;
    size_t nsst, sst_cap;
    size_t sst_max;                  /* what the sheets' size allows */
    /* styles: for each cell format (cellXfs index), whether it shows a date */
    unsigned char *xf_date;
    unsigned char *xf_strike;        /* and whether its font is struck through */
    size_t nxf, xf_cap;
    unsigned char *font_strike;      /* per font of <fonts>: struck through */
    size_t nfont, font_cap;
    bool row_hidden, row_struck;     /* of the row being handed over */
    /* issue 10 (helper REC): the sheet's hidden columns (<col hidden>),
     * and which cells of the row handed over hold an error value (t="e") */
    bool col_hidden[XLSX_MAX_COLS];
    bool cell_error[XLSX_MAX_COLS];
    /* F16A: which cells of the row handed over hold a number that is not
     * whole (t="n", not a date): its text is C's ("1.234"), which a
     * pack writing "." for thousands would read as 1234 people */
    bool cell_fraction[XLSX_MAX_COLS];
    bool custom_date[512];           /* custom numFmtId (164..) -> is a date */
    bool date1904;
    /* issue 11 (helper CAMP2): the workbook-wide defined names and their
     * formulas (<definedName> of workbook.xml without localSheetId) */
    char **dn_names, **dn_values;
    int ndn, dn_cap;
};

/* ---- parsing one part ---- */

/* The state every part parser starts with; the specific state follows. */
typedef struct {
    Xlsx *x;
    XML_Parser p;
    const char *where;               /* "name" or "name[Sheet]" for messages */
    long line;                       /* the row being read, for messages */
    bool failed;                     /* an error was reported: stop */
    bool stopped;                    /* the row callback asked to stop */
} Part;

static const char *local(const char *name) {
    const char *l = strrchr(name, '|');
    return l ? l + 1 : name;
}

static const char *attr(const char **atts, const char *name) {
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0) return atts[i + 1];
    return NULL;
}

static void part_fail(Part *pt, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void part_fail(Part *pt, const char *fmt, ...) {
    if (pt->failed) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_add(pt->x->diags, pt->where, pt->line, NULL, NULL, "%s", msg);
    pt->failed = true;
    XML_StopParser(pt->p, XML_FALSE);
}

/* Entity declarations are how "billion laughs" and external-entity attacks
 * start; no spreadsheet writes them, so any DOCTYPE is refused outright. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sys, const XML_Char *pub,
                       int internal) {
    part_fail(ud, _("el XML declara un DOCTYPE o entidades, que un libro de Excel no usa: se rechaza"));
}

static void on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value, int len,
                      const XML_Char *base, const XML_Char *sys, const XML_Char *pub,
                      const XML_Char *notation) {
    part_fail(ud, _("el XML declara entidades, que un libro de Excel no usa: se rechaza"));
}

/* Whether TOTAL bytes inflated from ENTRY, COMP bytes compressed, pass a
 * limit: the size cap or the zip-bomb ratio. Said (diag) when they do. The
 * directory's sizes are checked before inflating, the bytes counted while
 * inflating (a zip directory can lie): the same rule for both. */
static bool part_too_big(Xlsx *x, const char *entry, uint64_t total, uint64_t comp) {
    if (total > XLSX_MAX_PART) {
        diag_add(x->diags, x->name, 0, NULL, NULL,
                 _("la parte «%s» ocupa más de %u MiB sin comprimir: se rechaza"), entry,
                 XLSX_MAX_PART >> 20);
        return true;
    }
    if (total > (1u << 20) && total / (comp ? comp : 1) > XLSX_MAX_RATIO) {
        diag_add(x->diags, x->name, 0, NULL, NULL,
                 _("la parte «%s» se descomprime más de %d veces su tamaño (posible bomba zip): "
                   "se rechaza"), entry, XLSX_MAX_RATIO);
        return true;
    }
    return false;
}

/* Expat (before 2.6) rescans an unfinished token from its start at every
 * chunk, so a comment, tag or attribute of many MiB costs quadratic time: a
 * 300 MiB comment took minutes. What P has been fed past the start of the
 * token it is inside is refused beyond XLSX_MAX_TOKEN (text between tags is
 * handed over as it comes and does not count). */
static bool token_too_long(Xlsx *x, const char *entry, XML_Parser p, uint64_t total) {
    XML_Index at = XML_GetCurrentByteIndex(p);
    if (at < 0 || total - (uint64_t)at <= XLSX_MAX_TOKEN) return false;
    diag_add(x->diags, x->name, 0, NULL, NULL,
             _("la parte «%s» tiene una marca XML (etiqueta, atributo o comentario) de más de "
               "%u MiB: se rechaza"), entry, XLSX_MAX_TOKEN >> 20);
    return true;
}

/* Parses zip entry ENTRY with the handlers, UD being a struct that starts
 * with a Part. A missing entry is an error only when REQUIRED. */
static bool parse_part(Xlsx *x, const char *entry, bool required, void *ud,
                       XML_StartElementHandler start, XML_EndElementHandler end,
                       XML_CharacterDataHandler text) {
    Part *pt = ud;
    pt->x = x;
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(x->zip, entry, 0, &zs) != 0) {
        if (required)
            diag_add(x->diags, x->name, 0, NULL, NULL,
                     _("no es un libro de Excel válido: falta la parte «%s»"), entry);
        return !required;
    }
    uint64_t comp = (zs.valid & ZIP_STAT_COMP_SIZE) ? zs.comp_size : 0;
    if ((zs.valid & ZIP_STAT_SIZE) && part_too_big(x, entry, zs.size, comp)) return false;
    zip_file_t *zf = zip_fopen(x->zip, entry, 0);
    if (!zf) {
        diag_add(x->diags, x->name, 0, NULL, NULL, _("no se puede leer la parte «%s»: %s"),
                 entry, zip_strerror(x->zip));
        return false;
    }
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    pt->p = p;
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    char *buf = xmalloc(CHUNK);
    uint64_t total = 0;
    bool ok = true;
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, CHUNK);
        if (n < 0) {
            diag_add(x->diags, x->name, 0, NULL, NULL, _("la parte «%s» está dañada: %s"), entry,
                     zip_file_strerror(zf));
            ok = false;
            break;
        }
        total += (uint64_t)n;
        if (part_too_big(x, entry, total, comp)) {
            ok = false;
            break;
        }
        if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (!pt->failed && !pt->stopped)
                diag_add(x->diags, pt->where ? pt->where : x->name, pt->line, NULL, NULL,
                         _("XML mal formado en «%s», línea %lu: %s"), entry,
                         (unsigned long)XML_GetCurrentLineNumber(p),
                         XML_ErrorString(XML_GetErrorCode(p)));
            ok = pt->stopped && !pt->failed;
            break;
        }
        if (n == 0) break;
        if (token_too_long(x, entry, p, total)) {
            ok = false;
            break;
        }
    }
    free(buf);
    XML_ParserFree(p);
    zip_fclose(zf);
    return ok && !pt->failed;
}

/* ---- workbook.xml and its relationships ---- */

typedef struct {
    Part pt;
    int cap;
    bool in_dn;                      /* inside a workbook-wide <definedName> */
    Str dn;                          /* its formula so far */
} BookCtx;

#define XLSX_MAX_NAMES 65536         /* defined names kept; more is refused */

static void book_start(void *ud, const char *el, const char **atts) {
    BookCtx *c = ud;
    Xlsx *x = c->pt.x;
    const char *n = local(el);
    if (strcmp(n, "workbookPr") == 0) {
        const char *d = attr(atts, "date1904");
        x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        const char *name = attr(atts, "name"), *rid = attr(atts, "id");
        if (!name || !rid) return;
        if (x->nsheets == 1000) { part_fail(&c->pt, _("demasiadas hojas")); return; }
        if (x->nsheets == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 8;
            x->sheet_names = xrealloc(x->sheet_names, (size_t)c->cap * sizeof(char *));
            x->sheet_rids = xrealloc(x->sheet_rids, (size_t)c->cap * sizeof(char *));
            x->sheet_parts = xrealloc(x->sheet_parts, (size_t)c->cap * sizeof(char *));
        }
        x->sheet_names[x->nsheets] = xstrdup(name);
        x->sheet_rids[x->nsheets] = xstrdup(rid);
        x->sheet_parts[x->nsheets] = NULL;
        x->nsheets++;
    } else if (strcmp(n, "definedName") == 0 && !attr(atts, "localSheetId")) {
        const char *name = attr(atts, "name");
        if (!name) return;
        if (x->ndn == XLSX_MAX_NAMES) { part_fail(&c->pt, _("demasiados nombres definidos")); return; }
        if (x->ndn == x->dn_cap) {
            x->dn_cap = x->dn_cap ? x->dn_cap * 2 : 8;
            x->dn_names = xrealloc(x->dn_names, (size_t)x->dn_cap * sizeof(char *));
            x->dn_values = xrealloc(x->dn_values, (size_t)x->dn_cap * sizeof(char *));
        }
        x->dn_names[x->ndn] = xstrdup(name);
        x->dn_values[x->ndn] = NULL;
        x->ndn++;
        str_clear(&c->dn);
        c->in_dn = true;
    }
}

static void book_end(void *ud, const char *el) {
    BookCtx *c = ud;
    if (c->in_dn && strcmp(local(el), "definedName") == 0) {
        Xlsx *x = c->pt.x;
        x->dn_values[x->ndn - 1] = xstrdup(str_cstr(&c->dn));
        c->in_dn = false;
    }
}

static void book_text(void *ud, const char *s, int len) {
    BookCtx *c = ud;
    if (!c->in_dn) return;
    if (c->dn.len + (size_t)len > XLSX_MAX_CELL) {
        part_fail(&c->pt, _("un nombre definido pasa de %u bytes: se rechaza"), XLSX_MAX_CELL);
        return;
    }
    str_append(&c->dn, s, (size_t)len);
}

static void no_end(void *ud, const char *el) {}
static void no_text(void *ud, const char *s, int len) {}


/* A relationship target is relative to xl/, or absolute from the root. */
static char *resolve_target(const char *t) {
    if (t[0] == '/') return xstrdup(t + 1);
    Str s = STR_INIT;
    str_puts(&s, "xl/");
    str_puts(&s, t);
    return str_take(&s);
}

static bool ends_with(const char *s, const char *tail) {
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

static void rels_start(void *ud, const char *el, const char **atts) {
    Part *pt = ud;
    Xlsx *x = pt->x;
    if (strcmp(local(el), "Relationship") != 0) return;
    const char *id = attr(atts, "Id"), *target = attr(atts, "Target"), *type = attr(atts, "Type");
    if (!id || !target || !type) return;
    if (ends_with(type, "/sharedStrings") && !x->sst_part) x->sst_part = resolve_target(target);
    else if (ends_with(type, "/styles") && !x->styles_part) x->styles_part = resolve_target(target);
    else if (ends_with(type, "/worksheet"))
        for (int i = 0; i < x->nsheets; i++)
            if (!x->sheet_parts[i] && strcmp(x->sheet_rids[i], id) == 0)
                x->sheet_parts[i] = resolve_target(target);
}

/* ---- styles.xml: which cell formats show dates ---- */

typedef struct {
    Part pt;
    bool in_xfs, in_fonts;
} StyleCtx;

/* A number format shows a date when it has d, m or y outside quoted text,
 * escapes and [brackets] ("[$-409]d/m/yyyy", not "0.00\"m\""). */
static bool format_is_date(const char *f) {
    for (const char *p = f; *p; p++) {
        if (*p == '"') { p = strchr(p + 1, '"'); if (!p) return false; }
        else if (*p == '\\' || *p == '_' || *p == '*') { if (!*++p) return false; }
        else if (*p == '[') { p = strchr(p, ']'); if (!p) return false; }
        else if (strchr("dDmMyY", *p)) return true;
    }
    return false;
}

static bool builtin_date(long id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

static void style_start(void *ud, const char *el, const char **atts) {
    StyleCtx *c = ud;
    Xlsx *x = c->pt.x;
    const char *n = local(el);
    if (strcmp(n, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        long v = id ? strtol(id, NULL, 10) : -1;
        if (code && v >= 0 && v < 512) x->custom_date[v] = format_is_date(code);
    } else if (strcmp(n, "cellXfs") == 0) {
        c->in_xfs = true;
    } else if (c->in_xfs && strcmp(n, "xf") == 0) {
        const char *id = attr(atts, "numFmtId"), *font = attr(atts, "fontId");
        long v = id ? strtol(id, NULL, 10) : 0, f = font ? strtol(font, NULL, 10) : 0;
        if (x->nxf == x->xf_cap) {
            if (x->xf_cap >= 65536) { part_fail(&c->pt, _("demasiados formatos de celda")); return; }
            x->xf_cap = x->xf_cap ? x->xf_cap * 2 : 64;
            x->xf_date = xrealloc(x->xf_date, x->xf_cap);
            x->xf_strike = xrealloc(x->xf_strike, x->xf_cap);
        }
        x->xf_strike[x->nxf] = f >= 0 && (size_t)f < x->nfont && x->font_strike[f];
        x->xf_date[x->nxf++] = builtin_date(v) || (v >= 164 && v < 512 && x->custom_date[v]);
    } else if (strcmp(n, "fonts") == 0) {
        c->in_fonts = true;
    } else if (c->in_fonts && strcmp(n, "font") == 0) {
        if (x->nfont == x->font_cap) {
            if (x->font_cap >= 65536) { part_fail(&c->pt, _("demasiados formatos de celda")); return; }
            x->font_cap = x->font_cap ? x->font_cap * 2 : 16;
            x->font_strike = xrealloc(x->font_strike, x->font_cap);
        }
        x->font_strike[x->nfont++] = 0;
    } else if (c->in_fonts && x->nfont && strcmp(n, "strike") == 0) {
        const char *val = attr(atts, "val");    /* <strike/> or <strike val="1"/> */
        x->font_strike[x->nfont - 1] = !val || (strcmp(val, "0") != 0 && strcmp(val, "false") != 0);
    }
}

static void style_end(void *ud, const char *el) {
    StyleCtx *c = ud;
    if (strcmp(local(el), "cellXfs") == 0) c->in_xfs = false;
    if (strcmp(local(el), "fonts") == 0) c->in_fonts = false;
}

/* ---- the escapes of ST_Xstring (issue 10, hostile fault 8, helper REC2) ----
 * ECMA-376 writes a character XML cannot hold (a control character) as
 * _xHHHH_, its UTF-16 code unit in hex, and a literal "_x" that would read
 * as one as _x005F_x (the "_" escaped). Excel and LibreOffice decode them
 * in every text of a cell; so does pmm, or "_x000D_" would be imported as
 * those seven characters. A surrogate pair is two escapes; an escape of
 * NUL or a lone surrogate stays as written (no text can hold it). */

static int hex4(const char *p) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The code unit of an escape at P (of N bytes left), or -1. */
static int escape_at(const char *p, size_t n) {
    if (n < 7 || p[0] != '_' || p[1] != 'x' || p[6] != '_') return -1;
    return hex4(p + 2);
}

static size_t put_utf8(char *w, long cp) {
    if (cp < 0x80) { w[0] = (char)cp; return 1; }
    if (cp < 0x800) { w[0] = (char)(0xC0 | cp >> 6); w[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        w[0] = (char)(0xE0 | cp >> 12); w[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        w[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    w[0] = (char)(0xF0 | cp >> 18); w[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    w[2] = (char)(0x80 | (cp >> 6 & 0x3F)); w[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the escapes of the N bytes at S in place (the text only gets
 * shorter); returns the new length. */
static size_t xstring_decode(char *s, size_t n) {
    if (!memchr(s, '_', n)) return n;
    size_t r = 0, w = 0;
    while (r < n) {
        long cp = escape_at(s + r, n - r);
        size_t used = 7;
        if (cp >= 0xD800 && cp <= 0xDBFF) {            /* a pair, or nothing */
            int lo = escape_at(s + r + 7, n - r - 7);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                used = 14;
            } else {
                cp = -1;
            }
        }
        if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) {
            s[w++] = s[r++];
            continue;
        }
        w += put_utf8(s + w, cp);
        r += used;
    }
    return w;
}

/* ---- sharedStrings.xml ---- */

typedef struct {
    Part pt;
    bool in_si, in_t;
    int in_rph;                      /* phonetic runs are not the text */
    size_t start;                    /* offset of the string being read */
} SstCtx;

static void sst_start(void *ud, const char *el, const char **atts) {
    SstCtx *c = ud;
    Xlsx *x = c->pt.x;
    const char *n = local(el);
    if (strcmp(n, "si") == 0) {
        if (x->nsst >= x->sst_max) {
            part_fail(&c->pt, _("la tabla de textos compartidos tiene más entradas (%zu) de las que "
                                "caben en las hojas del libro: se rechaza"), x->nsst + 1);
            return;
        }
        c->in_si = true;
        c->start = x->sst.len;
    } else if (strcmp(n, "rPh") == 0) {
        c->in_rph++;
    } else if (strcmp(n, "t") == 0 && c->in_si && !c->in_rph) {
        c->in_t = true;
    }
}

static void sst_end(void *ud, const char *el) {
    SstCtx *c = ud;
    Xlsx *x = c->pt.x;
    const char *n = local(el);
    if (strcmp(n, "t") == 0) {
        c->in_t = false;
    } else if (strcmp(n, "rPh") == 0) {
        c->in_rph--;
    } else if (strcmp(n, "si") == 0 && c->in_si) {
        c->in_si = false;
        x->sst.len = c->start + xstring_decode(x->sst.p + c->start, x->sst.len - c->start);
        str_putc(&x->sst, '\0');
        if (x->nsst == x->sst_cap) {
            x->sst_cap = x->sst_cap ? x->sst_cap * 2 : 256;
            x->sst_off = xrealloc(x->sst_off, x->sst_cap * sizeof *x->sst_off);
        }
        x->sst_off[x->nsst++] = c->start;
    }
}

static void sst_text(void *ud, const char *s, int len) {
    SstCtx *c = ud;
    if (!c->in_t) return;
    if (c->pt.x->sst.len - c->start + (size_t)len > XLSX_MAX_CELL) {
        part_fail(&c->pt, _("un texto compartido pasa de %u bytes: se rechaza"), XLSX_MAX_CELL);
        return;
    }
    if (c->pt.x->sst.len + (size_t)len > XLSX_MAX_STRINGS) {
        part_fail(&c->pt, _("los textos compartidos pasan de %u MiB: se rechaza"),
                  XLSX_MAX_STRINGS >> 20);
        return;
    }
    str_append(&c->pt.x->sst, s, (size_t)len);
}

/* ---- opening ---- */

bool xlsx_sniff(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    unsigned char m[4] = {0};
    size_t n = fread(m, 1, 4, f);
    fclose(f);
    return n == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
}

void xlsx_close(Xlsx *x) {
    if (!x) return;
    if (x->zip) zip_discard(x->zip);
    for (int i = 0; i < x->nsheets; i++) {
        free(x->sheet_names[i]);
        free(x->sheet_rids[i]);
        free(x->sheet_parts[i]);
    }
    free(x->sheet_names);
    free(x->sheet_rids);
    free(x->sheet_parts);
    for (int i = 0; i < x->ndn; i++) {
        free(x->dn_names[i]);
        free(x->dn_values[i]);
    }
    free(x->dn_names);
    free(x->dn_values);
    free(x->sst_part);
    free(x->styles_part);
    free(x->xf_strike);
    free(x->font_strike);
    str_free(&x->sst);
    free(x->sst_off);
    free(x->xf_date);
    free(x->name);
    free(x);
}

Xlsx *xlsx_open(const char *path, const char *name, DiagList *diags) {
    Xlsx *x = xcalloc(1, sizeof *x);
    x->name = xstrdup(name);
    x->diags = diags;
    int err = 0;
    x->zip = zip_open(path, ZIP_RDONLY, &err);
    int sys = errno;    /* libzip's own text is English: the system's cause in pmm's words */
    if (!x->zip) {
        if (err == ZIP_ER_NOZIP || err == ZIP_ER_INCONS)
            diag_add(diags, name, 0, NULL, NULL,
                     _("no es un libro de Excel (.xlsx): el archivo no es un zip válido"));
        else if (err == ZIP_ER_NOENT)
            diag_add(diags, name, 0, NULL, NULL, _("no se puede abrir: %s"), errtext(ENOENT));
        else if (err == ZIP_ER_OPEN || err == ZIP_ER_READ)
            diag_add(diags, name, 0, NULL, NULL, _("no se puede abrir: %s"), errtext(sys));
        else {
            zip_error_t ze;
            zip_error_init_with_code(&ze, err);
            diag_add(diags, name, 0, NULL, NULL, _("no se puede abrir: %s"), zip_error_strerror(&ze));
            zip_error_fini(&ze);
        }
        xlsx_close(x);
        return NULL;
    }
    BookCtx book = {{.where = name}, 0, false, STR_INIT};
    Part rels = {.where = name};
    bool read = parse_part(x, "xl/workbook.xml", true, &book, book_start, book_end, book_text);
    str_free(&book.dn);
    if (!read || !parse_part(x, "xl/_rels/workbook.xml.rels", true, &rels, rels_start, no_end, no_text)) {
        xlsx_close(x);
        return NULL;
    }
    /* Every shared string a sheet uses costs it a cell of at least 16
     * bytes (<c t="s"><v>0</v></c>): more strings than that is no sheet's. */
    uint64_t sheet_bytes = 0;
    for (int i = 0; i < x->nsheets; i++) {
        zip_stat_t zs;
        if (x->sheet_parts[i] && zip_stat(x->zip, x->sheet_parts[i], 0, &zs) == 0 &&
            (zs.valid & ZIP_STAT_SIZE))
            sheet_bytes += zs.size < XLSX_MAX_PART ? zs.size : XLSX_MAX_PART;
    }
    x->sst_max = (size_t)(sheet_bytes / 16) + 64;
    StyleCtx sc = {{.where = name}, false, false};
    SstCtx ss = {{.where = name}, false, false, 0, 0};
    if ((x->styles_part && !parse_part(x, x->styles_part, false, &sc, style_start, style_end, no_text)) ||
        (x->sst_part && !parse_part(x, x->sst_part, false, &ss, sst_start, sst_end, sst_text))) {
        xlsx_close(x);
        return NULL;
    }
    return x;
}

const char *xlsx_defined_name(const Xlsx *x, const char *name) {
    for (int i = 0; i < x->ndn; i++)
        if (strcmp(x->dn_names[i], name) == 0) return x->dn_values[i] ? x->dn_values[i] : "";
    return NULL;
}

int xlsx_sheet_count(const Xlsx *x) { return x->nsheets; }
const char *xlsx_sheet_name(const Xlsx *x, int i) { return x->sheet_names[i]; }

int xlsx_find_sheet(const Xlsx *x, const char *name) {
    Arena a = ARENA_INIT;
    const char *want = text_fold(&a, name);
    int hit = -1;
    for (int i = 0; i < x->nsheets && hit < 0; i++)
        if (strcmp(text_fold(&a, x->sheet_names[i]), want) == 0) hit = i;
    arena_free(&a);
    return hit;
}

const char *xlsx_col_letters(int col, char *buf) {
    char tmp[8];
    int n = 0;
    for (int c = col + 1; c > 0 && n < 3; c = (c - 1) / 26) tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

/* ---- a worksheet ---- */

typedef struct {
    Part pt;
    XlsxRowFn fn;
    void *ctx;
    Str cells[XLSX_MAX_COLS];
    char *ptrs[XLSX_MAX_COLS];
    int ncells;
    long row;
    int col;
    bool in_row, in_cell, in_v, in_is, in_t;
    bool hidden, struck;             /* the row is hidden; a cell of it is struck through */
    int in_rph;
    char type[12];
    long style;
    Str val;
    size_t row_text;                 /* bytes of text in this row */
    uint64_t sheet_text;             /* and in the sheet so far */
} SheetCtx;

/* "BC12" -> column 54 (0-based); -1 when it is not a reference. */
static int ref_col(const char *r) {
    long c = 0;
    const char *p = r;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (*p - 'A' + 1);
        if (c > 16384) return -1;
    }
    return p == r ? -1 : (int)(c - 1);
}

/* Days since the epoch to a civil date (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *m, int *d) {
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* An Excel serial date as ISO text. 1900 system: serial 1 is 1900-01-01,
 * and Excel counts a 29 Feb 1900 that never was, so from 61 on day 0 is
 * 1899-12-30. */
static void serial_date(double v, bool d1904, Str *out) {
    double day = floor(v);
    long secs = lround((v - day) * 86400.0);
    if (secs >= 86400) { day += 1; secs -= 86400; }
    long long epoch_days;                        /* days from 1970-01-01 */
    if (d1904) epoch_days = (long long)day - 24107;          /* 1904-01-01 */
    else if (day >= 61) epoch_days = (long long)day - 25569; /* 1899-12-30 */
    else epoch_days = (long long)day - 25568;                /* 1899-12-31 */
    int y, m, d;
    civil(epoch_days, &y, &m, &d);
    str_printf(out, "%04d-%02d-%02d", y, m, d);
    if (secs) str_printf(out, " %02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
}

/* A number as a person would write it: 7, not 7.0 nor 7.0000000000000009. */
static void number_text(const char *v, Str *out) {
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d)) { str_puts(out, v); return; }
    if (d == floor(d) && fabs(d) < 1e15) str_printf(out, "%.0f", d == 0 ? 0.0 : d);
    else str_printf(out, "%.15g", d);
}

/* <col min="3" max="5" hidden="1"/> (1-based, inclusive): hidden columns,
 * or columns of width 0. */
static void hidden_cols(Xlsx *x, const char **atts) {
    const char *mn = attr(atts, "min"), *mx = attr(atts, "max"), *h = attr(atts, "hidden"),
               *w = attr(atts, "width");
    bool hidden = (h && (strcmp(h, "1") == 0 || strcmp(h, "true") == 0)) || (w && strtod(w, NULL) <= 0);
    long lo = mn ? strtol(mn, NULL, 10) : 0, hi = mx ? strtol(mx, NULL, 10) : lo;
    for (long k = lo < 1 ? 1 : lo; hidden && k <= hi && k <= XLSX_MAX_COLS; k++) x->col_hidden[k - 1] = true;
}

static void sheet_start(void *ud, const char *el, const char **atts) {
    SheetCtx *c = ud;
    const char *n = local(el);
    if (strcmp(n, "row") == 0) {
        const char *r = attr(atts, "r");
        long row = r ? strtol(r, NULL, 10) : c->row + 1;
        if (row <= c->row || row < 1) row = c->row + 1;     /* out of order: take it as next */
        c->row = c->pt.line = row;
        if (row > XLSX_MAX_ROWS) {
            part_fail(&c->pt, _("la hoja pasa de %ld filas, el máximo de Excel: se rechaza"),
                      XLSX_MAX_ROWS);
            return;
        }
        for (int i = 0; i < c->ncells; i++) str_clear(&c->cells[i]);
        c->ncells = 0;
        c->col = -1;
        c->row_text = 0;
        c->in_row = true;
        const char *h = attr(atts, "hidden"), *ht = attr(atts, "ht");
        /* hidden, or hidden by a height of 0 */
        c->hidden = (h && (strcmp(h, "1") == 0 || strcmp(h, "true") == 0)) || (ht && strtod(ht, NULL) <= 0);
        c->struck = false;
        memset(c->pt.x->cell_error, 0, sizeof c->pt.x->cell_error);
        memset(c->pt.x->cell_fraction, 0, sizeof c->pt.x->cell_fraction);
    } else if (strcmp(n, "col") == 0 && !c->in_row) {
        hidden_cols(c->pt.x, atts);
    } else if (strcmp(n, "c") == 0 && c->in_row) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
        int col = r ? ref_col(r) : c->col + 1;
        c->col = col < 0 ? c->col + 1 : col;
        snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
        c->style = s ? strtol(s, NULL, 10) : 0;
        str_clear(&c->val);
        c->in_cell = true;
    } else if (c->in_cell && strcmp(n, "v") == 0) {
        c->in_v = true;
    } else if (c->in_cell && strcmp(n, "is") == 0) {
        c->in_is = true;
    } else if (c->in_is && strcmp(n, "rPh") == 0) {
        c->in_rph++;
    } else if (c->in_is && !c->in_rph && strcmp(n, "t") == 0) {
        c->in_t = true;
    }
}

/* The text of the cell just read, by its type. */
static void cell_text(SheetCtx *c, Str *out) {
    Xlsx *x = c->pt.x;
    const char *v = str_cstr(&c->val);
    const char *t = c->type;
    if (!*v && strcmp(t, "inlineStr") != 0) return;     /* <c r="C3" t="s"/>: empty */
    if (strcmp(t, "s") == 0) {
        char *end;
        long i = strtol(v, &end, 10);
        if (end == v || *end || i < 0 || (size_t)i >= x->nsst) {
            char col[8];
            part_fail(&c->pt, _("la celda %s%ld remite al texto compartido «%s», que no existe"),
                      xlsx_col_letters(c->col, col), c->row, v);
            return;
        }
        str_puts(out, x->sst.p + x->sst_off[i]);
    } else if (strcmp(t, "b") == 0) {
        str_puts(out, strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ? "Sí" : "No");
    } else if (strcmp(t, "d") == 0) {
        /* ISO 8601 already; a midnight time says nothing */
        size_t n = strlen(v);
        if (n > 10 && strncmp(v + 10, "T00:00:00", 9) == 0) n = 10;
        str_append(out, v, n);
    } else if (strcmp(t, "n") == 0) {
        bool date = c->style >= 0 && (size_t)c->style < x->nxf && x->xf_date[c->style];
        char *end;
        double d = strtod(v, &end);
        if (date && end != v && !*end && d >= 0 && d < 2958466)  /* up to 9999-12-31 */
            serial_date(d, x->date1904, out);
        else
            number_text(v, out);
    } else if (strcmp(t, "e") != 0) {      /* inlineStr, str (formula text) */
        str_append(out, v, xstring_decode(c->val.p, c->val.len));
    } else {
        str_puts(out, v);                  /* e (#N/A) */
    }
}

static void sheet_end(void *ud, const char *el) {
    SheetCtx *c = ud;
    const char *n = local(el);
    if (strcmp(n, "v") == 0) {
        c->in_v = false;
    } else if (strcmp(n, "t") == 0) {
        c->in_t = false;
    } else if (strcmp(n, "rPh") == 0) {
        if (c->in_rph) c->in_rph--;
    } else if (strcmp(n, "is") == 0) {
        c->in_is = false;
    } else if (strcmp(n, "c") == 0 && c->in_cell) {
        c->in_cell = false;
        if (c->col >= XLSX_MAX_COLS) return;
        Str *cell = &c->cells[c->col];
        str_clear(cell);
        cell_text(c, cell);
        c->row_text += cell->len;
        c->sheet_text += cell->len;
        if (c->row_text > XLSX_MAX_ROW_TEXT)
            part_fail(&c->pt, _("la fila tiene más de %u MiB de texto: se rechaza"), XLSX_MAX_ROW_TEXT >> 20);
        else if (c->sheet_text > XLSX_MAX_SHEET_TEXT)
            part_fail(&c->pt, _("la hoja tiene más de %u MiB de texto: se rechaza"), XLSX_MAX_SHEET_TEXT >> 20);
        if (c->pt.failed) return;
        Xlsx *x = c->pt.x;
        if (cell->len && c->style >= 0 && (size_t)c->style < x->nxf && x->xf_strike[c->style])
            c->struck = true;
        if (strcmp(c->type, "e") == 0) x->cell_error[c->col] = true;
        if (strcmp(c->type, "n") == 0 && strpbrk(str_cstr(cell), ".eE")) x->cell_fraction[c->col] = true;
        if (cell->len && c->col >= c->ncells) {
            for (int i = c->ncells; i < c->col; i++) str_clear(&c->cells[i]);
            c->ncells = c->col + 1;
        }
    } else if (strcmp(n, "row") == 0 && c->in_row) {
        c->in_row = false;
        if (c->pt.failed || c->ncells == 0) return;    /* empty rows cost nothing */
        for (int i = 0; i < c->ncells; i++) c->ptrs[i] = (char *)str_cstr(&c->cells[i]);
        c->pt.x->row_hidden = c->hidden;
        c->pt.x->row_struck = c->struck;
        if (!c->fn(c->ctx, c->row, c->ncells, c->ptrs)) {
            c->pt.stopped = true;
            XML_StopParser(c->pt.p, XML_FALSE);
        }
    }
}

static void sheet_text(void *ud, const char *s, int len) {
    SheetCtx *c = ud;
    if (!c->in_v && !c->in_t) return;
    if (c->val.len + (size_t)len > XLSX_MAX_CELL) {
        char col[8];
        part_fail(&c->pt, _("la celda %s%ld pasa de %u bytes: se rechaza"),
                  xlsx_col_letters(c->col, col), c->row, XLSX_MAX_CELL);
        return;
    }
    str_append(&c->val, s, (size_t)len);
}

bool xlsx_read_sheet(Xlsx *x, int i, XlsxRowFn fn, void *ctx) {
    char *where = NULL;
    {
        Str w = STR_INIT;
        str_printf(&w, "%s[%s]", x->name, x->sheet_names[i]);
        where = str_take(&w);
    }
    bool ok;
    if (!x->sheet_parts[i]) {
        diag_add(x->diags, where, 0, NULL, NULL, _("la hoja no se encuentra en el libro"));
        ok = false;
    } else {
        SheetCtx *c = xcalloc(1, sizeof *c);
        memset(x->col_hidden, 0, sizeof x->col_hidden);
        c->pt.where = where;
        c->fn = fn;
        c->ctx = ctx;
        ok = parse_part(x, x->sheet_parts[i], true, c, sheet_start, sheet_end, sheet_text);
        for (int k = 0; k < XLSX_MAX_COLS; k++) str_free(&c->cells[k]);
        str_free(&c->val);
        free(c);
    }
    free(where);
    return ok;
}

bool xlsx_row_hidden(const Xlsx *x) { return x->row_hidden; }
bool xlsx_row_struck(const Xlsx *x) { return x->row_struck; }
bool xlsx_col_hidden(const Xlsx *x, int col) { return col >= 0 && col < XLSX_MAX_COLS && x->col_hidden[col]; }
bool xlsx_cell_error(const Xlsx *x, int col) { return col >= 0 && col < XLSX_MAX_COLS && x->cell_error[col]; }
bool xlsx_cell_fraction(const Xlsx *x, int col) { return col >= 0 && col < XLSX_MAX_COLS && x->cell_fraction[col]; }
