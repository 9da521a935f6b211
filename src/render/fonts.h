#ifndef PMM_FONTS_H
#define PMM_FONTS_H
/*
 * The fonts of the publications (PDF, chart PNG). pango's default font map
 * starts fontconfig, which parses /etc/fonts and loads the cache of every
 * font on the system before the first line is laid out. The publications
 * use two faces, DejaVu Sans and DejaVu Sans Bold (fonts-dejavu-core), so
 * they are read from their known files into a font map holding only them.
 * A text with a character neither face has would then show empty boxes:
 * the caller asks fonts_cover() first and keeps the system's fonts (which
 * fall back to other faces) when it says no.
 */
#include <stdbool.h>
#include "render/doc.h"

typedef struct Fonts Fonts;

/* The two faces from their files; NULL when a file is missing or
 * unreadable (then the system's fontconfig is used). */
Fonts *fonts_open(void);
/* True when both faces have a glyph for every character of UTF8
 * (controls excepted). */
bool fonts_cover(const Fonts *f, const char *utf8);
/* Makes F pango-cairo's default font map and frees F; the map lives until
 * chart_release_fonts(). */
void fonts_use(Fonts *f);
void fonts_close(Fonts *f);
/* Before drawing D (its text, tables and charts): the two known faces when
 * they have every character of D, else the system's fonts, which fall back
 * to other faces for what DejaVu lacks. Ends with chart_release_fonts(). */
void fonts_choose(const Doc *d);

#endif
