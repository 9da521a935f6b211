#ifndef PMM_CATALOG_EDIT_STORE_H
#define PMM_CATALOG_EDIT_STORE_H
/*
 * Editing the reference catalogs from the web platform: each catalog's
 * entries with what references them, writing and deleting one entry, the
 * catalog version (bumped by triggers on every catalog table, migration 5)
 * and a consistent snapshot of the catalogs as the pages show them.
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"
#include "store/web_store.h"
#include "util/arena.h"

typedef enum {
    CE_INSTITUTION, CE_CATEGORY, CE_ACTION_TYPE, CE_POPULATION, CE_OBJECTIVE,
    CE_REPORTER_TYPE, CE_STATE, CE_PRINCIPLE, CE__COUNT
} CatEditKind;

/* The editable columns of each kind, in this order in CatRecord.v:
 *   CE_INSTITUTION    acronym, name, type (reporter type code), state (code or ""), parent id ("" for none)
 *   CE_CATEGORY       name, name_en, definition
 *   CE_ACTION_TYPE    name, name_en
 *   CE_POPULATION     code, name, name_en
 *   CE_OBJECTIVE      title_es, title_en, short_es, short_en   (id is the number 1-23; a short
 *                     label "" is none: charts use the title)
 *   CE_REPORTER_TYPE  code, name_es, name_en, gender ("f", "m"), number ("sg", "pl") of name_es,
 *                     subnational ("0", "1"), the nouns for one and several of its bodies in
 *                     Spanish and English (body_es, bodies_es, body_en, bodies_en; "" for none),
 *                     society ("0", "1"; "" is 0, as in the pack's column «sociedad»), proper
 *                     ("0", "1"; "" is 0: the pack's «nombre_propio»)
 *   CE_STATE          code, name, abbrev, name_en
 *   CE_PRINCIPLE      name_es, name_en, description_es, description_en   (id is the number 1-10) */
#define CE_MAX_FIELDS 12
typedef struct {
    int64_t id;
    const char *v[CE_MAX_FIELDS];
    const char *aliases;          /* "; "-separated; only institutions, populations, states, principles */
    /* what references the entry */
    long actions;                 /* actions of the editions that name it (through their institution for
                                   * types and states); a published revision's copies are not counted */
    long challenges;              /* categories: challenges classified in it */
    long accounts;                /* institutions: accounts of its enlaces */
    long children;                /* institutions: dependent institutions; types, states: institutions */
    long revisions;               /* published revisions whose copy uses it (not counted above) */
} CatRecord;

/* The alias kind of KIND ("institution", ...), or NULL when it has none. */
const char *store_catedit_alias_kind(CatEditKind kind);

/* Every entry of KIND, in catalog order, allocated in A. */
bool store_catedit_list(Store *st, CatEditKind kind, Arena *a, CatRecord **out, int *n);
/* Inserts REC (REC->id == 0; then sets it) or updates it, and replaces its
 * aliases with ALIASES (NULL: leaves them). Inside the caller's transaction.
 * Objectives are never inserted here. */
bool store_catedit_save(Store *st, CatEditKind kind, CatRecord *rec, const char *const *aliases,
                        int naliases);
/* Deletes the entry and its aliases; the caller has checked it is unused. */
bool store_catedit_delete(Store *st, CatEditKind kind, int64_t id);

/* The last LIMIT changes of the catalogs in the audit log, newest first. */
bool store_catedit_audit(Store *st, int limit, AuditFn fn, void *ctx);

/* The catalog version: any write to a catalog table moves it. */
bool store_catalog_version(Store *st, int64_t *version);
/* Every web catalog and the version they are at, read in one transaction. */
bool store_catalog_snapshot(Store *st, Arena *a, CatList out[WC__COUNT], int64_t *version);

#endif
