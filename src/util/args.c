#include <stdio.h>
#include <string.h>
#include "util/args.h"
#include "util/i18n.h"

static bool listed(const char *const *list, const char *name, size_t n) {
    for (; list && *list; list++)
        if (strlen(*list) == n && strncmp(*list, name, n) == 0) return true;
    return false;
}

bool args_parse(Args *a, const char *cmd, int argc, char **argv,
                const char *const *valued, const char *const *flags) {
    memset(a, 0, sizeof *a);
    bool only_pos = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (only_pos || arg[0] != '-' || arg[1] == '\0') {
            if (a->npos == ARGS_MAX) goto too_many;
            a->pos[a->npos++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) { only_pos = true; continue; }
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
        if (a->n == ARGS_MAX) goto too_many;
        if (listed(valued, arg, n)) {
            const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) {
                fprintf(stderr, _("pmm %s: la opción %s requiere un valor\n"), cmd, arg);
                return false;
            }
            snprintf(a->nbuf[a->n], sizeof a->nbuf[0], "%.*s", (int)n, arg);
            a->names[a->n] = a->nbuf[a->n];
            a->values[a->n++] = v;
        } else if (!eq && listed(flags, arg, n)) {
            a->names[a->n] = arg;
            a->values[a->n++] = NULL;
        } else {
            fprintf(stderr, _("pmm %s: opción desconocida: %s (vea 'pmm help %s')\n"), cmd, arg, cmd);
            return false;
        }
    }
    return true;
too_many:
    fprintf(stderr, _("pmm %s: demasiados argumentos\n"), cmd);
    return false;
}

const char *args_get(const Args *a, const char *name) {
    const char *v = NULL;
    for (int i = 0; i < a->n; i++)
        if (a->names[i] && strcmp(a->names[i], name) == 0) v = a->values[i];
    return v;
}

bool args_has(const Args *a, const char *name) {
    for (int i = 0; i < a->n; i++)
        if (a->names[i] && strcmp(a->names[i], name) == 0) return true;
    return false;
}
