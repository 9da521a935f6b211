/* A chosen password's rule (password.h). */
#include <stddef.h>
#include "core/password.h"
#include "util/i18n.h"
#include "util/text.h"

const char *password_problem(const char *pw) {
    size_t n = pw ? text_chars(pw) : 0;
    if (n < PASSWORD_MIN_CHARS) return _("La contraseña debe tener 10 caracteres o más.");
    if (n > PASSWORD_MAX_CHARS) return _("La contraseña es demasiado larga (hasta 1000 caracteres).");
    return NULL;
}
