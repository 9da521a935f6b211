#ifndef PMM_REPORT_CLI_H
#define PMM_REPORT_CLI_H
/* What `pmm report`, `pmm compendio` and `pmm chart` share (cmd_report.c). */
#include <stdbool.h>
#include <stddef.h>
#include "analysis/narrative.h"
#include "render/outfile.h"
#include "util/args.h"

/* Reads --lang and --otros-umbral from A; prints the error and returns
 * false on a bad value. */
bool report_options(const Args *a, const char *cmd, ReportOptions *o);

#endif
