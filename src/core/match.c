#include <stdlib.h>
#include <string.h>
#include "core/match.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"

void matcher_add(Matcher *m, int64_t id, const char *name, bool primary) {
    if (!name || !*name) return;
    char *key = text_fold(&m->arena, name);
    if (!*key) return;
    hmap_put(&m->keys, key, id);           /* first writer wins on a clash */
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->names = xrealloc(m->names, m->cap * sizeof *m->names);
        m->folded = xrealloc(m->folded, m->cap * sizeof *m->folded);
        m->ids = xrealloc(m->ids, m->cap * sizeof *m->ids);
        m->primary = xrealloc(m->primary, m->cap * sizeof *m->primary);
    }
    m->names[m->n] = arena_strdup(&m->arena, name);
    m->folded[m->n] = key;
    m->ids[m->n] = id;
    m->primary[m->n] = primary;
    m->n++;
}

void matcher_init(Matcher *m) {
    memset(m, 0, sizeof *m);
    hmap_init(&m->keys);
    hmap_init(&m->hits);
}

void matcher_free(Matcher *m) {
    hmap_free(&m->keys);
    hmap_free(&m->hits);
    arena_free(&m->arena);
    free(m->names);
    free(m->folded);
    free(m->ids);
    free(m->primary);
    memset(m, 0, sizeof *m);
}

/* A file names the same few hundred bodies and types a million times:
 * remember each spelling that matched (up to a bound, so that a hostile
 * file of distinct spellings cannot grow it without end). */
#define MATCHER_MAX_HITS 65536

int64_t matcher_find(Matcher *m, const char *text) {
    int64_t id = 0;
    if (hmap_get(&m->hits, text, &id)) return id;
    Arena a = ARENA_INIT;
    char *key = text_fold(&a, text);
    if (!hmap_get(&m->keys, key, &id)) id = 0;
    arena_free(&a);
    if (id && m->hits.count < MATCHER_MAX_HITS) hmap_put(&m->hits, text, id);
    return id;
}

const char *matcher_name(const Matcher *m, int64_t id) {
    for (size_t i = 0; i < m->n; i++)
        if (m->ids[i] == id && m->primary[i]) return m->names[i];
    return NULL;
}

int matcher_suggest(Matcher *m, const char *text, int max, Str *out) {
    Arena a = ARENA_INIT;
    char *key = text_fold(&a, text);
    int cap = (int)strlen(key) / 3 + 1;     /* "segov" -> segob, not every 5-letter acronym */
    /* the MAX best distinct entries, by edit distance, or by containing the
     * text (an acronym inside a long name) */
    int best_d[8];
    size_t best_i[8];
    int nb = 0;
    if (max > 8) max = 8;
    for (size_t i = 0; i < m->n; i++) {
        int d = text_distance(key, m->folded[i], cap);
        if (d > cap && *key && strstr(m->folded[i], key)) d = cap;
        if (d > cap) continue;
        bool dup = false;
        for (int j = 0; j < nb; j++)
            if (m->ids[best_i[j]] == m->ids[i]) {
                if (d < best_d[j]) { best_d[j] = d; best_i[j] = i; }
                dup = true;
            }
        if (dup) continue;
        int pos = nb;
        while (pos > 0 && best_d[pos - 1] > d) pos--;
        if (pos >= max) continue;
        if (nb < max) nb++;
        for (int j = nb - 1; j > pos; j--) { best_d[j] = best_d[j - 1]; best_i[j] = best_i[j - 1]; }
        best_d[pos] = d;
        best_i[pos] = i;
    }
    for (int j = 0; j < nb; j++) {
        if (j > 0) str_puts(out, j == nb - 1 ? _(" o ") : ", ");
        str_printf(out, _("«%s»"), m->names[best_i[j]]);
    }
    arena_free(&a);
    return nb;
}
