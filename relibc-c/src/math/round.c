/*
 * Rounding to integers: floor, ceil, trunc, round, rint, nearbyint and
 * the conversions to long. Values of magnitude 2^52 and up are already
 * integers; below that, the fraction bits are cleared from the bits.
 */
#include <math.h>
#include <stdint.h>
#include "math/math_internal.h"

double trunc(double x)
{
	uint64_t i = asuint64(x);
	int e = (int)((i >> 52) & 0x7ff) - 1023;
	if (e >= 52)
		return x;
	if (e < 0)
		return asdouble(i & (1ULL << 63));
	uint64_t frac = ((1ULL << 52) - 1) >> e;
	return asdouble(i & ~frac);
}

double floor(double x)
{
	double t = trunc(x);
	return t > x ? t - 1 : t;
}

double ceil(double x)
{
	double t = trunc(x);
	return t < x ? t + 1 : t;
}

double round(double x)
{
	double t = trunc(x);
	double d = x - t; /* exact: the fraction */
	if (d >= 0.5)
		return t + 1;
	if (d <= -0.5)
		return t - 1;
	return t;
}

/* round to nearest, ties to even (the default rounding mode) */
double rint(double x)
{
	uint64_t i = asuint64(x);
	int e = (int)((i >> 52) & 0x7ff) - 1023;
	if (e >= 52)
		return x;
	/* adding and removing 2^52 leaves no fraction bits, rounded to even */
	volatile double big = signbit(x) ? -0x1p52 : 0x1p52;
	double r = (x + big) - big;
	return r == 0 ? copysign(0, x) : r;
}

double nearbyint(double x)
{
	return rint(x);
}

/* out of range (and NaN) gives LONG_MIN, as the x86 conversion does */
static long to_long(double x)
{
	if (!(x >= -0x1p63 && x < 0x1p63))
		return (long)(-0x7fffffffffffffffL - 1);
	return (long)x;
}

long lround(double x)
{
	return to_long(round(x));
}

long long llround(double x)
{
	return to_long(round(x));
}

long lrint(double x)
{
	return to_long(rint(x));
}

long long llrint(double x)
{
	return to_long(rint(x));
}
