/* The mailer (issue 11): formats the outbox's messages as RFC 5322 and
 * sends them through libcurl's SMTP; queues reminders and the digest; the
 * background thread of pmm serve. See web/mail.h. */
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/store.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "web/mail.h"

/* ---- libcurl, loaded when mail is sent ----
 * Linked, libcurl and the 16 libraries only it needs (Kerberos, LDAP,
 * SSH, RTMP...) were relocated at the start of every pmm command: 8.4 M
 * instructions, 24 % of `pmm --version` (docs/performance.md, round 6).
 * Only the mailer uses it, so it is opened here, once, by its soname
 * (Debian's libcurl4 provides it; pmm's build still needs its headers). */
static struct {
    CURLcode (*global_init)(long);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} cu;

static bool curl_sym(void *h, void *fn, const char *name) {
    void *f = dlsym(h, name);
    memcpy(fn, &f, sizeof f);           /* a data pointer to a function pointer, as POSIX allows */
    return f != NULL;
}

/* Loads libcurl (the first time) and calls its global init; says why on
 * stderr when it cannot. */
bool mail_curl_open(const char *cmd) {
    static void *h;
    if (!h) {
        void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (!lib || !curl_sym(lib, &cu.global_init, "curl_global_init") ||
            !curl_sym(lib, &cu.global_cleanup, "curl_global_cleanup") ||
            !curl_sym(lib, &cu.easy_init, "curl_easy_init") ||
            !curl_sym(lib, &cu.easy_setopt, "curl_easy_setopt") ||
            !curl_sym(lib, &cu.easy_perform, "curl_easy_perform") ||
            !curl_sym(lib, &cu.easy_cleanup, "curl_easy_cleanup") ||
            !curl_sym(lib, &cu.easy_strerror, "curl_easy_strerror") ||
            !curl_sym(lib, &cu.slist_append, "curl_slist_append") ||
            !curl_sym(lib, &cu.slist_free_all, "curl_slist_free_all")) {
            fprintf(stderr, _("pmm %s: no se pudo cargar libcurl, con la que pmm envía el correo "
                              "(Debian: paquete libcurl4): %s\n"), cmd, dlerror());
            if (lib) dlclose(lib);
            return false;
        }
        h = lib;
    }
    if (cu.global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK) return true;
    fprintf(stderr, _("pmm %s: libcurl no pudo iniciarse\n"), cmd);
    return false;
}

void mail_curl_close(void) {
    cu.global_cleanup();
}

/* ---- checks ---- */

static bool local_char_ok(unsigned char c) {
    return c > ' ' && c < 0x7f && !strchr("\"(),:;<>@[\\]", c);
}

static bool domain_ok(const char *d) {
    size_t label = 0;
    bool dot = false;
    for (const char *p = d; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '.') {
            if (label == 0 || p[-1] == '-') return false;
            label = 0;
            dot = true;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   (c == '-' && label > 0)) {
            if (++label > 63) return false;
        } else {
            return false;
        }
    }
    return dot && label > 0 && d[strlen(d) - 1] != '-';
}

bool mail_address_ok(const char *addr) {
    const char *at = addr ? strrchr(addr, '@') : NULL;
    if (!at || at == addr || strlen(addr) > 254 || at - addr > 64) return false;
    for (const char *p = addr; p < at; p++)
        if (!local_char_ok((unsigned char)*p)) return false;
    return addr[0] != '.' && at[-1] != '.' && !strstr(addr, "..") && domain_ok(at + 1);
}

bool mail_parse_remind(MailConfig *mc, const char *list) {
    int v[MAIL_MAX_REMIND], n = 0;
    const char *p = list;
    for (;;) {                                   /* a number, then ',' and another, or the end */
        char *end;
        long d = strtol(p, &end, 10);
        if (end == p || *p == '-' || *p == '+' || *p == ' ' || d < 1 || d > 365 || n == MAIL_MAX_REMIND ||
            (*end && *end != ','))
            return false;
        v[n++] = (int)d;
        if (!*end) break;
        p = end + 1;
    }
    memcpy(mc->remind, v, sizeof v);
    mc->nremind = n;
    return true;
}

bool mail_url_ok(const char *url) {
    return strncmp(url, "smtp://", 7) == 0 || strncmp(url, "smtps://", 8) == 0;
}

int64_t mail_backoff(int base, int64_t attempts) {
    int64_t wait = base;
    for (int64_t i = 1; i < attempts && wait < (int64_t)base * 60; i++) wait *= 2;
    return wait < (int64_t)base * 60 ? wait : (int64_t)base * 60;
}

/* ---- the message ---- */

static void base64(Str *out, const unsigned char *p, size_t n) {
    size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b = xmalloc(cap);
    sodium_bin2base64(b, cap, p, n, sodium_base64_VARIANT_ORIGINAL);
    str_puts(out, b);
    free(b);
}

/* The subject as RFC 2047 encoded-words of at most 39 bytes of text each
 * (64 characters encoded: every line under 76), never splitting a UTF-8
 * character. */
static void encoded_subject(Str *out, const char *s) {
    size_t n = strlen(s), i = 0;
    str_puts(out, "Subject:");
    do {
        size_t k = n - i > 39 ? 39 : n - i;
        while (k > 0 && i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80) k--;
        if (k == 0) k = n - i > 39 ? 39 : n - i;     /* not UTF-8: cut anywhere rather than loop */
        str_puts(out, i ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
        base64(out, (const unsigned char *)s + i, k);
        str_puts(out, "?=");
        i += k;
    } while (i < n);
    str_puts(out, "\r\n");
}

/* RFC 5322 date, in English whatever the locale. */
static void rfc_date(Str *out, time_t now) {
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&now, &tm);
    str_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday], tm.tm_mday,
               months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void mail_format(Str *out, const char *from, const OutboxMsg *m, time_t now) {
    rfc_date(out, now);
    const char *at = strrchr(from, '@');
    str_printf(out, "From: %s\r\nTo: %s\r\n", from, m->to);
    encoded_subject(out, m->subject);
    str_printf(out, "Message-ID: <pmm.%lld.%lld@%s>\r\n", (long long)m->id, (long long)m->created_at,
               at ? at + 1 : "localhost");
    str_puts(out, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\n");
    /* The text in canonical form (CRLF), in base64 lines of 76. */
    Str text = STR_INIT;
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n' && (p == m->body || p[-1] != '\r')) str_putc(&text, '\r');
        str_putc(&text, *p);
    }
    Str b = STR_INIT;
    base64(&b, (const unsigned char *)text.p, text.len);
    for (size_t i = 0; i < b.len; i += 76) {
        str_append(out, b.p + i, b.len - i > 76 ? 76 : b.len - i);
        str_puts(out, "\r\n");
    }
    str_free(&text);
    str_free(&b);
}

/* ---- sending ---- */

static atomic_bool stop_asked;        /* pmm serve is stopping: the worker ends its round */

typedef struct {
    const char *p;
    size_t left;
} Source;

static size_t read_msg(char *buf, size_t size, size_t nitems, void *ud) {
    Source *src = ud;
    size_t n = size * nitems < src->left ? size * nitems : src->left;
    memcpy(buf, src->p, n);
    src->p += n;
    src->left -= n;
    return n;
}

/* One message to one address; on failure ERR says why (libcurl's words). */
static bool smtp_send(const MailConfig *mc, const char *to, const Str *msg, char *err, size_t errcap) {
    /* "?starttls" is pmm's, not libcurl's: it asks for STARTTLS, required. */
    char *url = xstrdup(mc->smtp_url);
    char *q = strstr(url, "?starttls");
    bool starttls = q != NULL;
    if (q) *q = '\0';
    char from[300], rcpt_addr[300], ebuf[CURL_ERROR_SIZE] = "";
    snprintf(from, sizeof from, "<%s>", mc->from);
    snprintf(rcpt_addr, sizeof rcpt_addr, "<%s>", to);
    struct curl_slist *rcpt = cu.slist_append(NULL, rcpt_addr);
    Source src = {msg->p, msg->len};
    CURL *c = cu.easy_init();
    CURLcode rc = CURLE_FAILED_INIT;
    if (c && rcpt) {
        cu.easy_setopt(c, CURLOPT_URL, url);
        cu.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
        cu.easy_setopt(c, CURLOPT_MAIL_FROM, from);
        cu.easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
        cu.easy_setopt(c, CURLOPT_READFUNCTION, read_msg);
        cu.easy_setopt(c, CURLOPT_READDATA, &src);
        cu.easy_setopt(c, CURLOPT_UPLOAD, 1L);
        cu.easy_setopt(c, CURLOPT_USE_SSL, (long)(starttls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
        cu.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        cu.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        cu.easy_setopt(c, CURLOPT_TIMEOUT, 60L);
        cu.easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
        rc = cu.easy_perform(c);
    }
    if (rc != CURLE_OK) snprintf(err, errcap, "%s", *ebuf ? ebuf : cu.easy_strerror(rc));
    if (c) cu.easy_cleanup(c);
    cu.slist_free_all(rcpt);
    free(url);
    return rc == CURLE_OK;
}

/* Records one outcome in its own short transaction. */
static bool record(Store *st, const OutboxMsg *m, bool sent, const char *err, const MailConfig *mc,
                   int64_t now) {
    if (!store_begin(st)) return false;
    bool ok = sent ? store_outbox_sent(st, m->id, now)
                   : store_outbox_failed(st, m->id, err, now + mail_backoff(mc->retry_base, m->attempts + 1));
    if (!ok) {
        store_rollback(st);
        return false;
    }
    return store_commit(st);
}

/* The lease of a message being sent: longer than smtp_send may take
 * (CURLOPT_CONNECTTIMEOUT + CURLOPT_TIMEOUT). */
#define MAIL_LEASE 300

static bool claim(Store *st, const OutboxMsg *m, int64_t now) {
    if (!store_begin(st)) return false;
    if (!store_outbox_claim(st, m->id, now, now + MAIL_LEASE)) {
        store_rollback(st);
        return false;
    }
    return store_commit(st);
}

int mail_send_due(Store *st, const MailConfig *mc, int64_t now) {
    Arena a = {0};
    OutboxMsg *v;
    int n, sent = 0;
    if (!store_outbox_due(st, now, 50, &a, &v, &n)) {
        arena_free(&a);
        return -1;
    }
    for (int i = 0; i < n && !atomic_load(&stop_asked); i++) {
        if (!claim(st, &v[i], (int64_t)time(NULL))) continue;   /* another sender has it */
        Str msg = STR_INIT;
        mail_format(&msg, mc->from, &v[i], time(NULL));
        char err[CURL_ERROR_SIZE + 64];
        bool ok = smtp_send(mc, v[i].to, &msg, err, sizeof err);
        str_free(&msg);
        if (!record(st, &v[i], ok, err, mc, (int64_t)time(NULL))) {
            sent = -1;
            break;
        }
        if (ok) sent++;
    }
    arena_free(&a);
    return sent;
}

/* ---- reminders and the digest ---- */

static bool remind_today(const MailConfig *mc, int days_left) {
    if (days_left == 0) return true;
    for (int i = 0; i < mc->nremind; i++)
        if (mc->remind[i] == days_left) return true;
    return false;
}

static void day_of(int64_t t, char out[16]) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static bool queue_reminder(Store *st, const MailConfig *mc, const ReminderTarget *t, const char *today,
                           int64_t now, Arena *a) {
    Str subj = STR_INIT, body = STR_INIT;
    if (t->days_left == 0)
        str_printf(&subj, _("Recordatorio: hoy vence el plazo de la edición %s"), t->edition);
    else
        str_printf(&subj, _("Recordatorio: el plazo de la edición %s vence el %s"), t->edition, t->deadline);
    str_printf(&body, _("%s (%s) aún no ha enviado acciones a la edición %s de pmm.\n\n"
                        "El plazo vence el %s. Capture y envíe sus acciones en %s/acciones\n"),
               t->institution, t->acronym, t->edition, t->deadline, mc->base_url);
    /* one per edition, institution and day, whatever restarts happen */
    const char *key = arena_printf(a, "recordatorio:%lld:%lld:%s", (long long)t->edition_id,
                                   (long long)t->institution_id, today);
    bool ok = store_outbox_add(st, t->email, subj.p, body.p, "recordatorio", key, now, NULL);
    str_free(&subj);
    str_free(&body);
    return ok;
}

static bool queue_reminders(Store *st, const MailConfig *mc, const char *today, int64_t now, Arena *a) {
    ReminderTarget *t;
    int n;
    if (!store_reminder_targets(st, today, a, &t, &n)) return false;
    for (int i = 0; i < n; i++)
        if (remind_today(mc, t[i].days_left) && !queue_reminder(st, mc, &t[i], today, now, a)) return false;
    return true;
}

/* Today's digest covers yesterday's submissions (UTC), once. */
static bool queue_digest(Store *st, const MailConfig *mc, int64_t now, Arena *a) {
    char yesterday[16];
    day_of(now - 86400, yesterday);
    Submission *sub;
    const char **to;
    int n, nto;
    if (!store_submissions_on(st, yesterday, a, &sub, &n) || !store_coordinator_emails(st, a, &to, &nto))
        return false;
    if (n == 0 || nto == 0) return true;
    Str subj = STR_INIT, body = STR_INIT;
    str_printf(&subj, _("Resumen diario: acciones enviadas el %s (%d)"), yesterday, n);
    str_printf(&body, _("Acciones enviadas a revisión el %s:\n\n"), yesterday);
    for (int i = 0; i < n; i++)
        str_printf(&body, "- %s · %s · %s «%s»\n  %s/acciones/%lld\n", sub[i].edition, sub[i].institution,
                   sub[i].folio, sub[i].name, mc->base_url, (long long)sub[i].action_id);
    const char *key = arena_printf(a, "resumen:%s", yesterday);
    bool ok = true;
    for (int i = 0; ok && i < nto; i++)
        ok = store_outbox_add(st, to[i], subj.p, body.p, "resumen", key, now, NULL);
    str_free(&subj);
    str_free(&body);
    return ok;
}

bool mail_queue_periodic(Store *st, const MailConfig *mc, int64_t now) {
    char today[16];
    day_of(now, today);
    Arena a = {0};
    if (!store_begin(st)) return false;
    bool ok = queue_reminders(st, mc, today, now, &a) && queue_digest(st, mc, now, &a);
    arena_free(&a);
    if (!ok) {
        store_rollback(st);
        return false;
    }
    return store_commit(st);
}

/* ---- the worker ---- */

static pthread_t worker;
static bool running;
static bool poked;                     /* under LOCK: a round is wanted now */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static const MailConfig *config;
static Store *worker_store;

static void *work(void *unused) {
    (void)unused;
    pthread_mutex_lock(&lock);
    while (!stop_asked) {
        pthread_mutex_unlock(&lock);
        int64_t now = (int64_t)time(NULL);
        /* issue 15 (SERVER): a database busy with another process is no
         * fault; the next round tries again */
        store_failure_clear(worker_store);
        if (!mail_queue_periodic(worker_store, config, now) && store_failure(worker_store) != STORE_FAILURE_BUSY)
            fprintf(stderr, _("pmm: correo: no se pudieron preparar recordatorios: %s\n"),
                    store_errmsg(worker_store));
        if (mail_send_due(worker_store, config, now) < 0 && store_failure(worker_store) != STORE_FAILURE_BUSY)
            fprintf(stderr, _("pmm: correo: la bandeja de salida no se pudo leer o escribir: %s\n"),
                    store_errmsg(worker_store));
        pthread_mutex_lock(&lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += config->poll;
        while (!stop_asked && !poked && pthread_cond_timedwait(&wake, &lock, &until) == 0) {
        }
        poked = false;
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

bool mailer_start(const MailConfig *mc, const char *db_path) {
    if (!mc->smtp_url) return true;
    if (!mail_curl_open("serve")) return false;
    Str err = STR_INIT;
    worker_store = store_open(db_path, false, &err);
    if (!worker_store) {
        fprintf(stderr, "pmm: %s\n", err.p ? err.p : "");
        str_free(&err);
        mail_curl_close();
        return false;
    }
    str_free(&err);
    config = mc;
    atomic_store(&stop_asked, false);
    running = pthread_create(&worker, NULL, work, NULL) == 0;
    if (!running) {
        store_close(worker_store);
        worker_store = NULL;
        mail_curl_close();
    }
    return running;
}

void mailer_wake(void) {
    pthread_mutex_lock(&lock);
    poked = true;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
}

void mailer_stop(void) {
    if (!running) return;
    pthread_mutex_lock(&lock);
    atomic_store(&stop_asked, true);
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(worker, NULL);
    running = false;
    store_close(worker_store);
    worker_store = NULL;
    mail_curl_close();
}
