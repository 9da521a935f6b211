#include "util/rounding.h"

void round_percentages(const long *counts, int n, long *pct) {
    long long total = 0;
    for (int i = 0; i < n; i++) total += counts[i] > 0 ? counts[i] : 0;
    long given = 0;
    for (int i = 0; i < n; i++) {
        long long c = counts[i] > 0 ? counts[i] : 0;
        pct[i] = total ? (long)(c * 100 / total) : 0;
        given += pct[i];
    }
    if (!total) return;
    /* Hand out the remaining points one at a time to the largest remainder
     * (c*100 mod total) not yet topped up; n is small (a chart's slices). */
    char done[256] = {0};
    for (long left = 100 - given; left > 0; left--) {
        int best = -1;
        long long best_rem = -1;
        for (int i = 0; i < n && i < 256; i++) {
            long long c = counts[i] > 0 ? counts[i] : 0;
            long long rem = c * 100 % total;
            if (!done[i] && c > 0 && rem > best_rem) {
                best = i;
                best_rem = rem;
            }
        }
        if (best < 0) break;
        done[best] = 1;
        pct[best]++;
    }
}
