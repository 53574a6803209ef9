/*
 * udp: over lwIP's raw UDP API, in relibc-c's socket convention
 * (relibc-c/src/platform/socket.c):
 *   open "udp:"               an unbound socket
 *   dup "/a.b.c.d:port"       bind: a new socket bound there (port 0: any)
 *   dup "a.b.c.d:port"        a handle on the same socket that sends there
 *                             (connect, and sendto's one-shot handle)
 *   read                      the next datagram (its sender is then the
 *                             remote in fpath: recvfrom's address)
 *   write                     one datagram to the handle's remote; to
 *                             255.255.255.255 it leaves through eth0 even
 *                             while eth0 has no address (dhcpd)
 *   fpath                     "udp:REMOTE/LOCAL"
 *   dup "opt/NAME[=N]"        socket options: reuseaddr, rcvbuf, sndbuf,
 *                             error (always 0: errors come from writes)
 * Datagrams wait in a queue per socket (64 at most; more are dropped).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwip/pbuf.h>
#include <lwip/udp.h>
#include <redox/abi/flags.h>

#include "netstack.h"

#define QUEUE 64

struct udp_sock {
	struct udp_pcb *pcb;
	int refs;
	struct pbuf *queue[QUEUE];
	ip4_addr_t from[QUEUE];
	uint16_t from_port[QUEUE];
	unsigned head, count;
	ip4_addr_t last_from; /* sender of the datagram read last */
	uint16_t last_port;
	bool reuseaddr; /* as setsockopt left it (binds always reuse) */
};

struct udp_handle {
	struct udp_sock *sock;
	bool connected;
	ip4_addr_t remote;
	uint16_t remote_port;
};

static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p, const ip_addr_t *addr,
                    u16_t port)
{
	(void)pcb;
	struct udp_sock *s = arg;
	if (s->count == QUEUE) {
		pbuf_free(p);
		return;
	}
	unsigned slot = (s->head + s->count++) % QUEUE;
	s->queue[slot] = p;
	s->from[slot] = *ip_2_ip4(addr);
	s->from_port[slot] = port;
}

static struct udp_sock *sock_new(void)
{
	struct udp_sock *s = calloc(1, sizeof *s);
	if (!s)
		return 0;
	s->pcb = udp_new();
	if (!s->pcb) {
		free(s);
		return 0;
	}
	ip_set_option(s->pcb, SOF_REUSEADDR);
	udp_recv(s->pcb, on_recv, s);
	s->refs = 1;
	return s;
}

static void sock_put(struct udp_sock *s)
{
	if (--s->refs)
		return;
	udp_remove(s->pcb);
	while (s->count) {
		pbuf_free(s->queue[s->head]);
		s->head = (s->head + 1) % QUEUE;
		s->count--;
	}
	free(s);
}

static int u_open(struct handle *h, const char *path, uint64_t flags, uint32_t uid)
{
	(void)flags;
	(void)uid;
	struct udp_handle *u = calloc(1, sizeof *u);
	if (!u)
		return -ENOMEM;
	u->sock = sock_new();
	if (!u->sock) {
		free(u);
		return -ENOMEM;
	}
	h->data = u;
	/* upstream's "udp:a.b.c.d:port" opens a connected socket */
	if (*path) {
		uint32_t a;
		uint16_t port;
		if (endpoint_parse(path, strlen(path), &a, &port))
			return -EINVAL;
		u->connected = true;
		ip4_addr_set_u32(&u->remote, lwip_htonl(a));
		u->remote_port = port;
		udp_bind(u->sock->pcb, IP4_ADDR_ANY, 0);
	}
	return 0;
}

static int u_dup(struct handle *h, struct handle *nh, const char *buf, size_t len)
{
	struct udp_handle *u = h->data, *n = calloc(1, sizeof *n);
	if (!n)
		return -ENOMEM;
	uint32_t a;
	uint16_t port;
	if (len && buf[0] == '/') {
		if (endpoint_parse(buf + 1, len - 1, &a, &port)) {
			free(n);
			return -EINVAL;
		}
		n->sock = sock_new();
		if (!n->sock) {
			free(n);
			return -ENOMEM;
		}
		n->sock->reuseaddr = u->sock->reuseaddr;
		ip4_addr_t local;
		ip4_addr_set_u32(&local, lwip_htonl(a));
		ip_addr_t any = IPADDR4_INIT(local.addr);
		err_t err = udp_bind(n->sock->pcb, &any, port);
		if (err != ERR_OK) {
			sock_put(n->sock);
			free(n);
			return err_errno(err);
		}
	} else if (!endpoint_parse(buf, len, &a, &port)) {
		n->sock = u->sock;
		n->sock->refs++;
		n->connected = true;
		ip4_addr_set_u32(&n->remote, lwip_htonl(a));
		n->remote_port = port;
		if (!u->sock->pcb->local_port)
			udp_bind(u->sock->pcb, IP4_ADDR_ANY, 0);
	} else {
		free(n);
		return -EINVAL;
	}
	nh->data = n;
	return 0;
}

static int64_t u_read(struct handle *h, void *buf, size_t len)
{
	struct udp_sock *s = ((struct udp_handle *)h->data)->sock;
	if (!s->count)
		return -EAGAIN;
	struct pbuf *p = s->queue[s->head];
	s->last_from = s->from[s->head];
	s->last_port = s->from_port[s->head];
	s->head = (s->head + 1) % QUEUE;
	s->count--;
	size_t n = pbuf_copy_partial(p, buf, (u16_t)(len < p->tot_len ? len : p->tot_len), 0);
	pbuf_free(p);
	return (int64_t)n;
}

static int64_t u_write(struct handle *h, const void *buf, size_t len)
{
	struct udp_handle *u = h->data;
	if (!u->connected)
		return -EDESTADDRREQ;
	if (len > 65507)
		return -EMSGSIZE;
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
	if (!p)
		return -ENOBUFS;
	pbuf_take(p, buf, (u16_t)len);
	ip_addr_t to = IPADDR4_INIT(u->remote.addr);
	if (!u->sock->pcb->local_port)
		udp_bind(u->sock->pcb, IP4_ADDR_ANY, 0);
	err_t err =
	    ip4_addr_isbroadcast_u32(u->remote.addr, &eth0) || u->remote.addr == IPADDR_BROADCAST
	        ? udp_sendto_if(u->sock->pcb, p, &to, u->remote_port, &eth0)
	        : udp_sendto(u->sock->pcb, p, &to, u->remote_port);
	pbuf_free(p);
	return err == ERR_OK ? (int64_t)len : err_errno(err);
}

static size_t u_fpath(struct handle *h, char *buf, size_t len)
{
	struct udp_handle *u = h->data;
	struct udp_sock *s = u->sock;
	const ip4_addr_t *r = u->connected ? &u->remote : &s->last_from;
	uint16_t rport = u->connected ? u->remote_port : s->last_port;
	char ra[16], la[16];
	addr_format(lwip_ntohl(r->addr), ra, sizeof ra);
	addr_format(lwip_ntohl(ip_2_ip4(&s->pcb->local_ip)->addr), la, sizeof la);
	int n = snprintf(buf, len, "%s:%u/%s:%u", ra, rport, la, s->pcb->local_port);
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

static unsigned u_ready(struct handle *h)
{
	struct udp_handle *u = h->data;
	return EVENT_WRITE | (u->sock->count ? EVENT_READ : 0);
}

static int u_option(struct handle *h, const char *req, char *out, size_t size)
{
	struct udp_sock *s = ((struct udp_handle *)h->data)->sock;
	if (strncmp(req, "opt/", 4))
		return -EOPNOTSUPP; /* shutdown of a datagram socket */
	const char *name = req + 4, *eq = strchr(name, '=');
	size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
	long v = eq ? strtol(eq + 1, 0, 10) : 0;
	int now;
#define IS(x) (nlen == sizeof(x) - 1 && !memcmp(name, x, nlen))
	if (IS("reuseaddr")) {
		if (eq)
			s->reuseaddr = v != 0;
		now = s->reuseaddr;
	} else if (IS("rcvbuf") || IS("sndbuf")) {
		/* fixed: the queue holds QUEUE datagrams; one write is one datagram */
		if (eq && v <= 0)
			return -EINVAL;
		now = IS("rcvbuf") ? QUEUE * 1472 : 65507;
	} else if (IS("error") && !eq) {
		now = 0;
	} else {
		return -ENOPROTOOPT;
	}
#undef IS
	snprintf(out, size, "%d\n", now);
	return 0;
}

static void u_close(struct handle *h)
{
	struct udp_handle *u = h->data;
	sock_put(u->sock);
	free(u);
}

const struct scheme_ops udp_ops = {
    .name = "udp",
    .open = u_open,
    .dup = u_dup,
    .read = u_read,
    .write = u_write,
    .fpath = u_fpath,
    .ready = u_ready,
    .option = u_option,
    .close = u_close,
};
