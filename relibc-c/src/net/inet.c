/*
 * Byte order and Internet address text: htonl/htons/ntohl/ntohs,
 * inet_aton/inet_addr (the classic forms: 1 to 4 parts, octal and hex,
 * ending at the string's end or a space),
 * inet_ntoa, inet_pton/inet_ntop for IPv4 (strict dotted decimal) and
 * IPv6 (RFC 4291 text, printed in RFC 5952's shortest form).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

const struct in6_addr in6addr_any = {{{0}}};
const struct in6_addr in6addr_loopback = {{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}}};

uint32_t htonl(uint32_t v)
{
	return __builtin_bswap32(v);
}

uint16_t htons(uint16_t v)
{
	return __builtin_bswap16(v);
}

uint32_t ntohl(uint32_t v)
{
	return __builtin_bswap32(v);
}

uint16_t ntohs(uint16_t v)
{
	return __builtin_bswap16(v);
}

static int digit_in(int c, int base)
{
	int d = c >= '0' && c <= '9'   ? c - '0'
	        : c >= 'a' && c <= 'f' ? c - 'a' + 10
	        : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                               : 99;
	return d < base ? d : -1;
}

int inet_aton(const char *s, struct in_addr *out)
{
	unsigned long part[4];
	int n = 0;
	for (;;) {
		int base = 10;
		if (*s == '0') {
			base = 8;
			if (s[1] == 'x' || s[1] == 'X') {
				base = 16;
				s += 2;
				if (digit_in(*s, 16) < 0)
					return 0;
			}
		} else if (digit_in(*s, 10) < 0) {
			return 0;
		}
		unsigned long v = 0;
		int d;
		while ((d = digit_in(*s, base)) >= 0) {
			v = v * (unsigned long)base + (unsigned long)d;
			if (v > 0xFFFFFFFFUL)
				return 0;
			s++;
		}
		part[n++] = v;
		if (*s != '.')
			break;
		if (n == 4)
			return 0;
		s++;
	}
	/* like other systems, anything after a space is not looked at */
	if (*s && *s != ' ' && *s != '\t' && *s != '\n')
		return 0;
	/* the last part fills the bytes the others left */
	uint32_t addr = 0;
	for (int i = 0; i < n - 1; i++) {
		if (part[i] > 255)
			return 0;
		addr |= (uint32_t)part[i] << (24 - 8 * i);
	}
	unsigned long last_max = 0xFFFFFFFFUL >> (8 * (n - 1));
	if (part[n - 1] > last_max)
		return 0;
	addr |= (uint32_t)part[n - 1];
	if (out)
		out->s_addr = htonl(addr);
	return 1;
}

in_addr_t inet_addr(const char *s)
{
	struct in_addr a;
	return inet_aton(s, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];
	return (char *)inet_ntop(AF_INET, &in, buf, sizeof buf);
}

static int pton4(const char *s, unsigned char result[4])
{
	unsigned char out[4];
	for (int i = 0; i < 4; i++) {
		if (*s < '0' || *s > '9')
			return 0;
		unsigned v = 0;
		int digits = 0;
		while (*s >= '0' && *s <= '9') {
			if (digits && v == 0)
				return 0; /* no leading zeros */
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		out[i] = (unsigned char)v;
		if (i < 3 && *s++ != '.')
			return 0;
	}
	if (*s)
		return 0;
	memcpy(result, out, 4);
	return 1;
}

static int pton6(const char *s, unsigned char out[16])
{
	uint16_t w[8];
	int n = 0, gap = -1;
	if (*s == ':') {
		if (s[1] != ':')
			return 0;
		s++;
	}
	while (*s) {
		if (*s == ':') {
			if (gap >= 0)
				return 0; /* one "::" only */
			gap = n;
			s++;
			if (!*s)
				break;
			continue;
		}
		if (n == 8)
			return 0;
		/* an IPv4 tail takes the last two words */
		const char *dot = s;
		while (digit_in(*dot, 16) >= 0)
			dot++;
		if (*dot == '.') {
			unsigned char v4[4];
			if (n > 6 || !pton4(s, v4))
				return 0;
			w[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
			w[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
			s += strlen(s);
			break;
		}
		unsigned v = 0;
		int digits = 0, d;
		while ((d = digit_in(*s, 16)) >= 0) {
			if (++digits > 4)
				return 0;
			v = v * 16 + (unsigned)d;
			s++;
		}
		if (!digits)
			return 0;
		w[n++] = (uint16_t)v;
		if (*s == ':') {
			s++;
			if (!*s)
				return 0; /* a trailing single colon */
			if (*s == ':') {
				if (gap >= 0)
					return 0;
				gap = n;
				s++;
			}
		} else if (*s) {
			return 0;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return 0;
	uint16_t full[8] = {0};
	if (gap < 0) {
		memcpy(full, w, sizeof full);
	} else {
		memcpy(full, w, (size_t)gap * 2);
		int tail = n - gap;
		memcpy(full + 8 - tail, w + gap, (size_t)tail * 2);
	}
	for (int i = 0; i < 8; i++) {
		out[2 * i] = (unsigned char)(full[i] >> 8);
		out[2 * i + 1] = (unsigned char)full[i];
	}
	return 1;
}

int inet_pton(int af, const char *restrict s, void *restrict out)
{
	if (af == AF_INET)
		return pton4(s, out);
	if (af == AF_INET6)
		return pton6(s, out);
	errno = EAFNOSUPPORT;
	return -1;
}

static const char *ntop4(const unsigned char *a, char *out, socklen_t len)
{
	char buf[INET_ADDRSTRLEN];
	int n = snprintf(buf, sizeof buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	if ((socklen_t)n >= len) {
		errno = ENOSPC;
		return 0;
	}
	memcpy(out, buf, (size_t)n + 1);
	return out;
}

static const char *ntop6(const unsigned char *a, char *out, socklen_t len)
{
	uint16_t w[8];
	for (int i = 0; i < 8; i++)
		w[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
	/* the longest run of two or more zero words becomes "::" (the first, on a tie) */
	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		if (w[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && !w[j])
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}
	if (best_len < 2)
		best = -1;
	char buf[INET6_ADDRSTRLEN];
	size_t n = 0;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			buf[n++] = ':';
			if (i == 0)
				buf[n++] = ':';
			i += best_len - 1;
			continue;
		}
		/* IPv4-compatible and IPv4-mapped addresses end in dotted form */
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%u.%u.%u.%u", a[12], a[13],
			                      a[14], a[15]);
			break;
		}
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%x%s", w[i], i < 7 ? ":" : "");
	}
	buf[n] = 0;
	if (n >= len) {
		errno = ENOSPC;
		return 0;
	}
	memcpy(out, buf, n + 1);
	return out;
}

const char *inet_ntop(int af, const void *restrict in, char *restrict out, socklen_t len)
{
	if (af == AF_INET)
		return ntop4(in, out, len);
	if (af == AF_INET6)
		return ntop6(in, out, len);
	errno = EAFNOSUPPORT;
	return 0;
}
