#include <stdio.h>
#include <string.h>
#include "ingest/table.h"
#include "util/i18n.h"
#include "util/text.h"

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

static bool read_header(TableReader *t, const CsvRecord *rec) {
    Arena a = ARENA_INIT;
    bool ok = true;
    for (int i = 0; i < t->ncols; i++) t->map[i] = -1;
    for (size_t f = 0; f < rec->nfields; f++) {
        char *key = header_key(&a, rec->fields[f]);
        if (!*key) continue;                       /* an unnamed spare column */
        int hit = -1;
        for (int i = 0; i < t->ncols && hit < 0; i++)
            if (spec_matches(&a, &t->cols[i], key)) hit = i;
        if (hit < 0) {
            if (t->strict_columns) {
                diag_add(t->diags, t->file, rec->line, rec->fields[f], NULL,
                         _("columna desconocida"));
                ok = false;
            } else {
                fprintf(stderr, _("%s:%ld: aviso: se ignora la columna desconocida «%s»\n"),
                        t->file, rec->line, rec->fields[f]);
            }
        } else if (t->map[hit] >= 0) {
            diag_add(t->diags, t->file, rec->line, t->cols[hit].name, NULL,
                     _("la columna aparece dos veces (columnas %d y %zu)"), t->map[hit] + 1, f + 1);
            ok = false;
        } else {
            t->map[hit] = (int)f;
        }
    }
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].required && t->map[i] < 0) {
            diag_add(t->diags, t->file, rec->line, t->cols[i].name, NULL,
                     _("falta esta columna obligatoria en el encabezado"));
            ok = false;
        }
    arena_free(&a);
    return ok;
}

static bool on_record(void *ctx, const CsvRecord *rec) {
    TableReader *t = ctx;
    if (!t->seen_header) {
        t->seen_header = true;
        t->header_ok = read_header(t, rec);
        return t->header_ok;              /* a bad header: stop, rows mean nothing */
    }
    const char *vals[TABLE_MAX_COLS];
    bool any = false;
    for (int i = 0; i < t->ncols; i++) {
        int f = t->map[i];
        if (f >= 0 && (size_t)f < rec->nfields) {
            vals[i] = text_trim(rec->fields[f]);
            any = any || *vals[i];
        } else {
            vals[i] = "";
        }
    }
    if (!any) return true;
    t->rows++;
    return t->row(t->ctx, rec->line, vals);
}

bool table_read(TableReader *t, const char *path, const char *data, size_t n) {
    t->seen_header = t->header_ok = false;
    t->rows = 0;
    bool ok = data ? csv_read_buffer(data, n, t->file, on_record, t, t->diags)
                   : csv_read_file(path, t->file, on_record, t, t->diags);
    if (ok && !t->seen_header) {
        diag_add(t->diags, t->file, 0, NULL, NULL, _("el archivo está vacío: falta el encabezado"));
        return false;
    }
    return ok && t->header_ok;
}

const char *table_col(const TableReader *t, int spec) { return t->cols[spec].name; }
