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

/* Trims ASCII and no-break white space at both ends, in place. */
char *text_trim(char *s);

/* Levenshtein distance between two byte strings, capped at CAP+1. */
int text_distance(const char *a, const char *b, int cap);

#endif
