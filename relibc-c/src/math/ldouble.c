/*
 * The long double (x87 80-bit) variants. Exact operations are exact on
 * long doubles (x87 instructions or integer conversions); the
 * transcendental ones compute in double, so their results carry double
 * precision only (documented in relibc-c/README.md).
 */
#include <math.h>
#include <stdint.h>
#include "math/math_internal.h"

#define VIA_DOUBLE1(fn)                                                                            \
	long double fn##l(long double x)                                                           \
	{                                                                                          \
		return fn((double)x);                                                              \
	}
#define VIA_DOUBLE2(fn)                                                                            \
	long double fn##l(long double x, long double y)                                            \
	{                                                                                          \
		return fn((double)x, (double)y);                                                   \
	}

VIA_DOUBLE1(cbrt)
VIA_DOUBLE1(exp)
VIA_DOUBLE1(exp2)
VIA_DOUBLE1(expm1)
VIA_DOUBLE1(log)
VIA_DOUBLE1(log2)
VIA_DOUBLE1(log10)
VIA_DOUBLE1(log1p)
VIA_DOUBLE1(sin)
VIA_DOUBLE1(cos)
VIA_DOUBLE1(tan)
VIA_DOUBLE1(asin)
VIA_DOUBLE1(acos)
VIA_DOUBLE1(atan)
VIA_DOUBLE1(sinh)
VIA_DOUBLE1(cosh)
VIA_DOUBLE1(tanh)
VIA_DOUBLE1(asinh)
VIA_DOUBLE1(acosh)
VIA_DOUBLE1(atanh)
VIA_DOUBLE2(pow)
VIA_DOUBLE2(atan2)
VIA_DOUBLE2(hypot)
VIA_DOUBLE2(remainder)

long double remquol(long double x, long double y, int *q)
{
	return remquo((double)x, (double)y, q);
}

long double fmal(long double x, long double y, long double z)
{
	return fma((double)x, (double)y, (double)z);
}

long double sqrtl(long double x)
{
	__asm__("fsqrt" : "+t"(x));
	return x;
}

long double fabsl(long double x)
{
	__asm__("fabs" : "+t"(x));
	return x;
}

union ld_bits {
	long double f;
	struct {
		uint64_t m;
		uint16_t se;
	} b;
};

long double copysignl(long double x, long double y)
{
	union ld_bits ux = {x}, uy = {y};
	ux.b.se = (uint16_t)((ux.b.se & 0x7fff) | (uy.b.se & 0x8000));
	return ux.f;
}

long double truncl(long double x)
{
	/* from 2^63 on every value is an integer; below, int64 conversion is exact */
	if (!(fabsl(x) < 0x1p63L))
		return x;
	long double t = (long double)(int64_t)x;
	return copysignl(t, x);
}

long double floorl(long double x)
{
	long double t = truncl(x);
	return t > x ? t - 1 : t;
}

long double ceill(long double x)
{
	long double t = truncl(x);
	return t < x ? t + 1 : t;
}

long double roundl(long double x)
{
	long double t = truncl(x), d = x - t;
	if (d >= 0.5L)
		return t + 1;
	if (d <= -0.5L)
		return t - 1;
	return t;
}

long double rintl(long double x)
{
	__asm__("frndint" : "+t"(x));
	return x;
}

long double nearbyintl(long double x)
{
	return rintl(x);
}

static long to_long(long double x)
{
	if (!(x >= -0x1p63L && x < 0x1p63L))
		return (long)(-0x7fffffffffffffffL - 1);
	return (long)x;
}

long lroundl(long double x)
{
	return to_long(roundl(x));
}

long long llroundl(long double x)
{
	return to_long(roundl(x));
}

long lrintl(long double x)
{
	return to_long(rintl(x));
}

long long llrintl(long double x)
{
	return to_long(rintl(x));
}

long double fmodl(long double x, long double y)
{
	/* fprem gives a partial remainder; repeat until it is complete (C2 clear) */
	unsigned short sw;
	do {
		__asm__("fprem; fnstsw %1" : "+t"(x), "=a"(sw) : "u"(y));
	} while (sw & 0x400);
	return x;
}

long double scalbnl(long double x, int n)
{
	if (n > 40000)
		n = 40000;
	if (n < -40000)
		n = -40000;
	long double e = n;
	__asm__("fscale" : "+t"(x) : "u"(e));
	return x;
}

long double scalblnl(long double x, long n)
{
	return scalbnl(x, n > 40000 ? 40000 : n < -40000 ? -40000 : (int)n);
}

long double ldexpl(long double x, int n)
{
	return scalbnl(x, n);
}

long double frexpl(long double x, int *e)
{
	union ld_bits u = {x};
	int be = u.b.se & 0x7fff;
	if (be == 0x7fff || x == 0) {
		*e = 0;
		return x;
	}
	if (be == 0) {
		/* denormal: normalize by scaling */
		x = frexpl(x * 0x1p64L, e);
		*e -= 64;
		return x;
	}
	*e = be - 16382;
	u.b.se = (uint16_t)((u.b.se & 0x8000) | 16382);
	return u.f;
}

int ilogbl(long double x)
{
	if (x == 0)
		return FP_ILOGB0;
	if (isnan(x))
		return FP_ILOGBNAN;
	if (isinf(x))
		return 2147483647;
	int e;
	frexpl(x, &e);
	return e - 1;
}

long double logbl(long double x)
{
	if (!isfinite(x))
		return x * x;
	if (x == 0)
		return -1 / (x * x);
	return ilogbl(x);
}

long double modfl(long double x, long double *ip)
{
	if (!isfinite(x)) {
		*ip = x;
		return isnan(x) ? x : copysignl(0, x);
	}
	long double t = truncl(x);
	*ip = t;
	return copysignl(x - t, x);
}

long double nextafterl(long double x, long double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		return copysignl(0x1p-16445L, y);
	union ld_bits u = {x};
	int up = (x < y) == (x > 0); /* away from zero */
	int be = u.b.se & 0x7fff;
	if (up) {
		if (u.b.m == ~0ULL) {
			u.b.m = 1ULL << 63;
			u.b.se++;
		} else if (be == 0 && u.b.m == (1ULL << 63) - 1) {
			u.b.m = 1ULL << 63; /* largest denormal -> smallest normal */
			u.b.se++;
		} else {
			u.b.m++;
		}
	} else {
		if (be > 1 && u.b.m == 1ULL << 63) {
			u.b.m = ~0ULL;
			u.b.se--;
		} else if (be == 1 && u.b.m == 1ULL << 63) {
			u.b.m = (1ULL << 63) - 1;
			u.b.se--;
		} else {
			u.b.m--;
		}
	}
	return u.f;
}

long double nexttowardl(long double x, long double y)
{
	return nextafterl(x, y);
}

long double fminl(long double x, long double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

long double fmaxl(long double x, long double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

long double fdiml(long double x, long double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	return x > y ? x - y : 0;
}

long double nanl(const char *tag)
{
	(void)tag;
	return __builtin_nanl("");
}
