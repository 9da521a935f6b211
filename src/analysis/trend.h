#ifndef PMM_TREND_H
#define PMM_TREND_H
/*
 * Editions over time (issue 13): the figures of several editions side by
 * side. Each edition's figures are store_figures' own, computed once per
 * edition (never a second counting rule), so a trend cell is always the
 * figure `pmm report` gives for that edition. Which reading of an edition
 * is counted (its published revision, or the live rows) is the caller's
 * choice, made as `pmm report` or the dashboard makes it; the trend takes
 * the Edition it is given. `pmm trend`, GET /api/v1/trend, the trends page,
 * the dashboard's change column and the Informe's comparison all read a
 * Trend; a review over a range of editions builds one the same way.
 */
#include <jansson.h>
#include <stdio.h>
#include "core/figures.h"
#include "store/store.h"
#include "util/lang.h"

typedef struct Trend {
    int n, cap;
    Edition *eds;            /* in the order added (trend_sort orders them) */
    Figures **f;             /* f[i]: the figures of eds[i] */
    long *continuing;        /* actions of eds[i] linked as continuing one of an earlier edition's */
} Trend;

/* Orders editions by period (start, then end), those without a period
 * last, ties by name: the order of a trend by default. */
void trend_sort(Edition *v, int n);

/* The live edition before the one named E->NAME among every edition of
 * the store, in trend_sort's order, into *PREV; false when E is the first
 * (or the store fails). For a CLI reader, who sees every edition. */
bool trend_previous_edition(Store *st, const Edition *e, Edition *prev);
/* The same for STEP places away (-1 the one before, 1 the one after). */
bool trend_adjacent_edition(Store *st, const Edition *e, int step, Edition *out);

/* Issue 12 round 5 (t12 #10): «la edición anterior» the Informe compares
 * with is one whose period ends before this one's starts. Whether B's
 * period ends before A's starts: B ends no later than the month A starts
 * (one shared boundary month, as in a June-to-June cycle, is consecutive)
 * and B starts earlier; when either has no period, the order alone
 * decides (true). */
bool trend_ends_before(const Edition *b, const Edition *a);
/* Whether the periods of A and B (both set) overlap: neither
 * trend_ends_before the other. */
bool trend_periods_overlap(const Edition *a, const Edition *b);
/* Among V[0..N) in trend_sort's order, the index of the edition V[I] is
 * compared with: the nearest before it that trend_ends_before V[I]; -1
 * when none. The one rule for every reader's list (the CLI's:
 * trend_compared_edition; the platform's reader list should call it). */
int trend_previous_index(const Edition *v, int n, int i);
/* The live edition the Informe of E compares with (trend_previous_index
 * among every edition of the store), into *OUT; false when none. */
bool trend_compared_edition(Store *st, const Edition *e, Edition *out);
/* Calls FN(CTX, O) for each live edition O other than E whose period
 * overlaps E's (`pmm edition add/new/set` warns: the Informe of neither
 * calls the other «la edición anterior»). False when the store fails. */
bool trend_each_overlap(Store *st, const Edition *e, void (*fn)(void *ctx, const Edition *o), void *ctx);

/* Appends edition E (as the caller chose to read it) with its figures:
 * validated actions, or every action when ALL. False when the store fails. */
bool trend_add(Trend *t, Store *st, const Edition *e, bool all);
void trend_free(Trend *t);

/* issue 13 round 2 (F13, fault 9): the edition names of LIST ("E1,E2,...",
 * --editions and ?ediciones=) split at its commas, each trimmed, into *OUT
 * (malloc'd, as each name: trend_names_free). A new edition's name takes
 * no comma (edition_name_check), but one named before that rule is still
 * one name: the longest run of pieces that KNOWN(CTX, NAME) says is an
 * edition's whole name is taken as one. An empty piece is an empty name. */
typedef bool (*TrendKnownFn)(void *ctx, const char *name);
int trend_split_names(const char *list, TrendKnownFn known, void *ctx, char ***out);
void trend_names_free(char **v, int n);

/* The index of the edition named NAME in the trend, or -1. */
int trend_index(const Trend *t, const char *name);

/* The stable JSON document of docs/trend.md ("schema": "pmm-trend/1").
 * The caller owns it. */
json_t *trend_to_json(const Trend *t);
/* A table for a terminal: one column per edition, in language L. */
void trend_print_text(const Trend *t, Lang l, FILE *out);

#endif
