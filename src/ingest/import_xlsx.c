/*
 * Import from a workbook: the sheet "Acciones" (or a workbook's only sheet)
 * and the sheet "Retos", through the same header mapping as CSV (table.c)
 * and the same all-or-nothing Importer. Errors name the sheet, its row and
 * the column letter: "plantilla.xlsx[Acciones]:12: columna C «objetivos»".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "ingest/import.h"
#include "ingest/template_edition.h"
#include "ingest/xlsxread.h"
#include "store/bulk_store.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/text.h"

typedef struct {
    Importer *im;
    Xlsx *x;
    TableReader t;
    char where[512];
    char letters[TABLE_MAX_COLS][8];
    bool header_bad;
} SheetImport;

static bool action_row(void *ctx, long line, const char *const *v) {
    SheetImport *s = ctx;
    return importer_action_row(s->im, s->where, line, v);
}

static bool challenge_row(void *ctx, long line, const char *const *v) {
    SheetImport *s = ctx;
    return importer_challenge_row(s->im, s->where, line, v);
}

/* A hidden row, or one with struck-through text, may be one its author
 * meant to leave out: it is imported like every other (what a file holds
 * is never dropped in silence), and the person is told. */
static void warn_row(const SheetImport *s, long row) {
    if (xlsx_row_hidden(s->x))
        import_warn(_("%s:%ld: aviso: la fila está oculta en el libro; se importa como las demás\n"),
                s->where, row);
    if (xlsx_row_struck(s->x))
        import_warn(_("%s:%ld: aviso: la fila tiene texto tachado; se importa como las demás "
                          "(el tachado no borra: quite la fila si no vale)\n"),
                s->where, row);
}

/* A hidden column that pmm reads is imported too, with a warning. */
static void warn_hidden_columns(const SheetImport *s) {
    for (int i = 0; i < s->t.ncols; i++)
        if (s->t.map[i] >= 0 && xlsx_col_hidden(s->x, s->t.map[i]))
            import_warn(_("%s: aviso: la columna %s «%s» está oculta en el libro; se importa como "
                              "las demás\n"), s->where, s->letters[i], s->t.cols[i].name);
}

/* A cell holding an error value (#REF!, #N/A...) has lost its data: the
 * row is refused, by sheet, row and column. */
static void refuse_error_cells(const SheetImport *s, long row, int n, char *const *cells) {
    for (int i = 0; i < s->t.ncols; i++) {
        int c = s->t.map[i];
        if (c >= 0 && c < n && xlsx_cell_error(s->x, c))
            diag_add_at(s->t.diags, s->where, row, s->letters[i], s->t.cols[i].name, cells[c], "%s",
                        _("la celda tiene un valor de error de Excel: corrija la fórmula o escriba el "
                          "valor"));
    }
}

/* A number of people stored as a number that is not whole (1.234 in a
 * cell Excel keeps as a number): its text, C's «1.234», would be read by
 * the pack's style (parse_count), as 1234 under a pack writing «.» for
 * thousands. Refused by sheet, row and column (issue 16, F16A). */
static void refuse_fractional_counts(const SheetImport *s, long row, int n, char *const *cells) {
    for (int i = 0; i < s->t.ncols; i++) {
        int c = s->t.map[i];
        if (c < 0 || c >= n || strcmp(s->t.cols[i].name, action_fields[AF_BENEFICIARIOS].name) != 0 ||
            !xlsx_cell_fraction(s->x, c))
            continue;
        diag_add_at(s->t.diags, s->where, row, s->letters[i], s->t.cols[i].name, cells[c], "%s",
                    _("la celda guarda un número con decimales: las personas se cuentan en números enteros"));
        cells[c][0] = '\0';          /* said once: the row is refused already */
    }
}

static bool sheet_row(void *ctx, long row, int n, char *const *cells) {
    SheetImport *s = ctx;
    if (!s->t.seen_header) {
        if (!table_header(&s->t, row, (size_t)n, cells)) {
            s->header_bad = true;
            return false;
        }
        for (int i = 0; i < s->t.ncols; i++) {
            if (s->t.map[i] >= 0) table_letter(s->t.map[i], s->letters[i]);
            else s->letters[i][0] = '\0';
        }
        warn_hidden_columns(s);
        return true;
    }
    /* a blank row, or a template row nobody used (issue 14: the one rule
     * of import.c, for CSV and sheets alike), is no row: no warning */
    if (table_row_unused(&s->t, (size_t)n, cells)) return true;
    warn_row(s, row);
    refuse_error_cells(s, row, n, cells);
    refuse_fractional_counts(s, row, n, cells);
    return table_row(&s->t, row, (size_t)n, cells);
}

/* Reads sheet I of X into the importer as actions or challenges. */
static bool read_sheet(Importer *im, Xlsx *x, int i, const char *name, bool actions,
                       DiagList *diags) {
    SheetImport *s = xcalloc(1, sizeof *s);
    s->im = im;
    s->x = x;
    snprintf(s->where, sizeof s->where, "%s[%s]", name, xlsx_sheet_name(x, i));
    s->t = (TableReader){.cols = actions ? import_action_cols() : import_challenge_cols(),
                         .ncols = actions ? IMPORT_ACTION_NCOLS : IMPORT_CHALLENGE_NCOLS, .file = s->where,
                         .diags = diags, .row = actions ? action_row : challenge_row, .ctx = s,
                         .letters = true, .unused = actions ? import_action_row_unused : NULL};
    if (actions) im->action_letters = (const char (*)[8])s->letters;
    else im->challenge_letters = (const char (*)[8])s->letters;
    bool ok = xlsx_read_sheet(x, i, sheet_row, s) && !s->header_bad;
    if (ok && !s->t.seen_header) {
        diag_add(diags, s->where, 0, NULL, NULL, _("la hoja está vacía: falta el encabezado"));
        ok = false;
    }
    if (ok && actions && s->t.rows == 0)
        diag_add(diags, s->where, 0, NULL, NULL, _("la hoja no tiene ninguna acción"));
    if (actions) im->action_letters = NULL;
    else im->challenge_letters = NULL;
    table_free(&s->t);
    free(s);
    return ok;
}

/* The sheet called WANT, or the only sheet of a one-sheet workbook (as
 * LibreOffice makes from a CSV); -1, with an error naming the sheets there
 * are, when REQUIRED. */
static int pick_sheet(Xlsx *x, const char *name, const char *want, bool single_ok, bool required,
                      DiagList *diags) {
    int i = xlsx_find_sheet(x, want);
    if (i >= 0) return i;
    if (single_ok && xlsx_sheet_count(x) == 1) return 0;
    if (required) {
        Str have = STR_INIT;
        for (int k = 0; k < xlsx_sheet_count(x); k++) {
            if (k) str_puts(&have, ", ");
            str_printf(&have, _("«%s»"), xlsx_sheet_name(x, k));
        }
        diag_add(diags, name, 0, NULL, NULL, _("falta la hoja «%s» (el libro tiene: %s)"), want,
                 have.len ? str_cstr(&have) : _("ninguna"));
        str_free(&have);
    }
    return -1;
}

/* The reader's refusal (a limit, malformed XML) says why the rest cannot
 * be trusted: it goes first, before the row errors found up to there, and
 * is never lost past the diagnostics kept. */
static void put_first(DiagList *diags, DiagList *first) {
    if (!first->total) return;
    DiagList all;
    diag_init(&all);
    for (int k = 0; k < 2; k++) {
        const DiagList *from = k ? diags : first;
        for (size_t i = 0; i < from->n; i++) {
            const Diag *g = &from->items[i];
            diag_add_at(&all, g->file, g->line, g->letter, g->column, g->value, "%s", g->msg);
        }
        all.total += from->total - from->n;
    }
    diag_free(diags);
    diag_free(first);
    *diags = all;
}

static bool challenge_csv_row(void *ctx, long line, const char *const *v) {
    SheetImport *s = ctx;
    return importer_challenge_row(s->im, s->where, line, v);
}

static bool csv_like(const char *path) {
    size_t n = strlen(path);
    return !xlsx_sniff(path) && !(n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0);
}

/* Stops at a sheet's first non-empty cell, setting *ANY. */
static bool find_value(void *ctx, long row, int n, char *const *cells) {
    bool *any = ctx;
    for (int c = 0; c < n && !*any; c++) *any = !text_blank(cells[c]);
    return !*any;
}

/* issue 10, hostile fault 9 (helper REC2): what a workbook holds that the
 * import does not read is said, never skipped in silence: a sheet other
 * than those read and the template's own (a "Retos (2)" made by copying
 * the sheet is not «Retos»), and a workbook pmm made for another edition.
 * REC3: such a sheet with data under its first row is refused (its rows
 * would be lost). REC4 (round 3, fault 2): a lone row cannot be told from
 * a header (a sheet «Acciones 2» holding one action), so a sheet with any
 * non-empty cell is refused; only an empty one is warned of. */
static bool check_unread(Xlsx *x, const char *name, int ai, int ri, const Edition *ed, DiagList *diags) {
    bool ok = true;
    for (int k = 0; k < xlsx_sheet_count(x); k++) {
        if (k == ai || k == ri || k == xlsx_find_sheet(x, "Instrucciones") || k == xlsx_find_sheet(x, "Catálogos"))
            continue;
        bool any = false;
        if (!xlsx_read_sheet(x, k, find_value, &any)) return false;
        if (any) {
            diag_add(diags, name, 0, NULL, NULL,
                     _("la hoja «%s» tiene datos, pero pmm solo lee las hojas «Acciones» y «Retos»: "
                       "copie sus filas en la hoja que corresponde o borre la hoja"),
                     xlsx_sheet_name(x, k));
            ok = false;
        } else {
            import_warn(_("%s: aviso: no se lee la hoja «%s»: pmm lee las hojas «Acciones» y «Retos»\n"),
                        name, xlsx_sheet_name(x, k));
        }
    }
    Str made_for = STR_INIT;
    if (template_edition_of(x, &made_for) && made_for.len) import_warn_edition(name, made_for.p, ed);
    str_free(&made_for);
    return ok;
}

/* A focal point's upload on the web sees no warning: a template of another
 * edition is refused there (it is the template of a past campaign). */
static bool other_edition(Xlsx *x, const char *name, const Edition *ed, DiagList *diags) {
    Str made_for = STR_INIT;
    bool other = template_edition_of(x, &made_for) && made_for.len && strcmp(made_for.p, ed->name) != 0;
    if (other)
        diag_add(diags, name, 0, NULL, NULL,
                 _("la plantilla es de la edición «%s», no de «%s»: descargue la plantilla de esta edición y "
                   "copie en ella sus acciones"), made_for.p, ed->name);
    str_free(&made_for);
    return other;
}

static bool xlsx_import(Store *st, const Edition *ed, const char *path, const char *name,
                        const char *retos_path, const char *status, bool dry_run, int64_t only_institution,
                        int64_t user_id, ImportStats *stats, DiagList *diags) {
    bool readable = import_format_readable(path, name, diags);
    if (retos_path) readable = import_format_readable(retos_path, retos_path, diags) && readable;
    if (!readable) return false;
    DiagList rd;                      /* the reader's own errors */
    diag_init(&rd);
    Xlsx *x = xlsx_open(path, name, &rd);
    if (!x) {
        put_first(diags, &rd);
        return false;
    }
    Xlsx *rx = NULL;
    int ai = pick_sheet(x, name, "Acciones", true, true, diags);
    int ri = -1;
    bool retos_csv = false;
    if (retos_path && !csv_like(retos_path)) {
        if ((rx = xlsx_open(retos_path, retos_path, &rd)))
            ri = pick_sheet(rx, retos_path, "Retos", true, true, diags);
    } else if (retos_path) {
        retos_csv = true;
    } else if (xlsx_sheet_count(x) > 1) {
        ri = pick_sheet(x, name, "Retos", false, false, diags);
    }
    bool ok = false, committed = false;
    if (ai < 0 || (retos_path && !retos_csv && ri < 0)) goto done;
    if (only_institution && other_edition(x, name, ed, diags)) goto done;
    if (!check_unread(x, name, ai, rx ? -1 : ri, ed, diags)) goto done;
    Importer im;
    if (!importer_begin(&im, st, ed, status, ri >= 0 || retos_csv, diags)) {
        diag_add(diags, NULL, 0, NULL, NULL, "%s", store_write_error(st));
        importer_end(&im, false);
        goto done;
    }
    im.only_institution = only_institution;
    bulk_set_user(im.bulk, user_id);            /* RECWEB2: the audit entries' user */
    ok = read_sheet(&im, x, ai, name, true, diags);
    if (ri >= 0) {
        ok = read_sheet(&im, rx ? rx : x, ri, rx ? retos_path : name, false, diags) && ok;
    } else if (retos_csv) {
        SheetImport rc = {.im = &im};
        snprintf(rc.where, sizeof rc.where, "%s", retos_path);
        TableReader tr = {.cols = import_challenge_cols(), .ncols = IMPORT_CHALLENGE_NCOLS, .file = retos_path,
                          .diags = diags, .row = challenge_csv_row, .ctx = &rc, .csv_guard = true};
        ok = table_read(&tr, retos_path, NULL, 0) && ok;
    }
    *stats = im.stats;
    bool clean = ok && diags->total == 0 && rd.total == 0;
    committed = importer_end(&im, clean && !dry_run);
    ok = dry_run ? clean : committed;
done:
    put_first(diags, &rd);
    xlsx_close(rx);
    xlsx_close(x);
    return ok;
}

bool import_xlsx(Store *st, const Edition *ed, const char *path, const char *name,
                 const char *retos_path, const char *status, bool dry_run, ImportStats *stats,
                 DiagList *diags) {
    return xlsx_import(st, ed, path, name, retos_path, status, dry_run, 0, 0, stats, diags);
}

bool import_xlsx_for(Store *st, const Edition *ed, const char *path, const char *name,
                     int64_t institution_id, int64_t user_id, const char *status, ImportStats *stats,
                     DiagList *diags) {
    return xlsx_import(st, ed, path, name, NULL, status, false, institution_id, user_id, stats, diags);
}
