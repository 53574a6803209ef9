/*
 * Decimal/hex numeral -> binary floating point, correctly rounded.
 *
 * A decimal numeral D * 10^E becomes the fraction num/den * 2^e2 (the
 * powers of five go to num or den, the powers of two to e2). Scaling by a
 * power of two makes the quotient a (prec+3)-bit integer; one long
 * division gives it and the remainder, whose being nonzero is the sticky
 * bit; rounding once from there is exact. At most MAX_DIGITS significant
 * digits are kept: past them only "is anything nonzero" matters, which a
 * trailing 1 digit stands for.
 */
#include "internal/fpconv.h"
#include "internal/bigint.h"
#include <string.h>

#define MAX_DIGITS 800

const struct fp_format __relibc_fmt_float = {24, -126, 127};
const struct fp_format __relibc_fmt_double = {53, -1022, 1023};
const struct fp_format __relibc_fmt_ldouble = {64, -16382, 16383};

static int bitlen128(unsigned __int128 q)
{
	uint64_t hi = (uint64_t)(q >> 64), lo = (uint64_t)q;
	if (hi)
		return 128 - __builtin_clzll(hi);
	return lo ? 64 - __builtin_clzll(lo) : 0;
}

struct fp_value __relibc_round_binary(unsigned __int128 q, int sticky, long e2,
                                      const struct fp_format *fmt)
{
	struct fp_value v = {FP_CLASS_ZERO, 0, 0, 0};
	if (q == 0) {
		v.range_error = sticky;
		return v;
	}
	int len = bitlen128(q);
	long lead = len - 1 + e2;
	if (lead > fmt->emax)
		goto overflow;
	long keep = fmt->prec;
	if (lead < fmt->emin)
		keep -= fmt->emin - lead;
	long drop = len - keep;
	unsigned __int128 m;
	int inexact = sticky;
	if (drop <= 0) {
		m = q << -drop;
	} else if (drop > len) {
		/* below half the smallest subnormal */
		m = 0;
		inexact = 1;
	} else {
		m = drop < 128 ? q >> drop : 0;
		int guard = (int)(q >> (drop - 1)) & 1;
		unsigned __int128 rest_mask = ((unsigned __int128)1 << (drop - 1)) - 1;
		int rest = (q & rest_mask) != 0 || sticky;
		inexact = guard || rest;
		if (guard && (rest || (m & 1)))
			m++;
	}
	long exp = e2 + drop;
	if (m >> fmt->prec) {
		/* rounding carried into a new leading bit */
		m >>= 1;
		exp++;
		if (exp + fmt->prec - 1 > fmt->emax)
			goto overflow;
	}
	uint64_t mant = (uint64_t)m;
	v.range_error = inexact && (lead < fmt->emin || mant == 0);
	if (mant == 0)
		return v;
	v.cls = FP_CLASS_FINITE;
	v.mant = mant;
	v.exp = (int)exp;
	return v;
overflow:
	v.cls = FP_CLASS_INF;
	v.range_error = 1;
	return v;
}

struct fp_value __relibc_decimal_to_binary(const char *digits, int nd, long dexp,
                                           const struct fp_format *fmt)
{
	struct fp_value v = {FP_CLASS_ZERO, 0, 0, 0};
	/* bounds in decimal orders of magnitude, with a margin: value < 10^(nd+dexp) */
	long top = nd + dexp;
	if (top - 1 > (long)(fmt->emax * 0.30103) + 1) {
		v.cls = FP_CLASS_INF;
		v.range_error = 1;
		return v;
	}
	if (top < (long)((fmt->emin - fmt->prec) * 0.30103) - 1) {
		v.range_error = 1;
		return v;
	}
	big_t num, den;
	__relibc_big_set(&num, 0);
	for (int i = 0; i < nd;) {
		uint32_t chunk = 0, scale = 1;
		for (int k = 0; k < 9 && i < nd; k++, i++) {
			chunk = chunk * 10 + (uint32_t)(digits[i] - '0');
			scale *= 10;
		}
		__relibc_big_mul_small(&num, scale);
		__relibc_big_add_small(&num, chunk);
	}
	__relibc_big_set(&den, 1);
	long e2 = dexp;
	if (dexp >= 0)
		__relibc_big_mul_pow5(&num, (unsigned)dexp);
	else
		__relibc_big_mul_pow5(&den, (unsigned)-dexp);
	int k = fmt->prec + 3;
	long s = k - (__relibc_big_bitlen(&num) - __relibc_big_bitlen(&den));
	if (s > 0)
		__relibc_big_shl(&num, (unsigned)s);
	else if (s < 0)
		__relibc_big_shl(&den, (unsigned)-s);
	e2 -= s;
	/* num/den < 2^(k+1): find the quotient bit by bit */
	__relibc_big_shl(&den, (unsigned)k + 1);
	unsigned __int128 q = 0;
	for (int i = k; i >= 0; i--) {
		__relibc_big_shr1(&den);
		if (__relibc_big_cmp(&num, &den) >= 0) {
			__relibc_big_sub(&num, &den);
			q |= (unsigned __int128)1 << i;
		}
	}
	return __relibc_round_binary(q, num.n != 0, e2, fmt);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int prefix_ci(const char *s, const char *word)
{
	size_t i = 0;
	for (; word[i]; i++) {
		if (lower((unsigned char)s[i]) != word[i])
			return 0;
	}
	return 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* the decimal exponent digits after 'e' or 'p'; saturates far out of range */
static size_t parse_exponent(const char *s, long *out)
{
	size_t i = 0;
	int neg = 0;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	if (!isdig((unsigned char)s[i]))
		return 0;
	long e = 0;
	for (; isdig((unsigned char)s[i]); i++) {
		if (e < 100000000)
			e = e * 10 + (s[i] - '0');
	}
	*out = neg ? -e : e;
	return i;
}

static size_t parse_hex(const char *s, const struct fp_format *fmt, struct fp_value *v)
{
	size_t i = 2;
	unsigned __int128 q = 0;
	int sticky = 0, any = 0, seen_point = 0;
	long e2 = 0;
	for (;; i++) {
		if (s[i] == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		int h = hexval((unsigned char)s[i]);
		if (h < 0)
			break;
		any = 1;
		if (q >> 120) {
			/* no room: the digit only matters as "nonzero" */
			sticky |= h != 0;
			if (!seen_point)
				e2 += 4;
		} else {
			q = (q << 4) | (unsigned)h;
			if (seen_point)
				e2 -= 4;
		}
	}
	if (!any)
		return 0;
	if (lower((unsigned char)s[i]) == 'p') {
		long e;
		size_t n = parse_exponent(s + i + 1, &e);
		if (n) {
			e2 += e;
			i += 1 + n;
		}
	}
	*v = __relibc_round_binary(q, sticky, e2, fmt);
	return i;
}

size_t __relibc_parse_float(const char *s, const struct fp_format *fmt, struct fp_value *v,
                            int *is_nan)
{
	*is_nan = 0;
	v->cls = FP_CLASS_ZERO;
	v->range_error = 0;
	if (prefix_ci(s, "inf")) {
		v->cls = FP_CLASS_INF;
		return prefix_ci(s, "infinity") ? 8 : 3;
	}
	if (prefix_ci(s, "nan")) {
		*is_nan = 1;
		size_t i = 3;
		if (s[i] == '(') {
			size_t j = i + 1;
			while (isdig((unsigned char)s[j]) ||
			       (lower((unsigned char)s[j]) >= 'a' &&
			        lower((unsigned char)s[j]) <= 'z') ||
			       s[j] == '_')
				j++;
			if (s[j] == ')')
				i = j + 1;
		}
		return i;
	}
	if (s[0] == '0' && lower((unsigned char)s[1]) == 'x') {
		size_t n = parse_hex(s, fmt, v);
		if (n)
			return n;
		return 1; /* just the "0" */
	}
	char digits[MAX_DIGITS + 2];
	int nd = 0, any = 0, seen_point = 0, sticky = 0;
	long dexp = 0;
	size_t i = 0;
	for (;; i++) {
		if (s[i] == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (!isdig((unsigned char)s[i]))
			break;
		any = 1;
		if (nd == 0 && s[i] == '0') {
			if (seen_point)
				dexp--;
			continue;
		}
		if (nd < MAX_DIGITS) {
			digits[nd++] = s[i];
			if (seen_point)
				dexp--;
		} else {
			sticky |= s[i] != '0';
			if (!seen_point)
				dexp++;
		}
	}
	if (!any)
		return 0;
	if (lower((unsigned char)s[i]) == 'e') {
		long e;
		size_t n = parse_exponent(s + i + 1, &e);
		if (n) {
			dexp += e;
			i += 1 + n;
		}
	}
	if (nd == 0)
		return i;
	if (sticky) {
		digits[nd++] = '1';
		dexp--;
	}
	/* exact fast path: both factors are exact doubles, one rounding */
	if (fmt == &__relibc_fmt_double && nd <= 15 && dexp >= -22 && dexp <= 22) {
		static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
		                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
		int64_t m = 0;
		for (int k = 0; k < nd; k++)
			m = m * 10 + (digits[k] - '0');
		volatile double d = (double)m;
		d = dexp >= 0 ? d * p10[dexp] : d / p10[-dexp];
		uint64_t bits;
		double dd = d;
		memcpy(&bits, &dd, 8);
		int be = (int)(bits >> 52);
		v->cls = FP_CLASS_FINITE;
		v->mant = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
		v->exp = be - 1075;
		return i;
	}
	*v = __relibc_decimal_to_binary(digits, nd, dexp, fmt);
	return i;
}
