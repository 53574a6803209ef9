/*
 * netcfg: the stack's configuration as small text files (upstream's
 * layout, ../shared/spec/build-and-formats.md):
 *   resolv/nameserver       the DNS server ("a.b.c.d\n"); write to set
 *   route/list              the routes, one per line
 *   route/add, route/rm     write "default via a.b.c.d" (rm: "default")
 *   ifaces/eth0/mac         "52-54-00-12-34-56\n"
 *   ifaces/eth0/addr/list   "10.0.2.15/24\n" or "Not configured\n"
 *   ifaces/eth0/addr/set    write "a.b.c.d/N"
 * A read file is a snapshot made at open. Anyone may read; only root may
 * open a file for writing (EACCES). A bad line is EINVAL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwip/netif.h>
#include <redox/abi/flags.h>
#include <redox/abi/net.h>

#include "netstack.h"

enum file { LISTING, NAMESERVER, ROUTE_LIST, ROUTE_ADD, ROUTE_RM, MAC, ADDR_LIST, ADDR_SET };

static const struct {
	const char *path;
	enum file file;
	bool writable, readable;
} files[] = {
    {"", LISTING, false, true},
    {"resolv/nameserver", NAMESERVER, true, true},
    {"route/list", ROUTE_LIST, false, true},
    {"route/add", ROUTE_ADD, true, false},
    {"route/rm", ROUTE_RM, true, false},
    {"ifaces/eth0/mac", MAC, false, true},
    {"ifaces/eth0/addr/list", ADDR_LIST, false, true},
    {"ifaces/eth0/addr/set", ADDR_SET, true, false},
};

struct cfg {
	enum file file;
	size_t len;
	char text[512];
};

static uint32_t host(const ip4_addr_t *a)
{
	return lwip_ntohl(a->addr);
}

static size_t route_list(char *out, size_t size)
{
	char ip[16], gw[16], net[16];
	uint32_t addr = host(netif_ip4_addr(&eth0)), mask = host(netif_ip4_netmask(&eth0));
	addr_format(addr, ip, sizeof ip);
	size_t n = 0;
	if (addr && host(netif_ip4_gw(&eth0))) {
		addr_format(host(netif_ip4_gw(&eth0)), gw, sizeof gw);
		n +=
		    (size_t)snprintf(out + n, size - n, "default via %s dev eth0 src %s\n", gw, ip);
	}
	n += (size_t)snprintf(out + n, size - n, "127.0.0.0/8  dev loopback src 127.0.0.1\n");
	if (addr) {
		addr_format(addr & mask, net, sizeof net);
		n += (size_t)snprintf(out + n, size - n, "%s/%d  dev eth0 src %s\n", net,
		                      mask_prefix(mask), ip);
	}
	return n;
}

static void snapshot(struct cfg *c)
{
	char a[16];
	size_t size = sizeof c->text;
	switch (c->file) {
	case LISTING:
		c->len = (size_t)snprintf(c->text, size, "ifaces\nresolv\nroute\n");
		break;
	case NAMESERVER:
		addr_format(host(&nameserver), a, sizeof a);
		c->len = (size_t)snprintf(c->text, size, "%s\n", a);
		break;
	case ROUTE_LIST:
		c->len = route_list(c->text, size);
		break;
	case MAC: {
		const uint8_t *m = eth0.hwaddr;
		c->len = (size_t)snprintf(c->text, size, "%02x-%02x-%02x-%02x-%02x-%02x\n", m[0],
		                          m[1], m[2], m[3], m[4], m[5]);
		break;
	}
	case ADDR_LIST:
		if (!host(netif_ip4_addr(&eth0))) {
			c->len = (size_t)snprintf(c->text, size, "%s\n", NETCFG_NOT_CONFIGURED);
			break;
		}
		addr_format(host(netif_ip4_addr(&eth0)), a, sizeof a);
		c->len = (size_t)snprintf(c->text, size, "%s/%d\n", a,
		                          mask_prefix(host(netif_ip4_netmask(&eth0))));
		break;
	default:
		c->len = 0;
	}
}

static int c_open(struct handle *h, const char *path, uint64_t flags, uint32_t uid)
{
	size_t len = strlen(path);
	while (len && path[len - 1] == '/')
		len--;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (strlen(files[i].path) != len || memcmp(files[i].path, path, len))
			continue;
		bool write = (flags & O_ACCMODE) != O_RDONLY;
		if (write && !files[i].writable)
			return -EACCES;
		if (write && uid != 0)
			return -EACCES;
		if (!write && !files[i].readable)
			return -EACCES;
		struct cfg *c = calloc(1, sizeof *c);
		if (!c)
			return -ENOMEM;
		c->file = files[i].file;
		snapshot(c);
		h->data = c;
		return 0;
	}
	return -ENOENT;
}

static int64_t c_read(struct handle *h, void *buf, size_t len)
{
	struct cfg *c = h->data;
	size_t n = h->offset < c->len ? c->len - h->offset : 0;
	n = n < len ? n : len;
	memcpy(buf, c->text + h->offset, n);
	h->offset += n;
	return (int64_t)n;
}

static int64_t c_write(struct handle *h, const void *buf, size_t len)
{
	struct cfg *c = h->data;
	const char *t = buf;
	size_t n = len;
	while (n && (t[n - 1] == '\n' || t[n - 1] == ' '))
		n--;
	uint32_t a;
	unsigned prefix;
	ip4_addr_t ip, mask;
	switch (c->file) {
	case NAMESERVER:
		if (addr_parse(t, n, &a))
			return -EINVAL;
		ip4_addr_set_u32(&nameserver, lwip_htonl(a));
		break;
	case ROUTE_ADD:
		if (route_default_parse(t, n, &a))
			return -EINVAL;
		ip4_addr_set_u32(&ip, lwip_htonl(a));
		netif_set_gw(&eth0, &ip);
		break;
	case ROUTE_RM:
		if (n < 7 || memcmp(t, "default", 7))
			return -EINVAL;
		netif_set_gw(&eth0, IP4_ADDR_ANY4);
		break;
	case ADDR_SET:
		if (cidr_parse(t, n, &a, &prefix))
			return -EINVAL;
		ip4_addr_set_u32(&ip, lwip_htonl(a));
		ip4_addr_set_u32(&mask, lwip_htonl(prefix_mask(prefix)));
		netif_set_addr(&eth0, &ip, &mask, netif_ip4_gw(&eth0));
		break;
	default:
		return -EBADF;
	}
	return (int64_t)len;
}

static size_t c_fpath(struct handle *h, char *buf, size_t len)
{
	struct cfg *c = h->data;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		if (files[i].file == c->file) {
			int n = snprintf(buf, len, "%s", files[i].path);
			return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
		}
	return 0;
}

static unsigned c_ready(struct handle *h)
{
	(void)h;
	return EVENT_READ | EVENT_WRITE;
}

static void c_close(struct handle *h)
{
	free(h->data);
}

const struct scheme_ops netcfg_ops = {
    .name = "netcfg",
    .open = c_open,
    .read = c_read,
    .write = c_write,
    .fpath = c_fpath,
    .ready = c_ready,
    .close = c_close,
};
