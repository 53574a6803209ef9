/*
 * scanf from streams: the scanf engine reading a FILE through getc and
 * pushing back with ungetc.
 */
#include "internal/format.h"
#include "stdio/file.h"

struct file_source {
	struct __relibc_source src;
	FILE *f;
};

static int file_getc(struct __relibc_source *s)
{
	return __stdio_getc(((struct file_source *)s)->f);
}

static void file_ungetc(struct __relibc_source *s, int c)
{
	ungetc(c, ((struct file_source *)s)->f);
}

static int vfscanf_locked(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct file_source fs = {{file_getc, file_ungetc}, f};
	return __relibc_vscan(&fs.src, fmt, ap);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	return STDIO_LOCKED(f, vfscanf_locked(f, fmt, ap));
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
