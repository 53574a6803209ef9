/*
 * Searching strings for characters and character sets: strchr family,
 * strspn/strcspn/strpbrk and strcasestr.
 */
#include <string.h>
#include <ctype.h>
#include <stdint.h>

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strchr(const char *s, int c)
{
	s = strchrnul(s, c);
	return *s == (char)c ? (char *)s : NULL;
}

char *strrchr(const char *s, int c)
{
	const char *found = NULL;
	do {
		if (*s == (char)c)
			found = s;
	} while (*s++);
	return (char *)found;
}

/* a 256-bit membership set of the bytes of `chars` */
static void make_set(uint64_t set[4], const char *chars)
{
	set[0] = set[1] = set[2] = set[3] = 0;
	for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
		set[*p >> 6] |= 1ULL << (*p & 63);
}

static int in_set(const uint64_t set[4], unsigned char c)
{
	return (set[c >> 6] >> (c & 63)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	uint64_t set[4];
	make_set(set, accept);
	size_t n = 0;
	while (s[n] && in_set(set, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	uint64_t set[4];
	make_set(set, reject);
	size_t n = 0;
	while (s[n] && !in_set(set, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		if (!strncasecmp(hay, needle, n))
			return (char *)hay;
	}
	return n ? NULL : (char *)hay;
}
