#ifndef PMM_OUTFILE_H
#define PMM_OUTFILE_H
/* The one writer of every `-o FILE` (docs/cli.md, «-o»). Output files
 * written whole or not at all: into a temporary sibling, renamed into
 * place at the end, removed on failure. A symbolic link is followed (the
 * file it names is replaced, the link stays); an existing device, FIFO or
 * socket (/dev/null, /dev/fd/N) is written into, never replaced, every
 * write and the close checked (issue 15; issue 14, fault 1). */
#include <stdbool.h>
#include <stddef.h>
#include "util/str.h"

/* PATH's temporary sibling (caller frees); PATH itself when it is to be
 * written directly. */
char *report_tmp_path(const char *path);
/* Renames TMP to PATH when OK (or copies it into a device), else removes
 * TMP; false on failure, the reason printed. */
bool report_commit(const char *tmp, const char *path, bool ok);
/* The same with the reason appended to ERR ("PATH: reason"). */
bool report_commit_err(const char *tmp, const char *path, bool ok, Str *err);
/* PATH exists and is not a regular file (a device, FIFO or socket): it is
 * written into, so a second file cannot be made beside it. */
bool report_is_special(const char *path);
/* Writes DATA to PATH that way; PATH NULL or "-" is stdout. */
bool report_write(const char *path, const char *data, size_t n);

#endif
