/* The action module's validator and JSON reader (core/action.h), which the
 * import, the web form and the API share. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/action.h"

typedef struct {
    Matcher inst, types, pops, cats;
    ActionCatalogs c;
} Cats;

static void cats_init(Cats *k) {
    matcher_init(&k->inst);
    matcher_init(&k->types);
    matcher_init(&k->pops);
    matcher_init(&k->cats);
    matcher_add(&k->inst, 1, "Instituto Nacional de Migración", true);
    matcher_add(&k->inst, 1, "INM", false);
    matcher_add(&k->types, 1, "Capacitación", true);
    matcher_add(&k->pops, 1, "extranjeros", true);
    matcher_add(&k->cats, 1, "Obstáculos legales", true);
    k->c = (ActionCatalogs){&k->inst, &k->types, &k->pops, &k->cats, NULL, NULL, NULL};   /* no objective titles (REC3) */
}

static void cats_free(Cats *k) {
    matcher_free(&k->inst);
    matcher_free(&k->types);
    matcher_free(&k->pops);
    matcher_free(&k->cats);
}

static bool has_error(const ActionErrors *e, int field) {
    for (int i = 0; i < e->n; i++) if (e->v[i].field == field) return true;
    return false;
}

static void test_parse_keeps_order_and_refuses_bad_utf8(void **state) {
    Cats k;
    cats_init(&k);
    Arena a = ARENA_INIT;
    const char *v[AF__COUNT] = {"01", "INM", "15;4;7;4", "Nombre", "", "Capacitación", "", "Sí", "", "12", ""};
    Action act;
    ActionErrors e = {0};
    assert_true(action_parse(&k.c, v, &a, &act, &e));
    assert_int_equal(act.nobj, 3);
    assert_int_equal(act.objectives[0], 15);     /* the principal, as written */
    assert_int_equal(act.objectives[1], 4);
    assert_int_equal(act.objectives[2], 7);
    assert_int_equal(act.institution_id, 1);
    assert_int_equal(act.gender_focus, 1);
    assert_int_equal(act.disability, -1);
    v[AF_NOMBRE] = "Nombre \xff roto";
    v[AF_ENFOQUE_GENERO] = "\xe2\x9c\x93";       /* ✓ is no answer */
    assert_false(action_parse(&k.c, v, &a, &act, &e));
    assert_true(has_error(&e, AF_NOMBRE));
    assert_true(has_error(&e, AF_ENFOQUE_GENERO));
    arena_free(&a);
    cats_free(&k);
}

static void test_from_json(void **state) {
    Arena a = ARENA_INIT;
    json_error_t je;
    json_t *o = json_loads("{\"folio\":\"01\",\"objetivos\":[15,4],\"enfoque_genero\":true,"
                           "\"beneficiarios\":null,\"estado\":\"validada\","
                           "\"retos\":[{\"reto\":\"R\",\"categoria\":null}]}", 0, &je);
    const char *v[AF__COUNT], **texts, **cats;
    int n;
    ActionErrors e = {0};
    assert_true(action_from_json(o, &a, v, &texts, &cats, &n, &e));
    assert_string_equal(v[AF_OBJETIVOS], "15;4");
    assert_string_equal(v[AF_ENFOQUE_GENERO], "Sí");
    assert_string_equal(v[AF_BENEFICIARIOS], "");
    assert_int_equal(n, 1);
    assert_string_equal(cats[0], "");
    json_object_set_new(o, "nada", json_true());
    assert_false(action_from_json(o, &a, v, &texts, &cats, &n, &e));
    json_decref(o);
    arena_free(&a);
}

static void test_csv_guard_round_trips(void **state) {
    const char *texts[] = {"=1+2", "+x", "-", "@a", "'=x", "''-y", "'plain", "plain", "a=b"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        Str s = STR_INIT;
        csv_cell(&s, texts[i], true);
        char *cell = s.p;
        cell[s.len - 1] = '\0';                   /* the line end */
        assert_true(cell[0] != '=' && cell[0] != '+' && cell[0] != '-' && cell[0] != '@');
        assert_string_equal(csv_cell_restore(cell), texts[i]);
        str_free(&s);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_keeps_order_and_refuses_bad_utf8),
        cmocka_unit_test(test_from_json),
        cmocka_unit_test(test_csv_guard_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
