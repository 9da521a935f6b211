#ifndef PMM_EMBEDDED_H
#define PMM_EMBEDDED_H
#include <stddef.h>

/* Files compiled into the binary (data/ catalogs, demo edition, assets). */
typedef struct {
    const char *name;            /* path below data/, e.g. "packs/mx/states.csv" */
    const unsigned char *data;   /* NUL-terminated for convenience */
    size_t size;
} EmbeddedFile;

extern const EmbeddedFile embedded_files[];

/* The embedded file called NAME, or NULL. */
const EmbeddedFile *embedded_find(const char *name);

#endif
