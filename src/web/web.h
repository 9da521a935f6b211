#ifndef PMM_WEB_H
#define PMM_WEB_H
/*
 * The web platform (`pmm serve`): one request is one Req, which owns an
 * Arena for everything allocated on its behalf and a Str for the body it
 * answers with. Pages are plain functions `void page_NAME(Req *)` named in
 * the route table of server.c. HTML is written only through str_html()
 * (see util/str.h), so every value is escaped.
 */
#include <stdbool.h>
#include <stdint.h>
#include "store/store.h"
#include "store/web_store.h"
#include "util/arena.h"
#include "util/str.h"
#include "web/form.h"
#include "web/limits.h"   /* WEB_BUSY_RETRY_AFTER, answered with every 503 of a busy database */
#include "web/mail.h"


typedef struct {
    const char *db_path;
    const char *listen;
    int port;
    int threads;
    const char *access_log;       /* file, "-" for stderr, NULL for none */
    bool secure_cookies;          /* always mark cookies Secure (behind TLS) */
    int timeout;                  /* seconds a connection may stay idle */
    int per_ip;                   /* connections per client address, 0: no limit */
    /* --trusted-proxy (issue 11): only from these is X-Forwarded-For read */
    char trusted_proxy[16][64];   /* addresses as inet_ntop writes them */
    int ntrusted_proxy;
    MailConfig mail;              /* issue 11: the outbox's sending (web/mail.h) */
    size_t cache_bytes;           /* issue 15: bound of the response cache (--cache-mb) */
    int request_timeout;          /* issue 15: seconds a request may take in all */
} WebConfig;

typedef struct Req {
    Arena a;
    void *conn;                   /* struct MHD_Connection */
    const char *method, *path;
    const char *args[4];          /* the '*' segments of the route */
    int nargs;
    Str body;                     /* request body as received */
    bool too_big;
    size_t body_seen;             /* bytes of body received, kept or not */
    size_t body_max;              /* its limit, 0 until decided (server.c, body_limit) */
    bool session_read;            /* auth_load_session ran (it may run before the body) */
    bool url_nul;                 /* the path or query decoded to a NUL byte: 400 */
    KV *query;                    /* decoded URL arguments */
    int nquery;
    /* Without a connection (fuzz target): the headers and cookies. */
    KV *headers, *cookies;
    int nheaders, ncookies;
    KV *form;                     /* decoded x-www-form-urlencoded body */
    int nform;
    /* issue 11: the one file of a multipart/form-data body (its other
     * fields go to FORM): its bytes, length and name as sent; NULL if none. */
    const char *upload;
    size_t upload_len;
    const char *upload_name;
    const char *ip;
    bool https;
    /* the answer */
    int status;
    const char *ctype;
    Str out;
    KV hdrs[8];
    int nhdrs;
    bool no_cache;                /* never cached: depends on who asks */
    int max_age;                  /* issue 14: seconds a public answer stays fresh (0: revalidate) */
    unsigned route_flags;         /* of the route answering (R_*) */
    const char *csp;              /* a stricter or looser policy than the default */
    /* issue 15 (S15): answer with this open file instead of OUT (a published
     * revision's file from the disk cache, downloads.c); fd + 1, 0: none.
     * The server closes it. Its ETag is FILE_ETAG. */
    int file_fd1;
    uint64_t file_size;
    char file_etag[24];
    /* issue 15 round 5, F2: the published file OUT holds, rendered in
     * memory (downloads.c's cache name), which its kept answer is marked
     * with for web_cache_copy; NULL: none */
    const char *cache_name;
    const char *claim;            /* downloads.c's claim on it (web_claim), released by web_download_kept */
    /* s12 d15x (t15v F2): the server's worker that may park R while
     * another request renders what it asks for (web_claim), NULL: none;
     * the name R was parked on, its page returned without an answer */
    void *park;
    const char *parked_on;
    /* the same: PROBE asks a download's page to answer only what needs no
     * rendering (a stored file), on libmicrohttpd's thread; WOULD_RENDER
     * is its reply, nothing answered */
    bool probe, would_render;
    /* issue 15: the URL arguments the page read (req_query), which alone
     * key its cached response; too many: not cached */
    const char *qread[8];
    int nqread;
    bool qread_over;
    /* who asks */
    Store *st;
    bool logged;
    bool via_token;
    bool bad_token;               /* a Bearer token was sent and is no good: 401 */
    bool review;                  /* re-showing a form posted after the session expired:
                                     render it filled, write nothing (issue 11) */
    WebUser user;
    char csrf[65];
    char token_hash[65];
    const WebConfig *cfg;
    const char *why_field;        /* issue 13 (F13): the field a refused action_write names */
    int heavy_mib;                /* F15: memory admitted for it (memory.c), 0: none */
} Req;

/* ---- routes (server.c; the API's in api.c, issue 14) ---- */
enum { R_CACHE = 1,       /* public: kept in the response cache */
       R_RESTORE = 2,     /* a form kept across an expired session (issue 11) */
       R_ACTION = 4,      /* takes a whole action: its body may be as large (limits.h) */
       R_CORS = 8,        /* public GET: readable from any origin (CORS), ETag, 304 */
       R_HEAVY = 16,      /* F15: may take tens of MiB (a long list, a search): memory.c admits it */
       R_RENDERS = 32 };  /* a download that may be rendered for minutes: off libmicrohttpd's thread */
typedef struct {
    const char *method;
    const char *pattern;       /* '*' matches one path segment */
    void (*fn)(Req *);
    unsigned flags;
} WebRoute;
/* The API's routes (api.c), ended by a NULL method: the one list that
 * server.c dispatches and /api/v1 lists (openapi.json describes each). */
extern const WebRoute api_routes[];
/* Every route the server dispatches, pages' and API's, NULL-ended. */
const WebRoute *web_routes(void);

/* ---- request (server.c) ---- */
const char *req_query(Req *r, const char *name);            /* URL argument or NULL */
/* What a page ignored of its query (web_query_check): the names safe to
 * show ("a, b" or NULL) and how many others it ignored that are not
 * shown (issue 14 round 2, fault 8: a name is text anyone can put in a
 * link to an official page); trackers (utm_*, fbclid) are in neither. */
typedef struct {
    const char *names;
    int unnamed;
} QueryIgnored;
/* F14B: the query's names against KNOWN (NULL-ended, or NULL): unknown
 * ones refused (400) when REFUSE, else ignored and told in *IGNORED;
 * a known one given twice refused; false after answering (server.c). */
bool web_query_check(Req *r, const char *const *known, bool refuse, QueryIgnored *ignored);
/* A query value a 400 may repeat as it came, or NULL (server.c). */
const char *web_query_value_shown(Req *r, const char *v);
const char *req_form(Req *r, const char *name);             /* first value or NULL */
int req_form_all(Req *r, const char *name, const char **out, int max);
/* The form fields NAMES (NULL-ended) that take one value: one given twice
 * is refused (400) as web_query_check refuses a repeated parameter; false
 * after answering (issue 13 round 3, F13B). */
bool web_form_once(Req *r, const char *const *names);
const char *req_header(Req *r, const char *name);
const char *req_cookie(Req *r, const char *name);
void req_set_header(Req *r, const char *name, const char *value);
void req_redirect(Req *r, const char *location);            /* 303 See Other */
void req_changed(void);                                     /* drop cached pages */

/* ---- layout (layout.c) ---- */
void page_begin(Req *r, const char *title);
void page_end(Req *r);
void page_error(Req *r, int status, const char *message);
/* issue 15 (S15B): what a person is told when the database failed with
 * CODE (store_failure: busy, full disk, read-only), in one place (server.c) */
const char *web_database_failure_message(Req *r, int code);
void page_error_json(Req *r, int status, const char *message);   /* {"error": ..., "status": ...} */
/* Numbers and months on every page as the language of the messages writes
 * them, through the Informe's own functions (util/lang.c): "7 748 887" /
 * "7,748,887", "junio de 2023" / "June 2023". The text lives in R's arena. */
const char *web_int(Req *r, long long n);
/* V percent-encoded as one part of a URL (str_url), in R's arena (issue 13, F13). */
const char *web_url_part(Req *r, const char *v);
/* The one Content-Disposition header (t12 fault 11, RFC 6266): «inline»
 * or «attachment», then NAME as filename="…", an ASCII fallback (a quote,
 * a backslash, ';', '%', a control character or a non-ASCII character
 * each becomes '_'), and, when the fallback is not NAME itself, NAME as
 * filename*=UTF-8''… percent-encoded (RFC 8187) by str_url. */
void web_disposition(Req *r, bool attachment, const char *name);
const char *web_month(Req *r, const char *yyyy_mm);
/* The period from START to END as every page writes it (lang_period, N6). */
const char *web_period(Req *r, const char *start, const char *end);
/* A recorded moment (UTC, "AAAA-MM-DDTHH:MM:SSZ", as the store writes it)
 * in the installation's time zone (TZ of `pmm serve`): "1 de julio de 2024,
 * 07:05 CST" / "1 July 2024, 07:05 CST", as markup: a <time> element whose
 * datetime keeps the UTC moment. Text that is not such a moment is shown
 * as it is, escaped. */
void web_time(Req *r, const char *utc);
/* The day of such a moment, as text: "1 de julio de 2024" / "1 July 2024". */
const char *web_day(Req *r, const char *utc);
void csrf_field(Req *r);
bool is_staff(const Req *r);                               /* coordinador or administrador */
bool has_role(const Req *r, Role role);
const char *status_label(const char *status);
const char *edition_state_label(const char *state);
/* ---- which edition a reader sees (pages_public.c; issue 10, fault 5) ----
 * An INTERNAL reader (staff; on the action list, anyone logged in) sees the
 * working edition NAME; everybody else its latest published revision, so
 * corrections stay internal until the next publication. False when the
 * reader may not see NAME. */
bool edition_for_reader(Req *r, const char *name, bool internal, Edition *out);
/* Whether the public sees E: published now, or with a revision published. */
bool edition_is_public(const Edition *e);
/* E's state as a sentence, with its revision ("Publicada (revisión 2, …)"). */
const char *edition_status_text(Req *r, const Edition *e);
/* The catalogs as pages show them. The administrator edits them while the
 * server runs, so each server thread keeps its own copy, loaded from its
 * own connection and replaced only between requests, when the catalog
 * version in the database has moved: a request reads one copy for its
 * whole life, and no thread ever reads a copy that another frees. */
typedef struct Catalogs {
    Arena a;
    CatList c[WC__COUNT];
    /* The same catalogs as the action validator matches names against
     * (core/action.h); a Matcher caches what it found, so it is per thread too. */
    Matcher inst, atype, pop, cat, prin;
    ActionCatalogs ac;
    int64_t version;
    struct Catalogs *next;        /* every thread's copy, freed at exit */
} Catalogs;
bool web_catalogs_load(Store *st);          /* this thread's copy, read now */
/* issue 16 (pages_catalog.c): a word of the database's country pack in the
 * language of the messages, "" when the pack has none; CAPITAL puts its
 * first letter in upper case. */
enum { WP_COUNTRY, WP_UNIT, WP_UNITS };
const char *web_pack_word(Req *r, int which, bool capital);
bool web_catalogs_sync(Store *st);          /* before each request: reload if stale */
void web_catalogs_stale(void);              /* the database moved: compare versions */
void web_catalogs_changed(void);            /* this process wrote a catalog */
void web_catalogs_free(void);               /* every copy; once the threads stopped */
const CatList *cat_list(WebCatalog w);
const CatEntry *cat_by_id(WebCatalog w, int64_t id);
const CatEntry *cat_by_code(WebCatalog w, const char *code);
/* This thread's catalogs for action_parse (NULL before the first load). */
const ActionCatalogs *action_catalogs(void);

/* ---- a form's errors, each shown beside its field (layout.c) ----
 * The first message given for a field is the one shown. */
#define FIELD_ERRORS_MAX 32
typedef struct {
    const char *field[FIELD_ERRORS_MAX];
    const char *msg[FIELD_ERRORS_MAX];
    int n;
} FieldErrors;
void form_error(FieldErrors *fe, const char *field, const char *msg);
const char *error_for(const FieldErrors *fe, const char *field);
/* The message beside a field, and the attributes that tie the field to it. */
void field_error(Req *r, const FieldErrors *fe, const char *field);
/* Appends the attributes that tie FIELD's input to its message, when it has one. */
void invalid_attrs(Str *o, const FieldErrors *fe, const char *field);

/* ---- auth (auth.c) ---- */
void auth_hash_token(const char *token, char out[65]);
void auth_random_hex(char out[65]);
void auth_load_session(Req *r);
bool auth_check_csrf(Req *r);
const char *auth_csrf_for_form(Req *r);
bool auth_password_hash(const char *password, char *out, size_t cap);
bool auth_password_ok(const char *hash, const char *password);
/* A hash of a random password, to spend the same time on unknown names. */
const char *auth_dummy_hash(void);
/* Issue 11 (CAMP2): whether USER's password may not be tried now from R's
 * address (too many failures lately: store_login_record counts them); when
 * true, Retry-After is set and the caller answers 429. */
bool auth_throttled(Req *r, const char *user, int64_t now);
/* ---- accounts a person can live with (issue 11) ---- */
void auth_refuse_token(Req *r);              /* 401, JSON, WWW-Authenticate: Bearer */
/* To the login page, which returns to this page (path and query) after. */
void auth_login_redirect(Req *r);
/* NEXT when it is a local path to return to after login ("/x", never
 * "//host", "/\\host", a scheme or a control character); NULL otherwise. */
const char *auth_safe_next(const char *next);
/* A form posted without a live session: the login form, carrying the
 * posted fields (pages_admin.c). After the login, web_restore_form shows
 * the form again, filled, for review. */
void page_login_keep(Req *r);
/* Says, on a restored form, that nothing was saved yet (empty otherwise). */
void review_notice(Req *r);

/* ---- pages ---- */
void page_home(Req *r);
void page_dashboard(Req *r);
/* issue 14 (pages_map.c): the dashboard's section with the map of the subnational units of E */
void dashboard_map(Req *r, const Edition *e);
void page_objectives(Req *r);
void page_glossary(Req *r);
void page_principles(Req *r);          /* issue 13: the guiding principles */
/* ---- the voluntary GCM review (pages_review.c, issue 13, R13) ---- */
#include "render/doc.h"
void page_reviews(Req *r);          /* GET /admin/examenes */
void page_review_new(Req *r);       /* POST /admin/examenes */
void page_review(Req *r);           /* GET /admin/examenes/N */
void page_review_save(Req *r);      /* POST /admin/examenes/N */
void page_review_draft(Req *r);     /* GET /admin/examenes/N/borrador.html|pdf|docx */
/* D as a PDF (PDF true) or a DOCX into OUT (downloads.c). */
bool web_doc_file(Doc *d, bool pdf, Str *out);

/* ---- good practices (pages_practices.c, issue 13) ---- */
void practice_box(Req *r, const Action *d);     /* on the action page */
void page_action_practice(Req *r);              /* POST /acciones/N/buena-practica */
void page_practices(Req *r);                    /* GET /buenas-practicas */
void page_editions(Req *r);
void page_downloads(Req *r);
void page_downloads_of(Req *r);          /* GET /descargas/E: one edition's downloads (F14B) */
void page_download(Req *r);
void page_download_revision(Req *r);                      /* /descargas/E/rN/F (issue 10) */
void page_download_revision_folder(Req *r);   /* /descargas/E/rN/: to its part of /descargas/E */
void page_data_dictionary(Req *r);                         /* /descargas/diccionario (issue 14) */
void page_actions(Req *r);
void page_action(Req *r);
void page_action_new(Req *r);
void page_action_edit(Req *r);
void page_action_submit(Req *r);
void page_action_validate(Req *r);
void page_action_return(Req *r);
void page_action_feature(Req *r);   /* issue 12: «destacada» for the Informe */
void page_action_withdraw(Req *r);                         /* issue 11 (CAMPAIGN) */
void page_action_delete(Req *r);
void page_login(Req *r);
void page_login_post(Req *r);
void page_logout(Req *r);
void page_panel(Req *r);
void page_admin(Req *r);
void page_admin_edition(Req *r);
void page_admin_user_add(Req *r);
void page_admin_user_disable(Req *r);
void page_admin_user_enable(Req *r);
void page_admin_user_revoke(Req *r);
/* The administrador may go on; the public is sent to log in (GET), other
 * roles get 403 (pages_admin.c). */
bool require_admin(Req *r);
/* issue 11, e-mail (pages_mail.c) */
void page_outbox(Req *r);                   /* GET /admin/correo */
void page_outbox_retry(Req *r);             /* POST /admin/correo/ID/reintentar */
void page_admin_user_email(Req *r);         /* POST /admin/usuarios/U/correo */
void page_forgot(Req *r);                   /* GET and POST /contrasena/olvido */
void page_reset(Req *r);                    /* GET and POST /contrasena/nueva?t=TOKEN */
void page_password(Req *r);                 /* GET and POST /cuenta/contrasena */
void page_catalogs(Req *r);                 /* pages_catalog.c */
void page_catalog(Req *r);
void page_catalog_new(Req *r);
void page_catalog_entry(Req *r);
void page_catalog_delete(Req *r);
void page_asset(Req *r);
/* ---- the campaign (pages_campaign.c, issue 11) ---- */
void page_admin_edition_new(Req *r);
void page_admin_edition_campaign(Req *r);
void page_template(Req *r);
void page_template_upload(Req *r);
void page_board(Req *r);
void api_progress(Req *r);
/* The administrador's forms for editions' period and deadline, on /admin. */
void campaign_admin_forms(Req *r, const Edition *eds, int n);
/* PATH?ARGS&pagina=PAGE: the list's URL arguments but «pagina» (and
 * empty ones), kept
 * percent-encoded and joined by AMP ("&", or "&amp;" in HTML), in R's
 * arena (pages_actions.c; the page's and the API's paging links). */
const char *list_page_url(Req *r, const char *path, int page, const char *amp);
void api_editions(Req *r);
void api_actions(Req *r);
void api_action(Req *r);
void api_figures(Req *r);
void api_action_create(Req *r);
void api_action_update(Req *r);
void api_action_submit(Req *r);
void api_not_found(Req *r);
/* ---- editions over time (pages_trend.c, issue 13) ---- */
struct Trend;
void api_trend(Req *r);                     /* GET /api/v1/trend?ediciones=E1,E2 */
void page_trends(Req *r);                   /* GET /tendencias */
/* The editions the reader sees, as they see them, ordered by period (in r->a). */
int trend_reader_editions(Req *r, Edition **out);
/* The edition before E among those, as the reader sees it; false if none. */
bool trend_previous(Req *r, const Edition *e, Edition *prev);
/* The trend of LIST ("E1,E2,...", NULL: every edition the reader sees)
 * into T (trend_free it); false after answering 400, 404 or 500. */
bool trend_for_reader(Req *r, const char *list, struct Trend *t);
/* The dashboard's change column and the Informe's comparison: the edition
 * before E as the reader sees it and its figures (*FOUND false: none; the
 * result false: the store failed); the column's header; one cell. */
bool trend_previous_figures(Req *r, const Edition *e, Edition *prev, Figures *f, bool *found);
void trend_change_head(Req *r, const Edition *prev);
void trend_change_cell(Req *r, long now, long before, const Edition *prev);
/* What a link from a count of validated actions adds to /acciones?edicion=E
 * so that its list is exactly the actions counted: "&situacion=validada"
 * for a reader whose list shows drafts too (anyone logged in), "" for the
 * public (issue 13, hostile fault 4). */
const char *figure_scope(const Req *r);
/* Continuing programs (pages_trend.c): on /acciones/nueva, ?continua=ID
 * (GET) prefills N from action ID and the form's hidden «continua» (POST)
 * sets N->continues_id, when the person may continue it into the edition
 * after its own, one of OPEN; false after answering. The form's hidden
 * field and notice (on an edit form, the link the action has and the box
 * «quitar_continua» that removes it: issue 13, F1316). The link, written inside action_write's transaction
 * once N is created. The links of action D on its page, both ways, and
 * the button that starts its continuation. */
bool continuation_start(Req *r, Action *n, const Edition *open, int nopen);
void continuation_field(Req *r, const Action *n);
void continuation_box(Req *r, const Action *d, const Edition *open, int nopen);

/* Filters of the action list, read from the URL, for EDITION (NULL: the
 * latest the viewer may see) (shared by the page and
 * the API); also decides what the viewer may see. Returns false (and has
 * answered) when the edition is unknown or hidden. */
bool actions_filter(Req *r, const char *edition, ActionFilter *f, Edition *ed);
/* The viewer may read this action. */
bool action_visible(const Req *r, const Action *d);

/* ---- writes of an action (pages_actions.c), shared by the form and the
 * API: each runs every check (role, owner, state, edition frozen,
 * version) and the write with its audit record in one transaction. */
typedef enum {
    WR_OK, WR_GONE, WR_FORBIDDEN, WR_STATE, WR_FROZEN, WR_STALE, WR_ERROR,
    WR_BUSY,        /* another process holds the database past the busy timeout: 503, try again */
    WR_FOLIO,       /* another action of the edition has the folio: 422, beside the folio */
    WR_INCOMPLETE,               /* issue 11: submitted with fields missing (*WHY names them) */
} WriteResult;
/* Creates D (D->id 0, in D->edition_id) or saves it over the stored
 * action while that is still at D->version; the state is never written
 * here. WHAT names the change in the audit log. On WR_FROZEN, *WHY is the
 * edition's sentence. The folio is checked inside the same transaction
 * (WR_FOLIO). A save that changes nothing writes nothing: the version
 * stays and the audit log records no change. */
WriteResult action_write(Req *r, Action *d, const char *what, const char **why);
/* Whether the viewer may edit action ID now (it exists and is visible, the
 * viewer's role and institution may edit it, its edition takes changes):
 * action_write's own checks, read before a request's body is, so that a
 * PUT on an action that is not there or not the viewer's is a 404 or 403,
 * not a 422 about its body (issue 13, H13R4). action_write checks again in
 * its transaction. */
WriteResult action_edit_allowed(Req *r, int64_t id, const char **why);
/* issue 13: links new action N as continuing N->continues_id (pages_trend.c);
 * inside action_write's transaction. */
WriteResult continuation_link(Req *r, const Action *n, const char **why);
/* issue 13 (F13): WR_INCOMPLETE, *WHY naming the link, when a link of
 * action ID joins it to another institution's action (pages_trend.c);
 * inside action_write's transaction. */
WriteResult continuation_crossing(Req *r, int64_t id, const char **why);
/* Takes STEP (not STEP_EDIT) on action ID: only from the states the
 * workflow allows, and when VERSION > 0 only while the action is at it. */
WriteResult action_step(Req *r, WorkflowStep step, int64_t id, int64_t version, const char *comment,
                        const char **why);
/* The HTTP status of RES; a busy database also gets Retry-After. */
int write_status(Req *r, WriteResult res);
const char *write_message(WriteResult res, const char *why);  /* for the person */
/* A folio the person left empty (form, API) is made up by the store when
 * it writes (store_action_save); the validator, which requires one, is
 * given this stand-in meanwhile. */
#define FOLIO_TO_ASSIGN "WEB"

/* ---- server (server.c) ---- */
int web_serve(const WebConfig *cfg);
/* Answers R (method, path, query, body, headers set; R->st open) into
 * r->status, r->out and r->hdrs: route, session, CSRF, page. Everything
 * the server does for a request except the connection and the cache;
 * the router's fuzz target calls it without libmicrohttpd. */
void web_dispatch(Req *r);
/* Renders the restorable form page at PATH (a route marked R_RESTORE)
 * from r->form with r->review set, so that it writes nothing; false when
 * PATH is no such page. */
bool web_restore_form(Req *r, const char *path);

/* ---- memory under a limit (memory.c, issue 15 F15) ----
 * web_memory_prepare before the server's threads start, web_memory_start
 * once they run. web_heavy_begin admits a request that may take about MIB
 * MiB, or answers it 503 (no memory now, Retry-After) and returns false;
 * web_heavy_end (the server calls it after every request) gives it back.
 * web_memory_refusal answers 503 when CODE (a store_failure) is SQLite's
 * out of memory, and says whether it did. */
void web_memory_prepare(void);
/* How many rendering workers (server.c, render_off) the server may keep
 * beside libmicrohttpd's THREADS: fewer under a memory limit. */
int web_memory_render_workers(int threads);
void web_memory_start(size_t cache_bytes);
/* F15B: the MiB a rendering of download FILE of an edition of ACTIONS
 * actions takes at its peak (measured; WEB_HEAVY_PAGE_MIB for a file
 * that renders no actions). web_heavy_begin refuses a request of more
 * than the whole budget for good: 503 without Retry-After, saying why. */
int web_render_mib(const char *file, long actions);
bool web_heavy_begin(Req *r, int mib);
void web_heavy_end(Req *r);
bool web_memory_refusal(Req *r, int code);
/* Copies into OUT the bytes of the published file NAME (downloads.c's
 * cache name) kept by the response cache under another address; false
 * when none is (server.c, issue 15 round 5, F2). */
bool web_cache_copy(const char *name, Str *out);
/* One rendering per page or file (server.c, s12 d15x): NAME claimed for
 * R (CLAIM_MINE: it renders, then web_unclaim); else another holds it:
 * R parked, on a worker (r->park: its page returns at once without an
 * answer, and is run again at the release), or R waited for the release
 * on its thread, up to --request-timeout (it looks again, or claims). */
typedef enum { CLAIM_MINE, CLAIM_PARKED, CLAIM_WAITED } ClaimResult;
ClaimResult web_claim(Req *r, const char *name);
void web_unclaim(const char *name);
/* Releases the claim on the file rendered in memory for R (downloads.c),
 * once its answer is kept: the server calls it after every answer. */
void web_download_kept(Req *r);
/* F15B: r->out (soft) could not grow: says so in the log and answers
 * 503 (no memory now, Retry-After) instead. */
void web_memory_short(Req *r);

#endif
