#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/lang.h"

#define NBSP "\xc2\xa0"

bool lang_parse(const char *z, Lang *out) {
    if (!z || strcmp(z, "es") == 0) *out = LANG_ES;
    else if (strcmp(z, "en") == 0) *out = LANG_EN;
    else return false;
    return true;
}

const char *lang_code(Lang l) { return l == LANG_EN ? "en" : "es"; }

/* The Spanish thousands separators a pack may choose; index 0 (a space,
 * written as a no-break space) is the default. An index, atomic: every
 * server thread opening the database sets it, to the same value. */
static const char *const es_seps[] = {" ", ".", ",", "'"};
static _Atomic int es_sep;

bool lang_thousands_valid(const char *sep) {
    if (!sep || !*sep) return true;
    for (size_t i = 0; i < sizeof es_seps / sizeof *es_seps; i++)
        if (strcmp(sep, es_seps[i]) == 0) return true;
    return false;
}

bool lang_set_thousands(const char *sep) {
    if (!lang_thousands_valid(sep)) return false;
    int k = 0;
    for (size_t i = 0; sep && *sep && i < sizeof es_seps / sizeof *es_seps; i++)
        if (strcmp(sep, es_seps[i]) == 0) k = (int)i;
    es_sep = k;
    return true;
}

/* F16A: the decimal mark of the pack's numbers, for reading them (lang.h). */
static _Atomic char es_dec = '.';

bool lang_set_numbers(const char *thousands, const char *decimal) {
    if (!lang_set_thousands(thousands)) return false;
    if (decimal && (strcmp(decimal, ",") == 0 || strcmp(decimal, ".") == 0)) es_dec = *decimal;
    else es_dec = es_sep == 1 ? ',' : '.';            /* es_seps[1] is "." */
    return true;
}

char lang_decimal_mark(void) { return es_dec; }

void lang_int(Str *s, Lang l, long long n) {
    char digits[32];
    if (n < 0) {
        str_putc(s, '-');
        n = -n;
    }
    int len = snprintf(digits, sizeof digits, "%lld", n);
    int k = es_sep;
    /* a space does not split four digits (RAE); a point or comma does ("1.234") */
    bool group = l == LANG_EN || k != 0 ? len > 3 : len > 4;
    const char *sep = l == LANG_EN ? "," : k == 0 ? NBSP : es_seps[k];
    for (int i = 0; i < len; i++) {
        if (group && i > 0 && (len - i) % 3 == 0) str_puts(s, sep);
        str_putc(s, digits[i]);
    }
}

void lang_pct(Str *s, Lang l, long pct) {
    lang_int(s, l, pct);
    str_puts(s, l == LANG_EN ? "%" : NBSP "%");
}

/* True when W starts with the sound /i/ written i-, hi- (but not the
 * diphthongs hia-, hie-, hio-, hiu-, as in "hielo"), accented or not. */
static bool starts_with_i_sound(const char *w) {
    const unsigned char *p = (const unsigned char *)w;
    if (*p == 'h' || *p == 'H') p++;
    bool i = *p == 'i' || *p == 'I';
    const unsigned char *next = p + 1;
    if (!i && p[0] == 0xc3 && (p[1] == 0xad || p[1] == 0x8d)) {   /* í, Í */
        i = true;
        next = p + 2;
    }
    if (!i) return false;
    if ((const char *)p != w && strchr("aeiouAEIOU", *next) && *next) return false;
    return true;
}

const char *lang_list_sep(Lang l, int i, int n, const char *next) {
    if (i == 0) return "";
    if (i < n - 1) return ", ";
    if (l == LANG_EN) return n > 2 ? ", and " : " and ";
    return next && starts_with_i_sound(next) ? " e " : " y ";
}

static const char *const month_es[] = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                                       "agosto", "septiembre", "octubre", "noviembre", "diciembre"};
static const char *const month_en[] = {"January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"};

/* YM as year *Y and month *M (1..12); false when it is not YYYY-MM. */
static bool year_month(const char *ym, int *y, int *m) {
    char tail;
    return ym && sscanf(ym, "%4d-%2d%c", y, m, &tail) == 2 && *m >= 1 && *m <= 12;
}

void lang_month(Str *s, Lang l, const char *ym) {
    int y, m;
    if (!year_month(ym, &y, &m)) {
        str_puts(s, ym ? ym : "");
        return;
    }
    if (l == LANG_EN) str_printf(s, "%s %d", month_en[m - 1], y);
    else str_printf(s, "%s de %d", month_es[m - 1], y);
}

void lang_period(Str *s, Lang l, const char *start, const char *end) {
    if (!start || !end || !*start || !*end) return;
    int y0, m0, y1, m1;
    bool both = year_month(start, &y0, &m0) && year_month(end, &y1, &m1);
    if (both && y0 == y1 && m0 == m1) {
        lang_month(s, l, start);
        return;
    }
    if (both && y0 == y1) str_puts(s, l == LANG_EN ? month_en[m0 - 1] : month_es[m0 - 1]);
    else lang_month(s, l, start);
    str_puts(s, l == LANG_EN ? " to " : " a ");
    lang_month(s, l, end);
}
