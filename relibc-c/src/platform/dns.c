/*
 * The resolver's exchange: an A query over UDP to the DNS server in
 * netcfg:resolv/nameserver (the netstack's; dhcpd sets it), port 53,
 * 2 s per try, 3 tries. The messages are src/net/dns.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <redox/abi/net.h>

#include "net/net.h"

int __relibc_dns_lookup(const char *name, void *addr)
{
	char text[32];
	int cfg = open(NETCFG_NAMESERVER, O_RDONLY | O_CLOEXEC);
	if (cfg < 0)
		return -1;
	ssize_t n = read(cfg, text, sizeof text - 1);
	close(cfg);
	if (n <= 0)
		return -1;
	text[n] = 0;
	text[strcspn(text, "\n")] = 0;
	struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons(53)};
	if (inet_pton(AF_INET, text, &server.sin_addr) != 1 || !server.sin_addr.s_addr)
		return -1;
	unsigned char query[300], reply[1500];
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	unsigned id = (unsigned)(t.tv_nsec ^ (t.tv_nsec >> 16)) & 0xFFFF;
	int qlen = __relibc_dns_query(name, id, query, sizeof query);
	if (qlen < 0)
		return 0;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	int result = -1, saved = errno;
	if (connect(s, (struct sockaddr *)&server, sizeof server) == 0) {
		for (int tries = 0; tries < 3 && result < 0; tries++) {
			if (write(s, query, (size_t)qlen) != qlen)
				break;
			struct pollfd pf = {s, POLLIN, 0};
			while (result < 0 && poll(&pf, 1, 2000) > 0) {
				ssize_t got = read(s, reply, sizeof reply);
				if (got <= 0)
					break;
				result = __relibc_dns_answer(reply, (size_t)got, id, addr);
			}
		}
	}
	close(s);
	errno = saved;
	return result;
}
