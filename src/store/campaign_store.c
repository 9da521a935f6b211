/* The campaign's queries (campaign_store.h). */
#include <stdio.h>
#include <string.h>
#include "core/campaign.h"
#include "store/campaign_store.h"
#include "store/store_internal.h"
#include "util/i18n.h"

bool store_edition_deadline(Store *st, int64_t edition_id, char out[16]) {
    out[0] = '\0';
    sqlite3_stmt *s = store_prepare(st, "campaign", "SELECT deadline FROM edition WHERE id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) snprintf(out, 16, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    return found;
}

bool store_edition_set_campaign(Store *st, int64_t edition_id, const char *start, const char *end,
                                const char *deadline) {
    sqlite3_stmt *s = store_prepare(st, "campaign",
        "UPDATE edition SET period_start = ?2, period_end = ?3, deadline = ?4"
        " WHERE id = ?1 AND snapshot_of IS NULL");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, start ? start : "");
    store_bind_text(s, 3, end ? end : "");
    store_bind_text(s, 4, deadline ? deadline : "");
    return store_run_once(s) && sqlite3_changes(st->db) == 1;
}

/* Actions submitted and not yet validated nor returned: publishing would
 * strand them (a published edition takes no return nor validation) and
 * leave them out of the Informe without a word to their institution. */
static const char *under_review(Store *st, int64_t edition_id) {
    sqlite3_stmt *s = store_prepare(st, "campaign",
        "SELECT count(*) FROM action WHERE edition_id = ?1 AND status = 'enviada'");
    if (!s) return store_write_error(st);
    sqlite3_bind_int64(s, 1, edition_id);
    long n = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (!n) return NULL;
    static _Thread_local char msg[300];
    snprintf(msg, sizeof msg,
             ngettext("Hay %ld acción enviada a revisión que nadie ha validado ni devuelto: valídela o "
                      "devuélvala antes de publicar la edición.",
                      "Hay %ld acciones enviadas a revisión que nadie ha validado ni devuelto: valídelas o "
                      "devuélvalas antes de publicar la edición.", (unsigned long)n), n);
    return msg;
}

const char *store_edition_publish_refusal(Store *st, int64_t edition_id) {
    sqlite3_stmt *s = store_prepare(st, "campaign", "SELECT period_start, period_end FROM edition WHERE id = ?1");
    if (!s) return store_write_error(st);
    sqlite3_bind_int64(s, 1, edition_id);
    const char *why = sqlite3_step(s) == SQLITE_ROW
        ? edition_publish_check(store_col_text(s, 0), store_col_text(s, 1)) : NULL;
    sqlite3_finalize(s);
    return why ? why : under_review(st, edition_id);
}

/* The institutions with their counts; one row each, by acronym. */
static const char progress_sql[] =
    "SELECT i.id, i.acronym, i.name,"
    " coalesce(sum(a.status = 'borrador'), 0), coalesce(sum(a.status = 'enviada'), 0),"
    " coalesce(sum(a.status = 'validada'), 0), coalesce(sum(a.status = 'devuelta'), 0),"
    " coalesce(max(a.updated_at), '')"
    " FROM institution i LEFT JOIN action a ON a.institution_id = i.id AND a.edition_id = ?1"
    " GROUP BY i.id ORDER BY i.acronym COLLATE es";

/* Adds each active enlace account to its institution's row (IDS[k] is
 * the institution of row k). */
static bool add_enlaces(Store *st, Arena *a, const int64_t *ids, ProgressRow *rows, int n) {
    sqlite3_stmt *s = store_prepare(st, "campaign",
        "SELECT institution_id, username FROM account"
        " WHERE role = 'enlace' AND disabled = 0 ORDER BY username");
    if (!s) return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t inst = sqlite3_column_int64(s, 0);
        for (int k = 0; k < n; k++) {
            if (ids[k] != inst) continue;
            ProgressRow *r = &rows[k];
            const char **v = arena_alloc(a, sizeof *v * (size_t)(r->nenlaces + 1));
            if (r->nenlaces) memcpy(v, r->enlaces, sizeof *v * (size_t)r->nenlaces);
            v[r->nenlaces++] = store_col_dup(a, s, 1);
            r->enlaces = v;
            break;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

bool store_campaign_progress(Store *st, int64_t edition_id, Arena *a, ProgressRow **out, int *n) {
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "campaign", progress_sql);
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    int cap = 0, rc;
    int64_t *ids = NULL;
    _Static_assert(AS_BORRADOR == 0 && AS_ENVIADA == 1 && AS_VALIDADA == 2 && AS_DEVUELTA == 3,
                   "the columns follow ActionStatus");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 128;
            ProgressRow *v = arena_alloc(a, sizeof *v * (size_t)cap);
            int64_t *w = arena_alloc(a, sizeof *w * (size_t)cap);
            if (*n) {
                memcpy(v, *out, sizeof *v * (size_t)*n);
                memcpy(w, ids, sizeof *w * (size_t)*n);
            }
            *out = v;
            ids = w;
        }
        ids[*n] = sqlite3_column_int64(s, 0);
        ProgressRow *r = &(*out)[(*n)++];
        memset(r, 0, sizeof *r);
        r->siglas = store_col_dup(a, s, 1);
        r->nombre = store_col_dup(a, s, 2);
        for (int k = 0; k < AS__COUNT; k++) r->count[k] = (long)sqlite3_column_int64(s, 3 + k);
        r->last = store_col_dup(a, s, 7);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE && add_enlaces(st, a, ids, *out, *n);
}

bool store_action_delete_if(Store *st, int64_t id, unsigned from, int64_t version, bool *deleted) {
    *deleted = false;
    sqlite3_stmt *s = store_prepare(st, "campaign",
        "DELETE FROM action WHERE id = ?1 AND status IN (?2, ?3, ?4, ?5) AND (?6 = 0 OR version = ?6)");
    if (!s) return false;
    _Static_assert(AS__COUNT == 4, "one placeholder per state");
    sqlite3_bind_int64(s, 1, id);
    for (int k = 0; k < AS__COUNT; k++)
        if (from & (1u << k)) store_bind_text(s, 2 + k, status_name((ActionStatus)k));
    sqlite3_bind_int64(s, 6, version > 0 ? version : 0);
    if (!store_run_once(s)) return false;
    *deleted = sqlite3_changes(st->db) == 1;
    return true;
}

bool store_review_thread(Store *st, int64_t action_id, ThreadFn fn, void *ctx) {
    /* The audit record of a step holds the action after it, as JSON; a
     * return's comment is its "comentario". */
    sqlite3_stmt *s = store_prepare(st, "campaign",
        "SELECT l.at, coalesce(u.username, ''), l.what,"
        " CASE WHEN l.what = 'devolver' THEN coalesce(json_extract(l.after, '$.comentario'), '') ELSE '' END"
        " FROM audit_log l LEFT JOIN account u ON u.id = l.user_id"
        " WHERE l.action_id = ?1 AND l.what IN ('enviar', 'retirar', 'devolver', 'validar')"
        " ORDER BY l.id");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ThreadEntry e = {store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
                         store_col_text(s, 3)};
        fn(ctx, &e);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}
