/*
 * schemes-test: the init of the schemes test image. It checks the
 * kernel's own schemes from user mode (pipe, event with pipe and time,
 * time, sys, irq, memory and the PHYS* calls, serio, and the root-only
 * opens as a non-root child), printing "schemes-test: <what>: ok|FAIL|skip"
 * per check, a pipe round-trip benchmark line, and a summary line; its
 * exit code ends QEMU. tests/bats/schemes.bats reads the serial log.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox/abi/types.h>
#include <redox/syscall.h>

#include "guest.h"

static int passed, failed;

static void check(int ok, const char *what, const char *detail)
{
	say("schemes-test: %s: %s%s%s\n", what, ok ? "ok" : "FAIL", detail ? " -- " : "",
	    detail ? detail : "");
	if (ok)
		passed++;
	else
		failed++;
}

/* relibc-c has no fcntl() yet */
static long fcntl3(int fd, int cmd, long arg)
{
	uint64_t r = syscall3(SYS_FCNTL, (uint64_t)fd, (uint64_t)cmd, (uint64_t)arg);
	return redox_is_error(r) ? -1 : (long)r;
}

static void skip(const char *what, const char *why)
{
	say("schemes-test: %s: skip -- %s\n", what, why);
}

/* A whole small file as a NUL-terminated string; its length, or -errno. */
static long slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	size_t len = 0;
	long n;
	while (len + 1 < cap && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = 0;
	close(fd);
	return (long)len;
}

/* The child's half of test_pipe_data: expect `total` bytes of pattern, then EOF. */
static int pipe_reader(int fd, size_t total)
{
	static unsigned char buf[8192];
	size_t got = 0;
	long n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++)
			if (buf[i] != (unsigned char)((got + (size_t)i) * 7))
				return 1;
		got += (size_t)n;
	}
	if (n < 0)
		return 2;
	return got == total ? 0 : 3;
}

static void test_pipe_data(void)
{
	enum { TOTAL = 200 * 1024 }; /* more than the pipe holds: the writer must block */
	static unsigned char data[TOTAL];
	for (size_t i = 0; i < TOTAL; i++)
		data[i] = (unsigned char)(i * 7);
	int fds[2];
	if (pipe(fds) < 0) {
		check(0, "pipe: 200 KiB from parent reach a forked child, then EOF", "pipe failed");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(pipe_reader(fds[0], TOTAL));
	}
	close(fds[0]);
	long wrote = write(fds[1], data, TOTAL);
	close(fds[1]); /* the child's read then gives 0 */
	int status = 0;
	waitpid(pid, &status, 0);
	char detail[96];
	snprintf(detail, sizeof detail, "wrote %ld, child status %#x (1 data, 2 error, 3 length)",
	         wrote, status);
	check(wrote == TOTAL && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "pipe: 200 KiB from parent reach a forked child, then EOF", detail);
}

static void test_pipe_epipe(void)
{
	int fds[2];
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]); /* the child holds the last reader, then drops it */
		close(fds[1]);
		_exit(0);
	}
	close(fds[0]);
	waitpid(pid, 0, 0);
	/* ignored, SIGPIPE leaves only the EPIPE (kernel-test checks the signal) */
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	long r = write(fds[1], "x", 1);
	char detail[64];
	snprintf(detail, sizeof detail, "write gave %ld, errno %d", r, errno);
	check(r < 0 && errno == EPIPE, "pipe: write after the reader closed gives EPIPE", detail);
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
}

static void test_pipe_nonblock(void)
{
	int fds[2];
	if (pipe2(fds, O_NONBLOCK) < 0) {
		check(0, "pipe: O_NONBLOCK read of an empty pipe gives EAGAIN", "pipe2 failed");
		return;
	}
	char buf[4096];
	errno = 0;
	long r = read(fds[0], buf, 1);
	check(r < 0 && errno == EAGAIN, "pipe: O_NONBLOCK read of an empty pipe gives EAGAIN", 0);
	memset(buf, 'a', sizeof buf);
	long total = 0;
	for (int i = 0; i < 64; i++) {
		r = write(fds[1], buf, sizeof buf);
		if (r <= 0)
			break;
		total += r;
	}
	errno = 0;
	r = write(fds[1], buf, 1);
	char detail[64];
	snprintf(detail, sizeof detail, "filled with %ld bytes, then errno %d", total, errno);
	check(total == 65536 && r < 0 && errno == EAGAIN,
	      "pipe: O_NONBLOCK write to a full pipe gives EAGAIN", detail);
	close(fds[0]);
	close(fds[1]);

	uint64_t res = syscall2(SYS_PIPE2, 0x10, 0);
	check(redox_is_error(res) && -(int64_t)res == EFAULT,
	      "pipe: pipe2 into a bad pointer gives EFAULT", 0);
	int cl[2];
	int ok = pipe2(cl, O_CLOEXEC) == 0 && (fcntl3(cl[0], F_GETFD, 0) & FD_CLOEXEC) &&
	         (fcntl3(cl[1], F_GETFD, 0) & FD_CLOEXEC);
	check(ok, "pipe: O_CLOEXEC marks both ends close-on-exec", 0);
	close(cl[0]);
	close(cl[1]);
}

/* Watch fd for `flags` on a new event queue; returns the queue's fd. */
static int watch(int fd, uint64_t flags, uint64_t data)
{
	int q = open("event:", O_RDWR);
	struct redox_event ev = {(uint64_t)fd, flags, data};
	if (q >= 0 && write(q, &ev, sizeof ev) != sizeof ev) {
		close(q);
		return -1;
	}
	return q;
}

static void test_event_pipe(void)
{
	int fds[2];
	pipe(fds);
	int q = watch(fds[0], 1 /* EVENT_READ */, 77);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(50);
		write(fds[1], "!", 1);
		_exit(0);
	}
	struct redox_event ev = {0, 0, 0};
	uint64_t t0 = now_ns();
	long r = q >= 0 ? read(q, &ev, sizeof ev) : -1;
	uint64_t waited = (now_ns() - t0) / 1000000;
	char detail[96];
	snprintf(detail, sizeof detail, "read %ld, id %llu flags %llu data %llu after %llu ms", r,
	         (unsigned long long)ev.id, (unsigned long long)ev.flags,
	         (unsigned long long)ev.data, (unsigned long long)waited);
	check(r == (long)sizeof ev && ev.id == (uint64_t)fds[0] && (ev.flags & 1) && ev.data == 77,
	      "event: waiting on a pipe's read end wakes when the child writes", detail);
	waitpid(pid, 0, 0);
	close(q);
	close(fds[0]);
	close(fds[1]);
}

static uint64_t ts_ns(const struct redox_timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000ULL + (uint64_t)t->tv_nsec;
}

static void test_time(void)
{
	struct redox_timespec t = {0, 0};
	int fd = open("time:4", O_RDWR);
	uint64_t before = now_ns();
	long r = fd >= 0 ? read(fd, &t, sizeof t) : -1;
	uint64_t after = now_ns();
	char detail[96];
	snprintf(detail, sizeof detail, "read %ld: %lld.%09d", r, (long long)t.tv_sec,
	         (int)t.tv_nsec);
	check(r == 16 && ts_ns(&t) >= before && ts_ns(&t) <= after,
	      "time: time:4 reads the monotonic clock", detail);

	struct redox_timespec rt = {0, 0};
	int rfd = open("time:1", O_RDONLY);
	r = rfd >= 0 ? read(rfd, &rt, sizeof rt) : -1;
	long long diff = (long long)rt.tv_sec - (long long)time(0);
	snprintf(detail, sizeof detail, "read %ld: %lld s, %lld s from time()", r,
	         (long long)rt.tv_sec, diff);
	check(r == 16 && rt.tv_sec > 1600000000 && diff >= -1 && diff <= 1,
	      "time: time:1 reads the realtime clock", detail);
	close(rfd);
	check(open("time:7", O_RDONLY) < 0 && errno == ENOENT, "time: an unknown clock is ENOENT",
	      0);

	/* a deadline 100 ms ahead, waited for through event: */
	int q = watch(fd, 1, 5);
	struct redox_timespec deadline = t;
	deadline.tv_nsec += 100000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_nsec -= 1000000000;
		deadline.tv_sec++;
	}
	uint64_t t0 = now_ns();
	long w = write(fd, &deadline, sizeof deadline);
	struct redox_event ev = {0, 0, 0};
	r = q >= 0 ? read(q, &ev, sizeof ev) : -1;
	uint64_t woke = now_ns();
	struct redox_timespec after_deadline = {0, 0};
	long r2 = read(fd, &after_deadline, sizeof after_deadline);
	snprintf(detail, sizeof detail, "write %ld, event read %ld (data %llu), woke %llu ms after",
	         w, r, (unsigned long long)ev.data, (unsigned long long)((woke - t0) / 1000000));
	check(w == 16 && r == (long)sizeof ev && ev.id == (uint64_t)fd && ev.data == 5 &&
	          woke >= ts_ns(&deadline) && woke - t0 < 1000000000ULL,
	      "event: a time:4 deadline 100 ms ahead wakes the event queue", detail);
	check(r2 == 16 && ts_ns(&after_deadline) >= ts_ns(&deadline),
	      "time: a read after the deadline returns the time past it", 0);
	close(q);
	close(fd);
}

static void test_sys(void)
{
	static char buf[65536];
	long n = slurp("sys:uname", buf, sizeof buf);
	char first[32] = "";
	sscanf(buf, "%31s", first);
	check(n > 6 && !strncmp(buf, "Redox\n", 6) && strstr(buf, "x86_64\n"),
	      "sys: sys:uname starts with Redox", first);

	n = slurp("sys:context", buf, sizeof buf);
	char want[64];
	snprintf(want, sizeof want, "\n%-6d %-6d %-6d %-24s %s\n", (int)getpid(), 0, 0, "init",
	         "running");
	check(n > 0 && strstr(buf, "PID") == buf && strstr(buf, want),
	      "sys: sys:context lists this process (pid, ppid, uid, name, running)", 0);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(500);
		_exit(0);
	}
	snprintf(want, sizeof want, "\n%-6d %-6d %-6d %-24s %s\n", (int)pid, (int)getpid(), 0,
	         "init", "blocked");
	int seen = 0;
	for (int i = 0; i < 20 && !seen; i++) { /* until the child reached its sleep */
		sleep_ms(10);
		n = slurp("sys:context", buf, sizeof buf);
		seen = n > 0 && strstr(buf, want);
	}
	check(seen, "sys: sys:context shows a sleeping child as blocked", 0);
	kill(pid, SIGKILL);
	waitpid(pid, 0, 0);

	n = slurp("sys:cpu", buf, sizeof buf);
	char *model = strstr(buf, "Model: ");
	char model_line[80] = "";
	if (model)
		sscanf(model, "%79[^\n]", model_line);
	check(n > 0 && !strncmp(buf, "CPUs: ", 6) && atoi(buf + 6) >= 1 && model,
	      "sys: sys:cpu gives the CPU count and model", model_line);

	n = slurp("sys:log", buf, sizeof buf);
	check(n > 0 && strstr(buf, "kernel::start:INFO -- Redox OS starting"),
	      "sys: sys:log holds the kernel log", 0);
	n = slurp("sys:exe", buf, sizeof buf);
	check(n > 0 && !strcmp(buf, "init"), "sys: sys:exe is the caller's name", buf);
	n = slurp("sys:", buf, sizeof buf);
	check(n > 0 && strstr(buf, "uname\n") && strstr(buf, "context\n") && strstr(buf, "kstop\n"),
	      "sys: sys: lists its files", 0);
	int fd = open("sys:kstop", O_WRONLY);
	check(fd >= 0, "sys: root may open sys:kstop", 0);
	errno = 0;
	check(fd >= 0 && write(fd, "nonsense", 8) < 0 && errno == EINVAL,
	      "sys: sys:kstop refuses an unknown request", 0);
	close(fd);
	errno = 0;
	check(open("sys:uname", O_WRONLY) < 0 && errno == EACCES, "sys: sys:uname is read-only", 0);
}

/* Bits of the non-root child's exit code: which denial went wrong. */
static int denials(void)
{
	static const struct {
		const char *path;
		int flags;
	} opens[] = {{"irq:5", O_RDWR},           {"irq:", O_RDONLY},
	             {"memory:physical", O_RDWR}, {"memory:physical@uc", O_RDWR},
	             {"serio:0", O_RDONLY},       {"sys:kstop", O_WRONLY}};
	int bad = 0;
	for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		errno = 0;
		int fd = open(opens[i].path, opens[i].flags);
		if (fd >= 0 || errno != EACCES)
			bad |= 1 << i;
	}
	uint64_t r = syscall1(SYS_PHYSALLOC, 4096);
	if (!redox_is_error(r) || -(int64_t)r != EPERM)
		bad |= 1 << 6;
	r = syscall3(SYS_PHYSMAP, 0xF0000, 4096, 0);
	if (!redox_is_error(r) || -(int64_t)r != EPERM)
		bad |= 1 << 7;
	/* what anyone may use */
	if (slurp("sys:uname", (char[64]){0}, 64) <= 0)
		bad |= 1 << 8;
	return bad;
}

static void test_non_root(void)
{
	const char *what = "permissions: irq:, memory:physical, serio:, sys:kstop and PHYS* "
	                   "are root only";
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t r = syscall2(SYS_SETREUID, 1000, 1000);
		if (redox_is_error(r))
			_exit(0xFF); /* could not become uid 1000 */
		int bad = denials();
		_exit(bad > 0xFE ? 0xFE : bad); /* a high bit must not vanish from the status */
	}
	int status = 0;
	waitpid(pid, &status, 0);
	char detail[64];
	snprintf(detail, sizeof detail, "failed denials (bit mask): %#x",
	         WIFEXITED(status) ? WEXITSTATUS(status) : 0xFFFF);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, what, detail);
}

/* Search 0xE0000..0xFFFFF for the ACPI RSDP through memory:physical. */
static void test_memory_physical(void)
{
	int fd = open("memory:physical", O_RDWR);
	check(fd >= 0, "memory: root opens memory:physical", 0);
	const unsigned char *bios = mmap(0, 0x20000, PROT_READ, MAP_SHARED, fd, 0xE0000);
	long found = -1;
	if (bios != MAP_FAILED)
		for (long off = 0; off < 0x20000 && found < 0; off += 16)
			if (!memcmp(bios + off, "RSD PTR ", 8)) {
				unsigned char sum = 0;
				for (int i = 0; i < 20; i++)
					sum += bios[off + i];
				if (sum == 0)
					found = off;
			}
	char detail[96];
	snprintf(detail, sizeof detail, "RSDP at %#lx", found >= 0 ? 0xE0000 + found : 0);
	check(found >= 0, "memory: memory:physical maps the BIOS area (RSDP found, checksum ok)",
	      detail);
	uint64_t phys = bios != MAP_FAILED ? syscall1(SYS_VIRTTOPHYS, (uint64_t)bios + 0x1234) : 0;
	snprintf(detail, sizeof detail, "got %#llx", (unsigned long long)phys);
	check(phys == 0xE1234, "memory: VIRTTOPHYS of that mapping gives the physical address",
	      detail);
	if (bios != MAP_FAILED)
		munmap((void *)bios, 0x20000);

	/* RAM the kernel manages is not for raw mapping */
	int local = 0;
	uint64_t mine = syscall1(SYS_VIRTTOPHYS, (uint64_t)&local) & ~0xFFFULL;
	errno = 0;
	void *m = mmap(0, 4096, PROT_READ, MAP_SHARED, fd, (off_t)mine);
	check(m == MAP_FAILED && errno == EPERM,
	      "memory: memory:physical refuses RAM the kernel manages (EPERM)", 0);
	close(fd);

	/* PHYSALLOC'd frames: mapped twice, the two views are one memory */
	uint64_t frame = syscall1(SYS_PHYSALLOC, 8192);
	uint64_t a = redox_is_error(frame) ? frame : syscall3(SYS_PHYSMAP, frame, 8192, 1);
	int ufd = open("memory:physical@uc", O_RDWR);
	volatile uint32_t *b = MAP_FAILED;
	if (!redox_is_error(a) && ufd >= 0)
		b = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, ufd, (off_t)frame);
	int same = 0;
	if (b != MAP_FAILED) {
		((volatile uint32_t *)a)[1025] = 0xC0FFEE;
		same = b[1025] == 0xC0FFEE && syscall1(SYS_VIRTTOPHYS, a + 4096) == frame + 4096;
		munmap((void *)b, 8192);
	}
	snprintf(detail, sizeof detail, "frame %#llx, mapped at %#llx", (unsigned long long)frame,
	         (unsigned long long)a);
	check(same, "memory: PHYSALLOC + PHYSMAP + memory:physical@uc share one frame", detail);
	uint64_t un = syscall2(SYS_PHYSUNMAP, a, 0);
	uint64_t fr = syscall2(SYS_PHYSFREE, frame, 8192);
	uint64_t gone = syscall1(SYS_VIRTTOPHYS, a);
	check(un == 0 && fr == 0 && redox_is_error(gone) && -(int64_t)gone == EFAULT,
	      "memory: PHYSUNMAP and PHYSFREE undo them", 0);
	close(ufd);

	int afd = open("memory:", O_RDWR);
	char *anon =
	    afd >= 0 ? mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, afd, 0) : MAP_FAILED;
	int zero = anon != MAP_FAILED && anon[0] == 0 && anon[8191] == 0;
	if (zero)
		anon[100] = 'z';
	check(zero && anon[100] == 'z', "memory: memory: maps fresh zeroed memory", 0);
	close(afd);
}

#define HPET_BASE 0xFED00000UL

/*
 * irq: a real interrupt from QEMU's HPET: timer 0 routed to an I/O APIC
 * line above 15, fired 10 ms ahead, must wake a child blocked in read.
 */
static void test_irq(void)
{
	static char list[4096];
	long n = slurp("irq:", list, sizeof list);
	check(n > 0 && !strncmp(list, "0\n", 2) && !strstr(list, "\n1\n") && strstr(list, "\n16\n"),
	      "irq: irq: lists the lines, without the kernel's own (1)", 0);
	errno = 0;
	check(open("irq:1", O_RDWR) < 0 && errno == EBUSY, "irq: irq:1 (the keyboard's) is EBUSY",
	      0);

	const char *what = "irq: an HPET interrupt wakes a read blocked on irq:N, ack re-arms";
	int mfd = open("memory:physical@uc", O_RDWR);
	volatile uint64_t *hpet =
	    mfd >= 0 ? mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, HPET_BASE)
	             : MAP_FAILED;
	close(mfd);
	if (hpet == MAP_FAILED || (hpet[0] >> 16 & 0xFFFF) != 0x8086) {
		skip(what, "no HPET at 0xFED00000");
		return;
	}
	uint64_t period_fs = hpet[0] >> 32;
	uint64_t route_cap = hpet[0x100 / 8] >> 32;
	int line = -1;
	for (int i = 31; i >= 16 && line < 0; i--)
		if (route_cap & (1ULL << i))
			line = i;
	if (line < 0) {
		skip(what, "HPET timer 0 routes to no line above 15");
		return;
	}
	char path[16];
	snprintf(path, sizeof path, "irq:%d", line);
	int fd = open(path, O_RDWR);
	if (fd < 0) {
		check(0, what, "open failed");
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t count = 0;
		long r = read(fd, &count, sizeof count);
		_exit(r == 8 && count > 0 ? 0 : 1);
	}
	sleep_ms(30);                                   /* let the child block first */
	hpet[0x10 / 8] |= 1;                            /* counter on */
	uint64_t ticks = 10000000000000ULL / period_fs; /* 10 ms */
	/* timer 0: level triggered (bit 1), enabled (bit 2), routed to `line` (bits 9..13) */
	hpet[0x108 / 8] = hpet[0xF0 / 8] + ticks;
	hpet[0x100 / 8] = (hpet[0x100 / 8] & ~(0x1FULL << 9)) | 2 | 4 | (uint64_t)line << 9;
	int status = -1;
	for (int i = 0; i < 300 && waitpid(pid, &status, WNOHANG) == 0; i++)
		sleep_ms(10);
	if (status == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		status = 0x7F00;
	}
	/* the line stays masked until the ack: quiet the HPET, then ack */
	hpet[0x100 / 8] &= ~4ULL;
	hpet[0x20 / 8] = 1; /* clear timer 0's level interrupt */
	int pending = (int)syscall2(SYS_FEVENT, (uint64_t)fd, 1);
	uint64_t count = 0;
	long r = fcntl3(fd, F_SETFL, O_NONBLOCK) == 0 ? read(fd, &count, sizeof count) : -1;
	long w = write(fd, &count, sizeof count);
	int after = (int)syscall2(SYS_FEVENT, (uint64_t)fd, 1);
	hpet[0x10 / 8] &= ~1ULL;
	char detail[128];
	snprintf(detail, sizeof detail,
	         "line %d, child status %#x, fevent %d then %d after ack, count %llu", line, status,
	         pending, after, (unsigned long long)count);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && pending == 1 && r == 8 &&
	          count >= 1 && w == 8 && after == 0,
	      what, detail);
	close(fd);
}

static int wait_byte(int fd, unsigned char *out)
{
	for (int i = 0; i < 100; i++) {
		if (read(fd, out, 1) == 1)
			return 1;
		sleep_ms(10);
	}
	return 0;
}

/* The PS/2 devices answer commands through the IRQ path: echo and identify. */
static void test_serio(void)
{
	int kbd = open("serio:0", O_RDWR | O_NONBLOCK);
	if (kbd < 0 && errno == ENODEV) {
		skip("serio: the keyboard answers ECHO through serio:0", "no PS/2 controller");
		return;
	}
	unsigned char b = 0;
	errno = 0;
	long r = read(kbd, &b, 1);
	check(kbd >= 0 && r < 0 && errno == EAGAIN,
	      "serio: a non-blocking read of serio:0 with no key pressed gives EAGAIN", 0);
	unsigned char echo = 0xEE;
	int ok = write(kbd, &echo, 1) == 1 && wait_byte(kbd, &b) && b == 0xEE;
	char detail[32];
	snprintf(detail, sizeof detail, "got %#x", b);
	check(ok, "serio: the keyboard answers ECHO through serio:0", detail);
	close(kbd);

	int mouse = open("serio:1", O_RDWR | O_NONBLOCK);
	unsigned char id_cmd = 0xF2, ack = 0, id = 0xFF;
	ok = mouse >= 0 && write(mouse, &id_cmd, 1) == 1 && wait_byte(mouse, &ack) &&
	     wait_byte(mouse, &id) && ack == 0xFA && id == 0x00;
	snprintf(detail, sizeof detail, "got %#x %#x", ack, id);
	check(ok, "serio: the mouse acknowledges IDENTIFY through serio:1 (id 0)", detail);
	close(mouse);
}

/* One byte there and back, ROUNDS times: the cost of two wakeups. */
static void bench_pipe(void)
{
	enum { ROUNDS = 10000 };
	int to_child[2], to_parent[2];
	pipe(to_child);
	pipe(to_parent);
	pid_t pid = fork();
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		char c;
		while (read(to_child[0], &c, 1) == 1)
			write(to_parent[1], &c, 1);
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	int ok = 1;
	uint64_t t0 = now_ns();
	for (int i = 0; i < ROUNDS && ok; i++) {
		char c = (char)i, back = 0;
		ok = write(to_child[1], &c, 1) == 1 && read(to_parent[0], &back, 1) == 1 &&
		     back == c;
	}
	uint64_t ns = now_ns() - t0;
	close(to_child[1]);
	close(to_parent[0]);
	waitpid(pid, 0, 0);
	check(ok, "pipe: 10000 one-byte round trips between parent and child", 0);
	say("bench: pipe round trip (1 byte each way, parent and child): %llu ns per round trip "
	    "over %d round trips\n",
	    (unsigned long long)(ns / ROUNDS), ROUNDS);
}

int main(void)
{
	say("schemes-test: pid %d starting\n", (int)getpid());
	test_pipe_data();
	test_pipe_epipe();
	test_pipe_nonblock();
	test_event_pipe();
	test_time();
	test_sys();
	test_non_root();
	test_memory_physical();
	test_irq();
	test_serio();
	bench_pipe();
	say("schemes-test: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
