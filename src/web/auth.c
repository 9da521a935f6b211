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
#include "util/i18n.h"
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

/* Throttling password guesses (issue 11; docs/web.md "Cuentas"): the
 * login and the current password of /cuenta/contrasena count alike.
 * Failures are counted per source address only, so an address that never
 * failed is never refused. */
#define GUESS_WINDOW (15 * 60)
#define GUESS_MAX_FAILURES 5          /* for one account, from one address */
#define GUESS_MAX_FAILURES_IP 20      /* for any accounts, from one address */

bool auth_throttled(Req *r, const char *user, int64_t now) {
    int by_pair, by_ip;
    store_login_failures(r->st, user, r->ip, now - GUESS_WINDOW, &by_pair, &by_ip);
    if (by_pair < GUESS_MAX_FAILURES && by_ip < GUESS_MAX_FAILURES_IP) return false;
    req_set_header(r, "Retry-After", "900");
    return true;
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
    if (r->session_read) return;         /* once: the body limit may read it first */
    r->session_read = true;
    const char *auth = req_header(r, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        char h[65];
        auth_hash_token(auth + 7, h);
        r->logged = r->via_token = store_api_token_find(r->st, h, (int64_t)time(NULL), &r->user);
        r->bad_token = !r->logged;        /* answered 401 by auth_refuse_token, never anonymous */
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

/* A token that is unknown, expired or revoked: 401 with the Bearer
 * challenge (RFC 6750), whatever the page, rather than the anonymous view
 * a script would take for an empty answer (issue 11). */
void auth_refuse_token(Req *r) {
    page_error_json(r, 401, _("El token de acceso no es válido: no existe, expiró o fue revocado."));
    req_set_header(r, "WWW-Authenticate", "Bearer realm=\"pmm\", error=\"invalid_token\"");
}

const char *auth_safe_next(const char *next) {
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 2000) return NULL;
    /* Only printable ASCII and no backslash: browsers read "/\host" and
     * "/<TAB>/host" as "//host", another site; a CR or LF would split the
     * Location header. Pages' own URLs are percent-encoded, so this is no loss. */
    for (const unsigned char *p = (const unsigned char *)next; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f || *p == '\\') return NULL;
    return next;
}

void auth_login_redirect(Req *r) {
    Str here = STR_INIT, to = STR_INIT, seg = STR_INIT;
    /* the path segment by segment, its slashes kept */
    for (const char *p = r->path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0) {
            str_putc(&here, *p++);
            continue;
        }
        str_clear(&seg);
        str_append(&seg, p, n);
        str_url(&here, str_cstr(&seg));
        p += n;
    }
    str_free(&seg);
    for (int i = 0; i < r->nquery; i++) {
        str_putc(&here, i ? '&' : '?');
        str_url(&here, r->query[i].name);
        str_putc(&here, '=');
        str_url(&here, r->query[i].value);
    }
    str_puts(&to, "/entrar?next=");
    str_url(&to, str_cstr(&here));
    req_redirect(r, str_cstr(&to));       /* copies the value */
    str_free(&here);
    str_free(&to);
}
