#include <locale.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "util/i18n.h"

#ifndef PMM_LOCALEDIR
#define PMM_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *current = "es";

/* The first of PMM_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set
 * decides; English when it starts with "en", Spanish otherwise. */
static const char *pick_language(void) {
    const char *vars[] = {"PMM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v && strcmp(v, "C") != 0 && strcmp(v, "POSIX") != 0 && strncmp(v, "C.", 2) != 0)
            return strncmp(v, "en", 2) == 0 ? "en" : "es";
    }
    return "es";
}

/* Catalogs next to an uninstalled binary (build/src/pmm -> build/po), or
 * the installed ones. */
static const char *locale_dir(void) {
    static char dir[4096];
    const char *env = getenv("PMM_LOCALEDIR");
    if (env && *env) return env;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    if (n > 0) {
        dir[n] = '\0';
        char *slash = strrchr(dir, '/');
        if (slash) {
            strcpy(slash, "/../po/en/LC_MESSAGES/pmm.mo");
            if (access(dir, R_OK) == 0) {
                strcpy(slash, "/../po");
                return dir;
            }
        }
    }
    return PMM_LOCALEDIR;
}

/* Spanish is the source language; English comes from the gettext catalog
 * when LANGUAGE/LC_ALL/LC_MESSAGES/LANG ask for it. */
void i18n_init(void) {
    /* A LANG naming a locale the machine lacks (en_US.UTF-8 on a fresh
     * Debian) would make gettext ignore LANGUAGE: fall back to C.UTF-8. */
    const char *lang = pick_language();
    if (!setlocale(LC_ALL, "")) {
        setenv("LC_ALL", "C.UTF-8", 1);
        setlocale(LC_ALL, "C.UTF-8");
    }
    setlocale(LC_NUMERIC, "C");        /* numbers in files and JSON stay "1.5" */
    current = lang;
    /* glibc honours LANGUAGE even in the C locale, which is all a fresh
     * machine has; so English is asked for through it. */
    if (strcmp(lang, "en") == 0) setenv("LANGUAGE", "en", 1);
    else setenv("LANGUAGE", "es", 1);
    bindtextdomain("pmm", locale_dir());
    bind_textdomain_codeset("pmm", "UTF-8");
    textdomain("pmm");
}

/* ---- a request's own language (issue 14) ----
 * The process's language is fixed at start (LANGUAGE, for gettext); an
 * API request may ask for the other one. English then comes from the same
 * catalog gettext reads (po/en.po compiled), looked up here, as glibc
 * gives a thread no language of its own. */

static __thread const char *thread_lang;

typedef struct {
    char *buf;
    size_t len;
    uint32_t n, orig, trans;
    bool swap;
} MoFile;

static MoFile en_mo;
static pthread_once_t en_mo_once = PTHREAD_ONCE_INIT;

static uint32_t mo_word(const MoFile *m, size_t off) {
    if (off + 4 > m->len) return 0;
    unsigned char *p = (unsigned char *)m->buf + off;
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return m->swap ? (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24) : v;
}

/* The string of table entry I (orig or trans), NUL-terminated inside the
 * file, or NULL when the file lies about it. */
static const char *mo_string(const MoFile *m, uint32_t table, uint32_t i) {
    uint32_t len = mo_word(m, (size_t)table + 8u * i), off = mo_word(m, (size_t)table + 8u * i + 4);
    if ((size_t)off + len >= m->len || m->buf[off + len] != '\0') return NULL;
    return m->buf + off;
}

static void en_mo_load(void) {
    char path[4200];
    snprintf(path, sizeof path, "%s/en/LC_MESSAGES/pmm.mo", locale_dir());
    FILE *f = fopen(path, "rb");
    if (!f) return;
    MoFile m = {0};
    size_t cap = 0;
    for (;;) {
        if (m.len == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *b = realloc(m.buf, cap);
            if (!b) break;
            m.buf = b;
        }
        size_t got = fread(m.buf + m.len, 1, cap - m.len, f);
        if (!got) break;
        m.len += got;
    }
    fclose(f);
    uint32_t magic = m.len >= 20 ? mo_word(&m, 0) : 0;
    m.swap = magic == 0xde120495u;
    if (magic != 0x950412deu && !m.swap) {
        free(m.buf);
        return;
    }
    m.n = mo_word(&m, 8);
    m.orig = mo_word(&m, 12);
    m.trans = mo_word(&m, 16);
    en_mo = m;
}

/* MSGID's English, by binary search of the sorted originals; NULL if none. */
static const char *en_lookup(const char *msgid) {
    pthread_once(&en_mo_once, en_mo_load);
    uint32_t lo = 0, hi = en_mo.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = mo_string(&en_mo, en_mo.orig, mid);
        if (!o) return NULL;
        int c = strcmp(msgid, o);
        if (c == 0) {
            const char *t = mo_string(&en_mo, en_mo.trans, mid);
            return t && *t ? t : NULL;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

const char *i18n_text(const char *msgid) {
    if (!thread_lang || strcmp(thread_lang, current) == 0) return gettext(msgid);
    if (strcmp(thread_lang, "es") == 0) return msgid;       /* Spanish is the source */
    const char *t = en_lookup(msgid);
    return t ? t : msgid;
}

void i18n_set_thread_lang(const char *lang) { thread_lang = lang; }

const char *i18n_text_in(const char *lang, const char *msgid) {
    if (strcmp(lang, current) == 0) return gettext(msgid);
    if (strcmp(lang, "es") == 0) return msgid;
    const char *t = en_lookup(msgid);
    return t ? t : msgid;
}

/* The q-value of one language range's parameters (";q=0.5"); 1 by default. */
static double accept_q(const char *params, size_t n) {
    for (size_t i = 0; i + 1 < n; i++)
        if ((params[i] == 'q' || params[i] == 'Q') && params[i + 1] == '=') return strtod(params + i + 2, NULL);
    return 1.0;
}

const char *i18n_accept(const char *h) {
    const char *best = NULL;
    double best_q = 0;
    for (const char *p = h; p && *p;) {
        while (*p == ' ' || *p == ',') p++;
        size_t n = strcspn(p, ","), tag = strcspn(p, ";,");
        if (tag > n) tag = n;
        double q = accept_q(p + tag, n - tag);
        const char *lang = tag >= 2 && (tag == 2 || p[2] == '-' || p[2] == ' ') ?
            (strncasecmp(p, "es", 2) == 0 ? "es" : strncasecmp(p, "en", 2) == 0 ? "en" : NULL) : NULL;
        if (lang && q > best_q) {
            best = lang;
            best_q = q;
        }
        p += n;
    }
    return best;
}

const char *i18n_lang(void) { return thread_lang ? thread_lang : current; }
