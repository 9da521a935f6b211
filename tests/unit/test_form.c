/* The URL and form decoder of the web server (src/web/form.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "web/form.h"

static const char *decode(const char *in, bool plus, bool *nul, size_t *len) {
    static char out[256];
    *len = form_decode(in, strlen(in), out, plus, nul);
    return out;
}

static void test_decode_escapes(void **state) {
    (void)state;
    bool nul;
    size_t n;
    assert_string_equal(decode("a%20b%2Bc%c3%A1", true, &nul, &n), "a b+cá");
    assert_false(nul);
    assert_int_equal(n, 7);
    /* '+' is a space in a query or form, itself in a path */
    assert_string_equal(decode("a+b", true, &nul, &n), "a b");
    assert_string_equal(decode("a+b", false, &nul, &n), "a+b");
    /* %2B decodes to '+' after the '+' rule: not turned into a space */
    assert_string_equal(decode("%2B+", true, &nul, &n), "+ ");
}

static void test_decode_bad_escapes_kept(void **state) {
    (void)state;
    bool nul;
    size_t n;
    assert_string_equal(decode("%zz", true, &nul, &n), "%zz");
    assert_string_equal(decode("100%", true, &nul, &n), "100%");
    assert_string_equal(decode("%4", true, &nul, &n), "%4");
    assert_string_equal(decode("%4g%41", true, &nul, &n), "%4gA");
    assert_string_equal(decode("%%41", true, &nul, &n), "%A");
    assert_false(nul);
}

static void test_decode_nul_reported(void **state) {
    (void)state;
    bool nul;
    size_t n;
    const char *out = decode("12%00abc", true, &nul, &n);
    assert_true(nul);
    assert_int_equal(n, 6);             /* the length says there is more than "12" */
    assert_memory_equal(out, "12\0abc", 7);
    /* a raw NUL byte in the input is reported too */
    char raw[] = {'a', '\0', 'b'};
    char buf[4];
    assert_int_equal(form_decode(raw, 3, buf, true, &nul), 3);
    assert_true(nul);
}

static void test_decode_in_place(void **state) {
    (void)state;
    char s[] = "x%41y+z";
    bool nul;
    size_t n = form_decode(s, strlen(s), s, true, &nul);
    assert_int_equal(n, 5);
    assert_string_equal(s, "xAy z");
}

static void test_parse_fields(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    KV *kv;
    int n;
    const char *body = "usuario=ana+mar%C3%ADa&vacio=&sin&=solo&&objetivo=1&objetivo=23&x=a=b";
    assert_int_equal(form_parse(&a, body, strlen(body), 100, &kv, &n), FORM_OK);
    assert_int_equal(n, 7);
    assert_string_equal(kv[0].name, "usuario");
    assert_string_equal(kv[0].value, "ana maría");
    assert_string_equal(kv[1].name, "vacio");
    assert_string_equal(kv[1].value, "");
    assert_string_equal(kv[2].name, "sin");       /* no '=': empty value */
    assert_string_equal(kv[2].value, "");
    assert_string_equal(kv[3].name, "");          /* empty names are kept */
    assert_string_equal(kv[3].value, "solo");
    /* "&&": the empty part is skipped; repeated names all kept, in order */
    assert_string_equal(kv[4].name, "objetivo");
    assert_string_equal(kv[4].value, "1");
    assert_string_equal(kv[5].value, "23");
    assert_string_equal(kv[6].name, "x");         /* split at the first '=' only */
    assert_string_equal(kv[6].value, "a=b");
    /* an escaped '&' or '=' is data, not a separator */
    const char *esc = "a%26b=c%3Dd";
    assert_int_equal(form_parse(&a, esc, strlen(esc), 100, &kv, &n), FORM_OK);
    assert_int_equal(n, 1);
    assert_string_equal(kv[0].name, "a&b");
    assert_string_equal(kv[0].value, "c=d");
    assert_int_equal(form_parse(&a, "", 0, 100, &kv, &n), FORM_OK);
    assert_int_equal(n, 0);
    arena_free(&a);
}

static void test_parse_nul_refused(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    KV *kv;
    int n;
    const char *v = "edicion=2024%00x";
    assert_int_equal(form_parse(&a, v, strlen(v), 100, &kv, &n), FORM_NUL);
    const char *k = "csrf%00=1";
    assert_int_equal(form_parse(&a, k, strlen(k), 100, &kv, &n), FORM_NUL);
    const char raw[] = "a=1\0&b=2";
    assert_int_equal(form_parse(&a, raw, sizeof raw - 1, 100, &kv, &n), FORM_NUL);
    arena_free(&a);
}

static void test_parse_field_limit(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    KV *kv;
    int n;
    assert_int_equal(form_parse(&a, "a=1&b=2&c=3", 11, 3, &kv, &n), FORM_OK);
    assert_int_equal(n, 3);
    assert_int_equal(form_parse(&a, "a=1&b=2&c=3&d", 13, 3, &kv, &n), FORM_TOO_MANY);
    /* empty parts do not count */
    assert_int_equal(form_parse(&a, "a&&&b&&&c&&&", 12, 3, &kv, &n), FORM_OK);
    assert_int_equal(n, 3);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_escapes),
        cmocka_unit_test(test_decode_bad_escapes_kept),
        cmocka_unit_test(test_decode_nul_reported),
        cmocka_unit_test(test_decode_in_place),
        cmocka_unit_test(test_parse_fields),
        cmocka_unit_test(test_parse_nul_refused),
        cmocka_unit_test(test_parse_field_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
