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
#include "ingest/import.h"
#include "util/i18n.h"
#include "util/str.h"

#define JSON_MAX_FILE (256u << 20)

/* The cell text of V: strings as they are, numbers as integers, lists
 * joined with ';', booleans Sí/No, null "". False for anything else. */
static bool cell(json_t *v, Str *out) {
    str_clear(out);
    if (!v || json_is_null(v)) return true;
    if (json_is_string(v)) { str_puts(out, json_string_value(v)); return true; }
    if (json_is_integer(v)) { str_printf(out, "%lld", (long long)json_integer_value(v)); return true; }
    if (json_is_real(v)) { str_printf(out, "%.15g", json_real_value(v)); return true; }
    if (json_is_boolean(v)) { str_puts(out, json_is_true(v) ? "Sí" : "No"); return true; }
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        Str one = STR_INIT;
        bool ok = true;
        json_array_foreach(v, i, e) {
            if (json_is_array(e) || json_is_object(e) || !cell(e, &one)) { ok = false; break; }
            if (i) str_putc(out, ';');
            str_puts(out, str_cstr(&one));
        }
        str_free(&one);
        return ok;
    }
    return false;
}

static bool import_actions(Importer *im, const char *name, json_t *acts, DiagList *diags) {
    Str cells[AC__COUNT];
    const char *vals[AC__COUNT];
    for (int c = 0; c < AC__COUNT; c++) cells[c] = (Str)STR_INIT;
    size_t i;
    json_t *a;
    json_array_foreach(acts, i, a) {
        long line = (long)i + 1;
        if (!json_is_object(a)) {
            diag_add(diags, name, line, NULL, NULL, _("cada acción debe ser un objeto JSON"));
            continue;
        }
        bool ok = true;
        for (int c = 0; c < AC__COUNT; c++) {
            const char *col = import_action_cols[c].name;
            if (!cell(json_object_get(a, col), &cells[c])) {
                diag_add(diags, name, line, col, NULL, _("valor de tipo no admitido"));
                ok = false;
            }
            vals[c] = str_cstr(&cells[c]);
        }
        if (ok) importer_action(im, name, line, vals);
    }
    /* challenges after every action, as the retos file comes after acciones */
    Str rc[RC__COUNT] = {STR_INIT, STR_INIT, STR_INIT};
    json_array_foreach(acts, i, a) {
        json_t *retos = json_object_get(a, "retos");
        if (!retos || json_is_null(retos)) continue;
        if (!json_is_array(retos)) {
            diag_add(diags, name, (long)i + 1, "retos", NULL, _("debe ser una lista"));
            continue;
        }
        size_t k;
        json_t *r;
        json_array_foreach(retos, k, r) {
            const char *v[RC__COUNT];
            if (!cell(json_object_get(a, "folio"), &rc[RC_FOLIO]) ||
                !cell(json_object_get(r, "reto"), &rc[RC_RETO]) ||
                !cell(json_object_get(r, "categoria"), &rc[RC_CATEGORIA])) {
                diag_add(diags, name, (long)i + 1, "retos", NULL, _("valor de tipo no admitido"));
                continue;
            }
            for (int c = 0; c < RC__COUNT; c++) v[c] = str_cstr(&rc[c]);
            importer_challenge(im, name, (long)i + 1, v);
        }
    }
    for (int c = 0; c < RC__COUNT; c++) str_free(&rc[c]);
    for (int c = 0; c < AC__COUNT; c++) str_free(&cells[c]);
    return true;
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
    Importer im;
    if (!importer_begin(&im, st, ed, status, true, diags)) {
        diag_add(diags, NULL, 0, NULL, NULL, "%s", store_errmsg(st));
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
