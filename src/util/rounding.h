#ifndef PMM_ROUNDING_H
#define PMM_ROUNDING_H
/* Whole percentages that add up to exactly 100 (largest-remainder method,
 * also called Hamilton's): each share gets the floor of its exact value,
 * and the points left go to the largest remainders, ties to the earlier
 * item. With a zero total every percentage is 0. */
void round_percentages(const long *counts, int n, long *pct);
#endif
