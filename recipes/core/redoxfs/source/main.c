/*
 * redoxfsd: the root filesystem daemon. It mounts RedoxFS read-write and
 * provides the "file:" scheme (scheme.c answers the requests).
 *
 *   redoxfsd     serve the live image: the whole RedoxFS partition, which
 *                the bootloader copied into RAM and named in the boot
 *                environment (sys:env: REDOXFS_LIVE_ADDR, REDOXFS_LIVE_SIZE,
 *                hex); root maps it through memory:physical.
 *
 * Live mode is the only mode until there is a disk driver: changes go to
 * the copy in memory and are lost at reboot. Each change is committed
 * before its reply all the same, as it will be on a disk.
 *
 * Start-up: the process forks; the child mounts, registers ":file", prints
 * "redoxfsd: file: served from live image (N MiB, generation G)" and tells
 * the parent through a pipe. The parent exits 0 only then (1 when the
 * child failed), so whoever started redoxfsd can use file: once it has
 * returned, while the child keeps serving in the background.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "redoxfsd.h"

#define PACKETS 16

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	write(1, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
}

/* ---- the live image ---- */

struct live {
	uint8_t *base;
	uint64_t size;
};

static int live_read(void *ctx, uint64_t offset, void *buf, size_t len)
{
	struct live *l = ctx;
	if (offset > l->size || len > l->size - offset)
		return -REDOXFS_EIO;
	memcpy(buf, l->base + offset, len);
	return 0;
}

static int live_write(void *ctx, uint64_t offset, const void *buf, size_t len)
{
	struct live *l = ctx;
	if (offset > l->size || len > l->size - offset)
		return -REDOXFS_EIO;
	memcpy(l->base + offset, buf, len);
	return 0;
}

/* KEY's value in the boot environment, as a hex number; 0 when absent. */
static uint64_t env_hex(const char *env, const char *key)
{
	size_t klen = strlen(key);
	for (const char *line = env; line && *line;) {
		if (!strncmp(line, key, klen) && line[klen] == '=')
			return strtoull(line + klen + 1, 0, 16);
		line = strchr(line, '\n');
		line = line ? line + 1 : 0;
	}
	return 0;
}

/* Map the bootloader's copy; an error message, or NULL. */
static const char *live_map(struct live *l)
{
	static char env[4096];
	int fd = open("sys:env", O_RDONLY);
	if (fd < 0)
		return "cannot read sys:env";
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof env - 1 && (n = read(fd, env + len, sizeof env - 1 - len)) > 0)
		len += n;
	close(fd);
	env[len] = 0;
	uint64_t addr = env_hex(env, "REDOXFS_LIVE_ADDR");
	l->size = env_hex(env, "REDOXFS_LIVE_SIZE");
	if (!addr || !l->size)
		return "no live image (the bootloader did not load one)";
	fd = open("memory:physical", O_RDWR);
	if (fd < 0)
		return "cannot open memory:physical";
	void *p = mmap(0, l->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)addr);
	close(fd);
	if (p == MAP_FAILED)
		return "cannot map the live image";
	l->base = p;
	return 0;
}

/* ---- mounting and serving ---- */

static void now(struct redoxfs_time *t)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	t->sec = (uint64_t)ts.tv_sec;
	t->nsec = (uint32_t)ts.tv_nsec;
}

static const struct redoxfs_hooks hooks = {malloc, free, now};

static _Noreturn void serve(int scheme)
{
	static struct redox_packet packets[PACKETS];
	for (;;) {
		ssize_t n = read(scheme, packets, sizeof packets);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			say("redoxfsd: reading requests: %s\n", n < 0 ? strerror(errno) : "end");
			_exit(1);
		}
		size_t count = (size_t)n / sizeof packets[0];
		for (size_t i = 0; i < count; i++)
			packets[i].a = (uint64_t)scheme_handle(&packets[i]);
		write(scheme, packets, count * sizeof packets[0]);
	}
}

/* The child: mount, register, report to the parent through `ready`, serve. */
static _Noreturn void run(int ready)
{
	static struct live live;
	static struct redoxfs_io io = {live_read, live_write, 0, &live};
	const char *why = live_map(&live);
	struct redoxfs *fs = 0;
	int r = why ? 0 : redoxfs_mount(&fs, &io, 0, &hooks);
	if (!why && r)
		why = strerror(-r);
	int scheme = why ? -1 : open(":file", O_CREAT | O_RDWR);
	if (!why && scheme < 0)
		why = strerror(errno);
	if (why) {
		say("redoxfsd: %s\n", why);
		_exit(1);
	}
	scheme_init(fs);
	struct redoxfs_info info;
	redoxfs_info(fs, &info);
	say("redoxfsd: file: served from live image (%llu MiB, generation %llu)\n",
	    (unsigned long long)(live.size >> 20), (unsigned long long)info.generation);
	char ok = 0;
	write(ready, &ok, 1);
	close(ready);
	serve(scheme);
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		say("usage: redoxfsd (serves the live image as file:)\n");
		return 2;
	}
	int pipefd[2];
	if (pipe(pipefd) < 0) {
		say("redoxfsd: pipe: %s\n", strerror(errno));
		return 1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		say("redoxfsd: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		close(pipefd[0]);
		run(pipefd[1]);
	}
	close(pipefd[1]);
	char status = 1;
	ssize_t n;
	while ((n = read(pipefd[0], &status, 1)) < 0 && errno == EINTR)
		;
	return n == 1 && status == 0 ? 0 : 1;
}
