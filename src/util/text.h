#ifndef PMM_TEXT_H
#define PMM_TEXT_H
/* Unicode-aware text helpers (utf8proc): validation, folding for matching,
 * edit distance for suggestions. */
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
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
/* True when S holds nothing but such white space, or characters that show
 * as nothing (text_has_invisible's), or nothing at all. */
bool text_blank(const char *s);
/* The characters (UTF-8 code points) of the valid UTF-8 string S. */
size_t text_chars(const char *s);
/* The columns the valid UTF-8 string S takes on a terminal (utf8proc's
 * character widths: «Σ» one, a combining accent none, a wide ideograph
 * two): what text padded into columns is measured by (issue 16, F16C). */
size_t text_width(const char *s);

/* Normal forms (issue 10, hostile faults 6 and 7). S must be valid UTF-8;
 * results live in A (or are S itself when nothing changes). */
/* S in Unicode's composed form, NFC: "Edición" typed with a combining
 * accent becomes the one with "ó". */
char *text_nfc(Arena *a, const char *s);
bool text_is_nfc(const char *s);
/* The key under which two names look the same: NFKC, case-folded, without
 * default-ignorable code points ("２０２５", "2025" and "20\u200b25" share one). */
char *text_key(Arena *a, const char *s);
/* True when S holds a character that shows as nothing: a format character
 * (category Cf: U+200B, U+00AD, U+2060...), another default-ignorable one
 * (U+3164), U+0085 or the blank Braille pattern U+2800. */
bool text_has_invisible(const char *s);

/* True when every character of S is a letter (with its accents) or a
 * digit: no sign, space or punctuation, which text_fold would drop
 * ("+1" folds to "1"). */
bool text_is_word(const char *s);
/* Whether S is one of the ';'-separated words of LIST ("f;m"); "" is not
 * (issue 16: the choices of a pack's column and of a catalog form). */
bool text_in_list(const char *s, const char *list);
/* Whether S is a code as reporter types and subnational units have: ASCII
 * letters, digits, '-' and '_', at least one (issue 16: it goes in URLs,
 * filters and file names as it is). */
bool text_is_code(const char *s);

/* Spanish collation (issue 12): <0, 0 or >0 as A[0..na) sorts before, with
 * or after B[0..nb). Accents and case are folded ("Ángel" with "angel"),
 * ñ sorts after n ("Nuevo León" < "Ñuflo" < "Oaxaca"); names equal so are
 * ordered by their bytes. The one rule: SQLite's collation "es"
 * (db.c) and every sort of names in C call it. */
int text_collate_es(const char *a, int na, const char *b, int nb);

/* Levenshtein distance between two byte strings, capped at CAP+1. */
int text_distance(const char *a, const char *b, int cap);

/* Z with its first character in upper case ("entidades" -> "Entidades",
 * "órganos" -> "Órganos"), in arena A; Z itself when it is not UTF-8. */
char *text_capitalize(Arena *a, const char *z);

/* Control characters (issue 12, verification fault 4): C0 and C1 codes
 * and DEL, which print as boxes of hex digits or ring a bell; not tab,
 * newline, carriage return nor U+0085 (next line), which are line breaks
 * and white space. The action's validator refuses a text holding one. */
bool text_is_control(uint32_t cp);
/* The first control character of S (valid UTF-8), or 0 when none. */
uint32_t text_find_control(const char *s);
/* S with its line endings made '\n' in place: "\r\n" (Windows), a lone
 * '\r' (old Mac) and the Unicode line separators (U+2028, U+2029, U+0085:
 * text_line_separator_at) each become one '\n', so that a text written on
 * any system splits into lines and paragraphs alike (issue 12 round 5, t12
 * #6: the preamble; t12w F8: a U+2028 in it was refused, advising «one
 * line»). S itself. */
char *text_unix_newlines(char *s);

/* ---- one-line settings (issue 12, hostile fault N1) ----
 * What the covers, the closing page, the figures' source lines and the
 * suggested citation print as one line: an edition's issuer, country,
 * place and license (`pmm edition set`), its name, and the country pack's
 * words. One rule for every entry point that sets them (the command line,
 * the web form that creates an edition, pack.json). */

/* Whether CP breaks or reorders a line it is printed in: a control
 * character (text_is_control, and tab, newline, carriage return), a line
 * or paragraph separator (U+0085, U+2028, U+2029), or a direction control
 * (U+200E, U+200F, U+061C, U+202A..U+202E, U+2066..U+2069). */
bool text_breaks_line(uint32_t cp);
/* The first such character of S (valid UTF-8), or 0 when none. */
uint32_t text_find_line_breaker(const char *s);
/* Why S is no one-line setting, or NULL when it is one: not UTF-8, longer
 * than MAX_CHARS characters (0: no bound), or holding a character that
 * breaks the line, named by its code point and what it does («lleva el
 * carácter U+202E, un control de dirección…»), or a character that prints
 * as nothing (U+200B, U+00AD, U+2060, U+FFF9…: text_has_invisible's) or
 * is of private use (U+E000…), named the same way (issue 12 round 5, t12
 * #12: the rule edition names had; edition_name_check calls this). In
 * this thread's language,
 * valid until the next call in the same thread. */
const char *text_one_line_check(const char *s, size_t max_chars);
/* Why S, a text of lines and paragraphs (a preamble), cannot be printed
 * as written: text_one_line_check's rule for each of its lines (a tab is
 * a space), so that a direction control, a line separator, an invisible
 * or private-use character is refused there as in a setting (round 6,
 * t12v N2); *LINE its line, from 1. NULL when none. */
const char *text_lines_check(const char *s, int *line);
/* S (valid UTF-8) as one printed line: each control character or
 * separator a space, each direction control left out; S itself when it
 * has none. For values stored before the rule (older databases): printed
 * safely, and named by `pmm check`. In A. */
char *text_one_line(Arena *a, const char *s);

/* S as a bidi isolate (issue 12, verification fault 1): when S holds a
 * right-to-left character or a direction control, it is wrapped in U+2066
 * LEFT-TO-RIGHT ISOLATE ... U+2069 and its own controls are balanced (a
 * closer without its opener is left out, an opener left open is closed),
 * so that nothing in S reorders the line around it (the institution, the
 * period after it) in PDF, HTML or DOCX. Left to right because the
 * publications are: an Arabic word that starts a name stays first. S
 * itself when it has no such character. In A. */
char *text_isolated(Arena *a, const char *s);

/* The first sentence of TEXT, as the Informe quotes what an action did
 * (issue 12): white space collapsed to single spaces; the sentence ends
 * at '.', '?' or '!' before a space or the end, but not at the period of
 * an abbreviation ("p. ej.", "Sra.", "Lic.", "núm. 5", "e.g.", "etc." before
 * a small letter...). Longer than MAX_CHARS characters, it is cut at the
 * last word boundary before them (never inside a UTF-8 sequence) and ends
 * in "…"; otherwise it ends in its own punctuation, or a period. In A. */
char *text_first_sentence(Arena *a, const char *text, size_t max_chars);
/* Whether S ends as a sentence does: its last character is '.', '?', '!'
 * or '…' (U+2026; a closing quote or parenthesis is not looked
 * through). The one
 * rule where a value (an issuer «Sin Fronteras, I.A.P.», "Inc.", a
 * licence) ends a sentence of a publication (issue 12 round 5, t12 #8). */
bool text_ends_sentence(const char *s);
/* The period that ends a sentence whose last word is S: "." unless S
 * already ends one (text_ends_sentence), then "" («Elaboró: … I.A.P.»,
 * not «I.A.P..»). */
const char *text_period_after(const char *s);

/* The bound of a quoted first sentence in the publications: about three
 * lines of the Informe's text. */
#define TEXT_SENTENCE_MAX 240

/* Both quote through text_isolated, and fold U+2028, U+2029 and U+0085 as
 * newlines (verification faults 1 and 4). */
/* U+2028 (line separator), U+2029 (paragraph separator) or U+0085 (next
 * line) at P: its length in bytes, else 0. The one rule for them: they end
 * a line as '\n' does, in what the publications quote and in every plain
 * text put in a document (doc_text, issue 12 N2). */
size_t text_line_separator_at(const char *p);

/* A name (an action's, a programme's) as the publications quote it (round
 * 3): white space, newlines and tabs collapsed to single spaces, and at
 * most MAX_CHARS characters, cut as text_first_sentence cuts (the last
 * word boundary, "…"); no period added. In A. */
char *text_quoted_name(Arena *a, const char *name, size_t max_chars);
/* The bound of a quoted name: two lines of the Informe's text. The
 * Compendio, which has the whole record, gives a longer name in full
 * under its bounded title. */
#define TEXT_NAME_MAX 160

#endif
