#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/import.h"
#include "store/bulk_store.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/text.h"

const ColumnSpec import_action_cols[AC__COUNT] = {
    [AC_FOLIO] = {"folio", true, "clave;id"},
    [AC_INSTITUCION] = {"institucion", true, "instancia;dependencia;siglas;institución reportante"},
    [AC_OBJETIVOS] = {"objetivos", true, "objetivo;objetivos pmm;objetivos gcm"},
    [AC_NOMBRE] = {"nombre", true, "nombre de la accion;accion;programa"},
    [AC_DESCRIPCION] = {"descripcion", false, NULL},
    [AC_TIPO_ACCION] = {"tipo_accion", false, "tipo de accion;tipos de accion;tipo"},
    [AC_POBLACION] = {"poblacion", false, "poblacion atendida;tipo de poblacion"},
    [AC_ENFOQUE_GENERO] = {"enfoque_genero", false, "enfoque de genero;genero"},
    [AC_DISCAPACIDAD] = {"discapacidad", false, "atencion a personas con discapacidad"},
    [AC_BENEFICIARIOS] = {"beneficiarios", false, "personas beneficiarias"},
    [AC_RESULTADOS] = {"resultados", false, NULL},
};

const ColumnSpec import_challenge_cols[RC__COUNT] = {
    [RC_FOLIO] = {"folio", true, "clave;id"},
    [RC_RETO] = {"reto", true, "retos;descripcion"},
    [RC_CATEGORIA] = {"categoria", false, "categoría del reto"},
};

#define MAX_NAME 1000
#define MAX_TEXT 100000
#define MAX_MULTI 32

/* ---- value parsers ---- */

bool parse_objectives(const char *s, int *out, int max, int *n, const char **why) {
    *n = 0;
    const char *p = s;
    while (*p) {
        while (*p && (isspace((unsigned char)*p) || *p == ';' || *p == ',' || *p == '/')) p++;
        if (!*p) break;
        if (!isdigit((unsigned char)*p)) {
            *why = _("los objetivos se escriben como números del 1 al 23 separados por «;» (p. ej. «7;15»)");
            return false;
        }
        long v = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 1000) v = 1000;
        }
        /* "7.0" is what a spreadsheet may write for 7 */
        if (*p == '.' && p[1] == '0') { p += 2; while (*p == '0') p++; }
        /* "7 — Abordar y reducir ...", as the template's drop-down writes it:
         * the number counts, the title after a dash is for the reader. */
        const char *q = p;
        while (*q == ' ') q++;
        if (*q == '-' || *q == ':' || strncmp(q, "\u2014", 3) == 0 || strncmp(q, "\u2013", 3) == 0) {
            p = q;
            while (*p && *p != ';' && *p != '\n') p++;
        }
        if (*p && !isspace((unsigned char)*p) && *p != ';' && *p != ',' && *p != '/') {
            *why = _("los objetivos se escriben como números del 1 al 23 separados por «;» (p. ej. «7;15»)");
            return false;
        }
        if (v < 1 || v > 23) {
            *why = _("el Pacto tiene 23 objetivos: cada objetivo debe ser un número del 1 al 23");
            return false;
        }
        bool dup = false;
        for (int i = 0; i < *n; i++) dup = dup || out[i] == v;
        if (!dup) {
            if (*n == max) { *why = _("demasiados objetivos"); return false; }
            out[(*n)++] = (int)v;
        }
    }
    if (*n == 0) {
        *why = _("falta el objetivo (número del 1 al 23)");
        return false;
    }
    return true;
}

/* The spellings nearly every file uses, without folding. */
static bool yes_no_fast(const char *s, int *out) {
    static const char *const yes[] = {"Sí", "Si", "sí", "si", "SÍ", "SI", NULL};
    static const char *const no[] = {"No", "no", "NO", "", NULL};
    for (int i = 0; yes[i]; i++) if (strcmp(s, yes[i]) == 0) { *out = 1; return true; }
    for (int i = 0; no[i]; i++) if (strcmp(s, no[i]) == 0) { *out = *s ? 0 : -1; return true; }
    return false;
}

bool parse_yes_no(const char *s, int *out) {
    if (yes_no_fast(s, out)) return true;
    Arena a = ARENA_INIT;
    const char *k = text_fold(&a, s);
    static const char *const yes[] = {"si", "s", "yes", "y", "1", "verdadero", "true", "x", NULL};
    static const char *const no[] = {"no", "n", "0", "falso", "false", NULL};
    bool ok = true;
    *out = -1;
    if (!*k) goto done;
    for (int i = 0; yes[i]; i++) if (strcmp(k, yes[i]) == 0) { *out = 1; goto done; }
    for (int i = 0; no[i]; i++) if (strcmp(k, no[i]) == 0) { *out = 0; goto done; }
    ok = false;
done:
    arena_free(&a);
    return ok;
}

bool parse_count(const char *s, long long *out, const char **why) {
    *out = -1;
    if (!*s) return true;
    const char *p = s;
    bool neg = false;
    if (*p == '-') { neg = true; p++; }
    long long v = 0;
    int digits = 0;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (v > 100000000000000LL) { *why = _("número demasiado grande"); return false; }
            v = v * 10 + (*p - '0');
            digits++;
        } else if (*p == ',' || *p == ' ' || *p == '\'') {
            continue;                          /* thousands separators: 12,345 */
        } else if (*p == '.' && digits > 0 && strspn(p + 1, "0") == strlen(p + 1)) {
            break;                             /* 120.0 from a spreadsheet */
        } else {
            *why = _("debe ser un número entero de personas (sin texto ni decimales)");
            return false;
        }
    }
    if (digits == 0) {
        *why = _("debe ser un número entero de personas (sin texto ni decimales)");
        return false;
    }
    if (neg && v > 0) {
        *why = _("no puede ser negativo");
        return false;
    }
    *out = v;
    return true;
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
    if (!matcher_load(&im->inst, st, CAT_INSTITUTION) ||
        !matcher_load(&im->atype, st, CAT_ACTION_TYPE) ||
        !matcher_load(&im->pop, st, CAT_POPULATION) ||
        !matcher_load(&im->cat, st, CAT_CATEGORY))
        return false;
    const char *why = NULL;
    im->bulk = bulk_open(st, ed->id, &why);
    if (!im->bulk && why) diag_add(diags, NULL, 0, NULL, NULL, "%s", why);
    return im->bulk != NULL;
}

/* Matches TEXT in M, or reports WHAT ("institución desconocida") with the
 * nearest names. */
static int64_t match_or_report(Importer *im, Matcher *m, const char *file, long line,
                               const char *col, const char *text, const char *what) {
    /* No catalog name is this long; a whole paragraph in the wrong column
     * is not worth folding and comparing with every name. */
    if (strlen(text) > 500) {
        error(im, file, line, col, text, _("el valor es demasiado largo para ser un nombre del catálogo"));
        return 0;
    }
    int64_t id = matcher_find(m, text);
    if (id) return id;
    Str msg = STR_INIT;
    str_puts(&msg, _(what));   /* translated here, on the error path only */
    Str sug = STR_INIT;
    if (matcher_suggest(m, text, 3, &sug) > 0)
        str_printf(&msg, _("; ¿quiso decir %s?"), str_cstr(&sug));
    else
        str_printf(&msg, _(" (vea 'pmm catalog')"));
    error(im, file, line, col, text, str_cstr(&msg));
    str_free(&msg);
    str_free(&sug);
    return 0;
}

/* Splits a multi-value cell on ';' or newlines and matches each value. */
static int match_list(Importer *im, Matcher *m, const char *file, long line, const char *col,
                      const char *cell, const char *what, int64_t *out, int max) {
    int n = 0;
    char small[512];
    size_t len = strlen(cell);
    char *copy = len < sizeof small ? memcpy(small, cell, len + 1) : arena_strdup(&im->arena, cell);
    for (char *save = NULL, *p = strtok_r(copy, ";\n", &save); p; p = strtok_r(NULL, ";\n", &save)) {
        p = text_trim(p);
        if (!*p) continue;
        int64_t id = match_or_report(im, m, file, line, col, p, what);
        if (id && n < max) out[n++] = id;
    }
    return n;
}

static bool check_len(Importer *im, const char *file, long line, const char *col,
                      const char *v, size_t max) {
    if (strlen(v) <= max) return true;
    char msg[128];
    snprintf(msg, sizeof msg, _("el texto es demasiado largo (máximo %zu caracteres)"), max);
    error(im, file, line, col, NULL, msg);
    return false;
}

bool importer_action(Importer *im, const char *file, long line, const char *const *v) {
    const ColumnSpec *C = import_action_cols;
    im->cur_cols = C;
    im->cur_ncols = AC__COUNT;
    im->cur_letters = im->action_letters;
    im->stats.rows++;
    for (int c = 0; c < AC__COUNT; c++)
        if (C[c].required && !*v[c]) error(im, file, line, C[c].name, NULL, _("falta el valor (es obligatorio)"));
    check_len(im, file, line, "folio", v[AC_FOLIO], 64);
    check_len(im, file, line, "nombre", v[AC_NOMBRE], MAX_NAME);
    check_len(im, file, line, "descripcion", v[AC_DESCRIPCION], MAX_TEXT);
    check_len(im, file, line, "resultados", v[AC_RESULTADOS], MAX_TEXT);

    struct ImportSeen *seen = NULL;
    if (*v[AC_FOLIO]) {
        int64_t k;
        if (hmap_get(&im->folios, v[AC_FOLIO], &k)) {
            char msg[160];
            snprintf(msg, sizeof msg, _("folio repetido: ya aparece en la línea %ld"),
                     im->seen[k].line);
            error(im, file, line, "folio", v[AC_FOLIO], msg);
        } else {
            if (im->nseen == im->capseen) {
                im->capseen = im->capseen ? im->capseen * 2 : 1024;
                im->seen = xrealloc(im->seen, im->capseen * sizeof *im->seen);
            }
            seen = &im->seen[im->nseen];
            seen->line = line;
            seen->id = 0;
            hmap_put(&im->folios, v[AC_FOLIO], (int64_t)im->nseen++);
        }
    }
    ActionRow a = {.folio = v[AC_FOLIO], .name = v[AC_NOMBRE], .description = v[AC_DESCRIPCION],
                   .results = v[AC_RESULTADOS], .status = im->status};
    if (*v[AC_INSTITUCION])
        a.institution_id = match_or_report(im, &im->inst, file, line, "institucion",
                                           v[AC_INSTITUCION], N_("institución desconocida"));
    int objs[23], nobj = 0;
    const char *why = NULL;
    if (*v[AC_OBJETIVOS] && !parse_objectives(v[AC_OBJETIVOS], objs, 23, &nobj, &why))
        error(im, file, line, "objetivos", v[AC_OBJETIVOS], why);
    int64_t types[MAX_MULTI], pops[MAX_MULTI];
    int ntypes = match_list(im, &im->atype, file, line, "tipo_accion", v[AC_TIPO_ACCION],
                            N_("tipo de acción desconocido"), types, MAX_MULTI);
    int npops = match_list(im, &im->pop, file, line, "poblacion", v[AC_POBLACION],
                           N_("población desconocida"), pops, MAX_MULTI);
    if (!parse_yes_no(v[AC_ENFOQUE_GENERO], &a.gender_focus))
        error(im, file, line, "enfoque_genero", v[AC_ENFOQUE_GENERO], _("debe ser «Sí» o «No»"));
    if (!parse_yes_no(v[AC_DISCAPACIDAD], &a.disability))
        error(im, file, line, "discapacidad", v[AC_DISCAPACIDAD], _("debe ser «Sí» o «No»"));
    if (!parse_count(v[AC_BENEFICIARIOS], &a.beneficiaries, &why))
        error(im, file, line, "beneficiarios", v[AC_BENEFICIARIOS], why);

    if (!im->writing) return true;          /* keep validating, write nothing */
    /* A new folio is only inserted; an old one is replaced, its links
     * and (when a challenges file comes) its challenges with it. */
    int64_t id;
    bool is_new = bulk_edition_was_empty(im->bulk) ||
                  !store_action_id_by_folio(im->st, im->edition->id, a.folio, &id);
    bool ok = is_new
        ? bulk_action_insert(im->bulk, &a, &id, objs, nobj, types, ntypes, pops, npops)
        : store_action_upsert(im->st, im->edition->id, &a, &id, &is_new) &&
          store_action_links(im->st, id, objs, nobj, types, ntypes, pops, npops) &&
          (!im->with_challenges || store_challenges_clear(im->st, id));
    if (!ok) {
        error(im, file, line, NULL, NULL, store_write_error(im->st));
        return true;
    }
    if (seen) seen->id = is_new || im->with_challenges ? id : -id;
    if (is_new) im->stats.inserted++;
    else im->stats.updated++;
    arena_free(&im->arena);
    return true;
}

bool importer_challenge(Importer *im, const char *file, long line, const char *const *v) {
    im->cur_cols = import_challenge_cols;
    im->cur_ncols = RC__COUNT;
    im->cur_letters = im->challenge_letters;
    if (!*v[RC_FOLIO]) error(im, file, line, "folio", NULL, _("falta el valor (es obligatorio)"));
    if (!*v[RC_RETO]) error(im, file, line, "reto", NULL, _("falta el valor (es obligatorio)"));
    check_len(im, file, line, "reto", v[RC_RETO], MAX_TEXT);
    int64_t cat = 0;
    if (*v[RC_CATEGORIA])
        cat = match_or_report(im, &im->cat, file, line, "categoria", v[RC_CATEGORIA],
                              N_("categoría de reto desconocida"));
    int64_t action_id = 0, k;
    bool in_file = *v[RC_FOLIO] && hmap_get(&im->folios, v[RC_FOLIO], &k);
    if (in_file) action_id = im->seen[k].id;
    bool old = !in_file || action_id < 0;     /* may hold challenges to replace */
    if (action_id < 0) action_id = -action_id;
    if (*v[RC_FOLIO] && !in_file &&
        !store_action_id_by_folio(im->st, im->edition->id, v[RC_FOLIO], &action_id))
        error(im, file, line, "folio", v[RC_FOLIO],
              _("el folio no corresponde a ninguna acción del archivo de acciones ni de la edición"));
    if (!im->writing || !action_id) return true;
    /* Challenges of an action already in the edition but not in this
     * acciones file are replaced too, the first time one is seen. */
    if (old && !hmap_get(&im->cleared, v[RC_FOLIO], NULL)) {
        if (!store_challenges_clear(im->st, action_id)) {
            error(im, file, line, NULL, NULL, store_write_error(im->st));
            return true;
        }
        hmap_put(&im->cleared, v[RC_FOLIO], 1);
    }
    if (!bulk_challenge_insert(im->bulk, action_id, v[RC_RETO], cat)) {
        error(im, file, line, NULL, NULL, store_write_error(im->st));
        return true;
    }
    im->stats.challenges++;
    return true;
}

bool importer_end(Importer *im, bool commit) {
    bool want = commit && im->writing && im->diags->total == 0 && im->bulk;
    bool ok = im->began && bulk_end(im->st, want);
    if (want && !ok) diag_add(im->diags, NULL, 0, NULL, NULL, "%s", store_write_error(im->st));
    matcher_free(&im->inst);
    matcher_free(&im->atype);
    matcher_free(&im->pop);
    matcher_free(&im->cat);
    bulk_close(im->bulk);
    im->bulk = NULL;
    hmap_free(&im->folios);
    free(im->seen);
    im->seen = NULL;
    hmap_free(&im->cleared);
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
        p->ncols = f == 0 ? AC__COUNT : RC__COUNT;
        TableReader t = {.cols = f == 0 ? import_action_cols : import_challenge_cols,
                         .ncols = p->ncols, .file = in->name, .diags = &p->diags,
                         .row = pipe_row, .ctx = p};
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
        for (int c = 0; c < (b->file == 0 ? AC__COUNT : RC__COUNT); c++)
            vals[c] = b->buf.p + b->val[r][c];
        if (b->file == 0) importer_action(im, in->name, b->line[r], vals);
        else importer_challenge(im, in->name, b->line[r], vals);
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
    if (err) diag_add(im->diags, NULL, 0, NULL, NULL, "%s", strerror(err));
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
