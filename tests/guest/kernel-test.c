/*
 * kernel-test: the init of the kernel test image. It checks, from user
 * mode, what the kernel must guarantee (syscall errors, fault isolation,
 * preemption, exec, clocks and POSIX timers) and prints one line per check, then a summary line
 * "kernel-test: done: N checks ok, N failed"; its exit code ends QEMU through
 * isa-debug-exit. tests/bats/kernel.bats reads the serial log.
 */
#include <errno.h>
#include <pthread.h>
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

/* ---- POSIX timers (kernel/proc/itimer.c, relibc-c platform/timer.c) ---- */

static volatile sig_atomic_t usr1_count, usr2_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

static void on_usr2(int sig)
{
	(void)sig;
	usr2_count++;
}

static timer_t make_timer(clockid_t clock, int notify, int sig)
{
	struct sigevent sev = {.sigev_notify = notify, .sigev_signo = sig};
	timer_t t = 0;
	if (timer_create(clock, &sev, &t) < 0)
		return 0;
	return t;
}

static int arm(timer_t t, int flags, long value_ms, long interval_ms)
{
	struct itimerspec v = {{interval_ms / 1000, interval_ms % 1000 * 1000000L},
	                       {value_ms / 1000, value_ms % 1000 * 1000000L}};
	return timer_settime(t, flags, &v, 0);
}

/* sleep the whole time, whatever signals come meanwhile */
static void sleep_through(long ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;
	while (now_ns() < end)
		sleep_ms(5);
}

static void test_timer_signal(void)
{
	signal(SIGUSR1, on_usr1);
	timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1);
	uint64_t t0 = now_ns();
	int ok = t && arm(t, 0, 50, 0) == 0;
	while (ok && !usr1_count && now_ns() - t0 < 2000000000ULL)
		sleep_ms(1);
	uint64_t took = now_ns() - t0;
	sleep_through(150);
	struct itimerspec left = {{1, 1}, {1, 1}};
	ok = ok && timer_gettime(t, &left) == 0 && !left.it_value.tv_sec &&
	     !left.it_value.tv_nsec && !left.it_interval.tv_sec;
	char detail[64];
	snprintf(detail, sizeof detail, "%d signals, the first after %llu ms", (int)usr1_count,
	         (unsigned long long)(took / 1000000));
	check(ok && usr1_count == 1 && took >= 50000000ULL && timer_delete(t) == 0,
	      "timer_create SIGEV_SIGNAL: a 50 ms one-shot timer signals once, then reads 0",
	      detail);
}

static void test_timer_periodic(void)
{
	signal(SIGUSR2, on_usr2);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &old);
	timer_t t = make_timer(CLOCK_REALTIME, SIGEV_SIGNAL, SIGUSR2);
	int ok = t && arm(t, 0, 20, 20) == 0;
	sleep_through(300); /* about 15 expirations while SIGUSR2 is blocked */
	int overrun = ok ? timer_getoverrun(t) : -1;
	struct itimerspec v = {{0, 0}, {0, 0}};
	ok = ok && timer_gettime(t, &v) == 0 && v.it_interval.tv_nsec == 20000000L &&
	     !v.it_interval.tv_sec && v.it_value.tv_nsec > 0 && v.it_value.tv_nsec <= 20000000L;
	ok = ok && timer_delete(t) == 0;
	sigprocmask(SIG_SETMASK, &old, 0);
	int delivered = usr2_count; /* the pending one, once */
	sleep_through(100);
	char detail[64];
	snprintf(detail, sizeof detail, "overrun %d, delivered %d, then %d", overrun, delivered,
	         (int)usr2_count);
	check(ok && overrun >= 5 && delivered == 1 && usr2_count == 1,
	      "periodic timer: interval read back, expirations while blocked are its overrun, "
	      "timer_delete stops it",
	      detail);
}

static void test_timer_abstime(void)
{
	usr1_count = 0;
	timer_t mono = make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1);
	timer_t real = make_timer(CLOCK_REALTIME, SIGEV_SIGNAL, SIGUSR1);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	uint64_t t0 = now_ns();
	struct itimerspec at = {{0, 0}, {now.tv_sec + 1, now.tv_nsec}};
	int ok = mono && real && timer_settime(mono, TIMER_ABSTIME, &at, 0) == 0;
	while (ok && !usr1_count && now_ns() - t0 < 5000000000ULL)
		sleep_ms(5);
	uint64_t took = now_ns() - t0;
	int first = usr1_count;
	/* a time already past on the real clock: at once */
	clock_gettime(CLOCK_REALTIME, &now);
	at.it_value = (struct timespec){now.tv_sec - 10, 0};
	uint64_t t1 = now_ns();
	ok = ok && timer_settime(real, TIMER_ABSTIME, &at, 0) == 0;
	while (ok && usr1_count == first && now_ns() - t1 < 2000000000ULL)
		sleep_ms(1);
	uint64_t past = now_ns() - t1;
	char detail[80];
	snprintf(detail, sizeof detail, "monotonic after %llu ms, a past real time after %llu ms",
	         (unsigned long long)(took / 1000000), (unsigned long long)(past / 1000000));
	check(ok && first == 1 && took >= 990000000ULL && usr1_count == 2 && past < 500000000ULL &&
	          timer_delete(mono) == 0 && timer_delete(real) == 0,
	      "TIMER_ABSTIME on CLOCK_MONOTONIC and CLOCK_REALTIME", detail);
}

static void test_timer_none(void)
{
	timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_NONE, 0);
	struct itimerspec a, b;
	int ok = t && arm(t, 0, 500, 0) == 0 && timer_gettime(t, &a) == 0;
	sleep_through(100);
	ok = ok && timer_gettime(t, &b) == 0;
	long long la = a.it_value.tv_sec * 1000000000LL + a.it_value.tv_nsec;
	long long lb = b.it_value.tv_sec * 1000000000LL + b.it_value.tv_nsec;
	sleep_through(500);
	struct itimerspec c;
	ok = ok && timer_gettime(t, &c) == 0 && !c.it_value.tv_sec && !c.it_value.tv_nsec;
	char detail[64];
	snprintf(detail, sizeof detail, "%lld ms, then %lld ms", la / 1000000, lb / 1000000);
	check(ok && la <= 500000000LL && la > 400000000LL && lb < la - 90000000LL && lb > 0 &&
	          timer_delete(t) == 0,
	      "SIGEV_NONE: timer_gettime counts down to 0, no signal", detail);
}

static volatile int thread_calls, thread_value_ok;
static pthread_t main_thread;

static void on_expiry(union sigval v)
{
	if (v.sival_int == 42 && !pthread_equal(pthread_self(), main_thread))
		thread_value_ok++;
	__atomic_add_fetch(&thread_calls, 1, __ATOMIC_RELAXED);
}

static void test_timer_thread(void)
{
	main_thread = pthread_self();
	struct sigevent sev = {.sigev_notify = SIGEV_THREAD,
	                       .sigev_notify_function = on_expiry,
	                       .sigev_value.sival_int = 42};
	timer_t t = 0;
	int ok = timer_create(CLOCK_MONOTONIC, &sev, &t) == 0 && arm(t, 0, 20, 20) == 0;
	sleep_through(300);
	ok = ok && timer_delete(t) == 0;
	sleep_through(50);
	int calls = thread_calls;
	sleep_through(100);
	char detail[64];
	snprintf(detail, sizeof detail, "%d calls, %d with the value in another thread", calls,
	         (int)thread_value_ok);
	check(ok && calls >= 5 && thread_calls == calls && thread_value_ok == calls,
	      "SIGEV_THREAD: the function runs in a helper thread with sigev_value until "
	      "timer_delete",
	      detail);
}

static void test_timer_errors(void)
{
	timer_t t = 0, many[REDOX_TIMER_MAX + 1];
	struct sigevent bad_sig = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = NSIG};
	struct sigevent bad_kind = {.sigev_notify = 99};
	int ok = timer_create(2, 0, &t) < 0 && errno == EINVAL;
	ok = ok && timer_create(CLOCK_MONOTONIC, &bad_sig, &t) < 0 && errno == EINVAL;
	ok = ok && timer_create(CLOCK_MONOTONIC, &bad_kind, &t) < 0 && errno == EINVAL;
	ok = ok && timer_create(CLOCK_MONOTONIC, 0, &t) == 0; /* SIGALRM */
	struct itimerspec bad = {{0, 0}, {0, 1000000000L}}, v = {{0, 0}, {1, 0}};
	ok = ok && timer_settime(t, 0, &bad, 0) < 0 && errno == EINVAL;
	ok = ok && timer_settime(t, 4, &v, 0) < 0 && errno == EINVAL;
	/* the kernel's side, with raw calls: bad ids, pointers, flags */
	struct redox_itimerspec rv = {{0, 0}, {1, 0}};
	ok = ok && redox_sys_timer_settime(999, 0, &rv, 0) == (uint64_t)-EINVAL;
	ok = ok && redox_sys_timer_settime(-1, 0, &rv, 0) == (uint64_t)-EINVAL;
	ok = ok && redox_sys_timer_gettime(31, &rv) == (uint64_t)-EINVAL;
	ok = ok && redox_sys_timer_getoverrun(7) == (uint64_t)-EINVAL;
	ok = ok && redox_sys_timer_delete(REDOX_TIMER_MAX) == (uint64_t)-EINVAL;
	ok = ok && redox_sys_timer_create(CLOCK_MONOTONIC, -1) == (uint64_t)-EINVAL;
	ok = ok && redox_sys_timer_settime(0, 0, (void *)0x1000, 0) == (uint64_t)-EFAULT;
	ok = ok && redox_sys_timer_gettime(0, (void *)0xFFFF800000000000ULL) == (uint64_t)-EFAULT;
	ok = ok && redox_sys_timer_settime(0, 2, &rv, 0) == (uint64_t)-EINVAL;
	/* REDOX_TIMER_MAX a process, then EAGAIN */
	int made = 0;
	while (made < REDOX_TIMER_MAX + 1 &&
	       (many[made] = make_timer(CLOCK_MONOTONIC, SIGEV_NONE, 0)) != 0)
		made++;
	int err = errno;
	for (int i = 0; i < made; i++)
		timer_delete(many[i]);
	char detail[64];
	snprintf(detail, sizeof detail, "%d more timers, then errno %d", made, err);
	check(ok && made == REDOX_TIMER_MAX - 1 && err == EAGAIN && timer_delete(t) == 0,
	      "timer errors: EINVAL for bad clocks, signals, ids, times, flags; EFAULT; EAGAIN "
	      "past the limit",
	      detail);
}

/* fork starts without timers; exec deletes them (the new program has none) */
static void test_timer_fork_exec(void)
{
	timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_NONE, 0);
	int ok = t && arm(t, 0, 10000, 0) == 0;
	struct redox_itimerspec rv;
	pid_t pid = fork();
	if (pid == 0)
		_exit(redox_sys_timer_gettime(0, &rv) == (uint64_t)-EINVAL ? 0 : 1);
	int status = -1;
	waitpid(pid, &status, 0);
	pid = fork();
	if (pid == 0) {
		/* the child's first timer is id 0: the new program must not have it */
		timer_t mine = make_timer(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1);
		if (!mine || arm(mine, 0, 10000, 0) < 0 || redox_sys_timer_gettime(0, &rv) != 0)
			_exit(98);
		char *argv[] = {"init", "--no-timers", 0};
		execv("initfs:bin/init", argv);
		_exit(99);
	}
	int exec_status = -1;
	waitpid(pid, &exec_status, 0);
	char detail[48];
	snprintf(detail, sizeof detail, "fork %#x, exec %#x", status, exec_status);
	check(ok && status == 0 && exec_status == 0 && timer_delete(t) == 0,
	      "timers: a forked child has none, exec deletes them", detail);
}

static int no_timers(void)
{
	struct redox_itimerspec rv;
	/* the timer armed before exec is gone: id 0 is free again */
	int ok = redox_sys_timer_gettime(0, &rv) == (uint64_t)-EINVAL;
	timer_t t = make_timer(CLOCK_MONOTONIC, SIGEV_NONE, 0);
	ok = ok && t && redox_sys_timer_gettime(0, &rv) == 0 && timer_delete(t) == 0;
	return ok ? 0 : 1;
}

static void test_clock_nanosleep(void)
{
	struct timespec at;
	clock_gettime(CLOCK_MONOTONIC, &at);
	at.tv_nsec += 60000000L;
	if (at.tv_nsec >= 1000000000L) {
		at.tv_nsec -= 1000000000L;
		at.tv_sec++;
	}
	int r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, 0);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	int after =
	    now.tv_sec > at.tv_sec || (now.tv_sec == at.tv_sec && now.tv_nsec >= at.tv_nsec);
	struct timespec rel = {0, 20000000L}, bad = {0, 1000000000L};
	uint64_t t0 = now_ns();
	int r2 = clock_nanosleep(CLOCK_REALTIME, 0, &rel, 0);
	uint64_t slept = now_ns() - t0;
	check(r == 0 && after && r2 == 0 && slept >= 20000000ULL &&
	          clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, 0) == EINVAL &&
	          clock_nanosleep(2, 0, &rel, 0) == EINVAL,
	      "clock_nanosleep: TIMER_ABSTIME and relative, EINVAL returned", 0);
}

static void test_timers(void)
{
	test_timer_signal();
	test_timer_periodic();
	test_timer_abstime();
	test_timer_none();
	test_timer_thread();
	test_timer_errors();
	test_timer_fork_exec();
	test_clock_nanosleep();
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
	if (argc > 1 && !strcmp(argv[1], "--no-timers"))
		return no_timers();
	say("kernel-test: pid %d starting\n", (int)getpid());
	check(helloworld() == 0, "SYS_HELLOWORLD returns 0", 0);
	test_bad_syscalls();
	test_fault("null pointer write kills only that process", 0, 11);
	test_fault("invalid opcode kills only that process", 1, 4);
	test_exec();
	test_exec_args();
	test_sigpipe();
	test_time();
	test_timers();
	test_preemption();
	bench_null_syscall();
	bench_copy_syscall();
	say("kernel-test: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
