/* pmm help [COMMAND] | --man | --completion, and pmm version (issue 14).
 * Everything here is written from the command table of main.c, the one
 * home of each command's usage, options and examples: the help on the
 * terminal, the man page pmm(1) and the bash completion (both generated
 * by Meson at build time, src/meson.build). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "util/i18n.h"
#include "util/str.h"

/* ---- the man page ---- */

/* TEXT as roff: a backslash and a hyphen escaped, every character beyond
 * ASCII as \[uXXXX] (the page then renders alike with or without preconv);
 * a long list of choices a|b|c may break after each bar. */
static void roff(FILE *out, const char *text) {
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        unsigned c = *p++;
        if (c == '\\') fputs("\\e", out);
        else if (c == '-') fputs("\\-", out);
        else if (c == '|') fputs("|\\:", out);      /* a line may break after a choice */
        else if (c < 0x80) fputc((int)c, out);
        else {
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            unsigned cp = c & (0x3Fu >> more);
            for (int i = 0; i < more && (*p & 0xC0) == 0x80; i++) cp = cp << 6 | (*p++ & 0x3Fu);
            fprintf(out, "\\[u%04X]", cp);
        }
    }
}

/* A line of text that roff must not read as a request. */
static void roff_line(FILE *out, const char *text) {
    if (*text == '.' || *text == '\'') fputs("\\&", out);
    roff(out, text);
    fputc('\n', out);
}

static void man_option(FILE *out, const char *shortname, const char *name, const char *arg, const char *help,
                       const char *aliases) {
    fputs(".TP\n", out);
    if (shortname) {
        fputs("\\fB", out);
        roff(out, shortname);
        fputs("\\fR, ", out);
    }
    fputs("\\fB", out);
    roff(out, name);
    fputs("\\fR", out);
    if (arg) {
        fputs(" \\fI", out);
        roff(out, cli_tr(arg));
        fputs("\\fR", out);
    }
    fputc('\n', out);
    roff(out, help);
    if (aliases) {
        fputs(" ", out);
        Str s = STR_INIT;
        str_printf(&s, _("(alias: %s)"), aliases);
        roff(out, str_cstr(&s));
        str_free(&s);
    }
    fputc('\n', out);
}

static void man_command(FILE *out, const Command *c) {
    fprintf(out, ".SS \"pmm %s\"\n", c->name);
    roff_line(out, cli_tr(c->summary));
    fputs(".PP\n", out);
    const char *u = cli_tr(c->usage);
    do {
        size_t n = strcspn(u, "\n");
        Str line = STR_INIT;
        str_append(&line, u, n);
        fprintf(out, "\\fBpmm %s\\fR ", c->name);
        roff(out, str_cstr(&line));
        fputs("\n.br\n", out);
        str_free(&line);
        u += n + (u[n] == '\n');
    } while (*u);
    for (const ArgOption *o = c->options; o && o->name; o++)
        man_option(out, o->shortname, o->name, o->arg, cli_tr(o->help), o->aliases);
    if (c->examples && c->examples->text) {
        fputs(".PP\n", out);
        roff_line(out, _("Ejemplos:"));
        for (const Example *e = c->examples; e->text; e++) {
            fputs(".RS\n.PP\n", out);
            roff_line(out, cli_tr(e->text));
            fputs(".br\n\\f(CW", out);
            roff(out, e->line);
            fputs("\\fR\n.RE\n", out);
        }
    }
}

static void man_section(FILE *out, const char *title) {
    fputs(".SH \"", out);
    roff(out, title);
    fputs("\"\n", out);
}

static void man_page(FILE *out) {
    fprintf(out, ".\\\" pmm(1), written by `pmm help --man` from the command table of src/main.c.\n");
    fprintf(out, ".TH PMM 1 \"\" \"pmm %s\" \"", PMM_VERSION);
    roff(out, _("Manual de pmm"));
    fputs("\"\n.nh\n.ad l\n", out);   /* no hyphenation, ragged right: option names stay whole */
    man_section(out, _("NOMBRE"));
    fputs("pmm \\- ", out);
    roff_line(out, _("seguimiento del Pacto Mundial para la Migración"));
    man_section(out, _("SINOPSIS"));
    fputs("\\fBpmm\\fR [\\fB\\-\\-db\\fR \\fI", out);
    roff(out, _("ARCHIVO"));
    fputs("\\fR] \\fI", out);
    roff(out, _("COMANDO"));
    fputs("\\fR [\\fI", out);
    roff(out, _("ARGUMENTOS"));
    fputs("\\fR]\n", out);
    man_section(out, _("DESCRIPCIÓN"));
    roff_line(out, _("pmm lleva el seguimiento de las acciones del Pacto Mundial para la Migración Segura, "
                     "Ordenada y Regular en una sola base de datos SQLite: importa lo que reportan las "
                     "instituciones, escribe el Informe Ejecutivo y el Compendio, y sirve la plataforma web. "
                     "Cada comando responde a --help con su uso, sus opciones y ejemplos."));
    man_section(out, _("COMANDOS"));
    for (const Command *c = pmm_commands; c->name; c++) man_command(out, c);
    man_section(out, _("OPCIONES GLOBALES"));
    man_option(out, NULL, "--db", N_("ARCHIVO"), _("la base de datos (también $PMM_DB; pmm.db por omisión)"), NULL);
    man_option(out, "-h", "--help", NULL, _("muestra la ayuda de pmm o, tras un comando, la de ese comando"), NULL);
    man_option(out, NULL, "--version", NULL, _("muestra la versión de pmm"), NULL);
    man_section(out, _("ESTADO DE SALIDA"));
    man_option(out, NULL, "0", NULL, _("todo salió bien"), NULL);
    man_option(out, NULL, "1", NULL, _("la entrada tiene errores (nada se guardó) o algo falló: la base de datos, "
                                       "un archivo, la red, o pmm check encontró problemas"), NULL);
    man_option(out, NULL, "2", NULL, _("el comando se usó mal: comando u opción desconocidos, falta un argumento "
                                       "o su valor no es válido"), NULL);
    man_section(out, _("ENTORNO"));
    man_option(out, NULL, "PMM_DB", NULL, _("la base de datos cuando no se da --db"), NULL);
    man_option(out, NULL, "PMM_LANG", NULL, _("el idioma de los mensajes: en para inglés; si no está, "
                                              "LANGUAGE, LC_ALL, LC_MESSAGES o LANG"), NULL);
    man_option(out, NULL, "PMM_SMTP, PMM_MAIL_FROM", NULL, _("el servidor de correo y el remitente de "
                                                             "pmm serve y pmm mail"), NULL);
    man_option(out, NULL, "PMM_TRUSTED_PROXY", NULL, _("los proxies en que confía pmm serve"), NULL);
    man_option(out, NULL, "TMPDIR", NULL, _("la carpeta de los archivos temporales (/tmp por omisión)"), NULL);
    man_section(out, _("VÉASE TAMBIÉN"));
    roff_line(out, _("docs/cli.md y README.md en las fuentes de pmm; sqlite3(1)."));
}

/* ---- the bash completion ---- */

/* Whether the placeholder ARG names a file (the table's ARCHIVO). */
static bool arg_is_file(const char *arg) { return strstr(arg, "ARCHIVO") || strstr(arg, "COPIA"); }

/* Whether ARG is a list of literal choices, "es|en". */
static bool arg_is_choices(const char *arg) {
    if (!strchr(arg, '|')) return false;
    for (const char *p = arg; *p; p++)
        if (!(*p == '|' || *p == '_' || *p == '-' || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

/* Every spelling of O as one case pattern: "--output|-o". */
static void spellings(FILE *out, const ArgOption *o) {
    fputs(o->name, out);
    if (o->shortname) fprintf(out, "|%s", o->shortname);
    if (o->aliases) fputc('|', out);
    for (const char *p = o->aliases; p && *p; p++) fputc(*p == ' ' ? '|' : *p, out);
}

static void completion_command(FILE *out, const Command *c) {
    fprintf(out, "    %s)\n        opts=\"", c->name);
    for (const ArgOption *o = c->options; o && o->name; o++) fprintf(out, "%s%s", o->name, " ");
    fputs("--help\"\n        valued=\" ", out);
    for (const ArgOption *o = c->options; o && o->name; o++) {
        if (!o->arg) continue;
        fprintf(out, "%s ", o->name);
        if (o->shortname) fprintf(out, "%s ", o->shortname);
        if (o->aliases) fprintf(out, "%s ", o->aliases);
    }
    fputs("\"\n        case $prev in\n", out);
    for (const ArgOption *o = c->options; o && o->name; o++) {
        if (!o->arg) continue;
        fputs("        ", out);
        spellings(out, o);
        fputs(")\n            ", out);
        if (arg_is_file(o->arg)) fputs("_pmm_files; return ;;\n", out);
        else if (arg_is_choices(o->arg)) {
            Str w = STR_INIT;
            str_puts(&w, o->arg);
            for (char *p = w.p; *p; p++) if (*p == '|') *p = ' ';
            fprintf(out, "COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return ;;\n", str_cstr(&w));
            str_free(&w);
        } else fputs("COMPREPLY=(); return ;;\n", out);
    }
    fputs("        esac\n", out);
    const char *words = c->words;
    if (!words) fputs("        words=@files\n", out);
    else if (strcmp(words, "@commands") == 0) fputs("        words=$_pmm_commands\n", out);
    else fprintf(out, "        words=\"%s\"\n", words);
    fputs("        ;;\n", out);
}

static void completion(FILE *out) {
    fputs("# bash completion for pmm, written by `pmm help --completion` from the command table\n"
          "# of src/main.c (issue 14): commands, each command's options and their values, files.\n", out);
    fputs("_pmm_commands=\"", out);
    for (const Command *c = pmm_commands; c->name; c++) fprintf(out, "%s%s", c->name, c[1].name ? " " : "");
    fputs("\"\n\n", out);
    fputs("_pmm_files() {\n"
          "    compopt -o filenames 2>/dev/null\n"
          "    local IFS=$'\\n'\n"
          "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
          "}\n\n", out);
    fputs("_pmm() {\n"
          "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
          "    local i cmd= at=0 npos=0 opts= valued= words=\n"
          "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i]} in\n"
          "        --db) ((i++)) ;;\n"
          "        -*) ;;\n"
          "        *) cmd=${COMP_WORDS[i]}; at=$i; break ;;\n"
          "        esac\n"
          "    done\n"
          "    if [[ $prev == --db ]]; then _pmm_files; return; fi\n"
          "    if [[ -z $cmd ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$_pmm_commands --db --help --version\" -- \"$cur\"))\n"
          "        return\n"
          "    fi\n"
          "    case $cmd in\n", out);
    for (const Command *c = pmm_commands; c->name; c++) completion_command(out, c);
    fputs("    *) return ;;\n"
          "    esac\n"
          "    # the arguments after the command, but for the values of its options\n"
          "    for ((i = at + 1; i < COMP_CWORD; i++)); do\n"
          "        case ${COMP_WORDS[i]} in\n"
          "        --db) ((i++)) ;;\n"
          "        -*) if [[ $valued == *\" ${COMP_WORDS[i]} \"* ]]; then ((i++)); fi ;;\n"
          "        *) ((npos++)) ;;\n"
          "        esac\n"
          "    done\n"
          "    if [[ $cur == -* ]]; then\n"
          "        COMPREPLY=($(compgen -W \"$opts --db\" -- \"$cur\"))\n"
          "    elif [[ $words == @files || $npos -gt 0 ]]; then\n"
          "        _pmm_files\n"
          "    else\n"
          "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
          "    fi\n"
          "}\n"
          "complete -F _pmm pmm\n", out);
}

int cmd_help(const Global *g, int argc, char **argv) {
    (void)g;
    Args a;
    if (!cli_args(&a, "help", argc, argv) || a.npos > 1 || (a.npos && a.n) ||
        (args_has(&a, "--man") && args_has(&a, "--completion")))
        return cli_usage("help");
    if (args_has(&a, "--man")) man_page(stdout);
    else if (args_has(&a, "--completion")) completion(stdout);
    else if (a.npos == 0) cli_help_all(stdout);
    else {
        const Command *c = cli_command(a.pos[0]);
        if (!c) {
            fprintf(stderr, _("pmm help: no hay un comando «%s»; 'pmm help' los lista\n"), a.pos[0]);
            return EXIT_USAGE;
        }
        cli_help(stdout, c);
    }
    return EXIT_OK;
}

int cmd_version(const Global *g, int argc, char **argv) {
    (void)g;
    Args a;
    if (!cli_args(&a, "version", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("version");
    printf("pmm %s\n", PMM_VERSION);
    return EXIT_OK;
}
