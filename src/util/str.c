#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/str.h"
#include "util/mem.h"
#include "util/arena.h"
#include "util/text.h"

void str_free(Str *s) {
    free(s->p);
    s->p = NULL;
    s->len = s->cap = 0;
    s->failed = false;
}

void str_clear(Str *s) {
    s->failed = false;
    s->len = 0;
    if (s->p) s->p[0] = '\0';
}

void str_soft(Str *s) { s->soft = true; }

bool str_failed(const Str *s) { return s->failed; }

/* The text is given up at once: what comes after the failure (the rest
 * of a rendering, the error page) needs the memory more. */
void str_fail(Str *s) {
    if (!s->soft) return;       /* a Str that did not opt in never fails */
    str_free(s);
    s->failed = true;
}

bool str_reserve(Str *s, size_t extra) {
    if (s->failed) return false;
    if (s->len + extra + 1 <= s->cap) return true;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < s->len + extra + 1) cap *= 2;
    /* F15B: a soft Str does not take the reserve (util/mem.c): that is
     * kept for the allocations that cannot fail */
    char *p = s->soft ? realloc(s->p, cap) : xrealloc(s->p, cap);
    if (!p) {
        str_fail(s);
        return false;
    }
    s->p = p;
    s->cap = cap;
    return true;
}

void str_append(Str *s, const char *data, size_t n) {
    if (!str_reserve(s, n)) return;
    memcpy(s->p + s->len, data, n);
    s->len += n;
    s->p[s->len] = '\0';
}

void str_puts(Str *s, const char *z) { str_append(s, z, strlen(z)); }

void str_putc(Str *s, char c) { str_append(s, &c, 1); }

void str_vprintf(Str *s, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0 || !str_reserve(s, (size_t)n)) return;
    vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
    s->len += (size_t)n;
}

void str_printf(Str *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    str_vprintf(s, fmt, ap);
    va_end(ap);
}

/* Z[0..n) escaped for HTML text and attributes. */
static void escape_n(Str *s, const char *z, size_t n) {
    const char *run = z, *end = z + n;
    for (; z < end; z++) {
        const char *rep = NULL;
        switch (*z) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        str_append(s, run, (size_t)(z - run));
        str_puts(s, rep);
        run = z + 1;
    }
    str_append(s, run, (size_t)(z - run));
}

void str_html_escape(Str *s, const char *z) {
    if (z) escape_n(s, z, strlen(z));
}

/* %-s (t12 fault 7): a record's text, as the publications print it. The
 * line separators U+2028, U+2029 and U+0085 are the newline they mean
 * (text_line_separator_at, the rule doc_text follows), which an element
 * of class "text" shows as a line break and any other as a space; a text
 * holding a right-to-left character or a direction control is a bidi
 * isolate (text_isolated), so that an override in it reverses nothing
 * after it: the category link beside a challenge, the site's name after
 * an action's in <title>. Unicode's isolates rather than <bdi>: the same
 * text goes in attributes and in <title>, where no element can. */
static void html_record(Str *s, const char *z) {
    if (!z) return;
    Arena a = ARENA_INIT;
    const char *t = text_isolated(&a, z), *run = t;
    for (const char *p = t; *p;) {
        size_t k = text_line_separator_at(p);
        if (!k) {
            p++;
            continue;
        }
        escape_n(s, run, (size_t)(p - run));
        str_putc(s, '\n');
        run = p += k;
    }
    str_html_escape(s, run);
    arena_free(&a);
}

/* Copies one conversion spec (flags, width, precision, length) into SPEC and
 * returns the conversion character; *fmtp is left after it. */
static char take_spec(const char **fmtp, char *spec, size_t cap) {
    const char *f = *fmtp;
    size_t n = 0;
    spec[n++] = '%';
    while (*f && strchr("-+ #0123456789.lzh", *f) && n < cap - 2) spec[n++] = *f++;
    char conv = *f ? *f++ : '\0';
    spec[n++] = conv;
    spec[n] = '\0';
    *fmtp = f;
    return conv;
}

void str_vhtml(Str *s, const char *fmt, va_list ap) {
    char spec[32];
    while (*fmt) {
        const char *pct = strchr(fmt, '%');
        if (!pct) { str_puts(s, fmt); return; }
        str_append(s, fmt, (size_t)(pct - fmt));
        fmt = pct + 1;
        char conv = take_spec(&fmt, spec, sizeof spec);
        int is_long = strstr(spec, "l") != NULL, is_ll = strstr(spec, "ll") != NULL;
        int is_z = strchr(spec, 'z') != NULL;
        switch (conv) {
        case 's':
            if (spec[1] == '-') html_record(s, va_arg(ap, const char *));
            else str_html_escape(s, va_arg(ap, const char *));
            break;
        case '%': str_putc(s, '%'); break;
        case 'c': str_html_escape(s, (char[]){(char)va_arg(ap, int), 0}); break;
        case 'd': case 'i': case 'u': case 'x':
            if (is_ll) str_printf(s, spec, va_arg(ap, long long));
            else if (is_long) str_printf(s, spec, va_arg(ap, long));
            else if (is_z) str_printf(s, spec, va_arg(ap, size_t));
            else str_printf(s, spec, va_arg(ap, int));
            break;
        case 'f': case 'g': case 'e':
            str_printf(s, spec, va_arg(ap, double));
            break;
        default:
            /* An unknown conversion is a programming error: make it visible. */
            str_puts(s, "%?");
            return;
        }
    }
}

void str_url(Str *s, const char *z) {
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(z ? z : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p)) {
            str_putc(s, (char)*p);
        } else {
            str_putc(s, '%');
            str_putc(s, hex[*p >> 4]);
            str_putc(s, hex[*p & 15]);
        }
    }
}

void str_html(Str *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    str_vhtml(s, fmt, ap);
    va_end(ap);
}

char *str_take(Str *s) {
    char *p = s->p ? s->p : xstrdup("");
    s->p = NULL;
    s->len = s->cap = 0;
    s->failed = false;
    return p;
}

const char *str_cstr(const Str *s) { return s->p ? s->p : ""; }
