/* alloca.h: stack allocation, the compiler's builtin. */
#ifndef _RELIBC_ALLOCA_H
#define _RELIBC_ALLOCA_H

#include <stddef.h>

#undef alloca
#define alloca(n) __builtin_alloca(n)

#endif
