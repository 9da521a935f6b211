#ifndef PMM_WEB_MAIL_H
#define PMM_WEB_MAIL_H
/*
 * Sending the outbox (issue 11; mailer.c). pmm serve with --smtp runs one
 * background thread that, every --mail-poll seconds, queues the reminders
 * and the daily digest that are due (each once: their outbox rows carry a
 * dedupe key) and sends the messages that are due through libcurl's SMTP,
 * recording each outcome; a failure is retried after base, 2 base, 4 base
 * ... seconds (capped at 60 base). All the state is in the outbox table, so
 * a restart loses and repeats nothing (a crash between the server's "250 OK"
 * and the write of sent_at can repeat one message: at least once).
 */
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include "store/mail_store.h"
#include "util/str.h"

#define MAIL_MAX_REMIND 16

typedef struct {
    const char *smtp_url;        /* smtp://, smtps://; "?starttls" asks for STARTTLS; NULL: no sending */
    const char *from;            /* the envelope and From: address */
    const char *base_url;        /* the start of every link */
    int retry_base;              /* seconds before the first retry */
    int poll;                    /* seconds between the worker's rounds */
    int remind[MAIL_MAX_REMIND]; /* days before the deadline to remind on (the day itself always) */
    int nremind;
} MailConfig;

/* An address pmm accepts for an account: local@domain.tld, printable ASCII,
 * no spaces, quotes or angle brackets, at most 254 bytes. */
bool mail_address_ok(const char *addr);
/* Parses "7,1" into MC->remind; false (with nothing changed) when a value is
 * not a whole number from 1 to 365 or there are too many. */
bool mail_parse_remind(MailConfig *mc, const char *list);
/* The check of --smtp: false when URL is not smtp:// or smtps://. */
bool mail_url_ok(const char *url);
/* Seconds to wait after the ATTEMPTS-th failure. */
int64_t mail_backoff(int base, int64_t attempts);
/* M as an RFC 5322 message: UTF-8 text, encoded-word subject, Date (NOW),
 * Message-ID (fixed per outbox row, so a resend is recognisable). */
void mail_format(Str *out, const char *from, const OutboxMsg *m, time_t now);
/* Queues the reminders and the digest due at NOW (each only once). */
bool mail_queue_periodic(Store *st, const MailConfig *mc, int64_t now);
/* Sends the messages due at NOW; the number sent, -1 when the database failed. */
int mail_send_due(Store *st, const MailConfig *mc, int64_t now);

/* The background worker of pmm serve (no-op without MC->smtp_url). */
bool mailer_start(const MailConfig *mc, const char *db_path);
/* libcurl, opened when mail is first sent (not linked: it slowed every
 * command's start) and initialised; false, said on stderr as pmm CMD,
 * when it cannot be. Each open is closed by one mail_curl_close. */
bool mail_curl_open(const char *cmd);
void mail_curl_close(void);
void mailer_stop(void);
/* A write may have queued mail: the worker starts a round now rather than
 * at the end of its --mail-poll wait (harmless without a worker). */
void mailer_wake(void);

#endif
