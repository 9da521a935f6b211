#ifndef PMM_CATALOG_H
#define PMM_CATALOG_H
#include <stdbool.h>
#include "store/store.h"
#include "util/diag.h"

/* Loads (or updates) the reference catalogs compiled in from data/catalogs/
 * into ST, in one transaction. Errors in the catalog files go to DIAGS. */
bool catalog_load(Store *st, DiagList *diags);

#endif
