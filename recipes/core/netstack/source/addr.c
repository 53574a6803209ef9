/*
 * The text forms of addresses, endpoints and routes (see addr.h): strict
 * parsers (a wrong character anywhere is EINVAL), no lwIP.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"

/* A decimal number of at most max at text[*i], advancing *i. */
static int number(const char *text, size_t len, size_t *i, unsigned long max, unsigned long *out)
{
	size_t start = *i;
	unsigned long v = 0;
	while (*i < len && text[*i] >= '0' && text[*i] <= '9') {
		v = v * 10 + (unsigned long)(text[*i] - '0');
		if (v > max || *i - start >= 5)
			return -EINVAL;
		(*i)++;
	}
	if (*i == start)
		return -EINVAL;
	*out = v;
	return 0;
}

/* An address at text[*i], advancing *i past it. */
static int addr_at(const char *text, size_t len, size_t *i, uint32_t *addr)
{
	uint32_t a = 0;
	for (int part = 0; part < 4; part++) {
		unsigned long v;
		if (part && (*i >= len || text[(*i)++] != '.'))
			return -EINVAL;
		if (number(text, len, i, 255, &v))
			return -EINVAL;
		a = a << 8 | (uint32_t)v;
	}
	*addr = a;
	return 0;
}

int addr_parse(const char *text, size_t len, uint32_t *addr)
{
	size_t i = 0;
	return addr_at(text, len, &i, addr) || i != len ? -EINVAL : 0;
}

int endpoint_parse(const char *text, size_t len, uint32_t *addr, uint16_t *port)
{
	size_t i = 0;
	unsigned long v;
	if (addr_at(text, len, &i, addr) || i >= len || text[i++] != ':' ||
	    number(text, len, &i, 65535, &v) || i != len)
		return -EINVAL;
	*port = (uint16_t)v;
	return 0;
}

int cidr_parse(const char *text, size_t len, uint32_t *addr, unsigned *prefix)
{
	size_t i = 0;
	unsigned long v;
	if (addr_at(text, len, &i, addr) || i >= len || text[i++] != '/' ||
	    number(text, len, &i, 32, &v) || i != len)
		return -EINVAL;
	*prefix = (unsigned)v;
	return 0;
}

int route_default_parse(const char *text, size_t len, uint32_t *gw)
{
	static const char head[] = "default via ";
	size_t i = sizeof head - 1;
	if (len < i || memcmp(text, head, i))
		return -EINVAL;
	if (addr_at(text, len, &i, gw))
		return -EINVAL;
	return i == len || text[i] == ' ' || text[i] == '\n' ? 0 : -EINVAL;
}

uint32_t prefix_mask(unsigned prefix)
{
	return prefix ? ~0u << (32 - (prefix > 32 ? 32 : prefix)) : 0;
}

int mask_prefix(uint32_t mask)
{
	int n = 0;
	while (n < 32 && (mask & (1u << (31 - n))))
		n++;
	return prefix_mask((unsigned)n) == mask ? n : -1;
}

int addr_format(uint32_t addr, char *out, size_t len)
{
	return snprintf(out, len, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 255, (addr >> 8) & 255,
	                addr & 255);
}
