// The one function of this module is inline in its header; a C target needs a source file.
#include "CPrefetch.h"
