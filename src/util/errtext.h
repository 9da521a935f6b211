#ifndef PMM_ERRTEXT_H
#define PMM_ERRTEXT_H
#include <stdbool.h>
/* What went wrong in the C library or in SQLite, in pmm's language: the
 * one place that words an errno value or an SQLite result code for a user
 * (strerror and sqlite3_errmsg speak English whatever the user asked for).
 * Used everywhere instead of strerror. */

/* ERRNUM (an errno value) in the user's language; an uncommon one keeps
 * its number and the C library's text. The text is valid until the next
 * call from the same thread. */
const char *errtext(int errnum);

/* Whether the file system holding PATH (a folder, or a file whether or
 * not it exists yet: then its folder) has no free block. One home for the
 * check a failed write makes when it carries no errno of its own (cairo's
 * stream, SQLite's I/O error) or one left by another call (issue 15, h15a). */
bool disk_full_at(const char *path);

/* The errno to tell for a write of PATH that failed with ERR (0: none
 * known): ENOSPC when ERR is not that and PATH's file system is full. */
int write_errno(const char *path, int err);

/* A libzip failure ZE in the user's language: a system error (a full
 * disk, a folder that cannot be written) by errtext, else libzip's own
 * text. libzip's strings are English («Write error: No space left on
 * device», t15v L7). */
struct zip_error;
const char *errtext_zip(struct zip_error *ze);

/* SQLite's result CODE (primary or extended) in the user's language, or
 * NULL when pmm has no wording of its own for it. */
const char *errtext_sqlite_known(int code);

/* The same, else SQLite's own text for CODE. */
const char *errtext_sqlite(int code);

/* What to tell of a failure with CODE whose SQLite message is MSG: pmm's
 * wording when it has one, else MSG (SQL errors and constraints, whose
 * message names what failed). */
const char *errtext_sqlite_msg(int code, const char *msg);

/* The last failure of connection DB, worded by errtext_sqlite_msg. */
typedef struct sqlite3 sqlite3;
const char *errtext_sqlite_db(sqlite3 *db);

#endif
