/* The administrator edits the reference catalogs (/admin/catalogos):
 * institutions, challenge categories (the glossary), action types,
 * populations, the objectives' titles, reporter types and states.
 *
 * Codes other tables, files and published figures use (a reporter type's
 * or a population's code, a state's INEGI code, an objective's number) are
 * never changed; names are. An entry is deleted only when nothing refers to
 * it; otherwise the page says so and suggests renaming it. Every change is
 * written with its audit record in one transaction, then every server
 * thread reloads its copy of the catalogs (layout.c) and cached pages go. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/catalog_rule.h"   /* issue 16: the one subnational type */
#include "core/figures.h"
#include "store/catalog_edit_store.h"
#include "store/pack_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/web.h"

enum { F_TEXT, F_AREA, F_RTYPE, F_STATE, F_PARENT, F_CHOICE };

typedef struct {
    const char *name;            /* form field, and key in the audit record */
    const char *label;
    int type;
    int max;                     /* bytes */
    bool required;
    bool fixed;                  /* given when the entry is added, never changed */
    bool is_name;                /* imports match it: may not name another entry */
    const char *choices;         /* F_CHOICE: the values, ';'-separated (choice_label names each) */
    bool keep_absent;            /* added since: an edit form of before, without it, keeps the stored value */
} Field;

typedef struct {
    const char *slug;            /* in the URL */
    CatEditKind kind;
    int names;                   /* CatalogKind of its names, or -1 */
    const char *title, *hint;
    bool can_add, can_delete;
    int max_entries;             /* what the figures have room for; 0: no limit */
    int nfields;
    Field f[CE_MAX_FIELDS];
} Spec;

#define MAX_ALIASES 32
#define ALIAS_MAX 200

static const Spec specs[] = {
    {"instituciones", CE_INSTITUTION, CAT_INSTITUTION, N_("Instancias"),
     N_("Las instancias que reportan acciones. Las siglas y los otros nombres son los que se "
        "aceptan al importar."),
     true, true, 0, 5,
     {{"siglas", N_("Siglas"), F_TEXT, 40, true, false, true, NULL, false},
      {"nombre", N_("Nombre"), F_TEXT, 300, true, false, true, NULL, false},
      {"tipo", N_("Tipo de instancia"), F_RTYPE, 0, true, false, false, NULL, false},
      {"entidad", N_("Unidad subnacional (de un gobierno de ese nivel)"), F_STATE, 0, false, false, false, NULL, false},
      {"dependencia", N_("Depende de"), F_PARENT, 0, false, false, false, NULL, false}}},
    {"categorias", CE_CATEGORY, CAT_CATEGORY, N_("Categorías de retos (glosario)"),
     N_("Las categorías con que se clasifican los retos; la definición es la que publica el glosario."),
     true, true, FIG_MAX_CATS, 4,
     {{"nombre", N_("Nombre"), F_TEXT, 150, true, false, true, NULL, false},
      {"nombre_en", N_("Nombre en inglés"), F_TEXT, 150, true, false, true, NULL, false},
      {"definicion", N_("Definición"), F_AREA, 4000, true, false, false, NULL, false},
      /* empty: the English Informe gives the Spanish one, marked as Spanish */
      {"definicion_en", N_("Definición en inglés"), F_AREA, 4000, false, false, false, NULL, false}}},
    {"tipos-accion", CE_ACTION_TYPE, CAT_ACTION_TYPE, N_("Tipos de acción"),
     N_("Qué clase de acción es (capacitación, servicios de salud, ...)."),
     true, true, 0, 2,
     {{"nombre", N_("Nombre"), F_TEXT, 150, true, false, true, NULL, false},
      {"nombre_en", N_("Nombre en inglés"), F_TEXT, 150, true, false, true, NULL, false}}},
    {"poblaciones", CE_POPULATION, CAT_POPULATION, N_("Poblaciones atendidas"),
     N_("A quién atiende la acción. La clave se usa en los archivos y en la API y no cambia."),
     true, true, FIG_MAX_POPS, 3,
     {{"clave", N_("Clave (minúsculas, cifras y _)"), F_TEXT, 32, true, true, true, NULL, false},
      {"nombre", N_("Nombre"), F_TEXT, 150, true, false, true, NULL, false},
      {"nombre_en", N_("Nombre en inglés"), F_TEXT, 150, true, false, false, NULL, false}}},
    {"objetivos", CE_OBJECTIVE, -1, N_("Objetivos del Pacto"),
     N_("Los 23 objetivos del Pacto; se cambian sus títulos, no su número. El título corto es el "
        "que llevan las gráficas del Informe (vacío: el título completo)."),
     false, false, 0, 4,
     {{"titulo_es", N_("Título en español"), F_TEXT, 400, true, false, false, NULL, false},
      {"titulo_en", N_("Título en inglés"), F_TEXT, 400, true, false, false, NULL, false},
      {"titulo_corto_es", N_("Título corto en español"), F_TEXT, 60, false, false, false, NULL, false},
      {"titulo_corto_en", N_("Título corto en inglés"), F_TEXT, 60, false, false, false, NULL, false}}},
    {"tipos-instancia", CE_REPORTER_TYPE, -1, N_("Tipos de instancia"),
     N_("Los tipos de instancia con que se desglosan las cifras; la clave no cambia. El género y el "
        "número del nombre dan su artículo en el Informe («el Organismo Ejecutivo», «las entidades "
        "autónomas»)."),
     true, true, FIG_MAX_TYPES, 12,
     {{"clave", N_("Clave"), F_TEXT, 16, true, true, false, NULL, false},
      {"nombre", N_("Nombre"), F_TEXT, 150, true, false, false, NULL, false},
      {"nombre_en", N_("Nombre en inglés"), F_TEXT, 150, true, false, false, NULL, false},
      {"genero", N_("Género del nombre"), F_CHOICE, 0, true, false, false, "f;m", true},
      {"numero", N_("Número del nombre"), F_CHOICE, 0, true, false, false, "sg;pl", true},
      /* issue 16: the pack's columns of reporter_types.csv (docs/packs.md) */
      {"subnacional", N_("Sus instancias son los gobiernos de las unidades subnacionales (un solo tipo)"),
       F_CHOICE, 0, true, false, false, "0;1", true},
      {"instancia_es", N_("Una instancia del tipo, en español (p. ej. «gobernación departamental»)"), F_TEXT,
       150, false, false, false, NULL, true},
      {"instancias_es", N_("Varias instancias del tipo, en español (p. ej. «gobernaciones departamentales»)"),
       F_TEXT, 150, false, false, false, NULL, true},
      {"instancia_en", N_("Una instancia del tipo, en inglés"), F_TEXT, 150, false, false, false, NULL, true},
      {"instancias_en", N_("Varias instancias del tipo, en inglés"), F_TEXT, 150, false, false, false, NULL,
       true},
      /* issue 16 (hostile fault 9): the pack's column «sociedad»; as in the
       * pack, left empty it is 0 (docs/packs.md) */
      {"sociedad", N_("Sus instancias no son organismos públicos (sociedad civil, academia, sector privado: el "
                      "«Enfoque pansocial» del examen voluntario)"),
       F_CHOICE, 0, false, false, false, "0;1", true},
      /* issue 16 (hostile fault 18): the pack's column «nombre_propio» */
      {"nombre_propio", N_("El nombre es un nombre propio: conserva sus mayúsculas en el Informe aunque esté en "
                           "plural («las Fuerzas Armadas»; si no, «las municipalidades»)"),
       F_CHOICE, 0, false, false, false, "0;1", true}}},
    {"entidades", CE_STATE, CAT_STATE, N_("Unidades subnacionales"),
     N_("Las unidades subnacionales del país, tantas como tenga; la clave (de hasta cinco caracteres) "
        "no cambia."),
     true, true, 0, 4,
     {{"clave", N_("Clave"), F_TEXT, 5, true, true, false, NULL, false},
      {"nombre", N_("Nombre"), F_TEXT, 100, true, false, true, NULL, false},
      {"abreviatura", N_("Abreviatura"), F_TEXT, 16, true, false, true, NULL, false},
      {"nombre_en", N_("Nombre en inglés"), F_TEXT, 100, true, false, false, NULL, false}}},
    {"principios", CE_PRINCIPLE, CAT_PRINCIPLE, N_("Principios rectores del Pacto"),
     N_("Los 10 principios rectores del Pacto (párrafo 15); se cambian sus nombres y descripciones, "
        "no su número. Los nombres y los otros nombres son los que se aceptan al importar."),
     false, false, 0, 4,
     {{"nombre", N_("Nombre"), F_TEXT, 150, true, false, true, NULL, false},
      {"nombre_en", N_("Nombre en inglés"), F_TEXT, 150, true, false, true, NULL, false},
      {"descripcion", N_("Descripción"), F_AREA, 4000, true, false, false, NULL, false},
      {"descripcion_en", N_("Descripción en inglés"), F_AREA, 4000, true, false, false, NULL, false}}},
};
#define NSPECS ((int)(sizeof specs / sizeof *specs))

const char *web_pack_word(Req *r, int which, bool capital) {
    Pack p;
    if (!store_pack(r->st, &r->a, &p)) return "";
    const char *const *pair = which == WP_COUNTRY ? p.country : which == WP_UNIT ? p.unit_sg : p.unit_pl;
    const char *w = pair[strcmp(i18n_lang(), "en") == 0 ? 1 : 0];
    if (!w || !*w) return "";
    char *c = arena_strdup(&r->a, w);
    if (capital && c[0] >= 'a' && c[0] <= 'z') c[0] = (char)(c[0] - 'a' + 'A');
    return c;
}

/* The title of SP's pages: the subnational units as the country's pack
 * names them ("Departamentos"), the others as written here. */
static const char *spec_title(Req *r, const Spec *sp) {
    const char *w = sp->kind == CE_STATE ? web_pack_word(r, WP_UNITS, true) : "";
    return *w ? w : _(sp->title);
}

static const Spec *spec_for(const char *slug) {
    for (int i = 0; i < NSPECS; i++)
        if (strcmp(specs[i].slug, slug) == 0) return &specs[i];
    return NULL;
}

static bool has_aliases(const Spec *sp) { return store_catedit_alias_kind(sp->kind) != NULL; }

/* As /admin: the public is sent to log in, other roles are refused. */
static bool admin_only(Req *r) {
    r->no_cache = true;
    if (has_role(r, ROLE_ADMINISTRADOR)) return true;
    if (!r->logged && strcmp(r->method, "GET") == 0) auth_login_redirect(r);
    else page_error(r, 403, _("Solo un administrador puede hacer esto."));
    return false;
}

/* The spec named in the URL, or a 404. */
static const Spec *spec_arg(Req *r) {
    const Spec *sp = spec_for(r->args[0]);
    if (!sp) page_error(r, 404, _("No existe ese catálogo."));
    return sp;
}

/* The catalog's entries, and the one the URL names (NULL after a 404). */
static CatRecord *entry_arg(Req *r, const Spec *sp, CatRecord **all, int *n) {
    if (!store_catedit_list(r->st, sp->kind, &r->a, all, n)) {
        page_error(r, 500, _("No se pudo leer el catálogo."));
        return NULL;
    }
    char *end;
    long long id = strtoll(r->args[1], &end, 10);
    if (*end || r->args[1][0] < '1' || r->args[1][0] > '9') id = 0;     /* digits only, no sign */
    for (int i = 0; id > 0 && i < *n; i++)
        if ((*all)[i].id == id) return &(*all)[i];
    page_error(r, 404, _("No existe esa entrada del catálogo."));
    return NULL;
}

/* ---- showing ---- */

/* What refers to the entry, as "12 acciones · 2 cuentas"; "" when nothing. */
static const char *uses_text(Req *r, const Spec *sp, const CatRecord *e) {
    Str s = STR_INIT;
    if (e->actions) str_printf(&s, "%s: %ld", _("acciones"), e->actions);
    if (e->challenges) str_printf(&s, "%s%s: %ld", s.len ? " · " : "", _("retos"), e->challenges);
    if (e->accounts) str_printf(&s, "%s%s: %ld", s.len ? " · " : "", _("cuentas"), e->accounts);
    if (e->children)
        str_printf(&s, "%s%s: %ld", s.len ? " · " : "",
                   sp->kind == CE_INSTITUTION ? _("instancias que dependen de ella") : _("instancias"), e->children);
    /* issue 16 (hostile fault 13): a published revision's copies are not
     * counted among the actions above, but the revisions are named apart */
    if (e->revisions)
        str_printf(&s, "%s%s: %ld", s.len ? " · " : "", _("revisiones publicadas que la usan"), e->revisions);
    char *out = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return out;
}

static bool in_use(const CatRecord *e) {
    return e->actions || e->challenges || e->accounts || e->children || e->revisions;
}

static const char *choice_label(const char *v);
static const char *entry_stamp(Req *r, const Spec *sp, const CatRecord *e);

/* A field's value as a list shows it. */
static const char *shown(const Field *f, const char *v) {
    if (f->type == F_CHOICE) return choice_label(v);
    if (f->type == F_STATE) {
        const CatEntry *e = cat_by_code(WC_STATE, v);
        return e ? e->name : v;
    }
    if (f->type == F_PARENT) {
        const CatEntry *e = *v ? cat_by_id(WC_INSTITUTION, atoll(v)) : NULL;
        return e ? e->code : v;
    }
    return v;
}

static void audit_row(void *ctx, const AuditEntry *e) {
    Req *r = ctx;
    str_puts(&r->out, "<tr><td>");
    web_time(r, e->at);              /* issue 14: the installation's time zone */
    str_html(&r->out, "</td><td>%s</td><td>%s</td><td><details><summary>%s</summary>"
                      "<pre>%s</pre><pre>%s</pre></details></td></tr>",
             e->username, e->what, _("valores antes y después"), e->before, e->after);
}

void page_catalogs(Req *r) {
    if (!admin_only(r)) return;
    page_begin(r, _("Catálogos"));
    str_html(&r->out, "<p><a href=\"/admin\">%s</a></p><p class=\"lead\">%s</p>"
                      "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                      "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
             _("Volver a la administración"),
             _("Los catálogos con que se clasifican y publican las acciones. Un cambio se ve de "
               "inmediato en la plataforma, en las importaciones y en los informes."),
             _("Catálogo"), _("Entradas"), _("En uso"));
    for (int i = 0; i < NSPECS; i++) {
        CatRecord *all;
        int n, used = 0;
        if (!store_catedit_list(r->st, specs[i].kind, &r->a, &all, &n)) {
            page_error(r, 500, _("No se pudo leer el catálogo."));
            return;
        }
        for (int k = 0; k < n; k++) used += in_use(&all[k]);
        str_html(&r->out, "<tr><td><a href=\"/admin/catalogos/%s\">%s</a></td><td class=\"num\" id=\"n-%s\">%d</td>"
                          "<td class=\"num\">%d</td></tr>",
                 specs[i].slug, spec_title(r, &specs[i]), specs[i].slug, n, used);
    }
    str_html(&r->out, "</tbody></table><h2>%s</h2><table class=\"list audit\"><thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Cambios recientes"), _("Fecha"), _("Usuario"), _("Cambio"), _("Detalle"));
    store_catedit_audit(r->st, 50, audit_row, r);
    str_html(&r->out, "</tbody></table>");
    page_end(r);
}

void page_catalog(Req *r) {
    if (!admin_only(r)) return;
    const Spec *sp = spec_arg(r);
    if (!sp) return;
    CatRecord *all;
    int n;
    if (!store_catedit_list(r->st, sp->kind, &r->a, &all, &n)) {
        page_error(r, 500, _("No se pudo leer el catálogo."));
        return;
    }
    page_begin(r, spec_title(r, sp));
    str_html(&r->out, "<p><a href=\"/admin/catalogos\">%s</a></p><p class=\"lead\">%s</p>", _("Todos los catálogos"),
             _(sp->hint));
    if (sp->can_add)
        str_html(&r->out, "<p><a class=\"button\" href=\"/admin/catalogos/%s/nueva\">%s</a></p>", sp->slug,
                 _("Añadir una entrada"));
    str_html(&r->out, "<div class=\"scroll\"><table class=\"list\"><thead><tr>");
    if (sp->kind == CE_OBJECTIVE) str_html(&r->out, "<th scope=\"col\">%s</th>", _("Número"));
    for (int i = 0; i < sp->nfields; i++)
        if (sp->f[i].type != F_AREA) str_html(&r->out, "<th scope=\"col\">%s</th>", _(sp->f[i].label));
    if (has_aliases(sp)) str_html(&r->out, "<th scope=\"col\">%s</th>", _("Otros nombres"));
    str_html(&r->out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>", _("Uso"),
             _("Editar"));
    for (int k = 0; k < n; k++) {
        const CatRecord *e = &all[k];
        str_html(&r->out, "<tr id=\"e-%lld\">", (long long)e->id);
        if (sp->kind == CE_OBJECTIVE) str_html(&r->out, "<td>%lld</td>", (long long)e->id);
        for (int i = 0; i < sp->nfields; i++)
            if (sp->f[i].type != F_AREA) str_html(&r->out, "<td>%s</td>", shown(&sp->f[i], e->v[i]));
        if (has_aliases(sp)) str_html(&r->out, "<td>%s</td>", e->aliases);
        str_html(&r->out, "<td>%s</td><td><a href=\"/admin/catalogos/%s/%lld\">%s<span class=\"sr\"> %s</span></a></td></tr>",
                 uses_text(r, sp, e), sp->slug, (long long)e->id, _("Editar"), e->v[0]);
    }
    str_html(&r->out, "</tbody></table></div>");
    page_end(r);
}

/* ---- the form ---- */

/* The words of an F_CHOICE value, for the form. */
static const char *choice_label(const char *v) {
    static const char *const labels[][2] = {{"f", N_("femenino")}, {"m", N_("masculino")},
                                            {"sg", N_("singular")}, {"pl", N_("plural")},
                                            {"0", N_("no")}, {"1", N_("sí")}};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(labels[i][0], v) == 0) return _(labels[i][1]);
    return v;
}

static void choice_field(Req *r, const Field *f, const char *v, const FieldErrors *fs) {
    Str *o = &r->out;
    str_html(o, "<select id=\"c-%s\" name=\"%s\"", f->name, f->name);
    invalid_attrs(o, fs, f->name);
    str_puts(o, ">");
    char *buf = arena_strdup(&r->a, f->choices);
    for (char *save = NULL, *c = strtok_r(buf, ";", &save); c; c = strtok_r(NULL, ";", &save))
        str_html(o, "<option value=\"%s\"%s>%s</option>", c, strcmp(c, v) == 0 ? " selected" : "", choice_label(c));
    str_html(o, "</select>");
}

static void select_field(Req *r, const Field *f, const char *v, const CatRecord *self, const FieldErrors *fs) {
    Str *o = &r->out;
    if (f->type == F_CHOICE) {
        choice_field(r, f, v, fs);
        return;
    }
    str_html(o, "<select id=\"c-%s\" name=\"%s\"", f->name, f->name);
    invalid_attrs(o, fs, f->name);
    str_puts(o, ">");
    if (!f->required) str_html(o, "<option value=\"\">%s</option>", _("(ninguna)"));
    WebCatalog w = f->type == F_RTYPE ? WC_REPORTER_TYPE : f->type == F_STATE ? WC_STATE : WC_INSTITUTION;
    const CatList *l = cat_list(w);
    for (int i = 0; i < l->n; i++) {
        const CatEntry *e = &l->v[i];
        if (f->type == F_PARENT && self && e->id == self->id) continue;
        const char *value = f->type == F_PARENT ? arena_printf(&r->a, "%lld", (long long)e->id) : e->code;
        str_html(o, "<option value=\"%s\"%s>%s — %s</option>", value, strcmp(value, v) == 0 ? " selected" : "",
                 e->code, e->name);
    }
    str_html(o, "</select>");
}

/* The form for E (SELF is the stored entry, NULL when adding); ALIASES as typed. */
static void entry_form(Req *r, const Spec *sp, const CatRecord *e, const CatRecord *self, const char *aliases,
                       const FieldErrors *fs) {
    Str *o = &r->out;
    if (fs->n)
        str_html(o, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>",
                 _("No se guardó: corrija los campos señalados."));
    const char *url = self ? arena_printf(&r->a, "/admin/catalogos/%s/%lld", sp->slug, (long long)self->id)
                           : arena_printf(&r->a, "/admin/catalogos/%s/nueva", sp->slug);
    str_html(o, "<form method=\"post\" action=\"%s\" class=\"catalog-form\" novalidate>", url);
    csrf_field(r);
    if (self) str_html(o, "<input type=\"hidden\" name=\"antes\" value=\"%s\">", entry_stamp(r, sp, self));
    for (int i = 0; i < sp->nfields; i++) {
        const Field *f = &sp->f[i];
        if (f->fixed && self) {
            str_html(o, "<p>%s: <strong>%s</strong></p>", _(f->label), e->v[i]);
            continue;
        }
        str_html(o, "<p><label for=\"c-%s\">%s%s</label>", f->name, _(f->label),
                 f->required ? _(" (obligatorio)") : "");
        if (f->type == F_TEXT) {
            str_html(o, "<input id=\"c-%s\" name=\"%s\" maxlength=\"%d\" value=\"%s\"", f->name, f->name, f->max,
                     e->v[i] ? e->v[i] : "");
            invalid_attrs(o, fs, f->name);
            str_puts(o, ">");
        } else if (f->type == F_AREA) {
            str_html(o, "<textarea id=\"c-%s\" name=\"%s\" rows=\"6\"", f->name, f->name);
            invalid_attrs(o, fs, f->name);
            str_html(o, ">%s</textarea>", e->v[i] ? e->v[i] : "");
        } else
            select_field(r, f, e->v[i] ? e->v[i] : "", self, fs);
        field_error(r, fs, f->name);
        str_html(o, "</p>");
    }
    if (has_aliases(sp)) {
        str_html(o, "<p><label for=\"c-alias\">%s</label><span class=\"hint\" id=\"hint-alias\">%s</span>"
                    "<textarea id=\"c-alias\" name=\"alias\" rows=\"3\" aria-describedby=\"hint-alias\"%s>%s</textarea>",
                 _("Otros nombres"),
                 _("Separados por punto y coma o en renglones distintos: las otras formas en que se escribe "
                   "(se aceptan al importar)."),
                 error_for(fs, "alias") ? " aria-invalid=true" : "", aliases ? aliases : "");
        field_error(r, fs, "alias");
        str_html(o, "</p>");
    }
    str_html(o, "<p><button type=\"submit\">%s</button> <a href=\"/admin/catalogos/%s\">%s</a></p></form>",
             _("Guardar"), sp->slug, _("Cancelar"));
}

/* ---- reading and checking what was posted ---- */

/* The value of field F as posted: trimmed, checked; errors go to FS. */
static const char *read_field(Req *r, const Field *f, FieldErrors *fs) {
    const char *raw = req_form(r, f->name);
    char *v = text_trim(arena_strdup(&r->a, raw ? raw : ""));
    size_t len = strlen(v);
    if (!text_valid_utf8(v, len)) {
        form_error(fs, f->name, _("El texto no es UTF-8 válido."));
        return "";
    }
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 && !(f->type == F_AREA && (*p == '\n' || *p == '\r' || *p == '\t'))) {
            form_error(fs, f->name, _("El texto lleva caracteres de control."));
            break;
        }
    if (f->required && !*v) form_error(fs, f->name, _("Este dato es obligatorio."));
    else if (f->max && (int)len > f->max)
        form_error(fs, f->name, arena_printf(&r->a, _("A lo más %d caracteres."), f->max));
    return v;
}

/* Splits the posted aliases at ';' and line ends; empty ones and repeats go. */
static int read_aliases(Req *r, const char **out, FieldErrors *fs) {
    const char *raw = req_form(r, "alias");
    char *buf = arena_strdup(&r->a, raw ? raw : "");
    if (!text_valid_utf8(buf, strlen(buf))) {
        form_error(fs, "alias", _("El texto no es UTF-8 válido."));
        return 0;
    }
    int n = 0;
    for (char *save = NULL, *p = strtok_r(buf, ";\r\n", &save); p; p = strtok_r(NULL, ";\r\n", &save)) {
        char *a = text_trim(p);
        if (!*a) continue;
        bool seen = false;
        for (int i = 0; i < n && !seen; i++) seen = strcmp(out[i], a) == 0;
        if (seen) continue;
        if (strlen(a) > ALIAS_MAX) form_error(fs, "alias", arena_printf(&r->a, _("Cada nombre tiene a lo más %d caracteres."), ALIAS_MAX));
        else if (n == MAX_ALIASES) form_error(fs, "alias", arena_printf(&r->a, _("A lo más %d nombres."), MAX_ALIASES));
        else out[n++] = a;
    }
    return n;
}

static const char *join_aliases(Req *r, const char *const *v, int n) {
    Str s = STR_INIT;
    for (int i = 0; i < n; i++) {
        if (i) str_puts(&s, "; ");
        str_puts(&s, v[i]);
    }
    char *out = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return out;
}

static bool valid_code(const char *s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return false;
    return true;
}

/* Every name of the catalog, folded as imports fold them. */
typedef struct {
    Arena *a;
    int64_t *id;
    const char **folded, **name;
    bool *primary;
    int n, cap;
} Names;

static void names_add(void *ctx, int64_t id, const char *name, bool primary) {
    Names *m = ctx;
    if (!text_valid_utf8(name, strlen(name))) return;
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 256;
        int64_t *id2 = arena_alloc(m->a, sizeof *id2 * (size_t)cap);
        const char **f2 = arena_alloc(m->a, sizeof *f2 * (size_t)cap), **n2 = arena_alloc(m->a, sizeof *n2 * (size_t)cap);
        bool *p2 = arena_alloc(m->a, sizeof *p2 * (size_t)cap);
        if (m->n) {
            memcpy(id2, m->id, sizeof *id2 * (size_t)m->n);
            memcpy(f2, m->folded, sizeof *f2 * (size_t)m->n);
            memcpy(n2, m->name, sizeof *n2 * (size_t)m->n);
            memcpy(p2, m->primary, sizeof *p2 * (size_t)m->n);
        }
        m->id = id2, m->folded = f2, m->name = n2, m->primary = p2, m->cap = cap;
    }
    m->id[m->n] = id;
    m->folded[m->n] = text_fold(m->a, name);
    m->name[m->n] = arena_strdup(m->a, name);
    m->primary[m->n++] = primary;
}

/* The display name of entry ID. */
static const char *names_primary(const Names *m, int64_t id) {
    for (int i = 0; i < m->n; i++)
        if (m->id[i] == id && m->primary[i]) return m->name[i];
    return "?";
}

/* NAME, about to become a name of entry SELF (0: a new one), must not
 * already name another entry: imports could not tell which was meant. */
static void check_name(Req *r, const Names *m, int64_t self, const char *field, const char *name, FieldErrors *fs) {
    if (!*name) return;
    const char *k = text_fold(&r->a, name);
    if (!*k) {
        form_error(fs, field, _("Debe llevar letras o cifras."));
        return;
    }
    /* A name the entry already has is left alone, even if an older
     * database has another entry answering to it too. */
    for (int i = 0; i < m->n; i++)
        if (self && m->id[i] == self && strcmp(m->folded[i], k) == 0) return;
    for (int i = 0; i < m->n; i++) {
        if (m->id[i] == self || strcmp(m->folded[i], k) != 0) continue;
        form_error(fs, field, arena_printf(&r->a, _("«%s» ya es un nombre de otra entrada: %s. Elija otro."), name,
                                           names_primary(m, m->id[i])));
        return;
    }
}

/* Issue 16: one subnational reporter type, not one of society's: the
 * rule of core/catalog_rule.c, which the pack loader keeps too, against
 * the types stored (ALL, N), with its words as a sentence of the form. */
static void one_subnational(Req *r, const CatRecord *in, const CatRecord *all, int n, FieldErrors *fs) {
    bool sub = in->v[5] && strcmp(in->v[5], "1") == 0;
    const CatRecord *other = NULL;
    for (int i = 0; i < n && sub && !other; i++)
        if (all[i].id != in->id && strcmp(all[i].v[5], "1") == 0) other = &all[i];
    const char *field;
    const char *why = rtype_subnational_rule(&r->a, sub, in->v[10] && strcmp(in->v[10], "1") == 0,
                                             other ? other->v[0] : NULL, other ? other->v[1] : NULL, &field);
    if (why) form_error(fs, field, arena_printf(&r->a, "%s.", text_capitalize(&r->a, why)));
}

/* Issue 13 round 3 (F13B): a principle's names and aliases are what the
 * import finds it by; one the import splits or reads as a number is
 * refused, with why (action_principle_name_problem, the import's rule). */
static void principle_name(Req *r, const char *field, const char *v, FieldErrors *fs) {
    const char *why = v ? action_principle_name_problem(v) : NULL;
    if (why) form_error(fs, field, arena_printf(&r->a, _("«%s» %s."), v, why));
}

static void principle_names(Req *r, const Spec *sp, const CatRecord *in, const char *const *aliases,
                            int naliases, FieldErrors *fs) {
    for (int i = 0; i < sp->nfields; i++)
        if (sp->f[i].is_name) principle_name(r, sp->f[i].name, in->v[i], fs);
    for (int i = 0; i < naliases; i++) principle_name(r, "alias", aliases[i], fs);
}

/* Checks that need the stored catalog; run inside the write transaction,
 * so that no other change can slip in between the check and the write. */
static void check_against_store(Req *r, const Spec *sp, const CatRecord *in, const CatRecord *all, int n,
                                const char *const *aliases, int naliases, FieldErrors *fs) {
    bool adding = in->id == 0;
    if (adding && sp->max_entries && n >= sp->max_entries)
        form_error(fs, sp->f[0].name, arena_printf(&r->a, _("Este catálogo admite a lo más %d entradas: los "
                                                              "informes no tienen lugar para más."), sp->max_entries));
    if (sp->names >= 0) {
        Names m = {.a = &r->a};
        if (!store_catalog_names(r->st, (CatalogKind)sp->names, names_add, &m)) {
            form_error(fs, sp->f[0].name, _("No se pudo leer el catálogo."));
            return;
        }
        for (int i = 0; i < sp->nfields; i++)
            if (sp->f[i].is_name) check_name(r, &m, in->id, sp->f[i].name, in->v[i], fs);
        for (int i = 0; i < naliases; i++) check_name(r, &m, in->id, "alias", aliases[i], fs);
    }
    if (sp->kind == CE_REPORTER_TYPE) one_subnational(r, in, all, n, fs);
    if (sp->kind == CE_PRINCIPLE) principle_names(r, sp, in, aliases, naliases, fs);
    if (sp->kind == CE_INSTITUTION && inst_acronym_rule(in->v[0]))
        form_error(fs, "siglas", arena_printf(&r->a, "%s.", text_capitalize(&r->a, inst_acronym_rule(in->v[0]))));
    if (sp->kind == CE_INSTITUTION && *in->v[4]) {
        /* The parent exists, and is not the institution itself or one of its dependents. */
        int64_t p = atoll(in->v[4]);
        int steps = 0;
        bool found = false;
        while (p && steps++ <= n) {
            if (p == in->id) {
                form_error(fs, "dependencia", _("Una instancia no puede depender de sí misma ni de una que depende de ella."));
                return;
            }
            const CatRecord *pr = NULL;
            for (int i = 0; i < n && !pr; i++)
                if (all[i].id == p) pr = &all[i];
            if (!pr) break;
            found = true;
            p = atoll(pr->v[4]);
        }
        if (!found) form_error(fs, "dependencia", _("Elija una instancia del catálogo."));
    }
}

/* Reads the posted entry into IN (a copy of the stored one when editing). */
static void read_entry(Req *r, const Spec *sp, CatRecord *in, const CatRecord *self, FieldErrors *fs) {
    for (int i = 0; i < sp->nfields; i++) {
        const Field *f = &sp->f[i];
        if (f->fixed && self) continue;
        /* a form of before issue 16 has no grammar fields: the stored ones stay */
        if (f->keep_absent && self && !req_form(r, f->name)) continue;
        const char *v = read_field(r, f, fs);
        in->v[i] = v;
        if (error_for(fs, f->name) || !*v) continue;
        if (f->type == F_RTYPE && !cat_by_code(WC_REPORTER_TYPE, v))
            form_error(fs, f->name, _("Elija un tipo de instancia del catálogo."));
        else if (f->type == F_STATE && !cat_by_code(WC_STATE, v))
            form_error(fs, f->name, _("Elija una unidad subnacional del catálogo."));
        else if (f->type == F_PARENT && atoll(v) <= 0)
            form_error(fs, f->name, _("Elija una instancia del catálogo."));
        else if (f->fixed && sp->kind == CE_POPULATION && !valid_code(v))
            form_error(fs, f->name, _("Solo minúsculas sin acentos, cifras y _ (p. ej. «retorno»)."));
        else if (f->fixed && (sp->kind == CE_REPORTER_TYPE || sp->kind == CE_STATE) && !text_is_code(v))
            form_error(fs, f->name, _("Solo letras sin acentos, cifras, - y _, sin espacios."));
        else if (f->type == F_CHOICE && !text_in_list(v, f->choices))
            form_error(fs, f->name, _("Elija un valor de la lista."));
    }
}

/* The entry as its audit record shows it. */
static char *record_json(Req *r, const Spec *sp, const CatRecord *e, const char *aliases) {
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(e->id));
    for (int i = 0; i < sp->nfields; i++)
        json_object_set_new(o, sp->f[i].name, json_string(e->v[i] ? e->v[i] : ""));
    if (has_aliases(sp)) json_object_set_new(o, "alias", json_string(aliases ? aliases : ""));
    char *s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
    char *copy = arena_strdup(&r->a, s ? s : "{}");
    free(s);
    json_decref(o);
    return copy;
}

/* What the edit form was filled from: a digest (FNV-1a) of the stored
 * entry as its audit record shows it, sent back in the hidden field
 * "antes" so that a form whose entry changed since is refused (409)
 * rather than written over the other change. */
static const char *entry_stamp(Req *r, const Spec *sp, const CatRecord *e) {
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)record_json(r, sp, e, e->aliases); *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return arena_printf(&r->a, "%016llx", (unsigned long long)h);
}

/* The posted form was filled from the entry as it is now. A form without
 * the stamp cannot show it was (a hand-made request, a page of before
 * issue 16): it is refused too, never written over blindly (issue 16,
 * hostile fault 20; docs/web.md, stale forms). */
static bool form_current(Req *r, const Spec *sp, const CatRecord *self, const CatRecord *all, int n) {
    const char *stamp = req_form(r, "antes");
    if (!self) return true;
    if (!stamp) return false;
    for (int i = 0; i < n; i++)
        if (all[i].id == self->id) return strcmp(stamp, entry_stamp(r, sp, &all[i])) == 0;
    return false;
}

/* "catálogo instituciones SRE: cambio": the entry by its code or name (an
 * objective by its number); store_catedit_audit finds them by the prefix. */
static const char *audit_what(Req *r, const Spec *sp, const CatRecord *e, const char *verb) {
    if (sp->kind == CE_OBJECTIVE) return arena_printf(&r->a, "catálogo %s %lld: %s", sp->slug, (long long)e->id, verb);
    return arena_printf(&r->a, "catálogo %s %s: %s", sp->slug, e->v[0] ? e->v[0] : "", verb);
}

/* After a committed change: every thread reloads, cached pages go. */
static void catalogs_written(void) {
    web_catalogs_changed();
    req_changed();
}

/* A stale form (409): nothing saved; what was typed is shown again in a
 * form stamped with the entry as it is now, so that sending it again is a
 * deliberate decision to write over the other change. */
static void stale_form(Req *r, const Spec *sp, const CatRecord *in, const CatRecord *self, const char *typed,
                       const FieldErrors *fs) {
    r->status = 409;
    page_begin(r, arena_printf(&r->a, "%s: %s", spec_title(r, sp), self->v[0]));
    str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>",
             req_form(r, "antes")
                 ? _("La entrada cambió desde que se abrió este formulario (otra persona la editó): no se guardó. "
                     "Abajo está lo que escribió; vuelva a abrir la entrada para ver sus valores actuales, o "
                     "envíe de nuevo el formulario para escribir sobre ellos.")
                 : _("El formulario no dice de qué versión de la entrada se llenó (le falta el campo «antes»), así "
                     "que no se sabe si otra persona la cambió desde entonces: no se guardó. Abajo está lo que "
                     "escribió; envíelo de nuevo para guardarlo sobre la entrada tal como está ahora."));
    entry_form(r, sp, in, self, typed, fs);
    page_end(r);
}

/* Handles the POST of the form: saves and redirects, or shows the form
 * again (422) with what was typed and a message beside each field. */
static void entry_post(Req *r, const Spec *sp, const CatRecord *self) {
    CatRecord in = self ? *self : (CatRecord){.id = 0};
    FieldErrors fs = {.n = 0};
    read_entry(r, sp, &in, self, &fs);
    const char *aliases[MAX_ALIASES];
    int naliases = has_aliases(sp) ? read_aliases(r, aliases, &fs) : 0;
    const char *typed = has_aliases(sp) ? req_form(r, "alias") : NULL;
    /* The checks against the stored catalog run even when a field is
     * already wrong, so that the form shows every message at once. */
    if (!store_begin(r->st)) {
        page_error(r, 500, _("No se pudo guardar."));
        return;
    }
    CatRecord *all;
    int n;
    if (!store_catedit_list(r->st, sp->kind, &r->a, &all, &n)) form_error(&fs, sp->f[0].name, _("No se pudo leer el catálogo."));
    else if (!form_current(r, sp, self, all, n)) {
        store_rollback(r->st);
        stale_form(r, sp, &in, self, typed, &fs);
        return;
    } else check_against_store(r, sp, &in, all, n, aliases, naliases, &fs);
    if (!fs.n) {
        const char *before = self ? record_json(r, sp, self, self->aliases) : NULL;
        bool ok = store_catedit_save(r->st, sp->kind, &in, has_aliases(sp) ? aliases : NULL, naliases);
        const char *joined = join_aliases(r, aliases, naliases);
        ok = ok && store_audit_add(r->st, r->user.id, 0, audit_what(r, sp, &in, self ? "cambio" : "alta"), before,
                                   record_json(r, sp, &in, joined)) &&
             store_commit(r->st);
        if (!ok) {
            store_rollback(r->st);
            page_error(r, 500, _("No se pudo guardar."));
            return;
        }
        catalogs_written();
        req_redirect(r, arena_printf(&r->a, "/admin/catalogos/%s#e-%lld", sp->slug, (long long)in.id));
        return;
    }
    store_rollback(r->st);
    r->status = 422;
    page_begin(r, self ? arena_printf(&r->a, "%s: %s", spec_title(r, sp), self->v[0]) : _("Nueva entrada"));
    entry_form(r, sp, &in, self, typed, &fs);
    page_end(r);
}

void page_catalog_new(Req *r) {
    if (!admin_only(r)) return;
    const Spec *sp = spec_arg(r);
    if (!sp) return;
    if (!sp->can_add) {
        page_error(r, 403, _("A este catálogo no se le añaden entradas; sus entradas se pueden renombrar."));
        return;
    }
    if (strcmp(r->method, "POST") == 0) {
        entry_post(r, sp, NULL);
        return;
    }
    CatRecord e = {.id = 0};
    for (int i = 0; i < sp->nfields; i++) e.v[i] = "";
    FieldErrors fs = {.n = 0};
    page_begin(r, arena_printf(&r->a, "%s: %s", spec_title(r, sp), _("nueva entrada")));
    entry_form(r, sp, &e, NULL, "", &fs);
    page_end(r);
}

void page_catalog_entry(Req *r) {
    if (!admin_only(r)) return;
    const Spec *sp = spec_arg(r);
    if (!sp) return;
    CatRecord *all, *e;
    int n;
    if (!(e = entry_arg(r, sp, &all, &n))) return;
    if (strcmp(r->method, "POST") == 0) {
        entry_post(r, sp, e);
        return;
    }
    FieldErrors fs = {.n = 0};
    page_begin(r, arena_printf(&r->a, "%s: %s", spec_title(r, sp), e->v[0]));
    const char *uses = uses_text(r, sp, e);
    str_html(&r->out, "<p><a href=\"/admin/catalogos/%s\">%s</a></p><p>%s: %s</p>", sp->slug, _("Volver al catálogo"),
             _("Uso"), *uses ? uses : _("nada la usa todavía"));
    entry_form(r, sp, e, e, e->aliases, &fs);
    if (sp->can_delete) {
        str_html(&r->out, "<h2>%s</h2>", _("Borrar"));
        if (in_use(e)) {
            str_html(&r->out, "<p>%s</p>", _("No se puede borrar porque hay registros que la usan. Si el nombre "
                                             "cambió, cámbielo arriba: los registros conservan la entrada."));
        } else {
            str_html(&r->out, "<form method=\"post\" action=\"/admin/catalogos/%s/%lld/borrar\">", sp->slug,
                     (long long)e->id);
            csrf_field(r);
            str_html(&r->out, "<p>%s</p><p><button type=\"submit\">%s</button></p></form>",
                     _("Nada la usa todavía: se puede borrar."), _("Borrar esta entrada"));
        }
    }
    page_end(r);
}

void page_catalog_delete(Req *r) {
    if (!admin_only(r)) return;
    const Spec *sp = spec_arg(r);
    if (!sp) return;
    if (!sp->can_delete) {
        page_error(r, 403, _("De este catálogo no se borran entradas; se pueden renombrar."));
        return;
    }
    if (!store_begin(r->st)) {
        page_error(r, 500, _("No se pudo borrar."));
        return;
    }
    /* Read inside the transaction, so that nothing starts using it meanwhile. */
    CatRecord *all, *e;
    int n;
    if (!(e = entry_arg(r, sp, &all, &n))) {
        store_rollback(r->st);
        return;
    }
    const char *why = NULL;
    if (in_use(e))
        why = arena_printf(&r->a, _("No se puede borrar «%s»: la usan registros (%s). Si cambió de nombre, "
                                    "renómbrela en su lugar."), e->v[0], uses_text(r, sp, e));
    else if (sp->kind == CE_POPULATION && strcmp(e->v[0], "no_aplica") == 0)
        why = _("La población «no_aplica» no se borra: las cifras cuentan en ella las acciones que no nombran población.");
    if (why) {
        store_rollback(r->st);
        page_error(r, 409, why);
        return;
    }
    bool ok = store_catedit_delete(r->st, sp->kind, e->id) &&
              store_audit_add(r->st, r->user.id, 0, audit_what(r, sp, e, "baja"), record_json(r, sp, e, e->aliases),
                              NULL) &&
              store_commit(r->st);
    if (!ok) {
        store_rollback(r->st);
        page_error(r, 500, _("No se pudo borrar."));
        return;
    }
    catalogs_written();
    req_redirect(r, arena_printf(&r->a, "/admin/catalogos/%s", sp->slug));
}
