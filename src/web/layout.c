/* The frame of every page, error pages, and small helpers pages share. */
#include <stdio.h>
#include <string.h>
#include "util/embedded.h"
#include "util/i18n.h"
#include "web/web.h"

Catalogs web_catalogs;

bool web_catalogs_load(Store *st) {
    for (int w = 0; w < WC__COUNT; w++)
        if (!store_web_catalog(st, (WebCatalog)w, &web_catalogs.a, &web_catalogs.c[w])) return false;
    return true;
}

void web_catalogs_free(void) {
    arena_free(&web_catalogs.a);
    memset(&web_catalogs, 0, sizeof web_catalogs);
}

const CatEntry *cat_by_id(WebCatalog w, int64_t id) {
    const CatList *l = &web_catalogs.c[w];
    for (int i = 0; i < l->n; i++)
        if (l->v[i].id == id) return &l->v[i];
    return NULL;
}

const CatEntry *cat_by_code(WebCatalog w, const char *code) {
    if (!code) return NULL;
    const CatList *l = &web_catalogs.c[w];
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->v[i].code, code) == 0) return &l->v[i];
    return NULL;
}

bool has_role(const Req *r, const char *role) {
    return r->logged && strcmp(r->user.role, role) == 0;
}

bool is_staff(const Req *r) {
    return has_role(r, "coordinador") || has_role(r, "administrador");
}

const char *status_label(const char *s) {
    if (strcmp(s, "borrador") == 0) return _("Borrador");
    if (strcmp(s, "enviada") == 0) return _("Enviada");
    if (strcmp(s, "validada") == 0) return _("Validada");
    if (strcmp(s, "devuelta") == 0) return _("Devuelta");
    return s;
}

const char *edition_state_label(const char *s) {
    if (strcmp(s, "abierta") == 0) return _("Abierta");
    if (strcmp(s, "en_revision") == 0) return _("En revisión");
    if (strcmp(s, "publicada") == 0) return _("Publicada");
    return s;
}

void csrf_field(Req *r) {
    str_html(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", auth_csrf_for_form(r));
}

void page_begin(Req *r, const char *title) {
    Str *o = &r->out;
    /* lang follows the messages, so screen readers pronounce English as English. */
    str_html(o, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>%s · %s</title>"
                "<link rel=\"stylesheet\" href=\"/static/pmm.css\">"
                "<script src=\"/static/pmm.js\" defer></script></head><body>"
                "<a class=\"skip\" href=\"#main\">%s</a>"
                "<header><nav aria-label=\"%s\"><a class=\"brand\" href=\"/\">%s</a><ul>"
                "<li><a href=\"/acciones\">%s</a></li><li><a href=\"/objetivos\">%s</a></li>"
                "<li><a href=\"/glosario\">%s</a></li><li><a href=\"/descargas\">%s</a></li>",
             i18n_lang(), title, _("Pacto Mundial para la Migración"), _("Saltar al contenido"), _("Principal"),
             _("Seguimiento del Pacto Mundial para la Migración"), _("Acciones"), _("Objetivos"),
             _("Glosario"), _("Descargas"));
    if (r->logged && !r->via_token) {
        str_html(o, "<li><a href=\"/panel\">%s</a></li>", _("Mi panel"));
        if (has_role(r, "administrador")) str_html(o, "<li><a href=\"/admin\">%s</a></li>", _("Administración"));
        str_html(o, "<li><form method=\"post\" action=\"/salir\" class=\"inline\">");
        csrf_field(r);
        str_html(o, "<button type=\"submit\">%s (%s)</button></form></li>", _("Salir"), r->user.username);
    } else {
        str_html(o, "<li><a href=\"/entrar\">%s</a></li>", _("Entrar"));
    }
    str_html(o, "</ul></nav></header><main id=\"main\"><h1>%s</h1>", title);
}

void page_end(Req *r) {
    str_html(&r->out, "</main><footer><p>%s</p></footer></body></html>\n",
             _("Cifras calculadas a partir de los registros de las acciones validadas. "
               "Software libre: pmm."));
}

void page_error(Req *r, int status, const char *message) {
    r->status = status;
    r->no_cache = true;
    str_clear(&r->out);
    if (strncmp(r->path, "/api/", 5) == 0) {
        r->ctype = "application/json";
        /* message is our own text: quotes and backslashes never occur in it,
         * but escape them anyway so the document stays valid JSON */
        str_puts(&r->out, "{\"error\":\"");
        for (const char *p = message; *p; p++) {
            if (*p == '"' || *p == '\\') str_putc(&r->out, '\\');
            str_putc(&r->out, *p);
        }
        str_printf(&r->out, "\",\"status\":%d}\n", status);
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
