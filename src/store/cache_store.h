#ifndef PMM_CACHE_STORE_H
#define PMM_CACHE_STORE_H
/* What the server's disk cache of published files asks of the store
 * (issue 15, fault 3; web/downloads.c). */
#include "store/store.h"

/* Hands back the memory of ST's page cache not in use (up to 64 MiB a
 * connection, one connection per server thread), after a big rendering
 * filled it with a whole edition's pages. */
void store_release_memory(Store *st);

#endif
