/*
 * Terminals: isatty and ttyname by the file's scheme (debug:, pty: and
 * tty: are terminals), termios and window sizes through the "termios"
 * and "winsize" dup names a terminal scheme serves (termios.h), and the
 * ioctl requests that map onto them.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "sys.h"

static const char *const tty_schemes[] = {"debug:", "pty:", "tty:"};

/* The file's name into buf (terminated); 0 or -1. */
static int name_of(int fd, char *buf, size_t len)
{
	long n = fpath(fd, buf, len - 1);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

int isatty(int fd)
{
	char name[64];
	if (name_of(fd, name, sizeof name) < 0)
		return 0;
	for (size_t i = 0; i < sizeof tty_schemes / sizeof tty_schemes[0]; i++)
		if (!strncmp(name, tty_schemes[i], strlen(tty_schemes[i])))
			return 1;
	errno = ENOTTY;
	return 0;
}

int ttyname_r(int fd, char *buf, size_t len)
{
	char name[256];
	if (name_of(fd, name, sizeof name) < 0)
		return errno;
	if (!isatty(fd))
		return ENOTTY;
	if (strlen(name) >= len)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}

char *ttyname(int fd)
{
	static char name[TTY_NAME_MAX];
	int e = ttyname_r(fd, name, sizeof name);
	if (e) {
		errno = e;
		return 0;
	}
	return name;
}

/* A handle on one of the terminal's attribute files; ENOTTY if it has none. */
static int attr_handle(int fd, const char *what)
{
	int h = (int)__sys_result(redox_sys_dup(fd, what, strlen(what)));
	if (h < 0 && errno != EBADF && errno != EMFILE && errno != ENOMEM)
		errno = ENOTTY;
	else if (h < 0 && errno == EBADF && fcntl(fd, F_GETFD) >= 0)
		errno = ENOTTY; /* the descriptor is fine: its scheme has no such dup */
	return h;
}

static int attr_io(int fd, const char *what, void *buf, size_t len, int set)
{
	int h = attr_handle(fd, what);
	if (h < 0)
		return -1;
	ssize_t r = set ? write(h, buf, len) : read(h, buf, len);
	int saved = errno;
	close(h);
	if (r != (ssize_t)len) {
		errno = r < 0 ? saved : EIO;
		return -1;
	}
	return 0;
}

int tcgetattr(int fd, struct termios *t)
{
	return attr_io(fd, "termios", t, sizeof *t, 0);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	if (action != TCSANOW && action != TCSADRAIN && action != TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	struct termios copy = *t;
	return attr_io(fd, "termios", &copy, sizeof copy, 1);
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->c_ispeed;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_ospeed;
}

static int valid_speed(speed_t s)
{
	if (s <= B38400 || s == B57600 || s == B115200)
		return 1;
	errno = EINVAL;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	if (!valid_speed(speed))
		return -1;
	t->c_ispeed = speed;
	return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (!valid_speed(speed))
		return -1;
	t->c_ospeed = speed;
	return 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	if (!valid_speed(speed))
		return -1;
	t->c_ispeed = t->c_ospeed = speed;
	return 0;
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

/* Output is written when write returns; a terminal has nothing left to
 * drain. A cancellation point all the same. */
int tcdrain(int fd)
{
	pthread_testcancel();
	if (!isatty(fd))
		return -1;
	return 0;
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	va_start(ap, request);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	switch (request) {
	case TCGETS:
		return tcgetattr(fd, arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tcsetattr(fd, TCSANOW, arg);
	case TIOCGWINSZ:
		return attr_io(fd, "winsize", arg, sizeof(struct winsize), 0);
	case TIOCSWINSZ:
		return attr_io(fd, "winsize", arg, sizeof(struct winsize), 1);
	case TIOCGPGRP: {
		pid_t g = tcgetpgrp(fd);
		if (g < 0)
			return -1;
		*(pid_t *)arg = g;
		return 0;
	}
	case TIOCSPGRP:
		return tcsetpgrp(fd, *(const pid_t *)arg);
	case FIONBIO: {
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0)
			return -1;
		fl = *(int *)arg ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
		return fcntl(fd, F_SETFL, fl);
	}
	}
	errno = EINVAL;
	return -1;
}

/* The terminal's foreground process group (the "pgrp" dup). */
pid_t tcgetpgrp(int fd)
{
	uint32_t pgrp;
	if (attr_io(fd, "pgrp", &pgrp, sizeof pgrp, 0) < 0)
		return -1;
	return (pid_t)pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	if (pgrp <= 0) {
		errno = EINVAL;
		return -1;
	}
	uint32_t v = (uint32_t)pgrp;
	return attr_io(fd, "pgrp", &v, sizeof v, 1);
}
