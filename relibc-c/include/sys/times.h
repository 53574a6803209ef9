/*
 * sys/times.h: times(). There is no per-process CPU accounting yet: the
 * user time is the time since the process started (see README.md).
 */
#ifndef _RELIBC_SYS_TIMES_H
#define _RELIBC_SYS_TIMES_H

#include <bits/cdefs.h>
#include <bits/types.h>

__RELIBC_BEGIN_DECLS

struct tms {
	clock_t tms_utime;
	clock_t tms_stime;
	clock_t tms_cutime;
	clock_t tms_cstime;
};

clock_t times(struct tms *t);

__RELIBC_END_DECLS

#endif
