/* The imprint of an edition: see imprint_store.h. */
#include <string.h>
#include "store/imprint_store.h"
#include "store/store_internal.h"
#include "util/text.h"

typedef struct {
    Imprint *out;
    Arena *a;
} Ctx;

static bool imprint_row(void *p, sqlite3_stmt *s) {
    Ctx *c = p;
    for (int i = 0; i < IMPRINT__COUNT; i++)
        /* issue 12, N1: a value stored before the one-line rule (an older
         * database, a hand edit) is printed on one line: direction controls
         * left out, separators a space (text_one_line); `pmm check` names it */
        c->out->field[i] = sqlite3_column_type(s, i) == SQLITE_NULL ? NULL
                                                                    : text_one_line(c->a, store_col_dup(c->a, s, i));
    /* issue 12, verification fault 2: only a revision (a snapshot row) has
     * a publication date; the live rows of an edition, reopened or read
     * with --revision live or --all, are a draft whatever was published */
    if (!sqlite3_column_int(s, IMPRINT__COUNT + 1)) c->out->published_at = "";
    c->out->synthetic = sqlite3_column_int(s, IMPRINT__COUNT + 2) != 0;   /* t12 #1 */
    int n = sqlite3_column_bytes(s, IMPRINT__COUNT);
    const void *png = sqlite3_column_blob(s, IMPRINT__COUNT);
    /* a synthetic example credits no body: its emblem is withheld with the
     * issuer (t12w, F6: the cover showed it, «Emblema: Ejemplo sintético…») */
    if (png && n > 0 && !c->out->synthetic) {
        unsigned char *copy = arena_alloc(c->a, (size_t)n);
        memcpy(copy, png, (size_t)n);
        c->out->emblem = copy;
        c->out->emblem_len = (size_t)n;
    }
    return false;
}

static bool states_row(void *p, sqlite3_stmt *s) {
    ((Ctx *)p)->out->states_in_catalog = sqlite3_column_int(s, 0);
    return false;
}

bool store_imprint(Store *st, const Edition *e, Arena *a, Imprint *out) {
    memset(out, 0, sizeof *out);
    out->published_at = e->revision > 0 ? e->published_at : "";
    Ctx c = {out, a};
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)e->id);
    return store_each_row(st, "SELECT issuer, country, place, license, issuer_en, country_en, place_en,"
                           " emblem, snapshot_of IS NOT NULL,"
                          /* a revision is what its live edition is (store_edition_is_example) */
                          " (SELECT l.synthetic FROM edition l WHERE l.id = coalesce(edition.snapshot_of, edition.id))"
                          " FROM edition WHERE id = ?1", id,
                          imprint_row, &c) &&
           /* the units as the edition has them: a revision its own (UNITS_AS_OF) */
           store_each_row(st, "SELECT count(*) FROM " UNITS_AS_OF("CAST(?1 AS INTEGER)"), id, states_row, &c) &&
           store_pack(st, a, &out->pack);
}

/* The English form of FIELD, or IMPRINT__COUNT when it has none. */
static ImprintField english_form(ImprintField field) {
    return field == IMPRINT_ISSUER    ? IMPRINT_ISSUER_EN
           : field == IMPRINT_COUNTRY ? IMPRINT_COUNTRY_EN
           : field == IMPRINT_PLACE   ? IMPRINT_PLACE_EN
                                      : IMPRINT__COUNT;
}

static bool set(const Imprint *im, ImprintField f) { return f < IMPRINT__COUNT && im->field[f] && *im->field[f]; }

bool imprint_withheld(const Imprint *im, ImprintField field) {
    return im && im->synthetic && field != IMPRINT_LICENSE;
}

bool imprint_in_spanish(const Imprint *im, ImprintField field, Lang lang) {
    return im && !imprint_withheld(im, field) && lang == LANG_EN && set(im, field) && !set(im, english_form(field));
}

const char *imprint_value(const Imprint *im, ImprintField field, Lang lang) {
    if (!im) return NULL;
    if (imprint_withheld(im, field))                 /* t12 #1: a synthetic example */
        return field == IMPRINT_ISSUER || field == IMPRINT_ISSUER_EN
                   ? lang_pick(lang, IMPRINT_SYNTHETIC_CREDIT_ES, IMPRINT_SYNTHETIC_CREDIT_EN)
                   : NULL;
    if (lang == LANG_EN && set(im, english_form(field))) return im->field[english_form(field)];
    if (im->field[field]) return im->field[field];
    const char *const *pack[IMPRINT__COUNT] = {im->pack.issuer, im->pack.country, im->pack.place, NULL};
    const char *v = pack[field] ? pack[field][lang == LANG_EN ? 1 : 0] : NULL;
    return v && *v ? v : NULL;
}

bool store_imprint_set(Store *st, int64_t edition_id, ImprintField field, const char *value) {
    /* one statement per column: a column name is never bound */
    static const char *const sql[IMPRINT__COUNT] = {
        "UPDATE edition SET issuer = ?2 WHERE id = ?1",
        "UPDATE edition SET country = ?2 WHERE id = ?1",
        "UPDATE edition SET place = ?2 WHERE id = ?1",
        "UPDATE edition SET license = ?2 WHERE id = ?1",
        "UPDATE edition SET issuer_en = ?2 WHERE id = ?1",
        "UPDATE edition SET country_en = ?2 WHERE id = ?1",
        "UPDATE edition SET place_en = ?2 WHERE id = ?1",
    };
    sqlite3_stmt *s = store_prepare(st, "edition", sql[field]);
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    store_bind_text(s, 2, value);
    return store_run_once(s);
}

bool store_imprint_set_emblem(Store *st, int64_t edition_id, const void *png, size_t len) {
    sqlite3_stmt *s = store_prepare(st, "edition", "UPDATE edition SET emblem = ?2 WHERE id = ?1");
    if (!s) return false;
    sqlite3_bind_int64(s, 1, edition_id);
    if (png) sqlite3_bind_blob64(s, 2, png, (sqlite3_uint64)len, SQLITE_TRANSIENT);
    else sqlite3_bind_null(s, 2);
    return store_run_once(s);
}
