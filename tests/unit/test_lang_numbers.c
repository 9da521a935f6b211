/* The pack's number style (issue 16, docs/packs.md): lang_int writes the
 * thousands separator the pack chose in Spanish, English keeps its comma,
 * and an unknown separator is refused without changing the style. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "util/lang.h"

static void is(Lang l, long long n, const char *want) {
    Str s = STR_INIT;
    lang_int(&s, l, n);
    assert_string_equal(str_cstr(&s), want);
    str_free(&s);
}

static void points(void **state) {
    (void)state;
    assert_true(lang_set_thousands("."));
    is(LANG_ES, 379, "379");
    is(LANG_ES, 2000, "2.000");             /* a point splits four digits too */
    is(LANG_ES, 1234567, "1.234.567");
    is(LANG_ES, -12345, "-12.345");
    is(LANG_EN, 2000, "2,000");
    assert_false(lang_set_thousands("_"));  /* refused, the style kept */
    is(LANG_ES, 2000, "2.000");
    assert_true(lang_set_thousands("'"));
    is(LANG_ES, 12345, "12'345");
}

static void the_default(void **state) {
    (void)state;
    assert_true(lang_set_thousands(""));
    is(LANG_ES, 2024, "2024");
    is(LANG_ES, 12345, "12\xc2\xa0" "345");
    assert_true(lang_set_thousands(" "));
    is(LANG_ES, 2024, "2024");
    assert_true(lang_thousands_valid(NULL));
    assert_false(lang_thousands_valid(";"));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(points), cmocka_unit_test(the_default)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
