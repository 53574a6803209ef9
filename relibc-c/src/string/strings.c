/*
 * strings.h: case-insensitive comparison (ASCII) and the BSD names for
 * memory and search functions.
 */
#include <strings.h>
#include <string.h>
#include <ctype.h>

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (*x && tolower(*x) == tolower(*y)) {
		x++;
		y++;
	}
	return tolower(*x) - tolower(*y);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	for (; n; n--, x++, y++) {
		int d = tolower(*x) - tolower(*y);
		if (d || !*x)
			return d;
	}
	return 0;
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

void bcopy(const void *src, void *dst, size_t n)
{
	memmove(dst, src, n);
}

void bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

char *index(const char *s, int c)
{
	return strchr(s, c);
}

char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}

int ffs(int i)
{
	return i ? __builtin_ctz((unsigned)i) + 1 : 0;
}

int ffsl(long i)
{
	return i ? __builtin_ctzl((unsigned long)i) + 1 : 0;
}

int ffsll(long long i)
{
	return i ? __builtin_ctzll((unsigned long long)i) + 1 : 0;
}
