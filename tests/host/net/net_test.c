/*
 * Host tests of the network code that needs no lwIP and no kernel: the
 * netstack's address/endpoint/route parsers (recipes/core/netstack/source/
 * addr.c) and dhcpd's DHCP message building and parsing (recipes/core/
 * dhcpd/source/dhcp.c), and relibc-c's socket-option requests and
 * answers (relibc-c/src/net/sockopt.c), run under the sanitizers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "addr.h"
#include "dhcp.h"
#include "net/net.h"

#include "../check.h"

static int parse_a(const char *t, uint32_t *a)
{
	return addr_parse(t, strlen(t), a);
}

static void test_addr(void)
{
	uint32_t a;
	uint16_t port;
	unsigned prefix;
	CHECK(parse_a("10.0.2.15", &a) == 0 && a == 0x0A00020F);
	CHECK(parse_a("255.255.255.255", &a) == 0 && a == 0xFFFFFFFF);
	CHECK(parse_a("0.0.0.0", &a) == 0 && a == 0);
	CHECK(parse_a("256.0.0.1", &a) == -EINVAL);
	CHECK(parse_a("10.0.2", &a) == -EINVAL);
	CHECK(parse_a("10.0.2.15.1", &a) == -EINVAL);
	CHECK(parse_a("10.0.2.x", &a) == -EINVAL);
	CHECK(parse_a("", &a) == -EINVAL);
	CHECK(parse_a("10..2.15", &a) == -EINVAL);
	CHECK(parse_a("1000000000000.0.0.1", &a) == -EINVAL);
	CHECK(addr_parse("10.0.2.15junk", 9, &a) == 0 && a == 0x0A00020F); /* only len bytes */
	const char *ep = "10.0.2.2:80";
	CHECK(endpoint_parse(ep, strlen(ep), &a, &port) == 0 && a == 0x0A000202 && port == 80);
	ep = "0.0.0.0:65535";
	CHECK(endpoint_parse(ep, strlen(ep), &a, &port) == 0 && port == 65535);
	ep = "0.0.0.0:65536";
	CHECK(endpoint_parse(ep, strlen(ep), &a, &port) == -EINVAL);
	ep = "10.0.2.2:";
	CHECK(endpoint_parse(ep, strlen(ep), &a, &port) == -EINVAL);
	ep = "10.0.2.2";
	CHECK(endpoint_parse(ep, strlen(ep), &a, &port) == -EINVAL);
	ep = "10.0.2.2:80x";
	CHECK(endpoint_parse(ep, strlen(ep), &a, &port) == -EINVAL);
	const char *c = "10.0.2.15/24";
	CHECK(cidr_parse(c, strlen(c), &a, &prefix) == 0 && a == 0x0A00020F && prefix == 24);
	c = "10.0.2.15/33";
	CHECK(cidr_parse(c, strlen(c), &a, &prefix) == -EINVAL);
	c = "10.0.2.15";
	CHECK(cidr_parse(c, strlen(c), &a, &prefix) == -EINVAL);
	const char *r = "default via 10.0.2.2";
	CHECK(route_default_parse(r, strlen(r), &a) == 0 && a == 0x0A000202);
	r = "default via 10.0.2.2 dev eth0 src 10.0.2.15";
	CHECK(route_default_parse(r, strlen(r), &a) == 0 && a == 0x0A000202);
	r = "default 10.0.2.2";
	CHECK(route_default_parse(r, strlen(r), &a) == -EINVAL);
	r = "default via 10.0.2.2x";
	CHECK(route_default_parse(r, strlen(r), &a) == -EINVAL);
	CHECK(prefix_mask(24) == 0xFFFFFF00 && prefix_mask(0) == 0 && prefix_mask(32) == ~0u);
	CHECK(mask_prefix(0xFFFFFF00) == 24 && mask_prefix(0) == 0 && mask_prefix(~0u) == 32);
	CHECK(mask_prefix(0xFF00FF00) == -1);
	char out[16];
	CHECK(addr_format(0x0A00020F, out, sizeof out) == 9 && !strcmp(out, "10.0.2.15"));
}

/* QEMU's offer as slirp builds it: what dhcpd gets on the seed's network. */
static size_t slirp_offer(uint8_t *p, uint32_t xid, const uint8_t mac[6])
{
	memset(p, 0, DHCP_MAX);
	p[0] = 2;
	p[1] = 1;
	p[2] = 6;
	p[4] = (uint8_t)(xid >> 24);
	p[5] = (uint8_t)(xid >> 16);
	p[6] = (uint8_t)(xid >> 8);
	p[7] = (uint8_t)xid;
	memcpy(p + 16, (uint8_t[]){10, 0, 2, 15}, 4);
	memcpy(p + 20, (uint8_t[]){10, 0, 2, 2}, 4);
	memcpy(p + 28, mac, 6);
	memcpy(p + 236, (uint8_t[]){99, 130, 83, 99}, 4);
	static const uint8_t opts[] = {53,  1,   2, 54, 4, 10, 0, 2,  2,   1,  4, 255,
	                               255, 255, 0, 3,  4, 10, 0, 2,  2,   6,  4, 10,
	                               0,   2,   3, 51, 4, 0,  1, 81, 128, 255};
	memcpy(p + 240, opts, sizeof opts);
	return 240 + sizeof opts;
}

static void test_dhcp(void)
{
	static const uint8_t mac[6] = {0x52, 0x54, 0, 0x12, 0x34, 0x56};
	uint8_t buf[DHCP_MAX];
	size_t n = dhcp_build(buf, DHCP_DISCOVER, 0x12345678, mac, 0, 0, 0);
	CHECK(n == 300 && buf[0] == 1 && buf[2] == 6 && !memcmp(buf + 28, mac, 6));
	CHECK(buf[10] == 0x80); /* broadcast flag: no address yet */
	CHECK(buf[240] == 53 && buf[241] == 1 && buf[242] == DHCP_DISCOVER);
	const uint8_t want[4] = {10, 0, 2, 15}, server[4] = {10, 0, 2, 2};
	n = dhcp_build(buf, DHCP_REQUEST, 1, mac, want, server, 0);
	CHECK(buf[243] == 50 && !memcmp(buf + 245, want, 4) && buf[249] == 54 &&
	      !memcmp(buf + 251, server, 4));

	struct dhcp_reply r;
	const char *why = 0;
	n = slirp_offer(buf, 0xCAFE, mac);
	CHECK(dhcp_parse(buf, n, 0xCAFE, mac, &r, &why) == 0);
	CHECK(r.type == DHCP_OFFER && r.count == 6);
	CHECK(!memcmp(r.yiaddr, want, 4) && !memcmp(r.siaddr, server, 4));
	CHECK(r.options[0].code == 53 && r.options[5].code == 51);
	const struct dhcp_option *lease = dhcp_find(&r, OPT_LEASE_TIME, 4);
	CHECK(lease && lease->data[1] == 1 && lease->data[2] == 81 && lease->data[3] == 128);
	CHECK(dhcp_find(&r, OPT_ROUTER, 5) == 0);
	char text[64];
	dhcp_format_bytes(lease->data, lease->len, text, sizeof text);
	CHECK(!strcmp(text, "[0, 1, 81, 128]"));
	dhcp_format_bytes(r.yiaddr, 0, text, sizeof text);
	CHECK(!strcmp(text, "[]"));
	CHECK(!strcmp(dhcp_option_name(OPT_DNS), "Domain Name Server") && !dhcp_option_name(99));

	/* someone else's, and damaged ones */
	CHECK(dhcp_parse(buf, n, 0xBEEF, mac, &r, &why) == -ENOENT);
	uint8_t other[6] = {1, 2, 3, 4, 5, 6};
	CHECK(dhcp_parse(buf, n, 0xCAFE, other, &r, &why) == -ENOENT);
	CHECK(dhcp_parse(buf, 239, 0xCAFE, mac, &r, &why) == -EINVAL);
	CHECK(dhcp_parse(buf, n - 1, 0xCAFE, mac, &r, &why) == -EINVAL); /* no end option */
	buf[240 + 28] = 200; /* lease time's length past the end */
	CHECK(dhcp_parse(buf, n, 0xCAFE, mac, &r, &why) == -EINVAL && why);
	n = slirp_offer(buf, 0xCAFE, mac);
	buf[236] = 0;
	CHECK(dhcp_parse(buf, n, 0xCAFE, mac, &r, &why) == -EINVAL);
	n = slirp_offer(buf, 0xCAFE, mac);
	buf[240] = 0; /* pad instead of message type: no type */
	buf[241] = 0;
	buf[242] = 0;
	CHECK(dhcp_parse(buf, n, 0xCAFE, mac, &r, &why) == -EINVAL);
	/* 40 one-byte options: too many */
	n = slirp_offer(buf, 0xCAFE, mac);
	for (int i = 0; i < 40; i++) {
		buf[240 + 3 * i] = 200;
		buf[241 + 3 * i] = 1;
		buf[242 + 3 * i] = 0;
	}
	buf[360] = 255;
	CHECK(dhcp_parse(buf, 361, 0xCAFE, mac, &r, &why) == -EINVAL);
}

static void test_sockopt(void)
{
	char req[48];
	int v = 1;
	CHECK(!strcmp(__relibc_sockopt_name(SOL_SOCKET, SO_REUSEADDR), "reuseaddr"));
	CHECK(!strcmp(__relibc_sockopt_name(SOL_SOCKET, SO_KEEPALIVE), "keepalive"));
	CHECK(!strcmp(__relibc_sockopt_name(SOL_SOCKET, SO_RCVBUF), "rcvbuf"));
	CHECK(!strcmp(__relibc_sockopt_name(SOL_SOCKET, SO_SNDBUF), "sndbuf"));
	CHECK(!strcmp(__relibc_sockopt_name(SOL_SOCKET, SO_ERROR), "error"));
	CHECK(!strcmp(__relibc_sockopt_name(IPPROTO_TCP, TCP_NODELAY), "nodelay"));
	CHECK(__relibc_sockopt_name(SOL_SOCKET, SO_LINGER) == 0);
	CHECK(__relibc_sockopt_name(IPPROTO_TCP, 999) == 0);
	CHECK(__relibc_sockopt_name(IPPROTO_IP, TCP_NODELAY) == 0);
	CHECK(__relibc_sockopt_request("nodelay", &v, req, sizeof req) == 13 &&
	      !strcmp(req, "opt/nodelay=1"));
	v = -5;
	CHECK(__relibc_sockopt_request("rcvbuf", &v, req, sizeof req) > 0 &&
	      !strcmp(req, "opt/rcvbuf=-5"));
	CHECK(__relibc_sockopt_request("error", 0, req, sizeof req) == 9 &&
	      !strcmp(req, "opt/error"));
	CHECK(__relibc_sockopt_request("keepalive", 0, req, 8) == -1);
	CHECK(__relibc_sockopt_answer("111\n", 4, &v) == 0 && v == 111);
	CHECK(__relibc_sockopt_answer("0", 1, &v) == 0 && v == 0);
	CHECK(__relibc_sockopt_answer("-3\n", 3, &v) == 0 && v == -3);
	CHECK(__relibc_sockopt_answer("", 0, &v) == -1);
	CHECK(__relibc_sockopt_answer("-\n", 2, &v) == -1);
	CHECK(__relibc_sockopt_answer("x1\n", 3, &v) == -1);
	CHECK(__relibc_sockopt_answer("99999999999\n", 12, &v) == -1);
}

int main(void)
{
	test_addr();
	test_dhcp();
	test_sockopt();
	return check_done("net");
}
