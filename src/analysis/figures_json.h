#ifndef PMM_FIGURES_JSON_H
#define PMM_FIGURES_JSON_H
#include <jansson.h>
#include <stdio.h>
#include "core/figures.h"

/* The figures as the stable JSON document of docs/figures.md
 * ("schema": "pmm-figures/1"). The caller owns the result. */
json_t *figures_to_json(const Figures *f);
/* A plain-text summary for a terminal, in the message language. UNITS is
 * the country pack's plural noun for its subnational units in that
 * language ("" or NULL: a neutral word). */
void figures_print_text(const Figures *f, const char *units, FILE *out);

#endif
