#ifndef PMM_CLI_H
#define PMM_CLI_H
/* The `pmm` commands. Each is one plainly named function, cmd_NAME, in
 * src/cli/cmd_NAME.c, listed in the table of main.c. */
#include <stdbool.h>
#include <stdio.h>
#include "store/store.h"
#include "util/args.h"
#include "web/mail.h"

typedef struct {
    const char *db_path;      /* --db, or $PMM_DB, or "pmm.db" */
} Global;

typedef int (*CommandFn)(const Global *g, int argc, char **argv);

/* An example of a command's use: what it does and the line typed. */
typedef struct {
    const char *text;         /* Spanish, N_() */
    const char *line;         /* "pmm import ..." as typed */
} Example;

/* One command: the one home of its help (main.c's table), read by the
 * parser (cli_args), --help, `pmm help`, the man page and the completion. */
typedef struct {
    const char *name;
    CommandFn fn;
    const char *usage;        /* N_(): the arguments after "pmm NAME"; one form per line */
    const char *summary;      /* N_(): one line */
    const ArgOption *options; /* ended by an entry with a NULL name */
    const Example *examples;  /* ended by an entry with a NULL text */
    const char *words;        /* what its first argument completes to: words separated by
                               * spaces, "@commands" (the command names), "" nothing,
                               * NULL file names */
    const char *required;     /* options every use needs, space-separated; "--a|--b": either
                               * (cli_args says which is missing: a usage error) */
} Command;

extern const Command pmm_commands[];

/* Exit codes (docs/cli.md, the man page): 0 ok, 1 bad input or failure,
 * 2 bad usage (unknown command or option, missing or invalid argument). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Opens the database named by G, printing the reason on failure. */
Store *cli_open(const Global *g, bool create);
/* The notice that ST was opened read-only, and why (nothing when it was not). */
void cli_readonly_notice(const Global *g, Store *st);
/* Finds edition NAME, printing an error naming the editions that exist. */
bool cli_edition(Store *st, const char *name, Edition *out);
/* True, after saying so on stderr (CMD first), when an edition named NAME,
 * or one whose name looks the same (store_edition_alike), exists. */
bool edition_taken(Store *st, const char *name, const char *cmd);
/* A usage error of command NAME: returns EXIT_USAGE, after which cli_run
 * prints its short usage ("uso: pmm NAME ..."). */
int cli_usage(const char *name);
/* Runs command C: the one place of what every command's standard error
 * says (issue 14, faults 9 and 15). Every message begins with the
 * command's name ("pmm report: "; a lower layer's bare "pmm: " is named
 * too), and a usage error (exit 2) is followed by the command's usage. */
int cli_run(const Command *c, const Global *g, int argc, char **argv);
/* A command wrote its -o PATH (and TWIN, or NULL): said on stderr, the
 * one rule for every command that writes -o (issue 14, fault 15); nothing
 * for standard output ("-", no -o), a device or a FIFO. */
void cli_written(const char *path, const char *twin);
/* Whether A has from MIN to MAX arguments besides its options; else
 * false, after saying which is missing (WHAT, N_(): "el archivo que se
 * importa") or which one is too many: a usage error. */
bool cli_npos(const Args *a, int min, int max, const char *what);
/* issue 14 round 3, fault 4: the first argument of a command with orders
 * (edition, user, mail) is one of its table's words; else false, after
 * saying that it is missing or unknown and naming them: a usage error. */
bool cli_subcommand(const Args *a, const char *cmd);
/* A usage error of order SUB of command CMD given none of its options
 * (`pmm edition set 2024`): says so, naming the options the command's
 * table gives that order ("set: ..." in their help); returns false. */
bool cli_order_needs_option(const Args *a, const char *cmd, const char *sub);
/* A valid --lang of command C in ARGV, applied before anything is said
 * (the parser's messages, --help): issue 14 round 3, fault 6; round 4, d. */
void cli_early_lang(const Command *c, int argc, char **argv);
/* V, the value of option OPT of command CMD, as a whole number LO..HI
 * into *OUT; else false, after naming the option, the value and the
 * range: the one check of an option's number (a "LO-HI" placeholder's,
 * in cli_args, and the others': issue 14 round 3, fault 7). */
bool cli_number(const char *cmd, const char *opt, const char *v, long lo, long hi, long *out);
/* The command named NAME, or NULL. */
const Command *cli_command(const char *name);
/* Parses ARGV by the options of command CMD (its table entry). */
bool cli_args(Args *a, const char *cmd, int argc, char **argv);
/* The path a writer of command CMD writes for -o PATH: PATH itself, or for
 * "-" (standard output) a temporary file, copied to standard output by
 * cli_output_end. A binary format is not written to a terminal: false,
 * told on stderr. */
typedef struct {
    const char *path;         /* what the writer writes */
    char *tmp;                /* the temporary file of "-", or NULL */
} CliOutput;
bool cli_output_begin(CliOutput *o, const char *cmd, const char *path, bool binary);
/* The same check, before any work: false (told) when PATH is "-", the
 * format BINARY and standard output a terminal: a usage error. */
bool cli_output_ok(const char *cmd, const char *path, bool binary);
/* Finishes O: copies the temporary file to standard output when OK; false
 * when that fails (told). */
bool cli_output_end(CliOutput *o, bool ok);
/* A text of the command table in the user's language ("" stays "":
 * gettext would give the catalog's header). */
const char *cli_tr(const char *s);
/* The preamble file PATH (`pmm edition set --preamble`, `pmm report
 * --preamble`) into OUT, the one reader (issue 12 round 5, t12 #6): at
 * most 64 KiB of UTF-8, line endings made '\n' (text_unix_newlines: CRLF
 * paragraphs split as LF ones in every format), without a control
 * character (text_find_control, the action texts' rule: named with the
 * file, line and code point), trimmed. False, said under CMD, when not. */
#define PREAMBLE_MAX 65536
bool cli_read_preamble(const char *cmd, const char *path, Str *out);
/* Full help of C (usage, options, examples) to OUT. */
void cli_help(FILE *out, const Command *c);
/* pmm's own help: the commands and their summaries. */
void cli_help_all(FILE *out);
/* Loads the catalogs when the database has none yet. */
bool cli_ensure_catalogs(Store *st);
/* Warns on stderr, naming them, when catalogs of a database that has
 * editions are empty (emptied by hand: its Informe would be empty without
 * a word; issue 16, H16R4). For pmm report and pmm check. */
void cli_warn_empty_catalogs(Store *st);

int cmd_init(const Global *g, int argc, char **argv);
int cmd_catalog(const Global *g, int argc, char **argv);
int cmd_edition(const Global *g, int argc, char **argv);
int cmd_import(const Global *g, int argc, char **argv);
int cmd_report(const Global *g, int argc, char **argv);
int cmd_demo(const Global *g, int argc, char **argv);
int cmd_template(const Global *g, int argc, char **argv);
int cmd_export(const Global *g, int argc, char **argv);
int cmd_serve(const Global *g, int argc, char **argv);
int cmd_user(const Global *g, int argc, char **argv);
int cmd_mail(const Global *g, int argc, char **argv);          /* issue 11: pmm mail send-pending */
/* The mail settings of pmm serve and pmm mail (--smtp, --mail-from, ...,
 * PMM_SMTP, PMM_MAIL_FROM) into MC; false, told on stderr, when one is bad
 * (cmd_serve.c). */
bool cli_mail_options(const Args *a, const char *cmd, MailConfig *mc);
/* Creates the demo accounts and publishes the demo edition (cmd_user.c). */
bool user_demo_setup(Store *st);
int cmd_backup(const Global *g, int argc, char **argv);
int cmd_restore(const Global *g, int argc, char **argv);
int cmd_check(const Global *g, int argc, char **argv);
int cmd_compendio(const Global *g, int argc, char **argv);
int cmd_chart(const Global *g, int argc, char **argv);
int cmd_help(const Global *g, int argc, char **argv);      /* issue 14: help, --man, --completion */
int cmd_version(const Global *g, int argc, char **argv);
int cmd_trend(const Global *g, int argc, char **argv);        /* issue 13: editions over time */
int cmd_review(const Global *g, int argc, char **argv);       /* issue 13: the voluntary GCM review */

#endif
