// libFuzzer's driver, for fuzz targets whose `main` SwiftPM names itself (it links executables
// with `--defsym main=<module>_main`, so libFuzzer's own `main` is never pulled in).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
