/*
 * The file system calls beyond open/read/write: links and names
 * (unlink, rmdir, link, symlink, readlink, rename), permissions and
 * owners (access, chmod, chown, umask), directories (mkdir, fchdir),
 * fcntl, sync and truncation, timestamps, lstat, realpath, statvfs, and the
 * Redox-specific fpath. A call that works on a path but whose kernel
 * operation takes a descriptor opens the path with O_STAT first.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>
#include <redox/abi/types.h>

#include "internal/internal.h"
#include "cancel.h"
#include "sys.h"

int unlink(const char *path)
{
	return (int)__sys_result(redox_sys_unlink(path, strlen(path)));
}

int rmdir(const char *path)
{
	return (int)__sys_result(redox_sys_rmdir(path, strlen(path)));
}

int link(const char *from, const char *to)
{
	return (int)__sys_result(redox_sys_link(from, strlen(from), to, strlen(to)));
}

/* Opens a path only to name it in a descriptor call. */
static int open_stat(const char *path, int extra)
{
	return open(path, O_STAT | O_CLOEXEC | extra);
}

/* Runs fn(fd, a, b) on the path opened with O_STAT; keeps fn's errno. */
static int on_path(const char *path, int extra, int (*fn)(int, long, long), long a, long b)
{
	int fd = open_stat(path, extra);
	if (fd < 0)
		return -1;
	int r = fn(fd, a, b);
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

/* The symlink scheme convention: a symlink is a file opened with O_SYMLINK; its content is the
 * target. */
int symlink(const char *target, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_SYMLINK | O_CLOEXEC, 0777);
	if (fd < 0)
		return -1;
	size_t n = strlen(target);
	ssize_t w = write(fd, target, n);
	int saved = errno;
	close(fd);
	if (w != (ssize_t)n) {
		errno = w < 0 ? saved : EIO;
		return -1;
	}
	return 0;
}

ssize_t readlink(const char *restrict path, char *restrict buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_SYMLINK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	ssize_t r = fstat(fd, &st);
	if (r == 0 && !S_ISLNK(st.st_mode)) {
		errno = EINVAL;
		r = -1;
	}
	if (r == 0)
		r = read(fd, buf, n);
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

static int frename(int fd, long to, long unused)
{
	(void)unused;
	const char *p = (const char *)to;
	return (int)__sys_result(redox_sys_frename(fd, p, strlen(p)));
}

int rename(const char *from, const char *to)
{
	return on_path(from, O_NOFOLLOW, frename, (long)to, 0);
}

/* Permission bits for the real ids, as POSIX asks of access(). */
static int check_access(int fd, long mode, long unused)
{
	(void)unused;
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -1;
	if (mode == F_OK)
		return 0;
	uid_t uid = getuid();
	int want = (int)mode & (R_OK | W_OK | X_OK), have;
	if (uid == 0) {
		/* root reads and writes anything; executes what anyone may */
		have = R_OK | W_OK | ((st.st_mode & 0111) || S_ISDIR(st.st_mode) ? X_OK : 0);
	} else if (st.st_uid == uid) {
		have = (st.st_mode >> 6) & 7;
	} else if (st.st_gid == getgid()) {
		have = (st.st_mode >> 3) & 7;
	} else {
		have = st.st_mode & 7;
	}
	if ((want & have) != want) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

int access(const char *path, int mode)
{
	if (mode & ~(R_OK | W_OK | X_OK)) {
		errno = EINVAL;
		return -1;
	}
	return on_path(path, 0, check_access, mode, 0);
}

int chmod(const char *path, mode_t mode)
{
	return (int)__sys_result(redox_sys_chmod(path, strlen(path), mode & 07777));
}

int fchmod(int fd, mode_t mode)
{
	return (int)__sys_result(redox_sys_fchmod(fd, mode & 07777));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)__sys_result(redox_sys_fchown(fd, (uint32_t)uid, (uint32_t)gid));
}

static int fchown_args(int fd, long uid, long gid)
{
	return fchown(fd, (uid_t)uid, (gid_t)gid);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	return on_path(path, 0, fchown_args, (long)uid, (long)gid);
}

int lchown(const char *path, uid_t uid, gid_t gid)
{
	return on_path(path, O_NOFOLLOW, fchown_args, (long)uid, (long)gid);
}

mode_t umask(mode_t mask)
{
	return (mode_t)redox_sys_umask(mask & 0777);
}

/* The kernel applies the mask to every open with O_CREAT (mkdir's too). */
int mkdir(const char *path, mode_t mode)
{
	int fd = open(path, O_CREAT | O_EXCL | O_DIRECTORY | O_CLOEXEC, mode & 07777);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	int fd = open_stat(path, O_NOFOLLOW);
	if (fd < 0)
		return -1;
	int r = fstat(fd, st);
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

/* struct flock is the C library's own; the kernel reads struct redox_flock. */
static int record_lock(int fd, int cmd, struct flock *fl)
{
	if (!fl) {
		errno = EFAULT;
		return -1;
	}
	struct redox_flock k = {.type = fl->l_type,
	                        .whence = fl->l_whence,
	                        .start = fl->l_start,
	                        .len = fl->l_len,
	                        .pid = fl->l_pid};
	long r = __sys_result(redox_sys_fcntl(fd, (uint64_t)cmd, (uint64_t)(uintptr_t)&k));
	if (r >= 0 && cmd == F_GETLK) {
		fl->l_type = k.type;
		fl->l_whence = k.whence;
		fl->l_start = k.start;
		fl->l_len = k.len;
		fl->l_pid = k.pid;
	}
	return (int)r;
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	uint64_t arg = va_arg(ap, uint64_t);
	va_end(ap);
	if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW)
		return record_lock(fd, cmd, (struct flock *)(uintptr_t)arg);
	if (cmd == F_SETFD) /* FD_CLOEXEC is the kernel's O_CLOEXEC bit */
		arg = (arg & FD_CLOEXEC) ? O_CLOEXEC : 0;
	long r = __sys_result(redox_sys_fcntl(fd, (uint64_t)cmd, arg));
	if (r >= 0 && cmd == F_GETFD)
		r = (r & O_CLOEXEC) ? FD_CLOEXEC : 0;
	return (int)r;
}

int fsync(int fd)
{
	return (int)__sys_result(redox_cp_fsync(fd));
}

int fdatasync(int fd)
{
	return fsync(fd);
}

int ftruncate(int fd, off_t len)
{
	if (len < 0) {
		errno = EINVAL;
		return -1;
	}
	return (int)__sys_result(redox_sys_ftruncate(fd, (uint64_t)len));
}

int truncate(const char *path, off_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = ftruncate(fd, len);
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

long fpath(int fd, char *buf, unsigned long len)
{
	return __sys_result(redox_sys_fpath(fd, buf, len));
}

int fchdir(int fd)
{
	char path[PATH_MAX];
	ssize_t n = fpath(fd, path, sizeof path - 1);
	if (n < 0)
		return -1;
	path[n] = 0;
	return chdir(path);
}

/* realpath: the file's own name (fpath), without the default scheme's "file:" prefix. */
char *realpath(const char *restrict path, char *restrict resolved)
{
	char buf[PATH_MAX];
	int fd = open_stat(path, 0);
	if (fd < 0)
		return 0;
	ssize_t n = fpath(fd, buf, sizeof buf - 1);
	int saved = errno;
	close(fd);
	if (n < 0) {
		errno = saved;
		return 0;
	}
	buf[n] = 0;
	const char *name = strncmp(buf, "file:", 5) ? buf : buf + 5;
	if (!resolved)
		return strdup(name);
	strcpy(resolved, name);
	return resolved;
}

int futimens(int fd, const struct timespec times[2])
{
	struct redox_timespec t[2];
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	for (int i = 0; i < 2; i++) {
		struct timespec v = times ? times[i] : now;
		if (v.tv_nsec == UTIME_NOW)
			v = now;
		if (v.tv_nsec == UTIME_OMIT) {
			/* keep the old value: read it back first */
			struct stat st;
			if (fstat(fd, &st) < 0)
				return -1;
			v = i == 0 ? st.st_atim : st.st_mtim;
		}
		if (v.tv_nsec < 0 || v.tv_nsec >= 1000000000L) {
			errno = EINVAL;
			return -1;
		}
		t[i].tv_sec = v.tv_sec;
		t[i].tv_nsec = (int32_t)v.tv_nsec;
	}
	return (int)__sys_result(redox_sys_futimens(fd, t, sizeof t));
}

static int futimens_args(int fd, long times, long unused)
{
	(void)unused;
	return futimens(fd, (const struct timespec *)times);
}

int utimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];
	if (tv)
		for (int i = 0; i < 2; i++)
			ts[i] = (struct timespec){tv[i].tv_sec, tv[i].tv_usec * 1000L};
	return on_path(path, 0, futimens_args, tv ? (long)ts : 0, 0);
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];
	if (times) {
		ts[0] = (struct timespec){times->actime, 0};
		ts[1] = (struct timespec){times->modtime, 0};
	}
	return on_path(path, 0, futimens_args, times ? (long)ts : 0, 0);
}

long fpathconf(int fd, int name)
{
	(void)fd;
	switch (name) {
	case _PC_LINK_MAX:
		return 65535;
	case _PC_MAX_CANON:
	case _PC_MAX_INPUT:
		return 255;
	case _PC_NAME_MAX:
		return NAME_MAX;
	case _PC_PATH_MAX:
		return PATH_MAX;
	case _PC_PIPE_BUF:
		return PIPE_BUF;
	case _PC_NO_TRUNC:
		return 1;
	}
	errno = EINVAL;
	return -1;
}

long pathconf(const char *path, int name)
{
	(void)path;
	return fpathconf(-1, name);
}

int __relibc_fd_is_dir(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -1;
	return S_ISDIR(st.st_mode) ? 1 : 0;
}

int fstatvfs(int fd, struct statvfs *buf)
{
	struct redox_statvfs kv;
	if (__sys_result(redox_sys_fstatvfs(fd, &kv, sizeof kv)) < 0)
		return -1;
	memset(buf, 0, sizeof *buf);
	buf->f_bsize = buf->f_frsize = kv.f_bsize;
	buf->f_blocks = kv.f_blocks;
	buf->f_bfree = kv.f_bfree;
	buf->f_bavail = kv.f_bavail;
	buf->f_namemax = NAME_MAX;
	return 0;
}

static int fstatvfs_args(int fd, long buf, long unused)
{
	(void)unused;
	return fstatvfs(fd, (struct statvfs *)buf);
}

int statvfs(const char *restrict path, struct statvfs *restrict buf)
{
	return on_path(path, 0, fstatvfs_args, (long)buf, 0);
}

/*
 * The path an *at() call means: `path` itself when it is absolute (or
 * names a scheme) or dirfd is AT_FDCWD, else the folder dirfd's path
 * joined with it. 0, or -1 (EBADF, ENAMETOOLONG, ENOENT for "").
 */
int __relibc_at_path(int dirfd, const char *path, char *out, size_t len)
{
	if (!*path) {
		errno = ENOENT;
		return -1;
	}
	if (dirfd == AT_FDCWD || path[0] == '/' || strchr(path, ':')) {
		if (strlen(path) >= len) {
			errno = ENAMETOOLONG;
			return -1;
		}
		strcpy(out, path);
		return 0;
	}
	long n = fpath(dirfd, out, len - 1);
	if (n < 0)
		return -1;
	out[n] = 0;
	if ((size_t)n + 1 + strlen(path) >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (n == 0 || out[n - 1] != '/')
		out[n++] = '/';
	strcpy(out + n, path);
	return 0;
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	char full[PATH_MAX];
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	if (__relibc_at_path(dirfd, path, full, sizeof full) < 0)
		return -1;
	int extra = flags & AT_SYMLINK_NOFOLLOW ? O_SYMLINK : 0;
	return on_path(full, extra, futimens_args, (long)times, 0);
}
