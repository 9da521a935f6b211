/*
 * A country pack (docs/packs.md): pack.json and the catalog CSV files of a
 * folder, or of data/packs/mx/, the default compiled into the binary, read
 * into a database that holds no pack yet, in one transaction. Each file is
 * read with the same table reader as an import, so a catalog edited by
 * hand gets the same clear errors; pack.json names each key it refuses.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/figures.h"
#include "ingest/catalog_load.h"
#include "ingest/table.h"
#include "store/pack_store.h"
#include "util/embedded.h"
#include "render/map.h"
#include "store/map_store.h"
#include "util/mem.h"
#include "util/i18n.h"
#include "util/lang.h"
#include "util/text.h"

#define DEFAULT_PACK "packs/" PACK_DEFAULT_NAME "/"

/* The pack key recorded once the catalogs' English is in the database:
 * by catalog_load, or by catalog_load_new once for a database an older
 * pmm filled. Never filled again: an English text emptied on the platform
 * stays empty. */
#define ENGLISH_KEY "catalogos.en"

typedef struct {
    Store *st;
    DiagList *diags;
    const char *file;
    int ord;
    bool ok;
} Load;

/* What the figures hold (core/figures.h): a catalog of more entries than
 * its figures have room for, or a name longer than a figure's label
 * (FigLabel, FigType: 160 bytes; the platform's forms allow 150), is
 * refused here rather than cut or left out of the figures. */
#define LABEL_MAX 150

static bool room(Load *l, long line, int max) {
    if (l->ord < max) return true;
    diag_add(l->diags, l->file, line, NULL, NULL, _("el catálogo admite a lo más %d entradas: las cifras no "
                                                     "tienen lugar para más"), max);
    return l->ok = false;
}

/* Each of the N cells V[COLS[i]] (named NAMES[i]) fits a figure's label. */
static bool labels_fit(Load *l, long line, const char *const *v, const int *cols, const char *const *names, int n) {
    for (int i = 0; i < n; i++)
        if (strlen(v[cols[i]]) > LABEL_MAX) {
            diag_add(l->diags, l->file, line, names[i], v[cols[i]], _("pasa de %d bytes"), LABEL_MAX);
            return l->ok = false;
        }
    return true;
}

/* A cell that must be one of the words of CHOICES ("f;m"): false, said. */
static bool choice(Load *l, long line, const char *column, const char *v, const char *choices) {
    if (text_in_list(v, choices)) return true;
    diag_add(l->diags, l->file, line, column, v, _("el valor debe ser uno de: %s"), choices);
    return l->ok = false;
}

/* Each ';'-separated alias of VALUES for the entry ID of KIND. */
static bool put_aliases(Load *l, const char *kind, int64_t id, const char *values) {
    char *buf = xstrdup(values);     /* all of it: a fixed buffer cut long alias lists */
    bool ok = true;
    for (char *save = NULL, *p = strtok_r(buf, ";", &save); ok && p; p = strtok_r(NULL, ";", &save)) {
        while (*p == ' ') p++;
        ok = !*p || store_put_alias(l->st, kind, id, p);
    }
    free(buf);
    return ok;
}

static bool fail(Load *l, long line, const char *what) {
    diag_add(l->diags, l->file, line, NULL, what, "%s", store_errmsg(l->st));
    l->ok = false;
    return false;
}

/* The number in V, when it is one from 1 to MAX, else 0. */
static int number_in(const char *v, int max) {
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n >= 1 && n <= max ? (int)n : 0;
}

/* The IMRF roundtable (issue 13) in column «mesa»: 1 to 4. ONLY_UNSET:
 * an older database gets it without losing one set since. */
static bool roundtable_of(Load *l, long line, int n, const char *v, bool only_unset) {
    int r = number_in(v, FIG_NROUNDTABLES);
    if (!r) {
        diag_add(l->diags, l->file, line, "mesa", v, _("la mesa redonda del Foro debe ser de 1 a 4"));
        return l->ok = false;
    }
    return store_set_roundtable(l->st, n, r, only_unset) || fail(l, line, v);
}

static bool objective_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], 23);
    if (!n) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el objetivo debe ser de 1 a 23"));
        return l->ok = false;
    }
    /* an empty «mesa»: the Compact's own, from the default pack (load_compact) */
    return (store_put_objective(l->st, n, v[1], v[2], v[3], v[4]) || fail(l, line, v[0])) &&
           (!*v[5] || roundtable_of(l, line, n, v[5], false));
}

static bool roundtable_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], 23);
    return n && (!*v[5] || roundtable_of(l, line, n, v[5], true));
}

static bool principle_row(void *p, long line, const char *const *v) {
    Load *l = p;
    int n = number_in(v[0], ACTION_NPRIN);
    if (!n) {
        diag_add(l->diags, l->file, line, "numero", v[0], _("el principio rector debe ser de 1 a 10"));
        return l->ok = false;
    }
    if (!store_put_principle(l->st, n, v[1], v[2], v[3], v[4])) return fail(l, line, v[0]);
    return put_aliases(l, "principle", n, v[5]) || fail(l, line, v[5]);
}

/* A reporter type: code, names, then the grammar of its Spanish name and
 * the nouns for its bodies (store.h RtypeGrammar). */
/* A code of a reporter type or a unit (text_is_code). */
static bool code_ok(Load *l, long line, const char *v) {
    if (text_is_code(v)) return true;
    diag_add(l->diags, l->file, line, "clave", v, _("la clave lleva solo letras sin acentos, cifras, - y _"));
    return l->ok = false;
}

static bool rtype_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!code_ok(l, line, v[0])) return false;
    static const int cols[] = {0, 1, 2, 7, 8, 9, 10};
    static const char *const names[] = {"clave", "nombre_es", "nombre_en", "instancia_es", "instancias_es",
                                        "instancia_en", "instancias_en"};
    if (!room(l, line, FIG_MAX_TYPES) || !labels_fit(l, line, v, cols, names, 7) ||
        !choice(l, line, "genero", v[3], "f;m") || !choice(l, line, "numero", v[4], "sg;pl") ||
        !choice(l, line, "subnacional", v[5], "0;1") || (*v[6] && !choice(l, line, "sociedad", v[6], "0;1")) ||
        (*v[11] && !choice(l, line, "nombre_propio", v[11], "0;1")))    /* issue 16 (F16B), optional */
        return false;
    /* sociedad (issue 13, hostile fault 11): the review's whole-of-society
     * types; optional, so that a pack written before it still loads: a pack
     * without the column has none, and the review says so */
    RtypeGrammar g = {v[3], v[4], strcmp(v[5], "1") == 0, strcmp(v[6], "1") == 0, v[7], v[8], v[9], v[10],
                      strcmp(v[11], "1") == 0};
    return store_put_reporter_type(l->st, v[0], v[1], v[2], ++l->ord, &g) || fail(l, line, v[0]);
}

/* The longest code of a subnational unit: INEGI's "01".."32", INE's
 * "01".."22", DANE's "05".."99", ISO 3166-2's "GT-16", ... */
#define STATE_CODE_MAX 5

static bool state_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!code_ok(l, line, v[0])) return false;
    if (text_chars(v[0]) > STATE_CODE_MAX) {
        diag_add(l->diags, l->file, line, "clave", v[0], _("la clave pasa de %d caracteres"), STATE_CODE_MAX);
        return l->ok = false;
    }
    if (!store_put_state(l->st, v[0], v[1], *v[2] ? v[2] : NULL, v[3])) return fail(l, line, v[0]);
    return put_aliases(l, "state", store_state_id(l->st, v[0]), v[4]) || fail(l, line, v[4]);
}

static bool atype_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return store_put_action_type(l->st, v[0], v[1], ++l->ord) || fail(l, line, v[0]);
}

static bool pop_row(void *p, long line, const char *const *v) {
    Load *l = p;
    static const int cols[] = {0, 1, 2};
    static const char *const names[] = {"clave", "nombre", "nombre_en"};
    if (!room(l, line, FIG_MAX_POPS) || !labels_fit(l, line, v, cols, names, 3)) return false;
    if (!store_put_population(l->st, v[0], v[1], v[2], ++l->ord)) return fail(l, line, v[0]);
    return put_aliases(l, "population", store_population_id(l->st, v[0]), v[3]) || fail(l, line, v[3]);
}

static bool cat_row(void *p, long line, const char *const *v) {
    Load *l = p;
    static const int cols[] = {0, 2};
    static const char *const names[] = {"nombre", "nombre_en"};
    if (!room(l, line, FIG_MAX_CATS) || !labels_fit(l, line, v, cols, names, 2)) return false;
    return store_put_category(l->st, v[0], v[1], v[2], *v[3] ? v[3] : NULL, ++l->ord) || fail(l, line, v[0]);
}

static bool inst_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!store_put_institution(l->st, v[0], v[1], v[2], v[3])) return fail(l, line, v[0]);
    return put_aliases(l, "institution", store_institution_id(l->st, v[0]), v[5]) ||
           fail(l, line, v[5]);
}

static bool inst_parent_row(void *p, long line, const char *const *v) {
    Load *l = p;
    if (!*v[4]) return true;
    if (!store_institution_id(l->st, v[4])) {
        diag_add(l->diags, l->file, line, "dependencia", v[4],
                 _("la dependencia no es una institución del catálogo"));
        return l->ok = false;
    }
    return store_set_institution_parent(l->st, v[0], v[4]) || fail(l, line, v[4]);
}

/* Where the pack's files are read from: DIR, or the default pack compiled
 * in when DIR is NULL. */
typedef struct {
    Store *st;
    DiagList *diags;
    const char *dir;
} Source;

static bool load_file(const Source *src, const char *name, const ColumnSpec *cols, int ncols, TableRowFn row) {
    Str path = STR_INIT;
    str_printf(&path, "%s%s%s", src->dir ? src->dir : DEFAULT_PACK, src->dir ? "/" : "", name);
    const EmbeddedFile *f = src->dir ? NULL : embedded_find(path.p);
    bool ok = false;
    Load l = {src->st, src->diags, path.p, 0, true};
    TableReader t = {.cols = cols, .ncols = ncols, .file = path.p, .diags = src->diags,
                     .row = row, .ctx = &l, .strict_columns = true};
    if (src->dir)
        ok = table_read(&t, path.p, NULL, 0) && l.ok;
    else if (f)
        ok = table_read(&t, NULL, (const char *)f->data, f->size) && l.ok;
    else
        diag_add(src->diags, path.p, 0, NULL, NULL, _("falta el catálogo en este binario"));
    str_free(&path);
    return ok;
}

#define REQ(n) {n, true, NULL, NULL}
#define OPT(n) {n, false, NULL, NULL}
#define LOAD(file, row, ...) \
    load_file(src, file, (const ColumnSpec[]){__VA_ARGS__}, \
              (int)(sizeof((const ColumnSpec[]){__VA_ARGS__}) / sizeof(ColumnSpec)), row)

#define OBJECTIVE_COLS REQ("numero"), REQ("titulo_es"), REQ("titulo_en"), OPT("titulo_corto_es"), \
    OPT("titulo_corto_en"), OPT("mesa")
#define STATE_COLS REQ("clave"), REQ("nombre"), OPT("nombre_en"), REQ("abreviatura"), REQ("alias")
#define CAT_COLS REQ("nombre"), REQ("definicion"), REQ("nombre_en"), OPT("definicion_en")
#define PRINCIPLE_COLS REQ("numero"), REQ("nombre_es"), REQ("nombre_en"), REQ("descripcion_es"), \
                       REQ("descripcion_en"), REQ("alias")

/* What the Compact itself fixes, the same for every country: its guiding
 * principles and the IMRF roundtable of each objective (issue 13), read
 * from the default pack compiled in; a pack's own «mesa» wins (ONLY_UNSET). */
static bool load_compact(const Source *pack) {
    Source def = {pack->st, pack->diags, NULL}, *src = &def;
    return LOAD("objectives.csv", roundtable_row, OBJECTIVE_COLS) &&
           LOAD("principles.csv", principle_row, PRINCIPLE_COLS);
}

/* The catalogs of the pack, in the order their references need. */
/* issue 14: the pack's boundary file, optional (a pack without one has no
 * map). Every row's code must be a unit of states.csv; the text is recorded
 * whole (store/map_store.h) and drawn by render/map.c. */
static bool load_boundaries(const Source *src) {
    Str path = STR_INIT;
    str_printf(&path, "%s%s%s", src->dir ? src->dir : DEFAULT_PACK, src->dir ? "/" : "", "limites.csv");
    const EmbeddedFile *f = src->dir ? NULL : embedded_find(path.p);
    char *text = NULL;
    if (src->dir) {
        FILE *fp = fopen(path.p, "rb");
        Str t = STR_INIT;
        char buf[8192];
        size_t n;
        while (fp && (n = fread(buf, 1, sizeof buf, fp)) > 0) str_append(&t, buf, n);
        if (fp) fclose(fp);
        text = fp ? strdup(str_cstr(&t)) : NULL;
        str_free(&t);
    } else if (f) {
        text = strdup((const char *)f->data);
    }
    bool ok = true;
    if (text) {
        Arena a = ARENA_INIT;
        MapShapes sh;
        int line;
        const char *err;
        ok = map_parse(text, &a, &sh, &line, &err);
        if (!ok) diag_add(src->diags, path.p, line, NULL, NULL, "%s", err);
        for (int i = 0; ok && i < sh.n; i++)
            if (store_state_id(src->st, sh.s[i].code) <= 0) {
                diag_add(src->diags, path.p, 0, "clave", sh.s[i].code,
                         _("esta clave no es una unidad subnacional de states.csv"));
                ok = false;
            }
        ok = ok && store_map_boundary_put(src->st, text);
        arena_free(&a);
        free(text);
    } else {
        ok = store_map_boundary_put(src->st, "");    /* recorded: this pack has none */
    }
    str_free(&path);
    return ok;
}

static bool load_catalogs(const Source *src) {
    return store_clear_aliases(src->st) &&
        LOAD("objectives.csv", objective_row, OBJECTIVE_COLS) &&
        load_compact(src) &&
        LOAD("reporter_types.csv", rtype_row,
             REQ("clave"), REQ("nombre_es"), REQ("nombre_en"), REQ("genero"), REQ("numero"),
             REQ("subnacional"), OPT("sociedad"), OPT("instancia_es"), OPT("instancias_es"), OPT("instancia_en"),
             OPT("instancias_en"), OPT("nombre_propio")) &&
        LOAD("states.csv", state_row, STATE_COLS) &&
        LOAD("action_types.csv", atype_row, REQ("nombre"), REQ("nombre_en")) &&
        LOAD("populations.csv", pop_row,
             REQ("clave"), REQ("nombre"), REQ("nombre_en"), REQ("alias")) &&
        LOAD("challenge_categories.csv", cat_row, CAT_COLS) &&
        LOAD("institutions.csv", inst_row,
             REQ("siglas"), REQ("nombre"), REQ("tipo"), REQ("estado"), REQ("dependencia"),
             REQ("alias")) &&
        LOAD("institutions.csv", inst_parent_row,
             REQ("siglas"), REQ("nombre"), REQ("tipo"), REQ("estado"), REQ("dependencia"),
             REQ("alias")) &&
        load_boundaries(src);
}

/* ------------------------------------------------------------ pack.json */

/* What each key of pack_keys must hold; a key with a default may be left out. */
typedef enum { PK_TEXT, PK_NAME, PK_GENDER, PK_COUNT, PK_LANG, PK_THOUSANDS, PK_DECIMAL } PackKind;
static const struct {
    const char *key;
    PackKind kind;
    const char *def;            /* NULL: required */
} pack_spec[] = {
    {"nombre", PK_NAME, NULL}, {"version", PK_TEXT, NULL},
    {"pais.es", PK_TEXT, NULL}, {"pais.en", PK_TEXT, NULL},
    {"emisor.es", PK_TEXT, NULL}, {"emisor.en", PK_TEXT, NULL},
    {"lugar.es", PK_TEXT, ""}, {"lugar.en", PK_TEXT, ""},
    {"gentilicio.es", PK_TEXT, ""}, {"gentilicio.en", PK_TEXT, ""},
    {"unidad_subnacional.es.singular", PK_TEXT, NULL}, {"unidad_subnacional.en.singular", PK_TEXT, NULL},
    {"unidad_subnacional.es.plural", PK_TEXT, NULL}, {"unidad_subnacional.en.plural", PK_TEXT, NULL},
    {"unidad_subnacional.es.adjetivo", PK_TEXT, ""}, {"unidad_subnacional.en.adjetivo", PK_TEXT, ""},
    {"unidad_subnacional.es.genero", PK_GENDER, NULL},
    {"idioma", PK_LANG, ""},
    {"umbral_otros_retos", PK_COUNT, ""},
    {"numeros.miles", PK_THOUSANDS, ""}, {"numeros.decimal", PK_DECIMAL, ""},
    {"limites.fuente", PK_TEXT, ""}, {"limites.licencia", PK_TEXT, ""},   /* the map's attribution */
};
#define NPACK ((int)(sizeof pack_spec / sizeof *pack_spec))

/* The value at the dotted KEY of ROOT, or NULL. */
static json_t *json_at(json_t *root, const char *key) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s", key);
    json_t *v = root;
    for (char *save = NULL, *p = strtok_r(buf, ".", &save); p && v; p = strtok_r(NULL, ".", &save))
        v = json_is_object(v) ? json_object_get(v, p) : NULL;
    return v;
}

static int spec_index(const char *key) {
    for (int k = 0; k < NPACK; k++)
        if (strcmp(pack_spec[k].key, key) == 0) return k;
    return -1;
}

/* Every leaf of V (at dotted PREFIX) must be a key of pack_spec: a key pmm
 * does not know would be a word of the country silently left out. */
static bool known_keys(json_t *v, const char *prefix, const char *file, DiagList *diags) {
    if (!json_is_object(v)) {
        if (spec_index(prefix) >= 0) return true;
        diag_add(diags, file, 0, prefix, NULL, _("pmm no conoce esta clave del paquete (docs/packs.md)"));
        return false;
    }
    bool ok = true;
    const char *k;
    json_t *child;
    json_object_foreach(v, k, child) {
        char path[128];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", k);
        ok = known_keys(child, path, file, diags) && ok;
    }
    return ok;
}

/* The value of pack_spec[K] as text into OUT (a default when absent); false, said, when wrong. */
static bool pack_value(json_t *root, int k, const char *file, DiagList *diags, char *out, size_t size) {
    json_t *v = json_at(root, pack_spec[k].key);
    const char *key = pack_spec[k].key;
    if (!v && pack_spec[k].def) {
        snprintf(out, size, "%s", pack_spec[k].def);
        return true;
    }
    if (!v) {
        diag_add(diags, file, 0, key, NULL, _("falta esta clave del paquete"));
        return false;
    }
    if (pack_spec[k].kind == PK_COUNT) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000) {
            diag_add(diags, file, 0, key, NULL, _("debe ser un número entero de 0 en adelante"));
            return false;
        }
        snprintf(out, size, "%lld", (long long)json_integer_value(v));
        return true;
    }
    const char *z = json_string_value(v);
    bool ok = z && *z && strlen(z) < size;
    if (ok && pack_spec[k].kind == PK_GENDER) ok = !strcmp(z, "f") || !strcmp(z, "m");
    if (ok && pack_spec[k].kind == PK_LANG) ok = !strcmp(z, "es") || !strcmp(z, "en");
    if (ok && pack_spec[k].kind == PK_THOUSANDS) ok = lang_thousands_valid(z);
    if (ok && pack_spec[k].kind == PK_DECIMAL) ok = !strcmp(z, ",") || !strcmp(z, ".");
    if (ok && pack_spec[k].kind == PK_NAME)
        ok = strlen(z) <= 32 && strspn(z, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(z);
    if (!ok) {
        static const char *const want[] = {
            N_("debe ser un texto no vacío"), N_("debe ser un nombre corto en minúsculas (a-z, 0-9, _ o -)"),
            N_("debe ser «f» o «m»"), N_("debe ser un número entero de 0 en adelante"), N_("debe ser «es» o «en»"),
            N_("debe ser « » (espacio), «.», «,» o «'»"), N_("debe ser «,» o «.»")};
        diag_add(diags, file, 0, key, z, "%s", _(want[pack_spec[k].kind]));
        return false;
    }
    snprintf(out, size, "%s", z);
    return true;
}

/* A number whose thousands and decimals were written alike could not be
 * read: "numeros.miles" and "numeros.decimal" differ (the decimal comma of
 * Spanish when only the thousands are given). */
static bool distinct_separators(char (*vals)[1024], const char *file, DiagList *diags) {
    const char *th = vals[spec_index("numeros.miles")], *dec = vals[spec_index("numeros.decimal")];
    if (!*th || strcmp(th, *dec ? dec : ",") != 0) return true;
    diag_add(diags, file, 0, "numeros.miles", th, _("es también el separador decimal: indique otro en "
                                                     "«numeros.decimal»"));
    return false;
}

/* Reads the pack.json of SRC, without writing: its values into VALS
 * (pack_spec's order, NPACK strings of 1024 bytes). */
static bool read_pack_json(const Source *src, char (*vals)[1024]) {
    Str path = STR_INIT;
    str_printf(&path, "%s%s%s", src->dir ? src->dir : DEFAULT_PACK, src->dir ? "/" : "", "pack.json");
    json_error_t err;
    json_t *root = NULL;
    if (src->dir) {
        root = json_load_file(path.p, JSON_REJECT_DUPLICATES, &err);
    } else {
        const EmbeddedFile *f = embedded_find(path.p);
        if (f) root = json_loadb((const char *)f->data, f->size, JSON_REJECT_DUPLICATES, &err);
        else snprintf(err.text, sizeof err.text, "%s", _("falta el catálogo en este binario"));
    }
    bool ok = root != NULL;
    if (!root) diag_add(src->diags, path.p, root ? 0 : err.line, NULL, NULL, "%s", err.text);
    if (ok && !json_is_object(root)) {
        diag_add(src->diags, path.p, 0, NULL, NULL, _("pack.json debe ser un objeto JSON"));
        ok = false;
    }
    if (ok) ok = known_keys(root, "", path.p, src->diags);
    for (int k = 0; ok && k < NPACK; k++) ok = pack_value(root, k, path.p, src->diags, vals[k], 1024);
    if (ok) ok = distinct_separators(vals, path.p, src->diags);
    json_decref(root);
    str_free(&path);
    return ok;
}

static bool record_pack(Store *st, char (*vals)[1024]) {
    for (int k = 0; k < NPACK; k++)        /* an optional key left out is not recorded */
        if (*vals[k] && !store_pack_put(st, pack_spec[k].key, vals[k])) return false;
    return true;
}

bool catalog_load(Store *st, const char *dir, DiagList *diags) {
    Source src = {st, diags, dir};
    char(*vals)[1024] = calloc(NPACK, sizeof *vals);
    bool ok = vals && read_pack_json(&src, vals);
    if (!ok || !store_begin(st)) {
        free(vals);
        return false;
    }
    /* checked inside the transaction that writes: two `pmm init` at once
     * cannot both load */
    if (store_pack_loaded(st)) {
        diag_add(diags, dir ? dir : DEFAULT_PACK, 0, NULL, NULL,
                 _("la base de datos ya tiene un paquete de país: no se carga otro encima"));
        ok = false;
    }
    ok = ok && record_pack(st, vals) && load_catalogs(&src) && store_pack_put(st, ENGLISH_KEY, "1");
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    free(vals);
    return ok;
}

/* ---------------------------------- what an older database lacks */

static bool state_en_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return !*v[2] || store_fill_state_en(l->st, v[0], v[2]) || fail(l, line, v[0]);
}

static bool cat_en_row(void *p, long line, const char *const *v) {
    Load *l = p;
    return !*v[3] || store_fill_category_en(l->st, v[0], v[3]) || fail(l, line, v[0]);
}

/* Whether the database holds the default pack and lacks the English
 * names of its states and definitions of its categories (migration 19
 * adds them empty): an older pmm's database (*MISSING). */
static bool english_missing(Store *st, bool *missing) {
    Arena a = ARENA_INIT;
    Pack p;
    bool done = false, ok = store_pack(st, &a, &p) && store_pack_has(st, ENGLISH_KEY, &done);
    *missing = ok && !done && strcmp(p.name, PACK_DEFAULT_NAME) == 0;
    arena_free(&a);
    return ok;
}

/* Fills them from the default pack, where they are empty, and records it. */
static bool load_english(const Source *src) {
    return LOAD("states.csv", state_en_row, STATE_COLS) && LOAD("challenge_categories.csv", cat_en_row, CAT_COLS) &&
           store_pack_put(src->st, ENGLISH_KEY, "1");
}

bool catalog_load_new(Store *st, DiagList *diags) {
    bool english;
    /* read first: most databases lack nothing, and need no write (nor its lock) */
    if (!english_missing(st, &english)) return false;
    if (!english && !store_principles_missing(st)) return true;
    if (!store_begin(st)) return false;
    Source pack = {st, diags, NULL};
    /* checked again inside the transaction: another process may have filled them */
    bool ok = (!store_principles_missing(st) || load_compact(&pack)) && english_missing(st, &english) &&
              (!english || load_english(&pack));
    if (ok) ok = store_commit(st);
    if (!ok) store_rollback(st);
    return ok;
}

static void add_name(void *ctx, int64_t id, const char *name, bool primary) {
    matcher_add(ctx, id, name, primary);
}

bool matcher_load(Matcher *m, Store *st, CatalogKind kind) {
    matcher_init(m);
    return store_catalog_names(st, kind, add_name, m);
}

static void add_objective(void *ctx, int n, const char *const *cells) {
    int64_t id = strtoll(cells[0], NULL, 10);
    matcher_add(ctx, id, cells[1], true);
    matcher_add(ctx, id, cells[2], false);
}

bool objective_titles_load(Matcher *m, Store *st) {
    matcher_init(m);
    return store_catalog_rows(st, "objectives", add_objective, m);
}
