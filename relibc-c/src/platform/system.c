/*
 * System-wide settings and sessions: sync, sethostname, clock_settime,
 * setsid, mknod.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

/* The root filesystem commits everything written so far on an fsync of
 * any of its files: its root folder will do. */
void sync(void)
{
	int fd = open("file:/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	fsync(fd);
	close(fd);
}

/* The host name is the first line of /etc/hostname (see gethostname);
 * only who may write that file may change it. */
int sethostname(const char *name, size_t len)
{
	if (len > 255 || memchr(name, '\n', len)) {
		errno = EINVAL;
		return -1;
	}
	int fd = open("/etc/hostname", O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES)
			errno = EPERM;
		return -1;
	}
	int ok = write(fd, name, len) == (ssize_t)len && write(fd, "\n", 1) == 1;
	int saved = errno;
	close(fd);
	errno = saved;
	return ok ? 0 : -1;
}

/* The kernel keeps its clocks from the hardware and offers no way to set
 * them: the same answer as for an unprivileged caller elsewhere. */
int clock_settime(clockid_t clock, const struct timespec *ts)
{
	(void)ts;
	errno = clock == CLOCK_REALTIME ? EPERM : EINVAL;
	return -1;
}

/* Sessions are process groups here (the kernel has no session ids and no
 * controlling terminals): a new group led by the caller, refused when it
 * already leads one, as POSIX says. */
pid_t setsid(void)
{
	pid_t self = getpid();
	if (getpgid(0) == self) {
		errno = EPERM;
		return -1;
	}
	if (setpgid(0, 0) < 0)
		return -1;
	return self;
}

/* Regular files are made as creat does; RedoxFS has no device or FIFO
 * nodes (devices are schemes), so those cannot be made. */
int mknod(const char *path, mode_t mode, dev_t dev)
{
	(void)dev;
	if ((mode & S_IFMT) == S_IFREG || (mode & S_IFMT) == 0) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 07777);
		if (fd < 0)
			return -1;
		close(fd);
		return 0;
	}
	errno = EPERM;
	return -1;
}
