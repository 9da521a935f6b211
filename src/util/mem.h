#ifndef PMM_MEM_H
#define PMM_MEM_H
#include <stddef.h>
/* Allocation that cannot fail silently: out of memory ends the process with
 * a message, so callers need no NULL checks. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
#endif
