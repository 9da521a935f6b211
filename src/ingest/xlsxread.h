#ifndef PMM_XLSXREAD_H
#define PMM_XLSXREAD_H
/*
 * Reading the worksheets of an .xlsx workbook (Office Open XML), with libzip
 * and expat, streaming: a sheet is parsed a chunk at a time and handed over
 * one row at a time, so memory does not grow with the number of rows.
 *
 * Each cell becomes text: shared strings, inline strings and rich text
 * (the runs joined); booleans as "Sí"/"No"; whole numbers without ".0"
 * (7, not 7.0); dates (cells whose number format is a date) as ISO
 * "AAAA-MM-DD"; formulas as their cached value; empty and missing cells "".
 *
 * Refused with a clear message (docs/excel.md lists the limits): a file
 * that is not a zip or not a workbook, XML with a DOCTYPE or entity
 * declarations, a part larger than XLSX_MAX_PART once uncompressed or
 * compressed more than XLSX_MAX_RATIO times (a zip bomb; both checked
 * against the zip directory before inflating and counted while inflating),
 * a tag, attribute or comment longer than XLSX_MAX_TOKEN, a row past
 * XLSX_MAX_ROWS, more shared strings than the sheets could ever use, more
 * text than XLSX_MAX_ROW_TEXT in a row or XLSX_MAX_SHEET_TEXT in a sheet (a
 * long shared string repeated in every cell would otherwise multiply).
 */
#include <stdbool.h>
#include <stddef.h>
#include "util/diag.h"

#define XLSX_MAX_PART (256u << 20)   /* bytes of one part, uncompressed */
#define XLSX_MAX_RATIO 200           /* uncompressed / compressed, above 1 MiB */
#define XLSX_MAX_ROWS 1048576L       /* as Excel */
#define XLSX_MAX_COLS 256            /* columns read; further cells are ignored */
#define XLSX_MAX_CELL (1u << 20)     /* bytes of one cell's text */
#define XLSX_MAX_TOKEN (1u << 20)    /* bytes of one tag, attribute or comment */
#define XLSX_MAX_STRINGS (64u << 20) /* bytes of all shared strings, held in memory */
#define XLSX_MAX_ROW_TEXT (4u << 20) /* bytes of text in one row */
#define XLSX_MAX_SHEET_TEXT (256u << 20) /* bytes of text a sheet yields, in all */

typedef struct Xlsx Xlsx;

/* One row: CELLS[i] is the text of column i (0 = A), "" when empty;
 * NCELLS is one past the last non-empty cell. Return false to stop. */
typedef bool (*XlsxRowFn)(void *ctx, long row, int ncells, char *const *cells);

/* True when the file at PATH starts like a zip (and so may be a workbook). */
bool xlsx_sniff(const char *path);

/* Opens the workbook at PATH (NAME is what errors call it), reading its
 * sheet list, shared strings and styles. NULL, with the reason in DIAGS,
 * when it cannot be read. */
Xlsx *xlsx_open(const char *path, const char *name, DiagList *diags);
void xlsx_close(Xlsx *x);

/* Issue 11 (helper CAMP2): the formula of the workbook-wide defined name
 * NAME (exact spelling), as written in workbook.xml without its '='
 * ("\"2025\"" for a text constant), or NULL when there is none. */
const char *xlsx_defined_name(const Xlsx *x, const char *name);

/* The number of sheets and the name of sheet I, in workbook order. */
int xlsx_sheet_count(const Xlsx *x);
const char *xlsx_sheet_name(const Xlsx *x, int i);
/* The index of the sheet called NAME (ignoring case and accents), or -1. */
int xlsx_find_sheet(const Xlsx *x, const char *name);

/* Streams sheet I row by row to FN. Returns false, with the reason in DIAGS
 * (named "NAME[Sheet]:row"), when the sheet is malformed or over a limit;
 * a false from FN stops reading and is returned as true. */
bool xlsx_read_sheet(Xlsx *x, int i, XlsxRowFn fn, void *ctx);

/* While a row is handed to the XlsxRowFn: whether the row is hidden, and
 * whether a non-empty cell of it is struck through (its font's <strike/>).
 * The reader keeps such rows; the importer warns about them. */
bool xlsx_row_hidden(const Xlsx *x);   /* hidden, or of height 0 */
bool xlsx_row_struck(const Xlsx *x);
/* Issue 10 (helper REC): whether column COL (0 = A) of the sheet being
 * read is hidden (or of width 0), known once its first row is handed
 * over; and whether cell COL of the row handed over holds an error value
 * (#REF!, #N/A, #VALUE!...: t="e"), whose text is that value. */
bool xlsx_col_hidden(const Xlsx *x, int col);
bool xlsx_cell_error(const Xlsx *x, int col);
/* F16A (issue 16): whether cell COL of the row handed over is a number
 * (t="n", not a date) that is not whole; its text is then C's, "1.5". */
bool xlsx_cell_fraction(const Xlsx *x, int col);

/* "A" for 0, "Z" for 25, "AA" for 26, ... into BUF (at least 4 bytes). */
const char *xlsx_col_letters(int col, char *buf);

#endif
