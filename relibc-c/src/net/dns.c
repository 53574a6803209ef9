/*
 * DNS messages for the resolver (RFC 1035): an A query for a name, and
 * the IPv4 address out of the answer. Pure functions over buffers (the
 * host tests run them); the exchange itself is the platform's
 * (src/platform/dns.c).
 */
#include <string.h>

#include "net/net.h"

int __relibc_dns_query(const char *name, unsigned id, unsigned char *out, size_t size)
{
	size_t n = 12, len = strlen(name);
	if (!len || len > 253 || size < 12 + len + 2 + 4)
		return -1;
	memset(out, 0, 12);
	out[0] = (unsigned char)(id >> 8);
	out[1] = (unsigned char)id;
	out[2] = 0x01; /* recursion desired */
	out[5] = 1;    /* one question */
	const char *label = name;
	while (*label) {
		const char *dot = strchr(label, '.');
		size_t l = dot ? (size_t)(dot - label) : strlen(label);
		if (l == 0 || l > 63)
			return -1;
		out[n++] = (unsigned char)l;
		memcpy(out + n, label, l);
		n += l;
		label += l;
		if (*label == '.')
			label++;
	}
	out[n++] = 0;
	out[n++] = 0;
	out[n++] = 1; /* type A */
	out[n++] = 0;
	out[n++] = 1; /* class IN */
	return (int)n;
}

/* Past a (possibly compressed) name at msg[i]; 0 if it runs out. */
static size_t skip_name(const unsigned char *msg, size_t len, size_t i)
{
	while (i < len) {
		unsigned char l = msg[i];
		if ((l & 0xC0) == 0xC0)
			return i + 2 <= len ? i + 2 : 0;
		if (l & 0xC0)
			return 0;
		if (l == 0)
			return i + 1;
		i += 1 + (size_t)l;
	}
	return 0;
}

int __relibc_dns_answer(const unsigned char *msg, size_t len, unsigned id, void *addr)
{
	if (len < 12 || msg[0] != (unsigned char)(id >> 8) || msg[1] != (unsigned char)id ||
	    !(msg[2] & 0x80))
		return -1;
	unsigned rcode = msg[3] & 0x0F;
	if (rcode == 3)
		return 0; /* no such name */
	if (rcode)
		return -1;
	unsigned qd = (unsigned)msg[4] << 8 | msg[5], an = (unsigned)msg[6] << 8 | msg[7];
	size_t i = 12;
	for (unsigned q = 0; q < qd; q++) {
		i = skip_name(msg, len, i);
		if (!i || i + 4 > len)
			return -1;
		i += 4;
	}
	for (unsigned a = 0; a < an; a++) {
		i = skip_name(msg, len, i);
		if (!i || i + 10 > len)
			return -1;
		unsigned type = (unsigned)msg[i] << 8 | msg[i + 1];
		unsigned cls = (unsigned)msg[i + 2] << 8 | msg[i + 3];
		size_t rdlen = (size_t)msg[i + 8] << 8 | msg[i + 9];
		i += 10;
		if (i + rdlen > len)
			return -1;
		if (type == 1 && cls == 1 && rdlen == 4) {
			memcpy(addr, msg + i, 4);
			return 1;
		}
		i += rdlen;
	}
	return 0; /* the name exists but has no IPv4 address */
}
