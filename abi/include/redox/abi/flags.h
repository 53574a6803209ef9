/*
 * Flag values of the Redox ABI: open, mode, mmap, event, clock, fcntl,
 * waitpid, seek. Shared by the kernel, relibc-c and host tools.
 */
#ifndef REDOX_ABI_FLAGS_H
#define REDOX_ABI_FLAGS_H

/* open(): access mode and options in the high half, mode in the low 16 bits */
#define O_RDONLY    0x00010000
#define O_WRONLY    0x00020000
#define O_RDWR      0x00030000
#define O_ACCMODE   0x00030000
#define O_NONBLOCK  0x00040000
#define O_APPEND    0x00080000
#define O_SHLOCK    0x00100000
#define O_EXLOCK    0x00200000
#define O_ASYNC     0x00400000
#define O_FSYNC     0x00800000
#define O_CLOEXEC   0x01000000
#define O_CREAT     0x02000000
#define O_TRUNC     0x04000000
#define O_EXCL      0x08000000
#define O_DIRECTORY 0x10000000
#define O_STAT      0x20000000
#define O_SYMLINK   0x40000000
#define O_NOFOLLOW  0x80000000

#include <redox/abi/mode.h>

/* memory protection and mapping */
#define PROT_NONE           0x00000
#define PROT_EXEC           0x10000
#define PROT_WRITE          0x20000
#define PROT_READ           0x40000
#define MAP_SHARED          1
#define MAP_PRIVATE         2
#define MAP_FIXED           4
#define MAP_FIXED_NOREPLACE 0xC
/* fd argument of FMAP for anonymous memory */
#define REDOX_ANON_FD (~0UL)

/* fevent */
#define EVENT_NONE  0
#define EVENT_READ  1
#define EVENT_WRITE 2

/* clocks */
#define CLOCK_REALTIME  1
#define CLOCK_MONOTONIC 4
/* the calling process's CPU time (all threads, user and kernel mode),
 * counted in whole timer ticks of REDOX_CPUTIME_RES_NS */
#define CLOCK_PROCESS_CPUTIME_ID 2
#define REDOX_CPUTIME_RES_NS     10000000
/* clock_nanosleep, SYS_TIMER_SETTIME: the time is absolute on the clock */
#define TIMER_ABSTIME 1

/* lseek */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* fcntl */
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC      0x01000000
/* POSIX record locks (struct redox_flock, kept by the kernel per process) */
#define F_GETLK  5
#define F_SETLK  6
#define F_SETLKW 7
#define F_RDLCK  0
#define F_WRLCK  1
#define F_UNLCK  2

/* waitpid */
#define WNOHANG    0x01
#define WUNTRACED  0x02
#define WCONTINUED 0x08

/* clone */
#define CLONE_VM      0x100
#define CLONE_FS      0x200
#define CLONE_FILES   0x400
#define CLONE_SIGHAND 0x800
#define CLONE_VFORK   0x4000
#define CLONE_THREAD  0x10000

/* futex */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

#endif
