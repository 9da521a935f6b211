/* The frame of every page, error pages, and small helpers pages share. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ingest/catalog_load.h"
#include "store/catalog_edit_store.h"
#include "util/embedded.h"
#include "util/mem.h"
#include "util/i18n.h"
#include "util/lang.h"
#include "web/web.h"

/* ---- the catalogs: one copy per thread ----
 * A thread's copy is only ever read and replaced by that thread, between
 * two requests, so it needs no lock; the list of every copy exists only to
 * free them all when the server stops. A thread reloads when this process
 * wrote a catalog (edit_gen moved) or, when its connection saw another one
 * commit (web_catalogs_stale), when the version in the database moved. */

static pthread_mutex_t copies_lock = PTHREAD_MUTEX_INITIALIZER;
static Catalogs *copies;
static atomic_long edit_gen;
static __thread Catalogs *mine;
static __thread long mine_gen = -1;
static __thread bool mine_stale;

/* issue 13 round 2 (F13, fault 16): after an unknown name the platform
 * points to its catalogs, never to a command of the CLI. */
static const char *const web_unknown_hint = N_(" (los nombres válidos están en /api/v1/catalogos)");

static void free_copy(Catalogs *c) {
    arena_free(&c->a);
    matcher_free(&c->inst);
    matcher_free(&c->atype);
    matcher_free(&c->pop);
    matcher_free(&c->cat);
    matcher_free(&c->prin);
}

static bool load_matchers(Catalogs *c, Store *st) {
    matcher_init(&c->inst);
    matcher_init(&c->atype);
    matcher_init(&c->pop);
    matcher_init(&c->cat);
    matcher_init(&c->prin);
    /* no objective titles: the form and the API send numbers (issue 10, REC3) */
    c->ac = (ActionCatalogs){&c->inst, &c->atype, &c->pop, &c->cat, NULL, &c->prin, web_unknown_hint};
    return matcher_load(&c->inst, st, CAT_INSTITUTION) && matcher_load(&c->atype, st, CAT_ACTION_TYPE) &&
           matcher_load(&c->pop, st, CAT_POPULATION) && matcher_load(&c->cat, st, CAT_CATEGORY) &&
           matcher_load(&c->prin, st, CAT_PRINCIPLE);
}

static bool reload(Store *st) {
    Catalogs fresh = {.a = ARENA_INIT};
    if (!store_catalog_snapshot(st, &fresh.a, fresh.c, &fresh.version) || !load_matchers(&fresh, st)) {
        free_copy(&fresh);
        return false;
    }
    if (!mine) {
        mine = xcalloc(1, sizeof *mine);
        pthread_mutex_lock(&copies_lock);
        mine->next = copies;
        copies = mine;
        pthread_mutex_unlock(&copies_lock);
    }
    if (mine->ac.institutions) free_copy(mine);
    Catalogs *next = mine->next;
    *mine = fresh;
    mine->ac = (ActionCatalogs){&mine->inst, &mine->atype, &mine->pop, &mine->cat, NULL, &mine->prin,
                                web_unknown_hint};
    mine->next = next;
    return true;
}

bool web_catalogs_load(Store *st) {
    mine_gen = atomic_load(&edit_gen);
    mine_stale = false;
    return reload(st);
}

bool web_catalogs_sync(Store *st) {
    long gen = atomic_load(&edit_gen);
    if (mine && !mine_stale && gen == mine_gen) return true;
    int64_t v;
    if (mine && store_catalog_version(st, &v) && v == mine->version) {
        mine_gen = gen;
        mine_stale = false;
        return true;
    }
    if (!reload(st)) {
        /* Keep serving the copy we have; try again next request. */
        fprintf(stderr, "pmm serve: %s\n", _("no se pudieron recargar los catálogos"));
        return mine != NULL;
    }
    mine_gen = gen;
    mine_stale = false;
    return true;
}

void web_catalogs_stale(void) { mine_stale = true; }

void web_catalogs_changed(void) { atomic_fetch_add(&edit_gen, 1); }

void web_catalogs_free(void) {
    pthread_mutex_lock(&copies_lock);
    while (copies) {
        Catalogs *c = copies;
        copies = c->next;
        free_copy(c);
        free(c);
    }
    pthread_mutex_unlock(&copies_lock);
    mine = NULL;
}

static const CatList empty_list;

const ActionCatalogs *action_catalogs(void) { return mine ? &mine->ac : NULL; }

const CatList *cat_list(WebCatalog w) { return mine ? &mine->c[w] : &empty_list; }

const CatEntry *cat_by_id(WebCatalog w, int64_t id) {
    const CatList *l = cat_list(w);
    for (int i = 0; i < l->n; i++)
        if (l->v[i].id == id) return &l->v[i];
    return NULL;
}

const CatEntry *cat_by_code(WebCatalog w, const char *code) {
    if (!code) return NULL;
    const CatList *l = cat_list(w);
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i].code, code) == 0) return &l->v[i];
    return NULL;
}

bool has_role(const Req *r, Role role) { return r->logged && r->user.role == role; }

bool is_staff(const Req *r) { return has_role(r, ROLE_COORDINADOR) || has_role(r, ROLE_ADMINISTRADOR); }

const char *status_label(const char *s) {
    ActionStatus st;
    return status_parse(s, &st) ? status_label_of(st) : s;
}

const char *edition_state_label(const char *s) {
    if (strcmp(s, "abierta") == 0) return _("Abierta");
    if (strcmp(s, "en_revision") == 0) return _("En revisión");
    if (strcmp(s, "publicada") == 0) return _("Publicada");
    return s;
}

void form_error(FieldErrors *fe, const char *field, const char *msg) {
    if (error_for(fe, field)) return;
    if (fe->n < FIELD_ERRORS_MAX) {
        fe->field[fe->n] = field;
        fe->msg[fe->n++] = msg;
    }
}

const char *error_for(const FieldErrors *fe, const char *field) {
    for (int i = 0; i < fe->n; i++)
        if (strcmp(fe->field[i], field) == 0) return fe->msg[i];
    return NULL;
}

void field_error(Req *r, const FieldErrors *fe, const char *field) {
    const char *m = error_for(fe, field);
    if (m) str_html(&r->out, "<span class=\"field-error\" id=\"err-%s\">%s</span>", field, m);
}

void invalid_attrs(Str *o, const FieldErrors *fe, const char *field) {
    if (error_for(fe, field))
        str_html(o, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", field);
}

void csrf_field(Req *r) {
    str_html(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", auth_csrf_for_form(r));
}

void page_begin(Req *r, const char *title) {
    Str *o = &r->out;
    /* lang follows the messages, so screen readers pronounce English as English. */
    str_html(o, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%-s · %s</title>"
                "<link rel=\"stylesheet\" href=\"/static/pmm.css\">"
                "<script src=\"/static/pmm.js\" defer></script></head><body>"
                "<a class=\"skip\" href=\"#main\">%s</a>"
                "<header><nav aria-label=\"%s\"><a class=\"brand\" href=\"/\">%s</a><ul>"
                "<li><a href=\"/ediciones\">%s</a></li>"
                "<li><a href=\"/acciones\">%s</a></li><li><a href=\"/objetivos\">%s</a></li>"
                "<li><a href=\"/glosario\">%s</a></li><li><a href=\"/descargas\">%s</a></li>",
             i18n_lang(), title, _("Pacto Mundial para la Migración"), _("Saltar al contenido"), _("Principal"),
             _("Seguimiento del Pacto Mundial para la Migración"), _("Ediciones"), _("Acciones"), _("Objetivos"),
             _("Glosario"), _("Descargas"));
    if (r->logged && !r->via_token) {
        str_html(o, "<li><a href=\"/panel\">%s</a></li>", _("Mi panel"));
        if (has_role(r, ROLE_ADMINISTRADOR)) str_html(o, "<li><a href=\"/admin\">%s</a></li>", _("Administración"));
        str_html(o, "<li><form method=\"post\" action=\"/salir\" class=\"inline\">");
        csrf_field(r);
        str_html(o, "<button type=\"submit\">%s (%s)</button></form></li>", _("Salir"), r->user.username);
    } else {
        str_html(o, "<li><a href=\"/entrar\">%s</a></li>", _("Entrar"));
    }
    str_html(o, "</ul></nav></header><main id=\"main\"><h1>%-s</h1>", title);
}

void page_end(Req *r) {
    str_html(&r->out, "</main><footer><p>%s</p></footer></body></html>\n",
             _("Cifras calculadas a partir de los registros de las acciones validadas. "
               "Software libre: pmm."));
}

/* (issue 11: split out of page_error for auth_refuse_token) */
/* The document language of the web pages is the language of the messages. */
static Lang web_lang(void) {
    return strcmp(i18n_lang(), "en") == 0 ? LANG_EN : LANG_ES;
}

/* issue 13 round 2 (F13, fault 7): one part of a URL (an edition's name
 * in a link), percent-encoded by str_url, in R's arena. */
const char *web_url_part(Req *r, const char *v) {
    Str u = STR_INIT;
    str_url(&u, v ? v : "");
    const char *out = arena_strdup(&r->a, str_cstr(&u));
    str_free(&u);
    return out;
}

void web_disposition(Req *r, bool attachment, const char *name) {
    Str h = STR_INIT;
    str_puts(&h, attachment ? "attachment; filename=\"" : "inline; filename=\"");
    bool same = true;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue;               /* the rest of a character already replaced */
        bool plain = *p >= 0x20 && *p < 0x7F && !strchr("\"\\;%", *p);
        str_putc(&h, plain ? (char)*p : '_');
        same = same && plain;
    }
    str_putc(&h, '"');
    if (!same) {
        str_puts(&h, "; filename*=UTF-8''");
        str_url(&h, name);
    }
    req_set_header(r, "Content-Disposition", arena_strdup(&r->a, str_cstr(&h)));
    str_free(&h);
}

const char *web_int(Req *r, long long n) {
    Str s = STR_INIT;
    lang_int(&s, web_lang(), n);
    const char *out = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return out;
}

const char *web_month(Req *r, const char *yyyy_mm) {
    Str s = STR_INIT;
    lang_month(&s, web_lang(), yyyy_mm);
    const char *out = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return out;
}

const char *web_period(Req *r, const char *start, const char *end) {
    Str s = STR_INIT;
    lang_period(&s, web_lang(), start, end);
    const char *out = arena_strdup(&r->a, str_cstr(&s));
    str_free(&s);
    return out;
}

/* UTC as the store writes it ("AAAA-MM-DDTHH:MM:SSZ") to the local time of
 * the installation (TZ); false for any other text. */
static bool local_moment(const char *utc, struct tm *loc) {
    struct tm tm = {0};
    const char *end = utc ? strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
    time_t t = end && !*end ? timegm(&tm) : (time_t)-1;
    return t != (time_t)-1 && localtime_r(&t, loc);
}

/* "1 de julio de 2024" / "1 July 2024" */
static const char *day_text(Req *r, const struct tm *loc) {
    char ym[32];
    snprintf(ym, sizeof ym, "%04d-%02d", loc->tm_year + 1900, loc->tm_mon + 1);
    return arena_printf(&r->a, "%d %s%s", loc->tm_mday, web_lang() == LANG_EN ? "" : "de ", web_month(r, ym));
}

const char *web_day(Req *r, const char *utc) {
    struct tm loc;
    return local_moment(utc, &loc) ? day_text(r, &loc) : arena_strdup(&r->a, utc ? utc : "");
}

void web_time(Req *r, const char *utc) {
    struct tm loc;
    if (!local_moment(utc, &loc)) {
        str_html(&r->out, "%s", utc ? utc : "");
        return;
    }
    char hm[32];
    strftime(hm, sizeof hm, "%H:%M %Z", &loc);
    str_html(&r->out, "<time datetime=\"%s\">%s, %s</time>", utc, day_text(r, &loc), hm);
}

void page_error_json(Req *r, int status, const char *message) {
    r->status = status;
    r->no_cache = true;
    str_clear(&r->out);
    r->ctype = "application/json";
    /* message is our own text: quotes and backslashes never occur in it,
     * but escape them anyway so the document stays valid JSON */
    str_puts(&r->out, "{\"error\":\"");
    for (const char *p = message; *p; p++) {
        if (*p == '"' || *p == '\\') str_putc(&r->out, '\\');
        str_putc(&r->out, *p);
    }
    str_printf(&r->out, "\",\"status\":%d}\n", status);
}

void page_error(Req *r, int status, const char *message) {
    r->status = status;
    r->no_cache = true;
    str_clear(&r->out);
    if (strncmp(r->path, "/api/", 5) == 0) {
        page_error_json(r, status, message);
        return;
    }
    const char *title = status == 404 ? _("No encontrado")
                      : status == 403 ? _("Acceso denegado")
                      : status == 429 ? _("Demasiados intentos")
                      : _("Error");
    page_begin(r, title);
    str_html(&r->out, "<p class=\"error\">%s</p><p><a href=\"/\">%s</a></p>", message,
             _("Volver al inicio"));
    page_end(r);
}

void page_asset(Req *r) {
    const char *name = r->args[0];
    char path[128];
    snprintf(path, sizeof path, "web/%s", name);
    const EmbeddedFile *f = embedded_find(path);
    if (!f) {
        page_error(r, 404, _("No existe este archivo."));
        return;
    }
    const char *dot = strrchr(name, '.');
    r->ctype = !dot ? "application/octet-stream"
             : strcmp(dot, ".css") == 0 ? "text/css; charset=utf-8"
             : strcmp(dot, ".js") == 0 ? "text/javascript; charset=utf-8"
             : strcmp(dot, ".svg") == 0 ? "image/svg+xml"
             : "application/octet-stream";
    str_append(&r->out, (const char *)f->data, f->size);
}
