#ifndef PMM_MAIL_STORE_H
#define PMM_MAIL_STORE_H
/*
 * E-mail (issue 11): accounts' addresses, the outbox, the recipients of
 * reminders and digests, and the single-use links of a forgotten password.
 * A message is put in the outbox inside the transaction of the event that
 * causes it (a refused change rolls its message back with it); the server's
 * mailer (web/mailer.c) sends it later and records the outcome here. Times
 * are Unix seconds, days "YYYY-MM-DD" (UTC).
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/workflow.h"
#include "store/store.h"
#include "store/web_store.h"
#include "util/arena.h"

/* The start of every link in a message ("https://pmm.example.org"), set once
 * by pmm serve before any thread starts; "http://127.0.0.1:8080" until then. */
void mail_store_set_base_url(const char *url);
const char *mail_store_base_url(void);

/* ---- addresses ---- */
/* Sets (EMAIL NULL: clears) the address of USERNAME; false if no such account.
 * The caller has checked the address (mail_address_ok, web/mail.h). */
/* The other account that has EMAIL (compared without case), in A, or
 * NULL: an address is one person's, so that a reset link asked for by
 * address reaches the one account it names. store_user_set_email refuses
 * an address another account has. */
const char *store_email_owner(Store *st, const char *username, const char *email, Arena *a);
bool store_user_set_email(Store *st, const char *username, const char *email);
/* USERNAME's address, in A; NULL when it has none (or no such account). */
const char *store_user_email(Store *st, const char *username, Arena *a);
/* The enabled account named WHO or whose address is WHO (either compared
 * without regard to case), with its address in *EMAIL (NULL when none). */
bool store_user_for_reset(Store *st, const char *who, WebUser *u, Arena *a, const char **email);

/* ---- the outbox ---- */
typedef struct {
    int64_t id;
    const char *to, *subject, *body, *kind, *last_error;   /* last_error "" when none */
    int64_t created_at, attempts, next_attempt_at, sent_at; /* sent_at 0: not sent */
} OutboxMsg;
/* Queues one message, due at once. With a DEDUPE key, a message with the same
 * key to the same address is queued only once ever (*ADDED false then). */
bool store_outbox_add(Store *st, const char *to, const char *subject, const char *body,
                      const char *kind, const char *dedupe, int64_t now, bool *added);
/* Queues the mail of action ID having moved to TO (devuelta, with COMMENT, or
 * validada) to every enabled enlace of its institution that has an address.
 * Inside the caller's transaction (store_action_set_status calls it). */
bool store_outbox_action_step(Store *st, int64_t id, ActionStatus to, const char *comment);
/* Up to MAX unsent messages due at NOW, oldest first. */
bool store_outbox_due(Store *st, int64_t now, int max, Arena *a, OutboxMsg **out, int *n);
/* Marks ID sent; the text of a password link ("contrasena") is erased. */
bool store_outbox_sent(Store *st, int64_t id, int64_t now);
/* One more failed attempt, with its reason; the next at NEXT_AT. */
bool store_outbox_failed(Store *st, int64_t id, const char *error, int64_t next_at);
/* The latest LIMIT messages, newest first, and how many are unsent. */
bool store_outbox_list(Store *st, int limit, Arena *a, OutboxMsg **out, int *n);
/* Makes unsent message ID due at NOW; false when there is none unsent. */
/* Takes message ID for one sender until UNTIL (a lease longer than a
 * send may last): true when it was due at NOW and no other sender (a
 * second server, pmm mail send-pending) holds it. Run in its own short
 * transaction before sending, so two senders never send it both; a sender
 * that dies leaves it to be retried when the lease ends (at least once). */
bool store_outbox_claim(Store *st, int64_t id, int64_t now, int64_t until);
bool store_outbox_retry(Store *st, int64_t id, int64_t now);
/* Makes every unsent message due at NOW (pmm mail send-pending); how many, -1 on error. */
int store_outbox_retry_all(Store *st, int64_t now);
/* How many messages are not sent yet; -1 on error. */
int store_outbox_unsent(Store *st);

/* ---- reminders and the digest ---- */
typedef struct {
    int64_t edition_id, institution_id;
    const char *edition, *deadline, *acronym, *institution, *email;
    int days_left;               /* 0: the deadline is today */
} ReminderTarget;
/* Every (open edition with a deadline on or after TODAY, institution with no
 * action submitted or validated in it, enabled enlace with an address). The
 * one reader of edition.deadline in MAIL's code (CAMPAIGN owns the column). */
bool store_reminder_targets(Store *st, const char *today, Arena *a, ReminderTarget **out, int *n);
typedef struct {
    const char *at, *edition, *folio, *name, *institution;
    int64_t action_id;
} Submission;
/* The actions submitted (the audit log's "enviar") on day DAY, each once, at
 * its last submission of that day (issue 11, helper CAMP2). */
bool store_submissions_on(Store *st, const char *day, Arena *a, Submission **out, int *n);
/* Addresses of the enabled coordinators that have one. */
bool store_coordinator_emails(Store *st, Arena *a, const char ***out, int *n);

/* ---- a forgotten password ---- */
bool store_reset_add(Store *st, const char *token_hash, int64_t user_id, int64_t now, int64_t expires);
/* Links of USER_ID still live at NOW (a cap against mail bombing). */
int store_reset_live(Store *st, int64_t user_id, int64_t now);
/* The account of the live link TOKEN_HASH (unused, not expired at NOW). */
bool store_reset_find(Store *st, const char *token_hash, int64_t now, WebUser *u);
/* Marks the live link used; false when it was not live (used meanwhile,
 * expired). Inside the transaction that sets the password. */
bool store_reset_consume(Store *st, const char *token_hash, int64_t now);

#endif
