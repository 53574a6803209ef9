/*
 * Limits of the exec ABI, shared by the kernel's FEXEC and relibc-c
 * (<limits.h> ARG_MAX, sysconf(_SC_ARG_MAX), execve).
 */
#ifndef REDOX_ABI_LIMITS_H
#define REDOX_ABI_LIMITS_H

/* bytes of argument and environment strings together, NULs included */
#define REDOX_ARG_MAX 131072
/* entries in each of the argument and environment lists */
#define REDOX_ARGV_MAX 8192

#endif
