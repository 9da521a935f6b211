/* The option parser (issue 14): one table of options, English names with
 * Spanish aliases, short names, values with a space or "=", "--", and
 * -h/--help found where an option may stand but not as a value. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "util/args.h"

static const ArgOption opts[] = {
    {"--edition", NULL, NULL, "E", "the edition"},
    {"--output", "-o", NULL, "FILE", "the file"},
    {"--challenges", NULL, "--retos", "FILE", "challenges"},
    {"--check", NULL, "--dry-run --comprobar", NULL, "check only"},
    {NULL, NULL, NULL, NULL, NULL},
};

static bool parse(Args *a, int argc, const char **argv) {
    return args_parse_opts(a, "test", argc, (char **)argv, opts);
}

static void test_aliases_are_the_option(void **state) {
    Args a;
    const char *argv[] = {"--retos", "r.csv", "-o", "x", "--comprobar", "acciones.csv", "--edition=2024"};
    assert_true(parse(&a, 7, argv));
    assert_string_equal(args_get(&a, "--challenges"), "r.csv");
    assert_string_equal(args_typed(&a, "--challenges"), "--retos");
    assert_string_equal(args_get(&a, "--output"), "x");
    assert_true(args_has(&a, "--check"));
    assert_string_equal(args_get(&a, "--edition"), "2024");
    assert_int_equal(a.npos, 1);
    assert_string_equal(a.pos[0], "acciones.csv");
    assert_null(args_get(&a, "--retos"));           /* asked by its name only */
    assert_string_equal(args_typed(&a, "--nothing"), "--nothing");
}

static void test_refusals(void **state) {
    Args a;
    const char *unknown[] = {"--edicion", "2024"};
    assert_false(parse(&a, 2, unknown));
    const char *flag_value[] = {"--check=yes"};
    assert_false(parse(&a, 1, flag_value));
    const char *no_value[] = {"--edition"};
    assert_false(parse(&a, 1, no_value));
    const char *prefix[] = {"--edit", "2024"};     /* no abbreviations */
    assert_false(parse(&a, 2, prefix));
}

static void test_dash_and_double_dash(void **state) {
    Args a;
    const char *argv[] = {"-o", "-", "--", "--check", "-"};
    assert_true(parse(&a, 5, argv));
    assert_string_equal(args_get(&a, "--output"), "-");
    assert_false(args_has(&a, "--check"));
    assert_int_equal(a.npos, 2);
    assert_string_equal(a.pos[0], "--check");
}

static void test_help_where_an_option_stands(void **state) {
    const char *a1[] = {"--edition", "2024", "--help"};
    assert_true(args_wants_help(3, (char **)a1, opts));
    const char *a2[] = {"-h"};
    assert_true(args_wants_help(1, (char **)a2, opts));
    const char *a3[] = {"--edition", "--help"};      /* the value of --edition */
    assert_false(args_wants_help(2, (char **)a3, opts));
    const char *a4[] = {"--", "--help"};
    assert_false(args_wants_help(2, (char **)a4, opts));
    const char *a5[] = {"--retos", "-h", "x"};       /* an alias takes its value too */
    assert_false(args_wants_help(3, (char **)a5, opts));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aliases_are_the_option),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_dash_and_double_dash),
        cmocka_unit_test(test_help_where_an_option_stands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
