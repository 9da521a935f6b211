#include <stdio.h>
#include <string.h>
#include "util/args.h"
#include "util/i18n.h"

/* What an option token stands for: NAME (NULL: the token itself) and
 * whether it takes a value. */
typedef struct {
    const char *name;
    bool valued;
} Found;

typedef bool (*Lookup)(const void *ctx, const char *tok, size_t n, Found *f);

static bool same(const char *word, size_t wlen, const char *tok, size_t n) {
    return word && wlen == n && strncmp(word, tok, n) == 0;
}

bool args_option_is(const ArgOption *opt, const char *tok, size_t n) {
    if (same(opt->name, strlen(opt->name), tok, n)) return true;
    if (opt->shortname && same(opt->shortname, strlen(opt->shortname), tok, n)) return true;
    for (const char *p = opt->aliases; p && *p;) {
        size_t w = strcspn(p, " ");
        if (same(p, w, tok, n)) return true;
        p += w;
        p += strspn(p, " ");
    }
    return false;
}

static bool in_table(const void *ctx, const char *tok, size_t n, Found *f) {
    for (const ArgOption *o = ctx; o && o->name; o++)
        if (args_option_is(o, tok, n)) {
            f->name = o->name;
            f->valued = o->arg != NULL;
            return true;
        }
    return false;
}

typedef struct {
    const char *const *valued, *const *flags;
} Lists;

static bool listed(const char *const *list, const char *tok, size_t n) {
    for (; list && *list; list++)
        if (same(*list, strlen(*list), tok, n)) return true;
    return false;
}

static bool in_lists(const void *ctx, const char *tok, size_t n, Found *f) {
    const Lists *l = ctx;
    f->name = NULL;
    f->valued = listed(l->valued, tok, n);
    return f->valued || listed(l->flags, tok, n);
}

/* An argument that is an option's name: starts with "-" and is not "-". */
static bool is_option(const char *arg) { return arg[0] == '-' && arg[1] != '\0'; }

static bool parse(Args *a, const char *cmd, int argc, char **argv, Lookup look, const void *ctx) {
    memset(a, 0, sizeof *a);
    bool only_pos = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (only_pos || !is_option(arg)) {
            if (a->npos == ARGS_MAX) goto too_many;
            a->pos[a->npos++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) { only_pos = true; continue; }
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
        Found f;
        if (a->n == ARGS_MAX) goto too_many;
        if (!look(ctx, arg, n, &f)) {
            fprintf(stderr, _("pmm %s: opción desconocida: %s (vea 'pmm help %s')\n"), cmd, arg, cmd);
            return false;
        }
        if (!f.valued && eq) {
            fprintf(stderr, _("pmm %s: la opción %.*s no lleva valor\n"), cmd, (int)n, arg);
            return false;
        }
        const char *v = !f.valued ? NULL : eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
        if (f.valued && !v) {
            fprintf(stderr, _("pmm %s: la opción %s requiere un valor\n"), cmd, arg);
            return false;
        }
        snprintf(a->nbuf[a->n], sizeof a->nbuf[0], "%.*s", (int)n, arg);    /* as typed */
        if (!f.name) f.name = a->nbuf[a->n];
        a->names[a->n] = f.name;
        a->values[a->n++] = v;
    }
    return true;
too_many:
    fprintf(stderr, _("pmm %s: demasiados argumentos\n"), cmd);
    return false;
}

bool args_parse_opts(Args *a, const char *cmd, int argc, char **argv, const ArgOption *opts) {
    return parse(a, cmd, argc, argv, in_table, opts);
}

bool args_parse(Args *a, const char *cmd, int argc, char **argv,
                const char *const *valued, const char *const *flags) {
    Lists l = {valued, flags};
    return parse(a, cmd, argc, argv, in_lists, &l);
}

bool args_wants_help(int argc, char **argv, const ArgOption *opts) {
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) return false;
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) return true;
        Found f;
        if (is_option(arg) && !strchr(arg, '=') && in_table(opts, arg, strlen(arg), &f) && f.valued) i++;
    }
    return false;
}

const char *args_get(const Args *a, const char *name) {
    const char *v = NULL;
    for (int i = 0; i < a->n; i++)
        if (a->names[i] && strcmp(a->names[i], name) == 0) v = a->values[i];
    return v;
}

const char *args_typed(const Args *a, const char *name) {
    const char *t = name;
    for (int i = 0; i < a->n; i++)
        if (a->names[i] && strcmp(a->names[i], name) == 0) t = a->nbuf[i];
    return t;
}

bool args_has(const Args *a, const char *name) {
    for (int i = 0; i < a->n; i++)
        if (a->names[i] && strcmp(a->names[i], name) == 0) return true;
    return false;
}
