/* malloc.h: the allocator's functions (also in stdlib.h) and the GNU
 * extras it has: memalign, malloc_usable_size. No mallopt tunables. */
#ifndef _RELIBC_MALLOC_H
#define _RELIBC_MALLOC_H

#include <stdlib.h>

#endif
