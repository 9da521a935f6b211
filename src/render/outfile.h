#ifndef PMM_OUTFILE_H
#define PMM_OUTFILE_H
/* Output files written whole or not at all: into a temporary sibling,
 * renamed into place at the end, removed on failure. A symbolic link is
 * followed (the file it names is replaced, the link stays); a device,
 * FIFO or socket is written directly (issue 15). */
#include <stdbool.h>
#include <stddef.h>

/* PATH's temporary sibling (caller frees); PATH itself when it is to be
 * written directly. */
char *report_tmp_path(const char *path);
/* Renames TMP to PATH when OK, else removes TMP; false on failure. */
bool report_commit(const char *tmp, const char *path, bool ok);
/* Writes DATA to PATH that way; PATH NULL or "-" is stdout. */
bool report_write(const char *path, const char *data, size_t n);

#endif
