/*
 * What the system is: uname (sys:uname and the host name), gethostname
 * (the first line of /etc/hostname, "localhost" without one), sysconf,
 * getpagesize, the resource limits (the kernel's, per process), and the program name
 * (sys:exe) for messages.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "internal/internal.h"
#include "sys.h"

#define CLOCK_TICKS 100

/* Reads a small text file into buf (terminated); its length, or -1. */
static long read_small(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t got = 0;
	while (got < len - 1) {
		ssize_t r = read(fd, buf + got, len - 1 - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	buf[got] = 0;
	return (long)got;
}

/* Copies line `index` (0-based) of text into out (size 65). */
static void copy_line(const char *text, int index, char *out, size_t size)
{
	while (index-- > 0 && text) {
		text = strchr(text, '\n');
		if (text)
			text++;
	}
	size_t n = text ? strcspn(text, "\n") : 0;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(out, text, n);
	out[n] = 0;
}

int gethostname(char *name, size_t len)
{
	char buf[256];
	const char *host = "localhost";
	if (read_small("/etc/hostname", buf, sizeof buf) > 0) {
		buf[strcspn(buf, "\r\n")] = 0;
		if (buf[0])
			host = buf;
	}
	size_t n = strlen(host);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, host, n + 1);
	return 0;
}

int uname(struct utsname *u)
{
	char text[256];
	if (read_small("sys:uname", text, sizeof text) < 0)
		return -1;
	memset(u, 0, sizeof *u);
	copy_line(text, 0, u->sysname, sizeof u->sysname);
	copy_line(text, 1, u->release, sizeof u->release);
	copy_line(text, 1, u->version, sizeof u->version);
	copy_line(text, 2, u->machine, sizeof u->machine);
	if (gethostname(u->nodename, sizeof u->nodename) < 0)
		return -1;
	return 0;
}

int getpagesize(void)
{
	return PAGE_SIZE;
}

static long cpu_count(void)
{
	char text[512];
	if (read_small("sys:cpu", text, sizeof text) < 0)
		return 1;
	const char *p = strstr(text, "CPUs:");
	long n = p ? strtol(p + 5, 0, 10) : 0;
	return n > 0 ? n : 1;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX:
		return ARG_MAX;
	case _SC_CHILD_MAX: {
		/* RLIMIT_NPROC's soft limit; -1: none */
		struct rlimit rl;
		if (getrlimit(RLIMIT_NPROC, &rl) < 0 || rl.rlim_cur >= (rlim_t)LONG_MAX)
			return -1;
		return (long)rl.rlim_cur;
	}
	case _SC_CLK_TCK:
		return CLOCK_TICKS;
	case _SC_NGROUPS_MAX:
		return NGROUPS_MAX;
	case _SC_OPEN_MAX:
	case _SC_STREAM_MAX: {
		/* RLIMIT_NOFILE's soft limit, as POSIX says */
		struct rlimit rl;
		if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur > REDOX_OPEN_MAX)
			return REDOX_OPEN_MAX;
		return (long)rl.rlim_cur;
	}
	case _SC_TZNAME_MAX:
		return TZNAME_MAX;
	case _SC_VERSION:
		return _POSIX_VERSION;
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_LINE_MAX:
		return LINE_MAX;
	case _SC_RE_DUP_MAX:
		return RE_DUP_MAX;
	case _SC_IOV_MAX:
		return IOV_MAX;
	case _SC_GETGR_R_SIZE_MAX:
	case _SC_GETPW_R_SIZE_MAX:
		return 1024;
	case _SC_LOGIN_NAME_MAX:
		return LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX:
		return TTY_NAME_MAX;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return cpu_count();
	case _SC_SYMLOOP_MAX:
		return SYMLOOP_MAX;
	case _SC_HOST_NAME_MAX:
		return HOST_NAME_MAX;
	}
	errno = EINVAL;
	return -1;
}

int getrlimit(int resource, struct rlimit *rl)
{
	struct redox_rlimit r;
	if (__sys_result(redox_sys_getrlimit(resource, &r)) < 0)
		return -1;
	rl->rlim_cur = r.cur;
	rl->rlim_max = r.max;
	return 0;
}

int setrlimit(int resource, const struct rlimit *rl)
{
	struct redox_rlimit r = {rl->rlim_cur, rl->rlim_max};
	return (int)__sys_result(redox_sys_setrlimit(resource, &r));
}

const char *__relibc_program_name(void)
{
	static char name[256];
	if (!name[0]) {
		char exe[256];
		if (read_small("sys:exe", exe, sizeof exe) <= 0)
			return "program";
		exe[strcspn(exe, "\n")] = 0;
		const char *base = strrchr(exe, '/');
		base = base ? base + 1 : exe;
		const char *colon = strrchr(base, ':');
		base = colon ? colon + 1 : base;
		strcpy(name, base[0] ? base : "program");
	}
	return name;
}
