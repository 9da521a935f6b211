/* pmm mail send-pending --smtp URL [--mail-from ADDR] (issue 11): sends,
 * once and now, every message of the outbox not sent yet, as the server's
 * mailer would (also those waiting for their next retry), and says how many
 * were sent and how many are still pending. For a database whose server is
 * stopped, or to flush the queue from a script. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "store/mail_store.h"
#include "util/i18n.h"
#include "web/mail.h"

/* Whether a message is due at NOW (-1: the database failed). */
static int any_due(Store *st, int64_t now) {
    Arena a = {0};
    OutboxMsg *v;
    int n;
    bool ok = store_outbox_due(st, now, 1, &a, &v, &n);
    arena_free(&a);
    return ok ? n : -1;
}

/* Rounds while messages are due: a failed one is due again only after its
 * backoff, so each is tried once. */
static int send_all(Store *st, const MailConfig *mc, int *sent) {
    int64_t now = (int64_t)time(NULL);
    if (!store_begin(st)) return -1;
    if (store_outbox_retry_all(st, now) < 0) {
        store_rollback(st);
        return -1;
    }
    if (!store_commit(st)) return -1;
    int due, n = 0;
    *sent = 0;
    while ((due = any_due(st, now)) > 0 && (n = mail_send_due(st, mc, now)) >= 0) *sent += n;
    return due < 0 || n < 0 ? -1 : store_outbox_unsent(st);
}

int cmd_mail(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "mail", argc, argv) || !cli_subcommand(&a, "mail") || !cli_npos(&a, 1, 1, ""))
        return cli_usage("mail");
    MailConfig mc;
    memset(&mc, 0, sizeof mc);
    if (!cli_mail_options(&a, "mail", &mc)) return EXIT_USAGE;
    if (!mc.smtp_url) {
        fprintf(stderr, _("pmm mail: falta --smtp smtp://SERVIDOR:PUERTO (o $PMM_SMTP)\n"));
        return EXIT_USAGE;
    }
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    if (!mail_curl_open("mail")) {
        store_close(st);
        return EXIT_FAIL;
    }
    int sent = 0, left = send_all(st, &mc, &sent);
    if (left < 0) fprintf(stderr, _("pmm mail: la bandeja de salida no se pudo leer o escribir: %s\n"), store_errmsg(st));
    else printf(_("Mensajes enviados: %d; pendientes: %d.\n"), sent, left);
    mail_curl_close();
    store_close(st);
    return left < 0 ? EXIT_FAIL : left > 0 ? EXIT_FAIL : EXIT_OK;
}
