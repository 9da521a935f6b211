#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "render/export.h"
#include "render/xlsx_template.h"
#include "store/export_store.h"
#include "util/i18n.h"
#include "util/mem.h"

/* ---- CSV ---- */

/* A field, quoted when it holds a separator, a quote, a line break or
 * space at either end (which a reader would trim). */
static void csv_field(FILE *f, const char *v, bool last) {
    size_t n = strlen(v);
    bool quote = strpbrk(v, ",\"\r\n") != NULL ||
                 (n && (v[0] == ' ' || v[n - 1] == ' ' || v[0] == '\t' || v[n - 1] == '\t'));
    if (quote) {
        fputc('"', f);
        for (const char *p = v; *p; p++) {
            if (*p == '"') fputc('"', f);
            fputc(*p, f);
        }
        fputc('"', f);
    } else {
        fputs(v, f);
    }
    fputc(last ? '\n' : ',', f);
}

static const char *yes_no(int v) { return v < 0 ? "" : v ? "Sí" : "No"; }

typedef struct {
    FILE *acc, *ret;
} CsvCtx;

static bool csv_action(void *ctx, const ExportAction *a) {
    CsvCtx *c = ctx;
    char ben[32] = "";
    if (a->beneficiaries >= 0) snprintf(ben, sizeof ben, "%lld", a->beneficiaries);
    const char *cells[] = {a->folio, a->institution, a->objectives, a->name, a->description,
                           a->action_types, a->populations, yes_no(a->gender_focus),
                           yes_no(a->disability), ben, a->results};
    size_t n = sizeof cells / sizeof *cells;
    for (size_t i = 0; i < n; i++) csv_field(c->acc, cells[i], i + 1 == n);
    for (int i = 0; i < a->nchallenges; i++) {
        csv_field(c->ret, a->folio, false);
        csv_field(c->ret, a->challenges[i].text, false);
        csv_field(c->ret, a->challenges[i].category, true);
    }
    return !ferror(c->acc) && !ferror(c->ret);
}

bool export_csv_stream(Store *st, const Edition *ed, FILE *acciones, FILE *retos, Str *err) {
    fputs("folio,institucion,objetivos,nombre,descripcion,tipo_accion,poblacion,"
          "enfoque_genero,discapacidad,beneficiarios,resultados\n", acciones);
    fputs("folio,reto,categoria\n", retos);
    CsvCtx c = {acciones, retos};
    if (!store_export_actions(st, ed->id, csv_action, &c)) {
        if (ferror(acciones) || ferror(retos)) str_printf(err, "%s", strerror(errno));
        else str_printf(err, "%s", store_errmsg(st));
        return false;
    }
    return true;
}

/* ---- JSON ---- */

static json_t *split(const char *list, bool numbers) {
    json_t *a = json_array();
    char *copy = xstrdup(list);
    for (char *save = NULL, *p = strtok_r(copy, ";", &save); p; p = strtok_r(NULL, ";", &save))
        json_array_append_new(a, numbers ? json_integer(atoi(p)) : json_string(p));
    free(copy);
    return a;
}

static json_t *tristate(int v) { return v < 0 ? json_null() : json_boolean(v); }

static bool json_action(void *ctx, const ExportAction *a) {
    json_t *arr = ctx;
    json_t *retos = json_array();
    for (int i = 0; i < a->nchallenges; i++)
        json_array_append_new(retos, json_pack("{s:s, s:s?}", "reto", a->challenges[i].text, "categoria",
                                               *a->challenges[i].category ? a->challenges[i].category : NULL));
    json_t *o = json_object();
    json_object_set_new(o, "folio", json_string(a->folio));
    json_object_set_new(o, "institucion", json_string(a->institution));
    json_object_set_new(o, "objetivos", split(a->objectives, true));
    json_object_set_new(o, "nombre", json_string(a->name));
    json_object_set_new(o, "descripcion", json_string(a->description));
    json_object_set_new(o, "tipo_accion", split(a->action_types, false));
    json_object_set_new(o, "poblacion", split(a->populations, false));
    json_object_set_new(o, "enfoque_genero", tristate(a->gender_focus));
    json_object_set_new(o, "discapacidad", tristate(a->disability));
    json_object_set_new(o, "beneficiarios", a->beneficiaries < 0 ? json_null() : json_integer(a->beneficiaries));
    json_object_set_new(o, "resultados", json_string(a->results));
    json_object_set_new(o, "estado", json_string(a->status));
    json_object_set_new(o, "retos", retos);
    json_array_append_new(arr, o);
    return true;
}

bool export_json_stream(Store *st, const Edition *ed, FILE *out, Str *err) {
    json_t *actions = json_array();
    if (!store_export_actions(st, ed->id, json_action, actions)) {
        str_printf(err, "%s", store_errmsg(st));
        json_decref(actions);
        return false;
    }
    json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s, s:s}, s:o}", "schema", "pmm-export/1",
                            "edicion", "nombre", ed->name, "desde", ed->period_start, "hasta",
                            ed->period_end, "estado", ed->state, "acciones", actions);
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(doc);
    if (rc != 0 || ferror(out)) {
        str_printf(err, "%s", strerror(errno));
        return false;
    }
    return true;
}

/* ---- to files ---- */

char *export_retos_path(const char *path) {
    size_t n = strlen(path);
    Str s = STR_INIT;
    if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0) {
        str_append(&s, path, n - 4);
        str_puts(&s, "-retos");
        str_puts(&s, path + n - 4);
    } else {
        str_puts(&s, path);
        str_puts(&s, "-retos.csv");
    }
    return str_take(&s);
}

static char *tmp_name(const char *path) {
    Str s = STR_INIT;
    str_printf(&s, "%s.tmp-%ld", path, (long)getpid());
    return str_take(&s);
}

static bool close_file(FILE *f, const char *path, Str *err) {
    if (fclose(f) != 0) {
        if (!err->len) str_printf(err, "%s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

static bool export_csv_files(Store *st, const Edition *ed, const char *path, Str *err) {
    char *rpath = export_retos_path(path);
    char *ta = tmp_name(path), *tr = tmp_name(rpath);
    FILE *fa = fopen(ta, "w"), *fr = fopen(tr, "w");
    bool ok = fa && fr;
    if (!ok) str_printf(err, "%s: %s", fa ? rpath : path, strerror(errno));
    if (ok) ok = export_csv_stream(st, ed, fa, fr, err);
    if (fa) ok = close_file(fa, path, err) && ok;
    if (fr) ok = close_file(fr, rpath, err) && ok;
    if (ok && (rename(ta, path) != 0 || rename(tr, rpath) != 0)) {
        str_printf(err, "%s: %s", path, strerror(errno));
        ok = false;
    }
    if (!ok) {
        unlink(ta);
        unlink(tr);
    }
    free(ta);
    free(tr);
    free(rpath);
    return ok;
}

static bool export_json_file(Store *st, const Edition *ed, const char *path, Str *err) {
    if (!path) return export_json_stream(st, ed, stdout, err);
    char *t = tmp_name(path);
    FILE *f = fopen(t, "w");
    bool ok = f != NULL;
    if (!ok) str_printf(err, "%s: %s", path, strerror(errno));
    if (ok) ok = export_json_stream(st, ed, f, err);
    if (f) ok = close_file(f, path, err) && ok;
    if (ok && rename(t, path) != 0) {
        str_printf(err, "%s: %s", path, strerror(errno));
        ok = false;
    }
    if (!ok) unlink(t);
    free(t);
    return ok;
}

bool export_edition(Store *st, const Edition *ed, const char *format, const char *path, Str *err) {
    if (strcmp(format, "json") == 0) return export_json_file(st, ed, path, err);
    if (!path) {
        str_printf(err, _("el formato %s necesita -o ARCHIVO"), format);
        return false;
    }
    if (strcmp(format, "csv") == 0) return export_csv_files(st, ed, path, err);
    if (strcmp(format, "xlsx") == 0) {
        XlsxTemplateOpts o = {.edition = ed, .with_actions = true};
        return xlsx_template_write(st, &o, path, err);
    }
    str_printf(err, _("formato desconocido «%s» (csv, json o xlsx)"), format);
    return false;
}
