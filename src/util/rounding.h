#ifndef PMM_ROUNDING_H
#define PMM_ROUNDING_H
/* Whole percentages, one rule for one share everywhere (issue 12): each
 * count's share of the total rounded to the nearest whole number (a half
 * up), a function of the count and the whole only. So the same count of
 * the same whole prints the same percentage in a table, a chart and a
 * sentence, equal counts print equal percentages, and a larger count never
 * prints a smaller one. The percentages of a set may then add up to a
 * little more or less than 100 (1, 1, 1 give 33, 33, 33; 2, 2, 2, 1 of 7
 * give 29, 29, 29, 14): the sum is returned, so that the caller adds a
 * note when it is not 100 (ph_share_note). No output of pmm must show a
 * total of exactly 100 %, so no largest-remainder hand-out is needed.
 * With a zero total every percentage is 0 (and 0 is returned). */
long round_percentages(const long *counts, int n, long *pct);
/* One count's percentage of WHOLE by the same rule. */
long round_percentage(long count, long whole);
#endif
