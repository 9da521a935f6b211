/* Accounts, sessions, the audit log and the action queries of the web
 * platform. Statements here are prepared per call (these are not the hot
 * path: the pages that are hot are cached by the server). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "store/account_store.h"
#include "store/fts_store.h"    /* issue 15 (S15): the rows waiting for the index */
#include "store/store_internal.h"
#include "store/web_store.h"
#include "store/mail_store.h"   /* issue 11: the outbox */
#include "store/trend_store.h"  /* issue 13 (F13): store_continues_folio */
#include "util/str.h"
#include "util/text.h"



static void copy(char *dst, size_t cap, const char *src) { snprintf(dst, cap, "%s", src); }

/* ---- accounts ---- */

#define USER_COLS "u.id, u.username, u.display_name, u.role, coalesce(u.institution_id, 0)," \
                  " coalesce(i.acronym, ''), u.disabled"
#define USER_FROM " FROM account u LEFT JOIN institution i ON i.id = u.institution_id"

static void user_from_row(WebUser *u, sqlite3_stmt *s) {
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(s, 0);
    copy(u->username, sizeof u->username, store_col_text(s, 1));
    copy(u->display_name, sizeof u->display_name, store_col_text(s, 2));
    /* The table's CHECK allows only the three names; an unknown one (a
     * newer pmm's) gets the least power. */
    if (!role_parse(store_col_text(s, 3), &u->role)) u->role = ROLE__COUNT;
    u->institution_id = sqlite3_column_int64(s, 4);
    copy(u->institution, sizeof u->institution, store_col_text(s, 5));
    u->disabled = sqlite3_column_int(s, 6) != 0;
}

bool store_user_add(Store *st, const char *username, const char *display_name,
                    Role role, int64_t institution_id, const char *hash) {
    /* A name is kept as written but for the spaces around it, and found by
     * its key (account_store.h, issue 11); a blank one has no key. */
    if (!account_name_ok(username)) return false;
    char name[256];
    snprintf(name, sizeof name, "%s", username);
    if (strlen(username) >= sizeof name) return false;
    text_trim(name);
    sqlite3_stmt *s = store_prepare(st, "web", "INSERT INTO account(username, display_name, role, institution_id,"
                               " password_hash, username_key) VALUES (?1, ?2, ?3, ?4, ?5, pmm_user_key(?1))");
    if (!s) return false;
    store_bind_text(s, 1, name);
    store_bind_text(s, 2, display_name ? display_name : "");
    store_bind_text(s, 3, role_name(role));
    if (institution_id > 0) sqlite3_bind_int64(s, 4, institution_id);
    store_bind_text(s, 5, hash);
    return store_run_once(s);
}

bool store_user_find(Store *st, const char *username, WebUser *u, char *hash, size_t hashcap) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT " USER_COLS ", u.password_hash" USER_FROM
                               " WHERE u.username_key = pmm_user_key(?1)");
    if (!s) return false;
    store_bind_text(s, 1, username);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        user_from_row(u, s);
        if (hash) copy(hash, hashcap, store_col_text(s, 7));
    }
    sqlite3_finalize(s);
    return found;
}

static bool user_update(Store *st, const char *sql, const char *username, const char *v, int iv) {
    sqlite3_stmt *s = store_prepare(st, "web", sql);
    if (!s) return false;
    store_bind_text(s, 1, username);
    if (v) store_bind_text(s, 2, v);
    else sqlite3_bind_int(s, 2, iv);
    bool ok = store_run_once(s);
    return ok && sqlite3_changes(st->db) == 1;
}

/* Ends the account's sessions and revokes its tokens too (account_store.h). */
bool store_user_set_password(Store *st, const char *username, const char *hash) {
    return store_user_set_password_keep(st, username, hash, NULL);
}

static bool set_disabled_steps(Store *st, const char *username, bool disabled) {
    if (!user_update(st, "UPDATE account SET disabled = ?2 WHERE username_key = pmm_user_key(?1)",
                     username, NULL, disabled))
        return false;
    if (!disabled) return true;
    /* A disabled account is out at once: its sessions, its tokens, its
     * unused reset links and its unsent mail go, so that enabling it again gives back none of
     * them (a link mailed before would still set a password). */
    static const char *const out[] = {
        "DELETE FROM session WHERE user_id = (SELECT id FROM account WHERE username_key = pmm_user_key(?1))",
        "DELETE FROM api_token WHERE user_id = (SELECT id FROM account WHERE username_key = pmm_user_key(?1))",
        "UPDATE password_reset SET used_at = unixepoch() WHERE used_at IS NULL AND user_id = (SELECT id FROM account WHERE username_key = pmm_user_key(?1))",
        /* and its unsent mail (a return's comment, a reset link): a disabled person reads no more */
        "DELETE FROM outbox WHERE sent_at IS NULL AND to_addr = (SELECT email FROM account WHERE username_key = pmm_user_key(?1)) AND NOT EXISTS (SELECT 1 FROM account o WHERE o.email = outbox.to_addr AND o.disabled = 0)",
    };
    for (size_t i = 0; i < sizeof out / sizeof *out; i++) {
        sqlite3_stmt *s = store_prepare(st, "web", out[i]);
        if (!s) return false;
        store_bind_text(s, 1, username);
        if (!store_run_once(s)) return false;
    }
    return true;
}

/* One transaction (g15c's finding): another writer between the UPDATE
 * and the DELETEs could leave an account disabled with its sessions or
 * tokens still there. Inside the caller's transaction when it has one. */
bool store_user_set_disabled(Store *st, const char *username, bool disabled) {
    bool own;
    if (!store_atomic_begin(st, &own)) return false;
    return store_atomic_end(st, own, set_disabled_steps(st, username, disabled));
}

bool store_user_list(Store *st, UserFn fn, void *ctx) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT " USER_COLS USER_FROM " ORDER BY u.username");
    if (!s) return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        WebUser u;
        user_from_row(&u, s);
        fn(ctx, &u);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* ---- sessions ---- */

bool store_session_create(Store *st, const char *token_hash, int64_t user_id,
                          const char *csrf, int64_t expires) {
    sqlite3_stmt *s = store_prepare(st, "web", "INSERT INTO session(token_hash, user_id, csrf, expires)"
                               " VALUES (?1, ?2, ?3, ?4)");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, user_id);
    store_bind_text(s, 3, csrf);
    sqlite3_bind_int64(s, 4, expires);
    return store_run_once(s);
}

bool store_session_find(Store *st, const char *token_hash, int64_t now, WebUser *u, char *csrf) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT " USER_COLS ", x.csrf FROM session x"
                               " JOIN account u ON u.id = x.user_id"
                               " LEFT JOIN institution i ON i.id = u.institution_id"
                               " WHERE x.token_hash = ?1 AND x.expires > ?2 AND u.disabled = 0");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        user_from_row(u, s);
        copy(csrf, 65, store_col_text(s, 7));
    }
    sqlite3_finalize(s);
    return found;
}

/* A write like any other (issue 15, h15a, N4): in a transaction of its
 * own, so that it queues with the other writes and a failure (a full
 * disk) is told as a write's, not as «no se pudo leer». */
bool store_session_delete(Store *st, const char *token_hash) {
    if (!store_begin(st)) return false;
    sqlite3_stmt *s = store_prepare(st, "web", "DELETE FROM session WHERE token_hash = ?1");
    if (s) store_bind_text(s, 1, token_hash);
    if (s && store_run_once(s)) return store_commit(st);
    store_rollback(st);
    return false;
}

/* In a transaction of its own so that it queues with the other writes
 * (store_begin's cap, issue 15) instead of each waiting on SQLite. */
static bool login_record(Store *st, const char *username, const char *ip, bool ok, int64_t now) {
    /* The account's key, so that "Coordinador " counts as coordinador (issue 11). */
    sqlite3_stmt *s = store_prepare(st, "web", "INSERT INTO login_attempt(username, ip, ok, at)"
                                               " VALUES (coalesce(pmm_user_key(?1), ?1), ?2, ?3, ?4)");
    if (!s) return false;
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, ip);
    sqlite3_bind_int(s, 3, ok);
    sqlite3_bind_int64(s, 4, now);
    if (!store_run_once(s)) return false;
    /* Old attempts say nothing any more. */
    s = store_prepare(st, "web", "DELETE FROM login_attempt WHERE at < ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, now - 86400);
    return store_run_once(s);
}

bool store_login_record(Store *st, const char *username, const char *ip, bool ok, int64_t now) {
    if (!store_begin(st)) return false;
    if (login_record(st, username, ip, ok, now)) return store_commit(st);
    store_rollback(st);
    return false;
}

void store_login_failures(Store *st, const char *username, const char *ip, int64_t since,
                          int *by_pair, int *by_ip) {
    *by_pair = *by_ip = 0;
    /* Both counts are of the address that asks: failures elsewhere never
     * count against it (issue 11). */
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT"
                               " (SELECT count(*) FROM login_attempt WHERE ok = 0 AND at >= ?3 AND ip = ?2"
                               "  AND username = coalesce(pmm_user_key(?1), ?1)),"
                               " (SELECT count(*) FROM login_attempt WHERE ok = 0 AND at >= ?3 AND ip = ?2)");
    if (!s) return;
    store_bind_text(s, 1, username);
    store_bind_text(s, 2, ip);
    sqlite3_bind_int64(s, 3, since);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *by_pair = sqlite3_column_int(s, 0);
        *by_ip = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
}

bool store_api_token_add(Store *st, const char *token_hash, int64_t user_id, const char *label,
                         int64_t expires_at) {
    sqlite3_stmt *s = store_prepare(st, "web", "INSERT INTO api_token(token_hash, user_id, label, expires_at)"
                                               " VALUES (?1, ?2, ?3, ?4)");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, user_id);
    store_bind_text(s, 3, label ? label : "");
    sqlite3_bind_int64(s, 4, expires_at);
    return store_run_once(s);
}

/* When a token was last used, to the minute: not a write per request.
 * Bookkeeping, so it never waits (issue 15, fault 12): when another
 * process holds the write lock, or the file cannot be written, it is
 * skipped at once and the request's read goes on, its failure untouched. */
static void api_token_touch(Store *st, const char *token_hash, int64_t now) {
    int failure = st->failure, write_error = st->write_error;
    bool nowait = st->nowait;
    st->nowait = true;
    sqlite3_stmt *s = store_prepare(st, "web", "UPDATE api_token SET last_used_at = ?2 WHERE token_hash = ?1"
                                               " AND (last_used_at IS NULL OR last_used_at < ?2 - 60)");
    if (s) {
        store_bind_text(s, 1, token_hash);
        sqlite3_bind_int64(s, 2, now);
        store_run_once(s);
    }
    st->nowait = nowait;
    st->failure = failure;
    st->write_error = write_error;
}

bool store_api_token_find(Store *st, const char *token_hash, int64_t now, WebUser *u) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT " USER_COLS " FROM api_token t JOIN account u ON u.id = t.user_id"
                               " LEFT JOIN institution i ON i.id = u.institution_id"
                               " WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND u.disabled = 0");
    if (!s) return false;
    store_bind_text(s, 1, token_hash);
    sqlite3_bind_int64(s, 2, now);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) user_from_row(u, s);
    sqlite3_finalize(s);
    if (found) api_token_touch(st, token_hash, now);
    return found;
}

/* ---- editions ---- */

bool store_edition_by_id(Store *st, int64_t id, Edition *out) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT name FROM edition WHERE id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    char name[64] = "";
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) copy(name, sizeof name, store_col_text(s, 0));
    sqlite3_finalize(s);
    return found && store_edition_find(st, name, out);
}

/* ---- catalogs ---- */

static const char *const catalog_sql[WC__COUNT] = {
    [WC_OBJECTIVE] = "SELECT n, n, title_es, title_en FROM objective ORDER BY n",
    [WC_REPORTER_TYPE] = "SELECT id, code, name_es, name_en FROM reporter_type ORDER BY ord",
    /* names in Spanish collation (issue 12, P12B: db.c's "es") */
    [WC_INSTITUTION] = "SELECT id, acronym, name, type FROM institution ORDER BY acronym COLLATE es",
    [WC_STATE] = "SELECT id, code, name, abbrev FROM state ORDER BY name COLLATE es",
    [WC_ACTION_TYPE] = "SELECT id, name, name, name_en FROM action_type ORDER BY ord",
    [WC_POPULATION] = "SELECT id, code, name, name_en FROM population ORDER BY ord",
    [WC_CATEGORY] = "SELECT id, name, name, definition FROM challenge_category ORDER BY ord",
    /* issue 13; in English too (F13) */
    [WC_PRINCIPLE] = "SELECT n, n, name_es, description_es, name_en, description_en FROM principle ORDER BY n",
};

bool store_web_catalog(Store *st, WebCatalog which, Arena *a, CatList *out) {
    out->n = 0;
    out->v = NULL;
    sqlite3_stmt *s = store_prepare(st, "web", catalog_sql[which]);
    if (!s) return false;
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? cap * 2 : 64;
            CatEntry *v = arena_alloc(a, sizeof *v * (size_t)cap);
            if (out->n) memcpy(v, out->v, sizeof *v * (size_t)out->n);
            out->v = v;
        }
        CatEntry *e = &out->v[out->n++];
        e->id = sqlite3_column_int64(s, 0);
        e->code = store_col_dup(a, s, 1);
        e->name = store_col_dup(a, s, 2);
        e->extra = store_col_dup(a, s, 3);
        bool en = sqlite3_column_count(s) > 5;
        e->name_en = en ? store_col_dup(a, s, 4) : NULL;
        e->extra_en = en ? store_col_dup(a, s, 5) : NULL;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* ---- the listing ---- */

/* Whether code point CP is part of a word: a letter, a digit or a mark
 * (an accent written apart). Everything else parts words, as FTS5's
 * unicode61 tokenizer does: ASCII punctuation and Spanish's own (¿ ¡ « »),
 * dashes (– —), quotes, no-break and thin spaces (issue 14). */
static bool word_char(utf8proc_int32_t cp) {
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

/* Turns what a person typed into an FTS5 query: every word must appear,
 * as a word or the start of one. Quoting each word keeps FTS5 syntax
 * (AND, NEAR, *, ", column filters) out of users' hands. NULL when Q has
 * no word. Bytes that are not UTF-8 part words too. */
static char *fts_query(Arena *a, const char *q) {
    Str out = STR_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)q;
    const utf8proc_uint8_t *w = NULL;           /* the word being read */
    for (;;) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = *p ? utf8proc_iterate(p, -1, &cp) : 0;
        bool in_word = n > 0 && word_char(cp);
        if (in_word && !w) w = p;
        if (!in_word && w) {
            if (out.len) str_putc(&out, ' ');
            str_putc(&out, '"');
            str_append(&out, (const char *)w, (size_t)(p - w));
            str_puts(&out, "\"*");
            w = NULL;
        }
        if (!*p) break;
        p += n > 0 ? n : 1;
    }
    char *r = out.len ? arena_strdup(a, out.p) : NULL;
    str_free(&out);
    return r;
}

typedef struct {
    int kind;                    /* 0 int, 1 text */
    int64_t i;
    const char *t;
} Bind;

typedef struct {
    Str where;
    Bind b[24];
    int nb;
    int q;                       /* the number of the search's parameter, 0: none */
    bool pending;                /* rows wait for the index (store_fts_pending) */
} Cond;

/* " AND SQL", its one '?' numbered as the next parameter ("?3"), so that
 * the ORDER BY of a search can name the search's parameter again. */
static void cond_sql(Cond *c, const char *sql) {
    str_puts(&c->where, " AND ");
    for (const char *p = sql; *p; p++) {
        str_putc(&c->where, *p);
        if (*p == '?') str_printf(&c->where, "%d", c->nb + 1);
    }
}

static void cond_int(Cond *c, const char *sql, int64_t v) {
    cond_sql(c, sql);
    c->b[c->nb++] = (Bind){0, v, NULL};
}

static void cond_text(Cond *c, const char *sql, const char *v) {
    cond_sql(c, sql);
    c->b[c->nb++] = (Bind){1, 0, v};
}

static void bind_all(sqlite3_stmt *s, const Cond *c) {
    for (int i = 0; i < c->nb; i++) {
        if (c->b[i].kind) store_bind_text(s, i + 1, c->b[i].t);
        else sqlite3_bind_int64(s, i + 1, c->b[i].i);
    }
}

static void yes_no_cond(Cond *c, const char *col, int v) {
    if (v == -2) return;
    if (v == -1) str_printf(&c->where, " AND a.%s IS NULL", col);
    else cond_int(c, col[0] == 'g' ? "a.gender_focus = ?" : "a.disability = ?", v);
}

/* IDS as one bound text «,3,7,12,», which instr() searches for «,ID,»:
 * a list of any length in one parameter (F13C). */
static const char *id_set(Arena *a, const int64_t *ids, int n) {
    Str t = STR_INIT;
    str_putc(&t, ',');
    for (int i = 0; i < n; i++) str_printf(&t, "%lld,", (long long)ids[i]);
    char *z = arena_strdup(a, t.p);
    str_free(&t);
    return z;
}

static void build_conditions(const ActionFilter *f, Arena *a, Cond *c) {
    cond_int(c, "a.edition_id = ?", f->edition_id);
    char *q = f->q ? fts_query(a, f->q) : NULL;
    if (q) {
        c->q = c->nb + 1;
        cond_text(c, arena_printf(a, "a.id IN (%s)", store_fts_ids(a, "?", c->pending)), q);
    }
    if (f->objective > 0)
        cond_int(c, "EXISTS (SELECT 1 FROM action_objective o WHERE o.action_id = a.id"
                    " AND o.objective = ?)", f->objective);
    /* a published revision's classification is the one it was published with (INST_AS_OF) */
    if (f->reporter_type) cond_text(c, INST_TYPE " = ?", f->reporter_type);
    if (f->institution_id > 0) cond_int(c, "a.institution_id = ?", f->institution_id);
    if (f->state_code) cond_text(c, INST_STATE " = ?", f->state_code);
    if (f->action_type_id > 0)
        cond_int(c, "EXISTS (SELECT 1 FROM action_action_type t WHERE t.action_id = a.id"
                    " AND t.action_type_id = ?)", f->action_type_id);
    if (f->population_id > 0) {
        /* As the figures count it: naming no population is "no aplica". */
        cond_int(c, "(EXISTS (SELECT 1 FROM action_population p WHERE p.action_id = a.id"
                    " AND p.population_id = ?)", f->population_id);
        /* the same parameter again */
        str_printf(&c->where, " OR ((SELECT code FROM population WHERE id = ?%d) = 'no_aplica'"
                              " AND NOT EXISTS (SELECT 1 FROM action_population p"
                              " WHERE p.action_id = a.id)))", c->nb);
    }
    yes_no_cond(c, "gender_focus", f->gender);
    yes_no_cond(c, "disability", f->disability);
    if (f->ncategories > 0)
        cond_text(c, "EXISTS (SELECT 1 FROM challenge h WHERE h.action_id = a.id"
                     " AND instr(?, ',' || h.category_id || ',') > 0)", id_set(a, f->categories, f->ncategories));
    if (f->uncategorized)
        str_puts(&c->where, " AND EXISTS (SELECT 1 FROM challenge h WHERE h.action_id = a.id"
                            " AND h.category_id IS NULL)");
    if (f->no_challenges)            /* the Informe's «no se reportó ningún reto» (F13) */
        str_puts(&c->where, " AND NOT EXISTS (SELECT 1 FROM challenge h WHERE h.action_id = a.id)");
    if (f->principle > 0)            /* issue 13, as the figures count them */
        cond_int(c, "EXISTS (SELECT 1 FROM action_principle p WHERE p.action_id = a.id"
                    " AND p.principle = ?)", f->principle);
    else if (f->principle == -1)     /* issue 13 (F13): tagged with any */
        str_puts(&c->where, " AND EXISTS (SELECT 1 FROM action_principle p WHERE p.action_id = a.id)");
    if (f->roundtable > 0)
        cond_int(c, "EXISTS (SELECT 1 FROM action_objective o JOIN objective j ON j.n = o.objective"
                    " WHERE o.action_id = a.id AND j.roundtable = ?)", f->roundtable);
    if (f->status) cond_text(c, "a.status = ?", f->status);
    if (f->validated_only && f->also_institution > 0)
        cond_int(c, "(a.status = 'validada' OR a.institution_id = ?)", f->also_institution);
    else if (f->validated_only)
        str_puts(&c->where, " AND a.status = 'validada'");
}

bool store_fts_sync(Store *st) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT EXISTS (SELECT 1 FROM action_fts_dirty)");
    if (!s) return false;
    bool dirty = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (!dirty) return true;
    bool in_tx = !sqlite3_get_autocommit(st->db);
    /* issue 15: the catch-up is a write done in passing by a read; when
     * another writer holds the lock (or the file is read-only), the
     * search answers from the index as committed, and catches up later. */
    if (!in_tx && !store_try_begin(st)) return true;
    bool ok = store_run_once(store_prepare(st, "web", "DELETE FROM action_fts WHERE rowid IN (SELECT id FROM action_fts_dirty)")) &&
              store_run_once(store_prepare(st, "web", "INSERT INTO action_fts"
                                                      ACTION_FTS_ROWS("a.id IN (SELECT id FROM action_fts_dirty)"))) &&
              store_run_once(store_prepare(st, "web", "DELETE FROM action_fts_dirty"));
    if (in_tx) return ok;
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    return true;                 /* a catch-up that failed is tried again by the next search */
}

bool store_action_search(Store *st, const ActionFilter *f, Arena *a,
                         ActionSummary **out, int *n, long *total) {
    Cond c = {STR_INIT, {{0}}, 0, 0, false};
    /* a connection that could not catch the index up searches the waiting rows too */
    if (f->q && (!store_fts_sync(st) || !store_fts_pending(st, &c.pending))) return false;
    build_conditions(f, a, &c);
    Str sql = STR_INIT;
    str_printf(&sql, "SELECT count(*) FROM action a JOIN institution i ON i.id = a.institution_id"
                     INST_AS_OF("a.edition_id") " WHERE 1%s", str_cstr(&c.where));
    sqlite3_stmt *s = store_prepare(st, "web", sql.p);
    bool ok = s != NULL;
    *total = 0;
    *n = 0;
    *out = NULL;
    if (ok) {
        bind_all(s, &c);
        ok = sqlite3_step(s) == SQLITE_ROW;
        if (ok) *total = (long)sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    str_clear(&sql);
    str_printf(&sql,
        "SELECT a.id, a.folio, a.name, a.status, " INST_ACRONYM ", " INST_NAME ", " INST_TYPE ","
        " (SELECT group_concat(objective, ';') FROM (SELECT objective FROM action_objective"
        "   WHERE action_id = a.id ORDER BY position)),"
        " a.updated_at"
        " FROM action a JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id") "%s"
        " WHERE 1%s ORDER BY %s a.id LIMIT %d OFFSET %d",
        c.q ? store_fts_relevance_join(a, c.q, c.pending) : "", str_cstr(&c.where), c.q ? "m.score," : "",
        f->limit > 0 ? f->limit : 50, f->offset > 0 ? f->offset : 0);
    if (ok && *total > 0 && (s = store_prepare(st, "web", sql.p))) {
        bind_all(s, &c);
        int cap = f->limit > 0 ? f->limit : 50;
        *out = arena_alloc(a, sizeof **out * (size_t)cap);
        int rc;
        while (*n < cap && (rc = sqlite3_step(s)) == SQLITE_ROW) {
            ActionSummary *r = &(*out)[(*n)++];
            r->id = sqlite3_column_int64(s, 0);
            r->folio = store_col_dup(a, s, 1);
            r->name = store_col_dup(a, s, 2);
            r->status = store_col_dup(a, s, 3);
            r->institution = store_col_dup(a, s, 4);
            r->institution_name = store_col_dup(a, s, 5);
            r->reporter_type = store_col_dup(a, s, 6);
            r->objectives = store_col_dup(a, s, 7);
            r->updated_at = store_col_dup(a, s, 8);
        }
        sqlite3_finalize(s);
    } else if (ok && *total > 0) {
        ok = false;
    }
    str_free(&sql);
    str_free(&c.where);
    return ok;
}

/* ---- one action ---- */

/* Room for one more element in *V (N used of *CAP, each SIZE bytes),
 * grown in A: no list of an action has a fixed cap. */
static void *grow(Arena *a, void *v, int n, int *cap, size_t size) {
    if (n < *cap) return v;
    *cap = *cap ? *cap * 2 : 8;
    void *w = arena_alloc(a, size * (size_t)*cap);
    if (n) memcpy(w, v, size * (size_t)n);
    return w;
}

/* The edition's name is its own also for an action of a published
 * revision's snapshot (named "2024@r1" inside, a page that does not
 * exist; issue 10, web fault 5). */
static bool action_row(Store *st, int64_t id, Arena *a, Action *d) {
    sqlite3_stmt *s = store_prepare(st, "web",
        "SELECT a.id, a.edition_id, a.institution_id,"
        " coalesce((SELECT o.name FROM edition o WHERE o.id = e.snapshot_of), e.name), e.state, a.folio, a.name,"
        " a.description, a.results, a.status, a.review_comment, " INST_ACRONYM ", " INST_NAME ", " INST_TYPE ","
        " r.name_es, coalesce(s.name, ''), coalesce(a.gender_focus, -1), coalesce(a.disability, -1),"
        " coalesce(a.beneficiaries, -1), a.created_at, a.updated_at, a.version"
        " FROM action a JOIN edition e ON e.id = a.edition_id"
        " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
        /* the type's name as the action's edition has it: a published
         * revision its own (issue 16, F1316: the live catalog's was read) */
        " JOIN " TYPES_AS_OF("(SELECT x.edition_id FROM action x WHERE x.id = ?1)") " r ON r.code = " INST_TYPE
        " LEFT JOIN " UNITS_AS_OF("(SELECT x.edition_id FROM action x WHERE x.id = ?1)")
        " s ON s.code = " INST_STATE " WHERE a.id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        d->id = sqlite3_column_int64(s, 0);
        d->edition_id = sqlite3_column_int64(s, 1);
        d->institution_id = sqlite3_column_int64(s, 2);
        d->edition = store_col_dup(a, s, 3);
        d->edition_state = store_col_dup(a, s, 4);
        d->folio = store_col_dup(a, s, 5);
        d->name = store_col_dup(a, s, 6);
        d->description = store_col_dup(a, s, 7);
        d->results = store_col_dup(a, s, 8);
        d->status = store_col_dup(a, s, 9);
        d->comment = store_col_dup(a, s, 10);
        d->institution = store_col_dup(a, s, 11);
        d->institution_name = store_col_dup(a, s, 12);
        d->reporter_type = store_col_dup(a, s, 13);
        d->reporter_type_name = store_col_dup(a, s, 14);
        d->state_name = store_col_dup(a, s, 15);
        d->gender_focus = sqlite3_column_int(s, 16);
        d->disability = sqlite3_column_int(s, 17);
        d->beneficiaries = sqlite3_column_int64(s, 18);
        d->created_at = store_col_dup(a, s, 19);
        d->updated_at = store_col_dup(a, s, 20);
        d->version = sqlite3_column_int64(s, 21);
    }
    sqlite3_finalize(s);
    return found;
}

static bool action_objectives(Store *st, int64_t id, Arena *a, Action *d) {
    /* In the order they were written, the principal first (migration 9) */
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT objective FROM action_objective WHERE action_id = ?1"
                                               " ORDER BY position");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->objectives = grow(a, d->objectives, d->nobj, &cap, sizeof *d->objectives);
        d->objectives[d->nobj++] = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

static bool action_types(Store *st, int64_t id, Arena *a, Action *d) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT t.id, t.name FROM action_action_type x JOIN action_type t"
                                               " ON t.id = x.action_type_id WHERE x.action_id = ?1 ORDER BY t.ord");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, cap2 = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->types = grow(a, d->types, d->ntypes, &cap, sizeof *d->types);
        d->type_names = grow(a, d->type_names, d->ntypes, &cap2, sizeof *d->type_names);
        d->types[d->ntypes] = sqlite3_column_int64(s, 0);
        d->type_names[d->ntypes++] = store_col_dup(a, s, 1);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

static bool action_pops(Store *st, int64_t id, Arena *a, Action *d) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT p.id, p.code, p.name FROM action_population x JOIN population p"
                                               " ON p.id = x.population_id WHERE x.action_id = ?1 ORDER BY p.ord");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, cap2 = 0, cap3 = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->pops = grow(a, d->pops, d->npops, &cap, sizeof *d->pops);
        d->pop_codes = grow(a, d->pop_codes, d->npops, &cap2, sizeof *d->pop_codes);
        d->pop_names = grow(a, d->pop_names, d->npops, &cap3, sizeof *d->pop_names);
        d->pops[d->npops] = sqlite3_column_int64(s, 0);
        d->pop_codes[d->npops] = store_col_dup(a, s, 1);
        d->pop_names[d->npops++] = store_col_dup(a, s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* issue 13: the guiding principles it serves, ascending */
static bool action_principles(Store *st, int64_t id, Arena *a, Action *d) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT principle FROM action_principle WHERE action_id = ?1"
                                               " ORDER BY principle");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->principles = grow(a, d->principles, d->nprin, &cap, sizeof *d->principles);
        d->principles[d->nprin++] = sqlite3_column_int(s, 0);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

static bool action_challenges(Store *st, int64_t id, Arena *a, Action *d) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT h.text, coalesce(h.category_id, 0), coalesce(c.name, '')"
                                               " FROM challenge h LEFT JOIN challenge_category c ON c.id = h.category_id"
                                               " WHERE h.action_id = ?1 ORDER BY h.id");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        d->challenges = grow(a, d->challenges, d->nchallenges, &cap, sizeof *d->challenges);
        Challenge *c = &d->challenges[d->nchallenges++];
        c->text = store_col_dup(a, s, 0);
        c->category_id = sqlite3_column_int64(s, 1);
        c->category = store_col_dup(a, s, 2);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

bool store_action_get(Store *st, int64_t id, Arena *a, Action *d) {
    memset(d, 0, sizeof *d);
    return action_row(st, id, a, d) && action_objectives(st, id, a, d) && action_types(st, id, a, d) &&
           action_pops(st, id, a, d) && action_principles(st, id, a, d) && action_challenges(st, id, a, d) &&
           store_continues_folio(st, id, a, &d->continues_folio, &d->continues_edition);      /* issue 13 (F13), trend_store.c */
}

bool store_folio_taken(Store *st, int64_t edition_id, const char *folio, int64_t except_id) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT 1 FROM action WHERE edition_id = ?1 AND folio_key = pmm_folio_key(?2) AND id <> ?3");
    if (!s) return true;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, folio);
    sqlite3_bind_int64(s, 3, except_id);
    bool taken = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return taken;
}

StoreFailure store_last_failure(Store *st) {
    int code = sqlite3_extended_errcode(st->db);
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) return STORE_FAIL_BUSY;
    if (store_failure(st) == SQLITE_BUSY) return STORE_FAIL_BUSY;   /* issue 15: the writer queue timed out */
    if (code == SQLITE_CONSTRAINT_UNIQUE) return STORE_FAIL_UNIQUE;
    return STORE_FAIL_OTHER;
}

bool store_write_busy(Store *st) {
    int code = st->write_error & 0xff;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

void store_write_error_clear(Store *st) { st->write_error = 0; }

static void bind_action(sqlite3_stmt *s, const Action *d) {
    store_bind_text(s, 2, d->folio);
    sqlite3_bind_int64(s, 3, d->institution_id);
    store_bind_text(s, 4, d->name);
    store_bind_text(s, 5, d->description ? d->description : "");
    store_bind_text(s, 6, d->results ? d->results : "");
    if (d->gender_focus >= 0) sqlite3_bind_int(s, 7, d->gender_focus);
    if (d->disability >= 0) sqlite3_bind_int(s, 8, d->disability);
    if (d->beneficiaries >= 0) sqlite3_bind_int64(s, 9, d->beneficiaries);
}

/* A folio for an action entered on the web without one: WEB-00001 ... */
static const char *new_folio(Store *st, int64_t edition_id, char *buf, size_t cap) {
    for (int64_t k = 1;; k++) {
        snprintf(buf, cap, "WEB-%05lld", (long long)k);
        if (!store_folio_taken(st, edition_id, buf, 0)) return buf;
    }
}

/* The row of D: inserted, or updated while its version is D->version. */
static bool write_row(Store *st, Action *d, bool *stale) {
    sqlite3_stmt *s;
    if (d->id == 0) {
        s = store_prepare(st, "web", "INSERT INTO action(edition_id, folio, institution_id, name, description,"
                                     " results, gender_focus, disability, beneficiaries, status, version, folio_key)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1, pmm_folio_key(?2))");
        if (!s) return false;
        sqlite3_bind_int64(s, 1, d->edition_id);
        store_bind_text(s, 10, d->status ? d->status : status_name(AS_BORRADOR));
    } else {
        s = store_prepare(st, "web", "UPDATE action SET folio = ?2, folio_key = pmm_folio_key(?2), institution_id = ?3, name = ?4,"
                                     " description = ?5, results = ?6, gender_focus = ?7, disability = ?8,"
                                     " beneficiaries = ?9, version = version + 1,"
                                     " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                                     " WHERE id = ?1 AND version = ?10");
        if (!s) return false;
        sqlite3_bind_int64(s, 1, d->id);
        sqlite3_bind_int64(s, 10, d->version);
    }
    bind_action(s, d);
    if (!store_run_once(s)) return false;
    if (d->id == 0) {
        d->id = sqlite3_last_insert_rowid(st->db);
        d->version = 1;
    } else if (sqlite3_changes(st->db) != 1) {
        *stale = true;
        return false;
    } else {
        d->version++;
    }
    return true;
}

bool store_action_save(Store *st, Action *d, bool *stale) {
    *stale = false;
    char folio[32];
    const char *given = d->folio;
    if (!d->folio || !*d->folio) d->folio = new_folio(st, d->edition_id, folio, sizeof folio);
    bool ok = write_row(st, d, stale);
    d->folio = given;               /* FOLIO is on this stack: the caller rereads */
    if (!ok) return false;
    if (!store_action_links(st, d->id, d) ||
        !store_challenges_clear(st, d->id))
        return false;
    for (int i = 0; i < d->nchallenges; i++)
        if (!store_challenge_add(st, d->id, d->challenges[i].text, d->challenges[i].category_id))
            return false;
    return true;
}

bool store_action_set_status(Store *st, int64_t id, unsigned from, ActionStatus to,
                             const char *comment, int64_t version, bool *changed) {
    *changed = false;
    /* FROM as up to AS__COUNT bound names; an unused slot is NULL, which
     * IN never matches. */
    sqlite3_stmt *s = store_prepare(st, "web", "UPDATE action SET status = ?2, review_comment = ?3,"
                                               " version = version + 1,"
                                               " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                                               " WHERE id = ?1 AND status IN (?4, ?5, ?6, ?7)"
                                               " AND (?8 = 0 OR version = ?8)");
    if (!s) return false;
    _Static_assert(AS__COUNT == 4, "one placeholder per state");
    sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, status_name(to));
    store_bind_text(s, 3, comment ? comment : "");
    for (int k = 0; k < AS__COUNT; k++)
        if (from & (1u << k)) store_bind_text(s, 4 + k, status_name((ActionStatus)k));
    sqlite3_bind_int64(s, 8, version > 0 ? version : 0);
    if (!store_run_once(s)) return false;
    *changed = sqlite3_changes(st->db) == 1;
    /* Issue 11 (MAIL): the mail of a return or a validation is queued in
     * this same transaction, so a refused or rolled back change sends none. */
    return !*changed || store_outbox_action_step(st, id, to, comment);
}

/* ---- audit ---- */

bool store_audit_add(Store *st, int64_t user_id, int64_t action_id, const char *what,
                     const char *before, const char *after) {
    sqlite3_stmt *s = store_prepare(st, "web", "INSERT INTO audit_log(user_id, action_id, what, before, after)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!s) return false;
    if (user_id > 0) sqlite3_bind_int64(s, 1, user_id);
    if (action_id > 0) sqlite3_bind_int64(s, 2, action_id);
    store_bind_text(s, 3, what);
    store_bind_text(s, 4, before);
    store_bind_text(s, 5, after);
    return store_run_once(s);
}

bool store_audit_list(Store *st, int64_t action_id, AuditFn fn, void *ctx) {
    sqlite3_stmt *s = store_prepare(st, "web", "SELECT l.at, coalesce(u.username, ''), l.what, coalesce(l.before, ''),"
                               " coalesce(l.after, '') FROM audit_log l"
                               " LEFT JOIN account u ON u.id = l.user_id"
                               " WHERE l.action_id = ?1 ORDER BY l.id");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        AuditEntry e = {store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2), store_col_text(s, 3), store_col_text(s, 4)};
        fn(ctx, &e);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

bool store_changed(Store *st, int64_t *last) {
    sqlite3_stmt *s = store_prepare(st, "web", "PRAGMA data_version");
    if (!s) return true;
    int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    bool changed = v != *last;
    *last = v;
    return changed;
}

/* ---- the revision of a snapshot's action (issue 10, web fault 5) ---- */

bool store_action_revision(Store *st, int64_t action_id, ActionRevision *out) {
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_prepare(st, "web",
        "SELECT r.n, e.name, l.n,"
        " (SELECT b.id FROM action b WHERE b.edition_id = l.snapshot_id"
        "  AND b.institution_id = a.institution_id AND b.folio = a.folio)"
        " FROM action a JOIN edition_revision r ON r.snapshot_id = a.edition_id"
        " JOIN edition e ON e.id = r.edition_id"
        " JOIN edition_revision l ON l.edition_id = e.id"
        "  AND l.n = (SELECT max(n) FROM edition_revision WHERE edition_id = e.id)"
        " WHERE a.id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->revision = sqlite3_column_int(s, 0);
        copy(out->edition, sizeof out->edition, store_col_text(s, 1));
        out->latest = sqlite3_column_int(s, 2);
        out->latest_id = sqlite3_column_int64(s, 3);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}
