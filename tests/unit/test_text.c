/* Folding for matching names, and the matcher's choice and suggestions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/match.h"
#include "util/text.h"

static void test_fold(void **state) {
    Arena a = ARENA_INIT;
    assert_string_equal(text_fold(&a, "  Secretaría de  Gobernación. "), "secretaria de gobernacion");
    assert_string_equal(text_fold(&a, "MICHOACÁN"), "michoacan");
    assert_string_equal(text_fold(&a, "Uno de Siete Migrando, A.C."), "uno de siete migrando a c");
    assert_string_equal(text_fold(&a, "SE-SIPINNA"), "se sipinna");
    assert_string_equal(text_fold(&a, "Ñuño"), "nuno");
    arena_free(&a);
}

static void test_trim(void **state) {
    char s[] = "\xC2\xA0  hola mundo \t\r\n";
    assert_string_equal(text_trim(s), "hola mundo");
}

static void test_valid_utf8(void **state) {
    assert_true(text_valid_utf8("Acción", strlen("Acción")));
    assert_false(text_valid_utf8("Acci\xf3n", 6));
    assert_false(text_valid_utf8("a\0b", 3));
    assert_false(text_valid_utf8("\xed\xa0\x80", 3));      /* a surrogate */
    /* the same faults anywhere in a longer line, where ASCII is skipped
     * eight bytes at a time: every position, and the end cut short */
    char buf[40];
    for (size_t at = 0; at < 24; at++) {
        memset(buf, 'a', sizeof buf);
        assert_true(text_valid_utf8(buf, sizeof buf));
        buf[at] = '\0';
        assert_false(text_valid_utf8(buf, sizeof buf));
        buf[at] = (char)0xF3;
        assert_false(text_valid_utf8(buf, sizeof buf));
        memcpy(buf + at, "\xc3\xb3", 2);                  /* ó */
        assert_true(text_valid_utf8(buf, sizeof buf));
        assert_false(text_valid_utf8(buf, at + 1));         /* ó cut in half */
        buf[at + 1] = 'n';                                 /* lead byte, no continuation */
        assert_false(text_valid_utf8(buf, sizeof buf));
    }
}

static void test_distance(void **state) {
    assert_int_equal(text_distance("segob", "segob", 3), 0);
    assert_int_equal(text_distance("segov", "segob", 3), 1);
    assert_int_equal(text_distance("abc", "xyzxyzxyz", 3), 4);   /* capped */
}

static void test_matcher(void **state) {
    Matcher m;
    memset(&m, 0, sizeof m);
    hmap_init(&m.keys);
    matcher_add(&m, 1, "Secretaría de Gobernación", true);
    matcher_add(&m, 1, "Segob", false);
    matcher_add(&m, 2, "Instituto Nacional de Migración", true);
    matcher_add(&m, 2, "INM", false);
    matcher_add(&m, 3, "Gobierno del Estado de Michoacán de Ocampo", true);
    matcher_add(&m, 3, "Michoacán", false);
    assert_int_equal(matcher_find(&m, "SEGOB"), 1);
    assert_int_equal(matcher_find(&m, "secretaria de gobernacion"), 1);
    assert_int_equal(matcher_find(&m, " inm "), 2);
    assert_int_equal(matcher_find(&m, "MICHOACAN"), 3);
    assert_int_equal(matcher_find(&m, "Segov"), 0);
    Str s = STR_INIT;
    assert_true(matcher_suggest(&m, "Segov", 3, &s) >= 1);
    assert_non_null(strstr(s.p, "Segob"));
    str_free(&s);
    assert_string_equal(matcher_name(&m, 2), "Instituto Nacional de Migración");
    matcher_free(&m);
}

static int collate(const char *a, const char *b) {
    return text_collate_es(a, (int)strlen(a), b, (int)strlen(b));
}

static int by_collation(const void *a, const void *b) {
    return collate(*(const char *const *)a, *(const char *const *)b);
}

/* Spanish collation (issue 12, P12B): accents and case folded, ñ a letter
 * of its own after n, a total order. */
static void test_collate_es(void **state) {
    const char *names[] = {"Zacatecas", "Ñuflo", "Coahuila", "Ángel", "Ciudad de México", "Nuevo León",
                           "oaxaca", "Chihuahua", "angel", "Óscar", "Colima"};
    const char *want[] = {"angel", "Ángel", "Chihuahua", "Ciudad de México", "Coahuila", "Colima",
                          "Nuevo León", "Ñuflo", "oaxaca", "Óscar", "Zacatecas"};
    size_t n = sizeof names / sizeof *names;
    qsort(names, n, sizeof *names, by_collation);
    for (size_t i = 0; i < n; i++) assert_string_equal(names[i], want[i]);
    assert_true(collate("nz", "ña") < 0);                 /* ñ after every n + letter */
    assert_true(collate("Ñandú", "Oaxaca") < 0);          /* and before o */
    assert_true(collate("MÉXICO", "mexico") != 0);        /* equal keys still ordered */
    assert_true(collate("MÉXICO", "mexico") == -collate("mexico", "MÉXICO"));
    assert_int_equal(collate("México", "México"), 0);
    assert_true(collate("Mexico", "Mexico City") < 0);    /* a prefix first */
    /* NFC and NFD spellings of one name sort together */
    assert_true(collate("Me\xcc\x81xico", "Mexicali") > 0);
    assert_true(collate("Me\xcc\x81xico", "Mexicz") < 0);
    /* the ASCII shortcut agrees with the keys: case folded, a mark after
     * the differing letter ignored, and an invalid text ordered by its
     * bytes ('B' < 'a'), not folded */
    assert_true(collate("abC", "ABd") < 0);
    assert_true(collate("Zeta", "alfa") > 0);
    assert_true(collate("ne\xcc\x81", "nf") < 0);
    assert_true(collate("B\xff", "a") < 0);
    assert_true(collate("a", "B\xff") > 0);
}

/* issue 16: a pack's and a form's choices ("f;m", "sg;pl") */
/* issue 16: a pack's words start a sentence ("entidades federativas", "órganos") */
static void test_capitalize(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    assert_string_equal(text_capitalize(&a, "entidades federativas"), "Entidades federativas");
    assert_string_equal(text_capitalize(&a, "órganos autónomos"), "Órganos autónomos");
    assert_string_equal(text_capitalize(&a, "ñ"), "Ñ");
    assert_string_equal(text_capitalize(&a, ""), "");
    assert_string_equal(text_capitalize(&a, "\xff"), "\xff");
    arena_free(&a);
}

static void test_in_list(void **state) {
    (void)state;
    assert_true(text_in_list("f", "f;m"));
    assert_true(text_in_list("m", "f;m"));
    assert_true(text_in_list("pl", "sg;pl"));
    assert_false(text_in_list("", "f;m"));
    assert_false(text_in_list("s", "sg;pl"));
    assert_false(text_in_list("sgx", "sg;pl"));
    assert_false(text_in_list("f;m", "f;m"));
    assert_false(text_in_list("x", ""));
    assert_true(text_is_code("GT-16"));
    assert_true(text_is_code("OSC_2"));
    assert_false(text_is_code(""));
    assert_false(text_is_code("G T"));
    assert_false(text_is_code("Ñ"));
}

/* Issue 12, fault 1: one bounded first sentence, not split at an
 * abbreviation's period, cut at a word with «…», never inside UTF-8. */
static void test_first_sentence(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    assert_string_equal(text_first_sentence(&a, "  Se atendió a 4 personas, p. ej. a la Sra. López. Luego más.", 240),
                        "Se atendió a 4 personas, p. ej. a la Sra. López.");
    assert_string_equal(text_first_sentence(&a, "Ver el art. 5, núm. 3 y el No. 7 del Lic. Ruiz.\nOtra.", 240),
                        "Ver el art. 5, núm. 3 y el No. 7 del Lic. Ruiz.");
    assert_string_equal(text_first_sentence(&a, "Ropa, víveres, etc. Después, otras.", 240), "Ropa, víveres, etc.");
    assert_string_equal(text_first_sentence(&a, "Libros, etc. a 6 niñas. Más.", 240), "Libros, etc. a 6 niñas.");
    assert_string_equal(text_first_sentence(&a, "Tools, e.g. maps and i.e. guides. More.", 240),
                        "Tools, e.g. maps and i.e. guides.");
    assert_string_equal(text_first_sentence(&a, "Se dijo que no. Luego sí.", 240), "Se dijo que no.");
    assert_string_equal(text_first_sentence(&a, "¿Funcionó? Sí.", 240), "¿Funcionó?");
    assert_string_equal(text_first_sentence(&a, "Sin punto final", 240), "Sin punto final.");
    assert_string_equal(text_first_sentence(&a, "  \n ", 240), "");
    /* at a word boundary, the joiners before it dropped */
    assert_string_equal(text_first_sentence(&a, "uno dos, tres cuatro", 13), "uno dos, tres…");
    assert_string_equal(text_first_sentence(&a, "uno dos, tres cuatro", 9), "uno dos…");
    /* one long word: cut between characters, not inside one */
    char *w = text_first_sentence(&a, "ááááááááááááááá", 5);
    assert_string_equal(w, "ááááá…");
    assert_true(text_valid_utf8(w, strlen(w)));
    arena_free(&a);
}

/* round 3 (F12): a name quoted on one line of white space, bounded, no period added */
static void test_quoted_name(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    assert_string_equal(text_quoted_name(&a, "  Programa\tintegral\n de  atención. Fase 2 ", 160),
                        "Programa integral de atención. Fase 2");
    assert_string_equal(text_quoted_name(&a, "Uno dos tres cuatro", 12), "Uno dos tres\xe2\x80\xa6");
    assert_string_equal(text_quoted_name(&a, "Programa, de ayuda", 9), "Programa\xe2\x80\xa6");
    assert_string_equal(text_quoted_name(&a, "Ñandú", 160), "Ñandú");
    arena_free(&a);
}

/* verification round (F12B), faults 1 and 4: a quoted text is a bidi
 * isolate with its controls balanced; line separators fold; controls found */
#define LRI "\xe2\x81\xa6"
#define RLI "\xe2\x81\xa7"
#define PDI "\xe2\x81\xa9"
#define RLO "\xe2\x80\xae"
#define PDF "\xe2\x80\xac"
static void test_isolated(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    assert_string_equal(text_isolated(&a, "Programa"), "Programa");                  /* nothing to isolate */
    assert_string_equal(text_isolated(&a, "Programa" RLO "RTLO"), LRI "Programa" RLO "RTLO" PDF PDI);
    assert_string_equal(text_isolated(&a, "A" RLI " b"), LRI "A" RLI " b" PDI PDI);
    assert_string_equal(text_isolated(&a, "a" PDI "b" PDF "c"), LRI "abc" PDI);       /* closers of nothing */
    assert_string_equal(text_isolated(&a, RLI "x" RLO "y" PDI "z"), LRI RLI "x" RLO "y" PDF PDI "z" PDI);
    assert_string_equal(text_isolated(&a, "\xd9\x85 b"), LRI "\xd9\x85 b" PDI);     /* Arabic: isolated */
    assert_string_equal(text_quoted_name(&a, "L\xe2\x80\xa8s\xe2\x80\xa9p\xc2\x85n", 160), "L s p n");
    assert_int_equal(text_find_control("a\tb\r\nc\xc2\x85"), 0);
    assert_int_equal(text_find_control("a\x07"), 7);
    assert_int_equal(text_find_control("a\xc2\x9b"), 0x9B);
    arena_free(&a);
}

/* issue 12, N1: the one-line rule of the settings printed on covers and
 * citations, and the form a value stored before it is printed in */
static void test_one_line(void **state) {
    (void)state;
    Arena a = ARENA_INIT;
    assert_int_equal(text_find_line_breaker("Unidad de Pol\xc3\xadtica Migratoria"), 0);
    assert_int_equal(text_find_line_breaker("\xd9\x85\xd8\xb5\xd8\xb1"), 0);           /* Arabic letters are text */
    assert_int_equal(text_find_line_breaker("a\xe2\x80\xae" "b"), 0x202E);
    assert_int_equal(text_find_line_breaker("a\xe2\x81\xa6" "b"), 0x2066);
    assert_int_equal(text_find_line_breaker("a\xe2\x80\x8f" "b"), 0x200F);
    assert_int_equal(text_find_line_breaker("a\xd8\x9c" "b"), 0x061C);
    assert_int_equal(text_find_line_breaker("a\xe2\x80\xa8" "b"), 0x2028);
    assert_int_equal(text_find_line_breaker("a\xc2\x85" "b"), 0x85);
    assert_int_equal(text_find_line_breaker("a\tb"), '\t');
    assert_null(text_one_line_check("Ciudad de M\xc3\xa9xico", 300));
    assert_non_null(strstr(text_one_line_check("a\xe2\x80\xae" "b", 300), "U+202E"));
    assert_non_null(strstr(text_one_line_check("a\xe2\x80\xa9" "b", 300), "U+2029"));
    assert_non_null(strstr(text_one_line_check("M\xc3\xa9xico\a", 300), "U+0007"));
    assert_non_null(strstr(text_one_line_check("abcd", 3), "3)"));
    assert_non_null(text_one_line_check("a\xff", 0));
    const char *same = "M\xc3\xa9rida";
    assert_ptr_equal(text_one_line(&a, same), same);
    assert_string_equal(text_one_line(&a, "Unidad \xe2\x80\xaeXYZ\xe2\x80\xac de Prueba"), "Unidad XYZ de Prueba");
    assert_string_equal(text_one_line(&a, "M\xc3\xa9rida\xe2\x80\xa8Yuc\n"), "M\xc3\xa9rida Yuc");
    assert_string_equal(text_one_line(&a, "a \xe2\x80\xa9 b"), "a b");
    assert_string_equal(text_one_line(&a, "\xe2\x81\xa6\xe2\x81\xa9"), "");
    arena_free(&a);
}

/* F16C: the columns a cell shows as, which the text table pads by */
static void test_width(void **state) {
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("Obj."), 4);
    assert_int_equal(text_width("\xce\xa3"), 1);                 /* «Σ», two bytes */
    assert_int_equal(text_width("GADN\xcc\x83"), 4);            /* «GADÑ» with a combining tilde */
    assert_int_equal(text_width("\xe4\xb8\xad"), 2);            /* a wide ideograph */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_collate_es),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_valid_utf8),
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_matcher),
        cmocka_unit_test(test_in_list),
        cmocka_unit_test(test_capitalize),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_first_sentence),
        cmocka_unit_test(test_quoted_name),
        cmocka_unit_test(test_isolated),
        cmocka_unit_test(test_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
