/*
 * log, log2, log10 and log1p. x = 2^k m with m in [sqrt(1/2), sqrt(2));
 * m is multiplied by a table value invc ~ 1/c (c = 1 + j/128 nearest to
 * m) exactly, so r = m * invc - 1 is known to 106 bits and |r| < 1/170;
 * log(m) = -log(invc) + log1p(r), the series taken to r^10. The result is
 * kept as double-double, so log2/log10/pow lose nothing in the change of
 * base and exact cases (log10(1000) = 3) come out exact.
 */
#include <math.h>
#include "math/math_internal.h"

dd_t __relibc_log_core(double x, int *k)
{
	uint64_t i = asuint64(x);
	int be = (int)(i >> 52) & 0x7ff;
	int adj = 0;
	if (be == 0) {
		/* subnormal: scale into the normal range */
		x *= 0x1p54;
		i = asuint64(x);
		be = (int)(i >> 52) & 0x7ff;
		adj = 54;
	}
	*k = be - 1023 - adj;
	double m = asdouble((i & ((1ULL << 52) - 1)) | (1023ULL << 52));
	if (m > 0x1.6a09e667f3bcdp+0) {
		m *= 0.5;
		(*k)++;
	}
	int j = (int)((m - 1) * 128 + 128.5) - 128;
	const double *t = &__relibc_log_table[3 * (j - LOG_TABLE_MIN)];
	double invc = t[0];
	dd_t p = two_prod(m, invc);
	dd_t r = fast_two_sum(p.hi - 1.0, p.lo); /* p.hi - 1 is exact (Sterbenz) */
	double z = r.hi;
	dd_t r2 = two_prod(z, z);
	double poly =
	    z * z * z *
	    (1.0 / 3 -
	     z * (0.25 - z * (0.2 - z * (1.0 / 6 -
	                                 z * (1.0 / 7 - z * (0.125 - z * (1.0 / 9 - z * 0.1)))))));
	/* -log(invc) + r - r^2/2 + poly, summed in double-double */
	dd_t s = two_sum(t[1], z);
	dd_t s2 = two_sum(s.hi, -0.5 * r2.hi);
	double lo = s.lo + s2.lo + t[2] + r.lo - 0.5 * r2.lo - z * r.lo + poly;
	return fast_two_sum(s2.hi, lo);
}

static dd_t k_times(dd_t c, int k)
{
	dd_t p = two_prod((double)k, c.hi);
	return fast_two_sum(p.hi, p.lo + k * c.lo);
}

dd_t __relibc_log_dd(double x)
{
	int k;
	dd_t m = __relibc_log_core(x, &k);
	return dd_add(k_times(MC(LN2), k), m);
}

/* the special values all logarithms share; 1 if *out is the answer */
static int special(double x, double *out)
{
	if (isnan(x)) {
		*out = x + x;
		return 1;
	}
	if (x == 0) {
		*out = -1 / (x * x); /* -inf, divide by zero */
		return 1;
	}
	if (x < 0) {
		*out = (x - x) / (x - x); /* NaN, invalid */
		return 1;
	}
	if (isinf(x)) {
		*out = x;
		return 1;
	}
	return 0;
}

double log(double x)
{
	double r;
	if (special(x, &r))
		return r;
	return __relibc_log_dd(x).hi;
}

double log2(double x)
{
	double r;
	if (special(x, &r))
		return r;
	int k;
	dd_t m = dd_mul(__relibc_log_core(x, &k), MC(INV_LN2));
	dd_t s = two_sum((double)k, m.hi);
	return s.hi + (s.lo + m.lo);
}

double log10(double x)
{
	double r;
	if (special(x, &r))
		return r;
	int k;
	dd_t m = dd_mul(__relibc_log_core(x, &k), MC(INV_LN10));
	return dd_add(k_times(MC(LOG10_2), k), m).hi;
}

double log1p(double x)
{
	if (isnan(x))
		return x + x;
	if (x == -1)
		return -1 / (x + 1); /* -inf, divide by zero */
	if (x < -1)
		return (x - x) / (x - x);
	if (isinf(x))
		return x;
	if (fabs(x) < 0x1p-54)
		return x;
	/* 1 + x = u + c exactly; log(u + c) = log(u) + c/u to first order */
	dd_t u = two_sum(1.0, x);
	dd_t l = __relibc_log_dd(u.hi);
	return l.hi + (l.lo + u.lo / u.hi);
}
