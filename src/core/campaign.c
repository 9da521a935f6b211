/* The campaign's rules (campaign.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "core/campaign.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"

/* The first character of NAME that no edition name may hold, as the text
 * of a refusal; NULL when there is none. */
static const char *forbidden_char(const char *name) {
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            return _("lleva un carácter de control (salto de línea, tabulador…)");
        if (*p == '/' || *p == '\\') return _("lleva «/» o «\\», que no van en un nombre de edición");
        if (*p == '?' || *p == '#' || *p == '%')   /* they would end or escape the edition's URL */
            return _("lleva «?», «#» o «%», que no van en un nombre de edición (forma parte de sus direcciones web)");
        if (*p == ',')   /* issue 13 round 2 (F13, fault 9): it parts the editions of a list */
            return _("lleva «,», que separa las ediciones en una lista (pmm trend --editions, ?ediciones=)");
        if (*p == '@')
            return _("lleva «@», que pmm reserva para nombrar las revisiones publicadas (p. ej. 2024@r2)");
        if (p[0] == '.' && p[1] == '.') return _("lleva «..», que no va en un nombre de edición");
    }
    return NULL;
}

const char *edition_name_check(const char *name) {
    size_t n = strlen(name);
    if (text_blank(name)) return _("el nombre de la edición está vacío");
    if (!text_valid_utf8(name, n)) return _("el nombre de la edición no es texto UTF-8 válido");
    const char *bad = forbidden_char(name);
    if (bad) return bad;
    /* t12 fault 11: «.» is a path's dot segment: a browser takes
     * /ediciones/. for /ediciones/ and the edition cannot be reached */
    if (name[strspn(name, ".")] == '\0') return _("es solo «.», que un navegador quita de la dirección de la edición");
    /* issue 12, N1: the name is printed on the cover and in the citation;
     * a direction control or a line separator would reverse or break them
     * (the one-line rule of those settings, named by its character) */
    if (text_find_line_breaker(name)) return text_one_line_check(name, 0);
    char *copy = xstrdup(name);
    bool spaces = strlen(text_trim(copy)) != n;
    free(copy);
    if (spaces) return _("empieza o termina con espacios: escríbalo sin ellos");
    /* issue 10, hostile fault 7 (helper REC2): two names that look the same
     * must be one name; the store compares them by text_key */
    /* issue 12 round 5, t12 #12: the imprint's one-line rule, which now
     * refuses an invisible character and one of private use, as names did
     * the first (they look like another name) */
    const char *why = text_one_line_check(name, 0);
    if (why) return why;
    if (!text_is_nfc(name))
        return _("lleva letras y acentos como caracteres separados (forma NFD): escríbalo con las "
                 "letras acentuadas de su teclado");
    if (text_chars(name) > EDITION_NAME_MAX) {
        static _Thread_local char msg[160];
        snprintf(msg, sizeof msg, _("es demasiado largo (máximo %d caracteres)"), EDITION_NAME_MAX);
        return msg;
    }
    return NULL;
}

/* S is DIGITS digits, then '-' and two digits, N times; MAX_DAY of each
 * part is checked by the caller. */
static bool digits(const char *s, int n) {
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return false;
    return true;
}

static bool is_month(const char *s) {
    if (strlen(s) != 7 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2)) return false;
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    return m >= 1 && m <= 12;
}

/* Days from 1970-01-01 to Y-M-D (proleptic Gregorian), for any valid date. */
static long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool parse_date(const char *s, long *days) {
    if (!s || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return false;
    int y, m, d;
    if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1) return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap)) return false;
    *days = days_from_civil(y, m, d);
    return true;
}

/* The years an edition's period and deadline may name: the Compact dates
 * from 2018, so a year outside these is a typo (t12w, F7: «0999-01» was
 * taken, and printed «enero a febrero de 999»). */
#define EDITION_YEAR_MIN 2000
#define EDITION_YEAR_MAX 2100

static bool year_in_range(const char *s) {
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= EDITION_YEAR_MIN && y <= EDITION_YEAR_MAX;
}

const char *edition_period_check(const char *start, const char *end) {
    start = start ? start : "";
    end = end ? end : "";
    if (!*start && !*end) return NULL;
    if (!*start || !*end) return _("Escriba el periodo completo: mes de inicio y mes de fin.");
    if (!is_month(start) || !is_month(end))
        return _("Cada mes del periodo se escribe AAAA-MM (p. ej. 2024-01).");
    if (!year_in_range(start) || !year_in_range(end))
        return _("El año del periodo debe estar entre 2000 y 2100.");
    if (strcmp(start, end) > 0) return _("El mes de inicio del periodo es posterior al de fin.");
    return NULL;
}

const char *edition_deadline_check(const char *deadline) {
    long d;
    if (!deadline || !*deadline) return NULL;
    if (parse_date(deadline, &d)) return year_in_range(deadline) ? NULL : _("El año de la fecha límite debe estar entre 2000 y 2100.");
    return _("La fecha límite se escribe AAAA-MM-DD y debe ser una fecha que exista (p. ej. 2025-02-28).");
}

const char *edition_publish_check(const char *period_start, const char *period_end) {
    if (!period_start || !*period_start || !period_end || !*period_end)
        return _("La edición no tiene periodo: indique el mes de inicio y el de fin antes de publicarla.");
    return NULL;
}

bool action_complete(const Action *d, Str *missing) {
    const char *lack[5];
    int n = 0;
    if (!d->description || !*d->description) lack[n++] = _(action_fields[AF_DESCRIPCION].label);
    if (d->ntypes == 0) lack[n++] = _(action_fields[AF_TIPO_ACCION].label);
    if (d->npops == 0) lack[n++] = _(action_fields[AF_POBLACION].label);
    if (d->gender_focus < 0) lack[n++] = _(action_fields[AF_ENFOQUE_GENERO].label);
    if (d->disability < 0) lack[n++] = _(action_fields[AF_DISCAPACIDAD].label);
    for (int i = 0; i < n; i++) str_printf(missing, "%s%s", i ? "; " : "", lack[i]);
    return n == 0;
}

bool campaign_days_left(const char *deadline, const char *today, long *days) {
    long a, b;
    if (!parse_date(deadline, &a) || !parse_date(today, &b)) return false;
    *days = a - b;
    return true;
}

void campaign_today(char out[11]) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}
