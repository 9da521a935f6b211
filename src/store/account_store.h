#ifndef PMM_ACCOUNT_STORE_H
#define PMM_ACCOUNT_STORE_H
/*
 * Accounts a person can live with (issue 11): the one normalisation of
 * usernames, API tokens that expire and can be listed and revoked, and
 * what a password change ends. The older account queries stay in
 * web_store.c; they find accounts through the same key.
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"

struct sqlite3;

/* Registers the SQL function pmm_user_key(name) on DB: NFKC, case-folded,
 * white space trimmed and runs of it made one space; NULL when NAME is
 * not valid UTF-8 or is empty once trimmed. Every comparison of usernames
 * (login, lookups, the unique index of migration 11) goes through it. */
bool account_register_functions(struct sqlite3 *db);
/* The same key, in C (malloc'd, NULL as above): "Coordinador " -> "coordinador". */
char *account_user_key(const char *name);
/* NAME may name an account: it has a key. */
bool account_name_ok(const char *name);

/* Default lifetime of an API token, and the longest one may ask for. */
#define API_TOKEN_DAYS 90
#define API_TOKEN_MAX_DAYS 3650
/* Characters of the token's hash shown as its id: enough to tell tokens
 * apart, and the hash of a random token tells nothing of the token. */
#define API_TOKEN_ID_LEN 12

typedef struct {
    char id[API_TOKEN_ID_LEN + 1];
    const char *label, *created, *expires, *last_used;   /* ISO-8601; last_used "" if never */
    bool expired;
} ApiTokenInfo;
typedef void (*ApiTokenFn)(void *ctx, const ApiTokenInfo *t);
/* USER_ID's tokens, oldest first. */
bool store_api_token_list(Store *st, int64_t user_id, int64_t now, ApiTokenFn fn, void *ctx);
/* Deletes USER_ID's token whose id is ID, or all of them when ID is NULL;
 * *N tells how many went. */
bool store_api_token_revoke(Store *st, int64_t user_id, const char *id, int *n);

/* Sets USERNAME's password hash, ends every session of the account but
 * KEEP_SESSION (a session's token hash, or NULL for none), revokes
 * all its API tokens and spends its unused password-reset links, in one
 * transaction (the caller's, if it has one).
 * False when there is no such account. store_user_set_password is this
 * with KEEP_SESSION NULL. */
bool store_user_set_password_keep(Store *st, const char *username, const char *hash,
                                  const char *keep_session);

#endif
