/* Helpers shared by the commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "render/outfile.h"
#include "util/errtext.h"
#include "util/mem.h"
#include "util/text.h"
#include "ingest/catalog_load.h"
#include "store/pack_store.h"
#include "util/i18n.h"
#include "store/pack_store.h"

/* issue 15 (SERVER): reading goes on; a write will be refused with this
 * reason. Said by every command that opens the database (pmm backup too,
 * which opens it as is: issue 15, round 3, F1). */
void cli_readonly_notice(const Global *g, Store *st) {
    if (store_readonly_reason(st))
        fprintf(stderr, _("pmm: aviso: «%s» se abrió solo para lectura porque no se puede escribir: %s\n"),
                g->db_path, store_readonly_reason(st));
}

/* A command uses its connection from one thread only (pmm serve closes
 * this one before its threads start; each opens its own). */
Store *cli_open(const Global *g, bool create) {
    Str err = STR_INIT;
    Store *st = store_open_single(g->db_path, create, &err);
    if (!st) fprintf(stderr, "pmm: %s\n", str_cstr(&err));
    if (st) cli_readonly_notice(g, st);
    /* issue 15 (S15C): an old file that cannot be written, read migrated in memory */
    if (st && store_old_schema(st))
        fprintf(stderr, _("pmm: aviso: «%s» tiene el esquema %d, anterior al de este pmm (%d), y no se puede "
                          "actualizar; se lee una copia actualizada en memoria y el archivo no se modifica\n"),
                g->db_path, store_old_schema(st), STORE_SCHEMA_VERSION);
    str_free(&err);
    return st;
}

static void name_edition(void *ctx, const Edition *e, long actions) {
    Str *s = ctx;
    if (s->len) str_puts(s, ", ");
    str_printf(s, _("«%s»"), e->name);     /* round 3, fault 7: the message's quotes in English too */
    (void)actions;
}

bool edition_taken(Store *st, const char *name, const char *cmd) {
    Edition e;
    if (!store_edition_alike(st, name, &e)) return false;
    if (strcmp(e.name, name) == 0)
        fprintf(stderr, _("%s: la edición «%s» ya existe\n"), cmd, name);
    else
        fprintf(stderr, _("%s: ya existe una edición «%s», que se ve igual que «%s»: use ese nombre o "
                          "uno distinto\n"), cmd, e.name, name);
    return true;
}

bool cli_edition(Store *st, const char *name, Edition *out) {
    if (!name) {
        fprintf(stderr, _("pmm: falta --edition NOMBRE\n"));
        return false;
    }
    if (store_edition_find(st, name, out)) return true;
    Str names = STR_INIT;
    store_edition_list(st, name_edition, &names);
    if (names.len)
        fprintf(stderr, _("pmm: no existe la edición «%s»; las ediciones son: %s\n"), name, names.p);
    else
        fprintf(stderr, _("pmm: no existe la edición «%s» (la base de datos no tiene ninguna; "
                          "créela con 'pmm edition add' o 'pmm import')\n"), name);
    str_free(&names);
    return false;
}

const Command *cli_command(const char *name) {
    for (const Command *c = pmm_commands; c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

static const ArgOption *option_of(const Command *c, const char *name) {
    for (const ArgOption *o = c->options; o && o->name; o++)
        if (strcmp(o->name, name) == 0) return o;
    return NULL;
}

/* Whether ARG is a range of whole numbers "LO-HI" ("0-65535", "360-640"):
 * its ends into *LO and *HI. */
static bool value_range(const char *arg, long *lo, long *hi) {
    char *end;
    if (!arg || !*arg || !strchr("0123456789", *arg)) return false;
    *lo = strtol(arg, &end, 10);
    if (*end != '-' || !strchr("0123456789", end[1])) return false;
    *hi = strtol(end + 1, &end, 10);
    return *end == '\0';
}

/* Whether V is a whole number from LO to HI (no sign, no blanks). */
static bool value_in_range(const char *v, long lo, long hi) {
    size_t n = strlen(v);
    if (n == 0 || n > 9 || strspn(v, "0123456789") != n) return false;
    long x = strtol(v, NULL, 10);
    return x >= lo && x <= hi;
}

bool cli_number(const char *cmd, const char *opt, const char *v, long lo, long hi, long *out) {
    if (value_in_range(v, lo, hi)) {
        *out = strtol(v, NULL, 10);
        return true;
    }
    fprintf(stderr, _("pmm %s: %s: «%s» no es un número de %ld a %ld\n"), cmd, opt, v, lo, hi);
    return false;
}

/* Whether V is a value the placeholder ARG lists ("es|en", "N|live"): its
 * lowercase words, N for a whole number; a range "LO-HI" takes the whole
 * numbers from LO to HI (issue 14, fault 9: --port, --width). A
 * placeholder naming no closed set ("ARCHIVO") lets every value through
 * to its command. */
static bool value_listed(const char *arg, const char *v) {
    long lo, hi;
    if (value_range(arg, &lo, &hi)) return value_in_range(v, lo, hi);
    bool closed = true, found = false;
    for (const char *p = arg; closed && *p;) {
        size_t n = strcspn(p, "|");
        bool word = n > 0 && strspn(p, "abcdefghijklmnopqrstuvwxyz_") == n;
        bool number = n == 1 && *p == 'N';
        closed = word || number;
        if (word && strlen(v) == n && strncmp(p, v, n) == 0) found = true;
        if (number && *v && strspn(v, "0123456789") == strlen(v)) found = true;
        p += n + (p[n] == '|');
    }
    return !closed || found;
}

/* The values placeholder ARG lists, for a refusal: "es, en", "un número
 * entero, live". */
static void listed_values(Str *out, const char *arg) {
    for (const char *p = arg; *p;) {
        size_t n = strcspn(p, "|");
        if (out->len) str_puts(out, ", ");
        if (n == 1 && *p == 'N') str_puts(out, _("un número entero de 0 en adelante"));   /* digits only (t12 #14) */
        else str_append(out, p, n);
        p += n + (p[n] == '|');
    }
}

/* Each of C's required options given (a group "--a|--b": one of them). */
static bool required_given(const Command *c, const Args *a) {
    for (const char *p = c->required; p && *p;) {
        size_t n = strcspn(p, " ");
        bool given = false;
        char group[128];
        snprintf(group, sizeof group, "%.*s", (int)n, p);
        for (char *save = NULL, *alt = strtok_r(group, "|", &save); alt; alt = strtok_r(NULL, "|", &save))
            given = given || args_has(a, alt);
        if (!given) {
            const char *first = group;      /* strtok_r ended the group's first option */
            const ArgOption *o = option_of(c, first);
            fprintf(stderr, _("pmm %s: falta %s%s%s\n"), c->name, first, o && o->arg ? " " : "",
                    o && o->arg ? cli_tr(o->arg) : "");
            return false;
        }
        p += n + (p[n] == ' ');
    }
    return true;
}

/* issue 14, fault 2: --lang is the language of everything the command
 * writes, every format and its messages, as PMM_LANG would be (it was the
 * documents' only: `pmm report --lang en` printed Spanish text). */
static void command_lang(const Args *a) {
    const char *l = args_get(a, "--lang");
    if (!l) return;
    setenv("PMM_LANG", l, 1);
    i18n_init();
}

/* issue 14 round 3, fault 6: a valid --lang of a command that takes it
 * is applied before the other options are parsed, so that the parser's
 * own messages («--format no admite …», «uso:») are in that language too. */
void cli_early_lang(const Command *c, int argc, char **argv) {
    const ArgOption *o = c ? option_of(c, "--lang") : NULL;
    for (int i = 0; o && i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = strncmp(argv[i], "--lang=", 7) == 0 ? argv[i] + 7
                        : strcmp(argv[i], "--lang") == 0 && i + 1 < argc ? argv[i + 1] : NULL;
        if (v && value_listed(o->arg, v)) {
            setenv("PMM_LANG", v, 1);
            i18n_init();
        }
    }
}

/* The one home of the usage errors of options: unknown ones, missing
 * values (args_parse_opts), a value outside the listed set, a required
 * option missing. The caller answers false with its usage (exit 2). */
bool cli_args(Args *a, const char *cmd, int argc, char **argv) {
    const Command *c = cli_command(cmd);
    cli_early_lang(c, argc, argv);
    if (!args_parse_opts(a, cmd, argc, argv, c ? c->options : NULL)) return false;
    if (!c) return true;
    for (int i = 0; i < a->n; i++) {
        const ArgOption *o = a->names[i] ? option_of(c, a->names[i]) : NULL;
        long lo, hi;
        long n;
        bool ranged = o && a->values[i] && value_range(o->arg, &lo, &hi);
        if (ranged && !cli_number(cmd, a->nbuf[i], a->values[i], lo, hi, &n)) return false;
        if (o && o->arg && a->values[i] && !value_listed(o->arg, a->values[i])) {
            Str v = STR_INIT;
            listed_values(&v, o->arg);
            fprintf(stderr, _("pmm %s: %s no admite «%s» (valores: %s)\n"), cmd, a->nbuf[i], a->values[i],
                    str_cstr(&v));
            str_free(&v);
            return false;
        }
    }
    command_lang(a);
    return required_given(c, a);
}

const char *cli_tr(const char *s) { return s && *s ? _(s) : ""; }

bool cli_read_preamble(const char *cmd, const char *path, Str *out) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, _("pmm %s: no se puede leer el preámbulo «%s»: %s\n"), cmd, path, errtext(errno));
        return false;
    }
    char *buf = xmalloc(PREAMBLE_MAX + 1);
    size_t len = fread(buf, 1, PREAMBLE_MAX + 1, in);
    bool failed = ferror(in) != 0;
    int err = errno;
    fclose(in);
    bool ok = false;
    if (failed) {
        fprintf(stderr, _("pmm %s: no se puede leer el preámbulo «%s»: %s\n"), cmd, path, errtext(err));
    } else if (len > PREAMBLE_MAX) {
        fprintf(stderr, _("pmm %s: %s: el preámbulo pasa de 64 KiB\n"), cmd, path);
    } else if (!text_valid_utf8(buf, len) || memchr(buf, '\0', len)) {
        fprintf(stderr, _("pmm %s: %s: el preámbulo no es texto UTF-8 válido\n"), cmd, path);
    } else {
        buf[len] = '\0';
        text_unix_newlines(buf);
        uint32_t ctl = text_find_control(buf);
        if (ctl) {
            /* the line of the first one, as an editor counts them */
            /* (C0 and DEL are one byte; C1, U+0080..U+009F, is C2 80..C2 9F) */
            char needle[3] = {(char)ctl, '\0', '\0'};
            if (ctl >= 0x80) needle[0] = (char)0xC2, needle[1] = (char)ctl;
            const char *at = strstr(buf, needle);
            int line = 1;
            for (const char *p = buf; p < at; p++) line += *p == '\n';
            fprintf(stderr, _("pmm %s: %s, línea %d: el preámbulo lleva un carácter de control (U+%04X), que no "
                              "se puede imprimir: quítelo\n"), cmd, path, line, (unsigned)ctl);
        } else {
            int line;
            const char *why = text_lines_check(buf, &line);
            if (why)
                fprintf(stderr, _("pmm %s: %s, línea %d: el preámbulo %s\n"), cmd, path, line, why);
            else {
                str_puts(out, text_trim(buf));
                ok = true;
            }
        }
    }
    free(buf);
    return ok;
}

/* Prints each form of C's usage, one per line, the first after "uso:". */
static void print_usage(FILE *out, const Command *c) {
    const char *u = cli_tr(c->usage);
    size_t indent = text_chars(_("uso:"));
    bool first = true;
    do {
        size_t n = strcspn(u, "\n");
        if (first) fprintf(out, "%s pmm %s%s%.*s\n", _("uso:"), c->name, n ? " " : "", (int)n, u);
        else fprintf(out, "%*s pmm %s %.*s\n", (int)indent, "", c->name, (int)n, u);
        first = false;
        u += n + (u[n] == '\n');
    } while (*u);
}

int cli_usage(const char *name) {
    (void)name;             /* cli_run prints it, once, for every usage error */
    return EXIT_USAGE;
}

/* ---- what every command says on standard error (issue 14, faults 9, 15) ---- */

static const char *running;     /* the command cli_run runs */

/* Standard error of a running command: a message the lower layers begin
 * with the bare "pmm: " (store, render, util) begins with the command's
 * name instead, "pmm report: ", as the command's own messages do: one
 * rule for every message, kept here. Only the start of a line written
 * in one piece is looked at; anything else passes as it is. */
typedef struct {
    bool line_start;
} PrefixState;

static bool write_all(const char *p, size_t n) {
    while (n) {
        ssize_t w = write(STDERR_FILENO, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static ssize_t prefix_write(void *cookie, const char *buf, size_t n) {
    PrefixState *ps = cookie;
    static const char bare[] = "pmm: ";
    const size_t blen = sizeof bare - 1;
    for (size_t i = 0; i < n;) {
        if (ps->line_start && n - i >= blen && memcmp(buf + i, bare, blen) == 0) {
            char named[80];
            int k = snprintf(named, sizeof named, "pmm %s: ", running);
            if (!write_all(named, (size_t)k)) return -1;
            i += blen;
        }
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t m = nl ? (size_t)(nl - (buf + i)) + 1 : n - i;
        if (!write_all(buf + i, m)) return -1;
        ps->line_start = nl != NULL;
        i += m;
    }
    return (ssize_t)n;
}

static void name_stderr(const char *name) {
    static PrefixState ps = {true};
    running = name;
    cookie_io_functions_t io = {.write = prefix_write};
    FILE *f = fopencookie(&ps, "w", io);
    if (!f) return;             /* the messages keep their bare prefix */
    setvbuf(f, NULL, _IONBF, 0);
    fflush(stderr);
    stderr = f;
}

int cli_run(const Command *c, const Global *g, int argc, char **argv) {
    name_stderr(c->name);
    int rc = c->fn(g, argc, argv);
    if (rc == EXIT_USAGE) {     /* the usage follows what was wrong (docs/cli.md) */
        print_usage(stderr, c);
        fprintf(stderr, _("'pmm %s --help' muestra sus opciones y ejemplos.\n"), c->name);
    }
    return rc;
}

void cli_written(const char *path, const char *twin) {
    /* standard output, a device or a FIFO (/dev/stdout, -o >(gzip)): no file to find */
    if (!path || strcmp(path, "-") == 0 || report_is_special(path)) return;
    if (twin) fprintf(stderr, _("pmm: se escribieron «%s» y «%s»\n"), path, twin);
    else fprintf(stderr, _("pmm: se escribió «%s»\n"), path);
}

bool cli_npos(const Args *a, int min, int max, const char *what) {
    if (a->npos < min) fprintf(stderr, _("pmm: falta %s\n"), _(what));
    else if (a->npos > max) fprintf(stderr, _("pmm: sobra «%s»\n"), a->pos[max]);
    return a->npos >= min && a->npos <= max;
}

/* Whether the help of option O names order SUB before its colon
 * ("add, new, set: ..."), the table's way of saying which orders take it. */
static bool option_of_order(const ArgOption *o, const char *sub) {
    const char *colon = o->help ? strchr(o->help, ':') : NULL;
    size_t n = strlen(sub);
    for (const char *p = o->help; colon && p < colon; p++)
        if ((p == o->help || p[-1] == ' ') && strncmp(p, sub, n) == 0 && (p[n] == ',' || p[n] == ':')) return true;
    return false;
}

bool cli_order_needs_option(const Args *a, const char *cmd, const char *sub) {
    const Command *c = cli_command(cmd);
    Str list = STR_INIT;
    for (const ArgOption *o = c ? c->options : NULL; o && o->name; o++)
        if (option_of_order(o, sub)) str_printf(&list, "%s%s", list.len ? ", " : "", o->name);
    fprintf(stderr, _("pmm: «%s %s» no dice qué cambiar; las opciones de %s son: %s\n"), sub,
            a->npos > 1 ? a->pos[1] : "", sub, str_cstr(&list));
    str_free(&list);
    return false;
}

bool cli_subcommand(const Args *a, const char *cmd) {
    const Command *c = cli_command(cmd);
    const char *w = c && c->words ? c->words : "";
    Str list = STR_INIT;
    bool known = false;
    while (*w) {
        size_t n = strcspn(w, " ");
        str_printf(&list, "%s%.*s", list.len ? ", " : "", (int)n, w);
        known = known || (a->npos > 0 && strlen(a->pos[0]) == n && strncmp(a->pos[0], w, n) == 0);
        w += n + (w[n] == ' ');
    }
    if (a->npos < 1) fprintf(stderr, _("pmm: falta la orden (%s)\n"), str_cstr(&list));
    else if (!known) fprintf(stderr, _("pmm: orden desconocida «%s»; las órdenes son: %s\n"), a->pos[0],
                             str_cstr(&list));
    str_free(&list);
    return a->npos > 0 && known;
}

/* One option line: its spellings and value on the left, its help (and
 * its older spellings) on the right, in a column. */
static void print_option(FILE *out, const char *shortname, const char *name, const char *arg, const char *help,
                         const char *aliases) {
    enum { COL = 30 };
    char left[160];
    snprintf(left, sizeof left, "  %s%s%s%s%s", shortname ? shortname : "", shortname ? ", " : "", name,
             arg ? " " : "", arg ? cli_tr(arg) : "");
    size_t w = text_chars(left);
    fputs(left, out);
    if (w + 2 > COL) fprintf(out, "\n%*s", COL, "");
    else fprintf(out, "%*s", (int)(COL - w), "");
    fputs(help, out);
    if (aliases) {
        fputc(' ', out);
        fprintf(out, _("(alias: %s)"), aliases);
    }
    fputc('\n', out);
}

void cli_help(FILE *out, const Command *c) {
    fprintf(out, "pmm %s: %s\n\n", c->name, cli_tr(c->summary));
    print_usage(out, c);
    fprintf(out, "\n%s\n", _("opciones:"));
    for (const ArgOption *o = c->options; o && o->name; o++)
        print_option(out, o->shortname, o->name, o->arg, cli_tr(o->help), o->aliases);
    print_option(out, "-h", "--help", NULL, _("muestra esta ayuda"), NULL);
    print_option(out, NULL, "--db", N_("ARCHIVO"), _("la base de datos (también $PMM_DB; pmm.db por omisión)"), NULL);
    if (c->examples && c->examples->text) {
        fprintf(out, "\n%s\n", _("ejemplos:"));
        for (const Example *e = c->examples; e->text; e++) fprintf(out, "  # %s\n  %s\n", cli_tr(e->text), e->line);
    }
    fprintf(out, _("\nSalida: 0 si todo salió bien, 1 si la entrada tiene errores o algo falló, 2 si el "
                   "comando se usó mal.\n"));
}

void cli_help_all(FILE *out) {
    fprintf(out, _("pmm %s: seguimiento del Pacto Mundial para la Migración\n\n"
                   "uso: pmm [--db ARCHIVO] COMANDO [ARGUMENTOS]\n\n"
                   "comandos:\n"), PMM_VERSION);
    for (const Command *c = pmm_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, cli_tr(c->summary));
    fprintf(out, _("\nLa base de datos es --db, o $PMM_DB, o «pmm.db».\n"
                   "'pmm help COMANDO' o 'pmm COMANDO --help' muestra el uso, las opciones y ejemplos de "
                   "un comando; 'pmm help --man', la página de manual.\n"));
}

bool cli_output_ok(const char *cmd, const char *path, bool binary) {
    if (!binary || !path || strcmp(path, "-") != 0 || !isatty(STDOUT_FILENO)) return true;
    fprintf(stderr, _("pmm %s: no se escribe un archivo binario en la terminal: redirija la salida "
                      "(-o - > ARCHIVO) o use -o ARCHIVO\n"), cmd);
    return false;
}

bool cli_output_begin(CliOutput *o, const char *cmd, const char *path, bool binary) {
    o->path = path;
    o->tmp = NULL;
    if (!path || strcmp(path, "-") != 0) return true;
    if (!cli_output_ok(cmd, path, binary)) return false;
    const char *dir = getenv("TMPDIR");
    Str t = STR_INIT;
    str_printf(&t, "%s/pmm-stdout.XXXXXX", dir && *dir ? dir : "/tmp");
    o->tmp = str_take(&t);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fprintf(stderr, _("pmm %s: no se puede crear un archivo temporal en «%s»: %s\n"), cmd,
                dir && *dir ? dir : "/tmp", errtext(errno));
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    close(fd);
    o->path = o->tmp;
    return true;
}

/* Copies the file PATH to standard output; false with the reason told. */
static bool copy_to_stdout(const char *path) {
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "pmm: %s: %s\n", path, errtext(errno));
        return false;
    }
    char buf[65536];
    size_t n;
    bool ok = true;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0) ok = fwrite(buf, 1, n, stdout) == n;
    if (ok && ferror(in)) {
        fprintf(stderr, "pmm: %s: %s\n", path, errtext(errno));
        ok = false;
    }
    /* a failed write to standard output is said once, by main (output_written) */
    ok = ok && fflush(stdout) == 0;
    fclose(in);
    return ok;
}

bool cli_output_end(CliOutput *o, bool ok) {
    if (!o->tmp) return ok;
    ok = ok && copy_to_stdout(o->tmp);
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return ok;
}

static void name_catalog(void *ctx, const char *catalog) {
    Str *list = ctx;
    str_printf(list, "%s%s", list->len ? ", " : "", catalog);
}

void cli_warn_empty_catalogs(Store *st) {
    const char *records = NULL;
    Str list = STR_INIT;
    if (store_records_filled(st, &records) && records && store_catalogs_empty(st, name_catalog, &list) &&
        list.len)
        fprintf(stderr, _("pmm: aviso: la base de datos tiene ediciones, pero estos catálogos están vacíos: %s; "
                          "lo que los usa no se puede nombrar ni contar ('pmm catalog NOMBRE' los muestra)\n"),
                str_cstr(&list));
    str_free(&list);
}

/* Loads the default pack only into a database that never held one: a
 * database that records its pack keeps its catalogs as they are, even
 * with a table emptied on the platform (issue 16: keying on an empty
 * institution table put Mexico's catalogs back over a country's). */
bool cli_ensure_catalogs(Store *st) {
    DiagList d;
    diag_init(&d);
    /* a pack is loaded once; a database an older pmm filled gets only what
     * it lacks (catalog_load_new), never its catalogs again */
    bool ok = store_pack_loaded(st) ? catalog_load_new(st, &d)
              /* another process may have loaded it meanwhile: then it is there */
              : catalog_load(st, NULL, &d) || store_pack_loaded(st);
    if (!ok) {
        fprintf(stderr, _("pmm: no se pudieron cargar los catálogos:\n"));
        diag_print(&d, stderr, 50);
    }
    diag_free(&d);
    return ok;
}
