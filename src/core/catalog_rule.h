#ifndef PMM_CATALOG_RULE_H
#define PMM_CATALOG_RULE_H
/*
 * Rules of a catalog entry that more than one entry point writes (issue
 * 16): the country pack's loader (ingest/catalog_load.c) and the
 * platform's catalog form (web/pages_catalog.c) call the same function, so
 * a pack file and the form refuse the same entries with the same words.
 */
#include <stdbool.h>
#include "util/arena.h"

/* The one subnational reporter type. The units that took part are counted
 * through the bodies of the one type whose bodies are the governments of
 * the subnational units: a second such type would make that count
 * ambiguous. Those governments are public bodies, so that type is not one
 * of society's (the review would count them in both approaches).
 * For a type marked SUBNATIONAL and SOCIETY, with OTHER_CODE (named
 * OTHER_NAME) another type already subnational (NULL: none): NULL when the
 * rule holds, otherwise why not (in A, Spanish, a clause without final
 * period, as the loader's messages are) and *FIELD the column refused,
 * "subnacional" or "sociedad". */
const char *rtype_subnational_rule(Arena *a, bool subnational, bool society, const char *other_code,
                                   const char *other_name, const char **field);

/* An institution's acronym is not digits only: the list and the API read
 * `institucion=16` as the institution whose id is 16 (the Informe's marks
 * name it so, and a rename leaves the id alone), so an acronym «16» could
 * never be chosen and would send its filter to another body (issue 16,
 * re-verification round). NULL when the rule holds, otherwise why not (a
 * clause without final period). */
const char *inst_acronym_rule(const char *acronym);

#endif
