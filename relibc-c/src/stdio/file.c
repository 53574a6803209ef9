/*
 * The core of FILE streams: the open-file list, buffers and their
 * states, flushing (also at exit, through __relibc_stdio_exit), closing,
 * setvbuf and positioning. Byte-level functions are in fgetc.c/fputc.c,
 * descriptors and fopen in fopen.c, the standard streams in fdio.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio/file.h"

extern FILE *__stdio_head;

__relibc_spinlock __stdio_list_lock;

static void unlink_locked(FILE *f);

void __stdio_link(FILE *f)
{
	__relibc_lock(&__stdio_list_lock);
	f->prev = 0;
	f->next = __stdio_head;
	if (__stdio_head)
		__stdio_head->prev = f;
	__stdio_head = f;
	__relibc_unlock(&__stdio_list_lock);
}

static void unlink_file(FILE *f)
{
	__relibc_lock(&__stdio_list_lock);
	unlink_locked(f);
	__relibc_unlock(&__stdio_list_lock);
}

static void unlink_locked(FILE *f)
{
	if (f->prev)
		f->prev->next = f->next;
	else if (__stdio_head == f)
		__stdio_head = f->next;
	if (f->next)
		f->next->prev = f->prev;
	f->prev = f->next = 0;
}

FILE *__stdio_new(int fd, unsigned fflags, const cookie_io_functions_t *ops, void *cookie)
{
	FILE *f = calloc(1, sizeof *f);
	if (!f)
		return 0;
	f->fd = fd;
	/* a stream on a terminal is line buffered, as stdin and stdout are */
	f->flags = fflags | (fd >= 0 ? F_TTYMODE : 0);
	f->ops = *ops;
	f->cookie = cookie ? cookie : f;
	__stdio_link(f);
	return f;
}

/* Gives the stream a buffer on its first use. */
static void setup_buffer(FILE *f)
{
	if (f->flags & F_TTYMODE) {
		int saved = errno;
		f->flags &= ~F_TTYMODE;
		if (isatty(f->fd))
			f->flags |= F_LBF;
		errno = saved;
	}
	if (f->buf)
		return;
	if (!(f->flags & F_NBF)) {
		unsigned char *m = malloc(FILE_UNGET + BUFSIZ);
		if (m) {
			f->alloc = m;
			f->buf = m + FILE_UNGET;
			f->size = BUFSIZ;
			return;
		}
		f->flags = (f->flags & ~F_LBF) | F_NBF;
	}
	f->buf = f->tiny + FILE_UNGET;
	f->size = 1;
}

static int setvbuf_locked(FILE *restrict f, char *restrict ubuf, int mode, size_t size);

int setvbuf(FILE *restrict f, char *restrict ubuf, int mode, size_t size)
{
	return STDIO_LOCKED(f, setvbuf_locked(f, ubuf, mode, size));
}

static int setvbuf_locked(FILE *restrict f, char *restrict ubuf, int mode, size_t size)
{
	if ((mode != _IOFBF && mode != _IOLBF && mode != _IONBF) || f->rend || f->wend) {
		errno = EINVAL;
		return -1;
	}
	free(f->alloc);
	f->alloc = 0;
	f->buf = 0;
	f->flags &= ~(F_LBF | F_NBF | F_TTYMODE);
	if (mode == _IONBF) {
		f->flags |= F_NBF;
		return 0;
	}
	if (mode == _IOLBF)
		f->flags |= F_LBF;
	if (ubuf && size > 4 * FILE_UNGET) {
		f->buf = (unsigned char *)ubuf + FILE_UNGET;
		f->size = size - FILE_UNGET;
	} else if (size) {
		unsigned char *m = malloc(FILE_UNGET + size);
		if (!m)
			return -1;
		f->alloc = m;
		f->buf = m + FILE_UNGET;
		f->size = size;
	}
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

/* Writes n bytes through the stream's operation; 0, or -1 with F_ERR. */
static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = f->ops.write ? f->ops.write(f->cookie, (const char *)p, n) : (ssize_t)n;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			f->flags |= F_ERR;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int __stdio_flush(FILE *f)
{
	if (!f->wend || f->wpos == f->buf)
		return 0;
	unsigned char *p = f->buf;
	size_t n = (size_t)(f->wpos - p);
	while (n) {
		ssize_t w = f->ops.write ? f->ops.write(f->cookie, (const char *)p, n) : (ssize_t)n;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			/* keep what was not written, at the start of the buffer */
			memmove(f->buf, p, n);
			f->wpos = f->buf + n;
			f->flags |= F_ERR;
			return EOF;
		}
		p += w;
		n -= (size_t)w;
	}
	f->wpos = f->buf;
	return 0;
}

/* Leaves the reading state: the descriptor goes back to the stream's position. */
static void drop_read(FILE *f)
{
	if (f->rend && f->rpos != f->rend && f->ops.seek) {
		off_t back = -(off_t)(f->rend - f->rpos);
		int saved = errno;
		f->ops.seek(f->cookie, &back, SEEK_CUR);
		errno = saved;
	}
	f->rpos = f->rend = 0;
}

static int to_write(FILE *f)
{
	if (f->wend)
		return 0;
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	drop_read(f);
	setup_buffer(f);
	f->wpos = f->buf;
	f->wend = (f->flags & F_NBF) ? f->buf : f->buf + f->size;
	return 0;
}

size_t __stdio_write(FILE *f, const unsigned char *p, size_t n)
{
	if (to_write(f))
		return 0;
	if (n <= (size_t)(f->wend - f->wpos)) {
		memcpy(f->wpos, p, n);
		f->wpos += n;
	} else {
		if (__stdio_flush(f))
			return 0;
		if (n >= f->size || f->flags & F_NBF) {
			if (write_all(f, p, n))
				return 0;
			return n;
		}
		memcpy(f->wpos, p, n);
		f->wpos += n;
	}
	if (f->flags & F_LBF && memchr(p, '\n', n) && __stdio_flush(f))
		return 0;
	return n;
}

/*
 * Flushes the line-buffered output streams: before input waits on a
 * terminal. A courtesy: streams (and the list) another thread holds are
 * left to it, so a reader never waits on a writer here.
 */
static void flush_line_buffered(void)
{
	if (__atomic_exchange_n(&__stdio_list_lock.locked, 1, __ATOMIC_ACQUIRE))
		return;
	for (FILE *g = __stdio_head; g; g = g->next)
		if (g->flags & F_LBF && g->wend && __stdio_trylock(g)) {
			__stdio_flush(g);
			funlockfile(g);
		}
	__relibc_unlock(&__stdio_list_lock);
}

static int to_read(FILE *f)
{
	if (f->rend)
		return 0;
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return -1;
	}
	if (f->wend) {
		if (__stdio_flush(f))
			return -1;
		f->wpos = f->wend = 0;
	}
	setup_buffer(f);
	f->rpos = f->rend = f->buf;
	return 0;
}

/* Refills the read buffer; the count now buffered (0: end of file or error). */
static size_t fill(FILE *f)
{
	if (f->flags & (F_LBF | F_NBF))
		flush_line_buffered();
	ssize_t r = f->ops.read ? f->ops.read(f->cookie, (char *)f->buf, f->size) : 0;
	f->rpos = f->rend = f->buf;
	if (r <= 0) {
		f->flags |= r == 0 ? F_EOF : F_ERR;
		return 0;
	}
	f->rend = f->buf + r;
	return (size_t)r;
}

int __stdio_getc_slow(FILE *f)
{
	if (f->flags & F_EOF || to_read(f))
		return EOF;
	if (f->rpos == f->rend && !fill(f))
		return EOF;
	return *f->rpos++;
}

static size_t fread_locked(void *restrict dst, size_t size, size_t n, FILE *restrict f);

size_t fread(void *restrict dst, size_t size, size_t n, FILE *restrict f)
{
	return STDIO_LOCKED(f, fread_locked(dst, size, n, f));
}

static size_t fread_locked(void *restrict dst, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	if (n > (size_t)-1 / size) {
		f->flags |= F_ERR;
		errno = EOVERFLOW;
		return 0;
	}
	size_t want = size * n, got = 0;
	unsigned char *d = dst;
	if (f->flags & F_EOF || to_read(f))
		return 0;
	while (got < want) {
		size_t have = (size_t)(f->rend - f->rpos);
		if (have) {
			size_t k = have < want - got ? have : want - got;
			memcpy(d + got, f->rpos, k);
			f->rpos += k;
			got += k;
			continue;
		}
		if (want - got >= f->size) {
			/* large reads go straight into the caller's memory */
			if (f->flags & (F_LBF | F_NBF))
				flush_line_buffered();
			ssize_t r =
			    f->ops.read ? f->ops.read(f->cookie, (char *)d + got, want - got) : 0;
			if (r <= 0) {
				f->flags |= r == 0 ? F_EOF : F_ERR;
				break;
			}
			got += (size_t)r;
		} else if (!fill(f)) {
			break;
		}
	}
	return got / size;
}

size_t fwrite(const void *restrict src, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	if (n > (size_t)-1 / size) {
		f->flags |= F_ERR;
		errno = EOVERFLOW;
		return 0;
	}
	return STDIO_LOCKED(f, __stdio_write(f, src, size * n)) / size;
}

static int ungetc_locked(int c, FILE *f);

int ungetc(int c, FILE *f)
{
	return STDIO_LOCKED(f, ungetc_locked(c, f));
}

static int ungetc_locked(int c, FILE *f)
{
	if (c == EOF || to_read(f))
		return EOF;
	if (f->rpos == f->buf - FILE_UNGET)
		return EOF;
	*--f->rpos = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

static int fflush_locked(FILE *f);

int fflush(FILE *f)
{
	if (!f) {
		int r = 0;
		__relibc_lock(&__stdio_list_lock);
		for (FILE *g = __stdio_head; g; g = g->next) {
			flockfile(g);
			if (g->wend && __stdio_flush(g))
				r = EOF;
			funlockfile(g);
		}
		__relibc_unlock(&__stdio_list_lock);
		return r;
	}
	return STDIO_LOCKED(f, fflush_locked(f));
}

static int fflush_locked(FILE *f)
{
	if (f->wend)
		return __stdio_flush(f);
	/* an input stream: give the file back the bytes read ahead, if it can seek */
	if (f->rend && f->rpos != f->rend && f->ops.seek) {
		off_t back = -(off_t)(f->rend - f->rpos);
		if (f->ops.seek(f->cookie, &back, SEEK_CUR) == 0)
			f->rpos = f->rend = 0;
	}
	return 0;
}

void __stdio_reset(FILE *f)
{
	f->rpos = f->rend = f->wpos = f->wend = 0;
	f->flags &= ~(F_EOF | F_ERR);
}

int __stdio_close(FILE *f, int keep)
{
	int r = 0;
	if (f->wend && __stdio_flush(f))
		r = EOF;
	if (f->ops.close && f->ops.close(f->cookie))
		r = EOF;
	unlink_file(f);
	free(f->alloc);
	f->alloc = 0;
	f->buf = 0;
	__stdio_reset(f);
	f->flags = F_CLOSED | (f->flags & F_STATIC);
	if (!keep && !(f->flags & F_STATIC))
		free(f);
	return r;
}

int fclose(FILE *f)
{
	return __stdio_close(f, 0);
}

static off_t ftello_locked(FILE *f);

off_t ftello(FILE *f)
{
	return STDIO_LOCKED(f, ftello_locked(f));
}

static off_t ftello_locked(FILE *f)
{
	off_t pos = 0;
	if (!f->ops.seek || f->ops.seek(f->cookie, &pos, SEEK_CUR))
		return -1;
	if (f->rend)
		pos -= f->rend - f->rpos;
	else if (f->wend)
		pos += f->wpos - f->buf;
	return pos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

static int fseeko_locked(FILE *f, off_t off, int whence);

int fseeko(FILE *f, off_t off, int whence)
{
	return STDIO_LOCKED(f, fseeko_locked(f, off, whence));
}

static int fseeko_locked(FILE *f, off_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (f->wend && __stdio_flush(f))
		return -1;
	if (f->rend && whence == SEEK_CUR)
		off -= f->rend - f->rpos;
	if (!f->ops.seek) {
		errno = ESPIPE;
		return -1;
	}
	if (f->ops.seek(f->cookie, &off, whence))
		return -1;
	f->rpos = f->rend = f->wpos = f->wend = 0;
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);
	if (p < 0)
		return -1;
	pos->__pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, pos->__pos, SEEK_SET);
}

/* Called by exit(): everything buffered is written. */
void __relibc_stdio_exit(void)
{
	fflush(0);
}
