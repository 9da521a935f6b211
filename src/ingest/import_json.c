/*
 * Import of the JSON export ("schema": "pmm-export/1"), so that every
 * export format comes back in: each action becomes the row of cells the
 * CSV would have (lists joined with ';', true/false as Sí/No) and goes
 * through the same Importer. Errors name the action by its position:
 * "edicion.json:12:" is the 12th action.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "core/action.h"
#include "ingest/import.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/errtext.h"

#define JSON_MAX_FILE (256u << 20)

/* Every error of ERRS at action I (1-based) of the file. */
static void report(const char *name, long i, const ActionField *fields, const ActionErrors *errs,
                   DiagList *diags) {
    for (int k = 0; k < errs->n; k++) {
        const ActionError *e = &errs->v[k];
        diag_add(diags, name, i, e->field >= 0 ? fields[e->field].name : NULL, e->value, "%s", e->message);
    }
}

/* Each action through action_from_json and the Importer, then each
 * challenge, as the retos file comes after acciones. */
static void import_actions(Importer *im, const char *name, json_t *acts, DiagList *diags) {
    size_t n = json_array_size(acts);
    Arena a = ARENA_INIT;
    const char ***texts = arena_alloc(&a, (n + 1) * sizeof *texts);
    const char ***cats = arena_alloc(&a, (n + 1) * sizeof *cats);
    int *nch = arena_alloc(&a, (n + 1) * sizeof *nch);
    const char **folios = arena_alloc(&a, (n + 1) * sizeof *folios);
    for (size_t i = 0; i < n; i++) {
        const char *vals[AF__COUNT];
        ActionErrors errs = {0};
        bool ok = action_from_json(json_array_get(acts, i), &a, vals, &texts[i], &cats[i], &nch[i], &errs);
        report(name, (long)i + 1, action_fields, &errs, diags);
        folios[i] = vals[AF_FOLIO];
        /* issue 10, hostile fault 9 (helper REC2): an action without "retos"
         * (or with null) keeps the challenges it has, as a CSV import without
         * a retos file does; "retos": [] clears them */
        im->with_challenges = json_is_array(json_object_get(json_array_get(acts, i), "retos"));
        if (ok) importer_action(im, name, (long)i + 1, vals);
        else nch[i] = 0;
    }
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < nch[i]; k++) {
            const char *v[CF__COUNT] = {[CF_FOLIO] = folios[i], [CF_RETO] = texts[i][k],
                                        [CF_CATEGORIA] = cats[i][k]};
            importer_challenge(im, name, (long)i + 1, v);
        }
    arena_free(&a);
}

/* issue 10, hostile round 3, fault 1 (helper REC4): the top level is what
 * export_json_doc writes and nothing else, so a list beside "acciones"
 * ("Acciones", "retos", "acciones2") is refused instead of ignored. */
#define JSON_SCHEMA "pmm-export/1"
/* issue 14: "licencia", the data's license, and "ejemplo_sintetico" with its
 * "aviso" (a synthetic example's mark, F14C), are written by the export and not read */
static const char *const top_keys[] = {"schema", "edicion", "alcance", "licencia", "ejemplo_sintetico", "aviso",
                                       "acciones"};
static const char *const edition_keys[] = {"nombre", "desde", "hasta", "estado"};

static bool known(const char *key, const char *const *keys, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (strcmp(key, keys[i]) == 0) return true;
    return false;
}

/* The export's "edicion": an object of texts (or null) under its four keys. */
static void check_edition(const char *name, json_t *e, DiagList *diags) {
    if (!e) return;
    if (!json_is_object(e)) {
        diag_add(diags, name, 0, NULL, NULL, _("«edicion» debe ser un objeto con %s"),
                 "nombre, desde, hasta, estado");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(e, key, v) {
        if (!known(key, edition_keys, sizeof edition_keys / sizeof *edition_keys))
            diag_add(diags, name, 0, NULL, NULL,
                     _("«edicion.%s»: campo desconocido (se conocen: %s)"), key, "nombre, desde, hasta, estado");
        else if (!json_is_string(v) && !json_is_null(v))
            diag_add(diags, name, 0, NULL, NULL, _("«edicion.%s»: el valor JSON no es un texto"), key);
    }
}

/* Every fault of the document's top level; true when there is none. */
static bool check_top(const char *name, json_t *doc, DiagList *diags) {
    size_t before = diags->total;
    const char *key;
    json_t *v;
    json_object_foreach(doc, key, v) {
        if (!known(key, top_keys, sizeof top_keys / sizeof *top_keys))
            diag_add(diags, name, 0, NULL, NULL, _("«%s»: clave desconocida en el documento (se conocen: %s)"),
                     key, "schema, edicion, alcance, licencia, ejemplo_sintetico, aviso, acciones");
    }
    const char *schema = json_string_value(json_object_get(doc, "schema"));
    if (!json_object_get(doc, "schema"))
        diag_add(diags, name, 0, NULL, NULL,
                 _("falta «schema»: «%s» (el JSON de 'pmm export --format json')"), JSON_SCHEMA);
    else if (!schema || strcmp(schema, JSON_SCHEMA) != 0)
        diag_add(diags, name, 0, NULL, NULL, _("«schema» «%s» desconocido: se conoce «%s»"),
                 schema ? schema : "?", JSON_SCHEMA);
    json_t *scope = json_object_get(doc, "alcance");
    const char *sc = json_string_value(scope);
    if (scope && !json_is_null(scope) && (!sc || (strcmp(sc, "todas") != 0 && strcmp(sc, "validadas") != 0)))
        diag_add(diags, name, 0, NULL, sc, _("«alcance» debe ser «todas» o «validadas»"));
    check_edition(name, json_object_get(doc, "edicion"), diags);
    json_t *lic = json_object_get(doc, "licencia");
    if (lic && !json_is_object(lic) && !json_is_null(lic))
        diag_add(diags, name, 0, NULL, NULL, _("«licencia» debe ser un objeto con «nombre» y «url»"));
    if (!json_is_array(json_object_get(doc, "acciones")))
        diag_add(diags, name, 0, NULL, NULL,
                 _("falta la lista «acciones» (se espera el JSON de 'pmm export --format json')"));
    return diags->total == before;
}

bool import_is_json(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    int c;
    while ((c = fgetc(f)) != EOF && (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
                                     c == 0xEF || c == 0xBB || c == 0xBF))
        ;
    fclose(f);
    return c == '{';
}

bool import_json(Store *st, const Edition *ed, const char *path, const char *name,
                 const char *status, bool dry_run, ImportStats *stats, DiagList *diags) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_add(diags, name, 0, NULL, NULL, _("no se puede abrir: %s"), errtext(errno));
        return false;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    if (size < 0 || (unsigned long)size > JSON_MAX_FILE) {
        diag_add(diags, name, 0, NULL, NULL, _("el archivo pasa de %u MiB: se rechaza"), JSON_MAX_FILE >> 20);
        fclose(f);
        return false;
    }
    json_error_t je;
    json_t *doc = json_loadf(f, JSON_REJECT_DUPLICATES, &je);
    fclose(f);
    if (!doc) {
        diag_add(diags, name, je.line, NULL, NULL, _("JSON mal formado: %s"), je.text);
        return false;
    }
    if (!json_is_object(doc) || !check_top(name, doc, diags)) {
        if (!json_is_object(doc))
            diag_add(diags, name, 0, NULL, NULL,
                     _("falta la lista «acciones» (se espera el JSON de 'pmm export --format json')"));
        json_decref(doc);
        return false;
    }
    json_t *acts = json_object_get(doc, "acciones");
    import_warn_edition(name, json_string_value(json_object_get(json_object_get(doc, "edicion"), "nombre")), ed);
    Importer im;
    if (!importer_begin(&im, st, ed, status, true, diags)) {
        diag_add(diags, NULL, 0, NULL, NULL, "%s", store_write_error(st));
        importer_end(&im, false);
        json_decref(doc);
        return false;
    }
    import_actions(&im, name, acts, diags);
    if (json_array_size(acts) == 0)
        diag_add(diags, name, 0, NULL, NULL, _("el archivo no tiene ninguna acción"));
    *stats = im.stats;
    bool clean = diags->total == 0;
    bool committed = importer_end(&im, clean && !dry_run);
    json_decref(doc);
    return dry_run ? clean : committed;
}
