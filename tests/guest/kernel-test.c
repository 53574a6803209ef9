/*
 * kernel-test: the init of the kernel test image. It checks, from user
 * mode, what the kernel must guarantee (syscall errors, fault isolation,
 * preemption, exec) and prints one line per check, then a summary line
 * "kernel-test: done: N checks ok, N failed"; its exit code ends QEMU through
 * isa-debug-exit. tests/bats/kernel.bats reads the serial log.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox/syscall.h>
#include <redox/abi/types.h>

#include "guest.h"

static int passed, failed;

static void check(int ok, const char *what, const char *detail)
{
	say("kernel-test: %s: %s%s%s\n", what, ok ? "ok" : "FAIL", detail ? " -- " : "",
	    detail ? detail : "");
	if (ok)
		passed++;
	else
		failed++;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static void expect_errno(uint64_t result, int want, const char *what)
{
	char detail[64];
	int got = redox_is_error(result) ? (int)-(int64_t)result : 0;
	snprintf(detail, sizeof detail, "got %d, want %d", got, want);
	check(got == want, what, detail);
}

static void test_bad_syscalls(void)
{
	char buf[16];
	expect_errno(syscall0(12345), ENOSYS, "unknown syscall gives ENOSYS");
	expect_errno(syscall3(0x2F000999, 1, 0, 0), ENOSYS,
	             "unknown file-class syscall gives ENOSYS");
	expect_errno(syscall3(SYS_WRITE, 1, 0xFFFFFFFF80200000ULL, 16), EFAULT,
	             "write from a kernel address gives EFAULT");
	expect_errno(syscall3(SYS_READ, 0, 0xFFFF800000100000ULL, 16), EFAULT,
	             "read into a kernel address gives EFAULT");
	expect_errno(syscall3(SYS_WRITE, 1, 0x1000, 16), EFAULT,
	             "write from an unmapped address gives EFAULT");
	expect_errno(syscall3(SYS_READ, 0, 0x7000000000ULL, 16), EFAULT,
	             "read into an unmapped address gives EFAULT");
	expect_errno(syscall3(SYS_WRITE, 1, (uint64_t)buf, ~0ULL >> 1), EFAULT,
	             "write with a huge length gives EFAULT");
	expect_errno(syscall3(SYS_OPEN, 0x10, 5, 0), EFAULT,
	             "open of an unmapped path gives EFAULT");
	expect_errno(syscall3(SYS_WRITE, 999, (uint64_t)buf, 1), EBADF,
	             "write to a closed fd gives EBADF");
	expect_errno(syscall2(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, 0xFFFF800000000000ULL), EFAULT,
	             "clock_gettime into kernel memory gives EFAULT");
	expect_errno(syscall1(SYS_CLONE, CLONE_VM), EINVAL,
	             "clone with CLONE_VM gives EINVAL (threads come from SYS_CLONE_THREAD)");
}

/* A child that faults; the parent must see it killed by `signal`. */
static void test_fault(const char *what, int kind, int signal)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (kind == 0)
			*(volatile int *)0 = 1;
		else
			__asm__ volatile("ud2");
		_exit(0);
	}
	int status = 0;
	pid_t got = waitpid(pid, &status, 0);
	char detail[80];
	snprintf(detail, sizeof detail, "pid %d, status %#x", (int)got, status);
	check(got == pid && WIFSIGNALED(status) && WTERMSIG(status) == signal, what, detail);
}

/* More spinners than CPUs: the printer only runs if the kernel preempts. */
static void test_preemption(void)
{
	enum { SPINNERS = 6 };
	pid_t kids[SPINNERS];
	for (int i = 0; i < SPINNERS; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			say("spinner %d: spinning without yielding\n", i);
			uint64_t end = rdtsc() + 3000000000ULL;
			while (rdtsc() < end)
				;
			_exit(0);
		}
	}
	int lines = 0;
	for (int i = 0; i < 5; i++) {
		uint64_t until = now_ns() + 100000000ULL; /* busy, not sleeping */
		while (now_ns() < until)
			;
		say("printer: line %d while %d spinners run\n", i, SPINNERS);
		lines++;
	}
	int all_exited = 1;
	for (int i = 0; i < SPINNERS; i++) {
		int status;
		if (waitpid(kids[i], &status, 0) != kids[i] || !WIFEXITED(status))
			all_exited = 0;
	}
	check(lines == 5 && all_exited, "preemption: printer ran beside spinners", 0);
}

static void test_exec(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = {"helloworld", 0};
		execv("initfs:bin/helloworld", argv);
		_exit(100 + errno);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec of initfs:bin/helloworld", 0);

	pid = fork();
	if (pid == 0) {
		char *argv[] = {"nothing", 0};
		execv("initfs:bin/does-not-exist", argv);
		_exit(errno == ENOENT ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec of a missing file gives ENOENT",
	      0);
}

/*
 * Arguments as make, xargs and configure scripts pass them: thousands of
 * them, up to ARG_MAX bytes, through exec into the new program (this one,
 * run again with --count-args: it exits 0 when every argument arrived).
 */
enum { MANY_ARGS = 5000 };

static int count_args(int argc, char **argv)
{
	if (argc != MANY_ARGS)
		return 1;
	for (int i = 2; i < argc; i++) {
		char want[16];
		snprintf(want, sizeof want, "a%d", i);
		if (strcmp(argv[i], want))
			return 2;
	}
	return 0;
}

static int exec_with(int argc, size_t each)
{
	pid_t pid = fork();
	if (pid == 0) {
		char **argv = malloc((size_t)(argc + 1) * sizeof *argv);
		size_t slot = each ? each + 1 : 16;
		char *block = malloc((size_t)argc * slot);
		if (!argv || !block)
			_exit(99);
		argv[0] = "init";
		argv[1] = "--count-args";
		for (int i = 2; i < argc; i++) {
			argv[i] = block + (size_t)i * slot;
			if (each) {
				memset(argv[i], 'x', each);
				argv[i][each] = 0;
			} else {
				snprintf(argv[i], slot, "a%d", i);
			}
		}
		argv[argc] = 0;
		execv("initfs:bin/init", argv);
		_exit(errno == E2BIG ? 77 : 100 + errno);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_exec_args(void)
{
	char detail[32];
	int r = exec_with(MANY_ARGS, 0);
	snprintf(detail, sizeof detail, "status %d", r);
	check(r == 0, "exec passes 5000 arguments, each intact", detail);
	/* 40 arguments of 4 KiB: more than ARG_MAX (128 KiB) bytes */
	r = exec_with(40, 4096);
	snprintf(detail, sizeof detail, "status %d", r);
	check(r == 77, "exec of more than ARG_MAX bytes of arguments gives E2BIG", detail);
}

/* A pipe nobody reads: the writer gets SIGPIPE, or EPIPE when it ignores it. */
static void test_sigpipe(void)
{
	int fds[2];
	if (pipe(fds) < 0) {
		check(0, "pipe", strerror(errno));
		return;
	}
	close(fds[0]);
	pid_t pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "a write to a pipe without readers raises SIGPIPE", 0);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	long r = write(fds[1], "x", 1);
	check(r == -1 && errno == EPIPE, "with SIGPIPE ignored the write fails with EPIPE", 0);
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
}

static void test_time(void)
{
	uint64_t t0 = now_ns();
	struct timespec req = {0, 50000000};
	int r = nanosleep(&req, 0);
	uint64_t slept = now_ns() - t0;
	char detail[64];
	snprintf(detail, sizeof detail, "%llu ms", (unsigned long long)(slept / 1000000));
	check(r == 0 && slept >= 50000000ULL && slept < 2000000000ULL, "nanosleep 50 ms", detail);
	check(time(0) > 1600000000, "realtime clock is after 2020", 0);
}

static void bench_null_syscall(void)
{
	enum { CALLS = 1000000 };
	uint64_t t0 = rdtsc(), n0 = now_ns();
	for (int i = 0; i < CALLS; i++)
		syscall0(SYS_GETPID);
	uint64_t cycles = rdtsc() - t0, ns = now_ns() - n0;
	say("bench: null syscall (getpid): %llu TSC cycles/call, %llu ns/call over %d calls\n",
	    (unsigned long long)(cycles / CALLS), (unsigned long long)(ns / CALLS), CALLS);
}

/* A call that copies out (16 bytes): what the user-copy routines (and SMAP's
 * stac/clac window) cost on top of a null call. */
static void bench_copy_syscall(void)
{
	enum { CALLS = 1000000 };
	struct redox_timespec ts;
	uint64_t t0 = rdtsc(), n0 = now_ns();
	for (int i = 0; i < CALLS; i++)
		syscall2(SYS_CLOCK_GETTIME, CLOCK_MONOTONIC, (uint64_t)&ts);
	uint64_t cycles = rdtsc() - t0, ns = now_ns() - n0;
	say("bench: copy-out syscall (clock_gettime): %llu TSC cycles/call, %llu ns/call over %d "
	    "calls\n",
	    (unsigned long long)(cycles / CALLS), (unsigned long long)(ns / CALLS), CALLS);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--count-args"))
		return count_args(argc, argv);
	say("kernel-test: pid %d starting\n", (int)getpid());
	check(helloworld() == 0, "SYS_HELLOWORLD returns 0", 0);
	test_bad_syscalls();
	test_fault("null pointer write kills only that process", 0, 11);
	test_fault("invalid opcode kills only that process", 1, 4);
	test_exec();
	test_exec_args();
	test_sigpipe();
	test_time();
	test_preemption();
	bench_null_syscall();
	bench_copy_syscall();
	say("kernel-test: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
