/*
 * Structures that cross the syscall boundary. Layouts are fixed by the
 * Redox ABI (natural C alignment, x86_64); the static asserts pin them.
 */
#ifndef REDOX_ABI_TYPES_H
#define REDOX_ABI_TYPES_H

#include <stdint.h>

/* fstat(): 104 bytes */
struct redox_stat {
	uint64_t dev;
	uint64_t ino;
	uint16_t mode;
	uint32_t nlink;
	uint32_t uid;
	uint32_t gid;
	uint64_t size;
	uint32_t blksize;
	uint64_t blocks;
	uint64_t mtime;
	uint32_t mtime_nsec;
	uint64_t atime;
	uint32_t atime_nsec;
	uint64_t ctime;
	uint32_t ctime_nsec;
};

/* fcntl(F_GETLK, F_SETLK, F_SETLKW): a byte range [start, start + len)
 * of the file, counted from whence (SEEK_SET/CUR/END); len 0: to the end
 * of the file however far it grows, len < 0: the bytes before start. */
struct redox_flock {
	int16_t type; /* F_RDLCK, F_WRLCK, F_UNLCK */
	int16_t whence;
	int64_t start;
	int64_t len;
	int32_t pid; /* F_GETLK: the process holding the conflicting lock */
};

/* fstatvfs() */
struct redox_statvfs {
	uint64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
};

/* clock_gettime(), nanosleep(), time: scheme */
struct redox_timespec {
	int64_t tv_sec;
	int32_t tv_nsec;
};

/* FMAP argument */
struct redox_map {
	uint64_t offset;
	uint64_t size;
	uint64_t flags;
	uint64_t address;
};

/*
 * CLONE_THREAD argument: the new thread starts at entry(arg) on `stack`
 * (its top; the kernel aligns it and pushes a zero return address) with
 * FS base `tls`. When it ends, the kernel writes 0 to the u32 at
 * clear_tid (if not 0) and wakes one futex waiter there.
 */
struct redox_clone_args {
	uint64_t entry;
	uint64_t arg;
	uint64_t stack;
	uint64_t tls;
	uint64_t clear_tid;
	uint64_t flags; /* none defined yet: must be 0 */
};

/* SETITIMER argument: the time left (0: disarmed) and the reload interval. */
struct redox_itimerspec {
	struct redox_timespec interval;
	struct redox_timespec value;
};
#define ITIMER_REAL 0
/* POSIX timers (SYS_TIMER_CREATE) one process may hold at once */
#define REDOX_TIMER_MAX 32

/* read from an event: queue */
struct redox_event {
	uint64_t id;
	uint64_t flags;
	uint64_t data;
};

/* userspace scheme protocol: one request or reply, 56 bytes */
struct redox_packet {
	uint64_t id;
	uint64_t pid;
	uint32_t uid;
	uint32_t gid;
	uint64_t a;
	uint64_t b;
	uint64_t c;
	uint64_t d;
};

/* sigaction() */
struct redox_sigaction {
	uint64_t sa_handler;
	uint64_t sa_mask;
	uint64_t sa_flags;
	uint64_t sa_restorer;
};

/*
 * What a signal handler finds on its stack: at entry rsp points at
 * `restorer` (its return address), followed by the interrupted
 * registers (the kernel's struct interrupt_frame, x86_64) and the mask
 * to restore. SYS_SIGRETURN takes `regs` and `saved_mask` back from this
 * memory, so a handler may change where the thread resumes.
 */
struct redox_sigregs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};
struct redox_sigframe {
	uint64_t restorer;
	struct redox_sigregs regs;
	uint64_t saved_mask;
};

_Static_assert(sizeof(struct redox_stat) == 104, "Stat is 104 bytes");
_Static_assert(sizeof(struct redox_timespec) == 16, "TimeSpec is 16 bytes");
_Static_assert(sizeof(struct redox_flock) == 32, "flock is 32 bytes");
_Static_assert(sizeof(struct redox_packet) == 56, "Packet is 56 bytes");
_Static_assert(sizeof(struct redox_map) == 32, "Map is 32 bytes");
_Static_assert(sizeof(struct redox_sigframe) == 192, "a signal frame is 192 bytes");
_Static_assert(sizeof(struct redox_event) == 24, "Event is 24 bytes");
_Static_assert(sizeof(struct redox_clone_args) == 48, "CloneArgs is 48 bytes");
_Static_assert(sizeof(struct redox_itimerspec) == 32, "ITimerSpec is 32 bytes");

#endif
