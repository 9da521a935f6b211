/* «Buena práctica» (issue 13): the mark a coordinator puts on an action,
 * with what the UN Network on Migration's Repository of Practices asks of a
 * practice that the action does not hold already (docs/good-practices.md);
 * the box on the action page, the form that writes it, and the public list
 * /buenas-practicas. The mark, its check and its audit entry are one
 * transaction (store/practice_store.c); a published edition refuses it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/action.h"
#include "store/demo_store.h"
#include "store/practice_store.h"
#include "util/i18n.h"
#include "web/web.h"

/* What the coordinator writes: the form's fields, their limits and notes,
 * checked by the action module's text rule (UTF-8, required, limit). */
/* the last NULL: no catalog decodes them (ActionField.catalog, issue 14); clang's
 * -Wmissing-field-initializers refused the ASan build without it */
static const ActionField practice_fields[PF__COUNT] = {
    [PF_PARTNERS] = {"socios", N_("Socios y aliados"), FT_LONGTEXT, 4000, false, NULL,
                     N_("Otras instituciones, organizaciones, agencias de la ONU o comunidades que participaron."), NULL},
    [PF_RESULTS] = {"resultados_clave", N_("Resultados clave e impacto"), FT_LONGTEXT, 10000, true, NULL,
                    N_("Qué cambió gracias a la práctica, con cifras cuando las haya."), NULL},
    [PF_SUCCESS] = {"factores_exito", N_("Qué la hizo funcionar (innovación, factores de éxito)"), FT_LONGTEXT,
                    10000, true, NULL, N_("Lo nuevo o lo decisivo de la práctica."), NULL},
    [PF_REPLICABILITY] = {"replicabilidad", N_("Replicabilidad"), FT_LONGTEXT, 10000, true, NULL,
                          N_("Si puede repetirse en otro lugar o por otra institución, y qué haría falta."), NULL},
    [PF_LESSONS] = {"lecciones", N_("Lecciones aprendidas"), FT_LONGTEXT, 10000, false, NULL,
                    N_("Qué se haría distinto; recomendaciones para quien la repita."), NULL},
    [PF_CONTACT] = {"contacto", N_("Punto focal (contacto)"), FT_TEXT, 500, false, NULL,
                    N_("Área o persona de la institución que puede dar más información."), NULL},
};

static int64_t arg_id(const Req *r) {
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    return id > 0 && !*end && r->args[0][0] >= '1' && r->args[0][0] <= '9' ? id : 0;
}

static void numbers_list(Req *r, const char *base, const int *v, int n) {
    for (int i = 0; i < n; i++)
        str_html(&r->out, "%s<a href=\"%s%d\">%d</a>", i ? ", " : "", base, v[i], v[i]);
}

/* The practice's texts as a definition list (the action page, the list). */
static void practice_dl(Req *r, const GoodPractice *g) {
    str_html(&r->out, "<dl class=\"practice\"><dt>%s</dt><dd>", _("Objetivos del Pacto"));
    numbers_list(r, "/objetivos#o", g->objectives, g->nobj);
    str_html(&r->out, "</dd><dt>%s</dt><dd>", _("Principios rectores"));
    numbers_list(r, "/principios#p", g->principles, g->nprin);
    str_html(&r->out, "</dd>");
    for (int f = 0; f < PF__COUNT; f++)
        if (*g->t.v[f])
            str_html(&r->out, "<dt>%s</dt><dd class=\"text\">%-s</dd>", _(practice_fields[f].label), g->t.v[f]);
    str_html(&r->out, "</dl>");
}

/* The form (VALUES as given, or the stored ones; ERRORS beside them). */
static void practice_form(Req *r, int64_t id, const PracticeText *values, const FieldErrors *fe) {
    str_html(&r->out, "<form method=\"post\" action=\"/acciones/%lld/buena-practica\" class=\"practice-form\" "
                      "novalidate>", (long long)id);
    csrf_field(r);
    for (int f = 0; f < PF__COUNT; f++) {
        const ActionField *pf = &practice_fields[f];
        const char *v = values && values->v[f] ? values->v[f] : "";
        str_html(&r->out, "<p><label for=\"bp-%s\">%s%s</label><small>%s</small>", pf->name, _(pf->label),
                 pf->required ? _(" (obligatorio)") : "", _(pf->help));
        if (pf->type == FT_TEXT) {
            str_html(&r->out, "<input id=\"bp-%s\" name=\"%s\" maxlength=\"%zu\" value=\"%s\"", pf->name, pf->name,
                     pf->max, v);
            invalid_attrs(&r->out, fe, pf->name);
            str_puts(&r->out, ">");
        } else {
            str_html(&r->out, "<textarea id=\"bp-%s\" name=\"%s\" rows=\"3\"", pf->name, pf->name);
            invalid_attrs(&r->out, fe, pf->name);
            str_html(&r->out, ">%s</textarea>", v);
        }
        field_error(r, fe, pf->name);
        str_html(&r->out, "</p>");
    }
    str_html(&r->out, "<p><button type=\"submit\">%s</button></p></form>", _("Guardar como buena práctica"));
}

static void remove_form(Req *r, int64_t id) {
    str_html(&r->out, "<form method=\"post\" action=\"/acciones/%lld/buena-practica\" class=\"inline\">"
                      "<input type=\"hidden\" name=\"quitar\" value=\"1\">", (long long)id);
    csrf_field(r);
    str_html(&r->out, "<button type=\"submit\">%s</button></form>", _("Quitar la marca de buena práctica"));
}

void practice_box(Req *r, const Action *d) {
    Arena a = ARENA_INIT;
    GoodPractice g;
    bool found = false;
    if (!store_practice_get(r->st, d->id, &a, &g, &found)) {
        arena_free(&a);
        return;
    }
    bool may = has_role(r, ROLE_COORDINADOR) && store_edition_accepts_changes(r->st, d->edition_id, NULL);
    if (found || may) str_html(&r->out, "<section id=\"buena-practica\" aria-labelledby=\"h-bp\">");
    if (found) {
        str_html(&r->out, "<h2 id=\"h-bp\">%s</h2><p class=\"practice-mark\">%s</p>", _("Buena práctica"),
                 _("La unidad coordinadora la señala como buena práctica para el Repositorio de Prácticas de la "
                   "Red de las Naciones Unidas sobre la Migración."));
        practice_dl(r, &g);
    }
    if (may) {
        if (!found) str_html(&r->out, "<h2 id=\"h-bp\">%s</h2>", _("Buena práctica"));
        str_html(&r->out, "<details><summary>%s</summary>",
                 found ? _("Editar la buena práctica") : _("Marcar como buena práctica"));
        practice_form(r, d->id, found ? &g.t : NULL, &(FieldErrors){.n = 0});
        str_html(&r->out, "</details>");
        if (found) remove_form(r, d->id);
    }
    if (found || may) str_html(&r->out, "</section>");
    arena_free(&a);
}

/* The form's values through the text rule; false, with FE, on a fault. */
static bool read_fields(Req *r, PracticeText *t, FieldErrors *fe) {
    ActionErrors errs = {NULL, 0, 0};
    for (int f = 0; f < PF__COUNT; f++) {
        t->v[f] = action_text(&r->a, req_form(r, practice_fields[f].name));
        action_field_check(&practice_fields[f], f, t->v[f], &r->a, &errs);
    }
    for (int i = 0; i < errs.n; i++) form_error(fe, practice_fields[errs.v[i].field].name, errs.v[i].message);
    return errs.n == 0;
}

/* The form again, with what was sent and why it was refused (422). */
static void refused(Req *r, int64_t id, const PracticeText *t, const FieldErrors *fe, const char *why) {
    r->status = 422;
    page_begin(r, _("Buena práctica"));
    str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>",
             why ? why : _("La buena práctica no se guardó: corrija los campos señalados."));
    str_html(&r->out, "<p><a href=\"/acciones/%lld\">%s</a></p>", (long long)id, _("Volver a la acción"));
    practice_form(r, id, t, fe);
    page_end(r);
}

/* POST /acciones/N/buena-practica: a coordinator marks (or with quitar=1
 * unmarks) action N. The CSRF token is checked by the server for every
 * form POST. */
void page_action_practice(Req *r) {
    r->no_cache = true;
    if (!has_role(r, ROLE_COORDINADOR)) {
        page_error(r, 403, _("Solo una coordinación puede señalar buenas prácticas."));
        return;
    }
    int64_t id = arg_id(r);
    if (!id) {
        page_error(r, 404, _("No existe esta acción, o no puede verla."));
        return;
    }
    const char *quit = req_form(r, "quitar");
    bool remove = quit && strcmp(quit, "1") == 0;
    PracticeText t = {{0}};
    FieldErrors fe = {.n = 0};
    if (!remove && !read_fields(r, &t, &fe)) {
        refused(r, id, &t, &fe, NULL);
        return;
    }
    const char *why = NULL;
    PracticeResult res = store_practice_set(r->st, id, r->user.id, remove ? NULL : &t, &why);
    if (res == PRACTICE_GONE) page_error(r, 404, _("No existe esta acción, o no puede verla."));
    else if (res == PRACTICE_FROZEN) page_error(r, 409, why ? why : "");
    else if (res == PRACTICE_REFUSED) refused(r, id, &t, &fe, why);
    else if (res != PRACTICE_OK) page_error(r, 503, _("No se pudo guardar el cambio; inténtelo de nuevo."));
    else req_redirect(r, arena_printf(&r->a, "/acciones/%lld#buena-practica", (long long)id));
}

/* ---- the public list ---- */

typedef struct {
    Req *r;
    long n;
} ListCtx;

static bool list_item(void *ctx, const GoodPractice *g) {
    ListCtx *c = ctx;
    Req *r = c->r;
    str_html(&r->out, "<article class=\"practice\"><h3><a href=\"/acciones/%lld\">%-s</a></h3><p>%-s (%s)</p>",
             (long long)g->action_id, g->name, g->institution_name, g->institution);
    practice_dl(r, g);
    str_html(&r->out, "</article>");
    c->n++;
    return true;
}

/* V percent-encoded as one part of a URL, in the request's arena. */
static const char *url_part(Req *r, const char *v) {
    Str u = STR_INIT;
    str_url(&u, v);
    const char *out = arena_strdup(&r->a, str_cstr(&u));
    str_free(&u);
    return out;
}

static void edition_practices(Req *r, const Edition *e) {
    str_html(&r->out, "<section><h2>%s %s</h2>", _("Edición"), e->name);
    if (store_edition_is_example(r->st, e->name))      /* F14C: issue 14 fault 7, issue 13 */
        str_html(&r->out, "<p class=\"notice example\">%s</p>", example_notice_text(NULL));
    ListCtx c = {r, 0};
    if (!store_practices_each(r->st, e, list_item, &c)) {
        str_html(&r->out, "<p>%s</p></section>", _("No se pudo leer la lista."));
        return;
    }
    if (!c.n) str_html(&r->out, "<p>%s</p>", _("Esta edición no tiene buenas prácticas señaladas."));
    str_html(&r->out, "<p class=\"downloads\" data-count=\"%ld\">%s: <a href=\"/descargas/%s/buenas-practicas.csv\">CSV</a> · "
                      "<a href=\"/descargas/%s/buenas-practicas.json\">JSON</a></p></section>",
             c.n, _("En los campos del Repositorio de Prácticas"), url_part(r, e->name), url_part(r, e->name));
}

/* The editions' names, in the request's arena: no cap. */
typedef struct {
    Arena *a;
    const char **v;
    int n, cap;
} Names;

static void collect(void *ctx, const Edition *e, long actions) {
    Names *n = ctx;
    if (n->n == n->cap) {
        n->cap = n->cap ? 2 * n->cap : 16;
        const char **v = arena_alloc(n->a, sizeof *v * (size_t)n->cap);
        if (n->n) memcpy(v, n->v, sizeof *v * (size_t)n->n);
        n->v = v;
    }
    n->v[n->n++] = arena_strdup(n->a, e->name);
}

/* GET /buenas-practicas[?edicion=E]: the good practices of each edition
 * the reader may see (the public: its latest published revision). */
void page_practices(Req *r) {
    const char *only = req_query(r, "edicion");
    Edition e;
    if (only && !edition_for_reader(r, only, is_staff(r), &e)) {
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return;
    }
    if (r->logged) r->no_cache = true;
    page_begin(r, _("Buenas prácticas"));
    str_html(&r->out, "<p>%s</p>",
             _("Acciones que la unidad coordinadora señala como buenas prácticas, con lo que pide de cada una "
               "el Repositorio de Prácticas de la Red de las Naciones Unidas sobre la Migración."));
    if (only) {
        edition_practices(r, &e);
    } else {
        Names names = {&r->a, NULL, 0, 0};
        store_edition_list(r->st, collect, &names);
        for (int i = names.n - 1; i >= 0; i--)          /* the newest first */
            if (edition_for_reader(r, names.v[i], is_staff(r), &e)) edition_practices(r, &e);
    }
    page_end(r);
}
