/* The mailer's pure parts (src/web/mailer.c, issue 11): which addresses are
 * accepted, the backoff, --remind-days, and the RFC 5322 message: headers,
 * encoded-word subject folded without splitting a UTF-8 character, base64
 * body in canonical CRLF lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "web/mail.h"

static void test_addresses(void **state) {
    (void)state;
    const char *good[] = {"enlace.inm@example.org", "a+b@sub.example.gob.mx", "x_y-z@a-b.mx", NULL};
    const char *bad[] = {"", "sin-arroba", "@example.org", "a@b", "a@b.", "a@.b.org", "a b@c.org",
                         "a@b .org", "a..b@c.org", ".a@c.org", "a.@c.org", "<a@c.org>", "a@c.org\r\nBcc: x@y.org",
                         "a\"b@c.org", "a@-b.org", "a@b-.org", "á@c.org", "a@c.org,b@d.org", NULL};
    for (int i = 0; good[i]; i++) assert_true(mail_address_ok(good[i]));
    for (int i = 0; bad[i]; i++) assert_false(mail_address_ok(bad[i]));
    char longer[300];
    memset(longer, 'a', sizeof longer);
    strcpy(longer + 250, "@b.org");
    assert_false(mail_address_ok(longer));          /* over 254 bytes */
    assert_false(mail_address_ok(NULL));
}

static void test_backoff(void **state) {
    (void)state;
    assert_int_equal(mail_backoff(60, 1), 60);
    assert_int_equal(mail_backoff(60, 2), 120);
    assert_int_equal(mail_backoff(60, 3), 240);
    assert_int_equal(mail_backoff(60, 7), 3600);     /* capped at 60 base */
    assert_int_equal(mail_backoff(60, 1000000), 3600);
}

static void test_remind_days(void **state) {
    (void)state;
    MailConfig mc = {.nremind = 0};
    assert_true(mail_parse_remind(&mc, "7,1"));
    assert_int_equal(mc.nremind, 2);
    assert_int_equal(mc.remind[0], 7);
    assert_int_equal(mc.remind[1], 1);
    const char *bad[] = {"", "0", "7,", ",7", "7,,1", "x", "7;1", "366", " 7", "+7", "7, 1", "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
                         NULL};
    for (int i = 0; bad[i]; i++) {
        assert_false(mail_parse_remind(&mc, bad[i]));
        assert_int_equal(mc.nremind, 2);             /* nothing changed */
    }
}

/* The message's header block, and its body decoded. */
static void split(const char *msg, char **head, char **body) {
    const char *sep = strstr(msg, "\r\n\r\n");
    assert_non_null(sep);
    *head = strndup(msg, (size_t)(sep - msg) + 2);
    Str b64 = STR_INIT;
    for (const char *p = sep + 4; *p; p++)
        if (*p != '\r' && *p != '\n') str_putc(&b64, *p);
    size_t cap = b64.len, n = 0;
    *body = calloc(1, cap + 1);
    assert_int_equal(sodium_base642bin((unsigned char *)*body, cap, b64.p, b64.len, NULL, &n, NULL,
                                       sodium_base64_VARIANT_ORIGINAL), 0);
    str_free(&b64);
}

static void test_message(void **state) {
    (void)state;
    /* 30 two-byte characters: 60 bytes, which must fold into two words */
    char subject[128] = "";
    for (int i = 0; i < 30; i++) strcat(subject, "ñ");
    OutboxMsg m = {.id = 42, .to = "enlace.inm@example.org", .subject = subject, .kind = "revision",
                   .body = "Línea uno\nLínea dos\n", .created_at = 1700000000};
    Str out = STR_INIT;
    mail_format(&out, "pmm@example.org", &m, (time_t)1764460800);   /* 2025-11-30 00:00:00 UTC, a Sunday */
    char *head, *body;
    split(out.p, &head, &body);
    assert_non_null(strstr(head, "Date: Sun, 30 Nov 2025 00:00:00 +0000\r\n"));
    assert_non_null(strstr(head, "From: pmm@example.org\r\nTo: enlace.inm@example.org\r\n"));
    assert_non_null(strstr(head, "Message-ID: <pmm.42.1700000000@example.org>\r\n"));
    assert_non_null(strstr(head, "Content-Type: text/plain; charset=UTF-8\r\n"));
    assert_non_null(strstr(head, "Content-Transfer-Encoding: base64\r\n"));
    assert_string_equal(body, "Línea uno\r\nLínea dos\r\n");
    /* every header line at most 78 characters; the subject in two words, each whole characters */
    int words = 0;
    for (char *line = head, *end; (end = strstr(line, "\r\n")); line = end + 2) {
        assert_true(end - line <= 76);
        *end = '\0';                                 /* search this line only */
        char *w = strstr(line, "=?UTF-8?B?");
        if (!w) continue;
        words++;
        char *q = strstr(w + 10, "?=");
        unsigned char bin[64];
        size_t n;
        assert_int_equal(sodium_base642bin(bin, sizeof bin, w + 10, (size_t)(q - w - 10), NULL, &n, NULL,
                                           sodium_base64_VARIANT_ORIGINAL), 0);
        assert_true(n % 2 == 0);                     /* never half an ñ */
    }
    assert_int_equal(words, 2);
    free(head);
    free(body);
    str_free(&out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_remind_days),
        cmocka_unit_test(test_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
