#ifndef PMM_CLI_H
#define PMM_CLI_H
/* The `pmm` commands. Each is one plainly named function, cmd_NAME, in
 * src/cli/cmd_NAME.c, listed in the table of main.c. */
#include <stdbool.h>
#include "store/store.h"
#include "util/args.h"
#include "web/mail.h"

typedef struct {
    const char *db_path;      /* --db, or $PMM_DB, or "pmm.db" */
} Global;

typedef int (*CommandFn)(const Global *g, int argc, char **argv);

typedef struct {
    const char *name;
    CommandFn fn;
    const char *usage;        /* arguments, after "pmm NAME" */
    const char *summary;      /* one line, Spanish */
} Command;

extern const Command pmm_commands[];

/* Exit codes: 0 ok, 1 bad input or failure, 2 bad usage. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Opens the database named by G, printing the reason on failure. */
Store *cli_open(const Global *g, bool create);
/* Finds edition NAME, printing an error naming the editions that exist. */
bool cli_edition(Store *st, const char *name, Edition *out);
/* True, after saying so on stderr (CMD first), when an edition named NAME,
 * or one whose name looks the same (store_edition_alike), exists. */
bool edition_taken(Store *st, const char *name, const char *cmd);
/* Prints "usage: pmm NAME ..." for command NAME to stderr; returns EXIT_USAGE. */
int cli_usage(const char *name);
/* Loads the catalogs when the database has none yet. */
bool cli_ensure_catalogs(Store *st);

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
int cmd_trend(const Global *g, int argc, char **argv);        /* issue 13: editions over time */

#endif
