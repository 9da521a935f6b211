/* The cell parsers of the interchange format. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "ingest/import.h"

static void test_objectives(void **state) {
    int o[23], n;
    const char *why;
    assert_true(parse_objectives("7", o, 23, &n, &why));
    assert_int_equal(n, 1);
    assert_int_equal(o[0], 7);
    assert_true(parse_objectives("7;15", o, 23, &n, &why));
    assert_int_equal(n, 2);
    assert_int_equal(o[1], 15);
    assert_true(parse_objectives("7, 15", o, 23, &n, &why));
    assert_int_equal(n, 2);
    assert_true(parse_objectives(" 23 ; 1 ;", o, 23, &n, &why));
    assert_int_equal(o[0], 23);
    assert_true(parse_objectives("7;7", o, 23, &n, &why));      /* repeated: once */
    assert_int_equal(n, 1);
    assert_true(parse_objectives("7.0", o, 23, &n, &why));      /* spreadsheet number */
    assert_false(parse_objectives("24", o, 23, &n, &why));
    assert_false(parse_objectives("0", o, 23, &n, &why));
    assert_false(parse_objectives("siete", o, 23, &n, &why));
    assert_false(parse_objectives("7a", o, 23, &n, &why));
    assert_false(parse_objectives("-3", o, 23, &n, &why));
    assert_false(parse_objectives(";", o, 23, &n, &why));
}

static void test_yes_no(void **state) {
    int v;
    const char *yes[] = {"Sí", "si", "SI", "sí", "SÍ", "sI", "1"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        assert_true(parse_yes_no(yes[i], &v));
        assert_int_equal(v, 1);
    }
    const char *no[] = {"No", "no", "NO", "nO", "0"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        assert_true(parse_yes_no(no[i], &v));
        assert_int_equal(v, 0);
    }
    assert_true(parse_yes_no("", &v));
    assert_int_equal(v, -1);
    assert_false(parse_yes_no("tal vez", &v));
    assert_false(parse_yes_no("sin", &v));
    /* issue 10 (helper REC): only the answers docs/interchange.md lists */
    const char *other[] = {"s", "n", "Yes", "X", "x", "true", "false", "y", "verdadero", "falso"};
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) assert_false(parse_yes_no(other[i], &v));
}

static void test_count(void **state) {
    long long v;
    const char *why;
    assert_true(parse_count("120", &v, &why));
    assert_int_equal(v, 120);
    assert_true(parse_count("12,345", &v, &why));
    assert_int_equal(v, 12345);
    assert_true(parse_count("120.0", &v, &why));
    assert_int_equal(v, 120);
    assert_true(parse_count("", &v, &why));
    assert_int_equal(v, -1);
    assert_true(parse_count("0", &v, &why));
    assert_int_equal(v, 0);
    assert_false(parse_count("-5", &v, &why));
    assert_false(parse_count("12.5", &v, &why));
    assert_false(parse_count("muchas", &v, &why));
    assert_false(parse_count("99999999999999999999", &v, &why));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_objectives),
        cmocka_unit_test(test_yes_no),
        cmocka_unit_test(test_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
