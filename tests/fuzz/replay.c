/* Feeds every file of the directories given to the fuzz target, so that
 * each input a fuzzer once crashed on stays a regression test in every
 * build (the ASan+UBSan one included). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/mem.h"

#include "fuzz.h"

static int replay_dir(const char *dir, int *n) {
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        rewind(f);
        uint8_t *buf = xmalloc(len > 0 ? (size_t)len : 1);
        size_t got = fread(buf, 1, len > 0 ? (size_t)len : 0, f);
        fclose(f);
        LLVMFuzzerTestOneInput(buf, got);
        free(buf);
        printf("ok %d - %s\n", ++*n, path);
    }
    closedir(d);
    return 0;
}

int main(int argc, char **argv) {
    int n = 0, bad = 0;
    for (int i = 1; i < argc; i++) bad += replay_dir(argv[i], &n);
    printf("%d passed, %d failed\n", n, bad);
    return bad ? 1 : 0;
}
