/*
 * math.h: elementary functions. double is the working precision: the
 * float variants round a double result, the long double ones (except the
 * exact operations) go through double. Errors are reported by IEEE
 * exceptions and results, not errno (math_errhandling = MATH_ERREXCEPT).
 */
#ifndef _RELIBC_MATH_H
#define _RELIBC_MATH_H

#include <bits/cdefs.h>

__RELIBC_BEGIN_DECLS

typedef double double_t;
typedef float float_t;

#define FP_NAN       0
#define FP_INFINITE  1
#define FP_ZERO      2
#define FP_SUBNORMAL 3
#define FP_NORMAL    4

#define FP_ILOGB0   (-2147483647 - 1)
#define FP_ILOGBNAN (-2147483647 - 1)

#define MATH_ERRNO       1
#define MATH_ERREXCEPT   2
#define math_errhandling MATH_ERREXCEPT

/*
 * gcc and clang have builtins for the constants and classification
 * macros; other compilers (tcc) get the same from the bits of the value.
 * There, long double arguments are classified through double.
 */
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 4)
#define HUGE_VAL  __builtin_huge_val()
#define HUGE_VALF __builtin_huge_valf()
#define HUGE_VALL __builtin_huge_vall()
#define INFINITY  __builtin_inff()
#define NAN       __builtin_nanf("")

#define fpclassify(x)        __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
#define isnan(x)             __builtin_isnan(x)
#define isinf(x)             __builtin_isinf_sign(x)
#define isfinite(x)          __builtin_isfinite(x)
#define isnormal(x)          __builtin_isnormal(x)
#define signbit(x)           __builtin_signbit(x)
#define isgreater(x, y)      __builtin_isgreater(x, y)
#define isgreaterequal(x, y) __builtin_isgreaterequal(x, y)
#define isless(x, y)         __builtin_isless(x, y)
#define islessequal(x, y)    __builtin_islessequal(x, y)
#define islessgreater(x, y)  __builtin_islessgreater(x, y)
#define isunordered(x, y)    __builtin_isunordered(x, y)
#else
#define INFINITY  1e5000f
#define NAN       (0.0f / 0.0f)
#define HUGE_VAL  ((double)INFINITY)
#define HUGE_VALF INFINITY
#define HUGE_VALL ((long double)INFINITY)

static __inline int __relibc_fpclassifyf(float x)
{
	union {
		float f;
		unsigned i;
	} u = {x};
	unsigned e = (u.i >> 23) & 0xff;
	if (!e)
		return u.i << 1 ? FP_SUBNORMAL : FP_ZERO;
	if (e == 0xff)
		return u.i << 9 ? FP_NAN : FP_INFINITE;
	return FP_NORMAL;
}

static __inline int __relibc_fpclassify(double x)
{
	union {
		double f;
		unsigned long long i;
	} u = {x};
	unsigned e = (u.i >> 52) & 0x7ff;
	if (!e)
		return u.i << 1 ? FP_SUBNORMAL : FP_ZERO;
	if (e == 0x7ff)
		return u.i << 12 ? FP_NAN : FP_INFINITE;
	return FP_NORMAL;
}

static __inline int __relibc_signbit(double x)
{
	union {
		double f;
		unsigned long long i;
	} u = {x};
	return (int)(u.i >> 63);
}

#define fpclassify(x)                                                                              \
	(sizeof(x) == sizeof(float) ? __relibc_fpclassifyf(x) : __relibc_fpclassify(x))
#define isnan(x)             (fpclassify(x) == FP_NAN)
#define isinf(x)             (fpclassify(x) == FP_INFINITE)
#define isfinite(x)          (fpclassify(x) > FP_INFINITE)
#define isnormal(x)          (fpclassify(x) == FP_NORMAL)
#define signbit(x)           __relibc_signbit(x)
#define isunordered(x, y)    (isnan(x) || isnan(y))
#define isgreater(x, y)      (!isunordered(x, y) && (x) > (y))
#define isgreaterequal(x, y) (!isunordered(x, y) && (x) >= (y))
#define isless(x, y)         (!isunordered(x, y) && (x) < (y))
#define islessequal(x, y)    (!isunordered(x, y) && (x) <= (y))
#define islessgreater(x, y)  (!isunordered(x, y) && ((x) < (y) || (x) > (y)))
#endif

#define M_E        2.7182818284590452354
#define M_LOG2E    1.4426950408889634074
#define M_LOG10E   0.43429448190325182765
#define M_LN2      0.69314718055994530942
#define M_LN10     2.30258509299404568402
#define M_PI       3.14159265358979323846
#define M_PI_2     1.57079632679489661923
#define M_PI_4     0.78539816339744830962
#define M_1_PI     0.31830988618379067154
#define M_2_PI     0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2    1.41421356237309504880
#define M_SQRT1_2  0.70710678118654752440

/* Declares f(args) for double, float (f##f) and long double (f##l). */
#define __RELIBC_MATH1(fn)                                                                         \
	double fn(double);                                                                         \
	float fn##f(float);                                                                        \
	long double fn##l(long double)
#define __RELIBC_MATH2(fn)                                                                         \
	double fn(double, double);                                                                 \
	float fn##f(float, float);                                                                 \
	long double fn##l(long double, long double)

__RELIBC_MATH1(sqrt);
__RELIBC_MATH1(cbrt);
__RELIBC_MATH1(fabs);
__RELIBC_MATH1(floor);
__RELIBC_MATH1(ceil);
__RELIBC_MATH1(trunc);
__RELIBC_MATH1(round);
__RELIBC_MATH1(rint);
__RELIBC_MATH1(nearbyint);
__RELIBC_MATH1(exp);
__RELIBC_MATH1(exp2);
__RELIBC_MATH1(expm1);
__RELIBC_MATH1(log);
__RELIBC_MATH1(log2);
__RELIBC_MATH1(log10);
__RELIBC_MATH1(log1p);
__RELIBC_MATH1(logb);
__RELIBC_MATH1(sin);
__RELIBC_MATH1(cos);
__RELIBC_MATH1(tan);
__RELIBC_MATH1(asin);
__RELIBC_MATH1(acos);
__RELIBC_MATH1(atan);
__RELIBC_MATH1(sinh);
__RELIBC_MATH1(cosh);
__RELIBC_MATH1(tanh);
__RELIBC_MATH1(asinh);
__RELIBC_MATH1(acosh);
__RELIBC_MATH1(atanh);
__RELIBC_MATH2(fmod);
__RELIBC_MATH2(remainder);
__RELIBC_MATH2(pow);
__RELIBC_MATH2(atan2);
__RELIBC_MATH2(hypot);
__RELIBC_MATH2(copysign);
__RELIBC_MATH2(fmin);
__RELIBC_MATH2(fmax);
__RELIBC_MATH2(fdim);
__RELIBC_MATH2(nextafter);

double fma(double x, double y, double z);
float fmaf(float x, float y, float z);
long double fmal(long double x, long double y, long double z);
double modf(double x, double *ip);
float modff(float x, float *ip);
long double modfl(long double x, long double *ip);
double frexp(double x, int *e);
float frexpf(float x, int *e);
long double frexpl(long double x, int *e);
double ldexp(double x, int e);
float ldexpf(float x, int e);
long double ldexpl(long double x, int e);
double scalbn(double x, int e);
float scalbnf(float x, int e);
long double scalbnl(long double x, int e);
double scalbln(double x, long e);
float scalblnf(float x, long e);
long double scalblnl(long double x, long e);
int ilogb(double x);
int ilogbf(float x);
int ilogbl(long double x);
long lround(double x);
long lroundf(float x);
long lroundl(long double x);
long long llround(double x);
long long llroundf(float x);
long long llroundl(long double x);
long lrint(double x);
long lrintf(float x);
long lrintl(long double x);
long long llrint(double x);
long long llrintf(float x);
long long llrintl(long double x);
double remquo(double x, double y, int *q);
float remquof(float x, float y, int *q);
long double remquol(long double x, long double y, int *q);
double nan(const char *tag);
float nanf(const char *tag);
long double nanl(const char *tag);
double nexttoward(double x, long double y);
float nexttowardf(float x, long double y);
long double nexttowardl(long double x, long double y);

__RELIBC_END_DECLS

#endif
