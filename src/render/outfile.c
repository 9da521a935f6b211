#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "render/outfile.h"
#include "util/mem.h"
#include "util/errtext.h"

/* Issue 15 (hostile tester): -o /dev/full as root turned the device node
 * into a regular file and -o LINK replaced the symbolic link. What PATH
 * is decides how it is written: */
typedef enum {
    OUT_REPLACE,    /* a regular file, or nothing yet: replaced whole (rename) */
    OUT_COPY,       /* a device, FIFO or socket, or a link that leads nowhere
                     * yet: cannot be replaced, so the finished file (made in
                     * the temporary folder, since the PDF writer reads its
                     * file back) is copied into it */
} OutKind;

/* How PATH is written, and into TARGET the file replaced (a link's file). */
static OutKind out_target(const char *path, char target[PATH_MAX]) {
    struct stat sb, lsb;
    bool exists = stat(path, &sb) == 0;
    snprintf(target, PATH_MAX, "%s", path);
    if (exists && !S_ISREG(sb.st_mode)) return OUT_COPY;
    if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
        return exists && realpath(path, target) ? OUT_REPLACE : OUT_COPY;
    return OUT_REPLACE;
}

char *report_tmp_path(const char *path) {
    char target[PATH_MAX];
    if (out_target(path, target) == OUT_COPY) {
        const char *dir = getenv("TMPDIR");
        char *t = xmalloc(PATH_MAX);
        snprintf(t, PATH_MAX, "%s/pmm-out.XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(t);
        if (fd >= 0) close(fd);
        return t;               /* on failure the caller's fopen says why */
    }
    size_t n = strlen(target) + 32;
    char *t = xmalloc(n);
    snprintf(t, n, "%s.tmp%ld", target, (long)getpid());
    return t;
}

bool report_is_special(const char *path) {
    struct stat sb;
    return path && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode);
}

/* Copies the file TMP into PATH, every write and the close checked; false
 * with the reason in ERR (a full device: «el disco está lleno»). */
static bool copy_into(const char *tmp, const char *path, Str *err) {
    FILE *in = fopen(tmp, "rb"), *out = in ? fopen(path, "wb") : NULL;
    bool ok = out != NULL;
    int e = errno;
    char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) ok = false, e = errno;
    if (ok && ferror(in)) ok = false, e = errno;
    if (out && fclose(out) != 0 && ok) ok = false, e = errno;
    if (!ok) str_printf(err, "%s: %s", in ? path : tmp, errtext(e));
    if (in) fclose(in);
    return ok;
}

bool report_commit_err(const char *tmp, const char *path, bool ok, Str *err) {
    char target[PATH_MAX];
    bool copy = out_target(path, target) == OUT_COPY;
    if (copy) ok = ok && copy_into(tmp, path, err);
    else if (ok && rename(tmp, target) != 0) {
        str_printf(err, "%s: %s", path, errtext(errno));
        ok = false;
    }
    if (copy || !ok) unlink(tmp);
    return ok;
}

bool report_commit(const char *tmp, const char *path, bool ok) {
    Str err = STR_INIT;
    ok = report_commit_err(tmp, path, ok, &err);
    if (err.len) fprintf(stderr, "pmm: %s\n", str_cstr(&err));
    str_free(&err);
    return ok;
}

bool report_write(const char *path, const char *data, size_t n) {
    if (!path || strcmp(path, "-") == 0) return fwrite(data, 1, n, stdout) == n && fflush(stdout) == 0;
    char *tmp = report_tmp_path(path);
    FILE *f = fopen(tmp, "wb");
    bool ok = f != NULL;
    if (!f) fprintf(stderr, "pmm: %s: %s\n", path, errtext(errno));
    if (ok && (fwrite(data, 1, n, f) != n || fclose(f) != 0)) {
        fprintf(stderr, "pmm: %s: %s\n", path, errtext(errno));
        ok = false;
    }
    ok = report_commit(tmp, path, ok);
    free(tmp);
    return ok;
}
