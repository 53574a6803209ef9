/*
 * fuzz: the syscall fuzzer, run as init of its test image. Unprivileged
 * children (uid 1000) make random system calls with random arguments:
 * known and unknown numbers, wild pointers (null, kernel, unmapped,
 * non-canonical), huge lengths. A child reports its count through a pipe;
 * one that dies or stops making progress (blocked in a call) is replaced
 * by a new one with another seed. After FUZZ_CALLS calls the kernel must
 * still start new processes. Prints "fuzz: N calls in S s ..." and exits
 * 0 on success (the exit code ends QEMU).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox/syscall.h>

#include "guest.h"

#define FUZZ_CALLS    1000000ULL
#define TIME_LIMIT_NS (280ULL * 1000000000ULL)
#define REPORT_EVERY  2000
#define PROGRESS_FD   200

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static const uint64_t numbers[] = {
#define X(NAME, name, number, ...) number,
#include <redox/abi/syscall_list.h>
#undef X
};

/* Calls that would end or replace the fuzzer, or block it on purpose. */
static int skipped(uint64_t n)
{
	return n == SYS_EXIT || n == SYS_EXIT_THREAD || n == SYS_CLONE || n == SYS_FEXEC ||
	       n == SYS_KILL || n == SYS_SIGRETURN || n == SYS_NANOSLEEP || n == SYS_FUTEX ||
	       n == SYS_WAITPID || n == SYS_SIGSUSPEND || /* waits for a signal on purpose */
	       n == SYS_HELLOWORLD; /* prints a line each time: the log would drown */
}

static char scratch[8192];
static const char *paths[] = {"initfs:bin/init", "initfs:", ":fuzz", "sys:uname",
                              "event:",          "time:4",  "irq:1", "memory:physical",
                              "nope:x",          "",        "/"};

static uint64_t pointer(void)
{
	switch (next() % 10) {
	case 0:
		return 0;
	case 1:
		return 0xFFFF800000000000ULL + (next() & 0xFFFFFFF); /* the direct map */
	case 2:
		return 0xFFFFFFFF80200000ULL; /* the kernel image */
	case 3:
		return 0x1000; /* unmapped, low */
	case 4:
		return 0x0000800000000000ULL - (next() & 0xFFFF); /* the top of user space */
	case 5:
		return 0x0000800000000000ULL + (next() & 0xFFFF); /* non-canonical */
	case 6:
		return next();
	default: {
		/* inside our own buffer, sometimes holding a real path */
		uint64_t off = next() % (sizeof scratch - 64);
		if (next() % 2) {
			const char *p = paths[next() % (sizeof paths / sizeof *paths)];
			memcpy(scratch + off, p, strlen(p) + 1);
		}
		return (uint64_t)(scratch + off);
	}
	}
}

static uint64_t argument(void)
{
	switch (next() % 8) {
	case 0:
		return 0;
	case 1:
		return next() % 16; /* small: fds, flags, signals */
	case 2:
		return (uint64_t)-1;
	case 3:
		return next();
	case 4:
		return next() % 64;
	case 5:
		return 1ULL << (next() % 64); /* huge lengths */
	default:
		return pointer();
	}
}

static _Noreturn void fuzz_child(uint64_t seed)
{
	rng = seed * 0x9E3779B97F4A7C15ULL + 1;
	if (setreuid(1000, 1000) < 0)
		_exit(90);
	/* no console: random writes would fill the serial log with noise */
	close(0);
	close(1);
	close(2);
	uint64_t done = 0;
	for (;;) {
		uint64_t n;
		if (next() % 4) {
			n = numbers[next() % (sizeof numbers / sizeof *numbers)];
		} else {
			n = next();
			if (next() % 2)
				n = (n & 0xF3F00FFF) | (next() % 3 + 1) * 0x10000000ULL;
		}
		if (skipped(n))
			continue;
		uint64_t a = argument(), b = argument(), c = argument(), d = argument(),
		         e = argument();
		if (n == SYS_CLOSE || n == SYS_DUP2)
			if (a == PROGRESS_FD || b == PROGRESS_FD)
				continue; /* keep the progress pipe */
		syscall5(n, a, b, c, d, e);
		if (++done % REPORT_EVERY == 0)
			syscall3(SYS_WRITE, PROGRESS_FD, (uint64_t)&done, sizeof done);
	}
}

int main(void)
{
	uint64_t total = 0, start = now_ns();
	int children = 0, died = 0, stuck = 0;
	while (total < FUZZ_CALLS && now_ns() - start < TIME_LIMIT_NS) {
		int fds[2];
		if (pipe2(fds, O_NONBLOCK) < 0) {
			say("fuzz: pipe2: %s\n", strerror(errno));
			return 1;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			dup2(fds[1], PROGRESS_FD);
			close(fds[1]);
			fuzz_child((uint64_t)children + 1);
		}
		close(fds[1]);
		children++;
		uint64_t count = 0, last_progress = now_ns();
		for (;;) {
			uint64_t value;
			while (read(fds[0], &value, sizeof value) == sizeof value) {
				count = value;
				last_progress = now_ns();
			}
			int status;
			if (waitpid(pid, &status, WNOHANG) == pid) {
				died++;
				break;
			}
			if (now_ns() - last_progress > 2000000000ULL ||
			    total + count >= FUZZ_CALLS) {
				if (total + count < FUZZ_CALLS)
					stuck++;
				kill(pid, SIGKILL);
				waitpid(pid, &status, 0);
				break;
			}
			struct timespec t = {0, 20000000};
			nanosleep(&t, 0);
		}
		close(fds[0]);
		total += count;
	}
	uint64_t secs = (now_ns() - start) / 1000000000ULL;
	say("fuzz: %llu calls in %llu s, %d children (%d died, %d stopped for blocking)\n",
	    (unsigned long long)total, (unsigned long long)secs, children, died, stuck);

	/* The kernel must still run new programs. */
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = {"helloworld", 0};
		execv("initfs:bin/helloworld", argv);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	int alive = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	say("fuzz: after fuzzing, a new process %s\n", alive ? "ran fine" : "FAILED");
	return total >= FUZZ_CALLS && alive ? 0 : 1;
}
