/* The language helpers of the report, largest-remainder rounding and the sentence layer (phrase.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "util/lang.h"
#include "util/rounding.h"
#include "analysis/phrase.h"

static void int_es(long long n, const char *want) {
    Str s = STR_INIT;
    lang_int(&s, LANG_ES, n);
    assert_string_equal(str_cstr(&s), want);
    str_free(&s);
}

static void int_en(long long n, const char *want) {
    Str s = STR_INIT;
    lang_int(&s, LANG_EN, n);
    assert_string_equal(str_cstr(&s), want);
    str_free(&s);
}

static void numbers(void **state) {
    (void)state;
    int_es(0, "0");
    int_es(379, "379");
    int_es(2024, "2024");                   /* four digits stay together */
    int_es(12345, "12\xc2\xa0" "345");
    int_es(1234567, "1\xc2\xa0" "234\xc2\xa0" "567");
    int_en(1234, "1,234");
    int_en(999, "999");
    int_en(1234567, "1,234,567");
    Str s = STR_INIT;
    lang_pct(&s, LANG_ES, 54);
    assert_string_equal(str_cstr(&s), "54\xc2\xa0%");
    str_clear(&s);
    lang_pct(&s, LANG_EN, 54);
    assert_string_equal(str_cstr(&s), "54%");
    str_free(&s);
}

static void lists(void **state) {
    (void)state;
    assert_string_equal(lang_list_sep(LANG_ES, 0, 3, "A"), "");
    assert_string_equal(lang_list_sep(LANG_ES, 1, 3, "B"), ", ");
    assert_string_equal(lang_list_sep(LANG_ES, 2, 3, "C"), " y ");
    assert_string_equal(lang_list_sep(LANG_ES, 1, 2, "Hidalgo"), " e ");
    assert_string_equal(lang_list_sep(LANG_ES, 1, 2, "Iztapalapa"), " e ");
    assert_string_equal(lang_list_sep(LANG_ES, 1, 2, "hielo"), " y ");   /* /je/, not /i/ */
    assert_string_equal(lang_list_sep(LANG_EN, 1, 2, "B"), " and ");
    assert_string_equal(lang_list_sep(LANG_EN, 2, 3, "C"), ", and ");
    Str s = STR_INIT;
    lang_month(&s, LANG_ES, "2023-06");
    assert_string_equal(str_cstr(&s), "junio de 2023");
    str_clear(&s);
    lang_month(&s, LANG_EN, "2024-06");
    assert_string_equal(str_cstr(&s), "June 2024");
    str_free(&s);
    Lang l;
    assert_true(lang_parse("en", &l) && l == LANG_EN);
    assert_false(lang_parse("fr", &l));
}

static void rounding(void **state) {
    (void)state;
    long pct[4];
    const long pop[4] = {206, 77, 38, 62};             /* the demo's population */
    round_percentages(pop, 4, pct);
    assert_int_equal(pct[0] + pct[1] + pct[2] + pct[3], 100);
    assert_int_equal(pct[0], 54);
    /* 33.3 each: equal counts print equal percentages (issue 12), so the
     * point left is given to none and the sum, 99, is returned for a note */
    const long thirds[3] = {1, 1, 1};
    assert_int_equal(round_percentages(thirds, 3, pct), 99);
    assert_int_equal(pct[0], 33);
    assert_int_equal(pct[1], 33);
    assert_int_equal(pct[2], 33);
    /* issue 12: two objectives with 6 actions printed 4 % and 3 % */
    const long six[4] = {6, 6, 70, 81};
    long p4[4];
    round_percentages(six, 4, p4);
    assert_int_equal(p4[0], p4[1]);
    assert_true(p4[3] >= p4[2] && p4[2] >= p4[0]);
    const long pair[3] = {5, 5, 7};                    /* 29.4, 29.4, 41.2: 29+29+41 = 99 */
    assert_int_equal(round_percentages(pair, 3, pct), 99);
    assert_int_equal(pct[0], pct[1]);
    /* round 3: one rule for one share: 2 of 7 is 29 % in any set (a table
     * of types printed 28 %, the chart of objectives 29 %) */
    const long sevenths[4] = {2, 2, 2, 1}, two_five[2] = {2, 5};
    assert_int_equal(round_percentages(sevenths, 4, pct), 101);
    assert_int_equal(pct[0], 29);
    assert_int_equal(pct[3], 14);
    round_percentages(two_five, 2, pct);
    assert_int_equal(pct[0], 29);
    assert_int_equal(round_percentage(2, 7), 29);
    assert_int_equal(round_percentage(1, 8), 13);              /* 12.5: a half up */
    const long zero[2] = {0, 0};
    round_percentages(zero, 2, pct);
    assert_int_equal(pct[0] + pct[1], 0);
    const long odd[3] = {1, 1, 998};                   /* tiny shares may round to 0 */
    round_percentages(odd, 3, pct);
    assert_int_equal(pct[0] + pct[1] + pct[2], 100);
    assert_int_equal(pct[2], 100);
}

/* ---- the sentence layer (analysis/phrase.c, issue 12) ---- */

static void num_item(void *ctx, Str *s, int i) { str_printf(s, "%d", ((const int *)ctx)[i]); }

static const char *runs(Lang l, const int *v, int n, Str *s) {
    str_clear(s);
    ph_runs(s, l, v, n, num_item, (void *)v);
    return str_cstr(s);
}

static void phrase_runs(void **state) {
    (void)state;
    Str s = STR_INIT;
    const int a[] = {1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
    assert_string_equal(runs(LANG_ES, a, 22, &s), "1\xe2\x80\x93" "6 y 8\xe2\x80\x93" "23");
    const int b[] = {1, 2, 4, 6, 7, 8};     /* a pair stays two items */
    assert_string_equal(runs(LANG_ES, b, 6, &s), "1, 2, 4 y 6\xe2\x80\x93" "8");
    assert_string_equal(runs(LANG_EN, b, 6, &s), "1, 2, 4, and 6\xe2\x80\x93" "8");
    const int c[] = {7};
    assert_string_equal(runs(LANG_ES, c, 1, &s), "7");
    str_free(&s);
}

static const char *const words[] = {"Poder Judicial", "Poder Legislativo", "OSC"};
static void word_item(void *ctx, Str *s, int i) { str_puts(s, ((const char *const *)ctx)[i]); }

static void phrase_lists(void **state) {
    (void)state;
    Str s = STR_INIT;
    ph_list(&s, LANG_ES, 3, PH_NOR, word_item, NULL, (void *)words);
    assert_string_equal(str_cstr(&s), "Poder Judicial, Poder Legislativo ni OSC");
    str_clear(&s);
    ph_list(&s, LANG_EN, 2, PH_NOR, word_item, NULL, (void *)words);
    assert_string_equal(str_cstr(&s), "Poder Judicial or Poder Legislativo");
    str_clear(&s);
    ph_list(&s, LANG_ES, 2, PH_AND, word_item, NULL, (void *)words);
    assert_string_equal(str_cstr(&s), "Poder Judicial y Poder Legislativo");
    str_free(&s);
}

static void phrase_ties(void **state) {
    (void)state;
    const long v[] = {17, 17, 6, 1, 1};
    int start[6];
    assert_int_equal(ph_ties(v, 5, start), 3);
    assert_int_equal(start[0], 0);
    assert_int_equal(start[1], 2);
    assert_int_equal(start[2], 3);
    assert_int_equal(start[3], 5);
    assert_string_equal(ph_each(LANG_ES, true), "cada una");
    assert_string_equal(ph_each(LANG_ES, false), "cada uno");
    assert_string_equal(ph_each(LANG_EN, true), "each");
}

static void phrase_share_note(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    assert_null(ph_share_note(&a, LANG_ES, 100));
    assert_null(ph_share_note(&a, LANG_ES, 0));
    assert_string_equal(ph_share_note(&a, LANG_EN, 99),
                        "The percentages, rounded to whole numbers, add up to 99 per cent: equal figures are given "
                        "equal percentages.");
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(lists),
        cmocka_unit_test(rounding),
        cmocka_unit_test(phrase_runs),
        cmocka_unit_test(phrase_lists),
        cmocka_unit_test(phrase_ties),
        cmocka_unit_test(phrase_share_note),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
