#include <string.h>
#include "core/figures.h"

int fig_label_index(const FigLabel *labels, int n, const char *code) {
    for (int i = 0; i < n; i++)
        if (strcmp(labels[i].code, code) == 0) return i;
    return -1;
}
