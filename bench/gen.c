/*
 * gen: writes a synthetic edition of N actions for the benchmarks and the
 * crash tests, with the distributions of the demo edition.
 *
 *   gen [-n N] [--seed S] [--long PERMILLE] [-o DIR]
 *
 * Writes DIR/acciones.csv and DIR/retos.csv in the interchange format.
 *
 * Each synthetic action is a copy of a demo action drawn uniformly (the
 * demo edition compiled into pmm), so the joint distribution of reporting
 * body, reporter type, objectives (multi-objective actions included),
 * action types, population, gender focus and disability is the demo's, and
 * each copy takes the demo action's challenges with it (same count, same
 * categories). Beneficiaries are redrawn around the demo value; PERMILLE
 * actions in a thousand (default 10) get a long description (2 to 8 KiB).
 * The same N and seed always give the same files.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ingest/csvread.h"
#include "ingest/import.h"
#include "util/embedded.h"
#include "util/hmap.h"
#include "util/mem.h"
#include "util/str.h"

typedef struct {
    char *v[AF__COUNT];
    int first_chal, nchal;        /* its challenges, in Demo.chal */
} DemoAction;

typedef struct {
    char *reto, *categoria;
} DemoChallenge;

typedef struct {
    DemoAction *act;
    size_t nact, capact;
    DemoChallenge *chal;
    size_t nchal, capchal;
    int map[AF__COUNT];           /* column of each field in the demo file */
    bool header;
    HMap folio;                   /* folio -> index in act */
    const char *file;
} Demo;

/* splitmix64: small, fast and the same everywhere */
static uint64_t rng_state;
static uint64_t rnd(void) {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }

static int column_of(const CsvRecord *r, const char *name) {
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i], name) == 0) return (int)i;
    return -1;
}

static const char *field(const CsvRecord *r, int col) {
    return col >= 0 && (size_t)col < r->nfields ? r->fields[col] : "";
}

static bool action_row(void *ctx, const CsvRecord *r) {
    Demo *d = ctx;
    if (!d->header) {
        for (int c = 0; c < AF__COUNT; c++) d->map[c] = column_of(r, action_fields[c].name);
        d->header = true;
        return true;
    }
    if (d->nact == d->capact) {
        d->capact = d->capact ? d->capact * 2 : 512;
        d->act = xrealloc(d->act, d->capact * sizeof *d->act);
    }
    DemoAction *a = &d->act[d->nact];
    for (int c = 0; c < AF__COUNT; c++) a->v[c] = xstrdup(field(r, d->map[c]));
    a->first_chal = a->nchal = 0;
    hmap_put(&d->folio, a->v[AF_FOLIO], (int64_t)d->nact);
    d->nact++;
    return true;
}

/* Challenges come grouped by folio in the demo file; each action keeps the
 * run of its own. */
static bool challenge_row(void *ctx, const CsvRecord *r) {
    Demo *d = ctx;
    if (!d->header) {
        d->map[0] = column_of(r, "folio");
        d->map[1] = column_of(r, "reto");
        d->map[2] = column_of(r, "categoria");
        d->header = true;
        return true;
    }
    int64_t ai;
    if (!hmap_get(&d->folio, field(r, d->map[0]), &ai)) return true;
    if (d->nchal == d->capchal) {
        d->capchal = d->capchal ? d->capchal * 2 : 512;
        d->chal = xrealloc(d->chal, d->capchal * sizeof *d->chal);
    }
    DemoAction *a = &d->act[ai];
    if (a->nchal == 0) a->first_chal = (int)d->nchal;
    else if (a->first_chal + a->nchal != (int)d->nchal) return true;   /* not contiguous */
    d->chal[d->nchal].reto = xstrdup(field(r, d->map[1]));
    d->chal[d->nchal].categoria = xstrdup(field(r, d->map[2]));
    d->nchal++;
    a->nchal++;
    return true;
}

static bool load_demo(Demo *d) {
    const EmbeddedFile *acc = embedded_find("demo/acciones.csv");
    const EmbeddedFile *ret = embedded_find("demo/retos.csv");
    if (!acc || !ret) {
        fprintf(stderr, "gen: this build carries no demo edition\n");
        return false;
    }
    DiagList diags;
    diag_init(&diags);
    hmap_init(&d->folio);
    d->header = false;
    bool ok = csv_read_buffer((const char *)acc->data, acc->size, "demo/acciones.csv",
                              action_row, d, &diags);
    d->header = false;
    ok = ok && csv_read_buffer((const char *)ret->data, ret->size, "demo/retos.csv",
                               challenge_row, d, &diags);
    if (!ok) diag_print(&diags, stderr, 10);
    diag_free(&diags);
    return ok && d->nact > 0;
}

/* One CSV cell, quoted when it must be. */
static void cell(FILE *out, const char *s, bool last) {
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"') fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputc(last ? '\n' : ',', out);
}

/* 2 to 8 KiB: the demo description, then the same text again, as real
 * reports pad a description with context. */
static void long_description(Str *buf, const char *desc) {
    size_t want = 2048 + below(6144);
    str_puts(buf, desc);
    while (buf->len < want) {
        str_putc(buf, ' ');
        str_puts(buf, desc);
    }
}

static void write_edition(const Demo *d, long n, unsigned permille, FILE *fa, FILE *fr) {
    for (int c = 0; c < AF__COUNT; c++) cell(fa, action_fields[c].name, c == AF__COUNT - 1);
    fputs("folio,reto,categoria\n", fr);
    Str desc = STR_INIT;
    char folio[32], ben[32];
    for (long i = 0; i < n; i++) {
        const DemoAction *a = &d->act[below(d->nact)];
        snprintf(folio, sizeof folio, "S%07ld", i + 1);
        str_clear(&desc);
        if (below(1000) < permille) long_description(&desc, a->v[AF_DESCRIPCION]);
        else str_puts(&desc, a->v[AF_DESCRIPCION]);
        ben[0] = '\0';
        if (*a->v[AF_BENEFICIARIOS]) {
            long long b = atoll(a->v[AF_BENEFICIARIOS]);
            snprintf(ben, sizeof ben, "%llu", (unsigned long long)b / 2 + (unsigned long long)below((uint64_t)b + 1));
        }
        for (int c = 0; c < AF__COUNT; c++) {
            const char *v = a->v[c];
            if (c == AF_FOLIO) v = folio;
            else if (c == AF_DESCRIPCION) v = str_cstr(&desc);
            else if (c == AF_BENEFICIARIOS) v = ben;
            cell(fa, v, c == AF__COUNT - 1);
        }
        for (int k = 0; k < a->nchal; k++) {
            const DemoChallenge *ch = &d->chal[a->first_chal + k];
            cell(fr, folio, false);
            cell(fr, ch->reto, false);
            cell(fr, ch->categoria, true);
        }
    }
    str_free(&desc);
}

static FILE *create(const char *dir, const char *name, char **buf) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    *buf = xmalloc(1 << 20);
    setvbuf(f, *buf, _IOFBF, 1 << 20);
    return f;
}

static void demo_free(Demo *d) {
    for (size_t i = 0; i < d->nact; i++)
        for (int c = 0; c < AF__COUNT; c++) free(d->act[i].v[c]);
    for (size_t i = 0; i < d->nchal; i++) {
        free(d->chal[i].reto);
        free(d->chal[i].categoria);
    }
    free(d->act);
    free(d->chal);
    hmap_free(&d->folio);
}

static int usage(void) {
    fprintf(stderr, "usage: gen [-n N] [--seed S] [--long PERMILLE] [-o DIR]\n");
    return 2;
}

int main(int argc, char **argv) {
    long n = 1000;
    unsigned long long seed = 1;
    unsigned permille = 10;
    const char *dir = ".";
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (i + 1 >= argc) return usage();
        const char *v = argv[++i];
        if (strcmp(o, "-n") == 0) n = atol(v);
        else if (strcmp(o, "--seed") == 0) seed = strtoull(v, NULL, 10);
        else if (strcmp(o, "--long") == 0) permille = (unsigned)atoi(v);
        else if (strcmp(o, "-o") == 0) dir = v;
        else return usage();
    }
    if (n < 1 || permille > 1000) return usage();
    rng_state = seed;
    Demo d;
    memset(&d, 0, sizeof d);
    if (!load_demo(&d)) {
        demo_free(&d);
        return 1;
    }
    mkdir(dir, 0777);
    char *ba = NULL, *br = NULL;
    FILE *fa = create(dir, "acciones.csv", &ba);
    FILE *fr = fa ? create(dir, "retos.csv", &br) : NULL;
    bool ok = fa && fr;
    if (ok) write_edition(&d, n, permille, fa, fr);
    if (fa && fclose(fa) != 0) ok = false;
    if (fr && fclose(fr) != 0) ok = false;
    free(ba);
    free(br);
    if (ok)
        fprintf(stderr, "gen: %ld actions from %zu demo actions (seed %llu) in %s\n",
                n, d.nact, seed, dir);
    else if (fa && fr)
        fprintf(stderr, "gen: write error: %s\n", strerror(errno));
    demo_free(&d);
    return ok ? 0 : 1;
}
