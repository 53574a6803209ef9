/*
 * tcp: over lwIP's raw TCP API, in relibc-c's socket convention
 * (relibc-c/src/platform/socket.c):
 *   open "tcp:"               a socket, not connected
 *   dup "a.b.c.d:port"        connect: a new handle once the connection is
 *                             up (ECONNREFUSED, ETIMEDOUT, ...); with
 *                             O_NONBLOCK at once (writes wait for it)
 *   dup "/a.b.c.d:port"       bind: a new handle listening there (port 0: any)
 *   dup "listen"              accept: the next connection (waits for one)
 *   read/write                the byte stream; read gives 0 at the end
 *   fpath                     "tcp:REMOTE/LOCAL"
 *   dup "opt/NAME[=N]"        socket options (setsockopt/getsockopt):
 *                             nodelay, keepalive, reuseaddr, rcvbuf,
 *                             sndbuf, error; the new handle reads "N\n"
 *   dup "shutdown/wr|rd|rdwr" shutdown: wr sends FIN after what is queued
 * Received data waits in the connection (lwIP's window is opened again as
 * it is read: flow control); writes go into lwIP's send buffer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwip/pbuf.h>
#include <lwip/tcp.h>
#include <redox/abi/flags.h>

#include "netstack.h"

#define BACKLOG 16

struct conn {
	struct tcp_pcb *pcb; /* NULL once lwIP freed it (error) or we closed it */
	struct pbuf *rx;
	bool connected, eof, listening;
	bool rd_shut, wr_shut;            /* shutdown(2) */
	bool nagle, keepalive, reuseaddr; /* set by setsockopt; copied to connect/bind */
	int err;                          /* a negative errno once the connection failed */
	struct conn *backlog[BACKLOG];
	int waiting;
	ip4_addr_t remote;
	uint16_t remote_port;
};

static void conn_free(struct conn *c);

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	(void)pcb;
	struct conn *c = arg;
	if (!p) {
		c->eof = true;
		return ERR_OK;
	}
	if (err != ERR_OK) {
		pbuf_free(p);
		return err;
	}
	if (c->rx)
		pbuf_cat(c->rx, p);
	else
		c->rx = p;
	return ERR_OK;
}

static void on_err(void *arg, err_t err)
{
	struct conn *c = arg;
	c->pcb = 0; /* lwIP has freed it */
	c->err = err == ERR_RST && !c->connected ? -ECONNREFUSED : err_errno(err);
	if (!c->err)
		c->err = -ECONNRESET;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)pcb;
	struct conn *c = arg;
	if (err != ERR_OK)
		c->err = err_errno(err);
	else
		c->connected = true;
	return ERR_OK;
}

static void attach(struct conn *c, struct tcp_pcb *pcb)
{
	c->pcb = pcb;
	tcp_arg(pcb, c);
	tcp_recv(pcb, on_recv);
	tcp_err(pcb, on_err);
	tcp_nagle_disable(pcb);
}

/* Options set on the socket before connect or bind go to the new pcb. */
static void apply_options(struct conn *c)
{
	if (!c->pcb || c->listening)
		return;
	if (c->nagle)
		tcp_nagle_enable(c->pcb);
	else
		tcp_nagle_disable(c->pcb);
	if (c->keepalive)
		ip_set_option(c->pcb, SOF_KEEPALIVE);
	else
		ip_reset_option(c->pcb, SOF_KEEPALIVE);
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct conn *l = arg;
	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	if (l->waiting == BACKLOG)
		return ERR_MEM; /* lwIP aborts it */
	struct conn *c = calloc(1, sizeof *c);
	if (!c)
		return ERR_MEM;
	attach(c, pcb);
	c->nagle = l->nagle; /* Linux's accepted sockets inherit these too */
	c->keepalive = l->keepalive;
	apply_options(c);
	c->connected = true;
	c->remote = *ip_2_ip4(&pcb->remote_ip);
	c->remote_port = pcb->remote_port;
	l->backlog[l->waiting++] = c;
	return ERR_OK;
}

static void conn_free(struct conn *c)
{
	if (c->pcb) {
		tcp_arg(c->pcb, 0);
		if (c->listening) {
			tcp_close(c->pcb);
		} else {
			tcp_recv(c->pcb, 0);
			tcp_err(c->pcb, 0);
			if (tcp_close(c->pcb) != ERR_OK)
				tcp_abort(c->pcb);
		}
	}
	for (int i = 0; i < c->waiting; i++)
		conn_free(c->backlog[i]);
	if (c->rx)
		pbuf_free(c->rx);
	free(c);
}

static int t_open(struct handle *h, const char *path, uint64_t flags, uint32_t uid)
{
	(void)flags;
	(void)uid;
	if (*path)
		return -ENOENT;
	h->data = calloc(1, sizeof(struct conn));
	return h->data ? 0 : -ENOMEM;
}

static int t_dup(struct handle *h, struct handle *nh, const char *buf, size_t len)
{
	struct conn *c = h->data;
	uint32_t a;
	uint16_t port;
	if (nh->data) { /* a connect or accept in progress */
		struct conn *n = nh->data;
		return n->err ? n->err : n->connected ? 0 : -EAGAIN;
	}
	if (len == 6 && !memcmp(buf, "listen", 6)) {
		if (!c->listening)
			return -EINVAL;
		if (!c->waiting)
			return -EAGAIN;
		nh->data = c->backlog[0];
		memmove(c->backlog, c->backlog + 1, (size_t)--c->waiting * sizeof c->backlog[0]);
		return 0;
	}
	bool bind = len && buf[0] == '/';
	if (c->pcb || c->listening)
		return -EISCONN;
	if (endpoint_parse(buf + bind, len - bind, &a, &port))
		return -EINVAL;
	struct tcp_pcb *pcb = tcp_new();
	struct conn *n = calloc(1, sizeof *n);
	if (!pcb || !n) {
		if (pcb)
			tcp_abort(pcb);
		free(n);
		return -ENOMEM;
	}
	n->nagle = c->nagle;
	n->keepalive = c->keepalive;
	n->reuseaddr = c->reuseaddr;
	ip_addr_t ip = IPADDR4_INIT(lwip_htonl(a));
	if (bind) {
		ip_set_option(pcb, SOF_REUSEADDR);
		err_t err = tcp_bind(pcb, &ip, port);
		struct tcp_pcb *l = err == ERR_OK ? tcp_listen_with_backlog(pcb, BACKLOG) : 0;
		if (!l) {
			tcp_abort(pcb);
			free(n);
			return err == ERR_OK ? -ENOBUFS : err_errno(err);
		}
		n->pcb = l;
		n->listening = true;
		tcp_arg(l, n);
		tcp_accept(l, on_accept);
		nh->data = n;
		return 0;
	}
	attach(n, pcb);
	apply_options(n);
	n->remote = *ip_2_ip4(&ip);
	n->remote_port = port;
	nh->data = n;
	err_t err = tcp_connect(pcb, &ip, port, on_connected);
	if (err != ERR_OK)
		return err_errno(err);
	return h->nonblock ? 0 : -EAGAIN;
}

static int64_t t_read(struct handle *h, void *buf, size_t len)
{
	struct conn *c = h->data;
	if (c->listening)
		return -EINVAL;
	if (c->rd_shut)
		return 0;
	if (!c->rx) {
		if (c->eof)
			return 0;
		if (c->err)
			return c->err == -ECONNRESET || c->err == -ECONNABORTED ? 0 : c->err;
		if (!c->pcb && !c->connected)
			return -ENOTCONN;
		return -EAGAIN;
	}
	size_t n = len < c->rx->tot_len ? len : c->rx->tot_len;
	pbuf_copy_partial(c->rx, buf, (u16_t)n, 0);
	c->rx = pbuf_free_header(c->rx, (u16_t)n);
	if (c->pcb)
		tcp_recved(c->pcb, (u16_t)n);
	return (int64_t)n;
}

static int64_t t_write(struct handle *h, const void *buf, size_t len)
{
	struct conn *c = h->data;
	if (c->err)
		return c->err == -ECONNREFUSED ? c->err : -EPIPE;
	if (c->wr_shut)
		return -EPIPE;
	if (!c->pcb || c->listening)
		return -ENOTCONN;
	if (!c->connected)
		return -EAGAIN;
	size_t room = tcp_sndbuf(c->pcb);
	if (!room || tcp_sndqueuelen(c->pcb) >= TCP_SND_QUEUELEN - 4)
		return -EAGAIN;
	size_t n = len < room ? len : room;
	if (n > 0xFFFF)
		n = 0xFFFF;
	err_t err = tcp_write(c->pcb, buf, (u16_t)n, TCP_WRITE_FLAG_COPY);
	if (err == ERR_MEM)
		return -EAGAIN;
	if (err != ERR_OK)
		return err_errno(err);
	tcp_output(c->pcb);
	return (int64_t)n;
}

static size_t t_fpath(struct handle *h, char *buf, size_t len)
{
	struct conn *c = h->data;
	char ra[16], la[16];
	addr_format(lwip_ntohl(c->remote.addr), ra, sizeof ra);
	uint32_t local = c->pcb ? lwip_ntohl(ip_2_ip4(&c->pcb->local_ip)->addr) : 0;
	addr_format(local, la, sizeof la);
	int n = snprintf(buf, len, "%s:%u/%s:%u", ra, c->remote_port, la,
	                 c->pcb ? c->pcb->local_port : 0);
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

static unsigned t_ready(struct handle *h)
{
	struct conn *c = h->data;
	unsigned r = 0;
	if (c->listening)
		return c->waiting ? EVENT_READ : 0;
	if (c->rx || c->eof || c->err || c->rd_shut)
		r |= EVENT_READ;
	if (c->err || (c->pcb && c->connected && tcp_sndbuf(c->pcb) &&
	               tcp_sndqueuelen(c->pcb) < TCP_SND_QUEUELEN - 4))
		r |= EVENT_WRITE;
	return r;
}

/* shutdown: wr queues a FIN after the data lwIP holds; rd drops what
 * comes (the window stays open, as Linux does) and reads give 0 */
static int t_shutdown(struct conn *c, const char *how)
{
	bool rd = !strcmp(how, "rd") || !strcmp(how, "rdwr");
	bool wr = !strcmp(how, "wr") || !strcmp(how, "rdwr");
	if (!rd && !wr)
		return -EINVAL;
	if (c->listening || (!c->connected && !c->err))
		return -ENOTCONN;
	if (wr && !c->wr_shut && c->pcb) {
		err_t err = tcp_shutdown(c->pcb, 0, 1);
		if (err != ERR_OK)
			return err == ERR_CONN ? -ENOTCONN : err_errno(err);
		tcp_output(c->pcb);
	}
	c->wr_shut |= wr;
	if (rd && !c->rd_shut) {
		c->rd_shut = true;
		if (c->rx) {
			if (c->pcb)
				tcp_recved(c->pcb, c->rx->tot_len);
			pbuf_free(c->rx);
			c->rx = 0;
		}
	}
	return 0;
}

static int t_option(struct handle *h, const char *req, char *out, size_t size)
{
	struct conn *c = h->data;
	if (!strncmp(req, "shutdown/", 9))
		return t_shutdown(c, req + 9);
	const char *name = req + 4, *eq = strchr(name, '=');
	size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
	long v = eq ? strtol(eq + 1, 0, 10) : 0;
	int now;
#define IS(s) (nlen == sizeof(s) - 1 && !memcmp(name, s, nlen))
	if (IS("nodelay")) {
		if (eq) {
			c->nagle = !v;
			apply_options(c);
		}
		now = !c->nagle;
	} else if (IS("keepalive")) {
		if (eq) {
			c->keepalive = v != 0;
			apply_options(c);
		}
		now = c->keepalive;
	} else if (IS("reuseaddr")) {
		/* a bind always reuses (lwIP's SOF_REUSEADDR): kept to report */
		if (eq)
			c->reuseaddr = v != 0;
		now = c->reuseaddr;
	} else if (IS("rcvbuf") || IS("sndbuf")) {
		/* lwIP's window and send buffer are fixed when it is built: a
		 * size may be asked for, the real one is what reads give */
		if (eq && v <= 0)
			return -EINVAL;
		now = IS("rcvbuf") ? TCP_WND : TCP_SND_BUF;
	} else if (IS("error")) {
		if (eq)
			return -ENOPROTOOPT;
		now = c->err < 0 ? -c->err : 0;
	} else {
		return -ENOPROTOOPT;
	}
#undef IS
	snprintf(out, size, "%d\n", now);
	return 0;
}

static void t_close(struct handle *h)
{
	conn_free(h->data);
}

const struct scheme_ops tcp_ops = {
    .name = "tcp",
    .open = t_open,
    .dup = t_dup,
    .read = t_read,
    .write = t_write,
    .fpath = t_fpath,
    .ready = t_ready,
    .option = t_option,
    .close = t_close,
};
