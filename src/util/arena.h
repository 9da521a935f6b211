#ifndef PMM_ARENA_H
#define PMM_ARENA_H
/*
 * Arena: bump allocation freed all at once. One arena per command or per
 * HTTP request owns every small allocation made on its behalf, so ownership
 * is obvious and nothing leaks on error paths.
 */
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct {
    ArenaBlock *head;
} Arena;

#define ARENA_INIT {NULL}

void *arena_alloc(Arena *a, size_t n);           /* zeroed, 16-aligned */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);

#endif
