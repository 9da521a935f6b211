#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "render/outfile.h"
#include "util/mem.h"

char *report_tmp_path(const char *path) {
    size_t n = strlen(path) + 32;
    char *t = xmalloc(n);
    snprintf(t, n, "%s.tmp%ld", path, (long)getpid());
    return t;
}

bool report_commit(const char *tmp, const char *path, bool ok) {
    if (ok && rename(tmp, path) != 0) {
        fprintf(stderr, "pmm: %s: %s\n", path, strerror(errno));
        ok = false;
    }
    if (!ok) unlink(tmp);
    return ok;
}

bool report_write(const char *path, const char *data, size_t n) {
    if (!path || strcmp(path, "-") == 0) return fwrite(data, 1, n, stdout) == n && fflush(stdout) == 0;
    char *tmp = report_tmp_path(path);
    FILE *f = fopen(tmp, "wb");
    bool ok = f != NULL;
    if (!f) fprintf(stderr, "pmm: %s: %s\n", path, strerror(errno));
    if (ok && (fwrite(data, 1, n, f) != n || fclose(f) != 0)) {
        fprintf(stderr, "pmm: %s: %s\n", path, strerror(errno));
        ok = false;
    }
    ok = report_commit(tmp, path, ok);
    free(tmp);
    return ok;
}

