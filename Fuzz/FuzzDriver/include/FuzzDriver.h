// libFuzzer's driver, for fuzz targets whose `main` is their own (SwiftPM names each executable's entry
// point): it parses libFuzzer's flags and runs the target. Provided by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
