/*
 * netstack: the TCP/IP stack daemon. It opens the first network adapter
 * (network.e1000_0:, ...; common/driver/net.h), runs lwIP single-threaded
 * over it as interface eth0 (plus lwIP's loopback interface for
 * 127.0.0.1), and serves udp:, tcp:, icmp:, ip: and netcfg:. One event
 * loop (event:) wakes on frames from the adapter, on requests to any of
 * its schemes and on lwIP's next timer; each turn feeds frames to lwIP,
 * serves requests, runs lwIP's timers and loopback queue, and retries
 * requests that were waiting (scheme.c).
 *
 * eth0 starts without an address ("Not configured"); dhcpd gives it one
 * through netcfg:. Runs as root; returns once it serves, and a supervisor
 * process restarts the stack whenever it ends (see main).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <lwip/etharp.h>
#include <lwip/init.h>
#include <lwip/pbuf.h>
#include <lwip/timeouts.h>
#include <netif/ethernet.h>
#include <redox/abi/flags.h>
#include <redox/abi/net.h>
#include <redox/abi/types.h>

#include "netstack.h"

struct netif eth0;
ip4_addr_t nameserver;
static int adapter_fd = -1;
/* the schemes served */
static const struct scheme_ops *const all[] = {&udp_ops, &tcp_ops, &icmp_ops, &netcfg_ops};
#define SCHEMES ((int)(sizeof all / sizeof all[0]))
static uint8_t adapter_mac[NET_MAC_LEN];
static char adapter_name[48];

int err_errno(int err)
{
	switch (err) {
	case ERR_OK:
		return 0;
	case ERR_MEM:
	case ERR_BUF:
		return -ENOBUFS;
	case ERR_TIMEOUT:
		return -ETIMEDOUT;
	case ERR_RTE:
		return -EHOSTUNREACH;
	case ERR_INPROGRESS:
	case ERR_WOULDBLOCK:
		return -EAGAIN;
	case ERR_VAL:
	case ERR_ARG:
		return -EINVAL;
	case ERR_USE:
		return -EADDRINUSE;
	case ERR_ALREADY:
		return -EALREADY;
	case ERR_ISCONN:
		return -EISCONN;
	case ERR_CONN:
		return -ENOTCONN;
	case ERR_ABRT:
		return -ECONNABORTED;
	case ERR_RST:
		return -ECONNRESET;
	case ERR_CLSD:
		return -ENOTCONN;
	default:
		return -EIO;
	}
}

uint32_t sys_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint32_t)((uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000);
}

static err_t eth_output(struct netif *netif, struct pbuf *p)
{
	(void)netif;
	static uint8_t frame[NET_FRAME_MAX];
	if (p->tot_len > sizeof frame)
		return ERR_BUF;
	uint16_t len = pbuf_copy_partial(p, frame, p->tot_len, 0);
	/* a full transmit ring empties in microseconds: try a few times */
	for (int i = 0; i < 100; i++) {
		if (write(adapter_fd, frame, len) == len)
			return ERR_OK;
		if (errno != EAGAIN)
			break;
	}
	return ERR_IF;
}

static err_t eth_init(struct netif *netif)
{
	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->output = etharp_output;
	netif->linkoutput = eth_output;
	netif->mtu = NET_ETH_MTU;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, adapter_mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

/* The first adapter that answers: network.<driver>_0 for the drivers we have. */
static int open_adapter(void)
{
	static const char *const drivers[] = {"e1000", "virtio", "rtl8139"};
	for (int tries = 0; tries < 50; tries++) {
		for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
			for (int n = 0; n < 4; n++) {
				char path[64];
				snprintf(path, sizeof path, "%s%s_%d:%s", NET_ADAPTER_PREFIX,
				         drivers[i], n, NET_ADAPTER_MAC);
				int fd = open(path, O_RDONLY);
				if (fd < 0)
					continue;
				ssize_t got = read(fd, adapter_mac, sizeof adapter_mac);
				close(fd);
				snprintf(adapter_name, sizeof adapter_name,
				         "%s%s_%d:", NET_ADAPTER_PREFIX, drivers[i], n);
				if (got != NET_MAC_LEN)
					continue;
				return open(adapter_name, O_RDWR | O_NONBLOCK);
			}
		usleep(100000); /* the driver may be restarting */
	}
	errno = ENODEV;
	return -1;
}

static void feed_frames(void)
{
	static uint8_t frame[NET_FRAME_MAX];
	for (int i = 0; i < 256; i++) {
		ssize_t n = read(adapter_fd, frame, sizeof frame);
		if (n <= 0) {
			if (n < 0 && errno != EAGAIN) {
				fprintf(stderr, "netstack: %s: %s; stopping\n", adapter_name,
				        strerror(errno));
				exit(1); /* the driver died: init starts us again */
			}
			return;
		}
		struct pbuf *p = pbuf_alloc(PBUF_RAW, (uint16_t)n, PBUF_POOL);
		if (!p)
			return;
		pbuf_take(p, frame, (uint16_t)n);
		if (eth0.input(p, &eth0) != ERR_OK)
			pbuf_free(p);
	}
}

static int watch(int queue, int fd, uint64_t data)
{
	struct redox_event ev = {(uint64_t)fd, EVENT_READ, data};
	return write(queue, &ev, sizeof ev) == sizeof ev ? 0 : -1;
}

static void arm(int timer, uint32_t ms)
{
	struct redox_timespec t;
	if (read(timer, &t, sizeof t) != sizeof t)
		return;
	t.tv_nsec += (int32_t)(ms % 1000) * 1000000;
	t.tv_sec += ms / 1000 + t.tv_nsec / 1000000000;
	t.tv_nsec %= 1000000000;
	write(timer, &t, sizeof t);
}

/* The stack itself: returns only on failure (message printed). */
static int serve(int notify)
{
	adapter_fd = open_adapter();
	if (adapter_fd < 0) {
		fprintf(stderr, "netstack: no network adapter (network.e1000_0: ...): %s\n",
		        strerror(errno));
		return 1;
	}
	lwip_init();
	if (!netif_add(&eth0, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4, 0, eth_init,
	               ethernet_input)) {
		fprintf(stderr, "netstack: cannot add eth0\n");
		return 1;
	}
	netif_set_default(&eth0);
	netif_set_up(&eth0);
	netif_set_link_up(&eth0);
	int queue = open("event:", O_RDWR);
	int timer = open("time:4", O_RDWR);
	if (queue < 0 || timer < 0 || watch(queue, adapter_fd, 0) || watch(queue, timer, 0)) {
		fprintf(stderr, "netstack: cannot set up its event queue: %s\n", strerror(errno));
		return 1;
	}
	int fds[SCHEMES];
	for (int i = 0; i < SCHEMES; i++) {
		fds[i] = scheme_register(all[i]);
		if (fds[i] < 0 || watch(queue, fds[i], 0))
			return 1;
	}
	char names[64] = "";
	for (int i = 0; i < SCHEMES; i++)
		snprintf(names + strlen(names), sizeof names - strlen(names), " %s:", all[i]->name);
	printf("netstack: eth0 on %s MAC %02x:%02x:%02x:%02x:%02x:%02x (lwIP %s); serving%s\n",
	       adapter_name, adapter_mac[0], adapter_mac[1], adapter_mac[2], adapter_mac[3],
	       adapter_mac[4], adapter_mac[5], LWIP_VERSION_STRING, names);
	fflush(stdout);
	if (notify >= 0) {
		write(notify, "", 1);
		close(notify);
	}
	for (;;) {
		feed_frames();
		for (int i = 0; i < SCHEMES; i++)
			scheme_serve(fds[i]);
		sys_check_timeouts();
		/* loopback traffic answers itself: a few rounds before sleeping */
		for (int round = 0; round < 4; round++) {
			netif_poll_all();
			scheme_retry();
		}
		uint32_t sleep = sys_timeouts_sleeptime();
		arm(timer, sleep > 250 ? 250 : sleep);
		struct redox_event ev;
		read(queue, &ev, sizeof ev);
	}
}

/*
 * netstack returns once the schemes are served (init goes on with the
 * next script); a supervisor stays in the background and starts the stack
 * again whenever it ends (killed, or its adapter gone), saying so. dhcpd
 * notices the old sockets failing and configures the new stack.
 */
int main(void)
{
	int ready[2];
	if (pipe(ready) < 0) {
		fprintf(stderr, "netstack: pipe: %s\n", strerror(errno));
		return 1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "netstack: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid > 0) {
		char c;
		close(ready[1]);
		return read(ready[0], &c, 1) == 1 ? 0 : 1;
	}
	close(ready[0]);
	int notify = ready[1];
	for (;;) {
		pid_t worker = fork();
		if (worker == 0)
			return serve(notify);
		if (notify >= 0) {
			close(notify); /* the first worker's readiness reaches init, or its end does
			                */
			notify = -1;
		}
		int status = 0;
		if (worker < 0 || waitpid(worker, &status, 0) < 0) {
			sleep(1);
			continue;
		}
		if (WIFSIGNALED(status))
			printf("netstack: pid %d killed by signal %d; starting again\n", worker,
			       WTERMSIG(status));
		else
			printf("netstack: pid %d ended with status %d; starting again\n", worker,
			       WEXITSTATUS(status));
		fflush(stdout);
		sleep(1);
	}
}
