/*
 * The mem* family: copying, filling, comparing and searching blocks.
 * Copies move whole words when both pointers allow it.
 */
#include <string.h>
#include <stdint.h>

typedef uint64_t __attribute__((__may_alias__)) word_t;
#define WORD sizeof(word_t)

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((((uintptr_t)d | (uintptr_t)s) & (WORD - 1)) == 0) {
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d == s || n == 0)
		return dst;
	if ((uintptr_t)d - (uintptr_t)s >= n)
		return memcpy(dst, src, n); /* no overlap in the harmful direction */
	/* dst overlaps the tail of src: copy backwards */
	d += n;
	s += n;
	if ((((uintptr_t)d | (uintptr_t)s) & (WORD - 1)) == 0) {
		for (; n >= WORD; n -= WORD) {
			d -= WORD;
			s -= WORD;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char b = (unsigned char)c;
	while (n && ((uintptr_t)d & (WORD - 1))) {
		*d++ = b;
		n--;
	}
	word_t w = b * (word_t)0x0101010101010101ULL;
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *)d = w;
	while (n--)
		*d++ = b;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = (const unsigned char *)s + n;
	while (n--) {
		if (*--p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

void *rawmemchr(const void *s, int c)
{
	const unsigned char *p = s;
	while (*p != (unsigned char)c)
		p++;
	return (void *)p;
}

void *memccpy(void *restrict dst, const void *restrict src, int c, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	for (; n; n--) {
		if ((*d++ = *s++) == (unsigned char)c)
			return d;
	}
	return NULL;
}

void *mempcpy(void *restrict dst, const void *restrict src, size_t n)
{
	return (char *)memcpy(dst, src, n) + n;
}

void explicit_bzero(void *s, size_t n)
{
	memset(s, 0, n);
	/* keep the compiler from treating the stores as dead */
	__asm__ volatile("" : : "r"(s) : "memory");
}
