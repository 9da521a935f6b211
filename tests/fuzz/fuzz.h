#ifndef PMM_FUZZ_H
#define PMM_FUZZ_H
/* The entry point every libFuzzer target defines and replay.c calls. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
