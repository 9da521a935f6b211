/* The XLSX reader, cell by cell: every kind of cell becomes the text a
 * person would have typed; and the workbook-level checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <cmocka.h>
#include "ingest/xlsxread.h"
#include "ingest/table.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char *BOOK =
    "<workbook " NS " xmlns:r=\"" "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    "\"><workbookPr date1904=\"%s\"/><sheets><sheet name=\"Acciones\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Segunda Hoja\" sheetId=\"2\" r:id=\"rId9\"/></sheets></workbook>";
static const char *RELS =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/otra.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>";
/* xf 1: built-in date 14; xf 2: custom date with a locale tag; xf 3: a
 * custom number format whose quoted text has an "m"; xf 4: plain. */
static const char *STYLES =
    "<styleSheet " NS "><numFmts><numFmt numFmtId=\"164\" formatCode=\"[$-409]d/m/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;m&quot;\"/></numFmts>"
    "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"0\"/></cellXfs></styleSheet>";
static const char *SST =
    "<sst " NS "><si><t>Hola</t></si><si><r><t>Ri</t></r><r><rPr><b/></rPr><t>co</t></r>"
    "<rPh><t>FONETICA</t></rPh></si><si><t xml:space=\"preserve\"> a&amp;b </t></si></sst>";

static char path[64];

static void add(zip_t *z, const char *name, const char *text) {
    zip_source_t *s = zip_source_buffer(z, strdup(text), strlen(text), 1);
    assert_non_null(s);
    assert_true(zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0);
}

/* Writes a workbook whose first sheet has the rows ROWS (sheetData body). */
static void workbook(const char *rows, bool d1904) {
    snprintf(path, sizeof path, "/tmp/pmm-xlsx-%ld.xlsx", (long)getpid());
    unlink(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    char book[2048], sheet[8192];
    snprintf(book, sizeof book, BOOK, d1904 ? "1" : "0");
    snprintf(sheet, sizeof sheet, "<worksheet " NS "><sheetData>%s</sheetData></worksheet>", rows);
    add(z, "xl/workbook.xml", book);
    add(z, "xl/_rels/workbook.xml.rels", RELS);
    add(z, "xl/styles.xml", STYLES);
    add(z, "xl/sharedStrings.xml", SST);
    add(z, "xl/worksheets/sheet1.xml", sheet);
    add(z, "xl/worksheets/otra.xml", "<worksheet " NS "><sheetData/></worksheet>");
    assert_int_equal(zip_close(z), 0);
}

typedef struct {
    char cells[8][16][64];
    long rows[8];
    int ncells[8];
    int n;
} Got;

static bool collect(void *ctx, long row, int n, char *const *cells) {
    Got *g = ctx;
    if (g->n == 8) return false;
    g->rows[g->n] = row;
    g->ncells[g->n] = n;
    for (int i = 0; i < n && i < 16; i++) snprintf(g->cells[g->n][i], 64, "%s", cells[i]);
    g->n++;
    return true;
}

static void read_first(Got *g, DiagList *d) {
    memset(g, 0, sizeof *g);
    Xlsx *x = xlsx_open(path, "t.xlsx", d);
    assert_non_null(x);
    assert_true(xlsx_read_sheet(x, 0, collect, g));
    xlsx_close(x);
}

static void test_cells(void **state) {
    workbook("<row r=\"1\">"
             "<c r=\"A1\" t=\"s\"><v>0</v></c>"                 /* shared */
             "<c r=\"B1\" t=\"s\"><v>1</v></c>"                 /* rich text, phonetic ignored */
             "<c r=\"C1\" t=\"s\"><v>2</v></c>"                 /* entity, spaces kept */
             "<c r=\"D1\"><v>7</v></c>"
             "<c r=\"E1\"><v>7.0000000000000009</v></c>"
             "<c r=\"F1\"><v>0.1</v></c>"
             "<c r=\"G1\" t=\"b\"><v>1</v></c>"
             "<c r=\"H1\" t=\"b\"><v>0</v></c>"
             "<c r=\"I1\" t=\"e\"><v>#N/A</v></c>"
             "<c r=\"J1\" t=\"str\"><f>A1</f><v>Hola</v></c>"
             "<c r=\"K1\" t=\"inlineStr\"><is><t>en línea</t></is></c>"
             "<c r=\"L1\" t=\"d\"><v>2024-03-15T00:00:00</v></c>"
             "<c r=\"M1\" s=\"3\"><v>12.5</v></c>"              /* "m" in quotes: not a date */
             "<c r=\"N1\"><v>1500</v></c>"
             "</row>"
             "<row r=\"3\"><c r=\"B3\"/><c r=\"C3\" t=\"s\"/></row>"  /* empty: skipped */
             "<row r=\"4\"><c r=\"C4\" s=\"1\"><v>45366</v></c></row>"
             "<row><c><v>1</v></c><c><v>2</v></c></row>",           /* no r: row 5, A and B */
             false);
    DiagList d;
    diag_init(&d);
    Got g;
    read_first(&g, &d);
    assert_int_equal(d.total, 0);
    assert_int_equal(g.n, 3);
    const char *want[] = {"Hola", "Rico", " a&b ", "7", "7", "0.1", "Sí", "No", "#N/A", "Hola",
                          "en línea", "2024-03-15", "12.5", "1500"};
    assert_int_equal(g.ncells[0], 14);
    for (int i = 0; i < 14; i++) assert_string_equal(g.cells[0][i], want[i]);
    assert_int_equal(g.rows[1], 4);
    assert_int_equal(g.ncells[1], 3);
    assert_string_equal(g.cells[1][0], "");
    assert_string_equal(g.cells[1][2], "2024-03-15");
    assert_int_equal(g.rows[2], 5);
    assert_string_equal(g.cells[2][1], "2");
    diag_free(&d);
    unlink(path);
}

static void test_dates(void **state) {
    /* 1900 system: serial 1 is 1900-01-01; Excel's phantom 29 Feb 1900 is 60 */
    workbook("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>1</v></c><c r=\"B1\" s=\"1\"><v>59</v></c>"
             "<c r=\"C1\" s=\"1\"><v>61</v></c><c r=\"D1\" s=\"2\"><v>45366</v></c>"
             "<c r=\"E1\" s=\"1\"><v>45366.75</v></c><c r=\"F1\" s=\"4\"><v>45366</v></c></row>", false);
    DiagList d;
    diag_init(&d);
    Got g;
    read_first(&g, &d);
    assert_string_equal(g.cells[0][0], "1900-01-01");
    assert_string_equal(g.cells[0][1], "1900-02-28");
    assert_string_equal(g.cells[0][2], "1900-03-01");
    assert_string_equal(g.cells[0][3], "2024-03-15");      /* custom [$-409]d/m/yyyy */
    assert_string_equal(g.cells[0][4], "2024-03-15 18:00:00");
    assert_string_equal(g.cells[0][5], "45366");           /* no date format: a number */
    /* 1904 system: serial 0 is 1904-01-01 */
    workbook("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43904</v></c></row>", true);
    read_first(&g, &d);
    assert_string_equal(g.cells[0][0], "1904-01-01");
    assert_string_equal(g.cells[0][1], "2024-03-15");
    assert_int_equal(d.total, 0);
    diag_free(&d);
    unlink(path);
}

static void test_sheets(void **state) {
    workbook("", false);
    DiagList d;
    diag_init(&d);
    Xlsx *x = xlsx_open(path, "t.xlsx", &d);
    assert_non_null(x);
    assert_int_equal(xlsx_sheet_count(x), 2);
    assert_int_equal(xlsx_find_sheet(x, "ACCIONES"), 0);
    assert_int_equal(xlsx_find_sheet(x, "segunda hoja"), 1);   /* absolute target */
    assert_int_equal(xlsx_find_sheet(x, "Retos"), -1);
    Got g = {0};
    assert_true(xlsx_read_sheet(x, 1, collect, &g));
    assert_int_equal(g.n, 0);
    xlsx_close(x);
    diag_free(&d);
    unlink(path);
}

static void test_bad_shared_index(void **state) {
    workbook("<row r=\"2\"><c r=\"C2\" t=\"s\"><v>3</v></c></row>", false);
    DiagList d;
    diag_init(&d);
    Xlsx *x = xlsx_open(path, "t.xlsx", &d);
    Got g = {0};
    assert_false(xlsx_read_sheet(x, 0, collect, &g));
    assert_int_equal(d.total, 1);
    assert_string_equal(d.items[0].file, "t.xlsx[Acciones]");
    assert_int_equal(d.items[0].line, 2);
    assert_non_null(strstr(d.items[0].msg, "C2"));
    xlsx_close(x);
    diag_free(&d);
    unlink(path);
}

static void test_letters(void **state) {
    char b[8];
    assert_string_equal(xlsx_col_letters(0, b), "A");
    assert_string_equal(xlsx_col_letters(25, b), "Z");
    assert_string_equal(xlsx_col_letters(26, b), "AA");
    assert_string_equal(xlsx_col_letters(701, b), "ZZ");
    assert_string_equal(xlsx_col_letters(702, b), "AAA");
    assert_string_equal(table_letter(2, b), "C");
    assert_string_equal(table_letter(16383, b), "XFD");
}

static void test_not_a_workbook(void **state) {
    snprintf(path, sizeof path, "/tmp/pmm-xlsx-%ld.xlsx", (long)getpid());
    FILE *f = fopen(path, "w");
    fputs("folio,institucion\n", f);
    fclose(f);
    assert_false(xlsx_sniff(path));
    DiagList d;
    diag_init(&d);
    assert_null(xlsx_open(path, "t.xlsx", &d));
    assert_int_equal(d.total, 1);
    assert_non_null(strstr(d.items[0].msg, "zip"));
    diag_free(&d);
    unlink(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_sheets),
        cmocka_unit_test(test_bad_shared_index),
        cmocka_unit_test(test_letters),
        cmocka_unit_test(test_not_a_workbook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
