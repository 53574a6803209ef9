/*
 * fs-test: the file: scheme served by redoxfsd, run as init of its test
 * image. It starts initfs:bin/redoxfsd (which serves the image's own
 * RedoxFS partition, loaded by the bootloader as the live image), then
 * checks files, directories, symlinks, renames, attributes and
 * permissions, mmap and record locks through ordinary system calls, and
 * that a restarted daemon sees what the first one committed. One line per check ("fs-test: <what>:
 * ok|FAIL"), then "fs-test: done: N checks ok, N failed"; the exit code
 * ends QEMU. tests/bats/rootfs.bats reads the serial log.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox/syscall.h>
#include <redox/abi/types.h>

#include "guest.h"

#define DIR_PATH "file:/fs-test"

static int passed, failed;

static void check(int ok, const char *what, const char *detail)
{
	say("fs-test: %s: %s%s%s\n", what, ok ? "ok" : "FAIL", detail && !ok ? " -- " : "",
	    detail && !ok ? detail : "");
	ok ? passed++ : failed++;
}

/* The calls relibc-c has no wrapper for (yet): -1 and errno on failure. */
static long sys(uint64_t result)
{
	int error = 0;
	long r = (long)redox_demux(result, &error);
	if (r < 0)
		errno = error;
	return r;
}

static long path_call(uint64_t number, const char *path, uint64_t arg)
{
	return sys(syscall3(number, (uint64_t)path, strlen(path), arg));
}

static long rename_fd(int fd, const char *path)
{
	return sys(syscall3(SYS_FRENAME, (uint64_t)fd, (uint64_t)path, strlen(path)));
}

static long path_of(int fd, char *buf, size_t len)
{
	long n = sys(syscall3(SYS_FPATH, (uint64_t)fd, (uint64_t)buf, len - 1));
	buf[n > 0 ? n : 0] = 0;
	return n;
}

/* Errno of a call expected to fail (0 if it succeeded). */
#define FAILS_WITH(call) ((call) < 0 ? errno : 0)

static int open_close(const char *path, int flags)
{
	int fd = open(path, flags);
	if (fd >= 0)
		close(fd);
	return fd;
}

static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	long len = 0, n;
	while (len < (long)size - 1 && (n = read(fd, buf + len, size - 1 - (size_t)len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

static int write_file(const char *path, int flags, int mode, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | flags, mode);
	if (fd < 0)
		return -1;
	long n = write(fd, text, strlen(text));
	close(fd);
	return n == (long)strlen(text) ? 0 : -1;
}

/* Start initfs:bin/redoxfsd; it returns once file: is served. */
static int start_daemon(void)
{
	return start_root_fs();
}

/* ---- the checks ---- */

static void test_files(void)
{
	char buf[256], detail[64];
	int dir = open(DIR_PATH, O_CREAT | O_DIRECTORY | O_RDONLY, 0755);
	struct stat st;
	check(dir >= 0 && fstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	          (st.st_mode & 0777) == 0755,
	      "mkdir through open(O_CREAT | O_DIRECTORY)", strerror(errno));
	close(dir);

	int fd = open(DIR_PATH "/a.txt", O_CREAT | O_EXCL | O_RDWR, 0644);
	long w = fd >= 0 ? write(fd, "hello, world", 12) : -1;
	long s = lseek(fd, 0, SEEK_SET), r = read(fd, buf, sizeof buf);
	check(fd >= 0 && w == 12 && s == 0 && r == 12 && !memcmp(buf, "hello, world", 12),
	      "create, write, seek back, read", strerror(errno));
	check(lseek(fd, 7, SEEK_SET) == 7 && read(fd, buf, 5) == 5 && !memcmp(buf, "world", 5) &&
	          lseek(fd, 0, SEEK_END) == 12 && lseek(fd, -3, SEEK_CUR) == 9 &&
	          FAILS_WITH(lseek(fd, -20, SEEK_CUR)) == EINVAL,
	      "lseek: SET, END, CUR; before the start is EINVAL", 0);
	check(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644 &&
	          st.st_size == 12 && st.st_nlink == 1 && st.st_uid == 0 && st.st_mtime > 0,
	      "fstat: type, mode, size, links, owner, mtime", 0);
	check(path_of(fd, buf, sizeof buf) > 0 && !strcmp(buf, "file:/fs-test/a.txt"),
	      "fpath is file:/fs-test/a.txt", buf);
	struct redox_statvfs vfs = {0};
	check(sys(syscall3(SYS_FSTATVFS, (uint64_t)fd, (uint64_t)&vfs, sizeof vfs)) == 0 &&
	          vfs.f_bsize == 4096 && vfs.f_blocks > 0 && vfs.f_bfree > 0 &&
	          vfs.f_bfree < vfs.f_blocks,
	      "fstatvfs: block size, total and free blocks", 0);
	close(fd);
	check(FAILS_WITH(open(DIR_PATH "/a.txt", O_CREAT | O_EXCL | O_RDWR, 0644)) == EEXIST,
	      "O_CREAT | O_EXCL on an existing file is EEXIST", 0);

	/* a file over many blocks, with a hole */
	static char big[300000], back[300000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 7 + i / 4096);
	fd = open(DIR_PATH "/big", O_CREAT | O_RDWR | O_TRUNC, 0600);
	w = write(fd, big, sizeof big);
	s = lseek(fd, 1 << 20, SEEK_SET);
	long tail = write(fd, "end", 3);
	lseek(fd, 0, SEEK_SET);
	r = 0;
	while (r < (long)sizeof back && (s = read(fd, back + r, sizeof back - (size_t)r)) > 0)
		r += s;
	char hole[16] = {1};
	lseek(fd, 600000, SEEK_SET);
	long h = read(fd, hole, sizeof hole);
	snprintf(detail, sizeof detail, "wrote %ld+%ld, read %ld", w, tail, r);
	check(fd >= 0 && w == (long)sizeof big && tail == 3 && r == (long)sizeof back &&
	          !memcmp(big, back, sizeof big) && h == 16 && !memcmp(hole, (char[16]){0}, 16) &&
	          fstat(fd, &st) == 0 && st.st_size == (1 << 20) + 3,
	      "300 KB over many blocks read back; a hole reads as zeros", detail);
	check(sys(syscall2(SYS_FTRUNCATE, (uint64_t)fd, 5000)) == 0 && fstat(fd, &st) == 0 &&
	          st.st_size == 5000 && lseek(fd, 0, SEEK_SET) == 0 &&
	          read(fd, back, 6000) == 5000 && !memcmp(big, back, 5000),
	      "ftruncate shortens a file and keeps its start", 0);
	check(sys(syscall1(SYS_FSYNC, (uint64_t)fd)) == 0, "fsync", 0);
	close(fd);

	check(write_file(DIR_PATH "/a.txt", O_TRUNC, 0644, "new") == 0 &&
	          slurp(DIR_PATH "/a.txt", buf, sizeof buf) == 3 && !strcmp(buf, "new"),
	      "O_TRUNC empties the file first", buf);
	check(write_file(DIR_PATH "/a.txt", O_APPEND, 0644, "+more") == 0 &&
	          slurp(DIR_PATH "/a.txt", buf, sizeof buf) == 8 && !strcmp(buf, "new+more"),
	      "O_APPEND writes at the end", buf);
	check(stat(DIR_PATH "/a.txt", &st) == 0 && st.st_size == 8, "stat (O_STAT) of a path", 0);
	check(FAILS_WITH(open(DIR_PATH "/missing", O_RDONLY)) == ENOENT &&
	          FAILS_WITH(open(DIR_PATH "/a.txt/x", O_RDONLY)) == ENOTDIR,
	      "a missing file is ENOENT, a file used as a folder ENOTDIR", 0);
	check(FAILS_WITH(open(DIR_PATH "/a.txt", O_RDONLY | O_DIRECTORY)) == ENOTDIR &&
	          FAILS_WITH(open(DIR_PATH, O_WRONLY)) == EISDIR,
	      "O_DIRECTORY on a file is ENOTDIR; writing a folder EISDIR", 0);
}

static void test_names(void)
{
	char buf[512];
	int fd = open(DIR_PATH "/a.txt", O_RDONLY);
	check(fd >= 0 && rename_fd(fd, "file:/fs-test/b.txt") == 0 &&
	          FAILS_WITH(open(DIR_PATH "/a.txt", O_RDONLY)) == ENOENT &&
	          slurp(DIR_PATH "/b.txt", buf, sizeof buf) == 8 &&
	          path_of(fd, buf, sizeof buf) > 0 && !strcmp(buf, "file:/fs-test/b.txt"),
	      "frename moves the file; fpath follows", buf);
	check(FAILS_WITH(rename_fd(fd, "initfs:/b.txt")) == EXDEV,
	      "frename to another scheme is EXDEV", 0);
	close(fd);

	int sub = open(DIR_PATH "/sub", O_CREAT | O_DIRECTORY | O_RDONLY, 0755);
	close(sub);
	check(sub >= 0 && write_file(DIR_PATH "/sub/inner", 0, 0644, "x") == 0,
	      "a folder in a folder, a file in it", 0);
	fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
	long n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	buf[n > 0 ? n : 0] = 0;
	close(fd);
	check(strstr(buf, "b.txt\n") && strstr(buf, "sub\n") && strstr(buf, "big\n") &&
	          !strstr(buf, "a.txt"),
	      "reading a folder lists its names, one a line", buf);

	check(FAILS_WITH(path_call(SYS_RMDIR, DIR_PATH "/sub", 0)) == ENOTEMPTY,
	      "rmdir of a non-empty folder is ENOTEMPTY", 0);
	check(FAILS_WITH(path_call(SYS_UNLINK, DIR_PATH "/sub", 0)) == EISDIR &&
	          FAILS_WITH(path_call(SYS_RMDIR, DIR_PATH "/b.txt", 0)) == ENOTDIR,
	      "unlink of a folder is EISDIR, rmdir of a file ENOTDIR", 0);
	check(path_call(SYS_UNLINK, DIR_PATH "/sub/inner", 0) == 0 &&
	          FAILS_WITH(open(DIR_PATH "/sub/inner", O_RDONLY)) == ENOENT &&
	          path_call(SYS_RMDIR, DIR_PATH "/sub", 0) == 0 &&
	          FAILS_WITH(open(DIR_PATH "/sub", O_RDONLY)) == ENOENT,
	      "unlink a file, then rmdir its folder", 0);

	/* a symlink: made by open(O_CREAT | O_SYMLINK) and one write of its target */
	fd = open(DIR_PATH "/link", O_CREAT | O_EXCL | O_WRONLY | O_SYMLINK, 0777);
	long w = fd >= 0 ? write(fd, "b.txt", 5) : -1;
	close(fd);
	check(w == 5 && slurp(DIR_PATH "/link", buf, sizeof buf) == 8 && !strcmp(buf, "new+more"),
	      "a symlink is followed on open", buf);
	fd = open(DIR_PATH "/link", O_RDONLY | O_SYMLINK);
	n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	buf[n > 0 ? n : 0] = 0;
	struct stat st;
	check(n == 5 && !strcmp(buf, "b.txt") && fstat(fd, &st) == 0 && S_ISLNK(st.st_mode),
	      "O_SYMLINK opens the link itself", buf);
	close(fd);
	check(FAILS_WITH(open(DIR_PATH "/link", O_RDONLY | O_NOFOLLOW)) == ELOOP,
	      "O_NOFOLLOW on a symlink is ELOOP", 0);
	check(FAILS_WITH(open(DIR_PATH "/link", O_CREAT | O_EXCL | O_WRONLY, 0644)) == EEXIST,
	      "O_CREAT | O_EXCL does not follow a symlink", 0);

	/* a link into another scheme (/dev/null -> null:): relibc-c's open follows it */
	check(symlink("zero:", DIR_PATH "/zero") == 0, "symlink to zero:", 0);
	fd = open(DIR_PATH "/zero", O_RDONLY);
	memset(buf, 'x', 16);
	n = fd >= 0 ? read(fd, buf, 16) : -1;
	close(fd);
	check(n == 16 && !buf[0] && !buf[15] && stat(DIR_PATH "/zero", &st) == 0 &&
	          !S_ISLNK(st.st_mode) && lstat(DIR_PATH "/zero", &st) == 0 &&
	          S_ISLNK(st.st_mode) && readlink(DIR_PATH "/zero", buf, sizeof buf) == 5,
	      "a symlink into another scheme is followed by open and stat, not lstat", 0);
	check(FAILS_WITH(open(DIR_PATH "/zero", O_RDONLY | O_NOFOLLOW)) == ELOOP &&
	          path_call(SYS_UNLINK, DIR_PATH "/zero", 0) == 0,
	      "O_NOFOLLOW on it is ELOOP; unlink removes the link", 0);

	char cwd[64];
	check(chdir(DIR_PATH) == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, DIR_PATH) &&
	          slurp("b.txt", buf, sizeof buf) == 8,
	      "chdir into file:, then a relative path", cwd);
	chdir("file:/");
}

static void test_attributes(void)
{
	int fd = open(DIR_PATH "/b.txt", O_RDWR);
	struct stat st;
	struct redox_timespec times[2] = {{1000000000, 5}, {1200000000, 7}};
	check(sys(syscall2(SYS_FCHMOD, (uint64_t)fd, 0640)) == 0 && fstat(fd, &st) == 0 &&
	          (st.st_mode & 07777) == 0640,
	      "fchmod", 0);
	check(path_call(SYS_CHMOD, DIR_PATH "/b.txt", 0644) == 0 && fstat(fd, &st) == 0 &&
	          (st.st_mode & 07777) == 0644,
	      "chmod by path", 0);
	check(sys(syscall3(SYS_FCHOWN, (uint64_t)fd, 42, 43)) == 0 && fstat(fd, &st) == 0 &&
	          st.st_uid == 42 && st.st_gid == 43 &&
	          sys(syscall3(SYS_FCHOWN, (uint64_t)fd, 0, 0)) == 0,
	      "fchown (root)", 0);
	check(sys(syscall3(SYS_FUTIMENS, (uint64_t)fd, (uint64_t)times, sizeof times)) == 0 &&
	          fstat(fd, &st) == 0 && st.st_atime == 1000000000 && st.st_mtime == 1200000000,
	      "futimens sets atime and mtime", 0);
	close(fd);
}

/* Bits of the uid-1000 child's exit code: which rule went wrong. */
static int as_user(void)
{
	if (setregid(1000, 1000) < 0 || setreuid(1000, 1000) < 0)
		return 1;
	int bad = 0;
	if (FAILS_WITH(open(DIR_PATH "/rootfile", O_WRONLY)) != EACCES)
		bad |= 2; /* write a root 0644 file */
	if (open_close(DIR_PATH "/rootfile", O_RDONLY) < 0)
		bad |= 4; /* but reading it is fine */
	if (FAILS_WITH(open(DIR_PATH "/secret", O_RDONLY)) != EACCES)
		bad |= 8; /* a root 0600 file */
	if (FAILS_WITH(open(DIR_PATH "/mine", O_CREAT | O_WRONLY, 0644)) != EACCES)
		bad |= 16; /* create in a root 0755 folder */
	if (FAILS_WITH(path_call(SYS_UNLINK, DIR_PATH "/rootfile", 0)) != EACCES)
		bad |= 32; /* remove from it */
	if (FAILS_WITH(path_call(SYS_CHMOD, DIR_PATH "/rootfile", 0666)) != EPERM)
		bad |= 64; /* chmod someone else's file */
	int fd = open(DIR_PATH "/pub/mine", O_CREAT | O_RDWR, 0600);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_uid != 1000 || st.st_gid != 1000 ||
	    sys(syscall2(SYS_FCHMOD, (uint64_t)fd, 0644)) < 0)
		bad |= 128; /* a file of its own in a world-writable folder */
	if (FAILS_WITH(sys(syscall3(SYS_FCHOWN, (uint64_t)fd, 0, 0))) != EPERM)
		bad |= 256; /* giving it away */
	close(fd);
	fd = open(DIR_PATH "/rootfile", O_RDONLY);
	if (FAILS_WITH(sys(syscall2(SYS_FCHMOD, (uint64_t)fd, 0666))) != EPERM)
		bad |= 512; /* fchmod through a read-only handle of root's file */
	close(fd);
	return bad;
}

static void test_permissions(void)
{
	int ok = write_file(DIR_PATH "/rootfile", O_TRUNC, 0644, "root's") == 0 &&
	         write_file(DIR_PATH "/secret", O_TRUNC, 0600, "hidden") == 0;
	int pub = open(DIR_PATH "/pub", O_CREAT | O_DIRECTORY | O_RDONLY, 0777);
	ok = ok && pub >= 0 && sys(syscall2(SYS_FCHMOD, (uint64_t)pub, 0777)) == 0;
	close(pub);
	pid_t pid = fork();
	if (pid == 0)
		_exit(as_user());
	int status = -1;
	waitpid(pid, &status, 0);
	char detail[48];
	snprintf(detail, sizeof detail, "setup %d, child status %#x", ok, status);
	check(ok && status == 0,
	      "uid 1000: cannot write a root 0644 file or read a 0600 one, create or remove in a "
	      "root folder, chmod or chown others' files; may create its own in a 0777 folder",
	      detail);
	check(open_close(DIR_PATH "/rootfile", O_WRONLY) >= 0, "root may write the same file", 0);
}

/* Kill the daemon, start another: what the first committed is still there. */
/* mmap of files through redoxfsd's fmap (recipes/core/redoxfs/source/mmap.c) */
static void test_mmap(void)
{
	const char *path = DIR_PATH "/mapped";
	char text[64] = {0};
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	check(fd >= 0 && write(fd, "0123456789", 10) == 10, "mmap: a 10-byte file", 0);
	char *priv = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check(priv != MAP_FAILED && !memcmp(priv, "0123456789", 10) && priv[10] == 0,
	      "mmap: MAP_PRIVATE has the file's bytes, zeros past its end", 0);
	if (priv != MAP_FAILED)
		memcpy(priv, "private", 7);
	char *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int ok = shared != MAP_FAILED && !memcmp(shared, "0123456789", 10);
	if (ok)
		memcpy(shared + 2, "AB", 2);
	ok = ok && pread(fd, text, 10, 0) == 10 && !memcmp(text, "01AB456789", 10);
	check(ok, "mmap: MAP_SHARED writes are read back through read(), private ones are not",
	      text);
	ok = pwrite(fd, "w", 1, 5) == 1 && shared != MAP_FAILED && shared[5] == 'w';
	check(ok, "mmap: write() shows in a shared mapping", 0);
	pid_t child = fork();
	if (child == 0) {
		int cfd = open(path, O_RDWR);
		char *c = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		if (c == MAP_FAILED || memcmp(c, "01AB4w6789", 10))
			_exit(1);
		c[9] = 'C';
		_exit(msync(c, 4096, MS_SYNC) == 0 && munmap(c, 4096) == 0 ? 0 : 2);
	}
	int status = -1;
	waitpid(child, &status, 0);
	snprintf(text, sizeof text, "status %#x", status);
	check(status == 0 && shared != MAP_FAILED && shared[9] == 'C',
	      "mmap: two processes mapping the file share its pages", text);
	close(fd); /* the mapping outlives the descriptor */
	if (shared != MAP_FAILED)
		shared[0] = 'Z';
	ok = shared != MAP_FAILED && munmap(shared, 4096) == 0 && priv != MAP_FAILED &&
	     munmap(priv, 4096) == 0;
	memset(text, 0, sizeof text);
	struct stat st;
	ok = ok && slurp(path, text, sizeof text) == 10 && !strcmp(text, "Z1AB4w678C") &&
	     stat(path, &st) == 0 && st.st_size == 10;
	check(ok, "mmap: written back at munmap after close, and the file did not grow", text);
	fd = open(path, O_RDONLY);
	errno = 0;
	ok = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
	     errno == EACCES;
	char *ro = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ok = ok && ro != MAP_FAILED && ro[0] == 'Z';
	errno = 0;
	ok = ok && mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 100) == MAP_FAILED && errno == EINVAL;
	close(fd);
	fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
	errno = 0;
	ok = ok && mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED && errno == ENODEV;
	close(fd);
	check(ok,
	      "mmap: read-only handle gives EACCES for shared writes, unaligned EINVAL, "
	      "directories ENODEV",
	      0);
}

/* POSIX record locks between processes (kernel/proc/reclock.c) */
static int lock(int fd, int cmd, int type, long start, long len)
{
	struct flock fl = {
	    .l_type = (short)type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
	return fcntl(fd, cmd, &fl);
}

static void test_locks(void)
{
	const char *path = DIR_PATH "/locked";
	char buf[96];
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	check(fd >= 0 && lock(fd, F_SETLK, F_WRLCK, 100, 10) == 0 &&
	          lock(fd, F_SETLK, F_RDLCK, 200, 0) == 0,
	      "locks: a write lock on bytes 100..109, a read lock from 200 on", 0);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		int cfd = open(path, O_RDWR);
		struct flock fl = {
		    .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 105, .l_len = 1};
		int bad = 0;
		if (fcntl(cfd, F_GETLK, &fl) != 0 || fl.l_type != F_WRLCK || fl.l_start != 100 ||
		    fl.l_len != 10 || fl.l_pid != parent)
			bad |= 1;
		if (lock(cfd, F_SETLK, F_WRLCK, 109, 1) == 0 || errno != EAGAIN)
			bad |= 2;
		if (lock(cfd, F_SETLK, F_RDLCK, 300, 5) != 0 ||
		    lock(cfd, F_SETLK, F_WRLCK, 110, 90) != 0)
			bad |= 4;
		if (lock(cfd, F_SETLK, F_WRLCK, 1000, 1) == 0 || errno != EAGAIN)
			bad |= 8;
		/* the parent unlocks 100..109 after a moment: F_SETLKW waits for it */
		if (lock(cfd, F_SETLKW, F_WRLCK, 100, 1) != 0)
			bad |= 16;
		_exit(bad);
	}
	sleep_ms(300);
	/* the child holds 110..199: the parent cannot take byte 150 */
	int busy = lock(fd, F_SETLK, F_RDLCK, 150, 1) < 0 && errno == EAGAIN;
	lock(fd, F_SETLK, F_UNLCK, 100, 10);
	int status = -1;
	waitpid(child, &status, 0);
	snprintf(buf, sizeof buf, "status %#x busy %d", status, busy);
	check(status == 0 && busy,
	      "locks: another process sees them (F_GETLK), is refused (EAGAIN), waits (F_SETLKW)",
	      buf);
	check(lock(fd, F_SETLK, F_WRLCK, 100, 100) == 0,
	      "locks: the child's locks went when it ended", 0);
	struct stat st;
	int kept = stat(path, &st) == 0 && access(path, R_OK) == 0;
	child = fork();
	if (child == 0) {
		int cfd = open(path, O_RDWR);
		_exit(lock(cfd, F_SETLK, F_RDLCK, 150, 1) < 0 && errno == EAGAIN ? 0 : 1);
	}
	waitpid(child, &status, 0);
	check(kept && status == 0, "locks: stat() and access() of the file keep them", 0);
	int fd2 = open(path, O_RDONLY);
	close(fd2);
	child = fork();
	if (child == 0) {
		int cfd = open(path, O_RDWR);
		_exit(lock(cfd, F_SETLK, F_WRLCK, 0, 0) == 0 ? 0 : 1);
	}
	waitpid(child, &status, 0);
	check(status == 0, "locks: closing any descriptor of the file releases the process's locks",
	      0);
	int rd = open(path, O_RDONLY);
	errno = 0;
	int ebadf = lock(rd, F_SETLK, F_WRLCK, 0, 1) < 0 && errno == EBADF;
	errno = 0;
	int einval = lock(fd, F_SETLK, 7, 0, 1) < 0 && errno == EINVAL;
	close(rd);
	close(fd);
	check(ebadf && einval,
	      "locks: a write lock on a read-only descriptor EBADF, a bad type EINVAL", 0);
}

static void test_restart(void)
{
	char text[4096], buf[64];
	if (slurp("sys:context", text, sizeof text) < 0)
		text[0] = 0;
	pid_t daemon = 0;
	char *save = 0;
	for (char *line = strtok_r(text, "\n", &save); line && !daemon;
	     line = strtok_r(0, "\n", &save))
		if (strstr(line, " redoxfsd ") && !strstr(line, "zombie"))
			daemon = (pid_t)strtol(line, 0, 10);
	/* on a disk redoxfsd commits lazily: fsync makes everything so far durable */
	int fd = open(DIR_PATH "/b.txt", O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	int killed = daemon > 0 && kill(daemon, SIGKILL) == 0;
	int gone = 0;
	for (int i = 0; killed && i < 200 && !gone; i++) {
		gone = open_close("file:/", O_RDONLY) < 0 && errno == ENODEV;
		if (!gone)
			sleep_ms(10);
	}
	while (waitpid(-1, 0, WNOHANG) > 0)
		; /* the killed daemon was given to us, pid 1 */
	int status = gone ? run_initfs("redoxfsd") : -1; /* pcid and ahcid still run */
	snprintf(buf, sizeof buf, "pid %d killed %d gone %d status %#x", (int)daemon, killed, gone,
	         status);
	check(status == 0, "a second redoxfsd takes over file: after the first is killed", buf);
	check(slurp(DIR_PATH "/b.txt", text, sizeof text) == 8 && !strcmp(text, "new+more") &&
	          slurp(DIR_PATH "/rootfile", text, sizeof text) == 6,
	      "and sees every change the first one committed", text);
}

int main(void)
{
	say("fs-test: pid %d starting\n", (int)getpid());
	int status = start_daemon();
	char detail[32];
	snprintf(detail, sizeof detail, "status %#x", status);
	check(status == 0, "redoxfsd started and serves file:", detail);
	if (status == 0) {
		test_files();
		test_names();
		test_attributes();
		test_permissions();
		test_mmap();
		test_locks();
		test_restart();
	}
	say("fs-test: done: %d checks ok, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
