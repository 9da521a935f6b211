/*
 * URL and form decoding (see form.h). Moved out of server.c so that it can
 * be fuzzed and unit-tested without a server.
 */
#include <string.h>
#include "web/form.h"

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t form_decode(const char *s, size_t len, char *out, bool plus, bool *nul) {
    size_t w = 0;
    *nul = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '+' && plus) {
            c = ' ';
        } else if (c == '%' && i + 2 < len && hexval((unsigned char)s[i + 1]) >= 0 &&
                   hexval((unsigned char)s[i + 2]) >= 0) {
            c = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
            i += 2;
        }
        if (c == '\0') *nul = true;
        out[w++] = c;
    }
    out[w] = '\0';
    return w;
}

FormResult form_parse(Arena *a, const char *text, size_t len, int max, KV **out, int *n) {
    *out = NULL;
    *n = 0;
    int cap = 1;
    for (size_t i = 0; i < len; i++) cap += text[i] == '&';
    if (cap > max + 1) cap = max + 1;
    KV *kv = arena_alloc(a, sizeof *kv * (size_t)cap);
    int nkv = 0;
    for (size_t i = 0; i < len;) {
        const char *part = text + i;
        const char *amp = memchr(part, '&', len - i);
        size_t plen = amp ? (size_t)(amp - part) : len - i;
        i += plen + 1;
        if (plen == 0) continue;
        if (nkv == max) return FORM_TOO_MANY;
        const char *eq = memchr(part, '=', plen);
        size_t nlen = eq ? (size_t)(eq - part) : plen;
        size_t vlen = eq ? plen - nlen - 1 : 0;
        char *name = arena_alloc(a, nlen + 1), *value = arena_alloc(a, vlen + 1);
        bool nul1, nul2;
        form_decode(part, nlen, name, true, &nul1);
        form_decode(eq ? eq + 1 : part + plen, vlen, value, true, &nul2);
        if (nul1 || nul2) return FORM_NUL;
        kv[nkv++] = (KV){name, value};
    }
    *out = kv;
    *n = nkv;
    return FORM_OK;
}
