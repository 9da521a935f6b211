/*
 * bench_report DB EDITION [RUNS]: the time pmm takes, inside the process,
 * to produce the Informe Ejecutivo of EDITION as HTML and as PDF, from
 * opening the database to the file written (best of RUNS). Process start
 * is left out: on a loaded machine it is noise, and it is the same for
 * every command. Prints the best wall times (HTML, PDF) and the best CPU
 * times of the process: on a shared, loaded machine the CPU time is the
 * figure that does not depend on the neighbours. Run by
 * bench/bench_report.py (make bench).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "analysis/narrative.h"
#include "render/outfile.h"
#include "render/report_html.h"
#include "render/report_pdf.h"
#include "store/report_store.h"

static double clock_s(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One report from the database to OUT; false on failure. */
static bool one(const char *db, const char *edition, bool pdf, const char *out) {
    Str err = STR_INIT;
    Store *st = store_open(db, false, &err);
    if (!st) {
        fprintf(stderr, "bench: %s\n", str_cstr(&err));
        str_free(&err);
        return false;
    }
    Edition ed;
    static Figures f;
    ReportData rd;
    bool ok = store_edition_find(st, edition, &ed) && store_figures(st, &ed, false, &f) &&
              store_report_data(st, &ed, false, &rd);
    if (ok) {
        Doc d;
        ReportOptions o = {.lang = LANG_ES, .otros_umbral = 13, .lang_given = true};   /* no imprint, programs or previous edition; Spanish */
        doc_init(&d, LANG_ES);
        report_build(&d, &f, &rd, &o);
        if (pdf) {
            ok = doc_pdf(&d, out);
        } else {
            Str html = STR_INIT;
            doc_html(&d, &html);
            ok = report_write(out, html.p, html.len);
            str_free(&html);
        }
        doc_free(&d);
        report_data_free(&rd);
    }
    store_close(st);
    return ok;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_report DB EDITION [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? atoi(argv[3]) : 5;
    double best[2] = {1e9, 1e9}, cpu[2] = {1e9, 1e9};
    const char *outs[2] = {"/tmp/pmm-bench-report.html", "/tmp/pmm-bench-report.pdf"};
    for (int r = 0; r < runs; r++)
        for (int k = 0; k < 2; k++) {
            double t = clock_s(CLOCK_MONOTONIC), c = clock_s(CLOCK_PROCESS_CPUTIME_ID);
            if (!one(argv[1], argv[2], k == 1, outs[k])) return 1;
            t = clock_s(CLOCK_MONOTONIC) - t;
            c = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c;
            if (t < best[k]) best[k] = t;
            if (c < cpu[k]) cpu[k] = c;
        }
    printf("%.1f %.1f %.1f %.1f\n", best[0] * 1000, best[1] * 1000, cpu[0] * 1000, cpu[1] * 1000);
    remove(outs[0]);
    remove(outs[1]);
    return 0;
}
