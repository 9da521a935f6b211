/* Open data (issue 14, helper D14; docs/open-data.md): what a researcher
 * needs beside the data files of /descargas/E/ to read them without asking
 * anyone: the catalogs that decode every code in them (CSV and JSON), the
 * data dictionary page (/descargas/diccionario), the data license, and a
 * Frictionless data package per edition (/descargas/E/datapackage.json).
 *
 * The columns of acciones.csv and retos.csv, their types, limits and
 * catalogs come from the field table of core/action.c, the one home of
 * fields: the dictionary page and the package's Table Schema are both
 * written from it here, so they cannot disagree with the files. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "core/action.h"
#include "render/export.h"
#include "store/demo_store.h"
#include "store/imprint_store.h"
#include "util/i18n.h"
#include "web/opendata.h"
#include "web/web.h"

/* ---- the catalogs ---- */

typedef struct {
    const char *name;         /* column */
    const char *type;         /* Table Schema type: "string" or "integer" */
    const char *title;        /* es-MX, N_() */
    const char *fk_resource;  /* a code of that catalog (key column FK_FIELD), or NULL */
    const char *fk_field;
} CatColumn;

/* The catalogs as `pmm catalog` lists them (store_catalog_rows), named for
 * download; their columns in the listing's order. The first column is
 * the code the data files write. The one table of a catalog's three
 * names: each surface (downloads, API, `pmm catalog`) takes all three
 * (issue 14 round 2, fault 7: catalog_named). */
static const struct CatalogFile {
    const char *file;         /* file name without extension: /descargas/catalogos/FILE.csv */
    const char *listing;      /* store_catalog_rows' name, `pmm catalog`'s */
    const char *api;          /* /api/v1/catalogos/API */
    const char *title;        /* es-MX, N_() */
    int ncols;
    CatColumn cols[6];
} catalogs[] = {
    {"objetivos", "objectives", "objetivos", N_("Objetivos del Pacto Mundial"), 6,
     {{"numero", "integer", N_("Número del objetivo (1 a 23)"), NULL, NULL},
      {"titulo", "string", N_("Título en español"), NULL, NULL},
      {"titulo_en", "string", N_("Título en inglés"), NULL, NULL},
      {"titulo_corto", "string", N_("Título corto en español (el de la Red de las Naciones Unidas sobre la Migración)"),
       NULL, NULL},
      {"titulo_corto_en", "string", N_("Título corto en inglés"), NULL, NULL},
      {"mesa", "integer", N_("Mesa redonda del Foro de Examen de la Migración Internacional (1 a 4)"), NULL, NULL}}},
    {"principios", "principles", "principios", N_("Principios rectores del Pacto"), 5,
     {{"numero", "integer", N_("Número del principio (1 a 10): lo que la columna «principios» escribe"), NULL, NULL},
      {"nombre", "string", N_("Nombre en español"), NULL, NULL},
      {"nombre_en", "string", N_("Nombre en inglés"), NULL, NULL},
      {"descripcion", "string", N_("Descripción en español"), NULL, NULL},
      {"descripcion_en", "string", N_("Descripción en inglés"), NULL, NULL}}},
    {"tipos-instancia", "reporter-types", "tipos", N_("Tipos de instancia que reporta"), 3,
     {{"codigo", "string", N_("Código"), NULL, NULL},
      {"nombre", "string", N_("Nombre en español"), NULL, NULL},
      {"nombre_en", "string", N_("Nombre en inglés"), NULL, NULL}}},
    {"entidades", "states", "estados", N_("Unidades subnacionales"), 3,   /* titled from the pack: catalog_title */
     {{"clave", "string", N_("Clave"), NULL, NULL},
      {"nombre", "string", N_("Nombre"), NULL, NULL},
      {"abreviatura", "string", N_("Abreviatura"), NULL, NULL}}},
    {"instituciones", "institutions", "instituciones", N_("Instituciones que reportan"), 5,
     {{"siglas", "string", N_("Siglas: lo que la columna «institucion» escribe"), NULL, NULL},
      {"nombre", "string", N_("Nombre completo"), NULL, NULL},
      {"tipo", "string", N_("Tipo de instancia"), "tipos-instancia", "codigo"},
      {"entidad", "string", N_("Unidad subnacional (de un gobierno de ese nivel)"), "entidades", "clave"},
      {"dependencia", "string", N_("Siglas de la institución de la que depende"), "instituciones", "siglas"}}},
    {"tipos-accion", "action-types", "tipos_accion", N_("Tipos de acción"), 2,
     {{"nombre", "string", N_("Nombre en español: lo que la columna «tipo_accion» escribe"), NULL, NULL},
      {"nombre_en", "string", N_("Nombre en inglés"), NULL, NULL}}},
    {"poblaciones", "populations", "poblaciones", N_("Poblaciones atendidas"), 3,
     {{"codigo", "string", N_("Código: lo que la columna «poblacion» escribe"), NULL, NULL},
      {"nombre", "string", N_("Nombre en español"), NULL, NULL},
      {"nombre_en", "string", N_("Nombre en inglés"), NULL, NULL}}},
    {"categorias-retos", "challenge-categories", "categorias", N_("Categorías de retos (glosario)"), 3,
     {{"nombre", "string", N_("Nombre: lo que la columna «categoria» escribe"), NULL, NULL},
      {"definicion", "string", N_("Definición"), NULL, NULL},
      {"nombre_en", "string", N_("Nombre en inglés"), NULL, NULL}}},
};
#define NCATALOGS (int)(sizeof catalogs / sizeof *catalogs)

/* The catalog named NAME (its first LEN bytes) by any surface: download,
 * listing or API name; NULL when none. */
static const struct CatalogFile *catalog_named(const char *name, size_t len) {
    for (int i = 0; i < NCATALOGS; i++) {
        const char *names[] = {catalogs[i].file, catalogs[i].listing, catalogs[i].api};
        for (int k = 0; k < 3; k++)
            if (strlen(names[k]) == len && strncmp(name, names[k], len) == 0) return &catalogs[i];
    }
    return NULL;
}

const char *opendata_catalog_listing(const char *name) {
    const struct CatalogFile *c = catalog_named(name, strlen(name));
    return c ? c->listing : NULL;
}

const char *opendata_catalog_file(const char *name) {
    const struct CatalogFile *c = catalog_named(name, strlen(name));
    return c ? c->file : NULL;
}

const char *opendata_catalog_api(const char *name) {
    const struct CatalogFile *c = catalog_named(name, strlen(name));
    return c ? c->api : NULL;
}

/* The catalog file FILE ("objetivos.csv"), in *JSON whether it is the JSON
 * one; NULL when FILE is no catalog. */
static const struct CatalogFile *catalog_file(const char *file, bool *json) {
    const char *dot = strrchr(file, '.');
    if (!dot) return NULL;
    *json = strcmp(dot, ".json") == 0;
    if (!*json && strcmp(dot, ".csv") != 0) return NULL;
    return catalog_named(file, (size_t)(dot - file));     /* any surface's name (fault 7) */
}

/* The title of catalog C: the subnational units as the country's pack
 * names them ("Departamentos"), the others as written above. */
static const char *catalog_title(Req *r, const struct CatalogFile *c) {
    const char *w = strcmp(c->listing, "states") == 0 ? web_pack_word(r, WP_UNITS, true) : "";
    return *w ? w : _(c->title);
}

typedef struct {
    const struct CatalogFile *c;
    Str *csv;                 /* the CSV being written, or NULL */
    json_t *rows;             /* the JSON rows, or NULL */
} CatCtx;

static void catalog_row(void *ctx, int n, const char *const *cells) {
    CatCtx *k = ctx;
    json_t *o = k->rows ? json_object() : NULL;
    for (int i = 0; i < k->c->ncols; i++) {
        const char *v = i < n ? cells[i] : "";
        if (k->csv) csv_cell(k->csv, v, i + 1 == k->c->ncols);
        if (!o) continue;
        json_t *jv = strcmp(k->c->cols[i].type, "integer") == 0 ? json_integer(atoll(v))
                     : *v                                         ? json_string(v)
                                                                  : json_null();
        json_object_set_new(o, k->c->cols[i].name, jv);
    }
    if (o) json_array_append_new(k->rows, o);
}

bool opendata_catalog(Req *r, const char *file) {
    bool json;
    const struct CatalogFile *c = catalog_file(file, &json);
    if (!c) return false;
    CatCtx k = {c, json ? NULL : &r->out, json ? json_array() : NULL};
    if (!json) {
        export_csv_bom(&r->out);
        for (int i = 0; i < c->ncols; i++) csv_cell(&r->out, c->cols[i].name, i + 1 == c->ncols);
    }
    if (!store_catalog_rows(r->st, c->listing, catalog_row, &k)) {
        json_decref(k.rows);
        str_clear(&r->out);
        page_error(r, 500, _("No se pudo producir el archivo."));
        return true;
    }
    if (json) {
        json_t *doc = json_pack("{s:s, s:s, s:o}", "catalogo", c->file, "titulo", catalog_title(r, c), "elementos", k.rows);
        char *z = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        if (z) str_puts(&r->out, z);
        else str_fail(&r->out);       /* F15B: no memory for the text: 503 (server.c) */
        str_putc(&r->out, '\n');
        free(z);
        json_decref(doc);
    }
    r->ctype = json ? "application/json" : "text/csv; charset=utf-8";
    /* under its own name, also when asked by another (fault 7) */
    web_disposition(r, true, opendata_download_name(r, NULL, arena_printf(&r->a, "%s.%s", c->file,
                                                                          json ? "json" : "csv")));
    return true;
}

/* ---- the columns of the data files, from the field table ---- */

/* What a value of type T is, for the dictionary (es-MX). */
static const char *type_text(FieldType t) {
    switch (t) {
    case FT_KEY: return _("texto, único en la edición");
    case FT_TEXT: return _("texto de una línea");
    case FT_LONGTEXT: return _("texto, con párrafos");
    case FT_CATALOG: return _("un valor del catálogo");
    case FT_CATALOG_LIST: return _("valores del catálogo separados por «;»");
    case FT_OBJECTIVES: return _("números del 1 al 23 separados por «;»; el primero es el principal");
    case FT_PRINCIPLES: return _("números del 1 al 10 separados por «;»");
    case FT_YES_NO: return _("«Sí» o «No»; vacío: no se indicó");
    case FT_COUNT: return _("número entero, 0 o más; vacío: no se indicó");
    }
    return "";
}

/* The catalog file whose first column decodes the values of F. */
static const struct CatalogFile *catalog_of(const ActionField *f) {
    for (int i = 0; f->catalog && i < NCATALOGS; i++)
        if (strcmp(catalogs[i].file, f->catalog) == 0) return &catalogs[i];
    return NULL;
}

/* One table of the interchange format: acciones.csv or retos.csv. */
typedef struct {
    const char *resource, *file, *title;
    const ActionField *fields;
    int n;
} DataTable;

static const DataTable data_tables[] = {
    {"acciones", "acciones.csv", N_("Acciones validadas de la edición"), action_fields, AF__COUNT},
    {"retos", "retos.csv", N_("Retos de las acciones validadas"), challenge_fields, CF__COUNT},
};

/* Whether FILE is a path the data package lists (or the package). */
static bool package_path(const char *file) {
    bool json;
    const struct CatalogFile *c = catalog_file(file, &json);
    if (c) return !json;
    for (size_t i = 0; i < sizeof data_tables / sizeof *data_tables; i++)
        if (strcmp(data_tables[i].file, file) == 0) return true;
    return strcmp(file, "datapackage.json") == 0;
}

const char *opendata_download_name(Req *r, const char *tag, const char *file) {
    if (package_path(file)) return file;
    return tag ? arena_printf(&r->a, "pmm-%s-%s", tag, file) : arena_printf(&r->a, "pmm-%s", file);
}

/* The edicion column every row of the data files leads with. */
static const ActionField edition_field = {ACTION_EDITION_COLUMN, N_("Edición"), FT_KEY, 0, true, NULL,
                                          N_("La edición de la que es la fila."), NULL};

/* The Table Schema field of F (https://specs.frictionlessdata.io/table-schema/). */
static json_t *schema_field(const ActionField *f) {
    json_t *o = json_pack("{s:s, s:s, s:s}", "name", f->name, "title", _(f->label), "description",
                          _(f->help));
    json_t *k = json_object();
    switch (f->type) {
    case FT_COUNT:
        json_object_set_new(o, "type", json_string("integer"));
        json_object_set_new(k, "minimum", json_integer(0));
        break;
    case FT_YES_NO:
        json_object_set_new(o, "type", json_string("boolean"));
        json_object_set_new(o, "trueValues", json_pack("[s]", "Sí"));
        json_object_set_new(o, "falseValues", json_pack("[s]", "No"));
        break;
    case FT_OBJECTIVES:
        json_object_set_new(o, "type", json_string("string"));
        json_object_set_new(k, "pattern", json_string("([1-9]|1[0-9]|2[0-3])(;([1-9]|1[0-9]|2[0-3]))*"));
        break;
    case FT_PRINCIPLES:
        json_object_set_new(o, "type", json_string("string"));
        json_object_set_new(k, "pattern", json_string("([1-9]|10)(;([1-9]|10))*"));
        break;
    default:
        json_object_set_new(o, "type", json_string("string"));
    }
    if (f->required) json_object_set_new(k, "required", json_true());
    if (f->max) json_object_set_new(k, "maxLength", json_integer((json_int_t)f->max));
    if (json_object_size(k)) json_object_set_new(o, "constraints", k);
    else json_decref(k);
    return o;
}

static json_t *foreign_key(const char *field, const char *resource, const char *key) {
    return json_pack("{s:s, s:{s:s, s:s}}", "fields", field, "reference", "resource", resource, "fields", key);
}

/* Sets SCHEMA's foreignKeys to FKS, taking it; none when FKS is empty: the
 * official Table Schema profile wants at least one key in the list
 * (issue 14, fault 2). */
static void set_foreign_keys(json_t *schema, json_t *fks) {
    if (json_array_size(fks)) json_object_set_new(schema, "foreignKeys", fks);
    else json_decref(fks);
}

/* The Table Schema of data table T: the edicion column, then its fields. */
static json_t *data_schema(const DataTable *t) {
    json_t *fields = json_array(), *fks = json_array();
    json_array_append_new(fields, schema_field(&edition_field));
    for (int i = 0; i < t->n; i++) {
        const ActionField *f = &t->fields[i];
        json_array_append_new(fields, schema_field(f));
        const struct CatalogFile *c = catalog_of(f);
        if (c && f->type == FT_CATALOG)       /* a list cell is no key of one row */
            json_array_append_new(fks, foreign_key(f->name, c->file, c->cols[0].name));
    }
    json_t *s = json_pack("{s:o, s:[s]}", "fields", fields, "missingValues", "");
    if (t->fields == action_fields)
        json_object_set_new(s, "primaryKey", json_pack("[s]", action_fields[AF_FOLIO].name));
    else
        json_array_append_new(fks, foreign_key(challenge_fields[CF_FOLIO].name, "acciones",
                                               action_fields[AF_FOLIO].name));
    set_foreign_keys(s, fks);
    return s;
}

static json_t *catalog_schema(const struct CatalogFile *c) {
    json_t *fields = json_array(), *fks = json_array();
    for (int i = 0; i < c->ncols; i++) {
        const CatColumn *k = &c->cols[i];
        json_t *f = json_pack("{s:s, s:s, s:s}", "name", k->name, "type", k->type, "title", _(k->title));
        if (i == 0) json_object_set_new(f, "constraints", json_pack("{s:b, s:b}", "required", 1, "unique", 1));
        json_array_append_new(fields, f);
        if (k->fk_resource)   /* a catalog naming itself refers to "" (the same resource) */
            json_array_append_new(fks, foreign_key(k->name, strcmp(k->fk_resource, c->file) == 0 ? ""
                                                                                                 : k->fk_resource,
                                                   k->fk_field));
    }
    json_t *s = json_pack("{s:o, s:[s], s:[s]}", "fields", fields, "missingValues", "", "primaryKey",
                          c->cols[0].name);
    set_foreign_keys(s, fks);
    return s;
}

/* A CSV of pmm starts with a byte order mark (export_csv_bom): its
 * encoding is declared by the name Frictionless readers take from Python's
 * codecs, "utf-8-sig", which reads the mark as no part of the first
 * header; "utf-8" made them read «\ufeffedicion» (issue 14, fault 2). */
#define CSV_ENCODING "utf-8-sig"

static json_t *csv_resource(const char *name, const char *path, const char *title, json_t *schema) {
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:b, s:b}, s:o}", "name", name, "path", path,
                     "profile", "tabular-data-resource", "title", title, "format", "csv", "mediatype",
                     "text/csv", "encoding", CSV_ENCODING, "dialect", "delimiter", ",", "doubleQuote", 1,
                     "header", 1, "schema", schema);
}

/* ---- the license ---- */

/* The license of E's data as the package names it: by its Open Definition
 * id and address when pmm knows it; else by its text, with the address
 * of licencia.txt beside the package (a package's license needs a name
 * or a path). */
static json_t *package_license(const DataLicense *l) {
    json_t *o = json_pack("{s:s}", "title", l->text);
    if (l->id) json_object_set_new(o, "name", json_string(l->id));
    json_object_set_new(o, "path", json_string(l->url ? l->url : "licencia.txt"));
    return o;
}

void opendata_license_text(Req *r, const Edition *e) {
    DataLicense l;
    if (!export_license(r->st, e, &r->a, &l)) {
        page_error(r, 500, _("No se pudo producir el archivo."));
        return;
    }
    str_printf(&r->out, "%s\n", l.text);
    if (l.url) str_printf(&r->out, "%s\n", l.url);
    str_printf(&r->out, "\n%s\n", arena_printf(&r->a, _("Licencia de los datos de la edición «%s» del "
                                                          "Pacto Mundial para la Migración."), e->name));
    if (store_edition_is_example(r->st, e->name))      /* F14C: issue 14 fault 7 */
        str_printf(&r->out, "\n%s\n", example_notice_text(NULL));
    if (l.is_default)
        str_printf(&r->out, "%s\n", _("Es la licencia predeterminada de pmm: esta publicación de la edición "
                                       "no indica otra."));
    r->ctype = "text/plain; charset=utf-8";
}

void opendata_license_line(Req *r, const Edition *e) {
    DataLicense l;
    if (!export_license(r->st, e, &r->a, &l)) return;
    str_html(&r->out, "<p class=\"license\">%s ", _("Licencia de los datos:"));
    if (l.url) str_html(&r->out, "<a href=\"%s\" rel=\"license\">%s</a>", l.url, l.text);
    else str_html(&r->out, "%s", l.text);
    str_html(&r->out, ". %s <a href=\"/descargas/diccionario\">%s</a>.</p>",
             _("Qué dice cada columna y cada código:"), _("diccionario de datos"));
}

/* ---- the data package ---- */

/* The package's name: the edition's, lower case, other than [a-z0-9._-] as '-'. */
static const char *package_name(Req *r, const char *edition) {
    char *n = arena_printf(&r->a, "pmm-%s", edition);
    for (char *p = n; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
        else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
            *p = '-';
    }
    return n;
}

/* A revision's publication time, "YYYY-MM-DDTHH:MM:SSZ" (or with a space
 * for the T), as RFC 3339 says it; NULL when AT is not so. */
static const char *rfc3339(Req *r, const char *at) {
    if (strlen(at) < 19 || at[4] != '-' || (at[10] != ' ' && at[10] != 'T')) return NULL;
    return arena_printf(&r->a, "%.10sT%.8sZ", at, at + 11);
}

void opendata_package(Req *r, const Edition *e) {
    DataLicense l;
    if (!export_license(r->st, e, &r->a, &l)) {
        page_error(r, 500, _("No se pudo producir el archivo."));
        return;
    }
    json_t *res = json_array();
    for (size_t i = 0; i < sizeof data_tables / sizeof *data_tables; i++)
        json_array_append_new(res, csv_resource(data_tables[i].resource, data_tables[i].file,
                                                _(data_tables[i].title), data_schema(&data_tables[i])));
    for (int i = 0; i < NCATALOGS; i++)
        json_array_append_new(res, csv_resource(catalogs[i].file, arena_printf(&r->a, "%s.csv", catalogs[i].file),
                                                catalog_title(r, &catalogs[i]), catalog_schema(&catalogs[i])));
    /* F14C (issue 14 fault 7): a synthetic example says so in its title,
     * its description and a property of its own ("synthetic") */
    bool example = store_edition_is_example(r->st, e->name);
    const char *title = arena_printf(&r->a, _("Acciones del Pacto Mundial para la Migración, edición %s"), e->name);
    /* the period's months as the pages write them (issue 14 round 2, fault 13) */
    const char *desc = *e->period_start && *e->period_end
        ? arena_printf(&r->a, _("Las acciones validadas de la edición %s (%s) con sus "
                                "retos, y los catálogos que decodifican sus códigos."),
                       e->name, web_period(r, e->period_start, e->period_end))
        : arena_printf(&r->a, _("Las acciones validadas de la edición %s con sus retos, y los catálogos que "
                                "decodifican sus códigos."), e->name);      /* no period set: none said */
    if (example) {
        title = arena_printf(&r->a, "%s (%s)", title, _("ejemplo sintético, no son cifras reales"));
        desc = arena_printf(&r->a, "%s %s", example_notice_text(NULL), desc);
    }
    json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:b, s:[o]}", "profile", "tabular-data-package", "name",
                          package_name(r, e->name), "title", title, "description", desc, "synthetic", example,
                          "licenses", package_license(&l));
    Imprint imp;      /* who issues the data, when the edition says (pmm edition --emisor) */
    const char *issuer = store_imprint(r->st, e, &r->a, &imp) && imp.field[IMPRINT_ISSUER] && *imp.field[IMPRINT_ISSUER]
                         ? imprint_value(&imp, IMPRINT_ISSUER, LANG_ES) : NULL;   /* a synthetic one credits pmm */
    if (issuer)
        json_object_set_new(p, "contributors", json_pack("[{s:s, s:s}]", "title", issuer, "role", "publisher"));
    /* a published revision never changes: its publication is the data's last change */
    const char *at = e->revision > 0 ? rfc3339(r, e->published_at) : NULL;
    if (at) json_object_set_new(p, "created", json_string(at));
    if (e->revision > 0) json_object_set_new(p, "version", json_string(arena_printf(&r->a, "%d.0.0", e->revision)));
    json_object_set_new(p, "resources", res);
    char *z = json_dumps(p, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    if (z) str_puts(&r->out, z);
    else str_fail(&r->out);           /* F15B: no memory for the text: 503 (server.c) */
    str_putc(&r->out, '\n');
    free(z);
    json_decref(p);
    r->ctype = "application/json";
    web_disposition(r, false, "datapackage.json");
}

/* ---- the data dictionary page ---- */

/* What column F of table T holds, for the dictionary: its type's words,
 * except where the column says more (issue 14, fault 11): the edicion
 * column is the same in every row of a file, and a key is unique only in
 * the table it is the primary key of (acciones.folio; retos.folio repeats,
 * one row per challenge; continua_folio names another edition's action). */
static const char *column_text(const DataTable *t, const ActionField *f) {
    if (f == &edition_field) return _("texto, el mismo en todas las filas del archivo: el nombre de la edición");
    if (f->type != FT_KEY) return type_text(f->type);
    if (t->fields == action_fields && f == &action_fields[AF_FOLIO]) return type_text(FT_KEY);
    return _("texto de una línea: un folio, que puede repetirse en el archivo");
}

static void dictionary_row(Req *r, const DataTable *t, const ActionField *f) {
    const struct CatalogFile *c = catalog_of(f);
    str_html(&r->out, "<tr><th scope=\"row\"><code>%s</code></th><td>%s</td><td>%s</td><td>%s</td><td>",
             f->name, _(f->label), column_text(t, f), f->required ? _("sí") : _("no"));
    /* the limit through the number formatter: «100 000 caracteres» */
    if (f->max) str_html(&r->out, "%s", arena_printf(&r->a, _("%s caracteres"), web_int(r, (long long)f->max)));
    str_html(&r->out, "</td><td>");
    if (c)
        str_html(&r->out, "<a href=\"/descargas/catalogos/%s.csv\">%s</a> (<a href=\"/descargas/catalogos/%s.json\">JSON</a>)",
                 c->file, catalog_title(r, c), c->file);
    str_html(&r->out, "</td><td>%s</td></tr>", _(f->help));
}

static void dictionary_table(Req *r, const DataTable *t) {
    str_html(&r->out, "<h2 id=\"%s\"><code>%s</code></h2><p>%s</p>", t->resource, t->file, _(t->title));
    str_html(&r->out, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
             _("Columna"), _("Nombre"), _("Tipo"), _("Obligatoria"), _("Límite"), _("Catálogo"), _("Qué contiene"));
    dictionary_row(r, t, &edition_field);
    for (int i = 0; i < t->n; i++) dictionary_row(r, t, &t->fields[i]);
    str_html(&r->out, "</tbody></table></div>");
}

void page_data_dictionary(Req *r) {
    page_begin(r, _("Diccionario de datos"));
    str_html(&r->out, "<p>%s</p><p>%s</p>",
             _("Cada edición publicada se descarga en CSV (UTF-8 con BOM, separado por comas), JSON y XLSX, "
               "con un paquete de datos Frictionless (datapackage.json) que describe sus archivos. "
               "Estas son sus columnas; los códigos se leen en los catálogos."),
             _("Las listas van separadas por «;». Una celda vacía es un dato que no se indicó."));
    for (size_t i = 0; i < sizeof data_tables / sizeof *data_tables; i++) dictionary_table(r, &data_tables[i]);
    str_html(&r->out, "<h2 id=\"catalogos\">%s</h2><ul class=\"downloads\">", _("Catálogos"));
    for (int i = 0; i < NCATALOGS; i++) {
        str_html(&r->out, "<li><a href=\"/descargas/catalogos/%s.csv\">%s</a> (CSV) · "
                          "<a href=\"/descargas/catalogos/%s.json\">JSON</a>: ",
                 catalogs[i].file, catalog_title(r, &catalogs[i]), catalogs[i].file);
        for (int k = 0; k < catalogs[i].ncols; k++)
            str_html(&r->out, "%s<code>%s</code> (%s)", k ? ", " : "", catalogs[i].cols[k].name,
                     _(catalogs[i].cols[k].title));
        str_html(&r->out, "</li>");
    }
    str_html(&r->out, "</ul>");
    page_end(r);
}
