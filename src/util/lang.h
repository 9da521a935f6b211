#ifndef PMM_LANG_H
#define PMM_LANG_H
/*
 * The language of one document (report, compendio, chart), chosen by
 * --lang and not by the process locale: a report in English can be written
 * from a Spanish session. Phrases come in explicit Spanish/English pairs at
 * the call site (lang_pick), and the helpers here do what a translation
 * catalog cannot: agreement with a count, list joining, and numbers.
 */
#include <stdbool.h>
#include "util/str.h"

typedef enum { LANG_ES, LANG_EN } Lang;

/* "es" or "en" (NULL means "es"); false for anything else. */
bool lang_parse(const char *z, Lang *out);
const char *lang_code(Lang l);
static inline const char *lang_pick(Lang l, const char *es, const char *en) {
    return l == LANG_EN ? en : es;
}
/* ONE when N == 1, else MANY. */
static inline const char *lang_num(long n, const char *one, const char *many) {
    return n == 1 ? one : many;
}

/* An integer as the language writes it. Spanish (RAE, and NOM-008 for
 * Mexico): groups of three separated by a no-break space, but a number of
 * four digits is not split ("2024", "12 345"); English: "1,234". */
void lang_int(Str *s, Lang l, long long n);
/* Issue 16: the thousands separator of the country's Spanish, from its
 * pack ("numeros.miles", docs/packs.md): " " (the default above: a no-break
 * space, four digits not split), "." or "," or "'" (then "1.234"). False,
 * and nothing changed, for another; NULL or "" is the default. English
 * keeps "1,234". Set when a database is opened (store_pack_numbers); safe
 * from any thread. */
bool lang_set_thousands(const char *sep);
/* F16A (issue 16, fault 1): both marks of the pack's numbers ("numeros"),
 * the decimal one for READING numbers (parse_count in core/action.c): the
 * pack's "numeros.decimal" when given, else ',' when its thousands are
 * "." (Colombia, Guatemala), else '.' (Mexico's and English's point). Set
 * when a database is opened (store_pack_numbers); false, nothing changed,
 * for a thousands separator lang_set_thousands refuses. */
bool lang_set_numbers(const char *thousands, const char *decimal);
char lang_decimal_mark(void);
/* Whether SEP is a thousands separator lang_set_thousands takes. */
bool lang_thousands_valid(const char *sep);
/* A whole percentage: "54 %" (no-break space) in Spanish, "54%" in English. */
void lang_pct(Str *s, Lang l, long pct);
/* The joiner to write BEFORE item I (0-based) of a list of N items: "" for
 * the first, ", " in between, and " y " / " and " before the last. Spanish
 * writes "e" for "y" before a word that starts with the sound /i/ ("Colima
 * e Hidalgo"), so NEXT, the item about to be written, is looked at. */
const char *lang_list_sep(Lang l, int i, int n, const char *next);
/* "junio de 2023" / "June 2023" from "2023-06"; other text is copied. */
void lang_month(Str *s, Lang l, const char *yyyy_mm);
/* The period from START to END (YYYY-MM), the one way every publication,
 * export and page writes it (issue 12, N6): one month once, «marzo de
 * 2025» / "March 2025"; months of one year with the year once, «enero a
 * diciembre de 2025» / "January to December 2025"; else «junio de 2023 a
 * junio de 2024» / "June 2023 to June 2024". A text that is not YYYY-MM
 * is written as lang_month writes it. Nothing when either is empty. */
void lang_period(Str *s, Lang l, const char *start, const char *end);

#endif
