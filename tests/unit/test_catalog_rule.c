/* The rules of a catalog entry (core/catalog_rule.c, issue 16, F1316):
 * one subnational reporter type, and it is not one of society's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/catalog_rule.h"

static void test_subnational(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    const char *field = "x";
    assert_null(rtype_subnational_rule(&a, false, true, "EF", "Entidades federativas", &field));
    assert_null(field);
    assert_null(rtype_subnational_rule(&a, true, false, NULL, NULL, &field));
    const char *why = rtype_subnational_rule(&a, true, false, "EF", "Entidades federativas", &field);
    assert_non_null(why);
    assert_string_equal(field, "subnacional");
    assert_non_null(strstr(why, "«EF» (Entidades federativas)"));
    why = rtype_subnational_rule(&a, true, true, NULL, NULL, &field);
    assert_non_null(why);
    assert_string_equal(field, "sociedad");
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_subnational)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
