/*
 * net-test: the socket calls beyond connect/accept/read/write, run on the
 * default image once the netstack serves (tests/bats/net.bats types
 * `net-test` in its console session), over lwIP's loopback: socket
 * options (SO_TYPE, SO_REUSEADDR, SO_KEEPALIVE, SO_RCVBUF/SNDBUF,
 * SO_ERROR, TCP_NODELAY; unknown ones ENOPROTOOPT), getsockname and
 * getpeername, a non-blocking connect (EINPROGRESS, POLLOUT, SO_ERROR 0
 * or ECONNREFUSED) and shutdown(SHUT_WR) delivering the end of the
 * stream while the other way stays open.
 * Prints "net-test: <what>: ok|FAIL ..." per check and
 * "net-test: done: N checks ok, M failed".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "guest.h"

#define PORT        5555
#define CLOSED_PORT 5556

static int checks, failed;

static void check(int ok, const char *what)
{
	checks++;
	if (!ok)
		failed++;
	say("net-test: %s: %s%s%s\n", what, ok ? "ok" : "FAIL", ok ? "" : " errno ",
	    ok ? "" : strerror(errno));
}

static int get_int(int fd, int level, int name)
{
	int v = -12345;
	socklen_t len = sizeof v;
	if (getsockopt(fd, level, name, &v, &len) < 0 || len != sizeof v)
		return -12345;
	return v;
}

static int set_int(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof v);
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

static int same(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

static void options(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	check(t >= 0 && u >= 0, "socket: a TCP and a UDP socket");
	check(get_int(t, SOL_SOCKET, SO_TYPE) == SOCK_STREAM, "SO_TYPE of TCP is SOCK_STREAM");
	check(get_int(u, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM, "SO_TYPE of UDP is SOCK_DGRAM");
	check(get_int(t, SOL_SOCKET, SO_REUSEADDR) == 0 &&
	          set_int(t, SOL_SOCKET, SO_REUSEADDR, 1) == 0 &&
	          get_int(t, SOL_SOCKET, SO_REUSEADDR) == 1,
	      "SO_REUSEADDR: 0, set 1, reads 1");
	check(set_int(t, SOL_SOCKET, SO_KEEPALIVE, 1) == 0 &&
	          get_int(t, SOL_SOCKET, SO_KEEPALIVE) == 1 &&
	          set_int(t, SOL_SOCKET, SO_KEEPALIVE, 0) == 0 &&
	          get_int(t, SOL_SOCKET, SO_KEEPALIVE) == 0,
	      "SO_KEEPALIVE: set 1 reads 1, set 0 reads 0");
	check(set_int(t, IPPROTO_TCP, TCP_NODELAY, 0) == 0 &&
	          get_int(t, IPPROTO_TCP, TCP_NODELAY) == 0 &&
	          set_int(t, IPPROTO_TCP, TCP_NODELAY, 1) == 0 &&
	          get_int(t, IPPROTO_TCP, TCP_NODELAY) == 1,
	      "TCP_NODELAY: set 0 reads 0, set 1 reads 1");
	int rcv = get_int(t, SOL_SOCKET, SO_RCVBUF), snd = get_int(t, SOL_SOCKET, SO_SNDBUF);
	check(rcv > 0 && snd > 0 && set_int(t, SOL_SOCKET, SO_RCVBUF, 65536) == 0 &&
	          set_int(t, SOL_SOCKET, SO_SNDBUF, 65536) == 0,
	      "SO_RCVBUF/SO_SNDBUF: sizes read, a size accepted");
	say("net-test: buffers: SO_RCVBUF %d, SO_SNDBUF %d\n", rcv, snd);
	check(get_int(t, SOL_SOCKET, SO_ERROR) == 0 && get_int(u, SOL_SOCKET, SO_ERROR) == 0,
	      "SO_ERROR of fresh sockets is 0");
	int v = 1;
	errno = 0;
	check(setsockopt(t, SOL_SOCKET, SO_LINGER, &v, sizeof v) < 0 && errno == ENOPROTOOPT,
	      "an unknown SOL_SOCKET option: ENOPROTOOPT");
	errno = 0;
	check(setsockopt(t, IPPROTO_TCP, 4242, &v, sizeof v) < 0 && errno == ENOPROTOOPT,
	      "an unknown TCP option: ENOPROTOOPT");
	errno = 0;
	check(setsockopt(u, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) < 0 && errno == ENOPROTOOPT,
	      "TCP_NODELAY on a UDP socket: ENOPROTOOPT");
	socklen_t small = 1;
	errno = 0;
	check(getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &small) < 0 && errno == EINVAL,
	      "getsockopt with too small a buffer: EINVAL");
	int file = open("/etc/hostname", O_RDONLY);
	errno = 0;
	check(file >= 0 && getsockopt(file, SOL_SOCKET, SO_TYPE, &v, &(socklen_t){sizeof v}) < 0 &&
	          errno == ENOTSOCK,
	      "getsockopt on a file: ENOTSOCK");
	close(file);
	errno = 0;
	check(shutdown(t, SHUT_WR) < 0 && errno == ENOTCONN,
	      "shutdown of an unconnected socket: ENOTCONN");
	errno = 0;
	check(shutdown(t, 7) < 0 && errno == EINVAL, "shutdown with a bad how: EINVAL");
	close(t);
	close(u);
}

/* Wait until fd is writable (a non-blocking connect ended); revents or 0. */
static short wait_out(int fd)
{
	struct pollfd p = {fd, POLLOUT, 0};
	return poll(&p, 1, 10000) == 1 ? p.revents : 0;
}

static void connection(int l)
{
	struct sockaddr_in want = loopback(PORT), got;
	socklen_t len = sizeof got;
	check(getsockname(l, (struct sockaddr *)&got, &len) == 0 && same(&got, &want),
	      "getsockname of the listener: 127.0.0.1:5555");

	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	set_int(c, SOL_SOCKET, SO_KEEPALIVE, 1);
	errno = 0;
	int r = connect(c, (struct sockaddr *)&want, sizeof want);
	check(r < 0 && errno == EINPROGRESS, "non-blocking connect: EINPROGRESS");
	check(wait_out(c) & POLLOUT, "poll gives POLLOUT once connected");
	check(get_int(c, SOL_SOCKET, SO_ERROR) == 0, "SO_ERROR after the connect: 0");
	check(get_int(c, SOL_SOCKET, SO_KEEPALIVE) == 1, "SO_KEEPALIVE set before connect stays");
	errno = 0;
	check(connect(c, (struct sockaddr *)&want, sizeof want) < 0 && errno == EISCONN,
	      "connect again: EISCONN");
	int a = accept(l, 0, 0);
	check(a >= 0, "accept takes it");
	struct sockaddr_in cname, apeer, aname, cpeer;
	socklen_t l1 = sizeof cname, l2 = sizeof apeer, l3 = sizeof aname, l4 = sizeof cpeer;
	check(getsockname(c, (struct sockaddr *)&cname, &l1) == 0 &&
	          getpeername(a, (struct sockaddr *)&apeer, &l2) == 0 && same(&cname, &apeer) &&
	          ntohs(cname.sin_port) != 0,
	      "getpeername of the accepted = getsockname of the client");
	check(getsockname(a, (struct sockaddr *)&aname, &l3) == 0 && same(&aname, &want) &&
	          getpeername(c, (struct sockaddr *)&cpeer, &l4) == 0 && same(&cpeer, &want),
	      "getsockname of the accepted = getpeername of the client = 127.0.0.1:5555");

	/* half-close: the client's FIN ends the server's reading, the
	 * server's answer still comes back */
	fcntl(c, F_SETFL, 0);
	check(write(c, "abc", 3) == 3 && shutdown(c, SHUT_WR) == 0,
	      "write, then shutdown(SHUT_WR)");
	char buf[16];
	ssize_t n, got_n = 0;
	while ((n = read(a, buf + got_n, sizeof buf - (size_t)got_n)) > 0)
		got_n += n;
	check(n == 0 && got_n == 3 && !memcmp(buf, "abc", 3),
	      "the peer reads the data, then the end (FIN)");
	errno = 0;
	check(write(c, "x", 1) < 0 && errno == EPIPE, "writing after SHUT_WR: EPIPE");
	check(write(a, "reply", 5) == 5 && close(a) == 0, "the peer answers and closes");
	got_n = 0;
	while ((n = read(c, buf + got_n, sizeof buf - (size_t)got_n)) > 0)
		got_n += n;
	check(n == 0 && got_n == 5 && !memcmp(buf, "reply", 5),
	      "the half-closed side still reads the answer, then the end");
	close(c);
}

static void refused(void)
{
	struct sockaddr_in to = loopback(CLOSED_PORT);
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	errno = 0;
	int r = connect(c, (struct sockaddr *)&to, sizeof to);
	check(r < 0 && errno == EINPROGRESS, "non-blocking connect to a closed port: EINPROGRESS");
	check(wait_out(c) != 0, "poll reports the failed connect");
	check(get_int(c, SOL_SOCKET, SO_ERROR) == ECONNREFUSED, "SO_ERROR: ECONNREFUSED");
	close(c);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	options();
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in at = loopback(PORT);
	check(l >= 0 && set_int(l, SOL_SOCKET, SO_REUSEADDR, 1) == 0 &&
	          bind(l, (struct sockaddr *)&at, sizeof at) == 0 && listen(l, 4) == 0,
	      "a listener on 127.0.0.1:5555");
	connection(l);
	close(l);
	refused();
	say("net-test: done: %d checks ok, %d failed\n", checks - failed, failed);
	return failed != 0;
}
