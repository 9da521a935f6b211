/*
 * The reference catalogs of data/catalogs/, compiled into the binary and
 * loaded by `pmm init`. Each file is read with the same table reader as an
 * import, so a catalog edited by hand gets the same clear errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/figures.h"
#include "ingest/catalog_load.h"
#include "ingest/table.h"
#include "util/embedded.h"
#include "util/i18n.h"

typedef struct {
    Store *st;
    DiagList *diags;
    const char *file;
    int ord;
    bool ok;
} Load;

/* Each ';'-separated alias of VALUES for the entry ID of KIND. */
static bool put_aliases(Load *l, const char *kind, int64_t id, const char *values) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", values);
    for (char *save = NULL, *p = strtok_r(buf, ";", &save); p; p = strtok_r(NULL, ";", &save)) {
        while (*p == ' ') p++;
        if (*p && !store_put_alias(l->st, kind, id, p)) return false;
    }
    return true;
}

static bool fail(Load *l, long line, const char *what) {
    diag_add(l->diags, l->file, line, NULL, what, "%s", store_errmsg(l->st));
    l->ok = false;
    return false;
}

/* The number in V, when it is one from 1 to MAX, else 0. */
static int number_in(const char *v, int max) {
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n >= 1 && n <= max ? (int)n : 0;
}

/* The IMRF roundtable (issue 13) in column «mesa»: 1 to 4. ONLY_UNSET:
 * an older database gets it without losing one set since. */
static bool roundtable_of(Load *l, long line, int n, const char *v, bool only_unset) {
    int r = number_in(v, FIG_NROUNDTABLES);
    if (!r) {
        diag_add(l->diags, l->file, line, "mesa", v, _("la mesa redonda del Foro debe ser de 1 a 4"));
        return l->ok = false;
    }
    return store_set_roundtable(l->st, n, r, only_unset) || fail(l, line, v);
}

static bool objective_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], 23);
    if (!n) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el objetivo debe ser de 1 a 23"));
        return l->ok = false;
    }
    return (store_put_objective(l->st, n, v[1], v[2], v[3], v[4]) || fail(l, line, v[0])) &&
           roundtable_of(l, line, n, v[5], false);
}

static bool roundtable_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], 23);
    return n && roundtable_of(l, line, n, v[5], true);
}

static bool principle_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], ACTION_NPRIN);
    if (!n) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el principio rector debe ser de 1 a 10"));
        return l->ok = false;
    }
    if (!store_put_principle(l->st, n, v[1], v[2], v[3], v[4])) return fail(l, line, v[0]);
    return put_aliases(l, "principle", n, v[5]) || fail(l, line, v[5]);
}

static bool rtype_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return store_put_reporter_type(l->st, v[0], v[1], v[2], ++l->ord) || fail(l, line, v[0]);
}

static bool state_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!store_put_state(l->st, v[0], v[1], v[2], v[3])) return fail(l, line, v[0]);
    return put_aliases(l, "state", store_state_id(l->st, v[0]), v[4]) || fail(l, line, v[4]);
}

static bool atype_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return store_put_action_type(l->st, v[0], v[1], ++l->ord) || fail(l, line, v[0]);
}

static bool pop_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!store_put_population(l->st, v[0], v[1], v[2], ++l->ord)) return fail(l, line, v[0]);
    return put_aliases(l, "population", store_population_id(l->st, v[0]), v[3]) || fail(l, line, v[3]);
}

static bool cat_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return store_put_category(l->st, v[0], v[1], v[2], v[3], ++l->ord) || fail(l, line, v[0]);
}

static bool inst_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!store_put_institution(l->st, v[0], v[1], v[2], v[3])) return fail(l, line, v[0]);
    return put_aliases(l, "institution", store_institution_id(l->st, v[0]), v[5]) ||
           fail(l, line, v[5]);
}

static bool inst_parent_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!*v[4]) return true;
    if (!store_institution_id(l->st, v[4])) {
        diag_add(l->diags, l->file, line, "dependencia", v[4],
                 _("la dependencia no es una institución del catálogo"));
        return l->ok = false;
    }
    return store_set_institution_parent(l->st, v[0], v[4]) || fail(l, line, v[4]);
}

static bool load_file(Store *st, DiagList *diags, const char *name, const ColumnSpec *cols,
                      int ncols, TableRowFn row) {
    const EmbeddedFile *f = embedded_find(name);
    if (!f) {
        diag_add(diags, name, 0, NULL, NULL, _("falta el catálogo en este binario"));
        return false;
    }
    Load l = {st, diags, name, 0, true};
    TableReader t = {.cols = cols, .ncols = ncols, .file = name, .diags = diags,
                     .row = row, .ctx = &l, .strict_columns = true};
    return table_read(&t, NULL, (const char *)f->data, f->size) && l.ok;
}

#define REQ(n) {n, true, NULL, NULL}
#define LOAD(file, row, ...) \
    load_file(st, diags, file, (const ColumnSpec[]){__VA_ARGS__}, \
              (int)(sizeof((const ColumnSpec[]){__VA_ARGS__}) / sizeof(ColumnSpec)), row)

#define OBJECTIVE_COLS REQ("numero"), REQ("titulo_es"), REQ("titulo_en"), REQ("titulo_corto_es"), \
    REQ("titulo_corto_en"), REQ("mesa")
#define PRINCIPLE_COLS REQ("numero"), REQ("nombre_es"), REQ("nombre_en"), REQ("descripcion_es"), \
                       REQ("descripcion_en"), REQ("alias")

bool catalog_load(Store *st, DiagList *diags) {
    if (!store_begin(st)) return false;
    bool ok = store_clear_aliases(st) &&
        LOAD("catalogs/objectives.csv", objective_row, OBJECTIVE_COLS) &&
        LOAD("catalogs/principles.csv", principle_row, PRINCIPLE_COLS) &&
        LOAD("catalogs/reporter_types.csv", rtype_row,
             REQ("clave"), REQ("nombre_es"), REQ("nombre_en")) &&
        LOAD("catalogs/states.csv", state_row,
             REQ("clave"), REQ("nombre"), REQ("nombre_en"), REQ("abreviatura"), REQ("alias")) &&
        LOAD("catalogs/action_types.csv", atype_row, REQ("nombre"), REQ("nombre_en")) &&
        LOAD("catalogs/populations.csv", pop_row,
             REQ("clave"), REQ("nombre"), REQ("nombre_en"), REQ("alias")) &&
        LOAD("catalogs/challenge_categories.csv", cat_row,
             REQ("nombre"), REQ("definicion"), REQ("nombre_en"), REQ("definicion_en")) &&
        LOAD("catalogs/institutions.csv", inst_row,
             REQ("siglas"), REQ("nombre"), REQ("tipo"), REQ("estado"), REQ("dependencia"),
             REQ("alias")) &&
        LOAD("catalogs/institutions.csv", inst_parent_row,
             REQ("siglas"), REQ("nombre"), REQ("tipo"), REQ("estado"), REQ("dependencia"),
             REQ("alias"));
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    return ok;
}

bool catalog_load_new(Store *st, DiagList *diags) {
    if (!store_principles_missing(st)) return true;
    if (!store_begin(st)) return false;
    bool ok = LOAD("catalogs/objectives.csv", roundtable_row, OBJECTIVE_COLS) &&
              LOAD("catalogs/principles.csv", principle_row, PRINCIPLE_COLS);
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    return ok;
}

static void add_name(void *ctx, int64_t id, const char *name, bool primary) {
    matcher_add(ctx, id, name, primary);
}

bool matcher_load(Matcher *m, Store *st, CatalogKind kind) {
    matcher_init(m);
    return store_catalog_names(st, kind, add_name, m);
}

static void add_objective(void *ctx, int n, const char *const *cells) {
    int64_t id = strtoll(cells[0], NULL, 10);
    matcher_add(ctx, id, cells[1], true);
    matcher_add(ctx, id, cells[2], false);
}

bool objective_titles_load(Matcher *m, Store *st) {
    matcher_init(m);
    return store_catalog_rows(st, "objectives", add_objective, m);
}
