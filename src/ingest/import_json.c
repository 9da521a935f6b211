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
        diag_add(diags, name, 0, NULL, NULL, _("no se puede abrir: %s"), strerror(errno));
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
    json_t *acts = json_object_get(doc, "acciones");
    if (!json_is_array(acts)) {
        diag_add(diags, name, 0, NULL, NULL,
                 _("falta la lista «acciones» (se espera el JSON de 'pmm export --format json')"));
        json_decref(doc);
        return false;
    }
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
