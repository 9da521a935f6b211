/* The campaign's rules (core/campaign.c, issue 11): edition names, periods,
 * deadlines, publication, completeness and the days to a deadline. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/campaign.h"

static void test_name(void **state) {
    (void)state;
    assert_null(edition_name_check("2026"));
    assert_null(edition_name_check("Edición 2026"));
    assert_non_null(edition_name_check(""));
    assert_non_null(edition_name_check("2026@r1"));
    assert_non_null(edition_name_check(" 2026"));
    assert_non_null(edition_name_check("2026\t"));
    char long_name[66];
    memset(long_name, 'x', 65);
    long_name[65] = '\0';
    assert_non_null(edition_name_check(long_name));
    long_name[64] = '\0';
    assert_null(edition_name_check(long_name));
}

static void test_period(void **state) {
    (void)state;
    assert_null(edition_period_check("", ""));
    assert_null(edition_period_check("2026-01", "2026-12"));
    assert_null(edition_period_check("2026-05", "2026-05"));
    assert_non_null(edition_period_check("2026-12", "2026-01"));
    assert_non_null(edition_period_check("2026-01", ""));
    assert_non_null(edition_period_check("2026-13", "2026-12"));
    assert_non_null(edition_period_check("2026-00", "2026-12"));
    assert_non_null(edition_period_check("2026-1", "2026-12"));
    assert_non_null(edition_period_check("2026-01-01", "2026-12"));
    assert_non_null(edition_publish_check("", ""));
    assert_non_null(edition_publish_check("2026-01", ""));
    assert_null(edition_publish_check("2026-01", "2026-12"));
}

static void test_deadline(void **state) {
    (void)state;
    assert_null(edition_deadline_check(""));
    assert_null(edition_deadline_check("2025-02-28"));
    assert_null(edition_deadline_check("2024-02-29"));      /* leap */
    assert_null(edition_deadline_check("2000-02-29"));      /* leap: divisible by 400 */
    assert_non_null(edition_deadline_check("2025-02-29"));
    assert_non_null(edition_deadline_check("1900-02-29"));  /* not leap */
    assert_non_null(edition_deadline_check("2025-04-31"));
    assert_non_null(edition_deadline_check("2025-13-01"));
    assert_non_null(edition_deadline_check("2025-1-01"));
    assert_non_null(edition_deadline_check("28/02/2025"));
    assert_non_null(edition_deadline_check("2025-02-28x"));
}

static void test_days(void **state) {
    (void)state;
    long d;
    assert_true(campaign_days_left("2025-03-01", "2025-02-28", &d));
    assert_int_equal(d, 1);
    assert_true(campaign_days_left("2024-03-01", "2024-02-28", &d));
    assert_int_equal(d, 2);                                  /* across 29 February */
    assert_true(campaign_days_left("2025-01-01", "2025-01-10", &d));
    assert_int_equal(d, -9);
    assert_true(campaign_days_left("2026-01-01", "2025-01-01", &d));
    assert_int_equal(d, 365);
    assert_false(campaign_days_left("", "2025-01-01", &d));
    assert_false(campaign_days_left("2025-02-30", "2025-01-01", &d));
}

static void test_complete(void **state) {
    (void)state;
    Action a;
    memset(&a, 0, sizeof a);
    a.gender_focus = a.disability = -1;
    Str m = STR_INIT;
    assert_false(action_complete(&a, &m));
    assert_string_equal(str_cstr(&m), "Descripción; Tipo de acción; Población atendida; "
                                      "Enfoque de género; Atención a personas con discapacidad");
    str_clear(&m);
    int64_t t = 1, p = 2;
    a.description = "Qué se hizo";
    a.types = &t;
    a.ntypes = 1;
    a.pops = &p;
    a.npops = 1;
    a.gender_focus = 0;               /* «No» is an answer */
    a.disability = 1;
    assert_true(action_complete(&a, &m));
    assert_string_equal(str_cstr(&m), "");
    a.disability = -1;
    assert_false(action_complete(&a, &m));
    assert_string_equal(str_cstr(&m), "Atención a personas con discapacidad");
    str_free(&m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name), cmocka_unit_test(test_period), cmocka_unit_test(test_deadline),
        cmocka_unit_test(test_days), cmocka_unit_test(test_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
