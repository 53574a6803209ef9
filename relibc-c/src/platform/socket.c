/*
 * Sockets over the network schemes (the convention is in README.md,
 * "Sockets"): socket opens "tcp:" or "udp:", connect and bind dup that
 * handle with "ADDR:PORT" or "/ADDR:PORT" and put the result in its
 * place, accept is dup "listen", the names come back from fpath
 * ("tcp:REMOTE/LOCAL"), options and shutdown are dup "opt/NAME[=N]" and
 * "shutdown/wr" whose handle reads the answer. connect, accept, send and
 * recv (and their variants) are cancellation points. Until a network stack
 * provides the schemes, socket() fails with the kernel's ENODEV.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/net.h"
#include "cancel.h"
#include "internal/thread.h"
#include "sys.h"

int socket(int domain, int type, int protocol)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (domain != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	const char *path;
	if (base == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP))
		path = "tcp:";
	else if (base == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP))
		path = "udp:";
	else {
		errno =
		    base == SOCK_STREAM || base == SOCK_DGRAM ? EPROTONOSUPPORT : ESOCKTNOSUPPORT;
		return -1;
	}
	int flags = O_RDWR | (type & SOCK_NONBLOCK ? O_NONBLOCK : 0) |
	            (type & SOCK_CLOEXEC ? O_CLOEXEC : 0);
	return open(path, flags);
}

/* "a.b.c.d:port" of an IPv4 socket address; 0, or -1 (EINVAL/EAFNOSUPPORT). */
static int addr_text(const struct sockaddr *sa, socklen_t len, char *out, size_t size)
{
	if (len < sizeof(struct sockaddr_in)) {
		errno = EINVAL;
		return -1;
	}
	if (sa->sa_family != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	char ip[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin->sin_addr, ip, sizeof ip);
	snprintf(out, size, "%s:%u", ip, ntohs(sin->sin_port));
	return 0;
}

/* dup(fd, what); `how` 1: the new handle takes fd's number; CP: a cancellation point. */
#define CP 2
static int dup_named(int fd, const char *what, int how)
{
	int n = (int)__sys_result((how & CP) ? redox_cp_dup(fd, what, strlen(what))
	                                     : redox_sys_dup(fd, what, strlen(what)));
	int replace = how & 1;
	if (n < 0 || !replace)
		return n;
	int r = dup2(n, fd);
	int saved = errno;
	redox_sys_close(n); /* not a cancellation point here: n would be lost */
	errno = saved;
	return r < 0 ? -1 : 0;
}

/* SOCK_STREAM or SOCK_DGRAM from the handle's path, or -1 (ENOTSOCK, EBADF). */
static int sock_type(int fd)
{
	char path[16];
	long n = fpath(fd, path, sizeof path);
	if (n < 0)
		return -1;
	if (n >= 4 && !memcmp(path, "tcp:", 4))
		return SOCK_STREAM;
	if (n >= 4 && !memcmp(path, "udp:", 4))
		return SOCK_DGRAM;
	errno = ENOTSOCK;
	return -1;
}

/* A non-blocking stream socket's connect goes on in the stack:
 * EINPROGRESS; poll for POLLOUT, then SO_ERROR says how it went. */
int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	char text[64];
	if (addr_text(addr, len, text, sizeof text) < 0)
		return -1;
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || dup_named(fd, text, 1 | CP) < 0)
		return -1;
	if ((fl & O_NONBLOCK) && sock_type(fd) == SOCK_STREAM) {
		errno = EINPROGRESS;
		return -1;
	}
	return 0;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	char text[64] = "/";
	if (addr_text(addr, len, text + 1, sizeof text - 1) < 0)
		return -1;
	return dup_named(fd, text, 1);
}

/* A bound stream socket listens already; accept takes the connections. */
int listen(int fd, int backlog)
{
	(void)backlog;
	if (fcntl(fd, F_GETFD) < 0)
		return -1;
	return 0;
}

/* Parses "scheme:REMOTE/LOCAL"; which 0 = remote, 1 = local. */
static int name_from_path(int fd, int which, struct sockaddr *restrict addr,
                          socklen_t *restrict len)
{
	char path[256];
	long n = fpath(fd, path, sizeof path - 1);
	if (n < 0)
		return -1;
	path[n] = 0;
	char *p = strchr(path, ':');
	if (!p) {
		errno = ENOTSOCK;
		return -1;
	}
	p++;
	char *slash = strchr(p, '/');
	if (which == 1) {
		p = slash ? slash + 1 : p + strlen(p);
	} else if (slash) {
		*slash = 0;
	}
	struct sockaddr_in sin = {.sin_family = AF_INET};
	char *colon = strrchr(p, ':');
	if (colon) {
		*colon = 0;
		unsigned port = 0;
		for (const char *d = colon + 1; *d >= '0' && *d <= '9'; d++)
			port = port * 10 + (unsigned)(*d - '0');
		sin.sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, p, &sin.sin_addr) != 1)
			sin.sin_addr.s_addr = 0;
	} else if (which == 0) {
		errno = ENOTCONN;
		return -1;
	}
	size_t copy = *len < sizeof sin ? *len : sizeof sin;
	memcpy(addr, &sin, copy);
	*len = sizeof sin;
	return 0;
}

int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return name_from_path(fd, 1, addr, len);
}

int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return name_from_path(fd, 0, addr, len);
}

int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	int c = dup_named(fd, "listen", CP);
	if (c >= 0 && addr && len && getpeername(c, addr, len) < 0)
		*len = 0;
	return c;
}

static int plain_flags(int flags)
{
	if (flags & ~(MSG_NOSIGNAL)) {
		errno = EOPNOTSUPP;
		return 0;
	}
	return 1;
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	if (!plain_flags(flags))
		return -1;
	return write(fd, buf, len);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	if (!plain_flags(flags))
		return -1;
	return read(fd, buf, len);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
               socklen_t alen)
{
	if (!plain_flags(flags))
		return -1;
	if (!addr)
		return write(fd, buf, len);
	char text[64];
	if (addr_text(addr, alen, text, sizeof text) < 0)
		return -1;
	int to = dup_named(fd, text, 0);
	if (to < 0)
		return -1;
	/* a cancellation point that closes its handle before it acts */
	uint64_t w =
	    __relibc_syscall_cp_raw(SYS_WRITE, (uint64_t)to, (uint64_t)(uintptr_t)buf, len, 0, 0);
	redox_sys_close(to);
	if (__relibc_cancel_due(w))
		__relibc_cancel_act();
	return __sys_result(w);
}

ssize_t recvfrom(int fd, void *restrict buf, size_t len, int flags, struct sockaddr *restrict addr,
                 socklen_t *restrict alen)
{
	if (!plain_flags(flags))
		return -1;
	ssize_t r = read(fd, buf, len);
	if (r >= 0 && addr && alen && getpeername(fd, addr, alen) < 0)
		*alen = 0;
	return r;
}

/* dup(fd, req) and read the answer's number (an option's value). */
static int ask(int fd, const char *req, int *value)
{
	int h = dup_named(fd, req, 0);
	if (h < 0)
		return -1;
	char text[32];
	ssize_t n = __sys_result(redox_sys_read(h, text, sizeof text));
	int saved = errno;
	redox_sys_close(h);
	if (n < 0) {
		errno = saved;
		return -1;
	}
	if (!value)
		return 0;
	if (__relibc_sockopt_answer(text, (size_t)n, value) < 0) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* The scheme keeps the options (docs/networking.md, "Sockets"): SO_TYPE
 * is the scheme's, the rest are asked of it; unknown ones ENOPROTOOPT. */
int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	if (sock_type(fd) < 0)
		return -1;
	const char *opt = __relibc_sockopt_name(level, name);
	if (!opt || (level == SOL_SOCKET && name == SO_ERROR)) {
		errno = ENOPROTOOPT;
		return -1;
	}
	if (!val || len < sizeof(int)) {
		errno = val ? EINVAL : EFAULT;
		return -1;
	}
	int v;
	memcpy(&v, val, sizeof v);
	char req[48];
	if (__relibc_sockopt_request(opt, &v, req, sizeof req) < 0) {
		errno = EINVAL;
		return -1;
	}
	return ask(fd, req, 0);
}

int getsockopt(int fd, int level, int name, void *restrict val, socklen_t *restrict len)
{
	int type = sock_type(fd);
	if (type < 0)
		return -1;
	int v;
	if (level == SOL_SOCKET && name == SO_TYPE) {
		v = type;
	} else {
		const char *opt = __relibc_sockopt_name(level, name);
		if (!opt) {
			errno = ENOPROTOOPT;
			return -1;
		}
		char req[48];
		if (__relibc_sockopt_request(opt, 0, req, sizeof req) < 0 || ask(fd, req, &v) < 0)
			return -1;
	}
	if (!val || !len) {
		errno = EFAULT;
		return -1;
	}
	if (*len < sizeof(int)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(val, &v, sizeof v);
	*len = sizeof v;
	return 0;
}

/* shutdown(SHUT_WR) makes the stack send FIN after what it holds. */
int shutdown(int fd, int how)
{
	static const char *const req[] = {"shutdown/rd", "shutdown/wr", "shutdown/rdwr"};
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) {
		errno = EINVAL;
		return -1;
	}
	if (sock_type(fd) < 0)
		return -1;
	return ask(fd, req[how], 0);
}
