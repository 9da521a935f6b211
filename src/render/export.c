#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "core/action.h"
#include "render/export.h"
#include "render/outfile.h"
#include "render/xlsx_template.h"
#include "store/demo_store.h"
#include "store/export_store.h"
#include "store/practice_store.h"
#include "store/imprint_store.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/mem.h"
#include "util/errtext.h"

/* ---- the data license (issue 14, helper D14) ---- */

/* The licenses pmm knows by name, by their folded name without spaces or
 * punctuation («CC BY 4.0», «cc-by-4.0» and «CC BY 4.0» are one). */
static const struct {
    const char *key, *id, *url;
} known_licenses[] = {
    {"ccby40", "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/deed.es"},
    {"ccbysa40", "CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.es"},
    {"cc0", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.es"},
    {"cc010", "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.es"},
    {"odbl", "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"},
    {"odbl10", "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"},
    {"odcby", "ODC-BY-1.0", "https://opendatacommons.org/licenses/by/1-0/"},
    {"odcby10", "ODC-BY-1.0", "https://opendatacommons.org/licenses/by/1-0/"},
    {"pddl", "PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/"},
    {"pddl10", "PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/"},
    /* Mexico's open-data license has no Open Definition id */
    {"libreusomx", NULL, "https://datos.gob.mx/libreusomx"},
    {"terminosdelibreusomx", NULL, "https://datos.gob.mx/libreusomx"},
};

static const char *license_key(Arena *a, const char *text) {
    char *k = text_fold(a, text), *w = k;
    for (char *r = k; *r; r++)
        if ((*r >= 'a' && *r <= 'z') || (*r >= '0' && *r <= '9')) *w++ = *r;
    *w = '\0';
    return k;
}

bool export_license(Store *st, const Edition *ed, Arena *a, DataLicense *out) {
    Imprint imp;
    memset(out, 0, sizeof *out);
    if (!store_imprint(st, ed, a, &imp)) return false;
    const char *set = imp.field[IMPRINT_LICENSE];
    out->is_default = !set || !*set;
    out->text = out->is_default ? EXPORT_DEFAULT_LICENSE : set;
    const char *key = license_key(a, out->text);
    for (size_t i = 0; i < sizeof known_licenses / sizeof *known_licenses; i++)
        if (strcmp(key, known_licenses[i].key) == 0) {
            out->id = known_licenses[i].id;
            out->url = known_licenses[i].url;
        }
    if (!out->url && (strncmp(out->text, "https://", 8) == 0 || strncmp(out->text, "http://", 7) == 0))
        out->url = out->text;              /* a license given by its address */
    return true;
}

json_t *export_license_json(const DataLicense *l) {
    return json_pack("{s:s, s:s?}", "nombre", l->text, "url", l->url);
}

/* ---- CSV ---- */

/* Where CSV text goes: a buffer, emptied into F (when given) as it fills. */
typedef struct {
    Str *s;
    FILE *f;
} Sink;

static bool sink_flush(Sink *k, size_t above) {
    if (!k->f || k->s->len <= above) return true;
    bool ok = fwrite(k->s->p, 1, k->s->len, k->f) == k->s->len;
    str_clear(k->s);
    return ok;
}

typedef struct {
    ExportScope scope;
    const char *edition;     /* each row's edicion cell */
    Sink acc, ret;
    bool ok;
} CsvCtx;

static bool in_scope(ExportScope scope, const Action *a) {
    return scope == EXPORT_ALL || strcmp(a->status, "validada") == 0;
}

static bool csv_action(void *ctx, const Action *a) {
    CsvCtx *c = ctx;
    if (!in_scope(c->scope, a)) return true;
    Arena ar = ARENA_INIT;
    if (c->acc.s) action_csv_row(c->acc.s, a, c->edition, &ar);
    if (c->ret.s) challenge_csv_rows(c->ret.s, a, c->edition);
    arena_free(&ar);
    c->ok = (!c->acc.s || sink_flush(&c->acc, 1u << 20)) && (!c->ret.s || sink_flush(&c->ret, 1u << 20));
    /* a text that could not grow (str_soft: a web answer, then 503) ends
     * the rendering: the rest of the rows and the database's pages read
     * for them would take the memory the answer needs, and a row's own
     * allocation found none (issue 15 round 5, F1: «sin memoria») */
    if (c->ok && ((c->acc.s && str_failed(c->acc.s)) || (c->ret.s && str_failed(c->ret.s)))) {
        errno = ENOMEM;
        c->ok = false;
    }
    return c->ok;
}

/* Every CSV pmm writes starts with UTF-8's byte order mark (issue 14):
 * without it Excel reads the file as ANSI and shows «AcciÃ³n»; every CSV
 * reader of pmm (and Python's utf-8-sig, R's readr) skips it. */
void export_csv_bom(Str *s) { str_puts(s, "\xEF\xBB\xBF"); }

/* The acciones and retos CSV of ED (either Str may be NULL: not wanted),
 * into F_ACC / F_RET when given; every row carries the edition's name. */
static bool export_csv(Store *st, const Edition *ed, ExportScope scope, Str *acc, FILE *facc, Str *ret,
                       FILE *fret, Str *err) {
    CsvCtx c = {scope, ed->name, {acc, facc}, {ret, fret}, true};
    if (acc) {
        export_csv_bom(acc);
        action_csv_header(acc, true);
    }
    if (ret) {
        export_csv_bom(ret);
        challenge_csv_header(ret, true);
    }
    bool ok = store_export_actions(st, ed->id, csv_action, &c);
    ok = ok && (!acc || sink_flush(&c.acc, 0)) && (!ret || sink_flush(&c.ret, 0));
    if (!ok && !c.ok) str_printf(err, "%s", errtext(errno));
    else if (!ok) str_printf(err, "%s", store_errmsg(st));
    return ok;
}

bool export_csv_str(Store *st, const Edition *ed, ExportScope scope, Str *acciones, Str *retos, Str *err) {
    return export_csv(st, ed, scope, acciones, NULL, retos, NULL, err);
}

bool export_csv_stream(Store *st, const Edition *ed, ExportScope scope, FILE *acciones, FILE *retos, Str *err) {
    Str a = STR_INIT, r = STR_INIT;
    bool ok = export_csv(st, ed, scope, &a, acciones, &r, retos, err);
    str_free(&a);
    str_free(&r);
    return ok;
}

/* ---- JSON ---- */

typedef struct {
    ExportScope scope;
    json_t *arr;
} JsonCtx;

static bool json_action(void *ctx, const Action *a) {
    JsonCtx *c = ctx;
    if (in_scope(c->scope, a)) json_array_append_new(c->arr, action_to_json(a));
    return true;
}

/* The document carries the data's license (issue 14): "licencia". */
json_t *export_json_doc(Store *st, const Edition *ed, ExportScope scope, Str *err) {
    JsonCtx c = {scope, json_array()};
    Arena a = ARENA_INIT;
    DataLicense lic;
    if (!export_license(st, ed, &a, &lic) || !store_export_actions(st, ed->id, json_action, &c)) {
        str_printf(err, "%s", store_errmsg(st));
        json_decref(c.arr);
        arena_free(&a);
        return NULL;
    }
    json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s, s:s}, s:s, s:o, s:o}", "schema", "pmm-export/1",
                            "edicion", "nombre", ed->name, "desde", ed->period_start, "hasta",
                            ed->period_end, "estado", ed->state, "alcance",
                            scope == EXPORT_ALL ? "todas" : "validadas", "licencia",
                            export_license_json(&lic), "acciones", c.arr);
    arena_free(&a);
    /* F14C (issue 14 fault 7): a synthetic example says so, beside its
     * license; written, not read back (import_json.c) */
    if (store_edition_is_example(st, ed->name)) {
        json_object_set_new(doc, "ejemplo_sintetico", json_true());
        json_object_set_new(doc, "aviso", json_string(example_notice_text(NULL)));
    }
    return doc;
}

bool export_json_stream(Store *st, const Edition *ed, ExportScope scope, FILE *out, Str *err) {
    json_t *doc = export_json_doc(st, ed, scope, err);
    if (!doc) return false;
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', out);
    json_decref(doc);
    if (rc != 0 || ferror(out)) {
        str_printf(err, "%s", errtext(errno));
        return false;
    }
    return true;
}

/* ---- good practices, in the Repository of Practices' fields (issue 13) ---- */

/* The columns of the CSV and the keys of the JSON, in this order; the
 * Repository's template asks for each (docs/good-practices.md). */
static const char *const practice_keys[] = {
    "edition", "folio", "title", "implementing_entity", "implementing_entity_acronym", "country",
    "period_start", "period_end", "gcm_objectives", "guiding_principles", "description", "partners",
    "results", "beneficiaries", "success_factors", "replicability", "lessons_learned", "contact", NULL,
};
enum { PK_OBJECTIVES = 8, PK_PRINCIPLES = 9, PK_BENEFICIARIES = 13 };

static const char *numbers_text(Arena *a, const int *v, int n) {
    Str s = STR_INIT;
    for (int i = 0; i < n; i++) str_printf(&s, "%s%d", i ? ";" : "", v[i]);
    const char *r = arena_strdup(a, str_cstr(&s));
    str_free(&s);
    return r;
}

/* The values of P under practice_keys, as text. */
static void practice_values(const GoodPractice *p, Arena *a, const char *v[]) {
    const char *const fixed[] = {
        p->edition, p->folio, p->name, p->institution_name, p->institution, p->country, p->period_start,
        p->period_end, numbers_text(a, p->objectives, p->nobj), numbers_text(a, p->principles, p->nprin),
        p->description, p->t.v[PF_PARTNERS], p->t.v[PF_RESULTS],
        p->beneficiaries < 0 ? "" : arena_printf(a, "%lld", p->beneficiaries), p->t.v[PF_SUCCESS],
        p->t.v[PF_REPLICABILITY], p->t.v[PF_LESSONS], p->t.v[PF_CONTACT],
    };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) v[i] = fixed[i];
}

static json_t *numbers_json(const int *v, int n) {
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(arr, json_integer(v[i]));
    return arr;
}

json_t *practice_to_json(const GoodPractice *p) {
    Arena a = ARENA_INIT;
    const char *v[sizeof practice_keys / sizeof *practice_keys];
    practice_values(p, &a, v);
    json_t *o = json_object();
    for (int k = 0; practice_keys[k]; k++)
        json_object_set_new(o, practice_keys[k],
                            k == PK_OBJECTIVES ? numbers_json(p->objectives, p->nobj)
                            : k == PK_PRINCIPLES ? numbers_json(p->principles, p->nprin)
                            : k == PK_BENEFICIARIES ? (p->beneficiaries < 0 ? json_null()
                                                                            : json_integer(p->beneficiaries))
                            : json_string(v[k]));
    arena_free(&a);
    return o;
}

typedef struct {
    Str *csv;
    json_t *arr;
} PracticeCtx;

static bool practice_out(void *ctx, const GoodPractice *p) {
    PracticeCtx *c = ctx;
    if (!c->csv) {
        json_array_append_new(c->arr, practice_to_json(p));
        return true;
    }
    Arena a = ARENA_INIT;
    const char *v[sizeof practice_keys / sizeof *practice_keys];
    practice_values(p, &a, v);
    for (int k = 0; practice_keys[k]; k++) csv_cell(c->csv, v[k], !practice_keys[k + 1]);
    arena_free(&a);
    return true;
}

bool export_practices(Store *st, const Edition *ed, const char *format, Str *out, Str *err) {
    bool csv = strcmp(format, "csv") == 0;
    if (!csv && strcmp(format, "json") != 0) {
        str_printf(err, _("formato desconocido «%s» (csv o json)"), format);
        return false;
    }
    PracticeCtx c = {csv ? out : NULL, csv ? NULL : json_array()};
    if (csv) {          /* a CSV as every other pmm writes: BOM, then the header */
        export_csv_bom(out);
        for (int k = 0; practice_keys[k]; k++) csv_cell(out, practice_keys[k], !practice_keys[k + 1]);
    }
    if (!store_practices_each(st, ed, practice_out, &c)) {
        str_printf(err, "%s", store_errmsg(st));
        json_decref(c.arr);
        return false;
    }
    if (csv) return true;
    json_t *doc = json_pack("{s:s, s:s, s:s, s:o}", "schema", "pmm-good-practices/1", "fields",
                            "UN Network on Migration, Repository of Practices", "edition", ed->name,
                            "practices", c.arr);
    bool example = store_edition_is_example(st, ed->name);      /* F14C: issue 14 fault 7, issue 13 */
    json_object_set_new(doc, "synthetic", json_boolean(example));
    if (example) json_object_set_new(doc, "notice", json_string(example_notice_text(NULL)));
    char *z = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (!z) {
        str_printf(err, "%s", strerror(ENOMEM));
        return false;
    }
    str_puts(out, z);
    str_putc(out, '\n');
    free(z);
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

static bool close_file(FILE *f, const char *path, Str *err) {
    if (fclose(f) != 0) {
        if (!err->len) str_printf(err, "%s: %s", path, errtext(errno));
        return false;
    }
    return true;
}

/* Opens the temporary file TMP that becomes PATH (render/outfile.h). */
static FILE *open_tmp(const char *tmp, const char *path, Str *err) {
    FILE *f = fopen(tmp, "w");
    if (!f && !err->len) str_printf(err, "%s: %s", path, errtext(errno));
    return f;
}

/* PATH and its retos twin, each through the one output writer. Beside a
 * device or FIFO (written into) no second file is made: refused. */
static bool export_csv_files(Store *st, const Edition *ed, ExportScope scope, const char *path, Str *err) {
    char *rpath = export_retos_path(path);
    if (report_is_special(path) || report_is_special(rpath)) {
        str_printf(err, _("«%s» no es un archivo regular (es un dispositivo o una tubería) y el formato csv "
                          "escribe dos archivos («%s» y «%s»): dé -o ARCHIVO.csv en una carpeta, o use "
                          "--format json o xlsx"), report_is_special(path) ? path : rpath, path, rpath);
        free(rpath);
        return false;
    }
    char *ta = report_tmp_path(path), *tr = report_tmp_path(rpath);
    FILE *fa = open_tmp(ta, path, err), *fr = fa ? open_tmp(tr, rpath, err) : NULL;
    bool ok = fa && fr && export_csv_stream(st, ed, scope, fa, fr, err);
    if (fa) ok = close_file(fa, path, err) && ok;
    if (fr) ok = close_file(fr, rpath, err) && ok;
    ok = report_commit_err(ta, path, ok, err);
    ok = report_commit_err(tr, rpath, ok, err);
    free(ta);
    free(tr);
    free(rpath);
    return ok;
}

static bool export_json_file(Store *st, const Edition *ed, ExportScope scope, const char *path, Str *err) {
    if (!path) return export_json_stream(st, ed, scope, stdout, err);
    char *t = report_tmp_path(path);
    FILE *f = open_tmp(t, path, err);
    bool ok = f && export_json_stream(st, ed, scope, f, err);
    if (f) ok = close_file(f, path, err) && ok;
    ok = report_commit_err(t, path, ok, err);
    free(t);
    return ok;
}

bool export_edition(Store *st, const Edition *ed, ExportScope scope, const char *format, const char *path,
                    Str *err) {
    if (strcmp(format, "json") == 0) return export_json_file(st, ed, scope, path, err);
    if (!path) {
        str_printf(err, _("el formato %s necesita -o ARCHIVO"), format);
        return false;
    }
    if (strcmp(format, "csv") == 0) return export_csv_files(st, ed, scope, path, err);
    if (strcmp(format, "xlsx") == 0) {
        XlsxTemplateOpts o = {.edition = ed, .with_actions = true, .validated_only = scope == EXPORT_VALIDATED};
        return xlsx_template_write(st, &o, path, err);
    }
    str_printf(err, _("formato desconocido «%s» (csv, json o xlsx)"), format);
    return false;
}
