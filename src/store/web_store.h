#ifndef PMM_WEB_STORE_H
#define PMM_WEB_STORE_H
/*
 * What the web platform keeps beyond the domain model: accounts and their
 * sessions, login attempts, API tokens, the audit log, and the queries
 * behind the pages (filtered, full-text searched listing of actions, one
 * action in full, its edits and state changes).
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/action.h"
#include "core/workflow.h"
#include "store/account_store.h"
#include "store/store.h"
#include "util/arena.h"

/* ---- accounts ---- */
typedef struct {
    int64_t id;
    char username[64];
    char display_name[128];
    Role role;
    int64_t institution_id;      /* 0 unless enlace */
    char institution[64];        /* its acronym */
    bool disabled;
} WebUser;

bool store_user_add(Store *st, const char *username, const char *display_name,
                    Role role, int64_t institution_id, const char *hash);
/* Finds USERNAME, compared by its key (account_store.h: case and spaces
 * do not count); HASH (HASHCAP bytes) receives the password hash. */
bool store_user_find(Store *st, const char *username, WebUser *u, char *hash, size_t hashcap);
/* Also ends every session of the account and revokes its API tokens
 * (store_user_set_password_keep keeps the session that asked). */
bool store_user_set_password(Store *st, const char *username, const char *hash);
bool store_user_set_disabled(Store *st, const char *username, bool disabled);
typedef void (*UserFn)(void *ctx, const WebUser *u);
bool store_user_list(Store *st, UserFn fn, void *ctx);

/* ---- sessions and login attempts (times are Unix seconds) ---- */
bool store_session_create(Store *st, const char *token_hash, int64_t user_id,
                          const char *csrf, int64_t expires);
/* The live session's user (not disabled) and its CSRF token (65 bytes). */
bool store_session_find(Store *st, const char *token_hash, int64_t now, WebUser *u, char *csrf);
bool store_session_delete(Store *st, const char *token_hash);
bool store_login_record(Store *st, const char *username, const char *ip, bool ok, int64_t now);
/* Failed attempts since SINCE from IP: for USERNAME (by its key), and for any account. */
void store_login_failures(Store *st, const char *username, const char *ip, int64_t since,
                          int *by_pair, int *by_ip);

/* A token valid until EXPIRES_AT (Unix seconds); find: a live one, of an
 * enabled account, noting when it was used (account_store.h lists and revokes). */
bool store_api_token_add(Store *st, const char *token_hash, int64_t user_id, const char *label,
                         int64_t expires_at);
bool store_api_token_find(Store *st, const char *token_hash, int64_t now, WebUser *u);

/* ---- editions ---- */
bool store_edition_by_id(Store *st, int64_t id, Edition *out);

/* ---- catalogs, as pickers and filters show them ---- */
typedef struct {
    int64_t id;
    const char *code;            /* acronym, code, or number as text */
    const char *name;
    const char *extra;           /* reporter type, definition, English title */
    /* issue 13 round 2 (F13, fault 14): a guiding principle's English name
     * and description (NULL for the other catalogs) */
    const char *name_en, *extra_en;
} CatEntry;
typedef struct {
    CatEntry *v;
    int n;
} CatList;
typedef enum {
    WC_OBJECTIVE, WC_REPORTER_TYPE, WC_INSTITUTION, WC_STATE, WC_ACTION_TYPE,
    WC_POPULATION, WC_CATEGORY, WC_PRINCIPLE, WC__COUNT
} WebCatalog;
bool store_web_catalog(Store *st, WebCatalog which, Arena *a, CatList *out);

/* ---- actions ---- */
typedef struct {
    int64_t edition_id;
    const char *q;               /* words to search, any form; NULL for none */
    int objective;               /* 0 = any */
    const char *reporter_type;
    int64_t institution_id;
    const char *state_code;      /* entidad federativa of the institution */
    int64_t action_type_id;
    int64_t population_id;
    int gender;                  /* -2 any, 1, 0, -1 = not stated */
    int disability;              /* likewise */
    const int64_t *categories;   /* a challenge of any of these categories (F13C); */
    int ncategories;             /* 0: any */
    bool uncategorized;          /* a challenge with no category */
    bool no_challenges;          /* issue 13 round 2 (F13): reported no challenge (retos=ninguno) */
    int principle;               /* issue 13: tagged with this guiding principle; 0 = any; -1: with
                                  * at least one (F13) */
    int roundtable;              /* issue 13: an objective of this IMRF roundtable; 0 = any */
    const char *status;          /* NULL = any the viewer may see */
    /* visibility: validated only, or also everything of one institution */
    bool validated_only;
    int64_t also_institution;
    int limit, offset;
} ActionFilter;

typedef struct {
    int64_t id;
    const char *folio, *name, *status, *institution, *institution_name, *reporter_type;
    const char *objectives;      /* "7;15" */
    const char *updated_at;
} ActionSummary;

/* Brings the full-text index up to date with the actions written since
 * (imports, edits): one bulk statement, in its own transaction. */
bool store_fts_sync(Store *st);
bool store_action_search(Store *st, const ActionFilter *f, Arena *a,
                         ActionSummary **out, int *n, long *total);

/* Action ID in full (core/action.h): every challenge, its objectives with
 * the principal first (the others by number), and its version. Arrays live in A. */
bool store_action_get(Store *st, int64_t id, Arena *a, Action *out);

/* Writes D with its links and challenges, inside the caller's transaction.
 * New when D->id is 0: a folio is made up if D has none, the state is
 * D->status. An existing action is written only while its stored version
 * is still D->version; otherwise nothing is written and *STALE is set. An
 * edit never writes the state: that moves only by store_action_set_status.
 * Every write bumps the version (D->version is then the new one). */
bool store_action_save(Store *st, Action *d, bool *stale);
/* Moves action ID to state TO, with the reviewer's COMMENT, only while its
 * state is one of FROM (bits 1u << ActionStatus, core/workflow.h) and, if
 * VERSION > 0, its version is VERSION: *CHANGED tells whether it moved.
 * Bumps the version. Inside the caller's transaction. */
bool store_action_set_status(Store *st, int64_t id, unsigned from, ActionStatus to,
                             const char *comment, int64_t version, bool *changed);
bool store_folio_taken(Store *st, int64_t edition_id, const char *folio, int64_t except_id);
/* Why the last statement of ST failed, read before the rollback that
 * would reset it (issue 10, web faults 3 and 4): another process holds
 * the database past the busy timeout, or a UNIQUE constraint (a folio
 * taken by a writer that is not this process). */
typedef enum { STORE_FAIL_OTHER, STORE_FAIL_BUSY, STORE_FAIL_UNIQUE } StoreFailure;
StoreFailure store_last_failure(Store *st);
/* Whether a transaction of this request met another process's lock
 * (store_begin and store_commit note it, and it outlasts their rollback,
 * e.g. inside an import); a server's connection outlives a request, so
 * each request starts with store_write_error_clear (issue 10, hostile
 * fault 5). */
bool store_write_busy(Store *st);
void store_write_error_clear(Store *st);

/* ---- audit log ---- */
bool store_audit_add(Store *st, int64_t user_id, int64_t action_id, const char *what,
                     const char *before, const char *after);
typedef struct {
    const char *at, *username, *what, *before, *after;
} AuditEntry;
typedef void (*AuditFn)(void *ctx, const AuditEntry *e);
bool store_audit_list(Store *st, int64_t action_id, AuditFn fn, void *ctx);

/* ---- which revision a public action belongs to (issue 10, web fault 5) ----
 * An action of a published revision's snapshot (a public link
 * /acciones/ID): the revision it is of, the edition's newest, and the same
 * action (institution and folio) in the newest (0: not there). */
typedef struct {
    int revision;            /* 0: the action is not of a snapshot */
    int latest;
    int64_t latest_id;
    char edition[64];        /* the edition's own name */
} ActionRevision;
bool store_action_revision(Store *st, int64_t action_id, ActionRevision *out);

/* Changes since this connection last asked: true when another connection
 * committed something (PRAGMA data_version moved). */
bool store_changed(Store *st, int64_t *last);

#endif
