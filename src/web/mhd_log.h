#ifndef PMM_WEB_MHD_LOG_H
#define PMM_WEB_MHD_LOG_H
#include <stdarg.h>

/* libmicrohttpd's messages in pmm's log (issue 15, round 3, F4): given to
 * MHD_OPTION_EXTERNAL_LOGGER. The ones a client causes (a connection
 * closed mid-request, a response it stopped reading, a malformed request)
 * are said in the server's language, the first of each kind at once and
 * the rest counted and said once a minute; any other is said at once,
 * with libmicrohttpd's own text after pmm's words. */
void mhd_log(void *cls, const char *fmt, va_list ap);

/* Says the counts of the repeated client faults whose minute has passed
 * (ALL: every count, at a stop). Called from the server's main loop. */
void mhd_log_flush(int all);

/* The server is stopping: a connection closed while its request was still
 * arriving is said as closed by the stop, not by its client. */
void mhd_log_stopping(void);

#endif
