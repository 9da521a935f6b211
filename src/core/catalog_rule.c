/* Rules of a catalog entry: see catalog_rule.h. */
#include "core/catalog_rule.h"
#include "util/i18n.h"

const char *rtype_subnational_rule(Arena *a, bool subnational, bool society, const char *other_code,
                                   const char *other_name, const char **field) {
    *field = NULL;
    if (!subnational) return NULL;
    if (society) {
        *field = "sociedad";
        return _("el tipo subnacional agrupa a los gobiernos de las unidades, que son organismos públicos: no "
                 "puede ser a la vez de la sociedad");
    }
    if (!other_code) return NULL;
    *field = "subnacional";
    return arena_printf(a, _("ya es subnacional el tipo «%s» (%s): solo uno puede serlo; márquelo antes como no "
                             "subnacional"), other_code, other_name);
}

const char *inst_acronym_rule(const char *acronym) {
    if (!acronym || !*acronym) return NULL;
    for (const char *p = acronym; *p; p++)
        if (*p < '0' || *p > '9') return NULL;
    return _("son solo cifras, y un número en un filtro es el identificador de una institución: "
             "añada al menos una letra");
}
