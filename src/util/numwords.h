#ifndef PMM_NUMWORDS_H
#define PMM_NUMWORDS_H
/*
 * Small numbers in words in running text (issue 12, UN editorial style):
 * the one home of the words. The United Nations Editorial Manual writes
 * numbers under 10 in words in running text («three institutions»), and
 * figures for 10 and above, for percentages, in tables and figures; when
 * numbers referring to the same thing occur together, the rule of the
 * largest applies to all («2 of the 32 states»); a sentence never starts
 * with a figure. Spanish follows the same convention (the Fundéu and the
 * style books of the Spanish-language agencies write «de uno a nueve» in
 * letters; the RAE's Ortografía 2010, 3.3, asks for letters for numbers
 * that are one word in non-technical text): see docs/report.md.
 *
 * Which counts of a sentence are written in words is decided in one place,
 * doc_add (render/doc.c), for the counts the sentence builders mark as
 * running text (doc_count); this module only gives the words.
 */
#include <stdbool.h>
#include "util/lang.h"

/* The gender a Spanish «1» agrees with: before a masculine noun «un»
 * («un reto»), before a feminine one «una» («una acción», «una de las
 * seis acciones»), and alone for a masculine noun left out «uno» («uno de
 * los retos»). English ignores it. */
typedef enum { NUM_MASC = 'm', NUM_FEM = 'f', NUM_MASC_ALONE = 'u' } NumGender;

/* N in words, "zero" to "nine" / «cero» to «nueve», a «1» agreeing with
 * G; NULL for any other N (those are written in figures). Lower case. */
const char *num_word(Lang l, long n, NumGender g);

/* Whether C is one of the genders above. */
bool num_gender_valid(char c);

/* The gender of a Spanish noun phrase, from its first word (its head:
 * «gobierno estatal», «dependencia de la APF»): feminine when the word ends
 * in -a (but for the masculine nouns in -a of the administrative
 * vocabulary: «programa», «sistema», «organigrama», «día»…), -ción, -sión,
 * -dad, -tad, -tud or -umbre; masculine otherwise. Used for the catalog's
 * nouns of a reporter type's bodies, which the pack gives without a
 * gender. */
NumGender num_gender_es(const char *noun);

#endif
