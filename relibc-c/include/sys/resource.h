/*
 * sys/resource.h: resource limits, the kernel's per-process ones
 * (SYS_GETRLIMIT/SYS_SETRLIMIT). The resource numbers and what each one
 * enforces are in redox/abi/resource.h. getrusage reports the process's
 * CPU time as clock() and times() do.
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

/* getrusage: the process's CPU time (kernel ticks of all its threads),
 * all of it as user time; the other counters are 0. */
#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock;
	long ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;
};

int getrusage(int who, struct rusage *usage);
int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);

__RELIBC_END_DECLS

#endif
