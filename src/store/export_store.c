/* The queries of `pmm export` and the downloads: an edition's actions, whole. */
#include <stdlib.h>
#include <string.h>
#include "store/export_store.h"
#include "store/store_internal.h"

/* Lists come as one column each, their items separated by US (0x1F), a
 * byte no catalog name or code holds; an item's parts (a type's id and
 * name) by RS (0x1E), neither: one subquery per list. */
#define SEP "char(31)"
#define PART "char(30)"

/* The columns action_from_row reads, A being the action and I its
 * institution; a query adds its own after them. */
#define ACTION_COLS                                                                      \
    "SELECT a.id, a.folio, " INST_ACRONYM ", a.name, a.description, a.results, a.status," \
    "  a.gender_focus, a.disability, a.beneficiaries, a.institution_id, a.version,"      \
    "  a.created_at, a.updated_at, " INST_NAME ", a.edition_id,"                         \
    "  (SELECT group_concat(objective, " SEP ") FROM (SELECT objective FROM action_objective" \
    "     WHERE action_id = a.id ORDER BY position)),"                                   \
    "  (SELECT group_concat(t.id || " PART " || t.name, " SEP ") FROM (SELECT t.id, t.name"  \
    "     FROM action_action_type x JOIN action_type t ON t.id = x.action_type_id"      \
    "     WHERE x.action_id = a.id ORDER BY t.ord) t),"                                 \
    "  (SELECT group_concat(p.id || " PART " || p.code || " PART " || p.name, " SEP ")"   \
    "     FROM (SELECT p.id, p.code, p.name FROM action_population x"                  \
    "     JOIN population p ON p.id = x.population_id WHERE x.action_id = a.id ORDER BY p.ord) p),"  \
    "  (SELECT group_concat(principle, " SEP ") FROM (SELECT principle FROM action_principle"   \
    "     WHERE action_id = a.id ORDER BY principle)),"                                   \
    "  (SELECT o.folio FROM action_continuation k JOIN action o ON o.id = k.continues_id" \
    "     WHERE k.action_id = a.id),"                                                   \
    "  (SELECT oe.name FROM action_continuation k JOIN action o ON o.id = k.continues_id" \
    "     JOIN edition oe ON oe.id = o.edition_id WHERE k.action_id = a.id)"
#define N_ACTION_COLS 22

static const char actions_sql[] =
    ACTION_COLS
    " FROM action a JOIN institution i ON i.id = a.institution_id"
    INST_AS_OF("a.edition_id")   /* a revision's own names (ACTION_COLS) */
    " WHERE a.edition_id = ?1 ORDER BY a.folio";

/* Issue 10 (helper REC): the Compendio reads the same Action, once per
 * objective it is linked to, with the objective and the reporter type
 * after the action's columns. ?2: the one status read, NULL for all. */
static const char compendio_sql[] =
    ACTION_COLS ", ao.objective, " INST_TYPE
    " FROM action a JOIN action_objective ao ON ao.action_id = a.id"
    " JOIN institution i ON i.id = a.institution_id"
    INST_AS_OF("a.edition_id")
    " JOIN " TYPES_AS_OF("?1") " rt ON rt.code = " INST_TYPE      /* a revision's own order (F1316) */
    " WHERE a.edition_id = ?1 AND (?2 IS NULL OR a.status = ?2)"
    " ORDER BY ao.objective, rt.ord, " INST_NAME " COLLATE es, a.folio";

static const char challenges_sql[] =
    "SELECT c.text, COALESCE(c.category_id, 0), COALESCE(k.name, '') FROM challenge c"
    " LEFT JOIN challenge_category k ON k.id = c.category_id"
    " WHERE c.action_id = ?1 ORDER BY c.id";

static const char *col(sqlite3_stmt *s, int i, Arena *a) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    return arena_strdup(a, v ? v : "");
}

static int tristate(sqlite3_stmt *s, int i) {
    return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i);
}

/* The items of list column I, split in place; their count in *N. */
static char **items(sqlite3_stmt *s, int i, Arena *a, int *n) {
    char *v = (char *)col(s, i, a);
    *n = 0;
    if (!*v) return NULL;
    int cap = 1;
    for (char *p = v; *p; p++) cap += *p == 0x1F;
    char **out = arena_alloc(a, (size_t)cap * sizeof *out);
    for (char *p = v;; p++) {
        out[(*n)++] = p;
        p = strchr(p, 0x1F);
        if (!p) break;
        *p = '\0';
    }
    return out;
}

/* Splits each item of V in place at its first RS: V[i] keeps the part
 * before, OUT[i] receives the part after. */
static const char **split_parts(char **v, int n, Arena *ar) {
    const char **out = arena_alloc(ar, (size_t)n * sizeof *out + 1);
    for (int i = 0; i < n; i++) {
        char *rs = strchr(v[i], 0x1E);
        out[i] = rs ? rs + 1 : "";
        if (rs) *rs = '\0';
    }
    return out;
}

static void lists(sqlite3_stmt *q, Arena *ar, Action *a) {
    char **v = items(q, 16, ar, &a->nobj);
    a->objectives = arena_alloc(ar, (size_t)a->nobj * sizeof *a->objectives + 1);
    for (int i = 0; i < a->nobj; i++) a->objectives[i] = atoi(v[i]);
    v = items(q, 17, ar, &a->ntypes);                    /* id RS name */
    a->type_names = split_parts(v, a->ntypes, ar);
    a->types = arena_alloc(ar, (size_t)a->ntypes * sizeof *a->types + 1);
    for (int i = 0; i < a->ntypes; i++) a->types[i] = atoll(v[i]);
    v = items(q, 18, ar, &a->npops);                     /* id RS code RS name */
    a->pop_codes = split_parts(v, a->npops, ar);
    a->pop_names = split_parts((char **)a->pop_codes, a->npops, ar);
    a->pops = arena_alloc(ar, (size_t)a->npops * sizeof *a->pops + 1);
    for (int i = 0; i < a->npops; i++) a->pops[i] = atoll(v[i]);
    v = items(q, 19, ar, &a->nprin);                     /* issue 13 */
    a->principles = arena_alloc(ar, (size_t)a->nprin * sizeof *a->principles + 1);
    for (int i = 0; i < a->nprin; i++) a->principles[i] = atoi(v[i]);
}

static void action_from_row(sqlite3_stmt *q, Arena *ar, Action *a) {
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(q, 0);
    a->folio = col(q, 1, ar);
    a->institution = col(q, 2, ar);
    a->name = col(q, 3, ar);
    a->description = col(q, 4, ar);
    a->results = col(q, 5, ar);
    a->status = col(q, 6, ar);
    a->gender_focus = tristate(q, 7);
    a->disability = tristate(q, 8);
    a->beneficiaries = sqlite3_column_type(q, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(q, 9);
    a->institution_id = sqlite3_column_int64(q, 10);
    a->version = sqlite3_column_int64(q, 11);
    a->created_at = col(q, 12, ar);
    a->updated_at = col(q, 13, ar);
    a->institution_name = col(q, 14, ar);
    a->edition_id = sqlite3_column_int64(q, 15);
    lists(q, ar, a);
    a->continues_folio = col(q, 20, ar);                 /* issue 13 (F13) */
    a->continues_edition = col(q, 21, ar);               /* issue 13 (R13B): continua_edicion */
}

/* The challenges of one action, in the order they were written. No cap. */
static bool load_challenges(Store *st, sqlite3_stmt *q, Arena *ar, Action *a) {
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, a->id);
    int cap = 0, rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (a->nchallenges == cap) {
            cap = cap ? cap * 2 : 8;
            Challenge *c = arena_alloc(ar, (size_t)cap * sizeof *c);
            if (a->nchallenges) memcpy(c, a->challenges, (size_t)a->nchallenges * sizeof *c);
            a->challenges = c;
        }
        a->challenges[a->nchallenges++] =
            (Challenge){col(q, 0, ar), sqlite3_column_int64(q, 1), col(q, 2, ar)};
    }
    if (rc != SQLITE_DONE) store_report(st, "export");
    return rc == SQLITE_DONE;
}

/* How a query hands its rows over: EXPORT or COMP, with CTX. */
typedef struct {
    ExportActionFn export;
    CompActionFn comp;
    void *ctx;
} Each;

/* Runs SQL (?1 = EDITION_ID, ?2 = STATUS or NULL) and hands every action,
 * with its challenges, to E. */
static bool each_action(Store *st, const char *sql, int64_t edition_id, const char *status, const Each *e) {
    sqlite3_stmt *q = NULL, *qc = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db, challenges_sql, -1, &qc, NULL) != SQLITE_OK) {
        store_report(st, "export");
        sqlite3_finalize(q);
        return false;
    }
    sqlite3_bind_int64(q, 1, edition_id);
    if (status) sqlite3_bind_text(q, 2, status, -1, SQLITE_STATIC);
    bool ok = true;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        Arena ar = ARENA_INIT;
        Action a;
        action_from_row(q, &ar, &a);
        ok = load_challenges(st, qc, &ar, &a);
        if (ok && e->comp) a.reporter_type = col(q, N_ACTION_COLS + 1, &ar);
        ok = ok && (e->comp ? e->comp(e->ctx, sqlite3_column_int(q, N_ACTION_COLS), &a) : e->export(e->ctx, &a));
        arena_free(&ar);
    }
    if (ok && rc != SQLITE_DONE) {
        store_report(st, "export");
        ok = false;
    }
    sqlite3_finalize(q);
    sqlite3_finalize(qc);
    return ok;
}

bool store_export_actions(Store *st, int64_t edition_id, ExportActionFn fn, void *ctx) {
    Each e = {fn, NULL, ctx};
    return each_action(st, actions_sql, edition_id, NULL, &e);
}

bool store_compendio_actions(Store *st, const Edition *ed, bool all_statuses, CompActionFn fn, void *ctx) {
    Each e = {NULL, fn, ctx};
    return each_action(st, compendio_sql, ed->id, all_statuses ? NULL : "validada", &e);
}
