#ifndef PMM_XLSX_TEMPLATE_H
#define PMM_XLSX_TEMPLATE_H
/*
 * The capture workbook (docs/excel.md): sheets Instrucciones, Acciones,
 * Retos and Catálogos, a frozen header with a note on each cell, drop-down
 * lists from the catalogs, whole-number validation for beneficiaries. The
 * same layout, filled, is the xlsx export of an edition.
 */
#include <stdbool.h>
#include "store/store.h"
#include "util/str.h"

typedef struct {
    const Edition *edition;      /* named in the instructions; may be NULL */
    const char *institution;     /* an institution: its column filled and locked; or NULL */
    bool with_actions;           /* write the edition's actions (export) */
    bool validated_only;         /* of them, the validated ones (the public download, issue 14) */
} XlsxTemplateOpts;

/* Writes the workbook to PATH, atomically (a temporary file renamed).
 * On failure returns false with the reason in ERR; PATH is untouched. */
bool xlsx_template_write(Store *st, const XlsxTemplateOpts *o, const char *path, Str *err);

/* The acronym of the institution named NAME (acronym, name or alias, as
 * the importer matches it), or false with a message in ERR. */
bool xlsx_template_institution(Store *st, const char *name, Str *acronym, Str *err);

#endif
