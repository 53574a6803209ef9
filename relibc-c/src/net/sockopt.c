/*
 * The socket options the network schemes answer (src/platform/socket.c
 * asks them as dup(fd, "opt/NAME") and dup(fd, "opt/NAME=N")): which
 * (level, name) pair is which scheme option, and the answer's text.
 * No system calls here: the host tests run it (tests/host/net).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "net.h"

const char *__relibc_sockopt_name(int level, int name)
{
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR:
			return "reuseaddr";
		case SO_KEEPALIVE:
			return "keepalive";
		case SO_RCVBUF:
			return "rcvbuf";
		case SO_SNDBUF:
			return "sndbuf";
		case SO_ERROR:
			return "error";
		}
	} else if (level == IPPROTO_TCP && name == TCP_NODELAY) {
		return "nodelay";
	}
	return 0;
}

int __relibc_sockopt_request(const char *opt, const int *value, char *out, size_t size)
{
	int n = value ? snprintf(out, size, "opt/%s=%d", opt, *value)
	              : snprintf(out, size, "opt/%s", opt);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

int __relibc_sockopt_answer(const char *text, size_t len, int *value)
{
	long v = 0;
	size_t i = 0;
	int neg = len && text[0] == '-';
	if (neg)
		i++;
	size_t first = i;
	for (; i < len && text[i] != '\n'; i++) {
		if (text[i] < '0' || text[i] > '9' || v > 0x7fffffff / 10)
			return -1;
		v = v * 10 + (text[i] - '0');
	}
	if (i == first)
		return -1;
	*value = (int)(neg ? -v : v);
	return 0;
}
