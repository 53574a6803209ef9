/*
 * fmod, remainder and remquo, exactly: the mantissas are divided as
 * integers one bit of exponent difference at a time (the remainder of
 * floating-point division is always representable).
 */
#include <math.h>
#include <stdint.h>
#include "math/math_internal.h"

/* mantissa and exponent of a finite nonzero |x|: |x| = m * 2^e, m < 2^53 */
static uint64_t decompose(double x, int *e)
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

/*
 * |x| mod |y| for finite x, nonzero finite y, and the low bits of the
 * integer quotient in *q.
 */
static double mod_abs(double x, double y, uint64_t *q)
{
	int ex, ey;
	uint64_t mx = decompose(x, &ex), my = decompose(y, &ey);
	*q = 0;
	if (mx == 0)
		return 0;
	/* normalize both to 53 bits so each step shifts one exponent unit */
	while (!(mx >> 52)) {
		mx <<= 1;
		ex--;
	}
	while (!(my >> 52)) {
		my <<= 1;
		ey--;
	}
	if (ex < ey)
		return fabs(x);
	uint64_t quot = 0;
	for (; ex > ey; ex--) {
		if (mx >= my) {
			mx -= my;
			quot |= 1;
		}
		mx <<= 1;
		quot <<= 1;
	}
	if (mx >= my) {
		mx -= my;
		quot |= 1;
	}
	*q = quot;
	if (mx == 0)
		return 0;
	return ldexp((double)mx, ey);
}

double fmod(double x, double y)
{
	if (isnan(x) || isnan(y) || isinf(x) || y == 0)
		return (x * y) / (x * y);
	if (isinf(y))
		return x;
	uint64_t q;
	return copysign(mod_abs(x, y, &q), x);
}

double remquo(double x, double y, int *quo)
{
	*quo = 0;
	if (isnan(x) || isnan(y) || isinf(x) || y == 0)
		return (x * y) / (x * y);
	if (isinf(y))
		return x;
	uint64_t q;
	double ay = fabs(y);
	double r = mod_abs(x, y, &q);
	/* round the quotient to nearest, ties to even: r -> r - |y|; halving
	 * is exact for big |y|, doubling for tiny ones */
	int cmp = ay >= 0x1p-1021 ? (r > ay / 2) - (r < ay / 2) : (2 * r > ay) - (2 * r < ay);
	if (cmp > 0 || (cmp == 0 && (q & 1))) {
		r -= ay;
		q++;
	}
	int sign = signbit(x) != signbit(y);
	*quo = (int)(q & 0x7fffffff) * (sign ? -1 : 1);
	return signbit(x) ? -r : r;
}

double remainder(double x, double y)
{
	int q;
	return remquo(x, y, &q);
}
