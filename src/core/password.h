/* The rule for a password a person chooses: one home for pmm user, the
 * administrador's form and the password pages (issue 11). */
#ifndef PMM_CORE_PASSWORD_H
#define PMM_CORE_PASSWORD_H

#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_CHARS 1000   /* argon2id takes any length; a bound keeps a request cheap */

/* Why PW cannot be a password (a sentence in Spanish, through gettext),
 * or NULL when it can. Lengths count characters, not bytes. */
const char *password_problem(const char *pw);

#endif
