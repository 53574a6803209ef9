/*
 * storage-test: init of the storage-test image. It brings storage up as
 * init.rc does (pcid -> ahcid or nvmed, then redoxfsd from disk) and
 * checks, one line each ("storage-test: <what>: ok|FAIL"):
 *   - the file the previous boot wrote is read back whole (the BATS file
 *     boots the same disk twice; the first boot has nothing to read);
 *   - a new file of this boot is written and fsynced for the next;
 *   - uid 1000 cannot open the disk scheme, an interrupt line or
 *     memory:physical;
 *   - a driver confined to a manifest without BAR5 cannot map it (ahcid
 *     started by hand with grants lacking its BAR; only on AHCI);
 *   - a process confined to one I/O port may use it and no other;
 *   - sequential write and read speed (printed, not checked);
 *   - the driver (ahcid or nvmed) killed while a child writes, fsyncs and reads back files:
 *     pcid restarts it, redoxfsd retries, the child sees every byte.
 * Ends with "storage-test: done: N checks ok, M failed" (QEMU exits).
 */
#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <redox/syscall.h>

#include "guest.h"

#define DIR        "file:/storage"
#define FILE_BYTES (256 * 1024)
#define SPEED_MIB  8

static int passed, failed;

static void check(int ok, const char *what, const char *detail)
{
	say("storage-test: %s: %s%s%s\n", what, ok ? "ok" : "FAIL", detail && !ok ? " -- " : "",
	    detail && !ok ? detail : "");
	ok ? passed++ : failed++;
}

static void pattern(uint8_t *buf, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)((i * 131 + seed * 7 + (i >> 12)) & 0xFF);
}

/* All of len bytes (the kernel may move a big buffer in pieces). */
static bool full(int fd, uint8_t *buf, size_t len, bool out)
{
	for (size_t done = 0; done < len;) {
		ssize_t n =
		    out ? write(fd, buf + done, len - done) : read(fd, buf + done, len - done);
		if (n <= 0)
			return false;
		done += (size_t)n;
	}
	return true;
}

static long slurp(const char *path, void *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	size_t got = 0;
	ssize_t n;
	while (got < len && (n = read(fd, (char *)buf + got, len - got)) > 0)
		got += (size_t)n;
	close(fd);
	return (long)got;
}

static int spill(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	int r = full(fd, (uint8_t *)buf, len, true) && fsync(fd) == 0 ? 0 : -1;
	close(fd);
	return r;
}

static void test_persistence(const char *disk)
{
	static uint8_t want[FILE_BYTES], got[FILE_BYTES];
	char text[32] = "0", path[64], detail[96];
	mkdir(DIR, 0755);
	long n = slurp(DIR "/boots", text, sizeof text - 1);
	text[n > 0 ? n : 0] = 0;
	unsigned boot = (unsigned)strtoul(text, 0, 10) + 1;
	say("storage-test: boot %u on %s\n", boot, disk);
	if (boot > 1) {
		snprintf(path, sizeof path, DIR "/data-%u", boot - 1);
		pattern(want, sizeof want, boot - 1);
		n = slurp(path, got, sizeof got);
		snprintf(detail, sizeof detail, "%s: %ld bytes", path, n);
		check(n == FILE_BYTES && !memcmp(want, got, sizeof want),
		      "the previous boot's file is read back whole", detail);
	}
	snprintf(path, sizeof path, DIR "/data-%u", boot);
	pattern(want, sizeof want, boot);
	snprintf(text, sizeof text, "%u\n", boot);
	check(spill(path, want, sizeof want) == 0 && spill(DIR "/boots", text, strlen(text)) == 0,
	      "this boot's file is written and fsynced", strerror(errno));
}

/* In a child as uid 1000: which of these opens fail with EACCES. */
static void test_user(const char *disk)
{
	char scheme[48];
	snprintf(scheme, sizeof scheme, "%s:0", disk);
	const char *irq = "irq:16";
	const char *paths[] = {scheme, irq, "memory:physical", "grant:self"};
	int fds[2];
	pipe(fds);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		setregid(1000, 1000);
		if (setreuid(1000, 1000))
			_exit(2);
		char result[4];
		for (int i = 0; i < 4; i++) {
			int fd = open(paths[i], O_RDWR);
			result[i] = fd < 0 && errno == EACCES ? 'y' : 'n';
		}
		write(fds[1], result, 4);
		_exit(0);
	}
	close(fds[1]);
	char result[5] = "????";
	read(fds[0], result, 4);
	close(fds[0]);
	waitpid(pid, 0, 0);
	check(result[0] == 'y', "uid 1000 cannot open the disk scheme", result);
	check(result[1] == 'y', "uid 1000 cannot open irq:16", result);
	check(result[2] == 'y', "uid 1000 cannot open memory:physical", result);
	check(result[3] == 'y', "uid 1000 cannot write grants", result);
}

/* The running ahcid's grant: its pid from sys:context, its BAR from grant:PID. */
static int find_pid(const char *name);

static int ahcid_bar(char *bar, size_t len)
{
	static char text[8192];
	int pid = find_pid("ahcid");
	char path[32];
	snprintf(path, sizeof path, "grant:%d", pid);
	long n = pid ? slurp(path, text, sizeof text - 1) : -1;
	if (n <= 0)
		return -1;
	text[n] = 0;
	char *mem = strstr(text, "mem ");
	if (!mem)
		return -1;
	unsigned long long addr, size;
	if (sscanf(mem, "mem %llx %llx", &addr, &size) != 2)
		return -1;
	snprintf(bar, len, "%llx %llx", addr, size);
	return 0;
}

static void test_manifest(void)
{
	char bar[64];
	if (ahcid_bar(bar, sizeof bar)) {
		check(0, "the running ahcid's grant lists its BAR", 0);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		/* a manifest without the BAR: an interrupt line and some DMA only */
		const char *grants = "irq 16\ndma 65536\nscheme disk.ahci\n";
		int fd = open("grant:self", O_WRONLY);
		if (fd < 0 || write(fd, grants, strlen(grants)) < 0)
			_exit(3);
		close(fd);
		setenv("PCID_DEVICE", "00:1f.2", 1);
		setenv("PCID_BAR5", bar, 1);
		setregid(91, 91);
		setreuid(91, 91);
		char *argv[] = {"initfs:bin/ahcid", 0};
		execv(argv[0], argv);
		_exit(127);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	char detail[32];
	snprintf(detail, sizeof detail, "status %#x", status);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 1,
	      "ahcid confined to a manifest without BAR5 cannot map it", detail);
}

/* The pid of the running program `name` from sys:context (0: none). */
static int find_pid(const char *name)
{
	static char text[8192];
	char key[40];
	snprintf(key, sizeof key, " %s", name);
	if (slurp("sys:context", text, sizeof text - 1) < 0)
		return 0;
	int pid = 0;
	for (char *line = strtok(text, "\n"); line && !pid; line = strtok(0, "\n"))
		if (strstr(line, key) && !strstr(line, "zombie"))
			pid = atoi(line);
	return pid;
}

/* Kill ahcid while a child writes, fsyncs and reads back files: pcid
 * restarts it, redoxfsd retries what was in flight, no byte is lost. The
 * child reports each round on a pipe and goes on until told to stop, so
 * at least AFTER_KILL rounds (each with an fsync: the disk) come after
 * the kill however fast the rounds are. */
enum { AFTER_KILL = 8, MAX_ROUNDS = 2000 };
static void test_supervision(const char *driver)
{
	int rounds[2], stop[2];
	pipe(rounds);
	pipe(stop);
	fcntl(stop[0], F_SETFL, O_NONBLOCK);
	pid_t worker = fork();
	if (worker == 0) {
		static uint8_t want[64 * 1024], got[64 * 1024];
		char c;
		for (unsigned i = 0; i < MAX_ROUNDS && read(stop[0], &c, 1) != 1; i++) {
			char path[64];
			snprintf(path, sizeof path, DIR "/loop-%u", i % 4);
			pattern(want, sizeof want, 100 + i);
			if (spill(path, want, sizeof want) ||
			    slurp(path, got, sizeof got) != (long)sizeof got ||
			    memcmp(want, got, sizeof got))
				_exit(10 + (int)(i % 100));
			write(rounds[1], "r", 1);
		}
		_exit(0);
	}
	close(rounds[1]);
	sleep_ms(300);
	int victim = find_pid(driver);
	/* the loop must still be running, so it needs the disk after the kill */
	int running = waitpid(worker, 0, WNOHANG) == 0;
	int killed = running && victim > 0 && kill(victim, SIGKILL) == 0;
	char c;
	fcntl(rounds[0], F_SETFL, O_NONBLOCK);
	while (read(rounds[0], &c, 1) == 1)
		; /* rounds done before the kill */
	fcntl(rounds[0], F_SETFL, 0);
	for (int n = 0; killed && n < AFTER_KILL && read(rounds[0], &c, 1) == 1; n++)
		;
	write(stop[1], "s", 1);
	int status = -1;
	waitpid(worker, &status, 0);
	close(rounds[0]);
	close(stop[0]);
	close(stop[1]);
	sleep_ms(500); /* let pcid's restart line out */
	char detail[64];
	snprintf(detail, sizeof detail, "pid %d, loop running %d, killed %d, worker status %#x",
	         victim, running, killed, status);
	if (killed)
		say("storage-test: killed %s (pid %d) during the write loop\n", driver, victim);
	char what[96];
	snprintf(what, sizeof what, "%s killed during a write/read loop: every byte right, %s back",
	         driver, driver);
	check(killed && WIFEXITED(status) && WEXITSTATUS(status) == 0 && find_pid(driver) > 0, what,
	      detail);
}

/* A process confined to "ports 0x80 1" (the POST-code port, harmless) may
 * write port 0x80 but not 0x81, and gets no SYS_IOPL. */
static int port_child(uint16_t port)
{
	pid_t pid = fork();
	if (pid == 0) {
		const char *grants = "ports 0x80 1\ndma 0\n";
		int fd = open("grant:self", O_WRONLY);
		if (fd < 0 || write(fd, grants, strlen(grants)) < 0)
			_exit(3);
		close(fd);
		setreuid(1000, 1000);
		if (!redox_is_error(syscall1(SYS_IOPL, 3)))
			_exit(4);
		__asm__ volatile("outb %b0, %w1" : : "a"(0x42), "Nd"(port));
		_exit(0);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void test_ports(void)
{
	int ok = port_child(0x80), bad = port_child(0x81);
	char detail[64];
	snprintf(detail, sizeof detail, "0x80: status %#x, 0x81: status %#x", ok, bad);
	check(WIFEXITED(ok) && WEXITSTATUS(ok) == 0 && WIFSIGNALED(bad),
	      "a driver confined to port 0x80 may use it, not 0x81, and gets no iopl", detail);
}

static void test_speed(void)
{
	static uint8_t buf[1 << 20];
	pattern(buf, sizeof buf, 5);
	int fd = open(DIR "/speed", O_CREAT | O_TRUNC | O_RDWR, 0644);
	uint64_t t0 = now_ns();
	int ok = fd >= 0;
	for (int i = 0; ok && i < SPEED_MIB; i++)
		ok = full(fd, buf, sizeof buf, true);
	ok = ok && fsync(fd) == 0;
	uint64_t t1 = now_ns();
	ok = ok && lseek(fd, 0, SEEK_SET) == 0;
	for (int i = 0; ok && i < SPEED_MIB; i++)
		ok = full(fd, buf, sizeof buf, false);
	uint64_t t2 = now_ns();
	close(fd);
	unlink(DIR "/speed");
	if (ok)
		say("storage-test: sequential %d MiB: write+fsync %llu KiB/s, read %llu KiB/s\n",
		    SPEED_MIB,
		    (unsigned long long)(SPEED_MIB * 1024ULL * 1000000000ULL / (t1 - t0)),
		    (unsigned long long)(SPEED_MIB * 1024ULL * 1000000000ULL / (t2 - t1)));
	check(ok, "a sequential write and read of 8 MiB", strerror(errno));
}

int main(void)
{
	int status = start_root_fs();
	char detail[32];
	snprintf(detail, sizeof detail, "status %#x", status);
	check(status == 0, "pcid and redoxfsd serve file: from disk", detail);
	const char *disk = access("disk.ahci0:0", F_OK) == 0 ? "disk.ahci0" : "disk.nvme0";
	if (status == 0) {
		test_persistence(disk);
		test_user(disk);
		if (!strcmp(disk, "disk.ahci0"))
			test_manifest();
		test_ports();
		test_speed();
		test_supervision(strcmp(disk, "disk.ahci0") ? "nvmed" : "ahcid");
	}
	say("storage-test: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
