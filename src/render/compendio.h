#ifndef PMM_COMPENDIO_H
#define PMM_COMPENDIO_H
/*
 * The Compendio General as a Doc: every action as it was reported, grouped
 * by objective, then reporter type, then institution, with its
 * classification, results and challenges, and an index of institutions.
 * Fed one action at a time (store_compendio_actions), in that order.
 */
#include "core/figures.h"
#include "render/doc.h"
#include "store/report_store.h"

typedef struct Compendio Compendio;

Compendio *compendio_begin(Doc *d, const Figures *f, const ReportData *rd);
bool compendio_action(void *c, int objective, const Action *a);     /* a CompActionFn */
void compendio_end(Compendio *c);

#endif
