/* The JSON API under /api/v1 (docs/api.md): read-only for the public;
 * writes need a session (with its CSRF token) or an API token. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "analysis/figures_json.h"
#include "ingest/import.h"
#include "util/i18n.h"
#include "web/web.h"

static void send_json(Req *r, json_t *j) {
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    r->ctype = "application/json";
    str_clear(&r->out);
    if (s) str_puts(&r->out, s);
    str_putc(&r->out, '\n');
    free(s);
    json_decref(j);
}

void api_not_found(Req *r) { page_error(r, 404, "not found"); }

typedef struct {
    Req *r;
    json_t *arr;
} EdCtx;

static void edition_json(void *ctx, const Edition *e, long actions) {
    EdCtx *c = ctx;
    if (strcmp(e->state, "publicada") != 0 && !is_staff(c->r)) return;
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "name", e->name, "period_start", e->period_start,
                          "period_end", e->period_end, "state", e->state);
    json_object_set_new(o, "links", json_pack("{s:s, s:s, s:s}",
        "dashboard", arena_printf(&c->r->a, "/ediciones/%s", e->name),
        "actions", arena_printf(&c->r->a, "/api/v1/editions/%s/actions", e->name),
        "figures", arena_printf(&c->r->a, "/api/v1/editions/%s/figures", e->name)));
    if (is_staff(c->r)) json_object_set_new(o, "actions_all_states", json_integer(actions));
    json_array_append_new(c->arr, o);
}

void api_editions(Req *r) {
    EdCtx c = {r, json_array()};
    store_edition_list(r->st, edition_json, &c);
    send_json(r, json_pack("{s:o}", "editions", c.arr));
}

static json_t *objectives_json(const char *list) {
    json_t *a = json_array();
    for (const char *p = list; *p;) {
        json_array_append_new(a, json_integer(atoi(p)));
        p = strchr(p, ';');
        if (!p) break;
        p++;
    }
    return a;
}

void api_actions(Req *r) {
    /* the page and the API read the same filters from the URL */
    ActionFilter f;
    Edition ed;
    if (!actions_filter(r, r->args[0], &f, &ed)) return;
    ActionSummary *rows;
    int n;
    long total;
    if (!store_action_search(r->st, &f, &r->a, &rows, &n, &total)) {
        page_error(r, 500, "query failed");
        return;
    }
    if (r->logged) r->no_cache = true;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)rows[i].id,
                              "folio", rows[i].folio, "name", rows[i].name, "institution", rows[i].institution,
                              "reporter_type", rows[i].reporter_type, "status", rows[i].status);
        json_object_set_new(o, "objectives", objectives_json(rows[i].objectives));
        json_object_set_new(o, "url", json_string(arena_printf(&r->a, "/api/v1/actions/%lld", (long long)rows[i].id)));
        json_array_append_new(arr, o);
    }
    send_json(r, json_pack("{s:s, s:I, s:i, s:i, s:o}", "edition", ed.name, "total", (json_int_t)total,
                           "page", f.offset / f.limit + 1, "per_page", f.limit, "actions", arr));
}

static json_t *detail_json(const Action *d) {
    json_t *objs = json_array(), *types = json_array(), *pops = json_array(), *ch = json_array();
    for (int i = 0; i < d->nobj; i++) json_array_append_new(objs, json_integer(d->objectives[i]));
    for (int i = 0; i < d->ntypes; i++) json_array_append_new(types, json_string(d->type_names[i]));
    for (int i = 0; i < d->npops; i++) json_array_append_new(pops, json_string(d->pop_codes[i]));
    for (int i = 0; i < d->nchallenges; i++)
        json_array_append_new(ch, json_pack("{s:s, s:s?}", "text", d->challenges[i].text, "category",
                                            d->challenges[i].category_id ? d->challenges[i].category : NULL));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)d->id,
                          "edition", d->edition, "folio", d->folio, "institution", d->institution,
                          "institution_name", d->institution_name, "reporter_type", d->reporter_type,
                          "name", d->name, "description", d->description, "results", d->results);
    json_object_set_new(o, "objectives", objs);
    json_object_set_new(o, "action_types", types);
    json_object_set_new(o, "population", pops);
    json_object_set_new(o, "gender_focus", d->gender_focus < 0 ? json_null() : json_boolean(d->gender_focus));
    json_object_set_new(o, "disability", d->disability < 0 ? json_null() : json_boolean(d->disability));
    json_object_set_new(o, "beneficiaries", d->beneficiaries < 0 ? json_null() : json_integer(d->beneficiaries));
    json_object_set_new(o, "challenges", ch);
    json_object_set_new(o, "status", json_string(d->status));
    json_object_set_new(o, "version", json_integer(d->version));
    return o;
}

void api_action(Req *r) {
    Action d;
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    if (id <= 0 || *end || !store_action_get(r->st, id, &r->a, &d) || !action_visible(r, &d)) {
        page_error(r, 404, "action not found");
        return;
    }
    r->no_cache = true;
    send_json(r, detail_json(&d));
}

void api_figures(Req *r) {
    Edition e;
    if (!store_edition_find(r->st, r->args[0], &e) || (strcmp(e.state, "publicada") != 0 && !is_staff(r))) {
        page_error(r, 404, "edition not found or not published");
        return;
    }
    static __thread Figures f;
    if (!store_figures(r->st, &e, false, &f)) {
        page_error(r, 500, "figures failed");
        return;
    }
    send_json(r, figures_to_json(&f));
}

/* POST /api/v1/editions/E/actions: a new draft from a JSON object with
 * the fields of the interchange format. */
void api_action_create(Req *r) {
    if (!r->logged) {
        page_error(r, 401, "a session or an API token is required");
        return;
    }
    if (!has_role(r, ROLE_ENLACE) && !has_role(r, ROLE_COORDINADOR)) {
        page_error(r, 403, "only enlaces and coordinators write actions");
        return;
    }
    Edition e;
    if (!store_edition_find(r->st, r->args[0], &e)) {
        page_error(r, 404, "edition not found");
        return;
    }
    if (has_role(r, ROLE_ENLACE) && strcmp(e.state, "abierta") != 0) {
        page_error(r, 403, "the edition is not open");
        return;
    }
    json_error_t jerr;
    json_t *in = json_loadb(r->body.p ? r->body.p : "", r->body.len, 0, &jerr);
    if (!json_is_object(in)) {
        json_decref(in);
        page_error(r, 400, "the body must be a JSON object");
        return;
    }
    Action d;
    memset(&d, 0, sizeof d);
    d.edition_id = e.id;
    d.status = status_name(AS_BORRADOR);
    d.gender_focus = d.disability = -1;
    d.beneficiaries = -1;
    const char *s;
    d.folio = (s = json_string_value(json_object_get(in, "folio"))) ? arena_strdup(&r->a, s) : NULL;
    d.name = (s = json_string_value(json_object_get(in, "nombre"))) ? arena_strdup(&r->a, s) : "";
    d.description = (s = json_string_value(json_object_get(in, "descripcion"))) ? arena_strdup(&r->a, s) : "";
    d.results = (s = json_string_value(json_object_get(in, "resultados"))) ? arena_strdup(&r->a, s) : "";
    const char *inst = json_string_value(json_object_get(in, "institucion"));
    const CatEntry *ie = has_role(r, ROLE_ENLACE) ? cat_by_id(WC_INSTITUTION, r->user.institution_id)
                                                  : cat_by_code(WC_INSTITUTION, inst);
    if (has_role(r, ROLE_ENLACE) && inst && ie && strcmp(inst, ie->code) != 0) ie = NULL;
    json_t *objs = json_object_get(in, "objetivos");
    d.objectives = arena_alloc(&r->a, sizeof *d.objectives * (json_array_size(objs) + 1));
    size_t i;
    json_t *v;
    json_array_foreach(objs, i, v) {
        json_int_t o = json_integer_value(v);
        if (o >= 1 && o <= 23) d.objectives[d.nobj++] = (int)o;
    }
    const char *err = !*d.name ? "nombre is required"
                    : strlen(d.name) > 1000 ? "nombre is longer than 1000 characters"
                    : !ie ? "institucion is unknown (an enlace writes only for its own)"
                    : !d.nobj ? "objetivos must list objectives 1-23"
                    : d.folio && (strlen(d.folio) > 64 || store_folio_taken(r->st, e.id, d.folio, 0))
                        ? "folio is taken or too long" : NULL;
    json_decref(in);
    if (err) {
        page_error(r, 422, err);
        return;
    }
    d.institution_id = ie->id;
    const char *why = NULL;
    WriteResult res = action_write(r, &d, "crear (API)", &why);
    if (res != WR_OK) {
        page_error(r, write_status(res), write_message(res, why));
        return;
    }
    Action saved;
    store_action_get(r->st, d.id, &r->a, &saved);
    r->status = 201;
    req_set_header(r, "Location", arena_printf(&r->a, "/api/v1/actions/%lld", (long long)d.id));
    send_json(r, detail_json(&saved));
}
