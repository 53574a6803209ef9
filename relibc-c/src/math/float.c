/*
 * The float variants. Exact operations work on floats directly; the
 * others compute in double (about 29 more bits than a float has) and
 * round once to float, which gives the correctly rounded result except
 * in rare double-rounding cases.
 */
#include <math.h>
#include "math/math_internal.h"

#define VIA_DOUBLE1(fn)                                                                            \
	float fn##f(float x)                                                                       \
	{                                                                                          \
		return (float)fn((double)x);                                                       \
	}
#define VIA_DOUBLE2(fn)                                                                            \
	float fn##f(float x, float y)                                                              \
	{                                                                                          \
		return (float)fn((double)x, (double)y);                                            \
	}

float sqrtf(float x)
{
	float r;
	__asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
	return r;
}

VIA_DOUBLE1(cbrt)
VIA_DOUBLE1(fabs)
VIA_DOUBLE1(floor)
VIA_DOUBLE1(ceil)
VIA_DOUBLE1(trunc)
VIA_DOUBLE1(round)
VIA_DOUBLE1(rint)
VIA_DOUBLE1(nearbyint)
VIA_DOUBLE1(exp)
VIA_DOUBLE1(exp2)
VIA_DOUBLE1(expm1)
VIA_DOUBLE1(log)
VIA_DOUBLE1(log2)
VIA_DOUBLE1(log10)
VIA_DOUBLE1(log1p)
VIA_DOUBLE1(logb)
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
VIA_DOUBLE2(fmod)
VIA_DOUBLE2(remainder)
VIA_DOUBLE2(pow)
VIA_DOUBLE2(atan2)
VIA_DOUBLE2(hypot)
VIA_DOUBLE2(copysign)
VIA_DOUBLE2(fmin)
VIA_DOUBLE2(fmax)
VIA_DOUBLE2(fdim)

float nextafterf(float x, float y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		return copysignf(0x1p-149f, y);
	uint32_t i = asuint32(x);
	if ((x < y) == (x > 0))
		i++;
	else
		i--;
	return asfloat(i);
}

float nexttowardf(float x, long double y)
{
	if (isnan(x) || isnan(y))
		return x + (float)y;
	if ((long double)x == y)
		return (float)y;
	return nextafterf(x, (long double)x < y ? INFINITY : -INFINITY);
}

float fmaf(float x, float y, float z)
{
	/* the product is exact in double; the sum is rounded twice, rarely visibly */
	return (float)fma((double)x, (double)y, (double)z);
}

float modff(float x, float *ip)
{
	double i;
	float r = (float)modf((double)x, &i);
	*ip = (float)i;
	return r;
}

float frexpf(float x, int *e)
{
	return (float)frexp((double)x, e);
}

float ldexpf(float x, int e)
{
	return (float)ldexp((double)x, e);
}

float scalbnf(float x, int e)
{
	return (float)scalbn((double)x, e);
}

float scalblnf(float x, long e)
{
	return (float)scalbln((double)x, e);
}

int ilogbf(float x)
{
	return ilogb((double)x);
}

long lroundf(float x)
{
	return lround((double)x);
}

long long llroundf(float x)
{
	return llround((double)x);
}

long lrintf(float x)
{
	return lrint((double)x);
}

long long llrintf(float x)
{
	return llrint((double)x);
}

float remquof(float x, float y, int *q)
{
	return (float)remquo((double)x, (double)y, q);
}

float nanf(const char *tag)
{
	(void)tag;
	return __builtin_nanf("");
}
