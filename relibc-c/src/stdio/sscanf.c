/* sscanf and vsscanf: the scanf engine reading from a string. */
#include <stdio.h>
#include "internal/format.h"

struct str_source {
	struct __relibc_source src;
	const unsigned char *p;
};

static int str_getc(struct __relibc_source *s)
{
	struct str_source *ss = (struct str_source *)s;
	if (!*ss->p)
		return -1;
	return *ss->p++;
}

static void str_ungetc(struct __relibc_source *s, int c)
{
	(void)c;
	((struct str_source *)s)->p--;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct str_source ss = {{str_getc, str_ungetc}, (const unsigned char *)s};
	return __relibc_vscan(&ss.src, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}
