/*
 * exp, exp2 and expm1. x = (128 k + j) ln2/128 + r with |r| <= ln2/256;
 * exp(x) = 2^k * 2^(j/128) * exp(r), the middle factor from a table
 * (as hi + lo), exp(r) from its Taylor series to r^7. The core returns
 * the product as double-double so pow and expm1 keep the extra bits.
 */
#include <math.h>
#include "math/math_internal.h"

static const double inv_ln2_n = 0x1.71547652b82fep+7; /* 128 / ln2 */
/* ln2/128 in two parts; the first has 32 bits so k * it is exact */
static const double ln2_n_hi = 0x1.62e42fee00000p-8;
static const double ln2_n_lo = 0x1.a39ef35793c76p-40;
static const double round_shift = 0x1.8p52; /* adding it rounds to an integer */

/* 2^(ki/128) * exp(r) as t * 2^k */
static dd_t exp_tail(int ki, double r, int *k)
{
	int j = ki & (EXP_TABLE_N - 1);
	*k = (ki - j) / EXP_TABLE_N;
	double p =
	    r +
	    r * r *
	        (0.5 + r * (1.0 / 6 +
	                    r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040))))));
	double th = __relibc_exp2_table[2 * j], tl = __relibc_exp2_table[2 * j + 1];
	return fast_two_sum(th, tl + th * p);
}

dd_t __relibc_exp_core(double hi, double lo, int *k)
{
	double kd = (hi * inv_ln2_n + round_shift) - round_shift;
	/* the first subtraction is exact: kd * ln2_n_hi is, and close to hi */
	double r = (hi - kd * ln2_n_hi) - kd * ln2_n_lo + lo;
	return exp_tail((int)kd, r, k);
}

double __relibc_scale(dd_t t, int k)
{
	return scalbn(t.hi + t.lo, k);
}

double exp(double x)
{
	if (isnan(x))
		return x + x;
	if (x > 709.79)
		return 0x1p1023 * 2; /* overflow */
	if (x < -745.2)
		return 0x1p-1022 * 0x1p-1022; /* underflow to zero */
	if (fabs(x) < 0x1p-54)
		return 1 + x;
	int k;
	dd_t t = __relibc_exp_core(x, 0, &k);
	return __relibc_scale(t, k);
}

double exp2(double x)
{
	if (isnan(x))
		return x + x;
	if (x >= 1024)
		return 0x1p1023 * 2;
	if (x < -1075)
		return 0x1p-1022 * 0x1p-1022;
	double kd = (x * EXP_TABLE_N + round_shift) - round_shift;
	/* x - kd/128 is exact; times ln2 in two parts */
	double f = x - kd / EXP_TABLE_N;
	dd_t ln2 = MC(LN2);
	dd_t r = two_prod(f, ln2.hi);
	int k;
	dd_t t = exp_tail((int)kd, r.hi + (r.lo + f * ln2.lo), &k);
	return __relibc_scale(t, k);
}

/* expm1 for |x| < 0.3466 by its Taylor series: x + x^2 p, p to x^14/16! */
static double expm1_poly(double x)
{
	static const double inv_fact[] = {
	    1.0 / 1307674368000.0,
	    1.0 / 87178291200.0,
	    1.0 / 6227020800.0,
	    1.0 / 479001600.0,
	    1.0 / 39916800.0,
	    1.0 / 3628800.0,
	    1.0 / 362880.0,
	    1.0 / 40320.0,
	    1.0 / 5040.0,
	    1.0 / 720.0,
	    1.0 / 120.0,
	    1.0 / 24.0,
	    1.0 / 6.0,
	    0.5,
	};
	double p = 1.0 / 20922789888000.0;
	for (unsigned i = 0; i < sizeof inv_fact / sizeof inv_fact[0]; i++)
		p = inv_fact[i] + x * p;
	return p;
}

dd_t __relibc_expm1_dd(double x)
{
	if (fabs(x) < 0.3466) {
		double p = expm1_poly(x);
		dd_t x2 = two_prod(x, x);
		return fast_two_sum(x, x2.hi * p + x2.lo * p);
	}
	int k;
	dd_t t = __relibc_exp_core(x, 0, &k);
	/* exp(x) - 1 with exp(x) as double-double: only one rounding */
	dd_t s = two_sum(scalbn(t.hi, k), -1.0);
	return fast_two_sum(s.hi, s.lo + scalbn(t.lo, k));
}

double expm1(double x)
{
	if (isnan(x))
		return x + x;
	if (x > 709.79)
		return 0x1p1023 * 2;
	if (x < -38) {
		force_eval(0x1p-1000 + 1); /* inexact */
		return -1;
	}
	if (fabs(x) < 0x1p-54)
		return x;
	if (fabs(x) < 0.3466)
		return x + x * x * expm1_poly(x);
	return __relibc_expm1_dd(x).hi;
}
