/* The CSV reader on what real spreadsheets write, and on what they must
 * not get away with. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdio.h>
#include "ingest/csvread.h"
#include "ingest/table.h"
#include "util/mem.h"

typedef struct {
    char cells[16][8][64];
    size_t nf[16];
    long line[16];
    int n;
} Got;

static bool collect(void *ctx, const CsvRecord *r) {
    Got *g = ctx;
    if (g->n == 16) return false;
    g->nf[g->n] = r->nfields;
    g->line[g->n] = r->line;
    for (size_t i = 0; i < r->nfields && i < 8; i++)
        snprintf(g->cells[g->n][i], 64, "%s", r->fields[i]);
    g->n++;
    return true;
}

static bool read_str(const char *s, Got *g, DiagList *d) {
    memset(g, 0, sizeof *g);
    diag_init(d);
    return csv_read_buffer(s, strlen(s), "t.csv", collect, g, d);
}

static void test_basic_lf(void **state) {
    Got g; DiagList d;
    assert_true(read_str("a,b,c\n1,2,3\n", &g, &d));
    assert_int_equal(g.n, 2);
    assert_int_equal(g.nf[1], 3);
    assert_string_equal(g.cells[1][2], "3");
    assert_int_equal(g.line[1], 2);
    diag_free(&d);
}

static void test_bom_crlf(void **state) {
    Got g; DiagList d;
    assert_true(read_str("\xEF\xBB\xBF" "folio,nombre\r\nA-1,Acción\r\n", &g, &d));
    assert_int_equal(g.n, 2);
    assert_string_equal(g.cells[0][0], "folio");      /* BOM gone */
    assert_string_equal(g.cells[1][1], "Acción");     /* no stray \r */
    diag_free(&d);
}

static void test_quotes_commas_newlines(void **state) {
    Got g; DiagList d;
    assert_true(read_str("a,b\n\"x, y\",\"dijo \"\"hola\"\"\"\n\"uno\ndos\",z\n3,4\n", &g, &d));
    assert_int_equal(g.n, 4);
    assert_string_equal(g.cells[1][0], "x, y");
    assert_string_equal(g.cells[1][1], "dijo \"hola\"");
    assert_string_equal(g.cells[2][0], "uno\ndos");
    assert_int_equal(g.line[2], 3);      /* the record starts on line 3 */
    assert_int_equal(g.line[3], 5);      /* and the next after its two lines */
    diag_free(&d);
}

static void test_semicolon_sniffed(void **state) {
    Got g; DiagList d;
    assert_true(read_str("folio;objetivos;nombre\nA;7, 15;\"x; y\"\n", &g, &d));
    assert_int_equal(g.nf[1], 3);
    assert_string_equal(g.cells[1][1], "7, 15");
    assert_string_equal(g.cells[1][2], "x; y");
    diag_free(&d);
}

static void test_sep_hint(void **state) {
    Got g; DiagList d;
    assert_true(read_str("sep=;\na;b\n1,5;2\n", &g, &d));
    assert_int_equal(g.n, 2);
    assert_string_equal(g.cells[1][0], "1,5");
    assert_int_equal(g.line[1], 3);
    diag_free(&d);
}

static void test_unterminated_quote(void **state) {
    Got g; DiagList d;
    assert_false(read_str("a,b\n1,2\n3,\"never closed\n4,5\n", &g, &d));
    assert_int_equal(d.total, 1);
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].msg, "comilla sin cerrar"));
    diag_free(&d);
}

static void test_stray_quote(void **state) {
    Got g; DiagList d;
    assert_false(read_str("a,b\n1,2\n3,x\"y\n", &g, &d));
    assert_int_equal(d.items[0].line, 3);
    diag_free(&d);
}

static void test_invalid_utf8(void **state) {
    Got g; DiagList d;
    /* issue 14: Windows-1252 (and so Latin-1) Spanish text is read, as UTF-8 */
    assert_true(read_str("a,b\n1,2\nAcci\xf3n,\x93\xbfs\xed?\x94\n", &g, &d));
    assert_string_equal(g.cells[2][0], "Acción");
    assert_string_equal(g.cells[2][1], "“¿sí?”");
    diag_free(&d);
    /* not so a byte Windows-1252 leaves undefined, nor Mac Roman's «año» */
    assert_false(read_str("a,b\n1,2\nAcci\x81n,3\n", &g, &d));
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].msg, "UTF-8"));
    diag_free(&d);
    assert_false(read_str("a,b\n1,2\na\x96o,3\n", &g, &d));
    assert_int_equal(d.items[0].line, 3);
    diag_free(&d);
    /* nor a line of it after UTF-8 ones */
    assert_false(read_str("a,b\nAcción,2\nAcci\xf3n,3\n", &g, &d));
    assert_int_equal(d.items[0].line, 3);
    diag_free(&d);
}

static void test_nul_byte(void **state) {
    Got g; DiagList d;
    memset(&g, 0, sizeof g);
    diag_init(&d);
    const char data[] = "a,b\n1,2\n3\0,4\n";
    assert_false(csv_read_buffer(data, sizeof data - 1, "t.csv", collect, &g, &d));
    assert_int_equal(d.items[0].line, 3);
    assert_non_null(strstr(d.items[0].msg, "nulo"));
    diag_free(&d);
}

static void test_no_final_newline(void **state) {
    Got g; DiagList d;
    assert_true(read_str("a,b\n1,2", &g, &d));
    assert_int_equal(g.n, 2);
    assert_string_equal(g.cells[1][1], "2");
    diag_free(&d);
}

/* ---- the table reader ---- */

static const ColumnSpec cols[] = {
    {"folio", true, NULL, NULL}, {"tipo_accion", false, "tipo de accion", NULL}, {"nombre", true, NULL, NULL},
};

typedef struct {
    char v[8][3][64];
    long line[8];
    int n;
} Rows;

static bool take_row(void *ctx, long line, const char *const *v) {
    Rows *r = ctx;
    for (int i = 0; i < 3; i++) snprintf(r->v[r->n][i], 64, "%s", v[i]);
    r->line[r->n++] = line;
    return true;
}

static bool read_table(const char *s, Rows *r, DiagList *d) {
    memset(r, 0, sizeof *r);
    diag_init(d);
    TableReader t = {.cols = cols, .ncols = 3, .file = "t.csv", .diags = d, .row = take_row, .ctx = r};
    return table_read(&t, NULL, s, strlen(s));
}

static void test_table_any_order_and_names(void **state) {
    Rows r; DiagList d;
    assert_true(read_table("Nombre , Tipo de Acción,FOLIO\n  x  ,Capacitación,F1\n,,\n y,,F2\n", &r, &d));
    assert_int_equal(r.n, 2);                    /* the blank row is skipped */
    assert_string_equal(r.v[0][0], "F1");
    assert_string_equal(r.v[0][1], "Capacitación");
    assert_string_equal(r.v[0][2], "x");         /* trimmed */
    assert_int_equal(r.line[1], 4);
    diag_free(&d);
}

static void test_table_missing_column(void **state) {
    Rows r; DiagList d;
    assert_false(read_table("folio,tipo_accion\nF1,x\n", &r, &d));
    assert_int_equal(d.total, 1);
    assert_string_equal(d.items[0].column, "nombre");
    assert_int_equal(r.n, 0);
    diag_free(&d);
}

static void test_table_duplicate_column(void **state) {
    Rows r; DiagList d;
    assert_false(read_table("folio,nombre,Folio\nF1,x,F2\n", &r, &d));
    assert_string_equal(d.items[0].column, "folio");
    diag_free(&d);
}

static void test_table_empty_file(void **state) {
    Rows r; DiagList d;
    assert_false(read_table("", &r, &d));
    assert_non_null(strstr(d.items[0].msg, "vacío"));
    diag_free(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_lf),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_quotes_commas_newlines),
        cmocka_unit_test(test_semicolon_sniffed),
        cmocka_unit_test(test_sep_hint),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quote),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_no_final_newline),
        cmocka_unit_test(test_table_any_order_and_names),
        cmocka_unit_test(test_table_missing_column),
        cmocka_unit_test(test_table_duplicate_column),
        cmocka_unit_test(test_table_empty_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
