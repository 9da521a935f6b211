/* The edition mark of the capture workbook: template_edition.h. */
#include <string.h>
#include "ingest/import.h"
#include "ingest/template_edition.h"
#include "ingest/xlsxread.h"
#include "util/i18n.h"

void template_edition_formula(const char *edition, Str *out) {
    str_puts(out, "=\"");
    for (const char *p = edition; *p; p++) {
        if (*p == '"') str_putc(out, '"');
        str_putc(out, *p);
    }
    str_putc(out, '"');
}

/* F is an Excel text constant ("2025", maybe with a leading '='): its text
 * into OUT. False for anything else (a reference, a formula). */
static bool text_constant(const char *f, Str *out) {
    if (*f == '=') f++;
    size_t n = strlen(f);
    if (n < 2 || f[0] != '"' || f[n - 1] != '"') return false;
    for (size_t i = 1; i < n - 1; i++) {
        if (f[i] == '"') {
            if (f[i + 1] != '"' || i + 1 == n - 1) return false;
            i++;
        }
        str_putc(out, f[i]);
    }
    return true;
}

bool template_edition_of(const Xlsx *x, Str *edition) {
    str_clear(edition);
    const char *f = xlsx_defined_name(x, TEMPLATE_EDITION_NAME);
    if (!f || text_constant(f, edition)) return true;
    str_clear(edition);
    return false;
}

bool xlsx_template_edition(const char *path, const char *name, Str *edition, DiagList *diags) {
    str_clear(edition);
    /* issue 14: an .xls or .ods is told as such, with what to do */
    if (!import_format_readable(path, name, diags)) return false;
    Xlsx *x = xlsx_open(path, name, diags);
    if (!x) return false;
    bool ok = template_edition_of(x, edition);
    if (!ok) {
        diag_add(diags, name, 0, NULL, NULL,
                 _("el nombre definido %s, que dice de qué edición es la plantilla, ya no es un texto "
                   "entre comillas: devuélvalo a como lo escribió pmm o descargue la plantilla de nuevo"),
                 TEMPLATE_EDITION_NAME);
    }
    xlsx_close(x);
    return ok;
}
