#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/i18n.h"

#ifndef PMM_LOCALEDIR
#define PMM_LOCALEDIR "/usr/local/share/locale"
#endif

static const char *current = "es";

/* The first of PMM_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set
 * decides; English when it starts with "en", Spanish otherwise. */
static const char *pick_language(void) {
    const char *vars[] = {"PMM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v && strcmp(v, "C") != 0 && strcmp(v, "POSIX") != 0 && strncmp(v, "C.", 2) != 0)
            return strncmp(v, "en", 2) == 0 ? "en" : "es";
    }
    return "es";
}

/* Catalogs next to an uninstalled binary (build/src/pmm -> build/po), or
 * the installed ones. */
static const char *locale_dir(void) {
    static char dir[4096];
    const char *env = getenv("PMM_LOCALEDIR");
    if (env && *env) return env;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 32);
    if (n > 0) {
        dir[n] = '\0';
        char *slash = strrchr(dir, '/');
        if (slash) {
            strcpy(slash, "/../po/en/LC_MESSAGES/pmm.mo");
            if (access(dir, R_OK) == 0) {
                strcpy(slash, "/../po");
                return dir;
            }
        }
    }
    return PMM_LOCALEDIR;
}

/* Spanish is the source language; English comes from the gettext catalog
 * when LANGUAGE/LC_ALL/LC_MESSAGES/LANG ask for it. */
void i18n_init(void) {
    /* A LANG naming a locale the machine lacks (en_US.UTF-8 on a fresh
     * Debian) would make gettext ignore LANGUAGE: fall back to C.UTF-8. */
    const char *lang = pick_language();
    if (!setlocale(LC_ALL, "")) {
        setenv("LC_ALL", "C.UTF-8", 1);
        setlocale(LC_ALL, "C.UTF-8");
    }
    setlocale(LC_NUMERIC, "C");        /* numbers in files and JSON stay "1.5" */
    current = lang;
    /* glibc honours LANGUAGE even in the C locale, which is all a fresh
     * machine has; so English is asked for through it. */
    if (strcmp(lang, "en") == 0) setenv("LANGUAGE", "en", 1);
    else setenv("LANGUAGE", "es", 1);
    bindtextdomain("pmm", locale_dir());
    bind_textdomain_codeset("pmm", "UTF-8");
    textdomain("pmm");
}

const char *i18n_lang(void) { return current; }
