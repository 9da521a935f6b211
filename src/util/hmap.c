#include <string.h>
#include <stdlib.h>
#include "util/hmap.h"
#include "util/mem.h"

static uint64_t hash_str(const char *s) {      /* FNV-1a */
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) { h ^= (unsigned char)*s; h *= 1099511628211ULL; }
    return h;
}

void hmap_init(HMap *m) {
    memset(m, 0, sizeof *m);
}

void hmap_free(HMap *m) {
    free(m->keys);
    free(m->vals);
    arena_free(&m->arena);
    memset(m, 0, sizeof *m);
}

static size_t slot_of(char **keys, size_t cap, const char *key) {
    size_t i = (size_t)hash_str(key) & (cap - 1);
    while (keys[i] && strcmp(keys[i], key) != 0) i = (i + 1) & (cap - 1);
    return i;
}

static void grow(HMap *m) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    char **keys = xcalloc(cap, sizeof *keys);
    int64_t *vals = xcalloc(cap, sizeof *vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i]) continue;
        size_t j = slot_of(keys, cap, m->keys[i]);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
}

bool hmap_put(HMap *m, const char *key, int64_t val) {
    if ((m->count + 1) * 2 > m->cap) grow(m);
    size_t i = slot_of(m->keys, m->cap, key);
    if (m->keys[i]) return false;
    m->keys[i] = arena_strdup(&m->arena, key);
    m->vals[i] = val;
    m->count++;
    return true;
}

bool hmap_get(const HMap *m, const char *key, int64_t *val) {
    if (!m->cap) return false;
    size_t i = slot_of(m->keys, m->cap, key);
    if (!m->keys[i]) return false;
    if (val) *val = m->vals[i];
    return true;
}
