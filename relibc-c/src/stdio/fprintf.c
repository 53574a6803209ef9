/*
 * printf to streams and descriptors: the printf engine with a sink that
 * appends to a FILE (vfprintf and its front ends) or collects a chunk
 * and writes it to a descriptor (vdprintf). An unbuffered stream gets a
 * chunk buffer for the call, so one message is one write.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "internal/format.h"
#include "stdio/file.h"

#define CHUNK 512

struct chunk_sink {
	struct __relibc_sink sink;
	int (*flush)(struct chunk_sink *c);
	FILE *f;
	int fd;
	size_t len;
	char buf[CHUNK];
};

static int file_write(struct __relibc_sink *s, const char *p, size_t n)
{
	FILE *f = ((struct chunk_sink *)s)->f;
	return __stdio_write(f, (const unsigned char *)p, n) == n ? 0 : -1;
}

static int chunk_to_file(struct chunk_sink *c)
{
	size_t n = c->len;
	c->len = 0;
	return __stdio_write(c->f, (const unsigned char *)c->buf, n) == n ? 0 : -1;
}

static int chunk_to_fd(struct chunk_sink *c)
{
	const char *p = c->buf;
	size_t n = c->len;
	c->len = 0;
	while (n) {
		ssize_t w = write(c->fd, p, n);
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int chunk_write(struct __relibc_sink *s, const char *p, size_t n)
{
	struct chunk_sink *c = (struct chunk_sink *)s;
	while (n) {
		if (c->len == CHUNK && c->flush(c))
			return -1;
		size_t k = CHUNK - c->len < n ? CHUNK - c->len : n;
		memcpy(c->buf + c->len, p, k);
		c->len += k;
		p += k;
		n -= k;
	}
	return 0;
}

static int chunked(struct chunk_sink *c, const char *fmt, va_list ap)
{
	c->sink.write = chunk_write;
	c->len = 0;
	int r = __relibc_vformat(&c->sink, fmt, ap);
	if (c->len && c->flush(c))
		return -1;
	return r;
}

static int vfprintf_locked(FILE *restrict f, const char *restrict fmt, va_list ap);

/* One call's output stays together: the stream is locked across it. */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	return STDIO_LOCKED(f, vfprintf_locked(f, fmt, ap));
}

static int vfprintf_locked(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct chunk_sink c = {.f = f};
	if (f->flags & F_NBF) {
		c.flush = chunk_to_file;
		return chunked(&c, fmt, ap);
	}
	c.sink.write = file_write;
	return __relibc_vformat(&c.sink, fmt, ap);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct chunk_sink c = {.fd = fd, .flush = chunk_to_fd};
	return chunked(&c, fmt, ap);
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
