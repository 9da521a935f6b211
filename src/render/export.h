#ifndef PMM_EXPORT_H
#define PMM_EXPORT_H
/*
 * Export of an edition in the interchange format (docs/interchange.md),
 * so that it can be imported again with identical figures:
 *  - "csv": two files, PATH (acciones) and its retos twin (export_retos_path);
 *  - "json": one document, the edition and its actions with their challenges
 *    nested ("schema": "pmm-export/1");
 *  - "xlsx": the capture template's layout, filled.
 * Every one writes through the one serializer of core/action.h, as do the
 * public downloads (web/downloads.c), so every download imports back.
 * The streaming forms write to open files (for web downloads); the path
 * form writes temporary files and renames them, so a failure leaves nothing.
 */
#include <stdbool.h>
#include <stdio.h>
#include <jansson.h>
#include "store/practice_store.h"
#include "store/store.h"
#include "util/str.h"

/* The license of an edition's data (issue 14, helper D14; docs/open-data.md):
 * the edition's license setting (`pmm edition --licencia`, the imprint of
 * store/imprint_store.h, which the Informe shows too), or, when none is
 * set, EXPORT_DEFAULT_LICENSE. A license pmm knows by name gets its Open
 * Definition / SPDX id and its address. */
#define EXPORT_DEFAULT_LICENSE "CC BY 4.0"
typedef struct {
    const char *text;        /* as set, or the default */
    const char *id;          /* "CC-BY-4.0"...; NULL: not a license pmm knows by name */
    const char *url;         /* where it is read; NULL: not known */
    bool is_default;         /* no license is set for the edition */
} DataLicense;
/* Strings in A; false on a store error. */
bool export_license(Store *st, const Edition *ed, Arena *a, DataLicense *out);
/* {"nombre": text, "url": url or null}: the "licencia" of the JSON export. */
json_t *export_license_json(const DataLicense *l);

/* Starts a CSV that pmm writes: UTF-8's byte order mark, which Excel needs
 * to read the accents right (issue 14). */
void export_csv_bom(Str *s);

/* Which actions an output holds: all of them (pmm export) or the
 * validated ones only (the public downloads). */
typedef enum { EXPORT_ALL, EXPORT_VALIDATED } ExportScope;

bool export_csv_stream(Store *st, const Edition *ed, ExportScope scope, FILE *acciones, FILE *retos, Str *err);
bool export_json_stream(Store *st, const Edition *ed, ExportScope scope, FILE *out, Str *err);
/* The same into memory (the downloads): ACCIONES and RETOS may each be
 * NULL when that file is not wanted. */
bool export_csv_str(Store *st, const Edition *ed, ExportScope scope, Str *acciones, Str *retos, Str *err);
/* The JSON document of the interchange format; NULL, with ERR, on error. */
json_t *export_json_doc(Store *st, const Edition *ed, ExportScope scope, Str *err);
/* FORMAT csv|json|xlsx to PATH (json: NULL = stdout), the actions SCOPE
 * says, labelled so (the JSON's "alcance", the workbook's instructions). */
bool export_edition(Store *st, const Edition *ed, ExportScope scope, const char *format, const char *path,
                    Str *err);
/* The good practices of ED's validated actions (issue 13), FORMAT csv or
 * json, in the fields of the UN Network on Migration's Repository of
 * Practices (docs/good-practices.md), appended to OUT: `pmm export
 * --good-practices` and the download buenas-practicas.csv|json. */
bool export_practices(Store *st, const Edition *ed, const char *format, Str *out, Str *err);
/* One good practice as that JSON's object (the API's action has it too). */
json_t *practice_to_json(const GoodPractice *p);
/* "acciones.csv" -> "acciones-retos.csv"; "x" -> "x-retos.csv". Caller frees. */
char *export_retos_path(const char *path);

#endif
