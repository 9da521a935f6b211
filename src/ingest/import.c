#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/catalog_load.h"
#include "ingest/import.h"
#include "store/bulk_store.h"
#include "store/trend_store.h"
#include "store/practice_store.h"   /* issue 13 (F13): a good practice's rule */
#include "analysis/trend.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"
#include "util/errtext.h"

/* The table columns of a field table, built once from it. */
static ColumnSpec action_cols[IMPORT_ACTION_NCOLS], challenge_cols[IMPORT_CHALLENGE_NCOLS];
static pthread_once_t cols_once = PTHREAD_ONCE_INIT;

static void cols_from(ColumnSpec *cols, const ActionField *f, int n) {
    for (int i = 0; i < n; i++) cols[i] = (ColumnSpec){f[i].name, f[i].required, f[i].aliases, f[i].label};
}

/* issue 14: the edition each row of pmm's CSV carries (core/action.h). */
static const ColumnSpec edition_col = {ACTION_EDITION_COLUMN, false, NULL, N_("Edición")};

static void build_cols(void) {
    cols_from(action_cols, action_fields, AF__COUNT);
    cols_from(challenge_cols, challenge_fields, CF__COUNT);
    action_cols[AF__COUNT] = challenge_cols[CF__COUNT] = edition_col;
}

bool import_action_row_unused(const char *const *vals) {
    for (int i = 0; i < AF__COUNT; i++)
        if (i != AF_INSTITUCION && *vals[i]) return false;
    return true;
}

const ColumnSpec *import_action_cols(void) {
    pthread_once(&cols_once, build_cols);
    return action_cols;
}

const ColumnSpec *import_challenge_cols(void) {
    pthread_once(&cols_once, build_cols);
    return challenge_cols;
}

void import_warn_edition(const char *file, const char *made_for, const Edition *ed) {
    if (!made_for || strcmp(made_for, ed->name) == 0) return;
    import_warn(_("%s: aviso: el archivo se hizo para la edición «%s» y se importa en la edición «%s»\n"),
            file, made_for, ed->name);
}

/* ---- formats pmm does not read (issue 14, helper D14) ----
 * An Excel 97-2003 workbook (.xls: an OLE2 compound file, D0 CF 11 E0 A1
 * B1 1A E1) reached the CSV reader, which said «contiene un byte nulo»;
 * an OpenDocument spreadsheet (.ods: a zip whose first entry, stored, is
 * «mimetype» holding application/vnd.oasis.opendocument.spreadsheet, as
 * the ODF standard requires) reached the workbook reader, which found no
 * workbook in it. Both are told by their first bytes, whatever their name. */

/* The ODF media type of the zip whose first HEAD bytes (N of them) are
 * given, or NULL: a stored first entry named «mimetype». */
static const char *odf_mimetype(const unsigned char *h, size_t n, size_t *len) {
    if (n < 30 || memcmp(h, "PK\3\4", 4) != 0 || h[8] != 0 || h[9] != 0) return NULL;
    size_t size = h[18] | (size_t)h[19] << 8 | (size_t)h[20] << 16 | (size_t)h[21] << 24;
    size_t fn = h[26] | (size_t)h[27] << 8, extra = h[28] | (size_t)h[29] << 8;
    if (fn != 8 || memcmp(h + 30, "mimetype", 8) != 0 || 38 + extra + size > n) return NULL;
    *len = size;
    return (const char *)h + 38 + extra;
}

bool import_format_readable(const char *path, const char *name, DiagList *diags) {
    const char *what = import_format_unread(path);
    if (!what) return true;
    diag_add(diags, name, 0, NULL, NULL,
             _("%s: ábralo en Excel o LibreOffice y use «Guardar como» → «Libro de Excel (.xlsx)»; "
               "después importe el .xlsx"), what);
    return false;
}

/* (F14B: split out of import_format_readable, for the web's own advice) */
const char *import_format_unread(const char *path) {
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return NULL;                      /* the reader says why it cannot open it */
    unsigned char h[512];
    size_t n = fread(h, 1, sizeof h, f), len = 0;
    fclose(f);
    static const char ods[] = "application/vnd.oasis.opendocument.spreadsheet";
    const char *mime = odf_mimetype(h, n, &len);
    const char *what = NULL;
    if (n >= 8 && memcmp(h, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        what = _("es un libro de Excel 97-2003 (.xls), un formato que pmm no lee");
    else if (mime && len >= sizeof ods - 1 && memcmp(mime, ods, sizeof ods - 1) == 0)
        what = _("es una hoja de cálculo OpenDocument (.ods), un formato que pmm no lee");
    return what;
}

/* ---- the importer ---- */

/* What the importer remembers of each action row, found by folio. */
struct ImportSeen {
    long line;
    int64_t id;        /* the action written; negated: an old action whose
                        * challenges were kept; 0: nothing written */
};

static void error(Importer *im, const char *file, long line, const char *col, const char *val,
                  const char *msg) {
    const char *letter = NULL;
    for (int i = 0; col && im->cur_letters && i < im->cur_ncols; i++)
        if (strcmp(im->cur_cols[i].name, col) == 0 && im->cur_letters[i][0])
            letter = im->cur_letters[i];
    diag_add_at(im->diags, file, line, letter, col, val, "%s", msg);
    im->writing = false;
}

bool importer_begin(Importer *im, Store *st, const Edition *ed, const char *status,
                    bool with_challenges, DiagList *diags) {
    memset(im, 0, sizeof *im);
    im->st = st;
    im->edition = ed;
    im->status = status ? status : "validada";
    im->with_challenges = with_challenges;
    im->diags = diags;
    im->writing = true;
    hmap_init(&im->folios);
    hmap_init(&im->cleared);
    /* The catalogs are read inside the write transaction, so that every id
     * the importer writes still exists when it commits. */
    if (!bulk_begin(st)) return false;
    im->began = true;
    /* issue 10, fault 13 (helper CLI): an edition not created yet (id 0,
     * as `pmm import` passes a new name) is created inside the import's
     * transaction, so that a refused import leaves no empty edition. */
    if (ed->id == 0 && !store_edition_find(st, ed->name, (Edition *)ed) &&
        !store_edition_create(st, ed->name, NULL, NULL, (Edition *)ed))
        return false;
    hmap_init(&im->institutions);
    im->cats = (ActionCatalogs){&im->inst, &im->atype, &im->pop, &im->cat, &im->obj, &im->prin, NULL};
    if (!matcher_load(&im->inst, st, CAT_INSTITUTION) ||
        !matcher_load(&im->atype, st, CAT_ACTION_TYPE) ||
        !matcher_load(&im->pop, st, CAT_POPULATION) ||
        !matcher_load(&im->cat, st, CAT_CATEGORY) ||
        !matcher_load(&im->prin, st, CAT_PRINCIPLE) ||
        !objective_titles_load(&im->obj, st))
        return false;
    const char *why = NULL;
    im->bulk = bulk_open(st, ed->id, &why);
    if (!im->bulk && why) diag_add(diags, NULL, 0, NULL, NULL, "%s", why);
    return im->bulk != NULL;
}

/* Every error of ERRS, named by the columns of FIELDS. */
static void report(Importer *im, const char *file, long line, const ActionField *fields,
                   const ActionErrors *errs) {
    for (int i = 0; i < errs->n; i++) {
        const ActionError *e = &errs->v[i];
        error(im, file, line, e->field >= 0 ? fields[e->field].name : NULL, e->value, e->message);
    }
}

/* The key under which the file's folios are told apart: the store's
 * (pmm_folio_key: "INM-01" and "inm-01" are one folio; REC3). In A. */
static const char *folio_key(Importer *im, const char *folio) { return action_folio_key(&im->arena, folio); }

/* Remembers the first row of FOLIO in this file, or reports the repeat. */
static struct ImportSeen *remember_folio(Importer *im, const char *file, long line, const char *folio) {
    int64_t k;
    const char *key = folio_key(im, folio);
    if (hmap_get(&im->folios, key, &k)) {
        error(im, file, line, "folio", folio,
              arena_printf(&im->arena, _("folio repetido: ya aparece en la línea %ld"), im->seen[k].line));
        return NULL;
    }
    if (im->nseen == im->capseen) {
        im->capseen = im->capseen ? im->capseen * 2 : 1024;
        im->seen = xrealloc(im->seen, im->capseen * sizeof *im->seen);
    }
    struct ImportSeen *seen = &im->seen[im->nseen];
    seen->line = line;
    seen->id = 0;
    hmap_put(&im->folios, key, (int64_t)im->nseen++);
    return seen;
}

static void institution_key(int64_t id, char buf[24]) { snprintf(buf, 24, "%lld", (long long)id); }

/* The action of the edition that holds A's folio, in *O (*EXISTS); a
 * folio of another institution's action is refused: a file only ever
 * creates or replaces its own institution's actions. */
static void check_folio_owner(Importer *im, const char *file, long line, const Action *a,
                              FolioOwner *o, bool *exists) {
    *exists = !bulk_edition_was_empty(im->bulk) && store_folio_owner(im->st, im->edition->id, a->folio, o);
    if (!*exists || !a->institution_id || o->institution_id == a->institution_id) return;
    error(im, file, line, "folio", a->folio, action_folio_taken(&im->arena, a->folio, o->institution));
}

/* An enlace's upload (im->only_institution) replaces only what its enlace
 * may still edit (a draft or one returned): the one rule for an action row
 * and for a challenge row of an action the file does not hold (issue 10,
 * helper RECWEB2: `VAL1,reto` in Retos replaced a validated action's
 * challenges). False, having reported it, when O may not be replaced. */
static bool scope_may_replace(Importer *im, const char *file, long line, const char *folio,
                              const FolioOwner *o) {
    if (!im->only_institution || strcmp(o->status, "borrador") == 0 || strcmp(o->status, "devuelta") == 0)
        return true;
    error(im, file, line, "folio", folio,
          arena_printf(&im->arena, _("la acción con el folio «%s» está %s: no se puede reemplazar "
                                     "desde la plantilla"), folio, o->status));
    return false;
}

/* An enlace's upload (im->only_institution) touches only its own
 * institution's rows, and replaces only what it may still edit. */
static void check_scope(Importer *im, const char *file, long line, const Action *a, const char *named,
                        const FolioOwner *o, bool exists) {
    if (!im->only_institution) return;
    if (a->institution_id && a->institution_id != im->only_institution)
        error(im, file, line, "institucion", named,
              _("esta fila es de otra institución: solo puede subir acciones de la suya"));
    else if (exists && o->institution_id == a->institution_id)
        scope_may_replace(im, file, line, a->folio, o);
}

/* The edition continua_edicion names, EDITION, into *OUT: a live edition
 * before ED; NULL, or why not (in A). */
static const char *continued_edition(Store *st, const Edition *ed, const char *edition, Arena *a, Edition *out) {
    bool before = false;
    if (!store_edition_find(st, edition, out))
        return arena_printf(a, _("no hay ninguna edición «%s»: importe antes las ediciones anteriores"), edition);
    if (!store_edition_before(st, out->id, ed->id, &before)) return store_write_error(st);
    if (!before)
        return arena_printf(a, _("la edición «%s» no es anterior a «%s» (por periodo): una acción continúa "
                                 "solo una de una edición anterior"), edition, ed->name);
    return NULL;
}

const char *continuation_by_folio(Store *st, const Edition *ed, int64_t institution_id, const char *folio,
                                  const char *edition, Arena *a, int64_t *continues, bool *on_edition,
                                  bool *first) {
    Edition prev;
    FolioOwner o;
    *on_edition = false;
    *first = !trend_previous_edition(st, ed, &prev);
    if (*first)
        return arena_printf(a, _("la edición «%s» es la primera: no hay edición anterior cuya acción "
                                 "continuar"), ed->name);
    const char *why = edition && *edition ? continued_edition(st, ed, edition, a, &prev) : NULL;
    *on_edition = why != NULL;
    if (why) return why;
    if (!store_folio_owner(st, prev.id, folio, &o))
        return edition && *edition
            ? arena_printf(a, _("no hay ninguna acción con el folio «%s» en la edición «%s»"), folio, prev.name)
            : arena_printf(a, _("no hay ninguna acción con el folio «%s» en la edición anterior, «%s»"), folio,
                           prev.name);
    if (institution_id && o.institution_id != institution_id)
        return arena_printf(a, _("la acción con el folio «%s» de la edición «%s» es de otra institución (%s): "
                                 "una acción continúa solo una de su misma institución"), folio, prev.name,
                            o.institution);
    *continues = o.id;
    return NULL;
}

const char *continuation_refused(Arena *a, ContResult c, const char *folio) {
    if (c == CONT_TAKEN)
        return arena_printf(a, _("otra acción de esta edición ya continúa la acción con el folio «%s»"), folio);
    return arena_printf(a, _("la acción con el folio «%s» no puede continuarse desde esta edición"), folio);
}

/* The action that A's continua_folio (and continua_edicion) names, in
 * *ID (0: none); false, reported, when refused.
 * Into the store's first edition (an edition's open data loaded into a new
 * database) there is nothing to link: said once, not refused, so that any
 * export imports back. */
static bool continuation_of(Importer *im, const char *file, long line, const Action *a, int64_t *id) {
    *id = 0;
    if (!a->continues_folio || !*a->continues_folio) return true;    /* empty: an existing link stays */
    bool first = false, on_edition = false;
    const char *why = continuation_by_folio(im->st, im->edition, a->institution_id, a->continues_folio,
                                            a->continues_edition, &im->arena, id, &on_edition, &first);
    if (why && first) {
        if (!im->cont_warned)
            import_warn(_("%s:%ld: aviso: la edición «%s» es la primera de esta base: no hay acción anterior que "
                          "continuar, y la columna «continua_folio» de esta fila y de las siguientes no se "
                          "vincula\n"), file, line, im->edition->name);
        im->cont_warned = true;
        return true;
    }
    if (why && on_edition) error(im, file, line, "continua_edicion", a->continues_edition, why);
    else if (why) error(im, file, line, "continua_folio", a->continues_folio, why);
    return !why;
}

/* Links action ID as continuing CONT, replacing its link. */
static void link_continuation(Importer *im, const char *file, long line, int64_t id, int64_t cont,
                              const char *folio) {
    ContResult c = store_continuation_set(im->st, id, cont);
    if (c == CONT_FAIL) error(im, file, line, NULL, NULL, store_write_error(im->st));
    else if (c != CONT_OK) error(im, file, line, "continua_folio", folio, continuation_refused(&im->arena, c, folio));
}

/* A replaced action that is a good practice keeps a guiding principle
 * (practice_store.h's rule; issue 13, F13, fault 3). */
static void keeps_practice_rule(Importer *im, const char *file, long line, int64_t id, const char *principles) {
    bool broken = false;
    if (!store_practice_untagged(im->st, id, &broken)) error(im, file, line, NULL, NULL, store_write_error(im->st));
    else if (broken) error(im, file, line, "principios", principles ? principles : "", practice_principle_rule());
}

bool importer_action(Importer *im, const char *file, long line, const char *const *v) {
    im->cur_cols = import_action_cols();
    im->cur_ncols = IMPORT_ACTION_NCOLS;
    im->cur_letters = im->action_letters;
    im->stats.rows++;
    ActionErrors errs = {0};
    Action a;
    action_parse(&im->cats, v, &im->arena, &a, &errs);
    report(im, file, line, action_fields, &errs);
    a.status = im->status;
    struct ImportSeen *seen = *a.folio ? remember_folio(im, file, line, a.folio) : NULL;
    FolioOwner o;
    bool exists = false;
    if (*a.folio) check_folio_owner(im, file, line, &a, &o, &exists);
    check_scope(im, file, line, &a, v[AF_INSTITUCION], &o, exists);
    int64_t cont = 0;
    continuation_of(im, file, line, &a, &cont);
    char key[24];
    institution_key(a.institution_id, key);
    if (a.institution_id) hmap_put(&im->institutions, key, 1);
    if (!im->writing) {                      /* keep validating, write nothing */
        arena_free(&im->arena);
        return true;
    }
    /* A new folio is only inserted; an old one is replaced, its links
     * and (when a challenges file comes) its challenges with it. */
    int64_t id = 0;
    bool is_new = !exists;
    const char *before = is_new ? NULL : bulk_action_state(im->bulk, o.id, &im->arena);
    bool ok = is_new
        ? bulk_action_insert(im->bulk, &a, &id)
        : store_action_upsert(im->st, im->edition->id, &a, &id, &is_new) &&
          store_action_links(im->st, id, &a) &&
          (!im->with_challenges || store_challenges_clear(im->st, id));
    ok = ok && bulk_audit(im->bulk, id, before ? "reemplazo por importación" : "importación", before, file);
    if (!ok) error(im, file, line, NULL, NULL, store_write_error(im->st));
    if (ok && cont) link_continuation(im, file, line, id, cont, a.continues_folio);
    if (ok && !is_new) keeps_practice_rule(im, file, line, id, v[AF_PRINCIPIOS]);    /* issue 13 (F13) */
    if (ok && seen) seen->id = is_new || im->with_challenges ? id : -id;
    if (ok && is_new) im->stats.inserted++;
    else if (ok) im->stats.updated++;
    arena_free(&im->arena);
    return true;
}

/* The action of the edition that a challenge row names by FOLIO when the
 * file has no action row of that folio: it must be there, and be an action
 * of an institution this file reports (challenges follow their action's
 * owner). 0 after an error. */
static int64_t challenge_owner(Importer *im, const char *file, long line, const char *folio) {
    FolioOwner o;
    if (!store_folio_owner(im->st, im->edition->id, folio, &o)) {
        error(im, file, line, "folio", folio,
              _("el folio no corresponde a ninguna acción del archivo de acciones ni de la edición"));
        return 0;
    }
    char key[24];
    institution_key(o.institution_id, key);
    if (hmap_get(&im->institutions, key, NULL))
        return scope_may_replace(im, file, line, folio, &o) ? o.id : 0;   /* RECWEB2 */
    error(im, file, line, "folio", folio,
          arena_printf(&im->arena, _("el folio «%s» es de una acción de %s, que el archivo de acciones "
                                     "no reporta; una instancia solo reemplaza los retos de sus "
                                     "propias acciones"),
                       folio, o.institution));
    return 0;
}

bool importer_challenge(Importer *im, const char *file, long line, const char *const *v) {
    im->cur_cols = import_challenge_cols();
    im->cur_ncols = IMPORT_CHALLENGE_NCOLS;
    im->cur_letters = im->challenge_letters;
    ActionErrors errs = {0};
    const char *folio = action_text(&im->arena, v[CF_FOLIO]);
    if (action_field_check(&challenge_fields[CF_FOLIO], CF_FOLIO, folio, &im->arena, &errs))
        folio = action_folio(&im->arena, folio);
    else
        folio = "";                           /* reported; text_key needs valid UTF-8 */
    Challenge ch;
    challenge_parse(&im->cats, v[CF_RETO], v[CF_CATEGORIA], &im->arena, &ch, &errs);
    report(im, file, line, challenge_fields, &errs);
    int64_t action_id = 0, k;
    bool in_file = *folio && hmap_get(&im->folios, folio_key(im, folio), &k);
    if (in_file) action_id = im->seen[k].id;
    bool old = !in_file || action_id < 0;     /* may hold challenges to replace */
    if (action_id < 0) action_id = -action_id;
    if (*folio && !in_file) action_id = challenge_owner(im, file, line, folio);
    bool ok = im->writing && action_id;
    /* Challenges of an action already in the edition but not in this
     * acciones file are replaced too, the first time one is seen. */
    if (ok && old && !hmap_get(&im->cleared, folio_key(im, folio), NULL)) {
        /* an action whose challenges alone the file replaces: audited too */
        const char *before = bulk_action_state(im->bulk, action_id, &im->arena);
        ok = bulk_challenges_replace(im->bulk, action_id) &&
             bulk_audit(im->bulk, action_id, "retos reemplazados por importación", before, file);
        if (!ok) error(im, file, line, NULL, NULL, store_write_error(im->st));
        hmap_put(&im->cleared, folio_key(im, folio), 1);
    }
    if (ok && !bulk_challenge_insert(im->bulk, action_id, ch.text, ch.category_id)) {
        error(im, file, line, NULL, NULL, store_write_error(im->st));
        ok = false;
    }
    if (ok) im->stats.challenges++;
    arena_free(&im->arena);
    return true;
}

/* issue 14 (helper D14): a row that says it is of another edition is
 * refused. Unlike a workbook made for another edition (a warning: a
 * template is a form to fill), a row of pmm's CSV is a record of its
 * edition; taking it into another one is a mistake, not a reuse. */
static void check_edition_cell(Importer *im, const char *file, long line, const char *v) {
    if (!*v || strcmp(v, im->edition->name) == 0) return;
    error(im, file, line, ACTION_EDITION_COLUMN, v,
          arena_printf(&im->arena, _("la fila es de la edición «%s» y se importa en la edición «%s»: "
                                     "impórtela en su edición, o quite la columna «%s» para pasarla a "
                                     "esta"),
                       v, im->edition->name, ACTION_EDITION_COLUMN));
}

bool importer_action_row(Importer *im, const char *file, long line, const char *const *v) {
    im->cur_cols = import_action_cols();
    im->cur_ncols = IMPORT_ACTION_NCOLS;
    im->cur_letters = im->action_letters;
    check_edition_cell(im, file, line, v[AF__COUNT]);
    return importer_action(im, file, line, v);
}

bool importer_challenge_row(Importer *im, const char *file, long line, const char *const *v) {
    im->cur_cols = import_challenge_cols();
    im->cur_ncols = IMPORT_CHALLENGE_NCOLS;
    im->cur_letters = im->challenge_letters;
    check_edition_cell(im, file, line, v[CF__COUNT]);
    return importer_challenge(im, file, line, v);
}

bool importer_end(Importer *im, bool commit) {
    bool want = commit && im->writing && im->diags->total == 0 && im->bulk;
    bool ok = im->began && bulk_end(im->st, want);
    if (want && !ok) diag_add(im->diags, NULL, 0, NULL, NULL, "%s", store_write_error(im->st));
    matcher_free(&im->inst);
    matcher_free(&im->atype);
    matcher_free(&im->pop);
    matcher_free(&im->cat);
    matcher_free(&im->obj);
    matcher_free(&im->prin);
    bulk_close(im->bulk);
    im->bulk = NULL;
    hmap_free(&im->folios);
    free(im->seen);
    im->seen = NULL;
    hmap_free(&im->cleared);
    hmap_free(&im->institutions);
    arena_free(&im->arena);
    return ok;
}

/* ---- the CSV import: reading in a second thread ----
 *
 * Parsing the files (libcsv, the UTF-8 check, trimming) is about a fifth
 * of an import, checking and SQLite's writes the rest. A reader thread
 * parses both files, one after the other, and hands their rows over in
 * batches through a ring of NBATCH; the calling thread checks and writes
 * every row in file order, exactly as it would have read them itself, so
 * the messages, the ids and the outcome are those of one thread. The reader
 * touches neither the Importer nor SQLite.
 *
 * The reader's own messages (a bad header, a bad quote, invalid UTF-8)
 * travel with the batch they were found in. A bad header stops the reading
 * of that file before any of its rows, and every other message stops it
 * after the rows already read, so they are added after the batch's rows. */

#define BATCH_ROWS 512
#define BATCH_BYTES (1u << 20)
#define NBATCH 4

typedef struct {
    int file;                 /* 0: acciones, 1: retos */
    size_t nrows;
    long line[BATCH_ROWS];
    uint32_t val[BATCH_ROWS][TABLE_MAX_COLS];   /* offsets into buf */
    Str buf;                  /* the values, each NUL-terminated */
    DiagList diags;           /* the reader's messages with these rows */
    bool end;                 /* the last batch of its file: */
    bool ok;                  /* what table_read said of the file */
    long rows;                /* the file's data rows */
} Batch;

typedef struct {
    const ImportFile *files[2];
    int nfiles;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    Batch b[NBATCH];
    int head, count;          /* full batches: b[head], ... count of them */
    /* the reader's side */
    Batch *cur;               /* the batch being filled, or NULL */
    int file;
    int ncols;
    DiagList diags;           /* messages since the last batch handed over */
} Pipe;

/* The reader: a free batch to fill (the one after the full ones). */
static Batch *pipe_acquire(Pipe *p) {
    pthread_mutex_lock(&p->mu);
    while (p->count == NBATCH) pthread_cond_wait(&p->changed, &p->mu);
    Batch *b = &p->b[(p->head + p->count) % NBATCH];
    pthread_mutex_unlock(&p->mu);
    b->file = p->file;
    b->nrows = 0;
    str_clear(&b->buf);
    diag_free(&b->diags);
    b->end = b->ok = false;
    b->rows = 0;
    return b;
}

/* The reader: hands the batch being filled over, with its messages. */
static void pipe_push(Pipe *p) {
    Batch *b = p->cur;
    b->diags = p->diags;             /* the readers keep pointing at p->diags */
    diag_init(&p->diags);
    p->cur = NULL;
    pthread_mutex_lock(&p->mu);
    p->count++;
    pthread_cond_signal(&p->changed);
    pthread_mutex_unlock(&p->mu);
}

static bool pipe_row(void *ctx, long line, const char *const *vals) {
    Pipe *p = ctx;
    if (!p->cur) p->cur = pipe_acquire(p);
    Batch *b = p->cur;
    b->line[b->nrows] = line;
    for (int c = 0; c < p->ncols; c++) {
        b->val[b->nrows][c] = (uint32_t)b->buf.len;
        str_append(&b->buf, vals[c], strlen(vals[c]) + 1);
    }
    if (++b->nrows == BATCH_ROWS || b->buf.len >= BATCH_BYTES) pipe_push(p);
    return true;
}

static void *pipe_reader(void *arg) {
    Pipe *p = arg;
    for (int f = 0; f < p->nfiles; f++) {
        const ImportFile *in = p->files[f];
        p->file = f;
        p->ncols = f == 0 ? IMPORT_ACTION_NCOLS : IMPORT_CHALLENGE_NCOLS;
        TableReader t = {.cols = f == 0 ? import_action_cols() : import_challenge_cols(),
                         .ncols = p->ncols, .file = in->name, .diags = &p->diags,
                         .row = pipe_row, .ctx = p, .csv_guard = true,
                         .unused = f == 0 ? import_action_row_unused : NULL};
        bool ok = table_read(&t, in->path, in->data, in->size);
        if (!p->cur) p->cur = pipe_acquire(p);
        p->cur->end = true;
        p->cur->ok = ok;
        p->cur->rows = t.rows;
        pipe_push(p);
    }
    return NULL;
}

/* The calling thread: the oldest full batch. */
static Batch *pipe_take(Pipe *p) {
    pthread_mutex_lock(&p->mu);
    while (p->count == 0) pthread_cond_wait(&p->changed, &p->mu);
    Batch *b = &p->b[p->head];
    pthread_mutex_unlock(&p->mu);
    return b;
}

static void pipe_release(Pipe *p) {
    pthread_mutex_lock(&p->mu);
    p->head = (p->head + 1) % NBATCH;
    p->count--;
    pthread_cond_signal(&p->changed);
    pthread_mutex_unlock(&p->mu);
}

/* Checks and writes the rows of batch B; true when it ends its file. */
static bool import_batch(Importer *im, Pipe *p, Batch *b, bool *ok) {
    const ImportFile *in = p->files[b->file];
    for (size_t r = 0; r < b->nrows; r++) {
        const char *vals[TABLE_MAX_COLS];
        for (int c = 0; c < (b->file == 0 ? IMPORT_ACTION_NCOLS : IMPORT_CHALLENGE_NCOLS); c++)
            vals[c] = b->buf.p + b->val[r][c];
        if (b->file == 0) importer_action_row(im, in->name, b->line[r], vals);
        else importer_challenge_row(im, in->name, b->line[r], vals);
    }
    diag_append(im->diags, &b->diags);
    if (!b->end) return false;
    if (b->file == 0 && b->ok && b->rows == 0)
        diag_add(im->diags, in->name, 0, NULL, NULL, _("el archivo no tiene ninguna acción"));
    *ok = b->ok && *ok;
    return true;
}

/* Reads ACCIONES and RETOS (NULL: none) into IM; false on a format error. */
static bool import_files(Importer *im, const ImportFile *acciones, const ImportFile *retos) {
    Pipe *p = xcalloc(1, sizeof *p);           /* 200 KB: not on the stack */
    p->files[0] = acciones;
    p->files[1] = retos;
    p->nfiles = retos ? 2 : 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->changed, NULL);
    pthread_t reader;
    int err = pthread_create(&reader, NULL, pipe_reader, p);
    bool ok = err == 0;
    if (err) diag_add(im->diags, NULL, 0, NULL, NULL, "%s", errtext(err));
    /* every batch is taken, whatever it holds, so the reader always ends */
    for (int done = 0; !err && done < p->nfiles; pipe_release(p))
        done += import_batch(im, p, pipe_take(p), &ok);
    if (!err) pthread_join(reader, NULL);
    for (int i = 0; i < NBATCH; i++) {
        str_free(&p->b[i].buf);
        diag_free(&p->b[i].diags);
    }
    diag_free(&p->diags);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return ok;
}

bool import_csv(Store *st, const Edition *ed, const ImportFile *acciones,
                const ImportFile *retos, const char *status, bool dry_run,
                ImportStats *stats, DiagList *diags) {
    bool readable = import_format_readable(acciones->path, acciones->name, diags);
    if (retos) readable = import_format_readable(retos->path, retos->name, diags) && readable;
    if (!readable) return false;
    Importer im;
    if (!importer_begin(&im, st, ed, status, retos != NULL, diags)) {
        if (diags->total == 0) diag_add(diags, NULL, 0, NULL, NULL, "%s", store_write_error(st));
        importer_end(&im, false);
        return false;
    }
    bool ok = import_files(&im, acciones, retos);
    *stats = im.stats;
    bool clean = ok && diags->total == 0;
    bool committed = importer_end(&im, clean && !dry_run);
    return dry_run ? clean : committed;
}
