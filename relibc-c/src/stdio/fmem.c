/*
 * Streams that are not descriptors: fmemopen (a fixed buffer),
 * open_memstream (a growing one the caller frees) and fopencookie (the
 * caller's four functions).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stdio/file.h"

struct mem {
	char *buf;
	size_t size; /* capacity */
	size_t len;  /* bytes of content */
	size_t pos;
	int append;
	char *own; /* buffer to free at close */
	/* open_memstream: where the caller looks */
	char **ptr;
	size_t *sizeloc;
};

static ssize_t mem_read(void *cookie, char *buf, size_t n)
{
	struct mem *m = cookie;
	if (m->pos >= m->len)
		return 0;
	if (n > m->len - m->pos)
		n = m->len - m->pos;
	memcpy(buf, m->buf + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static ssize_t mem_write(void *cookie, const char *buf, size_t n)
{
	struct mem *m = cookie;
	if (m->append)
		m->pos = m->len;
	if (m->pos >= m->size) {
		errno = ENOSPC;
		return -1;
	}
	if (n > m->size - m->pos)
		n = m->size - m->pos;
	memcpy(m->buf + m->pos, buf, n);
	m->pos += n;
	if (m->pos > m->len)
		m->len = m->pos;
	if (m->len < m->size)
		m->buf[m->len] = 0;
	return (ssize_t)n;
}

static int seek_in(size_t limit, size_t pos, size_t len, off_t *off, int whence, size_t *out)
{
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)pos : (off_t)len;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if ((*off < 0 && -*off > base) || (*off > 0 && (size_t)*off > limit - (size_t)base)) {
		errno = EINVAL;
		return -1;
	}
	*out = (size_t)(base + *off);
	*off = (off_t)*out;
	return 0;
}

static int mem_seek(void *cookie, off_t *off, int whence)
{
	struct mem *m = cookie;
	return seek_in(m->size, m->pos, m->len, off, whence, &m->pos);
}

static int mem_close(void *cookie)
{
	struct mem *m = cookie;
	free(m->own);
	free(m);
	return 0;
}

FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode)
{
	unsigned fflags;
	int o = __stdio_parse_mode(mode, &fflags);
	if (o < 0)
		return 0;
	if (!size) {
		errno = EINVAL;
		return 0;
	}
	struct mem *m = calloc(1, sizeof *m);
	if (!m)
		return 0;
	m->buf = buf;
	m->size = size;
	if (!buf) {
		m->buf = m->own = calloc(1, size);
		if (!m->own) {
			free(m);
			return 0;
		}
	}
	if (*mode == 'r') {
		m->len = buf ? size : 0;
	} else if (*mode == 'w') {
		m->buf[0] = 0;
	} else {
		m->append = 1;
		m->len = m->pos = strnlen(m->buf, size);
	}
	static const cookie_io_functions_t ops = {mem_read, mem_write, mem_seek, mem_close};
	FILE *f = __stdio_new(-1, fflags, &ops, m);
	if (!f)
		mem_close(m);
	return f;
}

/* open_memstream: grows; *ptr and *sizeloc follow every flush and seek. */
static void dyn_publish(struct mem *m)
{
	*m->ptr = m->buf;
	*m->sizeloc = m->len < m->pos ? m->len : m->pos;
}

static int dyn_grow(struct mem *m, size_t need)
{
	if (need < m->size)
		return 0;
	size_t cap = m->size * 2;
	if (cap <= need)
		cap = need + 1;
	char *n = realloc(m->buf, cap);
	if (!n) {
		errno = ENOMEM;
		return -1;
	}
	memset(n + m->size, 0, cap - m->size);
	m->buf = n;
	m->size = cap;
	return 0;
}

static ssize_t dyn_write(void *cookie, const char *buf, size_t n)
{
	struct mem *m = cookie;
	if (m->pos + n < m->pos || dyn_grow(m, m->pos + n))
		return -1;
	memcpy(m->buf + m->pos, buf, n);
	m->pos += n;
	if (m->pos > m->len)
		m->len = m->pos;
	m->buf[m->len] = 0;
	dyn_publish(m);
	return (ssize_t)n;
}

static int dyn_seek(void *cookie, off_t *off, int whence)
{
	struct mem *m = cookie;
	if (seek_in((size_t)-1 / 2, m->pos, m->len, off, whence, &m->pos))
		return -1;
	if (dyn_grow(m, m->pos))
		return -1;
	dyn_publish(m);
	return 0;
}

static int dyn_close(void *cookie)
{
	struct mem *m = cookie;
	dyn_publish(m);
	free(m);
	return 0;
}

FILE *open_memstream(char **ptr, size_t *sizeloc)
{
	if (!ptr || !sizeloc) {
		errno = EINVAL;
		return 0;
	}
	struct mem *m = calloc(1, sizeof *m);
	if (!m)
		return 0;
	m->size = 64;
	m->buf = calloc(1, m->size);
	if (!m->buf) {
		free(m);
		return 0;
	}
	m->ptr = ptr;
	m->sizeloc = sizeloc;
	dyn_publish(m);
	static const cookie_io_functions_t ops = {0, dyn_write, dyn_seek, dyn_close};
	FILE *f = __stdio_new(-1, F_WRITE, &ops, m);
	if (!f) {
		free(m->buf);
		free(m);
	}
	return f;
}

FILE *fopencookie(void *restrict cookie, const char *restrict mode, cookie_io_functions_t funcs)
{
	unsigned fflags;
	if (__stdio_parse_mode(mode, &fflags) < 0)
		return 0;
	FILE *f = __stdio_new(-1, fflags, &funcs, cookie);
	if (f && !cookie)
		f->cookie = 0;
	return f;
}
