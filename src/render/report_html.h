#ifndef PMM_REPORT_HTML_H
#define PMM_REPORT_HTML_H
/* A Doc as one self-contained HTML file: inline CSS and SVG, no script and
 * no external request; readable on a phone, printable. Every number is a
 * <span> with data-filter and data-value (render/doc.h). */
#include "render/doc.h"

void doc_html(const Doc *d, Str *out);
/* Marked text as HTML (escaped, with the figure spans). */
void doc_marked_html(Str *out, const char *marked);

#endif
