/*
 * Wide string and wide memory-block functions (wchar_t is a 32-bit code
 * point; comparisons are by code point).
 */
#include <wchar.h>
#include <stdlib.h>
#include <string.h>

size_t wcslen(const wchar_t *s)
{
	const wchar_t *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t wcsnlen(const wchar_t *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

wchar_t *wcscpy(wchar_t *restrict dst, const wchar_t *restrict src)
{
	wchar_t *d = dst;
	while ((*d++ = *src++))
		;
	return dst;
}

wchar_t *wcsncpy(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	size_t len = wcsnlen(src, n);
	wmemcpy(dst, src, len);
	wmemset(dst + len, 0, n - len);
	return dst;
}

wchar_t *wcscat(wchar_t *restrict dst, const wchar_t *restrict src)
{
	wcscpy(dst + wcslen(dst), src);
	return dst;
}

wchar_t *wcsncat(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	wchar_t *d = dst + wcslen(dst);
	size_t len = wcsnlen(src, n);
	wmemcpy(d, src, len);
	d[len] = 0;
	return dst;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a < *b ? -1 : *a > *b;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a < *b ? -1 : 1;
		if (!*a)
			break;
	}
	return 0;
}

int wcscoll(const wchar_t *a, const wchar_t *b)
{
	return wcscmp(a, b);
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *found = NULL;
	do {
		if (*s == c)
			found = s;
	} while (*s++);
	return (wchar_t *)found;
}

size_t wcsspn(const wchar_t *s, const wchar_t *accept)
{
	size_t n = 0;
	while (s[n] && wcschr(accept, s[n]))
		n++;
	return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *reject)
{
	size_t n = 0;
	while (s[n] && !wcschr(reject, s[n]))
		n++;
	return n;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept)
{
	s += wcscspn(s, accept);
	return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcsstr(const wchar_t *hay, const wchar_t *needle)
{
	size_t n = wcslen(needle);
	for (; *hay; hay++) {
		if (!wmemcmp(hay, needle, n))
			return (wchar_t *)hay;
	}
	return n ? NULL : (wchar_t *)hay;
}

wchar_t *wcsdup(const wchar_t *s)
{
	size_t n = wcslen(s) + 1;
	wchar_t *p = malloc(n * sizeof(wchar_t));
	return p ? wmemcpy(p, s, n) : NULL;
}

wchar_t *wmemcpy(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	return memcpy(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n)
{
	return memmove(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = c;
	return dst;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a < *b ? -1 : 1;
	}
	return 0;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (; n; n--, s++) {
		if (*s == c)
			return (wchar_t *)s;
	}
	return NULL;
}
