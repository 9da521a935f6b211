/* The database pmm demo may write into (see demo_store.h). */
#include "store/demo_store.h"
#include "store/store_internal.h"
#include "util/i18n.h"

/* What makes a database hold real work, counted in one row. */
static const char contents_sql[] =
    "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'demo'),"
    " (SELECT count(*) FROM edition), (SELECT count(*) FROM action),"
    " (SELECT count(*) FROM account), (SELECT count(*) FROM audit_log)";

typedef struct {
    bool demo;
    long long editions, actions, accounts, changes;
} Contents;

static bool read_contents(void *p, sqlite3_stmt *s) {
    Contents *c = p;
    c->demo = sqlite3_column_int(s, 0) != 0;
    c->editions = sqlite3_column_int64(s, 1);
    c->actions = sqlite3_column_int64(s, 2);
    c->accounts = sqlite3_column_int64(s, 3);
    c->changes = sqlite3_column_int64(s, 4);
    return false;
}

static bool is_empty(const Contents *c) {
    return c->editions == 0 && c->actions == 0 && c->accounts == 0 && c->changes == 0;
}

static bool mark_demo(Store *st) {
    return store_run_once(store_prepare(st, "demo",
        "INSERT INTO meta(key, value) VALUES ('demo', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"));
}

bool store_demo_claim(Store *st, Str *why) {
    Contents c = {0};
    if (!store_begin(st)) {
        str_printf(why, "%s", store_write_error(st));
        return false;
    }
    bool ok = store_each_row(st, contents_sql, NULL, read_contents, &c);
    if (!ok) str_printf(why, "%s", store_errmsg(st));
    else if (!c.demo && !is_empty(&c)) {
        str_printf(why, _("la base de datos «%s» no está vacía ni la hizo pmm demo: tiene %lld "
                          "ediciones, %lld acciones, %lld cuentas y %lld cambios registrados"),
                   st->path, c.editions, c.actions, c.accounts, c.changes);
        ok = false;
    } else if (!c.demo && !mark_demo(st)) {
        str_printf(why, "%s", store_write_error(st));
        ok = false;
    }
    if (ok && !store_commit(st)) {
        str_printf(why, "%s", store_write_error(st));
        return false;
    }
    if (!ok) store_rollback(st);
    return ok;
}
