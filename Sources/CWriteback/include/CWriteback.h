#ifndef CWRITEBACK_H
#define CWRITEBACK_H

#include <stdint.h>

/// Asks the kernel to start writing the given byte range of the file to disk now, without
/// waiting for it (Linux `sync_file_range` with `SYNC_FILE_RANGE_WRITE`). A hint: the data is
/// still made durable by `fsync`. Returns 0, or -1 with `errno` set.
int lakip_start_writeback(int descriptor, int64_t offset, int64_t count);

#endif
