// The declaration in include/FuzzDriver.h is all this target holds; libFuzzer defines the function.
#include "FuzzDriver.h"
