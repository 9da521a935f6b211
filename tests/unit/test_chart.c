/* Chart layout: the same Scene feeds SVG and cairo, so its geometry and
 * its labels are what both draw. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "render/chart.h"
#include "render/doc.h"

static int count_kind(const Scene *sc, ItemKind k) {
    int n = 0;
    for (int i = 0; i < sc->n; i++) n += sc->items[i].kind == k;
    return n;
}

static void bars_are_proportional(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    Chart *c = chart_new(&a, CHART_BAR, LANG_ES, "g", "Acciones", 3, 1);
    const long v[3] = {40, 20, 0};
    for (int i = 0; i < 3; i++) {
        c->cats[i] = arena_printf(&a, "Tipo %d", i);
        c->values[i] = v[i];
        c->filters[i] = arena_printf(&a, "medida=acciones&i=%d", i);
    }
    Scene sc;
    chart_layout(c, &a, &sc);
    const Item *r[2];
    int n = 0;
    for (int i = 0; i < sc.n; i++)
        if (sc.items[i].kind == IT_RECT) r[n++] = &sc.items[i];
    assert_int_equal(n, 2);                     /* a zero draws no bar */
    assert_true(fabs(r[0]->w - 2 * r[1]->w) < 1e-6);
    assert_int_equal(r[0]->value, 40);
    assert_string_equal(r[0]->filter, "medida=acciones&i=0");
    /* the value labels: "40 (67 %)", "20 (33 %)", "0 (0 %)" */
    Str plain = STR_INIT;
    for (int i = 0; i < sc.n; i++)
        if (sc.items[i].kind == IT_TEXT) {
            doc_plain(&plain, sc.items[i].text);
            str_putc(&plain, '|');
        }
    assert_non_null(strstr(str_cstr(&plain), "40 (67\xc2\xa0%)"));
    assert_non_null(strstr(str_cstr(&plain), "20 (33\xc2\xa0%)"));
    assert_non_null(strstr(sc.desc, "Tipo 0: 40 (67"));
    str_free(&plain);
    arena_free(&a);
}

static void donut_whole_ring_and_svg(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    Chart *c = chart_new(&a, CHART_DONUT, LANG_EN, "d", "Gender <focus>", 2, 1);
    c->cats[0] = "Yes";
    c->cats[1] = "No";
    c->values[0] = 7;
    c->values[1] = 0;
    c->filters[0] = "genero=si";
    c->filters[1] = "genero=no";
    Scene sc;
    chart_layout(c, &a, &sc);
    /* one slice of 100 %: two half rings, as an SVG arc cannot close itself */
    assert_int_equal(count_kind(&sc, IT_WEDGE), 2);
    Str svg = STR_INIT;
    chart_svg(&sc, &svg);
    const char *z = str_cstr(&svg);
    assert_non_null(strstr(z, "<title id=\"d-t\">Gender &lt;focus&gt;</title>"));
    assert_non_null(strstr(z, "role=\"img\""));
    assert_non_null(strstr(z, "data-filter=\"genero=si\" data-value=\"7\""));
    assert_non_null(strstr(z, ">100%</tspan>"));
    str_free(&svg);
    arena_free(&a);
}

static void stacked_segments(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    Chart *c = chart_new(&a, CHART_STACKED, LANG_ES, "s", "Retos", 2, 3);
    const long v[6] = {30, 20, 8, 1, 0, 1};
    for (int i = 0; i < 6; i++) {
        c->values[i] = v[i];
        c->filters[i] = arena_printf(&a, "k=%d", i);
    }
    c->cats[0] = "Recursos";
    c->cats[1] = "Otros retos";
    c->series[0] = "APF";
    c->series[1] = "EF";
    c->series[2] = "OSC";
    Scene sc;
    chart_layout(c, &a, &sc);
    int segs = 0;
    double x_end = 0;
    for (int i = 0; i < sc.n; i++) {
        const Item *it = &sc.items[i];
        if (it->kind == IT_RECT && it->filter) {
            segs++;
            if (it->value == 8) x_end = it->x + it->w;
        }
    }
    assert_int_equal(segs, 5);                  /* the zero draws nothing */
    /* the first row is the longest bar: it ends where the scale does */
    assert_true(x_end > CHART_WIDTH - 100 && x_end <= CHART_WIDTH);
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bars_are_proportional),
        cmocka_unit_test(donut_whole_ring_and_svg),
        cmocka_unit_test(stacked_segments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
