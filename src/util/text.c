#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "util/text.h"
#include "util/mem.h"
#include "util/str.h"
#include "util/i18n.h"

/* Eight bytes at a time while they are ASCII without NUL: most of a CSV
 * is, and this check reads every byte of every import. */
static size_t ascii_prefix(const unsigned char *p, size_t n) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w & highs) || ((w - ones) & ~w & highs)) break;   /* non-ASCII, or a NUL */
    }
    return i;
}

bool text_valid_utf8(const char *s, size_t n) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        i += ascii_prefix(p + i, n - i);
        if (i == n) break;
        if (p[i] == 0) return false;
        if (p[i] < 0x80) { i++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0) return false;
        i += (size_t)k;
    }
    return true;
}

char *text_fold(Arena *a, const char *s) {
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
        UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0) return arena_strdup(a, "");
    char *out = arena_alloc(a, (size_t)n + 1);
    size_t o = 0;
    bool space = false;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(folded + i, n - i, &cp);
        if (k <= 0) break;
        utf8proc_category_t cat = utf8proc_category(cp);
        bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        if (word) {
            if (space && o > 0) out[o++] = ' ';
            space = false;
            memcpy(out + o, folded + i, (size_t)k);
            o += (size_t)k;
        } else {
            space = true;
        }
        i += k;
    }
    out[o] = '\0';
    free(folded);
    return out;
}

/* White space: ASCII's, and every Unicode space and separator (Zs, Zl,
 * Zp: U+00A0, U+2003, U+3000...) and U+FEFF, which a name made of them
 * only looks empty (issue 10, helper REC). */
static bool is_space_at(const unsigned char *p, size_t *len) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f') {
        *len = 1;
        return true;
    }
    if (*p < 0x80) return false;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
    if (k <= 0) return false;
    utf8proc_category_t c = utf8proc_category(cp);
    *len = (size_t)k;
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           cp == 0xFEFF;
}

/* What shows as nothing but is no space to trim (issue 10, hostile fault
 * 9, helper REC2): U+0085 (next line), the default-ignorable code points
 * (U+200B, U+2060, U+3164, U+00AD, but also the variation selector that
 * ends an emoji, which trimming would take from it) and U+2800, the blank
 * Braille pattern. A text of nothing else is blank. */
static bool is_invisible(utf8proc_int32_t cp) {
    return cp == 0x85 || cp == 0x2800 || utf8proc_category(cp) == UTF8PROC_CATEGORY_CF ||
           utf8proc_get_property(cp)->ignorable;
}

static bool is_blank_at(const unsigned char *p, size_t *len) {
    if (is_space_at(p, len)) return true;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = *p < 0x80 ? -1 : utf8proc_iterate(p, -1, &cp);
    if (k <= 0) return false;
    *len = (size_t)k;
    return is_invisible(cp);
}

char *text_trim(char *s) {
    unsigned char *p = (unsigned char *)s;
    size_t k;
    while (*p && is_space_at(p, &k)) p += k;
    size_t end = strlen((char *)p);
    while (end > 0) {          /* the last character, from the start of its sequence */
        size_t c = end - 1;
        while (c > 0 && (p[c] & 0xC0) == 0x80) c--;
        if (!is_space_at(p + c, &k) || c + k != end) break;
        end = c;
    }
    memmove(s, p, end);
    s[end] = '\0';
    return s;
}

bool text_blank(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t k;
    while (*p && is_blank_at(p, &k)) p += k;
    return *p == '\0';
}

size_t text_chars(const char *s) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) n += (*p & 0xC0) != 0x80;
    return n;
}

size_t text_width(const char *s) {
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t c;
    for (utf8proc_ssize_t n; *p && (n = utf8proc_iterate(p, -1, &c)) > 0; p += n) {
        int cw = utf8proc_charwidth(c);
        w += cw > 0 ? (size_t)cw : 0;
    }
    return w;
}

int text_distance(const char *a, const char *b, int cap) {
    size_t la = strlen(a), lb = strlen(b);
    if ((int)(la > lb ? la - lb : lb - la) > cap) return cap + 1;
    int *row = xmalloc((lb + 1) * sizeof *row);
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0], best = row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int sub = prev + (a[i - 1] != b[j - 1]);
            int del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
            if (row[j] < best) best = row[j];
        }
        if (best > cap) { free(row); return cap + 1; }
    }
    int d = row[lb];
    free(row);
    return d > cap ? cap + 1 : d;
}

/* ---- normal forms (issue 10, hostile faults 6 and 7, helper REC2) ---- */

static bool ascii_only(const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80) return false;
    return true;
}

/* S mapped by utf8proc with OPTIONS, in A; S itself when it is ASCII,
 * which no option changes but case folding. */
static char *text_map(Arena *a, const char *s, int options) {
    if (ascii_only(s) && !(options & UTF8PROC_CASEFOLD)) return (char *)s;
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                      (utf8proc_option_t)(UTF8PROC_NULLTERM | UTF8PROC_STABLE | options));
    if (n < 0) return (char *)s;      /* not UTF-8: the caller's check says so */
    char *out = arena_strndup(a, (const char *)m, (size_t)n);
    free(m);
    return out;
}

char *text_nfc(Arena *a, const char *s) { return text_map(a, s, UTF8PROC_COMPOSE); }

bool text_is_nfc(const char *s) {
    Arena a = ARENA_INIT;
    bool same = strcmp(text_nfc(&a, s), s) == 0;
    arena_free(&a);
    return same;
}

char *text_key(Arena *a, const char *s) {
    return text_map(a, s, UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
}

bool text_has_invisible(const char *s) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return false;
        if (is_invisible(cp)) return true;
        p += k;
    }
    return false;
}

bool text_is_word(const char *s) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return false;
        utf8proc_category_t c = utf8proc_category(cp);
        if (!(c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) &&
            !(c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
            return false;
        p += k;
    }
    return true;
}

/* The Spanish sort key of S[0..n) into K (issue 12, P12B): compatibility
 * decomposition, case folded, accents dropped, but an n with a tilde is
 * "n" and then 0x7F, so that ñ sorts after every n + letter ("nube" <
 * "ñu"), as the Spanish alphabet orders it. */
static void collation_key(Str *k, const char *s, int n) {
    utf8proc_uint8_t *d = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, n, &d,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                      UTF8PROC_CASEFOLD);
    if (m < 0) {                /* not UTF-8: its bytes, which still order */
        str_append(k, s, (size_t)n);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < m;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(d + i, m - i, &cp);
        if (len <= 0) break;
        if (utf8proc_category(cp) != UTF8PROC_CATEGORY_MN)
            str_append(k, (const char *)d + i, (size_t)len);
        else if (cp == 0x0303 && k->len && k->p[k->len - 1] == 'n')
            str_putc(k, 0x7F);
        i += len;
    }
    free(d);
}

/* The usual case, decided without the keys (which cost a utf8proc_map and
 * two allocations each, for every comparison of an ORDER BY): while both
 * texts are ASCII, their keys are their bytes with A-Z lowered (no mark,
 * nothing to decompose), so the first position where those differ decides
 * -- when both texts are valid UTF-8 (else a key is the raw bytes). 2:
 * undecided, the keys are needed. */
static int collate_ascii(const char *a, int na, const char *b, int nb) {
    int n = na < nb ? na : nb;
    for (int i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x == 0 || y == 0 || x >= 0x80 || y >= 0x80) return 2;
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + ('a' - 'A'));
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + ('a' - 'A'));
        if (x != y)
            return text_valid_utf8(a, (size_t)na) && text_valid_utf8(b, (size_t)nb) ? (x < y ? -1 : 1) : 2;
    }
    return 2;
}

int text_collate_es(const char *a, int na, const char *b, int nb) {
    int fast = collate_ascii(a, na, b, nb);
    if (fast != 2) return fast;
    Str ka = STR_INIT, kb = STR_INIT;
    collation_key(&ka, a, na);
    collation_key(&kb, b, nb);
    size_t n = ka.len < kb.len ? ka.len : kb.len;
    int c = n ? memcmp(ka.p, kb.p, n) : 0;
    if (!c) c = (ka.len > kb.len) - (ka.len < kb.len);
    str_free(&ka);
    str_free(&kb);
    if (c) return c;
    /* equal keys ("Ángel", "angel"): by their bytes, so the order is total */
    n = (size_t)(na < nb ? na : nb);
    c = n ? memcmp(a, b, n) : 0;
    return c ? c : (na > nb) - (na < nb);
}

bool text_in_list(const char *s, const char *list) {
    size_t n = strlen(s);
    if (strchr(s, ';')) return false;          /* a word, not a piece of the list */
    for (const char *c = list; n && *c; c += strcspn(c, ";") + (c[strcspn(c, ";")] == ';'))
        if (strncmp(c, s, n) == 0 && (c[n] == ';' || c[n] == '\0')) return true;
    return false;
}

bool text_is_code(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

char *text_capitalize(Arena *a, const char *z) {
    if (!*z) return arena_strdup(a, z);      /* utf8proc_iterate takes the NUL as a character */
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)z, -1, &cp);
    if (n <= 0 || cp < 0) return arena_strdup(a, z);
    utf8proc_uint8_t up[4];
    utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_toupper(cp), up);
    size_t rest = strlen(z + n);
    char *out = arena_alloc(a, (size_t)m + rest + 1);
    memcpy(out, up, (size_t)m);
    memcpy(out + m, z + n, rest + 1);
    return out;
}

/* ------------------------------------- direction and line separators (issue 12) */

/* U+2028 (line separator), U+2029 (paragraph separator) and U+0085 (next
 * line) at P: their length in bytes, or 0. They end a line as '\n' does,
 * so a quoted text folds them as it folds newlines (verification fault 4). */
size_t text_line_separator_at(const char *p) {
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == 0xC2 && u[1] == 0x85) return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9)) return 3;
    return 0;
}

/* TEXT with each line separator a '\n'; TEXT itself when it has none. */
static const char *unify_line_separators(Arena *a, const char *text) {
    const char *p = text;
    while (*p && !text_line_separator_at(p)) p++;
    if (!*p) return text;
    Str t = STR_INIT;
    for (p = text; *p;) {
        size_t k = text_line_separator_at(p);
        if (k) str_putc(&t, '\n');
        else str_putc(&t, *p);
        p += k ? k : 1;
    }
    char *z = arena_strdup(a, str_cstr(&t));
    str_free(&t);
    return z;
}

bool text_is_control(uint32_t cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x85) return false;
    return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

uint32_t text_find_control(const char *s) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        if (*p < 0x80) {
            if (text_is_control(*p)) return *p;
            p++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return 0;
        if (text_is_control((uint32_t)cp)) return (uint32_t)cp;
        p += k;
    }
    return 0;
}

/* ------------------------------------------- one-line settings (issue 12, N1) */

static bool is_direction_control(uint32_t cp) {
    return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static bool is_line_separator(uint32_t cp) { return cp == 0x85 || cp == 0x2028 || cp == 0x2029; }

bool text_breaks_line(uint32_t cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || text_is_control(cp) || is_line_separator(cp) ||
           is_direction_control(cp);
}

uint32_t text_find_line_breaker(const char *s) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp = *p;
        utf8proc_ssize_t k = *p < 0x80 ? 1 : utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return 0;
        if (text_breaks_line((uint32_t)cp)) return (uint32_t)cp;
        p += k;
    }
    return 0;
}

/* The first character of S (valid UTF-8) that prints as nothing
 * (is_invisible, text_has_invisible's) or is of private use (U+E000..
 * U+F8FF, planes 15 and 16: no font agrees on its shape, it prints as a
 * box), or 0 when none (issue 12 round 5, t12 #12). */
static uint32_t find_unprintable(const char *s, bool *private_use) {
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp = *p;
        utf8proc_ssize_t k = *p < 0x80 ? 1 : utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return 0;
        *private_use = utf8proc_category(cp) == UTF8PROC_CATEGORY_CO;
        if (*private_use || (cp >= 0x80 && is_invisible(cp))) return (uint32_t)cp;
        p += k;
    }
    return 0;
}

const char *text_one_line_check(const char *s, size_t max_chars) {
    static _Thread_local char msg[256];
    size_t n = strlen(s);
    if (!text_valid_utf8(s, n)) return _("no es texto UTF-8 válido");
    uint32_t cp = text_find_line_breaker(s);
    bool private_use = false;
    uint32_t unprintable = cp ? 0 : find_unprintable(s, &private_use);
    if (cp && is_direction_control(cp))
        snprintf(msg, sizeof msg, _("lleva el carácter U+%04X, un control de dirección del texto que invierte o "
                                    "reordena lo que se imprime a su lado: quítelo"), (unsigned)cp);
    else if (cp && (is_line_separator(cp) || cp == '\n' || cp == '\r'))
        snprintf(msg, sizeof msg, _("lleva el carácter U+%04X, un salto o separador de línea o de párrafo que "
                                    "parte la línea impresa: escríbalo en una sola línea"), (unsigned)cp);
    else if (cp)
        snprintf(msg, sizeof msg, _("lleva el carácter de control U+%04X, que no se puede imprimir: quítelo"),
                 (unsigned)cp);
    else if (unprintable && private_use)
        snprintf(msg, sizeof msg, _("lleva el carácter U+%04X, de uso privado, que no tiene una forma común a "
                                    "todas las fuentes y se imprime como una caja: quítelo"), (unsigned)unprintable);
    else if (unprintable)     /* the words edition names said before (edition_name_check) */
        snprintf(msg, sizeof msg, _("lleva el carácter U+%04X, un carácter invisible (espacio de ancho cero, "
                                    "guion suave…): escríbalo sin él"), (unsigned)unprintable);
    else if (max_chars && n > max_chars && text_chars(s) > max_chars)
        snprintf(msg, sizeof msg, _("tiene %zu caracteres (máximo %zu)"), text_chars(s), max_chars);
    else
        return NULL;
    return msg;
}

const char *text_lines_check(const char *s, int *line) {
    *line = 0;
    const char *why = NULL;
    char *copy = text_unix_newlines(xstrdup(s));    /* a stored text's separators end lines too */
    int n = 1;
    for (char *ln = copy; ln && !why; n++) {
        char *nl = strchr(ln, '\n');
        if (nl) *nl = '\0';
        for (char *t = ln; *t; t++)
            if (*t == '\t' || *t == '\r') *t = ' ';     /* a tab or a CR ends nothing in a paragraph */
        why = text_one_line_check(ln, 0);
        if (why) *line = n;
        ln = nl ? nl + 1 : NULL;
    }
    free(copy);
    return why;
}

char *text_one_line(Arena *a, const char *s) {
    if (!text_find_line_breaker(s)) return (char *)s;
    Str t = STR_INIT;
    bool gap = false;
    for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s; *p;) {
        utf8proc_int32_t cp = *p;
        utf8proc_ssize_t k = *p < 0x80 ? 1 : utf8proc_iterate(p, -1, &cp);
        if (k <= 0) {               /* not UTF-8 (never stored by pmm): the byte as it is */
            k = 1;
            cp = 'x';
        }
        if (!text_breaks_line((uint32_t)cp)) {
            /* a separator or control between two words is one space */
            bool after_space = t.len && t.p[t.len - 1] == ' ';
            if (gap && t.len && !after_space && cp != ' ') str_putc(&t, ' ');
            if (!(gap && cp == ' ' && (after_space || !t.len))) str_append(&t, (const char *)p, (size_t)k);
            gap = gap && cp == ' ';
        } else {
            gap = gap || !is_direction_control((uint32_t)cp);
        }
        p += k;
    }
    char *z = arena_strndup(a, t.p ? t.p : "", t.len);
    str_free(&t);
    return z;
}

/* What a character does to the direction of what follows it. */
enum { BIDI_NONE, BIDI_STRONG_RTL, BIDI_OPEN_EMBED, BIDI_OPEN_ISOLATE, BIDI_CLOSE_EMBED, BIDI_CLOSE_ISOLATE };

static int bidi_role(utf8proc_int32_t cp) {
    switch (utf8proc_get_property(cp)->bidi_class) {
    case UTF8PROC_BIDI_CLASS_R: case UTF8PROC_BIDI_CLASS_AL: case UTF8PROC_BIDI_CLASS_AN:
        return BIDI_STRONG_RTL;
    case UTF8PROC_BIDI_CLASS_LRE: case UTF8PROC_BIDI_CLASS_RLE:
    case UTF8PROC_BIDI_CLASS_LRO: case UTF8PROC_BIDI_CLASS_RLO:
        return BIDI_OPEN_EMBED;
    case UTF8PROC_BIDI_CLASS_LRI: case UTF8PROC_BIDI_CLASS_RLI: case UTF8PROC_BIDI_CLASS_FSI:
        return BIDI_OPEN_ISOLATE;
    case UTF8PROC_BIDI_CLASS_PDF: return BIDI_CLOSE_EMBED;
    case UTF8PROC_BIDI_CLASS_PDI: return BIDI_CLOSE_ISOLATE;
    default: return BIDI_NONE;
    }
}

#define LRI_UTF8 "\xe2\x81\xa6"      /* U+2066 LEFT-TO-RIGHT ISOLATE */
#define PDF_UTF8 "\xe2\x80\xac"      /* U+202C POP DIRECTIONAL FORMATTING */
#define PDI_UTF8 "\xe2\x81\xa9"      /* U+2069 POP DIRECTIONAL ISOLATE */

/* Whether S has a right-to-left character or a direction control: only
 * then can it reorder what prints around it. */
static bool has_bidi(const char *s) {
    for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s; *p;) {
        if (*p < 0x80) { p++; continue; }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) return false;
        if (bidi_role(cp) != BIDI_NONE) return true;
        p += k;
    }
    return false;
}

/* Copies S into T with its direction controls balanced: a closer with no
 * opener of its kind inside S is left out (it would close the document's
 * own), an opener left open is closed at the end, an isolate's closer
 * first closes the embeddings opened inside it. So what S opens ends with
 * S, in every reader, even one that does not know isolates. */
static void put_balanced(Str *t, const char *s) {
    char stack[64];                 /* 'E' embedding or override, 'I' isolate; UBA's depth is 125 */
    int depth = 0, isolates = 0;
    for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s; *p;) {
        utf8proc_int32_t cp = *p;
        utf8proc_ssize_t k = *p < 0x80 ? 1 : utf8proc_iterate(p, -1, &cp);
        if (k <= 0) break;
        int role = *p < 0x80 ? BIDI_NONE : bidi_role(cp);
        bool keep = true;
        if (role == BIDI_OPEN_EMBED || role == BIDI_OPEN_ISOLATE) {
            keep = depth < (int)sizeof stack;                 /* deeper: left out, as UBA ignores it */
            if (keep) stack[depth++] = role == BIDI_OPEN_ISOLATE ? 'I' : 'E';
            isolates += keep && role == BIDI_OPEN_ISOLATE;
        } else if (role == BIDI_CLOSE_EMBED) {
            keep = depth && stack[depth - 1] == 'E';
            depth -= keep;
        } else if (role == BIDI_CLOSE_ISOLATE) {
            keep = isolates > 0;
            for (; keep && stack[depth - 1] == 'E'; depth--) str_puts(t, PDF_UTF8);
            depth -= keep;
            isolates -= keep;
        }
        if (keep) str_append(t, (const char *)p, (size_t)k);
        p += k;
    }
    while (depth) str_puts(t, stack[--depth] == 'I' ? PDI_UTF8 : PDF_UTF8);
}

char *text_isolated(Arena *a, const char *s) {
    if (!has_bidi(s)) return (char *)s;
    Str t = STR_INIT;
    str_puts(&t, LRI_UTF8);
    put_balanced(&t, s);
    str_puts(&t, PDI_UTF8);
    char *z = arena_strdup(a, str_cstr(&t));
    str_free(&t);
    return z;
}

/* ------------------------------------------------- first sentence (issue 12) */

/* Words after whose period a sentence goes on, in lower case: Spanish and
 * English abbreviations met in what bodies write about their actions. A
 * single letter ("p.", an initial "J.") is one too. "no" and "núm" only
 * before a number, "etc." unless a capital follows (see abbrev_goes_on). */
static const char *const ABBREVIATIONS[] = {
    "ej", "sr", "sra", "srta", "sres", "dr", "dra", "lic", "ing", "mtro", "mtra", "arq", "gral", "cd",
    "núm", "num", "no", "art", "arts", "etc", "e.g", "i.e", "ee", "uu", "ee.uu", "av", "col", "fracc",
    "pág", "págs", "vol", "cap", "aprox", "tel", "prof", "profa", "dir", "admón", "depto", "mr", "mrs",
    "ms", "st", "vs", "approx", "inc", "jr", "fig", NULL,
};

/* Whether the period at P (in TEXT) closes an abbreviation, after which the
 * sentence goes on: the word before it is in ABBREVIATIONS or one letter. */
static bool abbrev_goes_on(const char *text, const char *p) {
    const char *w = p;
    while (w > text && (((unsigned char)w[-1] >= 0x80) || (w[-1] >= 'a' && w[-1] <= 'z') ||
                        (w[-1] >= 'A' && w[-1] <= 'Z') || w[-1] == '.'))
        w--;
    size_t n = (size_t)(p - w);
    if (n == 0 || n > 8) return false;
    char low[9];
    for (size_t i = 0; i < n; i++) low[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') : w[i];
    low[n] = 0;
    const char *next = p + 1;
    while (*next == ' ' || *next == '\n' || *next == '\r' || *next == '\t') next++;
    if (n == 1 || (n == 2 && (unsigned char)low[0] >= 0x80)) return true;      /* "p.", "J.", "Á." */
    for (const char *const *a = ABBREVIATIONS; *a; a++) {
        if (strcmp(low, *a) != 0) continue;
        if (!strcmp(low, "no") || !strcmp(low, "núm") || !strcmp(low, "num"))
            return *next >= '0' && *next <= '9';                  /* "No. 5", not "…dijo que no. Luego" */
        if (!strcmp(low, "etc")) return !(*next >= 'A' && *next <= 'Z');
        return true;
    }
    return false;
}

/* Whether the character at P ends the sentence: '.', '?' or '!' followed by
 * white space or the end, and not the period of an abbreviation. */
static bool sentence_ends(const char *text, const char *p) {
    if (*p != '.' && *p != '?' && *p != '!') return false;
    char c = p[1];
    if (c && c != ' ' && c != '\n' && c != '\r' && c != '\t') return false;
    return *p != '.' || !abbrev_goes_on(text, p);
}

static bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* Drops the spaces and the commas, colons... that T ends with: nothing
 * that joins to what was cut off ("las personas, …" reads "las personas…"). */
static void trim_joiners(Str *t) {
    while (t->len && strchr(" ,;:-", t->p[t->len - 1])) t->len--;
    if (t->p) t->p[t->len] = 0;
}

/* TEXT with white space collapsed, bounded to MAX_CHARS characters (cut at
 * the last word boundary, ending in "…"); SENTENCE: stop at the end of the
 * first sentence, and end in punctuation. In A. */
static char *collapsed(Arena *a, const char *text, size_t max_chars, bool sentence) {
    text = unify_line_separators(a, text);
    Str t = STR_INIT;
    size_t chars = 0, last_space = 0;
    bool cut = false;
    const char *p = text;
    while (is_ws(*p)) p++;
    for (; *p; p++) {
        if (is_ws(*p)) {
            while (is_ws(p[1])) p++;
            if (!p[1]) break;
            last_space = t.len;
        }
        if (((unsigned char)*p & 0xC0) != 0x80) {           /* a new character starts */
            if (chars == max_chars) {
                cut = true;
                break;
            }
            chars++;
        }
        str_putc(&t, is_ws(*p) ? ' ' : *p);
        if (sentence && sentence_ends(text, p)) break;
    }
    if (cut) {
        /* at the last word boundary, unless that drops more than half */
        if (last_space > t.len / 2) t.len = last_space;
        trim_joiners(&t);
        str_puts(&t, "\xe2\x80\xa6");                        /* … */
    } else if (sentence) {
        trim_joiners(&t);
        if (t.len && !strchr(".?!", t.p[t.len - 1]) && !(t.len >= 3 && !memcmp(t.p + t.len - 3, "\xe2\x80\xa6", 3)))
            str_putc(&t, '.');
    }
    char *z = text_isolated(a, arena_strdup(a, t.len ? str_cstr(&t) : ""));
    str_free(&t);
    return z;
}

char *text_first_sentence(Arena *a, const char *text, size_t max_chars) {
    return collapsed(a, text, max_chars, true);
}

char *text_quoted_name(Arena *a, const char *name, size_t max_chars) {
    return collapsed(a, name, max_chars, false);
}

bool text_ends_sentence(const char *s) {
    size_t n = s ? strlen(s) : 0;
    if (!n) return false;
    char c = s[n - 1];
    if (c == '.' || c == '?' || c == '!') return true;
    return n >= 3 && memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0;    /* … */
}

const char *text_period_after(const char *s) { return text_ends_sentence(s) ? "" : "."; }

char *text_unix_newlines(char *s) {
    char *w = s;
    for (const char *r = s; *r; r++) {
        size_t k;
        if (*r == '\r') {
            *w++ = '\n';
            if (r[1] == '\n') r++;
        } else if ((k = text_line_separator_at(r)) != 0) {
            *w++ = '\n';            /* the one rule: it ends a line as '\n' does */
            r += k - 1;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}
