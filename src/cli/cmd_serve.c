#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "cli/cli.h"
#include "store/maint_store.h"
#include "util/i18n.h"
#include "web/limits.h"
#include "web/web.h"

/* Issue 11: the mail settings, from the options or the environment
 * (PMM_SMTP, PMM_MAIL_FROM); false (told) when one is not valid. */
bool cli_mail_options(const Args *a, const char *cmd, MailConfig *mc) {
    const char *smtp = args_get(a, "--smtp") ? args_get(a, "--smtp") : getenv("PMM_SMTP");
    const char *from = args_get(a, "--mail-from") ? args_get(a, "--mail-from") : getenv("PMM_MAIL_FROM");
    const char *remind = args_get(a, "--remind-days") ? args_get(a, "--remind-days") : "7,1";
    const char *base = args_get(a, "--mail-retry-base"), *poll = args_get(a, "--mail-poll");
    long retry = 60, every = 30;
    mc->smtp_url = smtp && *smtp ? smtp : NULL;
    mc->from = from && *from ? from : "pmm@localhost";
    mc->base_url = args_get(a, "--base-url");
    if ((base && !cli_number(cmd, "--mail-retry-base", base, 1, 86400, &retry)) ||
        (poll && !cli_number(cmd, "--mail-poll", poll, 1, 3600, &every)))
        return false;
    mc->retry_base = (int)retry;
    mc->poll = (int)every;
    if (mc->smtp_url && !mail_url_ok(mc->smtp_url)) {
        fprintf(stderr, _("pmm %s: --smtp espera smtp://SERVIDOR:PUERTO o smtps://…, no «%s»\n"), cmd, mc->smtp_url);
        return false;
    }
    if (from && *from && !mail_address_ok(mc->from)) {   /* the default needs no domain */
        fprintf(stderr, _("pmm %s: --mail-from «%s» no es una dirección de correo válida\n"), cmd, mc->from);
        return false;
    }
    if (mc->base_url && strncmp(mc->base_url, "http://", 7) != 0 && strncmp(mc->base_url, "https://", 8) != 0) {
        fprintf(stderr, _("pmm %s: --base-url debe empezar con http:// o https://\n"), cmd);
        return false;
    }
    if (!mail_parse_remind(mc, remind)) {
        fprintf(stderr, _("pmm %s: --remind-days espera días entre 1 y 365 separados por comas "
                          "(p. ej. 7,1), no «%s»\n"), cmd, remind);
        return false;
    }
    return true;
}

/* pmm serve [--listen 127.0.0.1] [--port 8080] [--threads N]
 *           [--access-log FILE|-] [--secure-cookies]
 *           [--timeout SECONDS] [--max-per-ip N] [--trusted-proxy ADDR[,ADDR]]
 *           [--smtp URL] [--mail-from ADDR] [--base-url URL] [--remind-days 7,1]
 *           [--mail-retry-base SECONDS] [--mail-poll SECONDS] [--busy-timeout SECONDS]
 *           [--cache-mb MB] [--request-timeout SECONDS]
 * Serves the web platform until SIGTERM or Ctrl-C. --port 0 takes any free
 * port; the line printed at start names the one taken. */

/* --trusted-proxy (or PMM_TRUSTED_PROXY): up to 16 IPv4 or IPv6 addresses,
 * separated by commas, kept as inet_ntop writes them; anything else is refused. */
static bool parse_trusted_proxies(const char *list, WebConfig *cfg) {
    char buf[1100];
    if (strlen(list) >= sizeof buf) return false;
    strcpy(buf, list);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ') tok++;
        tok[strcspn(tok, " ")] = '\0';
        unsigned char bin[16];
        int af = inet_pton(AF_INET, tok, bin) == 1 ? AF_INET : inet_pton(AF_INET6, tok, bin) == 1 ? AF_INET6 : 0;
        if (!af || cfg->ntrusted_proxy == 16) {
            fprintf(stderr, _("pmm serve: --trusted-proxy: «%s» no es una dirección IPv4 o IPv6 "
                              "(se aceptan hasta 16, separadas por comas)\n"), tok);
            return false;
        }
        inet_ntop(af, bin, cfg->trusted_proxy[cfg->ntrusted_proxy++], 64);
    }
    return true;
}

/* A whole-number option, DEF when absent; its range "LO-HI" (main.c's
 * table) was checked by cli_args, which names the option and the value
 * (issue 14, fault 9: «--port va de 0 a 65535 y --threads de 1 a 32»). */
static int int_arg(const Args *a, const char *name, int def) {
    const char *v = args_get(a, name);
    if (!v) return def;
    char *end;
    long n = strtol(v, &end, 10);
    return end == v || *end || n < 0 || n > 1000000 ? -1 : (int)n;
}

int cmd_serve(const Global *g, int argc, char **argv) {
    Args a;
    if (!cli_args(&a, "serve", argc, argv) || !cli_npos(&a, 0, 0, NULL)) return cli_usage("serve");
    WebConfig cfg = {
        .db_path = g->db_path,
        .listen = args_get(&a, "--listen") ? args_get(&a, "--listen") : "127.0.0.1",
        .port = int_arg(&a, "--port", 8080),
        .threads = int_arg(&a, "--threads", WEB_THREADS),
        .access_log = args_get(&a, "--access-log") ? args_get(&a, "--access-log") : "-",
        .secure_cookies = args_has(&a, "--secure-cookies"),
        .timeout = int_arg(&a, "--timeout", WEB_CONN_TIMEOUT),
        .per_ip = int_arg(&a, "--max-per-ip", WEB_PER_IP_CONNECTIONS),
    };
    /* --port, --threads, --timeout and --max-per-ip are checked by cli_args
     * against the ranges their table entries give (main.c) */
    const char *proxies = args_get(&a, "--trusted-proxy") ? args_get(&a, "--trusted-proxy")
                                                          : getenv("PMM_TRUSTED_PROXY");
    if (proxies && !parse_trusted_proxies(proxies, &cfg)) return EXIT_USAGE;
    /* issue 15: how long a write waits for another process's lock before
     * it is answered 503 (the page or the API says to retry) */
    const char *busy = args_get(&a, "--busy-timeout");
    long busy_s = 10;
    if (busy && !cli_number("serve", "--busy-timeout", busy, 1, 600, &busy_s)) return EXIT_USAGE;
    store_set_busy_timeout((int)busy_s * 1000);
    /* issue 15: the bytes the cache of public pages may hold, 0: none */
    const char *mb = args_get(&a, "--cache-mb");
    long cache_mb = WEB_CACHE_MB;
    if (mb && !cli_number("serve", "--cache-mb", mb, 0, 65536, &cache_mb)) return EXIT_USAGE;
    cfg.cache_bytes = (size_t)cache_mb << 20;
    /* issue 15: the whole time a request may take, headers, body and answer */
    const char *rt = args_get(&a, "--request-timeout");
    long req_s = WEB_REQUEST_TIMEOUT;
    if (rt && !cli_number("serve", "--request-timeout", rt, 1, 86400, &req_s)) return EXIT_USAGE;
    cfg.request_timeout = (int)req_s;
    if (!cli_mail_options(&a, "serve", &cfg.mail)) return EXIT_USAGE;
    /* Open once here: migrations run, catalogs load, errors are plain. An
     * old schema is not served from a copy in memory (cli_open's): the
     * file is upgraded first, or the start refused saying why (issue 15,
     * round 5, F4: another process writing, or a file it may not write). */
    Str err = STR_INIT;
    Store *st = store_open(g->db_path, false, &err);
    if (!st) fprintf(stderr, "pmm: %s\n", str_cstr(&err));
    str_free(&err);
    if (!st) return EXIT_FAIL;
    cli_readonly_notice(g, st);
    /* held until exit: pmm restore refuses a database a server uses */
    int hold = store_serve_hold(g->db_path);
    if (hold < 0)
        fprintf(stderr, _("pmm serve: «%s» se está restaurando (pmm restore): espere a que termine\n"),
                g->db_path);
    bool ok = hold >= 0 && cli_ensure_catalogs(st) && web_catalogs_load(st) && store_fts_sync(st);
    store_close(st);
    if (!ok) {
        if (hold >= 0) close(hold);
        return EXIT_FAIL;
    }
    int rc = web_serve(&cfg);
    close(hold);
    web_catalogs_free();
    return rc == 0 ? EXIT_OK : rc == 2 ? EXIT_USAGE : EXIT_FAIL;
}
