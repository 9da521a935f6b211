/*
 * Who is asking: sessions (an HttpOnly, SameSite=Strict cookie holding a
 * random token; the database keeps only its hash), API tokens (Bearer),
 * CSRF tokens, and passwords (argon2id through libsodium).
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "web/web.h"

void auth_random_hex(char out[65]) {
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
}

void auth_hash_token(const char *token, char out[65]) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

bool auth_password_hash(const char *password, char *out, size_t cap) {
    if (cap < crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool auth_password_ok(const char *hash, const char *password) {
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void) {
    char pw[65];
    auth_random_hex(pw);
    if (!auth_password_hash(pw, dummy_hash, sizeof dummy_hash)) dummy_hash[0] = '\0';
}

const char *auth_dummy_hash(void) {
    pthread_once(&dummy_once, make_dummy_hash);
    return dummy_hash;
}

void auth_load_session(Req *r) {
    const char *auth = req_header(r, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        char h[65];
        auth_hash_token(auth + 7, h);
        r->logged = r->via_token = store_api_token_find(r->st, h, &r->user);
        return;
    }
    const char *tok = req_cookie(r, "pmm_session");
    if (!tok || strlen(tok) != 64) return;
    auth_hash_token(tok, r->token_hash);
    r->logged = store_session_find(r->st, r->token_hash, (int64_t)time(NULL), &r->user, r->csrf);
    if (r->logged) r->no_cache = true;
}

/* The token a form must send back. Logged in: the session's. Otherwise
 * (the login form): a random value also set as a cookie, which a forged
 * cross-site form cannot read (double submit). */
const char *auth_csrf_for_form(Req *r) {
    if (r->logged) return r->csrf;
    const char *c = req_cookie(r, "pmm_csrf");
    if (c && strlen(c) == 64) return c;
    char *fresh = arena_alloc(&r->a, 65);
    auth_random_hex(fresh);
    req_set_header(r, "Set-Cookie",
                   arena_printf(&r->a, "pmm_csrf=%s; Path=/; HttpOnly; SameSite=Strict%s", fresh,
                                r->https ? "; Secure" : ""));
    r->no_cache = true;
    return fresh;
}

bool auth_check_csrf(Req *r) {
    if (r->via_token) return true;           /* not a cookie: nothing to forge */
    const char *sent = req_form(r, "csrf");
    if (!sent) sent = req_header(r, "X-CSRF-Token");
    const char *want = r->logged ? r->csrf : req_cookie(r, "pmm_csrf");
    if (!sent || !want || strlen(want) != 64 || strlen(sent) != 64) return false;
    return sodium_memcmp(sent, want, 64) == 0;
}
