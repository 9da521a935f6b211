/* Good practices (issue 13): see practice_store.h. */
#include <stdlib.h>
#include <string.h>
#include "store/practice_store.h"
#include "store/store_internal.h"
#include "store/web_store.h"
#include "util/i18n.h"

/* The columns practice_row reads; a query adds its WHERE. */
#define PRACTICE_SELECT                                                                              \
    "SELECT g.action_id, g.partners, g.results, g.success_factors, g.replicability, g.lessons,"      \
    " g.contact, g.marked_at, coalesce(u.username, ''), a.folio, a.name, a.description, a.results,"  \
    " " INST_ACRONYM ", " INST_NAME ", coalesce((SELECT o.name FROM edition o WHERE o.id = e.snapshot_of), e.name)," \
    " e.period_start, e.period_end, coalesce(e.country, ''), coalesce(a.beneficiaries, -1),"         \
    " (SELECT group_concat(objective, ';') FROM (SELECT objective FROM action_objective"              \
    "   WHERE action_id = a.id ORDER BY position)),"                                                 \
    " (SELECT group_concat(principle, ';') FROM (SELECT principle FROM action_principle"             \
    "   WHERE action_id = a.id ORDER BY principle))"                                                 \
    " FROM good_practice g JOIN action a ON a.id = g.action_id"                                      \
    " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")                     \
    " JOIN edition e ON e.id = a.edition_id"                                                         \
    " LEFT JOIN account u ON u.id = g.marked_by"

/* The numbers of "7;15;4" in A; their count in *N. */
static int *numbers(Arena *a, const char *v, int *n) {
    int *out = arena_alloc(a, sizeof *out * (strlen(v) / 2 + 2));
    *n = 0;
    for (const char *p = v; *p;) {
        out[(*n)++] = atoi(p);
        p += strcspn(p, ";");
        if (*p) p++;
    }
    return out;
}

static void practice_row(sqlite3_stmt *s, Arena *a, GoodPractice *g) {
    memset(g, 0, sizeof *g);
    g->action_id = sqlite3_column_int64(s, 0);
    for (int f = 0; f < PF__COUNT; f++) g->t.v[f] = store_col_dup(a, s, 1 + f);
    g->marked_at = store_col_dup(a, s, 7);
    g->marked_by = store_col_dup(a, s, 8);
    g->folio = store_col_dup(a, s, 9);
    g->name = store_col_dup(a, s, 10);
    g->description = store_col_dup(a, s, 11);
    g->action_results = store_col_dup(a, s, 12);
    g->institution = store_col_dup(a, s, 13);
    g->institution_name = store_col_dup(a, s, 14);
    g->edition = store_col_dup(a, s, 15);
    g->period_start = store_col_dup(a, s, 16);
    g->period_end = store_col_dup(a, s, 17);
    g->country = store_col_dup(a, s, 18);
    g->beneficiaries = sqlite3_column_int64(s, 19);
    g->objectives = numbers(a, store_col_text(s, 20), &g->nobj);
    g->principles = numbers(a, store_col_text(s, 21), &g->nprin);
}

bool store_practice_get(Store *st, int64_t action_id, Arena *a, GoodPractice *out, bool *found) {
    *found = false;
    sqlite3_stmt *s = store_prepare(st, "practice", PRACTICE_SELECT " WHERE g.action_id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        practice_row(s, a, out);
        *found = true;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

bool store_practices_each(Store *st, const Edition *e, PracticeFn fn, void *ctx) {
    sqlite3_stmt *s = store_prepare(st, "practice", PRACTICE_SELECT
        " WHERE a.edition_id = ?1 AND a.status = 'validada' ORDER BY i.name, a.folio");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, e->id);
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        Arena a = ARENA_INIT;
        GoodPractice g;
        practice_row(s, &a, &g);
        go = fn(ctx, &g);
        arena_free(&a);
    }
    sqlite3_finalize(s);
    return !go || rc == SQLITE_DONE;
}

/* ---- marking ---- */

/* The practice of ACTION_ID as its audit entry records it; NULL when it
 * is not marked. Caller frees. */
static char *practice_json(Store *st, int64_t action_id) {
    sqlite3_stmt *s = store_prepare(st, "practice",
        "SELECT json_object('socios', partners, 'resultados', results, 'factores_de_exito', success_factors,"
        " 'replicabilidad', replicability, 'lecciones', lessons, 'contacto', contact)"
        " FROM good_practice WHERE action_id = ?1");
    if (!s) return NULL;
    sqlite3_bind_int64(s, 1, action_id);
    char *v = sqlite3_step(s) == SQLITE_ROW ? strdup(store_col_text(s, 0)) : NULL;
    sqlite3_finalize(s);
    return v;
}

/* What action ACTION_ID is: its edition, whether validated, whether it
 * names a guiding principle. False when there is no such action (*RC
 * SQLITE_DONE) or on an error. */
static bool action_state(Store *st, int64_t action_id, int64_t *edition_id, bool *validated, bool *tagged,
                         int *rc) {
    sqlite3_stmt *s = store_prepare(st, "practice",
        "SELECT edition_id, status = 'validada',"
        " EXISTS (SELECT 1 FROM action_principle WHERE action_id = a.id) FROM action a WHERE id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    *rc = sqlite3_step(s);
    if (*rc == SQLITE_ROW) {
        *edition_id = sqlite3_column_int64(s, 0);
        *validated = sqlite3_column_int(s, 1) != 0;
        *tagged = sqlite3_column_int(s, 2) != 0;
    }
    sqlite3_finalize(s);
    return *rc == SQLITE_ROW;
}

static bool write_practice(Store *st, int64_t action_id, int64_t user_id, const PracticeText *t) {
    sqlite3_stmt *s = store_prepare(st, "practice", t
        ? "INSERT INTO good_practice(action_id, partners, results, success_factors, replicability, lessons,"
          " contact, marked_by, marked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
          " strftime('%Y-%m-%dT%H:%M:%SZ','now')) ON CONFLICT(action_id) DO UPDATE SET partners = ?2,"
          " results = ?3, success_factors = ?4, replicability = ?5, lessons = ?6, contact = ?7,"
          " marked_by = ?8, marked_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
        : "DELETE FROM good_practice WHERE action_id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    if (t) {
        for (int f = 0; f < PF__COUNT; f++) store_bind_text(s, 2 + f, t->v[f] ? t->v[f] : "");
        if (user_id > 0) sqlite3_bind_int64(s, 8, user_id);
    }
    return store_run_once(s);
}

bool store_practice_untagged(Store *st, int64_t action_id, bool *broken) {
    *broken = false;
    sqlite3_stmt *s = store_prepare(st, "practice",
        "SELECT 1 FROM good_practice g WHERE g.action_id = ?1 AND " PRACTICE_UNTAGGED_SQL("g"));
    if (!s) return false;
    sqlite3_bind_int64(s, 1, action_id);
    int rc = sqlite3_step(s);
    *broken = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) store_report(st, "practice");
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

const char *practice_principle_rule(void) {
    return _("Esta acción es una buena práctica, y el Repositorio de Prácticas pide los principios rectores a "
             "los que sirve: señale al menos uno, o pida a la coordinación que quite la marca de buena práctica.");
}

/* The check and the write, inside the transaction. */
static PracticeResult practice_set(Store *st, int64_t action_id, int64_t user_id, const PracticeText *t,
                                   const char **why) {
    int64_t edition_id = 0;
    bool validated = false, tagged = false;
    int rc = SQLITE_DONE;
    if (!action_state(st, action_id, &edition_id, &validated, &tagged, &rc))
        return rc == SQLITE_DONE ? PRACTICE_GONE : PRACTICE_FAIL;
    if (!store_edition_accepts_changes(st, edition_id, why)) return PRACTICE_FROZEN;
    if (t && !validated) {
        *why = _("Solo una acción validada puede ser buena práctica: valídela antes.");
        return PRACTICE_REFUSED;
    }
    if (t && !tagged) {
        *why = _("El Repositorio de Prácticas pide los principios rectores a los que sirve la práctica: "
                 "señálelos antes en la acción.");
        return PRACTICE_REFUSED;
    }
    char *before = practice_json(st, action_id);
    bool ok = write_practice(st, action_id, user_id, t);
    char *after = ok ? practice_json(st, action_id) : NULL;
    bool same = (!before && !after) || (before && after && strcmp(before, after) == 0);
    /* an unchanged save logs nothing, as the action form */
    if (ok && !same)
        ok = store_audit_add(st, user_id, action_id, t ? "buena_practica" : "quitar_buena_practica", before, after);
    free(before);
    free(after);
    return ok ? PRACTICE_OK : PRACTICE_FAIL;
}

PracticeResult store_practice_set(Store *st, int64_t action_id, int64_t user_id, const PracticeText *t,
                                  const char **why) {
    *why = NULL;
    if (!store_begin(st)) return PRACTICE_FAIL;
    PracticeResult res = practice_set(st, action_id, user_id, t, why);
    if (res == PRACTICE_OK && !store_commit(st)) res = PRACTICE_FAIL;
    if (res != PRACTICE_OK) store_rollback(st);
    return res;
}
