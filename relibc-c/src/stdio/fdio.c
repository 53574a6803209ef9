/*
 * Streams over descriptors: the read/write/lseek/close operations, the
 * standard streams (stdin and stdout, like every descriptor stream, are
 * line buffered if isatty says so on first use; stderr is unbuffered),
 * fdopen and fileno. None is a cancellation point.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "stdio/file.h"

/*
 * The stream's lock is held across these calls, so they are no
 * cancellation points (POSIX lets stdio be or not be): a thread cancelled
 * here would leave the stream locked.
 */
static ssize_t fd_read(void *cookie, char *buf, size_t n)
{
	int state;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
	ssize_t r = read(((FILE *)cookie)->fd, buf, n);
	pthread_setcancelstate(state, 0);
	return r;
}

static ssize_t fd_write(void *cookie, const char *buf, size_t n)
{
	int state;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
	ssize_t r = write(((FILE *)cookie)->fd, buf, n);
	pthread_setcancelstate(state, 0);
	return r;
}

static int fd_seek(void *cookie, off_t *off, int whence)
{
	off_t r = lseek(((FILE *)cookie)->fd, *off, whence);
	if (r < 0)
		return -1;
	*off = r;
	return 0;
}

static int fd_close(void *cookie)
{
	int state;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &state);
	int r = close(((FILE *)cookie)->fd);
	pthread_setcancelstate(state, 0);
	return r;
}

const cookie_io_functions_t __stdio_fd_ops = {fd_read, fd_write, fd_seek, fd_close};

#define FD_OPS                                                                                     \
	{                                                                                          \
		fd_read, fd_write, fd_seek, fd_close                                               \
	}

static unsigned char in_buf[FILE_UNGET + BUFSIZ], out_buf[FILE_UNGET + BUFSIZ];
static FILE f_stdin, f_stdout, f_stderr;

static FILE f_stdin = {
    .flags = F_READ | F_STATIC | F_TTYMODE,
    .fd = 0,
    .buf = in_buf + FILE_UNGET,
    .size = BUFSIZ,
    .ops = FD_OPS,
    .cookie = &f_stdin,
    .next = &f_stdout,
};
static FILE f_stdout = {
    .flags = F_WRITE | F_STATIC | F_TTYMODE,
    .fd = 1,
    .buf = out_buf + FILE_UNGET,
    .size = BUFSIZ,
    .ops = FD_OPS,
    .cookie = &f_stdout,
    .prev = &f_stdin,
    .next = &f_stderr,
};
static FILE f_stderr = {
    .flags = F_WRITE | F_STATIC | F_NBF,
    .fd = 2,
    .buf = f_stderr.tiny + FILE_UNGET,
    .size = 1,
    .ops = FD_OPS,
    .cookie = &f_stderr,
    .prev = &f_stdout,
};

FILE *__stdio_head = &f_stdin;
FILE *stdin = &f_stdin;
FILE *stdout = &f_stdout;
FILE *stderr = &f_stderr;

FILE *fdopen(int fd, const char *mode)
{
	unsigned fflags;
	int oflags = __stdio_parse_mode(mode, &fflags);
	if (oflags < 0)
		return 0;
	int cur = fcntl(fd, F_GETFL);
	if (cur < 0)
		return 0;
	if ((fflags & F_READ && (cur & O_ACCMODE) == O_WRONLY) ||
	    (fflags & F_WRITE && (cur & O_ACCMODE) == O_RDONLY)) {
		errno = EINVAL;
		return 0;
	}
	if (oflags & O_APPEND && !(cur & O_APPEND) && fcntl(fd, F_SETFL, cur | O_APPEND) < 0)
		return 0;
	if (oflags & O_CLOEXEC)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return __stdio_new(fd, fflags, &__stdio_fd_ops, 0);
}

int fileno(FILE *f)
{
	if (f->fd < 0 || f->flags & F_CLOSED) {
		errno = EBADF;
		return -1;
	}
	return f->fd;
}
