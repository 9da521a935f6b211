#ifndef PMM_STORE_INTERNAL_H
#define PMM_STORE_INTERNAL_H
/* Shared by the files of src/store/ only. */
#include <sqlite3.h>
#include <time.h>
#include "store/store.h"
#include "util/arena.h"

/* Why PATH could not be used as a database, SQLite having failed with
 * CODE, in pmm's words (a folder, no permission, not a database, a full
 * disk...; db.c). Issue 15, helper S15. */
const char *store_file_cause(const char *path, int code);
/* A file: URI for PATH with QUERY ("mode=ro"), and whether PATH's -wal is
 * empty or absent (then the file alone is the whole database). */
void store_file_uri(Str *uri, const char *path, const char *query);
bool store_wal_empty(const char *path);

/* Every statement the store runs has a slot here, prepared on first use and
 * kept for the life of the connection. */
enum {
    Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
    Q_PUT_RTYPE, Q_PUT_STATE, Q_PUT_OBJECTIVE, Q_PUT_ATYPE, Q_PUT_POP, Q_PUT_CAT,
    Q_PUT_INST, Q_SET_PARENT, Q_PUT_ALIAS, Q_INST_ID, Q_STATE_ID, Q_POP_ID, Q_CAT_ID, Q_CLEAR_ALIASES,
    Q_PUT_PRINCIPLE, Q_SET_ROUNDTABLE, Q_PRINCIPLES_MISSING, Q_ACTION_DEL_PRIN, Q_ACTION_ADD_PRIN,
    Q_EDITION_FIND, Q_EDITION_CREATE, Q_EDITION_LIST,
    Q_ACTION_INSERT, Q_ACTION_UPDATE, Q_ACTION_DEL_OBJ, Q_ACTION_DEL_TYPE, Q_ACTION_DEL_POP,
    Q_ACTION_ADD_OBJ, Q_ACTION_ADD_TYPE, Q_ACTION_ADD_POP, Q_ACTION_BY_FOLIO, Q_FOLIO_OWNER,
    Q_CHALLENGE_CLEAR, Q_CHALLENGE_ADD,
    Q__COUNT
};

struct Store {
    sqlite3 *db;
    sqlite3_stmt *q[Q__COUNT];
    char *path;
    bool writing;        /* holds the process's writer lock (store_begin) */
    int write_error;     /* SQLite's code of the last failure of the database itself */
    bool failed_reading; /* ... met while no write was under way (F15) */
    char write_msg[1024];/* store_write_error's text */
    /* issue 15 (helper SERVER): the database failure since the last
     * store_failure_clear (db.c), and the busy handler's state */
    int failure;
    bool nowait;         /* store_try_begin: give up at once if locked */
    int64_t busy_since_ms;
    bool busy_from_gate; /* busy_since_ms was set on entering store_begin's queue */
    int ro_cause;        /* opened read-only because writing failed so (db.c) */
    /* issue 15 (helper S15): a read-only connection is replaced when the
     * file may be written again or, opened immutable, changed under it */
    bool immutable;      /* opened with immutable=1: SQLite assumes no change */
    struct timespec seen_mtime;  /* the file as it was opened (immutable) */
    long long seen_dev, seen_ino, seen_size;
    int64_t reopen_ms;   /* when store_reopen_due last said yes (monotonic) */
    /* issue 15 (S15C): the schema of an old file that cannot be written,
     * read as is (store_open_as_is) or through a migrated copy in memory */
    int old_schema;
};

/* The statement in SLOT, prepared from SQL the first time, reset and with
 * its bindings cleared. NULL on error (store_errmsg tells). */
sqlite3_stmt *store_stmt(Store *st, int slot, const char *sql);
/* Steps a statement that returns no rows; true on success. */
bool store_exec_stmt(Store *st, sqlite3_stmt *s);
/* Binds text, or NULL when Z is NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *z);
/* Runs a one-off query (prepared, stepped, finalized), with BIND1 bound
 * to ?1 when not NULL, calling ROW for each row until it returns false. */
bool store_each_row(Store *st, const char *sql, const char *bind1,
                    bool (*row)(void *, sqlite3_stmt *), void *ctx);
/* Column I as text, "" for NULL. */
const char *store_col_text(sqlite3_stmt *s, int i);
/* The same, copied into A. */
const char *store_col_dup(Arena *a, sqlite3_stmt *s, int i);
/* A one-off statement (not kept in a slot), or NULL after reporting the
 * error with CONTEXT; the caller finalizes it. */
sqlite3_stmt *store_prepare(Store *st, const char *context, const char *sql);
/* Steps a one-off statement once and finalizes it (NULL: false); true
 * when it ran (SQLITE_DONE or SQLITE_ROW). */
bool store_run_once(sqlite3_stmt *s);
/* Steps that must be one transaction, so that no other writer comes
 * between them (db.c): store_atomic_begin begins one unless the caller
 * has one open (then *OWN is false); store_atomic_end commits it when OK,
 * the steps' result, or rolls it back, and leaves the caller's to the
 * caller. False when the steps failed or the transaction could not be
 * begun or committed:
 *     bool own;
 *     if (!store_atomic_begin(st, &own)) return false;
 *     return store_atomic_end(st, own, steps(st, ...)); */
bool store_atomic_begin(Store *st, bool *own);
bool store_atomic_end(Store *st, bool own, bool ok);
/* The labels of the figures' catalogs (reporter types, populations,
 * challenge categories), in catalog order (figures_store.c); the
 * reporter types as edition EDITION_ID has them (TYPES_AS_OF). */
bool store_figure_labels(Store *st, int64_t edition_id, Figures *f);
/* Reports the connection's last error on stderr, with CONTEXT. */
void store_report(Store *st, const char *context);
/* issue 10, REC3 (action_store.c): registers pmm_folio_key(folio), the key
 * under which two folios are one (text_key: NFKC, case-folded, without
 * invisible characters: "INM-01", "inm-01" and "ＩＮＭ-01" share one). Every
 * connection has it before migrating: migration 15 and every folio lookup
 * use it. */
bool action_register_functions(sqlite3 *db);

/* ---- an institution's classification as an edition has it (migration 13,
 * issue 10 hostile fault 1, helper REC2) ----
 * A published revision (a snapshot edition) keeps the reporter type and
 * state its institutions had when it was published; a live edition reads
 * the catalog's. Every query of figures joins INST_AS_OF(EDITION) after
 * "institution i" (EDITION: the SQL of the edition's id, e.g. "a.edition_id"
 * or "?1") and reads INST_TYPE and INST_STATE instead of i.type, i.state. */
#define INST_AS_OF(edition) \
    " LEFT JOIN snapshot_institution si ON si.edition_id = " edition " AND si.institution_id = i.id"
#define INST_TYPE "coalesce(si.type, i.type)"
#define INST_STATE "(CASE WHEN si.type IS NULL THEN i.state ELSE si.state END)"
/* And its acronym and name as the revision was published with them
 * (migration 28, issue 16, F16C): a renamed institution keeps its old name
 * in a published Informe, Compendio, download and action page. */
#define INST_ACRONYM "coalesce(si.acronym, i.acronym)"
#define INST_NAME "coalesce(si.name, i.name)"

/* ---- the reporter types as an edition has them (migration 26, issue 16,
 * F16B) ----
 * A published revision keeps the reporter types of the day it was
 * published (snapshot_reporter_type): which types there were, their names
 * and which one is subnational; a live edition reads the catalog's. Every
 * query that lists types or asks which is subnational for an edition reads
 * TYPES_AS_OF(EDITION) instead of reporter_type; its columns are
 * SNAPSHOT_TYPE_COLS without the "r.". */
#define SNAPSHOT_TYPE_COLS \
    "r.code, r.name_es, r.name_en, r.ord, r.gender, r.number, r.subnational," \
    " r.body_es, r.bodies_es, r.body_en, r.bodies_en, r.society, r.proper"
#define TYPES_AS_OF(edition) \
    "(SELECT " SNAPSHOT_TYPE_COLS " FROM snapshot_reporter_type r WHERE r.edition_id = " edition \
    " UNION ALL SELECT " SNAPSHOT_TYPE_COLS " FROM reporter_type r WHERE NOT EXISTS" \
    " (SELECT 1 FROM snapshot_reporter_type x WHERE x.edition_id = " edition "))"

/* ---- the subnational units as an edition has them (migration 28, issue 16,
 * F16C, verification fault 1) ----
 * A published revision keeps the units catalog of the day it was published
 * (snapshot_state): how many units there were («4 de las 24 provincias»)
 * and their names (Annex B, the objectives' lists, the map, an action's
 * page); a live edition reads the catalog's. Every query that names or
 * counts units for an edition reads UNITS_AS_OF(EDITION) instead of state;
 * its columns are SNAPSHOT_UNIT_COLS without the "s.". Codes cannot be
 * changed on the platform, so a code is the key. */
#define SNAPSHOT_UNIT_COLS "s.code, s.name, s.abbrev, s.name_en"
#define UNITS_AS_OF(edition) \
    "(SELECT " SNAPSHOT_UNIT_COLS " FROM snapshot_state s WHERE s.edition_id = " edition \
    " UNION ALL SELECT " SNAPSHOT_UNIT_COLS " FROM state s WHERE NOT EXISTS" \
    " (SELECT 1 FROM snapshot_state x WHERE x.edition_id = " edition "))"

/* The one rule for «a subnational unit takes part» (issue 16, hostile
 * fault 4): an institution makes its unit take part only when it is of
 * the subnational type, as edition EDITION classifies both; INST_UNIT is
 * that unit's code, NULL for every other institution (a municipality that
 * names its region does not make the region take part). The figures'
 * count, `pmm check`, the map and the Informe's lists of units all read it,
 * after INST_AS_OF. */
#define INST_UNIT(edition) \
    "(CASE WHEN " INST_TYPE " IN (SELECT code FROM " TYPES_AS_OF(edition) " WHERE subnational = 1)" \
    " THEN " INST_STATE " END)"

#endif
