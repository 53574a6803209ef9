/*
 * acid: the process and scheme suite of the schemes/processes work (and
 * the resource limits), run as init of its test image. One line per check ("acid: <what>:
 * ok|FAIL"), then "acid: done: N checks ok, N failed"; the exit code ends QEMU.
 * tests/bats/acid.bats reads the serial log.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox/syscall.h>
#include <redox/abi/types.h>

#include "guest.h"

static int passed, failed;

static void check(int ok, const char *what, const char *detail)
{
	say("acid: %s: %s%s%s\n", what, ok ? "ok" : "FAIL", detail ? " -- " : "",
	    detail ? detail : "");
	ok ? passed++ : failed++;
}

/* Wait for pid at most `ms`; returns its status, or -1 (and kills it) on timeout. */
static int wait_for(pid_t pid, long ms)
{
	uint64_t end = now_ns() + (uint64_t)ms * 1000000ULL;
	int status;
	while (now_ns() < end) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		sleep_ms(5);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* ---- a userspace scheme: echo: gives back what was written to it ---- */

static void serve_echo(const char *name, int stuck)
{
	char path[32];
	snprintf(path, sizeof path, ":%s", name);
	int fd = open(path, O_CREAT | O_RDWR);
	if (fd < 0)
		_exit(10 + errno);
	static char store[4096];
	static size_t stored;
	uint64_t next_handle = 1;
	for (;;) {
		struct redox_packet p;
		if (read(fd, &p, sizeof p) != sizeof p)
			_exit(2);
		if (stuck)
			for (;;)
				sleep_ms(
				    1000); /* never answer: the caller must not hang when we die */
		int64_t r;
		switch (p.a) {
		case SYS_OPEN:
			r = (int64_t)next_handle++;
			break;
		case SYS_WRITE:
			stored = p.d < sizeof store ? p.d : sizeof store;
			memcpy(store, (const void *)p.c, stored);
			r = (int64_t)stored;
			break;
		case SYS_READ: {
			size_t n = p.d < stored ? p.d : stored;
			memcpy((void *)p.c, store, n);
			r = (int64_t)n;
			break;
		}
		case SYS_CLOSE:
			r = 0;
			break;
		default:
			r = (p.a & SYS_CLASS) == SYS_CLASS_PATH ? -ENOENT : -EBADF;
		}
		p.a = (uint64_t)r;
		write(fd, &p, sizeof p);
	}
}

static int open_retry(const char *path, int flags)
{
	for (int i = 0; i < 400; i++) {
		int fd = open(path, flags);
		if (fd >= 0 || errno != ENODEV)
			return fd;
		sleep_ms(5);
	}
	return -1;
}

static void test_user_scheme(void)
{
	pid_t server = fork();
	if (server == 0)
		serve_echo("echo", 0);
	pid_t client = fork();
	if (client == 0) {
		int fd = open_retry("echo:anything", O_RDWR);
		if (fd < 0)
			_exit(1);
		const char msg[] = "hello through a userspace scheme";
		char back[64] = {0};
		if (write(fd, msg, sizeof msg) != (ssize_t)sizeof msg)
			_exit(2);
		if (read(fd, back, sizeof back) != (ssize_t)sizeof msg ||
		    memcmp(back, msg, sizeof msg))
			_exit(3);
		/* an unhandled call: the provider answers EBADF for handle calls */
		if (lseek(fd, 0, SEEK_SET) != -1 || errno != EBADF)
			_exit(4);
		/* round trips, for the closing note */
		enum { N = 2000 };
		uint64_t t0 = now_ns();
		for (int i = 0; i < N; i++)
			read(fd, back, 1);
		say("bench: echo: read round trip %llu ns (%d reads)\n",
		    (unsigned long long)((now_ns() - t0) / N), N);
		close(fd);
		_exit(0);
	}
	int status = wait_for(client, 20000);
	char detail[48];
	snprintf(detail, sizeof detail, "client status %#x", status);
	check(status == 0, "echo: scheme served by a daemon, used by another process", detail);
	kill(server, SIGKILL);
	wait_for(server, 5000);
	check(open("echo:x", O_RDWR) < 0 && errno == ENODEV,
	      "echo: is gone after its provider died", 0);
}

static void test_provider_death(void)
{
	pid_t server = fork();
	if (server == 0)
		serve_echo("stuck", 1);
	pid_t client = fork();
	if (client == 0) {
		int fd = open_retry("stuck:x", O_RDWR);
		/* the open itself is the request that never gets an answer */
		_exit(fd < 0 && errno == EIO ? 0 : 1);
	}
	sleep_ms(300);
	kill(server, SIGKILL);
	int status = wait_for(client, 10000);
	char detail[48];
	snprintf(detail, sizeof detail, "client status %#x", status);
	check(status == 0, "a provider killed mid-request gives the caller EIO, not a hang",
	      detail);
	wait_for(server, 5000);
}

/* ---- fmap on a userspace scheme: the provider shares its own pages ---- */

#define SHM_PAGES 4
#define SHM_BAD   (64 * 4096) /* an offset the provider answers with a bad address */
#define SHM_RO    (2 * 4096)  /* from here the provider's pages are read-only */

static void serve_shared(void)
{
	int fd = open(":shm", O_CREAT | O_RDWR);
	if (fd < 0)
		_exit(10 + errno);
	char *mem =
	    mmap(0, SHM_PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		_exit(3);
	strcpy(mem, "provider");
	if (mprotect(mem + SHM_RO, SHM_PAGES * 4096 - SHM_RO, PROT_READ) < 0)
		_exit(4);
	for (;;) {
		struct redox_packet p;
		if (read(fd, &p, sizeof p) != sizeof p)
			_exit(2);
		int64_t r;
		const struct redox_map *m = (const void *)p.c;
		switch (p.a) {
		case SYS_OPEN:
			r = 1;
			break;
		case SYS_READ: /* what the provider sees in its page 0 */
			r = (int64_t)(p.d < 16 ? p.d : 16);
			memcpy((void *)p.c, mem, (size_t)r);
			break;
		case SYS_FMAP:
			if (p.d < sizeof *m)
				r = -EINVAL;
			else if (m->offset == SHM_BAD)
				r = 0x1000; /* not the provider's memory */
			else if (m->offset + m->size > SHM_PAGES * 4096)
				r = -EINVAL;
			else
				r = (int64_t)(uintptr_t)(mem + m->offset);
			break;
		case SYS_CLOSE:
			r = 0;
			break;
		default:
			r = (p.a & SYS_CLASS) == SYS_CLASS_PATH ? -ENOENT : -EBADF;
		}
		p.a = (uint64_t)r;
		write(fd, &p, sizeof p);
	}
}

/* The client's part; returns 0 or the number of the step that failed. */
static int use_shared(pid_t server)
{
	int fd = open_retry("shm:", O_RDWR);
	if (fd < 0)
		return 1;
	char *shared = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *private = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (shared == MAP_FAILED || private == MAP_FAILED || strcmp(shared, "provider") ||
	    strcmp(private, "provider"))
		return 2;
	char seen[16] = {0};
	strcpy(private, "mine");
	if (read(fd, seen, sizeof seen) <= 0 || strcmp(seen, "provider"))
		return 3; /* a private copy's writes stay private */
	strcpy(shared, "client");
	if (read(fd, seen, sizeof seen) <= 0 || strcmp(seen, "client"))
		return 4; /* a shared page's writes reach the provider */
	if (mmap(0, 4096, PROT_READ, MAP_SHARED, fd, SHM_BAD) != MAP_FAILED || errno != EFAULT)
		return 5;
	if (mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, SHM_RO) != MAP_FAILED ||
	    errno != EACCES)
		return 6;
	char *ro = mmap(0, 4096, PROT_READ, MAP_SHARED, fd, SHM_RO);
	if (ro == MAP_FAILED || mprotect(ro, 4096, PROT_READ | PROT_WRITE) == 0)
		return 7; /* read-only sharing cannot be widened */
	pid_t child = fork();
	if (child == 0) {
		strcpy(shared + 100, "child");
		_exit(0);
	}
	if (wait_for(child, 5000) != 0 || strcmp(shared + 100, "child"))
		return 8; /* fork shares a shared mapping */
	kill(server, SIGKILL);
	wait_for(server, 5000);
	if (strcmp(shared, "client") || strcmp(private, "mine"))
		return 9; /* the pages outlive the provider */
	strcpy(shared, "after");
	if (munmap(shared, 8192) < 0 || munmap(private, 4096) < 0)
		return 10;
	return 0;
}

static void test_user_fmap(void)
{
	pid_t server = fork();
	if (server == 0)
		serve_shared();
	pid_t client = fork();
	if (client == 0)
		_exit(use_shared(server));
	int status = wait_for(client, 20000);
	char detail[48];
	snprintf(detail, sizeof detail, "client status %#x", status);
	check(
	    status == 0,
	    "fmap on a user scheme: shared and private pages, EFAULT/EACCES, fork, provider death",
	    detail);
	kill(server, SIGKILL);
	wait_for(server, 5000);
}

/* ---- processes ---- */

static void test_waitpid(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(42);
	int status = 0;
	check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "waitpid returns the exit code", 0);
	pid = fork();
	if (pid == 0) {
		sleep_ms(300);
		_exit(7);
	}
	check(waitpid(pid, &status, WNOHANG) == 0, "waitpid WNOHANG returns 0 while the child runs",
	      0);
	check(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 7,
	      "then the child is reaped", 0);
	check(waitpid(-1, &status, 0) == -1 && errno == ECHILD, "no children left gives ECHILD", 0);
}

static void test_kill(void)
{
	pid_t pid = fork();
	if (pid == 0)
		for (;;)
			; /* loops without a syscall: only preemption delivers the signal */
	sleep_ms(100);
	kill(pid, SIGKILL);
	int status = wait_for(pid, 5000);
	check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	      "kill SIGKILL ends a looping child", 0);

	pid = fork();
	if (pid == 0)
		for (;;)
			sleep_ms(1000);
	sleep_ms(50);
	kill(pid, SIGTERM);
	status = wait_for(pid, 5000);
	check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "SIGTERM's default action ends a sleeping child", 0);
}

static volatile sig_atomic_t got_signal;
static void on_usr1(int sig)
{
	got_signal = sig;
}

static void test_handler(void)
{
	struct sigaction act = {.sa_handler = on_usr1};
	sigaction(SIGUSR1, &act, 0);
	volatile long keep = 12345;
	raise(SIGUSR1);
	check(got_signal == SIGUSR1 && keep == 12345, "a handler runs and sigreturn resumes", 0);

	got_signal = 0;
	sigset_t set = 0, old;
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	int blocked = got_signal == 0;
	sigprocmask(SIG_SETMASK, &old, 0);
	check(blocked && got_signal == SIGUSR1, "a blocked signal waits until unblocked", 0);

	/* a handler interrupting a sleep: EINTR */
	pid_t parent = getpid(), pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	got_signal = 0;
	struct timespec t = {5, 0}, rem = {0, 0};
	int r = nanosleep(&t, &rem);
	check(r == -1 && errno == EINTR && got_signal == SIGUSR1 && rem.tv_sec > 0,
	      "a signal cuts nanosleep short with EINTR", 0);
	wait_for(pid, 5000);
	signal(SIGUSR1, SIG_DFL);
}

/* siglongjmp out of a handler puts back the mask sigsetjmp saw. */
static sigjmp_buf jump_back;

static void on_usr2(int sig)
{
	siglongjmp(jump_back, sig);
}

static void test_sigsetjmp(void)
{
	struct sigaction act = {.sa_handler = on_usr2};
	sigaction(SIGUSR2, &act, 0);
	int from = sigsetjmp(jump_back, 1);
	if (!from) {
		raise(SIGUSR2); /* the handler runs with SIGUSR2 blocked */
		check(0, "siglongjmp returns through sigsetjmp", "the handler returned");
		return;
	}
	sigset_t now;
	sigprocmask(SIG_BLOCK, 0, &now);
	check(from == SIGUSR2 && !sigismember(&now, SIGUSR2),
	      "siglongjmp from a handler restores the mask sigsetjmp saved", 0);
	signal(SIGUSR2, SIG_DFL);
}

static void test_ids_and_cwd(void)
{
	setpgid(0, 0);
	check(getpgid(0) == getpid(), "setpgid/getpgid", 0);
	char cwd[64];
	check(chdir("initfs:bin") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, "initfs:bin"),
	      "chdir/getcwd", cwd);
	int fd = open("helloworld", O_RDONLY);
	check(fd >= 0, "a relative path opens from the working directory", 0);
	if (fd >= 0)
		close(fd);
	chdir("initfs:");
}

static int constructor_ran;
__attribute__((constructor)) static void constructor(void)
{
	constructor_ran = 1;
}

static void test_runtime(void)
{
	check(constructor_ran, "constructors run before main", 0);
	pid_t pid = fork();
	if (pid == 0)
		abort();
	int status = wait_for(pid, 5000);
	check(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	      "abort() ends the process with SIGABRT", 0);
}

/* A non-root process may not take privileged resources. */
static void test_permissions(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (setreuid(1000, 1000) < 0 || getuid() != 1000)
			_exit(1);
		if (setreuid(0, 0) == 0)
			_exit(2); /* no way back to root */
		if (open(":mine", O_CREAT | O_RDWR) >= 0 || errno != EACCES)
			_exit(3);
		if (open("irq:1", O_RDWR) >= 0 || errno != EACCES)
			_exit(4);
		if (open("memory:physical", O_RDWR) >= 0 || errno != EACCES)
			_exit(5);
		if (kill(1, SIGKILL) == 0 || errno != EPERM)
			_exit(6);
		_exit(0);
	}
	int status = wait_for(pid, 5000);
	char detail[32];
	snprintf(detail, sizeof detail, "status %#x", status);
	check(status == 0,
	      "non-root: no scheme providing, no irq:, no memory:physical, no killing root",
	      detail);
}

/* ---- resource limits (kernel/proc/rlimit.c) ---- */

static int set_limit(int res, rlim_t cur, rlim_t max)
{
	struct rlimit rl = {cur, max};
	return setrlimit(res, &rl);
}

static rlim_t soft_limit(int res)
{
	struct rlimit rl = {0, 0};
	return getrlimit(res, &rl) == 0 ? rl.rlim_cur : (rlim_t)-2;
}

/* Run fn in a child; its exit status (wait status), -1 on a timeout. */
static int in_child(int (*fn)(void), long ms)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	return wait_for(pid, ms);
}

static void check_child(int (*fn)(void), long ms, const char *what)
{
	int status = in_child(fn, ms);
	char detail[32];
	snprintf(detail, sizeof detail, "status %#x", status);
	check(status == 0, what, detail);
}

static void test_rlimit_args(void)
{
	struct rlimit rl;
	int ok = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == 256 && rl.rlim_max == 256 &&
	         soft_limit(RLIMIT_STACK) == 256 * 1024 && soft_limit(RLIMIT_CORE) == 0 &&
	         soft_limit(RLIMIT_AS) == RLIM_INFINITY && sysconf(_SC_OPEN_MAX) == 256;
	check(ok, "getrlimit: 256 files, a 256 KiB stack, no core files, no AS limit", 0);
	ok = getrlimit(RLIMIT_NLIMITS, &rl) < 0 && errno == EINVAL;
	ok = ok && getrlimit(-1, &rl) < 0 && errno == EINVAL;
	ok = ok && set_limit(RLIMIT_NOFILE, 100, 50) < 0 && errno == EINVAL;
	ok = ok && set_limit(99, 1, 1) < 0 && errno == EINVAL;
	/* the kernel's table is the ceiling, root too */
	ok = ok && set_limit(RLIMIT_NOFILE, 256, 1024) < 0 && errno == EPERM;
	ok = ok &&
	     redox_sys_getrlimit(RLIMIT_NOFILE, (void *)0xFFFF800000000000ULL) == (uint64_t)-EFAULT;
	ok = ok && redox_sys_setrlimit(RLIMIT_NOFILE, (void *)0x1000) == (uint64_t)-EFAULT;
	ok = ok && redox_sys_getrlimit(RLIMIT_CPU, (void *)0x1000) == (uint64_t)-EFAULT;
	ok = ok && soft_limit(RLIMIT_NOFILE) == 256;
	check(ok, "rlimit: bad resource or cur > max is EINVAL, bad pointers EFAULT", 0);
}

static int nofile_child(void)
{
	if (set_limit(RLIMIT_NOFILE, 8, 8) < 0)
		return 1;
	if (sysconf(_SC_OPEN_MAX) != 8)
		return 2;
	int last = -1;
	while ((last = open("initfs:bin/init", O_RDONLY)) >= 0 && last < 100)
		;
	if (last != -1 || errno != EMFILE)
		return 3;
	int fds[2];
	if (pipe(fds) == 0 || errno != EMFILE)
		return 4;
	if (dup(0) >= 0 || errno != EMFILE)
		return 5;
	if (fcntl(0, F_DUPFD, 0) >= 0 || errno != EMFILE)
		return 6;
	if (dup2(0, 8) >= 0 || errno != EBADF)
		return 7;
	/* every descriptor below 8 is in use: 0-2 and the opened files */
	for (int fd = 0; fd < 8; fd++)
		if (fcntl(fd, F_GETFD) < 0)
			return 8;
	close(7);
	if (dup(0) != 7)
		return 9;
	/* root may raise it again, up to the table */
	if (set_limit(RLIMIT_NOFILE, 256, 256) < 0 || open("initfs:bin/init", O_RDONLY) != 8)
		return 10;
	return 0;
}

static int raise_child(void)
{
	if (set_limit(RLIMIT_NOFILE, 16, 64) < 0 || set_limit(RLIMIT_NOFILE, 16, 128) < 0)
		return 1; /* root lowers and raises */
	if (setreuid(1000, 1000) < 0)
		return 2;
	if (set_limit(RLIMIT_NOFILE, 16, 129) == 0 || errno != EPERM)
		return 3;
	if (set_limit(RLIMIT_CPU, 5, RLIM_INFINITY) < 0 || set_limit(RLIMIT_CPU, 10, 100) < 0)
		return 4; /* lowering the hard limit: anyone */
	if (set_limit(RLIMIT_CPU, 10, 101) == 0 || errno != EPERM)
		return 5;
	if (set_limit(RLIMIT_NOFILE, 128, 128) < 0 || set_limit(RLIMIT_NOFILE, 8, 100) < 0)
		return 6; /* the soft limit moves freely below the hard one */
	if (set_limit(RLIMIT_NOFILE, 100, 100) < 0 || soft_limit(RLIMIT_NOFILE) != 100)
		return 7;
	return 0;
}

static int inherit_child(void)
{
	if (set_limit(RLIMIT_NOFILE, 20, 30) < 0 || set_limit(RLIMIT_CORE, 0, 0) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0)
		_exit(soft_limit(RLIMIT_NOFILE) == 20 && soft_limit(RLIMIT_CORE) == 0 ? 0 : 1);
	int status = wait_for(pid, 5000);
	if (status != 0)
		return 2;
	/* exec keeps them: the new program reports its NOFILE limit */
	char *argv[] = {"init", "--rlimit-nofile", 0};
	pid = fork();
	if (pid == 0) {
		execv("initfs:bin/init", argv);
		_exit(99);
	}
	status = wait_for(pid, 10000);
	return WIFEXITED(status) && WEXITSTATUS(status) == 20 ? 0 : 3;
}

static int nproc_child(void)
{
	if (setreuid(1000, 1000) < 0 || set_limit(RLIMIT_NPROC, 4, 4) < 0)
		return 1;
	pid_t kids[8];
	int n = 0;
	for (; n < 8; n++) {
		kids[n] = fork();
		if (kids[n] == 0) {
			for (;;)
				sleep_ms(1000);
		}
		if (kids[n] < 0)
			break;
	}
	int err = errno;
	for (int i = 0; i < n; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], 0, 0);
	}
	/* this process and 3 children are the user's 4 */
	if (n != 3 || err != EAGAIN)
		return 2;
	pid_t pid = fork(); /* the children are gone: room again */
	if (pid == 0)
		_exit(0);
	return pid > 0 && waitpid(pid, 0, 0) == pid ? 0 : 3;
}

static int nproc_root_child(void)
{
	if (set_limit(RLIMIT_NPROC, 1, 1) < 0)
		return 1;
	pid_t pid = fork(); /* root is not held to it, as on Linux */
	if (pid == 0)
		_exit(0);
	return pid > 0 && waitpid(pid, 0, 0) == pid ? 0 : 2;
}

static int as_child(void)
{
	void *small = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (small == MAP_FAILED || set_limit(RLIMIT_AS, 64 << 20, 64 << 20) < 0)
		return 1;
	void *big = mmap(0, 128 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big != MAP_FAILED || errno != ENOMEM)
		return 2;
	void *(*volatile alloc)(size_t) = malloc; /* not one the compiler may drop */
	if (alloc(100 << 20) || errno != ENOMEM)
		return 3;
	void *more = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (more == MAP_FAILED)
		return 4;
	((char *)more)[4096] = 1;
	/* RLIMIT_DATA counts the same memory */
	if (set_limit(RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY) < 0 ||
	    set_limit(RLIMIT_DATA, 32 << 20, 32 << 20) < 0)
		return 5;
	big = mmap(0, 48 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (big != MAP_FAILED || errno != ENOMEM)
		return 6;
	/* a fork copies within the parent's limit */
	pid_t pid = fork();
	if (pid == 0)
		_exit(soft_limit(RLIMIT_DATA) == 32 << 20 ? 0 : 1);
	int status = wait_for(pid, 5000);
	return status == 0 ? 0 : 7;
}

/* exec with this RLIMIT_STACK; the program touches 900 KiB down its stack */
static int stack_probe(rlim_t limit)
{
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = {"init", "--stack-probe", 0};
		set_limit(RLIMIT_STACK, limit, RLIM_INFINITY);
		execv("initfs:bin/init", argv);
		_exit(99);
	}
	return wait_for(pid, 10000);
}

static void test_rlimit_stack(void)
{
	int big = stack_probe(1 << 20), small = stack_probe(256 * 1024);
	char detail[48];
	snprintf(detail, sizeof detail, "1 MiB: %#x, 256 KiB: %#x", big, small);
	check(big == 0 && WIFSIGNALED(small) && WTERMSIG(small) == SIGSEGV,
	      "RLIMIT_STACK sizes the main stack at exec", detail);
}

static int cpu_child(void)
{
	if (set_limit(RLIMIT_CPU, 1, 2) < 0)
		return 1;
	for (volatile unsigned long i = 0;; i++)
		;
}

static int cpu_ignore_child(void)
{
	signal(SIGXCPU, SIG_IGN);
	return cpu_child();
}

static void test_rlimit_cpu(void)
{
	int soft = in_child(cpu_child, 30000), hard = in_child(cpu_ignore_child, 30000);
	char detail[48];
	snprintf(detail, sizeof detail, "soft %#x, hard %#x", soft, hard);
	check(soft != -1 && WIFSIGNALED(soft) && WTERMSIG(soft) == SIGXCPU && hard != -1 &&
	          WIFSIGNALED(hard) && WTERMSIG(hard) == SIGKILL,
	      "RLIMIT_CPU: SIGXCPU past the soft limit, SIGKILL at the hard one", detail);
}

static void test_rlimits(void)
{
	test_rlimit_args();
	check_child(
	    nofile_child, 10000,
	    "RLIMIT_NOFILE lowered: open, pipe, dup, F_DUPFD give EMFILE, dup2 past it EBADF");
	check_child(raise_child, 10000,
	            "rlimit: anyone lowers, only root raises a hard limit (EPERM otherwise)");
	check_child(inherit_child, 20000, "rlimit: fork inherits the limits and exec keeps them");
	check_child(nproc_child, 20000, "RLIMIT_NPROC: a uid-1000 fork loop stops with EAGAIN");
	check_child(nproc_root_child, 10000, "RLIMIT_NPROC does not hold root back");
	check_child(as_child, 20000, "RLIMIT_AS and RLIMIT_DATA: a big mmap fails with ENOMEM");
	test_rlimit_stack();
	test_rlimit_cpu();
}

/* the program exec'd by the checks above */
static int exec_mode(const char *mode)
{
	if (!strcmp(mode, "--rlimit-nofile"))
		return (int)soft_limit(RLIMIT_NOFILE);
	if (!strcmp(mode, "--stack-probe")) {
		volatile char *p = (volatile char *)__builtin_frame_address(0) - 900 * 1024;
		*p = 1;
		return *p == 1 ? 0 : 1;
	}
	return 98;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return exec_mode(argv[1]);
	say("acid: pid %d starting\n", (int)getpid());
	test_waitpid();
	test_kill();
	test_handler();
	test_sigsetjmp();
	test_ids_and_cwd();
	test_runtime();
	test_user_scheme();
	test_provider_death();
	test_user_fmap();
	test_permissions();
	test_rlimits();
	say("acid: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
