#include "FuzzDriver.h"

// Provided by -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
// Each target defines it in Swift, with @_cdecl.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int sluice_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
