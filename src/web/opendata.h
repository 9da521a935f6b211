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
/* licencia.txt of E: the license of its data, as text. */
void opendata_license_text(struct Req *r, const Edition *e);
/* The downloads page's line naming E's data license (HTML). */
void opendata_license_line(struct Req *r, const Edition *e);

#endif
