/*
 * redoxfsd: the root filesystem daemon. It mounts RedoxFS read-write and
 * provides the "file:" scheme (scheme.c answers the requests).
 *
 *   redoxfsd     from a disk: the partition whose RedoxFS uuid the
 *                bootloader named (sys:env REDOXFS_UUID), through the disk
 *                drivers' disk.*: schemes (disk.c: the search, a block
 *                cache, retries across a driver restart). It is checked
 *                (redoxfs_fsck) before it is served: a damaged filesystem
 *                is refused with one line, "redoxfsd: <where>: corrupt
 *                filesystem: <what>". Changes are committed lazily: when
 *                no request came for 20 ms, at least every second under
 *                load, and at once on fsync.
 *   redoxfsd     live mode, when the bootloader copied the whole partition
 *                into RAM (the live ISO; sys:env REDOXFS_LIVE_ADDR,
 *                REDOXFS_LIVE_SIZE, hex); root maps it through
 *                memory:physical. Changes are lost at reboot; each is
 *                committed before its reply all the same.
 *
 * Start-up: the process forks; the child mounts, registers ":file", prints
 * "redoxfsd: file: served from live image (N MiB, generation G)" (or "from
 * disk.ahci0:0p3 (...)") and tells
 * the parent through a pipe. The parent exits 0 only then (1 when the
 * child failed), so whoever started redoxfsd can use file: once it has
 * returned, while the child keeps serving in the background.
 */
#include <errno.h>
#include <redoxfs/fsck.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "redoxfsd.h"

#define PACKETS 16
#define IDLE_MS 20 /* no request for this long: commit */

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

static char env[4096];

/* Read sys:env once; false when it cannot be read. */
static bool env_load(void)
{
	static bool loaded;
	if (loaded)
		return true;
	int fd = open("sys:env", O_RDONLY);
	if (fd < 0)
		return false;
	ssize_t n, len = 0;
	while (len < (ssize_t)sizeof env - 1 && (n = read(fd, env + len, sizeof env - 1 - len)) > 0)
		len += n;
	close(fd);
	env[len] = 0;
	return loaded = true;
}

/* KEY's value into out; false when absent. */
static bool env_value(const char *key, char *out, size_t len)
{
	size_t klen = strlen(key);
	if (!env_load())
		return false;
	for (const char *line = env; line && *line;) {
		if (!strncmp(line, key, klen) && line[klen] == '=') {
			const char *v = line + klen + 1, *e = strchr(v, '\n');
			size_t n = e ? (size_t)(e - v) : strlen(v);
			n = n < len ? n : len - 1;
			memcpy(out, v, n);
			out[n] = 0;
			return true;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : 0;
	}
	return false;
}

/* Map the bootloader's copy; an error message, or NULL. */
static const char *live_map(struct live *l)
{
	int fd;
	if (!env_load())
		return "cannot read sys:env";
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

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Lazy commits: after IDLE_MS without a request, and every second under load. */
static void flush(uint64_t *last)
{
	int r = scheme_flush();
	if (r)
		say("redoxfsd: commit failed: %s\n", strerror(-r));
	*last = now_ms();
}

static _Noreturn void serve(int scheme, bool lazy)
{
	static struct redox_packet packets[PACKETS];
	uint64_t last = now_ms();
	for (;;) {
		/* idle for IDLE_MS with changes pending: make them durable, then sleep */
		struct pollfd pf = {scheme, POLLIN, 0};
		if (lazy && scheme_dirty() && poll(&pf, 1, IDLE_MS) == 0)
			flush(&last);
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
		if (lazy && now_ms() - last >= 1000)
			flush(&last);
		write(scheme, packets, count * sizeof packets[0]);
		fmap_after_replies();
	}
}

/* The child: mount, register, report to the parent through `ready`, serve. */
static _Noreturn void run(int ready)
{
	static struct live live;
	static struct redoxfs_io live_io = {live_read, live_write, 0, &live};
	const struct redoxfs_io *io = &live_io;
	static char where[64], uuid[64], what[320];
	const char *why = 0;
	bool on_disk = !env_value("REDOXFS_LIVE_ADDR", uuid, sizeof uuid);
	if (on_disk && !env_value("REDOXFS_UUID", uuid, sizeof uuid))
		why = "the bootloader named no filesystem (REDOXFS_UUID)";
	else if (on_disk)
		io = disk_find(uuid, where, sizeof where, &why);
	else
		why = live_map(&live);
	if (on_disk && why) {
		snprintf(what, sizeof what, "filesystem %s: %s", uuid, why);
		why = what;
	}
	struct redoxfs *fs = 0;
	int r = 0;
	if (!why && on_disk) {
		struct redoxfs_fsck_report rep;
		r = redoxfs_fsck(io, 0, UINT64_MAX, &hooks, &rep);
		if (r) {
			snprintf(what, sizeof what, "%s: corrupt filesystem: %s; not mounted",
			         where, r > 0 ? rep.msg : strerror(-r));
			why = what;
		}
	}
	r = why ? 0 : redoxfs_mount(&fs, io, 0, &hooks);
	if (!why && r)
		why = strerror(-r);
	int scheme = why ? -1 : open(":file", O_CREAT | O_RDWR);
	if (!why && scheme < 0)
		why = strerror(errno);
	if (why) {
		say("redoxfsd: %s\n", why);
		_exit(1);
	}
	scheme_init(fs, on_disk);
	struct redoxfs_info info;
	redoxfs_info(fs, &info);
	if (on_disk)
		say("redoxfsd: file: served from %s (%llu MiB, generation %llu)\n", where,
		    (unsigned long long)(info.blocks >> 8), (unsigned long long)info.generation);
	else
		say("redoxfsd: file: served from live image (%llu MiB, generation %llu)\n",
		    (unsigned long long)(live.size >> 20), (unsigned long long)info.generation);
	char ok = 0;
	write(ready, &ok, 1);
	close(ready);
	serve(scheme, on_disk);
}

int main(int argc, char **argv)
{
	(void)argv;
	setvbuf(stdout, 0, _IONBF, 0); /* disk.c's lines go out whole, at once */
	if (argc > 1) {
		say("usage: redoxfsd (serves the root filesystem as file:)\n");
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
