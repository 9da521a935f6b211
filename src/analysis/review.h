#ifndef PMM_REVIEW_H
#define PMM_REVIEW_H
/*
 * The voluntary GCM review (issue 13, docs/review.md): a draft of the
 * country's review for the editions of a review period, as a Doc, so the
 * Informe's writers (HTML, PDF, DOCX) draw it. Every count is a figure of
 * store_figures for one edition (a Trend), every number a mark through the
 * sentence layer; the texts only people can write come from a stored
 * Review, or are marked placeholders.
 */
#include "analysis/trend.h"
#include "render/doc.h"
#include "store/highlight_store.h"
#include "store/imprint_store.h"
#include "store/pack_store.h"
#include "store/report_store.h"
#include "store/review_store.h"

/* A good practice as the review names it (copied: the store's lives only
 * during its callback). */
typedef struct {
    int ed;                          /* index of its edition in the trend */
    const char *folio, *name, *institution;
    int *objectives, nobj;           /* the principal first */
    int *principles, nprin;
} ReviewPractice;

typedef struct {
    Trend t;                         /* the editions covered, in order, with their figures */
    ReportData *rd;                  /* per edition: bodies, objective titles */
    Highlights *hl;                  /* per edition: program candidates */
    ReviewPractice *gp;
    int ngp;
    Imprint imprint;                 /* of the last edition: issuer, country */
    Pack pack;                       /* the country pack: the name of its subnational units (issue 16) */
    Arena arena;
} ReviewData;

/* The editions from FROM to TO (names), both included, in trend order
 * (trend_sort) among every edition of the store, into *EDS (malloc'd) and
 * *N. False, with why in WHY (Spanish, through gettext), for an unknown
 * edition, FROM after TO, or the store failing. One rule for the CLI and
 * the platform. */
bool review_range(Store *st, const char *from, const char *to, Edition **eds, int *n, Str *why);

/* Reads what the draft needs of editions EDS[0..N), each as the caller
 * chose to read it (a published revision, or the live edition). */
bool review_load(Store *st, const Edition *eds, int n, ReviewData *rv);
void review_data_free(ReviewData *rv);

/* The draft into D (its language is D's): TEXTS the unit's texts (NULL:
 * every one a placeholder). */
void review_build(Doc *d, const ReviewData *rv, const Review *texts);

/* The placeholder of a text not yet written, in L. */
const char *review_placeholder(Lang l, ReviewTextKind k);
/* The title of text K's chapter, in L. */
const char *review_text_title(Lang l, ReviewTextKind k);

#endif
