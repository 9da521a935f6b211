#ifndef PMM_CATALOG_LOAD_H
#define PMM_CATALOG_LOAD_H
/*
 * The catalogs between the store and core: loading the reference catalogs
 * into the store, and a Matcher (core/match.h) filled from the store's
 * names. Here, in ingest, so that core never includes the store.
 */
#include <stdbool.h>
#include "core/match.h"
#include "store/store.h"
#include "util/diag.h"

/* Loads (or updates) the reference catalogs compiled in from data/catalogs/
 * into ST, in one transaction. Errors in the catalog files go to DIAGS. */
bool catalog_load(Store *st, DiagList *diags);
/* What catalog_load loads that a database filled by an older pmm lacks
 * (issue 13: the guiding principles, the objectives' roundtables), and
 * nothing else: the catalogs edited since stay as they are. */
bool catalog_load_new(Store *st, DiagList *diags);

/* M, initialised and filled with every name of catalog KIND. */
bool matcher_load(Matcher *m, Store *st, CatalogKind kind);
/* M, initialised and filled with the objectives' titles (Spanish primary,
 * English too), the id of each its number: what action_parse checks the
 * title after an objective's number against (ActionCatalogs.objectives). */
bool objective_titles_load(Matcher *m, Store *st);

#endif
