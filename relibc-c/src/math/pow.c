/*
 * pow(x, y) = exp(y log|x|): log as double-double (relative error about
 * 2^-66), the product y log|x| as double-double, and exp of that sum, so
 * the result is within about 0.6 ulp and exact cases (pow(2, 10),
 * pow(10, 2)) are exact. The special values follow C99 Annex F.
 */
#include <math.h>
#include "math/math_internal.h"

/* 0: not an integer, 1: odd integer, 2: even integer */
static int int_kind(double y)
{
	if (!isfinite(y) || trunc(y) != y)
		return 0;
	if (fabs(y) >= 0x1p53)
		return 2;
	return ((long long)y & 1) ? 1 : 2;
}

double pow(double x, double y)
{
	if (y == 0 || x == 1)
		return 1;
	if (isnan(x) || isnan(y))
		return x + y;
	int yk = int_kind(y);
	double ax = fabs(x);
	if (x == 0) {
		if (y < 0)
			return yk == 1 ? 1 / x : 1 / ax; /* +-inf, divide by zero */
		return yk == 1 ? x : 0.0;
	}
	if (isinf(y)) {
		if (ax == 1)
			return 1;
		return (ax > 1) == (y > 0) ? INFINITY : 0.0;
	}
	if (isinf(x)) {
		double r = y < 0 ? 0.0 : INFINITY;
		return x < 0 && yk == 1 ? -r : r;
	}
	double sign = 1;
	if (x < 0) {
		if (!yk)
			return (x - x) / (x - x); /* NaN, invalid */
		if (yk == 1)
			sign = -1;
	}
	if (ax == 1)
		return sign; /* (-1)^integer; also keeps y * log from overflowing */
	dd_t l = __relibc_log_dd(ax);
	double p = y * l.hi;
	if (p > 710)
		return sign * 0x1p1023 * 0x1p1023; /* overflow */
	if (p < -746)
		return sign * 0x1p-1022 * 0x1p-1022; /* underflow */
	dd_t t = dd_mul_d(l, y);
	int k;
	dd_t e = __relibc_exp_core(t.hi, t.lo, &k);
	return sign * __relibc_scale(e, k);
}
