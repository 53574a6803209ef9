/*
 * DHCP messages (RFC 2131, options RFC 2132): building DISCOVER and
 * REQUEST, and parsing what a server sends back, without I/O (the host
 * tests and the fuzzer run this file alone). Addresses are the packet's
 * four bytes as they are.
 */
#ifndef DHCPD_DHCP_H
#define DHCPD_DHCP_H

#include <stddef.h>
#include <stdint.h>

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define DHCP_MAX         576 /* what a client must accept */

#define DHCP_DISCOVER 1
#define DHCP_OFFER    2
#define DHCP_REQUEST  3
#define DHCP_ACK      5
#define DHCP_NAK      6

#define OPT_SUBNET_MASK 1
#define OPT_ROUTER      3
#define OPT_DNS         6
#define OPT_REQUESTED   50
#define OPT_LEASE_TIME  51
#define OPT_MSG_TYPE    53
#define OPT_SERVER_ID   54
#define OPT_PARAMS      55

#define DHCP_MAX_OPTIONS 32

struct dhcp_option {
	uint8_t code, len;
	const uint8_t *data; /* into the parsed buffer */
};

struct dhcp_reply {
	uint32_t xid;
	uint8_t yiaddr[4], siaddr[4];
	int type; /* option 53, or -1 */
	int count;
	struct dhcp_option options[DHCP_MAX_OPTIONS]; /* in packet order */
};

/* A DISCOVER (server_id and requested NULL) or a REQUEST (for requested,
 * from server_id; ciaddr set when renewing): its length in out. */
size_t dhcp_build(uint8_t out[DHCP_MAX], int type, uint32_t xid, const uint8_t mac[6],
                  const uint8_t *requested, const uint8_t *server_id, const uint8_t *ciaddr);
/* Parse a server's message for xid and mac: 0, or a negative errno with
 * *why saying what is wrong. */
int dhcp_parse(const uint8_t *buf, size_t len, uint32_t xid, const uint8_t mac[6],
               struct dhcp_reply *out, const char **why);
/* The option's data if present with at least min bytes, else NULL */
const struct dhcp_option *dhcp_find(const struct dhcp_reply *r, uint8_t code, uint8_t min);
/* The seed's name for an option ("Subnet Mask"), or NULL */
const char *dhcp_option_name(uint8_t code);
/* "[a, b, c]" of len bytes into out; its length */
size_t dhcp_format_bytes(const uint8_t *data, size_t len, char *out, size_t size);

#endif
