/*
 * Hyperbolic functions and their inverses. sinh, cosh and tanh use
 * their Taylor series near zero and exp/expm1 in double-double elsewhere;
 * the inverses use log/log1p with the usual rearrangements that avoid
 * cancellation near zero and overflow near the top of the range.
 */
#include <math.h>
#include "math/math_internal.h"

static dd_t dd_neg(dd_t a)
{
	return (dd_t){-a.hi, -a.lo};
}

/* exp(ax) as double-double, for ax < 22 */
static dd_t exp_dd(double ax)
{
	int k;
	dd_t t = __relibc_exp_core(ax, 0, &k);
	return (dd_t){scalbn(t.hi, k), scalbn(t.lo, k)};
}

/* exp(ax) / 2 for 22 <= ax (where exp(-ax) no longer matters),
 * overflowing only when the result does */
static double half_exp_big(double ax)
{
	if (ax > 711)
		return 0x1p1023 * 2;
	int k;
	dd_t t = __relibc_exp_core(ax, 0, &k);
	return scalbn(t.hi + t.lo, k - 1);
}

double sinh(double x)
{
	double ax = fabs(x), r;
	if (!isfinite(x) || ax < 0x1p-28)
		return x + x * 0x1p-60;
	if (ax < 1) {
		/* x + x^3/3! + ... through x^21/21! */
		double z = x * x, p = 1.0 / 51090942171709440000.0;
		static const double c[] = {1.0 / 121645100408832000.0,
		                           1.0 / 355687428096000.0,
		                           1.0 / 1307674368000.0,
		                           1.0 / 6227020800.0,
		                           1.0 / 39916800.0,
		                           1.0 / 362880.0,
		                           1.0 / 5040.0,
		                           1.0 / 120.0,
		                           1.0 / 6.0};
		for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++)
			p = c[i] + z * p;
		return x + x * z * p;
	}
	if (ax < 22) {
		dd_t e = exp_dd(ax);
		r = 0.5 * dd_add(e, dd_neg(dd_div((dd_t){1, 0}, e))).hi;
	} else {
		r = half_exp_big(ax);
	}
	return x < 0 ? -r : r;
}

double cosh(double x)
{
	double ax = fabs(x);
	if (isnan(x))
		return x + x;
	if (ax < 0x1p-27)
		return 1;
	if (ax < 1) {
		/* 1 + x^2/2! + ... through x^20/20! */
		double z = x * x, p = 1.0 / 2432902008176640000.0;
		static const double c[] = {1.0 / 6402373705728000.0,
		                           1.0 / 20922789888000.0,
		                           1.0 / 87178291200.0,
		                           1.0 / 479001600.0,
		                           1.0 / 3628800.0,
		                           1.0 / 40320.0,
		                           1.0 / 720.0,
		                           1.0 / 24.0,
		                           0.5};
		for (unsigned i = 0; i < sizeof c / sizeof c[0]; i++)
			p = c[i] + z * p;
		return 1 + z * p;
	}
	if (ax < 22) {
		dd_t e = exp_dd(ax);
		return 0.5 * dd_add(e, dd_div((dd_t){1, 0}, e)).hi;
	}
	return half_exp_big(ax);
}

double tanh(double x)
{
	double ax = fabs(x), r;
	if (isnan(x))
		return x + x;
	if (ax < 0x1p-28)
		return x;
	if (ax > 22) {
		r = 1 - 0x1p-1000; /* rounds to 1, inexact */
	} else {
		/* u / (u + 2) with u = exp(2|x|) - 1 */
		dd_t u = __relibc_expm1_dd(2 * ax);
		r = dd_div(u, dd_add(u, (dd_t){2, 0})).hi;
	}
	return x < 0 ? -r : r;
}

double asinh(double x)
{
	double ax = fabs(x), r;
	if (!isfinite(x) || ax < 0x1p-28)
		return x + x * 0x1p-60;
	if (ax > 0x1p28)
		r = log(ax) + MC(LN2).hi;
	else if (ax > 2)
		r = log(2 * ax + 1 / (sqrt(ax * ax + 1) + ax));
	else
		r = log1p(ax + ax * ax / (1 + sqrt(1 + ax * ax)));
	return x < 0 ? -r : r;
}

double acosh(double x)
{
	if (isnan(x))
		return x + x;
	if (x < 1)
		return (x - x) / (x - x);
	if (x > 0x1p28)
		return isinf(x) ? x : log(x) + MC(LN2).hi;
	if (x > 2)
		return log(2 * x - 1 / (x + sqrt(x * x - 1)));
	double t = x - 1;
	return log1p(t + sqrt(2 * t + t * t));
}

double atanh(double x)
{
	double ax = fabs(x), r;
	if (isnan(x))
		return x + x;
	if (ax > 1)
		return (x - x) / (x - x);
	if (ax == 1)
		return x / 0.0;
	if (ax < 0x1p-28)
		return x;
	if (ax < 0.5)
		r = 0.5 * log1p(2 * ax + 2 * ax * ax / (1 - ax));
	else
		r = 0.5 * log1p(2 * ax / (1 - ax));
	return x < 0 ? -r : r;
}
