#ifndef PMM_REPORT_PDF_H
#define PMM_REPORT_PDF_H
/* A Doc as an A4 PDF, with cairo and pango: cover, table of contents with
 * links and bookmarks, running headers, page numbers, vector charts and
 * embedded (subset) fonts. Written to a temporary file and renamed into
 * PATH, so a failure leaves nothing behind. */
#include <stdbool.h>
#include "render/doc.h"

bool doc_pdf(const Doc *d, const char *path);

#endif
