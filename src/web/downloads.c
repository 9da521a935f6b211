/* Downloads of a published edition: the Informe Ejecutivo (HTML, PDF) as
 * `pmm report` writes it, and the data of its validated actions in the
 * interchange format (CSV, JSON). Public downloads hold validated actions
 * only, like every public page, and read the edition's latest published
 * revision; each earlier revision stays downloadable under /rN/. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "analysis/narrative.h"
#include "render/compendio.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "render/docx.h"
#include "render/export.h"
#include "render/xlsx_template.h"
#include "web/limits.h"
#include "store/cache_store.h"
#include "store/catalog_edit_store.h"
#include "store/imprint_store.h"
#include "store/maint_store.h"
#include "store/report_store.h"
#include "util/errtext.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "web/opendata.h"
#include "web/web.h"

/* acciones.csv, retos.csv or acciones.json (WHICH 0, 1, 2) of E: its
 * validated actions in the interchange format, written by the same
 * serializer as `pmm export`, so that each imports back with `pmm import`. */
static bool data_file(Req *r, const Edition *e, int which) {
    Str err = STR_INIT;
    bool ok;
    if (which < 2) {
        ok = export_csv_str(r->st, e, EXPORT_VALIDATED, which == 0 ? &r->out : NULL,
                            which == 1 ? &r->out : NULL, &err);
    } else {
        json_t *doc = export_json_doc(r->st, e, EXPORT_VALIDATED, &err);
        char *z = doc ? json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
        ok = z != NULL;
        if (z) str_puts(&r->out, z);
        else if (doc) str_fail(&r->out);      /* F15B: jansson found no memory for the text */
        str_putc(&r->out, '\n');
        free(z);
        json_decref(doc);
    }
    str_free(&err);
    return ok;
}

/* buenas-practicas.csv|json of E (issue 13): its good practices in the
 * Repository of Practices' fields, as `pmm export --good-practices`. */
static bool practices_file(Req *r, const Edition *e, const char *format) {
    Str err = STR_INIT;
    bool ok = export_practices(r->st, e, format, &r->out, &err);
    str_free(&err);
    return ok;
}

/* F15B: why a workbook could not be made (its temporary folder full:
 * xlsx_template_write checks it before libxlsxwriter can print its
 * English lines), in the log in the server's language, once a minute at
 * most: every request for it would fail the same way. */
static void workbook_failed(const Str *err) {
    static _Atomic long long quiet_until;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    long long was = atomic_load(&quiet_until);
    if (was > ts.tv_sec || !atomic_compare_exchange_strong(&quiet_until, &was, (long long)ts.tv_sec + 60)) return;
    const char *lang = i18n_lang();
    i18n_set_thread_lang(NULL);
    fprintf(stderr, _("pmm serve: no se pudo generar acciones.xlsx: %s\n"), str_cstr(err));
    i18n_set_thread_lang(lang);
}

/* acciones.xlsx of E (issue 14): its validated actions in the workbook of
 * `pmm export --format xlsx`, written by the same writer, through a
 * temporary file (libxlsxwriter writes files). */
static bool workbook_write(Req *r, const Edition *e, const char *path) {
    Str err = STR_INIT;
    XlsxTemplateOpts o = {.edition = e, .with_actions = true, .validated_only = true};
    bool ok = xlsx_template_write(r->st, &o, path, &err);
    if (!ok && err.len) workbook_failed(&err);
    str_free(&err);
    return ok;
}

static bool data_workbook(Req *r, const Edition *e) {
    char path[] = "/tmp/pmm-datos-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return false;
    close(fd);
    bool ok = workbook_write(r, e, path);
    FILE *in = ok ? fopen(path, "rb") : NULL;
    char buf[65536];
    size_t n;
    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0) str_append(&r->out, buf, n);
    ok = ok && in && !ferror(in);
    if (in) fclose(in);
    unlink(path);
    return ok;
}

/* D as a PDF (or with PDF false a DOCX) into OUT, through a temporary
 * file. issue 13 (R13): shared with the voluntary review's download. */
/* D as a PDF (or a DOCX) into the file PATH. */
static bool doc_write(Doc *d, bool pdf, const char *path) {
    /* One at a time: fonts_use makes the document's font configuration
     * fontconfig's current one, which is the whole process's, and another
     * rendering would swap it under this one (the DOCX's charts are drawn
     * by cairo too). A second waits here on its worker (t15w N1: two staff
     * downloads of a live edition hold both workers of a memory limit
     * meanwhile; not changed). */
    static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&pdf_lock);
    bool ok = pdf ? doc_pdf(d, path) : doc_docx(d, path);
    pthread_mutex_unlock(&pdf_lock);
    return ok;
}

bool web_doc_file(Doc *d, bool pdf, Str *out) {
    char path[] = "/tmp/pmm-informe-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return false;
    close(fd);
    bool ok = doc_write(d, pdf, path);
    FILE *in = ok ? fopen(path, "rb") : NULL;
    char buf[65536];
    size_t n;
    while (in && (n = fread(buf, 1, sizeof buf, in)) > 0) str_append(out, buf, n);
    ok = ok && in && !ferror(in);
    if (in) fclose(in);
    unlink(path);
    return ok;
}

/* The Informe Ejecutivo (or with COMPENDIO the Compendio General) of E,
 * from its validated actions, as `pmm report` / `pmm compendio` write it;
 * a PDF into the file PDF_PATH when not NULL, else into OUT. */
static bool publication(Req *r, const Edition *e, bool compendio, bool pdf, const char *pdf_path) {
    Figures *f = xcalloc(1, sizeof *f);
    ReportData rd;
    memset(&rd, 0, sizeof rd);
    bool ok = store_figures(r->st, e, false, f) && store_report_data(r->st, e, false, &rd);
    if (ok) {
        Doc d;
        ReportOptions o = {.lang = LANG_ES, .otros_umbral = -1};   /* the pack's (issue 16) */
        ok = store_pack_lang(r->st, &o.lang);        /* the pack's language (issue 16) */
        doc_init(&d, o.lang);
        if (compendio) {
            Imprint imp;      /* issue 12: the issuer is the Compendio's author, as the Informe's */
            if (ok && store_imprint(r->st, e, &d.arena, &imp)) {
                report_cover(&d, &imp, e->name);   /* F12: the Informe's cover */
                Compendio *c = compendio_begin(&d, f, &rd);
                ok = store_compendio_actions(r->st, e, false, compendio_action, c);
                compendio_end(c);
            } else ok = false;
        } else {
            Imprint imp;      /* issue 12: the edition's imprint */
            Highlights hl;    /* and the programs named under each objective */
            ok = store_imprint(r->st, e, &d.arena, &imp) && store_highlights(r->st, e, false, &d.arena, &hl);
            o.imprint = &imp;
            o.highlights = &hl;
            /* issue 13 (T13): «Comparación con la edición anterior», the one the reader sees */
            Figures *pf = xcalloc(1, sizeof *pf);
            Edition prev;
            bool has_prev = false;
            ok = ok && trend_previous_figures(r, e, &prev, pf, &has_prev);
            o.previous = has_prev ? pf : NULL;
            MapInput map;     /* issue 14 (M14): the map of the subnational units */
            MapShapes shapes;
            ok = ok && map_input(r->st, &d.arena, e, "grafica-mapa", &map, &shapes);
            o.map = &map;
            if (ok) report_build(&d, f, &rd, &o);
            free(pf);
        }
        if (!ok) {
            /* nothing to write */
        } else if (!pdf) {
            doc_html(&d, &r->out);
        } else {
            ok = pdf_path ? doc_write(&d, true, pdf_path) : web_doc_file(&d, true, &r->out);
        }
        doc_free(&d);
    }
    report_data_free(&rd);
    free(f);
    return ok;
}

/* The open-data files of E beside the data (issue 14): the data package,
 * the license, the catalogs. True when FILE was one of them. */
static bool open_data_file(Req *r, const Edition *e, const char *file) {
    if (strcmp(file, "datapackage.json") == 0) opendata_package(r, e);
    else if (strcmp(file, "licencia.txt") == 0) opendata_license_text(r, e);
    else return opendata_catalog(r, file);
    return true;
}


/* ---- the published files' disk cache (issue 15, fault 3) ----
 * A published revision is frozen, and its Compendio in PDF of 20 000
 * actions takes a minute and 27 MB: each file of a revision is rendered
 * once, into DB-cache/ beside the database (written to a temporary file,
 * synced and renamed), and from then on streamed from there. Its name
 * holds a fingerprint of everything the rendering reads besides the
 * frozen revision (file_fingerprint), so that a changed catalog, imprint,
 * pack or previous edition, or a new pmm binary, names another file: the
 * key changes, nothing has to be invalidated, and the superseded file is
 * deleted when its successor is written. The latest revision and /rN/ are
 * the same snapshot: one file. Requests for a file being rendered wait
 * for it, then read the file (web_claim). Without a writable folder (a
 * read-only mount) files are rendered into memory under their cache
 * name, and the response cache keeps those that fit, one rendering for
 * both addresses; a folder on a full disk: below, folder_failed. */

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

static void fp_bytes(uint64_t *h, const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) *h = (*h ^ b[i]) * FNV_PRIME;
    *h = (*h ^ 0xffu) * FNV_PRIME;        /* a separator: "ab","c" is not "a","bc" */
}

static void fp_str(uint64_t *h, const char *s) {
    fp_bytes(h, s ? "+" : "-", 1);        /* NULL (not set) is not "" */
    if (s) fp_bytes(h, s, strlen(s));
}

static void fp_int(uint64_t *h, int64_t v) { fp_bytes(h, &v, sizeof v); }

/* The running binary's size and date: another pmm may render differently. */
static int64_t exe_stamp(void) {
    struct stat sb;
    return stat("/proc/self/exe", &sb) == 0 ? (int64_t)sb.st_size * 1000003 + (int64_t)sb.st_mtime : 0;
}

static void fp_pack(uint64_t *h, const Pack *p) {
    fp_int(h, p->loaded);
    const char *one[] = {p->name, p->version, p->unit_gender, p->lang};
    for (size_t i = 0; i < sizeof one / sizeof *one; i++) fp_str(h, one[i]);
    const char *const *two[] = {p->country, p->issuer, p->place, p->demonym, p->unit_sg, p->unit_pl, p->unit_adj};
    for (size_t i = 0; i < sizeof two / sizeof *two; i++) {
        fp_str(h, two[i][0]);
        fp_str(h, two[i][1]);
    }
    fp_int(h, p->other_threshold);
}

/* The fingerprint of FILE of the revision E: the revision itself (its
 * snapshot's id, number, date) and what its renderings read that is not
 * frozen with it: the catalogs' version (institutions' names, categories),
 * the imprint with its emblem and the country pack, the documents'
 * language, the edition the Informe compares with, and the binary. */
static bool file_fingerprint(Req *r, const Edition *e, const char *file, uint64_t *out) {
    uint64_t h = FNV_OFFSET;
    int64_t catalogs;
    Lang lang;
    Imprint imp;
    Edition prev;
    if (!store_catalog_version(r->st, &catalogs) || !store_pack_lang(r->st, &lang) ||
        !store_imprint(r->st, e, &r->a, &imp))
        return false;
    bool has_prev = trend_previous(r, e, &prev);
    fp_str(&h, PMM_VERSION);
    fp_int(&h, exe_stamp());
    fp_str(&h, file);
    fp_str(&h, e->name);
    fp_int(&h, e->id);
    fp_int(&h, e->revision);
    fp_str(&h, e->published_at);
    fp_int(&h, catalogs);
    fp_int(&h, (int64_t)lang);
    for (int i = 0; i < IMPRINT__COUNT; i++) fp_str(&h, imp.field[i]);
    fp_str(&h, imp.published_at);
    fp_int(&h, imp.states_in_catalog);
    fp_bytes(&h, imp.emblem ? (const void *)imp.emblem : "", imp.emblem ? imp.emblem_len : 0);
    fp_pack(&h, &imp.pack);
    fp_int(&h, has_prev);
    if (has_prev) {
        fp_str(&h, prev.name);
        fp_int(&h, prev.id);
        fp_int(&h, prev.revision);
        fp_str(&h, prev.published_at);
    }
    *out = h;
    return true;
}

/* s12 d15x (t15v F4): a cache folder that is there but cannot be written
 * (left by `pmm serve` run once as root, a file at its name) is said once
 * in the log, in the server's language, as a full disk is (folder_failed);
 * downloads are then rendered in memory. ERR: errno, 0 for not a folder.
 * A folder that cannot be made (a read-only database's) is not said: row
 * 84, as before. */
static void folder_unusable(const char *dir, int err) {
    static atomic_bool said;
    if (atomic_exchange(&said, true)) return;
    const char *lang = i18n_lang();
    i18n_set_thread_lang(NULL);
    fprintf(stderr, _("pmm serve: no se pueden guardar los archivos generados en «%s»: %s; las descargas se "
                      "generan en la memoria\n"), dir, err ? errtext(err) : _("no es una carpeta"));
    i18n_set_thread_lang(lang);
}

/* DB-cache, created if need be; NULL when it cannot be (the memory path). */
static const char *cache_dir(Req *r) {
    if (!r->cfg || !r->cfg->db_path) return NULL;
    char name[4096];
    if (!store_files_cache_dir(r->cfg->db_path, name, sizeof name)) return NULL;
    const char *dir = arena_strdup(&r->a, name);
    struct stat sb;
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) return NULL;
    if (stat(dir, &sb) != 0) return NULL;
    if (!S_ISDIR(sb.st_mode)) {
        folder_unusable(dir, 0);
        return NULL;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        folder_unusable(dir, errno);
        return NULL;
    }
    return dir;
}

/* Answers R with the cached file PATH, if there; HOW ("hit", "stored")
 * goes in X-Pmm-Cache, which the tests and the bench read. */
static bool serve_cached(Req *r, const char *path, uint64_t fp, const char *how) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0) return false;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return false;
    }
    r->file_fd1 = fd + 1;
    r->file_size = (uint64_t)sb.st_size;
    /* the key and the file itself: a file rendered again (the folder was
     * emptied) may differ in its dates, and is another version */
    fp_int(&fp, (int64_t)sb.st_ino);
    fp_int(&fp, (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec);
    snprintf(r->file_etag, sizeof r->file_etag, "\"%016llx\"", (unsigned long long)fp);
    req_set_header(r, "X-Pmm-Cache", how);
    return true;
}

/* Every cached file's mode, whichever writer made it (issue 15, round 3:
 * mkstemp's 0600 and cairo's 0644 were mixed): the folder's group (0750)
 * may read them, as the folder itself. */
#define CACHE_FILE_MODE 0640

/* A new temporary file in DIR, its name in TMP; -1 if none. */
static int temp_in(const char *dir, char tmp[4096]) {
    if (snprintf(tmp, 4096, "%s/.tmp-XXXXXX", dir) >= 4096) return -1;
    return mkstemp(tmp);
}

/* Writes OUT to PATH in DIR whole or not at all: a temporary file in DIR,
 * synced, renamed over PATH. */
static bool store_cached(const char *dir, const char *path, const Str *out) {
    char tmp[4096];
    int fd = temp_in(dir, tmp);
    if (fd < 0) return false;
    bool ok = fchmod(fd, CACHE_FILE_MODE) == 0;
    for (size_t done = 0; ok && done < out->len;) {
        ssize_t n = write(fd, out->p + done, out->len - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += (size_t)n;
    }
    ok = ok && fdatasync(fd) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
    return ok;
}

/* Whether NAME in DIR is a temporary file left over an hour ago (by a
 * server killed while rendering): no rendering takes that long. */
static bool stale_temp(const char *dir, const char *name) {
    char p[4096];
    struct stat sb;
    return strncmp(name, ".tmp-", 5) == 0 && snprintf(p, sizeof p, "%s/%s", dir, name) < (int)sizeof p &&
           stat(p, &sb) == 0 && sb.st_mtime < time(NULL) - 3600;
}

/* Deletes the files of the same revision and file name as KEEP (NAME in
 * DIR), rendered from what has changed since: "rID-FP-FILE"; and the
 * temporary files left by a rendering that never ended. */
static void prune_superseded(const char *dir, int64_t id, const char *file, const char *keep) {
    DIR *d = opendir(dir);
    if (!d) return;
    char prefix[32];
    snprintf(prefix, sizeof prefix, "r%lld-", (long long)id);
    size_t pl = strlen(prefix), fl = strlen(file);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *n = de->d_name;
        size_t len = strlen(n);
        bool superseded = strncmp(n, prefix, pl) == 0 && len == pl + 17 + fl && strcmp(n + pl + 17, file) == 0 &&
                          n[pl + 16] == '-' && strcmp(n, keep) != 0;
        if (!superseded && !stale_temp(dir, n)) continue;
        char p[4096];
        if (snprintf(p, sizeof p, "%s/%s", dir, n) < (int)sizeof p) unlink(p);
    }
    closedir(d);
}

static bool render_file(Req *r, const Edition *e, int k);
static bool renders_to_file(int k);
static bool render_file_to(Req *r, const Edition *e, int k, const char *path);

/* File K of E rendered straight into a temporary file in DIR, synced and
 * renamed to PATH: whole or not at all. */
static bool render_into(Req *r, const Edition *e, int k, const char *dir, const char *path) {
    char tmp[4096];
    int fd = temp_in(dir, tmp);
    if (fd < 0) return false;
    close(fd);
    bool ok = render_file_to(r, e, k, tmp);
    fd = ok ? open(tmp, O_RDONLY | O_CLOEXEC) : -1;
    if (fd >= 0) fchmod(fd, CACHE_FILE_MODE);   /* cairo wrote a file of its own over the temporary one */
    ok = fd >= 0 && fdatasync(fd) == 0;
    if (fd >= 0) close(fd);
    ok = ok && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
    return ok;
}

/* ---- one rendering per file (issue 15, round 3, F7) ----
 * A file being rendered is claimed by its cache name (web_claim, server.c):
 * requests for the same file wait for that rendering and then read the
 * file, while other files render meanwhile (one global lock made the
 * first rendering of a 20 000-action Compendio hold up the first download
 * of every other file past --request-timeout); on a worker they wait
 * parked, the worker free (s12 d15x). PDFs still render one at a time
 * among themselves (doc_write: cairo's and fontconfig's shared state). */

/* Whether R only asks whether it would render (server.c's probe, on
 * libmicrohttpd's thread: a stored file needs no worker, s12 d15x): then
 * it says so, and answers nothing. */
static bool would_render(Req *r) {
    if (r->probe) r->would_render = true;
    return r->probe;
}

/* ---- a cache folder that cannot be written (issue 15, round 3, F5) ----
 * On a full disk every download of a revision's file used to be rendered
 * again (no file could be stored), a 27 MB Compendio each time, and the
 * server's memory grew with them (16 to 530 MB). Now a failed write
 * marks the folder unwritable for CACHE_RETRY_S seconds, said once in the
 * log: meanwhile files are rendered in memory one at a time, served, and
 * kept by the response cache (--cache-mb) when they fit in half of it; a
 * file larger than that is served once and then refused with 503 and
 * Retry-After until the folder can be written again, so that it is not
 * rendered on every request. */
#define CACHE_RETRY_S 60
#define CACHE_RETRY_AFTER "60"
#define TOO_BIG_NAMES 32

static pthread_mutex_t memory_lock = PTHREAD_MUTEX_INITIALIZER;   /* one rendering in memory at a time */
static _Atomic long long unwritable_until;   /* CLOCK_MONOTONIC seconds; read without a lock */
static char too_big[TOO_BIG_NAMES][96];   /* cache names of files refused meanwhile, a ring */
static int ntoo_big;

static time_t mono_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static bool is_too_big(const char *name) {
    for (int i = 0; i < TOO_BIG_NAMES && i < ntoo_big; i++)
        if (strcmp(too_big[i], name) == 0) return true;
    return false;
}

/* Whether the folder could not be written lately. */
static bool folder_unwritable(void) { return mono_s() < atomic_load(&unwritable_until); }

/* A write into DIR failed (ERR: errno, 0 for a failed rendering into it). */
static void folder_failed(const char *dir, int err) {
    /* a PDF's failed write leaves no errno of its own (cairo's stream):
     * what a later call left there is not the cause, a full folder is
     * (issue 15, h15a: round 3's F5 test said «recurso no disponible»,
     * EAGAIN, in about 1 run in 8) */
    err = write_errno(dir, err);
    bool said = atomic_exchange(&unwritable_until, (long long)mono_s() + CACHE_RETRY_S) > mono_s();
    if (said) return;
    pthread_mutex_lock(&memory_lock);
    ntoo_big = 0;                      /* sizes are judged anew each period */
    pthread_mutex_unlock(&memory_lock);
    const char *lang = i18n_lang();    /* the log in the server's language */
    i18n_set_thread_lang(NULL);
    fprintf(stderr, _("pmm serve: no se pudo guardar un archivo generado en «%s»: %s; durante %d s los "
                      "archivos se generan en la memoria\n"), dir,
            err ? errtext(err) : _("falló la escritura (¿disco lleno?)"), CACHE_RETRY_S);
    i18n_set_thread_lang(lang);
}

/* FILE_ANSWERED: refused for memory, answered already (F15) */
typedef enum { FILE_FAILED, FILE_OK, FILE_REFUSED, FILE_ANSWERED } FileResult;

/* F15: a rendering of FILE of E is admitted by the memory budget
 * (memory.c) first, counted by what it renders (F15B: the edition's
 * actions); FILE_FAILED when they could not be counted (the database's
 * failure is answered by the server). */
static FileResult render_admit(Req *r, const Edition *e, const char *file) {
    long actions;
    if (!store_edition_action_count(r->st, e->id, &actions)) return FILE_FAILED;
    return web_heavy_begin(r, web_render_mib(file, actions)) ? FILE_OK : FILE_ANSWERED;
}

static FileResult render_admitted(Req *r, const Edition *e, int k, const char *file) {
    FileResult res = render_admit(r, e, file);
    if (res != FILE_OK) return res;
    return render_file(r, e, k) ? FILE_OK : FILE_FAILED;
}

/* File K of E rendered into OUT while the folder cannot be written; NAME
 * is its cache name. A file found too big for the response cache is
 * refused for a while (REFUSE: a full disk, where rendering it again at
 * each request cannot last) or rendered each time (a read-only database,
 * which never had a folder: as before row 93). */
static FileResult render_in_memory(Req *r, const Edition *e, int k, const char *name, bool refuse) {
    r->cache_name = name;
    pthread_mutex_lock(&memory_lock);
    /* the same file kept under its other address (round 5, F2) */
    if (web_cache_copy(name, &r->out)) {
        pthread_mutex_unlock(&memory_lock);
        req_set_header(r, "X-Pmm-Cache", "shared");
        return FILE_OK;
    }
    if (str_failed(&r->out)) {
        pthread_mutex_unlock(&memory_lock);
        return FILE_FAILED;       /* F15B: no memory for the copy, answered 503 */
    }
    if (refuse && is_too_big(name)) {
        pthread_mutex_unlock(&memory_lock);
        return FILE_REFUSED;
    }
    bool ok = render_file(r, e, k);
    if (ok && r->cfg && r->out.len > r->cfg->cache_bytes / 2 && strlen(name) < sizeof too_big[0])
        snprintf(too_big[ntoo_big++ % TOO_BIG_NAMES], sizeof too_big[0], "%s", name);
    store_release_memory(r->st);
    malloc_trim(0);
    pthread_mutex_unlock(&memory_lock);
    return ok ? FILE_OK : FILE_FAILED;
}

/* File K of E (cache name NAME) rendered and stored at PATH; *IN_MEMORY
 * when OUT holds the rendering (a text file: rendered in memory, then
 * written); *SHARED when those are the bytes the response cache kept for
 * it (round 5, F2: after a full disk's 60 s, the file is stored from them,
 * not rendered again); *ERR the errno of a failed write. */
static bool render_and_store(Req *r, const Edition *e, int k, const char *name, const char *dir, const char *path,
                             bool *in_memory, bool *shared, int *err) {
    *in_memory = *shared = false;
    errno = 0;
    bool ok = (*in_memory = *shared = web_cache_copy(name, &r->out)) ? store_cached(dir, path, &r->out)
            : str_failed(&r->out) ? false
            : renders_to_file(k) ? render_into(r, e, k, dir, path)
            : (*in_memory = render_file(r, e, k)) && store_cached(dir, path, &r->out);
    *err = ok ? 0 : errno;
    return ok;
}

/* FILE (number K) of the revision E through the disk cache: served from
 * it, or rendered, stored and served; rendered into OUT when there is no
 * usable folder or the file could not be written. */
static FileResult cached_file(Req *r, const Edition *e, int k, const char *file) {
    uint64_t fp;
    if (!file_fingerprint(r, e, file, &fp)) return would_render(r) ? FILE_ANSWERED : render_admitted(r, e, k, file);
    const char *name = arena_printf(&r->a, "r%lld-%016llx-%s", (long long)e->id, (unsigned long long)fp, file);
    /* without a folder (a read-only database's): rendered in memory under
     * its cache name, so that its other address copies it (round 5, F2) */
    const char *dir = cache_dir(r);
    const char *path = dir ? arena_printf(&r->a, "%s/%s", dir, name) : NULL;
    if (dir && serve_cached(r, path, fp, "hit")) return FILE_OK;
    if (would_render(r)) return FILE_ANSWERED;
    ClaimResult claim;
    while ((claim = web_claim(r, name)) == CLAIM_WAITED) {}
    if (claim == CLAIM_PARKED) return FILE_ANSWERED;      /* run again once it is rendered */
    FileResult res = dir && serve_cached(r, path, fp, "hit") ? FILE_OK : FILE_FAILED;   /* rendered while this one waited */
    FileResult admitted = res == FILE_OK ? FILE_OK : render_admit(r, e, file);
    if (admitted != FILE_OK) {
        res = admitted;
    } else if (res != FILE_OK && (!dir || folder_unwritable())) {
        res = render_in_memory(r, e, k, name, dir != NULL);
    } else if (res != FILE_OK) {
        bool in_memory, shared;
        int err;
        if (render_and_store(r, e, k, name, dir, path, &in_memory, &shared, &err) &&
            serve_cached(r, path, fp, shared ? "shared" : "stored")) {
            str_free(&r->out);
            prune_superseded(dir, e->id, file, name);
            res = FILE_OK;
        } else if (doc_cancelled() || str_failed(&r->out) || (!renders_to_file(k) && !in_memory)) {
            /* pmm serve stopping (F3), no memory, a rendering in memory
             * that failed (F15B): not the cache folder's fault */
            res = FILE_FAILED;
        } else {
            folder_failed(dir, err);
            if (in_memory) {                       /* not stored: served from memory, and kept */
                r->cache_name = name;
                if (shared) req_set_header(r, "X-Pmm-Cache", "shared");
                res = FILE_OK;
            }
            else {
                str_clear(&r->out);
                res = render_in_memory(r, e, k, name, true);
            }
        }
        store_release_memory(r->st);   /* the edition's pages, read once */
        malloc_trim(0);       /* give the rendering's memory back to the system */
    }
    /* a rendering in memory stays claimed until the response cache keeps
     * it (web_download_kept): a request for its other address waits, then
     * copies it (round 5, F2) */
    if (res == FILE_OK && r->cache_name) r->claim = name;
    else web_unclaim(name);
    return res;
}

void web_download_kept(Req *r) {
    if (!r->claim) return;
    web_unclaim(r->claim);
    r->claim = NULL;
}

/* Sends FILE of E (an edition, or a revision of one); TAG names it in the
 * file name ("2024" or "2024-r1"). */
static void download(Req *r, const Edition *e, const char *file, const char *tag, bool frozen) {
    static const struct {
        const char *name, *ctype;
    } files[] = {
        {"informe.html", "text/html; charset=utf-8"},
        {"informe.pdf", "application/pdf"},
        {"compendio.html", "text/html; charset=utf-8"},
        {"compendio.pdf", "application/pdf"},
        {"acciones.csv", "text/csv; charset=utf-8"},
        {"retos.csv", "text/csv; charset=utf-8"},
        {"acciones.json", "application/json"},
        {"acciones.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"buenas-practicas.csv", "text/csv; charset=utf-8"},     /* issue 13 */
        {"buenas-practicas.json", "application/json"},
        {NULL, NULL},
    };
    int k = 0;
    while (files[k].name && strcmp(files[k].name, file) != 0) k++;
    if (!files[k].name && open_data_file(r, e, file)) return;
    if (!files[k].name) {
        page_error(r, 404, _("No existe ese archivo."));
        return;
    }
    /* the revision's own files go through the disk cache; the good
     * practices (marked on live actions, small) are rendered each time */
    bool cached = frozen && e->revision > 0 && k <= 7;
    if (!cached && would_render(r)) return;
    FileResult res = cached ? cached_file(r, e, k, file)
                   : k <= 7 ? render_admitted(r, e, k, file)
                   : practices_file(r, e, k == 8 ? "csv" : "json") ? FILE_OK : FILE_FAILED;
    if (res == FILE_ANSWERED) return;
    if (res == FILE_REFUSED) {         /* issue 15, round 3, F5 */
        page_error(r, 503, _("Este archivo no se puede generar ahora: el disco del servidor está lleno y el "
                             "archivo es demasiado grande para guardarlo en la memoria. Inténtelo más tarde."));
        req_set_header(r, "Retry-After", CACHE_RETRY_AFTER);
        return;
    }
    if (res == FILE_FAILED && str_failed(&r->out)) return;     /* F15B: the server answers 503 */
    if (res == FILE_FAILED) {
        page_error(r, 500, _("No se pudo producir el archivo."));
        return;
    }
    r->ctype = files[k].ctype;
    /* The Informe is one self-contained file with its own <style>: it may
     * use inline style, and still runs no script at all. */
    if (k == 0 || k == 2)
        r->csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                 "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /* F14A: the name is the package's path for its files */
    web_disposition(r, !(k == 0 || k == 2), opendata_download_name(r, tag, files[k].name));
}

/* File K (0 to 7 of download's table) of E, into OUT; false too when OUT
 * could not hold it (F15B: str_failed, answered 503 by the server). */
static bool render_file(Req *r, const Edition *e, int k) {
    bool ok = k <= 3 ? publication(r, e, k >= 2, k % 2 == 1, NULL) : k <= 6 ? data_file(r, e, k - 4)
            : data_workbook(r, e);
    return ok && !str_failed(&r->out);
}

/* Whether file K is written as a file (a PDF): then it is rendered
 * straight into the cache folder, never held in memory. The workbook is
 * not (F15, fault 6): libxlsxwriter writing into a full cache folder put
 * its English «[ERROR]» lines on the server's log, and it has no way to
 * be silenced; it is made in the temporary folder (where libxlsxwriter
 * keeps its parts anyway; 1.4 MB for 20 000 actions) and stored by pmm's
 * own checked writes, whose failure pmm says in its words. */
static bool renders_to_file(int k) { return k == 1 || k == 3; }

static bool render_file_to(Req *r, const Edition *e, int k, const char *path) {
    return publication(r, e, k >= 2, true, path);      /* a PDF (renders_to_file) */
}

static bool revision_folder(Req *r);

/* GET /descargas/EDICION/ARCHIVO: the latest revision the public sees
 * (staff: the working edition, which may not be published yet). */
void page_download(Req *r) {
    Edition e;
    bool found = edition_for_reader(r, r->args[0], is_staff(r), &e);
    /* issue 14: /descargas/catalogos/F, the catalogs as they are now */
    if (!found && strcmp(r->args[0], "catalogos") == 0) {
        if (!opendata_catalog(r, r->args[1])) page_error(r, 404, _("No existe ese archivo."));
        return;
    }
    if (!found) {
        page_error(r, 404, _("No existe una edición publicada con ese nombre."));
        return;
    }
    if (revision_folder(r)) return;
    download(r, &e, r->args[1], e.name, !is_staff(r));   /* staff: the live edition */
}

/* Revision RV ("rN") of edition NAME into *E; false if there is none. */
static bool revision_arg(Req *r, const char *name, const char *rv, Edition *e) {
    char *end = NULL;
    long n = rv[0] == 'r' && rv[1] >= '1' && rv[1] <= '9' ? strtol(rv + 1, &end, 10) : 0;
    return n >= 1 && n <= 1000000 && !*end && store_edition_revision(r->st, name, (int)n, e);
}

/* GET /descargas/EDICION/rN/ARCHIVO: revision N, as it was published. */
void page_download_revision(Req *r) {
    Edition e;
    if (!revision_arg(r, r->args[0], r->args[1], &e)) {
        page_error(r, 404, _("No existe esa revisión publicada de la edición."));
        return;
    }
    download(r, &e, r->args[2], arena_printf(&r->a, "%s-r%d", e.name, e.revision), true);
}

/* issue 14 round 3, fault 5: /descargas/E/rN and /descargas/E/rN/, a
 * revision's address trimmed, lead to its part of the edition's downloads:
 * an earlier revision to the anchor of pages_public.c's revision_item, the
 * latest, which the page shows as the edition's own files, to the
 * edition's heading (round 4, b: it led to an anchor no page has). */
static bool revision_folder(Req *r) {
    Edition e, live;
    if (!revision_arg(r, r->args[0], r->args[1], &e)) return false;
    bool latest = !store_edition_find(r->st, e.name, &live) || e.revision >= live.revision;
    const char *part = web_url_part(r, e.name);
    req_redirect(r, latest ? arena_printf(&r->a, "/descargas/%s#edicion-%s", part, part)
                           : arena_printf(&r->a, "/descargas/%s#edicion-%s-r%d", part, part, e.revision));
    return true;
}

void page_download_revision_folder(Req *r) {
    if (!revision_folder(r)) page_error(r, 404, _("No existe esa revisión publicada de la edición."));
}
