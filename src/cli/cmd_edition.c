#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "cli/cli.h"
#include "store/imprint_store.h"
#include "store/demo_store.h"        /* store_edition_set_synthetic (issue 13, R13B) */
#include "core/action.h"            /* parse_yes_no */
#include "render/doc.h"
#include "core/campaign.h"
#include "store/campaign_store.h"
#include "util/mem.h"
#include "util/str.h"
#include <stdlib.h>
#include "util/i18n.h"
#include "util/text.h"
#include "util/errtext.h"
#include "analysis/trend.h"          /* trend_each_overlap (t12 #10) */

/* The lines of `pmm edition list`, kept to be printed the newest first
 * (store_edition_list gives the earliest first). */
typedef struct {
    Str *lines;
    int n, cap;
} EdLines;

static void print_edition(void *ctx, const Edition *e, long actions) {
    EdLines *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->lines = xrealloc(l->lines, (size_t)l->cap * sizeof *l->lines);
    }
    l->lines[l->n] = (Str)STR_INIT;
    str_printf(&l->lines[l->n++], "%s\t%s\t%s\t%s\t%ld\n", e->name, e->period_start, e->period_end, e->state,
               actions);
}

/* pmm edition list: one line per edition, the newest period first. */
static bool list_editions(Store *st) {
    EdLines l = {NULL, 0, 0};
    bool ok = store_edition_list(st, print_edition, &l);
    for (int i = l.n - 1; i >= 0; i--) {
        if (ok) fputs(l.lines[i].p, stdout);
        str_free(&l.lines[i]);
    }
    free(l.lines);
    return ok;
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

/* t12 #10: a warning for each edition whose period overlaps that of the
 * edition just given one: neither Informe calls the other «la edición
 * anterior» (trend_compared_edition), which the user may not expect. */
static void overlap_warning(void *ctx, const Edition *o) {
    const Edition *e = ctx;
    fprintf(stderr, _("pmm edition: aviso: el periodo de «%s» (%s:%s) se superpone al de «%s» (%s:%s): el Informe "
                      "de una no compara con la otra como «la edición anterior», que debe terminar antes de que "
                      "empiece su periodo\n"),
            e->name, e->period_start, e->period_end, o->name, o->period_start, o->period_end);
}

static void warn_overlaps(Store *st, const char *name) {
    Edition e;
    if (store_edition_find(st, name, &e)) trend_each_overlap(st, &e, overlap_warning, &e);
}

/* The period options, the same for add, new and set (issue 14, fault 16):
 * --period FROM:TO, or --from FROM and --to TO (either may be alone); what
 * is not given keeps START and END as they are. False, said, when both
 * forms are given or --period has no colon. */
static bool period_args(const Args *a, char start[16], char end[16]) {
    const char *p = args_get(a, "--period"), *from = args_get(a, "--from"), *to = args_get(a, "--to");
    if (p && (from || to)) {
        fprintf(stderr, _("pmm edition: dé el periodo con --period AAAA-MM:AAAA-MM o con --from y --to, "
                          "no con ambos\n"));
        return false;
    }
    if (p) {
        const char *colon = strchr(p, ':');
        if (!colon || colon - p > 15 || strlen(colon + 1) > 15) {
            fprintf(stderr, _("pmm edition: el periodo se escribe --period AAAA-MM:AAAA-MM\n"));
            return false;
        }
        snprintf(start, 16, "%.*s", (int)(colon - p), p);
        snprintf(end, 16, "%s", colon + 1);
    }
    if (from) snprintf(start, 16, "%.15s", from);
    if (to) snprintf(end, 16, "%.15s", to);
    return true;
}

/* The period (period_args) and --deadline DATE (issue 11), each checked by
 * the campaign's rules; what is not given keeps E's value (E NULL: empty). */
static bool campaign_args(Store *st, const Args *a, const Edition *e, char start[16], char end[16],
                          char deadline[16]) {
    const char *d = args_get(a, "--deadline");
    snprintf(start, 16, "%s", e ? e->period_start : "");
    snprintf(end, 16, "%s", e ? e->period_end : "");
    deadline[0] = '\0';
    if (e) store_edition_deadline(st, e->id, deadline);
    if (!period_args(a, start, end)) return false;
    if (d) snprintf(deadline, 16, "%.15s", d);
    const char *why = edition_period_check(start, end);
    if (!why && d && strlen(d) > 15) why = edition_deadline_check(d);
    if (!why) why = edition_deadline_check(deadline);
    if (why) fprintf(stderr, "pmm edition: %s\n", why);
    return why == NULL;
}

/* The imprint options of `pmm edition set` (issue 12), in ImprintField order. */
static const char *const imprint_opts[IMPRINT__COUNT] = {"--issuer", "--country", "--place", "--license",
                                                         "--issuer-en", "--country-en", "--place-en"};

/* Whether the imprint values given are fit to print: the one-line rule of
 * the settings the covers and citations print (text_one_line_check: UTF-8,
 * no control, separator or direction control, issue 12 N1), at most 300
 * characters; an empty value clears the setting. */
static bool imprint_args_ok(const Args *a, bool *any) {
    *any = false;
    for (int i = 0; i < IMPRINT__COUNT; i++) {
        const char *v = args_get(a, imprint_opts[i]);
        if (!v) continue;
        *any = true;
        const char *why = text_one_line_check(v, 300);
        if (why) {
            fprintf(stderr, _("pmm edition: %s debe ser texto UTF-8 de una línea y hasta 300 caracteres: %s\n"),
                    args_typed(a, imprint_opts[i]), why);
            return false;
        }
    }
    return true;
}

/* Writes the imprint values given (inside the caller's transaction). */
static bool imprint_set(Store *st, int64_t edition_id, const Args *a) {
    for (int i = 0; i < IMPRINT__COUNT; i++) {
        const char *v = args_get(a, imprint_opts[i]);
        if (v && !store_imprint_set(st, edition_id, (ImprintField)i, *v ? v : NULL)) return false;
    }
    return true;
}

/* A synthetic example credits no body (imprint_withheld): the issuer,
 * country, place and emblem set on one are kept, for when it is no longer
 * one, but not printed, and the unit is told so rather than left to find
 * its emblem missing from the cover (t12w, F6). */
static void warn_withheld(Store *st, const Edition *e, const Args *a) {
    bool withheld = false;
    for (int i = 0; i < IMPRINT__COUNT; i++) {
        const char *v = args_get(a, imprint_opts[i]);
        if (v && *v && i != IMPRINT_LICENSE) withheld = true;
    }
    const char *emblem = args_get(a, "--emblem");
    if (emblem && *emblem) withheld = true;
    if (withheld && store_edition_is_example(st, e->name))
        fprintf(stderr, _("pmm edition: aviso: «%s» es un ejemplo sintético: el emisor, el país, el lugar y el emblema "
                          "se guardan, pero no se imprimen mientras lo sea (--synthetic no)\n"), e->name);
}

/* --emblem FILE.png (issue 12): the issuer's emblem for the covers, read
 * and checked before anything is written (a real PNG, at most 512 KiB and
 * 4096 pixels a side, doc_emblem_check); "" clears it. A file refused is
 * named with the reason, and the edition is left as it was. */
static bool emblem_arg(const Args *a, Str *png) {
    const char *path = args_get(a, "--emblem");
    if (!path || !*path) return true;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "pmm edition: %s: %s\n", path, errtext(errno));
        return false;
    }
    char buf[8192];
    size_t n;
    while (png->len <= DOC_EMBLEM_MAX && (n = fread(buf, 1, sizeof buf, f)) > 0) str_append(png, buf, n);
    bool failed = ferror(f);
    fclose(f);
    int w, h;
    const char *why = failed ? errtext(EIO) : doc_emblem_check((const unsigned char *)png->p, png->len, &w, &h);
    if (why) fprintf(stderr, "pmm edition: %s: %s\n", path, why);
    return why == NULL;
}

static bool emblem_set(Store *st, int64_t edition_id, const Args *a, const Str *png) {
    const char *path = args_get(a, "--emblem");
    if (!path) return true;
    return store_imprint_set_emblem(st, edition_id, *path ? png->p : NULL, png->len);
}

/* --synthetic yes|no (issue 13, R13B; «--sintetica sí|no»): whether the
 * edition is a synthetic example, into *OUT (-1: not given); false, said,
 * for another value. Yes/no as the interchange format reads them
 * (parse_yes_no: sí, si, no, 1, 0), and the English «yes». */
static bool synthetic_arg(const Args *a, int *out) {
    const char *v = args_get(a, "--synthetic");
    *out = -1;
    if (!v) return true;
    if (strcasecmp(v, "yes") == 0) *out = 1;         /* any case, as «Sí» (t12v N3) */
    else if (!*v || !parse_yes_no(v, out)) {
        /* the parser's words for a value out of its list (cli_args), as
         * before «sí» was listed (t12 #14) */
        fprintf(stderr, _("pmm %s: %s no admite «%s» (valores: %s)\n"), "edition", args_typed(a, "--synthetic"), v,
                "yes, sí, si, no");
        return false;
    }
    return true;
}

/* Why a setting of E (period, preamble, imprint, synthetic mark) was not
 * changed: WHY, the freeze's words, unless E is published, when the way
 * out is said (issue 13 round 3, F13B: «sus acciones no se modifican»
 * answered --synthetic, which is no action). */
static void settings_refused(const Edition *e, const char *why) {
    if (strcmp(e->state, "publicada") != 0) {
        fprintf(stderr, "pmm edition: %s\n", why);
        return;
    }
    fprintf(stderr, _("pmm edition: La edición está publicada: su periodo, su preámbulo, los datos de su portada "
                      "y su marca de ejemplo sintético se publicaron con ella y no cambian. Ábrala para correcciones "
                      "con «pmm edition reopen '%s'», cámbielos y publíquela de nuevo.\n"), e->name);
}

/* pmm edition set NAME [--state E [--note TEXT]] [--preamble FILE | --preamble-default]
 *                      [--issuer T] [--country T] [--place T] [--license T] [--emblem FILE.png]
 *                      [--synthetic yes|no] */
static int edition_set(Store *st, const Args *a) {
    Edition e;
    if (!cli_edition(st, a->pos[1], &e)) return EXIT_FAIL;
    const char *state = args_get(a, "--state");
    const char *pre = args_get(a, "--preamble");
    bool campaign = args_get(a, "--period") || args_get(a, "--from") || args_get(a, "--to") || args_get(a, "--deadline");
    bool imprint;
    int synthetic;
    if (!imprint_args_ok(a, &imprint) || !synthetic_arg(a, &synthetic)) return EXIT_USAGE;
    /* the synthetic mark is said on the Informe's cover and in its
     * figures: a setting of the edition like the imprint, frozen with it
     * when published (issue 13, R13B) */
    imprint = imprint || args_get(a, "--emblem") || synthetic >= 0;
    if (!state && !pre && !campaign && !imprint && !args_has(a, "--preamble-default")) {
        cli_order_needs_option(a, "edition", "set");   /* not the usage alone (H14R4, c) */
        return cli_usage("edition");
    }
    char start[16], end[16], deadline[16];
    if (campaign && !campaign_args(st, a, &e, start, end, deadline)) return EXIT_USAGE;
    if (state && strcmp(state, "abierta") != 0 && strcmp(state, "en_revision") != 0 &&
        strcmp(state, "publicada") != 0) {
        fprintf(stderr, _("pmm edition: el estado debe ser abierta, en_revision o publicada\n"));
        return EXIT_USAGE;
    }
    Str png = STR_INIT;
    if (!emblem_arg(a, &png)) {
        str_free(&png);
        return EXIT_FAIL;
    }
    Str text = STR_INIT;
    int rev = 0;
    const char *refusal = NULL, *frozen = NULL;
    /* issue 10, hostile fault 5: the period and the preamble are part of
     * the published Informe: frozen with the edition's actions (the one
     * freeze check), until it is opened for corrections. Issue 11:
     * publishing asks for a period (the one given here counts), checked
     * inside the transaction that publishes. */
    bool settings = campaign || pre || args_has(a, "--preamble-default") || imprint;
    /* the file first: a refusal is said once, with no store error after
     * it (t12 #6: «not an error») */
    if (pre && !cli_read_preamble("edition", pre, &text)) {
        str_free(&png);
        str_free(&text);
        return EXIT_FAIL;
    }
    bool ok = store_begin(st) &&
              (!settings || store_edition_accepts_changes(st, e.id, &frozen)) &&
              (!campaign || store_edition_set_campaign(st, e.id, start, end, deadline)) &&
              (!pre || store_edition_set_preamble(st, e.id, str_cstr(&text))) &&
              (!args_has(a, "--preamble-default") || store_edition_set_preamble(st, e.id, NULL)) &&
              imprint_set(st, e.id, a) && emblem_set(st, e.id, a, &png) &&
              (synthetic < 0 || store_edition_set_synthetic(st, e.id, synthetic)) &&
              /* last: a publication's revision holds the period and preamble just set */
              (!state || strcmp(state, "publicada") != 0 || !(refusal = store_edition_publish_refusal(st, e.id))) &&
              (!state || store_edition_set_state_by(st, e.id, state, 0, args_get(a, "--note"), &rev)) &&
              store_commit(st);
    if (!ok) {
        store_rollback(st);
        if (frozen) settings_refused(&e, frozen);
        else fprintf(stderr, "pmm edition: %s\n", refusal ? refusal : store_write_error(st));
    } else if (rev && strcmp(state, "publicada") == 0) {
        printf(_("Edición «%s» publicada: revisión %d.\n"), e.name, rev);
    } else {
        printf(_("Edición «%s» actualizada.\n"), e.name);
    }
    if (ok && campaign) warn_overlaps(st, e.name);
    if (ok) warn_withheld(st, &e, a);
    str_free(&text);
    str_free(&png);
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
    bool ok = store_begin(st) && store_edition_set_state_by(st, e.id, "abierta", 0, args_get(a, "--note"), NULL) &&
              store_commit(st) && store_edition_find(st, e.name, &e);
    if (!ok) {
        store_rollback(st);
        fprintf(stderr, "pmm edition: %s\n", store_write_error(st));
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
        fprintf(stderr, "pmm edition: %s\n", store_write_error(st));
        return EXIT_FAIL;
    }
    if (e.revision == 0 && strcmp(e.state, "publicada") == 0)
        printf(_("1\t\t\t(publicada antes de que pmm registrara revisiones)\n"));
    else if (e.revision == 0)
        fprintf(stderr, _("pmm edition: la edición «%s» aún no se ha publicado\n"), e.name);
    return EXIT_OK;
}

/* pmm edition new NAME [--period AAAA-MM:AAAA-MM] [--deadline AAAA-MM-DD]
 * (issue 11): the name, period and deadline checked by the campaign's
 * rules, the edition created with them in one transaction. */
static int edition_new(const Global *g, const Args *a) {
    const char *name = a->pos[1], *why = edition_name_check(name);
    if (why) {
        Arena ar = ARENA_INIT;      /* the name echoed on one line, its character named (issue 12, N1) */
        fprintf(stderr, _("pmm edition: «%s» no sirve como nombre de edición: %s\n"), text_one_line(&ar, name), why);
        arena_free(&ar);
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    char start[16], end[16], deadline[16];
    int rc = EXIT_OK;
    Edition e;
    if (!campaign_args(st, a, NULL, start, end, deadline)) {
        rc = EXIT_USAGE;
    } else if (!store_begin(st)) {
        fprintf(stderr, "pmm edition: %s\n", store_write_error(st));
        rc = EXIT_FAIL;
    } else if (edition_taken(st, name, "pmm edition")) {
        store_rollback(st);
        rc = EXIT_FAIL;
    } else if (!store_edition_create(st, name, start, end, &e) ||
               !store_edition_set_campaign(st, e.id, start, end, deadline) || !store_commit(st)) {
        fprintf(stderr, "pmm edition: %s\n", store_write_error(st));
        store_rollback(st);
        rc = EXIT_FAIL;
    } else {
        printf(_("Edición «%s» creada.\n"), e.name);
        warn_overlaps(st, e.name);
    }
    store_close(st);
    return rc;
}

typedef int (*EditionCmd)(Store *st, const Args *a);

/* Runs a subcommand that takes exactly the edition's name. */
static int with_edition(const Global *g, const Args *a, EditionCmd fn) {
    if (!cli_npos(a, 2, 2, N_("el nombre de la edición"))) return cli_usage("edition");
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = fn(st, a);
    store_close(st);
    return rc;
}

/* pmm edition list | add NAME [--period YYYY-MM:YYYY-MM | --from YYYY-MM --to YYYY-MM]
 *             | new NAME [--period YYYY-MM:YYYY-MM] [--deadline YYYY-MM-DD] | set NAME ...
 *             | reopen NAME [--note TEXT] | revisions NAME
 * (the options and their Spanish aliases: the table of main.c) */
/* Which subcommands use each of edition's own options: one given to a
 * subcommand that does not use it is refused, never ignored (round 5:
 * `edition add E --synthetic yes` made a real edition and said nothing).
 * The option table in main.c says the same in each option's help. */
static const struct {
    const char *sub, *opts;             /* OPTS: space-separated; "*": every option */
} subcommand_options[] = {
    {"add", "--from --to --period"},
    {"new", "--from --to --period --deadline"},
    {"set", "*"},
    {"reopen", "--note"},
    {"revisions", ""},
    {"list", ""},
};

static bool word_in(const char *list, const char *w) {
    size_t n = strlen(w);
    for (const char *p = strstr(list, w); p; p = strstr(p + 1, w))
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
    return false;
}

/* False, said, when A gives an option of `pmm edition` its subcommand does
 * not use. */
static bool options_fit_subcommand(const Args *a) {
    const char *mine = NULL;
    for (size_t k = 0; k < sizeof subcommand_options / sizeof *subcommand_options; k++)
        if (strcmp(a->pos[0], subcommand_options[k].sub) == 0) mine = subcommand_options[k].opts;
    if (!mine || strcmp(mine, "*") == 0) return true;
    const Command *c = cli_command("edition");
    for (int i = 0; i < a->n; i++) {
        bool own = false;
        for (const ArgOption *o = c ? c->options : NULL; o && o->name && !own; o++)
            own = a->names[i] && strcmp(o->name, a->names[i]) == 0;
        if (!own || word_in(mine, a->names[i])) continue;
        Str subs = STR_INIT;
        for (size_t k = 0; k < sizeof subcommand_options / sizeof *subcommand_options; k++)
            if (strcmp(subcommand_options[k].opts, "*") == 0 || word_in(subcommand_options[k].opts, a->names[i]))
                str_printf(&subs, "%s«pmm edition %s»", subs.len ? ", " : "", subcommand_options[k].sub);
        fprintf(stderr, _("pmm edition %s: %s no se usa con este subcomando, que no la tomaría en cuenta; se usa con %s\n"),
                a->pos[0], a->nbuf[i], str_cstr(&subs));
        str_free(&subs);
        return false;
    }
    return true;
}

int cmd_edition(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "edition", argc, argv) || !cli_subcommand(&a, "edition")) return cli_usage("edition");
    if (!options_fit_subcommand(&a)) return EXIT_USAGE;
    if (strcmp(a.pos[0], "set") == 0) return with_edition(g, &a, edition_set);
    if (strcmp(a.pos[0], "reopen") == 0) return with_edition(g, &a, edition_reopen);
    if (strcmp(a.pos[0], "revisions") == 0) return with_edition(g, &a, edition_revisions);
    bool add = strcmp(a.pos[0], "add") == 0, named = add || strcmp(a.pos[0], "new") == 0;
    if (!cli_npos(&a, named ? 2 : 1, named ? 2 : 1, N_("el nombre de la edición"))) return cli_usage("edition");
    if (strcmp(a.pos[0], "new") == 0) return edition_new(g, &a);
    char start[16] = "", end[16] = "";
    if (!period_args(&a, start, end)) return EXIT_USAGE;
    const char *from = *start ? start : NULL, *to = *end ? end : NULL;
    if ((from && !valid_period(from)) || (to && !valid_period(to))) {
        fprintf(stderr, _("pmm edition: el periodo se escribe AAAA-MM (p. ej. 2023-06)\n"));
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_OK;
    Edition e;
    const char *bad = add ? edition_name_check(a.pos[1]) : NULL;
    if (!add) {
        if (!list_editions(st)) rc = EXIT_FAIL;
    } else if (bad) {
        Arena ar = ARENA_INIT;      /* the name echoed on one line, its character named (issue 12, N1) */
        fprintf(stderr, _("pmm edition: «%s» no sirve como nombre de edición: %s\n"), text_one_line(&ar, a.pos[1]),
                bad);
        arena_free(&ar);
        rc = EXIT_FAIL;
    } else if (edition_taken(st, a.pos[1], "pmm edition")) {
        rc = EXIT_FAIL;
    } else if (!store_edition_create(st, a.pos[1], from, to, &e)) {
        fprintf(stderr, "pmm edition: %s\n", store_write_error(st));
        rc = EXIT_FAIL;
    } else {
        printf(_("Edición «%s» creada.\n"), e.name);
        warn_overlaps(st, e.name);
    }
    store_close(st);
    return rc;
}
