#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/csvread.h"
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
    free(r->offs);
    free(r->ptrs);
}

/* Feeds one physical line (with its terminator, if any). */
static void feed_line(Reader *r, const char *p, size_t n) {
    r->line++;
    if (r->line == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { p += 3; n -= 3; }
    if (memchr(p, '\0', n)) {
        diag_add(r->diags, r->name, r->line, NULL, NULL,
                 _("contiene un byte nulo (¿es un archivo binario y no CSV?)"));
        r->failed = r->stop = true;
        return;
    }
    if (!text_valid_utf8(p, n)) {
        diag_add(r->diags, r->name, r->line, NULL, NULL,
                 _("no es texto UTF-8 válido (guarde el archivo como «CSV UTF-8»)"));
        r->failed = r->stop = true;
        return;
    }
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
