/* Editions over time on the platform (issue 13, helper T13): which
 * editions a reader compares, GET /api/v1/trend's trend (api.c), the
 * trends page /tendencias, and the previous edition of a dashboard. Every
 * edition is read as the dashboard reads it (edition_for_reader: the
 * public its latest published revision, staff the working edition) and
 * counted by the trend module (analysis/trend.c, store_figures). */
#include <stdlib.h>
#include <string.h>
#include "analysis/trend.h"
#include "render/chart.h"
#include "store/demo_store.h"
#include "store/trend_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/web.h"

typedef struct {
    Req *r;
    Edition *v;
    int n, cap;
} ReaderEds;

static void push(ReaderEds *l, const Edition *e) {
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        Edition *v = arena_alloc(&l->r->a, (size_t)cap * sizeof *v);
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *e;
}

static void collect(void *ctx, const Edition *e, long actions) {
    (void)actions;
    ReaderEds *l = ctx;
    Edition seen;
    if ((edition_is_public(e) || is_staff(l->r)) && edition_for_reader(l->r, e->name, is_staff(l->r), &seen))
        push(l, &seen);
}

int trend_reader_editions(Req *r, Edition **out) {
    ReaderEds l = {.r = r};
    store_edition_list(r->st, collect, &l);
    trend_sort(l.v, l.n);
    *out = l.v;
    return l.n;
}

bool trend_previous(Req *r, const Edition *e, Edition *prev) {
    Edition *v;
    int n = trend_reader_editions(r, &v);
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].name, e->name) == 0) {
            /* the one rule of the CLI's Informe (round 5, t12 #10): an
             * edition whose period overlaps is not "the previous" one */
            int j = trend_previous_index(v, n, i);
            if (j < 0) return false;
            *prev = v[j];
            return true;
        }
    return false;
}

static bool reader_known(void *ctx, const char *name) {
    Req *r = ctx;
    Edition e;
    return edition_for_reader(r, name, is_staff(r), &e);
}

/* The editions named in LIST ("E1,E2,...", split by trend_split_names), as
 * the reader sees them, in that order; false after answering 400 (an
 * empty name, a repeat) or 404 (one the reader may not see). */
static bool named(Req *r, const char *list, ReaderEds *l) {
    char **names;
    int n = trend_split_names(list, reader_known, r, &names);
    bool ok = true;
    for (int k = 0; ok && k < n; k++) {
        const char *name = names[k];
        Edition e;
        /* round 3, fault 2: a page repeats only a plain value of the query */
        const char *shown_list = web_query_value_shown(r, list), *shown = web_query_value_shown(r, name);
        if (!*name) {
            page_error(r, 400, shown_list ? arena_printf(&r->a, _("«ediciones» tiene un nombre vacío: «%s»."), list)
                                          : _("«ediciones» tiene un nombre vacío."));
            ok = false;
        } else if (!edition_for_reader(r, name, is_staff(r), &e)) {
            page_error(r, 404, shown ? arena_printf(&r->a, _("No existe una edición publicada llamada «%s»."), name)
                                     : _("No existe una edición publicada con el nombre recibido."));
            ok = false;
        }
        for (int i = 0; ok && i < l->n; i++)
            if (strcmp(l->v[i].name, e.name) == 0) {
                page_error(r, 400, arena_printf(&r->a, _("La edición «%s» aparece dos veces en «ediciones»."),
                                                e.name));
                ok = false;
            }
        if (ok) push(l, &e);
    }
    trend_names_free(names, n);
    return ok;
}

bool trend_for_reader(Req *r, const char *list, Trend *t) {
    ReaderEds l = {.r = r};
    if (list && !named(r, list, &l)) return false;
    if (!list) l.n = trend_reader_editions(r, &l.v);
    for (int i = 0; i < l.n; i++)
        if (!trend_add(t, r->st, &l.v[i], false)) {
            page_error(r, 500, _("No se pudieron calcular las cifras de las ediciones."));
            return false;
        }
    return true;
}

/* ---- the trends page ---- */

static bool english(void) { return strcmp(i18n_lang(), "en") == 0; }

static const char *objective_title(int o) {
    const CatEntry *e = cat_by_id(WC_OBJECTIVE, o);
    if (!e) return "";
    return english() && e->extra && *e->extra ? e->extra : e->name;
}

const char *figure_scope(const Req *r) { return r->logged ? "&situacion=validada" : ""; }

/* The action list behind a figure: edition E, and QUERY ("&objetivo=3"). */
static const char *actions_href(Req *r, const char *e, const char *query) {
    Str u = STR_INIT;
    str_puts(&u, "/acciones?edicion=");
    str_url(&u, e);
    str_puts(&u, query);
    str_puts(&u, figure_scope(r));
    const char *z = arena_strdup(&r->a, str_cstr(&u));
    str_free(&u);
    return z;
}

/* One small multiple: V(i) of each edition as a column, each linked to
 * the actions it counts (QUERY), drawn by the chart layer. */
static void small_multiple(Req *r, const Trend *t, const char *id, const char *title, const char *query,
                           long (*v)(const Figures *, int), int arg) {
    Lang l = english() ? LANG_EN : LANG_ES;
    Chart *c = chart_new(&r->a, CHART_COLUMNS, l, id, title, t->n, 1);
    for (int i = 0; i < t->n; i++) {
        c->cats[i] = t->eds[i].name;
        c->values[i] = v(t->f[i], arg);
        c->hrefs[i] = (char *)actions_href(r, t->eds[i].name, query);
        c->filters[i] = c->hrefs[i] + strlen("/acciones?");     /* the figure's filter: the list's query */
    }
    Scene sc;
    chart_layout_width(c, 220, &r->a, &sc);
    str_html(&r->out, "<div class=\"multiple\">");
    chart_svg(&sc, &r->out);
    str_html(&r->out, "</div>");
}

static long v_actions(const Figures *f, int a) { (void)a; return f->actions; }
static long v_obj(const Figures *f, int o) { return f->by_obj[o]; }
static long v_type(const Figures *f, int k) { return f->by_type[k]; }

static void trends_lead(Req *r, const Trend *t) {
    str_html(&r->out, "<p class=\"lead\">%s</p><ul class=\"editions\">",
             _("Cada edición con sus acciones validadas, tal como se publicó; cada cifra lleva a sus acciones."));
    for (int i = 0; i < t->n; i++) {
        str_html(&r->out, "<li><a href=\"/ediciones/%s\">%s %s</a>", web_url_part(r, t->eds[i].name),
                 _("Edición"), t->eds[i].name);
        if (*t->eds[i].period_start && *t->eds[i].period_end)
            str_html(&r->out, " (%s)", web_period(r, t->eds[i].period_start,   /* the locale's */
                                                  t->eds[i].period_end));
        if (t->f[i]->synthetic)                        /* read once, by store_figures */
            str_html(&r->out, ". <strong>%s</strong>", example_notice_text(NULL));
        str_html(&r->out, "</li>");
    }
    str_html(&r->out, "</ul>");
}

void page_trends(Req *r) {
    /* issue 13 round 2 (F13, fault 6): as every page, an unknown parameter
     * is ignored (a cached page is the same whatever other sites add), a
     * repeated «ediciones» refused (400); the API refuses both (api_trend) */
    static const char *const known[] = {"ediciones", NULL};
    if (!web_query_check(r, known, false, NULL)) return;
    Trend t = {0};
    if (!trend_for_reader(r, req_query(r, "ediciones"), &t)) {
        trend_free(&t);
        return;
    }
    page_begin(r, _("Tendencias: las ediciones lado a lado"));
    if (t.n == 0) {
        str_html(&r->out, "<p>%s</p>", _("Todavía no hay ediciones publicadas."));
        page_end(r);
        return;
    }
    trends_lead(r, &t);
    str_html(&r->out, "<section aria-labelledby=\"h-tot\"><h2 id=\"h-tot\">%s</h2><div class=\"multiples\">",
             _("Acciones validadas por edición"));
    small_multiple(r, &t, "t-acciones", _("Acciones validadas"), "", v_actions, 0);
    const Figures *f0 = t.f[0];
    for (int k = 0; k < f0->ntypes; k++) {
        const FigLabel *lb = &f0->types[k];
        small_multiple(r, &t, arena_printf(&r->a, "t-tipo-%d", k), english() && *lb->name_en ? lb->name_en : lb->name_es,
                       arena_printf(&r->a, "&tipo=%s", lb->code), v_type, k);
    }
    str_html(&r->out, "</div></section><section aria-labelledby=\"h-objs\"><h2 id=\"h-objs\">%s</h2>"
                      "<div class=\"multiples\">", _("Acciones por objetivo"));
    for (int o = 1; o <= FIG_NOBJ; o++)
        small_multiple(r, &t, arena_printf(&r->a, "t-obj-%d", o), arena_printf(&r->a, "%d. %s", o, objective_title(o)),
                       arena_printf(&r->a, "&objetivo=%d", o), v_obj, o);
    str_html(&r->out, "</div></section><p><a href=\"/api/v1/trend\">%s</a></p>", _("Estas cifras en JSON"));
    page_end(r);
    trend_free(&t);
}

/* ---- the dashboard's change against the previous edition ---- */

bool trend_previous_figures(Req *r, const Edition *e, Edition *prev, Figures *f, bool *found) {
    *found = trend_previous(r, e, prev);
    return !*found || store_figures(r->st, prev, false, f);
}

void trend_change_head(Req *r, const Edition *prev) {
    /* F14C (issue 14 fault 7): a synthetic edition compared with says so */
    str_html(&r->out, "<th scope=\"col\">%s</th>",
             store_edition_is_example(r->st, prev->name)
                 ? arena_printf(&r->a, _("Cambio frente a %s (ejemplo sintético, no son cifras reales)"), prev->name)
                 : arena_printf(&r->a, _("Cambio frente a %s"), prev->name));
}

/* "+3", "−2" or "0" to see; a sentence to hear ("3 más que en 2023"). */
void trend_change_cell(Req *r, long now, long before, const Edition *prev) {
    long d = now - before;
    const char *n = web_int(r, d < 0 ? -d : d);      /* F14B: «1 234», as every number on the web */
    const char *shown = d > 0 ? arena_printf(&r->a, "+%s", n)
                      : d < 0 ? arena_printf(&r->a, "\xe2\x88\x92%s", n) : "0";
    const char *heard = d > 0 ? arena_printf(&r->a, _("%s más que en %s"), n, prev->name)
                      : d < 0 ? arena_printf(&r->a, _("%s menos que en %s"), n, prev->name)
                      : arena_printf(&r->a, _("igual que en %s"), prev->name);
    str_html(&r->out, "<td class=\"change\"><span aria-hidden=\"true\">%s</span><span class=\"sr\">%s</span></td>",
             shown, heard);
}

/* ---- continuing programs (issue 13) ----
 * A focal point starts a new edition's action from one of their
 * institution's actions of the previous edition: /acciones/nueva?continua=ID
 * prefills the form from it, and the action created is linked to it in the
 * same transaction (continuation_link). Both pages show the link. */

static bool may_continue(Req *r, const Action *d) {
    return has_role(r, ROLE_COORDINADOR) ||
           (has_role(r, ROLE_ENLACE) && r->user.institution_id == d->institution_id);
}

/* The edition after D's (trend order) among OPEN, the editions the person
 * may register new actions in; false when it is not one of them. */
static bool continuation_target(Req *r, const Action *d, const Edition *open, int nopen, Edition *target) {
    Edition de, next;
    if (!store_edition_by_id(r->st, d->edition_id, &de) || !trend_adjacent_edition(r->st, &de, 1, &next))
        return false;
    for (int i = 0; i < nopen; i++)
        if (open[i].id == next.id) {
            *target = next;
            return true;
        }
    return false;
}

/* The form of a new action continuing D: what stays from year to year;
 * the results, the people served and the challenges are the new year's. */
static void prefill(Action *n, const Action *d) {
    n->name = d->name;
    n->description = d->description;
    n->objectives = d->objectives;
    n->nobj = d->nobj;
    n->types = d->types;
    n->ntypes = d->ntypes;
    n->pops = d->pops;
    n->npops = d->npops;
    n->gender_focus = d->gender_focus;
    n->disability = d->disability;
    n->institution_id = d->institution_id;
    n->principles = d->principles;          /* issue 13 (F13, fault 8) */
    n->nprin = d->nprin;
}

/* Whether an action of edition TARGET already continues D (issue 13,
 * hostile fault 6: the button showed, and a second one was started). */
static bool continued_in(Req *r, const Action *d, const Edition *target) {
    ActionRef *after;
    int n;
    if (!store_continued_by(r->st, d->id, &r->a, &after, &n)) return false;
    for (int i = 0; i < n; i++)
        if (strcmp(after[i].edition, target->name) == 0) return true;
    return false;
}

static const char *already_continued(Req *r, const Edition *target) {
    return arena_printf(&r->a, _("Esta acción ya continúa en la edición %s: una acción se continúa una sola vez "
                                 "en cada edición."), target->name);
}

bool continuation_start(Req *r, Action *n, const Edition *open, int nopen) {
    bool post = strcmp(r->method, "POST") == 0;
    static const char *const once[] = {"continua", NULL};     /* F13B: not the first of two silently */
    if (post ? !web_form_once(r, once) : !web_query_check(r, once, false, NULL)) return false;
    const char *v = post ? req_form(r, "continua") : req_query(r, "continua");
    if (!v || !*v) return true;
    char *end;
    long long id = strtoll(v, &end, 10);
    Action d;
    Edition target;
    if (id <= 0 || *end || !store_action_get(r->st, id, &r->a, &d) || !action_visible(r, &d)) {
        page_error(r, 404, _("No existe la acción que se quiere continuar, o no puede verla."));
        return false;
    }
    if (!may_continue(r, &d)) {
        page_error(r, 403, _("Solo un enlace de la misma institución o una coordinación continúa esta acción."));
        return false;
    }
    if (!continuation_target(r, &d, open, nopen, &target)) {
        page_error(r, 409, _("La edición siguiente a la de esta acción no está abierta para registrar acciones."));
        return false;
    }
    if (continued_in(r, &d, &target)) {
        page_error(r, 409, already_continued(r, &target));
        return false;
    }
    if (!post) {
        prefill(n, &d);
        n->edition_id = target.id;
    }
    n->continues_id = d.id;
    return true;
}

static void ref_link(Req *r, const ActionRef *x);

/* The edit form of an action that continues another: the link, and a box
 * that removes it when saved (issue 13, F1316: nothing could remove it). */
static void continuation_drop_field(Req *r, const Action *n) {
    ActionRef x;
    bool found = false;
    if (!store_continues(r->st, n->id, &r->a, &x, &found) || !found) return;
    str_html(&r->out, "<fieldset class=\"continues\" id=\"continua\"><legend>%s</legend><p>%s ",
             _("Programa que continúa"), _("Continúa la acción"));
    ref_link(r, &x);
    str_html(&r->out, ".</p><label><input type=\"checkbox\" name=\"quitar_continua\" value=\"1\"%s> %s</label>"
                      "</fieldset>", n->continues_drop ? " checked" : "",
             _("Quitar el enlace: esta acción ya no se cuenta como continuación de aquella"));
}

void continuation_field(Req *r, const Action *n) {
    Action d;
    if (!n->continues_id && n->id) continuation_drop_field(r, n);
    if (!n->continues_id || !store_action_get(r->st, n->continues_id, &r->a, &d)) return;
    str_html(&r->out, "<input type=\"hidden\" name=\"continua\" value=\"%lld\">"
                      "<p class=\"continues\" id=\"continua\">%s <a href=\"/acciones/%lld\">%-s</a> (%s %-s, %s %s)</p>",
             (long long)d.id, _("Continúa la acción"), (long long)d.id, d.name, _("folio"), d.folio,
             _("edición"), d.edition);
}

WriteResult continuation_link(Req *r, const Action *n, const char **why) {
    ContResult c = store_continuation_set(r->st, n->id, n->continues_id);
    /* WR_INCOMPLETE: a 422 that says why (nothing is saved) */
    *why = c == CONT_GONE ? _("La acción que se quiere continuar ya no existe.")
         : c == CONT_NOT_PREVIOUS ? _("Una acción continúa solo una de una edición anterior a la suya.")
         : c == CONT_INSTITUTION ? _("Una acción continúa solo una de su misma institución.")
         : c == CONT_TAKEN ? _("Otra acción de esta edición ya continúa esa acción.") : NULL;
    return c == CONT_OK ? WR_OK : c == CONT_FAIL ? WR_ERROR : WR_INCOMPLETE;
}

WriteResult continuation_crossing(Req *r, int64_t id, const char **why) {
    ActionRef x;
    bool found = false;
    if (!store_continuation_crossing(r->st, id, &r->a, &x, &found)) return WR_ERROR;
    if (!found) return WR_OK;
    *why = arena_printf(&r->a, _("Esta acción y la acción «%s» (folio %s, edición %s) están enlazadas como un "
                                 "programa que continúa, y una continuación une acciones de una misma "
                                 "institución: la institución no cambia mientras exista el enlace. No se guardó "
                                 "nada."), x.name, x.folio, x.edition);
    return WR_INCOMPLETE;
}

static void ref_link(Req *r, const ActionRef *x) {
    str_html(&r->out, "<a href=\"/acciones/%lld\">%-s</a> (%s %-s, %s %s)", (long long)x->id, x->name, _("folio"),
             x->folio, _("edición"), x->edition);
}

/* Whether the reader may see action ID (the link is shown only then). */
static bool visible(Req *r, int64_t id) {
    Action d;
    return store_action_get(r->st, id, &r->a, &d) && action_visible(r, &d);
}

void continuation_box(Req *r, const Action *d, const Edition *open, int nopen) {
    ActionRef before, *after;
    bool found;
    int n;
    if (!store_continues(r->st, d->id, &r->a, &before, &found) ||
        !store_continued_by(r->st, d->id, &r->a, &after, &n))
        return;
    if (found && visible(r, before.id)) {
        str_html(&r->out, "<p class=\"continues\" id=\"continua\">%s ", _("Continúa la acción"));
        ref_link(r, &before);
        str_html(&r->out, ".</p>");
    }
    int shown = 0;
    for (int i = 0; i < n; i++) {
        if (!visible(r, after[i].id)) continue;
        str_html(&r->out, shown++ ? "; " : "<p class=\"continues\" id=\"continuada\">%s ", _("Continúa en"));
        ref_link(r, &after[i]);
    }
    if (shown) str_html(&r->out, ".</p>");
    Edition target;
    if (r->logged && may_continue(r, d) && continuation_target(r, d, open, nopen, &target) &&
        !continued_in(r, d, &target))
        str_html(&r->out, "<p><a class=\"button\" href=\"/acciones/nueva?continua=%lld\">%s %s</a></p>",
                 (long long)d->id, _("Continuar en la edición"), target.name);
}
