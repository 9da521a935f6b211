#ifndef PMM_MEM_H
#define PMM_MEM_H
#include <stdbool.h>
#include <stddef.h>
/* Allocation that cannot fail silently: out of memory ends the process with
 * a message, so callers need no NULL checks. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Issue 15 (F15): under a memory limit, pmm serve keeps N bytes of
 * address space back (mem_reserve; true when held). An allocation that
 * fails gives them up and is tried again before the process ends; from
 * then on mem_low is true (the server refuses heavy requests) until
 * mem_reserve succeeds again. */
bool mem_reserve(size_t n);
bool mem_low(void);
#endif
