// The entry point every fuzz target's `main` calls (SwiftPM names each executable's entry point, so libFuzzer's
// own `main` cannot be used): libFuzzer's driver, run on the target's LLVMFuzzerTestOneInput.
#include <stddef.h>
#include <stdint.h>

/// Parses libFuzzer's flags (-max_total_time=N, corpus folders, a crash file to replay) and runs the target.
int sluice_fuzz_main(int argc, char **argv);
