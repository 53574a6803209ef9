/*
 * fma(x, y, z) = x*y + z rounded once. The product of the two 53-bit
 * mantissas is exact in 128 bits; z is aligned to it (bits shifted out
 * are kept as a sticky bit, which is safe with 70 guard bits) and the
 * sum is rounded by the same routine strtod uses.
 */
#include <math.h>
#include <stdint.h>
#include "math/math_internal.h"
#include "internal/fpconv.h"

static uint64_t mantissa(double x, int *e)
{
	uint64_t i = asuint64(x);
	int be = (int)(i >> 52) & 0x7ff;
	uint64_t m = i & ((1ULL << 52) - 1);
	if (be) {
		m |= 1ULL << 52;
		*e = be - 1075;
	} else {
		*e = -1074;
	}
	return m;
}

static int bitlen(unsigned __int128 v)
{
	uint64_t hi = (uint64_t)(v >> 64);
	return hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll((uint64_t)v | 1);
}

/* shifts right, keeping whether anything nonzero fell off in bit 0 */
static unsigned __int128 shift_sticky(unsigned __int128 v, int n)
{
	if (n <= 0)
		return v;
	if (n >= 128)
		return v != 0;
	unsigned __int128 out = v >> n;
	return out | ((v & (((unsigned __int128)1 << n) - 1)) != 0);
}

double fma(double x, double y, double z)
{
	if (isinf(z) && isfinite(x) && isfinite(y))
		return z; /* even if x * y alone would overflow */
	if (!isfinite(x) || !isfinite(y) || !isfinite(z) || x == 0 || y == 0)
		return x * y + z; /* exact or special: the plain expression is right */
	if (z == 0)
		return x * y; /* one rounding; keeps the sign rules */
	int ex, ey, ez;
	unsigned __int128 p = (unsigned __int128)mantissa(x, &ex) * mantissa(y, &ey);
	unsigned __int128 q = mantissa(z, &ez);
	int ep = ex + ey;
	int sp = signbit(x) != signbit(y), sz = signbit(z) != 0;
	/* put both leading bits at bit 125, leaving room for a carry */
	int lp = bitlen(p), lq = bitlen(q);
	p <<= 125 - lp;
	ep -= 125 - lp;
	q <<= 125 - lq;
	ez -= 125 - lq;
	/* align the smaller exponent to the larger */
	if (ep >= ez) {
		q = shift_sticky(q, ep - ez);
		ez = ep;
	} else {
		p = shift_sticky(p, ez - ep);
		ep = ez;
	}
	unsigned __int128 r;
	int sr;
	if (sp == sz) {
		r = p + q;
		sr = sp;
	} else if (p >= q) {
		r = p - q;
		sr = sp;
	} else {
		r = q - p;
		sr = sz;
	}
	if (r == 0)
		return 0.0; /* exact cancellation: +0 when rounding to nearest */
	struct fp_value v = __relibc_round_binary(r, 0, ep, &__relibc_fmt_double);
	double res;
	if (v.cls == FP_CLASS_INF)
		res = 0x1p1023 * 2;
	else if (v.cls == FP_CLASS_ZERO)
		res = 0x1p-1022 * 0x1p-1022;
	else
		res = scalbn((double)(int64_t)v.mant, v.exp);
	return sr ? -res : res;
}
