/* The pack's number style (issue 16, docs/packs.md): lang_int writes the
 * thousands separator the pack chose in Spanish, English keeps its comma,
 * and an unknown separator is refused without changing the style; a period
 * is written by one rule (lang_period). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "util/lang.h"
#include "util/numwords.h"

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

/* issue 12 (UN style): the words of util/numwords.c and the gender of a body's noun */
static void words(void **state) {
    (void)state;
    assert_string_equal(num_word(LANG_EN, 0, NUM_FEM), "zero");
    assert_string_equal(num_word(LANG_EN, 1, NUM_MASC), "one");
    assert_string_equal(num_word(LANG_EN, 9, NUM_FEM), "nine");
    assert_null(num_word(LANG_EN, 10, NUM_FEM));
    assert_null(num_word(LANG_ES, -1, NUM_FEM));
    assert_string_equal(num_word(LANG_ES, 1, NUM_MASC), "un");
    assert_string_equal(num_word(LANG_ES, 1, NUM_FEM), "una");
    assert_string_equal(num_word(LANG_ES, 1, NUM_MASC_ALONE), "uno");
    assert_string_equal(num_word(LANG_ES, 7, NUM_MASC), "siete");
    assert_int_equal(num_gender_es("gobierno estatal"), NUM_MASC);
    assert_int_equal(num_gender_es("organismo de control"), NUM_MASC);
    assert_int_equal(num_gender_es("dependencia de la Administración Pública Federal"), NUM_FEM);
    assert_int_equal(num_gender_es("organización de la sociedad civil"), NUM_FEM);
    assert_int_equal(num_gender_es("comisión del Congreso"), NUM_FEM);
    assert_int_equal(num_gender_es("municipalidad"), NUM_FEM);
    assert_int_equal(num_gender_es("programa estatal"), NUM_MASC);
    assert_int_equal(num_gender_es("Sistema DIF"), NUM_MASC);
}

static void period_is(Lang l, const char *from, const char *to, const char *want) {
    Str s = STR_INIT;
    lang_period(&s, l, from, to);
    assert_string_equal(str_cstr(&s), want);
    str_free(&s);
}

/* issue 12 (H12B, N6): the one rule for a period, one month or one year once */
static void periods(void **state) {
    (void)state;
    period_is(LANG_ES, "2025-03", "2025-03", "marzo de 2025");
    period_is(LANG_EN, "2025-03", "2025-03", "March 2025");
    period_is(LANG_ES, "2025-01", "2025-12", "enero a diciembre de 2025");
    period_is(LANG_EN, "2025-01", "2025-12", "January to December 2025");
    period_is(LANG_ES, "2023-06", "2024-06", "junio de 2023 a junio de 2024");
    period_is(LANG_EN, "2023-06", "2024-06", "June 2023 to June 2024");
    period_is(LANG_ES, "", "2024-06", "");          /* no whole period, nothing */
    period_is(LANG_ES, "2024", "2024-06", "2024 a junio de 2024");   /* not YYYY-MM: as lang_month */
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(points), cmocka_unit_test(the_default), cmocka_unit_test(words),
                                       cmocka_unit_test(periods)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
