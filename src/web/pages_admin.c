/* Logging in and out, each role's panel, and the administrator's page
 * (edition states, accounts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "analysis/trend.h"          /* trend_periods_overlap (t12v N1) */
#include "store/campaign_store.h"
#include "core/password.h"
#include "util/i18n.h"
#include "util/text.h"
#include "store/mail_store.h"
#include "web/limits.h"
#include "web/web.h"

#define SESSION_SECONDS (8 * 3600)
#define KEEP_PREFIX "retomar."        /* a field carried through the login */

/* The fields a form carries through the login: on the expired POST
 * itself, every posted field but its stale CSRF token, renamed with
 * KEEP_PREFIX; on a login that failed, the KEEP_PREFIX ones again. */
static void kept_fields(Req *r) {
    bool at_login = strcmp(r->path, "/entrar") == 0;
    size_t plen = strlen(KEEP_PREFIX);
    for (int i = 0; i < r->nform; i++) {
        const char *n = r->form[i].name;
        bool kept = strncmp(n, KEEP_PREFIX, plen) == 0;
        if (at_login ? !kept : strcmp(n, "csrf") == 0) continue;
        str_html(&r->out, "<input type=\"hidden\" name=\"%s%s\" value=\"%s\">", at_login ? "" : KEEP_PREFIX,
                 n, r->form[i].value);
    }
}

static void login_form(Req *r, const char *username, const char *error, const char *next) {
    r->no_cache = true;
    page_begin(r, _("Entrar"));
    if (error) str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>", error);
    str_html(&r->out, "<form method=\"post\" action=\"/entrar\" class=\"login\">");
    csrf_field(r);
    if (next) str_html(&r->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">", next);
    kept_fields(r);
    str_html(&r->out, "<p><label for=\"usuario\">%s</label><input id=\"usuario\" name=\"usuario\" "
                      "autocomplete=\"username\" required value=\"%s\"></p>"
                      "<p><label for=\"contrasena\">%s</label><input id=\"contrasena\" name=\"contrasena\" "
                      "type=\"password\" autocomplete=\"current-password\" required></p>"
                      "<p><button type=\"submit\">%s</button></p></form>"
                      "<p><a href=\"/contrasena/olvido\" id=\"olvido\">%s</a></p>",   /* issue 11 */
             _("Usuario"), username ? username : "", _("Contraseña"), _("Entrar"), _("¿Olvidó su contraseña?"));
    page_end(r);
}

void page_login(Req *r) {
    const char *next = auth_safe_next(req_query(r, "next"));
    if (r->logged) {
        req_redirect(r, next ? next : "/panel");
        return;
    }
    login_form(r, NULL, NULL, next);
}

void page_login_keep(Req *r) {
    r->status = 401;
    login_form(r, NULL, _("Su sesión terminó antes de enviar el formulario. Entre de nuevo: lo que escribió "
                          "se conserva y podrá revisarlo antes de guardarlo."), r->path);
    r->status = 401;
}

void review_notice(Req *r) {
    if (!r->review) return;
    str_html(&r->out, "<div class=\"notice\" role=\"status\" id=\"retomado\"><p>%s</p></div>",
             _("Estos son los datos que envió cuando su sesión había terminado. Todavía no se ha guardado "
               "nada: revíselos y pulse el botón para guardarlos."));
}

/* Too many failures from this address (for this account, or for any):
 * answered here, true. */
static bool login_throttled(Req *r, const char *user, const char *next, int64_t now) {
    if (!auth_throttled(r, user, now)) return false;   /* issue 11 (CAMP2): auth.c holds the rule */
    login_form(r, user, _("Demasiados intentos fallidos. Espere 15 minutos e inténtelo de nuevo."), next);
    r->status = 429;
    return true;
}

/* The posted fields carried through the login, their names restored:
 * what the restored form reads. */
static void unwrap_kept(Req *r) {
    size_t plen = strlen(KEEP_PREFIX);
    int n = 0;
    for (int i = 0; i < r->nform; i++)
        if (strncmp(r->form[i].name, KEEP_PREFIX, plen) == 0)
            r->form[n++] = (KV){r->form[i].name + plen, r->form[i].value};
    r->nform = n;
}

/* Logged in as U with the new session: back where the person was going,
 * or, for a form posted after the session ended, that form filled again
 * for review (web_restore_form writes nothing). */
static void after_login(Req *r, const WebUser *u, const char *csrf, const char *next) {
    unwrap_kept(r);
    if (next && r->nform) {
        r->logged = true;
        r->user = *u;
        snprintf(r->csrf, sizeof r->csrf, "%s", csrf);
        if (web_restore_form(r, next)) return;
    }
    req_redirect(r, next ? next : "/panel");
}

/* The login's writes (the attempt, the session) failed: with another
 * process holding the database, 503 with Retry-After and the form again
 * with the name and what it carried (issue 10, hostile fault 5: it was
 * 500); a full disk or a read-only file likewise 503, the form kept and
 * the reason said (issue 15, round 3, F9: the generic 503 page lost the
 * name); else 500. Whether the password was right is not said. */
static void login_write_failed(Req *r, const char *user, const char *next) {
    bool busy = store_last_failure(r->st) == STORE_FAIL_BUSY;
    int code = busy ? 0 : store_failure(r->st);
    const char *why = busy ? _("La base de datos está ocupada por otro proceso y no se pudo abrir la sesión. "
                               "Inténtelo de nuevo en unos momentos.")
                      : code ? arena_printf(&r->a, "%s %s", _("No se pudo abrir la sesión."),
                                            web_database_failure_message(r, code))   /* one wording: server.c */
                             : _("No se pudo abrir la sesión.");
    login_form(r, user, why, next);
    r->status = busy || code ? 503 : 500;
    if (busy) req_set_header(r, "Retry-After", WEB_BUSY_RETRY_AFTER);
}

void page_login_post(Req *r) {
    const char *user = req_form(r, "usuario"), *pass = req_form(r, "contrasena");
    const char *next = auth_safe_next(req_form(r, "next"));
    if (!user) user = "";
    if (!pass) pass = "";
    int64_t now = (int64_t)time(NULL);
    if (login_throttled(r, user, next, now)) return;
    WebUser u;
    char hash[256];
    bool found = store_user_find(r->st, user, &u, hash, sizeof hash);
    /* An unknown name costs the same time as a wrong password, so that
     * timing does not tell which accounts exist. */
    bool ok = auth_password_ok(found ? hash : auth_dummy_hash(), pass) && found && !u.disabled;
    if (!store_login_record(r->st, user, r->ip, ok, now)) {   /* the throttle counts every attempt */
        login_write_failed(r, user, next);
        return;
    }
    if (!ok) {
        login_form(r, user, _("Usuario o contraseña incorrectos."), next);
        r->status = 401;
        return;
    }
    char token[65], token_hash[65], csrf[65];
    auth_random_hex(token);
    auth_random_hex(csrf);
    auth_hash_token(token, token_hash);
    if (!store_session_create(r->st, token_hash, u.id, csrf, now + SESSION_SECONDS)) {
        login_write_failed(r, user, next);
        return;
    }
    req_set_header(r, "Set-Cookie",
                   arena_printf(&r->a, "pmm_session=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s",
                                token, SESSION_SECONDS, r->https ? "; Secure" : ""));
    after_login(r, &u, csrf, next);
}

/* Issue 15, verification round (F15, fault 2): a session that could not be
 * deleted (another process holding the database, a full disk) is said so,
 * 503 with the reason and Retry-After, and its cookie is kept: the user
 * must never be told they are out while the session still opens /admin. */
static void logout_failed(Req *r) {
    int code = store_failure(r->st);
    page_error(r, 503, code == STORE_FAILURE_BUSY
        ? _("No se cerró la sesión: la base de datos está ocupada por otro proceso. Su sesión sigue abierta; "
            "inténtelo de nuevo en unos momentos.")
        : arena_printf(&r->a, _("No se cerró la sesión: la base de datos no se puede escribir porque %s. "
                                "Su sesión sigue abierta; inténtelo de nuevo más tarde."),
                       store_failure_cause(code ? code : STORE_FAILURE_BUSY)));
    req_set_header(r, "Retry-After", WEB_BUSY_RETRY_AFTER);
}

void page_logout(Req *r) {
    if (r->logged && !r->via_token && !store_session_delete(r->st, r->token_hash)) {
        logout_failed(r);
        return;
    }
    req_set_header(r, "Set-Cookie", arena_printf(&r->a, "pmm_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s",
                                                 r->https ? "; Secure" : ""));
    req_redirect(r, "/");
}

/* ---- panels ---- */

static void list_rows(Req *r, const ActionFilter *f, const char *empty) {
    ActionSummary *rows;
    int n;
    long total;
    if (!store_action_search(r->st, f, &r->a, &rows, &n, &total) || !n) {
        str_html(&r->out, "<p>%s</p>", empty);
        return;
    }
    str_html(&r->out, "<table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Folio"), _("Acción"), _("Instancia"), _("Situación"));
    for (int i = 0; i < n; i++)
        str_html(&r->out, "<tr><td>%-s</td><td><a href=\"/acciones/%lld\">%-s</a></td><td>%s</td>"
                          "<td class=\"st-%s\">%s</td></tr>",
                 rows[i].folio, (long long)rows[i].id, rows[i].name, rows[i].institution, rows[i].status,
                 status_label(rows[i].status));
    str_html(&r->out, "</tbody></table>");
    if (total > n) str_html(&r->out, "<p>%s %ld.</p>", _("Se muestran las primeras; en total:"), total);
}

typedef struct {
    Edition v[64];
    int n;
} Eds;

static void eds_collect(void *ctx, const Edition *e, long n) {
    (void)n;
    Eds *l = ctx;
    if (l->n < 64) l->v[l->n++] = *e;
}

void page_panel(Req *r) {
    if (!r->logged) {
        auth_login_redirect(r);
        return;
    }
    r->no_cache = true;
    char title[200];
    snprintf(title, sizeof title, _("Panel de %s"), *r->user.display_name ? r->user.display_name : r->user.username);
    page_begin(r, title);
    Eds eds = {.n = 0};
    store_edition_list(r->st, eds_collect, &eds);
    str_html(&r->out, "<p>%s: <strong>%s</strong>%s%s</p>", _("Rol"), role_name(r->user.role),
             *r->user.institution ? " · " : "", r->user.institution);
    str_html(&r->out, "<p><a href=\"/cuenta/contrasena\">%s</a></p>", _("Cambiar mi contraseña"));   /* issue 11 */
    if (is_staff(r))   /* issue 13 (R13): the voluntary GCM review */
        str_html(&r->out, "<p><a href=\"/admin/examenes\">%s</a></p>", _("Exámenes voluntarios del Pacto Mundial"));
    if (has_role(r, ROLE_ENLACE) || has_role(r, ROLE_COORDINADOR))
        str_html(&r->out, "<p><a class=\"button\" href=\"/acciones/nueva\">%s</a></p>", _("Registrar una acción"));
    if (has_role(r, ROLE_ENLACE))                  /* issue 11 (CAMPAIGN) */
        str_html(&r->out, "<p><a href=\"/plantilla\" download>%s</a> · <a href=\"/plantilla/subir\">%s</a></p>",
                 _("Descargar la plantilla de su instancia (Excel)"), _("Subir la plantilla"));
    for (int i = eds.n - 1; i >= 0; i--) {
        ActionFilter f = {.edition_id = eds.v[i].id, .gender = -2, .disability = -2, .limit = 200};
        str_html(&r->out, "<h2>%s %s (%s)</h2>", _("Edición"), eds.v[i].name, edition_state_label(eds.v[i].state));
        if (has_role(r, ROLE_ENLACE)) {
            f.institution_id = r->user.institution_id;
            list_rows(r, &f, _("Su instancia no tiene acciones en esta edición."));
        } else {
            f.status = status_name(AS_ENVIADA);
            str_html(&r->out, "<h3>%s</h3>", _("Enviadas, por revisar"));
            list_rows(r, &f, _("No hay acciones por revisar."));
            str_html(&r->out, "<p><a href=\"/acciones?edicion=%s\">%s</a> · <a href=\"/campana/%s\">%s</a></p>",
                     eds.v[i].name, _("Todas las acciones de la edición"), eds.v[i].name, _("Avance de la campaña"));
        }
    }
    page_end(r);
}

/* ---- administration ---- */

bool require_admin(Req *r) {
    if (has_role(r, ROLE_ADMINISTRADOR)) return true;
    if (!r->logged && strcmp(r->method, "GET") == 0) auth_login_redirect(r);
    else page_error(r, 403, _("Solo un administrador puede hacer esto."));
    return false;
}

static void user_row(void *ctx, const WebUser *u) {
    Req *r = ctx;
    Str enc = STR_INIT;           /* the name as a URL segment (issue 11) */
    str_url(&enc, u->username);
    const char *seg = arena_strdup(&r->a, str_cstr(&enc));
    str_free(&enc);
    str_html(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", u->username,
             u->display_name, role_name(u->role), u->institution, u->disabled ? _("desactivada") : _("activa"));
    /* issue 11: the account's e-mail address, editable here */
    const char *email = store_user_email(r->st, u->username, &r->a);
    str_html(&r->out, "<form method=\"post\" action=\"/admin/usuarios/%s/correo\" class=\"inline\">", u->username);
    csrf_field(r);
    str_html(&r->out, "<label for=\"correo-%s\" class=\"sr\">%s %s</label><input id=\"correo-%s\" name=\"correo\" "
                      "type=\"email\" maxlength=\"254\" value=\"%s\"> <button type=\"submit\">%s</button></form> ",
             u->username, _("Correo de"), u->username, u->username, email ? email : "", _("Guardar correo"));
    if (!u->disabled && u->id != r->user.id) {
        str_html(&r->out, "<form method=\"post\" action=\"/admin/usuarios/%s/desactivar\" class=\"inline\">",
                 seg);
        csrf_field(r);
        str_html(&r->out, "<button type=\"submit\">%s</button></form>", _("Desactivar"));
    }
    if (u->disabled) {        /* issue 11: a disabled account comes back */
        str_html(&r->out, "<form method=\"post\" action=\"/admin/usuarios/%s/activar\" class=\"inline\">",
                 seg);
        csrf_field(r);
        str_html(&r->out, "<button type=\"submit\" id=\"activar-%s\">%s</button></form>", u->username, _("Activar"));
    }
    str_html(&r->out, " <form method=\"post\" action=\"/admin/usuarios/%s/revocar-tokens\" class=\"inline\">",
                 seg);
    csrf_field(r);
    str_html(&r->out, "<button type=\"submit\" id=\"revocar-%s\">%s</button></form>", u->username,
             _("Revocar sus tokens de API"));
    str_html(&r->out, "</td></tr>");
}

/* The two steps of a correction, as buttons: open a published edition
 * for corrections, or publish the next revision of one being corrected. */
static void edition_actions(Req *r, const Edition *e) {
    bool published = strcmp(e->state, "publicada") == 0;
    if (!published && e->revision == 0) return;
    str_html(&r->out, "<form method=\"post\" action=\"/admin/ediciones/%s\" class=\"inline\">", e->name);
    csrf_field(r);
    if (published)
        str_html(&r->out, "<input type=\"hidden\" name=\"estado\" value=\"abierta\">"
                          "<button type=\"submit\" id=\"corregir-%s\">%s</button></form> ",
                 e->name, _("Abrir para correcciones"));
    else
        str_html(&r->out, "<input type=\"hidden\" name=\"estado\" value=\"publicada\">"
                          "<label for=\"nota-%s\" class=\"sr\">%s</label>"
                          "<input id=\"nota-%s\" name=\"nota\" maxlength=\"500\" placeholder=\"%s\"> "
                          "<button type=\"submit\" id=\"publicar-%s\">%s %d</button></form> ",
                 e->name, _("Nota de la revisión"), e->name, _("Nota de la revisión"), e->name,
                 _("Publicar la revisión"), e->revision + 1);
}

/* A published revision; its moment in the installation's time zone and
 * the locale, as the rest of the page (issue 14 round 2, fault 5). */
static void revision_row(void *ctx, int n, const char *at, const char *by, const char *note) {
    Req *r = ctx;
    str_html(&r->out, "<tr><td>%d</td><td>", n);
    web_time(r, at);
    str_html(&r->out, "</td><td>%s</td><td>%-s</td></tr>", by, note);      /* t12 fault 7 */
}

/* The revisions published of E, with their dates. */
static void revision_list(Req *r, const Edition *e) {
    if (e->revision == 0) return;
    str_html(&r->out, "<h3>%s %s</h3><table class=\"list\" id=\"revisiones-%s\"><thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Revisiones publicadas de la edición"), e->name, e->name, _("Revisión"), _("Fecha"),
             _("Publicó"), _("Nota"));
    store_edition_revisions(r->st, e->id, revision_row, r);
    str_html(&r->out, "</tbody></table>");
}

/* Round 6 (t12v N1): editions whose periods overlap, said where the
 * administrador sets periods, as `pmm edition add/new/set` warns: neither
 * Informe calls the other «la edición anterior». Said for as long as it
 * is so, not only after the change that made it. */
static void overlap_notice(Req *r, const Edition *v, int n) {
    bool open = false;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (!trend_periods_overlap(&v[i], &v[j])) continue;
            if (!open) str_html(&r->out, "<div class=\"notice\" id=\"superpuestas\"><ul>");
            open = true;
            str_html(&r->out, "<li>");
            str_html(&r->out, _("Los periodos de «%s» (%s) y «%s» (%s) se superponen: el Informe de una no compara "
                                "con la otra como «la edición anterior», que debe terminar antes de que empiece su "
                                "periodo."),
                     v[i].name, web_period(r, v[i].period_start, v[i].period_end), v[j].name,
                     web_period(r, v[j].period_start, v[j].period_end));
            str_html(&r->out, "</li>");
        }
    if (open) str_html(&r->out, "</ul></div>");
}

void page_admin(Req *r) {
    if (!require_admin(r)) return;
    r->no_cache = true;
    page_begin(r, _("Administración"));
    str_html(&r->out, "<p><a href=\"/admin/correo\">%s</a></p>", _("Correo: bandeja de salida"));   /* issue 11 */
    /* the units as the pack names them (issue 16, hostile fault 11) */
    const char *units = web_pack_word(r, WP_UNITS, false);
    str_html(&r->out, "<p><a href=\"/admin/catalogos\">");
    str_html(&r->out, _("Catálogos: instancias, tipos de instancia, categorías de retos, tipos de acción, poblaciones, "
                        "objetivos, principios, %s"), *units ? units : _("unidades subnacionales"));
    str_puts(&r->out, "</a></p>");
    Eds eds = {.n = 0};
    store_edition_list(r->st, eds_collect, &eds);
    str_html(&r->out, "<h2>%s</h2><table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Ediciones"), _("Edición"), _("Estado"), _("Cambiar estado"));
    static const char *const states[] = {"abierta", "en_revision", "publicada", NULL};
    for (int i = eds.n - 1; i >= 0; i--) {        /* the newest first (store_edition_list) */
        const Edition *e = &eds.v[i];
        str_html(&r->out, "<tr><td>%s</td><td id=\"estado-%s\">%s</td><td>", e->name, e->name,
                 edition_status_text(r, e));
        edition_actions(r, e);
        str_html(&r->out, "<form method=\"post\" action=\"/admin/ediciones/%s\" class=\"inline\">", e->name);
        csrf_field(r);
        str_html(&r->out, "<label for=\"st-%s\" class=\"sr\">%s %s</label><select id=\"st-%s\" name=\"estado\">",
                 e->name, _("Estado de la edición"), e->name, e->name);
        for (int k = 0; states[k]; k++)
            str_html(&r->out, "<option value=\"%s\"%s>%s</option>", states[k],
                     strcmp(states[k], e->state) == 0 ? " selected" : "", edition_state_label(states[k]));
        str_html(&r->out, "</select> <button type=\"submit\">%s</button></form></td></tr>", _("Cambiar"));
    }
    str_html(&r->out, "</tbody></table>");
    overlap_notice(r, eds.v, eds.n);
    for (int i = 0; i < eds.n; i++) revision_list(r, &eds.v[i]);
    campaign_admin_forms(r, eds.v, eds.n);              /* issue 11 (CAMPAIGN) */
    str_html(&r->out, "<h2>%s</h2><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Cuentas"), _("Usuario"), _("Nombre"), _("Rol"), _("Instancia"), _("Estado"), _("Acción"));
    store_user_list(r->st, user_row, r);
    str_html(&r->out, "</tbody></table><h2>%s</h2><form method=\"post\" action=\"/admin/usuarios\" class=\"user-form\">",
             _("Nueva cuenta"));
    csrf_field(r);
    str_html(&r->out, "<p><label for=\"nu-usuario\">%s</label><input id=\"nu-usuario\" name=\"usuario\" required></p>"
                      "<p><label for=\"nu-nombre\">%s</label><input id=\"nu-nombre\" name=\"nombre\"></p>"
                      "<p><label for=\"nu-rol\">%s</label><select id=\"nu-rol\" name=\"rol\">"
                      "<option value=\"enlace\">enlace</option><option value=\"coordinador\">coordinador</option>"
                      "<option value=\"administrador\">administrador</option></select></p>"
                      "<p><label for=\"nu-inst\">%s</label><select id=\"nu-inst\" name=\"institucion\"><option value=\"\">%s</option>",
             _("Usuario"), _("Nombre"), _("Rol"), _("Instancia (para un enlace)"), _("(ninguna)"));
    const CatList *l = cat_list(WC_INSTITUTION);
    for (int i = 0; i < l->n; i++)
        str_html(&r->out, "<option value=\"%s\">%s — %s</option>", l->v[i].code, l->v[i].code, l->v[i].name);
    str_html(&r->out, "</select></p><p><label for=\"nu-pass\">%s</label><input id=\"nu-pass\" name=\"contrasena\" "
                      "type=\"password\" autocomplete=\"new-password\" minlength=\"10\" required></p>"
                      "<p><button type=\"submit\">%s</button></p></form>",
             _("Contraseña (10 caracteres o más)"), _("Crear cuenta"));
    page_end(r);
}

void page_admin_edition(Req *r) {
    if (!require_admin(r)) return;
    Edition e;
    const char *state = req_form(r, "estado");
    if (!store_edition_find(r->st, r->args[0], &e)) {
        page_error(r, 404, _("No existe esa edición."));
        return;
    }
    if (!state || (strcmp(state, "abierta") && strcmp(state, "en_revision") && strcmp(state, "publicada"))) {
        page_error(r, 422, _("Estado de edición desconocido."));
        return;
    }
    const char *note = req_form(r, "nota");
    if (note && (strlen(note) > 500 || !text_valid_utf8(note, strlen(note)))) {
        page_error(r, 422, _("La nota de la revisión es texto de hasta 500 caracteres."));
        return;
    }
    int rev = 0;
    char before[64], after[96];
    snprintf(before, sizeof before, "{\"estado\": \"%s\"}", e.state);
    bool ok = store_begin(r->st);
    /* issue 11 (CAMPAIGN): no publication without a period, checked in the
     * transaction that publishes */
    const char *refusal = ok && strcmp(state, "publicada") == 0 ? store_edition_publish_refusal(r->st, e.id) : NULL;
    if (refusal) {
        store_rollback(r->st);
        page_error(r, 409, refusal);
        return;
    }
    ok = ok && store_edition_set_state_by(r->st, e.id, state, r->user.id, note, &rev);
    if (rev) snprintf(after, sizeof after, "{\"estado\": \"%s\", \"revision\": %d}", state, rev);
    else snprintf(after, sizeof after, "{\"estado\": \"%s\"}", state);
    ok = ok && store_audit_add(r->st, r->user.id, 0, arena_printf(&r->a, "edición %s", e.name), before, after) &&
         store_commit(r->st);
    if (!ok) {
        store_rollback(r->st);
        page_error(r, 500, _("No se pudo cambiar el estado."));
        return;
    }
    req_redirect(r, "/admin");
}

void page_admin_user_add(Req *r) {
    if (!require_admin(r)) return;
    const char *user = req_form(r, "usuario"), *name = req_form(r, "nombre"), *role = req_form(r, "rol"),
               *inst = req_form(r, "institucion"), *pass = req_form(r, "contrasena");
    const CatEntry *ie = inst && *inst ? cat_by_code(WC_INSTITUTION, inst) : NULL;
    const char *err = NULL;
    Role rl = ROLE__COUNT;
    bool role_ok = role_parse(role, &rl);      /* core/workflow.h: the one list of roles */
    /* blank once trimmed: no name (issue 11) */
    if (!account_name_ok(user) || strlen(user) > 60) err = _("Escriba un nombre de usuario (hasta 60 caracteres).");
    else if (!role_ok) err = _("Rol desconocido.");
    else if (rl == ROLE_ENLACE && !ie) err = _("Un enlace pertenece a una instancia: elíjala.");
    else err = password_problem(pass);
    char hash[256];
    if (!err && !auth_password_hash(pass, hash, sizeof hash)) err = _("No se pudo cifrar la contraseña.");
    if (!err && !store_user_add(r->st, user, name, rl, rl == ROLE_ENLACE ? ie->id : 0, hash))
        err = _("No se pudo crear la cuenta (¿ya existe ese usuario?).");
    if (err) {
        page_error(r, 422, err);
        return;
    }
    store_audit_add(r->st, r->user.id, 0, arena_printf(&r->a, "cuenta %s creada (%s)", user, role), NULL, NULL);
    req_redirect(r, "/admin");
}

void page_admin_user_disable(Req *r) {
    if (!require_admin(r)) return;
    WebUser u;
    /* by the account, not its spelling: "Admin " is the admin too (issue 11) */
    if (!store_user_find(r->st, r->args[0], &u, NULL, 0) || u.id == r->user.id) {
        page_error(r, 404, _("No existe esa cuenta (o es la suya)."));
        return;
    }
    /* the change and its audit record in one transaction, as account_change;
     * a database failure becomes its 503 (database_failed) */
    bool ok = store_begin(r->st) && store_user_set_disabled(r->st, r->args[0], true) &&
              store_audit_add(r->st, r->user.id, 0, arena_printf(&r->a, "cuenta %s desactivada", r->args[0]), NULL,
                              NULL) &&
              store_commit(r->st);
    if (!ok) {
        store_rollback(r->st);
        page_error(r, 404, _("No existe esa cuenta (o es la suya)."));
        return;
    }
    req_redirect(r, "/admin");
}

/* ---- issue 11: re-enabling an account, revoking its API tokens ---- */

/* The write and its audit record in one transaction; false (nothing
 * written) when there is no such account. */
static bool account_change(Req *r, bool revoke) {
    WebUser u;
    int n = 0;
    if (!store_begin(r->st)) return false;
    bool ok = store_user_find(r->st, r->args[0], &u, NULL, 0) &&
              (revoke ? store_api_token_revoke(r->st, u.id, NULL, &n)
                      : store_user_set_disabled(r->st, u.username, false)) &&
              store_audit_add(r->st, r->user.id, 0,
                              revoke ? arena_printf(&r->a, "tokens de %s revocados (%d)", u.username, n)
                                     : arena_printf(&r->a, "cuenta %s activada", u.username),
                              NULL, NULL) &&
              store_commit(r->st);
    if (!ok) store_rollback(r->st);
    return ok;
}

void page_admin_user_enable(Req *r) {
    if (!require_admin(r)) return;
    if (!account_change(r, false)) page_error(r, 404, _("No existe esa cuenta."));
    else req_redirect(r, "/admin");
}

void page_admin_user_revoke(Req *r) {
    if (!require_admin(r)) return;
    if (!account_change(r, true)) page_error(r, 404, _("No existe esa cuenta."));
    else req_redirect(r, "/admin");
}
