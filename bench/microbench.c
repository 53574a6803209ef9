/*
 * microbench: in-guest micro-benchmarks, one source built twice: for our
 * system (init of build/x86_64/tests/microbench.img, mk/bench.mk) and
 * statically against Debian's musl for the Linux reference
 * (bench/linux-ref/assemble.sh). Only the few lines that must differ (paths,
 * the userspace scheme, how free memory is asked for) are under __redox__.
 *
 * Each figure is measured ROUNDS times; a round repeats the operation in
 * growing batches until TARGET_NS have passed. Lines, parsed by bench/run.sh:
 *   bench: micro: KEY: round R: NS ns/op (N ops)
 *   bench: micro: KEY: not yet: FEATURE
 *   bench: micro: KEY: failed: WHY
 *   bench: micro: memory: FREE KiB free of TOTAL KiB
 *   bench: micro: done
 * `microbench --exit` exits at once (what fork+exec runs).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __redox__
#include <sys/statvfs.h>
#include <redox/abi/types.h>
#include <redox/syscall.h>
#define SELF "initfs:bin/microbench"
#define DIR  "file:/"
#else
#include <sys/sysinfo.h>
#define SELF "/bin/microbench"
#define DIR  "/tmp/"
#endif

#if __has_include(<pthread.h>)
#include <pthread.h>
#define HAVE_THREADS 1
#endif

#include "../tests/guest/guest.h"

#define ROUNDS    3
#define TARGET_NS 250000000ULL
#define MAX_BATCH 65536L
#define BIG       (1024 * 1024)

/* A round in progress: batches of `batch` operations until time is up. */
struct run {
	uint64_t t0, elapsed;
	long done, batch;
};

/* How many operations to do next; 0 once the round has taken TARGET_NS. */
static long run_next(struct run *r)
{
	if (r->batch == 0) {
		r->t0 = now_ns();
		r->done = 0;
		return r->batch = 1;
	}
	r->done += r->batch;
	r->elapsed = now_ns() - r->t0;
	if (r->elapsed >= TARGET_NS)
		return 0;
	if (r->batch < MAX_BATCH)
		r->batch *= 2;
	return r->batch;
}

static void run_report(const struct run *r, const char *key, int round)
{
	say("bench: micro: %s: round %d: %llu ns/op (%ld ops)\n", key, round,
	    (unsigned long long)(r->elapsed / (uint64_t)r->done), r->done);
}

static void failed(const char *key, const char *why)
{
	say("bench: micro: %s: failed: %s (%s)\n", key, why, strerror(errno));
}

/* ---- the operations ---- */

static void bench_null_syscall(int round)
{
	struct run r = {0};
	long n;
	while ((n = run_next(&r)))
		for (long i = 0; i < n; i++)
			getpid();
	run_report(&r, "null-syscall", round);
}

/* A child that answers every byte read from `in` with one byte on `out`. */
static pid_t start_echo_child(int in[2], int out[2])
{
	if (pipe(in) || pipe(out))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(in[1]);
		close(out[0]);
		char c;
		while (read(in[0], &c, 1) == 1)
			if (write(out[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	close(in[0]);
	close(out[1]);
	return pid;
}

static void bench_pipe(const char *key, int round)
{
	int to_child[2], to_parent[2];
	pid_t pid = start_echo_child(to_child, to_parent);
	if (pid < 0) {
		failed(key, "pipe or fork");
		return;
	}
	struct run r = {0};
	long n;
	int ok = 1;
	while (ok && (n = run_next(&r)))
		for (long i = 0; i < n && ok; i++) {
			char c = (char)i, back = 0;
			ok = write(to_child[1], &c, 1) == 1 && read(to_parent[0], &back, 1) == 1 &&
			     back == c;
		}
	close(to_child[1]);
	close(to_parent[0]);
	waitpid(pid, 0, 0);
	if (ok)
		run_report(&r, key, round);
	else
		failed(key, "the echo child stopped answering");
}

static void bench_fork(int round)
{
	struct run r = {0};
	long n;
	while ((n = run_next(&r)))
		for (long i = 0; i < n; i++) {
			pid_t pid = fork();
			if (pid == 0)
				_exit(0);
			if (pid < 0 || waitpid(pid, 0, 0) != pid) {
				failed("fork-exit-wait", "fork or waitpid");
				return;
			}
		}
	run_report(&r, "fork-exit-wait", round);
}

static void bench_exec(int round)
{
	struct run r = {0};
	long n;
	while ((n = run_next(&r)))
		for (long i = 0; i < n; i++) {
			pid_t pid = fork();
			if (pid == 0) {
				char *argv[] = {SELF, "--exit", 0};
				execv(argv[0], argv);
				_exit(127);
			}
			int status = -1;
			if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
				failed("fork-exec-wait", "fork, exec of " SELF " or waitpid");
				return;
			}
		}
	run_report(&r, "fork-exec-wait", round);
}

static void bench_open_read_close(int round)
{
	static const char text[] = "a small file: open, read and close it again\n";
	int fd = open(DIR "microbench.small", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0 || write(fd, text, sizeof text) != (ssize_t)sizeof text || close(fd)) {
		failed("open-read-close", "cannot write " DIR "microbench.small");
		return;
	}
	struct run r = {0};
	long n;
	char buf[256];
	while ((n = run_next(&r)))
		for (long i = 0; i < n; i++) {
			fd = open(DIR "microbench.small", O_RDONLY);
			if (fd < 0 || read(fd, buf, sizeof buf) != (ssize_t)sizeof text) {
				failed("open-read-close", "cannot read " DIR "microbench.small");
				return;
			}
			close(fd);
		}
	run_report(&r, "open-read-close", round);
}

static void bench_big_file(int round)
{
	static char buf[BIG];
	memset(buf, round, sizeof buf);
	struct run w = {0}, rd = {0};
	long n;
	while ((n = run_next(&w)))
		for (long i = 0; i < n; i++) {
			int fd = open(DIR "microbench.big", O_CREAT | O_TRUNC | O_WRONLY, 0644);
			if (fd < 0 || write(fd, buf, BIG) != BIG || fsync(fd) || close(fd)) {
				failed("file-write-fsync-1m", "cannot write " DIR "microbench.big");
				return;
			}
		}
	run_report(&w, "file-write-fsync-1m", round);
	while ((n = run_next(&rd)))
		for (long i = 0; i < n; i++) {
			int fd = open(DIR "microbench.big", O_RDONLY);
			ssize_t got = 0, k = 1;
			while (fd >= 0 && got < BIG && (k = read(fd, buf + got, BIG - got)) > 0)
				got += k;
			if (fd < 0 || got != BIG) {
				failed("file-read-1m", "cannot read " DIR "microbench.big");
				return;
			}
			close(fd);
		}
	run_report(&rd, "file-read-1m", round);
	unlink(DIR "microbench.big");
}

#ifdef __redox__
/* A userspace scheme `bench:` that answers each one-byte read with a byte. */
static void serve_bench_scheme(void)
{
	int fd = open(":bench", O_CREAT | O_RDWR);
	if (fd < 0)
		_exit(1);
	for (;;) {
		struct redox_packet p;
		if (read(fd, &p, sizeof p) != sizeof p)
			_exit(2);
		int64_t r;
		switch (p.a) {
		case SYS_OPEN:
			r = 1;
			break;
		case SYS_READ:
			if (p.d > 0)
				*(char *)p.c = 'b';
			r = p.d > 0 ? 1 : 0;
			break;
		case SYS_CLOSE:
			r = 0;
			break;
		default:
			r = (p.a & SYS_CLASS) == SYS_CLASS_PATH ? -ENOENT : -EBADF;
		}
		p.a = (uint64_t)r;
		if (write(fd, &p, sizeof p) != sizeof p)
			_exit(3);
	}
}

static void bench_ipc(int round)
{
	pid_t server = fork();
	if (server == 0)
		serve_bench_scheme();
	int fd = -1;
	for (int i = 0; i < 400 && fd < 0; i++)
		if ((fd = open("bench:x", O_RDONLY)) < 0)
			sleep_ms(5);
	if (fd < 0) {
		failed("ipc-rtt", "bench: never appeared");
	} else {
		struct run r = {0};
		long n;
		char c;
		int ok = 1;
		while (ok && (n = run_next(&r)))
			for (long i = 0; i < n && ok; i++)
				ok = read(fd, &c, 1) == 1;
		close(fd);
		if (ok)
			run_report(&r, "ipc-rtt", round);
		else
			failed("ipc-rtt", "a read of bench:x");
	}
	kill(server, SIGKILL);
	waitpid(server, 0, 0);
}

static void report_memory(void)
{
	struct statvfs st;
	if (statvfs("memory:", &st)) {
		failed("memory", "statvfs memory:");
		return;
	}
	say("bench: micro: memory: %llu KiB free of %llu KiB\n",
	    (unsigned long long)(st.f_bfree * st.f_frsize / 1024),
	    (unsigned long long)(st.f_blocks * st.f_frsize / 1024));
}

/* file: as init.rc makes it: pcid starts the disk driver, redoxfsd mounts. */
static int prepare(void)
{
	return start_root_fs();
}
#else
/* Linux has no userspace schemes: the closest is a request and its answer
 * through a pipe to a server process (no FUSE). */
static void bench_ipc(int round)
{
	bench_pipe("ipc-rtt", round);
}

static void report_memory(void)
{
	struct sysinfo si;
	if (sysinfo(&si)) {
		failed("memory", "sysinfo");
		return;
	}
	say("bench: micro: memory: %llu KiB free of %llu KiB\n",
	    (unsigned long long)si.freeram * si.mem_unit / 1024,
	    (unsigned long long)si.totalram * si.mem_unit / 1024);
}

static int prepare(void)
{
	return 0;
}
#endif

#ifdef HAVE_THREADS
static void *thread_body(void *arg)
{
	return arg;
}

static void bench_threads(int round)
{
	struct run r = {0};
	long n;
	while ((n = run_next(&r)))
		for (long i = 0; i < n; i++) {
			pthread_t t;
			void *back = 0;
			if (pthread_create(&t, 0, thread_body, &r) || pthread_join(t, &back) ||
			    back != &r) {
				failed("thread-create-join", "pthread_create or pthread_join");
				return;
			}
		}
	run_report(&r, "thread-create-join", round);
}
#else
static void bench_threads(int round)
{
	if (round == 1)
		say("bench: micro: thread-create-join: not yet: threads (no pthread.h in the C "
		    "library)\n");
}
#endif

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	if (prepare() != 0)
		say("bench: micro: files: failed: the file system daemon did not start\n");
	report_memory();
	for (int round = 1; round <= ROUNDS; round++) {
		bench_null_syscall(round);
		bench_pipe("pipe-rtt", round);
		bench_fork(round);
		bench_exec(round);
		bench_open_read_close(round);
		bench_big_file(round);
		bench_ipc(round);
		bench_threads(round);
	}
	unlink(DIR "microbench.small");
	say("bench: micro: done\n");
	return 0;
}
