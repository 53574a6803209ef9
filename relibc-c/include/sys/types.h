/* sys/types.h: the POSIX scalar types. */
#ifndef _RELIBC_SYS_TYPES_H
#define _RELIBC_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <bits/types.h>
#include <bits/pthreadtypes.h>

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

#endif
