#ifndef PMM_WEB_FORM_H
#define PMM_WEB_FORM_H
/*
 * Decoding what a browser sends in a URL and in a form body
 * (application/x-www-form-urlencoded): percent escapes, '+' for a space,
 * '&'-separated name=value pairs. Pure functions over bytes and a length,
 * with no libmicrohttpd in sight, so that unit tests and the fuzz target
 * (tests/fuzz/fuzz_form.c) call exactly what the server runs.
 *
 * A NUL byte (%00, or a raw NUL in a body) is never let through: C strings
 * would end there and a value could pass validation as its prefix. The
 * decoder reports it and the server answers 400.
 */
#include <stdbool.h>
#include <stddef.h>
#include "util/arena.h"

typedef struct {
    const char *name, *value;
} KV;

typedef enum {
    FORM_OK,
    FORM_NUL,             /* a %00 or a raw NUL byte: refused (400) */
    FORM_TOO_MANY,        /* more than the allowed number of fields (413) */
} FormResult;

/* Decodes S[0..LEN) into OUT (room for LEN + 1 bytes), NUL-terminated:
 * %XX becomes the byte XX; with PLUS, '+' becomes a space. A '%' not
 * followed by two hex digits (%zz, a trailing %) is kept as it is, as
 * browsers do. Returns the decoded length (never more than LEN); *NUL is
 * set when the decoded text holds a NUL byte. OUT may be S. */
size_t form_decode(const char *s, size_t len, char *out, bool plus, bool *nul);

/* Splits TEXT[0..LEN) at '&', each part at its first '=' (no '=': the
 * value is ""), and decodes names and values ('+' is a space). Empty parts
 * ("a=1&&b=2") are skipped; empty names ("=x") are kept. At most MAX
 * fields: one more is FORM_TOO_MANY. The fields, in order, go to *OUT
 * (*N of them), allocated in A. */
FormResult form_parse(Arena *a, const char *text, size_t len, int max, KV **out, int *n);

#endif
