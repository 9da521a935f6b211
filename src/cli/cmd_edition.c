#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"

static void print_edition(void *ctx, const Edition *e, long actions) {
    (void)ctx;
    printf("%s\t%s\t%s\t%s\t%ld\n", e->name, e->period_start, e->period_end, e->state, actions);
}

/* A period bound is written YYYY-MM (or YYYY-MM-DD). */
static bool valid_period(const char *s) {
    size_t n = strlen(s);
    if (n != 7 && n != 10) return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    return month >= 1 && month <= 12;
}

/* Reads a whole text file into S; false with a message on failure. */
static bool read_text(const char *path, Str *s) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "pmm edition: %s: %s\n", path, strerror(errno));
        return false;
    }
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) str_append(s, buf, n);
    fclose(f);
    if (!text_valid_utf8(str_cstr(s), s->len)) {
        fprintf(stderr, _("pmm edition: %s: no es texto UTF-8 válido\n"), path);
        return false;
    }
    return true;
}

/* pmm edition set NAME [--estado E [--nota TEXT]] [--preambulo FILE | --preambulo-default] */
static int edition_set(Store *st, const Args *a) {
    Edition e;
    if (!cli_edition(st, a->pos[1], &e)) return EXIT_FAIL;
    const char *state = args_get(a, "--estado");
    const char *pre = args_get(a, "--preambulo");
    if (!state && !pre && !args_has(a, "--preambulo-default")) return cli_usage("edition");
    if (state && strcmp(state, "abierta") != 0 && strcmp(state, "en_revision") != 0 &&
        strcmp(state, "publicada") != 0) {
        fprintf(stderr, _("pmm edition: el estado debe ser abierta, en_revision o publicada\n"));
        return EXIT_USAGE;
    }
    Str text = STR_INIT;
    int rev = 0;
    bool ok = (!pre || read_text(pre, &text)) && store_begin(st) &&
              (!state || store_edition_set_state_by(st, e.id, state, 0, args_get(a, "--nota"), &rev)) &&
              (!pre || store_edition_set_preamble(st, e.id, str_cstr(&text))) &&
              (!args_has(a, "--preambulo-default") || store_edition_set_preamble(st, e.id, NULL)) &&
              store_commit(st);
    if (!ok) {
        store_rollback(st);
        fprintf(stderr, "pmm edition: %s\n", store_errmsg(st));
    } else if (rev && strcmp(state, "publicada") == 0) {
        printf(_("Edición «%s» publicada: revisión %d.\n"), e.name, rev);
    } else {
        printf(_("Edición «%s» actualizada.\n"), e.name);
    }
    str_free(&text);
    return ok ? EXIT_OK : EXIT_FAIL;
}

/* pmm edition reopen NAME: a published edition accepts corrections again;
 * the public keeps its last revision until the next publication. */
static int edition_reopen(Store *st, const Args *a) {
    Edition e;
    if (!cli_edition(st, a->pos[1], &e)) return EXIT_FAIL;
    if (strcmp(e.state, "publicada") != 0) {
        fprintf(stderr, _("pmm edition: la edición «%s» no está publicada (está %s): ya acepta cambios\n"),
                e.name, e.state);
        return EXIT_FAIL;
    }
    bool ok = store_begin(st) && store_edition_set_state_by(st, e.id, "abierta", 0, args_get(a, "--nota"), NULL) &&
              store_commit(st) && store_edition_find(st, e.name, &e);
    if (!ok) {
        store_rollback(st);
        fprintf(stderr, "pmm edition: %s\n", store_errmsg(st));
        return EXIT_FAIL;
    }
    printf(_("Edición «%s» abierta para correcciones; el público sigue viendo la revisión %d "
             "hasta que se publique de nuevo.\n"), e.name, e.revision);
    return EXIT_OK;
}

static void print_revision(void *ctx, int n, const char *at, const char *by, const char *note) {
    (void)ctx;
    printf("%d\t%s\t%s\t%s\n", n, at, by, note);
}

/* pmm edition revisions NAME: number, date, who, note. */
static int edition_revisions(Store *st, const Args *a) {
    Edition e;
    if (!cli_edition(st, a->pos[1], &e)) return EXIT_FAIL;
    if (!store_edition_revisions(st, e.id, print_revision, NULL)) {
        fprintf(stderr, "pmm edition: %s\n", store_errmsg(st));
        return EXIT_FAIL;
    }
    if (e.revision == 0 && strcmp(e.state, "publicada") == 0)
        printf(_("1\t\t\t(publicada antes de que pmm registrara revisiones)\n"));
    else if (e.revision == 0)
        fprintf(stderr, _("pmm edition: la edición «%s» aún no se ha publicado\n"), e.name);
    return EXIT_OK;
}

typedef int (*EditionCmd)(Store *st, const Args *a);

/* Runs a subcommand that takes exactly the edition's name. */
static int with_edition(const Global *g, const Args *a, EditionCmd fn) {
    if (a->npos != 2) return cli_usage("edition");
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = fn(st, a);
    store_close(st);
    return rc;
}

/* pmm edition list | add NAME [--desde YYYY-MM] [--hasta YYYY-MM] | set NAME ...
 *             | reopen NAME [--nota TEXT] | revisions NAME */
int cmd_edition(const Global *g, int argc, char **argv) {
    Args a;
    static const char *const valued[] = {"--desde", "--hasta", "--from", "--to", "--estado",
                                         "--preambulo", "--nota", NULL};
    static const char *const flags[] = {"--preambulo-default", NULL};
    if (!args_parse(&a, "edition", argc, argv, valued, flags) || a.npos < 1) return cli_usage("edition");
    if (strcmp(a.pos[0], "set") == 0) return with_edition(g, &a, edition_set);
    if (strcmp(a.pos[0], "reopen") == 0) return with_edition(g, &a, edition_reopen);
    if (strcmp(a.pos[0], "revisions") == 0) return with_edition(g, &a, edition_revisions);
    bool add = strcmp(a.pos[0], "add") == 0;
    if (!add && strcmp(a.pos[0], "list") != 0) return cli_usage("edition");
    if (add && a.npos != 2) return cli_usage("edition");
    const char *from = args_get(&a, "--desde") ? args_get(&a, "--desde") : args_get(&a, "--from");
    const char *to = args_get(&a, "--hasta") ? args_get(&a, "--hasta") : args_get(&a, "--to");
    if ((from && !valid_period(from)) || (to && !valid_period(to))) {
        fprintf(stderr, _("pmm edition: el periodo se escribe AAAA-MM (p. ej. 2023-06)\n"));
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_OK;
    Edition e;
    const char *bad = add ? store_edition_name_error(a.pos[1]) : NULL;
    if (!add) {
        if (!store_edition_list(st, print_edition, NULL)) rc = EXIT_FAIL;
    } else if (bad) {
        fprintf(stderr, _("pmm edition: «%s» no sirve como nombre de edición: %s\n"), a.pos[1], bad);
        rc = EXIT_FAIL;
    } else if (store_edition_find(st, a.pos[1], &e)) {
        fprintf(stderr, _("pmm edition: la edición «%s» ya existe\n"), a.pos[1]);
        rc = EXIT_FAIL;
    } else if (!store_edition_create(st, a.pos[1], from, to, &e)) {
        fprintf(stderr, "pmm edition: %s\n", store_errmsg(st));
        rc = EXIT_FAIL;
    } else {
        printf(_("Edición «%s» creada.\n"), e.name);
    }
    store_close(st);
    return rc;
}
