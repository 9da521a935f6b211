/*
 * The capture workbook, with libxlsxwriter. Its headers are the friendly
 * names of the interchange columns ("Nombre de la acción" for `nombre`),
 * which the importer's header mapping accepts, so a filled template imports
 * as it is. Drop-down lists point at ranges of the Catálogos sheet, since
 * Excel limits a literal list to 255 characters.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/statvfs.h>
#include <xlsxwriter.h>
#include <zip.h>
#include "ingest/catalog_load.h"
#include "ingest/template_edition.h"
#include "render/xlsx_template.h"
#include "store/demo_store.h"
#include "render/outfile.h"
#include "render/export.h"
#include "store/imprint_store.h"
#include "store/campaign_store.h"
#include "store/export_store.h"
#include "util/i18n.h"
#include "util/lang.h"
#include "util/mem.h"
#include "util/text.h"
#include "util/errtext.h"

#define SPARE_ROWS 1000      /* empty rows with validation after the data */
#define SHEET_CAT "Catálogos"
#define REF_CAT "'Catálogos'"

/* The columns of the sheets Acciones and Retos are the fields of
 * core/action.h, in their order: the header is the field's label, the
 * note its help. Only the widths are the template's own. */
static const double action_width[AF__COUNT] = {
    [AF_FOLIO] = 12, [AF_INSTITUCION] = 14, [AF_OBJETIVOS] = 34, [AF_NOMBRE] = 40,
    [AF_DESCRIPCION] = 60, [AF_TIPO_ACCION] = 36, [AF_POBLACION] = 26, [AF_ENFOQUE_GENERO] = 14,
    [AF_DISCAPACIDAD] = 16, [AF_BENEFICIARIOS] = 14, [AF_RESULTADOS] = 50, [AF_PRINCIPIOS] = 34,
};
static const double challenge_width[CF__COUNT] = {[CF_FOLIO] = 12, [CF_RETO] = 80, [CF_CATEGORIA] = 50};

/* The catalogs, as lists of cells. */
typedef struct {
    char **v;
    int n, cap;
} List;

typedef struct {
    List obj, inst, inst_name, inst_type, inst_unit, unit, atype, pop, cat, cat_def, prin, prin_def;
    Arena arena;
} Catalogs;

static void list_add(Catalogs *c, List *l, const char *s) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = arena_strdup(&c->arena, s);
}

static void on_objective(void *ctx, int n, const char *const *cells) {
    Catalogs *c = ctx;
    list_add(c, &c->obj, arena_printf(&c->arena, "%s \u2014 %s", cells[0], cells[1]));
}

static void on_institution(void *ctx, int n, const char *const *cells) {
    Catalogs *c = ctx;
    list_add(c, &c->inst, cells[0]);
    list_add(c, &c->inst_name, cells[1]);
    list_add(c, &c->inst_type, cells[2]);
    list_add(c, &c->inst_unit, cells[3]);
}

static void on_unit(void *ctx, int n, const char *const *cells) {
    Catalogs *c = ctx;
    list_add(c, &c->unit, arena_printf(&c->arena, "%s \u2014 %s", cells[0], cells[1]));
}

static void on_atype(void *ctx, int n, const char *const *cells) { list_add(ctx, &((Catalogs *)ctx)->atype, cells[0]); }
static void on_pop(void *ctx, int n, const char *const *cells) { list_add(ctx, &((Catalogs *)ctx)->pop, cells[1]); }

static void on_category(void *ctx, int n, const char *const *cells) {
    Catalogs *c = ctx;
    list_add(c, &c->cat, cells[0]);
    list_add(c, &c->cat_def, cells[1]);
}

/* issue 13: the guiding principles by name, in their order (1-10), as the
 * validator accepts them */
static void on_principle(void *ctx, int n, const char *const *cells) {
    Catalogs *c = ctx;
    list_add(c, &c->prin, cells[1]);
    list_add(c, &c->prin_def, arena_printf(&c->arena, "%s. %s", cells[0], cells[3]));
}

/* The institutions and units as EDITION has them: a published revision's
 * workbook decodes its «Acciones» sheet with the acronyms, names, types
 * and units the revision kept, not today's (issue 16, verification round
 * 3, fault 1). */
static bool load_catalogs(Store *st, const Edition *edition, Catalogs *c) {
    return store_catalog_rows(st, "objectives", on_objective, c) &&
           (edition ? store_institutions_of(st, edition->id, on_institution, c)
                    : store_catalog_rows(st, "institutions", on_institution, c)) &&
           store_units_of(st, edition ? edition->id : 0, on_unit, c) &&
           store_catalog_rows(st, "action-types", on_atype, c) &&
           store_catalog_rows(st, "populations", on_pop, c) &&
           store_catalog_rows(st, "challenge-categories", on_category, c) &&
           store_catalog_rows(st, "principles", on_principle, c);
}

static void free_catalogs(Catalogs *c) {
    List *ls[] = {&c->obj, &c->inst,    &c->inst_name, &c->inst_type, &c->inst_unit, &c->unit,
                  &c->atype, &c->pop, &c->cat, &c->cat_def, &c->prin, &c->prin_def};
    for (size_t i = 0; i < sizeof ls / sizeof *ls; i++) free(ls[i]->v);
    arena_free(&c->arena);
}

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *acc, *ret;
    lxw_format *head, *text, *num, *locked;
    const XlsxTemplateOpts *o;
    Store *st;                   /* for the edition's deadline (issue 11) */
    int arow, rrow;              /* next data row of each sheet (0-based) */
    lxw_error werr;
    char bad_folio[80];
    const char *bad_field;
    Str *err;
} Book;

/* ---- the sheets ---- */

/* The edition's period and deadline, as far as they are known (issue 11):
 * a part not set yet is left out, never written as an empty phrase. */
static void campaign_line(Book *b, char *out, size_t cap) {
    out[0] = '\0';
    const Edition *e = b->o->edition;
    if (!e) return;
    char deadline[16] = "";
    if (e->id) store_edition_deadline(b->st, e->id, deadline);
    size_t n = 0;
    if (*e->period_start && *e->period_end) {           /* the months as everywhere (lang_period, N6) */
        Str period = STR_INIT;
        lang_period(&period, strcmp(i18n_lang(), "en") == 0 ? LANG_EN : LANG_ES, e->period_start, e->period_end);
        int k = snprintf(out, cap, _("Periodo que se informa: %s."), str_cstr(&period));
        str_free(&period);
        n = k < 0 ? 0 : (size_t)k < cap ? (size_t)k : cap - 1;
    }
    if (*deadline && n < cap)
        snprintf(out + n, cap - n, _("%sFecha límite de entrega: %s."), n ? " " : "", deadline);
}

/* The folio of the instructions' example (issue 16, tester's fault 10: it
 * was «INM-01» under any pack): the template's institution, else the
 * catalog's first, else a word that says what goes there. */
static const char *example_acronym(const Book *b, const Catalogs *c) {
    if (b->o->institution) return b->o->institution;
    return c->inst.n ? c->inst.v[0] : _("SIGLAS");
}

static void instructions(Book *b, lxw_worksheet *ws, const Catalogs *c) {
    lxw_format *title = workbook_add_format(b->wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format *wrap = workbook_add_format(b->wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    worksheet_set_column(ws, 0, 0, 110, wrap);
    char edition[200] = "";
    if (b->o->edition)
        snprintf(edition, sizeof edition, _(" — edición %s"), b->o->edition->name);
    char line0[300];
    snprintf(line0, sizeof line0, _("Plantilla de captura del Pacto Mundial para la Migración%s"), edition);
    char line1[300];
    campaign_line(b, line1, sizeof line1);
    const char *acr = example_acronym(b, c);
    Str line2 = STR_INIT;
    str_printf(&line2, _("2. Son obligatorios: Folio, Institución, Objetivos y Nombre de la acción. El folio es "
                         "una clave única que usted elige (p. ej. %s-01, %s-02...)."), acr, acr);
    const char *lines[] = {
        line0,
        line1,
        "",
        _("1. En la hoja «Acciones» escriba una fila por cada programa o acción del periodo. "
          "No cambie los encabezados de la fila 1: cada encabezado tiene una nota (pase el ratón "
          "sobre la celda) que dice qué va en la columna."),
        str_cstr(&line2),
        _("3. Use las listas desplegables. Donde caben varios valores (Objetivos, Tipo de acción, "
          "Población atendida) escríbalos separados por punto y coma «;», p. ej. «7;15». El primer "
          "objetivo es el principal."),
        _("4. Enfoque de género y Atención a personas con discapacidad: «Sí» o «No». Personas "
          "beneficiarias: un número entero, sin texto; vacío si no se sabe."),
        _("5. En la hoja «Retos» escriba un reto por fila, con el folio de su acción. La categoría "
          "es opcional: las definiciones del glosario están en la hoja «Catálogos»."),
        _("6. No borre ni renombre las hojas. Puede dejar filas vacías: se ignoran."),
        _("7. Guarde el archivo como libro de Excel (.xlsx) y envíelo a la unidad coordinadora. "
          "Si algo no es válido, la unidad le devolverá la lista de errores con la hoja, la fila y "
          "la columna de cada uno, para corregirlos todos de una vez."),
        _("8. Principios rectores (opcional): los principios rectores del Pacto a los que sirve la "
          "acción, por número (1 a 10) o por nombre, de la lista de la hoja «Catálogos», donde se "
          "explica cada uno; varios, separados por «;», p. ej. «1;6;7»."),
        "",
        _("Para la unidad coordinadora: pmm import --edition EDICIÓN archivo.xlsx (añada --check "
          "para solo revisar, sin guardar)."),
    };
    lxw_row_t row = 0;
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        if (lines[i] == line1 && !*line1) continue;      /* no period nor deadline yet */
        worksheet_write_string(ws, row, 0, lines[i], i == 0 ? title : NULL);
        /* Excel does not grow a row to fit wrapped text it did not type */
        size_t n = strlen(lines[i]);
        if (i > 0 && n > 100) worksheet_set_row(ws, row, 15.0 * (double)((n + 99) / 100), NULL);
        row++;
    }
    str_free(&line2);
}

/* The notes of a data workbook (the xlsx export and download; issue 14,
 * fault 15): what the file is, whose, under which license, not how to fill
 * a form. The sheet keeps the name «Instrucciones», the one pmm's importer
 * passes over, so the workbook imports back. */
/* «Edición E, de junio de 2023 a junio de 2024.»: the months as the web
 * and the Informe write them (lang_month; issue 14 round 2, fault 13). */
static const char *edition_line(Arena *a, const Edition *e) {
    if (!*e->period_start || !*e->period_end) return arena_printf(a, _("Edición %s."), e->name);
    Lang l = strcmp(i18n_lang(), "en") == 0 ? LANG_EN : LANG_ES;
    Str period = STR_INIT;                  /* the one rule (lang_period, N6) */
    lang_period(&period, l, e->period_start, e->period_end);
    const char *line = arena_printf(a, _("Edición %s (%s)."), e->name, str_cstr(&period));
    str_free(&period);
    return line;
}

static bool data_notes(Book *b, lxw_worksheet *ws, const char *title) {
    const Edition *e = b->o->edition;
    Arena a = ARENA_INIT;
    DataLicense lic;
    Imprint imp;
    if (!export_license(b->st, e, &a, &lic) || !store_imprint(b->st, e, &a, &imp)) {
        str_printf(b->err, "%s", store_errmsg(b->st));
        arena_free(&a);
        return false;
    }
    /* the edition's own issuer; a synthetic example's credit (t12 #1, imprint_value) */
    const char *issuer = imp.synthetic ? imprint_value(&imp, IMPRINT_ISSUER, strcmp(i18n_lang(), "en") ? LANG_ES : LANG_EN)
                         : imp.field[IMPRINT_ISSUER] && *imp.field[IMPRINT_ISSUER] ? imp.field[IMPRINT_ISSUER]
                                                                                   : NULL;
    const char *lines[] = {
        title,
        edition_line(&a, e),
        b->o->validated_only ? _("Contiene las acciones validadas de la edición y sus retos.")
                             : _("Contiene todas las acciones de la edición, en cualquier estado, y sus retos."),
        arena_printf(&a, _("Licencia de los datos: %s%s%s"), lic.text, lic.url ? " — " : "", lic.url ? lic.url : ""),
        issuer ? arena_printf(&a, _("Fuente: %s%s"), issuer, text_period_after(issuer))   /* t12 #8 */
               : _("Fuente: la unidad coordinadora del seguimiento del Pacto, en su plataforma pmm."),
        _("Las hojas «Acciones» y «Retos» tienen una fila por acción y por reto; los códigos se leen en la "
          "hoja «Catálogos» y el diccionario de datos dice qué contiene cada columna."),
        _("Se importa de nuevo, con las mismas cifras, con: pmm import --edition EDICIÓN archivo.xlsx"),
    };
    lxw_format *bold = workbook_add_format(b->wb);
    format_set_bold(bold);
    format_set_font_size(bold, 14);
    worksheet_set_column(ws, 0, 0, 110, NULL);
    /* F14C (issue 14 fault 7): a synthetic example says so under the title */
    bool example = store_edition_is_example(b->st, e->name);
    for (size_t i = 0, row = 0; i < sizeof lines / sizeof *lines; i++, row++) {
        worksheet_write_string(ws, (lxw_row_t)row, 0, lines[i], i == 0 ? bold : NULL);
        if (i == 0 && example) worksheet_write_string(ws, (lxw_row_t)++row, 0, example_notice_text(NULL), bold);
    }
    /* the license in the file's properties too, where catalogs and search read it */
    lxw_doc_properties props = {.title = (char *)title, .author = (char *)"pmm",
                                .company = (char *)(issuer ? issuer : ""),
                                .comments = (char *)lines[3], .keywords = (char *)lic.text};
    workbook_set_properties(b->wb, &props);
    workbook_set_custom_property_string(b->wb, "Licencia", lic.text);
    if (lic.url) workbook_set_custom_property_string(b->wb, "Licencia URL", lic.url);
    if (example) workbook_set_custom_property_string(b->wb, "Ejemplo sintético", example_notice_text(NULL));
    arena_free(&a);
    return true;
}

/* ---- the application that wrote the file (issue 14 round 2, fault 13) ----
 * libxlsxwriter writes <Application>Microsoft Excel</Application> into
 * every workbook's docProps/app.xml and has no option for it; pmm wrote the
 * file, so that entry of the finished workbook at PATH is rewritten to
 * name pmm. False with the reason (naming SHOWN, the user's file) in ERR. */
#define APP_EXCEL "<Application>Microsoft Excel</Application>"
#define APP_PMM "<Application>pmm</Application>"

/* The entry NAME of Z, whole, NUL-ended (caller frees), or NULL. */
static char *zip_entry_text(zip_t *z, const char *name, size_t *len) {
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat(z, name, 0, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE) || zs.size > 1000000) return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    char *buf = f ? xmalloc(zs.size + 1) : NULL;
    bool ok = f && zip_fread(f, buf, zs.size) == (zip_int64_t)zs.size;
    if (f) zip_fclose(f);
    if (!ok) {
        free(buf);
        return NULL;
    }
    buf[zs.size] = '\0';
    *len = zs.size;
    return buf;
}

static bool name_application(const char *path, const char *shown, Str *err) {
    int zerr = 0;
    zip_t *z = zip_open(path, 0, &zerr);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        str_printf(err, _("no se pudo escribir «%s»: %s"), shown, errtext_zip(&ze));
        zip_error_fini(&ze);
        return false;
    }
    size_t len = 0;
    char *xml = zip_entry_text(z, "docProps/app.xml", &len);
    char *at = xml ? strstr(xml, APP_EXCEL) : NULL;
    if (!at) {                    /* a libxlsxwriter that no longer says so: nothing to change */
        free(xml);
        zip_discard(z);
        return true;
    }
    size_t head = (size_t)(at - xml), tail = len - head - strlen(APP_EXCEL);
    char *out = xmalloc(head + strlen(APP_PMM) + tail);
    memcpy(out, xml, head);
    memcpy(out + head, APP_PMM, strlen(APP_PMM));
    memcpy(out + head + strlen(APP_PMM), at + strlen(APP_EXCEL), tail);
    free(xml);
    zip_source_t *src = zip_source_buffer(z, out, head + strlen(APP_PMM) + tail, 1);
    zip_int64_t idx = zip_name_locate(z, "docProps/app.xml", 0);
    bool ok = src && idx >= 0 && zip_file_replace(z, (zip_uint64_t)idx, src, 0) == 0;
    if (!ok && src) zip_source_free(src);
    if (!src) free(out);
    ok = ok && zip_close(z) == 0;
    if (!ok) {
        str_printf(err, _("no se pudo escribir «%s»: %s"), shown, errtext_zip(zip_get_error(z)));
        zip_discard(z);
    }
    return ok;
}

/* ---- text cells (issue 10, hostile fault 8, helper REC2) ----
 * Excel, LibreOffice and pmm's reader decode _xHHHH_ in a cell's text
 * (ECMA-376's ST_Xstring); libxlsxwriter escapes control characters that
 * way but writes a literal "_x0041_" as it is, which a reader would show as
 * "A". Its "_" is escaped as _x005F_, so the text reads back as written. */
static bool hex_digit(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static bool looks_escaped(const char *p) {
    if (p[0] != '_' || p[1] != 'x') return false;
    for (int i = 2; i < 6; i++)
        if (!hex_digit(p[i])) return false;
    return p[6] == '_';
}

/* Writes text V at ROW, COL as a string cell that reads back as V. */
static lxw_error write_text(lxw_worksheet *ws, int row, int col, const char *v, lxw_format *fmt) {
    const char *p = v;
    while ((p = strstr(p, "_x")) && !looks_escaped(p)) p += 2;
    if (!p) return worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, v, fmt);
    Str out = STR_INIT;
    for (p = v; *p; p++) {
        if (looks_escaped(p)) str_puts(&out, "_x005F_");   /* the "_" itself */
        else str_putc(&out, *p);
    }
    lxw_error e = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, str_cstr(&out), fmt);
    str_free(&out);
    return e;
}

static void write_list(lxw_worksheet *ws, int col, const char *header, const List *l, double width,
                       lxw_format *head, lxw_format *wrap) {
    worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, width, wrap);
    worksheet_write_string(ws, 0, (lxw_col_t)col, header, head);
    for (int i = 0; i < l->n; i++) write_text(ws, i + 1, col, l->v[i], NULL);
}

static void catalogs_sheet(Book *b, lxw_worksheet *ws, const Catalogs *c) {
    lxw_format *wrap = workbook_add_format(b->wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    static char *yn[] = {"Sí", "No"};
    const List yesno = {yn, 2, 2};
    write_list(ws, 0, _("Objetivos"), &c->obj, 60, b->head, wrap);
    write_list(ws, 1, _("Institución (siglas)"), &c->inst, 16, b->head, NULL);
    write_list(ws, 2, _("Nombre de la institución"), &c->inst_name, 50, b->head, wrap);
    write_list(ws, 3, _("Tipo"), &c->inst_type, 8, b->head, NULL);
    write_list(ws, 4, _("Tipo de acción"), &c->atype, 40, b->head, wrap);
    write_list(ws, 5, _("Población atendida"), &c->pop, 26, b->head, NULL);
    write_list(ws, 6, _("Sí/No"), &yesno, 8, b->head, NULL);
    write_list(ws, 7, _("Categoría de reto"), &c->cat, 50, b->head, wrap);
    write_list(ws, 8, _("Definición (glosario)"), &c->cat_def, 90, b->head, wrap);
    write_list(ws, 9, _("Principios rectores"), &c->prin, 30, b->head, wrap);
    write_list(ws, 10, _("Qué pide cada principio rector"), &c->prin_def, 90, b->head, wrap);
    /* the institution's unit (its code, by the rows of B-D) and the units
     * (F16D): a revision's as it kept them */
    write_list(ws, 11, _("Unidad subnacional"), &c->inst_unit, 12, b->head, NULL);
    write_list(ws, 12, _("Unidades subnacionales"), &c->unit, 40, b->head, wrap);
    worksheet_freeze_panes(ws, 1, 0);
}

static void header_row(Book *b, lxw_worksheet *ws, int n, const char *const *headers,
                       const double *widths, const char *const *notes, const int *text_cols) {
    lxw_comment_options copt = {.width = 320, .height = 110};
    for (int i = 0; i < n; i++) {
        bool as_text = false;
        for (const int *t = text_cols; *t >= 0; t++) as_text = as_text || *t == i;
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], as_text ? b->text : b->num);
        worksheet_write_string(ws, 0, (lxw_col_t)i, headers[i], b->head);
        worksheet_write_comment_opt(ws, 0, (lxw_col_t)i, _(notes[i]), &copt);
    }
    worksheet_set_row(ws, 0, 32, NULL);
    worksheet_freeze_panes(ws, 1, 0);
}

/* The note of the population column: the catalog's populations by name
 * (issue 16: from the country's pack, not a list written in the code). */
static void population_note(const Catalogs *c, Str *out) {
    Str s = STR_INIT;
    for (int i = 0; i < c->pop.n; i++) {
        if (i) str_puts(&s, i + 1 == c->pop.n ? _(" o ") : ", ");
        str_puts(&s, c->pop.v[i]);
    }
    str_printf(out, _("%s; varias, separadas por «;»."), str_cstr(&s));
    str_free(&s);
}

/* The header row of a sheet whose columns are the N FIELDS; a number
 * column is formatted as a number, every other as text. POP_NOTE, when
 * not NULL, is the population column's note. */
static void fields_header(Book *b, lxw_worksheet *ws, const ActionField *fields, const double *width,
                          int n, const char *pop_note) {
    const char *h[AF__COUNT], *notes[AF__COUNT];
    double w[AF__COUNT];
    int text[AF__COUNT + 1], nt = 0;
    for (int i = 0; i < n; i++) {
        h[i] = fields[i].label;
        notes[i] = pop_note && fields == action_fields && i == AF_POBLACION ? pop_note : fields[i].help;
        w[i] = width[i] > 0 ? width[i] : 20;
        if (fields[i].type != FT_COUNT) text[nt++] = i;
    }
    text[nt] = -1;
    header_row(b, ws, n, h, w, notes, text);
}

/* A drop-down from column COL of Catálogos, rows 2..N+1, on LAST rows. */
static void list_validation(lxw_worksheet *ws, int col, int last, char cat_col, int n, bool strict,
                            const char *title, const char *msg) {
    char formula[64];
    snprintf(formula, sizeof formula, "=%s!$%c$2:$%c$%d", REF_CAT, cat_col, cat_col, n + 1);
    lxw_data_validation dv = {
        .validate = LXW_VALIDATION_TYPE_LIST_FORMULA, .value_formula = formula,
        .error_type = strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING,
        .error_title = (char *)_("Valor fuera de la lista"), .error_message = (char *)msg,
        .input_title = (char *)title, .input_message = (char *)msg};
    worksheet_data_validation_range(ws, 1, (lxw_col_t)col, (lxw_row_t)last, (lxw_col_t)col, &dv);
}

static void action_validations(Book *b, const Catalogs *c, int last) {
    lxw_worksheet *ws = b->acc;
    list_validation(ws, 1, last, 'B', c->inst.n, true, _("Institución"),
                    _("Elija las siglas de su institución de la lista."));
    list_validation(ws, 2, last, 'A', c->obj.n, false, _("Objetivos"),
                    _("Elija un objetivo, o escriba varios números separados por «;» (p. ej. 7;15)."));
    list_validation(ws, 5, last, 'E', c->atype.n, false, _("Tipo de acción"),
                    _("Elija un tipo, o escriba varios de la lista separados por «;»."));
    list_validation(ws, 6, last, 'F', c->pop.n, false, _("Población atendida"),
                    _("Elija una población, o escriba varias de la lista separadas por «;»."));
    list_validation(ws, 7, last, 'G', 2, true, _("Enfoque de género"), _("Sí o No."));
    list_validation(ws, 8, last, 'G', 2, true, _("Discapacidad"), _("Sí o No."));
    lxw_data_validation num = {
        .validate = LXW_VALIDATION_TYPE_INTEGER,
        .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO, .value_number = 0,
        .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
        .error_title = (char *)_("Número de personas"),
        .error_message = (char *)_("Escriba un número entero de personas (0 o más), sin texto ni decimales."),
        .input_title = (char *)_("Personas beneficiarias"),
        .input_message = (char *)_("Número entero, sin texto ni decimales.")};
    worksheet_data_validation_range(ws, 1, 9, (lxw_row_t)last, 9, &num);
    list_validation(ws, AF_PRINCIPIOS, last, 'J', c->prin.n, false, _("Principios rectores"),
                    _("Elija un principio, o escriba varios (números del 1 al 10 o nombres) separados por «;»."));
}

static void retos_validations(Book *b, const Catalogs *c, int last, int alast) {
    char formula[64];
    snprintf(formula, sizeof formula, "=Acciones!$A$2:$A$%d", alast + 1);
    lxw_data_validation dv = {
        .validate = LXW_VALIDATION_TYPE_LIST_FORMULA, .value_formula = formula,
        .error_type = LXW_VALIDATION_ERROR_TYPE_WARNING,
        .error_title = (char *)_("Folio desconocido"),
        .error_message = (char *)_("El folio no está en la hoja «Acciones». Solo es válido si la "
                                   "acción ya se envió antes."),
        .input_title = (char *)_("Folio"), .input_message = (char *)_("El folio de la acción del reto.")};
    worksheet_data_validation_range(b->ret, 1, 0, (lxw_row_t)last, 0, &dv);
    list_validation(b->ret, 2, last, 'H', c->cat.n, true, _("Categoría"),
                    _("Elija la categoría del glosario, o déjela vacía."));
}

/* ---- the data, for an export ---- */

static void put(Book *b, lxw_worksheet *ws, int row, int col, const char *v, const char *folio,
                const char *field) {
    if (!*v || b->werr) return;
    lxw_error e = write_text(ws, row, col, v, NULL);
    if (e) {
        b->werr = e;
        snprintf(b->bad_folio, sizeof b->bad_folio, "%s", folio);
        b->bad_field = field;
    }
}

/* A's row: the cells of the one serializer (action_cells), with two
 * spreadsheet touches: a lone objective and the beneficiaries as numbers,
 * and the populations by name, as the drop-down lists them. Text is always
 * written as a string cell, never as a formula. */
static bool put_action(void *ctx, const Action *a) {
    Book *b = ctx;
    if (b->o->validated_only && strcmp(a->status, "validada") != 0) return true;   /* issue 14 */
    lxw_worksheet *ws = b->acc;
    int r = b->arow++;
    Arena ar = ARENA_INIT;
    const char *cells[AF__COUNT];
    action_cells(a, &ar, cells);
    for (int f = 0; f < AF__COUNT; f++) {
        const char *v = cells[f];
        if (f == AF_POBLACION) {
            Str names = STR_INIT;
            for (int i = 0; i < a->npops; i++) str_printf(&names, "%s%s", i ? ";" : "", a->pop_names[i]);
            v = arena_strdup(&ar, str_cstr(&names));
            str_free(&names);
        }
        if ((f == AF_OBJETIVOS && a->nobj == 1) || (f == AF_BENEFICIARIOS && *v))
            worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)f, atof(v), NULL);
        else
            put(b, ws, r, f, v, a->folio, action_fields[f].name);
    }
    for (int i = 0; i < a->nchallenges; i++) {
        int rr = b->rrow++;
        put(b, b->ret, rr, CF_FOLIO, a->folio, a->folio, "folio");
        put(b, b->ret, rr, CF_RETO, a->challenges[i].text, a->folio, "reto");
        put(b, b->ret, rr, CF_CATEGORIA, a->challenges[i].category, a->folio, "categoria");
    }
    arena_free(&ar);
    return b->werr == LXW_NO_ERROR;
}

/* Counts actions and challenges first, so validations cover the data. */
typedef struct {
    long actions, challenges;
} Count;

static bool count_action(void *ctx, const Action *a) {
    Count *c = ctx;
    c->actions++;
    c->challenges += a->nchallenges;
    return true;
}

/* ---- the workbook ---- */

/* The edition the workbook is for, as the upload reads it back (issue 11,
 * ingest/template_edition.h): the rows go to that edition, not to whichever
 * is open when the file comes back. */
static bool mark_edition(Book *b, const char *edition) {
    Str f = STR_INIT;
    template_edition_formula(edition, &f);
    lxw_error e = workbook_define_name(b->wb, TEMPLATE_EDITION_NAME, str_cstr(&f));
    str_free(&f);
    if (e) str_printf(b->err, _("no se pudo escribir la edición en el libro: %s"), lxw_strerror(e));
    return !e;
}

static bool build(Store *st, Book *b, const Catalogs *c, Str *err) {
    const XlsxTemplateOpts *o = b->o;
    b->st = st;
    Count n = {0, 0};
    if (o->with_actions && !store_export_actions(st, o->edition->id, count_action, &n)) {
        str_printf(err, "%s", store_errmsg(st));
        return false;
    }
    int alast = (int)n.actions + SPARE_ROWS, rlast = (int)n.challenges + SPARE_ROWS;

    b->head = workbook_add_format(b->wb);
    format_set_bold(b->head);
    format_set_text_wrap(b->head);
    format_set_bg_color(b->head, 0xDDE6F0);
    format_set_border(b->head, LXW_BORDER_THIN);
    format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
    /* With a locked institution the sheet is protected: everything else
     * must be unlocked, or nothing could be typed. */
    b->text = workbook_add_format(b->wb);
    format_set_num_format(b->text, "@");
    format_set_unlocked(b->text);
    b->num = workbook_add_format(b->wb);
    format_set_unlocked(b->num);
    b->locked = workbook_add_format(b->wb);
    format_set_bg_color(b->locked, 0xEEEEEE);
    format_set_num_format(b->locked, "@");

    lxw_worksheet *ins = workbook_add_worksheet(b->wb, "Instrucciones");
    b->acc = workbook_add_worksheet(b->wb, "Acciones");
    b->ret = workbook_add_worksheet(b->wb, "Retos");
    lxw_worksheet *cat = workbook_add_worksheet(b->wb, SHEET_CAT);
    if (!ins || !b->acc || !b->ret || !cat) {
        str_printf(err, _("no se pudo crear el libro"));
        return false;
    }
    if (o->with_actions && o->edition) {
        char title[300];
        snprintf(title, sizeof title, _("Acciones del Pacto Mundial para la Migración, edición %s"), o->edition->name);
        if (!data_notes(b, ins, title)) return false;
    } else {
        instructions(b, ins, c);
    }

    Str pop_note = STR_INIT;
    population_note(c, &pop_note);
    fields_header(b, b->acc, action_fields, action_width, AF__COUNT, str_cstr(&pop_note));
    str_free(&pop_note);
    fields_header(b, b->ret, challenge_fields, challenge_width, CF__COUNT, NULL);
    action_validations(b, c, alast);
    retos_validations(b, c, rlast, alast);
    catalogs_sheet(b, cat, c);

    if (o->institution) {
        for (int r = 1; r <= alast; r++)
            write_text(b->acc, r, 1, o->institution, b->locked);
        lxw_protection prot = {.format_columns = 1, .format_rows = 1, .sort = 1, .autofilter = 1};
        worksheet_protect(b->acc, NULL, &prot);
    }
    b->arow = b->rrow = 1;
    if (o->with_actions && !store_export_actions(st, o->edition->id, put_action, b)) {
        if (b->werr == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
            str_printf(err, _("acción «%s», columna «%s»: el texto pasa de 32 767 caracteres, el "
                              "máximo de una celda de Excel; exporte con --format csv o json"),
                       b->bad_folio, b->bad_field);
        else if (b->werr)
            str_printf(err, _("acción «%s», columna «%s»: %s"), b->bad_folio, b->bad_field,
                       lxw_strerror(b->werr));
        else
            str_printf(err, "%s", store_errmsg(st));
        return false;
    }
    worksheet_activate(o->with_actions ? b->acc : ins);
    return o->edition ? mark_edition(b, o->edition->name) : true;
}

/* Issue 15 (F15B): libxlsxwriter 1.1.4 keeps the workbook's parts in
 * temporary files, by default in the system's folder, and on a full disk
 * prints English «[ERROR]» lines on stderr that nothing can silence (no
 * logger hook, no output to memory in 1.1.4). Its parts go instead
 * beside the output (TMP, pmm's own temporary file), a folder pmm checks
 * first: room for the parts, measured on `pmm export --format xlsx` of
 * 40 000 actions (26.8 MB uncompressed, 2.8 MB written: 740 bytes an
 * action; 1 KiB an action and 1 MiB counted), or pmm says «disco lleno»
 * in its words and libxlsxwriter is not called (so too for a folder
 * that is not there or cannot be written). */
#define XLSX_TEMP_PER_ACTION 1024
#define XLSX_TEMP_BASE (1024 * 1024)

static bool temp_room(Store *st, const XlsxTemplateOpts *o, const char *tmp, char *dir, size_t cap, Str *err) {
    snprintf(dir, cap, "%s", tmp);
    char *slash = strrchr(dir, '/');
    if (slash) slash[slash == dir] = '\0';
    else snprintf(dir, cap, ".");
    long actions = 0;
    if (o->with_actions && o->edition && !store_edition_action_count(st, o->edition->id, &actions)) {
        str_printf(err, "%s", store_errmsg(st));
        return false;
    }
    unsigned long long need = XLSX_TEMP_BASE + (unsigned long long)actions * XLSX_TEMP_PER_ACTION;
    struct statvfs fs;
    if (statvfs(dir, &fs) != 0 || access(dir, W_OK | X_OK) != 0) {   /* no folder, or not ours to write */
        str_printf(err, _("no se pudo escribir el libro en «%s»: %s"), dir, errtext(errno));
        return false;
    }
    if ((unsigned long long)fs.f_bavail * fs.f_frsize >= need) return true;
    str_printf(err, _("no se pudo escribir el libro en «%s»: %s (hacen falta unos %llu MB para sus partes, "
                      "quedan %llu MB)"), dir, errtext(ENOSPC), need / 1000000 + 1,
               (unsigned long long)fs.f_bavail * fs.f_frsize / 1000000);
    errno = ENOSPC;
    return false;
}

bool xlsx_template_write(Store *st, const XlsxTemplateOpts *o, const char *path, Str *err) {
    Catalogs c = {0};
    if (!load_catalogs(st, o->edition, &c)) {
        str_printf(err, "%s", store_errmsg(st));
        free_catalogs(&c);
        return false;
    }
    char *tmp = report_tmp_path(path);      /* the one output writer (render/outfile.h) */
    char dir[4096];
    bool room = temp_room(st, o, tmp, dir, sizeof dir, err);
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = dir};
    Book b = {.o = o, .err = err};
    b.wb = room ? workbook_new_opt(tmp, &wo) : NULL;
    bool ok = b.wb != NULL;
    if (!ok && room) str_printf(err, _("no se pudo crear «%s»"), path);
    if (ok) {
        lxw_doc_properties props = {.title = (char *)_("Plantilla de captura PMM"),
                                    .author = (char *)"pmm"};
        if (!o->with_actions || !o->edition) workbook_set_properties(b.wb, &props);   /* else data_notes' */
        ok = build(st, &b, &c, err);
        lxw_error e = workbook_close(b.wb);
        if (ok && e) {
            str_printf(err, _("no se pudo escribir «%s»: %s"), path, lxw_strerror(e));
            ok = false;
        }
        ok = ok && name_application(tmp, path, err);     /* issue 14 round 2, fault 13 */
    }
    ok = report_commit_err(tmp, path, ok, err);
    free(tmp);
    free_catalogs(&c);
    return ok;
}

/* ---- --institution ---- */

typedef struct {
    Matcher *m;
    int64_t id;
    Str *acronym;
} FindInst;

static void on_inst_row(void *ctx, int n, const char *const *cells) {
    FindInst *f = ctx;
    if (!f->acronym->len && matcher_find(f->m, cells[0]) == f->id) str_puts(f->acronym, cells[0]);
}

bool xlsx_template_institution(Store *st, const char *name, Str *acronym, Str *err) {
    Matcher m;
    if (!matcher_load(&m, st, CAT_INSTITUTION)) {
        str_printf(err, "%s", store_errmsg(st));
        matcher_free(&m);
        return false;
    }
    int64_t id = matcher_find(&m, name);
    if (!id) {
        Str sug = STR_INIT;
        str_printf(err, _("institución desconocida «%s»"), name);
        if (matcher_suggest(&m, name, 3, &sug) > 0) str_printf(err, _("; ¿quiso decir %s?"), str_cstr(&sug));
        else str_printf(err, _(" (vea 'pmm catalog institutions')"));
        str_free(&sug);
        matcher_free(&m);
        return false;
    }
    FindInst f = {&m, id, acronym};
    bool ok = store_catalog_rows(st, "institutions", on_inst_row, &f) && acronym->len;
    if (!ok) str_printf(err, _("institución desconocida «%s»"), name);
    matcher_free(&m);
    return ok;
}
