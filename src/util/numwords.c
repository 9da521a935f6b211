/* Small numbers in words: see numwords.h and docs/report.md. */
#include "util/numwords.h"
#include <string.h>
#include <strings.h>

static const char *const EN[10] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
static const char *const ES[10] = {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"};

const char *num_word(Lang l, long n, NumGender g) {
    if (n < 0 || n > 9) return NULL;
    if (l == LANG_EN) return EN[n];
    if (n == 1) return g == NUM_FEM ? "una" : g == NUM_MASC ? "un" : "uno";
    return ES[n];
}

bool num_gender_valid(char c) { return c == NUM_MASC || c == NUM_FEM || c == NUM_MASC_ALONE; }

/* Whether the LEN bytes of WORD end with SUFFIX. */
static bool ends(const char *word, size_t len, const char *suffix) {
    size_t n = strlen(suffix);
    return len >= n && memcmp(word + len - n, suffix, n) == 0;
}

NumGender num_gender_es(const char *noun) {
    /* masculine nouns in -a an administrative text may use as a body's noun */
    static const char *const masc_a[] = {"programa", "sistema", "organigrama", "día", "mapa", "problema",
                                         "tema", "esquema", "planeta", "idioma", "clima"};
    size_t len = strcspn(noun, " ,;");
    for (size_t i = 0; i < sizeof masc_a / sizeof *masc_a; i++)
        if (len == strlen(masc_a[i]) && strncasecmp(noun, masc_a[i], len) == 0) return NUM_MASC;
    static const char *const fem[] = {"a", "ción", "sión", "dad", "tad", "tud", "umbre"};
    for (size_t i = 0; i < sizeof fem / sizeof *fem; i++)
        if (ends(noun, len, fem[i])) return NUM_FEM;
    return NUM_MASC;
}
