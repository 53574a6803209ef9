/*
 * DHCP message building and parsing (see dhcp.h). The parser trusts
 * nothing: every length is checked against the buffer, options must end
 * inside it, and a reply must answer our transaction and hardware address.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"

#define OFF_OP      0
#define OFF_HTYPE   1
#define OFF_HLEN    2
#define OFF_XID     4
#define OFF_FLAGS   10
#define OFF_CIADDR  12
#define OFF_YIADDR  16
#define OFF_SIADDR  20
#define OFF_CHADDR  28
#define OFF_MAGIC   236
#define OFF_OPTIONS 240

static const uint8_t magic[4] = {99, 130, 83, 99};

size_t dhcp_build(uint8_t out[DHCP_MAX], int type, uint32_t xid, const uint8_t mac[6],
                  const uint8_t *requested, const uint8_t *server_id, const uint8_t *ciaddr)
{
	memset(out, 0, DHCP_MAX);
	out[OFF_OP] = 1; /* BOOTREQUEST */
	out[OFF_HTYPE] = 1;
	out[OFF_HLEN] = 6;
	for (int i = 0; i < 4; i++)
		out[OFF_XID + i] = (uint8_t)(xid >> (24 - 8 * i));
	if (ciaddr)
		memcpy(out + OFF_CIADDR, ciaddr, 4);
	else
		out[OFF_FLAGS] = 0x80; /* no address yet: answer by broadcast */
	memcpy(out + OFF_CHADDR, mac, 6);
	memcpy(out + OFF_MAGIC, magic, 4);
	size_t n = OFF_OPTIONS;
	out[n++] = OPT_MSG_TYPE;
	out[n++] = 1;
	out[n++] = (uint8_t)type;
	if (requested) {
		out[n++] = OPT_REQUESTED;
		out[n++] = 4;
		memcpy(out + n, requested, 4);
		n += 4;
	}
	if (server_id) {
		out[n++] = OPT_SERVER_ID;
		out[n++] = 4;
		memcpy(out + n, server_id, 4);
		n += 4;
	}
	static const uint8_t params[] = {OPT_SUBNET_MASK, OPT_ROUTER, OPT_DNS, OPT_LEASE_TIME,
	                                 OPT_SERVER_ID};
	out[n++] = OPT_PARAMS;
	out[n++] = sizeof params;
	memcpy(out + n, params, sizeof params);
	n += sizeof params;
	out[n++] = 255;
	return n < 300 ? 300 : n; /* BOOTP's minimum size; the rest is zero padding */
}

int dhcp_parse(const uint8_t *buf, size_t len, uint32_t xid, const uint8_t mac[6],
               struct dhcp_reply *out, const char **why)
{
	memset(out, 0, sizeof *out);
	out->type = -1;
	if (len < OFF_OPTIONS) {
		*why = "shorter than a DHCP header";
		return -EINVAL;
	}
	if (buf[OFF_OP] != 2 || buf[OFF_HTYPE] != 1 || buf[OFF_HLEN] != 6) {
		*why = "not a BOOTREPLY for Ethernet";
		return -EINVAL;
	}
	out->xid = (uint32_t)buf[OFF_XID] << 24 | (uint32_t)buf[OFF_XID + 1] << 16 |
	           (uint32_t)buf[OFF_XID + 2] << 8 | buf[OFF_XID + 3];
	if (out->xid != xid || memcmp(buf + OFF_CHADDR, mac, 6)) {
		*why = "for another transaction or client";
		return -ENOENT;
	}
	if (memcmp(buf + OFF_MAGIC, magic, 4)) {
		*why = "no DHCP magic cookie";
		return -EINVAL;
	}
	memcpy(out->yiaddr, buf + OFF_YIADDR, 4);
	memcpy(out->siaddr, buf + OFF_SIADDR, 4);
	size_t i = OFF_OPTIONS;
	for (;;) {
		if (i >= len) {
			*why = "options run past the end (no end option)";
			return -EINVAL;
		}
		uint8_t code = buf[i++];
		if (code == 0)
			continue;
		if (code == 255)
			break;
		if (i >= len || buf[i] > len - i - 1) {
			*why = "an option runs past the end";
			return -EINVAL;
		}
		uint8_t olen = buf[i++];
		if (out->count == DHCP_MAX_OPTIONS) {
			*why = "too many options";
			return -EINVAL;
		}
		out->options[out->count++] = (struct dhcp_option){code, olen, buf + i};
		if (code == OPT_MSG_TYPE && olen == 1)
			out->type = buf[i];
		i += olen;
	}
	if (out->type < 0) {
		*why = "no message type option";
		return -EINVAL;
	}
	return 0;
}

const struct dhcp_option *dhcp_find(const struct dhcp_reply *r, uint8_t code, uint8_t min)
{
	for (int i = 0; i < r->count; i++)
		if (r->options[i].code == code && r->options[i].len >= min)
			return &r->options[i];
	return 0;
}

const char *dhcp_option_name(uint8_t code)
{
	switch (code) {
	case OPT_MSG_TYPE:
		return "Message Type";
	case OPT_SERVER_ID:
		return "Server ID";
	case OPT_SUBNET_MASK:
		return "Subnet Mask";
	case OPT_ROUTER:
		return "Router";
	case OPT_DNS:
		return "Domain Name Server";
	case OPT_LEASE_TIME:
		return "Lease Time";
	default:
		return 0;
	}
}

size_t dhcp_format_bytes(const uint8_t *data, size_t len, char *out, size_t size)
{
	size_t n = 0;
	if (size < 3)
		return 0;
	out[n++] = '[';
	for (size_t i = 0; i < len; i++) {
		int w = snprintf(out + n, size - n, "%s%u", i ? ", " : "", data[i]);
		if (w < 0 || (size_t)w >= size - n - 1)
			break;
		n += (size_t)w;
	}
	out[n++] = ']';
	out[n] = 0;
	return n;
}
