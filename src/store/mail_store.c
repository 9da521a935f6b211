/* E-mail (issue 11): addresses, the outbox, reminders' and digests'
 * recipients, password reset links. See mail_store.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "store/mail_store.h"
#include "store/store_internal.h"
#include "util/i18n.h"
#include "util/str.h"

static const char *base_url = "http://127.0.0.1:8080";

void mail_store_set_base_url(const char *url) { base_url = url; }
const char *mail_store_base_url(void) { return base_url; }

/* Grows the arena array *V of *N elements of SIZE bytes by one; returns the new slot. */
static void *push(Arena *a, void **v, int *n, int *cap, size_t size) {
    if (*n == *cap) {
        int ncap = *cap ? *cap * 2 : 16;
        void *nv = arena_alloc(a, (size_t)ncap * size);
        if (*n) memcpy(nv, *v, (size_t)*n * size);
        *v = nv;
        *cap = ncap;
    }
    return (char *)*v + (size_t)(*n)++ * size;
}

/* Steps S to the end, calling ROW for each row; finalizes. */
static bool each(Store *st, sqlite3_stmt *s, void (*row)(void *, sqlite3_stmt *), void *ctx) {
    if (!s) return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(ctx, s);
    if (rc != SQLITE_DONE) store_report(st, "mail");
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* ---- addresses ---- */

/* A new address (or none) also withdraws what the old one was sent to
 * hold: the unsent reset mail goes, and so do the unused links, which
 * would let whoever reads the old mailbox set the password. */
static bool set_email_steps(Store *st, const char *username, const char *email) {
    Arena a = {0};
    bool taken = email && store_email_owner(st, username, email, &a);
    arena_free(&a);
    if (taken) return false;   /* callers name the owner (store_email_owner) */
    static const char *const sql[] = {
        "DELETE FROM outbox WHERE sent_at IS NULL AND kind = 'contrasena' AND to_addr = (SELECT email FROM account WHERE username_key = pmm_user_key(?1))",
        "UPDATE password_reset SET used_at = unixepoch() WHERE used_at IS NULL AND user_id = (SELECT id FROM account WHERE username_key = pmm_user_key(?1))",
    };
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        sqlite3_stmt *s = store_prepare(st, "mail", sql[i]);
        if (!s) return false;
        store_bind_text(s, 1, username);
        if (!store_run_once(s)) return false;
    }
    sqlite3_stmt *s = store_prepare(st, "mail", "UPDATE account SET email = ?2 WHERE username_key = pmm_user_key(?1)");
    if (!s) return false;
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, email);
    return store_run_once(s) && sqlite3_changes(st->db) == 1;
}

const char *store_email_owner(Store *st, const char *username, const char *email, Arena *a) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT username FROM account WHERE lower(email) = lower(?2)"
                                                " AND username_key <> pmm_user_key(?1) LIMIT 1");
    if (!s) return NULL;
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, email);
    const char *owner = sqlite3_step(s) == SQLITE_ROW ? store_col_dup(a, s, 0) : NULL;
    sqlite3_finalize(s);
    return owner;
}

bool store_user_set_email(Store *st, const char *username, const char *email) {
    bool own;
    if (!store_atomic_begin(st, &own)) return false;
    return store_atomic_end(st, own, set_email_steps(st, username, email));
}

const char *store_user_email(Store *st, const char *username, Arena *a) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT email FROM account WHERE username = ?1"
                                                " AND email IS NOT NULL");
    if (!s) return NULL;
    store_bind_text(s, 1, username);
    const char *e = sqlite3_step(s) == SQLITE_ROW ? store_col_dup(a, s, 0) : NULL;
    sqlite3_finalize(s);
    return e;
}

bool store_user_for_reset(Store *st, const char *who, WebUser *u, Arena *a, const char **email) {
    *email = NULL;
    /* A name first: an address that is also someone's user name is theirs. */
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT username, email FROM account WHERE disabled = 0"
                                                " AND (username = ?1 COLLATE NOCASE OR email = ?1 COLLATE NOCASE)"
                                                " ORDER BY username = ?1 COLLATE NOCASE DESC, id LIMIT 1");
    if (!s) return false;
    store_bind_text(s, 1, who);
    const char *name = NULL;
    if (sqlite3_step(s) == SQLITE_ROW) {
        name = store_col_dup(a, s, 0);
        if (sqlite3_column_type(s, 1) != SQLITE_NULL) *email = store_col_dup(a, s, 1);
    }
    sqlite3_finalize(s);
    return name && store_user_find(st, name, u, NULL, 0);
}

/* ---- the outbox ---- */

bool store_outbox_add(Store *st, const char *to, const char *subject, const char *body,
                      const char *kind, const char *dedupe, int64_t now, bool *added) {
    sqlite3_stmt *s = store_prepare(st, "mail", "INSERT OR IGNORE INTO outbox(to_addr, subject, body, kind,"
                                                " dedupe, created_at, next_attempt_at)"
                                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    if (!s) return false;
    store_bind_text(s, 1, to);
    store_bind_text(s, 2, subject);
    store_bind_text(s, 3, body);
    store_bind_text(s, 4, kind);
    store_bind_text(s, 5, dedupe);
    sqlite3_bind_int64(s, 6, now);
    bool ok = store_run_once(s);
    if (added) *added = ok && sqlite3_changes(st->db) == 1;
    return ok;
}

typedef struct {
    Store *st;
    Str subject, body;
    bool ok;
} StepMail;

static void step_mail_to(void *p, sqlite3_stmt *s) {
    StepMail *m = p;
    m->ok = m->ok && store_outbox_add(m->st, store_col_text(s, 0), m->subject.p, m->body.p,
                                      "revision", NULL, (int64_t)time(NULL), NULL);
}

/* Subject and body of the mail of action ID moved to TO; false if no such action. */
static bool step_text(Store *st, int64_t id, ActionStatus to, const char *comment, StepMail *m) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT a.folio, a.name, e.name FROM action a"
                                                " JOIN edition e ON e.id = a.edition_id WHERE a.id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        const char *folio = store_col_text(s, 0), *name = store_col_text(s, 1), *ed = store_col_text(s, 2);
        if (to == AS_DEVUELTA) {
            str_printf(&m->subject, _("Acción %s devuelta para corrección"), folio);
            str_printf(&m->body, _("La coordinación devolvió la acción «%s» (folio %s, edición %s) con "
                                   "este comentario:\n\n%s\n\nCorríjala y vuelva a enviarla en %s/acciones/%lld\n"),
                       name, folio, ed, comment ? comment : "", base_url, (long long)id);
        } else {
            str_printf(&m->subject, _("Acción %s validada"), folio);
            str_printf(&m->body, _("La coordinación validó la acción «%s» (folio %s, edición %s).\n\n"
                                   "Puede verla en %s/acciones/%lld\n"),
                       name, folio, ed, base_url, (long long)id);
        }
    }
    sqlite3_finalize(s);
    return found;
}

bool store_outbox_action_step(Store *st, int64_t id, ActionStatus to, const char *comment) {
    if (to != AS_DEVUELTA && to != AS_VALIDADA) return true;
    StepMail m = {.st = st, .subject = STR_INIT, .body = STR_INIT, .ok = true};
    bool ok = step_text(st, id, to, comment, &m);
    if (ok) {
        sqlite3_stmt *s = store_prepare(st, "mail", "SELECT u.email FROM account u JOIN action a"
                                                    " ON a.institution_id = u.institution_id"
                                                    " WHERE a.id = ?1 AND u.role = 'enlace' AND u.disabled = 0"
                                                    " AND u.email IS NOT NULL ORDER BY u.id");
        if (s) sqlite3_bind_int64(s, 1, id);
        ok = each(st, s, step_mail_to, &m) && m.ok;
    }
    str_free(&m.subject);
    str_free(&m.body);
    return ok;
}

#define OUTBOX_COLS "id, to_addr, subject, body, kind, coalesce(last_error, ''), created_at, attempts," \
                    " next_attempt_at, coalesce(sent_at, 0) FROM outbox"

typedef struct {
    Arena *a;
    OutboxMsg *v;
    int n, cap;
} MsgList;

static void msg_row(void *p, sqlite3_stmt *s) {
    MsgList *l = p;
    OutboxMsg *m = push(l->a, (void **)&l->v, &l->n, &l->cap, sizeof *m);
    m->id = sqlite3_column_int64(s, 0);
    m->to = store_col_dup(l->a, s, 1);
    m->subject = store_col_dup(l->a, s, 2);
    m->body = store_col_dup(l->a, s, 3);
    m->kind = store_col_dup(l->a, s, 4);
    m->last_error = store_col_dup(l->a, s, 5);
    m->created_at = sqlite3_column_int64(s, 6);
    m->attempts = sqlite3_column_int64(s, 7);
    m->next_attempt_at = sqlite3_column_int64(s, 8);
    m->sent_at = sqlite3_column_int64(s, 9);
}

bool store_outbox_due(Store *st, int64_t now, int max, Arena *a, OutboxMsg **out, int *n) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT " OUTBOX_COLS " WHERE sent_at IS NULL"
                                                " AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2");
    if (s) {
        sqlite3_bind_int64(s, 1, now);
        sqlite3_bind_int(s, 2, max);
    }
    MsgList l = {.a = a};
    bool ok = each(st, s, msg_row, &l);
    *out = l.v;
    *n = l.n;
    return ok;
}

bool store_outbox_list(Store *st, int limit, Arena *a, OutboxMsg **out, int *n) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT " OUTBOX_COLS " ORDER BY id DESC LIMIT ?1");
    if (s) sqlite3_bind_int(s, 1, limit);
    MsgList l = {.a = a};
    bool ok = each(st, s, msg_row, &l);
    *out = l.v;
    *n = l.n;
    return ok;
}

static bool outbox_update(Store *st, const char *sql, int64_t id, int64_t t, const char *text) {
    sqlite3_stmt *s = store_prepare(st, "mail", sql);
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, t);
    if (text) store_bind_text(s, 3, text);
    return store_run_once(s) && sqlite3_changes(st->db) == 1;
}

bool store_outbox_sent(Store *st, int64_t id, int64_t now) {
    /* A password link is single-use but lives an hour: once sent, its text
     * leaves the table, which otherwise keeps only the link's hash. */
    return outbox_update(st, "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1,"
                             " body = CASE kind WHEN 'contrasena' THEN ?3 ELSE body END WHERE id = ?1",
                         id, now, _("(enlace de un solo uso: se borró al enviarlo)"));
}

bool store_outbox_failed(Store *st, int64_t id, const char *error, int64_t next_at) {
    return outbox_update(st, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2,"
                             " last_error = ?3 WHERE id = ?1 AND sent_at IS NULL", id, next_at, error);
}

/* A message being sent has no last_error and its next attempt at the end
 * of its lease (store_outbox_claim): "retry now" leaves it to its sender. */
bool store_outbox_retry(Store *st, int64_t id, int64_t now) {
    return outbox_update(st, "UPDATE outbox SET next_attempt_at = ?2 WHERE id = ?1 AND sent_at IS NULL"
                             " AND (last_error IS NOT NULL OR next_attempt_at <= ?2)", id, now, NULL);
}

bool store_outbox_claim(Store *st, int64_t id, int64_t now, int64_t until) {
    sqlite3_stmt *s = store_prepare(st, "mail", "UPDATE outbox SET next_attempt_at = ?3, last_error = NULL"
                                                " WHERE id = ?1 AND sent_at IS NULL AND next_attempt_at <= ?2");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, now);
    sqlite3_bind_int64(s, 3, until);
    return store_run_once(s) && sqlite3_changes(st->db) == 1;
}

int store_outbox_retry_all(Store *st, int64_t now) {
    sqlite3_stmt *s = store_prepare(st, "mail", "UPDATE outbox SET next_attempt_at = ?1"
                                                " WHERE sent_at IS NULL AND next_attempt_at > ?1"
                                                " AND last_error IS NOT NULL");   /* not one being sent */
    if (!s) return -1;
    sqlite3_bind_int64(s, 1, now);
    return store_run_once(s) ? sqlite3_changes(st->db) : -1;
}

int store_outbox_unsent(Store *st) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    if (!s) return -1;
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
}

/* ---- reminders and the digest ---- */

typedef struct {
    Arena *a;
    ReminderTarget *v;
    int n, cap;
} TargetList;

static void target_row(void *p, sqlite3_stmt *s) {
    TargetList *l = p;
    ReminderTarget *t = push(l->a, (void **)&l->v, &l->n, &l->cap, sizeof *t);
    t->edition_id = sqlite3_column_int64(s, 0);
    t->edition = store_col_dup(l->a, s, 1);
    t->deadline = store_col_dup(l->a, s, 2);
    t->days_left = sqlite3_column_int(s, 3);
    t->institution_id = sqlite3_column_int64(s, 4);
    t->acronym = store_col_dup(l->a, s, 5);
    t->institution = store_col_dup(l->a, s, 6);
    t->email = store_col_dup(l->a, s, 7);
}

bool store_reminder_targets(Store *st, const char *today, Arena *a, ReminderTarget **out, int *n) {
    sqlite3_stmt *s = store_prepare(
        st, "mail",
        "SELECT e.id, e.name, e.deadline, CAST(julianday(e.deadline) - julianday(?1) AS INTEGER),"
        " i.id, i.acronym, i.name, u.email"
        " FROM edition e JOIN institution i"
        " JOIN account u ON u.institution_id = i.id AND u.role = 'enlace' AND u.disabled = 0"
        "   AND u.email IS NOT NULL"
        " WHERE e.state = 'abierta' AND e.snapshot_of IS NULL AND e.deadline <> ''"
        "   AND julianday(e.deadline) >= julianday(?1)"
        "   AND NOT EXISTS (SELECT 1 FROM action x WHERE x.edition_id = e.id"
        "     AND x.institution_id = i.id AND x.status IN ('enviada', 'validada'))"
        " ORDER BY e.id, i.acronym, u.id");
    if (s) store_bind_text(s, 1, today);
    TargetList l = {.a = a};
    bool ok = each(st, s, target_row, &l);
    *out = l.v;
    *n = l.n;
    return ok;
}

typedef struct {
    Arena *a;
    Submission *v;
    int n, cap;
} SubList;

static void sub_row(void *p, sqlite3_stmt *s) {
    SubList *l = p;
    Submission *x = push(l->a, (void **)&l->v, &l->n, &l->cap, sizeof *x);
    x->at = store_col_dup(l->a, s, 0);
    x->edition = store_col_dup(l->a, s, 1);
    x->folio = store_col_dup(l->a, s, 2);
    x->name = store_col_dup(l->a, s, 3);
    x->institution = store_col_dup(l->a, s, 4);
    x->action_id = sqlite3_column_int64(s, 5);
}

bool store_submissions_on(Store *st, const char *day, Arena *a, Submission **out, int *n) {
    /* Each action once, at its last submission of the day: one submitted,
     * returned and submitted again is one action to review, not two. */
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT max(l.at), e.name, a.folio, a.name, i.acronym, a.id"
                                                " FROM audit_log l JOIN action a ON a.id = l.action_id"
                                                " JOIN edition e ON e.id = a.edition_id"
                                                " JOIN institution i ON i.id = a.institution_id"
                                                " WHERE l.what = 'enviar' AND substr(l.at, 1, 10) = ?1"
                                                " GROUP BY a.id ORDER BY max(l.at), a.id");
    if (s) store_bind_text(s, 1, day);
    SubList l = {.a = a};
    bool ok = each(st, s, sub_row, &l);
    *out = l.v;
    *n = l.n;
    return ok;
}

typedef struct {
    Arena *a;
    const char **v;
    int n, cap;
} AddrList;

static void addr_row(void *p, sqlite3_stmt *s) {
    AddrList *l = p;
    *(const char **)push(l->a, (void **)&l->v, &l->n, &l->cap, sizeof(char *)) = store_col_dup(l->a, s, 0);
}

bool store_coordinator_emails(Store *st, Arena *a, const char ***out, int *n) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT email FROM account WHERE role = 'coordinador'"
                                                " AND disabled = 0 AND email IS NOT NULL ORDER BY id");
    AddrList l = {.a = a};
    bool ok = each(st, s, addr_row, &l);
    *out = l.v;
    *n = l.n;
    return ok;
}

/* ---- a forgotten password ---- */

bool store_reset_add(Store *st, const char *token_hash, int64_t user_id, int64_t now, int64_t expires) {
    sqlite3_stmt *s = store_prepare(st, "mail", "INSERT INTO password_reset(token_hash, user_id, created_at,"
                                                " expires_at) VALUES (?1, ?2, ?3, ?4)");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, user_id);
    sqlite3_bind_int64(s, 3, now);
    sqlite3_bind_int64(s, 4, expires);
    return store_run_once(s);
}

int store_reset_live(Store *st, int64_t user_id, int64_t now) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT count(*) FROM password_reset WHERE user_id = ?1"
                                                " AND used_at IS NULL AND expires_at > ?2");
    if (!s) return 0;
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_int64(s, 2, now);
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return n;
}

bool store_reset_find(Store *st, const char *token_hash, int64_t now, WebUser *u) {
    sqlite3_stmt *s = store_prepare(st, "mail", "SELECT a.username FROM password_reset r"
                                                " JOIN account a ON a.id = r.user_id"
                                                " WHERE r.token_hash = ?1 AND r.used_at IS NULL"
                                                " AND r.expires_at > ?2 AND a.disabled = 0");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    char name[64] = "";
    if (sqlite3_step(s) == SQLITE_ROW) snprintf(name, sizeof name, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    return *name && store_user_find(st, name, u, NULL, 0);
}

bool store_reset_consume(Store *st, const char *token_hash, int64_t now) {
    sqlite3_stmt *s = store_prepare(st, "mail", "UPDATE password_reset SET used_at = ?2 WHERE token_hash = ?1"
                                                " AND used_at IS NULL AND expires_at > ?2");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    return store_run_once(s) && sqlite3_changes(st->db) == 1;
}
