#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "util/mem.h"

/* Issue 15 (F15, fault 1): address space kept back, under a memory limit,
 * for the allocation that would otherwise end the process. The first
 * allocation that fails gives it up and is tried again; the process then
 * is "short of memory" (mem_low) until mem_reserve takes it back. */
static _Atomic(void *) reserve;
static _Atomic size_t reserve_size;
static atomic_bool low;

static void oom(size_t n) {
    fprintf(stderr, "pmm: sin memoria (%zu bytes)\n", n);
    abort();
}

/* Gives the reserve back to the system; false when none was held. */
static bool reserve_release(void) {
    void *p = atomic_exchange(&reserve, NULL);
    if (!p) return false;
    munmap(p, reserve_size);
    atomic_store(&low, true);
    return true;
}

bool mem_reserve(size_t n) {
    if (atomic_load(&reserve)) return true;
    /* PROT_NONE: counts against an address-space limit (RLIMIT_AS), costs no page */
    void *p = mmap(NULL, n, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return false;
    reserve_size = n;
    void *none = NULL;
    if (!atomic_compare_exchange_strong(&reserve, &none, p)) munmap(p, n);
    atomic_store(&low, false);
    return true;
}

bool mem_low(void) { return atomic_load(&low); }

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    while (!p && reserve_release()) p = malloc(n ? n : 1);
    if (!p) oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size ? size : 1);
    while (!p && reserve_release()) p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    while (!q && reserve_release()) q = realloc(p, n ? n : 1);
    if (!q) oom(n);
    return q;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n) {
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
