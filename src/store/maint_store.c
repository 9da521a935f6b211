/*
 * Upkeep: the online backup, the checks of `pmm check`, and the reference
 * figures (see maint_store.h).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/maint_store.h"
#include "store/store_internal.h"
#include "store/trend_store.h"    /* EDITION_ORDER_SQL (issue 13, R13B) */
#include "store/practice_store.h" /* PRACTICE_UNTAGGED_SQL (issue 13, F13) */
#include "util/i18n.h"
#include "util/mem.h"
#include "util/errtext.h"
#include "util/text.h"

/* ---- the reference figures: one GROUP BY per figure ---- */

typedef struct {
    Figures *f;
} Ctx;


/* Runs SQL with ?1 = edition id and ?2 = status filter (NULL = all). */
static bool query(Store *st, const Figures *f, int64_t edition_id, const char *sql,
                  bool (*row)(void *, sqlite3_stmt *), Ctx *ctx) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
        store_report(st, "figures");
        return false;
    }
    sqlite3_bind_int64(s, 1, edition_id);
    if (!f->all_statuses) sqlite3_bind_text(s, 2, "validada", -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) row(ctx, s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) store_report(st, "figures");
    return rc == SQLITE_DONE;
}

#define SCOPE " a.edition_id = ?1 AND (?2 IS NULL OR a.status = ?2) "

static bool by_type_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int t = fig_label_index(f->types, f->ntypes, store_col_text(s, 0));
    if (t < 0) return true;
    f->by_type[t] = sqlite3_column_int64(s, 1);
    f->inst_by_type[t] = sqlite3_column_int64(s, 2);
    f->actions += f->by_type[t];
    f->institutions += f->inst_by_type[t];
    return true;
}

static bool states_row(void *p, sqlite3_stmt *s) {
    ((Ctx *)p)->f->states = sqlite3_column_int64(s, 0);
    return true;
}

static bool by_obj_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int o = sqlite3_column_int(s, 0);
    int t = fig_label_index(f->types, f->ntypes, store_col_text(s, 1));
    if (o < 1 || o > FIG_NOBJ || t < 0) return true;
    long n = sqlite3_column_int64(s, 2);
    f->by_obj_type[o][t] = n;
    f->by_obj[o] += n;
    f->objective_links += n;
    return true;
}

static bool pop_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int i = fig_label_index(f->pops, f->npops, store_col_text(s, 0));
    if (i >= 0) f->by_pop[i] += sqlite3_column_int64(s, 1);
    return true;
}

static bool flags_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    for (int i = 0; i < 3; i++) {
        f->gender[i] = sqlite3_column_int64(s, i);
        f->disability[i] = sqlite3_column_int64(s, 3 + i);
    }
    f->beneficiaries = sqlite3_column_int64(s, 6);
    f->with_beneficiaries = sqlite3_column_int64(s, 7);
    return true;
}

static bool challenge_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int t = fig_label_index(f->types, f->ntypes, store_col_text(s, 1));
    long n = sqlite3_column_int64(s, 2);
    f->challenges += n;
    if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
        f->unclassified += n;
        if (t >= 0) f->unclassified_by_type[t] += n;
        return true;
    }
    int c = fig_label_index(f->cats, f->ncats, store_col_text(s, 0));
    if (c < 0) return true;
    f->by_cat[c] += n;
    if (t >= 0) f->by_cat_type[c][t] += n;
    return true;
}

/* issue 13: (principle or roundtable, reporter type, actions); a type
 * that is no label counts nowhere, as in by_type_row */
static bool counted_type(const Figures *f, sqlite3_stmt *s) {
    return fig_label_index(f->types, f->ntypes, store_col_text(s, 1)) >= 0;
}

static bool principle_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int n = sqlite3_column_int(s, 0);
    if (!counted_type(f, s)) return true;
    if (n == 0) f->with_principles += sqlite3_column_int64(s, 2);
    else if (n >= 1 && n <= FIG_NPRIN) f->by_principle[n] += sqlite3_column_int64(s, 2);
    return true;
}

static bool roundtable_row(void *p, sqlite3_stmt *s) {
    Figures *f = ((Ctx *)p)->f;
    int n = sqlite3_column_int(s, 0);
    if (counted_type(f, s) && n >= 1 && n <= FIG_NROUNDTABLES) f->by_roundtable[n] += sqlite3_column_int64(s, 2);
    return true;
}

bool store_figures_reference(Store *st, const Edition *e, bool all_statuses, Figures *f) {
    memset(f, 0, sizeof *f);
    snprintf(f->edition, sizeof f->edition, "%s", e->name);
    snprintf(f->period_start, sizeof f->period_start, "%s", e->period_start);
    snprintf(f->period_end, sizeof f->period_end, "%s", e->period_end);
    snprintf(f->state, sizeof f->state, "%s", e->state);
    f->all_statuses = all_statuses;
    Ctx c = {f};
    bool ok =
        store_figure_labels(st, e->id, f) &&
        query(st, f, e->id,
              /* the classification as the edition has it (a published
               * revision keeps its own: INST_AS_OF, migration 13) */
              "SELECT " INST_TYPE ", count(*), count(DISTINCT a.institution_id)"
              " FROM action a JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " WHERE" SCOPE "GROUP BY " INST_TYPE, by_type_row, &c) &&
        query(st, f, e->id,
              "SELECT count(DISTINCT " INST_UNIT("?1") ")"   /* issue 16: the one rule (?1: the edition, SCOPE) */
              " FROM action a JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " WHERE" SCOPE, states_row, &c) &&
        query(st, f, e->id,
              "SELECT ao.objective, " INST_TYPE ", count(*)"
              " FROM action a JOIN action_objective ao ON ao.action_id = a.id"
              " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " WHERE" SCOPE "GROUP BY ao.objective, " INST_TYPE, by_obj_row, &c) &&
        query(st, f, e->id,
              "SELECT p.code, count(*)"
              " FROM action a JOIN action_population ap ON ap.action_id = a.id"
              " JOIN population p ON p.id = ap.population_id"
              " WHERE" SCOPE "GROUP BY p.code"
              " UNION ALL "
              "SELECT 'no_aplica', count(*) FROM action a"
              " WHERE" SCOPE "AND NOT EXISTS"
              " (SELECT 1 FROM action_population ap WHERE ap.action_id = a.id)", pop_row, &c) &&
        query(st, f, e->id,
              "SELECT coalesce(sum(gender_focus = 1), 0), coalesce(sum(gender_focus = 0), 0),"
              "       coalesce(sum(gender_focus IS NULL), 0),"
              "       coalesce(sum(disability = 1), 0), coalesce(sum(disability = 0), 0),"
              "       coalesce(sum(disability IS NULL), 0),"
              "       coalesce(sum(beneficiaries), 0), count(beneficiaries)"
              " FROM action a WHERE" SCOPE, flags_row, &c) &&
        query(st, f, e->id,
              "SELECT cc.name, " INST_TYPE ", count(*)"
              " FROM action a JOIN challenge ch ON ch.action_id = a.id"
              " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " LEFT JOIN challenge_category cc ON cc.id = ch.category_id"
              " WHERE" SCOPE "GROUP BY cc.name, " INST_TYPE, challenge_row, &c) &&
        query(st, f, e->id,
              "SELECT ap.principle, " INST_TYPE ", count(*)"
              " FROM action a JOIN action_principle ap ON ap.action_id = a.id"
              " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " WHERE" SCOPE "GROUP BY ap.principle, " INST_TYPE
              " UNION ALL "                       /* principle 0: the actions tagged at all */
              "SELECT 0, " INST_TYPE ", count(*)"
              " FROM action a JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " WHERE" SCOPE "AND EXISTS (SELECT 1 FROM action_principle ap WHERE ap.action_id = a.id)"
              " GROUP BY " INST_TYPE, principle_row, &c) &&
        query(st, f, e->id,
              "SELECT o.roundtable, " INST_TYPE ", count(DISTINCT a.id)"
              " FROM action a JOIN action_objective ao ON ao.action_id = a.id"
              " JOIN objective o ON o.n = ao.objective"
              " JOIN institution i ON i.id = a.institution_id" INST_AS_OF("a.edition_id")
              " WHERE" SCOPE "GROUP BY o.roundtable, " INST_TYPE, roundtable_row, &c);
    return ok;
}

/* ---- SQLite's own integrity check ---- */

/* Runs PRAGMA integrity_check (or quick_check), calling FN for each real
 * problem. Returns false when the check could not run. */
static bool sqlite_check(sqlite3 *db, bool quick, void (*fn)(void *, const char *), void *ctx) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check(1000)",
                           -1, &s, NULL) != SQLITE_OK)
        return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        if (v && strcmp(v, "ok") != 0) fn(ctx, v);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE;
}

/* ---- backup ---- */

static void remove_temp(const char *tmp) {
    static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
    char p[4096];
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", tmp, suffix[i]);
        unlink(p);
    }
}

static bool sync_path(const char *path, bool dir) {
    int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* The directory PATH is in, for syncing the rename. */
static void dir_of(const char *path, char *out, size_t n) {
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(out, n, ".");
    else if (slash == path) snprintf(out, n, "/");
    else snprintf(out, n, "%.*s", (int)(slash - path), path);
}

/* Issue 15 (helper S15): a copy that failed says so in pmm's words,
 * naming the database, the copy (written first to TMP) and the cause. */
static void copy_failed(Store *st, const char *path, const char *tmp, int code, Str *err) {
    str_printf(err, _("no se pudo copiar «%s» a «%s»: %s"), st->path, path, store_file_cause(tmp, code));
}

/* Copies every page in one step: the source stays in one read transaction
 * for the whole copy, so the copy is one instant of it, and in WAL mode
 * writers go on meanwhile. */
static bool copy_pages(Store *st, sqlite3 *dst, const char *path, const char *tmp, Str *err) {
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
    if (!b) {
        copy_failed(st, path, tmp, sqlite3_extended_errcode(dst), err);
        return false;
    }
    int rc, tries = 0;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (++tries > 200) break;
        sqlite3_sleep(50);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) copy_failed(st, path, tmp, rc, err);
    return rc == SQLITE_DONE;
}

static void count_problem(void *ctx, const char *msg) {
    (void)msg;
    ++*(int *)ctx;
}

static bool quick_check(sqlite3 *db, const char *tmp, Str *err) {
    int problems = 0;
    if (!sqlite_check(db, true, count_problem, &problems)) {
        str_printf(err, _("no se pudo comprobar la copia «%s»: %s"), tmp,
                   store_file_cause(tmp, sqlite3_extended_errcode(db)));
        return false;
    }
    if (problems) str_printf(err, _("la copia no pasó la comprobación de integridad"));
    return problems == 0;
}

/* The names SQLite gives a database's own files beside it. */
static const char *const sqlite_suffix[] = {"-wal", "-shm", "-journal"};
#define N_SQLITE_SUFFIX (sizeof sqlite_suffix / sizeof *sqlite_suffix)

/* True when PATH is the database DB, or its -wal, -shm or -journal, under
 * any name (another path, a symlink, a hard link): the same device and inode. */
static bool is_database_file(const char *path, const char *db) {
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    struct stat p, d;
    if (stat(path, &p) != 0) return false;
    char f[4096];
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        snprintf(f, sizeof f, "%s%s", db, suffix[i]);
        if (stat(f, &d) == 0 && d.st_dev == p.st_dev && d.st_ino == p.st_ino) return true;
    }
    return false;
}

/* Removes the temporary files that a backup to PATH killed before its end
 * left: "PATH.tmp-PID" (and its -journal, -wal, -shm) whose process is gone. */
static void remove_stale_temps(const char *path) {
    char dir[4096], prefix[4096], p[8192];
    dir_of(path, dir, sizeof dir);
    const char *slash = strrchr(path, '/');
    snprintf(prefix, sizeof prefix, "%s.tmp-", slash ? slash + 1 : path);
    size_t n = strlen(prefix);
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, n) != 0) continue;
        char *end;
        long pid = strtol(e->d_name + n, &end, 10);
        bool ours = end != e->d_name + n && (!*end || strcmp(end, "-journal") == 0 ||
                                             strcmp(end, "-wal") == 0 || strcmp(end, "-shm") == 0);
        if (!ours || pid <= 0) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;   /* still running */
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
}

/* Issue 10 (helper REC): a copy named like a database's -wal, -shm or
 * -journal would be taken by SQLite for part of another database (and a
 * hot -journal is rolled back into it); a -wal or -journal already beside
 * the copy's name would be replayed into the copy when it is opened. True
 * when PATH is refused, with the reason in ERR. */
static bool sqlite_side_file(const char *path, Str *err) {
    size_t n = strlen(path);
    char f[4096];
    for (size_t i = 0; i < N_SQLITE_SUFFIX; i++) {
        size_t k = strlen(sqlite_suffix[i]);
        if (n >= k && strcmp(path + n - k, sqlite_suffix[i]) == 0) {
            str_printf(err, _("«%s» termina en %s, nombre que SQLite reserva a los archivos de "
                              "trabajo de una base de datos: la copia va en un archivo con otro "
                              "nombre, p. ej. copia.db"), path, sqlite_suffix[i]);
            return true;
        }
        snprintf(f, sizeof f, "%s%s", path, sqlite_suffix[i]);
        if (i != 1 && access(f, F_OK) == 0) {     /* a -shm alone is harmless */
            str_printf(err, _("junto a «%s» está «%s», que SQLite aplicaría a la copia al abrirla: "
                              "elija otro nombre, o quite ese archivo si sabe que nadie usa «%s»"),
                       path, f, path);
            return true;
        }
    }
    return false;
}

bool store_backup(Store *st, const char *path, bool force, Str *err) {
    if (is_database_file(path, st->path)) {
        str_printf(err, _("«%s» es la base de datos misma (o su -wal, -shm o -journal): la copia va "
                          "en otro archivo; para volver a una copia use 'pmm restore'"), path);
        return false;
    }
    if (sqlite_side_file(path, err)) return false;
    if (!force && access(path, F_OK) == 0) {
        str_printf(err, _("«%s» ya existe (use --force para reemplazarlo)"), path);
        return false;
    }
    char tmp[4096], dir[4096];
    remove_stale_temps(path);
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    remove_temp(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        str_printf(err, _("no se puede crear «%s»: %s"), tmp, errtext(errno));
        return false;
    }
    close(fd);
    sqlite3 *dst = NULL;
    bool ok = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
    if (!ok) copy_failed(st, path, tmp, dst ? sqlite3_extended_errcode(dst) : SQLITE_NOMEM, err);
    ok = ok && copy_pages(st, dst, path, tmp, err) && quick_check(dst, tmp, err);
    if (sqlite3_close(dst) != SQLITE_OK && ok) {
        str_printf(err, _("no se pudo cerrar la copia"));
        ok = false;
    }
    if (ok && !sync_path(tmp, false)) {
        str_printf(err, _("no se pudo escribir «%s» al disco: %s"), tmp, errtext(errno));
        ok = false;
    }
    if (ok && rename(tmp, path) != 0) {
        str_printf(err, _("no se puede renombrar «%s» a «%s»: %s"), tmp, path, errtext(errno));
        ok = false;
    }
    if (!ok) {
        remove_temp(tmp);
        return false;
    }
    dir_of(path, dir, sizeof dir);
    sync_path(dir, true);
    return true;
}

/* ---- restore (issue 10, fault 7) ----
 * A database is in use when a process holds one of the locks SQLite takes
 * (a connection in WAL mode keeps a read lock on the file's SHARED range and
 * on the -shm's DMS byte while it is open), or the flock that pmm serve
 * holds from start to end (store_serve_hold), which covers a server whose
 * threads have not opened their connections yet. Restore takes all of them
 * itself, so nothing can start using the file while it is replaced. */

#define SQLITE_LOCK_FIRST 0x40000000L   /* PENDING_BYTE: PENDING, RESERVED, SHARED */
#define SQLITE_LOCK_LEN 512L
#define SHM_LOCK_FIRST 120L              /* the -shm's WAL locks and DMS byte */
#define SHM_LOCK_LEN 9L

int store_serve_hold(const char *db_path) {
    int fd = open(db_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (flock(fd, LOCK_SH | LOCK_NB) == 0) return fd;
    close(fd);
    return -1;
}

static bool write_lock(int fd, long first, long len) {
    struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = first, .l_len = len};
    return fcntl(fd, F_SETLK, &l) == 0;
}

typedef struct {
    int db, shm;          /* descriptors holding the locks, or -1 */
} Hold;

static void release(Hold *h) {
    if (h->db >= 0) close(h->db);
    if (h->shm >= 0) close(h->shm);
    h->db = h->shm = -1;
}

/* Takes every lock of DB, or says who holds one. A missing file is free. */
static bool take_database(const char *db, Hold *h, Str *err) {
    char shm[4096];
    snprintf(shm, sizeof shm, "%s-shm", db);
    h->db = open(db, O_RDWR | O_CLOEXEC);
    h->shm = open(shm, O_RDWR | O_CLOEXEC);
    if (h->db < 0 && errno != ENOENT) {
        str_printf(err, _("no se puede abrir «%s»: %s"), db, errtext(errno));
        release(h);
        return false;
    }
    bool free_ = (h->db < 0 || (flock(h->db, LOCK_EX | LOCK_NB) == 0 &&
                                write_lock(h->db, SQLITE_LOCK_FIRST, SQLITE_LOCK_LEN))) &&
                 (h->shm < 0 || write_lock(h->shm, SHM_LOCK_FIRST, SHM_LOCK_LEN));
    if (!free_) {
        str_printf(err, _("«%s» está en uso (pmm serve, una importación u otro programa la tiene "
                          "abierta): detenga el servidor y vuelva a intentarlo"), db);
        release(h);
    }
    return free_;
}

/* Opens NAME with FLAGS and reads its schema: SQLite opens lazily, so a
 * copy it cannot read fails only at the first read. SQLite's code. */
static int open_and_read(const char *name, int flags, sqlite3 **db) {
    *db = NULL;
    int rc = sqlite3_open_v2(name, db, flags, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_exec(*db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    if (rc == SQLITE_OK) return rc;
    rc = *db ? sqlite3_extended_errcode(*db) : SQLITE_NOMEM;
    sqlite3_close(*db);
    *db = NULL;
    return rc;
}

/* The copy is only read. It is opened read-write when this process may
 * write it and its folder, so that closing it folds in and removes a -wal
 * of its own instead of leaving one beside it; else (issue 15, round 3,
 * F2: a copy of another owner, on a read-only mount) read-only, and when
 * no -shm can be made beside it and its -wal is empty, as an unchanging
 * file (immutable=1), as db.c's open_readonly does for the database. */
static int open_copy(const char *copy, sqlite3 **db) {
    static const char *const modes[] = {"mode=ro", "immutable=1"};
    char dir[4096];
    dir_of(copy, dir, sizeof dir);
    if (access(copy, W_OK) == 0 && access(dir, W_OK) == 0)
        return open_and_read(copy, SQLITE_OPEN_READWRITE, db);
    int rc = SQLITE_CANTOPEN;
    for (int m = 0; m < 2 && rc != SQLITE_OK; m++) {
        if (m == 1 && !store_wal_empty(copy)) break;
        Str uri = STR_INIT;
        store_file_uri(&uri, copy, modes[m]);
        rc = open_and_read(str_cstr(&uri), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, db);
        str_free(&uri);
    }
    return rc;
}

/* Why COPY, opened with CODE, cannot be read: with a -wal that could not
 * be read beside it (read-only folder, no -shm), that is the reason. */
static const char *copy_cause(const char *copy, int code) {
    if ((code & 0xff) == SQLITE_CANTOPEN && !store_wal_empty(copy))
        return _("su registro -wal tiene cambios que aún no pasan al archivo y su carpeta no se puede "
                 "escribir: cópiela junto con su -wal a una carpeta donde se pueda escribir");
    return store_file_cause(copy, code);
}

/* COPY must be a pmm database: SQLite opens it and it holds pmm's tables. */
static bool is_pmm_database(const char *copy, Str *err) {
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int code = open_copy(copy, &db);
    bool ok = code == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                           " AND name IN ('edition', 'action', 'institution')) = 3", -1, &s,
                           NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1;
    if (db) code = sqlite3_extended_errcode(db);
    if (!ok) str_printf(err, _("«%s» no es una base de datos de pmm: %s"), copy,
                        code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE
                        ? _("no tiene sus tablas de ediciones, acciones e instituciones")
                        : copy_cause(copy, code));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return ok;
}

static void count_message(void *ctx, const char *msg) {
    Str *s = ctx;
    if (s->len < 1000) str_printf(s, "%s%s", s->len ? "; " : "", msg);
}

/* Copies COPY into TMP with the online backup (COPY's own -wal included),
 * runs the full integrity check on the result, and brings its schema up to
 * this pmm's (a newer one is refused). TMP is on disk when this returns. */
static bool build_restored(const char *copy, const char *tmp, Str *err) {
    sqlite3 *src = NULL, *dst = NULL;
    Str problems = STR_INIT;
    int rc = open_copy(copy, &src);
    bool read = rc == SQLITE_OK;
    bool ok = read && sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK;
    sqlite3_backup *b = ok ? sqlite3_backup_init(dst, "main", src, "main") : NULL;
    rc = b ? sqlite3_backup_step(b, -1) : dst ? sqlite3_extended_errcode(dst) : SQLITE_NOMEM;
    ok = b && rc == SQLITE_DONE;
    if (b) sqlite3_backup_finish(b);
    /* issue 15 (helper S15): which file failed, and why, in pmm's words */
    if (!read) str_printf(err, _("no se puede leer «%s»: %s"), copy,
                          copy_cause(copy, rc));
    else if (!ok) str_printf(err, _("no se pudo copiar «%s» a «%s»: %s"), copy, tmp, store_file_cause(tmp, rc));
    if (ok && (!sqlite_check(dst, false, count_message, &problems) || problems.len)) {
        str_printf(err, _("«%s» no pasó la comprobación de integridad: %s"), copy,
                   problems.len ? str_cstr(&problems) : errtext_sqlite_db(dst));
        ok = false;
    }
    str_free(&problems);
    sqlite3_close(src);
    if (sqlite3_close(dst) != SQLITE_OK) ok = false;
    if (!ok) return false;
    Str why = STR_INIT;
    Store *t = store_open_single(tmp, false, &why);   /* migrations, or a newer schema refused */
    if (!t) str_printf(err, _("la copia «%s» no se puede usar: %s"), copy, str_cstr(&why));
    str_free(&why);
    store_close(t);
    if (t && !sync_path(tmp, false)) {
        str_printf(err, _("no se pudo escribir «%s» al disco: %s"), tmp, errtext(errno));
        return false;
    }
    return t != NULL;
}

/* Moves DB and its -wal and -journal aside to PREV (kept together, so that
 * SQLite opens PREV whole), and removes its -shm: a -wal left beside a
 * replaced file would be replayed into it and damage it. */
static bool move_aside(const char *db, const char *prev, Str *err) {
    static const char *const suffix[] = {"", "-wal", "-journal"};
    char from[4096], to[4096];
    for (int i = 0; i < 3; i++) {
        snprintf(from, sizeof from, "%s%s", db, suffix[i]);
        snprintf(to, sizeof to, "%s%s", prev, suffix[i]);
        if (rename(from, to) != 0 && errno != ENOENT) {
            str_printf(err, _("no se puede renombrar «%s» a «%s»: %s"), from, to, errtext(errno));
            return false;
        }
    }
    snprintf(from, sizeof from, "%s-shm", db);
    if (unlink(from) != 0 && errno != ENOENT) {
        str_printf(err, _("no se puede borrar «%s»: %s"), from, errtext(errno));
        return false;
    }
    return true;
}

/* DB.antes-de-restaurar-DATE-TIME, with -2, -3... when taken already. */
static void previous_name(const char *db, Str *prev) {
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
    for (int n = 1;; n++) {
        str_clear(prev);
        str_printf(prev, "%s.antes-de-restaurar-%s", db, stamp);
        if (n > 1) str_printf(prev, "-%d", n);
        if (access(str_cstr(prev), F_OK) != 0) return;
    }
}

bool store_files_cache_dir(const char *db, char *out, size_t n) {
    int len = snprintf(out, n, "%s-cache", db);
    return len > 0 && (size_t)len < n;
}

bool store_files_cache_clear(const char *db) {
    char dir[4096], path[8192];
    if (!store_files_cache_dir(db, dir, sizeof dir)) return false;
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT;
    bool ok = true;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0 && errno != ENOENT) ok = false;
    }
    closedir(d);
    return rmdir(dir) == 0 && ok;
}

bool store_restore(const char *copy, const char *db, Str *prev, Str *err) {
    if (is_database_file(copy, db)) {
        str_printf(err, _("«%s» es la base de datos misma: indique una copia"), copy);
        return false;
    }
    if (access(copy, R_OK) != 0) {
        str_printf(err, _("no se puede leer «%s»: %s"), copy, errtext(errno));
        return false;
    }
    if (!is_pmm_database(copy, err)) return false;
    /* issue 15: a folder at DB's name would be moved aside like a file */
    struct stat st;
    if (stat(db, &st) == 0 && S_ISDIR(st.st_mode)) {
        str_printf(err, _("no se puede restaurar en «%s»: %s"), db, errtext(EISDIR));
        return false;
    }
    Hold h = {-1, -1};
    if (!take_database(db, &h, err)) return false;
    char tmp[4096], dir[4096];
    snprintf(tmp, sizeof tmp, "%s.restore-%ld", db, (long)getpid());
    remove_temp(tmp);
    bool had = access(db, F_OK) == 0;
    previous_name(db, prev);
    bool ok = build_restored(copy, tmp, err) && move_aside(db, str_cstr(prev), err);
    if (ok && rename(tmp, db) != 0) {
        str_printf(err, _("no se puede renombrar «%s» a «%s»: %s"), tmp, db, errtext(errno));
        ok = false;
    }
    remove_temp(tmp);
    release(&h);
    dir_of(db, dir, sizeof dir);
    sync_path(dir, true);
    if (!had) str_free(prev);
    return ok;
}

/* ---- checks ---- */

typedef struct {
    CheckFn fn;
    void *ctx;
    long problems;
    const char *what;      /* message prefix for list rows */
    int ncols;
} CheckCtx;

static void problem(CheckCtx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(CheckCtx *c, const char *fmt, ...) {
    Str s = STR_INIT;
    va_list ap;
    va_start(ap, fmt);
    str_vprintf(&s, fmt, ap);
    va_end(ap);
    c->fn(c->ctx, str_cstr(&s));
    str_free(&s);
    c->problems++;
}

/* Every row a query returns is a problem: "WHAT: col1, col2, ...". */
static bool list_row(void *p, sqlite3_stmt *s) {
    CheckCtx *c = p;
    Str cols = STR_INIT;
    for (int i = 0; i < sqlite3_column_count(s); i++) {
        const char *v = (const char *)sqlite3_column_text(s, i);
        if (i) str_puts(&cols, ", ");
        str_puts(&cols, v ? v : "NULL");
    }
    problem(c, "%s: %s", c->what, str_cstr(&cols));
    str_free(&cols);
    return c->problems < 1000;
}

static void integrity_problem(void *p, const char *msg) {
    problem(p, _("integridad de SQLite: %s"), msg);
}

static bool rows_are_problems(Store *st, CheckCtx *c, const char *what, const char *sql) {
    c->what = what;
    return store_each_row(st, sql, NULL, list_row, c);
}

/* The rules every action keeps, whatever the figures. */
static bool check_rules(Store *st, CheckCtx *c, int *n) {
    *n += 10;
    return
        /* issue 13: the guiding principles and good practices of actions */
        rows_are_problems(st, c, _("principio rector de una acción que no existe, o que no está en el catálogo "
                                   "(acción, principio)"),
            "SELECT p.action_id, p.principle FROM action_principle p"
            " WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.id = p.action_id)"
            " OR NOT EXISTS (SELECT 1 FROM principle WHERE n = p.principle)") &&
        rows_are_problems(st, c, _("buena práctica de una acción que no existe (acción)"),
            "SELECT g.action_id FROM good_practice g"
            " WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.id = g.action_id)") &&
        /* issue 13 (F13, fault 3): practice_store.h's rule */
        rows_are_problems(st, c, _("buena práctica de una acción sin principio rector (edición, folio)"),
            "SELECT e.name, a.folio FROM good_practice g JOIN action a ON a.id = g.action_id"
            " JOIN edition e ON e.id = a.edition_id WHERE " PRACTICE_UNTAGGED_SQL("g")) &&
        rows_are_problems(st, c, _("acción sin objetivo (edición, folio)"),
            "SELECT e.name, a.folio FROM action a JOIN edition e ON e.id = a.edition_id"
            " WHERE NOT EXISTS (SELECT 1 FROM action_objective ao WHERE ao.action_id = a.id)") &&
        rows_are_problems(st, c, _("acción sin exactamente un objetivo principal (edición, folio, principales)"),
            "SELECT e.name, a.folio, sum(ao.principal) FROM action a"
            " JOIN edition e ON e.id = a.edition_id JOIN action_objective ao ON ao.action_id = a.id"
            " GROUP BY a.id HAVING sum(ao.principal = 1) != 1 OR sum(ao.principal NOT IN (0, 1)) > 0") &&
        /* migration 9: the objectives' order as written, the principal first */
        rows_are_problems(st, c, _("acción cuyos objetivos no tienen un orden (edición, folio)"),
            "SELECT e.name, a.folio FROM action a"
            " JOIN edition e ON e.id = a.edition_id JOIN action_objective ao ON ao.action_id = a.id"
            " GROUP BY a.id HAVING sum(ao.principal = 1 AND ao.position = 0) != 1"
            " OR count(DISTINCT ao.position) != count(*) OR max(ao.position) != count(*) - 1") &&
        rows_are_problems(st, c, _("reto de una acción que no existe (reto, acción)"),
            "SELECT c.id, c.action_id FROM challenge c"
            " WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.id = c.action_id)") &&
        rows_are_problems(st, c, _("objetivo de una acción que no existe (acción, objetivo)"),
            "SELECT ao.action_id, ao.objective FROM action_objective ao"
            " WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.id = ao.action_id)") &&
        rows_are_problems(st, c, _("tipo de acción o población de una acción que no existe (acción)"),
            "SELECT action_id FROM action_action_type t"
            " WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.id = t.action_id)"
            " UNION SELECT action_id FROM action_population p"
            " WHERE NOT EXISTS (SELECT 1 FROM action a WHERE a.id = p.action_id)") &&
        rows_are_problems(st, c, _("objetivo fuera del 1 al 23 (acción, objetivo)"),
            "SELECT action_id, objective FROM action_objective WHERE objective NOT BETWEEN 1 AND 23");
}

/* Issue 10: every action is in the state its last audited change left it
 * in (the audit log's "after" holds "situacion"), unless a later write that
 * the log does not record (an import, which moves updated_at) replaced it;
 * and a published revision holds validated actions only. */
static bool check_audit_states(Store *st, CheckCtx *c, int *n) {
    *n += 2;
    return
        rows_are_problems(st, c, _("acción cuya situación no es la de su último cambio en la bitácora "
                                   "(edición, folio, situación, según la bitácora, fecha del cambio)"),
            "SELECT e.name, a.folio, a.status, l.s, l.at FROM action a"
            " JOIN edition e ON e.id = a.edition_id"
            " JOIN (SELECT x.action_id, x.at,"
            "         CASE WHEN json_valid(x.after) THEN json_extract(x.after, '$.situacion') END AS s"
            "       FROM audit_log x WHERE x.id = (SELECT max(y.id) FROM audit_log y"
            "         WHERE y.action_id = x.action_id AND CASE WHEN json_valid(y.after)"
            "           THEN json_extract(y.after, '$.situacion') END IS NOT NULL)) l"
            "   ON l.action_id = a.id"
            " WHERE l.s IS NOT a.status AND a.updated_at <= l.at") &&
        rows_are_problems(st, c, _("acción no validada en una revisión publicada (edición, folio, situación)"),
            "SELECT e.name, a.folio, a.status FROM action a JOIN edition e ON e.id = a.edition_id"
            " WHERE e.snapshot_of IS NOT NULL AND a.status <> 'validada'");
}

/* Issue 13, hostile fault 3 (R13), the rule made by R13B: a continuation
 * link is to an action of the same institution in a live edition before
 * the continuing action's, in trend order (EDITION_ORDER_SQL), the rule
 * the import and the platform check when a link is made. The link is by
 * id and the interchange format names the continued edition
 * (continua_edicion), so an edition added between two others breaks
 * nothing; a period changed so that the continued edition is no longer
 * before does, and is named here. */
static bool check_continuations(Store *st, CheckCtx *c, int *n) {
    *n += 1;
    return rows_are_problems(st, c,
        _("continuación que no es de una acción de la misma instancia en una edición anterior "
          "(edición, folio, continúa a: edición, folio)"),
        "SELECT e.name, a.folio, pe.name, p.folio FROM action_continuation k"
        " JOIN action a ON a.id = k.action_id JOIN edition e ON e.id = a.edition_id"
        " JOIN action p ON p.id = k.continues_id JOIN edition pe ON pe.id = p.edition_id"
        " WHERE e.snapshot_of IS NULL AND (p.institution_id IS NOT a.institution_id"
        "  OR pe.snapshot_of IS NOT NULL OR NOT " EDITION_ORDER_SQL("pe") " < " EDITION_ORDER_SQL("e") ")"
        " ORDER BY e.name, a.folio");
}

/* The web's search index holds exactly the actions (when it exists). */
static bool check_search_index(Store *st, CheckCtx *c, int *n) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM sqlite_schema WHERE name = 'action_fts'",
                           -1, &s, NULL) != SQLITE_OK)
        return false;
    bool exists = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (!exists) return true;
    *n += 2;
    /* the ids in action_fts_dirty wait for the index to catch up */
    return rows_are_problems(st, c, _("acción que falta en el índice de búsqueda (edición, folio)"),
            "SELECT e.name, a.folio FROM action a JOIN edition e ON e.id = a.edition_id"
            " WHERE a.id NOT IN (SELECT rowid FROM action_fts)"
            " AND a.id NOT IN (SELECT id FROM action_fts_dirty)") &&
        rows_are_problems(st, c, _("entrada del índice de búsqueda sin acción (rowid)"),
            "SELECT rowid FROM action_fts WHERE rowid NOT IN (SELECT id FROM action)"
            " AND rowid NOT IN (SELECT id FROM action_fts_dirty)");
}

/* Two figures that must be equal; names the figure when they are not. */
static void same(CheckCtx *c, const char *ed, const char *scope, const char *name, long long a,
                 long long b) {
    if (a != b)
        problem(c, _("edición «%s» (%s): la cifra «%s» es %lld por un método y %lld por el otro"),
                ed, scope, name, a, b);
}

static void compare_figures(CheckCtx *c, const Figures *x, const Figures *y) {
    const char *ed = x->edition, *sc = x->all_statuses ? _("todas") : _("validadas");
    char name[512];
    same(c, ed, sc, "actions", x->actions, y->actions);
    same(c, ed, sc, "objective_links", x->objective_links, y->objective_links);
    same(c, ed, sc, "institutions", x->institutions, y->institutions);
    same(c, ed, sc, "states", x->states, y->states);
    same(c, ed, sc, "challenges", x->challenges, y->challenges);
    same(c, ed, sc, "unclassified", x->unclassified, y->unclassified);
    same(c, ed, sc, "beneficiaries", x->beneficiaries, y->beneficiaries);
    same(c, ed, sc, "with_beneficiaries", x->with_beneficiaries, y->with_beneficiaries);
    for (int k = 0; k < 3; k++) {
        snprintf(name, sizeof name, "gender_focus[%d]", k);
        same(c, ed, sc, name, x->gender[k], y->gender[k]);
        snprintf(name, sizeof name, "disability[%d]", k);
        same(c, ed, sc, name, x->disability[k], y->disability[k]);
    }
    for (int t = 0; t < x->ntypes; t++) {
        snprintf(name, sizeof name, "by_reporter_type.%s", x->types[t].code);
        same(c, ed, sc, name, x->by_type[t], y->by_type[t]);
        snprintf(name, sizeof name, "institutions_by_reporter_type.%s", x->types[t].code);
        same(c, ed, sc, name, x->inst_by_type[t], y->inst_by_type[t]);
        snprintf(name, sizeof name, "challenges.unclassified.%s", x->types[t].code);
        same(c, ed, sc, name, x->unclassified_by_type[t], y->unclassified_by_type[t]);
        for (int o = 1; o <= FIG_NOBJ; o++) {
            snprintf(name, sizeof name, "by_objective.%d.%s", o, x->types[t].code);
            same(c, ed, sc, name, x->by_obj_type[o][t], y->by_obj_type[o][t]);
        }
        for (int k = 0; k < x->ncats; k++) {
            snprintf(name, sizeof name, "challenges.%s.%s", x->cats[k].code, x->types[t].code);
            same(c, ed, sc, name, x->by_cat_type[k][t], y->by_cat_type[k][t]);
        }
    }
    for (int o = 1; o <= FIG_NOBJ; o++) {
        snprintf(name, sizeof name, "by_objective.%d", o);
        same(c, ed, sc, name, x->by_obj[o], y->by_obj[o]);
    }
    for (int p = 0; p < x->npops; p++) {
        snprintf(name, sizeof name, "population.%s", x->pops[p].code);
        same(c, ed, sc, name, x->by_pop[p], y->by_pop[p]);
    }
    for (int k = 0; k < x->ncats; k++) {
        snprintf(name, sizeof name, "challenges.%s", x->cats[k].code);
        same(c, ed, sc, name, x->by_cat[k], y->by_cat[k]);
    }
    for (int p = 1; p <= FIG_NPRIN; p++) {          /* issue 13 */
        snprintf(name, sizeof name, "guiding_principles.%d", p);
        same(c, ed, sc, name, x->by_principle[p], y->by_principle[p]);
    }
    same(c, ed, sc, "actions_with_principles", x->with_principles, y->with_principles);
    for (int r = 1; r <= FIG_NROUNDTABLES; r++) {
        snprintf(name, sizeof name, "by_roundtable.%d", r);
        same(c, ed, sc, name, x->by_roundtable[r], y->by_roundtable[r]);
    }
}

/* Sums the figures must keep among themselves. */
static void check_sums(CheckCtx *c, const Figures *f) {
    const char *ed = f->edition, *sc = f->all_statuses ? _("todas") : _("validadas");
    long links = 0, cats = f->unclassified, types = 0;
    for (int o = 1; o <= FIG_NOBJ; o++) {
        long row = 0;
        for (int t = 0; t < f->ntypes; t++) row += f->by_obj_type[o][t];
        char name[64];
        snprintf(name, sizeof name, "by_objective.%d = suma por tipo", o);
        same(c, ed, sc, name, f->by_obj[o], row);
        links += f->by_obj[o];
    }
    for (int k = 0; k < f->ncats; k++) cats += f->by_cat[k];
    for (int t = 0; t < f->ntypes; t++) types += f->by_type[t];
    same(c, ed, sc, "objective_links = suma por objetivo", f->objective_links, links);
    same(c, ed, sc, "challenges = sin clasificar + suma por categoría", f->challenges, cats);
    same(c, ed, sc, "actions = suma por tipo de reportante", f->actions, types);
    same(c, ed, sc, "actions = suma de enfoque de género",
         f->actions, f->gender[0] + f->gender[1] + f->gender[2]);
    same(c, ed, sc, "actions = suma de discapacidad",
         f->actions, f->disability[0] + f->disability[1] + f->disability[2]);
    if (f->objective_links < f->actions)
        problem(c, _("edición «%s» (%s): hay %ld acciones y solo %ld vínculos a objetivos"),
                ed, sc, f->actions, f->objective_links);
}

typedef struct {
    Store *st;
    CheckCtx *c;
    int checks;
    bool failed;
} EdCtx;

static void check_edition(void *p, const Edition *e, long actions) {
    EdCtx *x = p;
    static Figures fast, ref;
    for (int all = 0; all < 2; all++) {
        if (!store_figures(x->st, e, all, &fast) || !store_figures_reference(x->st, e, all, &ref)) {
            x->failed = true;
            return;
        }
        compare_figures(x->c, &fast, &ref);
        check_sums(x->c, &fast);
        x->checks += 2;
    }
    (void)actions;
}

/* Issue 12, N1: the settings printed on the covers, source lines and
 * citations keep the one-line rule (text_one_line_check); a value stored
 * before it (an older database, a hand edit) is printed without the
 * character (text_one_line) and named here, so that it is corrected, not
 * dropped silently. The value itself is not echoed: its character would
 * reverse or break the message. */
/* the option that sets each column of check_one_line's query: name, issuer,
 * country, place, license, issuer_en, country_en, place_en */
static const char *const ONE_LINE_OPTIONS[] = {NULL, "--emisor", "--pais", "--lugar", "--licencia",
                                               "--emisor-en", "--pais-en", "--lugar-en"};

static bool one_line_edition_row(void *p, sqlite3_stmt *s) {
    CheckCtx *c = p;
    Arena a = ARENA_INIT;
    const char *edition = text_one_line(&a, store_col_text(s, 0));
    for (int i = 0; i < (int)(sizeof ONE_LINE_OPTIONS / sizeof *ONE_LINE_OPTIONS); i++) {
        uint32_t cp = text_find_line_breaker(store_col_text(s, i));
        if (cp && i == 0)   /* a name from before edition_name_check had the rule (only U+2028, U+2029 can be) */
            problem(c, _("edición «%s»: su nombre lleva el carácter U+%04X, que parte la línea impresa (la "
                         "portada, la cita sugerida)"), edition, (unsigned)cp);
        else if (cp)
            problem(c, _("edición «%s»: %s lleva el carácter U+%04X, que rompe o invierte la línea impresa; "
                         "las publicaciones lo omiten: corríjalo con «pmm edition set»"),
                    edition, ONE_LINE_OPTIONS[i], (unsigned)cp);
        /* t12 #12: an invisible or private-use character, which the rule
         * refuses since (printed as it is: named, not dropped) */
        const char *why = cp ? NULL : text_one_line_check(store_col_text(s, i), 0);
        if (why && i == 0)
            problem(c, _("edición «%s»: su nombre %s"), edition, why);
        else if (why)
            problem(c, _("edición «%s»: %s %s (con «pmm edition set»)"), edition, ONE_LINE_OPTIONS[i], why);
    }
    arena_free(&a);
    return c->problems < 1000;
}

static bool one_line_pack_row(void *p, sqlite3_stmt *s) {
    CheckCtx *c = p;
    uint32_t cp = text_find_line_breaker(store_col_text(s, 1));
    if (cp)
        problem(c, _("paquete de país: «%s» lleva el carácter U+%04X, que rompe o invierte la línea impresa; "
                     "las publicaciones lo omiten"), store_col_text(s, 0), (unsigned)cp);
    const char *why = cp ? NULL : text_one_line_check(store_col_text(s, 1), 0);   /* t12 #12 */
    if (why) problem(c, _("paquete de país: «%s» %s"), store_col_text(s, 0), why);
    return c->problems < 1000;
}

/* t12 #6: a preamble holding a control character, stored before
 * cli_read_preamble refused one (it prints as a box of hex digits). */
static bool preamble_control_row(void *p, sqlite3_stmt *s) {
    CheckCtx *c = p;
    uint32_t cp = text_find_control(store_col_text(s, 1));
    if (cp) {
        Arena a = ARENA_INIT;
        problem(c, _("edición «%s»: su preámbulo lleva un carácter de control (U+%04X), que no se puede "
                     "imprimir: corríjalo con «pmm edition set --preamble»"),
                text_one_line(&a, store_col_text(s, 0)), (unsigned)cp);
        arena_free(&a);
        return c->problems < 1000;
    }
    int line;
    const char *why = text_lines_check(store_col_text(s, 1), &line);      /* t12v N2 */
    if (why) {
        Arena a = ARENA_INIT;
        problem(c, _("edición «%s»: su preámbulo, en la línea %d, %s; corríjalo con «pmm edition set --preamble»"),
                text_one_line(&a, store_col_text(s, 0)), line, why);
        arena_free(&a);
    }
    return c->problems < 1000;
}

static bool check_preambles(Store *st, CheckCtx *c, int *n) {
    *n += 1;
    return store_each_row(st, "SELECT name, preamble FROM edition WHERE preamble IS NOT NULL AND snapshot_of IS NULL ORDER BY id", NULL,
                          preamble_control_row, c);
}

static bool check_one_line(Store *st, CheckCtx *c, int *n) {
    *n += 2;
    return store_each_row(st, "SELECT name, coalesce(issuer, ''), coalesce(country, ''), coalesce(place, ''),"
                          " coalesce(license, ''), coalesce(issuer_en, ''), coalesce(country_en, ''),"
                          " coalesce(place_en, '') FROM edition ORDER BY id", NULL, one_line_edition_row, c) &&
           store_each_row(st, "SELECT key, value FROM pack"   /* its words, not the boundary file nor the catalogs' marks */
                          " WHERE key NOT IN ('limites', 'numeros.miles', 'numeros.decimal')"
                          " AND key NOT LIKE 'catalogos.%' ORDER BY key", NULL, one_line_pack_row, c);
}

long store_check(Store *st, CheckFn fn, void *ctx, int *nchecks, Str *err) {
    CheckCtx c = {fn, ctx, 0, NULL, 0};
    *nchecks = 0;
    bool ok = sqlite_check(st->db, false, integrity_problem, &c);
    *nchecks += 1;
    ok = ok && rows_are_problems(st, &c, _("referencia rota (tabla, fila, tabla referida, restricción)"),
                                 "PRAGMA foreign_key_check");
    *nchecks += 1;
    ok = ok && check_rules(st, &c, nchecks) && check_audit_states(st, &c, nchecks) &&
         check_continuations(st, &c, nchecks) &&          /* issue 13, hostile fault 3 (R13) */
         check_one_line(st, &c, nchecks) &&               /* issue 12, N1 */
         check_preambles(st, &c, nchecks) &&              /* issue 12 round 5, t12 #6 */
         check_search_index(st, &c, nchecks);
    EdCtx x = {st, &c, 0, false};
    /* one read transaction: every check sees the same records */
    if (ok) {
        bool own = sqlite3_get_autocommit(st->db);
        if (own) sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL);
        ok = store_edition_list(st, check_edition, &x) && !x.failed;
        if (own) sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    }
    *nchecks += x.checks;
    if (!ok) {
        str_printf(err, "%s", errtext_sqlite_db(st->db));
        return -1;
    }
    return c.problems;
}
