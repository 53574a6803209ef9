/*
 * sys/resource.h: resource limits, the kernel's per-process ones
 * (SYS_GETRLIMIT/SYS_SETRLIMIT). The resource numbers and what each one
 * enforces are in redox/abi/resource.h.
 */
#ifndef _RELIBC_SYS_RESOURCE_H
#define _RELIBC_SYS_RESOURCE_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <bits/timeval.h>
#include <redox/abi/resource.h>

__RELIBC_BEGIN_DECLS

typedef unsigned long rlim_t;

#define RLIM_INFINITY  ((rlim_t)REDOX_RLIM_INFINITY)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};

int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);

__RELIBC_END_DECLS

#endif
