#ifndef PMM_IMPORT_H
#define PMM_IMPORT_H
/*
 * Import of actions and challenges in the interchange format
 * (docs/interchange.md), all or nothing: rows are validated and written
 * inside one transaction, and on any error the transaction is rolled back,
 * so the database is exactly as before.
 *
 * The Importer takes rows from any reader (CSV here, XLSX elsewhere): each
 * row comes with the file name and line (or sheet row) that errors name.
 */
#include <stdbool.h>
#include "core/action.h"
#include "core/match.h"
#include "ingest/table.h"
#include "store/store.h"
#include "store/trend_store.h"   /* ContResult (issue 13, F13) */
#include "util/diag.h"
#include "util/hmap.h"

/* The columns of an acciones / retos table, derived from action_fields
 * and challenge_fields (their names, labels, aliases and whether they are
 * required), then the optional column ACTION_EDITION_COLUMN that pmm's CSV
 * carries (issue 14): IMPORT_ACTION_NCOLS / IMPORT_CHALLENGE_NCOLS of them.
 * A table reader hands a row over to importer_action_row /
 * importer_challenge_row, which check the edition cell. */
#define IMPORT_ACTION_NCOLS (AF__COUNT + 1)
#define IMPORT_CHALLENGE_NCOLS (CF__COUNT + 1)
const ColumnSpec *import_action_cols(void);
const ColumnSpec *import_challenge_cols(void);
/* The one rule of a blank acciones row (issue 14): nothing but the
 * institution, which the template pre-fills in each of its rows, is
 * written. For TableReader.unused. */
bool import_action_row_unused(const char *const *vals);

typedef struct {
    long rows;            /* action rows read */
    long inserted;        /* new actions */
    long updated;         /* actions replaced (same folio) */
    long challenges;      /* challenges written */
} ImportStats;

typedef struct {
    Store *st;
    const Edition *edition;
    const char *status;          /* state given to imported actions */
    bool with_challenges;        /* a challenges file comes: replace them (JSON: per action) */
    DiagList *diags;
    ImportStats stats;
    bool writing;                /* false after the first error */
    bool began;                  /* the transaction is open */
    Matcher inst, atype, pop, cat, obj, prin;
    ActionCatalogs cats;         /* pointing at the four above */
    HMap folios;                 /* folio -> index in seen, for this import */
    struct ImportSeen *seen;     /* per action row: its line and the id written */
    size_t nseen, capseen;
    HMap cleared;                /* old actions whose challenges were cleared */
    HMap institutions;           /* ids of the institutions the file's actions report */
    struct BulkStore *bulk;      /* insert-only statements for new actions */
    Arena arena;
    /* From a spreadsheet: the column letter of each field ("" if absent),
     * so that errors read "columna C «objetivos»". NULL for CSV. */
    const char (*action_letters)[8];
    const char (*challenge_letters)[8];
    const ColumnSpec *cur_cols;  /* the kind of row being checked */
    int cur_ncols;
    const char (*cur_letters)[8];
    /* issue 11 (an enlace's upload on the web): when not 0, every row must
     * name this institution, and replaces only an action its enlace may
     * still edit (a draft or one returned). */
    int64_t only_institution;
    bool cont_warned;            /* issue 13 (F13): the first edition's continua_folio was said */
} Importer;

/* issue 13 (F13): the action that column continua_folio names, FOLIO, for
 * an action of INSTITUTION_ID in edition ED: an action with that folio, of
 * the same institution, in the edition that column continua_edicion names,
 * EDITION (R13B: any live edition before ED in trend order), or when that
 * is empty in the edition right before ED. Its id in *CONTINUES; NULL, or
 * the message (in A) that says why not, *ON_EDITION when it is the
 * edition's fault, *FIRST when it is because ED is the store's first
 * edition. The one check of the import and the API. */
const char *continuation_by_folio(Store *st, const Edition *ed, int64_t institution_id, const char *folio,
                                  const char *edition, Arena *a, int64_t *continues, bool *on_edition,
                                  bool *first);
/* The message (in A) for a link store_continuation_set refused (C not
 * CONT_OK nor CONT_FAIL), FOLIO naming the action continued. */
const char *continuation_refused(Arena *a, ContResult c, const char *folio);

/* Warns on stderr when FILE, made by pmm for the edition MADE_FOR (NULL:
 * not known), is imported into another edition ED (issue 10, hostile
 * fault 9): a template or export of 2025 loaded into 2026 by mistake. */
void import_warn_edition(const char *file, const char *made_for, const Edition *ed);

/* Opens the transaction and loads the catalogs. */
bool importer_begin(Importer *im, Store *st, const Edition *ed, const char *status,
                    bool with_challenges, DiagList *diags);
/* VALS in the order of action_fields / challenge_fields. */
bool importer_action(Importer *im, const char *file, long line, const char *const *vals);
bool importer_challenge(Importer *im, const char *file, long line, const char *const *vals);
/* The same for a row of a table (IMPORT_*_NCOLS values): a value in its
 * edition column other than the import's edition is refused first. */
bool importer_action_row(Importer *im, const char *file, long line, const char *const *vals);
bool importer_challenge_row(Importer *im, const char *file, long line, const char *const *vals);
/* Commits when there was no error and COMMIT is true; otherwise rolls back.
 * Returns true when committed. */
bool importer_end(Importer *im, bool commit);

/* A CSV to import: a file at PATH, or SIZE bytes at DATA; NAME is what
 * errors call it. */
typedef struct {
    const char *name;
    const char *path;
    const char *data;
    size_t size;
} ImportFile;

/* False, with an error naming the file and telling to save it as .xlsx,
 * when the file at PATH is a spreadsheet of a format pmm does not read:
 * an Excel 97-2003 workbook (.xls) or an OpenDocument one (.ods). Every
 * import (CSV, workbook, the web upload) asks it first (issue 14). */
bool import_format_readable(const char *path, const char *name, DiagList *diags);
/* What the file at PATH is when it is such a spreadsheet ("es un libro de
 * Excel 97-2003 (.xls), …"), else NULL (F14B: the web says its own next step). */
const char *import_format_unread(const char *path);

/* The whole CSV import: ACCIONES and optionally RETOS (NULL). With DRY_RUN
 * everything is checked and nothing is kept. */
bool import_csv(Store *st, const Edition *ed, const ImportFile *acciones,
                const ImportFile *retos, const char *status, bool dry_run,
                ImportStats *stats, DiagList *diags);

/* The whole XLSX import from the workbook at PATH (called NAME in errors):
 * its sheet "Acciones" (or its only sheet) and its sheet "Retos" when it
 * has one; or, with RETOS_PATH, the challenges of that CSV or workbook. */
bool import_xlsx(Store *st, const Edition *ed, const char *path, const char *name,
                 const char *retos_path, const char *status, bool dry_run,
                 ImportStats *stats, DiagList *diags);

/* import_xlsx for one institution's focal point (issue 11): rows of
 * another institution, and replacements of actions under review or
 * validated (their rows or their challenges), are refused with their row.
 * USER_ID, the enlace's account, is the user of the audit entries (issue
 * 10, helper RECWEB2). */
bool import_xlsx_for(Store *st, const Edition *ed, const char *path, const char *name,
                     int64_t institution_id, int64_t user_id, const char *status, ImportStats *stats,
                     DiagList *diags);

/* The import of a JSON export (pmm export --format json) at PATH. */
bool import_json(Store *st, const Edition *ed, const char *path, const char *name,
                 const char *status, bool dry_run, ImportStats *stats, DiagList *diags);
/* True when the file at PATH starts with '{' (after white space or a BOM). */
bool import_is_json(const char *path);

#endif
