#ifndef PMM_HYPHEN_H
#define PMM_HYPHEN_H
/* Hyphenation of the PDF's justified text (issue 12, P12B): soft hyphens
 * (U+00AD) at the points libhyphen's dictionaries give (LibreOffice's
 * hyphenation library; Debian's hyphen-es, es-MX, and hyphen-en-us, both
 * compiled into pmm), so that pango may break a word there and draw the
 * hyphen. See docs/report.md, "Hyphenation". */
#include <stddef.h>
#include "util/lang.h"
#include "util/str.h"

/* The words hyphenated for one document (not shared between threads). */
typedef struct HyphenCache HyphenCache;
HyphenCache *hyphen_cache_new(void);
void hyphen_cache_free(HyphenCache *c);

/* S[0..n) (UTF-8) appended to OUT with a soft hyphen at each hyphenation
 * point of its words in language L, remembered in CACHE (or NULL). Words
 * of fewer than five letters, words with a capital (proper names, as
 * typesetters leave them, and acronyms) and tokens holding a digit or one
 * of "@/\\_:" (addresses, folios) are left whole. */
void hyphen_soft(HyphenCache *cache, Str *out, const char *s, size_t n, Lang l);

#endif
