/*
 * Conversion between wide characters and the multibyte encoding, UTF-8:
 * the restartable mbrtowc/wcrtomb pair and everything built on them.
 * Overlong forms, surrogates and code points past U+10FFFF are EILSEQ.
 */
#include <wchar.h>
#include <stdlib.h>
#include <errno.h>

static mbstate_t internal_state;

int mbsinit(const mbstate_t *ps)
{
	return !ps || ps->__count == 0;
}

wint_t btowc(int c)
{
	return c >= 0 && c < 128 ? (wint_t)c : WEOF;
}

int wctob(wint_t c)
{
	return c < 128 ? (int)c : -1;
}

size_t mbrtowc(wchar_t *restrict wc, const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t own;
	if (!ps)
		ps = &own;
	if (!s)
		return mbrtowc(NULL, "", 1, ps);
	if (n == 0)
		return (size_t)-2;
	const unsigned char *p = (const unsigned char *)s;
	unsigned int c = ps->__wc, need = ps->__count, total;
	size_t used = 0;
	if (need == 0) {
		unsigned char b = p[used++];
		if (b < 0x80) {
			if (wc)
				*wc = b;
			return b ? 1 : 0;
		} else if (b >= 0xc2 && b < 0xe0) {
			c = b & 0x1f;
			need = 1;
		} else if (b >= 0xe0 && b < 0xf0) {
			c = b & 0x0f;
			need = 2;
		} else if (b >= 0xf0 && b < 0xf5) {
			c = b & 0x07;
			need = 3;
		} else {
			goto ilseq;
		}
		/* remember the sequence length in the top bits of the state */
		c |= (need + 1) << 28;
	}
	total = c >> 28;
	c &= 0x0fffffff;
	while (need && used < n) {
		unsigned char b = p[used++];
		if ((b & 0xc0) != 0x80)
			goto ilseq;
		/* the first continuation byte decides overlong, surrogate, too big */
		if (need == total - 1 &&
		    ((total == 3 && c == 0 && b < 0xa0) || (total == 3 && c == 0xd && b > 0x9f) ||
		     (total == 4 && c == 0 && b < 0x90) || (total == 4 && c == 4 && b > 0x8f)))
			goto ilseq;
		c = (c << 6) | (b & 0x3f);
		need--;
	}
	if (need) {
		ps->__wc = c | (total << 28);
		ps->__count = need;
		return (size_t)-2;
	}
	ps->__wc = 0;
	ps->__count = 0;
	if (wc)
		*wc = (wchar_t)c;
	return c ? used : 0;
ilseq:
	ps->__wc = 0;
	ps->__count = 0;
	errno = EILSEQ;
	return (size_t)-1;
}

size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t own;
	return mbrtowc(NULL, s, n, ps ? ps : &own);
}

size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps)
{
	(void)ps;
	char tmp[4];
	if (!s)
		s = tmp;
	unsigned int c = (unsigned int)wc;
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xc0 | (c >> 6));
		s[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		if (c >= 0xd800 && c <= 0xdfff)
			goto ilseq;
		s[0] = (char)(0xe0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c <= 0x10ffff) {
		s[0] = (char)(0xf0 | (c >> 18));
		s[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		return 4;
	}
ilseq:
	errno = EILSEQ;
	return (size_t)-1;
}

size_t mbsrtowcs(wchar_t *restrict dst, const char **restrict src, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t own;
	if (!ps)
		ps = &own;
	const char *s = *src;
	size_t count = 0;
	while (!dst || count < n) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, 4, ps);
		if (r == (size_t)-1) {
			if (dst)
				*src = s;
			return r;
		}
		if (r == 0) {
			if (dst) {
				dst[count] = 0;
				*src = NULL;
			}
			return count;
		}
		if (dst)
			dst[count] = wc;
		s += r;
		count++;
	}
	*src = s;
	return count;
}

size_t wcsrtombs(char *restrict dst, const wchar_t **restrict src, size_t n, mbstate_t *restrict ps)
{
	const wchar_t *w = *src;
	size_t count = 0;
	for (;; w++) {
		char buf[4];
		size_t r = wcrtomb(buf, *w, ps);
		if (r == (size_t)-1) {
			if (dst)
				*src = w;
			return r;
		}
		if (dst) {
			if (count + r > n) {
				*src = w;
				return count;
			}
			for (size_t i = 0; i < r; i++)
				dst[count + i] = buf[i];
		}
		if (*w == 0) {
			if (dst)
				*src = NULL;
			return count;
		}
		count += r;
	}
}

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n)
{
	if (!s) {
		internal_state = (mbstate_t){0, 0};
		return 0; /* UTF-8 has no shift states */
	}
	mbstate_t st = {0, 0};
	size_t r = mbrtowc(wc, s, n, &st);
	if (r == (size_t)-2) {
		errno = EILSEQ;
		return -1;
	}
	return (int)r;
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	return (int)wcrtomb(s, wc, NULL);
}

size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n)
{
	mbstate_t st = {0, 0};
	const char *p = src;
	return mbsrtowcs(dst, &p, n, &st);
}

size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n)
{
	const wchar_t *p = src;
	return wcsrtombs(dst, &p, n, NULL);
}
