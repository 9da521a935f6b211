#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/password.h"
#include "store/mail_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "web/web.h"

/* The password: the first line of standard input (so that scripts can
 * pipe it), or asked for without echo on a terminal. */
static bool read_password(char *buf, size_t cap) {
    if (isatty(STDIN_FILENO)) {
        char *p = getpass(_("Contraseña: "));
        if (!p) return false;
        snprintf(buf, cap, "%s", p);
        explicit_bzero(p, strlen(p));
    } else if (!fgets(buf, (int)cap, stdin)) {    /* issue 14, fault 8: it said nothing */
        fprintf(stderr, _("pmm user: falta la contraseña: la entrada estándar está vacía (dé la contraseña en "
                          "su primera línea, o ejecute el comando en una terminal para que la pida)\n"));
        return false;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    const char *why = password_problem(buf);
    if (why) {
        fprintf(stderr, "pmm user: %s\n", why);
        return false;
    }
    return true;
}

/* An --email value: a valid address, or "" to clear (EMAIL NULL then). */
static bool email_arg(const char *arg, const char **email) {
    *email = arg && *arg ? arg : NULL;
    if (!*email || mail_address_ok(*email)) return true;
    fprintf(stderr, _("pmm user: --email «%s» no es una dirección de correo válida\n"), arg);
    return false;
}

static bool add_user(Store *st, const char *user, const char *name, const char *role,
                     const char *inst, const char *email, const char *password) {
    Role rl;
    if (!role_parse(role, &rl)) {
        fprintf(stderr, _("pmm user: rol desconocido «%s» (administrador, coordinador o enlace)\n"), role);
        return false;
    }
    int64_t inst_id = 0;
    if (rl == ROLE_ENLACE) {
        if (!inst || !(inst_id = store_institution_id(st, inst))) {
            fprintf(stderr, _("pmm user: un enlace necesita --institution SIGLAS de una instancia del "
                              "catálogo (vea 'pmm catalog institutions')\n"));
            return false;
        }
    }
    /* the same account under another spelling ("Coordinador ") is refused
     * by name, before the unique index would say it in SQL (issue 11) */
    WebUser old;
    if (!account_name_ok(user)) {
        fprintf(stderr, _("pmm user: «%s» no es un nombre de usuario (texto UTF-8 que no esté en blanco)\n"),
                user);
        return false;
    }
    if (store_user_find(st, user, &old, NULL, 0)) {
        fprintf(stderr, _("pmm user: ya existe la cuenta «%s»; los nombres no distinguen mayúsculas ni "
                          "espacios\n"), old.username);
        return false;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (!auth_password_hash(password, hash, sizeof hash)) {
        fprintf(stderr, _("pmm user: no hay memoria para cifrar la contraseña\n"));
        return false;
    }
    /* the account and its address together, or neither; a lock another
     * process held was said by no one (issue 15, round 5, F3) */
    if (!store_begin(st)) {
        fprintf(stderr, _("pmm user: no se pudo crear «%s»: %s\n"), user, store_write_error(st));
        return false;
    }
    Arena a = {0};
    const char *owner = email ? store_email_owner(st, user, email, &a) : NULL;
    if (owner) {
        fprintf(stderr, _("pmm user: la dirección «%s» ya es de la cuenta «%s»\n"), email, owner);
        arena_free(&a);
        store_rollback(st);
        return false;
    }
    arena_free(&a);
    if (!store_user_add(st, user, name, rl, inst_id, hash) || (email && !store_user_set_email(st, user, email)) ||
        !store_commit(st)) {
        fprintf(stderr, _("pmm user: no se pudo crear «%s»: %s\n"), user, store_write_error(st));
        store_rollback(st);
        return false;
    }
    return true;
}

/* The new password and its audit entry, in one transaction (issue 10,
 * hostile fault 9, helper REC2): the web's changes have one, and so does
 * this one, with no user (the command line runs as whoever may write the
 * database) and the account's name as the web writes it. False when there
 * is no such account. */
static bool set_password_audited(Store *st, const char *name, const char *hash) {
    WebUser u;
    if (!store_begin(st)) return false;
    Arena a = ARENA_INIT;
    bool ok = store_user_find(st, name, &u, NULL, 0) && store_user_set_password(st, u.username, hash) &&
              store_audit_add(st, 0, 0, arena_printf(&a, "cuenta %s: contraseña cambiada (pmm user passwd)",
                                                     u.username), NULL, NULL) &&
              store_commit(st);
    if (!ok) store_rollback(st);
    arena_free(&a);
    return ok;
}

static void print_user(void *ctx, const WebUser *u) {
    Store *st = ctx;
    Arena a = {0};
    const char *email = store_user_email(st, u->username, &a);
    printf("%s\t%s\t%s\t%s\t%s\t%s\n", u->username, role_name(u->role), u->institution, u->display_name,
           u->disabled ? _("desactivada") : _("activa"), email ? email : "");
    arena_free(&a);
}

static void print_token(void *ctx, const ApiTokenInfo *t) {
    (void)ctx;
    printf("%s\t%s\t%s\t%s\t%s", t->id, t->label, t->created, t->expires,
           *t->last_used ? t->last_used : _("nunca usado"));
    if (t->expired) printf("\t%s", _("(expirado)"));
    putchar('\n');
}

/* pmm user token NOMBRE [--label L] [--expires DÍAS]: shown once, only its hash is kept. */
static int new_token(Store *st, const WebUser *u, const Args *a) {
    const char *days_s = args_get(a, "--expires");
    long days = API_TOKEN_DAYS;
    if (days_s && !cli_number("user", "--expires", days_s, 1, API_TOKEN_MAX_DAYS, &days)) return EXIT_USAGE;
    if (u->disabled) {   /* it would start working again on `pmm user enable` */
        fprintf(stderr, _("pmm user: la cuenta «%s» está desactivada: actívela antes con pmm user enable\n"),
                u->username);
        return EXIT_FAIL;
    }
    char token[65], hash[65];
    auth_random_hex(token);
    auth_hash_token(token, hash);
    if (!store_api_token_add(st, hash, u->id, args_get(a, "--label"), (int64_t)time(NULL) + days * 86400)) {
        fprintf(stderr, _("pmm user: no se pudo crear el token: %s\n"), store_write_error(st));
        return EXIT_FAIL;
    }
    printf("%s\n", token);
    return EXIT_OK;
}

/* pmm user revoke NOMBRE ID|--all */
static int revoke_tokens(Store *st, const WebUser *u, const char *id, bool all) {
    int n = 0;
    if (!all && !id) {
        fprintf(stderr, _("pmm user: indique el id de un token (vea 'pmm user tokens %s') o --all\n"),
                u->username);
        return EXIT_USAGE;
    }
    if (!store_api_token_revoke(st, u->id, all ? NULL : id, &n)) {
        fprintf(stderr, "pmm user: %s\n", store_write_error(st));   /* issue 15 (S15C) */
        return EXIT_FAIL;
    }
    if (!all && n == 0) {
        fprintf(stderr, _("pmm user: «%s» no tiene ningún token con el id «%s»\n"), u->username, id);
        return EXIT_FAIL;
    }
    printf(_("Tokens de «%s» revocados: %d.\n"), u->username, n);
    return EXIT_OK;
}

/* Issue 15 (S15C): a change of account NAME that failed: why, in pmm's
 * words; "no such account" only when there is none. */
static void account_not_changed(Store *st, const char *name) {
    const char *why = store_write_error(st);
    WebUser u;
    if (store_user_find(st, name, &u, NULL, 0)) fprintf(stderr, "pmm user: %s\n", why);
    else fprintf(stderr, _("pmm user: no existe la cuenta «%s»\n"), name);
}

/* The subcommands that work on one existing account's tokens. */
static int account_tokens(Store *st, const char *sub, const char *name, const Args *a, const char *id) {
    WebUser u;
    if (!store_user_find(st, name, &u, NULL, 0)) {
        fprintf(stderr, _("pmm user: no existe la cuenta «%s»\n"), name);
        return EXIT_FAIL;
    }
    if (strcmp(sub, "token") == 0) return new_token(st, &u, a);
    if (strcmp(sub, "revoke") == 0) return revoke_tokens(st, &u, id, args_has(a, "--all"));
    printf(_("ID\tEtiqueta\tCreado\tExpira\tÚltimo uso\n"));
    return store_api_token_list(st, u.id, (int64_t)time(NULL), print_token, NULL) ? EXIT_OK : EXIT_FAIL;
}

/* pmm user add NOMBRE --role R [--institution SIGLAS] [--name "..."]
 * pmm user passwd NOMBRE | list | disable NOMBRE | enable NOMBRE
 * pmm user token NOMBRE [--label L] [--expires DÍAS] | tokens NOMBRE | revoke NOMBRE ID|--all */
int cmd_user(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "user", argc, argv) || !cli_subcommand(&a, "user")) return cli_usage("user");
    const char *sub = a.pos[0], *name = a.npos > 1 ? a.pos[1] : NULL;
    bool needs_name = strcmp(sub, "list") != 0;
    int npos = strcmp(sub, "revoke") == 0 && !args_has(&a, "--all") ? 3 : 2;   /* revoke NOMBRE ID */
    if (!cli_npos(&a, needs_name ? npos : 1, needs_name ? npos : 1,
                  a.npos < 2 ? N_("el nombre de la cuenta") : N_("el ID del token (o --all)")))
        return cli_usage("user");
    if (sodium_init() < 0) return EXIT_FAIL;
    Store *st = cli_open(g, false);
    if (!st) return EXIT_FAIL;
    int rc = EXIT_FAIL;
    char pw[256];
    const char *role = args_get(&a, "--role");
    const char *email = NULL, *owner = NULL;
    Arena arena = {0};                    /* the owner of an address, for a refusal */
    if (!email_arg(args_get(&a, "--email"), &email)) {
        rc = EXIT_USAGE;
    } else if (strcmp(sub, "add") == 0) {
        if (!role) {
            fprintf(stderr, _("pmm user: falta --role (administrador, coordinador o enlace)\n"));
            rc = EXIT_USAGE;
        } else if (read_password(pw, sizeof pw) &&
                   add_user(st, name, args_get(&a, "--name"), role, args_get(&a, "--institution"), email,
                            pw)) {
            printf(_("Cuenta «%s» (%s) creada.\n"), name, role);
            rc = EXIT_OK;
        }
    } else if (strcmp(sub, "set") == 0) {
        /* issue 11: the account's e-mail address ("" clears it) */
        if (!args_get(&a, "--email")) {
            rc = cli_usage("user");
        } else if (email && (owner = store_email_owner(st, name, email, &arena))) {
            fprintf(stderr, _("pmm user: la dirección «%s» ya es de la cuenta «%s»\n"), email, owner);
            rc = EXIT_FAIL;
        } else if (store_user_set_email(st, name, email)) {
            printf(_("Correo de «%s»: %s.\n"), name, email ? email : _("(ninguno)"));
            rc = EXIT_OK;
        } else {
            account_not_changed(st, name);
        }
    } else if (strcmp(sub, "passwd") == 0) {
        char hash[crypto_pwhash_STRBYTES];
        if (read_password(pw, sizeof pw) && auth_password_hash(pw, hash, sizeof hash)) {
            if (set_password_audited(st, name, hash)) {
                printf(_("Contraseña de «%s» cambiada; sus sesiones se cerraron y sus tokens de API "
                         "se revocaron.\n"), name);
                rc = EXIT_OK;
            } else {
                account_not_changed(st, name);
            }
        }
    } else if (strcmp(sub, "list") == 0) {
        rc = store_user_list(st, print_user, st) ? EXIT_OK : EXIT_FAIL;
    } else if (strcmp(sub, "disable") == 0) {
        if (store_user_set_disabled(st, name, true)) {
            printf(_("Cuenta «%s» desactivada; sus sesiones se cerraron.\n"), name);
            rc = EXIT_OK;
        } else {
            account_not_changed(st, name);
        }
    } else if (strcmp(sub, "enable") == 0) {
        if (store_user_set_disabled(st, name, false)) {
            printf(_("Cuenta «%s» activada de nuevo.\n"), name);
            rc = EXIT_OK;
        } else {
            account_not_changed(st, name);
        }
    } else if (strcmp(sub, "token") == 0 || strcmp(sub, "tokens") == 0 || strcmp(sub, "revoke") == 0) {
        rc = account_tokens(st, sub, name, &a, a.npos > 2 ? a.pos[2] : NULL);
    } else {
        rc = cli_usage("user");
    }
    explicit_bzero(pw, sizeof pw);
    arena_free(&arena);
    store_close(st);
    return rc;
}

/* The demo accounts of README.md, one per role, and the demo edition
 * published (with an open edition 2025 to try the workflow in). */
static const struct {
    const char *user, *name, *role, *inst, *email, *password;
} demo_accounts[] = {
    {"admin", "Administración (demo)", "administrador", NULL, "admin@example.org", "demo-admin-2024"},
    {"coordinador", "Coordinación (demo)", "coordinador", NULL, "coordinador@example.org",
     "demo-coordinador-2024"},
    {"enlace.inm", "Enlace del INM (demo)", "enlace", "INM", "enlace.inm@example.org", "demo-enlace-2024"},
};

bool user_demo_setup(Store *st) {
    if (sodium_init() < 0) return false;
    for (size_t i = 0; i < sizeof demo_accounts / sizeof *demo_accounts; i++) {
        WebUser u;
        if (store_user_find(st, demo_accounts[i].user, &u, NULL, 0)) continue;
        if (!add_user(st, demo_accounts[i].user, demo_accounts[i].name, demo_accounts[i].role,
                      demo_accounts[i].inst, demo_accounts[i].email, demo_accounts[i].password))
            return false;
    }
    Edition e;
    if (!store_edition_find(st, "2024", &e) || !store_edition_set_state(st, e.id, "publicada")) return false;
    if (!store_edition_find(st, "2025", &e) && !store_edition_create(st, "2025", "2024-07", "2025-06", &e))
        return false;
    printf(_("Cuentas de demostración: admin / demo-admin-2024, coordinador / demo-coordinador-2024, "
             "enlace.inm / demo-enlace-2024 (vea README.md).\n"));
    return true;
}
