/*
 * Resource limits (SYS_GETRLIMIT, SYS_SETRLIMIT): the resource numbers
 * (Linux's), the pair that crosses the call, and the kernel's fixed
 * ceilings and defaults, shared by the kernel (proc/rlimit.c) and
 * relibc-c's sys/resource.h and sysconf.
 */
#ifndef REDOX_ABI_RESOURCE_H
#define REDOX_ABI_RESOURCE_H

#include <stdint.h>

#define RLIMIT_CPU     0 /* seconds of CPU time: SIGXCPU past cur, SIGKILL at max */
#define RLIMIT_FSIZE   1 /* not enforced (files are sized by their schemes) */
#define RLIMIT_DATA    2 /* bytes of anonymous memory, like RLIMIT_AS */
#define RLIMIT_STACK   3 /* bytes of main stack a program gets at exec */
#define RLIMIT_CORE    4 /* no core files are written: only reported */
#define RLIMIT_RSS     5 /* not enforced (as on Linux) */
#define RLIMIT_NPROC   6 /* processes of the real uid: fork EAGAIN past it */
#define RLIMIT_NOFILE  7 /* descriptors: EMFILE at cur */
#define RLIMIT_MEMLOCK 8 /* not enforced (nothing is swapped out) */
#define RLIMIT_AS      9 /* bytes of anonymous memory: mmap ENOMEM past it */
#define RLIMIT_NLIMITS 10

#define REDOX_RLIM_INFINITY (~0ULL)

struct redox_rlimit {
	uint64_t cur;
	uint64_t max;
};
_Static_assert(sizeof(struct redox_rlimit) == 16, "RLimit is 16 bytes");

/* Descriptors a process may hold: the kernel's table, the most RLIMIT_NOFILE may say. */
#define REDOX_OPEN_MAX 256
/* Main stack beyond the arguments: RLIMIT_STACK's default, and the range
 * exec maps (a smaller or larger limit gets the floor or the ceiling). */
#define REDOX_STACK_DEFAULT (256 * 1024ULL)
#define REDOX_STACK_FLOOR   (16 * 1024ULL)
#define REDOX_STACK_CEILING (8 * 1024 * 1024ULL)

#endif
