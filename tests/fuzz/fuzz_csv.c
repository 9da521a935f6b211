/*
 * libFuzzer target: the CSV reader and the whole importer behind it.
 *
 * Each input is read three ways: by csv_read_buffer alone, as a table
 * with the columns of the actions file, and imported (checked, nothing
 * kept) into an in-memory database holding the catalogs, so the value
 * parsers, the catalog matcher and the insert path all see it. An input
 * holding a line "--retos--" is split there: what follows is the
 * challenges file of the same import.
 *
 * Built with -Dfuzz=true (make fuzz); replay.c runs the same function
 * over the inputs kept in tests/fuzz/regress/ in every build.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/catalog_load.h"
#include "ingest/csvread.h"
#include "ingest/import.h"
#include "ingest/table.h"
#include "fuzz.h"

static bool touch_record(void *ctx, const CsvRecord *r) {
    size_t *total = ctx;
    for (size_t i = 0; i < r->nfields; i++) *total += strlen(r->fields[i]);
    return true;
}

static bool touch_row(void *ctx, long line, const char *const *v) {
    int objs[23], n;
    const char *why;
    int yn;
    long long count;
    parse_objectives(v[AF_OBJETIVOS], objs, 23, &n, &why);
    parse_yes_no(v[AF_ENFOQUE_GENERO], &yn);
    parse_count(v[AF_BENEFICIARIOS], &count, &why);
    (void)ctx;
    (void)line;
    return true;
}

static Store *store;
static Edition edition;

static void open_store(void) {
    Str err = STR_INIT;
    store = store_open(":memory:", true, &err);
    if (!store) abort();
    DiagList d;
    diag_init(&d);
    if (!catalog_load(store, NULL, &d) || !store_edition_create(store, "fuzz", "", "", &edition))
        abort();
    diag_free(&d);
    str_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!store) open_store();
    const char *p = (const char *)data;
    DiagList d;

    diag_init(&d);
    size_t total = 0;
    csv_read_buffer(p, size, "fuzz.csv", touch_record, &total, &d);
    diag_free(&d);

    diag_init(&d);
    TableReader t = {.cols = import_action_cols(), .ncols = AF__COUNT, .file = "fuzz.csv",
                     .diags = &d, .row = touch_row};
    table_read(&t, NULL, p, size);
    diag_free(&d);

    static const char cut[] = "\n--retos--\n";
    const char *sep = memmem(p, size, cut, sizeof cut - 1);
    size_t na = sep ? (size_t)(sep - p) + 1 : size;
    ImportFile acc = {"acciones.csv", NULL, p, na};
    ImportFile ret = {"retos.csv", NULL, sep ? sep + sizeof cut - 1 : NULL,
                      sep ? size - na - (sizeof cut - 2) : 0};
    ImportStats stats;
    diag_init(&d);
    import_csv(store, &edition, &acc, sep ? &ret : NULL, "validada", true, &stats, &d);
    diag_free(&d);
    return 0;
}
