/*
 * The *at() calls: each resolves (dirfd, path) to one path with
 * __relibc_at_path (fs.c: dirfd's folder from its fpath joined with a
 * relative path; AT_FDCWD or an absolute path as is) and makes the plain
 * call. Also clock_nanosleep (relative or TIMER_ABSTIME on either clock)
 * and the real-time interval timer (setitimer, getitimer, alarm).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <redox/abi/types.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

#define AT_PATH(dirfd, path, full)                                                                 \
	char full[PATH_MAX];                                                                       \
	if (__relibc_at_path(dirfd, path, full, sizeof full) < 0)                                  \
		return -1;

int openat(int dirfd, const char *path, int flags, ...)
{
	unsigned mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, unsigned);
		va_end(ap);
	}
	AT_PATH(dirfd, path, full);
	return open(full, flags, mode);
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	AT_PATH(dirfd, path, full);
	return flags & AT_SYMLINK_NOFOLLOW ? lstat(full, st) : stat(full, st);
}

int unlinkat(int dirfd, const char *path, int flags)
{
	if (flags & ~AT_REMOVEDIR) {
		errno = EINVAL;
		return -1;
	}
	AT_PATH(dirfd, path, full);
	return flags & AT_REMOVEDIR ? rmdir(full) : unlink(full);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	AT_PATH(dirfd, path, full);
	return mkdir(full, mode);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	AT_PATH(fromfd, from, full_from);
	AT_PATH(tofd, to, full_to);
	return rename(full_from, full_to);
}

int linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
	if (flags & ~AT_SYMLINK_FOLLOW) {
		errno = EINVAL;
		return -1;
	}
	AT_PATH(fromfd, from, full_from);
	AT_PATH(tofd, to, full_to);
	return link(full_from, full_to);
}

int symlinkat(const char *target, int dirfd, const char *path)
{
	AT_PATH(dirfd, path, full);
	return symlink(target, full);
}

ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t n)
{
	AT_PATH(dirfd, path, full);
	return readlink(full, buf, n);
}

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	if (flags & AT_SYMLINK_NOFOLLOW) {
		errno = EOPNOTSUPP; /* as on Linux: a link's own mode means nothing */
		return -1;
	}
	AT_PATH(dirfd, path, full);
	return chmod(full, mode);
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	if (flags & ~AT_SYMLINK_NOFOLLOW) {
		errno = EINVAL;
		return -1;
	}
	AT_PATH(dirfd, path, full);
	return flags & AT_SYMLINK_NOFOLLOW ? lchown(full, uid, gid) : chown(full, uid, gid);
}

/* With AT_EACCESS the effective ids decide, as for the program's own opens. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if ((flags & ~AT_EACCESS) || (mode & ~(R_OK | W_OK | X_OK))) {
		errno = EINVAL;
		return -1;
	}
	AT_PATH(dirfd, path, full);
	if (!(flags & AT_EACCESS) || (geteuid() == getuid() && getegid() == getgid()))
		return access(full, mode);
	struct stat st;
	if (stat(full, &st) < 0)
		return -1;
	uid_t uid = geteuid();
	int have;
	if (uid == 0)
		have = R_OK | W_OK | ((st.st_mode & 0111) || S_ISDIR(st.st_mode) ? X_OK : 0);
	else if (st.st_uid == uid)
		have = (st.st_mode >> 6) & 7;
	else if (st.st_gid == getegid())
		have = (st.st_mode >> 3) & 7;
	else
		have = st.st_mode & 7;
	if ((mode & have) != mode) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

/* access() with the effective ids (GNU; gnulib's findprog calls it) */
int eaccess(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, AT_EACCESS);
}

static struct redox_timespec from_tv(const struct timeval *tv)
{
	return (struct redox_timespec){tv->tv_sec, (int32_t)(tv->tv_usec * 1000)};
}

static struct timeval to_tv(const struct redox_timespec *t)
{
	/* rounded up: a timer that is armed never reads as 0 */
	return (struct timeval){t->tv_sec + (t->tv_nsec > 999999000),
	                        (t->tv_nsec + 999) / 1000 % 1000000};
}

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old)
{
	struct redox_itimerspec set, prev;
	if (value) {
		if (value->it_value.tv_usec < 0 || value->it_value.tv_usec >= 1000000 ||
		    value->it_interval.tv_usec < 0 || value->it_interval.tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		set.value = from_tv(&value->it_value);
		set.interval = from_tv(&value->it_interval);
	}
	if (__sys_result(redox_sys_setitimer(which, value ? &set : 0, &prev)) < 0)
		return -1;
	if (old) {
		old->it_value = to_tv(&prev.value);
		old->it_interval = to_tv(&prev.interval);
	}
	return 0;
}

int getitimer(int which, struct itimerval *value)
{
	return setitimer(which, 0, value);
}

unsigned alarm(unsigned seconds)
{
	struct itimerval set = {{0, 0}, {(time_t)seconds, 0}}, old;
	if (setitimer(ITIMER_REAL, &set, &old) < 0)
		return 0;
	/* the seconds left of an earlier alarm, rounded to nearest, never 0 if armed */
	unsigned left = (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
	return left ? left : old.it_value.tv_usec > 0;
}

/* Returns an error number (not -1 and errno), as POSIX says. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req, struct timespec *rem)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	if (req->tv_nsec < 0 || req->tv_nsec >= 1000000000L || req->tv_sec < 0)
		return EINVAL;
	if (!(flags & TIMER_ABSTIME)) {
		if (nanosleep(req, rem) < 0)
			return errno;
		return 0;
	}
	for (;;) {
		struct timespec now, left;
		clock_gettime(clock, &now);
		left.tv_sec = req->tv_sec - now.tv_sec;
		left.tv_nsec = req->tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_nsec += 1000000000L;
			left.tv_sec--;
		}
		if (left.tv_sec < 0 || (left.tv_sec == 0 && left.tv_nsec == 0))
			return 0;
		/* the real clock may be set meanwhile: sleep, then look again */
		if (nanosleep(&left, 0) < 0)
			return errno;
	}
}
