/* Issue 11, e-mail on the web: the administrador's outbox and accounts'
 * addresses; "¿Olvidó su contraseña?" (a single-use link by mail, valid one
 * hour) and the page to change one's own password. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/password.h"
#include "store/account_store.h"
#include "store/mail_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/web.h"

#define RESET_SECONDS 3600            /* a reset link lives one hour */
#define RESET_LIVE_MAX 3              /* links alive at once per account: no mail bombing */

/* ---- the outbox ---- */

static const char *when(Req *r, int64_t t) {
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char *b = arena_alloc(&r->a, 32);
    strftime(b, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return b;
}

static void outbox_state(Req *r, const OutboxMsg *m) {
    if (m->sent_at) {
        str_html(&r->out, "<td class=\"sent\">%s %s</td>", _("Enviado el"), when(r, m->sent_at));
    } else if (m->attempts == 0) {
        str_html(&r->out, "<td class=\"pending\">%s</td>", _("Pendiente"));
    } else {
        str_html(&r->out, "<td class=\"failed\">%s (%lld): %s. %s %s</td>", _("Falló"), (long long)m->attempts,
                 m->last_error, _("Siguiente intento:"), when(r, m->next_attempt_at));
    }
}

void page_outbox(Req *r) {
    if (!require_admin(r)) return;
    r->no_cache = true;
    OutboxMsg *v;
    int n;
    if (!store_outbox_list(r->st, 500, &r->a, &v, &n)) {
        page_error(r, 500, _("La base de datos no está disponible."));
        return;
    }
    page_begin(r, _("Correo: bandeja de salida"));
    if (!r->cfg || !r->cfg->mail.smtp_url)
        str_html(&r->out, "<div class=\"errors\" role=\"alert\" id=\"no-smtp\"><p>%s</p></div>",
                 _("Este servidor no envía correo: se inició sin --smtp. Los mensajes esperan aquí hasta que "
                   "un servidor con --smtp (o pmm mail send-pending) los envíe."));
    str_html(&r->out, "<p>%s</p><table class=\"list\" id=\"outbox\"><thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Los 500 mensajes más recientes. Un envío fallido se reintenta solo, cada vez más espaciado."),
             _("Creado"), _("Para"), _("Asunto"), _("Tipo"), _("Estado"), _("Acción"));
    for (int i = 0; i < n; i++) {
        const OutboxMsg *m = &v[i];
        str_html(&r->out, "<tr id=\"msg-%lld\"><td>%s</td><td>%s</td><td><details><summary>%s</summary>"
                          "<pre>%s</pre></details></td><td>%s</td>",
                 (long long)m->id, when(r, m->created_at), m->to, m->subject,
                 /* a live password link is its owner's alone */
                 strcmp(m->kind, "contrasena") == 0 ? _("(enlace de un solo uso: no se muestra)") : m->body,
                 m->kind);
        outbox_state(r, m);
        str_html(&r->out, "<td>");
        if (!m->sent_at) {
            str_html(&r->out, "<form method=\"post\" action=\"/admin/correo/%lld/reintentar\" class=\"inline\">",
                     (long long)m->id);
            csrf_field(r);
            str_html(&r->out, "<button type=\"submit\">%s</button></form>", _("Reintentar ahora"));
        }
        str_html(&r->out, "</td></tr>");
    }
    str_html(&r->out, "</tbody></table>");
    page_end(r);
}

void page_outbox_retry(Req *r) {
    if (!require_admin(r)) return;
    char *end;
    long long id = strtoll(r->args[0], &end, 10);
    if (*end || id <= 0 || !store_outbox_retry(r->st, id, (int64_t)time(NULL))) {
        page_error(r, 404, _("No hay un mensaje pendiente con ese número."));
        return;
    }
    req_redirect(r, "/admin/correo");
}

/* The administrador sets (or, empty, clears) an account's address. */
void page_admin_user_email(Req *r) {
    if (!require_admin(r)) return;
    const char *in = req_form(r, "correo");
    char *email = text_trim(arena_strdup(&r->a, in ? in : ""));
    if (*email && !mail_address_ok(email)) {
        page_error(r, 422, arena_printf(&r->a, _("«%s» no es una dirección de correo válida."), email));
        return;
    }
    bool ok = store_begin(r->st);
    const char *owner = ok && *email ? store_email_owner(r->st, r->args[0], email, &r->a) : NULL;
    if (owner) {
        store_rollback(r->st);
        page_error(r, 409, arena_printf(&r->a, _("La dirección «%s» ya es de la cuenta «%s»: cada cuenta lleva la "
                                                 "suya."), email, owner));
        return;
    }
    ok = ok && store_user_set_email(r->st, r->args[0], *email ? email : NULL) &&
         store_audit_add(r->st, r->user.id, 0, arena_printf(&r->a, "cuenta %s: correo «%s»", r->args[0], email),
                         NULL, NULL);
    if (!ok || !store_commit(r->st)) {
        if (!ok) store_rollback(r->st);
        page_error(r, 404, _("No existe esa cuenta."));
        return;
    }
    req_redirect(r, "/admin");
}

/* ---- a forgotten password ---- */

static void forgot_form(Req *r, const char *notice) {
    r->no_cache = true;
    page_begin(r, _("¿Olvidó su contraseña?"));
    if (notice) str_html(&r->out, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", notice);
    str_html(&r->out, "<p>%s</p><form method=\"post\" action=\"/contrasena/olvido\" class=\"login\">",
             _("Escriba su usuario o su correo: le enviaremos un enlace para elegir una contraseña nueva, "
               "válido una hora y una sola vez."));
    csrf_field(r);
    str_html(&r->out, "<p><label for=\"quien\">%s</label><input id=\"quien\" name=\"quien\" "
                      "autocomplete=\"username\" required maxlength=\"254\"></p>"
                      "<p><button type=\"submit\">%s</button></p></form>",
             _("Usuario o correo"), _("Enviar el enlace"));
    page_end(r);
}

/* Queues the link for U (with address EMAIL), in one transaction. */
static bool send_reset(Req *r, const WebUser *u, const char *email, int64_t now) {
    char token[65], hash[65];
    auth_random_hex(token);
    auth_hash_token(token, hash);
    Str body = STR_INIT;
    str_printf(&body, _("Alguien (quizá usted) pidió cambiar la contraseña de la cuenta «%s» en pmm.\n\n"
                        "Para elegir una nueva abra este enlace, válido una hora y una sola vez:\n%s/contrasena/nueva?t=%s\n\n"
                        "Si no lo pidió, ignore este mensaje: su contraseña no cambia.\n"),
               u->username, mail_store_base_url(), token);
    bool ok = store_begin(r->st);
    ok = ok && store_reset_live(r->st, u->id, now) < RESET_LIVE_MAX &&
         store_reset_add(r->st, hash, u->id, now, now + RESET_SECONDS) &&
         store_outbox_add(r->st, email, _("Cambio de contraseña en pmm"), body.p, "contrasena", NULL, now, NULL);
    if (ok) ok = store_commit(r->st);
    else store_rollback(r->st);
    str_free(&body);
    sodium_memzero(token, sizeof token);
    return ok;
}

void page_forgot(Req *r) {
    if (strcmp(r->method, "GET") == 0) {
        forgot_form(r, NULL);
        return;
    }
    const char *in = req_form(r, "quien");
    char *who = text_trim(arena_strdup(&r->a, in ? in : ""));
    WebUser u;
    const char *email = NULL;
    /* The same answer whether or not the account exists or has an address. */
    if (*who && store_user_for_reset(r->st, who, &u, &r->a, &email) && email)
        send_reset(r, &u, email, (int64_t)time(NULL));
    forgot_form(r, _("Si la cuenta existe y tiene un correo registrado, le enviamos un enlace para elegir "
                     "una contraseña nueva. Revise su correo."));
}

/* The new password twice; NULL when acceptable, else why not. */
static const char *new_password_error(const char *pw, const char *again) {
    const char *why = password_problem(pw);
    if (why) return why;
    if (!again || strcmp(pw, again) != 0) return _("Las dos contraseñas nuevas no coinciden.");
    return NULL;
}

static void new_password_fields(Req *r) {
    str_html(&r->out, "<p><label for=\"nueva\">%s</label><input id=\"nueva\" name=\"nueva\" type=\"password\" "
                      "autocomplete=\"new-password\" minlength=\"10\" required></p>"
                      "<p><label for=\"nueva2\">%s</label><input id=\"nueva2\" name=\"nueva2\" type=\"password\" "
                      "autocomplete=\"new-password\" minlength=\"10\" required></p>",
             _("Contraseña nueva (10 caracteres o más)"), _("Repita la contraseña nueva"));
}

static void reset_form(Req *r, const char *token, const char *error) {
    r->no_cache = true;
    page_begin(r, _("Elegir una contraseña nueva"));
    if (error) str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>", error);
    str_html(&r->out, "<form method=\"post\" action=\"/contrasena/nueva\" class=\"login\">"
                      "<input type=\"hidden\" name=\"t\" value=\"%s\">", token);
    csrf_field(r);
    new_password_fields(r);
    str_html(&r->out, "<p><button type=\"submit\">%s</button></p></form>", _("Guardar la contraseña"));
    page_end(r);
}

static void done_page(Req *r, const char *title, const char *msg, const char *link, const char *label) {
    r->no_cache = true;
    page_begin(r, title);
    str_html(&r->out, "<div class=\"notice\" role=\"status\"><p>%s</p></div><p><a href=\"%s\">%s</a></p>", msg,
             link, label);
    page_end(r);
}

void page_reset(Req *r) {
    bool post = strcmp(r->method, "POST") == 0;
    const char *token = post ? req_form(r, "t") : req_query(r, "t");
    char hash[65];
    WebUser u;
    int64_t now = (int64_t)time(NULL);
    if (token) auth_hash_token(token, hash);
    if (!token || strlen(token) != 64 || !store_reset_find(r->st, hash, now, &u)) {
        page_error(r, 410, _("Este enlace para cambiar la contraseña no es válido, ya se usó o venció "
                             "(dura una hora). Pida otro en «¿Olvidó su contraseña?»."));
        return;
    }
    if (!post) {
        reset_form(r, token, NULL);
        return;
    }
    const char *pw = req_form(r, "nueva"), *err = new_password_error(pw, req_form(r, "nueva2"));
    if (err) {
        r->status = 422;
        reset_form(r, token, err);
        r->status = 422;
        return;
    }
    /* argon2id takes its time before the write lock is taken */
    char newhash[256];
    if (!auth_password_hash(pw, newhash, sizeof newhash)) {
        page_error(r, 500, _("No se pudo cambiar la contraseña."));
        return;
    }
    /* The link is checked again and spent in the transaction that sets the
     * password: two posts of it at once change the password once, and an
     * account disabled meanwhile is left alone. */
    bool ok = store_begin(r->st);
    ok = ok && store_reset_find(r->st, hash, now, &u) && store_reset_consume(r->st, hash, now) &&
         store_user_set_password(r->st, u.username, newhash) &&
         store_audit_add(r->st, u.id, 0, arena_printf(&r->a, "cuenta %s: contraseña restablecida por correo",
                                                       u.username), NULL, NULL);
    if (!ok || !store_commit(r->st)) {
        if (!ok) store_rollback(r->st);
        page_error(r, 410, _("Este enlace para cambiar la contraseña no es válido, ya se usó o venció "
                             "(dura una hora). Pida otro en «¿Olvidó su contraseña?»."));
        return;
    }
    done_page(r, _("Contraseña cambiada"), _("Su contraseña se cambió. Entre con la nueva."), "/entrar",
              _("Entrar"));
}

/* ---- changing one's own password ---- */

static void password_form(Req *r, const char *error) {
    r->no_cache = true;
    page_begin(r, _("Cambiar mi contraseña"));
    if (error) str_html(&r->out, "<div class=\"errors\" role=\"alert\"><p>%s</p></div>", error);
    str_html(&r->out, "<form method=\"post\" action=\"/cuenta/contrasena\" class=\"login\">");
    csrf_field(r);
    str_html(&r->out, "<p><label for=\"actual\">%s</label><input id=\"actual\" name=\"actual\" type=\"password\" "
                      "autocomplete=\"current-password\" required></p>",
             _("Contraseña actual"));
    new_password_fields(r);
    str_html(&r->out, "<p><button type=\"submit\">%s</button></p></form>", _("Cambiar la contraseña"));
    page_end(r);
}

void page_password(Req *r) {
    if (!r->logged || r->via_token) {
        if (strcmp(r->method, "GET") == 0) auth_login_redirect(r);
        else page_error(r, 403, _("Entre con su cuenta."));
        return;
    }
    if (strcmp(r->method, "GET") == 0) {
        password_form(r, NULL);
        return;
    }
    const char *cur = req_form(r, "actual"), *pw = req_form(r, "nueva");
    WebUser u;
    char stored[256];
    int64_t now = (int64_t)time(NULL);
    /* the current password is a password guess like a login: counted alike */
    if (auth_throttled(r, r->user.username, now)) {
        password_form(r, _("Demasiados intentos fallidos. Espere 15 minutos e inténtelo de nuevo."));
        r->status = 429;
        return;
    }
    const char *err = new_password_error(pw, req_form(r, "nueva2"));
    if (!store_user_find(r->st, r->user.username, &u, stored, sizeof stored) ||
        !auth_password_ok(stored, cur ? cur : "")) {
        err = _("La contraseña actual no es correcta.");
        store_login_record(r->st, r->user.username, r->ip, false, now);
    }
    if (err) {
        password_form(r, err);
        r->status = 422;
        return;
    }
    char newhash[256], again[256];
    WebUser still;
    if (!auth_password_hash(pw, newhash, sizeof newhash)) {
        page_error(r, 500, _("No se pudo cambiar la contraseña."));
        return;
    }
    /* The current password was checked outside the lock (argon2id is slow):
     * inside, the stored hash must still be the one it matched. */
    bool ok = store_begin(r->st);
    /* the other sessions end and the tokens are revoked; this page's session stays */
    ok = ok && store_user_find(r->st, u.username, &still, again, sizeof again) && strcmp(again, stored) == 0 &&
         store_user_set_password_keep(r->st, u.username, newhash, r->token_hash) &&
         store_audit_add(r->st, u.id, 0, arena_printf(&r->a, "cuenta %s: contraseña cambiada", u.username),
                         NULL, NULL);
    if (!ok || !store_commit(r->st)) {
        if (!ok) store_rollback(r->st);
        page_error(r, 500, store_write_failed(r->st) ? store_write_error(r->st)
                                                      : _("No se pudo cambiar la contraseña."));
        return;
    }
    done_page(r, _("Contraseña cambiada"), _("Su contraseña se cambió."), "/panel", _("Volver al panel"));
}
