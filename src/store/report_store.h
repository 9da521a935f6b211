#ifndef PMM_REPORT_STORE_H
#define PMM_REPORT_STORE_H
/*
 * The lists a publication names besides its counts (those are Figures):
 * which bodies and states took part in each objective, which action types
 * predominate, the glossary, the acronym tables, the preamble, and for the
 * Compendio every action as reported. Same scope as store_figures():
 * validated actions, or all with ALL_STATUSES.
 */
#include <stdbool.h>
#include "store/store.h"
#include "util/arena.h"

typedef struct {
    int64_t id;
    char *acronym, *name, *type;        /* type: reporter type code */
    /* the unit it makes take part (INST_UNIT: a body of the subnational
     * type), "" for every other body */
    char *state, *state_name, *state_abbrev;
    char *state_name_en;                /* its English name (UN usage); "" unless known */
    long actions;
} ReportInst;

typedef struct {
    int objective;
    int inst;                           /* index in ReportData.insts */
    long actions;
} ReportObjInst;

typedef struct {
    int objective;
    char *name, *name_en;               /* action type */
    long actions;
    long long type_id;                  /* its id: the list's filter tipo_accion (issue 13 round 2, F13) */
} ReportObjType;

typedef struct {
    char *name, *name_en, *definition;
    char *definition_en;                /* "" when not translated */
} ReportCategory;

typedef struct {
    char *title_es[24], *title_en[24];
    char *short_es[24], *short_en[24];     /* "": none (migration 17) */
    int ninst;
    ReportInst *insts;                  /* by reporter type order, then state and name (Spanish collation) */
    int nobjinst;
    ReportObjInst *objinst;             /* by objective, then actions (desc) */
    int nobjtype;
    ReportObjType *objtype;             /* by objective, then actions (desc) */
    int ncats;
    ReportCategory *cats;               /* the glossary, by Spanish name (Spanish collation) */
    char *preamble;                     /* NULL: the default preamble */
    Arena arena;
} ReportData;

bool store_report_data(Store *st, const Edition *e, bool all_statuses, ReportData *out);
void report_data_free(ReportData *d);

/* The Compendio reads the actions themselves (store_compendio_actions,
 * export_store.h): one action struct (issue 10, helper REC). */
#include "store/export_store.h"

#endif
