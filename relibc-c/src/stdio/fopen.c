/*
 * Opening streams by name: the mode string, fopen and freopen.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "stdio/file.h"

/* "r", "w", "a", each with an optional "+", then any of "b" (ignored), "x" (O_EXCL), "e"
 * (O_CLOEXEC). */
int __stdio_parse_mode(const char *mode, unsigned *fflags)
{
	int o;
	switch (*mode) {
	case 'r':
		o = O_RDONLY;
		*fflags = F_READ;
		break;
	case 'w':
		o = O_WRONLY | O_CREAT | O_TRUNC;
		*fflags = F_WRITE;
		break;
	case 'a':
		o = O_WRONLY | O_CREAT | O_APPEND;
		*fflags = F_WRITE;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+') {
			o = (o & ~O_ACCMODE) | O_RDWR;
			*fflags = F_READ | F_WRITE;
		} else if (*m == 'x') {
			o |= O_EXCL;
		} else if (*m == 'e') {
			o |= O_CLOEXEC;
		}
	}
	return o;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	unsigned fflags;
	int o = __stdio_parse_mode(mode, &fflags);
	if (o < 0)
		return 0;
	int fd = open(path, o, 0666);
	if (fd < 0)
		return 0;
	FILE *f = __stdio_new(fd, fflags, &__stdio_fd_ops, 0);
	if (!f) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return f;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	unsigned fflags;
	int o = __stdio_parse_mode(mode, &fflags);
	if (o < 0)
		goto fail;
	if (f->wend)
		__stdio_flush(f);
	if (!path) {
		/* the same file with another mode: only O_APPEND can change */
		if (f->fd < 0 || fcntl(f->fd, F_SETFL, o & O_APPEND) < 0)
			goto fail;
		__stdio_reset(f);
		f->flags = (f->flags & ~(F_READ | F_WRITE)) | fflags;
		return f;
	}
	int fd = open(path, o, 0666);
	if (fd < 0)
		goto fail;
	if (f->flags & F_CLOSED) {
		f->fd = fd;
		__stdio_link(f);
	} else if (f->fd >= 0) {
		/* keep the descriptor number (freopen of stdout must stay fd 1) */
		if (dup2(fd, f->fd) < 0) {
			close(fd);
			goto fail;
		}
		close(fd);
		if (o & O_CLOEXEC)
			fcntl(f->fd, F_SETFD, FD_CLOEXEC);
	} else {
		if (f->ops.close)
			f->ops.close(f->cookie);
		f->fd = fd;
	}
	f->ops = __stdio_fd_ops;
	f->cookie = f;
	__stdio_reset(f);
	f->flags = (f->flags & ~(F_READ | F_WRITE | F_CLOSED)) | fflags;
	return f;
fail:
	__stdio_close(f, 0);
	return 0;
}
