/*
 * Floating-point conversions of printf (%e %f %g %a, any case).
 *
 * A double is m * 2^e exactly, so its decimal expansion is finite: for
 * e >= 0 it is the integer m * 2^e, otherwise m * 5^-e shifted -e places
 * right. That integer is computed in base 10^9 (at most 767 digits for
 * the smallest subnormal), then rounded once, half to even, at the digit
 * the format asks for. Every printed digit is therefore exact.
 */
#include <stdint.h>
#include <string.h>
#include "internal/format.h"

#define LIMBS      96 /* 96 * 9 = 864 digits >= 767 */
#define MAX_DIGITS 880

struct decimal {
	char d[MAX_DIGITS];
	int nd;    /* digits in d; 0 means the value is zero */
	int point; /* value = 0.d[0]d[1]... * 10^point */
};

static void mul_small(uint32_t *limb, int *n, uint32_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < *n; i++) {
		uint64_t t = (uint64_t)limb[i] * m + carry;
		limb[i] = (uint32_t)(t % 1000000000u);
		carry = t / 1000000000u;
	}
	while (carry) {
		limb[(*n)++] = (uint32_t)(carry % 1000000000u);
		carry /= 1000000000u;
	}
}

/* exact digits of a positive finite double */
static void exact_decimal(double v, struct decimal *dec)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	int be = (int)(bits >> 52) & 0x7ff;
	uint64_t m = bits & ((1ULL << 52) - 1);
	int e;
	if (be) {
		m |= 1ULL << 52;
		e = be - 1075;
	} else {
		e = -1074;
	}
	uint32_t limb[LIMBS];
	int n = 0;
	for (uint64_t x = m; x; x /= 1000000000u)
		limb[n++] = (uint32_t)(x % 1000000000u);
	if (e >= 0) {
		for (int k = e; k > 0; k -= 29)
			mul_small(limb, &n, 1u << (k < 29 ? k : 29));
	} else {
		for (int k = -e; k > 0; k -= 13) {
			static const uint32_t p5[14] = {
			    1,     5,      25,      125,     625,      3125,      15625,
			    78125, 390625, 1953125, 9765625, 48828125, 244140625, 1220703125};
			mul_small(limb, &n, p5[k < 13 ? k : 13]);
		}
	}
	/* limbs to characters: the top limb unpadded, the rest 9 digits each */
	char *d = dec->d;
	char tmp[10];
	int t = 0;
	for (uint32_t x = limb[n - 1]; x; x /= 10)
		tmp[t++] = (char)('0' + x % 10);
	int nd = 0;
	while (t)
		d[nd++] = tmp[--t];
	for (int i = n - 2; i >= 0; i--) {
		uint32_t x = limb[i];
		for (int k = 8; k >= 0; k--) {
			d[nd + k] = (char)('0' + x % 10);
			x /= 10;
		}
		nd += 9;
	}
	dec->point = e >= 0 ? nd : nd + e;
	while (nd > 0 && d[nd - 1] == '0')
		nd--;
	dec->nd = nd;
}

/* keeps the first `keep` digits, rounding half to even */
static void round_to(struct decimal *dec, int keep)
{
	if (keep >= dec->nd)
		return;
	if (keep < 0) {
		dec->nd = 0;
		return;
	}
	char r = dec->d[keep];
	int rest = 0;
	for (int i = keep + 1; i < dec->nd; i++) {
		if (dec->d[i] != '0') {
			rest = 1;
			break;
		}
	}
	int odd = keep > 0 && ((dec->d[keep - 1] - '0') & 1);
	int up = r > '5' || (r == '5' && (rest || odd));
	dec->nd = keep;
	if (up) {
		int i = keep - 1;
		while (i >= 0 && dec->d[i] == '9')
			i--;
		if (i < 0) {
			/* 99.9 -> 100: one digit, one more place */
			dec->d[0] = '1';
			dec->nd = 1;
			dec->point++;
		} else {
			dec->d[i]++;
			dec->nd = i + 1;
		}
	}
	while (dec->nd > 0 && dec->d[dec->nd - 1] == '0')
		dec->nd--;
}

/* the digits at positions [a, b) of the expansion (zeros outside it) */
static void out_digits(struct fmt_out *o, const struct decimal *dec, long a, long b)
{
	if (a >= b)
		return;
	if (a < 0) {
		long z = b < 0 ? b - a : -a;
		__relibc_out_pad(o, '0', z);
		a += z;
		if (a >= b)
			return; /* all zeros: no digit pointer to form */
	}
	if (a < dec->nd) {
		long e = b < dec->nd ? b : dec->nd;
		__relibc_out(o, dec->d + a, (size_t)(e - a));
		a = e;
	}
	__relibc_out_pad(o, '0', b - a);
}

struct layout {
	char prefix[4];
	size_t plen;
	long len; /* everything after the prefix */
};

static void emit_padded_start(struct fmt_out *o, const struct fmt_spec *sp, struct layout *l,
                              int zero_ok)
{
	long total = (long)l->plen + l->len;
	long pad = sp->width > total ? sp->width - total : 0;
	if (!(sp->flags & FL_MINUS) && !(zero_ok && (sp->flags & FL_ZERO)))
		__relibc_out_pad(o, ' ', pad);
	__relibc_out(o, l->prefix, l->plen);
	if (!(sp->flags & FL_MINUS) && zero_ok && (sp->flags & FL_ZERO))
		__relibc_out_pad(o, '0', pad);
}

static void emit_padded_end(struct fmt_out *o, const struct fmt_spec *sp, struct layout *l)
{
	long total = (long)l->plen + l->len;
	if ((sp->flags & FL_MINUS) && sp->width > total)
		__relibc_out_pad(o, ' ', sp->width - total);
}

static int exp_digits(int x, char *buf, int min_digits)
{
	/* sign and at least min_digits digits */
	int n = 0;
	buf[n++] = x < 0 ? '-' : '+';
	unsigned u = x < 0 ? (unsigned)-x : (unsigned)x;
	char tmp[8];
	int t = 0;
	do {
		tmp[t++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (t < min_digits)
		tmp[t++] = '0';
	while (t)
		buf[n++] = tmp[--t];
	return n;
}

static void format_fixed(struct fmt_out *o, const struct fmt_spec *sp, struct layout *l,
                         const struct decimal *dec, long prec, int point_always)
{
	long ilen = dec->point > 0 ? dec->point : 1;
	int dot = prec > 0 || point_always;
	l->len = ilen + dot + prec;
	emit_padded_start(o, sp, l, 1);
	if (dec->point > 0)
		out_digits(o, dec, 0, dec->point);
	else
		__relibc_out(o, "0", 1);
	if (dot)
		__relibc_out(o, ".", 1);
	out_digits(o, dec, dec->point, dec->point + prec);
	emit_padded_end(o, sp, l);
}

static void format_exp(struct fmt_out *o, const struct fmt_spec *sp, struct layout *l,
                       const struct decimal *dec, long prec, int point_always, char e)
{
	int x = dec->nd ? dec->point - 1 : 0;
	char ebuf[8];
	int elen = exp_digits(x, ebuf, 2);
	int dot = prec > 0 || point_always;
	l->len = 1 + dot + prec + 1 + elen;
	emit_padded_start(o, sp, l, 1);
	out_digits(o, dec, 0, 1);
	if (dot)
		__relibc_out(o, ".", 1);
	out_digits(o, dec, 1, 1 + prec);
	__relibc_out(o, &e, 1);
	__relibc_out(o, ebuf, (size_t)elen);
	emit_padded_end(o, sp, l);
}

static void format_hex(struct fmt_out *o, const struct fmt_spec *sp, struct layout *l, double v,
                       int upper)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	int be = (int)(bits >> 52) & 0x7ff;
	uint64_t frac = bits & ((1ULL << 52) - 1);
	unsigned lead = be ? 1 : 0;
	int x = be ? be - 1023 : (frac ? -1022 : 0);
	int ndig = 13;
	if (sp->prec >= 0 && sp->prec < 13) {
		/* round the 52 fraction bits to 4 * prec, half to even */
		int shift = 52 - 4 * sp->prec;
		uint64_t rem = frac & ((1ULL << shift) - 1), half = 1ULL << (shift - 1);
		frac >>= shift;
		/* the last kept digit is the leading one when no fraction is kept */
		int odd = sp->prec ? (int)(frac & 1) : (int)(lead & 1);
		if (rem > half || (rem == half && odd))
			frac++;
		if (frac >> (4 * sp->prec)) {
			lead++;
			frac = 0;
		}
		ndig = sp->prec;
		frac <<= shift;
	} else if (sp->prec < 0) {
		while (ndig > 0 && ((frac >> (52 - 4 * ndig)) & 15) == 0)
			ndig--;
	}
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char body[32];
	int n = 0;
	body[n++] = hex[lead];
	if (ndig > 0 || (sp->flags & FL_HASH) || sp->prec > 0)
		body[n++] = '.';
	for (int i = 0; i < ndig; i++)
		body[n++] = hex[(frac >> (48 - 4 * i)) & 15];
	long extra = sp->prec > 13 ? sp->prec - 13 : 0;
	char ebuf[8];
	int elen = exp_digits(x, ebuf, 1);
	l->prefix[l->plen++] = '0';
	l->prefix[l->plen++] = upper ? 'X' : 'x';
	l->len = n + extra + 1 + elen;
	emit_padded_start(o, sp, l, 1);
	__relibc_out(o, body, (size_t)n);
	__relibc_out_pad(o, '0', extra);
	__relibc_out(o, upper ? "P" : "p", 1);
	__relibc_out(o, ebuf, (size_t)elen);
	emit_padded_end(o, sp, l);
}

void __relibc_format_float(struct fmt_out *o, double v, const struct fmt_spec *sp)
{
	char conv = sp->conv;
	int upper = conv >= 'A' && conv <= 'Z';
	char lc = (char)(upper ? conv + 32 : conv);
	struct layout l = {{0}, 0, 0};
	if (__builtin_signbit(v))
		l.prefix[l.plen++] = '-';
	else if (sp->flags & FL_PLUS)
		l.prefix[l.plen++] = '+';
	else if (sp->flags & FL_SPACE)
		l.prefix[l.plen++] = ' ';
	double a = __builtin_fabs(v);
	if (__builtin_isnan(v) || __builtin_isinf(v)) {
		const char *s =
		    __builtin_isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
		l.len = 3;
		emit_padded_start(o, sp, &l, 0);
		__relibc_out(o, s, 3);
		emit_padded_end(o, sp, &l);
		return;
	}
	if (lc == 'a') {
		format_hex(o, sp, &l, a, upper);
		return;
	}
	struct decimal dec;
	dec.nd = 0;
	dec.point = 1;
	if (a != 0)
		exact_decimal(a, &dec);
	long prec = sp->prec < 0 ? 6 : sp->prec;
	int hash = (sp->flags & FL_HASH) != 0;
	if (lc == 'f') {
		long keep = dec.point + prec;
		round_to(&dec, (int)(keep > MAX_DIGITS ? MAX_DIGITS : keep));
		format_fixed(o, sp, &l, &dec, prec, hash);
	} else if (lc == 'e') {
		round_to(&dec, (int)(prec >= MAX_DIGITS ? MAX_DIGITS : prec + 1));
		format_exp(o, sp, &l, &dec, prec, hash, upper ? 'E' : 'e');
	} else {
		long p = prec == 0 ? 1 : prec;
		round_to(&dec, (int)(p > MAX_DIGITS ? MAX_DIGITS : p));
		int x = dec.nd ? dec.point - 1 : 0;
		if (p > x && x >= -4) {
			long fp = p - 1 - x;
			if (!hash) {
				long have = dec.nd - dec.point;
				fp = have < fp ? (have > 0 ? have : 0) : fp;
			}
			format_fixed(o, sp, &l, &dec, fp, hash);
		} else {
			long ep = p - 1;
			if (!hash)
				ep = dec.nd - 1 < ep ? (dec.nd > 1 ? dec.nd - 1 : 0) : ep;
			format_exp(o, sp, &l, &dec, ep, hash, upper ? 'E' : 'e');
		}
	}
}
