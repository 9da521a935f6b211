#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "ingest/csvread.h"
#include "ingest/table.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/text.h"
#include "util/errtext.h"

typedef struct {
    struct csv_parser parser;
    const char *name;
    DiagList *diags;
    CsvRecordFn fn;
    void *ctx;
    bool stop;          /* the callback asked to stop */
    bool failed;        /* a format error was found */
    bool sniffed;
    enum { ENC_UNKNOWN, ENC_UTF8, ENC_CP1252 } enc;   /* told by the first non-ASCII line */
    Str conv;           /* a Windows-1252 line, as UTF-8 */
    long line;          /* physical line being fed */
    long rec_line;      /* line the current record started on, 0 = none yet */
    Str buf;            /* the current record's fields, NUL-separated */
    size_t *offs;
    size_t nf, capf;
    char **ptrs;
    size_t capp;
} Reader;

static void on_field(void *data, size_t len, void *p) {
    Reader *r = p;
    if (r->stop) return;
    if (r->rec_line == 0) {
        long nl = 0;
        for (size_t i = 0; i < len; i++) nl += ((char *)data)[i] == '\n';
        r->rec_line = r->line - nl;
    }
    if (r->buf.len + len > CSV_MAX_RECORD) {
        if (!r->failed)
            diag_add(r->diags, r->name, r->rec_line, NULL, NULL,
                     _("el registro excede el tamaño máximo de %u MiB"), CSV_MAX_RECORD >> 20);
        r->failed = r->stop = true;
        return;
    }
    if (r->nf == r->capf) {
        r->capf = r->capf ? r->capf * 2 : 32;
        r->offs = xrealloc(r->offs, r->capf * sizeof *r->offs);
    }
    r->offs[r->nf++] = r->buf.len;
    str_append(&r->buf, data ? data : "", data ? len : 0);
    str_putc(&r->buf, '\0');
}

static void on_record(int c, void *p) {
    Reader *r = p;
    (void)c;
    if (r->stop) goto reset;
    if (r->capp < r->nf + 1) {
        r->capp = r->nf + 1;
        r->ptrs = xrealloc(r->ptrs, r->capp * sizeof *r->ptrs);
    }
    for (size_t i = 0; i < r->nf; i++) r->ptrs[i] = r->buf.p + r->offs[i];
    r->ptrs[r->nf] = NULL;
    CsvRecord rec = {r->ptrs, r->nf, r->rec_line ? r->rec_line : r->line};
    if (!r->fn(r->ctx, &rec)) r->stop = true;
reset:
    r->nf = 0;
    str_clear(&r->buf);
    r->rec_line = 0;
}

/* The separator is whichever of ',' ';' and tab occurs most in the header
 * line outside quotes; ',' on a tie. */
static unsigned char sniff(const char *line, size_t n) {
    size_t comma = 0, semi = 0, tab = 0;
    bool q = false;
    for (size_t i = 0; i < n; i++) {
        char ch = line[i];
        if (ch == '"') q = !q;
        else if (!q && ch == ',') comma++;
        else if (!q && ch == ';') semi++;
        else if (!q && ch == '\t') tab++;
    }
    if (semi > comma && semi >= tab) return ';';
    if (tab > comma && tab > semi) return '\t';
    return ',';
}

static bool setup(Reader *r, const char *name, CsvRecordFn fn, void *ctx, DiagList *diags) {
    memset(r, 0, sizeof *r);
    r->name = name;
    r->diags = diags;
    r->fn = fn;
    r->ctx = ctx;
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return false;
    return true;
}

static void teardown(Reader *r) {
    csv_free(&r->parser);
    str_free(&r->buf);
    str_free(&r->conv);
    free(r->offs);
    free(r->ptrs);
}

/* ---- Windows-1252 (issue 14, helper D14) ----
 * Excel on a Spanish Windows saves «CSV (delimitado por comas)» in its
 * ANSI code page, Windows-1252: «Acción» arrives as the bytes 41 63 63 69
 * F3 6E, which are not UTF-8. Such a file is read, converted, with a
 * warning, when every line that is not UTF-8 decodes as Windows-1252 into
 * what Spanish text holds (the letters of Latin-1, ¿ ¡ « » ° º ª, Word's
 * quotes and dashes, the euro), and the first one holds a Spanish letter
 * or ¿ ¡. Anything else (a Mac Roman file, whose «ñ» reads as «–»; bytes
 * Windows-1252 leaves undefined; a UTF-8 file with one line of another
 * encoding) is refused, naming the line, with the exact advice. */

static bool cp1252_allowed(utf8proc_int32_t c) {
    static const utf8proc_int32_t extra[] = {0xA0, 0xA1, 0xAA, 0xAB, 0xB0, 0xB4, 0xB7, 0xBA, 0xBB, 0xBF,
                                             0x20AC, 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014,
                                             0x2026, 0x2022};
    if (c < 0x80 || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)) return true;
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
        if (c == extra[i]) return true;
    return false;
}

static bool spanish_letter(utf8proc_int32_t c) {
    static const utf8proc_int32_t v[] = {0xE1, 0xE9, 0xED, 0xF3, 0xFA, 0xFC, 0xF1, 0xC1, 0xC9,
                                         0xCD, 0xD3, 0xDA, 0xDC, 0xD1, 0xBF, 0xA1};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        if (c == v[i]) return true;
    return false;
}

/* The line P (N bytes) as Windows-1252 converted into R->conv; false when
 * it is not such text (see above). FIRST: the line that decides. */
static bool cp1252_line(Reader *r, const char *p, size_t n, bool first) {
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (iconv_t)-1) return false;
    str_clear(&r->conv);
    char out[4096];
    char *in = (char *)p;
    size_t left = n;
    bool ok = true;
    while (ok && left > 0) {
        char *o = out;
        size_t room = sizeof out;
        ok = iconv(cd, &in, &left, &o, &room) != (size_t)-1 || errno == E2BIG;
        str_append(&r->conv, out, sizeof out - room);
    }
    iconv_close(cd);
    bool spanish = false;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)r->conv.p;
    for (size_t i = 0; ok && i < r->conv.len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(r->conv.len - i), &c);
        ok = k > 0 && cp1252_allowed(c);
        spanish = spanish || spanish_letter(c);
        i += k > 0 ? (size_t)k : 1;
    }
    return ok && (spanish || !first);
}

static bool has_high_byte(const char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)p[i] >= 0x80) return true;
    return false;
}

/* The line P as UTF-8: itself, or its Windows-1252 reading (in R->conv).
 * NULL, having said why, when it is neither, or not in the encoding of the
 * lines before it. */
static const char *decoded_line(Reader *r, const char *p, size_t *n) {
    if (!has_high_byte(p, *n)) return p;
    bool utf8 = text_valid_utf8(p, *n);
    if (utf8 && r->enc != ENC_CP1252) {
        r->enc = ENC_UTF8;
        return p;
    }
    if (!utf8 && r->enc != ENC_UTF8 && cp1252_line(r, p, *n, r->enc == ENC_UNKNOWN)) {
        if (r->enc == ENC_UNKNOWN)
            import_warn(_("%s:%ld: aviso: el archivo no está en UTF-8; se lee como Windows-1252 (lo que "
                          "Excel guarda como «CSV (delimitado por comas)»): revise los acentos y las eñes; "
                          "para evitarlo, guárdelo como «CSV UTF-8 (delimitado por comas)»\n"),
                        r->name, r->line);
        r->enc = ENC_CP1252;
        *n = r->conv.len;
        return r->conv.p;
    }
    bool mixed = utf8 || r->enc == ENC_UTF8;
    diag_add(r->diags, r->name, r->line, NULL, NULL, "%s",
             mixed ? _("esta línea no está en la codificación de las anteriores (el archivo mezcla UTF-8 y "
                       "otra codificación): en Excel, «Guardar como» → «CSV UTF-8 (delimitado por comas)»; "
                       "en LibreOffice, «Juego de caracteres: Unicode (UTF-8)»")
                   : _("no es texto UTF-8 válido, ni Windows-1252 con letras del español: en Excel, "
                       "«Guardar como» → «CSV UTF-8 (delimitado por comas)»; en LibreOffice, «Juego de "
                       "caracteres: Unicode (UTF-8)»"));
    r->failed = r->stop = true;
    return NULL;
}

/* Feeds one physical line (with its terminator, if any). */
static void feed_line(Reader *r, const char *p, size_t n) {
    r->line++;
    if (r->line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
        r->enc = ENC_UTF8;                            /* the BOM says so */
    }
    if (memchr(p, '\0', n)) {
        diag_add(r->diags, r->name, r->line, NULL, NULL,
                 _("contiene un byte nulo (¿es un archivo binario y no CSV?)"));
        r->failed = r->stop = true;
        return;
    }
    if (!(p = decoded_line(r, p, &n))) return;
    if (!r->sniffed) {
        r->sniffed = true;
        if (n >= 5 && strncmp(p, "sep=", 4) == 0) {   /* Excel's separator hint */
            csv_set_delim(&r->parser, (unsigned char)p[4]);
            return;
        }
        csv_set_delim(&r->parser, sniff(p, n));
    }
    if (csv_parse(&r->parser, p, n, on_field, on_record, r) != n) {
        diag_add(r->diags, r->name, r->line, NULL, NULL,
                 _("comillas mal formadas: una comilla (\") dentro de un campo sin comillas, "
                   "o texto después de la comilla de cierre"));
        r->failed = r->stop = true;
    }
}

static bool finish(Reader *r) {
    if (!r->stop && csv_fini(&r->parser, on_field, on_record, r) != 0) {
        diag_add(r->diags, r->name, r->rec_line ? r->rec_line : r->line, NULL, NULL,
                 _("comilla sin cerrar: el campo que empieza aquí no termina antes del fin del archivo"));
        r->failed = true;
    }
    bool ok = !r->failed;
    teardown(r);
    return ok;
}

bool csv_read_stream(FILE *in, const char *name, CsvRecordFn fn, void *ctx, DiagList *diags) {
    Reader r;
    if (!setup(&r, name, fn, ctx, diags)) return false;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!r.stop && (n = getline(&line, &cap, in)) > 0) {
        if ((size_t)n > CSV_MAX_RECORD) {
            diag_add(diags, name, r.line + 1, NULL, NULL,
                     _("la línea excede el tamaño máximo de %u MiB"), CSV_MAX_RECORD >> 20);
            r.failed = r.stop = true;
            break;
        }
        feed_line(&r, line, (size_t)n);
    }
    if (ferror(in)) {
        diag_add(diags, name, 0, NULL, NULL, _("error de lectura: %s"), errtext(errno));
        r.failed = true;
    }
    free(line);
    return finish(&r);
}

bool csv_read_file(const char *path, const char *name, CsvRecordFn fn, void *ctx,
                   DiagList *diags) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        diag_add(diags, name, 0, NULL, NULL, _("no se puede abrir: %s"), errtext(errno));
        return false;
    }
    bool ok = csv_read_stream(in, name, fn, ctx, diags);
    fclose(in);
    return ok;
}

bool csv_read_buffer(const char *data, size_t n, const char *name, CsvRecordFn fn,
                     void *ctx, DiagList *diags) {
    Reader r;
    if (!setup(&r, name, fn, ctx, diags)) return false;
    size_t i = 0;
    while (!r.stop && i < n) {
        const char *nl = memchr(data + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (data + i)) + 1 : n - i;
        feed_line(&r, data + i, len);
        i += len;
    }
    return finish(&r);
}
