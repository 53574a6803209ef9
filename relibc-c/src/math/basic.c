/*
 * Exact operations on doubles by bit manipulation: sign, exponent and
 * neighbour functions, min/max, and the constant NaN.
 */
#include <math.h>
#include <stdint.h>
#include "math/math_internal.h"

double fabs(double x)
{
	return asdouble(asuint64(x) & ~(1ULL << 63));
}

double copysign(double x, double y)
{
	return asdouble((asuint64(x) & ~(1ULL << 63)) | (asuint64(y) & (1ULL << 63)));
}

double nan(const char *tag)
{
	(void)tag;
	return __builtin_nan("");
}

double fmin(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y) /* -0 is the smaller zero */
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

double fmax(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

double fdim(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	return x > y ? x - y : 0;
}

double nextafter(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		return copysign(0x1p-1074, y);
	uint64_t i = asuint64(x);
	/* away from zero when moving in the direction of x's sign */
	if ((x < y) == (x > 0))
		i++;
	else
		i--;
	double r = asdouble(i);
	force_eval(r * r); /* overflow/underflow flags */
	return r;
}

double nexttoward(double x, long double y)
{
	if (isnan(x) || isnan(y))
		return x + (double)y;
	if ((long double)x == y)
		return (double)y;
	return nextafter(x, (long double)x < y ? INFINITY : -INFINITY);
}

double frexp(double x, int *e)
{
	uint64_t i = asuint64(x);
	int be = (int)(i >> 52) & 0x7ff;
	if (be == 0) {
		if (x == 0) {
			*e = 0;
			return x;
		}
		/* subnormal: normalize first */
		x = frexp(x * 0x1p64, e);
		*e -= 64;
		return x;
	}
	if (be == 0x7ff) {
		*e = 0;
		return x;
	}
	*e = be - 1022;
	return asdouble((i & ~(0x7ffULL << 52)) | (1022ULL << 52));
}

double scalbn(double x, int n)
{
	/* steps keep every product but the last exact, so it rounds once */
	if (n > 1023) {
		x *= 0x1p1023;
		n -= 1023;
		if (n > 1023) {
			x *= 0x1p1023;
			n -= 1023;
			if (n > 1023)
				n = 1023;
		}
	} else if (n < -1022) {
		x *= 0x1p-1022 * 0x1p53;
		n += 1022 - 53;
		if (n < -1022) {
			x *= 0x1p-1022 * 0x1p53;
			n += 1022 - 53;
			if (n < -1022)
				n = -1022;
		}
	}
	return x * asdouble((uint64_t)(0x3ff + n) << 52);
}

double scalbln(double x, long n)
{
	if (n > 100000)
		n = 100000;
	if (n < -100000)
		n = -100000;
	return scalbn(x, (int)n);
}

double ldexp(double x, int n)
{
	return scalbn(x, n);
}

int ilogb(double x)
{
	uint64_t i = asuint64(x);
	int be = (int)(i >> 52) & 0x7ff;
	if (be == 0) {
		if (x == 0)
			return FP_ILOGB0;
		int e;
		frexp(x, &e);
		return e - 1;
	}
	if (be == 0x7ff)
		return (i << 12) ? FP_ILOGBNAN : 2147483647;
	return be - 1023;
}

double logb(double x)
{
	if (!isfinite(x))
		return x * x;
	if (x == 0)
		return -1 / (x * x);
	return ilogb(x);
}

double modf(double x, double *ip)
{
	if (!isfinite(x)) {
		*ip = x;
		return isnan(x) ? x : copysign(0, x);
	}
	double t = trunc(x);
	*ip = t;
	return copysign(x - t, x);
}
