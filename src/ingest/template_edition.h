#ifndef PMM_TEMPLATE_EDITION_H
#define PMM_TEMPLATE_EDITION_H
/*
 * Which edition a capture workbook is for (issue 11, helper CAMP2). The
 * template (`pmm template`, /plantilla) names its edition in the defined
 * name PMM_EDICION, a text constant (="2025"), which Excel and LibreOffice
 * keep when the workbook is filled and saved; the upload reads it to put
 * the rows into that edition, `pmm import` to warn when --edition differs.
 * Writing and reading the mark live here, together.
 */
#include <stdbool.h>
#include "ingest/xlsxread.h"
#include "util/diag.h"
#include "util/str.h"

#define TEMPLATE_EDITION_NAME "PMM_EDICION"

/* The formula of the mark for EDITION, appended to OUT: ="2025", a quote
 * inside the name doubled as Excel writes it. */
void template_edition_formula(const char *edition, Str *out);

/* The edition the workbook at PATH (NAME in messages) names, into EDITION:
 * "" when it names none (a workbook not made by pmm, or by a pmm before
 * the mark). False, with the reason in DIAGS, when the workbook cannot be
 * read or its mark is not a text constant. */
bool xlsx_template_edition(const char *path, const char *name, Str *edition, DiagList *diags);

/* The same, of a workbook already open: the edition X names into EDITION
 * ("" when none); false when its mark is not a text constant. The import
 * warns (pmm import) or refuses (an upload) when it is another edition. */
bool template_edition_of(const Xlsx *x, Str *edition);

#endif
