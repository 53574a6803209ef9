/*
 * icmp: echo (ping) over an lwIP raw pcb. Anyone may use it.
 *   open "echo/a.b.c.d"   an echo handle for that host (its own ICMP id)
 *   write                 [u16 sequence, little endian][payload]: sends an
 *                         echo request with that sequence and payload
 *   read                  the next echo reply for this handle, in the same
 *                         form: [u16 sequence][payload]
 *   fpath                 "icmp:echo/a.b.c.d"
 * lwIP itself answers echo requests sent to us.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwip/inet_chksum.h>
#include <lwip/pbuf.h>
#include <lwip/prot/icmp.h>
#include <lwip/prot/ip4.h>
#include <lwip/raw.h>
#include <redox/abi/flags.h>

#include "netstack.h"

#define QUEUE 16

struct echo {
	struct raw_pcb *pcb;
	ip4_addr_t host;
	uint16_t id;
	struct pbuf *queue[QUEUE]; /* replies: the ICMP message */
	unsigned head, count;
};

static uint16_t next_id = 0x5200;

static u8_t on_recv(void *arg, struct raw_pcb *pcb, struct pbuf *p, const ip_addr_t *addr)
{
	(void)pcb;
	struct echo *e = arg;
	if (p->len < IP_HLEN)
		return 0;
	uint16_t hlen = (uint16_t)(IPH_HL_BYTES((struct ip_hdr *)p->payload));
	if (p->tot_len < hlen + sizeof(struct icmp_echo_hdr) ||
	    !ip4_addr_cmp(ip_2_ip4(addr), &e->host))
		return 0;
	struct icmp_echo_hdr h;
	pbuf_copy_partial(p, &h, sizeof h, hlen);
	if (h.type != ICMP_ER || lwip_ntohs(h.id) != e->id)
		return 0; /* not ours: lwIP's ICMP goes on with it */
	if (e->count == QUEUE || pbuf_remove_header(p, hlen)) {
		pbuf_free(p);
		return 1;
	}
	e->queue[(e->head + e->count++) % QUEUE] = p;
	return 1;
}

static int i_open(struct handle *h, const char *path, uint64_t flags, uint32_t uid)
{
	(void)flags;
	(void)uid;
	uint32_t a;
	if (strncmp(path, "echo/", 5) || addr_parse(path + 5, strlen(path + 5), &a))
		return -ENOENT;
	struct echo *e = calloc(1, sizeof *e);
	if (!e)
		return -ENOMEM;
	e->pcb = raw_new(IP_PROTO_ICMP);
	if (!e->pcb) {
		free(e);
		return -ENOBUFS;
	}
	ip4_addr_set_u32(&e->host, lwip_htonl(a));
	e->id = next_id++;
	raw_recv(e->pcb, on_recv, e);
	h->data = e;
	return 0;
}

static int64_t i_read(struct handle *h, void *buf, size_t len)
{
	struct echo *e = h->data;
	if (!e->count)
		return -EAGAIN;
	struct pbuf *p = e->queue[e->head];
	e->head = (e->head + 1) % QUEUE;
	e->count--;
	struct icmp_echo_hdr hdr;
	pbuf_copy_partial(p, &hdr, sizeof hdr, 0);
	uint16_t seq = lwip_ntohs(hdr.seqno);
	size_t n = 0;
	if (len >= 2) {
		memcpy(buf, &seq, 2);
		size_t data = p->tot_len - sizeof hdr;
		n = len - 2 < data ? len - 2 : data;
		pbuf_copy_partial(p, (uint8_t *)buf + 2, (u16_t)n, sizeof hdr);
		n += 2;
	}
	pbuf_free(p);
	return (int64_t)n;
}

static int64_t i_write(struct handle *h, const void *buf, size_t len)
{
	struct echo *e = h->data;
	if (len < 2 || len > 2 + 65000)
		return -EINVAL;
	uint16_t seq;
	memcpy(&seq, buf, 2);
	size_t total = sizeof(struct icmp_echo_hdr) + len - 2;
	struct pbuf *p = pbuf_alloc(PBUF_IP, (u16_t)total, PBUF_RAM);
	if (!p)
		return -ENOBUFS;
	struct icmp_echo_hdr *hdr = p->payload;
	hdr->type = ICMP_ECHO;
	hdr->code = 0;
	hdr->chksum = 0;
	hdr->id = lwip_htons(e->id);
	hdr->seqno = lwip_htons(seq);
	memcpy(hdr + 1, (const uint8_t *)buf + 2, len - 2);
	hdr->chksum = inet_chksum(hdr, (u16_t)total);
	ip_addr_t to = IPADDR4_INIT(e->host.addr);
	err_t err = raw_sendto(e->pcb, p, &to);
	pbuf_free(p);
	return err == ERR_OK ? (int64_t)len : err_errno(err);
}

static size_t i_fpath(struct handle *h, char *buf, size_t len)
{
	struct echo *e = h->data;
	char a[16];
	addr_format(lwip_ntohl(e->host.addr), a, sizeof a);
	int n = snprintf(buf, len, "echo/%s", a);
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}

static unsigned i_ready(struct handle *h)
{
	struct echo *e = h->data;
	return EVENT_WRITE | (e->count ? EVENT_READ : 0);
}

static void i_close(struct handle *h)
{
	struct echo *e = h->data;
	raw_remove(e->pcb);
	while (e->count) {
		pbuf_free(e->queue[e->head]);
		e->head = (e->head + 1) % QUEUE;
		e->count--;
	}
	free(e);
}

const struct scheme_ops icmp_ops = {
    .name = "icmp",
    .open = i_open,
    .read = i_read,
    .write = i_write,
    .fpath = i_fpath,
    .ready = i_ready,
    .close = i_close,
};
