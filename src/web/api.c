/* The JSON API under /api/v1 (docs/api.md): read-only for the public;
 * writes need a session (with its CSRF token) or an API token. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "analysis/figures_json.h"
#include "analysis/trend.h"
#include "ingest/import.h"
#include "render/export.h"
#include "store/demo_store.h"
#include "store/trend_store.h"
#include "util/embedded.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/opendata.h"
#include "web/web.h"

static void send_json(Req *r, json_t *j) {
    char *s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT);
    r->ctype = "application/json";
    str_clear(&r->out);
    if (s) str_puts(&r->out, s);
    else str_fail(&r->out);           /* F15B: jansson found no memory: 503 (server.c) */
    str_putc(&r->out, '\n');
    free(s);
    json_decref(j);
}

void api_not_found(Req *r) { page_error(r, 404, _("No existe esta dirección de la API.")); }

/* F14B: every endpoint refuses a parameter it does not take (400, naming
 * it and the ones it takes: web_query_check), as the list always did; a
 * typo (/trend?editions=) answered as if it were absent. */
static bool no_params(Req *r) { return web_query_check(r, NULL, true, NULL); }

/* Seconds a public answer about a published edition stays fresh: a new
 * revision may be published, so not long (docs/api.md, "Other origins
 * (CORS) and caching"); a revision's own action never changes; the
 * description changes only with the program. */
#define API_PUBLISHED_MAX_AGE 300
#define API_FROZEN_MAX_AGE 86400
#define API_DESCRIPTION_MAX_AGE 3600

/* ---- the description and the index (issue 14) ---- */

static json_t *openapi_doc(void) {
    const EmbeddedFile *f = embedded_find("web/openapi.json");
    return f ? json_loadb((const char *)f->data, f->size, 0, NULL) : NULL;
}

/* GET /api/v1/openapi.json: data/web/openapi.json, as compiled in. */
static void api_openapi(Req *r) {
    if (!no_params(r)) return;
    const EmbeddedFile *f = embedded_find("web/openapi.json");
    if (!f) {
        page_error(r, 500, _("Falta la descripción OpenAPI en este programa."));
        return;
    }
    r->ctype = "application/json";
    r->max_age = API_DESCRIPTION_MAX_AGE;
    str_clear(&r->out);
    str_append(&r->out, (const char *)f->data, f->size);
}

/* Whether the OpenAPI path template TPL ("/x/{id}") is route PATTERN,
 * where '*' stands for each {parameter}. */
static bool template_is(const char *tpl, const char *pattern) {
    while (*tpl && *pattern) {
        if (*tpl == '{' && *pattern == '*') {
            tpl += strcspn(tpl, "}");
            if (*tpl) tpl++;
            pattern++;
        } else if (*tpl++ != *pattern++) {
            return false;
        }
    }
    return !*tpl && !*pattern;
}

/* GET /api/v1: every route the server has under /api/ (api_routes, and
 * any that server.c's own table might have), with its path as the
 * description writes it and its summary there; a route the description
 * lacks is listed with "described": false (the test refuses that). */
static void api_index(Req *r) {
    if (!no_params(r)) return;
    json_t *doc = openapi_doc(), *paths = json_object_get(doc, "paths"), *list = json_array();
    for (const WebRoute *rt = web_routes(); rt->method; rt++) {
        if (strncmp(rt->pattern, "/api/", 5) != 0) continue;
        const char *tpl, *summary = NULL, *path = rt->pattern;
        json_t *item;
        json_object_foreach(paths, tpl, item) {
            if (!template_is(tpl, rt->pattern)) continue;
            path = tpl;
            const char *method;
            json_t *op;
            json_object_foreach(item, method, op)
                if (strcasecmp(method, rt->method) == 0) summary = json_string_value(json_object_get(op, "summary"));
        }
        json_array_append_new(list, json_pack("{s:s, s:s, s:s?, s:b, s:b}", "method", rt->method, "path", path,
                                              "summary", summary, "described", summary != NULL,
                                              "public", (rt->flags & R_CORS) != 0));
    }
    json_decref(doc);
    send_json(r, json_pack("{s:s, s:s, s:s, s:o}", "name", "pmm", "version", "v1", "openapi",
                           "/api/v1/openapi.json", "endpoints", list));
}

/* ---- the catalogs (issue 14): every code the data and the filters use ---- */

typedef struct {
    const char *name;        /* of the URL: /api/v1/catalogos/NAME */
    WebCatalog which;
    const char *filter;      /* the list's parameter that takes "value" */
    bool by_id;              /* the filter takes the id (else the code) */
    const char *extra;       /* the key of CatEntry.extra */
} ApiCatalog;

static const ApiCatalog api_catalogs[] = {
    {"objetivos", WC_OBJECTIVE, "objetivo", false, "title_en"},
    {"tipos", WC_REPORTER_TYPE, "tipo", false, "name_en"},
    {"instituciones", WC_INSTITUTION, "institucion", false, "reporter_type"},
    {"estados", WC_STATE, "estado", false, "abbrev"},
    {"tipos_accion", WC_ACTION_TYPE, "tipo_accion", true, "name_en"},
    {"poblaciones", WC_POPULATION, "poblacion", false, "name_en"},
    {"categorias", WC_CATEGORY, "categoria", true, "definition"},
    {"principios", WC_PRINCIPLE, "principio", false, "description"},   /* issue 13, hostile fault 9 */
    {NULL, 0, NULL, false, NULL},
};

/* GET /api/v1/catalogos: the catalogs and where each is. */
static void api_catalog_index(Req *r) {
    if (!no_params(r)) return;
    json_t *list = json_array();
    for (const ApiCatalog *c = api_catalogs; c->name; c++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:s}", "name", c->name, "filter", c->filter, "url",
                                              arena_printf(&r->a, "/api/v1/catalogos/%s", c->name)));
    send_json(r, json_pack("{s:o}", "catalogs", list));
}

/* GET /api/v1/catalogos/NAME: its entries, as the server holds them now. */
static void api_catalog(Req *r) {
    if (!no_params(r)) return;
    const ApiCatalog *c = api_catalogs;
    const char *name = opendata_catalog_api(r->args[0]);     /* also the downloads' and the CLI's names (fault 7) */
    while (c->name && (!name || strcmp(c->name, name) != 0)) c++;
    if (!c->name) {
        Str names = STR_INIT;
        for (const ApiCatalog *k = api_catalogs; k->name; k++) str_printf(&names, "%s%s", names.len ? ", " : "", k->name);
        page_error(r, 404, arena_printf(&r->a, _("No existe el catálogo «%s»; hay: %s."), r->args[0], names.p));
        str_free(&names);
        return;
    }
    const CatList *l = cat_list(c->which);
    json_t *items = json_array();
    for (int i = 0; i < l->n; i++) {
        const CatEntry *e = &l->v[i];
        json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)e->id, "value",
                              c->by_id ? arena_printf(&r->a, "%lld", (long long)e->id) : e->code, "name", e->name);
        if (c->which != WC_ACTION_TYPE && c->which != WC_CATEGORY && c->which != WC_PRINCIPLE) json_object_set_new(o, "code", json_string(e->code));
        /* issue 13 round 2 (F13, fault 14): a principle's English name, and
         * its description in the language asked (Accept-Language) */
        const char *extra = e->extra_en && *e->extra_en && strcmp(i18n_lang(), "en") == 0 ? e->extra_en : e->extra;
        json_object_set_new(o, c->extra, extra && *extra ? json_string(extra) : json_null());
        if (e->name_en) json_object_set_new(o, "name_en", *e->name_en ? json_string(e->name_en) : json_null());
        json_array_append_new(items, o);
    }
    send_json(r, json_pack("{s:s, s:s, s:i, s:o}", "catalog", c->name, "filter", c->filter, "total", l->n,
                           "items", items));
}

typedef struct {
    Req *r;
    Edition *v;              /* in r->a */
    long *actions;
    int n, cap;
} EdCtx;

static void collect_edition(void *ctx, const Edition *e, long actions) {
    EdCtx *c = ctx;
    if (!edition_is_public(e) && !is_staff(c->r)) return;      /* issue 10: revisions */
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 16;
        Edition *v = arena_alloc(&c->r->a, (size_t)cap * sizeof *v);
        long *n = arena_alloc(&c->r->a, (size_t)cap * sizeof *n);
        if (c->n) { memcpy(v, c->v, (size_t)c->n * sizeof *v); memcpy(n, c->actions, (size_t)c->n * sizeof *n); }
        c->v = v;
        c->actions = n;
        c->cap = cap;
    }
    c->actions[c->n] = actions;
    c->v[c->n++] = *e;
}

/* "synthetic" (always) and, for a synthetic example, "notice": the one
 * text of it, in the request's language (issue 14 fault 7, issue 13; F14C
 * for editions, F13B for an edition's actions and one action). */
static void synthetic_json(Req *r, json_t *o, const char *edition) {
    bool example = store_edition_is_example(r->st, edition);
    json_object_set_new(o, "synthetic", json_boolean(example));
    if (example) json_object_set_new(o, "notice", json_string(example_notice_text(NULL)));
}

static json_t *edition_json(Req *r, const Edition *e, long actions) {
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "name", e->name, "period_start", e->period_start,
                          "period_end", e->period_end, "state", e->state);
    json_object_set_new(o, "links", json_pack("{s:s, s:s, s:s}",
        "dashboard", arena_printf(&r->a, "/ediciones/%s", e->name),
        "actions", arena_printf(&r->a, "/api/v1/editions/%s/actions", e->name),
        "figures", arena_printf(&r->a, "/api/v1/editions/%s/figures", e->name)));
    if (is_staff(r)) json_object_set_new(o, "actions_all_states", json_integer(actions));
    synthetic_json(r, o, e->name);   /* F14C (issue 14 fault 7): a synthetic example says so */
    return o;
}

/* GET /api/v1/editions. The public sees each edition as it was published
 * (its latest revision: period, state), as the dashboard does through
 * edition_for_reader; a reopened edition's new period stays internal until
 * it is published again (issue 10, REC3). Staff see the live editions. */
void api_editions(Req *r) {
    if (!no_params(r)) return;
    EdCtx c = {.r = r};
    store_edition_list(r->st, collect_edition, &c);
    json_t *arr = json_array();
    for (int i = c.n - 1; i >= 0; i--) {          /* the newest first (store_edition_list) */
        Edition seen;
        if (!edition_for_reader(r, c.v[i].name, is_staff(r), &seen)) continue;
        json_array_append_new(arr, edition_json(r, &seen, c.actions[i]));
    }
    send_json(r, json_pack("{s:o}", "editions", arr));
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

/* round 3, fault 7: the summary's «reporter_type» (the institution's
 * type, no field of the interchange format) is taken by campos= too. */
#define REPORTER_TYPE_KEY "reporter_type"

/* The keys campos= takes, as a 400 lists them: every key of
 * action_to_json in Spanish, then in English (issue 14 round 2, fault 6). */
static const char *known_fields(Req *r) {
    Str names = STR_INIT;
    str_puts(&names, "todos");
    for (int i = 0; i < ACTION_NJSON_KEYS; i++) str_printf(&names, ", %s", action_json_key(i, false));
    const char *es = arena_strdup(&r->a, names.p);
    str_clear(&names);
    for (int i = 0; i < ACTION_NJSON_KEYS; i++)
        str_printf(&names, "%s%s", i ? ", " : "", action_json_key(i, true));
    str_puts(&names, ", " REPORTER_TYPE_KEY);
    const char *out = arena_printf(&r->a, _("%s; o por sus nombres en inglés: %s"), es, names.p);
    str_free(&names);
    return out;
}

/* The fields campos= asks for, in R's arena (as asked: in the interchange
 * format's Spanish or in the API's English, action_json_key_find), "" alone
 * for every field, NULL when absent; false after answering 400 for an
 * unknown or empty one. */
static bool fields_param(Req *r, const char ***out, int *n) {
    *out = NULL;
    *n = 0;
    const char *v = req_query(r, "campos");
    if (!v) return true;
    if (strcmp(v, "todos") == 0) {
        *out = arena_alloc(&r->a, sizeof **out);
        return true;
    }
    char *copy = arena_strdup(&r->a, v);
    *out = arena_alloc(&r->a, sizeof **out * (strlen(v) / 2 + 2));
    for (char *tok = copy, *next; tok; tok = next) {
        next = strchr(tok, ',');
        if (next) *next++ = '\0';
        if (action_json_key_find(tok) >= 0 || strcmp(tok, REPORTER_TYPE_KEY) == 0) {
            (*out)[(*n)++] = tok;
            continue;
        }
        if (strcmp(tok, "todos") == 0) {    /* round 3, fault 7: it is known, but goes alone */
            page_error(r, 400, _("El parámetro «campos» lleva «todos» solo, o los campos que se piden, "
                                 "no ambos."));
            return false;
        }
        page_error(r, 400, arena_printf(&r->a, _("El parámetro «campos» pide «%s», que no es un campo; se "
                                                 "conocen: %s (separados por comas)."), tok, known_fields(r)));
        return false;
    }
    return true;
}

/* Row ROW of the list as an item: every field of the interchange format
 * (action_to_json), or the NFIELDS of FIELDS, each under the name it was
 * asked by, with its id and URL. */
static json_t *full_item(Req *r, const ActionSummary *row, const char **fields, int nfields) {
    int64_t id = row->id;
    Action d;
    if (!store_action_get(r->st, id, &r->a, &d)) return NULL;
    json_t *all = action_to_json(&d), *o = json_pack("{s:I, s:s}", "id", (json_int_t)id, "url",
                                                     arena_printf(&r->a, "/api/v1/actions/%lld", (long long)id));
    if (!nfields) json_object_update(o, all);
    for (int i = 0; i < nfields; i++) {
        const char *key = action_json_key(action_json_key_find(fields[i]), false);
        if (strcmp(fields[i], REPORTER_TYPE_KEY) == 0)
            json_object_set_new(o, fields[i], row->reporter_type ? json_string(row->reporter_type) : json_null());
        else
            json_object_set(o, fields[i], json_object_get(all, key));
    }
    json_decref(all);
    return o;
}

static json_t *summary_item(Req *r, const ActionSummary *row) {
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)row->id, "folio", row->folio, "name",
                          row->name, "institution", row->institution, "reporter_type", row->reporter_type, "status",
                          row->status);
    json_object_set_new(o, "objectives", objectives_json(row->objectives));
    json_object_set_new(o, "url", json_string(arena_printf(&r->a, "/api/v1/actions/%lld", (long long)row->id)));
    return o;
}

/* "links" of a page of PAGES: self, first, last, and prev and next where
 * they exist, each keeping every other argument (list_page_url); the same
 * as a Link header (RFC 8288). */
static json_t *paging_links(Req *r, int page, int pages) {
    json_t *l = json_object();
    Str link = STR_INIT;
    const char *rel[] = {"self", "first", "last", "prev", "next"};
    int at[] = {page, 1, pages < 1 ? 1 : pages, page - 1, page + 1};
    for (int i = 0; i < 5; i++) {
        if (at[i] < 1 || (i == 4 && at[i] > pages)) continue;
        const char *url = list_page_url(r, r->path, at[i], "&");
        json_object_set_new(l, rel[i], json_string(url));
        str_printf(&link, "%s<%s>; rel=\"%s\"", link.len ? ", " : "", url, rel[i]);
    }
    req_set_header(r, "Link", link.p);
    str_free(&link);
    return l;
}

void api_actions(Req *r) {
    /* the page and the API read the same filters from the URL */
    ActionFilter f;
    Edition ed;
    if (!actions_filter(r, r->args[0], &f, &ed)) return;
    const char **fields;
    int nfields;
    if (!fields_param(r, &fields, &nfields)) return;
    ActionSummary *rows;
    int n;
    long total;
    if (!store_action_search(r->st, &f, &r->a, &rows, &n, &total)) {
        page_error(r, 500, _("No se pudo consultar las acciones."));
        return;
    }
    if (r->logged) r->no_cache = true;
    else if (strcmp(ed.state, "publicada") == 0) r->max_age = API_PUBLISHED_MAX_AGE;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *o = fields ? full_item(r, &rows[i], fields, nfields) : summary_item(r, &rows[i]);
        if (!o) {
            json_decref(arr);
            page_error(r, 500, _("No se pudo consultar las acciones."));
            return;
        }
        json_array_append_new(arr, o);
    }
    int page = f.offset / f.limit + 1, pages = (int)((total + f.limit - 1) / f.limit);
    if (page > 1 && page > pages) {     /* F14B: not an empty page that links back */
        json_decref(arr);
        page_error(r, 404, arena_printf(&r->a, _("El parámetro «pagina» pide la página %d; la lista tiene %d "
                                                 "(de 1 a %d)."), page, pages, pages < 1 ? 1 : pages));
        return;
    }
    json_t *o = json_pack("{s:s, s:I, s:i, s:i, s:i, s:o, s:o}", "edition", ed.name, "total", (json_int_t)total,
                          "page", page, "per_page", f.limit, "pages", pages, "links", paging_links(r, page, pages),
                          "actions", arr);
    synthetic_json(r, o, ed.name);   /* issue 13 round 3 (F13B): the example's actions say so too */
    send_json(r, o);
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
    json_t *prin = json_array();                     /* issue 13 */
    for (int i = 0; i < d->nprin; i++) json_array_append_new(prin, json_integer(d->principles[i]));
    json_object_set_new(o, "guiding_principles", prin);
    json_object_set_new(o, "status", json_string(d->status));
    json_object_set_new(o, "version", json_integer(d->version));
    return o;
}

/* An action of a published revision's snapshot says which revision it
 * is of, the edition's newest, and the same action in the newest ("latest":
 * its URL, null when it is no longer there): the data of the page's notice
 * (issue 10, hostile fault 6: an old revision's text read as the edition's). */
static void revision_json(Req *r, json_t *o, const Action *d) {
    ActionRevision rev;
    if (!store_action_revision(r->st, d->id, &rev) || !rev.revision) return;
    json_object_set_new(o, "revision", json_integer(rev.revision));
    json_object_set_new(o, "latest_revision", json_integer(rev.latest));
    json_object_set_new(o, "latest", rev.latest_id ? json_string(arena_printf(&r->a, "/api/v1/actions/%lld",
                                                                               (long long)rev.latest_id))
                                                   : json_null());
}

/* issue 13 (F13): "continues", the action of the previous edition D
 * continues, {edition, folio, id, url}, or null: none, or one the reader
 * may not see. */
static void continues_json(Req *r, json_t *o, const Action *d) {
    ActionRef x;
    Action c;
    bool found = false;
    json_t *v = json_null();
    if (store_continues(r->st, d->id, &r->a, &x, &found) && found && store_action_get(r->st, x.id, &r->a, &c) &&
        action_visible(r, &c))
        v = json_pack("{s:s, s:s, s:I, s:s}", "edition", x.edition, "folio", x.folio, "id", (json_int_t)x.id, "url",
                      arena_printf(&r->a, "/api/v1/actions/%lld", (long long)x.id));
    json_object_set_new(o, "continues", v);
}

void api_action(Req *r) {
    if (!no_params(r)) return;
    Action d;
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    if (id <= 0 || *end || !store_action_get(r->st, id, &r->a, &d) || !action_visible(r, &d)) {
        page_error(r, 404, _("No existe esta acción, o no puede verla."));
        return;
    }
    r->no_cache = r->logged;         /* what a session sees is its own */
    json_t *o = detail_json(&d);
    revision_json(r, o, &d);
    continues_json(r, o, &d);
    synthetic_json(r, o, d.edition);   /* issue 13 round 3 (F13B) */
    /* issue 13: its «buena práctica», in the Repository's fields, or null */
    GoodPractice g;
    bool found = false;
    json_object_set_new(o, "good_practice", store_practice_get(r->st, d.id, &r->a, &g, &found) && found
                                                ? practice_to_json(&g) : json_null());
    /* issue 14: an action of a published revision is frozen */
    if (json_object_get(o, "revision")) r->max_age = API_FROZEN_MAX_AGE;
    send_json(r, o);
}

void api_figures(Req *r) {
    if (!no_params(r)) return;
    Edition e;
    if (!edition_for_reader(r, r->args[0], is_staff(r), &e)) {   /* issue 10: the public revision */
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return;
    }
    Figures *f = arena_alloc(&r->a, sizeof *f);     /* issue 16: ~400 KB, not for the stack or TLS */
    if (!store_figures(r->st, &e, false, f)) {
        page_error(r, 500, _("No se pudieron calcular las cifras de la edición."));
        return;
    }
    if (strcmp(e.state, "publicada") == 0) r->max_age = API_PUBLISHED_MAX_AGE;
    send_json(r, figures_to_json(f));
}

/* GET /api/v1/trend[?ediciones=E1,E2]: the figures of several editions
 * side by side (issue 13, docs/trend.md), each as GET .../figures gives it. */
void api_trend(Req *r) {
    static const char *const known[] = {"ediciones", NULL};
    if (!web_query_check(r, known, true, NULL)) return;
    Trend t = {0};
    if (trend_for_reader(r, req_query(r, "ediciones"), &t)) send_json(r, trend_to_json(&t));
    trend_free(&t);
}

/* ---- writes ---- */

static void send_errors(Req *r, const ActionErrors *errs);

/* The key jansson refused as a repeat: the JSON string that ends at byte
 * END of the body (jansson stops right after it), decoded; NULL if not. */
static const char *repeated_key(Req *r, size_t end) {
    const char *b = r->body.p;
    if (!b || end < 2 || end > r->body.len || b[end - 1] != '"') return NULL;
    for (size_t i = end - 1; i-- > 0;) {
        size_t bs = 0;
        while (bs < i && b[i - 1 - bs] == '\\') bs++;
        if (b[i] != '"' || bs % 2) continue;              /* an escaped quote */
        json_t *k = json_loadb(b + i, end - i, JSON_DECODE_ANY, NULL);
        const char *v = json_is_string(k) ? arena_strdup(&r->a, json_string_value(k)) : NULL;
        json_decref(k);
        return v;
    }
    return NULL;
}

/* The body as a JSON object, or NULL after answering 400, or 422 for a
 * key given twice (issue 10: {"nombre":"x","nombre":"y"} kept the last;
 * a file's JSON refuses it too, import_json.c). */
static json_t *body_object(Req *r) {
    json_error_t jerr;
    json_t *in = json_loadb(r->body.p ? r->body.p : "", r->body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (json_is_object(in)) return in;
    json_decref(in);
    if (!in && json_error_code(&jerr) == json_error_duplicate_key) {
        const char *key = repeated_key(r, (size_t)jerr.position);
        ActionErrors errs = {NULL, 0, 0};
        action_error(&errs, &r->a, -1, key ? key : "",
                     arena_printf(&r->a, _("la clave «%s» aparece más de una vez en el objeto JSON: cada "
                                           "campo va una sola vez"), key ? key : "?"));
        send_errors(r, &errs);
        return NULL;
    }
    page_error(r, 400, _("El cuerpo de la solicitud debe ser un objeto JSON (UTF-8)."));
    return NULL;
}

/* 422 with every fault: {"errors": [{"field", "message"}]}. */
static void send_errors(Req *r, const ActionErrors *errs) {
    json_t *arr = json_array();
    for (int i = 0; i < errs->n; i++) {
        int f = errs->v[i].field;
        const char *field = f >= 0 && f < AF__COUNT ? action_fields[f].name : errs->v[i].value ? errs->v[i].value : "";
        json_array_append_new(arr, json_pack("{s:s, s:s}", "field", field, "message", errs->v[i].message));
    }
    r->status = 422;
    send_json(r, json_pack("{s:o, s:i}", "errors", arr, "status", 422));
}

/* A refused write: a 422 (WR_INCOMPLETE) in the one shape of every 422,
 * {"errors": [...]}, beside FIELD (issue 13, hostile fault 7: it was
 * {"error": ...}); any other refusal as {"error", "status"}. */
static void refuse_write(Req *r, WriteResult res, const char *why, const char *field) {
    if (write_status(r, res) != 422) {
        page_error(r, write_status(r, res), write_message(res, why));
        return;
    }
    ActionErrors errs = {NULL, 0, 0};
    action_error(&errs, &r->a, -1, field, write_message(res, why));
    send_errors(r, &errs);
}

static const char *trim_dup(Req *r, const char *v) { return text_trim(arena_strdup(&r->a, v ? v : "")); }

/* IN (an object of the interchange format) into D through the one
 * validator, the import's; false after answering 422. An enlace writes
 * only for its own institution. */
static bool read_action(Req *r, json_t *in, Action *d) {
    const char *vals[AF__COUNT], **texts, **cats;
    int nch;
    ActionErrors errs = {NULL, 0, 0};
    action_from_json(in, &r->a, vals, &texts, &cats, &nch, &errs);
    for (int f = 0; f < AF__COUNT; f++) vals[f] = trim_dup(r, vals[f]);
    if (has_role(r, ROLE_ENLACE) && !*vals[AF_INSTITUCION]) vals[AF_INSTITUCION] = r->user.institution;
    bool no_folio = !*vals[AF_FOLIO];
    if (no_folio) vals[AF_FOLIO] = FOLIO_TO_ASSIGN;
    Action p;
    action_parse(action_catalogs(), vals, &r->a, &p, &errs);
    p.challenges = arena_alloc(&r->a, sizeof *p.challenges * (size_t)(nch + 1));
    for (int i = 0; i < nch; i++)
        challenge_parse(action_catalogs(), trim_dup(r, texts[i]), trim_dup(r, cats[i]), &r->a,
                        &p.challenges[p.nchallenges++], &errs);
    if (has_role(r, ROLE_ENLACE) && p.institution_id && p.institution_id != r->user.institution_id)
        action_error(&errs, &r->a, AF_INSTITUCION, vals[AF_INSTITUCION],
                     _("un enlace registra solo acciones de su propia institución"));
    if (errs.n) {
        send_errors(r, &errs);
        return false;
    }
    p.folio = no_folio ? "" : p.folio;
    p.id = d->id;
    p.edition_id = d->edition_id;
    p.version = d->version;
    p.status = d->status;
    *d = p;
    return true;
}

/* issue 13 (F13): D's continua_folio as the action it continues
 * (D->continues_id), for D in edition EDITION_ID: the import's check
 * (continuation_by_folio); the write checks the link again in its
 * transaction. False after answering 422 beside the field. */
static bool read_continuation(Req *r, Action *d, int64_t edition_id) {
    if (!d->continues_folio || !*d->continues_folio) return true;
    Edition e;
    bool first = false, on_edition = false;
    const char *why = store_edition_by_id(r->st, edition_id, &e)
        ? continuation_by_folio(r->st, &e, d->institution_id, d->continues_folio, d->continues_edition, &r->a,
                                &d->continues_id, &on_edition, &first)
        : _("no se pudo leer la edición de la acción");
    if (!why) return true;
    ActionErrors errs = {NULL, 0, 0};
    if (on_edition) action_error(&errs, &r->a, AF_CONTINUA_EDICION, d->continues_edition, why);
    else action_error(&errs, &r->a, AF_CONTINUA_FOLIO, d->continues_folio, why);
    send_errors(r, &errs);
    return false;
}

/* Answers the action as stored now, with STATUS. */
static void send_action(Req *r, int64_t id, int status) {
    Action saved;
    if (!store_action_get(r->st, id, &r->a, &saved)) {
        page_error(r, 500, _("La acción se guardó, pero no se pudo volver a leer."));
        return;
    }
    r->status = status;
    json_t *o = detail_json(&saved);
    continues_json(r, o, &saved);
    synthetic_json(r, o, saved.edition);   /* every answer that is an Action (openapi.json) */
    send_json(r, o);
}

/* Writes D (new, or over the version it was read at) and answers the
 * action as stored, with STATUS; a refusal answers why: a folio taken as
 * a 422 beside "folio", as the form says it, a busy database 503 with
 * Retry-After. The one tail of create and update. */
static void save_action(Req *r, Action *d, const char *what, int status) {
    const char *why = NULL;
    WriteResult res = action_write(r, d, what, &why);
    if (res == WR_FOLIO) {
        ActionErrors errs = {NULL, 0, 0};
        action_error(&errs, &r->a, AF_FOLIO, d->folio, action_folio_taken(&r->a, d->folio, NULL));
        send_errors(r, &errs);
        return;
    }
    if (res != WR_OK) {
        refuse_write(r, res, why, r->why_field ? r->why_field : action_fields[AF_CONTINUA_FOLIO].name);
        return;
    }
    if (status == 201)
        req_set_header(r, "Location", arena_printf(&r->a, "/api/v1/actions/%lld", (long long)d->id));
    send_action(r, d->id, status);
}

static bool may_write(Req *r) {
    if (!no_params(r)) return false;
    if (!r->logged) {
        page_error(r, 401, _("Se necesita una sesión o un token de la API."));
        return false;
    }
    if (!has_role(r, ROLE_ENLACE) && !has_role(r, ROLE_COORDINADOR)) {
        page_error(r, 403, _("Solo los enlaces y coordinadores registran acciones."));
        return false;
    }
    return true;
}

/* POST /api/v1/editions/E/actions: a new draft from a JSON object with
 * the fields of the interchange format. */
void api_action_create(Req *r) {
    if (!may_write(r)) return;
    Edition e;
    if (!store_edition_find(r->st, r->args[0], &e)) {
        page_error(r, 404, _("No existe una edición con ese nombre."));
        return;
    }
    if (has_role(r, ROLE_ENLACE) && strcmp(e.state, "abierta") != 0) {
        page_error(r, 403, _("La edición no está abierta para registrar acciones."));
        return;
    }
    json_t *in = body_object(r);
    if (!in) return;
    Action d = {.edition_id = e.id, .status = status_name(AS_BORRADOR)};
    bool ok = read_action(r, in, &d);
    json_decref(in);
    if (ok && read_continuation(r, &d, e.id)) save_action(r, &d, "crear (API)", 201);
}

/* The action id of the URL, or 0 after answering 404. */
static int64_t url_action(Req *r) {
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    if (id > 0 && !*end) return id;
    page_error(r, 404, _("No existe esta acción, o no puede verla."));
    return 0;
}

/* PUT /api/v1/actions/ID: the whole action, with the "version" it was
 * read at; 409 when it changed since. */
void api_action_update(Req *r) {
    if (!may_write(r)) return;
    int64_t id = url_action(r);
    if (!id) return;
    const char *why = NULL;
    WriteResult may_edit = action_edit_allowed(r, id, &why);   /* 404, 403, 409 before the body's 422 */
    if (may_edit != WR_OK) {
        page_error(r, write_status(r, may_edit), write_message(may_edit, why));
        return;
    }
    json_t *in = body_object(r);
    if (!in) return;
    json_t *ver = json_object_get(in, "version");
    Action d = {.id = id, .version = json_is_integer(ver) ? json_integer_value(ver) : 0};
    if (d.version <= 0) {
        json_decref(in);
        ActionErrors errs = {NULL, 0, 0};
        action_error(&errs, &r->a, -1, "version", _("falta «version»: la versión de la acción que se modifica"));
        send_errors(r, &errs);
        return;
    }
    /* a "continua_folio" given empty (or null) removes the link (issue 13,
     * F1316); a PUT without the key keeps it, below */
    bool link_named = json_object_get(in, "continua_folio") != NULL;
    bool ok = read_action(r, in, &d);
    json_decref(in);
    if (!ok) return;
    Action cur;
    bool found = store_action_get(r->st, id, &r->a, &cur);
    /* a PUT without "folio" keeps the action's own: the folio is how the
     * institution's file finds it again, and a new one would duplicate it */
    if (found && !*d.folio) d.folio = cur.folio;
    /* the same for the link to the previous edition: without
     * "continua_folio" it stays as it is (issue 13, F13) */
    if (found && !*d.continues_folio && link_named) d.continues_drop = true;
    else if (found && !*d.continues_folio) {
        d.continues_folio = cur.continues_folio;
        d.continues_edition = cur.continues_edition;     /* issue 13 (R13B) */
    }
    else if (found && !read_continuation(r, &d, cur.edition_id)) return;
    save_action(r, &d, "editar (API)", 200);
}

/* POST /api/v1/actions/ID/submit: to review, as the form's button; an
 * optional {"version": N} refuses it (409) if the action changed since. */
void api_action_submit(Req *r) {
    if (!may_write(r)) return;
    int64_t id = url_action(r);
    if (!id) return;
    int64_t version = 0;
    if (r->body.len) {
        json_t *in = body_object(r);
        if (!in) return;
        json_t *ver = json_object_get(in, "version");
        version = json_is_integer(ver) ? json_integer_value(ver) : 0;
        json_decref(in);
    }
    const char *why = NULL;
    WriteResult res = action_step(r, STEP_SUBMIT, id, version, "", &why);
    if (res != WR_OK) {
        refuse_write(r, res, why, "estado");
        return;
    }
    send_action(r, id, 200);
}

/* ---- the routes (issue 14): the one list of the API ---- */
/*
 * server.c dispatches them after its pages'; GET /api/v1 lists them and
 * data/web/openapi.json must describe each (tests/web/test_web_api2.py).
 * R_CORS: public, readable from any origin, with ETag and 304. */
const WebRoute api_routes[] = {
    {"GET", "/api/v1", api_index, R_CACHE | R_CORS},
    {"GET", "/api/v1/openapi.json", api_openapi, R_CACHE | R_CORS},
    {"GET", "/api/v1/editions", api_editions, R_CACHE | R_CORS},
    {"GET", "/api/v1/editions/*/actions", api_actions, R_CORS | R_HEAVY},   /* F15: memory.c */
    {"POST", "/api/v1/editions/*/actions", api_action_create, R_ACTION},
    {"GET", "/api/v1/editions/*/figures", api_figures, R_CACHE | R_CORS},
    {"GET", "/api/v1/editions/*/progress", api_progress, 0},
    {"GET", "/api/v1/trend", api_trend, R_CACHE | R_CORS},              /* issue 13 */
    {"GET", "/api/v1/actions/*", api_action, R_CORS},
    {"PUT", "/api/v1/actions/*", api_action_update, R_ACTION},
    {"POST", "/api/v1/actions/*/submit", api_action_submit, 0},
    {"GET", "/api/v1/catalogos", api_catalog_index, R_CACHE | R_CORS},
    {"GET", "/api/v1/catalogos/*", api_catalog, R_CACHE | R_CORS},
    {NULL, NULL, NULL, 0},
};
