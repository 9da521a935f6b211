#ifndef PMM_PACK_STORE_H
#define PMM_PACK_STORE_H
/*
 * The country pack a database holds (issue 16, migration 24): the words of
 * its pack.json (docs/packs.md), one row per key ("pais.es", "emisor.en",
 * "unidad_subnacional.es.plural", ...), written once when the pack is
 * loaded (ingest/catalog_load.c) and read by every output that names the
 * country, its issuing body or its subnational units. Index 0 of each pair
 * is Spanish, 1 English (Lang).
 */
#include <stdbool.h>
#include "store/store.h"
#include "util/arena.h"
#include "util/lang.h"

typedef struct {
    bool loaded;                 /* false: the database holds no pack yet */
    const char *name, *version;
    const char *country[2], *issuer[2], *place[2], *demonym[2];
    const char *unit_sg[2], *unit_pl[2];   /* "entidad federativa", "entidades federativas" */
    const char *unit_adj[2];     /* "estatal", "State": «la participación estatal» */
    const char *unit_gender;     /* of the Spanish noun: "f" or "m" */
    int other_threshold;         /* «Otros retos» groups categories under this many mentions; -1: not set */
    const char *lang;            /* the documents' language when none is asked for: "es", "en", or "" */
    const char *thousands, *decimal;   /* "numeros.miles", "numeros.decimal"; "" for the language's */
    /* F14B: where the boundary file (limites.csv) comes from, in Spanish and
     * English (issue 14 round 2, fault 3: "limites.fuente" one text or
     * {es, en}), and its license, said under every map it draws (pack.json
     * "limites"); "" when not given */
    const char *bounds_source[2], *bounds_license;
    const char *bounds_source_any;   /* "limites.fuente" as an older pmm recorded it (store_pack's) */
} Pack;

/* Reads the pack of ST into OUT (strings in A, "" for a key not recorded). */
bool store_pack(Store *st, Arena *a, Pack *out);
/* The language of a document for which none is asked (--lang): the pack's
 * "idioma", else Spanish. False on a database error. */
bool store_pack_lang(Store *st, Lang *out);
/* Sets the number style of the documents, and the decimal mark imports
 * read numbers by (lang_set_numbers), from the pack of ST; the default
 * when it records none. Called when a database is
 * opened; false on a database error (the default is then kept). */
bool store_pack_numbers(Store *st);
/* Whether ST records a pack (its "nombre"). */
bool store_pack_loaded(Store *st);
/* The first of the country catalogs (units, institutions, reporter types,
 * populations, challenge categories, action types) that holds a row, in
 * *TABLE (a static name), NULL when all are empty; false on a database
 * error. A database that records no pack but has one (its pack row
 * deleted by hand) is no database to load a pack into (issue 16,
 * verification fault 2: Mexico's catalogs were merged over a country's). */
bool store_catalog_filled(Store *st, const char **table);
/* Calls FN with each of those catalogs that holds no row, by the name
 * `pmm catalog` lists it under ("states"); false on a database error. A
 * database whose catalogs were emptied by hand still reports its editions,
 * with nothing to name them by: `pmm report` and `pmm check` say so
 * (issue 16, H16R4). */
bool store_catalogs_empty(Store *st, void (*fn)(void *ctx, const char *catalog), void *ctx);
/* The first of the tables of the country's work (editions, actions) that
 * holds a row, in *TABLE (a static name), NULL when both are empty; false
 * on a database error. A pack is never loaded next to them, even when
 * every catalog was emptied by hand (issue 16, verification round 3,
 * fault 3: Mexico's pack was loaded under an Ecuadorian edition). */
bool store_records_filled(Store *st, const char **table);
/* Records KEY = VALUE; inside the caller's transaction. */
bool store_pack_put(Store *st, const char *key, const char *value);
/* Whether ST records KEY (*OUT); false on a database error. */
bool store_pack_has(Store *st, const char *key, bool *out);
/* The English that migration 19 added empty (NULL) to a database an older
 * pmm filled: the state of CODE gets NAME_EN (in the catalog and in the
 * revisions' copies, snapshot_state), the category NAME gets
 * DEFINITION_EN, only where the database has none. */
bool store_fill_state_en(Store *st, const char *code, const char *name_en);
bool store_fill_category_en(Store *st, const char *name, const char *definition_en);

#endif
