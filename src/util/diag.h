#ifndef PMM_DIAG_H
#define PMM_DIAG_H
/*
 * DiagList: the errors found in an input, each naming where (file, line or
 * row, column) and what (the value and what is wrong with it), so that a
 * focal point can fix a whole file in one pass instead of one error a run.
 */
#include <stdio.h>
#include "util/arena.h"

typedef struct {
    const char *file;     /* file name, or "file.xlsx[Hoja]" */
    long line;            /* 1-based line or row; 0 = the whole file */
    const char *column;   /* column name, or NULL */
    const char *letter;   /* spreadsheet column letter ("C"), or NULL */
    const char *value;    /* offending value, or NULL */
    const char *msg;
} Diag;

typedef struct {
    Diag *items;
    size_t n, cap;
    size_t total;         /* including those past the keep limit */
    Arena arena;
} DiagList;

#define DIAG_KEEP 1000

void diag_init(DiagList *d);
void diag_free(DiagList *d);
void diag_add(DiagList *d, const char *file, long line, const char *column,
              const char *value, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same, naming the spreadsheet column by its LETTER too ("C"). */
void diag_add_at(DiagList *d, const char *file, long line, const char *letter,
                 const char *column, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Adds every diagnostic of FROM to TO, in order (FROM's count of those
 * past the keep limit too). */
void diag_append(DiagList *to, const DiagList *from);
/* Prints at most MAX diagnostics, one a line, then a count of the rest. */
void diag_print(const DiagList *d, FILE *out, size_t max);

#endif
