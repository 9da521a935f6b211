#ifndef PMM_STR_H
#define PMM_STR_H
/*
 * Str: a small owned, growable, always NUL-terminated string.
 * The owner calls str_free(); str_take() hands the buffer over instead.
 *
 * str_printf() is plain printf. str_html() is the one writer through which
 * all HTML goes: in its format, %s ESCAPES its argument for HTML text and
 * attributes, so no caller can forget to escape. It has no raw conversion:
 * trusted markup is appended explicitly with str_puts(), where a reader
 * sees it. Both are printf formats that the compiler checks (the format
 * attribute); they accept %d %ld %lld %u %zu %g %f %.Nf %x %c %%.
 * str_url() percent-encodes one part of a URL (RFC 3986 unreserved
 * characters kept), the one encoder for links that carry a value; its
 * output needs no HTML escaping.
 */
#include <stdarg.h>
#include <stddef.h>

typedef struct {
    char *p;
    size_t len;
    size_t cap;
} Str;

#define STR_INIT {NULL, 0, 0}

void str_free(Str *s);
void str_clear(Str *s);
void str_reserve(Str *s, size_t extra);
void str_append(Str *s, const char *data, size_t n);
void str_puts(Str *s, const char *z);
void str_putc(Str *s, char c);
void str_printf(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void str_vprintf(Str *s, const char *fmt, va_list ap);
void str_html(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void str_vhtml(Str *s, const char *fmt, va_list ap);
void str_html_escape(Str *s, const char *z);
void str_url(Str *s, const char *z);
/* Returns the buffer (never NULL) and leaves S empty. */
char *str_take(Str *s);
/* The text, "" when empty. */
const char *str_cstr(const Str *s);

#endif
