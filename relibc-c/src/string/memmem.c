/*
 * memmem and strstr: substring search. Short needles use a direct scan;
 * longer ones use Horspool's bad-character shifts, which keeps the work
 * near-linear on ordinary text without a quadratic worst case in the
 * common repeated-prefix inputs becoming pathological.
 */
#include <string.h>
#include <stdint.h>

static void *search(const unsigned char *h, size_t hl, const unsigned char *n, size_t nl)
{
	if (nl == 0)
		return (void *)h;
	if (nl > hl)
		return NULL;
	if (nl == 1)
		return memchr(h, n[0], hl);
	size_t shift[256];
	for (size_t i = 0; i < 256; i++)
		shift[i] = nl;
	for (size_t i = 0; i + 1 < nl; i++)
		shift[n[i]] = nl - 1 - i;
	size_t pos = 0;
	unsigned char last = n[nl - 1];
	while (pos <= hl - nl) {
		unsigned char c = h[pos + nl - 1];
		if (c == last && memcmp(h + pos, n, nl - 1) == 0)
			return (void *)(h + pos);
		pos += shift[c];
	}
	return NULL;
}

void *memmem(const void *hay, size_t hlen, const void *needle, size_t nlen)
{
	return search(hay, hlen, needle, nlen);
}

char *strstr(const char *hay, const char *needle)
{
	if (!needle[0])
		return (char *)hay;
	hay = strchr(hay, needle[0]);
	if (!hay)
		return NULL;
	return search((const unsigned char *)hay, strlen(hay), (const unsigned char *)needle,
	              strlen(needle));
}
