#ifndef PMM_I18N_H
#define PMM_I18N_H
/* Messages are written in Spanish (es-MX), the users' first language, and
 * marked with _() so that gettext catalogs can translate them. */
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)
void i18n_init(void);
/* "es" or "en": the language in force for messages. */
const char *i18n_lang(void);
#endif
