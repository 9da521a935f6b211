#ifndef PMM_DOCX_H
#define PMM_DOCX_H
/* A Doc as an editable Word document (OOXML, .docx) that Word and
 * LibreOffice open: parts written by a small WordprocessingML writer and
 * zipped with libzip. Headings use Word's built-in Heading 1-3 styles (the
 * navigation pane and the table of contents follow them), tables are
 * tables with a repeated header row, charts are PNG images drawn by the
 * same cairo code as the PDF, with the chart's text summary as their
 * alternative text. Written to a temporary file and renamed into PATH. */
#include <stdbool.h>
#include "render/doc.h"

bool doc_docx(const Doc *d, const char *path);

#endif
