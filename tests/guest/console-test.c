/*
 * console-test: the debug: console's input side, run as init of its test
 * image. tests/bats/console.bats types lines on the serial port; this
 * echoes back what each read() returned, so the line discipline (echo,
 * backspace, whole lines) and event readiness can be checked.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <redox/abi/types.h>

#include "guest.h"

static int read_line(char *buf, size_t size)
{
	ssize_t n = read(0, buf, size - 1);
	if (n < 0)
		return -1;
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return (int)n;
}

int main(void)
{
	char buf[256];
	say("console-test: type a line\n");
	if (read_line(buf, sizeof buf) < 0)
		return 1;
	say("console-test: got [%s]\n", buf);

	/* nothing typed yet: a nonblocking read says so */
	int fd = open("debug:", O_RDONLY | O_NONBLOCK);
	ssize_t r = read(fd, buf, sizeof buf);
	say("console-test: nonblocking read with no input: %s\n",
	    r < 0 && errno == EAGAIN ? "EAGAIN" : "unexpected");

	/* wait for input through an event queue */
	int q = open("event:", O_RDWR);
	struct redox_event watch = {(uint64_t)fd, 1 /* EVENT_READ */, 42}, got = {0, 0, 0};
	write(q, &watch, sizeof watch);
	say("console-test: type another line\n");
	ssize_t e = read(q, &got, sizeof got);
	say("console-test: event %s (data %llu)\n", e == sizeof got ? "arrived" : "failed",
	    (unsigned long long)got.data);
	if (read_line(buf, sizeof buf) < 0)
		return 1;
	say("console-test: got [%s]\n", buf);
	return 0;
}
