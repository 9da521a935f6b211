#ifndef PMM_ARGS_H
#define PMM_ARGS_H
/*
 * Args: a command's options and positional arguments. Each command names
 * the options that take a value and the flags it knows; anything else that
 * starts with "--" is an error, so a typo never passes silently.
 */
#include <stdbool.h>

#define ARGS_MAX 64

typedef struct {
    const char *names[ARGS_MAX];    /* point into nbuf */
    char nbuf[ARGS_MAX][48];
    const char *values[ARGS_MAX];   /* NULL for flags */
    int n;
    const char *pos[ARGS_MAX];
    int npos;
} Args;

/* VALUED and FLAGS are NULL-terminated lists like {"--edition", "-o", NULL}.
 * Accepts "--opt value" and "--opt=value". Returns false and prints a
 * message naming the command on a bad option. */
bool args_parse(Args *a, const char *cmd, int argc, char **argv,
                const char *const *valued, const char *const *flags);
const char *args_get(const Args *a, const char *name);   /* last value, or NULL */
bool args_has(const Args *a, const char *name);

#endif
