#ifndef PMM_ERRTEXT_H
#define PMM_ERRTEXT_H
/* What went wrong in the C library or in SQLite, in pmm's language: the
 * one place that words an errno value or an SQLite result code for a user
 * (strerror and sqlite3_errmsg speak English whatever the user asked for).
 * Used everywhere instead of strerror. */

/* ERRNUM (an errno value) in the user's language; an uncommon one keeps
 * its number and the C library's text. The text is valid until the next
 * call from the same thread. */
const char *errtext(int errnum);

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
