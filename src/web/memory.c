/*
 * Issue 15, verification round (F15, fault 1): pmm serve under a memory
 * limit. Eighteen heavy requests at once under `ulimit -v 450000` ended
 * the whole server (SIGSEGV, or the allocator's abort). Now:
 *
 * - the limit is found at start (the address-space limit, RLIMIT_AS, or
 *   the cgroup's memory.max, the smaller), and what the server uses then
 *   is subtracted: the rest, less a margin and the reserve, is the budget
 *   of the heavy requests (renderings of downloads, long API pages,
 *   searches), each counted at its measured peak (limits.h);
 * - a heavy request that would go past the budget is answered 503 with
 *   Retry-After, «no hay memoria suficiente», in the client's language;
 *   nothing goes past the budget, not even alone (a limit that leaves
 *   less than one rendering is said at start);
 * - under a limit, glibc's per-thread arenas (64 MiB of address space
 *   each) are capped, and a reserve of address space is kept back
 *   (util/mem.c): the allocation that finds no memory gives it up and
 *   goes on; until the reserve is taken back (when no heavy request is
 *   running) every new heavy request is refused.
 *
 * Without a limit nothing is refused here (docs/reliability.md).
 */
#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "util/i18n.h"
#include "util/mem.h"
#include "web/limits.h"
#include "web/web.h"

#define MIB (1024 * 1024)

/* F15B: a download's rendering is counted by what it renders (one
 * figure for every edition, 144 MiB, let an edition of 200 000 actions
 * reach the allocator's end). Peaks measured one request alone (`pmm
 * serve --threads 1 --cache-mb 0`, a fresh cache folder, VmHWM above the
 * idle server's RSS; docs/reliability.md, row 75) on editions of 5 000,
 * 20 000 and 40 000 actions made by bench/gen; each grows linearly with
 * the actions, and the figures here are at or above every measurement. */
static const struct {
    const char *file;
    int base_mib;             /* an edition without actions */
    int per_10k_mib;          /* each 10 000 actions */
} render_cost[] = {
    {"acciones.csv", 2, 13},          /* measured 6, 25, 49 MiB */
    {"retos.csv", 2, 9},              /* 4, 18, 35 */
    {"acciones.json", 2, 68},         /* 33, 135, 270 (jansson's tree and its text) */
    {"acciones.xlsx", 4, 26},         /* 15, 53, 104 */
    {"informe.html", 4, 17},          /* 10, 36, 69 */
    {"compendio.html", 4, 38},        /* 20, 77, 153 */
    {"informe.pdf", 12, 16},          /* 18, 40, 73 */
    {"compendio.pdf", 64, 98},        /* 111, 258 (48 s), 40 000: see row 75 */
};
#define RENDER_HEAVIEST 7             /* compendio.pdf: the most per action */

static int cost_of(int i, long actions) {
    long long mib = render_cost[i].base_mib + ((long long)render_cost[i].per_10k_mib * actions + 9999) / 10000;
    return mib < INT_MAX ? (int)mib : INT_MAX;
}

int web_render_mib(const char *file, long actions) {
    for (size_t i = 0; i < sizeof render_cost / sizeof *render_cost; i++)
        if (strcmp(render_cost[i].file, file) == 0) return cost_of((int)i, actions);
    return WEB_HEAVY_PAGE_MIB;        /* no rendering of an edition's actions */
}

static pthread_mutex_t heavy_lock = PTHREAD_MUTEX_INITIALIZER;
static long budget_mib;          /* 0: no limit, nothing refused */
static long used_mib;            /* admitted and not yet ended; under heavy_lock */
static bool told_low;            /* the log said the reserve was used; under heavy_lock */

/* A number from a line "NAME: N kB" of /proc/self/status, in bytes. */
static long long status_bytes(const char *name) {
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    long long v = 0;
    size_t n = strlen(name);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, n) == 0 && line[n] == ':') {
            v = atoll(line + n + 1) * 1024;
            break;
        }
    fclose(f);
    return v;
}

/* The cgroup (v2) memory.max of this process, in bytes; 0 when none. */
static long long cgroup_limit(void) {
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f) return 0;
    char line[4096], path[4200];
    long long v = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "0::", 3) != 0) continue;
        line[strcspn(line, "\n")] = '\0';
        snprintf(path, sizeof path, "/sys/fs/cgroup%s/memory.max", line + 3);
        FILE *m = fopen(path, "r");
        char val[64] = "";
        if (m && fgets(val, sizeof val, m) && strncmp(val, "max", 3) != 0) v = atoll(val);
        if (m) fclose(m);
    }
    fclose(f);
    return v;
}

/* A thread's first allocation takes an arena of its own while there are
 * fewer than the cap: each helper keeps its own until all have allocated. */
static pthread_mutex_t arenas_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t arenas_cond = PTHREAD_COND_INITIALIZER;
static int arenas_taken;
static bool arenas_done;

static void *volatile arena_probe;      /* kept, so the compiler keeps the allocation */

static void *take_arena(void *unused) {
    (void)unused;
    void *p = malloc(64);
    arena_probe = p;
    pthread_mutex_lock(&arenas_lock);
    arenas_taken++;
    pthread_cond_broadcast(&arenas_cond);
    while (!arenas_done) pthread_cond_wait(&arenas_cond, &arenas_lock);
    pthread_mutex_unlock(&arenas_lock);
    free(p);
    return NULL;
}

static bool limited;             /* a limit was found at start: web_memory_prepare */

/* Before the server's threads start: caps the arenas under a limit, and
 * makes them all now (issue 15, h15a, N3: the budget said at start was
 * 64 MiB larger in some starts, when no worker had yet allocated, and so
 * made the second arena, as the address space was measured). */
void web_memory_prepare(void) {
    struct rlimit rl;
    bool as = getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY;
    if (!as && cgroup_limit() <= 0) return;
    limited = true;
    mallopt(M_ARENA_MAX, WEB_MEMORY_ARENAS);
    pthread_t t[WEB_MEMORY_ARENAS];
    int n = 0;
    while (n < WEB_MEMORY_ARENAS - 1 && pthread_create(&t[n], NULL, take_arena, NULL) == 0) n++;
    pthread_mutex_lock(&arenas_lock);
    while (arenas_taken < n) pthread_cond_wait(&arenas_cond, &arenas_lock);
    arenas_done = true;
    pthread_cond_broadcast(&arenas_cond);
    pthread_mutex_unlock(&arenas_lock);
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
}

int web_memory_render_workers(int threads) {
    return limited && threads > WEB_MEMORY_RENDER_WORKERS ? WEB_MEMORY_RENDER_WORKERS : threads;
}

/* Once the threads run: the budget of heavy requests, said on stderr.
 * CACHE_BYTES, the response cache's bound, is memory the server may hold
 * beside any rendering: it is left out of the budget (issue 15, h15a, N1:
 * with the cache holding 34 MB of downloads rendered in memory on a full
 * disk, a Compendio in PDF admitted by the budget ran out of memory inside
 * pango, whose failed allocation ends the process, SIGTRAP). */
void web_memory_start(size_t cache_bytes) {
    struct rlimit rl;
    long long as = getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY ? (long long)rl.rlim_cur : 0;
    long long cg = cgroup_limit();
    /* address space counts every mapping, the cgroup only what is resident */
    long long room = as ? as - status_bytes("VmSize") : 0;
    if (cg && (!room || cg - status_bytes("VmRSS") < room)) room = cg - status_bytes("VmRSS");
    if (!as && !cg) return;
    bool reserved = mem_reserve((size_t)WEB_MEMORY_RESERVE_MIB * MIB);
    long cache_mib = (long)((cache_bytes + MIB - 1) / MIB);
    long b = (long)(room / MIB) - WEB_MEMORY_MARGIN_MIB - (reserved ? WEB_MEMORY_RESERVE_MIB : 0) - cache_mib;
    budget_mib = b > 1 ? b : 1;
    fprintf(stderr, _("pmm serve: límite de memoria de %lld MiB: hasta %ld MiB para descargas que se generan, "
                      "páginas largas de la API y búsquedas a la vez; las demás se rechazan con 503\n"),
            (as && (!cg || as < cg) ? as : cg) / MIB, budget_mib);
    /* F15B: what the budget can render, in the operator's terms */
    long most = (budget_mib - render_cost[RENDER_HEAVIEST].base_mib) * 10000 / render_cost[RENDER_HEAVIEST].per_10k_mib;
    if (most > 0)
        fprintf(stderr, _("pmm serve: ese límite alcanza para generar cada descarga de una edición de hasta %ld "
                          "acciones; de una edición mayor, la que no quepa se rechaza (las ya generadas se "
                          "sirven); suba el límite para ediciones mayores\n"), most);
    else   /* not «hasta 0 acciones» (t15v, L5): what to change, threads included */
        fprintf(stderr, _("pmm serve: ese límite no alcanza para generar el Compendio en PDF de ninguna edición "
                          "(necesita más de %ld MiB); las descargas que no quepan se rechazan (las ya generadas se "
                          "sirven): suba el límite, o use menos --threads (cada hilo reserva su pila)\n"),
                (long)render_cost[RENDER_HEAVIEST].base_mib);
}

/* The refusal, a server's own: in the client's language. */
static void refuse(Req *r) {
    const char *lang = i18n_lang();
    i18n_set_thread_lang(i18n_accept(req_header(r, "Accept-Language")));
    page_error(r, 503, _("No hay memoria suficiente en el servidor para atender esta solicitud ahora. "
                         "Inténtelo de nuevo en unos momentos."));
    req_set_header(r, "Retry-After", WEB_MEMORY_RETRY_AFTER);
    i18n_set_thread_lang(lang);
}

/* F15B: a request that needs more than the whole budget can never be
 * served under this limit: said so, without a Retry-After that could
 * never succeed. */
static void refuse_for_good(Req *r, int mib) {
    const char *lang = i18n_lang();
    i18n_set_thread_lang(i18n_accept(req_header(r, "Accept-Language")));
    page_error(r, 503, arena_printf(&r->a, _("Esta solicitud necesita unos %d MiB de memoria y el límite de "
                                             "memoria del servidor deja %ld MiB para ella: no se puede "
                                             "atender en este servidor aunque se intente de nuevo. El "
                                             "administrador puede subir el límite de memoria de pmm serve."),
                                   mib, budget_mib));
    i18n_set_thread_lang(lang);
}

bool web_heavy_begin(Req *r, int mib) {
    if (!budget_mib || r->heavy_mib) return true;
    if (mib > budget_mib) {
        refuse_for_good(r, mib);
        return false;
    }
    pthread_mutex_lock(&heavy_lock);
    if (used_mib == 0 && mem_low() && mem_reserve((size_t)WEB_MEMORY_RESERVE_MIB * MIB)) told_low = false;
    /* nothing past the budget, not even alone: the allocator's abort
     * would end the whole server (a limit below one rendering is said at
     * start) */
    bool admit = (used_mib == 0 || !mem_low()) && used_mib + mib <= budget_mib;
    if (admit) used_mib += mib;
    bool tell = !admit && mem_low() && !told_low;
    if (tell) told_low = true;
    pthread_mutex_unlock(&heavy_lock);
    if (tell) {
        const char *lang = i18n_lang();
        i18n_set_thread_lang(NULL);      /* the log is in the server's language */
        fprintf(stderr, _("pmm serve: la memoria se agotó; se rechazan descargas que se generan, páginas "
                          "largas de la API y búsquedas hasta que termine lo que está en curso\n"));
        i18n_set_thread_lang(lang);
    }
    if (admit) r->heavy_mib = mib;
    else refuse(r);
    return admit;
}

void web_heavy_end(Req *r) {
    if (!r->heavy_mib) return;
    pthread_mutex_lock(&heavy_lock);
    used_mib -= r->heavy_mib;
    pthread_mutex_unlock(&heavy_lock);
    r->heavy_mib = 0;
}

void web_memory_short(Req *r) {
    const char *lang = i18n_lang();
    i18n_set_thread_lang(NULL);          /* the log is in the server's language */
    fprintf(stderr, _("pmm serve: %s %s: no hubo memoria para la respuesta; se contestó 503\n"), r->method,
            r->path);
    i18n_set_thread_lang(lang);
    refuse(r);
}

bool web_memory_refusal(Req *r, int code) {
    if (code != STORE_FAILURE_NOMEM) return false;
    refuse(r);
    return true;
}
