/* Fonts from known files instead of a full fontconfig start (fonts.h). */
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
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
    /* pango starts FcInit() in a thread when its first font map is made,
     * and waits for it before the first font; with a current config that
     * call returns at once instead of loading the system's configuration. */
    FcConfigSetCurrent(f->config);
    PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), f->config);
    pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(fm));
    g_object_unref(fm);                         /* the default holds it */
    fonts_close(f);
}

void fonts_close(Fonts *f) {
    if (!f) return;
    FcConfigDestroy(f->config);                 /* the font map keeps its own reference */
    free(f);
}
