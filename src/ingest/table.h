#ifndef PMM_TABLE_H
#define PMM_TABLE_H
/*
 * TableReader: a CSV read as a table with a header row. Columns are found by
 * name in any order, ignoring case, accents, spaces and underscores, or by
 * one of their aliases; missing required columns, duplicated columns and
 * unknown columns are reported. Each data row reaches the callback with
 * its values in the order of the column specs ("" when absent), trimmed;
 * rows whose cells are all empty are skipped, as spreadsheets leave them.
 * A row with a value in a column the header does not name (past its last
 * name, or under an empty header cell) is refused: that value would be
 * lost. Empty cells there are tolerated (spreadsheets write them).
 * A column whose header pmm does not know is warned about, and refused
 * as soon as a cell of it holds a value (issue 10, REC3: «Resultado» for
 * «Resultados» lost every result), naming the known columns it resembles.
 */
#include <stdbool.h>
#include "ingest/csvread.h"

#define TABLE_MAX_COLS 24

typedef struct {
    const char *name;        /* canonical, e.g. "tipo_accion" */
    bool required;           /* the column must be present */
    const char *aliases;     /* ';'-separated other headers, or NULL */
    const char *label;       /* the header a template writes, or NULL */
} ColumnSpec;

typedef bool (*TableRowFn)(void *ctx, long line, const char *const *vals);
/* True when the values of a row (trimmed, in the order of the specs) are
 * those of a row nobody used (issue 14: the template's rows pre-filled
 * with the institution alone). */
typedef bool (*TableUnusedFn)(const char *const *vals);

typedef struct {
    const ColumnSpec *cols;
    int ncols;
    const char *file;
    DiagList *diags;
    TableRowFn row;
    void *ctx;
    bool strict_columns;     /* unknown columns are errors, not warnings */
    bool letters;            /* a spreadsheet: name columns by letter too */
    bool csv_guard;          /* take away csv_cell's formula guard (core/action.h) */
    TableUnusedFn unused;    /* NULL: only a row of empty cells is skipped */
    /* state */
    int map[TABLE_MAX_COLS]; /* spec index -> field index, -1 if absent */
    size_t width;            /* fields up to the header's last named one */
    bool *named;             /* per header field below width: it has a name */
    char **unknown;          /* per header field below width: its header when pmm does
                              * not know it (NULL once its data was refused) */
    bool seen_header;
    bool header_ok;
    long rows;               /* data rows handed over */
} TableReader;

/* A warning of an import (one line, printf's FMT; a final newline is
 * dropped): printed on stderr, and kept in the list given to
 * import_warnings_to() by this thread (NULL: none), so that the web upload
 * shows every warning `pmm import` prints. */
void import_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void import_warnings_to(DiagList *d);

/* Reads PATH (or, with DATA non-NULL, the N bytes at DATA). Returns true
 * when the file's format and header were good; row errors are the
 * callback's to report. */
bool table_read(TableReader *t, const char *path, const char *data, size_t n);
/* For readers other than CSV (XLSX): hand over the header row, then each
 * row, as the CSV reader does. FIELDS are trimmed in place. table_header
 * returns false when the header is bad; table_row returns the callback's. */
bool table_header(TableReader *t, long line, size_t nfields, char *const *fields);
bool table_row(TableReader *t, long line, size_t nfields, char *const *fields);
/* True when the row is skipped as blank: no cell holds anything but white
 * space, or only mapped cells do and T->unused says the row is unused.
 * table_row applies it; a sheet reader asks it first, before warning of
 * a row (trims the mapped cells in place). */
bool table_row_unused(const TableReader *t, size_t nfields, char *const *fields);
/* Frees what table_header kept (table_read does it itself). */
void table_free(TableReader *t);
/* The spreadsheet letter of 0-based FIELD ("A", ..., "AA") into BUF[8]. */
const char *table_letter(int field, char *buf);
/* The header of column SPEC as the file wrote it cannot be kept; this is the
 * canonical name for messages. */
const char *table_col(const TableReader *t, int spec);

#endif
