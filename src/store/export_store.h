#ifndef PMM_EXPORT_STORE_H
#define PMM_EXPORT_STORE_H
/*
 * Reading an edition back out, whole: every action (core/action.h) with
 * its classification, display names and challenges, for `pmm export`, the
 * public downloads and the template's data. What it reads is written out
 * by the one serializer, action_cells() / action_to_json().
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/action.h"
#include "store/store.h"

/* Calls FN for each action of EDITION_ID, by folio; the action and its
 * strings live until FN returns. FN returns false to stop. Objectives come
 * principal first, action types and populations in catalog order,
 * challenges in the order they were written. */
typedef bool (*ExportActionFn)(void *ctx, const Action *a);
bool store_export_actions(Store *st, int64_t edition_id, ExportActionFn fn, void *ctx);

/* The Compendio (issue 10, helper REC: the same Action, no struct of its
 * own): calls FN for every (objective, action) pair of edition E, validated
 * actions only unless ALL_STATUSES, ordered by objective, reporter type,
 * institution name and folio; an action linked to two objectives comes
 * twice, as it counts under both. OBJECTIVE is the one it comes under;
 * A->reporter_type is its institution's type code. FN returns false to stop. */
typedef bool (*CompActionFn)(void *ctx, int objective, const Action *a);
bool store_compendio_actions(Store *st, const Edition *e, bool all_statuses, CompActionFn fn, void *ctx);

#endif
