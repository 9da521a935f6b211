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

/* Loads the country pack of folder DIR (NULL: data/packs/mx/, compiled
 * in) into ST, in one transaction: its pack.json and catalogs. Refuses a
 * database that already holds a pack: a pack is loaded once, and never
 * over the catalogs or the edits made on the platform. Errors in the
 * pack's files go to DIAGS. */
bool catalog_load(Store *st, const char *dir, DiagList *diags);
/* The name of the pack compiled in (data/packs/NAME/), the one the demo's
 * records belong to. */
#define PACK_DEFAULT_NAME "mx"
/* What catalog_load loads that a database filled by an older pmm lacks
 * (issue 13: the guiding principles, the objectives' roundtables; issue
 * 12: the English of the states and categories, once, where it is NULL,
 * for a database of the default pack), and nothing else: the catalogs
 * edited since stay as they are. */
bool catalog_load_new(Store *st, DiagList *diags);

/* M, initialised and filled with every name of catalog KIND. */
bool matcher_load(Matcher *m, Store *st, CatalogKind kind);
/* M, initialised and filled with the objectives' titles (Spanish primary,
 * English too), the id of each its number: what action_parse checks the
 * title after an objective's number against (ActionCatalogs.objectives). */
bool objective_titles_load(Matcher *m, Store *st);

#endif
