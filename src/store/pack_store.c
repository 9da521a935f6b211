/* The country pack a database holds: see pack_store.h. */
#include <stdlib.h>
#include <string.h>
#include "store/pack_store.h"
#include "util/text.h"
#include "store/store_internal.h"

/* The keys a pack records (catalog_load.c writes them), in the order of slot(). */
static const char *const pack_keys[] = {
    "nombre", "version", "pais.es", "pais.en", "emisor.es", "emisor.en", "lugar.es", "lugar.en",
    "gentilicio.es", "gentilicio.en", "unidad_subnacional.es.singular", "unidad_subnacional.en.singular",
    "unidad_subnacional.es.plural", "unidad_subnacional.en.plural", "unidad_subnacional.es.adjetivo",
    "unidad_subnacional.en.adjetivo", "unidad_subnacional.es.genero", "idioma", "umbral_otros_retos",
    "numeros.miles", "numeros.decimal",
    "limites.fuente.es", "limites.fuente.en", "limites.licencia",     /* the boundary file's attribution */
    "limites.fuente", NULL,      /* as a pmm before round 2 of issue 14 recorded it: both languages' */
};

/* Where the text of key K (an index of pack_keys) goes in P; NULL for the
 * number, other_threshold. */
static const char **slot(Pack *p, int k) {
    const char **slots[] = {
        &p->name, &p->version, &p->country[0], &p->country[1], &p->issuer[0], &p->issuer[1],
        &p->place[0], &p->place[1], &p->demonym[0], &p->demonym[1], &p->unit_sg[0], &p->unit_sg[1],
        &p->unit_pl[0], &p->unit_pl[1], &p->unit_adj[0], &p->unit_adj[1], &p->unit_gender, &p->lang, NULL,
        &p->thousands, &p->decimal,
        &p->bounds_source[0], &p->bounds_source[1], &p->bounds_license, &p->bounds_source_any,
    };
    return slots[k];
}

typedef struct {
    Pack *p;
    Arena *a;
} Ctx;

static bool pack_row(void *ctx, sqlite3_stmt *s) {
    Ctx *c = ctx;
    const char *key = store_col_text(s, 0);
    for (int k = 0; pack_keys[k]; k++) {
        if (strcmp(pack_keys[k], key) != 0) continue;
        if (strcmp(key, "nombre") == 0) c->p->loaded = true;
        const char **dst = slot(c->p, k);
        const char *v = store_col_text(s, 1);
        /* issue 12, N1: a word loaded before the one-line rule is printed
         * on one line (text_one_line); `pmm check` names it */
        if (dst) *dst = text_one_line(c->a, store_col_dup(c->a, s, 1));
        else if (*v) c->p->other_threshold = atoi(v);       /* the one number; "" is not set */
    }
    return true;
}

bool store_pack(Store *st, Arena *a, Pack *out) {
    memset(out, 0, sizeof *out);
    for (int k = 0; pack_keys[k]; k++)
        if (slot(out, k)) *slot(out, k) = "";
    out->other_threshold = -1;
    Ctx c = {out, a};
    if (!store_each_row(st, "SELECT key, value FROM pack", NULL, pack_row, &c)) return false;
    for (int l = 0; l < 2; l++)          /* a source recorded as one text, or English not given: Spanish's */
        if (!*out->bounds_source[l]) out->bounds_source[l] = *out->bounds_source[0] ? out->bounds_source[0]
                                                                                 : out->bounds_source_any;
    return true;
}

static bool count_row(void *ctx, sqlite3_stmt *s) {
    *(bool *)ctx = sqlite3_column_int(s, 0) != 0;
    return false;
}

bool store_pack_lang(Store *st, Lang *out) {
    Arena a = ARENA_INIT;
    Pack p;
    bool ok = store_pack(st, &a, &p);
    *out = ok && strcmp(p.lang, "en") == 0 ? LANG_EN : LANG_ES;
    arena_free(&a);
    return ok;
}

bool store_pack_numbers(Store *st) {
    Arena a = ARENA_INIT;
    Pack p;
    bool ok = store_pack(st, &a, &p);
    lang_set_numbers(ok ? p.thousands : "", ok ? p.decimal : "");   /* F16A: and the decimal mark */
    arena_free(&a);
    return ok;
}

bool store_pack_loaded(Store *st) {
    bool loaded = false;
    return store_each_row(st, "SELECT EXISTS (SELECT 1 FROM pack WHERE key = 'nombre')", NULL, count_row,
                          &loaded) && loaded;
}

typedef struct {
    const char *name, *sql;
    const char *listing;        /* a catalog's name in `pmm catalog` */
} Probe;

/* The first of the N tables of T that holds a row, in *TABLE (NULL when
 * none); false on a database error. */
static bool first_filled(Store *st, const Probe *t, size_t n, const char **table) {
    *table = NULL;
    for (size_t k = 0; k < n; k++) {
        bool rows = false;
        if (!store_each_row(st, t[k].sql, NULL, count_row, &rows)) return false;
        if (rows) {
            *table = t[k].name;
            return true;
        }
    }
    return true;
}

/* The country catalogs, one statement per table (a table name is never
 * bound), and the name `pmm catalog` lists each under. */
static const Probe country_catalogs[] = {
    {"state", "SELECT EXISTS (SELECT 1 FROM state)", "states"},
    {"institution", "SELECT EXISTS (SELECT 1 FROM institution)", "institutions"},
    {"reporter_type", "SELECT EXISTS (SELECT 1 FROM reporter_type)", "reporter-types"},
    {"population", "SELECT EXISTS (SELECT 1 FROM population)", "populations"},
    {"challenge_category", "SELECT EXISTS (SELECT 1 FROM challenge_category)", "challenge-categories"},
    {"action_type", "SELECT EXISTS (SELECT 1 FROM action_type)", "action-types"},
};
enum { NCOUNTRY_CATALOGS = sizeof country_catalogs / sizeof *country_catalogs };

bool store_catalog_filled(Store *st, const char **table) {
    return first_filled(st, country_catalogs, NCOUNTRY_CATALOGS, table);
}

bool store_catalogs_empty(Store *st, void (*fn)(void *ctx, const char *catalog), void *ctx) {
    for (size_t k = 0; k < NCOUNTRY_CATALOGS; k++) {
        bool rows = false;
        if (!store_each_row(st, country_catalogs[k].sql, NULL, count_row, &rows)) return false;
        if (!rows) fn(ctx, country_catalogs[k].listing);
    }
    return true;
}

bool store_records_filled(Store *st, const char **table) {
    static const Probe rec[] = {
        {"edition", "SELECT EXISTS (SELECT 1 FROM edition)", NULL},
        {"action", "SELECT EXISTS (SELECT 1 FROM action)", NULL},
    };
    return first_filled(st, rec, sizeof rec / sizeof *rec, table);
}

bool store_pack_put(Store *st, const char *key, const char *value) {
    sqlite3_stmt *s = store_prepare(st, "pack", "INSERT OR REPLACE INTO pack(key, value) VALUES (?1, ?2)");
    if (!s) return false;
    store_bind_text(s, 1, key);
    store_bind_text(s, 2, value);
    return store_run_once(s);
}

bool store_pack_has(Store *st, const char *key, bool *out) {
    *out = false;
    return store_each_row(st, "SELECT EXISTS (SELECT 1 FROM pack WHERE key = ?1)", key, count_row, out);
}

/* Runs SQL with A as ?1 and B as ?2, the one write of the fills below. */
static bool fill(Store *st, const char *sql, const char *a, const char *b) {
    sqlite3_stmt *s = store_prepare(st, "pack", sql);
    if (!s) return false;
    store_bind_text(s, 1, a);
    store_bind_text(s, 2, b);
    return store_run_once(s);
}

/* And in the revisions' copies of the units (snapshot_state, migration 28,
 * F16C), which migration 28 took from this same untranslated catalog: a
 * NULL there is «not translated yet», never a published value. */
bool store_fill_state_en(Store *st, const char *code, const char *name_en) {
    return fill(st, "UPDATE state SET name_en = ?2 WHERE code = ?1 AND name_en IS NULL", code, name_en) &&
           fill(st, "UPDATE snapshot_state SET name_en = ?2 WHERE code = ?1 AND name_en IS NULL", code, name_en);
}

bool store_fill_category_en(Store *st, const char *name, const char *definition_en) {
    return fill(st, "UPDATE challenge_category SET definition_en = ?2 WHERE name = ?1 AND definition_en IS NULL",
                name, definition_en);
}
