#ifndef PMM_TEXT_H
#define PMM_TEXT_H
/* Unicode-aware text helpers (utf8proc): validation, folding for matching,
 * edit distance for suggestions. */
#include <stddef.h>
#include <stdbool.h>
#include "util/arena.h"

/* True when S[0..n) is well-formed UTF-8 with no NUL byte. */
bool text_valid_utf8(const char *s, size_t n);

/* The matching key of S: NFKD, case-folded, accents stripped, punctuation
 * other than letters and digits turned into spaces, runs of space collapsed,
 * trimmed. "  Secretaría de  Gobernación. " -> "secretaria de gobernacion".
 * Allocated in A. S must be valid UTF-8. */
char *text_fold(Arena *a, const char *s);

/* Trims white space at both ends, in place: ASCII's and Unicode's spaces
 * and separators (U+00A0, U+2003, U+3000...). */
char *text_trim(char *s);
/* True when S holds nothing but such white space (or nothing). */
bool text_blank(const char *s);
/* The characters (UTF-8 code points) of the valid UTF-8 string S. */
size_t text_chars(const char *s);

/* Levenshtein distance between two byte strings, capped at CAP+1. */
int text_distance(const char *a, const char *b, int cap);

#endif
