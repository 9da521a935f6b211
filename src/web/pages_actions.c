/* Actions: the filtered, searchable list; one action; the form with which
 * enlaces and coordinators write them; and the workflow
 * borrador -> enviada -> validada, or devuelta (with a comment) -> enviada. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/campaign.h"
#include "core/figures.h"
#include "ingest/import.h"
#include "store/campaign_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "store/highlight_store.h"
#include "store/practice_store.h"    /* issue 13 (F13): a good practice's rule */
#include "store/demo_store.h"        /* the synthetic example's notice (issue 13, F13B) */
#include "web/limits.h"
#include "web/web.h"

#define PER_PAGE 50

/* ---- who may do what (the rules are core/workflow.c's) ---- */

static bool is_own(const Req *r, const Action *d) {
    return has_role(r, ROLE_ENLACE) && r->user.institution_id == d->institution_id;
}

bool action_visible(const Req *r, const Action *d) {
    if (is_staff(r) || is_own(r, d)) return true;
    return strcmp(d->status, status_name(AS_VALIDADA)) == 0 && strcmp(d->edition_state, "publicada") == 0;
}

/* Whether the person may take STEP on D in its present state. */
static bool may(const Req *r, const Action *d, WorkflowStep step) {
    ActionStatus st;
    return r->logged && status_parse(d->status, &st) && workflow_may(step, r->user.role, is_own(r, d), st);
}

/* ---- the filters ---- */

/* The list's parameters, the page's and the API's: the filters (revision:
 * a published revision, issue 13, see actions_filter), then the paging */
#define LIST_PARAMS "edicion", "q", "objetivo", "tipo", "institucion", "estado", "tipo_accion", "poblacion", \
    "genero", "discapacidad", "categoria", "situacion", "principio", "mesa", "revision", "pagina", "por_pagina", \
    "retos"

static const char *const filter_names[] = {LIST_PARAMS, NULL};

/* What the API's list also takes: which fields each item has (api.c). */
static const char *const api_names[] = {LIST_PARAMS, "campos", NULL};

/* The parameters the list takes: the page's, or the API's. */
static const char *const *list_params(const Req *r) {
    return strncmp(r->path, "/api/", 5) == 0 ? api_names : filter_names;
}

static bool in_list(const char *const *names, const char *name) {
    for (int k = 0; names[k]; k++)
        if (strcmp(names[k], name) == 0) return true;
    return false;
}

/* issue 10, hostile round 3, fault 5 (helper REC4): a misspelt filter
 * («tipo_instancia», «objetivos») selects nothing, so the list would show
 * every action: the API refuses it naming the known ones; the page (issue
 * 14, F14B: links from other sites carry fbclid, utm_source) ignores it
 * and says so above the list (page_actions). A filter given twice is
 * refused by both. «edicion» in the API's query must name the edition of
 * its path. */
static bool known_params(Req *r, const char *en) {
    bool api = strncmp(r->path, "/api/", 5) == 0;
    if (!web_query_check(r, list_params(r), api, NULL)) return false;
    const char *qe = req_query(r, "edicion");
    if (en && qe && strcmp(qe, en) != 0) {
        const char *shown = web_query_value_shown(r, qe);
        if (shown)
            page_error(r, 400, arena_printf(&r->a, _("El parámetro «edicion» (%s) no es la edición pedida (%s)."),
                                            shown, en));
        else
            page_error(r, 400, arena_printf(&r->a, _("El parámetro «edicion» no es la edición pedida (%s)."), en));
        return false;
    }
    return true;
}

typedef struct {
    Edition v[64];
    int n;
} EdList;

static void ed_collect(void *ctx, const Edition *e, long n) {
    (void)n;
    EdList *l = ctx;
    if (l->n < 64) l->v[l->n++] = *e;
}

static bool default_edition(Req *r, Edition *ed) {
    EdList l = {.n = 0};
    store_edition_list(r->st, ed_collect, &l);
    bool found = false;
    for (int i = 0; i < l.n; i++)
        if (r->logged || edition_is_public(&l.v[i])) {   /* issue 10: revisions */
            *ed = l.v[i];
            found = true;
        }
    return found && edition_for_reader(r, ed->name, r->logged, ed);
}

/* ---- one parameter's value, or a 400 that names it (issue 14) ---- */

/* Parameter NAME as a whole number LO..HI (DFLT when absent) into *OUT;
 * "1abc", "+7", " 7", "" and numbers out of range are refused, naming
 * the parameter, what it got and the range. */
static bool int_param(Req *r, const char *name, long lo, long hi, long dflt, long *out) {
    const char *v = req_query(r, name);
    *out = dflt;
    if (!v) return true;
    bool digits = *v && strlen(v) <= 18;
    for (const char *p = v; *p && digits; p++) digits = *p >= '0' && *p <= '9';
    long n = digits ? strtol(v, NULL, 10) : 0;
    if (digits && n >= lo && n <= hi) {
        *out = n;
        return true;
    }
    const char *shown = web_query_value_shown(r, v);
    if (shown)
        page_error(r, 400, arena_printf(&r->a, _("El parámetro «%s» debe ser un número entero de %ld a %ld; "
                                                 "se recibió «%s»."), name, lo, hi, shown));
    else
        page_error(r, 400, arena_printf(&r->a, _("El parámetro «%s» debe ser un número entero de %ld a %ld; "
                                                 "el valor recibido no lo es."), name, lo, hi));
    return false;
}

/* The 400 of a value of NAME that is in no catalog: names the parameter and
 * its values, or, for a long catalog, where they are listed. */
static void bad_value(Req *r, const char *name, const char *v, const char *const *values, const CatList *l,
                      bool by_id, const char *catalog) {
    Str known = STR_INIT;
    for (int i = 0; values && values[i]; i++) str_printf(&known, "%s%s", i ? ", " : "", values[i]);
    for (int i = 0; l && l->n <= 40 && i < l->n; i++) {
        if (known.len) str_puts(&known, ", ");
        if (by_id) str_printf(&known, "%lld", (long long)l->v[i].id);
        else str_puts(&known, l->v[i].code);
    }
    const char *shown = web_query_value_shown(r, v);
    const char *head = shown ? arena_printf(&r->a, _("El parámetro «%s» no admite «%s»"), name, shown)
                             : arena_printf(&r->a, _("El parámetro «%s» no admite el valor recibido"), name);
    if (known.len) page_error(r, 400, arena_printf(&r->a, _("%s; valores posibles: %s."), head, known.p));
    else
        page_error(r, 400, arena_printf(&r->a, _("%s; los valores posibles están en /api/v1/catalogos/%s."), head,
                                        catalog));
    str_free(&known);
}

static int by_code(const void *a, const void *b) {
    return strcmp(((const CatEntry *)a)->code, ((const CatEntry *)b)->code);
}

/* Catalog W in the order a list of its codes is read in: the catalog's,
 * except the subnational units, which the menus give by name but which are
 * numbered, and listed by their codes wherever codes are listed (`pmm
 * catalog states`, the pack's file, the store's units): H14R4, g, the 400
 * read «01, 02, 03, 04, 07, 08, 09, 05, …». A copy in R's arena. */
static const CatList *codes_in_order(Req *r, WebCatalog w) {
    const CatList *l = cat_list(w);
    if (w != WC_STATE || !l || l->n < 2) return l;
    CatList *s = arena_alloc(&r->a, sizeof *s);
    s->n = l->n;
    s->v = arena_alloc(&r->a, sizeof *s->v * (size_t)l->n);
    memcpy(s->v, l->v, sizeof *s->v * (size_t)l->n);
    qsort(s->v, (size_t)s->n, sizeof *s->v, by_code);
    return s;
}

/* Parameter NAME as a code of catalog W (its entry in *OUT, NULL when
 * absent); false after a 400. */
static bool code_param(Req *r, const char *name, WebCatalog w, const char *catalog, const CatEntry **out) {
    const char *v = req_query(r, name);
    *out = NULL;
    if (!v) return true;
    if ((*out = cat_by_code(w, v))) return true;
    bad_value(r, name, v, NULL, codes_in_order(r, w), false, catalog);
    return false;
}

/* V (N bytes) as the id of an entry of catalog W into *OUT; false when it
 * is not one. */
static bool catalog_id(WebCatalog w, const char *v, size_t n, int64_t *out) {
    bool digits = n > 0 && n <= 18;
    for (size_t i = 0; i < n && digits; i++) digits = v[i] >= '0' && v[i] <= '9';
    if (!digits) return false;
    char buf[19];
    memcpy(buf, v, n);
    buf[n] = 0;
    *out = strtoll(buf, NULL, 10);
    return cat_by_id(w, *out) != NULL;
}

/* Parameter NAME as the id of an entry of catalog W (0 when absent). */
static bool id_param(Req *r, const char *name, WebCatalog w, const char *catalog, int64_t *out) {
    const char *v = req_query(r, name);
    *out = 0;
    if (!v || catalog_id(w, v, strlen(v), out)) return true;
    *out = 0;
    bad_value(r, name, v, NULL, cat_list(w), true, catalog);
    return false;
}

/* «categoria»: «ninguna» (a challenge with no category), or a comma list
 * of challenge category ids meaning any of them (issue 13 round 3, F13C:
 * the Informe's «Otros retos» names its small categories so, in one
 * parameter, as the list takes a parameter once). A piece that is no id is
 * refused by name. */
static bool category_param(Req *r, ActionFilter *f) {
    const char *v = req_query(r, "categoria");
    if (!v) return true;
    if (strcmp(v, "ninguna") == 0) {
        f->uncategorized = true;
        return true;
    }
    int n = 1;
    for (const char *p = v; *p; p++) n += *p == ',';
    int64_t *ids = arena_alloc(&r->a, (size_t)n * sizeof *ids);
    for (int i = 0; i < n; i++) {
        size_t len = strcspn(v, ",");
        if (!catalog_id(WC_CATEGORY, v, len, &ids[i])) {
            bad_value(r, "categoria", arena_strndup(&r->a, v, len), NULL, cat_list(WC_CATEGORY), true, "categorias");
            return false;
        }
        v += len + (v[len] == ',');
    }
    f->categories = ids;
    f->ncategories = n;
    return true;
}

/* Parameter «institucion»: the institution's id, which the Informe's and the
 * dashboard's marks write (a rename leaves it alone: issue 16, verification
 * round 3, fault 2), or its acronym in today's catalog, as a person types
 * it. A value of digits only that is an institution's id is that one. */
static bool inst_param(Req *r, const CatEntry **out) {
    const char *v = req_query(r, "institucion");
    bool digits = v && *v && strlen(v) <= 18;
    for (const char *p = v; digits && *p; p++) digits = *p >= '0' && *p <= '9';
    if (digits && (*out = cat_by_id(WC_INSTITUTION, strtoll(v, NULL, 10)))) return true;
    return code_param(r, "institucion", WC_INSTITUTION, "instituciones", out);
}

/* Parameter NAME as one of VALUES (NULL-ended): its index, -1 when absent. */
static bool choice_param(Req *r, const char *name, const char *const *values, int *out) {
    const char *v = req_query(r, name);
    *out = -1;
    if (!v) return true;
    for (int i = 0; values[i]; i++)
        if (strcmp(values[i], v) == 0) {
            *out = i;
            return true;
        }
    bad_value(r, name, v, values, NULL, false, NULL);
    return false;
}

/* The filters of the edition and visibility into F; false after a 400. */
static bool read_filters(Req *r, ActionFilter *f) {
    static const char *const yn[] = {"si", "no", "sin_dato", NULL};
    static const int yn_value[] = {1, 0, -1};
    const CatEntry *e;
    long objective, page, per;
    int g, d;
    f->q = req_query(r, "q");
    if (!int_param(r, "objetivo", 1, 23, 0, &objective)) return false;
    f->objective = (int)objective;
    if (!code_param(r, "tipo", WC_REPORTER_TYPE, "tipos", &e)) return false;
    f->reporter_type = e ? e->code : NULL;
    if (!inst_param(r, &e)) return false;
    f->institution_id = e ? e->id : 0;
    if (!code_param(r, "estado", WC_STATE, "estados", &e)) return false;
    f->state_code = e ? e->code : NULL;
    if (!id_param(r, "tipo_accion", WC_ACTION_TYPE, "tipos_accion", &f->action_type_id)) return false;
    if (!code_param(r, "poblacion", WC_POPULATION, "poblaciones", &e)) return false;
    f->population_id = e ? e->id : 0;
    if (!choice_param(r, "genero", yn, &g) || !choice_param(r, "discapacidad", yn, &d)) return false;
    f->gender = g < 0 ? -2 : yn_value[g];
    f->disability = d < 0 ? -2 : yn_value[d];
    if (!category_param(r, f)) return false;
    static const char *const none[] = {"ninguno", NULL};   /* issue 13 round 2 (F13): the Informe's filter */
    int no_ch;
    if (!choice_param(r, "retos", none, &no_ch)) return false;
    f->no_challenges = no_ch == 0;
    int64_t principle = 0;                              /* issue 13 */
    long roundtable;
    const char *v = req_query(r, "principio");
    if (v && strcmp(v, "alguno") == 0) principle = -1;  /* F13: tagged with any (the Informe's figure) */
    else if (!id_param(r, "principio", WC_PRINCIPLE, "principios", &principle)) return false;
    if (!int_param(r, "mesa", 1, FIG_NROUNDTABLES, 0, &roundtable)) return false;
    f->principle = (int)principle;
    f->roundtable = (int)roundtable;
    const char *st[AS__COUNT + 1] = {NULL};
    for (int i = 0; i < AS__COUNT; i++) st[i] = status_name((ActionStatus)i);
    int status;
    if (!choice_param(r, "situacion", st, &status)) return false;
    f->status = status < 0 ? NULL : st[status];
    if (!int_param(r, "pagina", 1, 1000000, 1, &page) || !int_param(r, "por_pagina", 1, 1000, PER_PAGE, &per))
        return false;
    f->limit = (int)per;
    f->offset = (int)((page - 1) * per);
    return true;
}

bool actions_filter(Req *r, const char *en, ActionFilter *f, Edition *ed) {
    memset(f, 0, sizeof *f);
    f->gender = f->disability = -2;
    /* issue 10: the public reads the latest published revision */
    bool found = en ? edition_for_reader(r, en, r->logged, ed) : default_edition(r, ed);
    /* issue 13 (R13B): revision=N lists published revision N, what the
     * dashboard counts for a signed-in reader who is not staff (the
     * public's figures), so that each count's link lists what it counts */
    long rev = 0;
    if (found && !int_param(r, "revision", 1, 1000000, 0, &rev)) return false;
    if (found && rev) found = store_edition_revision(r->st, ed->name, (int)rev, ed);
    if (!found) {
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return false;
    }
    f->edition_id = ed->id;
    if (!known_params(r, en) || !read_filters(r, f)) return false;
    /* What the viewer may see. */
    if (is_staff(r)) return true;
    f->validated_only = true;
    if (has_role(r, ROLE_ENLACE)) {
        f->also_institution = r->user.institution_id;
        /* Before publication an enlace sees only its own institution. */
        if (strcmp(ed->state, "publicada") != 0) f->institution_id = r->user.institution_id;
    }
    return true;
}

const char *list_page_url(Req *r, const char *path, int page, const char *amp) {
    Str u = STR_INIT;
    str_printf(&u, "%s?", path);
    for (int i = 0; i < r->nquery; i++) {
        /* an empty value is no filter (a form's empty select): left out */
        if (strcmp(r->query[i].name, "pagina") == 0 || !*r->query[i].value ||
            !in_list(list_params(r), r->query[i].name))     /* an ignored one (F14B) is left out */
            continue;
        str_url(&u, r->query[i].name);
        str_putc(&u, '=');
        str_url(&u, r->query[i].value);
        str_puts(&u, amp);
    }
    str_printf(&u, "pagina=%d", page);
    const char *url = arena_strdup(&r->a, u.p);
    str_free(&u);
    return url;
}

/* ---- the list ---- */

static void select_catalog(Req *r, const char *name, const char *label, WebCatalog w,
                           bool by_id, const char *current) {
    const CatList *l = cat_list(w);
    str_html(&r->out, "<p><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>",
             name, label, name, name, _("(todas)"));
    bool matched = !current || !*current;
    for (int i = 0; i < l->n; i++) {
        char id[32];
        snprintf(id, sizeof id, "%lld", (long long)l->v[i].id);
        const char *val = by_id ? id : l->v[i].code;
        /* an institution given by id (the Informe's marks, inst_param) is selected too */
        bool sel = current && (strcmp(current, val) == 0 || (w == WC_INSTITUTION && strcmp(current, id) == 0));
        matched = matched || sel;
        if (w == WC_INSTITUTION)
            str_html(&r->out, "<option value=\"%s\"%s>%s — %s</option>", val, sel ? " selected" : "",
                     l->v[i].code, l->v[i].name);
        else if (w == WC_OBJECTIVE)
            str_html(&r->out, "<option value=\"%s\"%s>%s. %s</option>", val, sel ? " selected" : "",
                     l->v[i].code, l->v[i].name);
        else
            str_html(&r->out, "<option value=\"%s\"%s>%s</option>", val, sel ? " selected" : "", l->v[i].name);
    }
    /* a value the list took that is no one entry («categoria=2,12,3», an
     * Informe mark's list: F13C) stays chosen, so the form keeps it */
    if (!matched) str_html(&r->out, "<option value=\"%s\" selected>%s</option>", current, current);
    str_html(&r->out, "</select></p>");
}

static void select_fixed(Req *r, const char *name, const char *label, const char *const *vals,
                         const char *const *labels, const char *current) {
    str_html(&r->out, "<p><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\"><option value=\"\">%s</option>",
             name, label, name, name, _("(todas)"));
    for (int i = 0; vals[i]; i++)
        str_html(&r->out, "<option value=\"%s\"%s>%s</option>", vals[i],
                 current && strcmp(current, vals[i]) == 0 ? " selected" : "", labels[i]);
    str_html(&r->out, "</select></p>");
}

/* The guiding principle («alguno»: tagged with any) and the IMRF
 * roundtable, the two filters of issue 13 a link may carry: without a
 * control, pressing «Filtrar» dropped them (hostile fault 5). */
static void select_principle_roundtable(Req *r) {
    const CatList *l = cat_list(WC_PRINCIPLE);
    const char **vals = arena_alloc(&r->a, (size_t)(l->n + 2) * sizeof *vals);
    const char **labels = arena_alloc(&r->a, (size_t)(l->n + 2) * sizeof *labels);
    vals[0] = "alguno";
    labels[0] = _("Con algún principio");
    for (int i = 0; i < l->n; i++) {
        vals[i + 1] = l->v[i].code;
        labels[i + 1] = arena_printf(&r->a, "%s. %s", l->v[i].code, l->v[i].name);
    }
    vals[l->n + 1] = labels[l->n + 1] = NULL;
    select_fixed(r, "principio", _("Principio rector"), vals, labels, req_query(r, "principio"));
    const char *mv[FIG_NROUNDTABLES + 1], *ml[FIG_NROUNDTABLES + 1];
    for (int m = 0; m < FIG_NROUNDTABLES; m++) {
        mv[m] = arena_printf(&r->a, "%d", m + 1);
        ml[m] = arena_printf(&r->a, _("Mesa redonda %d"), m + 1);
    }
    mv[FIG_NROUNDTABLES] = ml[FIG_NROUNDTABLES] = NULL;
    select_fixed(r, "mesa", _("Mesa redonda del Foro de Examen"), mv, ml, req_query(r, "mesa"));
}

static void filter_form(Req *r, const Edition *ed) {
    static const char *const yn[] = {"si", "no", "sin_dato", NULL};
    const char *ynl[] = {_("Sí"), _("No"), _("Sin dato"), NULL};
    str_html(&r->out, "<form method=\"get\" action=\"/acciones\" class=\"filters\" role=\"search\">"
                      "<input type=\"hidden\" name=\"edicion\" value=\"%s\">"
                      "<p class=\"wide\"><label for=\"f-q\">%s</label>"
                      "<input id=\"f-q\" type=\"search\" name=\"q\" value=\"%s\"></p>",
             ed->name, _("Buscar por folio, nombre, textos o retos (sin importar acentos ni mayúsculas)"),
             req_query(r, "q") ? req_query(r, "q") : "");
    select_catalog(r, "objetivo", _("Objetivo"), WC_OBJECTIVE, false, req_query(r, "objetivo"));
    select_catalog(r, "tipo", _("Tipo de instancia"), WC_REPORTER_TYPE, false, req_query(r, "tipo"));
    select_catalog(r, "institucion", _("Instancia"), WC_INSTITUTION, false, req_query(r, "institucion"));
    const char *unit = web_pack_word(r, WP_UNIT, true);   /* issue 16: the pack's word */
    select_catalog(r, "estado", *unit ? unit : _("Unidad subnacional"), WC_STATE, false, req_query(r, "estado"));
    select_catalog(r, "tipo_accion", _("Tipo de acción"), WC_ACTION_TYPE, true, req_query(r, "tipo_accion"));
    select_catalog(r, "poblacion", _("Población"), WC_POPULATION, false, req_query(r, "poblacion"));
    select_fixed(r, "genero", _("Enfoque de género"), yn, ynl, req_query(r, "genero"));
    select_fixed(r, "discapacidad", _("Atención a discapacidad"), yn, ynl, req_query(r, "discapacidad"));
    select_catalog(r, "categoria", _("Categoría de reto"), WC_CATEGORY, true, req_query(r, "categoria"));
    select_principle_roundtable(r);
    if (r->logged) {
        const char *st[AS__COUNT + 1] = {NULL}, *stl[AS__COUNT + 1] = {NULL};
        for (int i = 0; i < AS__COUNT; i++) {
            st[i] = status_name((ActionStatus)i);
            stl[i] = status_label_of((ActionStatus)i);
        }
        select_fixed(r, "situacion", _("Situación"), st, stl, req_query(r, "situacion"));
    }
    str_html(&r->out, "<p><button type=\"submit\">%s</button> <a href=\"/acciones?edicion=%s\">%s</a></p></form>",
             _("Filtrar"), ed->name, _("Quitar filtros"));
}

/* A link to another page of the list, keeping every argument but the page
 * (issue 14: «por_pagina» was dropped); the URL is percent-encoded, so
 * only its '&' is escaped, as "&amp;". */
static void page_link(Req *r, int page, const char *label, const char *rel) {
    str_html(&r->out, "<a rel=\"%s\" href=\"", rel);
    str_puts(&r->out, list_page_url(r, "/acciones", page, "&amp;"));
    str_html(&r->out, "\">%s</a>", label);
}

/* The parameters of the URL the list ignored (known_params), named with
 * the ones it takes: a misspelt filter is seen, not silently dropped.
 * Only names web_query_check deems safe are shown; the others are
 * counted (issue 14 round 2, fault 8: no one else's words on the page). */
static void ignored_notice(Req *r) {
    QueryIgnored ig;
    web_query_check(r, filter_names, false, &ig);
    if (!ig.names && !ig.unnamed) return;
    Str names = STR_INIT;
    for (int k = 0; filter_names[k]; k++) str_printf(&names, "%s%s", k ? ", " : "", filter_names[k]);
    str_puts(&r->out, "<div class=\"notice\" role=\"note\" id=\"ignorados\">");
    if (ig.names)
        str_html(&r->out, "<p>%s</p>",
                 arena_printf(&r->a, _("Se ignoró lo que la dirección trae en «%s»: no es un filtro de esta lista; "
                                       "se conocen: %s."), ig.names, names.p));
    if (ig.unnamed)
        str_html(&r->out, "<p>%s</p>",
                 ig.unnamed == 1
                     ? arena_printf(&r->a, _("Se ignoró un parámetro desconocido de la dirección; esta lista "
                                             "conoce: %s."), names.p)
                     : arena_printf(&r->a, _("Se ignoraron %d parámetros desconocidos de la dirección; esta "
                                             "lista conoce: %s."), ig.unnamed, names.p));
    str_puts(&r->out, "</div>");
    str_free(&names);
}

/* The notice of a synthetic example (issue 14 fault 7, issue 13), above
 * a list of its actions or one of them (issue 13 round 3, F13B): a visitor
 * who comes from a search or a link is told too. */
static void synthetic_notice(Req *r, const char *edition) {
    if (store_edition_is_example(r->st, edition))
        str_html(&r->out, "<p class=\"notice example\" id=\"ejemplo\">%s</p>", example_notice_text(NULL));
}

void page_actions(Req *r) {
    ActionFilter f;
    Edition ed;
    if (!actions_filter(r, req_query(r, "edicion"), &f, &ed)) return;
    ActionSummary *rows;
    int n;
    long total;
    if (!store_action_search(r->st, &f, &r->a, &rows, &n, &total)) {
        page_error(r, 500, _("No se pudo consultar las acciones."));
        return;
    }
    r->no_cache = true;
    char title[128];
    snprintf(title, sizeof title, _("Acciones de la edición %s"), ed.name);
    page_begin(r, title);
    synthetic_notice(r, ed.name);
    ignored_notice(r);
    filter_form(r, &ed);
    int page = f.offset / f.limit + 1, pages = (int)((total + f.limit - 1) / f.limit);
    str_html(&r->out, "<p class=\"count\" id=\"total\" data-total=\"%ld\">%s %s</p>", total, web_int(r, total),
             total == 1 ? _("acción") : _("acciones"));
    if (n) {
        str_html(&r->out, "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                 _("Folio"), _("Acción"), _("Instancia"), _("Objetivos"), _("Situación"));
        for (int i = 0; i < n; i++)
            /* data-label: on a phone each row is a card, each cell named (pmm.css) */
            str_html(&r->out, "<tr><td data-label=\"%s\">%-s</td><td><a href=\"/acciones/%lld\">%-s</a></td>"
                              "<td data-label=\"%s\"><abbr title=\"%-s\">%s</abbr></td>"
                              "<td data-label=\"%s\">%s</td><td data-label=\"%s\" class=\"st-%s\">%s</td></tr>",
                     _("Folio"), rows[i].folio, (long long)rows[i].id, rows[i].name, _("Instancia"),
                     rows[i].institution_name, rows[i].institution, _("Objetivos"), rows[i].objectives,
                     _("Situación"), rows[i].status, status_label(rows[i].status));
        str_html(&r->out, "</tbody></table>");
    }
    if (pages > 1) {
        str_html(&r->out, "<nav class=\"pages\" aria-label=\"%s\">", _("Páginas"));
        if (page > 1) page_link(r, page - 1, _("« Anterior"), "prev");
        str_html(&r->out, " <span>%s %d / %d</span> ", _("Página"), page, pages);
        if (page < pages) page_link(r, page + 1, _("Siguiente »"), "next");
        str_html(&r->out, "</nav>");
    }
    page_end(r);
}

/* ---- one action ---- */

/* The action id of the URL, or 0. */
static int64_t url_id(const Req *r) {
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    return id > 0 && !*end ? id : 0;
}

static bool load_action(Req *r, Action *d) {
    int64_t id = url_id(r);
    if (!id || !store_action_get(r->st, id, &r->a, d) || !action_visible(r, d)) {
        /* issue 11 (CAMP2): a mail's link opened logged out leads through the
         * login back here; an id that does not exist too, so nothing tells them apart */
        if (id && !r->logged && strcmp(r->method, "GET") == 0) {
            auth_login_redirect(r);
            return false;
        }
        page_error(r, 404, _("No existe esta acción, o no puede verla."));
        return false;
    }
    return true;
}

/* Whether the edition of D takes changes now (the buttons are offered
 * only then; the write checks again, inside its transaction). */
static bool edition_open(Req *r, const Action *d) {
    return store_edition_accepts_changes(r->st, d->edition_id, NULL);
}

static const char *yes_no_label(int v) {
    return v == 1 ? _("Sí") : v == 0 ? _("No") : _("Sin dato");
}

static void audit_row(void *ctx, const AuditEntry *e) {
    Req *r = ctx;
    str_puts(&r->out, "<tr><td>");
    web_time(r, e->at);              /* issue 14: the installation's time zone */
    str_html(&r->out, "</td><td>%s</td><td>%s</td><td><details><summary>%s</summary>"
                      "<pre>%s</pre><pre>%s</pre></details></td></tr>",
             e->username, e->what, _("valores antes y después"), e->before, e->after);
}

/* A button of the workflow; it carries the version the person saw, so a
 * decision taken on a page that changed meanwhile is refused (409). */
static void workflow_button(Req *r, const Action *d, const char *verb, const char *label) {
    str_html(&r->out, "<form method=\"post\" action=\"/acciones/%lld/%s\" class=\"inline\">"
                      "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
             (long long)d->id, verb, (long long)d->version);
    csrf_field(r);
    str_html(&r->out, "<button type=\"submit\">%s</button></form> ", label);
}

static void action_actions(Req *r, const Action *d) {
    if (!r->logged) return;
    if (!edition_open(r, d)) {
        const char *why = NULL;
        store_edition_accepts_changes(r->st, d->edition_id, &why);
        if (may(r, d, STEP_EDIT) || may(r, d, STEP_SUBMIT) || may(r, d, STEP_RETURN) ||
            may(r, d, STEP_WITHDRAW))
            str_html(&r->out, "<p class=\"frozen\" id=\"frozen\">%s</p>", why ? why : "");
        return;
    }
    str_html(&r->out, "<div class=\"workflow\">");
    if (may(r, d, STEP_EDIT))
        str_html(&r->out, "<a class=\"button\" href=\"/acciones/%lld/editar\">%s</a> ", (long long)d->id, _("Editar"));
    if (may(r, d, STEP_SUBMIT)) workflow_button(r, d, "enviar", _("Enviar a revisión"));
    if (may(r, d, STEP_SUBMIT))
        str_html(&r->out, "<p class=\"hint\" id=\"enviar-ayuda\">%s</p>",
                 _("Enviar a revisión la pasa a la coordinación, que la valida o la devuelve con un "
                   "comentario; mientras espera, la instancia ya no puede editarla, pero puede retirarla de revisión."));
    if (may(r, d, STEP_WITHDRAW)) workflow_button(r, d, "retirar", _("Retirar de revisión"));
    if (may(r, d, STEP_DELETE)) workflow_button(r, d, "borrar", _("Borrar borrador"));
    if (may(r, d, STEP_VALIDATE)) workflow_button(r, d, "validar", _("Validar"));
    if (may(r, d, STEP_RETURN)) {
        str_html(&r->out, "<form method=\"post\" action=\"/acciones/%lld/devolver\" class=\"return\">"
                          "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                 (long long)d->id, (long long)d->version);
        csrf_field(r);
        str_html(&r->out, "<p><label for=\"comentario\">%s</label>"
                          "<textarea id=\"comentario\" name=\"comentario\" rows=\"3\" required></textarea></p>"
                          "<p><button type=\"submit\">%s</button></p></form>",
                 _("Comentario para la instancia"), _("Devolver con comentario"));
    }
    str_html(&r->out, "</div>");
}

/* «Destacada en el Informe» (issue 12): a coordinator marks an action so
 * that the Informe names it first under its principal objective. */
static void feature_box(Req *r, const Action *d) {
    bool on = false;
    if (!store_action_featured(r->st, d->id, &on)) return;
    if (on) str_html(&r->out, "<p class=\"featured\" id=\"destacada\">%s</p>", _("Destacada en el Informe"));
    if (!has_role(r, ROLE_COORDINADOR) || !edition_open(r, d)) return;
    str_html(&r->out, "<form method=\"post\" action=\"/acciones/%lld/destacar\" class=\"inline\">"
                      "<input type=\"hidden\" name=\"destacada\" value=\"%s\">",
             (long long)d->id, on ? "0" : "1");
    csrf_field(r);
    str_html(&r->out, "<button type=\"submit\">%s</button></form>",
             on ? _("Quitar de destacadas") : _("Marcar como destacada en el Informe"));
}

void page_action_feature(Req *r) {
    if (!has_role(r, ROLE_COORDINADOR)) {
        page_error(r, 403, _("Solo una coordinación puede marcar acciones destacadas."));
        return;
    }
    int64_t id = url_id(r);
    const char *v = req_form(r, "destacada");
    if (!v || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)) {
        page_error(r, 422, _("Indique destacada=1 o destacada=0."));
        return;
    }
    const char *why = NULL;
    FeatureResult res = id ? store_action_set_featured(r->st, id, r->user.id, v[0] == '1', &why) : FEATURE_GONE;
    if (res == FEATURE_GONE) page_error(r, 404, _("No existe esta acción, o no puede verla."));
    else if (res == FEATURE_FROZEN) page_error(r, 409, why ? why : "");
    else if (res != FEATURE_OK) page_error(r, 503, _("No se pudo guardar el cambio; inténtelo de nuevo."));
    else req_redirect(r, arena_printf(&r->a, "/acciones/%lld", (long long)id));
}

static void action_fields_dl(Req *r, const Action *d) {
    Str *o = &r->out;
    str_html(o, "<dl class=\"action\"><dt>%s</dt><dd>%-s</dd><dt>%s</dt><dd><a href=\"/ediciones/%s\">%-s</a></dd>"
                "<dt>%s</dt><dd>%s — %-s (%s)%s%s</dd><dt>%s</dt><dd><ul id=\"objectives\">",
             _("Folio"), d->folio, _("Edición"), d->edition, d->edition, _("Instancia"), d->institution,
             d->institution_name, d->reporter_type_name, *d->state_name ? ", " : "", d->state_name,
             _("Objetivos"));
    for (int i = 0; i < d->nobj; i++) {
        const CatEntry *e = cat_by_id(WC_OBJECTIVE, d->objectives[i]);
        str_html(o, "<li><a href=\"/objetivos#o%d\">%d</a>. %s%s</li>", d->objectives[i], d->objectives[i],
                 e ? e->name : "", i == 0 ? _(" (principal)") : "");
    }
    str_html(o, "</ul></dd><dt>%s</dt><dd class=\"text\">%-s</dd><dt>%s</dt><dd class=\"text\">%-s</dd>"
                "<dt>%s</dt><dd>", _("Descripción"), d->description, _("Resultados"), d->results,
             _("Tipo de acción"));
    for (int i = 0; i < d->ntypes; i++) str_html(o, "%s%s", i ? "; " : "", d->type_names[i]);
    str_html(o, "</dd><dt>%s</dt><dd>", _("Población atendida"));
    for (int i = 0; i < d->npops; i++) str_html(o, "%s%s", i ? "; " : "", d->pop_names[i]);
    if (!d->npops) str_html(o, "%s", _("No especificada"));
    str_html(o, "</dd><dt>%s</dt><dd><ul id=\"principles\">", _("Principios rectores"));
    for (int i = 0; i < d->nprin; i++) {           /* issue 13 */
        const CatEntry *e = cat_by_id(WC_PRINCIPLE, d->principles[i]);
        str_html(o, "<li><a href=\"/principios#p%d\">%d</a>. %s</li>", d->principles[i], d->principles[i],
                 e ? e->name : "");
    }
    str_html(o, "</ul>");
    if (!d->nprin) str_html(o, "%s", _("No señalados"));
    str_html(o, "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
             _("Enfoque en mujeres, niñas y adolescentes"), yes_no_label(d->gender_focus),
             _("Atención a personas con discapacidad"), yes_no_label(d->disability),
             _("Personas beneficiarias"));
    if (d->beneficiaries >= 0) str_html(o, "%s", web_int(r, d->beneficiaries));     /* F14B: «797 022» */
    else str_html(o, "%s", _("Sin dato"));
    str_html(o, "</dd></dl>");
}

static void action_challenges(Req *r, const Action *d) {
    Str *o = &r->out;
    str_html(o, "<h2>%s</h2>", _("Retos"));
    if (!d->nchallenges) {
        str_html(o, "<p>%s</p>", _("No se señalaron retos."));
        return;
    }
    str_html(o, "<ul class=\"challenges\" data-count=\"%d\">", d->nchallenges);
    for (int i = 0; i < d->nchallenges; i++) {
        const Challenge *c = &d->challenges[i];
        str_html(o, "<li>%-s", c->text);
        if (c->category_id)
            str_html(o, " <a class=\"cat\" href=\"/glosario#c%lld\">%s</a>", (long long)c->category_id, c->category);
        str_html(o, "</li>");
    }
    str_html(o, "</ul>");
}

/* An action of an older published revision (a link made before the
 * edition was published again) says so, and leads to the same action in
 * the newest revision, or says it is no longer there (web fault 5). */
static void revision_notice(Req *r, const Action *d) {
    ActionRevision rev;
    if (!store_action_revision(r->st, d->id, &rev) || !rev.revision || rev.revision >= rev.latest) return;
    Str *o = &r->out;
    str_html(o, "<div class=\"comment notice\" role=\"note\" id=\"old-revision\"><p>");
    str_html(o, _("Esta página muestra la acción como se publicó en la revisión %d de la edición %s. "
                  "La edición se publicó de nuevo: la revisión vigente es la %d."),
             rev.revision, rev.edition, rev.latest);
    str_html(o, "</p><p>");
    if (rev.latest_id)
        str_html(o, "<a href=\"/acciones/%lld\" id=\"latest-revision\">%s</a>", (long long)rev.latest_id,
                 _("Ver esta acción en la revisión vigente"));
    else
        str_html(o, "%s", _("La acción ya no aparece en la revisión vigente: se retiró o dejó de estar validada."));
    str_html(o, "</p></div>");
}

/* ---- the review thread (issue 11) ---- */

static const char *step_label(const char *step) {
    if (strcmp(step, "enviar") == 0) return _("Enviada a revisión");
    if (strcmp(step, "retirar") == 0) return _("Retirada de revisión");
    if (strcmp(step, "devolver") == 0) return _("Devuelta con comentario");
    if (strcmp(step, "validar") == 0) return _("Validada");
    return step;
}

static void thread_row(void *ctx, const ThreadEntry *e) {
    Req *r = ctx;
    str_html(&r->out, "<li class=\"step-%s\">", e->step);
    web_time(r, e->at);              /* issue 14: the installation's time zone */
    str_html(&r->out, " <strong>%s</strong> (%s)", step_label(e->step), e->username);
    if (*e->comment) str_html(&r->out, "<blockquote>%-s</blockquote>", e->comment);
    str_html(&r->out, "</li>");
}

/* ---- what a save did, said on the page the save redirects to ----
 * A short-lived cookie (the redirect's URL stays the action's URL) that the
 * action page reads once and clears. */
static const char *const flash_codes[] = {"guardada", "enviada"};

static void flash_set(Req *r, int which) {
    req_set_header(r, "Set-Cookie", arena_printf(&r->a, "pmm_aviso=%s; Path=/acciones; Max-Age=120; HttpOnly; "
                                                       "SameSite=Strict%s", flash_codes[which],
                                                 r->https ? "; Secure" : ""));
}

static void flash_show(Req *r) {
    const char *c = req_cookie(r, "pmm_aviso");
    if (!c) return;
    const char *text[] = {_("Cambios guardados. La situación de la acción no cambió."),
                          _("Acción enviada a revisión: la coordinación la validará o se la devolverá "
                            "con un comentario.")};
    for (int i = 0; i < 2; i++)
        if (strcmp(c, flash_codes[i]) == 0)
            str_html(&r->out, "<div class=\"notice\" role=\"status\" id=\"aviso\"><p>%s</p></div>", text[i]);
    req_set_header(r, "Set-Cookie", arena_printf(&r->a, "pmm_aviso=; Path=/acciones; Max-Age=0; HttpOnly; "
                                                       "SameSite=Strict%s", r->https ? "; Secure" : ""));
}

/* The current reviewer's comment (kept in the action, also when it was
 * written before the audit log recorded comments), then every submission,
 * withdrawal, return with its comment and validation, in order. */
static void review_thread(Req *r, const Action *d) {
    Str *o = &r->out;
    if (*d->comment)
        str_html(o, "<div class=\"comment\" role=\"note\"><h2>%s</h2><p id=\"comment\">%-s</p></div>",
                 _("Comentario de la revisión"), d->comment);
    str_html(o, "<details class=\"review\" open><summary>%s</summary><ol class=\"thread\" id=\"thread\">",
             _("Historial de la revisión"));
    store_review_thread(r->st, d->id, thread_row, r);
    str_html(o, "</ol></details>");
}

static void open_editions(Req *r, EdList *out);

void page_action(Req *r) {
    Action d;
    if (!load_action(r, &d)) return;
    r->no_cache = true;
    page_begin(r, d.name);
    Str *o = &r->out;
    flash_show(r);
    synthetic_notice(r, d.edition);
    revision_notice(r, &d);
    str_html(o, "<p class=\"status st-%s\">%s: <strong id=\"status\">%s</strong></p>", d.status,
             _("Situación"), status_label(d.status));
    if (r->logged && (is_staff(r) || is_own(r, &d))) review_thread(r, &d);
    action_actions(r, &d);
    if (r->logged) feature_box(r, &d);
    EdList open;                       /* issue 13: continuing programs, both ways */
    open_editions(r, &open);
    continuation_box(r, &d, open.v, open.n);
    action_fields_dl(r, &d);
    practice_box(r, &d);             /* issue 13 */
    action_challenges(r, &d);
    if (is_staff(r)) {
        str_html(o, "<h2>%s</h2><table class=\"audit\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
                 _("Bitácora de cambios"), _("Fecha"), _("Usuario"), _("Cambio"), _("Valores"));
        store_audit_list(r->st, d.id, audit_row, r);
        str_html(o, "</tbody></table>");
    }
    page_end(r);
}

/* ---- the audit record of an action ---- */

static char *action_json(Req *r, const Action *d) {
    json_t *o = json_object(), *objs = json_array(), *types = json_array(), *pops = json_array(),
           *ch = json_array();
    for (int i = 0; i < d->nobj; i++) json_array_append_new(objs, json_integer(d->objectives[i]));
    for (int i = 0; i < d->ntypes; i++) {
        const CatEntry *e = cat_by_id(WC_ACTION_TYPE, d->types[i]);
        json_array_append_new(types, json_string(e ? e->name : "?"));
    }
    for (int i = 0; i < d->npops; i++) {
        const CatEntry *e = cat_by_id(WC_POPULATION, d->pops[i]);
        json_array_append_new(pops, json_string(e ? e->code : "?"));
    }
    for (int i = 0; i < d->nchallenges; i++) {
        const CatEntry *e = cat_by_id(WC_CATEGORY, d->challenges[i].category_id);
        json_array_append_new(ch, json_pack("{s:s, s:s?}", "reto", d->challenges[i].text,
                                            "categoria", e ? e->name : NULL));
    }
    const CatEntry *inst = cat_by_id(WC_INSTITUTION, d->institution_id);
    json_object_set_new(o, "folio", json_string(d->folio ? d->folio : ""));
    json_object_set_new(o, "institucion", json_string(inst ? inst->code : "?"));
    json_object_set_new(o, "objetivos", objs);
    json_object_set_new(o, "nombre", json_string(d->name ? d->name : ""));
    json_object_set_new(o, "descripcion", json_string(d->description ? d->description : ""));
    json_object_set_new(o, "resultados", json_string(d->results ? d->results : ""));
    json_object_set_new(o, "tipo_accion", types);
    json_object_set_new(o, "poblacion", pops);
    json_object_set_new(o, "enfoque_genero", d->gender_focus < 0 ? json_null() : json_boolean(d->gender_focus));
    json_object_set_new(o, "discapacidad", d->disability < 0 ? json_null() : json_boolean(d->disability));
    json_object_set_new(o, "beneficiarios", d->beneficiaries < 0 ? json_null() : json_integer(d->beneficiaries));
    json_object_set_new(o, "retos", ch);
    json_t *prin = json_array();
    for (int i = 0; i < d->nprin; i++) json_array_append_new(prin, json_integer(d->principles[i]));
    json_object_set_new(o, "principios", prin);      /* issue 13 */
    /* issue 13 (F13): the link is a field, compared and audited as one */
    json_object_set_new(o, "continua_folio", json_string(d->continues_folio ? d->continues_folio : ""));
    json_object_set_new(o, "continua_edicion", json_string(d->continues_edition ? d->continues_edition : ""));
    json_object_set_new(o, "situacion", json_string(d->status ? d->status : ""));
    json_object_set_new(o, "comentario", json_string(d->comment ? d->comment : ""));
    json_object_set_new(o, "version", json_integer(d->version));
    char *s = json_dumps(o, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    char *copy = arena_strdup(&r->a, s ? s : "{}");
    free(s);
    json_decref(o);
    return copy;
}

/* ---- writes: every check and the write it guards in one transaction ---- */

/* Runs the checks of a write of action ID (0: a new one in EDITION_ID)
 * inside the open transaction: CUR receives the action as stored now. A
 * person who saw another version (VERSION > 0) is told that it changed
 * before anything else: the state they were refused is not the one they
 * saw. */
static WriteResult write_checks(Req *r, WorkflowStep step, int64_t id, int64_t edition_id,
                                int64_t version, Action *cur, const char **why) {
    if (id) {
        if (!store_action_get(r->st, id, &r->a, cur) || !action_visible(r, cur)) return WR_GONE;
        edition_id = cur->edition_id;
        if (version > 0 && version != cur->version) return WR_STALE;
        if (!may(r, cur, step)) return WR_FORBIDDEN;
    } else if (!has_role(r, ROLE_ENLACE) && !has_role(r, ROLE_COORDINADOR)) {
        return WR_FORBIDDEN;
    }
    if (!store_edition_accepts_changes(r->st, edition_id, why)) return WR_FROZEN;
    return WR_OK;
}

WriteResult action_edit_allowed(Req *r, int64_t id, const char **why) {
    Action cur;
    return write_checks(r, STEP_EDIT, id, 0, 0, &cur, why);
}

/* Ends the transaction of a write: commits on WR_OK, else rolls back. */
static WriteResult write_end(Req *r, WriteResult res) {
    if (res == WR_OK && !store_commit(r->st)) return WR_ERROR;
    if (res != WR_OK) store_rollback(r->st);
    return res;
}

/* Why a transaction could not begin: mostly another process holding the
 * database past the busy timeout, which the person may simply retry. */
static WriteResult begin_failed(Req *r) {
    return store_last_failure(r->st) == STORE_FAIL_BUSY ? WR_BUSY : WR_ERROR;
}

/* Why the store refused to save: a version moved on, a folio taken by a
 * writer outside this process (the UNIQUE index), or the database. */
static WriteResult save_failed(Req *r, bool stale) {
    if (stale) return WR_STALE;
    StoreFailure f = store_last_failure(r->st);
    return f == STORE_FAIL_UNIQUE ? WR_FOLIO : f == STORE_FAIL_BUSY ? WR_BUSY : WR_ERROR;
}

/* Whether D, as it would be saved, is CUR as stored: the audit record of
 * both is the same text (a form saved without a change). */
static bool unchanged(Req *r, const Action *cur, const Action *d) {
    return strcmp(action_json(r, cur), action_json(r, d)) == 0;
}

/* issue 13 (F13): the rules of an action's links kept at every write,
 * inside its transaction: its continuation link as asked (a PUT's
 * continua_folio, the form's «continua»), no link across institutions
 * (an institution changed under one), and a good practice keeps a guiding
 * principle. R->why_field names the field refused. */
static WriteResult link_rules(Req *r, const Action *d, const char **why) {
    WriteResult res = d->continues_id ? continuation_link(r, d, why) : WR_OK;
    if (res != WR_OK) r->why_field = action_fields[AF_CONTINUA_FOLIO].name;
    if (res == WR_OK) res = continuation_crossing(r, d->id, why);
    if (res != WR_OK && !r->why_field) r->why_field = action_fields[AF_INSTITUCION].name;
    bool broken = false;
    if (res == WR_OK && !store_practice_untagged(r->st, d->id, &broken)) res = WR_ERROR;
    if (res == WR_OK && broken) {
        *why = practice_principle_rule();
        r->why_field = action_fields[AF_PRINCIPIOS].name;
        res = WR_INCOMPLETE;
    }
    return res;
}

/* D's continua_folio and continua_edicion as the edit D leaves them: the
 * action D->continues_id names, or the link as stored when it names none.
 * The link itself is set and checked after the action is saved (link_rules),
 * against the institution and edition the write gives (issue 13 round 3,
 * F13C: an institution and its link changed in one write were checked
 * against the institution stored before). */
static WriteResult link_asked(Req *r, Action *d, const char **why) {
    if (!d->continues_id)
        return store_continues_folio(r->st, d->id, &r->a, &d->continues_folio, &d->continues_edition) ? WR_OK
                                                                                                      : WR_ERROR;
    Action o;
    if (!store_action_get(r->st, d->continues_id, &r->a, &o)) {
        WriteResult res = continuation_link(r, d, why);   /* gone: refused beside the field, as it says */
        r->why_field = action_fields[AF_CONTINUA_FOLIO].name;
        return res == WR_OK ? WR_ERROR : res;
    }
    d->continues_folio = o.folio;
    d->continues_edition = o.edition;
    return WR_OK;
}

WriteResult action_write(Req *r, Action *d, const char *what, const char **why) {
    if (!store_begin(r->st)) return begin_failed(r);
    Action cur;
    memset(&cur, 0, sizeof cur);
    bool is_new = d->id == 0;
    r->why_field = NULL;
    WriteResult res = write_checks(r, STEP_EDIT, d->id, d->edition_id, d->id ? d->version : 0, &cur, why);
    if (res == WR_OK && !is_new) {
        /* An edit always says which version it changes; without one it
         * is treated as stale rather than written over blindly. */
        if (d->version <= 0) res = WR_STALE;
        d->edition_id = cur.edition_id;
        d->status = cur.status;
        d->comment = cur.comment;
    }
    if (res == WR_OK && has_role(r, ROLE_ENLACE)) d->institution_id = r->user.institution_id;
    /* Checked inside the transaction that inserts: two creates racing with
     * one folio cannot both pass the check (web fault 4). */
    if (res == WR_OK && d->folio && *d->folio && store_folio_taken(r->st, d->edition_id, d->folio, d->id))
        res = WR_FOLIO;
    /* issue 13 (F13, fault 1): an edit's continuation link is a field like
     * the others: D says the link the write gives, so that a change of the
     * link alone is a change (written, version bumped) and no link asked
     * keeps the one there is; one asked away is removed the same way
     * (issue 13, F1316): a change, by whoever may edit */
    if (res == WR_OK && !is_new && !d->continues_id && d->continues_drop &&
        !store_continuation_drop(r->st, d->id))
        res = WR_ERROR;
    if (res == WR_OK && !is_new) res = link_asked(r, d, why);
    if (res == WR_OK && !is_new && unchanged(r, &cur, d)) return write_end(r, WR_OK);
    bool stale = false;
    Action after;
    if (res == WR_OK && !store_action_save(r->st, d, &stale)) res = save_failed(r, stale);
    if (res == WR_OK) res = link_rules(r, d, why);
    if (res == WR_OK)
        res = !store_action_get(r->st, d->id, &r->a, &after) ||
              !store_audit_add(r->st, r->user.id, d->id, what, is_new ? NULL : action_json(r, &cur),
                               action_json(r, &after)) ? WR_ERROR : WR_OK;
    return write_end(r, res);
}

/* Submitting asks for a complete action (core/campaign.c's rule); *WHY
 * then says what is missing. */
static WriteResult complete_check(Req *r, const Action *cur, const char **why) {
    Str missing = STR_INIT;
    bool ok = action_complete(cur, &missing);
    if (!ok)
        *why = arena_printf(&r->a, _("Para enviar la acción a revisión falta completar: %s."), str_cstr(&missing));
    str_free(&missing);
    return ok ? WR_OK : WR_INCOMPLETE;
}

/* A good practice validated names a guiding principle (issue 13, F13,
 * fault 3: one returned, saved without any and validated kept its mark). */
static WriteResult practice_check(Req *r, int64_t id, const char **why) {
    bool broken = false;
    if (!store_practice_untagged(r->st, id, &broken)) return WR_ERROR;
    if (broken) *why = practice_principle_rule();
    return broken ? WR_INCOMPLETE : WR_OK;
}

/* Deletes the draft CUR (STEP_DELETE) with its audit record: its last
 * state, so that what was deleted can be told. */
static WriteResult delete_draft(Req *r, const Action *cur, int64_t version) {
    bool deleted = false;
    return !store_action_delete_if(r->st, cur->id, workflow_from(STEP_DELETE, r->user.role, is_own(r, cur)),
                                   version, &deleted) ? WR_ERROR
         : !deleted ? WR_STATE
         : !store_audit_add(r->st, r->user.id, cur->id, workflow_step_name(STEP_DELETE), action_json(r, cur),
                            NULL) ? WR_ERROR : WR_OK;
}

WriteResult action_step(Req *r, WorkflowStep step, int64_t id, int64_t version, const char *comment,
                        const char **why) {
    if (!store_begin(r->st)) return begin_failed(r);
    Action cur, after;
    WriteResult res = write_checks(r, step, id, 0, version, &cur, why);
    if (res == WR_OK && step == STEP_SUBMIT) res = complete_check(r, &cur, why);
    if (res == WR_OK && step == STEP_VALIDATE) res = practice_check(r, id, why);   /* issue 13 (F13) */
    if (res == WR_OK && step == STEP_DELETE) return write_end(r, delete_draft(r, &cur, version));
    ActionStatus from = AS_BORRADOR;
    status_parse(cur.status, &from);
    bool changed = false;
    if (res == WR_OK)
        /* The state condition of the UPDATE is the rule just checked. */
        res = !store_action_set_status(r->st, id, workflow_from(step, r->user.role, is_own(r, &cur)),
                                       workflow_to(step, from), comment, version, &changed) ? WR_ERROR
            : !changed ? WR_STATE
            : !store_action_get(r->st, id, &r->a, &after) ||
              !store_audit_add(r->st, r->user.id, id, workflow_step_name(step), action_json(r, &cur),
                               action_json(r, &after)) ? WR_ERROR : WR_OK;
    return write_end(r, res);
}

int write_status(Req *r, WriteResult res) {
    static const int status[] = {[WR_OK] = 200, [WR_GONE] = 404, [WR_FORBIDDEN] = 403, [WR_STATE] = 409,
                                 [WR_FROZEN] = 409, [WR_STALE] = 409, [WR_ERROR] = 500, [WR_BUSY] = 503,
                                 [WR_FOLIO] = 422, [WR_INCOMPLETE] = 422};
    if (res == WR_BUSY) req_set_header(r, "Retry-After", WEB_BUSY_RETRY_AFTER);
    return status[res];
}

const char *write_message(WriteResult res, const char *why) {
    switch (res) {
    case WR_GONE: return _("No existe esta acción, o no puede verla.");
    case WR_FORBIDDEN: return _("No puede hacer este cambio en esta acción.");
    case WR_STATE: return _("La situación de la acción cambió mientras usted la veía: vuelva a cargarla.");
    case WR_FROZEN: return why ? why : _("La edición no admite cambios.");
    case WR_STALE: return _("Otra persona modificó esta acción mientras usted la veía: no se guardó nada.");
    case WR_ERROR: return _("No se pudo guardar la acción.");
    case WR_BUSY: return _("La base de datos está ocupada por otro proceso y no se guardó nada. "
                           "Inténtelo de nuevo en unos momentos.");
    case WR_INCOMPLETE: return why ? why : "";
    default: return "";
    }
}

/* ---- the form ---- */

/* The form's errors, and the beneficiaries as typed when they were not a number. */
typedef struct {
    FieldErrors e;
    const char *benef_raw;
    const char *conflict;        /* a stale save: what the person is told */
} FormState;

static bool has_int(const int *v, int n, int x) {
    for (int i = 0; i < n; i++) if (v[i] == x) return true;
    return false;
}

static bool has_id(const int64_t *v, int n, int64_t x) {
    for (int i = 0; i < n; i++) if (v[i] == x) return true;
    return false;
}

static void radio_yes_no(Req *r, const char *name, const char *legend, int v) {
    str_html(&r->out, "<fieldset><legend>%s</legend>", legend);
    static const char *const vals[] = {"si", "no", ""};
    const char *labels[] = {_("Sí"), _("No"), _("Sin dato")};
    int want[] = {1, 0, -1};
    for (int i = 0; i < 3; i++)
        str_html(&r->out, "<label><input type=\"radio\" name=\"%s\" value=\"%s\"%s> %s</label> ", name, vals[i],
                 v == want[i] ? " checked" : "", labels[i]);
    str_html(&r->out, "</fieldset>");
}

/* Empty challenge rows offered below the action's own: a page has no
 * script to add rows, and no number of challenges is refused. */
#define EXTRA_CHALLENGE_ROWS 3

static void challenge_rows(Req *r, const Action *d, const FormState *fs) {
    const CatList *cats = cat_list(WC_CATEGORY);
    str_html(&r->out, "<fieldset class=\"challenges\"><legend>%s</legend><p class=\"hint\">%s "
                      "<a href=\"/glosario\">%s</a>. %s</p>",
             _("Retos"), _("Un reto por renglón; clasifíquelo con una categoría del"), _("glosario"),
             _("Para más retos, guarde: el formulario ofrecerá renglones nuevos."));
    field_error(r, &fs->e, "retos");
    int rows = d->nchallenges + EXTRA_CHALLENGE_ROWS;
    for (int i = 0; i < rows; i++) {
        const Challenge *c = i < d->nchallenges ? &d->challenges[i] : NULL;
        str_html(&r->out, "<div class=\"challenge\"><p><label for=\"reto-%d\">%s %d</label>"
                          "<textarea id=\"reto-%d\" name=\"reto_texto\" rows=\"2\">%s</textarea></p>"
                          "<p><label for=\"cat-%d\">%s %d</label><select id=\"cat-%d\" name=\"reto_categoria\">"
                          "<option value=\"\">%s</option>",
                 i, _("Reto"), i + 1, i, c ? c->text : "", i, _("Categoría del reto"), i + 1, i, _("(sin clasificar)"));
        for (int k = 0; k < cats->n; k++)
            str_html(&r->out, "<option value=\"%lld\" title=\"%s\"%s>%s</option>", (long long)cats->v[k].id,
                     cats->v[k].extra, c && c->category_id == cats->v[k].id ? " selected" : "", cats->v[k].name);
        str_html(&r->out, "</select></p></div>");
    }
    str_html(&r->out, "<details class=\"glossary\"><summary>%s</summary><dl>", _("Definiciones de las categorías"));
    for (int k = 0; k < cats->n; k++)
        str_html(&r->out, "<dt>%s</dt><dd>%s</dd>", cats->v[k].name, cats->v[k].extra);
    str_html(&r->out, "</dl></details></fieldset>");
}

/* The principal objective is chosen on its own (a select), the others
 * with checkboxes: a browser sends checkboxes in page order, so "the
 * first checked" could never say which one is the principal. */
static void objective_fields(Req *r, const Action *d, const FormState *fs) {
    Str *o = &r->out;
    const CatList *ol = cat_list(WC_OBJECTIVE);
    int principal = d->nobj ? d->objectives[0] : 0;
    str_puts(o, "<fieldset class=\"objectives\"");
    invalid_attrs(o, &fs->e, "objetivos");
    str_html(o, "><legend>%s</legend>", _("Objetivos del Pacto (obligatorio)"));
    field_error(r, &fs->e, "objetivos");
    str_html(o, "<p><label for=\"objetivo_principal\">%s</label><select id=\"objetivo_principal\" "
                "name=\"objetivo_principal\"><option value=\"\">%s</option>",
             _("Objetivo principal"), _("(elija)"));
    for (int i = 0; i < ol->n; i++)
        str_html(o, "<option value=\"%lld\"%s>%s. %s</option>", (long long)ol->v[i].id,
                 principal == (int)ol->v[i].id ? " selected" : "", ol->v[i].code, ol->v[i].name);
    str_html(o, "</select></p><p>%s</p>", _("Otros objetivos a los que contribuye:"));
    /* The checkboxes come back in page order: the stored order of the
     * others rides along, so an unchanged save keeps it (objectives_value). */
    str_puts(o, "<input type=\"hidden\" name=\"objetivos_orden\" value=\"");
    for (int i = 1; i < d->nobj; i++) str_html(o, "%s%d", i > 1 ? ";" : "", d->objectives[i]);
    str_puts(o, "\">");
    for (int i = 0; i < ol->n; i++)
        str_html(o, "<label><input type=\"checkbox\" name=\"objetivos\" value=\"%lld\"%s> <strong>%s.</strong> %s</label>",
                 (long long)ol->v[i].id,
                 d->nobj > 1 && has_int(d->objectives + 1, d->nobj - 1, (int)ol->v[i].id) ? " checked" : "",
                 ol->v[i].code, ol->v[i].name);
    str_html(o, "</fieldset>");
}

static void catalog_checks(Req *r, const char *legend, const char *name, WebCatalog w, const int64_t *ids, int n) {
    str_html(&r->out, "<fieldset><legend>%s</legend>", legend);
    const CatList *l = cat_list(w);
    for (int i = 0; i < l->n; i++)
        str_html(&r->out, "<label><input type=\"checkbox\" name=\"%s\" value=\"%lld\"%s> %s</label>", name,
                 (long long)l->v[i].id, has_id(ids, n, l->v[i].id) ? " checked" : "", l->v[i].name);
    str_html(&r->out, "</fieldset>");
}

/* issue 13: the guiding principles the action serves, numbered as the
 * catalog, each with what it asks (the catalog's description) */
static void principle_checks(Req *r, const Action *d, const FormState *fs) {
    int64_t *ids = arena_alloc(&r->a, sizeof *ids * (size_t)(d->nprin + 1));
    for (int i = 0; i < d->nprin; i++) ids[i] = d->principles[i];
    str_html(&r->out, "<fieldset class=\"principles\"><legend>%s</legend>", _("Principios rectores del Pacto"));
    const CatList *l = cat_list(WC_PRINCIPLE);
    for (int i = 0; i < l->n; i++)
        str_html(&r->out, "<label title=\"%s\"><input type=\"checkbox\" name=\"principios\" value=\"%lld\"%s> "
                          "<strong>%s.</strong> %s</label>", l->v[i].extra, (long long)l->v[i].id,
                 has_id(ids, d->nprin, l->v[i].id) ? " checked" : "", l->v[i].code, l->v[i].name);
    field_error(r, &fs->e, "principios");
    str_html(&r->out, "</fieldset>");
}

static void edition_field(Req *r, const Action *d, const FormState *fs, const EdList *editions) {
    str_html(&r->out, "<p><label for=\"edicion\">%s</label><select id=\"edicion\" name=\"edicion\">", _("Edición"));
    for (int i = 0; i < editions->n; i++)
        str_html(&r->out, "<option value=\"%s\"%s>%s (%s)</option>", editions->v[i].name,
                 d->edition_id == editions->v[i].id ? " selected" : "", editions->v[i].name,
                 edition_state_label(editions->v[i].state));
    str_html(&r->out, "</select></p>");
    field_error(r, &fs->e, "edicion");
}

static void institution_field(Req *r, const Action *d, const FormState *fs) {
    Str *o = &r->out;
    if (has_role(r, ROLE_ENLACE)) {
        str_html(o, "<p>%s: <strong>%s</strong></p>", _("Instancia"), r->user.institution);
        return;
    }
    const CatList *l = cat_list(WC_INSTITUTION);
    str_html(o, "<p><label for=\"institucion\">%s</label><select id=\"institucion\" name=\"institucion\"", _("Instancia"));
    invalid_attrs(o, &fs->e, "institucion");
    str_html(o, "><option value=\"\">%s</option>", _("(elija)"));
    for (int i = 0; i < l->n; i++)
        str_html(o, "<option value=\"%lld\"%s>%s — %s</option>", (long long)l->v[i].id,
                 d->institution_id == l->v[i].id ? " selected" : "", l->v[i].code, l->v[i].name);
    str_html(o, "</select>");
    field_error(r, &fs->e, "institucion");
    str_html(o, "</p>");
}

static void action_form(Req *r, const Action *d, const FormState *fs, const char *url, const EdList *editions) {
    Str *o = &r->out;
    if (fs->conflict) {
        str_html(o, "<div class=\"errors conflict\" role=\"alert\" id=\"conflict\"><p>%s</p>", fs->conflict);
        if (d->id)
            str_html(o, "<p><a href=\"/acciones/%lld\">%s</a></p>", (long long)d->id,
                     _("Ver la acción como está ahora"));
        str_puts(o, "</div>");
    } else if (fs->e.n)
        str_html(o, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>",
                 _("La acción no se guardó: corrija los campos señalados."));
    str_html(o, "<form method=\"post\" action=\"%s\" class=\"action-form\" novalidate>", url);
    csrf_field(r);
    if (d->id) str_html(o, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)d->version);
    if (editions) edition_field(r, d, fs, editions);
    continuation_field(r, d);          /* issue 13: a continuing program */
    str_html(o, "<p><label for=\"folio\">%s</label><input id=\"folio\" name=\"folio\" maxlength=\"64\" value=\"%s\"",
             _("Folio (si lo deja vacío se asigna uno)"), d->folio ? d->folio : "");
    invalid_attrs(o, &fs->e, "folio");
    str_puts(o, ">");
    field_error(r, &fs->e, "folio");
    str_html(o, "</p>");
    institution_field(r, d, fs);
    str_html(o, "<p><label for=\"nombre\">%s</label><input id=\"nombre\" name=\"nombre\" required maxlength=\"1000\" value=\"%s\"",
             _("Nombre de la acción o programa (obligatorio)"), d->name ? d->name : "");
    invalid_attrs(o, &fs->e, "nombre");
    str_puts(o, ">");
    field_error(r, &fs->e, "nombre");
    str_html(o, "</p><p><label for=\"descripcion\">%s</label><textarea id=\"descripcion\" name=\"descripcion\" rows=\"5\"",
             _("Descripción"));
    invalid_attrs(o, &fs->e, "descripcion");
    str_html(o, ">%s</textarea>", d->description ? d->description : "");
    field_error(r, &fs->e, "descripcion");
    str_html(o, "</p><p><label for=\"resultados\">%s</label><textarea id=\"resultados\" name=\"resultados\" rows=\"4\"",
             _("Resultados"));
    invalid_attrs(o, &fs->e, "resultados");
    str_html(o, ">%s</textarea>", d->results ? d->results : "");
    field_error(r, &fs->e, "resultados");
    str_html(o, "</p>");
    objective_fields(r, d, fs);
    catalog_checks(r, _("Tipo de acción"), "tipo_accion", WC_ACTION_TYPE, d->types, d->ntypes);
    catalog_checks(r, _("Población atendida"), "poblacion", WC_POPULATION, d->pops, d->npops);
    principle_checks(r, d, fs);
    radio_yes_no(r, "enfoque_genero", _("¿Tiene enfoque específico en mujeres, niñas y/o adolescentes?"), d->gender_focus);
    radio_yes_no(r, "discapacidad", _("¿Da atención específica a personas con discapacidad?"), d->disability);
    char benef[32] = "";
    if (fs->benef_raw) snprintf(benef, sizeof benef, "%.31s", fs->benef_raw);
    else if (d->beneficiaries >= 0) snprintf(benef, sizeof benef, "%lld", d->beneficiaries);
    str_html(o, "<p><label for=\"beneficiarios\">%s</label><input id=\"beneficiarios\" name=\"beneficiarios\" "
                "inputmode=\"numeric\" value=\"%s\"", _("Personas beneficiarias (número)"), benef);
    invalid_attrs(o, &fs->e, "beneficiarios");
    str_puts(o, ">");
    field_error(r, &fs->e, "beneficiarios");
    str_html(o, "</p>");
    challenge_rows(r, d, fs);
    str_html(o, "<p><button type=\"submit\" aria-describedby=\"guardar-ayuda\">%s</button></p>"
                "<p class=\"hint\" id=\"guardar-ayuda\">%s</p></form>", _("Guardar"),
             _("Guardar conserva los datos sin cambiar la situación de la acción: un borrador sigue "
               "siendo borrador y nadie lo revisa hasta que lo envíe a revisión."));
}

/* Every value of form field NAME, in the order sent (no cap: the form
 * decoder already bounds the number of fields). */
static int form_all(Req *r, const char *name, const char ***out) {
    *out = arena_alloc(&r->a, sizeof **out * (size_t)(r->nform + 1));
    return req_form_all(r, name, *out, r->nform);
}

static int by_number(const void *a, const void *b) {
    long long x = atoll(*(const char *const *)a), y = atoll(*(const char *const *)b);
    return (x > y) - (x < y);
}

/* Moves to the front of VALS (N of them) those named in ORDER
 * (';'-separated objective numbers), in ORDER's order; the rest follow in
 * numeric order. Only the first mention of each objective counts, so a
 * hostile ORDER costs at most one pass over VALS per objective. */
static void order_like(Req *r, const char **vals, int n, const char *order) {
    int front = 0, nobj = cat_list(WC_OBJECTIVE)->n;
    bool *seen = arena_alloc(&r->a, (size_t)nobj + 1);          /* zeroed */
    char *save = NULL, *end, *copy = arena_strdup(&r->a, order ? order : "");
    for (char *t = strtok_r(copy, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        long k = strtol(t, &end, 10);
        if (*end || k < 1 || k > nobj || seen[k]) continue;
        seen[k] = true;
        for (int i = front; i < n; i++)
            if (strcmp(vals[i], t) == 0) {
                const char *v = vals[i];
                memmove(vals + front + 1, vals + front, sizeof *vals * (size_t)(i - front));
                vals[front++] = v;
                break;
            }
    }
    if (n > front) qsort(vals + front, (size_t)(n - front), sizeof *vals, by_number);
}

/* The objectives as the interchange format writes them: the principal
 * (its own field) first, then the others checked, ';'-separated: those
 * stored before in their stored order (the hidden «objetivos_orden», as
 * checkboxes come back in page order), new ones after in numeric order
 * (issue 10: an unchanged save turned 15;9;4 into 15;4;9). */
static const char *objectives_value(Req *r) {
    const char **vals;
    int n = form_all(r, "objetivos", &vals);
    const char *pv = req_form(r, "objetivo_principal");
    order_like(r, vals, n, req_form(r, "objetivos_orden"));
    Str s = STR_INIT;
    if (pv && *pv) str_puts(&s, pv);
    for (int i = 0; i < n; i++)
        if (!pv || strcmp(vals[i], pv) != 0) str_printf(&s, "%s%s", s.len ? ";" : "", vals[i]);
    const char *v = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return v;
}

/* The catalog entries checked in field NAME (ids), as the interchange
 * format names them (codes or names), ';'-separated: an id that is no
 * entry is passed on as written, so the validator refuses it. */
static const char *catalog_value(Req *r, const char *name, WebCatalog w, bool by_code) {
    const char **vals;
    int n = form_all(r, name, &vals);
    Str s = STR_INIT;
    for (int i = 0; i < n; i++) {
        const CatEntry *e = cat_by_id(w, atoll(vals[i]));
        str_printf(&s, "%s%s", i ? ";" : "", e ? (by_code ? e->code : e->name) : vals[i]);
    }
    const char *v = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return v;
}

static const char *yes_no_value(Req *r, const char *name) {
    const char *v = req_form(r, name);
    return !v || !*v ? "" : strcmp(v, "si") == 0 ? "Sí" : strcmp(v, "no") == 0 ? "No" : v;
}

static const char *trimmed(Req *r, const char *name) {
    const char *v = req_form(r, name);
    return text_trim(arena_strdup(&r->a, v ? v : ""));
}

/* The form's fields as the interchange values the validator reads. */
static void form_values(Req *r, const char *vals[AF__COUNT]) {
    vals[AF_FOLIO] = trimmed(r, "folio");
    if (has_role(r, ROLE_ENLACE)) vals[AF_INSTITUCION] = r->user.institution;
    else {
        const char *v = req_form(r, "institucion");
        const CatEntry *e = v && *v ? cat_by_id(WC_INSTITUTION, atoll(v)) : NULL;
        vals[AF_INSTITUCION] = e ? e->code : v ? v : "";
    }
    vals[AF_OBJETIVOS] = objectives_value(r);
    vals[AF_NOMBRE] = trimmed(r, "nombre");
    vals[AF_DESCRIPCION] = trimmed(r, "descripcion");
    vals[AF_TIPO_ACCION] = catalog_value(r, "tipo_accion", WC_ACTION_TYPE, false);
    vals[AF_POBLACION] = catalog_value(r, "poblacion", WC_POPULATION, true);
    vals[AF_ENFOQUE_GENERO] = yes_no_value(r, "enfoque_genero");
    vals[AF_DISCAPACIDAD] = yes_no_value(r, "discapacidad");
    vals[AF_BENEFICIARIOS] = trimmed(r, "beneficiarios");
    vals[AF_RESULTADOS] = trimmed(r, "resultados");
    vals[AF_PRINCIPIOS] = catalog_value(r, "principios", WC_PRINCIPLE, true);
    vals[AF_CONTINUA_FOLIO] = "";    /* issue 13 (F13): not a field of the form; read_form keeps the link */
    vals[AF_CONTINUA_EDICION] = "";  /* issue 13 (R13B): the same */
}

/* The validator's errors beside the form's fields (the field names of the
 * form are those of the interchange format), a challenge's under "retos". */
static void errors_to_form(const ActionErrors *errs, bool challenges, FormState *fs) {
    for (int i = 0; i < errs->n; i++) {
        int f = errs->v[i].field;
        const char *field = challenges || f < 0 || f >= AF__COUNT ? "retos" : action_fields[f].name;
        form_error(&fs->e, field, errs->v[i].message);
    }
}

static void read_challenges(Req *r, Action *d, FormState *fs) {
    const char **texts, **cats;
    int nt = form_all(r, "reto_texto", &texts);
    int nc = form_all(r, "reto_categoria", &cats);
    d->challenges = arena_alloc(&r->a, sizeof *d->challenges * (size_t)(nt + 1));
    d->nchallenges = 0;
    ActionErrors errs = {NULL, 0, 0};
    for (int i = 0; i < nt; i++) {
        char *t = text_trim(arena_strdup(&r->a, texts[i]));
        /* an empty row is no challenge; one with a category but no text is
         * refused by challenge_parse, never dropped (issue 10, REC3) */
        if (!*t && !(i < nc && *cats[i])) continue;
        const CatEntry *ce = i < nc && *cats[i] ? cat_by_id(WC_CATEGORY, atoll(cats[i])) : NULL;
        const char *cat = ce ? ce->name : i < nc ? cats[i] : "";
        Challenge *c = &d->challenges[d->nchallenges++];
        if (!challenge_parse(action_catalogs(), t, cat, &r->a, c, &errs)) c->text = t;   /* shown again as typed */
    }
    errors_to_form(&errs, true, fs);
}

/* Reads the posted form into D through the one validator (action_parse,
 * the import's); errors go to FS beside their fields, and D keeps what was
 * typed, to show it again. */
static void read_form(Req *r, Action *d, FormState *fs) {
    const char *vals[AF__COUNT];
    form_values(r, vals);
    bool no_folio = !*vals[AF_FOLIO];
    if (no_folio) vals[AF_FOLIO] = FOLIO_TO_ASSIGN;
    Action p;
    ActionErrors errs = {NULL, 0, 0};
    action_parse(action_catalogs(), vals, &r->a, &p, &errs);
    errors_to_form(&errs, false, fs);
    /* What the store and the page keep from D; everything else is the form's. */
    p.id = d->id;
    p.edition_id = d->edition_id;
    p.version = d->version;
    p.status = d->status;
    p.comment = d->comment;
    p.continues_folio = d->continues_folio;   /* issue 13 (F13): not a field of the form; the link stays */
    p.continues_edition = d->continues_edition;   /* issue 13 (R13B) */
    /* issue 13 (F1316): the edit form's box «Quitar el enlace» removes it */
    const char *drop = req_form(r, "quitar_continua");
    p.continues_drop = d->id && drop && strcmp(drop, "1") == 0;
    if (has_role(r, ROLE_ENLACE)) p.institution_id = r->user.institution_id;
    p.folio = no_folio ? "" : vals[AF_FOLIO];
    /* A field refused keeps what was typed, to show it again; one accepted
     * is the validator's (line ends LF, web fault 1). */
    if (error_for(&fs->e, "nombre")) p.name = vals[AF_NOMBRE];
    if (error_for(&fs->e, "descripcion")) p.description = vals[AF_DESCRIPCION];
    if (error_for(&fs->e, "resultados")) p.results = vals[AF_RESULTADOS];
    if (error_for(&fs->e, "beneficiarios")) fs->benef_raw = vals[AF_BENEFICIARIOS];
    if (!p.nobj) {                         /* refused: show the boxes as they were */
        p.objectives = arena_alloc(&r->a, sizeof *p.objectives * 24);
        const char *v = vals[AF_OBJETIVOS];
        for (char *e; *v && p.nobj < 23; v = *e ? e + 1 : e) {
            long o = strtol(v, &e, 10);
            if (o >= 1 && o <= 23) p.objectives[p.nobj++] = (int)o;
            if (*e && *e != ';') break;
        }
    }
    /* Only a principal chosen as such is one: never the first box checked. */
    const char *pv = req_form(r, "objetivo_principal");
    if ((!pv || !*pv) && !error_for(&fs->e, "objetivos"))
        form_error(&fs->e, "objetivos", _("Elija cuál es el objetivo principal."));
    if (!p.institution_id && !has_role(r, ROLE_ENLACE) && !error_for(&fs->e, "institucion"))
        form_error(&fs->e, "institucion", _("Elija la instancia que reporta."));
    *d = p;
    read_challenges(r, d, fs);
}

/* The editions a new action may go to: those that take changes; an
 * enlace only registers in an edition still open for submissions. */
static void open_editions(Req *r, EdList *out) {
    EdList all = {.n = 0};
    store_edition_list(r->st, ed_collect, &all);
    out->n = 0;
    for (int i = 0; i < all.n; i++)
        if (store_edition_accepts_changes(r->st, all.v[i].id, NULL) &&
            (strcmp(all.v[i].state, "abierta") == 0 || has_role(r, ROLE_COORDINADOR)))
            out->v[out->n++] = all.v[i];
}

/* Whether the form has a place for FIELD's message (a refusal names it). */
static bool form_shows(const char *field) {
    return field && (strcmp(field, action_fields[AF_INSTITUCION].name) == 0 ||
                     strcmp(field, action_fields[AF_PRINCIPIOS].name) == 0);
}

/* After a refused write: the page that says why. A stale form, a folio
 * taken or a busy database show the form again with what was typed (to
 * FORM_URL, with EDITIONS for a new action), so that nothing typed is
 * lost: a stale one with the current version, so the person can look at
 * the action and save deliberately. */
static void write_refused(Req *r, WriteResult res, const char *why, Action *d, const char *form_url,
                          const EdList *editions) {
    /* issue 15, fault 11: the database itself failed (a full disk, a
     * read-only file): the form too is kept, with why, 503 */
    int failure = res == WR_ERROR ? store_failure(r->st) : 0;
    /* issue 13 (F1316): a rule of the links refused a field the form shows
     * (the institution under a link, a good practice's principles): the
     * form again, the message at that field */
    bool at_field = res == WR_INCOMPLETE && form_shows(r->why_field);
    if (res != WR_STALE && res != WR_FOLIO && res != WR_BUSY && !failure && !at_field) {
        page_error(r, write_status(r, res), write_message(res, why));
        return;
    }
    FormState fs = {.benef_raw = NULL};
    if (res == WR_FOLIO) form_error(&fs.e, "folio", action_folio_taken(&r->a, d->folio, NULL));
    else if (at_field) form_error(&fs.e, r->why_field, write_message(res, why));
    else fs.conflict = failure ? web_database_failure_message(r, failure) : write_message(res, why);
    Action now;
    if (res == WR_STALE && store_action_get(r->st, d->id, &r->a, &now)) d->version = now.version;
    r->status = failure ? 503 : write_status(r, res);
    page_begin(r, res == WR_STALE ? _("Conflicto: la acción cambió")
                : res == WR_BUSY ? _("La base de datos está ocupada")
                : at_field ? _("La acción no se guardó")
                : failure ? _("No se pudo guardar la acción.") : _("Folio repetido"));
    action_form(r, d, &fs, form_url, editions);
    page_end(r);
}

void page_action_new(Req *r) {
    if (!has_role(r, ROLE_ENLACE) && !has_role(r, ROLE_COORDINADOR)) {
        if (!r->logged) auth_login_redirect(r);
        else page_error(r, 403, _("Solo los enlaces y coordinadores registran acciones."));
        return;
    }
    r->no_cache = true;
    EdList eds;
    open_editions(r, &eds);
    if (!eds.n) {
        page_error(r, 403, _("No hay ninguna edición abierta para registrar acciones."));
        return;
    }
    Action d;
    memset(&d, 0, sizeof d);
    d.gender_focus = d.disability = -1;
    d.beneficiaries = -1;
    d.edition_id = eds.v[eds.n - 1].id;
    d.status = status_name(AS_BORRADOR);
    if (has_role(r, ROLE_ENLACE)) d.institution_id = r->user.institution_id;
    if (!continuation_start(r, &d, eds.v, eds.n)) return;     /* issue 13: ?continua=ID */
    FormState fs = {.benef_raw = NULL};
    if (strcmp(r->method, "POST") == 0) {
        const char *en = req_form(r, "edicion");
        bool ok_ed = false;
        for (int i = 0; i < eds.n; i++)
            if (en && strcmp(eds.v[i].name, en) == 0) {
                d.edition_id = eds.v[i].id;
                ok_ed = true;
            }
        if (!ok_ed) form_error(&fs.e, "edicion", _("Elija una edición abierta."));
        int64_t continues = d.continues_id;
        read_form(r, &d, &fs);
        d.continues_id = continues;
        if (!fs.e.n && !r->review) {      /* a restored form is only shown (issue 11) */
            const char *why = NULL;
            WriteResult res = action_write(r, &d, "crear", &why);
            if (res != WR_OK) {
                write_refused(r, res, why, &d, "/acciones/nueva", &eds);
                return;
            }
            flash_set(r, 0);
            req_redirect(r, arena_printf(&r->a, "/acciones/%lld", (long long)d.id));
            return;
        }
        r->status = fs.e.n ? 422 : 200;
    }
    page_begin(r, _("Nueva acción"));
    review_notice(r);
    action_form(r, &d, &fs, "/acciones/nueva", &eds);
    page_end(r);
}

/* The version the form or button was made from; 0 when none was sent. */
static int64_t posted_version(Req *r) {
    const char *v = req_form(r, "version");
    char *end;
    long long n = v ? strtoll(v, &end, 10) : 0;
    return v && *v && !*end && n > 0 ? n : 0;
}

void page_action_edit(Req *r) {
    if (!r->logged) {
        auth_login_redirect(r);
        return;
    }
    Action d;
    if (!load_action(r, &d)) return;
    bool post = strcmp(r->method, "POST") == 0;
    const char *why = NULL;
    /* A POST is checked inside its write (action_write), a stale form first. */
    if ((!post || r->review) && !may(r, &d, STEP_EDIT)) {
        page_error(r, 403, _("No puede modificar esta acción."));
        return;
    }
    /* A frozen edition is said first, also to a POST, rather than asking to
     * correct fields of a form that cannot be saved (checked again inside
     * the write). */
    if (!store_edition_accepts_changes(r->st, d.edition_id, &why)) {
        page_error(r, 409, why);
        return;
    }
    r->no_cache = true;
    FormState fs = {.benef_raw = NULL};
    char *url = arena_printf(&r->a, "/acciones/%lld/editar", (long long)d.id);
    if (post) {
        read_form(r, &d, &fs);
        d.version = posted_version(r);
        if (!fs.e.n && !r->review) {      /* a restored form is only shown (issue 11) */
            WriteResult res = action_write(r, &d, "editar", &why);
            if (res != WR_OK) {
                write_refused(r, res, why, &d, url, NULL);
                return;
            }
            flash_set(r, 0);
            req_redirect(r, arena_printf(&r->a, "/acciones/%lld", (long long)d.id));
            return;
        }
        r->status = fs.e.n ? 422 : 200;
    }
    page_begin(r, _("Editar acción"));
    review_notice(r);
    action_form(r, &d, &fs, url, NULL);
    page_end(r);
}

/* A workflow step from its button: every check again inside the write. */
static void step_page(Req *r, WorkflowStep step, const char *comment) {
    if (!r->logged) {
        page_error(r, 403, _("Entre con su cuenta."));
        return;
    }
    int64_t id = url_id(r);
    const char *why = NULL;
    WriteResult res = id ? action_step(r, step, id, posted_version(r), comment, &why) : WR_GONE;
    if (res != WR_OK) {
        page_error(r, write_status(r, res), write_message(res, why));
        return;
    }
    if (step == STEP_SUBMIT) flash_set(r, 1);
    req_redirect(r, arena_printf(&r->a, "/acciones/%lld", (long long)id));
}

void page_action_submit(Req *r) { step_page(r, STEP_SUBMIT, ""); }

void page_action_validate(Req *r) { step_page(r, STEP_VALIDATE, ""); }

void page_action_withdraw(Req *r) { step_page(r, STEP_WITHDRAW, ""); }

void page_action_delete(Req *r) {
    if (!r->logged) {
        page_error(r, 403, _("Entre con su cuenta."));
        return;
    }
    int64_t id = url_id(r);
    const char *why = NULL;
    WriteResult res = id ? action_step(r, STEP_DELETE, id, posted_version(r), "", &why) : WR_GONE;
    if (res != WR_OK) {
        page_error(r, write_status(r, res), write_message(res, why));
        return;
    }
    req_redirect(r, "/acciones");
}

void page_action_return(Req *r) {
    const char *c = req_form(r, "comentario");
    char *comment = text_trim(arena_strdup(&r->a, c ? c : ""));
    if (r->logged && (!*comment || strlen(comment) > 10000)) {
        page_error(r, 422, _("Para devolver una acción escriba un comentario (hasta 10 000 caracteres)."));
        return;
    }
    step_page(r, STEP_RETURN, comment);
}
