/*
 * Byte and string output: fputc/putc/putchar, fputs, puts and their
 * _unlocked spellings.
 */
#include <string.h>

#include "stdio/file.h"

int fputc(int c, FILE *f)
{
	return STDIO_LOCKED(f, __stdio_putc(c, f));
}

int putc(int c, FILE *f)
{
	return STDIO_LOCKED(f, __stdio_putc(c, f));
}

int putchar(int c)
{
	return STDIO_LOCKED(stdout, __stdio_putc(c, stdout));
}

int fputc_unlocked(int c, FILE *f)
{
	return __stdio_putc(c, f);
}

int putc_unlocked(int c, FILE *f)
{
	return __stdio_putc(c, f);
}

int putchar_unlocked(int c)
{
	return __stdio_putc(c, stdout);
}

size_t fwrite_unlocked(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	return fwrite(p, size, n, f);
}

int fflush_unlocked(FILE *f)
{
	return fflush(f);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);
	return STDIO_LOCKED(f, __stdio_write(f, (const unsigned char *)s, n)) == n ? 0 : EOF;
}

static int puts_locked(const char *s)
{
	size_t n = strlen(s);
	if (__stdio_write(stdout, (const unsigned char *)s, n) != n)
		return EOF;
	return __stdio_putc('\n', stdout) == EOF ? EOF : 0;
}

int puts(const char *s)
{
	return STDIO_LOCKED(stdout, puts_locked(s));
}
