#ifndef PMM_REPORT_CLI_H
#define PMM_REPORT_CLI_H
/* What `pmm report`, `pmm compendio` and `pmm chart` share (cmd_report.c). */
#include <stdbool.h>
#include <stddef.h>
#include "analysis/narrative.h"
#include "render/outfile.h"
#include "cli/cli.h"
#include "store/report_store.h"
#include "util/args.h"

/* Reads --lang and --otros-umbral from A; prints the error and returns
 * false on a bad value. */
bool report_options(const Args *a, const char *cmd, ReportOptions *o);

/* PDF and DOCX are binary files: they need -o FILE (or -o - for standard
 * output, not a terminal). Prints why and returns false when PATH is missing. */
bool report_output_ok(const char *cmd, const char *format, const char *path);

/* Writes D as FORMAT (html, pdf or docx) to PATH; "-" (or NULL, for
 * html) is standard output. False, told, on failure. */
bool report_doc_write(Doc *d, const char *cmd, const char *format, const char *path);

/* The edition named by --edition, or with --revision N its revision N as
 * published; prints why (as pmm CMD) and returns false when there is none.
 * Without --revision a published edition is its latest revision (what the
 * public reads; stderr says so when the live figures differ), unless --all;
 * --revision live is the edition's rows as they are now. */
bool report_edition(Store *st, const Args *a, const char *cmd, Edition *ed);
/* The reading of live edition ED that report_edition gives without
 * --revision: a published edition becomes its latest revision (stderr says
 * so when the live figures differ), unless ALL. (issue 13: pmm trend) */
bool report_as_published(Store *st, bool all, const char *cmd, Edition *ed);

/* What a publication is written from: the edition named by --edition (and
 * --revision, when the command takes it), its
 * figures and its report data (validated actions, or all with --all). */
typedef struct {
    Store *st;
    Edition ed;
    bool all;
    Figures *f;
    ReportData rd;
} ReportInput;

/* Opens the store and reads everything; prints why and returns false on
 * failure (report_input_close must still be called). */
bool report_input_open(const Global *g, const Args *a, const char *cmd, ReportInput *in);
void report_input_close(ReportInput *in);
/* O's language: --lang, else the country pack's (issue 16). */
bool report_lang(Store *st, ReportOptions *o);

#endif
