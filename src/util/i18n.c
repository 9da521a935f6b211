#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include "util/i18n.h"

#ifndef PMM_LOCALEDIR
#define PMM_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *current = "es";

/* Spanish is the source language; English comes from the gettext catalog
 * when LANGUAGE/LC_ALL/LC_MESSAGES/LANG ask for it. */
void i18n_init(void) {
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");        /* numbers in files and JSON stay "1.5" */
    bindtextdomain("pmm", PMM_LOCALEDIR);
    bind_textdomain_codeset("pmm", "UTF-8");
    textdomain("pmm");
    const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) {
            current = strncmp(v, "en", 2) == 0 ? "en" : "es";
            break;
        }
    }
}

const char *i18n_lang(void) { return current; }
