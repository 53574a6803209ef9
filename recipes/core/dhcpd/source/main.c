/*
 * dhcpd: the DHCP client. Over a UDP socket (udp: of the netstack) it
 * sends DISCOVER, takes the OFFER, applies address, default route and DNS
 * server through netcfg:, sends REQUEST and waits for the ACK, printing
 * the seed's lines (../shared/spec/seed.md section 5) with every value
 * formatted from the packets received. Then it renews at half the lease,
 * for ever. When the netstack goes away (killed: its sockets fail) the
 * run ends and dhcpd starts one again, which configures the new netstack.
 * Errors: one line "dhcpd: <what>".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox/abi/net.h>

#include "dhcp.h"

static uint8_t mac[6];

static void die(const char *what)
{
	printf("dhcpd: %s\n", what);
	exit(1);
}

/* A netcfg: file's contents (NUL-terminated); -1 when it cannot be read. */
static int cfg_read(const char *path, char *out, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, out, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	out[n] = 0;
	return (int)n;
}

static void cfg_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		char msg[160];
		snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
		die(msg);
	}
	close(fd);
}

static void send_to(int fd, const uint8_t *buf, size_t len, const uint8_t to[4])
{
	struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(DHCP_SERVER_PORT)};
	memcpy(&sin.sin_addr, to, 4);
	if (sendto(fd, buf, len, 0, (struct sockaddr *)&sin, sizeof sin) != (ssize_t)len) {
		char msg[128];
		snprintf(msg, sizeof msg, "sending to port %d: %s", DHCP_SERVER_PORT,
		         strerror(errno));
		die(msg);
	}
}

/* Wait up to ms for a reply of one of the wanted types; 0 or -1 (timeout). */
static int receive(int fd, uint32_t xid, int want1, int want2, int ms, uint8_t *buf,
                   struct dhcp_reply *r)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		int left = ms - (int)((now.tv_sec - start.tv_sec) * 1000 +
		                      (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0)
			return -1;
		struct pollfd pf = {fd, POLLIN, 0};
		int p = poll(&pf, 1, left);
		if (p < 0 && errno != EINTR) {
			char msg[128];
			snprintf(msg, sizeof msg, "waiting for the server: %s", strerror(errno));
			die(msg);
		}
		if (p <= 0)
			continue;
		ssize_t n = recv(fd, buf, DHCP_MAX, 0);
		if (n < 0) {
			char msg[128];
			snprintf(msg, sizeof msg, "receiving: %s", strerror(errno));
			die(msg);
		}
		const char *why;
		int e = dhcp_parse(buf, (size_t)n, xid, mac, r, &why);
		if (e == -ENOENT)
			continue; /* someone else's */
		if (e) {
			printf("dhcpd: ignoring a malformed reply (%zd bytes): %s\n", n, why);
			continue;
		}
		if (r->type == want1 || r->type == want2)
			return 0;
	}
}

static void print_ip_line(const char *what, const struct dhcp_reply *r)
{
	char ip[32], server[32];
	dhcp_format_bytes(r->yiaddr, 4, ip, sizeof ip);
	dhcp_format_bytes(r->siaddr, 4, server, sizeof server);
	printf("DHCP: %s IP: %s, Server IP: %s\n", what, ip, server);
}

/* Address, route and DNS of an offer, through netcfg:. */
static void apply(const struct dhcp_reply *r)
{
	const struct dhcp_option *mask = dhcp_find(r, OPT_SUBNET_MASK, 4);
	const struct dhcp_option *router = dhcp_find(r, OPT_ROUTER, 4);
	const struct dhcp_option *dns = dhcp_find(r, OPT_DNS, 4);
	uint32_t m = mask ? (uint32_t)mask->data[0] << 24 | (uint32_t)mask->data[1] << 16 |
	                        (uint32_t)mask->data[2] << 8 | mask->data[3]
	                  : 0xFFFFFF00u;
	int prefix = 0;
	while (prefix < 32 && (m & (1u << (31 - prefix))))
		prefix++;
	char text[64];
	snprintf(text, sizeof text, "%u.%u.%u.%u/%d", r->yiaddr[0], r->yiaddr[1], r->yiaddr[2],
	         r->yiaddr[3], prefix);
	cfg_write(NETCFG_IFACE_DIR "eth0/addr/set", text);
	printf("DHCP: New IP: %s\n", text);
	if (router) {
		snprintf(text, sizeof text, "default via %u.%u.%u.%u", router->data[0],
		         router->data[1], router->data[2], router->data[3]);
		cfg_write(NETCFG_ROUTE_ADD, text);
		char routes[1024];
		if (cfg_read(NETCFG_ROUTE_LIST, routes, sizeof routes) < 0)
			die(NETCFG_ROUTE_LIST ": cannot be read");
		printf("DHCP: New Router: %s", routes);
	}
	if (dns) {
		snprintf(text, sizeof text, "%u.%u.%u.%u", dns->data[0], dns->data[1], dns->data[2],
		         dns->data[3]);
		cfg_write(NETCFG_NAMESERVER, text);
		printf("DHCP: New DNS: %s\n", text);
	}
	fflush(stdout);
}

/* The netstack may still be starting: wait for netcfg: (up to 20 s). */
static void read_mac(char *current, size_t size)
{
	char text[64];
	for (int i = 0; cfg_read(NETCFG_IFACE_DIR "eth0/mac", text, sizeof text) < 0; i++) {
		if (i == 200)
			die(NETCFG_IFACE_DIR "eth0/mac: no network stack answers");
		usleep(100000);
	}
	unsigned v[6];
	if (sscanf(text, "%x-%x-%x-%x-%x-%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		die(NETCFG_IFACE_DIR "eth0/mac: not a MAC address");
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	if (cfg_read(NETCFG_IFACE_DIR "eth0/addr/list", current, size) < 0)
		die(NETCFG_IFACE_DIR "eth0/addr/list: cannot be read");
	current[strcspn(current, "\n")] = 0;
	text[strcspn(text, "\n")] = 0;
	printf("DHCP: MAC: %s Current IP: %s\n", text, current);
}

/* One DHCP client run: lease, then renewals; exits (die) when anything fails. */
static void run(int notify)
{
	char current[64];
	read_mac(current, sizeof current);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(DHCP_CLIENT_PORT)};
	if (fd < 0 || bind(fd, (struct sockaddr *)&any, sizeof any) < 0) {
		char msg[128];
		snprintf(msg, sizeof msg, "UDP port %d: %s", DHCP_CLIENT_PORT, strerror(errno));
		die(msg);
	}
	struct timespec seed;
	clock_gettime(CLOCK_REALTIME, &seed);
	srand((unsigned)(seed.tv_nsec ^ seed.tv_sec ^ (mac[5] << 8)));
	uint32_t xid = (uint32_t)rand() << 16 ^ (uint32_t)rand();
	static const uint8_t broadcast[4] = {255, 255, 255, 255};
	uint8_t out[DHCP_MAX], in[DHCP_MAX];
	struct dhcp_reply offer, ack;
	size_t len = dhcp_build(out, DHCP_DISCOVER, xid, mac, 0, 0, 0);
	for (int tries = 0;; tries++) {
		send_to(fd, out, len, broadcast);
		if (!tries)
			printf("DHCP: Sent Discover\n");
		fflush(stdout);
		if (!receive(fd, xid, DHCP_OFFER, DHCP_OFFER, 4000, in, &offer))
			break;
		if (tries == 5)
			die("no offer after 6 discovers");
	}
	print_ip_line("Offer", &offer);
	for (int i = 0; i < offer.count; i++) {
		const char *name = dhcp_option_name(offer.options[i].code);
		char bytes[1200];
		dhcp_format_bytes(offer.options[i].data, offer.options[i].len, bytes, sizeof bytes);
		if (name)
			printf("DHCP: %s: %s\n", name, bytes);
		else
			printf("DHCP: Option %u: %s\n", offer.options[i].code, bytes);
	}
	const struct dhcp_option *sid = dhcp_find(&offer, OPT_SERVER_ID, 4);
	uint8_t server[4];
	memcpy(server, sid ? sid->data : offer.siaddr, 4);
	apply(&offer);
	len = dhcp_build(out, DHCP_REQUEST, xid, mac, offer.yiaddr, server, 0);
	send_to(fd, out, len, broadcast);
	printf("DHCP: Sent Request\n");
	fflush(stdout);
	if (receive(fd, xid, DHCP_ACK, DHCP_NAK, 10000, in, &ack))
		die("no answer to the request");
	if (ack.type == DHCP_NAK)
		die("the server refused the offered address (NAK)");
	print_ip_line("Ack", &ack);
	fflush(stdout);
	if (notify >= 0) {
		write(notify, "", 1);
		close(notify);
	}
	/* renew at half the lease (RFC 2131 T1), unicast to the server */
	for (;;) {
		const struct dhcp_option *lease = dhcp_find(&ack, OPT_LEASE_TIME, 4);
		uint32_t secs = lease ? (uint32_t)lease->data[0] << 24 |
		                            (uint32_t)lease->data[1] << 16 |
		                            (uint32_t)lease->data[2] << 8 | lease->data[3]
		                      : 3600;
		/* wait, noticing a netstack that went away (the socket fails) */
		for (uint32_t waited = 0; waited < (secs / 2 ? secs / 2 : 1); waited++) {
			struct pollfd pf = {fd, POLLIN, 0};
			if (poll(&pf, 1, 1000) > 0) {
				struct stat st;
				/* a dead provider answers EIO; anything else is passing */
				if ((pf.revents & (POLLERR | POLLNVAL | POLLHUP)) &&
				    fstat(fd, &st) < 0 && (errno == EIO || errno == EBADF))
					die("the network stack went away");
				if (pf.revents & (POLLERR | POLLNVAL | POLLHUP))
					continue;
				recv(fd, in, sizeof in, 0); /* a stray reply: dropped */
			}
		}
		xid++;
		len = dhcp_build(out, DHCP_REQUEST, xid, mac, 0, 0, ack.yiaddr);
		send_to(fd, out, len, server);
		if (receive(fd, xid, DHCP_ACK, DHCP_NAK, 10000, in, &ack) || ack.type == DHCP_NAK)
			die("the lease could not be renewed");
		print_ip_line("Renewed", &ack);
		fflush(stdout);
	}
}

/*
 * The first lease is waited for (so that init's later scripts find the
 * network configured), then dhcpd goes on in the background: a child
 * renews, and is run again (a fresh DISCOVER, a fresh configuration) when
 * it fails, e.g. because the netstack was killed and init started a new
 * one. Without an answer in 30 s the boot goes on and dhcpd keeps trying.
 */
int main(void)
{
	int ready[2];
	if (pipe(ready) < 0)
		die("pipe: cannot make one");
	pid_t pid = fork();
	if (pid < 0)
		die("fork failed");
	if (pid > 0) {
		close(ready[1]);
		struct pollfd pf = {ready[0], POLLIN, 0};
		char c;
		if (poll(&pf, 1, 30000) <= 0 || read(ready[0], &c, 1) != 1) {
			printf("dhcpd: no lease yet; still trying in the background\n");
			return 1;
		}
		return 0;
	}
	close(ready[0]);
	int notify = ready[1];
	for (unsigned runs = 0;; runs++) {
		pid_t worker = fork();
		if (worker == 0)
			run(notify);
		int status = 0;
		if (worker > 0)
			waitpid(worker, &status, 0);
		if (notify >= 0) {
			close(notify); /* the first run's lease has been reported, or not */
			notify = -1;
		}
		printf("dhcpd: starting again (run %u ended with status %d)\n", runs + 1,
		       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		fflush(stdout);
		sleep(1);
	}
}
