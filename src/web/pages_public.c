/* Public pages: the dashboard of a published edition, the objectives, the
 * glossary, the editions, the downloads. Every figure on the dashboard is
 * a link to the list of the actions it counts. */
#include <stdio.h>
#include <string.h>
#include "util/i18n.h"
#include "store/demo_store.h"
#include "store/pack_store.h"
#include "web/opendata.h"
#include "web/web.h"

typedef struct {
    Edition v[64];
    int n;
} Editions;

static void collect_edition(void *ctx, const Edition *e, long actions) {
    (void)actions;
    Editions *l = ctx;
    if (l->n < 64) l->v[l->n++] = *e;
}

/* ---- which edition a reader sees ---- */

bool edition_is_public(const Edition *e) {
    return e->revision > 0 || strcmp(e->state, "publicada") == 0;
}

bool edition_for_reader(Req *r, const char *name, bool internal, Edition *out) {
    return internal ? store_edition_find(r->st, name, out) : store_edition_public(r->st, name, out);
}

const char *edition_status_text(Req *r, const Edition *e) {
    const char *state = edition_state_label(e->state);
    if (e->revision <= 0) return state;
    if (strcmp(e->state, "publicada") == 0)
        return arena_printf(&r->a, _("%s (revisión %d, %s)"), state, e->revision, web_day(r, e->published_at));
    return arena_printf(&r->a, _("%s para correcciones; el público ve la revisión %d (%s)"), state,   /* F14B: the locale's date */
                        e->revision, web_day(r, e->published_at));
}

/* The newest edition the public sees (the latest period: the last of
 * store_edition_list, never the one published last), as the public sees it. */
static bool latest_published(Store *st, Edition *out) {
    Editions l = {.n = 0};
    store_edition_list(st, collect_edition, &l);
    for (int i = l.n - 1; i >= 0; i--)
        if (edition_is_public(&l.v[i])) return store_edition_public(st, l.v[i].name, out);
    return false;
}

/* issue 14 fault 7, issue 13 (F14C): wherever an edition is listed, a
 * synthetic example says so, in the one notice's words. */
static void example_mark(Req *r, const Edition *e) {
    if (store_edition_is_example(r->st, e->name))
        str_html(&r->out, ". <strong class=\"example\">%s</strong>", example_notice_text(NULL));
}

void page_editions(Req *r) {
    Editions l = {.n = 0};
    store_edition_list(r->st, collect_edition, &l);
    page_begin(r, _("Ediciones"));
    str_html(&r->out, "<ul class=\"editions\">");
    int shown = 0;
    for (int i = l.n - 1; i >= 0; i--) {
        const Edition *e = &l.v[i];
        if (!edition_is_public(e) && !is_staff(r)) continue;
        str_html(&r->out, "<li><a href=\"/ediciones/%s\">%s %s</a>", web_url_part(r, e->name), _("Edición"),
                 e->name);
        if (*e->period_start && *e->period_end)      /* issue 11: no "( – )" without a period */
            str_html(&r->out, " (%s)", web_period(r, e->period_start, e->period_end));
        str_html(&r->out, " · %s", is_staff(r) ? edition_status_text(r, e) : edition_state_label("publicada"));
        example_mark(r, e);
        str_puts(&r->out, "</li>");
        shown++;
    }
    str_html(&r->out, "</ul>");
    if (!shown) str_html(&r->out, "<p>%s</p>", _("Todavía no hay ediciones publicadas."));
    page_end(r);
}

/* ---- the dashboard ---- */

/* A figure's label in the language of the messages. */
static const char *label(const FigLabel *l) {
    return strcmp(i18n_lang(), "en") == 0 && l->name_en[0] ? l->name_en : l->name_es;
}

static void figure_link(Req *r, const char *ed, const char *query, long n) {
    /* issue 13, hostile fault 4 (R13): the list is exactly the actions counted */
    str_html(&r->out, "<a href=\"/acciones?edicion=%s%s%s\">%s</a>", ed, query, figure_scope(r), web_int(r, n));
}

/* A row: label, a <meter> to show the share (no inline style needed), the
 * count as a link. */
static void bar_cells(Req *r, const char *label, const char *ed, const char *query, long n, long max) {
    str_html(&r->out, "<tr><th scope=\"row\">%s</th><td class=\"num\">", label);
    figure_link(r, ed, query, n);
    str_html(&r->out, "</td><td class=\"bar\"><meter min=\"0\" max=\"%ld\" value=\"%ld\" "
                      "aria-hidden=\"true\"></meter></td>", max > 0 ? max : 1, n);
}

static void bar_row(Req *r, const char *label, const char *ed, const char *query, long n, long max) {
    bar_cells(r, label, ed, query, n, max);
    str_html(&r->out, "</tr>");
}

static long max_of(const long *v, int n) {
    long m = 0;
    for (int i = 0; i < n; i++) if (v[i] > m) m = v[i];
    return m;
}

/* One total of «En cifras»: its label and N as a link to HREF, what N counts.
 * A link whose list is not N actions is marked class="context". */
static void total_item(Req *r, const char *label, const char *href, long long n, bool actions) {
    str_html(&r->out, "<div><dt>%s</dt><dd><a ", label);
    if (!actions) str_puts(&r->out, "class=\"context\" ");
    str_html(&r->out, "href=\"%s\">%s</a></dd></div>", href, web_int(r, n));
}

static void dashboard_totals(Req *r, const Figures *f, const char *ed) {
    const char *all = arena_printf(&r->a, "/acciones?edicion=%s%s", ed, figure_scope(r));   /* R13: fault 4 */
    str_html(&r->out, "<section class=\"totals\" aria-labelledby=\"h-totales\">"
                      "<h2 id=\"h-totales\">%s</h2><dl>", _("En cifras"));
    total_item(r, _("Acciones validadas"), all, f->actions, true);
    /* institutions and challenges are counted by the tables below them */
    total_item(r, _("Instancias participantes"), "#h-tipos", f->institutions, false);
    /* units are counted, not actions: the link lists the actions of the
     * subnational type (issue 16: the type the pack marks, not a code) */
    const char *units = web_pack_word(r, WP_UNITS, true);
    units = *units ? units : _("Unidades subnacionales");
    int t = 0;
    while (t < f->ntypes && !f->type_info[t].subnational) t++;
    if (t < f->ntypes) {
        Str href = STR_INIT;
        str_puts(&href, all);
        str_puts(&href, "&tipo=");
        str_url(&href, f->types[t].code);
        total_item(r, units, arena_strdup(&r->a, str_cstr(&href)), f->states, false);
        str_free(&href);
    } else {
        str_html(&r->out, "<div><dt>%s</dt><dd>%s</dd></div>", units, web_int(r, f->states));
    }
    total_item(r, _("Retos señalados"), "#h-retos", f->challenges, false);
    /* the sum over every validated action */
    total_item(r, _("Personas beneficiarias declaradas"), all, f->beneficiaries, false);
    /* issue 16 (P16): «cuántas» agrees with the pack's noun («entidades»), «cuántos» with «departamentos» */
    Pack pk;
    bool masc = store_pack(r->st, &r->a, &pk) && strcmp(pk.unit_gender, "m") == 0;
    str_html(&r->out, "</dl><p class=\"note\">%s</p></section>",
             arena_printf(&r->a, masc ? _("%s: cuántos tienen acciones de su gobierno; el enlace lista esas "
                                          "acciones. Instancias participantes y retos señalados llevan a su tabla "
                                          "por tipo y por categoría; las personas beneficiarias son la suma de lo "
                                          "que declara cada acción validada.")
                                      : _("%s: cuántas tienen acciones de su gobierno; el enlace lista esas acciones. "
                                   "Instancias participantes y retos señalados llevan a su tabla por tipo y por "
                                   "categoría; las personas beneficiarias son la suma de lo que declara cada acción "
                                   "validada."), units));
}

/* issue 13: PREV (NULL: none) the edition before, PF its figures */
static void dashboard_types(Req *r, const Figures *f, const char *ed, const Edition *prev, const Figures *pf) {
    long max = max_of(f->by_type, f->ntypes);
    /* in a box of its own: its columns may be wider than a phone (F14B) */
    str_html(&r->out, "<section aria-labelledby=\"h-tipos\"><h2 id=\"h-tipos\">%s</h2><div class=\"scroll\">"
                      "<table class=\"bars\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\"><span class=\"sr\">%s</span></th>",
             _("Acciones por tipo de instancia reportante"), _("Tipo de instancia"), _("Acciones"),
             _("Proporción"));
    if (prev) trend_change_head(r, prev);
    /* F14B: the bodies of each type, which «Instancias participantes» sums */
    str_html(&r->out, "<th scope=\"col\">%s</th></tr></thead><tbody>", _("Instancias participantes"));
    for (int t = 0; t < f->ntypes; t++) {
        /* a type with actions in the previous edition shows, to show its fall */
        if (!f->by_type[t] && !f->inst_by_type[t] && !(prev && pf->by_type[t])) continue;
        char q[200];
        snprintf(q, sizeof q, "&tipo=%s", f->types[t].code);
        bar_cells(r, label(&f->types[t]), ed, q, f->by_type[t], max);
        if (prev) trend_change_cell(r, f->by_type[t], pf->by_type[t], prev);
        str_html(&r->out, "<td class=\"num\">%s</td></tr>", web_int(r, f->inst_by_type[t]));
    }
    str_html(&r->out, "</tbody><tfoot><tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td></td>", _("Total"),
             web_int(r, f->actions));
    if (prev) str_puts(&r->out, "<td></td>");
    str_html(&r->out, "<td class=\"num\" id=\"instancias-total\">%s</td></tr></tfoot></table></div></section>",
             web_int(r, f->institutions));
}

static void dashboard_objectives(Req *r, const Figures *f, const char *ed, const Edition *prev,
                                 const Figures *pf) {
    str_html(&r->out, "<section aria-labelledby=\"h-obj\"><h2 id=\"h-obj\">%s</h2>"
                      "<div class=\"scroll\"><table class=\"grid\"><thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th>",
             _("Acciones por objetivo y tipo de instancia"), _("Objetivo"), _("Total"));
    for (int t = 0; t < f->ntypes; t++)
        str_html(&r->out, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", label(&f->types[t]),
                 f->types[t].code);
    if (prev) trend_change_head(r, prev);
    str_html(&r->out, "</tr></thead><tbody>");
    for (int o = 1; o <= FIG_NOBJ; o++) {
        const CatEntry *obj = cat_by_id(WC_OBJECTIVE, o);
        str_html(&r->out, "<tr><th scope=\"row\"><a href=\"/objetivos#o%d\">%d</a> %s</th><td class=\"num\">",
                 o, o, !obj ? "" : strcmp(i18n_lang(), "en") == 0 && obj->extra && *obj->extra ? obj->extra : obj->name);
        char q[200];
        snprintf(q, sizeof q, "&objetivo=%d", o);
        figure_link(r, ed, q, f->by_obj[o]);
        str_html(&r->out, "</td>");
        for (int t = 0; t < f->ntypes; t++) {
            snprintf(q, sizeof q, "&objetivo=%d&tipo=%s", o, f->types[t].code);
            str_html(&r->out, "<td class=\"num\">");
            if (f->by_obj_type[o][t]) figure_link(r, ed, q, f->by_obj_type[o][t]);
            else str_html(&r->out, "0");
            str_html(&r->out, "</td>");
        }
        if (prev) trend_change_cell(r, f->by_obj[o], pf->by_obj[o], prev);
        str_html(&r->out, "</tr>");
    }
    str_html(&r->out, "</tbody></table></div></section>");
}

static void yes_no_table(Req *r, const char *id, const char *title, const char *param,
                         const long v[3], const char *ed) {
    static const char *const codes[3] = {"si", "no", "sin_dato"};
    const char *labels[3] = {_("Sí"), _("No"), _("Sin dato")};
    long max = max_of(v, 3);
    str_html(&r->out, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2><table class=\"bars\"><tbody>",
             id, id, title);
    for (int i = 0; i < 3; i++) {
        char q[200];
        snprintf(q, sizeof q, "&%s=%s", param, codes[i]);
        bar_row(r, labels[i], ed, q, v[i], max);
    }
    str_html(&r->out, "</tbody></table></section>");
}

static void dashboard_people(Req *r, const Figures *f, const char *ed) {
    long max = max_of(f->by_pop, f->npops);
    str_html(&r->out, "<div class=\"cols\"><section aria-labelledby=\"h-pob\"><h2 id=\"h-pob\">%s</h2>"
                      "<table class=\"bars\"><tbody>", _("Población atendida"));
    for (int p = 0; p < f->npops; p++) {
        char q[200];
        snprintf(q, sizeof q, "&poblacion=%s", f->pops[p].code);
        bar_row(r, label(&f->pops[p]), ed, q, f->by_pop[p], max);
    }
    str_html(&r->out, "</tbody></table></section>");
    yes_no_table(r, "h-gen", _("Enfoque en mujeres, niñas y adolescentes"), "genero", f->gender, ed);
    yes_no_table(r, "h-dis", _("Atención a personas con discapacidad"), "discapacidad", f->disability, ed);
    str_html(&r->out, "</div>");
}

static void dashboard_challenges(Req *r, const Figures *f, const char *ed) {
    long max = max_of(f->by_cat, f->ncats);
    if (f->unclassified > max) max = f->unclassified;
    str_html(&r->out, "<section aria-labelledby=\"h-retos\"><h2 id=\"h-retos\">%s</h2>"
                      "<p>%s</p><table class=\"bars\"><tbody>",
             _("Retos por categoría"),
             _("Cada cifra cuenta retos; el enlace lleva a las acciones que señalan al menos uno."));
    for (int c = 0; c < f->ncats; c++) {
        if (!f->by_cat[c]) continue;
        const CatEntry *e = cat_by_code(WC_CATEGORY, f->cats[c].code);
        char q[200];
        snprintf(q, sizeof q, "&categoria=%lld", (long long)(e ? e->id : 0));
        bar_row(r, label(&f->cats[c]), ed, q, f->by_cat[c], max);
    }
    if (f->unclassified) bar_row(r, _("Sin clasificar"), ed, "&categoria=ninguna", f->unclassified, max);
    str_html(&r->out, "</tbody></table></section>");
}

/* issue 13: what the UN asks for. The guiding principles the actions are
 * tagged with, and the objectives grouped by the IMRF's roundtables. */
static void dashboard_principles(Req *r, const Figures *f, const char *ed) {
    if (!f->with_principles) {      /* issue 13 (F13): a sentence, not a row of ten zeros */
        str_html(&r->out, "<section aria-labelledby=\"h-prin\"><h2 id=\"h-prin\">%s</h2><p id=\"sin-principios\">%s"
                          "</p></section>", _("Principios rectores del Pacto"),
                 _("Ninguna acción indica principios rectores."));
        return;
    }
    long max = max_of(f->by_principle + 1, FIG_NPRIN);
    str_html(&r->out, "<section aria-labelledby=\"h-prin\"><h2 id=\"h-prin\">%s</h2><p>%s</p>"
                      "<table class=\"bars\"><tbody>", _("Principios rectores del Pacto"),
             arena_printf(&r->a, _("%s de %s acciones señalan al menos un principio rector; una acción "
                                   "cuenta en cada principio que señala."), web_int(r, f->with_principles),
                          web_int(r, f->actions)));
    for (int p = 1; p <= FIG_NPRIN; p++) {
        char q[64];
        snprintf(q, sizeof q, "&principio=%d", p);
        const char *name = label(&f->principles[p]);
        bar_row(r, arena_printf(&r->a, "%d. %s", p, *name ? name : ""), ed, q, f->by_principle[p], max);
    }
    str_html(&r->out, "</tbody></table></section>");
}

static void dashboard_roundtables(Req *r, const Figures *f, const char *ed) {
    str_html(&r->out, "<section aria-labelledby=\"h-mesas\"><h2 id=\"h-mesas\">%s</h2><p>%s</p>"
                      "<div class=\"scroll\"><table class=\"grid roundtables\"><thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Objetivos por mesa redonda del Foro de Examen de la Migración Internacional"),
             _("Una acción cuenta una vez en cada mesa a la que pertenece alguno de sus objetivos."),
             _("Mesa redonda"), _("Acciones"), _("Objetivos (acciones)"));
    for (int m = 1; m <= FIG_NROUNDTABLES; m++) {
        char q[64];
        snprintf(q, sizeof q, "&mesa=%d", m);
        str_html(&r->out, "<tr><th scope=\"row\">%s %d</th><td class=\"num\">", _("Mesa"), m);
        figure_link(r, ed, q, f->by_roundtable[m]);
        str_html(&r->out, "</td><td>");
        bool first = true;
        for (int o = 1; o <= FIG_NOBJ; o++) {
            if (f->roundtable[o] != m) continue;
            snprintf(q, sizeof q, "&objetivo=%d", o);
            str_html(&r->out, "%s<a href=\"/objetivos#o%d\">%d</a> (", first ? "" : " · ", o, o);
            figure_link(r, ed, q, f->by_obj[o]);
            str_html(&r->out, ")");
            first = false;
        }
        str_html(&r->out, "</td></tr>");
    }
    str_html(&r->out, "</tbody></table></div></section>");
}

/* What the dashboard shows of E: a revision (the public's), or the
 * working edition (staff), which may differ from what the public sees. */
static const char *dashboard_status(Req *r, const Edition *e) {
    if (strcmp(e->state, "publicada") != 0 && e->revision > 0)
        return arena_printf(&r->a, _("Edición abierta para correcciones: vista interna; "
                                     "el público ve la revisión %d, publicada el %s."),
                            e->revision, web_day(r, e->published_at));
    if (strcmp(e->state, "publicada") != 0) return _("Edición todavía no publicada: vista interna.");
    if (!*e->published_at) return _("Edición publicada.");
    return arena_printf(&r->a, _("Edición publicada: revisión %d, del %s."), e->revision,
                        web_day(r, e->published_at));
}

/* Every edition the reader may see, the one shown marked: an older edition
 * stays one click away once a newer one is published. */
static void edition_switcher(Req *r, const Edition *shown) {
    Editions l = {.n = 0};
    store_edition_list(r->st, collect_edition, &l);
    str_html(&r->out, "<nav class=\"editions-switch\" aria-label=\"%s\"><ul>", _("Ediciones"));
    for (int i = l.n - 1; i >= 0; i--) {
        const Edition *e = &l.v[i];
        if (!edition_is_public(e) && !is_staff(r)) continue;
        str_html(&r->out, "<li><a href=\"/ediciones/%s\"", web_url_part(r, e->name));
        if (strcmp(e->name, shown->name) == 0) str_puts(&r->out, " aria-current=\"page\"");
        str_html(&r->out, ">%s %s", _("Edición"), e->name);
        if (store_edition_is_example(r->st, e->name)) str_html(&r->out, " (%s)", _("ejemplo sintético"));
        str_puts(&r->out, "</a></li>");
    }
    str_html(&r->out, "<li><a href=\"/ediciones\">%s</a></li></ul></nav>", _("Todas las ediciones"));
}

/* What the links of E's counts give /acciones after «edicion=»: E's name,
 * and for a signed-in reader shown a published revision (an enlace: the
 * public's figures) that revision, which the list would otherwise not read
 * (it reads the live edition for whoever is signed in): each count's link
 * lists what it counts (issue 13, R13B). */
static const char *list_edition(Req *r, const Edition *e) {
    Edition live;
    /* percent-encoded (issue 13 round 2, F13, fault 7: «R&D 2023» split the query) */
    const char *name = web_url_part(r, e->name);
    if (!r->logged || !store_edition_find(r->st, e->name, &live) || live.id == e->id) return name;
    return arena_printf(&r->a, "%s&revision=%d", name, e->revision);
}

static void dashboard(Req *r, const Edition *e) {
    Figures *f = arena_alloc(&r->a, sizeof *f);       /* issue 16: ~400 KB, not for the stack or TLS */
    if (!store_figures(r->st, e, false, f)) {
        page_error(r, 500, _("No se pudieron calcular las cifras."));
        return;
    }
    bool example = store_edition_is_example(r->st, e->name);      /* issue 13: the demo's synthetic edition */
    const char *country = web_pack_word(r, WP_COUNTRY, false);
    page_begin(r, example ? arena_printf(&r->a, _("Edición %s: ejemplo sintético, no son cifras reales"), e->name)
                  : *country ? arena_printf(&r->a, _("Edición %s: acciones de %s para el Pacto Mundial"), e->name, country)
                  : arena_printf(&r->a, _("Edición %s: acciones para el Pacto Mundial"), e->name));
    if (example) str_html(&r->out, "<p class=\"notice example\" id=\"ejemplo\">%s</p>", example_notice_text(NULL));
    edition_switcher(r, e);
    if (*e->period_start && *e->period_end)        /* issue 11: no "Periodo – ." without one */
        str_html(&r->out, "<p class=\"lead\">%s %s. %s</p>", _("Periodo"),
                 web_period(r, e->period_start, e->period_end), dashboard_status(r, e));
    else
        str_html(&r->out, "<p class=\"lead\">%s</p>", dashboard_status(r, e));
    Figures *pf = arena_alloc(&r->a, sizeof *pf);     /* issue 13: the edition before, for the change */
    Edition prev;
    bool has_prev;
    if (!trend_previous_figures(r, e, &prev, pf, &has_prev)) {
        page_error(r, 500, _("No se pudieron calcular las cifras."));
        return;
    }
    const char *list = list_edition(r, e);      /* issue 13 (R13B) */
    dashboard_totals(r, f, list);
    dashboard_types(r, f, list, has_prev ? &prev : NULL, pf);
    dashboard_map(r, e);            /* issue 14: pages_map.c */
    dashboard_objectives(r, f, list, has_prev ? &prev : NULL, pf);
    dashboard_roundtables(r, f, list);
    dashboard_principles(r, f, list);
    dashboard_people(r, f, list);
    dashboard_challenges(r, f, list);
    Str ed = STR_INIT;
    str_url(&ed, e->name);
    str_html(&r->out, "<p><a href=\"/api/v1/editions/%s/figures\">%s</a> · <a href=\"/descargas\">%s</a> · "
                      "<a href=\"/buenas-practicas?edicion=%s\">%s</a> · <a href=\"/tendencias\">%s</a></p>",
             str_cstr(&ed), _("Estas cifras en JSON"), _("Descargas"), str_cstr(&ed), _("Buenas prácticas"),
             _("Tendencias de todas las ediciones"));
    str_free(&ed);
    page_end(r);
}

void page_home(Req *r) {
    Edition e;
    if (latest_published(r->st, &e)) {
        dashboard(r, &e);
        return;
    }
    page_begin(r, _("Seguimiento del Pacto Mundial para la Migración"));
    str_html(&r->out, "<p>%s</p>", _("Todavía no hay ediciones publicadas."));
    page_end(r);
}

void page_dashboard(Req *r) {
    Edition e;
    if (!edition_for_reader(r, r->args[0], is_staff(r), &e)) {
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return;
    }
    dashboard(r, &e);
}

void page_objectives(Req *r) {
    page_begin(r, _("Los 23 objetivos del Pacto Mundial"));
    str_html(&r->out, "<p>%s</p><ol class=\"objectives\">",
             _("Objetivos del Pacto Mundial para una Migración Segura, Ordenada y Regular "
               "(A/RES/73/195, anexo, párr. 16)."));
    const CatList *l = cat_list(WC_OBJECTIVE);
    for (int i = 0; i < l->n; i++)
        str_html(&r->out, "<li id=\"o%s\" value=\"%s\"><strong>%s</strong> <span lang=\"en\">%s</span></li>",
                 l->v[i].code, l->v[i].code, l->v[i].name, l->v[i].extra);
    str_html(&r->out, "</ol>");
    page_end(r);
}

/* issue 13: the GCM's ten guiding principles (para. 15), as the catalog
 * holds them; an action page links to each by its anchor. */
void page_principles(Req *r) {
    page_begin(r, _("Los 10 principios rectores del Pacto Mundial"));
    str_html(&r->out, "<p>%s</p><ol class=\"principles\">",
             _("Principios rectores transversales e interdependientes del Pacto Mundial para una Migración "
               "Segura, Ordenada y Regular (A/RES/73/195, anexo, párr. 15)."));
    const CatList *l = cat_list(WC_PRINCIPLE);
    for (int i = 0; i < l->n; i++)
        str_html(&r->out, "<li id=\"p%s\" value=\"%s\"><strong>%s</strong> %s</li>",
                 l->v[i].code, l->v[i].code, l->v[i].name, l->v[i].extra);
    str_html(&r->out, "</ol>");
    page_end(r);
}

void page_glossary(Req *r) {
    page_begin(r, _("Glosario de categorías de retos"));
    str_html(&r->out, "<dl class=\"glossary\">");
    const CatList *l = cat_list(WC_CATEGORY);
    for (int i = 0; i < l->n; i++)
        str_html(&r->out, "<dt id=\"c%lld\">%s</dt><dd>%s</dd>", (long long)l->v[i].id,
                 l->v[i].name, l->v[i].extra);
    str_html(&r->out, "</dl>");
    page_end(r);
}

/* The links to the files of edition N, or of its revision REV (> 0). */
static void download_links(Req *r, const char *n, int rev) {
    n = web_url_part(r, n);          /* issue 13 round 3 (F13B): «R&D 2022» is R%26D%202022 in a URL */
    const char *base = rev > 0 ? arena_printf(&r->a, "%s/r%d", n, rev) : n;
    str_html(&r->out, "<ul class=\"downloads\">"
                      "<li><a href=\"/descargas/%s/informe.html\">%s</a> (HTML)</li>"
                      "<li><a href=\"/descargas/%s/informe.pdf\">%s</a> (PDF)</li>"
                      "<li><a href=\"/descargas/%s/compendio.html\">%s</a> (HTML)</li>"
                      "<li><a href=\"/descargas/%s/compendio.pdf\">%s</a> (PDF)</li>"
                      "<li><a href=\"/descargas/%s/acciones.csv\">%s</a> (CSV) · "
                      "<a href=\"/descargas/%s/retos.csv\">%s</a> (CSV)</li>"
                      "<li><a href=\"/descargas/%s/acciones.json\">%s</a> (JSON)</li>",
             base, _("Informe Ejecutivo"), base, _("Informe Ejecutivo"), base,
             _("Compendio General"), base, _("Compendio General"), base,
             _("Acciones validadas"), base, _("Retos"), base, _("Acciones validadas con sus retos"));
    /* issue 14 (helper D14): the workbook, the data package, the license */
    str_html(&r->out, "<li><a href=\"/descargas/%s/acciones.xlsx\">%s</a> (XLSX)</li>"
                      "<li><a href=\"/descargas/%s/datapackage.json\">%s</a> (Frictionless, JSON) · "
                      "<a href=\"/descargas/%s/licencia.txt\">%s</a></li>",
             base, _("Acciones validadas con sus retos"), base, _("Paquete de datos"), base,
             _("Licencia de los datos"));
    if (rev == 0)
        str_html(&r->out, "<li><a href=\"/api/v1/editions/%s/figures\">%s</a> (JSON)</li>", n, _("Cifras"));
    str_html(&r->out, "</ul>");
}

typedef struct {
    Req *r;
    const char *name;
    int latest;
} RevCtx;

/* An earlier revision: its date, its files. */
static void revision_item(void *ctx, int n, const char *at, const char *by, const char *note) {
    RevCtx *c = ctx;
    (void)by;
    if (n >= c->latest) return;
    str_html(&c->r->out, "<li id=\"edicion-%s-r%d\">%s %d, %s%s%s", c->name, n, _("Revisión"), n,
             web_day(c->r, at), *note ? ": " : "", note);
    download_links(c->r, c->name, n);
    str_html(&c->r->out, "</li>");
}

/* One edition's part of the downloads page: its files, its license, its
 * earlier revisions. */
static void downloads_edition(Req *r, const Edition *e) {
    bool example = store_edition_is_example(r->st, e->name);     /* F14C: issue 14 fault 7 */
    str_html(&r->out, "<h2 id=\"edicion-%s\">%s %s%s</h2>", e->name, _("Edición"), e->name,
             example ? arena_printf(&r->a, " (%s)", _("ejemplo sintético")) : "");
    if (example) str_html(&r->out, "<p class=\"notice example\">%s</p>", example_notice_text(NULL));
    if (e->revision > 0)
        str_html(&r->out, "<p>%s</p>", arena_printf(&r->a, _("Revisión %d, publicada el %s."),
                                                     e->revision, web_day(r, e->published_at)));
    download_links(r, e->name, 0);
    opendata_license_line(r, e);          /* issue 14 */
    Edition live;       /* issue 14 round 3, fault 1: E may be a revision, whose id is its snapshot's */
    if (e->revision > 1 && store_edition_find(r->st, e->name, &live)) {
        RevCtx c = {r, e->name, e->revision};
        str_html(&r->out, "<h3>%s</h3><ul class=\"revisions\">", _("Revisiones anteriores"));
        store_edition_revisions(r->st, live.id, revision_item, &c);
        str_html(&r->out, "</ul>");
    }
}

void page_downloads(Req *r) {
    Editions l = {.n = 0};
    store_edition_list(r->st, collect_edition, &l);
    page_begin(r, _("Descargas"));
    int shown = 0;
    for (int i = l.n - 1; i >= 0; i--) {
        if (!edition_is_public(&l.v[i])) continue;
        downloads_edition(r, &l.v[i]);
        shown++;
    }
    if (!shown) str_html(&r->out, "<p>%s</p>", _("Todavía no hay ediciones publicadas."));
    page_end(r);
}

/* GET /descargas/E and /descargas/E/ (issue 14 round 2, fault 10: a user
 * who trims a file's address finds the edition's downloads, not a 404);
 * /descargas/catalogos, the catalogs' list; /descargas/diccionario/, the
 * dictionary. */
void page_downloads_of(Req *r) {
    Edition e;
    if (strcmp(r->args[0], "catalogos") == 0 || strcmp(r->args[0], "diccionario") == 0) {
        req_redirect(r, strcmp(r->args[0], "catalogos") == 0 ? "/descargas/diccionario#catalogos"
                                                             : "/descargas/diccionario");
        return;
    }
    if (!edition_for_reader(r, r->args[0], false, &e)) {
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return;
    }
    page_begin(r, arena_printf(&r->a, _("Descargas de la edición %s"), e.name));
    downloads_edition(r, &e);
    str_html(&r->out, "<p><a href=\"/descargas\">%s</a></p>", _("Las descargas de todas las ediciones"));
    page_end(r);
}
