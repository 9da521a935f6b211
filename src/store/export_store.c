/* The queries of `pmm export`: an edition's actions, whole. */
#include <stdlib.h>
#include <string.h>
#include "store/export_store.h"
#include "store/store_internal.h"
#include "util/mem.h"

static const char *col(sqlite3_stmt *s, int i) {
    const char *v = (const char *)sqlite3_column_text(s, i);
    return v ? v : "";
}

static int tristate(sqlite3_stmt *s, int i) {
    return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i);
}

/* The challenges of one action, in the order they were written. */
static bool load_challenges(Store *st, sqlite3_stmt *q, int64_t action_id, ExportChallenge **out,
                            int *n, char ***strs, int *nstrs) {
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, action_id);
    int cap = 0, rc;
    *n = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            *out = xrealloc(*out, (size_t)cap * sizeof **out);
            *strs = xrealloc(*strs, (size_t)cap * 2 * sizeof **strs);
        }
        char *t = xstrdup(col(q, 0)), *c = xstrdup(col(q, 1));
        (*strs)[(*nstrs)++] = t;
        (*strs)[(*nstrs)++] = c;
        (*out)[(*n)++] = (ExportChallenge){t, c};
    }
    if (rc != SQLITE_DONE) store_report(st, "export");
    return rc == SQLITE_DONE;
}

bool store_export_actions(Store *st, int64_t edition_id, ExportActionFn fn, void *ctx) {
    static const char actions_sql[] =
        "SELECT a.id, a.folio, i.acronym, a.name, a.description, a.results, a.status,"
        "  a.gender_focus, a.disability, a.beneficiaries,"
        "  (SELECT group_concat(objective, ';') FROM (SELECT objective FROM action_objective"
        "     WHERE action_id = a.id ORDER BY principal DESC, objective)),"
        "  (SELECT group_concat(name, ';') FROM (SELECT t.name FROM action_action_type x"
        "     JOIN action_type t ON t.id = x.action_type_id WHERE x.action_id = a.id ORDER BY t.ord)),"
        "  (SELECT group_concat(code, ';') FROM (SELECT p.code FROM action_population x"
        "     JOIN population p ON p.id = x.population_id WHERE x.action_id = a.id ORDER BY p.ord)),"
        "  (SELECT group_concat(name, ';') FROM (SELECT p.name FROM action_population x"
        "     JOIN population p ON p.id = x.population_id WHERE x.action_id = a.id ORDER BY p.ord))"
        " FROM action a JOIN institution i ON i.id = a.institution_id"
        " WHERE a.edition_id = ?1 ORDER BY a.folio";
    static const char challenges_sql[] =
        "SELECT c.text, COALESCE(k.name, '') FROM challenge c"
        " LEFT JOIN challenge_category k ON k.id = c.category_id"
        " WHERE c.action_id = ?1 ORDER BY c.id";
    sqlite3_stmt *q = NULL, *qc = NULL;
    if (sqlite3_prepare_v2(st->db, actions_sql, -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db, challenges_sql, -1, &qc, NULL) != SQLITE_OK) {
        store_report(st, "export");
        sqlite3_finalize(q);
        return false;
    }
    sqlite3_bind_int64(q, 1, edition_id);
    ExportChallenge *chs = NULL;
    char **strs = NULL;
    bool ok = true;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int nstrs = 0, nch = 0;
        ok = load_challenges(st, qc, sqlite3_column_int64(q, 0), &chs, &nch, &strs, &nstrs);
        ExportAction a = {
            .folio = col(q, 1), .institution = col(q, 2), .name = col(q, 3),
            .description = col(q, 4), .results = col(q, 5), .status = col(q, 6),
            .gender_focus = tristate(q, 7), .disability = tristate(q, 8),
            .beneficiaries = sqlite3_column_type(q, 9) == SQLITE_NULL ? -1 : sqlite3_column_int64(q, 9),
            .objectives = col(q, 10), .action_types = col(q, 11), .populations = col(q, 12),
            .population_names = col(q, 13), .nchallenges = nch, .challenges = chs};
        if (ok && !fn(ctx, &a)) ok = false;
        for (int i = 0; i < nstrs; i++) free(strs[i]);
    }
    if (ok && rc != SQLITE_DONE) {
        store_report(st, "export");
        ok = false;
    }
    free(chs);
    free(strs);
    sqlite3_finalize(q);
    sqlite3_finalize(qc);
    return ok;
}
