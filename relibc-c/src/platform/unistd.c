/*
 * The file side of unistd.h, fcntl.h and sys/stat.h over Redox syscalls.
 * read, write, open and close are cancellation points (cancel.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <redox/abi/types.h>

#include "cancel.h"
#include "sys.h"

ssize_t read(int fd, void *buf, size_t len)
{
	return __sys_result(redox_cp_read(fd, buf, len));
}

ssize_t write(int fd, const void *buf, size_t len)
{
	return __sys_result(redox_cp_write(fd, buf, len));
}

int close(int fd)
{
	return (int)__sys_result(redox_cp_close(fd));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return __sys_result(redox_sys_lseek(fd, offset, whence));
}

int dup(int fd)
{
	return (int)__sys_result(redox_sys_dup(fd, 0, 0));
}

int dup2(int fd, int new_fd)
{
	return (int)__sys_result(redox_sys_dup2(fd, new_fd, 0, 0));
}

/* "scheme:...": a name without '/' and then a colon */
static int names_scheme(const char *target)
{
	size_t i = 0;
	while (target[i] && target[i] != ':' && target[i] != '/')
		i++;
	return i > 0 && target[i] == ':';
}

/*
 * A symlink on a filesystem may point into another scheme (/dev/null ->
 * null:). The filesystem cannot follow it and fails the open with ENOENT,
 * so it is followed here, a few links deep; `failed` is returned when the
 * last name is no such link.
 */
static uint64_t open_scheme_link(const char *path, uint64_t flags, uint64_t failed)
{
	char link[2][256];
	int saved = errno;
	uint64_t r = failed;
	for (int hop = 0; hop < 8 && r == failed; hop++) {
		char *target = link[hop & 1];
		ssize_t n = readlink(path, target, sizeof link[0] - 1);
		if (n <= 0)
			break;
		target[n] = '\0';
		if (!names_scheme(target))
			break;
		r = redox_sys_open(target, (size_t)n, flags);
		path = target;
	}
	errno = saved;
	return r;
}

/* Redox's open flags are the ABI's O_* values; the mode rides in the low 16 bits. */
int open(const char *path, int flags, ...)
{
	unsigned mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, unsigned) & 0xFFFF;
		va_end(ap);
	}
	uint64_t f = ((uint64_t)(unsigned)flags & ~0xFFFFULL) | mode;
	uint64_t r = redox_cp_open(path, strlen(path), f);
	if (r == (uint64_t)-ENOENT && !(flags & (O_NOFOLLOW | O_SYMLINK)))
		r = open_scheme_link(path, f, r);
	return (int)__sys_result(r);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int fstat(int fd, struct stat *st)
{
	struct redox_stat rs;
	if (__sys_result(redox_sys_fstat(fd, &rs, sizeof rs)) < 0)
		return -1;
	st->st_dev = rs.dev;
	st->st_ino = rs.ino;
	st->st_mode = rs.mode;
	st->st_nlink = rs.nlink;
	st->st_rdev = 0;
	st->st_uid = rs.uid;
	st->st_gid = rs.gid;
	st->st_size = (off_t)rs.size;
	st->st_blksize = rs.blksize;
	st->st_blocks = (blkcnt_t)rs.blocks;
	st->st_atim = (struct timespec){(time_t)rs.atime, rs.atime_nsec};
	st->st_mtim = (struct timespec){(time_t)rs.mtime, rs.mtime_nsec};
	st->st_ctim = (struct timespec){(time_t)rs.ctime, rs.ctime_nsec};
	return 0;
}

int stat(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_STAT);
	if (fd < 0)
		return -1;
	int r = fstat(fd, st);
	close(fd);
	return r;
}

int chdir(const char *path)
{
	return (int)__sys_result(redox_sys_chdir(path, strlen(path)));
}

char *getcwd(char *buf, size_t size)
{
	if (__sys_result(redox_sys_getcwd(buf, size)) < 0)
		return 0;
	return buf;
}

int pipe2(int fds[2], int flags)
{
	uint64_t pair[2];
	if (__sys_result(redox_sys_pipe2(pair, (uint64_t)flags)) < 0)
		return -1;
	fds[0] = (int)pair[0];
	fds[1] = (int)pair[1];
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}
