/*
 * The scanf engine. Input comes one byte at a time from a source
 * (format.h) with one byte of push-back, so the same code serves strings
 * now and FILE streams later. Numbers are gathered as the longest prefix
 * of a valid numeral (bounded by the field width) and then converted by
 * strtoull/strtod, so scanf and strto* agree.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <wchar.h>
#include "internal/format.h"

struct in {
	struct __relibc_source *src;
	size_t count; /* bytes consumed, for %n */
	long width;   /* bytes the current field may still take */
};

static int get(struct in *in)
{
	if (in->width == 0)
		return -1;
	int c = in->src->getc(in->src);
	if (c >= 0) {
		in->count++;
		if (in->width > 0)
			in->width--;
	}
	return c;
}

static void unget(struct in *in, int c)
{
	if (c < 0)
		return;
	in->src->ungetc(in->src, c);
	in->count--;
	if (in->width >= 0)
		in->width++;
}

/* returns the first byte that is not white space (pushed back), or -1 */
static int skip_space(struct in *in)
{
	long w = in->width;
	in->width = -1;
	int c;
	while ((c = get(in)) >= 0 && isspace(c))
		;
	unget(in, c);
	in->width = w;
	return c;
}

/* a growable byte buffer for the text of one number or string */
struct text {
	char *p;
	size_t len, cap;
	char local[128];
	int failed;
};

static void text_init(struct text *t)
{
	t->p = t->local;
	t->len = 0;
	t->cap = sizeof t->local;
	t->failed = 0;
}

static void text_add(struct text *t, int c)
{
	if (t->len + 1 >= t->cap) {
		size_t cap = t->cap * 2;
		char *n = t->p == t->local ? malloc(cap) : realloc(t->p, cap);
		if (!n) {
			t->failed = 1;
			return;
		}
		if (t->p == t->local)
			memcpy(n, t->local, t->len);
		t->p = n;
		t->cap = cap;
	}
	t->p[t->len++] = (char)c;
	t->p[t->len] = 0;
}

static void text_free(struct text *t)
{
	if (t->p != t->local)
		free(t->p);
}

static int digit_in_base(int c, int base)
{
	int d = c >= '0' && c <= '9'   ? c - '0'
	        : c >= 'a' && c <= 'z' ? c - 'a' + 10
	        : c >= 'A' && c <= 'Z' ? c - 'A' + 10
	                               : 99;
	return d < base;
}

/* gathers an integer numeral; returns the base, 0 on a matching failure */
static int gather_int(struct in *in, struct text *t, int base)
{
	int c = get(in), digits = 0;
	if (c == '+' || c == '-') {
		text_add(t, c);
		c = get(in);
	}
	if ((base == 0 || base == 16) && c == '0') {
		text_add(t, c);
		digits = 1;
		c = get(in);
		if (c == 'x' || c == 'X') {
			text_add(t, c);
			base = 16;
			c = get(in);
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (c >= 0 && digit_in_base(c, base)) {
		text_add(t, c);
		digits++;
		c = get(in);
	}
	unget(in, c);
	return digits ? base : 0;
}

/* matches `word` case-insensitively, already past its first byte */
static int match_word(struct in *in, struct text *t, const char *word)
{
	for (const char *w = word; *w; w++) {
		int c = get(in);
		if (c < 0 || tolower(c) != *w) {
			unget(in, c);
			return 0;
		}
		text_add(t, c);
	}
	return 1;
}

/* gathers a floating numeral; returns 0 on a matching failure */
static int gather_float(struct in *in, struct text *t)
{
	int c = get(in);
	if (c == '+' || c == '-') {
		text_add(t, c);
		c = get(in);
	}
	if (c == 'i' || c == 'I') {
		text_add(t, c);
		if (!match_word(in, t, "nf"))
			return 0;
		/* "inf" is complete; "inity" is optional but all or nothing */
		c = get(in);
		if (c != 'i' && c != 'I') {
			unget(in, c);
			return 1;
		}
		text_add(t, c);
		return match_word(in, t, "nity");
	}
	if (c == 'n' || c == 'N') {
		text_add(t, c);
		if (!match_word(in, t, "an"))
			return 0;
		c = get(in);
		if (c != '(') {
			unget(in, c);
			return 1;
		}
		text_add(t, c);
		while ((c = get(in)) >= 0 && (isalnum(c) || c == '_'))
			text_add(t, c);
		if (c != ')')
			return 0;
		text_add(t, c);
		return 1;
	}
	int base = 10, digits = 0;
	if (c == '0') {
		text_add(t, c);
		digits = 1;
		c = get(in);
		if (c == 'x' || c == 'X') {
			text_add(t, c);
			base = 16;
			digits = 0;
			c = get(in);
		}
	}
	while (c >= 0 && digit_in_base(c, base)) {
		text_add(t, c);
		digits++;
		c = get(in);
	}
	if (c == '.') {
		text_add(t, c);
		c = get(in);
		while (c >= 0 && digit_in_base(c, base)) {
			text_add(t, c);
			digits++;
			c = get(in);
		}
	}
	if (!digits) {
		unget(in, c);
		return 0;
	}
	if (c >= 0 && tolower(c) == (base == 16 ? 'p' : 'e')) {
		text_add(t, c);
		c = get(in);
		if (c == '+' || c == '-') {
			text_add(t, c);
			c = get(in);
		}
		if (c < 0 || !isdigit(c)) {
			unget(in, c);
			return 0; /* "1e" is not a number */
		}
		while (c >= 0 && isdigit(c)) {
			text_add(t, c);
			c = get(in);
		}
	}
	unget(in, c);
	return 1;
}

enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

static void store_int(void *p, enum len_mod len, unsigned long long v)
{
	switch (len) {
	case LEN_HH:
		*(char *)p = (char)v;
		break;
	case LEN_H:
		*(short *)p = (short)v;
		break;
	case LEN_L:
	case LEN_Z:
	case LEN_T:
		*(long *)p = (long)v;
		break;
	case LEN_LL:
	case LEN_J:
		*(long long *)p = (long long)v;
		break;
	default:
		*(int *)p = (int)v;
	}
}

/* the scanset of a %[ conversion; returns the format after the ']' */
static const char *parse_set(const char *f, uint64_t set[4])
{
	int invert = 0;
	set[0] = set[1] = set[2] = set[3] = 0;
	if (*f == '^') {
		invert = 1;
		f++;
	}
	const char *start = f;
	for (; *f && (*f != ']' || f == start); f++) {
		unsigned char lo = (unsigned char)*f, hi = lo;
		if (f[1] == '-' && f[2] && f[2] != ']' && (unsigned char)f[2] >= lo) {
			hi = (unsigned char)f[2];
			f += 2;
		}
		for (unsigned c = lo; c <= hi; c++)
			set[c >> 6] |= 1ULL << (c & 63);
	}
	if (invert) {
		for (int i = 0; i < 4; i++)
			set[i] = ~set[i];
	}
	return *f ? f + 1 : f;
}

/* stores one byte or wide char of a %s %c %[ string into the destination */
struct dest {
	char *p;
	wchar_t *w;
	char **alloc_out; /* 'm': the buffer is ours to grow */
	size_t n, cap, elem;
	mbstate_t mb;
	int fail;
};

static void dest_put(struct dest *d, int c)
{
	if (!d->p && !d->w)
		return;
	if (d->alloc_out && (d->n + 2) * d->elem > d->cap) {
		size_t cap = d->cap * 2;
		char *n = realloc(d->p ? d->p : (char *)d->w, cap);
		if (!n) {
			d->fail = 1;
			return;
		}
		d->cap = cap;
		if (d->w)
			d->w = (wchar_t *)n;
		else
			d->p = n;
	}
	if (d->w) {
		char b = (char)c;
		wchar_t wc;
		size_t r = mbrtowc(&wc, &b, 1, &d->mb);
		if (r == (size_t)-1) {
			d->fail = 1;
		} else if (r != (size_t)-2) {
			d->w[d->n++] = r ? wc : 0;
		}
		return;
	}
	d->p[d->n++] = (char)c;
}

int __relibc_vscan(struct __relibc_source *src, const char *fmt, va_list ap_in)
{
	struct in in = {src, 0, -1};
	int assigned = 0, converted = 0;
	va_list ap;
	va_copy(ap, ap_in);
	const unsigned char *f = (const unsigned char *)fmt;
	while (*f) {
		if (isspace(*f)) {
			skip_space(&in);
			f++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%') {
				f++;
				skip_space(&in);
			}
			in.width = -1;
			int c = get(&in);
			if (c != *f) {
				unget(&in, c);
				if (c < 0 && !converted)
					assigned = -1;
				goto done;
			}
			f++;
			continue;
		}
		f++;
		int suppress = 0, alloc = 0;
		if (*f == '*') {
			suppress = 1;
			f++;
		}
		long width = -1;
		if (isdigit(*f)) {
			width = 0;
			while (isdigit(*f))
				width = width * 10 + (*f++ - '0');
		}
		if (*f == 'm') {
			alloc = 1;
			f++;
		}
		enum len_mod len = LEN_NONE;
		switch (*f) {
		case 'h':
			len = f[1] == 'h' ? LEN_HH : LEN_H;
			f += len == LEN_HH ? 2 : 1;
			break;
		case 'l':
			len = f[1] == 'l' ? LEN_LL : LEN_L;
			f += len == LEN_LL ? 2 : 1;
			break;
		case 'q':
			len = LEN_LL;
			f++;
			break;
		case 'L':
			len = LEN_BIG_L;
			f++;
			break;
		case 'j':
			len = LEN_J;
			f++;
			break;
		case 'z':
			len = LEN_Z;
			f++;
			break;
		case 't':
			len = LEN_T;
			f++;
			break;
		}
		int conv = *f++;
		if (conv == 0)
			goto done;
		if (conv == 'n') {
			if (!suppress)
				store_int(va_arg(ap, void *), len, in.count);
			continue;
		}
		if (conv != 'c' && conv != '[') {
			if (skip_space(&in) < 0) {
				if (!converted)
					assigned = -1;
				goto done;
			}
		}
		in.width = width == 0 ? -1 : width;
		switch (conv) {
		case 'd':
		case 'i':
		case 'o':
		case 'u':
		case 'x':
		case 'X':
		case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10
			           : conv == 'i'              ? 0
			           : conv == 'o'              ? 8
			                                      : 16;
			struct text t;
			text_init(&t);
			int peek = get(&in);
			unget(&in, peek);
			base = gather_int(&in, &t, base);
			if (!base || t.failed) {
				text_free(&t);
				if (peek < 0 && !converted)
					assigned = -1;
				goto done;
			}
			/* out of range saturates, as strtoll/strtoull do (and glibc) */
			unsigned long long v = conv == 'd' || conv == 'i'
			                           ? (unsigned long long)strtoll(t.p, NULL, base)
			                           : strtoull(t.p, NULL, base);
			text_free(&t);
			if (!suppress) {
				if (conv == 'p')
					*va_arg(ap, void **) = (void *)(uintptr_t)v;
				else
					store_int(va_arg(ap, void *), len, v);
				assigned++;
			}
			break;
		}
		case 'a':
		case 'A':
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G': {
			struct text t;
			text_init(&t);
			int ok = gather_float(&in, &t);
			if (!ok || t.failed) {
				text_free(&t);
				goto done;
			}
			if (!suppress) {
				void *p = va_arg(ap, void *);
				if (len == LEN_L)
					*(double *)p = strtod(t.p, NULL);
				else if (len == LEN_BIG_L)
					*(long double *)p = strtold(t.p, NULL);
				else
					*(float *)p = strtof(t.p, NULL);
				assigned++;
			}
			text_free(&t);
			break;
		}
		case 's':
		case 'c':
		case '[': {
			uint64_t set[4];
			if (conv == '[') {
				f = (const unsigned char *)parse_set((const char *)f, set);
			} else if (conv == 'c') {
				if (width < 0)
					in.width = 1;
			}
			struct dest d = {0};
			d.elem = len == LEN_L ? sizeof(wchar_t) : 1;
			if (!suppress) {
				void *p = va_arg(ap, void *);
				if (alloc) {
					d.alloc_out = p;
					d.cap = 32 * d.elem;
					void *buf = malloc(d.cap);
					if (!buf)
						goto done;
					if (len == LEN_L)
						d.w = buf;
					else
						d.p = buf;
				} else if (len == LEN_L) {
					d.w = p;
				} else {
					d.p = p;
				}
			}
			size_t got = 0;
			int c;
			while ((c = get(&in)) >= 0) {
				int ok = conv == 'c'   ? 1
				         : conv == 's' ? !isspace(c)
				                       : (int)((set[c >> 6] >> (c & 63)) & 1);
				if (!ok) {
					unget(&in, c);
					break;
				}
				dest_put(&d, c);
				got++;
			}
			if (got == 0 || d.fail || (conv == 'c' && width > 0 && in.width > 0)) {
				if (d.alloc_out)
					free(d.p ? (void *)d.p : (void *)d.w);
				if (c < 0 && got == 0 && !converted)
					assigned = -1;
				goto done;
			}
			if (conv != 'c')
				dest_put(&d, 0);
			if (d.alloc_out)
				*d.alloc_out = d.p ? d.p : (char *)d.w;
			if (!suppress)
				assigned++;
			break;
		}
		default:
			goto done;
		}
		converted = 1;
		in.width = -1;
	}
done:
	va_end(ap);
	return assigned;
}
