/*
 * nc: netcat over relibc-c's sockets (the netstack's tcp: and udp:).
 *   nc [-u] HOST PORT          connect; standard input to the peer, the
 *                              peer to standard output
 *   nc -l [-u] [-p] PORT       listen on PORT, take one peer, the same
 *   -e PROG                    instead of standard input and output, run
 *                              PROG with the connection as its own (e.g.
 *                              `nc -l -p 7 -e cat` is an echo server)
 *   -q SECONDS                 after standard input ends, wait this long
 *                              for the peer (default: until it closes)
 *   -N                         at the end of standard input, shutdown
 *                              (SHUT_WR): the peer sees the end at once
 * Without -N, with TCP, the end of standard input sends nothing more (the
 * peer sees the end when nc closes). Exits 1 with one line on any error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "nc: %s: %s\n", what, detail);
	exit(1);
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copy both ways until the peer closes (or stdin ends and -q passes). */
static void pump(int s, bool udp, int quit_after, bool shut_wr)
{
	static char buf[16384]; /* larger reads ask the kernel for more contiguous bounce memory */
	bool in_open = true;
	double in_closed_at = 0;
	for (;;) {
		struct pollfd pf[2] = {{s, POLLIN, 0}, {in_open ? 0 : -1, POLLIN, 0}};
		int timeout = -1;
		if (!in_open && quit_after >= 0) {
			struct timespec t;
			clock_gettime(CLOCK_MONOTONIC, &t);
			double left = in_closed_at + quit_after - (double)t.tv_sec;
			if (left <= 0)
				return;
			timeout = (int)(left * 1000);
		}
		int r = poll(pf, 2, timeout);
		if (r < 0 && errno != EINTR)
			fail("poll", strerror(errno));
		if (r == 0)
			return;
		if (pf[0].revents) {
			ssize_t n = udp ? recv(s, buf, sizeof buf, 0) : read(s, buf, sizeof buf);
			if (n < 0)
				fail("receiving", strerror(errno));
			if (n == 0 && !udp)
				return;
			if (write_all(1, buf, (size_t)n) < 0)
				return;
		}
		if (in_open && pf[1].revents) {
			ssize_t n = read(0, buf, sizeof buf);
			if (n <= 0) {
				in_open = false;
				struct timespec t;
				clock_gettime(CLOCK_MONOTONIC, &t);
				in_closed_at = (double)t.tv_sec;
				if (shut_wr && !udp && shutdown(s, SHUT_WR) < 0)
					fail("shutdown", strerror(errno));
				if (quit_after == 0)
					return;
			} else if (write_all(s, buf, (size_t)n) < 0) {
				fail("sending", strerror(errno));
			}
		}
	}
}

int main(int argc, char **argv)
{
	bool listen_mode = false, udp = false, shut_wr = false;
	const char *prog = 0, *port_text = 0;
	int quit_after = -1, opt;
	while ((opt = getopt(argc, argv, "lNup:e:q:")) != -1) {
		switch (opt) {
		case 'l':
			listen_mode = true;
			break;
		case 'N':
			shut_wr = true;
			break;
		case 'u':
			udp = true;
			break;
		case 'p':
			port_text = optarg;
			break;
		case 'e':
			prog = optarg;
			break;
		case 'q':
			quit_after = atoi(optarg);
			break;
		default:
			return 1;
		}
	}
	const char *host = 0;
	if (listen_mode && !port_text && optind < argc)
		port_text = argv[optind++];
	if (!listen_mode && optind + 2 == argc) {
		host = argv[optind];
		port_text = argv[optind + 1];
		optind += 2;
	}
	if (optind != argc || !port_text || (!listen_mode && !host)) {
		fprintf(stderr,
		        "usage: nc [-uN] [-e PROG] [-q SECS] HOST PORT | nc -l [-uN] [-e PROG] "
		        "[-p] PORT\n");
		return 1;
	}
	struct sockaddr_in sin = {.sin_family = AF_INET,
	                          .sin_port = htons((uint16_t)atoi(port_text))};
	if (host) {
		struct addrinfo hints = {.ai_family = AF_INET}, *res;
		int gai = getaddrinfo(host, 0, &hints, &res);
		if (gai)
			fail(host, gai_strerror(gai));
		sin.sin_addr = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
		freeaddrinfo(res);
	}
	int s = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (s < 0)
		fail("socket", strerror(errno));
	if (listen_mode) {
		if (bind(s, (struct sockaddr *)&sin, sizeof sin) < 0)
			fail("bind", strerror(errno));
		if (!udp) {
			if (listen(s, 1) < 0)
				fail("listen", strerror(errno));
			struct sockaddr_in peer;
			socklen_t len = sizeof peer;
			int c = accept(s, (struct sockaddr *)&peer, &len);
			if (c < 0)
				fail("accept", strerror(errno));
			close(s);
			s = c;
		}
	} else if (connect(s, (struct sockaddr *)&sin, sizeof sin) < 0) {
		fail(host, strerror(errno));
	}
	if (prog) {
		pid_t pid = fork();
		if (pid == 0) {
			dup2(s, 0);
			dup2(s, 1);
			close(s);
			execlp("sh", "sh", "-c", prog, (char *)0);
			fail(prog, strerror(errno));
		}
		close(s);
		int status;
		waitpid(pid, &status, 0);
		return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
	}
	pump(s, udp, quit_after, shut_wr);
	close(s);
	return 0;
}
