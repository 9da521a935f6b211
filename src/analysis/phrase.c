/* The sentence layer of the publications: see phrase.h and docs/report.md. */
#include "analysis/phrase.h"
#include <string.h>
#include "util/text.h"

void ph_count(Str *s, Lang l, const char *filter, long n, NumGender g, const char *one, const char *many) {
    doc_count(s, l, filter, n, g);
    str_putc(s, ' ');
    str_puts(s, lang_num(n, one, many));
}

/* The joiner before item I of N: lang_list_sep for "and"; «ni» / "or" for
 * a negative list (Spanish has no «e» rule for «ni»). */
static const char *joiner(Lang l, int i, int n, PhJoin join, const char *next) {
    if (join == PH_AND) return lang_list_sep(l, i, n, next);
    if (i == 0) return "";
    if (i < n - 1) return ", ";
    if (l == LANG_EN) return n > 2 ? ", or " : " or ";
    return " ni ";
}

void ph_list(Str *s, Lang l, int n, PhJoin join, PhItem item, const char *const *first_words, void *ctx) {
    for (int i = 0; i < n; i++) {
        str_puts(s, joiner(l, i, n, join, first_words ? first_words[i] : NULL));
        item(ctx, s, i);
    }
}

/* The length of the run of consecutive numbers starting at V[I]. */
static int run_len(const int *v, int n, int i) {
    int j = i + 1;
    while (j < n && v[j] == v[j - 1] + 1) j++;
    return j - i;
}

int ph_run_items(const int *v, int n) {
    /* a run of one or two numbers is written as that many items */
    int items = 0;
    for (int i = 0; i < n;) {
        int len = run_len(v, n, i);
        items += len >= 3 ? 1 : len;
        i += len;
    }
    return items;
}

int ph_runs(Str *s, Lang l, const int *v, int n, PhItem item, void *ctx) {
    int items = ph_run_items(v, n);
    int written = 0;
    for (int i = 0; i < n;) {
        int len = run_len(v, n, i);
        if (len >= 3) {
            str_puts(s, joiner(l, written++, items, PH_AND, NULL));
            item(ctx, s, i);
            str_puts(s, "\xe2\x80\x93");                  /* en dash */
            item(ctx, s, i + len - 1);
        } else {
            for (int k = i; k < i + len; k++) {
                str_puts(s, joiner(l, written++, items, PH_AND, NULL));
                item(ctx, s, k);
            }
        }
        i += len;
    }
    return items;
}

void ph_all(Str *s, Lang l, const char *filter, long n, NumGender g, const char *one, const char *many) {
    bool fem = g == NUM_FEM;
    if (n == 1) {
        str_puts(s, l == LANG_EN ? "the " : fem ? "la " : "el ");
        doc_ref(s, filter, n, "", l == LANG_EN ? "only" : fem ? "\xc3\xba" "nica" : "\xc3\xba" "nico");
        str_putc(s, ' ');
        str_puts(s, one);
        return;
    }
    if (n == 2) {
        doc_ref(s, filter, n, "", l == LANG_EN ? "both" : fem ? "ambas" : "ambos");
        str_putc(s, ' ');
        str_puts(s, many);
        return;
    }
    str_puts(s, l == LANG_EN ? "all " : fem ? "las " : "los ");
    doc_count(s, l, filter, n, g);
    str_putc(s, ' ');
    str_puts(s, many);
}

int ph_ties(const long *v, int n, int *start) {
    int g = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || v[i] != v[i - 1]) start[g++] = i;
    start[g] = n;
    return g;
}

const char *ph_each(Lang l, bool feminine) {
    if (l == LANG_EN) return "each";
    return feminine ? "cada una" : "cada uno";
}

const char *ph_share_note(Arena *a, Lang l, long sum) {
    if (sum == 100 || sum == 0) return NULL;
    Str p = STR_INIT;
    lang_int(&p, l, sum);
    str_puts(&p, l == LANG_EN ? " per cent" : "\xc2\xa0%");      /* running text: UN style «per cent» */
    const char *z = arena_printf(a,
                                 lang_pick(l,
                                           "Los porcentajes, redondeados a enteros, suman %s: a cifras iguales "
                                           "corresponden porcentajes iguales.",
                                           "The percentages, rounded to whole numbers, add up to %s: equal "
                                           "figures are given equal percentages."),
                                 str_cstr(&p));
    str_free(&p);
    return z;
}

int ph_collate(Lang l, const char *a, const char *b) {
    if (l != LANG_EN) return text_collate_es(a, (int)strlen(a), b, (int)strlen(b));
    Arena ar = ARENA_INIT;
    int c = strcmp(text_fold(&ar, a), text_fold(&ar, b));
    arena_free(&ar);
    return c ? c : strcmp(a, b);
}
