/* The owned string and the one HTML writer: %s escapes, %r does not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "util/str.h"
#include "util/hmap.h"
#include "render/doc.h"

static void test_html_escapes_s(void **state) {
    Str s = STR_INIT;
    str_html(&s, "<p title=\"%s\">%s</p>", "a\"b'c", "<script>alert(1)</script> & más");
    assert_string_equal(s.p, "<p title=\"a&quot;b&#39;c\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; más</p>");
    str_free(&s);
}

static void test_html_raw_and_numbers(void **state) {
    Str s = STR_INIT;
    const char *volatile none = NULL;        /* a NULL %s writes nothing */
    str_puts(&s, "<b>x</b>");                 /* raw markup: only ever explicit */
    str_html(&s, "|%d|%ld|%zu|%.1f|%5.1f%%|%s", -3, 40L, (size_t)7, 54.25, 3.0, none);
    assert_string_equal(s.p, "<b>x</b>|-3|40|7|54.2|  3.0%|");
    str_clear(&s);
    str_url(&s, "Ciudad de México/á&b=c~_-.");
    assert_string_equal(s.p, "Ciudad%20de%20M%C3%A9xico%2F%C3%A1%26b%3Dc~_-.");
    str_free(&s);
}

static void test_printf_grows(void **state) {
    Str s = STR_INIT;
    for (int i = 0; i < 1000; i++) str_printf(&s, "%04d", i);
    assert_int_equal(s.len, 4000);
    assert_memory_equal(s.p + 3996, "0999", 4);
    char *p = str_take(&s);
    assert_null(s.p);
    free(p);
}

static void test_hmap(void **state) {
    HMap m;
    hmap_init(&m);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_true(hmap_put(&m, key, i));
    }
    assert_false(hmap_put(&m, "k42", 0));
    int64_t v;
    assert_true(hmap_get(&m, "k4999", &v));
    assert_int_equal(v, 4999);
    assert_false(hmap_get(&m, "k5000", &v));
    hmap_free(&m);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#endif

/* Issue 15 (F15B): a soft Str that cannot grow fails instead of ending
 * the process, under a real address-space limit (the ASan build reserves
 * terabytes of address space and cannot run under one). */
static void test_soft_str_fails_and_recovers(void **state) {
#ifdef UNDER_ASAN
    skip();
#else
    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_AS, &old), 0);
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long long vm = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmSize:", 7) == 0) vm = atoll(line + 7) * 1024;
    if (f) fclose(f);
    assert_true(vm > 0);
    static char chunk[1 << 20];
    memset(chunk, 'x', sizeof chunk);
    Str s = STR_INIT;
    str_soft(&s);
    struct rlimit low = {(rlim_t)vm + (64 << 20), old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_AS, &low), 0);
    int n = 0;
    while (!str_failed(&s) && n < 1024) str_append(&s, chunk, sizeof chunk), n++;
    assert_int_equal(setrlimit(RLIMIT_AS, &old), 0);
    assert_true(str_failed(&s));                /* within 1 GiB, past a 64 MiB room */
    assert_true(n > 1);
    assert_int_equal(s.len, 0);                 /* the text given up at once */
    str_puts(&s, "more");
    assert_int_equal(s.len, 0);                 /* appends are no-ops */
    assert_string_equal(str_cstr(&s), "");
    str_clear(&s);                              /* the error state ends, the opt-in stays */
    assert_false(str_failed(&s));
    assert_true(s.soft);
    str_puts(&s, "ok");
    assert_string_equal(str_cstr(&s), "ok");
    str_free(&s);
#endif
}

static void test_str_fail_needs_the_opt_in(void **state) {
    Str s = STR_INIT;
    str_puts(&s, "kept");
    str_fail(&s);                               /* not soft: nothing changes */
    assert_false(str_failed(&s));
    assert_string_equal(str_cstr(&s), "kept");
    str_soft(&s);
    str_fail(&s);
    assert_true(str_failed(&s));
    char *p = str_take(&s);                     /* empty, no longer failed */
    assert_string_equal(p, "");
    assert_false(str_failed(&s));
    free(p);
}

/* t12 fault 7: %-s is a record's text: escaped, line separators as
 * newlines, a bidi isolate when it holds a direction control */
static void test_html_record(void **state) {
    Str s = STR_INIT;
    str_html(&s, "<li>%-s <a>%s</a></li>", "Reto \xe2\x80\xae<al> rev\xc3\xa9s", "Barreras");
    assert_string_equal(s.p, "<li>\xe2\x81\xa6Reto \xe2\x80\xae&lt;al&gt; rev\xc3\xa9s\xe2\x80\xac\xe2\x81\xa9 <a>Barreras</a></li>");
    str_clear(&s);
    str_html(&s, "%-s|%s", "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85" "d & e", "a\xe2\x80\xa8" "b");
    assert_string_equal(s.p, "a\nb\nc\nd &amp; e|a\xe2\x80\xa8" "b");       /* %s keeps them (form values) */
    str_clear(&s);
    str_html(&s, "<p title=\"%-s\">%-s</p>", "plain \"text\"", "");
    assert_string_equal(s.p, "<p title=\"plain &quot;text&quot;\"></p>");
    str_free(&s);
}

static void collect(void *ctx, const char *piece) {
    str_puts(ctx, "[");
    str_puts(ctx, piece);
    str_puts(ctx, "]");
}

static void test_doc_paragraphs(void **state) {
    Str s = STR_INIT;
    doc_paragraphs("Uno.\nDos.", collect, &s);                        /* a single break stays */
    assert_string_equal(s.p, "[Uno.\nDos.]");
    str_clear(&s);
    doc_paragraphs("\n\nUno.\r\n \t\r\nDos,\r\nen dos.\n\n\n\nTres.\n \n", collect, &s);
    assert_string_equal(s.p, "[Uno.][Dos,\r\nen dos.][Tres.]");
    str_clear(&s);
    doc_paragraphs(DOC_ES "Uno " DOC_BOLD "y\n\nDos" DOC_UNBOLD "." DOC_UNES, collect, &s);
    assert_string_equal(s.p, "[" DOC_ES "Uno " DOC_BOLD "y" DOC_UNBOLD DOC_UNES "][" DOC_ES DOC_BOLD "Dos" DOC_UNBOLD "."
                             DOC_UNES "]");
    str_free(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escapes_s),
        cmocka_unit_test(test_html_raw_and_numbers),
        cmocka_unit_test(test_printf_grows),
        cmocka_unit_test(test_hmap),
        cmocka_unit_test(test_soft_str_fails_and_recovers),
        cmocka_unit_test(test_str_fail_needs_the_opt_in),
        cmocka_unit_test(test_html_record),
        cmocka_unit_test(test_doc_paragraphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
