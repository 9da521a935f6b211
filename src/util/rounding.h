#ifndef PMM_ROUNDING_H
#define PMM_ROUNDING_H
/* Whole percentages by the largest-remainder method (Hamilton's): each share
 * gets the floor of its exact value, and the points left go to the largest
 * remainders. Equal counts always print equal percentages: a group of tied
 * counts gets its extra points together or not at all, so the percentages
 * may then add up to a little less than 100 (e.g. 1, 1, 1 give 33, 33, 33).
 * Returns their sum, so that the caller can add a note when it is not 100.
 * With a zero total every percentage is 0 (and 0 is returned). */
long round_percentages(const long *counts, int n, long *pct);
#endif
