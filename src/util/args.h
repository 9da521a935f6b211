#ifndef PMM_ARGS_H
#define PMM_ARGS_H
/*
 * Args: a command's options and positional arguments. Each command names
 * the options it knows (ArgOption, the one table its --help, the man page
 * and the bash completion also read); anything else that starts with "-"
 * is an error, so a typo never passes silently.
 */
#include <stdbool.h>

#define ARGS_MAX 64

/* One option of a command. NAME is how the command asks for it
 * (args_get(a, "--output")), whichever spelling the user typed. */
typedef struct {
    const char *name;      /* "--output" (English: the one language of flags) */
    const char *shortname; /* "-o", or NULL */
    const char *aliases;   /* older spellings still accepted, space-separated ("--retos"), or NULL */
    const char *arg;       /* the value's placeholder ("ARCHIVO", "es|en"); NULL: a flag with no value */
    const char *help;      /* one line in Spanish, marked N_() */
} ArgOption;

typedef struct {
    const char *names[ARGS_MAX];    /* an ArgOption's name, or into nbuf */
    char nbuf[ARGS_MAX][48];        /* each option as the user typed it */
    const char *values[ARGS_MAX];   /* NULL for flags */
    int n;
    const char *pos[ARGS_MAX];
    int npos;
} Args;

/* Parses ARGV by the table OPTS (ended by an entry with NULL name), which
 * may be NULL: no options. Accepts "--opt value", "--opt=value", a short
 * name or an alias; "--" ends the options. Returns false and prints a
 * message naming the command on a bad option. */
bool args_parse_opts(Args *a, const char *cmd, int argc, char **argv, const ArgOption *opts);
/* The same with plain lists: VALUED and FLAGS are NULL-terminated lists
 * like {"--edition", "-o", NULL}; each name stands for itself. */
bool args_parse(Args *a, const char *cmd, int argc, char **argv,
                const char *const *valued, const char *const *flags);
/* Whether ARGV asks for help (-h or --help where an option may stand, not
 * as the value of an option of OPTS). */
bool args_wants_help(int argc, char **argv, const ArgOption *opts);
/* Whether TOKEN (its first N bytes) is one of OPT's spellings. */
bool args_option_is(const ArgOption *opt, const char *token, size_t n);
const char *args_get(const Args *a, const char *name);   /* last value, or NULL */
bool args_has(const Args *a, const char *name);
/* How the user spelt option NAME (an alias, perhaps), for a message about
 * its value; NAME when it was not given. */
const char *args_typed(const Args *a, const char *name);

#endif
