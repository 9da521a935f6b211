#ifndef PMM_NARRATIVE_H
#define PMM_NARRATIVE_H
/*
 * The Informe Ejecutivo as a Doc: sections I-VI and the annexes, every
 * sentence written from the figures (Figures) and the lists (ReportData),
 * so no sentence can disagree with a chart or a table. Each number is a
 * mark carrying the filter that reproduces it (render/doc.h).
 *
 * The findings the text states (most and least reported objectives, the
 * objectives a reporter type did not touch, the most frequent challenges)
 * are computed once each, here, and the analysis and the conclusions both
 * use the same result.
 */
#include "core/figures.h"
#include "render/doc.h"
#include "render/map.h"
#include "store/report_store.h"

#include "store/highlight_store.h"
#include "store/imprint_store.h"

#define OTROS_UMBRAL 13

typedef struct {
    Lang lang;
    int otros_umbral;       /* categories with fewer mentions go to "Otros retos"; -1: the
                             * country pack's (umbral_otros_retos), else OTROS_UMBRAL */
    const Imprint *imprint; /* issuer, country, place, license (NULL: none set) */
    const Highlights *highlights;   /* candidates for the programs named per objective (NULL: none) */
    /* issue 13: the figures of the edition before this one, read as this
     * one is (NULL: none): «Comparación con la edición anterior» */
    const Figures *previous;
    bool lang_given;        /* --lang: else the pack's language (report_lang, store_pack_lang) */
    /* issue 14: the map of the subnational units (map_input; NULL, or no
     * shapes: the pack has no boundary file, the Informe has no map) */
    const MapInput *map;
} ReportOptions;

void report_build(Doc *d, const Figures *f, const ReportData *rd, const ReportOptions *o);

/* D's issuer (the cover's line and the author in the PDF's and DOCX's
 * metadata) from the imprint IM: "issuer · country", either alone, or
 * none when neither is set. The Informe and the Compendio both use it. */
void report_issuer(Doc *d, const Imprint *im);
/* F14C (issue 14 fault 7, issue 13): when F is a synthetic example, its
 * Informe's or Compendio's cover names no issuer (it is no body's
 * publication) and the notice opens the document in a section of its
 * own («Aviso: ejemplo sintético»), before any figure. */
void report_example_notice(Doc *d, const Figures *f);
/* The one cover of the Informe and the Compendio (round 3): D's issuer
 * (report_issuer), its place and date («Ciudad de México, 30 de noviembre
 * de 2026», or «Versión preliminar, sin publicar») and the issuer's emblem
 * from IM, checked again (a database written by other means must not put
 * a broken image on the cover: a warning naming EDITION, no emblem). */
void report_cover(Doc *d, const Imprint *im, const char *edition);
/* The one note that says which settings of the imprint IM are not given
 * (issue 12: «Sin indicar en esta versión: el emisor y la licencia.»),
 * added to D; nothing when all are. Whatever leaves a setting out calls it
 * (the Informe's closing page, the voluntary review; issue 13, R13B). */
void report_missing_note(Doc *d, const Imprint *im, bool licence_stated);

/* The filter of a figure: "edicion=E&medida=M&K1=V1&..." with every value
 * percent-encoded; pairs of KEY, VALUE end with NULL. Allocated in A. */
char *report_filter(Arena *a, const char *edition, const char *measure, ...);
/* The value of a filter's «categoria» for category K of F (K < 0: the
 * unclassified challenges): its catalog id, or «ninguna», as /acciones and
 * the API's list take it (issue 13 round 3, F13B: the name was refused).
 * Every mark of a category, the Informe's and the review's, takes it here. */
const char *report_category(Arena *a, const Figures *f, int k);

/* The charts of the report, by name, for `pmm chart` (NULL: unknown;
 * "mapa" is NULL when O has no map with shapes). */
Chart *report_chart(Doc *d, const Figures *f, const ReportData *rd, const ReportOptions *o,
                    const char *name);
/* The names report_chart knows, joined with ", ", into OUT. */
void report_chart_names(const Figures *f, Str *out);

#endif
