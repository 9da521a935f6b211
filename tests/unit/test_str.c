/* The owned string and the one HTML writer: %s escapes, %r does not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/str.h"
#include "util/hmap.h"

static void test_html_escapes_s(void **state) {
    Str s = STR_INIT;
    str_html(&s, "<p title=\"%s\">%s</p>", "a\"b'c", "<script>alert(1)</script> & más");
    assert_string_equal(s.p, "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; más</p>");
    str_free(&s);
}

static void test_html_raw_and_numbers(void **state) {
    Str s = STR_INIT;
    const char *volatile none = NULL;        /* a NULL %s writes nothing */
    str_puts(&s, "<b>x</b>");                 /* raw markup: only ever explicit */
    str_html(&s, "|%d|%ld|%zu|%.1f|%5.1f%%|%s", -3, 40L, (size_t)7, 54.25, 3.0, none);
    assert_string_equal(s.p, "<b>x</b>|-3|40|7|54.2|  3.0%|");
    str_clear(&s);
    str_url(&s, "Ciudad de México/á&b=c~_-.");
    assert_string_equal(s.p, "Ciudad%20de%20M%C3%A9xico%2F%C3%A1%26b%3Dc~_-.");
    str_free(&s);
}

static void test_printf_grows(void **state) {
    Str s = STR_INIT;
    for (int i = 0; i < 1000; i++) str_printf(&s, "%04d", i);
    assert_int_equal(s.len, 4000);
    assert_memory_equal(s.p + 3996, "0999", 4);
    char *p = str_take(&s);
    assert_null(s.p);
    free(p);
}

static void test_hmap(void **state) {
    HMap m;
    hmap_init(&m);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_true(hmap_put(&m, key, i));
    }
    assert_false(hmap_put(&m, "k42", 0));
    int64_t v;
    assert_true(hmap_get(&m, "k4999", &v));
    assert_int_equal(v, 4999);
    assert_false(hmap_get(&m, "k5000", &v));
    hmap_free(&m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escapes_s),
        cmocka_unit_test(test_html_raw_and_numbers),
        cmocka_unit_test(test_printf_grows),
        cmocka_unit_test(test_hmap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
