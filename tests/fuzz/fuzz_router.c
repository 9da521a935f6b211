/*
 * libFuzzer target: the web server's router with a session. Each input is
 * one request, answered by web_dispatch() — route match, session, CSRF
 * check, the page — exactly as `pmm serve` does once libmicrohttpd has
 * read it, against a database in a temporary directory that holds the
 * catalogs, the demo edition "2024" (published), an open edition "2025",
 * and three logged-in accounts.
 *
 * Beyond the sanitizers it checks that every answer has a status and a
 * body, that only the administrator gets /admin pages and only someone
 * logged in the panel.
 *
 * The input:
 *   byte 0      method: GET, POST, POST, HEAD, PUT (by value mod 5)
 *   byte 1      who asks (low 3 bits mod 5): nobody, the administrator's
 *               session, the coordinator's, an enlace's (INM), or the
 *               cookie written on line 2; bit 0x80 appends the session's
 *               valid CSRF token to the body, bit 0x40 sends the body as
 *               JSON, bit 0x20 sends the administrator's API token
 *   line 1      the request target, path[?query], still percent-encoded
 *   line 2      a cookie value (when byte 1 says so)
 *   the rest    the body
 *
 * Path and query are decoded by form.c, as in the server (whose on_uri
 * keeps the query from libmicrohttpd). What the server does before and
 * after web_dispatch — limits, cache, headers — is tested over HTTP in
 * tests/web/test_web_limits.py. A request that
 * changed the database (a POST answered below 400) is rolled back by
 * copying the pristine database file back, so every input sees the same
 * state and the database cannot grow. Two routes are left out: logging in
 * and adding an account spend ~0.1 s each in argon2id by design, which
 * would slow the fuzzer to a crawl; their form parsing is the same.
 *
 * Built with -Dfuzz=true (make fuzz); replay.c runs the same function
 * over the inputs kept in tests/fuzz/regress/ and the seeds in every build.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ingest/catalog_load.h"
#include "ingest/import.h"
#include "util/embedded.h"
#include "web/limits.h"
#include "web/web.h"
#include "fuzz.h"

static char dir[64], db_path[96], pristine[96];
static Store *store;
static WebConfig config;

typedef struct {
    const char *user, *role, *token, *csrf;
} Account;

/* 64 hex digits each, like the real ones */
static const Account accounts[] = {
    {"admin", "administrador",
     "a000000000000000000000000000000000000000000000000000000000000001",
     "c000000000000000000000000000000000000000000000000000000000000001"},
    {"coordinador", "coordinador",
     "a000000000000000000000000000000000000000000000000000000000000002",
     "c000000000000000000000000000000000000000000000000000000000000002"},
    {"enlace.inm", "enlace",
     "a000000000000000000000000000000000000000000000000000000000000003",
     "c000000000000000000000000000000000000000000000000000000000000003"},
};
static const char api_token[] = "b000000000000000000000000000000000000000000000000000000000000001";
/* the login form's double-submit cookie, for anonymous POSTs */
static const char anon_csrf[] = "d000000000000000000000000000000000000000000000000000000000000001";

static void die(const char *what) {
    fprintf(stderr, "fuzz_router: setup failed: %s (%s)\n", what, store ? store_errmsg(store) : "");
    abort();
}

static void copy_file(const char *from, const char *to) {
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0) die("copy");
    char buf[1 << 16];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) die("copy");
    close(in);
    close(out);
}

static void open_db(void) {
    Str err = STR_INIT;
    store = store_open(db_path, false, &err);
    if (!store) die(str_cstr(&err));
    str_free(&err);
}

static void remove_dir(void) {
    if (store) store_close(store);
    store = NULL;
    const char *sfx[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", db_path, sfx[i]);
        unlink(p);
    }
    unlink(pristine);
    /* issue 15 (S15): the downloads' disk cache beside the database */
    snprintf(p, sizeof p, "%s-cache", db_path);
    DIR *cache = opendir(p);
    for (struct dirent *de; cache && (de = readdir(cache)) != NULL;) {
        char f[512];
        if (de->d_name[0] != '.' || strncmp(de->d_name, ".tmp-", 5) == 0) {
            snprintf(f, sizeof f, "%s/%s", p, de->d_name);
            unlink(f);
        }
    }
    if (cache) closedir(cache);
    rmdir(p);
    rmdir(dir);
    web_catalogs_free();
}

static void setup(void) {
    if (sodium_init() < 0) die("libsodium");
    strcpy(dir, "/tmp/pmm-fuzz-router-XXXXXX");
    if (!mkdtemp(dir)) die("mkdtemp");
    snprintf(db_path, sizeof db_path, "%s/pmm.db", dir);
    snprintf(pristine, sizeof pristine, "%s/pristine.db", dir);
    atexit(remove_dir);
    Str err = STR_INIT;
    store = store_open(db_path, true, &err);
    if (!store) die(str_cstr(&err));
    DiagList d;
    diag_init(&d);
    Edition ed, open_ed;
    const EmbeddedFile *acc = embedded_find("demo/acciones.csv");
    const EmbeddedFile *ret = embedded_find("demo/retos.csv");
    if (!acc || !ret) die("demo files");
    ImportFile fa = {"demo/acciones.csv", NULL, (const char *)acc->data, acc->size};
    ImportFile fr = {"demo/retos.csv", NULL, (const char *)ret->data, ret->size};
    ImportStats s;
    if (!catalog_load(store, NULL, &d) || !store_edition_create(store, "2024", "2023-06", "2024-06", &ed) ||
        !import_csv(store, &ed, &fa, &fr, "validada", false, &s, &d) ||
        !store_edition_set_state(store, ed.id, "publicada") ||
        !store_edition_create(store, "2025", "2024-07", "2025-06", &open_ed))
        die("demo edition");
    diag_free(&d);
    if (!web_catalogs_load(store)) die("catalogs");
    const CatEntry *inm = cat_by_code(WC_INSTITUTION, "INM");
    int64_t far = (int64_t)time(NULL) + 10 * 365 * 86400;
    for (size_t i = 0; i < sizeof accounts / sizeof *accounts; i++) {
        const Account *a = &accounts[i];
        WebUser u;
        char h[65];
        /* never a valid password hash: logging in is not fuzzed */
        Role role;
        if (!role_parse(a->role, &role) ||
            !store_user_add(store, a->user, a->user, role, role == ROLE_ENLACE && inm ? inm->id : 0, "!") ||
            !store_user_find(store, a->user, &u, NULL, 0))
            die("account");
        auth_hash_token(a->token, h);
        if (!store_session_create(store, h, u.id, a->csrf, far)) die("session");
        if (i == 0) {
            auth_hash_token(api_token, h);
            if (!store_api_token_add(store, h, u.id, "fuzz", far)) die("token");
        }
    }
    if (!store_fts_sync(store)) die("fts");
    store_close(store);
    store = NULL;
    copy_file(db_path, pristine);
    config.db_path = db_path;
    config.listen = "127.0.0.1";
    open_db();
}

static void restore_db(void) {
    store_close(store);
    char p[128];
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
    copy_file(pristine, db_path);
    open_db();
}

/* Splits off the next line of [*p, end), without its '\n'. */
static size_t next_line(const char **p, const char *end, const char **line) {
    *line = *p;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    *p = nl ? nl + 1 : end;
    return len;
}

static bool skipped(const Req *r) {
    return strcmp(r->method, "POST") == 0 &&
           (strcmp(r->path, "/entrar") == 0 || strcmp(r->path, "/admin/usuarios") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!store) setup();
    if (size < 2) return 0;
    static const char *const methods[] = {"GET", "POST", "POST", "HEAD", "PUT"};
    const char *method = methods[data[0] % 5];
    int who = (data[1] & 7) % 5;
    bool with_csrf = data[1] & 0x80, json = data[1] & 0x40, bearer = data[1] & 0x20;
    const char *p = (const char *)data + 2, *end = (const char *)data + size;
    const char *target, *cookie_line;
    size_t tlen = next_line(&p, end, &target);
    size_t clen = next_line(&p, end, &cookie_line);

    Req r;
    memset(&r, 0, sizeof r);
    r.method = method;
    r.cfg = &config;
    r.status = 200;
    r.ip = "127.0.0.1";
    r.st = store;

    /* the target: path and query, decoded as the server does */
    const char *q = memchr(target, '?', tlen);
    size_t plen = q ? (size_t)(q - target) : tlen;
    char *path = arena_alloc(&r.a, plen + 1);
    bool nul;
    form_decode(target, plen, path, false, &nul);
    r.path = path;
    r.url_nul = nul;
    if (q && form_parse(&r.a, q + 1, tlen - plen - 1, WEB_MAX_URL, &r.query, &r.nquery) != FORM_OK)
        r.url_nul = true;

    /* who asks */
    KV cookies[2], headers[3];
    int nc = 0, nh = 0;
    const char *csrf = anon_csrf;
    if (who >= 1 && who <= 3) {
        cookies[nc++] = (KV){"pmm_session", accounts[who - 1].token};
        csrf = accounts[who - 1].csrf;
    } else if (who == 4) {
        cookies[nc++] = (KV){"pmm_session", arena_strndup(&r.a, cookie_line, clen)};
    }
    if (who == 0 || who == 4) cookies[nc++] = (KV){"pmm_csrf", anon_csrf};
    headers[nh++] = (KV){"Content-Type", json ? "application/json"
                                              : "application/x-www-form-urlencoded"};
    if (bearer) headers[nh++] = (KV){"Authorization", arena_printf(&r.a, "Bearer %s", api_token)};
    r.cookies = cookies;
    r.ncookies = nc;
    r.headers = headers;
    r.nheaders = nh;

    /* the body, with the session's CSRF token if asked */
    size_t blen = (size_t)(end - p);
    if (blen > WEB_MAX_BODY) r.too_big = true;
    else str_append(&r.body, p, blen);
    if (with_csrf && !json) str_printf(&r.body, "%scsrf=%s", r.body.len ? "&" : "", csrf);
    r.body_seen = r.body.len;

    if (!skipped(&r)) {
        web_dispatch(&r);
        if (r.status < 200 || r.status > 599) abort();
        /* issue 15 (S15): a published revision's file is answered from the disk cache (an open file) */
        if (r.file_fd1 && (r.file_size == 0 || r.out.len)) abort();
        if (r.status != 303 && r.status != 204 && !r.out.len && !r.file_fd1 && strcmp(method, "HEAD") != 0)
            abort();
        /* Who may see what: only the administrator reaches /admin, only
         * someone logged in reaches /panel (a fuzzed cookie may be a real
         * session's token: then it is that account). */
        const char *as = who >= 1 && who <= 3 ? accounts[who - 1].role : NULL;
        for (size_t i = 0; who == 4 && i < sizeof accounts / sizeof *accounts; i++)
            if (clen == 64 && memcmp(cookie_line, accounts[i].token, 64) == 0) as = accounts[i].role;
        if (bearer) as = "administrador";
        bool ok = r.status >= 300;
        if (strncmp(r.path, "/admin", 6) == 0 && !ok && (!as || strcmp(as, "administrador") != 0)) abort();
        if (strcmp(r.path, "/panel") == 0 && !ok && !as) abort();
        if (getenv("PMM_FUZZ_TRACE"))      /* to see what the seeds reach */
            fprintf(stderr, "%s %s -> %d (%zu bytes)\n", method, r.path, r.status, r.out.len);
        if (strcmp(method, "POST") == 0 && r.status < 400) restore_db();
    }
    if (r.file_fd1) close(r.file_fd1 - 1);   /* the server's response would */
    str_free(&r.body);
    str_free(&r.out);
    arena_free(&r.a);
    return 0;
}
