/* Voluntary GCM reviews: see review_store.h. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/review_store.h"
#include "store/store_internal.h"
#include "store/web_store.h"
#include "util/mem.h"
#include "util/text.h"

/* The audit log's keys of the texts (the form's field names). */
static const char *const text_keys[RT__COUNT] = {"introduccion", "politica", "medios", "proximos_pasos"};

#define REVIEW_COLS                                                                                   \
    "SELECT r.id, r.name, r.from_edition_id, r.to_edition_id, f.name, t.name, r.introduction, "      \
    "r.policy, r.means, r.next_steps, r.version, r.created_at, r.updated_at "                        \
    "FROM review r JOIN edition f ON f.id = r.from_edition_id JOIN edition t ON t.id = r.to_edition_id "

static void read_row(sqlite3_stmt *s, Arena *a, Review *r) {
    r->id = sqlite3_column_int64(s, 0);
    r->name = store_col_dup(a, s, 1);
    r->from_id = sqlite3_column_int64(s, 2);
    r->to_id = sqlite3_column_int64(s, 3);
    r->from_name = store_col_dup(a, s, 4);
    r->to_name = store_col_dup(a, s, 5);
    for (int k = 0; k < RT__COUNT; k++)
        r->text[k] = sqlite3_column_type(s, 6 + k) == SQLITE_NULL ? NULL : store_col_dup(a, s, 6 + k);
    r->version = sqlite3_column_int(s, 10);
    r->created_at = store_col_dup(a, s, 11);
    r->updated_at = store_col_dup(a, s, 12);
}

typedef struct {
    Arena *a;
    Review *v;
    int n, cap;
} List;

static bool list_row(void *p, sqlite3_stmt *s) {
    List *l = p;
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 8;
        Review *v = arena_alloc(l->a, (size_t)cap * sizeof *v);
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    read_row(s, l->a, &l->v[l->n++]);
    return true;
}

static bool one(Store *st, const char *sql, const char *key, Arena *a, Review *out, bool *found) {
    List l = {a, NULL, 0, 0};
    bool ok = store_each_row(st, sql, key, list_row, &l);
    *found = ok && l.n > 0;
    if (*found) *out = l.v[0];
    return ok;
}

/* The one key of a review's name, at lookup and for uniqueness: text_key
 * (NFKC, case folded, invisible characters ignored) then text_fold, the
 * catalogs' rule (accents stripped, punctuation and runs of space one
 * space). «revision nandu» is «Revisión Ñandú» (issue 13 round 3, F13B:
 * docs/review.md said accent-blind, text_key is not). */
static const char *name_key(Arena *a, const char *name) { return text_fold(a, text_key(a, name)); }

/* By name_key, the rule that makes a name taken (below): «examen 2025»
 * finds «Examen 2025» (issue 13 round 2, F13: pmm review --review was
 * case-sensitive where the platform is not). */
bool store_review_find(Store *st, const char *name, Arena *a, Review *out, bool *found) {
    List l = {a, NULL, 0, 0};
    bool ok = store_each_row(st, REVIEW_COLS "ORDER BY r.id", NULL, list_row, &l);
    *found = false;
    const char *key = ok ? name_key(a, name) : "";
    for (int i = 0; ok && !*found && i < l.n; i++)
        if (strcmp(name_key(a, l.v[i].name), key) == 0) {
            *out = l.v[i];
            *found = true;
        }
    return ok;
}

bool store_review_get(Store *st, int64_t id, Arena *a, Review *out, bool *found) {
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    return one(st, REVIEW_COLS "WHERE r.id = ?1", key, a, out, found);
}

bool store_review_list(Store *st, Arena *a, Review **out, int *n) {
    List l = {a, NULL, 0, 0};
    bool ok = store_each_row(st, REVIEW_COLS "ORDER BY r.name", NULL, list_row, &l);
    *out = l.v;
    *n = l.n;
    return ok;
}

/* Issue 13, hostile fault 10: «Examen 2025» and «examen 2025» were two
 * reviews. A name is taken when another has the same name_key (round 3,
 * F13B: «revision nandu» beside «Revisión Ñandú» was a second one). */
typedef struct {
    Arena a;
    const char *key;
    bool taken;
} TakenCtx;

static bool taken_row(void *p, sqlite3_stmt *s) {
    TakenCtx *c = p;
    c->taken = strcmp(name_key(&c->a, store_col_text(s, 0)), c->key) == 0;
    return !c->taken;
}

static ReviewResult insert(Store *st, int64_t user_id, const char *name, int64_t from_id, int64_t to_id,
                           int64_t *id) {
    TakenCtx c = {.taken = false};
    c.key = name_key(&c.a, name);
    bool read = store_each_row(st, "SELECT name FROM review", NULL, taken_row, &c);
    arena_free(&c.a);
    if (!read) return REVIEW_FAIL;
    if (c.taken) return REVIEW_EXISTS;
    sqlite3_stmt *s = store_prepare(st, "review",
                      "INSERT INTO review(name, from_edition_id, to_edition_id) VALUES (?1, ?2, ?3)");
    if (!s) return REVIEW_FAIL;
    store_bind_text(s, 1, name);
    sqlite3_bind_int64(s, 2, from_id);
    sqlite3_bind_int64(s, 3, to_id);
    if (!store_run_once(s)) return REVIEW_FAIL;
    *id = sqlite3_last_insert_rowid(st->db);
    char what[160];
    snprintf(what, sizeof what, "examen %lld nuevo", (long long)*id);
    return store_audit_add(st, user_id, 0, what, NULL, name) ? REVIEW_OK : REVIEW_FAIL;
}

ReviewResult store_review_create(Store *st, int64_t user_id, const char *name, int64_t from_id, int64_t to_id,
                                 int64_t *id) {
    if (!store_begin(st)) return REVIEW_FAIL;
    ReviewResult res = insert(st, user_id, name, from_id, to_id, id);
    if (res == REVIEW_OK && !store_commit(st)) res = REVIEW_FAIL;
    if (res != REVIEW_OK) store_rollback(st);
    return res;
}

/* TEXT as the audit log keeps it: {"introduccion": ..., ...}, null for
 * a text not written; malloc'd. */
static char *texts_json(const char *const text[RT__COUNT]) {
    json_t *o = json_object();
    for (int k = 0; k < RT__COUNT; k++)
        json_object_set_new(o, text_keys[k], text[k] && *text[k] ? json_string(text[k]) : json_null());
    char *z = json_dumps(o, JSON_PRESERVE_ORDER);
    json_decref(o);
    return z;
}

static ReviewResult write_texts(Store *st, int64_t id, int64_t user_id, int version,
                                const char *const text[RT__COUNT]) {
    sqlite3_stmt *s = store_prepare(st, "review", "SELECT version, introduction, policy, means, next_steps "
                                                  "FROM review WHERE id = ?1");
    if (!s) return REVIEW_FAIL;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    int now = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    const char *old[RT__COUNT] = {0};
    for (int k = 0; rc == SQLITE_ROW && k < RT__COUNT; k++)
        old[k] = (const char *)sqlite3_column_text(s, 1 + k);
    char *before = rc == SQLITE_ROW ? texts_json(old) : NULL;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW || now != version) {
        free(before);
        return rc == SQLITE_DONE ? REVIEW_GONE : rc != SQLITE_ROW ? REVIEW_FAIL : REVIEW_STALE;
    }
    char *after = texts_json(text), what[160];
    snprintf(what, sizeof what, "examen %lld textos", (long long)id);
    bool audited = store_audit_add(st, user_id, 0, what, before, after);
    free(before);
    free(after);
    if (!audited) return REVIEW_FAIL;
    s = store_prepare(st, "review",
                      "UPDATE review SET introduction = ?2, policy = ?3, means = ?4, next_steps = ?5, "
                      "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?1");
    if (!s) return REVIEW_FAIL;
    sqlite3_bind_int64(s, 1, id);
    for (int k = 0; k < RT__COUNT; k++) store_bind_text(s, 2 + k, text[k] && *text[k] ? text[k] : NULL);
    return store_run_once(s) ? REVIEW_OK : REVIEW_FAIL;
}

ReviewResult store_review_save(Store *st, int64_t id, int64_t user_id, int version,
                               const char *const text[RT__COUNT]) {
    if (!store_begin(st)) return REVIEW_FAIL;
    ReviewResult res = write_texts(st, id, user_id, version, text);
    if (res == REVIEW_OK && !store_commit(st)) res = REVIEW_FAIL;
    if (res != REVIEW_OK) store_rollback(st);
    return res;
}
