/*
 * String to integer conversion in any base 2..36 (0 = from the prefix).
 * One unsigned core clamps on overflow; the signed wrappers clamp to
 * their own range. Overflow sets ERANGE, a bad base EINVAL.
 */
#include <stdlib.h>
#include <inttypes.h>
#include <limits.h>
#include <ctype.h>
#include <errno.h>

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Parses a magnitude, saturating at UINTMAX_MAX (then *overflow is set);
 * *neg gets the sign.
 */
static uintmax_t parse(const char *s, char **end, int base, int *neg, int *overflow)
{
	const char *p = s;
	*neg = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		if (end)
			*end = (char *)s;
		errno = EINVAL;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	/* "0x" counts as a prefix only if a hex digit follows */
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	uintmax_t v = 0;
	int any = 0;
	for (;; p++) {
		int d = digit_value((unsigned char)*p);
		if (d >= base)
			break;
		any = 1;
		if (v > (UINTMAX_MAX - (unsigned)d) / (unsigned)base)
			*overflow = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return *overflow ? UINTMAX_MAX : v;
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	int neg, overflow;
	uintmax_t v = parse(s, end, base, &neg, &overflow);
	if (overflow) {
		errno = ERANGE;
		return UINTMAX_MAX;
	}
	return neg ? -v : v;
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	int neg, overflow;
	uintmax_t v = parse(s, end, base, &neg, &overflow);
	uintmax_t lim = neg ? (uintmax_t)INTMAX_MAX + 1 : (uintmax_t)INTMAX_MAX;
	if (v > lim) {
		errno = ERANGE;
		v = lim;
	}
	return neg ? (intmax_t)-v : (intmax_t)v;
}

/* the narrower types clamp the intmax results to their own ranges */
static long long clamp_signed(intmax_t v, long long lo, long long hi)
{
	if (v < lo) {
		errno = ERANGE;
		return lo;
	}
	if (v > hi) {
		errno = ERANGE;
		return hi;
	}
	return v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)clamp_signed(strtoimax(s, end, base), LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return strtoimax(s, end, base);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return strtoumax(s, end, base);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return strtoumax(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
