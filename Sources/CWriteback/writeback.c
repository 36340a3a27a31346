// glibc declares sync_file_range only for _GNU_SOURCE, which Swift's Glibc module is not built
// with; this file is.
#define _GNU_SOURCE
#include <fcntl.h>

#include "CWriteback.h"

int lakip_start_writeback(int descriptor, int64_t offset, int64_t count) {
    return sync_file_range(descriptor, offset, count, SYNC_FILE_RANGE_WRITE);
}
