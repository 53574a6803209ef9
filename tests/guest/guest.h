/*
 * Helpers every in-guest test program shares: printing a line to the
 * serial console in one write, and the monotonic clock in ns and ms.
 * Header-only so each test stays one program (mk/programs.mk).
 */
#ifndef TESTS_GUEST_GUEST_H
#define TESTS_GUEST_GUEST_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

/* printf to stdout as one write, so lines from several processes never mix */
static inline void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	if (n > 0)
		write(1, line, (size_t)n);
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static inline void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, 0);
}

/* Run an initfs program and wait for it; its wait status. */
static inline int run_initfs(const char *name)
{
	char path[64];
	snprintf(path, sizeof path, "initfs:bin/%s", name);
	fflush(0);
	pid_t pid = fork();
	if (pid == 0) {
		char *argv[] = {path, 0};
		execv(path, argv);
		_exit(127);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

/* file: as init.rc makes it: pcid starts the disk driver, then redoxfsd
 * mounts the image's filesystem from disk. redoxfsd's wait status. */
static inline int start_root_fs(void)
{
	run_initfs("pcid");
	return run_initfs("redoxfsd");
}

#endif
