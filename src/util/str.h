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
 * In str_html(), %-s writes a record's text (what a person typed: an
 * action's name, description, results, challenges, a review's comment):
 * escaped as %s, its line separators (U+2028, U+2029, U+0085) as newlines
 * and, when it holds a right-to-left character or a direction control,
 * as a bidi isolate (text_isolated), so nothing in it reorders the page
 * around it (t12 fault 7). Not for a form's value, which must come back
 * as it was: that stays %s.
 * str_url() percent-encodes one part of a URL (RFC 3986 unreserved
 * characters kept), the one encoder for links that carry a value; its
 * output needs no HTML escaping.
 *
 * Out of memory a Str ends the process (util/mem.h), unless its owner
 * opted in with str_soft() (issue 15, F15B: a web answer being built, so
 * that the server answers 503 and stays up): then a Str that cannot grow
 * enters an error state, as SQLite's StrAccum does. Every later append is
 * a no-op, the text is incomplete, and str_failed() says so: the owner
 * checks it before using the text. str_clear() and str_free() end the
 * error state (the buffer is given back); the opt-in stays.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *p;
    size_t len;
    size_t cap;
    bool soft;                  /* str_soft: cannot grow -> failed, no abort */
    bool failed;                /* a soft Str that could not grow */
} Str;

#define STR_INIT {NULL, 0, 0, false, false}

void str_free(Str *s);
void str_clear(Str *s);
/* Room for EXTRA more bytes; false only for a soft Str that failed. */
bool str_reserve(Str *s, size_t extra);
/* Opts S in to the error state instead of the process's end (above). */
void str_soft(Str *s);
/* Whether S (soft) lost text for lack of memory. */
bool str_failed(const Str *s);
/* Puts a soft S in the error state: its text could not be produced for
 * lack of memory elsewhere (a library's allocation that failed). */
void str_fail(Str *s);
void str_append(Str *s, const char *data, size_t n);
void str_puts(Str *s, const char *z);
void str_putc(Str *s, char c);
void str_printf(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void str_vprintf(Str *s, const char *fmt, va_list ap);
void str_html(Str *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void str_vhtml(Str *s, const char *fmt, va_list ap);
void str_html_escape(Str *s, const char *z);
void str_url(Str *s, const char *z);
/* Returns the buffer (never NULL) and leaves S empty (still soft if it
 * was, no longer failed). */
char *str_take(Str *s);
/* The text, "" when empty. */
const char *str_cstr(const Str *s);

#endif
