/*
 * Measuring, copying and concatenating strings, including the bounded
 * BSD forms strlcpy/strlcat.
 */
#include <string.h>

size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

char *stpcpy(char *restrict dst, const char *restrict src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
	stpcpy(dst, src);
	return dst;
}

char *stpncpy(char *restrict dst, const char *restrict src, size_t n)
{
	size_t len = strnlen(src, n);
	memcpy(dst, src, len);
	memset(dst + len, 0, n - len);
	return dst + len;
}

char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
	stpncpy(dst, src, n);
	return dst;
}

char *strcat(char *restrict dst, const char *restrict src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
	char *d = dst + strlen(dst);
	size_t len = strnlen(src, n);
	memcpy(d, src, len);
	d[len] = 0;
	return dst;
}

size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = 0;
	}
	return len;
}

size_t strlcat(char *restrict dst, const char *restrict src, size_t size)
{
	size_t dlen = strnlen(dst, size);
	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}
