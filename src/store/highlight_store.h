#ifndef PMM_HIGHLIGHT_STORE_H
#define PMM_HIGHLIGHT_STORE_H
/*
 * The programs an Informe names under each objective (issue 12): the
 * candidates, read here; the choice among them is narrative.c's
 * (docs/report.md, "Programas destacados"). A candidate is an action whose
 * PRINCIPAL objective is the objective, with something written in its
 * results or its description. Same scope as store_figures().
 */
#include "store/store.h"
#include "util/arena.h"

typedef struct {
    int objective;
    const char *folio, *name, *acronym, *results, *description;
    long long beneficiaries;            /* -1: not stated */
} Highlight;

typedef struct {
    int n;
    Highlight *items;   /* by objective; then results written first, most
                         * beneficiaries first, folio */
} Highlights;

bool store_highlights(Store *st, const Edition *e, bool all_statuses, Arena *a, Highlights *out);

#endif
