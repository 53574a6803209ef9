/*
 * printf into memory: a bounded buffer (snprintf family) or one grown
 * with realloc (asprintf family).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <errno.h>
#include "internal/format.h"

struct buf_sink {
	struct __relibc_sink sink;
	char *buf;
	size_t cap; /* bytes that may be stored, the terminator excluded */
	size_t len;
};

static int buf_write(struct __relibc_sink *s, const char *p, size_t n)
{
	struct buf_sink *b = (struct buf_sink *)s;
	if (b->len < b->cap) {
		size_t k = b->cap - b->len < n ? b->cap - b->len : n;
		memcpy(b->buf + b->len, p, k);
	}
	b->len += n;
	return 0;
}

int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt, va_list ap)
{
	struct buf_sink b = {{buf_write}, buf, n ? n - 1 : 0, 0};
	int r = __relibc_vformat(&b.sink, fmt, ap);
	if (n)
		buf[b.len < b.cap ? b.len : b.cap] = 0;
	return r;
}

int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

struct grow_sink {
	struct __relibc_sink sink;
	char *buf;
	size_t cap, len;
};

static int grow_write(struct __relibc_sink *s, const char *p, size_t n)
{
	struct grow_sink *g = (struct grow_sink *)s;
	if (g->len + n + 1 > g->cap) {
		size_t cap = g->cap * 2;
		if (cap < g->len + n + 1)
			cap = g->len + n + 1;
		char *nb = realloc(g->buf, cap);
		if (!nb) {
			errno = ENOMEM;
			return -1;
		}
		g->buf = nb;
		g->cap = cap;
	}
	memcpy(g->buf + g->len, p, n);
	g->len += n;
	return 0;
}

int vasprintf(char **out, const char *restrict fmt, va_list ap)
{
	struct grow_sink g = {{grow_write}, malloc(64), 64, 0};
	if (!g.buf)
		return -1;
	int r = __relibc_vformat(&g.sink, fmt, ap);
	if (r < 0) {
		free(g.buf);
		return -1;
	}
	g.buf[g.len] = 0;
	*out = g.buf;
	return r;
}

int asprintf(char **out, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}
