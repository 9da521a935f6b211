/* Hyphenation points from libhyphen (see hyphen.h). The dictionaries are
 * embedded at build time (data/meson.build) and parsed once per language
 * per process, the first time a text of that language is hyphenated. */
#include <glib.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "render/hyphen.h"
#include "util/embedded.h"
#include "util/i18n.h"

#define SHY "\xc2\xad"
#define MAX_WORD 120            /* bytes; longer is no word of a dictionary */

static HyphenDict *dicts[2];
static pthread_once_t once[2] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT};

static HyphenDict *load(const char *name) {
    const EmbeddedFile *f = embedded_find(name);
    FILE *in = f ? fmemopen((void *)f->data, f->size, "r") : NULL;
    HyphenDict *d = in ? hnj_hyphen_load_file(in) : NULL;
    if (in) fclose(in);
    if (!d) fprintf(stderr, _("pmm: no se pudo leer el diccionario de división de palabras %s: el PDF no "
                              "divide palabras al final de renglón\n"), name);
    return d;
}

static void load_es(void) { dicts[0] = load("hyph_es_MX.dic"); }
static void load_en(void) { dicts[1] = load("hyph_en_US.dic"); }

static HyphenDict *dict_for(Lang l) {
    int i = l == LANG_EN;
    pthread_once(&once[i], i ? load_en : load_es);
    return dicts[i];
}

static bool is_letter(utf8proc_int32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) || k == UTF8PROC_CATEGORY_MN;
}

static utf8proc_int32_t char_at(const char *s, size_t n, size_t i, size_t *len) {
    if ((unsigned char)s[i] < 0x80) {
        *len = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
    *len = k > 0 ? (size_t)k : 1;
    return k > 0 ? c : -1;
}

/* Whether the token (a run without spaces) S[0..n) is one to leave whole. */
static bool token_whole(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if ((s[i] >= '0' && s[i] <= '9') || strchr("@/\\_:", s[i]) || (unsigned char)s[i] == 0xc2)
            return true;       /* 0xc2: a soft hyphen (or a no-break space) already there */
    return false;
}

/* Whether the character at W (LEN bytes) and the next may be drawn as one
 * glyph, a ligature (DejaVu's ff, fi, fl, ffi, ffl): a soft hyphen between
 * them would be part of that glyph's text, and pdftotext would show it
 * mid-word where the word was not broken ("dif\u00adficulties"). */
static bool ligature(const char *w, size_t len) {
    return len == 1 && (w[0] == 'f' || w[0] == 'F') && strchr("fijltFIJLT", w[1]) && w[1];
}

/* The word W[0..n): appended with its soft hyphens. */
static void hyphenate(Str *out, const char *w, size_t n, HyphenDict *d, int lmin, int rmin) {
    char low[MAX_WORD + 1], hy[MAX_WORD + 5];
    size_t chars = 0, o = 0, len;
    bool caps = false;
    for (size_t i = 0; i < n && n <= MAX_WORD; i += len, chars++) {
        utf8proc_int32_t c = char_at(w, n, i, &len);
        if (c < 0) {
            o = MAX_WORD + 1;
            continue;
        }
        utf8proc_int32_t lc = c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : utf8proc_tolower(c);
        caps |= lc != c;        /* a proper name or an acronym: left whole */
        utf8proc_uint8_t b[4];
        utf8proc_ssize_t k = utf8proc_encode_char(lc, b);
        if (k != (utf8proc_ssize_t)len) o = MAX_WORD + 1;     /* a lower case of another length */
        if (o + (size_t)k <= MAX_WORD) memcpy(low + o, b, (size_t)k);
        o += (size_t)k;
    }
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (!d || n > MAX_WORD || o != n || caps || chars < 5 ||
        hnj_hyphen_hyphenate3(d, low, (int)n, hy, NULL, &rep, &pos, &cut, lmin, rmin, lmin, rmin) != 0) {
        str_append(out, w, n);
        return;
    }
    /* hy[k] is odd where the word may break after its character k */
    size_t k = 0;
    for (size_t i = 0; i < n; i += len, k++) {
        char_at(w, n, i, &len);
        str_append(out, w + i, len);
        if ((hy[k] & 1) && (!rep || !rep[k]) && i + len < n && !ligature(w + i, len)) str_puts(out, SHY);
    }
    if (rep) {
        for (size_t j = 0; j < chars; j++) free(rep[j]);
        free(rep);
        free(pos);
        free(cut);
    }
}

/* A document repeats its words (a third of the Informe's are new): each
 * is hyphenated once per document, its result kept under (language, word). */
struct HyphenCache {
    GHashTable *words;
};

HyphenCache *hyphen_cache_new(void) {
    HyphenCache *c = g_new(HyphenCache, 1);
    c->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return c;
}

void hyphen_cache_free(HyphenCache *c) {
    if (!c) return;
    g_hash_table_destroy(c->words);
    g_free(c);
}

static void word(HyphenCache *c, Str *out, const char *w, size_t n, Lang l, HyphenDict *d, int lmin, int rmin) {
    if (n < 5) {                /* fewer than five letters: never broken */
        str_append(out, w, n);
        return;
    }
    /* the key: the language's letter, then the word; on the stack when it
     * fits (printf cost more than the lookup: most words are found) */
    char buf[64], *key = n + 2 <= sizeof buf ? buf : g_malloc(n + 2);
    key[0] = l == LANG_EN ? 'e' : 's';
    memcpy(key + 1, w, n);
    key[n + 1] = '\0';
    const char *done = c ? g_hash_table_lookup(c->words, key) : NULL;
    size_t from = out->len;
    if (done) str_puts(out, done);
    else hyphenate(out, w, n, d, lmin, rmin);
    if (c && !done)
        g_hash_table_insert(c->words, key == buf ? g_strdup(key) : key, g_strndup(out->p + from, out->len - from));
    else if (key != buf)
        g_free(key);
}

void hyphen_soft(HyphenCache *cache, Str *out, const char *s, size_t n, Lang l) {
    HyphenDict *d = dict_for(l);
    int lmin = 2, rmin = l == LANG_EN ? 3 : 2;       /* the dictionaries' own minima */
    size_t i = 0, len;
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\n') {
            str_putc(out, s[i++]);
            continue;
        }
        size_t end = i;                             /* the token: up to a space */
        while (end < n && s[end] != ' ' && s[end] != '\n') end++;
        if (token_whole(s + i, end - i)) {
            str_append(out, s + i, end - i);
            i = end;
            continue;
        }
        while (i < end) {                           /* its words and what is between */
            size_t w = i;
            while (w < end && is_letter(char_at(s, end, w, &len))) w += len;
            if (w > i) {
                word(cache, out, s + i, w - i, l, d, lmin, rmin);
                i = w;
            } else {
                char_at(s, end, i, &len);
                str_append(out, s + i, len);
                i += len;
            }
        }
    }
}
