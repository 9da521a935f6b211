/* Accounts a person can live with (issue 11): the username key, API
 * tokens that expire, are listed and revoked, and what a password change
 * ends. See account_store.h. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "store/account_store.h"
#include "store/store_internal.h"

/* ---- the username key ---- */

static bool is_space(utf8proc_int32_t cp) {
    return cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' ||
           utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

char *account_user_key(const char *name) {
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)name, 0, &folded,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                      UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
    if (n < 0) return NULL;
    char *out = malloc((size_t)n + 1);
    size_t o = 0;
    bool gap = false;
    for (utf8proc_ssize_t i = 0; out && i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &cp);
        if (k <= 0) break;
        if (is_space(cp)) {
            gap = o > 0;                 /* leading space is dropped */
        } else {
            if (gap) out[o++] = ' ';     /* a run inside becomes one space; trailing is dropped */
            gap = false;
            memcpy(out + o, folded + i, (size_t)k);
            o += (size_t)k;
        }
        i += k;
    }
    free(folded);
    if (out && o == 0) {
        free(out);
        return NULL;
    }
    if (out) out[o] = '\0';
    return out;
}

bool account_name_ok(const char *name) {
    char *key = name ? account_user_key(name) : NULL;
    bool ok = key != NULL;
    free(key);
    return ok;
}

static void sql_user_key(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    char *key = name ? account_user_key(name) : NULL;
    if (key) sqlite3_result_text(ctx, key, -1, free);
    else sqlite3_result_null(ctx);
}

bool account_register_functions(struct sqlite3 *db) {
    return sqlite3_create_function(db, "pmm_user_key", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   sql_user_key, NULL, NULL) == SQLITE_OK;
}

/* ---- API tokens ---- */

bool store_api_token_list(Store *st, int64_t user_id, int64_t now, ApiTokenFn fn, void *ctx) {
    sqlite3_stmt *s = store_prepare(st, "tokens",
        "SELECT substr(token_hash, 1, ?3), label, created_at,"
        " strftime('%Y-%m-%dT%H:%M:%SZ', expires_at, 'unixepoch'),"
        " coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', last_used_at, 'unixepoch'), ''),"
        " expires_at <= ?2"
        " FROM api_token WHERE user_id = ?1 ORDER BY created_at, token_hash");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, now);
    sqlite3_bind_int(s, 3, API_TOKEN_ID_LEN);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ApiTokenInfo t;
        memset(&t, 0, sizeof t);
        memcpy(t.id, store_col_text(s, 0), API_TOKEN_ID_LEN);
        t.label = store_col_text(s, 1);
        t.created = store_col_text(s, 2);
        t.expires = store_col_text(s, 3);
        t.last_used = store_col_text(s, 4);
        t.expired = sqlite3_column_int(s, 5) != 0;
        fn(ctx, &t);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

bool store_api_token_revoke(Store *st, int64_t user_id, const char *id, int *n) {
    *n = 0;
    sqlite3_stmt *s = store_prepare(st, "tokens",
        "DELETE FROM api_token WHERE user_id = ?1 AND (?2 IS NULL OR substr(token_hash, 1, ?3) = lower(?2))");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, user_id);
    store_bind_text(s, 2, id);
    sqlite3_bind_int(s, 3, API_TOKEN_ID_LEN);
    if (!store_run_once(s)) return false;
    *n = sqlite3_changes(st->db);
    return true;
}

/* ---- a password change ---- */

static bool run_for_user(Store *st, const char *sql, const char *username, const char *v) {
    sqlite3_stmt *s = store_prepare(st, "account", sql);
    if (!s) return false;
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, v);
    return store_run_once(s);
}

static bool set_password_steps(Store *st, const char *username, const char *hash, const char *keep) {
    if (!run_for_user(st, "UPDATE account SET password_hash = ?2 WHERE username_key = pmm_user_key(?1)",
                      username, hash) ||
        sqlite3_changes(st->db) != 1)
        return false;
    /* Whoever knew the old password may hold a session or a token: both go.
     * So do the unused reset links: one asked for before this change (by
     * the owner, or by someone reading their mail) would undo it. */
    return run_for_user(st, "DELETE FROM session WHERE user_id = (SELECT id FROM account"
                            " WHERE username_key = pmm_user_key(?1)) AND token_hash IS NOT ?2",
                        username, keep) &&
           run_for_user(st, "DELETE FROM api_token WHERE user_id = (SELECT id FROM account"
                            " WHERE username_key = pmm_user_key(?1)) AND ?2 IS NULL",
                        username, NULL) &&
           run_for_user(st, "UPDATE password_reset SET used_at = CAST(strftime('%s', 'now') AS INTEGER)"
                            " WHERE used_at IS NULL AND user_id = (SELECT id FROM account"
                            " WHERE username_key = pmm_user_key(?1)) AND ?2 IS NULL",
                        username, NULL);
}

bool store_user_set_password_keep(Store *st, const char *username, const char *hash,
                                  const char *keep_session) {
    bool own;
    if (!store_atomic_begin(st, &own)) return false;
    return store_atomic_end(st, own, set_password_steps(st, username, hash, keep_session));
}
