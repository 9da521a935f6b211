/*
 * libFuzzer target: the URL and form decoder of the web server
 * (src/web/form.c), on arbitrary bytes. Checks, beyond the sanitizers:
 * the decoded text is never longer than its input, ends in a NUL at the
 * length returned, and is flagged exactly when it holds a NUL byte; a
 * percent-encoding of the output decodes back to it; form_parse keeps no
 * more fields than '&'-separated parts nor than its limit, refuses a NUL,
 * and what it returns, encoded again, parses back to the same fields (so
 * no name can hold a '&' or '=' that was a separator).
 *
 * Built with -Dfuzz=true (make fuzz); replay.c runs the same function over
 * the inputs kept in tests/fuzz/regress/ and the seeds in every build.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util/mem.h"
#include "util/str.h"
#include "web/form.h"
#include "fuzz.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static size_t encode(const char *s, size_t len, char *out) {
    static const char hex[] = "0123456789ABCDEF";
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        out[w++] = '%';
        out[w++] = hex[c >> 4];
        out[w++] = hex[c & 15];
    }
    return w;
}

static void check_decode(const char *in, size_t len, bool plus) {
    char *out = xmalloc(len + 1);
    bool nul;
    size_t n = form_decode(in, len, out, plus, &nul);
    CHECK(n <= len);
    CHECK(out[n] == '\0');
    CHECK(nul == (memchr(out, '\0', n) != NULL));
    /* every byte of the output percent-encoded decodes back to it */
    char *enc = xmalloc(3 * n + 1), *back = xmalloc(3 * n + 1);
    size_t elen = encode(out, n, enc);
    bool nul2;
    size_t n2 = form_decode(enc, elen, back, plus, &nul2);
    CHECK(n2 == n && memcmp(back, out, n) == 0 && nul2 == nul);
    free(enc);
    free(back);
    free(out);
}

static void check_parse(const char *in, size_t len) {
    Arena a = ARENA_INIT;
    KV *kv;
    int n;
    size_t parts = 1;
    for (size_t i = 0; i < len; i++) parts += in[i] == '&';
    int max = 1 + (int)(len % 7);              /* the limit varies with the input */
    FormResult fr = form_parse(&a, in, len, max, &kv, &n);
    if (memchr(in, '\0', len)) CHECK(fr != FORM_OK);
    if (fr != FORM_OK) {
        CHECK(n == 0);
        arena_free(&a);
        return;
    }
    CHECK(n <= max && (size_t)n <= parts);
    /* re-encode the fields and parse them again: the same fields */
    Str s = STR_INIT;
    for (int i = 0; i < n; i++) {
        size_t nl = strlen(kv[i].name), vl = strlen(kv[i].value);
        CHECK(nl + vl <= len);
        char *buf = xmalloc(3 * (nl > vl ? nl : vl) + 1);
        if (i) str_putc(&s, '&');
        str_append(&s, buf, encode(kv[i].name, nl, buf));
        str_putc(&s, '=');
        str_append(&s, buf, encode(kv[i].value, vl, buf));
        free(buf);
    }
    KV *kv2;
    int n2;
    /* an empty name and value encode to "=", which is not an empty part */
    CHECK(form_parse(&a, s.p ? s.p : "", s.len, max, &kv2, &n2) == FORM_OK);
    CHECK(n2 == n);
    for (int i = 0; i < n; i++)
        CHECK(strcmp(kv[i].name, kv2[i].name) == 0 && strcmp(kv[i].value, kv2[i].value) == 0);
    str_free(&s);
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *in = (const char *)data;
    check_decode(in, size, true);
    check_decode(in, size, false);
    check_parse(in, size);
    return 0;
}
