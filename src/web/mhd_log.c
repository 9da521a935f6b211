/* libmicrohttpd's messages through pmm's log (issue 15, round 3, F4). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "util/i18n.h"
#include "web/mhd_log.h"

/* How often a repeated client fault is said again, with its count. */
#define MHD_LOG_EVERY_S 60

typedef struct {
    const char *starts;          /* libmicrohttpd 0.9.75's message, its fixed beginning */
    int kind;                    /* a K_ kind, below */
} Known;

enum { K_CLOSED, K_SEND, K_CUT, K_BAD, K_LIMIT, K_HEADERS, K_STOPPED, K__COUNT };

/* The kinds, worded when said (the server's language, set at start). */
static const char *kind_text(int kind) {
    switch (kind) {
    case K_CLOSED: return _("un cliente cerró la conexión o la cortó antes de terminar de enviar su solicitud");
    case K_SEND: return _("no se pudo terminar de enviar una respuesta: el cliente cerró la conexión o dejó "
                          "de leer");
    case K_CUT: return _("se cerró la conexión de una solicitud que pmm cortó (pasó de --request-timeout, o "
                         "el cliente se fue)");
    case K_BAD: return _("una solicitud mal formada se respondió con un error y se cerró su conexión");
    case K_LIMIT: return _("se alcanzó el límite de conexiones abiertas y se rechazó una conexión nueva");
    case K_STOPPED: return _("al detenerse el servidor se cerró una conexión cuya solicitud aún no terminaba de "
                             "llegar");
    default: return _("una solicitud no cupo en la memoria de su conexión (encabezados demasiado grandes)");
    }
}

static const Known known[] = {
    {"Connection was closed by remote side with incomplete request", K_CLOSED},
    {"Socket has been disconnected when reading request", K_CLOSED},
    {"Connection socket is closed when reading request", K_CLOSED},
    {"The connection was forcibly closed by remote peer", K_CLOSED},
    {"Failed to send ", K_SEND},
    {"The socket is no longer available for sending", K_SEND},
    {"Application reported internal error, closing connection", K_CUT},
    {"Closing connection (application", K_CUT},
    {"Error processing request (HTTP response code is", K_BAD},
    {"Received HTTP/1.1 request without `Host' header", K_BAD},
    {"Too large value of 'Content-Length' header", K_BAD},
    {"Failed to parse `Content-Length' header", K_BAD},
    {"Server reached connection limit", K_LIMIT},
    {"Not enough memory in pool", K_HEADERS},
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool stopping;       /* mhd_log_stopping was called */
static long pending[K__COUNT];     /* counted, not yet said, since the last line of their kind */
static time_t said_at[K__COUNT];   /* when that line was written */

static time_t now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1;              /* never 0: said_at's "not yet" */
}

/* The log is in the server's language, not the last client's (a thread
 * of the pool keeps the language of the request it answered). Under lock. */
static void say_kind(int kind, long repeated) {
    const char *lang = i18n_lang();
    i18n_set_thread_lang(NULL);
    if (repeated) fprintf(stderr, _("pmm serve: %s (se repitió %ld en el último minuto)\n"), kind_text(kind),
                          repeated);
    else fprintf(stderr, _("pmm serve: %s\n"), kind_text(kind));
    i18n_set_thread_lang(lang);
}

static void say_other(const char *text) {
    const char *lang = i18n_lang();
    i18n_set_thread_lang(NULL);
    fprintf(stderr, _("pmm serve: aviso de libmicrohttpd: %s\n"), text);
    i18n_set_thread_lang(lang);
}

static int kind_of(const char *msg) {
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strncmp(msg, known[i].starts, strlen(known[i].starts)) == 0) return known[i].kind;
    return -1;
}

void mhd_log(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
    int kind = kind_of(msg);
    /* a stop closes the connections whose request is still arriving: not
     * their clients' doing (issue 15 round 5, F7) */
    if (kind == K_CLOSED && atomic_load(&stopping)) kind = K_STOPPED;
    time_t now = now_s();
    pthread_mutex_lock(&lock);
    if (kind < 0) say_other(msg);
    else if (said_at[kind] && now - said_at[kind] < MHD_LOG_EVERY_S) pending[kind]++;
    else {
        if (pending[kind]) say_kind(kind, pending[kind]);   /* a count the main loop has not said yet */
        pending[kind] = 0;
        said_at[kind] = now;
        say_kind(kind, 0);
    }
    pthread_mutex_unlock(&lock);
}

void mhd_log_flush(int all) {
    time_t now = now_s();
    pthread_mutex_lock(&lock);
    for (int k = 0; k < K__COUNT; k++)
        if (pending[k] && (all || now - said_at[k] >= MHD_LOG_EVERY_S)) {
            say_kind(k, pending[k]);
            pending[k] = 0;
            said_at[k] = now;
        }
    pthread_mutex_unlock(&lock);
}

void mhd_log_stopping(void) { atomic_store(&stopping, true); }
