/* Fonts from known files instead of a full fontconfig start (fonts.h). */
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include "render/chart.h"
#include "render/fonts.h"
#include "util/mem.h"

/* fonts-dejavu-core, a dependency of pmm (scripts/install-deps.sh). */
static const char *const font_files[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};
#define NFACES 2

struct Fonts {
    FcConfig *config;
    FcCharSet *chars[NFACES];   /* owned by the config's patterns */
};

Fonts *fonts_open(void) {
    Fonts *f = xcalloc(1, sizeof *f);
    f->config = FcConfigCreate();
    for (int i = 0; i < NFACES; i++)
        if (!FcConfigAppFontAddFile(f->config, (const FcChar8 *)font_files[i])) {
            fonts_close(f);
            return NULL;
        }
    FcFontSet *set = FcConfigGetFonts(f->config, FcSetApplication);
    if (!set || set->nfont != NFACES) {
        fonts_close(f);
        return NULL;
    }
    for (int i = 0; i < NFACES; i++)
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &f->chars[i]) != FcResultMatch) {
            fonts_close(f);
            return NULL;
        }
    return f;
}

bool fonts_cover(const Fonts *f, const char *s) {
    for (const char *p = s; *p;) {
        if ((unsigned char)*p < 0x80) {         /* DejaVu has all of printable ASCII */
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2) return false;
        for (int i = 0; i < NFACES; i++)
            if (!FcCharSetHasChar(f->chars[i], c)) return false;
        p = g_utf8_next_char(p);
    }
    return true;
}

void fonts_use(Fonts *f) {
    /* The config becomes fontconfig's current one, which a font map with no
     * config of its own uses; pango_fc_font_map_set_config() would do too,
     * but pango 1.50 never releases the reference it takes (a leak under
     * ASan). Being current also makes the FcInit() that pango starts in a
     * thread for its first font map (and waits for before the first font)
     * return at once instead of loading the system's configuration.
     * It stays current until the next fonts_use() or the end of the
     * process. */
    FcConfigSetCurrent(f->config);
    PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(fm));
    g_object_unref(fm);                         /* the default holds it */
    fonts_close(f);
}

void fonts_close(Fonts *f) {
    if (!f) return;
    FcConfigDestroy(f->config);                 /* fontconfig keeps the current one */
    free(f);
}

/* ---- the faces a Doc needs */

static bool covered(const Fonts *f, const char *marked) {
    Str plain = STR_INIT;
    doc_plain(&plain, marked ? marked : "");
    bool ok = fonts_cover(f, str_cstr(&plain));
    str_free(&plain);
    return ok;
}

/* A chart's own words (its other text is pmm's: digits, «%», legends). */
static bool chart_covered(const Fonts *f, const Chart *c) {
    if (!covered(f, c->title)) return false;
    for (int i = 0; i < c->ncat; i++)
        if (!covered(f, c->cats[i])) return false;
    for (int i = 0; i < c->nser; i++)
        if (!covered(f, c->series[i]) || (c->series_names && !covered(f, c->series_names[i]))) return false;
    return true;
}

static bool block_covered(const Fonts *f, const Block *b) {
    if (!covered(f, b->text) || !covered(f, b->text2)) return false;
    for (int i = 0; i < b->ntargets; i++)
        if (!covered(f, b->target_labels[i])) return false;
    if (b->table)
        for (int i = 0; i < b->table->ncols * b->table->nrows; i++)
            if (!covered(f, b->table->cells[i])) return false;
    return !b->chart || chart_covered(f, b->chart);
}

/* Whether the two known faces can draw every character of D. */
static bool doc_covered(const Fonts *f, const Doc *d) {
    if (!covered(f, d->title) || !covered(f, d->subtitle) || !covered(f, d->period) || !covered(f, d->footer) ||
        !covered(f, d->issuer) || !covered(f, d->place_date) || !covered(f, d->source))   /* issue 12: cover, figures */
        return false;
    for (const Block *b = d->head; b; b = b->next)
        if (!block_covered(f, b)) return false;
    return true;
}

void fonts_choose(const Doc *d) {
    Fonts *f = fonts_open();
    if (f && doc_covered(f, d)) fonts_use(f);
    else fonts_close(f);
}

