#ifndef PMM_I18N_H
#define PMM_I18N_H
/* Messages are written in Spanish (es-MX), the users' first language, and
 * marked with _() so that gettext catalogs can translate them. */
#include <libintl.h>
/* i18n_text: gettext, or the language one request asked for (issue 14). */
#define _(s) i18n_text(s)
#define N_(s) (s)
void i18n_init(void);
/* "es" or "en": the language in force for messages (this thread's
 * request's, when it chose one; else the process's). */
const char *i18n_lang(void);
/* ---- a request's own language (issue 14, the API) ----
 * The language an Accept-Language header asks for first among those pmm
 * speaks ("es" or "en"), or NULL when it names neither (or is NULL). */
const char *i18n_accept(const char *accept_language);
/* Makes LANG ("es", "en", or NULL: the process's) the language of this
 * thread's messages until the next call: a server thread sets it for
 * one request and clears it after. */
void i18n_set_thread_lang(const char *lang);
/* MSGID in this thread's language (gettext when none was set). */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));
/* MSGID in LANG ("es" or "en"), whatever this thread's language: for a
 * document written in a language of its own (pmm report --lang). */
const char *i18n_text_in(const char *lang, const char *msgid) __attribute__((format_arg(2)));
#endif
