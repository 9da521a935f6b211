/*
 * The HTTP server: libmicrohttpd with a small pool of threads, each on
 * epoll, each with its own SQLite connection. A request is read whole
 * (bodies are forms or small JSON), routed to one page function, and
 * answered with the security headers every response carries.
 *
 * Public pages that are the same for everyone (dashboard, figures,
 * objectives, glossary, assets) are cached as ready responses; any write,
 * by this server or by another process on the database, drops the cache.
 */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>
#include <linux/tcp.h>          /* TCP_INFO, tcpi_bytes_received: idle() */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sodium.h>
#include "core/action.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "render/doc.h"      /* doc_cancel_all: the stop (F3) */
#include "web/mhd_log.h"
#include "web/limits.h"
#include "web/web.h"
#include "util/errtext.h"

typedef WebRoute Route;

/* The pages' routes; the API's are api.c's table (api_routes), appended
 * to these once (routes_build). */
static const Route page_routes[] = {
    {"GET", "/", page_home, R_CACHE},
    {"GET", "/ediciones", page_editions, R_CACHE},
    {"GET", "/ediciones/*", page_dashboard, R_CACHE},
    {"GET", "/objetivos", page_objectives, R_CACHE},
    {"GET", "/glosario", page_glossary, R_CACHE},
    {"GET", "/principios", page_principles, R_CACHE},
    {"GET", "/buenas-practicas", page_practices, R_CACHE},
    {"GET", "/tendencias", page_trends, R_CACHE},                       /* issue 13 */
    {"GET", "/descargas", page_downloads, R_CACHE | R_CORS},
    {"GET", "/descargas/diccionario", page_data_dictionary, R_CACHE},   /* issue 14: open data */
    {"GET", "/descargas/*", page_downloads_of, R_CACHE},      /* F14B, issue 14 round 2 fault 10 */
    {"GET", "/descargas/*/", page_downloads_of, R_CACHE},     /* F14B: the same, as a user trims a URL */
    {"GET", "/descargas/*/*", page_download, R_CACHE | R_CORS | R_RENDERS},
    {"GET", "/descargas/*/*/*", page_download_revision, R_CACHE | R_CORS | R_RENDERS},   /* a revision's files */
    {"GET", "/descargas/*/*/", page_download_revision_folder, R_CACHE},   /* issue 14 round 3, fault 5 */
    {"GET", "/acciones", page_actions, R_HEAVY},                        /* F15: a search, a long list */
    {"GET", "/acciones/nueva", page_action_new, 0},
    {"POST", "/acciones/nueva", page_action_new, R_RESTORE | R_ACTION},
    {"GET", "/acciones/*", page_action, 0},
    {"GET", "/acciones/*/editar", page_action_edit, 0},
    {"POST", "/acciones/*/editar", page_action_edit, R_RESTORE | R_ACTION},
    {"POST", "/acciones/*/enviar", page_action_submit, 0},
    {"POST", "/acciones/*/validar", page_action_validate, 0},
    {"POST", "/acciones/*/devolver", page_action_return, 0},
    {"POST", "/acciones/*/retirar", page_action_withdraw, 0},           /* issue 11 */
    {"POST", "/acciones/*/borrar", page_action_delete, 0},
    {"POST", "/acciones/*/destacar", page_action_feature, 0},          /* issue 12 */
    {"POST", "/acciones/*/buena-practica", page_action_practice, 0},   /* issue 13 */
    {"GET", "/plantilla", page_template, 0},
    {"GET", "/plantilla/subir", page_template_upload, 0},
    {"POST", "/plantilla/subir", page_template_upload, 0},
    {"GET", "/campana/*", page_board, 0},
    {"POST", "/admin/ediciones", page_admin_edition_new, 0},
    {"POST", "/admin/ediciones/*/campana", page_admin_edition_campaign, 0},
    {"GET", "/entrar", page_login, 0},
    {"POST", "/entrar", page_login_post, 0},
    {"POST", "/salir", page_logout, 0},
    {"GET", "/panel", page_panel, 0},
    {"GET", "/admin", page_admin, 0},
    {"POST", "/admin/ediciones/*", page_admin_edition, 0},
    {"POST", "/admin/usuarios", page_admin_user_add, 0},
    {"POST", "/admin/usuarios/*/desactivar", page_admin_user_disable, 0},
    {"POST", "/admin/usuarios/*/activar", page_admin_user_enable, 0},
    {"POST", "/admin/usuarios/*/revocar-tokens", page_admin_user_revoke, 0},
    {"GET", "/admin/correo", page_outbox, 0},                          /* issue 11: e-mail */
    {"GET", "/admin/examenes", page_reviews, 0},                       /* issue 13: voluntary GCM review */
    {"POST", "/admin/examenes", page_review_new, 0},
    {"GET", "/admin/examenes/*", page_review, 0},
    {"POST", "/admin/examenes/*", page_review_save, 0},
    {"GET", "/admin/examenes/*/*", page_review_draft, 0},
    {"POST", "/admin/correo/*/reintentar", page_outbox_retry, 0},
    {"POST", "/admin/usuarios/*/correo", page_admin_user_email, 0},
    {"GET", "/contrasena/olvido", page_forgot, 0},
    {"POST", "/contrasena/olvido", page_forgot, 0},
    {"GET", "/contrasena/nueva", page_reset, 0},
    {"POST", "/contrasena/nueva", page_reset, 0},
    {"GET", "/cuenta/contrasena", page_password, 0},
    {"POST", "/cuenta/contrasena", page_password, 0},
    {"GET", "/static/*", page_asset, R_CACHE},
    {"GET", "/admin/catalogos", page_catalogs, 0},
    {"GET", "/admin/catalogos/*", page_catalog, 0},
    {"GET", "/admin/catalogos/*/nueva", page_catalog_new, 0},
    {"POST", "/admin/catalogos/*/nueva", page_catalog_new, 0},
    {"GET", "/admin/catalogos/*/*", page_catalog_entry, 0},
    {"POST", "/admin/catalogos/*/*", page_catalog_entry, 0},
    {"POST", "/admin/catalogos/*/*/borrar", page_catalog_delete, 0},
    {NULL, NULL, NULL, 0},
};

static const char *const security_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {NULL, NULL},
};

static const WebConfig *config;
static FILE *access_log;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* A stop signal came (on_signal); answers then close their connection. */
static volatile sig_atomic_t stopping;

/* ---- one SQLite connection per server thread ---- */

static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
/* libmicrohttpd's threads and the workers of both pools (32 each at most) */
static Store *stores[128];
static int nstores;
static __thread Store *thread_store;
static __thread int64_t thread_data_version = -1;

/* Another connection (pmm import, another thread) committed: have this
 * thread compare its catalogs' version, and drop the cached pages. A
 * thread's first look has nothing to compare with: the cache is left to
 * cache_watch (issue 15: each new thread's first request emptied it). */
static void check_db_moved(Store *st) {
    bool first = thread_data_version == -1;
    if (!store_changed(st, &thread_data_version)) return;
    if (!first) req_changed();
    web_catalogs_stale();
}

/* Issue 15 (helper S15): a connection opened read-only is opened again
 * when store_reopen_due says so: the new one replaces it if it may write
 * (the disk has room again, the file was made writable), or if the old
 * one was opened immutable and its file changed (another process wrote
 * or replaced it: its pages are stale). *SLOT then holds the new one and
 * the old is closed (SLOT may be NULL: a first open; LISTED: one of the
 * threads' connections in stores[], whose failures are logged); false
 * when a stale connection could not be replaced. */
static bool store_refresh(Store **slot, bool listed) {
    Store *old = *slot;
    if (old && !store_reopen_due(old)) return true;
    Str err = STR_INIT;
    Store *st = store_open(config->db_path, false, &err);
    if (!st && listed) fprintf(stderr, "pmm serve: %s\n", str_cstr(&err));   /* the watcher's would repeat every 5 ms */
    str_free(&err);
    bool stale = old && store_stale(old);
    if (old && st && store_readonly_reason(st) && !stale) {
        store_close(st);                     /* still read-only: keep the one in use */
        return true;
    }
    if (!st && old && !stale) return true;
    if (listed) {                            /* a thread's, closed when the server stops */
        pthread_mutex_lock(&stores_lock);
        int i = 0;
        while (i < nstores && stores[i] != old) i++;
        if (old && i < nstores) stores[i] = st ? st : stores[--nstores];
        else if (st && nstores < (int)(sizeof stores / sizeof *stores)) stores[nstores++] = st;
        pthread_mutex_unlock(&stores_lock);
    }
    store_close(old);
    *slot = st;
    if (old) req_changed();                  /* the cache may hold what the old one read */
    return st != NULL;
}

static Store *store_for_thread(void) {
    Store *before = thread_store;
    if (!store_refresh(&thread_store, true)) return NULL;
    if (before && thread_store != before) {      /* a new connection: nothing to compare with */
        thread_data_version = -1;
        web_catalogs_stale();
    }
    return thread_store;
}

/* ---- the response cache ----
 * Issue 15: bounded in bytes (--cache-mb), the least recently used entry
 * out first, and keyed on the URL arguments the page reads, so that
 * "?x=1", "?x=2"... (a cache-buster) are one entry rather than one
 * rendering (a Compendio in PDF) and one copy each. */

typedef struct {
    char *key;
    struct MHD_Response *resp;
    int status;
    size_t size;                 /* the body's bytes */
    long gen;
    uint64_t used;               /* cache_tick when last served */
    char etag[24];               /* issue 14: its validators, "" and 0 when none */
    int64_t lm;
    char *name;                  /* the file it holds (Req.cache_name), NULL: a page */
    const char *body;            /* its bytes, alive with RESP */
} CacheEntry;

/* What an entry costs besides its body: key, MHD's response and headers. */
#define CACHE_ENTRY_OVERHEAD 1024
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static CacheEntry cache[WEB_CACHE_ENTRIES];
static int ncache;
static size_t cache_total;       /* bytes held, overhead included */
static uint64_t cache_tick;
static atomic_long generation;

/* The arguments each cacheable route has been seen to read, learned as
 * its pages render (under cache_lock). A page reads its arguments in an
 * order fixed by the values it read before, so two requests that agree
 * on every name here render the same page. */
typedef struct {
    char *name[8];
    int n;
    bool over;                   /* more than 8: the route is not cached */
} RouteReads;
static RouteReads *route_reads;  /* one per route of ROUTES */
static const Route *routes;      /* page_routes then api_routes, ended by a NULL method */
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

static void routes_build(void) {
    size_t np = 0, na = 0;
    while (page_routes[np].method) np++;
    while (api_routes[na].method) na++;
    Route *all = xcalloc(np + na + 1, sizeof *all);
    memcpy(all, page_routes, np * sizeof *all);
    memcpy(all + np, api_routes, na * sizeof *all);
    route_reads = xcalloc(np + na + 1, sizeof *route_reads);
    routes = all;
}

/* issue 14: when the data last changed (Unix seconds): the database
 * file's or its write-ahead log's last write, whichever is later, by this
 * server or any other process (a checkpoint moves it too: a later date is
 * never wrong, only less useful). The Last-Modified of public answers. */
static int64_t data_changed_at(void) {
    if (!config || !config->db_path) return 0;
    int64_t t = 0;
    struct stat sb;
    char wal[4096];
    if (stat(config->db_path, &sb) == 0) t = (int64_t)sb.st_mtime;
    snprintf(wal, sizeof wal, "%s-wal", config->db_path);
    if (stat(wal, &sb) == 0 && (int64_t)sb.st_mtime > t) t = (int64_t)sb.st_mtime;
    return t;
}

void req_changed(void) {
    atomic_fetch_add(&generation, 1);
}

/* One connection, for the whole server, that tells whether anyone (pmm
 * import, a thread of this server) committed since it last looked: then
 * the cached pages go. Asking SQLite costs a statement, so it asks at most
 * every 5 ms; writes through this server drop the cache at once anyway. */
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static Store *watch;
static int64_t watch_version = -1;
static _Atomic int64_t watch_checked_ms = -1000;

static void cache_watch(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    int64_t ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    if (ms - atomic_load(&watch_checked_ms) < 5) return;     /* looked a moment ago: no lock taken */
    pthread_mutex_lock(&watch_lock);
    if (ms - watch_checked_ms >= 5) {
        watch_checked_ms = ms;
        Store *before = watch;
        if (!store_refresh(&watch, false) || watch != before) watch_version = -1;   /* store_refresh dropped the cache */
        bool first = watch_version == -1;
        /* no connection: every look counts as a change (nothing stale is served) */
        if (!watch || (store_changed(watch, &watch_version) && !first)) req_changed();
    }
    pthread_mutex_unlock(&watch_lock);
}

static size_t entry_cost(const CacheEntry *e) { return e->size + strlen(e->key) + CACHE_ENTRY_OVERHEAD; }

static void cache_drop_locked(int i) {
    cache_total -= entry_cost(&cache[i]);
    free(cache[i].key);
    free(cache[i].name);
    MHD_destroy_response(cache[i].resp);
    cache[i] = cache[--ncache];
}

static void cache_clear_locked(void) {
    while (ncache) cache_drop_locked(ncache - 1);
}

/* Queues the cached response for KEY, if current. The response is queued
 * under the lock, so that no one frees it in between. */
static bool client_has(Req *r, const char *etag, int64_t lm);
static struct MHD_Response *not_modified_copy(struct MHD_Response *full);

static bool answer_claim(struct MHD_Connection *conn);
static _Thread_local bool answered_cut;

static bool cache_serve(const char *key, Req *r, struct MHD_Connection *conn, int *status, size_t *size,
                        enum MHD_Result *ret) {
    bool hit = false;
    long gen = atomic_load(&generation);
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ncache; i++) {
        if (strcmp(cache[i].key, key) != 0) continue;
        if (cache[i].gen == gen && cache[i].etag[0] && client_has(r, cache[i].etag, cache[i].lm)) {
            struct MHD_Response *nm = not_modified_copy(cache[i].resp);   /* issue 14: 304 */
            *status = 304;
            *size = 0;
            *ret = answer_claim(conn) ? MHD_queue_response(conn, 304, nm) : MHD_NO;
            MHD_destroy_response(nm);
            cache[i].used = ++cache_tick;
            hit = true;
        } else if (cache[i].gen == gen) {
            *status = cache[i].status;
            *size = cache[i].size;
            *ret = answer_claim(conn) ? MHD_queue_response(conn, (unsigned)cache[i].status, cache[i].resp)
                                      : MHD_NO;
            cache[i].used = ++cache_tick;
            hit = true;
        }
        break;
    }
    pthread_mutex_unlock(&cache_lock);
    return hit;
}

/* Whether the cache holds a current answer for KEY (a rendering worker's
 * look: cache_serve queues it, on libmicrohttpd's thread). */
static bool cache_has(const char *key) {
    bool has = false;
    long gen = atomic_load(&generation);
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ncache && !has; i++) has = cache[i].gen == gen && strcmp(cache[i].key, key) == 0;
    pthread_mutex_unlock(&cache_lock);
    return has;
}

static void cache_put(const char *key, struct MHD_Response *resp, int status, size_t size, long gen,
                      const char *etag, int64_t lm, const char *name, const char *body) {
    CacheEntry e = {xstrdup(key), resp, status, size, gen, 0, "", lm, name ? xstrdup(name) : NULL, body};
    snprintf(e.etag, sizeof e.etag, "%s", etag);
    size_t cost = entry_cost(&e);
    pthread_mutex_lock(&cache_lock);
    if (gen != atomic_load(&generation) || cost > config->cache_bytes) goto out;   /* stale, or too big */
    for (int i = 0; i < ncache; i++)
        if (strcmp(cache[i].key, key) == 0) {    /* two threads rendered the same page */
            cache_drop_locked(i);
            break;
        }
    /* one copy of a file (round 5, F2): its entry under another address
     * moves to this one (web_cache_copy copied it here) */
    for (int i = 0; name && i < ncache; i++)
        if (cache[i].name && strcmp(cache[i].name, name) == 0) cache_drop_locked(i--);
    /* Entries of older generations are useless: drop them all at once. */
    if (ncache > 0 && cache[0].gen != gen) cache_clear_locked();
    while (ncache == WEB_CACHE_ENTRIES || cache_total + cost > config->cache_bytes) {
        int lru = 0;
        for (int i = 1; i < ncache; i++)
            if (cache[i].used < cache[lru].used) lru = i;
        cache_drop_locked(lru);
    }
    e.used = ++cache_tick;
    cache[ncache++] = e;
    cache_total += cost;
    e.resp = NULL;
    e.key = NULL;
    e.name = NULL;
out:
    pthread_mutex_unlock(&cache_lock);
    free(e.key);
    free(e.name);
    if (e.resp) MHD_destroy_response(e.resp);
}

/* Issue 15 round 5, F2: a published file rendered in memory (its cache
 * folder full) is one file under its two addresses, /descargas/E/F and
 * /descargas/E/rN/F, and under any argument: the entries are keyed on the
 * URL (their headers name the file as that address does), so the bytes of
 * an entry of the same file NAME (downloads.c's cache name: revision and
 * fingerprint) are copied into OUT instead of rendering it again. False
 * when no current entry holds it. */
bool web_cache_copy(const char *name, Str *out) {
    bool found = false;
    long gen = atomic_load(&generation);
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ncache && !found; i++)
        if (cache[i].name && cache[i].gen == gen && strcmp(cache[i].name, name) == 0 && cache[i].status == 200) {
            str_clear(out);
            str_append(out, cache[i].body, cache[i].size);
            found = !str_failed(out);
            cache[i].used = ++cache_tick;
        }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/* Adds the arguments R's page read to what its route is known to read;
 * false when they are too many to key it on. */
static bool route_learn(const Req *r, size_t route) {
    pthread_mutex_lock(&cache_lock);
    if (r->qread_over) route_reads[route].over = true;
    for (int i = 0; i < r->nqread && !route_reads[route].over; i++) {
        int k = 0;
        while (k < route_reads[route].n && strcmp(route_reads[route].name[k], r->qread[i]) != 0) k++;
        if (k < route_reads[route].n) continue;
        if (k == 8) route_reads[route].over = true;
        else route_reads[route].name[route_reads[route].n++] = xstrdup(r->qread[i]);
    }
    bool ok = !route_reads[route].over;
    pthread_mutex_unlock(&cache_lock);
    return ok;
}

/* ---- request helpers ---- */

static const char *kv_find(const KV *kv, int n, const char *name, bool nocase) {
    for (int i = 0; i < n; i++)
        if ((nocase ? strcasecmp(kv[i].name, name) : strcmp(kv[i].name, name)) == 0) return kv[i].value;
    return NULL;
}

/* The value a page sees: NULL for an empty one (the cache key's too). */
static const char *query_value(Req *r, const char *name) {
    const char *v = kv_find(r->query, r->nquery, name, false);
    return v && *v ? v : NULL;
}

const char *req_query(Req *r, const char *name) {
    int i = 0;
    while (i < r->nqread && strcmp(r->qread[i], name) != 0) i++;
    if (i == r->nqread && i < 8) r->qread[r->nqread++] = arena_strdup(&r->a, name);
    else if (i == r->nqread) r->qread_over = true;
    return query_value(r, name);
}

/* issue 14 round 2 (F14B), fault 8: names other sites add to every link
 * (campaign and click trackers); a page ignores them without a word. */
static bool query_name_tracker(const char *name) {
    static const char *const exact[] = {"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid",
                                        "_ga", "_gl", "yclid", "twclid", "ttclid", NULL};
    if (strncmp(name, "utm_", 4) == 0) return true;
    for (int k = 0; exact[k]; k++)
        if (strcmp(exact[k], name) == 0) return true;
    return false;
}

/* A name a page may show as it came: 1 to 30 of [a-z0-9_] (fault 8: any
 * other text would be someone else's words on an official page). */
static bool query_name_shown(const char *name) {
    size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");
    return n >= 1 && n <= 30 && !name[n];
}

/* issue 14 round 3, fault 2: a query VALUE a 400 may repeat. The API
 * repeats it (docs/api.md); a page only when short (at most 40) and of
 * ASCII letters, digits and -_. (a value of a parameter's own form):
 * other text would be someone else's words on an official page, as
 * fault 8 was for names. NULL when it is not to be repeated. */
const char *web_query_value_shown(Req *r, const char *v) {
    if (strncmp(r->path, "/api/", 5) == 0) return v;
    size_t n = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
    return n >= 1 && n <= 40 && !v[n] ? v : NULL;
}

/* The 400 for a name KNOWN does not have: the ones it has, or that the
 * address takes none (fault 15: for a POST, that its data go in the body;
 * an empty name is said so, not as «»). */
static void query_unknown(Req *r, const char *const *known, const char *name) {
    Str names = STR_INIT;
    for (int k = 0; known && known[k]; k++) str_printf(&names, "%s%s", k ? ", " : "", known[k]);
    bool read = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    /* round 3, fault 8: a POST's «objetivo» may well exist for the GET of the same address */
    const char *what = !*name ? _("La dirección trae un parámetro sin nombre (nada antes de «=»)")
                       : names.len || read ? arena_printf(&r->a, _("El parámetro «%s» no existe"), name)
                                           : arena_printf(&r->a, _("La dirección trae el parámetro «%s»"), name);
    const char *msg;
    if (names.len) msg = arena_printf(&r->a, _("%s; se conocen: %s."), what, names.p);
    else if (read)
        msg = arena_printf(&r->a, _("%s: esta dirección no toma parámetros."), what);
    else
        msg = arena_printf(&r->a, _("%s: %s en esta dirección no toma parámetros en la dirección; "
                                    "sus datos van en el cuerpo de la solicitud."), what, r->method);
    page_error(r, 400, msg);
    str_free(&names);
}

/* issue 14 (F14B): the one check of a query's parameter names (docs/api.md,
 * "Parameters"). A name of KNOWN (NULL-ended; NULL for none) comes once: a
 * repeat is refused. Any other name is refused naming it and the known
 * ones when REFUSE (the API: a misspelt filter would select nothing and
 * answer everything); a page (REFUSE false) ignores it, as other sites add
 * fbclid or utm_source to its links, and tells it in *IGNORED (or NULL)
 * for the page to say so. False after answering 400. */
bool web_query_check(Req *r, const char *const *known, bool refuse, QueryIgnored *ignored) {
    Str skipped = STR_INIT;
    int unnamed = 0;
    bool ok = true;
    for (int i = 0; ok && i < r->nquery; i++) {
        const char *name = r->query[i].name;
        int k = 0;
        while (known && known[k] && strcmp(known[k], name) != 0) k++;
        bool is_known = known && known[k];
        bool repeated = false;
        for (int j = 0; j < i; j++) repeated = repeated || strcmp(r->query[j].name, name) == 0;
        if (is_known && repeated) {          /* a filter takes one value: a second was silently ignored */
            page_error(r, 400, arena_printf(&r->a, _("El parámetro «%s» va una sola vez."), name));
            ok = false;
        } else if (!is_known && refuse) {
            query_unknown(r, known, name);
            ok = false;
        } else if (!is_known && !repeated && !query_name_tracker(name)) {
            if (query_name_shown(name)) str_printf(&skipped, "%s%s", skipped.len ? ", " : "", name);
            else unnamed++;
        }
    }
    if (ignored) {
        ignored->names = skipped.len ? arena_strdup(&r->a, skipped.p) : NULL;
        ignored->unnamed = unnamed;
    }
    str_free(&skipped);
    return ok;
}

const char *req_header(Req *r, const char *name) {
    if (!r->conn) return kv_find(r->headers, r->nheaders, name, true);
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(Req *r, const char *name) {
    if (!r->conn) return kv_find(r->cookies, r->ncookies, name, false);
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_form(Req *r, const char *name) {
    for (int i = 0; i < r->nform; i++)
        if (strcmp(r->form[i].name, name) == 0) return r->form[i].value;
    return NULL;
}

int req_form_all(Req *r, const char *name, const char **out, int max) {
    int n = 0;
    for (int i = 0; i < r->nform && n < max; i++)
        if (strcmp(r->form[i].name, name) == 0) out[n++] = r->form[i].value;
    return n;
}

bool web_form_once(Req *r, const char *const *names) {
    for (int k = 0; names[k]; k++) {
        const char *v[2];
        if (req_form_all(r, names[k], v, 2) > 1) {   /* the second was silently ignored (issue 13, F13B) */
            page_error(r, 400, arena_printf(&r->a, _("El parámetro «%s» va una sola vez."), names[k]));
            return false;
        }
    }
    return true;
}

void req_set_header(Req *r, const char *name, const char *value) {
    if (r->nhdrs < 8) r->hdrs[r->nhdrs++] = (KV){name, arena_strdup(&r->a, value)};
}

void req_redirect(Req *r, const char *location) {
    r->status = 303;
    req_set_header(r, "Location", location);
    str_clear(&r->out);
}

/* ---- multipart/form-data (issue 11: the template upload) ---- */

typedef struct {
    Req *r;
    Str file;
    bool has_file, skip, nul, too_many;
    int cap;
    Str val;                     /* the current text field, across chunks */
    const char *key;
} Multipart;

static void multipart_field_end(Multipart *m) {
    if (!m->key) return;
    Req *r = m->r;
    if (r->nform >= WEB_MAX_FORM_FIELDS) m->too_many = true;
    else {
        if (r->nform == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 16;
            KV *v = arena_alloc(&r->a, sizeof *v * (size_t)m->cap);
            if (r->nform) memcpy(v, r->form, sizeof *v * (size_t)r->nform);
            r->form = v;
        }
        if (memchr(str_cstr(&m->val), '\0', m->val.len)) m->nul = true;
        r->form[r->nform++] = (KV){m->key, arena_strdup(&r->a, str_cstr(&m->val))};
    }
    m->key = NULL;
    str_clear(&m->val);
}

/* libmicrohttpd's post processor calls this for each piece of a field:
 * a file's bytes are kept whole (the body is already bounded), a text
 * field is decoded like a urlencoded one. */
static enum MHD_Result multipart_iter(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *filename, const char *content_type,
                                      const char *encoding, const char *data, uint64_t off, size_t size) {
    (void)kind; (void)content_type; (void)encoding;
    Multipart *m = cls;
    if (filename) {
        if (off == 0) {
            multipart_field_end(m);
            m->skip = m->has_file;       /* one file per request: the first */
            if (!m->skip) m->r->upload_name = arena_strdup(&m->r->a, filename);
            m->has_file = true;
        }
        if (!m->skip) str_append(&m->file, data, size);
        return MHD_YES;
    }
    if (off == 0) {
        multipart_field_end(m);
        m->key = arena_strdup(&m->r->a, key);
    }
    str_append(&m->val, data, size);
    return MHD_YES;
}

static FormResult parse_multipart(Req *r) {
    if (!r->conn) return FORM_OK;                /* the fuzz target: no file, no form */
    Multipart m = {.r = r, .file = STR_INIT, .val = STR_INIT};
    struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 64 * 1024, multipart_iter, &m);
    if (pp) {
        MHD_post_process(pp, r->body.p, r->body.len);
        MHD_destroy_post_processor(pp);
    }
    multipart_field_end(&m);
    if (m.has_file) {
        char *copy = arena_alloc(&r->a, m.file.len + 1);
        if (m.file.len) memcpy(copy, m.file.p, m.file.len);
        r->upload = copy;
        r->upload_len = m.file.len;
    }
    str_free(&m.file);
    str_free(&m.val);
    return m.nul ? FORM_NUL : m.too_many ? FORM_TOO_MANY : FORM_OK;
}

/* Decodes an x-www-form-urlencoded body into r->form (see form.h); a
 * multipart one through libmicrohttpd's post processor (issue 11). */
static FormResult parse_form(Req *r) {
    const char *ct = req_header(r, "Content-Type");
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0 && r->body.len) return parse_multipart(r);
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 || !r->body.len)
        return FORM_OK;
    return form_parse(&r->a, r->body.p, r->body.len, WEB_MAX_FORM_FIELDS, &r->form, &r->nform);
}

/* Matches PATH against PATTERN, capturing the '*' segments. */
static bool route_match(const char *pattern, const char *path, Req *r) {
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '*') {
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (len == 0 || n == 4) return false;
            r->args[n++] = arena_strndup(&r->a, s, len);
            s += len;
            p++;
        } else if (*p == *s) {
            p++;
            s++;
        } else {
            return false;
        }
    }
    if (*p || *s) return false;
    r->nargs = n;
    return true;
}

static const char *client_ip(struct MHD_Connection *c, char *buf, size_t cap) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(buf, cap, "?");
    if (!ci || !ci->client_addr) return buf;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, (socklen_t)cap);
    return buf;
}

static bool cache_key(Req *r, size_t route, Str *key);
static void handle_route(Req *r, const Route *rt);
static int request_done(struct MHD_Connection *conn, int64_t *paged_ms);
static void request_begins(struct MHD_Connection *conn);

static bool has_header(const Req *r, const char *name) {
    for (int i = 0; i < r->nhdrs; i++)
        if (strcasecmp(r->hdrs[i].name, name) == 0) return true;
    return false;
}

/* ---- the client's address (issue 11) ---- */

static bool trusted_proxy(const char *ip) {
    for (int i = 0; i < config->ntrusted_proxy; i++)
        if (strcmp(config->trusted_proxy[i], ip) == 0) return true;
    return false;
}

static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    if (strcasecmp(key, "X-Forwarded-For") == 0) *(const char **)cls = value;
    return MHD_YES;
}

/* ADDR (N bytes) as inet_ntop would write it, into OUT; false if it is no address. */
static bool canonical_ip(const char *addr, size_t n, char out[64]) {
    char buf[64];
    unsigned char bin[sizeof(struct in6_addr)];
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, addr, n);
    buf[n] = '\0';
    if (inet_pton(AF_INET, buf, bin) == 1) return inet_ntop(AF_INET, bin, out, 64) != NULL;
    if (inet_pton(AF_INET6, buf, bin) == 1) return inet_ntop(AF_INET6, bin, out, 64) != NULL;
    return false;
}

/* Who the request is from, for throttling and the record of logins: the
 * connection's address, unless that is a trusted proxy; then the
 * right-most address of the last X-Forwarded-For header that is not
 * itself a trusted proxy (what a client writes there stays to the left
 * of what the proxies append). A header from anyone else is ignored. */
static const char *client_address(Req *r, const char *peer) {
    const char *xff = NULL;
    if (trusted_proxy(peer)) MHD_get_connection_values(r->conn, MHD_HEADER_KIND, last_xff, &xff);
    const char *end = xff ? xff + strlen(xff) : NULL;
    while (end && end > xff) {
        const char *start = end;
        while (start > xff && start[-1] != ',') start--;
        const char *a = start, *b = end;
        while (a < b && (*a == ' ' || *a == '\t')) a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) b--;
        char ip[64];
        /* not an address: what a proxy forwarded is garbage; keep the proxy's own */
        if (!canonical_ip(a, (size_t)(b - a), ip)) break;
        if (!trusted_proxy(ip)) return arena_strdup(&r->a, ip);
        end = start > xff ? start - 1 : xff;
    }
    return arena_strdup(&r->a, peer);
}

/* ---- dispatch ---- */

const WebRoute *web_routes(void) {
    pthread_once(&routes_once, routes_build);
    return routes;
}

static const Route *find_route(Req *r, bool *path_known) {
    pthread_once(&routes_once, routes_build);
    *path_known = false;
    for (const Route *rt = routes; rt->method; rt++) {
        if (!route_match(rt->pattern, r->path, r)) continue;
        *path_known = true;
        if (strcmp(rt->method, r->method) == 0 ||
            (strcmp(r->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
            return rt;
    }
    return NULL;
}

/* ---- other origins and revalidation (issue 14) ---- */

static bool is_read(const Req *r) { return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0; }

/* A public GET route (R_CORS) answered to someone anonymous may be read by
 * a page of any origin; nothing authenticated or written ever is. API
 * answers say their language, and that it follows Accept-Language. */
static void cors_headers(struct MHD_Response *resp, const Req *r) {
    if ((r->route_flags & R_CORS) && !r->logged && is_read(r)) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
        MHD_add_response_header(resp, "Access-Control-Expose-Headers",
                                "ETag, Last-Modified, Link, Content-Language");
    }
    if (strncmp(r->path, "/api/", 5) == 0) {
        MHD_add_response_header(resp, "Vary", "Accept-Language");
        MHD_add_response_header(resp, "Content-Language", i18n_lang());
    }
}

/* Whether R's path has a public GET route (R_CORS). */
static bool cors_path(Req *r) {
    for (const Route *rt = routes; rt->method; rt++)
        if (strcmp(rt->method, "GET") == 0 && (rt->flags & R_CORS) && route_match(rt->pattern, r->path, r))
            return true;
    return false;
}

/* The methods R's path takes, as an Allow header says them: each of its
 * routes', HEAD with GET, and OPTIONS (F14B: the API's list said GET only
 * where POST creates; a 405 said "GET, POST" everywhere). */
static const char *allowed_methods(Req *r) {
    static const char *const order[] = {"GET", "POST", "PUT", "DELETE", "PATCH", NULL};
    Str m = STR_INIT;
    for (int i = 0; order[i]; i++) {
        bool takes = false;
        for (const Route *rt = routes; rt->method && !takes; rt++)
            takes = strcmp(rt->method, order[i]) == 0 && route_match(rt->pattern, r->path, r);
        if (takes) str_printf(&m, "%s%s", order[i], i == 0 ? ", HEAD, " : ", ");
    }
    str_puts(&m, "OPTIONS");
    const char *out = arena_strdup(&r->a, m.p);
    str_free(&m);
    return out;
}

/* OPTIONS on a known path: 204 with every method it takes (Allow). On a
 * public GET route's path it is also the preflight of another origin's
 * request: GET and HEAD allowed across origins, with the headers of
 * revalidation; other paths allow nothing across origins. */
static void options_answer(Req *r) {
    r->status = 204;
    str_clear(&r->out);
    req_set_header(r, "Allow", allowed_methods(r));
    if (!cors_path(r)) return;
    req_set_header(r, "Access-Control-Allow-Origin", "*");
    req_set_header(r, "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    req_set_header(r, "Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match, If-Modified-Since");
    req_set_header(r, "Access-Control-Max-Age", "86400");
}

/* A strong ETag of the body: FNV-1a, 64 bits, with its type. */
static void etag_of(const Req *r, char out[24]) {
    uint64_t h = 1469598103934665603ull;
    const char *ct = r->ctype ? r->ctype : "";
    for (size_t i = 0; ct[i]; i++) h = (h ^ (unsigned char)ct[i]) * 1099511628211ull;
    for (size_t i = 0; i < r->out.len; i++) h = (h ^ (unsigned char)r->out.p[i]) * 1099511628211ull;
    snprintf(out, 24, "\"%016llx\"", (unsigned long long)h);
}

static void http_date(int64_t t, char out[32]) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 32, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static int64_t parse_http_date(const char *s) {
    struct tm tm = {0};
    const char *end = s ? strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm) : NULL;
    return end && !*end ? (int64_t)timegm(&tm) : -1;
}

/* Whether ETAG is in the If-None-Match list LIST (weak comparison, or "*"). */
static bool etag_listed(const char *list, const char *etag) {
    size_t n = strlen(etag);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',' || *p == '\t') p++;
        if (strncmp(p, "W/", 2) == 0) p += 2;
        size_t len = strcspn(p, ",");
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
        if ((len == 1 && *p == '*') || (len == n && strncmp(p, etag, n) == 0)) return true;
        p += strcspn(p, ",");
    }
    return false;
}

/* Whether the client already holds this answer (RFC 9110, 13.1): its
 * If-None-Match names ETAG, or, without one, its If-Modified-Since is not
 * before LM (0: unknown, never). */
static bool client_has(Req *r, const char *etag, int64_t lm) {
    if (!is_read(r)) return false;
    const char *inm = req_header(r, "If-None-Match");
    if (inm) return etag_listed(inm, etag);
    int64_t ims = parse_http_date(req_header(r, "If-Modified-Since"));
    /* RFC 9110, 13.1.3: a date later than the server's time is invalid, ignored (F14B) */
    return lm > 0 && ims >= lm && ims <= (int64_t)time(NULL);
}

/* The validators of R's answer (a public read answered 200): an ETag, and
 * Last-Modified once the second of the last change is over (a change later
 * in that second would carry the same date). A response kept in the cache
 * keeps what it was given: one rendered in that second has only its ETag
 * until the cache drops it (refusing to keep it would render a Compendio
 * again for every request of that second). */
static void set_validators(Req *r, char etag[24], int64_t *lm) {
    etag[0] = '\0';
    *lm = 0;
    if (r->status != 200 || r->no_cache || r->logged || !is_read(r)) return;
    if (r->file_fd1) {            /* issue 15: a cached file's, named by what it was rendered from */
        snprintf(etag, 24, "%s", r->file_etag);
        req_set_header(r, "ETag", etag);
        return;
    }
    etag_of(r, etag);
    req_set_header(r, "ETag", etag);
    int64_t t = data_changed_at();
    if (t <= 0 || t >= (int64_t)time(NULL)) return;
    char d[32];
    http_date(t, d);
    req_set_header(r, "Last-Modified", d);
    *lm = t;
}

static enum MHD_Result copy_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    if (strcasecmp(key, "Content-Length") != 0) MHD_add_response_header(cls, key, value);
    return MHD_YES;
}

/* A 304 with FULL's headers (its validators, Cache-Control, CORS). */
static struct MHD_Response *not_modified_copy(struct MHD_Response *full) {
    struct MHD_Response *nm = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    MHD_get_response_headers(full, copy_header, nm);
    return nm;
}

static void add_headers(struct MHD_Response *resp, Req *r) {
    for (int i = 0; security_headers[i][0]; i++)
        MHD_add_response_header(resp, security_headers[i][0],
                                i == 0 && r->csp ? r->csp : security_headers[i][1]);
    MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/html; charset=utf-8");
    char cc[48];
    /* issue 14: a public answer that cannot change (a published edition's)
     * says how long it stays fresh; the rest is revalidated (ETag); what a
     * session or a token reads is theirs: never kept (F14B: a token's read
     * said no-cache, docs/api.md says no-store) */
    if (r->max_age > 0 && !r->logged) snprintf(cc, sizeof cc, "public, max-age=%d", r->max_age);
    MHD_add_response_header(resp, "Cache-Control", r->no_cache || r->logged ? "no-store"
                                                   : r->max_age > 0        ? cc
                                                                           : "no-cache");
    cors_headers(resp, r);
    if (stopping) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");   /* F3 */
    for (int i = 0; i < r->nhdrs; i++) MHD_add_response_header(resp, r->hdrs[i].name, r->hdrs[i].value);
}

static const char *too_big_message(Req *r);

/* Issue 15: a request that failed because of the database itself (another
 * process holding the write lock past the busy timeout, a full disk, a
 * read-only file) is told so, 503, instead of a bare 500 or a refusal that
 * blames the request (a 404 "no such account", a 422); a busy database
 * asks to retry (Retry-After) and is no fault of the server, so it is not
 * logged; the others are, with the file's name. A page that answered
 * 503 itself (the action form, which keeps what was typed) is left as is. */
const char *web_database_failure_message(Req *r, int code) {
    return code == STORE_FAILURE_BUSY
        ? _("La base de datos está ocupada por otro proceso y no se guardó nada. "
            "Inténtelo de nuevo en unos momentos.")
        : arena_printf(&r->a, _("No se guardó nada: la base de datos no se puede escribir porque %s. "
                                "La consulta sigue disponible."), store_failure_cause(code));
}

static void database_failed(Req *r) {
    int code = store_failure(r->st);
    /* F15 (fault 5): a request its caller may never make stays refused
     * (401, 403) whatever the database's state; a retry would not help */
    if (!code || r->status == 401 || r->status == 403) return;
    if (code != STORE_FAILURE_BUSY) {
        /* the operator's log is in the server's language, not the
         * client's (issue 15, fault 13: an API request may ask for English) */
        const char *lang = i18n_lang();
        i18n_set_thread_lang(NULL);
        pthread_mutex_lock(&log_lock);
        fprintf(stderr, _("pmm serve: %s %s: %s\n"), r->method, r->path, store_write_error(r->st));
        pthread_mutex_unlock(&log_lock);
        i18n_set_thread_lang(lang);
    }
    if (r->status != 503 && web_memory_refusal(r, code)) return;      /* F15: a read's too */
    if (r->status != 503) page_error(r, 503, web_database_failure_message(r, code));
    if (r->status == 503 && code == STORE_FAILURE_BUSY && !has_header(r, "Retry-After"))
        req_set_header(r, "Retry-After", WEB_BUSY_RETRY_AFTER);
}

static void handle(Req *r, const Route *rt) {
    if (!r->st) r->st = store_for_thread();
    if (!r->st && web_memory_refusal(r, store_open_failure())) return;   /* F15 */
    if (!r->st) {
        page_error(r, 500, _("La base de datos no está disponible."));
        return;
    }
    if ((rt->flags & R_HEAVY) && !web_heavy_begin(r, WEB_HEAVY_PAGE_MIB)) return;
    store_failure_clear(r->st);
    handle_route(r, rt);
    web_heavy_end(r);
    if (str_failed(&r->out)) web_memory_short(r);     /* F15B: the body could not be built */
    if (r->status >= 400) database_failed(r);
}

static void handle_route(Req *r, const Route *rt) {
    /* Another process (pmm import) may have written: then drop the cache. */
    check_db_moved(r->st);
    store_write_error_clear(r->st);       /* a failure of an earlier request is not this one's */
    if (!web_catalogs_sync(r->st)) {
        page_error(r, 500, _("La base de datos no está disponible."));
        return;
    }
    auth_load_session(r);
    if (r->bad_token) {
        auth_refuse_token(r);
        return;
    }
    /* A PUT (the API's update) is a write like a POST: the same limits and CSRF check. */
    bool writes = strcmp(r->method, "POST") == 0 || strcmp(r->method, "PUT") == 0;
    if (writes) {
        if (r->too_big) {
            page_error(r, 413, too_big_message(r));
            return;
        }
        FormResult fr = parse_form(r);
        if (fr == FORM_NUL) {
            page_error(r, 400, _("La solicitud contiene un byte nulo (%00) y no se acepta."));
            return;
        }
        if (fr == FORM_TOO_MANY) {
            page_error(r, 413, arena_printf(&r->a, _("El formulario trae más de %d campos y no se guardó "
                                                    "nada. Ninguna acción necesita tantos: una acción con "
                                                    "miles de retos se registra importando un archivo."),
                                            WEB_MAX_FORM_FIELDS));
            return;
        }
        /* The session ended while the form was being filled: keep what was
         * typed through the login (nothing is written; see page_login_keep). */
        if (!r->logged && (rt->flags & R_RESTORE)) {
            page_login_keep(r);
            return;
        }
        if (!auth_check_csrf(r)) {
            page_error(r, 403, _("La solicitud no trae un código de seguridad válido (CSRF). "
                                 "Vuelva a cargar la página e inténtelo de nuevo."));
            return;
        }
    }
    rt->fn(r);
    if (writes && r->status < 400) {
        req_changed();
        mailer_wake();            /* issue 11: a return or a reset link goes out now */
    }
}

/* The refusals of the server itself (a NUL byte, a method or an address it
 * does not have, a request over the limits) are in the language the request
 * asks for, on pages too (F14B): no page of the site answers them, and the
 * client reads them with no page around. A page's own refusals keep the
 * pages' language (docs/web.md). The caller sets it back (NULL). */
static void refusal_language(Req *r) {
    i18n_set_thread_lang(i18n_accept(req_header(r, "Accept-Language")));
}

static void dispatch(Req *r, const Route *rt, bool known) {
    if (r->url_nul || (!rt && !(known && strcmp(r->method, "OPTIONS") == 0))) refusal_language(r);
    if (r->url_nul) {
        page_error(r, 400, _("La dirección contiene un byte nulo (%00) y no se acepta."));
    } else if (!rt && known && strcmp(r->method, "OPTIONS") == 0) {
        options_answer(r);
    } else if (!rt && known) {
        const char *allow = allowed_methods(r);
        page_error(r, 405, arena_printf(&r->a, _("Método no permitido: esta dirección toma %s."), allow));
        req_set_header(r, "Allow", allow);
    } else if (!rt) {
        if (strncmp(r->path, "/api/", 5) == 0) api_not_found(r);
        else page_error(r, 404, _("No existe esta página."));
    } else {
        r->route_flags = rt->flags;
        handle(r, rt);
    }
}

bool web_restore_form(Req *r, const char *path) {
    pthread_once(&routes_once, routes_build);
    for (const Route *rt = routes; rt->method; rt++) {
        if (!(rt->flags & R_RESTORE) || !route_match(rt->pattern, path, r)) continue;
        r->method = rt->method;
        r->path = path;
        r->review = true;
        rt->fn(r);
        return true;
    }
    return false;
}

void web_dispatch(Req *r) {
    bool known;
    const Route *rt = find_route(r, &known);
    dispatch(r, rt, known);
    web_download_kept(r);
}

typedef struct {
    Req r;
    struct timespec t0;
    int status;
    size_t size;
    bool started;                 /* on_request has seen it */
    bool answered;                /* refused before its body was read */
    const char *query;            /* the query string as received (see on_uri) */
    size_t uri_len;               /* path and query as received */
    /* issue 15 round 5, F1: answered by a worker (work_off: a rendering, a write) */
    int off;                      /* 0 no, 1 being done there (suspended), 2 done, 3 in the cache now */
    const char *lang;             /* the thread's language for it */
    size_t route;
    bool cacheable, renders;
    bool waited;                  /* parked on its key's claim once: claims it no more (job_run) */
    bool peer_gone;               /* its client had closed when a worker's answer was queued */
    int64_t end_ms;               /* answered (mono_ms) before its end: the time the log says; 0: its end */
    long gen;
    char *key;                    /* its cache key (renders: web_unclaim) */
} Conn;

/* Issue 15, fault 15: a failing access log (a full disk) is said on
 * stderr once, and again once it is written anew; under log_lock. */
static bool access_log_failing;

static void access_log_check(void) {
    if (access_log == stderr) return;
    if (fflush(access_log) != 0 || ferror(access_log)) {
        int e = errno;
        clearerr(access_log);
        if (!access_log_failing)
            fprintf(stderr, _("pmm serve: no se pudo escribir en el registro de accesos «%s»: %s; "
                              "se avisará cuando se pueda de nuevo\n"), config->access_log, errtext(e));
        access_log_failing = true;
    } else if (access_log_failing) {
        fprintf(stderr, _("pmm serve: el registro de accesos «%s» se escribe de nuevo\n"), config->access_log);
        access_log_failing = false;
    }
}

/* How a request ended when its answer was not wholly sent (issue 15,
 * fault 14): the access log says so after the size, which is then the
 * size of the answer, not what reached the client. NULL: sent. */
static const char *cut_reason(enum MHD_RequestTerminationCode toe, int cut) {
    if (cut == 2) return "cut=request-timeout answered=503";
    if (cut) return "cut=request-timeout";
    switch (toe) {
    case MHD_REQUEST_TERMINATED_COMPLETED_OK: return NULL;
    case MHD_REQUEST_TERMINATED_TIMEOUT_REACHED: return "cut=idle-timeout";
    case MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN: return "cut=shutdown";
    case MHD_REQUEST_TERMINATED_CLIENT_ABORT: return "cut=client-closed";
    case MHD_REQUEST_TERMINATED_READ_ERROR: return "cut=client-closed";
    default: return "cut=send-error";
    }
}

/* Writes one line of the access log, with CUT after it when not NULL. */
static void log_line(const char *line, const char *cut) {
    pthread_mutex_lock(&log_lock);
    fprintf(access_log, "%s%s%s\n", line, cut ? " " : "", cut ? cut : "");
    access_log_check();
    pthread_mutex_unlock(&log_lock);
}

static void log_pending_flush(struct MHD_Connection *conn);
static bool log_deferred(struct MHD_Connection *conn, const char *line);

static void log_request(Conn *c, struct MHD_Connection *conn, const char *method, const char *url,
                        const char *cut) {
    if (!access_log) return;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - c->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - c->t0.tv_nsec) / 1e6;
    if (c->end_ms)
        ms = (double)c->end_ms - ((double)c->t0.tv_sec * 1e3 + (double)c->t0.tv_nsec / 1e6);
    char ip[64], when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    Str line = STR_INIT;
    str_printf(&line, "%s %s \"%s %s\" %d %zu %.2fms", when, client_ip(conn, ip, sizeof ip),
               method, url, c->status, c->size, ms);
    log_pending_flush(conn);
    if (cut || !log_deferred(conn, str_cstr(&line))) log_line(str_cstr(&line), cut);
    str_free(&line);
}

static enum MHD_Result queue(struct MHD_Connection *conn, Conn *c, struct MHD_Response *resp, int status) {
    c->status = status;
    if (!answer_claim(conn)) return MHD_NO;       /* already answered 503: out of time */
    return MHD_queue_response(conn, (unsigned)status, resp);
}

/* Requests whose headers are in and not yet completed (sent, cut or
 * timed out): a graceful stop waits for this to reach zero (issue 15,
 * fault 1); a connection still sending its headers is not waited for. */
static atomic_int in_progress;

static Conn *conn_new(void) {
    Conn *c = xcalloc(1, sizeof *c);
    clock_gettime(CLOCK_MONOTONIC, &c->t0);
    return c;
}

/* Called by libmicrohttpd with the request target as received, before it
 * splits the query into arguments. The query is kept here and parsed by
 * form.c (the code the fuzz target runs), and hidden from libmicrohttpd:
 * 0.9.75 keeps each argument in the connection's memory pool and, when a
 * few thousand of them ("?a&a&a...", 8 KB) overflow it, queues an error it
 * then never sends, leaving the client hanging until the timeout. The
 * target lies in the connection's own read buffer, which MHD has already
 * cut at the end of the URL; it finds the '?' before calling us and
 * parses what follows it, so ending the string right after the '?' leaves
 * it nothing to parse. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
    (void)cls; (void)conn;
    Conn *c = conn_new();
    c->uri_len = strlen(uri);
    const char *q = strchr(uri, '?');
    if (q) {
        c->query = arena_strdup(&c->r.a, q + 1);
        ((char *)q)[1] = '\0';
    }
    return c;
}

/* libmicrohttpd leaves the path as received; req_init decodes it. */
static size_t unescape_none(void *cls, struct MHD_Connection *c, char *s) {
    (void)cls; (void)c;
    return strlen(s);
}

/* Fills the request from the connection: path and query decoded by form.c,
 * which flags a NUL byte (answered 400 by dispatch). */
static void req_init(Conn *c, struct MHD_Connection *conn, const char *method, const char *url) {
    Req *r = &c->r;
    r->conn = conn;
    r->method = method;
    r->cfg = config;
    r->status = 200;
    str_soft(&r->out);            /* F15B: a body that cannot grow is a 503, not the process's end */
    size_t ulen = strlen(url);
    char *path = arena_alloc(&r->a, ulen + 1);
    bool nul;
    form_decode(url, ulen, path, false, &nul);
    r->path = path;
    r->url_nul = nul;
    if (c->query && form_parse(&r->a, c->query, strlen(c->query), WEB_MAX_URL, &r->query,
                               &r->nquery) != FORM_OK)
        r->url_nul = true;
    char ip[64];
    r->ip = client_address(r, client_ip(conn, ip, sizeof ip));
    const char *proto = req_header(r, "X-Forwarded-Proto");
    r->https = config->secure_cookies || (proto && strcasecmp(proto, "https") == 0);
}

/* ---- the body limit (limits.h; issue 10, helper RECWEB2) ---- */

static size_t action_body_bytes;
static pthread_once_t action_body_once = PTHREAD_ONCE_INIT;

/* The body of the largest action, from the field table (limits.h). */
static void action_body_compute(void) {
    size_t chars = WEB_ACTION_CHALLENGE_CHARS, mib = (size_t)1 << 20;
    for (int i = 0; i < AF__COUNT; i++) chars += action_fields[i].max;
    size_t bytes = chars * WEB_BYTES_PER_CHAR + (size_t)WEB_MAX_FORM_FIELDS * WEB_FIELD_OVERHEAD;
    action_body_bytes = (bytes + mib - 1) / mib * mib;
}

/* Who asks, read before the body (once: auth_load_session keeps it), so
 * that the limit and a refusal know the session. */
static void session_early(Req *r) {
    if (!r->st) r->st = store_for_thread();
    if (r->st) auth_load_session(r);
}

/* The most body bytes R may send, decided once: a signed-in user's
 * action (R_ACTION) may be as large as the largest action, anything else
 * WEB_MAX_BODY. */
static size_t body_limit(Req *r) {
    if (r->body_max) return r->body_max;
    r->body_max = WEB_MAX_BODY;
    bool known;
    const Route *rt = find_route(r, &known);
    if (rt && (rt->flags & R_ACTION)) {
        session_early(r);
        pthread_once(&action_body_once, action_body_compute);
        if (r->logged) r->body_max = action_body_bytes;
    }
    return r->body_max;
}

/* The 413 of a body over its limit: says the limit, in the session's look. */
static const char *too_big_message(Req *r) {
    session_early(r);
    if (strcmp(r->path, "/plantilla/subir") == 0)
        return _("El archivo es demasiado grande: una plantilla puede pesar hasta 1 MB.");
    size_t max = body_limit(r);
    const char *said = arena_printf(&r->a, _("La solicitud es demasiado grande: pasa de %zu MB y no se guardó "
                                             "nada."), max >> 20);
    if (max == WEB_MAX_BODY) return said;
    return arena_printf(&r->a, "%s %s", said, _("Una acción con más texto en sus retos se registra importando "
                                                "un archivo."));
}

/* Adds a header's size, as sent ("Name: value\r\n"), to *CLS. */
static enum MHD_Result count_header_bytes(void *cls, enum MHD_ValueKind kind, const char *key,
                                          const char *value) {
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

/* Whether a Content-Length header differs from the first (libmicrohttpd
 * 0.9.75 uses the first and reads no further). */
typedef struct {
    const char *first;
    bool differ;
} ContentLengths;

static enum MHD_Result other_content_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                            const char *value) {
    (void)kind;
    ContentLengths *c = cls;
    if (strcasecmp(key, "Content-Length") == 0 && c->first && strcmp(value ? value : "", c->first) != 0)
        c->differ = true;
    return MHD_YES;
}

/* The limits checked once the headers are in, before any body is read
 * (see limits.h); 0 or the status to refuse with. */
static int over_limits(Req *r, size_t url_len, const char **msg) {
    if (url_len > WEB_MAX_URL) {
        *msg = _("La dirección (URL) es demasiado larga.");
        return 414;
    }
    if (MHD_get_connection_values(r->conn, MHD_HEADER_KIND, NULL, NULL) > WEB_MAX_HEADERS) {
        *msg = _("La solicitud trae demasiados encabezados.");
        return 431;
    }
    size_t bytes = url_len;
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_header_bytes, &bytes);
    if (bytes > WEB_MAX_HEADER_BYTES) {
        *msg = arena_printf(&r->a, _("Los encabezados de la solicitud pasan de %d KiB."), WEB_MAX_HEADER_BYTES / 1024);
        return 431;
    }
    const char *cl = req_header(r, "Content-Length");
    ContentLengths cls = {cl, false};
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, other_content_length, &cls);
    if (cls.differ) {        /* request smuggling's pattern (RFC 9112, 6.3): issue 15 round 5, F6 */
        *msg = _("La solicitud trae dos encabezados Content-Length distintos.");
        return 400;
    }
    unsigned long long len = cl ? strtoull(cl, NULL, 10) : 0;
    if (len > WEB_MAX_BODY && len > body_limit(r)) {
        *msg = too_big_message(r);
        return 413;
    }
    return 0;
}

/* Queues R's answer; a public page (ROUTE, cacheable) is also kept, keyed
 * on the arguments it read, for requests of generation GEN. */
static enum MHD_Result answer(struct MHD_Connection *conn, Conn *c, size_t route, bool cacheable,
                              long gen) {
    Req *r = &c->r;
    c->size = r->out.len;
    size_t len = r->out.len;
    bool keep = cacheable && config->cache_bytes && !r->no_cache && !r->logged && r->status == 200 &&
                route_learn(r, route);
    /* F14B: an API answer not kept because it named an argument not learned
     * yet (query_as_read) teaches it, so the next one with it is kept */
    if (!cacheable && route && strncmp(r->path, "/api/", 5) == 0 && (routes[route].flags & R_CACHE) &&
        !r->no_cache && !r->logged && r->status == 200)
        route_learn(r, route);
    Str key = STR_INIT;
    keep = keep && cache_key(r, route, &key);
    char etag[24];
    int64_t lm;
    set_validators(r, etag, &lm);
    bool has = etag[0] && client_has(r, etag, lm);
    struct MHD_Response *resp;
    char *body = NULL;
    if (r->file_fd1) {            /* issue 15: streamed from the disk cache, never held in memory */
        keep = false;
        c->size = (size_t)r->file_size;
        resp = MHD_create_response_from_fd64(r->file_size, r->file_fd1 - 1);
        if (!resp) close(r->file_fd1 - 1);
        r->file_fd1 = 0;          /* the response closes it */
        if (!resp) {
            r->status = 500;
            c->size = 0;
            resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        }
    } else {
        body = str_take(&r->out);
        if (keep && body) body = xrealloc(body, len + 1);     /* a kept copy holds no slack */
        resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    }
    add_headers(resp, r);
    enum MHD_Result ret;
    if (has) {                    /* issue 14: the client's copy is current */
        struct MHD_Response *nm = not_modified_copy(resp);
        c->size = 0;
        ret = queue(conn, c, nm, 304);
        MHD_destroy_response(nm);
    } else {
        ret = queue(conn, c, resp, r->status);
    }
    if (keep) cache_put(key.p, resp, r->status, len, gen, etag, lm, r->cache_name, body);
    else MHD_destroy_response(resp);
    str_free(&key);
    return ret;
}

static enum MHD_Result on_request_answer(struct MHD_Connection *conn, Conn *c);

/* ---- work off libmicrohttpd's threads (issue 15 round 5, F1; s12 d15w) ----
 * libmicrohttpd gives each of its threads several connections: a request
 * that takes long on one kept the others from being read or answered,
 * and past --timeout they were closed as idle, unanswered and unlogged
 * (POSTs lost). Two kinds take long:
 *  - a download rendered (a Compendio PDF of 20 000 actions: 20-80 s);
 *  - a write (every route of a method other than GET and HEAD: the
 *    routes that write, and only they: no GET route writes), which waits up
 *    to --busy-timeout for the write lock while another process (a
 *    sqlite3 shell, pmm import) holds it, and checks a password (argon2id)
 *    for a login.
 * Such a request's connection is suspended and its page made by a worker
 * of a pool (each worker with its own database connection); the worker
 * resumes it and libmicrohttpd calls on_request again, which queues the
 * answer. Each kind has its own pool, so that a write never waits behind
 * a rendering (under a memory limit there are two rendering workers, and
 * a rendering can take 80 s). Renderings stay bounded by the memory
 * budget and render_lock; the writes that wait for the lock by the writer
 * cap (store_set_writer_cap: half the write workers, the others answer
 * the writes past it at once). A stop waits for the workers (pool_stop)
 * before libmicrohttpd's, which refuses suspended connections. */

typedef struct Job {
    Conn *c;
    struct MHD_Connection *conn;
    const Route *rt;
    bool known;
    struct Pool *pool;            /* whose worker does it (job_again) */
    struct Job *next;             /* in its pool's queue, or parked on a claim */
} Job;

typedef struct Pool {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    Job *jobs, **tail;            /* under lock */
    bool end;
    pthread_t threads[64];
    int nthreads, nready;
} Pool;

#define POOL_INIT(p) {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, &(p).jobs, false, {0}, 0, 0}
static Pool render_pool = POOL_INIT(render_pool);
static Pool write_pool = POOL_INIT(write_pool);

/* ---- one rendering per page or file (s12 d15x, t15v F2) ----
 * A page or file being rendered is claimed by its name: the response
 * cache's key (an anonymous download: one address), or downloads.c's
 * cache name of a published file (its two addresses, any argument). A
 * request for a name another holds waits for its release, then looks
 * again (in the cache, for the stored file). On a worker it waits parked:
 * its handler returns at once (r->parked_on), its connection stays
 * suspended, and the release gives its job to the pool again, so the
 * worker is free meanwhile (t15v F2: N such waiters, N the workers, held
 * every other download, stored ones too, for the whole rendering, or past
 * --request-timeout). With no worker (libmicrohttpd's thread: the pools
 * stopping) it waits on its thread, up to --request-timeout. */
typedef struct Claim {
    char *name;
    Job *parked;                  /* jobs run again at its release, in order */
    struct Claim *next;
} Claim;

static pthread_mutex_t claim_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t claim_released = PTHREAD_COND_INITIALIZER;
static Claim *claims;             /* under claim_lock */

static Claim **claim_find(const char *name) {
    Claim **p = &claims;
    while (*p && strcmp((*p)->name, name) != 0) p = &(*p)->next;
    return p;
}

ClaimResult web_claim(Req *r, const char *name) {
    ClaimResult res = CLAIM_MINE;
    pthread_mutex_lock(&claim_lock);
    if (!*claim_find(name)) {
        Claim *cl = xcalloc(1, sizeof *cl);
        cl->name = xstrdup(name);
        cl->next = claims;
        claims = cl;
    } else if (r->park) {         /* parked by job_run once its handler returned */
        r->parked_on = arena_strdup(&r->a, name);
        res = CLAIM_PARKED;
    } else {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += config ? config->request_timeout : WEB_REQUEST_TIMEOUT;
        while (*claim_find(name) && pthread_cond_timedwait(&claim_released, &claim_lock, &until) == 0) {}
        res = CLAIM_WAITED;
    }
    pthread_mutex_unlock(&claim_lock);
    return res;
}

static void job_again(Job *j);

void web_unclaim(const char *name) {
    pthread_mutex_lock(&claim_lock);
    Claim **p = claim_find(name), *cl = *p;
    if (cl) *p = cl->next;
    pthread_cond_broadcast(&claim_released);
    pthread_mutex_unlock(&claim_lock);
    if (!cl) return;
    for (Job *j = cl->parked, *next; j; j = next) {
        next = j->next;
        job_again(j);
    }
    free(cl->name);
    free(cl);
}

/* Parks J on NAME until its release; false when it was released already
 * (J is run again at once). */
static bool claim_park(const char *name, Job *j) {
    pthread_mutex_lock(&claim_lock);
    Claim *cl = *claim_find(name);
    if (cl) {
        Job **p = &cl->parked;
        while (*p) p = &(*p)->next;
        j->next = NULL;
        *p = j;
    }
    pthread_mutex_unlock(&claim_lock);
    return cl != NULL;
}

/* R as before its page ran: the page returned without an answer, parked
 * or saying that it would render (server.c's probe). */
static void req_unanswer(Req *r) {
    if (r->file_fd1) close(r->file_fd1 - 1);
    r->file_fd1 = 0;
    r->status = 200;
    r->ctype = r->csp = NULL;
    r->nhdrs = 0;
    r->no_cache = false;
    r->max_age = 0;
    str_clear(&r->out);
    r->cache_name = NULL;
    r->parked_on = NULL;
    r->would_render = false;
}

/* One job: its page, unless another request renders it (the cache's key
 * first, then downloads.c's file): then parked, and false. The key is
 * released on libmicrohttpd's thread, once the answer is kept (web_unclaim). */
static bool job_run(Job *j) {
    Conn *c = j->c;
    Req *r = &c->r;
    r->park = j;
    for (;;) {
        const char *wait = NULL;
        if (c->cacheable && !c->waited && !c->renders) {
            ClaimResult cr = web_claim(r, c->key);
            c->renders = cr == CLAIM_MINE;
            if (cr == CLAIM_PARKED) {
                wait = c->key;
                c->waited = true;         /* then it looks in the cache, claims nothing */
                r->parked_on = NULL;
            }
        }
        if (!wait && c->cacheable && !c->renders && cache_has(c->key)) {
            c->off = 3;
            break;
        }
        if (!wait) {
            r->st = NULL;         /* this thread's own connection (handle) */
            i18n_set_thread_lang(c->lang);
            dispatch(r, j->rt, j->known);
            i18n_set_thread_lang(NULL);
            if (!(wait = r->parked_on)) {
                c->off = 2;
                break;
            }
            req_unanswer(r);
        }
        if (claim_park(wait, j)) return false;      /* J may run elsewhere from now on */
    }
    r->park = NULL;
    MHD_resume_connection(j->conn);
    return true;
}

static void *job_worker(void *arg) {
    Pool *p = arg;
    /* its database connection and catalogs made now, before the memory
     * budget measures the server (a first request under a tight limit
     * could not make them: «sin memoria») */
    Store *st = store_for_thread();
    if (st) {
        check_db_moved(st);
        web_catalogs_sync(st);
    }
    pthread_mutex_lock(&p->lock);
    p->nready++;
    pthread_cond_broadcast(&p->cond);
    for (;;) {
        while (!p->jobs && !p->end) pthread_cond_wait(&p->cond, &p->lock);
        Job *j = p->jobs;
        if (!j) break;
        if (!(p->jobs = j->next)) p->tail = &p->jobs;
        pthread_mutex_unlock(&p->lock);
        if (job_run(j)) free(j);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Starts up to N workers of P (with none, its requests are done in
 * place, as before), and waits until each is ready; how many started. */
static int pool_start(Pool *p, int n) {
    pthread_mutex_lock(&p->lock);
    p->end = false;
    while (p->nthreads < n && p->nthreads < (int)(sizeof p->threads / sizeof *p->threads) &&
           pthread_create(&p->threads[p->nthreads], NULL, job_worker, p) == 0)
        p->nthreads++;
    while (p->nready < p->nthreads) pthread_cond_wait(&p->cond, &p->lock);
    int started = p->nthreads;
    pthread_mutex_unlock(&p->lock);
    return started;
}

/* Whether work_off may take a request to P (it may still refuse it: the stop). */
static bool pool_ready(Pool *p) {
    pthread_mutex_lock(&p->lock);
    bool ready = p->nthreads && !p->end;
    pthread_mutex_unlock(&p->lock);
    return ready;
}

/* Hands C's request to a worker of P, CONN suspended: false if there is
 * none (it is then done here, as before). */
static bool work_off(Pool *p, struct MHD_Connection *conn, Conn *c, const Route *rt, bool known) {
    pthread_mutex_lock(&p->lock);
    if (p->end || !p->nthreads) {         /* the stop: the workers are gone or going */
        pthread_mutex_unlock(&p->lock);
        return false;
    }
    Job *j = xcalloc(1, sizeof *j);
    j->c = c;
    j->conn = conn;
    j->rt = rt;
    j->known = known;
    j->pool = p;
    c->off = 1;
    MHD_suspend_connection(conn);
    *p->tail = j;
    p->tail = &j->next;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
    return true;
}

/* J's claim was released: J to its pool again, or, the pool stopping,
 * back to libmicrohttpd's thread, which does it in place (off 3). */
static void job_again(Job *j) {
    Pool *p = j->pool;
    pthread_mutex_lock(&p->lock);
    bool queued = !p->end && p->nthreads;
    if (queued) {
        j->next = NULL;
        *p->tail = j;
        p->tail = &j->next;
        pthread_cond_signal(&p->cond);
    }
    pthread_mutex_unlock(&p->lock);
    if (queued) return;
    Conn *c = j->c;
    c->r.park = NULL;
    if (c->renders) {
        c->renders = false;
        web_unclaim(c->key);
    }
    c->off = 3;
    MHD_resume_connection(j->conn);
    free(j);
}

/* The stop: P's workers finish what they were given (doc_cancel_all cuts
 * a rendering short; a write waits no longer than --busy-timeout) and
 * resume its connection, then end. */
static void pool_stop(Pool *p) {
    pthread_mutex_lock(&p->lock);
    p->end = true;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++) pthread_join(p->threads[i], NULL);
    pthread_mutex_lock(&p->lock);
    p->nthreads = p->nready = 0;
    pthread_mutex_unlock(&p->lock);
}

/* The pool that takes R's request by route RT, if any: the renderings'
 * (R_RENDERS) or the writes' (a method other than GET and HEAD). */
static Pool *pool_for(const Req *r, const Route *rt) {
    if (!rt) return NULL;         /* a refusal (404, 405) or OPTIONS: made at once */
    if (rt->flags & R_RENDERS) return &render_pool;
    return is_read(r) ? NULL : &write_pool;
}

/* The write workers: as many as libmicrohttpd's threads, as few as the
 * rendering workers under a memory limit (each stack is 8 MiB of the
 * address space the budget measures), and at least two: the writer cap
 * is half of them (at least one), so that while another process holds
 * the database one waits for it and another answers the writes past the
 * cap at once (503, Retry-After) instead of leaving them in the queue.
 * With no worker the writes are done in place and the cap is half of
 * libmicrohttpd's threads, as before. */
static void writers_start(int threads) {
    int n = web_memory_render_workers(threads);
    n = pool_start(&write_pool, n > 2 ? n : 2);
    store_set_writer_cap(WEB_WRITER_CAP(n ? n : threads));
}

static void pools_stop(void) {
    pool_stop(&render_pool);
    pool_stop(&write_pool);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **con_cls) {
    (void)cls; (void)version;
    Conn *c = *con_cls;
    answered_cut = false;         /* said by this call's answer_claim only */
    if (!c) *con_cls = c = conn_new();       /* on_uri was not called */
    if (!c->started) {
        c->started = true;
        atomic_fetch_add(&in_progress, 1);
        request_begins(conn);
        req_init(c, conn, method, url);
        const char *msg;
        refusal_language(&c->r);
        int refuse = over_limits(&c->r, c->uri_len ? c->uri_len : strlen(url), &msg);
        enum MHD_Result done = MHD_YES;
        if (refuse) {
            c->answered = true;
            page_error(&c->r, refuse, msg);
            done = answer(conn, c, 0, false, 0);
        }
        i18n_set_thread_lang(NULL);
        return done;
    }
    Req *r = &c->r;
    if (*upload_size) {
        r->body_seen += *upload_size;
        size_t max = r->body_seen > WEB_MAX_BODY ? body_limit(r) : WEB_MAX_BODY;
        if (r->body_seen > max) r->too_big = true;
        else str_append(&r->body, upload, *upload_size);
        *upload_size = 0;
        /* A chunked body that never ends: stop reading, close. */
        return r->body_seen > max + WEB_MAX_BODY_DISCARD ? MHD_NO : MHD_YES;
    }
    if (c->answered) return MHD_YES;
    /* issue 14: the API answers in the language the client asks for */
    c->lang = strncmp(r->path, "/api/", 5) == 0 ? i18n_accept(req_header(r, "Accept-Language")) : NULL;
    i18n_set_thread_lang(c->lang);
    enum MHD_Result done = on_request_answer(conn, c);
    i18n_set_thread_lang(NULL);
    return done;
}

/* Claims the rendering of KEY for this thread (*RENDERS), or, after
 * waiting for another thread's, serves what it left in the cache. */
static bool cache_or_claim(const char *key, Conn *c, struct MHD_Connection *conn, enum MHD_Result *ret,
                           bool *renders) {
    *renders = web_claim(&c->r, key) == CLAIM_MINE;
    return !*renders && cache_serve(key, &c->r, conn, &c->status, &c->size, ret);
}

static bool peer_closed(struct MHD_Connection *conn);

/* Answers the request whose body is in: from the cache, or by its route. */
static enum MHD_Result on_request_answer(struct MHD_Connection *conn, Conn *c) {
    if (c->off == 2) {            /* rendered by a worker, the connection resumed */
        c->off = 0;               /* answered (on_completed: not a client gone) */
        c->peer_gone = peer_closed(conn);
        enum MHD_Result ret = answer(conn, c, c->route, c->cacheable, c->gen);
        web_download_kept(&c->r);     /* round 5, F2: after the answer is kept */
        if (c->renders) web_unclaim(c->key);
        c->renders = false;
        free(c->key);
        c->key = NULL;
        return ret;
    }
    if (c->off == 1) return MHD_YES;   /* not resumed yet (never called so) */
    if (c->off == 3) {            /* rendered by another meanwhile: look in the cache again */
        free(c->key);
        c->key = NULL;
        c->off = 0;
    }
    Req *r = &c->r;
    const char *method = r->method;
    bool known;
    const Route *rt = find_route(r, &known);
    /* Cached public pages: served before any database work. */
    Str key = STR_INIT;
    long gen = atomic_load(&generation);
    size_t route = rt ? (size_t)(rt - routes) : 0;
    bool cacheable = rt && (rt->flags & R_CACHE) && !r->url_nul && strcmp(method, "GET") == 0 &&
                     config->cache_bytes && cache_key(r, route, &key);
    Pool *pool = pool_for(r, rt);
    bool renders = false, off = pool && pool_ready(pool);
    enum MHD_Result ret;
    if (cacheable) {
        cache_watch();       /* another process (pmm import) may have written */
        if (cache_serve(key.p, r, conn, &c->status, &c->size, &ret) ||
            (!off && cache_or_claim(key.p, c, conn, &ret, &renders))) {
            str_free(&key);
            return ret;
        }
    }
    /* a stored file needs no worker (t15v F2): served here, unless its
     * page says it would render (downloads.c) */
    if (off && (rt->flags & R_RENDERS)) {
        r->probe = true;
        dispatch(r, rt, known);
        r->probe = false;
        if (!r->would_render) {
            ret = answer(conn, c, route, cacheable, gen);
            web_download_kept(r);
            str_free(&key);
            return ret;
        }
        req_unanswer(r);
    }
    if (off) {
        c->route = route;
        c->cacheable = cacheable;
        c->gen = gen;
        c->key = cacheable ? xstrdup(key.p) : NULL;
        if (work_off(pool, conn, c, rt, known)) {
            str_free(&key);
            return MHD_YES;
        }
        free(c->key);
        c->key = NULL;
        c->cacheable = false;
        if (cacheable && cache_or_claim(key.p, c, conn, &ret, &renders)) {
            str_free(&key);
            return ret;
        }
    }
    dispatch(r, rt, known);
    ret = answer(conn, c, route, cacheable, gen);
    web_download_kept(r);         /* round 5, F2: after the answer is kept */
    if (renders) web_unclaim(key.p);
    str_free(&key);
    return ret;
}

/* Whether each argument of R is one its route reads, given once: else the
 * API refuses it (web_query_check), which a kept answer must not hide
 * (F14B). Under cache_lock. */
static bool query_as_read(Req *r, size_t route) {
    for (int i = 0; i < r->nquery; i++) {
        int k = 0;
        while (k < route_reads[route].n && strcmp(route_reads[route].name[k], r->query[i].name) != 0) k++;
        if (k == route_reads[route].n) return false;
        for (int j = 0; j < i; j++)
            if (strcmp(r->query[j].name, r->query[i].name) == 0) return false;
    }
    return true;
}

/* Whether an argument of R is given twice: a page refuses a known one
 * (web_query_check), which a kept answer must not hide (issue 13 round 2,
 * F13: /tendencias?ediciones=A&ediciones=B answered A's page). */
static bool query_repeats(Req *r) {
    for (int i = 0; i < r->nquery; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(r->query[j].name, r->query[i].name) == 0) return true;
    return false;
}

/* The cache key: the path and the arguments the route is known to read
 * (an absent one too); only anonymous requests are cached. */
static bool cache_key(Req *r, size_t route, Str *key) {
    if (req_cookie(r, "pmm_session") || req_header(r, "Authorization")) return false;
    str_clear(key);
    str_puts(key, r->path);
    str_putc(key, '?');
    if (strncmp(r->path, "/api/", 5) == 0) str_puts(key, i18n_lang());   /* issue 14: its language */
    pthread_mutex_lock(&cache_lock);
    bool ok = !route_reads[route].over && (strncmp(r->path, "/api/", 5) != 0 || query_as_read(r, route)) &&
              !query_repeats(r);     /* issue 13 round 2 (F13): a page refuses a repeat, never kept */
    /* lengths first: a decoded '&' or '=' in a value cannot fake another key */
    for (int i = 0; ok && i < route_reads[route].n; i++) {
        const char *name = route_reads[route].name[i], *v = query_value(r, name);
        str_printf(key, "&%zu:%s=", strlen(name), name);
        if (v) str_printf(key, "%zu:%s", strlen(v), v);
        else str_putc(key, '-');
    }
    pthread_mutex_unlock(&cache_lock);
    return ok;
}

static size_t timeout_body_len;     /* the body of pmm's «Tiempo agotado» page (timeout_answer_make) */

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)cls;
    Conn *c = *con_cls;
    int64_t paged_ms = 0;
    int cut = request_done(conn, &paged_ms);
    if (!c) return;
    if (c->started) atomic_fetch_sub(&in_progress, 1);
    if (cut == 2) {     /* the log says what was sent, not the answer dropped (issue 15 round 5, F7) */
        c->status = 503;
        c->size = timeout_body_len;
        c->end_ms = paged_ms;         /* and when (s12 d15x, t15v L3), not the work's end */
    }
    /* s12 d15x (F3, L2): done by a worker and never answered, or answered
     * to a client that had closed its connection: it left while its request
     * waited (for a worker, or for another's rendering of it) */
    if (c->off == 2) {
        c->status = c->r.status;
        c->size = c->r.file_fd1 ? (size_t)c->r.file_size : c->r.out.len;
    }
    bool gone = (c->off >= 2 || c->peer_gone) && !cut && toe != MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN &&
                toe != MHD_REQUEST_TERMINATED_COMPLETED_OK;
    if (c->r.method)
        log_request(c, conn, c->r.method, c->r.path, gone ? "cut=client-closed" : cut_reason(toe, cut));
    /* a worker's answer whose connection closed before it was queued: the
     * stored file it opened (one descriptor per such client, for good),
     * its claim on a rendering in memory */
    if (c->r.file_fd1) close(c->r.file_fd1 - 1);
    c->r.file_fd1 = 0;
    web_download_kept(&c->r);
    if (c->renders) web_unclaim(c->key);
    str_free(&c->r.body);
    str_free(&c->r.out);
    arena_free(&c->r.a);
    free(c->key);
    free(c);
    *con_cls = NULL;
}

/* ---- the total time of a request (issue 15) ----
 * libmicrohttpd closes a connection idle for --timeout, but not one that
 * sends a byte now and then. Each connection is listed here with the time
 * its current request began (its opening, then the end of its last
 * request); the main loop shuts down the socket of one past
 * --request-timeout, which libmicrohttpd then closes on its own thread. */

typedef struct Live {
    int fd;
    int64_t since_ms;
    bool cut;
    bool requesting;     /* a request's headers are in and it was not answered yet */
    bool queued;         /* its answer was queued (answer_claim) */
    bool paged;          /* out of time before that: answered 503 by cut_slow_requests */
    int64_t paged_ms;    /* when (mono_ms) */
    bool closed;         /* idle at a stop: its reading shut (close_idle_connections), not cut */
    uint64_t idle_bytes; /* the bytes its client had sent when its last request ended (0: none yet) */
    uint64_t seen_bytes; /* ...when the stop last looked (sent_since_idle), */
    int64_t seen_ms;     /* at that time (mono_ms) */
    int unsent;          /* bytes still in the socket when it was cut */
    char *pending;       /* the access-log line of an answer the kernel still holds */
    struct Live *prev, *next;
} Live;

static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static Live *live;

/* F15 (fault 4): connections open (under live_lock) and the limit given
 * to libmicrohttpd (conn_limit_set). libmicrohttpd splits it among the
 * threads and stops accepting when each has its share: new clients then
 * wait in the kernel's queue, which no message of libmicrohttpd says. So
 * pmm says it, once each time the count comes up to the limit (less one
 * per thread: the shares fill unevenly), in the log's language. */
static int nlive, conn_limit, conn_slack;
static bool limit_told;

static void count_connection(int delta) {
    nlive += delta;
    if (delta > 0 && !limit_told && nlive >= conn_limit - conn_slack) {
        limit_told = true;
        const char *lang = i18n_lang();
        i18n_set_thread_lang(NULL);
        fprintf(stderr, _("pmm serve: %d conexiones abiertas, el límite (%d): las conexiones nuevas esperan "
                          "hasta que se cierre alguna (--max-per-ip limita las de una misma dirección; "
                          "docs/deploy.md)\n"), nlive, conn_limit);
        i18n_set_thread_lang(lang);
    }
    if (nlive < conn_limit * 9 / 10) limit_told = false;   /* said again the next time it comes */
}

static int64_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- an answer libmicrohttpd handed whole to the kernel (issue 15,
 * fault 14) ----
 * Its line waits, with the connection, for the end of the connection or
 * its next request: a reader too slow is cut past --request-timeout with
 * part of it still in the socket, and the line then says so. */

static Live *live_of(struct MHD_Connection *conn) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* Whether CONN's client has closed its side (s12 d15x, L2: its request's
 * line then says `cut=client-closed`, not `send-error`, when the answer
 * cannot be sent). A client that only shut its writing still reads: it
 * gets its answer, and its line no cut. */
static bool peer_closed(struct MHD_Connection *conn) {
    Live *l = live_of(conn);
    struct pollfd pfd = {.fd = l ? l->fd : -1, .events = POLLRDHUP};
    return pfd.fd >= 0 && poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

static bool log_deferred(struct MHD_Connection *conn, const char *line) {
    Live *l = live_of(conn);
    int unsent = 0;
    if (!l || l->fd < 0 || ioctl(l->fd, SIOCOUTQ, &unsent) != 0 || unsent <= 0) return false;
    pthread_mutex_lock(&live_lock);
    l->pending = xstrdup(line);
    pthread_mutex_unlock(&live_lock);
    return true;
}

/* The line of the last answer, sent: the client asked for another. */
static void log_pending_flush(struct MHD_Connection *conn) {
    Live *l = live_of(conn);
    if (!l) return;
    pthread_mutex_lock(&live_lock);
    char *line = l->pending;
    l->pending = NULL;
    pthread_mutex_unlock(&live_lock);
    if (line) log_line(line, NULL);
    free(line);
}

/* The connection ends: its pending line, cut or sent (under live_lock). */
static void log_pending_end(Live *l) {
    if (!l->pending) return;
    char cut[64];
    snprintf(cut, sizeof cut, "cut=request-timeout unsent=%d", l->unsent);
    log_line(l->pending, l->cut ? cut : NULL);
    free(l->pending);
    l->pending = NULL;
}

/* H15B: connections the kernel had accepted into the listening socket's
 * queue when the stop came, handed to libmicrohttpd (adopt_queued): their
 * descriptors until libmicrohttpd starts each (on_connection), and how
 * many have not started yet. Under live_lock. */
static int *adopted, nadopted, unstarted;

static void adopted_started(int fd) {
    for (int i = 0; i < nadopted && unstarted > 0; i++)
        if (adopted[i] == fd) {
            adopted[i] = -1;
            unstarted--;
            return;
        }
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
    (void)cls;
    Live *l = *socket_context;
    pthread_mutex_lock(&live_lock);
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        l = xcalloc(1, sizeof *l);
        l->fd = ci ? ci->connect_fd : -1;
        l->since_ms = mono_ms();
        l->next = live;
        if (live) live->prev = l;
        live = l;
        *socket_context = l;
        count_connection(1);
        adopted_started(l->fd);
    } else if (l) {
        count_connection(-1);
        log_pending_end(l);
        if (l->prev) l->prev->next = l->next;
        else live = l->next;
        if (l->next) l->next->prev = l->prev;
        free(l);
        *socket_context = NULL;
    }
    pthread_mutex_unlock(&live_lock);
}

/* The bytes L's client has sent on its connection, as the kernel counts
 * them (TCP_INFO); 0 when it cannot tell. */
static uint64_t bytes_received(Live *l) {
    struct tcp_info ti;
    socklen_t n = sizeof ti;
    memset(&ti, 0, sizeof ti);
    if (l->fd < 0 || getsockopt(l->fd, IPPROTO_TCP, TCP_INFO, &ti, &n) != 0 ||
        n < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof ti.tcpi_bytes_received)
        return 0;
    return ti.tcpi_bytes_received;
}

/* The next request of CONN's connection starts its clock now; whether
 * this one was cut past --request-timeout: 0 no, 1 cut, 2 cut and
 * answered 503 (at *PAGED_MS). */
static int request_done(struct MHD_Connection *conn, int64_t *paged_ms) {
    Live *l = live_of(conn);
    if (!l) return 0;
    pthread_mutex_lock(&live_lock);
    l->since_ms = mono_ms();
    l->idle_bytes = bytes_received(l);
    int cut = l->paged ? 2 : l->cut;
    *paged_ms = l->paged_ms;
    l->requesting = l->queued = false;
    pthread_mutex_unlock(&live_lock);
    return cut;
}

/* ---- a request out of time before its answer (issue 15, fault 14) ----
 * While a request's answer is not queued, libmicrohttpd does not write to
 * its socket (the thread that would is the one working on it): the main
 * loop may then send pmm's page itself. Queuing claims the socket first,
 * so the two never both write. */

static void request_begins(struct MHD_Connection *conn) {
    Live *l = live_of(conn);
    if (!l) return;
    pthread_mutex_lock(&live_lock);
    l->requesting = true;
    pthread_mutex_unlock(&live_lock);
}

/* s12 d15x (t15v L3): this thread refused an answer, its client answered
 * already with pmm's «Tiempo agotado» page (answer_claim): libmicrohttpd
 * then closes the connection saying that pmm cut a request, on this
 * thread, right after; that line is not said (the client was answered,
 * and the access log says cut=request-timeout answered=503). */
static _Thread_local bool answered_cut;

static void server_mhd_log(void *cls, const char *fmt, va_list ap) {
    if (answered_cut) {
        char msg[256];
        va_list aq;
        va_copy(aq, ap);
        vsnprintf(msg, sizeof msg, fmt, aq);      /* 0.9.75 passes "%s\n" and the message */
        va_end(aq);
        if (strstr(msg, "internal error") || strstr(msg, "Closing connection (application")) {
            answered_cut = false;
            return;
        }
    }
    mhd_log(cls, fmt, ap);
}

/* Whether this thread may queue CONN's answer: not when it was already
 * answered for being out of time. */
static bool answer_claim(struct MHD_Connection *conn) {
    Live *l = live_of(conn);
    if (!l) return true;
    pthread_mutex_lock(&live_lock);
    bool ok = !l->paged;
    l->queued = true;
    pthread_mutex_unlock(&live_lock);
    answered_cut = !ok;
    return ok;
}

/* The raw answer to a request out of time, made once at start in the
 * server's language. */
static Str timeout_answer = STR_INIT;

static void timeout_answer_make(void) {
    Str body = STR_INIT;
    str_html(&body, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title></head>"
                    "<body><h1>%s</h1><p>%s</p></body></html>\n", i18n_lang(), _("Tiempo agotado"),
             _("Tiempo agotado"),
             _("La solicitud tardó más de lo permitido y se interrumpió. Inténtelo de nuevo más tarde."));
    str_clear(&timeout_answer);
    str_printf(&timeout_answer, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html; charset=utf-8\r\n"
               "Content-Length: %zu\r\nRetry-After: %s\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
               body.len, WEB_BUSY_RETRY_AFTER);
    timeout_body_len = body.len;
    str_append(&timeout_answer, body.p, body.len);
    str_free(&body);
}

/* A slow reader (helper S15): what is still in the socket's send buffer
 * would go on reaching it after a shutdown and after libmicrohttpd's
 * close; a zero linger makes that close a reset, which drops it. The
 * bytes dropped are kept for the access log. Under live_lock. */
static void reset_connection(Live *l) {
    if (ioctl(l->fd, SIOCOUTQ, &l->unsent) != 0) l->unsent = -1;
    struct linger now_close = {1, 0};
    setsockopt(l->fd, SOL_SOCKET, SO_LINGER, &now_close, sizeof now_close);
    shutdown(l->fd, SHUT_RDWR);
}

/* Cuts the connections whose request has taken longer than the limit. */
static void cut_slow_requests(void) {
    int64_t now = mono_ms(), limit = (int64_t)config->request_timeout * 1000;
    pthread_mutex_lock(&live_lock);
    for (Live *l = live; l; l = l->next)
        if (!l->cut && l->fd >= 0 && now - l->since_ms > limit) {
            l->cut = true;
            if (l->requesting && !l->queued) {
                /* nothing sent yet: pmm's page, then an orderly end */
                l->paged = send(l->fd, timeout_answer.p, timeout_answer.len, MSG_DONTWAIT | MSG_NOSIGNAL) ==
                           (ssize_t)timeout_answer.len;
                if (l->paged) {
                    l->paged_ms = now;
                    shutdown(l->fd, SHUT_RDWR);
                    continue;
                }
            }
            reset_connection(l);
        }
    pthread_mutex_unlock(&live_lock);
}

/* ---- start and stop ---- */

static volatile sig_atomic_t reopen_log;

/* SIGTERM, SIGINT and SIGQUIT stop gracefully; SIGHUP reopens the access
 * log (logrotate's convention: it renamed the file and wants a new one),
 * and so does SIGUSR1, nginx's, which a logrotate stanza copied from
 * nginx's sends (issue 15 round 5, F7: it ended the server, exit 138);
 * SIGUSR2 and SIGALRM are ignored (docs/deploy.md). */
static void on_signal(int sig) {
    if (sig == SIGHUP || sig == SIGUSR1) reopen_log = 1;
    else stopping = 1;
}

/* Reopens the access log at its name; on failure keeps the open one and says why. */
static void access_log_reopen(void) {
    if (!access_log || access_log == stderr) return;
    FILE *f = fopen(config->access_log, "a");
    if (!f) {
        fprintf(stderr, _("pmm serve: no se pudo reabrir el registro de accesos «%s»: %s; "
                          "se sigue escribiendo en el anterior\n"), config->access_log, errtext(errno));
        return;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    pthread_mutex_lock(&log_lock);
    FILE *old = access_log;
    access_log = f;
    pthread_mutex_unlock(&log_lock);
    fclose(old);
}

/* Whether the kernel still holds part of L's last answer (a slow reader):
 * under live_lock. */
static bool still_sending(Live *l) {
    int queued = 0;
    return l->fd >= 0 && !l->cut && ioctl(l->fd, SIOCOUTQ, &queued) == 0 && queued > 0;
}

/* Whether the kernel holds bytes L's client sent that libmicrohttpd has
 * not read yet (its thread busy with another request): under live_lock. */
static bool unread(Live *l) {
    int queued = 0;
    return l->fd >= 0 && ioctl(l->fd, SIOCINQ, &queued) == 0 && queued > 0;
}

#define STOP_ARRIVING_MS 300

/* Whether L's client sent bytes since its last request ended (or since
 * the connection opened): a request libmicrohttpd has read from the
 * kernel but not yet handed to pmm (not `requesting` yet, nothing left
 * unread) is not idle. d15t: shut down in that moment, a POST's action
 * was saved and its answer lost (`cut=send-error`), about 1 stop in 24
 * under ASan. */
static bool sent_since_idle(Live *l) {
    uint64_t now = bytes_received(l);
    if (!now || now == l->idle_bytes) return false;
    /* A request whose headers stopped arriving half way is no request in
     * progress: the stop closes it once nothing more has come for a moment
     * (row 87: it must not hold the stop); a whole request read a moment
     * ago is handed to pmm within that moment. */
    if (now != l->seen_bytes) {
        l->seen_bytes = now;
        l->seen_ms = mono_ms();
    }
    return mono_ms() - l->seen_ms < STOP_ARRIVING_MS;
}

/* Closes the connections that wait for a next request (keep-alive), or
 * for the rest of a request's headers: at a stop, a request sent on one
 * would wait for a worker busy elsewhere and then for the end (issue 15,
 * round 3, F3: it hung); the server no longer takes requests.
 * A connection is idle only when nothing of a request waits on it: no
 * request in progress (requesting), no answer the kernel still holds
 * (F15, fault 3: shut down, the kernel went on sending it after the
 * process had exited; it is left to cut_slow_requests, which resets it at
 * --request-timeout as without a stop), no bytes received that
 * libmicrohttpd has not read (H15B: shut down with its request unread, the
 * request was read afterwards and done, an action saved, and its answer
 * could not be sent: `201 ... cut=send-error`; or the client got an empty
 * close). Only the reading side of an idle one is shut: libmicrohttpd reads
 * the end and closes it, and a request it read just before (not yet
 * handed to pmm) is still answered, the sending side being open.
 * Returns how many connections the stop waits for besides the requests
 * in progress: these, and the idle ones libmicrohttpd has not closed yet. */
static int close_idle_connections(void) {
    int waiting = 0;
    pthread_mutex_lock(&live_lock);
    for (Live *l = live; l; l = l->next) {
        if (l->requesting || l->cut || l->fd < 0) continue;
        waiting++;
        if (l->closed || still_sending(l) || unread(l) || sent_since_idle(l)) continue;
        l->closed = true;
        shutdown(l->fd, SHUT_RD);
    }
    waiting += unstarted;
    pthread_mutex_unlock(&live_lock);
    return waiting;
}

/* H15B (the hostile tester: 8-12 of 16 GETs reset at a SIGTERM): the
 * connections the kernel had accepted into the listening socket's queue
 * when the stop came, which libmicrohttpd had not taken (its threads busy),
 * were reset when the stop closed that socket, their requests sent. They
 * are taken here and handed to libmicrohttpd like any other; the socket
 * is closed after, so that a connection made after the stop is refused.
 * Those libmicrohttpd cannot take (its connection limit, --max-per-ip's)
 * are said. */
static void adopt_queued(struct MHD_Daemon *d, MHD_socket fd) {
    int refused = 0, why = 0;
    for (;;) {
        struct sockaddr_storage addr;
        socklen_t len = sizeof addr;
        int s = accept4(fd, (struct sockaddr *)&addr, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (s < 0 && (errno == EINTR || errno == ECONNABORTED)) continue;
        if (s < 0 && errno != EAGAIN && errno != EWOULDBLOCK)   /* out of files: the rest are reset */
            fprintf(stderr, _("pmm serve: al detenerse, las conexiones que aún esperaban ser aceptadas se "
                              "cerraron sin respuesta: %s\n"), errtext(errno));
        if (s < 0) break;
        pthread_mutex_lock(&live_lock);       /* before: its thread may start it at once */
        adopted = xrealloc(adopted, (size_t)(nadopted + 1) * sizeof *adopted);
        adopted[nadopted++] = s;
        unstarted++;
        pthread_mutex_unlock(&live_lock);
        if (MHD_add_connection(d, s, (struct sockaddr *)&addr, len) != MHD_YES) {
            why = errno;                      /* libmicrohttpd closed it */
            refused++;
            pthread_mutex_lock(&live_lock);
            adopted_started(s);
            pthread_mutex_unlock(&live_lock);
        }
    }
    if (refused)   /* libmicrohttpd says ENFILE for its limits */
        fprintf(stderr, _("pmm serve: al detenerse, %d conexiones que esperaban ser aceptadas se cerraron sin "
                          "respuesta: %s\n"), refused,
                why == ENFILE ? _("el límite de conexiones (o el de --max-per-ip) no admitía más") : errtext(why));
}

/* Past the stop's bound: what the kernel still holds for a reader is
 * dropped (a reset), as cut_slow_requests drops it, never sent after the
 * process has exited. */
static void reset_still_sending(void) {
    pthread_mutex_lock(&live_lock);
    for (Live *l = live; l; l = l->next)
        if (!l->requesting && still_sending(l)) {
            l->cut = true;
            reset_connection(l);
        }
    pthread_mutex_unlock(&live_lock);
}

/* Graceful stop (issue 15, fault 1): close the listening socket, so no
 * new connection is accepted, once the connections waiting in its queue
 * are taken (H15B), and close the idle ones; let every request in
 * progress, and every request received on a connection and not yet read
 * (H15B), finish and be sent before MHD_stop_daemon closes the
 * connections. The wait is bounded (round 3, F3): a request past
 * --request-timeout is cut as always, and every rendering still going
 * once --request-timeout has passed since the signal (its request was cut
 * by then) is cancelled, so that one more second lets the threads end and
 * MHD_stop_daemon return: the process exits within --request-timeout + 1 s
 * of the signal (docs/reliability.md; deploy/'s TimeoutStopSec is above it). */
static void drain(struct MHD_Daemon *d) {
    MHD_socket fd = MHD_quiesce_daemon(d);
    if (fd != MHD_INVALID_SOCKET) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0) adopt_queued(d, fd);
        close(fd);
    }
    int64_t cancel_at = mono_ms() + (int64_t)config->request_timeout * 1000, until = cancel_at + 1000;
    int waiting = close_idle_connections();
    while ((atomic_load(&in_progress) > 0 || waiting > 0) && mono_ms() < until) {
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
        cut_slow_requests();
        waiting = close_idle_connections();
        if (mono_ms() >= cancel_at) doc_cancel_all();
    }
    if (waiting > 0) reset_still_sending();
    doc_cancel_all();           /* what is left fails at its next record or page */
    pthread_mutex_lock(&live_lock);      /* past the bound a thread may still start one */
    free(adopted);
    adopted = NULL;
    nadopted = unstarted = 0;
    pthread_mutex_unlock(&live_lock);
}

/* F15 (fault 4): WEB_MAX_CONNECTIONS, if the process may open that many
 * files: the soft limit of open files is raised to what it needs (up to
 * the hard one), and the connection limit lowered, and said, when even
 * the hard one is short (each connection is one; the database's files,
 * the log and libmicrohttpd's take WEB_OTHER_FILES). */
static void conn_limit_set(int threads) {
    conn_limit = WEB_MAX_CONNECTIONS;
    conn_slack = threads;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
    rlim_t want = (rlim_t)WEB_MAX_CONNECTIONS + WEB_OTHER_FILES;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        conn_limit = rl.rlim_cur > (rlim_t)WEB_OTHER_FILES + 16 ? (int)(rl.rlim_cur - WEB_OTHER_FILES) : 16;
        fprintf(stderr, _("pmm serve: el proceso solo puede abrir %ld archivos: se atienden hasta %d "
                          "conexiones a la vez en lugar de %d (suba LimitNOFILE o «ulimit -n»)\n"),
                (long)rl.rlim_cur, conn_limit, WEB_MAX_CONNECTIONS);
    }
}

int web_serve(const WebConfig *cfg) {
    config = cfg;
    if (sodium_init() < 0) {
        fprintf(stderr, "pmm serve: libsodium\n");
        return 1;
    }
    if (cfg->access_log && strcmp(cfg->access_log, "-") == 0) access_log = stderr;
    else if (cfg->access_log && !(access_log = fopen(cfg->access_log, "a"))) {
        perror(cfg->access_log);
        return 1;
    }
    if (access_log && access_log != stderr) setvbuf(access_log, NULL, _IOLBF, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    if (inet_pton(AF_INET, cfg->listen, &sa.sin_addr) != 1) {
        fprintf(stderr, _("pmm serve: dirección no válida «%s» (se espera IPv4, p. ej. 127.0.0.1)\n"),
                cfg->listen);
        return 2;
    }
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = on_signal;
    sigaction(SIGTERM, &act, NULL);
    sigaction(SIGINT, &act, NULL);
    sigaction(SIGQUIT, &act, NULL);
    sigaction(SIGHUP, &act, NULL);
    sigaction(SIGUSR1, &act, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGALRM, SIG_IGN);

    web_memory_prepare();              /* F15: before any thread */
    int threads = cfg->threads > 0 ? cfg->threads : WEB_THREADS;
    conn_limit_set(threads);
    store_set_writer_cap(WEB_WRITER_CAP(threads));
    timeout_answer_make();
    struct MHD_OptionItem pool_option[] = {{MHD_OPTION_THREAD_POOL_SIZE, threads, NULL},
                                           {MHD_OPTION_END, 0, NULL}};
    struct MHD_OptionItem no_option[] = {{MHD_OPTION_END, 0, NULL}};
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC |
            MHD_ALLOW_SUSPEND_RESUME,     /* work_off */
        0, NULL, NULL, on_request, NULL,
        MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, NULL,     /* first, as it wants: round 3, F4 */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        /* a pool of one is no pool: libmicrohttpd warned so in English at
         * every start of --threads 1 (issue 15 round 5, F7); then the
         * polling thread answers */
        MHD_OPTION_ARRAY, threads > 1 ? pool_option : no_option,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(cfg->timeout > 0 ? cfg->timeout : WEB_CONN_TIMEOUT),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)conn_limit,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_CONN_MEMORY,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(cfg->per_ip > 0 ? cfg->per_ip : 0),
        MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, _("pmm serve: no se puede escuchar en %s:%d: %s\n"), cfg->listen, cfg->port,
                errtext(errno));
        return 1;
    }
    /* before the budget measures what the server maps (each worker's stack) */
    pool_start(&render_pool, web_memory_render_workers(threads));
    writers_start(threads);
    web_memory_start(cfg->cache_bytes);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    int port = di ? di->port : cfg->port;
    /* issue 11: links in mail start with --base-url, by default this
     * server's own address; the outbox's sender has its own connection */
    static char default_base[96];
    static MailConfig mail;
    mail = cfg->mail;
    if (!mail.base_url) {
        snprintf(default_base, sizeof default_base, "http://%s:%d", cfg->listen, port);
        mail.base_url = default_base;
    }
    mail_store_set_base_url(mail.base_url);
    if (!mailer_start(&mail, cfg->db_path)) {
        fprintf(stderr, _("pmm serve: no se pudo iniciar el envío de correo\n"));
        pools_stop();
        MHD_stop_daemon(d);
        return 1;
    }
    printf(_("pmm: sirviendo la plataforma en http://%s:%d/ (Ctrl-C para terminar)\n"), cfg->listen, port);
    fflush(stdout);
    while (!stopping) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        if (reopen_log) {
            reopen_log = 0;
            access_log_reopen();
        }
        cut_slow_requests();
        mhd_log_flush(0);
    }
    mhd_log_stopping();
    drain(d);
    pools_stop();
    MHD_stop_daemon(d);
    mhd_log_flush(1);
    mailer_stop();
    pthread_mutex_lock(&cache_lock);
    cache_clear_locked();
    pthread_mutex_unlock(&cache_lock);
    store_close(watch);
    watch = NULL;
    for (int i = 0; i < nstores; i++) store_close(stores[i]);
    nstores = 0;
    if (access_log && access_log != stderr) fclose(access_log);
    access_log = NULL;
    printf(_("pmm: servidor detenido\n"));
    return 0;
}
