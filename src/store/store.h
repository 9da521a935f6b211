#ifndef PMM_STORE_H
#define PMM_STORE_H
/*
 * The store: every SQL statement pmm runs lives in src/store/, behind these
 * functions, always as prepared statements with bound parameters. Callers
 * never see SQL, so another back end (PostgreSQL) can be added here alone.
 */
#include <stdbool.h>
#include <stdint.h>
#include "core/action.h"
#include "core/campaign.h"
#include "core/match.h"
#include "util/str.h"

typedef struct Store Store;

#define STORE_SCHEMA_VERSION 28

/* Opens (and with CREATE, creates) the database at PATH, runs pending
 * migrations, and refuses a file whose schema is newer than this binary.
 * On failure returns NULL and writes the reason to ERR. */
Store *store_open(const char *path, bool create, Str *err);
/* The same for a connection that only the calling thread ever uses (a
 * command of the CLI): SQLite then takes no mutex on each call, which is
 * 3 % of an import's instructions. */
Store *store_open_single(const char *path, bool create, Str *err);
/* Issue 15 (S15C): an old file that cannot be written is read by
 * store_open_single through a migrated copy in memory (the file untouched;
 * writes refused with store_readonly_reason), and by store_open_as_is
 * without migrating, for a page-by-page copy (pmm backup) only.
 * store_old_schema is then the file's schema, else 0. */
Store *store_open_as_is(const char *path, Str *err);
int store_old_schema(Store *st);
void store_close(Store *st);
const char *store_errmsg(Store *st);
int store_schema_version(Store *st);

/* Transactions. begin takes the write lock at once (BEGIN IMMEDIATE). */
bool store_begin(Store *st);
bool store_commit(Store *st);
void store_rollback(Store *st);
/* Why the database could not be written (issue 10, fault 13): the last
 * failure of this connection that came from the database itself (locked by
 * another program, disk full, read-only file, I/O error, damaged file), told
 * in Spanish with the file's name, and kept across the ROLLBACK that resets
 * SQLite's own message. store_write_failed is true once there was one. */
const char *store_write_error(Store *st);
bool store_write_failed(Store *st);
/* Issue 15 (helper SERVER): the failure of the database itself (SQLite's
 * primary code: SQLITE_BUSY when another process held the write lock past
 * the busy timeout, SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, ...) met
 * since store_failure_clear, or 0. The server clears it per request. */
void store_failure_clear(Store *st);
int store_failure(Store *st);
#define STORE_FAILURE_BUSY 5             /* SQLITE_BUSY (db.c checks) */
/* Issue 15 (F15): why this thread's last store_open failed, SQLite's
 * primary code (SQLITE_NOMEM 7: out of memory), or 0. */
int store_open_failure(void);
#define STORE_FAILURE_NOMEM 7            /* SQLITE_NOMEM (db.c checks) */
/* Why CODE (a store_failure) stopped a write, in the user's language. */
const char *store_failure_cause(int code);
/* store_begin that gives up at once, leaving no failure noted, when
 * another thread or process holds the write lock (the search's catch-up:
 * a read must not wait for, nor fail on, a write it only does in passing). */
bool store_try_begin(Store *st);
/* Why the database was opened read-only (a full disk, a file or folder
 * that may not be written), or NULL when it was opened for writing. */
const char *store_readonly_reason(Store *st);
/* Issue 15 (helper S15): whether ST should be replaced by a new
 * store_open: it was opened read-only and a second has passed since it
 * was opened or last asked (the disk may have room again, the file may be
 * writable), or it was opened immutable and its file has changed since
 * (store_stale). A long-running reader (pmm serve) asks before each use. */
bool store_reopen_due(Store *st);
/* Whether ST was opened immutable (no -shm could be made beside it) and
 * its file was since replaced or written: its pages may be stale, so it
 * must not be read again. */
bool store_stale(Store *st);
/* The busy timeout of connections opened from now on, in milliseconds
 * (pmm serve --busy-timeout). */
void store_set_busy_timeout(int ms);
/* At most N writers of this process queued for the write lock (the one
 * writing included); the next is refused as busy at once. 0: no cap. */
void store_set_writer_cap(int n);

/* ---- catalogs (catalog_store.c) ---- */
/* The grammar and nouns of a reporter type (migration 24): GENDER "f" or
 * "m" and NUMBER "sg" or "pl" of its Spanish name, whether its bodies are
 * the subnational governments, and the nouns for one and several of its
 * bodies ("gobierno estatal", "gobiernos estatales"; "" for none). */
typedef struct {
    const char *gender, *number;
    bool subnational;
    bool society;      /* its bodies are not public bodies: whole-of-society (migration 24, issue 13) */
    const char *body_es, *bodies_es, *body_en, *bodies_en;
    bool proper;       /* its Spanish name is a proper name, kept as written (migration 26, issue 16) */
} RtypeGrammar;
bool store_put_reporter_type(Store *st, const char *code, const char *name_es,
                             const char *name_en, int ord, const RtypeGrammar *g);
bool store_put_state(Store *st, const char *code, const char *name, const char *name_en,
                     const char *abbrev);
/* SHORT_ES, SHORT_EN: the objective's short label ("": none, the full title is used). */
bool store_put_objective(Store *st, int n, const char *title_es, const char *title_en, const char *short_es,
                         const char *short_en);
bool store_put_action_type(Store *st, const char *name, const char *name_en, int ord);
/* Issue 13: guiding principle N (1-10), and the IMRF roundtable (1-4) of an
 * objective; ONLY_UNSET leaves a roundtable already set (edited). */
bool store_put_principle(Store *st, int n, const char *name_es, const char *name_en, const char *desc_es,
                         const char *desc_en);
bool store_set_roundtable(Store *st, int objective, int roundtable, bool only_unset);
/* Whether a database filled before issue 13 lacks the principles or the
 * objectives' roundtables (catalog_load_new() adds them). */
bool store_principles_missing(Store *st);
bool store_put_population(Store *st, const char *code, const char *name,
                          const char *name_en, int ord);
bool store_put_category(Store *st, const char *name, const char *definition,
                        const char *name_en, const char *definition_en, int ord);
/* Institutions are put in two passes: rows first, then parents, since a
 * parent may come later in the file. */
bool store_put_institution(Store *st, const char *acronym, const char *name,
                           const char *type, const char *state_code);
bool store_set_institution_parent(Store *st, const char *acronym, const char *parent);
/* Every other name the thing is written as; KIND is a catalog table name. */
bool store_put_alias(Store *st, const char *kind, int64_t id, const char *alias);
int64_t store_institution_id(Store *st, const char *acronym);
int64_t store_state_id(Store *st, const char *code);
int64_t store_population_id(Store *st, const char *code);
int64_t store_category_id(Store *st, const char *name);
bool store_clear_aliases(Store *st);

/* Calls FN once per name the catalog knows for each entry: the display name
 * with PRIMARY true, then acronym, code and aliases with PRIMARY false. */
typedef void (*CatalogNameFn)(void *ctx, int64_t id, const char *name, bool primary);
bool store_catalog_names(Store *st, CatalogKind kind, CatalogNameFn fn, void *ctx);

/* Listing for `pmm catalog`: each row's cells, NULL-terminated, in a fixed
 * order given per catalog (see catalog_store.c). */
typedef void (*CatalogRowFn)(void *ctx, int ncols, const char *const *cells);
bool store_catalog_rows(Store *st, const char *catalog, CatalogRowFn fn, void *ctx);
/* The institutions as edition EDITION_ID has them (a published revision:
 * those it kept, named and classified as it kept them): acronym, name,
 * type, unit (catalog_store.c). */
bool store_institutions_of(Store *st, int64_t edition_id, CatalogRowFn fn, void *ctx);
/* The subnational units as edition EDITION_ID has them (0: the catalog's):
 * code, name, by code (catalog_store.c). */
bool store_units_of(Store *st, int64_t edition_id, CatalogRowFn fn, void *ctx);

/* ---- editions (edition_store.c) and actions (action_store.c) ---- */
typedef struct {
    int64_t id;
    char name[EDITION_NAME_MAX * 4 + 1];
    char period_start[16], period_end[16];
    char state[16];
    /* The latest revision published (0: none recorded yet) and its date.
     * For a revision itself (store_edition_public, store_edition_revision)
     * ID is its snapshot's, NAME the edition's and REVISION its number. */
    int revision;
    char published_at[24];
} Edition;

bool store_edition_find(Store *st, const char *name, Edition *out);   /* false if none */
/* The live edition whose name looks like NAME: the same under text_key
 * (NFKC, case folded, invisible characters ignored: "２０２５" is "2025").
 * A new edition must have a name no other edition has in this sense
 * (issue 10, hostile fault 7); store_edition_create refuses it too. */
bool store_edition_alike(Store *st, const char *name, Edition *out);
/* Creates the edition; refuses a name edition_name_check refuses, or one
 * store_edition_alike finds (callers say why first). */
bool store_edition_create(Store *st, const char *name, const char *start,
                          const char *end, Edition *out);
/* STATE is abierta, en_revision or publicada. Publishing records the next
 * revision (see store_edition_set_state_by); leaving publicada opens the
 * edition for corrections while the public keeps its last revision. */
bool store_edition_set_state(Store *st, int64_t edition_id, const char *state);
/* The preamble of the edition's report; NULL restores the default text. */
bool store_edition_set_preamble(Store *st, int64_t edition_id, const char *text);
/* Whether the actions of EDITION_ID may be written now (created, edited,
 * imported, submitted, returned, validated): a published edition is frozen.
 * Call it inside the write transaction that it guards. When it says no,
 * *WHY (if given) is a translated sentence for the person. */
bool store_edition_accepts_changes(Store *st, int64_t edition_id, const char **why);
typedef void (*EditionFn)(void *ctx, const Edition *e, long actions);
/* Every live edition, in the one order of editions (EDITION_ORDER_COLS,
 * trend_store.h): by period, earliest first; editions without a period
 * last; ties by name. A trend reads it forward; a listing shows the newest
 * first by reading it backward, and «the newest edition» is the last one
 * that fits (issue 13, F13B: never the one created or published last). */
bool store_edition_list(Store *st, EditionFn fn, void *ctx);
/* The number of actions of edition (or revision snapshot) EDITION_ID. */
bool store_edition_action_count(Store *st, int64_t edition_id, long *n);

/* ---- publication and revisions (edition_store.c) ----
 * Publishing edition E copies its validated actions (with objectives,
 * types, populations and challenges) into a hidden snapshot edition and
 * records revision N = 1, 2, ... with its date; the public reads the latest
 * snapshot, so corrections made while E is open again stay internal until
 * the next publication. An edition published before revisions existed
 * (state publicada, no revision) is its own revision 1 until it is opened
 * for corrections or published again, which records that revision 1. */

/* Sets the state of EDITION_ID as above, in one savepoint (inside the
 * caller's transaction if any). USER_ID (0: none) and NOTE go with a new
 * revision; *REVISION (if given) is the revision recorded, 0 when none. */
bool store_edition_set_state_by(Store *st, int64_t edition_id, const char *state,
                                int64_t user_id, const char *note, int *revision);
/* The edition named NAME as the public sees it: its latest revision, or the
 * edition itself when it is published without one. False if not public. */
bool store_edition_public(Store *st, const char *name, Edition *out);
/* Revision N of the edition named NAME; false if there is none. */
bool store_edition_revision(Store *st, const char *name, int n, Edition *out);
/* Every revision of EDITION_ID, oldest first: number, date, who, note. */
typedef void (*RevisionFn)(void *ctx, int n, const char *published_at, const char *by,
                           const char *note);
bool store_edition_revisions(Store *st, int64_t edition_id, RevisionFn fn, void *ctx);

/* Inserts the action A (core/action.h: its folio, institution, texts,
 * Sí/No, beneficiaries and status), or updates the one with the same folio
 * in the edition; *IS_NEW tells which. Links are replaced by
 * store_action_links. */
bool store_action_upsert(Store *st, int64_t edition_id, const Action *a,
                         int64_t *id, bool *is_new);
/* Replaces the links of action ACTION_ID with A's: objectives (in order),
 * action types, populations, guiding principles. */
bool store_action_links(Store *st, int64_t action_id, const Action *a);
bool store_action_id_by_folio(Store *st, int64_t edition_id, const char *folio, int64_t *id);
/* The action that holds FOLIO in the edition, and its institution: whose
 * folio it is (a file only ever replaces its own institution's actions). */
typedef struct {
    int64_t id, institution_id;
    char institution[64];        /* acronym */
    char status[16];             /* its state (issue 11: an upload replaces only what its enlace may edit) */
} FolioOwner;
bool store_folio_owner(Store *st, int64_t edition_id, const char *folio, FolioOwner *out);
bool store_challenges_clear(Store *st, int64_t action_id);
bool store_challenge_add(Store *st, int64_t action_id, const char *text, int64_t category_id);

/* ---- figures (figures_store.c) ---- */
#include "core/figures.h"
/* Computes the figures of EDITION from the records: validated actions only,
 * or every action when ALL_STATUSES. */
bool store_figures(Store *st, const Edition *edition, bool all_statuses, Figures *out);

#endif
