/*
 * Byte and line input: fgetc/getc/getchar, fgets, getdelim/getline, the
 * _unlocked spellings, the indicators (feof, ferror, clearerr) and the
 * stream locks (recursive, per thread: flockfile and friends).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stdio/file.h"
#include "internal/thread.h"

int fgetc(FILE *f)
{
	return STDIO_LOCKED(f, __stdio_getc(f));
}

int getc(FILE *f)
{
	return STDIO_LOCKED(f, __stdio_getc(f));
}

int getchar(void)
{
	return STDIO_LOCKED(stdin, __stdio_getc(stdin));
}

int fgetc_unlocked(FILE *f)
{
	return __stdio_getc(f);
}

int getc_unlocked(FILE *f)
{
	return __stdio_getc(f);
}

int getchar_unlocked(void)
{
	return __stdio_getc(stdin);
}

size_t fread_unlocked(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	return fread(p, size, n, f);
}

static char *fgets_locked(char *restrict s, int n, FILE *restrict f);

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	return STDIO_LOCKED(f, fgets_locked(s, n, f));
}

static char *fgets_locked(char *restrict s, int n, FILE *restrict f)
{
	if (n <= 0) {
		errno = EINVAL;
		return 0;
	}
	int i = 0;
	while (i < n - 1) {
		/* copy straight from the buffer up to a newline */
		size_t have = (size_t)(f->rend - f->rpos);
		if (have) {
			size_t k = have < (size_t)(n - 1 - i) ? have : (size_t)(n - 1 - i);
			unsigned char *nl = memchr(f->rpos, '\n', k);
			if (nl)
				k = (size_t)(nl - f->rpos) + 1;
			memcpy(s + i, f->rpos, k);
			f->rpos += k;
			i += (int)k;
			if (nl)
				break;
			continue;
		}
		int c = __stdio_getc_slow(f);
		if (c == EOF) {
			if (i == 0 || f->flags & F_ERR)
				return 0;
			break;
		}
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	s[i] = 0;
	return s;
}

static ssize_t getdelim_locked(char **restrict line, size_t *restrict cap, int delim,
                               FILE *restrict f);

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	return STDIO_LOCKED(f, getdelim_locked(line, cap, delim, f));
}

static ssize_t getdelim_locked(char **restrict line, size_t *restrict cap, int delim,
                               FILE *restrict f)
{
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	size_t len = 0;
	for (;;) {
		size_t have = (size_t)(f->rend - f->rpos);
		unsigned char *end = have ? memchr(f->rpos, delim, have) : 0;
		size_t k = end ? (size_t)(end - f->rpos) + 1 : have;
		int c = EOF;
		if (!k) {
			c = __stdio_getc_slow(f);
			if (c == EOF)
				break;
			k = 1;
		}
		if (len + k + 1 > *cap || !*line) {
			size_t want = len + k + 1, ncap = *cap < 64 ? 64 : *cap;
			while (ncap < want)
				ncap *= 2;
			char *n = realloc(*line, ncap);
			if (!n) {
				f->flags |= F_ERR;
				errno = ENOMEM;
				return -1;
			}
			*line = n;
			*cap = ncap;
		}
		if (c != EOF) {
			(*line)[len++] = (char)c;
			if (c == delim)
				break;
			continue;
		}
		memcpy(*line + len, f->rpos, k);
		f->rpos += k;
		len += k;
		if (end)
			break;
	}
	if (!len) {
		if (*line)
			(*line)[0] = 0;
		return -1;
	}
	if (len > SSIZE_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	(*line)[len] = 0;
	return (ssize_t)len;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

int feof(FILE *f)
{
	return !!(f->flags & F_EOF);
}

int ferror(FILE *f)
{
	return !!(f->flags & F_ERR);
}

void clearerr(FILE *f)
{
	f->flags &= ~(F_EOF | F_ERR);
}

int feof_unlocked(FILE *f)
{
	return feof(f);
}

int ferror_unlocked(FILE *f)
{
	return ferror(f);
}

void clearerr_unlocked(FILE *f)
{
	clearerr(f);
}

int fileno_unlocked(FILE *f)
{
	return fileno(f);
}

void flockfile(FILE *f)
{
	int me = __relibc_thread_self()->tid;
	if (__atomic_load_n(&f->owner, __ATOMIC_RELAXED) != me) {
		__relibc_lock(&f->lock);
		__atomic_store_n(&f->owner, me, __ATOMIC_RELAXED);
	}
	f->depth++;
}

int __stdio_trylock(FILE *f)
{
	int me = __relibc_thread_self()->tid;
	if (__atomic_load_n(&f->owner, __ATOMIC_RELAXED) != me) {
		int free = 0;
		if (!__atomic_compare_exchange_n(&f->lock.locked, &free, 1, 0, __ATOMIC_ACQUIRE,
		                                 __ATOMIC_RELAXED))
			return 0;
		__atomic_store_n(&f->owner, me, __ATOMIC_RELAXED);
	}
	f->depth++;
	return 1;
}

int ftrylockfile(FILE *f)
{
	return __stdio_trylock(f) ? 0 : -1;
}

void funlockfile(FILE *f)
{
	if (--f->depth == 0) {
		__atomic_store_n(&f->owner, 0, __ATOMIC_RELAXED);
		__relibc_unlock(&f->lock);
	}
}
