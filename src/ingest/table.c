#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/action.h"
#include "ingest/table.h"
#include "util/i18n.h"
#include "util/mem.h"
#include <stdlib.h>
#include "util/str.h"
#include "util/text.h"

/* ---- warnings (issue 10, REC3) ---- */

static _Thread_local DiagList *warnings_sink;

void import_warnings_to(DiagList *d) { warnings_sink = d; }

void import_warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    int n = vasprintf(&msg, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (n > 0 && msg[n - 1] == '\n') msg[n - 1] = '\0';     /* the messages' own */
    fprintf(stderr, "%s\n", msg);
    if (warnings_sink) diag_add(warnings_sink, NULL, 0, NULL, NULL, "%s", msg);
    free(msg);
}

/* Folded header with spaces removed: "Tipo_Acción " -> "tipoaccion". */
static char *header_key(Arena *a, const char *s) {
    char *k = text_fold(a, s);
    char *w = k;
    for (char *r = k; *r; r++)
        if (*r != ' ') *w++ = *r;
    *w = '\0';
    return k;
}

static bool spec_matches(Arena *a, const ColumnSpec *c, const char *key) {
    if (strcmp(header_key(a, c->name), key) == 0) return true;
    if (c->label && strcmp(header_key(a, c->label), key) == 0) return true;
    if (!c->aliases) return false;
    const char *p = c->aliases;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *one = arena_strndup(a, p, n);
        if (strcmp(header_key(a, one), key) == 0) return true;
        p += n + (e ? 1 : 0);
    }
    return false;
}

bool table_header(TableReader *t, long line, size_t nfields, char *const *fields) {
    Arena a = ARENA_INIT;
    bool ok = true;
    t->seen_header = true;
    for (int i = 0; i < t->ncols; i++) t->map[i] = -1;
    table_free(t);
    t->named = xcalloc(nfields + 1, sizeof *t->named);
    t->unknown = xcalloc(nfields + 1, sizeof *t->unknown);
    for (size_t f = 0; f < nfields; f++) {
        char *key = header_key(&a, fields[f]);
        if (!*key) continue;                       /* an unnamed spare column */
        t->named[f] = true;
        t->width = f + 1;
        int hit = -1;
        for (int i = 0; i < t->ncols && hit < 0; i++)
            if (spec_matches(&a, &t->cols[i], key)) hit = i;
        if (hit < 0) {
            char letter[8];
            if (t->strict_columns) {
                diag_add_at(t->diags, t->file, line, t->letters ? table_letter((int)f, letter) : NULL,
                            fields[f], NULL, _("columna desconocida"));
                ok = false;
            } else {
                /* a header can be a whole paragraph: keep the warning one line */
                int k = (int)strlen(fields[f]);
                if (k > 80) {
                    k = 77;
                    while (k > 0 && ((unsigned char)fields[f][k] & 0xC0) == 0x80) k--;
                }
                import_warn(_("%s:%ld: aviso: se ignora la columna desconocida «%.*s%s»\n"),
                            t->file, line, k, fields[f], fields[f][k] ? "..." : "");
                t->unknown[f] = xstrdup(fields[f]);
            }
        } else if (t->map[hit] >= 0) {
            diag_add(t->diags, t->file, line, t->cols[hit].name, NULL,
                     _("la columna aparece dos veces (columnas %d y %zu)"), t->map[hit] + 1, f + 1);
            ok = false;
        } else {
            t->map[hit] = (int)f;
        }
    }
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].required && t->map[i] < 0) {
            diag_add(t->diags, t->file, line, t->cols[i].name, NULL,
                     _("falta esta columna obligatoria en el encabezado"));
            ok = false;
        }
    arena_free(&a);
    t->header_ok = ok;
    return ok;
}

void table_free(TableReader *t) {
    for (size_t f = 0; t->unknown && f < t->width; f++) free(t->unknown[f]);
    free(t->unknown);
    t->unknown = NULL;
    free(t->named);
    t->named = NULL;
    t->width = 0;
}

/* A value in a field the header does not name would be dropped: refused,
 * by line (and column letter in a spreadsheet). True when there is none. */
static bool unnamed_cells(TableReader *t, long line, size_t nfields, char *const *fields) {
    size_t last = 0;                  /* fields up to the last non-empty one */
    for (size_t f = 0; f < nfields; f++)
        if (!text_blank(fields[f])) last = f + 1;
    if (last > t->width) {
        char letter[8];
        diag_add_at(t->diags, t->file, line, t->letters ? table_letter((int)last - 1, letter) : NULL,
                    NULL, fields[last - 1], _("la fila tiene %zu celdas y el encabezado %zu: sobra un "
                    "valor sin columna (¿una coma o un punto y coma sin comillas dentro de un texto?)"),
                    last, t->width);
        return false;
    }
    bool ok = true;
    for (size_t f = 0; f < last; f++)
        if (!t->named[f] && !text_blank(fields[f])) {
            char letter[8];
            diag_add_at(t->diags, t->file, line, table_letter((int)f, letter), NULL, fields[f],
                        _("la celda de la columna %s tiene un valor, pero la columna no tiene "
                          "encabezado: escriba el nombre de la columna o quite el valor"),
                        letter);
            ok = false;
        }
    return ok;
}

/* True when header key KEY looks like column C's name, label or an alias:
 * one holds the other («resultado» / «resultados») or they differ in a
 * few letters. */
static bool resembles(Arena *a, const char *key, const char *name) {
    char *k = header_key(a, name);
    size_t n = strlen(key) < strlen(k) ? strlen(key) : strlen(k);
    if (n >= 4 && (strstr(key, k) || strstr(k, key))) return true;
    return text_distance(key, k, 3) <= (n < 8 ? 1 : 3);
}

static bool spec_resembles(Arena *a, const ColumnSpec *c, const char *key) {
    if (resembles(a, key, c->name) || (c->label && resembles(a, key, c->label))) return true;
    for (const char *p = c->aliases; p && *p;) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (resembles(a, key, arena_strndup(a, p, n))) return true;
        p += n + (e ? 1 : 0);
    }
    return false;
}

/* «name», «name»: the known columns HEADER resembles (*LIKE), or else
 * every known column. */
static const char *known_like(Arena *a, const TableReader *t, const char *header, bool *like) {
    const char *key = header_key(a, header);
    *like = false;
    for (int i = 0; i < t->ncols; i++) *like = *like || spec_resembles(a, &t->cols[i], key);
    Str s = STR_INIT;
    for (int i = 0; i < t->ncols; i++)
        if (!*like || spec_resembles(a, &t->cols[i], key))
            str_printf(&s, "%s«%s»", s.len ? ", " : "", t->cols[i].name);
    const char *r = arena_strdup(a, str_cstr(&s));
    str_free(&s);
    return r;
}

/* A value under a column pmm does not read would be lost: refused, once
 * per column, with the known columns it may have meant. */
static void unknown_cells(TableReader *t, long line, size_t nfields, char *const *fields) {
    for (size_t f = 0; f < nfields && f < t->width; f++) {
        if (!t->unknown[f] || text_blank(fields[f])) continue;
        Arena a = ARENA_INIT;
        bool like;
        const char *names = known_like(&a, t, t->unknown[f], &like);
        char letter[8];
        diag_add_at(t->diags, t->file, line, t->letters ? table_letter((int)f, letter) : NULL,
                    t->unknown[f], fields[f],
                    like ? _("la columna «%s» no es de pmm y tiene datos, que no se importarían: "
                             "¿quiso decir %s? Corrija el encabezado o quite la columna")
                         : _("la columna «%s» no es de pmm y tiene datos, que no se importarían; "
                             "las columnas son %s. Corrija el encabezado o quite la columna"),
                    t->unknown[f], names);
        arena_free(&a);
        free(t->unknown[f]);
        t->unknown[f] = NULL;
    }
}

static bool is_mapped(const TableReader *t, size_t f) {
    for (int i = 0; i < t->ncols; i++)
        if (t->map[i] == (int)f) return true;
    return false;
}

/* issue 14 (helper D14): one rule for the blank rows of every reader. */
bool table_row_unused(const TableReader *t, size_t nfields, char *const *fields) {
    const char *vals[TABLE_MAX_COLS];
    bool any = false;
    for (size_t f = 0; f < nfields; f++)
        if (!is_mapped(t, f) && !text_blank(fields[f])) return false;
    for (int i = 0; i < t->ncols; i++) {
        int f = t->map[i];
        vals[i] = f >= 0 && (size_t)f < nfields ? text_trim(fields[f]) : "";
        any = any || *vals[i];
    }
    return !any || (t->unused && t->unused(vals));
}

bool table_row(TableReader *t, long line, size_t nfields, char *const *fields) {
    const char *vals[TABLE_MAX_COLS];
    bool any = false;
    if (table_row_unused(t, nfields, fields)) return true;
    if (!unnamed_cells(t, line, nfields, fields)) return true;
    unknown_cells(t, line, nfields, fields);
    for (int i = 0; i < t->ncols; i++) {
        int f = t->map[i];
        if (f >= 0 && (size_t)f < nfields) {
            char *v = text_trim(fields[f]);
            vals[i] = t->csv_guard ? csv_cell_restore(v) : v;
            any = any || *vals[i];
        } else {
            vals[i] = "";
        }
    }
    if (!any) return true;
    t->rows++;
    return t->row(t->ctx, line, vals);
}

static bool on_record(void *ctx, const CsvRecord *rec) {
    TableReader *t = ctx;
    if (!t->seen_header)      /* a bad header: stop, rows mean nothing */
        return table_header(t, rec->line, rec->nfields, rec->fields);
    return table_row(t, rec->line, rec->nfields, rec->fields);
}

const char *table_letter(int field, char *buf) {
    char tmp[8];
    int n = 0;
    for (int c = field + 1; c > 0 && n < 7; c = (c - 1) / 26) tmp[n++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

bool table_read(TableReader *t, const char *path, const char *data, size_t n) {
    t->seen_header = t->header_ok = false;
    t->rows = 0;
    bool ok = data ? csv_read_buffer(data, n, t->file, on_record, t, t->diags)
                   : csv_read_file(path, t->file, on_record, t, t->diags);
    table_free(t);
    if (ok && !t->seen_header) {
        diag_add(t->diags, t->file, 0, NULL, NULL, _("el archivo está vacío: falta el encabezado"));
        return false;
    }
    return ok && t->header_ok;
}

const char *table_col(const TableReader *t, int spec) { return t->cols[spec].name; }
