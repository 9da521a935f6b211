#ifndef PMM_CSVREAD_H
#define PMM_CSVREAD_H
/*
 * Reading the CSV that real spreadsheets write, with libcsv: UTF-8 with or
 * without BOM, CRLF or LF, quoted fields holding separators, quotes and
 * newlines, ',' ';' or tab as separator (sniffed from the header line, or
 * given by Excel's "sep=;" first line). Each record is handed over with the
 * physical line it starts on, so errors can name it.
 *
 * Refused, with the line named: invalid UTF-8, NUL bytes, a stray or
 * unterminated quote, a record over CSV_MAX_RECORD bytes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "util/diag.h"

#define CSV_MAX_RECORD (8u << 20)

typedef struct {
    char **fields;       /* NUL-terminated, valid until the callback returns */
    size_t nfields;
    long line;           /* physical line the record starts on (1-based) */
} CsvRecord;

/* Return false to stop reading. */
typedef bool (*CsvRecordFn)(void *ctx, const CsvRecord *rec);

/* Reads the CSV file at PATH (NAME is what errors call it). Returns true
 * when the whole file was read without a format error; format errors are
 * added to DIAGS. */
bool csv_read_file(const char *path, const char *name, CsvRecordFn fn, void *ctx,
                   DiagList *diags);
/* The same from an open stream. */
bool csv_read_stream(FILE *in, const char *name, CsvRecordFn fn, void *ctx, DiagList *diags);
/* The same from memory (embedded catalogs, tests, fuzzing). */
bool csv_read_buffer(const char *data, size_t n, const char *name, CsvRecordFn fn,
                     void *ctx, DiagList *diags);

#endif
