/* The disk cache's store calls (cache_store.h). */
#include "store/cache_store.h"
#include "store/store_internal.h"

void store_release_memory(Store *st) {
    if (st && st->db) sqlite3_db_release_memory(st->db);
}
