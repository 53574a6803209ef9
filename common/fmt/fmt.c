/*
 * The freestanding formatter behind the bootloader's and the kernel's
 * printing (see fmt.h). Integers only, by design.
 */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int precision; /* -1: none */
};

static size_t emit_padding(fmt_sink sink, void *ctx, char c, int count)
{
	size_t n = 0;
	while (count-- > 0) {
		sink(ctx, &c, 1);
		n++;
	}
	return n;
}

static size_t emit_string(fmt_sink sink, void *ctx, const struct spec *s, const char *str)
{
	size_t len = 0;
	if (!str)
		str = "(null)";
	while (str[len] && (s->precision < 0 || len < (size_t)s->precision))
		len++;
	size_t n = 0;
	int pad = s->width > (int)len ? s->width - (int)len : 0;
	if (!s->left)
		n += emit_padding(sink, ctx, ' ', pad);
	sink(ctx, str, len);
	n += len;
	if (s->left)
		n += emit_padding(sink, ctx, ' ', pad);
	return n;
}

static size_t emit_number(fmt_sink sink, void *ctx, const struct spec *s, uint64_t value,
                          bool negative, unsigned base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int len = 0;
	do {
		buf[len++] = digits[value % base];
		value /= base;
	} while (value);
	if (s->precision == 0 && len == 1 && buf[0] == '0')
		len = 0;

	char sign = negative ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
	int prefix_len = 0;
	while (prefix && prefix[prefix_len])
		prefix_len++;
	int zeros = s->precision > len ? s->precision - len : 0;
	int body = len + zeros + (sign ? 1 : 0) + prefix_len;
	int pad = s->width > body ? s->width - body : 0;
	if (s->zero && !s->left && s->precision < 0) {
		zeros += pad;
		pad = 0;
	}

	size_t n = 0;
	if (!s->left)
		n += emit_padding(sink, ctx, ' ', pad);
	if (sign) {
		sink(ctx, &sign, 1);
		n++;
	}
	if (prefix_len) {
		sink(ctx, prefix, prefix_len);
		n += prefix_len;
	}
	n += emit_padding(sink, ctx, '0', zeros);
	while (len > 0) {
		sink(ctx, &buf[--len], 1);
		n++;
	}
	if (s->left)
		n += emit_padding(sink, ctx, ' ', pad);
	return n;
}

static int parse_int(const char **p)
{
	int v = 0;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

size_t fmt_vformat(fmt_sink sink, void *ctx, const char *f, va_list args)
{
	size_t n = 0;
	while (*f) {
		if (*f != '%') {
			const char *start = f;
			while (*f && *f != '%')
				f++;
			sink(ctx, start, (size_t)(f - start));
			n += (size_t)(f - start);
			continue;
		}
		f++;
		struct spec s = {.precision = -1};
		for (;; f++) {
			if (*f == '-')
				s.left = true;
			else if (*f == '0')
				s.zero = true;
			else if (*f == '+')
				s.plus = true;
			else if (*f == ' ')
				s.space = true;
			else if (*f == '#')
				s.alt = true;
			else
				break;
		}
		if (*f == '*') {
			s.width = va_arg(args, int);
			if (s.width < 0) {
				s.left = true;
				s.width = -s.width;
			}
			f++;
		} else {
			s.width = parse_int(&f);
		}
		if (*f == '.') {
			f++;
			if (*f == '*') {
				s.precision = va_arg(args, int);
				f++;
			} else {
				s.precision = parse_int(&f);
			}
		}
		int size = 0; /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
		for (;; f++) {
			if (*f == 'h')
				size--;
			else if (*f == 'l' || *f == 'z' || *f == 't' || *f == 'j')
				size++;
			else
				break;
		}
		char conv = *f ? *f++ : 0;
		uint64_t u;
		int64_t i;
		switch (conv) {
		case 'd':
		case 'i':
			i = size >= 1 ? va_arg(args, long long) : va_arg(args, int);
			if (size == -1)
				i = (short)i;
			else if (size <= -2)
				i = (signed char)i;
			n += emit_number(sink, ctx, &s, i < 0 ? 0 - (uint64_t)i : (uint64_t)i,
			                 i < 0, 10, false, 0);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			u = size >= 1 ? va_arg(args, unsigned long long)
			              : va_arg(args, unsigned int);
			if (size == -1)
				u = (unsigned short)u;
			else if (size <= -2)
				u = (unsigned char)u;
			s.plus = s.space = false;
			n += emit_number(sink, ctx, &s, u, false,
			                 conv == 'u'   ? 10
			                 : conv == 'o' ? 8
			                               : 16,
			                 conv == 'X',
			                 s.alt && u ? (conv == 'o'   ? "0"
			                               : conv == 'X' ? "0X"
			                                             : "0x")
			                            : 0);
			break;
		case 'p':
			s.plus = s.space = false;
			n += emit_number(sink, ctx, &s, (uintptr_t)va_arg(args, void *), false, 16,
			                 false, "0x");
			break;
		case 's':
			n += emit_string(sink, ctx, &s, va_arg(args, const char *));
			break;
		case 'c': {
			char c = (char)va_arg(args, int);
			char str[2] = {c, 0};
			s.precision = 1;
			n += emit_string(sink, ctx, &s, c ? str : "");
			break;
		}
		case '%':
			sink(ctx, "%", 1);
			n++;
			break;
		default: /* unknown conversion: show it, so the mistake is visible */
			sink(ctx, "%?", 2);
			n += 2;
			break;
		}
	}
	return n;
}

struct buffer_sink {
	char *buffer;
	size_t size, used;
};

static void buffer_write(void *ctx, const char *text, size_t len)
{
	struct buffer_sink *b = ctx;
	for (size_t i = 0; i < len; i++) {
		if (b->used + 1 < b->size)
			b->buffer[b->used] = text[i];
		b->used++;
	}
}

size_t fmt_vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
	struct buffer_sink b = {buffer, size, 0};
	size_t n = fmt_vformat(buffer_write, &b, format, args);
	if (size)
		buffer[b.used < size ? b.used : size - 1] = 0;
	return n;
}

size_t fmt_snprintf(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	size_t n = fmt_vsnprintf(buffer, size, format, args);
	va_end(args);
	return n;
}
