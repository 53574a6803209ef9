/*
 * The printf engine: parses conversion specifications (flags, width,
 * precision, `*`, positional `n$` arguments, length modifiers) and
 * formats integers, characters, strings, pointers and %n here; floating
 * point goes to fmt_float.c. Output goes through a sink (format.h).
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <limits.h>
#include <errno.h>
#include <wchar.h>
#include "internal/format.h"

enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

/* how an argument is fetched from the va_list */
enum arg_type { ARG_NONE, ARG_INT, ARG_LONG, ARG_DOUBLE, ARG_LDOUBLE, ARG_PTR };

union arg {
	long long i;
	double d;
	long double ld;
	void *p;
};

struct args {
	va_list ap;
	union arg *pos; /* positional mode: every argument fetched up front */
};

void __relibc_out(struct fmt_out *o, const char *s, size_t n)
{
	if (n == 0)
		return;
	o->count += n;
	if (!o->error && o->sink->write(o->sink, s, n) < 0)
		o->error = errno ? errno : EIO;
}

void __relibc_out_pad(struct fmt_out *o, char c, long n)
{
	char buf[64];
	if (n <= 0)
		return;
	memset(buf, c, sizeof buf);
	while (n > 0) {
		size_t k = n > (long)sizeof buf ? sizeof buf : (size_t)n;
		__relibc_out(o, buf, k);
		n -= (long)k;
	}
}

static enum arg_type type_for(char conv, enum len_mod len)
{
	switch (conv) {
	case 'd':
	case 'i':
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		return len >= LEN_L && len != LEN_BIG_L ? ARG_LONG : ARG_INT;
	case 'c':
		return ARG_INT;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		return len == LEN_BIG_L ? ARG_LDOUBLE : ARG_DOUBLE;
	case 's':
	case 'p':
	case 'n':
		return ARG_PTR;
	default:
		return ARG_NONE;
	}
}

static void fetch(va_list *ap, enum arg_type t, union arg *out)
{
	union arg a = {0};
	switch (t) {
	case ARG_INT:
		a.i = va_arg(*ap, int);
		break;
	case ARG_LONG:
		a.i = va_arg(*ap, long long);
		break;
	case ARG_DOUBLE:
		a.d = va_arg(*ap, double);
		break;
	case ARG_LDOUBLE:
		a.ld = va_arg(*ap, long double);
		break;
	case ARG_PTR:
		a.p = va_arg(*ap, void *);
		break;
	case ARG_NONE:
		break;
	}
	*out = a;
}

/* argument `index` (1-based, positional) or the next one */
static void get(struct args *a, int index, enum arg_type t, union arg *out)
{
	if (a->pos)
		*out = a->pos[index];
	else
		fetch(&a->ap, t, out);
}

static long long get_int(struct args *a, int index)
{
	union arg v;
	get(a, index, ARG_INT, &v);
	return v.i;
}

static int parse_num(const char **pp)
{
	const char *p = *pp;
	int n = 0;
	while (*p >= '0' && *p <= '9') {
		if (n < INT_MAX / 10)
			n = n * 10 + (*p - '0');
		else
			n = INT_MAX;
		p++;
	}
	*pp = p;
	return n;
}

/* "n$" after a number: returns n and advances, or 0 */
static int parse_pos(const char **pp)
{
	const char *p = *pp;
	if (*p < '1' || *p > '9')
		return 0;
	int n = parse_num(&p);
	if (*p != '$')
		return 0;
	*pp = p + 1;
	return n;
}

static enum len_mod parse_len(const char **pp)
{
	const char *p = *pp;
	enum len_mod len = LEN_NONE;
	switch (*p) {
	case 'h':
		len = p[1] == 'h' ? LEN_HH : LEN_H;
		p += len == LEN_HH ? 2 : 1;
		break;
	case 'l':
		len = p[1] == 'l' ? LEN_LL : LEN_L;
		p += len == LEN_LL ? 2 : 1;
		break;
	case 'q':
		len = LEN_LL;
		p++;
		break;
	case 'j':
		len = LEN_J;
		p++;
		break;
	case 'z':
		len = LEN_Z;
		p++;
		break;
	case 't':
		len = LEN_T;
		p++;
		break;
	case 'L':
		len = LEN_BIG_L;
		p++;
		break;
	}
	*pp = p;
	return len;
}

/* A parsed specification with where its values come from. */
struct conv {
	struct fmt_spec sp;
	enum len_mod len;
	int argpos, widthpos, precpos; /* positional indices, 0 = sequential */
	int width_star, prec_star;
};

/* parses after the '%'; returns the char after the conversion */
static const char *parse_conv(const char *p, struct conv *c)
{
	memset(c, 0, sizeof *c);
	c->sp.width = -1;
	c->sp.prec = -1;
	c->argpos = parse_pos(&p);
	for (;; p++) {
		int f = *p == '-'   ? FL_MINUS
		        : *p == '+' ? FL_PLUS
		        : *p == ' ' ? FL_SPACE
		        : *p == '#' ? FL_HASH
		        : *p == '0' ? FL_ZERO
		                    : 0;
		if (*p == '\'') /* thousands grouping: the C locale has none */
			continue;
		if (!f)
			break;
		c->sp.flags |= f;
	}
	if (*p == '*') {
		p++;
		c->width_star = 1;
		c->widthpos = parse_pos(&p);
	} else if (*p >= '1' && *p <= '9') {
		c->sp.width = parse_num(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			c->prec_star = 1;
			c->precpos = parse_pos(&p);
		} else {
			c->sp.prec = parse_num(&p);
		}
	}
	c->len = parse_len(&p);
	c->sp.conv = *p;
	return *p ? p + 1 : p;
}

/* positional mode: learn every argument's type, then fetch them in order */
static int collect_positional(const char *fmt, va_list *ap, union arg *pos)
{
	enum arg_type types[NL_ARGMAX + 1] = {0};
	int max = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		struct conv c;
		const char *next = parse_conv(p + 1, &c);
		if (!c.argpos || c.argpos > NL_ARGMAX || (c.width_star && !c.widthpos) ||
		    (c.prec_star && !c.precpos) || c.widthpos > NL_ARGMAX || c.precpos > NL_ARGMAX)
			return -1;
		types[c.argpos] = type_for(c.sp.conv, c.len);
		if (c.widthpos)
			types[c.widthpos] = ARG_INT;
		if (c.precpos)
			types[c.precpos] = ARG_INT;
		int m = c.argpos > c.widthpos ? c.argpos : c.widthpos;
		m = m > c.precpos ? m : c.precpos;
		max = m > max ? m : max;
		p = next - 1;
	}
	for (int i = 1; i <= max; i++) {
		if (types[i] == ARG_NONE)
			return -1; /* a gap: the argument's type is unknown */
		fetch(ap, types[i], &pos[i]);
	}
	return 0;
}

static void pad_and_out(struct fmt_out *o, const struct fmt_spec *sp, const char *s, size_t n)
{
	long pad = sp->width > (long)n ? sp->width - (long)n : 0;
	if (!(sp->flags & FL_MINUS))
		__relibc_out_pad(o, ' ', pad);
	__relibc_out(o, s, n);
	if (sp->flags & FL_MINUS)
		__relibc_out_pad(o, ' ', pad);
}

static void format_int(struct fmt_out *o, const struct fmt_spec *sp, uintmax_t v, int neg)
{
	char buf[32];
	char *end = buf + sizeof buf, *d = end;
	const char *digits = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = sp->conv == 'o'                                           ? 8
	                : (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16
	                                                                          : 10;
	for (uintmax_t x = v; x; x /= base)
		*--d = digits[x % base];
	long ndig = end - d;
	long prec = sp->prec < 0 ? 1 : sp->prec;
	long zeros = prec > ndig ? prec - ndig : 0;
	if (base == 8 && (sp->flags & FL_HASH) && zeros == 0 && (ndig == 0 || *d != '0'))
		zeros = 1; /* %#o: the first digit is a zero */
	char prefix[3];
	size_t plen = 0;
	if (neg)
		prefix[plen++] = '-';
	else if (sp->flags & FL_PLUS)
		prefix[plen++] = '+';
	else if (sp->flags & FL_SPACE)
		prefix[plen++] = ' ';
	if (base == 16 && ((sp->flags & FL_HASH) && v != 0)) {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
	}
	long len = (long)plen + zeros + ndig;
	long pad = sp->width > len ? sp->width - len : 0;
	if ((sp->flags & FL_ZERO) && !(sp->flags & FL_MINUS) && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & FL_MINUS))
		__relibc_out_pad(o, ' ', pad);
	__relibc_out(o, prefix, plen);
	__relibc_out_pad(o, '0', zeros);
	__relibc_out(o, d, (size_t)ndig);
	if (sp->flags & FL_MINUS)
		__relibc_out_pad(o, ' ', pad);
}

static uintmax_t unsigned_value(long long raw, enum len_mod len)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)raw;
	case LEN_H:
		return (unsigned short)raw;
	case LEN_NONE:
	case LEN_BIG_L:
		return (unsigned int)raw;
	default:
		return (unsigned long long)raw;
	}
}

static intmax_t signed_value(long long raw, enum len_mod len)
{
	switch (len) {
	case LEN_HH:
		return (signed char)raw;
	case LEN_H:
		return (short)raw;
	case LEN_NONE:
	case LEN_BIG_L:
		return (int)raw;
	default:
		return raw;
	}
}

static void format_wide_string(struct fmt_out *o, const struct fmt_spec *sp, const wchar_t *ws)
{
	/* measure first: the precision counts bytes and no character is split */
	size_t total = 0;
	char mb[4];
	for (const wchar_t *w = ws; *w; w++) {
		size_t n = wcrtomb(mb, *w, NULL);
		if (n == (size_t)-1) {
			o->error = EILSEQ;
			return;
		}
		if (sp->prec >= 0 && total + n > (size_t)sp->prec)
			break;
		total += n;
	}
	long pad = sp->width > (long)total ? sp->width - (long)total : 0;
	if (!(sp->flags & FL_MINUS))
		__relibc_out_pad(o, ' ', pad);
	size_t done = 0;
	for (const wchar_t *w = ws; done < total; w++) {
		size_t n = wcrtomb(mb, *w, NULL);
		__relibc_out(o, mb, n);
		done += n;
	}
	if (sp->flags & FL_MINUS)
		__relibc_out_pad(o, ' ', pad);
}

static void store_count(void *p, enum len_mod len, size_t count)
{
	switch (len) {
	case LEN_HH:
		*(signed char *)p = (signed char)count;
		break;
	case LEN_H:
		*(short *)p = (short)count;
		break;
	case LEN_L:
	case LEN_Z:
	case LEN_T:
		*(long *)p = (long)count;
		break;
	case LEN_LL:
	case LEN_J:
		*(long long *)p = (long long)count;
		break;
	default:
		*(int *)p = (int)count;
	}
}

static void convert(struct fmt_out *o, struct conv *c, struct args *a)
{
	struct fmt_spec *sp = &c->sp;
	if (c->width_star) {
		int w = (int)get_int(a, c->widthpos);
		if (w < 0) {
			sp->flags |= FL_MINUS;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		sp->width = w;
	}
	if (c->prec_star) {
		int pr = (int)get_int(a, c->precpos);
		sp->prec = pr < 0 ? -1 : pr;
	}
	enum arg_type t = type_for(sp->conv, c->len);
	union arg v = {0};
	if (t != ARG_NONE)
		get(a, c->argpos, t, &v);
	switch (sp->conv) {
	case 'd':
	case 'i': {
		intmax_t x = signed_value(v.i, c->len);
		format_int(o, sp, x < 0 ? -(uintmax_t)x : (uintmax_t)x, x < 0);
		break;
	}
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		sp->flags &= ~(FL_PLUS | FL_SPACE);
		format_int(o, sp, unsigned_value(v.i, c->len), 0);
		break;
	case 'p':
		if (!v.p) {
			sp->prec = -1;
			pad_and_out(o, sp, "(nil)", 5);
			break;
		}
		sp->flags |= FL_HASH;
		format_int(o, sp, (uintptr_t)v.p, 0);
		break;
	case 'c':
		if (c->len == LEN_L) {
			char mb[4];
			size_t n = wcrtomb(mb, (wchar_t)v.i, NULL);
			if (n == (size_t)-1) {
				o->error = EILSEQ;
				break;
			}
			pad_and_out(o, sp, mb, n);
		} else {
			char ch = (char)v.i;
			pad_and_out(o, sp, &ch, 1);
		}
		break;
	case 's':
		if (c->len == LEN_L && v.p) {
			format_wide_string(o, sp, v.p);
		} else {
			const char *s = v.p ? v.p : "(null)";
			size_t n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
			pad_and_out(o, sp, s, n);
		}
		break;
	case 'm': {
		const char *s = strerror(errno);
		pad_and_out(o, sp, s, strlen(s));
		break;
	}
	case 'n':
		store_count(v.p, c->len, o->count);
		break;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A':
		__relibc_format_float(o, t == ARG_LDOUBLE ? (double)v.ld : v.d, sp);
		break;
	default:
		/* not a conversion: print it as written */
		__relibc_out(o, "%", 1);
		if (sp->conv)
			__relibc_out(o, &sp->conv, 1);
		break;
	}
}

int __relibc_vformat(struct __relibc_sink *sink, const char *fmt, va_list ap)
{
	struct fmt_out o = {sink, 0, 0};
	struct args a;
	union arg pos[NL_ARGMAX + 1];
	va_copy(a.ap, ap);
	a.pos = NULL;
	const char *first = strchr(fmt, '%');
	if (first && first[1] >= '1' && first[1] <= '9') {
		const char *q = first + 1;
		if (parse_pos(&q)) {
			if (collect_positional(fmt, &a.ap, pos) < 0) {
				va_end(a.ap);
				errno = EINVAL;
				return -1;
			}
			a.pos = pos;
		}
	}
	const char *p = fmt;
	while (*p) {
		const char *pct = strchrnul(p, '%');
		__relibc_out(&o, p, (size_t)(pct - p));
		if (!*pct)
			break;
		if (pct[1] == '%') {
			__relibc_out(&o, "%", 1);
			p = pct + 2;
			continue;
		}
		struct conv c;
		p = parse_conv(pct + 1, &c);
		convert(&o, &c, &a);
	}
	va_end(a.ap);
	if (o.error) {
		errno = o.error;
		return -1;
	}
	if (o.count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o.count;
}
