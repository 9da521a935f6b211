#ifndef PMM_FIGURES_H
#define PMM_FIGURES_H
/*
 * Figures: every count of an edition that a report states. They are only
 * ever computed from the records (store_figures), never typed, so that the
 * report, the charts and the dashboard cannot disagree.
 *
 * Counting rules (docs/figures.md):
 *  - an action counts once in `actions` and once under its reporter type;
 *  - once under EACH objective it is linked to (so the objective cells may
 *    add up to more than `actions`: the difference is `objective_links`);
 *  - once under each population it names; naming none counts as no_aplica;
 *  - once under each guiding principle it is tagged with (none: nowhere);
 *  - once under each IMRF roundtable that one of its objectives belongs to
 *    (two objectives of one roundtable: once).
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/action.h"

#define FIG_NOBJ 23
/* Issue 16: bounds no country's catalogs come near (Mexico: 6 types, 4
 * populations, 20 categories), so that a country never meets them; a
 * catalog over them is refused by the pack loader and the platform's
 * forms, never cut. They make a Figures about 380 KB: it is never put on
 * the stack (heap or the request's arena); docs/packs.md "Limits". */
#define FIG_MAX_TYPES 64
#define FIG_MAX_POPS 64
#define FIG_MAX_CATS 256
#define FIG_NPRIN ACTION_NPRIN   /* the GCM's guiding principles (issue 13) */
#define FIG_NROUNDTABLES 4    /* the IMRF's roundtables (issue 13) */

typedef struct {
    char code[160];        /* reporter type code, population code, or category name */
    char name_es[160];
    char name_en[160];
} FigLabel;

/* What the narrative needs of a reporter type besides its name (its
 * catalog row, migration 24): the gender ('f', 'm') and number ('s', 'p')
 * of its Spanish name, whether its bodies are the subnational governments,
 * and the nouns for one and for several of its bodies, per language ("" for
 * none). */
typedef struct {
    char gender, number;
    bool subnational;
    bool society;                  /* whole-of-society (not a public body): reporter_type.society */
    bool proper;                   /* its Spanish name is a proper name: kept as written (issue 16) */
    char body[2][2][160];          /* [Lang][0: one, 1: several] */
} FigType;

enum { FIG_YES, FIG_NO, FIG_UNKNOWN };

typedef struct {
    char edition[257], period_start[16], period_end[16], state[16];   /* edition: 64 UTF-8 characters */
    bool all_statuses;               /* false: validated actions only */
    bool synthetic;                  /* a synthetic example (pmm demo's), not real figures (issue 13) */

    long actions;
    long objective_links;            /* sum over objectives of by_obj */
    long institutions;               /* reporting bodies with >= 1 action */
    long states;                     /* subnational units with >= 1 action of a body of the subnational type */

    int ntypes;
    FigLabel types[FIG_MAX_TYPES];
    FigType type_info[FIG_MAX_TYPES];
    long by_type[FIG_MAX_TYPES];
    long inst_by_type[FIG_MAX_TYPES];

    long by_obj[FIG_NOBJ + 1];                       /* index 1..23 */
    long by_obj_type[FIG_NOBJ + 1][FIG_MAX_TYPES];

    int npops;
    FigLabel pops[FIG_MAX_POPS];
    long by_pop[FIG_MAX_POPS];

    long gender[3];                  /* FIG_YES, FIG_NO, FIG_UNKNOWN */
    long disability[3];

    long challenges;
    long unclassified;
    int ncats;
    FigLabel cats[FIG_MAX_CATS];
    long long cat_ids[FIG_MAX_CATS]; /* their catalog ids: what the list and the API filter by (issue 13, F13B) */
    long by_cat[FIG_MAX_CATS];
    long by_cat_type[FIG_MAX_CATS][FIG_MAX_TYPES];
    long unclassified_by_type[FIG_MAX_TYPES];
    long with_challenges;            /* actions with at least one challenge */

    long long beneficiaries;         /* sum of the stated numbers */
    long with_beneficiaries;         /* actions that state a number */

    /* issue 13: what the UN asks for */
    FigLabel principles[FIG_NPRIN + 1];              /* index 1..10: number, name es, name en */
    long by_principle[FIG_NPRIN + 1];                /* index 1..10 */
    long with_principles;                            /* actions tagged with at least one */
    int roundtable[FIG_NOBJ + 1];                    /* objective -> roundtable 1..4, 0 unknown */
    long by_roundtable[FIG_NROUNDTABLES + 1];        /* index 1..4 */
} Figures;

/* Index of CODE among the labels, or -1. */
int fig_label_index(const FigLabel *labels, int n, const char *code);

#endif
