#ifndef PMM_EXPORT_STORE_H
#define PMM_EXPORT_STORE_H
/*
 * Reading an edition back out, whole: every action with its classification
 * and challenges, in the terms of the interchange format (docs/interchange.md),
 * for `pmm export` and the template's catalogs.
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

typedef struct {
    const char *text;
    const char *category;        /* glossary name, "" when not classified */
} ExportChallenge;

typedef struct {
    const char *folio;
    const char *institution;     /* acronym */
    const char *objectives;      /* "7;15", the principal objective first */
    const char *name, *description, *results, *status;
    const char *action_types;    /* names, ';'-separated, catalog order */
    const char *populations;     /* codes, ';'-separated, catalog order */
    const char *population_names;/* names, likewise */
    int gender_focus, disability;          /* 1, 0, -1 = not stated */
    long long beneficiaries;               /* -1 = not stated */
    int nchallenges;
    const ExportChallenge *challenges;
} ExportAction;

/* Calls FN for each action of EDITION_ID, by folio; the strings live until
 * FN returns. FN returns false to stop. */
typedef bool (*ExportActionFn)(void *ctx, const ExportAction *a);
bool store_export_actions(Store *st, int64_t edition_id, ExportActionFn fn, void *ctx);

#endif
