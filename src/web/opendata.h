#ifndef PMM_OPENDATA_H
#define PMM_OPENDATA_H
/*
 * Open data (issue 14, helper D14; docs/open-data.md): the catalogs as
 * files, the data package of an edition, its data license and the data
 * dictionary page (pages_opendata.c). The data files themselves are
 * downloads.c's.
 */
#include <stdbool.h>
#include "store/store.h"

struct Req;

/* Answers FILE ("instituciones.csv", "objetivos.json"...) when it is a
 * catalog file, and returns true; false when FILE is none. */
bool opendata_catalog(struct Req *r, const char *file);
/* datapackage.json of E: its data files and the catalogs, with their
 * Table Schemas, its license, title and date of publication. */
void opendata_package(struct Req *r, const Edition *e);
/* The name FILE of edition TAG ("2024", "2024-r1"; NULL: no edition) is
 * downloaded under (Content-Disposition): a file the data package lists,
 * and the package itself, under the package's own path ("acciones.csv",
 * "objetivos.csv", "datapackage.json"), so that the files saved in one
 * folder are the package; any other under "pmm-TAG-FILE" (issue 14,
 * fault 21). */
const char *opendata_download_name(struct Req *r, const char *tag, const char *file);
/* The one table of a catalog's three names (issue 14, faults 16 and round
 * 2 fault 7): NAME is any of them, the download's ("tipos-accion"), `pmm
 * catalog`'s and the store's ("action-types") or the API's
 * ("tipos_accion"); each returns that catalog's name on one surface, or
 * NULL when NAME names no catalog. */
const char *opendata_catalog_listing(const char *name);
const char *opendata_catalog_file(const char *name);
const char *opendata_catalog_api(const char *name);
/* licencia.txt of E: the license of its data, as text. */
void opendata_license_text(struct Req *r, const Edition *e);
/* The downloads page's line naming E's data license (HTML). */
void opendata_license_line(struct Req *r, const Edition *e);

#endif
