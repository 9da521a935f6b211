/*
 * libFuzzer target: the XLSX reader (zip + XML, streaming). Each input is
 * written to a file, as xlsx_open reads paths, then every sheet is read
 * and every cell touched. Built with -Dfuzz=true (make fuzz).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "ingest/xlsxread.h"
#include "fuzz.h"

static bool touch_row(void *ctx, long row, int ncells, char *const *cells) {
    size_t *total = ctx;
    for (int i = 0; i < ncells; i++) *total += strlen(cells[i]);
    (void)row;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/pmm-fuzz-%ld.xlsx", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    DiagList d;
    diag_init(&d);
    Xlsx *x = xlsx_open(path, "fuzz.xlsx", &d);
    size_t total = 0;
    for (int i = 0; x && i < xlsx_sheet_count(x); i++) {
        xlsx_sheet_name(x, i);
        xlsx_read_sheet(x, i, touch_row, &total);
    }
    xlsx_close(x);
    diag_free(&d);
    unlink(path);
    return 0;
}
