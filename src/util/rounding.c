#include "util/rounding.h"

static long long positive(long c) { return c > 0 ? c : 0; }

long round_percentage(long count, long whole) {
    long long c = positive(count), w = positive(whole);
    if (!w) return 0;
    return (long)((c * 200 + w) / (2 * w));   /* nearest, a half up: exact integer arithmetic */
}

long round_percentages(const long *counts, int n, long *pct) {
    long long total = 0;
    for (int i = 0; i < n; i++) total += positive(counts[i]);
    long sum = 0;
    for (int i = 0; i < n; i++) {
        pct[i] = round_percentage(counts[i], (long)total);
        sum += pct[i];
    }
    return total ? sum : 0;
}
