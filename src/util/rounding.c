#include "util/rounding.h"

static long long positive(long c) { return c > 0 ? c : 0; }

/* Among the items not yet topped up, the count whose remainder is largest
 * (ties in remainder: the larger count), or -1. Equal counts have equal
 * remainders, so they form one group and are topped up together. */
static long long next_group(const long *counts, int n, long long total, const char *done) {
    long long best = -1, best_rem = -1;
    for (int i = 0; i < n && i < 256; i++) {
        long long c = positive(counts[i]);
        long long rem = c * 100 % total;
        if (done[i] || c == 0 || rem == 0) continue;
        if (rem > best_rem || (rem == best_rem && c > best)) {
            best = c;
            best_rem = rem;
        }
    }
    return best;
}

long round_percentages(const long *counts, int n, long *pct) {
    long long total = 0;
    for (int i = 0; i < n; i++) total += positive(counts[i]);
    long given = 0;
    for (int i = 0; i < n; i++) {
        pct[i] = total ? (long)(positive(counts[i]) * 100 / total) : 0;
        given += pct[i];
    }
    if (!total) return 0;
    /* Hand out the points left, one per item, to the largest remainders
     * (c*100 mod total); n is small (a chart's slices). A group of equal
     * counts gets its points together or not at all, and the first group
     * that does not fit ends the hand-out, so that a larger count never
     * prints a smaller percentage. */
    char done[256] = {0};
    long left = 100 - given;
    while (left > 0) {
        long long c = next_group(counts, n, total, done);
        if (c < 0) break;
        int size = 0;
        for (int i = 0; i < n && i < 256; i++) size += positive(counts[i]) == c;
        if (size > left) break;
        for (int i = 0; i < n && i < 256; i++)
            if (positive(counts[i]) == c) {
                done[i] = 1;
                pct[i]++;
            }
        left -= size;
    }
    return 100 - left;
}
