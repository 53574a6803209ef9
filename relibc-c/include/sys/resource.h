/*
 * sys/resource.h: resource limits. getrlimit reports the kernel's fixed
 * limits (256 descriptors, a 256 KiB main stack, no core files) and
 * RLIM_INFINITY for what nothing limits; setrlimit succeeds only when it
 * asks for the limits already in force (ENOSYS otherwise: see README.md).
 * getrusage reports CPU time as times() does.
 */
#ifndef _RELIBC_SYS_RESOURCE_H
#define _RELIBC_SYS_RESOURCE_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <bits/timeval.h>

__RELIBC_BEGIN_DECLS

typedef unsigned long rlim_t;

#define RLIM_INFINITY  (~0UL)
#define RLIM_SAVED_MAX RLIM_INFINITY
#define RLIM_SAVED_CUR RLIM_INFINITY

#define RLIMIT_CPU     0
#define RLIMIT_FSIZE   1
#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_CORE    4
#define RLIMIT_RSS     5
#define RLIMIT_NPROC   6
#define RLIMIT_NOFILE  7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS      9
#define RLIMIT_NLIMITS 10

struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};

/* getrusage: CPU time as clock() and times() count it (the kernel keeps
 * no per-process CPU time: the time since the process first asked, all
 * of it user time); the other counters are 0. */
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
