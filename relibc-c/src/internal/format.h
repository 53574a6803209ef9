/*
 * The printf and scanf engines, independent of where bytes go to or
 * come from. A FILE (or anything else) plugs in by providing a sink or a
 * source: snprintf uses a memory sink, vfprintf will use a FILE sink.
 */
#ifndef RELIBC_FORMAT_H
#define RELIBC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Where formatted output goes. write returns 0, or -1 on error. */
struct __relibc_sink {
	int (*write)(struct __relibc_sink *sink, const char *buf, size_t n);
};

/*
 * Formats into the sink. Returns the number of bytes produced, or -1 with
 * errno set (the sink's error, EOVERFLOW past INT_MAX, EILSEQ, EINVAL).
 */
int __relibc_vformat(struct __relibc_sink *sink, const char *fmt, va_list ap);

/*
 * Where scanned input comes from. getc returns the next byte (0..255) or
 * -1 at the end; ungetc pushes back the byte getc returned last (only one
 * byte is ever pushed back).
 */
struct __relibc_source {
	int (*getc)(struct __relibc_source *src);
	void (*ungetc)(struct __relibc_source *src, int c);
};

/* Scans from the source; returns the assignments made, or EOF (-1). */
int __relibc_vscan(struct __relibc_source *src, const char *fmt, va_list ap);

/* printf's internal state: output counted, first error kept */
struct fmt_out {
	struct __relibc_sink *sink;
	size_t count;
	int error;
};

enum {
	FL_MINUS = 1,
	FL_PLUS = 2,
	FL_SPACE = 4,
	FL_HASH = 8,
	FL_ZERO = 16,
};

struct fmt_spec {
	int flags;
	int width; /* -1: none */
	int prec;  /* -1: none */
	char conv;
};

void __relibc_out(struct fmt_out *o, const char *s, size_t n);
void __relibc_out_pad(struct fmt_out *o, char c, long n);
/* %e %f %g %a and their capitals, for a double (long double goes through it) */
void __relibc_format_float(struct fmt_out *o, double v, const struct fmt_spec *sp);

#endif
