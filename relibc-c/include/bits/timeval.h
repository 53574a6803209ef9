/* struct timeval, shared by sys/time.h, sys/select.h and sys/resource.h. */
#ifndef _RELIBC_BITS_TIMEVAL_H
#define _RELIBC_BITS_TIMEVAL_H

#include <bits/types.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

#endif
