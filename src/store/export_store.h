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

#endif
