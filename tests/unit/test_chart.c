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

/* The phone layout: every mark and every (estimated) text stays inside the
 * narrow width, labels sit above their bars, and the same values and
 * filters are drawn as in the wide layout. */
static double text_right(const Item *it) {
    Str plain = STR_INIT;
    doc_plain(&plain, it->text);
    size_t n = 0;
    for (const char *p = str_cstr(&plain); *p; p++) n += ((unsigned char)*p & 0xc0) != 0x80;
    str_free(&plain);
    double w = (double)n * it->size * 0.6;
    return it->anchor == ANCHOR_START ? it->x + w : it->anchor == ANCHOR_MIDDLE ? it->x + w / 2 : it->x;
}

static void narrow_layout_fits(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    for (int kind = 0; kind < 2; kind++) {
        Chart *c = chart_new(&a, kind ? CHART_DONUT : CHART_BAR, LANG_ES, "n",
                             "Acciones por objetivo del Pacto Mundial", 3, 1);
        c->cats[0] = "Minimizar los factores adversos y estructurales que obligan a las personas "
                     "a abandonar su país de origen";
        c->cats[1] = "Corto";
        c->cats[2] = "Otro";
        for (int i = 0; i < 3; i++) {
            c->values[i] = 10 * (i + 1);
            c->filters[i] = arena_printf(&a, "i=%d", i);
        }
        Scene wide, sc;
        chart_layout(c, &a, &wide);
        chart_layout_width(c, CHART_NARROW, &a, &sc);
        assert_true(sc.width == CHART_NARROW);
        assert_string_equal(sc.id, "n");
        long sum_w = 0, sum_n = 0;
        for (int i = 0; i < wide.n; i++) sum_w += wide.items[i].filter ? wide.items[i].value : 0;
        for (int i = 0; i < sc.n; i++) {
            const Item *it = &sc.items[i];
            sum_n += it->filter ? it->value : 0;
            if (it->kind == IT_RECT) assert_true(it->x >= 0 && it->x + it->w <= CHART_NARROW + 1e-6);
            if (it->kind == IT_WEDGE) assert_true(it->cx - it->r1 >= 0 && it->cx + it->r1 <= CHART_NARROW);
            if (it->kind == IT_TEXT) assert_true(text_right(it) <= CHART_NARROW + 1e-6);
        }
        assert_int_equal(sum_n, sum_w);
        if (kind == 0) {
            /* the first label starts at the left edge, above the first bar */
            const Item *label = NULL, *bar = NULL;
            for (int i = 0; i < sc.n; i++) {
                const Item *it = &sc.items[i];
                if (!label && it->kind == IT_TEXT && strstr(it->text, "Minimizar")) label = it;
                if (!bar && it->kind == IT_RECT && it->filter) bar = it;
            }
            assert_non_null(label);
            assert_non_null(bar);
            assert_true(label->x == 0 && label->anchor == ANCHOR_START && label->y < bar->y);
            assert_true(bar->x == 0);
        }
    }
    /* widths outside the range are brought into it */
    Chart *c = chart_new(&a, CHART_BAR, LANG_EN, "x", "t", 1, 1);
    Scene sc;
    chart_layout_width(c, 100, &a, &sc);
    assert_true(sc.width == CHART_NARROW);
    chart_layout_width(c, 5000, &a, &sc);
    assert_true(sc.width == CHART_WIDTH);
    arena_free(&a);
}

static double lum(unsigned rgb) {
    return 0.2126 * (rgb >> 16) + 0.7152 * ((rgb >> 8) & 255) + 0.0722 * (rgb & 255);
}

/* issue 12: the heatmap of objectives x reporter types. Every cell carries
 * its filter and count (zero too); a cell with actions writes its count in
 * a colour that reads on its fill; the fill's lightness falls as the count
 * grows (greyscale keeps the order); a zero is blank on pale grey; the
 * phone layout keeps every cell on the screen. */
static void heatmap_cells_and_scale(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    Chart *c = chart_new(&a, CHART_HEATMAP, LANG_ES, "h", "Acciones por objetivo y tipo", 2, 3);
    const long v[6] = {0, 1, 9, 4, 0, 2};
    c->cats[0] = "1. Datos";
    c->cats[1] = "2. Minimizar factores adversos";
    const char *codes[3] = {"APF", "EF", "PJ"};
    c->series_names = arena_alloc(&a, sizeof(char *) * 3);
    for (int s = 0; s < 3; s++) {
        c->series[s] = (char *)codes[s];
        c->series_names[s] = arena_printf(&a, "Nombre %d", s);
    }
    for (int i = 0; i < 6; i++) {
        c->values[i] = v[i];
        c->filters[i] = arena_printf(&a, "objetivo=%d&tipo=%s", i / 3 + 1, codes[i % 3]);
    }
    for (int narrow = 0; narrow < 2; narrow++) {
        Scene sc;
        chart_layout_width(c, narrow ? CHART_NARROW : CHART_WIDTH, &a, &sc);
        const Item *cell[6] = {0};
        int ncells = 0;
        for (int i = 0; i < sc.n; i++) {
            const Item *it = &sc.items[i];
            if (it->kind == IT_RECT && it->filter) {
                assert_true(ncells < 6);
                cell[ncells++] = it;
            }
            assert_true(it->kind != IT_TEXT || it->x <= sc.width + 1e-6);
            if (it->kind == IT_RECT) assert_true(it->x >= 0 && it->x + it->w <= sc.width + 1e-6);
        }
        assert_int_equal(ncells, 6);
        for (int i = 0; i < 6; i++) {
            assert_int_equal(cell[i]->value, v[i]);
            assert_string_equal(cell[i]->filter, c->filters[i]);
            /* the count written on the cell, with its filter, white on a dark fill */
            const Item *label = NULL;
            for (int k = 0; k < sc.n; k++)
                if (sc.items[k].kind == IT_TEXT && strstr(sc.items[k].text, c->filters[i])) label = &sc.items[k];
            if (v[i] == 0) {
                assert_null(label);
                assert_int_equal(cell[i]->fill, 0xF0F0F0);
            } else {
                assert_non_null(label);
                assert_true(fabs(lum(label->fill) - lum(cell[i]->fill)) > 100);
            }
        }
        /* 1 <= 2 < 4 < 9 in count: lighter to darker */
        assert_true(lum(cell[1]->fill) >= lum(cell[5]->fill));
        assert_true(lum(cell[5]->fill) > lum(cell[3]->fill));
        assert_true(lum(cell[3]->fill) > lum(cell[2]->fill));
        assert_true(lum(cell[0]->fill) > lum(cell[1]->fill));  /* the blank is lightest */
        assert_non_null(strstr(sc.desc, "1. Datos: EF 1, PJ 9"));
        Str svg = STR_INIT;
        chart_svg(&sc, &svg);
        assert_non_null(strstr(str_cstr(&svg), "data-filter=\"objetivo=1&amp;tipo=APF\" data-value=\"0\""));
        assert_non_null(strstr(str_cstr(&svg), "APF: Nombre 0; EF: Nombre 1; PJ: Nombre 2"));
        assert_non_null(strstr(str_cstr(&svg), "sin acciones (en blanco)"));
        str_free(&svg);
    }
    arena_free(&a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bars_are_proportional),
        cmocka_unit_test(donut_whole_ring_and_svg),
        cmocka_unit_test(stacked_segments),
        cmocka_unit_test(narrow_layout_fits),
        cmocka_unit_test(heatmap_cells_and_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
