/* The voluntary GCM review on the platform (issue 13, docs/review.md):
 * /admin/examenes lists the reviews and creates one (a name and its
 * editions); /admin/examenes/N edits the texts only people can write
 * (a stale form is refused with 409, keeping what was typed) and offers
 * the draft in HTML, PDF and DOCX, written by analysis/review.c as
 * `pmm review --review NAME` writes it. Coordinators and administrators;
 * the server checks every form's CSRF token. The editions are read live,
 * as staff read them everywhere on the platform. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/review.h"
#include "core/action.h"
#include "render/report_html.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "web/web.h"

/* The form's fields: the review's name, and its texts (RT_*), checked by
 * the action module's text rule (UTF-8, required, byte limit). */
static const ActionField name_field = {"nombre", N_("Nombre del examen"), FT_TEXT, 100, true, NULL,
                                       N_("Por ejemplo, «FEMI 2026»; es el nombre que toma pmm review --review."), NULL};
static const ActionField text_fields[RT__COUNT] = {
    [RT_INTRODUCTION] = {"introduccion", N_("Introducción"), FT_LONGTEXT, 20000, false, NULL,
                         N_("El propósito del examen, el contexto migratorio del país, los compromisos."), NULL},
    [RT_POLICY] = {"politica", N_("Política y entorno propicio"), FT_LONGTEXT, 20000, false, NULL,
                   N_("Leyes, políticas, planes e instituciones con que el país aplica el Pacto Mundial."), NULL},
    [RT_MEANS] = {"medios", N_("Medios de implementación"), FT_LONGTEXT, 20000, false, NULL,
                  N_("Recursos, creación de capacidades, datos y cooperación internacional."), NULL},
    [RT_NEXT_STEPS] = {"proximos_pasos", N_("Próximos pasos"), FT_LONGTEXT, 20000, false, NULL,
                       N_("Prioridades y compromisos para el siguiente periodo de examen."), NULL},
};

static bool require_staff(Req *r) {
    r->no_cache = true;
    if (is_staff(r)) return true;
    if (!r->logged && strcmp(r->method, "GET") == 0) auth_login_redirect(r);
    else page_error(r, 403, _("Solo la coordinación o la administración preparan el examen voluntario."));
    return false;
}

static int64_t arg_id(const Req *r) {
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    return id > 0 && !*end && r->args[0][0] >= '1' && r->args[0][0] <= '9' ? id : 0;
}

/* The review of the URL, or false after answering 404 (or 503). */
static bool url_review(Req *r, Review *rv) {
    bool found = false;
    int64_t id = arg_id(r);
    if (id && !store_review_get(r->st, id, &r->a, rv, &found)) {
        page_error(r, 503, _("No se pudo leer el examen; inténtelo de nuevo."));
        return false;
    }
    if (!found) page_error(r, 404, _("No existe ese examen."));
    return found;
}

/* ---- the list and the new review ---- */

typedef struct {
    Edition *v;
    int n, cap;
} Eds;

static void eds_collect(void *ctx, const Edition *e, long actions) {
    (void)actions;
    Eds *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = *e;
}

/* A <select> of every edition in trend order, SELECTED chosen. */
static void edition_select(Req *r, const char *name, const char *label, const Eds *eds, const char *selected,
                           const FieldErrors *fe) {
    str_html(&r->out, "<p><label for=\"ex-%s\">%s</label><select id=\"ex-%s\" name=\"%s\"", name, label, name, name);
    invalid_attrs(&r->out, fe, name);
    str_puts(&r->out, ">");
    for (int i = 0; i < eds->n; i++)
        str_html(&r->out, "<option value=\"%s\"%s>%s</option>", eds->v[i].name,
                 selected && strcmp(selected, eds->v[i].name) == 0 ? " selected" : "", eds->v[i].name);
    str_puts(&r->out, "</select>");
    field_error(r, fe, name);
    str_puts(&r->out, "</p>");
}

/* The form of a new review, with what was typed (NAME, FROM, TO; NULL:
 * the defaults) and the errors beside the fields. */
static void new_form(Req *r, const char *name, const char *from, const char *to, const FieldErrors *fe) {
    Eds eds = {NULL, 0, 0};
    store_edition_list(r->st, eds_collect, &eds);
    trend_sort(eds.v, eds.n);
    str_html(&r->out, "<h2 id=\"h-nuevo\">%s</h2><form method=\"post\" action=\"/admin/examenes\" "
                      "class=\"review-new\" novalidate>", _("Nuevo examen"));
    csrf_field(r);
    str_html(&r->out, "<p><label for=\"ex-nombre\">%s%s</label><small>%s</small><input id=\"ex-nombre\" "
                      "name=\"nombre\" maxlength=\"100\" value=\"%s\"", _(name_field.label), _(" (obligatorio)"),
             _(name_field.help), name ? name : "");
    invalid_attrs(&r->out, fe, "nombre");
    str_puts(&r->out, ">");
    field_error(r, fe, "nombre");
    str_puts(&r->out, "</p>");
    edition_select(r, "desde", _("Desde la edición"), &eds, from ? from : eds.n ? eds.v[0].name : NULL, fe);
    edition_select(r, "hasta", _("Hasta la edición"), &eds, to ? to : eds.n ? eds.v[eds.n - 1].name : NULL, fe);
    str_html(&r->out, "<p><button type=\"submit\">%s</button></p></form>", _("Crear el examen"));
    free(eds.v);
}

/* GET /admin/examenes */
void page_reviews(Req *r) {
    if (!require_staff(r)) return;
    Review *v;
    int n;
    if (!store_review_list(r->st, &r->a, &v, &n)) {
        page_error(r, 503, _("No se pudo leer la lista de exámenes; inténtelo de nuevo."));
        return;
    }
    page_begin(r, _("Exámenes voluntarios del Pacto Mundial"));
    str_html(&r->out, "<p>%s</p>",
             _("El borrador del examen voluntario del país se escribe con las cifras de las ediciones del periodo; "
               "la unidad coordinadora redacta aquí lo que solo las personas pueden escribir."));
    if (!n) str_html(&r->out, "<p id=\"sin-examenes\">%s</p>", _("Aún no hay ningún examen."));
    else {
        str_html(&r->out, "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th></tr></thead><tbody>",
                 _("Examen"), _("Ediciones"), _("Última modificación"));
        for (int i = 0; i < n; i++)
            str_html(&r->out, "<tr><td><a href=\"/admin/examenes/%lld\">%-s</a></td><td>%s \xe2\x80\x93 %s</td>"
                              "<td>%s</td></tr>", (long long)v[i].id, v[i].name, v[i].from_name, v[i].to_name,
                     v[i].updated_at);
        str_puts(&r->out, "</tbody></table>");
    }
    new_form(r, NULL, NULL, NULL, &(FieldErrors){.n = 0});
    page_end(r);
}

static void new_refused(Req *r, int status, const char *name, const char *from, const char *to,
                        const FieldErrors *fe, const char *why) {
    r->status = status;
    page_begin(r, _("Nuevo examen"));
    str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>", why);
    new_form(r, name, from, to, fe);
    page_end(r);
}

/* POST /admin/examenes: a new review; the range through review_range,
 * the one rule `pmm review` applies. */
void page_review_new(Req *r) {
    if (!require_staff(r)) return;
    static const char *const once[] = {"nombre", "desde", "hasta", NULL};   /* F13B: not the first of two */
    if (!web_form_once(r, once)) return;
    const char *name = action_text(&r->a, req_form(r, "nombre"));
    const char *from = req_form(r, "desde"), *to = req_form(r, "hasta");
    ActionErrors errs = {NULL, 0, 0};
    FieldErrors fe = {.n = 0};
    action_field_check(&name_field, 0, name, &r->a, &errs);
    for (int i = 0; i < errs.n; i++) form_error(&fe, "nombre", errs.v[i].message);
    Edition *eds = NULL;
    int n = 0;
    Str why = STR_INIT;
    if (!review_range(r->st, from ? from : "", to ? to : "", &eds, &n, &why))
        form_error(&fe, "hasta", arena_strdup(&r->a, str_cstr(&why)));
    str_free(&why);
    int64_t id = 0;
    ReviewResult res = fe.n ? REVIEW_FAIL : store_review_create(r->st, r->user.id, name, eds[0].id, eds[n - 1].id, &id);
    free(eds);
    if (fe.n) new_refused(r, 422, name, from, to, &fe, _("El examen no se creó: corrija los campos señalados."));
    else if (res == REVIEW_EXISTS) {
        form_error(&fe, "nombre", _("Ya existe un examen con ese nombre."));
        new_refused(r, 409, name, from, to, &fe, _("Ya existe un examen con ese nombre."));
    } else if (res != REVIEW_OK) page_error(r, 503, _("No se pudo guardar el cambio; inténtelo de nuevo."));
    else {
        req_changed();
        req_redirect(r, arena_printf(&r->a, "/admin/examenes/%lld", (long long)id));
    }
}

/* ---- one review: its texts and the draft ---- */

/* The texts' form: VALUES as typed (or stored), VERSION the one they were
 * read at. */
static void texts_form(Req *r, const Review *rv, const char *const values[RT__COUNT], int version,
                       const FieldErrors *fe) {
    str_html(&r->out, "<form method=\"post\" action=\"/admin/examenes/%lld\" class=\"review-texts\" novalidate>"
                      "<input type=\"hidden\" name=\"version\" value=\"%d\">", (long long)rv->id, version);
    csrf_field(r);
    for (int k = 0; k < RT__COUNT; k++) {
        const ActionField *f = &text_fields[k];
        str_html(&r->out, "<p><label for=\"ex-%s\">%s</label><small>%s</small><textarea id=\"ex-%s\" name=\"%s\" "
                          "rows=\"8\"", f->name, _(f->label), _(f->help), f->name, f->name);
        invalid_attrs(&r->out, fe, f->name);
        str_html(&r->out, ">%s</textarea>", values[k] ? values[k] : "");
        field_error(r, fe, f->name);
        str_puts(&r->out, "</p>");
    }
    str_html(&r->out, "<p><button type=\"submit\">%s</button></p></form>", _("Guardar los textos"));
}

static void review_page(Req *r, const Review *rv, const char *const values[RT__COUNT], int version,
                        const FieldErrors *fe, const char *alert) {
    page_begin(r, arena_printf(&r->a, _("Examen voluntario «%s»"), rv->name));
    str_html(&r->out, "<p><a href=\"/admin/examenes\">%s</a></p>", _("Todos los exámenes"));
    if (alert) str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>", alert);
    str_html(&r->out, "<p>%s <strong>%s</strong> \xe2\x80\x93 <strong>%s</strong>.</p>",
             _("Ediciones del examen:"), rv->from_name, rv->to_name);
    str_html(&r->out, "<h2 id=\"h-borrador\">%s</h2><p class=\"downloads\">", _("El borrador"));
    static const char *const fmts[][2] = {{"html", "HTML"}, {"pdf", "PDF"}, {"docx", "DOCX"}};
    for (int i = 0; i < 3; i++)     /* each link names its format and language, read alone */
        str_html(&r->out, "%s<a href=\"/admin/examenes/%lld/borrador.%s\">%s</a> · <a href=\"/admin/examenes/%lld/"
                          "borrador.%s?lang=en\" hreflang=\"en\">%s</a>", i ? " · " : "", (long long)rv->id,
                 fmts[i][0], fmts[i][1], (long long)rv->id, fmts[i][0],
                 arena_printf(&r->a, _("%s en inglés"), fmts[i][1]));
    str_html(&r->out, "</p><p><small>%s</small></p>",
             _("Las cifras se calculan de las acciones validadas de cada edición al descargar; un texto vacío "
               "aparece en el borrador como pendiente de redactar."));
    str_html(&r->out, "<h2 id=\"h-textos\">%s</h2>", _("Los textos de la unidad coordinadora"));
    texts_form(r, rv, values, version, fe);
    page_end(r);
}

/* GET /admin/examenes/N */
void page_review(Req *r) {
    if (!require_staff(r)) return;
    Review rv;
    if (!url_review(r, &rv)) return;
    review_page(r, &rv, rv.text, rv.version, &(FieldErrors){.n = 0}, NULL);
}

/* POST /admin/examenes/N: the texts, if the review is still at the
 * version the form was read at; else 409 and the form again with what
 * was typed, beside a note that someone saved it meanwhile. */
void page_review_save(Req *r) {
    if (!require_staff(r)) return;
    Review rv;
    if (!url_review(r, &rv)) return;
    const char *values[RT__COUNT];
    ActionErrors errs = {NULL, 0, 0};
    FieldErrors fe = {.n = 0};
    for (int k = 0; k < RT__COUNT; k++) {
        values[k] = action_text(&r->a, req_form(r, text_fields[k].name));
        action_field_check(&text_fields[k], k, values[k], &r->a, &errs);
    }
    for (int i = 0; i < errs.n; i++) form_error(&fe, text_fields[errs.v[i].field].name, errs.v[i].message);
    const char *vz = req_form(r, "version");
    char *end = NULL;
    long version = vz ? strtol(vz, &end, 10) : 0;
    if (!vz || !*vz || *end || version < 1 || version > 1000000000) version = 0;
    if (fe.n) {
        r->status = 422;
        review_page(r, &rv, values, (int)version, &fe, _("Los textos no se guardaron: corrija los campos señalados."));
        return;
    }
    ReviewResult res = store_review_save(r->st, rv.id, r->user.id, (int)version, values);
    if (res == REVIEW_STALE) {
        r->status = 409;
        Review now;
        bool found = false;
        int v = store_review_get(r->st, rv.id, &r->a, &now, &found) && found ? now.version : rv.version;
        review_page(r, &rv, values, v, &fe,
                    _("Alguien guardó los textos de este examen después de que usted abrió la página: no se "
                      "guardó nada. Abajo sigue lo que usted escribió; compárelo con la versión guardada "
                      "(recargue en otra pestaña) y guarde de nuevo."));
    } else if (res == REVIEW_GONE) page_error(r, 404, _("No existe ese examen."));
    else if (res != REVIEW_OK) page_error(r, 503, _("No se pudo guardar el cambio; inténtelo de nuevo."));
    else {
        req_changed();
        req_redirect(r, arena_printf(&r->a, "/admin/examenes/%lld#h-textos", (long long)rv.id));
    }
}

/* The draft of RV in FORMAT into r->out; false when it could not be
 * written, with *WHY set when the review's range no longer holds (an
 * edition's period changed since: the same refusal as pmm review's). */
static bool draft(Req *r, const Review *rv, const char *format, Lang lang, const char **why_out) {
    Edition *eds = NULL;
    int n = 0;
    Str why = STR_INIT;
    bool ok = review_range(r->st, rv->from_name, rv->to_name, &eds, &n, &why);
    *why_out = ok ? NULL : arena_strdup(&r->a, str_cstr(&why));
    str_free(&why);
    ReviewData data;
    memset(&data, 0, sizeof data);
    if (ok) ok = review_load(r->st, eds, n, &data);
    if (ok) {
        Doc d;
        doc_init(&d, lang);
        review_build(&d, &data, rv);
        if (strcmp(format, "html") == 0) doc_html(&d, &r->out);
        else ok = web_doc_file(&d, strcmp(format, "pdf") == 0, &r->out);
        doc_free(&d);
    }
    review_data_free(&data);
    free(eds);
    return ok;
}

/* GET /admin/examenes/N/borrador.html|pdf|docx[?lang=en] */
void page_review_draft(Req *r) {
    if (!require_staff(r)) return;
    Review rv;
    if (!url_review(r, &rv)) return;
    static const struct {
        const char *file, *format, *ctype;
    } files[] = {
        {"borrador.html", "html", "text/html; charset=utf-8"},
        {"borrador.pdf", "pdf", "application/pdf"},
        {"borrador.docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    };
    int k = 0;
    while (k < 3 && strcmp(files[k].file, r->args[1]) != 0) k++;
    Lang lang = LANG_ES;
    const char *lz = req_query(r, "lang");
    if (k == 3 || (lz && !lang_parse(lz, &lang))) {
        page_error(r, 404, _("No existe ese archivo."));
        return;
    }
    const char *why = NULL;
    if (!draft(r, &rv, files[k].format, lang, &why)) {
        str_clear(&r->out);
        page_error(r, why ? 409 : 500, why ? why : _("No se pudo producir el archivo."));
        return;
    }
    r->ctype = files[k].ctype;
    if (k == 0)     /* one self-contained file with its own <style>, as the Informe */
        r->csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    web_disposition(r, k != 0, arena_printf(&r->a, "pmm-examen-%lld-%s%s", (long long)rv.id,
                                            lz && lang == LANG_EN ? "en-" : "", files[k].file));
}
