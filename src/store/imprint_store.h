#ifndef PMM_IMPRINT_STORE_H
#define PMM_IMPRINT_STORE_H
/*
 * The imprint of an edition (issue 12, migration 14): who issues the
 * Informe, for which country, where, under which license. Settings of the
 * edition, not text in the code; a published revision keeps its own copy.
 * Also the number of subnational units in the catalog, so that "23 of the
 * 32 states" comes from the records, and the country pack the database
 * holds: its issuer, country and place are the defaults of every edition
 * (imprint_value), its nouns the narrative's.
 */
#include "store/pack_store.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/lang.h"

/* The *_EN fields are the English forms of the three before them
 * (migration 27, `pmm edition set --issuer-en`...): what an English
 * publication prints instead of the Spanish setting. */
typedef enum {
    IMPRINT_ISSUER, IMPRINT_COUNTRY, IMPRINT_PLACE, IMPRINT_LICENSE,
    IMPRINT_ISSUER_EN, IMPRINT_COUNTRY_EN, IMPRINT_PLACE_EN, IMPRINT__COUNT
} ImprintField;

typedef struct {
    const char *field[IMPRINT__COUNT];   /* NULL: not set */
    const char *published_at;           /* "YYYY-MM-DD..." of a revision; "" for live rows (a draft) */
    int states_in_catalog;
    const unsigned char *emblem;        /* the issuer's emblem, PNG (migration 17; NULL: none) */
    size_t emblem_len;
    Pack pack;                          /* the database's country pack (issue 16) */
} Imprint;

/* Reads the imprint of E (an edition or a published revision) into OUT,
 * strings in A. */
bool store_imprint(Store *st, const Edition *e, Arena *a, Imprint *out);
/* FIELD (issuer, country, place, license) of IM in language LANG: in
 * English the edition's English form, else its own setting, else the
 * pack's (issuer, country, place); NULL when none. */
const char *imprint_value(const Imprint *im, ImprintField field, Lang lang);
/* Whether imprint_value(IM, FIELD, LANG) is Spanish text in a LANG
 * publication: an English one prints the edition's Spanish setting when it
 * has no English form, marked as Spanish (verification round, fault 6). */
bool imprint_in_spanish(const Imprint *im, ImprintField field, Lang lang);
/* Sets FIELD of EDITION_ID to VALUE (NULL clears it); inside the caller's
 * transaction. */
bool store_imprint_set(Store *st, int64_t edition_id, ImprintField field, const char *value);
/* Sets the emblem of EDITION_ID to PNG[0..LEN) (NULL clears it), which the
 * caller has checked (doc_emblem_check); inside the caller's transaction. */
bool store_imprint_set_emblem(Store *st, int64_t edition_id, const void *png, size_t len);

#endif
